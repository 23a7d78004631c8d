//! The cohort path: an Arrow C stream in (any producer of the Arrow PyCapsule interface: polars,
//! pyarrow, pandas), one row of results per input row out, as an Arrow C stream again.
//!
//! Columns are read in Rust straight from the Arrow buffers; no per-row Python object is made.
//! The schema is checked before any work (an unknown or mistyped column is a schema error and
//! raises); a bad value is a row error and lands in that row's `error` column. Text cells of a
//! numeric field are parsed as numbers (CSV columns read as text); one that is not a number is a
//! row error that does not quote it. Every column is fully validated (offsets, UTF-8, dictionary
//! keys) before it is read, since the C data interface imports it unchecked. The rows are
//! assessed with the GIL released, in contiguous chunks on every core.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use arrow_array::builder::make_view;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, DictionaryArray, GenericStringArray, Int8Array, ListArray, OffsetSizeTrait, RecordBatch,
    RecordBatchIterator, RecordBatchReader, StringArray, StringViewArray, StructArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer};
use arrow_data::ByteView;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use stenosis_core::{
    self as core, Action, Condition, FieldKind, FieldValue, Finding, FindingSet, Headline, Likelihood, Pathway,
    Presentation, PresentationField, RedFlag, SeverityClass, Status, Summary, Urgency, Warning,
};

use crate::arrow_capsule::{import_stream, stream_error, ArrowStream};
use crate::{guarded, panic_message, BindError};

/// The result columns of the cohort path, in order.
pub const OUTPUT_COLUMNS: &[&str] = &[
    "top_condition",
    "myelopathy_likelihood",
    "cook_positive",
    "cook_assessed",
    "pathway",
    "cervical_mri_urgency",
    "red_flags",
    "warnings",
    "error",
];

/// Below this many rows a batch is assessed on the calling thread (spawning costs more).
const MIN_ROWS_PER_THREAD: usize = 2048;

/// The number of worker threads: the caller's choice, else every core.
/// Most worker threads a caller may ask for.
pub const MAX_THREADS: i64 = 1024;

/// `threads` as Python passes it: None (every core) or a whole number from 1 to
/// [`MAX_THREADS`]. Anything else is a `ValueError` (a `TypeError` for a non-integer), never a raw
/// `OverflowError` from the conversion.
pub fn threads_arg(threads: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    let Some(t) = threads.filter(|t| !t.is_none()) else {
        return Ok(None);
    };
    let message = format!("threads must be a whole number from 1 to {MAX_THREADS}, or None");
    if t.is_instance_of::<pyo3::types::PyBool>() || !t.is_instance_of::<pyo3::types::PyInt>() {
        return Err(PyTypeError::new_err(message));
    }
    match t.extract::<i64>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(usize::try_from(n).ok()),
        _ => Err(PyValueError::new_err(message)),
    }
}

pub fn thread_count(requested: Option<usize>) -> usize {
    requested
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map(usize::from).unwrap_or(1))
        .min(256)
}

/// `f(i)` for every `i` in `0..n`, in order, on up to `threads` scoped threads.
pub fn parallel_range<R: Send>(n: usize, threads: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, (n / MIN_ROWS_PER_THREAD).max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let start = (t * chunk).min(n);
                let end = ((t + 1) * chunk).min(n);
                s.spawn(move || (start..end).map(f).collect::<Vec<R>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // Each row catches its own panic, so this is unreachable in practice; re-raise
                // on this thread so that the outer guard reports it.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        out
    })
}

/// `f(item)` for every item, in order, on up to `threads` scoped threads.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    parallel_range(items.len(), threads, |i| items.get(i).map(&f)).into_iter().flatten().collect()
}

/// Where a column's values go: a top-level Presentation field (from the core's field table) or
/// a finding.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// A field of the core's table; the record id (kind `record_id`) is also carried to the
    /// result's `id` column.
    Field(&'static PresentationField),
    Finding(Finding),
}

impl PartialEq for Target {
    fn eq(&self, other: &Target) -> bool {
        self.name() == other.name()
    }
}

impl Target {
    /// The target of a column name: a top-level field of the core's table, else `None`.
    fn field(name: &str) -> Option<Target> {
        core::presentation_fields().iter().find(|f| f.id == name).map(Target::Field)
    }

    fn name(self) -> &'static str {
        match self {
            Target::Field(f) => f.id,
            Target::Finding(f) => f.id(),
        }
    }

    fn is_id(self) -> bool {
        matches!(self, Target::Field(f) if matches!(f.kind, FieldKind::RecordId { .. }))
    }

    fn is_numeric(self) -> bool {
        matches!(self, Target::Field(f) if matches!(f.kind, FieldKind::Whole { .. } | FieldKind::Real { .. }))
    }

    fn expected(self) -> &'static str {
        match self {
            Target::Field(f) => match f.kind {
                FieldKind::Whole { .. } => "an integer or float column (or text of numbers)",
                FieldKind::Real { .. } => "a numeric column (or text of numbers)",
                FieldKind::Choice { .. } | FieldKind::RecordId { .. } => "a string column",
                FieldKind::Findings => "one column per finding id",
            },
            Target::Finding(_) => "a boolean column (null = not assessed) or a string column of statuses",
        }
    }
}

/// How to read a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F16,
    F32,
    F64,
    Utf8,
    LargeUtf8,
    Utf8View,
}

impl Kind {
    fn of(dt: &DataType) -> Option<Kind> {
        Some(match dt {
            DataType::Null => Kind::Null,
            DataType::Boolean => Kind::Bool,
            DataType::Int8 => Kind::I8,
            DataType::Int16 => Kind::I16,
            DataType::Int32 => Kind::I32,
            DataType::Int64 => Kind::I64,
            DataType::UInt8 => Kind::U8,
            DataType::UInt16 => Kind::U16,
            DataType::UInt32 => Kind::U32,
            DataType::UInt64 => Kind::U64,
            DataType::Float16 => Kind::F16,
            DataType::Float32 => Kind::F32,
            DataType::Float64 => Kind::F64,
            DataType::Utf8 => Kind::Utf8,
            DataType::LargeUtf8 => Kind::LargeUtf8,
            DataType::Utf8View => Kind::Utf8View,
            _ => return None,
        })
    }

    fn is_number(self) -> bool {
        matches!(
            self,
            Kind::I8
                | Kind::I16
                | Kind::I32
                | Kind::I64
                | Kind::U8
                | Kind::U16
                | Kind::U32
                | Kind::U64
                | Kind::F16
                | Kind::F32
                | Kind::F64
        )
    }

    fn is_text(self) -> bool {
        matches!(self, Kind::Utf8 | Kind::LargeUtf8 | Kind::Utf8View)
    }

    fn accepted_by(self, t: Target) -> bool {
        match t {
            _ if self == Kind::Null => true,
            Target::Field(f) => match f.kind {
                FieldKind::Whole { .. } | FieldKind::Real { .. } => self.is_number() || self.is_text(),
                FieldKind::Choice { .. } | FieldKind::RecordId { .. } => self.is_text(),
                FieldKind::Findings => false,
            },
            Target::Finding(_) => self == Kind::Bool || self.is_text(),
        }
    }
}

/// One input column, checked against the schema: its target and how to read it.
#[derive(Debug, Clone, Copy)]
struct ColumnPlan {
    index: usize,
    target: Target,
    /// The value kind; for a dictionary column, the kind of its values.
    kind: Kind,
    dictionary: bool,
}

