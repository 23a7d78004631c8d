//! The order of the recommendations within one urgency, shared by the full assessment
//! ([`super::explain`]) and the cheap summary (`crate::summary`), so that the two cannot drift.

use crate::rules::Decision;
use crate::vocab::{Action, Condition, Likelihood, RedFlag};

/// The exceptions to vocabulary order among the recommended actions of one urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Order {
    /// Acute limb ischaemia: the vascular referral comes first (the threatened limb has hours).
    vascular_first: bool,
    /// Suspected cauda equina syndrome, or possible cauda equina syndrome at least as likely as
    /// cervical myelopathy, or a worsening radicular motor deficit with no cord sign: the cervical
    /// MRI never comes before the lumbosacral or whole-spine MRI.
    cervical_mri_last: bool,
}

impl Order {
    /// The order for a decision.
    pub(crate) fn of(d: &Decision) -> Order {
        let ces = d.condition(Condition::CaudaEquinaSyndrome);
        Order {
            vascular_first: d.has_red_flag(RedFlag::AcuteLimbIschaemia),
            cervical_mri_last: d.has_red_flag(RedFlag::CaudaEquinaSuspected)
                || (ces >= Likelihood::Moderate && ces >= d.myelopathy)
                || d.v2.lumbar_first,
        }
    }

    /// Where an action stands among the actions of its urgency: 0 first, 1 in vocabulary order,
    /// 2 last.
    pub(crate) fn place(self, a: Action) -> u8 {
        if self.vascular_first && a == Action::VascularSurgeryReferral {
            0
        } else if self.cervical_mri_last && a == Action::CervicalMri {
            2
        } else {
            1
        }
    }
}
