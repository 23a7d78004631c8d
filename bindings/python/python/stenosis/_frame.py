"""The cohort path: pandas / polars DataFrames in and out, through Arrow.

The frame's columns cross into Rust as one Arrow C stream (the Arrow PyCapsule interface), never
as per-row Python objects; the results come back the same way. pyarrow is needed for pandas
frames (and to build pandas results); polars frames go straight through.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from . import _stenosis
from ._errors import InvalidPresentation

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["assess_frame", "RESULT_COLUMNS", "STANDARD_COLUMNS"]

#: The result columns of :func:`assess_frame` (``detail="summary"``), in order.
RESULT_COLUMNS: tuple[str, ...] = tuple(_stenosis.frame_columns())
#: The result columns of :func:`assess_frame` with ``detail="standard"``, in order.
STANDARD_COLUMNS: tuple[str, ...] = tuple(_stenosis.frame_columns("standard"))

F = TypeVar("F", "pd.DataFrame", "pl.DataFrame")


def _module_of(obj: object) -> str:
    return type(obj).__module__.split(".")[0]


def _pyarrow() -> Any:
    """pyarrow, or a ModuleNotFoundError that says how to install it."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    except ModuleNotFoundError as e:
        if e.name != "pyarrow":
            raise
        raise ModuleNotFoundError(
            "stenosis needs pyarrow to assess a pandas DataFrame or an Arrow stream "
            "(polars does not need it): pip install pyarrow",
            name="pyarrow",
        ) from None
    return pa


def _arrow_types_mapper(pa: Any, pd: Any) -> Any:
    def mapper(t: Any) -> Any:
        # Nullable integers stay integers; id lists stay Arrow-backed (no per-row numpy arrays);
        # dictionary-encoded ids become pandas categories (pyarrow's default).
        if pa.types.is_int8(t):
            return pd.Int8Dtype()
        if pa.types.is_list(t):
            return pd.ArrowDtype(t)
        return None

    return mapper


def _valid_bytes(np: Any, arr: Any) -> Any:
    """The validity of one Arrow array (of at least one null) as numpy bytes, 1 for a value."""
    bits = np.frombuffer(arr.buffers()[0], dtype=np.uint8)
    return np.unpackbits(bits, count=arr.offset + len(arr), bitorder="little")[arr.offset :]


def _int8_values(np: Any, arr: Any) -> Any:
    """The 8-bit values of one Arrow int8 array (or a dictionary's indices), without a copy."""
    return np.frombuffer(arr.buffers()[1], dtype=np.int8, count=len(arr), offset=arr.offset)


def _pandas_codes(pa: Any, pd: Any, np: Any, column: Any) -> Any:
    """A result column of ids (dictionary-encoded, 8-bit indices) as a pandas Categorical built
    from its indices: the same values and dtype as pyarrow's ``to_pandas``, without its
    per-chunk remapping (docs/performance.md). None when the column has another shape."""
    chunks = column.chunks
    if not chunks or not pa.types.is_dictionary(column.type) or not pa.types.is_int8(column.type.index_type):
        return None
    dictionary = chunks[0].dictionary
    if not pa.types.is_string(dictionary.type) or dictionary.null_count:
        return None
    if any(not c.dictionary.equals(dictionary) for c in chunks[1:]):
        return None
    parts = []
    for c in chunks:
        codes = _int8_values(np, c.indices)
        if c.null_count:
            # -1 (pandas' missing code) where null, by arithmetic on bytes (np.where on a
            # boolean view is ten times slower); the codes are below 127.
            codes = (codes + np.int8(1)) * _valid_bytes(np, c).view(np.int8) - np.int8(1)
        parts.append(codes)
    codes = np.concatenate(parts)  # a copy: the result owns its codes
    dtype = pd.CategoricalDtype(pd.Index(dictionary.to_pylist()), ordered=False)
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _pandas_int8(pa: Any, pd: Any, np: Any, column: Any) -> Any:
    """A result column of 8-bit counts as a pandas ``Int8`` array built from its buffers."""
    if not column.chunks or not pa.types.is_int8(column.type):
        return None
    values = np.concatenate([_int8_values(np, c) for c in column.chunks])
    missing = np.concatenate(
        [_valid_bytes(np, c) == 0 if c.null_count else np.zeros(len(c), dtype=np.bool_) for c in column.chunks]
    )
    return pd.arrays.IntegerArray(values, missing)


