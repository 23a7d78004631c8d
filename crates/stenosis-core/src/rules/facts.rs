//! The facts the rules read, the finding groups they share, and the cross-cutting judgements
//! several tables depend on: whether the upper motor neuron examination was done, whether a
//! clear alternative explains the legs, whether it explains nonspecific symptoms beside cord
//! compression, whether cauda equina explains them.

use core::cell::Cell;

use super::myelopathy::{cervical_imaging, cook_rule};
use super::{CervicalImaging, Decision};
use crate::presentation::{Presentation, MJOA_MAX};
use crate::vocab::{Condition, Course, Finding, Likelihood, Pathway, Urgency};

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

/// Upper motor neuron signs (hyperreflexia in any limb, Hoffmann, Tromner, Babinski, clonus,
/// inverted supinator).
pub(crate) const UMN_SIGNS: u128 =
    UMN_SIGNS_V1 | mask(&[Finding::ArmHyperreflexia, Finding::LegHyperreflexia, Finding::TromnerSign]);

/// The upper motor neuron signs of the version-1 contract (limb not stated).
pub(crate) const UMN_SIGNS_V1: u128 = mask(&[
    Finding::Hyperreflexia,
    Finding::HoffmannSign,
    Finding::BabinskiSign,
    Finding::AnkleClonus,
    Finding::InvertedSupinatorSign,
]);

/// Brisk reflexes, limb stated or not: one sign however many limbs it is recorded for.
pub(crate) const BRISK_REFLEXES: u128 =
    mask(&[Finding::Hyperreflexia, Finding::ArmHyperreflexia, Finding::LegHyperreflexia]);

/// The number of distinct upper motor neuron signs present (brisk reflexes count once).
pub(crate) fn umn_count(c: &Ctx<'_>) -> u32 {
    c.count(UMN_SIGNS & !BRISK_REFLEXES) + u32::from(c.any(BRISK_REFLEXES))
}

/// The core of the upper motor neuron examination for a patient with leg symptoms.
pub(crate) const UMN_EXAM_CORE: u128 = mask(&[
    Finding::Hyperreflexia,
    Finding::BabinskiSign,
    Finding::HoffmannSign,
    Finding::AnkleClonus,
    Finding::GaitDeviation,
]);

/// Whether the leg reflexes were recorded: brisk (generic or leg) recorded present or absent, or
/// knee or ankle reflexes recorded reduced.
pub(crate) fn reflexes_recorded(p: &Presentation) -> bool {
    let known = p.findings().present_mask() | p.findings().absent_mask();
    known & mask(&[Finding::Hyperreflexia, Finding::LegHyperreflexia]) != 0
        || p.findings().present_mask() & mask(&[Finding::ReducedKneeReflexes, Finding::ReducedAnkleReflexes]) != 0
}

/// The findings [`umn_exam_done`] reads.
const UMN_EXAM_DONE_READS: u128 = mask(&[
    Finding::Hyperreflexia,
    Finding::LegHyperreflexia,
    Finding::ReducedKneeReflexes,
    Finding::ReducedAnkleReflexes,
    Finding::BabinskiSign,
]);

/// The findings [`exam_complete`] reads.
const EXAM_COMPLETE_READS: u128 = UMN_EXAM_DONE_READS
    | mask(&[Finding::HoffmannSign, Finding::TromnerSign, Finding::ArmHyperreflexia, Finding::AnkleClonus]);

/// Whether the upper motor neuron examination was done: the reflexes ([`reflexes_recorded`]) and
/// the plantar response (`babinski_sign`) recorded. The other items of [`UMN_EXAM_CORE`] stay
/// among the next findings until they are recorded.
pub(crate) fn umn_exam_done(p: &Presentation) -> bool {
    umn_exam_done_in(p.findings().present_mask(), p.findings().absent_mask())
}