/// An Arrow type for a message: nested types are named without their fields (whose names could
/// be anything, e.g. the keys of dicts in a pandas object column).
fn type_label(dt: &DataType) -> String {
    match dt {
        DataType::Dictionary(_, values) if values.is_nested() || matches!(**values, DataType::Dictionary(..)) => {
            "Dictionary of a nested type".to_owned()
        }
        DataType::Dictionary(..) => dt.to_string(),
        DataType::Struct(_) => "Struct".to_owned(),
        DataType::Map(..) => "Map".to_owned(),
        DataType::Union(..) => "Union".to_owned(),
        DataType::RunEndEncoded(..) => "RunEndEncoded".to_owned(),
        _ if dt.is_nested() => "List".to_owned(),
        _ => dt.to_string(),
    }
}

fn schema_error(field: &str, reason: &str) -> BindError {
    BindError::new(Some(field), "unknown_field", reason)
}

/// Checks the input schema: every column must be a Presentation field or a finding id, of a type
/// that can hold it, and appear once.
fn plan(schema: &Schema, keep: &[usize]) -> Result<Vec<ColumnPlan>, BindError> {
    let mut seen: Vec<Target> = Vec::new();
    let mut out = Vec::new();
    for (index, field) in schema.fields().iter().enumerate() {
        let name = field.name().as_str();
        // A kept column is carried through; when it is also an input (a field or a finding), it
        // is read as well, never left out of the assessment.
        if keep.contains(&index) && !is_input_column(name) {
            continue;
        }
        let target = match Target::field(name) {
            Some(Target::Field(f)) if matches!(f.kind, FieldKind::Findings) => {
                return Err(schema_error(
                    f.id,
                    "a frame takes one column per finding id (e.g. `babinski_sign`), not a `findings` column",
                ))
            }
            Some(t) => t,
            None => match core::parse_finding_id(name) {
                Ok(f) => Target::Finding(f),
                Err(e) => {
                    let reason = match e.suggestion() {
                        Some(s) => format!("unknown column; did you mean \"{s}\"?"),
                        None => "unknown column (see `stenosis findings` for the vocabulary)".to_owned(),
                    };
                    // A name that is not a plain identifier (free text) is not repeated.
                    let shown = e.field().and_then(|f| f.strip_prefix("findings."));
                    return Err(BindError::new(
                        shown,
                        "unknown_field",
                        &format!("{reason} (columns are Presentation fields or finding ids)"),
                    ));
                }
            },
        };
        if seen.contains(&target) {
            return Err(BindError::new(Some(name), "duplicate_field", "the column appears twice"));
        }
        seen.push(target);
        let (kind, dictionary) = match field.data_type() {
            DataType::Dictionary(_, values) => (Kind::of(values), true),
            dt => (Kind::of(dt), false),
        };
        let kind = kind.filter(|k| k.accepted_by(target)).ok_or_else(|| {
            BindError::new(
                Some(name),
                "wrong_type",
                &format!(
                    "a column of Arrow type {} is not accepted; expected {}",
                    type_label(field.data_type()),
                    target.expected()
                ),
            )
        })?;
        out.push(ColumnPlan { index, target, kind, dictionary });
    }
    Ok(out)
}

/// Whether a column of this name is read as an input (a Presentation field other than
/// `findings`, or a finding id).
fn is_input_column(name: &str) -> bool {
    match Target::field(name) {
        Some(t) => !matches!(t, Target::Field(f) if matches!(f.kind, FieldKind::Findings)),
        None => core::parse_finding_id(name).is_ok(),
    }
}

/// How much each result row says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The headline: top condition, myelopathy likelihood, Cook count, pathway, cervical MRI
    /// urgency, red flag and warning ids.
    Summary,
    /// The headline plus the severity class and every recommendation (action and urgency).
    Standard,
}

impl Detail {
    /// Parses the core's level ids: `"summary"` or `"standard"` (a frame row is never the full
    /// Assessment); refuses anything else naming the `detail` argument.
    pub fn parse(s: &str) -> Result<Detail, BindError> {
        match core::Detail::from_id(s) {
            Some(core::Detail::Summary) => Ok(Detail::Summary),
            Some(core::Detail::Standard) => Ok(Detail::Standard),
            Some(core::Detail::Full) => Err(BindError::new(
                Some("detail"),
                "invalid_value",
                "a frame takes \"summary\" or \"standard\"; for the full assessments use assess_many_json(rows, detail=\"full\")",
            )),
            None => Err(BindError::new(Some("detail"), "invalid_value", "must be \"summary\" or \"standard\"")),
        }
    }

    /// The result columns at this detail level, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Detail::Summary => OUTPUT_COLUMNS,
            Detail::Standard => STANDARD_COLUMNS,
        }
    }
}

/// The result columns at `detail="standard"`, in order.
pub const STANDARD_COLUMNS: &[&str] = &[
    "top_condition",
    "myelopathy_likelihood",
    "cook_positive",
    "cook_assessed",
    "pathway",
    "cervical_mri_urgency",
    "severity_class",
    "recommendations",
    "red_flags",
    "warnings",
    "error",
];

/// How a result batch is laid out: the pass-through columns first, then the results.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Input columns carried to the result unchanged (by index into the input).
    keep: Vec<usize>,
    /// The input's `id` column (checked row by row), carried to the result after `keep`.
    id: Option<usize>,
    detail: Detail,
    /// Categorical ids as dictionary-encoded strings (pandas categories); plain strings when
    /// false (Spark reads no dictionary columns).
    categorical: bool,
    /// The layout of the id lists' items and the error messages.
    text: TextLayout,
    schema: SchemaRef,
}

/// Per-row state of a chunk of rows while its columns are decoded one after the other.
struct Rows {
    presentations: Vec<Presentation>,
    present: Vec<u128>,
    absent: Vec<u128>,
    /// The first error of each row, in column order.
    errors: Vec<Option<String>>,
}

impl Rows {
    fn new(n: usize) -> Rows {
        Rows {
            presentations: vec![Presentation::new(); n],
            present: vec![0; n],
            absent: vec![0; n],
            errors: vec![None; n],
        }
    }

    /// Empties the rows and makes `n` new ones (keeping the allocations).
    fn reset(&mut self, n: usize) {
        self.presentations.clear();
        self.presentations.resize(n, Presentation::new());
        self.present.clear();
        self.present.resize(n, 0);
        self.absent.clear();
        self.absent.resize(n, 0);
        self.errors.clear();
        self.errors.resize(n, None);
    }

    fn fail(&mut self, row: usize, message: String) {
        if let Some(slot @ None) = self.errors.get_mut(row) {
            *slot = Some(message);
        }
    }

    /// Records a finding status for one row.
    fn status(&mut self, row: usize, bit: u128, status: Status) {
        match status {
            Status::Present => {
                if let Some(m) = self.present.get_mut(row) {
                    *m |= bit;
                }
            }
            Status::Absent => {
                if let Some(m) = self.absent.get_mut(row) {
                    *m |= bit;
                }
            }
            Status::Unknown => {}
        }
    }

    /// Applies a setter to one row's presentation; its error is the row's message.
    fn set(&mut self, row: usize, f: impl FnOnce(&mut Presentation) -> Result<(), core::InputError>) {
        if let Some(p) = self.presentations.get_mut(row) {
            if let Err(e) = f(p) {
                let message = e.message().to_owned();
                self.fail(row, message);
            }
        }
    }
}

