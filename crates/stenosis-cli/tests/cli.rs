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
fn report_leads_with_the_bottom_line_in_words() {
    let case = root().join("examples/cases/cauda-equina.json");
    let out = stenosis(&["assess", "--width", "80", case.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("RED FLAG  Suspected cauda equina syndrome"), "{text}");
    assert!(lines[2].starts_with("Pathway   Emergency"), "{text}");
    assert!(text.find("RED FLAGS").unwrap() < text.find("PATHWAY:").unwrap());
    assert!(text.contains("REFERENCES\n  [1] "));
    assert!(text.contains("not a diagnosis"));
    // Ids never reach the person: labels instead.
    assert!(!text.contains("cauda_equina_suspected") && !text.contains("lumbar_mri"), "{text}");
    assert!(lines.last().unwrap().starts_with("RED FLAG"), "{text}");
    // No escape codes when not on a terminal, unless asked.
    assert!(!text.contains('\x1b'));
    let colored = stenosis(&["assess", "--color", "always", case.to_str().unwrap()], None);
    assert!(String::from_utf8(colored.stdout).unwrap().contains("\x1b[1;31m"));
}

#[test]
fn brief_and_no_references() {
    let case = root().join("examples/cases/cauda-equina.json");
    let brief = String::from_utf8(stenosis(&["assess", "--brief", case.to_str().unwrap()], None).stdout).unwrap();
    assert!(brief.lines().count() <= 8, "{brief}");
    assert!(brief.contains("RED FLAG") && !brief.contains("REFERENCES"));
    let no_refs =
        String::from_utf8(stenosis(&["assess", "--no-references", case.to_str().unwrap()], None).stdout).unwrap();
    assert!(!no_refs.contains("REFERENCES") && no_refs.contains("WHAT TO DO"));
}

/// Every example and vignette at 80 columns: no line wider than the terminal, the bottom line in
/// 8 lines, and the red flag of every emergency case on the first screen and in the last line.
#[test]
fn every_case_fits_80_columns_and_keeps_its_red_flag_in_view() {
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in ["examples/cases", "tests/vignettes", "tests/vignettes-v2/cases"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let p = v.get("presentation").cloned().unwrap_or(v);
            cases.push((path.display().to_string(), serde_json::to_vec(&p).unwrap()));
        }
    }
    assert!(cases.len() > 100);
    let mut emergencies = 0;
    for (name, input) in &cases {
        let out = stenosis(&["assess", "--width", "80", "-"], Some(input));
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{name}: {line}");
        }
        let a = stenosis_core::assess(&Presentation::from_json_bytes(input).unwrap());
        if !a.red_flags.is_empty() {
            emergencies += 1;
            let first_screen: Vec<&str> = text.lines().take(24).collect();
            assert!(first_screen.iter().any(|l| l.starts_with("RED FLAG")), "{name}");
            assert!(text.lines().last().unwrap().starts_with("RED FLAG"), "{name}");
            for r in &a.red_flags {
                assert!(text.contains(r.id.label()), "{name}");
            }
        }
        // Every id a person could see is shown as its label.
        for v in stenosis_core::vocabularies() {
            for (id, _) in v.rows.iter().filter(|(id, _)| id.contains('_')) {
                assert!(!text.contains(id), "{name}: {id} shown as an id");
            }
        }
        let brief = stenosis(&["assess", "--brief", "--width", "80", "-"], Some(input));
        assert!(String::from_utf8(brief.stdout).unwrap().lines().count() <= 8, "{name}");
    }
    assert!(emergencies >= 3, "{emergencies}");
}

