//! JSON in and out. A hand-written serde visitor gives each refusal its field and reason without
//! an intermediate `serde_json::Value` (a derived `Deserialize` would echo input in its
//! messages); it is driven by the field table (`crate::fields`): a key is looked up in the table
//! and its value read as the table's kind says, into the member the table names. The structured
//! error is stashed in a `Cell` and serde's own error (which carries line and column) only
//! transports it. The canonical JSON writer walks the same table.

use core::cell::Cell;
use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::values::{
    parse_finding_id, parse_status, real_in_range, record_id_rule, statuses, whole_from_real, whole_in_range,
    SmallWhole,
};
use super::{FindingSet, Presentation, RecordId};
use crate::error::{closest, describe_key, InputError, InputErrorKind};
use crate::fields::{presentation_fields, FieldKind, Member, PresentationField, PRESENTATION_FIELDS};
use crate::vocab::{Course, Finding, Sex, Status};

type Slot<'a> = &'a ParseContext;

/// What the parser is reading, for the errors that serde_json raises below our visitors (a number
/// out of range such as `1e400`, a lone surrogate such as `"\ud800"`): with it they name their
/// field like every other refusal instead of being "malformed JSON" (issue 12).
#[derive(Clone, Copy)]
enum Reading {
    /// A key of the Presentation (`None`) or of `findings`.
    Key(Option<&'static str>),
    /// The value of a top-level field.
    Value(&'static str),
    /// The status of one finding.
    Status(Finding),
}

/// The structured error a visitor raised, and what is being read.
struct ParseContext {
    error: Cell<Option<InputError>>,
    reading: Cell<Option<Reading>>,
}

impl ParseContext {
    const fn new() -> Self {
        ParseContext { error: Cell::new(None), reading: Cell::new(None) }
    }
    fn set(&self, e: Option<InputError>) {
        self.error.set(e);
    }
    fn take(&self) -> Option<InputError> {
        self.error.take()
    }
    fn reading(&self, r: Reading) {
        self.reading.set(Some(r));
    }

    /// The refusal for a serde_json syntax error inside what was being read, when it is one a
    /// field can own: a number too large to represent, or an escape that is no character.
    fn attribute(&self, e: &serde_json::Error) -> Option<InputError> {
        let text = e.to_string();
        let number = text.starts_with("number out of range");
        let escape = ["lone leading surrogate", "unexpected end of hex escape", "invalid unicode code point"]
            .iter()
            .any(|m| text.starts_with(m));
        if !number && !escape {
            return None;
        }
        let bad_escape = "holds a \\u escape that is not a character (a lone surrogate)";
        let err = match self.reading.get()? {
            Reading::Key(parent) => {
                let (kind, field) = match parent {
                    Some(p) => (InputErrorKind::UnknownFinding, p),
                    None => (InputErrorKind::UnknownField, "presentation"),
                };
                InputError::new(
                    kind,
                    Some(field.to_owned()),
                    &format!("a key {}", if escape { bad_escape } else { "is not valid" }),
                )
            }
            Reading::Value(field) if number => InputError::new(
                InputErrorKind::OutOfRange,
                Some(field.to_owned()),
                "the number is out of range (too large to represent)",
            ),
            Reading::Value(field) => InputError::new(InputErrorKind::InvalidValue, Some(field.to_owned()), bad_escape),
            Reading::Status(f) => InputError::new(
                if number { InputErrorKind::WrongType } else { InputErrorKind::InvalidValue },
                Some(format!("findings.{}", f.id())),
                &if number { format!("must be {}, not a number", statuses()) } else { bad_escape.to_owned() },
            ),
        };
        Some(err.at(e.line(), e.column()))
    }
}

fn fail<E: de::Error>(slot: Slot<'_>, err: InputError) -> E {
    let msg = err.message().to_owned();
    slot.set(Some(err));
    E::custom(msg)
}

/// Parses a Presentation from JSON text (see [`Presentation::from_json`]): the common shape by
/// the fast path ([`super::fast`]), everything else (and every refusal) by the serde parser.
pub(super) fn from_json(text: &str) -> Result<Presentation, InputError> {
    match super::fast::parse(text) {
        Some(p) => Ok(p),
        None => from_json_strict(text),
    }
}

/// Parses a Presentation from JSON text with the serde parser alone.
pub(super) fn from_json_strict(text: &str) -> Result<Presentation, InputError> {
    if text.starts_with('\u{feff}') {
        return Err(InputError::new(
            InputErrorKind::MalformedJson,
            None,
            "the input starts with a byte-order mark (U+FEFF), which JSON text must not have \
             (RFC 8259, section 8.1): save it as UTF-8 without a byte-order mark",
        ));
    }
    let first = text.bytes().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return Err(InputError::new(InputErrorKind::MalformedJson, None, "malformed JSON: empty input")),
        Some(b'{') => {}
        Some(_) => {
            return Err(match serde_json::from_str::<de::IgnoredAny>(text) {
                Ok(_) => InputError::new(InputErrorKind::NotAnObject, None, "a Presentation must be a JSON object"),
                Err(e) => malformed(&e),
            })
        }
    }
    let slot = ParseContext::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result = PresentationSeed { slot: &slot }.deserialize(&mut de).and_then(|p| de.end().map(|()| p));
    match result {
        Ok(p) => Ok(p),
        Err(e) => Err(match slot.take() {
            Some(structured) => structured.at(e.line(), e.column()),
            None => slot.attribute(&e).unwrap_or_else(|| malformed(&e)),
        }),
    }
}

fn malformed(e: &serde_json::Error) -> InputError {
    // serde_json's syntax messages never quote input; its position suffix is replaced by ours.
    let text = e.to_string();
    let reason = text.split(" at line ").next().unwrap_or("syntax error");
    InputError::new(InputErrorKind::MalformedJson, None, &format!("malformed JSON: {reason}")).at(e.line(), e.column())
}

struct PresentationSeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for PresentationSeed<'_> {
    type Value = Presentation;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Presentation, D::Error> {
        d.deserialize_any(PresentationVisitor { slot: self.slot })
    }
}

