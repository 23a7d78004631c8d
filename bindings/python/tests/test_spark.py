"""stenosis.spark.assess on a local Spark session (pyspark from PyPI on the machine's Java):
the same results as assess_frame, ids carried through, both detail levels, bad columns refused on
the driver naming them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

import stenosis
import stenosis.spark
from stenosis import InvalidPresentation

if os.environ.get("STENOSIS_REQUIRE_SPARK") == "1":
    import pyspark  # the test command sets this: pyspark missing is a failure, not a skip
else:
    pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by scripts/venv.sh")
from pyspark.sql import SparkSession  # noqa: E402

N = 6000
# pyspark 4.3 warns on import of its pandas helpers under pandas 3 (which the rest of the suite
# pins); the engine's Spark path exchanges Arrow batches and uses none of them.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("stenosis-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def cohort() -> pd.DataFrame:
    rng = np.random.default_rng(17)
    cols: dict[str, Any] = {
        "patient_id": [f"p{i:05d}" for i in range(N)],
        "age_years": rng.integers(18, 130, N).astype("int64"),  # > 120: row errors
        "sex": rng.choice(["female", "male"], N),
        "mjoa": rng.integers(8, 19, N).astype("int64"),
    }
    for f in ["bilateral_leg_symptoms", "gait_difficulty", "hoffmann_sign", "babinski_sign", "walking_leg_pain",
              "saddle_anesthesia", "urinary_retention", "cervical_cord_compression_on_mri"]:
        v = rng.random(N)
        cols[f] = pd.array(np.where(v < 0.3, True, np.where(v < 0.6, False, None)), dtype="boolean")
    return pd.DataFrame(cols)


def normal(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (list, np.ndarray)):
        return [normal(x) if not isinstance(x, dict) else {k: normal(y) for k, y in x.items()} for x in v]
    if hasattr(v, "asDict"):
        return {k: normal(y) for k, y in v.asDict().items()}
    if isinstance(v, np.integer):
        return int(v)
    return v


@pytest.mark.parametrize("detail", ["summary", "standard"])
def test_spark_agrees_with_assess_frame(spark: Any, detail: str) -> None:
    pdf = cohort()
    sdf = spark.createDataFrame(pdf).repartition(3)
    out = stenosis.spark.assess(sdf, keep=["patient_id"], detail=detail)
    columns = stenosis.RESULT_COLUMNS if detail == "summary" else stenosis.STANDARD_COLUMNS
    assert out.columns == ["patient_id", *columns]
    got = {r["patient_id"]: {k: normal(v) for k, v in r.asDict(recursive=True).items()} for r in out.collect()}
    want = stenosis.assess_frame(pdf, keep=["patient_id"], detail=detail)
    assert len(got) == N
    errors = 0
    for rec in want.to_dict("records"):
        w = {k: normal(list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v) for k, v in rec.items()}
        g = got[w["patient_id"]]
        assert g == w, w["patient_id"]
        errors += w["error"] is not None
    assert 0 < errors < N


def test_an_id_column_is_read_and_shown_kept_or_not(spark: Any) -> None:
    # A frame with the record id: it is read (a bad id is an error of its row), shown once after
    # the kept columns whether or not it is kept, and a kept finding is assessed as well.
    pdf = pd.DataFrame({
        "id": ["k-1", "bad id", "k-3"], "age_years": [70, 40, 58],
        "saddle_anesthesia": [True, None, False], "urinary_retention": [True, None, False],
    })
    sdf = spark.createDataFrame(pdf)
    for keep in ([], ["id"], ["saddle_anesthesia"]):
        out = stenosis.spark.assess(sdf, keep=keep)
        want = stenosis.assess_frame(pdf, keep=keep)
        assert out.columns == list(want.columns) and out.columns.count("id") == 1
        rows = sorted((r.asDict() for r in out.collect()), key=lambda r: r["id"])
        assert [r["id"] for r in rows] == ["bad id", "k-1", "k-3"]
        assert rows[0]["error"].startswith("id") and rows[1]["pathway"] == "emergency"


def test_bad_columns_are_refused_on_the_driver(spark: Any) -> None:
    sdf = spark.createDataFrame(pd.DataFrame({"patient_id": ["a"], "age": [70]}))
    with pytest.raises(InvalidPresentation) as info:
        stenosis.spark.assess(sdf, keep=["patient_id"])
    assert info.value.field == "age"
    with pytest.raises(InvalidPresentation) as info:
        stenosis.spark.assess(sdf.withColumnRenamed("age", "age_years"), keep=["mrn"])
    assert info.value.field == "keep"
