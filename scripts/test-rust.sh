#!/usr/bin/env bash
# Rust: formatting, lints (warnings are errors), generated files up to date, every test
# (unit, doc, integration, property, vignette, CLI), and the benchmarks compile.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --exclude stenosis-py --all-targets -- -D warnings
cargo xtask codegen --check
cargo test --workspace --exclude stenosis-py
cargo bench --no-run --bench assess
# Rustdoc: every public item documented, no broken links (the two `stenosis` libs one at a time).
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p stenosis-core
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p stenosis-ffi
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p stenosis-render
# A quick smoke run of the main job, as the README gives it.
cargo run --quiet -p stenosis-cli -- assess examples/cases/seed-sciatica-cervical.json > /dev/null
echo "Rust: all checks passed"
