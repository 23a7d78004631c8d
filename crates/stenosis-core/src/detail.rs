//! How much an assessment says: the [`Detail`] levels and their JSON writers, and the reference
//! registry that the `standard` level refers to by id.
//!
//! - [`Detail::Full`]: the contract JSON, [`Assessment::to_json`] (the default for one patient).
//! - [`Detail::Standard`]: the same in the same order without `next_findings`, with the top-level
//!   `citations` as ids; the full references are in [`references_json`], once.
//! - [`Detail::Summary`]: the headline (top condition, myelopathy likelihood, Cook count,
//!   pathway, cervical MRI urgency, severity class, red flag and warning ids), which
//!   [`Headline::to_json`] writes from [`crate::headline`] without building explanations (and
//!   [`Summary::to_json`] from [`crate::summarize`], the same bytes).
//!
//! ```
//! use stenosis_core::{assess, assess_json, Detail, Presentation};
//! let p = Presentation::from_json(r#"{"id": "r-1", "age_years": 70,
//!     "findings": {"hoffmann_sign": "present", "babinski_sign": "present"}}"#)?;
//! let a = assess(&p);
//! assert_eq!(a.to_json_detail(Detail::Full), a.to_json());
//! assert!(a.to_json_detail(Detail::Standard).starts_with(r#"{"id":"r-1","differential":"#));
//! // The summary written from the cheap `headline` is the same as from the full assessment.
//! assert_eq!(assess_json(&p, Detail::Summary), a.to_json_detail(Detail::Summary));
//! assert_eq!("standard".parse::<Detail>(), Ok(Detail::Standard));
//! # Ok::<(), stenosis_core::InputError>(())
//! ```

use serde::Serialize;

use crate::assessment::{Assessment, CitationEntry};
#[cfg(test)]
use crate::assessment::{DifferentialEntry, Myelopathy, Recommendation, RedFlagAlert, Severity, WarningAlert};
use crate::citations::CitationId;
use crate::presentation::{Presentation, RecordId};
#[cfg(test)]
use crate::rules::PrognosisNote;
use crate::summary::{headline, Headline, Summary};
use crate::vocab::{Action, Pathway};

/// How much an assessment says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Detail {
    /// The full Assessment: the contract JSON.
    #[default]
    Full,
    /// Everything but `next_findings`, with the top-level `citations` as ids (the full
    /// references once, from [`references_json`]).
    Standard,
    /// The headline: top condition, myelopathy likelihood, Cook count, pathway, cervical MRI
    /// urgency, severity class, red flag and warning ids.
    Summary,
}

impl Detail {
    /// Every level, most detailed first.
    pub const ALL: &'static [Detail] = &[Detail::Full, Detail::Standard, Detail::Summary];

    /// The stable string id: `full`, `standard` or `summary`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Detail::Full => "full",
            Detail::Standard => "standard",
            Detail::Summary => "summary",
        }
    }

    /// Parses a string id (exactly `full`, `standard` or `summary`).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Detail::ALL.iter().copied().find(|d| d.id() == id)
    }

    /// What the level's JSON holds, in one line (the C enum's and the docs' description).
    #[must_use]
    pub const fn doc(self) -> &'static str {
        match self {
            Detail::Full => "The full Assessment: the contract JSON, the default for one patient.",
            Detail::Standard => {
                "Everything but next_findings, with the top-level citations as ids (the references once, from the registry)."
            }
            Detail::Summary => {
                "The headline, computed without explanations: top condition, myelopathy likelihood, Cook count, pathway, cervical MRI urgency, severity class, red flag and warning ids."
            }
        }
    }

    /// A short label for people.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Detail::Full => "Full",
            Detail::Standard => "Standard",
            Detail::Summary => "Summary",
        }
    }

    /// The stable numeric code (the position in [`Self::ALL`]), as used by the C ABI
    /// (`StenosisDetail`).
    ///
    /// ```
    /// use stenosis_core::Detail;
    /// assert_eq!(Detail::from_code(Detail::Summary.code()), Some(Detail::Summary));
    /// assert_eq!(Detail::from_code(3), None);
    /// ```
    #[must_use]
    pub const fn code(self) -> u32 {
        self as u32 // declaration order, which is the order of `ALL`
    }

    /// The level with this numeric code, if any.
    #[must_use]
    pub fn from_code(code: u32) -> Option<Self> {
        Detail::ALL.iter().copied().find(|d| d.code() == code)
    }
}

