//! # stenosis-ffi: the C ABI of stenosis
//!
//! The library `libstenosis` (shared and static) and its header `include/stenosis.h`, generated
//! from this crate by cbindgen. Two ways in:
//!
//! - the JSON API: [`stenosis_assess_json`] takes a Presentation as JSON and returns the
//!   Assessment JSON, byte-identical to `stenosis_core::Assessment::to_json`;
//! - the typed API: build a [`StenosisPresentation`], [`stenosis_assess`] it into an immutable
//!   [`StenosisAssessment`], and read it through accessors.
//!
//! API conventions (rustls-ffi's): every name is `stenosis_<type>_<verb>`; handles are opaque;
//! fallible functions return a [`StenosisStatus`] and take their out-parameters last, followed by
//! an optional `StenosisError **error`; out-parameters are written only on success (pointer
//! out-parameters are set to NULL on failure); every `_free` accepts NULL; every body runs inside
//! one guard (`error::guard`) that checks pointers and catches panics, so no panic ever unwinds into
//! C or aborts the host; there is no global mutable state and no thread-local "last error".

#![allow(unsafe_code)]
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

mod assessment;
mod detail;
mod error;
mod fhir;
mod names;
mod presentation;
mod render;
mod vocab;

pub use assessment::*;
pub use detail::*;
pub use error::*;
pub use fhir::*;
pub use names::*;
pub use presentation::*;
pub use render::*;
pub use vocab::*;

use std::ffi::c_char;

use stenosis_core::{assess, Presentation};

/// The library version, NUL-terminated.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// Assesses a Presentation given as UTF-8 JSON and returns the Assessment as JSON.
///
/// `input` points to `input_len` bytes of UTF-8 JSON (a Presentation object); it need not be
/// NUL-terminated and is only read during the call.
///
/// On success returns `STENOSIS_OK` and stores in `*output` a NUL-terminated string holding the
/// Assessment JSON, byte-identical to the core's `Assessment::to_json()`. The caller owns it and
/// must release it with `stenosis_string_free` (not `free`).
///
/// On failure `*output` is set to NULL (when `output` is not NULL) and, when `error` is not NULL,
/// `*error` receives an error object the caller owns and releases with `stenosis_error_free`.
/// Statuses: `STENOSIS_INVALID_ARGUMENT` (`input` or `output` NULL), `STENOSIS_INVALID_UTF8`,
/// `STENOSIS_INVALID_JSON` (malformed, truncated or empty), `STENOSIS_INVALID_PRESENTATION`
/// (well-formed JSON with invalid content: see `stenosis_error_field`), `STENOSIS_INTERNAL`.
///
/// Thread safety: may be called concurrently from any number of threads.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes; `output` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assess_json(
    input: *const c_char,
    input_len: usize,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: the caller guarantees `input` points to `input_len` readable bytes.
        let bytes = unsafe { in_bytes(input, input_len, "input")? };
        let presentation = parse_presentation(bytes)?;
        let json = assess(&presentation).to_json();
        *output = to_cstring(json).into_raw();
        Ok(())
    })
}

/// Parses Presentation JSON bytes (the core checks UTF-8: `InputErrorKind::InvalidUtf8`).
pub(crate) fn parse_presentation(bytes: &[u8]) -> Result<Presentation, FfiError> {
    Presentation::from_json_bytes(bytes).map_err(FfiError::from)
}

/// Frees a string returned by this library (`stenosis_assess_json`, `..._to_json`).
///
/// Accepts NULL. Passing any other pointer than one returned by this library, freeing twice, or
/// freeing a string the caller has modified (its length is recomputed from the terminating NUL)
/// is undefined behaviour.
///
/// # Safety
///
/// `s` must be NULL or a string returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn stenosis_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: `s` came from `CString::into_raw` in this library and is freed once.
        drop(unsafe { std::ffi::CString::from_raw(s) });
    });
}

/// The library version (for example `"0.1.0"`), NUL-terminated.
///
/// The string is static: it lives as long as the library is loaded and must not be freed.
#[no_mangle]
pub extern "C" fn stenosis_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// Panics inside the FFI guard, to prove that a panic becomes `STENOSIS_INTERNAL` and never
/// reaches C. Present only when the library is built with the `fault-injection` feature (the C
/// test suite's build); never in a shipped library.
///
/// # Safety
///
/// `error` must be NULL or point to writable storage for a pointer.
#[cfg(feature = "fault-injection")]
#[no_mangle]
pub unsafe extern "C" fn stenosis_fault_injection_panic(error: *mut *mut StenosisError) -> StenosisStatus {
    guard(error, || -> Result<(), FfiError> { panic!("fault injection: deliberate panic") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use stenosis_core::{Action, Condition, Course, Finding, Likelihood, Pathway, RedFlag, SeverityClass, Sex, Status};
    use stenosis_core::{Urgency, Warning};

    #[test]
    fn generated_counts_match_the_core_vocabulary() {
        let pairs: [(u32, usize); 12] = [
            (STENOSIS_FINDING_COUNT, Finding::ALL.len()),
            (STENOSIS_FINDING_STATUS_COUNT, Status::ALL.len()),
            (STENOSIS_SEX_COUNT, Sex::ALL.len()),
            (STENOSIS_COURSE_COUNT, Course::ALL.len()),
            (STENOSIS_CONDITION_COUNT, Condition::ALL.len()),
            (STENOSIS_LIKELIHOOD_COUNT, Likelihood::ALL.len()),
            (STENOSIS_SEVERITY_CLASS_COUNT, SeverityClass::ALL.len()),
            (STENOSIS_PATHWAY_COUNT, Pathway::ALL.len()),
            (STENOSIS_ACTION_COUNT, Action::ALL.len()),
            (STENOSIS_URGENCY_COUNT, Urgency::ALL.len()),
            (STENOSIS_RED_FLAG_COUNT, RedFlag::ALL.len()),
            (STENOSIS_WARNING_COUNT, Warning::ALL.len()),
        ];
        for (generated, core) in pairs {
            assert_eq!(generated as usize, core);
        }
        assert_eq!(StenosisFinding::BabinskiSign as u32, Finding::BabinskiSign.code());
        assert_eq!(StenosisPathway::NoCervicalConcern as u32, Pathway::NoCervicalConcern.code());
    }

    #[test]
    fn json_api_round_trip_and_errors() {
        let input = br#"{"age_years": 150}"#;
        let mut out: *mut c_char = std::ptr::null_mut();
        let mut err: *mut StenosisError = std::ptr::null_mut();
        // SAFETY: valid buffer and out-pointers.
        let st = unsafe { stenosis_assess_json(input.as_ptr().cast(), input.len(), &mut out, &mut err) };
        assert_eq!(st, StenosisStatus::StenosisInvalidPresentation);
        assert!(out.is_null());
        // SAFETY: `err` was just returned by the library.
        unsafe {
            let field = std::ffi::CStr::from_ptr(stenosis_error_field(err));
            assert_eq!(field.to_str(), Ok("age_years"));
            stenosis_error_free(err);
        }
    }
}
