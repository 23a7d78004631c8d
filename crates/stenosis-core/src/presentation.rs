//! The input: what is known about a patient with leg symptoms.
//!
//! Layout (every dependency points down):
//! - this file: the type ([`Presentation`], [`FindingSet`]) and its typed setters;
//! - [`json`]: the JSON parser (a hand-written serde visitor driven by the field table in
//!   `crate::fields`, so every refusal names its field) and the canonical JSON writer;
//! - [`values`]: the fields' values (limits, [`RecordId`]) and the checks shared by the setters
//!   and the parser.

mod fast;
mod json;
mod values;

use crate::error::{InputError, InputErrorKind};
use crate::vocab::{Course, Finding, Sex, Status};
use values::{parse_enum, parse_status, real_in_range, whole_from_real, whole_in_range, SmallWhole};
pub use values::{
    parse_finding_id, RecordId, AGE_YEARS_MAX, ANKLE_BRACHIAL_INDEX_MAX, MJOA_MAX, RECORD_ID_MAX_LEN,
    SYMPTOM_DURATION_MONTHS_MAX,
};

pub use crate::fields::PRESENTATION_FIELDS;

/// The status of every finding, as two bit masks (present, absent); a finding in neither is
/// unknown. `Copy`, 16 bytes, no allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FindingSet {
    present: u128,
    absent: u128,
}

impl FindingSet {
    /// The status of one finding.
    #[must_use]
    pub const fn get(&self, f: Finding) -> Status {
        if self.present & f.bit() != 0 {
            Status::Present
        } else if self.absent & f.bit() != 0 {
            Status::Absent
        } else {
            Status::Unknown
        }
    }

    /// A set from two bit masks indexed by [`Finding::code`] (bit `f.code()` of `present` for a
    /// present finding, of `absent` for an absent one), as a columnar reader builds them. A bit
    /// set in both masks counts as present; bits that name no finding are dropped.
    #[must_use]
    pub const fn from_masks(present: u128, absent: u128) -> FindingSet {
        let all = Self::ALL_BITS;
        FindingSet { present: present & all, absent: absent & !present & all }
    }

    /// The bits of every finding in the vocabulary (codes are the positions `0..len`).
    const ALL_BITS: u128 = if Finding::ALL.len() >= 128 { u128::MAX } else { (1u128 << Finding::ALL.len()) - 1 };

    /// Sets the status of one finding (`Unknown` clears it).
    pub fn set(&mut self, f: Finding, s: Status) {
        self.present &= !f.bit();
        self.absent &= !f.bit();
        match s {
            Status::Present => self.present |= f.bit(),
            Status::Absent => self.absent |= f.bit(),
            Status::Unknown => {}
        }
    }

    /// True when the finding is present.
    #[must_use]
    pub const fn has(&self, f: Finding) -> bool {
        self.present & f.bit() != 0
    }

    /// True when the finding was looked for and is absent.
    #[must_use]
    pub const fn lacks(&self, f: Finding) -> bool {
        self.absent & f.bit() != 0
    }

    /// True when the finding was assessed (present or absent).
    #[must_use]
    pub const fn known(&self, f: Finding) -> bool {
        (self.present | self.absent) & f.bit() != 0
    }

    /// The assessed findings with their status, in vocabulary order.
    pub fn assessed(&self) -> impl Iterator<Item = (Finding, Status)> + '_ {
        Finding::ALL.iter().filter_map(move |&f| match self.get(f) {
            Status::Unknown => None,
            s => Some((f, s)),
        })
    }

    pub(crate) const fn present_mask(&self) -> u128 {
        self.present
    }

    pub(crate) const fn absent_mask(&self) -> u128 {
        self.absent
    }
}

/// What is known about a patient with leg symptoms. Every value held is valid: the setters and
/// the JSON parser refuse bad input with an [`InputError`] naming the field, so
/// [`crate::assess`] is total.
///
/// ```
/// use stenosis_core::{Presentation, Finding, Status, Course};
/// let mut p = Presentation::new();
/// p.set_age_years(Some(67))?;
/// p.set_course(Some(Course::Progressive));
/// p.set_finding(Finding::HoffmannSign, Status::Present);
/// assert_eq!(p.finding(Finding::HoffmannSign), Status::Present);
/// assert!(p.set_mjoa(Some(19)).is_err());
/// # Ok::<(), stenosis_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Presentation {
    age_years: SmallWhole,
    sex: Option<Sex>,
    course: Option<Course>,
    symptom_duration_months: Option<f64>,
    mjoa: SmallWhole,
    ankle_brachial_index: Option<f64>,
    findings: FindingSet,
    id: Option<RecordId>,
}