/// A finding's bit in the present/absent masks.
fn finding_bit(f: Finding) -> u128 {
    1u128 << f.code()
}

/// Sets one value of a top-level field on a row (the core's field table checks it).
fn set_value(rows: &mut Rows, row: usize, target: Target, v: FieldValue<'_>) {
    if let Target::Field(f) = target {
        rows.set(row, |p| f.set(p, v));
    }
}

/// Applies one text cell of a column to a row.
fn apply_text(rows: &mut Rows, row: usize, target: Target, s: &str) {
    match target {
        Target::Finding(f) => match Status::from_id(s) {
            Some(status) => rows.status(row, finding_bit(f), status),
            // Let the core word the refusal.
            None => rows.set(row, |p| p.set_finding_by_id(f.id(), s)),
        },
        Target::Field(_) if target.is_numeric() => match s.trim().parse::<f64>() {
            Ok(v) => set_value(rows, row, target, FieldValue::Real(v)),
            // Never quote the cell: it may be free text.
            Err(_) => rows.fail(row, format!("{}: must be a number (this cell is not one)", target.name())),
        },
        Target::Field(_) => set_value(rows, row, target, FieldValue::Text(s)),
    }
}

/// A boolean finding column.
type BoolColumn<'a> = (Finding, &'a arrow_array::BooleanArray);

/// Sets the rows `start..start + n` of boolean finding columns into the rows' masks (row `start`
/// into row 0), 64 rows at a time: the value and validity words of a block of rows, one per
/// finding code, form a 64 by 64 bit matrix that one transposition turns into one word of
/// findings per row (present, and absent likewise).
fn decode_bools(rows: &mut Rows, columns: &[BoolColumn<'_>], start: usize, n: usize) {
    if columns.is_empty() {
        return;
    }
    // Each column's value and validity bitmaps over the rows, as buffer slices (no null count
    // computed, unlike an array's slice), then read 64 rows at a time in step.
    let bitmaps: Vec<(u32, BooleanBuffer, Option<BooleanBuffer>)> = columns
        .iter()
        .map(|(f, a)| (f.code(), a.values().slice(start, n), a.nulls().map(|v| v.inner().slice(start, n))))
        .collect();
    let chunks: Vec<_> = bitmaps
        .iter()
        .map(|(code, values, valid)| (*code, values.bit_chunks(), valid.as_ref().map(BooleanBuffer::bit_chunks)))
        .collect();
    let mut words: Vec<_> = chunks
        .iter()
        .map(|(code, values, valid)| (*code, values.iter_padded(), valid.as_ref().map(|v| v.iter_padded())))
        .collect();
    let high = bitmaps.iter().any(|(code, _, _)| *code >= 64);
    for base in (0..n).step_by(64) {
        let in_range = if n - base >= 64 { u64::MAX } else { (1u64 << (n - base)) - 1 };
        // One word per finding code (low codes, then high codes): present (value and valid) and
        // absent (not value, valid).
        let mut m = [[0u64; 64]; 4];
        for (code, values, valid) in &mut words {
            let value = values.next().unwrap_or(0);
            let ok = valid.as_mut().map_or(u64::MAX, |v| v.next().unwrap_or(0)) & in_range;
            let (lo, at) = (*code < 64, (*code % 64) as usize);
            let (mp, ma) = if lo { (0, 1) } else { (2, 3) };
            m[mp][at] = value & ok;
            m[ma][at] = !value & ok;
        }
        let used = if high { 4 } else { 2 };
        for matrix in m.iter_mut().take(used) {
            transpose64(matrix);
        }
        let end = (base + 64).min(n);
        let (Some(present), Some(absent)) = (rows.present.get_mut(base..end), rows.absent.get_mut(base..end)) else {
            continue;
        };
        for (r, (p, a)) in present.iter_mut().zip(absent.iter_mut()).enumerate() {
            *p |= u128::from(m[0][r]) | (u128::from(m[2][r]) << 64);
            *a |= u128::from(m[1][r]) | (u128::from(m[3][r]) << 64);
        }
    }
}

/// Transposes a 64 by 64 bit matrix in place: afterwards bit `c` of word `r` is what bit `r` of
/// word `c` was (Hacker's Delight, 7-3): six rounds of swapping `j` by `j` blocks, each round
/// written with its `j` constant so that the compiler unrolls and vectorises it.
fn transpose64(a: &mut [u64; 64]) {
    round::<32>(a, 0x0000_0000_FFFF_FFFF);
    round::<16>(a, 0x0000_FFFF_0000_FFFF);
    round::<8>(a, 0x00FF_00FF_00FF_00FF);
    round::<4>(a, 0x0F0F_0F0F_0F0F_0F0F);
    round::<2>(a, 0x3333_3333_3333_3333);
    round::<1>(a, 0x5555_5555_5555_5555);
}

/// One round of [`transpose64`]: for each pair of rows `k` and `k + J` (`k` with bit `J` clear),
/// swaps the high `J` bits of each `2J`-bit group of row `k` with the low ones of row `k + J`.
#[inline(always)]
fn round<const J: usize>(a: &mut [u64; 64], m: u64) {
    for base in (0..64).step_by(2 * J) {
        let (lo, hi) = a[base..base + 2 * J].split_at_mut(J);
        for (x, y) in lo.iter_mut().zip(hi.iter_mut()) {
            let t = ((*x >> J) ^ *y) & m;
            *x ^= t << J;
            *y ^= t;
        }
    }
}

/// Most distinct values of a column a [`Memo`] keeps (a cohort's categorical and score columns
/// have a handful; beyond, values are set cell by cell).
const MEMO_MAX: usize = 32;

/// The distinct values of a top-level field's column met so far in a chunk, each set once on an
/// empty Presentation through the core's field table: the outcome (that Presentation, or the
/// error's message) is copied to every row with the same value ([`PresentationField::copy`]),
/// which is what setting the row itself would do.
struct Memo<K> {
    seen: Vec<(K, Result<Presentation, String>)>,
}

impl<K: PartialEq + Copy> Memo<K> {
    fn new() -> Memo<K> {
        Memo { seen: Vec::new() }
    }

    /// Sets `value` (whose memo key is `key`) on one row.
    #[inline]
    fn apply(&mut self, rows: &mut Rows, row: usize, f: &PresentationField, key: K, value: FieldValue<'_>) {
        let found = self.seen.iter().position(|(k, _)| *k == key);
        self.apply_found(rows, row, f, key, value, found);
    }

    /// [`Memo::apply`] with the key's index already looked up (`None`: not kept yet); returns
    /// the index of the outcome copied, if kept.
    #[inline(always)]
    fn apply_found(
        &mut self,
        rows: &mut Rows,
        row: usize,
        f: &PresentationField,
        key: K,
        value: FieldValue<'_>,
        found: Option<usize>,
    ) -> Option<usize> {
        let at = match found {
            Some(at) => at,
            None if self.seen.len() < MEMO_MAX => self.insert(f, key, value),
            None => {
                rows.set(row, |p| f.set(p, value));
                return None;
            }
        };
        self.copy_to(rows, row, f, at);
        Some(at)
    }

    /// Sets a new value on an empty Presentation and keeps the outcome; returns its index.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, f: &PresentationField, key: K, value: FieldValue<'_>) -> usize {
        let mut probe = Presentation::new();
        let outcome = f.set(&mut probe, value).map(|()| probe).map_err(|e| e.message().to_owned());
        self.seen.push((key, outcome));
        self.seen.len() - 1
    }

    /// Copies the outcome at `at` to a row: its value, or its error.
    #[inline(always)]
    fn copy_to(&self, rows: &mut Rows, row: usize, f: &PresentationField, at: usize) {
        match self.seen.get(at) {
            Some((_, Ok(probe))) => {
                if let Some(p) = rows.presentations.get_mut(row) {
                    f.copy(probe, p);
                }
            }
            Some((_, Err(message))) => rows.fail(row, message.clone()),
            None => {}
        }
    }
}

