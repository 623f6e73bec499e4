#!/usr/bin/python3
"""Speed and memory of telegraph against the tools users would pick instead.

    /usr/bin/python3 tests/bench/run_bench.py [--size 10MB] [--seed 1]
        [--callgrind] [--sizes 100MB,1GB] [--strict] [--quick]

On one generated corpus (gen_corpus.py: a directory of dateline .txt files
and the same articles as JSON Lines) it times telegraph's modes and the
floors and peers on the same text, and prints a table of MB/s, articles/s,
triples/s and peak RSS:

  telegraph  extraction alone (-f none), N-Triples, Turtle (to /dev/null),
             loading into the embedded store (telegraph load), -j 1 and -j 2
  floors     cat; pcre2grep (JIT) running telegraph's own rule patterns
  peers      wink-nlp NER (node); rapper and serdi re-serializing
             telegraph's N-Triples output to N-Triples and Turtle

A mode the telegraph binary does not have yet (it exits 2 on the option) is
reported as unavailable and the run goes on.  Results go to
tests/bench/results/latest.json (with machine info) and are compared with
tests/bench/results/baseline.json: a throughput drop of more than 20% is
reported, and --strict makes it exit 1.  Standard library only.
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
RULES_DIR = os.path.join(ROOT, "ontology", "rules")
FACT_CLASSES = {"Approval", "Statistic", "Decision", "Report", "Subsidiary", "Role"}
MB = 1e6

sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402  (same directory)


# ------------------------------------------------------------ utilities

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt_size(n):
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= div:
            v = n / div
            return ("%d%s" % (v, unit)) if v == int(v) else ("%.1f%s" % (v, unit))
    return "%dB" % n


def file_sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()[:16]


class Run:
    """One measured process: wall time, CPU time and peak RSS (wait4)."""

    def __init__(self, rc, wall, user, sys_, maxrss_kb, timed_out, stderr):
        self.rc, self.wall, self.user, self.sys = rc, wall, user, sys_
        self.maxrss_kb, self.timed_out, self.stderr = maxrss_kb, timed_out, stderr


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def measure(cmd, stdout=None, timeout=None, cwd=None, env=None):
    """Run cmd (a list) with stdout to a path (None: /dev/null).  Wall time
    from here; CPU time and peak RSS from GNU time (/usr/bin/time, forked
    from a small process: a child forked from this Python would report at
    least Python's own RSS), else from wait4."""
    import tempfile
    out = open(stdout, "wb") if stdout else open(os.devnull, "wb")
    errfd, errpath = tempfile.mkstemp(prefix="bench-stderr-")
    errf = os.fdopen(errfd, "w+b")
    tfd, tpath = tempfile.mkstemp(prefix="bench-time-")
    os.close(tfd)
    full = [TIME, "-f", "%M %U %S", "-o", tpath] + list(cmd) if TIME else list(cmd)
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=errf, stdin=subprocess.DEVNULL, cwd=cwd,
                             env=env, start_new_session=True)
        killed = {"v": False}

        def kill():
            killed["v"] = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        rc = os.waitstatus_to_exitcode(status)
        p.returncode = rc
        maxrss, user, sys_ = ru.ru_maxrss, ru.ru_utime, ru.ru_stime
        if TIME and not killed["v"]:
            with open(tpath, encoding="utf-8", errors="replace") as f:
                last = [l for l in f.read().splitlines() if l.strip()]
            m = re.fullmatch(r"(\d+) ([\d.]+) ([\d.]+)", last[-1].strip()) if last else None
            if m:
                maxrss, user, sys_ = int(m.group(1)), float(m.group(2)), float(m.group(3))
        errf.seek(0)
        err = errf.read()[-4000:].decode("utf-8", "replace")
        return Run(rc, wall, user, sys_, maxrss, killed["v"], err)
    finally:
        out.close()
        errf.close()
        os.unlink(errpath)
        os.unlink(tpath)


def quick_run(cmd, timeout=60, **kw):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=timeout, **kw)
    except (OSError, subprocess.TimeoutExpired) as e:
        return subprocess.CompletedProcess(cmd, 127, b"", str(e).encode())


def version_of(cmd):
    r = quick_run(cmd, timeout=20)
    text = (r.stdout or b"").decode("utf-8", "replace") + (r.stderr or b"").decode("utf-8", "replace")
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[0] if lines else None


def machine_info(telegraph):
    info = {"hostname_hash": hashlib.sha256(platform.node().encode()).hexdigest()[:8],
            "kernel": platform.release(), "arch": platform.machine(),
            "python": platform.python_version(), "cpus": os.cpu_count(),
            "loadavg_start": [round(x, 2) for x in os.getloadavg()]}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu_model"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["mem_total_mb"] = int(line.split()[1]) // 1024
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    info["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    info["versions"] = {
        "telegraph": version_of([telegraph, "--version"]),
        "pcre2grep": version_of(["pcre2grep", "--version"]),
        "rapper": version_of(["rapper", "--version"]),
        "serdi": version_of(["serdi", "-v"]),
        "node": version_of(["node", "--version"]),
        "valgrind": version_of(["valgrind", "--version"]),
    }
    return info


# ------------------------------------------------------------ corpus

def make_corpus(out, size, seed, layout="both"):
    """Generate (or reuse) a corpus; returns its manifest."""
    man_path = os.path.join(out, "manifest.json")
    gen_sha = file_sha(os.path.join(HERE, "gen_corpus.py"))
    gaz_sha = hashlib.sha256(b"".join(open(p, "rb").read() for p in
                                       sorted(glob.glob(os.path.join(gen_corpus.DEFAULT_GAZ, "*.tsv"))))).hexdigest()[:16]
    if os.path.exists(man_path):
        with open(man_path) as f:
            man = json.load(f)
        if (man.get("size_requested") == size and man.get("seed") == str(seed)
                and man.get("layout") == layout and man.get("gen_sha") == gen_sha
                and man.get("gaz_sha") == gaz_sha):
            return man
    if os.path.isdir(out):
        shutil.rmtree(out)
    log("generating %s corpus (seed %s) in %s ..." % (fmt_size(size), seed, out))
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        gen_corpus.main(["--size", str(size), "--seed", str(seed), "--out", out, "--layout", layout])
    with open(man_path) as f:
        man = json.load(f)
    man["gen_sha"], man["gaz_sha"] = gen_sha, gaz_sha
    with open(man_path, "w") as f:
        json.dump(man, f, indent=1, sort_keys=True)
    return man


def txt_files(corpus):
    return sorted(glob.glob(os.path.join(corpus, "txt", "*", "*.txt")))


# ------------------------------------------------------------ telegraph's patterns

