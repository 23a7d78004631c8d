//! Version 2: the non-compressive mimics of degenerative cervical myelopathy, one likelihood table
//! each, and the cord signs that no compression explains.
//!
//! Source: `clinical-evidence-2.md` §3.6 (the rule set: the features that point to each mimic,
//! the test that separates it, the referral) and §3.7: Kim 2013 (mimics of DCM), Yoshor 2005 and
//! Wijesekera 2009 (motor neuron disease), Briani 2013 and Jaiser 2010 (B12 and copper),
//! Wingerchuk 2015 (NMOSD), Hensiek 2015 (hereditary spastic paraplegia), Verrees 2004 (normal
//! pressure hydrocephalus), Jeng 2015 and Brinjikji 2016 (spinal dural AV fistula).

use super::engine::{Move, Rule};
use super::facts::{mask, Ctx, LEG_WEAKNESS};
use super::localisation::{cervical_mri_clear, lumbar_stenosis_known, ARM_UMN, HAND_SIGNS, LEG_UMN};
use super::Reason;
use crate::citations::CitationId as C;
use crate::vocab::{Condition, Course, Finding as F, Likelihood, Sex};

/// Sensory findings (motor neuron disease spares sensation).
const SENSORY: u128 = mask(&[
    F::LegNumbness,
    F::HandNumbness,
    F::VibrationOrPositionSenseLoss,
    F::StockingGloveSensoryLoss,
    F::TruncalSensoryLevel,
]);

/// Gait disturbance reported or seen.
const GAIT: u128 = mask(&[F::GaitDifficulty, F::GaitDeviation, F::Falls]);

/// A spastic leg picture: leg upper motor neuron signs, stiffness or a spastic gait.
const SPASTIC_LEGS: u128 = LEG_UMN | mask(&[F::LegStiffness, F::GaitDeviation]);

/// Worse after a spinal decompression: prior spine surgery with a worsening course.
pub(crate) fn deterioration_after_decompression(c: &Ctx<'_>) -> bool {
    c.has(F::PriorSpineSurgery) && c.worsening()
}

/// Cord signs (upper motor neuron signs or a spastic gait) with no compression on the MRI that was
/// done: the cervical MRI without compression, and the thoracic cord not compressed either.
pub(crate) fn cord_signs_without_compression(c: &Ctx<'_>) -> bool {
    let signs = c.any(LEG_UMN | ARM_UMN) || c.has(F::GaitDeviation);
    signs && cervical_mri_clear(c) && !c.has(F::ThoracicCordCompressionOnMri)
}