/// Generates the `visit_*` methods that refuse a JSON type, with a message naming the field.
macro_rules! refuse_types {
    ($field:expr, $expected:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a boolean", $expected))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a number", $expected))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a number", $expected))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a number", $expected))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(self.wrong($field, "a string", $expected))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.wrong($field, "null", $expected))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.wrong($field, "an array", $expected))
        }
    };
}

struct PresentationVisitor<'a> {
    slot: Slot<'a>,
}

impl PresentationVisitor<'_> {
    fn wrong<E: de::Error>(&self, _field: &str, got: &str, expected: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::NotAnObject,
                None,
                &format!("a Presentation must be {expected}, not {got}"),
            ),
        )
    }
}

impl<'de> Visitor<'de> for PresentationVisitor<'_> {
    type Value = Presentation;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Presentation object")
    }

    refuse_types!("", "a JSON object");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Presentation, A::Error> {
        let slot = self.slot;
        let mut p = Presentation::new();
        // Bit i: field i of the table was given.
        let mut seen = 0u64;
        loop {
            slot.reading(Reading::Key(None));
            let Some(i) = map.next_key_seed(KeySeed { slot })? else {
                break;
            };
            let Some(field) = presentation_fields().get(i) else {
                break;
            };
            slot.reading(Reading::Value(field.id));
            let bit = 1u64 << (i % 64);
            if seen & bit != 0 {
                return Err(fail(
                    slot,
                    InputError::new(InputErrorKind::DuplicateField, Some(field.id.to_owned()), "given more than once"),
                ));
            }
            seen |= bit;
            map.next_value_seed(FieldSeed { slot, field, p: &mut p })?;
        }
        Ok(p)
    }
}

/// Reads a Presentation key: a field of the table (its position) or a refusal naming it with a
/// suggestion.
struct KeySeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        if let Some(i) = PRESENTATION_FIELDS.iter().position(|k| *k == key) {
            return Ok(i);
        }
        let field = describe_key(key).unwrap_or("presentation").to_owned();
        let suggestion = closest(key, PRESENTATION_FIELDS.iter().copied());
        let reason = match suggestion {
            Some(s) => format!("unknown field; did you mean \"{s}\"?"),
            None => format!("unknown field; expected one of: {}", PRESENTATION_FIELDS.join(", ")),
        };
        Err(fail(self.slot, InputError::new(InputErrorKind::UnknownField, Some(field), &reason).suggesting(suggestion)))
    }
}

/// Reads the value of one top-level field into the Presentation, as the field table describes
/// it (its kind, range or allowed values, and the member it is kept in). A refusal names the
/// field and says what it must be.
struct FieldSeed<'a> {
    slot: Slot<'a>,
    field: &'static PresentationField,
    p: &'a mut Presentation,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// `"a", "b", "c"`: the allowed ids of a choice, for messages.
