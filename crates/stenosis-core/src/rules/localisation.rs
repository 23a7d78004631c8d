//! Version 2: where the lesion is. Limb-specific signs, the lower motor neuron pattern, the cord
//! below the neck (thoracic myelopathy, truncal sensory level), cauda equina by the GIRFT 2023
//! pathway, Guillain-Barre syndrome, metastatic cord compression and spinal epidural abscess.
//!
//! Sources (`clinical-evidence-2.md` §1-§4): GIRFT 2023 via BMJ Best Practice and Todd & Dickson
//! 2016 (suspected cauda equina: back or leg pain with any one of new or worsening bladder or
//! bowel change, saddle sensory change, a bilateral leg deficit, sexual dysfunction); Kessler 2022
//! (rapid areflexic weakness from lumbar stenosis); the GBS criteria (World J Clin Cases 2017); Kranz 2019,
//! Hellmann 2013, Ando 2019 (sensory level, thoracic myelopathy); NICE NG234/QS56 (metastatic
//! compression); Davis 2004 (epidural abscess).

use super::engine::{Move, Rule};
use super::facts::{mask, umn_count, Ctx, LEG_SYMPTOMS, LEG_WEAKNESS, UMN_SIGNS};
use super::{CervicalImaging, Localisation, Reason};
use crate::citations::CitationId as C;
use crate::vocab::{Condition, Course, Finding as F, Likelihood};

/// Brisk reflexes in the legs, or a leg upper motor neuron sign (the generic `hyperreflexia`
/// counts: limb not stated, and the legs are what the patient presents with).
pub(crate) const LEG_UMN: u128 = mask(&[F::Hyperreflexia, F::LegHyperreflexia, F::BabinskiSign, F::AnkleClonus]);

/// Upper motor neuron signs in the arms: a lumbar or thoracic lesion cannot produce them.
pub(crate) const ARM_UMN: u128 =
    mask(&[F::ArmHyperreflexia, F::HoffmannSign, F::TromnerSign, F::InvertedSupinatorSign]);

/// The myelopathy hand (Ono 1987) and the grip screen (Kobayashi 2022).
pub(crate) const HAND_SIGNS: u128 = mask(&[F::FingerEscapeSign, F::GripReleaseSlowed, F::HandIntrinsicAtrophy]);

/// Everything that would make the arms abnormal.
const ARM_FINDINGS: u128 = ARM_UMN | HAND_SIGNS | mask(&[F::ArmWeakness, F::HandClumsiness, F::HandNumbness]);

/// Reduced reflexes or tone in the legs.
pub(crate) const LEG_LMN_SIGNS: u128 = mask(&[F::ReducedKneeReflexes, F::ReducedAnkleReflexes, F::ReducedLegTone]);

/// The cardinal cauda equina signs: saddle sensory loss, urinary retention, reduced anal tone.
pub(crate) const CES_CARDINAL: u128 = mask(&[F::SaddleAnesthesia, F::UrinaryRetention, F::ReducedAnalTone]);

use super::differential::RECENT_ONSET_MONTHS;

/// Back or leg pain findings (the GIRFT entry condition).
pub(crate) const PAIN: u128 = mask(&[F::SignificantBackPain, F::SciaticaLikePain, F::WalkingLegPain]);
/// The findings of a bilateral leg deficit.
const BILATERAL_DEFICIT: u128 = LEG_WEAKNESS
    | mask(&[F::BilateralLegSymptoms, F::FootDrop, F::ReducedKneeReflexes, F::ReducedAnkleReflexes, F::LegNumbness]);
/// The findings of a neurological deficit ([`neuro_deficit`]).
const NEURO_DEFICIT: u128 = LEG_WEAKNESS
    | LEG_UMN
    | CES_CARDINAL
    | ARM_UMN
    | mask(&[
        F::FootDrop,
        F::TruncalSensoryLevel,
        F::BladderDysfunction,
        F::BowelDysfunction,
        F::GaitDeviation,
        F::GaitDifficulty,
        F::Falls,
        F::LegNumbness,
        F::HandNumbness,
        F::HandClumsiness,
        F::ArmWeakness,
        F::LegStiffness,
        F::VibrationOrPositionSenseLoss,
    ]);
/// Spinal pain (NICE: "spinal pain"; Davis: back or neck pain).
const SPINAL_PAIN: u128 = mask(&[F::SignificantBackPain, F::NeckPain]);

/// Recent onset (14 days or less).
pub(crate) fn recent(c: &Ctx<'_>) -> bool {
    c.p.symptom_duration_months().is_some_and(|m| m <= RECENT_ONSET_MONTHS)
}

/// Recent onset or deterioration (GIRFT: "recent onset (< 14 days) or deterioration").
pub(crate) fn new_or_worsening(c: &Ctx<'_>) -> bool {
    recent(c) || c.worsening()
}

/// New or worsening, or the timing not recorded at all (neither the duration nor the course):
/// "unknown" is never read as "not recent" (SPEC v2).
pub(crate) fn possibly_new_or_worsening(c: &Ctx<'_>) -> bool {
    new_or_worsening(c) || (c.p.symptom_duration_months().is_none() && c.p.course().is_none())
}

/// Back or leg pain (the GIRFT entry condition).
pub(crate) fn back_or_leg_pain(c: &Ctx<'_>) -> bool {
    c.any(PAIN)
}

/// A cord pattern in the legs: an upper motor neuron sign, or a truncal sensory level.
pub(crate) fn cord_pattern(c: &Ctx<'_>) -> bool {
    c.any(LEG_UMN) || c.has(F::TruncalSensoryLevel)
}

