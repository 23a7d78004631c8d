"""Frame benchmark beside the baselines (not run by the test command; figures in docs/performance.md).

A cohort of ROWS rows and 45 columns (age, sex, course, mJOA and 41 finding columns, booleans with
nulls); every engine figure is measured in the same run as the baselines of baselines.py and
reported as a ratio to them; the baselines are first checked to agree with the engine on every row.

    python benches/python/bench_frame.py [--rows N] [--sample N] [--repeat N] [--spark-rows N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

import stenosis

sys.path.insert(0, os.path.dirname(__file__))
from baselines import check_agreement, headline_row, headline_vectorised  # noqa: E402

N_FINDINGS = 41


def cohort(n: int, seed: int = 1) -> pd.DataFrame:
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


def as_dicts(df: pd.DataFrame) -> list[dict[str, Any]]:
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


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def spark_figures(pdf: pd.DataFrame, repeat: int) -> list[tuple[str, int, float]]:
    import stenosis.spark
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    sdf = spark.createDataFrame(pdf.assign(patient_id=np.arange(len(pdf)))).repartition(2).cache()
    sdf.count()
    n = len(pdf)

    def noop() -> None:
        sdf.mapInArrow(lambda it: it, sdf.schema).write.format("noop").mode("overwrite").save()

    def engine() -> None:
        stenosis.spark.assess(sdf, keep=["patient_id"], detail="summary").write.format("noop").mode("overwrite").save()

    out = [("Spark no-op mapInArrow", n, best(noop, repeat)), ("Spark stenosis.spark.assess", n, best(engine, repeat))]
    spark.stop()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spark-rows", type=int, default=0, help="also time Spark local[2] on this many rows")
    args = ap.parse_args()

    pdf = cohort(args.rows)
    pldf = pl.from_pandas(pdf)
    table = pldf.to_arrow()  # the engine alone: no pandas conversion on either side
    sample = pdf.head(args.sample)
    dicts = as_dicts(sample)

    # Agreement first: the baselines must compute what the engine computes.
    engine_out = stenosis.assess_frame(pdf)
    check_agreement(headline_vectorised(pdf), engine_out)
    per_row = pd.DataFrame([headline_row(d) for d in dicts])
    check_agreement(per_row, engine_out.head(args.sample))
    for d, row in zip(dicts[:2000], engine_out.head(2000).itertuples()):
        assert stenosis.assess(d).pathway.value == row.pathway

    r = args.repeat
    vec = best(lambda: headline_vectorised(pdf), r)
    py_row = best(lambda: [headline_row(d) for d in dicts], r) / len(dicts)
    figures: list[tuple[str, int, float]] = [
        ("baseline: vectorised pandas/numpy", args.rows, vec),
        ("baseline: per-row Python function", len(dicts), py_row * len(dicts)),
        ("assess_arrow summary (pyarrow, 1 thread)", args.rows, best(lambda: stenosis.assess_arrow(table, threads=1), r)),
        ("assess_arrow summary (pyarrow)", args.rows, best(lambda: stenosis.assess_arrow(table), r)),
        ("assess_arrow standard (pyarrow)", args.rows, best(lambda: stenosis.assess_arrow(table, detail="standard"), r)),
        ("assess_frame summary (pandas)", args.rows, best(lambda: stenosis.assess_frame(pdf), r)),
        ("assess_frame summary (polars)", args.rows, best(lambda: stenosis.assess_frame(pldf), r)),
        ("assess_frame standard (polars)", args.rows, best(lambda: stenosis.assess_frame(pldf, detail="standard"), r)),
        ("assess_frame standard (pandas)", args.rows, best(lambda: stenosis.assess_frame(pdf, detail="standard"), r)),
        ("one patient: assess(d).pathway", len(dicts), best(lambda: [stenosis.assess(d).pathway for d in dicts], r)),
    ]
    if args.spark_rows:
        figures += spark_figures(pdf.head(args.spark_rows), r)

    print(f"stenosis {stenosis.__version__}, {os.cpu_count()} cores, {pdf.shape[1]} columns, best of {r}")
    print(f"{'path':<38}{'rows':>11}{'seconds':>10}{'M rows/s':>10}{'µs/row':>9}{'vs vectorised':>15}{'vs per-row':>12}")
    for name, n, secs in figures:
        per = secs / n
        print(
            f"{name:<38}{n:>11,}{secs:>10.3f}{1e-6 / per:>10.2f}{per * 1e6:>9.3f}"
            f"{(vec / args.rows) / per:>14.2f}x{py_row / per:>11.2f}x"
        )


if __name__ == "__main__":
    main()
