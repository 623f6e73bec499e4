#!/bin/sh
# Run the example SPARQL queries of ontology/queries/ and compare their rows
# with the expected ones.
#
# Usage: tests/ontology/run_queries.sh [OPTIONS] DATA [QUERY_DIR]
#        tests/ontology/run_queries.sh [OPTIONS] --store DB [QUERY_DIR]
#
# DATA is a Turtle, N-Triples or N-Quads file (format guessed by roqet from its
# name), queried with roqet (rasqal-utils).  With --store, the queries run on
# the telegraph store DB through `$TELEGRAPH query` (TELEGRAPH defaults to
# telegraph on PATH).  For every QUERY_DIR/NAME.rq (default: ontology/queries)
# the result rows, as CSV, are turned into tab-separated lines (header
# dropped, tabs and newlines inside a value written as \t and \n), sorted in C
# order and compared with QUERY_DIR/NAME.SUFFIX, also sorted.  A query without
# an expected file, an error, a row that comes twice, or a difference is a
# failure.  Warnings are off (roqet -W 0; the store drops them too): rasqal
# 0.9.33 warns that the internal variables of aggregates are unbound.
#
# Options: --suffix SUFFIX   expected files NAME.SUFFIX (default expected.tsv)
#          --update          rewrite the expected files from the answers
#
# Prints one line per query and "N passed, M failed"; exits 0 if all passed,
# 1 if some failed, 2 on a usage error.

set -u
here=$(cd "$(dirname "$0")" && pwd)
usage() {
    echo "usage: $0 [--suffix SUFFIX] [--update] DATA|--store DB [QUERY_DIR]" >&2
    exit 2
}
store=
suffix=expected.tsv
update=no
while [ $# -gt 0 ]; do
    case $1 in
        --store) [ $# -ge 2 ] || usage; store=$2; shift 2 ;;
        --suffix) [ $# -ge 2 ] || usage; suffix=$2; shift 2 ;;
        --update) update=yes; shift ;;
        --) shift; break ;;
        -*) usage ;;
        *) break ;;
    esac
done
if [ -n "$store" ]; then
    [ $# -le 1 ] || usage
    data=
    queries=${1:-$here/../../ontology/queries}
    tg=${TELEGRAPH:-telegraph}
    [ -r "$store" ] || { echo "$0: cannot read $store" >&2; exit 2; }
else
    [ $# -ge 1 ] && [ $# -le 2 ] || usage
    data=$1
    queries=${2:-$here/../../ontology/queries}
    [ -r "$data" ] || { echo "$0: cannot read $data" >&2; exit 2; }
    command -v roqet >/dev/null 2>&1 || { echo "$0: roqet not found (apt-get install rasqal-utils)" >&2; exit 2; }
    case $data in
        /*) ;;
        *) data=$(pwd)/$data ;;
    esac
fi

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

# run_query QUERY: its CSV answer in $tmp/out.csv, messages in $tmp/err
run_query() {
    if [ -n "$store" ]; then
        "$tg" query --store "$store" --results csv --query-file "$1" >"$tmp/out.csv" 2>"$tmp/err"
    else
        roqet -q -W 0 -i sparql -r csv -D "$data" "$1" >"$tmp/out.csv" 2>"$tmp/err"
    fi
}

passed=0
failed=0
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    [ $# -lt 2 ] || sed 's/^/    /' "$2" | head -40
}
for q in "$queries"/*.rq; do
    [ -e "$q" ] || { echo "$0: no queries in $queries" >&2; exit 2; }
    name=$(basename "$q" .rq)
    expected=$queries/$name.$suffix
    run_query "$q"
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
        fail "$name: exit $rc" "$tmp/err"
        continue
    fi
    csv_to_tsv <"$tmp/out.csv" | sort >"$tmp/actual"
    [ "$update" = no ] || cp "$tmp/actual" "$expected"
    if [ -n "$(uniq -d "$tmp/actual")" ]; then
        uniq -d "$tmp/actual" >"$tmp/dups"
        fail "$name: $(wc -l <"$tmp/dups" | tr -d ' ') rows come more than once" "$tmp/dups"
        continue
    fi
    if [ ! -r "$expected" ]; then
        fail "$name: no $name.$suffix"
        continue
    fi
    sort "$expected" >"$tmp/expected"
    if cmp -s "$tmp/expected" "$tmp/actual"; then
        passed=$((passed + 1))
        echo "ok   $name ($(wc -l <"$tmp/actual" | tr -d ' ') rows, none twice)"
    else
        diff -u "$tmp/expected" "$tmp/actual" | sed -n '3,$p' >"$tmp/diff"
        fail "$name: rows differ from $name.$suffix (- expected, + actual)" "$tmp/diff"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
