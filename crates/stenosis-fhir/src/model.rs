//! Hand-written serde structs for the few FHIR R4 elements the adapter reads.
//!
//! Unknown elements and extensions are ignored on purpose (the opposite of the Presentation's
//! deny-unknown rule): EHR resources carry many elements this adapter does not use. Only
//! `modifierExtension` is looked at, because FHIR forbids using a resource whose modifier
//! extensions one does not understand.

use serde::Deserialize;

/// What the reader checks on every clinical resource before using it: its id (for
/// provenance), its subject (it must be the bundle's patient) and its modifier extensions (a
/// resource with any is not used).
pub trait Resource {
    /// The FHIR resource type (`Observation`, ...).
    const TYPE: &'static str;
    /// Logical id.
    fn id(&self) -> Option<&str>;
    /// The patient it is about.
    fn subject(&self) -> Option<&Reference>;
    /// Modifier extensions.
    fn modifier_extension(&self) -> &[serde_json::Value];
}

/// A clinical resource struct: the given fields plus the ones every such resource has (`id`,
/// `subject`, `modifierExtension`), and its [`Resource`] impl.
macro_rules! resource {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[serde(default, rename_all = "camelCase")]
        pub struct $name {
            /// Logical id.
            pub id: Option<String>,
            $($(#[$fmeta])* pub $field: $ty,)*
            /// The patient it is about.
            pub subject: Option<Reference>,
            /// Modifier extensions (a resource with any is not used).
            pub modifier_extension: Vec<serde_json::Value>,
        }

        impl Resource for $name {
            const TYPE: &'static str = stringify!($name);
            fn id(&self) -> Option<&str> {
                self.id.as_deref()
            }
            fn subject(&self) -> Option<&Reference> {
                self.subject.as_ref()
            }
            fn modifier_extension(&self) -> &[serde_json::Value] {
                &self.modifier_extension
            }
        }
    };
}

/// A FHIR `Coding`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Coding {
    /// Code system URI.
    pub system: Option<String>,
    /// The code.
    pub code: Option<String>,
    /// Display text.
    pub display: Option<String>,
}

impl Coding {
    /// `system|code`, as FHIR search writes a token.
    #[must_use]
    pub fn token(&self) -> String {
        format!("{}|{}", self.system.as_deref().unwrap_or(""), self.code.as_deref().unwrap_or(""))
    }
}

/// A FHIR `CodeableConcept`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CodeableConcept {
    /// The codings.
    pub coding: Vec<Coding>,
    /// Free text (never read into the Presentation).
    pub text: Option<String>,
}

impl CodeableConcept {
    /// Whether any coding has this system and code.
    #[must_use]
    pub fn has(&self, system: &str, code: &str) -> bool {
        self.coding.iter().any(|c| c.system.as_deref() == Some(system) && c.code.as_deref() == Some(code))
    }
}

/// A FHIR `Quantity` (only the number is read).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Quantity {
    /// The value.
    pub value: Option<f64>,
    /// UCUM or other unit code.
    pub code: Option<String>,
    /// Unit text.
    pub unit: Option<String>,
}

/// A FHIR `Period`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Period {
    /// Start.
    pub start: Option<String>,
    /// End.
    pub end: Option<String>,
}

/// `Patient`: birth date and administrative gender.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Patient {
    /// Logical id.
    pub id: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// male | female | other | unknown.
    pub gender: Option<String>,
    /// Modifier extensions (a resource with any is not used).
    pub modifier_extension: Vec<serde_json::Value>,
}

/// A FHIR `Reference` (only the literal reference is read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Reference {
    /// `Patient/123` or an absolute URL.
    pub reference: Option<String>,
}

/// What an Observation or one of its components answers: `value[x]`, `dataAbsentReason` and
/// `interpretation` (read from the same JSON object as the rest of the element).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Answer {
    /// Coded answer.
    pub value_codeable_concept: Option<CodeableConcept>,
    /// Boolean answer.
    pub value_boolean: Option<bool>,
    /// Integer answer.
    pub value_integer: Option<i64>,
    /// Quantity answer.
    pub value_quantity: Option<Quantity>,
    /// The other `value[x]` types (string, Range, Ratio, SampledData, time, dateTime, Period):
    /// never read into a finding (free text is not guessed), but their presence is noted.
    #[serde(flatten, deserialize_with = "other_values")]
    pub other_value: Option<String>,
    /// Why no value.
    pub data_absent_reason: Option<CodeableConcept>,
    /// POS / NEG and other interpretations.
    pub interpretation: Vec<CodeableConcept>,
}

