#!/usr/bin/python3
"""Web pages and feeds give the facts their text gives.

The page, the RSS item, the Atom entry and the plain-text article in this
directory are one article; each markup input must give exactly the text
article's N-Triples (provenance included, so the text and every offset are
the same) once the document id is set aside, plus its link as dcterms:source.
Broken markup is reported as FILE:LINE:COL and skipped.

Usage: check_markup.py   (with $TELEGRAPH set)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TG = os.environ["TELEGRAPH"]
ID = "https://w3id.org/telegraph/id/"
SOURCE = "<http://purl.org/dc/terms/source>"
LINK = "<https://news.example.org/2025/03/12/anatel-telefonica>"
# Time limits stretch with TG_TIMEOUT_MULTIPLIER (scripts/test.sh sets it).
SLOW = float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or 1)
FAILURES = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        FAILURES.append(what)


def run(args, stdin=None):
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as f:
        r = subprocess.run([TG] + args, stdin=f, capture_output=True, timeout=120 * SLOW)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def graph_of(nt, doc_id):
    """The triples of article `doc_id`, its id replaced by DOC."""
    out = set()
    for line in nt.splitlines():
        if not line.strip():
            continue
        line = re.sub(r" <[^>]*/(?:graph/[^>]*|entities)> \.$", " .", line)  # N-Quads to N-Triples
        out.add(line.replace(ID + "doc/" + doc_id + ">", ID + "doc/DOC>")
                    .replace(ID + "doc/" + doc_id + "#", ID + "doc/DOC#"))
    return out


def doc_ids(nt):
    return set(re.findall(r"<" + re.escape(ID) + r"doc/([^>#]+)>", nt))


def main():
    txt = os.path.join(HERE, "anatel-2025-03-12.txt")
    rc, nt, err = run(["-f", "nt", txt])
    check(rc == 0 and err == "", "the text article: exit 0, quiet")
    want = graph_of(nt, "anatel-2025-03-12")
    check(any("#approval-1>" in t for t in want), "the text article gives an approval")
    with_link = want | {"<%sdoc/DOC> %s %s ." % (ID, SOURCE, LINK)}

    page = os.path.join(HERE, "anatel-2025-03-12.html")
    rc, nt, err = run(["-f", "nt", page])
    check(rc == 0 and err == "", "the page: exit 0, quiet: " + err)
    got = graph_of(nt, "anatel-2025-03-12")
    check(got == with_link, "the page gives the text's triples plus its canonical URL: "
          "%d missing, %d extra" % (len(with_link - got), len(got - with_link)))
    check("amp/anatel" not in nt, "link rel=canonical wins over og:url")
    for junk in ("Photo", "\\u00A9", "Claro", "Vodafone", "tracker", "World", "Example News",
                 "Ministry of Finance", "13 March"):
        check(junk not in nt, "left out of the page's text: " + junk)
    check("Telef\\u00F3nica" in nt and "&oacute;" not in nt, "entities decoded")

    tmp = tempfile.mkdtemp(prefix="tg-markup-")
    try:
        sniffed = os.path.join(tmp, "anatel-2025-03-12")  # no extension
        shutil.copy(page, sniffed)
        rc, nt, err = run(["-f", "nt", sniffed])
        check(rc == 0 and graph_of(nt, "anatel-2025-03-12") == with_link,
              "a page without an extension is known by <!DOCTYPE html>")
        rc, nt, err = run(["-f", "nt", "-"], stdin=page)
        ids = doc_ids(nt)
        check(rc == 0 and len(ids) == 1 and graph_of(nt, ids.pop()) == with_link,
              "a page on standard input is known by its first bytes")
        with open(page, "rb") as f:
            r = subprocess.run([TG, "-f", "nt", "/dev/stdin"], input=f.read(),
                               capture_output=True, timeout=120 * SLOW)  # a pipe: read once, whole
        ids = doc_ids(r.stdout.decode())
        check(r.returncode == 0 and len(ids) == 1 and
              graph_of(r.stdout.decode(), ids.pop()) == with_link,
              "a page through a pipe is known by its first bytes")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for feed in ("anatel-2025-03.rss", "anatel-2025-03.atom"):
        rc, nt, err = run(["-f", "nq", os.path.join(HERE, feed)])
        check(rc == 0 and err == "", feed + ": exit 0, quiet: " + err)
        # The item's own graph: its document and facts (entity descriptions
        # sit in the entities graph, shared with the other items).
        got = graph_of("\n".join(l for l in nt.splitlines()
                                 if l.endswith("graph/anatel-2025-03-1> .")), "anatel-2025-03-1")
        own = {t for t in with_link if t.startswith("<%sdoc/" % ID)}
        got = {t for t in got if t.startswith("<%sdoc/" % ID)}
        check(got == own and own, feed + ": its first item gives the text's triples plus the "
              "item's link: %d missing, %d extra" % (len(own - got), len(got - own)))
    rc, nt, err = run(["-f", "nt", "--provenance", "none", os.path.join(HERE, "anatel-2025-03.rss")])
    check("<%sdoc/anatel-2025-03-2> %s <https://news.example.org/2025/02/28/miit-unicom> ." %
          (ID, SOURCE) in nt, "each RSS item is an article with its own link")
    check(re.search(r"doc/anatel-2025-03-2> <http://purl.org/dc/terms/date> \"2025-02-28\"", nt)
          is not None, "an RSS item is dated by its pubDate")

    broken = os.path.join(HERE, "broken.html")
    rc, nt, err = run(["-f", "nt", broken])
    check(rc == 1, "a broken page: exit 1")
    check(re.search(r"^telegraph: " + re.escape(broken) + r":\d+:\d+: malformed HTML: .*skipped",
                    err, re.M) is not None, "a broken page is reported with its place: " + err)
    check(nt == "", "a broken page gives no triples")
    rc, nt, err = run(["-f", "nt", broken, txt])
    check(rc == 1 and doc_ids(nt) == {"anatel-2025-03-12"} and "broken.html" in err,
          "a broken page is skipped, the next article is written")
    bad_feed = os.path.join(HERE, "broken.rss")
    rc, nt, err = run(["-f", "nt", bad_feed])
    check(rc == 1 and nt == "" and re.search(re.escape(bad_feed) + r":6:\d+: malformed XML: "
                                              r".*ocirc", err) is not None,
          "an undefined entity in a feed is reported and the feed skipped: " + err)


main()
print("%d failed" % len(FAILURES))
sys.exit(1 if FAILURES else 0)
