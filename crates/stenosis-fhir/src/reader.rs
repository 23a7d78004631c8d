//! FHIR resources to a Presentation, with a provenance report.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use stenosis_core::{Finding, FindingGroup, Presentation, Sex, Status, SNOMED_SYSTEM};

use crate::codemap::{CodeMap, CodeMapEntry, NumericField, ResourceKind, Target};
use crate::date::{whole_years, Date, FhirDateTime, Precision};
use crate::model::{
    Answer, Bundle, CodeableConcept, Coding, Condition, DiagnosticReport, Observation, OperationOutcome, Patient,
    Period, Reference, Resource,
};
use crate::FhirError;

const V3_INTERPRETATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
const CONDITION_VER_STATUS: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";

/// SNOMED CT qualifier values for presence (`fhir-mapping.md` §1.2: [MCODE-PA], [COVID-CA]).
/// Probable, suspected and possible are unknown: the engine has no "probable" state.
const QUALIFIERS: &[(&str, Status, &str)] = &[
    ("52101004", Status::Present, "Present (qualifier value)"),
    ("410605003", Status::Present, "Confirmed present (qualifier value)"),
    ("2667000", Status::Absent, "Absent (qualifier value)"),
    ("410594000", Status::Absent, "Definitely NOT present (qualifier value)"),
    ("723511001", Status::Absent, "Refuted (qualifier value)"),
    ("410516002", Status::Absent, "Known absent (qualifier value)"),
    ("261665006", Status::Unknown, "Unknown (qualifier value)"),
    ("410592001", Status::Unknown, "Probably present (qualifier value)"),
    ("415684004", Status::Unknown, "Suspected (qualifier value)"),
    ("410590009", Status::Unknown, "Known possible (qualifier value)"),
    ("410593006", Status::Unknown, "Probably NOT present (qualifier value)"),
];

/// Which resource set a Presentation field, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldSource {
    /// The Presentation field, e.g. `age_years` or `findings.saddle_anesthesia`.
    pub field: String,
    /// The value taken (`"present"`, `"absent"`, `"unknown"`, a number or a string).
    pub value: Value,
    /// The resource that set it, e.g. `Observation/obs-1`.
    pub resource: String,
    /// The rule applied, in words.
    pub how: String,
    /// Other resources for the same field that were older (superseded) or that agreed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<String>,
}

/// A resource, or a code in one, that did not set anything, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unused {
    /// The resource, e.g. `Observation/obs-9` or `entry[4]`.
    pub resource: String,
    /// Why it was not used.
    pub reason: String,
}

/// Where every Presentation field came from, and what was not used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The date ages were computed at (the hook's time).
    pub as_of: String,
    /// One row per field set (and per finding read as unknown).
    pub fields: Vec<FieldSource>,
    /// Resources and codes not used, with the reason.
    pub unused: Vec<Unused>,
    /// Notes on the input as a whole (prefetch keys with no data, errors reported by the EHR).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The result of reading FHIR: a Presentation and its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct FhirPresentation {
    /// The Presentation for the engine.
    pub presentation: Presentation,
    /// Where each field came from.
    pub provenance: Provenance,
}

impl FhirPresentation {
    /// `{"presentation": ..., "provenance": ...}` as a JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let p: Value = serde_json::from_str(&self.presentation.to_json()).unwrap_or(Value::Null);
        serde_json::json!({ "presentation": p, "provenance": self.provenance })
    }
}

/// An Observation, or one of its components: a code and its answer.
struct Part<'o> {
    src: String,
    code: &'o CodeableConcept,
    answer: &'o Answer,
}

#[derive(Debug, Clone)]
struct Evidence {
    target: Target,
    status: Status,
    number: Option<f64>,
    time: Option<i64>,
    resource: String,
    how: String,
}

impl Evidence {
    /// Evidence read from a code (no number), said as the code, the map's display and `how`.
    fn coded(entry: &CodeMapEntry, coding: &Coding, status: Status, time: Option<i64>, name: &str, how: &str) -> Self {
        Evidence {
            target: entry.target,
            status,
            number: None,
            time,
            resource: name.to_owned(),
            how: format!("{} {}: {how}", coding.token(), entry.display),
        }
    }
}

