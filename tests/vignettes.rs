//! Clinical vignette tests: each file in `tests/vignettes/` and `tests/vignettes-v2/` is a
//! presentation with the outcomes the evidence expects (and the source of that expectation).
//! Every file is its own named test (libtest-mimic), so a failure names the case:
//! `cargo test --test vignettes -- 101-` runs the cases whose name contains `101-`.
//!
//! The expectation keys are documented in `tests/vignettes-v2/README.md`; a key this runner does
//! not know fails the case, so that no expectation is silently skipped.

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;
use stenosis::{assess, headline, summarize, Headline, Presentation};

/// The vignette directories, with the minimum number of cases each must hold.
const DIRS: &[(&str, usize)] = &[("tests/vignettes", 25), ("tests/vignettes-v2/cases", 60)];

/// Imaging actions, for `first_scan_not`.
const IMAGING: &[&str] = &["cervical_mri", "lumbar_mri", "thoracic_spine_mri", "whole_spine_mri", "brain_mri"];

/// Whether `actual` is `expected`, or one of the values of an `expected` list.
fn matches(expected: &Value, actual: &Value) -> bool {
    match expected {
        Value::Array(options) => options.iter().any(|o| o == actual),
        other => other == actual,
    }
}

fn strings(v: &Value, key: &str) -> Result<Vec<String>, String> {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned).ok_or_else(|| format!("{key}: {i} is not a string")))
            .collect(),
        Value::String(s) => Ok(vec![s.clone()]),
        other => Err(format!("{key}: expected a list of ids, got {other}")),
    }
}

/// The rank (0 = first) of a condition on the differential.
fn rank(out: &Value, condition: &str) -> Option<usize> {
    out["differential"].as_array()?.iter().position(|e| e["condition"] == condition)
}

