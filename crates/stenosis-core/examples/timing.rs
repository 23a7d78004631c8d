//! Side-by-side timings of the core paths on the benchmark's typical presentation, in one run
//! (the machine is shared: compare figures from the same run only). The `serde_json` rows are
//! the generic serialiser on the same Assessment, as the engine wrote JSON before.
//!
//! `cargo run --release -p stenosis-core --example timing`

use std::hint::black_box;
use std::time::Instant;

use stenosis_core::{assess, assess_json, evaluate, summarize, Detail, Presentation};

const TYPICAL: &str = r#"{"age_years": 64, "sex": "female", "course": "progressive", "symptom_duration_months": 8,
  "findings": {"bilateral_leg_symptoms": "present", "gait_difficulty": "present", "leg_numbness": "present",
  "hand_clumsiness": "present", "significant_back_pain": "absent", "walking_leg_pain": "absent",
  "hyperreflexia": "present", "hoffmann_sign": "present", "babinski_sign": "absent", "ankle_clonus": "absent",
  "gait_deviation": "present", "diabetes": "absent", "known_lumbar_stenosis": "present"}}"#;

/// Median of 7 rounds of the mean time per call, in nanoseconds.
fn time<R>(name: &str, mut f: impl FnMut() -> R) {
    let mut n = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..n {
            black_box(f());
        }
        if t.elapsed().as_millis() >= 50 || n >= 1 << 24 {
            break;
        }
        n *= 2;
    }
    let mut rounds: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                black_box(f());
            }
            t.elapsed().as_secs_f64() * 1e9 / f64::from(n)
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    println!("{name:<40} {:>10.0} ns", rounds.get(3).copied().unwrap_or_default());
}

fn main() {
    let Ok(p) = Presentation::from_json(TYPICAL) else { return };
    let a = assess(&p);
    time("assess (typical)", || assess(black_box(&p)));
    time("summarize (typical)", || summarize(black_box(&p)));
    time("evaluate (typical; explanations on read)", || evaluate(black_box(&p)));
    time("evaluate + pathway", || evaluate(black_box(&p)).pathway());
    let e = evaluate(&p);
    time("Evaluation::explain (full Assessment)", || black_box(&e).explain());
    time("Evaluation::explain_without_next_findings", || black_box(&e).explain_without_next_findings());
    time("to_json full: serde_json (before)", || serde_json::to_string(black_box(&a)));
    time("to_json full: Assessment::to_json", || black_box(&a).to_json());
    time("to_json standard: to_json_detail", || black_box(&a).to_json_detail(Detail::Standard));
    time("assess_json(Summary)", || assess_json(black_box(&p), Detail::Summary));
    time("assess_json(Standard)", || assess_json(black_box(&p), Detail::Standard));
    time("assess_json(Full)", || assess_json(black_box(&p), Detail::Full));
    time("JSON in -> assess -> JSON out (full)", || {
        Presentation::from_json(black_box(TYPICAL)).map(|p| assess_json(&p, Detail::Full))
    });
}
