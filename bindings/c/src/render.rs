//! What a person sees, from C: the clinician's text report, the standalone HTML page and the
//! patient view, all from the Rust renderers (`stenosis-render`), the same as the command line's.

use std::ffi::c_char;

use stenosis_render::{html, patient, text};

use crate::error::{guard, in_ref, out_ptr, to_cstring, FfiError, StenosisError, StenosisStatus};
use crate::StenosisAssessment;

/// What `stenosis_assessment_render` produces. C passes it as `uint32_t`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StenosisRenderFormat {
    /// Text wrapped to the given width (no colour).
    Text = 0,
    /// A standalone HTML page: no network, light and dark, printable.
    Html = 1,
}

/// Who `stenosis_assessment_render` speaks to. C passes it as `uint32_t`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StenosisAudience {
    /// The clinician (labels, reasons, likelihoods, references).
    Clinician = 0,
    /// The patient: plain words, what happens next and how soon, when to seek help at once.
    Patient = 1,
}

/// Renders the Assessment for a person: `format` is a `StenosisRenderFormat` value (text or a
/// standalone HTML page), `audience` a `StenosisAudience` value (clinician or patient), `width`
/// the text width in columns (0 means 80; at least 20 is used; ignored for HTML).
///
/// On success `*output` receives a NUL-terminated UTF-8 string the caller owns and releases with
/// `stenosis_string_free`; on failure `*output` is set to NULL. Statuses:
/// `STENOSIS_INVALID_ARGUMENT` (a NULL pointer, or `format` or `audience` out of range),
/// `STENOSIS_INTERNAL`.
///
/// Thread safety: may be called concurrently on the same Assessment.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `output` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_render(
    assessment: *const StenosisAssessment,
    format: u32,
    audience: u32,
    width: u32,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: the caller guarantees `assessment` is NULL or live.
        let a = unsafe { in_ref(assessment, "assessment")? }.core();
        let width = match width {
            0 => 80,
            w => usize::try_from(w).unwrap_or(usize::MAX).max(20),
        };
        const TEXT: u32 = StenosisRenderFormat::Text as u32;
        const HTML: u32 = StenosisRenderFormat::Html as u32;
        const CLINICIAN: u32 = StenosisAudience::Clinician as u32;
        const PATIENT: u32 = StenosisAudience::Patient as u32;
        let rendered = match (format, audience) {
            (TEXT, CLINICIAN) => text::report(a, &text::TextOptions { width, ..text::TextOptions::default() }),
            (TEXT, PATIENT) => patient::text(a, width),
            (HTML, CLINICIAN) => html::page(a, &html::HtmlOptions::default()),
            (HTML, PATIENT) => patient::html(a),
            (TEXT | HTML, _) => return Err(FfiError::argument("audience must be a StenosisAudience value (0 or 1)")),
            _ => return Err(FfiError::argument("format must be a StenosisRenderFormat value (0 or 1)")),
        };
        *output = to_cstring(rendered).into_raw();
        Ok(())
    })
}
