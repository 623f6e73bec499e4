/* telegraph stage 6, the mapper: what triples of the telegraph ontology a
 * document's entities and facts become, with their provenance (NIF strings
 * and offsets, rules, confidences, sentences).  The writer and the store
 * both call it, so a graph is the same whether it is printed or loaded.
 * Making the terms and delivering the statements, each once, to a model or
 * a serializer is statements.c's.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "mapper.h"

#include "pipeline.h"
#include "statements.h"

#include <stdio.h>
#include <string.h>

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD TG_NS_XSD
#define NS_DCT "http://purl.org/dc/terms/"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define NS_ITS "http://www.w3.org/2005/11/its/rdf#"

const TgNamespace tg_namespaces[] = {
    {"tg", TG_NS},     {"rdf", NS_RDF},   {"rdfs", NS_RDFS}, {"xsd", NS_XSD},
    {"dcterms", NS_DCT}, {"skos", NS_SKOS}, {"owl", NS_OWL},   {"prov", NS_PROV},
    {"nif", NS_NIF},   {"itsrdf", NS_ITS}};
const size_t tg_n_namespaces = sizeof tg_namespaces / sizeof tg_namespaces[0];

/* <base><path><slug of id> into a new string. */
static char *doc_iri_with(const char *base, const char *path, const TgDocument *doc) {
  TgBuf b;
  tg_buf_init(&b);
  const char *id = tg_document_id(doc);
  if (tg_buf_puts(&b, base) || tg_buf_puts(&b, path) || tg_slugify(id, strlen(id), &b)) {
    tg_buf_clear(&b);
    return NULL;
  }
  return b.buf;
}

char *tg_document_iri(const char *base, const TgDocument *doc) {
  return doc_iri_with(base, "doc/", doc);
}

char *tg_graph_iri(const char *base, const TgDocument *doc) {
  return doc_iri_with(base, "graph/", doc);
}

char *tg_entities_iri(const char *base) {
  TgBuf b;
  tg_buf_init(&b);
  if (tg_buf_puts(&b, base ? base : TG_DEFAULT_BASE) || tg_buf_puts(&b, "entities")) {
    tg_buf_clear(&b);
    return NULL;
  }
  return b.buf;
}

/* The mapper's state.  The statements' vocabulary and the tables' memory
 * are kept from one document to the next (a TgMapper); the rest is one
 * document's. */
struct TgMapperImpl {
  TgStatements out;      /* terms, and where the statements go */
  char *base;
  TgProvenance prov;
  raptor_term *entities; /* the entities graph (in out's vocabulary) */
  TgBuf anchor;          /* scratch: a NIF string's text */
  struct {
    uint64_t bits;
    char text[24];
  } conf[16];            /* confidences printed, by their bits */
  /* One document's. */
  raptor_term *context;  /* the article's named graph for N-Quads, or NULL */
  const char *doc_iri;   /* the document's IRI (the map_document()'s buffer) */
  const char *text;      /* the document's text */
  const char *lang;      /* its language, of every literal from the text */
  raptor_term *doc;      /* the document's node */
  raptor_term *nif_ctx;  /* its NIF context, with provenance */
  size_t *cp_index;      /* code points before every CP_STEP-th byte of the text */
  size_t cp_blocks;      /* entries of cp_index */
  size_t cp_cap;
  TgKeySet described;   /* NIF strings already described */
  raptor_term **ent;     /* [ent_len]: each entity's node, once made */
  size_t ent_len;        /* 0: not set up for this document yet */
  size_t ent_cap;
};

typedef TgMapper Map;

#define CP_STEP 256

/* Past these, a document's tables are freed rather than kept for the next. */
#define KEEP_TERMS ((size_t)1 << 14)
#define KEEP_SEEN ((size_t)1 << 16)

/* The terms of statements, and adding them (statements.h). */
static raptor_term *uri_node(Map *m, const char *a, const char *b) {
  return tg_statements_iri(&m->out, a, b);
}

