#!/usr/bin/env bash
# FHIR and CDS Hooks against validators no one here wrote: runs the service's end-to-end test
# (the real binary on loopback, a FHIR server and a JWK Set served by the test, the CDS Hooks
# specification's example requests and ES384 key), captures what went over the wire, and checks
# the discovery document and hook responses with the `cds-validator` npm package and the
# OperationOutcomes and Bundles with the `fhir.resources` PyPI package. Both are installed on first
# use and cached (npm in $STENOSIS_TOOLS_DIR/node, default ~/.cache/stenosis-tools, kept across clones;
# .venv for pip); node/npm come from apt only if missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

venv=$(bash scripts/venv.sh)
want="fhir.resources==8.3.0"
if [ "$(cat "$venv/.fhir-resources.stamp" 2>/dev/null)" != "$want" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$want"
  echo "$want" > "$venv/.fhir-resources.stamp"
fi

if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "node/npm missing; installing from apt" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
node_dir="${STENOSIS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stenosis-tools}/node"
if ! grep -q '"version": "0.3.0"' "$node_dir/node_modules/cds-validator/package.json" 2>/dev/null; then
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --silent cds-validator@0.3.0
fi

art=$(mktemp -d)
trap 'rm -rf "$art"' EXIT
STENOSIS_FHIR_ARTIFACTS="$art" cargo test --quiet -p stenosis-serve --test e2e
NODE_PATH="$node_dir/node_modules" node scripts/fhir/validate-cds.js "$art"
"$venv/bin/python" scripts/fhir/validate_fhir.py "$art" examples/fhir
echo "FHIR and CDS Hooks: all checks passed"
