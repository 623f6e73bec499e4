#!/usr/bin/python3
"""Scale benchmark of telegraph's store, side by side with Virtuoso.

    store_scale.py [--sizes 1000,10000] [--chunk 1000] [--telegraph PATH]
                   [--corpus FILE.jsonl] [--no-virtuoso] [--keep DIR]
                   [--store FILE] [--nquads FILE]

For each size N: the first N articles of a generated corpus (gen_corpus.py,
seed 1; made in a temporary directory unless --corpus is given) are loaded
into a new sqlite store with `telegraph load`, --chunk articles per call, so
the load speed of each thousand shows whether loading slows as the store
grows.  Then every example query of ontology/queries/ is run with
`telegraph query` and timed; its rows are counted and checked for
duplicates.  The same articles' N-Quads (`telegraph -f nquads`) are
bulk-loaded into a throw-away Virtuoso bound to 127.0.0.1 (ld_dir,
rdf_loader_run; as tests/store/virtuoso.sh) and the queries run again over
its SPARQL endpoint; the rows of both are compared (decimals with trailing
zeros dropped, as Virtuoso prints xsd:decimal as a number).

--store FILE runs the queries on a store already loaded with the first N
articles (one size only) instead of loading one; --nquads FILE bulk-loads
those articles' N-Quads, made before, into Virtuoso instead of making them.

Prints, per size: statements per second of each chunk, wall and CPU time
(the CPU time of the `telegraph` processes, which other load on the machine
does not inflate), the last and the slowest chunk against the first; per
query: wall and CPU seconds and rows on the store, seconds and rows on
Virtuoso, and whether the answers are equal.  Exits 1 if an answer differs, a query
has duplicate rows, or a query takes 10 s or more on the store.
Standard library only; Virtuoso needs virtuoso-opensource and curl.
"""

