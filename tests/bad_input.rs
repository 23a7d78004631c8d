//! The bad-input catalog (`tests/bad-input/`) through the core parser: every case refused with
//! its kind and field, a message that names the field, stays short and never repeats free text.

use std::path::PathBuf;

use stenosis::Presentation;

/// One case of `tests/bad-input/catalog.tsv`.
pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
    pub kind: String,
    pub field: Option<String>,
    pub says: Option<String>,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

fn catalog() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("catalog.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "catalog line {line:?}");
            let opt = |s: &str| (s != "-").then(|| s.to_owned());
            Case {
                name: cols[0].to_owned(),
                bytes: std::fs::read(dir().join("cases").join(format!("{}.in", cols[0]))).unwrap(),
                kind: cols[1].to_owned(),
                field: opt(cols[2]),
                says: opt(cols[3]),
            }
        })
        .collect()
}

/// Words of the free-text cases that no message may repeat.
const FREE_TEXT: &[&str] = &["Smith", "DOB", "Jones", "fall in May", "aaaaaaaaaa"];

/// The checks every surface makes; returns what is wrong, if anything.
fn problems(case: &Case, kind: &str, field: Option<&str>, message: &str) -> Vec<String> {
    let mut out = Vec::new();
    if kind != case.kind {
        out.push(format!("kind {kind}, expected {}", case.kind));
    }
    if field != case.field.as_deref() {
        out.push(format!("field {field:?}, expected {:?}", case.field));
    }
    if let Some(f) = field {
        if !message.contains(f) {
            out.push("the message does not name the field".to_owned());
        }
    }
    if let Some(s) = &case.says {
        if !message.contains(s.as_str()) {
            out.push(format!("the message does not say {s:?}"));
        }
    }
    if message.chars().count() > 300 {
        out.push(format!("message of {} characters", message.chars().count()));
    }
    if let Some(w) = FREE_TEXT.iter().find(|w| message.contains(*w)) {
        out.push(format!("the message repeats free text {w:?}"));
    }
    out
}

#[test]
fn the_catalog_has_at_least_80_kinds_each_with_its_bytes() {
    let cases = catalog();
    assert!(cases.len() >= 80, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "duplicate case names");
    let files = std::fs::read_dir(dir().join("cases")).unwrap().count();
    assert_eq!(files, cases.len(), "every file in cases/ has its catalog line");
}

#[test]
fn every_case_is_refused_with_its_kind_and_field_by_the_core() {
    let mut failures = Vec::new();
    for case in catalog() {
        match Presentation::from_json_bytes(&case.bytes) {
            Ok(p) => failures.push(format!("{}: accepted as {}", case.name, p.to_json())),
            Err(e) => {
                let found = problems(&case, e.kind().id(), e.field(), e.message());
                if !found.is_empty() {
                    failures.push(format!("{}: {} (message: {:?})", case.name, found.join("; "), e.message()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of the catalog failed:\n{}", failures.len(), failures.join("\n"));
}
