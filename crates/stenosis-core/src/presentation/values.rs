//! The values of a Presentation's fields: their limits, the record id, the compact optional
//! whole number, and the checks that refuse a bad value with an [`InputError`] naming the field
//! (shared by the setters and the JSON parser).

use core::fmt;

use serde::{Serialize, Serializer};

use crate::error::{closest, describe_key, InputError, InputErrorKind};
use crate::vocab::{Finding, Status};

/// Largest accepted `age_years`.
pub const AGE_YEARS_MAX: u8 = 120;
/// Largest accepted `mjoa` (18 = no deficit, Benzel 18-point scale).
pub const MJOA_MAX: u8 = 18;
/// Largest accepted `symptom_duration_months`.
pub const SYMPTOM_DURATION_MONTHS_MAX: f64 = 1200.0;
/// Largest accepted `ankle_brachial_index`.
pub const ANKLE_BRACHIAL_INDEX_MAX: f64 = 3.0;

/// Longest accepted record `id`, in characters.
pub const RECORD_ID_MAX_LEN: usize = 64;

/// An opaque record key carried from a Presentation to its Assessment (a batch line's or a
/// cohort row's id): 1 to [`RECORD_ID_MAX_LEN`] characters, each an ASCII letter, digit, `.`, `_`, `:` or `-`.
/// Held inline (`Copy`, no allocation); the engine never reads it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordId {
    len: u8,
    bytes: [u8; RECORD_ID_MAX_LEN],
}

impl RecordId {
    /// The id, checked; the error names the field `id` and never repeats the value.
    ///
    /// ```
    /// use stenosis_core::RecordId;
    /// assert_eq!(RecordId::new("mrn:000123-a")?.as_str(), "mrn:000123-a");
    /// assert_eq!(RecordId::new("two words").unwrap_err().field(), Some("id"));
    /// # Ok::<(), stenosis_core::InputError>(())
    /// ```
    pub fn new(s: &str) -> Result<RecordId, InputError> {
        Self::parse(s)
            .ok_or_else(|| InputError::new(InputErrorKind::InvalidValue, Some("id".to_owned()), &record_id_rule()))
    }

    fn parse(s: &str) -> Option<RecordId> {
        let ok = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-');
        if s.is_empty() || s.len() > RECORD_ID_MAX_LEN || !s.bytes().all(|b| ok(&b)) {
            return None;
        }
        let mut bytes = [0u8; RECORD_ID_MAX_LEN];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(RecordId { len: u8::try_from(s.len()).ok()?, bytes })
    }

    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.bytes.get(..usize::from(self.len)).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for RecordId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a record id must be, for messages.
pub(super) fn record_id_rule() -> String {
    format!(
        "must be 1 to {RECORD_ID_MAX_LEN} characters, each an ASCII letter or digit, '.', '_', ':' or '-' (or null)"
    )
}

/// An optional whole number from 0 to 254, stored in one always-initialised byte (255 = not
/// given) instead of an `Option<u8>`.
///
/// Why: `Option<u8>` is a tag byte plus a payload byte that stays uninitialised for `None`.
/// Optimised code reads both bytes at once, which is correct, but valgrind memcheck cannot tell
/// and reports "uninitialised value" errors that reach the C caller's own `strlen`/`printf`
/// (issue 12). A byte that is always written keeps the release library clean under memcheck.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct SmallWhole(u8);

impl SmallWhole {
    pub(super) const NONE: SmallWhole = SmallWhole(u8::MAX);

    /// Every caller passes a value already checked against a maximum of at most 120.
    pub(super) const fn new(v: Option<u8>) -> Self {
        match v {
            Some(x) if x != u8::MAX => SmallWhole(x),
            _ => SmallWhole::NONE,
        }
    }

