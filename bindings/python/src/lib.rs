//! # stenosis-py
//!
//! The native half of the Python package `stenosis` (imported as `stenosis._stenosis`): a thin
//! pyo3 layer over `stenosis-core`. The hand-written Python package re-exports it and adds what is
//! easier in Python (typed result records, the HTML card, DataFrame plumbing).
//!
//! Rules kept here:
//! - every entry point runs inside [`guarded`], so a panic becomes `stenosis.InternalError`
//!   (never pyo3's `PanicException`, which escapes `except Exception`);
//! - bad input becomes `stenosis.InvalidPresentation` naming the field;
//! - batch work releases the GIL (`Python::detach`) and runs on every core;
//! - `unsafe` is allowed in this crate only, for the Arrow C stream bridge in [`frame`].

#![allow(unsafe_code)]
#![deny(missing_docs)]

mod convert;
mod errors;
mod fhir;
mod frame;
mod render;

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use stenosis_core::{self as core, Finding};

pub use errors::BindError;
pub(crate) use errors::{guarded, internal_error, panic_message};

/// A Python enum member of the generated vocabulary, e.g. `Sex("male")`.
fn vocab<'py>(py: Python<'py>, class: &str, id: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("stenosis._vocabulary")?.getattr(class)?.call1((id,))
}

/// What is known about a patient with leg symptoms. Keyword construction validates every field
/// and raises `InvalidPresentation` naming the field at fault. Immutable.
#[pyclass(frozen, module = "stenosis._stenosis", name = "Presentation")]
pub struct PyPresentation {
    inner: core::Presentation,
}

fn opt_set<'py>(d: &Bound<'py, PyDict>, key: &str, v: Option<Bound<'py, PyAny>>) -> PyResult<()> {
    match v {
        Some(v) if !v.is_none() => d.set_item(key, v),
        _ => Ok(()),
    }
}

