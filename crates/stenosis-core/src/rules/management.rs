//! The management pathway and the recommendations.
//!
//! Guidelines: AO Spine / Fehlings 2017 ("We recommend surgical intervention" for moderate and
//! severe DCM; "We suggest offering surgical intervention or a supervised trial of structured
//! rehabilitation" for mild DCM, operating on deterioration; "We suggest not offering
//! prophylactic surgery" for cord compression without myelopathy); the seed's indications for
//! cervical MRI; GIRFT 2023 (suspected cauda equina: immediate referral, MRI within 4 hours);
//! NASS 2011 (MRI to confirm lumbar stenosis, Grade B); AHA/ACC 2016 (resting ABI when PAD is
//! suggested, Class I).
//!
//! The pathway is the first match of [`PATHWAY`] (after [`EMERGENCY_PATHWAY`] when a red flag is
//! raised); the recommendations are every row of [`RECOMMENDATIONS`] that holds.

use super::differential::abi_not_interpretable;
use super::engine::{self, Rule};
use super::facts::{lmn_away_from_cord, mjoa_deficit, worsening_motor_deficit, Ctx, LEG_SYMPTOMS, UMN_SIGNS};
use super::localisation::{self as loc, HAND_SIGNS, LEG_UMN};
use super::{CervicalImaging, Reason, Target, Trace};
use crate::citations::CitationId as C;
use crate::vocab::{
    Action as A, Condition, EvidenceQuality, Finding as F, Likelihood, Pathway, RedFlag, SeverityClass, Strength,
    Urgency,
};

// ---- Predicates ------------------------------------------------------------------------------

fn ces_flag(c: &Ctx<'_>) -> bool {
    c.d.has_red_flag(RedFlag::CaudaEquinaSuspected)
}
fn rapid_flag(c: &Ctx<'_>) -> bool {
    c.d.has_red_flag(RedFlag::RapidlyProgressiveDeficit)
}
fn red_flag(c: &Ctx<'_>) -> bool {
    c.d.red_flags != 0
}
/// A red flag that needs action today: any but chronic limb-threatening ischaemia (urgent).
fn emergency_flag(c: &Ctx<'_>) -> bool {
    c.d.red_flags & !(1 << RedFlag::LimbThreateningIschaemia.code()) != 0
}
fn mscc_flag(c: &Ctx<'_>) -> bool {
    c.d.has_red_flag(RedFlag::MalignantCordCompressionSuspected)
}
fn mscc_flag_known_cancer(c: &Ctx<'_>) -> bool {
    mscc_flag(c) && c.has(F::CancerHistory)
}
fn mscc_flag_first_sign(c: &Ctx<'_>) -> bool {
    mscc_flag(c) && !c.has(F::CancerHistory)
}
fn sea_flag(c: &Ctx<'_>) -> bool {
    c.d.has_red_flag(RedFlag::SpinalInfectionSuspected)
}
fn gbs_flag(c: &Ctx<'_>) -> bool {
    c.d.has_red_flag(RedFlag::GuillainBarreSuspected)
}
fn ali_flag(c: &Ctx<'_>) -> bool {
    c.d.has_red_flag(RedFlag::AcuteLimbIschaemia)
}
fn moderate_or_severe(c: &Ctx<'_>) -> bool {
    matches!(c.d.severity, Some(SeverityClass::Moderate | SeverityClass::Severe))
}
fn severe(c: &Ctx<'_>) -> bool {
    matches!(c.d.severity, Some(SeverityClass::Severe))
}
fn myelopathy_at_least_moderate(c: &Ctx<'_>) -> bool {
    c.d.myelopathy >= Likelihood::Moderate
}
fn established(c: &Ctx<'_>) -> bool {
    c.d.dcm_established
}
fn established_moderate_or_severe(c: &Ctx<'_>) -> bool {
    established(c) && moderate_or_severe(c)
}
fn established_progressive(c: &Ctx<'_>) -> bool {
    established(c) && c.worsening()
}
fn established_ungraded(c: &Ctx<'_>) -> bool {
    established(c) && c.d.severity.is_none() && !c.d.no_deficit
}
fn compression(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::Compression
}
/// Leg symptoms that nothing else clearly explains.
fn unexplained_legs(c: &Ctx<'_>) -> bool {
    c.any(LEG_SYMPTOMS) && !c.clear_alternative
}
fn compression_with_unexplained_legs(c: &Ctx<'_>) -> bool {
    compression(c) && unexplained_legs(c)
}
fn signal_without_compression(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::SignalWithoutCompression
}
fn mri_negative(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NoCompression
}
fn mri_negative_with_suspicion(c: &Ctx<'_>) -> bool {
    mri_negative(c) && myelopathy_at_least_moderate(c)
}
fn mri_negative_progressive(c: &Ctx<'_>) -> bool {
    mri_negative(c) && worsening_motor_deficit(c)
}
fn mri_negative_exam_done(c: &Ctx<'_>) -> bool {
    mri_negative(c) && c.umn_exam_done
}
fn exam_not_done(c: &Ctx<'_>) -> bool {
    !c.umn_exam_done
}
/// The examination is not complete for localisation (leg symptoms), or not done at all.
fn exam_to_complete(c: &Ctx<'_>) -> bool {
    !c.exam_complete() && (c.any(LEG_SYMPTOMS) || !c.umn_exam_done)
}
fn mimic_high(c: &Ctx<'_>) -> bool {
    c.d.v2.mimic_high
}
/// Features of motor neuron disease (at least moderate) with the EMG not yet known: EMG and
/// neurology come before any decompression (part 2 §3.6-3.7).
fn mnd_before_decompression(c: &Ctx<'_>) -> bool {
    mnd_possible_emg_not_done(c)
}
/// Thoracic cord compression on MRI with leg symptoms or cord signs: thoracic myelopathy for the
/// spine surgeon.
fn thoracic_myelopathy_on_mri(c: &Ctx<'_>) -> bool {
    c.has(F::ThoracicCordCompressionOnMri)
        && (c.any(LEG_SYMPTOMS | UMN_SIGNS) || c.has(F::TruncalSensoryLevel))
        && super::localisation::thoracic_cord_picture(c)
}
fn thoracic_without_established_dcm(c: &Ctx<'_>) -> bool {
    thoracic_myelopathy_on_mri(c) && !established(c)
}
fn compression_exam_not_done(c: &Ctx<'_>) -> bool {
    compression(c) && !established(c) && !c.umn_exam_done
}
fn below_neck_not_imaged(c: &Ctx<'_>) -> bool {
    c.d.v2.below_neck && c.d.imaging == CervicalImaging::NotImaged
}
fn always(_: &Ctx<'_>) -> bool {
    true
}

/// The seed's indications for cervical imaging (and a moderate or high myelopathy likelihood).
fn cervical_mri_indicated(c: &Ctx<'_>) -> bool {
    // A lower motor neuron pattern with the examination done and nothing in the arms points away
    // from the cord: the imaging goes to the lumbar spine.
    if lmn_away_from_cord(c) {
        return false;
    }
    bilateral_unexplained(c)
        || worsening_motor_deficit(c)
        || mjoa_deficit(c)
        || c.any(UMN_SIGNS)
        || c.has(F::GaitDeviation)
        || bladder_with_legs(c)
        || myelopathy_at_least_moderate(c)
}
fn bilateral_unexplained(c: &Ctx<'_>) -> bool {
    c.has(F::BilateralLegSymptoms) && !c.clear_alternative
}
fn umn_signs_or_gait(c: &Ctx<'_>) -> bool {
    c.any(UMN_SIGNS) || c.has(F::GaitDeviation)
}
fn bladder_with_legs(c: &Ctx<'_>) -> bool {
    c.has(F::BladderDysfunction) && c.any(LEG_SYMPTOMS)
}

/// How urgently cervical MRI is needed: `None` unless the cord is not imaged and an indication
/// holds; emergency when rapid (or a red flag with a cervical concern); urgent when progressive,
/// myelopathy is highly likely, or the mJOA is moderate or severe; routine otherwise.
fn cervical_mri_urgency(c: &Ctx<'_>) -> Option<Urgency> {
    if c.d.imaging != CervicalImaging::NotImaged || !cervical_mri_indicated(c) {
        None
    } else if cervical_emergency(c) && !cervical_capped_by_lumbar_emergency(c) {
        Some(Urgency::Emergency)
    } else if cervical_capped_by_lumbar_emergency(c)
        || c.worsening()
        || c.d.myelopathy == Likelihood::High
        || moderate_or_severe(c)
    {
        Some(Urgency::Urgent)
    } else {
        Some(Urgency::Routine)
    }
}

/// A presentation that would make the cervical MRI an emergency: rapid, or a red flag that needs
/// action today with a cervical concern (chronic limb-threatening ischaemia is urgent, and foot
/// rest pain says nothing about the cord).
fn cervical_emergency(c: &Ctx<'_>) -> bool {
    ((c.rapid() && loc::neuro_deficit(c)) || (emergency_flag(c) && myelopathy_at_least_moderate(c)))
        && !super::facts::ischaemic_deficit_only(c)
}
/// A lumbar emergency (cauda equina, rapid areflexic weakness, or a rapid radicular motor deficit)
/// with no cord sign: the cervical
/// MRI is never its only or first scan, so it is urgent, after the lumbosacral MRI.
fn cervical_capped_by_lumbar_emergency(c: &Ctx<'_>) -> bool {
    let cord_signs = c.any(UMN_SIGNS | HAND_SIGNS) || c.has(F::GaitDeviation);
    let lumbar_emergency = ces_flag(c) || (c.d.v2.lmn && c.rapid()) || loc::radicular_motor_deficit(c);
    cervical_emergency(c) && lumbar_emergency && !cord_signs
}

// ---- The pathway -----------------------------------------------------------------------------

