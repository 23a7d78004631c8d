//! One patient without JSON: `NativeAssessment`, a frozen class over the core's `Evaluation` (the
//! decision and the reasons its rules gave). The Python `stenosis.Assessment` reads its headline
//! attributes (pathway, top condition, urgency, red flag and warning ids, …) from it directly, as
//! vocabulary ids; the explanations and the contract JSON are built only when first asked for
//! (`pathway_rationale`, `to_json()` or a record built from it), once.

use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use stenosis_core as core;

use crate::guarded;
use crate::presentation::{presentation_arg, PyPresentation};

/// The engine's assessment of one presentation, held natively (built by `assess_native`).
#[pyclass(frozen, module = "stenosis._stenosis", name = "NativeAssessment")]
pub struct PyNativeAssessment {
    inner: core::Evaluation,
    explained: OnceLock<core::Assessment>,
    presentation: Py<PyPresentation>,
    json: OnceLock<Py<PyString>>,
}

#[pymethods]
impl PyNativeAssessment {
    /// The presentation assessed (the `Presentation` given, or one built from the dict given).
    #[getter]
    fn presentation(&self, py: Python<'_>) -> Py<PyPresentation> {
        self.presentation.clone_ref(py)
    }

    /// The record id, or `None`.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id().map(core::RecordId::as_str)
    }

    /// The pathway id.
    #[getter]
    fn pathway(&self) -> &'static str {
        self.inner.pathway().id()
    }

    /// Why that pathway.
    #[getter]
    fn pathway_rationale(&self) -> &str {
        &self.explained().pathway_rationale
    }

    /// The first condition of the differential (its id).
    #[getter]
    fn top_condition(&self) -> Option<&'static str> {
        Some(self.inner.top_condition().id())
    }

    /// The myelopathy likelihood id.
    #[getter]
    fn myelopathy_likelihood(&self) -> &'static str {
        self.inner.myelopathy_likelihood().id()
    }

    /// Cook rule items positive.
    #[getter]
    fn cook_positive(&self) -> u8 {
        self.inner.cook_rule().0
    }

    /// Cook rule items assessed.
    #[getter]
    fn cook_assessed(&self) -> u8 {
        self.inner.cook_rule().1
    }

    /// The cervical MRI urgency id, or `None` when it is not recommended.
    #[getter]
    fn cervical_mri_urgency(&self) -> Option<&'static str> {
        self.inner.recommendation(core::Action::CervicalMri).map(|u| u.id())
    }

    /// The mJOA severity class id, or `None`.
    #[getter]
    fn severity_class(&self) -> Option<&'static str> {
        self.inner.severity_class().map(|c| c.id())
    }

    /// The red flag ids raised, in vocabulary order.
    #[getter]
    fn red_flag_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.red_flags().map(|r| r.id()).collect::<Vec<_>>())
    }

    /// The warning ids raised, in vocabulary order.
    #[getter]
    fn warning_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.warnings().map(|w| w.id()).collect::<Vec<_>>())
    }

    /// The JSON at a detail level (`full`, `standard` or `summary`); `standard` and `summary`
    /// never rank the next findings.
    fn to_json_detail(&self, py: Python<'_>, detail: &str) -> PyResult<String> {
        guarded(py, || {
            let detail = detail.parse::<core::Detail>().map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok(match detail {
                core::Detail::Full => self.explained().to_json_detail(detail),
                core::Detail::Standard => match self.explained.get() {
                    Some(a) => a.to_json_detail(detail),
                    None => self.inner.to_json_detail(detail),
                },
                core::Detail::Summary => self.inner.to_json_detail(detail),
            })
        })
    }

    /// The contract JSON (compact), written on first use and kept.
    fn to_json(&self, py: Python<'_>) -> PyResult<Py<PyString>> {
        guarded(py, || {
            Ok(self
                .json
                .get_or_init(|| PyString::new(py, &self.explained().to_json_detail(core::Detail::Full)).unbind())
                .clone_ref(py))
        })
    }
}

impl PyNativeAssessment {
    /// The full Assessment, built on first use.
    fn explained(&self) -> &core::Assessment {
        self.explained.get_or_init(|| self.inner.explain())
    }
}

/// Assesses one presentation (a `Presentation` or a dict) and keeps the result natively.
#[pyfunction]
pub(crate) fn assess_native(py: Python<'_>, presentation: &Bound<'_, PyAny>) -> PyResult<PyNativeAssessment> {
    guarded(py, || {
        let (p, presentation) = match presentation.cast::<PyPresentation>() {
            Ok(given) => (given.get().inner, given.clone().unbind()),
            Err(_) => {
                let p = presentation_arg(py, presentation)?;
                (p, Py::new(py, PyPresentation { inner: p })?)
            }
        };
        Ok(PyNativeAssessment {
            inner: core::evaluate(&p),
            explained: OnceLock::new(),
            presentation,
            json: OnceLock::new(),
        })
    })
}