def _pandas_result(stream: _stenosis.ArrowStream, index: Any) -> Any:
    """The engine's result table as a pandas DataFrame: ids as categories, counts as ``Int8``,
    id lists Arrow-backed, the message column as pyarrow converts it."""
    import numpy as np
    import pandas as pd

    pa = _pyarrow()

    table = pa.table(stream)
    arrays: dict[str, Any] = {}
    rest = []
    for name, column in zip(table.column_names, table.columns):
        arr = _pandas_codes(pa, pd, np, column)
        if arr is None:
            arr = _pandas_int8(pa, pd, np, column)
        if arr is None:
            rest.append(name)
        else:
            arrays[name] = arr
    if rest:
        other = table.select(rest).to_pandas(types_mapper=_arrow_types_mapper(pa, pd))
        for name in rest:
            arrays[name] = other[name].array
    df = pd.DataFrame({name: arrays[name] for name in table.column_names}, copy=False)
    df.index = index
    return df


# Field id to kind (whole, real, choice, findings), from the core's table of Presentation fields.
_FIELD_KINDS: dict[str, str] = _stenosis.PRESENTATION_FIELD_KINDS
_NUMERIC_FIELDS = frozenset(k for k, kind in _FIELD_KINDS.items() if kind in ("whole", "real"))
_TEXT_FIELDS = frozenset(k for k, kind in _FIELD_KINDS.items() if kind in ("choice", "record_id"))
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
_FINDING_IDS = frozenset(row[0] for row in _stenosis.finding_table())


def _null_column_type(pl: Any, name: str) -> Any:
    kind = _FIELD_KINDS.get(name)
    if kind == "whole":
        return pl.Int64
    if kind == "real":
        return pl.Float64
    if kind in ("choice", "record_id"):
        return pl.String
    return pl.Boolean


def _shown(name: object) -> str | None:
    """A column name fit for a message: a plain identifier, else None (it may be free text)."""
    return name if isinstance(name, str) and _PLAIN_NAME.fullmatch(name) else None


def _ignore_list(ignore_columns: Iterable[str], columns: Iterable[object], what: str = "ignore_columns") -> list[Any]:
    if isinstance(ignore_columns, (str, bytes)):
        raise TypeError(
            f"{what} takes a list of column names, not a single string "
            f"(write {what}=[\"id\"])"
        )
    ignore = list(ignore_columns)
    present = list(columns)
    for name in ignore:
        if name not in present:
            shown = _shown(name)
            which = f"{shown!r} is" if shown else "a name given there is"
            raise InvalidPresentation(
                f"{what}: {which} not a column of the frame",
                field=what,
                kind="unknown_field",
            )
    return ignore


def _keep_list(keep: Iterable[str], columns: Iterable[object], detail: str) -> list[Any]:
    """The pass-through columns, checked: columns of the frame, named once, each naming one
    column, no result column."""
    present = list(columns)
    names = _ignore_list(keep, present, "keep")
    results = set(_stenosis.frame_columns(detail))
    for i, name in enumerate(names):
        shown = _shown(name)
        if name in names[:i]:
            raise InvalidPresentation("keep: a column is named twice", field="keep", kind="duplicate_field")
        if present.count(name) > 1:
            raise InvalidPresentation(
                f"keep: {shown or 'a column'} names two columns of the frame",
                field="keep",
                kind="duplicate_field",
            )
        if name in results:
            raise InvalidPresentation(
                f"keep: {shown or 'a column'} is also a result column; rename it first",
                field="keep",
                kind="duplicate_field",
            )
    return names


