//! The differential: lumbar spinal stenosis, peripheral neuropathy, peripheral arterial disease
//! and cauda equina syndrome, each a likelihood table, with supporting and opposing findings.

use super::engine::{self, Move, Rule};
use super::facts::{mask, Ctx, UMN_SIGNS};
use super::localisation::{self, cord_pattern};
use super::{mimics, vascular};
use super::{Decision, Reason, Target, Trace, N_CONDITIONS};
use crate::citations::CitationId as C;
use crate::presentation::Presentation;
use crate::vocab::{Condition, Finding as F, Likelihood};

const fn row(when: fn(&Ctx<'_>) -> bool, then: Move, because: &'static Reason) -> Rule<Move> {
    Rule { when, then, because, reads: 0 }
}

/// The differential phase: applies each condition's table (cervical myelopathy comes later, once
/// the cross-cutting judgements are known).
pub(crate) fn conditions<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    // Written out (not a loop over the tables) so that each table is a constant to the engine.
    let (l, fired) =
        engine::likelihood(LUMBAR_SPINAL_STENOSIS, c, Target::Condition(Condition::LumbarSpinalStenosis), t);
    c.d.set_condition(Condition::LumbarSpinalStenosis, l, fired);
    let (l, fired) =
        engine::likelihood(PERIPHERAL_NEUROPATHY, c, Target::Condition(Condition::PeripheralNeuropathy), t);
    c.d.set_condition(Condition::PeripheralNeuropathy, l, fired);
    let x = Condition::PeripheralArterialDisease;
    guarded(PERIPHERAL_ARTERIAL_DISEASE, arterial_disease_may_fire, x, c, t);
    guarded(CAUDA_EQUINA_SYNDROME, cauda_equina_may_fire, Condition::CaudaEquinaSyndrome, c, t);
    // Version 2: the cord below the neck, Guillain-Barre, cancer, infection, and the mimics.
    // Each is applied only when one of its rows can fire (`guarded`).
    use localisation as loc;
    guarded(loc::THORACIC_MYELOPATHY, loc::thoracic_may_fire, Condition::ThoracicMyelopathy, c, t);
    guarded(loc::GUILLAIN_BARRE, loc::guillain_barre_may_fire, Condition::GuillainBarreSyndrome, c, t);
    let x = Condition::MalignantSpinalCordCompression;
    guarded(loc::MALIGNANT_COMPRESSION, loc::malignant_compression_may_fire, x, c, t);
    guarded(loc::EPIDURAL_ABSCESS, loc::epidural_abscess_may_fire, Condition::SpinalEpiduralAbscess, c, t);
    let x = Condition::MotorNeuronDisease;
    guarded(mimics::MOTOR_NEURON_DISEASE, mimics::motor_neuron_disease_may_fire, x, c, t);
    let x = Condition::NutritionalMyelopathy;
    guarded(mimics::NUTRITIONAL_MYELOPATHY, mimics::nutritional_myelopathy_may_fire, x, c, t);
    let x = Condition::DemyelinatingDisease;
    guarded(mimics::DEMYELINATING_DISEASE, mimics::demyelinating_disease_may_fire, x, c, t);
    let x = Condition::HereditarySpasticParaplegia;
    guarded(mimics::HEREDITARY_SPASTIC_PARAPLEGIA, mimics::hereditary_spastic_paraplegia_may_fire, x, c, t);
    let x = Condition::NormalPressureHydrocephalus;
    guarded(mimics::NORMAL_PRESSURE_HYDROCEPHALUS, mimics::normal_pressure_hydrocephalus_may_fire, x, c, t);
    let x = Condition::SpinalDuralAvFistula;
    guarded(mimics::SPINAL_DURAL_AV_FISTULA, mimics::spinal_dural_av_fistula_may_fire, x, c, t);
}

/// A condition's table, applied only when `may_fire` says one of its rows can fire: otherwise the
/// table would leave the condition low with no row fired and no reason noted, which the decision
/// already holds.
#[inline(always)]
fn guarded<T: Trace>(
    table: &'static [Rule<Move>],
    may_fire: fn(&Ctx<'_>) -> bool,
    x: Condition,
    c: &mut Ctx<'_>,
    t: &mut T,
) {
    if may_fire(c) {
        let (l, fired) = engine::likelihood(table, c, Target::Condition(x), t);
        c.d.set_condition(x, l, fired);
    }
}

/// A guarded table: its condition, its rows and its guard.
#[cfg(test)]
pub(crate) type Guarded = (Condition, &'static [Rule<Move>], fn(&Ctx<'_>) -> bool);

