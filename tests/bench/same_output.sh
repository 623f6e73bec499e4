#!/bin/sh
# Is a build's output the same as a reference build's?  N-Quads with full
# provenance of samples/, tests/dev2, tests/dev3, tests/events and a bench
# corpus slice, each compared with cmp.  Exit 0 when every one is
# byte-identical, 1 otherwise.
#
#   tests/bench/same_output.sh REF_TELEGRAPH NEW_TELEGRAPH [SLICE_DIR]
#
# Both builds read this tree's ontology/ (--data), so only the code differs.
# SLICE_DIR: a directory of .txt articles (gen_corpus.py's DIR/txt).
set -u
ref=$1 new=$2 slice=${3:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
for input in samples tests/dev2 tests/dev3 tests/events ${slice:+"$slice"}; do
    case $input in /*) path=$input ;; *) path=$top/$input ;; esac
    name=$(echo "$input" | tr '/' '_')
    for which in ref new; do
        eval bin=\$$which
        "$bin" --data "$top/ontology" -q -f nquads --provenance full "$path" \
            > "$tmp/$name.$which" 2> "$tmp/$name.$which.err"
        echo $? > "$tmp/$name.$which.rc"
    done
    if cmp -s "$tmp/$name.ref" "$tmp/$name.new" && cmp -s "$tmp/$name.ref.rc" "$tmp/$name.new.rc"; then
        echo "same: $input ($(wc -c < "$tmp/$name.new") bytes, exit $(cat "$tmp/$name.new.rc"))"
    else
        echo "DIFFERENT: $input"; cmp "$tmp/$name.ref" "$tmp/$name.new" | head -1
        status=1
    fi
done
exit $status
