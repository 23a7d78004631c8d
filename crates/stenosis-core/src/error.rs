//! Input errors: every refusal names the field and the reason, and never echoes free text.

pub use crate::vocab::InputErrorKind;

/// Where in JSON text a problem was found (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A refused input, in parts: the kind of problem (with a stable code), the field at fault, the
/// reason in words, the position in JSON text, and the known id closest to an unknown one. The
/// message joins them as `field: reason (line L, column C)`; bindings build their own words from
/// the parts rather than editing the message.
///
/// ```
/// use stenosis_core::{Presentation, InputErrorKind};
/// let err = Presentation::from_json(r#"{"age_years": 150}"#).unwrap_err();
/// assert_eq!(err.field(), Some("age_years"));
/// assert_eq!(err.kind(), InputErrorKind::OutOfRange);
/// assert!(err.to_string().contains("age_years"));
/// assert_eq!(err.message(), format!("age_years: {} (line 1, column 17)", err.reason()));
/// assert_eq!(err.message_without_position(), format!("age_years: {}", err.reason()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    /// `field: reason (line L, column C)`; the parts are slices of it.
    message: String,
    suggestion: Option<&'static str>,
    position: Option<Position>,
    /// Where the reason starts in `message` (0: no field).
    reason_start: u32,
    /// Where the position suffix starts in `message` (its length without one).
    base_len: u32,
    kind: InputErrorKind,
}

/// A length as stored in [`InputError`] (messages are short; saturates).
fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl InputError {
    pub(crate) fn new(kind: InputErrorKind, field: Option<String>, reason: &str) -> Self {
        let (message, reason_start) = match &field {
            Some(f) => (format!("{f}: {reason}"), f.len() + 2),
            None => (reason.to_owned(), 0),
        };
        InputError {
            base_len: len32(message.len()),
            message,
            suggestion: None,
            position: None,
            reason_start: len32(reason_start),
            kind,
        }
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.position = Some(Position { line, column });
            self.message.truncate(self.base_len as usize);
            self.message = format!("{} (line {line}, column {column})", self.message);
        }
        self
    }

    pub(crate) fn suggesting(mut self, suggestion: Option<&'static str>) -> Self {
        self.suggestion = suggestion;
        self
    }

    pub(crate) fn invalid_value(field: &str, hint: &str) -> Self {
        InputError::new(InputErrorKind::InvalidValue, Some(field.to_owned()), hint)
    }

    /// The kind of problem; [`InputErrorKind::code`] is its stable number.
    #[must_use]
    pub fn kind(&self) -> InputErrorKind {
        self.kind
    }

    /// The field at fault (`age_years`, `findings.babinski_sign`, …), or `None` when the problem
    /// is the document as a whole (malformed JSON, not an object, not UTF-8).
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        let end = (self.reason_start as usize).checked_sub(2)?;
        self.message.get(..end)
    }

    /// The reason, without the field or the position (`must be at most 120`, …).
    #[must_use]
    pub fn reason(&self) -> &str {
        self.message.get(self.reason_start as usize..self.base_len as usize).unwrap_or_default()
    }

    /// Where in JSON text, when known.
    #[must_use]
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// For an unknown id: the known id closest to it, when one is close.
    #[must_use]
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }

    /// The full message: field, reason and, for JSON input, line and column.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message without the position: `field: reason` (for input that was not JSON text).
    #[must_use]
    pub fn message_without_position(&self) -> &str {
        self.message.get(..self.base_len as usize).unwrap_or(&self.message)
    }

    /// 1-based line of the problem in JSON input, when known.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.position.map(|p| p.line)
    }

    /// 1-based column of the problem in JSON input, when known.
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        self.position.map(|p| p.column)
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
