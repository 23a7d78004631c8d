"""Cohorts on Spark: ``stenosis.spark.assess(df)`` for a ``pyspark.sql.DataFrame``.

Each Spark task hands its Arrow record batches to the engine through ``DataFrame.mapInArrow``;
the engine runs on one thread per task (Spark already runs one task per core), and the results
come back as Arrow batches with the same rows in the same order. The result schema is the same as
:func:`stenosis.assess_frame`'s, with plain strings for the ids (Spark reads no dictionary
columns) and signed 8-bit counts (Spark has no unsigned integers).

The same function works for Dask: ``ddf.map_partitions(stenosis.assess_frame, keep=[...])``
assesses each pandas partition (see the README).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from . import _stenosis

__all__ = ["assess", "result_schema"]

_SUMMARY_DDL = (
    "top_condition string, myelopathy_likelihood string, cook_positive tinyint, cook_assessed tinyint, "
    "pathway string, cervical_mri_urgency string"
)
_STANDARD_DDL = ", severity_class string, recommendations array<struct<action: string, urgency: string>>"
_TAIL_DDL = ", red_flags array<string>, warnings array<string>, error string"


def result_schema(df: Any, keep: Iterable[str] = (), detail: str = "summary") -> Any:
    """The Spark schema of :func:`assess`'s result: the ``keep`` columns of ``df``, the record
    ``id`` when ``df`` has an ``id`` column that is not kept, then the result columns of the
    ``detail`` level."""
    from pyspark.sql.types import StructType

    names = list(keep)
    # The engine checks the detail level and the keep names; this only lays out the schema.
    columns = _stenosis.frame_columns(detail)
    ddl = _SUMMARY_DDL + (_STANDARD_DDL if "recommendations" in columns else "") + _TAIL_DDL
    results = StructType.fromDDL(ddl)
    if not isinstance(results, StructType):  # fromDDL is typed as returning any DataType
        raise TypeError("the result schema is not a struct")
    fields = [df.schema[name] for name in names]
    if "id" in df.columns and "id" not in names:
        # The engine reads the record id and shows it after the kept columns (as assess_frame).
        fields.append(df.schema["id"])
    return StructType(fields + list(results.fields))


def assess(df: Any, *, keep: Iterable[str] = (), detail: str = "summary") -> Any:
    """Assesses every row of a ``pyspark.sql.DataFrame`` (columns as for
    :func:`stenosis.assess_frame`: Presentation fields and finding ids); returns a DataFrame with
    the ``keep`` columns (a kept column that is a field or a finding is assessed as well), the
    record ``id`` if ``df`` has one and it is not kept, then the result columns of ``detail``
    (``"summary"`` or ``"standard"``). A bad row gets its message in ``error``; an unknown or mistyped column
    fails the job before any row is assessed (and is checked here first, on the driver)."""
    if isinstance(keep, (str, bytes)):
        raise TypeError('keep takes a list of column names, not a single string (write keep=["patient_id"])')
    names = list(keep)
    _check_on_driver(df, names, detail)
    schema = result_schema(df, names, detail)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        for batch in batches:
            stream = _stenosis.assess_arrow(pa.Table.from_batches([batch]), 1, names, detail, False)
            yield from pa.RecordBatchReader.from_stream(stream)

    return df.mapInArrow(run, schema)


def _check_on_driver(df: Any, keep: list[str], detail: str) -> None:
    """Runs the engine's schema check on an empty batch of ``df``'s Arrow schema, so that a bad
    column is reported here, naming it, rather than as a failed Spark task."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    from pyspark.sql.pandas.types import to_arrow_schema

    empty = pa.schema(to_arrow_schema(df.schema)).empty_table()
    pa.table(_stenosis.assess_arrow(empty, 1, keep, detail, False))