/// Arms examined and normal: no arm or hand sign present, and the arm reflexes or Hoffmann sign
/// recorded absent.
pub(crate) fn arms_normal(c: &Ctx<'_>) -> bool {
    !c.any(ARM_FINDINGS) && (c.lacks(F::ArmHyperreflexia) || c.lacks(F::HoffmannSign))
}

/// Leg cord signs with normal arms, or a truncal sensory level: the lesion may be below the neck.
pub(crate) fn lesion_may_be_below_neck(c: &Ctx<'_>) -> bool {
    c.has(F::TruncalSensoryLevel) || (c.any(LEG_UMN) && arms_normal(c))
}

/// A radicular picture: sciatica-like pain, a positive straight-leg raise, or a foot drop.
pub(crate) const ROOT_PICTURE: u128 = mask(&[F::SciaticaLikePain, F::StraightLegRaise, F::FootDrop]);

/// The lower motor neuron pattern: leg weakness with reduced reflexes or tone and no upper motor
/// neuron sign or sensory level (roots, cauda equina or nerves, not the cord). The leg upper motor
/// neuron examination must be recorded negative (the plantar response and the leg reflexes), and
/// reduced ankle reflexes count with a root picture (the S1 root: the ankle reflex is S1 and
/// segmental damage reduces it, part 2 §1.3) or in both legs, never with diabetes or
/// stocking-glove loss (the neuropathy's sign; neuropathy can mask leg hyperreflexia: part 2
/// §1.4; part 1 §8).
pub(crate) fn lmn_pattern(c: &Ctx<'_>) -> bool {
    let umn_recorded_negative = c.lacks(F::BabinskiSign) && (c.lacks(F::Hyperreflexia) || c.lacks(F::LegHyperreflexia));
    let lmn_signs = c.has(F::ReducedKneeReflexes)
        || c.has(F::ReducedLegTone)
        || (c.has(F::ReducedAnkleReflexes)
            && (c.has(F::BilateralLegSymptoms) || c.any(ROOT_PICTURE))
            && !c.has(F::Diabetes)
            && !c.has(F::StockingGloveSensoryLoss));
    (c.any(LEG_WEAKNESS) || c.has(F::FootDrop))
        && lmn_signs
        && umn_recorded_negative
        && !c.any(LEG_UMN)
        && !c.has(F::TruncalSensoryLevel)
}

/// Worsening leg weakness (or a foot drop) with a radicular picture ([`ROOT_PICTURE`]) and no leg
/// cord sign or level: a root deficit, imaged at the lumbosacral spine whatever the rest of the
/// examination (SPEC v2: imaging goes to the level the signs point to; part 2 §1.3-1.4).
pub(crate) fn radicular_motor_deficit(c: &Ctx<'_>) -> bool {
    c.any(ROOT_PICTURE) && (c.any(LEG_WEAKNESS) || c.has(F::FootDrop)) && c.worsening() && !cord_pattern(c)
}

/// A radicular motor deficit ([`radicular_motor_deficit`]) with no cord sign at all (no upper motor
/// neuron or hand sign, no gait deviation): the lumbosacral MRI comes before any cervical MRI.
pub(crate) fn radicular_lumbar_first(c: &Ctx<'_>) -> bool {
    radicular_motor_deficit(c) && !c.any(UMN_SIGNS | HAND_SIGNS) && !c.has(F::GaitDeviation)
}

/// A neurological deficit (cord or cauda equina) of the kind that makes a spinal emergency.
pub(crate) fn neuro_deficit(c: &Ctx<'_>) -> bool {
    c.any(NEURO_DEFICIT)
}

/// Lumbar stenosis known from the history or imaging.
pub(crate) fn lumbar_stenosis_known(c: &Ctx<'_>) -> bool {
    c.has(F::KnownLumbarStenosis) || c.has(F::LumbarStenosisOnImaging)
}

/// The version-2 judgements, once the differential is known.
pub(crate) fn judge(c: &Ctx<'_>) -> Localisation {
    let mimic_levels = super::mimics::MIMICS.map(|m| c.condition(m));
    Localisation {
        below_neck: lesion_may_be_below_neck(c),
        arms_normal: arms_normal(c),
        lmn: lmn_pattern(c),
        lumbar_first: radicular_lumbar_first(c),
        ali: super::vascular::acute_limb_ischaemia(c),
        clti: super::vascular::limb_threatening_ischaemia(c),
        after_decompression: super::mimics::deterioration_after_decompression(c) && c.any(LEG_SYMPTOMS | UMN_SIGNS),
        no_compression_signs: super::mimics::cord_signs_without_compression(c),
        mimic: mimic_levels.iter().any(|l| *l >= Likelihood::Moderate),
        mimic_high: mimic_levels.contains(&Likelihood::High),
    }
}