const fn row(when: fn(&Ctx<'_>) -> bool, then: Move, because: &'static Reason) -> Rule<Move> {
    Rule { when, then, because, reads: 0 }
}

// ---- Motor neuron disease ---------------------------------------------------------------------

fn emg_denervation(c: &Ctx<'_>) -> bool {
    c.has(F::EmgWidespreadDenervation)
}
fn bulbar_with_lmn(c: &Ctx<'_>) -> bool {
    c.has(F::BulbarSymptoms) && (c.has(F::Fasciculations) || c.has(F::LimbMuscleWasting))
}
fn fasciculations_wasting_progressing(c: &Ctx<'_>) -> bool {
    c.has(F::Fasciculations)
        && c.has(F::LimbMuscleWasting)
        && (c.has(F::UnexplainedWeightLoss) || deterioration_after_decompression(c))
}
fn mnd_features(c: &Ctx<'_>) -> bool {
    let (fasc, wasting, bulbar, weight) = (
        c.has(F::Fasciculations),
        c.has(F::LimbMuscleWasting),
        c.has(F::BulbarSymptoms),
        c.has(F::UnexplainedWeightLoss),
    );
    // Not on a rapidly progressive course: rapid weakness with bulbar symptoms is the emergency
    // picture of Guillain-Barre syndrome (part 2 §1.3), which the GBS rows handle.
    ((fasc && (wasting || weight || bulbar))
        || (wasting && weight)
        || (bulbar && (c.any(LEG_WEAKNESS) || c.has(F::ArmWeakness))))
        && !c.rapid()
}
/// Sensory findings that argue against motor neuron disease: leg numbness and stocking-glove loss
/// do not count when diabetes or a stocking-glove polyneuropathy explains them (part 1 §8:
/// diabetic neuropathy in 23-79%); that is not the sensory loss MND spares (part 2 §3.7).
fn unexplained_sensory(c: &Ctx<'_>) -> bool {
    let neuropathy = c.has(F::Diabetes) || c.has(F::StockingGloveSensoryLoss);
    let explained = if neuropathy { mask(&[F::LegNumbness, F::StockingGloveSensoryLoss]) } else { 0 };
    c.any(SENSORY & !explained)
}
fn sensory_without_emg(c: &Ctx<'_>) -> bool {
    unexplained_sensory(c) && !c.has(F::EmgWidespreadDenervation)
}

const MND_EMG: Reason = Reason {
    id: "mnd_emg",
    text: "EMG with widespread denervation: cervical spondylotic myelopathy does not produce widespread chronic partial denervation; motor neuron disease",
    cites: &[C::Wijesekera2009Als, C::Kim2013Mimics],
};
const MND_BULBAR: Reason = Reason {
    id: "mnd_bulbar",
    text: "Bulbar symptoms with fasciculations or muscle wasting: cervical myelopathy has no bulbar involvement; motor neuron disease",
    cites: &[C::Wijesekera2009Als, C::Kim2013Mimics],
};
const MND_PROGRESSING: Reason = Reason {
    id: "mnd_progressing",
    text: "Fasciculations and limb muscle wasting with weight loss, or with a worsening course after prior spine surgery: motor neuron disease (86% of decompressions in unrecognised ALS brought no improvement)",
    cites: &[C::Yoshor2005Als, C::Wijesekera2009Als],
};
const MND_FEATURES: Reason = Reason {
    id: "mnd_features",
    text: "Fasciculations or limb muscle wasting with weight loss or bulbar symptoms: features of motor neuron disease; EMG and neurology before any decompression (arm fasciculations alone do not exclude cervical myelopathy)",
    cites: &[C::Yoshor2005Als, C::Wijesekera2009Als, C::Kim2013Mimics],
};
const MND_SENSORY: Reason = Reason {
    id: "mnd_sensory",
    text: "Sensory symptoms or signs are present: motor neuron disease spares sensation",
    cites: &[C::Kim2013Mimics],
};

/// Motor neuron disease.
pub(crate) const MOTOR_NEURON_DISEASE: &[Rule<Move>] = &[
    row(emg_denervation, Move::Raise(Likelihood::High), &MND_EMG).reading(mask(&[F::EmgWidespreadDenervation])),
    row(bulbar_with_lmn, Move::Raise(Likelihood::High), &MND_BULBAR).reading(mask(&[
        F::BulbarSymptoms,
        F::Fasciculations,
        F::LimbMuscleWasting,
    ])),
    row(fasciculations_wasting_progressing, Move::Raise(Likelihood::High), &MND_PROGRESSING).reading(mask(&[
        F::Fasciculations,
        F::LimbMuscleWasting,
        F::UnexplainedWeightLoss,
        F::PriorSpineSurgery,
    ])),
    row(mnd_features, Move::Raise(Likelihood::Moderate), &MND_FEATURES).reading(
        LEG_WEAKNESS
            | mask(&[
                F::Fasciculations,
                F::LimbMuscleWasting,
                F::UnexplainedWeightLoss,
                F::BulbarSymptoms,
                F::ArmWeakness,
            ]),
    ),
    row(sensory_without_emg, Move::Lower, &MND_SENSORY).reading(SENSORY | mask(&[F::Diabetes])),
];

/// Whether a row of [`MOTOR_NEURON_DISEASE`] can fire: every raising row needs EMG denervation,
/// bulbar symptoms, fasciculations or wasting, and the sensory row only lowers (from low, it does
/// not fire). Otherwise the table leaves the likelihood low and notes nothing, so it is not
/// applied (a test checks each guard against its table).
pub(crate) fn motor_neuron_disease_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::EmgWidespreadDenervation, F::BulbarSymptoms, F::Fasciculations, F::LimbMuscleWasting]))
}

