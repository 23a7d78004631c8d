//! Where the time of one hook call goes (no HTTP): validating the request, reading the FHIR
//! prefetch, assessing, and building the cards. Run:
//! `cargo run --release -p stenosis-serve --example hook_cost`.

use std::hint::black_box;
use std::time::Instant;

use stenosis_fhir::{CodeMap, Date, Reader};
use stenosis_serve::hooks::{respond, validate, SERVICES};

fn main() {
    let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/load/patient-view-prefetch.json"))
        .unwrap_or_default();
    let map = CodeMap::builtin();
    let today = Date { year: 2026, month: 12, day: 1 };
    let Some(service) = SERVICES.first() else { return };
    let n = 20_000u32;
    let time = |what: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        println!("{what}: {:.1} µs", t.elapsed().as_secs_f64() / f64::from(n) * 1e6);
    };
    let Ok(req) = validate(service, &body) else { return eprintln!("bad request") };
    time("validate (parse + checks)", &mut || {
        black_box(validate(service, black_box(&body)).is_ok());
    });
    let reader = Reader::new(&map, today).for_patient(Some("ces-1"));
    let read = reader.read_prefetch(&req.prefetch);
    time("read prefetch (FHIR to Presentation)", &mut || {
        black_box(reader.read_prefetch(black_box(&req.prefetch)));
    });
    time("assess", &mut || {
        black_box(stenosis_core::assess(black_box(&read.presentation)));
    });
    let a = stenosis_core::assess(&read.presentation);
    time("cds_hooks_response", &mut || {
        black_box(stenosis_core::cds_hooks_response(black_box(&a)));
    });
    time("respond (read + assess + cards + uuids + JSON)", &mut || {
        black_box(respond(black_box(&req), &map, today).to_string());
    });
}
