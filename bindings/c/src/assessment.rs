//! The immutable Assessment handle and its accessors.
//!
//! Everything an Assessment holds is exposed as plain C structs whose pointers (strings and
//! arrays) point into storage owned by the Assessment handle: they stay valid, unchanged, until
//! `stenosis_assessment_free`, and must not be freed by the caller. The handle is built once by
//! `stenosis_assess` and never mutated, so any number of threads may read it at once.

use std::ffi::{c_char, CString};
use std::ptr;

use stenosis_core::{
    Assessment, CitationEntry, CitationId, DifferentialEntry, Finding, Myelopathy, NextFinding, Outcome, PrognosisNote,
    Recommendation, RecordId,
};

use crate::error::{guard, in_ref, out_ptr, out_val, to_cstring, FfiError, StenosisError, StenosisStatus};

/// mJOA severity.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisSeverity {
    /// Whether an mJOA score was given; when false the other fields are 0.
    pub known: bool,
    /// The mJOA score (0 to `STENOSIS_MJOA_MAX`).
    pub mjoa: u8,
    /// Its class: a `StenosisSeverityClass` code.
    pub severity_class: u32,
}

/// One item of the Cook clinical prediction rule.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisCookItem {
    /// The item id: `gait_deviation`, `hoffmann_sign`, `inverted_supinator_sign`,
    /// `babinski_sign` or `age_over_45`.
    pub item: *const c_char,
    /// Its status: a `StenosisFindingStatus` code.
    pub status: u32,
}

/// The cervical question: how likely degenerative cervical myelopathy is, and why.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisMyelopathy {
    /// A `StenosisLikelihood` code.
    pub likelihood: u32,
    /// Cook rule items positive (0-5).
    pub cook_positive: u8,
    /// Cook rule items assessed (0-5).
    pub cook_assessed: u8,
    /// The Cook rule items (`cook_items_len` entries).
    pub cook_items: *const StenosisCookItem,
    /// Number of Cook rule items.
    pub cook_items_len: usize,
    /// Whether a post-test probability applies; when false the three numbers below are 0 and
    /// the two strings NULL.
    pub has_post_test: bool,
    /// The pre-test probability assumed.
    pub pre_test_probability: f64,
    /// Where the pre-test probability comes from.
    pub pre_test_basis: *const c_char,
    /// The likelihood ratio applied.
    pub likelihood_ratio: f64,
    /// Which threshold of the rule the ratio belongs to.
    pub post_test_rule: *const c_char,
    /// The post-test probability.
    pub post_test_probability: f64,
    /// Present findings that support myelopathy (`StenosisFinding` codes).
    pub supporting: *const u32,
    /// Number of supporting findings.
    pub supporting_len: usize,
    /// Findings that oppose it (`StenosisFinding` codes).
    pub opposing: *const u32,
    /// Number of opposing findings.
    pub opposing_len: usize,
    /// Why, rule by rule.
    pub reasons: *const *const c_char,
    /// Number of reasons.
    pub reasons_len: usize,
    /// Citation ids (see `stenosis_assessment_citation`).
    pub citations: *const *const c_char,
    /// Number of citation ids.
    pub citations_len: usize,
}

/// One condition on the differential.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisDifferentialEntry {
    /// A `StenosisCondition` code.
    pub condition: u32,
    /// A `StenosisLikelihood` code.
    pub likelihood: u32,
    /// Present findings that support it (`StenosisFinding` codes).
    pub supporting: *const u32,
    /// Number of supporting findings.
    pub supporting_len: usize,
    /// Findings that oppose it (`StenosisFinding` codes).
    pub opposing: *const u32,
    /// Number of opposing findings.
    pub opposing_len: usize,
    /// Why the likelihood is what it is, rule by rule.
    pub reasons: *const *const c_char,
    /// Number of reasons.
    pub reasons_len: usize,
    /// Citation ids.
    pub citations: *const *const c_char,
    /// Number of citation ids.
    pub citations_len: usize,
}

/// `StenosisRecommendation.strength` when the source gives no grade (JSON `null`).
pub const STENOSIS_STRENGTH_NONE: u32 = u32::MAX;
/// `StenosisRecommendation.evidence_quality` when the source gives no grade (JSON `null`).
pub const STENOSIS_EVIDENCE_QUALITY_NONE: u32 = u32::MAX;

