//! The code map: which FHIR codes set which Presentation field, kept as data.
//!
//! The built-in map holds only codes marked verified in the project's research
//! (`fhir-mapping.md` §1.3, `standards.md` §3): the SNOMED CT codes the core vocabulary carries
//! ([`stenosis_core::Finding::snomed`]) plus the verified SNOMED CT, ICD-10-CM and LOINC codes
//! listed in [`DEFAULT_CODES`]. Real EHRs record most examination findings with local codes, so a
//! site adds its own with a site map file (JSON or TOML, see [`CodeMap::with_site_map`]). A code
//! that is in neither is reported, never guessed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use stenosis_core::{Finding, Status, SNOMED_SYSTEM};

use crate::FhirError;

/// LOINC system URI.
pub const LOINC_SYSTEM: &str = "http://loinc.org";
/// ICD-10-CM system URI.
pub const ICD10CM_SYSTEM: &str = "http://hl7.org/fhir/sid/icd-10-cm";

/// A Presentation field a numeric Observation can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumericField {
    /// mJOA total, 18-point (Benzel) form.
    Mjoa,
    /// Ankle-brachial index (the lower leg is taken).
    AnkleBrachialIndex,
}

impl NumericField {
    /// The Presentation field name.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            NumericField::Mjoa => "mjoa",
            NumericField::AnkleBrachialIndex => "ankle_brachial_index",
        }
    }
}

/// What a code sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A finding (present / absent / unknown).
    Finding(Finding),
    /// A number.
    Field(NumericField),
}

impl Target {
    /// The Presentation field path, e.g. `findings.saddle_anesthesia` or `mjoa`.
    #[must_use]
    pub fn path(self) -> String {
        match self {
            Target::Finding(f) => format!("findings.{}", f.id()),
            Target::Field(n) => n.id().to_owned(),
        }
    }
}

/// The resource types the adapter reads codes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceKind {
    /// `Observation.code` (or a component's code).
    Observation,
    /// `Condition.code`.
    Condition,
    /// `DiagnosticReport.conclusionCode`.
    DiagnosticReport,
}

impl ResourceKind {
    /// The FHIR resource type name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            ResourceKind::Observation => "Observation",
            ResourceKind::Condition => "Condition",
            ResourceKind::DiagnosticReport => "DiagnosticReport",
        }
    }
}

/// A coded answer (an Observation's `valueCodeableConcept`) and the status it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Code system URI.
    pub system: String,
    /// Code.
    pub code: String,
    /// What it means.
    pub status: Status,
}

/// Where a code map entry comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built in; the string names the verifying source.
    Default(&'static str),
    /// From the site map file.
    Site,
}

/// One code and what it sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeMapEntry {
    /// Code system URI.
    pub system: String,
    /// The code.
    pub code: String,
    /// Display, for reports.
    pub display: String,
    /// What it sets.
    pub target: Target,
    /// The resource types it is read from.
    pub resources: Vec<ResourceKind>,
    /// Coded answers specific to this code (e.g. smoking status values).
    pub answers: Vec<Answer>,
    /// Built in or site.
    pub origin: Origin,
}

/// A built-in row: system, code, display, finding, resource types, verifying source.
pub struct DefaultCode {
    /// Code system URI.
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// Display as seen in the source.
    pub display: &'static str,
    /// The finding it sets.
    pub finding: Finding,
    /// Resource types it is read from.
    pub resources: &'static [ResourceKind],
    /// The verifying source (keys of `fhir-mapping.md`).
    pub source: &'static str,
}

const OBS_COND: &[ResourceKind] = &[ResourceKind::Observation, ResourceKind::Condition];
const IMAGING: &[ResourceKind] = &[ResourceKind::Observation, ResourceKind::DiagnosticReport];
const REPORT: &[ResourceKind] = &[ResourceKind::DiagnosticReport];

const fn row(
    system: &'static str,
    code: &'static str,
    display: &'static str,
    finding: Finding,
    resources: &'static [ResourceKind],
    source: &'static str,
) -> DefaultCode {
    DefaultCode { system, code, display, finding, resources, source }
}

