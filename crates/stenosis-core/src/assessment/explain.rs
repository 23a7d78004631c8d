//! The explanation: an [`Assessment`] built from the rules' [`Decision`] and the reasons they
//! noted on the way (each statement's text and citations), plus the next findings.

use super::next::next_findings;
use super::order::Order;
use super::types::{
    Assessment, CitationEntry, CookItem, CookRuleResult, DifferentialEntry, Myelopathy, PostTestProbability,
    Recommendation, RedFlagAlert, Severity, WarningAlert,
};
use super::{DISCLAIMER, ENGINE_VERSION, KNOWLEDGE_BASE_VERSION};
use crate::citations::CitationId;
use crate::presentation::Presentation;
use crate::rules::{
    self, severity_class, Collect, Decision, Reason, Target, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR,
    COOK_RULE_OUT_LR,
};
use crate::vocab::{Action, Condition, Finding, RedFlag, Status, Warning};

/// Citations gathered in first-use order, without duplicates.
#[derive(Default)]
struct CitationSet(Vec<CitationId>);

impl CitationSet {
    fn add(&mut self, ids: &[CitationId]) {
        for id in ids {
            if !self.0.contains(id) {
                self.0.push(*id);
            }
        }
    }
}

pub(crate) fn reasons_for(trace: &Collect, target: Target) -> impl Iterator<Item = &'static Reason> + '_ {
    trace.0.iter().filter(move |(t, _)| *t == target).map(|(_, r)| *r)
}