const fn row(when: fn(&Ctx<'_>) -> bool, then: Move, because: &'static Reason) -> Rule<Move> {
    Rule { when, then, because, reads: 0 }
}

// ---- Cauda equina: the GIRFT 2023 criteria beyond version 1 (rows of the CES table) -----------

/// A bilateral leg deficit: both legs, with weakness, foot drop or reduced reflexes (or numbness,
/// new or worsening: GIRFT "or other neurological deficit affecting both legs").
///
/// Reduced ankle reflexes do not count with diabetes or stocking-glove loss (the neuropathy's
/// sign), and numbness that has lasted over 14 days does not count when stocking-glove loss or
/// neurogenic claudication explains it (part 1 §6, §8): it counts when new, untimed, or
/// worsening without such an explanation.
pub(crate) fn bilateral_leg_deficit(c: &Ctx<'_>) -> bool {
    let neuropathy = c.has(F::Diabetes) || c.has(F::StockingGloveSensoryLoss);
    let claudicant = c.has(F::WalkingLegPain) && (c.has(F::ReliefWithSittingOrFlexion) || lumbar_stenosis_known(c));
    let untimed = c.p.symptom_duration_months().is_none() && c.p.course().is_none();
    let numbness = c.has(F::LegNumbness)
        && possibly_new_or_worsening(c)
        && (recent(c) || untimed || !(c.has(F::StockingGloveSensoryLoss) || claudicant));
    c.has(F::BilateralLegSymptoms)
        && (c.any(LEG_WEAKNESS)
            || c.has(F::FootDrop)
            || c.has(F::ReducedKneeReflexes)
            || (c.has(F::ReducedAnkleReflexes) && !neuropathy)
            || numbness)
}
/// Leg cord signs (an upper motor neuron sign in the legs, or a truncal sensory level) over more
/// than 14 days and not rapidly progressive: the cord explains symptoms and a deficit in both legs.
/// In cauda equina syndrome, "unlike in spinal cord injury, muscle tone and deep tendon reflexes
/// are decreased in the legs" (MSD, part 2 §1.1); bilateral weakness with reduced reflexes and no
/// upper motor neuron sign is the lower motor neuron pattern (§1.4); leg upper motor neuron signs
/// place the lesion above L1 (Bentley; §1.3). A recent onset or a rapid course still counts with
/// cord signs (conus lesions give mixed signs), and so does an untimed one; the bladder, bowel,
/// saddle and sexual criteria are never held back by cord signs.
pub(crate) fn legs_explained_by_cord(c: &Ctx<'_>) -> bool {
    cord_pattern(c) && !c.rapid() && c.p.symptom_duration_months().is_some_and(|m| m > RECENT_ONSET_MONTHS)
}
/// Sciatica in both legs, not recorded as stable over 14 days ([`criterion_possibly_new`]): bilateral radiculopathy, the suspected
/// stage of cauda equina syndrome in the standards of care (Todd & Dickson; part 2 §1.1). Not
/// when leg cord signs over more than 14 days explain it ([`legs_explained_by_cord`]): sciatica-like
/// pain with cord signs over months is the seed's false-localising presentation of the cord.
fn bilateral_radicular_pain(c: &Ctx<'_>) -> bool {
    c.has(F::SciaticaLikePain)
        && c.has(F::BilateralLegSymptoms)
        && criterion_possibly_new(c)
        && !legs_explained_by_cord(c)
}
/// The GIRFT entry: back or leg pain, with the criterion possibly new or worsening
/// ([`criterion_possibly_new`]: the leg-symptom duration does not date it). The criteria
/// have no exclusion for upper motor neuron signs: conus and lumbosacral lesions give mixed signs,
/// and tandem stenosis is common (Wijesekera; part 1 §10), so leg cord signs or a level do not
/// hold back the bladder, bowel or sexual criteria, nor a bilateral deficit of recent onset or
/// rapid course; the lumbosacral spine is imaged with the cord (a whole-spine MRI).
fn girft_entry(c: &Ctx<'_>) -> bool {
    back_or_leg_pain(c) && criterion_possibly_new(c)
}
/// A GIRFT criterion (bladder or bowel change, a deficit in both legs, bilateral sciatica) may be
/// new or worsening: unless the course is recorded stable and the symptoms have lasted over 14
/// days. The leg-symptom duration does not date the criterion (the textbook disc cauda equina is
/// an acute disc on months of sciatica; sciatica can turn into weakness of both legs), an
/// unrecorded course is unknown, never "not worsening" (SPEC v2), and a relapse is a new attack.
pub(crate) fn criterion_possibly_new(c: &Ctx<'_>) -> bool {
    !(c.course_is(Course::Stable) && c.p.symptom_duration_months().is_some_and(|m| m > RECENT_ONSET_MONTHS))
}
/// The GIRFT bladder or bowel criterion: a new bladder or bowel disturbance (recent or rapid, as
/// in version 1), or one with back or leg pain that may be new or worsening
/// ([`criterion_possibly_new`]).
pub(crate) fn girft_sphincter(c: &Ctx<'_>) -> bool {
    let sphincter = c.has(F::BladderDysfunction) || c.has(F::BowelDysfunction);
    sphincter && (((recent(c) || c.rapid()) && !cord_pattern(c)) || (back_or_leg_pain(c) && criterion_possibly_new(c)))
}
/// The GIRFT bilateral leg deficit criterion, unless leg cord signs over more than 14 days
/// explain the deficit ([`legs_explained_by_cord`]).
pub(crate) fn girft_bilateral(c: &Ctx<'_>) -> bool {
    girft_entry(c) && bilateral_leg_deficit(c) && !legs_explained_by_cord(c)
}
/// The GIRFT sexual dysfunction criterion: the finding is new by definition (SPEC: "new erectile
/// or ejaculatory dysfunction, or genital numbness"), so only back or leg pain is needed.
pub(crate) fn girft_sexual(c: &Ctx<'_>) -> bool {
    back_or_leg_pain(c) && c.has(F::SexualDysfunction)
}
/// Weakness in both legs with back or leg pain, recorded stable over 14 days, without leg cord
/// signs: not the GIRFT emergency (recent onset or deterioration), but the lumbosacral spine is
/// still imaged (cauda equina possible).
fn chronic_bilateral_weakness(c: &Ctx<'_>) -> bool {
    back_or_leg_pain(c)
        && c.has(F::BilateralLegSymptoms)
        && (c.any(LEG_WEAKNESS) || c.has(F::FootDrop))
        && !criterion_possibly_new(c)
        && !cord_pattern(c)
}
/// Any GIRFT criterion met with back or leg pain ([`girft_entry`]).
pub(crate) fn girft_criterion(c: &Ctx<'_>) -> bool {
    girft_sphincter(c) || girft_bilateral(c) || girft_sexual(c)
}
fn girft_bilateral_no_cord(c: &Ctx<'_>) -> bool {
    girft_bilateral(c) && !cord_pattern(c)
}
fn girft_sexual_no_cord(c: &Ctx<'_>) -> bool {
    girft_sexual(c) && !cord_pattern(c)
}
fn girft_with_cord_pattern(c: &Ctx<'_>) -> bool {
    girft_criterion(c) && cord_pattern(c)
}
fn reduced_anal_tone(c: &Ctx<'_>) -> bool {
    c.has(F::ReducedAnalTone)
}
fn rapid_bilateral_lmn(c: &Ctx<'_>) -> bool {
    c.rapid() && lmn_pattern(c) && c.has(F::BilateralLegSymptoms)
}

pub(crate) const CES_BILATERAL: Reason = Reason {
    id: "ces_bilateral",
    text: "Back or leg pain with a deficit in both legs (weakness, numbness or reduced reflexes in both legs) that is new, worsening, or not recorded as stable over 14 days (the leg-symptom duration does not date it): suspected cauda equina syndrome on this criterion alone (GIRFT 2023); a sphincter symptom is not needed",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes, C::Todd2016Ces],
};
pub(crate) const CES_SEXUAL: Reason = Reason {
    id: "ces_sexual",
    text: "Back or leg pain with new sexual dysfunction: suspected cauda equina syndrome on this criterion alone (GIRFT 2023)",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes],
};
const CES_GIRFT_CORD: Reason = Reason {
    id: "ces_girft_cord",
    text: "Back or leg pain with a new or worsening GIRFT criterion (bladder or bowel, sexual function, or both legs when of recent onset or rapidly progressive), but with upper motor neuron signs in the legs or a truncal sensory level: suspected cauda equina syndrome all the same (the criteria have no exclusion for them, conus lesions give mixed signs and tandem stenosis is common), although the signs point to the cord above L1 (cauda equina lowers the leg reflexes); image the whole spine as an emergency",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes, C::Wijesekera2009Als, C::Bentley2001],
};
const CES_BILATERAL_RADICULAR: Reason = Reason {
    id: "ces_bilateral_radicular",
    text: "Sciatica in both legs, not recorded as stable over 14 days: bilateral radiculopathy is the suspected stage of cauda equina syndrome in the standards of care; image the lumbosacral spine (an emergency if a sphincter, saddle or motor change appears)",
    cites: &[C::Todd2016Ces, C::Dionne2019],
};
const CES_BILATERAL_CHRONIC: Reason = Reason {
    id: "ces_bilateral_chronic",
    text: "Back or leg pain with weakness in both legs recorded stable over 14 days: not the GIRFT emergency (recent onset or deterioration), but cauda equina compression is possible; image the lumbosacral spine (an emergency if the weakness worsens or a sphincter, saddle or sexual change appears)",
    cites: &[C::Girft2023Ces, C::BmjBestPracticeCes, C::Todd2016Ces],
};
const CES_ANAL_TONE: Reason = Reason {
    id: "ces_anal_tone",
    text: "Reduced anal tone: a sign of cauda equina compression (sensitivity about 53%; a rectal examination is not needed to justify the emergency MRI)",
    cites: &[C::BmjBestPracticeCes, C::Todd2016Ces],
};
const CES_LMN_RAPID: Reason = Reason {
    id: "ces_lmn_rapid",
    text: "Rapid bilateral areflexic leg weakness without a cord sign: cauda equina compression is possible even without pain or sphincter symptoms (the lumbar stenosis case of Kessler 2022)",
    cites: &[C::Kessler2022Lmn, C::Todd2016Ces],
};