static raptor_term *vocab_node(Map *m, const char *a, const char *b) {
  return tg_statements_vocab(&m->out, a, b);
}

/* The node of a vocabulary IRI written as a string literal at the call
 * site: found by the literal's address (a NIF string alone names six). */
#define KNOWN(m, ns, local) tg_statements_known(&(m)->out, ns local)

static raptor_term *plain(Map *m, const char *s, const char *lang) {
  return tg_statements_plain(&m->out, s, lang);
}

/* xsd_type is a literal or a rule's datatype: unchanged while a document
 * is mapped. */
static raptor_term *typed_n(Map *m, const char *s, size_t len, const char *xsd_type) {
  return tg_statements_typed(&m->out, s, len, xsd_type);
}

static raptor_term *typed(Map *m, const char *s, const char *xsd_type) {
  return s ? typed_n(m, s, strlen(s), xsd_type) : NULL;
}

static void add(Map *m, raptor_term *s, raptor_term *p, raptor_term *o) {
  tg_statements_add(&m->out, s, p, o);
}

/* An entity's node, made once a document and then found by its index. */
static raptor_term *entity_node(Map *m, const TgResult *r, long e) {
  const size_t n = tg_result_n_entities(r);
  if (e < 0 || (size_t)e >= n) {
    return NULL;
  }
  if (!m->ent_len) {
    if (n > m->ent_cap) {
      raptor_term **ent = (raptor_term **)tg_malloc(n * sizeof *ent);
      if (!ent) {
        return NULL;
      }
      tg_free(m->ent);
      m->ent = ent;
      m->ent_cap = n;
    }
    memset(m->ent, 0, n * sizeof *m->ent);
    m->ent_len = n;
  }
  if (!m->ent[e]) {
    m->ent[e] = uri_node(m, m->base, tg_result_entity(r, (size_t)e)->slug);
  }
  return m->ent[e];
}

static const char *class_term(TgClass cls) {
  switch (cls) {
  case TG_CLASS_REGULATOR: return "Regulator";
  case TG_CLASS_GOVERNMENT_BODY: return "GovernmentBody";
  case TG_CLASS_COMPANY: return "Company";
  case TG_CLASS_NEWS_AGENCY: return "NewsAgency";
  case TG_CLASS_PERSON: return "Person";
  case TG_CLASS_PLACE: return "Place";
  case TG_CLASS_POLICY: return "Policy";
  case TG_CLASS_SERVICE: return "Service";
  case TG_CLASS_APPROVAL: return "Approval";
  case TG_CLASS_STATISTIC: return "Statistic";
  case TG_CLASS_DECISION: return "Decision";
  default: return NULL;
  }
}

static const char *event_stem(TgClass cls) {
  switch (cls) {
  case TG_CLASS_APPROVAL: return "approval";
  case TG_CLASS_STATISTIC: return "statistic";
  case TG_CLASS_DECISION: return "decision";
  default: return NULL;
  }
}

/* The number of code points before byte `at` of the text: a block count
 * from the index (built on the first call, once per article) plus at most
 * CP_STEP bytes counted. */
static size_t cp_offset(Map *m, const char *text, size_t at) {
  if (!m->cp_blocks && m->out.status == TG_SUCCESS) {
    const size_t blocks = strlen(text) / CP_STEP + 1;
    if (blocks > m->cp_cap) {
      size_t *index = (size_t *)tg_malloc(blocks * sizeof(size_t));
      if (!index) {
        m->out.status = TG_BAD_ALLOC;
        return 0;
      }
      tg_free(m->cp_index);
      m->cp_index = index;
      m->cp_cap = blocks;
    }
    m->cp_blocks = blocks;
    m->cp_index[0] = 0;
    for (size_t k = 1; k < m->cp_blocks; ++k) {
      m->cp_index[k] = m->cp_index[k - 1] + tg_utf8_count(text + (k - 1) * CP_STEP, CP_STEP);
    }
  }
  if (!m->cp_blocks) {
    return 0;
  }
  const size_t block = at / CP_STEP < m->cp_blocks ? at / CP_STEP : m->cp_blocks - 1;
  return m->cp_index[block] + tg_utf8_count(text + block * CP_STEP, at - block * CP_STEP);
}

