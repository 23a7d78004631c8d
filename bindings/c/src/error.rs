//! Statuses, the error object, and the one guard every exported body runs in.

use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use stenosis_core::{InputError, InputErrorKind};

/// The result of a call. Values are stable: never renumbered, never reused.
///
/// cbindgen:prefix-with-name=false
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StenosisStatus {
    /// Success.
    StenosisOk = 0,
    /// A required pointer was NULL, a length too large, or an enum code out of range; the
    /// message names the parameter.
    StenosisInvalidArgument = 1,
    /// The input is not valid UTF-8.
    StenosisInvalidUtf8 = 2,
    /// The input is not well-formed JSON (malformed, truncated, empty, trailing characters).
    StenosisInvalidJson = 3,
    /// Well-formed JSON (or a typed value) that is not a valid Presentation: unknown field or
    /// finding, wrong type, out of range, NaN. `stenosis_error_field` names the field.
    StenosisInvalidPresentation = 4,
    /// An internal error: a panic was caught. The library is still usable; please report it.
    StenosisInternal = 5,
    /// An index past the end of a list of the Assessment.
    StenosisIndexOutOfRange = 6,
}

/// An error: its status, a message and, when one applies, the Presentation field at fault.
///
/// Created by the library on failure and owned by the caller, who releases it with
/// `stenosis_error_free`. Immutable: safe to read from any thread.
#[derive(Debug)]
pub struct StenosisError {
    status: StenosisStatus,
    message: CString,
    field: Option<CString>,
}

/// A failure inside the library, before it becomes a [`StenosisError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FfiError {
    /// The status to return.
    pub status: StenosisStatus,
    /// The message.
    pub message: String,
    /// The Presentation field at fault, if any.
    pub field: Option<String>,
}

impl FfiError {
    /// A new error.
    pub fn new(status: StenosisStatus, message: impl Into<String>, field: Option<String>) -> Self {
        FfiError { status, message: message.into(), field }
    }

    /// `STENOSIS_INVALID_ARGUMENT` naming a parameter.
    pub fn argument(message: impl Into<String>) -> Self {
        FfiError::new(StenosisStatus::StenosisInvalidArgument, message, None)
    }

    /// `STENOSIS_INVALID_ARGUMENT` for a NULL pointer.
    pub fn null(param: &str) -> Self {
        FfiError::argument(format!("{param} must not be NULL"))
    }
}

impl From<InputError> for FfiError {
    fn from(e: InputError) -> Self {
        let status = match e.kind() {
            InputErrorKind::InvalidUtf8 => StenosisStatus::StenosisInvalidUtf8,
            InputErrorKind::MalformedJson => StenosisStatus::StenosisInvalidJson,
            _ => StenosisStatus::StenosisInvalidPresentation,
        };
        FfiError::new(status, e.message(), e.field().map(str::to_owned))
    }
}

/// A C string from Rust text; an interior NUL (never produced by the core) is dropped rather
/// than failing.
pub(crate) fn to_cstring(s: impl Into<Vec<u8>>) -> CString {
    CString::new(s).unwrap_or_else(|e| {
        let mut bytes = e.into_vec();
        bytes.retain(|&b| b != 0);
        CString::new(bytes).unwrap_or_default()
    })
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    format!("internal error: a panic was caught and stopped at the C boundary ({what}); please report this")
}

/// Runs the body of an exported function: catches any panic (`STENOSIS_INTERNAL`), turns the
/// `Result` into a status, and on failure stores a new error object in `*error` when `error` is
/// not NULL. On success `*error` is left untouched.
pub(crate) fn guard<F>(error: *mut *mut StenosisError, body: F) -> StenosisStatus
where
    F: FnOnce() -> Result<(), FfiError>,
{
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        let message = panic_message(&*payload);
        // Drop the payload inside `catch_unwind` too: its destructor could itself panic
        // (`panic_any`). Only such a second payload, which is pathological, is forgotten.
        if let Err(second) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
            core::mem::forget(second);
        }
        Err(FfiError::new(StenosisStatus::StenosisInternal, message, None))
    });
    match outcome {
        Ok(()) => StenosisStatus::StenosisOk,
        Err(e) => {
            let status = e.status;
            if !error.is_null() {
                // Building the error object allocates only; catch anyway so nothing can unwind.
                let obj = catch_unwind(AssertUnwindSafe(|| {
                    Box::into_raw(Box::new(StenosisError {
                        status: e.status,
                        message: to_cstring(e.message),
                        field: e.field.map(to_cstring),
                    }))
                }));
                // SAFETY: `error` is not NULL and the caller guarantees it is writable.
                unsafe { *error = obj.unwrap_or(ptr::null_mut()) };
            }
            status
        }
    }
}