/// The version-2 rows of the cauda equina table.
pub(crate) const CES_ANAL_TONE_ROW: Rule<Move> =
    row(reduced_anal_tone, Move::Raise(Likelihood::High), &CES_ANAL_TONE).reading(mask(&[F::ReducedAnalTone]));
pub(crate) const CES_BILATERAL_ROW: Rule<Move> =
    row(girft_bilateral_no_cord, Move::Raise(Likelihood::High), &CES_BILATERAL).reading(PAIN | BILATERAL_DEFICIT);
pub(crate) const CES_SEXUAL_ROW: Rule<Move> =
    row(girft_sexual_no_cord, Move::Raise(Likelihood::High), &CES_SEXUAL).reading(PAIN | mask(&[F::SexualDysfunction]));
/// A GIRFT criterion with leg cord signs or a truncal level: suspected cauda equina (the red flag
/// and the emergency scan follow), but moderate, below the cord conditions those signs point to.
pub(crate) const CES_GIRFT_CORD_ROW: Rule<Move> =
    row(girft_with_cord_pattern, Move::Raise(Likelihood::Moderate), &CES_GIRFT_CORD).reading(
        PAIN | BILATERAL_DEFICIT
            | LEG_UMN
            | mask(&[F::SexualDysfunction, F::TruncalSensoryLevel, F::BladderDysfunction, F::BowelDysfunction]),
    );
pub(crate) const CES_BILATERAL_CHRONIC_ROW: Rule<Move> =
    row(chronic_bilateral_weakness, Move::Raise(Likelihood::Moderate), &CES_BILATERAL_CHRONIC)
        .reading(PAIN | LEG_WEAKNESS | mask(&[F::BilateralLegSymptoms, F::FootDrop]));