#[test]
fn html_page_and_patient_view() {
    let case = root().join("examples/cases/cauda-equina.json");
    let dir = std::env::temp_dir().join(format!("stenosis-cli-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("out.html");
    let out = stenosis(&["assess", case.to_str().unwrap(), "--html", page.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("default-src 'none'"));
    let to_stdout = stenosis(&["assess", case.to_str().unwrap(), "--html", "-"], None);
    assert_eq!(String::from_utf8(to_stdout.stdout).unwrap(), html);
    // The input is never overwritten.
    let copy = dir.join("case.json");
    std::fs::copy(&case, &copy).unwrap();
    let refused = stenosis(&["assess", copy.to_str().unwrap(), "--html", copy.to_str().unwrap()], None);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&case).unwrap());
    let patient = stenosis(&["assess", "--audience", "patient", case.to_str().unwrap()], None);
    let text = String::from_utf8(patient.stdout).unwrap();
    assert!(text.contains("GET HELP TODAY") && text.contains("This is not a diagnosis."), "{text}");
    assert!(!text.contains('_') && !text.contains('%'), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_command_line_like_the_ones_people_like() {
    // Unknown flags and subcommands are refused with a suggestion, exit 2.
    let case = root().join("examples/cases/mild-dcm.json");
    let out = stenosis(&["assess", case.to_str().unwrap(), "--jsno"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("'--json'"));
    let out = stenosis(&["asess"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("'assess'"));
    // --help on every subcommand.
    for sub in ["assess", "batch", "findings", "references", "schema", "completions", "man"] {
        let out = stenosis(&[sub, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(String::from_utf8(out.stdout).unwrap().contains("Usage: stenosis"), "{sub}");
    }
    for shell in ["bash", "zsh", "fish"] {
        let out = stenosis(&["completions", shell], None);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(String::from_utf8(out.stdout).unwrap().contains("assess"), "{shell}");
    }
    let man = String::from_utf8(stenosis(&["man"], None).stdout).unwrap();
    assert!(man.contains(".TH stenosis 1") && man.contains("assess"), "{man}");
    // `stenosis` alone prints its usage once.
    let bare = String::from_utf8(stenosis(&[], None).stderr).unwrap();
    assert_eq!(bare.matches("Usage:").count(), 1, "{bare}");
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
fn usage_errors_exit_2_and_other_errors_exit_1() {
    assert_eq!(stenosis(&[], None).status.code(), Some(2));
    assert_eq!(stenosis(&["frobnicate"], None).status.code(), Some(2));
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
                // The position is stated as a column of this line, never as "line 1" beside
                // the file's line number.
                let column = e.column().expect("JSON errors carry a column");
                let expected = format!("{} (at column {column} of line {})", e.message_without_position(), i + 1);
                assert_eq!(v["error"]["message"], expected);
                assert_eq!(v["error"]["column"], column);
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

#[test]
fn assess_detail_levels_are_the_core_writers() {
    let case = root().join("examples/cases/cauda-equina.json");
    let text = std::fs::read_to_string(&case).unwrap();
    let p = stenosis_core::Presentation::from_json(&text).unwrap();
    for detail in stenosis_core::Detail::ALL {
        let out = stenosis(&["assess", "--detail", detail.id(), case.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(0), "{detail}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), stenosis_core::assess_json(&p, *detail) + "\n", "{detail}");
    }
    // --json alone is the full contract JSON; --json with --detail takes the level.
    let full = stenosis(&["assess", "--json", case.to_str().unwrap()], None);
    let summary = stenosis(&["assess", "--json", "--detail", "summary", case.to_str().unwrap()], None);
    assert_eq!(String::from_utf8(full.stdout).unwrap(), stenosis_core::assess(&p).to_json() + "\n");
    let s: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
    assert_eq!(s["pathway"], serde_json::json!(stenosis_core::summarize(&p).pathway.id()));
    // A bad level is a usage error naming the flag and the accepted values.
    let bad = stenosis(&["assess", "--detail", "ful", case.to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.contains("--detail") && err.contains("full") && err.contains("summary"), "{err}");
    // A level with the report options is refused.
    let clash = stenosis(&["assess", "--detail", "full", "--brief", case.to_str().unwrap()], None);
    assert_eq!(clash.status.code(), Some(2));
}

#[test]
fn references_lists_the_core_registry() {
    let out = stenosis(&["references", "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}\n", stenosis_core::references_json()));
    let text = String::from_utf8(stenosis(&["references"], None).stdout).unwrap();
    let refs = stenosis_core::references();
    assert!(!refs.is_empty());
    for r in &refs {
        assert!(text.contains(&format!("{}\n  ", r.id.id())), "{}", r.id.id());
        assert!(text.contains(r.title), "{}", r.id.id());
    }
    // Every id a standard record cites resolves in the registry.
    let case = root().join("examples/cases/cauda-equina.json");
    let standard = stenosis(&["assess", "--detail", "standard", case.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&standard.stdout).unwrap();
    let ids = v["citations"].as_array().unwrap();
    assert!(!ids.is_empty());
    for id in ids {
        assert!(refs.iter().any(|r| serde_json::json!(r.id.id()) == *id), "{id}");
    }
}

/// The batch's closing count agrees in number with what it counts ("1 line", "2 lines").
#[test]
fn batch_count_is_singular_for_one_line() {
    let one = stenosis(&["batch", "-", "-", "--detail", "summary"], Some(b"{\"id\": \"r-1\", \"age_years\": 70}\n"));
    assert_eq!(one.status.code(), Some(0));
    let summary = String::from_utf8(one.stderr).unwrap();
    assert!(summary.contains("stenosis batch: 1 line: 1 assessed, 0 refused"), "{summary}");
    let out = String::from_utf8(one.stdout).unwrap();
    assert!(out.starts_with(r#"{"id":"r-1","#), "{out}");
    let two = stenosis(&["batch", "-", "-"], Some(b"{}\n{\"mjoa\": 19}\n"));
    let summary = String::from_utf8(two.stderr).unwrap();
    assert!(summary.contains("stenosis batch: 2 lines: 1 assessed, 1 refused"), "{summary}");
}
