/* telegraph internals, the abstracted sentence the relation rules match:
 * a sentence rewritten with a typed placeholder for every mention
 * ("<REG> on <DATE> granted approvals to <NUM> operators in <LOC>"), and a
 * map from each of its bytes back to the article's text and the mention it
 * stands for (abstract.c).
 *
 * A TgAbstract is owned by its caller, who initialises abs, map (of
 * TgPiece) and screen and clears them; tg_abstract_sentence refills it
 * sentence after sentence.  Every pointer it holds into the result
 * (period) is borrowed.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_ABSTRACT_H
#define TG_ABSTRACT_H

#include "pipeline.h"

typedef struct {
  TgBuf abs;   /* the abstracted sentence */
  TgVec map;   /* TgPiece: where each run of abs comes from */
  size_t first, last; /* mentions of the sentence: [first, last) */
  const char *period;  /* a yearless period total's last month ("2025-06"), or NULL */
  long period_mention; /* its phrase (TG_MENTION_PERIOD), or -1 */
  TgScreen screen; /* the prefilter (rules.h) over abs */
} TgAbstract;

/* A run of the abstracted sentence from abs[abs] on: a mention's code
 * (owner >= 0; every byte maps to the mention's first byte `text`) or text
 * copied byte for byte (owner -1; abs[abs + k] maps to text + k).  A few
 * pieces a mention, so memory follows the sentence, not 17 bytes a byte. */
typedef struct {
  size_t abs;
  size_t text;
  long owner;
} TgPiece;

/* Build the abstracted form of sentence `si` of `r` into `a`; the mentions
 * before the sentence are skipped from *mention_cursor on, which is left at
 * the sentence's first mention (a->first). */
TgStatus tg_abstract_sentence(TgResult *r, const char *text, size_t si, size_t *mention_cursor,
                              TgAbstract *a);

/* The index of the piece holding abs[j]. */
size_t tg_abs_piece_index(const TgAbstract *a, size_t j);

/* The piece after `i` holding bytes of abs[..e), or a->map.len past the last. */
size_t tg_abs_piece_next(const TgAbstract *a, size_t i, size_t e);

/* The text offset abs[j] comes from. */
size_t tg_abs_text_at(const TgAbstract *a, size_t j);

/* The mention abs[j] stands for, or -1. */
long tg_abs_owner(const TgAbstract *a, size_t j);

#endif