pub(crate) const CES_BILATERAL_RADICULAR_ROW: Rule<Move> =
    row(bilateral_radicular_pain, Move::Raise(Likelihood::Moderate), &CES_BILATERAL_RADICULAR)
        .reading(mask(&[F::SciaticaLikePain, F::BilateralLegSymptoms]));
pub(crate) const CES_LMN_RAPID_ROW: Rule<Move> =
    row(rapid_bilateral_lmn, Move::Raise(Likelihood::Moderate), &CES_LMN_RAPID)
        .reading(LEG_WEAKNESS | LEG_LMN_SIGNS | mask(&[F::FootDrop, F::BilateralLegSymptoms]));

// ---- Lumbar stenosis with a lower motor neuron deficit (a row of the LSS table) ----------------

fn lmn_with_lumbar_stenosis(c: &Ctx<'_>) -> bool {
    lmn_pattern(c) && lumbar_stenosis_known(c)
}
const LSS_LMN: Reason = Reason {
    id: "lss_lmn",
    text: "Areflexic leg weakness (lower motor neuron pattern) with known lumbar stenosis: the stenosis can compress the cauda equina; image the lumbosacral spine",
    cites: &[C::Kessler2022Lmn, C::Todd2016Ces],
};
/// The version-2 row of the lumbar stenosis table (after its lowering rows).
pub(crate) const LUMBAR_V2: Rule<Move> = row(lmn_with_lumbar_stenosis, Move::Raise(Likelihood::High), &LSS_LMN)
    .reading(LEG_WEAKNESS | LEG_LMN_SIGNS | mask(&[F::FootDrop, F::KnownLumbarStenosis, F::LumbarStenosisOnImaging]));

// ---- Thoracic myelopathy ----------------------------------------------------------------------

/// A thoracic cord picture: a leg upper motor neuron sign, a truncal sensory level, a spastic gait
/// or stiff legs; or weak or numb legs or a gait disturbance that lumbar stenosis, neuropathy or
/// arterial disease (high) does not explain (Ando [14], Aizawa [15]: leg numbness, gait
/// disturbance, reflex signs).
pub(crate) const THORACIC_PICTURE: u128 = LEG_UMN
    | LEG_WEAKNESS
    | mask(&[F::TruncalSensoryLevel, F::GaitDeviation, F::LegStiffness, F::LegNumbness, F::GaitDifficulty]);
pub(crate) fn thoracic_cord_picture(c: &Ctx<'_>) -> bool {
    let explained =
        [Condition::LumbarSpinalStenosis, Condition::PeripheralNeuropathy, Condition::PeripheralArterialDisease]
            .into_iter()
            .any(|x| c.condition(x) == Likelihood::High);
    c.any(LEG_UMN | mask(&[F::TruncalSensoryLevel, F::GaitDeviation, F::LegStiffness]))
        || (!explained && c.any(LEG_WEAKNESS | mask(&[F::LegNumbness, F::GaitDifficulty])))
}
fn thoracic_compression(c: &Ctx<'_>) -> bool {
    c.has(F::ThoracicCordCompressionOnMri) && thoracic_cord_picture(c)
}
fn thoracic_compression_without_picture(c: &Ctx<'_>) -> bool {
    c.has(F::ThoracicCordCompressionOnMri) && !thoracic_cord_picture(c)
}
fn thoracic_clear_with_level(c: &Ctx<'_>) -> bool {
    c.lacks(F::ThoracicCordCompressionOnMri) && c.has(F::TruncalSensoryLevel)
}
fn thoracic_clear(c: &Ctx<'_>) -> bool {
    c.lacks(F::ThoracicCordCompressionOnMri)
}
fn level_with_signs(c: &Ctx<'_>) -> bool {
    c.has(F::TruncalSensoryLevel)
        && (c.any(LEG_UMN) || c.any(LEG_WEAKNESS) || c.has(F::UrinaryRetention) || c.has(F::BladderDysfunction))
}
fn level_only(c: &Ctx<'_>) -> bool {
    c.has(F::TruncalSensoryLevel) && !level_with_signs(c)
}
fn legs_only_clear(c: &Ctx<'_>) -> bool {
    c.any(LEG_UMN) && arms_normal(c) && umn_count(c) >= 2
}
fn legs_only_one_sign(c: &Ctx<'_>) -> bool {
    c.any(LEG_UMN) && arms_normal(c) && umn_count(c) < 2
}

const TH_COMPRESSION: Reason = Reason {
    id: "th_compression",
    text: "Thoracic cord compression on MRI: thoracic myelopathy (tumours and ossified ligaments are most operated causes; ossified ligamentum flavum mostly at T9-10 or lower)",
    cites: &[C::Ando2019Thoracic, C::Aizawa2006Olf],
};
const TH_COMPRESSION_NO_PICTURE: Reason = Reason {
    id: "th_compression_no_picture",
    text: "Thoracic cord compression on MRI with no leg upper motor neuron sign, sensory level or spastic gait recorded, and any leg symptoms otherwise explained: it may be incidental (compression without myelopathy is common); the examination decides",
    cites: &[C::Ando2019Thoracic, C::Nouri2022],
};
const TH_NO_COMPRESSION_LEVEL: Reason = Reason {
    id: "th_no_compression_level",
    text: "Thoracic MRI without cord compression: a thoracic sensory level can be a false-localising sign of a cervical cord or brain lesion 6-11 segments higher",
    cites: &[C::Hellmann2013FalseLevel],
};
const TH_NO_COMPRESSION: Reason =
    Reason { id: "th_no_compression", text: "Thoracic MRI without cord compression", cites: &[C::Agarwal2021Acr] };
