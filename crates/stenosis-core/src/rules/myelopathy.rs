//! Degenerative cervical myelopathy: the Cook clinical prediction rule, the upper motor neuron
//! picture, and what cervical imaging shows.
//!
//! Guidelines: AO Spine / Fehlings 2017 ("a myelopathic sign or symptom" with cord compression
//! on MRI is DCM; MRI is the imaging of choice); the seed's indications for cervical imaging
//! (bilateral leg symptoms without clear lumbar pathology, progressive weakness or gait
//! disturbance, upper motor neuron signs, bladder dysfunction with leg symptoms); Cook 2010 (3 or
//! more of 5 items rule in, 0 of 5 rule out).
//!
//! The likelihood starts low and each row of [`MYELOPATHY`] that holds raises it (never lowered by
//! adding a sign); then imaging sets it where a cervical MRI is reported, or a fully assessed Cook
//! rule of 0 of 5 lowers it one step.

use super::engine::{self, Move, Rule};
use super::facts::{
    mask, mjoa_deficit, umn_count, worsening_motor_deficit, Ctx, LEG_MOTOR_PICTURE, LEG_SYMPTOMS, LEG_WEAKNESS,
    UMN_SIGNS,
};
use super::{CervicalImaging, Reason, Target, Trace};
use crate::citations::CitationId as C;
use crate::vocab::{Condition, Finding as F, Likelihood};

/// Pre-test probability the Cook 2010 likelihood ratios are applied to: the myelopathy prevalence
/// of its derivation cohort (88 of 249 patients with cervical spine complaints, 35.3%).
pub(crate) const COOK_PRETEST_PROBABILITY: f64 = 0.353;
/// Cook 2010: 3 or more of 5 findings positive, LR+ 30.9 (95% CI 5.5-181.8).
pub(crate) const COOK_RULE_IN_LR: f64 = 30.9;
/// Cook 2010: 0 of 5 findings positive (rule-out use of ">= 1 of 5"), LR- 0.18 (0.12-0.42).
pub(crate) const COOK_RULE_OUT_LR: f64 = 0.18;
/// The rule-in threshold and ratio as the assessment states them (`post_test.rule`).
pub(crate) const COOK_RULE_IN_TEXT: &str = "3 or more of 5 positive (LR+ 30.9, 95% CI 5.5-181.8)";
/// The rule-out threshold and ratio as the assessment states them (`post_test.rule`).
pub(crate) const COOK_RULE_OUT_TEXT: &str = "0 of 5 positive with all 5 assessed (LR- 0.18, 95% CI 0.12-0.42)";
/// Where the pre-test probability comes from (`post_test.pre_test_basis`).
pub(crate) const COOK_PRETEST_BASIS: &str = "Myelopathy prevalence in the Cook 2010 derivation cohort (88 of 249 patients with cervical spine complaints); adjust for your setting";
/// Cook 2010: items positive from which the rule rules in.
pub(crate) const COOK_RULE_IN_MIN: u8 = 3;
/// Cook 2010: the fifth item is an age over this many years.
pub(crate) const COOK_AGE_OVER: u8 = 45;

/// The Cook et al. 2010 clinical prediction rule count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CookRule {
    /// Items present.
    pub positive: u8,
    /// Items assessed (present or absent; age known).
    pub assessed: u8,
}

/// The four examination items of the rule; the fifth is [`cook_age_item`].
pub(crate) const COOK_ITEMS: [F; 4] = [F::GaitDeviation, F::HoffmannSign, F::InvertedSupinatorSign, F::BabinskiSign];

/// The age item of the Cook rule: `None` when age is not given, else whether it is over 45.
pub(crate) fn cook_age_item(age_years: Option<u8>) -> Option<bool> {
    age_years.map(|a| a > COOK_AGE_OVER)
}

