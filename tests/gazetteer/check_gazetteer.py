#!/usr/bin/python3
"""Validate the telegraph gazetteer (ontology/gazetteer/*.tsv) and its link evidence.

Usage:
    /usr/bin/python3 tests/gazetteer/check_gazetteer.py [--min-linked N] [EVIDENCE_TSV [GAZETTEER_DIR]]

EVIDENCE_TSV is the evidence record of external ids; it defaults to
ontology/gazetteer/evidence/links.tsv. GAZETTEER_DIR defaults to ontology/gazetteer next to this
tests/ directory. The older record ../shared/data/verified-links.tsv is still accepted (its names
are mapped to the gazetteer's canonical names by VERIFIED_NAME_MAP).

Checks, per row: 7 TAB-separated columns; non-empty name; known type; wikidata ^Q[0-9]+$;
geonames numeric; dbpedia title without spaces; 'within' empty for non-places and, for places,
the canonical name of another Place; no alias repeated within the row or equal to its own name.
Global checks: no duplicate canonical name+type; no surface form (name or alias) shared by two
different entities (case-insensitively when either side is a Service, because Service matching is
case-insensitive); every wikidata/geonames/dbpedia value present equals the value recorded for the
same entity in the evidence file, and every id the evidence records is attached; every evidenced
entity is present in the gazetteer; no id is attached where the evidence marks it AMBIGUOUS; no
id is attached to two entities; every evidence row cites a source declared in the file's
"#@source KEY DESCRIPTION" lines, and every declared source is cited; with --min-linked N, at
least N entities carry a link.

Prints failures, then "N passed, M failed"; exit status 0 only if M == 0. Standard library only.
"""
import csv
import glob
import os
import re
import sys

COLUMNS = ["name", "type", "aliases", "wikidata", "geonames", "dbpedia", "within"]
TYPES = {"Regulator", "GovernmentBody", "Company", "NewsAgency", "Place", "Service"}
LINK_COLS = ("wikidata", "geonames", "dbpedia")

# verified-links.tsv name -> gazetteer canonical name (only where they differ).
# Every other verified name is expected to appear verbatim as a canonical name.
VERIFIED_NAME_MAP = {
    "China (PRC)": "China",
    "Hainan (province)": "Hainan",
    "Pudong": "Pudong New Area",
    "Lingang (Lin-gang Special Area)": "Lin-gang Special Area",
    "Ministry of Industry and Information Technology (MIIT)": "Ministry of Industry and Information Technology",
    "State Council of the PRC": "State Council",
    "Ministry of Commerce (MOFCOM)": "Ministry of Commerce",
    "Department of Telecommunications (India)": "Department of Telecommunications",
    "ICASA": "Independent Communications Authority of South Africa",
    "China Broadnet (China Broadcasting Network)": "China Broadnet",
    "Tesla Inc.": "Tesla",
    "Allianz": "Allianz SE",
}

# verified-links.tsv type -> gazetteer type (where the evidence file uses another word)
VERIFIED_TYPE_MAP = {"Government": "GovernmentBody", "Media": "NewsAgency"}

QID_RE = re.compile(r"^Q[0-9]+$")
GEONAMES_RE = re.compile(r"^[0-9]+$")


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.messages = []

    def check(self, ok, where, message):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.messages.append("FAIL %s: %s" % (where, message))
        return ok


def read_gazetteer(path):
    """Yield (lineno, fields) for every non-comment, non-blank line."""
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield lineno, line.split("\t")


SOURCE_DECL_RE = re.compile(r"^#@source\t([a-z0-9-]+)\t(.+)$")
SOURCE_CITE_RE = re.compile(r"\[([a-z0-9-]+)\]")


