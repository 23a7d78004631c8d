//! The Presentation's fields as one table: id, description and kind (with its range or its
//! allowed values, taken from the vocabulary). The parser's field list, the JSON Schema and the
//! bindings' field lists derive from it.

use crate::error::{InputError, InputErrorKind};
use crate::presentation::{
    Presentation, AGE_YEARS_MAX, ANKLE_BRACHIAL_INDEX_MAX, MJOA_MAX, RECORD_ID_MAX_LEN, SYMPTOM_DURATION_MONTHS_MAX,
};
use crate::vocab::{Course, Sex};

/// What a Presentation field holds.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    /// A whole number from 0 to `max` (or null).
    Whole {
        /// The largest accepted value.
        max: u8,
    },
    /// A real number from 0 to `max` (or null).
    Real {
        /// The largest accepted value.
        max: f64,
    },
    /// One of a vocabulary's ids (or null).
    Choice {
        /// The allowed ids, in code order.
        ids: fn() -> Vec<&'static str>,
    },
    /// The findings object: finding id to status.
    Findings,
    /// An opaque record key ([`crate::RecordId`]): 1 to `max_len` characters, each an ASCII
    /// letter, digit, `.`, `_`, `:` or `-` (or null).
    RecordId {
        /// The longest accepted key.
        max_len: usize,
    },
}

impl FieldKind {
    /// A stable name for the kind: `whole`, `real`, `choice` or `findings`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            FieldKind::Whole { .. } => "whole",
            FieldKind::Real { .. } => "real",
            FieldKind::Choice { .. } => "choice",
            FieldKind::Findings => "findings",
            FieldKind::RecordId { .. } => "record_id",
        }
    }
}

/// One field of a Presentation.
#[derive(Debug, Clone, Copy)]
pub struct PresentationField {
    /// The JSON name.
    pub id: &'static str,
    /// What it means.
    pub doc: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Where the Presentation keeps it (the JSON parser and writer go through this table).
    pub(crate) member: Member,
}

/// The Presentation member a field is stored in (one per field of the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Member {
    AgeYears,
    Sex,
    Course,
    SymptomDurationMonths,
    Mjoa,
    AnkleBrachialIndex,
    Findings,
    Id,
}

/// One value of a top-level field as a binding reads it from a column: a whole number, a real
/// number or text (an id).
#[derive(Debug, Clone, Copy)]
pub enum FieldValue<'a> {
    /// A whole number (from an integer column).
    Int(i64),
    /// A real number (from a floating-point column, or text parsed as a number).
    Real(f64),
    /// Text: a vocabulary id or a record key.
    Text(&'a str),
}

impl PresentationField {
    /// Sets this field of `p` from one value, with the same checks (and error messages naming
    /// the field) as the JSON reader. A number for a text field or text for a numeric field is
    /// refused naming the field; so is any value for `findings` (set findings one by one).
    ///
    /// ```
    /// use stenosis_core::{presentation_fields, FieldValue, Presentation};
    /// let mut p = Presentation::new();
    /// let age = presentation_fields().iter().find(|f| f.id == "age_years").unwrap();
    /// age.set(&mut p, FieldValue::Int(64))?;
    /// assert_eq!(p.age_years(), Some(64));
    /// assert!(age.set(&mut p, FieldValue::Real(64.5)).is_err());
    /// # Ok::<(), stenosis_core::InputError>(())
    /// ```
    pub fn set(&self, p: &mut Presentation, v: FieldValue<'_>) -> Result<(), InputError> {
        let wrong = |expected: &str| {
            Err(InputError::new(InputErrorKind::WrongType, Some(self.id.to_owned()), &format!("must be {expected}")))
        };
        // Integers beyond 2^53 lose precision as f64; they are far out of range either way.
        #[allow(clippy::cast_precision_loss)]
        let real = match v {
            FieldValue::Int(i) => Some(i as f64),
            FieldValue::Real(r) => Some(r),
            FieldValue::Text(_) => None,
        };
        match (self.member, v) {
            (Member::AgeYears, FieldValue::Int(i)) => p.set_age_years(Some(i)),
            (Member::AgeYears, FieldValue::Real(r)) => p.set_age_years_f64(Some(r)),
            (Member::Mjoa, FieldValue::Int(i)) => p.set_mjoa(Some(i)),
            (Member::Mjoa, FieldValue::Real(r)) => p.set_mjoa_f64(Some(r)),
            (Member::SymptomDurationMonths, _) if real.is_some() => p.set_symptom_duration_months(real),
            (Member::AnkleBrachialIndex, _) if real.is_some() => p.set_ankle_brachial_index(real),
            (Member::AgeYears | Member::Mjoa | Member::SymptomDurationMonths | Member::AnkleBrachialIndex, _) => {
                wrong("a number")
            }
            (Member::Sex, FieldValue::Text(s)) => p.set_sex_by_id(Some(s)),
            (Member::Course, FieldValue::Text(s)) => p.set_course_by_id(Some(s)),
            (Member::Id, FieldValue::Text(s)) => p.set_id(Some(s)),
            (Member::Sex | Member::Course | Member::Id, _) => wrong("a string"),
            (Member::Findings, _) => wrong("an object of finding id to status"),
        }
    }
}