def rule_patterns():
    """The `pattern` lines of ontology/rules/*.rules with ${NAME} expanded as
    telegraph does (each define wrapped in (?:...), expanded at definition);
    options as telegraph compiles them: UCP, duplicate names, and caseless
    for fact rules."""
    defs, out = {}, []

    def expand(text, where):
        def sub(m):
            if m.group(1) not in defs:
                raise ValueError("%s: undefined ${%s}" % (where, m.group(1)))
            return defs[m.group(1)]
        return re.sub(r"\$\{([A-Za-z0-9_]+)\}", sub, text)

    for path in sorted(glob.glob(os.path.join(RULES_DIR, "*.rules"))):
        cls, rule = None, None
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                s = line.rstrip("\n")
                st = s.strip()
                if not st or st.startswith("#"):
                    continue
                where = "%s:%d" % (os.path.basename(path), n)
                m = re.match(r"define\s+([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$", s)
                if m:
                    defs[m.group(1)] = "(?:" + expand(m.group(2), where) + ")"
                    continue
                if s.startswith("rule "):
                    rule, cls = st.split(None, 1)[1], None
                elif st.startswith("class "):
                    cls = st.split(None, 1)[1].strip()
                elif st.startswith("pattern "):
                    pat = expand(st[len("pattern "):].strip(), where)
                    flags = "(*UCP)(?J)" + ("(?i)" if cls in FACT_CLASSES else "")
                    out.append({"rule": rule, "class": cls, "where": where, "pattern": flags + pat})
    return out


def usable_patterns(pats, work):
    """Keep the patterns pcre2grep accepts (each tried alone)."""
    ok, rejected = [], []
    probe = os.path.join(work, "pattern-probe.txt")
    empty = os.path.join(work, "empty.txt")
    open(empty, "w").close()
    for p in pats:
        with open(probe, "w", encoding="utf-8") as f:
            f.write(p["pattern"] + "\n")
        r = quick_run(["pcre2grep", "-u", "-c", "-f", probe, empty], timeout=30)
        if r.returncode in (0, 1):
            ok.append(p)
        else:
            rejected.append(dict(p, error=r.stderr.decode("utf-8", "replace").strip()[:200]))
    return ok, rejected


# ------------------------------------------------------------ CLI probing

def first_line(text):
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


class Cli:
    """What the telegraph binary accepts, found by trying it on 3 articles."""

    def __init__(self, telegraph, corpus, work):
        self.tg = telegraph
        self.features, self.reasons, self.notes = {}, {}, []
        probe = os.path.join(work, "probe")
        if os.path.isdir(probe):
            shutil.rmtree(probe)
        os.makedirs(os.path.join(probe, "dir", "sub"))
        files = txt_files(corpus)[:3]
        for f in files:
            shutil.copy(f, os.path.join(probe, "dir", "sub", os.path.basename(f)))
        self.probe_files = sorted(glob.glob(os.path.join(probe, "dir", "sub", "*.txt")))
        stems = [os.path.splitext(os.path.basename(f))[0] for f in self.probe_files]
        jl = os.path.join(probe, "probe.jsonl")
        with open(os.path.join(corpus, "articles.jsonl"), encoding="utf-8") as src, \
                open(jl, "w", encoding="utf-8") as dst:
            for _ in range(3):
                dst.write(src.readline())
        ids = []
        with open(jl, encoding="utf-8") as f:
            for line in f:
                ids.append(json.loads(line)["id"])

        def t(args, timeout=120):
            r = quick_run([self.tg] + args, timeout=timeout)
            return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

        def docs(nt):
            return set(re.findall(r"<[^>]*/doc/([^>#]+)>", nt))

        rc, out, err = t(["-q", "-f", "ntriples"] + self.probe_files)
        self.set("ntriples", rc == 0 and docs(out) == set(stems), "-f ntriples fails", rc, err)
        rc, out, err = t(["-q", "-f", "none"] + self.probe_files)
        self.set("none", rc == 0, "-f none", rc, err)
        rc, out, err = t(["-q", "-f", "ntriples", "-j", "2"] + self.probe_files)
        self.set("jobs", rc == 0 and docs(out) == set(stems), "-j N", rc, err)
        rc, out, err = t(["-q", "-f", "ntriples", os.path.join(probe, "dir")])
        self.set("dir", rc == 0 and docs(out) == set(stems), "directory input", rc, err)
        rc, out, err = t(["-q", "-f", "ntriples", jl])
        self.set("jsonl", rc == 0 and docs(out) == set(ids), "JSON Lines input", rc, err)
        rc, out, err = t(["-q", "-f", "nquads", jl])
        self.set("jsonl_nquads", rc == 0 and docs(out) == set(ids), "JSON Lines input", rc, err)
        store = os.path.join(probe, "store")
        rc, out, err = t(["load", "--store", store, "-q"] + self.probe_files)
        if rc != 0:  # -q may be the option it lacks
            rc, out, err = t(["load", "--store", store] + self.probe_files)
        self.set("load", rc == 0 and os.path.exists(store), "telegraph load --store", rc, err)
        if self.features["load"]:
            rc2, _, err2 = t(["load", "--store", os.path.join(probe, "store2"), "-j", "2"] + self.probe_files)
            self.set("load_jobs", rc2 == 0, "telegraph load -j N", rc2, err2)
        else:
            self.set("load_jobs", False, "telegraph load --store", rc, err)
        # Turtle over several articles: each document once?
        rc, out, err = t(["-q", "-f", "turtle"] + self.probe_files)
        n_doc = len(re.findall(r"^<[^>]*/doc/[^>#]+>\s*$", out, re.M))
        if rc == 0 and n_doc > len(stems):
            self.notes.append("Turtle output of %d articles holds %d document blocks: every "
                              "article re-emits the ones before it (output and time grow "
                              "quadratically with the number of articles)" % (len(stems), n_doc))
        self.turtle_repeats = rc == 0 and n_doc > len(stems)

    def set(self, key, ok, what, rc, err):
        self.features[key] = bool(ok)
        if not ok:
            if rc == 2:
                self.reasons[key] = "unavailable (CLI lacks %s: %s)" % (what, first_line(err)[:80])
            elif rc == 0:
                self.reasons[key] = "unavailable (%s accepted but output wrong)" % what
            else:
                self.reasons[key] = "unavailable (%s: exit %s: %s)" % (what, rc, first_line(err)[:80])

    def inputs(self, corpus, layout):
        """telegraph INPUTS for a corpus, or (None, reason)."""
        if layout == "jsonl":
            if self.features["jsonl"]:
                return [os.path.join(corpus, "articles.jsonl")], None
            return None, self.reasons["jsonl"]
        if self.features["dir"]:
            return [os.path.join(corpus, "txt")], None
        files = txt_files(corpus)
        if sum(len(f) + 1 for f in files) < 1_500_000:
            return files, None
        return None, "unavailable (too many files for one command line and CLI lacks directory input)"


# ------------------------------------------------------------ the benchmark

class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = []

    def add(self, **row):
        row.setdefault("status", "ok")
        self.rows.append(row)
        st = row["status"]
        if st == "ok":
            log("  %-34s %8.2f s  %7.1f MB RSS" % (row["label"], row["wall_s"], row["maxrss_kb"] / 1024))
        else:
            log("  %-34s %s" % (row["label"], st))
        return row

    def timed(self, rid, label, cmd, bytes_in, articles=None, triples=None, stdout=None,
              timeout=None, group="", mb_of="corpus", extra=None, ok_rc=(0,)):
        r = measure(cmd, stdout=stdout, timeout=timeout)
        shown = cmd if len(cmd) <= 12 else cmd[:8] + ["... (%d more)" % (len(cmd) - 8)]
        row = dict(id=rid, label=label, group=group, cmd=" ".join(shorten(c) for c in shown),
                   wall_s=round(r.wall, 3), user_s=round(r.user, 3), sys_s=round(r.sys, 3),
                   maxrss_kb=r.maxrss_kb, bytes_in=bytes_in, mb_of=mb_of, status="ok")
        if extra:
            row.update(extra)
        if r.timed_out:
            row["status"] = "timeout after %d s (< %s MB/s)" % (timeout, num(bytes_in / MB / timeout))
        elif r.rc not in ok_rc:
            row["status"] = "error (exit %d: %s)" % (r.rc, first_line(r.stderr)[:100])
        if row["status"] == "ok":
            row["mb_s"] = round(bytes_in / MB / r.wall, 3)
            if articles:
                row["articles_s"] = round(articles / r.wall, 1)
            if triples:
                row["triples_s"] = round(triples / r.wall, 0)
        return self.add(**row)

    def skip(self, rid, label, reason, group=""):
        return self.add(id=rid, label=label, group=group, status=reason)