fn quoted(ids: &[&str]) -> String {
    let list: Vec<String> = ids.iter().map(|a| format!("\"{a}\"")).collect();
    list.join(", ")
}

impl FieldSeed<'_> {
    /// What the field must be, for messages.
    fn rule(&self) -> String {
        match self.field.kind {
            FieldKind::Whole { max } => format!("must be a whole number from 0 to {max} (or null)"),
            FieldKind::Real { max } => format!("must be a number from 0 to {max} (or null)"),
            FieldKind::Choice { ids } => format!("must be one of {} (or null)", quoted(&ids())),
            FieldKind::Findings => {
                format!("must be an object mapping finding ids to {}", statuses())
            }
            FieldKind::RecordId { .. } => record_id_rule(),
        }
    }

    /// The refusal of a value of the wrong JSON type (`got`: "a string", "null", ...).
    fn wrong<E: de::Error>(&self, got: &str) -> E {
        let reason = format!("{}, not {got}", self.rule());
        fail(self.slot, InputError::new(InputErrorKind::WrongType, Some(self.field.id.to_owned()), &reason))
    }

    fn whole<E: de::Error>(self, v: Result<u8, InputError>) -> Result<(), E> {
        let v = v.map_err(|e| fail(self.slot, e))?;
        match self.field.member {
            Member::AgeYears => self.p.age_years = SmallWhole::new(Some(v)),
            Member::Mjoa => self.p.mjoa = SmallWhole::new(Some(v)),
            _ => return Err(self.wrong("a number")),
        }
        Ok(())
    }

    fn real<E: de::Error>(self, v: f64) -> Result<(), E> {
        let FieldKind::Real { max } = self.field.kind else {
            return Err(self.wrong("a number"));
        };
        let v = real_in_range(self.field.id, v, max).map_err(|e| fail(self.slot, e))?;
        match self.field.member {
            Member::SymptomDurationMonths => self.p.symptom_duration_months = Some(v),
            Member::AnkleBrachialIndex => self.p.ankle_brachial_index = Some(v),
            _ => return Err(self.wrong("a number")),
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field.kind.id())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        match self.field.kind {
            FieldKind::Whole { max } => {
                let v = whole_in_range(self.field.id, i64::try_from(v).unwrap_or(i64::MAX), max);
                self.whole(v)
            }
            // Precision loss above 2^53 is irrelevant: such values are out of range anyway.
            FieldKind::Real { .. } => self.real(v as f64),
            _ => Err(self.wrong("a number")),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        match self.field.kind {
            FieldKind::Whole { max } => {
                let v = whole_in_range(self.field.id, v, max);
                self.whole(v)
            }
            FieldKind::Real { .. } => self.real(v as f64),
            _ => Err(self.wrong("a number")),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        match self.field.kind {
            FieldKind::Whole { max } => {
                let v = whole_from_real(self.field.id, v, max);
                self.whole(v)
            }
            FieldKind::Real { .. } => self.real(v),
            _ => Err(self.wrong("a number")),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        match self.field.member {
            Member::Sex => match Sex::from_id(v) {
                Some(s) => self.p.sex = Some(s),
                None => return Err(self.invalid()),
            },
            Member::Course => match Course::from_id(v) {
                Some(c) => self.p.course = Some(c),
                None => return Err(self.invalid()),
            },
            Member::Id => self.p.id = Some(RecordId::new(v).map_err(|e| fail(self.slot, e))?),
            _ => return Err(self.wrong("a string")),
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        match self.field.member {
            Member::AgeYears => self.p.age_years = SmallWhole::NONE,
            Member::Sex => self.p.sex = None,
            Member::Course => self.p.course = None,
            Member::SymptomDurationMonths => self.p.symptom_duration_months = None,
            Member::Mjoa => self.p.mjoa = SmallWhole::NONE,
            Member::AnkleBrachialIndex => self.p.ankle_brachial_index = None,
            Member::Findings => return Err(self.wrong("null")),
            Member::Id => self.p.id = None,
        }
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.wrong("a boolean"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        if self.field.member != Member::Findings {
            return Err(self.wrong("an object"));
        }
        self.p.findings = read_findings(self.slot, map)?;
        Ok(())
    }
}

impl FieldSeed<'_> {
    /// The refusal of a choice that is not one of its ids.
    fn invalid<E: de::Error>(&self) -> E {
        fail(self.slot, InputError::new(InputErrorKind::InvalidValue, Some(self.field.id.to_owned()), &self.rule()))
    }
}

/// Reads the `findings` object: finding id to status, each id at most once.
fn read_findings<'de, A: MapAccess<'de>>(slot: Slot<'_>, mut map: A) -> Result<FindingSet, A::Error> {
    let mut set = FindingSet::default();
    let mut seen = 0u128;
    loop {
        slot.reading(Reading::Key(Some("findings")));
        let Some(f) = map.next_key_seed(FindingKeySeed { slot })? else {
            break;
        };
        slot.reading(Reading::Status(f));
        if seen & f.bit() != 0 {
            return Err(fail(
                slot,
                InputError::new(
                    InputErrorKind::DuplicateField,
                    Some(format!("findings.{}", f.id())),
                    "given more than once",
                ),
            ));
        }
        seen |= f.bit();
        let s = map.next_value_seed(StatusSeed { slot, finding: f })?;
        set.set(f, s);
    }
    slot.reading(Reading::Value("findings"));
    Ok(set)
}

struct FindingKeySeed<'a> {
    slot: Slot<'a>,
}

impl<'de> DeserializeSeed<'de> for FindingKeySeed<'_> {
    type Value = Finding;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Finding, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FindingKeySeed<'_> {
    type Value = Finding;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a finding id")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Finding, E> {
        parse_finding_id(key).map_err(|e| fail(self.slot, e))
    }
}