/// Every guarded table with its guard, for the test that checks them.
#[cfg(test)]
pub(crate) fn guarded_tables() -> [Guarded; 12] {
    use localisation as loc;
    [
        (Condition::PeripheralArterialDisease, PERIPHERAL_ARTERIAL_DISEASE, arterial_disease_may_fire),
        (Condition::CaudaEquinaSyndrome, CAUDA_EQUINA_SYNDROME, cauda_equina_may_fire),
        (Condition::ThoracicMyelopathy, loc::THORACIC_MYELOPATHY, loc::thoracic_may_fire),
        (Condition::GuillainBarreSyndrome, loc::GUILLAIN_BARRE, loc::guillain_barre_may_fire),
        (Condition::MalignantSpinalCordCompression, loc::MALIGNANT_COMPRESSION, loc::malignant_compression_may_fire),
        (Condition::SpinalEpiduralAbscess, loc::EPIDURAL_ABSCESS, loc::epidural_abscess_may_fire),
        (Condition::MotorNeuronDisease, mimics::MOTOR_NEURON_DISEASE, mimics::motor_neuron_disease_may_fire),
        (Condition::NutritionalMyelopathy, mimics::NUTRITIONAL_MYELOPATHY, mimics::nutritional_myelopathy_may_fire),
        (Condition::DemyelinatingDisease, mimics::DEMYELINATING_DISEASE, mimics::demyelinating_disease_may_fire),
        (
            Condition::HereditarySpasticParaplegia,
            mimics::HEREDITARY_SPASTIC_PARAPLEGIA,
            mimics::hereditary_spastic_paraplegia_may_fire,
        ),
        (
            Condition::NormalPressureHydrocephalus,
            mimics::NORMAL_PRESSURE_HYDROCEPHALUS,
            mimics::normal_pressure_hydrocephalus_may_fire,
        ),
        (Condition::SpinalDuralAvFistula, mimics::SPINAL_DURAL_AV_FISTULA, mimics::spinal_dural_av_fistula_may_fire),
    ]
}

// ---- Lumbar spinal stenosis ------------------------------------------------------------------
//
// NASS 2011 (diagnosis and treatment of degenerative lumbar spinal stenosis): leg pain brought on
// by walking or standing and relieved by sitting or bending forward is the clinical syndrome; MRI
// confirms the narrowing. Suri 2010 and Nadeau 2013 give the likelihood ratios.

/// Walking-induced leg pain and relief with sitting or flexion.
const CLAUDICATION: u128 = mask(&[F::WalkingLegPain, F::ReliefWithSittingOrFlexion]);
/// Lumbar stenosis known or imaged.
const LUMBAR_STENOSIS: u128 = mask(&[F::KnownLumbarStenosis, F::LumbarStenosisOnImaging]);

fn claudication(c: &Ctx<'_>) -> bool {
    c.has(F::WalkingLegPain)
}
fn flexion_relief(c: &Ctx<'_>) -> bool {
    c.has(F::ReliefWithSittingOrFlexion)
}
fn lumbar_stenosis_known(c: &Ctx<'_>) -> bool {
    c.has(F::KnownLumbarStenosis) || c.has(F::LumbarStenosisOnImaging)
}
fn neurogenic_claudication(c: &Ctx<'_>) -> bool {
    claudication(c) && flexion_relief(c)
}
fn one_claudication_feature(c: &Ctx<'_>) -> bool {
    claudication(c) != flexion_relief(c)
}
fn lumbar_stenosis_with_claudication(c: &Ctx<'_>) -> bool {
    lumbar_stenosis_known(c) && (claudication(c) || flexion_relief(c))
}
fn lumbar_stenosis_without_claudication(c: &Ctx<'_>) -> bool {
    lumbar_stenosis_known(c) && !(claudication(c) || flexion_relief(c))
}
/// Suri 2010: age over this many years (LR+ 2.5).
pub(crate) const LSS_AGE_OVER: u8 = 65;
fn bilateral_painful_over_65(c: &Ctx<'_>) -> bool {
    let pain = c.has(F::WalkingLegPain) || c.has(F::SciaticaLikePain) || c.has(F::SignificantBackPain);
    c.has(F::BilateralLegSymptoms) && c.age_over(LSS_AGE_OVER) && pain
}
fn radicular(c: &Ctx<'_>) -> bool {
    c.has(F::SciaticaLikePain) || c.has(F::StraightLegRaise)
}
fn pain_not_with_walking(c: &Ctx<'_>) -> bool {
    c.lacks(F::WalkingLegPain)
}
fn relief_standing_still(c: &Ctx<'_>) -> bool {
    c.has(F::ReliefWithStandingStill)
}

const LSS_SYNDROME: Reason = Reason {
    id: "lss_syndrome",
    text: "Leg pain brought on by walking or standing and relieved by sitting or bending forward: the clinical syndrome of lumbar stenosis (bending forward LR+ 6.4, no pain seated LR+ 7.4)",
    cites: &[C::Nass2011, C::Suri2010, C::Seed],
};
const LSS_PARTIAL: Reason = Reason {
    id: "lss_partial",
    text: "One feature of neurogenic claudication (walking-induced leg pain, or relief with sitting or flexion)",
    cites: &[C::Nass2011, C::Suri2010],
};
const LSS_IMAGING_WITH_SYNDROME: Reason = Reason {
    id: "lss_imaging_with_syndrome",
    text: "Lumbar stenosis on imaging or by history with claudication features",
    cites: &[C::Nass2011],
};
const LSS_IMAGING_ONLY: Reason = Reason {
    id: "lss_imaging_only",
    text: "Lumbar stenosis on imaging or by history, without claudication features: anatomic narrowing is common without symptoms (22.5% of a community sample on CT, 47.2% at age 60-69)",
    cites: &[C::Nass2011, C::Kalichman2009],
};
const LSS_AGE_BILATERAL: Reason = Reason {
    id: "lss_age_bilateral",
    text: "Bilateral leg symptoms with pain over age 65 (bilateral buttock or leg pain LR+ 6.3; age > 65 LR+ 2.5)",
    cites: &[C::Suri2010],
};
const LSS_RADICULAR: Reason = Reason {
    id: "lss_radicular",
    text: "Sciatica-like pain or a positive straight-leg raise suggests a lumbar root cause, disc herniation or lateral-recess stenosis (but see the false-localising warning)",
    cites: &[C::Seed, C::Langfitt1967],
};
const LSS_NOT_WALKING: Reason = Reason {
    id: "lss_not_walking",
    text: "Leg pain not brought on by walking: patients whose pain is not worse with walking have a low likelihood of stenosis",
    cites: &[C::Nass2011],
};
const LSS_VASCULAR_PATTERN: Reason = Reason {
    id: "lss_vascular_pattern",
    text: "Relief by standing still points to vascular claudication (LR+ 20) rather than neurogenic",
    cites: &[C::Nadeau2013],
};

