//! The differential: lumbar spinal stenosis, peripheral neuropathy, peripheral arterial disease
//! and cauda equina syndrome, each with its supporting and opposing findings.

use super::{mask, myelopathy::rapid, Decision, Facts, Reason, Target, Trace, N_CONDITIONS, UMN_SIGNS};
use crate::citations::CitationId as C;
use crate::presentation::Presentation;
use crate::vocab::{Condition, Finding as F, Likelihood};

fn raise(l: &mut Likelihood, to: Likelihood) {
    *l = (*l).max(to);
}

fn lower(l: Likelihood) -> Likelihood {
    match l {
        Likelihood::High => Likelihood::Moderate,
        _ => Likelihood::Low,
    }
}

// ---- Lumbar spinal stenosis (NASS 2011; Suri 2010; Nadeau 2013) ------------------------------

const LSS_SYNDROME: Reason = Reason {
    text: "Leg pain brought on by walking or standing and relieved by sitting or bending forward: the clinical syndrome of lumbar stenosis (bending forward LR+ 6.4, no pain seated LR+ 7.4)",
    cites: &[C::Nass2011, C::Suri2010, C::Seed],
};
const LSS_PARTIAL: Reason = Reason {
    text: "One feature of neurogenic claudication (walking-induced leg pain, or relief with sitting or flexion)",
    cites: &[C::Nass2011, C::Suri2010],
};
const LSS_IMAGING_WITH_SYNDROME: Reason =
    Reason { text: "Lumbar stenosis on imaging or by history with claudication features", cites: &[C::Nass2011] };
const LSS_IMAGING_ONLY: Reason = Reason {
    text: "Lumbar stenosis on imaging or by history, without claudication features: anatomic narrowing is common without symptoms (22.5% of a community sample on CT, 47.2% at age 60-69)",
    cites: &[C::Nass2011, C::Kalichman2009],
};
const LSS_AGE_BILATERAL: Reason = Reason {
    text: "Bilateral leg symptoms with pain over age 65 (bilateral buttock or leg pain LR+ 6.3; age > 65 LR+ 2.5)",
    cites: &[C::Suri2010],
};
const LSS_RADICULAR: Reason = Reason {
    text: "Sciatica-like pain or a positive straight-leg raise suggests a lumbar root cause, disc herniation or lateral-recess stenosis (but see the false-localising warning)",
    cites: &[C::Seed, C::Langfitt1967],
};
const LSS_NOT_WALKING: Reason = Reason {
    text: "Leg pain not brought on by walking: patients whose pain is not worse with walking have a low likelihood of stenosis",
    cites: &[C::Nass2011],
};
const LSS_VASCULAR_PATTERN: Reason = Reason {
    text: "Relief by standing still points to vascular claudication (LR+ 20) rather than neurogenic",
    cites: &[C::Nadeau2013],
};

/// Lumbar spinal stenosis.
pub(crate) fn lumbar_spinal_stenosis<T: Trace>(f: &Facts<'_>, t: &mut T) -> Likelihood {
    let mut note = |r: &'static Reason| t.note(Target::Condition(Condition::LumbarSpinalStenosis), r);
    let claudication = f.has(F::WalkingLegPain);
    let flexion_relief = f.has(F::ReliefWithSittingOrFlexion);
    let imaging = f.has(F::KnownLumbarStenosis) || f.has(F::LumbarStenosisOnImaging);
    let mut l = Likelihood::Low;
    if claudication && flexion_relief {
        raise(&mut l, Likelihood::High);
        note(&LSS_SYNDROME);
    } else if claudication || flexion_relief {
        raise(&mut l, Likelihood::Moderate);
        note(&LSS_PARTIAL);
    }
    if imaging {
        if claudication || flexion_relief {
            raise(&mut l, Likelihood::High);
            note(&LSS_IMAGING_WITH_SYNDROME);
        } else {
            raise(&mut l, Likelihood::Moderate);
            note(&LSS_IMAGING_ONLY);
        }
    }
    let pain = f.has(F::WalkingLegPain) || f.has(F::SciaticaLikePain) || f.has(F::SignificantBackPain);
    if f.has(F::BilateralLegSymptoms) && f.age_over(65) && pain {
        raise(&mut l, Likelihood::Moderate);
        note(&LSS_AGE_BILATERAL);
    }
    if f.has(F::SciaticaLikePain) || f.has(F::StraightLegRaise) {
        raise(&mut l, Likelihood::Moderate);
        note(&LSS_RADICULAR);
    }
    if f.lacks(F::WalkingLegPain) && l > Likelihood::Low {
        l = lower(l);
        note(&LSS_NOT_WALKING);
    }
    if f.has(F::ReliefWithStandingStill) && l > Likelihood::Low {
        l = lower(l);
        note(&LSS_VASCULAR_PATTERN);
    }
    l
}