struct StatusSeed<'a> {
    slot: Slot<'a>,
    finding: Finding,
}

impl<'de> DeserializeSeed<'de> for StatusSeed<'_> {
    type Value = Status;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Status, D::Error> {
        d.deserialize_any(self)
    }
}

impl StatusSeed<'_> {
    fn wrong<E: de::Error>(&self, got: &str) -> E {
        fail(
            self.slot,
            InputError::new(
                InputErrorKind::WrongType,
                Some(format!("findings.{}", self.finding.id())),
                &format!("must be {}, not {got}", statuses()),
            ),
        )
    }
}

impl<'de> Visitor<'de> for StatusSeed<'_> {
    type Value = Status;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&statuses())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Status, E> {
        parse_status(self.finding, v).map_err(|e| fail(self.slot, e))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Status, E> {
        Err(self.wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Status, E> {
        Err(self.wrong("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Status, E> {
        Err(self.wrong("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Status, E> {
        Err(self.wrong("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Status, E> {
        Err(self.wrong("null"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Status, A::Error> {
        Err(self.wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Status, A::Error> {
        Err(self.wrong("an object"))
    }
}

impl<'de> Deserialize<'de> for Presentation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let slot = ParseContext::new();
        PresentationSeed { slot: &slot }.deserialize(d)
    }
}

impl Serialize for Presentation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for field in presentation_fields() {
            let id = field.id;
            match field.member {
                Member::AgeYears => self.age_years.get().map(|v| m.serialize_entry(id, &v)).transpose()?,
                Member::Sex => self.sex.map(|v| m.serialize_entry(id, &v)).transpose()?,
                Member::Course => self.course.map(|v| m.serialize_entry(id, &v)).transpose()?,
                Member::SymptomDurationMonths => {
                    self.symptom_duration_months.map(|v| m.serialize_entry(id, &v)).transpose()?
                }
                Member::Mjoa => self.mjoa.get().map(|v| m.serialize_entry(id, &v)).transpose()?,
                Member::AnkleBrachialIndex => {
                    self.ankle_brachial_index.map(|v| m.serialize_entry(id, &v)).transpose()?
                }
                Member::Findings => Some(m.serialize_entry(id, &AssessedFindings(&self.findings))?),
                Member::Id => self.id.as_ref().map(|v| m.serialize_entry(id, v)).transpose()?,
            };
        }
        m.end()
    }
}

struct AssessedFindings<'a>(&'a FindingSet);

impl Serialize for AssessedFindings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (f, st) in self.0.assessed() {
            m.serialize_entry(f.id(), &st)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of the table is read into its member and written back under its id: the
    /// table's kinds and members agree.
    #[test]
    fn every_field_of_the_table_round_trips() {
        let text = r#"{"age_years":64,"sex":"female","course":"progressive","symptom_duration_months":7.5,"mjoa":13,"ankle_brachial_index":1.1,"findings":{"hoffmann_sign":"present"},"id":"r-1"}"#;
        let p = from_json(text).unwrap_or_default();
        assert_eq!(p.to_json(), text);
        for field in presentation_fields() {
            assert!(text.contains(&format!("\"{}\":", field.id)), "{} is not exercised", field.id);
        }
    }
}