/// Lumbar spinal stenosis.
pub(crate) const LUMBAR_SPINAL_STENOSIS: &[Rule<Move>] = &[
    row(neurogenic_claudication, Move::Raise(Likelihood::High), &LSS_SYNDROME).reading(CLAUDICATION),
    row(one_claudication_feature, Move::Raise(Likelihood::Moderate), &LSS_PARTIAL).reading(CLAUDICATION),
    row(lumbar_stenosis_with_claudication, Move::Raise(Likelihood::High), &LSS_IMAGING_WITH_SYNDROME)
        .reading(LUMBAR_STENOSIS | CLAUDICATION),
    row(lumbar_stenosis_without_claudication, Move::Raise(Likelihood::Moderate), &LSS_IMAGING_ONLY)
        .reading(LUMBAR_STENOSIS),
    row(bilateral_painful_over_65, Move::Raise(Likelihood::Moderate), &LSS_AGE_BILATERAL).reading(mask(&[
        F::BilateralLegSymptoms,
        F::WalkingLegPain,
        F::SciaticaLikePain,
        F::SignificantBackPain,
    ])),
    row(radicular, Move::Raise(Likelihood::Moderate), &LSS_RADICULAR)
        .reading(mask(&[F::SciaticaLikePain, F::StraightLegRaise])),
    row(pain_not_with_walking, Move::Lower, &LSS_NOT_WALKING).reading(mask(&[F::WalkingLegPain])),
    row(relief_standing_still, Move::Lower, &LSS_VASCULAR_PATTERN).reading(mask(&[F::ReliefWithStandingStill])),
    localisation::LUMBAR_V2,
];

// ---- Peripheral neuropathy -------------------------------------------------------------------
//
// Abraham 2017 and Chew 2022 (examination for distal symmetric polyneuropathy: ankle reflexes and
// distal sensory loss); Kanji 2010 (diabetic neuropathy).

/// Stocking-glove sensory loss and reduced ankle reflexes.
const NEUROPATHY_SIGNS: u128 = mask(&[F::StockingGloveSensoryLoss, F::ReducedAnkleReflexes]);

fn stocking_and_ankle(c: &Ctx<'_>) -> bool {
    c.has(F::StockingGloveSensoryLoss) && c.has(F::ReducedAnkleReflexes)
}
/// Reduced ankle reflexes alone are also the S1 root sign of lumbar disease and cauda equina.
fn root_explanation(c: &Ctx<'_>) -> bool {
    c.has(F::SciaticaLikePain)
        || c.has(F::SaddleAnesthesia)
        || c.has(F::UrinaryRetention)
        || c.has(F::LumbarStenosisOnImaging)
        || c.has(F::KnownLumbarStenosis)
}
fn stocking_or_unexplained_ankle(c: &Ctx<'_>) -> bool {
    let (stocking, ankle) = (c.has(F::StockingGloveSensoryLoss), c.has(F::ReducedAnkleReflexes));
    !(stocking && ankle) && (stocking || (ankle && !root_explanation(c)))
}
fn diabetes_with_numbness(c: &Ctx<'_>) -> bool {
    c.has(F::Diabetes) && (c.has(F::LegNumbness) || c.has(F::HandNumbness) || c.has(F::BilateralLegSymptoms))
}
fn neuropathy_signs_absent(c: &Ctx<'_>) -> bool {
    c.lacks(F::StockingGloveSensoryLoss) && c.lacks(F::ReducedAnkleReflexes)
}

const PN_BOTH: Reason = Reason {
    id: "pn_both",
    text: "Stocking-glove sensory loss with reduced ankle reflexes: the lower motor neuron pattern of polyneuropathy (ankle reflex plus sensory loss, sensitivity 0.88)",
    cites: &[C::Abraham2017, C::Chew2022],
};
const PN_ONE: Reason = Reason {
    id: "pn_one",
    text: "Stocking-glove sensory loss or reduced ankle reflexes (impaired ankle reflexes: sensitivity 0.74, specificity 0.62; bilaterally absent ankle jerks: LR+ 7.6)",
    cites: &[C::Abraham2017, C::Chew2022],
};
const PN_DIABETES: Reason = Reason {
    id: "pn_diabetes",
    text: "Diabetes with leg or hand numbness: large-fibre neuropathy was found in 23-79% of diabetic patients in the studies reviewed",
    cites: &[C::Kanji2010],
};
const PN_SIGNS_ABSENT: Reason = Reason {
    id: "pn_signs_absent",
    text: "Neither stocking-glove sensory loss nor reduced ankle reflexes (ankle jerks LR- 0.3)",
    cites: &[C::Chew2022, C::Abraham2017],
};

