#!/bin/sh
# Sharding: split the samples (as JSON Lines) into 4 shards, convert each
# shard on its own (as separate machines would, through GNU parallel's
# --pipe when it is installed), merge the outputs, and compare with one run
# over everything: the same graph, not one quad more or less.
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

# The samples as JSON Lines (id, date, title, text), one article a line.
/usr/bin/python3 - "$root/samples" > "$tmp/all.jsonl" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
    lines = open(path, encoding="utf-8").read().split("\n")
    head = lines[0].split(None, 2)
    print(json.dumps({"id": os.path.basename(path)[:-4], "date": head[1],
                      "title": head[2] if len(head) > 2 else "",
                      "text": "\n".join(lines[2:])}))
PY

"$tg" -q -f nquads "$tmp/all.jsonl" | LC_ALL=C sort > "$tmp/single.nq"
n=$(wc -l < "$tmp/all.jsonl")
split -n l/4 -d "$tmp/all.jsonl" "$tmp/shard-"
for s in "$tmp"/shard-*; do
  "$tg" -q -f nquads --jsonl < "$s" > "$s.nq" || bad "shard $(basename "$s")"
done
cat "$tmp"/shard-*.nq | LC_ALL=C sort > "$tmp/merged.nq"
if cmp -s "$tmp/single.nq" "$tmp/merged.nq"; then
  ok "4 shards of $n articles merge into the single run's $(wc -l < "$tmp/single.nq") quads"
else
  bad "merged shards differ from the single run"
  diff "$tmp/single.nq" "$tmp/merged.nq" | head -10
fi

# Without "id": the ids come from the content, so the shards name every
# article as the single run does (positional ids would give every shard
# the same graph names and merge different articles).
/usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    obj = json.loads(line)
    del obj["id"]
    print(json.dumps(obj))' < "$tmp/all.jsonl" > "$tmp/idless.jsonl"
"$tg" -q -f nquads "$tmp/idless.jsonl" | LC_ALL=C sort > "$tmp/idless-single.nq"
mkdir "$tmp/idless"
split -n l/4 -d "$tmp/idless.jsonl" "$tmp/idless/shard-"
for s in "$tmp"/idless/shard-*; do
  "$tg" -q -f nquads --jsonl < "$s" > "$s.nq" || bad "id-less shard $(basename "$s")"
done
cat "$tmp"/idless/shard-*.nq | LC_ALL=C sort > "$tmp/idless-merged.nq"
# Article graphs only: entity descriptions share the one entities graph.
graphs=$(awk '{print $NF == "." ? $(NF-1) : $NF}' "$tmp/idless-single.nq" | sort -u |
         grep -vc '/entities>$')
if [ -s "$tmp/idless-single.nq" ] && cmp -s "$tmp/idless-single.nq" "$tmp/idless-merged.nq" &&
   [ "$graphs" -eq "$n" ]; then
  ok "4 id-less shards merge into the single run's $graphs graphs"
else
  bad "id-less shards differ from the single run ($graphs graphs for $n articles)"
  diff "$tmp/idless-single.nq" "$tmp/idless-merged.nq" | head -10
fi

# The same through workers: -j 2 gives the single run byte for byte.
"$tg" -q -f nquads -j 2 "$tmp/all.jsonl" | LC_ALL=C sort > "$tmp/jobs.nq"
if cmp -s "$tmp/single.nq" "$tmp/jobs.nq"; then ok "-j 2 equals -j 1"; else bad "-j 2 differs"; fi

# GNU parallel, as the README shows it, when it is installed.
if command -v parallel >/dev/null 2>&1; then
  parallel --will-cite --pipe -N 10 -j 2 --keep-order "$tg" -q -f nquads --jsonl \
    < "$tmp/all.jsonl" | LC_ALL=C sort > "$tmp/parallel.nq"
  if cmp -s "$tmp/single.nq" "$tmp/parallel.nq"; then
    ok "GNU parallel --pipe equals the single run"
  else
    bad "GNU parallel --pipe differs"
  fi
else
  echo "skip GNU parallel is not installed"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
