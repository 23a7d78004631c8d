//! The output types of an assessment and their contract JSON (serde derives, in contract field
//! order).

use serde::Serialize;

use crate::citations::{CitationId, Reference};
use crate::presentation::RecordId;
use crate::rules::PrognosisNote;
use crate::vocab::{
    Action, Condition, EvidenceQuality, Finding, Likelihood, Pathway, RedFlag, SeverityClass, Status, Strength,
    Urgency, Warning,
};

/// One condition on the differential.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferentialEntry {
    /// The condition.
    pub condition: Condition,
    /// How likely it is.
    pub likelihood: Likelihood,
    /// Present findings that support it.
    pub supporting: Vec<Finding>,
    /// Findings that oppose it: present ones that argue against it, or expected ones found absent.
    pub opposing: Vec<Finding>,
    /// Why the likelihood is what it is, rule by rule.
    pub reasons: Vec<&'static str>,
    /// Citation ids for the condition and its rules.
    pub citations: Vec<CitationId>,
}

/// One item of the Cook clinical prediction rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CookItem {
    /// `gait_deviation`, `hoffmann_sign`, `inverted_supinator_sign`, `babinski_sign` or `age_over_45`.
    pub item: &'static str,
    /// Present, absent or unknown (for age: unknown when age is not given).
    pub status: Status,
}

/// The Cook et al. 2010 clinical prediction rule count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CookRuleResult {
    /// Items positive (0-5).
    pub positive: u8,
    /// Items assessed (0-5).
    pub assessed: u8,
    /// Each item with its status.
    pub items: Vec<CookItem>,
}

/// A post-test probability from a verified likelihood ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostTestProbability {
    /// The pre-test probability assumed.
    pub pre_test_probability: f64,
    /// Where that pre-test probability comes from.
    pub pre_test_basis: &'static str,
    /// The likelihood ratio applied.
    pub likelihood_ratio: f64,
    /// Which threshold of the rule the ratio belongs to.
    pub rule: &'static str,
    /// The post-test probability (three decimals).
    pub probability: f64,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// The cervical question itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Myelopathy {
    /// How likely degenerative cervical myelopathy is.
    pub likelihood: Likelihood,
    /// The Cook rule count.
    pub cook_rule: CookRuleResult,
    /// Post-test probability where a verified likelihood ratio applies (0 of 5 fully assessed,
    /// or 3 or more of 5); `None` otherwise.
    pub post_test: Option<PostTestProbability>,
    /// Present findings that support myelopathy.
    pub supporting: Vec<Finding>,
    /// Findings that oppose it.
    pub opposing: Vec<Finding>,
    /// Why, rule by rule.
    pub reasons: Vec<&'static str>,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// mJOA severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Severity {
    /// The mJOA score given.
    pub mjoa: u8,
    /// Its class (Tetreault 2017).
    pub class: SeverityClass,
    /// Citation ids.
    pub citations: &'static [CitationId],
}

/// A recommended action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// What to do.
    pub action: Action,
    /// How soon.
    pub urgency: Urgency,
    /// The strength its guideline gives it (AO Spine/CSRS 2017), or `None` where the source gives
    /// no grade (serialised as `null`).
    pub strength: Option<Strength>,
    /// The quality of evidence its guideline gives it, or `None` where the source gives no grade.
    pub evidence_quality: Option<EvidenceQuality>,
    /// Why.
    pub rationale: String,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// A red flag raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlagAlert {
    /// Which red flag.
    pub id: RedFlag,
    /// What it means and what to do.
    pub message: String,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// A warning raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningAlert {
    /// Which warning.
    pub id: Warning,
    /// What it means.
    pub message: String,
    /// Citation ids.
    pub citations: Vec<CitationId>,
}

/// What the assessment would become with one more finding known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The pathway in that case.
    pub pathway: Pathway,
    /// The myelopathy likelihood in that case.
    pub myelopathy_likelihood: Likelihood,
    /// The top condition in that case.
    pub top_condition: Condition,
    /// The cervical MRI urgency in that case (`None`: not recommended).
    pub cervical_mri: Option<Urgency>,
    /// Red flags in that case.
    pub red_flags: Vec<RedFlag>,
}

/// A finding not yet assessed, with how much knowing it would change the assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextFinding {
    /// The finding to assess.
    pub finding: Finding,
    /// How much knowing it would change the assessment (higher is more): red flags and pathway
    /// weigh most, then top condition and imaging urgency, then likelihoods. While the upper motor
    /// neuron examination is incomplete, its items that change something come first, then the
    /// questions whose answer would raise a red flag (at most half the list before the remaining
    /// exam items), then the rest.
    pub impact: u32,
    /// Why, in words.
    pub why: String,
    /// The assessment if it were present.
    pub if_present: Outcome,
    /// The assessment if it were absent.
    pub if_absent: Outcome,
}

/// A full reference, as it appears in the assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationEntry {
    /// The citation id.
    pub id: CitationId,
    /// Authors.
    pub authors: &'static str,
    /// Title.
    pub title: &'static str,
    /// Journal or publisher.
    pub source: &'static str,
    /// Year.
    pub year: u16,
    /// PubMed id, where verified.
    pub pmid: Option<&'static str>,
    /// DOI, where verified.
    pub doi: Option<&'static str>,
    /// A link (DOI or PubMed), where an identifier is known.
    pub url: Option<String>,
}

impl From<Reference> for CitationEntry {
    fn from(r: Reference) -> Self {
        CitationEntry {
            id: r.id,
            authors: r.authors,
            title: r.title,
            source: r.source,
            year: r.year,
            pmid: r.pmid,
            doi: r.doi,
            url: r.url(),
        }
    }
}

/// The assessment of a presentation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The presentation's record id, echoed (absent from the JSON when none was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<RecordId>,
    /// Every condition, most likely first.
    pub differential: Vec<DifferentialEntry>,
    /// The cervical question.
    pub myelopathy: Myelopathy,
    /// mJOA severity, or `None` when no mJOA was given (or it is 18: no deficit, no class).
    pub severity: Option<Severity>,
    /// Where the case sits on the management pathway.
    pub pathway: Pathway,
    /// Why that pathway.
    pub pathway_rationale: String,
    /// What to do next, most urgent first.
    pub recommendations: Vec<Recommendation>,
    /// Red flags.
    pub red_flags: Vec<RedFlagAlert>,
    /// Warnings: the clinical pitfalls that apply.
    pub warnings: Vec<WarningAlert>,
    /// Findings not yet assessed that would most change this assessment, best first.
    pub next_findings: Vec<NextFinding>,
    /// Prognosis figures that apply, with sources.
    pub prognosis: Vec<PrognosisNote>,
    /// The full reference of every citation id used above.
    pub citations: Vec<CitationEntry>,
    /// The engine version.
    pub engine_version: &'static str,
    /// The knowledge-base version.
    pub knowledge_base_version: &'static str,
    /// Decision support, not a diagnosis.
    pub disclaimer: &'static str,
}

impl Assessment {
    /// The contract JSON (compact). Byte-identical for the same presentation on every binding.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Written from pre-escaped static fragments; byte-identical to `serde_json::to_string`
        // of this value (the JSON writer's tests prove it).
        crate::json::write(self, crate::Detail::Full)
    }

    /// The contract JSON, indented for people.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The first condition of the differential.
    #[must_use]
    pub fn top_condition(&self) -> Option<Condition> {
        self.differential.first().map(|e| e.condition)
    }

    /// The recommendation for one action, if made.
    #[must_use]
    pub fn recommendation(&self, action: Action) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.action == action)
    }
}
