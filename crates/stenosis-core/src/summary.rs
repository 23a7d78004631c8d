//! A cheap summary of an assessment, for screening cohorts: the same rules as [`crate::assess`]
//! without explanations, citations or `next_findings`, and without allocating.

use crate::assessment::Order;
use crate::presentation::Presentation;
use crate::rules::{self, NoTrace};
use crate::vocab::{Action, Condition, Likelihood, Pathway, RedFlag, SeverityClass, Urgency, Warning};

/// The headline of an assessment. Equal to the corresponding parts of [`crate::assess`]'s result
/// for the same presentation (a property the test suite checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// The first condition of the differential.
    pub top_condition: Condition,
    /// The myelopathy likelihood.
    pub myelopathy_likelihood: Likelihood,
    /// Cook rule items positive.
    pub cook_positive: u8,
    /// Cook rule items assessed.
    pub cook_assessed: u8,
    /// The pathway.
    pub pathway: Pathway,
    /// The cervical MRI urgency, if recommended.
    pub cervical_mri: Option<Urgency>,
    /// The mJOA severity class, if an mJOA was given.
    pub severity: Option<SeverityClass>,
    red_flags: u32,
    warnings: u32,
    recommendations: [Option<Urgency>; Action::ALL.len()],
    order: Order,
}

impl Summary {
    /// The red flags raised, in vocabulary order.
    pub fn red_flags(&self) -> impl Iterator<Item = RedFlag> + '_ {
        set_bits(self.red_flags).filter_map(RedFlag::from_code)
    }

    /// The warnings raised, in vocabulary order.
    pub fn warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        set_bits(self.warnings).filter_map(Warning::from_code)
    }

    /// The recommended actions with their urgency, in the order of [`crate::assess`]'s
    /// `recommendations`: most urgent first, vocabulary order within one urgency, with the same
    /// exceptions (the vascular referral first in acute limb ischaemia; the cervical MRI never
    /// before the lumbosacral or whole-spine MRI when cauda equina syndrome is suspected or as
    /// likely as myelopathy).
    pub fn recommendations(&self) -> impl Iterator<Item = (Action, Urgency)> + '_ {
        let order = self.order;
        Urgency::ALL.iter().rev().flat_map(move |&u| {
            let in_order = move |at: u8| {
                Action::ALL
                    .iter()
                    .zip(self.recommendations.iter())
                    .filter(move |(&a, r)| **r == Some(u) && order.place(a) == at)
                    .map(move |(&a, _)| (a, u))
            };
            in_order(0).chain(in_order(1)).chain(in_order(2))
        })
    }
}

/// The set bits of a mask, lowest first (vocabulary codes in code order): one step per set bit.
fn set_bits(mut bits: u32) -> impl Iterator<Item = u32> {
    core::iter::from_fn(move || {
        (bits != 0).then(|| {
            let i = bits.trailing_zeros();
            bits &= bits - 1;
            i
        })
    })
}

/// Summarises a presentation: the headline of [`crate::assess`] at a fraction of the cost.
///
/// ```
/// use stenosis_core::{summarize, assess, Presentation};
/// let p = Presentation::from_json(r#"{"age_years": 70, "findings": {"hoffmann_sign": "present", "babinski_sign": "present"}}"#)?;
/// let s = summarize(&p);
/// let a = assess(&p);
/// assert_eq!(Some(s.top_condition), a.top_condition());
/// assert_eq!(s.pathway, a.pathway);
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[must_use]
pub fn summarize(p: &Presentation) -> Summary {
    rules::evaluate_with(p, &mut NoTrace, |d| Summary::from_decision(p, d))
}

impl Summary {
    /// The headline of a decision already made.
    pub(crate) fn from_decision(p: &Presentation, d: &rules::Decision) -> Summary {
        Summary {
            top_condition: d.top_condition(p),
            myelopathy_likelihood: d.myelopathy,
            cook_positive: d.cook.positive,
            cook_assessed: d.cook.assessed,
            pathway: d.pathway,
            cervical_mri: d.recommendation(Action::CervicalMri),
            severity: d.severity,
            red_flags: d.red_flags,
            warnings: d.warnings,
            recommendations: d.recommendations,
            order: Order::of(d),
        }
    }
}

/// The headline of a cohort screen: [`Summary`] without the recommendations other than the
/// cervical MRI's urgency. Equal to the corresponding parts of [`summarize`] (and so of
/// [`crate::assess`]) for the same presentation, a property the test suite checks; cheaper,
/// since the recommendation rows of the other actions are not evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headline {
    /// The first condition of the differential.
    pub top_condition: Condition,
    /// The myelopathy likelihood.
    pub myelopathy_likelihood: Likelihood,
    /// Cook rule items positive.
    pub cook_positive: u8,
    /// Cook rule items assessed.
    pub cook_assessed: u8,
    /// The pathway.
    pub pathway: Pathway,
    /// The cervical MRI urgency, if recommended.
    pub cervical_mri: Option<Urgency>,
    /// The mJOA severity class, if an mJOA was given.
    pub severity: Option<SeverityClass>,
    red_flags: u32,
    warnings: u32,
}

impl Headline {
    /// The red flags raised, in vocabulary order.
    pub fn red_flags(&self) -> impl Iterator<Item = RedFlag> + '_ {
        set_bits(self.red_flags).filter_map(RedFlag::from_code)
    }

    /// The warnings raised, in vocabulary order.
    pub fn warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        set_bits(self.warnings).filter_map(Warning::from_code)
    }
}

impl From<&Summary> for Headline {
    /// The headline parts of a summary.
    fn from(s: &Summary) -> Headline {
        Headline {
            top_condition: s.top_condition,
            myelopathy_likelihood: s.myelopathy_likelihood,
            cook_positive: s.cook_positive,
            cook_assessed: s.cook_assessed,
            pathway: s.pathway,
            cervical_mri: s.cervical_mri,
            severity: s.severity,
            red_flags: s.red_flags,
            warnings: s.warnings,
        }
    }
}

/// The headline of a presentation ([`Headline`]): what a cohort screen reads, at less cost than
/// [`summarize`].
///
/// ```
/// use stenosis_core::{headline, summarize, Headline, Presentation};
/// let p = Presentation::from_json(r#"{"age_years": 70, "findings": {"hoffmann_sign": "present", "babinski_sign": "present"}}"#)?;
/// assert_eq!(headline(&p), Headline::from(&summarize(&p)));
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[must_use]
pub fn headline(p: &Presentation) -> Headline {
    rules::evaluate_headline_with(p, |d| Headline {
        top_condition: d.top_condition(p),
        myelopathy_likelihood: d.myelopathy,
        cook_positive: d.cook.positive,
        cook_assessed: d.cook.assessed,
        pathway: d.pathway,
        cervical_mri: d.recommendation(Action::CervicalMri),
        severity: d.severity,
        red_flags: d.red_flags,
        warnings: d.warnings,
    })
}
