//! Every kind of bad input is refused with the field and the reason; nothing is silently accepted.

use stenosis::{Finding, InputErrorKind as K, Presentation};

fn refused(json: &str) -> stenosis::InputError {
    match Presentation::from_json(json) {
        Ok(p) => panic!("{json} was accepted as {p:?}"),
        Err(e) => e,
    }
}

#[test]
fn each_kind_of_bad_json_input_names_its_field_and_reason() {
    let cases: &[(&str, K, Option<&str>, &str)] = &[
        ("", K::MalformedJson, None, "empty input"),
        ("   \n ", K::MalformedJson, None, "empty input"),
        (r#"{"age_years": 61"#, K::MalformedJson, None, "malformed JSON"),
        (r#"{"age_years": 61,}"#, K::MalformedJson, None, "malformed JSON"),
        (r#"{"age_years": 61} trailing"#, K::MalformedJson, None, "malformed JSON"),
        ("nonsense", K::MalformedJson, None, "malformed JSON"),
        ("[]", K::NotAnObject, None, "JSON object"),
        (r#""a string""#, K::NotAnObject, None, "JSON object"),
        (r#"{"agee_years": 61}"#, K::UnknownField, Some("agee_years"), "did you mean \"age_years\""),
        (
            r#"{"findings": {"babinsky_sign": "present"}}"#,
            K::UnknownFinding,
            Some("findings.babinsky_sign"),
            "did you mean \"babinski_sign\"",
        ),
        (r#"{"findings": {"zzz": "present"}}"#, K::UnknownFinding, Some("findings.zzz"), "unknown finding id"),
        (r#"{"findings": {"Babinski sign!": "present"}}"#, K::UnknownFinding, Some("findings"), "unknown finding id"),
        (r#"{"age_years": 61, "age_years": 62}"#, K::DuplicateField, Some("age_years"), "more than once"),
        (
            r#"{"findings": {"falls": "present", "falls": "absent"}}"#,
            K::DuplicateField,
            Some("findings.falls"),
            "more than once",
        ),
        (r#"{"age_years": "61"}"#, K::WrongType, Some("age_years"), "not a string"),
        (r#"{"age_years": true}"#, K::WrongType, Some("age_years"), "not a boolean"),
        (r#"{"mjoa": [12]}"#, K::WrongType, Some("mjoa"), "not an array"),
        (r#"{"ankle_brachial_index": "0.8"}"#, K::WrongType, Some("ankle_brachial_index"), "not a string"),
        (r#"{"sex": 1}"#, K::WrongType, Some("sex"), "not a number"),
        (r#"{"findings": []}"#, K::WrongType, Some("findings"), "not an array"),
        (r#"{"findings": {"falls": true}}"#, K::WrongType, Some("findings.falls"), "not a boolean"),
        (r#"{"findings": {"falls": null}}"#, K::WrongType, Some("findings.falls"), "not null"),
        (
            r#"{"findings": {"falls": "yes"}}"#,
            K::InvalidValue,
            Some("findings.falls"),
            "\"present\", \"absent\" or \"unknown\"",
        ),
        (r#"{"sex": "f"}"#, K::InvalidValue, Some("sex"), "\"female\""),
        (r#"{"course": "worse"}"#, K::InvalidValue, Some("course"), "\"rapidly_progressive\""),
        (r#"{"age_years": 121}"#, K::OutOfRange, Some("age_years"), "0 to 120"),
        (r#"{"age_years": -1}"#, K::OutOfRange, Some("age_years"), "0 to 120"),
        (r#"{"age_years": 61.5}"#, K::OutOfRange, Some("age_years"), "whole number"),
        (r#"{"mjoa": 19}"#, K::OutOfRange, Some("mjoa"), "0 to 18"),
        (r#"{"ankle_brachial_index": 3.5}"#, K::OutOfRange, Some("ankle_brachial_index"), "0 to 3"),
        (r#"{"ankle_brachial_index": -0.1}"#, K::OutOfRange, Some("ankle_brachial_index"), "0 to 3"),
        (r#"{"symptom_duration_months": 1201}"#, K::OutOfRange, Some("symptom_duration_months"), "0 to 1200"),
        // Issue 12: a number too large to represent is out of range for its field.
        (r#"{"age_years": 1e400}"#, K::OutOfRange, Some("age_years"), "out of range"),
    ];
    for (json, kind, field, needle) in cases {
        let e = refused(json);
        assert_eq!(e.kind(), *kind, "{json}: {e}");
        assert_eq!(e.field(), *field, "{json}: {e}");
        assert!(e.message().contains(needle), "{json}: {:?} lacks {needle:?}", e.message());
        if let Some(f) = field {
            assert!(e.message().starts_with(f), "{json}: message names the field first: {e}");
        }
    }
}

#[test]
fn json_errors_carry_line_and_column() {
    let e = refused("{\n  \"age_years\": 61,\n  \"mjoa\": 30\n}");
    assert_eq!(e.field(), Some("mjoa"));
    assert_eq!(e.line(), Some(3));
    assert!(e.column().is_some());
    assert!(e.message().contains("line 3"));
    let e = refused("{\n  \"age_years\": 61,\n");
    assert_eq!(e.kind(), K::MalformedJson);
    assert_eq!(e.line(), Some(3));
}

#[test]
fn error_messages_never_echo_free_text() {
    let secret = "Jane Doe, NHS 943 476 5919";
    for json in [
        format!(r#"{{"sex": "{secret}"}}"#),
        format!(r#"{{"findings": {{"{secret}": "present"}}}}"#),
        format!(r#"{{"{secret}": 1}}"#),
        format!(r#"{{"age_years": "{secret}"}}"#),
        format!(r#"{{"findings": {{"falls": "{secret}"}}}}"#),
        format!(r#"["{secret}"]"#),
        format!(r#""{secret}""#),
    ] {
        let e = refused(&json);
        assert!(!e.message().contains("Jane"), "{}", e.message());
    }
}

#[test]
fn setters_refuse_nan_infinity_and_out_of_range() {
    let mut p = Presentation::new();
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = p.set_ankle_brachial_index(Some(v)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (K::NotANumber, Some("ankle_brachial_index")));
        let e = p.set_symptom_duration_months(Some(v)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (K::NotANumber, Some("symptom_duration_months")));
        let e = p.set_age_years_f64(Some(v)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (K::NotANumber, Some("age_years")));
        let e = p.set_mjoa_f64(Some(v)).unwrap_err();
        assert_eq!((e.kind(), e.field()), (K::NotANumber, Some("mjoa")));
    }
    assert_eq!(p.set_age_years(Some(i64::MAX)).unwrap_err().kind(), K::OutOfRange);
    assert_eq!(p.set_mjoa(Some(-3)).unwrap_err().field(), Some("mjoa"));
    assert_eq!(p.set_mjoa_f64(Some(12.5)).unwrap_err().kind(), K::OutOfRange);
    assert_eq!(p, Presentation::new(), "a refused value leaves the presentation unchanged");
    p.set_mjoa_f64(Some(12.0)).unwrap();
    assert_eq!(p.mjoa(), Some(12));
    let e = p.set_finding_by_id("hofmann_sign", "present").unwrap_err();
    assert!(e.message().contains("hoffmann_sign"));
    assert_eq!(p.set_finding_by_id("falls", "maybe").unwrap_err().field(), Some("findings.falls"));
    assert!(p.set_sex_by_id(Some("unknown")).is_err());
    p.set_finding_by_id("falls", "present").unwrap();
    assert_eq!(p.finding(Finding::Falls), stenosis::Status::Present);
}

#[test]
fn null_means_not_given_and_valid_input_round_trips() {
    let p = Presentation::from_json(r#"{"age_years": null, "sex": null, "mjoa": null, "findings": {}}"#).unwrap();
    assert_eq!(p, Presentation::new());
    let p =
        Presentation::from_json(r#"{"age_years": 61.0, "ankle_brachial_index": 1, "findings": {"falls": "unknown"}}"#)
            .unwrap();
    assert_eq!(p.age_years(), Some(61));
    assert_eq!(p.ankle_brachial_index(), Some(1.0));
    assert_eq!(p.finding(Finding::Falls), stenosis::Status::Unknown);
    let big = format!(r#"{{"findings": {{}}, "age_years": 50{}}}"#, " ".repeat(10 << 20));
    assert_eq!(Presentation::from_json(&big).unwrap().age_years(), Some(50));
}

#[test]
fn error_kinds_have_stable_codes() {
    use stenosis::InputErrorKind as K;
    let ids: Vec<(u32, &str)> = K::ALL.iter().map(|k| (k.code(), k.id())).collect();
    assert_eq!(
        ids,
        [
            (0, "malformed_json"),
            (1, "not_an_object"),
            (2, "unknown_field"),
            (3, "unknown_finding"),
            (4, "duplicate_field"),
            (5, "wrong_type"),
            (6, "out_of_range"),
            (7, "not_a_number"),
            (8, "invalid_value"),
            (9, "invalid_utf8"),
        ]
    );
    for k in K::ALL {
        assert_eq!(K::from_code(k.code()), Some(*k));
        assert_eq!(K::from_id(k.id()), Some(*k));
    }
}

#[test]
fn errors_come_in_parts() {
    let e = Presentation::from_json_bytes(b"{\"age_years\": 6\xff}").unwrap_err();
    assert_eq!(e.kind(), stenosis::InputErrorKind::InvalidUtf8);
    assert_eq!(e.field(), None);
    assert_eq!(e.position(), None);
    assert_eq!(e.reason(), "input is not valid UTF-8 (invalid byte at offset 15)");
    assert_eq!(e.message(), e.reason());

    let e = Presentation::from_json("{\n  \"findings\": {\"babinsky_sign\": \"present\"}}").unwrap_err();
    assert_eq!(e.kind(), stenosis::InputErrorKind::UnknownFinding);
    assert_eq!(e.field(), Some("findings.babinsky_sign"));
    assert_eq!(e.suggestion(), Some("babinski_sign"));
    assert_eq!(e.reason(), "unknown finding id; did you mean \"babinski_sign\"?");
    let pos = e.position().unwrap();
    assert_eq!(pos.line, 2);
    assert_eq!(e.message_without_position(), format!("findings.babinsky_sign: {}", e.reason()));
    assert_eq!(e.message(), format!("{} (line 2, column {})", e.message_without_position(), pos.column));

    let e = Presentation::from_json(r#"{"agee_years": 3}"#).unwrap_err();
    assert_eq!(e.suggestion(), Some("age_years"));
}
