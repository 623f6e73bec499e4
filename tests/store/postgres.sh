#!/bin/sh
# The persistent store on PostgreSQL: start a throw-away server on loopback,
# load samples/*.txt into it through librdf's postgresql storage, run the
# example queries and compare every answer (and the exported N-Quads) with
# the same on the embedded sqlite store; reload an article and check that
# nothing is duplicated.  Stops the server and removes everything after.
#
# Usage: tests/store/postgres.sh
# Environment: STORE_DRIVER (default build/tests/store/store_driver),
# TELEGRAPH_DATA (default ontology/).
#
# Needs the Debian packages postgresql and librdf-storage-postgresql; exits
# 77 (skipped) without them.  Prints one line per check and
# "N passed, M failed"; exits 0 if all passed, 1 otherwise.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
driver=${STORE_DRIVER:-$root/build/tests/store/store_driver}
TELEGRAPH_DATA=${TELEGRAPH_DATA:-$root/ontology}
export TELEGRAPH_DATA
LC_ALL=C
export LC_ALL

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ] || [ ! -x "$pgbin/pg_ctl" ]; then
    echo "SKIP: PostgreSQL is not installed (apt-get install -y postgresql)"
    exit 77
fi
module=no
for m in /usr/lib/*/redland/librdf_storage_postgresql.so /usr/lib/redland/librdf_storage_postgresql.so; do
    [ -e "$m" ] && module=yes
done
if [ "$module" = no ]; then
    echo "SKIP: librdf's postgresql storage is not installed (apt-get install -y librdf-storage-postgresql)"
    exit 77
fi
if [ ! -x "$driver" ]; then
    echo "$0: no store driver at $driver (build first, or set STORE_DRIVER)" >&2
    exit 1
fi

# initdb refuses root: run the server as the 'postgres' user then.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "SKIP: no 'postgres' user to run the server as"; exit 77; }
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

tmp=$(mktemp -d /tmp/tg-postgres-XXXXXX)
chmod 755 "$tmp"
mkdir "$tmp/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp/pg"
started=no
cleanup() {
    if [ "$started" = yes ]; then
        as_pg timeout 60 "$pgbin/pg_ctl" -D "$tmp/pg/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

if ! as_pg timeout 120 "$pgbin/initdb" -D "$tmp/pg/data" -A trust -U tg --no-sync -E UTF8 \
        >"$tmp/initdb.log" 2>&1; then
    echo "$0: initdb failed:" >&2
    sed 's/^/    /' "$tmp/initdb.log" >&2
    exit 1
fi
if ! as_pg timeout 120 "$pgbin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp/pg -c fsync=off" start \
        >/dev/null 2>&1; then
    echo "$0: the PostgreSQL server did not start:" >&2
    sed 's/^/    /' "$tmp/pg/server.log" >&2
    exit 1
fi
started=yes
if ! timeout 60 "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U tg kg >"$tmp/createdb.log" 2>&1; then
    echo "$0: createdb failed:" >&2
    sed 's/^/    /' "$tmp/createdb.log" >&2
    exit 1
fi

pg_opts="host='127.0.0.1',port='$port',user='tg',password='',database='kg'"
pg() { timeout 300 "$driver" --type postgresql --options "$pg_opts" telegraph "$@"; }
lite() { timeout 300 "$driver" "$tmp/kg.db" "$@"; }

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ $# -lt 2 ] || sed 's/^/    /' "$2"; }

# 1. Load the samples into both stores.
if pg load "$root"/samples/*.txt 2>"$tmp/pg-load.err"; then
    ok "load samples into postgresql ($(grep -o 'loaded.*' "$tmp/pg-load.err"))"
else
    fail "load samples into postgresql" "$tmp/pg-load.err"
fi
if lite load "$root"/samples/*.txt 2>"$tmp/lite-load.err"; then
    ok "load samples into sqlite ($(grep -o 'loaded.*' "$tmp/lite-load.err"))"
else
    fail "load samples into sqlite" "$tmp/lite-load.err"
fi

# 2. Same number of statements.
pg_size=$(pg size 2>"$tmp/err")
lite_size=$(lite size 2>>"$tmp/err")
if [ -n "$pg_size" ] && [ "$pg_size" = "$lite_size" ] && [ "$pg_size" -gt 0 ]; then
    ok "size: $pg_size statements in both"
else
    echo "postgresql: '$pg_size', sqlite: '$lite_size'" >>"$tmp/err"
    fail "size" "$tmp/err"
fi

# 3. The example queries (the approvals first) give the same rows.
for q in "$root"/ontology/queries/approvals.rq "$root"/ontology/queries/*.rq; do
    name=$(basename "$q" .rq)
    case " ${seen:-} " in *" $name "*) continue ;; esac
    seen="${seen:-} $name"
    if ! pg --results csv query "$q" >"$tmp/pg.csv" 2>"$tmp/err"; then
        fail "query $name on postgresql" "$tmp/err"
        continue
    fi
    lite --results csv query "$q" >"$tmp/lite.csv" 2>"$tmp/err"
    sort "$tmp/pg.csv" >"$tmp/a"
    sort "$tmp/lite.csv" >"$tmp/b"
    rows=$(($(wc -l <"$tmp/a") - 1))
    if [ "$rows" -gt 0 ] && cmp -s "$tmp/a" "$tmp/b"; then
        ok "query $name: same $rows rows"
    else
        diff -u "$tmp/b" "$tmp/a" >"$tmp/diff"
        echo "($rows rows on postgresql; - sqlite, + postgresql)" >>"$tmp/diff"
        fail "query $name" "$tmp/diff"
    fi
done

# 4. The stored graphs are the same quads.
pg export 2>"$tmp/err" | sort >"$tmp/pg.nq"
lite export 2>>"$tmp/err" | sort >"$tmp/lite.nq"
if [ -s "$tmp/pg.nq" ] && cmp -s "$tmp/pg.nq" "$tmp/lite.nq"; then
    ok "export: same $(wc -l <"$tmp/pg.nq" | tr -d ' ') quads"
else
    diff "$tmp/lite.nq" "$tmp/pg.nq" | head -20 >>"$tmp/err"
    fail "export" "$tmp/err"
fi

# 5. Loading an article again replaces its graph: same size, same quads.
if pg load "$root/samples/miit-2025-02-28.txt" "$root/samples/pboc-2025-01-payment-licences.txt" \
        2>"$tmp/err" && [ "$(pg size 2>>"$tmp/err")" = "$pg_size" ] &&
        pg export 2>>"$tmp/err" | sort | cmp -s - "$tmp/pg.nq"; then
    ok "reload: still $pg_size statements, same quads"
else
    fail "reload" "$tmp/err"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
