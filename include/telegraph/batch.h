/* telegraph: batch conversion, many articles on several workers with
 * output in input order and memory bounded by the articles in flight.
 *
 * Inputs are files (one article each), directories (every *.txt below
 * them, in name order), JSON Lines files (*.jsonl, *.ndjson: one article a
 * line, see tg_jsonl_document()) and "-" for standard input.  An article
 * that cannot be read or extracted is reported through the error sink with
 * its file (and line) and skipped whole; the others are still written.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_BATCH_H
#define TELEGRAPH_BATCH_H

#include "telegraph/attributes.h"
#include "telegraph/document.h"
#include "telegraph/error.h"
#include "telegraph/extractor.h"
#include "telegraph/result.h"
#include "telegraph/status.h"
#include "telegraph/writer.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Receives each article in input order, on the calling thread (e.g. to
 * load it into a store).  Both arguments are borrowed for the call. */
typedef TgStatus (*TgBatchSink)(void *data, const TgDocument *doc, const TgResult *result);

typedef struct {
  TgFormat format;    /**< Output format when writing */
  bool write;         /**< false: extract only, write nothing (e.g. to measure) */
  TgProvenance prov;  /**< Provenance level of the output */
  const char *base;   /**< IRI base, NULL for the default */
  const char *date;   /**< Article date for input without one, or NULL */
  unsigned jobs;      /**< Worker threads (0 means 1) */
  bool jsonl;         /**< Read every input (and stdin) as JSON Lines */
  bool progress;      /**< Draw a progress line on stderr */
  FILE *out;          /**< Where the graph goes when writing (borrowed) */
  TgBatchSink sink;   /**< If set, articles go here instead of `out` */
  void *sink_data;
  /** What the sink stores into ("the store"), or NULL.  When set and the
   * sink fails, that article and every later one is named as not loaded
   * (the inputs are still enumerated for it, but not read). */
  const char *sink_what;
} TgBatchOptions;

typedef struct {
  size_t articles; /**< Articles extracted and written */
  size_t failed;   /**< Articles reported and skipped */
  size_t bytes;    /**< Input bytes read */
  int write_errno; /**< errno of the write (or sink) that failed, or 0 */
} TgBatchStats;

/** Run the batch.  TG_SUCCESS when every article went through, TG_FAILURE
 * when some were skipped (reported through `err`), another status when the
 * batch itself failed (output write error, sink error, out of memory). */
TG_API TG_NODISCARD TgStatus
tg_batch_run(const TgExtractor *ex, const TgBatchOptions *opt, const char *const *inputs,
             size_t n_inputs, TgErrorFn err, void *err_data, TgBatchStats *stats);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_BATCH_H */
