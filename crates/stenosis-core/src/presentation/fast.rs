//! A fast path for the common shape of a Presentation's JSON (a batch reads millions of lines).
//!
//! It accepts only a strict subset of what the serde parser ([`super::json`]) accepts: a text of
//! printable ASCII without a backslash (so no escapes, and no whitespace but spaces); numbers written as plain digits (a
//! fraction only for the real fields); each key at most once; every value valid. On anything
//! else (an error, an unusual spelling, anything it is not sure of) it gives `None` and the
//! caller runs the serde parser on the same text, so errors and their messages are the serde
//! parser's alone. When it gives a Presentation, it is the one the serde parser gives: the same
//! field table, the same range checks and the same vocabulary lookups decide (the tests compare
//! both on thousands of texts, well-formed and not).

use super::values::{parse_finding_id, parse_status, real_in_range, whole_in_range, SmallWhole};
use super::{FindingSet, Presentation, RecordId};
use crate::fields::{presentation_fields, FieldKind, Member, PRESENTATION_FIELDS};
use crate::vocab::{Course, Sex};

/// The most digits read in a whole part: far beyond every field's range, and exact as an `i64`
/// and as an `f64`.
const MAX_DIGITS: usize = 15;

/// The most digits read in a fraction: enough for the shortest form of every `f64` (17
/// significant digits). Both parsers round correctly, so they read the same value.
const MAX_FRACTION_DIGITS: usize = 20;

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

/// Whether `text` is printable ASCII without a backslash: then every string in it is printable
/// ASCII without escapes. Checked once for the whole text, which vectorises.
fn plain_ascii(text: &[u8]) -> bool {
    !text.iter().fold(false, |bad, &b| bad | !(0x20..0x7f).contains(&b) | (b == b'\\'))
}

/// Where the next quote is: eight bytes at a time (a zero byte of `word ^ quotes` is a quote).
/// Kept out of line: inlined into [`parse`], the loop gathers a counter for every position
/// derived from it and costs several times as much.
#[inline(never)]
fn quote_at(rest: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    let mut words = rest.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(bytes) ^ QUOTES;
        // The lowest set bit marks the first zero byte exactly (borrows only run upwards).
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words.remainder().iter().position(|&b| b == b'"').map(|i| at + i)
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    fn ws(&mut self) {
        self.at += self.rest().iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.at += 1)
    }

    /// `null`, when it is next.
    fn null(&mut self) -> bool {
        let is = self.rest().starts_with(b"null");
        if is {
            self.at += 4;
        }
        is
    }

    /// A string (the text is [`plain_ascii`]); its contents.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let len = quote_at(self.rest())?;
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    /// Digits (no leading zero unless alone); how many.
    fn digits(&mut self) -> Option<usize> {
        let rest = self.rest();
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let leading_zero = n > 1 && rest.first() == Some(&b'0');
        self.at += n;
        (n > 0 && n <= MAX_DIGITS && !leading_zero).then_some(n)
    }

    /// A whole number written as plain digits.
    fn whole(&mut self) -> Option<i64> {
        let start = self.at;
        self.digits()?;
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        self.text.get(start..self.at)?.parse().ok()
    }

    /// A real number written as digits with an optional fraction (no exponent).
    fn real(&mut self) -> Option<f64> {
        let start = self.at;
        self.digits()?;
        if self.eat(b'.').is_some() {
            let n = self.rest().iter().take_while(|b| b.is_ascii_digit()).count();
            self.at += n;
            if n == 0 || n > MAX_FRACTION_DIGITS {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            return None;
        }
        // Correctly rounded, as serde_json (with `float_roundtrip`) reads it.
        self.text.get(start..self.at)?.parse().ok()
    }
}