/// A recommended action.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisRecommendation {
    /// What to do: a `StenosisAction` code.
    pub action: u32,
    /// How soon: a `StenosisUrgency` code.
    pub urgency: u32,
    /// The guideline's strength of recommendation: a `StenosisStrength` code, or
    /// `STENOSIS_STRENGTH_NONE` where the source gives no grade.
    pub strength: u32,
    /// The guideline's quality of evidence: a `StenosisEvidenceQuality` code, or
    /// `STENOSIS_EVIDENCE_QUALITY_NONE` where the source gives no grade.
    pub evidence_quality: u32,
    /// Why.
    pub rationale: *const c_char,
    /// Citation ids.
    pub citations: *const *const c_char,
    /// Number of citation ids.
    pub citations_len: usize,
}

/// A red flag or a warning raised.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisAlert {
    /// A `StenosisRedFlag` code (red flags) or a `StenosisWarning` code (warnings).
    pub id: u32,
    /// What it means and what to do.
    pub message: *const c_char,
    /// Citation ids.
    pub citations: *const *const c_char,
    /// Number of citation ids.
    pub citations_len: usize,
}

/// What the assessment would become with one more finding known.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisOutcome {
    /// A `StenosisPathway` code.
    pub pathway: u32,
    /// A `StenosisLikelihood` code.
    pub myelopathy_likelihood: u32,
    /// A `StenosisCondition` code.
    pub top_condition: u32,
    /// Whether a cervical MRI would be recommended.
    pub cervical_mri_recommended: bool,
    /// Its urgency (a `StenosisUrgency` code) when recommended, else 0.
    pub cervical_mri_urgency: u32,
    /// Red flags raised (`StenosisRedFlag` codes).
    pub red_flags: *const u32,
    /// Number of red flags.
    pub red_flags_len: usize,
}

/// A finding not yet assessed that would change the assessment.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisNextFinding {
    /// A `StenosisFinding` code.
    pub finding: u32,
    /// How much knowing it would change the assessment (higher is more).
    pub impact: u32,
    /// Why, in words.
    pub why: *const c_char,
    /// The assessment if it were present.
    pub if_present: StenosisOutcome,
    /// The assessment if it were absent.
    pub if_absent: StenosisOutcome,
}

/// A prognosis figure with its source.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisPrognosis {
    /// A stable id.
    pub id: *const c_char,
    /// The statement.
    pub statement: *const c_char,
    /// Citation ids.
    pub citations: *const *const c_char,
    /// Number of citation ids.
    pub citations_len: usize,
}

/// A full reference.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisCitation {
    /// The citation id (as used in the `citations` arrays).
    pub id: *const c_char,
    /// Authors.
    pub authors: *const c_char,
    /// Title.
    pub title: *const c_char,
    /// Journal or publisher.
    pub source: *const c_char,
    /// Year.
    pub year: u16,
    /// PubMed id, or NULL when none is verified.
    pub pmid: *const c_char,
    /// DOI, or NULL when none is verified.
    pub doi: *const c_char,
    /// A link, or NULL.
    pub url: *const c_char,
}

/// The whole Assessment at a glance: the pathway, severity, versions and the length of each list.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StenosisSummary {
    /// Where the case sits on the management pathway: a `StenosisPathway` code.
    pub pathway: u32,
    /// Why that pathway.
    pub pathway_rationale: *const c_char,
    /// The first condition of the differential: a `StenosisCondition` code.
    pub top_condition: u32,
    /// mJOA severity.
    pub severity: StenosisSeverity,
    /// Entries of the differential (`stenosis_assessment_differential`).
    pub differential_len: usize,
    /// Recommendations, most urgent first (`stenosis_assessment_recommendation`).
    pub recommendations_len: usize,
    /// Red flags (`stenosis_assessment_red_flag`).
    pub red_flags_len: usize,
    /// Warnings (`stenosis_assessment_warning`).
    pub warnings_len: usize,
    /// Next findings, best first (`stenosis_assessment_next_finding`).
    pub next_findings_len: usize,
    /// Prognosis notes (`stenosis_assessment_prognosis`).
    pub prognosis_len: usize,
    /// Full references (`stenosis_assessment_citation`).
    pub citations_len: usize,
    /// The engine version.
    pub engine_version: *const c_char,
    /// The knowledge-base version.
    pub knowledge_base_version: *const c_char,
    /// Decision support, not a diagnosis.
    pub disclaimer: *const c_char,
}

