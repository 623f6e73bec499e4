#!/bin/sh
# Loading into a real SPARQL server: start a throw-away Virtuoso on
# loopback, bulk-load telegraph's N-Quads of samples/*.txt (ld_dir and
# rdf_loader_run), run the example queries of ontology/queries/ over its
# SPARQL HTTP endpoint and compare the rows with the same queries on the
# embedded sqlite store.  Shuts Virtuoso down and removes everything after.
#
# Usage: tests/store/virtuoso.sh
# Environment: STORE_DRIVER (default build/tests/store/store_driver),
# TELEGRAPH (default build/telegraph), TELEGRAPH_DATA (default ontology/).
#
# Needs the Debian package virtuoso-opensource (and curl); exits 77
# (skipped) without it.  Every step is bounded with timeout(1).  Prints one
# line per check and "N passed, M failed"; exits 0 if all passed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
driver=${STORE_DRIVER:-$root/build/tests/store/store_driver}
telegraph=${TELEGRAPH:-$root/build/telegraph}
TELEGRAPH_DATA=${TELEGRAPH_DATA:-$root/ontology}
export TELEGRAPH_DATA
LC_ALL=C
export LC_ALL

virtuoso=$(command -v virtuoso-t)
isql=$(command -v isql-vt || command -v isql-v)
if [ -z "$virtuoso" ] || [ -z "$isql" ]; then
    echo "SKIP: Virtuoso is not installed (apt-get install -y virtuoso-opensource)"
    exit 77
fi
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed"; exit 77; }
for f in "$driver" "$telegraph"; do
    [ -x "$f" ] || { echo "$0: no $f (build first, or set STORE_DRIVER and TELEGRAPH)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/tg-virtuoso-XXXXXX)
pid=
cleanup() {
    if [ -n "$pid" ]; then
        timeout 30 "$isql" "127.0.0.1:$port" dba dba "exec=shutdown();" >/dev/null 2>&1
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)
http=$(free_port)
while [ "$http" = "$port" ]; do http=$(free_port); done

mkdir "$tmp/db" "$tmp/load"
cat >"$tmp/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $tmp/db/virtuoso.db
ErrorLogFile = $tmp/db/virtuoso.log
LockFile = $tmp/db/virtuoso.lck
TransactionFile = $tmp/db/virtuoso.trx
xa_persistent_file = $tmp/db/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $tmp/db/virtuoso-temp.db
TransactionFile = $tmp/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$port
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxStaticCursorRows = 5000
DirsAllowed = ., $tmp
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:$http
ServerRoot = $tmp/db
ServerThreads = 5
MaxKeepAlives = 5
KeepAliveTimeout = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
DefaultGraph = urn:telegraph:default
EOF

(cd "$tmp/db" && exec timeout 550 "$virtuoso" -f -c "$tmp/virtuoso.ini") >"$tmp/server.out" 2>&1 &
pid=$!
up=no
i=0
while [ $i -lt 120 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if timeout 10 "$isql" "127.0.0.1:$port" dba dba "exec=status();" >/dev/null 2>&1 &&
            curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$http/sparql"; then
        up=yes
        break
    fi
    sleep 1
    i=$((i + 1))
done
if [ "$up" = no ]; then
    echo "$0: Virtuoso did not start:" >&2
    tail -n 30 "$tmp/server.out" "$tmp/db/virtuoso.log" 2>/dev/null | sed 's/^/    /' >&2
    exit 1
fi

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ $# -lt 2 ] || sed 's/^/    /' "$2"; }

# 1. telegraph's N-Quads of the samples, bulk-loaded.
if timeout 300 "$telegraph" -q -f nquads -o "$tmp/load/samples.nq" "$root"/samples/*.txt \
        2>"$tmp/err"; then
    # Entities mentioned by several articles are described in each
    # article's output: the quads are the distinct lines.
    quads=$(LC_ALL=C sort -u "$tmp/load/samples.nq" | wc -l | tr -d ' ')
    ok "telegraph -f nquads: $quads quads"
else
    fail "telegraph -f nquads" "$tmp/err"
fi
t0=$(date +%s.%N)
timeout 300 "$isql" "127.0.0.1:$port" dba dba >"$tmp/isql.out" 2>&1 <<EOF
ld_dir('$tmp/load', '*.nq', 'urn:telegraph:default');
rdf_loader_run();
checkpoint;
SELECT ll_state, ll_error FROM DB.DBA.load_list;
SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/telegraph/id/")) };
EOF
t1=$(date +%s.%N)
loaded=$(grep -E '^[0-9]+ *$' "$tmp/isql.out" | tail -n 1 | tr -d ' ')
if grep -q '^2 *NULL' "$tmp/isql.out" && [ "${loaded:-0}" = "${quads:-x}" ]; then
    ok "bulk load: $loaded quads in $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s"
else
    fail "bulk load ($loaded of ${quads:-?} quads)" "$tmp/isql.out"
fi

# 2. The embedded store, loaded from the same articles.
if timeout 300 "$driver" "$tmp/kg.db" load "$root"/samples/*.txt 2>"$tmp/err"; then
    ok "sqlite store: $(grep -o 'loaded.*' "$tmp/err")"
else
    fail "sqlite store" "$tmp/err"
fi

# CSV rows as tab-separated lines, header dropped, sorted.  Virtuoso keeps
# xsd:decimal as a number, so STR() gives "4450000" where the stored lexical
# form (and rasqal's answer) is "4450000.0": decimals are compared with
# trailing fractional zeros dropped.
csv_rows() {
    /usr/bin/python3 -c '
import csv, re, sys
def norm(v):
    if re.fullmatch(r"-?[0-9]+\.[0-9]+", v):
        v = v.rstrip("0").rstrip(".")
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
rows = csv.reader(sys.stdin)
next(rows, None)
out = ["\t".join(norm(v) for v in r) for r in rows]
print("\n".join(sorted(out)))
'
}

# 3. Each example query: same rows from Virtuoso's endpoint and the store.
for q in "$root"/ontology/queries/*.rq; do
    name=$(basename "$q" .rq)
    if ! curl -sS --fail --max-time 120 -H 'Accept: text/csv' \
            --data-urlencode "query@$q" --data-urlencode 'format=text/csv' \
            "http://127.0.0.1:$http/sparql" >"$tmp/v.csv" 2>"$tmp/err"; then
        cat "$tmp/v.csv" >>"$tmp/err"
        fail "query $name on Virtuoso" "$tmp/err"
        continue
    fi
    if ! timeout 300 "$driver" "$tmp/kg.db" --results csv query "$q" >"$tmp/s.csv" 2>"$tmp/err"; then
        fail "query $name on sqlite" "$tmp/err"
        continue
    fi
    csv_rows <"$tmp/v.csv" >"$tmp/v.rows"
    csv_rows <"$tmp/s.csv" >"$tmp/s.rows"
    rows=$(grep -c . "$tmp/s.rows")
    if [ "$rows" -gt 0 ] && cmp -s "$tmp/v.rows" "$tmp/s.rows"; then
        ok "query $name: same $rows rows"
    else
        diff -u "$tmp/s.rows" "$tmp/v.rows" >"$tmp/diff.full"; { grep "^-[^-]" "$tmp/diff.full" | head -n 10; grep "^+[^+]" "$tmp/diff.full" | head -n 10; } >"$tmp/diff"
        echo "($rows rows on sqlite, $(grep -c . "$tmp/v.rows") on Virtuoso; - sqlite, + Virtuoso; first 10 of each)" >>"$tmp/diff"
        fail "query $name" "$tmp/diff"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