/// The Presentation of `text` when it has the common shape and is valid; `None` otherwise (the
/// serde parser then reads it, and refuses it when it is invalid).
pub(super) fn parse(text: &str) -> Option<Presentation> {
    if !plain_ascii(text.as_bytes()) {
        return None;
    }
    let mut c = Cursor { text, at: 0 };
    let mut p = Presentation::new();
    c.ws();
    c.eat(b'{')?;
    c.ws();
    if c.eat(b'}').is_none() {
        let mut seen = 0u64;
        loop {
            let key = c.string()?;
            let i = PRESENTATION_FIELDS.iter().position(|k| *k == key)?;
            let field = presentation_fields().get(i)?;
            let bit = 1u64.checked_shl(u32::try_from(i).ok()?)?;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            c.ws();
            c.eat(b':')?;
            c.ws();
            let null = c.null();
            match (field.member, field.kind) {
                (Member::AgeYears | Member::Mjoa, FieldKind::Whole { max }) => {
                    let v = if null {
                        SmallWhole::NONE
                    } else {
                        SmallWhole::new(Some(whole_in_range(field.id, c.whole()?, max).ok()?))
                    };
                    if field.member == Member::AgeYears {
                        p.age_years = v;
                    } else {
                        p.mjoa = v;
                    }
                }
                (Member::SymptomDurationMonths | Member::AnkleBrachialIndex, FieldKind::Real { max }) => {
                    let v = if null { None } else { Some(real_in_range(field.id, c.real()?, max).ok()?) };
                    if field.member == Member::SymptomDurationMonths {
                        p.symptom_duration_months = v;
                    } else {
                        p.ankle_brachial_index = v;
                    }
                }
                (Member::Sex, _) => p.sex = if null { None } else { Some(Sex::from_id(c.string()?)?) },
                (Member::Course, _) => p.course = if null { None } else { Some(Course::from_id(c.string()?)?) },
                (Member::Id, _) => p.id = if null { None } else { Some(RecordId::new(c.string()?).ok()?) },
                (Member::Findings, _) if !null => p.findings = findings(&mut c)?,
                _ => return None,
            }
            c.ws();
            if c.eat(b',').is_some() {
                c.ws();
                continue;
            }
            c.eat(b'}')?;
            break;
        }
    }
    c.ws();
    (c.at == text.len()).then_some(p)
}