/* The decimal digits of v at dst (room for 20 and a NUL); their count. */
static size_t put_decimal(char *dst, size_t v) {
  char tmp[24];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (size_t i = 0; i < n; ++i) {
    dst[i] = tmp[n - 1 - i];
  }
  dst[n] = '\0';
  return n;
}

/* f->confidence as "%.2f" prints it: a rule's confidence is one of few
 * values, so each is printed once and kept by its bits. */
static const char *confidence_text(Map *m, double c) {
  uint64_t bits;
  memcpy(&bits, &c, sizeof bits);
  const size_t n = sizeof m->conf / sizeof m->conf[0];
  const size_t i = (size_t)((bits * 0x9E3779B97F4A7C15ull) >> 60) % n;
  if (m->conf[i].bits != bits || !m->conf[i].text[0]) {
    snprintf(m->conf[i].text, sizeof m->conf[i].text, "%.2f", c);
    m->conf[i].bits = bits;
  }
  return m->conf[i].text;
}

/* "<doc>#char=b,e" with code-point offsets. */
static raptor_term *span_node(Map *m, const char *doc_iri, const char *text, TgSpan s,
                              size_t *cb, size_t *ce) {
  *cb = cp_offset(m, text, s.begin);
  *ce = cp_offset(m, text, s.end);
  char frag[64];
  memcpy(frag, "#char=", 6);
  size_t n = 6 + put_decimal(frag + 6, *cb);
  frag[n++] = ',';
  put_decimal(frag + n, *ce);
  return uri_node(m, doc_iri, frag);
}

static void add_nif_string(Map *m, raptor_term *node, raptor_term *ctx, const char *text,
                           TgSpan s, size_t cb, size_t ce, const char *nif_class) {
  /* A span is described once a document, whichever fact names it again
   * (its triples would be dropped as duplicates anyway). */
  const uintptr_t tag = !nif_class ? 2 : strcmp(nif_class, "Sentence") == 0 ? 4 : 6;
  if (tg_keyset_seen(&m->described, (uint64_t)(uintptr_t)node + tag)) {
    return;
  }
  char num[32];
  m->anchor.len = 0;
  if (tg_buf_append(&m->anchor, text + s.begin, s.end - s.begin)) {
    m->out.status = TG_BAD_ALLOC;
    return;
  }
  add(m, node, KNOWN(m, NS_RDF, "type"), KNOWN(m, NS_NIF, "String"));
  if (nif_class) {
    add(m, node, KNOWN(m, NS_RDF, "type"), vocab_node(m, NS_NIF, nif_class));
  }
  add(m, node, KNOWN(m, NS_NIF, "referenceContext"), ctx);
  put_decimal(num, cb);
  add(m, node, KNOWN(m, NS_NIF, "beginIndex"), typed(m, num, "nonNegativeInteger"));
  put_decimal(num, ce);
  add(m, node, KNOWN(m, NS_NIF, "endIndex"), typed(m, num, "nonNegativeInteger"));
  add(m, node, KNOWN(m, NS_NIF, "anchorOf"),
      typed_n(m, m->anchor.buf, m->anchor.len, "string"));
}

/* An absolute IRI that N-Triples can carry as it is: a scheme, then no
 * space, control character or one of <>"{}|^`\\. */