/// Peripheral neuropathy.
pub(crate) const PERIPHERAL_NEUROPATHY: &[Rule<Move>] = &[
    row(stocking_and_ankle, Move::Raise(Likelihood::High), &PN_BOTH).reading(NEUROPATHY_SIGNS),
    row(stocking_or_unexplained_ankle, Move::Raise(Likelihood::Moderate), &PN_ONE).reading(NEUROPATHY_SIGNS),
    row(diabetes_with_numbness, Move::Raise(Likelihood::Moderate), &PN_DIABETES).reading(mask(&[
        F::Diabetes,
        F::LegNumbness,
        F::HandNumbness,
        F::BilateralLegSymptoms,
    ])),
    row(neuropathy_signs_absent, Move::Set(Likelihood::Low), &PN_SIGNS_ABSENT).reading(NEUROPATHY_SIGNS),
];

// ---- Peripheral arterial disease -------------------------------------------------------------
//
// AHA/ACC 2016 (lower extremity PAD, resting ABI bands, Class I); Khan 2006 and Nadeau 2013
// (clinical findings' likelihood ratios).

/// ABI at or below this is diagnostic of PAD (AHA/ACC, Class I).
pub(crate) const ABI_ABNORMAL_MAX: f64 = 0.90;
/// ABI below this (and above 0.90) is borderline.
pub(crate) const ABI_NORMAL_MIN: f64 = 1.00;
/// ABI above this means non-compressible arteries.
pub(crate) const ABI_NONCOMPRESSIBLE_ABOVE: f64 = 1.40;

/// The band a measured ABI falls in (AHA/ACC 2016).
#[derive(Clone, Copy, PartialEq, Eq)]
enum AbiBand {
    Abnormal,
    Borderline,
    Normal,
    Noncompressible,
}

fn abi_band(c: &Ctx<'_>) -> Option<AbiBand> {
    match c.p.ankle_brachial_index() {
        Some(abi) if abi <= ABI_ABNORMAL_MAX => Some(AbiBand::Abnormal),
        Some(abi) if abi < ABI_NORMAL_MIN => Some(AbiBand::Borderline),
        Some(abi) if abi <= ABI_NONCOMPRESSIBLE_ABOVE => Some(AbiBand::Normal),
        Some(_) => Some(AbiBand::Noncompressible),
        None => None,
    }
}
fn abi_abnormal(c: &Ctx<'_>) -> bool {
    abi_band(c) == Some(AbiBand::Abnormal)
}
fn abi_borderline(c: &Ctx<'_>) -> bool {
    abi_band(c) == Some(AbiBand::Borderline)
}
pub(crate) fn abi_normal(c: &Ctx<'_>) -> bool {
    abi_band(c) == Some(AbiBand::Normal)
}
fn abi_noncompressible(c: &Ctx<'_>) -> bool {
    abi_band(c) == Some(AbiBand::Noncompressible)
}
/// Exertional leg pain relieved by standing still.
const VASCULAR_CLAUDICATION: u128 = mask(&[F::WalkingLegPain, F::ReliefWithStandingStill]);

fn vascular_claudication(c: &Ctx<'_>) -> bool {
    c.has(F::WalkingLegPain) && c.has(F::ReliefWithStandingStill)
}
fn full_vascular_picture(c: &Ctx<'_>) -> bool {
    vascular_claudication(c) && c.has(F::ReducedFootPulses)
}
fn reduced_pulses_only(c: &Ctx<'_>) -> bool {
    c.has(F::ReducedFootPulses) && !vascular_claudication(c)
}
fn vascular_claudication_only(c: &Ctx<'_>) -> bool {
    vascular_claudication(c) && !c.has(F::ReducedFootPulses)
}
fn normal_pulses_not_borderline(c: &Ctx<'_>) -> bool {
    c.lacks(F::ReducedFootPulses) && !abi_borderline(c)
}

const PAD_ABI_ABNORMAL: Reason = Reason {
    id: "pad_abi_abnormal",
    text: "Ankle-brachial index 0.90 or less is diagnostic of peripheral artery disease",
    cites: &[C::AhaAcc2016Pad],
};
const PAD_ABI_BORDERLINE: Reason = Reason {
    id: "pad_abi_borderline",
    text: "Ankle-brachial index 0.91-0.99 is borderline (exercise ABI if suspicion is significant)",
    cites: &[C::AhaAcc2016Pad],
};
const PAD_ABI_NORMAL: Reason =
    Reason { id: "pad_abi_normal", text: "Ankle-brachial index 1.00-1.40 is normal", cites: &[C::AhaAcc2016Pad] };
const PAD_ABI_NONCOMPRESSIBLE: Reason = Reason {
    id: "pad_abi_noncompressible",
    text: "Ankle-brachial index above 1.40: non-compressible arteries, the ABI cannot exclude PAD (toe-brachial index recommended)",
    cites: &[C::AhaAcc2016Pad],
};
const PAD_FULL_PICTURE: Reason = Reason {
    id: "pad_full_picture",
    text: "Exertional leg pain relieved by standing still (LR+ 20) with reduced foot pulses (LR+ 4.7)",
    cites: &[C::Nadeau2013, C::Khan2006],
};
const PAD_PULSES: Reason = Reason {
    id: "pad_pulses",
    text: "Reduced foot pulses in a patient with leg complaints (LR+ 4.7)",
    cites: &[C::Khan2006],
};
const PAD_STANDING: Reason = Reason {
    id: "pad_standing",
    text: "Exertional leg pain relieved by standing still: vascular claudication (calf symptoms relieved by standing alone, LR+ 20)",
    cites: &[C::Nadeau2013],
};
const PAD_PULSES_NORMAL: Reason = Reason {
    id: "pad_pulses_normal",
    text: "Normal foot pulses lower the likelihood of PAD (LR 0.38)",
    cites: &[C::Khan2006],
};

