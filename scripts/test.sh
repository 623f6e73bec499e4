#!/bin/sh
# The whole test suite: set up, build, run every test suite, then build
# again with AddressSanitizer and UndefinedBehaviorSanitizer and run the
# suites that exercise the C code under them.
#
#   scripts/test.sh
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh build --test

# The SHACL engine comes from npm, pinned by tests/shacl/package-lock.json.
if [ ! -d tests/shacl/node_modules ]; then
  (cd tests/shacl && npm ci --silent --no-audit --no-fund)
fi

werror=false
if [ "${CI:-}" = true ]; then
  werror=true
fi
meson configure build -Dwerror=$werror >/dev/null
ninja -C build >/dev/null
meson test -C build --print-errorlogs

# Sanitizers: a second build directory.
if [ ! -f build-asan/build.ninja ]; then
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
meson configure build-asan -Dwerror=$werror >/dev/null
ninja -C build-asan >/dev/null
LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0 \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-asan --print-errorlogs --suite unit --suite cli --suite data

# Fuzzing: every libFuzzer target briefly over its seeds and the committed
# regression inputs (a campaign is tests/fuzz/run_campaign.sh).
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzz=enabled -Db_lundef=false -Dtests=disabled >/dev/null
fi
ninja -C build-fuzz >/dev/null
TG_SOURCE_ROOT=$(pwd) TG_FUZZ_BUILD=$(pwd)/build-fuzz/tests/fuzz sh tests/fuzz/smoke.sh