def num(v):
    """A rate with 3 significant digits."""
    if v >= 100:
        return "%.0f" % v
    return "%.3g" % v


def shorten(s):
    s = str(s)
    if s.startswith(ROOT + "/"):
        return s[len(ROOT) + 1:]
    return s


def count_lines(path):
    r = quick_run(["wc", "-l", path], timeout=3600)
    return int(r.stdout.split()[0])


def npm_install(log_to):
    """Install wink-nlp from the pinned lock into tests/bench/node_modules."""
    marker = os.path.join(HERE, "node_modules", "wink-nlp", "package.json")
    model = os.path.join(HERE, "node_modules", "wink-eng-lite-web-model", "package.json")
    if os.path.exists(marker) and os.path.exists(model):
        return None
    if not shutil.which("npm"):
        return "unavailable (npm not installed: apt-get install npm)"
    log("installing wink-nlp (npm ci) into tests/bench/node_modules ...")
    r = quick_run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], timeout=600, cwd=HERE)
    if r.returncode != 0:
        with open(log_to, "wb") as f:
            f.write(r.stdout + r.stderr)
        return "unavailable (npm ci failed, see %s)" % shorten(log_to)
    return None


def run_main(args, bench, info):
    tg = args.telegraph
    work = args.work
    corpus = os.path.join(work, "corpus-%s-seed%s" % (fmt_size(args.size), args.seed))
    man = make_corpus(corpus, args.size, args.seed)
    info["corpus"] = {k: man[k] for k in ("articles", "txt_bytes", "jsonl_bytes", "seed", "size_requested")}
    nbytes, narts = man["txt_bytes"], man["articles"]
    log("corpus: %d articles, %s of text (%s as JSON Lines)" % (narts, fmt_size(nbytes), fmt_size(man["jsonl_bytes"])))

    cli = Cli(tg, corpus, work)
    info["cli_features"] = cli.features
    info["notes"] = list(cli.notes)
    log("telegraph features: " + ", ".join("%s=%s" % kv for kv in sorted(cli.features.items())))
    inputs, why = cli.inputs(corpus, "txt")
    files = txt_files(corpus)
    jl_path = os.path.join(corpus, "articles.jsonl")
    G = "telegraph"

    # Floor: cat.
    if sum(len(f) + 1 for f in files) < 1_500_000:
        bench.timed("cat", "cat (floor)", ["cat"] + files, nbytes, narts, group="floor")
    else:
        bench.timed("cat", "cat (floor, JSON Lines)", ["cat", jl_path], man["jsonl_bytes"], narts, group="floor")

    jflag = lambda j: (["-j", str(j)] if cli.features["jobs"] else [])  # noqa: E731
    jobs = [1, 2]

    # Reference run: N-Triples to a file; its lines are the triple count.
    nt_path = os.path.join(work, "telegraph-out.nt")
    triples = None
    if inputs is None:
        bench.skip("telegraph.ntriples.file", "telegraph -f ntriples -o FILE", why, G)
    elif not cli.features["ntriples"]:
        bench.skip("telegraph.ntriples.file", "telegraph -f ntriples -o FILE", cli.reasons["ntriples"], G)
    else:
        j = 2 if cli.features["jobs"] else 1
        row = bench.timed("telegraph.ntriples.file", "telegraph -f ntriples -j %d -o FILE" % j,
                          [tg, "-q", "-f", "ntriples"] + jflag(j) + ["-o", nt_path] + inputs,
                          nbytes, narts, group=G, timeout=args.timeout)
        if row["status"] == "ok":
            triples = count_lines(nt_path)
            row["triples"] = triples
            row["triples_s"] = round(triples / row["wall_s"], 0)
            row["out_bytes"] = os.path.getsize(nt_path)
            info["triples"] = triples
            info["ntriples_bytes"] = row["out_bytes"]
            log("  N-Triples: %d triples, %s" % (triples, fmt_size(row["out_bytes"])))

    ref = [r for r in bench.rows if r["id"] == "telegraph.ntriples.file" and r["status"] == "ok"]
    budget = min(args.timeout, max(120, 4 * ref[0]["wall_s"])) if ref else args.timeout

    def tg_row(rid, label, feature_keys, cmd_for_j, with_triples, timeout=None):
        for j in jobs:
            lab = label + " -j %d" % j
            prev = [r for r in bench.rows if r["id"] == "%s.j1" % rid]
            if j > 1 and prev and prev[0]["status"].startswith("timeout"):
                bench.skip("%s.j%d" % (rid, j), lab, "skipped (-j 1 timed out)", G)
                continue
            if inputs is None:
                bench.skip("%s.j%d" % (rid, j), lab, why, G)
                continue
            missing = [k for k in feature_keys if not cli.features[k]]
            if j > 1 and not cli.features["jobs"]:
                missing.append("jobs")
            if missing:
                bench.skip("%s.j%d" % (rid, j), lab, cli.reasons[missing[0]], G)
                continue
            bench.timed("%s.j%d" % (rid, j), lab, cmd_for_j(j), nbytes, narts,
                        triples if with_triples else None, group=G,
                        timeout=timeout or budget)

    tg_row("telegraph.none", "telegraph -f none", ["none"],
           lambda j: [tg, "-q", "-f", "none"] + jflag(j) + inputs, False)
    tg_row("telegraph.ntriples", "telegraph -f ntriples", ["ntriples"],
           lambda j: [tg, "-q", "-f", "ntriples"] + jflag(j) + inputs, True)
    # Turtle: bounded, since a serializer that re-emits earlier articles
    # never ends on a large corpus.
    nt1 = [r for r in bench.rows if r["id"] == "telegraph.ntriples.j1" and r["status"] == "ok"]
    # When the probe saw Turtle re-emit earlier articles, the time N-Triples
    # took is budget enough to show it does not finish.
    if nt1:
        ttl_timeout = max(30, nt1[0]["wall_s"] + 10) if cli.turtle_repeats else max(60, 2 * nt1[0]["wall_s"] + 30)
        ttl_timeout = min(args.timeout, ttl_timeout)
    else:
        ttl_timeout = args.timeout
    tg_row("telegraph.turtle", "telegraph -f turtle", ["ntriples"],
           lambda j: [tg, "-q", "-f", "turtle"] + jflag(j) + inputs, True, timeout=ttl_timeout)
    if cli.turtle_repeats:
        for r in bench.rows:
            if r["id"].startswith("telegraph.turtle") and r["status"] != "ok":
                r["status"] += " (Turtle re-emits earlier articles: see notes)"

    def load_cmd(j):
        store = os.path.join(work, "store-j%d" % j)
        for p in glob.glob(store + "*"):
            shutil.rmtree(p) if os.path.isdir(p) else os.unlink(p)
        return [tg, "load", "--store", store] + (["-j", str(j)] if cli.features["load_jobs"] else []) + inputs

    for j in jobs:
        lab = "telegraph load --store -j %d" % j
        rid = "telegraph.load.j%d" % j
        if inputs is None:
            bench.skip(rid, lab, why, G)
        elif not cli.features["load"]:
            bench.skip(rid, lab, cli.reasons["load"], G)
        elif j > 1 and not cli.features["load_jobs"]:
            bench.skip(rid, lab, cli.reasons["load_jobs"], G)
        elif j > 1 and [r for r in bench.rows if r["id"] == "telegraph.load.j1" and r["status"].startswith("timeout")]:
            bench.skip(rid, lab, "skipped (-j 1 timed out)", G)
        else:
            row = bench.timed(rid, lab, load_cmd(j), nbytes, narts, triples, group=G, timeout=budget)
            store = os.path.join(work, "store-j%d" % j)
            row["store_bytes"] = sum(os.path.getsize(p) for p in glob.glob(store + "*")
                                     if os.path.isfile(p)) + sum(
                os.path.getsize(os.path.join(d, f)) for p in glob.glob(store + "*") if os.path.isdir(p)
                for d, _, fs in os.walk(p) for f in fs)

    # JSON Lines layout, the fastest mode only (the text is the same).
    if cli.features["jsonl"] and cli.features["ntriples"]:
        j = 2 if cli.features["jobs"] else 1
        bench.timed("telegraph.ntriples.jsonl.j%d" % j, "telegraph -f ntriples -j %d (JSON Lines)" % j,
                    [tg, "-q", "-f", "ntriples"] + jflag(j) + [jl_path], nbytes, narts,
                    triples, group=G, timeout=args.timeout, mb_of="jsonl",
                    extra={"jsonl_bytes": man["jsonl_bytes"]})
    else:
        bench.skip("telegraph.ntriples.jsonl", "telegraph -f ntriples (JSON Lines)",
                   cli.reasons.get("jsonl", "unavailable"), G)

    # Floor: pcre2grep running telegraph's own patterns.
    if not shutil.which("pcre2grep"):
        bench.skip("pcre2grep", "pcre2grep -f RULES (JIT)", "unavailable (apt-get install pcre2-utils)", "floor")
    else:
        pats = rule_patterns()
        ok, rejected = usable_patterns(pats, work)
        pfile = os.path.join(work, "patterns.txt")
        with open(pfile, "w", encoding="utf-8") as f:
            for p in ok:
                f.write(p["pattern"] + "\n")
        info["pcre2grep_patterns"] = {"total": len(pats), "used": len(ok),
                                      "rejected": [{"where": p["where"], "rule": p["rule"], "error": p["error"]}
                                                   for p in rejected]}
        cnt = os.path.join(work, "pcre2grep-counts.txt")
        row = bench.timed("pcre2grep", "pcre2grep -c -f RULES (%d/%d patterns)" % (len(ok), len(pats)),
                          ["pcre2grep", "-u", "-c", "-r", "-f", pfile, os.path.join(corpus, "txt")],
                          nbytes, narts, stdout=cnt, group="floor", timeout=args.timeout, ok_rc=(0, 1))
        if row["status"] == "ok":
            with open(cnt, encoding="utf-8") as f:
                row["matching_lines"] = sum(int(l.rsplit(":", 1)[1]) for l in f if ":" in l)

    # Peer: wink-nlp NER.
    if args.quick and not os.path.exists(os.path.join(HERE, "node_modules", "wink-nlp")):
        bench.skip("wink-nlp", "wink-nlp NER (node)", "skipped (--quick does not install npm packages)", "peer")
    elif not shutil.which("node"):
        bench.skip("wink-nlp", "wink-nlp NER (node)", "unavailable (apt-get install nodejs npm)", "peer")
    else:
        why_npm = npm_install(os.path.join(work, "npm-ci.log"))
        if why_npm:
            bench.skip("wink-nlp", "wink-nlp NER (node)", why_npm, "peer")
        else:
            wout = os.path.join(work, "wink.json")
            row = bench.timed("wink-nlp", "wink-nlp NER (node)",
                              ["node", os.path.join(HERE, "wink_ner.js"), os.path.join(corpus, "txt")],
                              nbytes, narts, stdout=wout, group="peer", timeout=args.timeout)
            if row["status"] == "ok":
                with open(wout) as f:
                    w = json.load(f)
                row["entities"] = w["entities"]
                row["model_load_s"] = round(w["load_s"], 3)
                row["annotate_mb_s"] = round(nbytes / MB / w["annotate_s"], 3)

    # Peers: rapper and serdi re-serializing telegraph's N-Triples.
    if triples is None:
        for rid, lab in (("rapper.nt", "rapper N-Triples -> N-Triples"), ("rapper.ttl", "rapper N-Triples -> Turtle"),
                         ("serdi.nt", "serdi N-Triples -> N-Triples"), ("serdi.ttl", "serdi N-Triples -> Turtle")):
            bench.skip(rid, lab, "unavailable (no telegraph N-Triples output)", "peer")
    else:
        ntb = os.path.getsize(nt_path)
        for tool, rid, lab, cmd in (
                ("rapper", "rapper.nt", "rapper N-Triples -> N-Triples", ["rapper", "-q", "-i", "ntriples", "-o", "ntriples", nt_path]),
                ("rapper", "rapper.ttl", "rapper N-Triples -> Turtle", ["rapper", "-q", "-i", "ntriples", "-o", "turtle", nt_path]),
                ("serdi", "serdi.nt", "serdi N-Triples -> N-Triples", ["serdi", "-i", "ntriples", "-o", "ntriples", nt_path]),
                ("serdi", "serdi.ttl", "serdi N-Triples -> Turtle", ["serdi", "-i", "ntriples", "-o", "turtle", nt_path])):
            if not shutil.which(tool):
                bench.skip(rid, lab, "unavailable (apt-get install %s)" % ("raptor2-utils" if tool == "rapper" else "serdi"), "peer")
                continue
            if args.quick and rid.endswith(".ttl") and tool == "rapper":
                bench.skip(rid, lab, "skipped (--quick)", "peer")
                continue
            bench.timed(rid, lab, cmd, ntb, None, triples, group="peer", timeout=args.timeout,
                        mb_of="ntriples")
    return corpus, cli