static bool is_iri(const char *s) {
  const char *colon = strchr(s, ':');
  if (!colon || colon == s) {
    return false;
  }
  for (const char *p = s; p < colon; ++p) {
    const char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (p > s && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
      return false;
    }
  }
  for (const char *p = s; *p; ++p) {
    if ((unsigned char)*p <= ' ' || strchr("<>\"{}|^`\\", *p)) {
      return false;
    }
  }
  return true;
}
/* The document's own triples: its type, title, source and dates. */
static void map_head(Map *m, const TgDocument *doc) {
  raptor_term *d = m->doc;
  add(m, d, KNOWN(m, NS_RDF, "type"), KNOWN(m, TG_NS, "Document"));
  if (tg_document_title(doc)) {
    add(m, d, KNOWN(m, NS_DCT, "title"), plain(m, tg_document_title(doc), m->lang));
  }
  if (tg_document_url(doc) && is_iri(tg_document_url(doc))) {
    add(m, d, KNOWN(m, NS_DCT, "source"), uri_node(m, tg_document_url(doc), NULL));
  }
  if (tg_document_date(doc)) {
    add(m, d, KNOWN(m, NS_DCT, "date"), typed(m, tg_document_date(doc), "date"));
    if (m->prov != TG_PROVENANCE_NONE) {
      add(m, d, KNOWN(m, TG_NS, "referenceDate"), typed(m, tg_document_date(doc), "date"));
    }
  }
}

/* An entity's description, in the entities graph (see ontology/README.md,
 * "Graph layout"): type, labels, links elsewhere, parent organisation. */
static void map_entity(Map *m, const TgResult *r, size_t i) {
  const TgEntity *e = tg_result_entity(r, i);
  raptor_term *n = entity_node(m, r, (long)i);
  add(m, m->doc, KNOWN(m, TG_NS, "mentions"), n);
  m->out.graph = m->entities;
  add(m, n, KNOWN(m, NS_RDF, "type"), vocab_node(m, TG_NS, class_term(e->cls)));
  /* Gazetteer names are English; names read from the text are in its language. */
  const char *elang = ((const TgEntityRec *)e)->gaz >= 0 ? "en" : m->lang;
  add(m, n, KNOWN(m, NS_RDFS, "label"), plain(m, e->label, elang));
  for (size_t k = 0; k < e->n_aliases; ++k) {
    add(m, n, KNOWN(m, NS_SKOS, "altLabel"), plain(m, e->aliases[k], elang));
  }
  if (e->wikidata) {
    add(m, n, KNOWN(m, NS_OWL, "sameAs"), uri_node(m, "http://www.wikidata.org/entity/", e->wikidata));
  }
  if (e->geonames) {
    char g[64];
    snprintf(g, sizeof g, "https://sws.geonames.org/%s/", e->geonames);
    add(m, n, KNOWN(m, NS_OWL, "sameAs"), uri_node(m, g, NULL));
  }
  if (e->dbpedia) {
    add(m, n, KNOWN(m, NS_OWL, "sameAs"), uri_node(m, "http://dbpedia.org/resource/", e->dbpedia));
  }
  if (e->parent >= 0) {
    add(m, n, KNOWN(m, TG_NS, "parentOrganization"), entity_node(m, r, e->parent));
  }
  m->out.graph = m->context;
}

/* The NIF context of the whole text, which every span refers to. */
static void map_nif_context(Map *m, const TgDocument *doc) {
  size_t cb = 0;
  size_t ce = 0;
  TgSpan all = {0, tg_document_length(doc)};
  raptor_term *ctx = span_node(m, m->doc_iri, m->text, all, &cb, &ce);
  m->nif_ctx = ctx;
  char num[32];
  add(m, ctx, KNOWN(m, NS_RDF, "type"), KNOWN(m, NS_NIF, "Context"));
  add(m, ctx, KNOWN(m, NS_NIF, "isString"), typed(m, m->text, "string"));
  put_decimal(num, ce);
  add(m, ctx, KNOWN(m, NS_NIF, "beginIndex"), typed(m, "0", "nonNegativeInteger"));
  add(m, ctx, KNOWN(m, NS_NIF, "endIndex"), typed(m, num, "nonNegativeInteger"));
  add(m, ctx, KNOWN(m, NS_NIF, "sourceUrl"), m->doc);
}

