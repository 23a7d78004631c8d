//! The terminal report for a clinician.
//!
//! A bottom-line block comes first (red flags, pathway, the two likeliest conditions, the first
//! actions with their urgency) and fits in [`BOTTOM_LINE_MAX_LINES`] lines; then the reasons,
//! findings for and against, what to do, pitfalls and what to assess next, in sentences; the
//! references last. Every paragraph is wrapped to the width with a hanging indent, never inside a
//! word (so never inside a DOI or a URL). When the report is longer than the screen and a red
//! flag is raised, the last line repeats it.

use stenosis_core::{Assessment, Condition, Likelihood, Urgency};

use crate::{compact_reference, grade, is_quiet, lower_first, red_flag_call, sentence, Numbers};

/// The most lines the bottom-line block takes (at 80 columns or wider).
pub const BOTTOM_LINE_MAX_LINES: usize = 8;

/// Width of the label column of the bottom-line block.
const LABEL_WIDTH: usize = 10;

/// How to render the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextOptions {
    /// Columns available (the terminal width; 80 when unknown). At least 20 is used.
    pub width: usize,
    /// Rows of the screen (the terminal height; 24 when unknown). A report longer than this
    /// repeats its red flag in the last line.
    pub height: usize,
    /// ANSI colour (bold headings, red for red flags and emergencies, yellow for warnings).
    pub color: bool,
    /// The bottom-line block only.
    pub brief: bool,
    /// The reference list at the end.
    pub references: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { width: 80, height: 24, color: false, brief: false, references: true }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Bold,
    Red,
    Yellow,
}

impl Paint {
    const fn code(self) -> Option<&'static str> {
        match self {
            Paint::Plain => None,
            Paint::Bold => Some("1"),
            Paint::Red => Some("1;31"),
            Paint::Yellow => Some("33"),
        }
    }
}

/// The report being built: lines of plain text, each with its paint.
struct Out {
    width: usize,
    lines: Vec<(Paint, String)>,
}

impl Out {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|(_, l)| !l.is_empty()) {
            self.lines.push((Paint::Plain, String::new()));
        }
    }

    fn heading(&mut self, paint: Paint, text: &str) {
        self.blank();
        self.para(paint, "", "  ", text);
    }

    /// A paragraph wrapped with `first` before its first line and `rest` before the others.
    fn para(&mut self, paint: Paint, first: &str, rest: &str, text: &str) {
        for l in wrap(text, self.width, first, rest) {
            self.lines.push((paint, l));
        }
    }
}

/// Wraps at spaces only, never inside a word: a DOI or URL stays whole and clickable.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, opts).into_iter().map(|c| c.trim_end().to_owned()).collect()
}