/// Owned storage that the C structs point into. Heap buffers of `CString`s and `Vec`s do not
/// move when the outer vectors grow, so the pointers stay valid for the arena's life.
#[derive(Default)]
struct Arena {
    strings: Vec<CString>,
    codes: Vec<Vec<u32>>,
    string_arrays: Vec<Vec<*const c_char>>,
    cook_items: Vec<Vec<StenosisCookItem>>,
}

impl Arena {
    fn s(&mut self, text: &str) -> *const c_char {
        // Store first, then take the pointer from the stored value: moving a `CString` (a Box)
        // after taking its pointer would invalidate the pointer under Stacked Borrows.
        self.strings.push(to_cstring(text));
        self.strings.last().map_or(ptr::null(), |c| c.as_ptr())
    }

    fn opt(&mut self, text: Option<&str>) -> *const c_char {
        text.map_or(ptr::null(), |t| self.s(t))
    }

    fn codes(&mut self, codes: Vec<u32>) -> (*const u32, usize) {
        let len = codes.len();
        self.codes.push(codes);
        let p = self.codes.last().filter(|c| !c.is_empty()).map_or(ptr::null(), |c| c.as_ptr());
        (p, len)
    }

    fn findings(&mut self, fs: &[Finding]) -> (*const u32, usize) {
        self.codes(fs.iter().map(|f| f.code()).collect())
    }

    fn strs<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) -> (*const *const c_char, usize) {
        let ptrs: Vec<*const c_char> = texts.into_iter().map(|t| self.s(t)).collect();
        let len = ptrs.len();
        self.string_arrays.push(ptrs);
        let p = self.string_arrays.last().filter(|a| !a.is_empty()).map_or(ptr::null(), |a| a.as_ptr());
        (p, len)
    }

    fn cites(&mut self, ids: &[CitationId]) -> (*const *const c_char, usize) {
        self.strs(ids.iter().map(|c| c.id()))
    }

    fn outcome(&mut self, o: &Outcome) -> StenosisOutcome {
        let (red_flags, red_flags_len) = self.codes(o.red_flags.iter().map(|r| r.code()).collect());
        StenosisOutcome {
            pathway: o.pathway.code(),
            myelopathy_likelihood: o.myelopathy_likelihood.code(),
            top_condition: o.top_condition.code(),
            cervical_mri_recommended: o.cervical_mri.is_some(),
            cervical_mri_urgency: o.cervical_mri.map_or(0, |u| u.code()),
            red_flags,
            red_flags_len,
        }
    }
}

/// An Assessment: the result of `stenosis_assess`.
///
/// Owned by the caller and released with `stenosis_assessment_free`. Immutable: safe to read
/// from any number of threads at once. Every pointer its accessors return points into it and is
/// valid until it is freed.
pub struct StenosisAssessment {
    pub(crate) inner: Assessment,
    summary: StenosisSummary,
    myelopathy: StenosisMyelopathy,
    differential: Vec<StenosisDifferentialEntry>,
    recommendations: Vec<StenosisRecommendation>,
    red_flags: Vec<StenosisAlert>,
    warnings: Vec<StenosisAlert>,
    next_findings: Vec<StenosisNextFinding>,
    prognosis: Vec<StenosisPrognosis>,
    citations: Vec<StenosisCitation>,
    /// The record id, NUL-terminated in the arena, or NULL.
    id: *const c_char,
    _arena: Arena,
}

// SAFETY: the raw pointers in the C structs point only into `_arena`, which the handle owns and
// never mutates after construction; sharing or sending the handle shares immutable data only.
unsafe impl Send for StenosisAssessment {}
// SAFETY: as above: after construction nothing in the handle is ever written.
unsafe impl Sync for StenosisAssessment {}

impl StenosisAssessment {
    /// The core Assessment (for the renderers).
    pub(crate) const fn core(&self) -> &Assessment {
        &self.inner
    }

