"""Grounding check: no span, no fact.

For every article given (or samples/*.txt and this folder's articles), run
telegraph with --provenance full and check, with rdflib, that:
- every NIF string's nif:anchorOf is exactly the article text cut at its
  nif:beginIndex/nif:endIndex, counted in Unicode code points (this
  folder's unicode.txt puts Chinese characters, accents and curly quotes
  before the spans);
- every approval, statistic and decision has a tg:sentence, and every
  tg:evidence phrase lies inside one of the fact's sentences;
- every entity a fact names (grantedBy, grantedTo, inRegion, forService,
  decidedBy, adopts) has an evidence phrase pointing to it
  (itsrdf:taIdentRef) whose words are in the fact's sentences, and every
  number or date the fact claims (value, recipientCount, date, asOf,
  changePercent) has evidence words, an as-of date carried from another
  statistic or read from a yearless period phrase included;
- every statistic's tg:measure is words of its sentences cut at word
  edges (not "hich" of "which", not "'s share" of "Turkey's share").

At the default level (facts) it checks that every fact still carries its
rule, confidence and the same sentences (offsets and words) as at full, and
no tg:evidence (per-slot words come with full only).

Prints one line per article and "N passed, M failed".  Run with Debian's
/usr/bin/python3 (python3-rdflib).  Environment: TELEGRAPH, TG_SOURCE_ROOT.
"""
import glob
import os
import subprocess
import sys

from rdflib import Graph, Namespace, RDF, URIRef

TG = Namespace("https://w3id.org/telegraph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITS = Namespace("http://www.w3.org/2005/11/its/rdf#")
ENTITY_SLOTS = [TG.grantedBy, TG.grantedTo, TG.inRegion, TG.forService, TG.decidedBy, TG.adopts]
VALUE_SLOTS = [TG.value, TG.recipientCount, TG.date, TG.asOf, TG.changePercent]


def span(g, node):
    return int(g.value(node, NIF.beginIndex)), int(g.value(node, NIF.endIndex))


def graph_of(path, telegraph, level):
    proc = subprocess.run([telegraph, "-q", "-f", "ntriples", "--provenance", level, path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        return None, "telegraph exited %d: %s" % (proc.returncode, proc.stderr.decode())
    g = Graph()
    g.parse(data=proc.stdout.decode("utf-8"), format="nt")
    return g, None


def sentence_view(g):
    """{fact: sorted (begin, end, words) of its sentences}, and the facts
    missing a rule or a confidence."""
    view, bare = {}, []
    for cls in (TG.Approval, TG.Statistic, TG.Decision):
        for fact in g.subjects(RDF.type, cls):
            view[fact] = sorted(span(g, s) + (str(g.value(s, NIF.anchorOf)),)
                                for s in g.objects(fact, TG.sentence))
            if g.value(fact, TG.rule) is None or g.value(fact, TG.confidence) is None:
                bare.append(fact)
    return view, bare


def cut_at_words(phrase, texts):
    """Is phrase in one of texts with no letter, digit or apostrophe
    glued to its first character and no letter or digit to its last?"""
    for t in texts:
        at = t.find(phrase)
        while at >= 0:
            before = t[at - 1] if at > 0 else " "
            after = t[at + len(phrase)] if at + len(phrase) < len(t) else " "
            if not (before.isalnum() or before in "'\u2019") and not after.isalnum():
                return True
            at = t.find(phrase, at + 1)
    return False


def check_default(path, telegraph, full):
    g, err = graph_of(path, telegraph, "facts")
    if err:
        return [err]
    problems = ["default level: %s has tg:evidence" % f for f in set(g.subjects(TG.evidence, None))]
    view, bare = sentence_view(g)
    problems += ["default level: %s has no tg:rule or tg:confidence" % f for f in bare]
    if view != sentence_view(full)[0]:
        problems.append("default level: the facts' sentences differ from full provenance's")
    return problems


def check(path, telegraph):
    g, err = graph_of(path, telegraph, "full")
    if err:
        return [err]
    problems = check_default(path, telegraph, g)
    ctx = next(g.subjects(RDF.type, NIF.Context), None)
    if ctx is None:
        return ["no nif:Context"]
    text = str(g.value(ctx, NIF.isString))
    for node in set(g.subjects(NIF.anchorOf, None)):
        b, e = span(g, node)
        anchor = str(g.value(node, NIF.anchorOf))
        if text[b:e] != anchor:
            problems.append("%s: text[%d:%d] is %r, anchorOf is %r" % (node, b, e, text[b:e], anchor))
    for cls in (TG.Approval, TG.Statistic, TG.Decision):
        for fact in g.subjects(RDF.type, cls):
            sentences = [span(g, s) for s in g.objects(fact, TG.sentence)]
            if not sentences:
                problems.append("%s has no tg:sentence" % fact)
                continue

            def inside(node):
                b, e = span(g, node)
                return any(sb <= b and e <= se for sb, se in sentences)

            evidence = list(g.objects(fact, TG.evidence))
            for ev in evidence:
                if not inside(ev):
                    problems.append("%s: evidence %s outside its sentences" % (fact, ev))
            for prop in ENTITY_SLOTS:
                for ent in g.objects(fact, prop):
                    if not any(g.value(ev, ITS.taIdentRef) == ent and inside(ev) for ev in evidence):
                        problems.append("%s %s %s: no words for it in the fact's sentences"
                                        % (fact, prop.split("#")[1], ent))
            words = [str(g.value(s, NIF.anchorOf)).replace("\n", " ")
                     for s in g.objects(fact, TG.sentence)]
            for measure in g.objects(fact, TG.measure):
                if not cut_at_words(str(measure), words):
                    problems.append("%s: tg:measure %r is not words of its sentences cut at word edges"
                                    % (fact, str(measure)))
            plain = [ev for ev in evidence if g.value(ev, ITS.taIdentRef) is None]
            claimed = [p for p in VALUE_SLOTS if g.value(fact, p) is not None]
            # Every value has words, an as-of date too: one carried from
            # another statistic ("at the same date") has that statistic's,
            # one of a yearless period the period's ("from January to March").
            if len(plain) < len(claimed):
                problems.append("%s: %d values claimed (%s), %d evidence phrases for them"
                                % (fact, len(claimed), ", ".join(p.split("#")[1] for p in claimed),
                                   len(plain)))
    return problems


def main(argv):
    root = os.environ.get("TG_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
    telegraph = os.environ.get("TELEGRAPH", os.path.join(root, "build", "telegraph"))
    paths = argv or (sorted(glob.glob(os.path.join(root, "samples", "*.txt")))
                     + sorted(glob.glob(os.path.join(os.path.dirname(__file__), "*.txt"))))
    passed = failed = 0
    for path in paths:
        problems = check(path, telegraph)
        if problems:
            failed += 1
            print("FAIL %s" % os.path.basename(path))
            for p in problems[:20]:
                print("     " + p)
        else:
            passed += 1
            print("ok   %s" % os.path.basename(path))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
