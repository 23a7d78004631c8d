//! Python value → Presentation.
//!
//! The common case, a plain `dict` whose keys are `str` and whose values are `str`, `int`,
//! `float`, `None` or (in `findings`) `bool`, is read straight into a Presentation ([`read_plain`]):
//! one pass over the dict, keys found in lookup tables built once from the core's field table and
//! finding vocabulary, each value set through the core's own setters. It allocates nothing and
//! builds no error text: at the first thing it does not accept (a wrong value, an unknown key,
//! another type, a dict subclass) it gives up, and the dict takes the general path below, which
//! gives the refusal.
//!
//! The general path writes the dict out as JSON text and parses it with the core's own
//! `Presentation::from_json`, so every refusal (unknown field, unknown finding with its
//! suggestion, wrong type, out of range) has exactly the core's field and message. Only what JSON
//! cannot carry is refused here: NaN and infinities, non-string keys, Python objects of other
//! types, and absurd nesting. Both paths give the same Presentation for every dict the first
//! accepts (`tests/test_dict_paths.py` checks it against a dict subclass, which takes the second).
//!
//! Values are read from the objects' stored data (`int`, `float`, `str`, `dict` subclasses
//! included), never through their own `__str__`/`__repr__`, which a subclass may override to
//! inject JSON text.
//!
//! Two conveniences for Python users, both inside `findings` only: `True`/`False` mean
//! `"present"`/`"absent"` and `None` means `"unknown"` (not assessed), as in the frame path.

use std::sync::Mutex;

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use stenosis_core::{self as core, FieldKind, FieldValue, Finding, FindingSet, Presentation, Status};

use crate::BindError;

/// Deep enough for any Presentation (two levels); stops self-referencing and hostile input.
const MAX_DEPTH: usize = 8;

/// Why a Python value could not become a Presentation.
#[derive(Debug)]
pub enum ConvertError {
    /// The input is refused (becomes `InvalidPresentation`).
    Invalid(BindError),
    /// A Python exception that is not an `Exception` (`KeyboardInterrupt`, `SystemExit`,
    /// `MemoryError`…) or another failure that must propagate as it is.
    Fatal(PyErr),
}

impl From<BindError> for ConvertError {
    fn from(e: BindError) -> Self {
        ConvertError::Invalid(e)
    }
}

impl ConvertError {
    /// The Python exception to raise.
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            ConvertError::Invalid(e) => e.to_pyerr(py),
            ConvertError::Fatal(e) => e,
        }
    }
}

/// A Python exception met while reading the input: an ordinary `Exception` becomes the
/// refusal `invalid()` (its text is not kept: it may quote the input); anything else
/// (`KeyboardInterrupt`, `MemoryError`, …) propagates unchanged.
fn refuse_or_propagate(py: Python<'_>, e: PyErr, invalid: impl FnOnce() -> BindError) -> ConvertError {
    if e.is_instance_of::<PyException>(py) && !e.is_instance_of::<pyo3::exceptions::PyMemoryError>(py) {
        ConvertError::Invalid(invalid())
    } else {
        ConvertError::Fatal(e)
    }
}

/// Converts a dict (or any mapping) in the JSON shape of the specification into a Presentation.
pub fn presentation_from_py(obj: &Bound<'_, PyAny>) -> Result<Presentation, ConvertError> {
    let py = obj.py();
    if let Ok(d) = obj.cast_exact::<PyDict>() {
        if let Some(p) = read_plain(d) {
            return Ok(p);
        }
    }
    if !obj.is_instance_of::<PyDict>() {
        // Any other mapping: copy it into a dict first.
        let has = |name: &str| obj.hasattr(name).map_err(|e| refuse_or_propagate(py, e, || mapping_error(obj)));
        let is_mapping = has("keys")? && has("__getitem__")?;
        if !is_mapping {
            let ty = type_name(obj);
            return Err(BindError::new(
                None,
                "not_an_object",
                &format!("a Presentation must be a dict (or a stenosis.Presentation), not {ty}"),
            )
            .into());
        }
        let d = PyDict::new(py);
        let copy = || -> PyResult<()> {
            for k in obj.call_method0("keys")?.try_iter()? {
                let k = k?;
                d.set_item(&k, obj.get_item(&k)?)?;
            }
            Ok(())
        };
        copy().map_err(|e| refuse_or_propagate(py, e, || mapping_error(obj)))?;
        return presentation_from_py(d.as_any());
    }
    let mut text = Vec::with_capacity(512);
    write_value(obj, Path::Root, 0, false, &mut text)?;
    Presentation::from_json_bytes(&text).map_err(|e| BindError::from_core(&e, false).into())
}

