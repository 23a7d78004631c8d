//! The HTML of an assessment: one template for the standalone page (`stenosis assess --html`)
//! and the notebook card (`Assessment._repr_html_` in Python).
//!
//! The card carries its own colours (light by default, dark under `prefers-color-scheme: dark`
//! or a JupyterLab dark theme), so it stays readable whatever the page around it; the container's
//! inline style keeps it readable even where a viewer strips `<style>` blocks. The page adds a
//! Content-Security-Policy of `default-src 'none'` (nothing can be fetched) and a print
//! stylesheet. Every string from the engine is escaped; every colour pair meets WCAG AA (4.5:1).

use std::fmt::Write as _;

use stenosis_core::{Assessment, Condition, Finding, Presentation, Status, Urgency};

use crate::{compact_reference, grade, is_quiet, lower_first, red_flag_call, sentence, Numbers};

/// Who the HTML is for and what it includes.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlOptions<'a> {
    /// The presentation the assessment came from, shown in a collapsed section when given.
    pub presentation: Option<&'a Presentation>,
}

/// The stylesheet: light colours, dark ones for a dark scheme, and print rules. Colour pairs are
/// chosen for at least 4.5:1 contrast (WCAG AA for normal text) in both schemes.
pub(crate) const STYLE: &str = r#"
.stn{--bg:#ffffff;--fg:#1a1a1a;--muted:#4d4d4d;--rule:#c4c4c4;--flag-bg:#fdecea;--flag-fg:#7f1010;--flag-edge:#b3261e;--warn-bg:#fff4d6;--warn-fg:#5a3d00;--link:#0b57d0;--ok-bg:#e6f4ea;--ok-fg:#0d5223;
 background:var(--bg)!important;color:var(--fg)!important;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;border:1px solid var(--rule);border-radius:8px;padding:14px 18px;max-width:860px}
