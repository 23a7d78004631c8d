//! Degenerative cervical myelopathy: the Cook clinical prediction rule, the upper motor neuron
//! picture, and what cervical imaging shows.

use super::{
    mjoa_deficit, worsening_motor_deficit, CervicalImaging, Facts, Reason, Target, Trace, LEG_MOTOR_PICTURE,
    LEG_SYMPTOMS, LEG_WEAKNESS, UMN_SIGNS,
};
use crate::citations::CitationId as C;
use crate::vocab::{Course, Finding as F, Likelihood};

/// Pre-test probability the Cook 2010 likelihood ratios are applied to: the myelopathy prevalence
/// of its derivation cohort (88 of 249 patients with cervical spine complaints, 35.3%).
pub(crate) const COOK_PRETEST_PROBABILITY: f64 = 0.353;
/// Cook 2010: 3 or more of 5 findings positive, LR+ 30.9 (95% CI 5.5-181.8).
pub(crate) const COOK_RULE_IN_LR: f64 = 30.9;
/// Cook 2010: 0 of 5 findings positive (rule-out use of ">= 1 of 5"), LR- 0.18 (0.12-0.42).
pub(crate) const COOK_RULE_OUT_LR: f64 = 0.18;

/// The Cook et al. 2010 clinical prediction rule count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CookRule {
    /// Items present.
    pub positive: u8,
    /// Items assessed (present or absent; age known).
    pub assessed: u8,
}

/// The four examination items of the rule; the fifth is age over 45.
pub(crate) const COOK_ITEMS: [F; 4] = [F::GaitDeviation, F::HoffmannSign, F::InvertedSupinatorSign, F::BabinskiSign];

/// Cook 2010: gait deviation, Hoffmann, inverted supinator, Babinski, age > 45; one point each.
pub(crate) fn cook_rule(f: &Facts<'_>) -> CookRule {
    let mut positive = 0u8;
    let mut assessed = 0u8;
    for item in COOK_ITEMS {
        positive += u8::from(f.has(item));
        assessed += u8::from(f.known(item));
    }
    if let Some(age) = f.p.age_years() {
        assessed += 1;
        positive += u8::from(age > 45);
    }
    CookRule { positive, assessed }
}

/// What the cervical MRI says, if one was reported.
pub(crate) fn cervical_imaging(f: &Facts<'_>) -> CervicalImaging {
    if f.has(F::CervicalCordCompressionOnMri) {
        CervicalImaging::Compression
    } else if f.has(F::CervicalCordSignalChangeOnMri) {
        if f.lacks(F::CervicalCordCompressionOnMri) {
            CervicalImaging::SignalWithoutCompression
        } else {
            // Signal change reported and compression not mentioned: intramedullary signal change
            // in this setting is a sign of compressive myelopathy.
            CervicalImaging::Compression
        }
    } else if f.lacks(F::CervicalCordCompressionOnMri) {
        CervicalImaging::NoCompression
    } else {
        CervicalImaging::NotImaged
    }
}

/// Signs or symptoms of cord dysfunction that no lumbar, peripheral or vascular cause produces
/// (the "myelopathic picture" of the AO Spine guideline).
const MYELOPATHIC_PICTURE: u128 = UMN_SIGNS
    | super::mask(&[
        F::GaitDeviation,
        F::HandIntrinsicAtrophy,
        F::HandClumsiness,
        F::LegStiffness,
        F::WorseWithNeckExtension,
        F::LhermitteSign,
    ]);

/// Leg and sphincter symptoms that fit myelopathy but that a clear alternative explanation
/// (high-likelihood lumbar stenosis, neuropathy, arterial disease or cauda equina) also explains.
const NONSPECIFIC_PICTURE: u128 = super::mask(&[
    F::BilateralLegSymptoms,
    F::LegWeakness,
    F::LegWeaknessOnExam,
    F::GaitDifficulty,
    F::Falls,
    F::RombergSign,
    F::BladderDysfunction,
    F::BowelDysfunction,
]);

/// True when any myelopathic sign or symptom is present; nonspecific leg and sphincter symptoms
/// count unless something else clearly explains them (`explained`), and numb hands only without
/// stocking-glove sensory loss (cord compression without myelopathy is common: Nouri 2022).
pub(crate) fn clinical_myelopathy(f: &Facts<'_>, explained: bool) -> bool {
    f.any(MYELOPATHIC_PICTURE)
        || (f.has(F::HandNumbness) && !f.has(F::StockingGloveSensoryLoss))
        || (!explained && f.any(NONSPECIFIC_PICTURE))
}

