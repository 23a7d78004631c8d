//! # stenosis-serve
//!
//! A CDS Hooks 2.0 service for the stenosis engine (axum on tokio):
//!
//! - `GET /cds-services`: discovery, with `patient-view` and `order-select` services whose
//!   prefetch templates are generated from the code map;
//! - `POST /cds-services/{id}`: the hook call. The request is validated; prefetch keys given as
//!   resources, `null` (no data) or `OperationOutcome` (the client's error) are told apart;
//!   keys left out are fetched from `fhirServer` with the `fhirAuthorization` token (never
//!   logged or stored); `412` with an OperationOutcome when the data can be had neither way.
//!   Cards come from the engine, each with a `uuid`;
//! - `POST /cds-services/{id}/feedback`;
//! - `GET /health` (no authentication).
//!
//! Security follows "Trusting CDS Clients" (see [`auth`]). Errors are `OperationOutcome`
//! bodies. Logs (tracing) carry hookInstance, service, status and latency, never patient data.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod auth;
pub mod config;
pub mod hooks;
pub mod outcome;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use stenosis_fhir::{CodeMap, Date, SiteMapFormat};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use config::Config;
use hooks::SERVICES;
use outcome::ApiError;

/// Everything a request needs.
pub struct AppState {
    /// The configuration.
    pub config: Config,
    /// The code map (built in plus site).
    pub map: CodeMap,
    /// The JWT verifier; `None` only with `--insecure-no-auth`.
    pub auth: Option<auth::Auth>,
    /// HTTP client for FHIR servers and JWK Sets.
    pub http: reqwest::Client,
    /// The discovery document (built once).
    pub discovery: String,
}

fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl AppState {
    /// Builds the state from a configuration; reads the site map and JWK Set files it names.
    pub fn new(config: Config, insecure_no_auth: bool) -> Result<Self, String> {
        config.validate()?;
        // No redirects: the FHIR access token must go to the fhirServer the client named and
        // nowhere else.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_millis(config.request_timeout_ms))
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        let mut map = CodeMap::builtin();
        if let Some(path) = &config.site_map {
            let text = std::fs::read_to_string(path).map_err(|e| format!("config: site_map {path}: {e}"))?;
            map = map
                .with_site_map(&text, SiteMapFormat::from_path(path))
                .map_err(|e| format!("site map {path}: {e}"))?;
        }
        let auth = if insecure_no_auth {
            None
        } else {
            if config.base_url.is_none() || config.clients.is_empty() {
                return Err("authentication is on: the config file needs base_url and at least one [[clients]] entry \
                            (or run with --insecure-no-auth for a local trial)"
                    .into());
            }
            let mut texts = Vec::new();
            for (i, c) in config.clients.iter().enumerate() {
                texts.push(match &c.jwks_file {
                    Some(p) => Some(
                        std::fs::read_to_string(p).map_err(|e| format!("config: clients[{i}].jwks_file {p}: {e}"))?,
                    ),
                    None => None,
                });
            }
            Some(auth::Auth::new(&config.clients, &texts, http.clone())?)
        };
        let discovery = hooks::discovery(&map).to_string();
        Ok(AppState { config, map, auth, http, discovery })
    }

    async fn check(&self, headers: &HeaderMap, uri: &Uri) -> Result<(), ApiError> {
        let Some(auth) = &self.auth else { return Ok(()) };
        let base = self.config.base_url.as_deref().unwrap_or("");
        let audience = format!("{base}{}", uri.path());
        let value = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        auth.verify(value, &audience, now_unix())
            .await
            .map(|_| ())
            .map_err(|e| ApiError::new(StatusCode::UNAUTHORIZED, "security", e.0))
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

async fn health() -> Response {
    json_response(StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
}

async fn discovery(State(st): State<Arc<AppState>>, headers: HeaderMap, uri: Uri) -> Response {
    match st.check(&headers, &uri).await {
        Ok(()) => json_response(StatusCode::OK, st.discovery.clone()),
        Err(e) => {
            tracing::warn!(path = "/cds-services", status = e.status.as_u16(), "refused");
            e.into_response()
        }
    }
}

/// Reads the body up to the limit. A larger body is still read (and dropped) up to 16 times the
/// limit, so that the client gets the 413 instead of a reset connection.
async fn read_body(st: &AppState, mut body: Body) -> Result<Bytes, ApiError> {
    use http_body_util::BodyExt as _;
    let limit = st.config.body_limit_bytes;
    let drain_max = limit.saturating_mul(16);
    let mut buf = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| ApiError::invalid("request body could not be read"))?;
        if let Ok(data) = frame.into_data() {
            total = total.saturating_add(data.len());
            if total <= limit {
                buf.extend_from_slice(&data);
            } else if total > drain_max {
                break;
            }
        }
    }
    if total > limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-long",
            format!("request body larger than {limit} bytes"),
        ));
    }
    Ok(Bytes::from(buf))
}

