//! `stenosis.from_fhir(bundle)`: a FHIR R4 Bundle to a Presentation and its provenance.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use stenosis_fhir::{CodeMap, Date, FhirError, Reader, SiteMapFormat};

use crate::{guarded, BindError};

fn bind_error(e: &FhirError) -> BindError {
    let kind = if e.field == "bundle" { "malformed_json" } else { "invalid_value" };
    BindError { field: Some(e.field.clone()), kind, message: e.to_string() }
}

/// Reads a FHIR R4 Bundle (JSON text) with the built-in verified codes plus an optional site map
/// (text, `"json"` or `"toml"`), computing ages at `as_of` (`YYYY-MM-DD`; default today, UTC).
/// Returns `{"presentation": ..., "provenance": ...}` as JSON text.
#[pyfunction]
#[pyo3(signature = (bundle, as_of=None, site_map=None, site_map_format="json"))]
pub(crate) fn fhir_to_json(
    py: Python<'_>,
    bundle: &Bound<'_, PyAny>,
    as_of: Option<&str>,
    site_map: Option<&str>,
    site_map_format: &str,
) -> PyResult<String> {
    guarded(py, || {
        let Ok(text) = bundle.extract::<String>() else {
            return Err(PyTypeError::new_err("from_fhir() takes the Bundle as a dict or as JSON text (str)"));
        };
        let mut map = CodeMap::builtin();
        if let Some(sm) = site_map {
            let format = match site_map_format {
                "json" => SiteMapFormat::Json,
                "toml" => SiteMapFormat::Toml,
                _ => {
                    let e = BindError::new(Some("site_map_format"), "invalid_value", "must be \"json\" or \"toml\"");
                    return Err(e.to_pyerr(py));
                }
            };
            map = map.with_site_map(sm, format).map_err(|e| bind_error(&e).to_pyerr(py))?;
        }
        let date = match as_of {
            Some(d) => Date::parse(d).ok_or_else(|| {
                BindError::new(Some("as_of"), "invalid_value", "must be a date like 2026-12-01").to_pyerr(py)
            })?,
            None => {
                let secs =
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
                Date::from_unix_seconds(i64::try_from(secs).unwrap_or(0))
            }
        };
        let read = Reader::new(&map, date).read_bundle_json(&text).map_err(|e| bind_error(&e).to_pyerr(py))?;
        Ok(read.to_value().to_string())
    })
}
