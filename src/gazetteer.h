/* telegraph internals: gazetteers, names looked up token by token.
 *
 * Names are keyed by their token sequence in a hash table, so a lookup
 * costs the same whatever the size of the gazetteer (no alternation of
 * names).  Matching is case-sensitive except for Service entries, and a
 * run of all-capital words (a dateline's "NEW DELHI") also matches its
 * title-case name; as a fallback a capitalised text matches a name in
 * another case ("Mobifone" for "MobiFone"), except one-word acronyms.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_GAZETTEER_H
#define TG_GAZETTEER_H

#include "segmenter.h"
#include "telegraph/error.h"
#include "telegraph/result.h"
#include "util.h"

typedef struct {
  char *name; /**< Canonical name */
  TgClass cls;
  char *wikidata; /**< NULL when empty */
  char *geonames;
  char *dbpedia;
  char *within; /**< Containing place (canonical name), NULL when empty */
  char *slug;   /**< IRI path, e.g. "place/beijing"; unique in the gazetteer */
  char *file;   /**< Borrowed: where it was defined */
  unsigned line;
} TgGazEntry;

typedef struct TgGazetteerImpl TgGazetteer;

/** The IRI path of a class: "org/", "place/", "person/", "policy/",
 * "service/". */
const char *tg_class_path(TgClass cls);

TgGazetteer *tg_gazetteer_new(void);
void tg_gazetteer_free(TgGazetteer *g);

/** Load one TSV file (columns: name, type, aliases, wikidata, geonames,
 * dbpedia, within).  Errors are reported as FILE:LINE:COL. */
TgStatus tg_gazetteer_load(TgGazetteer *g, const char *path, TgErrorFn err, void *err_data);

/** Load rows from memory (`name` is used in diagnostics). */
TgStatus tg_gazetteer_parse(TgGazetteer *g, const char *name, const char *text, size_t len,
                            TgErrorFn err, void *err_data);

size_t tg_gazetteer_size(const TgGazetteer *g);
const TgGazEntry *tg_gazetteer_entry(const TgGazetteer *g, size_t i);
/** Index of the entry named exactly `name`, or -1. */
long tg_gazetteer_find(const TgGazetteer *g, const char *name);

/** The most tokens a name has: a match looks no further ahead. */
size_t tg_gazetteer_max_tokens(const TgGazetteer *g);

/** tg_gazetteer_match's answer for one token, kept for the next asker. */
typedef struct {
  long entry;        /**< the entry, or -1 */
  unsigned n_tokens; /**< its tokens when entry >= 0 */
  bool known;        /**< false: not asked yet */
} TgGazHit;

/** tg_gazetteer_match for token i of tokens[0..n), its answer kept in
 * hits[i] (hits: n of them, zeroed when the tokens were read, shared by
 * the stages that look names up in the same tokens; NULL: none kept). */
long tg_gazetteer_match_kept(const TgGazetteer *g, const char *text, const TgToken *tokens,
                             size_t n, size_t i, size_t *n_tokens, TgGazHit *hits);

/** Longest name starting at token `i` of `tokens` (over `text`).  Returns
 * the entry index and sets *n_tokens, or returns -1. */
long tg_gazetteer_match(const TgGazetteer *g, const char *text, const TgToken *tokens,
                        size_t n, size_t i, size_t *n_tokens);

#endif /* TG_GAZETTEER_H */