// ---- Nutritional myelopathy: B12 (subacute combined degeneration) and copper ------------------

/// A myelopathic picture for the nutritional rules: leg upper motor neuron signs, gait disturbance,
/// dorsal-column loss or numb legs.
const CORD_PICTURE: u128 = LEG_UMN | GAIT | mask(&[F::VibrationOrPositionSenseLoss, F::LegNumbness]);
fn cord_picture(c: &Ctx<'_>) -> bool {
    c.any(CORD_PICTURE)
}
fn low_b12_or_copper(c: &Ctx<'_>) -> bool {
    (c.has(F::LowVitaminB12) || c.has(F::LowSerumCopper)) && cord_picture(c)
}
fn dorsal_column_with_brisk_reflexes(c: &Ctx<'_>) -> bool {
    c.has(F::VibrationOrPositionSenseLoss) && c.any(LEG_UMN)
}
/// Dorsal-column loss with brisk reflexes beside established cervical cord compression, with no
/// risk factor (gastric surgery) and no low B12 or copper: part of the DCM picture; B12 is tested
/// but it is not a mimic to separate before surgery.
pub(crate) fn dorsal_column_beside_compression(c: &Ctx<'_>) -> bool {
    dorsal_column_with_brisk_reflexes(c)
        && c.has(F::CervicalCordCompressionOnMri)
        && !c.has(F::PriorGastricSurgery)
        && !c.has(F::LowVitaminB12)
        && !c.has(F::LowSerumCopper)
}
fn dorsal_column_unexplained(c: &Ctx<'_>) -> bool {
    dorsal_column_with_brisk_reflexes(c) && !dorsal_column_beside_compression(c)
}
fn dorsal_column_after_gastric_surgery(c: &Ctx<'_>) -> bool {
    dorsal_column_with_brisk_reflexes(c) && c.has(F::PriorGastricSurgery)
}
fn gastric_surgery_with_cord_picture(c: &Ctx<'_>) -> bool {
    c.has(F::PriorGastricSurgery) && cord_picture(c)
}

const NUT_LOW: Reason = Reason {
    id: "nut_low",
    text: "Low vitamin B12 or copper with a myelopathic picture: nutritional myelopathy; treat, and look for the cause",
    cites: &[C::Briani2013B12, C::Jaiser2010Copper],
};
const NUT_GASTRIC: Reason = Reason {
    id: "nut_gastric",
    text: "Loss of vibration or position sense with brisk reflexes after gastric or bariatric surgery: subacute combined degeneration from B12 or copper deficiency",
    cites: &[C::Briani2013B12, C::Jaiser2010Copper],
};
const NUT_PATTERN: Reason = Reason {
    id: "nut_pattern",
    text: "Loss of vibration or position sense with brisk reflexes: the dorsal-column pattern of B12 or copper deficiency; anaemia may be absent, so test B12, methylmalonic acid, copper and a blood count",
    cites: &[C::Briani2013B12, C::Jaiser2010Copper],
};
const NUT_PATTERN_COMPRESSION: Reason = Reason {
    id: "nut_pattern_compression",
    text: "Loss of vibration or position sense with brisk reflexes beside cervical cord compression, with no gastric surgery and no low B12 or copper: dorsal-column signs are common in DCM itself (walking Romberg in 74.5% of CSM); test B12 and copper, but this alone is not a mimic to separate before surgery",
    cites: &[C::Briani2013B12, C::OswestryWalkingRomberg2011],
};
const NUT_RISK: Reason = Reason {
    id: "nut_risk",
    text:
        "Gastric or bariatric surgery with leg or gait symptoms: a risk factor for B12 and copper deficiency myelopathy",
    cites: &[C::Jaiser2010Copper],
};

