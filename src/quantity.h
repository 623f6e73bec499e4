/* telegraph: normalisation of quantity expressions (internal header).
 *
 * Turns a span such as "more than 2,400", "US$1.2bn", "Rs 3,000 crore",
 * "one hundred and twenty" or "30 per cent" into an exact xsd:decimal
 * lexical form, a unit and an approximation flag.  Arithmetic is done on
 * decimal digit strings, never in floating point.  No allocation is done.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_SRC_QUANTITY_H
#define TELEGRAPH_SRC_QUANTITY_H

#include "lexicon.h"
#include "telegraph/status.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most significant digits a quantity may have (integer plus fraction). */
#define TG_QUANTITY_DIGITS_MAX 60

/** Unit of percentages (a machine identifier, not a language word). */
#define TG_UNIT_PERCENT "percent"

/** A normalised quantity. */
typedef struct {
  /** Canonical xsd:decimal: optional '-', no leading zeros, no '+', no
   * trailing fractional zeros, no '.' for integers ("2400", "0.5", "-5"). */
  char value[64];
  /** "" for a bare count, an ISO 4217 code ("USD"), or TG_UNIT_PERCENT. */
  char unit[16];
  /** From a leading approximation word: -1 at most / below ("nearly",
   * "up to"), 0 none or approximately ("about"), +1 at least / above
   * ("more than"). */
  int approx;
} TgQuantity;

/** Parse one quantity span `expr` (`len` bytes, not necessarily
 * NUL-terminated).
 *
 * Grammar (every word from `lex`, which is borrowed):
 *   [approx] [currency] number [scale...] [currency | percent]
 *   [approx] number "in" number     a ratio: "one in five" is 20 percent
 *                                   (exact to two decimals, else no quantity)
 * where number is digits (optionally signed, with ',' or thin-space
 * thousands separators in groups of three, or the Indian grouping "1,50,023", and a '.' decimal point) or
 * number words ("twenty-five", "one hundred and twenty", "a million").
 * A currency may be glued to the number ("US$1.2bn", "€5", "30%").
 *
 * Returns TG_SUCCESS and fills `*out`; TG_FAILURE if the span is not a
 * quantity; TG_BAD_LIMIT if the value would have more than
 * TG_QUANTITY_DIGITS_MAX digits; TG_BAD_ARG for NULL `lex`, `expr` or `out`.
 * `*out` is written only on success. */
TgStatus tg_quantity_parse(const TgLexicon *lex, const char *expr, size_t len,
                           TgQuantity *out);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_SRC_QUANTITY_H */
