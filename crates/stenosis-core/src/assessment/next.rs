//! The next findings: for every finding not yet assessed, the assessment if it were present
//! and if it were absent, scored by how much that would change (red flags, pathway, top
//! condition, imaging urgency, likelihoods); the best few are listed with the reason in words.
//!
//! Incremental: the rules run once more on the presentation, recording for every finding they
//! read whether its being present, or absent, could change the answer read (an "any of these
//! present" that is already yes cannot change, an absence cannot change a count). A what-if no
//! answer is sensitive to takes every branch as today, so its decision is today's: the rules are
//! re-run only for the what-ifs that could change something.

use super::types::{NextFinding, Outcome};
use crate::presentation::Presentation;
use crate::rules::{self, Decision, NoTrace};
use crate::vocab::{Action, Condition, Finding, Likelihood, RedFlag, Status, Urgency};

/// How many next findings an assessment lists at most.
pub const MAX_NEXT_FINDINGS: usize = 10;

fn outcome(d: &Decision, top: Condition) -> Outcome {
    Outcome {
        pathway: d.pathway,
        myelopathy_likelihood: d.myelopathy,
        top_condition: top,
        cervical_mri: d.recommendation(Action::CervicalMri),
        red_flags: RedFlag::ALL.iter().copied().filter(|r| d.has_red_flag(*r)).collect(),
    }
}

fn level(l: Likelihood) -> i64 {
    i64::from(l.code())
}

fn urgency_level(u: Option<Urgency>) -> i64 {
    u.map_or(0, |u| i64::from(u.code()) + 1)
}

/// A hypothetical decision and its top condition.
#[derive(Clone, Copy)]
struct Scenario {
    decision: Decision,
    top: Condition,
}

impl Scenario {
    fn of(p: &Presentation) -> Self {
        Scenario::with(rules::evaluate(p, &mut NoTrace), p)
    }

    /// A known decision, with the top condition ranked on `p` (the ranking reads the findings
    /// present, so it is not the decision's alone).
    fn with(decision: Decision, p: &Presentation) -> Self {
        Scenario { decision, top: decision.top_condition(p) }
    }
}

/// How much a hypothetical decision differs from the current one: red flags and pathway weigh
/// most, then the top condition and cervical imaging urgency, then likelihoods.
fn impact(base: &Scenario, alt: &Scenario) -> u32 {
    let (b, a) = (&base.decision, &alt.decision);
    let mut score = 0i64;
    if a.red_flags != b.red_flags {
        score += 16;
    }
    if a.pathway != b.pathway {
        score += 8;
    }
    if alt.top != base.top {
        score += 4;
    }
    score += 2
        * (urgency_level(a.recommendation(Action::CervicalMri)) - urgency_level(b.recommendation(Action::CervicalMri)))
            .abs();
    score += 3 * (level(a.myelopathy) - level(b.myelopathy)).abs();
    for (x, y) in a.conditions.iter().zip(b.conditions.iter()) {
        score += (level(*x) - level(*y)).abs();
    }
    u32::try_from(score).unwrap_or(u32::MAX)
}

