//! The C JSON entry point `stenosis_assess_json`, called as a C host would.
//! Oracle: never a panic or memory error (ASan); OK exactly when the core accepts the bytes, with
//! output byte-identical to the core's; otherwise no output, an error whose status matches the
//! return value and a non-empty message. Everything returned is freed (LeakSanitizer).
#![no_main]

use std::ffi::CStr;
use std::ptr;

use libfuzzer_sys::fuzz_target;
use stenosis::{
    stenosis_assess_json, stenosis_error_free, stenosis_error_message, stenosis_error_status, stenosis_string_free,
    StenosisStatus,
};
use stenosis_core::{assess, Presentation};

fuzz_target!(|data: &[u8]| {
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    // SAFETY: `data` is readable for its length; `out` and `err` are writable.
    let status = unsafe { stenosis_assess_json(data.as_ptr().cast(), data.len(), &mut out, &mut err) };
    let core = Presentation::from_json_bytes(data);
    if status == StenosisStatus::StenosisOk {
        assert!(!out.is_null() && err.is_null());
        // SAFETY: on success `out` is a NUL-terminated string owned by the caller.
        let text = unsafe { CStr::from_ptr(out) }.to_str().expect("UTF-8 output");
        let expected = assess(&core.expect("the core accepts what the C ABI accepts")).to_json();
        assert_eq!(text, expected);
        // SAFETY: returned by the library, freed once.
        unsafe { stenosis_string_free(out) };
    } else {
        assert!(out.is_null(), "no output on failure");
        assert!(!err.is_null(), "an error object on failure");
        assert!(core.is_err(), "the C ABI refused what the core accepts");
        // SAFETY: `err` is a live error returned by the library.
        unsafe {
            assert_eq!(stenosis_error_status(err), status);
            assert!(!CStr::from_ptr(stenosis_error_message(err)).to_bytes().is_empty());
            stenosis_error_free(err);
        }
    }
});
