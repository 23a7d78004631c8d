//! # stenosis-py
//!
//! The native half of the Python package `stenosis` (imported as `stenosis._stenosis`): a thin
//! pyo3 layer over `stenosis-core`. The hand-written Python package re-exports it and adds what is
//! easier in Python (typed result records, the HTML card, DataFrame plumbing).
//!
//! This file is the module definition only; the work is in:
//! - [`presentation`]: the `Presentation` class and the `Presentation`-or-dict argument;
//! - [`convert`]: a Python dict to a core Presentation (through the core's JSON parser);
//! - [`assess`]: one patient to the contract JSON or a CDS Hooks response;
//! - [`assessment`]: one patient kept natively (`NativeAssessment`), read without JSON;
//! - [`batch`]: many patients, assessed with the GIL released on every core;
//! - [`frame`]: the cohort path over Arrow C streams (safe code);
//! - [`arrow_capsule`]: the Arrow PyCapsule import and export (`ArrowStream`), the only `unsafe`;
//! - [`tables`]: the vocabularies as rows; [`fhir`]: FHIR bundles; [`render`]: HTML and text;
//! - [`errors`]: `InvalidPresentation`, `InternalError` and the panic guard.
//!
//! Rules kept here:
//! - every entry point runs inside [`guarded`], so a panic becomes `stenosis.InternalError`
//!   (never pyo3's `PanicException`, which escapes `except Exception`);
//! - bad input becomes `stenosis.InvalidPresentation` naming the field;
//! - batch work releases the GIL (`Python::detach`) and runs on every core;
//! - `unsafe` is allowed in this crate only, and only in [`arrow_capsule`], for the Arrow C
//!   stream bridge.

#![deny(missing_docs)]

#[allow(unsafe_code)]
mod arrow_capsule;
mod assess;
mod assessment;
mod batch;
mod convert;
mod errors;
mod fhir;
mod frame;
mod presentation;
mod render;
mod tables;

use pyo3::prelude::*;
use stenosis_core as core;

pub use errors::BindError;
pub(crate) use errors::{guarded, internal_error, panic_message};
pub(crate) use presentation::presentation_arg;

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
    m.add_class::<presentation::PyPresentation>()?;
    m.add_class::<arrow_capsule::ArrowStream>()?;
    m.add_class::<assessment::PyNativeAssessment>()?;
    m.add_function(wrap_pyfunction!(assessment::assess_native, m)?)?;
    m.add_function(wrap_pyfunction!(assess::assess_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(assess::assess_json, m)?)?;
    m.add_function(wrap_pyfunction!(assess::cds_hooks_json, m)?)?;
    m.add_function(wrap_pyfunction!(assess::references_json, m)?)?;
    m.add_function(wrap_pyfunction!(fhir::fhir_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(batch::assess_many_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(tables::finding_table, m)?)?;
    m.add_function(wrap_pyfunction!(tables::vocabulary_table, m)?)?;
    m.add_function(wrap_pyfunction!(frame::assess_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(frame::frame_columns, m)?)?;
    m.add_function(wrap_pyfunction!(render::render, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
