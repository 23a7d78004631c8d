#!/usr/bin/env bash
# Load test of `stenosis serve` (a benchmark, not part of test-all): the release binary on a
# loopback port, pinned to 2 cores, wrk (Debian package) on the same 2 cores, patient-view calls
# with full prefetch. Prints wrk's report; docs/performance.md records the figures.
# Usage: bash scripts/load-test-serve.sh [CONNECTIONS] [SECONDS] [--auth]
#   --auth: authentication on, a fresh one-use ES384 JWT per call (tokens made beforehand, JWK
#   Set served over loopback by python3 -m http.server).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
conns=${1:-32}
secs=${2:-20}
auth=${3:-}
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
cargo build --release -q -p stenosis-serve --bin stenosis-serve --example load_tokens
port=18123
load="$root/crates/stenosis-serve/benches/load"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
work=$(mktemp -d)
if [ "$auth" = "--auth" ]; then
  jport=18124
  (cd crates/stenosis-serve/tests/spec && exec python3 -m http.server "$jport" --bind 127.0.0.1 > /dev/null 2>&1) &
  pids+=($!)
  jku="http://127.0.0.1:$jport/example-jwks.json"
  printf 'base_url = "http://127.0.0.1:%s"\n[[clients]]\niss = "https://fhir-ehr.example.com/"\njku = ["%s"]\n' \
    "$port" "$jku" > "$work/serve.toml"
  target/release/examples/load_tokens $(( secs * 12000 )) "http://127.0.0.1:$port/cds-services/stenosis-patient-view" \
    "$jku" "$work/tokens.txt"
  taskset -c 0,1 target/release/stenosis-serve --listen "127.0.0.1:$port" --config "$work/serve.toml" 2>/dev/null &
  script="$load/hook-auth.lua"
else
  taskset -c 0,1 target/release/stenosis-serve --listen "127.0.0.1:$port" --insecure-no-auth 2>/dev/null &
  script="$load/hook.lua"
fi
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.1; done
STENOSIS_LOAD_BODY="$load/patient-view-prefetch.json" STENOSIS_LOAD_TOKENS="$work/tokens.txt" taskset -c 0,1 \
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "http://127.0.0.1:$port"