# ------------------------------------------------------------ ratios, table

def by_id(rows):
    return {r["id"]: r for r in rows if r.get("status") == "ok"}


def ratios(rows):
    ok = by_id(rows)
    out = {}

    def put(name, a, b, key="mb_s", label=None):
        if a in ok and b in ok and ok[b].get(key):
            out[name] = {"value": round(ok[a][key] / ok[b][key], 3), "of": a, "to": b, "key": key}

    put("telegraph_ntriples_j1_vs_wink", "telegraph.ntriples.j1", "wink-nlp")
    put("telegraph_ntriples_j2_vs_wink", "telegraph.ntriples.j2", "wink-nlp")
    # time ratio: telegraph extraction takes X times pcre2grep's time
    ext = "telegraph.none.j1" if "telegraph.none.j1" in ok else "telegraph.ntriples.j1"
    if ext in ok and "pcre2grep" in ok:
        out["telegraph_extraction_time_vs_pcre2grep"] = {
            "value": round(ok[ext]["wall_s"] / ok["pcre2grep"]["wall_s"], 3), "of": ext, "to": "pcre2grep",
            "key": "wall_s"}
    for m in ("none", "ntriples", "turtle", "load"):
        put("telegraph_%s_j2_vs_j1" % m, "telegraph.%s.j2" % m, "telegraph.%s.j1" % m)
    put("telegraph_ntriples_j1_vs_serdi_nt", "telegraph.ntriples.j1", "serdi.nt", key="triples_s")
    return out


