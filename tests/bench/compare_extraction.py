#!/usr/bin/env python3
"""Extraction alone (-f none, one worker) of several telegraph binaries on one
corpus, side by side: runs interleaved, best of N by CPU time (user + system
of the child), so a busy machine hurts every binary alike.

    compare_extraction.py [--rounds 3] [--json OUT] CORPUS_DIR LABEL=BINARY[@DATA]...

CORPUS_DIR is a directory of .txt articles (gen_corpus.py's DIR/txt); @DATA
gives a binary `--data DATA` (a build reads its own source tree's ontology/
otherwise, which may have moved on since it was built).  Prints a table;
with --json, writes the figures there.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time


def corpus_bytes(path):
    total, files = 0, 0
    for root, _dirs, names in os.walk(path):
        for n in names:
            if n.endswith(".txt"):
                total += os.path.getsize(os.path.join(root, n))
                files += 1
    return total, files


def run_once(spec, corpus):
    binary, _, data = spec.partition("@")
    extra = ["--data", data] if data else []
    t0 = time.monotonic()
    p = subprocess.Popen(["nice", binary] + extra + ["-f", "none", "-q", "-j", "1", corpus],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("%s failed on %s (status %d)" % (binary, corpus, status))
    return ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", default=None)
    ap.add_argument("corpus")
    ap.add_argument("binaries", nargs="+", help="LABEL=PATH")
    args = ap.parse_args()
    bins = [b.split("=", 1) for b in args.binaries]
    size, files = corpus_bytes(args.corpus)
    runs = {label: [] for label, _ in bins}
    for _ in range(args.rounds):
        for label, path in bins:  # interleaved: one run of each per round
            runs[label].append(run_once(path, args.corpus))
    rows = []
    first = None
    for label, path in bins:
        cpu, wall, rss = min(runs[label])
        first = first or cpu
        rows.append({"label": label, "binary": path, "cpu_s": round(cpu, 3),
                     "wall_s": round(wall, 3), "peak_rss_mb": round(rss, 1),
                     "mb_per_cpu_s": round(size / 1e6 / cpu, 2),
                     "speedup_vs_first": round(first / cpu, 2),
                     "all_cpu_s": [round(r[0], 3) for r in runs[label]]})
    print("corpus %s: %d articles, %.2f MB; best of %d by CPU time, interleaved" %
          (args.corpus, files, size / 1e6, args.rounds))
    print("| run | CPU s | MB/s of CPU | x first | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        print("| %s | %.2f | %.2f | %.2f | %.1f |" % (r["label"], r["cpu_s"], r["mb_per_cpu_s"],
                                                    r["speedup_vs_first"], r["peak_rss_mb"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"corpus": args.corpus, "articles": files, "bytes": size,
                       "rounds": args.rounds, "machine": platform.processor() or platform.machine(),
                       "cpus": os.cpu_count(), "load_average": os.getloadavg(),
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                       "runs": rows}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
