/* telegraph stage 6, the mapper: a document's entities and facts become
 * triples of the telegraph ontology in a librdf model.  The writer and the
 * store both call it, so a graph is the same whether it is printed or
 * loaded.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "mapper.h"

#include "pipeline.h"
#include "terms.h"

#include <stdio.h>
#include <string.h>

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
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


/* The mapper's state.  The vocabulary's terms, the statement set's and the
 * scratch buffers' memory are kept from one document to the next (a
 * TgMapper); the rest is one document's. */
struct TgMapperImpl {
  raptor_world *raptor;
  char *base;
  TgProvenance prov;
  TgTerms vocab;        /* ontology, datatype and graph IRIs: a bounded set, kept */
  TgPtrCache known;     /* vocabulary nodes by the address of their literal (KNOWN) */
  raptor_term *entities; /* the entities graph (in vocab) */
  uint64_t *seen;       /* hashes of the statements added */
  size_t seen_cap;
  size_t seen_len;
  TgBuf iri;            /* scratch */
  TgBuf anchor;         /* scratch: a NIF string's text */
  struct {
    uint64_t bits;
    char text[24];
  } conf[16];           /* confidences printed, by their bits */
  /* One document's. */
  librdf_world *world;  /* the model path's, or NULL */
  librdf_model *model;
  raptor_serializer *direct; /* statements go here, not to a model */
  bool scratch_ok;      /* the serializer keeps no term: literals need not be made */
  raptor_term *context; /* the article's named graph for N-Quads, or NULL */
  raptor_term *graph;   /* where add() puts statements: context or entities */
  raptor_term lit;      /* the literal of the statement being added */
  TgStatus st;
  size_t *cp_index;     /* code points before every CP_STEP-th byte of the text */
  size_t cp_blocks;     /* entries of cp_index */
  size_t cp_cap;
  TgTerms terms;        /* every other IRI node of the document, made once */
  TgPtrCache datatypes; /* xsd: datatype nodes by the address of their local name */
  TgAddrSet described;  /* NIF strings already described */
  raptor_term **ent;    /* [ent_len]: each entity's node, once made (in terms) */
  size_t ent_len;       /* 0: not set up for this document yet */
  size_t ent_cap;
};

typedef TgMapper Map;

#define CP_STEP 256

/* Past these, a document's tables are freed rather than kept for the next. */
#define KEEP_TERMS ((size_t)1 << 14)
#define KEEP_SEEN ((size_t)1 << 16)

/* A document IRI node, borrowed from the document's table. */
static raptor_term *uri_node(Map *m, const char *a, const char *b) {
  m->iri.len = 0;
  if (tg_buf_puts(&m->iri, a) || (b && tg_buf_puts(&m->iri, b))) {
    return NULL;
  }
  return tg_terms_peek(&m->terms, m->raptor, m->iri.buf, m->iri.len);
}

/* A vocabulary IRI node, borrowed from the kept table. */
static raptor_term *vocab_node(Map *m, const char *a, const char *b) {
  m->iri.len = 0;
  if (tg_buf_puts(&m->iri, a) || (b && tg_buf_puts(&m->iri, b))) {
    return NULL;
  }
  return tg_terms_peek(&m->vocab, m->raptor, m->iri.buf, m->iri.len);
}

/* The node of a vocabulary IRI written as a string literal at the call
 * site: found by the literal's address, without building and hashing the
 * IRI each time (a NIF string alone names six). */
#define KNOWN(m, ns, local) known_node((m), ns local)

static raptor_term *known_node(Map *m, const char *iri) {
  raptor_term *n = tg_ptrcache_get(&m->known, iri);
  if (!n) {
    n = tg_terms_peek(&m->vocab, m->raptor, iri, strlen(iri));
    tg_ptrcache_put(&m->known, iri, n);
  }
  return n;
}