/// Nutritional (B12 or copper deficiency) myelopathy.
pub(crate) const NUTRITIONAL_MYELOPATHY: &[Rule<Move>] = &[
    row(low_b12_or_copper, Move::Raise(Likelihood::High), &NUT_LOW)
        .reading(CORD_PICTURE | mask(&[F::LowVitaminB12, F::LowSerumCopper])),
    row(dorsal_column_after_gastric_surgery, Move::Raise(Likelihood::High), &NUT_GASTRIC)
        .reading(LEG_UMN | mask(&[F::VibrationOrPositionSenseLoss, F::PriorGastricSurgery])),
    row(dorsal_column_unexplained, Move::Raise(Likelihood::Moderate), &NUT_PATTERN)
        .reading(LEG_UMN | mask(&[F::VibrationOrPositionSenseLoss])),
    row(dorsal_column_beside_compression, Move::Keep, &NUT_PATTERN_COMPRESSION),
    row(gastric_surgery_with_cord_picture, Move::Raise(Likelihood::Moderate), &NUT_RISK)
        .reading(CORD_PICTURE | mask(&[F::PriorGastricSurgery])),
];

/// Whether a row of [`NUTRITIONAL_MYELOPATHY`] can fire: every row needs low B12 or copper,
/// dorsal-column loss, or gastric surgery.
pub(crate) fn nutritional_myelopathy_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::LowVitaminB12, F::LowSerumCopper, F::VibrationOrPositionSenseLoss, F::PriorGastricSurgery]))
}

// ---- Demyelinating disease: MS, NMOSD ---------------------------------------------------------

/// A cord or sensory picture for the demyelination rules: upper motor neuron signs, Lhermitte,
/// numbness, dorsal-column loss, a spastic gait or stiff legs, or leg weakness. Leg pain alone
/// (sciatica, walking leg pain) does not count: recurrent disc sciatica is the commonest relapsing
/// leg pain, and compression produces it (part 2 §3.6: MS relapses with visual symptoms or
/// symptoms above the neck).
const DEMYELINATION_PICTURE: u128 = LEG_UMN
    | ARM_UMN
    | LEG_WEAKNESS
    | mask(&[
        F::LhermitteSign,
        F::LegNumbness,
        F::HandNumbness,
        F::VibrationOrPositionSenseLoss,
        F::GaitDeviation,
        F::LegStiffness,
    ]);
fn cord_or_legs(c: &Ctx<'_>) -> bool {
    c.any(DEMYELINATION_PICTURE)
}
fn brain_lesions(c: &Ctx<'_>) -> bool {
    c.has(F::BrainMriDemyelinatingLesions) && cord_or_legs(c)
}
fn relapsing_with_visual(c: &Ctx<'_>) -> bool {
    c.course_is(Course::Relapsing) && c.has(F::VisualDisturbance)
}
fn relapsing_or_visual(c: &Ctx<'_>) -> bool {
    (c.course_is(Course::Relapsing) || c.has(F::VisualDisturbance)) && cord_or_legs(c)
}

const DEM_BRAIN: Reason = Reason {
    id: "dem_brain",
    text: "Demyelinating lesions on brain MRI with a cord picture: multiple sclerosis or NMOSD; neurology (CSF oligoclonal bands, AQP4-IgG)",
    cites: &[C::Kim2013Mimics, C::Wingerchuk2015Nmosd],
};
const DEM_RELAPSING_VISUAL: Reason = Reason {
    id: "dem_relapsing_visual",
    text: "A relapsing course with visual disturbance (optic neuritis): multiple sclerosis or NMOSD; brain MRI and neurology",
    cites: &[C::Kim2013Mimics, C::Wingerchuk2015Nmosd],
};
const DEM_ONE: Reason = Reason {
    id: "dem_one",
    text: "A relapsing course or visual disturbance with a cord picture: features of multiple sclerosis or NMOSD, which compression does not produce; brain MRI",
    cites: &[C::Kim2013Mimics, C::Wingerchuk2015Nmosd],
};