/// [`umn_exam_done`] from the masks of present and absent findings.
#[inline(always)]
fn umn_exam_done_in(present: u128, absent: u128) -> bool {
    let known = present | absent;
    let reflexes = known & mask(&[Finding::Hyperreflexia, Finding::LegHyperreflexia]) != 0
        || present & mask(&[Finding::ReducedKneeReflexes, Finding::ReducedAnkleReflexes]) != 0;
    reflexes && known & mask(&[Finding::BabinskiSign]) != 0
}

/// Whether the upper motor neuron examination is complete for localisation: done
/// ([`umn_exam_done`]), with an arm sign (Hoffmann, Tromner or the arm reflexes) and ankle clonus
/// recorded as well.
pub(crate) fn exam_complete(p: &Presentation) -> bool {
    let known = p.findings().present_mask() | p.findings().absent_mask();
    umn_exam_done(p)
        && known & mask(&[Finding::HoffmannSign, Finding::TromnerSign, Finding::ArmHyperreflexia]) != 0
        && known & mask(&[Finding::AnkleClonus]) != 0
}

/// The items of the upper motor neuron examination not recorded, in words (for the texts that
/// say the examination is incomplete).
pub(crate) fn missing_exam_items(p: &Presentation) -> Vec<&'static str> {
    let known = p.findings().present_mask() | p.findings().absent_mask();
    let unknown = |fs: &[Finding]| known & mask(fs) == 0;
    let mut out = Vec::new();
    if !reflexes_recorded(p) {
        out.push("reflexes");
    }
    for (fs, words) in [
        (&[Finding::BabinskiSign][..], "plantar responses"),
        (
            &[Finding::HoffmannSign, Finding::TromnerSign, Finding::ArmHyperreflexia][..],
            "arm signs (Hoffmann sign, arm reflexes)",
        ),
        (&[Finding::AnkleClonus][..], "ankle clonus"),
        (&[Finding::GaitDeviation][..], "gait examination"),
    ] {
        if unknown(fs) {
            out.push(words);
        }
    }
    out
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

/// What the rules read: the presentation's findings as masks, the judgements computed once, and
/// the decision so far (each phase fills its part).
#[derive(Clone)]
pub(crate) struct Ctx<'a> {
    pub p: &'a Presentation,
    present: u128,
    absent: u128,
    /// Reflexes and plantar responses recorded ([`umn_exam_done`]), computed once.
    pub umn_exam_done: bool,
    /// A clear alternative explanation: [`clear_alternative`], set after the differential.
    pub clear_alternative: bool,
    /// The alternative may explain nonspecific symptoms, set with it: beside cord compression,
    /// another diagnosis may explain nonspecific leg symptoms only once the upper motor neuron
    /// examination has been done (before that, putting them down to the lumbar spine is the
    /// misattribution the seed warns about).
    pub explained: bool,
    /// The cervical MRI urgency the indications call for, set before the recommendations.
    pub cervical_mri: Option<Urgency>,
    /// [`worsening_motor_deficit`], computed once with the judgements (untracked instance only).
    worsening_motor_deficit: bool,
    /// The decision so far.
    pub d: Decision,
    /// While tracking ([`Ctx::tracking`]): the unknown findings whose being present, and those
    /// whose being absent, could have changed the answer of an accessor read so far (the
    /// accessors below are the only way the rules read findings).
    /// A reference, so that `Ctx` holds no cell itself and stays plain immutable data to the
    /// optimiser on the untracked path.
    sensitive: Option<&'a Cell<Sensitivity>>,
}

/// How an accessor reads findings, for [`Ctx::record`].
#[derive(Clone, Copy)]
enum Read {
    Has,
    Lacks,
    Known,
    Any,
    Count,
    AllKnown,
}

/// The unknown findings a single what-if could matter for: setting one finding outside
/// `if_present` to present (or outside `if_absent` to absent), everything else kept, changes the
/// answer of no accessor read, so (evaluation being deterministic) no branch and no decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sensitivity {
    /// Unknown findings whose presence could change an answer.
    pub if_present: u128,
    /// Unknown findings whose absence could change an answer.
    pub if_absent: u128,
}

