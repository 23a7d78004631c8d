//! # stenosis-core
//!
//! The pure decision function of `stenosis`: given what is known about a patient with leg
//! symptoms, how likely is it that they come from cervical spinal cord compression (degenerative
//! cervical myelopathy, DCM), what else could explain them, what to examine or image next and how
//! urgently, and where the case sits on the management pathway. Every statement carries its
//! reasons and citations.
//!
//! This is decision support for clinicians, not a diagnosis.
//!
//! ```
//! use stenosis_core::{assess, Presentation, Condition, Pathway, Warning};
//!
//! let p = Presentation::from_json(r#"{
//!     "age_years": 61, "course": "progressive",
//!     "findings": {
//!         "sciatica_like_pain": "present", "leg_weakness_on_exam": "present",
//!         "hyperreflexia": "present", "hoffmann_sign": "present",
//!         "known_lumbar_stenosis": "present"
//!     }
//! }"#)?;
//! let a = assess(&p);
//! assert_eq!(a.top_condition(), Some(Condition::CervicalMyelopathy));
//! assert_eq!(a.pathway, Pathway::FurtherWorkup);
//! assert!(a.warnings.iter().any(|w| w.id == Warning::FalseLocalizingSciatica));
//! assert!(a.warnings.iter().any(|w| w.id == Warning::LumbarMisattributionRisk));
//! println!("{}", a.to_json_pretty());
//! # Ok::<(), stenosis_core::InputError>(())
//! ```
//!
//! Crate rules: no I/O, no `unsafe`, no panics on any input, deterministic output.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod assessment;
mod cds;
mod citations;
mod detail;
mod error;
mod evaluation;
mod fields;
mod json;
mod presentation;
mod rules;
/// The rules' instance (`crate::rules`) that does not track what its answers are sensitive to.
const TRACKING: bool = false;
mod schema;
mod summary;
mod tracked;
mod vocab;

pub use assessment::{
    assess, severity_class, Assessment, CitationEntry, CookItem, CookRuleResult, DifferentialEntry, Myelopathy,
    NextFinding, Outcome, PostTestProbability, PrognosisNote, Recommendation, RedFlagAlert, Severity, WarningAlert,
    DISCLAIMER, ENGINE_VERSION, KNOWLEDGE_BASE_VERSION, MAX_NEXT_FINDINGS,
};
pub use cds::{cds_hooks_response, CdsCard, CdsHooksResponse, CdsLink, CdsSource, CDS_SUMMARY_MAX_CHARS};
pub use citations::{CitationId, Reference};
pub use detail::{assess_json, assess_json_into, references, references_json, Detail, UnknownDetail};
pub use error::{InputError, InputErrorKind, Position};
pub use evaluation::{evaluate, Evaluation};
pub use fields::{presentation_fields, FieldKind, FieldValue, PresentationField};
pub use presentation::{
    parse_finding_id, FindingSet, Presentation, RecordId, AGE_YEARS_MAX, ANKLE_BRACHIAL_INDEX_MAX, MJOA_MAX,
    PRESENTATION_FIELDS, RECORD_ID_MAX_LEN, SYMPTOM_DURATION_MONTHS_MAX,
};
pub use schema::{knowledge_base_notes, presentation_schema, KnowledgeBaseNote};
pub use summary::{headline, summarize, Headline, Summary};
pub use vocab::{
    vocabularies, Action, Condition, Course, EvidenceQuality, Finding, FindingGroup, Likelihood, Pathway, RedFlag,
    SeverityClass, Sex, SnomedCode, Status, Strength, Urgency, Warning, SNOMED_SYSTEM,
};
