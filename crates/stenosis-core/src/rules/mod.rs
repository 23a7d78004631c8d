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
mod localisation;
mod management;
mod mimics;
mod myelopathy;
mod prognosis;
mod vascular;

use crate::citations::CitationId;
use crate::presentation::Presentation;
use crate::vocab::{Action, Condition, Likelihood, Pathway, RedFlag, SeverityClass, Urgency, Warning};

pub(crate) use differential::{base_citations, evidence, ranked};
pub(crate) use facts::{is_exam_core, missing_exam_items, umn_exam_done, Ctx, Sensitivity};
pub(crate) use management::grade;

/// Whether this instance of the rules records what its answers are sensitive to: `false` here,
/// `true` in the second instance compiled from the same files for the next findings
/// (`crate::tracked`), so the tracking costs this one nothing.
use super::TRACKING;

/// Whether a reason says the upper motor neuron examination is incomplete (its text is then
/// followed by the items not recorded).
pub(crate) fn names_missing_exam_items(r: &Reason) -> bool {
    [alerts::INCOMPLETE_EXAM.id, management::EXAM_INCOMPLETE.id, management::PATH_WORKUP_EXAM.id].contains(&r.id)
}
pub(crate) use myelopathy::{
    cook_age_item, CookRule, COOK_ITEMS, COOK_PRETEST_BASIS, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR,
    COOK_RULE_IN_TEXT, COOK_RULE_OUT_LR, COOK_RULE_OUT_TEXT,
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

/// Version-2 judgements, made once per evaluation (after the differential).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Localisation {
    /// Leg cord signs with normal arms, or a truncal sensory level.
    pub below_neck: bool,
    /// Arms examined and normal.
    pub arms_normal: bool,
    /// Areflexic or flaccid leg weakness without an upper motor neuron sign.
    pub lmn: bool,
    /// A worsening radicular motor deficit with no cord sign: the lumbosacral MRI comes first.
    pub lumbar_first: bool,
    /// Acute limb ischaemia.
    pub ali: bool,
    /// Chronic limb-threatening ischaemia.
    pub clti: bool,
    /// Worse after a spinal decompression.
    pub after_decompression: bool,
    /// Cord signs with no compression on the MRI done.
    pub no_compression_signs: bool,
    /// A mimic at moderate likelihood or more.
    pub mimic: bool,
    /// A mimic at high likelihood.
    pub mimic_high: bool,
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
    /// The conditions at each likelihood above low, as bit sets of condition codes (kept with
    /// `conditions` by `set_condition`, for ranking without a pass over the conditions).
    pub high: u32,
    pub moderate: u32,
    /// For each condition, the rows of its likelihood table that fired (bit `i` for row `i`).
    pub fired: [u64; N_CONDITIONS],
    pub imaging: CervicalImaging,
    pub dcm_established: bool,
    pub severity: Option<SeverityClass>,
    /// mJOA 18 given: no deficit (no severity class; managed like mild disease).
    pub no_deficit: bool,
    /// The version-2 localisation judgements.
    pub v2: Localisation,
    pub red_flags: u32,
    pub warnings: u32,
    pub recommendations: [Option<Urgency>; N_ACTIONS],
    pub pathway: Pathway,
}

