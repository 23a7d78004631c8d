//! Red flags (act today) and warnings (the seed's clinical pitfalls and evidence caveats).
//!
//! Sources: GIRFT 2023 and BMJ Best Practice (suspected cauda equina: emergency referral and MRI
//! within 4 hours); the seed (a rapidly progressive deficit needs same-day evaluation; its four
//! pitfalls: misattribution to the lumbar spine, an incomplete neurological examination, delayed
//! diagnosis, not considering cervical imaging); the evidence caveats of the digests.

use super::differential::abi_not_interpretable;
use super::engine::{self, Rule};
use super::facts::{mask, Ctx, LEG_SYMPTOMS, LEG_WEAKNESS, UMN_SIGNS};
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
fn rapid(c: &Ctx<'_>) -> bool {
    c.rapid()
}

const CES_SUSPECTED: Reason = Reason {
    id: "ces_suspected",
    text: "Suspected cauda equina syndrome (saddle anaesthesia, urinary retention, or recent bladder or bowel disturbance with leg symptoms): emergency referral and MRI of the lumbosacral spine within 4 hours",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes, C::Seed],
};
const RAPID_DEFICIT: Reason = Reason {
    id: "rapid_deficit",
    text: "Rapidly progressive leg symptoms: an acute neurological deficit needs same-day evaluation and imaging; cord damage from compression can become irreversible",
    cites: &[C::Seed, C::RothAcrMyelopathy],
};

/// Red flags: suspected cauda equina syndrome; a rapidly progressive deficit.
pub(crate) const RED_FLAGS: &[Rule<RedFlag>] = &[
    alert(ces_likely, RedFlag::CaudaEquinaSuspected, &CES_SUSPECTED),
    alert(rapid, RedFlag::RapidlyProgressiveDeficit, &RAPID_DEFICIT),
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
    cervical_signs(c) || compression(c) || c.d.myelopathy >= Likelihood::Moderate
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
    c.any(LEG_SYMPTOMS) && !c.umn_exam_done
}
fn sciatica_with_cervical_signs(c: &Ctx<'_>) -> bool {
    c.has(F::SciaticaLikePain) && cervical_signs(c)
}
fn lumbar_and_cervical_findings(c: &Ctx<'_>) -> bool {
    lumbar_findings(c) && cervical_findings(c)
}
fn progressive_deficit_not_imaged(c: &Ctx<'_>) -> bool {
    c.worsening() && deficit(c) && not_imaged(c) && c.d.recommendation(Action::CervicalMri).is_some()
}
fn bilateral_progressive_not_imaged(c: &Ctx<'_>) -> bool {
    c.has(F::BilateralLegSymptoms)
        && c.worsening()
        && not_imaged(c)
        && c.condition(Condition::LumbarSpinalStenosis) < Likelihood::High
        && !c.clear_alternative
}
fn umn_signs_all_absent_with_suspicion(c: &Ctx<'_>) -> bool {
    let compression_without_myelopathy = compression(c) && !c.d.dcm_established;
    c.all_known(UMN_SIGNS)
        && !c.any(UMN_SIGNS)
        && c.d.myelopathy >= Likelihood::Moderate
        && !compression_without_myelopathy
}
fn compression_without_myelopathy(c: &Ctx<'_>) -> bool {
    compression(c) && !c.d.dcm_established
}
fn umn_signs_without_compression(c: &Ctx<'_>) -> bool {
    matches!(c.d.imaging, CervicalImaging::NoCompression | CervicalImaging::SignalWithoutCompression)
        && (c.any(UMN_SIGNS) || c.has(F::GaitDeviation))
}

const MISATTRIBUTION: Reason = Reason {
    id: "misattribution",
    text: "Leg symptoms may be put down to the lumbar spine while cervical signs or an unexplained picture remain: misattribution to lumbar pathology is a recognised pitfall, especially when lumbar disease coexists",
    cites: &[C::Seed, C::Chan2011, C::Langfitt1967],
};
const INCOMPLETE_EXAM: Reason = Reason {
    id: "incomplete_exam",
    text: "Leg symptoms without an upper motor neuron examination (reflexes and plantar responses not recorded; also Hoffmann, clonus and gait): failing to examine for them is a recognised cause of missed myelopathy",
    cites: &[C::Seed],
};
const FALSE_LOCALIZING: Reason = Reason {
    id: "false_localizing",
    text: "Sciatica-like leg pain with upper motor neuron signs or cervical cord compression: cervical cord compression can present as sciatica (a false-localising sign) and be missed",
    cites: &[C::Chan2011, C::Han2024, C::Seed],
};
const TANDEM: Reason = Reason {
    id: "tandem",
    text: "Lumbar and cervical findings together: tandem stenosis is present in up to 60% of spinal stenosis patients and is often overlooked; where myelopathy is present it is usually treated first",
    cites: &[C::Overley2017, C::Nagata2017],
};
const DELAYED: Reason = Reason {
    id: "delayed",
    text: "Progressive deficit without cervical imaging: delayed diagnosis lets cervical myelopathy progress to irreversible cord damage",
    cites: &[C::Seed, C::Karadimas2013],
};
const OVERLOOKED: Reason = Reason {
    id: "overlooked",
    text: "Bilateral progressive leg symptoms without a clear lumbar cause and no cervical imaging: not considering cervical imaging is a recognised pitfall",
    cites: &[C::Seed],
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
    text: "Upper motor neuron signs with no cord compression on cervical MRI: consider dynamic compression in extension or a lesion elsewhere above L1",
    cites: &[C::Bentley2001, C::Shin2024],
};

/// The seed's four pitfalls and the evidence caveats.
pub(crate) const WARNINGS: &[Rule<W>] = &[
    alert(misattribution_risk, W::LumbarMisattributionRisk, &MISATTRIBUTION),
    alert(legs_without_umn_exam, W::IncompleteNeurologicalExam, &INCOMPLETE_EXAM),
    alert(sciatica_with_cervical_signs, W::FalseLocalizingSciatica, &FALSE_LOCALIZING),
    alert(lumbar_and_cervical_findings, W::TandemStenosisPossible, &TANDEM),
    alert(progressive_deficit_not_imaged, W::DelayedDiagnosisRisk, &DELAYED),
    alert(bilateral_progressive_not_imaged, W::CervicalImagingOverlooked, &OVERLOOKED),
    alert(umn_signs_all_absent_with_suspicion, W::AbsentSignsDoNotExclude, &SIGNS_DO_NOT_EXCLUDE),
    alert(abi_not_interpretable, W::NoncompressibleAbi, &NONCOMPRESSIBLE),
    alert(compression_without_myelopathy, W::NonmyelopathicCompression, &NONMYELOPATHIC),
    alert(umn_signs_without_compression, W::UmnSignsWithoutCompression, &UMN_WITHOUT_COMPRESSION),
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