/// The verified codes beyond those the core vocabulary carries, each with the source that
/// verified it (`fhir-mapping.md` §1.3; only rows marked V there). Codes that are broader than
/// the finding (e.g. 713514005 "Muscle weakness of limb", which includes the arms) are left out.
pub const DEFAULT_CODES: &[DefaultCode] = &[
    row(SNOMED_SYSTEM, "236648008", "Acute retention of urine", Finding::UrinaryRetention, OBS_COND, "VS-UR25"),
    row(ICD10CM_SYSTEM, "R33.9", "Retention of urine, unspecified", Finding::UrinaryRetention, OBS_COND, "VS-UR25"),
    row(SNOMED_SYSTEM, "22631008", "Unsteady when walking (finding)", Finding::GaitDifficulty, OBS_COND, "VS-FS25"),
    row(SNOMED_SYSTEM, "22325002", "Abnormal gait (finding)", Finding::GaitDifficulty, OBS_COND, "VS-FS25"),
    row(
        ICD10CM_SYSTEM,
        "R26.2",
        "Difficulty in walking, not elsewhere classified",
        Finding::GaitDifficulty,
        OBS_COND,
        "standards.md 3.3",
    ),
    row(SNOMED_SYSTEM, "23056005", "Sciatica (disorder)", Finding::SciaticaLikePain, OBS_COND, "VS-CP"),
    row(
        ICD10CM_SYSTEM,
        "M54.30",
        "Sciatica, unspecified side",
        Finding::SciaticaLikePain,
        OBS_COND,
        "standards.md 3.3",
    ),
    row(ICD10CM_SYSTEM, "M54.31", "Sciatica, right side", Finding::SciaticaLikePain, OBS_COND, "standards.md 3.3"),
    row(ICD10CM_SYSTEM, "M54.32", "Sciatica, left side", Finding::SciaticaLikePain, OBS_COND, "standards.md 3.3"),
    row(
        ICD10CM_SYSTEM,
        "M54.40",
        "Lumbago with sciatica, unspecified side",
        Finding::SciaticaLikePain,
        OBS_COND,
        "standards.md 3.3",
    ),
    row(
        ICD10CM_SYSTEM,
        "M54.41",
        "Lumbago with sciatica, right side",
        Finding::SciaticaLikePain,
        OBS_COND,
        "standards.md 3.3",
    ),
    row(
        ICD10CM_SYSTEM,
        "M54.42",
        "Lumbago with sciatica, left side",
        Finding::SciaticaLikePain,
        OBS_COND,
        "standards.md 3.3",
    ),
    row(SNOMED_SYSTEM, "303081002", "Neurogenic claudication (finding)", Finding::WalkingLegPain, OBS_COND, "VS-CP"),
    row(SNOMED_SYSTEM, "63491006", "Intermittent claudication (finding)", Finding::WalkingLegPain, OBS_COND, "VS-PAD"),
    row(ICD10CM_SYSTEM, "M54.2", "Cervicalgia", Finding::NeckPain, OBS_COND, "VS-CP"),
    row(ICD10CM_SYSTEM, "M54.5", "Low back pain", Finding::SignificantBackPain, OBS_COND, "VS-CP"),
    row(SNOMED_SYSTEM, "22090007", "Scissoring gait (finding)", Finding::GaitDeviation, OBS_COND, "VS-FS25"),
    row(SNOMED_SYSTEM, "312444006", "Spastic paraparesis (finding)", Finding::GaitDeviation, OBS_COND, "VS-FS25"),
    row(SNOMED_SYSTEM, "300948004", "Quadriceps weakness (finding)", Finding::LegWeaknessOnExam, OBS_COND, "VS-FS25"),
    row(SNOMED_SYSTEM, "309249007", "Calf muscle weakness (finding)", Finding::LegWeaknessOnExam, OBS_COND, "VS-FS25"),
    row(SNOMED_SYSTEM, "73211009", "Diabetes mellitus", Finding::Diabetes, OBS_COND, "CPG-DM"),
    row(SNOMED_SYSTEM, "44054006", "Diabetes mellitus type 2", Finding::Diabetes, OBS_COND, "VS-DM"),
    row(SNOMED_SYSTEM, "46635009", "Diabetes mellitus type 1", Finding::Diabetes, OBS_COND, "VS-DM"),
    row(LOINC_SYSTEM, "72166-2", "Tobacco smoking status", Finding::Smoker, &[ResourceKind::Observation], "USC-SMK"),
    row(
        ICD10CM_SYSTEM,
        "M48.061",
        "Spinal stenosis, lumbar region without neurogenic claudication",
        Finding::KnownLumbarStenosis,
        OBS_COND,
        "VS-CP",
    ),
    row(
        ICD10CM_SYSTEM,
        "M48.062",
        "Spinal stenosis, lumbar region with neurogenic claudication",
        Finding::KnownLumbarStenosis,
        OBS_COND,
        "VS-CP",
    ),
    row(
        SNOMED_SYSTEM,
        "18347007",
        "Spinal stenosis of lumbar region (disorder)",
        Finding::LumbarStenosisOnImaging,
        REPORT,
        "VS-CP",
    ),
];

