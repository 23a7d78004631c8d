from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
VIGNETTES = sorted((ROOT / "tests" / "vignettes").glob("*.json"))
CASES = sorted((ROOT / "examples" / "cases").glob("*.json"))
GOLDEN = ROOT / "tests" / "golden"


def compact(pretty: str) -> str:
    """A golden file (pretty JSON) as the core's compact JSON: every whitespace character
    outside strings removed (the same rule as tests/golden.rs)."""
    out: list[str] = []
    in_string = escaped = False
    for c in pretty:
        if in_string:
            out.append(c)
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif not c.isspace():
            out.append(c)
    return "".join(out)


def load_vignette(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


@pytest.fixture(scope="session")
def stenosis_cli() -> str | None:
    """The CLI binary (`stenosis assess --json`), as an independent source of the core's JSON:
    $STENOSIS_CLI, else target/{debug,release}/stenosis, else None."""
    env = os.environ.get("STENOSIS_CLI")
    if env:
        return env
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "stenosis"
        if p.exists():
            return str(p)
    return shutil.which("stenosis-cli")
