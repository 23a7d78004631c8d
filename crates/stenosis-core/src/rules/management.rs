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
use super::facts::{mjoa_deficit, worsening_motor_deficit, Ctx, LEG_SYMPTOMS, UMN_SIGNS};
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
fn always(_: &Ctx<'_>) -> bool {
    true
}

/// The seed's indications for cervical imaging (and a moderate or high myelopathy likelihood).
fn cervical_mri_indicated(c: &Ctx<'_>) -> bool {
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
    } else if c.rapid() || (red_flag(c) && myelopathy_at_least_moderate(c)) {
        Some(Urgency::Emergency)
    } else if c.worsening() || c.d.myelopathy == Likelihood::High || moderate_or_severe(c) {
        Some(Urgency::Urgent)
    } else {
        Some(Urgency::Routine)
    }
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
    cites: &[C::Chan2011, C::Han2024, C::Langfitt1967],
};
const PATH_SIGNAL_WITHOUT_COMPRESSION: Reason = Reason {
    id: "path_signal_without_compression",
    text: "Cord signal change without reported compression: not yet degenerative cervical myelopathy; specialist work-up (dynamic imaging, other causes of myelopathy)",
    cites: &[C::Shin2024, C::Bentley2001],
};
const PATH_SIGNS_WITHOUT_COMPRESSION: Reason = Reason {
    id: "path_signs_without_compression",
    text: "Upper motor neuron signs or extension-provoked symptoms with no cord compression on a neutral cervical MRI: specialist work-up for dynamic compression in extension or a lesion elsewhere above L1",
    cites: &[C::Shin2024, C::Bentley2001, C::Kozaki2020],
};
const PATH_WORKUP_SUSPICION: Reason = Reason {
    id: "path_workup_suspicion",
    text: "Clinical suspicion of cervical myelopathy not yet settled by cervical MRI",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const PATH_WORKUP_EXAM: Reason = Reason {
    id: "path_workup_exam",
    text: "The upper motor neuron examination has not been done (reflexes and plantar responses not recorded), so cervical myelopathy cannot be set aside",
    cites: &[C::Seed],
};
const PATH_NO_CONCERN: Reason = Reason {
    id: "path_no_concern",
    text: "Upper motor neuron examination done, myelopathy unlikely and no indication for cervical imaging on the findings given",
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

const fn path(when: fn(&Ctx<'_>) -> bool, then: Pathway, because: &'static Reason) -> Rule<Pathway> {
    Rule { when, then, because, reads: 0 }
}

/// With a red flag raised: every red flag's emergency pathway applies.
pub(crate) const EMERGENCY_PATHWAY: &[Rule<Pathway>] = &[
    path(ces_flag, Pathway::Emergency, &PATH_EMERGENCY_CES),
    path(rapid_flag, Pathway::Emergency, &PATH_EMERGENCY_RAPID),
];

/// Without a red flag: the first row that holds decides.
pub(crate) const PATHWAY: &[Rule<Pathway>] = &[
    // Established DCM (compression on MRI with a myelopathic picture).
    path(established_moderate_or_severe, Pathway::SurgicalEvaluation, &PATH_SURGERY_SEVERITY),
    path(established_progressive, Pathway::SurgicalEvaluation, &PATH_SURGERY_PROGRESSION),
    path(established_ungraded, Pathway::SurgicalEvaluation, &PATH_SURGERY_UNGRADED),
    path(established, Pathway::Conservative, &PATH_CONSERVATIVE_MILD),
    // Compression without a myelopathic picture.
    path(compression_with_unexplained_legs, Pathway::FurtherWorkup, &PATH_ATYPICAL_COMPRESSION),
    path(compression, Pathway::Conservative, &PATH_NONMYELOPATHIC),
    path(signal_without_compression, Pathway::FurtherWorkup, &PATH_SIGNAL_WITHOUT_COMPRESSION),
    path(mri_negative_with_suspicion, Pathway::FurtherWorkup, &PATH_SIGNS_WITHOUT_COMPRESSION),
    path(myelopathy_at_least_moderate, Pathway::FurtherWorkup, &PATH_WORKUP_SUSPICION),
    path(mri_negative_progressive, Pathway::FurtherWorkup, &PATH_PROGRESSIVE_NO_COMPRESSION),
    path(mri_negative_exam_done, Pathway::NoCervicalConcern, &PATH_MRI_NEGATIVE),
    path(exam_not_done, Pathway::FurtherWorkup, &PATH_WORKUP_EXAM),
    path(cervical_mri_indicated, Pathway::FurtherWorkup, &PATH_WORKUP_SUSPICION),
    path(always, Pathway::NoCervicalConcern, &PATH_NO_CONCERN),
];

/// The pathway phase.
pub(crate) fn pathway<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    if red_flag(c) {
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
fn ces_possible(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) == Likelihood::Moderate
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
/// Stable established DCM of moderate severity (severe is never stable here: it is referred
/// urgently).
fn established_stable_moderate(c: &Ctx<'_>) -> bool {
    established_stable(c) && !established_stable_mild(c) && moderate_or_severe(c)
}
/// Stable established DCM not yet graded (no mJOA).
fn established_stable_ungraded(c: &Ctx<'_>) -> bool {
    established_stable(c) && !established_stable_mild(c) && !moderate_or_severe(c)
}
fn nonmyelopathic_compression(c: &Ctx<'_>) -> bool {
    !established(c) && compression(c)
}
fn nonmyelopathic_compression_unexplained_legs(c: &Ctx<'_>) -> bool {
    nonmyelopathic_compression(c) && unexplained_legs(c)
}
fn refer_progressive_no_compression(c: &Ctx<'_>) -> bool {
    mri_negative_progressive(c)
}
fn refer_signs_without_compression(c: &Ctx<'_>) -> bool {
    mri_negative(c) && !worsening_motor_deficit(c) && myelopathy_at_least_moderate(c)
}
/// Not imaged, myelopathy highly likely with a moderate or severe mJOA or a progressive course.
fn refer_before_mri(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NotImaged
        && c.d.myelopathy == Likelihood::High
        && (moderate_or_severe(c) || c.worsening())
}
fn monitor_without_concern(c: &Ctx<'_>) -> bool {
    c.d.pathway == Pathway::NoCervicalConcern && !mri_negative(c) && c.any(LEG_SYMPTOMS)
}

const MRI_EMERGENCY: Reason = Reason {
    id: "mri_emergency",
    text: "Rapidly progressive or red-flag presentation with a cervical concern: MRI of the cervical spine today",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};
const MRI_MODALITY: Reason = Reason {
    id: "mri_modality",
    text: "MRI of the cervical spine without contrast is the modality of choice for suspected myelopathy",
    cites: &[C::RothAcrMyelopathy, C::Seed],
};
const MRI_FOR_BILATERAL: Reason = Reason {
    id: "mri_for_bilateral",
    text: "Indicated: bilateral leg symptoms without clear lumbar (or other) pathology",
    cites: &[C::Seed],
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
const MRI_FOR_BLADDER: Reason =
    Reason { id: "mri_for_bladder", text: "Indicated: bladder dysfunction alongside leg symptoms", cites: &[C::Seed] };
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
    text: "Sphincter disturbance that is not of recent onset, with back or radicular pain or bowel involvement: exclude cauda equina compression with an urgent MRI of the lumbosacral spine",
    cites: &[C::Girft2023Ces, C::Dionne2019],
};
const LUMBAR_MRI_LSS: Reason = Reason {
    id: "lumbar_mri_lss",
    text: "Possible lumbar stenosis: MRI is the most appropriate non-invasive test to confirm canal narrowing",
    cites: &[C::Nass2011],
};
const EXAM_INCOMPLETE: Reason = Reason {
    id: "exam_incomplete",
    text: "Complete the neurological examination including upper motor neuron signs (reflexes, Hoffmann, Babinski, clonus, gait): leaving it out is a recognised cause of missed myelopathy",
    cites: &[C::Seed, C::Cook2010Cpr],
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
        "Mild myelopathy: discuss surgery as an alternative to supervised rehabilitation (AO Spine weak recommendation)",
    cites: &[C::Fehlings2017Guideline, C::Badhiwala2019],
};
const REFER_ATYPICAL: Reason = Reason {
    id: "refer_atypical",
    text: "Cord compression that may explain leg pain (false localisation): specialist assessment",
    cites: &[C::Chan2011, C::Han2024],
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
        "Monitor for progression: about 20-27% of mild DCM deteriorate over about 3 years; operate if it deteriorates",
    cites: &[C::Fehlings2017Guideline, C::Kong2013, C::Shimomura2007, C::NaturalHistory2023],
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
    cites: &[C::Seed],
};

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
    // Lumbar MRI.
    rec(ces_likely, A::LumbarMri, EMERGENCY, &LUMBAR_MRI_CES),
    rec(ces_possible, A::LumbarMri, URGENT, &LUMBAR_MRI_CES_POSSIBLE),
    rec(lumbar_stenosis_unimaged, A::LumbarMri, ROUTINE, &LUMBAR_MRI_LSS),
    // Neurological examination.
    rec(exam_not_done, A::CompleteNeurologicalExam, Urg::By(urgent_if_red_flag_or_worsening), &EXAM_INCOMPLETE),
    // Vascular and neuropathy work-up.
    rec(abi_indicated, A::AnkleBrachialIndex, ROUTINE, &ABI_INDICATED),
    rec(neuropathy_possible, A::NerveConductionStudy, ROUTINE, &NCS_INDICATED),
    // Emergency evaluation.
    rec(ces_flag, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_CES),
    rec(rapid_flag, A::EmergencySpineEvaluation, EMERGENCY, &EMERGENCY_EVAL_RAPID),
    // Surgical referral and conservative care: established DCM.
    rec(established_rapid, A::SpineSurgeryReferral, EMERGENCY, &REFER_EMERGENCY_RAPID_DCM),
    graded(established_severe, A::SpineSurgeryReferral, URGENT, STRONG_MODERATE, &REFER_URGENT_SEVERE),
    rec(established_worsening, A::SpineSurgeryReferral, URGENT, &REFER_URGENT_PROGRESSIVE),
    graded(established_stable_mild, A::SpineSurgeryReferral, ROUTINE, WEAK_LOW, &REFER_MILD),
    graded(established_stable_mild, A::PhysicalTherapy, ROUTINE, WEAK_LOW, &REHAB),
    rec(established_stable_mild, A::CervicalCollar, ROUTINE, &COLLAR),
    graded(established_stable_mild, A::ClinicalMonitoring, ROUTINE, WEAK_LOW, &MONITOR_MILD),
    graded(established_stable_moderate, A::SpineSurgeryReferral, ROUTINE, STRONG_MODERATE, &REFER_MODERATE),
    rec(established_stable_ungraded, A::SpineSurgeryReferral, ROUTINE, &REFER_SURGERY),
    // Compression without a myelopathic picture.
    rec(nonmyelopathic_compression_unexplained_legs, A::SpineSurgeryReferral, ROUTINE, &REFER_ATYPICAL),
    graded(nonmyelopathic_compression, A::ClinicalMonitoring, ROUTINE, WEAK_LOW, &MONITOR_NONMYELOPATHIC),
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

/// The recommendations phase: sets the cervical MRI urgency the indications call for, then
/// applies [`RECOMMENDATIONS`].
pub(crate) fn recommendations<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    c.cervical_mri = cervical_mri_urgency(c);
    engine::all_that_apply(RECOMMENDATIONS, c, t, |c, r| {
        let u = match r.urgency {
            Urg::Fixed(u) => u,
            Urg::By(f) => f(c),
        };
        c.d.recommend(r.action, u);
        Target::Recommendation(r.action)
    });
}

engine::check_table_len!(EMERGENCY_PATHWAY, PATHWAY, RECOMMENDATIONS);

/// The grade of a recommendation: that of the first graded row among the reasons behind it;
/// `None` where its source gives none.
pub(crate) fn grade(reasons: &[&'static Reason]) -> Option<Grade> {
    reasons
        .iter()
        .find_map(|r| RECOMMENDATIONS.iter().find(|row| row.because.id == r.id).and_then(|row| row.then.grade))
}

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    EMERGENCY_PATHWAY.iter().chain(PATHWAY).map(|r| r.because).chain(RECOMMENDATIONS.iter().map(|r| r.because))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graded_rows_are_the_ao_spine_ones() {
        let graded: Vec<&str> =
            RECOMMENDATIONS.iter().filter(|r| r.then.grade.is_some()).map(|r| r.because.id).collect();
        assert_eq!(
            graded,
            ["refer_urgent_severe", "refer_mild", "rehab", "monitor_mild", "refer_moderate", "monitor_nonmyelopathic"]
        );
    }
}