/* A hash of a node's value, for telling statements apart. */
static uint64_t node_hash(const raptor_term *n, uint64_t h) {
  if (n->type == RAPTOR_TERM_TYPE_URI) {
    /* One node per IRI (the tables): its address is its id. */
    return (h ^ (uint64_t)(uintptr_t)n) * 0x9E3779B97F4A7C15ull + 1;
  }
  if (n->type == RAPTOR_TERM_TYPE_LITERAL) {
    const raptor_term_literal_value *v = &n->value.literal;
    if (v->language) {
      h ^= tg_hash((const char *)v->language, v->language_len) * 31u;
    }
    if (v->datatype) {
      /* The datatype is a node's URI in the vocabulary (typed()): its address. */
      h ^= (uint64_t)(uintptr_t)v->datatype * 131u;
    }
    h = (h ^ tg_terms_hash((const char *)v->string, v->string_len)) * 1099511628211ull;
  }
  return h * 0x9E3779B97F4A7C15ull + 1;
}

/* True if the statement was added before (a set of statement hashes). */
static bool seen_before(Map *m, const raptor_term *s, const raptor_term *p,
                        const raptor_term *o) {
  const uint64_t h = node_hash(o, node_hash(p, node_hash(s, 0))) | 1u;
  if ((m->seen_len + 1) * 2 > m->seen_cap) {
    const size_t cap = m->seen_cap ? m->seen_cap * 2 : 1024;
    uint64_t *table = (uint64_t *)tg_calloc(cap, sizeof(uint64_t));
    if (!table) {
      return false; /* out of memory: keep the duplicate rather than lose a triple */
    }
    for (size_t i = 0; i < m->seen_cap; ++i) {
      if (m->seen[i]) {
        size_t j = (size_t)m->seen[i] & (cap - 1);
        while (table[j]) {
          j = (j + 1) & (cap - 1);
        }
        table[j] = m->seen[i];
      }
    }
    tg_free(m->seen);
    m->seen = table;
    m->seen_cap = cap;
  }
  size_t j = (size_t)h & (m->seen_cap - 1);
  while (m->seen[j]) {
    if (m->seen[j] == h) {
      return true;
    }
    j = (j + 1) & (m->seen_cap - 1);
  }
  m->seen[j] = h;
  ++m->seen_len;
  return false;
}

/* A term the model or a keeping serializer may own: a new reference to an
 * IRI node, or a real copy of the scratch literal. */
static raptor_term *owned(Map *m, raptor_term *n) {
  if (n != &m->lit) {
    return raptor_term_copy(n);
  }
  const raptor_term_literal_value *v = &n->value.literal;
  return raptor_new_term_from_literal(m->raptor, v->string, v->datatype, v->language);
}

/* Add (s, p, o), all borrowed (o may be the scratch literal); a statement
 * already added to this document's graph is added once. */
static void add(Map *m, raptor_term *s, raptor_term *p, raptor_term *o) {
  if (m->st) {
    return;
  }
  if (!s || !p || !o) {
    m->st = TG_BAD_ALLOC;
    return;
  }
  if (seen_before(m, s, p, o)) {
    return;
  }
  int rc = 0;
  if (m->direct && m->scratch_ok) {
    /* The line formats write a statement and keep nothing of it: one on
     * the stack of borrowed terms (no allocation a triple). */
    raptor_statement st;
    raptor_statement_init(&st, m->raptor);
    st.subject = s;
    st.predicate = p;
    st.object = o;
    st.graph = m->graph;
    rc = raptor_serializer_serialize_statement(m->direct, &st);
  } else if (m->direct) {
    /* Turtle keeps the terms it is given: its own references. */
    raptor_term *lit = o == &m->lit ? owned(m, o) : NULL;
    if (o == &m->lit && !lit) {
      m->st = TG_BAD_ALLOC;
      return;
    }
    raptor_statement st;
    raptor_statement_init(&st, m->raptor);
    st.subject = s;
    st.predicate = p;
    st.object = lit ? lit : o;
    st.graph = m->graph;
    rc = raptor_serializer_serialize_statement(m->direct, &st);
    if (lit) {
      raptor_free_term(lit);
    }
  } else {
    /* librdf statements are raptor statements, and own their nodes. */
    librdf_node *ls = owned(m, s);
    librdf_node *lp = owned(m, p);
    librdf_node *lo = owned(m, o);
    librdf_statement *st = ls && lp && lo ? librdf_new_statement_from_nodes(m->world, ls, lp, lo)
                                          : NULL;
    if (!st) {
      if (!ls || !lp || !lo) {
        raptor_free_term(ls);
        raptor_free_term(lp);
        raptor_free_term(lo);
      }
      m->st = TG_BAD_ALLOC;
      return;
    }
    rc = m->graph ? librdf_model_context_add_statement(m->model, m->graph, st)
                  : librdf_model_add_statement(m->model, st);
    librdf_free_statement(st);
  }
  if (rc) {
    m->st = TG_BAD_RDF;
  }
}

