//! The record id: an optional opaque key in the Presentation, echoed as `id` in the Assessment.

use stenosis::{assess, Presentation, RecordId};

#[test]
fn a_valid_id_is_echoed_first_in_the_assessment() {
    let p = Presentation::from_json(r#"{"id": "mrn:000123_v2.a-b", "age_years": 70}"#).unwrap();
    assert_eq!(p.id().map(RecordId::as_str), Some("mrn:000123_v2.a-b"));
    let json = assess(&p).to_json();
    assert!(json.starts_with(r#"{"id":"mrn:000123_v2.a-b","differential":"#), "{json}");
    // The canonical Presentation JSON keeps it (contract order: last).
    assert!(p.to_json().ends_with(r#""id":"mrn:000123_v2.a-b"}"#), "{}", p.to_json());
    assert_eq!(Presentation::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn without_an_id_the_json_is_unchanged() {
    let with_null = Presentation::from_json(r#"{"id": null, "age_years": 70}"#).unwrap();
    let without = Presentation::from_json(r#"{"age_years": 70}"#).unwrap();
    assert_eq!(with_null, without);
    let json = assess(&without).to_json();
    assert!(json.starts_with(r#"{"differential":"#));
}

#[test]
fn bad_ids_are_refused_naming_the_field_without_echoing_the_value() {
    let long = "a".repeat(65);
    for bad in ["\"\"", "\"two words\"", "\"x/y\"", "\"caf\u{e9}\"", &format!("\"{long}\""), "\"secret<script>\""] {
        let e = Presentation::from_json(&format!(r#"{{"id": {bad}}}"#)).unwrap_err();
        assert_eq!(e.field(), Some("id"), "{bad}");
        assert!(e.message().contains("1 to 64 characters"), "{}", e.message());
        assert!(!e.message().contains("words") && !e.message().contains("script"), "{}", e.message());
    }
    for (bad, got) in [("12", "a number"), ("true", "a boolean"), ("[]", "an array"), ("{}", "an object")] {
        let e = Presentation::from_json(&format!(r#"{{"id": {bad}}}"#)).unwrap_err();
        assert_eq!(e.field(), Some("id"));
        assert!(e.message().contains(got), "{}", e.message());
    }
    assert!(Presentation::from_json(&format!(r#"{{"id": "{}"}}"#, "a".repeat(64))).is_ok());
    let e = Presentation::from_json(r#"{"id": "a", "id": "b"}"#).unwrap_err();
    assert_eq!(e.field(), Some("id"));
}

#[test]
fn the_setter_checks_the_same_way() {
    let mut p = Presentation::new();
    p.set_id(Some("row-7")).unwrap();
    assert_eq!(p.id().map(RecordId::as_str), Some("row-7"));
    assert_eq!(p.set_id(Some("row 7")).unwrap_err().field(), Some("id"));
    p.set_id(None).unwrap();
    assert!(p.id().is_none());
}
