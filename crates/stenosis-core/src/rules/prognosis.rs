//! mJOA severity and the prognosis notes.
//!
//! Sources: Tetreault 2017 and the AO Spine guideline series' scope (mJOA classes: mild 15-17,
//! moderate 12-14, severe 0-11); the natural history and surgical outcome figures of the
//! digests (Kong 2013, the 2023 natural-history meta-analysis, Karadimas 2013, McCormack 1996,
//! Fehlings 2013, Badhiwala 2019, Wilson 2013).

use serde::Serialize;

use super::{CervicalImaging, Decision};
use crate::citations::CitationId;
use crate::vocab::SeverityClass;

/// The citations of a severity class.
pub(crate) const SEVERITY_CITATIONS: &[CitationId] =
    &[CitationId::Tetreault2017Mjoa, CitationId::Fehlings2017Guideline];

/// The mJOA severity class of a score (Tetreault 2017): 15-17 mild, 12-14 moderate, 0-11 severe.
/// 18 means no deficit and has no class (`None`).
#[must_use]
pub const fn severity_class(mjoa: u8) -> Option<SeverityClass> {
    match mjoa {
        18.. => None,
        15..=17 => Some(SeverityClass::Mild),
        12..=14 => Some(SeverityClass::Moderate),
        _ => Some(SeverityClass::Severe),
    }
}

/// A prognosis figure with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrognosisNote {
    /// A stable id.
    pub id: &'static str,
    /// The statement.
    pub statement: &'static str,
    /// Citation ids.
    pub citations: &'static [CitationId],
}

const PROGNOSIS_MILD: PrognosisNote = PrognosisNote {
    id: "mild_natural_history",
    statement: "Mild DCM without surgery: most remain stable: pooled survival free of neurological decline is 84% at 3 years and 75% at 5 years, and 26.9% of a cohort followed for over 3 years deteriorated. (The seed's 'only about 20% remain stable' is not supported.)",
    citations: &[CitationId::Kong2013, CitationId::NaturalHistory2023],
};
const PROGNOSIS_MODERATE_SEVERE: PrognosisNote = PrognosisNote {
    id: "moderate_severe_natural_history",
    statement: "Moderate or severe DCM without surgery: pooled survival free of neurological decline is 71% at 3 years and 55% at 5 years; 20-62% of non-operatively treated DCM deteriorate at 3-6 years.",
    citations: &[CitationId::NaturalHistory2023, CitationId::Karadimas2013],
};
const PROGNOSIS_SURGERY: PrognosisNote = PrognosisNote {
    id: "surgical_outcome",
    statement: "After decompression, mJOA, Nurick and quality-of-life scores improve significantly in mild, moderate and severe disease, and good initial results are expected in about 70%. (The seed's 'about 97% recover' was not found in any source.)",
    citations: &[CitationId::Fehlings2013Jbjs, CitationId::Badhiwala2019, CitationId::McCormack1996],
};
const PROGNOSIS_NONMYELOPATHIC: PrognosisNote = PrognosisNote {
    id: "nonmyelopathic_compression_natural_history",
    statement:
        "Cord compression without myelopathy: about 8% develop myelopathy at 1 year and about 23% by about 4 years.",
    citations: &[CitationId::Wilson2013],
};

fn nonmyelopathic_compression(d: &Decision) -> bool {
    d.imaging == CervicalImaging::Compression && !d.dcm_established
}
fn moderate_or_severe(d: &Decision) -> bool {
    matches!(d.severity, Some(SeverityClass::Moderate | SeverityClass::Severe))
}
/// Established DCM that is mild, normal (mJOA 18) or not graded.
fn established_not_moderate_or_severe(d: &Decision) -> bool {
    d.dcm_established && !moderate_or_severe(d)
}
/// Established DCM that is moderate or severe, or not graded.
fn established_moderate_severe_or_ungraded(d: &Decision) -> bool {
    d.dcm_established && (moderate_or_severe(d) || (d.severity.is_none() && !d.no_deficit))
}
fn established(d: &Decision) -> bool {
    d.dcm_established
}

/// A predicate over the decision.
type When = fn(&Decision) -> bool;

/// The prognosis rows: each note applies when its predicate holds, in this order.
const PROGNOSIS: &[(When, PrognosisNote)] = &[
    (nonmyelopathic_compression, PROGNOSIS_NONMYELOPATHIC),
    (established_not_moderate_or_severe, PROGNOSIS_MILD),
    (established_moderate_severe_or_ungraded, PROGNOSIS_MODERATE_SEVERE),
    (established, PROGNOSIS_SURGERY),
];

/// Every prognosis note, for tests.
#[cfg(test)]
pub(crate) fn all_notes() -> Vec<PrognosisNote> {
    PROGNOSIS.iter().map(|(_, n)| n.clone()).collect()
}

/// The prognosis notes that apply to a decision.
pub(crate) fn prognosis(d: &Decision) -> Vec<PrognosisNote> {
    PROGNOSIS.iter().filter(|(when, _)| when(d)).map(|(_, note)| note.clone()).collect()
}