impl<'a> Ctx<'a> {
    #[inline(always)]
    pub fn new(p: &'a Presentation) -> Self {
        let (present, absent) = (p.findings().present_mask(), p.findings().absent_mask());
        let mut c = Ctx {
            p,
            present,
            absent,
            umn_exam_done: umn_exam_done_in(present, absent),
            clear_alternative: false,
            explained: false,
            cervical_mri: None,
            worsening_motor_deficit: false,
            d: Decision {
                myelopathy: Likelihood::Low,
                cook: super::CookRule { positive: 0, assessed: 0 },
                conditions: [Likelihood::Low; super::N_CONDITIONS],
                high: 0,
                moderate: 0,
                fired: [0; super::N_CONDITIONS],
                imaging: CervicalImaging::NotImaged,
                dcm_established: false,
                severity: p.mjoa().and_then(super::severity_class),
                no_deficit: p.mjoa() == Some(MJOA_MAX),
                v2: super::Localisation::default(),
                red_flags: 0,
                warnings: 0,
                recommendations: [None; super::N_ACTIONS],
                pathway: Pathway::FurtherWorkup,
            },
            sensitive: None,
        };
        c.d.cook = cook_rule(&c);
        c.d.imaging = cervical_imaging(&c);
        c
    }

    /// A context that records which unknown findings the rules' answers are sensitive to
    /// ([`Ctx::sensitivity`]); otherwise the same as [`Ctx::new`].
    #[allow(dead_code)] // Used by the tracking instance only.
    pub fn tracking(p: &'a Presentation, sensitive: &'a Cell<Sensitivity>) -> Self {
        let mut c = Ctx::new(p);
        // `umn_exam_done`, computed in `new`, reads these, present or absent.
        let exam = UMN_EXAM_DONE_READS & c.unknown();
        sensitive.set(Sensitivity { if_present: exam, if_absent: exam });
        c.sensitive = Some(sensitive);
        // The facts `new` derived, again, recorded this time.
        c.d.cook = cook_rule(&c);
        c.d.imaging = cervical_imaging(&c);
        c
    }

    /// The same context with other findings (judgements and decision kept; the facts derived
    /// from findings alone, imaging and the Cook count, recomputed): for tests of what rows read.
    #[cfg(test)]
    pub fn with_findings(&self, present: u128, absent: u128) -> Self {
        let mut c = self.clone();
        c.present = present;
        c.absent = absent;
        c.d.cook = cook_rule(&c);
        c.d.imaging = cervical_imaging(&c);
        if !super::TRACKING {
            c.worsening_motor_deficit = worsening_motor_deficit_of(&c);
        }
        c
    }

    /// The findings present and absent.
    #[cfg(test)]
    pub fn masks(&self) -> (u128, u128) {
        (self.present, self.absent)
    }

    /// Sets the cross-cutting judgements once the differential is known.
    pub fn judge(&mut self) {
        self.clear_alternative = clear_alternative(self);
        // `explained`, from the judgement just made.
        self.explained = self.clear_alternative && self.umn_exam_done;
        self.d.v2 = super::localisation::judge(self);
        // Read by several rules; the tracking instance computes it where read, so that it records
        // only the findings actually read.
        if !super::TRACKING {
            self.worsening_motor_deficit = worsening_motor_deficit_of(self);
        }
    }

    /// The findings neither present nor absent.
    fn unknown(&self) -> u128 {
        !(self.present | self.absent)
    }

    /// While tracking, records the unknown findings of `if_present` (of `if_absent`) whose
    /// presence (absence) could change an answer; `what` names the accessor and `m` its findings.
    #[inline(always)]
    fn sense(&self, what: Read, m: u128) {
        if super::TRACKING {
            if let Some(cell) = self.sensitive {
                self.record(cell, what, m);
            }
        }
    }

