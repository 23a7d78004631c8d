"""The columnar frame path: pass-through columns (keep), detail levels, result types, and rows
spread over several chunks and threads agreeing with the per-patient API."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import stenosis
from stenosis import InvalidPresentation

FINDINGS = ["bilateral_leg_symptoms", "gait_difficulty", "hoffmann_sign", "babinski_sign", "walking_leg_pain",
            "relief_with_sitting_or_flexion", "cervical_cord_compression_on_mri", "saddle_anesthesia",
            "urinary_retention", "leg_weakness", "hyperreflexia", "significant_back_pain"]


def cohort(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 95, n).astype("float64")
    age[rng.choice(n, n // 50, replace=False)] = 130.0  # out of range: row errors
    cols: dict[str, Any] = {
        "patient_id": [f"p{i}" for i in range(n)],
        "age_years": age,
        "sex": rng.choice(["female", "male"], n),
        "course": pd.array(rng.choice(["stable", "progressive", "rapidly_progressive", None], n), dtype="string"),
        "mjoa": pd.Series(rng.integers(8, 19, n), dtype="Int64").mask(rng.random(n) < 0.5).array,
    }
    for f in FINDINGS:
        v = rng.random(n)
        cols[f] = pd.array(np.where(v < 0.25, True, np.where(v < 0.6, False, None)), dtype="boolean")
    return pd.DataFrame(cols)


def null(v: Any) -> Any:
    """None for pandas' and numpy's missing values."""
    return None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v


def presentation(row: pd.Series) -> dict[str, Any]:
    p: dict[str, Any] = {}
    for k in ("age_years", "sex", "course", "mjoa"):
        v = row[k]
        if not pd.isna(v):
            p[k] = int(v) if k in ("age_years", "mjoa") else str(v)
    p["findings"] = {f: ("present" if row[f] else "absent") for f in FINDINGS if not pd.isna(row[f])}
    return p


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_standard_detail_with_keep_agrees_with_assess(kind: str) -> None:
    df = cohort(9000, 11)  # several chunks on two threads
    frame: Any = df if kind == "pandas" else pl.from_pandas(df)
    out = stenosis.assess_frame(frame, keep=["patient_id"], detail="standard", threads=2)
    assert list(out.columns) == ["patient_id", *stenosis.STANDARD_COLUMNS]
    rows = out.to_dict("records") if kind == "pandas" else out.to_dicts()
    assert [r["patient_id"] for r in rows] == list(df["patient_id"])
    rng = np.random.default_rng(3)
    for i in rng.choice(len(df), 300, replace=False):
        got = rows[int(i)]
        try:
            a = stenosis.assess(presentation(df.iloc[int(i)]))
        except InvalidPresentation as e:
            assert got["error"].split(":")[0] == str(e).split(":")[0]
            assert null(got["recommendations"]) is None
            continue
        assert null(got["error"]) is None
        assert got["pathway"] == a.pathway.value
        assert null(got["top_condition"]) == (a.top_condition.value if a.top_condition else None)
        assert got["cook_positive"] == a.myelopathy.cook_rule.positive
        assert null(got["severity_class"]) == (a.severity.severity_class.value if a.severity else None)
        recs = [(r["action"], r["urgency"]) for r in got["recommendations"]]
        assert recs == [(r.action.value, r.urgency.value) for r in a.recommendations]
        assert list(got["red_flags"]) == [r.id.value for r in a.red_flags]
        assert list(got["warnings"]) == [w.id.value for w in a.warnings]


def test_result_types_spark_and_pandas_accept() -> None:
    out = stenosis.assess_arrow(pa.table({"age_years": [70, None], "babinski_sign": [True, None]}))
    assert out.schema.field("cook_positive").type == pa.int8()
    assert out.schema.field("pathway").type == pa.dictionary(pa.int8(), pa.string())
    df = stenosis.assess_frame(pd.DataFrame({"age_years": [70, 200]}))
    assert str(df["cook_assessed"].dtype) == "Int8" and df["pathway"].dtype == "category"
    assert df["cook_assessed"].isna().tolist() == [False, True]
    plain = pa.table(stenosis._stenosis.assess_arrow(pa.table({"age_years": [70]}), 1, None, "summary", False))
    assert plain.schema.field("pathway").type == pa.string()


def test_one_thread_and_many_threads_give_the_same_result() -> None:
    df = cohort(20_000, 5).drop(columns=["patient_id"])
    one = stenosis.assess_arrow(pa.Table.from_pandas(df, preserve_index=False), threads=1, detail="standard")
    many = stenosis.assess_arrow(pa.Table.from_pandas(df, preserve_index=False), threads=4, detail="standard")
    assert one.equals(many)


def test_keep_and_detail_are_checked() -> None:
    df = pd.DataFrame({"patient_id": ["a"], "age_years": [70]})
    for frame in (df, pl.from_pandas(df)):
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(frame, keep=["mrn"])
        assert info.value.field == "keep" and "mrn" in str(info.value)
        with pytest.raises(TypeError):
            stenosis.assess_frame(frame, keep="patient_id")  # type: ignore[arg-type]
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(frame, detail="verbose")
        assert info.value.field == "detail"
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(frame, detail="full")
        assert info.value.field == "detail" and "assess_many_json" in str(info.value)
        clash = frame.rename({"patient_id": "pathway"}) if isinstance(frame, pl.DataFrame) else frame.rename(
            columns={"patient_id": "pathway"})
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(clash, keep=["pathway"])
        assert info.value.field == "keep" and "result column" in str(info.value)
    table = pa.table({"patient_id": ["a"], "age_years": [70]})
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(table, keep=["patient_id", "patient_id"])
    assert info.value.field == "keep"
    # Without keep, the id column is refused by name as before.
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(table)
    assert info.value.field == "patient_id"


def test_kept_columns_keep_their_types() -> None:
    table = pa.table({"mrn": pa.array([7, None, 9], pa.int64()), "note": ["x", None, "z"],
                      "age_years": [70, 300, None]})
    out = stenosis.assess_arrow(table, keep=["note", "mrn"])
    assert out.column_names[:2] == ["note", "mrn"]
    assert out.column("mrn").type == pa.int64() and out.column("mrn").to_pylist() == [7, None, 9]
    assert out.column("note").to_pylist() == ["x", None, "z"]
    assert out.column("error").to_pylist()[1].startswith("age_years:")


def test_record_id_is_echoed_by_assess_and_frames() -> None:
    a = stenosis.assess({"id": "mrn:42", "age_years": 70})
    assert a.id == "mrn:42" and stenosis.assess({"age_years": 70}).id is None
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess({"id": "not an id"})
    assert info.value.field == "id" and "not an id" not in str(info.value)
    df = pd.DataFrame({"site": ["a", "b", "c"], "id": ["r1", "bad id", None], "age_years": [70, 60, 50]})
    for frame in (df, pl.from_pandas(df)):
        out = stenosis.assess_frame(frame, keep=["site"])
        assert list(out.columns)[:2] == ["site", "id"]
        rows = out.to_dict("records") if isinstance(out, pd.DataFrame) else out.to_dicts()
        assert [null(r["id"]) for r in rows] == ["r1", "bad id", None]
        assert null(rows[0]["error"]) is None and null(rows[2]["error"]) is None
        assert rows[1]["error"].startswith("id:") and "bad id" not in rows[1]["error"]
