//! [`evaluate`]: the decision and the rules that fired, with the explanations built only when
//! read.
//!
//! [`crate::assess`] builds every text, citation list and the ranked `next_findings` (which
//! re-runs the rules twice for each unassessed finding) whether the caller reads them or not.
//! [`evaluate`] runs the rules once and keeps what they decided and which reasons they gave; the
//! headline is read from that directly, and the [`Assessment`] (or its JSON at a detail level) is
//! built from the static tables when asked for: [`Evaluation::explain`] is exactly
//! [`crate::assess`]'s result, and [`Detail::Standard`] and [`Detail::Summary`] never compute the
//! next findings.
//!
//! ```
//! use stenosis_core::{assess, evaluate, Action, Detail, Pathway, Presentation, Urgency};
//! let p = Presentation::from_json(r#"{"age_years": 64, "findings": {"gait_difficulty": "present",
//!     "hoffmann_sign": "present", "babinski_sign": "present", "bilateral_leg_symptoms": "present"}}"#)?;
//! let e = evaluate(&p);
//! assert_eq!(e.pathway(), Pathway::FurtherWorkup);
//! assert_eq!(e.recommendation(Action::CervicalMri), Some(Urgency::Urgent));
//! // Built on read, the same as the eager path, byte for byte.
//! assert_eq!(e.explain(), assess(&p));
//! assert_eq!(e.to_json_detail(Detail::Full), assess(&p).to_json());
//! # Ok::<(), stenosis_core::InputError>(())
//! ```

use crate::assessment::explain::build;
use crate::assessment::Assessment;
use crate::detail::Detail;
use crate::presentation::{Presentation, RecordId};
use crate::rules::{self, Collect, Decision};
use crate::summary::Summary;
use crate::vocab::{Action, Condition, Likelihood, Pathway, RedFlag, SeverityClass, Urgency, Warning};

/// A presentation's decision and the reasons its rules gave, explanations built when read. Made
/// by [`evaluate`].
pub struct Evaluation {
    presentation: Presentation,
    decision: Decision,
    trace: Collect,
}

impl Clone for Evaluation {
    fn clone(&self) -> Self {
        Evaluation { presentation: self.presentation, decision: self.decision, trace: Collect(self.trace.0.clone()) }
    }
}

impl core::fmt::Debug for Evaluation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Evaluation")
            .field("pathway", &self.decision.pathway)
            .field("top_condition", &self.top_condition())
            .field("myelopathy", &self.decision.myelopathy)
            .field("reasons", &self.trace.0.iter().map(|(_, r)| r.id).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Runs the rules once and keeps the decision and the reasons given; nothing is explained yet.
/// Pure, total and deterministic, like [`crate::assess`].
#[must_use]
pub fn evaluate(p: &Presentation) -> Evaluation {
    let mut trace = Collect::default();
    let decision = rules::evaluate(p, &mut trace);
    Evaluation { presentation: *p, decision, trace }
}

impl Evaluation {
    /// The presentation evaluated.
    #[must_use]
    pub fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    /// The presentation's record id.
    #[must_use]
    pub fn id(&self) -> Option<&RecordId> {
        self.presentation.id()
    }

    /// Where the case sits on the management pathway.
    #[must_use]
    pub fn pathway(&self) -> Pathway {
        self.decision.pathway
    }

    /// The first condition of the differential.
    #[must_use]
    pub fn top_condition(&self) -> Condition {
        self.decision.top_condition(&self.presentation)
    }

    /// How likely degenerative cervical myelopathy is.
    #[must_use]
    pub fn myelopathy_likelihood(&self) -> Likelihood {
        self.decision.myelopathy
    }

    /// How likely one condition of the differential is.
    #[must_use]
    pub fn likelihood(&self, c: Condition) -> Likelihood {
        self.decision.condition(c)
    }

    /// Cook rule items (positive, assessed), out of 5.
    #[must_use]
    pub fn cook_rule(&self) -> (u8, u8) {
        (self.decision.cook.positive, self.decision.cook.assessed)
    }

    /// The urgency of one recommended action, if recommended.
    #[must_use]
    pub fn recommendation(&self, a: Action) -> Option<Urgency> {
        self.decision.recommendation(a)
    }

    /// The mJOA severity class, if an mJOA was given.
    #[must_use]
    pub fn severity_class(&self) -> Option<SeverityClass> {
        self.decision.severity
    }

    /// The red flags raised, in vocabulary order.
    pub fn red_flags(&self) -> impl Iterator<Item = RedFlag> + '_ {
        RedFlag::ALL.iter().copied().filter(|r| self.decision.has_red_flag(*r))
    }

    /// The warnings raised, in vocabulary order.
    pub fn warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        Warning::ALL.iter().copied().filter(|w| self.decision.has_warning(*w))
    }

    /// The headline, equal to [`crate::summarize`] of the same presentation.
    #[must_use]
    pub fn summary(&self) -> Summary {
        Summary::from_decision(&self.presentation, &self.decision)
    }

    /// The full Assessment, explanations and next findings included: equal to
    /// [`crate::assess`] of the same presentation.
    #[must_use]
    pub fn explain(&self) -> Assessment {
        build(&self.presentation, &self.decision, &self.trace, true)
    }

    /// The Assessment without `next_findings` (left empty), which are the costly part: what a
    /// `standard` record says.
    #[must_use]
    pub fn explain_without_next_findings(&self) -> Assessment {
        build(&self.presentation, &self.decision, &self.trace, false)
    }

    /// The contract JSON (`full`), byte-identical to [`Assessment::to_json`].
    #[must_use]
    pub fn to_json(&self) -> String {
        self.to_json_detail(Detail::Full)
    }

    /// The JSON at a detail level, byte-identical to [`Assessment::to_json_detail`]; `standard`
    /// and `summary` do not compute the next findings.
    #[must_use]
    pub fn to_json_detail(&self, detail: Detail) -> String {
        match detail {
            Detail::Full => self.explain().to_json_detail(Detail::Full),
            Detail::Standard => crate::json::write_standard(&self.presentation, &self.decision, &self.trace),
            Detail::Summary => self.summary().to_json(self.id()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::assess;
    use crate::summary::summarize;
    use crate::vocab::{Finding, Status};

    #[test]
    fn evaluation_reads_the_same_as_the_assessment() {
        let mut p = Presentation::new();
        let _ = p.set_age_years(Some(71));
        for f in [Finding::GaitDifficulty, Finding::HoffmannSign, Finding::UrinaryRetention, Finding::BabinskiSign] {
            p.set_finding(f, Status::Present);
            let e = evaluate(&p);
            let a = assess(&p);
            assert_eq!(e.explain(), a);
            assert_eq!(e.pathway(), a.pathway);
            assert_eq!(Some(e.top_condition()), a.top_condition());
            assert_eq!(e.myelopathy_likelihood(), a.myelopathy.likelihood);
            assert_eq!(e.red_flags().collect::<Vec<_>>(), a.red_flags.iter().map(|r| r.id).collect::<Vec<_>>());
            assert_eq!(e.warnings().collect::<Vec<_>>(), a.warnings.iter().map(|w| w.id).collect::<Vec<_>>());
            assert_eq!(e.summary(), summarize(&p));
            for d in Detail::ALL {
                assert_eq!(e.to_json_detail(*d), a.to_json_detail(*d));
            }
            for e2 in &a.differential {
                assert_eq!(e.likelihood(e2.condition), e2.likelihood);
            }
        }
    }
}