/// The US Core smoking-status answers (`fhir-mapping.md` §1.3, [USC-SMK]): current or former
/// smoker is present (SPEC: "current or former"), never smoker absent, unknown unknown.
const SMOKING_ANSWERS: &[(&str, Status)] = &[
    ("449868002", Status::Present),
    ("428041000124106", Status::Present),
    ("428071000124103", Status::Present),
    ("428061000124105", Status::Present),
    ("77176002", Status::Present),
    ("8517006", Status::Present),
    ("266919005", Status::Absent),
    ("266927001", Status::Unknown),
];

/// The code map: built-in verified codes plus a site's own.
#[derive(Debug, Clone)]
pub struct CodeMap {
    entries: Vec<CodeMapEntry>,
    index: HashMap<(String, String), Vec<usize>>,
}

fn normalize(system: &str, code: &str) -> (String, String) {
    let code = if system == ICD10CM_SYSTEM { code.replace('.', "") } else { code.to_owned() };
    (system.to_owned(), code)
}

impl Default for CodeMap {
    fn default() -> Self {
        CodeMap::builtin()
    }
}

/// The site map file: `{"codes": [ ... ]}` in JSON, or `[[codes]]` tables in TOML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteMapFile {
    codes: Vec<SiteCode>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteCode {
    system: String,
    code: String,
    #[serde(default)]
    display: Option<String>,
    #[serde(default)]
    finding: Option<String>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    resources: Option<Vec<String>>,
    #[serde(default)]
    answers: Vec<SiteAnswer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteAnswer {
    system: String,
    code: String,
    status: String,
}

/// The format of a site map file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteMapFormat {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl SiteMapFormat {
    /// The format for a file name (`.toml` is TOML, anything else JSON).
    #[must_use]
    pub fn from_path(path: &str) -> Self {
        if path.to_ascii_lowercase().ends_with(".toml") {
            SiteMapFormat::Toml
        } else {
            SiteMapFormat::Json
        }
    }
}