/* A mention's span as a NIF phrase linked to its entity (if any). */
static raptor_term *map_phrase(Map *m, const TgResult *r, const TgMention *mt) {
  size_t cb = 0;
  size_t ce = 0;
  raptor_term *n = span_node(m, m->doc_iri, m->text, mt->span, &cb, &ce);
  add_nif_string(m, n, m->nif_ctx, m->text, mt->span, cb, ce, "Phrase");
  if (mt->entity >= 0) {
    add(m, n, KNOWN(m, NS_ITS, "taIdentRef"), entity_node(m, r, mt->entity));
  }
  return n;
}

/* With full provenance, every mention of an entity. */
static void map_mentions(Map *m, const TgResult *r) {
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *mt = tg_result_mention(r, i);
    if (mt->entity >= 0) {
      map_phrase(m, r, mt);
    }
  }
}

/* A report names the document's news agency. */
static void map_report(Map *m, const TgResult *r, const TgFact *f) {
  for (size_t k = 0; k < f->n_slots; ++k) {
    if (f->slots[k].prop == TG_PROP_REPORTED_BY && f->slots[k].entity >= 0) {
      add(m, m->doc, KNOWN(m, TG_NS, "reportedBy"), entity_node(m, r, f->slots[k].entity));
    }
  }
}

/* A role describes its person: job title and affiliation. */
static void map_role(Map *m, const TgResult *r, const TgFact *f) {
  long person = -1;
  for (size_t k = 0; k < f->n_slots; ++k) {
    person = f->slots[k].prop == TG_PROP_PERSON ? f->slots[k].entity : person;
  }
  for (size_t k = 0; person >= 0 && k < f->n_slots; ++k) {
    const TgSlot *s = &f->slots[k];
    if (s->prop == TG_PROP_JOB_TITLE && s->literal) {
      add(m, entity_node(m, r, person), KNOWN(m, TG_NS, "jobTitle"), plain(m, s->literal, m->lang));
    } else if (s->prop == TG_PROP_AFFILIATION && s->entity >= 0) {
      add(m, entity_node(m, r, person), KNOWN(m, TG_NS, "affiliation"),
          entity_node(m, r, s->entity));
    }
  }
}

/* A slot's value: an entity, a concept, or a literal.  A literal may be a
 * borrowed term over `dec` (TG_DECIMAL_BUF bytes), so the caller keeps
 * `dec` alive until the statement is added. */
#define TG_DECIMAL_BUF 80
static raptor_term *slot_object(Map *m, const TgResult *r, const TgSlot *s, char *dec) {
  if (s->entity >= 0) {
    return entity_node(m, r, s->entity);
  }
  if (s->prop == TG_PROP_CHANGE_BASIS) {
    return s->datatype ? vocab_node(m, TG_NS, s->datatype) : NULL; /* a concept: tg:YearOnYear */
  }
  if (s->literal && s->datatype && strcmp(s->datatype, "decimal") == 0 &&
      !strchr(s->literal, '.')) {
    /* The canonical xsd:decimal form has a point ("2400.0"); without it
     * Turtle writers abbreviate the literal to an xsd:integer. */
    snprintf(dec, TG_DECIMAL_BUF, "%s.0", s->literal);
    return typed(m, dec, s->datatype);
  }
  if (s->literal && s->datatype) {
    return typed(m, s->literal, s->datatype);
  }
  if (s->literal) {
    return s->prop == TG_PROP_MEASURE ? plain(m, s->literal, m->lang) : plain(m, s->literal, NULL);
  }
  return NULL;
}

