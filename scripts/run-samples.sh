#!/bin/sh
# The main job: set up, build, and turn every article in samples/ into
# Turtle under out/ (one file per article).
#
#   scripts/run-samples.sh
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh build
mkdir -p out
n=0
for f in samples/*.txt; do
  stem=$(basename "$f" .txt)
  build/telegraph -o "out/$stem.ttl" "$f"
  n=$((n + 1))
done
echo "telegraph: wrote $n Turtle files to $(pwd)/out/ (the seed article: $(pwd)/out/miit-2025-02-28.ttl)"
