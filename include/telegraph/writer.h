/* telegraph: the writer, from entities and facts to RDF through librdf.
 *
 * A TgWriter maps each document's result onto the telegraph ontology and
 * serializes it with a librdf serializer to a borrowed stdio stream.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_WRITER_H
#define TELEGRAPH_WRITER_H

#include "telegraph/attributes.h"
#include "telegraph/document.h"
#include "telegraph/error.h"
#include "telegraph/result.h"
#include "telegraph/status.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  TG_FORMAT_TURTLE = 0,
  TG_FORMAT_NTRIPLES,
  TG_FORMAT_NQUADS,
  TG_FORMAT_RDFXML,
  TG_FORMAT_DOT
} TgFormat;

/** How much provenance the graph carries. */
typedef enum {
  TG_PROVENANCE_NONE = 0, /**< Entities and facts only */
  TG_PROVENANCE_FACTS,    /**< Plus rule, confidence, sentence spans of facts */
  TG_PROVENANCE_FULL      /**< Plus every mention as a NIF string */
} TgProvenance;

/** The format named `name` ("turtle", "ttl", "ntriples", "nt", "nquads",
 * "nq", "rdfxml", "xml", "dot"); TG_BAD_ARG if unknown. */
TG_API TG_NODISCARD TgStatus tg_format_from_name(const char *name, TgFormat *out);

typedef struct TgWriterImpl TgWriter;

/** Create a writer of `format` to `stream` (borrowed; not closed).  `base`
 * is the IRI base of minted IRIs (copied; NULL for the default
 * "https://w3id.org/telegraph/id/").  Free with tg_writer_free(). */
TG_API TG_NODISCARD TgStatus
tg_writer_new(TgFormat format, TgProvenance prov, const char *base,
              FILE *stream, TgErrorFn err, void *err_data, TgWriter **out);

/** Free `w`.  NULL is allowed. */
TG_API void tg_writer_free(TgWriter *w);

/** Write one document and what was found in it (both borrowed). */
TG_API TG_NODISCARD TgStatus
tg_writer_write(TgWriter *w, const TgDocument *doc, const TgResult *result);

/** Flush what is buffered; TG_BAD_WRITE if the stream reported an error. */
TG_API TG_NODISCARD TgStatus tg_writer_finish(TgWriter *w);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_WRITER_H */
