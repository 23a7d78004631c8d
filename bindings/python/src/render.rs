//! What a person sees, rendered by the Rust renderers (`stenosis-render`): the notebook card, the
//! standalone HTML page, the terminal text and the patient view. Python builds no HTML itself.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use stenosis_core as core;
use stenosis_render::{html, patient, text, Audience};

/// Renders the assessment of a presentation (a `Presentation` or a dict).
///
/// `format`: `"card"` (notebook card), `"page"` (standalone HTML document) or `"text"`;
/// `audience`: `"clinician"` or `"patient"`; `width`: text columns; `show_presentation`: add
/// the presentation to the clinician's HTML.
#[pyfunction]
#[pyo3(signature = (presentation, format, audience="clinician", width=80, show_presentation=false))]
pub(crate) fn render(
    py: Python<'_>,
    presentation: &Bound<'_, PyAny>,
    format: &str,
    audience: &str,
    width: usize,
    show_presentation: bool,
) -> PyResult<String> {
    let Some(audience) = Audience::from_id(audience) else {
        return Err(PyValueError::new_err("audience: expected \"clinician\" or \"patient\""));
    };
    crate::guarded(py, || {
        let p = crate::presentation_arg(py, presentation)?;
        let a = core::assess(&p);
        let opts = html::HtmlOptions { presentation: show_presentation.then_some(&p) };
        Ok(match (format, audience) {
            ("card", Audience::Clinician) => html::card(&a, &opts),
            ("page", Audience::Clinician) => html::page(&a, &opts),
            ("card" | "page", Audience::Patient) => patient::html(&a),
            ("text", Audience::Clinician) => {
                text::report(&a, &text::TextOptions { width, ..text::TextOptions::default() })
            }
            ("text", Audience::Patient) => patient::text(&a, width),
            _ => return Err(PyValueError::new_err("format: expected \"card\", \"page\" or \"text\"")),
        })
    })
}
