//! JSON -> Presentation -> assess -> JSON, the path every binding shares.
//! Oracle: never a panic; an accepted input gives parseable, deterministic output whose
//! canonical Presentation JSON round-trips to the same Presentation and the same Assessment; a
//! refused input has a message.
//! Differential oracle (the two readers behind `Presentation::from_json`): whenever the fast
//! path accepts a text, the serde parser alone accepts it too and gives an equal Presentation
//! with the same canonical JSON (so the fast path never lets through what serde refuses, nor
//! reads a value differently, e.g. a float one ulp off or `-0`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stenosis_core::{assess, Presentation};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = core::str::from_utf8(data) {
        let (fast, strict) = Presentation::from_json_both_paths(text);
        if let Some(fast) = &fast {
            let strict = strict.as_ref().expect("the serde parser accepts what the fast path accepts");
            assert_eq!(fast, strict, "both paths give the same Presentation");
            assert_eq!(fast.to_json(), strict.to_json(), "both paths give the same canonical JSON");
        }
        let public = Presentation::from_json(text);
        let expected = fast.map(Ok).unwrap_or(strict);
        assert_eq!(public, expected, "from_json is the fast path, else serde");
    }
    match Presentation::from_json_bytes(data) {
        Ok(p) => {
            let json = assess(&p).to_json();
            let v: serde_json::Value = serde_json::from_str(&json).expect("the Assessment JSON parses");
            assert!(v.get("differential").is_some_and(serde_json::Value::is_array));
            assert_eq!(json, assess(&p).to_json(), "assess is deterministic");
            let back = Presentation::from_json(&p.to_json()).expect("canonical Presentation JSON parses");
            assert_eq!(back, p, "canonical Presentation JSON round-trips");
            assert_eq!(assess(&back).to_json(), json);
        }
        Err(e) => assert!(!e.message().is_empty(), "a refusal says why"),
    }
});
