//! Errors as FHIR `OperationOutcome` bodies (CDS Hooks 3.0 ballot: "services SHOULD return an
//! OperationOutcome on non-2xx").

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answer: HTTP status, FHIR issue type code and a message naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// FHIR `IssueType` code (`invalid`, `security`, `not-found`, `too-long`, `timeout`, ...).
    pub code: &'static str,
    /// What went wrong (never patient data or tokens).
    pub message: String,
}

impl ApiError {
    /// A new error.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into() }
    }

    /// 400, issue type `invalid`.
    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid", message)
    }

    /// The OperationOutcome body.
    #[must_use]
    pub fn body(&self) -> serde_json::Value {
        operation_outcome("error", self.code, &self.message)
    }
}

/// An OperationOutcome with one issue.
#[must_use]
pub fn operation_outcome(severity: &str, code: &str, diagnostics: &str) -> serde_json::Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}]
    })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, self.body().to_string()).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/fhir+json"));
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}