/// Peripheral arterial disease: a measured ABI settles it (except borderline or non-compressible);
/// otherwise the clinical picture.
pub(crate) const PERIPHERAL_ARTERIAL_DISEASE: &[Rule<Move>] = &[
    vascular::PAD_ALI_ROW,
    vascular::PAD_CLTI_ROW,
    vascular::PAD_CLTI_NORMAL_ABI_ROW,
    row(abi_abnormal, Move::Settle(Likelihood::High), &PAD_ABI_ABNORMAL),
    row(abi_borderline, Move::Raise(Likelihood::Moderate), &PAD_ABI_BORDERLINE),
    row(abi_normal, Move::Settle(Likelihood::Low), &PAD_ABI_NORMAL),
    row(abi_noncompressible, Move::Keep, &PAD_ABI_NONCOMPRESSIBLE),
    row(full_vascular_picture, Move::Raise(Likelihood::High), &PAD_FULL_PICTURE)
        .reading(VASCULAR_CLAUDICATION | mask(&[F::ReducedFootPulses])),
    row(reduced_pulses_only, Move::Raise(Likelihood::Moderate), &PAD_PULSES).reading(mask(&[F::ReducedFootPulses])),
    row(vascular_claudication_only, Move::Raise(Likelihood::High), &PAD_STANDING).reading(VASCULAR_CLAUDICATION),
    row(normal_pulses_not_borderline, Move::Lower, &PAD_PULSES_NORMAL).reading(mask(&[F::ReducedFootPulses])),
    vascular::PAD_SKIN_ROW,
    vascular::PAD_BRUIT_ROW,
];

/// Whether a row of [`PERIPHERAL_ARTERIAL_DISEASE`] can fire: every row needs a measured ABI,
/// limb ischaemia (acute, rest pain, a foot wound), reduced foot pulses, relief by standing still,
/// cool or discoloured skin or a femoral bruit, except the normal-pulses row, which only lowers
/// (from low, it does not fire). Otherwise the table leaves the likelihood low and notes nothing,
/// so it is not applied (a test checks each guard against its table).
pub(crate) fn arterial_disease_may_fire(c: &Ctx<'_>) -> bool {
    c.p.ankle_brachial_index().is_some()
        || c.any(mask(&[
            F::AcuteColdPulselessLeg,
            F::RestPain,
            F::FootUlcerOrGangrene,
            F::ReducedFootPulses,
            F::ReliefWithStandingStill,
            F::CoolOrDiscolouredLeg,
            F::FemoralBruit,
        ]))
}

/// Whether a measured ABI is above the non-compressible threshold (a toe-brachial index is needed).
pub(crate) fn abi_not_interpretable(c: &Ctx<'_>) -> bool {
    abi_noncompressible(c)
}

// ---- Cauda equina syndrome -------------------------------------------------------------------
//
// GIRFT 2023 national CES pathway and BMJ Best Practice: saddle anaesthesia, urinary retention,
// or bladder or bowel disturbance of recent onset with leg symptoms: suspect CES, emergency MRI;
// Dionne 2019 (red flags' accuracy).

/// Symptoms of 14 days or less count as recent onset (GIRFT: "< 14 days"); in months.
pub(crate) const RECENT_ONSET_DAYS: u8 = 14;
/// [`RECENT_ONSET_DAYS`] in months (of 30.4375 days).
pub(crate) const RECENT_ONSET_MONTHS: f64 = RECENT_ONSET_DAYS as f64 / 30.4375;

/// Bladder or bowel disturbance.
const SPHINCTER: u128 = mask(&[F::BladderDysfunction, F::BowelDysfunction]);

fn sphincter(c: &Ctx<'_>) -> bool {
    c.has(F::BladderDysfunction) || c.has(F::BowelDysfunction)
}
fn cardinal_ces_sign(c: &Ctx<'_>) -> bool {
    c.has(F::SaddleAnesthesia) || c.has(F::UrinaryRetention)
}
/// Bladder or bowel disturbance with leg upper motor neuron signs or a truncal sensory level
/// points to the cord above the cauda equina (Bentley 2001; Kranz 2019).
fn sphincter_with_cord_pattern(c: &Ctx<'_>) -> bool {
    sphincter(c) && cord_pattern(c)
}
fn recent_sphincter(c: &Ctx<'_>) -> bool {
    localisation::girft_sphincter(c) && !cord_pattern(c)
}
fn chronic_sphincter_lumbar_or_bowel(c: &Ctx<'_>) -> bool {
    sphincter(c)
        && !cord_pattern(c)
        && !localisation::criterion_possibly_new(c)
        && !localisation::girft_sphincter(c)
        && (c.has(F::BowelDysfunction) || c.has(F::SignificantBackPain) || c.has(F::SciaticaLikePain))
}

