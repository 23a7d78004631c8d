"""Dask: each pandas partition goes through the frame path (the README's recipe), with the
patient ids carried through; the result equals assess_frame on the whole frame."""

from __future__ import annotations

import dask.dataframe as dd
import pandas as pd

import stenosis


def cohort() -> pd.DataFrame:
    rows = [
        {"patient_id": f"p{i}", "age_years": 40 + i % 40, "course": ["stable", "progressive"][i % 2],
         "hoffmann_sign": [True, False, None][i % 3], "babinski_sign": [None, True][i % 2],
         "bladder_dysfunction": [None, None, None, True][i % 4], "mjoa": [None, 19, 14][i % 3]}
        for i in range(300)
    ]
    df = pd.DataFrame(rows)
    for c in ("hoffmann_sign", "babinski_sign", "bladder_dysfunction"):
        df[c] = df[c].astype("boolean")
    df["mjoa"] = df["mjoa"].astype("Float64")
    return df


def test_map_partitions_equals_the_whole_frame() -> None:
    df = cohort()
    ddf = dd.from_pandas(df, npartitions=4)  # type: ignore[no-untyped-call]
    for detail in ("summary", "standard"):
        meta = stenosis.assess_frame(ddf._meta, keep=["patient_id"], detail=detail)
        screened = ddf.map_partitions(stenosis.assess_frame, keep=["patient_id"], detail=detail, meta=meta)
        got = screened.compute()
        want = stenosis.assess_frame(df, keep=["patient_id"], detail=detail)
        assert list(got.columns) == list(want.columns)
        assert len(got) == len(df)
        # mjoa 19 is out of range: those rows carry their error, the others none.
        assert got["error"].notna().sum() == 100
        for col in ("patient_id", "pathway", "top_condition", "cook_positive", "error"):
            assert got[col].astype(object).where(got[col].notna(), None).tolist() == want[col].astype(object).where(
                want[col].notna(), None
            ).tolist(), col
        def lists(s: pd.Series) -> list[list[str] | None]:
            return [None if v is None or v is pd.NA else list(v) for v in s.tolist()]

        assert lists(got["red_flags"]) == lists(want["red_flags"])
        assert lists(got["warnings"]) == lists(want["warnings"])
