#!/usr/bin/env bash
# The README's test command: every test of the project, Rust, C and Python, from a fresh clone.
# Installs what it needs (a virtualenv with maturin, pytest, mypy, cmake; cbindgen is a pinned library of the xtask).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "Rust: format, lints, generated files, tests"
bash scripts/test-rust.sh
step "C ABI: header, C/C++ tests, valgrind, sanitizers, CMake and pkg-config"
bash scripts/test-c.sh
step "Python: build with maturin, pytest, mypy, stubtest, notebook"
bash scripts/test-python.sh
step "Browser: the HTML page in headless Chromium (light and dark, contrast, offline)"
bash scripts/test-browser.sh
step "FHIR and CDS Hooks: end-to-end service test, cds-validator, fhir.resources"
bash scripts/test-fhir.sh
step "Fuzzing: 4 cargo-fuzz targets, ${FUZZ_SECONDS:-30}s each (nightly toolchain)"
bash scripts/test-fuzz.sh
step "All tests passed"
