#!/usr/bin/env bash
# Load test of `stenosis serve` (a benchmark, not part of test-all): the release binary on a
# loopback port, pinned to 2 cores, wrk (Debian package) on the same 2 cores, patient-view calls
# with full prefetch. Prints wrk's report; docs/performance.md records the figures.
# Usage: bash scripts/load-test-serve.sh [CONNECTIONS] [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
conns=${1:-32}
secs=${2:-20}
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
cargo build --release -q -p stenosis-serve
port=18123
taskset -c 0,1 target/release/stenosis-serve --listen "127.0.0.1:$port" --insecure-no-auth 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.1; done
load="$root/crates/stenosis-serve/benches/load"
STENOSIS_LOAD_BODY="$load/patient-view-prefetch.json" taskset -c 0,1 \
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$load/hook.lua" "http://127.0.0.1:$port"