def table(rows):
    head = ["mode", "wall s", "CPU s", "MB/s", "articles/s", "triples/s", "peak RSS MB", "notes"]
    lines = []
    for r in rows:
        if r.get("status") != "ok":
            lines.append([r["label"], "", "", "", "", "", "", r["status"]])
            continue
        notes = []
        if r.get("mb_of") == "ntriples":
            notes.append("MB = its N-Triples input")
        if r.get("mb_of") == "jsonl":
            notes.append("same text as %s of JSON Lines" % fmt_size(r.get("jsonl_bytes") or 0) if r.get("jsonl_bytes") else "same text, JSON Lines")
        if "triples" in r:
            notes.append("%d triples" % r["triples"])
        if "matching_lines" in r:
            notes.append("%d matching lines" % r["matching_lines"])
        if "entities" in r:
            notes.append("%d entities; model load %.1f s; %.2f MB/s annotating" % (
                r["entities"], r["model_load_s"], r["annotate_mb_s"]))
        if "store_bytes" in r:
            notes.append("store %s" % fmt_size(r["store_bytes"]))
        if r.get("user_s", 0) + r.get("sys_s", 0) > 1.3 * r["wall_s"]:
            notes.append("CPU %.1fx wall" % ((r["user_s"] + r["sys_s"]) / r["wall_s"]))
        lines.append([r["label"], "%.2f" % r["wall_s"], "%.2f" % (r["user_s"] + r["sys_s"]), num(r["mb_s"]),
                      "%.0f" % r["articles_s"] if "articles_s" in r else "",
                      "%.0f" % r["triples_s"] if "triples_s" in r else "",
                      "%.1f" % (r["maxrss_kb"] / 1024), "; ".join(notes)])
    return markdown(head, lines)


def markdown(head, lines):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    for l in lines:
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in l) + " |")
    return "\n".join(out)


def compare(latest, baseline, threshold, ir_threshold):
    """Regressions of latest against baseline: list of strings."""
    regs, notes = [], []
    if baseline.get("corpus", {}).get("txt_bytes") != latest.get("corpus", {}).get("txt_bytes"):
        notes.append("baseline corpus is %s, this run's %s: throughputs compared all the same" % (
            fmt_size(baseline.get("corpus", {}).get("txt_bytes") or 0),
            fmt_size(latest.get("corpus", {}).get("txt_bytes") or 0)))
    b_rows = {r["id"]: r for r in baseline.get("rows", [])}
    for r in latest.get("rows", []):
        b = b_rows.get(r["id"])
        if not b or b.get("status") != "ok":
            continue
        if r.get("status") != "ok":
            if not r["status"].startswith(("unavailable", "skipped")):
                regs.append("%s: ok in the baseline, now %s" % (r["label"], r["status"]))
            continue
        if b.get("mb_s") and r.get("mb_s") is not None and r["mb_s"] < b["mb_s"] * (1 - threshold):
            regs.append("%s: %.2f MB/s, baseline %.2f MB/s (%+.0f%%)" % (
                r["label"], r["mb_s"], b["mb_s"], 100 * (r["mb_s"] / b["mb_s"] - 1)))
    bc, lc = baseline.get("callgrind") or {}, latest.get("callgrind") or {}
    for k, v in (lc.get("ir_per_mb") or {}).items():
        bv = (bc.get("ir_per_mb") or {}).get(k)
        if bv and v > bv * (1 + ir_threshold):
            regs.append("callgrind %s: %.3g instructions/MB, baseline %.3g (%+.1f%%)" % (
                k, v, bv, 100 * (v / bv - 1)))
    return regs, notes


# ------------------------------------------------------------ callgrind

def callgrind_total(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    return None


def run_callgrind(args, info, cli_probe):
    if not shutil.which("valgrind"):
        return {"status": "unavailable (apt-get install valgrind)"}
    tg = args.telegraph
    corpus = os.path.join(args.work, "corpus-%s-seed%s" % (fmt_size(args.callgrind_size), args.seed))
    man = make_corpus(corpus, args.callgrind_size, args.seed)
    files = txt_files(corpus)
    # The fixed cost (loading rules and gazetteers): one tiny article.
    tiny_dir = os.path.join(args.work, "callgrind-tiny")
    os.makedirs(tiny_dir, exist_ok=True)
    tiny = os.path.join(tiny_dir, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write(" date 2025-01-01 Tiny\n\nThe regulator met on Monday.\n")
    res = {"status": "ok", "slice_bytes": man["txt_bytes"], "articles": man["articles"],
           "ir_total": {}, "ir_fixed": {}, "ir_per_mb": {}, "top": {}}
    modes = [("ntriples", ["-f", "ntriples"])]
    if cli_probe.features.get("none"):
        modes.insert(0, ("none", ["-f", "none"]))
    jf = ["-j", "1"] if cli_probe.features.get("jobs") else []
    for name, fl in modes:
        totals = {}
        for which, inp in (("fixed", [tiny]), ("slice", files)):
            out = os.path.join(args.work, "callgrind.%s.%s.out" % (name, which))
            log("callgrind: telegraph %s on %s ..." % (" ".join(fl), "a tiny article" if which == "fixed"
                                                         else fmt_size(man["txt_bytes"])))
            r = quick_run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                           tg, "-q"] + fl + jf + ["-o", os.devnull] + inp, timeout=3600)
            if r.returncode != 0:
                return {"status": "error (valgrind exit %d: %s)" % (r.returncode,
                                                                    first_line(r.stderr.decode("utf-8", "replace")))}
            totals[which] = callgrind_total(out)
            if which == "slice" and shutil.which("callgrind_annotate"):
                a = quick_run(["callgrind_annotate", out], timeout=300).stdout.decode("utf-8", "replace")
                top = []
                for line in a.splitlines():
                    m = re.match(r"\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(\S.*)$", line)
                    if m and "PROGRAM TOTALS" not in line:
                        fn = m.group(3)
                        if re.match(r"\?\?\?:0x[0-9a-f]+ \[\?\?\?\]", fn):
                            fn += " (JIT-compiled code: PCRE2 patterns)"
                        top.append({"ir": int(m.group(1).replace(",", "")), "pct": float(m.group(2)),
                                    "fn": fn[:140]})
                    if len(top) >= 10:
                        break
                res["top"][name] = top
        res["ir_total"][name] = totals["slice"]
        res["ir_fixed"][name] = totals["fixed"]
        res["ir_per_mb"][name] = round((totals["slice"] - totals["fixed"]) / (man["txt_bytes"] / MB))
    return res


# ------------------------------------------------------------ scaling