// ---- Peripheral neuropathy (Abraham 2017; Chew 2022; Kanji 2010) -----------------------------

const PN_BOTH: Reason = Reason {
    text: "Stocking-glove sensory loss with reduced ankle reflexes: the lower motor neuron pattern of polyneuropathy (ankle reflex plus sensory loss, sensitivity 0.88)",
    cites: &[C::Abraham2017, C::Chew2022],
};
const PN_ONE: Reason = Reason {
    text: "Stocking-glove sensory loss or reduced ankle reflexes (impaired ankle reflexes: sensitivity 0.74, specificity 0.62; bilaterally absent ankle jerks: LR+ 7.6)",
    cites: &[C::Abraham2017, C::Chew2022],
};
const PN_DIABETES: Reason = Reason {
    text: "Diabetes with leg or hand numbness: large-fibre neuropathy was found in 23-79% of diabetic patients in the studies reviewed",
    cites: &[C::Kanji2010],
};
const PN_SIGNS_ABSENT: Reason = Reason {
    text: "Neither stocking-glove sensory loss nor reduced ankle reflexes (ankle jerks LR- 0.3)",
    cites: &[C::Chew2022, C::Abraham2017],
};

/// Peripheral neuropathy.
pub(crate) fn peripheral_neuropathy<T: Trace>(f: &Facts<'_>, t: &mut T) -> Likelihood {
    let mut note = |r: &'static Reason| t.note(Target::Condition(Condition::PeripheralNeuropathy), r);
    let stocking = f.has(F::StockingGloveSensoryLoss);
    let ankle = f.has(F::ReducedAnkleReflexes);
    let mut l = Likelihood::Low;
    // Reduced ankle reflexes alone are also the S1 root sign of lumbar disease and cauda equina.
    let root_explanation = f.has(F::SciaticaLikePain)
        || f.has(F::SaddleAnesthesia)
        || f.has(F::UrinaryRetention)
        || f.has(F::LumbarStenosisOnImaging)
        || f.has(F::KnownLumbarStenosis);
    if stocking && ankle {
        raise(&mut l, Likelihood::High);
        note(&PN_BOTH);
    } else if stocking || (ankle && !root_explanation) {
        raise(&mut l, Likelihood::Moderate);
        note(&PN_ONE);
    }
    if f.has(F::Diabetes) && (f.has(F::LegNumbness) || f.has(F::HandNumbness) || f.has(F::BilateralLegSymptoms)) {
        raise(&mut l, Likelihood::Moderate);
        note(&PN_DIABETES);
    }
    if f.lacks(F::StockingGloveSensoryLoss) && f.lacks(F::ReducedAnkleReflexes) {
        l = Likelihood::Low;
        note(&PN_SIGNS_ABSENT);
    }
    l
}

// ---- Peripheral arterial disease (AHA/ACC 2016; Khan 2006; Nadeau 2013) ----------------------

/// ABI at or below this is diagnostic of PAD (AHA/ACC, Class I).
pub(crate) const ABI_ABNORMAL_MAX: f64 = 0.90;
/// ABI below this (and above 0.90) is borderline.
pub(crate) const ABI_NORMAL_MIN: f64 = 1.00;
/// ABI above this means non-compressible arteries.
pub(crate) const ABI_NONCOMPRESSIBLE_ABOVE: f64 = 1.40;

