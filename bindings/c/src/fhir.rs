//! FHIR R4 in, from C: a Bundle's JSON to the Presentation (with its provenance) or straight to
//! the Assessment, with the built-in verified codes (`stenosis-fhir`).

use std::ffi::{c_char, CStr};

use stenosis_core::assess;
use stenosis_fhir::{CodeMap, Date, FhirError, FhirPresentation, Reader};

use crate::error::{guard, in_bytes, out_ptr, to_cstring, FfiError, StenosisError, StenosisStatus};

fn fhir_error(e: FhirError) -> FfiError {
    let status = if e.field == "bundle" {
        StenosisStatus::StenosisInvalidJson
    } else {
        StenosisStatus::StenosisInvalidPresentation
    };
    FfiError::new(status, e.to_string(), Some(e.field))
}

/// Reads the Bundle at the date `as_of` (NULL: today, UTC).
///
/// # Safety
///
/// `bundle` must point to `bundle_len` readable bytes; `as_of` must be NULL or NUL-terminated.
unsafe fn read(bundle: *const c_char, bundle_len: usize, as_of: *const c_char) -> Result<FhirPresentation, FfiError> {
    // SAFETY: the caller guarantees `bundle` points to `bundle_len` readable bytes.
    let bytes = unsafe { in_bytes(bundle, bundle_len, "bundle")? };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        FfiError::new(
            StenosisStatus::StenosisInvalidUtf8,
            format!("bundle is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            None,
        )
    })?;
    let date = if as_of.is_null() {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_unix_seconds(i64::try_from(secs).unwrap_or(0))
    } else {
        // SAFETY: the caller guarantees a non-NULL `as_of` is NUL-terminated.
        let s = unsafe { CStr::from_ptr(as_of) }.to_str().ok();
        s.and_then(Date::parse).ok_or_else(|| {
            FfiError::new(
                StenosisStatus::StenosisInvalidArgument,
                "as_of: must be a date like 2026-12-01 (or NULL for today)",
                Some("as_of".to_owned()),
            )
        })?
    };
    let map = CodeMap::builtin();
    Reader::new(&map, date).read_bundle_json(text).map_err(fhir_error)
}

/// Reads a FHIR R4 Bundle (UTF-8 JSON) into a Presentation and its provenance, returned as JSON
/// `{"presentation": {...}, "provenance": {"as_of", "fields", "unused", "notes"}}`.
///
/// `bundle` points to `bundle_len` bytes (need not be NUL-terminated). `as_of` is the date ages
/// are computed at, `"YYYY-MM-DD"` NUL-terminated, or NULL for today (UTC). Codes are the built-in
/// verified ones; a resource or code not used is listed in `provenance.unused`, never guessed.
///
/// On success returns `STENOSIS_OK` and stores in `*output` a NUL-terminated string the caller
/// owns and releases with `stenosis_string_free`. On failure `*output` is set to NULL and `*error`
/// (when not NULL) receives an error naming the field: `STENOSIS_INVALID_ARGUMENT` (NULL
/// pointer, bad `as_of`), `STENOSIS_INVALID_UTF8`, `STENOSIS_INVALID_JSON` (field `bundle`),
/// `STENOSIS_INVALID_PRESENTATION` (not a Bundle: field `resourceType` or `entry`),
/// `STENOSIS_INTERNAL`.
///
/// Thread safety: may be called concurrently from any number of threads.
///
/// # Safety
///
/// `bundle` must point to `bundle_len` readable bytes; `as_of` must be NULL or NUL-terminated;
/// `output` and `error` must each be NULL or point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_fhir_bundle_to_json(
    bundle: *const c_char,
    bundle_len: usize,
    as_of: *const c_char,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: forwarded caller guarantees.
        let read = unsafe { read(bundle, bundle_len, as_of)? };
        *output = to_cstring(read.to_value().to_string()).into_raw();
        Ok(())
    })
}

/// Assesses the patient in a FHIR R4 Bundle: like `stenosis_fhir_bundle_to_json`, then the
/// Assessment JSON of the Presentation read (byte-identical to `stenosis_assess_json` on it).
///
/// Ownership, statuses and thread safety as for `stenosis_fhir_bundle_to_json`.
///
/// # Safety
///
/// As for `stenosis_fhir_bundle_to_json`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assess_fhir_json(
    bundle: *const c_char,
    bundle_len: usize,
    as_of: *const c_char,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: forwarded caller guarantees.
        let read = unsafe { read(bundle, bundle_len, as_of)? };
        *output = to_cstring(assess(&read.presentation).to_json()).into_raw();
        Ok(())
    })
}
