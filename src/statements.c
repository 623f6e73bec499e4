/* telegraph: the statements the mapper makes, and where they go (see
 * statements.h): IRI terms from tables, the scratch literal, each
 * statement once a document to a librdf model or a raptor serializer.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "statements.h"

#include <string.h>

/* Past these, a document's tables are freed rather than kept for the next. */
#define KEEP_TERMS ((size_t)1 << 14)
#define KEEP_SEEN ((size_t)1 << 16)

void tg_statements_init(TgStatements *s, raptor_world *world) {
  memset(s, 0, sizeof *s);
  s->raptor = world;
  tg_buf_init(&s->iri);
}

void tg_statements_clear(TgStatements *s) {
  tg_terms_clear(&s->terms);
  tg_terms_clear(&s->vocab);
  tg_tripleset_clear(&s->seen);
  tg_buf_clear(&s->iri);
}

static void start(TgStatements *s, raptor_term *graph) {
  s->graph = graph;
  s->status = TG_SUCCESS;
}

void tg_statements_to_model(TgStatements *s, librdf_world *world, librdf_model *model,
                            raptor_term *graph) {
  s->world = world;
  s->model = model;
  s->direct = NULL;
  s->scratch_ok = false;
  start(s, graph);
}

void tg_statements_to_serializer(TgStatements *s, raptor_serializer *ser, bool keeps_terms,
                                 raptor_term *graph) {
  s->world = NULL;
  s->model = NULL;
  s->direct = ser;
  s->scratch_ok = !keeps_terms;
  start(s, graph);
}

void tg_statements_end(TgStatements *s) {
  tg_terms_reset(&s->terms, KEEP_TERMS);
  memset(&s->datatypes, 0, sizeof s->datatypes);
  tg_tripleset_reset(&s->seen, KEEP_SEEN);
  s->world = NULL;
  s->model = NULL;
  s->direct = NULL;
  s->graph = NULL;
}

/* The term of the IRI a followed by b in table t. */
static raptor_term *iri_in(TgStatements *s, TgTerms *t, const char *a, const char *b) {
  s->iri.len = 0;
  if (tg_buf_puts(&s->iri, a) || (b && tg_buf_puts(&s->iri, b))) {
    return NULL;
  }
  return tg_terms_peek(t, s->raptor, s->iri.buf, s->iri.len);
}

raptor_term *tg_statements_iri(TgStatements *s, const char *a, const char *b) {
  return iri_in(s, &s->terms, a, b);
}

raptor_term *tg_statements_vocab(TgStatements *s, const char *a, const char *b) {
  return iri_in(s, &s->vocab, a, b);
}

raptor_term *tg_statements_known(TgStatements *s, const char *iri) {
  raptor_term *n = tg_ptrcache_get(&s->known, iri);
  if (!n) {
    n = tg_terms_peek(&s->vocab, s->raptor, iri, strlen(iri));
    tg_ptrcache_put(&s->known, iri, n);
  }
  return n;
}

/* The scratch literal str[0..len) with a language or a datatype (NULL for
 * neither). */
static raptor_term *literal(TgStatements *s, const char *str, size_t len, const char *lang,
                            raptor_uri *datatype) {
  if (!str) {
    return NULL;
  }
  if (lang && !*lang) {
    lang = NULL; /* as raptor takes an empty language */
  }
  const size_t lang_len = lang ? strlen(lang) : 0;
  memset(&s->lit, 0, sizeof s->lit);
  s->lit.world = s->raptor;
  s->lit.usage = 1;
  s->lit.type = RAPTOR_TERM_TYPE_LITERAL;
  s->lit.value.literal.string = (unsigned char *)str;
  s->lit.value.literal.string_len = (unsigned int)len;
  s->lit.value.literal.datatype = lang ? NULL : datatype;
  s->lit.value.literal.language = (unsigned char *)lang;
  s->lit.value.literal.language_len = (unsigned char)lang_len;
  return &s->lit;
}

raptor_term *tg_statements_plain(TgStatements *s, const char *str, const char *lang) {
  return literal(s, str, str ? strlen(str) : 0, lang, NULL);
}

raptor_term *tg_statements_typed(TgStatements *s, const char *str, size_t len,
                                 const char *xsd_type) {
  raptor_term *dt = tg_ptrcache_get(&s->datatypes, xsd_type);
  if (!dt) {
    dt = tg_statements_vocab(s, TG_NS_XSD, xsd_type);
    tg_ptrcache_put(&s->datatypes, xsd_type, dt);
  }
  return dt ? literal(s, str, len, NULL, dt->value.uri) : NULL;
}

/* A term the model or a keeping serializer may own: a new reference to an
 * IRI term, or a real copy of the scratch literal. */
static raptor_term *owned(TgStatements *s, raptor_term *n) {
  if (n != &s->lit) {
    return raptor_term_copy(n);
  }
  const raptor_term_literal_value *v = &n->value.literal;
  return raptor_new_term_from_literal(s->raptor, v->string, v->datatype, v->language);
}

/* Write a statement of borrowed terms to the serializer; raptor's status. */
static int serialize(TgStatements *s, raptor_term *subj, raptor_term *pred, raptor_term *obj) {
  raptor_statement st;
  raptor_statement_init(&st, s->raptor);
  st.subject = subj;
  st.predicate = pred;
  st.object = obj;
  st.graph = s->graph;
  return raptor_serializer_serialize_statement(s->direct, &st);
}

/* Turtle keeps the terms it is given: a literal is its own copy. */
static int serialize_kept(TgStatements *s, raptor_term *subj, raptor_term *pred,
                          raptor_term *obj) {
  if (obj != &s->lit) {
    return serialize(s, subj, pred, obj);
  }
  raptor_term *lit = owned(s, obj);
  if (!lit) {
    s->status = TG_BAD_ALLOC;
    return 0;
  }
  const int rc = serialize(s, subj, pred, lit);
  raptor_free_term(lit);
  return rc;
}

/* librdf statements are raptor statements, and own their nodes. */
static int add_to_model(TgStatements *s, raptor_term *subj, raptor_term *pred, raptor_term *obj) {
  librdf_node *ls = owned(s, subj);
  librdf_node *lp = owned(s, pred);
  librdf_node *lo = owned(s, obj);
  librdf_statement *st = ls && lp && lo ? librdf_new_statement_from_nodes(s->world, ls, lp, lo)
                                        : NULL;
  if (!st) {
    if (!ls || !lp || !lo) {
      raptor_free_term(ls);
      raptor_free_term(lp);
      raptor_free_term(lo);
    }
    s->status = TG_BAD_ALLOC;
    return 0;
  }
  const int rc = s->graph ? librdf_model_context_add_statement(s->model, s->graph, st)
                          : librdf_model_add_statement(s->model, st);
  librdf_free_statement(st);
  return rc;
}

void tg_statements_add(TgStatements *s, raptor_term *subj, raptor_term *pred, raptor_term *obj) {
  if (s->status) {
    return;
  }
  if (!subj || !pred || !obj) {
    s->status = TG_BAD_ALLOC;
    return;
  }
  if (tg_tripleset_seen(&s->seen, subj, pred, obj)) {
    return;
  }
  int rc = 0;
  if (s->direct && s->scratch_ok) {
    /* The line formats write a statement and keep nothing of it. */
    rc = serialize(s, subj, pred, obj);
  } else if (s->direct) {
    rc = serialize_kept(s, subj, pred, obj);
  } else {
    rc = add_to_model(s, subj, pred, obj);
  }
  if (rc) {
    s->status = TG_BAD_RDF;
  }
}
