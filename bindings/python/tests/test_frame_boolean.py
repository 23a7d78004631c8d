"""pandas ``boolean`` finding columns: packed into Arrow bitmaps by numpy (the fast path of
assess_frame), they must read exactly as pyarrow's own conversion and as the same cells given as
Python objects, including on slices and views of a frame."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import stenosis
from stenosis import _frame

FINDINGS = [row[0] for row in stenosis._stenosis.finding_table()][:12]


def cohort(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cols: dict[str, Any] = {"age_years": pd.array(rng.integers(20, 90, n), dtype="Int64")}
    for i, f in enumerate(FINDINGS):
        u = rng.random(n)
        # Every mix: never known, always known, some of each (and one column all null).
        known = u < (0.0 if i == 0 else 1.0 if i == 1 else 0.6)
        cols[f] = pd.arrays.BooleanArray(u < 0.3, ~known)
    return pd.DataFrame(cols)


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 64, 65, 1000])
def test_boolean_bits_are_pyarrows_conversion(n: int) -> None:
    df = cohort(n, n)
    for view in (df, df.iloc[::2], df.iloc[3:], df.iloc[::-1]):
        for f in FINDINGS:
            s = view[f]
            got = _frame._boolean_bits(pa, s)
            assert got is not None
            got.validate(full=True)
            want = pa.array(s, from_pandas=True)
            assert got.type == want.type and got.null_count == want.null_count and got.equals(want)


def test_boolean_bits_only_for_boolean_columns() -> None:
    assert _frame._boolean_bits(pa, pd.Series([True, False])) is None  # numpy bool
    assert _frame._boolean_bits(pa, pd.Series([True, None], dtype=object)) is None
    assert _frame._boolean_bits(pa, pd.Series([1, None], dtype="Int64")) is None


def test_boolean_columns_assess_as_the_same_cells_as_objects() -> None:
    df = cohort(3000, 11)
    for view in (df, df.iloc[::3], df.iloc[::-1]):
        objects = view.astype({f: object for f in FINDINGS})
        objects = objects.apply(lambda c: c.map(lambda v: None if v is pd.NA else v) if c.name in FINDINGS else c)
        got = stenosis.assess_frame(view)
        want = stenosis.assess_frame(objects)
        pd.testing.assert_frame_equal(got, want)
        assert got["pathway"].notna().all()


@pytest.mark.parametrize("threads", [1, 2])
def test_arrow_slices_at_any_offset_read_as_the_rows_they_hold(threads: int) -> None:
    # Several blocks of rows per thread (the engine decodes a chunk block by block, slicing the
    # bitmaps of each column at the block's row): a slice of a table at an odd offset, and a
    # batch of a table cut into batches, answer row for row as the same rows assessed alone.
    df = cohort(12_345, 17)
    df["sex"] = np.where(np.arange(len(df)) % 3 == 0, "female", np.where(np.arange(len(df)) % 3 == 1, "male", None))
    table = pa.Table.from_pandas(df, preserve_index=False)
    whole = pa.table(stenosis.assess_arrow(table, threads=threads))
    for start, length in [(3, 9_001), (4_099, 5_000), (12_000, 345)]:
        part = pa.table(stenosis.assess_arrow(table.slice(start, length), threads=threads))
        assert part.to_pylist() == whole.slice(start, length).to_pylist()
    alone = [pa.table(stenosis.assess_arrow(table.slice(i, 1))).to_pylist()[0] for i in range(0, len(df), 997)]
    assert alone == [whole.slice(i, 1).to_pylist()[0] for i in range(0, len(df), 997)]
    batches = pa.Table.from_batches(table.to_batches(max_chunksize=2_500))
    assert pa.table(stenosis.assess_arrow(batches, threads=threads)).to_pylist() == whole.to_pylist()
