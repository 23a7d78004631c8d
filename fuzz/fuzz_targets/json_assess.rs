//! JSON -> Presentation -> assess -> JSON, the path every binding shares.
//! Oracle: never a panic; an accepted input gives parseable, deterministic output whose
//! canonical Presentation JSON round-trips to the same Presentation and the same Assessment; a
//! refused input has a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stenosis_core::{assess, Presentation};

fuzz_target!(|data: &[u8]| {
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
