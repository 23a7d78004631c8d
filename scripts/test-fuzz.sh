#!/usr/bin/env bash
# Fuzzing in the test command (issue 12): builds the cargo-fuzz targets of fuzz/ (nightly
# toolchain, AddressSanitizer) and runs each for a bounded time, failing on any crash, panic,
# sanitizer report, leak or timeout. Prints executions and coverage per target.
#
#   bash scripts/test-fuzz.sh                 # FUZZ_SECONDS per target (default 30)
#   FUZZ_SECONDS=3600 FUZZ_JOBS=2 bash scripts/test-fuzz.sh json_assess   # a long run, one target
#
# Installs cargo-fuzz (pinned) into the machine's tool cache if missing ($STENOSIS_TOOLS_DIR,
# default ~/.cache/stenosis-tools, kept across clones so CI on a fresh clone does not rebuild it). The corpus grows between runs in
# $CARGO_TARGET_DIR/fuzz/corpus/<target> (default target/); a crash input is kept in
# $CARGO_TARGET_DIR/fuzz/artifacts/<target>/ and printed (reproduce: cargo +nightly fuzz run
# <target> <file> --fuzz-dir fuzz).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-1}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_assess c_json c_typed arrow_columns)
out=${CARGO_TARGET_DIR:-$root/target}/fuzz
work=$(mktemp -d "${TMPDIR:-/tmp}/stenosis-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

rustup toolchain list | grep -q '^nightly' || {
  echo "FAIL: fuzzing needs the nightly toolchain (rustup toolchain install nightly)" >&2; exit 1; }
tools=${STENOSIS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stenosis-tools}
fuzz="$tools/bin/cargo-fuzz"
if [ "$( { "$fuzz" --version || true; } 2>/dev/null)" != 'cargo-fuzz 0.13.2' ]; then
  cargo install cargo-fuzz --version 0.13.2 --locked --root "$tools"
fi
export PATH="$tools/bin:$PATH"

# The dictionary: JSON syntax (fuzz/json.dict) plus every name and value of the vocabulary,
# taken from the JSON Schema the core derives (never a second hand-kept list).
cp fuzz/json.dict "$work/json.dict"
cargo run --quiet --locked -p stenosis-cli -- schema > "$work/schema.json"
python3 - "$work/schema.json" >> "$work/json.dict" <<'PY'
import json, sys
words = set()
def walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                words.update(v.keys())
            if k == "enum" and isinstance(v, list):
                words.update(x for x in v if isinstance(x, str))
            walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)
walk(json.load(open(sys.argv[1])))
for w in sorted(words):
    print(json.dumps(json.dumps(w)))
PY
echo "dictionary: $(grep -c '^"' "$work/json.dict") entries"

build_start=$(date +%s)
cargo +nightly fuzz build --fuzz-dir fuzz --target-dir "$out" >/dev/null 2>"$work/build.txt" || {
  cat "$work/build.txt" >&2; echo "FAIL: fuzz targets do not build" >&2; exit 1; }
echo "built ${#targets[@]} fuzz targets in $(( $(date +%s) - build_start ))s"

for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  artifacts="$out/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  case $t in json_assess | c_json) seeds=(fuzz/seeds/json) ;; esac
  parallel=()
  # libFuzzer writes each job's log to fuzz-N.log in the working directory when jobs > 1.
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  if ! cargo +nightly fuzz run --fuzz-dir fuzz --target-dir "$out" "$t" "$corpus" "${seeds[@]}" -- \
    -max_total_time="$seconds" "${parallel[@]}" -dict="$work/json.dict" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" > "$work/$t.txt" 2>&1; then
    grep -v '^#[0-9]' "$work/$t.txt" | tail -40 >&2
    echo "FAIL: fuzz target $t: crash input in $artifacts/" >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.txt" | awk '{s+=$1} END {print s+0}')
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/$t.txt" | tail -1)
  echo "fuzz $t: $execs executions in ${seconds}s, $cov, corpus $(find "$corpus" -type f | wc -l) inputs, 0 crashes"
done
