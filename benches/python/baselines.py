"""Baselines a data scientist would write, for the frame benchmarks (benches/python/bench_frame.py).

Both compute the same three headline columns, straight from the guideline rather than from the
engine: the Cook et al. 2010 clinical prediction rule count (``cook_positive``,
``cook_assessed``: gait deviation, Hoffmann, inverted supinator, Babinski, age over 45) and the
``rapidly_progressive_deficit`` red flag (a rapidly progressive course). They cover a fraction of
what the engine decides (no differential, pathway, recommendations or warnings), so a ratio
against them understates the engine's advantage; :func:`check_agreement` proves they agree with
the engine on every row of the benchmark cohort.

- :func:`headline_row`: a per-row pure-Python rule function over a dict (one patient).
- :func:`headline_vectorised`: the same over a whole pandas DataFrame with numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

COOK_SIGNS = ("gait_deviation", "hoffmann_sign", "inverted_supinator_sign", "babinski_sign")
COOK_AGE_OVER = 45


def headline_row(p: dict[str, Any]) -> dict[str, Any]:
    """One patient in the engine's JSON shape (``findings``: id -> "present"/"absent")."""
    findings = p.get("findings", {})
    positive = 0
    assessed = 0
    for sign in COOK_SIGNS:
        status = findings.get(sign, "unknown")
        if status == "present":
            positive += 1
            assessed += 1
        elif status == "absent":
            assessed += 1
    age = p.get("age_years")
    if age is not None:
        assessed += 1
        positive += age > COOK_AGE_OVER
    return {
        "cook_positive": positive,
        "cook_assessed": assessed,
        "rapid": p.get("course") == "rapidly_progressive",
    }


def headline_vectorised(df: pd.DataFrame) -> pd.DataFrame:
    """The whole cohort at once: boolean finding columns with nulls (pandas ``boolean``)."""
    n = len(df)
    positive = np.zeros(n, dtype=np.int8)
    assessed = np.zeros(n, dtype=np.int8)
    for sign in COOK_SIGNS:
        if sign not in df:
            continue
        col = df[sign].array
        known = ~np.asarray(col.isna())
        values = np.asarray(col.fillna(False), dtype=bool)
        positive += values & known
        assessed += known
    age = df["age_years"].to_numpy(dtype="float64", na_value=np.nan)
    age_known = ~np.isnan(age)
    assessed += age_known
    positive += age_known & (age > COOK_AGE_OVER)
    rapid = (df["course"] == "rapidly_progressive").fillna(False).to_numpy(dtype=bool)
    return pd.DataFrame({"cook_positive": positive, "cook_assessed": assessed, "rapid": rapid})


def check_agreement(baseline: pd.DataFrame, engine: pd.DataFrame) -> None:
    """Raises AssertionError unless the baseline's columns equal the engine's on every row (the
    engine's ``cook_*`` columns, and ``rapidly_progressive_deficit`` in its ``red_flags``)."""
    ok = engine["error"].isna().to_numpy()
    assert ok.all(), "the benchmark cohort has no bad rows"
    for col in ("cook_positive", "cook_assessed"):
        want = engine[col].to_numpy(dtype="int64")
        got = baseline[col].to_numpy(dtype="int64")
        assert (want == got).all(), f"{col}: the baseline disagrees with the engine"
    flags = engine["red_flags"]
    rapid = np.fromiter(("rapidly_progressive_deficit" in list(v) for v in flags), dtype=bool, count=len(flags))
    assert (rapid == baseline["rapid"].to_numpy(dtype=bool)).all(), "rapid: the baseline disagrees with the engine"