fn find_service(id: &str) -> Result<&'static hooks::Service, ApiError> {
    SERVICES.iter().find(|s| s.id == id).ok_or_else(|| {
        ApiError::new(StatusCode::NOT_FOUND, "not-found", "no such CDS service (GET /cds-services lists them)")
    })
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

async fn call(
    st: &AppState,
    id: &str,
    headers: &HeaderMap,
    uri: &Uri,
    body: Body,
) -> Result<(String, Response), ApiError> {
    let service = find_service(id)?;
    st.check(headers, uri).await?;
    if !is_json(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-supported",
            "Content-Type must be application/json",
        ));
    }
    let bytes = read_body(st, body).await?;
    let mut req = hooks::validate(service, &bytes)?;
    let instance = req.hook_instance.clone();
    hooks::complete_prefetch(&mut req, &st.map, &st.http).await?;
    let today = Date::from_unix_seconds(now_unix());
    let v = hooks::respond(&req, &st.map, today);
    Ok((instance, json_response(StatusCode::OK, v.to_string())))
}

async fn hook(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Response {
    let started = Instant::now();
    let limit = Duration::from_millis(st.config.request_timeout_ms);
    let result = match tokio::time::timeout(limit, call(&st, &id, &headers, &uri, body)).await {
        Ok(r) => r,
        Err(_) => Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "timeout", "the request took too long")),
    };
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let service = SERVICES.iter().find(|s| s.id == id).map_or("unknown", |s| s.id);
    match result {
        Ok((instance, resp)) => {
            tracing::info!(
                hook_instance = %instance,
                service,
                engine = stenosis_core::ENGINE_VERSION,
                knowledge_base = stenosis_core::KNOWLEDGE_BASE_VERSION,
                status = 200,
                latency_ms,
                "hook answered"
            );
            resp
        }
        Err(e) => {
            tracing::warn!(service, status = e.status.as_u16(), latency_ms, reason = %e.code, "hook refused");
            e.into_response()
        }
    }
}

async fn feedback(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Response {
    let r = async {
        let service = find_service(&id)?;
        st.check(&headers, &uri).await?;
        let bytes = read_body(&st, body).await?;
        let n = hooks::validate_feedback(&bytes)?;
        tracing::info!(service = service.id, items = n, "feedback received");
        Ok::<_, ApiError>(json_response(StatusCode::OK, "{}".to_owned()))
    }
    .await;
    r.unwrap_or_else(IntoResponse::into_response)
}

async fn not_found() -> Response {
    ApiError::new(StatusCode::NOT_FOUND, "not-found", "no such endpoint").into_response()
}

async fn method_not_allowed() -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "not-supported", "method not allowed on this endpoint")
        .into_response()
}

/// The router, with CORS for the configured origins.
pub fn router(state: Arc<AppState>) -> Router {
    let origins: Vec<HeaderValue> =
        state.config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(600));
    Router::new()
        .route("/health", get(health))
        .route("/cds-services", get(discovery))
        .route("/cds-services/{id}", post(hook))
        .route("/cds-services/{id}/feedback", post(feedback))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(cors)
        .with_state(state)
}

/// Options of `stenosis serve`.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    pub listen: String,
    /// Configuration file (TOML).
    pub config: Option<String>,
    /// Run without authentication (local trials only).
    pub insecure_no_auth: bool,
}

async fn shutdown_signal(#[cfg(unix)] mut term: Option<tokio::signal::unix::Signal>) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match term.as_mut() {
            Some(s) => {
                s.recv().await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Runs the service until SIGTERM or Ctrl-C. Prints `listening on http://ADDR` on stderr once
/// the socket is bound.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STENOSIS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .json()
        .with_writer(std::io::stderr)
        .try_init();
    let config = match &opts.config {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("config {p}: {e}"))?;
            Config::from_toml(&text)?
        }
        None => Config::default(),
    };
    if opts.insecure_no_auth {
        tracing::warn!("--insecure-no-auth: JWT authentication is OFF; for local trials only, never with patient data");
        eprintln!("warning: --insecure-no-auth: authentication is OFF (local trials only, never with patient data)");
    }
    let state = Arc::new(AppState::new(config, opts.insecure_no_auth)?);
    let addr: SocketAddr =
        opts.listen.parse().map_err(|_| format!("--listen {}: not an address like 127.0.0.1:8080", opts.listen))?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("runtime: {e}"))?;
    rt.block_on(async move {
        // The SIGTERM handler is installed before the port is announced.
        #[cfg(unix)]
        let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("--listen {addr}: {e}"))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!("listening on http://{bound}");
        tracing::info!(%bound, "listening");
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal(
                #[cfg(unix)]
                term,
            ))
            .await
            .map_err(|e| format!("server: {e}"))
    })
}