#[pymethods]
impl PyPresentation {
    #[new]
    #[pyo3(signature = (*, age_years=None, sex=None, course=None, symptom_duration_months=None, mjoa=None,
                        ankle_brachial_index=None, findings=None))]
    #[allow(clippy::too_many_arguments)]
    fn new<'py>(
        py: Python<'py>,
        age_years: Option<Bound<'py, PyAny>>,
        sex: Option<Bound<'py, PyAny>>,
        course: Option<Bound<'py, PyAny>>,
        symptom_duration_months: Option<Bound<'py, PyAny>>,
        mjoa: Option<Bound<'py, PyAny>>,
        ankle_brachial_index: Option<Bound<'py, PyAny>>,
        findings: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        guarded(py, || {
            let d = PyDict::new(py);
            opt_set(&d, "age_years", age_years)?;
            opt_set(&d, "sex", sex)?;
            opt_set(&d, "course", course)?;
            opt_set(&d, "symptom_duration_months", symptom_duration_months)?;
            opt_set(&d, "mjoa", mjoa)?;
            opt_set(&d, "ankle_brachial_index", ankle_brachial_index)?;
            opt_set(&d, "findings", findings)?;
            let inner = convert::presentation_from_py(d.as_any()).map_err(|e| e.into_pyerr(py))?;
            Ok(PyPresentation { inner })
        })
    }

    /// Builds a Presentation from a dict in the JSON shape of the specification.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        guarded(py, || {
            let inner = convert::presentation_from_py(data).map_err(|e| e.into_pyerr(py))?;
            Ok(PyPresentation { inner })
        })
    }

    /// Parses a Presentation from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guarded(py, || {
            let inner = core::Presentation::from_json(text).map_err(|e| BindError::from_core(&e, true).to_pyerr(py))?;
            Ok(PyPresentation { inner })
        })
    }

    /// Pickling: rebuilt from its canonical JSON by `Presentation.from_json`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<PyPresentation>().getattr("from_json")?;
        Ok((from_json, (self.inner.to_json(),)))
    }

    /// The canonical JSON (contract field order, assessed findings only).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guarded(py, || Ok(self.inner.to_json()))
    }

    /// The canonical dict (`json.loads(self.to_json())`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(py, || py.import("json")?.call_method1("loads", (self.inner.to_json(),)))
    }

    #[getter]
    fn age_years(&self, py: Python<'_>) -> PyResult<Option<u8>> {
        guarded(py, || Ok(self.inner.age_years()))
    }

    #[getter]
    fn sex<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guarded(py, || self.inner.sex().map(|s| vocab(py, "Sex", s.id())).transpose())
    }

    #[getter]
    fn course<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guarded(py, || self.inner.course().map(|c| vocab(py, "Course", c.id())).transpose())
    }

    #[getter]
    fn symptom_duration_months(&self, py: Python<'_>) -> PyResult<Option<f64>> {
        guarded(py, || Ok(self.inner.symptom_duration_months()))
    }

    #[getter]
    fn mjoa(&self, py: Python<'_>) -> PyResult<Option<u8>> {
        guarded(py, || Ok(self.inner.mjoa()))
    }

    #[getter]
    fn ankle_brachial_index(&self, py: Python<'_>) -> PyResult<Option<f64>> {
        guarded(py, || Ok(self.inner.ankle_brachial_index()))
    }

    /// The assessed findings (present or absent), as `{Finding: FindingStatus}`.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guarded(py, || {
            let d = PyDict::new(py);
            for (f, s) in self.inner.findings().assessed() {
                d.set_item(vocab(py, "Finding", f.id())?, vocab(py, "FindingStatus", s.id())?)?;
            }
            Ok(d)
        })
    }

    /// The status of one finding (`FindingStatus.UNKNOWN` when not assessed).
    fn finding<'py>(&self, py: Python<'py>, finding: &str) -> PyResult<Bound<'py, PyAny>> {
        guarded(py, || {
            let f = core::parse_finding_id(finding).map_err(|e| BindError::from_core(&e, false).to_pyerr(py))?;
            vocab(py, "FindingStatus", self.inner.finding(f).id())
        })
    }

    /// Equal to another Presentation with the same content; `NotImplemented` for other types.
    fn __eq__<'py>(&self, py: Python<'py>, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guarded(py, || match other.cast::<PyPresentation>() {
            Ok(o) => Ok(pyo3::types::PyBool::new(py, o.get().inner == self.inner).to_owned().into_any()),
            Err(_) => Ok(py.NotImplemented().into_bound(py)),
        })
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<u64> {
        guarded(py, || {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            self.inner.to_json().hash(&mut h);
            Ok(h.finish())
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guarded(py, || Ok(self.repr()))
    }
}

impl PyPresentation {
    fn repr(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(v) = self.inner.age_years() {
            parts.push(format!("age_years={v}"));
        }
        if let Some(v) = self.inner.sex() {
            parts.push(format!("sex='{}'", v.id()));
        }
        if let Some(v) = self.inner.course() {
            parts.push(format!("course='{}'", v.id()));
        }
        if let Some(v) = self.inner.symptom_duration_months() {
            parts.push(format!("symptom_duration_months={v:?}"));
        }
        if let Some(v) = self.inner.mjoa() {
            parts.push(format!("mjoa={v}"));
        }
        if let Some(v) = self.inner.ankle_brachial_index() {
            parts.push(format!("ankle_brachial_index={v:?}"));
        }
        let findings: Vec<String> =
            self.inner.findings().assessed().map(|(f, s)| format!("'{}': '{}'", f.id(), s.id())).collect();
        if !findings.is_empty() {
            parts.push(format!("findings={{{}}}", findings.join(", ")));
        }
        format!("Presentation({})", parts.join(", "))
    }
}

/// Turns the argument of `assess` (a `Presentation` or a dict) into a core Presentation.
fn presentation_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<core::Presentation> {
    if let Ok(p) = obj.cast::<PyPresentation>() {
        return Ok(p.get().inner);
    }
    convert::presentation_from_py(obj).map_err(|e| e.into_pyerr(py))
}

/// Assesses one presentation (a `Presentation` or a dict) and returns the contract JSON.
#[pyfunction]
fn assess_to_json(py: Python<'_>, presentation: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || {
        let p = presentation_arg(py, presentation)?;
        Ok(core::assess(&p).to_json())
    })
}

