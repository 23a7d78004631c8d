//! The FHIR adapter's reading rules (`fhir-mapping.md` §1.2), one test per rule.

use serde_json::{json, Value};
use stenosis_core::{assess, cds_hooks_response, Finding, Presentation, Sex, Status};
use stenosis_fhir::{CodeMap, Date, FhirPresentation, Reader, SiteMapFormat};

const SCT: &str = "http://snomed.info/sct";
const AS_OF: Date = Date { year: 2026, month: 12, day: 1 };

fn example(name: &str) -> String {
    let path = format!("{}/../../examples/fhir/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bundle(resources: Vec<Value>) -> Value {
    json!({"resourceType": "Bundle", "type": "collection",
           "entry": resources.into_iter().map(|r| json!({"resource": r})).collect::<Vec<_>>()})
}

fn read(resources: Vec<Value>) -> FhirPresentation {
    let map = CodeMap::builtin();
    Reader::new(&map, AS_OF).read_bundle(&bundle(resources)).expect("a valid bundle")
}

fn saddle_obs(id: &str, extra: Value) -> Value {
    let mut o = json!({"resourceType": "Observation", "id": id, "status": "final",
        "code": {"coding": [{"system": SCT, "code": "449813001"}]}});
    if let (Some(o), Some(extra)) = (o.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            o.insert(k.clone(), v.clone());
        }
    }
    o
}

fn saddle(extra: Value) -> Status {
    read(vec![saddle_obs("o1", extra)]).presentation.finding(Finding::SaddleAnesthesia)
}

#[test]
fn cauda_equina_bundle_gives_a_critical_card() {
    let map = CodeMap::builtin();
    let out = Reader::new(&map, AS_OF).read_bundle_json(&example("cauda-equina.json")).expect("reads");
    let p = out.presentation;
    assert_eq!(p.finding(Finding::UrinaryRetention), Status::Present);
    assert_eq!(p.finding(Finding::SaddleAnesthesia), Status::Present);
    assert_eq!(p.finding(Finding::SciaticaLikePain), Status::Present);
    assert_eq!(p.age_years(), Some(58));
    assert_eq!(p.sex(), Some(Sex::Female));
    let cards = cds_hooks_response(&assess(&p)).cards;
    assert_eq!(cards.first().map(|c| c.indicator), Some("critical"));
    assert!(cards.iter().any(|c| c.summary.contains("cauda equina")), "{cards:?}");
    let fields: Vec<&str> = out.provenance.fields.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"findings.urinary_retention"));
    let f = out.provenance.fields.iter().find(|f| f.field == "findings.urinary_retention").expect("row");
    assert_eq!(f.resource, "Condition/ces-retention");
    assert!(out.provenance.unused.is_empty(), "{:?}", out.provenance.unused);
}

#[test]
fn snomed_qualifier_values() {
    for (code, want) in [
        ("52101004", Status::Present),
        ("410605003", Status::Present),
        ("2667000", Status::Absent),
        ("410594000", Status::Absent),
        ("723511001", Status::Absent),
        ("261665006", Status::Unknown),
        ("410592001", Status::Unknown),
        ("415684004", Status::Unknown),
        ("410590009", Status::Unknown),
    ] {
        let got = saddle(json!({"valueCodeableConcept": {"coding": [{"system": SCT, "code": code}]}}));
        assert_eq!(got, want, "qualifier {code}");
    }
}