const CES_CARDINAL: Reason = Reason {
    id: "ces_cardinal",
    text: "Saddle anaesthesia or urinary retention with leg symptoms: suspect cauda equina syndrome",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const CES_SPHINCTER_RECENT: Reason = Reason {
    id: "ces_sphincter_recent",
    text: "Back or leg pain with a bladder or bowel disturbance that is new (under 14 days), worsening, or not recorded as stable over 14 days (the leg-symptom duration does not date it): suspect cauda equina syndrome (GIRFT: recent onset or deterioration)",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const CES_SPHINCTER_CORD: Reason = Reason {
    id: "ces_sphincter_cord",
    text: "Bladder or bowel disturbance with leg upper motor neuron signs or a truncal sensory level: the lesion may be in the cord or in the conus and cauda equina (mixed signs are possible, and tandem stenosis is common); image the whole spine",
    cites: &[C::Bentley2001, C::Kranz2019Myelopathy],
};
const CES_SPHINCTER_CHRONIC: Reason = Reason {
    id: "ces_sphincter_chronic",
    text: "Bowel disturbance, or bladder disturbance with back or radicular leg pain, with leg symptoms recorded stable over 14 days: cauda equina is possible, but cord compression and other causes are common; if the bladder or bowel change itself is new or worsening, this is suspected cauda equina syndrome (emergency MRI)",
    cites: &[C::Girft2023Ces, C::Dionne2019, C::Jiang2024Symptoms],
};

/// Cauda equina syndrome.
pub(crate) const CAUDA_EQUINA_SYNDROME: &[Rule<Move>] = &[
    row(cardinal_ces_sign, Move::Raise(Likelihood::High), &CES_CARDINAL)
        .reading(mask(&[F::SaddleAnesthesia, F::UrinaryRetention])),
    row(recent_sphincter, Move::Raise(Likelihood::High), &CES_SPHINCTER_RECENT).reading(SPHINCTER | localisation::PAIN),
    row(chronic_sphincter_lumbar_or_bowel, Move::Raise(Likelihood::Moderate), &CES_SPHINCTER_CHRONIC)
        .reading(SPHINCTER | mask(&[F::SignificantBackPain, F::SciaticaLikePain])),
    row(sphincter_with_cord_pattern, Move::Keep, &CES_SPHINCTER_CORD),
    localisation::CES_ANAL_TONE_ROW,
    localisation::CES_BILATERAL_ROW,
    localisation::CES_SEXUAL_ROW,
    localisation::CES_GIRFT_CORD_ROW,
    localisation::CES_LMN_RAPID_ROW,
    localisation::CES_BILATERAL_RADICULAR_ROW,
    localisation::CES_BILATERAL_CHRONIC_ROW,
];

/// Whether a row of [`CAUDA_EQUINA_SYNDROME`] can fire: every row needs saddle anaesthesia,
/// urinary retention, a bladder or bowel disturbance, reduced anal tone, sexual dysfunction or
/// symptoms in both legs.
pub(crate) fn cauda_equina_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[
        F::SaddleAnesthesia,
        F::UrinaryRetention,
        F::BladderDysfunction,
        F::BowelDysfunction,
        F::ReducedAnalTone,
        F::SexualDysfunction,
        F::BilateralLegSymptoms,
    ]))
}

engine::check_table_len!(
    LUMBAR_SPINAL_STENOSIS,
    PERIPHERAL_NEUROPATHY,
    PERIPHERAL_ARTERIAL_DISEASE,
    CAUDA_EQUINA_SYNDROME
);

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    [LUMBAR_SPINAL_STENOSIS, PERIPHERAL_NEUROPATHY, PERIPHERAL_ARTERIAL_DISEASE, CAUDA_EQUINA_SYNDROME]
        .into_iter()
        .flatten()
        .map(|r| r.because)
}

// ---- Evidence and ranking --------------------------------------------------------------------

/// The likelihood table of a condition (empty for a condition without rules yet).
pub(crate) fn table(c: Condition) -> &'static [Rule<Move>] {
    match c {
        Condition::CervicalMyelopathy => super::myelopathy::MYELOPATHY,
        Condition::LumbarSpinalStenosis => LUMBAR_SPINAL_STENOSIS,
        Condition::PeripheralNeuropathy => PERIPHERAL_NEUROPATHY,
        Condition::PeripheralArterialDisease => PERIPHERAL_ARTERIAL_DISEASE,
        Condition::CaudaEquinaSyndrome => CAUDA_EQUINA_SYNDROME,
        Condition::ThoracicMyelopathy => localisation::THORACIC_MYELOPATHY,
        Condition::GuillainBarreSyndrome => localisation::GUILLAIN_BARRE,
        Condition::MalignantSpinalCordCompression => localisation::MALIGNANT_COMPRESSION,
        Condition::SpinalEpiduralAbscess => localisation::EPIDURAL_ABSCESS,
        Condition::MotorNeuronDisease => mimics::MOTOR_NEURON_DISEASE,
        Condition::NutritionalMyelopathy => mimics::NUTRITIONAL_MYELOPATHY,
        Condition::DemyelinatingDisease => mimics::DEMYELINATING_DISEASE,
        Condition::HereditarySpasticParaplegia => mimics::HEREDITARY_SPASTIC_PARAPLEGIA,
        Condition::NormalPressureHydrocephalus => mimics::NORMAL_PRESSURE_HYDROCEPHALUS,
        Condition::SpinalDuralAvFistula => mimics::SPINAL_DURAL_AV_FISTULA,
    }
}

