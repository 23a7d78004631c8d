//! The output: an [`Assessment`], every statement with its reasons and citations.

use serde::Serialize;

use crate::citations::{CitationId, Reference};
use crate::presentation::{Presentation, RecordId};
use crate::rules::{
    self, Collect, Decision, NoTrace, Reason, Target, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR, COOK_RULE_OUT_LR,
};
pub use crate::rules::{severity_class, PrognosisNote};
use crate::vocab::{
    Action, Condition, EvidenceQuality, Finding, Likelihood, Pathway, RedFlag, SeverityClass, Status, Strength,
    Urgency, Warning,
};

/// The engine version (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The knowledge-base version: changes whenever a rule, threshold or citation changes.
pub const KNOWLEDGE_BASE_VERSION: &str = "2026.12.13";

/// The disclaimer every assessment carries.
pub const DISCLAIMER: &str = "Decision support for clinicians, not a diagnosis. stenosis summarises published evidence about the findings it is given; it does not examine the patient or read images, and every statement shows its basis so that the clinician can review it. Clinical judgement decides.";

/// One condition on the differential.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferentialEntry {
    /// The condition.
    pub condition: Condition,
    /// How likely it is.
    pub likelihood: Likelihood,
    /// Present findings that support it.
    pub supporting: Vec<Finding>,
    /// Findings that oppose it: present ones that argue against it, or expected ones found absent.
    pub opposing: Vec<Finding>,
    /// Why the likelihood is what it is, rule by rule.
    pub reasons: Vec<&'static str>,
    /// Citation ids for the condition and its rules.
    pub citations: Vec<CitationId>,
}

/// One item of the Cook clinical prediction rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CookItem {
    /// `gait_deviation`, `hoffmann_sign`, `inverted_supinator_sign`, `babinski_sign` or `age_over_45`.
    pub item: &'static str,
    /// Present, absent or unknown (for age: unknown when age is not given).
    pub status: Status,
}

/// The Cook et al. 2010 clinical prediction rule count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CookRuleResult {
    /// Items positive (0-5).
    pub positive: u8,
    /// Items assessed (0-5).
    pub assessed: u8,
    /// Each item with its status.
    pub items: Vec<CookItem>,
}

/// A post-test probability from a verified likelihood ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostTestProbability {
    /// The pre-test probability assumed.
    pub pre_test_probability: f64,
    /// Where that pre-test probability comes from.
    pub pre_test_basis: &'static str,
    /// The likelihood ratio applied.
    pub likelihood_ratio: f64,
    /// Which threshold of the rule the ratio belongs to.
    pub rule: &'static str,
    /// The post-test probability (three decimals).
    pub probability: f64,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// The cervical question itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Myelopathy {
    /// How likely degenerative cervical myelopathy is.
    pub likelihood: Likelihood,
    /// The Cook rule count.
    pub cook_rule: CookRuleResult,
    /// Post-test probability where a verified likelihood ratio applies (0 of 5 fully assessed,
    /// or 3 or more of 5); `None` otherwise.
    pub post_test: Option<PostTestProbability>,
    /// Present findings that support myelopathy.
    pub supporting: Vec<Finding>,
    /// Findings that oppose it.
    pub opposing: Vec<Finding>,
    /// Why, rule by rule.
    pub reasons: Vec<&'static str>,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// mJOA severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Severity {
    /// The mJOA score given.
    pub mjoa: u8,
    /// Its class (Tetreault 2017).
    pub class: SeverityClass,
    /// Citation ids.
    pub citations: &'static [CitationId],
}

/// A recommended action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// What to do.
    pub action: Action,
    /// How soon.
    pub urgency: Urgency,
    /// The strength its guideline gives it (AO Spine/CSRS 2017), or `None` where the source gives
    /// no grade (serialised as `null`).
    pub strength: Option<Strength>,
    /// The quality of evidence its guideline gives it, or `None` where the source gives no grade.
    pub evidence_quality: Option<EvidenceQuality>,
    /// Why.
    pub rationale: String,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// A red flag raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlagAlert {
    /// Which red flag.
    pub id: RedFlag,
    /// What it means and what to do.
    pub message: String,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// A warning raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningAlert {
    /// Which warning.
    pub id: Warning,
    /// What it means.
    pub message: String,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// What the assessment would become with one more finding known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The pathway in that case.
    pub pathway: Pathway,
    /// The myelopathy likelihood in that case.
    pub myelopathy_likelihood: Likelihood,
    /// The top condition in that case.
    pub top_condition: Condition,
    /// The cervical MRI urgency in that case (`None`: not recommended).
    pub cervical_mri: Option<Urgency>,
    /// Red flags in that case.
    pub red_flags: Vec<RedFlag>,
}

/// A finding not yet assessed, with how much knowing it would change the assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextFinding {
    /// The finding to assess.
    pub finding: Finding,
    /// How much knowing it would change the assessment (higher is more): red flags and pathway
    /// weigh most, then top condition and imaging urgency, then likelihoods. While the upper motor
    /// neuron examination is incomplete, its items are listed first whatever their impact.
    pub impact: u32,
    /// Why, in words.
    pub why: String,
    /// The assessment if it were present.
    pub if_present: Outcome,
    /// The assessment if it were absent.
    pub if_absent: Outcome,
}

