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
  /* An `attach` rule's reading with no fact to attach to nearby (a recipient
   * list far from its grant): the event step gives it to an approval or
   * drops it; it never reaches the mapper. */
  bool fragment;
  /* The agent was named indirectly (a country, "the telecoms watchdog"), or
   * not at all: the event step looks for the granting body in the article. */
  bool agentless;
  const char *agent_text; /* the agent's words ("China's customs authority"), or NULL */
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
  bool headline;     /* sentence 0 is the document's title line */
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
 * sorted by position and not overlapping (the relation stage then adds
 * period phrases, TG_MENTION_PERIOD, which may overlap the dates in them). */
TgStatus tg_recognize(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m);

/** Test hook: read long sentences in windows of `bytes` bytes with
 * `context` tokens before and `ahead` tokens after each (raised to what the
 * chunker and the gazetteer need); the default is 64 KB, 256 and 256.
 * Process-wide, not thread-safe; tests only. */
void tg_recognize_window(size_t bytes, size_t context, size_t ahead);

/** Resolver: mentions become entities (acronyms, aliases, coreference,
 * deterministic slugs). */
TgStatus tg_resolve(const TgPipeline *p, const TgDocument *doc, TgResult *r);

/** Relation rules: abstracted sentences matched by fact rules become facts. */
TgStatus tg_relate(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m);

/** Events (events.c): approval readings of one event merged, fragments
 * given to their approval, missing granting bodies found in the article,
 * recipients that are parents of other recipients dropped. */
TgStatus tg_assemble_events(TgResult *r, const char *text, size_t len);

#endif /* TG_PIPELINE_H */