const COOK_RULE_IN: Reason = Reason {
    text: "Cook clinical prediction rule 3 or more of 5 positive (gait deviation, Hoffmann, inverted supinator, Babinski, age > 45): LR+ 30.9",
    cites: &[C::Cook2010Cpr],
};
const SEVERAL_UMN_SIGNS: Reason = Reason {
    text: "Two or more upper motor neuron signs: each is specific for myelopathy, and upper motor neuron signs in the legs place the lesion above L1",
    cites: &[C::Bentley2001, C::Jiang2024Signs, C::Seed],
};
const ONE_UMN_SIGN: Reason = Reason {
    text: "An upper motor neuron sign is present: specific but insensitive for myelopathy, and not produced by lumbar or peripheral disease",
    cites: &[C::Cook2011Review, C::Jiang2024Signs, C::Seed],
};
const GAIT_DEVIATION: Reason = Reason {
    text: "Spastic or wide-based gait on examination (Cook rule item; a key myelopathy finding in the seed)",
    cites: &[C::Cook2010Cpr, C::Seed],
};
const HAND_CLUMSINESS: Reason = Reason {
    text: "Clumsy hands with a leg motor picture: hand incoordination has specificity 0.92 for DCM and points to a cervical level",
    cites: &[C::Sharma2025],
};
const HAND_NUMBNESS: Reason = Reason {
    text:
        "Numb hands with leg symptoms and no stocking-glove loss: altered hand sensation has specificity 0.90 for DCM",
    cites: &[C::Sharma2025, C::Jiang2024Symptoms],
};
const HAND_ATROPHY: Reason = Reason {
    text: "Intrinsic hand wasting (myelopathy hand) with a leg motor picture",
    cites: &[C::Seed, C::Jiang2024Signs],
};
const SPASTICITY: Reason = Reason {
    text: "Leg stiffness or spasticity is a leg presentation of cervical cord compression",
    cites: &[C::Seed],
};
const NECK_EXTENSION: Reason = Reason {
    text: "Leg symptoms worse with neck extension: extension narrows the cervical canal and can provoke funicular leg pain (no accuracy figure published)",
    cites: &[C::Seed, C::Han2024, C::Kozaki2020, C::Shin2024],
};
const PROGRESSIVE_WEAKNESS: Reason = Reason {
    text: "Progressive leg weakness or gait disturbance, with or without arm symptoms, is an indication for cervical imaging (gait impairment is present in 72% of DCM)",
    cites: &[C::Seed, C::Jiang2024Symptoms],
};
const MJOA_DEFICIT: Reason = Reason {
    text: "An mJOA of 14 or less (moderate or severe range) records a myelopathy disability that needs explaining",
    cites: &[C::Tetreault2017Mjoa, C::Fehlings2017Guideline],
};
const SIGNAL_WITHOUT_COMPRESSION: Reason = Reason {
    text: "Intramedullary cord signal change on MRI without reported compression: a cord lesion that needs specialist work-up (dynamic compression in extension, or a non-degenerative cause)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const COMPRESSION_BY_SIGNAL: Reason = Reason {
    text: "Intramedullary T2 signal change of the cervical cord on MRI with a myelopathic sign or symptom",
    cites: &[C::Fehlings2017Guideline, C::RothAcrMyelopathy, C::Rhee2009],
};
const BLADDER_WITH_LEGS: Reason = Reason {
    text: "Bladder dysfunction alongside leg symptoms: reported in 38% of DCM and an indication for cervical imaging",
    cites: &[C::Seed, C::Jiang2024Symptoms, C::Fukuda2013],
};
const BILATERAL_UNEXPLAINED: Reason = Reason {
    text: "Bilateral leg symptoms without a clear lumbar (or other) explanation are an indication for cervical imaging",
    cites: &[C::Seed],
};
const WEAKNESS_WITHOUT_BACK_PAIN: Reason = Reason {
    text: "Leg weakness without significant back pain is a key finding for myelopathy rather than lumbar disease",
    cites: &[C::Seed, C::Langfitt1967],
};
const COMPRESSION_WITH_MYELOPATHY: Reason = Reason {
    text:
        "Cervical cord compression on MRI with a myelopathic sign or symptom: the clinical-radiological picture of DCM",
    cites: &[C::Fehlings2017Guideline, C::RothAcrMyelopathy],
};
const COMPRESSION_ONLY: Reason = Reason {
    text: "Cervical cord compression on MRI without a myelopathic sign or symptom: it may explain the leg symptoms (false-localising pain), but compression without myelopathy is common (24% of adults)",
    cites: &[C::Chan2011, C::Han2024, C::Nouri2022],
};
const MRI_WITHOUT_COMPRESSION: Reason = Reason {
    text: "Cervical MRI without cord compression makes degenerative cervical myelopathy unlikely",
    cites: &[C::Fehlings2017Guideline, C::RothAcrMyelopathy],
};
const MRI_NEGATIVE_DYNAMIC: Reason = Reason {
    text: "No compression on a neutral cervical MRI, but upper motor neuron signs or extension-provoked symptoms remain: compression can appear only in extension",
    cites: &[C::Shin2024, C::Kozaki2020],
};
const COOK_RULE_OUT: Reason = Reason {
    text: "Cook clinical prediction rule 0 of 5 with all items assessed: LR- 0.18 lowers the likelihood of myelopathy",
    cites: &[C::Cook2010Cpr],
};

fn raise(l: &mut Likelihood, to: Likelihood) {
    *l = (*l).max(to);
}

