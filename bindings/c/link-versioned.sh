#!/usr/bin/env bash
# The linker for the shipped libstenosis.so (install.sh passes it as `-C linker=`): rustc gives
# the C compiler an anonymous version script of its own, which cannot be combined with named
# version nodes, so this swaps it for bindings/c/stenosis.map. Everything else goes to the C
# compiler unchanged (STENOSIS_LINKER_CC, default cc).
set -euo pipefail
map="$(cd "$(dirname "$0")" && pwd)/stenosis.map"
args=()
for a in "$@"; do
  case $a in
    -Wl,--version-script=*) a="-Wl,--version-script=$map" ;;
  esac
  args+=("$a")
done
exec "${STENOSIS_LINKER_CC:-cc}" "${args[@]}"
