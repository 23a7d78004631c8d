//! The input: what is known about a patient with leg symptoms.

use core::cell::Cell;
use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{closest, describe_key, InputError, InputErrorKind};
use crate::vocab::{Course, Finding, Sex, Status};

/// Largest accepted `age_years`.
pub const AGE_YEARS_MAX: u8 = 120;
/// Largest accepted `mjoa` (18 = no deficit, Benzel 18-point scale).
pub const MJOA_MAX: u8 = 18;
/// Largest accepted `symptom_duration_months`.
pub const SYMPTOM_DURATION_MONTHS_MAX: f64 = 1200.0;
/// Largest accepted `ankle_brachial_index`.
pub const ANKLE_BRACHIAL_INDEX_MAX: f64 = 3.0;

pub use crate::fields::PRESENTATION_FIELDS;

/// Longest accepted record `id`, in characters.
pub const RECORD_ID_MAX_LEN: usize = 64;

/// An opaque record key carried from a Presentation to its Assessment (a batch line's or a
/// cohort row's id): 1 to 64 characters, each an ASCII letter, digit, `.`, `_`, `:` or `-`.
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
            .ok_or_else(|| InputError::new(InputErrorKind::InvalidValue, Some("id".to_owned()), RECORD_ID_RULE))
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

const RECORD_ID_RULE: &str = "must be 1 to 64 characters, each a letter, digit, '.', '_', ':' or '-' (or null)";

/// The status of every finding, as two bit masks (present, absent); a finding in neither is
/// unknown. `Copy`, 16 bytes, no allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FindingSet {
    present: u128,
    absent: u128,
}

impl FindingSet {
    /// The status of one finding.
    #[must_use]
    pub const fn get(&self, f: Finding) -> Status {
        if self.present & f.bit() != 0 {
            Status::Present
        } else if self.absent & f.bit() != 0 {
            Status::Absent
        } else {
            Status::Unknown
        }
    }

    /// A set from two bit masks indexed by [`Finding::code`] (bit `f.code()` of `present` for a
    /// present finding, of `absent` for an absent one), as a columnar reader builds them. A bit
    /// set in both masks counts as present; bits that name no finding are dropped.
    #[must_use]
    pub const fn from_masks(present: u128, absent: u128) -> FindingSet {
        let all = Self::ALL_BITS;
        FindingSet { present: present & all, absent: absent & !present & all }
    }

    /// The bits of every finding in the vocabulary (codes are the positions `0..len`).
    const ALL_BITS: u128 = if Finding::ALL.len() >= 128 { u128::MAX } else { (1u128 << Finding::ALL.len()) - 1 };

    /// Sets the status of one finding (`Unknown` clears it).
    pub fn set(&mut self, f: Finding, s: Status) {
        self.present &= !f.bit();
        self.absent &= !f.bit();
        match s {
            Status::Present => self.present |= f.bit(),
            Status::Absent => self.absent |= f.bit(),
            Status::Unknown => {}
        }
    }

    /// True when the finding is present.
    #[must_use]
    pub const fn has(&self, f: Finding) -> bool {
        self.present & f.bit() != 0
    }

    /// True when the finding was looked for and is absent.
    #[must_use]
    pub const fn lacks(&self, f: Finding) -> bool {
        self.absent & f.bit() != 0
    }

    /// True when the finding was assessed (present or absent).
    #[must_use]
    pub const fn known(&self, f: Finding) -> bool {
        (self.present | self.absent) & f.bit() != 0
    }

    /// The assessed findings with their status, in vocabulary order.
    pub fn assessed(&self) -> impl Iterator<Item = (Finding, Status)> + '_ {
        Finding::ALL.iter().filter_map(move |&f| match self.get(f) {
            Status::Unknown => None,
            s => Some((f, s)),
        })
    }

    pub(crate) const fn present_mask(&self) -> u128 {
        self.present
    }

    pub(crate) const fn absent_mask(&self) -> u128 {
        self.absent
    }
}

