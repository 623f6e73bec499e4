/* telegraph: normalisation of date expressions (internal header).
 *
 * The recognizer finds candidate spans; the functions here interpret one
 * span relative to the article date.  No allocation is done: every function
 * works on caller-provided memory, and nothing is retained after return.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_SRC_TEMPORAL_H
#define TELEGRAPH_SRC_TEMPORAL_H

#include "lexicon.h"
#include "telegraph/status.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How much of a TgDate is known. */
typedef enum {
  TG_PREC_NONE = 0, /**< Unknown date */
  TG_PREC_YEAR,     /**< Only `year` (xsd:gYear) */
  TG_PREC_MONTH,    /**< `year` and `month` (xsd:gYearMonth) */
  TG_PREC_DAY       /**< A calendar day (xsd:date) */
} TgPrecision;

/** A (proleptic Gregorian) date, years 1..9999.  Fields below the
 * precision are 0. */
typedef struct {
  int year;
  int month;
  int day;
  TgPrecision precision;
} TgDate;

/** Parse a strict ISO 8601 calendar date of `len` bytes: "YYYY-MM-DD",
 * "YYYY-MM" or "YYYY" (exactly that many digits, nothing else).
 *
 * Returns TG_SUCCESS and fills `*out`; TG_FAILURE if `s` does not have one
 * of those shapes; TG_BAD_DATE if it does but names no real date (month 13,
 * "2025-02-29", year 0000); TG_BAD_ARG for NULL pointers. */
TgStatus tg_date_parse_iso(const char *s, size_t len, TgDate *out);

/** Day of the week of a TG_PREC_DAY date: 1 = Monday .. 7 = Sunday.
 * Returns 0 for NULL, other precisions or invalid dates. */
int tg_date_weekday(const TgDate *d);

/** Interpret one date expression `expr` (`len` bytes, not necessarily
 * NUL-terminated) relative to the article date `ref`.
 *
 * `ref` may be NULL or have precision TG_PREC_NONE (unknown): relative
 * expressions ("yesterday", "last month", "Friday", "February 28") then fail.
 * Expressions needing a day ("Friday") need a TG_PREC_DAY reference, those
 * needing a month ("last month", "February") at least TG_PREC_MONTH.
 * `tense` <= 0 means past or unknown, > 0 future: it decides whether a bare
 * "Friday" / "February 28" / "February" is the nearest one on or before
 * `ref` or on or after it.
 *
 * Words come from `lex` (borrowed).  Returns TG_SUCCESS and fills `*out`;
 * TG_FAILURE if the expression is not understood (nothing is guessed:
 * quarters, weeks, "the year" all fail); TG_BAD_DATE for an impossible date
 * ("February 30, 2025", or a weekday contradicting the date); TG_BAD_ARG for
 * NULL `lex`, `expr` or `out`.  `*out` is written only on success. */
TgStatus tg_date_resolve(const TgLexicon *lex, const char *expr, size_t len,
                         const TgDate *ref, int tense, TgDate *out);

/** Write `d` as "YYYY", "YYYY-MM" or "YYYY-MM-DD" according to its
 * precision into `buf` (`size` bytes, always NUL-terminated if size > 0).
 * Returns the length of the full text, like snprintf (so a result >= size
 * means truncation), or -1 if `d` is NULL, has precision TG_PREC_NONE or is
 * not a valid date. */
int tg_date_format(const TgDate *d, char *buf, size_t size);

/** XSD datatype local name for `d`: "gYear", "gYearMonth" or "date";
 * NULL for NULL or TG_PREC_NONE.  The string is static. */
const char *tg_date_xsd_type(const TgDate *d);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_SRC_TEMPORAL_H */
