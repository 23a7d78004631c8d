//! The output: an [`Assessment`], every statement with its reasons and citations.
//!
//! Layout (every dependency points down; the submodules read only the version constants here):
//! - this file: the version constants and [`assess`];
//! - [`explain`]: the explanation built from the decision and the reasons the rules noted
//!   (differential, myelopathy, recommendations, alerts, citations);
//! - [`next`]: the next findings (which unassessed finding would most change the assessment);
//! - [`order`]: the order of the recommendations (shared with the summary);
//! - [`types`]: the output types and their JSON.

pub(crate) mod explain;
mod next;
mod order;
mod types;

use crate::presentation::Presentation;
use crate::rules::{self, Collect};
pub use crate::rules::{severity_class, PrognosisNote};

pub use next::MAX_NEXT_FINDINGS;
pub(crate) use order::Order;
pub use types::{
    Assessment, CitationEntry, CookItem, CookRuleResult, DifferentialEntry, Myelopathy, NextFinding, Outcome,
    PostTestProbability, Recommendation, RedFlagAlert, Severity, WarningAlert,
};

/// The engine version (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The knowledge-base version: changes whenever a rule, threshold or citation changes.
pub const KNOWLEDGE_BASE_VERSION: &str = "2026.12.23";

/// The disclaimer every assessment carries.
pub const DISCLAIMER: &str = "Decision support for clinicians, not a diagnosis. stenosis summarises published evidence about the findings it is given; it does not examine the patient or read images, and every statement shows its basis so that the clinician can review it. Clinical judgement decides.";

/// Assesses a presentation. Pure, total and deterministic: the same presentation always gives
/// the same assessment, and no presentation makes it panic.
///
/// ```
/// use stenosis_core::{assess, Presentation, Finding, Status, Pathway, Action, Urgency};
/// let mut p = Presentation::new();
/// p.set_age_years(Some(64))?;
/// for f in [Finding::BilateralLegSymptoms, Finding::GaitDifficulty, Finding::HoffmannSign, Finding::BabinskiSign] {
///     p.set_finding(f, Status::Present);
/// }
/// let a = assess(&p);
/// assert_eq!(a.pathway, Pathway::FurtherWorkup);
/// assert_eq!(a.recommendation(Action::CervicalMri).map(|r| r.urgency), Some(Urgency::Urgent));
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[must_use]
pub fn assess(p: &Presentation) -> Assessment {
    let mut trace = Collect::default();
    let d = rules::evaluate(p, &mut trace);
    explain::build(p, &d, &trace, true)
}
