#!/usr/bin/env bash
# Builds libstenosis (release) and installs or uninstalls it like a system library.
#
#   bash bindings/c/install.sh [PREFIX] [--no-build] [--uninstall]
#   make -C bindings/c install PREFIX=/usr LIBDIR=lib64 DESTDIR=/tmp/stage   (the same, via make)
#
# Variables (environment or make): PREFIX (default /usr/local; the first argument overrides it),
# LIBDIR and INCLUDEDIR (relative to PREFIX, or absolute inside it; default lib and include),
# DESTDIR (a staging root prepended to every path written, for packagers), STRIP (default strip).
# Lays out, with MAJOR.MINOR.PATCH from the workspace version:
#   INCLUDEDIR/stenosis.h, stenosis.hpp
#   LIBDIR/libstenosis.so.MAJOR.MINOR.PATCH   SONAME libstenosis.so.MAJOR, symbols versioned
#   LIBDIR/libstenosis.so.MAJOR -> libstenosis.so.MAJOR.MINOR.PATCH, libstenosis.so -> .so.MAJOR
#   LIBDIR/libstenosis.a                      debug info stripped
#   LIBDIR/pkgconfig/stenosis.pc, stenosis-static.pc
#   LIBDIR/cmake/stenosis/stenosisConfig.cmake, stenosisConfigVersion.cmake
# Nothing installed records an absolute path: pkg-config files use ${pcfiledir} and the CMake
# config its own location, so a moved prefix keeps working.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=1 uninstall=0
for a in "$@"; do
  case $a in
    --no-build) build=0 ;;
    --uninstall) uninstall=1 ;;
    -*) echo "install.sh: unknown option $a" >&2; exit 2 ;;
    *) PREFIX=$a ;;
  esac
done
prefix=${PREFIX:-/usr/local}
case $prefix in
  /*) ;;
  *)
    [ -z "${DESTDIR:-}" ] || { echo "install.sh: with DESTDIR, PREFIX must be absolute" >&2; exit 2; }
    mkdir -p "$prefix" && prefix=$(cd "$prefix" && pwd) ;;
esac
prefix=${prefix%/}
# LIBDIR/INCLUDEDIR relative to the prefix (an absolute one must lie inside it).
rel() {
  local d=$1
  case $d in
    "$prefix"/*) d=${d#"$prefix"/} ;;
    /*) echo "install.sh: $d is not inside PREFIX $prefix (the install would not be relocatable)" >&2; exit 2 ;;
  esac
  d=${d%/}
  echo "${d:-.}"
}
libdir=$(rel "${LIBDIR:-lib}")
includedir=$(rel "${INCLUDEDIR:-include}")
dest=${DESTDIR:-}$prefix
# "../" once per directory between a directory under libdir and the prefix.
up() { local p=$1 out=""; IFS=/ read -ra parts <<< "$p"; for x in "${parts[@]}"; do [ "$x" = . ] || out="$out../"; done; echo "${out%/}"; }

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")
major=${version%%.*}
real=libstenosis.so.$version
soname=libstenosis.so.$major
files=(
  "$includedir/stenosis.h" "$includedir/stenosis.hpp"
  "$libdir/$real" "$libdir/$soname" "$libdir/libstenosis.so" "$libdir/libstenosis.a"
  "$libdir/pkgconfig/stenosis.pc" "$libdir/pkgconfig/stenosis-static.pc"
  "$libdir/cmake/stenosis/stenosisConfig.cmake" "$libdir/cmake/stenosis/stenosisConfigVersion.cmake"
)

if [ "$uninstall" = 1 ]; then
  for f in "${files[@]}"; do rm -f "$dest/$f"; done
  rmdir "$dest/$libdir/cmake/stenosis" "$dest/$libdir/cmake" "$dest/$libdir/pkgconfig" 2>/dev/null || true
  echo "uninstalled libstenosis $version from $dest"
  exit 0
fi

target=${CARGO_TARGET_DIR:-$root/target}
grep -q "^STENOSIS_$major {" "$here/stenosis.map" || {
  echo "install.sh: stenosis.map has no node STENOSIS_$major for SONAME $soname" >&2; exit 1; }
if [ "$build" = 1 ]; then
  # The static library (and an unversioned cdylib), then the shipped cdylib: SONAME and the
  # symbol version script through link-versioned.sh.
  (cd "$root" && cargo build --release --locked -p stenosis-ffi >&2)
  (cd "$root" && cargo rustc --release --locked -p stenosis-ffi --lib --crate-type cdylib -- \
    -C linker="$here/link-versioned.sh" -C link-arg=-Wl,-soname,"$soname" >&2)
fi
readelf -d "$target/release/libstenosis.so" | grep -q "SONAME.*\[$soname\]" || {
  echo "install.sh: $target/release/libstenosis.so has no SONAME $soname (built without install.sh?)" >&2; exit 1; }

mkdir -p "$dest/$includedir" "$dest/$libdir/pkgconfig" "$dest/$libdir/cmake/stenosis"
install -m 644 "$here/include/stenosis.h" "$here/include/stenosis.hpp" "$dest/$includedir/"
install -m 755 "$target/release/libstenosis.so" "$dest/$libdir/$real"
ln -sfn "$real" "$dest/$libdir/$soname"
ln -sfn "$soname" "$dest/$libdir/libstenosis.so"
install -m 644 "$target/release/libstenosis.a" "$dest/$libdir/libstenosis.a"
"${STRIP:-strip}" --strip-debug "$dest/$libdir/libstenosis.a" "$dest/$libdir/$real"

pc_prefix="\${pcfiledir}/$(up "$libdir/pkgconfig")"
for pc in stenosis stenosis-static; do
  sed -e "s|@PREFIX@|$pc_prefix|" -e "s|@LIBDIR@|$libdir|" -e "s|@INCLUDEDIR@|$includedir|" \
    -e "s|@VERSION@|$version|" "$here/cmake/$pc.pc.in" > "$dest/$libdir/pkgconfig/$pc.pc"
done
sed -e "s|@UP@|$(up "$libdir/cmake/stenosis")|" -e "s|@LIBDIR@|$libdir|" -e "s|@INCLUDEDIR@|$includedir|" \
  -e "s|@REAL@|$real|" -e "s|@SONAME@|$soname|" \
  "$here/cmake/stenosisConfig.cmake.in" > "$dest/$libdir/cmake/stenosis/stenosisConfig.cmake"
cat > "$dest/$libdir/cmake/stenosis/stenosisConfigVersion.cmake" <<CMAKE
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
echo "$dest"