fn lower(l: Likelihood) -> Likelihood {
    match l {
        Likelihood::High => Likelihood::Moderate,
        _ => Likelihood::Low,
    }
}

/// How likely degenerative cervical myelopathy is. Raised by the clinical picture (never lowered
/// by adding a sign), then set by imaging where a cervical MRI is reported, or lowered one step
/// by a fully assessed Cook rule of 0 of 5.
pub(crate) fn myelopathy<T: Trace>(
    f: &Facts<'_>,
    cook: &CookRule,
    imaging: CervicalImaging,
    clear_alternative: bool,
    explained: bool,
    t: &mut T,
) -> Likelihood {
    let mut note = |r: &'static Reason| t.note(Target::Myelopathy, r);
    let mut l = Likelihood::Low;
    let umn = f.count(UMN_SIGNS);
    let leg_symptoms = f.any(LEG_SYMPTOMS);
    let leg_motor = f.any(LEG_MOTOR_PICTURE);

    if cook.positive >= 3 {
        raise(&mut l, Likelihood::High);
        note(&COOK_RULE_IN);
    }
    if umn >= 2 {
        raise(&mut l, Likelihood::High);
        note(&SEVERAL_UMN_SIGNS);
    } else if umn == 1 {
        raise(&mut l, Likelihood::Moderate);
        note(&ONE_UMN_SIGN);
    }
    if f.has(F::GaitDeviation) {
        raise(&mut l, Likelihood::Moderate);
        note(&GAIT_DEVIATION);
    }
    if f.has(F::HandClumsiness) && leg_motor {
        raise(&mut l, Likelihood::Moderate);
        note(&HAND_CLUMSINESS);
    }
    if f.has(F::HandNumbness) && (leg_motor || f.has(F::LegNumbness)) && !f.has(F::StockingGloveSensoryLoss) {
        raise(&mut l, Likelihood::Moderate);
        note(&HAND_NUMBNESS);
    }
    if f.has(F::HandIntrinsicAtrophy) && leg_motor {
        raise(&mut l, Likelihood::Moderate);
        note(&HAND_ATROPHY);
    }
    if f.has(F::LegStiffness) {
        raise(&mut l, Likelihood::Moderate);
        note(&SPASTICITY);
    }
    if f.has(F::WorseWithNeckExtension) && leg_symptoms {
        raise(&mut l, Likelihood::Moderate);
        note(&NECK_EXTENSION);
    }
    if worsening_motor_deficit(f, clear_alternative) {
        raise(&mut l, Likelihood::Moderate);
        note(&PROGRESSIVE_WEAKNESS);
    }
    if mjoa_deficit(f) {
        raise(&mut l, Likelihood::Moderate);
        note(&MJOA_DEFICIT);
    }
    if f.has(F::BladderDysfunction) && leg_symptoms {
        raise(&mut l, Likelihood::Moderate);
        note(&BLADDER_WITH_LEGS);
    }
    if f.has(F::BilateralLegSymptoms) && !clear_alternative {
        raise(&mut l, Likelihood::Moderate);
        note(&BILATERAL_UNEXPLAINED);
    }
    if f.any(LEG_WEAKNESS) && f.lacks(F::SignificantBackPain) && !clear_alternative {
        raise(&mut l, Likelihood::Moderate);
        note(&WEAKNESS_WITHOUT_BACK_PAIN);
    }

    match imaging {
        CervicalImaging::Compression => {
            if clinical_myelopathy(f, explained) {
                raise(&mut l, Likelihood::High);
                note(if f.has(F::CervicalCordCompressionOnMri) {
                    &COMPRESSION_WITH_MYELOPATHY
                } else {
                    &COMPRESSION_BY_SIGNAL
                });
            } else if f.any(LEG_SYMPTOMS) && !clear_alternative {
                raise(&mut l, Likelihood::Moderate);
                note(&COMPRESSION_ONLY);
            }
        }
        CervicalImaging::SignalWithoutCompression => {
            raise(&mut l, Likelihood::Moderate);
            note(&SIGNAL_WITHOUT_COMPRESSION);
        }
        CervicalImaging::NoCompression => {
            if umn >= 1 || f.has(F::GaitDeviation) || f.has(F::WorseWithNeckExtension) {
                l = l.min(Likelihood::Moderate);
                note(&MRI_NEGATIVE_DYNAMIC);
            } else {
                l = Likelihood::Low;
                note(&MRI_WITHOUT_COMPRESSION);
            }
        }
        CervicalImaging::NotImaged => {
            // The rule-out ratio was derived on the Cook items alone: it does not override
            // hyperreflexia or clonus, which are not among them.
            if cook.assessed == 5 && cook.positive == 0 && umn == 0 && l > Likelihood::Low {
                l = lower(l);
                note(&COOK_RULE_OUT);
            }
        }
    }
    l
}

/// Whether the course is rapid (used by several rules).
pub(crate) fn rapid(f: &Facts<'_>) -> bool {
    f.course_is(Course::RapidlyProgressive)
}