fn collect_citations(reasons: &[&'static Reason], base: &[CitationId]) -> Vec<CitationId> {
    let mut set = CitationSet::default();
    for r in reasons {
        set.add(r.cites);
    }
    set.add(base);
    set.0
}

fn findings_in(mask: u128) -> Vec<Finding> {
    Finding::ALL.iter().copied().filter(|f| mask & (1u128 << f.code()) != 0).collect()
}

/// Builds the Assessment from the decision and the reasons its rules noted; `with_next` says
/// whether to rank the next findings (the costly part: two re-evaluations per unassessed
/// finding), else `next_findings` is left empty.
pub(crate) fn build(p: &Presentation, d: &Decision, trace: &Collect, with_next: bool) -> Assessment {
    let present = p.findings().present_mask();
    let absent = p.findings().absent_mask();
    let mut all = CitationSet::default();

    let differential: Vec<DifferentialEntry> = rules::ranked(d, p)
        .iter()
        .map(|&c| {
            let (supports, opposes) = rules::evidence(d, c, present, absent);
            let target = if c == Condition::CervicalMyelopathy { Target::Myelopathy } else { Target::Condition(c) };
            let reasons: Vec<&'static Reason> = reasons_for(trace, target).collect();
            let citations = collect_citations(&reasons, rules::base_citations(c));
            all.add(&citations);
            DifferentialEntry {
                condition: c,
                likelihood: d.condition(c),
                supporting: findings_in(supports),
                opposing: findings_in(opposes),
                reasons: reasons.iter().map(|r| r.text).collect(),
                citations,
            }
        })
        .collect();

    let myelopathy = build_myelopathy(p, d, &differential);
    all.add(&myelopathy.citations);

    let severity = p
        .mjoa()
        .and_then(|m| severity_class(m).map(|class| Severity { mjoa: m, class, citations: rules::SEVERITY_CITATIONS }));
    if let Some(s) = &severity {
        all.add(s.citations);
    }

    let pathway_reasons: Vec<&'static Reason> = reasons_for(trace, Target::Pathway).collect();
    for r in &pathway_reasons {
        all.add(r.cites);
    }
    let missing = rules::missing_exam_items(p);
    let pathway_rationale = join_with(&pathway_reasons, &missing);

    let mut recommendations: Vec<Recommendation> = Action::ALL
        .iter()
        .filter_map(|&a| {
            let urgency = d.recommendation(a)?;
            let reasons: Vec<&'static Reason> = reasons_for(trace, Target::Recommendation(a)).collect();
            let citations = collect_citations(&reasons, &[]);
            all.add(&citations);
            // The AO Spine grades are DCM's: not attached while a mimic is highly likely.
            let grade = rules::grade(&reasons).filter(|_| !d.v2.mimic_high);
            let (strength, evidence_quality) = grade.map_or((None, None), |(s, q)| (Some(s), Some(q)));
            Some(Recommendation {
                action: a,
                urgency,
                strength,
                evidence_quality,
                rationale: join_with(&reasons, &missing),
                citations,
            })
        })
        .collect();
    // Most urgent first; vocabulary order within the same urgency (stable sort), with the
    // exceptions of `Order` (shared with the summary).
    let order = Order::of(d);
    recommendations.sort_by_key(|r| (core::cmp::Reverse(r.urgency), order.place(r.action)));

    let red_flags: Vec<RedFlagAlert> = RedFlag::ALL
        .iter()
        .filter(|&&r| d.has_red_flag(r))
        .map(|&r| {
            let reasons: Vec<&'static Reason> = reasons_for(trace, Target::RedFlag(r)).collect();
            let citations = collect_citations(&reasons, &[]);
            all.add(&citations);
            RedFlagAlert { id: r, message: join(&reasons), citations }
        })
        .collect();

    let warnings: Vec<WarningAlert> = Warning::ALL
        .iter()
        .filter(|&&w| d.has_warning(w))
        .map(|&w| {
            let reasons: Vec<&'static Reason> = reasons_for(trace, Target::Warning(w)).collect();
            let citations = collect_citations(&reasons, &[]);
            all.add(&citations);
            WarningAlert { id: w, message: join_with(&reasons, &missing), citations }
        })
        .collect();

    let prognosis = rules::prognosis(d);
    for n in &prognosis {
        all.add(n.citations);
    }

    let next_findings = if with_next { next_findings(p, d) } else { Vec::new() };

    all.0.sort();
    Assessment {
        id: p.id().copied(),
        differential,
        myelopathy,
        severity,
        pathway: d.pathway,
        pathway_rationale,
        recommendations,
        red_flags,
        warnings,
        next_findings,
        prognosis,
        citations: all.0.iter().map(|c| CitationEntry::from(c.reference())).collect(),
        engine_version: ENGINE_VERSION,
        knowledge_base_version: KNOWLEDGE_BASE_VERSION,
        disclaimer: DISCLAIMER,
    }
}

fn join(reasons: &[&'static Reason]) -> String {
    join_with(reasons, &[])
}

/// Joins the reasons' sentences; a reason that says the examination is incomplete is followed by
/// the items of this presentation that are not recorded (`missing`).
fn join_with(reasons: &[&'static Reason], missing: &[&'static str]) -> String {
    let mut s = String::new();
    for (i, r) in reasons.iter().enumerate() {
        if i > 0 {
            s.push_str(". ");
        }
        s.push_str(r.text);
        if rules::names_missing_exam_items(r) && !missing.is_empty() {
            s.push_str(". Not recorded: ");
            for (j, item) in missing.iter().enumerate() {
                if j > 0 {
                    s.push_str(", ");
                }
                s.push_str(item);
            }
        }
    }
    if !s.is_empty() {
        s.push('.');
    }
    s
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub(crate) fn post_test(pre: f64, lr: f64) -> f64 {
    let odds = pre / (1.0 - pre) * lr;
    round3(odds / (1.0 + odds))
}

fn build_myelopathy(p: &Presentation, d: &Decision, differential: &[DifferentialEntry]) -> Myelopathy {
    let entry = differential.iter().find(|e| e.condition == Condition::CervicalMyelopathy);
    let mut items: Vec<CookItem> =
        rules::COOK_ITEMS.iter().map(|&f| CookItem { item: f.id(), status: p.finding(f) }).collect();
    items.push(CookItem {
        item: "age_over_45",
        status: match rules::cook_age_item(p.age_years()) {
            None => Status::Unknown,
            Some(true) => Status::Present,
            Some(false) => Status::Absent,
        },
    });
    let post = if d.cook.positive >= 3 {
        Some((COOK_RULE_IN_LR, rules::COOK_RULE_IN_TEXT))
    } else if d.cook.positive == 0 && d.cook.assessed == 5 {
        Some((COOK_RULE_OUT_LR, rules::COOK_RULE_OUT_TEXT))
    } else {
        None
    };
    let post_test = post.map(|(lr, rule)| PostTestProbability {
        pre_test_probability: COOK_PRETEST_PROBABILITY,
        pre_test_basis: rules::COOK_PRETEST_BASIS,
        likelihood_ratio: lr,
        rule,
        probability: post_test(COOK_PRETEST_PROBABILITY, lr),
        citations: vec![CitationId::Cook2010Cpr],
    });
    Myelopathy {
        likelihood: d.myelopathy,
        cook_rule: CookRuleResult { positive: d.cook.positive, assessed: d.cook.assessed, items },
        post_test,
        supporting: entry.map(|e| e.supporting.clone()).unwrap_or_default(),
        opposing: entry.map(|e| e.opposing.clone()).unwrap_or_default(),
        reasons: entry.map(|e| e.reasons.clone()).unwrap_or_default(),
        citations: {
            let mut c = entry.map(|e| e.citations.clone()).unwrap_or_default();
            if !c.contains(&CitationId::Cook2010Cpr) {
                c.push(CitationId::Cook2010Cpr);
            }
            c
        },
    }
}
