//! The Presentation's fields as one table: id, description and kind (with its range or its
//! allowed values, taken from the vocabulary). The parser's field list, the JSON Schema and the
//! bindings' field lists derive from it.

use crate::presentation::{
    AGE_YEARS_MAX, ANKLE_BRACHIAL_INDEX_MAX, MJOA_MAX, RECORD_ID_MAX_LEN, SYMPTOM_DURATION_MONTHS_MAX,
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