/// Demyelinating disease (multiple sclerosis, NMOSD).
pub(crate) const DEMYELINATING_DISEASE: &[Rule<Move>] = &[
    row(brain_lesions, Move::Raise(Likelihood::High), &DEM_BRAIN).reading(mask(&[F::BrainMriDemyelinatingLesions])),
    row(relapsing_with_visual, Move::Raise(Likelihood::High), &DEM_RELAPSING_VISUAL)
        .reading(mask(&[F::VisualDisturbance])),
    row(relapsing_or_visual, Move::Raise(Likelihood::Moderate), &DEM_ONE).reading(mask(&[F::VisualDisturbance])),
];

/// Whether a row of [`DEMYELINATING_DISEASE`] can fire: every row needs demyelinating lesions on
/// brain MRI, visual disturbance, or a relapsing course.
pub(crate) fn demyelinating_disease_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::BrainMriDemyelinatingLesions, F::VisualDisturbance])) || c.course_is(Course::Relapsing)
}

// ---- Hereditary spastic paraplegia ----------------------------------------------------------

/// Spastic legs with a family history, in a course that is neither relapsing nor rapid (HSP is
/// insidious, without exacerbations or step-wise worsening).
fn familial_spastic_legs(c: &Ctx<'_>) -> bool {
    c.has(F::FamilyHistorySimilarDisorder) && c.any(SPASTIC_LEGS) && !c.course_is(Course::Relapsing) && !c.rapid()
}
fn familial_no_compression(c: &Ctx<'_>) -> bool {
    familial_spastic_legs(c) && cervical_mri_clear(c) && !c.has(F::ThoracicCordCompressionOnMri)
}
fn familial_not_imaged(c: &Ctx<'_>) -> bool {
    familial_spastic_legs(c) && !familial_no_compression(c)
}

const HSP_NO_COMPRESSION: Reason = Reason {
    id: "hsp_no_compression",
    text: "Spastic legs with a family history, not rapidly progressive or relapsing, and no cord compression on MRI: hereditary spastic paraplegia (an insidious, slowly progressive disorder); neurology and genetic testing",
    cites: &[C::Hensiek2015Hsp, C::Kim2013Mimics],
};
const HSP_FAMILY: Reason = Reason {
    id: "hsp_family",
    text: "Spastic legs with a family history of a similar disorder, not rapidly progressive or relapsing: consider hereditary spastic paraplegia (a normal spine MRI and genetic testing separate it)",
    cites: &[C::Hensiek2015Hsp],
};

/// Hereditary spastic paraplegia.
pub(crate) const HEREDITARY_SPASTIC_PARAPLEGIA: &[Rule<Move>] = &[
    row(familial_no_compression, Move::Raise(Likelihood::High), &HSP_NO_COMPRESSION)
        .reading(SPASTIC_LEGS | mask(&[F::FamilyHistorySimilarDisorder])),
    row(familial_not_imaged, Move::Raise(Likelihood::Moderate), &HSP_FAMILY)
        .reading(SPASTIC_LEGS | mask(&[F::FamilyHistorySimilarDisorder])),
];

/// Whether a row of [`HEREDITARY_SPASTIC_PARAPLEGIA`] can fire: every row needs the family
/// history.
pub(crate) fn hereditary_spastic_paraplegia_may_fire(c: &Ctx<'_>) -> bool {
    c.has(F::FamilyHistorySimilarDisorder)
}

// ---- Normal pressure hydrocephalus --------------------------------------------------------------

