"""The benchmark cohort of bench_frame.py, and a check that the baselines of baselines.py compute
what the engine computes on it (also run, on a small cohort, by the Python test command).

    python benches/python/check_baselines.py [--rows N] [--sample N]

Prints each column on which a baseline differs from the engine, with the first differing rows.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import numpy as np
import pandas as pd

import stenosis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from baselines import disagreements, headline_row, headline_vectorised  # noqa: E402

#: The cohort's finding columns: the first this many findings of the vocabulary.
N_FINDINGS = 41


def cohort(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` rows, 45 columns: age, sex, course, mJOA (given for 20%) and 41 finding columns
    (pandas ``boolean`` with nulls: present, absent or not recorded)."""
    rng = np.random.default_rng(seed)
    mjoa = rng.integers(8, 19, n).astype("float64")
    mjoa[rng.random(n) < 0.8] = np.nan
    cols: dict[str, Any] = {
        "age_years": pd.array(rng.integers(25, 92, n), dtype="Int64"),
        "sex": rng.choice(["female", "male"], n),
        "course": rng.choice(["stable", "progressive", "rapidly_progressive"], n, p=[0.7, 0.29, 0.01]),
        "mjoa": pd.array(mjoa, dtype="Float64"),
    }
    ids = [row[0] for row in stenosis._stenosis.finding_table()][:N_FINDINGS]
    for i, f in enumerate(ids):
        p_present = 0.02 + 0.25 * ((i * 7) % 11) / 10
        u = rng.random(n)
        values = u < p_present
        known = u < p_present + 0.4
        cols[f] = pd.arrays.BooleanArray(values, ~known)
    return pd.DataFrame(cols)


def wide_cohort(n: int, seed: int = 1) -> pd.DataFrame:
    """The same 45 columns over everything they can express (not the benchmark's mix): age from 10
    or missing, any sex or course or none, any mJOA, each finding with its own rates; for checking
    that the baselines port the rules, not only the benchmark cohort's share of them."""
    rng = np.random.default_rng(seed)
    age = rng.integers(10, 95, n).astype("float64")
    age[rng.random(n) < 0.2] = np.nan
    mjoa = rng.integers(0, 19, n).astype("float64")
    mjoa[rng.random(n) < 0.5] = np.nan
    cols: dict[str, Any] = {
        "age_years": pd.array(age, dtype="Float64").astype("Int64"),
        "sex": rng.choice(np.array(["female", "male", "other", None], dtype=object), n),
        "course": rng.choice(np.array(["stable", "progressive", "rapidly_progressive", "relapsing", None], dtype=object), n),
        "mjoa": pd.array(mjoa, dtype="Float64"),
    }
    for f in [row[0] for row in stenosis._stenosis.finding_table()][:N_FINDINGS]:
        p_present = rng.uniform(0.02, 0.4)
        u = rng.random(n)
        cols[f] = pd.arrays.BooleanArray(u < p_present, ~(u < p_present + rng.uniform(0.1, 0.6)))
    return pd.DataFrame(cols)


def as_dicts(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as the engine's JSON-shaped dicts (only what is recorded)."""
    out = []
    for rec in df.to_dict("records"):
        p: dict[str, Any] = {}
        for k in ("age_years", "sex", "course", "mjoa"):
            v = rec[k]
            if v is not None and v is not pd.NA and not (isinstance(v, float) and np.isnan(v)):
                p[k] = int(v) if k in ("age_years", "mjoa") else v
        p["findings"] = {
            k: ("present" if v else "absent") for k, v in rec.items() if k not in p and isinstance(v, (bool, np.bool_))
        }
        out.append(p)
    return out


def check(rows: int, sample: int, seed: int = 1, wide: bool = False) -> list[str]:
    """The disagreements of both full-headline baselines with the engine on a cohort of ``rows``
    (the per-row one on its first ``sample`` rows; :func:`wide_cohort` if ``wide``); empty when
    they agree everywhere."""
    df = (wide_cohort if wide else cohort)(rows, seed)
    engine = stenosis.assess_frame(df)
    problems = [f"vectorised: {p}" for p in disagreements(headline_vectorised(df), engine)]
    head = df.head(sample)
    per_row = pd.DataFrame([headline_row(d) for d in as_dicts(head)], index=head.index)
    problems += [f"per-row: {p}" for p in disagreements(per_row, engine.head(sample))]
    return problems


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--wide", action="store_true", help="the wide cohort, not the benchmark's")
    args = ap.parse_args()
    problems = check(args.rows, args.sample, args.seed, args.wide)
    for p in problems:
        print(p)
    print(f"{len(problems)} disagreements on {args.rows:,} rows (per-row: {min(args.sample, args.rows):,})")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
