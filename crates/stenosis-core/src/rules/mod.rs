//! The decision rules, as tables of rows (see [`engine`]): each clinical file opens with the
//! guideline it implements and holds its rules as `const` tables; [`evaluate`] runs the phases in
//! order, each a small named function applying one table:
//!
//! 1. the differential ([`differential`]): lumbar stenosis, neuropathy, arterial disease, cauda
//!    equina;
//! 2. the cross-cutting judgements ([`facts`]): a clear alternative explanation, whether it
//!    explains nonspecific symptoms;
//! 3. the myelopathy likelihood ([`myelopathy`]): clinical picture, imaging, Cook rule-out;
//! 4. red flags ([`alerts`]), the pathway (first match) and the recommendations ([`management`]),
//!    then the warnings ([`alerts`]).
//!
//! It is generic over the trace so that the "what if" re-evaluations behind `next_findings` pay
//! nothing for explanations.

mod alerts;
mod differential;
mod engine;
mod facts;
mod management;
mod myelopathy;
mod prognosis;

use crate::citations::CitationId;
use crate::presentation::Presentation;
use crate::vocab::{Action, Condition, Likelihood, Pathway, RedFlag, SeverityClass, Urgency, Warning};

pub(crate) use differential::{evidence, ranked};
pub(crate) use facts::{is_exam_core, umn_exam_done, Ctx};
pub(crate) use management::grade;
pub(crate) use myelopathy::{
    cook_age_item, CookRule, COOK_ITEMS, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR, COOK_RULE_OUT_LR,
};
pub(crate) use prognosis::{prognosis, SEVERITY_CITATIONS};
pub use prognosis::{severity_class, PrognosisNote};

/// A reason a rule gives: a stable id, a sentence and its sources.
#[derive(Debug)]
pub(crate) struct Reason {
    /// Stable, unique among all reasons (snake case of the constant's name).
    pub id: &'static str,
    pub text: &'static str,
    pub cites: &'static [CitationId],
}

/// What a reason explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Myelopathy,
    Condition(Condition),
    Pathway,
    Recommendation(Action),
    RedFlag(RedFlag),
    Warning(Warning),
}

/// Where rules note their reasons.
pub(crate) trait Trace {
    fn note(&mut self, target: Target, reason: &'static Reason);
}

/// Discards reasons (for "what if" evaluations).
pub(crate) struct NoTrace;

impl Trace for NoTrace {
    #[inline(always)]
    fn note(&mut self, _: Target, _: &'static Reason) {}
}

/// Keeps reasons in the order the rules gave them.
pub(crate) struct Collect(pub Vec<(Target, &'static Reason)>);

impl Default for Collect {
    fn default() -> Self {
        // Enough for the reasons of a typical assessment without reallocating.
        Collect(Vec::with_capacity(48))
    }
}

impl Trace for Collect {
    fn note(&mut self, target: Target, reason: &'static Reason) {
        if !self.0.iter().any(|(t, r)| *t == target && r.id == reason.id) {
            self.0.push((target, reason));
        }
    }
}

/// What the imaging says about the cervical cord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CervicalImaging {
    /// No cervical MRI result given.
    NotImaged,
    /// Cord compression (or cord signal change) reported.
    Compression,
    /// MRI reported without cord compression.
    NoCompression,
    /// Intramedullary signal change reported with cord compression explicitly absent.
    SignalWithoutCompression,
}

/// The number of conditions on the differential.
pub(crate) const N_CONDITIONS: usize = Condition::ALL.len();
/// The number of actions.
pub(crate) const N_ACTIONS: usize = Action::ALL.len();

/// The decision, without explanations: small and `Copy`, so it can be compared cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    pub myelopathy: Likelihood,
    pub cook: CookRule,
    pub conditions: [Likelihood; N_CONDITIONS],
    pub imaging: CervicalImaging,
    pub dcm_established: bool,
    pub severity: Option<SeverityClass>,
    /// mJOA 18 given: no deficit (no severity class; managed like mild disease).
    pub no_deficit: bool,
    pub red_flags: u32,
    pub warnings: u32,
    pub recommendations: [Option<Urgency>; N_ACTIONS],
    pub pathway: Pathway,
}

impl Decision {
    pub fn condition(&self, c: Condition) -> Likelihood {
        self.conditions.get(c as usize).copied().unwrap_or(Likelihood::Low)
    }
    fn set_condition(&mut self, c: Condition, l: Likelihood) {
        if let Some(slot) = self.conditions.get_mut(c as usize) {
            *slot = l;
        }
    }
    pub fn has_red_flag(&self, r: RedFlag) -> bool {
        self.red_flags & (1 << r.code()) != 0
    }
    pub fn has_warning(&self, w: Warning) -> bool {
        self.warnings & (1 << w.code()) != 0
    }
    pub fn recommendation(&self, a: Action) -> Option<Urgency> {
        self.recommendations.get(a as usize).copied().flatten()
    }
    fn recommend(&mut self, a: Action, u: Urgency) {
        if let Some(slot) = self.recommendations.get_mut(a as usize) {
            *slot = Some(slot.map_or(u, |old| old.max(u)));
        }
    }
    /// The first condition of the differential, by the differential's ordering.
    pub fn top_condition(&self, p: &Presentation) -> Condition {
        differential::top(self, p)
    }
}

/// Evaluates every rule, phase by phase. Total: no input makes it panic.
pub(crate) fn evaluate<T: Trace>(p: &Presentation, t: &mut T) -> Decision {
    let mut c = Ctx::new(p);
    differential::conditions(&mut c, t);
    c.judge();
    myelopathy::likelihood(&mut c, t);
    alerts::red_flags(&mut c, t);
    management::pathway(&mut c, t);
    management::recommendations(&mut c, t);
    alerts::warnings(&mut c, t);
    c.d
}

/// Every reason of every table, for tests (unique ids, figures quoted from their constants).
#[cfg(test)]
pub(crate) fn all_reasons() -> Vec<&'static Reason> {
    let mut v = Vec::new();
    v.extend(differential::reasons());
    v.extend(myelopathy::reasons());
    v.extend(management::reasons());
    v.extend(alerts::reasons());
    v
}

#[cfg(test)]
mod tests {
    use super::all_reasons;

    #[test]
    fn reason_ids_are_unique_and_snake_case() {
        let reasons = all_reasons();
        assert!(reasons.len() > 80, "{}", reasons.len());
        let mut ids: Vec<&str> = reasons.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        // A reason shared by two rows appears twice in the tables, with one id.
        let distinct = ids.len();
        assert!(distinct <= n);
        for id in &ids {
            assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{id}");
        }
        // Same id means same reason.
        for a in &reasons {
            for b in &reasons {
                if a.id == b.id {
                    assert_eq!(a.text, b.text, "two reasons share the id {}", a.id);
                }
            }
        }
    }

    #[test]
    fn every_reason_cites_a_source() {
        for r in all_reasons() {
            assert!(!r.cites.is_empty(), "{} has no citation", r.id);
            assert!(r.text.len() > 20, "{}", r.id);
        }
    }
}
