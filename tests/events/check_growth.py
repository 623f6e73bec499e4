#!/usr/bin/python3
"""Growth-only statistics: for every growth/NAME.txt, the tg:changePercent
values of the statistics that have no tg:value must be exactly the lines of
growth/NAME.changes (in any order), so a change given with a value ("grew 18
percent ... to 1,150") or hedged ("expected to grow 5 percent") is not one.

Usage: check_growth.py TELEGRAPH DIR"""

import os
import subprocess
import sys
from decimal import Decimal

import rdflib

TG = rdflib.Namespace("https://w3id.org/telegraph/ontology#")


def growth_only(telegraph, path):
    out = subprocess.run([telegraph, "-q", "-f", "ntriples", "--provenance", "none", path],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    g = rdflib.Graph()
    g.parse(data=out, format="nt")
    found = []
    for st in g.subjects(rdflib.RDF.type, TG.Statistic):
        if (st, TG.value, None) in g:
            continue
        found.extend(Decimal(str(c)) for c in g.objects(st, TG.changePercent))
    return sorted(found)


def main(telegraph, directory):
    failed = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(directory, name)
        with open(path[:-4] + ".changes", encoding="utf-8") as fh:
            want = sorted(Decimal(x) for x in fh.read().split())
        got = growth_only(telegraph, path)
        if got == want:
            print("ok   %s: %s" % (name, " ".join(str(x) for x in got)))
        else:
            failed += 1
            print("FAIL %s: want %s, got %s" % (name, want, got))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__ + "\n")
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