import argparse
import csv
import io
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
QUERIES = os.path.join(ROOT, "ontology", "queries")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def child_cpu():
    """CPU seconds (user + system) of the finished child processes so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def norm_rows(text, header=True):
    rows = list(csv.reader(io.StringIO(text)))
    if header and rows:
        rows = rows[1:]
    out = []
    for r in rows:
        cells = []
        for v in r:
            if re.fullmatch(r"-?[0-9]+\.[0-9]+", v):
                v = v.rstrip("0").rstrip(".")
            cells.append(v)
        out.append("\t".join(cells))
    return out


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Virtuoso:
    """A throw-away Virtuoso in a temporary directory, on loopback."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.port = free_port()
        self.http = free_port()
        while self.http == self.port:
            self.http = free_port()
        self.isql = shutil.which("isql-vt") or shutil.which("isql-v")
        db = os.path.join(tmp, "db")
        os.makedirs(db)
        os.makedirs(os.path.join(tmp, "load"))
        with open(os.path.join(tmp, "virtuoso.ini"), "w") as f:
            f.write(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
FileExtend = 200
MaxCheckpointRemap = 200000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{self.port}
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
MaxStaticCursorRows = 5000
DirsAllowed = ., {tmp}
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{self.http}
ServerRoot = {db}
ServerThreads = 5
MaxKeepAlives = 5
KeepAliveTimeout = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 400
DefaultGraph = urn:telegraph:default
""")
        self.proc = subprocess.Popen(
            ["nice", shutil.which("virtuoso-t"), "-f", "-c", os.path.join(tmp, "virtuoso.ini")],
            cwd=db, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(120):
            if self.proc.poll() is not None:
                break
            if self.sql("status();", check=False).returncode == 0:
                return
            time.sleep(1)
        raise RuntimeError("Virtuoso did not start")

    def sql(self, script, check=True, timeout=3600):
        return subprocess.run([self.isql, f"127.0.0.1:{self.port}", "dba", "dba"],
                              input=script, capture_output=True, text=True,
                              timeout=timeout, check=check)

    def load(self, nq):
        shutil.copy(nq, os.path.join(self.tmp, "load", "articles.nq"))
        t0 = time.monotonic()
        self.sql(f"ld_dir('{self.tmp}/load', '*.nq', 'urn:telegraph:default');\n"
                 "rdf_loader_run();\ncheckpoint;\n")
        return time.monotonic() - t0

    def query(self, path):
        t0 = time.monotonic()
        out = run(["curl", "-sS", "--fail", "--max-time", "600", "-H", "Accept: text/csv",
                   "--data-urlencode", f"query@{path}", "--data-urlencode", "format=text/csv",
                   f"http://127.0.0.1:{self.http}/sparql"], capture_output=True, text=True).stdout
        return time.monotonic() - t0, norm_rows(out)

    def stop(self):
        try:
            self.sql("shutdown();", check=False, timeout=60)
            self.proc.wait(timeout=60)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def load_store(tg, store, articles, chunk, tmp):
    """Load `articles` (lines) `chunk` at a time;
    [(articles, statements, wall seconds, CPU seconds)]."""
    speeds = []
    before = 0
    for i in range(0, len(articles), chunk):
        part = os.path.join(tmp, "part.jsonl")
        with open(part, "w", encoding="utf-8") as f:
            f.writelines(articles[i:i + chunk])
        t0 = time.monotonic()
        c0 = child_cpu()
        err = run([tg, "load", "--store", store, part], capture_output=True, text=True).stderr
        dt = time.monotonic() - t0
        cpu = child_cpu() - c0
        m = re.search(r"\((\d+) statements\)", err)
        total = int(m.group(1)) if m else before
        speeds.append((min(chunk, len(articles) - i), total - before, dt, cpu))
        before = total
    return speeds, before


def store_query(tg, store, path, limit):
    """(wall seconds, CPU seconds, rows), or (None, None, None) past `limit` seconds."""
    t0 = time.monotonic()
    c0 = child_cpu()
    try:
        out = run([tg, "query", "--store", store, "--results", "csv", "--query-file", path],
                  capture_output=True, text=True, timeout=limit).stdout
    except subprocess.TimeoutExpired:
        return None, None, None
    return time.monotonic() - t0, child_cpu() - c0, norm_rows(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--chunk", type=int, default=1000)
    ap.add_argument("--telegraph", default=os.path.join(ROOT, "build", "telegraph"))
    ap.add_argument("--corpus", help="a JSON Lines corpus (default: generated)")
    ap.add_argument("--no-virtuoso", action="store_true")
    ap.add_argument("--keep", help="work in DIR and keep it")
    ap.add_argument("--store", help="query this store of the first N articles (one size) "
                    "instead of loading one")
    ap.add_argument("--nquads", help="these articles' N-Quads for Virtuoso (default: made)")
    ap.add_argument("--query-timeout", type=float, default=120,
                    help="give up a store query after this many seconds (default 120)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if (args.store or args.nquads) and len(sizes) != 1:
        ap.error("--store and --nquads go with one size")
    tmp = args.keep or tempfile.mkdtemp(prefix="tg-store-scale-")
    os.makedirs(tmp, exist_ok=True)
    corpus = args.corpus
    if not corpus:
        need = max(sizes) * 3300  # about 3.2 kB an article
        run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--size", str(need),
             "--out", os.path.join(tmp, "corpus"), "--layout", "jsonl"], stdout=subprocess.DEVNULL)
        corpus = os.path.join(tmp, "corpus", "articles.jsonl")
    with open(corpus, encoding="utf-8") as f:
        lines = f.readlines()
    queries = sorted(q for q in os.listdir(QUERIES) if q.endswith(".rq"))
    virtuoso_ok = not args.no_virtuoso and shutil.which("virtuoso-t") and shutil.which("curl")
    bad = 0
    for n in sizes:
        if n > len(lines):
            print(f"only {len(lines)} articles in {corpus}; skipping {n}")
            continue
        work = os.path.join(tmp, f"n{n}")
        os.makedirs(work, exist_ok=True)
        store = args.store or os.path.join(work, "kg.db")
        speeds = []
        if args.store:
            print(f"== {n} articles: the store {store}")
        else:
            if os.path.exists(store):
                os.unlink(store)
            t0 = time.monotonic()
            speeds, total = load_store(args.telegraph, store, lines[:n], args.chunk, work)
            load_s = time.monotonic() - t0
            print(f"== {n} articles: {total} statements loaded in {load_s:.1f} s "
                  f"({total / load_s:.0f} statements/s, {n / load_s:.1f} articles/s)")
        for k, (arts, stmts, dt, cpu) in enumerate(speeds):
            print(f"   chunk {k + 1}: {arts} articles, {stmts} statements, {dt:.1f} s wall, "
                  f"{cpu:.1f} s CPU, {stmts / dt:.0f} statements/s, {arts / dt:.1f} articles/s")
        if len(speeds) > 1:
            first = speeds[0][0] / speeds[0][2]
            last = speeds[-1][0] / speeds[-1][2]
            worst = min(a / w for a, _, w, _ in speeds)
            cfirst = speeds[0][0] / speeds[0][3]
            clast = speeds[-1][0] / speeds[-1][3]
            cworst = min(a / c for a, _, _, c in speeds)
            print(f"   last chunk's speed: {100 * last / first:.0f}% of the first's wall speed "
                  f"(slowest {100 * worst / first:.0f}%), {100 * clast / cfirst:.0f}% of its CPU "
                  f"speed (slowest {100 * cworst / cfirst:.0f}%)")
        sys.stdout.flush()
        virt = None
        if virtuoso_ok:
            nq = args.nquads or os.path.join(work, "articles.nq")
            if not args.nquads:
                part = os.path.join(work, "all.jsonl")
                with open(part, "w", encoding="utf-8") as f:
                    f.writelines(lines[:n])
                with open(nq, "w") as out:
                    run([args.telegraph, "-q", "-f", "nquads", part], stdout=out)
            quads = sum(1 for _ in open(nq))
            virt = Virtuoso(os.path.join(work, "virtuoso"))
            vload = virt.load(nq)
            print(f"   Virtuoso bulk load: {quads} quads in {vload:.1f} s ({quads / vload:.0f} quads/s)",
                  flush=True)
        print(f"   {'query':24} {'store s':>8} {'cpu s':>7} {'rows':>7} {'dup':>4} {'virtuoso s':>10} "
              f"{'rows':>7}  same")
        try:
            for q in queries:
                path = os.path.join(QUERIES, q)
                st, cpu, rows = store_query(args.telegraph, store, path, args.query_timeout)
                if st is None:
                    line = (f"   {q[:-3]:24} {'>' + str(int(args.query_timeout)):>8} {'-':>7} "
                            f"{'-':>7} {'-':>4}")
                    dups = 0
                else:
                    dups = len(rows) - len(set(rows))
                    line = f"   {q[:-3]:24} {st:8.2f} {cpu:7.2f} {len(rows):7d} {dups:4d}"
                same = ""
                if virt:
                    vt, vrows = virt.query(path)
                    vdups = len(vrows) - len(set(vrows))
                    same = "-" if rows is None else ("yes" if sorted(vrows) == sorted(rows) else "NO")
                    line += f" {vt:10.2f} {len(vrows):7d}  {same}" + (f" ({vdups} dup)" if vdups else "")
                print(line, flush=True)
                bad += st is None or dups > 0 or st >= 10 or same == "NO"
        finally:
            if virt:
                virt.stop()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