/// Checks one case; returns every mismatch.
fn check(case: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let p = match Presentation::from_json(&case["presentation"].to_string()) {
        Ok(p) => p,
        Err(e) => return vec![format!("presentation refused: {e}")],
    };
    let a = assess(&p);
    let out: Value = match serde_json::from_str(&a.to_json()) {
        Ok(v) => v,
        Err(e) => return vec![format!("output is not JSON: {e}")],
    };
    // The cheap summary lists the same recommendations in the same order (third clinical review
    // S7: the batch frame's column is built from it).
    let s = summarize(&p);
    if headline(&p) != Headline::from(&s) {
        errors.push(format!("headline {:?} differs from the summary's {:?}", headline(&p), Headline::from(&s)));
    }
    let summary: Vec<_> = s.recommendations().collect();
    let full: Vec<_> = a.recommendations.iter().map(|r| (r.action, r.urgency)).collect();
    if summary != full {
        errors.push(format!("summary recommendations {summary:?} differ from the assessment's {full:?}"));
    }
    let Some(expect) = case["expect"].as_object() else {
        return vec!["no \"expect\" object".to_owned()];
    };
    let recs: Vec<&Value> = out["recommendations"].as_array().map(|r| r.iter().collect()).unwrap_or_default();
    let rec = |action: &str| recs.iter().find(|r| r["action"] == action).copied();
    let ids = |key: &str| -> Vec<String> {
        out[key].as_array().into_iter().flatten().filter_map(|x| x["id"].as_str().map(str::to_owned)).collect()
    };
    let red_flags = ids("red_flags");
    let warnings = ids("warnings");

    for (key, e) in expect {
        let mut fail = |msg: String| errors.push(format!("{key}: {msg}"));
        match key.as_str() {
            "top_condition" => {
                let got = &out["differential"][0]["condition"];
                if !matches(e, got) {
                    fail(format!("expected {e}, got {got}"));
                }
            }
            "top_condition_not" => {
                let got = &out["differential"][0]["condition"];
                if matches(e, got) {
                    fail(format!("{got} must not lead the differential"));
                }
            }
            "conditions_above" => {
                for pair in e.as_array().into_iter().flatten() {
                    let (Some(hi), Some(lo)) = (pair[0].as_str(), pair[1].as_str()) else {
                        fail(format!("{pair} is not a [higher, lower] pair"));
                        continue;
                    };
                    match (rank(&out, hi), rank(&out, lo)) {
                        (Some(h), Some(l)) if h < l => {}
                        (Some(h), Some(l)) => {
                            fail(format!("{hi} (rank {}) must rank above {lo} (rank {})", h + 1, l + 1))
                        }
                        _ => fail(format!("{hi} or {lo} is not on the differential")),
                    }
                }
            }
            "condition_likelihood" => {
                for (condition, want) in e.as_object().into_iter().flatten() {
                    let got = out["differential"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|x| x["condition"] == condition.as_str())
                        .map(|x| x["likelihood"].clone())
                        .unwrap_or(Value::Null);
                    if !matches(want, &got) {
                        fail(format!("{condition}: expected {want}, got {got}"));
                    }
                }
            }
            "pathway" => {
                if !matches(e, &out["pathway"]) {
                    fail(format!("expected {e}, got {}", out["pathway"]));
                }
            }
            "myelopathy_likelihood" => {
                let got = &out["myelopathy"]["likelihood"];
                if !matches(e, got) {
                    fail(format!("expected {e}, got {got}"));
                }
            }
            "severity_class" => {
                let got = out["severity"].get("class").cloned().unwrap_or(Value::Null);
                if !matches(e, &got) {
                    fail(format!("expected {e}, got {got}"));
                }
            }
            "cervical_mri" => {
                let got = rec("cervical_mri").map_or(Value::Null, |r| r["urgency"].clone());
                if !matches(e, &got) {
                    fail(format!("expected {e}, got {got}"));
                }
            }
            "red_flags" => match strings(e, key) {
                Ok(mut want) => {
                    let mut got = red_flags.clone();
                    want.sort();
                    got.sort();
                    if want != got {
                        fail(format!("expected exactly {want:?}, got {got:?}"));
                    }
                }
                Err(m) => fail(m),
            },
            "red_flags_include" | "red_flags_exclude" | "warnings_include" | "warnings_exclude" => {
                let (have, include) = match key.as_str() {
                    "red_flags_include" => (&red_flags, true),
                    "red_flags_exclude" => (&red_flags, false),
                    "warnings_include" => (&warnings, true),
                    _ => (&warnings, false),
                };
                match strings(e, key) {
                    Ok(want) => {
                        for w in want {
                            if have.contains(&w) != include {
                                let verb = if include { "expected" } else { "not expected" };
                                fail(format!("{w} {verb}, got {have:?}"));
                            }
                        }
                    }
                    Err(m) => fail(m),
                }
            }
            "recommendations_include" => {
                for item in e.as_array().into_iter().flatten() {
                    let (action, urgency) = match item {
                        Value::String(s) => (s.as_str(), None),
                        Value::Object(o) => (o.get("action").and_then(Value::as_str).unwrap_or(""), o.get("urgency")),
                        other => {
                            fail(format!("{other} is not an action or {{action, urgency}}"));
                            continue;
                        }
                    };
                    match (rec(action), urgency) {
                        (None, _) => fail(format!("{action} expected, got {:?}", actions(&recs))),
                        (Some(r), Some(u)) if !matches(u, &r["urgency"]) => {
                            fail(format!("{action}: urgency expected {u}, got {}", r["urgency"]));
                        }
                        _ => {}
                    }
                }
            }
            "recommendations_include_any" => {
                for item in e.as_array().into_iter().flatten() {
                    let wanted: Vec<&str> =
                        item["actions"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                    let ok = wanted.iter().any(|a| {
                        rec(a).is_some_and(|r| item.get("urgency").map_or(true, |u| matches(u, &r["urgency"])))
                    });
                    if wanted.is_empty() {
                        fail(format!("{item} names no actions"));
                    } else if !ok {
                        fail(format!("one of {wanted:?} at {} expected, got {:?}", item["urgency"], actions(&recs)));
                    }
                }
            }
            "spine_referral_not_alone" => {
                let spine = ["spine_surgery_referral", "emergency_spine_evaluation"]
                    .iter()
                    .filter_map(|a| rec(a))
                    .map(|r| urgency_rank(&r["urgency"]))
                    .max();
                let neurology = rec("neurology_referral").map(|r| urgency_rank(&r["urgency"]));
                if e.as_bool() == Some(true) {
                    if let Some(s) = spine {
                        if neurology.map_or(true, |n| n < s) {
                            fail(format!(
                                "a spine referral without neurology at least as urgent: {:?}",
                                actions(&recs)
                            ));
                        }
                    }
                }
            }
            "recommendation_grades" => {
                for item in e.as_array().into_iter().flatten() {
                    let action = item["action"].as_str().unwrap_or("");
                    match rec(action) {
                        None => fail(format!("{action} expected, got {:?}", actions(&recs))),
                        Some(r) => {
                            for k in ["strength", "evidence_quality"] {
                                if let Some(want) = item.get(k) {
                                    let got = r.get(k).cloned().unwrap_or(Value::Null);
                                    if !matches(want, &got) {
                                        fail(format!("{action}: {k} expected {want}, got {got}"));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            "recommendations_exclude" => match strings(e, key) {
                Ok(want) => {
                    for action in want {
                        if let Some(r) = rec(&action) {
                            fail(format!("{action} not expected, got it ({})", r["urgency"]));
                        }
                    }
                }
                Err(m) => fail(m),
            },
            "first_scan_not" => match strings(e, key) {
                Ok(want) => {
                    let scans: Vec<&str> =
                        recs.iter().filter_map(|r| r["action"].as_str()).filter(|a| IMAGING.contains(a)).collect();
                    for action in want {
                        if scans.first() == Some(&action.as_str()) {
                            fail(format!("{action} must not be the only or first scan, got scans {scans:?}"));
                        }
                    }
                }
                Err(m) => fail(m),
            },
            "first_recommendation" => {
                let first = recs.first().map_or(Value::Null, |r| r["action"].clone());
                if !matches(e, &first) {
                    fail(format!("first recommendation: want {e}, got {first}"));
                }
            }
            "recommendations_have_strength" => {
                for r in &recs {
                    let ok = r.get("strength").is_some() && r.get("evidence_quality").is_some();
                    if !ok && e.as_bool() == Some(true) {
                        fail(format!("{} has no strength or evidence_quality key", r["action"]));
                    }
                }
            }
            other => fail(format!("unknown expectation key {other:?}: implement it in tests/vignettes.rs")),
        }
    }
    errors
}

/// Emergency > urgent > routine.
fn urgency_rank(u: &Value) -> u8 {
    match u.as_str() {
        Some("emergency") => 3,
        Some("urgent") => 2,
        Some("routine") => 1,
        _ => 0,
    }
}

fn actions(recs: &[&Value]) -> Vec<String> {
    recs.iter()
        .map(|r| format!("{}:{}", r["action"].as_str().unwrap_or("?"), r["urgency"].as_str().unwrap_or("?")))
        .collect()
}

fn trial(dir: &str, path: PathBuf) -> Trial {
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let set = if dir.contains("v2") { "v2" } else { "v1" };
    Trial::test(format!("{set}::{name}"), move || {
        let text = std::fs::read_to_string(&path).map_err(|e| Failed::from(format!("{}: {e}", path.display())))?;
        let case: Value = serde_json::from_str(&text).map_err(|e| Failed::from(format!("not JSON: {e}")))?;
        if !case["source"].as_str().is_some_and(|s| !s.trim().is_empty()) {
            return Err("the case names no source".into());
        }
        let errors = check(&case);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{} mismatch(es):\n  {}", errors.len(), errors.join("\n  ")).into())
        }
    })
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut trials = Vec::new();
    for &(dir, minimum) in DIRS {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        let count = paths.len();
        trials.push(Trial::test(format!("{dir} holds at least {minimum} cases"), move || {
            if count >= minimum {
                Ok(())
            } else {
                Err(format!("{dir}: at least {minimum} vignettes, found {count}").into())
            }
        }));
        trials.extend(paths.into_iter().map(|p| trial(dir, p)));
    }
    libtest_mimic::run(&args, trials).exit();
}