/// The `findings` object: finding id to status, each id at most once.
fn findings(c: &mut Cursor<'_>) -> Option<FindingSet> {
    let mut set = FindingSet::default();
    let mut seen = 0u128;
    c.eat(b'{')?;
    c.ws();
    if c.eat(b'}').is_some() {
        return Some(set);
    }
    loop {
        let f = parse_finding_id(c.string()?).ok()?;
        if seen & f.bit() != 0 {
            return None;
        }
        seen |= f.bit();
        c.ws();
        c.eat(b':')?;
        c.ws();
        set.set(f, parse_status(f, c.string()?).ok()?);
        c.ws();
        if c.eat(b',').is_some() {
            c.ws();
            continue;
        }
        c.eat(b'}')?;
        return Some(set);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Finding, Status};

    use crate::rules::tests::Rng;

    /// The serde parser's answer, and the fast path's: the fast path gives the same
    /// Presentation or leaves the text to the serde parser.
    fn check(text: &str) -> bool {
        let strict = super::super::json::from_json_strict(text);
        match parse(text) {
            Some(p) => {
                assert_eq!(strict.as_ref().ok(), Some(&p), "{text}");
                assert_eq!(strict.as_ref().ok().map(Presentation::to_json), Some(p.to_json()), "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn the_fast_path_gives_the_serde_parsers_presentation_or_none() {
        let mut r = Rng(0x51f1_5eed_2026_1201);
        let mut fast = 0;
        for n in 0..1000 {
            let mut p = Presentation::new();
            for f in Finding::ALL {
                match r.below(6) {
                    0 => p.set_finding(*f, Status::Present),
                    1 => p.set_finding(*f, Status::Absent),
                    _ => {}
                }
            }
            let _ = p.set_age_years((r.below(4) > 0).then(|| r.below(130) as i64));
            let _ = p.set_mjoa((r.below(3) == 0).then(|| r.below(19) as i64));
            let _ = p.set_ankle_brachial_index((r.below(3) == 0).then(|| r.below(300) as f64 / 100.0));
            let _ = p.set_symptom_duration_months((r.below(3) == 0).then(|| r.below(4000) as f64 / 7.0));
            if r.below(2) == 0 {
                let _ = p.set_id(Some(&format!("rec-{n}.a:b_C")));
            }
            let canonical = p.to_json();
            assert!(check(&canonical), "the common shape takes the fast path: {canonical}");
            fast += 1;
            // Spaced out, the same; other whitespace is left to the serde parser.
            let spaced = canonical.replace(",\"", " , \"").replace("\":", "\" : ").replace('{', " { ");
            assert!(check(&spaced), "{spaced}");
            let lines = canonical.replace(",\"", ",\n\t\"");
            assert!(!check(&lines) && super::super::json::from_json_strict(&lines).is_ok(), "{lines}");
            // One byte changed, dropped or doubled: either path, never a different answer.
            let bytes = canonical.as_bytes();
            for _ in 0..8 {
                let at = r.below(bytes.len() as u64) as usize;
                let mut v = bytes.to_vec();
                match r.below(3) {
                    0 => {
                        let pool = b"{}[]\":,0123456789.eE-+ nultrxyz\\\x01\x7f\t";
                        let b = pool.get(r.below(pool.len() as u64) as usize).copied().unwrap_or(b'x');
                        if let Some(slot) = v.get_mut(at) {
                            *slot = b;
                        }
                    }
                    1 => {
                        v.remove(at);
                    }
                    _ => v.insert(at, bytes.get(at).copied().unwrap_or(b'x')),
                }
                if let Ok(text) = core::str::from_utf8(&v) {
                    check(text);
                }
            }
        }
        assert_eq!(fast, 1000);
    }

    /// Adversarial spellings (numbers, whitespace, duplicates, case, nulls, nesting, the `id`
    /// rules, trailing text): for each, `from_json` answers exactly as the serde parser alone
    /// (the same Presentation or the same error), and the fast path never accepts what the serde
    /// parser refuses nor reads a value differently (`check` also compares the canonical JSON,
    /// which tells `-0.0` from `0.0`).
    #[test]
    fn adversarial_texts_get_the_serde_parsers_answer() {
        let id64 = "a".repeat(64);
        let id65 = "a".repeat(65);
        let many_digits = "9".repeat(400);
        let long_fraction = format!("0.{}1", "0".repeat(19));
        let longer_fraction = format!("0.{}1", "0".repeat(20));
        let mut texts: Vec<String> = [
            "{\"age_years\": -0}",
            "{\"age_years\": -1}",
            "{\"age_years\": - 1}",
            "{\"age_years\": -}",
            "{\"age_years\": 0}",
            "{\"age_years\": 00}",
            "{\"age_years\": 01}",
            "{\"age_years\": 120}",
            "{\"age_years\": 121}",
            "{\"age_years\": 255}",
            "{\"age_years\": 256}",
            "{\"age_years\": 999999999999999}",
            "{\"age_years\": 9999999999999999}",
            "{\"age_years\": 18446744073709551616}",
            "{\"age_years\": 1.}",
            "{\"age_years\": .5}",
            "{\"age_years\": 1e2}",
            "{\"age_years\": 1E2}",
            "{\"age_years\": 6.1e1}",
            "{\"age_years\": 61.5}",
            "{\"age_years\": +61}",
            "{\"age_years\": 0x3d}",
            "{\"age_years\": \"61\"}",
            "{\"age_years\": 61 62}",
            "{\"age_years\": 6 1}",
            "{\"age_years\": 61-}",
            "{\"age_years\": 61.5.3}",
            "{\"age_years\": nul}",
            "{\"age_years\": nulll}",
            "{\"age_years\": null null}",
            "{\"age_years\": NULL}",
            "{\"age_years\": true}",
            "{\"age_years\": false}",
            "{\"age_years\": []}",
            "{\"age_years\": {}}",
            "{\"ankle_brachial_index\": -0}",
            "{\"ankle_brachial_index\": -0.0}",
            "{\"ankle_brachial_index\": 0}",
            "{\"ankle_brachial_index\": 0.0}",
            "{\"ankle_brachial_index\": 00.5}",
            "{\"ankle_brachial_index\": 0.50}",
            "{\"ankle_brachial_index\": 1.}",
            "{\"ankle_brachial_index\": .5}",
            "{\"ankle_brachial_index\": 1e0}",
            "{\"ankle_brachial_index\": 1e-1}",
            "{\"ankle_brachial_index\": 3}",
            "{\"ankle_brachial_index\": 3.0}",
            "{\"ankle_brachial_index\": 3.00000000000000000001}",
            "{\"ankle_brachial_index\": 3.0000000000000004}",
            "{\"ankle_brachial_index\": 2.99999999999999999999}",
            "{\"ankle_brachial_index\": 0.1000000000000000055511}",
            "{\"ankle_brachial_index\": 1.0000000000000002220446}",
            "{\"ankle_brachial_index\": 0.30000000000000004}",
            "{\"symptom_duration_months\": 1200}",
            "{\"symptom_duration_months\": 1200.0000000000001}",
            "{\"symptom_duration_months\": 1199.9999999999999}",
            "{\"symptom_duration_months\": 1201}",
            "{\"symptom_duration_months\": 0.1e1}",
            "{\"symptom_duration_months\": 12345678901234567890}",
            "{\"mjoa\": 18}",
            "{\"mjoa\": 19}",
            "{\"mjoa\": 18.0}",
            "{\"age_years\": 61, \"age_years\": 61}",
            "{\"age_years\": null, \"age_years\": 61}",
            "{\"findings\": {}, \"findings\": {}}",
            "{\"findings\": {\"hoffmann_sign\": \"present\", \"hoffmann_sign\": \"present\"}}",
            "{\"id\": \"a\", \"id\": \"a\"}",
            "{\t}",
            "{\"age_years\":\t61}",
            "{\"age_years\": 61}\n",
            "\n{\"age_years\": 61}",
            "{\"age_years\": 61}\r",
            "{\"age_years\"\u{a0}: 61}",
            "{\"age_years\": 61,}",
            "{\"findings\": {\"hoffmann_sign\": \"present\",}}",
            "{,\"age_years\": 61}",
            "{\"age_years\": 61,,\"mjoa\": 1}",
            "{\"age_years\": 61}x",
            "{\"age_years\": 61}}",
            "{\"age_years\": 61}{}",
            "{\"age_years\": 61} null",
            "{\"age_years\": 61",
            "{\"age_years\":",
            "{\"age_years\"",
            "{\"age_years",
            "{",
            "}",
            "{}",
            "{\"\": 1}",
            "{\"\": null}",
            "{\"findings\": {\"\": \"present\"}}",
            "{\"findings\": {\"hoffmann_sign\": {}}}",
            "{\"findings\": {\"hoffmann_sign\": {\"a\": 1}}}",
            "{\"findings\": {\"hoffmann_sign\": [\"present\"]}}",
            "{\"findings\": {\"a\": {\"hoffmann_sign\": \"present\"}}}",
            "{\"findings\": {\"hoffmann_sign\": null}}",
            "{\"findings\": {\"hoffmann_sign\": true}}",
            "{\"findings\": {\"hoffmann_sign\": false}}",
            "{\"findings\": {\"hoffmann_sign\": 1}}",
            "{\"findings\": {\"hoffmann_sign\": \"unknown\"}}",
            "{\"findings\": {\"hoffmann_sign\": \"Present\"}}",
            "{\"findings\": {\"hoffmann_sign\": \"PRESENT\"}}",
            "{\"findings\": {\"hoffmann_sign\": \"present \"}}",
            "{\"findings\": {\"Hoffmann_sign\": \"present\"}}",
            "{\"findings\": {\"hoffmann_sign \": \"present\"}}",
            "{\"findings\": null}",
            "{\"findings\": true}",
            "{\"findings\": []}",
            "{\"findings\": \"\"}",
            "{\"findings\": {\"hoffmann_sign\" \"present\"}}",
            "{\"findings\": {\"hoffmann_sign\": \"present\"}",
            "{\"Age_years\": 61}",
            "{\"AGE_YEARS\": 61}",
            "{\"age_years \": 61}",
            "{\"sex\": \"female\"}",
            "{\"sex\": \"Female\"}",
            "{\"sex\": \"FEMALE\"}",
            "{\"sex\": \"\"}",
            "{\"sex\": 1}",
            "{\"sex\": true}",
            "{\"course\": \"progressive\"}",
            "{\"course\": \"Progressive\"}",
            "{\"course\": null}",
            "{\"id\": \"\"}",
            "{\"id\": \"a\"}",
            "{\"id\": \"A.z_0:9-\"}",
            "{\"id\": \"a/b\"}",
            "{\"id\": \"a b\"}",
            "{\"id\": \"a+b\"}",
            "{\"id\": \"a#b\"}",
            "{\"id\": \"\u{e9}\"}",
            "{\"id\": \"a\\\"b\"}",
            "{\"id\": \"a\"b\"}",
            "{\"id\": \"abc}",
            "{\"id\": 1}",
            "{\"id\": null}",
            "{\"id\": true}",
            "{age_years: 61}",
            "{'age_years': 61}",
            "{\"age_years\" 61}",
            "{\"age_years\":: 61}",
            "{\"age_years\": 61 \"mjoa\": 1}",
            "{\"mjoa\": 1, \"findings\": {\"hoffmann_sign\": \"present\"} , \"id\" : \"x\" }",
            "\u{0}{}",
            "{}\u{0}",
            "{\"id\": \"a\u{0}\"}",
            "{\"id\": \"a\u{7f}\"}",
        ]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
        for (field, value) in [
            ("id", format!("\"{id64}\"")),
            ("id", format!("\"{id65}\"")),
            ("age_years", many_digits.clone()),
            ("ankle_brachial_index", many_digits.clone()),
            ("ankle_brachial_index", format!("0.{many_digits}")),
            ("ankle_brachial_index", long_fraction),
            ("ankle_brachial_index", longer_fraction),
        ] {
            texts.push(format!("{{\"{field}\": {value}}}"));
        }
        for text in &texts {
            let strict = super::super::json::from_json_strict(text);
            assert_eq!(super::super::json::from_json(text), strict, "{text:?}");
            if let Some(p) = parse(text) {
                let s = strict.as_ref().ok();
                assert_eq!(s, Some(&p), "the fast path accepts what serde refuses: {text:?}");
                assert_eq!(s.map(Presentation::to_json), Some(p.to_json()), "{text:?}");
            }
        }
        // The fast path does take the plain ones (the comparison above is not vacuous).
        for text in ["{\"age_years\": 0}", "{\"ankle_brachial_index\": 0.30000000000000004}", "{\"id\": \"A.z_0:9-\"}"]
        {
            assert!(check(text), "{text:?}");
        }
        let id_text = format!("{{\"id\": \"{id64}\"}}");
        assert!(check(&id_text));
    }

    /// Numbers and values spelled from random parts (sign, leading zeros, digit runs of every
    /// length, fraction, exponent, spaces) in every field: the same answer by either path.
    #[test]
    fn random_value_spellings_get_the_serde_parsers_answer() {
        let mut r = Rng(0x000d_d50f_2026_1201);
        let pick =
            |r: &mut Rng, pool: &[&'static str]| pool.get(r.below(pool.len() as u64) as usize).copied().unwrap_or("");
        let digits =
            |r: &mut Rng, n: u64| -> String { (0..r.below(n)).map(|_| char::from(b'0' + r.below(10) as u8)).collect() };
        let mut fast = 0;
        for _ in 0..100_000 {
            let field = pick(&mut r, PRESENTATION_FIELDS);
            let value = match r.below(4) {
                0 => format!(
                    "\"{}\"",
                    pick(&mut r, &["female", "male", "stable", "progressive", "", "a.b", "x y", "Female"])
                ),
                1 => pick(&mut r, &["null", "true", "false", "{}", "[]", "nul", "{\"hoffmann_sign\":\"present\"}"])
                    .to_owned(),
                _ => {
                    let whole = if r.below(4) == 0 { digits(&mut r, 25) } else { digits(&mut r, 4) };
                    let fraction = match r.below(3) {
                        0 => String::new(),
                        _ => format!(".{}", digits(&mut r, 25)),
                    };
                    let exponent = match r.below(6) {
                        0 => format!("{}{}", pick(&mut r, &["e", "E", "e-", "e+"]), digits(&mut r, 4)),
                        _ => String::new(),
                    };
                    format!(
                        "{}{}{whole}{fraction}{exponent}",
                        pick(&mut r, &["", "", "", "-", "+"]),
                        pick(&mut r, &["", "", "", "0", "00"])
                    )
                }
            };
            let space = pick(&mut r, &["", " ", "  ", "\t", "\n"]);
            let text = format!("{{{space}\"{field}\"{space}:{space}{value}{space}}}");
            let strict = super::super::json::from_json_strict(&text);
            assert_eq!(super::super::json::from_json(&text), strict, "{text:?}");
            if check(&text) {
                fast += 1;
            }
        }
        assert!(fast > 5000, "{fast}");
    }

    #[test]
    fn quote_at_finds_the_first_quote() {
        for len in 0..40 {
            for q in 0..=len {
                let mut v = vec![b'a'; len];
                for at in [q, q + 3] {
                    if let Some(b) = v.get_mut(at) {
                        *b = b'"';
                    }
                }
                let want = v.iter().position(|&b| b == b'"');
                assert_eq!(quote_at(&v), want, "{len} {q}");
            }
        }
        assert_eq!(quote_at(b"\x01\x7f!#\"\""), Some(4));
    }

    #[test]
    fn unusual_spellings_are_left_to_the_serde_parser() {
        for text in [
            "",
            " ",
            "\u{feff}{}",
            "\x0c{}",
            "[]",
            "{}x",
            " {\n} ",
            "{\"age_years\":\t61}",
            "{} {}",
            "{,}",
            "{\"age_years\": 61,}",
            "{\"age_years\": 061}",
            "{\"age_years\": 61.0}",
            "{\"age_years\": 6.1e1}",
            "{\"age_years\": -1}",
            "{\"age_years\": 200}",
            "{\"age_years\": 61, \"age_years\": 62}",
            "{\"age_year\": 61}",
            "{\"ag\\u0065_years\": 61}",
            "{\"sex\": \"Female\"}",
            "{\"sex\": \"f\\u0065male\"}",
            "{\"id\": \"r 1\"}",
            "{\"id\": \"r\\t1\"}",
            "{\"id\": \"r\u{e9}\"}",
            "{\"id\": 1}",
            "{\"findings\": null}",
            "{\"findings\": []}",
            "{\"findings\": {\"hoffmann_sign\": \"present\", \"hoffmann_sign\": \"absent\"}}",
            "{\"findings\": {\"hoffman_sign\": \"present\"}}",
            "{\"findings\": {\"hoffmann_sign\": \"yes\"}}",
            "{\"findings\": {\"hoffmann_sign\": true}}",
            "{\"findings\": {\"hoffmann_sign\": \"present\",}}",
            "{\"mjoa\": 1e1}",
            "{\"ankle_brachial_index\": 1e0}",
            "{\"ankle_brachial_index\": .9}",
            "{\"ankle_brachial_index\": 0.}",
            "{\"ankle_brachial_index\": 0.900000000000000000001}",
            "{\"symptom_duration_months\": 12345678901234567890}",
        ] {
            assert!(!check(text), "{text:?}");
        }
        for text in [
            "{}",
            " { } ",
            "{\"age_years\": null, \"sex\": null, \"course\": null, \"mjoa\": null, \"id\": null}",
            "{\"ankle_brachial_index\": 0.9, \"symptom_duration_months\": 0}",
            "{\"findings\": {}}",
            "{\"findings\": {\"hoffmann_sign\": \"unknown\"}, \"age_years\": 0}",
        ] {
            assert!(check(text), "{text:?}");
        }
    }
}
