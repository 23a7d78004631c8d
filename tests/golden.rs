//! Golden outputs: the contract JSON of every vignette (`tests/vignettes/*.json`) and example case
//! (`examples/cases/*.json`), recorded in `tests/golden/{vignettes,cases}/NAME.json` as
//! `Assessment::to_json_pretty()` plus a newline, and compared byte for byte.
//!
//! When behaviour changes on purpose, rewrite them and review the diff:
//! `STENOSIS_UPDATE_GOLDEN=1 cargo test --test golden` (this also deletes golden files whose
//! case is gone). The C and Python test suites compare their own outputs with the same files
//! (compacted: every whitespace outside strings removed gives `to_json()`'s bytes).

use std::path::{Path, PathBuf};
use std::{env, fs};

use serde_json::Value;
use stenosis::{assess, assess_json, evaluate, Detail, Presentation};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The presentation JSON text of each case in `dir`: a vignette's `presentation` member, or the
/// whole file for an example case.
fn cases(dir: &str, vignette: bool) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).unwrap();
            let input = if vignette {
                let v: Value = serde_json::from_str(&text).unwrap();
                serde_json::to_string(&v["presentation"]).unwrap()
            } else {
                text
            };
            (p.file_stem().unwrap().to_string_lossy().into_owned(), input)
        })
        .collect()
}

#[path = "support/compact_json.rs"]
mod compact_json;
use compact_json::compact;

fn check(dir: &str, golden: &str, vignette: bool) -> Vec<String> {
    let update = env::var_os("STENOSIS_UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let golden_dir = Path::new(ROOT).join(golden);
    let cases = cases(dir, vignette);
    assert!(!cases.is_empty(), "no cases in {dir}");
    let mut errors = Vec::new();
    if update {
        fs::create_dir_all(&golden_dir).unwrap();
    }
    for (stem, input) in &cases {
        let p = Presentation::from_json(input).unwrap_or_else(|e| panic!("{dir}/{stem}.json: {e}"));
        // The `standard` writer (straight from the evaluation) against the explained assessment.
        let standard = evaluate(&p).explain_without_next_findings().to_json_detail(Detail::Standard);
        if assess_json(&p, Detail::Standard) != standard {
            errors.push(format!("{dir}/{stem}.json: the standard JSON differs from the explained assessment's"));
        }
        let a = assess(&p);
        let pretty = a.to_json_pretty() + "\n";
        assert_eq!(compact(&pretty), a.to_json(), "{stem}: compacting the pretty JSON gives the compact JSON");
        let path = golden_dir.join(format!("{stem}.json"));
        if update {
            if fs::read_to_string(&path).ok().as_deref() != Some(pretty.as_str()) {
                fs::write(&path, &pretty).unwrap();
                eprintln!("updated {}", path.display());
            }
        } else {
            match fs::read_to_string(&path) {
                Ok(want) if want == pretty => {}
                Ok(want) => errors.push(format!("{golden}/{stem}.json differs:\n{}", first_difference(&want, &pretty))),
                Err(e) => errors.push(format!("{golden}/{stem}.json: {e}")),
            }
        }
    }
    // A golden file whose case is gone is stale.
    for entry in fs::read_dir(&golden_dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !cases.iter().any(|(s, _)| *s == stem) {
            if update {
                fs::remove_file(&path).unwrap();
                eprintln!("removed {}", path.display());
            } else {
                errors.push(format!("{} has no case in {dir}", path.display()));
            }
        }
    }
    errors
}

/// The first differing line of two texts, with its number, for the failure message.
fn first_difference(want: &str, got: &str) -> String {
    let (mut w, mut g) = (want.lines(), got.lines());
    for n in 1.. {
        match (w.next(), g.next()) {
            (Some(a), Some(b)) if a == b => {}
            (None, None) => return "(trailing bytes differ)".to_owned(),
            (a, b) => {
                return format!("line {n}:\n  golden: {}\n  now:    {}", a.unwrap_or("<end>"), b.unwrap_or("<end>"))
            }
        }
    }
    unreachable!()
}

#[test]
fn outputs_equal_the_golden_files() {
    let mut errors = check("tests/vignettes", "tests/golden/vignettes", true);
    errors.extend(check("examples/cases", "tests/golden/cases", false));
    assert!(
        errors.is_empty(),
        "{} golden mismatches (if the change is deliberate: STENOSIS_UPDATE_GOLDEN=1 cargo test --test golden, \
         then review and commit the diff):\n{}",
        errors.len(),
        errors.join("\n")
    );
}