const TH_LEVEL_WITH_SIGNS: Reason = Reason {
    id: "th_level_with_signs",
    text: "A truncal sensory level with leg cord signs: a myelopathy whose lesion lies at or above the level; compression must be excluded first",
    cites: &[C::Kranz2019Myelopathy, C::Hellmann2013FalseLevel],
};
const TH_LEVEL: Reason = Reason {
    id: "th_level",
    text: "A truncal sensory level: a sign of myelopathy at or above that level",
    cites: &[C::Kranz2019Myelopathy],
};
const TH_LEGS_ONLY: Reason = Reason {
    id: "th_legs_only",
    text: "Upper motor neuron signs in the legs with normal arms: the lesion lies between the foramen magnum and the conus; the thoracic cord is likely but not certain (cervical lesions can present in the legs only)",
    cites: &[C::Bentley2001, C::Ando2019Thoracic, C::Ko2011Meningioma],
};

/// Thoracic myelopathy: a thoracic MRI settles it; otherwise the sensory level and the legs-only
/// cord signs.
pub(crate) const THORACIC_MYELOPATHY: &[Rule<Move>] = &[
    row(thoracic_compression, Move::Settle(Likelihood::High), &TH_COMPRESSION)
        .reading(mask(&[F::ThoracicCordCompressionOnMri]) | THORACIC_PICTURE),
    row(thoracic_compression_without_picture, Move::Settle(Likelihood::Moderate), &TH_COMPRESSION_NO_PICTURE)
        .reading(mask(&[F::ThoracicCordCompressionOnMri]) | THORACIC_PICTURE),
    row(thoracic_clear_with_level, Move::Settle(Likelihood::Low), &TH_NO_COMPRESSION_LEVEL)
        .reading(mask(&[F::ThoracicCordCompressionOnMri])),
    row(thoracic_clear, Move::Settle(Likelihood::Low), &TH_NO_COMPRESSION)
        .reading(mask(&[F::ThoracicCordCompressionOnMri])),
    row(level_with_signs, Move::Raise(Likelihood::High), &TH_LEVEL_WITH_SIGNS)
        .reading(LEG_UMN | LEG_WEAKNESS | mask(&[F::TruncalSensoryLevel, F::UrinaryRetention, F::BladderDysfunction])),
    row(level_only, Move::Raise(Likelihood::Moderate), &TH_LEVEL).reading(mask(&[F::TruncalSensoryLevel])),
    row(legs_only_clear, Move::Raise(Likelihood::High), &TH_LEGS_ONLY).reading(LEG_UMN | UMN_SIGNS),
    row(legs_only_one_sign, Move::Raise(Likelihood::Moderate), &TH_LEGS_ONLY).reading(LEG_UMN),
];

/// Whether a row of [`THORACIC_MYELOPATHY`] can fire: every row needs the thoracic MRI reported
/// (present or absent), a truncal sensory level, or a leg upper motor neuron sign. When none is
/// recorded the table leaves the likelihood low and notes nothing, so it is not applied (a test
/// checks each guard against its table).
pub(crate) fn thoracic_may_fire(c: &Ctx<'_>) -> bool {
    c.known(F::ThoracicCordCompressionOnMri) || c.any(LEG_UMN | mask(&[F::TruncalSensoryLevel]))
}

// ---- Guillain-Barre syndrome ----------------------------------------------------------------

/// GBS criteria: progression over days to 4 weeks (in months).
const GBS_ONSET_MONTHS: f64 = 1.0;

/// Progressive weakness over days to 4 weeks (or a rapid course) of both legs (or legs and arms) with reduced reflexes, no leg upper
/// motor neuron sign and no sensory level.
fn gbs_core(c: &Ctx<'_>) -> bool {
    let within_weeks = c.rapid()
        || (!c.course_is(Course::Stable) && c.p.symptom_duration_months().is_some_and(|m| m <= GBS_ONSET_MONTHS));
    let areflexic = c.has(F::ReducedKneeReflexes) || c.has(F::ReducedAnkleReflexes);
    let widespread = c.has(F::BilateralLegSymptoms) || c.has(F::ArmWeakness);
    within_weeks && c.any(LEG_WEAKNESS) && widespread && areflexic && !c.any(LEG_UMN) && !c.has(F::TruncalSensoryLevel)
}
/// Against GBS: sphincter failure or fever at onset.
fn gbs_against(c: &Ctx<'_>) -> bool {
    c.has(F::UrinaryRetention) || c.has(F::BowelDysfunction) || c.has(F::SaddleAnesthesia) || c.has(F::Fever)
}
fn gbs_with_against(c: &Ctx<'_>) -> bool {
    gbs_core(c) && gbs_against(c)
}
fn gbs_ascending_or_unexplained(c: &Ctx<'_>) -> bool {
    gbs_core(c) && !gbs_against(c) && (c.has(F::ArmWeakness) || c.has(F::BulbarSymptoms) || !lumbar_stenosis_known(c))
}
fn gbs_beside_lumbar_stenosis(c: &Ctx<'_>) -> bool {
    gbs_core(c) && !gbs_against(c) && !gbs_ascending_or_unexplained(c)
}
/// The GBS picture with neither the course nor the duration recorded: it cannot be set aside.
fn gbs_untimed(c: &Ctx<'_>) -> bool {
    let untimed = c.p.symptom_duration_months().is_none() && c.p.course().is_none();
    let areflexic = c.has(F::ReducedKneeReflexes) || c.has(F::ReducedAnkleReflexes);
    let widespread = c.has(F::BilateralLegSymptoms) || c.has(F::ArmWeakness);
    untimed
        && c.any(LEG_WEAKNESS)
        && widespread
        && areflexic
        && !c.any(LEG_UMN)
        && !c.has(F::TruncalSensoryLevel)
        && !gbs_against(c)
}