/// Appends what changes between two scenarios to `out`, as "; "-separated phrases; returns
/// whether anything was written.
fn describe(base: &Scenario, alt: &Scenario, out: &mut String) -> bool {
    let (b, a) = (&base.decision, &alt.decision);
    let start = out.len();
    let part = |out: &mut String, pieces: &[&str]| {
        if out.len() > start {
            out.push_str("; ");
        }
        for p in pieces {
            out.push_str(p);
        }
    };
    if a.red_flags != b.red_flags {
        // Only the red flags this answer would raise (or that it would clear).
        let mut raised = RedFlag::ALL.iter().filter(|r| a.has_red_flag(**r) && !b.has_red_flag(**r));
        match raised.next() {
            None => part(out, &["no new red flag"]),
            Some(first) => {
                part(out, &["red flag: ", first.label()]);
                for r in raised {
                    out.push_str(", ");
                    out.push_str(r.label());
                }
            }
        }
    }
    if a.pathway != b.pathway {
        part(out, &["pathway: ", a.pathway.label()]);
    }
    if a.myelopathy != b.myelopathy {
        part(out, &["likelihood of myelopathy: ", a.myelopathy.label()]);
    }
    if alt.top != base.top {
        part(out, &["most likely: ", alt.top.label()]);
    }
    let (x, y) = (a.recommendation(Action::CervicalMri), b.recommendation(Action::CervicalMri));
    if x != y {
        match x {
            Some(u) => part(out, &["cervical MRI: ", u.label()]),
            None => part(out, &["cervical MRI not indicated"]),
        }
    }
    let (x, y) = (a.recommendation(Action::LumbarMri), b.recommendation(Action::LumbarMri));
    if x != y {
        match x {
            Some(u) => part(out, &["lumbar MRI: ", u.label()]),
            None => part(out, &["lumbar MRI not indicated"]),
        }
    }
    for c in Condition::ALL.iter().skip(1) {
        if a.condition(*c) != b.condition(*c) {
            part(out, &[c.label(), ": ", a.condition(*c).label()]);
        }
    }
    out.len() > start
}

/// Extra weight for an item of the upper motor neuron examination while that examination is
/// incomplete: the engine recommends completing it, and its items act together (the Cook rule, a
/// second sign) in a way that one-finding-at-a-time re-evaluation cannot show.
const EXAM_ITEM_BONUS: u32 = 6;

pub(super) fn next_findings(p: &Presentation, d: &Decision) -> Vec<NextFinding> {
    if Finding::ALL.iter().all(|f| p.findings().known(*f)) {
        // Nothing left to ask: no what-if, and no tracking evaluation either.
        return Vec::new();
    }
    let sensitive = crate::tracked::rules::evaluate_sensitivity(p);
    // Made absent, a finding leaves the findings present, which the ranking reads, as they are:
    // with today's decision, today's top condition.
    let unchanged_absent = Scenario { decision: *d, top: d.top_condition(p) };
    rank(p, d, |f| {
        let bit = f.bit();
        // A what-if no answer of the rules is sensitive to takes every branch as today, so its
        // decision is today's.
        let present = p.with_finding(f, Status::Present);
        let present =
            if sensitive.if_present & bit == 0 { Scenario::with(*d, &present) } else { Scenario::of(&present) };
        let absent = if sensitive.if_absent & bit == 0 {
            unchanged_absent
        } else {
            Scenario::of(&p.with_finding(f, Status::Absent))
        };
        (present, absent)
    })
}

