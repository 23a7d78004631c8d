//! The readable report for a clinician.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use stenosis_core::{Assessment, CitationId};

use crate::{bar, urgency_label};

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn red(&self, t: &str) -> String {
        self.paint("1;31", t)
    }
    fn yellow(&self, t: &str) -> String {
        self.paint("33", t)
    }
}

/// Renders the assessment as text: red flags first, then pathway, differential, recommendations,
/// warnings, next findings and numbered citations.
pub(crate) fn render(a: &Assessment, color: bool) -> String {
    let st = Style { color };
    let numbers: BTreeMap<CitationId, usize> = a.citations.iter().enumerate().map(|(i, c)| (c.id, i + 1)).collect();
    let cite = |ids: &[CitationId]| -> String {
        let mut n: Vec<usize> = ids.iter().filter_map(|c| numbers.get(c).copied()).collect();
        n.sort_unstable();
        n.dedup();
        if n.is_empty() {
            String::new()
        } else {
            format!(" [{}]", n.iter().map(ToString::to_string).collect::<Vec<_>>().join(","))
        }
    };
    let mut s = String::new();
    let _ = writeln!(s, "{}", st.bold("STENOSIS ASSESSMENT: leg symptoms and the cervical cord"));
    let _ = writeln!(s, "Decision support for clinicians, not a diagnosis.\n");

    if a.red_flags.is_empty() {
        let _ = writeln!(s, "Red flags: none");
    } else {
        let _ = writeln!(s, "{}", st.red("RED FLAGS"));
        for r in &a.red_flags {
            let _ = writeln!(s, "  {} {}{}", st.red("!!"), st.red(r.id.id()), cite(&r.citations));
            let _ = writeln!(s, "     {}", r.message);
        }
    }

    let _ = writeln!(s, "\n{} {}", st.bold("Pathway:"), st.bold(a.pathway.id()));
    let _ = writeln!(s, "  {}", a.pathway_rationale);

    let m = &a.myelopathy;
    let _ = writeln!(
        s,
        "\n{} {} (Cook rule: {} of 5 items positive; {} of 5 assessed)",
        st.bold("Cervical myelopathy:"),
        m.likelihood.id(),
        m.cook_rule.positive,
        m.cook_rule.assessed
    );
    if let Some(pt) = &m.post_test {
        let _ = writeln!(
            s,
            "  post-test probability {:.0}% from a pre-test {:.0}% with LR {} ({}){}",
            pt.probability * 100.0,
            pt.pre_test_probability * 100.0,
            pt.likelihood_ratio,
            pt.rule,
            cite(&pt.citations)
        );
    }
    if let Some(sev) = &a.severity {
        let _ = writeln!(s, "  severity: mJOA {} = {}{}", sev.mjoa, sev.class.id(), cite(sev.citations));
    }

    let _ = writeln!(s, "\n{}", st.bold("Differential (most likely first)"));
    for e in &a.differential {
        let _ =
            writeln!(s, "  {} {:<9} {}{}", bar(e.likelihood), e.likelihood.id(), e.condition.id(), cite(&e.citations));
        if !e.supporting.is_empty() {
            let ids: Vec<&str> = e.supporting.iter().map(|f| f.id()).collect();
            let _ = writeln!(s, "      for:     {}", ids.join(", "));
        }
        if !e.opposing.is_empty() {
            let ids: Vec<&str> = e.opposing.iter().map(|f| f.id()).collect();
            let _ = writeln!(s, "      against: {}", ids.join(", "));
        }
    }

    let _ = writeln!(s, "\n{}", st.bold("Recommendations"));
    if a.recommendations.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for r in &a.recommendations {
        let label = urgency_label(r.urgency);
        let label = if label == "routine" { label.to_owned() } else { st.red(label) };
        let _ = writeln!(s, "  [{label}] {}{}", r.action.id(), cite(&r.citations));
        let _ = writeln!(s, "      {}", r.rationale);
    }

    if !a.warnings.is_empty() {
        let _ = writeln!(s, "\n{}", st.yellow("Warnings"));
        for w in &a.warnings {
            let _ = writeln!(s, "  {} {}{}", st.yellow("*"), w.id.id(), cite(&w.citations));
            let _ = writeln!(s, "      {}", w.message);
        }
    }

    if !a.next_findings.is_empty() {
        let _ = writeln!(s, "\n{}", st.bold("Assess next (most informative first)"));
        for n in &a.next_findings {
            let _ = writeln!(s, "  {:<36} {}", n.finding.id(), n.why);
        }
    }

    if !a.prognosis.is_empty() {
        let _ = writeln!(s, "\n{}", st.bold("Prognosis"));
        for p in &a.prognosis {
            let _ = writeln!(s, "  - {}{}", p.statement, cite(p.citations));
        }
    }

    let _ = writeln!(s, "\n{}", st.bold("Citations"));
    for (i, c) in a.citations.iter().enumerate() {
        let authors =
            if c.authors.is_empty() { String::new() } else { format!("{}. ", c.authors.trim_end_matches('.')) };
        let link = c.url.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
        let _ = writeln!(s, "  [{}] {}{}. {}. {}.{}", i + 1, authors, c.title, c.source, c.year, link);
    }
    let _ =
        writeln!(s, "\nstenosis {} / knowledge base {}. {}", a.engine_version, a.knowledge_base_version, a.disclaimer);
    s
}
