/* telegraph: status codes returned by every fallible function.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_STATUS_H
#define TELEGRAPH_STATUS_H

#include "telegraph/attributes.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Return status of every fallible telegraph function.
 *
 * TG_SUCCESS is zero; TG_FAILURE is a non-fatal "nothing here" (end of
 * input, no match); every other value is an error.  Callers test
 * `st != TG_SUCCESS` or `st > TG_FAILURE`. */
typedef enum {
  TG_SUCCESS = 0,   /**< Done */
  TG_FAILURE,       /**< Non-fatal: nothing found, end of input */
  TG_BAD_ALLOC,     /**< Memory allocation failed */
  TG_BAD_ARG,       /**< Invalid argument from the caller */
  TG_BAD_READ,      /**< Could not open or read input */
  TG_BAD_WRITE,     /**< Could not write output */
  TG_BAD_TEXT,      /**< Input text is not valid (e.g. broken UTF-8) */
  TG_BAD_SYNTAX,    /**< A data file (rules, gazetteer, lexicon) is malformed */
  TG_BAD_PATTERN,   /**< A regular expression failed to compile */
  TG_BAD_DATE,      /**< A date could not be parsed */
  TG_BAD_LIMIT,     /**< A resource limit (match budget, size) was exceeded */
  TG_BAD_RDF,       /**< The RDF library reported an error */
  TG_BAD_STORE,     /**< A persistent store could not be opened or updated */
} TgStatus;

/** Return a static, human-readable description of `st` (never NULL). */
TG_API TG_CONST_FUNC const char *tg_strerror(TgStatus st);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_STATUS_H */
