//! Clinical vignette tests: each file in `tests/vignettes/` is a presentation with the outcomes
//! the evidence expects (and the source of that expectation). Every vignette must match.

use serde_json::Value;
use stenosis::{assess, Action, Presentation};

fn matches(expected: &Value, actual: &Value) -> bool {
    match expected {
        Value::Array(options) => options.iter().any(|o| o == actual),
        other => other == actual,
    }
}

fn check(name: &str, case: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let p = match Presentation::from_json(&case["presentation"].to_string()) {
        Ok(p) => p,
        Err(e) => return vec![format!("{name}: presentation refused: {e}")],
    };
    let a = assess(&p);
    let out: Value = serde_json::from_str(&a.to_json()).unwrap();
    let expect = &case["expect"];
    let mut cmp = |key: &str, actual: Value| {
        if let Some(e) = expect.get(key) {
            if !matches(e, &actual) {
                errors.push(format!("{name}: {key}: expected {e}, got {actual}"));
            }
        }
    };
    cmp("top_condition", out["differential"][0]["condition"].clone());
    cmp("pathway", out["pathway"].clone());
    cmp("myelopathy_likelihood", out["myelopathy"]["likelihood"].clone());
    cmp("severity_class", out["severity"].get("class").cloned().unwrap_or(Value::Null));
    let mri = a.recommendation(Action::CervicalMri).map(|r| Value::from(r.urgency.id())).unwrap_or(Value::Null);
    cmp("cervical_mri", mri);
    let flags: Vec<String> = a.red_flags.iter().map(|r| r.id.id().to_owned()).collect();
    if let Some(e) = expect.get("red_flags") {
        let mut want: Vec<String> = e.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
        let mut got = flags.clone();
        want.sort();
        got.sort();
        if want != got {
            errors.push(format!("{name}: red_flags: expected {want:?}, got {got:?}"));
        }
    }
    let warnings: Vec<&str> = a.warnings.iter().map(|w| w.id.id()).collect();
    for w in expect.get("warnings_include").and_then(Value::as_array).into_iter().flatten() {
        if !warnings.contains(&w.as_str().unwrap()) {
            errors.push(format!("{name}: warning {w} expected, got {warnings:?}"));
        }
    }
    for w in expect.get("warnings_exclude").and_then(Value::as_array).into_iter().flatten() {
        if warnings.contains(&w.as_str().unwrap()) {
            errors.push(format!("{name}: warning {w} not expected, got {warnings:?}"));
        }
    }
    errors
}

#[test]
fn every_vignette_matches_its_expected_outcome() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vignettes");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 25, "at least 25 vignettes, found {}", paths.len());
    let mut errors = Vec::new();
    for path in &paths {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(case["source"].as_str().is_some_and(|s| !s.is_empty()), "{} has no source", path.display());
        errors.extend(check(&path.file_name().unwrap().to_string_lossy(), &case));
    }
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}
