#!/bin/sh
# The seed article is the product's reference: its graph (provenance none)
# must be exactly the reviewed one, not a triple more or less.  When an
# improvement changes it on purpose, review the diff and update the file.
set -u
root=${TG_SOURCE_ROOT:?}
tg=${TELEGRAPH:?}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$tg" -q -f ntriples --provenance none "$root/samples/miit-2025-02-28.txt" | LC_ALL=C sort > "$tmp"
if cmp -s "$tmp" "$root/tests/seed/miit-2025-02-28.expected.nt"; then
  echo "ok   the seed article's graph is exactly the reviewed one"
  echo "1 passed, 0 failed"
else
  echo "FAIL the seed article's graph changed (- reviewed, + now):"
  diff "$root/tests/seed/miit-2025-02-28.expected.nt" "$tmp" | head -40
  echo "0 passed, 1 failed"
  exit 1
fi
