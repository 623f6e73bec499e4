#!/bin/sh
# telegraph fuzzing: run one libFuzzer campaign and summarise it.
#
#   tests/fuzz/run_campaign.sh TARGET SECONDS [EXTRA LIBFUZZER FLAGS...]
#
# TARGET is fuzz_reader, fuzz_segmenter, fuzz_rules, fuzz_gazetteer,
# fuzz_pipeline or fuzz_jsonl, built in $TG_FUZZ_BUILD (default
# build-fuzz/tests/fuzz of the source tree; see meson.build here).  The
# corpus grows in $TG_FUZZ_WORK/TARGET/corpus (default: that build
# directory's campaign/), seeded from samples/ and ontology/ by seeds.sh;
# crash, leak, timeout and OOM inputs go to .../artifacts/.  Prints the
# executions, coverage (cov = edges, ft = features), time and crashes, and
# exits 1 when a crash was found.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET SECONDS [LIBFUZZER FLAGS...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=${TG_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
build=${TG_FUZZ_BUILD:-$root/build-fuzz/tests/fuzz}
work=${TG_FUZZ_WORK:-$build/campaign}/$target
exe=$build/$target
if [ ! -x "$exe" ]; then
  echo "$0: $exe not built (CC=clang meson setup build-fuzz -Dfuzz=enabled -Db_lundef=false; ninja -C build-fuzz)" >&2
  exit 2
fi
export TELEGRAPH_DATA=${TELEGRAPH_DATA:-$root/ontology}
export TG_SOURCE_ROOT=$root
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}

case $target in
fuzz_pipeline) max_len=4096 ;;
fuzz_rules) max_len=16384 ;;
fuzz_gazetteer) max_len=32768 ;;
*) max_len=8192 ;;
esac

mkdir -p "$work/corpus" "$work/artifacts"
seeds=$work/seeds
rm -rf "$seeds"
sh "$here/seeds.sh" "$target" "$seeds"
log=$work/fuzz.log
start=$(date +%s)
set +e
"$exe" "$work/corpus" "$seeds" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$@" > "$log" 2>&1
rc=$?
set -e
end=$(date +%s)

last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
[ -n "$execs" ] || execs=$(printf '%s\n' "$last" | sed -nE 's/^#([0-9]+).*/\1/p')
cov=$(printf '%s\n' "$last" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
ft=$(printf '%s\n' "$last" | sed -nE 's/.* ft: ([0-9]+).*/\1/p')
corp=$(printf '%s\n' "$last" | sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p')
eps=$(grep -oE '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
crashes=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
echo "target: $target"
echo "executions: ${execs:-?} (${eps:-?}/s)"
echo "coverage: cov ${cov:-?} ft ${ft:-?} corpus ${corp:-?}"
echo "time: $((end - start)) s"
echo "crashes: $crashes (libFuzzer exit status $rc)"
if [ "$crashes" -gt 0 ] || [ "$rc" -ne 0 ]; then
  find "$work/artifacts" -type f | sed 's/^/  artifact: /'
  grep -nE 'ERROR: |SUMMARY: |runtime error|Assertion|ABRT|#[0-9]+ 0x' "$log" | head -n 40
  echo "log: $log"
  exit 1
fi
