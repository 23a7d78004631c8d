"""The benchmark baselines (benches/python/baselines.py) agree with the engine.

bench_frame.py reports the engine's speed as a ratio to baselines that compute the same headline;
these tests keep them from drifting away from the engine's rules unnoticed (a few seconds).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

BENCHES = Path(__file__).resolve().parents[3] / "benches" / "python"
sys.path.insert(0, str(BENCHES))

import baselines  # noqa: E402
import check_baselines  # noqa: E402

import stenosis  # noqa: E402


@pytest.mark.parametrize("wide", [False, True], ids=["benchmark-cohort", "wide-cohort"])
def test_full_headline_baselines_agree_with_the_engine(wide: bool) -> None:
    problems = check_baselines.check(rows=20_000, sample=3_000, seed=11, wide=wide)
    assert problems == []


def test_four_column_baselines_agree_with_the_engine() -> None:
    df = check_baselines.cohort(5_000, seed=12)
    engine = stenosis.assess_frame(df)
    baselines.check_cook_flags_agreement(baselines.cook_flags_vectorised(df), engine)
    rows = [baselines.cook_flags_row(d) for d in check_baselines.as_dicts(df.head(1_000))]
    baselines.check_cook_flags_agreement(pd.DataFrame(rows), engine.head(1_000))


def test_a_disagreement_names_the_column_the_row_and_both_values() -> None:
    df = check_baselines.cohort(200, seed=13)
    engine = stenosis.assess_frame(df)
    base = baselines.headline_vectorised(df)
    assert baselines.disagreements(base, engine) == []
    was = str(base.loc[7, "pathway"])
    other = "conservative" if was != "conservative" else "emergency"
    base.loc[7, "pathway"] = other
    flag = "warning.incomplete_neurological_exam"
    base.loc[3, flag] = not base.loc[3, flag]
    problems = baselines.disagreements(base, engine)
    assert len(problems) == 2
    assert problems[0].startswith("pathway: 1 rows differ (row 7: ")
    assert f"baseline '{other}', engine '{was}'" in problems[0]
    assert problems[1].startswith("warnings incomplete_neurological_exam: 1 rows differ (row 3: ")
    with pytest.raises(AssertionError, match="pathway: 1 rows differ"):
        baselines.check_agreement(base, engine)


def test_the_per_row_baseline_reads_the_engines_json_shape() -> None:
    p: dict[str, Any] = {
        "age_years": 70,
        "course": "progressive",
        "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "gait_deviation": "present"},
    }
    row = baselines.headline_row(p)
    a = stenosis.assess(p)
    assert row["pathway"] == a.pathway.value
    assert row["myelopathy_likelihood"] == "high"
    assert (row["cook_positive"], row["cook_assessed"]) == (4, 4)
    assert row["top_condition"] == "cervical_myelopathy"
