#!/bin/sh
# Memcheck: telegraph under valgrind over every sample in every format, in
# batches on one and two workers, and over JSON Lines with broken lines; any
# error or leak fails.  PCRE2's JIT is turned off (TELEGRAPH_NO_JIT=1)
# because valgrind cannot follow JIT code; the patterns are the same.
#
# Environment: TELEGRAPH, TG_SOURCE_ROOT.
set -u
root=${TG_SOURCE_ROOT:?}
tg=${TELEGRAPH:?}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP valgrind is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TELEGRAPH_NO_JIT=1
pass=0
fail=0
vg() {
  name=$1
  shift
  if valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
       --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
       --suppressions="$root/tests/memcheck/raptor.supp" \
       "$tg" -q "$@" > "$tmp/out" 2> "$tmp/err"; [ $? -ne 99 ] && ! grep -q "==[0-9]*==" "$tmp/err"; then
    echo "ok   $name"
    pass=$((pass + 1))
  else
    echo "FAIL $name"
    head -40 "$tmp/err"
    fail=$((fail + 1))
  fi
}
printf '%s\n' '{"id":"a","text":"The Ministry of Commerce approved licences for Acme Robotics Co in Shanghai on Friday."}' \
  '{"id": broken' '{"id":"b"}' > "$tmp/bad.jsonl"
vg "turtle, all samples" -f turtle "$root"/samples/*.txt
vg "ntriples full provenance, -j 2" -f ntriples --provenance full -j 2 "$root"/samples
vg "nquads, JSON Lines with broken lines" -f nquads "$tmp/bad.jsonl"
vg "rdfxml, seed" -f rdfxml "$root/samples/miit-2025-02-28.txt"
vg "dot, seed" -f dot "$root/samples/miit-2025-02-28.txt"
vg "html, seed" -f html "$root/samples/miit-2025-02-28.txt"
vg "explain, samples" --explain "$root"/samples/*.txt
vg "missing input" "$tmp/no-such-file.txt"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