/// Sets one number on a row, through a memo of the column's values (whole numbers up to 255 by
/// value: the field table's whole numbers are ages and scores; reals by their bits).
#[inline(always)]
fn set_number(rows: &mut Rows, row: usize, target: Target, v: FieldValue<'_>, memo: &mut NumberMemo) {
    let Target::Field(f) = target else { return };
    match v {
        FieldValue::Int(i) => match usize::try_from(i).ok().and_then(|i| memo.by_value.get_mut(i)) {
            Some(slot) => {
                let at = match *slot {
                    Some(at) => at,
                    None => {
                        let at = memo.whole.insert(f, i, v);
                        *slot = Some(at);
                        at
                    }
                };
                memo.whole.copy_to(rows, row, f, at);
            }
            None => set_value(rows, row, target, v),
        },
        FieldValue::Real(r) => memo.real.apply(rows, row, f, r.to_bits(), v),
        FieldValue::Text(_) => set_value(rows, row, target, v),
    }
}

/// The memos of a number column: whole numbers (found by value, up to 255) and reals.
struct NumberMemo {
    whole: Memo<i64>,
    by_value: Vec<Option<usize>>,
    real: Memo<u64>,
}

impl NumberMemo {
    fn new() -> NumberMemo {
        NumberMemo { whole: Memo::new(), by_value: vec![None; 256], real: Memo::new() }
    }
}

/// Reads a primitive column with one downcast, skipping nulls.
fn decode_numbers<T: arrow_array::ArrowPrimitiveType>(
    rows: &mut Rows,
    target: Target,
    a: &dyn Array,
    convert: impl Fn(T::Native) -> FieldValue<'static>,
) {
    let a = a.as_primitive::<T>();
    let mut memo = NumberMemo::new();
    match a.nulls() {
        None => {
            for (row, v) in a.values().iter().enumerate() {
                set_number(rows, row, target, convert(*v), &mut memo);
            }
        }
        Some(nulls) => {
            for row in nulls.valid_indices() {
                if let Some(v) = a.values().get(row) {
                    set_number(rows, row, target, convert(*v), &mut memo);
                }
            }
        }
    }
}

/// Reads a text column with one downcast, skipping nulls.
fn decode_texts<'a>(rows: &mut Rows, target: Target, cells: impl Iterator<Item = Option<&'a str>>) {
    match target {
        // A choice (sex, course): a handful of distinct values, each set once.
        // Looked up by length first (a choice's texts mostly differ in length): the text of the
        // memo last found at a cell's length, confirmed byte for byte, else a search of the memo.
        Target::Field(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
            let mut memo: Memo<&str> = Memo::new();
            let mut by_len = [u8::MAX; 64];
            for (row, s) in cells.enumerate() {
                let Some(s) = s else { continue };
                let hint = by_len.get(s.len()).map_or(usize::MAX, |h| usize::from(*h));
                let found = match memo.seen.get(hint) {
                    Some((k, _)) if same_text(k.as_bytes(), s.as_bytes()) => Some(hint),
                    _ => memo.seen.iter().position(|(k, _)| *k == s),
                };
                let at = memo.apply_found(rows, row, f, s, FieldValue::Text(s), found);
                if let (Some(slot), Some(Ok(h))) = (by_len.get_mut(s.len()), at.map(u8::try_from)) {
                    *slot = h;
                }
            }
        }
        _ => {
            for (row, s) in cells.enumerate() {
                if let Some(s) = s {
                    apply_text(rows, row, target, s);
                }
            }
        }
    }
}

/// Whether two byte strings are equal: those of 4 to 16 bytes compared as two overlapping words
/// (the first and the last 4 or 8 bytes), without a call; others as slices.
#[inline(always)]
fn same_text(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], i: usize| s.get(i..i + 8).and_then(|x| <[u8; 8]>::try_from(x).ok()).map(u64::from_ne_bytes);
    let w4 = |s: &[u8], i: usize| s.get(i..i + 4).and_then(|x| <[u8; 4]>::try_from(x).ok()).map(u32::from_ne_bytes);
    match n {
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        _ => a == b,
    }
}

/// A value of a number column, as the core's field table takes it.
fn u64_value(v: u64) -> FieldValue<'static> {
    // Beyond i64 the value is far out of range; keep its magnitude for the message.
    #[allow(clippy::cast_precision_loss)]
    i64::try_from(v).map_or(FieldValue::Real(v as f64), FieldValue::Int)
}

/// Decodes one column of a chunk into the rows.
fn decode_column(rows: &mut Rows, plan: &ColumnPlan, array: &ArrayRef) {
    let t = plan.target;
    if plan.dictionary {
        let Some(dict) = array.as_any_dictionary_opt() else { return };
        let values = dict.values().as_ref();
        let keys = dict.normalized_keys();
        // Dictionary values of a numeric kind are rare: read them as numbers one by one.
        for (row, key) in keys.iter().enumerate() {
            if array.is_null(row) {
                continue;
            }
            decode_cell(rows, row, plan, values, *key);
        }
        return;
    }
    let a = array.as_ref();
    match (plan.kind, t) {
        (Kind::Null, _) => {}
        (Kind::Bool, Target::Finding(f)) => decode_bools(rows, &[(f, a.as_boolean())], 0, a.len()),
        (Kind::I8, _) => decode_numbers::<Int8Type>(rows, t, a, |v| FieldValue::Int(i64::from(v))),
        (Kind::I16, _) => decode_numbers::<Int16Type>(rows, t, a, |v| FieldValue::Int(i64::from(v))),
        (Kind::I32, _) => decode_numbers::<Int32Type>(rows, t, a, |v| FieldValue::Int(i64::from(v))),
        (Kind::I64, _) => decode_numbers::<Int64Type>(rows, t, a, FieldValue::Int),
        (Kind::U8, _) => decode_numbers::<UInt8Type>(rows, t, a, |v| FieldValue::Int(i64::from(v))),
        (Kind::U16, _) => decode_numbers::<UInt16Type>(rows, t, a, |v| FieldValue::Int(i64::from(v))),
        (Kind::U32, _) => decode_numbers::<UInt32Type>(rows, t, a, |v| FieldValue::Int(i64::from(v))),
        (Kind::U64, _) => decode_numbers::<UInt64Type>(rows, t, a, u64_value),
        (Kind::F16, _) => decode_numbers::<Float16Type>(rows, t, a, |v| FieldValue::Real(v.to_f64())),
        (Kind::F32, _) => decode_numbers::<Float32Type>(rows, t, a, |v| FieldValue::Real(f64::from(v))),
        (Kind::F64, _) => decode_numbers::<Float64Type>(rows, t, a, FieldValue::Real),
        (Kind::Utf8, _) => decode_texts(rows, t, a.as_string::<i32>().iter()),
        (Kind::LargeUtf8, _) => decode_texts(rows, t, a.as_string::<i64>().iter()),
        (Kind::Utf8View, _) => decode_texts(rows, t, a.as_string_view().iter()),
        _ => {
            for row in 0..a.len() {
                decode_cell(rows, row, plan, a, row);
            }
        }
    }
}

