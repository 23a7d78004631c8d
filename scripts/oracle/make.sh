#!/usr/bin/env bash
# The reference of the differential check of a rules refactor (docs/reliability.md, "Differential
# check of a rules refactor"): builds the CLI of CHECKOUT (release), writes the cohort, runs
# `stenosis batch` on it at --detail full (which includes next_findings, the second compiled
# instance of the rules), standard and summary, and keeps the per-line SHA-1 of each output (not
# the outputs: gigabytes), the binary (stenosis-old), the cohort and a table of what the cohort
# reaches, in OUTDIR.
#
#   scripts/oracle/make.sh [CHECKOUT] [OUTDIR]
#
# CHECKOUT defaults to the checkout this script is in, OUTDIR to /work/wt/_coord/oracle.
# Environment: ORACLE_N (lines, 300000), ORACLE_SEED (1), ORACLE_THREADS (batch threads, 1),
# ORACLE_TARGET_DIR (default: CHECKOUT/target). Builds with CARGO_BUILD_JOBS=1 unless set.
#
# The target directory must be CHECKOUT's own. Sharing one between two checkouts of the workspace
# (worktrees) is unsafe: here, `cargo build` for /work/main with a worktree's target directory
# answered "Finished" at once and left the binary of the worktree's (temporarily mutated) rules,
# which then became the reference. So CARGO_TARGET_DIR from the environment is ignored.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(cd "${1:-$here/../..}" && pwd)
outdir=${2:-/work/wt/_coord/oracle}
n=${ORACLE_N:-300000}
seed=${ORACLE_SEED:-1}
threads=${ORACLE_THREADS:-1}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

secs_since() { local ms=$((($(date +%s%N) - $1) / 1000000)); printf "%d.%03d" $((ms / 1000)) $((ms % 1000)); }

commit=$(git -C "$checkout" rev-parse HEAD)
dirty=$(git -C "$checkout" status --porcelain --untracked-files=no | head -c 1000)
if [ -n "$dirty" ]; then
  echo "make.sh: $checkout has uncommitted changes to tracked files; the reference must be a commit" >&2
  echo "$dirty" >&2
  exit 2
fi
mkdir -p "$outdir"

t0=$(date +%s%N)
target=${ORACLE_TARGET_DIR:-$checkout/target}
CARGO_TARGET_DIR=$target cargo build --release --locked -p stenosis-cli --manifest-path "$checkout/Cargo.toml" >&2
cp "$target/release/stenosis" "$outdir/stenosis-old.tmp"
mv "$outdir/stenosis-old.tmp" "$outdir/stenosis-old"
old="$outdir/stenosis-old"
t_build=$(secs_since "$t0")

t0=$(date +%s%N)
"$old" schema > "$outdir/schema.json"
python3 "$here/cohort.py" --schema "$outdir/schema.json" --repo "$checkout" --seed "$seed" -n "$n" \
  > "$outdir/cohort.jsonl.tmp"
mv "$outdir/cohort.jsonl.tmp" "$outdir/cohort.jsonl"
t_cohort=$(secs_since "$t0")

declare -A secs
for detail in full standard summary; do
  extra=()
  vocab=(--vocab "$checkout/docs/vocabulary.md")
  [ "$detail" = summary ] && extra=(--summary "$outdir/coverage-summary.md" "${vocab[@]}")
  [ "$detail" = standard ] && extra=(--rules "$outdir/coverage-rules.md" "${vocab[@]}" \
    --rules-src "$checkout/crates/stenosis-core/src/rules")
  t0=$(date +%s%N)
  set +e
  "$old" batch --threads "$threads" --detail "$detail" "$outdir/cohort.jsonl" - \
    | python3 "$here/hashlines.py" hash "$outdir/$detail.sha1" "${extra[@]}" > "$outdir/$detail.count"
  status=("${PIPESTATUS[@]}")
  set -e
  if [ "${status[0]}" != 0 ] || [ "${status[1]}" != 0 ]; then
    echo "make.sh: batch --detail $detail exited ${status[0]}, hashing ${status[1]} (every cohort line must be valid)" >&2
    exit 1
  fi
  secs[$detail]=$(secs_since "$t0")
  echo "make.sh: --detail $detail: $(cat "$outdir/$detail.count") in ${secs[$detail]} s" >&2
done

cat > "$outdir/META" <<EOF
commit=$commit
checkout=$checkout
target_dir=$target
made=$(date -u +%Y-%m-%dT%H:%M:%SZ)
seed=$seed
lines=$n
threads=$threads
cohort_sha1=$(sha1sum < "$outdir/cohort.jsonl" | cut -d' ' -f1)
binary_sha1=$(sha1sum < "$old" | cut -d' ' -f1)
version=$("$old" --version)
seconds_build=$t_build
seconds_cohort=$t_cohort
seconds_full=${secs[full]}
seconds_standard=${secs[standard]}
seconds_summary=${secs[summary]}
EOF
cat "$outdir/META"
