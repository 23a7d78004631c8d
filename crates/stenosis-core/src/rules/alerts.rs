//! Red flags (act today) and warnings (the seed's clinical pitfalls and evidence caveats).
//!
//! Sources: GIRFT 2023 and BMJ Best Practice (suspected cauda equina: emergency referral and MRI
//! within 4 hours); the seed (a rapidly progressive deficit needs same-day evaluation; its four
//! pitfalls: misattribution to the lumbar spine, an incomplete neurological examination, delayed
//! diagnosis, not considering cervical imaging); the evidence caveats of the digests.

use super::differential::abi_not_interpretable;
use super::engine::{self, Rule};
use super::facts::{mask, Ctx, LEG_SYMPTOMS, LEG_WEAKNESS, UMN_SIGNS, UMN_SIGNS_V1};
use super::localisation::{self as loc, CES_CARDINAL, HAND_SIGNS};
use super::vascular;
use super::{CervicalImaging, Reason, Target, Trace};
use crate::citations::CitationId as C;
use crate::vocab::{Action, Condition, Finding as F, Likelihood, RedFlag, Warning as W};

/// Neurological deficits other than weakness and upper motor neuron signs.
const DEFICIT_SYMPTOMS: u128 = mask(&[
    F::GaitDifficulty,
    F::GaitDeviation,
    F::Falls,
    F::LegStiffness,
    F::HandClumsiness,
    F::BladderDysfunction,
    F::BowelDysfunction,
]);

const fn alert<E>(when: fn(&Ctx<'_>) -> bool, then: E, because: &'static Reason) -> Rule<E> {
    Rule { when, then, because, reads: 0 }
}

// ---- Red flags -------------------------------------------------------------------------------

fn ces_likely(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) == Likelihood::High
}
/// A rapid course with a neurological deficit present (pain alone, or claudication, is not one).
/// A rapid deficit, unless it is in a leg with acute limb ischaemia and no spinal sign: then only
/// the ischaemic text stands (part 2 §5.5: not attributed to the spine).
fn rapid(c: &Ctx<'_>) -> bool {
    c.rapid() && loc::neuro_deficit(c) && !super::facts::ischaemic_deficit_only(c)
}

