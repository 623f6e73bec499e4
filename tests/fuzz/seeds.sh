#!/bin/sh
# telegraph fuzzing: write the seed corpus of TARGET into DIR (created).
# Seeds are made from samples/ and ontology/ at run time (not committed as
# copies); the small hand-made seeds under tests/fuzz/corpus/ are added.
#   seeds.sh TARGET DIR
set -eu
target=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
root=${TG_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
mkdir -p "$dir"
case $target in
fuzz_reader|fuzz_segmenter|fuzz_pipeline)
  for f in "$root"/samples/*.txt; do
    cp "$f" "$dir/sample-$(basename "$f")"
  done
  for f in "$here"/corpus/text/*; do
    if [ -f "$f" ]; then
      cp "$f" "$dir/hand-$(basename "$f")"
    fi
  done
  ;;
fuzz_rules)
  macros="$root/ontology/rules/00-macros.rules"
  for f in "$root"/ontology/rules/*.rules; do
    # Every file but the macros needs their defines: seed = macros + file.
    if [ "$f" = "$macros" ]; then
      cp "$f" "$dir/ontology-$(basename "$f")"
    else
      cat "$macros" "$f" > "$dir/ontology-$(basename "$f")"
    fi
  done
  cp "$here"/corpus/rules/* "$dir/" 2>/dev/null || true
  ;;
fuzz_gazetteer)
  for f in "$root"/ontology/gazetteer/*.tsv; do
    cp "$f" "$dir/ontology-$(basename "$f")"
  done
  cp "$here"/corpus/gazetteer/* "$dir/" 2>/dev/null || true
  ;;
fuzz_markup)
  for f in "$root"/tests/markup/*.html "$root"/tests/markup/*.rss "$root"/tests/markup/*.atom; do
    cp "$f" "$dir/markup-$(basename "$f")"
  done
  ;;
fuzz_jsonl)
  # One JSON object per line per sample: {"id", "date", "title", "text"}.
  /usr/bin/python3 - "$root/samples" "$dir" <<'PY'
import json, os, re, sys
src, dst = sys.argv[1], sys.argv[2]
lines = []
for name in sorted(os.listdir(src)):
    if not name.endswith(".txt"):
        continue
    text = open(os.path.join(src, name), encoding="utf-8").read()
    m = re.match(r" date (\d{4}-\d\d-\d\d) (.*)\n\n", text)
    obj = {"id": name[:-4], "text": text[m.end():] if m else text}
    if m:
        obj["date"], obj["title"] = m.group(1), m.group(2)
    line = json.dumps(obj, ensure_ascii=(len(lines) % 2 == 0))
    lines.append(line)
    with open(os.path.join(dst, "sample-" + name[:-4] + ".jsonl"), "w") as f:
        f.write(line + "\n")
with open(os.path.join(dst, "all.jsonl"), "w") as f:
    f.write("\n".join(lines[:5]) + "\n")
PY
  cp "$here"/corpus/jsonl/* "$dir/" 2>/dev/null || true
  ;;
*)
  echo "seeds.sh: unknown target $target" >&2
  exit 2
  ;;
esac
exit 0
