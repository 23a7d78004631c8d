//! The assessment's JSON, written from pre-escaped static fragments.
//!
//! Nearly every string of an assessment is known when the crate is built: reason sentences,
//! messages, vocabulary ids and labels, the disclaimer and the references. Escape-checking them
//! byte by byte on every call (as a generic serialiser must) was most of the cost of
//! [`crate::Assessment::to_json`]. Here:
//!
//! - the reference registry and the other constant texts with anything to escape (the
//!   disclaimer, the Cook rule texts) are escaped once, by const evaluation ([`json_str!`],
//!   [`REFERENCES_JSON`]): the binary holds their JSON bytes;
//! - the rule tables' sentences, prognosis statements, vocabulary ids and labels and the
//!   examination item names need no escaping at all (no `"`, `\` or control character), which
//!   the tests prove for every one of them, so they and the explanations joined from them are
//!   copied as they are;
//! - record ids are restricted to `A-Z a-z 0-9 . _ : -` by [`crate::RecordId`].
//!
//! The tests also prove, over a few thousand presentations, that the result is byte-identical to
//! what `serde_json` writes for the same [`Assessment`].

use crate::assessment::explain::{post_test, reasons_for};
use crate::assessment::Order;
use crate::assessment::{
    Assessment, CitationEntry, DifferentialEntry, Myelopathy, NextFinding, Outcome, Recommendation, Severity,
};
use crate::citations::{CitationId, Reference};
use crate::detail::Detail;
use crate::presentation::Presentation;
use crate::rules::{
    self, Collect, Decision, PrognosisNote, Reason, Target, COOK_PRETEST_PROBABILITY, COOK_RULE_IN_LR, COOK_RULE_OUT_LR,
};
use crate::vocab::{Action, Condition, Finding, Likelihood, RedFlag, Status, Urgency, Warning};

/// How many bytes `s` takes as a JSON string (quotes included), escaped as `serde_json` does.
const fn escaped_len(mut s: &[u8]) -> usize {
    let mut n = 2;
    while let [b, rest @ ..] = s {
        n += match *b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0x00..=0x1f => 6,
            _ => 1,
        };
        s = rest;
    }
    n
}

/// A lowercase hexadecimal digit (of `n & 0xf`).
const fn hex(n: u8) -> u8 {
    let n = n & 0xf;
    if n < 10 {
        b'0' + n
    } else {
        b'a' + n - 10
    }
}

/// A fixed-size buffer filled at compile time.
struct Buf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Buf<N> {
    const fn new() -> Self {
        Buf { bytes: [0; N], len: 0 }
    }

    /// Appends one byte; past the end it only counts (how [`REGISTRY_LEN`] is measured).
    // Bounds-checked just above; these functions run only in const evaluation.
    #[allow(clippy::indexing_slicing)]
    const fn byte(mut self, b: u8) -> Self {
        if self.len < N {
            self.bytes[self.len] = b;
        }
        self.len += 1;
        self
    }

    const fn raw(mut self, mut s: &[u8]) -> Self {
        while let [b, rest @ ..] = s {
            self = self.byte(*b);
            s = rest;
        }
        self
    }

    /// `s` as a JSON string, escaped as `serde_json` escapes it.
    const fn string(self, s: &[u8]) -> Self {
        self.byte(b'"').escaped(s).byte(b'"')
    }

    /// The inside of a JSON string: `s` escaped as `serde_json` escapes it, without quotes.
    const fn escaped(mut self, mut s: &[u8]) -> Self {
        while let [b, rest @ ..] = s {
            let b = *b;
            self = match b {
                b'"' => self.raw(b"\\\""),
                b'\\' => self.raw(b"\\\\"),
                b'\n' => self.raw(b"\\n"),
                b'\r' => self.raw(b"\\r"),
                b'\t' => self.raw(b"\\t"),
                0x08 => self.raw(b"\\b"),
                0x0c => self.raw(b"\\f"),
                0x00..=0x1f => self.raw(b"\\u00").byte(hex(b >> 4)).byte(hex(b)),
                _ => self.byte(b),
            };
            s = rest;
        }
        self
    }

    const fn opt_string(self, s: Option<&str>) -> Self {
        match s {
            Some(s) => self.string(s.as_bytes()),
            None => self.raw(b"null"),
        }
    }

    const fn number(self, v: u32) -> Self {
        let head = if v >= 10 { self.number(v / 10) } else { self };
        head.byte(b'0' + (v % 10) as u8)
    }

    /// One reference as an object, exactly as `CitationEntry` serialises.
    const fn reference(self, r: &Reference) -> Self {
        let mut b = self.raw(b"{\"id\":").string(r.id.id().as_bytes());
        b = b.raw(b",\"authors\":").string(r.authors.as_bytes());
        b = b.raw(b",\"title\":").string(r.title.as_bytes());
        b = b.raw(b",\"source\":").string(r.source.as_bytes());
        b = b.raw(b",\"year\":").number(r.year as u32);
        b = b.raw(b",\"pmid\":").opt_string(r.pmid);
        b = b.raw(b",\"doi\":").opt_string(r.doi);
        b = b.raw(b",\"url\":");
        b = match (r.doi, r.pmid) {
            // The URL is one JSON string: its parts are escaped one after the other.
            (Some(doi), _) => b.url(b"https://doi.org/", doi.as_bytes(), b""),
            (None, Some(pmid)) => b.url(b"https://pubmed.ncbi.nlm.nih.gov/", pmid.as_bytes(), b"/"),
            (None, None) => b.raw(b"null"),
        };
        b.byte(b'}')
    }