impl Answer {
    /// The number answered (`valueInteger` or `valueQuantity.value`), if any.
    #[must_use]
    pub fn number(&self) -> Option<f64> {
        self.value_integer.map(|i| i as f64).or_else(|| self.value_quantity.as_ref().and_then(|q| q.value))
    }
}

/// `Observation.component`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Component {
    /// What was observed.
    pub code: CodeableConcept,
    /// Its answer.
    #[serde(flatten)]
    pub answer: Answer,
}

resource! {
    /// `Observation`.
    #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
    Observation {
        /// registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown.
        pub status: Option<String>,
        /// Categories (exam, imaging, survey, ...).
        pub category: Vec<CodeableConcept>,
        /// What was observed.
        pub code: CodeableConcept,
        /// `effectiveDateTime`.
        pub effective_date_time: Option<String>,
        /// `effectiveInstant`.
        pub effective_instant: Option<String>,
        /// `effectivePeriod`.
        pub effective_period: Option<Period>,
        /// When the result was made available.
        pub issued: Option<String>,
        /// Its answer.
        #[serde(flatten)]
        pub answer: Answer,
        /// Components.
        pub component: Vec<Component>,
    }
}

resource! {
    /// `Condition`.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
    Condition {
        /// active | recurrence | relapse | inactive | remission | resolved.
        pub clinical_status: Option<CodeableConcept>,
        /// unconfirmed | provisional | differential | confirmed | refuted | entered-in-error.
        pub verification_status: Option<CodeableConcept>,
        /// The condition.
        pub code: CodeableConcept,
        /// `onsetDateTime`.
        pub onset_date_time: Option<String>,
        /// `onsetPeriod`.
        pub onset_period: Option<Period>,
        /// When recorded.
        pub recorded_date: Option<String>,
    }
}

resource! {
    /// `DiagnosticReport` (its coded conclusions).
    #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
    DiagnosticReport {
        /// registered | partial | preliminary | final | amended | corrected | appended | cancelled | entered-in-error | unknown.
        pub status: Option<String>,
        /// The report's type.
        pub code: CodeableConcept,
        /// `effectiveDateTime`.
        pub effective_date_time: Option<String>,
        /// `effectivePeriod`.
        pub effective_period: Option<Period>,
        /// When issued.
        pub issued: Option<String>,
        /// Coded conclusions.
        pub conclusion_code: Vec<CodeableConcept>,
    }
}

/// `OperationOutcome.issue`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Issue {
    /// fatal | error | warning | information.
    pub severity: Option<String>,
    /// Issue type code.
    pub code: Option<String>,
    /// Free-text diagnostics.
    pub diagnostics: Option<String>,
}

/// `OperationOutcome`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct OperationOutcome {
    /// Logical id.
    pub id: Option<String>,
    /// The issues.
    pub issue: Vec<Issue>,
}

/// `Bundle.entry`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BundleEntry {
    /// Full URL.
    pub full_url: Option<String>,
    /// The resource (kept as JSON until its type is known).
    pub resource: Option<serde_json::Value>,
}

/// `Bundle`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Bundle {
    /// Logical id.
    pub id: Option<String>,
    /// searchset | collection | transaction | ...
    #[serde(rename = "type")]
    pub bundle_type: Option<String>,
    /// Entries.
    pub entry: Vec<BundleEntry>,
}

const OTHER_VALUES: &[&str] =
    &["valueString", "valueRange", "valueRatio", "valueSampledData", "valueTime", "valueDateTime", "valuePeriod"];

/// The name of the first `value[x]` element of a type the adapter does not read, if any.
fn other_values<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let rest = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
    Ok(OTHER_VALUES.iter().find(|k| rest.contains_key(**k)).map(|k| (*k).to_owned()))
}
