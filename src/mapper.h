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

/** As tg_map_document(), but each statement goes straight to a started
 * raptor serializer (borrowed) instead of a model: the fast path of the
 * line formats, N-Triples and N-Quads. */
TgStatus tg_map_document_stream(librdf_world *world, raptor_serializer *ser,
                                librdf_node *context, const char *base, TgProvenance prov,
                                const TgDocument *doc, const TgResult *result);

/** The IRI of a document, "<base>doc/<slug of id>"; free with tg_free(). */
char *tg_document_iri(const char *base, const TgDocument *doc);
/** The IRI of a document's named graph, "<base>graph/<slug of id>"; free
 * with tg_free(). */
char *tg_graph_iri(const char *base, const TgDocument *doc);

/** The IRI of the graph holding every entity's description,
 * "<base>entities" (NULL base: the default); free with tg_free(). */
char *tg_entities_iri(const char *base);

#endif /* TG_MAPPER_H */
