//! The core's vocabularies as plain Python rows, for the generated Python enums and the tests
//! that check them against the core.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use stenosis_core::{self as core, Finding};

use crate::guarded;

/// The finding vocabulary: `(id, label, definition, group id, SNOMED code or None, SNOMED display
/// or None)` for every finding, in vocabulary order.
#[pyfunction]
pub(crate) fn finding_table<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    guarded(py, || finding_rows(py))
}

fn finding_rows<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for f in Finding::ALL {
        let snomed = f.snomed();
        let row = PyTuple::new(
            py,
            [
                f.id().into_pyobject(py)?.into_any(),
                f.label().into_pyobject(py)?.into_any(),
                f.definition().into_pyobject(py)?.into_any(),
                f.group().id().into_pyobject(py)?.into_any(),
                snomed.map(|s| s.code).into_pyobject(py)?.into_any(),
                snomed.map(|s| s.display).into_pyobject(py)?.into_any(),
            ],
        )?;
        out.append(row)?;
    }
    Ok(out)
}

/// `(id, label)` of every member of one vocabulary, in order (used to check the generated Python
/// enums against the core).
#[pyfunction]
pub(crate) fn vocabulary_table(py: Python<'_>, name: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    guarded(py, || vocabulary_rows(name))
}

fn vocabulary_rows(name: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    core::vocabularies()
        .into_iter()
        .find(|t| t.name == name)
        .map(|t| t.rows)
        .ok_or_else(|| PyTypeError::new_err(format!("no vocabulary named {name:?}")))
}
