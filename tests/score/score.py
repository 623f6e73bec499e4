#!/usr/bin/python3
"""Score telegraph's RDF output against hand-written gold facts.

Usage:
    /usr/bin/python3 tests/score/score.py --telegraph PATH/TO/telegraph \
        [--floors tests/score/floors.tsv] [--json OUT.json] [--verbose] DIR [DIR...]

For every DIR/NAME.txt with a DIR/NAME.gold beside it, runs
`telegraph -f ntriples --provenance none DIR/NAME.txt`, reads the N-Triples with
rdflib, pulls fact tuples out with SPARQL and compares them with the gold lines.
See tests/score/README.md for the matching rules.

Exit status: 0 all floors met; 1 some floor missed; 2 usage error, bad gold or
floors file, or telegraph failed (non-zero exit, signal, timeout, bad output).
The last line printed is "N passed, M failed" (floors met / missed).

Needs Debian's /usr/bin/python3 (python3-rdflib); standard library otherwise.
"""

import argparse
import json
import os
import re
import signal
import string
import subprocess
import sys
import unicodedata
from decimal import Decimal, InvalidOperation

try:
    import rdflib
    from rdflib.plugins.sparql import prepareQuery
except ImportError:  # pragma: no cover - environment problem
    sys.stderr.write("score.py: rdflib not found; run with /usr/bin/python3 "
                     "(Debian package python3-rdflib)\n")
    sys.exit(2)

TG = "https://w3id.org/telegraph/ontology#"
NAMESPACES = {
    "tg": rdflib.Namespace(TG),
    "rdf": rdflib.RDF,
    "rdfs": rdflib.RDFS,
    "skos": rdflib.Namespace("http://www.w3.org/2004/02/skos/core#"),
    "xsd": rdflib.XSD,
}

ENTITY_TYPES = ("Regulator", "GovernmentBody", "Company", "NewsAgency",
                "Person", "Place", "Policy")

# category -> kinds of its slots, in gold-line order.
#   type: entity type name; name: an entity (gold: a name, output: an IRI with labels)
#   int/num: numbers compared as Decimal; date: YYYY[-MM[-DD]]; unit: casefolded string
CATEGORIES = {
    "entity": ("type", "name"),
    "approval": ("name", "name"),
    "approval-region": ("name", "name"),
    "approval-count": ("name", "int"),
    "approval-date": ("name", "date"),
    "statistic": ("num", "unit"),
    "statistic-date": ("num", "date"),
    "decision": ("name", "name"),
    "decision-date": ("name", "date"),
    "reported-by": ("name",),
}
CATEGORY_ORDER = list(CATEGORIES)
ENTITY_ROWS = ["entity:" + t for t in ENTITY_TYPES]
ALL_ROW = "all"
ROW_ORDER = ["entity"] + ENTITY_ROWS + CATEGORY_ORDER[1:] + [ALL_ROW]
OVERALL = "overall"
METRICS = ("precision", "recall", "f1")

# One SPARQL query per category; the selected variables after ?ev fill the slots.
# ?ev (the event / entity / document node) keeps one tuple per event.
_TYPES_VALUES = " ".join("tg:" + t for t in ENTITY_TYPES)
QUERIES = {
    "entity": "SELECT ?ev ?t ?ev2 WHERE { ?ev a ?t . VALUES ?t { %s } BIND(?ev AS ?ev2) }"
              % _TYPES_VALUES,
    # An approval may name no granting body: ?a is then unbound and matches
    # the gold regulator slot "-" (NOBODY).
    "approval": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Approval ; tg:grantedTo ?b "
                "OPTIONAL { ?ev tg:grantedBy ?a } }",
    "approval-region": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Approval ; tg:inRegion ?b "
                       "OPTIONAL { ?ev tg:grantedBy ?a } }",
    "approval-count": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Approval ; tg:recipientCount ?b "
                      "OPTIONAL { ?ev tg:grantedBy ?a } }",
    "approval-date": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Approval ; tg:date ?b "
                     "OPTIONAL { ?ev tg:grantedBy ?a } }",
    "statistic": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Statistic ; tg:value ?a ; tg:unit ?b }",
    "statistic-date": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Statistic ; tg:value ?a ; tg:asOf ?b }",
    "decision": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Decision ; tg:decidedBy ?a ; tg:adopts ?b }",
    "decision-date": "SELECT ?ev ?a ?b WHERE { ?ev a tg:Decision ; tg:decidedBy ?a ; tg:date ?b }",
    "reported-by": "SELECT ?ev ?a WHERE { ?ev a tg:Document ; tg:reportedBy ?a }",
}
# The gold regulator slot of an approval whose article names no granting
# body, and the key an approval without tg:grantedBy gets.
NOBODY = "-"
NOBODY_CATEGORIES = ("approval", "approval-region", "approval-count", "approval-date")
LABEL_QUERY = ("SELECT ?e ?l ?pref WHERE { { ?e rdfs:label ?l BIND(1 AS ?pref) } "
               "UNION { ?e skos:altLabel ?l BIND(2 AS ?pref) } }")
