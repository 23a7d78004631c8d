"""The cohort path: assess_frame on pandas and polars, assess_arrow, bad rows and bad schemas."""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import stenosis
from stenosis import InvalidPresentation

ROWS: list[dict[str, Any]] = [
    {"age_years": 64, "course": "progressive", "babinski_sign": True, "hoffmann_sign": True,
     "bilateral_leg_symptoms": True, "gait_difficulty": True},
    {"age_years": 150, "babinski_sign": False},  # bad: age out of range
    {"age_years": 55, "saddle_anesthesia": True, "urinary_retention": True, "leg_weakness": True},
    {},  # nothing known
    {"sex": "f"},  # bad: unknown sex
    {"mjoa": 12.0, "sex": "male", "walking_leg_pain": False},
]
COLUMNS = ["age_years", "sex", "course", "mjoa", "babinski_sign", "hoffmann_sign", "bilateral_leg_symptoms",
           "gait_difficulty", "saddle_anesthesia", "urinary_retention", "leg_weakness", "walking_leg_pain"]


def as_presentation(row: dict[str, Any]) -> dict[str, Any]:
    fields = set(stenosis._stenosis.PRESENTATION_FIELDS) - {"findings"}
    p = {k: v for k, v in row.items() if k in fields and v is not None}
    p["findings"] = {k: ("present" if v else "absent") for k, v in row.items() if k not in fields and v is not None}
    return p


def expected(row: dict[str, Any]) -> dict[str, Any]:
    try:
        a = stenosis.assess(as_presentation(row))
    except InvalidPresentation as e:
        return {"error": str(e)}
    mri = a.cervical_mri_urgency
    return {
        "top_condition": a.top_condition.value if a.top_condition else None,
        "myelopathy_likelihood": a.myelopathy.likelihood.value,
        "cook_positive": a.myelopathy.cook_rule.positive,
        "cook_assessed": a.myelopathy.cook_rule.assessed,
        "pathway": a.pathway.value,
        "cervical_mri_urgency": mri.value if mri else None,
        "red_flags": [r.id.value for r in a.red_flags],
        "warnings": [w.id.value for w in a.warnings],
        "error": None,
    }


def polars_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame({c: [r.get(c) for r in rows] for c in COLUMNS}, strict=False)


def pandas_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame({c: [r.get(c) for r in rows] for c in COLUMNS})


def check(rows: list[dict[str, Any]], got: list[dict[str, Any]]) -> None:
    assert len(got) == len(rows)
    for i, row in enumerate(rows):
        want = expected(row)
        g = got[i]
        if want["error"] is not None:
            # Same field; the wording may differ slightly between the JSON parser and the setters.
            assert g["error"].split(":")[0] == want["error"].split(":")[0]
            assert g["pathway"] is None and g["top_condition"] is None
        else:
            assert {k: g[k] for k in want} == want


def random_cohort(n: int, seed: int, findings: list[str], bad: int, kind: str) -> dict[str, Any]:
    """Columns of a random cohort: ages (``bad`` of them out of range: row errors), sexes, and
    the findings as booleans with nulls (30% present, 40% absent, 30% not assessed), as
    ``kind`` ("pandas", "polars" or "arrow") arrays."""
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 95, n).astype("float64")
    age[rng.choice(n, bad, replace=False)] = 130.0
    cols: dict[str, Any] = {"age_years": age, "sex": rng.choice(["female", "male"], n)}
    for f in findings:
        v = rng.random(n)
        cells = [True if x < 0.3 else False if x < 0.7 else None for x in v]
        if kind == "pandas":
            cols[f] = pd.array(cells, dtype="boolean")
        elif kind == "polars":
            cols[f] = pl.Series(f, cells, dtype=pl.Boolean)
        else:
            cols[f] = pa.array(cells, type=pa.bool_())
    return cols


def pyarrow_pandas(table: pa.Table) -> pd.DataFrame:
    """pyarrow's own conversion of a result table, with the types assess_frame gives."""

    def mapper(t: Any) -> Any:
        if pa.types.is_int8(t):
            return pd.Int8Dtype()
        return pd.ArrowDtype(t) if pa.types.is_list(t) else None

    return table.to_pandas(types_mapper=mapper)