#[test]
fn an_unknown_value_code_is_reported_not_guessed() {
    let out = read(vec![saddle_obs(
        "o1",
        json!({"valueCodeableConcept": {"coding": [{"system": SCT, "code": "373066001"}]}}),
    )]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
    assert!(out.provenance.unused.iter().any(|u| u.resource == "Observation/o1" && u.reason.contains("373066001")));
}

#[test]
fn boolean_interpretation_and_data_absent_reason() {
    assert_eq!(saddle(json!({"valueBoolean": true})), Status::Present);
    assert_eq!(saddle(json!({"valueBoolean": false})), Status::Absent);
    let interp = |c: &str| json!({"interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": c}]}]});
    assert_eq!(saddle(interp("POS")), Status::Present);
    assert_eq!(saddle(interp("NEG")), Status::Absent);
    let dar = json!({"dataAbsentReason": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "not-performed"}]}});
    assert_eq!(saddle(dar), Status::Unknown);
    assert_eq!(saddle(json!({"status": "cancelled"})), Status::Unknown);
    // A finding code recorded with no value means the finding was seen.
    assert_eq!(saddle(json!({})), Status::Present);
    // Free text is never guessed: "no saddle numbness" must not read as present.
    let out = read(vec![saddle_obs("o1", json!({"valueString": "no saddle numbness"}))]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
    assert!(out.provenance.unused.iter().any(|u| u.reason.contains("valueString")));
    let out = read(vec![saddle_obs("o1", json!({"valueRange": {"low": {"value": 1}}}))]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
}

#[test]
fn entered_in_error_is_ignored() {
    let out = read(vec![saddle_obs("o1", json!({"status": "entered-in-error", "valueBoolean": true}))]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
    assert!(out.provenance.fields.is_empty());
    assert!(out.provenance.unused.iter().any(|u| u.reason.contains("entered-in-error")));
}

fn retention(ver: Option<&str>, clinical: Option<&str>) -> Status {
    let mut c = json!({"resourceType": "Condition", "id": "c1",
        "code": {"coding": [{"system": SCT, "code": "267064002"}]}});
    if let Some(v) = ver {
        c["verificationStatus"] =
            json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": v}]});
    }
    if let Some(v) = clinical {
        c["clinicalStatus"] =
            json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": v}]});
    }
    read(vec![c]).presentation.finding(Finding::UrinaryRetention)
}

#[test]
fn condition_verification_status() {
    assert_eq!(retention(Some("confirmed"), None), Status::Present);
    assert_eq!(retention(Some("refuted"), None), Status::Absent);
    assert_eq!(retention(Some("unconfirmed"), None), Status::Unknown);
    assert_eq!(retention(Some("provisional"), None), Status::Unknown);
    assert_eq!(retention(Some("differential"), None), Status::Unknown);
    assert_eq!(retention(Some("entered-in-error"), None), Status::Unknown);
    assert_eq!(retention(None, Some("active")), Status::Present);
    // A resolved symptom is not current: unknown, not present.
    assert_eq!(retention(Some("confirmed"), Some("resolved")), Status::Unknown);
}

#[test]
fn latest_effective_wins_and_ties_that_disagree_are_unknown() {
    let old = saddle_obs("old", json!({"effectiveDateTime": "2026-01-01", "valueBoolean": true}));
    let new = saddle_obs("new", json!({"effectiveDateTime": "2026-11-01T08:00:00Z", "valueBoolean": false}));
    let out = read(vec![new.clone(), old.clone()]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Absent);
    let row = out.provenance.fields.iter().find(|f| f.field == "findings.saddle_anesthesia").expect("row");
    assert_eq!(row.resource, "Observation/new");
    assert!(row.others.iter().any(|o| o.contains("Observation/old")));

    let a = saddle_obs("a", json!({"effectiveDateTime": "2026-11-01T08:00:00Z", "valueBoolean": true}));
    let b = saddle_obs("b", json!({"effectiveDateTime": "2026-11-01T09:00:00+01:00", "valueBoolean": false}));
    let out = read(vec![a, b]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
    let row = out.provenance.fields.iter().find(|f| f.field == "findings.saddle_anesthesia").expect("row");
    assert!(row.how.contains("different answers"), "{}", row.how);
}

#[test]
fn no_resource_means_unknown_never_absent() {
    let out = read(vec![json!({"resourceType": "Patient", "id": "p"})]);
    for f in Finding::ALL {
        assert_eq!(out.presentation.finding(*f), Status::Unknown, "{f}");
    }
    assert_eq!(out.presentation, Presentation::new());
}

#[test]
fn age_from_birth_date_and_gender() {
    let out = read(vec![json!({"resourceType": "Patient", "id": "p", "birthDate": "1950-12-02", "gender": "unknown"})]);
    assert_eq!(out.presentation.age_years(), Some(75));
    assert_eq!(out.presentation.sex(), None);
    assert!(out.provenance.notes.iter().any(|n| n.contains("unknown")));

    let out = read(vec![json!({"resourceType": "Patient", "id": "p", "birthDate": "1950", "gender": "other"})]);
    assert_eq!(out.presentation.age_years(), Some(76));
    assert_eq!(out.presentation.sex(), Some(Sex::Other));
    let row = out.provenance.fields.iter().find(|f| f.field == "age_years").expect("age row");
    assert!(row.how.contains("year only"), "{}", row.how);

    let out = read(vec![json!({"resourceType": "Patient", "id": "p", "birthDate": "2030-01-01"})]);
    assert_eq!(out.presentation.age_years(), None);
    assert!(out.provenance.unused.iter().any(|u| u.reason.contains("after")));
}

#[test]
fn unknown_codes_and_types_are_reported() {
    let out = read(vec![
        json!({"resourceType": "Observation", "id": "bp", "status": "final",
               "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]}}),
        json!({"resourceType": "MedicationRequest", "id": "m"}),
        json!({"resourceType": "Observation", "id": "bad", "status": "final", "valueBoolean": "yes",
               "code": {"coding": [{"system": SCT, "code": "449813001"}]}}),
    ]);
    let reasons: Vec<String> = out.provenance.unused.iter().map(|u| format!("{}: {}", u.resource, u.reason)).collect();
    assert!(
        reasons.iter().any(|r| r.starts_with("Observation/bp") && r.contains("http://loinc.org|85354-9")),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.starts_with("MedicationRequest") && r.contains("not read")), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("Observation at entry[2]") && r.contains("could not be read")),
        "{reasons:?}"
    );
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
}

#[test]
fn resources_about_another_patient_are_not_used() {
    let out = read(vec![
        json!({"resourceType": "Patient", "id": "p1"}),
        saddle_obs("o1", json!({"subject": {"reference": "Patient/p2"}})),
    ]);
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Unknown);
    assert!(out.provenance.unused.iter().any(|u| u.reason.contains("another patient")));
}

#[test]
fn site_map_adds_local_codes() {
    let map =
        CodeMap::builtin().with_site_map(&example("site-codes.toml"), SiteMapFormat::Toml).expect("valid site map");
    let out = Reader::new(&map, AS_OF).read_bundle_json(&example("myelopathy-site-codes.json")).expect("reads");
    let p = out.presentation;
    assert_eq!(p.finding(Finding::HoffmannSign), Status::Present);
    assert_eq!(p.finding(Finding::Hyperreflexia), Status::Present);
    assert_eq!(p.finding(Finding::KnownLumbarStenosis), Status::Present);
    assert_eq!(p.finding(Finding::SciaticaLikePain), Status::Present);
    assert_eq!(p.mjoa(), Some(14));
    assert_eq!(p.age_years(), Some(65));
    assert!(out.provenance.unused.iter().any(|u| u.reason.contains("85354-9")));
    // Without the site map the local codes are reported, never guessed.
    let builtin = CodeMap::builtin();
    let out = Reader::new(&builtin, AS_OF).read_bundle_json(&example("myelopathy-site-codes.json")).expect("reads");
    assert_eq!(out.presentation.finding(Finding::HoffmannSign), Status::Unknown);
    assert!(out
        .provenance
        .unused
        .iter()
        .any(|u| u.resource == "Observation/dcm-hoffmann" && u.reason.contains("HOFFMANN")));
}

#[test]
fn prefetch_null_operation_outcome_and_searchset() {
    let prefetch = json!({
        "patient": {"resourceType": "Patient", "id": "p1", "birthDate": "1960-01-01"},
        "conditions": null,
        "observations": {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "timeout"}]},
        "reports": {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": saddle_obs("o1", json!({}))}]}
    });
    let map = CodeMap::builtin();
    let out = Reader::new(&map, AS_OF).read_prefetch(prefetch.as_object().expect("object"));
    assert_eq!(out.presentation.age_years(), Some(66));
    assert_eq!(out.presentation.finding(Finding::SaddleAnesthesia), Status::Present);
    let notes = out.provenance.notes.join("\n");
    assert!(notes.contains("prefetch.conditions: null"), "{notes}");
    assert!(notes.contains("prefetch.observations") && notes.contains("timeout"), "{notes}");
}

#[test]
fn bad_bundles_name_the_field() {
    let map = CodeMap::builtin();
    let r = Reader::new(&map, AS_OF);
    for (text, field) in [
        ("{", "bundle"),
        ("[]", "bundle"),
        (r#"{"resourceType": "Patient"}"#, "resourceType"),
        (r#"{"entry": []}"#, "resourceType"),
        (r#"{"resourceType": "Bundle", "entry": {}}"#, "entry"),
    ] {
        let e = r.read_bundle_json(text).expect_err(text);
        assert_eq!(e.field, field, "{text}: {e}");
    }
}

#[test]
fn numeric_fields_from_site_codes() {
    let text = r#"{"codes": [
        {"system": "urn:site", "code": "ABI", "field": "ankle_brachial_index"},
        {"system": "urn:site", "code": "MJOA", "field": "mjoa"}]}"#;
    let map = CodeMap::builtin().with_site_map(text, SiteMapFormat::Json).expect("valid");
    let obs = |id: &str, code: &str, v: Value| {
        json!({"resourceType": "Observation", "id": id, "status": "final", "effectiveDateTime": "2026-11-01",
               "code": {"coding": [{"system": "urn:site", "code": code}]}, "valueQuantity": {"value": v}})
    };
    let b = bundle(vec![obs("l", "ABI", json!(0.82)), obs("r", "ABI", json!(0.95)), obs("m", "MJOA", json!(19))]);
    let out = Reader::new(&map, AS_OF).read_bundle(&b).expect("reads");
    assert_eq!(out.presentation.ankle_brachial_index(), Some(0.82));
    assert_eq!(out.presentation.mjoa(), None);
    assert!(out.provenance.unused.iter().any(|u| u.resource == "Observation/m" && u.reason.contains("mjoa")));
}