    pub(crate) fn new(inner: Assessment) -> Self {
        let mut ar = Arena::default();
        let myelopathy = ar.myelopathy(&inner.myelopathy);
        let differential = inner.differential.iter().map(|e| ar.differential_entry(e)).collect();
        let recommendations = inner.recommendations.iter().map(|r| ar.recommendation(r)).collect();
        let red_flags = inner.red_flags.iter().map(|r| ar.alert(r.id.code(), &r.message, &r.citations)).collect();
        let warnings = inner.warnings.iter().map(|w| ar.alert(w.id.code(), &w.message, &w.citations)).collect();
        let next_findings = inner.next_findings.iter().map(|n| ar.next_finding(n)).collect();
        let prognosis = inner.prognosis.iter().map(|n| ar.prognosis(n)).collect();
        let citations = inner.citations.iter().map(|c| ar.citation(c)).collect();
        let summary = ar.summary(&inner);
        let id = ar.opt(inner.id.as_ref().map(RecordId::as_str));
        StenosisAssessment {
            inner,
            summary,
            myelopathy,
            differential,
            recommendations,
            red_flags,
            warnings,
            next_findings,
            prognosis,
            citations,
            id,
            _arena: ar,
        }
    }
}

/// One converter per C struct: each stores the strings and arrays it needs in the arena and
/// returns the struct pointing into them.
impl Arena {
    fn myelopathy(&mut self, m: &Myelopathy) -> StenosisMyelopathy {
        let items: Vec<StenosisCookItem> = m
            .cook_rule
            .items
            .iter()
            .map(|i| StenosisCookItem { item: self.s(i.item), status: i.status.code() })
            .collect();
        let cook_items_len = items.len();
        self.cook_items.push(items);
        let cook_items = self.cook_items.last().filter(|v| !v.is_empty()).map_or(ptr::null(), |v| v.as_ptr());
        let (supporting, supporting_len) = self.findings(&m.supporting);
        let (opposing, opposing_len) = self.findings(&m.opposing);
        let (reasons, reasons_len) = self.strs(m.reasons.iter().copied());
        let (citations, citations_len) = self.cites(&m.citations);
        let pt = m.post_test.as_ref();
        StenosisMyelopathy {
            likelihood: m.likelihood.code(),
            cook_positive: m.cook_rule.positive,
            cook_assessed: m.cook_rule.assessed,
            cook_items,
            cook_items_len,
            has_post_test: pt.is_some(),
            pre_test_probability: pt.map_or(0.0, |p| p.pre_test_probability),
            pre_test_basis: self.opt(pt.map(|p| p.pre_test_basis)),
            likelihood_ratio: pt.map_or(0.0, |p| p.likelihood_ratio),
            post_test_rule: self.opt(pt.map(|p| p.rule)),
            post_test_probability: pt.map_or(0.0, |p| p.probability),
            supporting,
            supporting_len,
            opposing,
            opposing_len,
            reasons,
            reasons_len,
            citations,
            citations_len,
        }
    }

    fn differential_entry(&mut self, e: &DifferentialEntry) -> StenosisDifferentialEntry {
        let (supporting, supporting_len) = self.findings(&e.supporting);
        let (opposing, opposing_len) = self.findings(&e.opposing);
        let (reasons, reasons_len) = self.strs(e.reasons.iter().copied());
        let (citations, citations_len) = self.cites(&e.citations);
        StenosisDifferentialEntry {
            condition: e.condition.code(),
            likelihood: e.likelihood.code(),
            supporting,
            supporting_len,
            opposing,
            opposing_len,
            reasons,
            reasons_len,
            citations,
            citations_len,
        }
    }

    fn recommendation(&mut self, r: &Recommendation) -> StenosisRecommendation {
        let (citations, citations_len) = self.cites(&r.citations);
        StenosisRecommendation {
            action: r.action.code(),
            urgency: r.urgency.code(),
            strength: r.strength.map_or(STENOSIS_STRENGTH_NONE, |g| g.code()),
            evidence_quality: r.evidence_quality.map_or(STENOSIS_EVIDENCE_QUALITY_NONE, |q| q.code()),
            rationale: self.s(&r.rationale),
            citations,
            citations_len,
        }
    }

    /// A red flag or a warning.
    fn alert(&mut self, id: u32, message: &str, cites: &[CitationId]) -> StenosisAlert {
        let (citations, citations_len) = self.cites(cites);
        StenosisAlert { id, message: self.s(message), citations, citations_len }
    }

