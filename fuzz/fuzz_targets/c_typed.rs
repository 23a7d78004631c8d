//! A structure-aware sequence of typed C API calls (arbitrary), as an EHR plugin makes them,
//! against a model: the core Presentation driven through the same ids.
//! Oracle: never a panic or memory error; each setter succeeds exactly when the model's does; a
//! refused call leaves the Presentation unchanged; its JSON always equals the model's; every
//! Assessment equals the core's, every list accessor answers within its length and refuses one
//! past it; everything is freed.
#![no_main]

use std::ffi::{c_char, CStr};
use std::ptr;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use stenosis::*;
use stenosis_core::{assess, Presentation};

#[derive(Arbitrary, Debug)]
enum Op {
    Age(i64),
    Sex(u32),
    Course(u32),
    Duration(f64),
    Mjoa(i64),
    Abi(f64),
    Finding(u32, u32),
    Clear,
    FromJson(Vec<u8>),
    Assess,
}

fn text(p: *const c_char) -> Option<String> {
    // SAFETY: the library returns NULL or a NUL-terminated string it keeps alive.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Takes a returned string and frees it.
fn take(p: *mut c_char) -> String {
    let s = text(p).expect("a string");
    // SAFETY: returned by the library, freed once.
    unsafe { stenosis_string_free(p) };
    s
}

fn status_of(err: *mut StenosisError, status: StenosisStatus) -> bool {
    let ok = status == StenosisStatus::StenosisOk;
    if ok {
        assert!(err.is_null());
    } else {
        assert!(!err.is_null());
        // SAFETY: a live error returned by the library, freed once.
        unsafe {
            assert_eq!(stenosis_error_status(err), status);
            assert!(text(stenosis_error_message(err)).is_some_and(|m| !m.is_empty()));
            stenosis_error_free(err);
        }
    }
    ok
}

macro_rules! call {
    ($f:ident ( $($arg:expr),* )) => {{
        let mut err = ptr::null_mut();
        // SAFETY: live handles and writable out-parameters, as the header requires.
        let status = unsafe { $f($($arg,)* &mut err) };
        status_of(err, status)
    }};
}

fn json_of(p: *const StenosisPresentation) -> String {
    let mut out = ptr::null_mut();
    assert!(call!(stenosis_presentation_to_json(p, &mut out)));
    take(out)
}

/// Calls a list accessor for every index up to `len`, expecting success below and
/// STENOSIS_INDEX_OUT_OF_RANGE at `len`.
macro_rules! walk {
    ($f:ident, $a:expr, $len:expr, $t:ty) => {{
        for i in 0..=$len {
            let mut item: $t = unsafe { std::mem::zeroed() };
            let mut err = ptr::null_mut();
            // SAFETY: a live Assessment and writable out-parameters.
            let status = unsafe { $f($a, i, &mut item, &mut err) };
            let expected = if i < $len { StenosisStatus::StenosisOk } else { StenosisStatus::StenosisIndexOutOfRange };
            assert_eq!(status, expected, "{} index {i} of {}", stringify!($f), $len);
            status_of(err, status);
        }
    }};
}

fn check_assessment(p: *const StenosisPresentation, model: &Presentation) {
    let mut a = ptr::null_mut();
    assert!(call!(stenosis_assess(p, &mut a)));
    let mut out = ptr::null_mut();
    assert!(call!(stenosis_assessment_to_json(a, &mut out)));
    assert_eq!(take(out), assess(model).to_json());
    let mut out = ptr::null_mut();
    assert!(call!(stenosis_assessment_to_cds_hooks_json(a, &mut out)));
    let cds = take(out);
    assert!(serde_json::from_str::<serde_json::Value>(&cds).is_ok());
    // SAFETY: zeroed plain C structs are valid out-parameters.
    let mut s: StenosisSummary = unsafe { std::mem::zeroed() };
    assert!(call!(stenosis_assessment_summary(a, &mut s)));
    assert!(text(s.pathway_rationale).is_some());
    walk!(stenosis_assessment_differential, a, s.differential_len, StenosisDifferentialEntry);
    walk!(stenosis_assessment_recommendation, a, s.recommendations_len, StenosisRecommendation);
    walk!(stenosis_assessment_red_flag, a, s.red_flags_len, StenosisAlert);
    walk!(stenosis_assessment_warning, a, s.warnings_len, StenosisAlert);
    walk!(stenosis_assessment_next_finding, a, s.next_findings_len, StenosisNextFinding);
    walk!(stenosis_assessment_prognosis, a, s.prognosis_len, StenosisPrognosis);
    walk!(stenosis_assessment_citation, a, s.citations_len, StenosisCitation);
    // SAFETY: freed once.
    unsafe { stenosis_assessment_free(a) };
}

fuzz_target!(|ops: Vec<Op>| {
    let mut p = ptr::null_mut();
    assert!(call!(stenosis_presentation_new(&mut p)));
    let mut model = Presentation::new();
    for op in ops.iter().take(64) {
        let before = model;
        let (ok, model_ok) = match op {
            Op::Age(v) => (call!(stenosis_presentation_set_age_years(p, *v)), model.set_age_years(Some(*v)).is_ok()),
            Op::Mjoa(v) => (call!(stenosis_presentation_set_mjoa(p, *v)), model.set_mjoa(Some(*v)).is_ok()),
            Op::Duration(v) => (
                call!(stenosis_presentation_set_symptom_duration_months(p, *v)),
                model.set_symptom_duration_months(Some(*v)).is_ok(),
            ),
            Op::Abi(v) => (
                call!(stenosis_presentation_set_ankle_brachial_index(p, *v)),
                model.set_ankle_brachial_index(Some(*v)).is_ok(),
            ),
            Op::Sex(code) => {
                let id = text(stenosis_sex_id(*code));
                (
                    call!(stenosis_presentation_set_sex(p, *code)),
                    id.is_some_and(|id| model.set_sex_by_id(Some(&id)).is_ok()),
                )
            }
            Op::Course(code) => {
                let id = text(stenosis_course_id(*code));
                (
                    call!(stenosis_presentation_set_course(p, *code)),
                    id.is_some_and(|id| model.set_course_by_id(Some(&id)).is_ok()),
                )
            }
            Op::Finding(f, st) => {
                let ids = text(stenosis_finding_id(*f)).zip(text(stenosis_finding_status_id(*st)));
                (
                    call!(stenosis_presentation_set_finding(p, *f, *st)),
                    ids.is_some_and(|(f, s)| model.set_finding_by_id(&f, &s).is_ok()),
                )
            }
            Op::Clear => {
                model = Presentation::new();
                (call!(stenosis_presentation_clear(p)), true)
            }
            Op::FromJson(bytes) => {
                let mut q = ptr::null_mut();
                let ok = call!(stenosis_presentation_from_json(bytes.as_ptr().cast(), bytes.len(), &mut q));
                let parsed = Presentation::from_json_bytes(bytes);
                assert_eq!(ok, parsed.is_ok());
                if let Ok(parsed) = parsed {
                    // SAFETY: both live; the old one is freed once and replaced.
                    unsafe { stenosis_presentation_free(p) };
                    p = q;
                    model = parsed;
                } else {
                    assert!(q.is_null(), "no handle on failure");
                }
                (ok, ok)
            }
            Op::Assess => {
                check_assessment(p, &model);
                (true, true)
            }
        };
        assert_eq!(ok, model_ok, "{op:?}");
        if !ok {
            assert_eq!(model, before, "a refused call changes nothing");
        }
        assert_eq!(json_of(p), model.to_json(), "after {op:?}");
    }
    check_assessment(p, &model);
    // SAFETY: freed once.
    unsafe { stenosis_presentation_free(p) };
});