/// What is known about a patient with leg symptoms. Every value held is valid: the setters and
/// the JSON parser refuse bad input with an [`InputError`] naming the field, so
/// [`crate::assess`] is total.
///
/// ```
/// use stenosis_core::{Presentation, Finding, Status, Course};
/// let mut p = Presentation::new();
/// p.set_age_years(Some(67))?;
/// p.set_course(Some(Course::Progressive));
/// p.set_finding(Finding::HoffmannSign, Status::Present);
/// assert_eq!(p.finding(Finding::HoffmannSign), Status::Present);
/// assert!(p.set_mjoa(Some(19)).is_err());
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Presentation {
    age_years: SmallWhole,
    sex: Option<Sex>,
    course: Option<Course>,
    symptom_duration_months: Option<f64>,
    mjoa: SmallWhole,
    ankle_brachial_index: Option<f64>,
    findings: FindingSet,
    id: Option<RecordId>,
}

/// An optional whole number from 0 to 254, stored in one always-initialised byte (255 = not
/// given) instead of an `Option<u8>`.
///
/// Why: `Option<u8>` is a tag byte plus a payload byte that stays uninitialised for `None`.
/// Optimised code reads both bytes at once, which is correct, but valgrind memcheck cannot tell
/// and reports "uninitialised value" errors that reach the C caller's own `strlen`/`printf`
/// (issue 12). A byte that is always written keeps the release library clean under memcheck.
#[derive(Clone, Copy, PartialEq, Eq)]
struct SmallWhole(u8);

impl SmallWhole {
    const NONE: SmallWhole = SmallWhole(u8::MAX);

    /// Every caller passes a value already checked against a maximum of at most 120.
    const fn new(v: Option<u8>) -> Self {
        match v {
            Some(x) if x != u8::MAX => SmallWhole(x),
            _ => SmallWhole::NONE,
        }
    }