def read_verified(path):
    """Return (rows, sources): rows by name, and the declared sources (key -> description).

    Comment lines (#) are skipped, except "#@source<TAB>KEY<TAB>DESCRIPTION" declarations; the
    first other line is the header (name, type, wikidata, geonames, dbpedia, evidence)."""
    rows = {}
    sources = {}
    with open(path, encoding="utf-8", newline="") as fh:
        data = []
        for raw in fh:
            m = SOURCE_DECL_RE.match(raw.rstrip("\r\n"))
            if m:
                sources[m.group(1)] = m.group(2)
            elif raw.strip() and not raw.startswith("#"):
                data.append(raw)
        reader = csv.DictReader(data, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            name = (row.get("name") or "").strip()
            if not name:
                continue
            rows[name] = {k: (row.get(k) or "").strip() for k in ("type",) + LINK_COLS + ("evidence",)}
    return rows, sources


def ambiguous_cols(evidence):
    """Which link columns the evidence marks as AMBIGUOUS (so no id may be attached)."""
    if "AMBIGUOUS" not in evidence:
        return set()
    explicit = {c for c in LINK_COLS if re.search(r"\b%s AMBIGUOUS\b" % c, evidence)}
    if explicit:
        return explicit
    # In verified-links.tsv the AMBIGUOUS notes concern Wikidata QIDs ("... -> Q24834296", "uses Q127785902").
    text = evidence.split("AMBIGUOUS", 1)[1]
    cols = set()
    if re.search(r"\bQ[0-9]+\b", text):
        cols.add("wikidata")
    if re.search(r"geonames", text, re.I):
        cols.add("geonames")
    return cols or {"wikidata"}


def check_sources(rep, path, verified, sources):
    """Every evidence row cites a declared source; every declared source is cited."""
    if not sources:
        return
    cited = set()
    for name, v in verified.items():
        keys = set(SOURCE_CITE_RE.findall(v["evidence"]))
        cited |= keys
        rep.check(bool(keys & set(sources)), path, "evidence for %r cites no declared [source]" % name)
        for k in sorted(keys - set(sources)):
            rep.check(False, path, "evidence for %r cites undeclared source [%s]" % (name, k))
    for k in sorted(set(sources) - cited):
        rep.check(False, path, "source [%s] is declared but never cited" % k)


def check_unique_ids(rep, entities):
    """One external id names one thing: no id is attached to two entities."""
    for col in LINK_COLS:
        owner = {}
        for e in entities:
            if not e[col]:
                continue
            rep.check(e[col] not in owner, e["where"], "%s %r also attached to %r (%s)"
                      % (col, e[col], owner.get(e[col], ("", ""))[0], owner.get(e[col], ("", ""))[1]))
            owner.setdefault(e[col], (e["name"], e["where"]))


def main(argv):
    args = argv[1:]
    min_linked = None
    if args and args[0] == "--min-linked":
        if len(args) < 2 or not args[1].isdigit():
            sys.stderr.write("check_gazetteer.py: --min-linked needs a number\n")
            return 2
        min_linked = int(args[1])
        args = args[2:]
    if (args and args[0] in ("-h", "--help")) or len(args) > 2:
        sys.stderr.write("usage: check_gazetteer.py [--min-linked N] [EVIDENCE_TSV [GAZETTEER_DIR]]\n")
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    default_gdir = os.path.normpath(os.path.join(here, "..", "..", "ontology", "gazetteer"))
    verified_path = args[0] if args else os.path.join(default_gdir, "evidence", "links.tsv")
    gdir = args[1] if len(args) > 1 else default_gdir
    rep = Report()

    files = sorted(glob.glob(os.path.join(gdir, "*.tsv")))
    rep.check(bool(files), gdir, "no *.tsv files found")
    try:
        verified, sources = read_verified(verified_path)
    except OSError as exc:
        sys.stderr.write("cannot read %s: %s\n" % (verified_path, exc))
        return 2
    rep.check(bool(verified), verified_path, "no rows read from the evidence file")

    entities = []  # dicts with name, type, aliases, links, within, where
    for path in files:
        fname = os.path.basename(path)
        for lineno, f in read_gazetteer(path):
            where = "%s:%d" % (fname, lineno)
            if not rep.check(len(f) == 7, where, "expected 7 TAB-separated columns, got %d" % len(f)):
                continue
            row = dict(zip(COLUMNS, f))
            row = {k: v.strip() if k != "name" else v for k, v in row.items()}
            rep.check(row["name"] == row["name"].strip() and row["name"] != "", where,
                      "name empty or has surrounding whitespace: %r" % row["name"])
            rep.check(row["type"] in TYPES, where, "unknown type %r" % row["type"])
            aliases = [a for a in f[2].split("|")] if f[2] != "" else []
            rep.check(all(a.strip() == a and a for a in aliases), where,
                      "empty alias or alias with surrounding whitespace: %r" % f[2])
            rep.check(len(set(aliases)) == len(aliases), where, "alias listed twice")
            rep.check(row["name"] not in aliases, where, "alias repeats the canonical name")
            if row["wikidata"]:
                rep.check(bool(QID_RE.match(row["wikidata"])), where, "bad QID %r" % row["wikidata"])
            if row["geonames"]:
                rep.check(bool(GEONAMES_RE.match(row["geonames"])), where, "geonames not numeric %r" % row["geonames"])
            if row["dbpedia"]:
                rep.check(" " not in row["dbpedia"] and not row["dbpedia"].startswith("http"),
                          where, "dbpedia must be a bare title with underscores: %r" % row["dbpedia"])
            if row["type"] != "Place":
                rep.check(row["within"] == "", where, "'within' is only for places")
            entities.append({"name": row["name"], "type": row["type"], "aliases": aliases,
                             "wikidata": row["wikidata"], "geonames": row["geonames"],
                             "dbpedia": row["dbpedia"], "within": row["within"], "where": where})

    # duplicate canonical name + type
    seen = {}
    for e in entities:
        key = (e["name"], e["type"])
        rep.check(key not in seen, e["where"],
                  "duplicate canonical %s %r (also %s)" % (e["type"], e["name"], seen.get(key)))
        seen.setdefault(key, e["where"])

    # 'within' must name a Place
    place_names = {e["name"] for e in entities if e["type"] == "Place"}
    for e in entities:
        if e["type"] == "Place" and e["within"]:
            rep.check(e["within"] in place_names and e["within"] != e["name"], e["where"],
                      "'within' %r is not the canonical name of another Place" % e["within"])

    # surface forms: no alias shared by two entities, no alias equal to another entity's name.
    # Keyed case-insensitively; a clash counts when the strings are identical, or when either
    # entity is a Service (Service matching ignores case).
    forms = {}  # lower(form) -> list of (form, entity index, is_canonical)
    for i, e in enumerate(entities):
        for form, canon in [(e["name"], True)] + [(a, False) for a in e["aliases"]]:
            forms.setdefault(form.lower(), []).append((form, i, canon))
    for key, occ in sorted(forms.items()):
        for a in range(len(occ)):
            for b in range(a + 1, len(occ)):
                fa, ia, ca = occ[a]
                fb, ib, cb = occ[b]
                if ia == ib:
                    continue
                ea, eb = entities[ia], entities[ib]
                if fa != fb and "Service" not in (ea["type"], eb["type"]):
                    continue  # different case, both case-sensitive: no clash
                if ca and cb:
                    what = "same canonical name for two entities (%s / %s)" % (ea["type"], eb["type"])
                    if ea["name"] == eb["name"] and ea["type"] == eb["type"]:
                        continue  # already reported as duplicate
                elif ca or cb:
                    what = "alias equals another entity's canonical name"
                else:
                    what = "alias shared by two entities"
                rep.check(False, eb["where"], "%s: %r (%s %r at %s vs %s %r)" % (
                    what, fb, ea["type"], ea["name"], ea["where"], eb["type"], eb["name"]))
    rep.check(True, "surface forms", "unique")  # count the global check itself

    # links must match verified-links.tsv
    by_canon = {}
    for vname in verified:
        by_canon[VERIFIED_NAME_MAP.get(vname, vname)] = vname
    if not sources:  # the older record names entities its own way
        for vname in VERIFIED_NAME_MAP:
            rep.check(vname in verified, "mapping table", "%r not in verified-links file" % vname)
    check_sources(rep, verified_path, verified, sources)
    for e in entities:
        has_link = any(e[c] for c in LINK_COLS)
        vname = by_canon.get(e["name"])
        if not has_link and vname is None:
            continue
        if not rep.check(vname is not None, e["where"],
                         "%r carries external ids but has no row in the evidence file" % e["name"]):
            continue
        v = verified[vname]
        vtype = VERIFIED_TYPE_MAP.get(v["type"], v["type"])
        rep.check(vtype == e["type"], e["where"], "type %s differs from verified type %s for %r"
                  % (e["type"], v["type"], vname))
        amb = ambiguous_cols(v["evidence"])
        for col in LINK_COLS:
            if not e[col]:
                rep.check(not v[col] or col in amb, e["where"], "evidence records %s %r for %r but the row leaves it empty"
                          % (col, v[col], e["name"]))
                continue
            rep.check(col not in amb, e["where"], "%s %r attached although the evidence marks it AMBIGUOUS"
                      % (col, e[col]))
            rep.check(e[col] == v[col], e["where"], "%s %r does not match verified value %r for %r"
                      % (col, e[col], v[col], vname))

    # every verified entity is present (by mapped canonical name) in the gazetteer
    names = {e["name"] for e in entities}
    for vname in verified:
        canon = VERIFIED_NAME_MAP.get(vname, vname)
        rep.check(canon in names, verified_path, "verified entity %r (gazetteer name %r) missing"
                  % (vname, canon))

    check_unique_ids(rep, entities)
    linked = sum(1 for e in entities if any(e[c] for c in LINK_COLS))
    if min_linked is not None:
        rep.check(linked >= min_linked, gdir, "only %d entities carry a link, expected at least %d"
                  % (linked, min_linked))
    for m in rep.messages:
        print(m)
    print("gazetteer: %d files, %d entities, %d with external links" % (len(files), len(entities), linked))
    print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 0 if rep.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
