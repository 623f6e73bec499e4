/* telegraph internals: the mapper, from a document's result to the
 * triples of the telegraph ontology in a librdf model.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_MAPPER_H
#define TG_MAPPER_H

#include "telegraph/document.h"
#include "telegraph/result.h"
#include "telegraph/status.h"
#include "telegraph/writer.h"

#include <redland.h>
#include <stdbool.h>

#define TG_NS "https://w3id.org/telegraph/ontology#"
#define TG_DEFAULT_BASE "https://w3id.org/telegraph/id/"

typedef struct {
  const char *prefix;
  const char *uri;
} TgNamespace;

/** The prefixes telegraph's output uses, for serializers. */
extern const TgNamespace tg_namespaces[];
extern const size_t tg_n_namespaces;

/** Add the triples of `doc` and `result` (both borrowed) to `model`.  When
 * `context` is not NULL, each entity's description (type, labels, links)
 * goes to the entities graph (tg_entities_iri) and everything else to the
 * named graph `context`.  `base` may be NULL for the default. */
TgStatus tg_map_document(librdf_world *world, librdf_model *model, librdf_node *context,
                         const char *base, TgProvenance prov, const TgDocument *doc,
                         const TgResult *result);

/** A mapper for a series of documents written by raptor serializers: it
 * keeps the vocabulary's terms and its tables' memory from one document
 * to the next (memory bounded by the largest document).  `world` is
 * borrowed and must outlive it; `base` is copied (NULL: the default).
 * Free with tg_mapper_free(). */
typedef struct TgMapperImpl TgMapper;
TgStatus tg_mapper_new(raptor_world *world, const char *base, TgProvenance prov,
                       TgMapper **out);
void tg_mapper_free(TgMapper *m);

/** As tg_map_document(), but each statement goes straight to a started
 * raptor serializer (borrowed) instead of a model.  `keeps_terms` says
 * that the serializer holds on to the terms it is given (Turtle orders
 * statements at the end); a line serializer (N-Triples, N-Quads) keeps
 * none, and is handed borrowed terms, literals included, with no
 * allocation a statement.  `context` (borrowed, may be NULL) as for
 * tg_map_document(). */
TgStatus tg_mapper_stream(TgMapper *m, raptor_serializer *ser, bool keeps_terms,
                          raptor_term *context, const TgDocument *doc, const TgResult *result);

/** The IRI of a document, "<base>doc/<slug of id>"; free with tg_free(). */
char *tg_document_iri(const char *base, const TgDocument *doc);
/** The IRI of a document's named graph, "<base>graph/<slug of id>"; free
 * with tg_free(). */
char *tg_graph_iri(const char *base, const TgDocument *doc);

/** The IRI of the graph holding every entity's description,
 * "<base>entities" (NULL base: the default); free with tg_free(). */
char *tg_entities_iri(const char *base);

#endif /* TG_MAPPER_H */
