#!/usr/bin/python3
"""Check telegraph's RDF output with real RDF tools.

For every samples/*.txt and every format telegraph claims:
  * telegraph exits 0 with an empty stderr;
  * turtle, ntriples, nquads, rdfxml parse with `rapper -i SYNTAX -c -f strict`
    (exit 0; anything on stderr besides rapper's two progress lines, e.g. a
    warning, is a failure);
  * turtle, ntriples, nquads parse with `serdi -i SYNTAX` (strict by default;
    exit 0 and an empty stderr);
  * dot is accepted by `dot -Tsvg` (skipped with a note when graphviz's dot is
    not installed);
  * rdflib: the Turtle, RDF/XML and N-Quads (all graphs merged) outputs are
    isomorphic to the N-Triples output; rapper counts the same number of
    statements in Turtle, N-Triples and RDF/XML; N-Quads repeats no quad;
  * N-Quads: every quad is in a named graph and there is exactly one graph per
    article (also for several articles in one run, where each article's graph
    equals its single-article output);
  * determinism: two runs give byte-identical N-Triples after sorting lines;
  * shared IRIs: a place (e.g. Beijing) gets the same IRI in every article, and
    Beijing is mentioned by at least two articles;
  * the multi-article outputs and the --provenance / --base variants parse too.

Environment: TELEGRAPH (required), TG_SOURCE_ROOT, TELEGRAPH_DATA, and RAPPER,
SERDI, DOT (tool paths; --rapper=PATH, --serdi=PATH, --dot=PATH on the command
line win; default: found on PATH).  Needs Debian's python3-rdflib,
so run it with /usr/bin/python3.  Prints one line per check and a final line
"N passed, M failed"; exits 1 when a check failed.
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import rdflib
    from rdflib.compare import isomorphic
except ImportError as e:  # a failure, not a skip: the checks need it
    print(f"run_output.py: cannot import rdflib ({e}); run with /usr/bin/python3 "
          "and install python3-rdflib", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("TG_SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
SAMPLES_DIR = os.path.join(ROOT, "samples")
# Time limits stretch with TG_TIMEOUT_MULTIPLIER (scripts/test.sh sets it).
SLOW = float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or 1)
TIMEOUT = 120 * SLOW
FORMATS = ["turtle", "ntriples", "nquads", "rdfxml", "dot"]
EXT = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "rdfxml": "rdf", "dot": "dot"}
RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads",
                 "rdfxml": "rdfxml"}
SERDI_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads"}
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}
RAPPER_INFO = re.compile(r"^rapper: (Parsing URI .* with parser \S+|"
                         r"Parsing returned \d+ (triple|triples|statement|statements))$")
TG = "https://w3id.org/telegraph/ontology#"
RDFS_LABEL = rdflib.RDFS.label
RDF_TYPE = rdflib.RDF.type


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []
        self.skipped = 0

    def ok(self, name, cond, reason=""):
        if cond:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed.append(name)
            print(f"FAIL {name}")
            for line in str(reason).strip().splitlines()[:12]:
                print(f"     {line}")
        sys.stdout.flush()
        return cond

    def skip(self, name, why):
        self.skipped += 1
        print(f"SKIP {name}: {why}")


def run(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=TIMEOUT, **kw)


def tool(env, name):
    """A tool from --NAME=PATH on the command line, $ENV, or PATH."""
    path = TOOL_ARGS.get(name) or os.environ.get(env)
    if path:
        return path if os.access(path, os.X_OK) else None
    return shutil.which(name)


def slug(path):
    return os.path.splitext(os.path.basename(path))[0]


def telegraph_to_file(telegraph, args, dest):
    """Run telegraph with stdout to dest; return (rc, stderr text)."""
    with open(dest, "wb") as out:
        p = subprocess.run([telegraph] + args, stdout=out, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def check_rapper(res, rapper, name, syntax, path):
    p = run([rapper, "-i", syntax, "-c", "-f", "strict", path])
    err = p.stderr.decode("utf-8", "replace")
    noise = [l for l in err.splitlines() if not RAPPER_INFO.match(l)]
    m = re.search(r"Parsing returned (\d+) ", err)
    count = int(m.group(1)) if m else None
    good = p.returncode == 0 and not noise and count is not None and count > 0
    res.ok(f"rapper-{syntax}:{name}", good,
           f"rapper exit {p.returncode}, {count} statements\n" + "\n".join(noise or [err]))
    return count


def check_serdi(res, serdi, name, syntax, path):
    p = run([serdi, "-i", syntax, "-o", "ntriples", path])
    err = p.stderr.decode("utf-8", "replace")
    res.ok(f"serdi-{syntax}:{name}", p.returncode == 0 and not err.strip() and p.stdout,
           f"serdi exit {p.returncode}, {len(p.stdout)} bytes out\n{err}")


def check_dot(res, dot, name, path):
    p = run([dot, "-Tsvg", path])
    err = p.stderr.decode("utf-8", "replace")
    res.ok(f"dot-Tsvg:{name}", p.returncode == 0 and not err.strip() and b"<svg" in p.stdout,
           f"dot exit {p.returncode}\n{err}")


def load(path, fmt):
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    return g


def load_quads(path):
    """Return {graph name (str) or None for the default graph: set of lines}
    by parsing with rdflib, plus the merged rdflib.Graph."""
    cg = rdflib.ConjunctiveGraph()
    cg.parse(path, format="nquads")
    merged = rdflib.Graph()
    graphs = {}
    default_ids = {cg.default_context.identifier,
                   getattr(rdflib.graph, "DATASET_DEFAULT_GRAPH_ID", None)}
    for s, p, o, ctx in cg.quads((None, None, None, None)):
        ident = ctx.identifier if ctx is not None else None
        key = None if (ident is None or ident in default_ids
                       or not isinstance(ident, rdflib.URIRef)) else str(ident)
        graphs.setdefault(key, rdflib.Graph()).add((s, p, o))
        merged.add((s, p, o))
    return graphs, merged


def describe_diff(a, b):
    from rdflib.compare import graph_diff, to_isomorphic
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    lines = [f"{len(a)} vs {len(b)} triples"]
    lines += ["< " + " ".join(t.n3() for t in tr) for tr in list(only_a)[:4]]
    lines += ["> " + " ".join(t.n3() for t in tr) for tr in list(only_b)[:4]]
    return "\n".join(lines)


def sorted_lines(path):
    with open(path, "rb") as f:
        return sorted(f.read().splitlines())


TOOL_ARGS = {}


def main():
    for arg in sys.argv[1:]:
        m = re.fullmatch(r"--(rapper|serdi|dot)=(.*)", arg)
        if not m:
            print("usage: run_output.py [--rapper=PATH] [--serdi=PATH] [--dot=PATH]",
                  file=sys.stderr)
            return 2
        TOOL_ARGS[m.group(1)] = m.group(2)
    telegraph = os.environ.get("TELEGRAPH")
    if not telegraph:
        print("run_output.py: set TELEGRAPH to the telegraph binary", file=sys.stderr)
        return 2
    telegraph = os.path.abspath(telegraph)
    rapper = tool("RAPPER", "rapper")
    serdi = tool("SERDI", "serdi")
    dot = tool("DOT", "dot")
    res = Results()
    for what, path in (("rapper", rapper), ("serdi", serdi)):
        res.ok(f"tool-{what}", path is not None, f"{what} not found (set {what.upper()})")
    if dot is None:
        print("note: graphviz's dot is not installed; the dot -Tsvg checks are skipped")

    samples = sorted(os.path.join(SAMPLES_DIR, f) for f in os.listdir(SAMPLES_DIR)
                     if f.endswith(".txt"))
    res.ok("samples-found", len(samples) >= 2, f"{len(samples)} samples in {SAMPLES_DIR}")
    tmp = tempfile.mkdtemp(prefix="tg-output-")
    try:
        # 1. Run telegraph on every sample in every format (in parallel).
        jobs = {}
        with concurrent.futures.ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
            for s in samples:
                for fmt in FORMATS:
                    dest = os.path.join(tmp, f"{slug(s)}.{EXT[fmt]}")
                    jobs[(s, fmt)] = (dest, pool.submit(telegraph_to_file, telegraph,
                                                        ["-f", fmt, s], dest))
                dest = os.path.join(tmp, f"{slug(s)}.again.nt")
                jobs[(s, "again")] = (dest, pool.submit(telegraph_to_file, telegraph,
                                                        ["-f", "ntriples", s], dest))
        produced = {}
        for (s, fmt), (dest, fut) in jobs.items():
            rc, err = fut.result()
            good = res.ok(f"telegraph-{fmt}:{slug(s)}", rc == 0 and not err.strip()
                          and os.path.getsize(dest) > 0,
                          f"exit {rc}, {os.path.getsize(dest)} bytes\n{err}")
            if good:
                produced[(s, fmt)] = dest

        # 2. Parse every output with rapper (strict), serdi and dot.
        counts = {}
        for s in samples:
            name = slug(s)
            for fmt in FORMATS:
                path = produced.get((s, fmt))
                if path is None:
                    continue
                if fmt in RAPPER_SYNTAX and rapper:
                    counts[(s, fmt)] = check_rapper(res, rapper, name, RAPPER_SYNTAX[fmt], path)
                if fmt in SERDI_SYNTAX and serdi:
                    check_serdi(res, serdi, name, SERDI_SYNTAX[fmt], path)
                if fmt == "dot":
                    if dot:
                        check_dot(res, dot, name, path)
                    else:
                        res.skip(f"dot-Tsvg:{name}", "graphviz dot not installed")
            cs = {fmt: counts.get((s, fmt)) for fmt in ("turtle", "ntriples", "rdfxml")}
            if all(c is not None for c in cs.values()):
                res.ok(f"same-statement-count:{name}", len(set(cs.values())) == 1,
                       f"rapper counts: {cs}")
            if (s, "nquads") in produced:
                lines = [l for l in sorted_lines(produced[(s, "nquads")]) if l.strip()]
                dups = sorted({l for a, l in zip(lines, lines[1:]) if a == l})
                res.ok(f"nquads-no-duplicate-quads:{name}", not dups,
                       f"{len(lines)} quads, {len(dups)} written more than once "
                       f"(N-Triples has {counts.get((s, 'ntriples'))}), e.g.\n"
                       + "\n".join(d.decode("utf-8", "replace")[:160] for d in dups[:3]))

        # 3. rdflib: same graph in every format; N-Quads graph layout.
        place_iris = {}  # label -> {iri: [articles]}
        for s in samples:
            name = slug(s)
            nt_path = produced.get((s, "ntriples"))
            if nt_path is None:
                continue
            try:
                nt = load(nt_path, "nt")
            except Exception as e:  # noqa: BLE001 - report any parser failure
                res.ok(f"rdflib-parse-ntriples:{name}", False, e)
                continue
            for fmt in ("turtle", "rdfxml"):
                path = produced.get((s, fmt))
                if path is None:
                    continue
                try:
                    g = load(path, RDFLIB_FORMAT[fmt])
                except Exception as e:  # noqa: BLE001
                    res.ok(f"isomorphic-{fmt}-ntriples:{name}", False, f"rdflib: {e}")
                    continue
                res.ok(f"isomorphic-{fmt}-ntriples:{name}", isomorphic(g, nt),
                       describe_diff(g, nt))
            nq_path = produced.get((s, "nquads"))
            if nq_path is not None:
                try:
                    graphs, merged = load_quads(nq_path)
                except Exception as e:  # noqa: BLE001
                    res.ok(f"nquads-one-named-graph:{name}", False, f"rdflib: {e}")
                else:
                    # The article's graph and the entities graph (the
                    # layout of ontology/README.md), no default graph.
                    names = sorted(k for k in graphs if k is not None)
                    res.ok(f"nquads-one-named-graph:{name}",
                           None not in graphs and len(names) == 2
                           and names[0].endswith("/entities")
                           and names[1].endswith("/graph/" + name.lower()),
                           f"{len(graphs.get(None, ()))} quads in the default graph; "
                           f"named graphs: {names}")
                    res.ok(f"isomorphic-nquads-ntriples:{name}", isomorphic(merged, nt),
                           describe_diff(merged, nt))
            again = produced.get((s, "again"))
            if again is not None:
                a, b = sorted_lines(nt_path), sorted_lines(again)
                res.ok(f"deterministic-ntriples:{name}", a == b,
                       f"{len(set(a) ^ set(b))} lines differ between two runs")
            for place in nt.subjects(RDF_TYPE, rdflib.URIRef(TG + "Place")):
                for label in nt.objects(place, RDFS_LABEL):
                    place_iris.setdefault(str(label), {}).setdefault(str(place), []).append(name)

        # 4. The same place gets the same IRI in every article.
        split = {l: iris for l, iris in place_iris.items() if len(iris) > 1}
        res.ok("place-iris-shared", not split and place_iris,
               "\n".join(f"{l}: " + ", ".join(f"{i} ({', '.join(a)})" for i, a in iris.items())
                         for l, iris in split.items()) or "no places found at all")
        beijing = place_iris.get("Beijing", {})
        arts = sorted({a for lst in beijing.values() for a in lst})
        res.ok("beijing-same-iri-in-several-articles", len(beijing) == 1 and len(arts) >= 2,
               f"Beijing IRIs: {sorted(beijing)}; articles: {arts}")

        # 5. All samples in one run (formats that take several articles).
        multi = {}
        for fmt in ("turtle", "ntriples", "nquads"):
            dest = os.path.join(tmp, f"all.{EXT[fmt]}")
            rc, err = telegraph_to_file(telegraph, ["-f", fmt] + samples, dest)
            if res.ok(f"telegraph-{fmt}:all-samples",
                      rc == 0 and not err.strip() and os.path.getsize(dest) > 0,
                      f"exit {rc}, {os.path.getsize(dest)} bytes\n{err}"):
                multi[fmt] = dest
                if rapper:
                    check_rapper(res, rapper, "all-samples", RAPPER_SYNTAX[fmt], dest)
                if serdi:
                    check_serdi(res, serdi, "all-samples", SERDI_SYNTAX[fmt], dest)
        if "nquads" in multi:
            graphs, _ = load_quads(multi["nquads"])
            names = sorted(k for k in graphs if k is not None)
            # One graph per article plus the shared entities graph.
            res.ok("nquads-graph-per-article:all-samples",
                   None not in graphs and len(names) == len(samples) + 1
                   and sum(n.endswith("/entities") for n in names) == 1,
                   f"{len(samples)} articles, {len(names)} named graphs, "
                   f"{len(graphs.get(None, ()))} quads in the default graph")
            singles = {}
            for s in samples:
                if (s, "nquads") in produced:
                    try:
                        g1, _ = load_quads(produced[(s, "nquads")])
                    except Exception:  # noqa: BLE001 - reported above
                        continue
                    for k, g in g1.items():
                        if k and k.endswith("/entities"):
                            # the entities graph holds every article's
                            # descriptions: it is the union of the singles'
                            ent = singles.get(k, ("entities", rdflib.Graph()))[1]
                            for t in g:
                                ent.add(t)
                            singles[k] = ("entities", ent)
                        else:
                            singles[k] = (slug(s), g)
            for k, (name, g) in sorted(singles.items(), key=lambda kv: kv[1][0]):
                other = graphs.get(k)
                res.ok(f"nquads-graph-matches-single-run:{name}",
                       other is not None and isomorphic(g, other),
                       f"graph {k} " + ("missing from the multi-article output"
                                        if other is None else describe_diff(g, other)))
        if "turtle" in multi and "ntriples" in multi:
            a, b = load(multi["turtle"], "turtle"), load(multi["ntriples"], "nt")
            res.ok("isomorphic-turtle-ntriples:all-samples", len(b) > 0 and isomorphic(a, b),
                   describe_diff(a, b))
            again = os.path.join(tmp, "all.again.nt")
            rc, err = telegraph_to_file(telegraph, ["-f", "ntriples"] + samples, again)
            res.ok("deterministic-ntriples:all-samples",
                   rc == 0 and os.path.getsize(again) > 0
                   and sorted_lines(again) == sorted_lines(multi["ntriples"]),
                   f"exit {rc}; outputs differ after sorting\n{err}")

        # 6. Variants of the seed: provenance levels, another base, stdin.
        seed = os.path.join(SAMPLES_DIR, "miit-2025-02-28.txt")
        variants = [("prov-none", ["--provenance", "none"]), ("prov-full", ["--provenance", "full"]),
                    ("base", ["--base", "http://example.org/kg/"])]
        for vname, extra in variants:
            for fmt in ("turtle", "ntriples", "nquads", "rdfxml"):
                dest = os.path.join(tmp, f"seed-{vname}.{EXT[fmt]}")
                rc, err = telegraph_to_file(telegraph, ["-f", fmt] + extra + [seed], dest)
                if res.ok(f"telegraph-{fmt}:seed-{vname}",
                          rc == 0 and not err.strip() and os.path.getsize(dest) > 0,
                          f"exit {rc}, {os.path.getsize(dest)} bytes\n{err}") and rapper:
                    check_rapper(res, rapper, f"seed-{vname}", RAPPER_SYNTAX[fmt], dest)
                    if fmt in SERDI_SYNTAX and serdi:
                        check_serdi(res, serdi, f"seed-{vname}", SERDI_SYNTAX[fmt], dest)
        outs = []
        for i in range(2):
            with open(seed, "rb") as f:
                p = subprocess.run([telegraph, "-f", "ntriples"], stdin=f,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   timeout=TIMEOUT)
            outs.append((p.returncode, sorted(p.stdout.splitlines())))
        res.ok("deterministic-ntriples:stdin",
               outs[0][0] == 0 and outs[0][1] and outs[0] == outs[1],
               f"exit {outs[0][0]}/{outs[1][0]}; outputs differ after sorting")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if res.skipped:
        print(f"{res.skipped} skipped")
    if res.failed:
        print("failed: " + " ".join(res.failed))
    print(f"{res.passed} passed, {len(res.failed)} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
