//! Input errors: every refusal names the field and the reason, and never echoes free text.

/// What kind of input problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The text is not well-formed JSON (or is empty, or has trailing characters).
    MalformedJson,
    /// Well-formed JSON, but not an object where one is required.
    NotAnObject,
    /// A field name that is not part of the Presentation.
    UnknownField,
    /// A finding id that is not part of the vocabulary.
    UnknownFinding,
    /// The same field or finding given twice.
    DuplicateField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A number outside its allowed range, or a fraction where a whole number is required.
    OutOfRange,
    /// NaN or an infinite number.
    NotANumber,
    /// A string that is not one of the allowed values.
    InvalidValue,
}

impl InputErrorKind {
    /// A stable snake_case name for the kind (used by the bindings).
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            InputErrorKind::MalformedJson => "malformed_json",
            InputErrorKind::NotAnObject => "not_an_object",
            InputErrorKind::UnknownField => "unknown_field",
            InputErrorKind::UnknownFinding => "unknown_finding",
            InputErrorKind::DuplicateField => "duplicate_field",
            InputErrorKind::WrongType => "wrong_type",
            InputErrorKind::OutOfRange => "out_of_range",
            InputErrorKind::NotANumber => "not_a_number",
            InputErrorKind::InvalidValue => "invalid_value",
        }
    }
}

/// A refused input: which field, what kind of problem, and a message that says both.
///
/// ```
/// use stenosis_core::{Presentation, InputErrorKind};
/// let err = Presentation::from_json(r#"{"age_years": 150}"#).unwrap_err();
/// assert_eq!(err.field(), Some("age_years"));
/// assert_eq!(err.kind(), InputErrorKind::OutOfRange);
/// assert!(err.to_string().contains("age_years"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    kind: InputErrorKind,
    field: Option<String>,
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl InputError {
    pub(crate) fn new(kind: InputErrorKind, field: Option<String>, reason: &str) -> Self {
        let message = match &field {
            Some(f) => format!("{f}: {reason}"),
            None => reason.to_owned(),
        };
        InputError { kind, field, message, line: None, column: None }
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = Some(column);
            self.message = format!("{} (line {line}, column {column})", self.message);
        }
        self
    }

    pub(crate) fn invalid_value(field: &str, hint: &str) -> Self {
        InputError::new(InputErrorKind::InvalidValue, Some(field.to_owned()), hint)
    }

    /// The kind of problem.
    #[must_use]
    pub fn kind(&self) -> InputErrorKind {
        self.kind
    }

    /// The field at fault (`age_years`, `findings.babinski_sign`, …), or `None` when the problem
    /// is the document as a whole (malformed JSON, not an object).
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The full message: field, reason and, for JSON input, line and column.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line of the problem in JSON input, when known.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// 1-based column of the problem in JSON input, when known.
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        self.column
    }
}

/// Renders a user-supplied key for an error message only when it looks like an identifier, so
/// that free text (which may hold patient data) is never echoed back.
pub(crate) fn describe_key(key: &str) -> Option<&str> {
    let ok = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b.is_ascii_uppercase() || b == b'-');
    ok.then_some(key)
}

/// The known id closest to `key` by edit distance, if any is reasonably close.
pub(crate) fn closest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let key = key.to_ascii_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = edit_distance(&key, c);
        if best.map_or(true, |(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    // Accept a suggestion within about a third of the length (typos, dropped suffixes).
    best.filter(|(d, c)| *d <= (c.len() / 3).max(2)).map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    if a.len() > 128 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}
