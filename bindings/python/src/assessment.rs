//! One patient without JSON: `NativeAssessment`, a frozen class over the core's `Evaluation` (the
//! decision and the reasons its rules gave). The Python `stenosis.Assessment` reads its headline
//! attributes (pathway, top condition, urgency, red flag and warning ids, …) from it directly, as
//! vocabulary ids; the explanations and the contract JSON are built only when first asked for
//! (`pathway_rationale`, `to_json()` or a record built from it), once.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple};
use stenosis_core as core;

use crate::presentation::{presentation_arg, PyPresentation};
use crate::{guarded, internal_error};

/// The engine's assessment of one presentation, held natively (built by `assess_native`).
#[pyclass(frozen, module = "stenosis._stenosis", name = "NativeAssessment")]
pub struct PyNativeAssessment {
    inner: core::Evaluation,
    // Boxed: an Assessment is large, and this object is made on every `assess()` (small, it
    // is allocated by Python's small-object allocator and moved cheaply).
    explained: OnceLock<Box<core::Assessment>>,
    standard: OnceLock<Box<core::Assessment>>,
    /// The `Presentation` given, or (for a dict) one made from the evaluation's copy on first
    /// read.
    presentation: PyOnceLock<Py<PyPresentation>>,
    json: OnceLock<Py<PyString>>,
}

#[pymethods]
impl PyNativeAssessment {
    /// The presentation assessed (the `Presentation` given, or one built from the dict given).
    #[getter]
    fn presentation(&self, py: Python<'_>) -> PyResult<Py<PyPresentation>> {
        guarded(py, || {
            self.presentation
                .get_or_try_init(py, || Py::new(py, PyPresentation { inner: *self.inner.presentation() }))
                .map(|p| p.clone_ref(py))
        })
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

    /// The pathway, as the `stenosis.Pathway` member (the same object every time).
    #[getter]
    fn pathway_member<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        static MEMBERS: PyOnceLock<Vec<Py<PyAny>>> = PyOnceLock::new();
        let p = self.inner.pathway();
        member(py, &MEMBERS, "Pathway", || core::Pathway::ALL.iter().map(|v| v.id()).collect(), p.code())
    }

    /// The first condition of the differential, as the `stenosis.Condition` member.
    #[getter]
    fn top_condition_member<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        static MEMBERS: PyOnceLock<Vec<Py<PyAny>>> = PyOnceLock::new();
        let c = self.inner.top_condition();
        member(py, &MEMBERS, "Condition", || core::Condition::ALL.iter().map(|v| v.id()).collect(), c.code())
    }

    /// The cervical MRI urgency as the `stenosis.Urgency` member, or `None` when it is not
    /// recommended.
    #[getter]
    fn cervical_mri_urgency_member<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        static MEMBERS: PyOnceLock<Vec<Py<PyAny>>> = PyOnceLock::new();
        self.inner
            .recommendation(core::Action::CervicalMri)
            .map(|u| member(py, &MEMBERS, "Urgency", || core::Urgency::ALL.iter().map(|v| v.id()).collect(), u.code()))
            .transpose()
    }

    /// Why that pathway.
    #[getter]
    fn pathway_rationale(&self) -> &str {
        &self.standard().pathway_rationale
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
            let detail = crate::assess::detail_arg(py, detail)?;
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

    // The records as plain rows of ids, strings and numbers (the Python side makes the typed,
    // frozen records of them): the same values as the contract JSON, without it.
    /// `(condition, likelihood, supporting, opposing, reasons, citations)` per entry.
    fn differential_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .differential
                .iter()
                .map(|e| {
                    (
                        e.condition.id(),
                        e.likelihood.id(),
                        findings(py, &e.supporting)?,
                        findings(py, &e.opposing)?,
                        PyTuple::new(py, e.reasons.iter())?,
                        cites(py, &e.citations)?,
                    )
                        .into_pyobject(py)
                        .map(Bound::into_any)
                })
                .collect()
        })
    }

    /// `(likelihood, (positive, assessed, ((item, status), …)), post_test, supporting, opposing,
    /// reasons, citations)`; `post_test` is `None` or `(pre_test_probability, pre_test_basis,
    /// likelihood_ratio, rule, probability, citations)`.
    fn myelopathy_row<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(py, || {
            let m = &self.standard().myelopathy;
            let items = PyTuple::new(py, m.cook_rule.items.iter().map(|i| (i.item, i.status.id())))?;
            let post = match &m.post_test {
                None => None,
                Some(t) => Some(
                    (
                        t.pre_test_probability,
                        t.pre_test_basis,
                        t.likelihood_ratio,
                        t.rule,
                        t.probability,
                        cites(py, &t.citations)?,
                    )
                        .into_pyobject(py)?,
                ),
            };
            (
                m.likelihood.id(),
                (m.cook_rule.positive, m.cook_rule.assessed, items),
                post,
                findings(py, &m.supporting)?,
                findings(py, &m.opposing)?,
                PyTuple::new(py, m.reasons.iter())?,
                cites(py, &m.citations)?,
            )
                .into_pyobject(py)
                .map(Bound::into_any)
        })
    }

    /// `None` or `(mjoa, class, citations)`.
    fn severity_row<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .severity
                .map(|s| (s.mjoa, s.class.id(), cites(py, s.citations)?).into_pyobject(py).map(Bound::into_any))
                .transpose()
        })
    }

    /// `(action, urgency, rationale, citations, strength, evidence_quality)` per recommendation.
    fn recommendation_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .recommendations
                .iter()
                .map(|r| {
                    (
                        r.action.id(),
                        r.urgency.id(),
                        r.rationale.as_str(),
                        cites(py, &r.citations)?,
                        r.strength.map(|s| s.id()),
                        r.evidence_quality.map(|q| q.id()),
                    )
                        .into_pyobject(py)
                        .map(Bound::into_any)
                })
                .collect()
        })
    }

    /// `(id, message, citations)` per red flag.
    fn red_flag_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .red_flags
                .iter()
                .map(|r| {
                    (r.id.id(), r.message.as_str(), cites(py, &r.citations)?).into_pyobject(py).map(Bound::into_any)
                })
                .collect()
        })
    }

    /// `(id, message, citations)` per warning.
    fn warning_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .warnings
                .iter()
                .map(|w| {
                    (w.id.id(), w.message.as_str(), cites(py, &w.citations)?).into_pyobject(py).map(Bound::into_any)
                })
                .collect()
        })
    }

    /// `(id, statement, citations)` per prognosis note.
    fn prognosis_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .prognosis
                .iter()
                .map(|n| (n.id, n.statement, cites(py, n.citations)?).into_pyobject(py).map(Bound::into_any))
                .collect()
        })
    }

    /// `(id, authors, title, source, year, pmid, doi, url)` per citation.
    fn citation_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.standard()
                .citations
                .iter()
                .map(|c| {
                    (c.id.id(), c.authors, c.title, c.source, c.year, c.pmid, c.doi, c.url.as_deref())
                        .into_pyobject(py)
                        .map(Bound::into_any)
                })
                .collect()
        })
    }

    /// `(finding, impact, why, if_present, if_absent)` per next finding; an outcome is
    /// `(pathway, myelopathy_likelihood, top_condition, cervical_mri, red_flags)`. Ranks the next
    /// findings (the costly part) on first use.
    fn next_finding_rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guarded(py, || {
            self.explained()
                .next_findings
                .iter()
                .map(|n| {
                    (n.finding.id(), n.impact, n.why.as_str(), outcome(py, &n.if_present)?, outcome(py, &n.if_absent)?)
                        .into_pyobject(py)
                        .map(Bound::into_any)
                })
                .collect()
        })
    }
}