/// The lookup tables of [`read_plain`], built once from the core's tables. The keys are interned
/// strings, so a key written as a literal in Python source is found by identity.
struct Tables {
    /// Field id to its position in `presentation_fields()`.
    fields: Py<PyDict>,
    /// The field ids, interned, in the table's order.
    field_ids: Vec<Py<PyString>>,
    /// Finding id to its code (`Finding::code`).
    findings: Py<PyDict>,
    /// The interned status ids `"present"` and `"absent"`.
    present: Py<PyString>,
    absent: Py<PyString>,
}

fn tables(py: Python<'_>) -> Option<&'static Tables> {
    static TABLES: PyOnceLock<Tables> = PyOnceLock::new();
    TABLES
        .get_or_try_init(py, || -> PyResult<Tables> {
            let fields = PyDict::new(py);
            let mut field_ids = Vec::new();
            for (i, f) in core::presentation_fields().iter().enumerate() {
                let id = PyString::intern(py, f.id);
                fields.set_item(&id, i)?;
                field_ids.push(id.unbind());
            }
            let findings = PyDict::new(py);
            for f in Finding::ALL {
                findings.set_item(PyString::intern(py, f.id()), f.code())?;
            }
            Ok(Tables {
                fields: fields.unbind(),
                field_ids,
                findings: findings.unbind(),
                present: PyString::intern(py, Status::Present.id()).unbind(),
                absent: PyString::intern(py, Status::Absent.id()).unbind(),
            })
        })
        .ok()
}

/// The field ids as interned Python strings, in the core's table order (for building a dict that
/// [`read_plain`] reads by identity).
pub(crate) fn field_ids(py: Python<'_>) -> Option<&'static [Py<PyString>]> {
    tables(py).map(|t| t.field_ids.as_slice())
}

/// The common case read straight from a plain dict (see the module documentation), or `None`
/// when the dict holds anything else, or anything the core refuses: the caller then takes the
/// general path, which accepts the same dicts and gives the refusals. No Python code runs here
/// (exact `str`, `int`, `float` and `dict` only), so the dict cannot change while it is read.
fn read_plain(d: &Bound<'_, PyDict>) -> Option<Presentation> {
    let py = d.py();
    let t = tables(py)?;
    // Not available only if this thread is already inside (it cannot be: no Python code runs
    // here) or if a panic poisoned it: then every key is looked up in the tables.
    let mut guard = KEYS.try_lock().ok();
    let mut keys = guard.as_deref_mut();
    let fields = core::presentation_fields();
    let mut p = Presentation::new();
    let mut seen = 0u64;
    for (k, v) in d.iter() {
        let Key::Field(i) = key(t, keys.as_deref_mut(), &k, false)? else {
            return None;
        };
        let i = usize::from(i);
        let field = fields.get(i)?;
        let bit = 1u64.checked_shl(u32::try_from(i).ok()?)?;
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        if let FieldKind::Findings = field.kind {
            p.set_findings(read_plain_findings(t, keys.as_deref_mut(), v.cast_exact::<PyDict>().ok()?)?);
            continue;
        }
        // `null`: the field is not given.
        if v.is_none() {
            continue;
        }
        let value = if v.is_exact_instance_of::<PyInt>() {
            FieldValue::Int(v.extract::<i64>().ok()?)
        } else if let Ok(f) = v.cast_exact::<PyFloat>() {
            FieldValue::Real(f.value())
        } else if let Ok(s) = v.cast_exact::<PyString>() {
            FieldValue::Text(s.to_str().ok()?)
        } else {
            return None;
        };
        field.set(&mut p, value).ok()?;
    }
    Some(p)
}

/// The `findings` dict of [`read_plain`]: finding id to `"present"`, `"absent"`, `"unknown"`,
/// `True`, `False` or `None`.
fn read_plain_findings(t: &Tables, mut keys: Option<&mut KeyCache>, d: &Bound<'_, PyDict>) -> Option<FindingSet> {
    let py = d.py();
    let (present, absent) = (t.present.bind(py), t.absent.bind(py));
    let mut set = FindingSet::default();
    let mut seen = 0u128;
    for (k, v) in d.iter() {
        let Key::Finding(f) = key(t, keys.as_deref_mut(), &k, true)? else {
            return None;
        };
        let bit = 1u128.checked_shl(f.code())?;
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        let status = if v.is(present) {
            Status::Present
        } else if v.is(absent) {
            Status::Absent
        } else if v.is_none() {
            Status::Unknown
        } else if let Ok(b) = v.cast_exact::<PyBool>() {
            if b.is_true() {
                Status::Present
            } else {
                Status::Absent
            }
        } else if let Ok(s) = v.cast_exact::<PyString>() {
            Status::from_id(s.to_str().ok()?)?
        } else {
            return None;
        };
        set.set(f, status);
    }
    Some(set)
}

/// What a key of the dict names: a field of the core's table (its position), or a finding.
#[derive(Clone, Copy)]
enum Key {
    Field(u8),
    Finding(Finding),
}

/// The keys last met, by identity. A dict is usually built again and again from the same key
/// objects (literals, which Python interns, or a data frame's column names): such a key is found
/// with one comparison of addresses instead of a hash-table look-up. Each slot keeps its key
/// object alive, so no other object can have that address while it is there; 2 ways of 128 sets,
/// at most 256 small strings kept.
struct KeyCache {
    slots: [Option<(Py<PyString>, Key)>; 2 * KEY_SETS],
}

const KEY_SETS: usize = 128;

static KEYS: Mutex<KeyCache> = Mutex::new(KeyCache { slots: [const { None }; 2 * KEY_SETS] });

/// The field (in the top-level dict, `in_findings` false) or finding (in `findings`) that key
/// `k` names; `None` for a key of another type or one that names nothing there.
fn key(t: &Tables, cache: Option<&mut KeyCache>, k: &Bound<'_, PyAny>, in_findings: bool) -> Option<Key> {
    if !k.is_exact_instance_of::<PyString>() {
        return None;
    }
    let address = k.as_ptr() as usize;
    let set = ((address >> 4) ^ (address >> 12)) % KEY_SETS * 2;
    let Some(cache) = cache else {
        return look_up(t, k, in_findings);
    };
    for way in [set, set + 1] {
        if let Some(Some((cached, found))) = cache.slots.get(way) {
            if cached.as_ptr() as usize == address && matches!(found, Key::Finding(_)) == in_findings {
                return Some(*found);
            }
        }
    }
    let found = look_up(t, k, in_findings)?;
    // The newest in the first way, the one it displaces in the second.
    if let [first, second] = cache.slots.get_mut(set..set + 2)? {
        *second = first.take();
        *first = Some((k.clone().cast_into::<PyString>().ok()?.unbind(), found));
    }
    Some(found)
}

/// [`key`] from the tables, for a `str` key.
fn look_up(t: &Tables, k: &Bound<'_, PyAny>, in_findings: bool) -> Option<Key> {
    let py = k.py();
    if in_findings {
        let code: u32 = t.findings.bind(py).get_item(k).ok()??.extract().ok()?;
        Finding::from_code(code).map(Key::Finding)
    } else {
        t.fields.bind(py).get_item(k).ok()??.extract().ok().map(Key::Field)
    }
}

fn mapping_error(obj: &Bound<'_, PyAny>) -> BindError {
    BindError::new(None, "not_an_object", &format!("could not read {} as a mapping", type_name(obj)))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned());
    // A type name is not patient data, but keep it short and plain all the same.
    if name.len() <= 64 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
        let article = if name.starts_with(|c: char| "aeiouAEIOU".contains(c)) { "an" } else { "a" };
        format!("{article} {name}")
    } else {
        "an object of another type".to_owned()
    }
}