/* Add `sentence` to sentences[0..*n) unless there or the array is full. */
static void note_sentence(size_t *sentences, size_t *n, size_t cap, size_t sentence) {
  for (size_t q = 0; q < *n; ++q) {
    if (sentences[q] == sentence) {
      return;
    }
  }
  if (*n < cap) {
    sentences[(*n)++] = sentence;
  }
}

/* An event's provenance: rule, confidence, the sentences it was read from
 * (its own and those of the words that fill its slots, as a recipient list
 * in the next sentence) and, with full provenance, each slot's words as
 * evidence. */
static void map_event_provenance(Map *m, const TgResult *r, const TgFact *f, raptor_term *ev) {
  add(m, ev, KNOWN(m, TG_NS, "rule"), typed(m, f->rule, "string"));
  add(m, ev, KNOWN(m, TG_NS, "confidence"), typed(m, confidence_text(m, f->confidence), "decimal"));
  size_t sentences[64];
  size_t n_sentences = 0;
  const size_t cap = sizeof sentences / sizeof sentences[0];
  sentences[n_sentences++] = f->sentence;
  for (size_t k = 0; k < f->n_slots; ++k) {
    const long mi = f->slots[k].mention;
    if (mi < 0) {
      continue;
    }
    const TgMention *mt = tg_result_mention(r, (size_t)mi);
    note_sentence(sentences, &n_sentences, cap, mt->sentence);
    if (m->prov == TG_PROVENANCE_FULL) {
      add(m, ev, KNOWN(m, TG_NS, "evidence"), map_phrase(m, r, mt));
    }
  }
  for (size_t q = 0; q < n_sentences; ++q) {
    const TgSpan sspan = tg_result_sentence(r, sentences[q]);
    size_t cb = 0;
    size_t ce = 0;
    raptor_term *sn = span_node(m, m->doc_iri, m->text, sspan, &cb, &ce);
    add_nif_string(m, sn, m->nif_ctx, m->text, sspan, cb, ce, "Sentence");
    add(m, ev, KNOWN(m, TG_NS, "sentence"), sn);
  }
}

/* An event (approval, statistic, decision): "<doc>#<stem>-<n>", its class,
 * its slots and its provenance. */
static void map_event(Map *m, const TgResult *r, const TgFact *f, const char *stem,
                      unsigned number) {
  char frag[64];
  const size_t sl = strlen(stem); /* "#approval-3" */
  frag[0] = '#';
  memcpy(frag + 1, stem, sl);
  frag[1 + sl] = '-';
  put_decimal(frag + 2 + sl, number);
  raptor_term *ev = uri_node(m, m->doc_iri, frag);
  add(m, ev, KNOWN(m, NS_RDF, "type"), vocab_node(m, TG_NS, class_term(f->cls)));
  add(m, ev, KNOWN(m, NS_PROV, "wasDerivedFrom"), m->doc);
  char dec[TG_DECIMAL_BUF];
  for (size_t k = 0; k < f->n_slots; ++k) {
    const TgSlot *s = &f->slots[k];
    raptor_term *p = vocab_node(m, TG_NS, tg_property_name(s->prop));
    add(m, ev, p, slot_object(m, r, s, dec));
  }
  if (m->prov != TG_PROVENANCE_NONE) {
    map_event_provenance(m, r, f, ev);
  }
}

static void map_facts(Map *m, const TgResult *r) {
  unsigned counter[TG_N_CLASSES] = {0};
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    const TgFact *f = tg_result_fact(r, i);
    const char *stem = event_stem(f->cls);
    if (f->cls == TG_CLASS_REPORT) {
      map_report(m, r, f);
    } else if (f->cls == TG_CLASS_ROLE) {
      map_role(m, r, f);
    } else if (stem) { /* subsidiaries are on the entities already */
      map_event(m, r, f, stem, ++counter[f->cls]);
    }
  }
}

