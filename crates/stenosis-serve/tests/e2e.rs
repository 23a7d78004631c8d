//! End to end: the real `stenosis-serve` binary on a loopback port, a FHIR server and a JWK Set
//! endpoint served by this test over loopback, and a real HTTP client. Tokens are signed with the
//! CDS Hooks specification's example ES384 key.
//!
//! With `STENOSIS_FHIR_ARTIFACTS=DIR` the test also writes what it received and sent (discovery,
//! hook responses, OperationOutcomes, the Bundles its FHIR server served) to DIR, for the
//! validators run by `scripts/test-fhir.sh`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

const ISS: &str = "https://fhir-ehr.example.com/";

fn fixture(name: &str) -> String {
    let p = format!("{}/tests/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn example_bundle() -> Value {
    let p = format!("{}/../../examples/fhir/cauda-equina.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).expect("example")).expect("json")
}

fn artifact(name: &str, v: &Value) {
    if let Ok(dir) = std::env::var("STENOSIS_FHIR_ARTIFACTS") {
        let _ = std::fs::create_dir_all(&dir);
        std::fs::write(format!("{dir}/{name}.json"), serde_json::to_string_pretty(v).unwrap_or_default())
            .expect("write artifact");
    }
}

#[derive(Clone, Default)]
struct Fhir {
    seen_tokens: Arc<Mutex<Vec<String>>>,
}

fn searchset(resources: Vec<Value>) -> Value {
    json!({"resourceType": "Bundle", "type": "searchset", "total": resources.len(),
           "entry": resources.into_iter().map(|r| json!({"resource": r})).collect::<Vec<_>>()})
}

fn of_type(kind: &str, patient: &str) -> Vec<Value> {
    if patient != "ces-1" {
        return Vec::new();
    }
    example_bundle()["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["resource"].clone())
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

async fn fhir_read(State(f): State<Fhir>, headers: HeaderMap, Path(id): Path<String>) -> (StatusCode, Json<Value>) {
    if let Some(a) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
        f.seen_tokens.lock().expect("lock").push(a.to_owned());
    }
    match id.as_str() {
        "ces-1" => (StatusCode::OK, Json(of_type("Patient", "ces-1").remove(0))),
        "1288992" => {
            let spec: Value = serde_json::from_str(&fixture("spec/patient-view-request.json")).expect("spec");
            (StatusCode::OK, Json(spec["prefetch"]["patientToGreet"].clone()))
        }
        _ => (
            StatusCode::NOT_FOUND,
            Json(json!({"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-found"}]})),
        ),
    }
}

async fn fhir_search(
    State(f): State<Fhir>,
    headers: HeaderMap,
    Path(kind): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Json<Value> {
    if let Some(a) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
        f.seen_tokens.lock().expect("lock").push(a.to_owned());
    }
    let patient = q.get("patient").cloned().unwrap_or_default();
    let b = searchset(of_type(&kind, &patient));
    artifact(&format!("bundle-{kind}-{patient}"), &b);
    Json(b)
}

async fn jwks() -> Json<Value> {
    Json(serde_json::from_str(&fixture("spec/example-jwks.json")).expect("jwks"))
}

async fn start_fhir() -> (String, Fhir) {
    let f = Fhir::default();
    let app = Router::new()
        .route("/fhir/Patient/{id}", get(fhir_read))
        .route("/fhir/{kind}", get(fhir_search))
        .route("/jwks.json", get(jwks))
        .route(
            "/slow/{*rest}",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(20)).await;
                Json(searchset(Vec::new()))
            }),
        )
        .with_state(f.clone());
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = l.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(l, app).await });
    (format!("http://{addr}"), f)
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(config: &str, extra: &[&str]) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let base = format!("http://127.0.0.1:{port}");
    let dir = std::env::temp_dir().join(format!("stenosis-serve-e2e-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let cfg = dir.join("config.toml");
    std::fs::write(&cfg, config.replace("{BASE}", &base)).expect("config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_stenosis-serve"))
        .args(["--listen", &format!("127.0.0.1:{port}"), "--config", cfg.to_str().expect("utf8")])
        .args(extra)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start stenosis-serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("listening on") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(30)).expect("the server did not start");
    Server { child, base }
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn token_with(alg: Algorithm, jku: &str, aud: &str, exp: i64, jti: &str) -> String {
    let mut h = Header::new(alg);
    h.kid = Some("example-kid".into());
    h.jku = Some(jku.into());
    let key = match alg {
        Algorithm::ES384 => EncodingKey::from_ec_pem(fixture("spec/example-private-key.pem").as_bytes()).expect("key"),
        _ => EncodingKey::from_secret(b"a shared secret, long enough for HS384 signing keys").expect("key"),
    };
    let claims = json!({"iss": ISS, "aud": aud, "exp": exp, "iat": now(), "jti": jti});
    jsonwebtoken::encode(&h, &claims, &key).expect("sign")
}

