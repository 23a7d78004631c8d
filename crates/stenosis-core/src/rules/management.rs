//! The management pathway and the recommendations, by the AO Spine guideline and the seed.

use super::myelopathy::rapid;
use super::{
    mjoa_deficit, worsening_motor_deficit, CervicalImaging, Decision, Facts, Reason, Target, Trace, LEG_SYMPTOMS,
    UMN_SIGNS,
};
use crate::citations::CitationId as C;
use crate::vocab::{
    Action as A, Condition, EvidenceQuality, Finding as F, Likelihood, Pathway, RedFlag, SeverityClass, Strength,
    Urgency,
};

const PATH_EMERGENCY_CES: Reason = Reason {
    text: "Suspected cauda equina syndrome: immediate referral to the on-call spinal team; lumbosacral MRI within 4 hours of the request",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const PATH_EMERGENCY_RAPID: Reason = Reason {
    text: "Rapidly progressive deficit: same-day spinal assessment and imaging",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const PATH_SURGERY_SEVERITY: Reason = Reason {
    text: "Degenerative cervical myelopathy of moderate (mJOA 12-14) or severe (mJOA 0-11) severity: surgical decompression is recommended",
    cites: &[C::Fehlings2017Guideline, C::Fehlings2013Consensus, C::Tetreault2017Mjoa],
};
const PATH_SURGERY_PROGRESSION: Reason = Reason {
    text: "Degenerative cervical myelopathy with a progressive course: operative treatment is recommended on neurological deterioration",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const PATH_SURGERY_UNGRADED: Reason = Reason {
    text: "Cord compression with a possible myelopathic deficit, not yet graded (no mJOA): surgical evaluation confirms the myelopathy, grades it and decides",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const PATH_CONSERVATIVE_MILD: Reason = Reason {
    text: "Mild, stable degenerative cervical myelopathy: surgery or a supervised trial of structured rehabilitation may be offered; operate if it deteriorates",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const PATH_NONMYELOPATHIC: Reason = Reason {
    text: "Cord compression without a myelopathic sign or symptom: no prophylactic surgery; counsel on the risk of progression and follow clinically",
    cites: &[C::Fehlings2017Guideline, C::Wilson2013],
};
const PATH_ATYPICAL_COMPRESSION: Reason = Reason {
    text: "Cord compression with leg symptoms that nothing else clearly explains, but no myelopathic sign: whether the compression explains the leg symptoms (false localisation) needs specialist work-up",
    cites: &[C::Chan2011, C::Han2024, C::Langfitt1967],
};
const PATH_SIGNAL_WITHOUT_COMPRESSION: Reason = Reason {
    text: "Cord signal change without reported compression: not yet degenerative cervical myelopathy; specialist work-up (dynamic imaging, other causes of myelopathy)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const PATH_SIGNS_WITHOUT_COMPRESSION: Reason = Reason {
    text: "Upper motor neuron signs or extension-provoked symptoms with no cord compression on a neutral cervical MRI: specialist work-up for dynamic compression in extension or a lesion elsewhere above L1",
    cites: &[C::Shin2024, C::Bentley2001, C::Kozaki2020],
};
const PATH_WORKUP_SUSPICION: Reason = Reason {
    text: "Clinical suspicion of cervical myelopathy not yet settled by cervical MRI",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const PATH_WORKUP_EXAM: Reason = Reason {
    text: "The upper motor neuron examination has not been done (reflexes and plantar responses not recorded), so cervical myelopathy cannot be set aside",
    cites: &[C::Seed],
};
const PATH_NO_CONCERN: Reason = Reason {
    text: "Upper motor neuron examination done, myelopathy unlikely and no indication for cervical imaging on the findings given",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const PATH_MRI_NEGATIVE: Reason = Reason {
    text: "Cervical MRI without cord compression and no upper motor neuron sign recorded",
    cites: &[C::RothAcrMyelopathy],
};
const PATH_PROGRESSIVE_NO_COMPRESSION: Reason = Reason {
    text: "Progressive leg weakness or gait disturbance with no cervical cord compression: the lesion may be thoracic or neuromuscular; specialist assessment and further imaging",
    cites: &[C::Bentley2001, C::Seed],
};
const REFER_PROGRESSIVE_NO_COMPRESSION: Reason = Reason {
    text: "Progressive deficit unexplained by a cervical MRI without compression: specialist assessment (thoracic or neuromuscular causes)",
    cites: &[C::Bentley2001, C::Seed],
};

/// Where the case sits on the management pathway.
pub(crate) fn pathway<T: Trace>(f: &Facts<'_>, d: &mut Decision, clear_alternative: bool, t: &mut T) {
    let mut set = |d: &mut Decision, p: Pathway, r: &'static Reason| {
        d.pathway = p;
        t.note(Target::Pathway, r);
    };
    if d.red_flags != 0 {
        if d.has_red_flag(RedFlag::CaudaEquinaSuspected) {
            set(d, Pathway::Emergency, &PATH_EMERGENCY_CES);
        }
        if d.has_red_flag(RedFlag::RapidlyProgressiveDeficit) {
            set(d, Pathway::Emergency, &PATH_EMERGENCY_RAPID);
        }
        return;
    }
    if d.dcm_established {
        return match d.severity {
            Some(SeverityClass::Moderate | SeverityClass::Severe) => {
                set(d, Pathway::SurgicalEvaluation, &PATH_SURGERY_SEVERITY)
            }
            _ if f.worsening() => set(d, Pathway::SurgicalEvaluation, &PATH_SURGERY_PROGRESSION),
            None if !d.no_deficit => set(d, Pathway::SurgicalEvaluation, &PATH_SURGERY_UNGRADED),
            Some(SeverityClass::Mild) | None => set(d, Pathway::Conservative, &PATH_CONSERVATIVE_MILD),
        };
    }
    if d.imaging == CervicalImaging::Compression {
        // Compression without a myelopathic picture.
        return if f.any(LEG_SYMPTOMS) && !clear_alternative {
            set(d, Pathway::FurtherWorkup, &PATH_ATYPICAL_COMPRESSION)
        } else {
            set(d, Pathway::Conservative, &PATH_NONMYELOPATHIC)
        };
    }
    if d.imaging == CervicalImaging::SignalWithoutCompression {
        return set(d, Pathway::FurtherWorkup, &PATH_SIGNAL_WITHOUT_COMPRESSION);
    }
    if d.imaging == CervicalImaging::NoCompression && d.myelopathy >= Likelihood::Moderate {
        return set(d, Pathway::FurtherWorkup, &PATH_SIGNS_WITHOUT_COMPRESSION);
    }
    if d.myelopathy >= Likelihood::Moderate {
        return set(d, Pathway::FurtherWorkup, &PATH_WORKUP_SUSPICION);
    }
    if d.imaging == CervicalImaging::NoCompression && worsening_motor_deficit(f, clear_alternative) {
        return set(d, Pathway::FurtherWorkup, &PATH_PROGRESSIVE_NO_COMPRESSION);
    }
    if d.imaging == CervicalImaging::NoCompression && super::umn_exam_done(f.p) {
        return set(d, Pathway::NoCervicalConcern, &PATH_MRI_NEGATIVE);
    }
    if !super::umn_exam_done(f.p) {
        return set(d, Pathway::FurtherWorkup, &PATH_WORKUP_EXAM);
    }
    if cervical_mri_indicated(f, d, clear_alternative) {
        return set(d, Pathway::FurtherWorkup, &PATH_WORKUP_SUSPICION);
    }
    set(d, Pathway::NoCervicalConcern, &PATH_NO_CONCERN)
}

/// The seed's indications for cervical imaging (and a moderate or high myelopathy likelihood).
fn cervical_mri_indicated(f: &Facts<'_>, d: &Decision, clear_alternative: bool) -> bool {
    (f.has(F::BilateralLegSymptoms) && !clear_alternative)
        || worsening_motor_deficit(f, clear_alternative)
        || mjoa_deficit(f)
        || f.any(UMN_SIGNS)
        || f.has(F::GaitDeviation)
        || (f.has(F::BladderDysfunction) && f.any(LEG_SYMPTOMS))
        || d.myelopathy >= Likelihood::Moderate
}

const MRI_EMERGENCY: Reason = Reason {
    text: "Rapidly progressive or red-flag presentation with a cervical concern: MRI of the cervical spine today",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const MRI_MODALITY: Reason = Reason {
    text: "MRI of the cervical spine without contrast is the modality of choice for suspected myelopathy",
    cites: &[C::RothAcrMyelopathy, C::Seed],
};
const MRI_FOR_BILATERAL: Reason =
    Reason { text: "Indicated: bilateral leg symptoms without clear lumbar (or other) pathology", cites: &[C::Seed] };
const MRI_FOR_PROGRESSION: Reason =
    Reason { text: "Indicated: progressive leg weakness or gait disturbance", cites: &[C::Seed, C::Jiang2024Symptoms] };
const MRI_FOR_UMN: Reason =
    Reason { text: "Indicated: upper motor neuron signs on examination", cites: &[C::Seed, C::Bentley2001] };
const MRI_FOR_BLADDER: Reason =
    Reason { text: "Indicated: bladder dysfunction alongside leg symptoms", cites: &[C::Seed] };
const MRI_FOR_MJOA: Reason = Reason {
    text: "Indicated: an mJOA of 14 or less records a myelopathy disability",
    cites: &[C::Tetreault2017Mjoa, C::Fehlings2017Guideline],
};
const MRI_FOR_LIKELIHOOD: Reason = Reason {
    text: "Indicated: the clinical picture makes cervical myelopathy moderately or highly likely",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const MRI_URGENT_PROGRESSIVE: Reason = Reason {
    text: "Urgent because the course is progressive: untreated cord compression can cause irreversible damage",
    cites: &[C::Seed, C::Karadimas2013],
};
const MRI_URGENT_LIKELY: Reason = Reason {
    text: "Urgent because myelopathy is likely (high likelihood on the clinical findings)",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const MRI_URGENT_SEVERITY: Reason = Reason {
    text: "Urgent because the mJOA is in the moderate or severe range, where surgery is recommended",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const LUMBAR_MRI_CES: Reason = Reason {
    text: "Suspected cauda equina syndrome: emergency MRI of the lumbosacral spine, within 4 hours of the request",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const LUMBAR_MRI_CES_POSSIBLE: Reason = Reason {
    text: "Sphincter disturbance that is not of recent onset, with back or radicular pain or bowel involvement: exclude cauda equina compression with an urgent MRI of the lumbosacral spine",
    cites: &[C::Girft2023Ces, C::Dionne2019],
};
const LUMBAR_MRI_LSS: Reason = Reason {
    text: "Possible lumbar stenosis: MRI is the most appropriate non-invasive test to confirm canal narrowing",
    cites: &[C::Nass2011],
};
const EXAM_INCOMPLETE: Reason = Reason {
    text: "Complete the neurological examination including upper motor neuron signs (reflexes, Hoffmann, Babinski, clonus, gait): leaving it out is a recognised cause of missed myelopathy",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const ABI_INDICATED: Reason = Reason {
    text: "Exertional leg symptoms or a suggestion of PAD: a resting ankle-brachial index is recommended",
    cites: &[C::AhaAcc2016Pad, C::Khan2006],
};
const NCS_INDICATED: Reason = Reason {
    text: "Possible peripheral neuropathy: nerve conduction studies are the reference standard",
    cites: &[C::Kanji2010, C::Abraham2017],
};
const REFER_SURGERY: Reason = Reason {
    text: "Degenerative cervical myelopathy needing surgical evaluation for decompression",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const REFER_MODERATE: Reason = Reason {
    text: "Degenerative cervical myelopathy of moderate severity (mJOA 12-14): surgical decompression is recommended (AO Spine/CSRS: strong recommendation, moderate-quality evidence)",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const REFER_URGENT_SEVERE: Reason = Reason {
    text: "Severe myelopathy: the likelihood of improvement without surgery is low, so refer urgently",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const REFER_URGENT_PROGRESSIVE: Reason = Reason {
    text: "Progressive myelopathy: operative treatment is recommended on neurological deterioration, so refer urgently",
    cites: &[C::Fehlings2017Guideline, C::Fehlings2013Consensus],
};
const REFER_SIGNS_WITHOUT_COMPRESSION: Reason = Reason {
    text: "Upper motor neuron signs without compression on a neutral MRI: specialist assessment (dynamic MRI in extension; other lesions above L1)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const REFER_SIGNAL: Reason = Reason {
    text: "Cord signal change without reported compression: specialist assessment (dynamic imaging in extension, other causes of myelopathy)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const REFER_MILD: Reason = Reason {
    text:
        "Mild myelopathy: discuss surgery as an alternative to supervised rehabilitation (AO Spine weak recommendation)",
    cites: &[C::Fehlings2017Guideline, C::Badhiwala2019],
};
const REFER_ATYPICAL: Reason = Reason {
    text: "Cord compression that may explain leg pain (false localisation): specialist assessment",
    cites: &[C::Chan2011, C::Han2024],
};
const REFER_BEFORE_MRI: Reason = Reason {
    text: "High likelihood of myelopathy with a severe or progressive deficit: refer in parallel with imaging",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const EMERGENCY_EVAL_CES: Reason = Reason {
    text: "Suspected cauda equina syndrome: immediate referral to the on-call spinal team",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const EMERGENCY_EVAL_RAPID: Reason =
    Reason { text: "Rapidly progressive deficit: same-day spinal assessment", cites: &[C::Seed, C::RothAcrMyelopathy] };
const REFER_EMERGENCY_RAPID_DCM: Reason = Reason {
    text: "Rapidly progressive myelopathy with cord compression on MRI: same-day spinal surgical assessment for decompression",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const REHAB: Reason = Reason {
    text: "Mild myelopathy managed without surgery: supervised structured rehabilitation",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const COLLAR: Reason = Reason {
    text: "Mild myelopathy managed without surgery: the seed lists a cervical collar for stabilisation (the AO Spine guideline makes no specific collar recommendation)",
    cites: &[C::Seed],
};
const MONITOR_MILD: Reason = Reason {
    text:
        "Monitor for progression: about 20-27% of mild DCM deteriorate over about 3 years; operate if it deteriorates",
    cites: &[C::Fehlings2017Guideline, C::Kong2013, C::Shimomura2007, C::NaturalHistory2023],
};
const MONITOR_NONMYELOPATHIC: Reason = Reason {
    text: "Follow clinically and teach the signs of myelopathy: about 8% develop myelopathy at 1 year and 23% by about 4 years",
    cites: &[C::Fehlings2017Guideline, C::Wilson2013],
};
const MONITOR_GENERAL: Reason = Reason {
    text:
        "Re-examine for upper motor neuron signs if leg symptoms progress or new arm, gait or bladder symptoms appear",
    cites: &[C::Seed],
};

/// Notes the cervical MRI recommendation with one reason for each indication that applies.
fn note_mri_triggers(
    f: &Facts<'_>,
    d: &mut Decision,
    clear_alternative: bool,
    u: Urgency,
    rec: &mut impl FnMut(&mut Decision, A, Urgency, &'static Reason),
) {
    let triggers: [(bool, &'static Reason); 6] = [
        (f.has(F::BilateralLegSymptoms) && !clear_alternative, &MRI_FOR_BILATERAL),
        (worsening_motor_deficit(f, clear_alternative), &MRI_FOR_PROGRESSION),
        (f.any(UMN_SIGNS) || f.has(F::GaitDeviation), &MRI_FOR_UMN),
        (f.has(F::BladderDysfunction) && f.any(LEG_SYMPTOMS), &MRI_FOR_BLADDER),
        (mjoa_deficit(f), &MRI_FOR_MJOA),
        (d.myelopathy >= Likelihood::Moderate, &MRI_FOR_LIKELIHOOD),
    ];
    for (applies, reason) in triggers {
        if applies {
            rec(d, A::CervicalMri, u, reason);
        }
    }
    rec(d, A::CervicalMri, u, &MRI_MODALITY);
}

/// What to do next, and how urgently.
pub(crate) fn recommendations<T: Trace>(f: &Facts<'_>, d: &mut Decision, clear_alternative: bool, t: &mut T) {
    let mut rec = |d: &mut Decision, a: A, u: Urgency, r: &'static Reason| {
        d.recommend(a, u);
        t.note(Target::Recommendation(a), r);
    };
    let red_flag = d.red_flags != 0;
    let severe = matches!(d.severity, Some(SeverityClass::Severe));
    let moderate_or_severe = matches!(d.severity, Some(SeverityClass::Moderate | SeverityClass::Severe));

    // Cervical MRI.
    if d.imaging == CervicalImaging::NotImaged && cervical_mri_indicated(f, d, clear_alternative) {
        if rapid(f) || (red_flag && d.myelopathy >= Likelihood::Moderate) {
            rec(d, A::CervicalMri, Urgency::Emergency, &MRI_EMERGENCY);
        } else if f.worsening() || d.myelopathy == Likelihood::High || moderate_or_severe {
            note_mri_triggers(f, d, clear_alternative, Urgency::Urgent, &mut rec);
            if f.worsening() {
                rec(d, A::CervicalMri, Urgency::Urgent, &MRI_URGENT_PROGRESSIVE);
            }
            if d.myelopathy == Likelihood::High {
                rec(d, A::CervicalMri, Urgency::Urgent, &MRI_URGENT_LIKELY);
            }
            if moderate_or_severe {
                rec(d, A::CervicalMri, Urgency::Urgent, &MRI_URGENT_SEVERITY);
            }
        } else {
            note_mri_triggers(f, d, clear_alternative, Urgency::Routine, &mut rec);
        }
    }

    // Lumbar MRI.
    if d.condition(Condition::CaudaEquinaSyndrome) == Likelihood::High {
        rec(d, A::LumbarMri, Urgency::Emergency, &LUMBAR_MRI_CES);
    } else if d.condition(Condition::CaudaEquinaSyndrome) == Likelihood::Moderate {
        rec(d, A::LumbarMri, Urgency::Urgent, &LUMBAR_MRI_CES_POSSIBLE);
    } else if d.condition(Condition::LumbarSpinalStenosis) >= Likelihood::Moderate
        && (f.has(F::WalkingLegPain) || f.has(F::ReliefWithSittingOrFlexion))
        && !f.known(F::LumbarStenosisOnImaging)
        && !f.has(F::KnownLumbarStenosis)
    {
        rec(d, A::LumbarMri, Urgency::Routine, &LUMBAR_MRI_LSS);
    }

    // Neurological examination.
    if !super::umn_exam_done(f.p) {
        let u = if red_flag || f.worsening() { Urgency::Urgent } else { Urgency::Routine };
        rec(d, A::CompleteNeurologicalExam, u, &EXAM_INCOMPLETE);
    }

    // Vascular and neuropathy work-up.
    let abi = f.p.ankle_brachial_index();
    if (abi.is_none()
        && (d.condition(Condition::PeripheralArterialDisease) >= Likelihood::Moderate || f.has(F::WalkingLegPain)))
        || abi.is_some_and(|a| a > super::differential::ABI_NONCOMPRESSIBLE_ABOVE)
    {
        rec(d, A::AnkleBrachialIndex, Urgency::Routine, &ABI_INDICATED);
    }
    if d.condition(Condition::PeripheralNeuropathy) >= Likelihood::Moderate {
        rec(d, A::NerveConductionStudy, Urgency::Routine, &NCS_INDICATED);
    }

    // Emergency evaluation.
    if red_flag {
        if d.has_red_flag(RedFlag::CaudaEquinaSuspected) {
            rec(d, A::EmergencySpineEvaluation, Urgency::Emergency, &EMERGENCY_EVAL_CES);
        }
        if d.has_red_flag(RedFlag::RapidlyProgressiveDeficit) {
            rec(d, A::EmergencySpineEvaluation, Urgency::Emergency, &EMERGENCY_EVAL_RAPID);
        }
    }

    // Surgical referral and conservative care.
    if d.dcm_established {
        let mild_or_normal = matches!(d.severity, Some(SeverityClass::Mild)) || d.no_deficit;
        if rapid(f) {
            rec(d, A::SpineSurgeryReferral, Urgency::Emergency, &REFER_EMERGENCY_RAPID_DCM);
        } else if severe || f.worsening() {
            if severe {
                rec(d, A::SpineSurgeryReferral, Urgency::Urgent, &REFER_URGENT_SEVERE);
            }
            if f.worsening() {
                rec(d, A::SpineSurgeryReferral, Urgency::Urgent, &REFER_URGENT_PROGRESSIVE);
            }
        } else if mild_or_normal {
            rec(d, A::SpineSurgeryReferral, Urgency::Routine, &REFER_MILD);
            rec(d, A::PhysicalTherapy, Urgency::Routine, &REHAB);
            rec(d, A::CervicalCollar, Urgency::Routine, &COLLAR);
            rec(d, A::ClinicalMonitoring, Urgency::Routine, &MONITOR_MILD);
        } else if moderate_or_severe {
            rec(d, A::SpineSurgeryReferral, Urgency::Routine, &REFER_MODERATE);
        } else {
            rec(d, A::SpineSurgeryReferral, Urgency::Routine, &REFER_SURGERY);
        }
    } else if d.imaging == CervicalImaging::Compression {
        if f.any(LEG_SYMPTOMS) && !clear_alternative {
            rec(d, A::SpineSurgeryReferral, Urgency::Routine, &REFER_ATYPICAL);
        }
        rec(d, A::ClinicalMonitoring, Urgency::Routine, &MONITOR_NONMYELOPATHIC);
    } else if d.imaging == CervicalImaging::SignalWithoutCompression {
        let u = if f.worsening() { Urgency::Urgent } else { Urgency::Routine };
        rec(d, A::SpineSurgeryReferral, u, &REFER_SIGNAL);
    } else if d.imaging == CervicalImaging::NoCompression && worsening_motor_deficit(f, clear_alternative) {
        let u = if f.worsening() { Urgency::Urgent } else { Urgency::Routine };
        rec(d, A::SpineSurgeryReferral, u, &REFER_PROGRESSIVE_NO_COMPRESSION);
    } else if d.imaging == CervicalImaging::NoCompression && d.myelopathy >= Likelihood::Moderate {
        let u = if f.worsening() { Urgency::Urgent } else { Urgency::Routine };
        rec(d, A::SpineSurgeryReferral, u, &REFER_SIGNS_WITHOUT_COMPRESSION);
    } else if d.myelopathy == Likelihood::High && (moderate_or_severe || f.worsening()) {
        let u = if severe || f.worsening() { Urgency::Urgent } else { Urgency::Routine };
        rec(d, A::SpineSurgeryReferral, u, &REFER_BEFORE_MRI);
    }

    if d.pathway == Pathway::NoCervicalConcern && !clinical_myelopathy_ruled_out_by_mri(d) && f.any(LEG_SYMPTOMS) {
        rec(d, A::ClinicalMonitoring, Urgency::Routine, &MONITOR_GENERAL);
    }
}

fn clinical_myelopathy_ruled_out_by_mri(d: &Decision) -> bool {
    d.imaging == CervicalImaging::NoCompression
}

/// The grade (strength, evidence quality) its guideline gives a recommendation, from the first
/// graded reason behind it; `None` where the source gives none. AO Spine/CSRS 2017
/// (`clinical-evidence-2.md` §6.1): surgery for moderate and severe DCM, strong and moderate;
/// surgery or supervised rehabilitation for mild DCM, weak and very low to low (given as low);
/// no prophylactic surgery for non-myelopathic compression, counsel and follow, weak and low.
pub(crate) fn grade(reasons: &[&'static Reason]) -> Option<(Strength, EvidenceQuality)> {
    const STRONG_MODERATE: &[&str] = &[REFER_MODERATE.text, REFER_URGENT_SEVERE.text];
    const WEAK_LOW: &[&str] = &[REFER_MILD.text, REHAB.text, MONITOR_MILD.text, MONITOR_NONMYELOPATHIC.text];
    reasons.iter().find_map(|r| {
        if STRONG_MODERATE.contains(&r.text) {
            Some((Strength::Strong, EvidenceQuality::Moderate))
        } else if WEAK_LOW.contains(&r.text) {
            Some((Strength::Weak, EvidenceQuality::Low))
        } else {
            None
        }
    })
}
