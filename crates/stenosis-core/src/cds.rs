//! CDS Hooks 2.0 cards (HL7 STU2) derived from an [`Assessment`], for EHRs that integrate
//! decision support through `patient-view` or `order-select`/`order-sign` services.
//!
//! Rules kept (`standards.md` §1.2 and §1.5): a response is `{"cards": [...]}`; every card has a
//! `summary` under 140 characters, an `indicator` (`info` | `warning` | `critical`) and a
//! `source`; optional fields are omitted rather than null or empty. No `suggestions` or
//! `systemActions` are produced: the engine flags urgency and shows its basis, it does not place
//! orders (the FDA's non-device CDS criteria). Cards carry no `uuid` (the output stays
//! deterministic); a service that wants feedback assigns one.

use serde::Serialize;

use crate::assessment::Assessment;
use crate::citations::CitationId;
use crate::vocab::{Action, Likelihood, Pathway, RedFlag, Urgency};

/// The longest summary a card may have (the specification says "<140-character").
pub const CDS_SUMMARY_MAX_CHARS: usize = 139;

/// A CDS Hooks response: `{"cards": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CdsHooksResponse {
    /// The cards, most urgent first.
    pub cards: Vec<CdsCard>,
}

/// One CDS Hooks card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CdsCard {
    /// One sentence, under 140 characters.
    pub summary: String,
    /// The details, GitHub-flavoured Markdown.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// `info`, `warning` or `critical`.
    pub indicator: &'static str,
    /// Where the guidance comes from.
    pub source: CdsSource,
    /// Links to the evidence (absolute URLs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<CdsLink>,
}

/// The source of a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CdsSource {
    /// A short label.
    pub label: String,
}

/// A link on a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CdsLink {
    /// Link text.
    pub label: String,
    /// Absolute URL.
    pub url: String,
    /// Always `absolute`.
    #[serde(rename = "type")]
    pub link_type: &'static str,
}

/// What a red-flag card asks for: same-day action, except for chronic limb-threatening ischaemia,
/// an urgent referral within days (SPEC v2).
fn red_flag_call(flag: RedFlag) -> &'static str {
    if flag == RedFlag::LimbThreateningIschaemia {
        "Refer urgently (days)."
    } else {
        "Act today."
    }
}

fn truncate_summary(mut s: String) -> String {
    if s.chars().count() > CDS_SUMMARY_MAX_CHARS {
        s = s.chars().take(CDS_SUMMARY_MAX_CHARS - 1).collect::<String>();
        s.push('…');
    }
    s
}

fn links(a: &Assessment, ids: &[CitationId]) -> Vec<CdsLink> {
    ids.iter()
        .filter_map(|id| a.citations.iter().find(|c| c.id == *id))
        .filter_map(|c| {
            let url = c.url.clone()?;
            let first_author = c.authors.split([',', ' ']).next().filter(|s| !s.is_empty()).unwrap_or(c.source);
            Some(CdsLink { label: format!("{first_author} {}: {}", c.year, c.title), url, link_type: "absolute" })
        })
        .collect()
}

fn source(a: &Assessment) -> CdsSource {
    CdsSource { label: format!("stenosis knowledge base {}", a.knowledge_base_version) }
}

/// The sources of a statement, as a reader knows them ("Cook 2010"), never as citation ids.
fn references(a: &Assessment, ids: &[CitationId]) -> String {
    let names: Vec<String> = ids
        .iter()
        .filter_map(|id| a.citations.iter().find(|c| c.id == *id))
        .map(|c| {
            let first = c.authors.split([',', ' ']).next().filter(|s| !s.is_empty()).unwrap_or(c.source);
            format!("{first} {}", c.year)
        })
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!(" _(sources: {})_", names.join("; "))
}

