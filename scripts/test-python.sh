#!/usr/bin/env bash
# The Python binding's test command, from a fresh clone:
#   1. a virtualenv with every tool (scripts/venv.sh; nothing preinstalled is assumed),
#   2. the native module built with maturin (release) and installed into it,
#   3. rustfmt and clippy on the binding crate,
#   4. pytest (API, errors, hypothesis properties, pandas/polars cohorts, the notebook via nbclient),
#   5. mypy.stubtest (stubs against the module) and mypy --strict (package and examples).
# Exits non-zero on the first failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

venv=$(bash scripts/venv.sh)
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" PYO3_PYTHON="$venv/bin/python"

echo "== rustfmt and clippy (stenosis-py)" >&2
cargo fmt -p stenosis-py -- --check
cargo clippy -q -p stenosis-py --all-targets -- -D warnings

echo "== the CLI (an independent source of the core's JSON for the vignette tests)" >&2
cargo build -q -p stenosis-cli
export STENOSIS_CLI="${CARGO_TARGET_DIR:-$root/target}/debug/stenosis"

echo "== maturin develop --release" >&2
(cd bindings/python && maturin develop --release --quiet)

echo "== pytest" >&2
# pyspark is in the virtualenv: the Spark test and the notebook's Spark screen must run, not skip.
(cd bindings/python && STENOSIS_REQUIRE_SPARK=1 python -m pytest -q -p no:cacheprovider)

echo "== mypy.stubtest and mypy --strict" >&2
(cd bindings/python && python -m mypy.stubtest stenosis._stenosis)
(cd bindings/python && mypy --strict python/stenosis)
mypy --strict examples/python/*.py
echo "python binding: all checks passed" >&2