impl Decision {
    pub fn condition(&self, c: Condition) -> Likelihood {
        self.conditions.get(c as usize).copied().unwrap_or(Likelihood::Low)
    }
    fn set_condition(&mut self, c: Condition, l: Likelihood, fired: u64) {
        if let Some(slot) = self.conditions.get_mut(c as usize) {
            *slot = l;
        }
        let bit = 1u32 << (c as u32 % 32);
        let at = |x: Likelihood| if l == x { bit } else { 0 };
        self.high = (self.high & !bit) | at(Likelihood::High);
        self.moderate = (self.moderate & !bit) | at(Likelihood::Moderate);
        if let Some(slot) = self.fired.get_mut(c as usize) {
            *slot = fired;
        }
    }
    /// The rows of a condition's likelihood table that fired.
    pub fn fired(&self, c: Condition) -> u64 {
        self.fired.get(c as usize).copied().unwrap_or(0)
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
    fn unrecommend(&mut self, a: Action) {
        if let Some(slot) = self.recommendations.get_mut(a as usize) {
            *slot = None;
        }
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
    evaluate_ctx(p, t).d
}

/// Evaluates every rule and hands the decision to `f` in place (no copy of it is returned: the
/// summary reads the few parts it keeps).
#[inline(always)]
pub(crate) fn evaluate_with<T: Trace, R>(p: &Presentation, t: &mut T, f: impl FnOnce(&Decision) -> R) -> R {
    let mut c = Ctx::new(p);
    run(&mut c, t);
    f(&c.d)
}

/// Evaluates the rules the headline reads ([`crate::headline`]): every phase, the
/// recommendations over the rows of the two MRI actions the headline reads only
/// (`management::headline_reads`), and hands the decision to `f`.
#[inline(always)]
pub(crate) fn evaluate_headline_with<R>(p: &Presentation, f: impl FnOnce(&Decision) -> R) -> R {
    let mut c = Ctx::new(p);
    run_phases::<NoTrace, true>(&mut c, &mut NoTrace);
    f(&c.d)
}

/// Evaluates every rule without reasons, and returns the unknown findings the decision is
/// sensitive to: making one unknown finding outside [`Sensitivity::if_present`] present (or
/// outside [`Sensitivity::if_absent`] absent) leaves every answer the rules read through
/// [`Ctx`]'s accessors unchanged, so (evaluation being deterministic) the decision too.
/// Only the tracking instance (`crate::tracked`) records: this one says every what-if matters.
#[allow(dead_code)] // Called on the tracking instance only.
pub(crate) fn evaluate_sensitivity(p: &Presentation) -> Sensitivity {
    if !TRACKING {
        return Sensitivity { if_present: u128::MAX, if_absent: u128::MAX };
    }
    let sensitive = core::cell::Cell::new(Sensitivity::default());
    let mut c = Ctx::tracking(p, &sensitive);
    run(&mut c, &mut NoTrace);
    c.sensitivity()
}

/// Evaluates every rule and returns the whole context (the decision and the judgements).
fn evaluate_ctx<'a, T: Trace>(p: &'a Presentation, t: &mut T) -> Ctx<'a> {
    let mut c = Ctx::new(p);
    run(&mut c, t);
    c
}

/// Runs every phase on a new context.
#[inline(always)]
fn run<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    run_phases::<T, false>(c, t);
}

/// The phases in order; for the headline (`HEADLINE`), the recommendations over the rows the
/// headline reads only.
#[inline(always)]
fn run_phases<T: Trace, const HEADLINE: bool>(c: &mut Ctx<'_>, t: &mut T) {
    differential::conditions(c, t);
    c.judge();
    myelopathy::likelihood(c, t);
    alerts::red_flags(c, t);
    management::pathway(c, t);
    management::recommendations_of::<T, HEADLINE>(c, t);
    alerts::warnings(c, t);
}

/// Every reason of every table, for tests (unique ids, figures quoted from their constants).
#[cfg(test)]
pub(crate) fn all_reasons() -> Vec<&'static Reason> {
    let mut v = Vec::new();
    v.extend(differential::reasons());
    v.extend(myelopathy::reasons());
    v.extend(management::reasons());
    v.extend(alerts::reasons());
    v.extend(localisation::reasons());
    v.extend(mimics::reasons());
    v.extend(vascular::reasons());
    v
}

#[cfg(test)]
pub(crate) mod tests {
    use super::engine::Direction;
    use super::{all_reasons, differential, evaluate_ctx, NoTrace};
    use crate::presentation::Presentation;
    use crate::vocab::{Condition, Course, Finding, Likelihood, Status};