/// Checks a pointer out-parameter, sets it to NULL (so it is NULL on every failure path) and
/// returns it for writing on success.
///
/// # Safety
///
/// `out` must be NULL or valid for writing a pointer.
pub(crate) unsafe fn out_ptr<'a, T>(out: *mut *mut T, param: &str) -> Result<&'a mut *mut T, FfiError> {
    // SAFETY: the caller guarantees `out` is NULL or valid for writes.
    let out = unsafe { out.as_mut() }.ok_or_else(|| FfiError::null(param))?;
    *out = ptr::null_mut();
    Ok(out)
}

/// Checks a value out-parameter (written only on success).
///
/// # Safety
///
/// `out` must be NULL or valid for writing a `T`.
pub(crate) unsafe fn out_val<'a, T>(out: *mut T, param: &str) -> Result<&'a mut T, FfiError> {
    // SAFETY: the caller guarantees `out` is NULL or valid for writes of a `T`.
    unsafe { out.as_mut() }.ok_or_else(|| FfiError::null(param))
}

/// Checks an input handle.
///
/// # Safety
///
/// `p` must be NULL or point to a live `T` created by this library.
pub(crate) unsafe fn in_ref<'a, T>(p: *const T, param: &str) -> Result<&'a T, FfiError> {
    // SAFETY: the caller guarantees `p` is NULL or a live `T`.
    unsafe { p.as_ref() }.ok_or_else(|| FfiError::null(param))
}

/// Checks a mutable input handle.
///
/// # Safety
///
/// `p` must be NULL or point to a live `T` created by this library, not used concurrently.
pub(crate) unsafe fn in_mut<'a, T>(p: *mut T, param: &str) -> Result<&'a mut T, FfiError> {
    // SAFETY: the caller guarantees `p` is NULL or a live `T` with no other user.
    unsafe { p.as_mut() }.ok_or_else(|| FfiError::null(param))
}

/// Checks an input buffer.
///
/// # Safety
///
/// `p` must be NULL or point to `len` readable bytes that stay valid during the call.
pub(crate) unsafe fn in_bytes<'a>(p: *const c_char, len: usize, param: &str) -> Result<&'a [u8], FfiError> {
    if p.is_null() {
        return Err(FfiError::null(param));
    }
    if isize::try_from(len).is_err() {
        return Err(FfiError::argument(format!("{param}_len is too large")));
    }
    // SAFETY: `p` is not NULL, `len` fits in isize, and the caller guarantees `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) })
}

/// The status of an error: why the call failed. `STENOSIS_INVALID_ARGUMENT` when `e` is NULL.
///
/// # Safety
///
/// `e` must be NULL or an error returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn stenosis_error_status(e: *const StenosisError) -> StenosisStatus {
    // SAFETY: the caller guarantees `e` is NULL or a live error.
    unsafe { e.as_ref() }.map_or(StenosisStatus::StenosisInvalidArgument, |e| e.status)
}

/// The error message, NUL-terminated UTF-8. It names the field or parameter and the constraint
/// and never echoes the input's free text.
///
/// The string is owned by the error and valid until `stenosis_error_free(e)`; do not free it.
/// Returns NULL when `e` is NULL.
///
/// # Safety
///
/// `e` must be NULL or an error returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn stenosis_error_message(e: *const StenosisError) -> *const c_char {
    // SAFETY: the caller guarantees `e` is NULL or a live error.
    unsafe { e.as_ref() }.map_or(ptr::null(), |e| e.message.as_ptr())
}

/// The Presentation field at fault (`"age_years"`, `"findings.babinski_sign"`, ...), or NULL when
/// no field applies (malformed JSON, a NULL argument, an internal error) or `e` is NULL.
///
/// The string is owned by the error and valid until `stenosis_error_free(e)`; do not free it.
///
/// # Safety
///
/// `e` must be NULL or an error returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn stenosis_error_field(e: *const StenosisError) -> *const c_char {
    // SAFETY: the caller guarantees `e` is NULL or a live error.
    unsafe { e.as_ref() }.and_then(|e| e.field.as_ref()).map_or(ptr::null(), |f| f.as_ptr())
}

/// Frees an error. Accepts NULL.
///
/// # Safety
///
/// `e` must be NULL or an error returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn stenosis_error_free(e: *mut StenosisError) {
    if !e.is_null() {
        // SAFETY: `e` came from `Box::into_raw` in `guard` and is freed once.
        let _ = catch_unwind(|| drop(unsafe { Box::from_raw(e) }));
    }
}