fn token(fhir: &str, aud: &str) -> String {
    token_with(Algorithm::ES384, &format!("{fhir}/jwks.json"), aud, now() + 300, &uuid::Uuid::new_v4().to_string())
}

fn config(fhir: &str) -> String {
    format!(
        "base_url = \"{{BASE}}\"\nallowed_origins = [\"https://ehr.example.org\"]\nbody_limit_bytes = 65536\n\
         [[clients]]\niss = \"{ISS}\"\njku = [\"{fhir}/jwks.json\"]\n"
    )
}

fn hook_request(patient: &str, fhir: Option<&str>) -> Value {
    let mut r = json!({
        "hook": "patient-view",
        "hookInstance": uuid::Uuid::new_v4().to_string(),
        "context": {"userId": "Practitioner/example", "patientId": patient}
    });
    if let Some(f) = fhir {
        r["fhirServer"] = json!(format!("{f}/fhir"));
        r["fhirAuthorization"] = json!({"access_token": "some-opaque-fhir-access-token", "token_type": "Bearer",
            "expires_in": 300, "scope": "user/Patient.read user/Observation.read user/Condition.read", "subject": "cds-service4"});
    }
    r
}

async fn post(c: &reqwest::Client, url: &str, bearer: Option<&str>, body: String) -> (u16, Value) {
    let mut rq = c.post(url).header("Content-Type", "application/json").body(body);
    if let Some(t) = bearer {
        rq = rq.bearer_auth(t);
    }
    let r = rq.send().await.expect("request");
    let status = r.status().as_u16();
    let text = r.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

#[tokio::test(flavor = "multi_thread")]
async fn service_end_to_end() {
    let (fhir, fhir_state) = start_fhir().await;
    let s = start_server(&config(&fhir), &[]);
    let c = reqwest::Client::new();
    let hook_url = format!("{}/cds-services/stenosis-patient-view", s.base);

    // Health needs no token.
    let h = c.get(format!("{}/health", s.base)).send().await.expect("health");
    assert_eq!(h.status().as_u16(), 200);

    // Discovery, with a token whose aud is the discovery URL.
    let disco_url = format!("{}/cds-services", s.base);
    let d = c.get(&disco_url).bearer_auth(token(&fhir, &disco_url)).send().await.expect("discovery");
    assert_eq!(d.status().as_u16(), 200);
    let d: Value = d.json().await.expect("json");
    artifact("discovery", &d);
    let hooks: Vec<&str> =
        d["services"].as_array().expect("services").iter().filter_map(|s| s["hook"].as_str()).collect();
    assert_eq!(hooks, ["patient-view", "order-select"]);
    assert!(d["services"][0]["prefetch"]["observations"].as_str().is_some_and(|t| t.contains("449813001")));

    // The cauda equina patient, with no prefetch: fetched from the FHIR server with the token.
    let (status, body) =
        post(&c, &hook_url, Some(&token(&fhir, &hook_url)), hook_request("ces-1", Some(&fhir)).to_string()).await;
    assert_eq!(status, 200, "{body}");
    artifact("response-cauda-equina", &body);
    let cards = body["cards"].as_array().expect("cards");
    assert_eq!(cards[0]["indicator"], "critical", "{body}");
    assert!(cards.iter().all(|c| c["uuid"].as_str().is_some_and(|u| u.len() == 36)));
    let seen = fhir_state.seen_tokens.lock().expect("lock").clone();
    assert!(seen.len() >= 4 && seen.iter().all(|t| t == "Bearer some-opaque-fhir-access-token"), "{seen:?}");

    // The same patient in prefetch (a searchset, null and an OperationOutcome told apart).
    let mut req = hook_request("ces-1", None);
    let b = example_bundle();
    let res = |i: usize| b["entry"][i]["resource"].clone();
    req["prefetch"] = json!({
        "patient": res(0),
        "conditions": searchset(vec![res(1), res(3)]),
        "observations": searchset(vec![res(2)]),
        "reports": null
    });
    let (status, body) = post(&c, &hook_url, Some(&token(&fhir, &hook_url)), req.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cards"][0]["indicator"], "critical");

    assert!(body["cards"]
        .as_array()
        .and_then(|c| c.last())
        .and_then(|c| c["detail"].as_str())
        .is_some_and(|d| d.contains("prefetch.reports: null") && d.contains("never as absent")));

    // An OperationOutcome in prefetch (the client could not get the data) is fetched again from
    // the FHIR server when there is one.
    let mut req = hook_request("ces-1", Some(&fhir));
    req["prefetch"] = json!({
        "patient": res(0),
        "conditions": searchset(vec![res(1)]),
        "observations": {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "timeout"}]},
        "reports": null
    });
    let calls_before = fhir_state.seen_tokens.lock().expect("lock").len();
    let (status, body) = post(&c, &hook_url, Some(&token(&fhir, &hook_url)), req.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cards"][0]["indicator"], "critical");
    assert_eq!(fhir_state.seen_tokens.lock().expect("lock").len(), calls_before + 1, "only observations fetched");
    artifact("response-refetched", &body);

    // The specification's own example request, its fhirServer pointed at this test's server.
    let mut spec: Value = serde_json::from_str(&fixture("spec/patient-view-request.json")).expect("spec");
    spec["fhirServer"] = json!(format!("{fhir}/fhir"));
    let (status, body) = post(&c, &hook_url, Some(&token(&fhir, &hook_url)), spec.to_string()).await;
    assert_eq!(status, 200, "{body}");
    artifact("response-spec-patient-view", &body);
    assert!(!body["cards"].as_array().expect("cards").is_empty());

    // The specification's order-select example context, with every prefetch key null (no data).
    let os_url = format!("{}/cds-services/stenosis-order-select", s.base);
    let ctx: Value = serde_json::from_str(&fixture("spec/order-select-context.json")).expect("ctx");
    let os = json!({"hook": "order-select", "hookInstance": uuid::Uuid::new_v4().to_string(), "context": ctx["context"],
        "prefetch": {"patient": null, "conditions": null, "observations": null, "reports": null}});
    let (status, body) = post(&c, &os_url, Some(&token(&fhir, &os_url)), os.to_string()).await;
    assert_eq!(status, 200, "{body}");
    artifact("response-spec-order-select", &body);

    // Feedback.
    let fb_url = format!("{hook_url}/feedback");
    let fb = json!({"feedback": [{"card": cards[0]["uuid"], "outcome": "accepted", "outcomeTimestamp": "2026-12-01T10:00:00Z"}]});
    let (status, _) = post(&c, &fb_url, Some(&token(&fhir, &fb_url)), fb.to_string()).await;
    assert_eq!(status, 200);

    // CORS preflight: allowed origin gets the headers, another origin does not.
    let pre = |origin: &'static str| {
        c.request(reqwest::Method::OPTIONS, &hook_url)
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,authorization")
            .send()
    };
    let ok = pre("https://ehr.example.org").await.expect("preflight");
    assert_eq!(
        ok.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("https://ehr.example.org")
    );
    let allow = ok
        .headers()
        .get("access-control-allow-headers")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(allow.contains("authorization") && allow.contains("content-type"), "{allow}");
    let bad = pre("https://evil.example.net").await.expect("preflight");
    assert!(bad.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_get_a_4xx_operation_outcome_and_the_service_stays_up() {
    let (fhir, _) = start_fhir().await;
    let s = start_server(&config(&fhir), &[]);
    let c = reqwest::Client::new();
    let url = format!("{}/cds-services/stenosis-patient-view", s.base);
    let good = hook_request("ces-1", Some(&fhir)).to_string();
    let t = || Some(token(&fhir, &url));
    let jku = format!("{fhir}/jwks.json");
    let replayed = token(&fhir, &url);
    let (first, _) = post(&c, &url, Some(&replayed), good.clone()).await;
    assert_eq!(first, 200);

    let mut missing_context = hook_request("ces-1", None);
    missing_context.as_object_mut().map(|o| o.remove("context"));
    let mut wrong_type = hook_request("ces-1", None);
    wrong_type["context"]["patientId"] = json!(42);
    let mut bad_prefetch = hook_request("ces-1", None);
    bad_prefetch["prefetch"] = json!({"patient": "Patient/1"});
    let mut auth_no_server = hook_request("ces-1", Some(&fhir));
    auth_no_server.as_object_mut().map(|o| o.remove("fhirServer"));
    let huge = format!("{{\"hook\": \"patient-view\", \"pad\": \"{}\"}}", "x".repeat(200_000));
    let cases: Vec<(&str, Option<String>, String, u16, &str)> = vec![
        ("bad JSON", t(), "{\"hook\": ".into(), 400, "not valid JSON"),
        ("not an object", t(), "[1, 2]".into(), 400, "JSON object"),
        ("missing context", t(), missing_context.to_string(), 400, "context"),
        ("wrong type", t(), wrong_type.to_string(), 400, "context.patientId"),
        ("wrong hook", t(), good.replace("patient-view", "order-sign"), 400, "hook"),
        ("prefetch not a resource", t(), bad_prefetch.to_string(), 400, "prefetch.patient"),
        ("fhirAuthorization without fhirServer", t(), auth_no_server.to_string(), 400, "fhirServer"),
        ("huge body", t(), huge, 413, "larger than"),
        ("no data either way", t(), hook_request("ces-1", None).to_string(), 412, "prefetch"),
        ("no token", None, good.clone(), 401, "Authorization"),
        ("garbage token", Some("abc.def".into()), good.clone(), 401, "JWT"),
        (
            "expired token",
            Some(token_with(Algorithm::ES384, &jku, &url, now() - 3600, "old")),
            good.clone(),
            401,
            "expired",
        ),
        ("replayed token", Some(replayed), good.clone(), 401, "replay"),
        (
            "wrong aud",
            Some(token(&fhir, "https://cds.example.org/cds-services/stenosis-patient-view")),
            good.clone(),
            401,
            "aud",
        ),
        ("HMAC token", Some(token_with(Algorithm::HS384, &jku, &url, now() + 300, "hs")), good.clone(), 401, "HMAC"),
        (
            "jku not allowed",
            Some(token_with(Algorithm::ES384, "https://evil.example.net/jwks", &url, now() + 300, "j")),
            good.clone(),
            401,
            "jku",
        ),
    ];
    for (name, bearer, body, want, says) in cases {
        let (status, oo) = post(&c, &url, bearer.as_deref(), body).await;
        assert_eq!(status, want, "{name}: {oo}");
        assert_eq!(oo["resourceType"], "OperationOutcome", "{name}: {oo}");
        let diag = oo["issue"][0]["diagnostics"].as_str().unwrap_or("");
        assert!(diag.contains(says), "{name}: {diag}");
        artifact(&format!("outcome-{}", name.replace(' ', "-")), &oo);
    }
    // alg none, hand-built.
    use base64::Engine as _;
    let b64 = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let none = format!(
        "{}.{}.",
        b64(json!({"alg": "none", "typ": "JWT", "kid": "example-kid"})),
        b64(json!({"iss": ISS, "aud": url, "exp": now() + 300, "iat": now(), "jti": "n"}))
    );
    let (status, oo) = post(&c, &url, Some(&none), good.clone()).await;
    assert_eq!((status, oo["resourceType"].as_str()), (401, Some("OperationOutcome")));
    // Wrong content type, unknown service, wrong method.
    let r = c
        .post(&url)
        .bearer_auth(token(&fhir, &url))
        .header("Content-Type", "text/plain")
        .body(good.clone())
        .send()
        .await
        .expect("rq");
    assert_eq!(r.status().as_u16(), 415);
    let other = format!("{}/cds-services/nope", s.base);
    let (status, oo) = post(&c, &other, Some(&token(&fhir, &other)), good.clone()).await;
    assert_eq!((status, oo["resourceType"].as_str()), (404, Some("OperationOutcome")));
    let r = c.get(&url).send().await.expect("rq");
    assert_eq!(r.status().as_u16(), 405);

    // Still up and answering.
    let (status, body) = post(&c, &url, t().as_deref(), good).await;
    assert_eq!(status, 200, "{body}");
}

#[test]
fn refuses_to_start_without_auth_config_and_stops_on_sigterm() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_stenosis-serve")).args(["--listen", "127.0.0.1:0"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--insecure-no-auth"));

    let mut s = start_server("", &["--insecure-no-auth"]);
    let pid = s.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().expect("kill");
    assert!(killed.success());
    let mut code = None;
    for _ in 0..100 {
        if let Ok(Some(st)) = s.child.try_wait() {
            code = st.code();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(code, Some(0), "graceful shutdown on SIGTERM exits 0");
}

/// The project's bad-input catalog (`tests/bad-input`): every case's bytes as the hook request
/// body, and every JSON case where a FHIR resource goes (`prefetch.patient`). Each gets a 4xx
/// with an OperationOutcome, never a 5xx, and the service keeps serving.
#[tokio::test(flavor = "multi_thread")]
async fn the_bad_input_catalog_gets_4xx_operation_outcomes() {
    let s = start_server("", &["--insecure-no-auth"]);
    let c = reqwest::Client::new();
    let url = format!("{}/cds-services/stenosis-patient-view", s.base);
    let dir = format!("{}/../../tests/bad-input/cases", env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<_> =
        std::fs::read_dir(&dir).expect("catalog").filter_map(Result::ok).map(|e| e.path()).collect();
    cases.sort();
    assert!(cases.len() >= 50, "the catalog has its cases");
    for path in cases {
        let bytes = std::fs::read(&path).expect("case");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_owned();
        let r = c.post(&url).header("Content-Type", "application/json").body(bytes.clone()).send().await.expect("rq");
        let status = r.status().as_u16();
        let oo: Value = r.json().await.unwrap_or(Value::Null);
        assert!((400..500).contains(&status), "{name} as the body: {status}");
        assert_eq!(oo["resourceType"], "OperationOutcome", "{name}");
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            let mut req = hook_request("p1", None);
            req["prefetch"] = json!({"patient": v, "conditions": null, "observations": null, "reports": null});
            let (status, oo) = post(&c, &url, None, req.to_string()).await;
            assert!((400..500).contains(&status) || status == 200, "{name} as prefetch.patient: {status}");
            if status != 200 {
                assert_eq!(oo["resourceType"], "OperationOutcome", "{name}");
            }
        }
    }
    let h = c.get(format!("{}/health", s.base)).send().await.expect("health");
    assert_eq!(h.status().as_u16(), 200);
}

/// A FHIR server slower than `request_timeout_ms`: the call ends with an OperationOutcome (412 or
/// 503, whichever timer fires first) instead of waiting for it, and the service keeps serving.
#[tokio::test(flavor = "multi_thread")]
async fn a_slow_fhir_server_hits_the_request_timeout() {
    let (fhir, _) = start_fhir().await;
    let s = start_server("request_timeout_ms = 300", &["--insecure-no-auth"]);
    let c = reqwest::Client::new();
    let url = format!("{}/cds-services/stenosis-patient-view", s.base);
    let mut req = hook_request("ces-1", None);
    req["fhirServer"] = json!(format!("{fhir}/slow"));
    let (status, oo) = post(&c, &url, None, req.to_string()).await;
    assert!(status == 412 || status == 503, "{status}: {oo}");
    assert_eq!(oo["resourceType"], "OperationOutcome");
    let h = c.get(format!("{}/health", s.base)).send().await.expect("health");
    assert_eq!(h.status().as_u16(), 200);
}
