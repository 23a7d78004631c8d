//! # stenosis-fhir
//!
//! FHIR R4 in: a Bundle, or a CDS Hooks prefetch, to a [`stenosis_core::Presentation`] plus a
//! provenance report that says, for each field, which resource set it and by which rule, and
//! lists every resource or code that was not used, with the reason.
//!
//! Present, absent and unknown are read as EHRs write them (`fhir-mapping.md` §1.2): SNOMED CT
//! qualifier values, `valueBoolean`, `interpretation` POS/NEG, `dataAbsentReason`,
//! `Condition.verificationStatus`; entered-in-error is ignored; the latest `effective[x]` wins
//! and two different answers at the same time are unknown. **No resource means unknown, never
//! absent.** Which codes set which field is data: see [`CodeMap`].
//!
//! ```
//! use stenosis_fhir::{CodeMap, Date, Reader};
//! let bundle = r#"{"resourceType": "Bundle", "type": "collection", "entry": [
//!   {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1950-03-01", "gender": "male"}},
//!   {"resource": {"resourceType": "Observation", "id": "o1", "status": "final",
//!     "code": {"coding": [{"system": "http://snomed.info/sct", "code": "449813001"}]},
//!     "subject": {"reference": "Patient/p1"}}}
//! ]}"#;
//! let map = CodeMap::builtin();
//! let as_of = Date::new(2026, 12, 1).unwrap();
//! let out = Reader::new(&map, as_of).read_bundle_json(bundle)?;
//! assert_eq!(out.presentation.age_years(), Some(76));
//! assert_eq!(out.presentation.finding(stenosis_core::Finding::SaddleAnesthesia), stenosis_core::Status::Present);
//! # Ok::<(), stenosis_fhir::FhirError>(())
//! ```
//!
//! The crate does no I/O: callers read files and pass text, and pass the date ages are computed
//! at (the hook's time).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

pub mod codemap;
pub mod date;
pub mod model;
mod reader;

pub use codemap::{CodeMap, CodeMapEntry, NumericField, ResourceKind, SiteMapFormat, Target, DEFAULT_CODES};
pub use date::{Date, FhirDateTime, Precision};
pub use reader::{FhirPresentation, FieldSource, Provenance, Reader, Unused};

/// A refused FHIR input or site map: the field at fault and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhirError {
    /// The field or path at fault, e.g. `resourceType` or `codes[2].finding`.
    pub field: String,
    /// The reason.
    pub message: String,
}

impl FhirError {
    /// An error for a field.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FhirError { field: field.into(), message: message.into() }
    }
}

impl core::fmt::Display for FhirError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FhirError {}
