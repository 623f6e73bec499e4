/* telegraph internals, the recognizers' candidate mentions and the choice
 * among them (selection.c).  A TgCand's strings are interned or static:
 * borrowed; the vectors are the caller's.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_SELECTION_H
#define TG_SELECTION_H

#include "pipeline.h"

typedef struct {
  TgSpan span;
  TgClass cls;
  long gaz;           /* gazetteer entry or -1 */
  const char *source; /* rule id or "gazetteer" */
  const char *value;  /* interned normalised value */
  const char *datatype;
  const char *unit;
  size_t sentence;
  size_t rank; /* rule order; gazetteer names rank first */
  long brand;  /* "chunk.unit": its gazetteer company, and where that ends */
  size_t brand_end;
} TgCand;

/* Keep the best candidates of `cands` (sentence `sentence`; reordered) that
 * do not overlap, appending them to `kept` in text order, and drop the
 * loose chunks of loose[loose_from..] they overlap.  `taken` has a bit for
 * each byte of the sentence. */
TgStatus tg_select_sentence(TgVec *cands, TgSpan sentence, unsigned char *taken, TgVec *kept,
                            TgVec *loose, size_t loose_from);

/* A unit without a legal form named in full elsewhere in `kept` becomes
 * its gazetteer company. */
void tg_select_units_named_in_full(const char *text, TgVec *kept);

/* Loose chunks where a grant lets a firm work ("to operate in Techiman")
 * and loose chunks listed with places after a word of where ("in Windhoek,
 * Walvis Bay and Oshakati") become places and leave `loose`; then loose
 * chunks whose text a typed name of `kept` has join `kept` with that type,
 * which is then in text order again. */
TgStatus tg_select_one_sense(const char *text, TgVec *kept, TgVec *loose);

/* The kept candidates appended to r's mentions (and gazetteer entries). */
TgStatus tg_emit_mentions(TgResult *r, const char *text, const TgVec *kept);

#endif