    /// [`Ctx::sense`] while tracking, kept out of the untracked path.
    #[cold]
    #[inline(never)]
    fn record(&self, cell: &Cell<Sensitivity>, what: Read, m: u128) {
        let u = self.unknown();
        let (if_present, if_absent) = match what {
            // An unknown finding made present makes `has` yes.
            Read::Has => (m, 0),
            // Made absent, `lacks` yes.
            Read::Lacks => (0, m),
            // Either way, `known` yes.
            Read::Known => (m, m),
            // Once one is present no unknown finding changes `any`; if none is, one made present
            // does.
            Read::Any if self.present & m != 0 => (0, 0),
            // One made present adds one to the count.
            Read::Any | Read::Count => (m, 0),
            // A single what-if makes `all_known` yes only when one finding of `m` is unknown.
            Read::AllKnown if (m & u).count_ones() == 1 => (m, m),
            Read::AllKnown => (0, 0),
        };
        let s = cell.get();
        cell.set(Sensitivity { if_present: s.if_present | (if_present & u), if_absent: s.if_absent | (if_absent & u) });
    }

    /// What the answers read so far are sensitive to (nothing unless tracking).
    #[allow(dead_code)] // Used by the tracking instance only.
    pub fn sensitivity(&self) -> Sensitivity {
        self.sensitive.map(Cell::get).unwrap_or_default()
    }

    #[inline(always)]
    pub fn has(&self, f: Finding) -> bool {
        self.sense(Read::Has, f.bit());
        self.present & f.bit() != 0
    }
    #[inline(always)]
    pub fn lacks(&self, f: Finding) -> bool {
        self.sense(Read::Lacks, f.bit());
        self.absent & f.bit() != 0
    }
    #[inline(always)]
    pub fn known(&self, f: Finding) -> bool {
        self.sense(Read::Known, f.bit());
        (self.present | self.absent) & f.bit() != 0
    }
    #[inline(always)]
    pub fn any(&self, m: u128) -> bool {
        self.sense(Read::Any, m);
        self.present & m != 0
    }
    #[inline(always)]
    pub fn count(&self, m: u128) -> u32 {
        self.sense(Read::Count, m);
        (self.present & m).count_ones()
    }
    #[inline(always)]
    pub fn all_known(&self, m: u128) -> bool {
        self.sense(Read::AllKnown, m);
        (self.present | self.absent) & m == m
    }
    /// Whether the upper motor neuron examination is complete ([`exam_complete`]).
    pub fn exam_complete(&self) -> bool {
        self.sense(Read::Known, EXAM_COMPLETE_READS);
        exam_complete(self.p)
    }
    pub fn course_is(&self, c: Course) -> bool {
        self.p.course() == Some(c)
    }
    /// A progressive or rapidly progressive course.
    pub fn worsening(&self) -> bool {
        matches!(self.p.course(), Some(Course::Progressive | Course::RapidlyProgressive))
    }
    /// A rapidly progressive course.
    pub fn rapid(&self) -> bool {
        self.course_is(Course::RapidlyProgressive)
    }
    pub fn age_over(&self, years: u8) -> bool {
        self.p.age_years().is_some_and(|a| a > years)
    }
    pub fn condition(&self, c: Condition) -> Likelihood {
        self.d.condition(c)
    }
}

/// Back or radicular pain: a lumbar picture.
pub(crate) fn lumbar_picture(c: &Ctx<'_>) -> bool {
    c.has(Finding::SignificantBackPain) || c.has(Finding::SciaticaLikePain)
}

/// Cauda equina explains the legs when it is highly likely with no upper motor neuron sign, and
/// comes with a lumbar picture or a done, negative upper motor neuron examination; otherwise
/// cord-pattern symptoms with a sphincter red flag keep the cervical question open.
pub(crate) fn ces_explains(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) == Likelihood::High
        && !c.any(UMN_SIGNS)
        && (lumbar_picture(c) || c.umn_exam_done)
}

