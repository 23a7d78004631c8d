//! The CDS Hooks request: validation, prefetch, FHIR server fallback, and the cards.

use axum::http::StatusCode;
use serde_json::{Map, Value};
use stenosis_fhir::{CodeMap, Date, Reader};

use crate::outcome::ApiError;

/// A service this server offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// `{id}` in `/cds-services/{id}`.
    pub id: &'static str,
    /// The hook it answers.
    pub hook: &'static str,
    /// Title.
    pub title: &'static str,
    /// Description.
    pub description: &'static str,
}

/// The services: `patient-view` and `order-select`.
pub const SERVICES: &[Service] = &[
    Service {
        id: "stenosis-patient-view",
        hook: "patient-view",
        title: "Leg symptoms: could this be the cervical cord?",
        description: "Likelihood of degenerative cervical myelopathy, differential, red flags, imaging urgency and pathway from the patient's recorded findings. Decision support for clinicians, not a diagnosis.",
    },
    Service {
        id: "stenosis-order-select",
        hook: "order-select",
        title: "Leg symptoms: check the cervical cord before the order",
        description: "When an order is selected, the same assessment: red flags and whether cervical cord compression should be considered before lumbar work-up. Decision support for clinicians, not a diagnosis.",
    },
];

/// The discovery document for a code map.
#[must_use]
pub fn discovery(map: &CodeMap) -> Value {
    let prefetch: Map<String, Value> =
        map.prefetch_templates().into_iter().map(|(k, v)| (k.to_owned(), Value::String(v))).collect();
    let services: Vec<Value> = SERVICES
        .iter()
        .map(|s| {
            serde_json::json!({
                "hook": s.hook,
                "id": s.id,
                "title": s.title,
                "description": s.description,
                "prefetch": prefetch,
                "usageRequirements": "Codes outside the built-in verified set need the site's code map (see the README)."
            })
        })
        .collect();
    serde_json::json!({ "services": services })
}

/// A validated hook request.
#[derive(Debug)]
pub struct HookRequest {
    /// The hook instance id (logged).
    pub hook_instance: String,
    /// The patient in context.
    pub patient_id: String,
    /// The client's FHIR server.
    pub fhir_server: Option<String>,
    /// The FHIR access token (never logged or stored).
    pub access_token: Option<String>,
    /// The prefetch object (may be empty).
    pub prefetch: Map<String, Value>,
}

fn string_field<'v>(
    obj: &'v Map<String, Value>,
    path: &str,
    key: &str,
    required: bool,
) -> Result<Option<&'v str>, ApiError> {
    match obj.get(key) {
        None if required => Err(ApiError::invalid(format!("{path}{key}: required"))),
        None => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s)),
        Some(Value::String(_)) => Err(ApiError::invalid(format!("{path}{key}: must not be empty"))),
        Some(_) => Err(ApiError::invalid(format!("{path}{key}: must be a string"))),
    }
}