const PAD_ABI_ABNORMAL: Reason = Reason {
    text: "Ankle-brachial index 0.90 or less is diagnostic of peripheral artery disease",
    cites: &[C::AhaAcc2016Pad],
};
const PAD_ABI_BORDERLINE: Reason = Reason {
    text: "Ankle-brachial index 0.91-0.99 is borderline (exercise ABI if suspicion is significant)",
    cites: &[C::AhaAcc2016Pad],
};
const PAD_ABI_NORMAL: Reason = Reason { text: "Ankle-brachial index 1.00-1.40 is normal", cites: &[C::AhaAcc2016Pad] };
const PAD_ABI_NONCOMPRESSIBLE: Reason = Reason {
    text: "Ankle-brachial index above 1.40: non-compressible arteries, the ABI cannot exclude PAD (toe-brachial index recommended)",
    cites: &[C::AhaAcc2016Pad],
};
const PAD_FULL_PICTURE: Reason = Reason {
    text: "Exertional leg pain relieved by standing still (LR+ 20) with reduced foot pulses (LR+ 4.7)",
    cites: &[C::Nadeau2013, C::Khan2006],
};
const PAD_PULSES: Reason =
    Reason { text: "Reduced foot pulses in a patient with leg complaints (LR+ 4.7)", cites: &[C::Khan2006] };
const PAD_STANDING: Reason = Reason {
    text: "Exertional leg pain relieved by standing still: vascular claudication (calf symptoms relieved by standing alone, LR+ 20)",
    cites: &[C::Nadeau2013],
};
const PAD_PULSES_NORMAL: Reason =
    Reason { text: "Normal foot pulses lower the likelihood of PAD (LR 0.38)", cites: &[C::Khan2006] };

/// Peripheral arterial disease.
pub(crate) fn peripheral_arterial_disease<T: Trace>(f: &Facts<'_>, t: &mut T) -> Likelihood {
    let mut note = |r: &'static Reason| t.note(Target::Condition(Condition::PeripheralArterialDisease), r);
    match f.p.ankle_brachial_index() {
        Some(abi) if abi <= ABI_ABNORMAL_MAX => {
            note(&PAD_ABI_ABNORMAL);
            return Likelihood::High;
        }
        Some(abi) if abi < ABI_NORMAL_MIN => note(&PAD_ABI_BORDERLINE),
        Some(abi) if abi <= ABI_NONCOMPRESSIBLE_ABOVE => {
            note(&PAD_ABI_NORMAL);
            return Likelihood::Low;
        }
        Some(_) => note(&PAD_ABI_NONCOMPRESSIBLE),
        None => {}
    }
    let exertional = f.has(F::WalkingLegPain);
    let pulses = f.has(F::ReducedFootPulses);
    let standing = f.has(F::ReliefWithStandingStill);
    let borderline = f.p.ankle_brachial_index().is_some_and(|a| a > ABI_ABNORMAL_MAX && a < ABI_NORMAL_MIN);
    let mut l = if borderline { Likelihood::Moderate } else { Likelihood::Low };
    if exertional && standing && pulses {
        raise(&mut l, Likelihood::High);
        note(&PAD_FULL_PICTURE);
    } else {
        if pulses {
            raise(&mut l, Likelihood::Moderate);
            note(&PAD_PULSES);
        }
        if exertional && standing {
            raise(&mut l, Likelihood::High);
            note(&PAD_STANDING);
        }
    }
    if f.lacks(F::ReducedFootPulses) && l > Likelihood::Low && !borderline {
        l = lower(l);
        note(&PAD_PULSES_NORMAL);
    }
    l
}

// ---- Cauda equina syndrome (GIRFT 2023; BMJ Best Practice; Dionne 2019) ----------------------

/// Symptoms of 14 days or less count as recent onset (GIRFT: "< 14 days"); in months.
pub(crate) const RECENT_ONSET_MONTHS: f64 = 14.0 / 30.4375;