impl core::fmt::Display for Detail {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.id())
    }
}

/// An unknown detail level; its message lists the accepted ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDetail(pub String);

impl core::fmt::Display for UnknownDetail {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "unknown detail level {:?}: expected full, standard or summary", self.0)
    }
}

impl std::error::Error for UnknownDetail {}

impl core::str::FromStr for Detail {
    type Err = UnknownDetail;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Detail::from_id(s).ok_or_else(|| UnknownDetail(s.to_owned()))
    }
}

impl Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A `standard` record: the Assessment in contract order without `next_findings`, with the
/// top-level citations as ids. The tests check the JSON writer against its `serde_json` form.
#[cfg(test)]
#[derive(Serialize)]
pub(crate) struct StandardRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a RecordId>,
    differential: &'a [DifferentialEntry],
    myelopathy: &'a Myelopathy,
    severity: &'a Option<Severity>,
    pathway: Pathway,
    pathway_rationale: &'a str,
    recommendations: &'a [Recommendation],
    red_flags: &'a [RedFlagAlert],
    warnings: &'a [WarningAlert],
    prognosis: &'a [PrognosisNote],
    citations: Vec<CitationId>,
    engine_version: &'static str,
    knowledge_base_version: &'static str,
    disclaimer: &'static str,
}

#[cfg(test)]
impl<'a> From<&'a Assessment> for StandardRecord<'a> {
    fn from(a: &'a Assessment) -> Self {
        StandardRecord {
            id: a.id.as_ref(),
            differential: &a.differential,
            myelopathy: &a.myelopathy,
            severity: &a.severity,
            pathway: a.pathway,
            pathway_rationale: &a.pathway_rationale,
            recommendations: &a.recommendations,
            red_flags: &a.red_flags,
            warnings: &a.warnings,
            prognosis: &a.prognosis,
            citations: a.citations.iter().map(|c| c.id).collect(),
            engine_version: a.engine_version,
            knowledge_base_version: a.knowledge_base_version,
            disclaimer: a.disclaimer,
        }
    }
}

/// A `summary` record: the headline.
#[derive(Serialize)]
struct SummaryRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    top_condition: &'static str,
    myelopathy_likelihood: &'static str,
    cook_positive: u8,
    cook_assessed: u8,
    pathway: &'static str,
    cervical_mri_urgency: Option<&'static str>,
    severity_class: Option<&'static str>,
    red_flags: Vec<&'static str>,
    warnings: Vec<&'static str>,
}

impl Summary {
    /// The `summary` JSON record (compact) of this headline, with the presentation's record id
    /// when given: `{"id":…,"top_condition":…,"myelopathy_likelihood":…,"cook_positive":…,
    /// "cook_assessed":…,"pathway":…,"cervical_mri_urgency":…,"severity_class":…,
    /// "red_flags":[…],"warnings":[…]}`.
    ///
    /// ```
    /// use stenosis_core::{summarize, Presentation};
    /// let p = Presentation::from_json(r#"{"id": "a7", "age_years": 50}"#)?;
    /// let json = summarize(&p).to_json(p.id());
    /// assert!(json.starts_with(r#"{"id":"a7","top_condition":"#));
    /// # Ok::<(), stenosis_core::InputError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self, id: Option<&RecordId>) -> String {
        Headline::from(self).to_json(id)
    }
}

impl Headline {
    /// The `summary` JSON record (compact): the same bytes as [`Summary::to_json`] of the same
    /// presentation.
    ///
    /// ```
    /// use stenosis_core::{headline, summarize, Presentation};
    /// let p = Presentation::from_json(r#"{"id": "a7", "age_years": 50}"#)?;
    /// assert_eq!(headline(&p).to_json(p.id()), summarize(&p).to_json(p.id()));
    /// # Ok::<(), stenosis_core::InputError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self, id: Option<&RecordId>) -> String {
        let r = SummaryRecord {
            id: id.map(RecordId::as_str),
            top_condition: self.top_condition.id(),
            myelopathy_likelihood: self.myelopathy_likelihood.id(),
            cook_positive: self.cook_positive,
            cook_assessed: self.cook_assessed,
            pathway: self.pathway.id(),
            cervical_mri_urgency: self.cervical_mri.map(|u| u.id()),
            severity_class: self.severity.map(|c| c.id()),
            red_flags: self.red_flags().map(|r| r.id()).collect(),
            warnings: self.warnings().map(|w| w.id()).collect(),
        };
        // Serialising this type cannot fail: strings, small integers and lists of strings.
        serde_json::to_string(&r).unwrap_or_default()
    }
}

