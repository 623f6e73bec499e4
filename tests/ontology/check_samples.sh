#!/bin/sh
# The ontology contract on real output: every sample and held-out article,
# at every provenance level, validates against ontology/shapes.ttl with the
# SHACL engine, uses only tg: terms the ontology defines, and the README's
# SPARQL examples return their expected rows on the seed article.
#
# Environment: TELEGRAPH (the binary), TG_SOURCE_ROOT (the source tree).
set -u
root=${TG_SOURCE_ROOT:?}
tg=${TELEGRAPH:?}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for level in none facts full; do
  mkdir -p "$tmp/$level"
  for f in "$root"/samples/*.txt "$root"/tests/heldout/*.txt; do
    stem=$(basename "$f" .txt)
    if ! "$tg" -q --provenance "$level" -f turtle -o "$tmp/$level/$stem.ttl" "$f"; then
      echo "FAIL telegraph on $f ($level)"
      fail=1
    fi
  done
  if node "$root/tests/shacl/validate.mjs" "$root/ontology/shapes.ttl" "$tmp/$level"/*.ttl \
      > "$tmp/shacl-$level.log" 2>&1; then
    echo "ok   SHACL: $(ls "$tmp/$level" | wc -l) outputs at provenance $level"
  else
    echo "FAIL SHACL at provenance $level:"
    grep -v "^ok" "$tmp/shacl-$level.log" | head -40
    fail=1
  fi
done

if $py "$root/tests/ontology/check_terms.py" "$root/ontology/telegraph.ttl" "$tmp"/full/*.ttl \
    > "$tmp/terms.log" 2>&1; then
  echo "ok   every tg: term used is defined"
else
  echo "FAIL undefined terms:"
  grep -iv "^ok\|pass" "$tmp/terms.log" | head -20
  fail=1
fi

"$tg" -q -f ntriples -o "$tmp/seed.nt" "$root/samples/miit-2025-02-28.txt" || fail=1
if sh "$root/tests/ontology/run_queries.sh" "$tmp/seed.nt" > "$tmp/queries.log" 2>&1; then
  echo "ok   SPARQL examples on the seed article"
else
  echo "FAIL SPARQL examples:"
  cat "$tmp/queries.log"
  fail=1
fi

if sh "$root/tests/ontology/check_canonical.sh" > "$tmp/canon.log" 2>&1; then
  echo "ok   ontology files parse cleanly"
else
  cat "$tmp/canon.log"
  fail=1
fi
exit $fail