/// A clear alternative explanation of the legs: high-likelihood lumbar stenosis, neuropathy or
/// arterial disease, cauda equina that explains them ([`ces_explains`]), acute limb ischaemia (a
/// new deficit in a pulseless leg is not put down to the spine), Guillain-Barre syndrome,
/// metastatic compression, an abscess, or thoracic cord compression on MRI.
pub(crate) fn clear_alternative(c: &Ctx<'_>) -> bool {
    c.condition(Condition::LumbarSpinalStenosis) == Likelihood::High
        || c.condition(Condition::PeripheralNeuropathy) == Likelihood::High
        || c.condition(Condition::PeripheralArterialDisease) == Likelihood::High
        || ces_explains(c)
        || super::vascular::acute_limb_ischaemia(c)
        || c.condition(Condition::GuillainBarreSyndrome) == Likelihood::High
        || c.condition(Condition::MalignantSpinalCordCompression) == Likelihood::High
        || c.condition(Condition::SpinalEpiduralAbscess) == Likelihood::High
        || c.has(Finding::ThoracicCordCompressionOnMri)
}

/// A worsening leg motor deficit: progressive leg weakness (an imaging indication with or without
/// arm symptoms), or another worsening motor or gait symptom that nothing else clearly explains.
/// Computed once per evaluation, after the differential and the judgements (which it reads).
pub(crate) fn worsening_motor_deficit(c: &Ctx<'_>) -> bool {
    if super::TRACKING {
        worsening_motor_deficit_of(c)
    } else {
        c.worsening_motor_deficit
    }
}

/// [`worsening_motor_deficit`], computed.
fn worsening_motor_deficit_of(c: &Ctx<'_>) -> bool {
    // Symptoms in both legs may be pain alone: not a motor deficit.
    let motor = LEG_MOTOR_PICTURE & !mask(&[Finding::BilateralLegSymptoms]);
    c.worsening()
        && (c.any(LEG_WEAKNESS) || (!c.clear_alternative && c.any(motor)))
        && !lmn_away_from_cord(c)
        && !ischaemic_deficit_only(c)
        && !radicular_without_cord_finding(c)
}

/// A radicular picture (sciatica, a positive straight-leg raise, a foot drop) with no upper motor
/// neuron or hand sign and no gait, hand or arm finding: worsening leg weakness is then the root's
/// (imaged at the lumbosacral spine), not a myelopathy indication. With any of those findings, or
/// compression on the cervical MRI, the seed's false-localising sciatica keeps the cervical question.
fn radicular_without_cord_finding(c: &Ctx<'_>) -> bool {
    use super::localisation::{HAND_SIGNS, ROOT_PICTURE};
    c.any(ROOT_PICTURE)
        && !c.any(UMN_SIGNS | HAND_SIGNS)
        && !c.any(mask(&[Finding::GaitDeviation, Finding::HandClumsiness, Finding::HandNumbness, Finding::ArmWeakness]))
        && !c.has(Finding::CervicalCordCompressionOnMri)
}

/// Acute limb ischaemia with no spinal sign (no upper motor neuron sign, cardinal cauda equina
/// sign or sensory level): a new deficit in a pulseless leg must not be put down to the spine
/// (part 2 §5.5).
pub(crate) fn ischaemic_deficit_only(c: &Ctx<'_>) -> bool {
    use super::localisation::CES_CARDINAL;
    let spinal_signs = c.any(UMN_SIGNS | CES_CARDINAL) || c.has(Finding::TruncalSensoryLevel);
    super::vascular::acute_limb_ischaemia(c) && !spinal_signs
}

/// A lower motor neuron pattern with the examination done and nothing in the arms: the deficit
/// points away from the cord, and its imaging goes to the lumbar spine.
pub(crate) fn lmn_away_from_cord(c: &Ctx<'_>) -> bool {
    use super::localisation::{lmn_pattern, ARM_UMN, HAND_SIGNS};
    lmn_pattern(c) && c.umn_exam_done && !c.any(ARM_UMN | HAND_SIGNS)
}

/// The mJOA at or below which it records a myelopathy disability (the top of the moderate range).
pub(crate) const MJOA_DEFICIT_MAX: u8 = 14;

/// An mJOA in the moderate or severe range (14 or less): a myelopathy disability score.
pub(crate) fn mjoa_deficit(c: &Ctx<'_>) -> bool {
    c.p.mjoa().is_some_and(|m| m <= MJOA_DEFICIT_MAX)
}
