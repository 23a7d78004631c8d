//! End-to-end tests of the `stenosis` binary: exit codes, messages, JSON identity, batch records.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn stenosis(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stenosis"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.as_mut().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn assess_json_is_the_core_serialization_byte_for_byte() {
    for entry in std::fs::read_dir(root().join("examples/cases")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let out = stenosis(&["assess", "--json", path.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(0), "{}", path.display());
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = stenosis_core::assess(&stenosis_core::Presentation::from_json(&text).unwrap()).to_json() + "\n";
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{}", path.display());
    }
}

#[test]
fn report_puts_red_flags_first_and_numbers_citations() {
    let case = root().join("examples/cases/cauda-equina.json");
    let out = stenosis(&["assess", case.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let flags = text.find("RED FLAGS").expect("red flag section");
    let pathway = text.find("Pathway:").unwrap();
    assert!(flags < pathway, "red flags come before the pathway");
    assert!(text.contains("cauda_equina_suspected"));
    assert!(text.contains("[EMERGENCY] lumbar_mri"));
    assert!(text.contains("Citations\n  [1] "));
    assert!(text.contains("not a diagnosis"));
}

#[test]
fn stdin_input_and_invalid_input_exit_2_naming_the_field() {
    let ok = stenosis(&["assess", "--json", "-"], Some(br#"{"age_years": 50, "findings": {}}"#));
    assert_eq!(ok.status.code(), Some(0));
    let cases: &[(&[u8], &str)] = &[
        (br#"{"age_years": 150}"#, "age_years"),
        (br#"{"findings": {"babinsky_sign": "present"}}"#, "babinski_sign"),
        (br#"{"mjoa": "high"}"#, "mjoa"),
        (br#"{"agee": 3}"#, "age_years"),
        (br#"{"age_years": 50"#, "malformed JSON"),
        (b"", "empty input"),
        (b"\xff\xfe{}", "UTF-8"),
        (br#"[1, 2]"#, "JSON object"),
    ];
    for (input, needle) in cases {
        let out = stenosis(&["assess", "-"], Some(input));
        assert_eq!(out.status.code(), Some(2), "input {:?}", String::from_utf8_lossy(input));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(needle), "{err:?} should mention {needle}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn cds_hooks_output_is_the_core_response() {
    let case = root().join("examples/cases/cauda-equina.json");
    let out = stenosis(&["assess", "--cds-hooks", case.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&case).unwrap();
    let a = stenosis_core::assess(&Presentation::from_json(&text).unwrap());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), stenosis_core::cds_hooks_response(&a).to_json() + "\n");
    let v: serde_json::Value = serde_json::to_value(stenosis_core::cds_hooks_response(&a)).unwrap();
    assert_eq!(v["cards"][0]["indicator"], "critical");
}

#[test]
fn usage_errors_exit_1() {
    assert_eq!(stenosis(&[], None).status.code(), Some(1));
    assert_eq!(stenosis(&["frobnicate"], None).status.code(), Some(1));
    assert_eq!(stenosis(&["assess", "/nonexistent/file.json"], None).status.code(), Some(1));
    assert_eq!(stenosis(&["--help"], None).status.code(), Some(0));
    let v = stenosis(&["--version"], None);
    assert!(String::from_utf8(v.stdout).unwrap().contains(stenosis_core::KNOWLEDGE_BASE_VERSION));
}

#[test]
fn batch_keeps_order_and_turns_bad_lines_into_error_records() {
    let dir = std::env::temp_dir().join(format!("stenosis-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("in.jsonl");
    let output = dir.join("out.jsonl");
    let mut lines = Vec::new();
    for i in 0..300 {
        lines.push(match i % 50 {
            7 => r#"{"findings": {"babinsky_sign": "present"}}"#.to_owned(),
            13 => r#"{"age_years": 150}"#.to_owned(),
            21 => "not json".to_owned(),
            _ => format!(r#"{{"age_years": {}, "findings": {{"hoffmann_sign": "present"}}}}"#, 20 + i % 80),
        });
    }
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = stenosis(&["batch", input.to_str().unwrap(), output.to_str().unwrap(), "--threads", "3"], None);
    assert_eq!(out.status.code(), Some(2), "some lines were refused");
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(summary.contains("300 lines: 282 assessed, 18 refused"), "{summary}");
    let results: Vec<String> = std::fs::read_to_string(&output).unwrap().lines().map(str::to_owned).collect();
    assert_eq!(results.len(), 300);
    for (i, (line, result)) in lines.iter().zip(&results).enumerate() {
        let v: serde_json::Value = serde_json::from_str(result).unwrap();
        match Presentation::from_json(line) {
            Ok(p) => assert_eq!(result, &stenosis_core::assess(&p).to_json(), "line {}", i + 1),
            Err(e) => {
                assert_eq!(v["line"], i + 1);
                assert_eq!(v["error"]["field"], serde_json::json!(e.field()));
                assert_eq!(v["error"]["message"], e.message());
            }
        }
    }
    let clean = dir.join("clean.jsonl");
    std::fs::write(&clean, "{\"findings\": {}}\n{\"age_years\": 60}\n").unwrap();
    let out = stenosis(&["batch", clean.to_str().unwrap(), output.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
}

use stenosis_core::Presentation;

#[test]
fn findings_and_schema_derive_from_the_vocabulary() {
    let out = stenosis(&["findings", "--json"], None);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), stenosis_core::Finding::ALL.len());
    assert_eq!(list[0]["id"], "leg_weakness");
    let text = String::from_utf8(stenosis(&["findings"], None).stdout).unwrap();
    assert!(text.contains("saddle_anesthesia") && text.contains("SNOMED CT 449813001"));
    let schema: serde_json::Value = serde_json::from_slice(&stenosis(&["schema"], None).stdout).unwrap();
    assert_eq!(schema, stenosis_core::presentation_schema());
}
