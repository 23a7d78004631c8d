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
use std::sync::{Arc, Mutex};

use arrow_array::builder::{ListBuilder, StringBuilder, UInt8Builder};
use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use stenosis_core::{self as core, Finding, Presentation, Status, Summary};

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

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    AgeYears,
    Sex,
    Course,
    SymptomDurationMonths,
    Mjoa,
    AnkleBrachialIndex,
    Finding(Finding),
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::AgeYears => "age_years",
            Target::Sex => "sex",
            Target::Course => "course",
            Target::SymptomDurationMonths => "symptom_duration_months",
            Target::Mjoa => "mjoa",
            Target::AnkleBrachialIndex => "ankle_brachial_index",
            Target::Finding(f) => f.id(),
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Target::AgeYears | Target::Mjoa => "an integer or float column (or text of numbers)",
            Target::SymptomDurationMonths | Target::AnkleBrachialIndex => "a numeric column (or text of numbers)",
            Target::Sex | Target::Course => "a string column",
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
            Target::AgeYears | Target::Mjoa | Target::SymptomDurationMonths | Target::AnkleBrachialIndex => {
                self.is_number() || self.is_text()
            }
            Target::Sex | Target::Course => self.is_text(),
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
fn plan(schema: &Schema) -> Result<Vec<ColumnPlan>, BindError> {
    let mut seen: Vec<Target> = Vec::new();
    let mut out = Vec::new();
    for (index, field) in schema.fields().iter().enumerate() {
        let name = field.name().as_str();
        let target = match name {
            "age_years" => Target::AgeYears,
            "sex" => Target::Sex,
            "course" => Target::Course,
            "symptom_duration_months" => Target::SymptomDurationMonths,
            "mjoa" => Target::Mjoa,
            "ankle_brachial_index" => Target::AnkleBrachialIndex,
            "findings" => {
                return Err(schema_error(
                    "findings",
                    "a frame takes one column per finding id (e.g. `babinski_sign`), not a `findings` column",
                ))
            }
            other => match core::parse_finding_id(other) {
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

/// One value read from a column.
enum Cell<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(&'a str),
}

/// A column of one batch, ready to read row by row.
struct Column<'a> {
    plan: ColumnPlan,
    /// The array holding the values (for a dictionary column: its values).
    values: &'a dyn Array,
    /// For a dictionary column: the null mask source and each row's index into `values`.
    keys: Option<(&'a dyn Array, Vec<usize>)>,
}

impl<'a> Column<'a> {
    fn new(plan: ColumnPlan, array: &'a ArrayRef) -> Column<'a> {
        if plan.dictionary {
            if let Some(dict) = array.as_any_dictionary_opt() {
                return Column {
                    plan,
                    values: dict.values().as_ref(),
                    keys: Some((array.as_ref(), dict.normalized_keys())),
                };
            }
        }
        Column { plan, values: array.as_ref(), keys: None }
    }

    fn cell(&self, row: usize) -> Cell<'a> {
        let i = match &self.keys {
            Some((keys, idx)) => {
                if keys.is_null(row) {
                    return Cell::Null;
                }
                match idx.get(row) {
                    Some(i) => *i,
                    None => return Cell::Null,
                }
            }
            None => row,
        };
        let a = self.values;
        if i >= a.len() || a.is_null(i) {
            return Cell::Null;
        }
        match self.plan.kind {
            Kind::Null => Cell::Null,
            Kind::Bool => Cell::Bool(a.as_boolean().value(i)),
            Kind::I8 => Cell::Int(i64::from(a.as_primitive::<Int8Type>().value(i))),
            Kind::I16 => Cell::Int(i64::from(a.as_primitive::<Int16Type>().value(i))),
            Kind::I32 => Cell::Int(i64::from(a.as_primitive::<Int32Type>().value(i))),
            Kind::I64 => Cell::Int(a.as_primitive::<Int64Type>().value(i)),
            Kind::U8 => Cell::Int(i64::from(a.as_primitive::<UInt8Type>().value(i))),
            Kind::U16 => Cell::Int(i64::from(a.as_primitive::<UInt16Type>().value(i))),
            Kind::U32 => Cell::Int(i64::from(a.as_primitive::<UInt32Type>().value(i))),
            Kind::U64 => {
                let v = a.as_primitive::<UInt64Type>().value(i);
                // Beyond i64 the value is far out of range; keep its magnitude for the message.
                i64::try_from(v).map_or(Cell::Float(v as f64), Cell::Int)
            }
            Kind::F16 => Cell::Float(a.as_primitive::<Float16Type>().value(i).to_f64()),
            Kind::F32 => Cell::Float(f64::from(a.as_primitive::<Float32Type>().value(i))),
            Kind::F64 => Cell::Float(a.as_primitive::<Float64Type>().value(i)),
            Kind::Utf8 => Cell::Text(a.as_string::<i32>().value(i)),
            Kind::LargeUtf8 => Cell::Text(a.as_string::<i64>().value(i)),
            Kind::Utf8View => Cell::Text(a.as_string_view().value(i)),
        }
    }
}

/// Sets one field of `p` from a cell; the error is the row's message (it names the field).
fn apply(p: &mut Presentation, target: Target, cell: Cell<'_>) -> Result<(), String> {
    let r = match (target, cell) {
        (_, Cell::Null) => Ok(()),
        (Target::AgeYears, Cell::Int(v)) => p.set_age_years(Some(v)),
        (Target::AgeYears, Cell::Float(v)) => p.set_age_years_f64(Some(v)),
        (Target::Mjoa, Cell::Int(v)) => p.set_mjoa(Some(v)),
        (Target::Mjoa, Cell::Float(v)) => p.set_mjoa_f64(Some(v)),
        // Integers beyond 2^53 lose precision as f64; they are far out of range either way.
        (Target::SymptomDurationMonths, Cell::Int(v)) => p.set_symptom_duration_months(Some(v as f64)),
        (Target::SymptomDurationMonths, Cell::Float(v)) => p.set_symptom_duration_months(Some(v)),
        (Target::AnkleBrachialIndex, Cell::Int(v)) => p.set_ankle_brachial_index(Some(v as f64)),
        (Target::AnkleBrachialIndex, Cell::Float(v)) => p.set_ankle_brachial_index(Some(v)),
        (Target::Sex, Cell::Text(s)) => p.set_sex_by_id(Some(s)),
        (Target::Course, Cell::Text(s)) => p.set_course_by_id(Some(s)),
        (
            Target::AgeYears | Target::Mjoa | Target::SymptomDurationMonths | Target::AnkleBrachialIndex,
            Cell::Text(s),
        ) => {
            return match s.trim().parse::<f64>() {
                Ok(v) => apply(p, target, Cell::Float(v)),
                // Never quote the cell: it may be free text.
                Err(_) => Err(format!("{}: must be a number (this cell is not one)", target.name())),
            };
        }
        (Target::Finding(f), Cell::Bool(b)) => {
            p.set_finding(f, if b { Status::Present } else { Status::Absent });
            Ok(())
        }
        (Target::Finding(f), Cell::Text(s)) => match Status::from_id(s) {
            Some(status) => {
                p.set_finding(f, status);
                Ok(())
            }
            // Let the core word the refusal.
            None => p.set_finding_by_id(f.id(), s),
        },
        // The schema check admits no other combination; refuse rather than guess.
        (_, _) => return Err("a value of an unexpected type".to_owned()),
    };
    r.map_err(|e| e.message().to_owned())
}

fn assess_row(columns: &[Column<'_>], row: usize) -> Result<Summary, String> {
    let mut p = Presentation::new();
    for c in columns {
        apply(&mut p, c.plan.target, c.cell(row))?;
    }
    catch_unwind(AssertUnwindSafe(|| core::summarize(&p)))
        .map_err(|payload| format!("internal error in the stenosis engine: {}", panic_message(payload.as_ref())))
}

/// The result schema.
pub fn output_schema() -> SchemaRef {
    let list = || DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
    Arc::new(Schema::new(vec![
        Field::new("top_condition", DataType::Utf8, true),
        Field::new("myelopathy_likelihood", DataType::Utf8, true),
        Field::new("cook_positive", DataType::UInt8, true),
        Field::new("cook_assessed", DataType::UInt8, true),
        Field::new("pathway", DataType::Utf8, true),
        Field::new("cervical_mri_urgency", DataType::Utf8, true),
        Field::new("red_flags", list(), true),
        Field::new("warnings", list(), true),
        Field::new("error", DataType::Utf8, true),
    ]))
}

/// Why a batch could not be assessed.
enum BatchError {
    /// The producer failed or the batch could not be built (the text is not shown: it may quote
    /// the producer's data).
    Stream,
    /// A column's Arrow data is malformed.
    Invalid(BindError),
}

/// Checks every planned column of a batch in full before any value is read: the C data
/// interface imports buffers unchecked, and the text readers (`value(i)` building a `&str`)
/// trust the offsets, the string-view indices and the UTF-8.
fn validate_columns(batch: &RecordBatch, plan: &[ColumnPlan], schema: &Schema) -> Result<(), BindError> {
    for p in plan {
        let name = schema.fields().get(p.index).map_or("column", |f| f.name().as_str());
        let bad = |reason: &str| BindError::new(Some(name), "invalid_value", reason);
        let Some(array) = batch.columns().get(p.index) else {
            return Err(bad("the column is missing from a batch of the Arrow stream"));
        };
        if array.len() != batch.num_rows() {
            return Err(bad("the column's length differs from the batch's"));
        }
        array.to_data().validate_full().map_err(|_| {
            bad("the column's Arrow data is malformed (invalid UTF-8, offsets, views or dictionary keys)")
        })?;
    }
    Ok(())
}

fn assess_batch(
    batch: &RecordBatch,
    plan: &[ColumnPlan],
    schema: &Schema,
    threads: usize,
) -> Result<RecordBatch, BatchError> {
    validate_columns(batch, plan, schema).map_err(BatchError::Invalid)?;
    let columns: Vec<Column<'_>> =
        plan.iter().filter_map(|p| batch.columns().get(p.index).map(|a| Column::new(*p, a))).collect();
    let n = batch.num_rows();
    let rows = parallel_range(n, threads, |i| assess_row(&columns, i));

    let mut top = StringBuilder::with_capacity(n, n * 20);
    let mut likelihood = StringBuilder::with_capacity(n, n * 8);
    let mut cook_positive = UInt8Builder::with_capacity(n);
    let mut cook_assessed = UInt8Builder::with_capacity(n);
    let mut pathway = StringBuilder::with_capacity(n, n * 16);
    let mut mri = StringBuilder::with_capacity(n, n * 8);
    let mut red_flags = ListBuilder::new(StringBuilder::new());
    let mut warnings = ListBuilder::new(StringBuilder::new());
    let mut error = StringBuilder::new();
    for row in &rows {
        match row {
            Ok(s) => {
                top.append_value(s.top_condition.id());
                likelihood.append_value(s.myelopathy_likelihood.id());
                cook_positive.append_value(s.cook_positive);
                cook_assessed.append_value(s.cook_assessed);
                pathway.append_value(s.pathway.id());
                mri.append_option(s.cervical_mri.map(|u| u.id()));
                for r in s.red_flags() {
                    red_flags.values().append_value(r.id());
                }
                red_flags.append(true);
                for w in s.warnings() {
                    warnings.values().append_value(w.id());
                }
                warnings.append(true);
                error.append_null();
            }
            Err(message) => {
                top.append_null();
                likelihood.append_null();
                cook_positive.append_null();
                cook_assessed.append_null();
                pathway.append_null();
                mri.append_null();
                red_flags.append(false);
                warnings.append(false);
                error.append_value(message);
            }
        }
    }
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(top.finish()),
        Arc::new(likelihood.finish()),
        Arc::new(cook_positive.finish()),
        Arc::new(cook_assessed.finish()),
        Arc::new(pathway.finish()),
        Arc::new(mri.finish()),
        Arc::new(red_flags.finish()),
        Arc::new(warnings.finish()),
        Arc::new(error.finish()),
    ];
    RecordBatch::try_new(output_schema(), arrays).map_err(|_| BatchError::Stream)
}

/// The error for an Arrow stream that could not be read: an `InvalidPresentation` (a
/// `StenosisError` and `ValueError`) that does not repeat the producer's message.
fn stream_error(py: Python<'_>, what: &str) -> PyErr {
    BindError::new(None, "unreadable_stream", &format!("could not read the Arrow stream: {what}")).to_pyerr(py)
}

/// An Arrow C stream of results, handed to Python through the Arrow PyCapsule interface
/// (`pyarrow.table(obj)`, `polars.DataFrame(obj)`). It can be consumed once.
#[pyclass(frozen, module = "stenosis._stenosis")]
pub struct ArrowStream {
    stream: Mutex<Option<FFI_ArrowArrayStream>>,
}

#[pymethods]
impl ArrowStream {
    /// Exports the stream as a PyCapsule named `arrow_array_stream` (consumes it).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        guarded(py, || {
            // The schema is fixed; a consumer that asks for another one casts after import.
            let _ = requested_schema;
            let stream = self
                .stream
                .lock()
                .map_err(|_| PyValueError::new_err("the result stream is unusable"))?
                .take()
                .ok_or_else(|| PyValueError::new_err("the result stream was already consumed"))?;
            // The capsule owns a boxed FFI_ArrowArrayStream; the consumer moves it out (leaving
            // its `release` null), and the box's drop releases it only if nobody did.
            PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
        })
    }
}

/// Assesses every row of an Arrow stream (an object with `__arrow_c_stream__`, or such a
/// capsule) and returns the results as an [`ArrowStream`] of the same length and order.
#[pyfunction]
#[pyo3(signature = (data, threads=None))]
pub fn assess_arrow(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    threads: Option<Bound<'_, PyAny>>,
) -> PyResult<ArrowStream> {
    guarded(py, || {
        let capsule_obj =
            if data.hasattr("__arrow_c_stream__")? { data.call_method0("__arrow_c_stream__")? } else { data.clone() };
        let capsule = capsule_obj.cast::<PyCapsule>().map_err(|_| {
            PyTypeError::new_err(
                "expected an object with __arrow_c_stream__ (a polars or pyarrow table) or its capsule",
            )
        })?;
        let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
        // SAFETY: `pointer_checked` verified the capsule's name, and the Arrow PyCapsule interface
        // guarantees that a capsule named `arrow_array_stream` holds a valid, aligned
        // `struct ArrowArrayStream`, which `FFI_ArrowArrayStream` mirrors (`repr(C)`). `from_raw`
        // moves the struct out and leaves a released one behind, so the capsule's destructor
        // does not release it a second time; an already-consumed stream is refused by `try_new`.
        let reader = unsafe { RecordBatchStreamReader::from_raw(ptr.as_ptr().cast::<FFI_ArrowArrayStream>()) }
            .map_err(|_| stream_error(py, "its schema is missing or malformed"))?;
        let schema = reader.schema();
        let plan = plan(&schema).map_err(|e| e.to_pyerr(py))?;
        let threads = thread_count(threads_arg(threads.as_ref())?);
        let batches: Result<Vec<RecordBatch>, BatchError> = py.detach(move || {
            reader
                .map(|b| {
                    b.map_err(|_: ArrowError| BatchError::Stream)
                        .and_then(|b| assess_batch(&b, &plan, &schema, threads))
                })
                .collect()
        });
        let batches = batches.map_err(|e| match e {
            BatchError::Stream => stream_error(py, "the producer reported an error or sent a malformed batch"),
            BatchError::Invalid(e) => e.to_pyerr(py),
        })?;
        let out: Box<dyn RecordBatchReader + Send> =
            Box::new(RecordBatchIterator::new(batches.into_iter().map(Ok), output_schema()));
        Ok(ArrowStream { stream: Mutex::new(Some(FFI_ArrowArrayStream::new(out))) })
    })
}

/// The names of the result columns of [`assess_arrow`], in order.
#[pyfunction]
pub fn frame_columns(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    guarded(py, || Ok(OUTPUT_COLUMNS.to_vec()))
}