fn is_absolute_uri(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
                && !rest.is_empty()
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

impl CodeMap {
    /// The built-in map: the core vocabulary's SNOMED CT codes and [`DEFAULT_CODES`].
    #[must_use]
    pub fn builtin() -> Self {
        let mut map = CodeMap { entries: Vec::new(), index: HashMap::new() };
        for f in Finding::ALL {
            if let Some(s) = f.snomed() {
                let resources = match f.group() {
                    stenosis_core::FindingGroup::Imaging => IMAGING.to_vec(),
                    _ => OBS_COND.to_vec(),
                };
                map.push(CodeMapEntry {
                    system: SNOMED_SYSTEM.to_owned(),
                    code: s.code.to_owned(),
                    display: s.display.to_owned(),
                    target: Target::Finding(*f),
                    resources,
                    answers: Vec::new(),
                    origin: Origin::Default("stenosis-core vocabulary (standards.md 3.1)"),
                });
            }
        }
        for d in DEFAULT_CODES {
            let answers = if d.system == LOINC_SYSTEM && d.code == "72166-2" {
                SMOKING_ANSWERS
                    .iter()
                    .map(|(c, s)| Answer { system: SNOMED_SYSTEM.to_owned(), code: (*c).to_owned(), status: *s })
                    .collect()
            } else {
                Vec::new()
            };
            map.push(CodeMapEntry {
                system: d.system.to_owned(),
                code: d.code.to_owned(),
                display: d.display.to_owned(),
                target: Target::Finding(d.finding),
                resources: d.resources.to_vec(),
                answers,
                origin: Origin::Default(d.source),
            });
        }
        map
    }

    fn push(&mut self, e: CodeMapEntry) {
        let key = normalize(&e.system, &e.code);
        self.entries.push(e);
        let i = self.entries.len() - 1;
        self.index.entry(key).or_default().push(i);
    }

    /// Every entry.
    #[must_use]
    pub fn entries(&self) -> &[CodeMapEntry] {
        &self.entries
    }

    /// The entry for a code read from a resource of this kind, if any.
    #[must_use]
    pub fn lookup(&self, system: &str, code: &str, kind: ResourceKind) -> Option<&CodeMapEntry> {
        let ids = self.index.get(&normalize(system, code))?;
        ids.iter().filter_map(|i| self.entries.get(*i)).find(|e| e.resources.contains(&kind))
    }

    /// Whether the code is in the map for any resource kind.
    #[must_use]
    pub fn knows(&self, system: &str, code: &str) -> bool {
        self.index.contains_key(&normalize(system, code))
    }

    /// This map plus the codes of a site map file. The file is validated: unknown keys, an
    /// unknown finding or field, a system that is not an absolute URI, an empty code, an unknown
    /// resource type or answer status, and a code that is already mapped to something else are
    /// refused with an error naming the entry (`codes[3].finding`).
    pub fn with_site_map(mut self, text: &str, format: SiteMapFormat) -> Result<Self, FhirError> {
        let file: SiteMapFile = match format {
            SiteMapFormat::Json => serde_json::from_str(text)
                .map_err(|e| FhirError::new("site map", format!("not a valid site map JSON file: {e}")))?,
            SiteMapFormat::Toml => toml::from_str(text)
                .map_err(|e| FhirError::new("site map", format!("not a valid site map TOML file: {e}")))?,
        };
        for (i, c) in file.codes.into_iter().enumerate() {
            let at = |f: &str| format!("codes[{i}].{f}");
            if !is_absolute_uri(&c.system) {
                return Err(FhirError::new(
                    at("system"),
                    "must be an absolute URI (e.g. http://hospital.example/codes)",
                ));
            }
            if c.code.trim().is_empty() || c.code.trim() != c.code {
                return Err(FhirError::new(at("code"), "must be a non-empty code without surrounding spaces"));
            }
            let target = match (c.finding.as_deref(), c.field.as_deref()) {
                (Some(f), None) => Target::Finding(Finding::from_id(f).ok_or_else(|| {
                    FhirError::new(at("finding"), format!("\"{f}\" is not a finding id (see `stenosis findings`)"))
                })?),
                (None, Some("mjoa")) => Target::Field(NumericField::Mjoa),
                (None, Some("ankle_brachial_index")) => Target::Field(NumericField::AnkleBrachialIndex),
                (None, Some(other)) => {
                    return Err(FhirError::new(
                        at("field"),
                        format!("\"{other}\" is not a numeric field: expected \"mjoa\" or \"ankle_brachial_index\""),
                    ))
                }
                _ => return Err(FhirError::new(at("finding"), "give exactly one of `finding` or `field`")),
            };
            let resources = match c.resources {
                None => match target {
                    Target::Field(_) => vec![ResourceKind::Observation],
                    Target::Finding(_) => OBS_COND.to_vec(),
                },
                Some(list) if list.is_empty() => {
                    return Err(FhirError::new(at("resources"), "must name at least one resource type"))
                }
                Some(list) => list
                    .iter()
                    .map(|r| match r.as_str() {
                        "Observation" => Ok(ResourceKind::Observation),
                        "Condition" => Ok(ResourceKind::Condition),
                        "DiagnosticReport" => Ok(ResourceKind::DiagnosticReport),
                        other => Err(FhirError::new(
                            at("resources"),
                            format!("\"{other}\" is not read: expected Observation, Condition or DiagnosticReport"),
                        )),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            };
            if matches!(target, Target::Field(_)) && resources != [ResourceKind::Observation] {
                return Err(FhirError::new(at("resources"), "a numeric field is read from Observations only"));
            }
            let mut answers = Vec::new();
            for (j, a) in c.answers.into_iter().enumerate() {
                let at = |f: &str| format!("codes[{i}].answers[{j}].{f}");
                if !is_absolute_uri(&a.system) {
                    return Err(FhirError::new(at("system"), "must be an absolute URI"));
                }
                if a.code.trim().is_empty() {
                    return Err(FhirError::new(at("code"), "must be a non-empty code"));
                }
                let status = Status::from_id(&a.status)
                    .ok_or_else(|| FhirError::new(at("status"), "must be \"present\", \"absent\" or \"unknown\""))?;
                answers.push(Answer { system: a.system, code: a.code, status });
            }
            if !answers.is_empty() && matches!(target, Target::Field(_)) {
                return Err(FhirError::new(at("answers"), "answers apply to findings, not numeric fields"));
            }
            for k in &resources {
                if let Some(existing) = self.lookup(&c.system, &c.code, *k) {
                    return Err(FhirError::new(
                        at("code"),
                        format!(
                            "{}|{} in {} is already mapped to {}",
                            c.system,
                            c.code,
                            k.name(),
                            existing.target.path()
                        ),
                    ));
                }
            }
            self.push(CodeMapEntry {
                display: c.display.unwrap_or_else(|| c.code.clone()),
                system: c.system,
                code: c.code,
                target,
                resources,
                answers,
                origin: Origin::Site,
            });
        }
        Ok(self)
    }

    /// The map as JSON rows (system, code, display, sets, resources, answers, source), built-in
    /// codes first: what `stenosis fhir --codes` prints.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .entries
            .iter()
            .map(|e| {
                let answers: Vec<serde_json::Value> = e
                    .answers
                    .iter()
                    .map(|a| serde_json::json!({"system": a.system, "code": a.code, "status": a.status.id()}))
                    .collect();
                let source = match &e.origin {
                    Origin::Default(s) => format!("built in: {s}"),
                    Origin::Site => "site map".to_owned(),
                };
                let resources: Vec<&str> = e.resources.iter().map(|r| r.name()).collect();
                let mut row = serde_json::json!({
                    "system": e.system, "code": e.code, "display": e.display, "sets": e.target.path(),
                    "resources": resources, "source": source,
                });
                if let (false, Some(o)) = (answers.is_empty(), row.as_object_mut()) {
                    o.insert("answers".to_owned(), serde_json::Value::Array(answers));
                }
                row
            })
            .collect();
        serde_json::Value::Array(rows)
    }

    /// FHIR search tokens (`system|code`) read from resources of this kind, in map order.
    #[must_use]
    pub fn tokens(&self, kind: ResourceKind) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in &self.entries {
            let t = format!("{}|{}", e.system, e.code);
            if e.resources.contains(&kind) && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// CDS Hooks prefetch templates for this map: the patient, and one search per resource
    /// type restricted to the mapped codes (token equality, a comma list: `fhir-mapping.md`
    /// §1.4, note 1). Keys: `patient`, `conditions`, `observations`, `reports`.
    #[must_use]
    pub fn prefetch_templates(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("patient", "Patient/{{context.patientId}}".to_owned())];
        for (key, kind, param) in [
            ("conditions", ResourceKind::Condition, "code"),
            ("observations", ResourceKind::Observation, "code"),
            ("reports", ResourceKind::DiagnosticReport, "conclusion"),
        ] {
            let tokens = self.tokens(kind);
            if !tokens.is_empty() {
                out.push((
                    key,
                    format!("{}?patient={{{{context.patientId}}}}&{param}={}", kind.name(), tokens.join(",")),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_core_codes_and_no_conflicts() {
        let m = CodeMap::builtin();
        let e = m.lookup(SNOMED_SYSTEM, "449813001", ResourceKind::Observation);
        assert_eq!(e.map(|e| e.target), Some(Target::Finding(Finding::SaddleAnesthesia)));
        assert_eq!(
            m.lookup(SNOMED_SYSTEM, "18347007", ResourceKind::Condition).map(|e| e.target),
            Some(Target::Finding(Finding::KnownLumbarStenosis))
        );
        assert_eq!(
            m.lookup(SNOMED_SYSTEM, "18347007", ResourceKind::DiagnosticReport).map(|e| e.target),
            Some(Target::Finding(Finding::LumbarStenosisOnImaging))
        );
        // No (system, code, resource) maps to two different targets.
        for a in m.entries() {
            for b in m.entries() {
                if normalize(&a.system, &a.code) == normalize(&b.system, &b.code) && a.target != b.target {
                    assert!(a.resources.iter().all(|r| !b.resources.contains(r)), "{} conflicts", a.code);
                }
            }
        }
        assert!(m.lookup(ICD10CM_SYSTEM, "M5442", ResourceKind::Condition).is_some());
    }

    #[test]
    fn site_map_errors_name_the_entry() {
        let bad = [
            (r#"{"codes": [{"system": "urn:x", "code": "1", "finding": "babinsky_sign"}]}"#, "codes[0].finding"),
            (r#"{"codes": [{"system": "local", "code": "1", "finding": "babinski_sign"}]}"#, "codes[0].system"),
            (r#"{"codes": [{"system": "urn:x", "code": "", "finding": "babinski_sign"}]}"#, "codes[0].code"),
            (r#"{"codes": [{"system": "urn:x", "code": "1", "field": "bmi"}]}"#, "codes[0].field"),
            (r#"{"codes": [{"system": "urn:x", "code": "1"}]}"#, "codes[0].finding"),
            (
                r#"{"codes": [{"system": "http://snomed.info/sct", "code": "449813001", "finding": "falls"}]}"#,
                "codes[0].code",
            ),
            (
                r#"{"codes": [{"system": "urn:x", "code": "1", "finding": "falls", "answers": [{"system": "urn:y", "code": "a", "status": "yes"}]}]}"#,
                "codes[0].answers[0].status",
            ),
            (
                r#"{"codes": [{"system": "urn:x", "code": "1", "finding": "falls", "resources": ["Procedure"]}]}"#,
                "codes[0].resources",
            ),
            (r#"{"codes": [{"system": "urn:x", "code": "1", "finding": "falls", "colour": "red"}]}"#, "site map"),
        ];
        for (text, field) in bad {
            let e = CodeMap::builtin().with_site_map(text, SiteMapFormat::Json).err();
            assert_eq!(e.as_ref().map(|e| e.field.as_str()), Some(field), "{text}: {e:?}");
        }
    }

    #[test]
    fn site_map_toml_adds_codes() {
        let text = r#"
[[codes]]
system = "http://hospital.example/exam"
code = "HOFF"
finding = "hoffmann_sign"

[[codes]]
system = "http://hospital.example/scores"
code = "MJOA18"
field = "mjoa"
"#;
        let m = CodeMap::builtin().with_site_map(text, SiteMapFormat::Toml);
        let m = m.ok();
        let hit = m.as_ref().and_then(|m| m.lookup("http://hospital.example/exam", "HOFF", ResourceKind::Observation));
        assert_eq!(hit.map(|e| e.target), Some(Target::Finding(Finding::HoffmannSign)));
        let hit =
            m.as_ref().and_then(|m| m.lookup("http://hospital.example/scores", "MJOA18", ResourceKind::Observation));
        assert_eq!(hit.map(|e| e.target), Some(Target::Field(NumericField::Mjoa)));
    }
}
