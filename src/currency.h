/* telegraph: money in a currency word several countries share takes the
 * currency of the country the article is about (internal header).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_SRC_CURRENCY_H
#define TELEGRAPH_SRC_CURRENCY_H

#include "pipeline.h"

/** The lexicon's code for a currency word that names no currency until
 * the article's country does ("pesos"): ISO 4217's "no currency". */
#define TG_UNIT_NO_CURRENCY "XXX"

/** After the resolver: every money mention written with a word the
 * lexicon's `localcurrency` kind lists for the article's country ("pakistan
 * rupees" PKR) takes that country's code; one whose code is still
 * TG_UNIT_NO_CURRENCY becomes a plain number without the currency word.
 * `text` is the document text the mentions' spans index.  Linear in the
 * mentions.  TG_BAD_ALLOC on allocation failure. */
TgStatus tg_local_currency(const TgPipeline *p, const char *text, TgResult *r);

#endif /* TELEGRAPH_SRC_CURRENCY_H */
