#!/usr/bin/env bash
# The C ABI's tests, from a fresh clone (needs: the Rust toolchain, gcc/g++, python3, valgrind,
# make, pkg-config). Installs cmake into .venv/ if missing.
#   1. the checked-in header is what `cargo xtask codegen` writes (--update-header rewrites it);
#   2. the C test suite, normally (8 threads), under valgrind memcheck, and with ASan + UBSan;
#   3. the C and C++ examples with the strict warning flags, run;
#   4. consumers against an install prefix: CMake find_package(stenosis) and pkg-config, each
#      with the shared and with the static library; valgrind on the installed release library;
#   5. packaging (scripts/test-packaging.sh): SONAME and versioned links, symbol versions,
#      DESTDIR/PREFIX/LIBDIR, uninstall, a moved prefix still usable.
# Prints the suite's "N passed, N failed" lines; exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
step() { printf '\n--- %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
c_dir=bindings/c
target=${CARGO_TARGET_DIR:-$root/target}
work=$(mktemp -d "${TMPDIR:-/tmp}/stenosis-c.XXXXXX")
trap 'rm -rf "$work"' EXIT
export RUST_BACKTRACE=0  # the fault-injection test panics on purpose; keep its report short

step "cmake"
venv=$(bash scripts/venv.sh)
export PATH="$venv/bin:$PATH"
cmake --version | head -1

step "Header is fresh (cargo xtask codegen: cbindgen =0.29.4 is a library of the xtask)"
if [ "${1:-}" = "--update-header" ]; then
  cargo xtask codegen
else
  cargo xtask codegen --check || {
    echo "FAIL: generated files (bindings/c/include/stenosis.h, ...) are stale: run 'cargo xtask codegen'" >&2
    exit 1
  }
fi

step "Build the test library (debug, fault-injection) and the expected vignette JSON"
cargo build --locked -p stenosis-ffi --features fault-injection
# Expected bytes: the recorded golden outputs (tests/golden), which the core must still produce.
cargo run --locked -q -p stenosis-ffi --example expected_json -- "$work/vignettes" \
  tests/vignettes=tests/golden/vignettes examples/cases=tests/golden/cases >/dev/null
lib="$target/debug"
cflags=(-std=c99 -Wall -Wextra -Werror -pedantic -g -DSTENOSIS_FAULT_INJECTION -I"$c_dir/include")
syslibs=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)

step "C test suite (shared library, 8 threads)"
gcc "${cflags[@]}" -O1 "$c_dir/tests/test_stenosis.c" -L"$lib" -lstenosis -Wl,-rpath,"$lib" -lpthread -lm \
  -o "$work/test_stenosis"
"$work/test_stenosis" "$work/vignettes" 8 4 2>"$work/stderr.txt" | tee "$work/normal.txt"

step "C test suite under valgrind memcheck (2 threads)"
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
  --error-exitcode=1 "$work/test_stenosis" "$work/vignettes" 2 1 2>"$work/valgrind.txt" | tee "$work/vg.txt" || {
  grep -v '^thread\|^fault injection\|^note: run with' "$work/valgrind.txt" | tail -60 >&2
  echo "FAIL: valgrind reported errors or leaks" >&2
  exit 1
}
if grep -q 'definitely lost\|indirectly lost\|Invalid \(read\|write\|free\)\|uninitialised' "$work/valgrind.txt"; then
  cat "$work/valgrind.txt" >&2
  echo "FAIL: valgrind reported errors or leaks" >&2
  exit 1
fi

step "C test suite with AddressSanitizer + UndefinedBehaviorSanitizer (static library, 8 threads)"
gcc "${cflags[@]}" -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  "$c_dir/tests/test_stenosis.c" "$lib/libstenosis.a" "${syslibs[@]}" -o "$work/test_stenosis_asan"
# (nm into a file: `nm | grep -q` fails under pipefail when grep exits early.)
nm "$work/test_stenosis_asan" > "$work/asan-nm.txt"
grep -q '__asan_init' "$work/asan-nm.txt" || { echo "FAIL: ASan is not linked" >&2; exit 1; }
grep -q '__ubsan_handle' "$work/asan-nm.txt" || { echo "FAIL: UBSan is not linked" >&2; exit 1; }
echo "sanitizers linked: $(grep -c '__asan_init\|__ubsan_handle' "$work/asan-nm.txt") symbols"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$work/test_stenosis_asan" "$work/vignettes" 8 2 2>"$work/asan.txt" | tee "$work/asan-out.txt" || {
  grep -v '^thread\|^fault injection\|^note: run with' "$work/asan.txt" | tail -60 >&2
  echo "FAIL: sanitizers" >&2
  exit 1
}