/// Reads one text cell at `i` of a text array of the given kind.
fn text_at(a: &dyn Array, kind: Kind, i: usize) -> Option<&str> {
    if i >= a.len() || a.is_null(i) {
        return None;
    }
    match kind {
        Kind::Utf8 => Some(a.as_string::<i32>().value(i)),
        Kind::LargeUtf8 => Some(a.as_string::<i64>().value(i)),
        Kind::Utf8View => Some(a.as_string_view().value(i)),
        _ => None,
    }
}

/// Decodes the value at `i` of `a` into `row` (the general path for dictionary values, one
/// dynamic read per cell).
fn decode_cell(rows: &mut Rows, row: usize, plan: &ColumnPlan, a: &dyn Array, i: usize) {
    if i >= a.len() || a.is_null(i) {
        return;
    }
    let t = plan.target;
    let value = match plan.kind {
        Kind::Null => return,
        Kind::Bool => {
            if let Target::Finding(f) = t {
                let status = if a.as_boolean().value(i) { Status::Present } else { Status::Absent };
                rows.status(row, finding_bit(f), status);
            }
            return;
        }
        Kind::Utf8 | Kind::LargeUtf8 | Kind::Utf8View => {
            if let Some(s) = text_at(a, plan.kind, i) {
                apply_text(rows, row, t, s);
            }
            return;
        }
        Kind::I8 => FieldValue::Int(i64::from(a.as_primitive::<Int8Type>().value(i))),
        Kind::I16 => FieldValue::Int(i64::from(a.as_primitive::<Int16Type>().value(i))),
        Kind::I32 => FieldValue::Int(i64::from(a.as_primitive::<Int32Type>().value(i))),
        Kind::I64 => FieldValue::Int(a.as_primitive::<Int64Type>().value(i)),
        Kind::U8 => FieldValue::Int(i64::from(a.as_primitive::<UInt8Type>().value(i))),
        Kind::U16 => FieldValue::Int(i64::from(a.as_primitive::<UInt16Type>().value(i))),
        Kind::U32 => FieldValue::Int(i64::from(a.as_primitive::<UInt32Type>().value(i))),
        Kind::U64 => u64_value(a.as_primitive::<UInt64Type>().value(i)),
        Kind::F16 => FieldValue::Real(a.as_primitive::<Float16Type>().value(i).to_f64()),
        Kind::F32 => FieldValue::Real(f64::from(a.as_primitive::<Float32Type>().value(i))),
        Kind::F64 => FieldValue::Real(a.as_primitive::<Float64Type>().value(i)),
    };
    set_value(rows, row, t, value);
}

/// The Arrow type of a categorical id column.
fn id_type(categorical: bool) -> DataType {
    if categorical {
        DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
    } else {
        DataType::Utf8
    }
}

/// How the result's free text (the id lists' items, the error messages) is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLayout {
    /// Arrow strings: offsets into one buffer of bytes (pandas, pyarrow, Spark).
    Offsets,
    /// Arrow string views, how polars keeps its strings (its import then copies none); an id's
    /// view points into one buffer holding the vocabulary once.
    Views,
}

/// The Arrow type of free text.
fn text_type(text: TextLayout) -> DataType {
    match text {
        TextLayout::Offsets => DataType::Utf8,
        TextLayout::Views => DataType::Utf8View,
    }
}

fn id_list_type(text: TextLayout) -> DataType {
    DataType::List(Arc::new(Field::new("item", text_type(text), true)))
}

fn recommendation_fields() -> Fields {
    Fields::from(vec![Field::new("action", DataType::Utf8, false), Field::new("urgency", DataType::Utf8, false)])
}

/// The result fields at a detail level.
fn result_fields(detail: Detail, categorical: bool, text: TextLayout) -> Vec<Field> {
    let id = || id_type(categorical);
    let mut v = vec![
        Field::new("top_condition", id(), true),
        Field::new("myelopathy_likelihood", id(), true),
        Field::new("cook_positive", DataType::Int8, true),
        Field::new("cook_assessed", DataType::Int8, true),
        Field::new("pathway", id(), true),
        Field::new("cervical_mri_urgency", id(), true),
    ];
    if detail == Detail::Standard {
        v.push(Field::new("severity_class", id(), true));
        v.push(Field::new(
            "recommendations",
            DataType::List(Arc::new(Field::new("item", DataType::Struct(recommendation_fields()), true))),
            true,
        ));
    }
    v.push(Field::new("red_flags", id_list_type(text), true));
    v.push(Field::new("warnings", id_list_type(text), true));
    v.push(Field::new("error", text_type(text), true));
    v
}

impl Layout {
    /// Checks the pass-through columns against the input schema and builds the result schema.
    fn new(
        input: &Schema,
        keep: &[String],
        detail: Detail,
        categorical: bool,
        text: TextLayout,
    ) -> Result<Layout, BindError> {
        let results = result_fields(detail, categorical, text);
        let mut indices = Vec::with_capacity(keep.len());
        let mut fields = Vec::with_capacity(keep.len() + results.len());
        for name in keep {
            let shown = plain_name(name);
            let Some(i) = input.fields().iter().position(|f| f.name() == name) else {
                let what = shown.map_or("a name given there is".to_owned(), |s| format!("{s:?} is"));
                return Err(BindError::new(
                    Some("keep"),
                    "unknown_field",
                    &format!("{what} not a column of the frame"),
                ));
            };
            if indices.contains(&i) {
                return Err(BindError::new(Some("keep"), "duplicate_field", "a column is named twice"));
            }
            if input.fields().iter().filter(|f| f.name() == name).count() > 1 {
                let what = shown.map_or("a name given there".to_owned(), |s| format!("{s:?}"));
                return Err(BindError::new(
                    Some("keep"),
                    "duplicate_field",
                    &format!("{what} names two columns of the frame"),
                ));
            }
            if results.iter().any(|f| f.name() == name) {
                return Err(BindError::new(
                    Some("keep"),
                    "duplicate_field",
                    &format!("{} is also a result column; rename it first", shown.unwrap_or("a column")),
                ));
            }
            indices.push(i);
            if let Some(f) = input.fields().get(i) {
                fields.push(f.as_ref().clone());
            }
        }
        fields.extend(results);
        Ok(Layout { keep: indices, id: None, detail, categorical, text, schema: Arc::new(Schema::new(fields)) })
    }

    /// Adds the result's `id` column when the plan reads the input's `id` column (unless it is
    /// kept: it is then in the result already).
    fn with_id(mut self, input: &Schema, plan: &[ColumnPlan]) -> Layout {
        if let Some(p) = plan.iter().find(|p| p.target.is_id() && !self.keep.contains(&p.index)) {
            if let Some(f) = input.fields().get(p.index) {
                let mut fields: Vec<Field> = self.schema.fields().iter().map(|f| f.as_ref().clone()).collect();
                fields.insert(self.keep.len(), f.as_ref().clone().with_name("id"));
                self.schema = Arc::new(Schema::new(fields));
                self.id = Some(p.index);
            }
        }
        self
    }
}