/// At most `max` lines of the wrapped text; a cut ends in "…".
fn capped(text: &str, width: usize, first: &str, rest: &str, max: usize) -> Vec<String> {
    let mut lines = wrap(text, width, first, rest);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            while last.chars().count() + 1 > width.max(20) {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

fn urgency_paint(u: Urgency) -> Paint {
    match u {
        Urgency::Emergency | Urgency::Urgent => Paint::Red,
        Urgency::Routine => Paint::Plain,
    }
}

/// "MRI of the lumbosacral spine — emergency (same day; hours)".
fn action_with_urgency(r: &stenosis_core::Recommendation) -> String {
    format!("{} — {}", r.action.label(), lower_first(r.urgency.label()))
}

/// The bottom line: what a clinician must see in ten seconds.
fn bottom_line(a: &Assessment, width: usize) -> Vec<(Paint, String)> {
    let pad = " ".repeat(LABEL_WIDTH);
    let col = |label: &str| format!("{label:<LABEL_WIDTH$}");
    let mut out = Vec::with_capacity(BOTTOM_LINE_MAX_LINES);
    out.push((
        Paint::Bold,
        capped("stenosis: leg symptoms and the cervical cord. Decision support, not a diagnosis.", width, "", "", 1)
            .concat(),
    ));
    if a.red_flags.is_empty() {
        out.push((Paint::Plain, format!("{}None raised.", col("Red flags"))));
    } else {
        let flags: Vec<&str> = a.red_flags.iter().map(|r| r.id.label()).collect();
        let text = format!("{}: {}.", flags.join("; "), red_flag_call(a));
        for l in capped(&text, width, &col("RED FLAG"), &pad, 2) {
            out.push((Paint::Red, l));
        }
    }
    for l in capped(a.pathway.label(), width, &col("Pathway"), &pad, 1) {
        out.push((Paint::Bold, l));
    }
    let likely: Vec<String> = a
        .differential
        .iter()
        .take(2)
        .map(|e| format!("{} ({})", e.condition.label(), lower_first(e.likelihood.label())))
        .collect();
    for l in capped(&likely.join("; "), width, &col("Likeliest"), &pad, 2) {
        out.push((Paint::Plain, l));
    }
    let first_urgency = a.recommendations.first().map(|r| r.urgency);
    let actions: Vec<String> = a.recommendations.iter().take(2).map(action_with_urgency).collect();
    let actions = if actions.is_empty() { "No action recommended.".to_owned() } else { actions.join("; ") };
    let paint = first_urgency.map_or(Paint::Plain, urgency_paint);
    for l in capped(&actions, width, &col("Do first"), &pad, 2) {
        out.push((paint, l));
    }
    out
}

/// The one-line red-flag reminder for the end of a long report.
fn red_flag_reminder(a: &Assessment) -> Option<String> {
    if a.red_flags.is_empty() {
        return None;
    }
    let flags: Vec<&str> = a.red_flags.iter().map(|r| r.id.label()).collect();
    Some(format!("RED FLAG: {}: {} (see the top).", flags.join("; "), red_flag_call(a)))
}

fn likelihood_word(l: Likelihood) -> String {
    lower_first(l.label())
}

/// The report as text, one `\n` after every line.
#[must_use]
pub fn report(a: &Assessment, opts: &TextOptions) -> String {
    let width = opts.width.max(20);
    let mut out = Out { width, lines: bottom_line(a, width) };
    if !opts.brief {
        body(a, opts, &mut out);
    }
    let mut lines = out.lines;
    if !opts.brief && lines.len() >= opts.height.max(BOTTOM_LINE_MAX_LINES + 1) {
        if let Some(reminder) = red_flag_reminder(a) {
            lines.push((Paint::Plain, String::new()));
            // One line, so that the last line of the screen is the red flag.
            lines.push((Paint::Red, capped(&reminder, width, "", "", 1).concat()));
        }
    }
    let mut s = String::with_capacity(lines.iter().map(|(_, l)| l.len() + 12).sum());
    for (paint, line) in &lines {
        match paint.code() {
            Some(code) if opts.color && !line.is_empty() => {
                s.push_str("\x1b[");
                s.push_str(code);
                s.push('m');
                s.push_str(line);
                s.push_str("\x1b[0m");
            }
            _ => s.push_str(line),
        }
        s.push('\n');
    }
    s
}

fn body(a: &Assessment, opts: &TextOptions, out: &mut Out) {
    let n = Numbers::of(a);
    let (i2, i4, i6) = ("  ", "    ", "      ");

    if !a.red_flags.is_empty() {
        out.heading(Paint::Red, "RED FLAGS");
        for r in &a.red_flags {
            out.para(Paint::Red, i2, i4, &format!("{}{}", r.id.label(), n.mark(&r.citations)));
            out.para(Paint::Plain, i4, i4, &sentence(&r.message));
        }
    }

    out.heading(Paint::Bold, &format!("PATHWAY: {}", a.pathway.label()));
    out.para(Paint::Plain, i2, i2, &sentence(&a.pathway_rationale));

    let m = &a.myelopathy;
    out.heading(Paint::Bold, &format!("CERVICAL MYELOPATHY: {} likelihood", likelihood_word(m.likelihood)));
    let mut cook =
        format!("Cook rule: {} of 5 items positive, {} of 5 assessed.", m.cook_rule.positive, m.cook_rule.assessed);
    if let Some(pt) = &m.post_test {
        cook.push_str(&format!(
            " Post-test probability {:.0}% from a pre-test probability of {:.0}% (likelihood ratio {}: {}){}.",
            pt.probability * 100.0,
            pt.pre_test_probability * 100.0,
            pt.likelihood_ratio,
            pt.rule,
            n.mark(&pt.citations)
        ));
    }
    out.para(Paint::Plain, i2, i4, &cook);
    if let Some(sev) = &a.severity {
        out.para(
            Paint::Plain,
            i2,
            i4,
            &format!("Severity: mJOA {}, {}{}.", sev.mjoa, sev.class.label(), n.mark(sev.citations)),
        );
    }
    for r in &m.reasons {
        out.para(Paint::Plain, i2, i4, &format!("Because: {}", sentence(r)));
    }
    findings_for_against(out, &m.supporting, &m.opposing, i2, i4);

    out.heading(Paint::Bold, "DIFFERENTIAL (most likely first)");
    for e in a.differential.iter().filter(|e| !is_quiet(e)) {
        out.para(
            Paint::Bold,
            i2,
            i6,
            &format!("{}: {}{}", e.condition.label(), likelihood_word(e.likelihood), n.mark(&e.citations)),
        );
        if e.condition == Condition::CervicalMyelopathy {
            out.para(Paint::Plain, i4, i6, "Reasons and findings: under CERVICAL MYELOPATHY above.");
            continue;
        }
        for r in &e.reasons {
            out.para(Paint::Plain, i4, i6, &format!("Because: {}", sentence(r)));
        }
        findings_for_against(out, &e.supporting, &e.opposing, i4, i6);
    }
    let quiet: Vec<String> = a
        .differential
        .iter()
        .filter(|e| is_quiet(e))
        .map(|e| format!("{}{}", e.condition.label(), n.mark(&e.citations)))
        .collect();
    if !quiet.is_empty() {
        out.para(Paint::Plain, i2, i4, &format!("Low, nothing for or against: {}.", quiet.join("; ")));
    }

    out.heading(Paint::Bold, "WHAT TO DO (most urgent first)");
    if a.recommendations.is_empty() {
        out.para(Paint::Plain, i2, i4, "No action recommended on these findings.");
    }
    for r in &a.recommendations {
        out.para(urgency_paint(r.urgency), i2, i4, &format!("{}{}", action_with_urgency(r), n.mark(&r.citations)));
        out.para(Paint::Plain, i4, i4, &sentence(&r.rationale));
        if let Some(g) = grade(r) {
            out.para(Paint::Plain, i4, i4, &g);
        }
    }

    if !a.warnings.is_empty() {
        out.heading(Paint::Yellow, "PITFALLS");
        for w in &a.warnings {
            out.para(Paint::Yellow, i2, i4, &format!("{}{}", w.id.label(), n.mark(&w.citations)));
            out.para(Paint::Plain, i4, i4, &sentence(&w.message));
        }
    }

    if !a.next_findings.is_empty() {
        out.heading(Paint::Bold, "ASSESS NEXT (most informative first)");
        for f in &a.next_findings {
            out.para(Paint::Plain, i2, i4, &format!("{} {}", sentence(f.finding.label()), f.why));
        }
    }

    if !a.prognosis.is_empty() {
        out.heading(Paint::Bold, "PROGNOSIS");
        for p in &a.prognosis {
            out.para(Paint::Plain, i2, i4, &format!("{}{}", sentence(p.statement), n.mark(p.citations)));
        }
    }

    if opts.references && !a.citations.is_empty() {
        out.heading(Paint::Bold, "REFERENCES");
        for (i, c) in a.citations.iter().enumerate() {
            let link = c.url.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            let num = format!("[{}] ", i + 1);
            let indent = " ".repeat(num.len() + 2);
            out.para(Paint::Plain, &format!("  {num}"), &indent, &format!("{}{link}", compact_reference(c)));
        }
    }
    out.blank();
    out.para(
        Paint::Plain,
        "",
        "",
        &format!("stenosis {}, knowledge base {}. {}", a.engine_version, a.knowledge_base_version, a.disclaimer),
    );
}

fn findings_for_against(
    out: &mut Out,
    supporting: &[stenosis_core::Finding],
    opposing: &[stenosis_core::Finding],
    first: &str,
    rest: &str,
) {
    let labels = |fs: &[stenosis_core::Finding]| -> String {
        let v: Vec<String> = fs.iter().map(|f| f.label().to_owned()).collect();
        let refs: Vec<&str> = v.iter().map(String::as_str).collect();
        refs.join("; ")
    };
    if !supporting.is_empty() {
        out.para(Paint::Plain, first, rest, &format!("For: {}.", labels(supporting)));
    }
    if !opposing.is_empty() {
        out.para(Paint::Plain, first, rest, &format!("Against: {}.", labels(opposing)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stenosis_core::{assess, Presentation};

    fn cauda() -> Assessment {
        let p = Presentation::from_json(
            r#"{"findings": {"saddle_anesthesia": "present", "urinary_retention": "present",
                "sciatica_like_pain": "present", "significant_back_pain": "present"}}"#,
        );
        assess(&p.unwrap_or_default())
    }

    #[test]
    fn bottom_line_fits_eight_lines_and_leads_with_the_red_flag() {
        let a = cauda();
        let b = report(&a, &TextOptions { brief: true, ..TextOptions::default() });
        assert!(b.lines().count() <= BOTTOM_LINE_MAX_LINES, "{b}");
        assert!(b.lines().nth(1).unwrap_or("").starts_with("RED FLAG"), "{b}");
    }

    #[test]
    fn long_report_repeats_the_red_flag_last_and_fits_the_width() {
        let a = cauda();
        for width in [40, 80, 120] {
            let r = report(&a, &TextOptions { width, ..TextOptions::default() });
            assert!(r.lines().next_back().unwrap_or("").starts_with("RED FLAG"), "{r}");
            for l in r.lines() {
                let long_word = l.split(' ').any(|w| w.chars().count() > width / 2);
                assert!(l.chars().count() <= width || long_word, "{width}: {l}");
            }
        }
    }

    #[test]
    fn no_red_flag_no_reminder_and_says_none() {
        let a = assess(&Presentation::new());
        let r = report(&a, &TextOptions::default());
        assert!(r.contains("Red flags None raised."), "{r}");
        assert!(!r.contains("RED FLAG"), "{r}");
    }

    #[test]
    fn colour_only_when_asked() {
        let a = cauda();
        assert!(!report(&a, &TextOptions::default()).contains('\x1b'));
        assert!(report(&a, &TextOptions { color: true, ..TextOptions::default() }).contains("\x1b[1;31m"));
    }

    #[test]
    fn references_can_be_left_out() {
        let a = cauda();
        let r = report(&a, &TextOptions { references: false, ..TextOptions::default() });
        assert!(!r.contains("REFERENCES"), "{r}");
        assert!(report(&a, &TextOptions::default()).contains("REFERENCES"));
    }
}