    fn next_finding(&mut self, n: &NextFinding) -> StenosisNextFinding {
        StenosisNextFinding {
            finding: n.finding.code(),
            impact: n.impact,
            why: self.s(&n.why),
            if_present: self.outcome(&n.if_present),
            if_absent: self.outcome(&n.if_absent),
        }
    }

    fn prognosis(&mut self, n: &PrognosisNote) -> StenosisPrognosis {
        let (citations, citations_len) = self.cites(n.citations);
        StenosisPrognosis { id: self.s(n.id), statement: self.s(n.statement), citations, citations_len }
    }

    fn citation(&mut self, c: &CitationEntry) -> StenosisCitation {
        StenosisCitation {
            id: self.s(c.id.id()),
            authors: self.s(c.authors),
            title: self.s(c.title),
            source: self.s(c.source),
            year: c.year,
            pmid: self.opt(c.pmid),
            doi: self.opt(c.doi),
            url: self.opt(c.url.as_deref()),
        }
    }

    fn summary(&mut self, a: &Assessment) -> StenosisSummary {
        let severity = a.severity.map_or(StenosisSeverity { known: false, mjoa: 0, severity_class: 0 }, |s| {
            StenosisSeverity { known: true, mjoa: s.mjoa, severity_class: s.class.code() }
        });
        StenosisSummary {
            pathway: a.pathway.code(),
            pathway_rationale: self.s(&a.pathway_rationale),
            top_condition: a.top_condition().map_or(0, |c| c.code()),
            severity,
            differential_len: a.differential.len(),
            recommendations_len: a.recommendations.len(),
            red_flags_len: a.red_flags.len(),
            warnings_len: a.warnings.len(),
            next_findings_len: a.next_findings.len(),
            prognosis_len: a.prognosis.len(),
            citations_len: a.citations.len(),
            engine_version: self.s(a.engine_version),
            knowledge_base_version: self.s(a.knowledge_base_version),
            disclaimer: self.s(a.disclaimer),
        }
    }
}

/// Frees an Assessment, and with it every string and array its accessors returned. Accepts NULL.
///
/// # Safety
///
/// `a` must be NULL or an Assessment returned by this library, not yet freed and not in use by
/// another thread.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_free(a: *mut StenosisAssessment) {
    if !a.is_null() {
        // SAFETY: `a` came from `Box::into_raw` in `stenosis_assess` and is freed once.
        let _ = std::panic::catch_unwind(|| drop(unsafe { Box::from_raw(a) }));
    }
}

/// The Assessment as an HL7 CDS Hooks 2.0 response (`{"cards": [...]}`): one critical card per
/// red flag, then the assessment card. No suggestions or system actions (no orders are placed).
///
/// On success `*output` receives a NUL-terminated string the caller owns and releases with
/// `stenosis_string_free`; on failure `*output` is set to NULL.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `output` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_to_cds_hooks_json(
    assessment: *const StenosisAssessment,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: the caller guarantees `assessment` is NULL or live.
        let a = unsafe { in_ref(assessment, "assessment")? };
        *output = to_cstring(stenosis_core::cds_hooks_response(&a.inner).to_json()).into_raw();
        Ok(())
    })
}

/// The Assessment as JSON, byte-identical to `stenosis_assess_json` for the same Presentation.
///
/// On success `*output` receives a NUL-terminated string the caller owns and releases with
/// `stenosis_string_free`; on failure `*output` is set to NULL.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `output` and `error` must each be NULL or
/// point to writable storage for a pointer.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_to_json(
    assessment: *const StenosisAssessment,
    output: *mut *mut c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `output` is NULL or writable.
        let output = unsafe { out_ptr(output, "output")? };
        // SAFETY: the caller guarantees `assessment` is NULL or live.
        let a = unsafe { in_ref(assessment, "assessment")? };
        *output = to_cstring(a.inner.to_json()).into_raw();
        Ok(())
    })
}