/// NPH is insidious, lasting at least 3-6 months (part 2 §3.4 [44]): not raised on a rapidly
/// progressive course.
fn nph_with_imaging(c: &Ctx<'_>) -> bool {
    c.any(GAIT)
        && (c.has(F::CognitiveDecline) || c.has(F::BladderDysfunction))
        && c.has(F::VentriculomegalyOnImaging)
        && !c.rapid()
}
fn gait_with_cognition(c: &Ctx<'_>) -> bool {
    c.any(GAIT) && c.has(F::CognitiveDecline) && !c.rapid()
}

const NPH_IMAGING: Reason = Reason {
    id: "nph_imaging",
    text: "Gait disturbance with cognitive decline or urinary incontinence and enlarged ventricles: normal pressure hydrocephalus; neurology (tap test)",
    cites: &[C::Verrees2004Nph],
};
const NPH_TRIAD: Reason = Reason {
    id: "nph_triad",
    text: "Gait disturbance with cognitive decline: consider normal pressure hydrocephalus; brain imaging (Evans index above 0.3)",
    cites: &[C::Verrees2004Nph],
};

/// Normal pressure hydrocephalus.
pub(crate) const NORMAL_PRESSURE_HYDROCEPHALUS: &[Rule<Move>] = &[
    row(nph_with_imaging, Move::Raise(Likelihood::High), &NPH_IMAGING)
        .reading(GAIT | mask(&[F::CognitiveDecline, F::BladderDysfunction, F::VentriculomegalyOnImaging])),
    row(gait_with_cognition, Move::Raise(Likelihood::Moderate), &NPH_TRIAD)
        .reading(GAIT | mask(&[F::CognitiveDecline])),
];

/// Whether a row of [`NORMAL_PRESSURE_HYDROCEPHALUS`] can fire: every row needs enlarged
/// ventricles or cognitive decline.
pub(crate) fn normal_pressure_hydrocephalus_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::VentriculomegalyOnImaging, F::CognitiveDecline]))
}

// ---- Spinal dural arteriovenous fistula ----------------------------------------------------------

fn flow_voids(c: &Ctx<'_>) -> bool {
    c.has(F::CordFlowVoidsOnMri)
}
/// The fistula pattern: a worsening gait or leg cord signs, leg numbness and bladder symptoms.
fn sdavf_picture(c: &Ctx<'_>) -> bool {
    c.worsening() && (c.any(GAIT) || c.any(LEG_UMN)) && c.has(F::BladderDysfunction) && c.has(F::LegNumbness)
}
/// Upper motor neuron or myelopathy-hand signs in the arms: a thoracic or lumbar lesion cannot
/// produce them (clinical-evidence-2.md §2.5), and fistulas lie mostly from T7 down (§2.3).
const ARM_CORD_SIGNS: u128 = ARM_UMN | HAND_SIGNS;
/// The pattern in a man, or with the sex not recorded (unknown is not "not male"), unless cord
/// signs in the arms put the lesion in the neck and the cervical MRI has not been reported clear.
fn sdavf_pattern(c: &Ctx<'_>) -> bool {
    sdavf_picture(c) && c.p.sex() != Some(Sex::Female) && (!c.any(ARM_CORD_SIGNS) || cervical_mri_clear(c))
}
/// The pattern in a woman (a minority of fistulas) once the cervical MRI shows no compression.
fn sdavf_pattern_woman_neck_clear(c: &Ctx<'_>) -> bool {
    sdavf_picture(c) && c.p.sex() == Some(Sex::Female) && cervical_mri_clear(c)
}
fn worse_after_lumbar_decompression_with_cord_signs(c: &Ctx<'_>) -> bool {
    deterioration_after_decompression(c) && lumbar_stenosis_known(c) && c.any(LEG_UMN)
}

