"""The cohort path: pandas / polars DataFrames in and out, through Arrow.

The frame's columns cross into Rust as one Arrow C stream (the Arrow PyCapsule interface), never
as per-row Python objects; the results come back the same way. pyarrow is needed for pandas
frames (and to build pandas results); polars frames go straight through.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from . import _stenosis

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["assess_frame", "RESULT_COLUMNS"]

#: The result columns of :func:`assess_frame`, in order.
RESULT_COLUMNS: tuple[str, ...] = tuple(_stenosis.frame_columns())

F = TypeVar("F", "pd.DataFrame", "pl.DataFrame")


def _module_of(obj: object) -> str:
    return type(obj).__module__.split(".")[0]


def _pandas_result(stream: _stenosis.ArrowStream, index: Any) -> Any:
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    table = pa.table(stream)

    def mapper(t: pa.DataType) -> Any:
        # Nullable integers stay integers; id lists stay Arrow-backed (no per-row numpy arrays).
        if pa.types.is_uint8(t):
            return pd.UInt8Dtype()
        if pa.types.is_list(t):
            return pd.ArrowDtype(t)
        return None

    df = table.to_pandas(types_mapper=mapper)
    df.index = index
    return df


def _null_column_type(pl: Any, name: str) -> Any:
    if name in ("age_years", "mjoa"):
        return pl.Int64
    if name in ("symptom_duration_months", "ankle_brachial_index"):
        return pl.Float64
    if name in ("sex", "course"):
        return pl.String
    return pl.Boolean


def assess_frame(df: F, *, threads: int | None = None, ignore_columns: Iterable[str] = ()) -> F:
    """Assesses every row of a pandas or polars DataFrame; returns a DataFrame of the same kind,
    length and order (and, for pandas, index) with one row of results per input row.

    Input columns are Presentation fields (``age_years``, ``sex``, ``course``,
    ``symptom_duration_months``, ``mjoa``, ``ankle_brachial_index``) and finding ids (booleans
    with nulls for "not assessed", or the status strings ``"present"``/``"absent"``/``"unknown"``).
    Any other column raises :class:`InvalidPresentation` naming it before any work is done; list
    columns to skip (patient ids, …) in ``ignore_columns``.

    Result columns: ``top_condition``, ``myelopathy_likelihood``, ``cook_positive``,
    ``cook_assessed``, ``pathway``, ``cervical_mri_urgency`` (null when no cervical MRI is
    recommended), ``red_flags`` and ``warnings`` (lists of ids), and ``error``: null for a good
    row, else the message naming the field (the other columns are then null). A bad row never
    loses the batch.

    The rows are assessed in Rust with the GIL released, on ``threads`` threads (default: every
    core).
    """
    ignore = list(ignore_columns)
    frame: Any = df
    kind = _module_of(frame)
    if kind == "polars":
        import polars as pl

        source: Any = frame.drop(ignore) if ignore else frame
        # polars exports an all-null (Null-typed) column with a buffer that the Arrow C data
        # interface does not allow; give such columns the type their field expects.
        nulls = [c for c, t in source.schema.items() if t == pl.Null]
        if nulls:
            source = source.with_columns([pl.col(c).cast(_null_column_type(pl, c)) for c in nulls])
        stream = _stenosis.assess_arrow(source, threads)
        result: Any = pl.DataFrame(stream)
        return result  # type: ignore[no-any-return]
    if kind == "pandas":
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        kept: Any = frame.drop(columns=ignore) if ignore else frame
        table = pa.Table.from_pandas(kept, preserve_index=False)
        stream = _stenosis.assess_arrow(table, threads)
        out: Any = _pandas_result(stream, frame.index)
        return out  # type: ignore[no-any-return]
    raise TypeError(
        f"assess_frame() takes a pandas or polars DataFrame, not {type(df).__name__}; "
        "for other Arrow producers use stenosis.assess_arrow()"
    )


def assess_arrow(data: Any, *, threads: int | None = None) -> Any:
    """Assesses every row of any Arrow stream producer (a pyarrow Table or RecordBatchReader, or
    any object with ``__arrow_c_stream__``) and returns a ``pyarrow.Table`` of results (the same
    columns as :func:`assess_frame`)."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    return pa.table(_stenosis.assess_arrow(data, threads))
