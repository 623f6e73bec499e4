#!/bin/sh
# The embedded store through the CLI: load the samples twice (the store
# holds each article once), query it, and export it back: the export is
# exactly what `telegraph -f nquads` writes for the same articles, and the
# README's example queries answer as roqet does over that file.
#
# Environment: TELEGRAPH, TG_SOURCE_ROOT.
set -u
root=${TG_SOURCE_ROOT:?}
tg=${TELEGRAPH:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

"$tg" load -q --store "$tmp/kg.db" -j 2 "$root/samples" || bad "first load"
"$tg" export --store "$tmp/kg.db" -f nquads | LC_ALL=C sort > "$tmp/first.nq"
"$tg" load -q --store "$tmp/kg.db" "$root/samples" || bad "second load"
"$tg" export --store "$tmp/kg.db" -f nquads -o "$tmp/second.unsorted.nq" || bad "export -o"
LC_ALL=C sort "$tmp/second.unsorted.nq" > "$tmp/second.nq"
if cmp -s "$tmp/first.nq" "$tmp/second.nq"; then
  ok "loading the batch again leaves the store unchanged ($(wc -l < "$tmp/first.nq") quads)"
else
  bad "the second load changed the store"
fi
"$tg" -q -f nquads "$root"/samples/*.txt | LC_ALL=C sort -u > "$tmp/direct.nq"
if cmp -s "$tmp/direct.nq" "$tmp/second.nq"; then
  ok "export equals the direct N-Quads conversion"
else
  bad "export differs from the direct conversion"
  diff "$tmp/direct.nq" "$tmp/second.nq" | head -5
fi
for q in "$root"/ontology/queries/*.rq; do
  name=$(basename "$q" .rq)
  "$tg" query --store "$tmp/kg.db" --results csv --query-file "$q" | tail -n +2 | tr -d '\r' | LC_ALL=C sort > "$tmp/store.csv"
  roqet -q -i sparql -r csv -D "$tmp/direct.nq" "$q" 2>/dev/null | tail -n +2 | tr -d '\r' | LC_ALL=C sort > "$tmp/roqet.csv"
  if cmp -s "$tmp/store.csv" "$tmp/roqet.csv"; then
    ok "query $name: $(wc -l < "$tmp/store.csv") rows, as roqet over the N-Quads"
  else
    bad "query $name differs from roqet"
    diff "$tmp/store.csv" "$tmp/roqet.csv" | head -5
  fi
done
"$tg" query --store "$tmp/kg.db" --results json 'ASK { ?a a <https://w3id.org/telegraph/ontology#Approval> }' > "$tmp/ask.json"
if grep -q '"boolean" *: *true' "$tmp/ask.json"; then ok "ASK as SPARQL JSON"; else bad "ASK"; cat "$tmp/ask.json"; fi
if "$tg" query --store "$tmp/kg.db" 'SELEC nonsense' 2> "$tmp/err" >/dev/null; then
  bad "a broken query succeeded"
elif grep -q "SPARQL" "$tmp/err"; then ok "a broken query is reported"; else bad "no message for a broken query"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