const CES_CARDINAL: Reason = Reason {
    text: "Saddle anaesthesia or urinary retention with leg symptoms: suspect cauda equina syndrome",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const CES_SPHINCTER_RECENT: Reason = Reason {
    text: "Bladder or bowel disturbance of recent onset (under 14 days) or rapidly worsening, with leg symptoms: suspect cauda equina syndrome",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const CES_SPHINCTER_CHRONIC: Reason = Reason {
    text: "Bowel disturbance, or bladder disturbance with back or radicular leg pain, not of recent onset: cauda equina is possible, but cord compression and other causes are common",
    cites: &[C::Girft2023Ces, C::Dionne2019, C::Jiang2024Symptoms],
};

/// Cauda equina syndrome.
pub(crate) fn cauda_equina_syndrome<T: Trace>(f: &Facts<'_>, t: &mut T) -> Likelihood {
    let mut note = |r: &'static Reason| t.note(Target::Condition(Condition::CaudaEquinaSyndrome), r);
    let recent = f.p.symptom_duration_months().is_some_and(|m| m <= RECENT_ONSET_MONTHS) || rapid(f);
    let sphincter = f.has(F::BladderDysfunction) || f.has(F::BowelDysfunction);
    let mut l = Likelihood::Low;
    if f.has(F::SaddleAnesthesia) || f.has(F::UrinaryRetention) {
        raise(&mut l, Likelihood::High);
        note(&CES_CARDINAL);
    }
    if sphincter && recent {
        raise(&mut l, Likelihood::High);
        note(&CES_SPHINCTER_RECENT);
    } else if sphincter && (f.has(F::BowelDysfunction) || f.has(F::SignificantBackPain) || f.has(F::SciaticaLikePain)) {
        raise(&mut l, Likelihood::Moderate);
        note(&CES_SPHINCTER_CHRONIC);
    }
    l
}

// ---- Evidence lists and ranking ---------------------------------------------------------------

/// For one condition: findings whose presence supports it, whose presence opposes it, and whose
/// absence opposes it. These are the findings each rule above (and the myelopathy rules) read.
pub(crate) struct EvidenceMasks {
    pub supports: u128,
    pub opposes_if_present: u128,
    pub opposes_if_absent: u128,
    pub base: &'static [C],
}

const CM_EVIDENCE: EvidenceMasks = EvidenceMasks {
    supports: UMN_SIGNS
        | mask(&[
            F::GaitDeviation,
            F::GaitDifficulty,
            F::HandClumsiness,
            F::HandNumbness,
            F::LegStiffness,
            F::Falls,
            F::BladderDysfunction,
            F::WorseWithNeckExtension,
            F::BilateralLegSymptoms,
            F::LegWeakness,
            F::LegWeaknessOnExam,
            F::HandIntrinsicAtrophy,
            F::RombergSign,
            F::CervicalCordCompressionOnMri,
            F::CervicalCordSignalChangeOnMri,
        ]),
    opposes_if_present: mask(&[F::StraightLegRaise, F::StockingGloveSensoryLoss, F::ReducedAnkleReflexes]),
    opposes_if_absent: UMN_SIGNS | mask(&[F::GaitDeviation, F::CervicalCordCompressionOnMri]),
    base: &[C::Seed, C::Fehlings2017Guideline, C::Cook2010Cpr],
};

const LSS_EVIDENCE: EvidenceMasks = EvidenceMasks {
    supports: mask(&[
        F::WalkingLegPain,
        F::ReliefWithSittingOrFlexion,
        F::BilateralLegSymptoms,
        F::SignificantBackPain,
        F::KnownLumbarStenosis,
        F::LumbarStenosisOnImaging,
        F::SciaticaLikePain,
        F::StraightLegRaise,
    ]),
    opposes_if_present: mask(&[F::ReliefWithStandingStill, F::ReducedFootPulses]),
    opposes_if_absent: mask(&[F::WalkingLegPain, F::ReliefWithSittingOrFlexion, F::LumbarStenosisOnImaging]),
    base: &[C::Nass2011, C::Suri2010],
};

const PN_EVIDENCE: EvidenceMasks = EvidenceMasks {
    supports: mask(&[
        F::StockingGloveSensoryLoss,
        F::ReducedAnkleReflexes,
        F::Diabetes,
        F::LegNumbness,
        F::HandNumbness,
        F::BilateralLegSymptoms,
    ]),
    opposes_if_present: UMN_SIGNS,
    opposes_if_absent: mask(&[F::StockingGloveSensoryLoss, F::ReducedAnkleReflexes]),
    base: &[C::Abraham2017, C::Kanji2010],
};

const PAD_EVIDENCE: EvidenceMasks = EvidenceMasks {
    supports: mask(&[F::WalkingLegPain, F::ReliefWithStandingStill, F::ReducedFootPulses, F::Smoker, F::Diabetes]),
    opposes_if_present: mask(&[F::ReliefWithSittingOrFlexion]),
    opposes_if_absent: mask(&[F::ReducedFootPulses, F::WalkingLegPain]),
    base: &[C::AhaAcc2016Pad, C::Khan2006],
};

const CES_EVIDENCE: EvidenceMasks = EvidenceMasks {
    supports: mask(&[
        F::SaddleAnesthesia,
        F::UrinaryRetention,
        F::BowelDysfunction,
        F::BladderDysfunction,
        F::BilateralLegSymptoms,
        F::LegWeakness,
        F::LegWeaknessOnExam,
        F::SignificantBackPain,
        F::SciaticaLikePain,
    ]),
    // Upper motor neuron signs place the lesion above L1 (Bentley 2001).
    opposes_if_present: UMN_SIGNS,
    opposes_if_absent: mask(&[F::SaddleAnesthesia, F::UrinaryRetention, F::BladderDysfunction, F::BowelDysfunction]),
    base: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};

/// Conditions whose rules have not been written yet: no findings listed.
const NO_EVIDENCE: EvidenceMasks =
    EvidenceMasks { supports: 0, opposes_if_present: 0, opposes_if_absent: 0, base: &[C::Kim2013Mimics] };

/// The evidence lists of a condition.
pub(crate) fn evidence(c: Condition) -> &'static EvidenceMasks {
    match c {
        Condition::CervicalMyelopathy => &CM_EVIDENCE,
        Condition::LumbarSpinalStenosis => &LSS_EVIDENCE,
        Condition::PeripheralNeuropathy => &PN_EVIDENCE,
        Condition::PeripheralArterialDisease => &PAD_EVIDENCE,
        Condition::CaudaEquinaSyndrome => &CES_EVIDENCE,
        _ => &NO_EVIDENCE,
    }
}

/// The ranking key of a condition: emergency first, then likelihood, then net evidence
/// (supporting minus opposing findings).
fn rank_key(d: &Decision, present: u128, absent: u128, c: Condition) -> (bool, Likelihood, bool, i32) {
    let e = evidence(c);
    let support = (present & e.supports).count_ones() as i32;
    let oppose = ((present & e.opposes_if_present) | (absent & e.opposes_if_absent)).count_ones() as i32;
    // Suspected cauda equina leads (it is the emergency), unless the cord is the likely cause:
    // high-likelihood myelopathy with upper motor neuron signs.
    let cord_likely = d.myelopathy == Likelihood::High && present & UMN_SIGNS != 0;
    let emergency = c == Condition::CaudaEquinaSyndrome && d.condition(c) == Likelihood::High && !cord_likely;
    // Among equals, established myelopathy (compression with a myelopathic picture) comes first.
    let established = c == Condition::CervicalMyelopathy && d.dcm_established;
    (emergency, d.condition(c), established, support - oppose)
}

/// The conditions, most likely first: by likelihood, then by net evidence (supporting minus
/// opposing findings), then in vocabulary order (cervical myelopathy first: the diagnosis not to
/// miss). Suspected cauda equina syndrome always leads: it is the emergency.
pub(crate) fn ranked(d: &Decision, p: &Presentation) -> [Condition; N_CONDITIONS] {
    let (present, absent) = (p.findings().present_mask(), p.findings().absent_mask());
    let mut keyed = [Condition::CervicalMyelopathy; N_CONDITIONS];
    for (slot, c) in keyed.iter_mut().zip(Condition::ALL) {
        *slot = *c;
    }
    // Stable sort keeps vocabulary order on ties.
    keyed.sort_by_cached_key(|c| core::cmp::Reverse(rank_key(d, present, absent, *c)));
    keyed
}

/// The first condition of [`ranked`], without sorting.
pub(crate) fn top(d: &Decision, p: &Presentation) -> Condition {
    let (present, absent) = (p.findings().present_mask(), p.findings().absent_mask());
    let mut best = (rank_key(d, present, absent, Condition::CervicalMyelopathy), Condition::CervicalMyelopathy);
    for &c in Condition::ALL.iter().skip(1) {
        let k = rank_key(d, present, absent, c);
        // Strictly greater: the earlier condition wins ties, as in the stable sort.
        if k > best.0 {
            best = (k, c);
        }
    }
    best.1
}
