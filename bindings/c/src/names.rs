//! String ids of vocabulary codes: `stenosis_pathway_id(STENOSIS_PATHWAY_EMERGENCY)` is
//! `"emergency"`, the id used in the JSON.
//!
//! Each table of NUL-terminated ids is built once, on first use, and never changed afterwards
//! (a `OnceLock`): read-only shared data, safe from any thread.

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use stenosis_core::{
    Action, Condition, Course, Finding, Likelihood, Pathway, RedFlag, SeverityClass, Sex, Status, Urgency, Warning,
};

use crate::error::to_cstring;

fn lookup<T: Copy>(
    table: &'static OnceLock<Vec<CString>>,
    all: &[T],
    id: fn(T) -> &'static str,
    code: u32,
) -> *const c_char {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let ids = table.get_or_init(|| all.iter().map(|&v| to_cstring(id(v))).collect());
        usize::try_from(code).ok().and_then(|i| ids.get(i)).map_or(std::ptr::null(), |s| s.as_ptr())
    }))
    .unwrap_or(std::ptr::null())
}

/// The string id of a `StenosisFinding` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_finding_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Finding::ALL, Finding::id, code)
}

/// The string id of a `StenosisFindingStatus` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_finding_status_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Status::ALL, Status::id, code)
}

/// The string id of a `StenosisSex` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_sex_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Sex::ALL, Sex::id, code)
}

/// The string id of a `StenosisCourse` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_course_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Course::ALL, Course::id, code)
}

/// The string id of a `StenosisCondition` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_condition_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Condition::ALL, Condition::id, code)
}

/// The string id of a `StenosisLikelihood` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_likelihood_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Likelihood::ALL, Likelihood::id, code)
}

/// The string id of a `StenosisSeverityClass` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_severity_class_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, SeverityClass::ALL, SeverityClass::id, code)
}

/// The string id of a `StenosisPathway` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_pathway_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Pathway::ALL, Pathway::id, code)
}

/// The string id of a `StenosisAction` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_action_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Action::ALL, Action::id, code)
}

/// The string id of a `StenosisUrgency` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_urgency_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Urgency::ALL, Urgency::id, code)
}

/// The string id of a `StenosisRedFlag` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_red_flag_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, RedFlag::ALL, RedFlag::id, code)
}

/// The string id of a `StenosisWarning` code (as used in the JSON), or NULL for an unknown code.
///
/// The string is static: valid as long as the library is loaded; do not free it.
#[no_mangle]
pub extern "C" fn stenosis_warning_id(code: u32) -> *const c_char {
    static IDS: OnceLock<Vec<CString>> = OnceLock::new();
    lookup(&IDS, Warning::ALL, Warning::id, code)
}
