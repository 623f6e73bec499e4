#!/bin/sh
# telegraph fuzzing: run every built target briefly over its seeds plus the
# committed regression inputs (tests/fuzz/regressions/TARGET/), for the test
# command.  Environment: TG_FUZZ_BUILD (the build directory of the
# targets), TG_FUZZ_TARGETS (names; default all present), TG_FUZZ_RUNS
# (default 2000 inputs per target).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=${TG_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
build=${TG_FUZZ_BUILD:-$root/build-fuzz/tests/fuzz}
targets=${TG_FUZZ_TARGETS:-fuzz_reader fuzz_segmenter fuzz_rules fuzz_gazetteer fuzz_pipeline fuzz_jsonl fuzz_markup}
runs=${TG_FUZZ_RUNS:-2000}
export TELEGRAPH_DATA=${TELEGRAPH_DATA:-$root/ontology}
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for t in $targets; do
  exe=$build/$t
  if [ ! -x "$exe" ]; then
    echo "skip $t: not built"
    continue
  fi
  ok=1
  # 1. every committed regression input must run clean
  if [ -d "$here/regressions/$t" ] && [ -n "$(ls -A "$here/regressions/$t")" ]; then
    if ! "$exe" -timeout=10 -rss_limit_mb=2048 "$here/regressions/$t"/* > "$tmp/$t.reg.log" 2>&1; then
      echo "FAIL $t: a regression input fails"
      tail -n 30 "$tmp/$t.reg.log"
      ok=0
    fi
  fi
  # 2. a short run from the seeds
  sh "$here/seeds.sh" "$t" "$tmp/$t.seeds"
  mkdir -p "$tmp/$t.corpus" "$tmp/$t.art"
  if ! "$exe" "$tmp/$t.corpus" "$tmp/$t.seeds" -runs="$runs" -max_len=4096 -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="$tmp/$t.art/" > "$tmp/$t.log" 2>&1; then
    echo "FAIL $t: fuzzing found a failure"
    grep -E 'ERROR: |SUMMARY: |runtime error|#[0-9]+ 0x' "$tmp/$t.log" | head -n 30
    ok=0
  fi
  if [ $ok = 1 ]; then
    echo "ok   $t: $(grep -E '^#[0-9]+' "$tmp/$t.log" | tail -n 1)"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