const GBS_CORE: Reason = Reason {
    id: "gbs_core",
    text: "Weakness progressing over days to 4 weeks with reduced or absent reflexes, no upper motor neuron sign recorded and no sensory level: consider Guillain-Barre syndrome (neurology, nerve conduction studies, CSF)",
    cites: &[C::GbsCriteria2017],
};
const GBS_UNTIMED: Reason = Reason {
    id: "gbs_untimed",
    text: "Weakness with reduced or absent reflexes, no upper motor neuron sign recorded and no sensory level, its timing not recorded: if it developed over days to 4 weeks this is suspected Guillain-Barre syndrome (emergency neurology); record the course and duration",
    cites: &[C::GbsCriteria2017],
};
const GBS_ARMS: Reason = Reason {
    id: "gbs_arms",
    text: "The weakness has reached the arms or bulbar muscles (ascending), or no lumbar cause is known: Guillain-Barre syndrome is suspected",
    cites: &[C::GbsCriteria2017],
};
const GBS_AGAINST: Reason = Reason {
    id: "gbs_against",
    text: "Against Guillain-Barre syndrome: sphincter failure at onset (urinary retention, bowel or saddle symptoms) or fever at onset; early sphincter failure points to the cord or cauda equina, so Guillain-Barre syndrome is not raised",
    cites: &[C::GbsCriteria2017],
};

/// Guillain-Barre syndrome.
pub(crate) const GUILLAIN_BARRE: &[Rule<Move>] = &[
    row(gbs_with_against, Move::Keep, &GBS_AGAINST).reading(
        LEG_WEAKNESS
            | mask(&[F::ReducedKneeReflexes, F::ReducedAnkleReflexes, F::BilateralLegSymptoms, F::ArmWeakness]),
    ),
    row(gbs_untimed, Move::Raise(Likelihood::Moderate), &GBS_UNTIMED).reading(
        LEG_WEAKNESS
            | mask(&[F::ReducedKneeReflexes, F::ReducedAnkleReflexes, F::BilateralLegSymptoms, F::ArmWeakness]),
    ),
    row(gbs_beside_lumbar_stenosis, Move::Raise(Likelihood::Moderate), &GBS_CORE).reading(
        LEG_WEAKNESS
            | mask(&[F::ReducedKneeReflexes, F::ReducedAnkleReflexes, F::BilateralLegSymptoms, F::ArmWeakness]),
    ),
    row(gbs_ascending_or_unexplained, Move::Raise(Likelihood::High), &GBS_CORE).reading(
        LEG_WEAKNESS
            | mask(&[
                F::ReducedKneeReflexes,
                F::ReducedAnkleReflexes,
                F::BilateralLegSymptoms,
                F::ArmWeakness,
                F::BulbarSymptoms,
            ]),
    ),
    row(gbs_ascending_or_unexplained, Move::Keep, &GBS_ARMS).reading(
        LEG_WEAKNESS
            | mask(&[
                F::ReducedKneeReflexes,
                F::ReducedAnkleReflexes,
                F::BilateralLegSymptoms,
                F::ArmWeakness,
                F::BulbarSymptoms,
            ]),
    ),
];

/// Whether a row of [`GUILLAIN_BARRE`] can fire: every row needs leg weakness with reduced knee
/// or ankle reflexes.
pub(crate) fn guillain_barre_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::ReducedKneeReflexes, F::ReducedAnkleReflexes])) && c.any(LEG_WEAKNESS)
}

// ---- Metastatic spinal cord compression (NICE NG234, QS56) -----------------------------------

/// A deficit that may be cord or cauda equina compression (NICE QS56: "symptoms or signs of cord
/// compression"): leg and hand numbness do not count beside stocking-glove loss, the pattern of a
/// polyneuropathy (part 1 §8), the common one after chemotherapy. Any weakness, upper motor neuron
/// sign, sphincter or gait finding still counts.
fn compression_deficit(c: &Ctx<'_>) -> bool {
    let explained = if c.has(F::StockingGloveSensoryLoss) { mask(&[F::LegNumbness, F::HandNumbness]) } else { 0 };
    c.any(NEURO_DEFICIT & !explained)
}
fn cancer_with_deficit(c: &Ctx<'_>) -> bool {
    c.has(F::CancerHistory) && compression_deficit(c)
}
fn cancer_with_back_pain(c: &Ctx<'_>) -> bool {
    c.has(F::CancerHistory) && c.any(SPINAL_PAIN) && !compression_deficit(c)
}
/// No known cancer, unexplained weight loss, spinal (back or neck) pain and a deficit that may be
/// compression: MSCC as the first sign of cancer (QS56: "spinal pain").
fn weight_loss_back_pain_deficit(c: &Ctx<'_>) -> bool {
    !c.has(F::CancerHistory) && c.has(F::UnexplainedWeightLoss) && c.any(SPINAL_PAIN) && compression_deficit(c)
}