const SDAVF_FLOW_VOIDS: Reason = Reason {
    id: "sdavf_flow_voids",
    text: "Dilated perimedullary vessels on MRI: spinal dural arteriovenous fistula; spinal angiography is the gold standard; delay harms (96% gained disability while misdiagnosed)",
    cites: &[C::Jeng2015Sdavf, C::Brinjikji2016Sdavf],
};
const SDAVF_PATTERN: Reason = Reason {
    id: "sdavf_pattern",
    text: "A worsening gait, leg numbness and bladder symptoms (sex male or not recorded), with no upper motor neuron or myelopathy-hand sign in the arms or no compression on cervical MRI: the pattern of a spinal dural arteriovenous fistula, often first taken for lumbar stenosis; thoracic MRI with contrast",
    cites: &[C::Brinjikji2016Sdavf, C::Jeng2015Sdavf],
};
const SDAVF_PATTERN_WOMAN: Reason = Reason {
    id: "sdavf_pattern_woman",
    text: "A worsening gait, leg numbness and bladder symptoms in a woman, with no cord compression on cervical MRI: fistulas are mostly in men but not only, and this is their pattern, often first taken for lumbar stenosis; thoracic MRI with contrast",
    cites: &[C::Brinjikji2016Sdavf, C::Jeng2015Sdavf],
};
const SDAVF_AFTER_SURGERY: Reason = Reason {
    id: "sdavf_after_surgery",
    text: "Leg cord signs with a worsening course after prior spine surgery, with lumbar stenosis known: a spinal dural arteriovenous fistula can pass for lumbar stenosis that surgery does not help",
    cites: &[C::Jeng2015Sdavf, C::Brinjikji2016Sdavf],
};

/// Spinal dural arteriovenous fistula.
pub(crate) const SPINAL_DURAL_AV_FISTULA: &[Rule<Move>] = &[
    row(flow_voids, Move::Settle(Likelihood::High), &SDAVF_FLOW_VOIDS).reading(mask(&[F::CordFlowVoidsOnMri])),
    row(sdavf_pattern, Move::Raise(Likelihood::Moderate), &SDAVF_PATTERN)
        .reading(GAIT | LEG_UMN | mask(&[F::BladderDysfunction, F::LegNumbness])),
    row(sdavf_pattern_woman_neck_clear, Move::Raise(Likelihood::Moderate), &SDAVF_PATTERN_WOMAN)
        .reading(GAIT | LEG_UMN | mask(&[F::BladderDysfunction, F::LegNumbness])),
    row(worse_after_lumbar_decompression_with_cord_signs, Move::Raise(Likelihood::Moderate), &SDAVF_AFTER_SURGERY)
        .reading(LEG_UMN | mask(&[F::PriorSpineSurgery, F::KnownLumbarStenosis, F::LumbarStenosisOnImaging])),
];

/// Whether a row of [`SPINAL_DURAL_AV_FISTULA`] can fire: every row needs flow voids, prior spine
/// surgery, or bladder symptoms with leg numbness.
pub(crate) fn spinal_dural_av_fistula_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::CordFlowVoidsOnMri, F::PriorSpineSurgery]))
        || (c.has(F::BladderDysfunction) && c.has(F::LegNumbness))
}

/// The mimics whose features raise the `mimic_features_present` warning.
pub(crate) const MIMICS: [Condition; 6] = [
    Condition::MotorNeuronDisease,
    Condition::NutritionalMyelopathy,
    Condition::DemyelinatingDisease,
    Condition::HereditarySpasticParaplegia,
    Condition::NormalPressureHydrocephalus,
    Condition::SpinalDuralAvFistula,
];

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    [
        MOTOR_NEURON_DISEASE,
        NUTRITIONAL_MYELOPATHY,
        DEMYELINATING_DISEASE,
        HEREDITARY_SPASTIC_PARAPLEGIA,
        NORMAL_PRESSURE_HYDROCEPHALUS,
        SPINAL_DURAL_AV_FISTULA,
    ]
    .into_iter()
    .flatten()
    .map(|r| r.because)
}