/// A column name fit for a message: a plain identifier, else `None` (it may be free text).
fn plain_name(name: &str) -> Option<&str> {
    (!name.is_empty() && name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then_some(name)
}

/// A categorical id column from per-row vocabulary codes (-1: null).
fn id_column(codes: Vec<i8>, ids: &[&'static str], categorical: bool) -> Result<ArrayRef, ArrowError> {
    // Packed 64 cells at a time (`collect_bool`), not bit by bit.
    let nulls = codes
        .iter()
        .any(|c| *c < 0)
        .then(|| NullBuffer::new(BooleanBuffer::collect_bool(codes.len(), |i| codes.get(i).is_some_and(|c| *c >= 0))));
    if categorical {
        let keys = Int8Array::new(codes.into(), nulls);
        let values: ArrayRef = Arc::new(StringArray::from(ids.to_vec()));
        Ok(Arc::new(DictionaryArray::<Int8Type>::try_new(keys, values)?))
    } else {
        let strings: StringArray =
            codes.iter().map(|c| usize::try_from(*c).ok().and_then(|c| ids.get(c).copied())).collect();
        Ok(Arc::new(strings))
    }
}

/// A list-of-ids column from per-row codes: `offsets` delimit each row's codes in `codes`;
/// failed rows (false in `valid`) are null.
fn id_list_column(
    offsets: Vec<i32>,
    codes: &[u8],
    ids: &[&'static str],
    valid: Option<&NullBuffer>,
    text: TextLayout,
) -> Result<ArrayRef, ArrowError> {
    let values: ArrayRef = match text {
        TextLayout::Offsets => Arc::new(StringArray::from_iter_values(codes.iter().map(|c| pick(ids, *c)))),
        TextLayout::Views => Arc::new(vocabulary_views(codes, ids)?),
    };
    let item = Arc::new(Field::new("item", text_type(text), true));
    Ok(Arc::new(ListArray::try_new(item, OffsetBuffer::new(offsets.into()), values, valid.cloned())?))
}

/// String views of vocabulary ids by code (a code outside `ids`: the empty string): one buffer
/// holds every id once, and each item is the view of its id (inline when 12 bytes or fewer).
fn vocabulary_views(codes: &[u8], ids: &[&'static str]) -> Result<StringViewArray, ArrowError> {
    let mut bytes = Vec::new();
    let mut table = Vec::with_capacity(ids.len());
    for id in ids {
        let at = u32::try_from(bytes.len()).map_err(|_| ArrowError::ComputeError("vocabulary too long".into()))?;
        table.push(make_view(id.as_bytes(), 0, at));
        bytes.extend_from_slice(id.as_bytes());
    }
    let empty = make_view(&[], 0, 0);
    let views: Vec<u128> = codes.iter().map(|c| table.get(usize::from(*c)).copied().unwrap_or(empty)).collect();
    StringViewArray::try_new(views.into(), vec![Buffer::from_vec(bytes)], None)
}

fn recommendations_column(
    offsets: Vec<i32>,
    recs: &[(u8, u8)],
    valid: Option<&NullBuffer>,
) -> Result<ArrayRef, ArrowError> {
    let actions = ids_of(Action::ALL, Action::id);
    let urgencies = ids_of(Urgency::ALL, Urgency::id);
    let items = StructArray::new(
        recommendation_fields(),
        vec![
            Arc::new(StringArray::from_iter_values(recs.iter().map(|r| pick(&actions, r.0)))),
            Arc::new(StringArray::from_iter_values(recs.iter().map(|r| pick(&urgencies, r.1)))),
        ],
        None,
    );
    let item = Arc::new(Field::new("item", DataType::Struct(recommendation_fields()), true));
    Ok(Arc::new(ListArray::try_new(item, OffsetBuffer::new(offsets.into()), Arc::new(items), valid.cloned())?))
}

/// The id of a vocabulary code (a code outside `ids`: the empty string).
fn pick(ids: &[&'static str], code: u8) -> &'static str {
    ids.get(usize::from(code)).copied().unwrap_or("")
}

fn ids_of<T: Copy>(all: &[T], id: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| id(*v)).collect()
}

/// A vocabulary code as a dictionary key (the vocabularies have far fewer than 128 entries).
fn key(code: u32) -> i8 {
    i8::try_from(code).unwrap_or(-1)
}

/// A vocabulary code as a list item code.
fn small(code: u32) -> u8 {
    u8::try_from(code).unwrap_or(u8::MAX)
}

/// An Arrow offset (a chunk's lists hold far fewer than 2^31 items).
fn offset(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The result columns of a chunk, filled row by row in one pass: dictionary keys (-1: null),
/// counts, and list items as vocabulary codes.
struct Columns {
    top: Vec<i8>,
    likelihood: Vec<i8>,
    cook_positive: Vec<i8>,
    cook_assessed: Vec<i8>,
    pathway: Vec<i8>,
    mri: Vec<i8>,
    severity: Vec<i8>,
    rec_offsets: Vec<i32>,
    recs: Vec<(u8, u8)>,
    flag_offsets: Vec<i32>,
    flags: Vec<u8>,
    warning_offsets: Vec<i32>,
    warnings: Vec<u8>,
    /// The rows that failed (their index in the chunk, in order) and their messages: few, so
    /// kept apart rather than as one optional message per row.
    errors: Vec<(usize, String)>,
    /// Rows pushed.
    rows: usize,
    standard: bool,
}

impl Columns {
    fn new(n: usize, standard: bool) -> Columns {
        let offsets = || {
            let mut v = Vec::with_capacity(n + 1);
            v.push(0);
            v
        };
        Columns {
            top: Vec::with_capacity(n),
            likelihood: Vec::with_capacity(n),
            cook_positive: Vec::with_capacity(n),
            cook_assessed: Vec::with_capacity(n),
            pathway: Vec::with_capacity(n),
            mri: Vec::with_capacity(n),
            severity: Vec::with_capacity(if standard { n } else { 0 }),
            rec_offsets: if standard { offsets() } else { Vec::new() },
            recs: Vec::new(),
            flag_offsets: offsets(),
            flags: Vec::with_capacity(n / 4),
            warning_offsets: offsets(),
            warnings: Vec::with_capacity(n),
            errors: Vec::new(),
            rows: 0,
            standard,
        }
    }

    /// Adds a row: its headline and, at standard detail, its summary (for the recommendations),
    /// or its error.
    fn push(&mut self, row: Result<(Headline, Option<Summary>), String>) {
        match row {
            Ok((s, summary)) => {
                self.top.push(key(s.top_condition.code()));
                self.likelihood.push(key(s.myelopathy_likelihood.code()));
                self.cook_positive.push(i8::try_from(s.cook_positive).unwrap_or(i8::MAX));
                self.cook_assessed.push(i8::try_from(s.cook_assessed).unwrap_or(i8::MAX));
                self.pathway.push(key(s.pathway.code()));
                self.mri.push(s.cervical_mri.map_or(-1, |u| key(u.code())));
                self.flags.extend(s.red_flags().map(|r| small(r.code())));
                self.warnings.extend(s.warnings().map(|w| small(w.code())));
                if self.standard {
                    self.severity.push(s.severity.map_or(-1, |c| key(c.code())));
                    if let Some(summary) = summary {
                        self.recs.extend(summary.recommendations().map(|(a, u)| (small(a.code()), small(u.code()))));
                    }
                }
            }
            Err(message) => {
                for v in [&mut self.top, &mut self.likelihood, &mut self.pathway, &mut self.mri] {
                    v.push(-1);
                }
                self.cook_positive.push(0);
                self.cook_assessed.push(0);
                if self.standard {
                    self.severity.push(-1);
                }
                self.errors.push((self.rows, message));
            }
        }
        self.rows += 1;
        self.flag_offsets.push(offset(self.flags.len()));
        self.warning_offsets.push(offset(self.warnings.len()));
        if self.standard {
            self.rec_offsets.push(offset(self.recs.len()));
        }
    }

    /// The arrays, in the order of [`result_fields`].
    fn finish(self, categorical: bool, text: TextLayout) -> Result<Vec<ArrayRef>, ArrowError> {
        let c = categorical;
        let rows = self.rows;
        let valid = (!self.errors.is_empty()).then(|| {
            let mut ok = vec![true; rows];
            for (row, _) in &self.errors {
                if let Some(slot) = ok.get_mut(*row) {
                    *slot = false;
                }
            }
            NullBuffer::new(BooleanBuffer::collect_bool(rows, |i| ok.get(i).copied().unwrap_or(false)))
        });
        let count = |v: Vec<i8>| -> ArrayRef { Arc::new(Int8Array::new(v.into(), valid.clone())) };
        let mut arrays = vec![
            id_column(self.top, &ids_of(Condition::ALL, Condition::id), c)?,
            id_column(self.likelihood, &ids_of(Likelihood::ALL, Likelihood::id), c)?,
            count(self.cook_positive),
            count(self.cook_assessed),
            id_column(self.pathway, &ids_of(Pathway::ALL, Pathway::id), c)?,
            id_column(self.mri, &ids_of(Urgency::ALL, Urgency::id), c)?,
        ];
        if self.standard {
            arrays.push(id_column(self.severity, &ids_of(SeverityClass::ALL, SeverityClass::id), c)?);
            arrays.push(recommendations_column(self.rec_offsets, &self.recs, valid.as_ref())?);
        }
        arrays.push(id_list_column(
            self.flag_offsets,
            &self.flags,
            &ids_of(RedFlag::ALL, RedFlag::id),
            valid.as_ref(),
            text,
        )?);
        arrays.push(id_list_column(
            self.warning_offsets,
            &self.warnings,
            &ids_of(Warning::ALL, Warning::id),
            valid.as_ref(),
            text,
        )?);
        let mut failed = self.errors.iter().peekable();
        let messages = (0..rows).map(|i| match failed.peek() {
            Some((row, message)) if *row == i => {
                failed.next();
                Some(message.as_str())
            }
            _ => None,
        });
        arrays.push(match (text, self.errors.is_empty()) {
            (TextLayout::Offsets, true) => Arc::new(StringArray::new_null(rows)),
            (TextLayout::Views, true) => Arc::new(StringViewArray::new_null(rows)),
            (TextLayout::Offsets, false) => Arc::new(messages.collect::<StringArray>()),
            (TextLayout::Views, false) => Arc::new(messages.collect::<StringViewArray>()),
        });
        Ok(arrays)
    }
}

/// Rows decoded and assessed together: enough to spread the per-column work of a block (a slice
/// and a memo per column) thin, few enough for the block's presentations to stay in a core's
/// cache between the column passes and the rules.
const BLOCK_ROWS: usize = 2048;

/// Decodes the rows `start..start + n` of a batch into `rows` (reset to `n` rows): the boolean
/// finding columns `bools` (of the whole batch) together, one transposition per 64 rows, then
/// the others one by one.
fn decode_block(
    batch: &RecordBatch,
    plan: &[ColumnPlan],
    bools: &[BoolColumn<'_>],
    rows: &mut Rows,
    start: usize,
    n: usize,
) {
    decode_bools(rows, bools, start, n);
    for p in plan {
        if is_bool(p) {
            continue;
        }
        if let Some(a) = batch.columns().get(p.index) {
            decode_column(rows, p, &a.slice(start, n));
        }
    }
}

/// A boolean finding column, decoded with the others ([`decode_bools`]).
fn is_bool(p: &ColumnPlan) -> bool {
    p.kind == Kind::Bool && !p.dictionary && matches!(p.target, Target::Finding(_))
}

/// Assesses the rows `start..start + len` of a batch whose columns are validated and builds
/// their result batch.
fn assess_chunk(
    batch: &RecordBatch,
    plan: &[ColumnPlan],
    layout: &Layout,
    start: usize,
    len: usize,
) -> Result<RecordBatch, ArrowError> {
    let standard = layout.detail == Detail::Standard;
    let mut columns = Columns::new(len, standard);
    let mut rows = Rows::new(0);
    // The headline alone (the cheaper evaluation) unless the recommendations are columns too.
    let assess = |p: &Presentation| {
        if standard {
            let s = core::summarize(p);
            (Headline::from(&s), Some(s))
        } else {
            (core::headline(p), None)
        }
    };
    let bools: Vec<BoolColumn<'_>> = plan
        .iter()
        .filter(|p| is_bool(p))
        .filter_map(|p| match p.target {
            Target::Finding(f) => Some((f, batch.columns().get(p.index)?.as_boolean_opt()?)),
            Target::Field(_) => None,
        })
        .collect();
    // Block by block: a block's presentations stay in cache from the first column's pass to the
    // rules (a whole chunk's would not: each pass would stream them from memory).
    for at in (0..len).step_by(BLOCK_ROWS) {
        let n = BLOCK_ROWS.min(len - at);
        rows.reset(n);
        decode_block(batch, plan, &bools, &mut rows, start + at, n);
        for i in 0..n {
            let (Some(p), Some(present), Some(absent), Some(error)) =
                (rows.presentations.get_mut(i), rows.present.get(i), rows.absent.get(i), rows.errors.get_mut(i))
            else {
                break;
            };
            columns.push(match error.take() {
                Some(message) => Err(message),
                None => {
                    p.set_findings(FindingSet::from_masks(*present, *absent));
                    catch_unwind(AssertUnwindSafe(|| assess(p))).map_err(|payload| {
                        format!("internal error in the stenosis engine: {}", panic_message(payload.as_ref()))
                    })
                }
            });
        }
    }
    let mut arrays: Vec<ArrayRef> = layout
        .keep
        .iter()
        .chain(layout.id.iter())
        .filter_map(|&i| batch.columns().get(i))
        .map(|a| a.slice(start, len))
        .collect();
    arrays.extend(columns.finish(layout.categorical, layout.text)?);
    RecordBatch::try_new(layout.schema.clone(), arrays)
}

/// Why a batch could not be assessed.
enum BatchError {
    /// The producer failed or the batch could not be built (the text is not shown: it may quote
    /// the producer's data).
    Stream,
    /// A column's Arrow data is malformed.
    Invalid(BindError),
}

/// Checks every planned column of a batch in full, over the rows `start..start + len`, before
/// any value is read: the C data interface imports buffers unchecked, and the text readers
/// (`value(i)` building a `&str`) trust the offsets, the string-view indices and the UTF-8.
/// Each thread checks its own chunk (the check is a fair share of the work on text columns).
fn validate_columns(
    batch: &RecordBatch,
    plan: &[ColumnPlan],
    schema: &Schema,
    start: usize,
    len: usize,
) -> Result<(), BindError> {
    for p in plan {
        let name = schema.fields().get(p.index).map_or("column", |f| f.name().as_str());
        let bad = |reason: &str| BindError::new(Some(name), "invalid_value", reason);
        let Some(array) = batch.columns().get(p.index) else {
            return Err(bad("the column is missing from a batch of the Arrow stream"));
        };
        if array.len() != batch.num_rows() {
            return Err(bad("the column's length differs from the batch's"));
        }
        let slice = array.slice(start, len);
        let data = slice.to_data();
        let malformed =
            |_| bad("the column's Arrow data is malformed (invalid UTF-8, offsets, views or dictionary keys)");
        // A text column (of offsets or views) whose text is ASCII: the buffers' structure and
        // nulls as `validate_full` checks them, the offsets or views in one pass, the text as
        // ASCII (so every offset is a character boundary). Anything else: `validate_full`.
        let plain = !p.dictionary
            && match p.kind {
                Kind::Utf8 => slice.as_string_opt::<i32>().is_some_and(ascii_text),
                Kind::LargeUtf8 => slice.as_string_opt::<i64>().is_some_and(ascii_text),
                Kind::Utf8View => slice.as_string_view_opt().is_some_and(ascii_views),
                _ => false,
            };
        if plain {
            data.validate().and_then(|()| data.validate_nulls()).map_err(malformed)?;
        } else {
            data.validate_full().map_err(malformed)?;
        }
    }
    Ok(())
}

/// Whether every view of a string-view array (null slots too) holds ASCII text within its
/// bytes: inline (12 bytes or fewer), or within a data buffer the array has. Then every value is
/// a valid `&str` (what `validate_full` checks for such an array beside the buffers' structure,
/// which `validate` checks, and each long view's copy of its first 4 bytes, which no reader here
/// uses: values are read from the data buffer).
fn ascii_views(a: &StringViewArray) -> bool {
    let buffers = a.data_buffers();
    a.views().iter().all(|v| {
        let view = ByteView::from(*v);
        let len = view.length as usize;
        if len <= 12 {
            v.to_le_bytes().get(4..4 + len).is_some_and(<[u8]>::is_ascii)
        } else {
            let at = view.offset as usize;
            buffers
                .get(view.buffer_index as usize)
                .and_then(|b| b.as_slice().get(at..at.saturating_add(len)))
                .is_some_and(<[u8]>::is_ascii)
        }
    })
}

/// Whether a string array's offsets rise from the first to the last within its bytes, and the
/// bytes between them are ASCII: then every value is a valid `&str` (the checks of
/// `validate_full` for such an array, which also checks the buffers' sizes: `validate`).
fn ascii_text<O: OffsetSizeTrait>(a: &GenericStringArray<O>) -> bool {
    let offsets = a.value_offsets();
    let (Some(first), Some(last)) =
        (offsets.first().and_then(|o| o.to_usize()), offsets.last().and_then(|o| o.to_usize()))
    else {
        return false;
    };
    first <= last
        && offsets.windows(2).all(|w| matches!(w, [a, b] if a <= b))
        && a.value_data().get(first..last).is_some_and(<[u8]>::is_ascii)
}

/// Assesses one input batch: its rows in contiguous chunks, one per thread, each chunk checked
/// ([`validate_columns`]), decoded column by column and turned into its own result batch (so
/// results are built in parallel). A malformed chunk fails the batch: the first in row order
/// is reported.
fn assess_batch(
    batch: &RecordBatch,
    plan: &[ColumnPlan],
    layout: &Layout,
    schema: &Schema,
    threads: usize,
) -> Result<Vec<RecordBatch>, BatchError> {
    let n = batch.num_rows();
    let chunks = threads.clamp(1, (n / MIN_ROWS_PER_THREAD).max(1));
    let size = n.div_ceil(chunks).max(1);
    let work = |t: usize| {
        let start = (t * size).min(n);
        let len = size.min(n - start);
        validate_columns(batch, plan, schema, start, len).map_err(BatchError::Invalid)?;
        assess_chunk(batch, plan, layout, start, len).map_err(|_| BatchError::Stream)
    };
    let parts: Vec<Result<RecordBatch, BatchError>> = if chunks == 1 {
        vec![work(0)]
    } else {
        let work = &work;
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..chunks).map(|t| s.spawn(move || work(t))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload))).collect()
        })
    };
    parts.into_iter().collect()
}

/// Assesses every row of an Arrow stream (an object with `__arrow_c_stream__`, or such a
/// capsule) and returns the results as an [`ArrowStream`] of the same length and order: the
/// `keep` columns of the input unchanged (a kept column that is a field or a finding is read as
/// well), then the result columns of the `detail` level
/// (`"summary"` or `"standard"`), categorical ids dictionary-encoded unless `categorical` is
/// false, the id lists' items and the error messages as string views when `string_views` is true
/// (polars' layout) and as strings otherwise.
#[pyfunction]
#[pyo3(signature = (data, threads=None, keep=None, detail="summary", categorical=true, string_views=false))]
pub fn assess_arrow(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    threads: Option<Bound<'_, PyAny>>,
    keep: Option<Vec<String>>,
    detail: &str,
    categorical: bool,
    string_views: bool,
) -> PyResult<ArrowStream> {
    guarded(py, || {
        let detail = Detail::parse(detail).map_err(|e| e.to_pyerr(py))?;
        let reader = import_stream(py, data)?;
        let schema = reader.schema();
        let text = if string_views { TextLayout::Views } else { TextLayout::Offsets };
        let layout = Layout::new(&schema, keep.as_deref().unwrap_or(&[]), detail, categorical, text)
            .map_err(|e| e.to_pyerr(py))?;
        let plan = plan(&schema, &layout.keep).map_err(|e| e.to_pyerr(py))?;
        let layout = layout.with_id(&schema, &plan);
        let threads = thread_count(threads_arg(threads.as_ref())?);
        let out_schema = layout.schema.clone();
        let batches: Result<Vec<Vec<RecordBatch>>, BatchError> = py.detach(move || {
            let mut out: Vec<Vec<RecordBatch>> = reader
                .map(|b| {
                    b.map_err(|_: ArrowError| BatchError::Stream)
                        .and_then(|b| assess_batch(&b, &plan, &layout, &schema, threads))
                })
                .collect::<Result<_, _>>()?;
            if out.iter().all(Vec::is_empty) {
                // No rows: one empty batch all the same, so that the result's id columns carry
                // their vocabulary (a pandas or polars reader then knows the categories).
                out.push(assess_batch(&RecordBatch::new_empty(schema.clone()), &plan, &layout, &schema, 1)?);
            }
            Ok(out)
        });
        let batches = batches.map_err(|e| match e {
            BatchError::Stream => stream_error(py, "the producer reported an error or sent a malformed batch"),
            BatchError::Invalid(e) => e.to_pyerr(py),
        })?;
        let out: Box<dyn RecordBatchReader + Send> =
            Box::new(RecordBatchIterator::new(batches.into_iter().flatten().map(Ok), out_schema));
        Ok(ArrowStream::new(out))
    })
}

/// The names of the result columns of [`assess_arrow`], in order.
#[pyfunction]
#[pyo3(signature = (detail="summary"))]
pub fn frame_columns(py: Python<'_>, detail: &str) -> PyResult<Vec<&'static str>> {
    guarded(py, || Ok(Detail::parse(detail).map_err(|e| e.to_pyerr(py))?.columns().to_vec()))
}
