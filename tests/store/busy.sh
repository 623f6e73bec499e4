#!/bin/sh
# Concurrent loads into one sqlite store: a second load waits for the first
# (TELEGRAPH_BUSY_TIMEOUT) instead of failing with "database is locked";
# when the wait runs out, the load fails and names every article it did not
# load, and its summary says how many.
#
# Environment: TELEGRAPH, TG_SOURCE_ROOT.
set -u
root=${TG_SOURCE_ROOT:?}
tg=${TELEGRAPH:?}
tmp=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
s=$root/samples
a=$s/miit-2025-02-28.txt
b=$s/cbn-2024-05-payment-service-bank.txt
c=$s/btrc-2025-05-ngso-permits.txt

# Hold the store's load lock for $1 seconds, in the background.
hold() {
  /usr/bin/python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "rb")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2]))' "$tmp/kg.db" "$1" "$tmp/held" &
  holder=$!
  while [ ! -e "$tmp/held" ]; do sleep 0.05; done
  rm -f "$tmp/held"
}

"$tg" load -q --store "$tmp/kg.db" "$a" || bad "first load"

hold 1
if TELEGRAPH_BUSY_TIMEOUT=60 "$tg" load -q --store "$tmp/kg.db" "$b" 2> "$tmp/err"; then
  ok "a load waits for another holding the store"
else
  bad "a load did not wait: $(cat "$tmp/err")"
fi
wait "$holder"

hold 30
if TELEGRAPH_BUSY_TIMEOUT=0.3 "$tg" load --store "$tmp/kg.db" "$a" "$b" "$c" 2> "$tmp/err"; then
  bad "a load into a store held past the timeout succeeded"
else
  missing=
  for f in "$a" "$b" "$c"; do
    grep -q "^telegraph: $f: not loaded" "$tmp/err" || missing="$missing $f"
  done
  if [ -z "$missing" ] && grep -q "the store is busy" "$tmp/err" &&
     grep -q "3 articles failed or not loaded" "$tmp/err"; then
    ok "a store failure names every article not loaded, and the summary counts them"
  else
    bad "not every article named (missing:$missing)"
    cat "$tmp/err"
  fi
fi
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
holder=

# Two loads at once both succeed.
"$tg" load -q --store "$tmp/kg.db" "$s"/[a-k]*.txt 2> "$tmp/err1" & first=$!
"$tg" load -q --store "$tmp/kg.db" "$s"/[l-z]*.txt 2> "$tmp/err2"; second=$?
wait "$first"; first=$?
if [ "$first" -eq 0 ] && [ "$second" -eq 0 ]; then
  ok "two concurrent loads both succeed"
else
  bad "concurrent loads: exit $first and $second: $(cat "$tmp/err1" "$tmp/err2")"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
