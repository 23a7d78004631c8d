//! # stenosis-render
//!
//! What a person sees of an [`Assessment`]: pure functions (no I/O) that turn one into
//!
//! - the terminal report for a clinician ([`text::report`]): a bottom-line block first, then the
//!   reasons, wrapped to the terminal width, references last;
//! - an HTML page or notebook card from one template ([`html::page`], [`html::card`]): light and
//!   dark colour schemes, a print stylesheet, no external resource;
//! - the patient view ([`patient::text`], [`patient::html`]): plain words, no ids, no likelihood
//!   ratios.
//!
//! Every id shown to a person is shown as its label from the core vocabulary (`label()`); no
//! renderer builds words from an id.
//!
//! ```
//! use stenosis_core::{assess, Presentation};
//! use stenosis_render::text::{report, TextOptions};
//!
//! let p = Presentation::from_json(r#"{"findings": {"saddle_anesthesia": "present",
//!     "urinary_retention": "present", "sciatica_like_pain": "present"}}"#)?;
//! let a = assess(&p);
//! let out = report(&a, &TextOptions { width: 80, ..TextOptions::default() });
//! assert!(out.lines().all(|l| l.chars().count() <= 80));
//! assert!(out.lines().next_back().unwrap_or("").contains("RED FLAG"));
//! # Ok::<(), stenosis_core::InputError>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

pub mod html;
pub mod patient;
pub mod text;

use std::collections::BTreeMap;

use stenosis_core::{Assessment, CitationEntry, CitationId};

/// Who the rendering is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The clinician (the default): labels, reasons, likelihoods and references.
    #[default]
    Clinician,
    /// The patient: plain words, what happens next, when to seek help at once.
    Patient,
}

impl Audience {
    /// Parses `"clinician"` or `"patient"`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "clinician" => Some(Audience::Clinician),
            "patient" => Some(Audience::Patient),
            _ => None,
        }
    }
}

/// Citation numbers in order of first use in the assessment (`[1]`, `[2]`, ...).
pub(crate) struct Numbers(BTreeMap<CitationId, usize>);

impl Numbers {
    pub(crate) fn of(a: &Assessment) -> Self {
        Numbers(a.citations.iter().enumerate().map(|(i, c)| (c.id, i + 1)).collect())
    }

    /// The sorted, de-duplicated numbers of these ids.
    pub(crate) fn of_ids(&self, ids: &[CitationId]) -> Vec<usize> {
        let mut n: Vec<usize> = ids.iter().filter_map(|c| self.0.get(c).copied()).collect();
        n.sort_unstable();
        n.dedup();
        n
    }

    /// `" [1,3]"`, or empty when no id has a number.
    pub(crate) fn mark(&self, ids: &[CitationId]) -> String {
        let n = self.of_ids(ids);
        if n.is_empty() {
            String::new()
        } else {
            format!(" [{}]", n.iter().map(ToString::to_string).collect::<Vec<_>>().join(","))
        }
    }
}

/// A reference in compact form, without its link: first author (et al.), title, source, and the
/// year only when the source does not already carry it. A title ending in `?` or `!` gets no
/// extra full stop.
#[must_use]
pub fn compact_reference(c: &CitationEntry) -> String {
    let mut s = String::new();
    let authors = c.authors.trim().trim_end_matches('.');
    if !authors.is_empty() {
        let mut parts = authors.split(", ");
        let first = parts.next().unwrap_or(authors);
        s.push_str(first.trim_end_matches(" et al").trim());
        if parts.next().is_some() || authors.ends_with("et al") {
            s.push_str(" et al");
        }
        s.push_str(". ");
    }
    s.push_str(&sentence(c.title));
    s.push(' ');
    let year = c.year.to_string();
    let source = c.source.trim();
    if source.contains(&year) {
        s.push_str(&sentence(source));
    } else {
        s.push_str(source.trim_end_matches('.'));
        s.push_str(". ");
        s.push_str(&year);
        s.push('.');
    }
    s
}

/// The text with a full stop at its end, unless it already ends a sentence.
pub(crate) fn sentence(t: &str) -> String {
    let t = t.trim();
    if t.ends_with(['.', '?', '!']) {
        t.to_owned()
    } else {
        format!("{t}.")
    }
}

/// Whether the assessment asks for same-day action (an emergency pathway or an emergency
/// recommendation). Not every red flag does: chronic limb-threatening ischaemia is urgent.
pub(crate) fn same_day(a: &Assessment) -> bool {
    a.pathway == stenosis_core::Pathway::Emergency
        || a.recommendations.iter().any(|r| r.urgency == stenosis_core::Urgency::Emergency)
}

/// What to say after the red flags: "act today", or "act within days" for an urgent one.
pub(crate) fn red_flag_call(a: &Assessment) -> &'static str {
    if same_day(a) {
        "act today"
    } else {
        "act within days"
    }
}

/// A differential entry with nothing to say: low likelihood, no finding for or against it, no
/// reason. Renderers list these together in one line instead of one row each.
pub(crate) fn is_quiet(e: &stenosis_core::DifferentialEntry) -> bool {
    e.likelihood == stenosis_core::Likelihood::Low
        && e.supporting.is_empty()
        && e.opposing.is_empty()
        && e.reasons.is_empty()
}

/// The guideline grade of a recommendation in words ("Grade: Strong recommendation, Moderate
/// quality evidence."), or `None` where the source gives none.
pub(crate) fn grade(r: &stenosis_core::Recommendation) -> Option<String> {
    match (r.strength, r.evidence_quality) {
        (None, None) => None,
        (Some(s), None) => Some(format!("Grade: {} recommendation.", s.label())),
        (None, Some(q)) => Some(format!("Grade: {} quality evidence.", q.label())),
        (Some(s), Some(q)) => {
            Some(format!("Grade: {} recommendation, {} quality evidence.", s.label(), lower_first(q.label())))
        }
    }
}

/// The first letter in lower case (for a label used inside a sentence), unless the first word is
/// an acronym or a name (a second upper-case letter, as in "MRI").
pub(crate) fn lower_first(t: &str) -> String {
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            let mut s = a.to_lowercase().collect::<String>();
            s.push_str(t.get(a.len_utf8()..).unwrap_or(""));
            s
        }
        _ => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_reference_prints_the_year_once_and_no_stop_after_a_question() {
        let a = stenosis_core::assess(&stenosis_core::Presentation::new());
        for c in &a.citations {
            let r = compact_reference(c);
            assert!(!r.contains("?."), "{r}");
            assert_eq!(r.matches(&c.year.to_string()).count().min(1), 1, "{r}");
            assert!(!r.contains(". 2017. ") || !c.source.contains("2017"), "{r}");
        }
    }

    /// Every id a person may see has a label of its own: short words, never the id.
    #[test]
    fn every_vocabulary_row_has_a_short_label() {
        for v in stenosis_core::vocabularies() {
            assert_eq!(v.labels.len(), v.rows.len(), "{}", v.name);
            for ((id, _), label) in v.rows.iter().zip(&v.labels) {
                assert!(!label.contains('_') && !label.is_empty(), "{}.{id}: {label}", v.name);
                assert!(label.chars().count() <= 60, "{}.{id}: label too long for a report: {label}", v.name);
            }
        }
    }

    #[test]
    fn lowers_only_ordinary_words() {
        assert_eq!(lower_first("MRI of the neck"), "MRI of the neck");
        assert_eq!(lower_first("Urgent (days)"), "urgent (days)");
    }
}