/// Reads FHIR resources with a code map, at a given date (the hook's time).
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    map: &'a CodeMap,
    as_of: Date,
    patient_id: Option<String>,
}

struct State {
    evidence: Vec<Evidence>,
    unused: Vec<Unused>,
    notes: Vec<String>,
    fields: Vec<FieldSource>,
    presentation: Presentation,
    patient: Option<String>,
    patient_label: Option<String>,
}

fn label(kind: &str, id: Option<&str>, fallback: &str) -> String {
    match id {
        Some(id) if !id.is_empty() => format!("{kind}/{id}"),
        _ => format!("{kind} at {fallback}"),
    }
}

fn tokens(cc: &CodeableConcept) -> String {
    let t: Vec<String> = cc.coding.iter().map(|c| c.token()).collect();
    if t.is_empty() {
        "no coding".to_owned()
    } else {
        t.join(", ")
    }
}

fn time_of(candidates: &[Option<&str>]) -> Option<i64> {
    candidates.iter().flatten().find_map(|s| FhirDateTime::parse(s)).map(|t| t.epoch_seconds)
}

fn period_start(p: Option<&Period>) -> Option<&str> {
    p.and_then(|p| p.start.as_deref())
}

fn first_code<'c>(cc: Option<&'c CodeableConcept>, system: &str) -> Option<&'c str> {
    cc?.coding.iter().find(|c| c.system.as_deref() == Some(system)).and_then(|c| c.code.as_deref())
}

/// What an Observation (or component) answers, for a finding.
fn finding_status(entry: &CodeMapEntry, answer: &Answer, has_number: bool) -> Result<(Status, String), String> {
    let (value_cc, value_bool) = (answer.value_codeable_concept.as_ref(), answer.value_boolean);
    let (other_value, dar) = (answer.other_value.as_deref(), answer.data_absent_reason.as_ref());
    let interpretation = &answer.interpretation;
    if let Some(d) = dar {
        return Ok((Status::Unknown, format!("dataAbsentReason {}", tokens(d))));
    }
    if let Some(cc) = value_cc {
        for a in &entry.answers {
            if cc.has(&a.system, &a.code) {
                return Ok((a.status, format!("valueCodeableConcept {}|{}", a.system, a.code)));
            }
        }
        for (code, status, display) in QUALIFIERS {
            if cc.has(SNOMED_SYSTEM, code) {
                return Ok((*status, format!("valueCodeableConcept SNOMED CT {code} {display}")));
            }
        }
        return Err(format!("value {} is not a present/absent/unknown answer this adapter knows", tokens(cc)));
    }
    if let Some(b) = value_bool {
        let s = if b { Status::Present } else { Status::Absent };
        return Ok((s, format!("valueBoolean {b}")));
    }
    for i in interpretation {
        if i.has(V3_INTERPRETATION, "POS") {
            return Ok((Status::Present, "interpretation POS".to_owned()));
        }
        if i.has(V3_INTERPRETATION, "NEG") {
            return Ok((Status::Absent, "interpretation NEG".to_owned()));
        }
    }
    if has_number {
        return Err("a numeric value for a finding: not read as present or absent".to_owned());
    }
    if let Some(k) = other_value {
        return Err(format!("{k} is not read as present or absent (free text and this value type are never guessed)"));
    }
    if let Some(i) = interpretation.first() {
        return Err(format!("interpretation {} is not POS or NEG", tokens(i)));
    }
    Ok((Status::Present, "the finding's code recorded without a value".to_owned()))
}

impl<'a> Reader<'a> {
    /// A reader with this code map, computing ages at `as_of`.
    #[must_use]
    pub fn new(map: &'a CodeMap, as_of: Date) -> Self {
        Reader { map, as_of, patient_id: None }
    }

    /// Only resources about this patient (`Patient/{id}` as subject) are used; others are
    /// reported. Without it, the first Patient resource's id is used.
    #[must_use]
    pub fn for_patient(mut self, id: Option<&str>) -> Self {
        self.patient_id = id.map(str::to_owned);
        self
    }

