#!/usr/bin/env bash
# Builds libstenosis (release) and installs it for C and C++ projects:
#   PREFIX/include/stenosis.h, stenosis.hpp
#   PREFIX/lib/libstenosis.so, libstenosis.a
#   PREFIX/lib/pkgconfig/stenosis.pc (shared), stenosis-static.pc (static)
#   PREFIX/lib/cmake/stenosis/stenosisConfig.cmake, stenosisConfigVersion.cmake
# Usage: bash bindings/c/install.sh PREFIX [--no-build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=${1:?usage: install.sh PREFIX [--no-build]}
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
if [ "${2:-}" != "--no-build" ]; then
  (cd "$root" && cargo build --release --locked -p stenosis-ffi >&2)
fi
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")
mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/stenosis"
install -m 644 "$here/include/stenosis.h" "$here/include/stenosis.hpp" "$prefix/include/"
install -m 755 "$target/release/libstenosis.so" "$prefix/lib/"
install -m 644 "$target/release/libstenosis.a" "$prefix/lib/"
for pc in stenosis stenosis-static; do
  sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" "$here/cmake/$pc.pc.in" > "$prefix/lib/pkgconfig/$pc.pc"
done
install -m 644 "$here/cmake/stenosisConfig.cmake" "$prefix/lib/cmake/stenosis/"
cat > "$prefix/lib/cmake/stenosis/stenosisConfigVersion.cmake" <<CMAKE
set(PACKAGE_VERSION "$version")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  string(REGEX MATCH "^[0-9]+\\\\.[0-9]+" _have "\${PACKAGE_VERSION}")
  string(REGEX MATCH "^[0-9]+\\\\.[0-9]+" _want "\${PACKAGE_FIND_VERSION}")
  if(PACKAGE_FIND_VERSION STREQUAL "" OR _have STREQUAL _want)
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  else()
    set(PACKAGE_VERSION_COMPATIBLE FALSE)
  endif()
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
endif()
CMAKE
echo "$prefix"
