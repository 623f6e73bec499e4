/* telegraph internals: token patterns, compiled into one automaton.
 *
 * A token pattern describes a run of tokens (see segmenter.h) the way a
 * regular expression describes a run of characters; every pattern of a
 * rule set is compiled into one program and one pass over a sentence's
 * tokens runs all of them together (a Pike VM: the threads of every
 * pattern advance token by token, so the cost is linear in the tokens
 * times the program size, whatever the number of patterns).
 * Each pattern yields its leftmost-longest matches, left to right, not
 * overlapping each other.  The syntax is documented in
 * ontology/rules/README.md ("Token patterns").
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_TOKMATCH_H
#define TG_TOKMATCH_H

#include "gazetteer.h"
#include "lexicon.h"
#include "segmenter.h"
#include "util.h"

typedef struct TgTokProgImpl TgTokProg;

/** One match: the caller's pattern id and the token range of the mention
 * (the part in braces, or the whole match). */
typedef struct {
  unsigned id;
  size_t begin;
  size_t end;
} TgTokMatch;

/** What a pass reads: one sentence's tokens over `text`. */
typedef struct {
  const TgLexicon *lex;   /**< for [kind]; may be NULL (never matches) */
  const TgGazetteer *gaz; /**< for <Class>; may be NULL */
  const char *text;
  const TgToken *toks;
  size_t n;
} TgTokInput;

TgTokProg *tg_tokprog_new(void);
void tg_tokprog_free(TgTokProg *p);

/** Number of patterns added. */
size_t tg_tokprog_size(const TgTokProg *p);

/** Define the macro $NAME (capitals, digits, '_') as a pattern fragment.
 * On a syntax error returns TG_BAD_SYNTAX with *col (0-based offset into
 * body) and *msg (static) set. */
TgStatus tg_tokprog_define(TgTokProg *p, const char *name, size_t nlen, const char *body,
                           size_t blen, size_t *col, const char **msg);

/** Compile `pat` and add it with id `id`; errors as for tg_tokprog_define. */
TgStatus tg_tokprog_add(TgTokProg *p, unsigned id, const char *pat, size_t len, size_t *col,
                        const char **msg);

/** Working memory of passes of one program, reused from sentence to
 * sentence (one per thread). */
typedef struct TgTokScratchImpl TgTokScratch;

/** Scratch for `p`; NULL on allocation failure.  `p` must not change while
 * the scratch lives. */
TgTokScratch *tg_tokscratch_new(const TgTokProg *p);
void tg_tokscratch_free(TgTokScratch *s);

/** Run every pattern over in->toks, appending TgTokMatch items to `out`
 * (each pattern's matches left to right, in the order they are final). */
TgStatus tg_tokprog_run(const TgTokProg *p, TgTokScratch *s, const TgTokInput *in, TgVec *out);

#endif /* TG_TOKMATCH_H */