static void map_document(Map *m, const TgDocument *doc, const TgResult *r) {
  m->lang = tg_document_language(doc);
  m->text = tg_document_text(doc);
  TgBuf doc_iri;
  tg_buf_init(&doc_iri);
  if (tg_buf_puts(&doc_iri, m->base) || tg_buf_puts(&doc_iri, "doc/") ||
      tg_slugify(tg_document_id(doc), strlen(tg_document_id(doc)), &doc_iri)) {
    m->out.status = TG_BAD_ALLOC;
    tg_buf_clear(&doc_iri);
    return;
  }
  m->doc_iri = doc_iri.buf;
  m->doc = uri_node(m, doc_iri.buf, NULL);
  map_head(m, doc);
  for (size_t i = 0; i < tg_result_n_entities(r); ++i) {
    map_entity(m, r, i);
  }
  if (m->prov != TG_PROVENANCE_NONE) {
    map_nif_context(m, doc);
  }
  if (m->prov == TG_PROVENANCE_FULL) {
    map_mentions(m, r);
  }
  map_facts(m, r);
  tg_buf_clear(&doc_iri);
}

TgStatus tg_mapper_new(raptor_world *world, const char *base, TgProvenance prov,
                       TgMapper **out) {
  *out = NULL;
  Map *m = (Map *)tg_calloc(1, sizeof *m);
  if (!m) {
    return TG_BAD_ALLOC;
  }
  tg_statements_init(&m->out, world);
  m->prov = prov;
  m->base = tg_strdup(base ? base : TG_DEFAULT_BASE);
  if (!m->base) {
    tg_free(m);
    return TG_BAD_ALLOC;
  }
  tg_buf_init(&m->anchor);
  *out = m;
  return TG_SUCCESS;
}

void tg_mapper_free(TgMapper *m) {
  if (!m) {
    return;
  }
  tg_statements_clear(&m->out);
  tg_keyset_clear(&m->described);
  tg_free(m->cp_index);
  tg_free(m->ent);
  tg_buf_clear(&m->anchor);
  tg_free(m->base);
  tg_free(m);
}

/* Forget the document just mapped; keep what the next may reuse. */
static void end_document(Map *m) {
  tg_statements_end(&m->out);
  tg_keyset_reset(&m->described, KEEP_SEEN);
  m->cp_blocks = 0;
  m->ent_len = 0;
  if (m->ent_cap > KEEP_TERMS) {
    tg_free(m->ent);
    m->ent = NULL;
    m->ent_cap = 0;
  }
  m->context = NULL;
  m->doc_iri = m->text = m->lang = NULL;
  m->doc = m->nif_ctx = NULL;
}

/* Map one document, its statements' destination set up in m->out. */
static TgStatus map_into(Map *m, raptor_term *context, const TgDocument *doc,
                         const TgResult *result) {
  m->context = context;
  if (context && !m->entities) {
    m->entities = vocab_node(m, m->base, "entities"); /* tg_entities_iri() */
  }
  if (context && !m->entities) {
    m->out.status = TG_BAD_ALLOC;
  } else {
    map_document(m, doc, result);
  }
  const TgStatus st = m->out.status;
  end_document(m);
  return st;
}

TgStatus tg_mapper_stream(TgMapper *m, raptor_serializer *ser, bool keeps_terms,
                          raptor_term *context, const TgDocument *doc, const TgResult *result) {
  tg_statements_to_serializer(&m->out, ser, keeps_terms, context);
  return map_into(m, context, doc, result);
}

TgStatus tg_map_document(librdf_world *world, librdf_model *model, librdf_node *context,
                         const char *base, TgProvenance prov, const TgDocument *doc,
                         const TgResult *result) {
  TgMapper *m = NULL;
  TgStatus st = tg_mapper_new(librdf_world_get_raptor(world), base, prov, &m);
  if (!st) {
    tg_statements_to_model(&m->out, world, model, context);
    st = map_into(m, context, doc, result);
  }
  tg_mapper_free(m);
  return st;
}
