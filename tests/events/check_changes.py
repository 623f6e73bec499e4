#!/usr/bin/python3
"""Changes of statistics, against NAME.changes beside every NAME.txt of DIR.

  check_changes.py TELEGRAPH DIR
      Changes told with a value: the statistics with a tg:value and a
      tg:changePercent must be exactly the lines of NAME.changes, each
      "VALUE CHANGE BASIS" (BASIS the local name of the tg:ChangeBasis
      concept, or "-" for none), in any order.

  check_changes.py --growth-only TELEGRAPH DIR
      Growth-only statistics: the tg:changePercent values of the statistics
      with no tg:value must be exactly the numbers of NAME.changes (in any
      order), so a change given with a value ("grew 18 percent ... to
      1,150") or hedged ("expected to grow 5 percent") is not one.

'#' starts a comment in NAME.changes."""

import os
import subprocess
import sys
from decimal import Decimal

import rdflib

TG = rdflib.Namespace("https://w3id.org/telegraph/ontology#")


def statistics(telegraph, path):
    """The graph of one article and its tg:Statistic nodes."""
    out = subprocess.run([telegraph, "-q", "-f", "ntriples", "--provenance", "none", path],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    g = rdflib.Graph()
    g.parse(data=out, format="nt")
    return g, list(g.subjects(rdflib.RDF.type, TG.Statistic))


def with_value(g, st):
    values = list(g.objects(st, TG.value))
    pcts = list(g.objects(st, TG.changePercent))
    if not values or not pcts:
        return []
    basis = g.value(st, TG.changeBasis)
    name = str(basis).rsplit("#", 1)[-1] if basis is not None else "-"
    return [(Decimal(str(values[0])), Decimal(str(pcts[0])), name)]


def growth_only(g, st):
    if (st, TG.value, None) in g:
        return []
    return [Decimal(str(c)) for c in g.objects(st, TG.changePercent)]


def wanted(path, growth):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            fields = line.split("#", 1)[0].split()
            if growth:
                rows.extend(Decimal(x) for x in fields)
            elif fields:
                rows.append((Decimal(fields[0]), Decimal(fields[1]), fields[2]))
    return sorted(rows)


def main(telegraph, directory, growth):
    pick = growth_only if growth else with_value
    failed = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(directory, name)
        want = wanted(path[:-4] + ".changes", growth)
        g, stats = statistics(telegraph, path)
        got = sorted(x for st in stats for x in pick(g, st))
        if got == want:
            print("ok   %s: %d changes" % (name, len(got)))
        else:
            failed += 1
            print("FAIL %s:\n  want %s\n  got  %s" % (name, want, got))
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    growth = bool(args) and args[0] == "--growth-only"
    if growth:
        args = args[1:]
    if len(args) != 2:
        sys.stderr.write(__doc__ + "\n")
        sys.exit(2)
    sys.exit(main(args[0], args[1], growth))
