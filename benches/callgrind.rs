//! The core paths one at a time, for instruction counts under callgrind (`benches/callgrind.sh`;
//! figures in docs/performance.md). Not a timing benchmark: run as
//! `callgrind PATH ITERATIONS`, it does only that path ITERATIONS times inside `measured`, the
//! one function callgrind collects (`--toggle-collect`), so setup is not counted.

use std::hint::black_box;
use std::process::ExitCode;

use stenosis::{assess, assess_json, evaluate, headline, summarize, Detail, Presentation};

/// The typical presentation of `benches/assess.rs` (13 findings assessed).
const TYPICAL: &str = r#"{"age_years": 64, "sex": "female", "course": "progressive", "symptom_duration_months": 8,
  "findings": {"bilateral_leg_symptoms": "present", "gait_difficulty": "present", "leg_numbness": "present",
  "hand_clumsiness": "present", "significant_back_pain": "absent", "walking_leg_pain": "absent",
  "hyperreflexia": "present", "hoffmann_sign": "present", "babinski_sign": "absent", "ankle_clonus": "absent",
  "gait_deviation": "present", "diabetes": "absent", "known_lumbar_stenosis": "present"}}"#;

/// Every path, by name.
const PATHS: &[&str] = &[
    "parse",
    "summarize",
    "headline",
    "evaluate",
    "assess",
    "to_json_full",
    "to_json_standard",
    "to_json_summary",
    "assess_json_full",
    "assess_json_standard",
    "assess_json_summary",
];

/// Runs `path` `n` times; returns a checksum so that nothing is optimised away.
#[inline(never)]
fn measured(path: &str, n: usize, p: &Presentation, a: &stenosis::Assessment) -> usize {
    let mut sum = 0usize;
    for _ in 0..n {
        sum += match path {
            "parse" => Presentation::from_json(black_box(TYPICAL)).map_or(0, |p| usize::from(p.age_years().is_some())),
            "summarize" => summarize(black_box(p)).cook_positive.into(),
            "headline" => headline(black_box(p)).cook_positive.into(),
            "evaluate" => evaluate(black_box(p)).cook_rule().0.into(),
            "assess" => assess(black_box(p)).recommendations.len(),
            "to_json_full" => black_box(a).to_json_detail(Detail::Full).len(),
            "to_json_standard" => black_box(a).to_json_detail(Detail::Standard).len(),
            "to_json_summary" => black_box(a).to_json_detail(Detail::Summary).len(),
            "assess_json_full" => assess_json(black_box(p), Detail::Full).len(),
            "assess_json_standard" => assess_json(black_box(p), Detail::Standard).len(),
            "assess_json_summary" => assess_json(black_box(p), Detail::Summary).len(),
            _ => 0,
        };
    }
    sum
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let (Some(path), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: callgrind PATH ITERATIONS (paths: {})", PATHS.join(", "));
        return ExitCode::from(2);
    };
    if !PATHS.contains(&path.as_str()) {
        eprintln!("unknown path {path:?} (paths: {})", PATHS.join(", "));
        return ExitCode::from(2);
    }
    let Ok(p) = Presentation::from_json(TYPICAL) else { return ExitCode::FAILURE };
    let a = assess(&p);
    println!("{}", measured(path, n, &p, &a));
    ExitCode::SUCCESS
}