const PATH_EMERGENCY_CES: Reason = Reason {
    id: "path_emergency_ces",
    text: "Suspected cauda equina syndrome: immediate referral to the on-call spinal team; lumbosacral MRI within 4 hours of the request",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const PATH_EMERGENCY_RAPID: Reason = Reason {
    id: "path_emergency_rapid",
    text: "Rapidly progressive deficit: same-day spinal assessment and imaging",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const PATH_SURGERY_SEVERITY: Reason = Reason {
    id: "path_surgery_severity",
    text: "Degenerative cervical myelopathy of moderate (mJOA 12-14) or severe (mJOA 0-11) severity: surgical decompression is recommended",
    cites: &[C::Fehlings2017Guideline, C::Fehlings2013Consensus, C::Tetreault2017Mjoa],
};
const PATH_SURGERY_PROGRESSION: Reason = Reason {
    id: "path_surgery_progression",
    text: "Degenerative cervical myelopathy with a progressive course: operative treatment is recommended on neurological deterioration",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const PATH_SURGERY_UNGRADED: Reason = Reason {
    id: "path_surgery_ungraded",
    text: "Cord compression with a possible myelopathic deficit, not yet graded (no mJOA): surgical evaluation confirms the myelopathy, grades it and decides",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const PATH_CONSERVATIVE_MILD: Reason = Reason {
    id: "path_conservative_mild",
    text: "Mild, stable degenerative cervical myelopathy: surgery or a supervised trial of structured rehabilitation may be offered; operate if it deteriorates",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const PATH_NONMYELOPATHIC: Reason = Reason {
    id: "path_nonmyelopathic",
    text: "Cord compression without a myelopathic sign or symptom: no prophylactic surgery; counsel on the risk of progression and follow clinically",
    cites: &[C::Fehlings2017Guideline, C::Wilson2013],
};
const PATH_ATYPICAL_COMPRESSION: Reason = Reason {
    id: "path_atypical_compression",
    text: "Cord compression with leg symptoms that nothing else clearly explains, but no myelopathic sign: whether the compression explains the leg symptoms (false localisation) needs specialist work-up",
    cites: &[C::Langfitt1967],
};
const PATH_SIGNAL_WITHOUT_COMPRESSION: Reason = Reason {
    id: "path_signal_without_compression",
    text: "Cord signal change without reported compression: not yet degenerative cervical myelopathy; specialist work-up (dynamic imaging, other causes of myelopathy)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const PATH_SIGNS_WITHOUT_COMPRESSION: Reason = Reason {
    id: "path_signs_without_compression",
    text: "Upper motor neuron signs or extension-provoked symptoms with no cord compression on a neutral cervical MRI: specialist work-up for dynamic compression in extension or a lesion elsewhere above L1",
    cites: &[C::Shin2024, C::Bentley2001],
};
const PATH_WORKUP_SUSPICION: Reason = Reason {
    id: "path_workup_suspicion",
    text: "Clinical suspicion of cervical myelopathy not yet settled by cervical MRI",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
pub(crate) const PATH_WORKUP_EXAM: Reason = Reason {
    id: "path_workup_exam",
    text: "The upper motor neuron examination has not been done, so cervical myelopathy cannot be set aside",
    cites: &[C::Seed, C::Davies2018Bmj],
};
const PATH_NO_CONCERN: Reason = Reason {
    id: "path_no_concern",
    text: "Reflexes and plantar responses recorded: myelopathy unlikely and no indication for cervical imaging on the findings and the parts of the examination recorded (any items not recorded are listed in the warnings)",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const PATH_MRI_NEGATIVE: Reason = Reason {
    id: "path_mri_negative",
    text: "Cervical MRI without cord compression and no upper motor neuron sign recorded",
    cites: &[C::RothAcrMyelopathy],
};
const PATH_PROGRESSIVE_NO_COMPRESSION: Reason = Reason {
    id: "path_progressive_no_compression",
    text: "Progressive leg weakness or gait disturbance with no cervical cord compression: the lesion may be thoracic or neuromuscular; specialist assessment and further imaging",
    cites: &[C::Bentley2001, C::Seed],
};
const REFER_PROGRESSIVE_NO_COMPRESSION: Reason = Reason {
    id: "refer_progressive_no_compression",
    text: "Progressive deficit unexplained by a cervical MRI without compression: specialist assessment (thoracic or neuromuscular causes)",
    cites: &[C::Bentley2001, C::Seed],
};

const PATH_EMERGENCY_MSCC: Reason = Reason {
    id: "path_emergency_mscc",
    text: "Suspected metastatic spinal cord compression: MSCC coordinator now; whole-spine MRI and a treatment plan within 24 hours",
    cites: &[C::NiceNg234, C::NiceQs56],
};
const PATH_EMERGENCY_MSCC_FIRST_SIGN: Reason = Reason {
    id: "path_emergency_mscc_first_sign",
    text: "Possible metastatic cord compression as the first sign of cancer, with a neurological deficit: same-day assessment; whole-spine MRI within 24 hours; acute oncology",
    cites: &[C::NiceQs56],
};
const PATH_EMERGENCY_SEA: Reason = Reason {
    id: "path_emergency_sea",
    text: "Suspected spinal epidural abscess: emergency MRI, infection markers and same-day spinal assessment",
    cites: &[C::Davis2004Sea],
};
const PATH_EMERGENCY_GBS: Reason = Reason {
    id: "path_emergency_gbs",
    text: "Suspected Guillain-Barre syndrome: emergency neurology assessment",
    cites: &[C::GbsCriteria2017],
};
const PATH_EMERGENCY_ALI: Reason = Reason {
    id: "path_emergency_ali",
    text: "Acute limb ischaemia: immediate vascular specialist assessment",
    cites: &[C::Creager2012Ali],
};
const PATH_MIMIC: Reason = Reason {
    id: "path_mimic",
    text: "A non-compressive mimic of myelopathy is likely: separate it (its test and a neurologist) before any spine surgery",
    cites: &[C::Kim2013Mimics, C::Yoshor2005Als],
};
const PATH_MND_EMG_FIRST: Reason = Reason {
    id: "path_mnd_emg_first",
    text: "Features of motor neuron disease with the EMG not yet done: EMG and neurology before any decompression (86% of decompressions in unrecognised ALS brought no improvement); the spinal pathway is decided once the EMG is known",
    cites: &[C::Yoshor2005Als, C::Wijesekera2009Als, C::Kim2013Mimics],
};
const PATH_THORACIC: Reason = Reason {
    id: "path_thoracic",
    text: "Thoracic cord compression on MRI with leg symptoms or cord signs: spinal surgical evaluation",
    cites: &[C::Ando2019Thoracic, C::Aizawa2006Olf],
};
const PATH_BELOW_NECK: Reason = Reason {
    id: "path_below_neck",
    text: "Cord signs that may come from below the neck (leg signs with normal arms, or a truncal sensory level): the thoracic cord needs imaging as well as the cervical cord before the question is settled",
    cites: &[C::Kranz2019Myelopathy, C::Hellmann2013FalseLevel, C::Agarwal2021Acr],
};

const fn path(when: fn(&Ctx<'_>) -> bool, then: Pathway, because: &'static Reason) -> Rule<Pathway> {
    Rule { when, then, because, reads: 0 }
}

/// With a red flag raised: every red flag's emergency pathway applies.
pub(crate) const EMERGENCY_PATHWAY: &[Rule<Pathway>] = &[
    path(ces_flag, Pathway::Emergency, &PATH_EMERGENCY_CES),
    path(rapid_not_only_ischaemic, Pathway::Emergency, &PATH_EMERGENCY_RAPID),
    path(mscc_flag_known_cancer, Pathway::Emergency, &PATH_EMERGENCY_MSCC),
    path(mscc_flag_first_sign, Pathway::Emergency, &PATH_EMERGENCY_MSCC_FIRST_SIGN),
    path(sea_flag, Pathway::Emergency, &PATH_EMERGENCY_SEA),
    path(gbs_flag, Pathway::Emergency, &PATH_EMERGENCY_GBS),
    path(ali_flag, Pathway::Emergency, &PATH_EMERGENCY_ALI),
];

/// Without a red flag: the first row that holds decides.
pub(crate) const PATHWAY: &[Rule<Pathway>] = &[
    // A likely mimic is separated before any spine surgery.
    path(mimic_high, Pathway::FurtherWorkup, &PATH_MIMIC),
    // Motor neuron disease possible: EMG and neurology before decompression, not surgery first.
    path(mnd_before_decompression, Pathway::FurtherWorkup, &PATH_MND_EMG_FIRST),
    path(thoracic_without_established_dcm, Pathway::SurgicalEvaluation, &PATH_THORACIC),
    // Established DCM (compression on MRI with a myelopathic picture).
    path(established_moderate_or_severe, Pathway::SurgicalEvaluation, &PATH_SURGERY_SEVERITY),
    path(established_progressive, Pathway::SurgicalEvaluation, &PATH_SURGERY_PROGRESSION),
    path(established_ungraded, Pathway::SurgicalEvaluation, &PATH_SURGERY_UNGRADED),
    path(established, Pathway::Conservative, &PATH_CONSERVATIVE_MILD),
    // Compression without a myelopathic picture: "non-myelopathic" needs the examination done.
    path(compression_exam_not_done, Pathway::FurtherWorkup, &PATH_WORKUP_EXAM),
    path(compression_with_unexplained_legs, Pathway::FurtherWorkup, &PATH_ATYPICAL_COMPRESSION),
    path(compression, Pathway::Conservative, &PATH_NONMYELOPATHIC),
    path(signal_without_compression, Pathway::FurtherWorkup, &PATH_SIGNAL_WITHOUT_COMPRESSION),
    path(mri_negative_with_suspicion, Pathway::FurtherWorkup, &PATH_SIGNS_WITHOUT_COMPRESSION),
    path(below_neck_not_imaged, Pathway::FurtherWorkup, &PATH_BELOW_NECK),
    path(myelopathy_at_least_moderate, Pathway::FurtherWorkup, &PATH_WORKUP_SUSPICION),
    path(mri_negative_progressive, Pathway::FurtherWorkup, &PATH_PROGRESSIVE_NO_COMPRESSION),
    path(mri_negative_exam_done, Pathway::NoCervicalConcern, &PATH_MRI_NEGATIVE),
    path(exam_not_done, Pathway::FurtherWorkup, &PATH_WORKUP_EXAM),
    path(cervical_mri_indicated, Pathway::FurtherWorkup, &PATH_WORKUP_SUSPICION),
    path(always, Pathway::NoCervicalConcern, &PATH_NO_CONCERN),
];

/// The pathway phase.
pub(crate) fn pathway<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    if emergency_flag(c) {
        engine::all_that_apply(EMERGENCY_PATHWAY, c, t, |c, p| {
            c.d.pathway = p;
            Target::Pathway
        });
    } else if let Some(p) = engine::first_match(PATHWAY, c, Target::Pathway, t) {
        c.d.pathway = p;
    }
}

// ---- The recommendations ---------------------------------------------------------------------

/// How urgent a recommendation is: fixed, or decided by a named rule.
#[derive(Clone, Copy)]
pub(crate) enum Urg {
    Fixed(Urgency),
    By(fn(&Ctx<'_>) -> Urgency),
}

/// A guideline's grade of a recommendation: strength and quality of evidence.
pub(crate) type Grade = (Strength, EvidenceQuality);

/// AO Spine/CSRS 2017 (`clinical-evidence-2.md` §6.1): surgery for moderate and severe DCM,
/// strong recommendation, moderate-quality evidence.
const STRONG_MODERATE: Option<Grade> = Some((Strength::Strong, EvidenceQuality::Moderate));
/// AO Spine/CSRS 2017: surgery or supervised rehabilitation for mild DCM (weak, very low to low:
/// given as low); no prophylactic surgery for non-myelopathic compression, counsel and follow
/// (weak, low).
const WEAK_LOW: Option<Grade> = Some((Strength::Weak, EvidenceQuality::Low));

/// A recommendation row's effect: the action, how urgently, and the guideline's grade.
#[derive(Clone, Copy)]
pub(crate) struct Recommend {
    pub action: A,
    pub urgency: Urg,
    pub grade: Option<Grade>,
}

const fn rec(when: fn(&Ctx<'_>) -> bool, action: A, urgency: Urg, because: &'static Reason) -> Rule<Recommend> {
    Rule { when, then: Recommend { action, urgency, grade: None }, because, reads: 0 }
}
const fn graded(
    when: fn(&Ctx<'_>) -> bool,
    action: A,
    urgency: Urg,
    grade: Option<Grade>,
    because: &'static Reason,
) -> Rule<Recommend> {
    Rule { when, then: Recommend { action, urgency, grade }, because, reads: 0 }
}

const ROUTINE: Urg = Urg::Fixed(Urgency::Routine);
const URGENT: Urg = Urg::Fixed(Urgency::Urgent);
const EMERGENCY: Urg = Urg::Fixed(Urgency::Emergency);

/// Urgent when the course is progressive, routine otherwise.
fn urgent_if_worsening(c: &Ctx<'_>) -> Urgency {
    if c.worsening() {
        Urgency::Urgent
    } else {
        Urgency::Routine
    }
}
/// Urgent with a red flag or a progressive course, routine otherwise.
fn urgent_if_red_flag_or_worsening(c: &Ctx<'_>) -> Urgency {
    if red_flag(c) || c.worsening() {
        Urgency::Urgent
    } else {
        Urgency::Routine
    }
}
/// Urgent when severe or progressive, routine otherwise.
/// The examination today when possible metastatic compression or an abscess waits on it (any
/// deficit moves the MRI to 24 hours or to an emergency: NICE QS56; Davis 2004).
fn exam_pace(c: &Ctx<'_>) -> Urgency {
    let clock = at_least_moderate(c, Condition::MalignantSpinalCordCompression)
        || at_least_moderate(c, Condition::SpinalEpiduralAbscess);
    if clock && !c.umn_exam_done {
        Urgency::Emergency
    } else {
        urgent_if_red_flag_or_worsening(c)
    }
}
fn urgent_if_severe_or_worsening(c: &Ctx<'_>) -> Urgency {
    if severe(c) || c.worsening() {
        Urgency::Urgent
    } else {
        Urgency::Routine
    }
}
/// The urgency [`cervical_mri_urgency`] set.
fn cervical_mri_urgency_set(c: &Ctx<'_>) -> Urgency {
    c.cervical_mri.unwrap_or(Urgency::Routine)
}

// Cervical MRI.
fn mri_emergency(c: &Ctx<'_>) -> bool {
    c.cervical_mri == Some(Urgency::Emergency)
}
/// Cervical MRI indicated, urgent or routine: each indication that holds gives its reason.
fn mri_elective(c: &Ctx<'_>) -> bool {
    matches!(c.cervical_mri, Some(Urgency::Urgent | Urgency::Routine))
}
fn mri_urgent(c: &Ctx<'_>) -> bool {
    c.cervical_mri == Some(Urgency::Urgent)
}
fn mri_for_bilateral(c: &Ctx<'_>) -> bool {
    mri_elective(c) && bilateral_unexplained(c)
}
fn mri_for_progression(c: &Ctx<'_>) -> bool {
    mri_elective(c) && worsening_motor_deficit(c)
}
fn mri_for_umn(c: &Ctx<'_>) -> bool {
    mri_elective(c) && umn_signs_or_gait(c)
}
fn mri_for_bladder(c: &Ctx<'_>) -> bool {
    mri_elective(c) && bladder_with_legs(c)
}
fn mri_for_mjoa(c: &Ctx<'_>) -> bool {
    mri_elective(c) && mjoa_deficit(c)
}
fn mri_for_likelihood(c: &Ctx<'_>) -> bool {
    mri_elective(c) && myelopathy_at_least_moderate(c)
}
fn mri_urgent_progressive(c: &Ctx<'_>) -> bool {
    mri_urgent(c) && c.worsening()
}
fn mri_urgent_likely(c: &Ctx<'_>) -> bool {
    mri_urgent(c) && c.d.myelopathy == Likelihood::High
}
fn mri_urgent_severity(c: &Ctx<'_>) -> bool {
    mri_urgent(c) && moderate_or_severe(c)
}

// Lumbar MRI.
fn ces_likely(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) == Likelihood::High
}
/// Cauda equina possible without the red flag (with the flag, the emergency scans cover it).
fn ces_possible(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) == Likelihood::Moderate && !ces_flag(c)
}
fn lumbar_stenosis_unimaged(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) == Likelihood::Low
        && c.condition(Condition::LumbarSpinalStenosis) >= Likelihood::Moderate
        && (c.has(F::WalkingLegPain) || c.has(F::ReliefWithSittingOrFlexion))
        && !c.known(F::LumbarStenosisOnImaging)
        && !c.has(F::KnownLumbarStenosis)
}

// Vascular and neuropathy work-up.
fn abi_indicated(c: &Ctx<'_>) -> bool {
    (c.p.ankle_brachial_index().is_none()
        && (c.condition(Condition::PeripheralArterialDisease) >= Likelihood::Moderate || c.has(F::WalkingLegPain)))
        || abi_not_interpretable(c)
}
fn neuropathy_possible(c: &Ctx<'_>) -> bool {
    c.condition(Condition::PeripheralNeuropathy) >= Likelihood::Moderate
}

// Surgical referral and conservative care, by where the cord stands.
fn established_rapid(c: &Ctx<'_>) -> bool {
    established(c) && c.rapid()
}
fn established_severe(c: &Ctx<'_>) -> bool {
    established(c) && !c.rapid() && severe(c)
}
fn established_worsening(c: &Ctx<'_>) -> bool {
    established(c) && !c.rapid() && c.worsening()
}
/// Established DCM, neither rapid, severe nor progressive.
fn established_stable(c: &Ctx<'_>) -> bool {
    established(c) && !c.rapid() && !severe(c) && !c.worsening()
}
fn established_stable_mild(c: &Ctx<'_>) -> bool {
    established_stable(c) && (matches!(c.d.severity, Some(SeverityClass::Mild)) || c.d.no_deficit)
}
/// Stable established DCM in the AO Spine mild band (mJOA 15-17): the graded mild recommendation.
fn established_stable_mild_band(c: &Ctx<'_>) -> bool {
    established_stable(c) && matches!(c.d.severity, Some(SeverityClass::Mild))
}
/// Stable established DCM with mJOA 18: below the mild band, no guideline grade.
fn established_stable_no_deficit(c: &Ctx<'_>) -> bool {
    established_stable_mild(c) && !established_stable_mild_band(c)
}
/// Mild established DCM (mJOA 15-17) that deteriorates: AO Spine recommends surgery, within the
/// mild-DCM recommendation (weak, very low to low).
fn established_worsening_mild(c: &Ctx<'_>) -> bool {
    established_worsening(c) && matches!(c.d.severity, Some(SeverityClass::Mild))
}
/// Stable established DCM of moderate severity (severe is never stable here: it is referred
/// urgently).
fn established_stable_moderate(c: &Ctx<'_>) -> bool {
    established_stable(c) && !established_stable_mild(c) && moderate_or_severe(c)
}
/// Stable established DCM not yet graded (no mJOA).
fn established_stable_ungraded(c: &Ctx<'_>) -> bool {
    established_stable(c) && !established_stable_mild(c) && !moderate_or_severe(c)
}
/// The graded DCM rows whose texts quote the AO Spine grade, split by whether a mimic is highly
/// likely: then the grade is not attached and the text says "once the mimic is excluded".
fn established_worsening_moderate_dcm(c: &Ctx<'_>) -> bool {
    established_worsening_moderate(c) && !mimic_high(c)
}
fn established_worsening_moderate_mimic(c: &Ctx<'_>) -> bool {
    established_worsening_moderate(c) && mimic_high(c)
}
fn established_stable_moderate_dcm(c: &Ctx<'_>) -> bool {
    established_stable_moderate(c) && !mimic_high(c)
}
fn established_stable_moderate_mimic(c: &Ctx<'_>) -> bool {
    established_stable_moderate(c) && mimic_high(c)
}
fn established_worsening_mild_dcm(c: &Ctx<'_>) -> bool {
    established_worsening_mild(c) && !mimic_high(c)
}
fn established_worsening_mild_mimic(c: &Ctx<'_>) -> bool {
    established_worsening_mild(c) && mimic_high(c)
}
fn established_stable_mild_band_dcm(c: &Ctx<'_>) -> bool {
    established_stable_mild_band(c) && !mimic_high(c)
}
fn established_stable_mild_band_mimic(c: &Ctx<'_>) -> bool {
    established_stable_mild_band(c) && mimic_high(c)
}
fn nonmyelopathic_compression(c: &Ctx<'_>) -> bool {
    !established(c) && compression(c)
}
/// Cervical MRI indicated, and urgent only because a lumbar emergency comes first.
fn mri_after_lumbar(c: &Ctx<'_>) -> bool {
    mri_urgent(c) && cervical_capped_by_lumbar_emergency(c)
}
fn nonmyelopathic_compression_examined(c: &Ctx<'_>) -> bool {
    nonmyelopathic_compression(c) && c.umn_exam_done
}
fn established_worsening_moderate(c: &Ctx<'_>) -> bool {
    established_worsening(c) && !severe(c) && moderate_or_severe(c)
}
/// A rapid deficit, unless it is in a leg with acute limb ischaemia and no cord or cauda equina
/// sign (then the emergency is vascular).
fn rapid_not_only_ischaemic(c: &Ctx<'_>) -> bool {
    rapid_flag(c) && !(c.d.v2.ali && super::facts::ischaemic_deficit_only(c))
}
fn nonmyelopathic_compression_unexplained_legs(c: &Ctx<'_>) -> bool {
    nonmyelopathic_compression(c) && unexplained_legs(c)
}
/// The thoracic cord is recorded as imaged without compression.
fn thoracic_clear(c: &Ctx<'_>) -> bool {
    c.lacks(F::ThoracicCordCompressionOnMri)
}
/// A progressive deficit with a clear cervical MRI, the thoracic cord not yet shown clear and no
/// likely mimic: a spine referral for thoracic causes.
fn refer_progressive_no_compression(c: &Ctx<'_>) -> bool {
    mri_negative_progressive(c) && !thoracic_clear(c) && !mimic_high(c)
}
/// A progressive deficit with both the cervical and the thoracic cord imaged without compression:
/// neurology (neuromuscular and other non-compressive causes), not a spine referral.
fn neuro_progressive_no_compression(c: &Ctx<'_>) -> bool {
    mri_negative_progressive(c) && thoracic_clear(c)
}
fn refer_signs_without_compression(c: &Ctx<'_>) -> bool {
    mri_negative(c) && !worsening_motor_deficit(c) && myelopathy_at_least_moderate(c) && !mimic_high(c)
}
/// Not imaged, myelopathy highly likely with a moderate or severe mJOA or a progressive course,
/// in an adult (or age not recorded): a degenerative cause is not the working diagnosis in a
/// child, nor while a mimic is at least moderately likely (the MRI decides whether there is
/// compression to refer; part 2 §3.6: B12 is treated, the others go to neurology).
fn refer_before_mri(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NotImaged
        && c.d.myelopathy == Likelihood::High
        && (moderate_or_severe(c) || c.worsening())
        && !super::myelopathy::child(c)
        && !c.d.v2.mimic
}
/// A child with a possible cord picture: neurology beside the spinal imaging.
fn child_with_cord_picture(c: &Ctx<'_>) -> bool {
    super::myelopathy::child(c) && myelopathy_at_least_moderate(c)
}
fn monitor_without_concern(c: &Ctx<'_>) -> bool {
    c.d.pathway == Pathway::NoCervicalConcern && !mri_negative(c) && c.any(LEG_SYMPTOMS)
}

const MRI_EMERGENCY: Reason = Reason {
    id: "mri_emergency",
    text: "Rapidly progressive or red-flag presentation with a cervical concern: MRI of the cervical spine today",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const MRI_AFTER_LUMBAR: Reason = Reason {
    id: "mri_after_lumbar",
    text: "Urgent, after the emergency lumbosacral MRI: no cord sign is recorded, so the cervical MRI is not the first scan",
    cites: &[C::Girft2023Ces, C::Todd2016Ces],
};
const MRI_MODALITY: Reason = Reason {
    id: "mri_modality",
    text: "MRI of the cervical spine without contrast is the modality of choice for suspected myelopathy",
    cites: &[C::RothAcrMyelopathy, C::Seed],
};
const MRI_FOR_BILATERAL: Reason = Reason {
    id: "mri_for_bilateral",
    text: "Indicated: bilateral leg symptoms without clear lumbar (or other) pathology",
    cites: &[C::Seed, C::Davies2018Bmj, C::Langfitt1967],
};
const MRI_FOR_PROGRESSION: Reason = Reason {
    id: "mri_for_progression",
    text: "Indicated: progressive leg weakness or gait disturbance",
    cites: &[C::Seed, C::Jiang2024Symptoms],
};
const MRI_FOR_UMN: Reason = Reason {
    id: "mri_for_umn",
    text: "Indicated: upper motor neuron signs on examination",
    cites: &[C::Seed, C::Bentley2001],
};
const MRI_FOR_BLADDER: Reason = Reason {
    id: "mri_for_bladder",
    text: "Indicated: bladder dysfunction alongside leg symptoms",
    cites: &[C::Seed, C::Davies2018Bmj, C::Jiang2024Symptoms],
};
const MRI_FOR_MJOA: Reason = Reason {
    id: "mri_for_mjoa",
    text: "Indicated: an mJOA of 14 or less records a myelopathy disability",
    cites: &[C::Tetreault2017Mjoa, C::Fehlings2017Guideline],
};
const MRI_FOR_LIKELIHOOD: Reason = Reason {
    id: "mri_for_likelihood",
    text: "Indicated: the clinical picture makes cervical myelopathy moderately or highly likely",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const MRI_URGENT_PROGRESSIVE: Reason = Reason {
    id: "mri_urgent_progressive",
    text: "Urgent because the course is progressive: untreated cord compression can cause irreversible damage",
    cites: &[C::Seed, C::Karadimas2013],
};
const MRI_URGENT_LIKELY: Reason = Reason {
    id: "mri_urgent_likely",
    text: "Urgent because myelopathy is likely (high likelihood on the clinical findings)",
    cites: &[C::Seed, C::Cook2010Cpr],
};
const MRI_URGENT_SEVERITY: Reason = Reason {
    id: "mri_urgent_severity",
    text: "Urgent because the mJOA is in the moderate or severe range, where surgery is recommended",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const LUMBAR_MRI_CES: Reason = Reason {
    id: "lumbar_mri_ces",
    text: "Suspected cauda equina syndrome: emergency MRI of the lumbosacral spine, within 4 hours of the request",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const LUMBAR_MRI_CES_POSSIBLE: Reason = Reason {
    id: "lumbar_mri_ces_possible",
    text: "Cauda equina syndrome possible (its reasons are in the differential) without a suspected-CES red flag: exclude cauda equina compression with an urgent MRI of the lumbosacral spine",
    cites: &[C::Girft2023Ces, C::Dionne2019],
};
const LUMBAR_MRI_LSS: Reason = Reason {
    id: "lumbar_mri_lss",
    text: "Possible lumbar stenosis: MRI is the most appropriate non-invasive test to confirm canal narrowing",
    cites: &[C::Nass2011],
};
pub(crate) const EXAM_INCOMPLETE: Reason = Reason {
    id: "exam_incomplete",
    text: "Complete the neurological examination including the upper motor neuron signs: leaving it out is a recognised cause of missed myelopathy",
    cites: &[C::Seed, C::Cook2010Cpr, C::Davies2018Bmj],
};
const ABI_INDICATED: Reason = Reason {
    id: "abi_indicated",
    text: "Exertional leg symptoms or a suggestion of PAD: a resting ankle-brachial index is recommended",
    cites: &[C::AhaAcc2016Pad, C::Khan2006],
};
const NCS_INDICATED: Reason = Reason {
    id: "ncs_indicated",
    text: "Possible peripheral neuropathy: nerve conduction studies are the reference standard",
    cites: &[C::Kanji2010, C::Abraham2017],
};
const REFER_SURGERY: Reason = Reason {
    id: "refer_surgery",
    text: "Degenerative cervical myelopathy needing surgical evaluation for decompression",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const REFER_MODERATE: Reason = Reason {
    id: "refer_moderate",
    text: "Degenerative cervical myelopathy of moderate severity (mJOA 12-14): surgical decompression is recommended (AO Spine/CSRS: strong recommendation, moderate-quality evidence)",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const REFER_MODERATE_MIMIC: Reason = Reason {
    id: "refer_moderate_mimic",
    text: "Moderate myelopathy (mJOA 12-14) with cord compression while a mimic is highly likely: decompression is the guideline's recommendation for degenerative cervical myelopathy once the mimic is excluded",
    cites: &[C::Fehlings2017Guideline, C::Kim2013Mimics],
};
const REFER_URGENT_SEVERE: Reason = Reason {
    id: "refer_urgent_severe",
    text: "Severe myelopathy: the likelihood of improvement without surgery is low, so refer urgently",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const REFER_URGENT_PROGRESSIVE: Reason = Reason {
    id: "refer_urgent_progressive",
    text: "Progressive myelopathy: operative treatment is recommended on neurological deterioration, so refer urgently",
    cites: &[C::Fehlings2017Guideline, C::Fehlings2013Consensus],
};
const REFER_SIGNS_WITHOUT_COMPRESSION: Reason = Reason {
    id: "refer_signs_without_compression",
    text: "Upper motor neuron signs without compression on a neutral MRI: specialist assessment (dynamic MRI in extension; other lesions above L1)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const REFER_SIGNAL: Reason = Reason {
    id: "refer_signal",
    text: "Cord signal change without reported compression: specialist assessment (dynamic imaging in extension, other causes of myelopathy)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const REFER_MILD: Reason = Reason {
    id: "refer_mild",
    text:
        "Mild myelopathy: discuss surgery as an alternative to supervised rehabilitation (AO Spine: weak recommendation, very low to low quality evidence)",
    cites: &[C::Fehlings2017Guideline, C::Badhiwala2019],
};
const REFER_MILD_MIMIC: Reason = Reason {
    id: "refer_mild_mimic",
    text: "Mild myelopathy with cord compression while a mimic is highly likely: surgery or supervised rehabilitation for degenerative cervical myelopathy are discussed once the mimic is excluded",
    cites: &[C::Fehlings2017Guideline, C::Kim2013Mimics],
};
const REFER_MILD_DETERIORATING_MIMIC: Reason = Reason {
    id: "refer_mild_deteriorating_mimic",
    text: "Mild myelopathy that deteriorates while a mimic is highly likely: operative intervention on deterioration is the guideline's advice for degenerative cervical myelopathy once the mimic is excluded",
    cites: &[C::Fehlings2017Guideline, C::Kim2013Mimics],
};
const REFER_MILD_DETERIORATING: Reason = Reason {
    id: "refer_mild_deteriorating",
    text: "Mild myelopathy that deteriorates: AO Spine recommends operative intervention on neurological deterioration (part of the mild-DCM recommendation: weak, very low to low quality evidence)",
    cites: &[C::Fehlings2017Guideline],
};
const REHAB_NO_DEFICIT: Reason = Reason {
    id: "rehab_no_deficit",
    text: "Myelopathy without disability managed without surgery: supervised structured rehabilitation (no graded guideline recommendation for this band)",
    cites: &[C::Fehlings2017Guideline],
};
const MONITOR_NO_DEFICIT: Reason = Reason {
    id: "monitor_no_deficit",
    text: "Monitor for progression and operate if it deteriorates (no graded guideline recommendation below the mild band)",
    cites: &[C::Fehlings2017Guideline],
};
const REFER_NO_DEFICIT: Reason = Reason {
    id: "refer_no_deficit",
    text: "Myelopathic sign with compression and a full mJOA score (18, no disability): below the AO Spine mild band (15-17), so no graded guideline recommendation applies; discuss surgery as an alternative to supervised rehabilitation",
    cites: &[C::Fehlings2017Guideline, C::Tetreault2017Mjoa],
};
const REFER_ATYPICAL: Reason = Reason {
    id: "refer_atypical",
    text: "Cord compression that may explain leg pain (false localisation): specialist assessment",
    cites: &[C::Langfitt1967],
};
const REFER_BEFORE_MRI: Reason = Reason {
    id: "refer_before_mri",
    text: "High likelihood of myelopathy with a severe or progressive deficit: refer in parallel with imaging",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const EMERGENCY_EVAL_CES: Reason = Reason {
    id: "emergency_eval_ces",
    text: "Suspected cauda equina syndrome: immediate referral to the on-call spinal team",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const EMERGENCY_EVAL_RAPID: Reason = Reason {
    id: "emergency_eval_rapid",
    text: "Rapidly progressive deficit: same-day spinal assessment",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const REFER_EMERGENCY_RAPID_DCM: Reason = Reason {
    id: "refer_emergency_rapid_dcm",
    text: "Rapidly progressive myelopathy with cord compression on MRI: same-day spinal surgical assessment for decompression",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const REHAB: Reason = Reason {
    id: "rehab",
    text: "Mild myelopathy managed without surgery: supervised structured rehabilitation",
    cites: &[C::Fehlings2017Guideline, C::Seed],
};
const COLLAR: Reason = Reason {
    id: "collar",
    text: "Mild myelopathy managed without surgery: the seed lists a cervical collar for stabilisation (the AO Spine guideline makes no specific collar recommendation)",
    cites: &[C::Seed],
};
const MONITOR_MILD: Reason = Reason {
    id: "monitor_mild",
    text:
        "Monitor for progression: about 16-27% of mild DCM deteriorate over about 3 years; operate if it deteriorates",
    cites: &[C::Fehlings2017Guideline, C::Kong2013, C::NaturalHistory2023],
};
const MONITOR_NONMYELOPATHIC: Reason = Reason {
    id: "monitor_nonmyelopathic",
    text: "Follow clinically and teach the signs of myelopathy: about 8% develop myelopathy at 1 year and 23% by about 4 years",
    cites: &[C::Fehlings2017Guideline, C::Wilson2013],
};
const MONITOR_GENERAL: Reason = Reason {
    id: "monitor_general",
    text:
        "Re-examine for upper motor neuron signs if leg symptoms progress or new arm, gait or bladder symptoms appear",
    cites: &[C::Seed, C::Davies2018Bmj],
};

// ---- Version 2 reasons: imaging to the level of the signs, the mimics, infection, cancer, ischaemia

const WHOLE_SPINE_LEVEL: Reason = Reason {
    id: "whole_spine_level",
    text: "Truncal sensory level: MRI of the whole spine, since the lesion lies at or above the level and may be cervical (6-11 segments higher); with contrast where tumour, infection or inflammation is suspected",
    cites: &[C::Kranz2019Myelopathy, C::Hellmann2013FalseLevel, C::Agarwal2021Acr],
};
const THORACIC_LEGS_ONLY: Reason = Reason {
    id: "thoracic_legs_only",
    text: "Upper motor neuron signs in the legs with normal arms: MRI of the thoracic spine beside the cervical cord (image the area of interest; thoracic lesions pass for lumbar disease)",
    cites: &[C::Agarwal2021Acr, C::Ando2019Thoracic, C::Ko2011Meningioma],
};
const CERVICAL_FALSE_LEVEL: Reason = Reason {
    id: "cervical_false_level",
    text: "A truncal sensory level with no thoracic cord compression: image the cervical cord (and the brain), where the lesion lay in 12 such patients",
    cites: &[C::Hellmann2013FalseLevel],
};
const BRAIN_FALSE_LEVEL: Reason = Reason {
    id: "brain_false_level",
    text: "A truncal sensory level with no thoracic cord compression: the lesion can be in the brain (demyelination)",
    cites: &[C::Hellmann2013FalseLevel],
};
const WHOLE_SPINE_MSCC: Reason = Reason {
    id: "whole_spine_mscc",
    text: "Suspected metastatic spinal cord compression with neurological symptoms or signs: whole-spine MRI within 24 hours (only 16% had a sensory level near the MRI level)",
    cites: &[C::NiceQs56, C::NiceNg234],
};
const WHOLE_SPINE_MSCC_FIRST_SIGN: Reason = Reason {
    id: "whole_spine_mscc_first_sign",
    text: "Unexplained weight loss with back or neck pain and a neurological deficit: metastatic cord compression can be the first sign of cancer (23%); whole-spine MRI within 24 hours; acute oncology",
    cites: &[C::NiceQs56],
};
const WHOLE_SPINE_MSCC_PAIN: Reason = Reason {
    id: "whole_spine_mscc_pain",
    text: "Cancer history with spinal (back or neck) pain and no neurological symptom or sign recorded: whole-spine MRI within 1 week (within 24 hours if the examination finds any deficit)",
    cites: &[C::NiceQs56],
};
const MSCC_REFERRAL: Reason = Reason {
    id: "mscc_referral",
    text: "Contact the MSCC coordinator (or acute oncology) immediately when a person with cancer has symptoms or signs of cord compression",
    cites: &[C::Hawkins2023Mscc, C::NiceNg234],
};
const MSCC_REFERRAL_PAIN: Reason = Reason {
    id: "mscc_referral_pain",
    text:
        "Cancer history with spinal pain suggestive of metastases: discuss with the MSCC coordinator or acute oncology",
    cites: &[C::NiceQs56, C::NiceNg234],
};
const EMERGENCY_EVAL_MSCC: Reason = Reason {
    id: "emergency_eval_mscc",
    text: "Suspected metastatic cord compression: same-day spinal and oncology assessment (immobilise if the spine may be unstable)",
    cites: &[C::Hawkins2023Mscc],
};
const EMERGENCY_EVAL_MSCC_FIRST_SIGN: Reason = Reason {
    id: "emergency_eval_mscc_first_sign",
    text: "Possible metastatic cord compression as the first sign of cancer, with a neurological deficit: same-day spinal assessment (immobilise if the spine may be unstable) and acute oncology",
    cites: &[C::NiceQs56, C::Hawkins2023Mscc],
};
const WHOLE_SPINE_SEA: Reason = Reason {
    id: "whole_spine_sea",
    text: "Suspected spinal epidural abscess: emergency MRI of the spine (whole spine: an abscess may extend over several levels), with contrast",
    cites: &[C::Davis2004Sea, C::Agarwal2021Acr],
};
const WHOLE_SPINE_SEA_POSSIBLE: Reason = Reason {
    id: "whole_spine_sea_possible",
    text: "Possible spinal epidural abscess (infection risk or fever with back pain): urgent MRI of the spine; do not wait for fever or a deficit",
    cites: &[C::Davis2004Sea],
};
const WHOLE_SPINE_SEA_DEFICIT: Reason = Reason {
    id: "whole_spine_sea_deficit",
    text: "Possible spinal epidural abscess (fever or an infection risk with a neurological deficit; spinal pain not recorded): MRI of the whole spine, at the pace of the deficit",
    cites: &[C::Davis2004Sea],
};
const INFECTION_MARKERS: Reason = Reason {
    id: "infection_markers",
    text: "Spinal infection suspected: ESR (more useful than the white cell count), CRP and blood cultures",
    cites: &[C::Davis2004Sea],
};
const EMERGENCY_EVAL_SEA: Reason = Reason {
    id: "emergency_eval_sea",
    text:
        "Suspected spinal epidural abscess: same-day spinal assessment (delay was followed by residual weakness in 45%)",
    cites: &[C::Davis2004Sea],
};
const WHOLE_SPINE_CES_NEGATIVE: Reason = Reason {
    id: "whole_spine_ces_negative",
    text: "Cauda equina red flags with no lumbar stenosis on imaging: complete the imaging beyond the lumbar spine (whole spine)",
    cites: &[C::Todd2016Ces],
};
const WHOLE_SPINE_CES_CORD: Reason = Reason {
    id: "whole_spine_ces_cord",
    text: "Cauda equina red flags with cord signs: image the whole spine (the lesion may be in the cord above the cauda equina)",
    cites: &[C::Todd2016Ces, C::Kranz2019Myelopathy],
};
const LUMBAR_MRI_LMN: Reason = Reason {
    id: "lumbar_mri_lmn",
    text: "Lower motor neuron pattern (reduced knee or ankle reflexes or tone, no upper motor neuron sign): image the lumbosacral spine, where the roots and cauda equina are",
    cites: &[C::Kessler2022Lmn, C::Todd2016Ces],
};
const LUMBAR_MRI_RADICULAR: Reason = Reason {
    id: "lumbar_mri_radicular",
    text: "Progressive leg weakness with a radicular picture (sciatica, a positive straight-leg raise or a foot drop) and no leg cord sign: image the lumbosacral spine, the root level the signs point to",
    cites: &[C::Todd2016Ces, C::Bentley2001],
};
const NEURO_GBS: Reason = Reason {
    id: "neuro_gbs",
    text: "Suspected Guillain-Barre syndrome: neurology now (watch breathing and swallowing), nerve conduction studies and CSF",
    cites: &[C::GbsCriteria2017],
};
const NEURO_GBS_POSSIBLE: Reason = Reason {
    id: "neuro_gbs_possible",
    text: "Weakness with reduced or absent reflexes: Guillain-Barre syndrome is possible (its reasons are in the differential); neurology and nerve conduction studies",
    cites: &[C::GbsCriteria2017],
};
const NCS_GBS: Reason = Reason {
    id: "ncs_gbs",
    text: "Nerve conduction studies for the demyelinating or axonal pattern of Guillain-Barre syndrome",
    cites: &[C::GbsCriteria2017],
};
const EMG_MND: Reason = Reason {
    id: "emg_mnd",
    text: "EMG for widespread denervation (motor neuron disease) before any decompression",
    cites: &[C::Wijesekera2009Als, C::Yoshor2005Als],
};
const NEURO_MND: Reason = Reason {
    id: "neuro_mnd",
    text: "Features of motor neuron disease: neurology before spine surgery (86% of decompressions in unrecognised ALS brought no improvement)",
    cites: &[C::Yoshor2005Als, C::Wijesekera2009Als],
};
const B12_TESTS: Reason = Reason {
    id: "b12_tests",
    text: "Possible B12 or copper deficiency: vitamin B12 with methylmalonic acid or homocysteine, folate, copper, caeruloplasmin, zinc and a full blood count (anaemia may be absent)",
    cites: &[C::Briani2013B12, C::Jaiser2010Copper],
};
const NEURO_NUTRITIONAL: Reason = Reason {
    id: "neuro_nutritional",
    text: "Nutritional myelopathy: treat the deficiency and refer to neurology (recovery after copper is partial)",
    cites: &[C::Jaiser2010Copper, C::Briani2013B12],
};
const BRAIN_MRI_DEMYELINATION: Reason = Reason {
    id: "brain_mri_demyelination",
    text: "Features of multiple sclerosis or NMOSD: brain MRI (and CSF oligoclonal bands, AQP4-IgG)",
    cites: &[C::Kim2013Mimics, C::Wingerchuk2015Nmosd],
};
const NEURO_DEMYELINATION: Reason = Reason {
    id: "neuro_demyelination",
    text: "Features of multiple sclerosis or NMOSD: neurology",
    cites: &[C::Kim2013Mimics, C::Wingerchuk2015Nmosd],
};
const NEURO_HSP: Reason = Reason {
    id: "neuro_hsp",
    text: "Possible hereditary spastic paraplegia: neurology and genetic testing",
    cites: &[C::Hensiek2015Hsp],
};
const BRAIN_MRI_NPH: Reason = Reason {
    id: "brain_mri_nph",
    text: "Gait disturbance with cognitive decline: brain imaging for ventricular enlargement (Evans index above 0.3)",
    cites: &[C::Verrees2004Nph],
};
const NEURO_NPH: Reason = Reason {
    id: "neuro_nph",
    text: "Possible normal pressure hydrocephalus: neurology or neurosurgery (CSF tap test)",
    cites: &[C::Verrees2004Nph],
};
const THORACIC_SDAVF: Reason = Reason {
    id: "thoracic_sdavf",
    text: "Possible spinal dural arteriovenous fistula: MRI of the thoracic spine with contrast, then spinal angiography (the gold standard)",
    cites: &[C::Jeng2015Sdavf, C::Brinjikji2016Sdavf],
};
const NEURO_SDAVF: Reason = Reason {
    id: "neuro_sdavf",
    text: "Possible spinal dural arteriovenous fistula: neurology, neurosurgery or neuro-interventional radiology without delay (delay harms)",
    cites: &[C::Brinjikji2016Sdavf],
};
const NEURO_NO_COMPRESSION: Reason = Reason {
    id: "neuro_no_compression",
    text: "Cord signs without compression on MRI: a non-compressive work-up (blood tests, brain MRI, CSF, EMG, family history) and neurology, not spine surgery alone",
    cites: &[C::Kim2013Mimics],
};
const THORACIC_NO_COMPRESSION: Reason = Reason {
    id: "thoracic_no_compression",
    text: "Leg upper motor neuron signs with no cervical cord compression: image the thoracic cord (a lesion elsewhere above L1)",
    cites: &[C::Bentley2001, C::Agarwal2021Acr],
};
const NEURO_PROGRESSIVE_NO_COMPRESSION: Reason = Reason {
    id: "neuro_progressive_no_compression",
    text: "Progressive deficit with no compression on cervical or thoracic MRI: a non-compressive or neuromuscular cause; neurology (not spine surgery alone)",
    cites: &[C::Kim2013Mimics, C::Bentley2001],
};
const NEURO_CHILD: Reason = Reason {
    id: "neuro_child",
    text: "A child (under 18) with a possible cord picture: a degenerative cause is unlikely (degenerative cervical myelopathy is considered over 50), so neurology beside the spinal MRI, not a spine-surgery referral before it (the evidence digests give no paediatric evidence)",
    cites: &[C::Davies2018Bmj, C::Kim2013Mimics],
};
const NEURO_AFTER_DECOMPRESSION: Reason = Reason {
    id: "neuro_after_decompression",
    text: "Prior spine surgery with a worsening course: if the worsening began after an adequate decompression, reconsider motor neuron disease and the other mimics (neurology, EMG)",
    cites: &[C::Yoshor2005Als, C::Kim2013Mimics],
};
const TEST_BESIDE_SPINE: Reason = Reason {
    id: "test_beside_spine",
    text: "As soon as the spine-surgery referral: this test separates a mimic whose features are present, before any spine surgery",
    cites: &[C::Kim2013Mimics, C::Yoshor2005Als],
};
const NEURO_BESIDE_SPINE: Reason = Reason {
    id: "neuro_beside_spine",
    text: "Neurology before or beside the spine referral: mimic features or cord signs without compression are present",
    cites: &[C::Kim2013Mimics, C::Yoshor2005Als],
};
const REFER_THORACIC: Reason = Reason {
    id: "refer_thoracic",
    text: "Thoracic cord compression on MRI with leg symptoms or cord signs: spinal surgical evaluation (tumours and ossified ligaments are most operated causes)",
    cites: &[C::Ando2019Thoracic, C::Aizawa2006Olf],
};
const VASCULAR_ALI: Reason = Reason {
    id: "vascular_ali",
    text: "Acute limb ischaemia: immediate vascular specialist (anticoagulation and revascularisation for a threatened limb)",
    cites: &[C::Creager2012Ali, C::Gornik2024Pad],
};
const MRI_AFTER_VASCULAR: Reason = Reason {
    id: "mri_after_vascular",
    text: "Acute limb ischaemia is present: the immediate vascular assessment comes first (a pulseless leg with any weakness is an immediately threatened limb); the spinal imaging follows the same day",
    cites: &[C::Creager2012Ali],
};
const VASCULAR_CLTI: Reason = Reason {
    id: "vascular_clti",
    text: "Suspected chronic limb-threatening ischaemia: urgent referral to a vascular specialist; toe pressures",
    cites: &[C::Conte2019Clti],
};
const WHOLE_SPINE_COVERS: Reason = Reason {
    id: "whole_spine_covers",
    text: "The whole-spine MRI includes the cervical and thoracic spine",
    cites: &[C::Agarwal2021Acr],
};

/// How fast the imaging for the level of the signs is needed: emergency with a red flag needing
/// action today or a rapid course, urgent when progressive, routine otherwise.
fn pace(c: &Ctx<'_>) -> Urgency {
    if c.rapid() || emergency_flag(c) {
        Urgency::Emergency
    } else if c.worsening() {
        Urgency::Urgent
    } else {
        Urgency::Routine
    }
}
fn pace_at_least_urgent(c: &Ctx<'_>) -> Urgency {
    pace(c).max(Urgency::Urgent)
}
fn mimic_pace(c: &Ctx<'_>) -> Urgency {
    urgent_if_worsening(c)
}
fn mimic_pace_at_least_urgent(c: &Ctx<'_>) -> Urgency {
    mimic_pace(c).max(Urgency::Urgent)
}
fn level_not_thoracic_imaged(c: &Ctx<'_>) -> bool {
    c.d.v2.below_neck && c.has(F::TruncalSensoryLevel) && !c.known(F::ThoracicCordCompressionOnMri)
}
fn level_thoracic_clear_cervical_not_imaged(c: &Ctx<'_>) -> bool {
    c.d.v2.below_neck
        && c.has(F::TruncalSensoryLevel)
        && c.lacks(F::ThoracicCordCompressionOnMri)
        && c.d.imaging == CervicalImaging::NotImaged
}
fn legs_only_thoracic_not_imaged(c: &Ctx<'_>) -> bool {
    c.d.v2.below_neck && !c.has(F::TruncalSensoryLevel) && !c.known(F::ThoracicCordCompressionOnMri)
}
fn mscc_high(c: &Ctx<'_>) -> bool {
    c.condition(Condition::MalignantSpinalCordCompression) == Likelihood::High
}
/// Possible metastases in a known cancer (spinal pain, no neurological symptom or sign).
fn mscc_moderate(c: &Ctx<'_>) -> bool {
    c.condition(Condition::MalignantSpinalCordCompression) == Likelihood::Moderate && c.has(F::CancerHistory)
}
/// Possible MSCC as the first sign of cancer: no known cancer, but weight loss, back pain and a
/// neurological deficit; the deficit sets the 24-hour clock (QS56 statement 3).
fn mscc_first_sign(c: &Ctx<'_>) -> bool {
    super::alerts::mscc_first_sign(c)
}
fn sea_high(c: &Ctx<'_>) -> bool {
    c.condition(Condition::SpinalEpiduralAbscess) == Likelihood::High
}
fn sea_moderate(c: &Ctx<'_>) -> bool {
    c.condition(Condition::SpinalEpiduralAbscess) == Likelihood::Moderate
        && !super::localisation::infection_deficit_without_spinal_pain(c)
}
/// Possible SEA from fever or an infection risk with a deficit, spinal pain not recorded: the scan
/// and the markers go at the deficit's pace, at least urgent.
fn sea_moderate_deficit(c: &Ctx<'_>) -> bool {
    c.condition(Condition::SpinalEpiduralAbscess) == Likelihood::Moderate
        && super::localisation::infection_deficit_without_spinal_pain(c)
}
fn ces_lumbar_imaging_clear(c: &Ctx<'_>) -> bool {
    ces_flag(c) && c.lacks(F::LumbarStenosisOnImaging)
}
fn ces_with_cord_pattern(c: &Ctx<'_>) -> bool {
    ces_flag(c) && loc::cord_pattern(c)
}
fn lmn_lumbar_not_imaged(c: &Ctx<'_>) -> bool {
    c.d.v2.lmn && !c.known(F::LumbarStenosisOnImaging)
}
/// A worsening radicular motor deficit with no leg cord sign, the lumbar spine not yet imaged.
fn radicular_lumbar_not_imaged(c: &Ctx<'_>) -> bool {
    loc::radicular_motor_deficit(c) && !c.known(F::LumbarStenosisOnImaging)
}
fn gbs_high(c: &Ctx<'_>) -> bool {
    c.condition(Condition::GuillainBarreSyndrome) == Likelihood::High
}
fn gbs_moderate(c: &Ctx<'_>) -> bool {
    c.condition(Condition::GuillainBarreSyndrome) == Likelihood::Moderate
}
fn gbs_possible(c: &Ctx<'_>) -> bool {
    c.condition(Condition::GuillainBarreSyndrome) >= Likelihood::Moderate
}
fn at_least_moderate(c: &Ctx<'_>, x: Condition) -> bool {
    c.condition(x) >= Likelihood::Moderate
}
fn mnd_possible(c: &Ctx<'_>) -> bool {
    at_least_moderate(c, Condition::MotorNeuronDisease)
}
fn mnd_possible_emg_not_done(c: &Ctx<'_>) -> bool {
    mnd_possible(c) && !c.known(F::EmgWidespreadDenervation)
}
fn nutritional_possible(c: &Ctx<'_>) -> bool {
    at_least_moderate(c, Condition::NutritionalMyelopathy)
}
fn demyelination_possible(c: &Ctx<'_>) -> bool {
    at_least_moderate(c, Condition::DemyelinatingDisease)
}
fn demyelination_brain_not_imaged(c: &Ctx<'_>) -> bool {
    demyelination_possible(c) && !c.has(F::BrainMriDemyelinatingLesions)
}
fn hsp_possible(c: &Ctx<'_>) -> bool {
    at_least_moderate(c, Condition::HereditarySpasticParaplegia)
}
fn nph_possible(c: &Ctx<'_>) -> bool {
    at_least_moderate(c, Condition::NormalPressureHydrocephalus)
}
fn nph_not_imaged(c: &Ctx<'_>) -> bool {
    nph_possible(c) && !c.known(F::VentriculomegalyOnImaging)
}
fn sdavf_possible(c: &Ctx<'_>) -> bool {
    at_least_moderate(c, Condition::SpinalDuralAvFistula)
}
fn no_compression_signs(c: &Ctx<'_>) -> bool {
    c.d.v2.no_compression_signs
}
fn no_compression_brain_not_imaged(c: &Ctx<'_>) -> bool {
    no_compression_signs(c) && !c.has(F::BrainMriDemyelinatingLesions) && !c.known(F::VentriculomegalyOnImaging)
}
fn no_compression_legs_thoracic_not_imaged(c: &Ctx<'_>) -> bool {
    no_compression_signs(c) && c.any(LEG_UMN) && !c.known(F::ThoracicCordCompressionOnMri)
}
fn after_decompression(c: &Ctx<'_>) -> bool {
    c.d.v2.after_decompression
}
fn after_decompression_emg_not_done(c: &Ctx<'_>) -> bool {
    after_decompression(c) && !c.known(F::EmgWidespreadDenervation)
}
fn ali(c: &Ctx<'_>) -> bool {
    c.d.v2.ali
}
fn clti(c: &Ctx<'_>) -> bool {
    c.d.v2.clti
}
fn ali_with_cervical_emergency(c: &Ctx<'_>) -> bool {
    ali(c) && mri_emergency(c)
}

/// Every recommendation row; each that holds recommends its action (the highest urgency wins).
pub(crate) const RECOMMENDATIONS: &[Rule<Recommend>] = &[
    // Cervical MRI.
    rec(mri_emergency, A::CervicalMri, EMERGENCY, &MRI_EMERGENCY),
    rec(mri_for_bilateral, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_FOR_BILATERAL),
    rec(mri_for_progression, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_FOR_PROGRESSION),
    rec(mri_for_umn, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_FOR_UMN),
    rec(mri_for_bladder, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_FOR_BLADDER),
    rec(mri_for_mjoa, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_FOR_MJOA),
    rec(mri_for_likelihood, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_FOR_LIKELIHOOD),
    rec(mri_elective, A::CervicalMri, Urg::By(cervical_mri_urgency_set), &MRI_MODALITY),
    rec(mri_urgent_progressive, A::CervicalMri, URGENT, &MRI_URGENT_PROGRESSIVE),
    rec(mri_urgent_likely, A::CervicalMri, URGENT, &MRI_URGENT_LIKELY),
    rec(mri_urgent_severity, A::CervicalMri, URGENT, &MRI_URGENT_SEVERITY),
    rec(mri_after_lumbar, A::CervicalMri, URGENT, &MRI_AFTER_LUMBAR),
    // Lumbar MRI.
    rec(ces_likely, A::LumbarMri, EMERGENCY, &LUMBAR_MRI_CES),
    rec(ces_possible, A::LumbarMri, URGENT, &LUMBAR_MRI_CES_POSSIBLE),
    rec(lumbar_stenosis_unimaged, A::LumbarMri, ROUTINE, &LUMBAR_MRI_LSS),
    // Neurological examination.
    rec(exam_to_complete, A::CompleteNeurologicalExam, Urg::By(exam_pace), &EXAM_INCOMPLETE),
    // Vascular and neuropathy work-up.
    rec(abi_indicated, A::AnkleBrachialIndex, ROUTINE, &ABI_INDICATED),
    rec(neuropathy_possible, A::NerveConductionStudy, ROUTINE, &NCS_INDICATED),
    // Emergency evaluation.
    rec(ces_flag, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_CES),
    rec(rapid_not_only_ischaemic, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_RAPID),
    // Surgical referral and conservative care: established DCM.
    rec(established_rapid, A::SpineSurgeryReferral, EMERGENCY, &REFER_EMERGENCY_RAPID_DCM),
    graded(established_severe, A::SpineSurgeryReferral, URGENT, STRONG_MODERATE, &REFER_URGENT_SEVERE),
    graded(established_worsening_moderate_dcm, A::SpineSurgeryReferral, URGENT, STRONG_MODERATE, &REFER_MODERATE),
    rec(established_worsening_moderate_mimic, A::SpineSurgeryReferral, URGENT, &REFER_MODERATE_MIMIC),
    graded(established_worsening_mild_dcm, A::SpineSurgeryReferral, URGENT, WEAK_LOW, &REFER_MILD_DETERIORATING),
    rec(established_worsening_mild_mimic, A::SpineSurgeryReferral, URGENT, &REFER_MILD_DETERIORATING_MIMIC),
    rec(established_worsening, A::SpineSurgeryReferral, URGENT, &REFER_URGENT_PROGRESSIVE),
    graded(established_stable_mild_band_dcm, A::SpineSurgeryReferral, ROUTINE, WEAK_LOW, &REFER_MILD),
    rec(established_stable_mild_band_mimic, A::SpineSurgeryReferral, ROUTINE, &REFER_MILD_MIMIC),
    graded(established_stable_mild_band, A::PhysicalTherapy, ROUTINE, WEAK_LOW, &REHAB),
    graded(established_stable_mild_band, A::ClinicalMonitoring, ROUTINE, WEAK_LOW, &MONITOR_MILD),
    rec(established_stable_no_deficit, A::SpineSurgeryReferral, ROUTINE, &REFER_NO_DEFICIT),
    rec(established_stable_no_deficit, A::PhysicalTherapy, ROUTINE, &REHAB_NO_DEFICIT),
    rec(established_stable_no_deficit, A::ClinicalMonitoring, ROUTINE, &MONITOR_NO_DEFICIT),
    rec(established_stable_mild, A::CervicalCollar, ROUTINE, &COLLAR),
    graded(established_stable_moderate_dcm, A::SpineSurgeryReferral, ROUTINE, STRONG_MODERATE, &REFER_MODERATE),
    rec(established_stable_moderate_mimic, A::SpineSurgeryReferral, ROUTINE, &REFER_MODERATE_MIMIC),
    rec(established_stable_ungraded, A::SpineSurgeryReferral, ROUTINE, &REFER_SURGERY),
    // Compression without a myelopathic picture.
    rec(nonmyelopathic_compression_unexplained_legs, A::SpineSurgeryReferral, ROUTINE, &REFER_ATYPICAL),
    graded(nonmyelopathic_compression_examined, A::ClinicalMonitoring, ROUTINE, WEAK_LOW, &MONITOR_NONMYELOPATHIC),
    // No compression where one was looked for.
    rec(signal_without_compression, A::SpineSurgeryReferral, Urg::By(urgent_if_worsening), &REFER_SIGNAL),
    rec(
        refer_progressive_no_compression,
        A::SpineSurgeryReferral,
        Urg::By(urgent_if_worsening),
        &REFER_PROGRESSIVE_NO_COMPRESSION,
    ),
    rec(
        refer_signs_without_compression,
        A::SpineSurgeryReferral,
        Urg::By(urgent_if_worsening),
        &REFER_SIGNS_WITHOUT_COMPRESSION,
    ),
    // Not imaged yet.
    rec(refer_before_mri, A::SpineSurgeryReferral, Urg::By(urgent_if_severe_or_worsening), &REFER_BEFORE_MRI),
    // No cervical concern.
    rec(monitor_without_concern, A::ClinicalMonitoring, ROUTINE, &MONITOR_GENERAL),
];

// The version-2 recommendation rows, in sections applied in this order after `RECOMMENDATIONS`:
// imaging to the level the signs point to, metastatic compression, abscess, cauda equina beyond
// the lumbar MRI, Guillain-Barre syndrome, the mimics' separating tests and referrals, cord signs
// without compression, limb ischaemia. A section with a guard is applied only when its guard
// holds: the guard names what every row of the section needs, so that when it fails no row would
// apply (a test checks each guard against its rows).

/// Version 2: imaging to the level of the signs.
pub(crate) const V2_LEVEL: &[Rule<Recommend>] = &[
    rec(level_not_thoracic_imaged, A::WholeSpineMri, Urg::By(pace_at_least_urgent), &WHOLE_SPINE_LEVEL),
    rec(level_thoracic_clear_cervical_not_imaged, A::CervicalMri, Urg::By(pace_at_least_urgent), &CERVICAL_FALSE_LEVEL),
    rec(level_thoracic_clear_cervical_not_imaged, A::BrainMri, Urg::By(pace_at_least_urgent), &BRAIN_FALSE_LEVEL),
    rec(legs_only_thoracic_not_imaged, A::ThoracicSpineMri, Urg::By(pace), &THORACIC_LEGS_ONLY),
    rec(thoracic_myelopathy_on_mri, A::SpineSurgeryReferral, Urg::By(pace), &REFER_THORACIC),
];
/// Whether a row of [`V2_LEVEL`] can apply: every row needs the cord signs possibly below the neck, or thoracic compression on MRI.
pub(crate) fn level_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.d.v2.below_neck || c.has(F::ThoracicCordCompressionOnMri)
}

/// Version 2: metastatic compression (NICE NG234, QS56).
pub(crate) const V2_MSCC: &[Rule<Recommend>] = &[
    rec(mscc_high, A::WholeSpineMri, EMERGENCY, &WHOLE_SPINE_MSCC),
    rec(mscc_high, A::MsccPathwayReferral, EMERGENCY, &MSCC_REFERRAL),
    rec(mscc_high, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_MSCC),
    rec(mscc_moderate, A::WholeSpineMri, URGENT, &WHOLE_SPINE_MSCC_PAIN),
    rec(mscc_moderate, A::MsccPathwayReferral, URGENT, &MSCC_REFERRAL_PAIN),
    rec(mscc_first_sign, A::WholeSpineMri, EMERGENCY, &WHOLE_SPINE_MSCC_FIRST_SIGN),
    rec(mscc_first_sign, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_MSCC_FIRST_SIGN),
];
/// Whether a row of [`V2_MSCC`] can apply: every row needs metastatic compression at moderate likelihood or more.
pub(crate) fn mscc_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.condition(Condition::MalignantSpinalCordCompression) != Likelihood::Low
}

/// Version 2: spinal epidural abscess (Davis 2004).
pub(crate) const V2_SEA: &[Rule<Recommend>] = &[
    rec(sea_high, A::WholeSpineMri, EMERGENCY, &WHOLE_SPINE_SEA),
    rec(sea_high, A::InfectionMarkers, EMERGENCY, &INFECTION_MARKERS),
    rec(sea_high, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_SEA),
    rec(sea_moderate, A::WholeSpineMri, URGENT, &WHOLE_SPINE_SEA_POSSIBLE),
    rec(sea_moderate, A::InfectionMarkers, URGENT, &INFECTION_MARKERS),
    rec(sea_moderate_deficit, A::WholeSpineMri, Urg::By(pace_at_least_urgent), &WHOLE_SPINE_SEA_DEFICIT),
    rec(sea_moderate_deficit, A::InfectionMarkers, Urg::By(pace_at_least_urgent), &INFECTION_MARKERS),
];
/// Whether a row of [`V2_SEA`] can apply: every row needs an epidural abscess at moderate likelihood or more.
pub(crate) fn sea_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.condition(Condition::SpinalEpiduralAbscess) != Likelihood::Low
}

/// Version 2: cauda equina beyond the lumbar MRI (Todd & Dickson 2016).
pub(crate) const V2_CES: &[Rule<Recommend>] = &[
    rec(ces_lumbar_imaging_clear, A::WholeSpineMri, EMERGENCY, &WHOLE_SPINE_CES_NEGATIVE),
    rec(ces_with_cord_pattern, A::WholeSpineMri, EMERGENCY, &WHOLE_SPINE_CES_CORD),
    rec(lmn_lumbar_not_imaged, A::LumbarMri, Urg::By(pace), &LUMBAR_MRI_LMN),
    rec(radicular_lumbar_not_imaged, A::LumbarMri, Urg::By(pace_at_least_urgent), &LUMBAR_MRI_RADICULAR),
];

/// Version 2: guillain-Barre syndrome.
pub(crate) const V2_GBS: &[Rule<Recommend>] = &[
    rec(gbs_high, A::NeurologyReferral, EMERGENCY, &NEURO_GBS),
    rec(gbs_moderate, A::NeurologyReferral, URGENT, &NEURO_GBS_POSSIBLE),
    rec(gbs_possible, A::NerveConductionStudy, URGENT, &NCS_GBS),
];
/// Whether a row of [`V2_GBS`] can apply: every row needs Guillain-Barre syndrome at moderate likelihood or more.
pub(crate) fn gbs_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.condition(Condition::GuillainBarreSyndrome) != Likelihood::Low
}

/// Version 2: the mimics: the test that separates each, and neurology (clinical-evidence-2.md §3.6).
pub(crate) const V2_MIMICS: &[Rule<Recommend>] = &[
    rec(mnd_possible_emg_not_done, A::NerveConductionStudy, Urg::By(mimic_pace), &EMG_MND),
    rec(mnd_possible, A::NeurologyReferral, Urg::By(mimic_pace), &NEURO_MND),
    rec(nutritional_possible, A::B12AndCopperTests, Urg::By(mimic_pace), &B12_TESTS),
    rec(super::mimics::dorsal_column_beside_compression, A::B12AndCopperTests, ROUTINE, &B12_TESTS),
    rec(nutritional_possible, A::NeurologyReferral, Urg::By(mimic_pace), &NEURO_NUTRITIONAL),
    rec(demyelination_brain_not_imaged, A::BrainMri, Urg::By(mimic_pace), &BRAIN_MRI_DEMYELINATION),
    rec(demyelination_possible, A::NeurologyReferral, Urg::By(mimic_pace), &NEURO_DEMYELINATION),
    rec(hsp_possible, A::NeurologyReferral, ROUTINE, &NEURO_HSP),
    rec(nph_not_imaged, A::BrainMri, ROUTINE, &BRAIN_MRI_NPH),
    rec(nph_possible, A::NeurologyReferral, ROUTINE, &NEURO_NPH),
    rec(sdavf_possible, A::ThoracicSpineMri, Urg::By(mimic_pace_at_least_urgent), &THORACIC_SDAVF),
    rec(sdavf_possible, A::NeurologyReferral, Urg::By(mimic_pace_at_least_urgent), &NEURO_SDAVF),
];
/// Whether a row of [`V2_MIMICS`] can apply: every row needs a mimic at moderate likelihood or more, or dorsal-column loss (the B12 row beside compression).
pub(crate) fn mimic_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.d.v2.mimic || c.has(F::VibrationOrPositionSenseLoss)
}

/// Version 2: cord signs without compression: a non-compressive work-up and neurology (Kim 2013).
pub(crate) const V2_NO_COMPRESSION: &[Rule<Recommend>] = &[
    rec(no_compression_signs, A::NeurologyReferral, Urg::By(mimic_pace), &NEURO_NO_COMPRESSION),
    rec(no_compression_signs, A::B12AndCopperTests, Urg::By(mimic_pace), &B12_TESTS),
    rec(no_compression_brain_not_imaged, A::BrainMri, Urg::By(mimic_pace), &NEURO_NO_COMPRESSION),
    rec(no_compression_signs, A::NerveConductionStudy, Urg::By(mimic_pace), &NEURO_NO_COMPRESSION),
    rec(no_compression_legs_thoracic_not_imaged, A::ThoracicSpineMri, Urg::By(mimic_pace), &THORACIC_NO_COMPRESSION),
    rec(neuro_progressive_no_compression, A::NeurologyReferral, Urg::By(mimic_pace), &NEURO_PROGRESSIVE_NO_COMPRESSION),
    rec(after_decompression, A::NeurologyReferral, URGENT, &NEURO_AFTER_DECOMPRESSION),
    rec(child_with_cord_picture, A::NeurologyReferral, Urg::By(mimic_pace), &NEURO_CHILD),
    rec(after_decompression_emg_not_done, A::NerveConductionStudy, URGENT, &NEURO_AFTER_DECOMPRESSION),
];
/// Whether a row of [`V2_NO_COMPRESSION`] can apply: every row needs cord signs without compression, worsening after decompression, the thoracic cord recorded clear, or a child.
pub(crate) fn no_compression_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.d.v2.no_compression_signs
        || c.d.v2.after_decompression
        || c.lacks(F::ThoracicCordCompressionOnMri)
        || super::myelopathy::child(c)
}

/// Version 2: limb ischaemia (Creager 2012; Conte 2019).
pub(crate) const V2_ISCHAEMIA: &[Rule<Recommend>] = &[
    rec(ali, A::VascularSurgeryReferral, EMERGENCY, &VASCULAR_ALI),
    rec(ali_with_cervical_emergency, A::CervicalMri, EMERGENCY, &MRI_AFTER_VASCULAR),
    rec(clti, A::VascularSurgeryReferral, URGENT, &VASCULAR_CLTI),
];
/// Whether a row of [`V2_ISCHAEMIA`] can apply: every row needs acute or chronic limb-threatening ischaemia.
pub(crate) fn ischaemia_rows_may_apply(c: &Ctx<'_>) -> bool {
    c.d.v2.ali || c.d.v2.clti
}

/// Every version-2 section, in order, with its guard (`None`: always applied).
#[cfg(test)]
pub(crate) const RECOMMENDATIONS_V2: [(&[Rule<Recommend>], Option<Predicate>); 8] = [
    (V2_LEVEL, Some(level_rows_may_apply)),
    (V2_MSCC, Some(mscc_rows_may_apply)),
    (V2_SEA, Some(sea_rows_may_apply)),
    (V2_CES, None),
    (V2_GBS, Some(gbs_rows_may_apply)),
    (V2_MIMICS, Some(mimic_rows_may_apply)),
    (V2_NO_COMPRESSION, Some(no_compression_rows_may_apply)),
    (V2_ISCHAEMIA, Some(ischaemia_rows_may_apply)),
];

/// The actions whose recommendation the headline reads: the cervical MRI (its urgency is a
/// headline column) and the whole-spine MRI (which covers it, [`whole_spine_covers`]; the
/// delayed-diagnosis warning reads both). No row of another action, and no step after the rows,
/// reads or changes these two except [`whole_spine_covers`] (the checks below the constant).
pub(crate) const fn headline_reads(a: A) -> bool {
    matches!(a, A::CervicalMri | A::WholeSpineMri)
}

// What [`neurology_beside_spine`] changes, which the headline leaves out, is none of them.
// Evaluated at compile time, with `i` below the length.
#[allow(clippy::indexing_slicing)]
const _: () = {
    assert!(!headline_reads(A::NeurologyReferral));
    let mut i = 0;
    while i < SEPARATING_TESTS.len() {
        assert!(!headline_reads(SEPARATING_TESTS[i].1));
        i += 1;
    }
};

/// The recommendations phase: sets the cervical MRI urgency the indications call for, then
/// applies [`RECOMMENDATIONS`] and the version-2 sections (those whose guard holds). For the
/// headline ([`crate::headline`], `HEADLINE` true) only the rows of the actions it reads
/// ([`headline_reads`]) and the step that changes them; the other actions are left unrecommended.
#[inline(always)]
pub(crate) fn recommendations_of<T: Trace, const HEADLINE: bool>(c: &mut Ctx<'_>, t: &mut T) {
    c.cervical_mri = cervical_mri_urgency(c);
    let apply = |c: &mut Ctx<'_>, r: Recommend| {
        let u = match r.urgency {
            Urg::Fixed(u) => u,
            Urg::By(f) => f(c),
        };
        c.d.recommend(r.action, u);
        Target::Recommendation(r.action)
    };
    let keep = |r: &Recommend| !HEADLINE || headline_reads(r.action);
    engine::all_that_apply_of(RECOMMENDATIONS, keep, c, t, apply);
    // Written out (not a loop over RECOMMENDATIONS_V2) so that each section is a constant to the
    // engine; the same order.
    if level_rows_may_apply(c) {
        engine::all_that_apply_of(V2_LEVEL, keep, c, t, apply);
    }
    if mscc_rows_may_apply(c) {
        engine::all_that_apply_of(V2_MSCC, keep, c, t, apply);
    }
    if sea_rows_may_apply(c) {
        engine::all_that_apply_of(V2_SEA, keep, c, t, apply);
    }
    engine::all_that_apply_of(V2_CES, keep, c, t, apply);
    if gbs_rows_may_apply(c) {
        engine::all_that_apply_of(V2_GBS, keep, c, t, apply);
    }
    if mimic_rows_may_apply(c) {
        engine::all_that_apply_of(V2_MIMICS, keep, c, t, apply);
    }
    if no_compression_rows_may_apply(c) {
        engine::all_that_apply_of(V2_NO_COMPRESSION, keep, c, t, apply);
    }
    if ischaemia_rows_may_apply(c) {
        engine::all_that_apply_of(V2_ISCHAEMIA, keep, c, t, apply);
    }
    if !HEADLINE {
        neurology_beside_spine(c, t);
    }
    whole_spine_covers(c, t);
}

/// Never a spine referral alone beside mimic features or cord signs without compression: the
/// neurology referral is at least as urgent as the most urgent spine referral.
fn neurology_beside_spine<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    if !(c.d.v2.mimic || c.d.v2.no_compression_signs || c.d.v2.after_decompression) {
        return;
    }
    let spine =
        [A::SpineSurgeryReferral, A::EmergencySpineEvaluation].iter().filter_map(|a| c.d.recommendation(*a)).max();
    if let Some(u) = spine {
        if c.d.recommendation(A::NeurologyReferral).map_or(true, |n| n < u) {
            c.d.recommend(A::NeurologyReferral, u);
            t.note(Target::Recommendation(A::NeurologyReferral), &NEURO_BESIDE_SPINE);
        }
    }
    // The test that separates a present mimic is no slower than the spine-surgery referral.
    if let Some(u) = c.d.recommendation(A::SpineSurgeryReferral) {
        for (mimic, test) in SEPARATING_TESTS {
            if mimic(c) && c.d.recommendation(test).is_some_and(|x| x < u) {
                c.d.recommend(test, u);
                t.note(Target::Recommendation(test), &TEST_BESIDE_SPINE);
            }
        }
    }
}

/// A predicate over the facts and the decision so far.
type Predicate = fn(&Ctx<'_>) -> bool;

/// Each mimic (at moderate likelihood or more, its test not yet done) and the test that separates
/// it (clinical-evidence-2.md §3.6).
const SEPARATING_TESTS: [(Predicate, A); 4] = [
    (nph_not_imaged, A::BrainMri),
    (demyelination_brain_not_imaged, A::BrainMri),
    (mnd_possible_emg_not_done, A::NerveConductionStudy),
    (nutritional_possible, A::B12AndCopperTests),
];

/// A whole-spine MRI includes the cervical and thoracic spine: no separate scan of either.
fn whole_spine_covers<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    if let Some(whole) = c.d.recommendation(A::WholeSpineMri) {
        for a in [A::CervicalMri, A::ThoracicSpineMri] {
            if c.d.recommendation(a).is_some_and(|u| u <= whole) {
                c.d.unrecommend(a);
                t.note(Target::Recommendation(A::WholeSpineMri), &WHOLE_SPINE_COVERS);
            }
        }
    }
}

engine::check_table_len!(
    EMERGENCY_PATHWAY,
    PATHWAY,
    RECOMMENDATIONS,
    V2_LEVEL,
    V2_MSCC,
    V2_SEA,
    V2_CES,
    V2_GBS,
    V2_MIMICS,
    V2_NO_COMPRESSION,
    V2_ISCHAEMIA
);

/// The grade of a recommendation: that of the first graded row among the reasons behind it;
/// `None` where its source gives none.
pub(crate) fn grade(reasons: &[&'static Reason]) -> Option<Grade> {
    reasons
        .iter()
        .find_map(|r| RECOMMENDATIONS.iter().find(|row| row.because.id == r.id).and_then(|row| row.then.grade))
}

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    EMERGENCY_PATHWAY
        .iter()
        .chain(PATHWAY)
        .map(|r| r.because)
        .chain(RECOMMENDATIONS.iter().map(|r| r.because))
        .chain(RECOMMENDATIONS_V2.iter().flat_map(|(rows, _)| rows.iter()).map(|r| r.because))
        .chain([&NEURO_BESIDE_SPINE, &TEST_BESIDE_SPINE, &WHOLE_SPINE_COVERS])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version-2 section is skipped when its guard fails: check on random presentations (every
    /// other one with few findings present, so that every guard often fails) that then none of its
    /// rows holds.
    #[test]
    fn guarded_sections_hold_no_row_when_their_guard_fails() {
        use crate::rules::tests::{random_presentation, Rng};
        let mut r = Rng(0x9e6c_63d0_676a_9a99);
        let mut skipped = [0usize; 8];
        for i in 0..20_000 {
            let p = random_presentation(&mut r);
            let mut p = p;
            if i % 2 == 1 {
                let keep =
                    (u128::from(r.next() & r.next() & r.next()) << 64) | u128::from(r.next() & r.next() & r.next());
                let (present, absent) = (p.findings().present_mask(), p.findings().absent_mask());
                p.set_findings(crate::FindingSet::from_masks(present & keep, absent));
            }
            let c = super::super::evaluate_ctx(&p, &mut super::super::NoTrace);
            for (k, (rows, guard)) in RECOMMENDATIONS_V2.iter().enumerate() {
                let Some(guard) = guard else { continue };
                if guard(&c) {
                    continue;
                }
                if let Some(n) = skipped.get_mut(k) {
                    *n += 1;
                }
                for row in *rows {
                    assert!(!(row.when)(&c), "{} holds although its section's guard fails", row.because.id);
                }
            }
        }
        let guarded = RECOMMENDATIONS_V2.iter().zip(skipped).filter(|((_, g), _)| g.is_some());
        assert!(guarded.clone().all(|(_, n)| n > 1000), "{skipped:?}");
    }

    #[test]
    fn graded_rows_are_the_ao_spine_ones() {
        let graded: Vec<&str> =
            RECOMMENDATIONS.iter().filter(|r| r.then.grade.is_some()).map(|r| r.because.id).collect();
        assert_eq!(
            graded,
            [
                "refer_urgent_severe",
                "refer_moderate",
                "refer_mild_deteriorating",
                "refer_mild",
                "rehab",
                "monitor_mild",
                "refer_moderate",
                "monitor_nonmyelopathic"
            ]
        );
    }
}
