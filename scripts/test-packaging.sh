#!/usr/bin/env bash
# libstenosis packaged like a system library (issue 12), checked from the outside:
#   1. SONAME libstenosis.so.MAJOR, the .so.MAJOR.MINOR.PATCH -> .so.MAJOR -> .so links, every
#      function of stenosis.h exported under the version node STENOSIS_MAJOR and nothing else;
#   2. DESTDIR + PREFIX + LIBDIR honoured (a staged /usr/lib64 install), uninstall removes it all;
#   3. no absolute path in any installed text file; the static library has no debug sections;
#   4. a prefix installed in one place and moved: a pkg-config consumer (shared, and static with
#      `pkg-config --static ... -static`) and a CMake consumer built and run from the new place.
# Usage: bash scripts/test-packaging.sh [--no-build]   (run by scripts/test-c.sh with --no-build,
# after it has built the release library through install.sh). Needs gcc, make, pkg-config, cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
c_dir=bindings/c
work=$(mktemp -d "${TMPDIR:-/tmp}/stenosis-pkg.XXXXXX")
trap 'rm -rf "$work"' EXIT
build=${1:-}
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
major=${version%%.*}
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "- install into a first prefix"
bash "$c_dir/install.sh" "$work/first" $build >/dev/null
lib="$work/first/lib"

echo "- SONAME, links, symbol versions"
readelf -d "$lib/libstenosis.so.$version" > "$work/dyn.txt"
grep -q "SONAME.*\[libstenosis.so.$major\]" "$work/dyn.txt" || fail "SONAME is not libstenosis.so.$major"
[ "$(readlink "$lib/libstenosis.so.$major")" = "libstenosis.so.$version" ] || fail "libstenosis.so.$major link"
[ "$(readlink "$lib/libstenosis.so")" = "libstenosis.so.$major" ] || fail "libstenosis.so link"
grep -oE '\bstenosis_[a-z0-9_]+\(' "$c_dir/include/stenosis.h" | tr -d '(' | grep -v '^stenosis_fault_injection_' \
  | sort -u > "$work/header.txt"
objdump -T "$lib/libstenosis.so.$version" > "$work/dynsym.txt"
awk -v node="STENOSIS_$major" '$2 == "g" && $0 ~ /\.text/ && $(NF-1) == node {print $NF}' "$work/dynsym.txt" \
  | sort -u > "$work/versioned.txt"
diff -u "$work/header.txt" "$work/versioned.txt" || fail "exported functions differ from stenosis.h"
if awk '$2 == "g" && $0 ~ /\.text/' "$work/dynsym.txt" | grep -v " STENOSIS_$major " > "$work/other.txt"; then
  cat "$work/other.txt" >&2; fail "functions exported outside STENOSIS_$major"
fi
echo "  $(wc -l < "$work/versioned.txt") functions, all @@STENOSIS_$major; SONAME libstenosis.so.$major"

echo "- static library stripped of debug information"
if objdump -h "$lib/libstenosis.a" 2>/dev/null | grep -q '\.debug_'; then fail "libstenosis.a has debug sections"; fi
echo "  libstenosis.a: $(( $(stat -c %s "$lib/libstenosis.a") / 1024 / 1024 )) MiB"

echo "- no absolute path in the installed files"
if grep -rlI "$work" "$work/first" > "$work/abs.txt"; then cat "$work/abs.txt" >&2; fail "absolute paths installed"; fi

echo "- DESTDIR, PREFIX and LIBDIR through make; uninstall"
make -s -C "$c_dir" install-only DESTDIR="$work/stage" PREFIX=/usr LIBDIR=lib64 INCLUDEDIR=include >/dev/null
for f in usr/include/stenosis.h usr/lib64/libstenosis.so.$version usr/lib64/libstenosis.so.$major \
  usr/lib64/libstenosis.so usr/lib64/libstenosis.a usr/lib64/pkgconfig/stenosis.pc \
  usr/lib64/cmake/stenosis/stenosisConfig.cmake; do
  [ -e "$work/stage/$f" ] || fail "DESTDIR install lacks $f"
done
[ ! -e "$work/stage/usr/lib" ] || fail "LIBDIR=lib64 ignored"
PKG_CONFIG_PATH="$work/stage/usr/lib64/pkgconfig" pkg-config --variable=libdir stenosis | grep -q '/lib64$' \
  || fail "stenosis.pc libdir is not lib64"
make -s -C "$c_dir" uninstall DESTDIR="$work/stage" PREFIX=/usr LIBDIR=lib64 >/dev/null
left=$(find "$work/stage" -type f -o -type l | wc -l)
[ "$left" = 0 ] || { find "$work/stage" >&2; fail "uninstall left $left files"; }
echo "  staged install into DESTDIR/usr/lib64 and uninstall: ok"

echo "- move the prefix, then build and run consumers from the new place"
mv "$work/first" "$work/moved"
new="$work/moved"
echo '{"age_years": 61, "findings": {"hoffmann_sign": "present", "gait_difficulty": "present"}}' > "$work/case.json"
export PKG_CONFIG_PATH="$new/lib/pkgconfig"
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Werror -pedantic examples/c/assess_file.c $(pkg-config --cflags --libs stenosis) \
  -Wl,-rpath,"$new/lib" -o "$work/pc-shared"
"$work/pc-shared" "$work/case.json" > "$work/pc-shared.json"
ldd "$work/pc-shared" | grep -q "libstenosis.so.$major => $new/lib/" || fail "pkg-config consumer not on the moved .so.$major"
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Werror -pedantic examples/c/assess_file.c $(pkg-config --static --cflags --libs stenosis) \
  -static -o "$work/pc-static" 2>"$work/static-link.txt" || { cat "$work/static-link.txt" >&2; fail "pkg-config --static"; }
"$work/pc-static" "$work/case.json" | cmp - "$work/pc-shared.json" || fail "static consumer differs"
cmake -S examples/c -B "$work/cmake" -DCMAKE_PREFIX_PATH="$new" >/dev/null
cmake --build "$work/cmake" >/dev/null
"$work/cmake/assess_file" "$work/case.json" | cmp - "$work/pc-shared.json" || fail "CMake consumer differs"
grep -rq "$work/first" "$work/cmake/CMakeCache.txt" && fail "the CMake build saw the old prefix"
echo "  pkg-config (shared; --static with -static) and CMake consumers built and run from the moved prefix"
echo "packaging: all checks passed"