def _not_kept_and_ignored(kept: list[Any], ignore: list[Any]) -> None:
    """Refuses a column named both in ``keep`` (carried, and assessed when it is an input) and in
    ``ignore_columns`` (not read): the two say opposite things."""
    for name in kept:
        if name in ignore:
            shown = _shown(name)
            raise InvalidPresentation(
                f"keep: {shown or 'a column'} is also in ignore_columns; name it in one of the two",
                field="keep",
                kind="duplicate_field",
            )


def _is_null(v: object) -> bool:
    import pandas as pd

    if v is None or v is pd.NA or v is pd.NaT:
        return True
    import numpy as np

    if isinstance(v, (float, np.floating)):
        # The stored value (math.isnan does not call a subclass's __ne__).
        return math.isnan(v)
    if isinstance(v, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(v))
    return False


def _cell_as_text(name: str, v: object) -> str | None:
    """One cell of an object column as the text the engine reads (or None for null). A value of
    a type the field cannot take becomes text that the engine refuses, so that it is an error of
    that row only (and the error never quotes the cell)."""
    import numpy as np

    if _is_null(v):
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, str):
        return str.__str__(v)
    if name in _NUMERIC_FIELDS:
        if isinstance(v, bool):
            return ""
        if isinstance(v, int):
            try:
                return int.__repr__(v)
            except ValueError:  # beyond Python's digit limit: far out of range all the same
                return "1e300" if int.__gt__(v, 0) else "-1e300"
        if isinstance(v, float):
            return float.__repr__(v)
        return ""
    if name not in _TEXT_FIELDS and isinstance(v, bool):
        return "present" if v else "absent"
    return ""


def _accepted(pa: Any, name: str, t: Any) -> bool:
    """Whether the engine takes an Arrow column of type ``t`` for the field ``name``."""
    if pa.types.is_dictionary(t):
        t = t.value_type
    text = pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
    if pa.types.is_null(t) or text:
        return True
    if name in _NUMERIC_FIELDS:
        return bool(pa.types.is_integer(t) or pa.types.is_floating(t))
    if name in _TEXT_FIELDS:
        return False
    return bool(pa.types.is_boolean(t))


def _pandas_column(pa: Any, name: str, series: Any) -> Any:
    """One pandas column as an Arrow array; an all-null column becomes a Null array (which every
    field accepts). An object column of mixed types (booleans with status strings, numbers with
    text…) becomes text, so that a bad cell is an error of its row only."""
    if not (name in _NUMERIC_FIELDS or name in _TEXT_FIELDS or _is_finding(name)):
        # The engine refuses the column by its name (with a suggestion); its values do not matter.
        return pa.nulls(len(series))
    bits = _boolean_bits(pa, series)
    if bits is not None:
        arr = bits
    else:
        arr = _pandas_array(pa, name, series)
    if arr.null_count == len(arr):
        return pa.nulls(len(arr))
    return arr


def _boolean_bits(pa: Any, series: Any) -> Any:
    """A pandas ``boolean`` column as an Arrow boolean array, its two byte arrays packed into
    bitmaps by numpy: the same array as ``pa.array(series)`` (values, then nulls where the mask
    is set), without pyarrow's element-wise conversion (the finding columns are most of a cohort;
    see docs/performance.md, pdfast). None for any other column."""
    import numpy as np
    import pandas as pd

    if not isinstance(series.dtype, pd.BooleanDtype):
        return None
    values = getattr(series.array, "_data", None)
    mask = getattr(series.array, "_mask", None)
    if not (isinstance(values, np.ndarray) and isinstance(mask, np.ndarray)):
        return None  # another pandas' layout: the general path
    if values.dtype != np.bool_ or mask.dtype != np.bool_ or values.shape != mask.shape:
        return None
    # The mask packed, then inverted (an eighth of the bytes to invert); the bits past the end
    # of the last byte are not read.
    validity = ~np.packbits(mask, bitorder="little")
    data = np.packbits(values, bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(values), [pa.py_buffer(validity), pa.py_buffer(data)])