def test_polars_frame() -> None:
    out = stenosis.assess_frame(polars_frame(ROWS))
    assert isinstance(out, pl.DataFrame)
    assert tuple(out.columns) == stenosis.RESULT_COLUMNS
    assert out.schema["red_flags"] == pl.List(pl.String) and out.schema["cook_positive"] == pl.Int8
    check(ROWS, out.to_dicts())
    assert out["error"][1].startswith("age_years:") and out["error"][4].startswith("sex:")


def test_pandas_frame_keeps_the_index() -> None:
    df = pandas_frame(ROWS)
    df.index = pd.Index([f"p{i}" for i in range(len(ROWS))])
    out = stenosis.assess_frame(df)
    assert isinstance(out, pd.DataFrame)
    assert list(out.index) == list(df.index)
    assert tuple(out.columns) == stenosis.RESULT_COLUMNS
    records = []
    for rec in out.to_dict("records"):
        rec = {k: (None if (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))) else v)
               for k, v in rec.items() if k not in ("red_flags", "warnings")} | {
            "red_flags": rec["red_flags"], "warnings": rec["warnings"]}
        for k in ("red_flags", "warnings"):
            rec[k] = None if rec[k] is None or rec[k] is pd.NA else list(rec[k])
        records.append(rec)
    check(ROWS, records)


def test_status_strings_nulls_categoricals_and_views() -> None:
    df = pd.DataFrame({
        "age_years": pd.array([70, None, 40], dtype="Int64"),
        "sex": pd.Categorical(["male", None, "female"]),
        "babinski_sign": ["present", None, "absent"],
        "hoffmann_sign": pd.array([True, None, False], dtype="boolean"),
        "falls": [None, None, None],
        "mjoa": [np.nan, 14.0, np.nan],
    })
    out = stenosis.assess_frame(df)
    assert out["error"].isna().all()
    want = stenosis.assess({"age_years": 70, "sex": "male", "findings": {"babinski_sign": "present",
                                                                         "hoffmann_sign": "present"}})
    assert out["pathway"][0] == want.pathway.value
    assert out["cook_positive"][0] == want.myelopathy.cook_rule.positive
    pl_out = stenosis.assess_frame(pl.from_pandas(df))
    assert pl_out["pathway"].to_list() == out["pathway"].tolist()
    bad = stenosis.assess_frame(pl.DataFrame({"babinski_sign": ["yes"], "age_years": [float("nan")]}))
    assert bad["error"][0].startswith("age_years:") or bad["error"][0].startswith("findings.babinski_sign:")


def test_unknown_column_is_a_schema_error() -> None:
    with pytest.raises(InvalidPresentation, match='did you mean "babinski_sign"') as info:
        stenosis.assess_frame(pl.DataFrame({"babinsky_sign": [True]}))
    assert info.value.field == "babinsky_sign"
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(pd.DataFrame({"patient_id": [1], "age_years": [3]}))
    assert info.value.field == "patient_id"
    out = stenosis.assess_frame(pd.DataFrame({"patient_id": [1], "age_years": [3]}), ignore_columns=["patient_id"])
    assert out["error"].isna().all()
    out2 = stenosis.assess_frame(pl.DataFrame({"patient_id": [1], "age_years": [3]}), ignore_columns=["patient_id"])
    assert out2["error"].to_list() == [None]


def test_wrong_column_type_is_a_schema_error() -> None:
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(pl.DataFrame({"age_years": [True]}))
    assert info.value.field == "age_years" and info.value.kind == "wrong_type"
    # A text column of a numeric field is read as numbers; a cell that is not one is a row error
    # that does not quote it.
    out = stenosis.assess_frame(pl.DataFrame({"age_years": ["sixty", " 64 ", None]}))
    assert out["error"][0].startswith("age_years:") and "sixty" not in out["error"][0]
    assert out["error"][1] is None and out["error"][2] is None
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(pl.DataFrame({"babinski_sign": [1.5]}))
    assert info.value.field == "babinski_sign"
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(pl.DataFrame({"findings": [{"a": 1}]}))
    assert info.value.field == "findings"


def test_not_a_frame() -> None:
    with pytest.raises(TypeError):
        stenosis.assess_frame([{"age_years": 3}])  # type: ignore[type-var]
    with pytest.raises(TypeError):
        stenosis._stenosis.assess_arrow(42)