    pub(super) const fn get(self) -> Option<u8> {
        if self.0 == u8::MAX {
            None
        } else {
            Some(self.0)
        }
    }
}

impl Default for SmallWhole {
    fn default() -> Self {
        SmallWhole::NONE
    }
}

impl fmt::Debug for SmallWhole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// A number for a message: as written up to 15 significant digits, else in exponent form, so
/// that `1e308` is never spelled out with 309 digits.
fn compact(v: f64) -> String {
    if v.abs() < 1e15 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

pub(super) fn whole_in_range(field: &str, v: i64, max: u8) -> Result<u8, InputError> {
    u8::try_from(v).ok().filter(|x| *x <= max).ok_or_else(|| {
        InputError::new(
            InputErrorKind::OutOfRange,
            Some(field.to_owned()),
            &format!("{v} is out of range: must be a whole number from 0 to {max}"),
        )
    })
}

pub(super) fn real_in_range(field: &str, v: f64, max: f64) -> Result<f64, InputError> {
    if !v.is_finite() {
        return Err(InputError::new(
            InputErrorKind::NotANumber,
            Some(field.to_owned()),
            &format!("must be a finite number from 0 to {max}, not NaN or infinity"),
        ));
    }
    if !(0.0..=max).contains(&v) {
        return Err(InputError::new(
            InputErrorKind::OutOfRange,
            Some(field.to_owned()),
            &format!("{} is out of range: must be a number from 0 to {max}", compact(v)),
        ));
    }
    Ok(v)
}

pub(super) fn whole_from_real(field: &str, v: f64, max: u8) -> Result<u8, InputError> {
    if !v.is_finite() {
        return Err(InputError::new(
            InputErrorKind::NotANumber,
            Some(field.to_owned()),
            &format!("must be a whole number from 0 to {max}, not NaN or infinity"),
        ));
    }
    if v.fract() != 0.0 || !(0.0..=f64::from(max)).contains(&v) {
        return Err(InputError::new(
            InputErrorKind::OutOfRange,
            Some(field.to_owned()),
            &format!("{} is out of range: must be a whole number from 0 to {max}", compact(v)),
        ));
    }
    // In range 0..=max and whole, so the conversion is exact.
    whole_in_range(field, v as i64, max)
}

/// Parses a finding id, suggesting the closest known id when it is unknown.
pub fn parse_finding_id(id: &str) -> Result<Finding, InputError> {
    Finding::from_id(id).ok_or_else(|| {
        let field = describe_key(id).map_or_else(|| "findings".to_owned(), |k| format!("findings.{k}"));
        let suggestion = closest(id, Finding::ALL.iter().map(|f| f.id()));
        let reason = match suggestion {
            Some(s) => format!("unknown finding id; did you mean \"{s}\"?"),
            None => "unknown finding id (see `stenosis findings` for the vocabulary)".to_owned(),
        };
        InputError::new(InputErrorKind::UnknownFinding, Some(field), &reason).suggesting(suggestion)
    })
}

/// `"present", "absent" or "unknown"`: a finding's statuses, for messages (from the vocabulary,
/// in the order people read them).
pub(super) fn statuses() -> String {
    let [a, b, c] = [Status::Present, Status::Absent, Status::Unknown].map(Status::id);
    format!("\"{a}\", \"{b}\" or \"{c}\"")
}

pub(super) fn parse_status(f: Finding, s: &str) -> Result<Status, InputError> {
    Status::from_id(s).ok_or_else(|| {
        InputError::new(
            InputErrorKind::InvalidValue,
            Some(format!("findings.{}", f.id())),
            &format!("must be {}", statuses()),
        )
    })
}

pub(super) fn parse_enum<'a, T>(
    field: &str,
    s: &str,
    parse: fn(&str) -> Option<T>,
    allowed: impl Iterator<Item = &'a str>,
) -> Result<T, InputError> {
    parse(s).ok_or_else(|| {
        let list: Vec<String> = allowed.map(|a| format!("\"{a}\"")).collect();
        InputError::new(
            InputErrorKind::InvalidValue,
            Some(field.to_owned()),
            &format!("must be one of {}", list.join(", ")),
        )
    })
}
