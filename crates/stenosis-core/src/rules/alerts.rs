//! Red flags (act today) and warnings (the seed's clinical pitfalls and evidence caveats).

use super::myelopathy::rapid;
use super::{mask, CervicalImaging, Decision, Facts, Reason, Target, Trace, LEG_SYMPTOMS, LEG_WEAKNESS, UMN_SIGNS};

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
use crate::citations::CitationId as C;
use crate::vocab::{Condition, Finding as F, Likelihood, RedFlag, Warning as W};

const CES_SUSPECTED: Reason = Reason {
    text: "Suspected cauda equina syndrome (saddle anaesthesia, urinary retention, or recent bladder or bowel disturbance with leg symptoms): emergency referral and MRI of the lumbosacral spine within 4 hours",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes, C::Seed],
};
const RAPID_DEFICIT: Reason = Reason {
    text: "Rapidly progressive leg symptoms: an acute neurological deficit needs same-day evaluation and imaging; cord damage from compression can become irreversible",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};

/// Red flags: suspected cauda equina syndrome; a rapidly progressive deficit.
pub(crate) fn red_flags<T: Trace>(f: &Facts<'_>, d: &mut Decision, t: &mut T) {
    if d.condition(Condition::CaudaEquinaSyndrome) == Likelihood::High {
        d.red_flags |= 1 << RedFlag::CaudaEquinaSuspected.code();
        t.note(Target::RedFlag(RedFlag::CaudaEquinaSuspected), &CES_SUSPECTED);
    }
    if rapid(f) {
        d.red_flags |= 1 << RedFlag::RapidlyProgressiveDeficit.code();
        t.note(Target::RedFlag(RedFlag::RapidlyProgressiveDeficit), &RAPID_DEFICIT);
    }
}

const MISATTRIBUTION: Reason = Reason {
    text: "Leg symptoms may be put down to the lumbar spine while cervical signs or an unexplained picture remain: misattribution to lumbar pathology is a recognised pitfall, especially when lumbar disease coexists",
    cites: &[C::Seed, C::Chan2011, C::Langfitt1967],
};
const INCOMPLETE_EXAM: Reason = Reason {
    text: "Leg symptoms without an upper motor neuron examination (reflexes and plantar responses not recorded; also Hoffmann, clonus and gait): failing to examine for them is a recognised cause of missed myelopathy",
    cites: &[C::Seed],
};
const FALSE_LOCALIZING: Reason = Reason {
    text: "Sciatica-like leg pain with upper motor neuron signs or cervical cord compression: cervical cord compression can present as sciatica (a false-localising sign) and be missed",
    cites: &[C::Chan2011, C::Han2024, C::Seed],
};
const TANDEM: Reason = Reason {
    text: "Lumbar and cervical findings together: tandem stenosis is present in up to 60% of spinal stenosis patients and is often overlooked; where myelopathy is present it is usually treated first",
    cites: &[C::Overley2017, C::Nagata2017],
};
const DELAYED: Reason = Reason {
    text: "Progressive deficit without cervical imaging: delayed diagnosis lets cervical myelopathy progress to irreversible cord damage",
    cites: &[C::Seed, C::Karadimas2013],
};
const OVERLOOKED: Reason = Reason {
    text: "Bilateral progressive leg symptoms without a clear lumbar cause and no cervical imaging: not considering cervical imaging is a recognised pitfall",
    cites: &[C::Seed],
};
const SIGNS_DO_NOT_EXCLUDE: Reason = Reason {
    text: "No upper motor neuron sign was found, but 21% of surgically confirmed myelopathy patients have none: absent signs do not exclude it",
    cites: &[C::Rhee2009, C::Cook2011Review],
};
const NONCOMPRESSIBLE: Reason = Reason {
    text: "ABI above 1.40 means non-compressible arteries: the ABI cannot exclude PAD; a toe-brachial index is recommended",
    cites: &[C::AhaAcc2016Pad],
};
const NONMYELOPATHIC: Reason = Reason {
    text: "Cord compression on MRI without a myelopathic sign or symptom: common (24% of adults), no prophylactic surgery, counsel about myelopathic symptoms and follow up",
    cites: &[C::Fehlings2017Guideline, C::Nouri2022, C::Wilson2013],
};
const UMN_WITHOUT_COMPRESSION: Reason = Reason {
    text: "Upper motor neuron signs with no cord compression on cervical MRI: consider dynamic compression in extension or a lesion elsewhere above L1",
    cites: &[C::Bentley2001, C::Shin2024],
};