    /// A link as one JSON string: the fixed prefix and suffix, the identifier escaped.
    const fn url(self, prefix: &[u8], id: &[u8], suffix: &[u8]) -> Self {
        self.byte(b'"').raw(prefix).escaped(id).raw(suffix).byte(b'"')
    }
}

/// Writes the JSON string of a constant at compile time and gives it as a `&'static str`
/// (quotes included): `json_str!(DISCLAIMER)`.
macro_rules! json_str {
    ($s:expr) => {{
        const S: &str = $s;
        const N: usize = escaped_len(S.as_bytes());
        const B: Buf<N> = Buf::<N>::new().string(S.as_bytes());
        const J: &str = match core::str::from_utf8(&B.bytes) {
            Ok(s) => s,
            Err(_) => "",
        };
        J
    }};
}

/// The byte length of the registry JSON (counted by writing it into a buffer of size 0).
const REGISTRY_LEN: usize = registry::<0>().0.len;

/// The registry's JSON bytes and, per citation (by code), the span of its object.
// `i` stays below `CitationId::ALL.len()`, the length of both arrays; const evaluation only.
#[allow(clippy::indexing_slicing)]
const fn registry<const N: usize>() -> (Buf<N>, [(usize, usize); CitationId::ALL.len()]) {
    let mut spans = [(0, 0); CitationId::ALL.len()];
    let mut b = Buf::<N>::new().byte(b'[');
    let mut i = 0;
    while i < CitationId::ALL.len() {
        if i > 0 {
            b = b.byte(b',');
        }
        let start = b.len;
        b = b.reference(&CitationId::ALL[i].reference());
        spans[i] = (start, b.len);
        i += 1;
    }
    (b.byte(b']'), spans)
}

const REGISTRY: (Buf<REGISTRY_LEN>, [(usize, usize); CitationId::ALL.len()]) = registry::<REGISTRY_LEN>();

/// The reference registry as JSON: an array of every reference in registry order, written at
/// compile time.
pub(crate) const REFERENCES_JSON: &str = match core::str::from_utf8(&REGISTRY.0.bytes) {
    Ok(s) => s,
    Err(_) => "",
};

/// The JSON object of one reference, as in a `full` assessment's `citations`.
pub(crate) fn reference_json(c: CitationId) -> &'static str {
    REGISTRY.1.get(c.code() as usize).and_then(|&(start, end)| REFERENCES_JSON.get(start..end)).unwrap_or_default()
}

const DISCLAIMER_JSON: &str = json_str!(crate::assessment::DISCLAIMER);
const COOK_RULE_IN_JSON: &str = json_str!(rules::COOK_RULE_IN_TEXT);
const COOK_RULE_OUT_JSON: &str = json_str!(rules::COOK_RULE_OUT_TEXT);
const COOK_PRETEST_BASIS_JSON: &str = json_str!(rules::COOK_PRETEST_BASIS);

/// Fragments written at compile time, one per item of a vocabulary: `head`, the item's id as a
/// JSON string, `tail`, one after the other in one buffer, and where each one is. The `standard`
/// writer copies a whole fragment where it would otherwise write a separator, quotes and the id
/// one by one (ids need no escaping; the tests prove it).
// `i` stays below `M`, the length of both arrays; const evaluation only.
#[allow(clippy::indexing_slicing)]
const fn fragments<const N: usize, const M: usize>(
    ids: [&str; M],
    head: &[u8],
    tail: &[u8],
) -> (Buf<N>, [(usize, usize); M]) {
    let mut spans = [(0, 0); M];
    let mut b = Buf::<N>::new();
    let mut i = 0;
    while i < M {
        let start = b.len;
        b = b.raw(head).string(ids[i].as_bytes()).raw(tail);
        spans[i] = (start, b.len);
        i += 1;
    }
    (b, spans)
}

/// The ids of a vocabulary as an array, for [`fragments`].
macro_rules! ids {
    ($T:ty) => {{
        const M: usize = <$T>::ALL.len();
        let mut ids = [""; M];
        let mut i = 0;
        while i < M {
            ids[i] = <$T>::ALL[i].id();
            i += 1;
        }
        ids
    }};
}

/// The fragments of a table as `&'static str`s (the text is the table's buffer as a string).
// `i` stays below `M`, the length of both arrays, and the spans lie in the text (they were
// measured while writing it); const evaluation only.
#[allow(clippy::indexing_slicing)]
const fn split<const M: usize>(text: &'static str, spans: [(usize, usize); M]) -> [&'static str; M] {
    let mut out = [""; M];
    let mut i = 0;
    while i < M {
        let (start, end) = spans[i];
        let (_, rest) = text.as_bytes().split_at(start);
        let (fragment, _) = rest.split_at(end - start);
        out[i] = match core::str::from_utf8(fragment) {
            Ok(s) => s,
            Err(_) => "",
        };
        i += 1;
    }
    out
}