/// The CDS Hooks response for an assessment: one critical card per red flag, then one card with
/// the assessment (likelihood, pathway, recommendations, warnings and the disclaimer).
///
/// ```
/// use stenosis_core::{assess, cds_hooks_response, Presentation};
/// let p = Presentation::from_json(r#"{"findings": {"saddle_anesthesia": "present", "leg_weakness": "present"}}"#)?;
/// let r = cds_hooks_response(&assess(&p));
/// assert_eq!(r.cards[0].indicator, "critical");
/// assert!(r.cards.iter().all(|c| c.summary.chars().count() < 140));
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[must_use]
pub fn cds_hooks_response(a: &Assessment) -> CdsHooksResponse {
    let mut cards = Vec::new();
    for flag in &a.red_flags {
        cards.push(CdsCard {
            // Chronic limb-threatening ischaemia is an urgent (days), not a same-day, referral.
            summary: truncate_summary(format!("Red flag: {}. {}", flag.id.label(), red_flag_call(flag.id))),
            detail: format!("{}{}", flag.message, references(a, &flag.citations)),
            indicator: "critical",
            source: source(a),
            links: links(a, &flag.citations),
        });
    }

    let indicator = match a.pathway {
        Pathway::Emergency => "critical",
        Pathway::SurgicalEvaluation | Pathway::FurtherWorkup => "warning",
        _ if a.myelopathy.likelihood >= Likelihood::Moderate => "warning",
        _ => "info",
    };
    let mri = a.recommendation(Action::CervicalMri).map(|r| match r.urgency {
        Urgency::Emergency => "cervical MRI today",
        Urgency::Urgent => "urgent cervical MRI",
        Urgency::Routine => "cervical MRI",
    });
    let mut summary = format!(
        "Cervical myelopathy {} likelihood; {}",
        a.myelopathy.likelihood.label().to_lowercase(),
        a.pathway.label()
    );
    if let Some(m) = mri {
        summary.push_str("; ");
        summary.push_str(m);
    }
    summary.push('.');

    let mut detail = String::new();
    detail.push_str(&format!(
        "**Pathway: {}.** {}\n\n**Cervical myelopathy: {}** (Cook rule: {} of 5 items positive; {} of 5 assessed",
        a.pathway.label(),
        a.pathway_rationale,
        a.myelopathy.likelihood.label(),
        a.myelopathy.cook_rule.positive,
        a.myelopathy.cook_rule.assessed
    ));
    if let Some(pt) = &a.myelopathy.post_test {
        detail.push_str(&format!(
            "; post-test probability {:.0}% from {:.0}% with LR {}",
            pt.probability * 100.0,
            pt.pre_test_probability * 100.0,
            pt.likelihood_ratio
        ));
    }
    detail.push_str(").\n\n**Differential:**\n");
    for e in &a.differential {
        detail.push_str(&format!("- {}: {}\n", e.condition.label(), e.likelihood.label()));
    }
    if !a.recommendations.is_empty() {
        detail.push_str("\n**Recommendations:**\n");
        for r in &a.recommendations {
            detail.push_str(&format!(
                "- **{}** ({}): {}{}\n",
                r.action.label(),
                r.urgency.label(),
                r.rationale,
                references(a, &r.citations)
            ));
        }
    }
    if !a.warnings.is_empty() {
        detail.push_str("\n**Warnings:**\n");
        for w in &a.warnings {
            detail.push_str(&format!("- {}{}\n", w.message, references(a, &w.citations)));
        }
    }
    detail.push_str(&format!("\n_{}_", a.disclaimer));

    let mut cited: Vec<CitationId> = Vec::new();
    for r in &a.recommendations {
        for c in &r.citations {
            if !cited.contains(c) {
                cited.push(*c);
            }
        }
    }
    cards.push(CdsCard {
        summary: truncate_summary(summary),
        detail,
        indicator,
        source: source(a),
        links: links(a, &cited),
    });
    CdsHooksResponse { cards }
}

impl CdsHooksResponse {
    /// The response as JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{assess, Presentation};

    #[test]
    fn a_chronic_limb_threat_card_asks_for_an_urgent_referral_not_same_day_action() -> Result<(), crate::InputError> {
        let p = Presentation::from_json(r#"{"findings": {"rest_pain": "present", "reduced_foot_pulses": "present"}}"#)?;
        let r = cds_hooks_response(&assess(&p));
        let summaries: Vec<&str> = r.cards.iter().map(|c| c.summary.as_str()).collect();
        assert!(
            summaries.contains(&"Red flag: Chronic limb-threatening ischaemia. Refer urgently (days)."),
            "{summaries:?}"
        );
        assert!(!summaries.iter().any(|s| s.contains("Act today")), "{summaries:?}");
        Ok(())
    }
}
