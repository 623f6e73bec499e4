/* telegraph internals: the data every stage reads, and the stages.
 *
 * The pipeline data (lexicon, gazetteer, rules) is read-only once loaded;
 * each stage takes it by const pointer and writes only the TgResult of the
 * document at hand.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_PIPELINE_H
#define TG_PIPELINE_H

#include "gazetteer.h"
#include "lexicon.h"
#include "rules.h"
#include "telegraph/document.h"
#include "telegraph/result.h"
#include "temporal.h"
#include "util.h"

typedef struct {
  TgLexicon *lexicon;
  TgGazetteer *gazetteer;
  TgRuleSet *rules;
} TgPipeline;

/* ---- The result under construction (result.c) ---- */

typedef struct {
  TgEntity pub;
  TgVec aliases; /* const char* (interned) */
  long gaz;      /* gazetteer entry, or -1 */
  const char *key; /* slug, used to merge */
  size_t last_mention; /* for coreference: the latest mention index */
} TgEntityRec;

typedef struct {
  TgFact pub;
  TgVec slots; /* TgSlot */
} TgFactRec;

struct TgResultImpl {
  TgVec sentences; /* TgSpan */
  TgVec mentions;  /* TgMention */
  TgVec entities;  /* TgEntityRec */
  TgVec facts;     /* TgFactRec */
  TgVec strings;   /* char*, owned */
  TgDate ref;      /* article date used to resolve relative dates */
  TgVec mention_gaz; /* long per mention: gazetteer entry or -1 */
  TgSpan undated;     /* the first relative date left out for want of a date */
  size_t n_undated;   /* how many were */
};

TgResult *tg_result_new(void);
/** Copy `len` bytes of `s` into the result; NULL on allocation failure. */
const char *tg_result_intern(TgResult *r, const char *s, size_t len);
TgStatus tg_entity_add_alias(TgResult *r, TgEntityRec *e, const char *s, size_t len);
TgStatus tg_fact_add_slot(TgFactRec *f, const TgSlot *slot);

static inline TgEntityRec *tg_entity_rec(TgResult *r, size_t i) {
  return (TgEntityRec *)tg_vec_at(&r->entities, i);
}
static inline TgMention *tg_mention_at(TgResult *r, size_t i) {
  return (TgMention *)tg_vec_at(&r->mentions, i);
}

/* ---- The stages ---- */

/** Recognizers: gazetteer names and entity/value rules become mentions,
 * sorted by position and not overlapping. */
TgStatus tg_recognize(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m);

/** Resolver: mentions become entities (acronyms, aliases, coreference,
 * deterministic slugs). */
TgStatus tg_resolve(const TgPipeline *p, const TgDocument *doc, TgResult *r);

/** Relation rules: abstracted sentences matched by fact rules become facts. */
TgStatus tg_relate(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m);

#endif /* TG_PIPELINE_H */