/// A fragment table as a constant: `table!(NAME: Type, head, tail)` defines `NAME`, a
/// [`Fragments`] of one fragment per item (by code).
macro_rules! table {
    ($name:ident: $T:ty, $head:expr, $tail:expr) => {
        const $name: Fragments<{ <$T>::ALL.len() }> = {
            const M: usize = <$T>::ALL.len();
            // `i` stays below `M`, the length of both arrays; const evaluation only.
            #[allow(clippy::indexing_slicing)]
            const IDS: [&str; M] = ids!($T);
            const LEN: usize = fragments::<0, M>(IDS, $head, $tail).0.len;
            const T: (Buf<LEN>, [(usize, usize); M]) = fragments::<LEN, M>(IDS, $head, $tail);
            const TEXT: &str = match core::str::from_utf8(&T.0.bytes) {
                Ok(s) => s,
                Err(_) => "",
            };
            Fragments(split(TEXT, T.1))
        };
    };
}

/// One fragment per item of a vocabulary, by code.
struct Fragments<const M: usize>([&'static str; M]);

impl<const M: usize> Fragments<M> {
    /// The fragment of the item of code `code`.
    fn get(&self, code: u32) -> &'static str {
        self.0.get(code as usize).copied().unwrap_or_default()
    }
}

// `"<id>"`: an item of a list.
table!(CITATIONS: CitationId, b"", b"");
table!(FINDINGS: Finding, b"", b"");
table!(LIKELIHOODS: Likelihood, b"", b"");
// The start of a differential entry, to its likelihood's value.
table!(CONDITION_HEADS: Condition, b"{\"condition\":", b",\"likelihood\":");

/// The JSON writer: a `String` and the few shapes an assessment is made of.
struct W(String);

impl W {
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// A string with nothing to escape (see the module documentation).
    fn plain(&mut self, s: &str) {
        self.0.push('"');
        self.0.push_str(s);
        self.0.push('"');
    }

    fn key(&mut self, k: &str) {
        // Keys are literals in this file, with nothing to escape.
        self.0.push('"');
        self.0.push_str(k);
        self.0.push_str("\":");
    }

    fn field_plain(&mut self, k: &str, v: &str) {
        self.0.push(',');
        self.key(k);
        self.plain(v);
    }

    fn uint(&mut self, v: u32) {
        let mut digits = [0u8; 10];
        let mut n = 0;
        let mut v = v;
        loop {
            if let Some(d) = digits.get_mut(n) {
                *d = b'0' + (v % 10) as u8;
            }
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for d in digits.iter().take(n).rev() {
            self.0.push(char::from(*d));
        }
    }

    fn float(&mut self, v: f64) {
        // Three fixed figures of the Cook rule: formatting them is not worth a shortcut.
        self.0.push_str(&serde_json::to_string(&v).unwrap_or_default());
    }

    fn list<T>(&mut self, items: impl IntoIterator<Item = T>, mut each: impl FnMut(&mut Self, T)) {
        self.0.push('[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            each(self, item);
        }
        self.0.push(']');
    }

    fn ids<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        self.list(ids, |w, s| w.plain(s));
    }

    fn citations(&mut self, c: &[CitationId]) {
        self.0.push_str(",\"citations\":");
        self.ids(c.iter().map(|c| c.id()));
    }

    fn evidence(&mut self, supporting: &[crate::vocab::Finding], opposing: &[crate::vocab::Finding]) {
        self.0.push_str(",\"supporting\":");
        self.ids(supporting.iter().map(|f| f.id()));
        self.0.push_str(",\"opposing\":");
        self.ids(opposing.iter().map(|f| f.id()));
    }

    fn reasons(&mut self, reasons: &[&'static str]) {
        self.0.push_str(",\"reasons\":");
        self.ids(reasons.iter().copied());
    }

    fn differential(&mut self, e: &DifferentialEntry) {
        self.raw("{\"condition\":");
        self.plain(e.condition.id());
        self.field_plain("likelihood", e.likelihood.id());
        self.evidence(&e.supporting, &e.opposing);
        self.reasons(&e.reasons);
        self.citations(&e.citations);
        self.0.push('}');
    }

    fn myelopathy(&mut self, m: &Myelopathy) {
        self.raw("{\"likelihood\":");
        self.plain(m.likelihood.id());
        self.raw(",\"cook_rule\":{\"positive\":");
        self.uint(u32::from(m.cook_rule.positive));
        self.raw(",\"assessed\":");
        self.uint(u32::from(m.cook_rule.assessed));
        self.raw(",\"items\":");
        self.list(&m.cook_rule.items, |w, i| {
            w.raw("{\"item\":");
            w.plain(i.item);
            w.field_plain("status", i.status.id());
            w.0.push('}');
        });
        self.raw("},\"post_test\":");
        match &m.post_test {
            None => self.raw("null"),
            Some(t) => {
                self.raw("{\"pre_test_probability\":");
                self.float(t.pre_test_probability);
                self.raw(",\"pre_test_basis\":");
                self.static_text(t.pre_test_basis);
                self.raw(",\"likelihood_ratio\":");
                self.float(t.likelihood_ratio);
                self.raw(",\"rule\":");
                self.static_text(t.rule);
                self.raw(",\"probability\":");
                self.float(t.probability);
                self.citations(&t.citations);
                self.0.push('}');
            }
        }
        self.evidence(&m.supporting, &m.opposing);
        self.reasons(&m.reasons);
        self.citations(&m.citations);
        self.0.push('}');
    }

    /// One of the Cook rule's constant texts, from its pre-escaped JSON.
    fn static_text(&mut self, s: &'static str) {
        let pre = [
            (rules::COOK_RULE_IN_TEXT, COOK_RULE_IN_JSON),
            (rules::COOK_RULE_OUT_TEXT, COOK_RULE_OUT_JSON),
            (rules::COOK_PRETEST_BASIS, COOK_PRETEST_BASIS_JSON),
        ];
        match pre.iter().find(|(text, _)| core::ptr::eq(*text, s) || *text == s) {
            Some((_, json)) => self.raw(json),
            None => self.0.push_str(&serde_json::to_string(s).unwrap_or_default()),
        }
    }

    fn severity(&mut self, s: Option<&Severity>) {
        match s {
            None => self.raw("null"),
            Some(s) => {
                self.raw("{\"mjoa\":");
                self.uint(u32::from(s.mjoa));
                self.field_plain("class", s.class.id());
                self.citations(s.citations);
                self.0.push('}');
            }
        }
    }

    fn recommendation(&mut self, r: &Recommendation) {
        self.raw("{\"action\":");
        self.plain(r.action.id());
        self.field_plain("urgency", r.urgency.id());
        self.raw(",\"strength\":");
        match r.strength {
            Some(s) => self.plain(s.id()),
            None => self.raw("null"),
        }
        self.raw(",\"evidence_quality\":");
        match r.evidence_quality {
            Some(q) => self.plain(q.id()),
            None => self.raw("null"),
        }
        self.field_plain("rationale", &r.rationale);
        self.citations(&r.citations);
        self.0.push('}');
    }

    fn alert(&mut self, id: &str, message: &str, citations: &[CitationId]) {
        self.raw("{\"id\":");
        self.plain(id);
        self.field_plain("message", message);
        self.citations(citations);
        self.0.push('}');
    }

    fn outcome(&mut self, o: &Outcome) {
        self.raw("{\"pathway\":");
        self.plain(o.pathway.id());
        self.field_plain("myelopathy_likelihood", o.myelopathy_likelihood.id());
        self.field_plain("top_condition", o.top_condition.id());
        self.raw(",\"cervical_mri\":");
        match o.cervical_mri {
            Some(u) => self.plain(u.id()),
            None => self.raw("null"),
        }
        self.raw(",\"red_flags\":");
        self.ids(o.red_flags.iter().map(|r| r.id()));
        self.0.push('}');
    }

    fn next_finding(&mut self, n: &NextFinding) {
        self.raw("{\"finding\":");
        self.plain(n.finding.id());
        self.raw(",\"impact\":");
        self.uint(n.impact);
        self.field_plain("why", &n.why);
        self.raw(",\"if_present\":");
        self.outcome(&n.if_present);
        self.raw(",\"if_absent\":");
        self.outcome(&n.if_absent);
        self.0.push('}');
    }

    fn prognosis(&mut self, n: &PrognosisNote) {
        self.raw("{\"id\":");
        self.plain(n.id);
        self.field_plain("statement", n.statement);
        self.citations(n.citations);
        self.0.push('}');
    }

    fn reference(&mut self, c: &CitationEntry) {
        self.raw(reference_json(c.id));
    }
}

/// The compact JSON of an assessment at the `full` or `standard` level (`summary` is written by
/// [`crate::Summary::to_json`]): byte-identical to what `serde_json` writes for the same value.
pub(crate) fn write(a: &Assessment, detail: Detail) -> String {
    let mut w = W(String::with_capacity(if detail == Detail::Full { 16 << 10 } else { 8 << 10 }));
    w.0.push('{');
    if let Some(id) = &a.id {
        w.key("id");
        w.plain(id.as_str());
        w.0.push(',');
    }
    w.key("differential");
    w.list(&a.differential, W::differential);
    w.raw(",\"myelopathy\":");
    w.myelopathy(&a.myelopathy);
    w.raw(",\"severity\":");
    w.severity(a.severity.as_ref());
    w.field_plain("pathway", a.pathway.id());
    w.field_plain("pathway_rationale", &a.pathway_rationale);
    w.raw(",\"recommendations\":");
    w.list(&a.recommendations, W::recommendation);
    w.raw(",\"red_flags\":");
    w.list(&a.red_flags, |w, r| w.alert(r.id.id(), &r.message, &r.citations));
    w.raw(",\"warnings\":");
    w.list(&a.warnings, |w, r| w.alert(r.id.id(), &r.message, &r.citations));
    if detail == Detail::Full {
        w.raw(",\"next_findings\":");
        w.list(&a.next_findings, W::next_finding);
    }
    w.raw(",\"prognosis\":");
    w.list(&a.prognosis, W::prognosis);
    w.raw(",\"citations\":");
    if detail == Detail::Full {
        w.list(&a.citations, W::reference);
    } else {
        w.ids(a.citations.iter().map(|c| c.id.id()));
    }
    w.field_plain("engine_version", a.engine_version);
    w.field_plain("knowledge_base_version", a.knowledge_base_version);
    w.raw(",\"disclaimer\":");
    if a.disclaimer == crate::assessment::DISCLAIMER {
        w.raw(DISCLAIMER_JSON);
    } else {
        w.0.push_str(&serde_json::to_string(a.disclaimer).unwrap_or_default());
    }
    w.0.push('}');
    w.0
}

/// A set of citations, one bit per code (the registry has fewer than 128 references).
const _: () = assert!(CitationId::ALL.len() <= 128);

fn citation_bit(c: CitationId) -> u128 {
    1u128.checked_shl(c.code()).unwrap_or(0)
}

/// One bit per target (0 when the targets outnumber the bits: then "maybe").
fn target_bit(t: Target) -> u128 {
    const CONDITIONS: u32 = 2;
    const ACTIONS: u32 = CONDITIONS + Condition::ALL.len() as u32;
    const RED_FLAGS: u32 = ACTIONS + Action::ALL.len() as u32;
    const WARNINGS: u32 = RED_FLAGS + RedFlag::ALL.len() as u32;
    let at = match t {
        Target::Myelopathy => 0,
        Target::Pathway => 1,
        Target::Condition(c) => CONDITIONS + c.code(),
        Target::Recommendation(a) => ACTIONS + a.code(),
        Target::RedFlag(r) => RED_FLAGS + r.code(),
        Target::Warning(w) => WARNINGS + w.code(),
    };
    1u128.checked_shl(at).unwrap_or(0)
}

/// The writer of a `standard` record straight from the decision and the reasons the rules gave,
/// without building the [`Assessment`]: no reference entries, no next findings, no text joined
/// into a `String` first. Byte-identical to [`write`] of the explained assessment (the tests
/// compare them on thousands of presentations and every vignette and golden case).
struct Standard<'a> {
    w: W,
    p: &'a Presentation,
    d: &'a Decision,
    trace: &'a Collect,
    /// Every citation written so far (the top-level `citations`).
    all: u128,
    /// The targets the trace gives reasons for ([`target_bit`]).
    given: u128,
    /// The reasons of the item being written (reused).
    reasons: Vec<&'static Reason>,
    /// The examination items not recorded, in words.
    missing: Vec<&'static str>,
}

impl Standard<'_> {
    /// Loads the reasons given for `target` into `self.reasons`.
    fn load(&mut self, target: Target) {
        self.reasons.clear();
        let bit = target_bit(target);
        // Most targets have no reason: the trace is read only for those that have some.
        if bit == 0 || self.given & bit != 0 {
            self.reasons.extend(reasons_for(self.trace, target));
        }
    }

    /// `,"citations":[…]`: the loaded reasons' sources, then `base`, then `extra`, in first-use
    /// order without duplicates.
    fn citations(&mut self, base: &[CitationId], extra: &[CitationId]) {
        self.w.0.push_str(",\"citations\":[");
        let mut seen = 0u128;
        let lists = self.reasons.iter().map(|r| r.cites).chain([base, extra]);
        for list in lists {
            for &c in list {
                let bit = citation_bit(c);
                if seen & bit == 0 {
                    if seen != 0 {
                        self.w.0.push(',');
                    }
                    self.w.0.push_str(CITATIONS.get(c.code()));
                    seen |= bit;
                }
            }
        }
        self.w.0.push(']');
        self.all |= seen;
    }

    /// `,"reasons":[…]` of the loaded reasons.
    fn reason_texts(&mut self) {
        self.w.0.push_str(",\"reasons\":");
        self.w.ids(self.reasons.iter().map(|r| r.text));
    }

    /// The loaded reasons' sentences joined as one JSON string (as `join_with` joins them); with
    /// `with_missing`, a reason saying the examination is incomplete is followed by the items
    /// not recorded.
    fn joined(&mut self, with_missing: bool) {
        let w = &mut self.w.0;
        w.push('"');
        for (i, r) in self.reasons.iter().enumerate() {
            if i > 0 {
                w.push_str(". ");
            }
            w.push_str(r.text);
            if with_missing && rules::names_missing_exam_items(r) && !self.missing.is_empty() {
                w.push_str(". Not recorded: ");
                for (j, item) in self.missing.iter().enumerate() {
                    if j > 0 {
                        w.push_str(", ");
                    }
                    w.push_str(item);
                }
            }
        }
        if !self.reasons.is_empty() {
            w.push('.');
        }
        w.push('"');
    }

    /// `,"supporting":[…],"opposing":[…]` of two finding masks.
    fn evidence(&mut self, supports: u128, opposes: u128) {
        // The set bits only, lowest first: a finding's code is its position in `Finding::ALL`.
        fn list(w: &mut String, mut mask: u128) {
            let mut first = true;
            while mask != 0 {
                if !first {
                    w.push(',');
                }
                w.push_str(FINDINGS.get(mask.trailing_zeros()));
                first = false;
                mask &= mask.wrapping_sub(1);
            }
        }
        let w = &mut self.w.0;
        w.push_str(",\"supporting\":[");
        list(w, supports);
        w.push_str("],\"opposing\":[");
        list(w, opposes);
        w.push(']');
    }

    fn target(c: Condition) -> Target {
        if c == Condition::CervicalMyelopathy {
            Target::Myelopathy
        } else {
            Target::Condition(c)
        }
    }

    fn differential(&mut self) {
        let present = self.p.findings().present_mask();
        let absent = self.p.findings().absent_mask();
        self.w.key("differential");
        self.w.0.push('[');
        for (i, c) in rules::ranked(self.d, self.p).into_iter().enumerate() {
            if i > 0 {
                self.w.0.push(',');
            }
            let (supports, opposes) = rules::evidence(self.d, c, present, absent);
            self.load(Self::target(c));
            self.w.raw(CONDITION_HEADS.get(c.code()));
            self.w.raw(LIKELIHOODS.get(self.d.condition(c).code()));
            if supports | opposes == 0 && self.reasons.is_empty() {
                // Most entries: no evidence and no reasons, only the condition's own citations.
                self.w.raw(",\"supporting\":[],\"opposing\":[],\"reasons\":[]");
            } else {
                self.evidence(supports, opposes);
                self.reason_texts();
            }
            self.citations(rules::base_citations(c), &[]);
            self.w.0.push('}');
        }
        self.w.0.push(']');
    }

    fn myelopathy(&mut self) {
        let (p, d) = (self.p, self.d);
        self.w.raw(",\"myelopathy\":{\"likelihood\":");
        self.w.plain(d.myelopathy.id());
        self.w.raw(",\"cook_rule\":{\"positive\":");
        self.w.uint(u32::from(d.cook.positive));
        self.w.raw(",\"assessed\":");
        self.w.uint(u32::from(d.cook.assessed));
        self.w.raw(",\"items\":");
        let age = match rules::cook_age_item(p.age_years()) {
            None => Status::Unknown,
            Some(true) => Status::Present,
            Some(false) => Status::Absent,
        };
        let items = rules::COOK_ITEMS.iter().map(|&f| (f.id(), p.finding(f))).chain([("age_over_45", age)]);
        self.w.list(items, |w, (item, status)| {
            w.raw("{\"item\":");
            w.plain(item);
            w.field_plain("status", status.id());
            w.0.push('}');
        });
        self.w.raw("},\"post_test\":");
        let post = if d.cook.positive >= 3 {
            Some((COOK_RULE_IN_LR, COOK_RULE_IN_JSON))
        } else if d.cook.positive == 0 && d.cook.assessed == 5 {
            Some((COOK_RULE_OUT_LR, COOK_RULE_OUT_JSON))
        } else {
            None
        };
        match post {
            None => self.w.raw("null"),
            Some((lr, rule)) => {
                self.w.raw("{\"pre_test_probability\":");
                self.w.float(COOK_PRETEST_PROBABILITY);
                self.w.raw(",\"pre_test_basis\":");
                self.w.raw(COOK_PRETEST_BASIS_JSON);
                self.w.raw(",\"likelihood_ratio\":");
                self.w.float(lr);
                self.w.raw(",\"rule\":");
                self.w.raw(rule);
                self.w.raw(",\"probability\":");
                self.w.float(post_test(COOK_PRETEST_PROBABILITY, lr));
                self.w.0.push_str(",\"citations\":[");
                self.w.plain(CitationId::Cook2010Cpr.id());
                self.w.raw("]}");
                self.all |= citation_bit(CitationId::Cook2010Cpr);
            }
        }
        let c = Condition::CervicalMyelopathy;
        let (supports, opposes) = rules::evidence(d, c, p.findings().present_mask(), p.findings().absent_mask());
        self.load(Target::Myelopathy);
        self.evidence(supports, opposes);
        self.reason_texts();
        self.citations(rules::base_citations(c), &[CitationId::Cook2010Cpr]);
        self.w.0.push('}');
    }

    fn severity(&mut self) {
        self.w.raw(",\"severity\":");
        match self.p.mjoa().and_then(|m| rules::severity_class(m).map(|class| (m, class))) {
            None => self.w.raw("null"),
            Some((mjoa, class)) => {
                self.w.raw("{\"mjoa\":");
                self.w.uint(u32::from(mjoa));
                self.w.field_plain("class", class.id());
                self.reasons.clear();
                self.citations(rules::SEVERITY_CITATIONS, &[]);
                self.w.0.push('}');
            }
        }
    }

    fn recommendations(&mut self) {
        let d = self.d;
        let mut actions: Vec<(Action, Urgency)> =
            Action::ALL.iter().filter_map(|&a| d.recommendation(a).map(|u| (a, u))).collect();
        let order = Order::of(d);
        actions.sort_by_key(|&(a, u)| (core::cmp::Reverse(u), order.place(a)));
        self.w.raw(",\"recommendations\":[");
        for (i, (a, urgency)) in actions.into_iter().enumerate() {
            if i > 0 {
                self.w.0.push(',');
            }
            self.load(Target::Recommendation(a));
            // The AO Spine grades are DCM's: not attached while a mimic is highly likely.
            let grade = rules::grade(&self.reasons).filter(|_| !d.v2.mimic_high);
            self.w.raw("{\"action\":");
            self.w.plain(a.id());
            self.w.field_plain("urgency", urgency.id());
            self.w.raw(",\"strength\":");
            match grade {
                Some((s, _)) => self.w.plain(s.id()),
                None => self.w.raw("null"),
            }
            self.w.raw(",\"evidence_quality\":");
            match grade {
                Some((_, q)) => self.w.plain(q.id()),
                None => self.w.raw("null"),
            }
            self.w.raw(",\"rationale\":");
            self.joined(true);
            self.citations(&[], &[]);
            self.w.0.push('}');
        }
        self.w.0.push(']');
    }

    /// `,"<key>":[…]` of the alerts raised: id, message (the examination items not recorded
    /// named when `with_missing`), citations.
    fn alerts(&mut self, key: &str, raised: impl Iterator<Item = (&'static str, Target)>, with_missing: bool) {
        self.w.0.push(',');
        self.w.key(key);
        self.w.0.push('[');
        for (i, (id, target)) in raised.enumerate() {
            if i > 0 {
                self.w.0.push(',');
            }
            self.load(target);
            self.w.raw("{\"id\":");
            self.w.plain(id);
            self.w.raw(",\"message\":");
            self.joined(with_missing);
            self.citations(&[], &[]);
            self.w.0.push('}');
        }
        self.w.0.push(']');
    }
}

/// The `standard` JSON (compact) of a presentation from its decision and the reasons its rules
/// gave: byte-identical to [`write`]`(&build(p, d, trace, false), Detail::Standard)`.
pub(crate) fn write_standard(p: &Presentation, d: &Decision, trace: &Collect) -> String {
    let mut out = String::with_capacity(8 << 10);
    write_standard_into(p, d, trace, &mut out);
    out
}

/// [`write_standard`] appended to `out` (a batch reuses one buffer for many records).
pub(crate) fn write_standard_into(p: &Presentation, d: &Decision, trace: &Collect, out: &mut String) {
    let mut s = Standard {
        w: W(core::mem::take(out)),
        p,
        d,
        trace,
        all: 0,
        given: trace.0.iter().fold(0, |m, (t, _)| m | target_bit(*t)),
        reasons: Vec::with_capacity(16),
        missing: rules::missing_exam_items(p),
    };
    s.w.0.push('{');
    if let Some(id) = p.id() {
        s.w.key("id");
        s.w.plain(id.as_str());
        s.w.0.push(',');
    }
    s.differential();
    s.myelopathy();
    s.severity();
    s.w.field_plain("pathway", d.pathway.id());
    s.w.raw(",\"pathway_rationale\":");
    s.load(Target::Pathway);
    s.all |= s.reasons.iter().flat_map(|r| r.cites.iter()).fold(0, |m, &c| m | citation_bit(c));
    s.joined(true);
    s.recommendations();
    let red_flags = RedFlag::ALL.iter().filter(|&&r| d.has_red_flag(r)).map(|&r| (r.id(), Target::RedFlag(r)));
    s.alerts("red_flags", red_flags, false);
    let warnings = Warning::ALL.iter().filter(|&&w| d.has_warning(w)).map(|&w| (w.id(), Target::Warning(w)));
    s.alerts("warnings", warnings, true);
    s.w.raw(",\"prognosis\":");
    let notes = rules::prognosis(d);
    for n in &notes {
        s.all |= n.citations.iter().fold(0, |m, &c| m | citation_bit(c));
    }
    s.w.list(&notes, W::prognosis);
    // Every citation once, in registry order: a citation's code is its place in the registry.
    s.w.raw(",\"citations\":[");
    let mut all = s.all;
    while all != 0 {
        s.w.0.push_str(CITATIONS.get(all.trailing_zeros()));
        all &= all.wrapping_sub(1);
        if all != 0 {
            s.w.0.push(',');
        }
    }
    s.w.0.push(']');
    s.w.field_plain("engine_version", crate::assessment::ENGINE_VERSION);
    s.w.field_plain("knowledge_base_version", crate::assessment::KNOWLEDGE_BASE_VERSION);
    s.w.raw(",\"disclaimer\":");
    s.w.raw(DISCLAIMER_JSON);
    s.w.0.push('}');
    *out = s.w.0;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::assess;
    use crate::presentation::Presentation;
    use crate::vocab::{
        Action, Condition, Course, EvidenceQuality, Finding, Likelihood, Pathway, RedFlag, SeverityClass, Status,
        Strength, Urgency, Warning,
    };

    /// A fragment written as it is must be exactly what `serde_json` writes for the text.
    fn assert_plain(s: &str) {
        let mut w = W(String::new());
        w.plain(s);
        assert_eq!(w.0, serde_json::to_string(s).unwrap_or_default(), "needs escaping: {s:?}");
    }

    #[test]
    fn every_rule_sentence_and_vocabulary_text_needs_no_escaping() {
        for r in rules::all_reasons() {
            assert_plain(r.text);
        }
        for f in Finding::ALL {
            assert_plain(f.id());
            assert_plain(f.label());
        }
        macro_rules! vocab {
            ($($T:ident),+) => {$( for v in $T::ALL { assert_plain(v.id()); assert_plain(v.label()); } )+};
        }
        vocab!(
            Condition,
            Likelihood,
            Pathway,
            RedFlag,
            Warning,
            Action,
            Urgency,
            Status,
            SeverityClass,
            Strength,
            EvidenceQuality,
            Course
        );
        for c in CitationId::ALL {
            assert_plain(c.id());
        }
        for f in rules::COOK_ITEMS {
            assert_plain(f.id());
        }
        assert_plain("age_over_45");
        assert_plain(crate::assessment::ENGINE_VERSION);
        assert_plain(crate::assessment::KNOWLEDGE_BASE_VERSION);
    }

    #[test]
    fn pre_escaped_constants_equal_what_serde_json_writes() {
        for (text, json) in [
            (crate::assessment::DISCLAIMER, DISCLAIMER_JSON),
            (rules::COOK_RULE_IN_TEXT, COOK_RULE_IN_JSON),
            (rules::COOK_RULE_OUT_TEXT, COOK_RULE_OUT_JSON),
            (rules::COOK_PRETEST_BASIS, COOK_PRETEST_BASIS_JSON),
            (
                "a \"quoted\" back\\slash\n\t\u{1}\u{8}\u{c}\r µ",
                json_str!("a \"quoted\" back\\slash\n\t\u{1}\u{8}\u{c}\r µ"),
            ),
        ] {
            assert_eq!(json, serde_json::to_string(text).unwrap_or_default());
            assert_eq!(serde_json::from_str::<String>(json).ok().as_deref(), Some(text));
        }
    }

    #[test]
    fn fragment_tables_equal_what_serde_json_writes() {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        for c in CitationId::ALL {
            assert_eq!(CITATIONS.get(c.code()), q(c.id()));
        }
        for f in Finding::ALL {
            assert_eq!(FINDINGS.get(f.code()), q(f.id()));
        }
        for l in Likelihood::ALL {
            assert_eq!(LIKELIHOODS.get(l.code()), q(l.id()));
        }
        for c in Condition::ALL {
            assert_eq!(CONDITION_HEADS.get(c.code()), format!("{{\"condition\":{},\"likelihood\":", q(c.id())));
        }
        assert_eq!(CITATIONS.get(CitationId::ALL.len() as u32), "");
    }

    #[test]
    fn reference_fragments_equal_what_serde_json_writes() {
        for c in CitationId::ALL {
            let want = serde_json::to_string(&CitationEntry::from(c.reference())).unwrap_or_default();
            assert_eq!(reference_json(*c), want);
            assert!(serde_json::from_str::<serde_json::Value>(reference_json(*c)).is_ok());
        }
        let all: Vec<CitationEntry> = CitationId::ALL.iter().map(|c| CitationEntry::from(c.reference())).collect();
        assert_eq!(REFERENCES_JSON, serde_json::to_string(&all).unwrap_or_default());
    }

    use crate::rules::tests::Rng;

    fn random_presentation(r: &mut Rng) -> Presentation {
        let mut p = Presentation::new();
        let sparse = r.below(2) == 0;
        for f in Finding::ALL {
            match r.below(if sparse { 12 } else { 5 }) {
                0 | 1 => p.set_finding(*f, Status::Present),
                2 => p.set_finding(*f, Status::Absent),
                _ => {}
            }
        }
        let _ = p.set_age_years((r.below(3) > 0).then(|| r.below(100) as i64));
        p.set_course(match r.below(4) {
            0 => None,
            1 => Some(Course::Stable),
            2 => Some(Course::Progressive),
            _ => Some(Course::RapidlyProgressive),
        });
        let _ = p.set_mjoa((r.below(3) == 0).then(|| r.below(19) as i64));
        let _ = p.set_ankle_brachial_index((r.below(4) == 0).then(|| r.below(160) as f64 / 100.0));
        let _ = p.set_symptom_duration_months((r.below(3) == 0).then(|| r.below(40) as f64 / 4.0));
        if r.below(2) == 0 {
            let _ = p.set_id(Some("rec-1.a:b_C"));
        }
        p
    }

    #[test]
    fn written_json_is_byte_identical_to_serde_json() {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let mut post_tests = 0;
        for _ in 0..3000 {
            let a = assess(&random_presentation(&mut r));
            post_tests += usize::from(a.myelopathy.post_test.is_some());
            assert_eq!(write(&a, Detail::Full), serde_json::to_string(&a).unwrap_or_default());
            let standard = crate::detail::StandardRecord::from(&a);
            assert_eq!(write(&a, Detail::Standard), serde_json::to_string(&standard).unwrap_or_default());
        }
        // The random presentations reach the optional parts too.
        assert!(post_tests > 0);
    }

    #[test]
    fn standard_written_from_the_evaluation_equals_the_explained_assessment() {
        let mut r = Rng(0x2545_f491_4f6c_dd1d);
        let (mut post_tests, mut severities, mut missing) = (0, 0, 0);
        for _ in 0..5000 {
            let p = random_presentation(&mut r);
            let mut trace = Collect::default();
            let d = rules::evaluate(&p, &mut trace);
            let a = crate::assessment::explain::build(&p, &d, &trace, false);
            post_tests += usize::from(a.myelopathy.post_test.is_some());
            severities += usize::from(a.severity.is_some());
            missing += usize::from(a.pathway_rationale.contains("Not recorded: "));
            assert_eq!(write_standard(&p, &d, &trace), write(&a, Detail::Standard));
        }
        assert!(post_tests > 0 && severities > 0 && missing > 0);
    }
}