    const fn get(self) -> Option<u8> {
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

fn whole_in_range(field: &str, v: i64, max: u8) -> Result<u8, InputError> {
    u8::try_from(v).ok().filter(|x| *x <= max).ok_or_else(|| {
        InputError::new(
            InputErrorKind::OutOfRange,
            Some(field.to_owned()),
            &format!("{v} is out of range: must be a whole number from 0 to {max}"),
        )
    })
}

fn real_in_range(field: &str, v: f64, max: f64) -> Result<f64, InputError> {
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

fn whole_from_real(field: &str, v: f64, max: u8) -> Result<u8, InputError> {
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

impl Presentation {
    /// An empty presentation: nothing assessed.
    #[must_use]
    pub const fn new() -> Self {
        Presentation {
            age_years: SmallWhole::NONE,
            sex: None,
            course: None,
            symptom_duration_months: None,
            mjoa: SmallWhole::NONE,
            ankle_brachial_index: None,
            findings: FindingSet { present: 0, absent: 0 },
            id: None,
        }
    }

    /// Parses a Presentation from JSON text, refusing unknown fields, unknown finding ids, wrong
    /// types, out-of-range numbers and malformed JSON with an error naming the field.
    ///
    /// ```
    /// use stenosis_core::Presentation;
    /// let err = Presentation::from_json(r#"{"findings": {"babinsky_sign": "present"}}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("findings.babinsky_sign"));
    /// assert!(err.message().contains("babinski_sign"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        from_json_impl(text)
    }

    /// Parses JSON bytes: like [`Presentation::from_json`], after checking UTF-8.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, InputError> {
        let text = core::str::from_utf8(bytes).map_err(|e| {
            InputError::new(
                InputErrorKind::InvalidUtf8,
                None,
                &format!("input is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            )
        })?;
        from_json_impl(text)
    }

    /// The canonical JSON of this presentation (fields in contract order, assessed findings only).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Age in years (0-120).
    #[must_use]
    pub const fn age_years(&self) -> Option<u8> {
        self.age_years.get()
    }
    /// Sex.
    #[must_use]
    pub const fn sex(&self) -> Option<Sex> {
        self.sex
    }
    /// Course of the leg symptoms.
    #[must_use]
    pub const fn course(&self) -> Option<Course> {
        self.course
    }
    /// How long the symptoms have lasted, in months (0-1200).
    #[must_use]
    pub const fn symptom_duration_months(&self) -> Option<f64> {
        self.symptom_duration_months
    }
    /// mJOA score (0-18, 18 = normal).
    #[must_use]
    pub const fn mjoa(&self) -> Option<u8> {
        self.mjoa.get()
    }
    /// Ankle-brachial index, lower of the two legs (0.0-3.0).
    #[must_use]
    pub const fn ankle_brachial_index(&self) -> Option<f64> {
        self.ankle_brachial_index
    }
    /// The status of one finding.
    #[must_use]
    pub const fn finding(&self, f: Finding) -> Status {
        self.findings.get(f)
    }
    /// All findings.
    #[must_use]
    pub const fn findings(&self) -> &FindingSet {
        &self.findings
    }
    /// The record id, if one was given.
    #[must_use]
    pub const fn id(&self) -> Option<&RecordId> {
        self.id.as_ref()
    }
    /// Sets the record id (see [`RecordId`]); refuses anything else naming the field `id`.
    pub fn set_id(&mut self, id: Option<&str>) -> Result<(), InputError> {
        self.id = id.map(RecordId::new).transpose()?;
        Ok(())
    }

    /// Replaces the status of every finding at once.
    pub fn set_findings(&mut self, findings: FindingSet) {
        self.findings = findings;
    }

    /// Sets the age; refuses values outside 0-120.
    pub fn set_age_years(&mut self, v: Option<i64>) -> Result<(), InputError> {
        self.age_years = SmallWhole::new(v.map(|v| whole_in_range("age_years", v, AGE_YEARS_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the age from a floating-point number (as data frames deliver it); refuses NaN,
    /// fractions and values outside 0-120.
    pub fn set_age_years_f64(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.age_years = SmallWhole::new(v.map(|v| whole_from_real("age_years", v, AGE_YEARS_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the sex.
    pub fn set_sex(&mut self, v: Option<Sex>) {
        self.sex = v;
    }
    /// Sets the course.
    pub fn set_course(&mut self, v: Option<Course>) {
        self.course = v;
    }
    /// Sets the symptom duration; refuses NaN and values outside 0-1200.
    pub fn set_symptom_duration_months(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.symptom_duration_months =
            v.map(|v| real_in_range("symptom_duration_months", v, SYMPTOM_DURATION_MONTHS_MAX)).transpose()?;
        Ok(())
    }
    /// Sets the mJOA score; refuses values outside 0-18.
    pub fn set_mjoa(&mut self, v: Option<i64>) -> Result<(), InputError> {
        self.mjoa = SmallWhole::new(v.map(|v| whole_in_range("mjoa", v, MJOA_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the mJOA score from a floating-point number; refuses NaN, fractions and values
    /// outside 0-18.
    pub fn set_mjoa_f64(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.mjoa = SmallWhole::new(v.map(|v| whole_from_real("mjoa", v, MJOA_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the ankle-brachial index; refuses NaN and values outside 0.0-3.0.
    pub fn set_ankle_brachial_index(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.ankle_brachial_index =
            v.map(|v| real_in_range("ankle_brachial_index", v, ANKLE_BRACHIAL_INDEX_MAX)).transpose()?;
        Ok(())
    }
    /// Sets one finding.
    pub fn set_finding(&mut self, f: Finding, s: Status) {
        self.findings.set(f, s);
    }

    /// Sets a finding from string id and status, as bindings receive them; an unknown id is
    /// refused with the closest known id suggested.
    pub fn set_finding_by_id(&mut self, id: &str, status: &str) -> Result<(), InputError> {
        let f = parse_finding_id(id)?;
        let s = parse_status(f, status)?;
        self.findings.set(f, s);
        Ok(())
    }

    /// Sets the sex from its string id.
    pub fn set_sex_by_id(&mut self, id: Option<&str>) -> Result<(), InputError> {
        self.sex = id.map(|s| parse_enum("sex", s, Sex::from_id, Sex::ALL.iter().map(|v| v.id()))).transpose()?;
        Ok(())
    }

    /// Sets the course from its string id.
    pub fn set_course_by_id(&mut self, id: Option<&str>) -> Result<(), InputError> {
        self.course =
            id.map(|s| parse_enum("course", s, Course::from_id, Course::ALL.iter().map(|v| v.id()))).transpose()?;
        Ok(())
    }

    /// A copy with one finding changed (used to ask "what if").
    #[must_use]
    pub const fn with_finding(mut self, f: Finding, s: Status) -> Self {
        let bit = f.bit();
        self.findings.present &= !bit;
        self.findings.absent &= !bit;
        match s {
            Status::Present => self.findings.present |= bit,
            Status::Absent => self.findings.absent |= bit,
            Status::Unknown => {}
        }
        self
    }
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

fn parse_status(f: Finding, s: &str) -> Result<Status, InputError> {
    Status::from_id(s).ok_or_else(|| {
        InputError::new(
            InputErrorKind::InvalidValue,
            Some(format!("findings.{}", f.id())),
            "must be \"present\", \"absent\" or \"unknown\"",
        )
    })
}

fn parse_enum<'a, T>(
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

// ---------------------------------------------------------------------------------------------
// JSON parsing. A hand-written serde visitor gives each refusal its field and reason without an
// intermediate `serde_json::Value`; the structured error is stashed in a `Cell` and serde's own
// error (which carries line and column) only transports it.

type Slot<'a> = &'a ParseContext;

/// What the parser is reading, for the errors that serde_json raises below our visitors (a number
/// out of range such as `1e400`, a lone surrogate such as `"\ud800"`): with it they name their
/// field like every other refusal instead of being "malformed JSON" (issue 12).
#[derive(Clone, Copy)]
enum Reading {
    /// A key of the Presentation (`None`) or of `findings`.
    Key(Option<&'static str>),
    /// The value of a top-level field.
    Value(&'static str),
    /// The status of one finding.
    Status(Finding),
}

/// The structured error a visitor raised, and what is being read.
struct ParseContext {
    error: Cell<Option<InputError>>,
    reading: Cell<Option<Reading>>,
}

impl ParseContext {
    const fn new() -> Self {
        ParseContext { error: Cell::new(None), reading: Cell::new(None) }
    }
    fn set(&self, e: Option<InputError>) {
        self.error.set(e);
    }
    fn take(&self) -> Option<InputError> {
        self.error.take()
    }
    fn reading(&self, r: Reading) {
        self.reading.set(Some(r));
    }

    /// The refusal for a serde_json syntax error inside what was being read, when it is one a
    /// field can own: a number too large to represent, or an escape that is no character.
    fn attribute(&self, e: &serde_json::Error) -> Option<InputError> {
        let text = e.to_string();
        let number = text.starts_with("number out of range");
        let escape = ["lone leading surrogate", "unexpected end of hex escape", "invalid unicode code point"]
            .iter()
            .any(|m| text.starts_with(m));
        if !number && !escape {
            return None;
        }
        let bad_escape = "holds a \\u escape that is not a character (a lone surrogate)";
        let err = match self.reading.get()? {
            Reading::Key(parent) => {
                let (kind, field) = match parent {
                    Some(p) => (InputErrorKind::UnknownFinding, p),
                    None => (InputErrorKind::UnknownField, "presentation"),
                };
                InputError::new(
                    kind,
                    Some(field.to_owned()),
                    &format!("a key {}", if escape { bad_escape } else { "is not valid" }),
                )
            }
            Reading::Value(field) if number => InputError::new(
                InputErrorKind::OutOfRange,
                Some(field.to_owned()),
                "the number is out of range (too large to represent)",
            ),
            Reading::Value(field) => InputError::new(InputErrorKind::InvalidValue, Some(field.to_owned()), bad_escape),
            Reading::Status(f) => InputError::new(
                if number { InputErrorKind::WrongType } else { InputErrorKind::InvalidValue },
                Some(format!("findings.{}", f.id())),
                if number { "must be \"present\", \"absent\" or \"unknown\", not a number" } else { bad_escape },
            ),
        };
        Some(err.at(e.line(), e.column()))
    }
}

fn fail<E: de::Error>(slot: Slot<'_>, err: InputError) -> E {
    let msg = err.message().to_owned();
    slot.set(Some(err));
    E::custom(msg)
}

fn from_json_impl(text: &str) -> Result<Presentation, InputError> {
    if text.starts_with('\u{feff}') {
        return Err(InputError::new(
            InputErrorKind::MalformedJson,
            None,
            "the input starts with a byte-order mark (U+FEFF), which JSON text must not have \
             (RFC 8259, section 8.1): save it as UTF-8 without a byte-order mark",
        ));
    }
    let first = text.bytes().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return Err(InputError::new(InputErrorKind::MalformedJson, None, "malformed JSON: empty input")),
        Some(b'{') => {}
        Some(_) => {
            return Err(match serde_json::from_str::<de::IgnoredAny>(text) {
                Ok(_) => InputError::new(InputErrorKind::NotAnObject, None, "a Presentation must be a JSON object"),
                Err(e) => malformed(&e),
            })
        }
    }
    let slot = ParseContext::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result = PresentationSeed { slot: &slot }.deserialize(&mut de).and_then(|p| de.end().map(|()| p));
    match result {
        Ok(p) => Ok(p),
        Err(e) => Err(match slot.take() {
            Some(structured) => structured.at(e.line(), e.column()),
            None => slot.attribute(&e).unwrap_or_else(|| malformed(&e)),
        }),
    }
}

fn malformed(e: &serde_json::Error) -> InputError {
    // serde_json's syntax messages never quote input; its position suffix is replaced by ours.
    let text = e.to_string();
    let reason = text.split(" at line ").next().unwrap_or("syntax error");
    InputError::new(InputErrorKind::MalformedJson, None, &format!("malformed JSON: {reason}")).at(e.line(), e.column())
}

struct PresentationSeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for PresentationSeed<'_> {
    type Value = Presentation;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Presentation, D::Error> {
        d.deserialize_any(PresentationVisitor { slot: self.slot })
    }
}

/// Generates the `visit_*` methods that refuse a JSON type, with a message naming the field.
macro_rules! refuse_types {
    ($field:expr, $expected:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a boolean", $expected))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a number", $expected))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a number", $expected))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a number", $expected))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a string", $expected))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.wrong($field, "null", $expected))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.wrong($field, "an array", $expected))
        }
    };
}

struct PresentationVisitor<'a> {
    slot: Slot<'a>,
}

impl PresentationVisitor<'_> {
    fn wrong<E: de::Error>(&self, _field: &str, got: &str, expected: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::NotAnObject,
                None,
                &format!("a Presentation must be {expected}, not {got}"),
            ),
        )
    }
}

impl<'de> Visitor<'de> for PresentationVisitor<'_> {
    type Value = Presentation;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Presentation object")
    }

    refuse_types!("", "a JSON object");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Presentation, A::Error> {
        let slot = self.slot;
        let mut p = Presentation::new();
        let mut seen = [false; PRESENTATION_FIELDS.len()];
        loop {
            slot.reading(Reading::Key(None));
            let Some(key) = map.next_key_seed(KeySeed { slot, known: PRESENTATION_FIELDS, parent: None })? else {
                break;
            };
            if let Some(name) = PRESENTATION_FIELDS.get(key) {
                slot.reading(Reading::Value(name));
            }
            if let Some(s) = seen.get_mut(key) {
                if *s {
                    let name = PRESENTATION_FIELDS.get(key).copied().unwrap_or("");
                    return Err(fail(
                        slot,
                        InputError::new(InputErrorKind::DuplicateField, Some(name.to_owned()), "given more than once"),
                    ));
                }
                *s = true;
            }
            let r = match key {
                0 => map
                    .next_value_seed(WholeSeed { slot, field: "age_years", max: AGE_YEARS_MAX })
                    .map(|v| p.age_years = SmallWhole::new(v)),
                1 => map
                    .next_value_seed(EnumSeed {
                        slot,
                        field: "sex",
                        parse: Sex::from_id,
                        allowed: &["female", "male", "other"],
                    })
                    .map(|v| p.sex = v),
                2 => map
                    .next_value_seed(EnumSeed {
                        slot,
                        field: "course",
                        parse: Course::from_id,
                        allowed: &["stable", "progressive", "rapidly_progressive"],
                    })
                    .map(|v| p.course = v),
                3 => map
                    .next_value_seed(RealSeed {
                        slot,
                        field: "symptom_duration_months",
                        max: SYMPTOM_DURATION_MONTHS_MAX,
                    })
                    .map(|v| p.symptom_duration_months = v),
                4 => map
                    .next_value_seed(WholeSeed { slot, field: "mjoa", max: MJOA_MAX })
                    .map(|v| p.mjoa = SmallWhole::new(v)),
                5 => map
                    .next_value_seed(RealSeed { slot, field: "ankle_brachial_index", max: ANKLE_BRACHIAL_INDEX_MAX })
                    .map(|v| p.ankle_brachial_index = v),
                6 => map.next_value_seed(FindingsSeed { slot }).map(|v| p.findings = v),
                _ => map.next_value_seed(IdSeed { slot }).map(|v| p.id = v),
            };
            r?;
        }
        Ok(p)
    }
}

/// Reads an object key: a known field (its index) or a refusal naming it with a suggestion.
struct KeySeed<'a> {
    slot: Slot<'a>,
    known: &'static [&'static str],
    parent: Option<&'static str>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        if let Some(i) = self.known.iter().position(|k| *k == key) {
            return Ok(i);
        }
        let field = match (self.parent, describe_key(key)) {
            (Some(p), Some(k)) => format!("{p}.{k}"),
            (Some(p), None) => p.to_owned(),
            (None, Some(k)) => k.to_owned(),
            (None, None) => "presentation".to_owned(),
        };
        let suggestion = closest(key, self.known.iter().copied());
        let reason = match suggestion {
            Some(s) => format!("unknown field; did you mean \"{s}\"?"),
            None => format!("unknown field; expected one of: {}", self.known.join(", ")),
        };
        Err(fail(self.slot, InputError::new(InputErrorKind::UnknownField, Some(field), &reason).suggesting(suggestion)))
    }
}

struct WholeSeed<'a> {
    slot: Slot<'a>,
    field: &'static str,
    max: u8,
}

impl<'de> DeserializeSeed<'de> for WholeSeed<'_> {
    type Value = Option<u8>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<u8>, D::Error> {
        d.deserialize_any(self)
    }
}

impl WholeSeed<'_> {
    fn wrong<E: de::Error>(&self, field: &str, got: &str, expected: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::WrongType,
                Some(field.to_owned()),
                &format!("must be {expected}, not {got}"),
            ),
        )
    }
    fn expected(&self) -> String {
        format!("a whole number from 0 to {} (or null)", self.max)
    }
}

impl<'de> Visitor<'de> for WholeSeed<'_> {
    type Value = Option<u8>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<u8>, E> {
        let v = i64::try_from(v).unwrap_or(i64::MAX);
        whole_in_range(self.field, v, self.max).map(Some).map_err(|e| fail(self.slot, e))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<u8>, E> {
        whole_in_range(self.field, v, self.max).map(Some).map_err(|e| fail(self.slot, e))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<u8>, E> {
        whole_from_real(self.field, v, self.max).map(Some).map_err(|e| fail(self.slot, e))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<u8>, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<u8>, E> {
        Err(self.wrong(self.field, "a boolean", &self.expected()))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<u8>, E> {
        Err(self.wrong(self.field, "a string", &self.expected()))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Option<u8>, A::Error> {
        Err(self.wrong(self.field, "an array", &self.expected()))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Option<u8>, A::Error> {
        Err(self.wrong(self.field, "an object", &self.expected()))
    }
}

struct RealSeed<'a> {
    slot: Slot<'a>,
    field: &'static str,
    max: f64,
}

impl<'de> DeserializeSeed<'de> for RealSeed<'_> {
    type Value = Option<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_any(self)
    }
}

impl RealSeed<'_> {
    fn wrong<E: de::Error>(&self, got: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::WrongType,
                Some(self.field.to_owned()),
                &format!("must be a number from 0 to {} (or null), not {got}", self.max),
            ),
        )
    }
}