/// Cook 2010: gait deviation, Hoffmann, inverted supinator, Babinski, age > 45; one point each.
pub(crate) fn cook_rule(c: &Ctx<'_>) -> CookRule {
    let mut positive = 0u8;
    let mut assessed = 0u8;
    for item in COOK_ITEMS {
        positive += u8::from(c.has(item));
        assessed += u8::from(c.known(item));
    }
    if let Some(over) = cook_age_item(c.p.age_years()) {
        assessed += 1;
        positive += u8::from(over);
    }
    CookRule { positive, assessed }
}

/// What the cervical MRI says, if one was reported.
pub(crate) fn cervical_imaging(c: &Ctx<'_>) -> CervicalImaging {
    if c.has(F::CervicalCordCompressionOnMri) {
        CervicalImaging::Compression
    } else if c.has(F::CervicalCordSignalChangeOnMri) {
        if c.lacks(F::CervicalCordCompressionOnMri) {
            CervicalImaging::SignalWithoutCompression
        } else {
            // Signal change reported and compression not mentioned: intramedullary signal change
            // in this setting is a sign of compressive myelopathy.
            CervicalImaging::Compression
        }
    } else if c.lacks(F::CervicalCordCompressionOnMri) {
        CervicalImaging::NoCompression
    } else {
        CervicalImaging::NotImaged
    }
}

/// Signs or symptoms of cord dysfunction that no lumbar, peripheral or vascular cause produces
/// (the "myelopathic picture" of the AO Spine guideline).
const MYELOPATHIC_PICTURE: u128 = UMN_SIGNS
    | mask(&[
        F::GaitDeviation,
        F::HandIntrinsicAtrophy,
        F::FingerEscapeSign,
        F::GripReleaseSlowed,
        F::HandClumsiness,
        F::LegStiffness,
        F::WorseWithNeckExtension,
        F::LhermitteSign,
    ]);

/// Leg and sphincter symptoms that fit myelopathy but that a clear alternative explanation
/// (high-likelihood lumbar stenosis, neuropathy, arterial disease or cauda equina) also explains.
const NONSPECIFIC_PICTURE: u128 = mask(&[
    F::BilateralLegSymptoms,
    F::LegWeakness,
    F::LegWeaknessOnExam,
    F::GaitDifficulty,
    F::Falls,
    F::RombergSign,
    F::BladderDysfunction,
    F::BowelDysfunction,
]);

/// Every finding [`clinical_myelopathy`] reads.
const CLINICAL_MYELOPATHY: u128 = MYELOPATHIC_PICTURE | NONSPECIFIC_PICTURE | mask(&[F::HandNumbness]);

/// True when any myelopathic sign or symptom is present; nonspecific leg and sphincter symptoms
/// count unless a clear alternative explains them (`clear_alternative`, whether or not the exam is
/// done: with the exam pending, compression beside explained legs is the moderate
/// [`compression_exam_pending`], not the clinical-radiological picture), and numb hands only
/// without stocking-glove sensory loss (cord compression without myelopathy is common: Nouri 2022).
pub(crate) fn clinical_myelopathy(c: &Ctx<'_>) -> bool {
    c.any(MYELOPATHIC_PICTURE)
        || (c.has(F::HandNumbness) && !c.has(F::StockingGloveSensoryLoss))
        || (!c.clear_alternative && c.any(NONSPECIFIC_PICTURE))
}

// ---- Predicates ------------------------------------------------------------------------------