def test_empty_frames() -> None:
    assert stenosis.assess_frame(pl.DataFrame({"age_years": pl.Series([], dtype=pl.Int64)})).height == 0
    assert len(stenosis.assess_frame(pd.DataFrame({"age_years": pd.Series([], dtype="int64")}))) == 0
    assert stenosis.assess_frame(pl.DataFrame()).height == 0


def test_assess_arrow_and_stream_consumed_once() -> None:
    table = pa.table({"age_years": [61, 200], "hoffmann_sign": [True, None]})
    out = stenosis.assess_arrow(table)
    assert isinstance(out, pa.Table) and out.num_rows == 2
    assert out.column("error").null_count == 1
    stream = stenosis._stenosis.assess_arrow(pa.table({"age_years": [1]}))
    pa.table(stream)
    with pytest.raises(ValueError, match="already consumed"):
        stream.__arrow_c_stream__()
    # Many small batches keep their order.
    batches = pa.Table.from_batches([pa.record_batch({"age_years": [i % 121]}) for i in range(50)])
    res = stenosis.assess_arrow(batches)
    assert res.num_rows == 50 and res.column("error").null_count == 50


def test_gil_is_released_during_the_work() -> None:
    n = 60_000
    df = pl.DataFrame({"age_years": np.arange(n) % 100, "hoffmann_sign": np.arange(n) % 2 == 0})
    ticks = 0
    done = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    start = time.perf_counter()
    stenosis.assess_frame(df)
    elapsed = time.perf_counter() - start
    done.set()
    t.join()
    # With the GIL held the ticker would not run at all during the call.
    assert ticks >= min(5, int(elapsed * 100))


def test_cohort_of_100000_rows_with_bad_rows() -> None:
    n = 100_000
    rng = np.random.default_rng(7)
    age = rng.integers(18, 95, n).astype("float64")
    bad = rng.choice(n, 100, replace=False)
    age[bad] = 130.0  # out of range: row errors
    cols: dict[str, Any] = {"age_years": age, "sex": rng.choice(["female", "male"], n)}
    for f in ["bilateral_leg_symptoms", "gait_difficulty", "hoffmann_sign", "babinski_sign", "walking_leg_pain",
              "relief_with_sitting_or_flexion", "cervical_cord_compression_on_mri"]:
        v = rng.random(n)
        cols[f] = pd.array(np.where(v < 0.3, True, np.where(v < 0.7, False, None)), dtype="boolean")
    df = pd.DataFrame(cols)
    out = stenosis.assess_frame(df)
    assert len(out) == n
    errors = out["error"].notna()
    assert errors.sum() == 100 and set(np.flatnonzero(errors.to_numpy())) == set(bad)
    assert out.loc[errors, "pathway"].isna().all() and out.loc[~errors, "pathway"].notna().all()
    # Spot-check rows against the per-patient API.
    for i in list(rng.choice(n, 20, replace=False)) + list(bad[:3]):
        row = {k: (None if pd.isna(v) else (bool(v) if isinstance(v, (bool, np.bool_)) else v))
               for k, v in df.iloc[i].items()}
        if row["age_years"] is not None:
            row["age_years"] = int(row["age_years"])
        want = expected(row)
        got = out.iloc[i]
        if want["error"]:
            assert got["error"].split(":")[0] == want["error"].split(":")[0]
        else:
            assert got["pathway"] == want["pathway"] and got["cook_positive"] == want["cook_positive"]
            assert list(got["warnings"]) == want["warnings"]
    pl_out = stenosis.assess_frame(pl.from_pandas(df))
    assert pl_out["pathway"].to_list() == [None if pd.isna(x) else x for x in out["pathway"].tolist()]