fn is_fhir_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Validates a request body for a service.
pub fn validate(service: &Service, body: &[u8]) -> Result<HookRequest, ApiError> {
    let mut v: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid(format!("request body is not valid JSON (line {}, column {})", e.line(), e.column()))
    })?;
    let obj = v.as_object().ok_or_else(|| ApiError::invalid("request body must be a JSON object"))?;
    let hook = string_field(obj, "", "hook", true)?.unwrap_or_default();
    if hook != service.hook {
        return Err(ApiError::invalid(format!("hook: this service answers \"{}\"", service.hook)));
    }
    let hook_instance = string_field(obj, "", "hookInstance", true)?.unwrap_or_default().to_owned();
    if hook_instance.len() > 128 {
        return Err(ApiError::invalid("hookInstance: longer than 128 characters"));
    }
    let context = match obj.get("context") {
        Some(Value::Object(c)) => c,
        Some(_) => return Err(ApiError::invalid("context: must be an object")),
        None => return Err(ApiError::invalid("context: required")),
    };
    let patient_id = string_field(context, "context.", "patientId", true)?.unwrap_or_default().to_owned();
    if !is_fhir_id(&patient_id) {
        return Err(ApiError::invalid("context.patientId: must be a FHIR id (letters, digits, '-', '.'; up to 64)"));
    }
    string_field(context, "context.", "userId", true)?;
    string_field(context, "context.", "encounterId", false)?;
    if service.hook == "order-select" {
        match context.get("selections") {
            Some(Value::Array(a)) if a.iter().all(Value::is_string) => {}
            Some(_) => return Err(ApiError::invalid("context.selections: must be an array of strings")),
            None => return Err(ApiError::invalid("context.selections: required for order-select")),
        }
        match context.get("draftOrders") {
            Some(Value::Object(_)) => {}
            Some(_) => return Err(ApiError::invalid("context.draftOrders: must be an object (a Bundle)")),
            None => return Err(ApiError::invalid("context.draftOrders: required for order-select")),
        }
    }
    let fhir_server = string_field(obj, "", "fhirServer", false)?.map(str::to_owned);
    if let Some(s) = &fhir_server {
        if !(s.starts_with("https://") || s.starts_with("http://")) {
            return Err(ApiError::invalid("fhirServer: must be an http(s) URL"));
        }
    }
    let access_token = match obj.get("fhirAuthorization") {
        None => None,
        Some(Value::Object(a)) => {
            let token = string_field(a, "fhirAuthorization.", "access_token", true)?.unwrap_or_default().to_owned();
            let tt = string_field(a, "fhirAuthorization.", "token_type", true)?.unwrap_or_default();
            if !tt.eq_ignore_ascii_case("bearer") {
                return Err(ApiError::invalid("fhirAuthorization.token_type: must be \"Bearer\""));
            }
            string_field(a, "fhirAuthorization.", "scope", true)?;
            string_field(a, "fhirAuthorization.", "subject", true)?;
            match a.get("expires_in") {
                Some(Value::Number(n)) if n.as_u64().is_some() => {}
                Some(_) => return Err(ApiError::invalid("fhirAuthorization.expires_in: must be a whole number")),
                None => return Err(ApiError::invalid("fhirAuthorization.expires_in: required")),
            }
            if fhir_server.is_none() {
                return Err(ApiError::invalid("fhirServer: required when fhirAuthorization is given"));
            }
            Some(token)
        }
        Some(_) => return Err(ApiError::invalid("fhirAuthorization: must be an object")),
    };
    match obj.get("prefetch") {
        None => {}
        Some(Value::Object(p)) => {
            for (k, v) in p {
                if !(v.is_object() || v.is_null()) {
                    return Err(ApiError::invalid(format!("prefetch.{k}: must be a FHIR resource or null")));
                }
                if let Some(o) = v.as_object() {
                    if !o.get("resourceType").is_some_and(Value::is_string) {
                        return Err(ApiError::invalid(format!("prefetch.{k}: a FHIR resource needs a resourceType")));
                    }
                }
            }
        }
        Some(_) => return Err(ApiError::invalid("prefetch: must be an object")),
    }
    // Validated: now take it out of the parsed request instead of copying it.
    let prefetch = match v.get_mut("prefetch").map(Value::take) {
        Some(Value::Object(p)) => p,
        _ => Map::new(),
    };
    Ok(HookRequest { hook_instance, patient_id, fhir_server, access_token, prefetch })
}