    /// Reads a FHIR Bundle given as JSON text.
    pub fn read_bundle_json(&self, text: &str) -> Result<FhirPresentation, FhirError> {
        let v: Value =
            serde_json::from_str(text).map_err(|e| FhirError::new("bundle", format!("not valid JSON: {e}")))?;
        self.read_bundle(&v)
    }

    /// Reads a FHIR Bundle (any type: collection, searchset, ...).
    pub fn read_bundle(&self, v: &Value) -> Result<FhirPresentation, FhirError> {
        let obj = v.as_object().ok_or_else(|| FhirError::new("bundle", "must be a JSON object"))?;
        match obj.get("resourceType") {
            Some(Value::String(t)) if t == "Bundle" => {}
            Some(Value::String(t)) => {
                return Err(FhirError::new("resourceType", format!("must be \"Bundle\", not \"{}\"", short(t))))
            }
            _ => return Err(FhirError::new("resourceType", "missing: a FHIR Bundle has \"resourceType\": \"Bundle\"")),
        }
        if let Some(e) = obj.get("entry") {
            if !e.is_array() {
                return Err(FhirError::new("entry", "must be an array of entries"));
            }
        }
        let bundle: Bundle =
            Bundle::deserialize(v).map_err(|e| FhirError::new("entry", format!("not a Bundle entry list: {e}")))?;
        let mut owned: Vec<(String, Value)> = Vec::new();
        for (i, e) in bundle.entry.into_iter().enumerate() {
            match e.resource {
                Some(r) => owned.push((format!("entry[{i}]"), r)),
                None => owned.push((format!("entry[{i}]"), Value::Null)),
            }
        }
        Ok(self.read_resources(owned.iter().map(|(l, v)| (l.clone(), v))))
    }

    /// Reads a CDS Hooks `prefetch` object: each key holds a resource, a searchset Bundle, an
    /// OperationOutcome (the EHR's error, reported) or `null` (no data, reported).
    pub fn read_prefetch(&self, prefetch: &serde_json::Map<String, Value>) -> FhirPresentation {
        let mut items: Vec<(String, &Value)> = Vec::new();
        let mut notes = Vec::new();
        for (key, v) in prefetch {
            match v {
                Value::Null => notes.push(format!("prefetch.{key}: null (the EHR has no data for it)")),
                Value::Object(o) if o.get("resourceType").and_then(Value::as_str) == Some("Bundle") => {
                    if let Some(Value::Array(entries)) = o.get("entry") {
                        for (i, e) in entries.iter().enumerate() {
                            let r = e.get("resource").unwrap_or(&Value::Null);
                            items.push((format!("prefetch.{key}.entry[{i}]"), r));
                        }
                    }
                }
                other => items.push((format!("prefetch.{key}"), other)),
            }
        }
        let mut out = self.read_resources(items);
        notes.append(&mut out.provenance.notes);
        out.provenance.notes = notes;
        out
    }