def run_scaling(args, cli, info):
    out = []
    for size in args.sizes:
        corpus = os.path.join(args.work, "scale-%s-seed%s" % (fmt_size(size), args.seed))
        layout = "jsonl" if cli.features["jsonl"] else "txt"
        if layout == "txt" and not cli.features["dir"]:
            out.append({"size": size, "status": "unavailable (CLI lacks JSON Lines and directory input)"})
            continue
        man = make_corpus(corpus, size, args.seed, layout=layout)
        inputs = [os.path.join(corpus, "articles.jsonl")] if layout == "jsonl" else [os.path.join(corpus, "txt")]
        for fmt in args.scale_formats:
            j = 2 if cli.features["jobs"] else 1
            cmd = [args.telegraph, "-q", "-f", fmt] + (["-j", str(j)] if cli.features["jobs"] else []) + inputs
            log("scaling: %s %s ..." % (fmt_size(size), " ".join(shorten(c) for c in cmd)))
            r = measure(cmd, timeout=args.scale_timeout)
            row = {"size": size, "bytes": man["txt_bytes"], "articles": man["articles"], "format": fmt,
                   "layout": layout, "jobs": j, "wall_s": round(r.wall, 2), "maxrss_kb": r.maxrss_kb,
                   "status": "ok"}
            if r.timed_out:
                row["status"] = "timeout after %d s" % args.scale_timeout
            elif r.rc != 0:
                row["status"] = "error (exit %d: %s)" % (r.rc, first_line(r.stderr)[:100])
            else:
                row["mb_s"] = round(man["txt_bytes"] / MB / r.wall, 3)
                row["rss_under_64mb"] = r.maxrss_kb < 64 * 1024
            out.append(row)
    # linear? MB/s of each size against the smallest, per format
    for fmt in args.scale_formats:
        rs = [r for r in out if r.get("format") == fmt and r["status"] == "ok"]
        if rs:
            base = rs[0]["mb_s"]
            for r in rs:
                r["mb_s_vs_smallest"] = round(r["mb_s"] / base, 3)
                r["linear"] = r["mb_s_vs_smallest"] >= 0.8
    return out


def scaling_table(rows):
    head = ["size", "format", "input", "wall s", "MB/s", "MB/s vs smallest", "peak RSS MB", "verdict"]
    lines = []
    for r in rows:
        if r["status"] != "ok":
            lines.append([fmt_size(r["size"]), r.get("format", ""), r.get("layout", ""), "", "", "", "", r["status"]])
            continue
        verdict = "%s; %s" % ("linear" if r["linear"] else "NOT linear (throughput fell > 20%)",
                              "RSS < 64 MB" if r["rss_under_64mb"] else "RSS >= 64 MB")
        lines.append([fmt_size(r["bytes"]), r["format"], r["layout"] + " -j %d" % r["jobs"], "%.1f" % r["wall_s"],
                      num(r["mb_s"]), "%.2f" % r["mb_s_vs_smallest"], "%.1f" % (r["maxrss_kb"] / 1024), verdict])
    return markdown(head, lines)


# ------------------------------------------------------------ main

# ------------------------------------------------------------ the output path (issue 15)

OUTPUT_LEVELS = ("none", "facts", "full")