def _pandas_array(pa: Any, name: str, series: Any) -> Any:
    """One pandas column as an Arrow array by pyarrow's own conversion, or, for an object column
    of mixed types, as text."""
    try:
        try:
            arr = pa.array(series, from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            if series.dtype != object:
                raise
            arr = None
        if series.dtype == object and (arr is None or not _accepted(pa, name, arr.type)):
            arr = pa.array([_cell_as_text(name, v) for v in series], type=pa.string())
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        # `from None`: pyarrow's message quotes the cell, which may be patient data.
        shown = _shown(name)
        raise InvalidPresentation(
            f"{shown or 'a column'}: could not be converted to Arrow (mixed value types in one column?)",
            field=shown,
            kind="wrong_type",
        ) from None
    return arr


def _is_finding(name: str) -> bool:
    return name in _FINDING_IDS


def _is_input(name: object) -> bool:
    """Whether the engine reads a column of this name (a field other than findings, a finding)."""
    return isinstance(name, str) and (name in _NUMERIC_FIELDS or name in _TEXT_FIELDS or _is_finding(name))


#: Frames of at least this many rows are converted to Arrow on several threads.
_PARALLEL_ROWS = 100_000


def _pandas_table(pa: Any, frame: Any, threads: int | None = None) -> Any:
    n = len(frame)
    names = list(frame.columns)
    dup = frame.columns.duplicated()
    if dup.any():
        name = names[int(dup.argmax())]
        shown = _shown(name)
        raise InvalidPresentation(
            f"{shown or 'a column'}: the column appears twice", field=shown, kind="duplicate_field"
        )
    if not names:
        # n rows with nothing known: one column of nulls keeps the row count.
        return pa.table({_stenosis.PRESENTATION_FIELDS[0]: pa.nulls(n)})
    columns = [(str(name), frame.iloc[:, i]) for i, name in enumerate(names)]
    # A bad `threads` is left to the engine to refuse (with its message): one thread here.
    workers = min(os.cpu_count() or 1, 4) if threads is None else threads
    if n >= _PARALLEL_ROWS and len(columns) > 1 and type(workers) is int and workers > 1:
        # numpy packs the boolean columns with the GIL released: a few threads share the columns.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(workers, 4)) as pool:
            arrays = list(pool.map(lambda c: _pandas_column(pa, c[0], c[1]), columns))
    else:
        arrays = [_pandas_column(pa, name, series) for name, series in columns]
    return pa.Table.from_arrays(arrays, names=[name for name, _ in columns])


def assess_frame(
    df: F,
    *,
    threads: int | None = None,
    ignore_columns: Iterable[str] = (),
    keep: Iterable[str] = (),
    detail: str = "summary",
) -> F:
    """Assesses every row of a pandas or polars DataFrame; returns a DataFrame of the same kind,
    length and order (and, for pandas, index) with one row of results per input row.

    Input columns are the fields of :class:`Presentation` other than ``findings`` (``id`` is the
    record id) and finding ids (booleans
    with nulls for "not assessed", or the status strings ``"present"``/``"absent"``/``"unknown"``,
    or both mixed in one object column). Numeric fields may be text columns of numbers (a cell
    that is not a number is an error of its row). A column with no values at all (e.g. an empty
    CSV column) is accepted for any field. Any other column raises :class:`InvalidPresentation`
    naming it before any work is done; list columns to skip in ``ignore_columns``, and columns
    to carry unchanged to the front of the result (patient ids, …) in ``keep`` (lists of names).
    A kept column that is also an input (a field or a finding) is assessed as well; a kept
    ``id`` column is the record id, shown once.

    Result columns (``detail="summary"``, the default): ``top_condition``,
    ``myelopathy_likelihood``, ``cook_positive``, ``cook_assessed`` (signed 8-bit integers),
    ``pathway``, ``cervical_mri_urgency`` (null when no cervical MRI is recommended),
    ``red_flags`` and ``warnings`` (lists of ids), and ``error``: null for a good row, else the
    message naming the field (the other columns are then null). A bad row never loses the batch.
    Ids are categorical (dictionary-encoded). ``detail="standard"`` adds ``severity_class`` and
    ``recommendations`` (a list of ``{action, urgency}``, most urgent first).

    The rows are assessed in Rust with the GIL released, on ``threads`` threads (default: every
    core).
    """
    frame: Any = df
    kind = _module_of(frame)
    if kind == "polars":
        import polars as pl

        if isinstance(frame, pl.LazyFrame):
            raise TypeError("assess_frame() takes a polars DataFrame, not a LazyFrame: call .collect() first")
        if not isinstance(frame, pl.DataFrame):
            raise TypeError(f"assess_frame() takes a polars DataFrame, not a {type(frame).__name__}")
        ignore = _ignore_list(ignore_columns, frame.columns)
        kept_names = _keep_list(keep, frame.columns, detail)
        _not_kept_and_ignored(kept_names, ignore)
        # The kept columns are carried from the frame itself, never through Arrow (a polars
        # Object or Int128 column cannot cross it); those that are inputs are read as well.
        carried = [c for c in kept_names if not _is_input(c)]
        dropped = ignore + carried
        source: Any = frame.drop(dropped) if dropped else frame
        # polars exports an all-null (Null-typed) column with a buffer that the Arrow C data
        # interface does not allow; give such columns, and every other column without a value
        # (e.g. an empty CSV column read as Float64), the type their field expects.
        nulls = [
            c for c, t in source.schema.items() if source.get_column(c).null_count() == source.height or t == pl.Null
        ]
        if nulls:
            source = source.with_columns([pl.lit(None, dtype=_null_column_type(pl, c)).alias(c) for c in nulls])
        # The id lists and messages as string views, polars' own layout: its import copies none.
        stream = _stenosis.assess_arrow(source, threads, [], detail, string_views=True)
        result: Any = pl.DataFrame(stream)
        if kept_names:
            # A kept `id` is the record id: the engine's copy of it is not repeated.
            results = result.drop("id") if "id" in kept_names and "id" in result.columns else result
            result = pl.concat([frame.select(kept_names), results], how="horizontal")
        return result  # type: ignore[no-any-return]
    if kind == "pandas":
        import pandas as pd

        pa = _pyarrow()

        if not isinstance(frame, pd.DataFrame):
            raise TypeError(
                f"assess_frame() takes a pandas DataFrame, not a {type(frame).__name__} "
                "(for a Series, use series.to_frame() or assess() per value)"
            )
        ignore = _ignore_list(ignore_columns, frame.columns)
        kept_names = _keep_list(keep, frame.columns, detail)
        _not_kept_and_ignored(kept_names, ignore)
        # A kept column is carried through; one that is also an input (a field or a finding) is
        # assessed as well, never left out of the assessment.
        skip = ignore + [c for c in kept_names if not _is_input(c)]
        assessed: Any = frame.drop(columns=skip) if skip else frame
        table = _pandas_table(pa, assessed, threads)
        stream = _stenosis.assess_arrow(table, threads, None, detail)
        out: Any = _pandas_result(stream, frame.index)
        if kept_names:
            # The kept columns stay pandas columns with their own dtypes (a kept `id` is the
            # record id: the engine's copy of it is not repeated).
            if "id" in kept_names and "id" in out.columns:
                out = out.drop(columns="id")
            out = pd.concat([frame[kept_names], out], axis=1)
        return out  # type: ignore[no-any-return]
    raise TypeError(
        f"assess_frame() takes a pandas or polars DataFrame, not {type(df).__name__}; "
        "for other Arrow producers use stenosis.assess_arrow()"
    )


def assess_arrow(
    data: Any, *, threads: int | None = None, keep: Iterable[str] = (), detail: str = "summary"
) -> Any:
    """Assesses every row of any Arrow stream producer (a pyarrow Table or RecordBatchReader, or
    any object with ``__arrow_c_stream__``) and returns a ``pyarrow.Table`` of results (the same
    columns as :func:`assess_frame`, after the ``keep`` columns)."""
    pa = _pyarrow()

    if isinstance(keep, (str, bytes)):
        raise TypeError('keep takes a list of column names, not a single string (write keep=["id"])')
    return pa.table(_stenosis.assess_arrow(data, threads, list(keep), detail))
