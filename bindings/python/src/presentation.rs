//! `stenosis.Presentation`: the immutable, validated input as a Python object (keyword
//! construction, `from_dict`, `from_json`, typed getters, pickling, equality and hashing), and
//! [`presentation_arg`], which every entry point uses to accept a `Presentation` or a dict (the
//! dict conversion itself is in [`crate::convert`]).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use stenosis_core as core;

use crate::{convert, guarded, internal_error, BindError};

/// A Python enum member of the generated vocabulary, e.g. `Sex("male")`.
pub(crate) fn vocab<'py>(py: Python<'py>, class: &str, id: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("stenosis._vocabulary")?.getattr(class)?.call1((id,))
}

/// What is known about a patient with leg symptoms. Keyword construction validates every field
/// and raises `InvalidPresentation` naming the field at fault. Immutable.
#[pyclass(frozen, module = "stenosis._stenosis", name = "Presentation")]
pub struct PyPresentation {
    pub(crate) inner: core::Presentation,
}

#[pymethods]
impl PyPresentation {
    /// Keyword construction: one keyword per field of the core's field table (`None` is the
    /// same as leaving the field out). An unknown keyword is a `TypeError`, as for any Python
    /// function; a bad value is an `InvalidPresentation` naming the field.
    #[new]
    #[pyo3(signature = (**fields))]
    fn new<'py>(py: Python<'py>, fields: Option<&Bound<'py, PyDict>>) -> PyResult<Self> {
        guarded(py, || {
            let d = PyDict::new(py);
            if let Some(fields) = fields {
                for key in fields.keys() {
                    let name = key.cast::<PyString>()?.to_str()?;
                    if !core::PRESENTATION_FIELDS.contains(&name) {
                        return Err(PyTypeError::new_err(format!(
                            "Presentation() got an unexpected keyword argument '{name}'"
                        )));
                    }
                }
                // In the table's order, so that the first bad field reported does not depend on
                // the order of the keywords; keyed by the interned ids, which the dict reader
                // finds by identity.
                let ids = convert::field_ids(py).ok_or_else(|| internal_error(py, "the field table"))?;
                for name in ids {
                    if let Some(v) = fields.get_item(name)? {
                        if !v.is_none() {
                            d.set_item(name, v)?;
                        }
                    }
                }
            }
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

    /// The record id (an opaque key echoed in the Assessment), or None.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<Option<String>> {
        guarded(py, || Ok(self.inner.id().map(|i| i.as_str().to_owned())))
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
    /// `Presentation(age_years=64, sex='male', findings={'babinski_sign': 'present'})`: the given
    /// fields in the core's table order, as keywords that rebuild it.
    fn repr(&self) -> String {
        let json: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&self.inner.to_json()).unwrap_or_default();
        let mut parts: Vec<String> = Vec::new();
        for field in core::presentation_fields() {
            let value = json.get(field.id);
            let shown = match (field.kind, value) {
                (core::FieldKind::Findings, _) => {
                    let findings: Vec<String> =
                        self.inner.findings().assessed().map(|(f, s)| format!("'{}': '{}'", f.id(), s.id())).collect();
                    (!findings.is_empty()).then(|| format!("{{{}}}", findings.join(", ")))
                }
                (core::FieldKind::Real { .. }, Some(v)) => v.as_f64().map(|v| format!("{v:?}")),
                (_, Some(serde_json::Value::String(v))) => Some(format!("'{v}'")),
                (_, Some(v)) => Some(v.to_string()),
                (_, None) => None,
            };
            if let Some(shown) = shown {
                parts.push(format!("{}={shown}", field.id));
            }
        }
        format!("Presentation({})", parts.join(", "))
    }
}

/// Turns the argument of `assess` (a `Presentation` or a dict) into a core Presentation.
pub(crate) fn presentation_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<core::Presentation> {
    if let Ok(p) = obj.cast::<PyPresentation>() {
        return Ok(p.get().inner);
    }
    convert::presentation_from_py(obj).map_err(|e| e.into_pyerr(py))
}
