//! Detail levels and the reference registry, from C: the core's `Detail` writers
//! (`stenosis_assess_json_detail`, `stenosis_assessment_to_json_detail`) and its registry as JSON
//! (`stenosis_references_json`), the same bytes as every other surface.

use std::ffi::{c_char, CString};
use std::sync::LazyLock;

use stenosis_core::Detail;

use crate::error::{guard, in_bytes, in_ref, out_ptr, to_cstring, FfiError, StenosisError, StenosisStatus};
use crate::{parse_presentation, StenosisAssessment};

/// The core level of a `StenosisDetail` code (the enum generated from the core's [`Detail`]
/// table); anything else is `STENOSIS_INVALID_ARGUMENT` naming the `detail` parameter.
fn detail_arg(detail: u32) -> Result<Detail, FfiError> {
    Detail::from_code(detail).ok_or_else(|| {
        let levels: Vec<String> = Detail::ALL.iter().map(|d| format!("{} {}", d.code(), d.id())).collect();
        FfiError::argument(format!("detail must be a StenosisDetail value ({}), not {detail}", levels.join(", ")))
    })
}

/// Assesses a Presentation given as UTF-8 JSON and returns the Assessment as JSON at a detail
/// level: `STENOSIS_DETAIL_FULL` is byte-identical to `stenosis_assess_json`;
/// `STENOSIS_DETAIL_STANDARD` and `STENOSIS_DETAIL_SUMMARY` are the core's shorter forms (the same
/// bytes as `stenosis batch --detail` and Python's `assess_json(..., detail=)`).
///
/// Input, output ownership (`stenosis_string_free`), errors and thread safety as for
/// `stenosis_assess_json`; a `detail` that is not a `StenosisDetail` value is
/// `STENOSIS_INVALID_ARGUMENT` naming `detail`.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes; `output` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assess_json_detail(
    input: *const c_char,
    input_len: usize,
    detail: u32,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        let detail = detail_arg(detail)?;
        // SAFETY: the caller guarantees `input` points to `input_len` readable bytes.
        let bytes = unsafe { in_bytes(input, input_len, "input")? };
        let presentation = parse_presentation(bytes)?;
        *output = to_cstring(stenosis_core::assess_json(&presentation, detail)).into_raw();
        Ok(())
    })
}

/// The Assessment as JSON at a detail level (`STENOSIS_DETAIL_FULL` is byte-identical to
/// `stenosis_assessment_to_json`).
///
/// On success `*output` receives a NUL-terminated string the caller owns and releases with
/// `stenosis_string_free`; on failure `*output` is set to NULL. A `detail` that is not a
/// `StenosisDetail` value is `STENOSIS_INVALID_ARGUMENT` naming `detail`.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `output` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_to_json_detail(
    assessment: *const StenosisAssessment,
    detail: u32,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        let detail = detail_arg(detail)?;
        // SAFETY: the caller guarantees `assessment` is NULL or live.
        let a = unsafe { in_ref(assessment, "assessment")? };
        *output = to_cstring(a.inner.to_json_detail(detail)).into_raw();
        Ok(())
    })
}

/// The reference registry, built once.
static REFERENCES: LazyLock<CString> = LazyLock::new(|| to_cstring(stenosis_core::references_json()));

/// The reference registry as JSON: an array of every source the knowledge base cites, in
/// registry order, each object exactly as a full Assessment's `citations` gives it. The
/// `citations` of a `STENOSIS_DETAIL_STANDARD` Assessment are ids into it.
///
/// The string is static: it lives as long as the library is loaded and must not be freed (not
/// even with `stenosis_string_free`). Safe from any thread; never NULL.
#[no_mangle]
pub extern "C" fn stenosis_references_json() -> *const c_char {
    // Building it cannot fail or panic (`to_cstring` drops any NUL byte; the registry has none).
    REFERENCES.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_the_core_levels() {
        assert_eq!(detail_arg(0).ok(), Some(Detail::Full));
        assert_eq!(detail_arg(1).ok(), Some(Detail::Standard));
        assert_eq!(detail_arg(2).ok(), Some(Detail::Summary));
        assert!(detail_arg(3).is_err());
    }
}