const CES_SUSPECTED: Reason = Reason {
    id: "ces_suspected",
    text: "Suspected cauda equina syndrome: immediate referral to the on-call spinal team and an emergency MRI of the lumbosacral spine within 4 hours of the request (a bladder scan must not delay it; a rectal examination is not needed)",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const RAPID_DEFICIT: Reason = Reason {
    id: "rapid_deficit",
    text: "Rapidly progressive leg symptoms: an acute neurological deficit needs same-day evaluation and imaging; cord damage from compression can become irreversible",
    cites: &[C::Seed, C::RothAcrMyelopathy, C::Davies2018Bmj],
};

fn ces_cardinal(c: &Ctx<'_>) -> bool {
    ces_likely(c) && c.any(CES_CARDINAL)
}
/// A GIRFT criterion raises the flag whenever the differential holds cauda equina at least
/// possible: with leg cord signs it is moderate (the cord ranks above it) but still suspected.
fn ces_suspected(c: &Ctx<'_>) -> bool {
    c.condition(Condition::CaudaEquinaSyndrome) >= Likelihood::Moderate
}
fn ces_recent_sphincter(c: &Ctx<'_>) -> bool {
    ces_suspected(c) && loc::girft_sphincter(c)
}
fn ces_bilateral(c: &Ctx<'_>) -> bool {
    ces_suspected(c) && loc::girft_bilateral(c)
}
fn ces_sexual(c: &Ctx<'_>) -> bool {
    ces_suspected(c) && loc::girft_sexual(c)
}
fn rapid_in_ischaemic_leg(c: &Ctx<'_>) -> bool {
    c.rapid() && c.d.v2.ali
}
fn mscc_likely(c: &Ctx<'_>) -> bool {
    c.condition(Condition::MalignantSpinalCordCompression) == Likelihood::High
}
/// Possible metastatic compression as the first sign of cancer (no known cancer; weight loss, back
/// pain and a neurological deficit): the deficit sets the 24-hour clock.
pub(crate) fn mscc_first_sign(c: &Ctx<'_>) -> bool {
    c.condition(Condition::MalignantSpinalCordCompression) == Likelihood::Moderate && !c.has(F::CancerHistory)
}
fn sea_likely(c: &Ctx<'_>) -> bool {
    c.condition(Condition::SpinalEpiduralAbscess) == Likelihood::High
}
fn gbs_likely(c: &Ctx<'_>) -> bool {
    c.condition(Condition::GuillainBarreSyndrome) == Likelihood::High
}
fn ali(c: &Ctx<'_>) -> bool {
    c.d.v2.ali
}
fn clti(c: &Ctx<'_>) -> bool {
    c.d.v2.clti
}

const CES_CARDINAL_FLAG: Reason = Reason {
    id: "ces_cardinal_flag",
    text: "Triggered by saddle anaesthesia, urinary retention or reduced anal tone",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const CES_SPHINCTER_FLAG: Reason = Reason {
    id: "ces_sphincter_flag",
    text: "Triggered by a bladder or bowel disturbance that is new (under 14 days), worsening, or with its onset not recorded, with back or leg pain (or of recent onset with leg symptoms)",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const RAPID_ISCHAEMIC: Reason = Reason {
    id: "rapid_ischaemic",
    text: "In a leg with acute limb ischaemia the deficit is ischaemic until proven otherwise: the emergency is vascular, not spinal, unless cord or cauda equina signs are present",
    cites: &[C::Creager2012Ali],
};
const MSCC_FLAG: Reason = Reason {
    id: "mscc_flag",
    text: "Cancer history with symptoms or signs of cord or cauda equina compression: contact the MSCC coordinator immediately; whole-spine MRI and a treatment plan within 24 hours",
    cites: &[C::NiceNg234, C::Hawkins2023Mscc, C::NiceQs56],
};
const MSCC_FIRST_SIGN_FLAG: Reason = Reason {
    id: "mscc_first_sign_flag",
    text: "Unexplained weight loss with back or neck pain and a neurological deficit, no cancer known: metastatic cord compression can be the first sign of cancer; whole-spine MRI within 24 hours and acute oncology",
    cites: &[C::NiceQs56],
};
const SEA_FLAG: Reason = Reason {
    id: "sea_flag",
    text: "Fever or an infection risk with back or neck pain and a neurological deficit: suspected spinal epidural abscess; emergency MRI, ESR, CRP and blood cultures, and same-day spinal assessment (diagnostic delay was followed by residual weakness in 45%)",
    cites: &[C::Davis2004Sea],
};
const GBS_FLAG: Reason = Reason {
    id: "gbs_flag",
    text: "Weakness progressing over days to 4 weeks with reduced or absent reflexes, no upper motor neuron sign recorded, and no sensory level or early sphincter failure: suspected Guillain-Barre syndrome; emergency neurology assessment (respiratory and bulbar function, nerve conduction studies, CSF)",
    cites: &[C::GbsCriteria2017],
};
const CLTI_FLAG: Reason = Reason {
    id: "clti_flag",
    text: "Suspected chronic limb-threatening ischaemia: urgent (not emergency) referral to a vascular specialist",
    cites: &[C::Conte2019Clti],
};

/// Red flags: suspected cauda equina syndrome (each criterion that holds names itself); a
/// rapidly progressive deficit; suspected metastatic compression, spinal infection or
/// Guillain-Barre syndrome; acute and chronic limb-threatening ischaemia.
pub(crate) const RED_FLAGS: &[Rule<RedFlag>] = &[
    alert(ces_likely, RedFlag::CaudaEquinaSuspected, &CES_SUSPECTED),
    alert(ces_cardinal, RedFlag::CaudaEquinaSuspected, &CES_CARDINAL_FLAG),
    alert(ces_recent_sphincter, RedFlag::CaudaEquinaSuspected, &CES_SPHINCTER_FLAG),
    alert(ces_bilateral, RedFlag::CaudaEquinaSuspected, &loc::CES_BILATERAL),
    alert(ces_sexual, RedFlag::CaudaEquinaSuspected, &loc::CES_SEXUAL),
    alert(rapid, RedFlag::RapidlyProgressiveDeficit, &RAPID_DEFICIT),
    alert(rapid_in_ischaemic_leg, RedFlag::RapidlyProgressiveDeficit, &RAPID_ISCHAEMIC),
    alert(mscc_likely, RedFlag::MalignantCordCompressionSuspected, &MSCC_FLAG),
    alert(mscc_first_sign, RedFlag::MalignantCordCompressionSuspected, &MSCC_FIRST_SIGN_FLAG),
    alert(sea_likely, RedFlag::SpinalInfectionSuspected, &SEA_FLAG),
    alert(gbs_likely, RedFlag::GuillainBarreSuspected, &GBS_FLAG),
    alert(ali, RedFlag::AcuteLimbIschaemia, &vascular::ALI),
    alert(clti, RedFlag::LimbThreateningIschaemia, &vascular::CLTI),
    alert(clti, RedFlag::LimbThreateningIschaemia, &CLTI_FLAG),
];

/// The red-flag phase.
pub(crate) fn red_flags<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    engine::all_that_apply(RED_FLAGS, c, t, |c, r| {
        c.d.red_flags |= 1 << r.code();
        Target::RedFlag(r)
    });
}

// ---- Warnings --------------------------------------------------------------------------------

/// Lumbar findings: known or imaged lumbar stenosis, or the neurogenic claudication syndrome.
fn lumbar_findings(c: &Ctx<'_>) -> bool {
    c.has(F::KnownLumbarStenosis)
        || c.has(F::LumbarStenosisOnImaging)
        || (c.has(F::WalkingLegPain) && c.has(F::ReliefWithSittingOrFlexion))
}
/// Something the legs could be put down to in the lumbar spine.
fn lumbar_attribution(c: &Ctx<'_>) -> bool {
    lumbar_findings(c) || c.condition(Condition::LumbarSpinalStenosis) >= Likelihood::Moderate
}
fn compression(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::Compression
}
/// Cervical signs: compression counts for these warnings only with a myelopathic picture.
fn cervical_signs(c: &Ctx<'_>) -> bool {
    c.any(UMN_SIGNS) || c.has(F::GaitDeviation) || c.d.dcm_established
}
/// Cervical findings: tandem stenosis is anatomical, so cord compression on MRI counts even
/// without myelopathy.
fn cervical_findings(c: &Ctx<'_>) -> bool {
    // A cervical finding is a sign or the MRI, not a likelihood raised by nonspecific symptoms.
    cervical_signs(c) || compression(c) || c.any(HAND_SIGNS)
}
fn not_imaged(c: &Ctx<'_>) -> bool {
    c.d.imaging == CervicalImaging::NotImaged
}
fn deficit(c: &Ctx<'_>) -> bool {
    c.any(LEG_WEAKNESS | UMN_SIGNS | DEFICIT_SYMPTOMS) || c.d.myelopathy >= Likelihood::Moderate
}

fn misattribution_risk(c: &Ctx<'_>) -> bool {
    lumbar_attribution(c) && (cervical_signs(c) || (c.d.myelopathy >= Likelihood::Moderate && !c.clear_alternative))
}
fn legs_without_umn_exam(c: &Ctx<'_>) -> bool {
    c.any(LEG_SYMPTOMS) && !c.exam_complete()
}
/// SPEC: sciatica-like pain with cervical signs or cervical cord compression.
fn sciatica_with_cervical_signs(c: &Ctx<'_>) -> bool {
    c.has(F::SciaticaLikePain) && (cervical_signs(c) || compression(c))
}
fn lumbar_and_cervical_findings(c: &Ctx<'_>) -> bool {
    lumbar_findings(c) && cervical_findings(c)
}
/// Cervical imaging recommended: a cervical MRI, or a whole-spine MRI that includes it.
fn cervical_imaging_recommended(c: &Ctx<'_>) -> bool {
    c.d.recommendation(Action::CervicalMri).is_some() || c.d.recommendation(Action::WholeSpineMri).is_some()
}
fn progressive_deficit_not_imaged(c: &Ctx<'_>) -> bool {
    c.worsening() && deficit(c) && not_imaged(c) && cervical_imaging_recommended(c)
}
fn bilateral_progressive_not_imaged(c: &Ctx<'_>) -> bool {
    c.has(F::BilateralLegSymptoms)
        && c.worsening()
        && not_imaged(c)
        && c.condition(Condition::LumbarSpinalStenosis) < Likelihood::High
        && !c.clear_alternative
        && cervical_imaging_recommended(c)
}
fn bilateral_progressive_not_imaged_no_lss(c: &Ctx<'_>) -> bool {
    bilateral_progressive_not_imaged(c) && !loc::lumbar_stenosis_known(c)
}
fn bilateral_progressive_not_imaged_with_lss(c: &Ctx<'_>) -> bool {
    bilateral_progressive_not_imaged(c) && loc::lumbar_stenosis_known(c)
}
fn mimic_features(c: &Ctx<'_>) -> bool {
    c.d.v2.mimic
}
fn below_neck(c: &Ctx<'_>) -> bool {
    c.d.v2.below_neck && (c.any(LEG_SYMPTOMS) || c.any(UMN_SIGNS))
}
fn below_neck_level(c: &Ctx<'_>) -> bool {
    below_neck(c) && c.has(F::TruncalSensoryLevel)
}
fn below_neck_legs_only(c: &Ctx<'_>) -> bool {
    below_neck(c) && !c.has(F::TruncalSensoryLevel)
}
fn lmn_pattern(c: &Ctx<'_>) -> bool {
    c.d.v2.lmn
}
fn after_decompression(c: &Ctx<'_>) -> bool {
    c.d.v2.after_decompression
}
fn umn_signs_all_absent_with_suspicion(c: &Ctx<'_>) -> bool {
    let compression_without_myelopathy = compression(c) && !c.d.dcm_established;
    c.all_known(UMN_SIGNS_V1)
        && !c.any(UMN_SIGNS)
        && c.d.myelopathy >= Likelihood::Moderate
        && !compression_without_myelopathy
}
/// "Non-myelopathic" is a conclusion of the examination: not drawn while it is not done.
fn compression_without_myelopathy(c: &Ctx<'_>) -> bool {
    compression(c) && !c.d.dcm_established && c.umn_exam_done
}
fn umn_signs_without_compression(c: &Ctx<'_>) -> bool {
    matches!(c.d.imaging, CervicalImaging::NoCompression | CervicalImaging::SignalWithoutCompression)
        && (c.any(UMN_SIGNS) || c.has(F::GaitDeviation))
}

const MISATTRIBUTION: Reason = Reason {
    id: "misattribution",
    text: "Leg symptoms may be put down to the lumbar spine while cervical signs or an unexplained picture remain: misattribution to lumbar pathology is a recognised pitfall, especially when lumbar disease coexists",
    cites: &[C::Seed, C::Langfitt1967],
};
pub(crate) const INCOMPLETE_EXAM: Reason = Reason {
    id: "incomplete_exam",
    text: "Leg symptoms with the upper motor neuron examination incomplete: failing to examine for upper motor neuron signs is a recognised cause of missed myelopathy",
    cites: &[C::Seed, C::Davies2018Bmj],
};
const FALSE_LOCALIZING: Reason = Reason {
    id: "false_localizing",
    text: "Sciatica-like leg pain with upper motor neuron signs or cervical cord compression: cervical cord compression can present as sciatica (a false-localising sign) and be missed",
    cites: &[C::Langfitt1967, C::Seed],
};
const TANDEM: Reason = Reason {
    id: "tandem",
    text: "Lumbar and cervical findings together: tandem stenosis is common (cervical cord compression in 24.7% and radiographic tandem stenosis in 11% of a population MRI cohort) and cervical cord compression can pass for lumbar disease",
    cites: &[C::Nagata2017, C::Langfitt1967],
};
const DELAYED: Reason = Reason {
    id: "delayed",
    text: "Progressive deficit without cervical imaging: delayed diagnosis lets cervical myelopathy progress to irreversible cord damage",
    cites: &[C::Seed, C::Karadimas2013],
};
const OVERLOOKED: Reason = Reason {
    id: "overlooked",
    text: "Bilateral progressive leg symptoms that no finding given clearly explains, and no cervical imaging: not considering cervical imaging is a recognised pitfall",
    cites: &[C::Seed, C::Davies2018Bmj],
};
const OVERLOOKED_WITH_LSS: Reason = Reason {
    id: "overlooked_with_lss",
    text: "Bilateral progressive leg symptoms that the known lumbar stenosis does not clearly explain (no claudication pattern), and no cervical imaging: not considering cervical imaging is a recognised pitfall",
    cites: &[C::Seed, C::Davies2018Bmj, C::Kalichman2009],
};
const MIMIC: Reason = Reason {
    id: "mimic",
    text: "Features of a non-compressive mimic of myelopathy (see the differential: motor neuron disease, B12 or copper deficiency, demyelination, hereditary spastic paraplegia, hydrocephalus or a dural fistula): separate it with its test and a neurologist before any spine surgery; unnecessary decompression in unrecognised ALS is documented",
    cites: &[C::Kim2013Mimics, C::Yoshor2005Als],
};
const BELOW_NECK_LEVEL: Reason = Reason {
    id: "below_neck_level",
    text: "A truncal sensory level: the lesion lies at or above the level, thoracic or up to 6-11 segments higher in the cervical cord; a cervical MRI alone may miss a thoracic lesion, and a thoracic MRI alone a cervical one",
    cites: &[C::Kranz2019Myelopathy, C::Hellmann2013FalseLevel],
};
const BELOW_NECK_LEGS: Reason = Reason {
    id: "below_neck_legs",
    text: "Upper motor neuron signs in the legs with normal arms: the lesion may be anywhere from the foramen magnum to the conus; image the thoracic cord as well as the cervical cord (thoracic meningiomas have been missed behind a lumbar diagnosis)",
    cites: &[C::Bentley2001, C::Ando2019Thoracic, C::Ko2011Meningioma],
};
const LMN: Reason = Reason {
    id: "lmn",
    text: "Leg weakness with reduced reflexes or tone (reduced knee reflexes or tone, or reduced ankle reflexes with a root picture or in both legs) and the upper motor neuron signs recorded absent: a lower motor neuron pattern that points to the roots, cauda equina or nerves, not the cord; image the lumbosacral spine, and think of Guillain-Barre syndrome if it is rapid and ascending",
    cites: &[C::Kessler2022Lmn, C::Todd2016Ces, C::GbsCriteria2017],
};
const AFTER_DECOMPRESSION: Reason = Reason {
    id: "after_decompression",
    text: "Prior spine surgery with a worsening course: if the worsening began after an adequate decompression, reconsider motor neuron disease and the other mimics, and a lesion at another level",
    cites: &[C::Yoshor2005Als, C::Kim2013Mimics, C::Ko2011Meningioma],
};
const SIGNS_DO_NOT_EXCLUDE: Reason = Reason {
    id: "signs_do_not_exclude",
    text: "No upper motor neuron sign was found, but 21% of surgically confirmed myelopathy patients have none: absent signs do not exclude it",
    cites: &[C::Rhee2009, C::Cook2011Review],
};
const NONCOMPRESSIBLE: Reason = Reason {
    id: "noncompressible",
    text: "ABI above 1.40 means non-compressible arteries: the ABI cannot exclude PAD; a toe-brachial index is recommended",
    cites: &[C::AhaAcc2016Pad],
};
const NONMYELOPATHIC: Reason = Reason {
    id: "nonmyelopathic",
    text: "Cord compression on MRI without a myelopathic sign or symptom: common (24% of adults), no prophylactic surgery, counsel about myelopathic symptoms and follow up",
    cites: &[C::Fehlings2017Guideline, C::Nouri2022, C::Wilson2013],
};
const UMN_WITHOUT_COMPRESSION: Reason = Reason {
    id: "umn_without_compression",
    text: "Upper motor neuron signs with no cord compression on cervical MRI: consider dynamic compression in extension, a lesion elsewhere above L1, or a non-compressive cause (neurology; blood tests, brain MRI, EMG)",
    cites: &[C::Bentley2001, C::Shin2024, C::Kim2013Mimics],
};

/// The seed's four pitfalls and the evidence caveats.
pub(crate) const WARNINGS: &[Rule<W>] = &[
    alert(misattribution_risk, W::LumbarMisattributionRisk, &MISATTRIBUTION),
    alert(legs_without_umn_exam, W::IncompleteNeurologicalExam, &INCOMPLETE_EXAM),
    alert(sciatica_with_cervical_signs, W::FalseLocalizingSciatica, &FALSE_LOCALIZING),
    alert(lumbar_and_cervical_findings, W::TandemStenosisPossible, &TANDEM),
    alert(progressive_deficit_not_imaged, W::DelayedDiagnosisRisk, &DELAYED),
    alert(bilateral_progressive_not_imaged_no_lss, W::CervicalImagingOverlooked, &OVERLOOKED),
    alert(bilateral_progressive_not_imaged_with_lss, W::CervicalImagingOverlooked, &OVERLOOKED_WITH_LSS),
    alert(umn_signs_all_absent_with_suspicion, W::AbsentSignsDoNotExclude, &SIGNS_DO_NOT_EXCLUDE),
    alert(abi_not_interpretable, W::NoncompressibleAbi, &NONCOMPRESSIBLE),
    alert(compression_without_myelopathy, W::NonmyelopathicCompression, &NONMYELOPATHIC),
    alert(umn_signs_without_compression, W::UmnSignsWithoutCompression, &UMN_WITHOUT_COMPRESSION),
    alert(mimic_features, W::MimicFeaturesPresent, &MIMIC),
    alert(below_neck_level, W::LesionMayBeBelowNeck, &BELOW_NECK_LEVEL),
    alert(below_neck_legs_only, W::LesionMayBeBelowNeck, &BELOW_NECK_LEGS),
    alert(lmn_pattern, W::LowerMotorNeuronPattern, &LMN),
    alert(after_decompression, W::DeteriorationAfterDecompression, &AFTER_DECOMPRESSION),
];

/// The warnings phase (after the recommendations: the delayed-diagnosis warning reads them).
pub(crate) fn warnings<T: Trace>(c: &mut Ctx<'_>, t: &mut T) {
    engine::all_that_apply(WARNINGS, c, t, |c, w| {
        c.d.warnings |= 1 << w.code();
        Target::Warning(w)
    });
}

engine::check_table_len!(RED_FLAGS, WARNINGS);

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    RED_FLAGS.iter().map(|r| r.because).chain(WARNINGS.iter().map(|r| r.because))
}
