/* telegraph: the extractor, from a document to entities and facts.
 *
 * A TgExtractor holds the read-only data of the pipeline (lexicon,
 * gazetteers, rules), loaded and compiled once; tg_extractor_run() may then
 * be called for any number of documents, and from several threads at once
 * (it keeps no state between runs).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_EXTRACTOR_H
#define TELEGRAPH_EXTRACTOR_H

#include "telegraph/attributes.h"
#include "telegraph/document.h"
#include "telegraph/error.h"
#include "telegraph/result.h"
#include "telegraph/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct TgExtractorImpl TgExtractor;

/** Create an empty extractor; diagnostics go to `err` (may be NULL: then
 * they are dropped) with `err_data`.  Free with tg_extractor_free(). */
TG_API TG_NODISCARD TgExtractor *tg_extractor_new(TgErrorFn err, void *err_data);

/** Free `ex`.  NULL is allowed. */
TG_API void tg_extractor_free(TgExtractor *ex);

/** Load the data directory `dir` (the layout of ontology/: lexicon.tsv,
 * gazetteer/ *.tsv, rules/ *.rules).  `dir` is borrowed. */
TG_API TG_NODISCARD TgStatus tg_extractor_load_dir(TgExtractor *ex, const char *dir);

/** Add one gazetteer file (TSV: name, type, aliases, wikidata, geonames,
 * dbpedia, within).  Errors are reported as FILE:LINE:COL. */
TG_API TG_NODISCARD TgStatus tg_extractor_add_gazetteer(TgExtractor *ex, const char *path);

/** Use up to `n` threads while loading rules (tg_extractor_load_dir(),
 * tg_extractor_add_rules()) to JIT-compile their patterns (0 or 1, the
 * default: the calling thread alone); the extractor is the same.  The CLI
 * passes its --jobs, so that -j 2 starts up sooner too. */
TG_API void tg_extractor_set_load_threads(TgExtractor *ex, unsigned n);

/** Add one rule file, or every *.rules file of a directory. */
TG_API TG_NODISCARD TgStatus tg_extractor_add_rules(TgExtractor *ex, const char *path);

/** Set the per-document budget of regular-expression match steps, as
 * PCRE2's match limit counts them (0 for the default: 10,000,000 plus
 * 4,000 a byte of text, at most 2,000,000,000).  A document over it fails
 * with TG_BAD_LIMIT. */
TG_API void tg_extractor_set_budget(TgExtractor *ex, unsigned long steps);

/** Run the pipeline on `doc` (borrowed).  On success `*out` is a new result:
 * free it with tg_result_free().  A document over the pattern budget gives
 * TG_BAD_LIMIT; the caller reports it (nothing is printed from here, so
 * several threads may run documents at once). */
TG_API TG_NODISCARD TgStatus
tg_extractor_run(const TgExtractor *ex, const TgDocument *doc, TgResult **out);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_EXTRACTOR_H */