fn child_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let key = if plain { key } else { "…" };
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn field_of(path: &str) -> Option<&str> {
    (!path.is_empty()).then_some(path)
}

/// Where a value sits, spelt out (with [`child_path`]) only when an error names it, so that a
/// valid dict costs no allocation per key.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Child(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Child(parent, key) => child_path(&parent.render(), key),
        }
    }

    /// The top-level `findings` object.
    fn is_findings(&self) -> bool {
        matches!(self, Path::Child(Path::Root, "findings"))
    }
}

/// `s` as a JSON string (escaped by serde_json) appended to `out`.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    if serde_json::to_writer(&mut *out, s).is_err() {
        out.extend_from_slice(b"null");
    }
}

fn write_value(
    obj: &Bound<'_, PyAny>,
    at: Path<'_>,
    depth: usize,
    in_findings: bool,
    out: &mut Vec<u8>,
) -> Result<(), ConvertError> {
    let py = obj.py();
    if depth > MAX_DEPTH {
        return Err(BindError::new(field_of(&at.render()), "wrong_type", "nested too deeply").into());
    }
    if obj.is_none() {
        out.extend_from_slice(if in_findings { b"\"unknown\"" } else { b"null" });
        return Ok(());
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        let v = b.is_true();
        out.extend_from_slice(match (in_findings, v) {
            (true, true) => b"\"present\"",
            (true, false) => b"\"absent\"",
            (false, true) => b"true",
            (false, false) => b"false",
        });
        return Ok(());
    }
    if obj.is_instance_of::<PyInt>() {
        // The stored value (of any int subclass, IntEnum included), never the object's own
        // `__str__`. Arbitrary precision: `int.__repr__` gives the decimal digits of a value
        // beyond i64 (valid JSON; the core refuses what is out of range).
        if let Ok(v) = obj.extract::<i64>() {
            let _ = std::io::Write::write_fmt(out, format_args!("{v}"));
            return Ok(());
        }
        let path = at.render();
        let path = path.as_str();
        let digits = py
            .get_type::<PyInt>()
            .call_method1("__repr__", (obj,))
            .and_then(|r| r.extract::<String>())
            .map_err(|e| refuse_or_propagate(py, e, || out_of_range(path)))?;
        let body = digits.strip_prefix('-').unwrap_or(&digits);
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
            return Err(out_of_range(path).into());
        }
        out.extend_from_slice(digits.as_bytes());
        return Ok(());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if !v.is_finite() {
            return Err(BindError::new(
                field_of(&at.render()),
                "not_a_number",
                "must be a finite number, not NaN or infinity",
            )
            .into());
        }
        if serde_json::to_writer(&mut *out, &v).is_err() {
            out.extend_from_slice(b"null");
        }
        return Ok(());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str().map_err(|e| {
            refuse_or_propagate(py, e, || {
                BindError::new(field_of(&at.render()), "wrong_type", "a string that is not valid Unicode")
            })
        })?;
        push_json_str(out, s);
        return Ok(());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        out.push(b'{');
        for (i, (k, v)) in d.iter().enumerate() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(BindError::new(
                    field_of(&at.render()),
                    "wrong_type",
                    &format!("keys must be strings, not {}", type_name(&k)),
                )
                .into());
            };
            let key = key.to_str().map_err(|e| {
                refuse_or_propagate(py, e, || {
                    BindError::new(field_of(&at.render()), "wrong_type", "a key that is not valid Unicode")
                })
            })?;
            if i > 0 {
                out.push(b',');
            }
            push_json_str(out, key);
            out.push(b':');
            write_value(&v, Path::Child(&at, key), depth + 1, depth == 1 && at.is_findings(), out)?;
        }
        out.push(b'}');
        return Ok(());
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        out.push(b'[');
        let unreadable = || BindError::new(field_of(&at.render()), "wrong_type", "unreadable sequence");
        let items = obj.try_iter().map_err(|e| refuse_or_propagate(py, e, unreadable))?;
        for (i, item) in items.enumerate() {
            let item = item.map_err(|e| refuse_or_propagate(py, e, unreadable))?;
            if i > 0 {
                out.push(b',');
            }
            write_value(&item, at, depth + 1, false, out)?;
        }
        out.push(b']');
        return Ok(());
    }
    // numpy scalars (np.int64, np.bool_, np.str_…) as they come out of DataFrame rows; not arrays.
    if is_numpy_scalar(obj) {
        match obj.call_method0("item") {
            Ok(v) if !v.is(obj) => return write_value(&v, at, depth + 1, in_findings, out),
            Ok(_) => {}
            Err(e) => {
                if let ConvertError::Fatal(e) = refuse_or_propagate(py, e, || out_of_range(&at.render())) {
                    return Err(ConvertError::Fatal(e));
                }
            }
        }
    }
    Err(BindError::new(
        field_of(&at.render()),
        "wrong_type",
        &format!("{} is not accepted (expected a number, a string, a bool, None or a dict)", type_name(obj)),
    )
    .into())
}

fn out_of_range(path: &str) -> BindError {
    BindError::new(field_of(path), "out_of_range", "the number is far out of range")
}

/// A numpy scalar (an instance of `numpy.generic`), not an array (`np.array([[64]])` is refused).
fn is_numpy_scalar(obj: &Bound<'_, PyAny>) -> bool {
    let from_numpy = obj
        .get_type()
        .module()
        .map(|m| m.to_str().map(|s| s == "numpy" || s.starts_with("numpy.")).unwrap_or(false))
        .unwrap_or(false);
    // numpy is already imported when one of its objects exists.
    from_numpy
        && obj
            .py()
            .import("numpy")
            .and_then(|np| np.getattr("generic"))
            .and_then(|generic| obj.is_instance(&generic))
            .unwrap_or(false)
}
