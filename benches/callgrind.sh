#!/usr/bin/env bash
# Instruction counts of the core paths under callgrind (figures in docs/performance.md): for each
# path of benches/callgrind.rs, the instructions of ITERATIONS calls inside `measured` only
# (--toggle-collect), divided by ITERATIONS. Deterministic, unlike timings on a shared machine.
#   bash benches/callgrind.sh [ITERATIONS]   (default 2000; needs valgrind)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-2000}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
bin=$(cargo bench --bench callgrind --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*callgrind[^"]*\)".*/\1/p' | tail -1)
[ -x "$bin" ] || { echo "could not build benches/callgrind.rs" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-22s %14s %12s\n' path "Ir ($n calls)" "Ir per call"
for path in parse summarize headline evaluate assess to_json_full to_json_standard to_json_summary \
            assess_json_full assess_json_standard assess_json_summary; do
  valgrind --tool=callgrind --callgrind-out-file="$out/$path" --toggle-collect='callgrind::measured' \
    "$bin" "$path" "$n" >/dev/null 2>"$out/$path.log"
  ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out/$path")
  printf '%-22s %14s %12s\n' "$path" "$ir" "$((ir / n))"
done
