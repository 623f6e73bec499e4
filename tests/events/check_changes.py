#!/usr/bin/python3
"""Changes told with a value: for every changes/NAME.txt, the statistics that
have a tg:value and a tg:changePercent must be exactly the lines of
changes/NAME.changes, each "VALUE CHANGE BASIS" (BASIS the local name of the
tg:ChangeBasis concept, or "-" for none), in any order.

Usage: check_changes.py TELEGRAPH DIR"""

import os
import subprocess
import sys
from decimal import Decimal

import rdflib

TG = rdflib.Namespace("https://w3id.org/telegraph/ontology#")


def changes(telegraph, path):
    out = subprocess.run([telegraph, "-q", "-f", "ntriples", "--provenance", "none", path],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    g = rdflib.Graph()
    g.parse(data=out, format="nt")
    found = []
    for st in g.subjects(rdflib.RDF.type, TG.Statistic):
        values = list(g.objects(st, TG.value))
        pcts = list(g.objects(st, TG.changePercent))
        if not values or not pcts:
            continue
        basis = g.value(st, TG.changeBasis)
        name = str(basis).rsplit("#", 1)[-1] if basis is not None else "-"
        found.append((Decimal(str(values[0])), Decimal(str(pcts[0])), name))
    return sorted(found)


def wanted(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].split()
            if line:
                rows.append((Decimal(line[0]), Decimal(line[1]), line[2]))
    return sorted(rows)


def main(telegraph, directory):
    failed = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(directory, name)
        want = wanted(path[:-4] + ".changes")
        got = changes(telegraph, path)
        if got == want:
            print("ok   %s: %d changes" % (name, len(got)))
        else:
            failed += 1
            print("FAIL %s:\n  want %s\n  got  %s" % (name, want, got))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__ + "\n")
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