@pytest.mark.parametrize("kind", ["string", "large_string", "string_view"])
def test_choice_texts_that_differ_in_one_byte_are_told_apart(kind: str) -> None:
    # A choice column is read through a memo found by the text's length: texts of one length
    # that differ in any one byte (first, middle, last; 4 to 19 bytes) must not be taken for one
    # another, in any order of arrival.
    valid = {"course": ["stable", "progressive", "rapidly_progressive", "relapsing"], "sex": ["male", "female"]}
    for field, texts in valid.items():
        cells: list[str | None] = []
        for t in texts:
            for i in sorted({0, len(t) // 2, len(t) - 1}):
                cells.append(t[:i] + ("X" if t[i] != "X" else "Y") + t[i + 1:])
            cells.append(t)
        cells = (cells + [None]) * 3 + cells[::-1]
        table = pa.table({field: pa.array(cells, type=getattr(pa, kind)())})
        out = pa.table(stenosis.assess_arrow(table)).to_pylist()
        for cell, row in zip(cells, out):
            if cell is None or cell in texts:
                assert row["error"] is None, (cell, row["error"])
                one = stenosis.assess({field: cell} if cell is not None else {})
                assert row["pathway"] == one.pathway.value
            else:
                assert row["error"] is not None and row["error"].startswith(field), (cell, row["error"])


def test_large_pandas_frames_convert_on_threads_with_the_same_answers_and_errors() -> None:
    # From 100,000 rows the pandas columns are converted on a few threads: the same results as
    # one thread, the first bad column in column order named, and a bad `threads` refused by
    # the engine with its own message as for a small frame.
    n = 100_000
    rng = np.random.default_rng(5)
    cols: dict[str, Any] = {"age_years": pd.array(rng.integers(18, 95, n), dtype="Int64")}
    for f in ["hoffmann_sign", "babinski_sign", "gait_difficulty", "bilateral_leg_symptoms"]:
        v = rng.random(n)
        cols[f] = pd.array(np.where(v < 0.3, True, np.where(v < 0.7, False, None)), dtype="boolean")
    df = pd.DataFrame(cols)
    pd.testing.assert_frame_equal(stenosis.assess_frame(df), stenosis.assess_frame(df, threads=1))
    # Two columns pyarrow cannot convert: the first in column order is named.
    bad = df.assign(mjoa=np.full(n, 1 + 2j), age_years=np.full(n, 3 + 1j))
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(bad)
    assert info.value.field == "age_years"
    for threads in (0, -1, "2", 2.5, True):
        with pytest.raises((ValueError, TypeError), match="threads must be a whole number"):
            stenosis.assess_frame(df, threads=threads)  # type: ignore[arg-type]


@pytest.mark.parametrize("detail", ["summary", "standard"])
def test_polars_results_as_string_views_equal_the_strings_layout(detail: str) -> None:
    # For polars the id lists and the messages come as string views (its own layout): the same
    # values, dtypes and nulls as the strings layout pyarrow gets, bad rows included.
    n = 5_000
    cols = random_cohort(n, 11, ["hoffmann_sign", "babinski_sign", "gait_difficulty", "saddle_anesthesia",
                                 "bladder_dysfunction", "bilateral_leg_symptoms", "walking_leg_pain"], 40, "polars")
    df = pl.DataFrame(cols)
    got = stenosis.assess_frame(df, detail=detail)
    raw = stenosis._stenosis.assess_arrow(df, None, [], detail, string_views=True)
    views = pa.table(raw)
    assert views.schema.field("warnings").type == pa.list_(pa.string_view())
    assert views.schema.field("error").type == pa.string_view()
    strings = pa.table(stenosis._stenosis.assess_arrow(df, None, [], detail))
    assert strings.schema.field("warnings").type == pa.list_(pa.string())
    want = pl.from_arrow(strings)
    assert isinstance(want, pl.DataFrame)
    assert got.schema == want.schema
    assert got.equals(want)
    assert got["error"].null_count() == n - 40 and got["warnings"].null_count() == 40
    assert got["warnings"].list.len().sum() > n  # the lists are not empty


@pytest.mark.parametrize("detail", ["summary", "standard"])
def test_pandas_results_built_from_the_codes_equal_pyarrows_conversion(detail: str) -> None:
    # The pandas result's categories and Int8 counts are built from the Arrow buffers (indices
    # and validity), not by pyarrow's to_pandas: the same values, dtypes and nulls (bad rows,
    # rows with no cervical MRI), on several chunks (threads) and for a pandas slice, and the
    # result is the caller's to change.
    n = 6_000
    cols = random_cohort(n, 13, ["hoffmann_sign", "babinski_sign", "gait_difficulty", "saddle_anesthesia",
                                 "urinary_retention", "bilateral_leg_symptoms", "walking_leg_pain",
                                 "cervical_cord_compression_on_mri"], 50, "pandas")
    df = pd.DataFrame(cols, index=pd.RangeIndex(100, 100 + n))
    for frame in (df, df.iloc[3:]):  # two chunks; a pandas slice
        got = stenosis.assess_frame(frame, detail=detail, threads=2)
        table = pa.table({c: pa.array(frame[c], from_pandas=True) for c in frame.columns})
        raw = pa.table(stenosis._stenosis.assess_arrow(table, 2, None, detail))
        assert raw.column("pathway").num_chunks == 2
        want = pyarrow_pandas(raw)
        want.index = frame.index
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        assert got["error"].notna().sum() == (frame["age_years"] == 130.0).sum() > 0
        assert got["cervical_mri_urgency"].isna().sum() > got["error"].notna().sum()
        assert got["cervical_mri_urgency"].cat.codes.min() == -1
    got.loc[got.index[0], "pathway"] = "conservative"
    got.loc[got.index[0], "cook_positive"] = 4
    assert got["pathway"].iloc[0] == "conservative" and got["cook_positive"].iloc[0] == 4


def cells(column: Any) -> list[Any]:
    """A result column's cells as plain values: lists as lists, every kind of null as None."""
    out: list[Any] = []
    for x in column.tolist():
        if isinstance(x, (list, tuple, np.ndarray)):
            out.append([str(v) for v in x])
        else:
            out.append(None if x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x)) else x)
    return out


