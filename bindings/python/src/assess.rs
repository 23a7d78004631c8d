//! One patient at a time: a presentation (a `Presentation`, a dict or JSON text) to the contract
//! JSON of its Assessment, or to its CDS Hooks response.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use stenosis_core as core;

use crate::presentation::presentation_arg;
use crate::{guarded, BindError};

/// A `detail` argument: the core's level ids (`"full"`, `"standard"`, `"summary"`); anything
/// else is an `InvalidPresentation` (a `ValueError`) naming `detail`.
pub(crate) fn detail_arg(py: Python<'_>, detail: &str) -> PyResult<core::Detail> {
    core::Detail::from_id(detail).ok_or_else(|| {
        BindError::new(Some("detail"), "invalid_value", "must be \"full\", \"standard\" or \"summary\"").to_pyerr(py)
    })
}

/// Assesses one presentation (a `Presentation` or a dict) and returns its JSON at the `detail`
/// level (`"full"`, the default: the contract JSON).
#[pyfunction]
#[pyo3(signature = (presentation, detail="full"))]
pub(crate) fn assess_to_json(py: Python<'_>, presentation: &Bound<'_, PyAny>, detail: &str) -> PyResult<String> {
    guarded(py, || {
        let detail = detail_arg(py, detail)?;
        let p = presentation_arg(py, presentation)?;
        Ok(core::assess_json(&p, detail))
    })
}

/// The reference registry as JSON: every source the knowledge base cites, in registry order,
/// each object exactly as a full Assessment's `citations` gives it.
#[pyfunction]
pub(crate) fn references_json() -> &'static str {
    core::references_json()
}

/// Assesses a presentation (a `Presentation` or a dict) and returns its HL7 CDS Hooks 2.0
/// response as JSON text (`{"cards": [...]}`), as the core's `cds_hooks_response` gives it.
#[pyfunction]
pub(crate) fn cds_hooks_json(py: Python<'_>, presentation: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || {
        let p = presentation_arg(py, presentation)?;
        Ok(core::cds_hooks_response(&core::assess(&p)).to_json())
    })
}

/// Parses a Presentation from JSON text and returns the JSON of its Assessment at the `detail`
/// level (`"full"`, the default: byte-identical to the core's `Assessment::to_json()`).
#[pyfunction]
#[pyo3(signature = (text, detail="full"))]
pub(crate) fn assess_json(py: Python<'_>, text: &Bound<'_, PyAny>, detail: &str) -> PyResult<String> {
    guarded(py, || {
        let detail = detail_arg(py, detail)?;
        // bytes are checked as UTF-8 by the core, so invalid UTF-8 is an InvalidPresentation (a
        // ValueError) naming the offset, like every other refusal.
        let parsed = if let Ok(bytes) = text.cast::<pyo3::types::PyBytes>() {
            core::Presentation::from_json_bytes(bytes.as_bytes())
        } else if let Ok(s) = text.cast::<pyo3::types::PyString>() {
            match s.to_str() {
                Ok(s) => core::Presentation::from_json(s),
                // A str with a lone surrogate has no UTF-8 form.
                Err(_) => {
                    return Err(BindError::new(
                        None,
                        "malformed_json",
                        "input is not valid Unicode text (it holds a lone surrogate)",
                    )
                    .to_pyerr(py))
                }
            }
        } else {
            return Err(PyTypeError::new_err("assess_json() takes the Presentation as JSON text (str or bytes)"));
        };
        let p = parsed.map_err(|e| BindError::from_core(&e, true).to_pyerr(py))?;
        Ok(core::assess_json(&p, detail))
    })
}
