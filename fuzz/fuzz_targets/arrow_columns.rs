//! The Arrow path of `stenosis.assess_frame` / `assess_arrow`, without Python.
//!
//! The frame code itself lives in the pyo3 crate (`bindings/python/src/frame.rs`) and cannot be
//! linked without a Python interpreter, so this target fuzzes what that code is built from:
//! arbitrary typed columns (integers, floats, strings, booleans, dictionary-encoded strings, with
//! nulls, under field names and finding ids or unknown names) are exported through the Arrow C
//! stream interface (`FFI_ArrowArrayStream`) and imported again with `RecordBatchStreamReader`,
//! exactly as the binding receives them; then every cell is applied to a Presentation with the
//! core setters the frame path calls, and each row is summarized.
//! Oracle: no panic or memory error; the imported batch equals the exported one; a row refused
//! by a setter has a message naming the column's field.
#![no_main]

use std::sync::Arc;

use arbitrary::Arbitrary;
use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{Float64Type, Int64Type, UInt8Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Float64Array, Int64Array, RecordBatch, RecordBatchIterator,
    StringArray, UInt8Array,
};
use arrow_schema::{DataType, Field, Schema};
use libfuzzer_sys::fuzz_target;
use stenosis_core::{presentation_fields, summarize, FieldValue, Finding, Presentation, PRESENTATION_FIELDS};

#[derive(Arbitrary, Debug)]
enum Values {
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
    Bool(Vec<Option<bool>>),
    Dict(Vec<Option<u8>>, Vec<String>),
}

#[derive(Arbitrary, Debug)]
struct Column {
    name: u16,
    values: Values,
}

fn column_name(n: u16) -> String {
    let scalar: Vec<&str> = PRESENTATION_FIELDS.iter().copied().filter(|f| *f != "findings").collect();
    let i = usize::from(n);
    if let Some(f) = scalar.get(i % 64) {
        return (*f).to_owned();
    }
    match Finding::ALL.get(i % 256) {
        Some(f) => f.id().to_owned(),
        None => format!("unknown_{i}"),
    }
}

fn array(values: &Values, rows: usize) -> ArrayRef {
    match values {
        Values::Int(v) => Arc::new(v.iter().copied().take(rows).collect::<Int64Array>()),
        Values::Float(v) => Arc::new(v.iter().copied().take(rows).collect::<Float64Array>()),
        Values::Text(v) => Arc::new(v.iter().take(rows).map(Option::as_deref).collect::<StringArray>()),
        Values::Bool(v) => Arc::new(v.iter().copied().take(rows).collect::<BooleanArray>()),
        Values::Dict(keys, dict) => {
            let n = dict.len().clamp(1, 255);
            let keys: UInt8Array = keys.iter().take(rows).map(|k| k.map(|k| k % n as u8)).collect();
            let values: StringArray = (0..n).map(|i| Some(dict.get(i).map_or("present", String::as_str))).collect();
            Arc::new(DictionaryArray::<UInt8Type>::try_new(keys, Arc::new(values)).expect("keys are in range"))
        }
    }
}

fn len(values: &Values) -> usize {
    match values {
        Values::Int(v) => v.len(),
        Values::Float(v) => v.len(),
        Values::Text(v) => v.len(),
        Values::Bool(v) => v.len(),
        Values::Dict(k, _) => k.len(),
    }
}

enum Cell<'a> {
    Null,
    Int(i64),
    Float(f64),
    Text(&'a str),
    Bool(bool),
}

fn cell(a: &dyn Array, row: usize) -> Cell<'_> {
    if a.is_null(row) {
        return Cell::Null;
    }
    match a.data_type() {
        DataType::Int64 => Cell::Int(a.as_primitive::<Int64Type>().value(row)),
        DataType::Float64 => Cell::Float(a.as_primitive::<Float64Type>().value(row)),
        DataType::Utf8 => Cell::Text(a.as_string::<i32>().value(row)),
        DataType::Boolean => Cell::Bool(a.as_boolean().value(row)),
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            let key = d.normalized_keys()[row];
            Cell::Text(d.values().as_string::<i32>().value(key))
        }
        other => panic!("unexpected type {other}"),
    }
}

/// The core setter for one cell, as the frame path applies it: a top-level field through the
/// core's field table (`PresentationField::set`), anything else as a finding.
fn apply(p: &mut Presentation, name: &str, c: Cell<'_>) -> Result<(), stenosis_core::InputError> {
    if let Some(f) = presentation_fields().iter().find(|f| f.id == name) {
        let v = match c {
            Cell::Int(v) => FieldValue::Int(v),
            Cell::Float(v) => FieldValue::Real(v),
            Cell::Text(s) => FieldValue::Text(s),
            // Null is not given; a boolean for a field is refused by the frame's schema check.
            Cell::Null | Cell::Bool(_) => return Ok(()),
        };
        return f.set(p, v);
    }
    match c {
        Cell::Bool(b) => p.set_finding_by_id(name, if b { "present" } else { "absent" }),
        Cell::Text(s) => p.set_finding_by_id(name, s),
        // Null, or a number for a finding (a type the frame's schema check refuses).
        _ => Ok(()),
    }
}

fuzz_target!(|columns: Vec<Column>| {
    let columns: Vec<&Column> = columns.iter().take(8).collect();
    if columns.is_empty() {
        return;
    }
    let rows = columns.iter().map(|c| len(&c.values)).min().unwrap_or(0).min(64);
    let mut names: Vec<String> = Vec::new();
    let mut fields = Vec::new();
    let mut arrays = Vec::new();
    for c in &columns {
        let mut name = column_name(c.name);
        while names.contains(&name) {
            name.push('_');
        }
        let a = array(&c.values, rows);
        fields.push(Field::new(&name, a.data_type().clone(), true));
        arrays.push(a);
        names.push(name);
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).expect("equal lengths");

    // Through the C stream interface and back, as the binding receives a frame.
    let mut stream =
        FFI_ArrowArrayStream::new(Box::new(RecordBatchIterator::new(vec![Ok(batch.clone())], schema.clone())));
    // SAFETY: `stream` is a valid, exclusively owned FFI stream; the reader takes it over.
    let reader = unsafe { RecordBatchStreamReader::from_raw(&mut stream) }.expect("stream imports");
    let imported: Vec<RecordBatch> = reader.map(|b| b.expect("batch imports")).collect();
    assert_eq!(imported.len(), 1);
    let got = &imported[0];
    assert_eq!(got.schema(), schema);
    assert_eq!(got, &batch, "the C stream round trip changed the data");

    for row in 0..got.num_rows() {
        let mut p = Presentation::new();
        let mut refused = None;
        for (name, a) in names.iter().zip(got.columns()) {
            if let Err(e) = apply(&mut p, name, cell(a.as_ref(), row)) {
                refused = Some((name, e));
                break;
            }
        }
        match refused {
            Some((name, e)) => {
                let field = e.field().unwrap_or_default();
                assert!(
                    field == name.as_str() || field.ends_with(name.as_str()) || field.starts_with("findings"),
                    "refusal of column {name} names {field:?}"
                );
            }
            None => {
                let _ = summarize(&p);
            }
        }
    }
});