impl PresentationField {
    /// Copies this field's value from `from` to `to`, leaving the rest of `to` as it is: the same
    /// as setting `to` the value that set `from`. A binding reading a column sets each distinct
    /// value once with [`PresentationField::set`] (on an empty Presentation) and copies it to
    /// the rows that have it.
    ///
    /// ```
    /// use stenosis_core::{presentation_fields, FieldValue, Presentation};
    /// let sex = presentation_fields().iter().find(|f| f.id == "sex").unwrap();
    /// let mut probe = Presentation::new();
    /// sex.set(&mut probe, FieldValue::Text("female"))?;
    /// let mut row = Presentation::new();
    /// sex.copy(&probe, &mut row);
    /// assert_eq!(row, probe);
    /// # Ok::<(), stenosis_core::InputError>(())
    /// ```
    pub fn copy(&self, from: &Presentation, to: &mut Presentation) {
        to.copy_member(from, self.member);
    }
}

fn sex_ids() -> Vec<&'static str> {
    Sex::ALL.iter().map(|s| s.id()).collect()
}

fn course_ids() -> Vec<&'static str> {
    Course::ALL.iter().map(|c| c.id()).collect()
}

const fn field(id: &'static str, member: Member, doc: &'static str, kind: FieldKind) -> PresentationField {
    PresentationField { id, doc, kind, member }
}

/// Every field of a Presentation, in contract order.
const FIELDS: &[PresentationField] = &[
    field("age_years", Member::AgeYears, "Age in years.", FieldKind::Whole { max: AGE_YEARS_MAX }),
    field("sex", Member::Sex, "Sex.", FieldKind::Choice { ids: sex_ids }),
    field("course", Member::Course, "Course of the leg symptoms.", FieldKind::Choice { ids: course_ids }),
    field(
        "symptom_duration_months",
        Member::SymptomDurationMonths,
        "How long the symptoms have lasted, in months.",
        FieldKind::Real { max: SYMPTOM_DURATION_MONTHS_MAX },
    ),
    field(
        "mjoa",
        Member::Mjoa,
        "Modified Japanese Orthopaedic Association score (Benzel 18-point; 18 = normal).",
        FieldKind::Whole { max: MJOA_MAX },
    ),
    field(
        "ankle_brachial_index",
        Member::AnkleBrachialIndex,
        "Measured ankle-brachial index (lower of the two legs).",
        FieldKind::Real { max: ANKLE_BRACHIAL_INDEX_MAX },
    ),
    field("findings", Member::Findings, "Finding id to status.", FieldKind::Findings),
    field(
        "id",
        Member::Id,
        "An opaque record key, echoed as `id` in the Assessment (and in a batch record).",
        FieldKind::RecordId { max_len: RECORD_ID_MAX_LEN },
    ),
];

/// Every field of a Presentation, in contract order.
///
/// ```
/// let f = stenosis_core::presentation_fields();
/// assert_eq!(f[0].id, "age_years");
/// assert_eq!(f.iter().map(|f| f.id).collect::<Vec<_>>(), stenosis_core::PRESENTATION_FIELDS);
/// ```
#[must_use]
pub fn presentation_fields() -> &'static [PresentationField] {
    FIELDS
}

/// The ids of [`FIELDS`], as a constant array. Evaluated at compile time only: an index out of
/// range would fail the build, never panic at run time.
#[allow(clippy::indexing_slicing)]
const fn ids<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = FIELDS[i].id;
        i += 1;
    }
    out
}

const N_FIELDS: usize = FIELDS.len();
const FIELD_IDS: [&str; N_FIELDS] = ids::<N_FIELDS>();

/// The Presentation's top-level JSON field names, in contract order (from the field table).
pub const PRESENTATION_FIELDS: &[&str] = &FIELD_IDS;
