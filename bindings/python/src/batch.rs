//! Many patients at once: the GIL-released batch worker behind `assess_many`. Every item is
//! converted while the GIL is held (a Python object cannot be read without it), then the
//! assessments run with the GIL released on every core (`frame::parallel_map`), each row
//! catching its own panic.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::types::PyList;
use stenosis_core as core;

use crate::presentation::PyPresentation;
use crate::{convert, frame, guarded, internal_error, panic_message, BindError};

/// Assesses many presentations: each item becomes its JSON at the `detail` level (str; `"full"`,
/// the default, is the contract JSON) or the `InvalidPresentation` instance for that item
/// (returned, not raised). The assessments run with the GIL released, on every core.
#[pyfunction]
#[pyo3(signature = (rows, threads=None, detail="full"))]
pub(crate) fn assess_many_to_json<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    threads: Option<Bound<'py, PyAny>>,
    detail: &str,
) -> PyResult<Bound<'py, PyList>> {
    guarded(py, || {
        let detail = crate::assess::detail_arg(py, detail)?;
        let mut parsed: Vec<Result<core::Presentation, BindError>> = Vec::new();
        for item in rows.try_iter()? {
            let item = item?;
            parsed.push(match item.cast::<PyPresentation>() {
                Ok(p) => Ok(p.get().inner),
                Err(_) => match convert::presentation_from_py(&item) {
                    Ok(p) => Ok(p),
                    Err(convert::ConvertError::Invalid(e)) => Err(e),
                    // KeyboardInterrupt, MemoryError…: stop the batch, as Python would.
                    Err(convert::ConvertError::Fatal(e)) => return Err(e),
                },
            });
        }
        let threads = frame::thread_count(frame::threads_arg(threads.as_ref())?);
        let results: Vec<Result<String, String>> = py.detach(|| {
            frame::parallel_map(&parsed, threads, |r| match r {
                Ok(p) => match catch_unwind(AssertUnwindSafe(|| core::assess_json(p, detail))) {
                    Ok(json) => Ok(json),
                    Err(payload) => Err(panic_message(payload.as_ref())),
                },
                Err(_) => Err(String::new()),
            })
        });
        let out = PyList::empty(py);
        for (r, input) in results.into_iter().zip(&parsed) {
            match (r, input) {
                (Ok(json), _) => out.append(json)?,
                (Err(_), Err(e)) => out.append(e.to_pyobject(py)?)?,
                (Err(panic), Ok(_)) => return Err(internal_error(py, &panic)),
            }
        }
        Ok(out)
    })
}