/* The scratch literal s[0..len) (NUL-terminated at len) with a language
 * or a datatype (NULL for neither), valid until the next add(); NULL for
 * no string. */
static raptor_term *literal(Map *m, const char *s, size_t len, const char *lang,
                            raptor_uri *datatype) {
  if (!s) {
    return NULL;
  }
  if (lang && !*lang) {
    lang = NULL; /* as raptor takes an empty language */
  }
  const size_t lang_len = lang ? strlen(lang) : 0;
  memset(&m->lit, 0, sizeof m->lit);
  m->lit.world = m->raptor;
  m->lit.usage = 1;
  m->lit.type = RAPTOR_TERM_TYPE_LITERAL;
  m->lit.value.literal.string = (unsigned char *)s;
  m->lit.value.literal.string_len = (unsigned int)len;
  m->lit.value.literal.datatype = lang ? NULL : datatype;
  m->lit.value.literal.language = (unsigned char *)lang;
  m->lit.value.literal.language_len = (unsigned char)lang_len;
  return &m->lit;
}

static raptor_term *plain(Map *m, const char *s, const char *lang) {
  return literal(m, s, s ? strlen(s) : 0, lang, NULL);
}

static raptor_term *typed_n(Map *m, const char *s, size_t len, const char *xsd_type) {
  /* xsd_type is a literal or a rule's datatype: unchanged while a
   * document is mapped, so its address finds its node. */
  raptor_term *dt = tg_ptrcache_get(&m->datatypes, xsd_type);
  if (!dt) {
    dt = vocab_node(m, NS_XSD, xsd_type);
    tg_ptrcache_put(&m->datatypes, xsd_type, dt);
  }
  return dt ? literal(m, s, len, NULL, dt->value.uri) : NULL;
}