fn cook_rules_in(c: &Ctx<'_>) -> bool {
    c.d.cook.positive >= COOK_RULE_IN_MIN
}
fn several_umn_signs(c: &Ctx<'_>) -> bool {
    umn_count(c) >= 2
}
fn one_umn_sign(c: &Ctx<'_>) -> bool {
    umn_count(c) == 1
}
fn hand_signs_with_legs(c: &Ctx<'_>) -> bool {
    (c.has(F::FingerEscapeSign) || c.has(F::GripReleaseSlowed)) && (c.any(LEG_MOTOR_PICTURE) || c.any(LEG_SYMPTOMS))
}
/// A lower motor neuron pattern with nothing in the arms points away from the cord.
fn lmn_without_arm_signs(c: &Ctx<'_>) -> bool {
    use super::localisation::{lmn_pattern, ARM_UMN, HAND_SIGNS};
    lmn_pattern(c)
        && !c.any(ARM_UMN | HAND_SIGNS)
        && !c.any(mask(&[F::HandClumsiness, F::HandNumbness, F::ArmWeakness]))
}
/// Cervical myelopathy produces neither bulbar symptoms nor widespread EMG denervation.
fn bulbar_or_widespread_denervation(c: &Ctx<'_>) -> bool {
    c.has(F::BulbarSymptoms) || c.has(F::EmgWidespreadDenervation)
}
fn gait_deviation(c: &Ctx<'_>) -> bool {
    c.has(F::GaitDeviation)
}
fn clumsy_hands_with_leg_motor(c: &Ctx<'_>) -> bool {
    c.has(F::HandClumsiness) && c.any(LEG_MOTOR_PICTURE)
}
fn numb_hands_with_legs_no_stocking(c: &Ctx<'_>) -> bool {
    c.has(F::HandNumbness) && (c.any(LEG_MOTOR_PICTURE) || c.has(F::LegNumbness)) && !c.has(F::StockingGloveSensoryLoss)
}
fn hand_atrophy_with_leg_motor(c: &Ctx<'_>) -> bool {
    c.has(F::HandIntrinsicAtrophy) && c.any(LEG_MOTOR_PICTURE)
}
fn leg_stiffness(c: &Ctx<'_>) -> bool {
    c.has(F::LegStiffness)
}
fn neck_extension_with_legs(c: &Ctx<'_>) -> bool {
    c.has(F::WorseWithNeckExtension) && c.any(LEG_SYMPTOMS)
}
fn bladder_with_legs(c: &Ctx<'_>) -> bool {
    c.has(F::BladderDysfunction) && c.any(LEG_SYMPTOMS)
}
fn bilateral_unexplained(c: &Ctx<'_>) -> bool {
    c.has(F::BilateralLegSymptoms) && !c.clear_alternative
}
fn weakness_without_back_pain(c: &Ctx<'_>) -> bool {
    c.any(LEG_WEAKNESS) && c.lacks(F::SignificantBackPain) && !c.clear_alternative
}
fn compression_reported_with_myelopathy(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::Compression && clinical_myelopathy(c) && c.has(F::CervicalCordCompressionOnMri)
}
fn signal_change_with_myelopathy(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::Compression && clinical_myelopathy(c) && !c.has(F::CervicalCordCompressionOnMri)
}
fn compression_without_myelopathy_unexplained(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::Compression
        && !clinical_myelopathy(c)
        && c.any(LEG_SYMPTOMS)
        && !c.clear_alternative
}
/// Compression on MRI beside leg or sphincter symptoms that a clear alternative explains, the upper
/// motor neuron examination not done: whether the compression is myelopathic is what the exam
/// decides (SPEC v2: nothing that needs the exam is concluded while it is unknown).
fn compression_exam_pending(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::Compression
        && !clinical_myelopathy(c)
        && c.any(NONSPECIFIC_PICTURE)
        && c.clear_alternative
        && !c.umn_exam_done
}
fn signal_without_compression(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::SignalWithoutCompression
}
/// Signs that a neutral MRI without compression does not settle (dynamic compression).
fn signs_beyond_neutral_mri(c: &Ctx<'_>) -> bool {
    c.any(UMN_SIGNS) || c.has(F::GaitDeviation) || c.has(F::WorseWithNeckExtension)
}
fn mri_negative_with_signs(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NoCompression && signs_beyond_neutral_mri(c)
}
fn mri_negative_without_signs(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NoCompression && !signs_beyond_neutral_mri(c)
}
/// The rule-out ratio was derived on the Cook items alone: it does not override hyperreflexia or
/// clonus, which are not among them.
fn cook_rules_out_unimaged(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NotImaged
        && c.d.cook.assessed == 5
        && c.d.cook.positive == 0
        && c.count(UMN_SIGNS) == 0
}

// ---- Reasons ---------------------------------------------------------------------------------