    /// A small deterministic generator (xorshift), so the test needs no dependency.
    pub(crate) struct Rng(pub u64);
    impl Rng {
        pub(crate) fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        pub(crate) fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    pub(crate) fn random_presentation(r: &mut Rng) -> Presentation {
        let mut p = Presentation::new();
        for f in Finding::ALL {
            // Mostly unknown, as in practice; present and absent often enough to meet every rule.
            match r.below(6) {
                0 | 1 => p.set_finding(*f, Status::Present),
                2 => p.set_finding(*f, Status::Absent),
                _ => {}
            }
        }
        let _ = p.set_age_years((r.below(3) > 0).then(|| r.below(100) as i64));
        p.set_course(match r.below(4) {
            0 => None,
            1 => Some(Course::Stable),
            2 => Some(Course::Progressive),
            _ => Some(Course::RapidlyProgressive),
        });
        let _ = p.set_mjoa((r.below(3) == 0).then(|| r.below(19) as i64));
        let _ = p.set_ankle_brachial_index((r.below(4) == 0).then(|| r.below(160) as f64 / 100.0));
        let _ = p.set_symptom_duration_months((r.below(3) == 0).then(|| r.below(40) as f64 / 4.0));
        p
    }

    /// Each likelihood row declares the findings it counts as evidence (`reads`), and the
    /// supporting and opposing findings of the assessment are built from them: so a row that
    /// raises a likelihood must fire because of its declared findings (take them away and it no
    /// longer fires) and of no other present finding (take any other away and it still fires);
    /// a row that lowers one must fire because of its declared findings.
    #[test]
    fn likelihood_rows_declare_the_findings_they_read() {
        let conditions = [
            Condition::CervicalMyelopathy,
            Condition::LumbarSpinalStenosis,
            Condition::PeripheralNeuropathy,
            Condition::PeripheralArterialDisease,
            Condition::CaudaEquinaSyndrome,
        ];
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0usize;
        for _ in 0..4000 {
            let p = random_presentation(&mut r);
            let c = evaluate_ctx(&p, &mut NoTrace);
            let (present, absent) = c.masks();
            for cond in conditions {
                for row in differential::table(cond) {
                    if row.reads == 0 || !(row.when)(&c) {
                        continue;
                    }
                    checked += 1;
                    let id = row.because.id;
                    match row.then.direction() {
                        Some(Direction::Supports) => {
                            let without = c.with_findings(present & !row.reads, absent);
                            assert!(!(row.when)(&without), "{id}: fires without the findings it declares");
                            for f in Finding::ALL {
                                let bit = 1u128 << f.code();
                                if present & bit != 0 && row.reads & bit == 0 {
                                    let probe = c.with_findings(present & !bit, absent);
                                    assert!((row.when)(&probe), "{id} reads {} but does not declare it", f.id());
                                }
                            }
                        }
                        Some(Direction::Opposes) => {
                            let without = c.with_findings(present & !row.reads, absent & !row.reads);
                            assert!(!(row.when)(&without), "{id}: fires without the findings it declares");
                        }
                        None => {}
                    }
                }
            }
        }
        assert!(checked > 4000, "{checked}");
    }

    /// The headline's evaluation (the recommendation rows of the two MRIs only) answers as the
    /// whole evaluation on every part the headline keeps, on 100,000 random presentations.
    #[test]
    fn headline_is_the_summary_s() {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ 0xdead_beef);
        let mut mri = 0usize;
        for _ in 0..100_000 {
            let p = random_presentation(&mut r);
            let h = crate::summary::headline(&p);
            assert_eq!(h, crate::summary::Headline::from(&crate::summary::summarize(&p)), "{}", p.to_json());
            mri += usize::from(h.cervical_mri.is_some());
        }
        // The draws reach both answers of the column the two MRIs decide.
        assert!(mri > 1000 && mri < 99_000, "cervical MRI recommended in {mri} of 100,000");
    }

