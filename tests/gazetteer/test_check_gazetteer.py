#!/usr/bin/python3
"""Self-test of check_gazetteer.py: a small valid gazetteer passes, and each kind of bad link
(unevidenced id, id differing from the evidence, malformed id, one id on two entities, an
AMBIGUOUS id attached, an uncited or undeclared source, too few linked entities) fails with its
message. Standard library only."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_gazetteer.py")

EVIDENCE_HEAD = (
    "# test evidence\n"
    "#@source\tsrc-a\tfirst test source\n"
    "#@source\tsrc-b\tsecond test source\n"
    "name\ttype\twikidata\tgeonames\tdbpedia\tevidence\n")
GOOD_EVIDENCE = (
    "Examplia\tPlace\tQ101\t111\tExamplia\twikidata Q101: [src-a] EX Q101; [src-b] EX Q101\n"
    "Sample City\tPlace\tQ202\t\t\twikidata Q202: [src-a] Q202; [src-b] Q202\n")
GOOD_PLACES = (
    "# name\ttype\taliases\twikidata\tgeonames\tdbpedia\twithin\n"
    "Examplia\tPlace\t\tQ101\t111\tExamplia\t\n"
    "Sample City\tPlace\t\tQ202\t\t\tExamplia\n"
    "Other Town\tPlace\t\t\t\t\tExamplia\n")


def run(places, evidence, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        gdir = os.path.join(tmp, "gazetteer")
        os.mkdir(gdir)
        with open(os.path.join(gdir, "places.tsv"), "w", encoding="utf-8") as fh:
            fh.write(places)
        ev = os.path.join(tmp, "links.tsv")
        with open(ev, "w", encoding="utf-8") as fh:
            fh.write(evidence)
        proc = subprocess.run([sys.executable, CHECKER] + list(extra) + [ev, gdir],
                              capture_output=True, text=True)
        return proc.returncode, proc.stdout + proc.stderr


CASES = [
    # (label, places, evidence, extra args, expected status, expected text)
    ("valid", GOOD_PLACES, EVIDENCE_HEAD + GOOD_EVIDENCE, [], 0, "2 with external links"),
    ("floor met", GOOD_PLACES, EVIDENCE_HEAD + GOOD_EVIDENCE, ["--min-linked", "2"], 0, "0 failed"),
    ("floor missed", GOOD_PLACES, EVIDENCE_HEAD + GOOD_EVIDENCE, ["--min-linked", "3"], 1,
     "only 2 entities carry a link, expected at least 3"),
    ("unevidenced id", GOOD_PLACES.replace("Other Town\tPlace\t\t\t", "Other Town\tPlace\t\tQ303\t"),
     EVIDENCE_HEAD + GOOD_EVIDENCE, [], 1, "'Other Town' carries external ids but has no row"),
    ("id differs", GOOD_PLACES.replace("Q202", "Q209"), EVIDENCE_HEAD + GOOD_EVIDENCE, [], 1,
     "wikidata 'Q209' does not match verified value 'Q202'"),
    ("id missing from row", GOOD_PLACES.replace("\tQ202\t", "\t\t"), EVIDENCE_HEAD + GOOD_EVIDENCE,
     [], 1, "evidence records wikidata 'Q202' for 'Sample City' but the row leaves it empty"),
    ("malformed qid", GOOD_PLACES.replace("Q202", "202"),
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("Q202", "202"), [], 1, "bad QID '202'"),
    ("malformed geonames", GOOD_PLACES.replace("\t111\t", "\tg111\t"),
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("\t111\t", "\tg111\t"), [], 1, "geonames not numeric"),
    ("dbpedia url", GOOD_PLACES.replace("\tExamplia\t\n", "\thttp://dbpedia.org/resource/Examplia\t\n"),
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("\tExamplia\twiki", "\thttp://dbpedia.org/resource/Examplia\twiki"),
     [], 1, "dbpedia must be a bare title"),
    ("one id two entities", GOOD_PLACES.replace("Q202", "Q101"),
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("Q202", "Q101"), [], 1, "wikidata 'Q101' also attached to 'Examplia'"),
    ("ambiguous attached", GOOD_PLACES,
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("wikidata Q202:", "wikidata AMBIGUOUS:"), [], 1,
     "attached although the evidence marks it AMBIGUOUS"),
    ("no source cited", GOOD_PLACES,
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("[src-a] Q202; [src-b] Q202", "seen somewhere"), [], 1,
     "evidence for 'Sample City' cites no declared [source]"),
    ("undeclared source", GOOD_PLACES,
     EVIDENCE_HEAD + GOOD_EVIDENCE.replace("[src-b] Q202", "[src-c] Q202"), [], 1,
     "cites undeclared source [src-c]"),
    ("uncited source", GOOD_PLACES,
     EVIDENCE_HEAD.replace("#@source\tsrc-b", "#@source\tsrc-z\tunused\n#@source\tsrc-b") + GOOD_EVIDENCE, [], 1,
     "source [src-z] is declared but never cited"),
]


def main():
    failed = 0
    for label, places, evidence, extra, status, text in CASES:
        code, out = run(places, evidence, *extra)
        if code != status or text not in out:
            failed += 1
            print("FAIL %s: status %d (want %d), output lacks %r:\n%s" % (label, code, status, text, out))
        else:
            print("ok %s" % label)
    print("%d passed, %d failed" % (len(CASES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