impl<'de> Visitor<'de> for RealSeed<'_> {
    type Value = Option<f64>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<f64>, E> {
        // Precision loss above 2^53 is irrelevant: such values are out of range anyway.
        self.visit_f64(v as f64)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<f64>, E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<f64>, E> {
        real_in_range(self.field, v, self.max).map(Some).map_err(|e| fail(self.slot, e))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<f64>, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<f64>, E> {
        Err(self.wrong("a boolean"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<f64>, E> {
        Err(self.wrong("a string"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Option<f64>, A::Error> {
        Err(self.wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Option<f64>, A::Error> {
        Err(self.wrong("an object"))
    }
}

struct EnumSeed<'a, T> {
    slot: Slot<'a>,
    field: &'static str,
    parse: fn(&str) -> Option<T>,
    allowed: &'static [&'static str],
}

impl<'de, T> DeserializeSeed<'de> for EnumSeed<'_, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<T> EnumSeed<'_, T> {
    fn reason(&self) -> String {
        let list: Vec<String> = self.allowed.iter().map(|a| format!("\"{a}\"")).collect();
        format!("must be one of {} (or null)", list.join(", "))
    }
    fn wrong<E: de::Error>(&self, got: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::WrongType,
                Some(self.field.to_owned()),
                &format!("{}, not {got}", self.reason()),
            ),
        )
    }
}

impl<'de, T> Visitor<'de> for EnumSeed<'_, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        match (self.parse)(v) {
            Some(x) => Ok(Some(x)),
            None => Err(fail(
                self.slot,
                InputError::new(InputErrorKind::InvalidValue, Some(self.field.to_owned()), &self.reason()),
            )),
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<T>, E> {
        Err(self.wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<T>, E> {
        Err(self.wrong("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<T>, E> {
        Err(self.wrong("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<T>, E> {
        Err(self.wrong("a number"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Option<T>, A::Error> {
        Err(self.wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Option<T>, A::Error> {
        Err(self.wrong("an object"))
    }
}

struct IdSeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for IdSeed<'_> {
    type Value = Option<RecordId>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<RecordId>, D::Error> {
        d.deserialize_any(self)
    }
}

impl IdSeed<'_> {
    fn wrong<E: de::Error>(&self, got: &str) -> E {
        fail(
            self.slot,
            InputError::new(InputErrorKind::WrongType, Some("id".to_owned()), &format!("{RECORD_ID_RULE}, not {got}")),
        )
    }
}

impl<'de> Visitor<'de> for IdSeed<'_> {
    type Value = Option<RecordId>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<RecordId>, E> {
        RecordId::new(v).map(Some).map_err(|e| fail(self.slot, e))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<RecordId>, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<RecordId>, E> {
        Err(self.wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<RecordId>, E> {
        Err(self.wrong("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<RecordId>, E> {
        Err(self.wrong("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<RecordId>, E> {
        Err(self.wrong("a number"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Option<RecordId>, A::Error> {
        Err(self.wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Option<RecordId>, A::Error> {
        Err(self.wrong("an object"))
    }
}

struct FindingsSeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for FindingsSeed<'_> {
    type Value = FindingSet;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<FindingSet, D::Error> {
        d.deserialize_any(self)
    }
}

impl FindingsSeed<'_> {
    fn wrong<E: de::Error>(&self, _field: &str, got: &str, expected: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::WrongType,
                Some("findings".to_owned()),
                &format!("must be {expected}, not {got}"),
            ),
        )
    }
}

impl<'de> Visitor<'de> for FindingsSeed<'_> {
    type Value = FindingSet;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of finding id to status")
    }

    refuse_types!("findings", "an object mapping finding ids to \"present\", \"absent\" or \"unknown\"");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FindingSet, A::Error> {
        let slot = self.slot;
        let mut set = FindingSet::default();
        let mut seen = 0u128;
        loop {
            slot.reading(Reading::Key(Some("findings")));
            let Some(f) = map.next_key_seed(FindingKeySeed { slot })? else {
                break;
            };
            slot.reading(Reading::Status(f));
            if seen & f.bit() != 0 {
                return Err(fail(
                    slot,
                    InputError::new(
                        InputErrorKind::DuplicateField,
                        Some(format!("findings.{}", f.id())),
                        "given more than once",
                    ),
                ));
            }
            seen |= f.bit();
            let s = map.next_value_seed(StatusSeed { slot, finding: f })?;
            set.set(f, s);
        }
        slot.reading(Reading::Value("findings"));
        Ok(set)
    }
}

struct FindingKeySeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for FindingKeySeed<'_> {
    type Value = Finding;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Finding, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FindingKeySeed<'_> {
    type Value = Finding;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a finding id")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Finding, E> {
        parse_finding_id(key).map_err(|e| fail(self.slot, e))
    }
}

struct StatusSeed<'a> {
    slot: Slot<'a>,
    finding: Finding,
}

impl<'de> DeserializeSeed<'de> for StatusSeed<'_> {
    type Value = Status;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Status, D::Error> {
        d.deserialize_any(self)
    }
}

impl StatusSeed<'_> {
    fn wrong<E: de::Error>(&self, _field: &str, got: &str, expected: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::WrongType,
                Some(format!("findings.{}", self.finding.id())),
                &format!("must be {expected}, not {got}"),
            ),
        )
    }
}

impl<'de> Visitor<'de> for StatusSeed<'_> {
    type Value = Status;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"present\", \"absent\" or \"unknown\"")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Status, E> {
        parse_status(self.finding, v).map_err(|e| fail(self.slot, e))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Status, E> {
        Err(self.wrong("", "a boolean", "\"present\", \"absent\" or \"unknown\""))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Status, E> {
        Err(self.wrong("", "a number", "\"present\", \"absent\" or \"unknown\""))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Status, E> {
        Err(self.wrong("", "a number", "\"present\", \"absent\" or \"unknown\""))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Status, E> {
        Err(self.wrong("", "a number", "\"present\", \"absent\" or \"unknown\""))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Status, E> {
        Err(self.wrong("", "null", "\"present\", \"absent\" or \"unknown\""))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Status, A::Error> {
        Err(self.wrong("", "an array", "\"present\", \"absent\" or \"unknown\""))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Status, A::Error> {
        Err(self.wrong("", "an object", "\"present\", \"absent\" or \"unknown\""))
    }
}

impl<'de> Deserialize<'de> for Presentation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let slot = ParseContext::new();
        PresentationSeed { slot: &slot }.deserialize(d)
    }
}

impl Serialize for Presentation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(v) = self.age_years.get() {
            m.serialize_entry("age_years", &v)?;
        }
        if let Some(v) = self.sex {
            m.serialize_entry("sex", &v)?;
        }
        if let Some(v) = self.course {
            m.serialize_entry("course", &v)?;
        }
        if let Some(v) = self.symptom_duration_months {
            m.serialize_entry("symptom_duration_months", &v)?;
        }
        if let Some(v) = self.mjoa.get() {
            m.serialize_entry("mjoa", &v)?;
        }
        if let Some(v) = self.ankle_brachial_index {
            m.serialize_entry("ankle_brachial_index", &v)?;
        }
        m.serialize_entry("findings", &AssessedFindings(&self.findings))?;
        if let Some(v) = &self.id {
            m.serialize_entry("id", v)?;
        }
        m.end()
    }
}

struct AssessedFindings<'a>(&'a FindingSet);

impl Serialize for AssessedFindings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (f, st) in self.0.assessed() {
            m.serialize_entry(f.id(), &st)?;
        }
        m.end()
    }
}
