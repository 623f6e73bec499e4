#!/bin/sh
# Run the example SPARQL queries of ontology/queries/ over a data file with
# roqet (rasqal-utils) and compare their rows with the expected ones.
#
# Usage: tests/ontology/run_queries.sh DATA [QUERY_DIR]
#
# DATA is a Turtle, N-Triples or N-Quads file (format guessed by roqet from its
# name).  For every QUERY_DIR/NAME.rq (default: ontology/queries) the result
# rows, as CSV from roqet, are turned into tab-separated lines (header dropped,
# tabs and newlines inside a value written as \t and \n), sorted in C order
# and compared with QUERY_DIR/NAME.expected.tsv, also sorted.  A query without
# an expected file, a roqet error or warning, or a difference is a failure.
#
# Prints one line per query and "N passed, M failed"; exits 0 if all passed,
# 1 if some failed, 2 on a usage error.

set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DATA [QUERY_DIR]" >&2
    exit 2
fi
data=$1
queries=${2:-$here/../../ontology/queries}
if [ ! -r "$data" ]; then
    echo "$0: cannot read $data" >&2
    exit 2
fi
command -v roqet >/dev/null 2>&1 || { echo "$0: roqet not found (apt-get install rasqal-utils)" >&2; exit 2; }
case $data in
    /*) ;;
    *) data=$(pwd)/$data ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL

csv_to_tsv() {
    /usr/bin/python3 -c '
import csv, sys
rows = csv.reader(sys.stdin)
next(rows, None)
for row in rows:
    print("\t".join(v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") for v in row))
'
}

passed=0
failed=0
for q in "$queries"/*.rq; do
    [ -e "$q" ] || { echo "$0: no queries in $queries" >&2; exit 2; }
    name=$(basename "$q" .rq)
    expected=$queries/$name.expected.tsv
    if [ ! -r "$expected" ]; then
        failed=$((failed + 1))
        echo "FAIL $name: no $name.expected.tsv"
        continue
    fi
    roqet -q -i sparql -r csv -D "$data" "$q" >"$tmp/out.csv" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
        failed=$((failed + 1))
        echo "FAIL $name: roqet exit $rc"
        sed 's/^/    /' "$tmp/err"
        continue
    fi
    csv_to_tsv <"$tmp/out.csv" | sort >"$tmp/actual"
    sort "$expected" >"$tmp/expected"
    if cmp -s "$tmp/expected" "$tmp/actual"; then
        passed=$((passed + 1))
        echo "ok   $name ($(wc -l <"$tmp/actual" | tr -d ' ') rows)"
    else
        failed=$((failed + 1))
        echo "FAIL $name: rows differ (- expected, + actual)"
        diff -u "$tmp/expected" "$tmp/actual" | sed -n '3,$s/^/    /p'
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