/// Assesses one presentation (a `Presentation` or a dict) and keeps the result natively.
#[pyfunction]
pub(crate) fn assess_native(py: Python<'_>, presentation: &Bound<'_, PyAny>) -> PyResult<PyNativeAssessment> {
    guarded(py, || {
        let given = PyOnceLock::new();
        let p = match presentation.cast::<PyPresentation>() {
            Ok(p) => {
                // The lock is new, so this cannot fail.
                let _ = given.set(py, p.clone().unbind());
                p.get().inner
            }
            // A dict: its `Presentation` object is made only if `presentation` is read.
            Err(_) => presentation_arg(py, presentation)?,
        };
        Ok(PyNativeAssessment {
            inner: core::evaluate(&p),
            explained: OnceLock::new(),
            standard: OnceLock::new(),
            presentation: given,
            json: OnceLock::new(),
        })
    })
}

impl PyNativeAssessment {
    /// The full Assessment, built on first use.
    fn explained(&self) -> &core::Assessment {
        self.explained.get_or_init(|| Box::new(self.inner.explain()))
    }

    /// The Assessment without next findings (everything the records but `next_findings` read),
    /// built on first use; the full one when it is already built.
    fn standard(&self) -> &core::Assessment {
        match self.explained.get() {
            Some(a) => a,
            None => self.standard.get_or_init(|| Box::new(self.inner.explain_without_next_findings())),
        }
    }
}

/// The Python enum member of vocabulary `class` (in `stenosis._vocabulary`) with this code; the
/// members are looked up once, in code order (`ids`), and kept in `cache`.
fn member<'py>(
    py: Python<'py>,
    cache: &'static PyOnceLock<Vec<Py<PyAny>>>,
    class: &str,
    ids: impl FnOnce() -> Vec<&'static str>,
    code: u32,
) -> PyResult<Bound<'py, PyAny>> {
    let all = cache.get_or_try_init(py, || -> PyResult<Vec<Py<PyAny>>> {
        let cls = py.import("stenosis._vocabulary")?.getattr(class)?;
        ids().into_iter().map(|id| cls.call1((id,)).map(Bound::unbind)).collect()
    })?;
    let found = usize::try_from(code).ok().and_then(|i| all.get(i));
    found.map(|m| m.bind(py).clone()).ok_or_else(|| internal_error(py, &format!("no {class} member with code {code}")))
}

fn ids<'py, T>(py: Python<'py>, items: &[T], id: impl Fn(&T) -> &'static str) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, items.iter().map(id))
}

fn cites<'py>(py: Python<'py>, c: &[core::CitationId]) -> PyResult<Bound<'py, PyTuple>> {
    ids(py, c, |c| c.id())
}

fn findings<'py>(py: Python<'py>, f: &[core::Finding]) -> PyResult<Bound<'py, PyTuple>> {
    ids(py, f, |f| f.id())
}

fn outcome<'py>(py: Python<'py>, o: &core::Outcome) -> PyResult<Bound<'py, PyAny>> {
    let flags = ids(py, &o.red_flags, |r| r.id())?;
    (o.pathway.id(), o.myelopathy_likelihood.id(), o.top_condition.id(), o.cervical_mri.map(|u| u.id()), flags)
        .into_pyobject(py)
        .map(Bound::into_any)
}