    /// `top` (bit sets, no sort) names the first condition of `ranked` (keys, stable sort): on
    /// the decisions of random presentations, and on the same decisions with every condition's
    /// likelihood and every judgement `top` reads drawn at random (emergencies, ties, mimics).
    #[test]
    fn top_is_the_first_of_the_ranking() {
        let mut r = Rng(0x2545_f491_4f6c_dd1d);
        let likelihoods = [Likelihood::Low, Likelihood::Moderate, Likelihood::High];
        let pick = |r: &mut Rng| likelihoods.get(r.below(3) as usize).copied().unwrap_or(Likelihood::Low);
        let mut emergencies = 0usize;
        for i in 0..20_000 {
            let p = random_presentation(&mut r);
            let mut d = evaluate_ctx(&p, &mut NoTrace).d;
            if i % 2 == 1 {
                for c in Condition::ALL {
                    // Mostly low, as in practice, so that ties among few candidates are common.
                    let l = if r.below(3) == 0 { pick(&mut r) } else { Likelihood::Low };
                    d.set_condition(*c, l, 0);
                }
                // As the rules keep it: the myelopathy likelihood is cervical myelopathy's.
                d.myelopathy = d.condition(Condition::CervicalMyelopathy);
                d.dcm_established = r.below(4) == 0;
                d.v2.ali = r.below(6) == 0;
                d.v2.below_neck = r.below(2) == 0;
                d.v2.arms_normal = r.below(2) == 0;
            }
            for c in Condition::ALL {
                let bit = 1u32 << (*c as u32);
                assert_eq!(d.high & bit != 0, d.condition(*c) == Likelihood::High);
                assert_eq!(d.moderate & bit != 0, d.condition(*c) == Likelihood::Moderate);
            }
            let ranked = differential::ranked(&d, &p);

            let top = differential::top(&d, &p);
            assert_eq!(Some(&top), ranked.first(), "presentation {}", p.to_json());
            if matches!(
                top,
                Condition::MalignantSpinalCordCompression
                    | Condition::SpinalEpiduralAbscess
                    | Condition::CaudaEquinaSyndrome
                    | Condition::GuillainBarreSyndrome
                    | Condition::PeripheralArterialDisease
            ) {
                emergencies += 1;
            }
        }
        assert!(emergencies > 1000, "the draws met too few emergencies: {emergencies}");
    }

    /// A guarded table is skipped when its guard says no row can fire: check that then, on
    /// random presentations (half of them with few findings present, so that every guard is often
    /// false), applying the table fires no row, notes no reason and leaves the condition low.
    #[test]
    fn guarded_tables_fire_no_row_when_their_guard_is_false() {
        use super::engine;
        use super::{Collect, Target};
        use crate::vocab::Likelihood;
        let mut r = Rng(0x2545_f491_4f6c_dd1d);
        let mut skipped = [0usize; 12];
        for i in 0..40_000 {
            let p = random_presentation(&mut r);
            let full = evaluate_ctx(&p, &mut NoTrace);
            let (present, absent) = full.masks();
            // Every other presentation keeps about one present finding in eight.
            let keep = if i % 2 == 0 {
                u128::MAX
            } else {
                u128::from(r.next() & r.next() & r.next()) << 64 | u128::from(r.next() & r.next() & r.next())
            };
            let c = full.with_findings(present & keep, absent);
            for (k, (x, table, may_fire)) in differential::guarded_tables().into_iter().enumerate() {
                if may_fire(&c) {
                    continue;
                }
                if let Some(n) = skipped.get_mut(k) {
                    *n += 1;
                }
                let mut t = Collect::default();
                let (l, fired) = engine::likelihood(table, &c, Target::Condition(x), &mut t);
                assert_eq!((l, fired), (Likelihood::Low, 0), "{}: a row fires although its guard is false", x.id());
                assert!(t.0.is_empty(), "{}", x.id());
            }
        }
        assert!(skipped.iter().all(|n| *n > 1000), "{skipped:?}");
    }

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

