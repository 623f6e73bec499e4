#!/bin/sh
# Self-test of the SHACL shapes and of validate.mjs.
#
#   sh run-examples.sh            (after `npm install` in this folder)
#
# - examples/valid-*     must conform (exit 0);
# - examples/invalid-*   must fail (exit 1) with exactly the messages listed
#                        in their "# expect: MESSAGE" header lines: every
#                        expected message appears, and no other one;
# - the seed fixture tests/ontology/fixtures/seed-expected.ttl must conform;
# - a usage error and a parse error must exit 2.
# Prints one line per check and "N passed, M failed"; exits 1 if any failed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shapes="$root/ontology/shapes.ttl"
validate="node $here/validate.mjs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; [ -s "$tmp/out" ] && sed 's/^/    /' "$tmp/out"; }

cd "$here" || exit 2

for f in examples/valid-* "$root/tests/ontology/fixtures/seed-expected.ttl"; do
    $validate "$shapes" "$f" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then ok "$f conforms"; else bad "$f: exit $rc, expected 0"; fi
done

for f in examples/invalid-*; do
    sed -n 's/^# expect: //p' "$f" >"$tmp/expect"
    if [ ! -s "$tmp/expect" ]; then
        : >"$tmp/out"
        bad "$f: no '# expect:' line"
        continue
    fi
    $validate "$shapes" "$f" >"$tmp/out" 2>&1
    rc=$?
    problems=""
    [ "$rc" -eq 1 ] || problems="exit $rc, expected 1"
    while IFS= read -r msg; do
        grep -qF ": $msg [sh:" "$tmp/out" || problems="$problems; missing message: $msg"
    done <"$tmp/expect"
    # Every reported violation must carry one of the expected messages.
    sed 's/^\(.*\)$/: \1 [sh:/' "$tmp/expect" >"$tmp/patterns"
    if grep -v ' passed, .* failed$' "$tmp/out" | grep -vqF -f "$tmp/patterns"; then
        problems="$problems; unexpected message"
    fi
    if [ -z "$problems" ]; then ok "$f fails as expected"; else bad "$f: ${problems#; }"; fi
done

: >"$tmp/out"
$validate "$shapes" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok "usage error exits 2"; else bad "usage error: exit $rc, expected 2"; fi

printf '<a> <b> .\n' >"$tmp/broken.ttl"
$validate "$shapes" "$tmp/broken.ttl" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok "parse error exits 2"; else bad "parse error: exit $rc, expected 2"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