/// The sources every entry of a condition cites, beside those of its fired rows.
pub(crate) fn base_citations(c: Condition) -> &'static [C] {
    match c {
        Condition::CervicalMyelopathy => &[C::Seed, C::Fehlings2017Guideline, C::Cook2010Cpr],
        Condition::LumbarSpinalStenosis => &[C::Nass2011, C::Suri2010],
        Condition::PeripheralNeuropathy => &[C::Abraham2017, C::Kanji2010],
        Condition::PeripheralArterialDisease => &[C::AhaAcc2016Pad, C::Khan2006],
        Condition::CaudaEquinaSyndrome => &[C::Girft2023Ces, C::BmjBestPracticeCes],
        Condition::ThoracicMyelopathy => &[C::Ando2019Thoracic, C::Kranz2019Myelopathy],
        Condition::GuillainBarreSyndrome => &[C::GbsCriteria2017],
        Condition::MalignantSpinalCordCompression => &[C::NiceNg234, C::NiceQs56],
        Condition::SpinalEpiduralAbscess => &[C::Davis2004Sea],
        Condition::MotorNeuronDisease => &[C::Wijesekera2009Als, C::Yoshor2005Als],
        Condition::NutritionalMyelopathy => &[C::Briani2013B12, C::Jaiser2010Copper],
        Condition::DemyelinatingDisease => &[C::Kim2013Mimics, C::Wingerchuk2015Nmosd],
        Condition::HereditarySpasticParaplegia => &[C::Hensiek2015Hsp],
        Condition::NormalPressureHydrocephalus => &[C::Verrees2004Nph],
        Condition::SpinalDuralAvFistula => &[C::Jeng2015Sdavf, C::Brinjikji2016Sdavf],
    }
}

/// A condition's supporting and opposing findings: those its fired rows read (present ones for
/// rows that raised it; present or absent ones for rows that lowered it).
pub(crate) fn evidence(d: &Decision, c: Condition, present: u128, absent: u128) -> (u128, u128) {
    engine::evidence(table(c), d.fired(c), present, absent)
}

/// The ranking keys of the conditions, by code: emergencies first (metastatic compression and
/// abscess, then cauda equina, Guillain-Barre and acute limb ischaemia), then likelihood, then
/// whether a defining finding settles it (a separating test or imaging result for a mimic,
/// established DCM, thoracic compression on MRI), then whether it explains upper motor neuron
/// signs. Ties keep vocabulary order: counting nonspecific findings does not break them.
///
/// Each key is one integer ordered as the tuple (emergency, likelihood, defining, explains cord
/// signs): the emergency level in bits 4-5, the likelihood's code in bits 2-3, then one bit each.
fn rank_keys(d: &Decision, present: u128) -> [u32; N_CONDITIONS] {
    let umn = u32::from(present & UMN_SIGNS != 0);
    let mut keys = [0u32; N_CONDITIONS];
    // Branch-free over the fixed-size arrays (the compiler can vectorise it).
    for ((key, &l), (&mimic, &cord)) in
        keys.iter_mut().zip(d.conditions.iter()).zip(MIMIC_FLAGS.iter().zip(CORD_FLAGS.iter()))
    {
        let l = l as u32;
        // A mimic at high likelihood is settled by its defining finding.
        let defining = u32::from(l == Likelihood::High as u32) & mimic;
        // Upper motor neuron signs place the lesion above L1: among equals, a condition of the
        // cord ranks above one that cannot produce them.
        let explains_cord_signs = umn & cord;
        *key = (l << 2) | (defining << 1) | explains_cord_signs;
    }
    let high = |c: Condition| d.condition(c) == Likelihood::High;
    let mut mark = |c: Condition, emergency: u32, defining: bool| {
        if let Some(key) = keys.get_mut(c as usize) {
            *key |= (emergency << 4) | (u32::from(defining) << 1);
        }
    };
    // Suspected cauda equina leads (it is the emergency), unless the cord is the likely cause:
    // high-likelihood myelopathy with upper motor neuron signs.
    let cord_likely = d.myelopathy == Likelihood::High && umn != 0;
    mark(
        Condition::MalignantSpinalCordCompression,
        if high(Condition::MalignantSpinalCordCompression) { 3 } else { 0 },
        false,
    );
    mark(Condition::SpinalEpiduralAbscess, if high(Condition::SpinalEpiduralAbscess) { 3 } else { 0 }, false);
    mark(
        Condition::CaudaEquinaSyndrome,
        if high(Condition::CaudaEquinaSyndrome) && !cord_likely { 2 } else { 0 },
        false,
    );
    mark(Condition::GuillainBarreSyndrome, if high(Condition::GuillainBarreSyndrome) { 2 } else { 0 }, false);
    mark(Condition::PeripheralArterialDisease, if d.v2.ali { 2 } else { 0 }, false);
    mark(Condition::CervicalMyelopathy, 0, d.dcm_established);
    // Thoracic compression on MRI, or a truncal sensory level with normal arms.
    let thoracic_defined = present & mask(&[F::ThoracicCordCompressionOnMri]) != 0
        || (present & mask(&[F::TruncalSensoryLevel]) != 0 && d.v2.below_neck && d.v2.arms_normal);
    mark(Condition::ThoracicMyelopathy, 0, thoracic_defined);
    keys
}

