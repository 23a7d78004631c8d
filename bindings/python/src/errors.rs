//! Errors as Python sees them: `stenosis.InvalidPresentation` for bad input (built from the
//! core's structured `InputError`), `stenosis.InternalError` for a caught panic. The exception
//! classes are imported once and cached.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use stenosis_core as core;

/// An input error as the binding reports it: the field at fault, a stable kind id and a message
/// that names the field and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    /// The field (`age_years`, `findings.babinski_sign`, …), if one is at fault.
    pub field: Option<String>,
    /// A stable snake_case kind (`out_of_range`, `unknown_finding`, …).
    pub kind: &'static str,
    /// The full message.
    pub message: String,
}

impl BindError {
    /// A binding-side error (for Python values that JSON cannot carry).
    pub fn new(field: Option<&str>, kind: &'static str, reason: &str) -> Self {
        let message = match field {
            Some(f) => format!("{f}: {reason}"),
            None => reason.to_owned(),
        };
        BindError { field: field.map(str::to_owned), kind, message }
    }

    /// From a core error; `keep_position` keeps the JSON line/column suffix (JSON text input only).
    pub fn from_core(e: &core::InputError, keep_position: bool) -> Self {
        let message = if keep_position { e.message() } else { e.message_without_position() };
        BindError { field: e.field().map(str::to_owned), kind: e.kind().id(), message: message.to_owned() }
    }

    /// The Python exception: an instance of `stenosis.InvalidPresentation`.
    pub(crate) fn to_pyerr(&self, py: Python<'_>) -> PyErr {
        match self.to_pyobject(py) {
            Ok(obj) => PyErr::from_value(obj),
            Err(e) => e,
        }
    }

    /// The `stenosis.InvalidPresentation` instance (not raised).
    pub(crate) fn to_pyobject<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        let cls = CLASS.import(py, "stenosis._errors", "InvalidPresentation")?;
        cls.call1((self.message.as_str(), self.field.as_deref(), self.kind))
    }
}

/// Runs `f`, turning a panic into `stenosis.InternalError`.
pub(crate) fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(internal_error(py, &panic_message(payload.as_ref()))),
    }
}

/// The text of a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

/// A `stenosis.InternalError` saying what went wrong.
pub(crate) fn internal_error(py: Python<'_>, what: &str) -> PyErr {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let msg = format!("internal error in the stenosis engine (please report it): {what}");
    match CLASS.import(py, "stenosis._errors", "InternalError").and_then(|c| c.call1((msg,))) {
        Ok(obj) => PyErr::from_value(obj),
        Err(e) => e,
    }
}
