//! Criterion benchmarks of the decision function: `assess` on an empty, a typical and a fully
//! assessed presentation; `summarize` (the cohort path); and JSON in -> assess -> JSON out.
//! Run with `cargo bench --bench assess`; figures are reported in docs/performance.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use stenosis::{assess, summarize, Finding, Presentation, Status};

const TYPICAL: &str = r#"{"age_years": 64, "sex": "female", "course": "progressive", "symptom_duration_months": 8,
  "findings": {"bilateral_leg_symptoms": "present", "gait_difficulty": "present", "leg_numbness": "present",
  "hand_clumsiness": "present", "significant_back_pain": "absent", "walking_leg_pain": "absent",
  "hyperreflexia": "present", "hoffmann_sign": "present", "babinski_sign": "absent", "ankle_clonus": "absent",
  "gait_deviation": "present", "diabetes": "absent", "known_lumbar_stenosis": "present"}}"#;

fn full() -> Presentation {
    let mut p = Presentation::from_json(TYPICAL).unwrap();
    p.set_mjoa(Some(13)).unwrap();
    p.set_ankle_brachial_index(Some(1.1)).unwrap();
    for (i, f) in Finding::ALL.iter().enumerate() {
        if p.finding(*f) == Status::Unknown {
            p.set_finding(*f, if i % 3 == 0 { Status::Present } else { Status::Absent });
        }
    }
    p
}

fn bench(c: &mut Criterion) {
    let empty = Presentation::new();
    let typical = Presentation::from_json(TYPICAL).unwrap();
    let full = full();
    c.bench_function("assess/empty", |b| b.iter(|| assess(black_box(&empty))));
    c.bench_function("assess/typical", |b| b.iter(|| assess(black_box(&typical))));
    c.bench_function("assess/full", |b| b.iter(|| assess(black_box(&full))));
    c.bench_function("summarize/typical", |b| b.iter(|| summarize(black_box(&typical))));
    c.bench_function("json_round_trip/typical", |b| {
        b.iter(|| assess(&Presentation::from_json(black_box(TYPICAL)).unwrap()).to_json())
    });
    c.bench_function("json_parse/typical", |b| b.iter(|| Presentation::from_json(black_box(TYPICAL)).unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
