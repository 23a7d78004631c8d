#!/usr/bin/env bash
# The HTML page (`stenosis assess --html`) in a real browser: headless Chromium (Debian's
# `chromium`, installed here if missing) renders a red-flag case, a case without one, the page
# with the presentation, the patient view and the notebook card inside a JupyterLab dark theme, each in the light and the dark colour scheme, and
# tests/browser/check_page.py checks that nothing is fetched, that every text element meets WCAG
# AA contrast, that the red-flag region's contrast measured on the screenshot is at least 4.5:1,
# that the scheme is followed and that the red flag prints. Screenshots go to target/browser/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found: installing Debian's chromium" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

venv=$(bash scripts/venv.sh)
stamp="$venv/.browser-requirements.stamp"
want=$(sha256sum tests/browser/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/browser/requirements.txt >&2
  echo "$want" > "$stamp"
fi

cargo build -q -p stenosis-cli
bin="${CARGO_TARGET_DIR:-$root/target}/debug/stenosis"
out="${CARGO_TARGET_DIR:-$root/target}/browser"
rm -rf "$out"
mkdir -p "$out/pages"
"$bin" assess examples/cases/cauda-equina.json --html "$out/pages/cauda-equina.html"
"$bin" assess examples/cases/progressive-weakness.json --html "$out/pages/progressive-weakness.html" --show-presentation
"$bin" assess examples/cases/mild-dcm.json --html "$out/pages/mild-dcm.html"
"$bin" assess examples/cases/cauda-equina.json --html "$out/pages/cauda-equina-patient.html" --audience patient
# The notebook card inside a JupyterLab dark theme (the card's own template, not the page's).
cargo run -q -p stenosis-render --example card -- examples/cases/cauda-equina.json > "$out/pages/card-jupyter-dark.html"

"$venv/bin/python" tests/browser/check_page.py "$(command -v chromium)" "$out" "$out"/pages/*.html