    /// The numbers quoted in `text` right after `anchor` (each up to the next character that
    /// cannot be part of a number).
    fn quoted_after<'a>(text: &'a str, anchor: &str) -> Vec<&'a str> {
        text.match_indices(anchor)
            .filter_map(|(i, _)| {
                let rest = text.get(i + anchor.len()..)?;
                let end = rest.find(|ch: char| !(ch.is_ascii_digit() || ch == '.')).unwrap_or(rest.len());
                let n = rest.get(..end)?.trim_end_matches('.');
                (!n.is_empty()).then_some(n)
            })
            .collect()
    }

    /// Every figure that has a constant is quoted, wherever prose states it (reasons, notes,
    /// labels, citations' uses, the post-test texts), as the constant's value: the constant is
    /// the one statement, the prose follows it.
    #[test]
    fn prose_quotes_each_figure_as_its_constant() {
        use super::differential::{
            ABI_ABNORMAL_MAX, ABI_NONCOMPRESSIBLE_ABOVE, ABI_NORMAL_MIN, LSS_AGE_OVER, RECENT_ONSET_DAYS,
        };
        use super::facts::MJOA_DEFICIT_MAX;
        use super::myelopathy::{
            COOK_AGE_OVER, COOK_PRETEST_BASIS, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR, COOK_RULE_IN_TEXT,
            COOK_RULE_OUT_LR, COOK_RULE_OUT_TEXT,
        };
        let mut texts: Vec<String> = all_reasons().iter().map(|r| r.text.to_owned()).collect();
        texts.extend(super::prognosis::all_notes().iter().map(|n| n.statement.to_owned()));
        texts.extend(crate::schema::knowledge_base_notes().iter().map(|n| n.note.to_owned()));
        texts.extend(crate::citations::CitationId::ALL.iter().map(|c| c.reference().used_for.to_owned()));
        for v in crate::vocab::vocabularies() {
            texts.extend(v.rows.iter().map(|(_, doc)| (*doc).to_owned()));
            texts.extend(v.labels.iter().map(|l| (*l).to_owned()));
        }
        texts.extend([COOK_RULE_IN_TEXT, COOK_RULE_OUT_TEXT, COOK_PRETEST_BASIS].map(str::to_owned));

        let abi = |x: f64| format!("{x:.2}");
        let mut quotes = 0;
        let mut expect = |text: &str, anchor: &str, want: &str| {
            for n in quoted_after(text, anchor) {
                assert_eq!(n, want, "{anchor:?} quotes {n}, the constant says {want}, in: {text}");
                quotes += 1;
            }
        };
        for t in &texts {
            let t = t.as_str();
            // ABI bands (AHA/ACC 2016).
            expect(t, "ABI above ", &abi(ABI_NONCOMPRESSIBLE_ABOVE));
            expect(t, "brachial index above ", &abi(ABI_NONCOMPRESSIBLE_ABOVE));
            if t.contains("ABI") {
                expect(t, "> ", &abi(ABI_NONCOMPRESSIBLE_ABOVE));
            }
            expect(t, &format!("{}-", abi(ABI_NORMAL_MIN)), &abi(ABI_NONCOMPRESSIBLE_ABOVE));
            if t.contains(" or less") {
                expect(t, "index ", &abi(ABI_ABNORMAL_MAX));
            }
            expect(t, "ABI <= ", &abi(ABI_ABNORMAL_MAX));
            // Cook 2010.
            if t.contains("3 or more of 5") {
                expect(t, "LR+ ", &COOK_RULE_IN_LR.to_string());
            }
            if t.contains("0 of 5") {
                expect(t, "LR- ", &COOK_RULE_OUT_LR.to_string());
            }
            expect(
                t,
                "age > ",
                &(if t.contains("Cook") || t.contains("Babinski") { COOK_AGE_OVER } else { LSS_AGE_OVER }).to_string(),
            );
            expect(t, "cohort's ", &format!("{}", COOK_PRETEST_PROBABILITY * 100.0));
            // Cauda equina onset (GIRFT) and the mJOA disability threshold.
            if t.contains("recent onset") {
                expect(t, "under ", &RECENT_ONSET_DAYS.to_string());
            }
            if t.contains(" days or less)") {
                expect(t, "(", &RECENT_ONSET_DAYS.to_string());
            }
            expect(t, "mJOA of ", &MJOA_DEFICIT_MAX.to_string());
            expect(t, "over age ", &LSS_AGE_OVER.to_string());
        }
        assert!(quotes >= 12, "only {quotes} quotations found");
    }

    #[test]
    fn every_reason_cites_a_source() {
        for r in all_reasons() {
            assert!(!r.cites.is_empty(), "{} has no citation", r.id);
            assert!(r.text.len() > 20, "{}", r.id);
        }
    }
}
