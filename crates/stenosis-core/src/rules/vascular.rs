//! Version 2: vascular urgency. Acute limb ischaemia (an emergency, and a new deficit in a
//! pulseless leg is not put down to the spine) and chronic limb-threatening ischaemia (an urgent
//! vascular referral); the skin and bruit signs of arterial disease.
//!
//! Sources (`clinical-evidence-2.md` §5): Creager 2012 (acute limb ischaemia; Rutherford
//! categories), Conte 2019 Global Vascular Guidelines ("All patients with suspected CLTI should be
//! referred urgently to a vascular specialist"), Gornik 2024 ACC/AHA, Khan 2006 (likelihood ratios
//! of the examination).

use super::engine::{Move, Rule};
use super::facts::{mask, Ctx};
use super::Reason;
use crate::citations::CitationId as C;
use crate::vocab::{Finding as F, Likelihood};

/// Acute limb ischaemia: a leg that became painful, cold, pale or pulseless within 14 days.
pub(crate) fn acute_limb_ischaemia(c: &Ctx<'_>) -> bool {
    c.has(F::AcuteColdPulselessLeg)
}

/// Chronic limb-threatening ischaemia: ischaemic rest pain, or a non-healing foot wound or
/// gangrene (not already acute limb ischaemia).
pub(crate) fn limb_threatening_ischaemia(c: &Ctx<'_>) -> bool {
    !acute_limb_ischaemia(c) && (c.has(F::RestPain) || c.has(F::FootUlcerOrGangrene))
}

/// Suspected CLTI with a measured normal ABI (1.00-1.40) and the foot pulses recorded present:
/// arterial disease is not established (a neuropathic wound is the other cause).
fn clti_normal_abi_and_pulses(c: &Ctx<'_>) -> bool {
    limb_threatening_ischaemia(c) && super::differential::abi_normal(c) && c.lacks(F::ReducedFootPulses)
}
fn clti_arterial(c: &Ctx<'_>) -> bool {
    limb_threatening_ischaemia(c) && !clti_normal_abi_and_pulses(c)
}

fn cool_or_discoloured(c: &Ctx<'_>) -> bool {
    c.has(F::CoolOrDiscolouredLeg)
}
fn femoral_bruit(c: &Ctx<'_>) -> bool {
    c.has(F::FemoralBruit)
}

pub(crate) const ALI: Reason = Reason {
    id: "ali",
    text: "A leg that became painful, cold, pale or pulseless within 14 days: acute limb ischaemia, an emergency; with sensory loss beyond the toes or any weakness the limb is immediately threatened (immediate anticoagulation, vascular specialist, revascularisation). A new numbness or weakness in this leg is ischaemic until proven otherwise: do not put it down to the spine",
    cites: &[C::Creager2012Ali, C::Gornik2024Pad],
};
pub(crate) const CLTI: Reason = Reason {
    id: "clti",
    text: "Ischaemic rest pain or a non-healing foot wound or gangrene: suspected chronic limb-threatening ischaemia; refer urgently to a vascular specialist (toe pressures preferred for objective testing)",
    cites: &[C::Conte2019Clti, C::Gornik2024Pad],
};
const CLTI_NORMAL_ABI: Reason = Reason {
    id: "clti_normal_abi",
    text: "Rest pain or a foot wound with a normal ankle-brachial index (1.00-1.40) and foot pulses present: chronic limb-threatening ischaemia is still suspected and referred urgently for toe pressures, but arterial disease is not established (CLTI is arterial disease with rest pain, gangrene or an ulcer; normal pulses LR 0.38)",
    cites: &[C::Conte2019Clti, C::AhaAcc2016Pad, C::Khan2006],
};
const PAD_SKIN: Reason = Reason {
    id: "pad_skin",
    text: "Cool or discoloured skin of the leg: cool skin LR 5.9, discolouration LR 2.8 for peripheral artery disease",
    cites: &[C::Khan2006],
};
const PAD_BRUIT: Reason = Reason {
    id: "pad_bruit",
    text: "A femoral bruit: a bruit LR 5.6 for peripheral artery disease",
    cites: &[C::Khan2006],
};

const fn row(when: fn(&Ctx<'_>) -> bool, then: Move, because: &'static Reason) -> Rule<Move> {
    Rule { when, then, because, reads: 0 }
}

/// Rows that open the arterial disease table: limb ischaemia settles it whatever the ABI.
pub(crate) const PAD_ALI_ROW: Rule<Move> =
    row(acute_limb_ischaemia, Move::Settle(Likelihood::High), &ALI).reading(mask(&[F::AcuteColdPulselessLeg]));
pub(crate) const PAD_CLTI_ROW: Rule<Move> =
    row(clti_arterial, Move::Settle(Likelihood::High), &CLTI).reading(mask(&[F::RestPain, F::FootUlcerOrGangrene]));
/// Suspected CLTI with a normal ABI and pulses present: moderate, not settled high.
pub(crate) const PAD_CLTI_NORMAL_ABI_ROW: Rule<Move> =
    row(clti_normal_abi_and_pulses, Move::Settle(Likelihood::Moderate), &CLTI_NORMAL_ABI)
        .reading(mask(&[F::RestPain, F::FootUlcerOrGangrene]));
/// Rows that close the arterial disease table: the skin and bruit signs.
pub(crate) const PAD_SKIN_ROW: Rule<Move> =
    row(cool_or_discoloured, Move::Raise(Likelihood::Moderate), &PAD_SKIN).reading(mask(&[F::CoolOrDiscolouredLeg]));
pub(crate) const PAD_BRUIT_ROW: Rule<Move> =
    row(femoral_bruit, Move::Raise(Likelihood::Moderate), &PAD_BRUIT).reading(mask(&[F::FemoralBruit]));

#[cfg(test)]
pub(crate) fn reasons() -> impl Iterator<Item = &'static Reason> {
    [&ALI, &CLTI, &CLTI_NORMAL_ABI, &PAD_SKIN, &PAD_BRUIT].into_iter()
}
