/* telegraph: news articles to an RDF knowledge graph.  The whole API.
 *
 * Pipeline: tg_document_read() -> tg_extractor_run() -> tg_writer_write(),
 * or tg_store_load(), or tg_report_html(); tg_batch_run() drives many
 * articles on worker threads.
 * Ownership rule everywhere: arguments are borrowed unless a comment says
 * "copied"; a `*out` parameter receives a new object the caller frees with
 * the matching _free(), and every _free() accepts NULL.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_TELEGRAPH_H
#define TELEGRAPH_TELEGRAPH_H

#include "telegraph/attributes.h"
#include "telegraph/batch.h"
#include "telegraph/document.h"
#include "telegraph/error.h"
#include "telegraph/extractor.h"
#include "telegraph/report.h"
#include "telegraph/result.h"
#include "telegraph/status.h"
#include "telegraph/store.h"
#include "telegraph/writer.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The library version, e.g. "0.1.0". */
TG_API TG_CONST_FUNC const char *tg_version(void);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_TELEGRAPH_H */