    /// Reads a list of resources, each with a label for the report.
    pub fn read_resources<'v, I>(&self, items: I) -> FhirPresentation
    where
        I: IntoIterator<Item = (String, &'v Value)>,
    {
        let items: Vec<(String, &Value)> = items.into_iter().collect();
        let mut st = State {
            evidence: Vec::new(),
            unused: Vec::new(),
            notes: Vec::new(),
            fields: Vec::new(),
            presentation: Presentation::new(),
            patient: self.patient_id.clone(),
            patient_label: None,
        };
        // Patients first, so that other resources can be checked against the patient's id.
        for (at, v) in &items {
            if v.get("resourceType").and_then(Value::as_str) == Some("Patient") {
                self.patient(&mut st, at, v);
            }
        }
        for (at, v) in &items {
            self.resource(&mut st, at, v);
        }
        self.settle(&mut st);
        FhirPresentation {
            presentation: st.presentation,
            provenance: Provenance {
                as_of: self.as_of.to_string(),
                fields: st.fields,
                unused: st.unused,
                notes: st.notes,
            },
        }
    }

    fn patient(&self, st: &mut State, at: &str, v: &Value) {
        let p: Patient = match Patient::deserialize(v) {
            Ok(p) => p,
            Err(e) => {
                st.unused
                    .push(Unused { resource: format!("Patient at {at}"), reason: format!("could not be read: {e}") });
                return;
            }
        };
        let name = label("Patient", p.id.as_deref(), at);
        if !p.modifier_extension.is_empty() {
            st.unused.push(Unused {
                resource: name,
                reason: "has a modifierExtension this adapter does not understand".into(),
            });
            return;
        }
        if st.patient_label.is_some() {
            let reason = if p.id.is_some() && p.id == st.patient {
                "the same Patient again: the first one was used"
            } else {
                "a second Patient: only the first one was used"
            };
            st.unused.push(Unused { resource: name, reason: reason.into() });
            return;
        }
        match (&st.patient, &p.id) {
            (Some(want), Some(id)) if want != id => {
                st.unused.push(Unused { resource: name, reason: "not the patient in the hook's context".into() });
                return;
            }
            (None, Some(id)) => st.patient = Some(id.clone()),
            _ => {}
        }
        st.patient_label = Some(name.clone());
        if let Some(b) = &p.birth_date {
            self.age(st, &name, b);
        }
        match p.gender.as_deref() {
            Some(g @ ("male" | "female" | "other")) => {
                let sex = Sex::from_id(g);
                st.presentation.set_sex(sex);
                st.fields.push(FieldSource {
                    field: "sex".into(),
                    value: Value::String(g.into()),
                    resource: name,
                    how: "Patient.gender (administrative gender, not a clinical sex observation)".into(),
                    others: Vec::new(),
                });
            }
            Some("unknown") => st.notes.push(format!("{name}: gender is \"unknown\": sex left out")),
            Some(other) => st.unused.push(Unused {
                resource: name,
                reason: format!("gender \"{}\" is not an AdministrativeGender code: sex left out", short(other)),
            }),
            None => {}
        }
    }

    fn age(&self, st: &mut State, name: &str, birth: &str) {
        let Some(t) = FhirDateTime::parse(birth) else {
            st.unused.push(Unused {
                resource: name.to_owned(),
                reason: "birthDate is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD): age left out".into(),
            });
            return;
        };
        let (assumed, how) = match t.precision {
            Precision::Year => (
                Date::new(t.date.year, 7, 1),
                format!(
                    "birthDate gives the year only: age at {} taking 1 July as the birthday, known to ±1 year",
                    self.as_of
                ),
            ),
            Precision::Month => (
                Date::new(t.date.year, t.date.month, 15),
                format!("birthDate gives year and month only: age at {} taking the 15th as the birthday", self.as_of),
            ),
            _ => (Some(t.date), format!("birthDate, age at {}", self.as_of)),
        };
        let Some(birthday) = assumed else { return };
        if birthday > self.as_of {
            st.unused.push(Unused {
                resource: name.to_owned(),
                reason: "birthDate is after the hook's date: age left out".into(),
            });
            return;
        }
        let years = whole_years(birthday, self.as_of);
        match st.presentation.set_age_years(Some(years)) {
            Ok(()) => st.fields.push(FieldSource {
                field: "age_years".into(),
                value: Value::from(years),
                resource: name.to_owned(),
                how,
                others: Vec::new(),
            }),
            Err(e) => st.unused.push(Unused { resource: name.to_owned(), reason: format!("{e}: age left out") }),
        }
    }

    fn other_patient(st: &State, subject: Option<&Reference>) -> bool {
        let (Some(want), Some(r)) = (st.patient.as_deref(), subject.and_then(|s| s.reference.as_deref())) else {
            return false;
        };
        let tail = r.rsplit_once("Patient/").map(|(_, id)| id);
        match tail {
            Some(id) => id.split('/').next() != Some(want),
            None => false, // a contained or other reference form: not judged
        }
    }

    fn resource(&self, st: &mut State, at: &str, v: &Value) {
        let kind = match v.get("resourceType") {
            Some(Value::String(t)) => t.as_str(),
            _ if v.is_null() => {
                st.unused.push(Unused { resource: at.to_owned(), reason: "no resource".into() });
                return;
            }
            _ => {
                st.unused
                    .push(Unused { resource: at.to_owned(), reason: "not a FHIR resource (no resourceType)".into() });
                return;
            }
        };
        match kind {
            "Patient" => {}
            "Observation" => self.observation(st, at, v),
            "Condition" => self.condition(st, at, v),
            "DiagnosticReport" => self.report(st, at, v),
            "OperationOutcome" => {
                let o: OperationOutcome = OperationOutcome::deserialize(v).unwrap_or_default();
                let issues: Vec<String> = o
                    .issue
                    .iter()
                    .map(|i| format!("{} {}", i.severity.as_deref().unwrap_or("?"), i.code.as_deref().unwrap_or("?")))
                    .collect();
                st.notes.push(format!("{at}: the EHR reported an OperationOutcome ({})", issues.join("; ")));
                st.unused.push(Unused {
                    resource: label("OperationOutcome", o.id.as_deref(), at),
                    reason: "an error report, not data".into(),
                });
            }
            other => st.unused.push(Unused {
                resource: format!("{} at {at}", short(other)),
                reason: "resource type not read (Patient, Observation, Condition and DiagnosticReport are)".into(),
            }),
        }
    }

    fn unread(st: &mut State, kind: &str, at: &str, e: &serde_json::Error) {
        st.unused.push(Unused { resource: format!("{kind} at {at}"), reason: format!("could not be read: {e}") });
    }

    fn observation(&self, st: &mut State, at: &str, v: &Value) {
        let Some((o, name)) = Self::open(st, at, v, |o: &Observation| o.status.as_deref(), "status") else {
            return;
        };
        let time = time_of(&[
            o.effective_date_time.as_deref(),
            o.effective_instant.as_deref(),
            period_start(o.effective_period.as_ref()),
            o.issued.as_deref(),
        ]);
        let status = o.status.as_deref();
        let mut used = false;
        let mut reasons = Vec::new();
        let mut parts = vec![Part { src: name.clone(), code: &o.code, answer: &o.answer }];
        for (i, c) in o.component.iter().enumerate() {
            parts.push(Part { src: format!("{name} component[{i}]"), code: &c.code, answer: &c.answer });
        }
        for Part { src, code, answer } in parts {
            let num = answer.number();
            for coding in &code.coding {
                let (Some(sys), Some(c)) = (coding.system.as_deref(), coding.code.as_deref()) else { continue };
                let Some(entry) = self.map.lookup(sys, c, ResourceKind::Observation) else { continue };
                used = true;
                let ev = match entry.target {
                    Target::Finding(_) => {
                        let r = match status {
                            Some("cancelled") => Ok((Status::Unknown, "status cancelled".to_owned())),
                            Some("registered") => Ok((Status::Unknown, "status registered (no result yet)".to_owned())),
                            _ => finding_status(entry, answer, num.is_some()),
                        };
                        match r {
                            Ok((s, how)) => Evidence {
                                target: entry.target,
                                status: s,
                                number: None,
                                time,
                                resource: src.clone(),
                                how: format!("{} {}: {how}", coding.token(), entry.display),
                            },
                            Err(why) => {
                                reasons.push(format!("{}: {why}", coding.token()));
                                continue;
                            }
                        }
                    }
                    Target::Field(f) => {
                        if matches!(status, Some("cancelled" | "registered")) || answer.data_absent_reason.is_some() {
                            reasons.push(format!(
                                "{}: no value ({})",
                                coding.token(),
                                status.unwrap_or("dataAbsentReason")
                            ));
                            continue;
                        }
                        match num {
                            Some(n) => Evidence {
                                target: entry.target,
                                status: Status::Unknown,
                                number: Some(n),
                                time,
                                resource: src.clone(),
                                how: format!("{} {}: value {n}", coding.token(), entry.display),
                            },
                            None => {
                                reasons.push(format!(
                                    "{}: {} needs valueInteger or valueQuantity",
                                    coding.token(),
                                    f.id()
                                ));
                                continue;
                            }
                        }
                    }
                };
                st.evidence.push(ev);
            }
        }
        if !reasons.is_empty() {
            st.unused.push(Unused { resource: name.clone(), reason: reasons.join("; ") });
        }
        if !used {
            st.unused.push(Unused { resource: name, reason: format!("no code in the code map: {}", tokens(&o.code)) });
        }
    }

    fn skip(st: &State, status: Option<&str>, modifier: &[Value], subject: Option<&Reference>) -> Option<String> {
        if status == Some("entered-in-error") {
            return Some("status entered-in-error: ignored".into());
        }
        if !modifier.is_empty() {
            return Some("has a modifierExtension this adapter does not understand: not used".into());
        }
        if Self::other_patient(st, subject) {
            return Some("its subject is another patient: not used".into());
        }
        None
    }

    /// Reads a clinical resource, or notes why it is not used: unreadable, entered in error (its
    /// `status_element`, read by `status`), with a modifier extension, or about another patient.
    /// Returns it with its provenance label.
    fn open<T: Resource + DeserializeOwned>(
        st: &mut State,
        at: &str,
        v: &Value,
        status: impl Fn(&T) -> Option<&str>,
        status_element: &str,
    ) -> Option<(T, String)> {
        let r = match T::deserialize(v) {
            Ok(r) => r,
            Err(e) => {
                Self::unread(st, T::TYPE, at, &e);
                return None;
            }
        };
        let name = label(T::TYPE, r.id(), at);
        if let Some(reason) = Self::skip(st, status(&r), r.modifier_extension(), r.subject()) {
            st.unused.push(Unused { resource: name, reason: reason.replace("status", status_element) });
            return None;
        }
        Some((r, name))
    }

    fn condition(&self, st: &mut State, at: &str, v: &Value) {
        fn verification(c: &Condition) -> Option<&str> {
            first_code(c.verification_status.as_ref(), CONDITION_VER_STATUS)
        }
        let Some((c, name)) = Self::open(st, at, v, verification, "verificationStatus") else {
            return;
        };
        let ver = verification(&c);
        let clinical = first_code(c.clinical_status.as_ref(), CONDITION_CLINICAL);
        let time =
            time_of(&[c.recorded_date.as_deref(), c.onset_date_time.as_deref(), period_start(c.onset_period.as_ref())]);
        let mut used = false;
        for coding in &c.code.coding {
            let (Some(sys), Some(code)) = (coding.system.as_deref(), coding.code.as_deref()) else { continue };
            let Some(entry) = self.map.lookup(sys, code, ResourceKind::Condition) else { continue };
            let Target::Finding(f) = entry.target else { continue };
            used = true;
            let (status, how) = match ver {
                Some("confirmed") => (Status::Present, "verificationStatus confirmed"),
                Some("refuted") => (Status::Absent, "verificationStatus refuted"),
                Some(v @ ("unconfirmed" | "provisional" | "differential")) => (
                    Status::Unknown,
                    if v == "unconfirmed" {
                        "verificationStatus unconfirmed"
                    } else if v == "provisional" {
                        "verificationStatus provisional"
                    } else {
                        "verificationStatus differential"
                    },
                ),
                Some(_) => (Status::Unknown, "verificationStatus not understood"),
                None => (Status::Present, "a Condition on the record (no verificationStatus)"),
            };
            let (status, how) = if status == Status::Present
                && f.group() != FindingGroup::History
                && matches!(clinical, Some("inactive" | "remission" | "resolved"))
            {
                (Status::Unknown, format!("{how}, but clinicalStatus {} (not current)", clinical.unwrap_or("")))
            } else {
                (status, how.to_owned())
            };
            st.evidence.push(Evidence::coded(entry, coding, status, time, &name, &how));
        }
        if !used {
            st.unused.push(Unused { resource: name, reason: format!("no code in the code map: {}", tokens(&c.code)) });
        }
    }

    fn report(&self, st: &mut State, at: &str, v: &Value) {
        let Some((r, name)) = Self::open(st, at, v, |r: &DiagnosticReport| r.status.as_deref(), "status") else {
            return;
        };
        let time = time_of(&[
            r.effective_date_time.as_deref(),
            period_start(r.effective_period.as_ref()),
            r.issued.as_deref(),
        ]);
        let mut used = false;
        let mut seen = Vec::new();
        for cc in &r.conclusion_code {
            for coding in &cc.coding {
                let (Some(sys), Some(code)) = (coding.system.as_deref(), coding.code.as_deref()) else { continue };
                seen.push(coding.token());
                let Some(entry) = self.map.lookup(sys, code, ResourceKind::DiagnosticReport) else { continue };
                used = true;
                let (status, how) = match r.status.as_deref() {
                    Some("cancelled") => (Status::Unknown, "report cancelled"),
                    Some("registered") => (Status::Unknown, "report registered (no result yet)"),
                    _ => (Status::Present, "coded conclusion of the report"),
                };
                st.evidence.push(Evidence::coded(entry, coding, status, time, &name, how));
            }
        }
        if !used {
            let what = if seen.is_empty() {
                "no conclusionCode".to_owned()
            } else {
                format!("no conclusionCode in the code map: {}", seen.join(", "))
            };
            st.unused.push(Unused { resource: name, reason: what });
        }
    }

    fn settle(&self, st: &mut State) {
        let mut targets: Vec<Target> = Vec::new();
        for f in [NumericField::Mjoa, NumericField::AnkleBrachialIndex] {
            targets.push(Target::Field(f));
        }
        targets.extend(Finding::ALL.iter().map(|f| Target::Finding(*f)));
        for t in targets {
            let ev: Vec<&Evidence> = st.evidence.iter().filter(|e| e.target == t).collect();
            let Some(latest) = ev.iter().map(|e| e.time).max() else { continue };
            let (now, older): (Vec<&Evidence>, Vec<&Evidence>) = ev.iter().partition(|e| e.time == latest);
            let mut others: Vec<String> = older.iter().map(|e| format!("{} (older)", e.resource)).collect();
            let Some(first) = now.first() else { continue };
            match t {
                Target::Finding(f) => {
                    let mut statuses: Vec<Status> = now.iter().map(|e| e.status).collect();
                    statuses.dedup();
                    statuses.sort_by_key(|s| s.id());
                    statuses.dedup();
                    others.extend(now.iter().skip(1).map(|e| e.resource.clone()));
                    let (status, how) = if statuses.len() == 1 {
                        (first.status, first.how.clone())
                    } else {
                        let all: Vec<String> =
                            now.iter().map(|e| format!("{} says {}", e.resource, e.status.id())).collect();
                        (Status::Unknown, format!("different answers at the same time ({}): unknown", all.join(", ")))
                    };
                    st.presentation.set_finding(f, status);
                    st.fields.push(FieldSource {
                        field: t.path(),
                        value: Value::String(status.id().into()),
                        resource: first.resource.clone(),
                        how,
                        others,
                    });
                }
                Target::Field(nf) => {
                    let mut values: Vec<f64> = now.iter().filter_map(|e| e.number).collect();
                    values.sort_by(f64::total_cmp);
                    values.dedup();
                    let chosen = match (nf, values.as_slice()) {
                        (_, [one]) => Some((*one, first.how.clone(), first.resource.clone())),
                        (NumericField::AnkleBrachialIndex, [lowest, ..]) => {
                            let e = now.iter().find(|e| e.number == Some(*lowest)).unwrap_or(first);
                            Some((*lowest, format!("{}; the lower of the legs (SPEC)", e.how), e.resource.clone()))
                        }
                        _ => None,
                    };
                    others.extend(now.iter().skip(1).map(|e| e.resource.clone()));
                    let Some((value, how, resource)) = chosen else {
                        st.unused.push(Unused {
                            resource: first.resource.clone(),
                            reason: format!("{}: different values at the same time: left out", nf.id()),
                        });
                        continue;
                    };
                    let res = match nf {
                        NumericField::Mjoa => st.presentation.set_mjoa_f64(Some(value)),
                        NumericField::AnkleBrachialIndex => st.presentation.set_ankle_brachial_index(Some(value)),
                    };
                    match res {
                        Ok(()) => st.fields.push(FieldSource {
                            field: t.path(),
                            // The mJOA is whole (the setter refused fractions).
                            value: if nf == NumericField::Mjoa {
                                Value::from(value as i64)
                            } else {
                                Value::from(value)
                            },
                            resource,
                            how,
                            others,
                        }),
                        Err(e) => st.unused.push(Unused { resource, reason: format!("{e}: left out") }),
                    }
                }
            }
        }
        // Put age and sex first, then the fields in Presentation order.
        st.fields.sort_by_key(|f| match f.field.as_str() {
            "age_years" => 0,
            "sex" => 1,
            _ => 2,
        });
    }
}

/// A caller-supplied string cut to a safe length for messages.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).filter(|c| !c.is_control()).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}