const COOK_RULE_IN: Reason = Reason {
    id: "cook_rule_in",
    text: "Cook clinical prediction rule 3 or more of 5 positive (gait deviation, Hoffmann, inverted supinator, Babinski, age > 45): LR+ 30.9",
    cites: &[C::Cook2010Cpr],
};
const SEVERAL_UMN_SIGNS: Reason = Reason {
    id: "several_umn_signs",
    text: "Two or more upper motor neuron signs: each is specific for myelopathy, and upper motor neuron signs in the legs place the lesion above L1",
    cites: &[C::Bentley2001, C::Jiang2024Signs, C::Seed],
};
const ONE_UMN_SIGN: Reason = Reason {
    id: "one_umn_sign",
    text: "An upper motor neuron sign is present: specific but insensitive for myelopathy, and not produced by lumbar or peripheral disease",
    cites: &[C::Cook2011Review, C::Jiang2024Signs, C::Seed],
};
const GAIT_DEVIATION: Reason = Reason {
    id: "gait_deviation",
    text: "Spastic or wide-based gait on examination (Cook rule item; a key myelopathy finding in the seed)",
    cites: &[C::Cook2010Cpr, C::Seed],
};
const HAND_CLUMSINESS: Reason = Reason {
    id: "hand_clumsiness",
    text: "Clumsy hands with a leg motor picture: hand incoordination has specificity 0.92 for DCM and points to a cervical level",
    cites: &[C::Sharma2025],
};
const HAND_NUMBNESS: Reason = Reason {
    id: "hand_numbness",
    text:
        "Numb hands with leg symptoms and no stocking-glove loss: altered hand sensation has specificity 0.90 for DCM",
    cites: &[C::Sharma2025, C::Jiang2024Symptoms],
};
const HAND_ATROPHY: Reason = Reason {
    id: "hand_atrophy",
    text: "Intrinsic hand wasting (myelopathy hand) with a leg motor picture",
    cites: &[C::Seed, C::Jiang2024Signs],
};
const HAND_SIGNS: Reason = Reason {
    id: "hand_signs",
    text: "Finger escape or slowed grip-and-release: signs of the myelopathy hand that distinguish cord damage from root or nerve disorders (grip screen LR+ 4.03)",
    cites: &[C::Ono1987, C::Kobayashi2022Grip],
};
const LMN_LOWERS: Reason = Reason {
    id: "lmn_lowers",
    text: "Lower motor neuron pattern (reduced knee or ankle reflexes or flaccid tone with leg weakness, no upper motor neuron sign): it points to the roots, cauda equina or nerves rather than the cord",
    cites: &[C::Kessler2022Lmn, C::Todd2016Ces],
};
const BULBAR_OR_EMG_LOWERS: Reason = Reason {
    id: "bulbar_or_emg_lowers",
    text: "Bulbar symptoms or widespread EMG denervation: cervical myelopathy produces neither (think of motor neuron disease)",
    cites: &[C::Wijesekera2009Als],
};
const SPASTICITY: Reason = Reason {
    id: "spasticity",
    text: "Leg stiffness or spasticity is a leg presentation of cervical cord compression",
    cites: &[C::Seed, C::Davies2018Bmj],
};
const NECK_EXTENSION: Reason = Reason {
    id: "neck_extension",
    text: "Leg symptoms worse with neck extension: extension narrows the cervical canal and worsens cord compression (no accuracy figure published)",
    cites: &[C::Seed, C::Shin2024],
};
const PROGRESSIVE_WEAKNESS: Reason = Reason {
    id: "progressive_weakness",
    text: "Progressive leg weakness or gait disturbance, with or without arm symptoms, is an indication for cervical imaging (gait impairment is present in 72% of DCM)",
    cites: &[C::Seed, C::Jiang2024Symptoms],
};
const MJOA_DEFICIT: Reason = Reason {
    id: "mjoa_deficit",
    text: "An mJOA of 14 or less (moderate or severe range) records a myelopathy disability that needs explaining",
    cites: &[C::Tetreault2017Mjoa, C::Fehlings2017Guideline],
};
const SIGNAL_WITHOUT_COMPRESSION: Reason = Reason {
    id: "signal_without_compression",
    text: "Intramedullary cord signal change on MRI without reported compression: a cord lesion that needs specialist work-up (dynamic compression in extension, or a non-degenerative cause)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const COMPRESSION_BY_SIGNAL: Reason = Reason {
    id: "compression_by_signal",
    text: "Intramedullary T2 signal change of the cervical cord on MRI with a myelopathic sign or symptom",
    cites: &[C::Fehlings2017Guideline, C::RothAcrMyelopathy, C::Rhee2009],
};
const BLADDER_WITH_LEGS: Reason = Reason {
    id: "bladder_with_legs",
    text: "Bladder dysfunction alongside leg symptoms: reported in 38% of DCM and an indication for cervical imaging",
    cites: &[C::Seed, C::Jiang2024Symptoms],
};
const BILATERAL_UNEXPLAINED: Reason = Reason {
    id: "bilateral_unexplained",
    text: "Bilateral leg symptoms without a clear lumbar (or other) explanation are an indication for cervical imaging",
    cites: &[C::Seed, C::Davies2018Bmj],
};
const WEAKNESS_WITHOUT_BACK_PAIN: Reason = Reason {
    id: "weakness_without_back_pain",
    text: "Leg weakness without significant back pain is a key finding for myelopathy rather than lumbar disease",
    cites: &[C::Seed, C::Langfitt1967],
};
const COMPRESSION_WITH_MYELOPATHY: Reason = Reason {
    id: "compression_with_myelopathy",
    text:
        "Cervical cord compression on MRI with a myelopathic sign or symptom: the clinical-radiological picture of DCM",
    cites: &[C::Fehlings2017Guideline, C::RothAcrMyelopathy],
};
const COMPRESSION_ONLY: Reason = Reason {
    id: "compression_only",
    text: "Cervical cord compression on MRI without a myelopathic sign or symptom: it may explain the leg symptoms (false-localising pain), but compression without myelopathy is common (24% of adults)",
    cites: &[C::Langfitt1967, C::Nouri2022],
};
const COMPRESSION_EXAM_PENDING: Reason = Reason {
    id: "compression_exam_pending",
    text: "Cervical cord compression on MRI beside leg symptoms that another condition explains: whether the compression is myelopathic needs the upper motor neuron examination (compression without myelopathy is common: 24% of adults)",
    cites: &[C::Nouri2022, C::Fehlings2017Guideline],
};
const MRI_WITHOUT_COMPRESSION: Reason = Reason {
    id: "mri_without_compression",
    text: "Cervical MRI without cord compression makes degenerative cervical myelopathy unlikely",
    cites: &[C::Fehlings2017Guideline, C::RothAcrMyelopathy],
};
const MRI_NEGATIVE_DYNAMIC: Reason = Reason {
    id: "mri_negative_dynamic",
    text: "No compression on a neutral cervical MRI, but upper motor neuron signs or extension-provoked symptoms remain: compression can appear only in extension",
    cites: &[C::Shin2024],
};
const COOK_RULE_OUT: Reason = Reason {
    id: "cook_rule_out",
    text: "Cook clinical prediction rule 0 of 5 with all items assessed: LR- 0.18 lowers the likelihood of myelopathy",
    cites: &[C::Cook2010Cpr],
};

