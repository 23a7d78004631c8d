#!/usr/bin/env bash
# The README's test command: every test of the project, Rust, C and Python, from a fresh clone.
# Installs what it needs (a virtualenv with maturin, pytest, mypy, cmake; cargo-fuzz, pinned, in
# ~/.cache/stenosis-tools, or $STENOSIS_TOOLS_DIR; cbindgen is a pinned library of the xtask) and keeps those installs between runs.
# Honours CARGO_TARGET_DIR. Prints an estimate first, the time of each step as it ends, and a
# table of step times at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
names=() times=()
current="" current_start=$start
finish_step() {
  if [ -n "$current" ]; then
    local took=$(( $(date +%s) - current_start ))
    names+=("$current") times+=("$took")
    printf '=== %s: done in %ss (total %ss)\n' "$current" "$took" "$(( $(date +%s) - start ))"
  fi
}
step() {
  finish_step
  current=$1 current_start=$(date +%s)
  printf '\n=== %s (%ss)\n' "$*" "$(( current_start - start ))"
}
fresh=""
[ -x .venv/bin/python ] && [ -x "${STENOSIS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stenosis-tools}/bin/cargo-fuzz" ] || fresh=" (first run: + ~6 min of tool installs)"
echo "stenosis test-all: about 15 min on 2 cores from a fresh clone$fresh:"
echo "  Rust ~5, C ABI ~3, Python ~2, browser ~1, FHIR ~1, fuzzing ~4 (FUZZ_SECONDS=${FUZZ_SECONDS:-30} x 4 + build)"

step "Rust: format, lints, generated files, tests"
bash scripts/test-rust.sh
step "C ABI: header, C/C++ tests, valgrind (debug and release), sanitizers, bad-input catalog, packaging"
bash scripts/test-c.sh
step "Python: build with maturin, pytest, mypy, stubtest, notebook"
bash scripts/test-python.sh
step "Browser: the HTML page in headless Chromium (light and dark, contrast, offline)"
bash scripts/test-browser.sh
step "FHIR and CDS Hooks: end-to-end service test, cds-validator, fhir.resources"
bash scripts/test-fhir.sh
step "Fuzzing: 4 cargo-fuzz targets, ${FUZZ_SECONDS:-30}s each (nightly toolchain)"
bash scripts/test-fuzz.sh
finish_step
echo
echo "=== step times"
for i in "${!names[@]}"; do printf '  %5ss  %s\n' "${times[$i]}" "${names[$i]}"; done
printf '  %5ss  total\n' "$(( $(date +%s) - start ))"
echo "=== All tests passed"