_PREPARED = {}


def _query(name, text):
    if name not in _PREPARED:
        _PREPARED[name] = prepareQuery(text, initNs=NAMESPACES)
    return _PREPARED[name]


class UsageError(Exception):
    """Bad invocation, gold file or floors file: exit status 2."""


class TelegraphError(Exception):
    """telegraph failed on a file: exit status 2."""


# ---------------------------------------------------------------- normalising

_APOSTROPHES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'",
    "\u2032": "'", "\u0060": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
})
_ASCII_PUNCT = frozenset(string.punctuation)


def _is_separator(ch):
    if ch.isspace() or ch in _ASCII_PUNCT:
        return True
    cat = unicodedata.category(ch)
    return cat[0] in "PZ" or cat == "Cc"


def norm_name(text):
    """Name key: NFKC, curly quotes straightened, casefolded, runs of
    punctuation/whitespace -> one space, stripped, one leading "the " dropped."""
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    out = []
    in_sep = False
    for ch in s:
        if _is_separator(ch):
            if not in_sep:
                out.append(" ")
            in_sep = True
        else:
            out.append(ch)
            in_sep = False
    s = "".join(out).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TZ_RE = re.compile(r"(?:Z|[+-]\d{2}:\d{2})$")


def norm_date(text):
    """Date key: trimmed; a time part and a timezone suffix are dropped, so
    "2025-02-28Z" and "2025-02-28T10:00:00" both give "2025-02-28"."""
    s = unicodedata.normalize("NFKC", text).strip()
    if "T" in s:
        s = s.split("T", 1)[0]
    s = _TZ_RE.sub("", s)
    return s


