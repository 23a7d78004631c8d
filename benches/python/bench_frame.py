"""Frame benchmark beside the baselines (not run by the test command; figures in docs/performance.md).

A cohort of ROWS rows and 45 columns (age, sex, course, mJOA and 41 finding columns, booleans with
nulls: check_baselines.cohort); every engine figure is measured in the same run as the baselines of
baselines.py and reported as a ratio to them; the baselines are first checked to agree with the
engine on every row (the vectorised ones on the whole cohort, the per-row ones on the sample).

Two pairs of baselines: the full headline (every column of the summary frame: issue 11's
comparison, "vs vec" and "vs row") and the first four columns (the Cook counts, one red flag, one
warning: kept for continuity with the earlier figures, "vs vec4" and "vs row4").

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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from baselines import (  # noqa: E402
    check_agreement,
    check_cook_flags_agreement,
    cook_flags_row,
    cook_flags_vectorised,
    headline_row,
    headline_vectorised,
)
from check_baselines import as_dicts, cohort  # noqa: E402


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
    sample_out = engine_out.head(args.sample)
    check_agreement(pd.DataFrame([headline_row(d) for d in dicts], index=sample.index), sample_out)
    check_cook_flags_agreement(cook_flags_vectorised(pdf), engine_out)
    check_cook_flags_agreement(pd.DataFrame([cook_flags_row(d) for d in dicts]), sample_out)
    for d, rec in zip(dicts[:2000], engine_out.head(2000).itertuples()):
        assert stenosis.assess(d).pathway.value == rec.pathway

    r = args.repeat
    # (name, rows, the work): each repeat runs every one once, so that a change in the machine's
    # load falls on the baselines and the engine alike; the best time of each is kept.
    paths: list[tuple[str, int, Callable[[], Any]]] = [
        ("baseline: full headline, vectorised", args.rows, lambda: headline_vectorised(pdf)),
        ("baseline: full headline, per-row", len(dicts), lambda: [headline_row(d) for d in dicts]),
        ("baseline: 4 columns, vectorised", args.rows, lambda: cook_flags_vectorised(pdf)),
        ("baseline: 4 columns, per-row", len(dicts), lambda: [cook_flags_row(d) for d in dicts]),
        ("assess_arrow summary (pyarrow, 1 thread)", args.rows, lambda: stenosis.assess_arrow(table, threads=1)),
        ("assess_arrow summary (pyarrow)", args.rows, lambda: stenosis.assess_arrow(table)),
        ("assess_arrow standard (pyarrow)", args.rows, lambda: stenosis.assess_arrow(table, detail="standard")),
        ("assess_frame summary (pandas)", args.rows, lambda: stenosis.assess_frame(pdf)),
        ("assess_frame summary (polars)", args.rows, lambda: stenosis.assess_frame(pldf)),
        ("assess_frame standard (polars)", args.rows, lambda: stenosis.assess_frame(pldf, detail="standard")),
        ("assess_frame standard (pandas)", args.rows, lambda: stenosis.assess_frame(pdf, detail="standard")),
        ("one patient: assess(d).pathway", len(dicts), lambda: [stenosis.assess(d).pathway for d in dicts]),
    ]
    times = [float("inf")] * len(paths)
    for _ in range(r):
        for i, (_, _, work) in enumerate(paths):
            times[i] = min(times[i], best(work, 1))
    figures = [(name, n, secs) for (name, n, _), secs in zip(paths, times)]
    vec, row, vec4, row4 = (secs / n for _, n, secs in figures[:4])
    if args.spark_rows:
        figures += spark_figures(pdf.head(args.spark_rows), r)

    print(f"stenosis {stenosis.__version__}, {os.cpu_count()} cores, {pdf.shape[1]} columns, best of {r}")
    print("ratios: how many times faster than the full-headline baselines (vs vec, vs row: issue 11's")
    print("comparison) and than the four-column ones (vs vec4, vs row4: continuity)")
    print(
        f"{'path':<42}{'rows':>11}{'seconds':>9}{'M rows/s':>10}{'µs/row':>8}"
        f"{'vs vec':>9}{'vs row':>9}{'vs vec4':>9}{'vs row4':>9}"
    )
    for name, n, secs in figures:
        per = secs / n
        print(
            f"{name:<42}{n:>11,}{secs:>9.3f}{1e-6 / per:>10.2f}{per * 1e6:>8.3f}"
            f"{vec / per:>8.2f}x{row / per:>8.2f}x{vec4 / per:>8.2f}x{row4 / per:>8.2f}x"
        )


if __name__ == "__main__":
    main()