/// Fills the prefetch keys the client left out from its FHIR server; 412 when neither way works.
pub async fn complete_prefetch(req: &mut HookRequest, map: &CodeMap, http: &reqwest::Client) -> Result<(), ApiError> {
    // Left out, or (when the FHIR server can be asked instead) an OperationOutcome: the client's
    // own report that it could not get the data. `null` means "no data" and is kept.
    let has_server = req.fhir_server.is_some();
    let missing: Vec<(&'static str, String)> = map
        .prefetch_templates()
        .into_iter()
        .filter(|(k, _)| match req.prefetch.get(*k) {
            None => true,
            Some(v) => has_server && v.get("resourceType").and_then(Value::as_str) == Some("OperationOutcome"),
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let Some(server) = req.fhir_server.clone() else {
        let keys: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
        return Err(ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "incomplete",
            format!("prefetch {} not given and no fhirServer to fetch them from", keys.join(", ")),
        ));
    };
    for (key, template) in missing {
        let url =
            format!("{}/{}", server.trim_end_matches('/'), template.replace("{{context.patientId}}", &req.patient_id));
        let mut rq = http.get(&url).header("Accept", "application/fhir+json");
        if let Some(t) = &req.access_token {
            rq = rq.bearer_auth(t);
        }
        let fail = |why: String| {
            ApiError::new(StatusCode::PRECONDITION_FAILED, "incomplete", format!("prefetch {key}: {why}"))
        };
        let resp = rq.send().await.map_err(|e| {
            fail(if e.is_timeout() {
                "the FHIR server timed out".into()
            } else {
                "the FHIR server could not be reached".into()
            })
        })?;
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_FOUND && key == "patient" {
            req.prefetch.insert(key.to_owned(), Value::Null);
            continue;
        }
        if !status.is_success() {
            return Err(fail(format!("the FHIR server answered HTTP {}", status.as_u16())));
        }
        let v: Value = resp.json().await.map_err(|_| fail("the FHIR server's answer is not JSON".into()))?;
        if !v.get("resourceType").is_some_and(Value::is_string) {
            return Err(fail("the FHIR server's answer is not a FHIR resource".into()));
        }
        req.prefetch.insert(key.to_owned(), v);
    }
    Ok(())
}

/// The CDS Hooks response for a complete request: cards from the engine, each with a `uuid`.
#[must_use]
pub fn respond(req: &HookRequest, map: &CodeMap, today: Date) -> Value {
    let read = Reader::new(map, today).for_patient(Some(&req.patient_id)).read_prefetch(&req.prefetch);
    let response = stenosis_core::cds_hooks_response(&stenosis_core::assess(&read.presentation));
    let mut v = serde_json::to_value(&response).unwrap_or_else(|_| serde_json::json!({"cards": []}));
    let p = &read.provenance;
    let findings = p.fields.iter().filter(|f| f.field.starts_with("findings.")).count();
    let mut note = format!(
        "\n\n**From the record:** {findings} finding(s) read from FHIR; {} resource(s) or code(s) not used \
         (codes outside the built-in verified set need the site's code map). Findings not in the record are \
         treated as not assessed, never as absent.",
        p.unused.len()
    );
    for n in &p.notes {
        if n.starts_with("prefetch.") {
            note.push_str(&format!(" {n}."));
        }
    }
    if p.notes.iter().any(|n| n.contains("OperationOutcome") || n.contains("null")) {
        note.push_str(" What that data would have shown is unknown.");
    }
    if let Some(Value::Array(cards)) = v.get_mut("cards") {
        if let Some(Value::String(d)) = cards.last_mut().and_then(|c| c.get_mut("detail")) {
            d.push_str(&note);
        }
        for c in cards {
            if let Some(o) = c.as_object_mut() {
                o.insert("uuid".into(), Value::String(uuid::Uuid::new_v4().to_string()));
            }
        }
    }
    v
}

/// Validates a feedback body: `{"feedback": [{"card": uuid, "outcome": "accepted" | "overridden", "outcomeTimestamp": ...}]}`.
pub fn validate_feedback(body: &[u8]) -> Result<usize, ApiError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid(format!("request body is not valid JSON (line {}, column {})", e.line(), e.column()))
    })?;
    let list = match v.get("feedback") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err(ApiError::invalid("feedback: must be an array")),
        None => return Err(ApiError::invalid("feedback: required")),
    };
    for (i, f) in list.iter().enumerate() {
        let o = f.as_object().ok_or_else(|| ApiError::invalid(format!("feedback[{i}]: must be an object")))?;
        string_field(o, &format!("feedback[{i}]."), "card", true)?;
        match string_field(o, &format!("feedback[{i}]."), "outcome", true)? {
            Some("accepted" | "overridden") => {}
            _ => {
                return Err(ApiError::invalid(format!("feedback[{i}].outcome: must be \"accepted\" or \"overridden\"")))
            }
        }
        string_field(o, &format!("feedback[{i}]."), "outcomeTimestamp", true)?;
    }
    Ok(list.len())
}