def test_kept_columns_that_are_inputs_are_assessed_as_well() -> None:
    # A column named in `keep` is carried through unchanged; when it is also an input (a finding,
    # a field, the record id) it is read as well: keeping it never leaves it out of the
    # assessment, on every frame path.
    rows = {
        "patient_id": ["a", "b", "c"],
        "id": ["k-1", "bad id", "k-3"],
        "age_years": [64, 70, 58],
        "saddle_anesthesia": [True, True, False],
        "urinary_retention": [True, True, False],
        "bilateral_leg_symptoms": [True, True, True],
        "hoffmann_sign": [True, True, True],
    }
    keep = ["patient_id", "id", "saddle_anesthesia", "urinary_retention", "age_years"]
    plain = stenosis.assess_frame(pd.DataFrame(rows).drop(columns=["patient_id"]))
    assert cells(plain["red_flags"])[0] == ["cauda_equina_suspected"]
    assert plain["error"].iloc[1].startswith("id")
    for frame in (pd.DataFrame(rows), pl.DataFrame(rows)):
        got = stenosis.assess_frame(frame, keep=keep)
        assert list(got.columns) == keep + list(stenosis.RESULT_COLUMNS)  # `id` once
        res = got.to_pandas() if isinstance(got, pl.DataFrame) else got
        for c in stenosis.RESULT_COLUMNS:
            assert cells(res[c]) == cells(plain[c]), c
        assert res["pathway"].iloc[0] == "emergency"
        assert res["id"].tolist() == rows["id"] and res["patient_id"].tolist() == rows["patient_id"]
    table = pa.table(rows)
    out = stenosis.assess_arrow(table, keep=["patient_id", "age_years", "hoffmann_sign"])
    plain_arrow = stenosis.assess_arrow(table.drop(["patient_id"]))
    assert out.column_names[:4] == ["patient_id", "age_years", "hoffmann_sign", "id"]
    assert out.column("cook_positive").to_pylist() == plain_arrow.column("cook_positive").to_pylist()
    assert out.column("cook_assessed").to_pylist()[0] == plain_arrow.column("cook_assessed").to_pylist()[0] > 1


def test_pandas_result_conversion_reads_offsets_and_differing_dictionaries() -> None:
    # The conversion from Arrow buffers on shapes the engine does not produce itself: chunks at
    # an odd offset (a sliced table) and chunks whose dictionaries differ (pyarrow's conversion
    # is used then): the same frame as pyarrow's to_pandas.
    from stenosis import _frame

    cols = random_cohort(3_000, 21, ["hoffmann_sign", "babinski_sign", "gait_difficulty", "saddle_anesthesia",
                                     "urinary_retention"], 30, "arrow")
    raw = pa.table(stenosis._stenosis.assess_arrow(pa.table(cols), 2, None, "summary"))
    small = pa.chunked_array([pa.array(["b", "a", None]).dictionary_encode().cast(
        pa.dictionary(pa.int8(), pa.string()))])

    class Stream:
        def __init__(self, table: Any) -> None:
            self.table = table

        def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
            return self.table.__arrow_c_stream__(requested_schema)

    for table in (raw.slice(7, 2_001), raw.slice(1_499, 3)):
        assert table.column("pathway").chunks[0].offset % 8 != 0
        got = _frame._pandas_result(Stream(table), pd.RangeIndex(len(table)))
        pd.testing.assert_frame_equal(got, pyarrow_pandas(table), check_exact=True)
    two = pa.chunked_array(raw.column("pathway").chunks[:1] + [
        pa.array(["conservative", None]).dictionary_encode().cast(pa.dictionary(pa.int8(), pa.string()))])
    assert _frame._pandas_codes(pa, pd, np, two) is None  # dictionaries differ: pyarrow converts
    cat = _frame._pandas_codes(pa, pd, np, small)  # one chunk with a null: built from the codes
    assert cat is not None and [None if pd.isna(x) else x for x in cat] == ["b", "a", None]


