//! The decision rules. Each rule is a small named function that reads the presentation, returns
//! its verdict and notes its reasons (each with citations) to a [`Trace`]. [`evaluate`] runs them
//! in order; it is generic over the trace so that the "what if" re-evaluations behind
//! `next_findings` pay nothing for explanations.

mod alerts;
mod differential;
mod management;
mod myelopathy;

use crate::citations::CitationId;
use crate::presentation::Presentation;
use crate::vocab::{Action, Condition, Course, Finding, Likelihood, Pathway, RedFlag, SeverityClass, Urgency, Warning};

pub(crate) use myelopathy::{CookRule, COOK_ITEMS, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR, COOK_RULE_OUT_LR};

/// A reason a rule gives: a sentence and its sources.
#[derive(Debug)]
pub(crate) struct Reason {
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
        if !self.0.iter().any(|(t, r)| *t == target && core::ptr::eq(*r, reason)) {
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

/// A bit mask of findings.
pub(crate) const fn mask(fs: &[Finding]) -> u128 {
    let mut m = 0u128;
    let mut rest = fs;
    while let [first, tail @ ..] = rest {
        m |= 1u128 << (*first as u32);
        rest = tail;
    }
    m
}

/// Read-only helpers over a presentation's findings.
#[derive(Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub p: &'a Presentation,
    present: u128,
    absent: u128,
}

impl<'a> Facts<'a> {
    pub fn new(p: &'a Presentation) -> Self {
        Facts { p, present: p.findings().present_mask(), absent: p.findings().absent_mask() }
    }
    pub fn has(&self, f: Finding) -> bool {
        self.present & (1u128 << (f as u32)) != 0
    }
    pub fn lacks(&self, f: Finding) -> bool {
        self.absent & (1u128 << (f as u32)) != 0
    }
    pub fn known(&self, f: Finding) -> bool {
        (self.present | self.absent) & (1u128 << (f as u32)) != 0
    }
    pub fn any(&self, m: u128) -> bool {
        self.present & m != 0
    }
    pub fn count(&self, m: u128) -> u32 {
        (self.present & m).count_ones()
    }
    pub fn all_known(&self, m: u128) -> bool {
        (self.present | self.absent) & m == m
    }
    pub fn course_is(&self, c: Course) -> bool {
        self.p.course() == Some(c)
    }
    pub fn worsening(&self) -> bool {
        matches!(self.p.course(), Some(Course::Progressive | Course::RapidlyProgressive))
    }
    pub fn age_over(&self, years: u8) -> bool {
        self.p.age_years().is_some_and(|a| a > years)
    }
}

/// Upper motor neuron signs (hyperreflexia, Hoffmann, Babinski, clonus, inverted supinator).
pub(crate) const UMN_SIGNS: u128 = mask(&[
    Finding::Hyperreflexia,
    Finding::HoffmannSign,
    Finding::BabinskiSign,
    Finding::AnkleClonus,
    Finding::InvertedSupinatorSign,
]);

/// The core of the upper motor neuron examination for a patient with leg symptoms.
pub(crate) const UMN_EXAM_CORE: u128 = mask(&[
    Finding::Hyperreflexia,
    Finding::BabinskiSign,
    Finding::HoffmannSign,
    Finding::AnkleClonus,
    Finding::GaitDeviation,
]);

/// The items without which the upper motor neuron examination counts as not done: the reflexes
/// (`hyperreflexia`) and the plantar response (`babinski_sign`), recorded present or absent.
pub(crate) const UMN_EXAM_DONE_WHEN_KNOWN: u128 = mask(&[Finding::Hyperreflexia, Finding::BabinskiSign]);

/// Whether the upper motor neuron examination was done (reflexes and plantar response recorded).
/// The other items of [`UMN_EXAM_CORE`] stay among the next findings until they are recorded.
pub(crate) fn umn_exam_done(p: &Presentation) -> bool {
    let known = p.findings().present_mask() | p.findings().absent_mask();
    known & UMN_EXAM_DONE_WHEN_KNOWN == UMN_EXAM_DONE_WHEN_KNOWN
}

/// True for an item of the core upper motor neuron examination.
pub(crate) const fn is_exam_core(f: Finding) -> bool {
    UMN_EXAM_CORE & (1u128 << (f as u32)) != 0
}

/// Any leg or gait symptom.
pub(crate) const LEG_SYMPTOMS: u128 = mask(&[
    Finding::LegWeakness,
    Finding::BilateralLegSymptoms,
    Finding::GaitDifficulty,
    Finding::LegNumbness,
    Finding::LegStiffness,
    Finding::SciaticaLikePain,
    Finding::WalkingLegPain,
    Finding::Falls,
    Finding::LegWeaknessOnExam,
    Finding::GaitDeviation,
]);

/// Leg weakness reported or found.
pub(crate) const LEG_WEAKNESS: u128 = mask(&[Finding::LegWeakness, Finding::LegWeaknessOnExam]);

/// Leg symptoms that point to the cord (motor, gait, spasticity) rather than to pain alone.
pub(crate) const LEG_MOTOR_PICTURE: u128 = mask(&[
    Finding::GaitDifficulty,
    Finding::LegWeakness,
    Finding::LegWeaknessOnExam,
    Finding::BilateralLegSymptoms,
    Finding::LegStiffness,
    Finding::Falls,
]);

/// A worsening leg motor deficit: progressive leg weakness (an imaging indication with or without
/// arm symptoms), or another worsening motor or gait symptom that nothing else clearly explains.
pub(crate) fn worsening_motor_deficit(f: &Facts<'_>, clear_alternative: bool) -> bool {
    f.worsening() && (f.any(LEG_WEAKNESS) || (!clear_alternative && f.any(LEG_MOTOR_PICTURE)))
}

/// An mJOA in the moderate or severe range (14 or less): a myelopathy disability score.
pub(crate) fn mjoa_deficit(f: &Facts<'_>) -> bool {
    f.p.mjoa().is_some_and(|m| m <= 14)
}

/// Evaluates every rule. Total: no input makes it panic.
pub(crate) fn evaluate<T: Trace>(p: &Presentation, t: &mut T) -> Decision {
    let f = Facts::new(p);
    let cook = myelopathy::cook_rule(&f);
    let mut conditions = [Likelihood::Low; N_CONDITIONS];
    let lss = differential::lumbar_spinal_stenosis(&f, t);
    let pn = differential::peripheral_neuropathy(&f, t);
    let pad = differential::peripheral_arterial_disease(&f, t);
    let ces = differential::cauda_equina_syndrome(&f, t);
    // Cauda equina explains the legs when it comes with a lumbar picture (back or radicular pain),
    // or once the upper motor neuron examination is done and negative; otherwise cord-pattern
    // symptoms with a sphincter red flag keep the cervical question open.
    let lumbar_picture = f.has(Finding::SignificantBackPain) || f.has(Finding::SciaticaLikePain);
    let ces_explains = ces == Likelihood::High && !f.any(UMN_SIGNS) && (lumbar_picture || umn_exam_done(p));
    let clear_alternative =
        lss == Likelihood::High || pn == Likelihood::High || pad == Likelihood::High || ces_explains;
    let imaging = myelopathy::cervical_imaging(&f);
    // Beside cord compression, another diagnosis may explain nonspecific leg symptoms only once
    // the upper motor neuron examination has been done: before that, putting them down to the
    // lumbar spine is the misattribution the seed warns about.
    let explained = clear_alternative && umn_exam_done(p);
    let dcm = myelopathy::myelopathy(&f, &cook, imaging, clear_alternative, explained, t);
    for (c, l) in [
        (Condition::CervicalMyelopathy, dcm),
        (Condition::LumbarSpinalStenosis, lss),
        (Condition::PeripheralNeuropathy, pn),
        (Condition::PeripheralArterialDisease, pad),
        (Condition::CaudaEquinaSyndrome, ces),
    ] {
        if let Some(slot) = conditions.get_mut(c as usize) {
            *slot = l;
        }
    }
    let mut d = Decision {
        myelopathy: dcm,
        cook,
        conditions,
        imaging,
        dcm_established: imaging == CervicalImaging::Compression && myelopathy::clinical_myelopathy(&f, explained),
        severity: p.mjoa().and_then(crate::assessment::severity_class),
        no_deficit: p.mjoa() == Some(crate::presentation::MJOA_MAX),
        red_flags: 0,
        warnings: 0,
        recommendations: [None; N_ACTIONS],
        pathway: Pathway::FurtherWorkup,
    };
    alerts::red_flags(&f, &mut d, t);
    management::pathway(&f, &mut d, clear_alternative, t);
    management::recommendations(&f, &mut d, clear_alternative, t);
    alerts::warnings(&f, &mut d, clear_alternative, t);
    d
}

pub(crate) use differential::{evidence, ranked};
pub(crate) use management::grade;