def to_decimal(text):
    """Decimal of text, or None if it is not a finite number."""
    try:
        d = Decimal(unicodedata.normalize("NFKC", str(text)).strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def norm_unit(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# ----------------------------------------------------------------- tuples

class Fact:
    """One gold or predicted tuple.

    keys: per slot, the comparison key.  Gold name slots hold one normalised
    name; predicted name slots hold a frozenset of the entity's normalised
    labels.  shown: readable text per slot.  where: gold line or output node."""

    __slots__ = ("category", "keys", "shown", "where")

    def __init__(self, category, keys, shown, where):
        self.category = category
        self.keys = keys
        self.shown = shown
        self.where = where

    def text(self):
        return " | ".join(self.shown)


def slot_matches(kind, gold_key, pred_key):
    if gold_key is None or pred_key is None:
        return False
    if kind == "name":
        return gold_key in pred_key
    return gold_key == pred_key


def fact_matches(gold, pred):
    kinds = CATEGORIES[gold.category]
    return all(slot_matches(k, g, p) for k, g, p in zip(kinds, gold.keys, pred.keys))


def match(golds, preds):
    """Maximum one-to-one matching (augmenting paths; the lists are small).
    Returns {gold index: pred index}."""
    candidates = [[j for j, p in enumerate(preds) if fact_matches(g, p)] for g in golds]
    owner = {}  # pred index -> gold index

    def augment(i, seen):
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(golds)):
        if candidates[i]:
            augment(i, set())
    return {i: j for j, i in owner.items()}


# ------------------------------------------------------------------- gold

def parse_gold(path):
    """List of Facts from a gold file; raises UsageError naming FILE:LINE."""
    facts = []
    errors = []
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("%s: cannot read gold file: %s" % (path, exc))
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = "%s:%d" % (path, lineno)
        fields = [f.strip() for f in raw.split("\t")]
        fields = [f for f in fields if f]  # runs of tabs count as one separator
        category = fields[0]
        if category not in CATEGORIES:
            errors.append("%s: unknown category %r (expected one of: %s)"
                          % (where, category, ", ".join(CATEGORY_ORDER)))
            continue
        kinds = CATEGORIES[category]
        if len(fields) != len(kinds) + 1:
            errors.append("%s: %s needs %d tab-separated fields after the category, found %d"
                          % (where, category, len(kinds), len(fields) - 1))
            continue
        keys, shown = [], []
        bad = None
        for kind, value in zip(kinds, fields[1:]):
            if kind == "type":
                canon = {t.casefold(): t for t in ENTITY_TYPES}.get(value.casefold())
                if canon is None:
                    bad = "entity type %r is not scored (expected one of: %s)" % (
                        value, ", ".join(ENTITY_TYPES))
                    break
                keys.append(canon)
                shown.append(canon)
            elif kind == "name" and value == NOBODY and not keys and \
                    category in NOBODY_CATEGORIES:
                keys.append(NOBODY)
                shown.append(NOBODY)
            elif kind == "name":
                key = norm_name(value)
                if not key:
                    bad = "name %r is empty after normalising" % value
                    break
                keys.append(key)
                shown.append(value)
            elif kind in ("int", "num"):
                d = to_decimal(value)
                if d is None or (kind == "int" and d != d.to_integral_value()):
                    bad = "%r is not %s" % (value, "an integer" if kind == "int"
                                            else "a plain decimal number")
                    break
                keys.append(d)
                shown.append(value)
            elif kind == "date":
                if not _DATE_RE.match(value):
                    bad = "date %r is not YYYY-MM-DD, YYYY-MM or YYYY" % value
                    break
                keys.append(norm_date(value))
                shown.append(value)
            elif kind == "unit":
                keys.append(norm_unit(value))
                shown.append(value)
        if bad:
            errors.append("%s: %s" % (where, bad))
            continue
        facts.append(Fact(category, tuple(keys), tuple(shown), "gold line %d" % lineno))
    if errors:
        raise UsageError("\n".join(errors))
    return facts


# ------------------------------------------------------------- telegraph run

class Runner:
    """Runs telegraph; remembers whether it accepts --provenance."""

    def __init__(self, telegraph, timeout):
        self.telegraph = telegraph
        self.timeout = timeout
        self.provenance_flag = True

    def _run(self, args):
        try:
            return subprocess.run([self.telegraph] + args, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise TelegraphError("timed out after %gs" % self.timeout)
        except OSError as exc:
            raise TelegraphError("cannot run %s: %s" % (self.telegraph, exc))

    def ntriples(self, path):
        base = ["-f", "ntriples"]
        if self.provenance_flag:
            proc = self._run(base + ["--provenance", "none", path])
            if proc.returncode == 2:
                retry = self._run(base + [path])
                if retry.returncode == 0:
                    self.provenance_flag = False
                proc = retry
        else:
            proc = self._run(base + [path])
        if proc.returncode != 0:
            if proc.returncode < 0:
                how = "killed by signal %d" % -proc.returncode
                try:
                    how += " (%s)" % signal.Signals(-proc.returncode).name
                except ValueError:
                    pass
            else:
                how = "exit status %d" % proc.returncode
            raise TelegraphError("%s\n--- stderr ---\n%s" % (
                how, proc.stderr.decode("utf-8", "replace").rstrip() or "(empty)"))
        try:
            return proc.stdout.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TelegraphError("output is not UTF-8: %s" % exc)


def predicted_facts(nt_text):
    """Facts extracted from telegraph's N-Triples output."""
    graph = rdflib.Graph()
    try:
        graph.parse(data=nt_text, format="nt")
    except Exception as exc:  # rdflib raises several types
        raise TelegraphError("output is not valid N-Triples: %s" % exc)

    names = {}    # node -> set of normalised labels
    display = {}  # node -> (pref, label) shown in reports
    for node, label, pref in graph.query(_query("labels", LABEL_QUERY)):
        key = norm_name(str(label))
        if key:
            names.setdefault(node, set()).add(key)
        cand = (int(pref), str(label))
        if node not in display or cand < display[node]:
            display[node] = cand

    def show_node(node):
        if node in display:
            return display[node][1]
        return "<%s>" % node if isinstance(node, rdflib.URIRef) else str(node)

    facts = []
    for category in CATEGORY_ORDER:
        kinds = CATEGORIES[category]
        rows = graph.query(_query(category, QUERIES[category]))
        seen = set()
        for row in rows:
            ev, values = row[0], row[1:1 + len(kinds)]
            ident = (ev,) + tuple(values)
            if ident in seen:
                continue
            seen.add(ident)
            keys, shown = [], []
            for kind, value in zip(kinds, values):
                if kind == "type":
                    t = str(value)[len(TG):] if str(value).startswith(TG) else str(value)
                    keys.append(t)
                    shown.append(t)
                elif kind == "name" and value is None:
                    keys.append(frozenset((NOBODY,)))
                    shown.append(NOBODY)
                elif kind == "name":
                    keys.append(frozenset(names.get(value, ())))
                    shown.append(show_node(value))
                elif kind in ("int", "num"):
                    keys.append(to_decimal(str(value)))
                    shown.append(str(value))
                elif kind == "date":
                    keys.append(norm_date(str(value)))
                    shown.append(str(value))
                elif kind == "unit":
                    keys.append(norm_unit(str(value)))
                    shown.append(str(value))
            facts.append(Fact(category, tuple(keys), tuple(shown), str(ev)))
    facts.sort(key=lambda f: (f.category, f.shown, f.where))
    return facts


# ---------------------------------------------------------------- counting

def new_counts():
    return {row: {"gold": 0, "pred": 0, "tp": 0} for row in ROW_ORDER}


def add_counts(into, other):
    for row, c in other.items():
        for k in ("gold", "pred", "tp"):
            into[row][k] += c[k]


def metrics(c):
    """precision/recall/f1, None where undefined (nothing predicted / no gold /
    neither).  f1 = 2TP/(gold+pred)."""
    g, p, tp = c["gold"], c["pred"], c["tp"]
    return {
        "precision": round(tp / p, 3) if p else None,
        "recall": round(tp / g, 3) if g else None,
        "f1": round(2 * tp / (g + p), 3) if g + p else None,
    }


def score_file(golds, preds):
    """Counts per row and the misses (FN gold facts, FP predicted facts)."""
    counts = new_counts()
    misses = {}
    for category in CATEGORY_ORDER:
        g = [f for f in golds if f.category == category]
        p = [f for f in preds if f.category == category]
        pairs = match(g, p)
        counts[category]["gold"] += len(g)
        counts[category]["pred"] += len(p)
        counts[category]["tp"] += len(pairs)
        if category == "entity":
            for f in g:
                counts["entity:" + f.keys[0]]["gold"] += 1
            for f in p:
                counts["entity:" + f.keys[0]]["pred"] += 1
            for i in pairs:
                counts["entity:" + g[i].keys[0]]["tp"] += 1
        matched_p = set(pairs.values())
        fn = [f for i, f in enumerate(g) if i not in pairs]
        fp = [f for j, f in enumerate(p) if j not in matched_p]
        if fn or fp:
            misses[category] = {"fn": fn, "fp": fp}
    for k in ("gold", "pred", "tp"):
        counts[ALL_ROW][k] = sum(counts[c][k] for c in CATEGORY_ORDER)
    return counts, misses


# ------------------------------------------------------------------ floors

def parse_floors(path):
    floors, errors = [], []
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("%s: cannot read floors file: %s" % (path, exc))
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        where = "%s:%d" % (path, lineno)
        fields = [f.strip() for f in raw.split("\t") if f.strip()]
        if len(fields) != 4:
            errors.append("%s: expected DIRNAME<TAB>category<TAB>metric<TAB>minimum, found %d fields"
                          % (where, len(fields)))
            continue
        dirname, row, metric, minimum = fields
        if row not in ROW_ORDER:
            errors.append("%s: unknown category %r (expected one of: %s)"
                          % (where, row, ", ".join(ROW_ORDER)))
            continue
        if metric not in METRICS:
            errors.append("%s: unknown metric %r (expected precision, recall or f1)" % (where, metric))
            continue
        try:
            value = float(minimum)
        except ValueError:
            value = None
        if value is None or not 0.0 <= value <= 1.0:
            errors.append("%s: minimum %r is not a number between 0 and 1" % (where, minimum))
            continue
        floors.append({"dir": dirname, "category": row, "metric": metric,
                       "minimum": value, "line": lineno})
    if errors:
        raise UsageError("\n".join(errors))
    return floors


def check_floors(floors, tables):
    """Adds value/status to each floor; status met, missed, or skipped (DIR
    not scored in this run).  An undefined metric (nothing to measure) is met."""
    for fl in floors:
        table = tables.get(fl["dir"])
        if table is None:
            fl["value"], fl["status"] = None, "skipped"
            continue
        value = metrics(table[fl["category"]])[fl["metric"]]
        fl["value"] = value
        fl["status"] = "met" if value is None or value >= fl["minimum"] else "missed"
    return floors


# ----------------------------------------------------------------- output

def fmt(x):
    return "    -" if x is None else "%.3f" % x


def print_table(title, counts, out):
    out.write("\n== %s ==\n" % title)
    out.write("%-18s %6s %6s %6s %9s %7s %6s\n" % (
        "category", "gold", "pred", "TP", "precision", "recall", "F1"))
    for row in ROW_ORDER:
        c = counts[row]
        if row.startswith("entity:") and not (c["gold"] or c["pred"]):
            continue
        m = metrics(c)
        label = "  " + row[len("entity:"):] if row.startswith("entity:") else row
        out.write("%-18s %6d %6d %6d %9s %7s %6s\n" % (
            label, c["gold"], c["pred"], c["tp"],
            fmt(m["precision"]), fmt(m["recall"]), fmt(m["f1"])))


def counts_json(counts):
    res = {}
    for row in ROW_ORDER:
        c = dict(counts[row])
        c["fp"] = c["pred"] - c["tp"]
        c["fn"] = c["gold"] - c["tp"]
        c.update(metrics(counts[row]))
        res[row] = c
    return res


def find_pairs(directory):
    """Sorted (txt, gold) paths in directory."""
    pairs = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".txt"):
            gold = os.path.join(directory, name[:-4] + ".gold")
            if os.path.isfile(gold):
                pairs.append((os.path.join(directory, name), gold))
    return pairs


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Score telegraph output against DIR/*.gold (see tests/score/README.md).")
    ap.add_argument("--telegraph", required=True, help="path to the telegraph executable")
    ap.add_argument("--floors", help="TSV of DIRNAME, category, metric, minimum")
    ap.add_argument("--json", help="write all numbers to this file")
    ap.add_argument("--verbose", action="store_true", help="print missed and extra tuples per file")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds allowed per telegraph run (default 120)")
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    args = ap.parse_args(argv)
    out = sys.stdout

    try:
        if not (os.path.isfile(args.telegraph) and os.access(args.telegraph, os.X_OK)):
            raise UsageError("--telegraph %s: not an executable file" % args.telegraph)
        floors = parse_floors(args.floors) if args.floors else []
        work = []  # (dirname, [(txt, gold, facts)])
        names_seen = {}
        gold_errors = []
        for d in args.dirs:
            if not os.path.isdir(d):
                raise UsageError("%s: not a directory" % d)
            dirname = os.path.basename(os.path.normpath(os.path.abspath(d)))
            if dirname in names_seen or dirname == OVERALL:
                raise UsageError("%s: directory name %r clashes with %s" % (
                    d, dirname, names_seen.get(dirname, "the overall row")))
            names_seen[dirname] = d
            pairs = find_pairs(d)
            if not pairs:
                raise UsageError("%s: no *.txt file with a .gold file beside it" % d)
            items = []
            for txt, gold in pairs:
                try:
                    items.append((txt, gold, parse_gold(gold)))
                except UsageError as exc:
                    gold_errors.append(str(exc))
            work.append((dirname, items))
        if gold_errors:
            raise UsageError("\n".join(gold_errors))
    except UsageError as exc:
        sys.stderr.write("score.py: error:\n%s\n" % exc)
        return 2

    runner = Runner(os.path.abspath(args.telegraph), args.timeout)
    failures = []
    results = []  # (dirname, [(txt, counts, misses)])
    for dirname, items in work:
        scored = []
        for txt, _gold, golds in items:
            try:
                preds = predicted_facts(runner.ntriples(txt))
            except TelegraphError as exc:
                failures.append("%s: telegraph failed: %s" % (txt, exc))
                continue
            counts, misses = score_file(golds, preds)
            scored.append((txt, counts, misses))
        results.append((dirname, scored))
    if failures:
        for f in failures:
            sys.stderr.write("score.py: %s\n" % f)
        sys.stderr.write("score.py: %d file(s) failed; not scoring\n" % len(failures))
        return 2

    if args.verbose:
        out.write("# misses per file (FN: in gold, not in output; FP: in output, not in gold)\n")
        for _dirname, scored in results:
            for txt, counts, misses in scored:
                if not misses:
                    out.write("%s: all tuples match\n" % txt)
                    continue
                out.write("%s:\n" % txt)
                for category in CATEGORY_ORDER:
                    if category not in misses:
                        continue
                    c = counts[category]
                    out.write("  %s (gold %d, pred %d, TP %d)\n" % (category, c["gold"], c["pred"], c["tp"]))
                    for f in misses[category]["fn"]:
                        out.write("    FN  %s   [%s]\n" % (f.text(), f.where))
                    for f in misses[category]["fp"]:
                        out.write("    FP  %s   [%s]\n" % (f.text(), f.where))

    tables = {}
    overall = new_counts()
    total_files = 0
    report = {"telegraph": args.telegraph, "provenance_flag": runner.provenance_flag,
              "dirs": {}}
    for dirname, scored in results:
        table = new_counts()
        files_json = {}
        for txt, counts, misses in scored:
            add_counts(table, counts)
            files_json[os.path.basename(txt)] = {
                "counts": counts_json(counts),
                "misses": {cat: {kind: [{"tuple": list(f.shown), "where": f.where}
                                        for f in m[kind]] for kind in ("fn", "fp")}
                           for cat, m in misses.items()},
            }
        tables[dirname] = table
        add_counts(overall, table)
        total_files += len(scored)
        print_table("%s (%d files)" % (dirname, len(scored)), table, out)
        report["dirs"][dirname] = {"path": names_seen[dirname], "files": files_json,
                                   "totals": counts_json(table)}
    if len(results) > 1:
        print_table("%s (%d files)" % (OVERALL, total_files), overall, out)
    tables[OVERALL] = overall
    report["overall"] = counts_json(overall)

    check_floors(floors, tables)
    passed = sum(1 for f in floors if f["status"] == "met")
    failed = sum(1 for f in floors if f["status"] == "missed")
    skipped = sum(1 for f in floors if f["status"] == "skipped")
    if floors:
        out.write("\n")
        for f in floors:
            if f["status"] == "missed":
                out.write("FLOOR MISSED: %s %s %s = %.3f < %.3f (%s:%d)\n" % (
                    f["dir"], f["category"], f["metric"], f["value"], f["minimum"],
                    args.floors, f["line"]))
        if skipped:
            out.write("%d floor(s) skipped: their DIR was not scored in this run\n" % skipped)
    report["floors"] = floors
    report["passed"], report["failed"], report["skipped"] = passed, failed, skipped

    if args.json:
        try:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump(report, fh, indent=2, ensure_ascii=False)
                fh.write("\n")
        except OSError as exc:
            sys.stderr.write("score.py: cannot write %s: %s\n" % (args.json, exc))
            return 2

    out.write("%d passed, %d failed\n" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
