#!/bin/sh
# Check that the Turtle files directly under ontology/ are in canonical form.
#
# Usage: tests/ontology/check_canonical.sh [FILE.ttl...]   (default: ontology/*.ttl)
#
# For each file:
#   - `rapper -i turtle -c` parses it with exit status 0 and prints nothing
#     but its two information lines (no warning, no error);
#   - UTF-8 text with LF line ends, ending in a newline, no tab, no trailing
#     space, indentation in steps of four spaces;
#   - subject blocks written with a prefixed name at the start of a line
#     (tg:Approval, tgsh:ApprovalShape, ...) appear once each, in C order.
# Prints one line per file and "N passed, M failed"; exits 1 if any failed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
LC_ALL=C
export LC_ALL
command -v rapper >/dev/null 2>&1 || { echo "$0: rapper not found (apt-get install raptor2-utils)" >&2; exit 2; }

if [ $# -eq 0 ]; then
    set -- "$root"/ontology/*.ttl
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

for f in "$@"; do
    problems=""
    if [ ! -r "$f" ]; then
        problems="cannot read"
    else
        rapper -i turtle -c "$f" >/dev/null 2>"$tmp/err"
        rc=$?
        grep -v -e '^rapper: Parsing URI ' -e '^rapper: Parsing returned [0-9]* triples$' "$tmp/err" >"$tmp/noise"
        [ "$rc" -eq 0 ] || problems="$problems; rapper exit $rc"
        [ -s "$tmp/noise" ] && problems="$problems; rapper: $(head -n 3 "$tmp/noise" | tr '\n' ' ')"
        iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || problems="$problems; not UTF-8"
        grep -q "$(printf '\r')" "$f" && problems="$problems; CR line ends"
        [ -z "$(tail -c 1 "$f")" ] || problems="$problems; no final newline"
        n=$(grep -n "$(printf '\t')" "$f" | head -n 1 | cut -d: -f1)
        [ -n "$n" ] && problems="$problems; tab at line $n"
        n=$(grep -n ' $' "$f" | head -n 1 | cut -d: -f1)
        [ -n "$n" ] && problems="$problems; trailing space at line $n"
        n=$(awk '{ match($0, /^ */); if (RLENGTH % 4 != 0) { print NR; exit } }' "$f")
        [ -n "$n" ] && problems="$problems; indentation not a multiple of 4 at line $n"
        grep -E '^[A-Za-z][A-Za-z0-9_-]*:[A-Za-z_][A-Za-z0-9_-]*$' "$f" >"$tmp/subjects"
        if ! sort -c -u "$tmp/subjects" 2>"$tmp/sort"; then
            problems="$problems; subject blocks not sorted or repeated ($(sed 's/.*disorder: //' "$tmp/sort"))"
        fi
    fi
    if [ -z "$problems" ]; then
        passed=$((passed + 1))
        echo "ok   $f"
    else
        failed=$((failed + 1))
        echo "FAIL $f: ${problems#; }"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