static raptor_term *typed(Map *m, const char *s, const char *xsd_type) {
  return s ? typed_n(m, s, strlen(s), xsd_type) : NULL;
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
  if (!m->cp_blocks && m->st == TG_SUCCESS) {
    const size_t blocks = strlen(text) / CP_STEP + 1;
    if (blocks > m->cp_cap) {
      size_t *index = (size_t *)tg_malloc(blocks * sizeof(size_t));
      if (!index) {
        m->st = TG_BAD_ALLOC;
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
  if (tg_addrset_seen(&m->described, (uintptr_t)node + tag)) {
    return;
  }
  char num[32];
  m->anchor.len = 0;
  if (tg_buf_append(&m->anchor, text + s.begin, s.end - s.begin)) {
    m->st = TG_BAD_ALLOC;
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

static void map_document(Map *m, const TgDocument *doc, const TgResult *r) {
  const char *lang = tg_document_language(doc); /* of every literal from the text */
  const char *text = tg_document_text(doc);
  TgBuf doc_iri;
  tg_buf_init(&doc_iri);
  if (tg_buf_puts(&doc_iri, m->base) || tg_buf_puts(&doc_iri, "doc/") ||
      tg_slugify(tg_document_id(doc), strlen(tg_document_id(doc)), &doc_iri)) {
    m->st = TG_BAD_ALLOC;
    tg_buf_clear(&doc_iri);
    return;
  }
  raptor_term *d = uri_node(m, doc_iri.buf, NULL);
  add(m, d, KNOWN(m, NS_RDF, "type"), KNOWN(m, TG_NS, "Document"));
  if (tg_document_title(doc)) {
    add(m, d, KNOWN(m, NS_DCT, "title"), plain(m, tg_document_title(doc), lang));
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
  /* Entities. */
  for (size_t i = 0; i < tg_result_n_entities(r); ++i) {
    const TgEntity *e = tg_result_entity(r, i);
    raptor_term *n = entity_node(m, r, (long)i);
    add(m, d, KNOWN(m, TG_NS, "mentions"), n);
    /* The entity's description goes to the entities graph (see
     * ontology/README.md, "Graph layout"). */
    m->graph = m->entities;
    add(m, n, KNOWN(m, NS_RDF, "type"), vocab_node(m, TG_NS, class_term(e->cls)));
    /* Gazetteer names are English; names read from the text are in its language. */
    const char *elang = ((const TgEntityRec *)e)->gaz >= 0 ? "en" : lang;
    add(m, n, KNOWN(m, NS_RDFS, "label"), plain(m, e->label, elang));
    for (size_t k = 0; k < e->n_aliases; ++k) {
      add(m, n, KNOWN(m, NS_SKOS, "altLabel"), plain(m, e->aliases[k], elang));
    }
    if (e->wikidata) {
      add(m, n, KNOWN(m, NS_OWL, "sameAs"),
          uri_node(m, "http://www.wikidata.org/entity/", e->wikidata));
    }
    if (e->geonames) {
      char g[64];
      snprintf(g, sizeof g, "https://sws.geonames.org/%s/", e->geonames);
      add(m, n, KNOWN(m, NS_OWL, "sameAs"), uri_node(m, g, NULL));
    }
    if (e->dbpedia) {
      add(m, n, KNOWN(m, NS_OWL, "sameAs"),
          uri_node(m, "http://dbpedia.org/resource/", e->dbpedia));
    }
    if (e->parent >= 0) {
      add(m, n, KNOWN(m, TG_NS, "parentOrganization"), entity_node(m, r, e->parent));
    }
    m->graph = m->context;
  }
  /* NIF context for provenance. */
  raptor_term *ctx = NULL;
  if (m->prov != TG_PROVENANCE_NONE) {
    size_t cb = 0;
    size_t ce = 0;
    TgSpan all = {0, tg_document_length(doc)};
    ctx = span_node(m, doc_iri.buf, text, all, &cb, &ce);
    char num[32];
    add(m, ctx, KNOWN(m, NS_RDF, "type"), KNOWN(m, NS_NIF, "Context"));
    add(m, ctx, KNOWN(m, NS_NIF, "isString"), typed(m, text, "string"));
    put_decimal(num, ce);
    add(m, ctx, KNOWN(m, NS_NIF, "beginIndex"), typed(m, "0", "nonNegativeInteger"));
    add(m, ctx, KNOWN(m, NS_NIF, "endIndex"), typed(m, num, "nonNegativeInteger"));
    add(m, ctx, KNOWN(m, NS_NIF, "sourceUrl"), d);
  }
  if (m->prov == TG_PROVENANCE_FULL) {
    for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
      const TgMention *mt = tg_result_mention(r, i);
      if (mt->entity < 0) {
        continue;
      }
      size_t cb = 0;
      size_t ce = 0;
      raptor_term *n = span_node(m, doc_iri.buf, text, mt->span, &cb, &ce);
      add_nif_string(m, n, ctx, text, mt->span, cb, ce, "Phrase");
      add(m, n, KNOWN(m, NS_ITS, "taIdentRef"), entity_node(m, r, mt->entity));
      }
  }
  /* Facts. */
  unsigned counter[TG_N_CLASSES] = {0};
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    const TgFact *f = tg_result_fact(r, i);
    if (f->cls == TG_CLASS_REPORT) {
      for (size_t k = 0; k < f->n_slots; ++k) {
        if (f->slots[k].prop == TG_PROP_REPORTED_BY && f->slots[k].entity >= 0) {
          add(m, d, KNOWN(m, TG_NS, "reportedBy"), entity_node(m, r, f->slots[k].entity));
        }
      }
      continue;
    }
    if (f->cls == TG_CLASS_ROLE) {
      long person = -1;
      for (size_t k = 0; k < f->n_slots; ++k) {
        person = f->slots[k].prop == TG_PROP_PERSON ? f->slots[k].entity : person;
      }
      for (size_t k = 0; person >= 0 && k < f->n_slots; ++k) {
        const TgSlot *s = &f->slots[k];
        if (s->prop == TG_PROP_JOB_TITLE && s->literal) {
          add(m, entity_node(m, r, person), KNOWN(m, TG_NS, "jobTitle"), plain(m, s->literal, lang));
        } else if (s->prop == TG_PROP_AFFILIATION && s->entity >= 0) {
          add(m, entity_node(m, r, person), KNOWN(m, TG_NS, "affiliation"), entity_node(m, r, s->entity));
        }
      }
      continue;
    }
    const char *stem = event_stem(f->cls);
    if (!stem) {
      continue; /* subsidiaries are on the entities already */
    }
    char frag[64];
    const size_t sl = strlen(stem); /* "#approval-3" */
    frag[0] = '#';
    memcpy(frag + 1, stem, sl);
    frag[1 + sl] = '-';
    put_decimal(frag + 2 + sl, ++counter[f->cls]);
    raptor_term *ev = uri_node(m, doc_iri.buf, frag);
    add(m, ev, KNOWN(m, NS_RDF, "type"), vocab_node(m, TG_NS, class_term(f->cls)));
    add(m, ev, KNOWN(m, NS_PROV, "wasDerivedFrom"), d);
    for (size_t k = 0; k < f->n_slots; ++k) {
      const TgSlot *s = &f->slots[k];
      raptor_term *p = vocab_node(m, TG_NS, tg_property_name(s->prop));
      raptor_term *o = NULL;
      if (s->entity >= 0) {
        o = entity_node(m, r, s->entity);
      } else if (s->prop == TG_PROP_CHANGE_BASIS) {
        o = s->datatype ? vocab_node(m, TG_NS, s->datatype) : NULL; /* a concept: tg:YearOnYear */
      } else if (s->literal && s->datatype && strcmp(s->datatype, "decimal") == 0 &&
                 !strchr(s->literal, '.')) {
        /* The canonical xsd:decimal form has a point ("2400.0"); without it
         * Turtle writers abbreviate the literal to an xsd:integer. */
        char dec[80];
        snprintf(dec, sizeof dec, "%s.0", s->literal);
        o = typed(m, dec, s->datatype);
      } else if (s->literal && s->datatype) {
        o = typed(m, s->literal, s->datatype);
      } else if (s->literal) {
        o = s->prop == TG_PROP_MEASURE ? plain(m, s->literal, lang) : plain(m, s->literal, NULL);
      }
      add(m, ev, p, o);
    }
    if (m->prov != TG_PROVENANCE_NONE) {
      add(m, ev, KNOWN(m, TG_NS, "rule"), typed(m, f->rule, "string"));
      add(m, ev, KNOWN(m, TG_NS, "confidence"), typed(m, confidence_text(m, f->confidence), "decimal"));
      /* The sentences the fact was read from: its own and those of the
       * words that fill its slots (a recipient list in the next sentence);
       * with full provenance, each slot's words as evidence. */
      size_t sentences[64];
      size_t n_sentences = 0;
      sentences[n_sentences++] = f->sentence;
      for (size_t k = 0; k < f->n_slots; ++k) {
        const long mi = f->slots[k].mention;
        if (mi < 0) {
          continue;
        }
        const TgMention *mt = tg_result_mention(r, (size_t)mi);
        bool seen = false;
        for (size_t q = 0; q < n_sentences; ++q) {
          seen = seen || sentences[q] == mt->sentence;
        }
        if (!seen && n_sentences < sizeof sentences / sizeof sentences[0]) {
          sentences[n_sentences++] = mt->sentence;
        }
        if (m->prov != TG_PROVENANCE_FULL) {
          continue;
        }
        size_t cb = 0;
        size_t ce = 0;
        raptor_term *pn = span_node(m, doc_iri.buf, text, mt->span, &cb, &ce);
        add_nif_string(m, pn, ctx, text, mt->span, cb, ce, "Phrase");
        if (mt->entity >= 0) {
          add(m, pn, KNOWN(m, NS_ITS, "taIdentRef"), entity_node(m, r, mt->entity));
        }
        add(m, ev, KNOWN(m, TG_NS, "evidence"), pn);
      }
      for (size_t q = 0; q < n_sentences; ++q) {
        const TgSpan sspan = tg_result_sentence(r, sentences[q]);
        size_t cb = 0;
        size_t ce = 0;
        raptor_term *sn = span_node(m, doc_iri.buf, text, sspan, &cb, &ce);
        add_nif_string(m, sn, ctx, text, sspan, cb, ce, "Sentence");
        add(m, ev, KNOWN(m, TG_NS, "sentence"), sn);
      }
    }
  }
  tg_buf_clear(&doc_iri);
}

TgStatus tg_mapper_new(raptor_world *world, const char *base, TgProvenance prov,
                       TgMapper **out) {
  *out = NULL;
  Map *m = (Map *)tg_calloc(1, sizeof *m);
  if (!m) {
    return TG_BAD_ALLOC;
  }
  m->raptor = world;
  m->prov = prov;
  m->base = tg_strdup(base ? base : TG_DEFAULT_BASE);
  if (!m->base) {
    tg_free(m);
    return TG_BAD_ALLOC;
  }
  tg_buf_init(&m->iri);
  tg_buf_init(&m->anchor);
  *out = m;
  return TG_SUCCESS;
}

void tg_mapper_free(TgMapper *m) {
  if (!m) {
    return;
  }
  tg_terms_clear(&m->terms);
  tg_terms_clear(&m->vocab);
  tg_addrset_clear(&m->described);
  tg_free(m->seen);
  tg_free(m->cp_index);
  tg_free(m->ent);
  tg_buf_clear(&m->iri);
  tg_buf_clear(&m->anchor);
  tg_free(m->base);
  tg_free(m);
}

/* Forget the document just mapped; keep what the next may reuse. */
static void end_document(Map *m) {
  tg_terms_reset(&m->terms, KEEP_TERMS);
  tg_addrset_reset(&m->described, KEEP_SEEN);
  memset(&m->datatypes, 0, sizeof m->datatypes);
  if (m->seen_cap > KEEP_SEEN) {
    tg_free(m->seen);
    m->seen = NULL;
    m->seen_cap = 0;
  } else if (m->seen_len) {
    memset(m->seen, 0, m->seen_cap * sizeof *m->seen);
  }
  m->seen_len = 0;
  m->cp_blocks = 0;
  m->ent_len = 0;
  if (m->ent_cap > KEEP_TERMS) {
    tg_free(m->ent);
    m->ent = NULL;
    m->ent_cap = 0;
  }
  m->world = NULL;
  m->model = NULL;
  m->direct = NULL;
  m->context = m->graph = NULL;
}

/* Map one document into a model, or straight to a serializer. */
static TgStatus map_into(Map *m, librdf_world *world, librdf_model *model,
                         raptor_serializer *ser, bool keeps_terms, raptor_term *context,
                         const TgDocument *doc, const TgResult *result) {
  m->world = world;
  m->model = model;
  m->direct = ser;
  m->scratch_ok = ser && !keeps_terms;
  m->context = m->graph = context;
  m->st = TG_SUCCESS;
  if (context && !m->entities) {
    m->entities = vocab_node(m, m->base, "entities"); /* tg_entities_iri() */
  }
  if (context && !m->entities) {
    m->st = TG_BAD_ALLOC;
  } else {
    map_document(m, doc, result);
  }
  end_document(m);
  return m->st;
}

TgStatus tg_mapper_stream(TgMapper *m, raptor_serializer *ser, bool keeps_terms,
                          raptor_term *context, const TgDocument *doc, const TgResult *result) {
  return map_into(m, NULL, NULL, ser, keeps_terms, context, doc, result);
}

TgStatus tg_map_document(librdf_world *world, librdf_model *model, librdf_node *context,
                         const char *base, TgProvenance prov, const TgDocument *doc,
                         const TgResult *result) {
  TgMapper *m = NULL;
  TgStatus st = tg_mapper_new(librdf_world_get_raptor(world), base, prov, &m);
  if (!st) {
    st = map_into(m, world, model, NULL, true, context, doc, result);
  }
  tg_mapper_free(m);
  return st;
}
