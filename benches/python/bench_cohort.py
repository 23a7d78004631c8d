"""Cohort benchmark of the Python binding (not run by the test command).

Times `stenosis.assess_frame` on a synthetic 1,000,000-row cohort as a polars and as a pandas
DataFrame, and a per-row `stenosis.assess` loop on a sample for comparison; prints a table.

    python benches/python/bench_cohort.py [--rows N] [--sample N] [--repeat N] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

import stenosis

FINDINGS = {
    "bilateral_leg_symptoms": (0.3, 0.5),
    "gait_difficulty": (0.25, 0.5),
    "walking_leg_pain": (0.4, 0.4),
    "relief_with_sitting_or_flexion": (0.3, 0.3),
    "sciatica_like_pain": (0.2, 0.4),
    "hoffmann_sign": (0.1, 0.3),
    "babinski_sign": (0.05, 0.4),
    "hyperreflexia": (0.1, 0.4),
    "gait_deviation": (0.08, 0.4),
    "urinary_retention": (0.005, 0.5),
    "known_lumbar_stenosis": (0.2, 0.3),
    "cervical_cord_compression_on_mri": (0.05, 0.1),
}


def cohort(n: int, seed: int = 1) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    cols: dict[str, Any] = {
        "age_years": rng.integers(25, 92, n),
        "sex": rng.choice(["female", "male"], n),
        "course": rng.choice(["stable", "progressive", "rapidly_progressive"], n, p=[0.7, 0.29, 0.01]),
        "mjoa": np.where(rng.random(n) < 0.2, rng.integers(8, 19, n).astype(float), np.nan),
    }
    for name, (p_present, p_absent) in FINDINGS.items():
        u = rng.random(n)
        cols[name] = (u < p_present, u >= p_present + p_absent)  # (values, null mask)
    return cols


def as_polars(cols: dict[str, Any]) -> pl.DataFrame:
    series = []
    for k, v in cols.items():
        if isinstance(v, tuple):
            series.append(pl.Series(k, v[0]).scatter(np.flatnonzero(v[1]), None))
        elif k == "mjoa":
            series.append(pl.Series(k, v, nan_to_null=True))
        else:
            series.append(pl.Series(k, v))
    return pl.DataFrame(series)


def as_pandas(cols: dict[str, Any]) -> pd.DataFrame:
    out: dict[str, Any] = {}
    for k, v in cols.items():
        if isinstance(v, tuple):
            out[k] = pd.arrays.BooleanArray(v[0], v[1])
        else:
            out[k] = v
    return pd.DataFrame(out)


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()

    cols = cohort(args.rows)
    pl_df = as_polars(cols)
    pd_df = as_pandas(cols)
    rows = pl_df.head(args.sample).to_dicts()
    dicts = []
    for r in rows:
        fields = {k: r[k] for k in ("age_years", "sex", "course", "mjoa") if r[k] is not None}
        fields["findings"] = {k: ("present" if r[k] else "absent") for k in FINDINGS if r[k] is not None}
        dicts.append(fields)

    results: list[tuple[str, int, float]] = []
    results.append(("assess_frame (polars)", args.rows, best(lambda: stenosis.assess_frame(pl_df, threads=args.threads), args.repeat)))
    results.append(("assess_frame (pandas)", args.rows, best(lambda: stenosis.assess_frame(pd_df, threads=args.threads), args.repeat)))
    results.append(("assess_many (dicts)", len(dicts), best(lambda: stenosis.assess_many(dicts, threads=args.threads), args.repeat)))
    results.append(("per-row assess loop", len(dicts), best(lambda: [stenosis.assess(d) for d in dicts], args.repeat)))
    results.append(("per-row assess_json loop", len(dicts), best(lambda: [stenosis.assess_json(__import__("json").dumps(d)) for d in dicts], 1)))

    print(f"stenosis {stenosis.__version__}, {os.cpu_count()} cores, best of {args.repeat}")
    print(f"{'path':<28}{'rows':>10}{'seconds':>10}{'µs/row':>10}{'1M rows (s)':>13}")
    for name, n, secs in results:
        per = secs / n * 1e6
        print(f"{name:<28}{n:>10,}{secs:>10.3f}{per:>10.2f}{per:>13.2f}")


if __name__ == "__main__":
    main()
