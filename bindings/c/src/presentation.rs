//! The typed Presentation builder.

use std::ffi::c_char;

use stenosis_core::{Course, Finding, Presentation, Sex, Status};

use crate::assessment::StenosisAssessment;
use crate::error::{guard, in_bytes, in_mut, in_ref, out_ptr, to_cstring, FfiError, StenosisError, StenosisStatus};

/// A Presentation being built: what is known about the patient.
///
/// Created by `stenosis_presentation_new` or `stenosis_presentation_from_json`, owned by the
/// caller, released with `stenosis_presentation_free`. A builder is mutable and single-threaded:
/// do not use one from two threads at once (distinct builders are independent). Reading it
/// (`stenosis_assess`, `..._to_json`) from several threads at once is safe when nobody writes.
#[derive(Debug, Default)]
pub struct StenosisPresentation {
    pub(crate) inner: Presentation,
}

fn code<T>(value: u32, param: &str, from_code: fn(u32) -> Option<T>, count: usize) -> Result<T, FfiError> {
    from_code(value).ok_or_else(|| {
        FfiError::argument(format!("{param}: {value} is not a valid code (must be 0 to {})", count.saturating_sub(1)))
    })
}

/// Creates an empty Presentation (nothing assessed).
///
/// On success `*out` receives a Presentation the caller owns and releases with
/// `stenosis_presentation_free`.
///
/// # Safety
///
/// `out` and `error` must each be NULL or point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_new(
    out: *mut *mut StenosisPresentation,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out_ptr(out, "out")? };
        *out = Box::into_raw(Box::default());
        Ok(())
    })
}

/// Parses a Presentation from `input_len` bytes of UTF-8 JSON (not necessarily NUL-terminated),
/// with the same statuses as `stenosis_assess_json`.
///
/// On success `*out` receives a Presentation the caller owns and releases with
/// `stenosis_presentation_free`; on failure `*out` is set to NULL.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes; `out` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_from_json(
    input: *const c_char,
    input_len: usize,
    out: *mut *mut StenosisPresentation,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out_ptr(out, "out")? };
        // SAFETY: the caller guarantees `input` points to `input_len` readable bytes.
        let bytes = unsafe { in_bytes(input, input_len, "input")? };
        let inner = crate::parse_presentation(bytes)?;
        *out = Box::into_raw(Box::new(StenosisPresentation { inner }));
        Ok(())
    })
}

/// Frees a Presentation. Accepts NULL.
///
/// # Safety
///
/// `p` must be NULL or a Presentation returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_free(p: *mut StenosisPresentation) {
    if !p.is_null() {
        // SAFETY: `p` came from `Box::into_raw` in this library and is freed once.
        let _ = std::panic::catch_unwind(|| drop(unsafe { Box::from_raw(p) }));
    }
}

/// Runs a setter on a Presentation inside the guard.
///
/// # Safety
///
/// `p` must be NULL or a live Presentation with no other user; `error` NULL or writable.
unsafe fn set<F>(p: *mut StenosisPresentation, error: *mut *mut StenosisError, f: F) -> StenosisStatus
where
    F: FnOnce(&mut Presentation) -> Result<(), FfiError>,
{
    guard(error, || {
        // SAFETY: the caller guarantees `p` is NULL or a live Presentation with no other user.
        let p = unsafe { in_mut(p, "presentation")? };
        f(&mut p.inner)
    })
}

/// Sets the age in years (0 to `STENOSIS_AGE_YEARS_MAX`). Out of range: `STENOSIS_INVALID_PRESENTATION`, field
/// `age_years`; the Presentation is then unchanged.
///
/// # Safety
///
/// `presentation` must be NULL or a live Presentation not used by another thread during the
/// call; `error` must be NULL or point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_age_years(
    presentation: *mut StenosisPresentation,
    age_years: i64,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { set(presentation, error, |p| Ok(p.set_age_years(Some(age_years))?)) }
}

/// Sets the sex: a `StenosisSex` code. An unknown code: `STENOSIS_INVALID_ARGUMENT`.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_sex(
    presentation: *mut StenosisPresentation,
    sex: u32,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe {
        set(presentation, error, |p| {
            p.set_sex(Some(code(sex, "sex", Sex::from_code, Sex::ALL.len())?));
            Ok(())
        })
    }
}

/// Sets the course of the leg symptoms: a `StenosisCourse` code. An unknown code:
/// `STENOSIS_INVALID_ARGUMENT`.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_course(
    presentation: *mut StenosisPresentation,
    course: u32,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe {
        set(presentation, error, |p| {
            p.set_course(Some(code(course, "course", Course::from_code, Course::ALL.len())?));
            Ok(())
        })
    }
}

/// Sets how long the symptoms have lasted, in months (0 to `STENOSIS_SYMPTOM_DURATION_MONTHS_MAX`). NaN, infinity or out of range:
/// `STENOSIS_INVALID_PRESENTATION`, field `symptom_duration_months`.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_symptom_duration_months(
    presentation: *mut StenosisPresentation,
    months: f64,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { set(presentation, error, |p| Ok(p.set_symptom_duration_months(Some(months))?)) }
}