// ---- The table -------------------------------------------------------------------------------

const fn row(when: fn(&Ctx<'_>) -> bool, then: Move, because: &'static Reason) -> Rule<Move> {
    Rule { when, then, because, reads: 0 }
}

/// Under 18 years old (recorded).
pub(crate) fn child(c: &Ctx<'_>) -> bool {
    c.p.age_years().is_some_and(|a| a < 18)
}
fn child_with_cord_or_leg_picture(c: &Ctx<'_>) -> bool {
    child(c) && (c.any(MYELOPATHIC_PICTURE) || c.any(LEG_SYMPTOMS))
}

const CHILD: Reason = Reason {
    id: "child",
    text: "Under 18: the evidence for degenerative cervical myelopathy is in adults (it is considered over 50), so a degenerative cause is unlikely in a child; this likelihood is of a cord lesion, which needs spinal MRI and neurology (the evidence digests give no paediatric evidence)",
    cites: &[C::Davies2018Bmj, C::Kim2013Mimics],
};

/// How likely degenerative cervical myelopathy is: the clinical picture, then imaging, then the
/// Cook rule-out.
pub(crate) const MYELOPATHY: &[Rule<Move>] = &[
    // The clinical picture raises it.
    row(cook_rules_in, Move::Raise(Likelihood::High), &COOK_RULE_IN).reading(mask(&COOK_ITEMS)),
    row(several_umn_signs, Move::Raise(Likelihood::High), &SEVERAL_UMN_SIGNS).reading(UMN_SIGNS),
    row(one_umn_sign, Move::Raise(Likelihood::Moderate), &ONE_UMN_SIGN).reading(UMN_SIGNS),
    row(gait_deviation, Move::Raise(Likelihood::Moderate), &GAIT_DEVIATION).reading(mask(&[F::GaitDeviation])),
    row(clumsy_hands_with_leg_motor, Move::Raise(Likelihood::Moderate), &HAND_CLUMSINESS)
        .reading(mask(&[F::HandClumsiness]) | LEG_MOTOR_PICTURE),
    row(numb_hands_with_legs_no_stocking, Move::Raise(Likelihood::Moderate), &HAND_NUMBNESS)
        .reading(mask(&[F::HandNumbness, F::LegNumbness]) | LEG_MOTOR_PICTURE),
    row(hand_atrophy_with_leg_motor, Move::Raise(Likelihood::Moderate), &HAND_ATROPHY)
        .reading(mask(&[F::HandIntrinsicAtrophy]) | LEG_MOTOR_PICTURE),
    row(hand_signs_with_legs, Move::Raise(Likelihood::Moderate), &HAND_SIGNS)
        .reading(mask(&[F::FingerEscapeSign, F::GripReleaseSlowed]) | LEG_MOTOR_PICTURE | LEG_SYMPTOMS),
    row(leg_stiffness, Move::Raise(Likelihood::Moderate), &SPASTICITY).reading(mask(&[F::LegStiffness])),
    row(neck_extension_with_legs, Move::Raise(Likelihood::Moderate), &NECK_EXTENSION)
        .reading(mask(&[F::WorseWithNeckExtension]) | LEG_SYMPTOMS),
    row(worsening_motor_deficit, Move::Raise(Likelihood::Moderate), &PROGRESSIVE_WEAKNESS).reading(
        LEG_WEAKNESS
            | LEG_MOTOR_PICTURE
            | super::localisation::ARM_UMN
            | super::localisation::HAND_SIGNS
            | super::localisation::LEG_UMN
            | super::localisation::CES_CARDINAL
            | super::localisation::ROOT_PICTURE
            | super::facts::UMN_SIGNS
            | mask(&[
                F::TruncalSensoryLevel,
                F::GaitDeviation,
                F::HandClumsiness,
                F::HandNumbness,
                F::ArmWeakness,
                F::CervicalCordCompressionOnMri,
            ]),
    ),
    row(mjoa_deficit, Move::Raise(Likelihood::Moderate), &MJOA_DEFICIT),
    row(bladder_with_legs, Move::Raise(Likelihood::Moderate), &BLADDER_WITH_LEGS)
        .reading(mask(&[F::BladderDysfunction]) | LEG_SYMPTOMS),
    row(bilateral_unexplained, Move::Raise(Likelihood::Moderate), &BILATERAL_UNEXPLAINED)
        .reading(mask(&[F::BilateralLegSymptoms])),
    row(weakness_without_back_pain, Move::Raise(Likelihood::Moderate), &WEAKNESS_WITHOUT_BACK_PAIN)
        .reading(LEG_WEAKNESS | mask(&[F::SignificantBackPain])),
    // Imaging, where a cervical MRI is reported.
    row(compression_reported_with_myelopathy, Move::Raise(Likelihood::High), &COMPRESSION_WITH_MYELOPATHY)
        .reading(mask(&[F::CervicalCordCompressionOnMri]) | CLINICAL_MYELOPATHY),
    row(signal_change_with_myelopathy, Move::Raise(Likelihood::High), &COMPRESSION_BY_SIGNAL)
        .reading(mask(&[F::CervicalCordSignalChangeOnMri]) | CLINICAL_MYELOPATHY),
    row(compression_without_myelopathy_unexplained, Move::Raise(Likelihood::Moderate), &COMPRESSION_ONLY)
        .reading(mask(&[F::CervicalCordCompressionOnMri, F::CervicalCordSignalChangeOnMri]) | LEG_SYMPTOMS),
    row(compression_exam_pending, Move::Raise(Likelihood::Moderate), &COMPRESSION_EXAM_PENDING).reading(
        mask(&[F::CervicalCordCompressionOnMri, F::CervicalCordSignalChangeOnMri, F::StockingGloveSensoryLoss])
            | CLINICAL_MYELOPATHY,
    ),
    row(signal_without_compression, Move::Raise(Likelihood::Moderate), &SIGNAL_WITHOUT_COMPRESSION)
        .reading(mask(&[F::CervicalCordSignalChangeOnMri])),
    row(mri_negative_with_signs, Move::Cap(Likelihood::Moderate), &MRI_NEGATIVE_DYNAMIC)
        .reading(mask(&[F::CervicalCordCompressionOnMri])),
    row(mri_negative_without_signs, Move::Set(Likelihood::Low), &MRI_WITHOUT_COMPRESSION)
        .reading(mask(&[F::CervicalCordCompressionOnMri])),
    // Without imaging, a fully assessed Cook rule of 0 of 5 lowers it one step.
    row(cook_rules_out_unimaged, Move::Lower, &COOK_RULE_OUT).reading(mask(&COOK_ITEMS)),
    // Version 2: patterns that point away from the cervical cord.
    row(lmn_without_arm_signs, Move::Lower, &LMN_LOWERS).reading(mask(&[
        F::ReducedKneeReflexes,
        F::ReducedAnkleReflexes,
        F::ReducedLegTone,
    ])),
    row(bulbar_or_widespread_denervation, Move::Lower, &BULBAR_OR_EMG_LOWERS)
        .reading(mask(&[F::BulbarSymptoms, F::EmgWidespreadDenervation])),
    // A child: the likelihood stands, its reading is noted (a judgement; no paediatric evidence).
    row(child_with_cord_or_leg_picture, Move::Keep, &CHILD),
];

/// The myelopathy phase: applies [`MYELOPATHY`]; established DCM is compression on MRI with a
/// myelopathic picture.
pub(crate) fn likelihood<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    let (l, fired) = engine::likelihood(MYELOPATHY, c, Target::Myelopathy, t);
    c.d.myelopathy = l;
    c.d.set_condition(Condition::CervicalMyelopathy, l, fired);
    c.d.dcm_established = c.d.imaging == CervicalImaging::Compression && established_picture(c);
}

/// The clinical picture that makes compression on MRI established DCM: as
/// [`clinical_myelopathy`], except that nonspecific leg and sphincter symptoms that a clear
/// alternative explains do not establish it even before the examination (compression without
/// myelopathy is common: 24 % of adults, 35 % over 60); until the exam is done the pathway says to
/// complete it.
fn established_picture(c: &Ctx<'_>) -> bool {
    c.any(MYELOPATHIC_PICTURE)
        || (c.has(F::HandNumbness) && !c.has(F::StockingGloveSensoryLoss))
        || (!c.clear_alternative && c.any(NONSPECIFIC_PICTURE))
}

engine::check_table_len!(MYELOPATHY);

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    MYELOPATHY.iter().map(|r| r.because)
}