impl Assessment {
    /// The JSON (compact) of this assessment at a detail level: [`Detail::Full`] is
    /// [`Assessment::to_json`]; [`Detail::Standard`] drops `next_findings` and gives the
    /// top-level `citations` as ids; [`Detail::Summary`] is the headline, the same bytes as
    /// [`Summary::to_json`] for the same presentation.
    ///
    /// ```
    /// use stenosis_core::{assess, Detail, Presentation};
    /// let a = assess(&Presentation::from_json(r#"{"age_years": 64}"#)?);
    /// let standard: serde_json::Value = serde_json::from_str(&a.to_json_detail(Detail::Standard)).unwrap();
    /// assert!(standard.get("next_findings").is_none());
    /// assert!(standard["citations"].as_array().unwrap().iter().all(|c| c.is_string()));
    /// # Ok::<(), stenosis_core::InputError>(())
    /// ```
    #[must_use]
    pub fn to_json_detail(&self, detail: Detail) -> String {
        match detail {
            Detail::Full | Detail::Standard => crate::json::write(self, detail),
            Detail::Summary => self.summary_record().to_json(self.id.as_ref()),
        }
    }

    /// The headline of this assessment, as [`crate::summarize`] gives it.
    fn summary_record(&self) -> SummaryParts {
        SummaryParts {
            top_condition: self.top_condition(),
            myelopathy_likelihood: self.myelopathy.likelihood,
            cook_positive: self.myelopathy.cook_rule.positive,
            cook_assessed: self.myelopathy.cook_rule.assessed,
            pathway: self.pathway,
            cervical_mri: self.recommendation(Action::CervicalMri).map(|r| r.urgency),
            severity: self.severity.map(|s| s.class),
            red_flags: self.red_flags.iter().map(|r| r.id).collect(),
            warnings: self.warnings.iter().map(|w| w.id).collect(),
        }
    }
}

/// The headline parts read from a full assessment (red flags and warnings are already in
/// vocabulary order there).
struct SummaryParts {
    top_condition: Option<crate::vocab::Condition>,
    myelopathy_likelihood: crate::vocab::Likelihood,
    cook_positive: u8,
    cook_assessed: u8,
    pathway: Pathway,
    cervical_mri: Option<crate::vocab::Urgency>,
    severity: Option<crate::vocab::SeverityClass>,
    red_flags: Vec<crate::vocab::RedFlag>,
    warnings: Vec<crate::vocab::Warning>,
}

impl SummaryParts {
    fn to_json(&self, id: Option<&RecordId>) -> String {
        let r = SummaryRecord {
            id: id.map(RecordId::as_str),
            top_condition: self.top_condition.map_or("", |c| c.id()),
            myelopathy_likelihood: self.myelopathy_likelihood.id(),
            cook_positive: self.cook_positive,
            cook_assessed: self.cook_assessed,
            pathway: self.pathway.id(),
            cervical_mri_urgency: self.cervical_mri.map(|u| u.id()),
            severity_class: self.severity.map(|c| c.id()),
            red_flags: self.red_flags.iter().map(|r| r.id()).collect(),
            warnings: self.warnings.iter().map(|w| w.id()).collect(),
        };
        serde_json::to_string(&r).unwrap_or_default()
    }
}

/// Assesses a presentation and writes its JSON at a detail level. [`Detail::Summary`] runs only
/// [`crate::summarize`] (no explanations are built); `standard` never ranks the next findings.
///
/// ```
/// use stenosis_core::{assess, assess_json, Detail, Presentation};
/// let p = Presentation::from_json(r#"{"age_years": 58, "findings": {"gait_difficulty": "present"}}"#)?;
/// assert_eq!(assess_json(&p, Detail::Full), assess(&p).to_json());
/// assert!(assess_json(&p, Detail::Summary).starts_with(r#"{"top_condition":"#));
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[must_use]
pub fn assess_json(p: &Presentation, detail: Detail) -> String {
    match detail {
        Detail::Summary => headline(p).to_json(p.id()),
        Detail::Full | Detail::Standard => crate::evaluation::evaluate(p).to_json_detail(detail),
    }
}