step "Bad-input catalog (tests/bad-input) through the C ABI: normal, valgrind, ASan+UBSan"
gcc "${cflags[@]}" -O1 "$c_dir/tests/test_bad_input.c" -L"$lib" -lstenosis -Wl,-rpath,"$lib" -o "$work/test_bad_input"
"$work/test_bad_input" tests/bad-input | tee "$work/bad-input.txt"
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
  --error-exitcode=1 "$work/test_bad_input" tests/bad-input > "$work/bad-input-vg.txt" 2>"$work/bad-input-valgrind.txt" || {
  tail -40 "$work/bad-input-valgrind.txt" >&2
  echo "FAIL: valgrind on the bad-input catalog" >&2
  exit 1
}
gcc "${cflags[@]}" -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  "$c_dir/tests/test_bad_input.c" "$lib/libstenosis.a" "${syslibs[@]}" -o "$work/test_bad_input_asan"
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1 "$work/test_bad_input_asan" tests/bad-input \
  > "$work/bad-input-asan.txt"

step "C++ wrapper tests: normal, valgrind, ASan+UBSan; temporaries cannot lend out borrowed pointers"
cxxflags=(-std=c++17 -Wall -Wextra -Werror -pedantic -g -I"$c_dir/include")
g++ "${cxxflags[@]}" -O1 "$c_dir/tests/test_cpp.cpp" -L"$lib" -lstenosis -Wl,-rpath,"$lib" -o "$work/test_cpp"
"$work/test_cpp" | tee "$work/cpp.txt"
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
  --error-exitcode=1 "$work/test_cpp" > "$work/cpp-vg.txt" 2>"$work/cpp-valgrind.txt" || {
  tail -40 "$work/cpp-valgrind.txt" >&2
  echo "FAIL: valgrind reported errors or leaks in the C++ wrapper" >&2
  exit 1
}
g++ "${cxxflags[@]}" -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  "$c_dir/tests/test_cpp.cpp" "$lib/libstenosis.a" "${syslibs[@]}" -o "$work/test_cpp_asan"
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1 "$work/test_cpp_asan" > "$work/cpp-asan.txt"
# Reading a borrowed list from a temporary Assessment must not compile (it would dangle).
printf '#include "stenosis.hpp"\nint main() { auto r = stenosis::Presentation().assess().recommendations(); return (int)r.size(); }\n' \
  > "$work/dangling.cpp"
if g++ "${cxxflags[@]}" -fsyntax-only "$work/dangling.cpp" 2>/dev/null; then
  echo "FAIL: a borrowed accessor on a temporary Assessment compiled" >&2
  exit 1
fi
echo "borrowed accessors on temporaries are rejected at compile time"

step "Install the release libraries into a prefix"
prefix="$work/prefix"
bash "$c_dir/install.sh" "$prefix" >/dev/null

step "Packaging: SONAME, symbol versions, DESTDIR/PREFIX/LIBDIR, uninstall, a moved prefix"
bash scripts/test-packaging.sh --no-build
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
vignette=tests/vignettes/02-tandem-stenosis-severe-dcm.json
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["presentation"]))' "$vignette" \
  > "$work/case.json"

step "Examples with pkg-config: C (-std=c99 -pedantic -Werror) and C++ (-std=c++17 -Werror), shared and static"
for kind in shared static; do
  pc=stenosis; [ "$kind" = static ] && pc=stenosis-static
  out="$work/pc-$kind"; mkdir -p "$out"
  for ex in assess_file typed; do
    # shellcheck disable=SC2046
    gcc -std=c99 -Wall -Wextra -Werror -pedantic examples/c/$ex.c $(pkg-config --cflags --libs $pc) \
      -Wl,-rpath,"$prefix/lib" -o "$out/$ex-c"
    # shellcheck disable=SC2046
    g++ -std=c++17 -Wall -Wextra -Werror examples/cpp/$ex.cpp $(pkg-config --cflags --libs $pc) \
      -Wl,-rpath,"$prefix/lib" -o "$out/$ex-cpp"
  done
  if [ "$kind" = static ]; then
    ldd "$out/typed-c" > "$work/ldd.txt"
    ! grep -q libstenosis "$work/ldd.txt" || { echo "FAIL: static example links libstenosis.so" >&2; exit 1; }
  else
    ldd "$out/typed-c" > "$work/ldd.txt"
    grep -q libstenosis.so "$work/ldd.txt" || { echo "FAIL: shared example lacks libstenosis.so" >&2; exit 1; }
  fi
  for lang in c cpp; do
    "$out/assess_file-$lang" "$work/case.json" > "$work/out-$kind-$lang.json"
    "$out/typed-$lang" > "$work/typed-$kind-$lang.txt"
    grep -q '^pathway: further_workup' "$work/typed-$kind-$lang.txt"
    grep -q 'cervical_mri (urgent)' "$work/typed-$kind-$lang.txt"
  done
  cmp "$work/out-$kind-c.json" "$work/out-$kind-cpp.json"
  echo "$kind: examples built and run (C and C++ agree)"
