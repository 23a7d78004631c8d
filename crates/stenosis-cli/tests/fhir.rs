//! `stenosis assess --fhir`, `stenosis fhir` and `stenosis serve` on the command line.

use std::process::{Command, Output};

fn stenosis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stenosis"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run stenosis")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn assess_fhir_cauda_equina_gives_a_critical_card() {
    let out =
        stenosis(&["assess", "--fhir", "examples/fhir/cauda-equina.json", "--as-of", "2026-12-01", "--cds-hooks"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["cards"][0]["indicator"], "critical");
}

#[test]
fn fhir_prints_presentation_and_provenance() {
    let out = stenosis(&[
        "fhir",
        "examples/fhir/myelopathy-site-codes.json",
        "--site-map",
        "examples/fhir/site-codes.toml",
        "--as-of",
        "2026-12-01",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["presentation"]["findings"]["hoffmann_sign"], "present");
    assert_eq!(v["presentation"]["mjoa"], 14);
    let unused = v["provenance"]["unused"].as_array().expect("unused");
    assert!(unused.iter().any(|u| u["reason"].as_str().is_some_and(|r| r.contains("85354-9"))));
}

#[test]
fn bad_fhir_input_exits_2_naming_the_field() {
    let out = stenosis(&["fhir", "examples/cases/seed-sciatica-cervical.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("resourceType"), "{}", text(&out.stderr));
    let out = stenosis(&["assess", "--fhir", "examples/fhir/cauda-equina.json", "--as-of", "1 Dec"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--as-of"));
    let out = stenosis(&["fhir", "examples/fhir/cauda-equina.json", "--site-map", "examples/fhir/cauda-equina.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("site map"), "{}", text(&out.stderr));
}

#[test]
fn serve_refuses_to_run_without_auth_configuration() {
    let out = stenosis(&["serve", "--listen", "127.0.0.1:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--insecure-no-auth"), "{}", text(&out.stderr));
}

#[test]
fn fhir_codes_lists_the_code_map_with_sources() {
    let out = stenosis(&["fhir", "--codes", "--site-map", "examples/fhir/site-codes.toml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let find = |code: &str| rows.iter().find(|r| r["code"] == code).cloned().unwrap_or_default();
    assert_eq!(find("449813001")["sets"], "findings.saddle_anesthesia");
    assert!(find("449813001")["source"].as_str().is_some_and(|s| s.starts_with("built in")));
    assert_eq!(find("HOFFMANN")["source"], "site map");
    assert_eq!(find("MJOA18-TOTAL")["sets"], "mjoa");
    assert!(find("72166-2")["answers"].as_array().is_some_and(|a| a.len() == 8));
}