/// Assesses a presentation (a `Presentation` or a dict) and returns its HL7 CDS Hooks 2.0
/// response as JSON text (`{"cards": [...]}`), as the core's `cds_hooks_response` gives it.
#[pyfunction]
fn cds_hooks_json(py: Python<'_>, presentation: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || {
        let p = presentation_arg(py, presentation)?;
        Ok(core::cds_hooks_response(&core::assess(&p)).to_json())
    })
}

/// Parses a Presentation from JSON text and returns the contract JSON of its Assessment,
/// byte-identical to the core's `Assessment::to_json()`.
#[pyfunction]
fn assess_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || {
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
        Ok(core::assess(&p).to_json())
    })
}

/// Assesses many presentations: each item becomes the contract JSON (str) or the
/// `InvalidPresentation` instance for that item (returned, not raised). The assessments run with
/// the GIL released, on every core.
#[pyfunction]
#[pyo3(signature = (rows, threads=None))]
fn assess_many_to_json<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    threads: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    guarded(py, || {
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
                Ok(p) => match catch_unwind(AssertUnwindSafe(|| core::assess(p).to_json())) {
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

/// The finding vocabulary: `(id, label, definition, group id, SNOMED code or None, SNOMED display
/// or None)` for every finding, in vocabulary order.
#[pyfunction]
fn finding_table<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
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
fn vocabulary_table(py: Python<'_>, name: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    guarded(py, || vocabulary_rows(name))
}

fn vocabulary_rows(name: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    core::vocabularies()
        .into_iter()
        .find(|t| t.name == name)
        .map(|t| t.rows)
        .ok_or_else(|| PyTypeError::new_err(format!("no vocabulary named {name:?}")))
}

/// Panics inside the guard, so the tests can check that a panic becomes `InternalError`.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guarded(py, || -> PyResult<()> {
        #[allow(clippy::panic)]
        {
            panic!("deliberate panic for the test suite")
        }
    })
}

/// The native module `stenosis._stenosis`.
#[pymodule]
fn _stenosis(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ENGINE_VERSION", core::ENGINE_VERSION)?;
    m.add("KNOWLEDGE_BASE_VERSION", core::KNOWLEDGE_BASE_VERSION)?;
    m.add("DISCLAIMER", core::DISCLAIMER)?;
    m.add("PRESENTATION_FIELDS", core::PRESENTATION_FIELDS.to_vec())?;
    // Field id to kind (`whole`, `real`, `choice`, `findings`), from the core's field table.
    let kinds = pyo3::types::PyDict::new(m.py());
    for f in core::presentation_fields() {
        kinds.set_item(f.id, f.kind.id())?;
    }
    m.add("PRESENTATION_FIELD_KINDS", kinds)?;
    m.add_class::<PyPresentation>()?;
    m.add_class::<frame::ArrowStream>()?;
    m.add_function(wrap_pyfunction!(assess_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(assess_json, m)?)?;
    m.add_function(wrap_pyfunction!(cds_hooks_json, m)?)?;
    m.add_function(wrap_pyfunction!(fhir::fhir_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(assess_many_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(finding_table, m)?)?;
    m.add_function(wrap_pyfunction!(vocabulary_table, m)?)?;
    m.add_function(wrap_pyfunction!(frame::assess_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(frame::frame_columns, m)?)?;
    m.add_function(wrap_pyfunction!(render::render, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
