"""Executes examples/notebooks/cohort_screening.ipynb; any failing cell fails the test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "notebooks" / "cohort_screening.ipynb"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_cohort_screening_notebook_runs(tmp_path: Path) -> None:
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the plot was not rendered"
    assert any("stenosis-card" in o.get("data", {}).get("text/html", "") for o in outputs), "no Assessment card"
    if os.environ.get("STENOSIS_REQUIRE_SPARK") == "1":
        # The test command installs pyspark: the Spark screen must have run, not been skipped.
        printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
        assert "patients with a red flag:" in printed and "skipping the Spark screen" not in printed