done
# The JSON example's output is the core's JSON plus a newline.
cargo run --locked -q -p stenosis-ffi --example expected_json -- "$work/exp2" "$(dirname "$vignette")" >/dev/null
{ cat "$work/exp2/02-tandem-stenosis-severe-dcm.expected.json"; echo; } | cmp - "$work/out-shared-c.json"
# A bad input: a clear status and message from both languages.
echo '{"age_years": 61, "mjoa": 25}' > "$work/bad.json"
for lang in c cpp; do
  if "$work/pc-shared/assess_file-$lang" "$work/bad.json" 2>"$work/bad-$lang.txt"; then
    echo "FAIL: bad input accepted" >&2; exit 1
  fi
  grep -q 'status 4: mjoa: .*field: mjoa' "$work/bad-$lang.txt"
done
head -3 "$work/typed-shared-c.txt"

step "valgrind memcheck on the installed release library: the C suite and the C examples"
# What integrators link is the optimised library, so memcheck runs on it too (issue 12: an
# Option<u8> in the core once made memcheck report uninitialised values at opt-level 3 only).
vg=(valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
  --error-exitcode=1)
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Werror -pedantic -g -O1 -DSTENOSIS_RELEASE_LIBRARY "$c_dir/tests/test_stenosis.c" \
  $(pkg-config --cflags --libs stenosis) -Wl,-rpath,"$prefix/lib" -lpthread -lm -o "$work/test_stenosis_release"
"${vg[@]}" "$work/test_stenosis_release" "$work/vignettes" 2 1 2>"$work/vg-release.txt" | tee "$work/vg-release-out.txt" || {
  tail -60 "$work/vg-release.txt" >&2
  echo "FAIL: valgrind on the release library" >&2
  exit 1
}
for ex in "assess_file-c $work/case.json" "typed-c"; do
  # shellcheck disable=SC2086
  "${vg[@]}" "$work/pc-shared/"$ex >/dev/null 2>>"$work/vg-release.txt" || {
    tail -60 "$work/vg-release.txt" >&2
    echo "FAIL: valgrind on the release library ($ex)" >&2
    exit 1
  }
done
if grep -q 'uninitialised\|Invalid \(read\|write\|free\)\|definitely lost\|indirectly lost' "$work/vg-release.txt"; then
  cat "$work/vg-release.txt" >&2
  echo "FAIL: valgrind reported errors on the release library" >&2
  exit 1
fi
echo "valgrind (release): $(tail -1 "$work/vg-release-out.txt"); C examples clean"

step "Examples with CMake find_package(stenosis): C and C++, shared and static"
for lang in c cpp; do
  for static in OFF ON; do
    b="$work/cmake-$lang-$static"
    cmake -S examples/$lang -B "$b" -DCMAKE_PREFIX_PATH="$prefix" -DSTENOSIS_STATIC=$static \
      -DCMAKE_BUILD_RPATH="$prefix/lib" >/dev/null
    cmake --build "$b" >/dev/null
    "$b/assess_file" "$work/case.json" | cmp - "$work/out-shared-c.json"
    "$b/typed" > "$work/cmake-typed.txt"
    grep -q '^pathway: further_workup' "$work/cmake-typed.txt"
    echo "cmake $lang static=$static: ok"
  done
done

step "Summary"
printf 'normal:   %s\nvalgrind: %s\nvalgrind (release): %s\nasan:     %s\nbad input: %s (valgrind: %s; asan: %s)\nc++:      %s (valgrind: %s; asan: %s)\n' \
  "$(tail -1 "$work/normal.txt")" "$(tail -1 "$work/vg.txt")" "$(tail -1 "$work/vg-release-out.txt")" "$(tail -1 "$work/asan-out.txt")" \
  "$(tail -1 "$work/bad-input.txt")" "$(tail -1 "$work/bad-input-vg.txt")" "$(tail -1 "$work/bad-input-asan.txt")" "$(tail -1 "$work/cpp.txt")" \
  "$(tail -1 "$work/cpp-vg.txt")" "$(tail -1 "$work/cpp-asan.txt")"
echo "C ABI: all checks passed in $(( $(date +%s) - start ))s"