/// Copies one value out of the Assessment inside the guard.
///
/// # Safety
///
/// `a` NULL or live; `out` NULL or writable; `error` NULL or writable.
unsafe fn get<T: Copy>(
    a: *const StenosisAssessment,
    out: *mut T,
    error: *mut *mut StenosisError,
    pick: impl FnOnce(&StenosisAssessment) -> Result<T, FfiError>,
) -> StenosisStatus {
    guard(error, || {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out_val(out, "out")? };
        // SAFETY: the caller guarantees `a` is NULL or live.
        let a = unsafe { in_ref(a, "assessment")? };
        *out = pick(a)?;
        Ok(())
    })
}

fn at<T: Copy>(list: &[T], index: usize, what: &str) -> Result<T, FfiError> {
    list.get(index).copied().ok_or_else(|| {
        FfiError::new(
            StenosisStatus::StenosisIndexOutOfRange,
            format!("index {index} is out of range: {what} has {} entries", list.len()),
            None,
        )
    })
}

/// The pathway: where the case sits on the management pathway (a `StenosisPathway` code).
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_pathway(
    assessment: *const StenosisAssessment,
    out: *mut u32,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| Ok(a.summary.pathway)) }
}

/// The record id given in the Presentation (`stenosis_presentation_set_id`, or `id` in its
/// JSON): `*out` receives a NUL-terminated string owned by the Assessment and valid until it is
/// freed, or NULL when the Presentation had no id.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_id(
    assessment: *const StenosisAssessment,
    out: *mut *const c_char,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| Ok(a.id)) }
}

/// The mJOA severity (`known` is false when no mJOA was given).
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_severity(
    assessment: *const StenosisAssessment,
    out: *mut StenosisSeverity,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| Ok(a.summary.severity)) }
}

/// The summary: pathway, rationale, top condition, severity, versions, disclaimer and the length
/// of every list. Its strings are owned by the Assessment and valid until it is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_summary(
    assessment: *const StenosisAssessment,
    out: *mut StenosisSummary,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| Ok(a.summary)) }
}

/// The cervical question: myelopathy likelihood, Cook rule, post-test probability, supporting and
/// opposing findings, reasons and citations. Its pointers are owned by the Assessment and valid
/// until it is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_myelopathy(
    assessment: *const StenosisAssessment,
    out: *mut StenosisMyelopathy,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| Ok(a.myelopathy)) }
}

/// Entry `index` of the differential (most likely first; `StenosisSummary.differential_len`
/// entries). Past the end: `STENOSIS_INDEX_OUT_OF_RANGE`. Pointers valid until the Assessment is
/// freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_differential(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisDifferentialEntry,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.differential, index, "differential")) }
}

/// Recommendation `index` (most urgent first). Past the end: `STENOSIS_INDEX_OUT_OF_RANGE`.
/// Pointers valid until the Assessment is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_recommendation(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisRecommendation,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.recommendations, index, "recommendations")) }
}

/// Red flag `index` (`id` is a `StenosisRedFlag` code). Past the end:
/// `STENOSIS_INDEX_OUT_OF_RANGE`. Pointers valid until the Assessment is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_red_flag(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisAlert,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.red_flags, index, "red_flags")) }
}

/// Warning `index` (`id` is a `StenosisWarning` code). Past the end:
/// `STENOSIS_INDEX_OUT_OF_RANGE`. Pointers valid until the Assessment is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_warning(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisAlert,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.warnings, index, "warnings")) }
}

/// Next finding `index` (best first). Past the end: `STENOSIS_INDEX_OUT_OF_RANGE`. Pointers
/// valid until the Assessment is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_next_finding(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisNextFinding,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.next_findings, index, "next_findings")) }
}

/// Prognosis note `index`. Past the end: `STENOSIS_INDEX_OUT_OF_RANGE`. Pointers valid until the
/// Assessment is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_prognosis(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisPrognosis,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.prognosis, index, "prognosis")) }
}

/// Full reference `index` (every citation id used in the Assessment, sorted). Past the end:
/// `STENOSIS_INDEX_OUT_OF_RANGE`. Pointers valid until the Assessment is freed.
///
/// # Safety
///
/// `assessment` must be NULL or a live Assessment; `out` and `error` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn stenosis_assessment_citation(
    assessment: *const StenosisAssessment,
    index: usize,
    out: *mut StenosisCitation,
    error: *mut *mut StenosisError,
) -> StenosisStatus {
    // SAFETY: forwarded from the caller's guarantees.
    unsafe { get(assessment, out, error, |a| at(&a.citations, index, "citations")) }
}