/// A full reference, as it appears in the assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationEntry {
    /// The citation id.
    pub id: CitationId,
    /// Authors.
    pub authors: &'static str,
    /// Title.
    pub title: &'static str,
    /// Journal or publisher.
    pub source: &'static str,
    /// Year.
    pub year: u16,
    /// PubMed id, where verified.
    pub pmid: Option<&'static str>,
    /// DOI, where verified.
    pub doi: Option<&'static str>,
    /// A link (DOI or PubMed), where an identifier is known.
    pub url: Option<String>,
}

impl From<Reference> for CitationEntry {
    fn from(r: Reference) -> Self {
        CitationEntry {
            id: r.id,
            authors: r.authors,
            title: r.title,
            source: r.source,
            year: r.year,
            pmid: r.pmid,
            doi: r.doi,
            url: r.url(),
        }
    }
}

/// The assessment of a presentation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The presentation's record id, echoed (absent from the JSON when none was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<RecordId>,
    /// Every condition, most likely first.
    pub differential: Vec<DifferentialEntry>,
    /// The cervical question.
    pub myelopathy: Myelopathy,
    /// mJOA severity, or `None` when no mJOA was given (or it is 18: no deficit, no class).
    pub severity: Option<Severity>,
    /// Where the case sits on the management pathway.
    pub pathway: Pathway,
    /// Why that pathway.
    pub pathway_rationale: String,
    /// What to do next, most urgent first.
    pub recommendations: Vec<Recommendation>,
    /// Red flags.
    pub red_flags: Vec<RedFlagAlert>,
    /// Warnings: the clinical pitfalls that apply.
    pub warnings: Vec<WarningAlert>,
    /// Findings not yet assessed that would most change this assessment, best first.
    pub next_findings: Vec<NextFinding>,
    /// Prognosis figures that apply, with sources.
    pub prognosis: Vec<PrognosisNote>,
    /// The full reference of every citation id used above.
    pub citations: Vec<CitationEntry>,
    /// The engine version.
    pub engine_version: &'static str,
    /// The knowledge-base version.
    pub knowledge_base_version: &'static str,
    /// Decision support, not a diagnosis.
    pub disclaimer: &'static str,
}

impl Assessment {
    /// The contract JSON (compact). Byte-identical for the same presentation on every binding.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serialising these types cannot fail: no maps with non-string keys, no non-finite floats.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The contract JSON, indented for people.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The first condition of the differential.
    #[must_use]
    pub fn top_condition(&self) -> Option<Condition> {
        self.differential.first().map(|e| e.condition)
    }

    /// The recommendation for one action, if made.
    #[must_use]
    pub fn recommendation(&self, action: Action) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.action == action)
    }
}

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
    build(p, &d, &trace)
}

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

fn reasons_for(trace: &Collect, target: Target) -> impl Iterator<Item = &'static Reason> + '_ {
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

fn build(p: &Presentation, d: &Decision, trace: &Collect) -> Assessment {
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
            let (strength, evidence_quality) = rules::grade(&reasons).map_or((None, None), |(s, q)| (Some(s), Some(q)));
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
    // Most urgent first; vocabulary order within the same urgency (stable sort), except that in
    // suspected cauda equina syndrome the cervical MRI never comes before the lumbosacral or
    // whole-spine MRI.
    let ces = d.has_red_flag(RedFlag::CaudaEquinaSuspected);
    recommendations.sort_by_key(|r| (core::cmp::Reverse(r.urgency), ces && r.action == Action::CervicalMri));

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

    let next_findings = next_findings(p, d);

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

fn post_test(pre: f64, lr: f64) -> f64 {
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
        let decision = rules::evaluate(p, &mut NoTrace);
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

fn next_findings(p: &Presentation, d: &Decision) -> Vec<NextFinding> {
    let base = Scenario { decision: *d, top: d.top_condition(p) };
    let exam_incomplete = !rules::umn_exam_done(p);
    // Score every unassessed finding cheaply; build words only for those kept.
    let mut scored: Vec<(Finding, u32, Scenario, Scenario)> = Finding::ALL
        .iter()
        .filter(|f| !p.findings().known(**f))
        .filter_map(|&f| {
            let present = Scenario::of(&p.with_finding(f, Status::Present));
            let absent = Scenario::of(&p.with_finding(f, Status::Absent));
            let bonus = if exam_incomplete && rules::is_exam_core(f) { EXAM_ITEM_BONUS } else { 0 };
            let score = impact(&base, &present).saturating_add(impact(&base, &absent)).saturating_add(bonus);
            (score > 0).then_some((f, score, present, absent))
        })
        .collect();
    // The items of an incomplete upper motor neuron examination first (the engine recommends
    // completing it), then highest impact; vocabulary order on ties (stable sort).
    scored.sort_by_key(|(f, score, _, _)| {
        (core::cmp::Reverse(exam_incomplete && rules::is_exam_core(*f)), core::cmp::Reverse(*score))
    });
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
