#!/bin/sh
# The whole test suite: set up, build, run every test suite, then build
# again with AddressSanitizer and UndefinedBehaviorSanitizer and run the
# suites that exercise the C code under them, then the fuzz smoke run.
#
#   scripts/test.sh
#
# Every stage runs even when an earlier one fails; the failures are listed
# at the end and the script exits 1 if there was any.  Time limits are
# meson's times TG_TIMEOUT_MULTIPLIER (default 2; 4 under the sanitizers),
# so a machine twice as slow, or busy, still passes; the tests' own limits
# (a Check test case's, a test script's on each command it runs) are
# stretched by the same factor (CK_TIMEOUT_MULTIPLIER, TG_TIMEOUT_MULTIPLIER).
set -u
cd "$(dirname "$0")/.."
scripts/setup.sh build --test || { echo "test.sh: set-up failed" >&2; exit 1; }

mult=${TG_TIMEOUT_MULTIPLIER:-2}
failed=""
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# stage NAME COMMAND...: run a stage, its output also kept for the summary.
stage() {
  name=$1
  shift
  echo "== $name"
  if "$@" > "$logs/$name.log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed="$failed $name"
  fi
  cat "$logs/$name.log"
  echo "== $name: $status"
  counts=$(grep -E '^(Ok|Fail|Timeout|Skipped|Expected Fail|Unexpected Pass): ' \
    "$logs/$name.log" | tr -s ' ' | paste -sd ' ' -)
  echo "$name: $status${counts:+ ($counts)}" >> "$logs/verdicts"
}

# The SHACL engine comes from npm, pinned by tests/shacl/package-lock.json.
shacl() {
  [ -d tests/shacl/node_modules ] || (cd tests/shacl && npm ci --silent --no-audit --no-fund)
}

werror=false
if [ "${CI:-}" = true ]; then
  werror=true
fi

build_main() {
  meson configure build -Dwerror=$werror >/dev/null && ninja -C build >/dev/null
}

test_main() {
  TG_TIMEOUT_MULTIPLIER=$mult CK_TIMEOUT_MULTIPLIER=$mult \
    meson test -C build --print-errorlogs --timeout-multiplier "$mult"
}

build_asan() {
  if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || return 1
  fi
  meson configure build-asan -Dwerror=$werror >/dev/null && ninja -C build-asan >/dev/null
}

test_asan() {
  LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0 \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  TG_TIMEOUT_MULTIPLIER=$((mult * 2)) CK_TIMEOUT_MULTIPLIER=$((mult * 2)) \
    meson test -C build-asan --print-errorlogs --timeout-multiplier $((mult * 2)) \
      --suite unit --suite cli --suite data
}

# Fuzzing: every libFuzzer target briefly over its seeds and the committed
# regression inputs (a campaign is tests/fuzz/run_campaign.sh).
build_fuzz() {
  if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz -Dfuzz=enabled -Db_lundef=false -Dtests=disabled \
      >/dev/null || return 1
  fi
  ninja -C build-fuzz >/dev/null
}

fuzz_smoke() {
  TG_SOURCE_ROOT=$(pwd) TG_FUZZ_BUILD=$(pwd)/build-fuzz/tests/fuzz sh tests/fuzz/smoke.sh
}

stage shacl-engine shacl
stage build build_main
stage tests test_main
stage build-asan build_asan
stage tests-asan test_asan
stage build-fuzz build_fuzz
stage fuzz-smoke fuzz_smoke

# The summary last, so that it is what a runner shows: each stage's
# verdict and the test runners' counts.
echo
echo "== summary"
cat "$logs/verdicts"
if [ -n "$failed" ]; then
  echo "test.sh: FAILED:$failed"
  exit 1
fi
echo "test.sh: every stage passed"