/// The seed's four pitfalls and the evidence caveats.
pub(crate) fn warnings<T: Trace>(f: &Facts<'_>, d: &mut Decision, clear_alternative: bool, t: &mut T) {
    let mut warn = |d: &mut Decision, w: W, r: &'static Reason| {
        d.warnings |= 1 << w.code();
        t.note(Target::Warning(w), r);
    };
    let leg_symptoms = f.any(LEG_SYMPTOMS);
    let lumbar_findings = f.has(F::KnownLumbarStenosis)
        || f.has(F::LumbarStenosisOnImaging)
        || (f.has(F::WalkingLegPain) && f.has(F::ReliefWithSittingOrFlexion));
    let lumbar_attribution = lumbar_findings || d.condition(Condition::LumbarSpinalStenosis) >= Likelihood::Moderate;
    let compression = d.imaging == CervicalImaging::Compression;
    // Compression counts as a cervical finding for these warnings only with a myelopathic picture.
    let cervical_signs = f.any(UMN_SIGNS) || f.has(F::GaitDeviation) || d.dcm_established;
    // Tandem stenosis is anatomical: cord compression on MRI counts even without myelopathy.
    let cervical_findings = cervical_signs || compression || d.myelopathy >= Likelihood::Moderate;
    let not_imaged = d.imaging == CervicalImaging::NotImaged;

    if lumbar_attribution && (cervical_signs || (d.myelopathy >= Likelihood::Moderate && !clear_alternative)) {
        warn(d, W::LumbarMisattributionRisk, &MISATTRIBUTION);
    }
    if leg_symptoms && !super::umn_exam_done(f.p) {
        warn(d, W::IncompleteNeurologicalExam, &INCOMPLETE_EXAM);
    }
    if f.has(F::SciaticaLikePain) && cervical_signs {
        warn(d, W::FalseLocalizingSciatica, &FALSE_LOCALIZING);
    }
    if lumbar_findings && cervical_findings {
        warn(d, W::TandemStenosisPossible, &TANDEM);
    }
    let deficit = f.any(LEG_WEAKNESS | UMN_SIGNS | DEFICIT_SYMPTOMS) || d.myelopathy >= Likelihood::Moderate;
    let cervical_mri_recommended = d.recommendation(crate::vocab::Action::CervicalMri).is_some();
    if f.worsening() && deficit && not_imaged && cervical_mri_recommended {
        warn(d, W::DelayedDiagnosisRisk, &DELAYED);
    }
    if f.has(F::BilateralLegSymptoms)
        && f.worsening()
        && not_imaged
        && d.condition(Condition::LumbarSpinalStenosis) < Likelihood::High
        && !clear_alternative
    {
        warn(d, W::CervicalImagingOverlooked, &OVERLOOKED);
    }
    let compression_without_myelopathy = compression && !d.dcm_established;
    if f.all_known(UMN_SIGNS)
        && !f.any(UMN_SIGNS)
        && d.myelopathy >= Likelihood::Moderate
        && !compression_without_myelopathy
    {
        warn(d, W::AbsentSignsDoNotExclude, &SIGNS_DO_NOT_EXCLUDE);
    }
    if f.p.ankle_brachial_index().is_some_and(|a| a > super::differential::ABI_NONCOMPRESSIBLE_ABOVE) {
        warn(d, W::NoncompressibleAbi, &NONCOMPRESSIBLE);
    }
    if compression && !d.dcm_established {
        warn(d, W::NonmyelopathicCompression, &NONMYELOPATHIC);
    }
    let no_compression =
        matches!(d.imaging, CervicalImaging::NoCompression | CervicalImaging::SignalWithoutCompression);
    if no_compression && (f.any(UMN_SIGNS) || f.has(F::GaitDeviation)) {
        warn(d, W::UmnSignsWithoutCompression, &UMN_WITHOUT_COMPRESSION);
    }
}