def cpu_run(cmd, timeout=None):
    """(wall s, CPU s of the child alone, exit status): CPU from wait4 to
    the microsecond, GNU time's 10 ms steps being too coarse to subtract
    two modes of a 1 MB run."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, p.kill) if timeout else None
        if timer:
            timer.start()
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        p.stderr.close()
    if p.returncode != 0:
        log("  failed (%s): %s %s" % (p.returncode, " ".join(cmd), err.decode("utf-8", "replace")[-300:]))
    return wall, ru.ru_utime + ru.ru_stime, p.returncode


def writer_cpu(exe, flags, jl, repeat, timeout=None):
    """telegraph's own count (TELEGRAPH_PROFILE_WRITER) of the CPU seconds
    its workers spent mapping and serializing, best of `repeat`; None if
    the binary does not report it (main's)."""
    best = None
    env = dict(os.environ, TELEGRAPH_PROFILE_WRITER="1")
    for _ in range(repeat):
        p = quick_run([exe, "-q"] + flags + [jl], timeout=timeout or 900, env=env)
        m = re.search(rb"mapping and serializing took ([\d.]+) s CPU", p.stderr)
        if p.returncode != 0 or not m:
            return None
        v = float(m.group(1))
        best = v if best is None else min(best, v)
    return best


def output_modes(only=None):
    """(key, telegraph arguments) of every measured mode (those named in
    `only`, when given; extraction alone, -j 1, always)."""
    modes = [("none.j1", ["-f", "none", "-j", "1"]), ("none.j2", ["-f", "none", "-j", "2"])]
    for fmt in ("ntriples", "turtle"):
        for lvl in OUTPUT_LEVELS:
            modes.append(("%s.%s.j1" % (fmt, lvl), ["-f", fmt, "--provenance", lvl, "-j", "1"]))
        modes.append(("%s.facts.j2" % fmt, ["-f", fmt, "--provenance", "facts", "-j", "2"]))
    if only:
        modes = [m for m in modes if m[0] in only or m[0] == "none.j1"]
    return modes


def raptor_ceiling(ceiling_exe, nt_path, repeat):
    """raptor's own serializers on prebuilt statements (raptor_ceiling.c):
    the fastest of its stdio and buffer iostreams, CPU seconds."""
    p = quick_run([ceiling_exe, nt_path, str(repeat)], timeout=900)
    if p.returncode != 0:
        log("raptor_ceiling failed: " + p.stderr.decode("utf-8", "replace")[-300:])
        return None
    d = json.loads(p.stdout.decode("utf-8"))
    d["ntriples"] = min(d["ntriples-stdio"], d["ntriples-buffer"])
    d["turtle"] = min(d["turtle-stdio"], d["turtle-buffer"])
    return d


def run_output_path(args):
    """Extraction alone, N-Triples and Turtle at each provenance level, for
    this build and (--main-telegraph) main's, plus raptor's ceiling on the
    same triples; all on one JSON Lines corpus, each mode the best of
    --repeat runs.  The output path's cost is a mode's CPU time minus
    extraction alone's (-f none) of the same binary."""
    corpus = os.path.join(args.work, "corpus-%s-seed%s" % (fmt_size(args.size), args.seed))
    man = make_corpus(corpus, args.size, args.seed)
    jl = os.path.join(corpus, "articles.jsonl")
    nbytes = man["txt_bytes"]
    res = {"corpus": {k: man[k] for k in ("articles", "txt_bytes", "jsonl_bytes", "seed")},
           "loadavg_start": [round(x, 2) for x in os.getloadavg()], "repeat": args.repeat,
           "binaries": {}, "triples": {}, "ceiling": {}}
    bins = [("this", args.telegraph)] + [(name, os.path.abspath(path)) for name, path in args.compare]
    # Repetitions outermost, then modes, binaries innermost: every mode of
    # every build sees each phase of the machine's load, so that a mode and
    # extraction alone (whose CPU times are subtracted) are taken alike.
    samples = {name: {} for name, _ in bins}
    modes = output_modes(args.modes)
    for rep in range(args.repeat):
        log("output path: repetition %d of %d (%d modes)" % (rep + 1, args.repeat, len(modes)))
        for key, flags in modes:
            for name, exe in bins:
                wall, cpu, rc = cpu_run([exe, "-q"] + flags + [jl], timeout=args.timeout)
                samples[name].setdefault(key, []).append(None if rc else (wall, cpu))
    for name, exe in bins:
        times = {}
        for key, runs in samples[name].items():
            ok = [r for r in runs if r]
            times[key] = ({"wall": min(r[0] for r in ok), "cpu": min(r[1] for r in ok)}
                          if len(ok) == len(runs) else None)
        res["binaries"][name] = {"path": exe, "times": times}
    for lvl in OUTPUT_LEVELS:
        nt = os.path.join(args.work, "output-path.%s.nt" % lvl)
        r = measure([args.telegraph, "-q", "-f", "ntriples", "--provenance", lvl, jl], stdout=nt)
        res["triples"][lvl] = count_lines(nt) if r.rc == 0 else None
        res["bytes_per_article_nt_%s" % lvl] = round(os.path.getsize(nt) / man["articles"])
        if os.access(args.ceiling, os.X_OK):
            log("output path: raptor ceiling, provenance %s" % lvl)
            res["ceiling"][lvl] = raptor_ceiling(args.ceiling, nt, args.repeat)
    res["writer_cpu"] = {}
    for fmt in ("ntriples", "turtle"):
        for lvl in OUTPUT_LEVELS:
            if args.modes and "%s.%s.j1" % (fmt, lvl) not in args.modes:
                continue
            log("output path: writer profile %s %s" % (fmt, lvl))
            res["writer_cpu"]["%s.%s" % (fmt, lvl)] = writer_cpu(
                args.telegraph, ["-f", fmt, "--provenance", lvl, "-j", "1"], jl, args.repeat, args.timeout)
    res["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    res["derived"] = output_path_ratios(res, nbytes)
    return res


def output_path_ratios(res, nbytes):
    """The figures the README quotes, from run_output_path's times."""
    out = {}
    this = res["binaries"]["this"]["times"]
    others = [(n, b["times"]) for n, b in res["binaries"].items() if n != "this"]

    def cost(times, key):  # CPU seconds of the output path alone
        t, base = times.get(key), times.get("none.j1")
        return t["cpu"] - base["cpu"] if t and base else None

    for fmt in ("ntriples", "turtle"):
        for lvl in OUTPUT_LEVELS:
            key = "%s.%s.j1" % (fmt, lvl)
            c = cost(this, key)
            if c is None:
                continue
            out["%s.%s.mb_s" % (fmt, lvl)] = round(nbytes / MB / this[key]["wall"], 3)
            out["%s.%s.output_cpu_s" % (fmt, lvl)] = round(c, 4)
            ceil = res["ceiling"].get(lvl)
            if ceil and c > 0:
                out["%s.%s.pct_of_raptor_ceiling" % (fmt, lvl)] = round(100 * ceil[fmt] / c, 1)
            wc = res.get("writer_cpu", {}).get("%s.%s" % (fmt, lvl))
            if ceil and wc:
                # The same ratio from telegraph's own clock around its
                # writer: no subtraction of two noisy process times.
                out["%s.%s.writer_cpu_s" % (fmt, lvl)] = round(wc, 4)
                out["%s.%s.pct_of_raptor_ceiling_profiled" % (fmt, lvl)] = round(100 * ceil[fmt] / wc, 1)
            for name, other in others:
                mc = cost(other, key)
                if mc and c > 0:
                    out["%s.%s.output_speedup_vs_%s" % (fmt, lvl, name)] = round(mc / c, 2)
                    out["%s.%s.cpu_speedup_vs_%s" % (fmt, lvl, name)] = round(other[key]["cpu"] / this[key]["cpu"], 2)
                    out["%s.%s.wall_speedup_vs_%s" % (fmt, lvl, name)] = round(other[key]["wall"] / this[key]["wall"], 2)
        j1, j2 = this.get("%s.facts.j1" % fmt), this.get("%s.facts.j2" % fmt)
        if j1 and j2:
            out["%s.facts.j2_vs_j1" % fmt] = round(j1["wall"] / j2["wall"], 2)
    if this.get("none.j1"):
        out["none.mb_s"] = round(nbytes / MB / this["none.j1"]["wall"], 3)
    return out


def output_path_table(res):
    """Wall and CPU seconds of every mode, and the output path's CPU
    seconds (the mode's CPU minus extraction alone's), for each binary."""
    names = list(res["binaries"])
    head = "| mode | " + " | ".join("%s: wall s | %s: CPU s | %s: output CPU s" % (n, n, n) for n in names) + " | triples |"
    lines = [head, "|" + " --- |" * (2 + 3 * len(names))]
    for key, _ in output_modes():
        if key not in res["binaries"]["this"]["times"]:
            continue
        lvl = key.split(".")[1] if not key.startswith("none") else None
        cells = []
        for n in names:
            times = res["binaries"][n]["times"]
            t, base = times.get(key), times.get("none.j1")
            oc = t["cpu"] - base["cpu"] if t and base and lvl else None
            cells.append("%s | %s | %s" % ("%.3f" % t["wall"] if t else "-", "%.3f" % t["cpu"] if t else "-",
                                           "%.3f" % oc if oc is not None else ""))
        lines.append("| %s | %s | %s |" % (key, " | ".join(cells), res["triples"].get(lvl, "") if lvl else ""))
    for lvl, c in res["ceiling"].items():
        if c:
            lines.append("| raptor ceiling, provenance %s | N-Triples %.3f CPU s, Turtle %.3f CPU s |%s %d |" % (
                lvl, c["ntriples"], c["turtle"], " |" * (3 * len(names) - 1), c["triples"]))
    return "\n".join(lines)


def output_path_main(argv):
    """`run_bench.py --output-path ...`: only the output-path comparison."""
    ap = argparse.ArgumentParser(prog="run_bench.py --output-path")
    ap.add_argument("--output-path", action="store_true")
    ap.add_argument("--size", type=gen_corpus.parse_size, default=gen_corpus.parse_size("1MB"))
    ap.add_argument("--seed", default="1")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--telegraph", default=os.path.join(ROOT, "build", "telegraph"))
    ap.add_argument("--main-telegraph", default=None,
                    help="another build to compare with, named main (same as --compare main=PATH)")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=PATH",
                    help="another build to compare with, e.g. main-aa69926=/tmp/base-out/build/telegraph "
                         "(repeatable)")
    ap.add_argument("--ceiling", default=os.path.join(ROOT, "build", "tests", "bench", "raptor_ceiling"))
    ap.add_argument("--modes", default=None,
                    help="comma-separated modes to measure (e.g. ntriples.facts.j1,turtle.facts.j1); "
                         "default: all")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--results", default=os.path.join(HERE, "results", "output-path.json"))
    args = ap.parse_args(argv)
    args.telegraph = os.path.abspath(args.telegraph)
    args.compare = [tuple(c.split("=", 1)) for c in args.compare]
    args.modes = set(args.modes.split(",")) if args.modes else None
    if args.main_telegraph:
        args.compare.insert(0, ("main", args.main_telegraph))
    os.makedirs(args.work, exist_ok=True)
    res = run_output_path(args)
    print(output_path_table(res))
    print()
    for k, v in sorted(res["derived"].items()):
        print("  %-45s %s" % (k, v))
    print("load average %.1f at start, %.1f at end" % (res["loadavg_start"][0], res["loadavg_end"][0]))
    with open(args.results, "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    print("results: %s" % shorten(args.results))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=gen_corpus.parse_size, default=gen_corpus.parse_size("5MB"),
                    help="corpus size (bytes of .txt; default 5MB, under 10 minutes)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--telegraph", default=os.path.join(ROOT, "build", "telegraph"))
    ap.add_argument("--work", default=os.path.join(HERE, "work"),
                    help="scratch directory: corpora, outputs, stores (default tests/bench/work)")
    ap.add_argument("--results", default=None, help="result file (default results/latest.json; "
                    "--quick: work/quick.json)")
    ap.add_argument("--baseline", default=os.path.join(HERE, "results", "baseline.json"))
    ap.add_argument("--update-baseline", action="store_true", help="also write the result as the baseline")
    ap.add_argument("--threshold", type=float, default=0.20, help="throughput drop reported (default 0.20)")
    ap.add_argument("--ir-threshold", type=float, default=0.05,
                    help="callgrind instructions/MB growth reported (default 0.05)")
    ap.add_argument("--strict", action="store_true", help="exit 1 on a regression against the baseline")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: no npm install, no rapper Turtle; exit 1 only if telegraph fails")
    ap.add_argument("--timeout", type=float, default=900, help="seconds allowed to one measured command")
    ap.add_argument("--callgrind", action="store_true", help="also count instructions per MB under callgrind")
    ap.add_argument("--callgrind-size", type=gen_corpus.parse_size, default=gen_corpus.parse_size("250KB"),
                    help="slice run under callgrind (default 250KB: about 5 minutes for two modes)")
    ap.add_argument("--sizes", default="", help="opt-in scaling runs, e.g. 100MB,1GB (long)")
    ap.add_argument("--scale-formats", default="ntriples,nquads")
    ap.add_argument("--scale-timeout", type=float, default=4 * 3600)
    args = ap.parse_args(argv)
    args.sizes = [gen_corpus.parse_size(s) for s in args.sizes.split(",") if s.strip()]
    args.scale_formats = [s.strip() for s in args.scale_formats.split(",") if s.strip()]
    args.telegraph = os.path.abspath(args.telegraph)
    args.work = os.path.abspath(args.work)
    if not os.access(args.telegraph, os.X_OK):
        sys.exit("run_bench: no telegraph binary at %s (meson compile -C build)" % args.telegraph)
    os.makedirs(args.work, exist_ok=True)
    results = args.results or (os.path.join(args.work, "quick.json") if args.quick
                               else os.path.join(HERE, "results", "latest.json"))

    t_start = time.time()
    info = {"schema": 1, "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "argv": sys.argv[1:], "machine": machine_info(args.telegraph)}
    bench = Bench(args)
    corpus, cli = run_main(args, bench, info)
    info["rows"] = bench.rows
    info["ratios"] = ratios(bench.rows)
    if args.callgrind:
        info["callgrind"] = run_callgrind(args, info, cli)
    if args.sizes:
        info["scaling"] = run_scaling(args, cli, info)
    info["elapsed_s"] = round(time.time() - t_start, 1)
    info["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]

    c = info["corpus"]
    print()
    print("telegraph benchmark: %d articles, %s of text (seed %s), %s, %d CPUs, load average %.1f at start, %.1f at end" % (
        c["articles"], fmt_size(c["txt_bytes"]), c["seed"], info["machine"].get("cpu_model", "?"),
        info["machine"]["cpus"], info["machine"]["loadavg_start"][0], info["machine"]["loadavg_end"][0]))
    print()
    print(table(bench.rows))
    print()
    if info["ratios"]:
        print("Ratios:")
        names = {"telegraph_ntriples_j1_vs_wink": "telegraph N-Triples -j 1 / wink-nlp NER throughput",
                 "telegraph_ntriples_j2_vs_wink": "telegraph N-Triples -j 2 / wink-nlp NER throughput",
                 "telegraph_extraction_time_vs_pcre2grep": "telegraph extraction time / pcre2grep time",
                 "telegraph_none_j2_vs_j1": "telegraph -f none: -j 2 / -j 1 throughput",
                 "telegraph_ntriples_j2_vs_j1": "telegraph -f ntriples: -j 2 / -j 1 throughput",
                 "telegraph_turtle_j2_vs_j1": "telegraph -f turtle: -j 2 / -j 1 throughput",
                 "telegraph_load_j2_vs_j1": "telegraph load: -j 2 / -j 1 throughput",
                 "telegraph_ntriples_j1_vs_serdi_nt": "telegraph N-Triples -j 1 / serdi N-Triples triples/s"}
        for k, v in info["ratios"].items():
            extra = " (%s)" % v["of"] if k == "telegraph_extraction_time_vs_pcre2grep" else ""
            print("  %-55s %8.3f%s" % (names.get(k, k), v["value"], extra))
        print()
    pp = info.get("pcre2grep_patterns")
    if pp:
        print("pcre2grep: %d of %d rule patterns used%s" % (pp["used"], pp["total"], (
            "; rejected: " + ", ".join("%s (%s)" % (r["where"], r["error"][:60]) for r in pp["rejected"]))
            if pp["rejected"] else ""))
    for n in info.get("notes", []):
        print("Note: " + n)
    cg = info.get("callgrind")
    if cg:
        print()
        if cg["status"] == "ok":
            print("callgrind (%s slice, %d articles): instructions per MB of input, start-up cost removed" % (
                fmt_size(cg["slice_bytes"]), cg["articles"]))
            for k, v in cg["ir_per_mb"].items():
                print("  telegraph -f %-9s %14s Ir/MB   (start-up %s Ir)" % (k, "{:,}".format(v), "{:,}".format(cg["ir_fixed"][k])))
                for t in cg["top"].get(k, [])[:6]:
                    print("      %5.1f%%  %s" % (t["pct"], t["fn"]))
        else:
            print("callgrind: " + cg["status"])
    if info.get("scaling"):
        print()
        print("Scaling:")
        print(scaling_table(info["scaling"]))

    os.makedirs(os.path.dirname(results), exist_ok=True)
    with open(results, "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    print()
    print("results: %s" % shorten(results))
    status = 0
    if args.update_baseline:
        shutil.copy(results, args.baseline)
        print("baseline updated: %s" % shorten(args.baseline))
    elif os.path.exists(args.baseline):
        with open(args.baseline, encoding="utf-8") as f:
            base = json.load(f)
        regs, notes = compare(info, base, args.threshold, args.ir_threshold)
        for n in notes:
            print("baseline: " + n)
        if regs:
            print("REGRESSIONS against %s (throughput down > %d%%):" % (shorten(args.baseline), 100 * args.threshold))
            for r in regs:
                print("  " + r)
            if args.strict:
                status = 1
        else:
            print("no regression against %s (threshold %d%%)" % (shorten(args.baseline), 100 * args.threshold))
    else:
        print("no baseline at %s (make one with --update-baseline)" % shorten(args.baseline))
    if args.quick:
        failed = [r for r in bench.rows if r["id"].startswith("telegraph") and r["status"].startswith("error")]
        for r in failed:
            print("FAILED: %s: %s" % (r["label"], r["status"]))
        if failed:
            status = 1
    print("elapsed: %.0f s" % info["elapsed_s"])
    return status


if __name__ == "__main__":
    if "--output-path" in sys.argv[1:]:
        sys.exit(output_path_main(sys.argv[1:]))
    sys.exit(main())
