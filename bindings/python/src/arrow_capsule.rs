//! The Arrow PyCapsule bridge: the crate's only `unsafe`, kept here so the cohort path in
//! [`crate::frame`] is safe code.
//!
//! In: an object with `__arrow_c_stream__` (polars, pyarrow, pandas), or such a capsule, imported
//! as a [`RecordBatchStreamReader`] by [`import_stream`]. Out: an [`ArrowStream`] that hands a
//! stream of record batches to Python as a capsule named `arrow_array_stream`.

use std::sync::Mutex;

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::RecordBatchReader;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::{guarded, BindError};

/// The error for an Arrow stream that could not be read: an `InvalidPresentation` (a
/// `StenosisError` and `ValueError`) that does not repeat the producer's message.
pub(crate) fn stream_error(py: Python<'_>, what: &str) -> PyErr {
    BindError::new(None, "unreadable_stream", &format!("could not read the Arrow stream: {what}")).to_pyerr(py)
}

/// Imports an Arrow C stream from `data`: an object with `__arrow_c_stream__` (called without a
/// requested schema) or a capsule named `arrow_array_stream`. Anything else is a `TypeError`; a
/// capsule of another name is pyo3's error; a stream whose schema cannot be read is
/// [`stream_error`]. The capsule's stream is moved out, so it cannot be imported twice.
pub(crate) fn import_stream(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<RecordBatchStreamReader> {
    let capsule_obj =
        if data.hasattr("__arrow_c_stream__")? { data.call_method0("__arrow_c_stream__")? } else { data.clone() };
    let capsule = capsule_obj.cast::<PyCapsule>().map_err(|_| {
        PyTypeError::new_err("expected an object with __arrow_c_stream__ (a polars or pyarrow table) or its capsule")
    })?;
    let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
    // SAFETY: `pointer_checked` verified the capsule's name, and the Arrow PyCapsule interface
    // guarantees that a capsule named `arrow_array_stream` holds a valid, aligned
    // `struct ArrowArrayStream`, which `FFI_ArrowArrayStream` mirrors (`repr(C)`). `from_raw`
    // moves the struct out and leaves a released one behind, so the capsule's destructor
    // does not release it a second time; an already-consumed stream is refused by `try_new`.
    // `capsule` (and so the struct) stays alive until `from_raw` returns.
    unsafe { RecordBatchStreamReader::from_raw(ptr.as_ptr().cast::<FFI_ArrowArrayStream>()) }
        .map_err(|_| stream_error(py, "its schema is missing or malformed"))
}

/// An Arrow C stream of results, handed to Python through the Arrow PyCapsule interface
/// (`pyarrow.table(obj)`, `polars.DataFrame(obj)`). It can be consumed once.
#[pyclass(frozen, module = "stenosis._stenosis")]
pub struct ArrowStream {
    stream: Mutex<Option<FFI_ArrowArrayStream>>,
}

impl ArrowStream {
    /// Wraps a reader of record batches for export (the schema is the reader's).
    pub(crate) fn new(reader: Box<dyn RecordBatchReader + Send>) -> Self {
        ArrowStream { stream: Mutex::new(Some(FFI_ArrowArrayStream::new(reader))) }
    }
}

#[pymethods]
impl ArrowStream {
    /// Exports the stream as a PyCapsule named `arrow_array_stream` (consumes it).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        guarded(py, || {
            // The schema is fixed; a consumer that asks for another one casts after import.
            let _ = requested_schema;
            let stream = self
                .stream
                .lock()
                .map_err(|_| PyValueError::new_err("the result stream is unusable"))?
                .take()
                .ok_or_else(|| PyValueError::new_err("the result stream was already consumed"))?;
            // The capsule owns a boxed FFI_ArrowArrayStream; the consumer moves it out (leaving
            // its `release` null), and the box's drop releases it only if nobody did.
            PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
        })
    }
}