.stn h2{font-size:1.25em;margin:0 0 6px}.stn h3{font-size:1.05em;margin:14px 0 4px;border-bottom:1px solid var(--rule);padding-bottom:2px}
.stn p{margin:3px 0}.stn ul{margin:3px 0;padding-left:20px}.stn li{margin:2px 0}
.stn .muted,.stn .cite{color:var(--muted)}.stn .cite{font-size:.85em}
.stn a{color:var(--link)}
.stn .flag{background:var(--flag-bg);color:var(--flag-fg);border-left:6px solid var(--flag-edge);padding:8px 12px;margin:6px 0;font-weight:600}
.stn .flag p{font-weight:400}.stn .ok{background:var(--ok-bg);color:var(--ok-fg);padding:6px 12px;margin:6px 0}
.stn .warn{background:var(--warn-bg);color:var(--warn-fg);padding:6px 12px;margin:6px 0}
.stn .bottom{border:2px solid var(--rule);border-radius:6px;padding:8px 12px;margin:8px 0}
.stn .bottom dt{font-weight:700;float:left;clear:left;width:7.5em}.stn .bottom dd{margin:0 0 3px 7.5em}
.stn .badge{display:inline-block;padding:0 8px;border-radius:10px;font-weight:600;background:var(--fg);color:var(--bg)}
.stn .u-emergency,.stn .u-urgent{color:var(--flag-fg);font-weight:700}
.stn details{margin-top:10px}.stn summary{cursor:pointer;font-weight:600}
.stn table{border-collapse:collapse}.stn td,.stn th{padding:1px 10px 1px 0;text-align:left;vertical-align:top}
@media (prefers-color-scheme: dark){.stn{--bg:#16181c;--fg:#e8e8e8;--muted:#b5b5b5;--rule:#4a4a4a;--flag-bg:#3d0f0f;--flag-fg:#ffd9d5;--flag-edge:#ff6b60;--warn-bg:#362a00;--warn-fg:#ffe6a6;--link:#9cc2ff;--ok-bg:#0f2e19;--ok-fg:#bff0cc}}
[data-jp-theme-light="false"] .stn,body.vscode-dark .stn{--bg:#16181c;--fg:#e8e8e8;--muted:#b5b5b5;--rule:#4a4a4a;--flag-bg:#3d0f0f;--flag-fg:#ffd9d5;--flag-edge:#ff6b60;--warn-bg:#362a00;--warn-fg:#ffe6a6;--link:#9cc2ff;--ok-bg:#0f2e19;--ok-fg:#bff0cc}
@media print{.stn{--bg:#fff;--fg:#000;--muted:#333;--rule:#999;--flag-bg:#fff;--flag-fg:#000;--warn-bg:#fff;--warn-fg:#000;--link:#000;--ok-bg:#fff;--ok-fg:#000;border:0;max-width:none;padding:0;font-size:11pt}
 .stn .flag{border:3px solid #000}.stn details{display:block}.stn details>*{display:block}
 .stn a[href^="http"]::after{content:" <" attr(href) ">";font-size:.85em}
 .stn h3{break-after:avoid}.stn li,.stn .flag{break-inside:avoid}}
"#;

/// HTML-escapes text (`& < > " '`).
#[must_use]
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            _ => s.push(c),
        }
    }
    s
}

/// The notebook card: a `<style>` block and one `<div class="stn">`.
#[must_use]
pub fn card(a: &Assessment, opts: &HtmlOptions<'_>) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n");
    body(a, opts, &mut h);
    h
}

/// A standalone page: the card in a document with a Content-Security-Policy that forbids every
/// fetch (`default-src 'none'`), so the page works offline and leaks nothing.
#[must_use]
pub fn page(a: &Assessment, opts: &HtmlOptions<'_>) -> String {
    document("stenosis assessment", &card(a, opts))
}

/// Wraps a card in a standalone document (shared with the patient view).
pub(crate) fn document(title: &str, card: &str) -> String {
    let mut h = String::with_capacity(card.len() + 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    let _ = writeln!(h, "<title>{}</title>", escape(title));
    h.push_str("<style>body{margin:0;padding:16px;background:#ffffff}@media (prefers-color-scheme: dark){body{background:#0e0f11}}@media print{body{padding:0;background:#fff}}</style>\n");
    h.push_str("</head>\n<body>\n");
    h.push_str(card);
    h.push_str("\n</body>\n</html>\n");
    h
}

/// The citation marks as links to the reference list.
fn cites(n: &Numbers, ids: &[stenosis_core::CitationId]) -> String {
    let nums = n.of_ids(ids);
    if nums.is_empty() {
        return String::new();
    }
    let links: Vec<String> = nums.iter().map(|i| format!("<a href=\"#stn-ref-{i}\">{i}</a>")).collect();
    format!(" <span class=\"cite\">[{}]</span>", links.join(","))
}

fn urgency_class(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "u-emergency",
        Urgency::Urgent => "u-urgent",
        Urgency::Routine => "u-routine",
    }
}

fn finding_list(fs: &[Finding]) -> String {
    let v: Vec<String> = fs.iter().map(|f| f.label().to_owned()).collect();
    let refs: Vec<&str> = v.iter().map(String::as_str).collect();
    escape(&refs.join("; "))
}

fn for_against(h: &mut String, supporting: &[Finding], opposing: &[Finding]) {
    if !supporting.is_empty() {
        let _ = write!(h, "<p><b>For:</b> {}.</p>", finding_list(supporting));
    }
    if !opposing.is_empty() {
        let _ = write!(h, "<p><b>Against:</b> {}.</p>", finding_list(opposing));
    }
}

fn body(a: &Assessment, opts: &HtmlOptions<'_>, h: &mut String) {
    let n = Numbers::of(a);
    h.push_str("<div class=\"stn stenosis-card\" style=\"background:#ffffff;color:#1a1a1a\">\n");
    h.push_str("<h2>stenosis assessment: leg symptoms and the cervical cord</h2>\n");
    h.push_str("<p class=\"muted\">Decision support for clinicians, not a diagnosis.</p>\n");

    // The bottom line.
    h.push_str("<dl class=\"bottom\">");
    if a.red_flags.is_empty() {
        h.push_str("<dt>Red flags</dt><dd>None raised.</dd>");
    } else {
        let flags: Vec<&str> = a.red_flags.iter().map(|r| r.id.label()).collect();
        let _ = write!(
            h,
            "<dt class=\"u-emergency\">RED FLAG</dt><dd class=\"u-emergency\">{}: {}.</dd>",
            escape(&flags.join("; ")),
            red_flag_call(a)
        );
    }
    let _ = write!(h, "<dt>Pathway</dt><dd><span class=\"badge\">{}</span></dd>", escape(a.pathway.label()));
    let likely: Vec<String> = a
        .differential
        .iter()
        .take(2)
        .map(|e| format!("{} ({})", e.condition.label(), lower_first(e.likelihood.label())))
        .collect();
    let _ = write!(h, "<dt>Likeliest</dt><dd>{}</dd>", escape(&likely.join("; ")));
    let actions: Vec<String> = a
        .recommendations
        .iter()
        .take(2)
        .map(|r| {
            format!(
                "<span class=\"{}\">{}</span>: {}",
                urgency_class(r.urgency),
                escape(r.urgency.label()),
                escape(r.action.label())
            )
        })
        .collect();
    let actions = if actions.is_empty() { "No action recommended.".to_owned() } else { actions.join("; ") };
    let _ = write!(h, "<dt>Do first</dt><dd>{actions}</dd>");
    h.push_str("</dl>\n");

    // Red flags, said explicitly either way.
    if a.red_flags.is_empty() {
        h.push_str("<div class=\"ok stn-no-red-flags\">No red flags on the findings given.</div>\n");
    }
    for r in &a.red_flags {
        let _ = writeln!(
            h,
            "<div class=\"flag stn-red-flag\" role=\"alert\">RED FLAG: {}{}<p>{}</p></div>",
            escape(r.id.label()),
            cites(&n, &r.citations),
            escape(&sentence(&r.message))
        );
    }

    let _ = writeln!(
        h,
        "<h3>Pathway: {}</h3><p>{}</p>",
        escape(a.pathway.label()),
        escape(&sentence(&a.pathway_rationale))
    );

    let m = &a.myelopathy;
    let _ = write!(h, "<h3>Cervical myelopathy: {} likelihood</h3>", escape(&lower_first(m.likelihood.label())));
    let _ = write!(
        h,
        "<p>Cook rule: {} of 5 items positive, {} of 5 assessed.",
        m.cook_rule.positive, m.cook_rule.assessed
    );
    if let Some(pt) = &m.post_test {
        let _ = write!(
            h,
            " Post-test probability {:.0}% from a pre-test probability of {:.0}% (likelihood ratio {}: {}){}.",
            pt.probability * 100.0,
            pt.pre_test_probability * 100.0,
            pt.likelihood_ratio,
            escape(pt.rule),
            cites(&n, &pt.citations)
        );
    }
    h.push_str("</p>");
    if let Some(sev) = &a.severity {
        let _ =
            write!(h, "<p>Severity: mJOA {}, {}{}.</p>", sev.mjoa, escape(sev.class.label()), cites(&n, sev.citations));
    }
    for r in &m.reasons {
        let _ = write!(h, "<p>Because: {}</p>", escape(&sentence(r)));
    }
    for_against(h, &m.supporting, &m.opposing);
    h.push('\n');

    h.push_str("<h3>Differential (most likely first)</h3><ul>");
    for e in a.differential.iter().filter(|e| !is_quiet(e)) {
        let _ = write!(
            h,
            "<li><b>{}</b>: {}{}",
            escape(e.condition.label()),
            escape(&lower_first(e.likelihood.label())),
            cites(&n, &e.citations)
        );
        if e.condition == Condition::CervicalMyelopathy {
            h.push_str("<p>Reasons and findings: under Cervical myelopathy above.</p></li>");
            continue;
        }
        for r in &e.reasons {
            let _ = write!(h, "<p>Because: {}</p>", escape(&sentence(r)));
        }
        for_against(h, &e.supporting, &e.opposing);
        h.push_str("</li>");
    }
    let quiet: Vec<String> = a
        .differential
        .iter()
        .filter(|e| is_quiet(e))
        .map(|e| format!("{}{}", escape(e.condition.label()), cites(&n, &e.citations)))
        .collect();
    if !quiet.is_empty() {
        let _ = write!(h, "<li>Low, nothing for or against: {}.</li>", quiet.join("; "));
    }
    h.push_str("</ul>\n");

    h.push_str("<h3>What to do (most urgent first)</h3>");
    if a.recommendations.is_empty() {
        h.push_str("<p>No action recommended on these findings.</p>");
    } else {
        h.push_str("<ul>");
        for r in &a.recommendations {
            let _ = write!(
                h,
                "<li><span class=\"{}\">{}</span>: <b>{}</b>{}<p>{}</p>{}</li>",
                urgency_class(r.urgency),
                escape(r.urgency.label()),
                escape(r.action.label()),
                cites(&n, &r.citations),
                escape(&sentence(&r.rationale)),
                grade(r).map(|g| format!("<p class=\"muted\">{}</p>", escape(&g))).unwrap_or_default()
            );
        }
        h.push_str("</ul>");
    }
    h.push('\n');

    if !a.warnings.is_empty() {
        h.push_str("<h3>Pitfalls</h3>");
        for w in &a.warnings {
            let _ = write!(
                h,
                "<div class=\"warn\"><b>{}</b>{}<p>{}</p></div>",
                escape(w.id.label()),
                cites(&n, &w.citations),
                escape(&sentence(&w.message))
            );
        }
        h.push('\n');
    }

    if !a.next_findings.is_empty() {
        h.push_str("<h3>Assess next (most informative first)</h3><ul>");
        for f in &a.next_findings {
            let _ = write!(h, "<li><b>{}</b> {}</li>", escape(&sentence(f.finding.label())), escape(&f.why));
        }
        h.push_str("</ul>\n");
    }

    if !a.prognosis.is_empty() {
        h.push_str("<h3>Prognosis</h3><ul>");
        for p in &a.prognosis {
            let _ = write!(h, "<li>{}{}</li>", escape(&sentence(p.statement)), cites(&n, p.citations));
        }
        h.push_str("</ul>\n");
    }

    if let Some(p) = opts.presentation {
        presentation(h, p);
    }

    if !a.citations.is_empty() {
        h.push_str("<h3>References</h3><ol class=\"refs\">");
        for (i, c) in a.citations.iter().enumerate() {
            let _ = write!(h, "<li id=\"stn-ref-{}\">{}", i + 1, escape(&compact_reference(c)));
            if let Some(doi) = c.doi {
                let _ = write!(h, " <a href=\"https://doi.org/{0}\">doi:{1}</a>", escape(doi), escape(doi));
            }
            if let Some(pmid) = c.pmid {
                let _ = write!(h, " <a href=\"https://pubmed.ncbi.nlm.nih.gov/{0}/\">PMID {0}</a>", escape(pmid));
            }
            h.push_str("</li>");
        }
        h.push_str("</ol>\n");
    }
    let _ = writeln!(
        h,
        "<p class=\"muted\">stenosis {}, knowledge base {}. {}</p>\n</div>",
        escape(a.engine_version),
        escape(a.knowledge_base_version),
        escape(a.disclaimer)
    );
}

/// The presentation as given, collapsed: what the assessment was computed from.
fn presentation(h: &mut String, p: &Presentation) {
    h.push_str("<details class=\"stn-presentation\"><summary>The presentation assessed</summary><table>");
    let mut row = |k: &str, v: String| {
        let _ = write!(h, "<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(&v));
    };
    if let Some(v) = p.age_years() {
        row("Age", format!("{v} years"));
    }
    if let Some(v) = p.sex() {
        row("Sex", v.label().to_owned());
    }
    if let Some(v) = p.course() {
        row("Course", v.label().to_owned());
    }
    if let Some(v) = p.symptom_duration_months() {
        row("Symptom duration", format!("{v} months"));
    }
    if let Some(v) = p.mjoa() {
        row("mJOA", format!("{v} of 18"));
    }
    if let Some(v) = p.ankle_brachial_index() {
        row("Ankle-brachial index", format!("{v}"));
    }
    for status in [Status::Present, Status::Absent] {
        let fs: Vec<Finding> = p.findings().assessed().filter(|(_, s)| *s == status).map(|(f, _)| f).collect();
        if !fs.is_empty() {
            row(status.label(), sentence(&fs.iter().map(|f| f.label()).collect::<Vec<_>>().join("; ")));
        }
    }
    h.push_str("</table></details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use stenosis_core::{assess, Presentation};

    #[test]
    fn page_is_standalone_and_escapes() {
        let p = Presentation::from_json(
            r#"{"findings": {"saddle_anesthesia": "present", "sciatica_like_pain": "present"}}"#,
        )
        .unwrap_or_default();
        let a = assess(&p);
        let h = page(&a, &HtmlOptions { presentation: Some(&p) });
        assert!(h.contains("default-src 'none'"));
        assert!(h.contains("stn-red-flag"));
        assert!(h.contains("prefers-color-scheme: dark"));
        assert!(h.contains("@media print"));
        assert!(h.contains("The presentation assessed"));
        // Nothing that would fetch: no src attributes, no external stylesheets, no scripts.
        for bad in ["src=", "<link", "<script", "@import", "url("] {
            assert!(!h.contains(bad), "{bad}");
        }
        assert!(h.contains("href=\"https://doi.org/"));
    }

    #[test]
    fn no_red_flags_is_said() {
        let a = assess(&Presentation::new());
        let h = card(&a, &HtmlOptions::default());
        assert!(h.contains("No red flags on the findings given."));
        assert!(!h.contains("stn-presentation"));
    }

    #[test]
    fn escape_escapes() {
        assert_eq!(escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }
}