/// [`assess_json`] appended to `out`: the same bytes, written into a buffer the caller keeps, so
/// that a batch writing many records into one buffer allocates nothing per record.
///
/// ```
/// use stenosis_core::{assess_json, assess_json_into, Detail, Presentation};
/// let p = Presentation::from_json(r#"{"id": "r-2", "age_years": 71}"#)?;
/// let mut out = String::from("[");
/// for detail in [Detail::Standard, Detail::Summary] {
///     assess_json_into(&p, detail, &mut out);
///     out.push(',');
/// }
/// let want = format!("[{},{},", assess_json(&p, Detail::Standard), assess_json(&p, Detail::Summary));
/// assert_eq!(out, want);
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
pub fn assess_json_into(p: &Presentation, detail: Detail, out: &mut String) {
    match detail {
        Detail::Standard => {
            let mut trace = crate::rules::Collect::default();
            let d = crate::rules::evaluate(p, &mut trace);
            crate::json::write_standard_into(p, &d, &trace, out);
        }
        Detail::Full | Detail::Summary => out.push_str(&assess_json(p, detail)),
    }
}

/// Every reference of the citation registry, in registry order, each as it appears in a `full`
/// assessment's `citations`. `standard` records give citations as ids into this list.
#[must_use]
pub fn references() -> Vec<CitationEntry> {
    CitationId::ALL.iter().map(|c| CitationEntry::from(c.reference())).collect()
}

/// The reference registry as JSON (compact): an array of every reference in registry order, each
/// object exactly as in a `full` assessment's `citations` (`id`, `authors`, `title`, `source`,
/// `year`, `pmid`, `doi`, `url`). Written at compile time: calling this costs nothing.
///
/// ```
/// use stenosis_core::{assess, references_json, Presentation};
/// let registry: serde_json::Value = serde_json::from_str(references_json()).unwrap();
/// let a: serde_json::Value = serde_json::from_str(&assess(&Presentation::new()).to_json()).unwrap();
/// for c in a["citations"].as_array().unwrap() {
///     assert!(registry.as_array().unwrap().contains(c));
/// }
/// ```
#[must_use]
pub fn references_json() -> &'static str {
    crate::json::REFERENCES_JSON
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::assess;
    use crate::vocab::{Finding, Status};

    /// A level's code is its position in `ALL` (the generated C enum numbers them so).
    #[test]
    fn codes_are_positions() {
        for (i, d) in Detail::ALL.iter().enumerate() {
            assert_eq!(Detail::ALL.get(d.code() as usize), Some(d), "{i}");
            assert_eq!(Detail::from_code(d.code()), Some(*d));
        }
        assert_eq!(Detail::from_code(Detail::ALL.len() as u32), None);
    }

    fn presentations() -> Vec<Presentation> {
        let mut out = vec![Presentation::new()];
        let mut p = Presentation::new();
        let _ = p.set_age_years(Some(66));
        for f in [Finding::HoffmannSign, Finding::BabinskiSign, Finding::GaitDifficulty, Finding::SaddleAnesthesia] {
            p.set_finding(f, Status::Present);
            out.push(p);
        }
        out
    }

    #[test]
    fn summary_from_summarize_equals_summary_from_assess() {
        for p in presentations() {
            let a = assess(&p);
            assert_eq!(crate::summarize(&p).to_json(p.id()), a.to_json_detail(Detail::Summary));
            assert_eq!(headline(&p).to_json(p.id()), a.to_json_detail(Detail::Summary));
        }
    }

    #[test]
    fn standard_is_full_without_next_findings_and_with_citation_ids() {
        for p in presentations() {
            let a = assess(&p);
            let mut want: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap_or_default();
            let ids: Vec<serde_json::Value> = a.citations.iter().map(|c| serde_json::Value::from(c.id.id())).collect();
            if let Some(m) = want.as_object_mut() {
                m.remove("next_findings");
                m.insert("citations".to_owned(), serde_json::Value::from(ids));
            }
            let got: serde_json::Value = serde_json::from_str(&a.to_json_detail(Detail::Standard)).unwrap_or_default();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn detail_ids_round_trip() {
        for d in Detail::ALL {
            assert_eq!(d.id().parse::<Detail>(), Ok(*d));
        }
        assert!("Full".parse::<Detail>().is_err());
    }

    #[test]
    fn registry_lists_every_citation_once_in_order() {
        let v: serde_json::Value = serde_json::from_str(references_json()).unwrap_or_default();
        let ids: Vec<&str> =
            v.as_array().map(|a| a.iter().filter_map(|c| c["id"].as_str()).collect()).unwrap_or_default();
        assert_eq!(ids, CitationId::ALL.iter().map(|c| c.id()).collect::<Vec<_>>());
    }
}