/// Sets the mJOA score (0 to `STENOSIS_MJOA_MAX`, the maximum meaning no deficit). Out of range: `STENOSIS_INVALID_PRESENTATION`, field
/// `mjoa`.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_mjoa(
    presentation: *mut StenosisPresentation,
    mjoa: i64,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { set(presentation, error, |p| Ok(p.set_mjoa(Some(mjoa))?)) }
}

/// Sets the ankle-brachial index, lower of the two legs (0 to `STENOSIS_ANKLE_BRACHIAL_INDEX_MAX`). NaN, infinity or out of
/// range: `STENOSIS_INVALID_PRESENTATION`, field `ankle_brachial_index`.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_ankle_brachial_index(
    presentation: *mut StenosisPresentation,
    abi: f64,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { set(presentation, error, |p| Ok(p.set_ankle_brachial_index(Some(abi))?)) }
}

/// Sets one finding: `finding` is a `StenosisFinding` code, `status` a `StenosisFindingStatus`
/// code (`STENOSIS_FINDING_STATUS_UNKNOWN` clears it). An unknown code:
/// `STENOSIS_INVALID_ARGUMENT`, with a message naming `finding` or `status`.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_finding(
    presentation: *mut StenosisPresentation,
    finding: u32,
    status: u32,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe {
        set(presentation, error, |p| {
            let f = code(finding, "finding", Finding::from_code, Finding::ALL.len())?;
            let s = code(status, "status", Status::from_code, Status::ALL.len())?;
            p.set_finding(f, s);
            Ok(())
        })
    }
}

/// Sets the record id: an opaque key (1 to `STENOSIS_ID_MAX_LEN` characters, each an ASCII
/// letter or digit, `.`, `_`, `:` or `-`) echoed as `id` in the Assessment
/// (`stenosis_assessment_id`) and in its JSON; the engine never reads it. `id` points to `id_len`
/// bytes of UTF-8 (not necessarily NUL-terminated); NULL with `id_len` 0 clears the id, NULL with
/// any other length is `STENOSIS_INVALID_ARGUMENT` naming `id`. Not valid UTF-8:
/// `STENOSIS_INVALID_UTF8`; any other bad id: `STENOSIS_INVALID_PRESENTATION`, field `id` (the
/// message never repeats it). On failure the Presentation is unchanged.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`; `id` must be NULL or point to `id_len`
/// readable bytes.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_set_id(
    presentation: *mut StenosisPresentation,
    id: *const c_char,
    id_len: usize,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe {
        set(presentation, error, |p| {
            if id.is_null() && id_len == 0 {
                return Ok(p.set_id(None)?);
            }
            // SAFETY: the caller guarantees `id` points to `id_len` readable bytes.
            let bytes = in_bytes(id, id_len, "id")?;
            let text = std::str::from_utf8(bytes).map_err(|_| {
                FfiError::new(StenosisStatus::StenosisInvalidUtf8, "id: not valid UTF-8", Some("id".to_owned()))
            })?;
            Ok(p.set_id(Some(text))?)
        })
    }
}

/// Clears every field and finding: the Presentation becomes empty again.
///
/// # Safety
///
/// As for `stenosis_presentation_set_age_years`.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_clear(
    presentation: *mut StenosisPresentation,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe {
        set(presentation, error, |p| {
            *p = Presentation::new();
            Ok(())
        })
    }
}

/// The canonical JSON of a Presentation (contract field order, assessed findings only).
///
/// On success `*output` receives a NUL-terminated string the caller owns and releases with
/// `stenosis_string_free`; on failure `*output` is set to NULL.
///
/// # Safety
///
/// `presentation` must be NULL or a live Presentation not written during the call; `output` and
/// `error` must each be NULL or point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_presentation_to_json(
    presentation: *const StenosisPresentation,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: the caller guarantees `presentation` is NULL or live.
        let p = unsafe { in_ref(presentation, "presentation")? };
        *output = to_cstring(p.inner.to_json()).into_raw();
        Ok(())
    })
}

/// Assesses a Presentation. Pure and deterministic: the same Presentation always gives the same
/// Assessment.
///
/// On success `*out` receives an Assessment the caller owns and releases with
/// `stenosis_assessment_free`; it does not borrow the Presentation, which may be changed or freed
/// afterwards. On failure `*out` is set to NULL.
///
/// # Safety
///
/// `presentation` must be NULL or a live Presentation not written during the call; `out` and
/// `error` must each be NULL or point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assess(
    presentation: *const StenosisPresentation,
    out: *mut *mut StenosisAssessment,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out_ptr(out, "out")? };
        // SAFETY: the caller guarantees `presentation` is NULL or live.
        let p = unsafe { in_ref(presentation, "presentation")? };
        *out = Box::into_raw(Box::new(StenosisAssessment::new(stenosis_core::assess(&p.inner))));
        Ok(())
    })
}
