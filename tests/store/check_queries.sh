#!/bin/sh
# The store of many articles: every sample (and two articles that spell
# one company two ways, tests/store/fixtures) loaded into one sqlite store.
# - loading the same articles again gives the same store (sorted export);
# - the example queries of ontology/queries/ answer with the rows of
#   NAME.samples.tsv, none twice, and those written around rasqal with the
#   rows of their plain forms in tests/store/plain/;
# - the merged store conforms to ontology/shapes.ttl (one rdfs:label per
#   entity, ...), checked with the pinned SHACL engine of tests/shacl,
#   while the same articles' N-Quads concatenated do not (the spellings
#   conflict there: the check can fail);
# - an article loaded again with other text has exactly the new graph.
#
# Usage: tests/store/check_queries.sh [--update]   (--update rewrites the
# NAME.samples.tsv files from the store's answers)
# Environment: TELEGRAPH, TG_SOURCE_ROOT.  Needs node with tests/shacl's
# node_modules (npm ci there); the SHACL checks are skipped without them.
set -u
root=${TG_SOURCE_ROOT:?}
tg=${TELEGRAPH:?}
update=no
[ "${1:-}" = --update ] && update=yes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); [ $# -lt 2 ] || sed 's/^/    /' "$2" | head -20; }

inputs="$root/samples $root/tests/store/fixtures"
"$tg" load -q --store "$tmp/kg.db" $inputs || bad "first load"
"$tg" export --store "$tmp/kg.db" -f nquads | sort > "$tmp/first.nq"
"$tg" load -q --store "$tmp/kg.db" -j 2 $inputs || bad "second load"
"$tg" export --store "$tmp/kg.db" -f nquads | sort > "$tmp/second.nq"
if cmp -s "$tmp/first.nq" "$tmp/second.nq"; then
  ok "loading the same articles twice gives the same store ($(wc -l < "$tmp/first.nq") quads)"
else
  bad "the second load changed the store"
fi

# The example queries: tests/ontology/run_queries.sh over the store, against
# NAME.samples.tsv (the same loop, comparison and duplicate check as over the
# seed with roqet).
set -- --store "$tmp/kg.db" --suffix samples.tsv
[ "$update" = yes ] && set -- "$@" --update
TELEGRAPH=$tg sh "$root/tests/ontology/run_queries.sh" "$@" "$root/ontology/queries" > "$tmp/queries.log" 2>&1
sed '$d' "$tmp/queries.log"
pass=$((pass + $(grep -c '^ok' "$tmp/queries.log")))
fail=$((fail + $(grep -c '^FAIL' "$tmp/queries.log")))
if ! tail -n 1 "$tmp/queries.log" | grep -q ' passed, '; then
  bad "the example queries did not run" "$tmp/queries.log"
fi

# The example queries written around rasqal (ontology/queries) give the
# answers of their plain forms (tests/store/plain, with OPTIONAL and
# DISTINCT): the plain answers become the expected rows of the real queries.
mkdir "$tmp/plain" "$tmp/real"
cp "$root"/tests/store/plain/*.rq "$tmp/plain/"
if TELEGRAPH=$tg sh "$root/tests/ontology/run_queries.sh" --store "$tmp/kg.db" --suffix plain.tsv \
     --update "$tmp/plain" > "$tmp/plain.log" 2>&1; then
  for q in "$tmp"/plain/*.rq; do
    cp "$root/ontology/queries/$(basename "$q")" "${q%.rq}.plain.tsv" "$tmp/real/"
  done
  if TELEGRAPH=$tg sh "$root/tests/ontology/run_queries.sh" --store "$tmp/kg.db" --suffix plain.tsv \
       "$tmp/real" > "$tmp/real.log" 2>&1; then
    ok "$(sed -n 's/^ok   \([^ ]*\) .*/\1/p' "$tmp/real.log" | tr '\n' ' ')answer as their plain forms"
  else
    bad "a query differs from its plain form" "$tmp/real.log"
  fi
else
  bad "the plain forms of the queries did not run" "$tmp/plain.log"
fi

shacl=$root/tests/shacl
if command -v node > /dev/null 2>&1 && [ -d "$shacl/node_modules" ]; then
  if node "$shacl/validate.mjs" "$root/ontology/shapes.ttl" "$tmp/second.nq" > "$tmp/shacl" 2>&1; then
    ok "SHACL: the merged store conforms (one rdfs:label per entity)"
  else
    bad "SHACL on the merged store" "$tmp/shacl"
  fi
  "$tg" -q -f nquads "$root"/samples/*.txt "$root"/tests/store/fixtures/*.txt > "$tmp/concat.nq"
  if node "$shacl/validate.mjs" "$root/ontology/shapes.ttl" "$tmp/concat.nq" > "$tmp/shacl" 2>&1; then
    bad "SHACL passes the concatenated N-Quads, whose spellings conflict: the check sees nothing"
  elif grep -q "zenith-data-networks-co> path rdfs:label" "$tmp/shacl"; then
    ok "SHACL: the concatenated N-Quads give zenith-data-networks-co two rdfs:labels"
  else
    bad "SHACL on the concatenated N-Quads failed otherwise" "$tmp/shacl"
  fi
else
  echo "skip SHACL checks: no node or no tests/shacl/node_modules (npm ci there)"
fi

# A changed article replaces its facts: the seed with another text.
seed=$root/samples/miit-2025-02-28.txt
mkdir "$tmp/changed"
{ head -n 2 "$seed"; echo "The Ministry of Industry and Information Technology granted a licence to Zenith Data Networks Co in Hainan."; } \
  > "$tmp/changed/miit-2025-02-28.txt"
"$tg" load -q --store "$tmp/kg.db" "$tmp/changed/miit-2025-02-28.txt" || bad "loading the changed article"
g="<https://w3id.org/telegraph/id/graph/miit-2025-02-28> ."
"$tg" export --store "$tmp/kg.db" -f nquads | grep -F "$g" | sort > "$tmp/stored"
"$tg" -q -f nquads "$tmp/changed/miit-2025-02-28.txt" | grep -F "$g" | sort > "$tmp/direct"
if [ -s "$tmp/direct" ] && cmp -s "$tmp/stored" "$tmp/direct"; then
  ok "a changed article's graph is the new article's $(wc -l < "$tmp/direct") quads, nothing of the old"
else
  diff "$tmp/stored" "$tmp/direct" > "$tmp/diff"
  bad "the changed article's graph (< store, > new article)" "$tmp/diff"
fi
others_before=$(grep -vcF "$g" "$tmp/second.nq")
others_after=$("$tg" export --store "$tmp/kg.db" -f nquads | grep -vcF "$g")
if [ "$others_after" -ge "$others_before" ]; then
  ok "the other articles and the entities are kept ($others_after quads)"
else
  bad "reloading one article lost other quads ($others_before before, $others_after after)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