const MSCC_NEURO: Reason = Reason {
    id: "mscc_neuro",
    text: "A past or current cancer with symptoms or signs of cord or cauda equina compression: suspected metastatic spinal cord compression; contact the MSCC coordinator immediately; whole-spine MRI and a treatment plan within 24 hours",
    cites: &[C::NiceNg234, C::Hawkins2023Mscc, C::NiceQs56],
};
const MSCC_PAIN: Reason = Reason {
    id: "mscc_pain",
    text: "A past or current cancer with spinal (back or neck) pain and no neurological symptom or sign recorded: spinal metastases are possible; whole-spine MRI within 1 week, or within 24 hours if the examination (today, if not yet done) finds any deficit",
    cites: &[C::NiceQs56, C::NiceNg234],
};
const MSCC_FIRST_SIGN: Reason = Reason {
    id: "mscc_first_sign",
    text: "Unexplained weight loss with back or neck pain and a neurological deficit: 23% of metastatic cord compressions are the first sign of cancer",
    cites: &[C::NiceQs56],
};

/// Malignant (metastatic) spinal cord compression.
pub(crate) const MALIGNANT_COMPRESSION: &[Rule<Move>] = &[
    row(cancer_with_deficit, Move::Raise(Likelihood::High), &MSCC_NEURO)
        .reading(NEURO_DEFICIT | mask(&[F::CancerHistory, F::StockingGloveSensoryLoss])),
    row(cancer_with_back_pain, Move::Raise(Likelihood::Moderate), &MSCC_PAIN)
        .reading(SPINAL_PAIN | NEURO_DEFICIT | mask(&[F::CancerHistory, F::StockingGloveSensoryLoss])),
    row(weight_loss_back_pain_deficit, Move::Raise(Likelihood::Moderate), &MSCC_FIRST_SIGN)
        .reading(NEURO_DEFICIT | SPINAL_PAIN | mask(&[F::UnexplainedWeightLoss, F::StockingGloveSensoryLoss])),
];

/// Whether a row of [`MALIGNANT_COMPRESSION`] can fire: every row needs a cancer history or
/// unexplained weight loss.
pub(crate) fn malignant_compression_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::CancerHistory, F::UnexplainedWeightLoss]))
}

// ---- Spinal epidural abscess (Davis 2004) ------------------------------------------------------

fn infection_risk_back_pain(c: &Ctx<'_>) -> bool {
    (c.has(F::Fever) || c.has(F::SpinalInfectionRisk)) && c.any(SPINAL_PAIN)
}
fn infection_with_deficit(c: &Ctx<'_>) -> bool {
    infection_risk_back_pain(c) && neuro_deficit(c)
}
fn infection_without_deficit(c: &Ctx<'_>) -> bool {
    infection_risk_back_pain(c) && !neuro_deficit(c)
}
/// Fever or an infection risk with a deficit and no spinal pain recorded: SEA must be considered
/// without the triad (Davis: the triad in 13%, a risk factor in 98%).
pub(crate) fn infection_deficit_without_spinal_pain(c: &Ctx<'_>) -> bool {
    (c.has(F::Fever) || c.has(F::SpinalInfectionRisk)) && neuro_deficit(c) && !c.any(SPINAL_PAIN)
}

const SEA_DEFICIT: Reason = Reason {
    id: "sea_deficit",
    text: "Fever or a spinal infection risk with back or neck pain and a neurological deficit: suspected spinal epidural abscess, an emergency (the classic triad is present in only 13%; a risk factor in 98%)",
    cites: &[C::Davis2004Sea],
};
const SEA_NO_PAIN: Reason = Reason {
    id: "sea_no_pain",
    text: "Fever or a spinal infection risk with a neurological deficit, spinal pain not recorded: consider spinal epidural abscess (the classic triad is present in only 13%; a risk factor in 98%)",
    cites: &[C::Davis2004Sea],
};
const SEA_PAIN: Reason = Reason {
    id: "sea_pain",
    text: "Fever or a spinal infection risk with back or neck pain: consider spinal epidural abscess even without fever or a deficit (ESR and CRP; MRI)",
    cites: &[C::Davis2004Sea],
};

/// Spinal epidural abscess.
pub(crate) const EPIDURAL_ABSCESS: &[Rule<Move>] = &[
    row(infection_with_deficit, Move::Raise(Likelihood::High), &SEA_DEFICIT)
        .reading(NEURO_DEFICIT | SPINAL_PAIN | mask(&[F::Fever, F::SpinalInfectionRisk])),
    row(infection_without_deficit, Move::Raise(Likelihood::Moderate), &SEA_PAIN)
        .reading(SPINAL_PAIN | mask(&[F::Fever, F::SpinalInfectionRisk])),
    row(infection_deficit_without_spinal_pain, Move::Raise(Likelihood::Moderate), &SEA_NO_PAIN)
        .reading(NEURO_DEFICIT | SPINAL_PAIN | mask(&[F::Fever, F::SpinalInfectionRisk])),
];

/// Whether a row of [`EPIDURAL_ABSCESS`] can fire: every row needs fever or a spinal infection
/// risk.
pub(crate) fn epidural_abscess_may_fire(c: &Ctx<'_>) -> bool {
    c.any(mask(&[F::Fever, F::SpinalInfectionRisk]))
}

/// Whether the cervical MRI reported shows no compression (for the mimic and localisation rules).
pub(crate) fn cervical_mri_clear(c: &Ctx<'_>) -> bool {
    matches!(c.d.imaging, CervicalImaging::NoCompression | CervicalImaging::SignalWithoutCompression)
}

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    [THORACIC_MYELOPATHY, GUILLAIN_BARRE, MALIGNANT_COMPRESSION, EPIDURAL_ABSCESS]
        .into_iter()
        .flatten()
        .map(|r| r.because)
        .chain([&CES_ANAL_TONE, &CES_BILATERAL, &CES_SEXUAL, &CES_LMN_RAPID, &LSS_LMN])
}