def test_kept_columns_without_values_and_kept_ignored_columns() -> None:
    # A kept input column with no values (an empty CSV column read as floats) is accepted as for
    # an unkept one, and shown as it was given; a column both kept and ignored is refused.
    df = pl.DataFrame({"age_years": [60, 70], "saddle_anesthesia": [None, None], "sex": [None, None]},
                      schema={"age_years": pl.Int64, "saddle_anesthesia": pl.Float64, "sex": pl.Int64})
    plain = stenosis.assess_frame(df)
    got = stenosis.assess_frame(df, keep=["saddle_anesthesia", "sex"])
    assert got["saddle_anesthesia"].dtype == pl.Float64 and got["sex"].dtype == pl.Int64
    assert got.drop(["saddle_anesthesia", "sex"]).equals(plain)
    pgot = stenosis.assess_frame(df.to_pandas(), keep=["saddle_anesthesia"])
    assert pgot["pathway"].tolist() == plain["pathway"].to_list()
    for frame in (df, df.to_pandas()):
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(frame, keep=["saddle_anesthesia"], ignore_columns=["saddle_anesthesia"])
        assert info.value.field == "keep" and "ignore_columns" in str(info.value)


def test_empty_frames_carry_the_vocabularies_as_categories() -> None:
    # No rows: the result's id columns still know their categories (a Dask `meta` built from an
    # empty frame agrees with the partitions' results).
    empty = pd.DataFrame({"age_years": pd.array([], dtype="Int64"), "babinski_sign": pd.array([], dtype="boolean")})
    full = pd.DataFrame({"age_years": pd.array([70], dtype="Int64"), "babinski_sign": pd.array([True], dtype="boolean")})
    e, f = stenosis.assess_frame(empty), stenosis.assess_frame(full)
    assert len(e) == 0 and list(e.columns) == list(f.columns)
    assert (e.dtypes == f.dtypes).all()
    assert list(e["pathway"].cat.categories) == [p.value for p in stenosis.Pathway]
    assert stenosis.assess_frame(pl.from_pandas(empty)).schema == stenosis.assess_frame(pl.from_pandas(full)).schema


def test_kept_columns_are_carried_as_given_and_duplicate_kept_names_refused() -> None:
    # A kept column that is not an input is carried from the frame itself, never through Arrow:
    # a polars Object or Int128 column comes back unchanged (not as pointer bytes, not refused).
    # A kept name that names two columns is refused naming keep, on pandas and Arrow alike.
    objects = pl.Series("extra", [{"ssn": "123"}, "hello"], dtype=pl.Object)
    df = pl.DataFrame({"babinski_sign": [True, None], "extra": objects,
                       "wide": pl.Series([1, 2], dtype=pl.Int128)})
    got = stenosis.assess_frame(df, keep=["wide", "extra"])
    assert got.columns[:2] == ["wide", "extra"]
    assert got["extra"].dtype == pl.Object and got["extra"].to_list() == [{"ssn": "123"}, "hello"]
    assert got["wide"].dtype == pl.Int128 and got["wide"].to_list() == [1, 2]
    assert got.drop(["wide", "extra"]).equals(stenosis.assess_frame(df.drop(["wide", "extra"])))
    dup = pd.DataFrame([[1, 2, True]], columns=["mrn", "mrn", "babinski_sign"])
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(dup, keep=["mrn"])
    assert info.value.field == "keep" and "two columns" in str(info.value)
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(pa.table([[1], [2], [True]], names=["mrn", "mrn", "babinski_sign"]), keep=["mrn"])
    assert info.value.field == "keep" and "two columns" in str(info.value)