/// The conditions that [`rank_keys`] treats as mimics, as a bit set of condition codes.
const MIMIC_CONDITIONS: u32 = condition_set(&super::mimics::MIMICS);

/// The conditions of the cord (they can produce upper motor neuron signs), as a bit set.
const CORD_CONDITIONS: u32 = condition_set(&[
    Condition::CervicalMyelopathy,
    Condition::ThoracicMyelopathy,
    Condition::MotorNeuronDisease,
    Condition::NutritionalMyelopathy,
    Condition::DemyelinatingDisease,
    Condition::HereditarySpasticParaplegia,
    Condition::SpinalDuralAvFistula,
    Condition::MalignantSpinalCordCompression,
    Condition::SpinalEpiduralAbscess,
]);

/// [`MIMIC_CONDITIONS`] and [`CORD_CONDITIONS`] as one flag (0 or 1) per condition code.
const MIMIC_FLAGS: [u32; N_CONDITIONS] = flags(MIMIC_CONDITIONS);
const CORD_FLAGS: [u32; N_CONDITIONS] = flags(CORD_CONDITIONS);

/// The flags of a bit set of condition codes, one per code.
// Evaluated at compile time only (for constants), with `i` below the length: an index out of
// bounds would fail the build, never a run.
#[allow(clippy::indexing_slicing)]
const fn flags(set: u32) -> [u32; N_CONDITIONS] {
    let mut out = [0u32; N_CONDITIONS];
    let mut i = 0;
    while i < N_CONDITIONS {
        out[i] = (set >> i) & 1;
        i += 1;
    }
    out
}

/// A bit set of condition codes.
const fn condition_set(cs: &[Condition]) -> u32 {
    let mut m = 0u32;
    let mut rest = cs;
    while let [first, tail @ ..] = rest {
        m |= 1u32 << (*first as u32);
        rest = tail;
    }
    m
}
const _: () = assert!(N_CONDITIONS <= 32, "condition sets are u32 bit sets");

/// The conditions, most likely first: emergencies, then likelihood, then a defining finding, then
/// vocabulary order (cervical myelopathy first: the diagnosis not to miss).
pub(crate) fn ranked(d: &Decision, p: &Presentation) -> [Condition; N_CONDITIONS] {
    let keys = rank_keys(d, p.findings().present_mask());
    let mut keyed = [Condition::CervicalMyelopathy; N_CONDITIONS];
    for (slot, c) in keyed.iter_mut().zip(Condition::ALL) {
        *slot = *c;
    }
    // Stable sort keeps vocabulary order on ties.
    keyed.sort_by_key(|c| core::cmp::Reverse(keys.get(*c as usize).copied().unwrap_or(0)));
    keyed
}

/// The first condition of [`ranked`], without sorting and without a pass over the conditions:
/// the ranking key's parts (emergency, likelihood, defining finding, explaining cord signs) as
/// bit sets of condition codes, the candidates narrowed to the greatest value of each part in
/// turn; the earliest condition left wins (the first of the stable sort). A test checks it
/// against [`ranked`].
pub(crate) fn top(d: &Decision, p: &Presentation) -> Condition {
    let present = p.findings().present_mask();
    let umn = present & UMN_SIGNS != 0;
    let set = |c: Condition| 1u32 << (c as u32 % 32);
    let high = |c: Condition| d.high & set(c) != 0;
    let cord_likely = d.myelopathy == Likelihood::High && umn;
    // The emergency levels of [`rank_keys`]: 3, then 2.
    let mut e3 = 0;
    let mut e2 = 0;
    for c in [Condition::MalignantSpinalCordCompression, Condition::SpinalEpiduralAbscess] {
        if high(c) {
            e3 |= set(c);
        }
    }
    if high(Condition::CaudaEquinaSyndrome) && !cord_likely {
        e2 |= set(Condition::CaudaEquinaSyndrome);
    }
    if high(Condition::GuillainBarreSyndrome) {
        e2 |= set(Condition::GuillainBarreSyndrome);
    }
    if d.v2.ali {
        e2 |= set(Condition::PeripheralArterialDisease);
    }
    let thoracic_defined = present & mask(&[F::ThoracicCordCompressionOnMri]) != 0
        || (present & mask(&[F::TruncalSensoryLevel]) != 0 && d.v2.below_neck && d.v2.arms_normal);
    let mut defining = d.high & MIMIC_CONDITIONS;
    if d.dcm_established {
        defining |= set(Condition::CervicalMyelopathy);
    }
    if thoracic_defined {
        defining |= set(Condition::ThoracicMyelopathy);
    }
    let cord = if umn { CORD_CONDITIONS } else { 0 };
    let mut candidates = ALL_CONDITIONS;
    // Narrows to the candidates in the first non-empty set of `levels`, greatest first.
    let mut narrow = |levels: &[u32]| {
        if let Some(keep) = levels.iter().map(|l| candidates & l).find(|k| *k != 0) {
            candidates = keep;
        }
    };
    narrow(&[e3, e2]);
    narrow(&[d.high, d.moderate]);
    narrow(&[defining]);
    narrow(&[cord]);
    let best = candidates.trailing_zeros() as usize;
    Condition::ALL.get(best).copied().unwrap_or(Condition::CervicalMyelopathy)
}

/// Every condition, as a bit set of condition codes.
const ALL_CONDITIONS: u32 = if N_CONDITIONS >= 32 { u32::MAX } else { (1u32 << N_CONDITIONS) - 1 };
