//! The bad-input catalog (`tests/bad-input/`) through the CLI: `stenosis assess -` exits 2 with a
//! message naming the field; the single-line cases through `stenosis batch` become error records
//! with the catalog's kind and field, in order, and the good line between them is assessed.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

struct Case {
    name: String,
    bytes: Vec<u8>,
    kind: String,
    field: Option<String>,
    says: Option<String>,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-input")
}

fn catalog() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("catalog.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
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

const FREE_TEXT: &[&str] = &["Smith", "DOB", "Jones", "fall in May", "aaaaaaaaaa"];

#[test]
fn assess_refuses_every_case_with_exit_2_naming_the_field() {
    let mut failures = Vec::new();
    let cases = catalog();
    assert!(cases.len() >= 80);
    for case in &cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stenosis"))
            .args(["assess", "--json", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&case.bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let mut wrong = Vec::new();
        if out.status.code() != Some(2) {
            wrong.push(format!("exit {:?}", out.status.code()));
        }
        if !out.stdout.is_empty() {
            wrong.push("wrote to stdout".to_owned());
        }
        if let Some(f) = &case.field {
            if !err.contains(f.as_str()) {
                wrong.push(format!("stderr does not name {f}"));
            }
        }
        if let Some(s) = &case.says {
            if !err.contains(s.as_str()) {
                wrong.push(format!("stderr does not say {s:?}"));
            }
        }
        if err.contains("panicked") || err.chars().count() > 400 {
            wrong.push("a panic or an overlong message".to_owned());
        }
        if FREE_TEXT.iter().any(|w| err.contains(w)) {
            wrong.push("repeats free text".to_owned());
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {} ({err:?})", case.name, wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn batch_turns_every_single_line_case_into_its_error_record() {
    let cases: Vec<Case> =
        catalog().into_iter().filter(|c| !c.bytes.contains(&b'\n') && !c.bytes.contains(&b'\r')).collect();
    assert!(cases.len() >= 80, "{} single-line cases", cases.len());
    let good = br#"{"age_years": 61, "findings": {"hoffmann_sign": "present"}}"#;
    let mut input = Vec::new();
    for case in &cases {
        input.extend_from_slice(&case.bytes);
        input.push(b'\n');
        input.extend_from_slice(good);
        input.push(b'\n');
    }
    let tmp = std::env::temp_dir().join(format!("stenosis-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (inp, outp) = (tmp.join("in.jsonl"), tmp.join("out.jsonl"));
    std::fs::write(&inp, &input).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_stenosis"))
        .args(["batch", inp.to_str().unwrap(), outp.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&outp).unwrap();
    let records: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), cases.len() * 2, "one record per line, in order");
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let r = &records[2 * i];
        let mut wrong = Vec::new();
        if r["line"] != 2 * i + 1 {
            wrong.push(format!("line {}", r["line"]));
        }
        if r["error"]["kind"] != case.kind.as_str() {
            wrong.push(format!("kind {}", r["error"]["kind"]));
        }
        if r["error"]["field"] != serde_json::json!(case.field) {
            wrong.push(format!("field {}", r["error"]["field"]));
        }
        let message = r["error"]["message"].as_str().unwrap_or_default();
        if message.contains("(line 1,") {
            wrong.push("a position inside the line stated as a file line".to_owned());
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {} ({message:?})", case.name, wrong.join("; ")));
        }
        assert!(records[2 * i + 1]["differential"].is_array(), "the good line after {} was assessed", case.name);
    }
    std::fs::remove_dir_all(&tmp).ok();
    assert!(failures.is_empty(), "{} cases failed:\n{}", failures.len(), failures.join("\n"));
}