impl Presentation {
    /// An empty presentation: nothing assessed.
    #[must_use]
    pub const fn new() -> Self {
        Presentation {
            age_years: SmallWhole::NONE,
            sex: None,
            course: None,
            symptom_duration_months: None,
            mjoa: SmallWhole::NONE,
            ankle_brachial_index: None,
            findings: FindingSet { present: 0, absent: 0 },
            id: None,
        }
    }

    /// Parses a Presentation from JSON text, refusing unknown fields, unknown finding ids, wrong
    /// types, out-of-range numbers and malformed JSON with an error naming the field.
    ///
    /// ```
    /// use stenosis_core::Presentation;
    /// let err = Presentation::from_json(r#"{"findings": {"babinsky_sign": "present"}}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("findings.babinsky_sign"));
    /// assert!(err.message().contains("babinski_sign"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        json::from_json(text)
    }

    /// Parses JSON bytes: like [`Presentation::from_json`], after checking UTF-8.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, InputError> {
        let text = core::str::from_utf8(bytes).map_err(|e| {
            InputError::new(
                InputErrorKind::InvalidUtf8,
                None,
                &format!("input is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            )
        })?;
        json::from_json(text)
    }

    /// For differential testing only (the fuzz target `json_assess` and tests): the answers of
    /// both JSON readers behind [`Presentation::from_json`] on the same text: the fast path's
    /// (`None` when it leaves the text to the serde parser) and the serde parser's alone. The
    /// contract checked: when the first is `Some`, the second is `Ok` with an equal Presentation.
    /// Not a stable API.
    #[doc(hidden)]
    pub fn from_json_both_paths(text: &str) -> (Option<Self>, Result<Self, InputError>) {
        (fast::parse(text), json::from_json_strict(text))
    }

    /// The canonical JSON of this presentation (fields in contract order, assessed findings only).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Age in years (0 to [`AGE_YEARS_MAX`]).
    #[must_use]
    pub const fn age_years(&self) -> Option<u8> {
        self.age_years.get()
    }
    /// Sex.
    #[must_use]
    pub const fn sex(&self) -> Option<Sex> {
        self.sex
    }
    /// Course of the leg symptoms.
    #[must_use]
    pub const fn course(&self) -> Option<Course> {
        self.course
    }
    /// How long the symptoms have lasted, in months (0 to [`SYMPTOM_DURATION_MONTHS_MAX`]).
    #[must_use]
    pub const fn symptom_duration_months(&self) -> Option<f64> {
        self.symptom_duration_months
    }
    /// mJOA score (0 to [`MJOA_MAX`], the maximum meaning no deficit).
    #[must_use]
    pub const fn mjoa(&self) -> Option<u8> {
        self.mjoa.get()
    }
    /// Ankle-brachial index, lower of the two legs (0 to [`ANKLE_BRACHIAL_INDEX_MAX`]).
    #[must_use]
    pub const fn ankle_brachial_index(&self) -> Option<f64> {
        self.ankle_brachial_index
    }
    /// The status of one finding.
    #[must_use]
    pub const fn finding(&self, f: Finding) -> Status {
        self.findings.get(f)
    }
    /// All findings.
    #[must_use]
    pub const fn findings(&self) -> &FindingSet {
        &self.findings
    }
    /// The record id, if one was given.
    #[must_use]
    pub const fn id(&self) -> Option<&RecordId> {
        self.id.as_ref()
    }
    /// Sets the record id (see [`RecordId`]); refuses anything else naming the field `id`.
    pub fn set_id(&mut self, id: Option<&str>) -> Result<(), InputError> {
        self.id = id.map(RecordId::new).transpose()?;
        Ok(())
    }

    /// Copies one member (a field of the table) from `from`, leaving the others as they are.
    pub(crate) fn copy_member(&mut self, from: &Presentation, member: crate::fields::Member) {
        use crate::fields::Member;
        match member {
            Member::AgeYears => self.age_years = from.age_years,
            Member::Sex => self.sex = from.sex,
            Member::Course => self.course = from.course,
            Member::SymptomDurationMonths => self.symptom_duration_months = from.symptom_duration_months,
            Member::Mjoa => self.mjoa = from.mjoa,
            Member::AnkleBrachialIndex => self.ankle_brachial_index = from.ankle_brachial_index,
            Member::Findings => self.findings = from.findings,
            Member::Id => self.id = from.id,
        }
    }

    /// Replaces the status of every finding at once.
    pub fn set_findings(&mut self, findings: FindingSet) {
        self.findings = findings;
    }

    /// Sets the age; refuses values outside 0 to [`AGE_YEARS_MAX`].
    pub fn set_age_years(&mut self, v: Option<i64>) -> Result<(), InputError> {
        self.age_years = SmallWhole::new(v.map(|v| whole_in_range("age_years", v, AGE_YEARS_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the age from a floating-point number (as data frames deliver it); refuses NaN,
    /// fractions and values outside 0 to [`AGE_YEARS_MAX`].
    pub fn set_age_years_f64(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.age_years = SmallWhole::new(v.map(|v| whole_from_real("age_years", v, AGE_YEARS_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the sex.
    pub fn set_sex(&mut self, v: Option<Sex>) {
        self.sex = v;
    }
    /// Sets the course.
    pub fn set_course(&mut self, v: Option<Course>) {
        self.course = v;
    }
    /// Sets the symptom duration; refuses NaN and values outside 0 to
    /// [`SYMPTOM_DURATION_MONTHS_MAX`].
    pub fn set_symptom_duration_months(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.symptom_duration_months =
            v.map(|v| real_in_range("symptom_duration_months", v, SYMPTOM_DURATION_MONTHS_MAX)).transpose()?;
        Ok(())
    }
    /// Sets the mJOA score; refuses values outside 0 to [`MJOA_MAX`].
    pub fn set_mjoa(&mut self, v: Option<i64>) -> Result<(), InputError> {
        self.mjoa = SmallWhole::new(v.map(|v| whole_in_range("mjoa", v, MJOA_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the mJOA score from a floating-point number; refuses NaN, fractions and values
    /// outside 0 to [`MJOA_MAX`].
    pub fn set_mjoa_f64(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.mjoa = SmallWhole::new(v.map(|v| whole_from_real("mjoa", v, MJOA_MAX)).transpose()?);
        Ok(())
    }
    /// Sets the ankle-brachial index; refuses NaN and values outside 0 to
    /// [`ANKLE_BRACHIAL_INDEX_MAX`].
    pub fn set_ankle_brachial_index(&mut self, v: Option<f64>) -> Result<(), InputError> {
        self.ankle_brachial_index =
            v.map(|v| real_in_range("ankle_brachial_index", v, ANKLE_BRACHIAL_INDEX_MAX)).transpose()?;
        Ok(())
    }
    /// Sets one finding.
    pub fn set_finding(&mut self, f: Finding, s: Status) {
        self.findings.set(f, s);
    }

    /// Sets a finding from string id and status, as bindings receive them; an unknown id is
    /// refused with the closest known id suggested.
    pub fn set_finding_by_id(&mut self, id: &str, status: &str) -> Result<(), InputError> {
        let f = parse_finding_id(id)?;
        let s = parse_status(f, status)?;
        self.findings.set(f, s);
        Ok(())
    }

    /// Sets the sex from its string id.
    pub fn set_sex_by_id(&mut self, id: Option<&str>) -> Result<(), InputError> {
        self.sex = id.map(|s| parse_enum("sex", s, Sex::from_id, Sex::ALL.iter().map(|v| v.id()))).transpose()?;
        Ok(())
    }

    /// Sets the course from its string id.
    pub fn set_course_by_id(&mut self, id: Option<&str>) -> Result<(), InputError> {
        self.course =
            id.map(|s| parse_enum("course", s, Course::from_id, Course::ALL.iter().map(|v| v.id()))).transpose()?;
        Ok(())
    }

    /// A copy with one finding changed (used to ask "what if").
    #[must_use]
    pub const fn with_finding(mut self, f: Finding, s: Status) -> Self {
        let bit = f.bit();
        self.findings.present &= !bit;
        self.findings.absent &= !bit;
        match s {
            Status::Present => self.findings.present |= bit,
            Status::Absent => self.findings.absent |= bit,
            Status::Unknown => {}
        }
        self
    }
}