/// The next findings, given each unassessed finding's scenarios if present and if absent.
fn rank(p: &Presentation, d: &Decision, scenarios: impl Fn(Finding) -> (Scenario, Scenario)) -> Vec<NextFinding> {
    let base = Scenario { decision: *d, top: d.top_condition(p) };
    let exam_incomplete = !rules::umn_exam_done(p);
    // Score every unassessed finding cheaply; build words only for those kept.
    let mut scored: Vec<(Finding, u32, Scenario, Scenario)> = Finding::ALL
        .iter()
        .filter(|f| !p.findings().known(**f))
        .filter_map(|&f| {
            let (present, absent) = scenarios(f);
            let bonus = if exam_incomplete && rules::is_exam_core(f) { EXAM_ITEM_BONUS } else { 0 };
            let score = impact(&base, &present).saturating_add(impact(&base, &absent)).saturating_add(bonus);
            (score > 0).then_some((f, score, present, absent))
        })
        .collect();
    // The items of an incomplete upper motor neuron examination that change something (the
    // engine recommends completing it), then findings whose presence would raise a red flag (a
    // question that changes today's action), then the exam items that change nothing yet, then
    // highest impact; vocabulary order on ties (stable sort).
    let raises_flag = |s: &Scenario| s.decision.red_flags & !base.decision.red_flags != 0;
    scored.sort_by_key(|(f, score, present, _)| {
        let exam_item = exam_incomplete && rules::is_exam_core(*f);
        (
            core::cmp::Reverse(exam_item && *score > EXAM_ITEM_BONUS),
            core::cmp::Reverse(raises_flag(present)),
            core::cmp::Reverse(exam_item),
            core::cmp::Reverse(*score),
        )
    });
    // Red-flag questions beyond half the list wait behind the exam items, so that an incomplete
    // examination stays visible.
    if exam_incomplete {
        let mut flags = 0usize;
        let (mut keep, mut later) = (Vec::with_capacity(scored.len()), Vec::new());
        for item in scored {
            if raises_flag(&item.2) && !rules::is_exam_core(item.0) {
                flags += 1;
                if flags > MAX_NEXT_FINDINGS / 2 {
                    later.push(item);
                    continue;
                }
            }
            keep.push(item);
        }
        keep.extend(later);
        scored = keep;
    }
    scored.truncate(MAX_NEXT_FINDINGS);
    scored
        .into_iter()
        .map(|(f, score, present, absent)| {
            let mut why = String::with_capacity(160);
            if exam_incomplete && rules::is_exam_core(f) {
                why.push_str(if rules::COOK_ITEMS.contains(&f) {
                    "Completes the upper motor neuron examination (a Cook rule item)."
                } else {
                    "Completes the upper motor neuron examination."
                });
            }
            for (label, alt) in [("If present: ", &present), ("If absent: ", &absent)] {
                let mark = why.len();
                if !why.is_empty() {
                    why.push(' ');
                }
                why.push_str(label);
                if describe(&base, alt, &mut why) {
                    why.push('.');
                } else {
                    why.truncate(mark);
                }
            }
            NextFinding {
                finding: f,
                impact: score,
                why,
                if_present: outcome(&present.decision, present.top),
                if_absent: outcome(&absent.decision, absent.top),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::{random_presentation, Rng};
    use crate::vocab::Sex;

    fn random(r: &mut Rng) -> Presentation {
        let mut p = random_presentation(r);
        p.set_sex(
            [None, Some(Sex::Female), Some(Sex::Male), Some(Sex::Other)].get(r.below(4) as usize).copied().flatten(),
        );
        p
    }

    /// The incremental next findings equal the brute-force ones (every unassessed finding
    /// re-evaluated present and absent), and every what-if the rules' answers are not sensitive
    /// to leaves the decision unchanged.
    #[test]
    fn incremental_next_findings_equal_brute_force() {
        let mut r = Rng(0x2545_f491_4f6c_dd1d);
        let (mut skipped, mut listed) = (0usize, 0usize);
        for _ in 0..3000 {
            let p = random(&mut r);
            let d = rules::evaluate(&p, &mut NoTrace);
            let sensitive = crate::tracked::rules::evaluate_sensitivity(&p);
            for f in Finding::ALL.iter().filter(|f| !p.findings().known(**f)) {
                for (s, mask) in [(Status::Present, sensitive.if_present), (Status::Absent, sensitive.if_absent)] {
                    if mask & f.bit() == 0 {
                        skipped += 1;
                        assert_eq!(rules::evaluate(&p.with_finding(*f, s), &mut NoTrace), d, "{} {s:?}", f.id());
                    }
                }
            }
            let brute = rank(&p, &d, |f| {
                (Scenario::of(&p.with_finding(f, Status::Present)), Scenario::of(&p.with_finding(f, Status::Absent)))
            });
            let incremental = next_findings(&p, &d);
            listed += incremental.len();
            assert_eq!(incremental, brute, "{}", p.to_json());
        }
        // The test means something: findings are skipped, and next findings listed.
        assert!(skipped > 3000 && listed > 3000, "{skipped} {listed}");
    }
}
