#!/usr/bin/python3
"""Check that telegraph output uses only terms the ontology defines, and that
every ontology term is documented and anchored in a standard vocabulary.

Usage: /usr/bin/python3 check_terms.py ONTOLOGY.ttl [OUTPUT...]

ONTOLOGY is Turtle.  Each OUTPUT is parsed by its extension: .ttl Turtle,
.nt N-Triples, .nq N-Quads, .trig TriG (needs Debian's python3-rdflib).

Checks, one line each, counted in the final "N passed, M failed":
  - every term of the tg: namespace the ontology declares (owl:Class,
    rdfs:Datatype, owl:ObjectProperty, owl:DatatypeProperty) has an English
    rdfs:label, an English rdfs:comment, rdfs:isDefinedBy the ontology, and a
    link to a term outside tg: (rdfs:subClassOf for a class,
    rdfs:subPropertyOf for a property, owl:equivalentClass to a union of
    non-tg datatypes for a datatype);
  - every OUTPUT uses as predicate, as class (object of rdf:type) or as
    literal datatype only tg: terms that the ontology defines, each with the
    right kind (a property as predicate, a class as class).

Exit status: 0 all passed, 1 some check failed, 2 usage or parse error.
"""

import sys

from rdflib import BNode, ConjunctiveGraph, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

TG = Namespace("https://w3id.org/telegraph/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/telegraph/ontology")

FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
}

CLASS_KINDS = {OWL.Class, RDFS.Class}
PROPERTY_KINDS = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
DATATYPE_KINDS = {RDFS.Datatype}
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
# Controlled values (tg:changeBasis): a concept scheme and its concepts.
CONCEPT_KINDS = {SKOS.Concept, SKOS.ConceptScheme}


def is_tg(term):
    return isinstance(term, URIRef) and str(term).startswith(str(TG))


def short(term):
    return "tg:" + str(term)[len(str(TG)):] if is_tg(term) else term.n3()


def parse(path):
    """Parse a file into a graph; named graphs are merged."""
    fmt = None
    for ext, name in FORMATS.items():
        if path.lower().endswith(ext):
            fmt = name
    if fmt is None:
        fmt = "turtle"
    graph = ConjunctiveGraph() if fmt in ("nquads", "trig") else Graph()
    graph.parse(path, format=fmt)
    return graph


def english(graph, subject, predicate):
    return [
        o for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language is not None
        and o.language.lower().split("-")[0] == "en" and str(o).strip()
    ]


def datatype_link(graph, term):
    """True if the datatype is equivalent to a union of non-tg datatypes."""
    for eq in graph.objects(term, OWL.equivalentClass):
        if not isinstance(eq, BNode):
            continue
        for union in graph.objects(eq, OWL.unionOf):
            members = list(Collection(graph, union))
            if members and all(isinstance(m, URIRef) and not is_tg(m) for m in members):
                return True
    return False


def check_term(graph, term, kinds):
    problems = []
    if not english(graph, term, RDFS.label):
        problems.append("no English rdfs:label")
    if not english(graph, term, RDFS.comment):
        problems.append("no English rdfs:comment")
    if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in graph:
        problems.append("no rdfs:isDefinedBy <%s>" % ONTOLOGY_IRI)
    if kinds & CONCEPT_KINDS:
        if SKOS.Concept in kinds and not any(is_tg(o) for o in graph.objects(term, SKOS.inScheme)):
            problems.append("a concept without skos:inScheme a tg: scheme")
    elif kinds & DATATYPE_KINDS:
        if not datatype_link(graph, term):
            problems.append("no owl:equivalentClass to a union of standard datatypes")
    else:
        link = RDFS.subPropertyOf if kinds & PROPERTY_KINDS else RDFS.subClassOf
        parents = [p for p in graph.objects(term, link) if isinstance(p, URIRef) and not is_tg(p)]
        if not parents:
            problems.append("no %s link to a term outside tg:" % graph.namespace_manager.qname(link))
    return problems


def main(argv):
    if len(argv) < 1 or argv[0] in ("-h", "--help"):
        sys.stderr.write("usage: check_terms.py ONTOLOGY.ttl [OUTPUT...]\n")
        return 2
    onto_path, outputs = argv[0], argv[1:]
    try:
        onto = parse(onto_path)
    except Exception as err:  # rdflib raises many kinds of parse errors
        sys.stderr.write("%s: parse error: %s\n" % (onto_path, err))
        return 2

    kinds = {}
    for s, o in onto.subject_objects(RDF.type):
        if is_tg(s):
            kinds.setdefault(s, set()).add(o)
    # Any other tg: IRI used as a subject is a term too (and must be declared).
    for s in set(onto.subjects()):
        if is_tg(s):
            kinds.setdefault(s, set())

    classes = {t for t, k in kinds.items() if k & CLASS_KINDS}
    properties = {t for t, k in kinds.items() if k & PROPERTY_KINDS}
    datatypes = {t for t, k in kinds.items() if k & DATATYPE_KINDS}
    concepts = {t for t, k in kinds.items() if SKOS.Concept in k}

    passed = failed = 0
    broken = False

    for term in sorted(kinds):
        k = kinds[term]
        problems = []
        if not k & (CLASS_KINDS | PROPERTY_KINDS | DATATYPE_KINDS | CONCEPT_KINDS):
            problems.append("not declared as a class, datatype, property or concept")
        else:
            problems += check_term(onto, term, k)
        if problems:
            failed += 1
            print("FAIL %s: %s" % (short(term), "; ".join(problems)))
        else:
            passed += 1

    if not kinds:
        failed += 1
        print("FAIL %s: defines no tg: terms" % onto_path)

    for path in outputs:
        try:
            data = parse(path)
        except Exception as err:
            sys.stderr.write("%s: parse error: %s\n" % (path, err))
            broken = True
            failed += 1
            continue
        problems = set()
        for s, p, o in data:
            if is_tg(p) and p not in properties:
                problems.add("%s used as a predicate but not a property of the ontology" % short(p))
            if p == RDF.type and is_tg(o) and o not in classes:
                problems.add("%s used as a class but not a class of the ontology" % short(o))
            if p != RDF.type and isinstance(o, URIRef) and is_tg(o) and o not in concepts:
                problems.add("%s used as a value but not a concept of the ontology" % short(o))
            if isinstance(o, Literal) and is_tg(o.datatype) and o.datatype not in datatypes:
                problems.add("%s used as a datatype but not a datatype of the ontology" % short(o.datatype))
        if problems:
            failed += 1
            for problem in sorted(problems):
                print("FAIL %s: %s" % (path, problem))
        else:
            passed += 1
            print("ok   %s: every tg: term it uses is defined" % path)

    print("%d passed, %d failed" % (passed, failed))
    if broken:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
