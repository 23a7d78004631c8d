#!/usr/bin/env bash
# Creates (or refreshes) the project's virtualenv at .venv with every tool the tests need
# (maturin, pytest, mypy, pandas, polars, pyarrow, cmake, ...). Nothing preinstalled is assumed
# beyond a python3 with the venv module. Prints the venv path.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2 || {
    echo "python3 -m venv failed; installing python3-venv" >&2
    apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
    python3 -m venv "$venv" >&2
  }
fi
stamp="$venv/.requirements.stamp"
reqs=("$root/bindings/python/requirements-dev.txt" "$root/bindings/python/requirements-spark.txt" "$root/bindings/c/requirements-dev.txt")
want=$(cat "${reqs[@]}" 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  for r in "${reqs[@]}"; do
    [ -f "$r" ] && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$r" >&2
  done
  echo "$want" > "$stamp"
fi
echo "$venv"
