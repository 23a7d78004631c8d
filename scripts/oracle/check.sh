#!/usr/bin/env bash
# The differential check of a rules refactor (docs/reliability.md): runs NEW_STENOSIS_BINARY's
# `batch` on the reference cohort at --detail full, standard and summary, compares each output
# line's SHA-1 with the reference that make.sh kept, and prints, per level, the number of lines
# that differ; for the first 3 of each level, the input line and a diff of the old JSON
# (regenerated with the kept stenosis-old) against the new.
#
#   scripts/oracle/check.sh NEW_STENOSIS_BINARY [OUTDIR]
#
# OUTDIR defaults to /work/wt/_coord/oracle. Exit 0 when every line of every level is identical,
# 1 when any differs, 2 on a usage or setup error. ORACLE_THREADS (1) sets the batch threads,
# ORACLE_LEVELS ("full standard summary") the levels checked.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
new=${1:?usage: check.sh NEW_STENOSIS_BINARY [OUTDIR]}
outdir=${2:-/work/wt/_coord/oracle}
threads=${ORACLE_THREADS:-1}
levels=${ORACLE_LEVELS:-full standard summary}
old="$outdir/stenosis-old"
cohort="$outdir/cohort.jsonl"

for f in "$old" "$cohort" "$outdir/META"; do
  [ -e "$f" ] || { echo "check.sh: $f missing: run scripts/oracle/make.sh first" >&2; exit 2; }
done
[ -x "$new" ] || { echo "check.sh: $new is not an executable" >&2; exit 2; }
want=$(sed -n 's/^cohort_sha1=//p' "$outdir/META")
have=$(sha1sum < "$cohort" | cut -d' ' -f1)
if [ "$want" != "$have" ]; then
  echo "check.sh: $cohort changed since make.sh (sha1 $have, META says $want): rerun make.sh" >&2
  exit 2
fi
echo "reference: $(sed -n 's/^commit=//p' "$outdir/META") ($(sed -n 's/^version=//p' "$outdir/META")), $(sed -n 's/^lines=//p' "$outdir/META") lines"
echo "new:       $new ($("$new" --version))"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/oracle-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Indented JSON in the record's own key order (or the text as it is, if it is not JSON).
pretty() {
  python3 -c '
import json, sys
t = sys.stdin.read()
try:
    print(json.dumps(json.loads(t), indent=1, ensure_ascii=False))
except ValueError:
    sys.stdout.write(t)
' "$@"
}

total=0
for detail in $levels; do
  t0=$(date +%s%N)
  rm -f "$scratch"/*.new
  set +e
  "$new" batch --threads "$threads" --detail "$detail" "$cohort" - \
    | python3 "$here/hashlines.py" compare "$outdir/$detail.sha1" -k 3 --keep "$scratch" > "$scratch/result"
  status=("${PIPESTATUS[@]}")
  set -e
  ms=$((($(date +%s%N) - t0) / 1000000))
  if [ "${status[1]}" != 0 ]; then
    echo "check.sh: hashing failed for --detail $detail" >&2
    exit 2
  fi
  read -r differ first < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["differing"], " ".join(map(str, r["first"])))' "$scratch/result")
  echo "--detail $detail: $differ differing lines ($(cat "$scratch/result"); batch exit ${status[0]}; $((ms / 1000)).$(printf %03d $((ms % 1000))) s)"
  total=$((total + differ))
  for line in $first; do
    echo
    echo "=== --detail $detail, line $line: input"
    sed -n "${line}p" "$cohort" | tee "$scratch/in.jsonl"
    # The old record: the line alone through stenosis-old (its records depend on their line
    # only). The new: the record of the whole run (a record that depends on its neighbours, as a
    # bug in evaluating rows together would make it, shows only there), and the line alone.
    "$old" batch --threads 1 --detail "$detail" "$scratch/in.jsonl" - > "$scratch/old.raw" 2>/dev/null || true
    "$new" batch --threads 1 --detail "$detail" "$scratch/in.jsonl" - > "$scratch/alone.raw" 2>/dev/null || true
    if [ -e "$scratch/$line.new" ]; then
      cp "$scratch/$line.new" "$scratch/new.raw"
    else
      : > "$scratch/new.raw" # the new output has no such line
    fi
    pretty < "$scratch/old.raw" > "$scratch/old.json"
    pretty < "$scratch/new.raw" > "$scratch/new.json"
    echo "=== diff old new (new: line $line of the whole run)"
    if diff -u --label old --label new "$scratch/old.json" "$scratch/new.json"; then
      if ! cmp -s "$scratch/old.raw" "$scratch/new.raw"; then
        echo "(the same JSON values, different bytes:)"
        cmp "$scratch/old.raw" "$scratch/new.raw" || true
      fi
    fi
    if ! cmp -s "$scratch/alone.raw" "$scratch/new.raw"; then
      echo "=== NOTE: the new binary gives this line alone a different record than in the whole run"
      echo "    (its record depends on the other lines); diff whole-run alone:"
      pretty < "$scratch/alone.raw" > "$scratch/alone.json"
      diff -u --label whole-run --label alone "$scratch/new.json" "$scratch/alone.json" || true
    fi
  done
done

echo
if [ "$total" = 0 ]; then
  echo "check.sh: IDENTICAL on every line of: $levels"
  exit 0
fi
echo "check.sh: $total differing lines in all"
exit 1
