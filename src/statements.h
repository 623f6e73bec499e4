/* telegraph internals: the statements the mapper makes, and where they go.
 *
 * A TgStatements hands out the terms of statements (IRI terms from two
 * TgTerms tables, one scratch literal) and adds each statement once a
 * document, to a librdf model or straight to a raptor serializer.  The
 * vocabulary's terms (ontology, datatype and graph IRIs: a bounded set)
 * are kept from one document to the next, as is the tables' memory; every
 * other term is one document's.  What triples a fact becomes is the
 * mapper's (mapper.c); this file only makes and delivers them.
 *
 * Every term handed out is borrowed from the TgStatements: an IRI term
 * until the document ends (tg_statements_end()), the scratch literal only
 * until the next literal is asked for.  A NULL term (out of memory) given
 * to tg_statements_add() sets the status, so the callers need not check.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_STATEMENTS_H
#define TG_STATEMENTS_H

#include "telegraph/status.h"
#include "terms.h"
#include "util.h"

#include <redland.h>
#include <stdbool.h>

#define TG_NS_XSD "http://www.w3.org/2001/XMLSchema#"

typedef struct {
  raptor_world *raptor; /* borrowed */
  TgTerms vocab;        /* kept between documents */
  TgPtrCache known;     /* vocabulary terms by the address of their IRI's literal */
  TgTerms terms;        /* every other IRI term of the document, made once */
  TgPtrCache datatypes; /* xsd: datatype terms by the address of their local name */
  TgTripleSet seen;  /* the statements added to this document */
  TgBuf iri;            /* scratch */
  raptor_term lit;      /* the scratch literal */
  /* Where statements go (one document's, all borrowed). */
  librdf_world *world;  /* the model's, or NULL */
  librdf_model *model;
  raptor_serializer *direct; /* statements go here, not to a model */
  bool scratch_ok;      /* the serializer keeps no term: literals need not be made */
  raptor_term *graph;   /* the named graph of the statements added, or NULL */
  TgStatus status;      /* the first error of the document */
} TgStatements;

/** An empty TgStatements using `world` (borrowed, must outlive it). */
void tg_statements_init(TgStatements *s, raptor_world *world);

/** Free every term and table held. */
void tg_statements_clear(TgStatements *s);

/** Start a document whose statements go to `model` of `world`; `graph`
 * (may be NULL) as for tg_statements_add().  All borrowed. */
void tg_statements_to_model(TgStatements *s, librdf_world *world, librdf_model *model,
                            raptor_term *graph);

/** Start a document whose statements go to a started serializer
 * (borrowed).  `keeps_terms`: the serializer holds on to the terms it is
 * given (Turtle), so each literal is copied; a line serializer is handed
 * borrowed terms with no allocation a statement. */
void tg_statements_to_serializer(TgStatements *s, raptor_serializer *ser, bool keeps_terms,
                                 raptor_term *graph);

/** End the document: forget its terms and statements, keep the
 * vocabulary and the memory the next document may reuse. */
void tg_statements_end(TgStatements *s);

/** The document's term of the IRI a followed by b (b may be NULL). */
raptor_term *tg_statements_iri(TgStatements *s, const char *a, const char *b);

/** The kept vocabulary term of the IRI a followed by b (b may be NULL). */
raptor_term *tg_statements_vocab(TgStatements *s, const char *a, const char *b);

/** The vocabulary term of `iri`, a string that does not change while the
 * TgStatements lives (a string literal): found by its address, without
 * building and hashing the IRI again. */
raptor_term *tg_statements_known(TgStatements *s, const char *iri);

/** The scratch literal str (NUL-terminated) in language `lang` (NULL or
 * "" for none); NULL for a NULL str. */
raptor_term *tg_statements_plain(TgStatements *s, const char *str, const char *lang);

/** The scratch literal str[0..len) (NUL-terminated at len) of datatype
 * xsd:`xsd_type`, a string that does not change while the document is
 * mapped (its address finds its term); NULL for a NULL str. */
raptor_term *tg_statements_typed(TgStatements *s, const char *str, size_t len,
                                 const char *xsd_type);

/** Add (subj, pred, obj), all borrowed, to the named graph s->graph (none
 * when NULL); a statement already added this document is added once.  Does
 * nothing once the status is an error; sets it on a NULL term
 * (TG_BAD_ALLOC) or when the model or serializer fails (TG_BAD_RDF). */
void tg_statements_add(TgStatements *s, raptor_term *subj, raptor_term *pred, raptor_term *obj);

#endif /* TG_STATEMENTS_H */
