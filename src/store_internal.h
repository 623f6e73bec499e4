/* telegraph internals: the store's entities graph and sqlite tuning
 * (src/store_merge.c), the storage tg-sqlite and the printing of query
 * answers (src/store_answers.c), used by src/store.c.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_STORE_INTERNAL_H
#define TG_STORE_INTERNAL_H

#include "telegraph/status.h"
#include "telegraph/store.h"
#include "util.h"

#include <redland.h>
#include <stdbool.h>
#include <stdio.h>

/** librdf's sqlite connection (a sqlite3 *) behind `storage`, opened on the
 * file `name`, or NULL when it cannot be trusted (another librdf). */
void *tg_store_sqlite_handle(librdf_storage *storage, const char *name);

/** Set the busy timeout of the connection `handle` and create the indexes
 * the store's lookups need (if missing).  TG_BAD_STORE with sqlite's
 * message in `why` on failure. */
TgStatus tg_store_sqlite_tune(void *handle, int busy_ms, TgBuf *why);

/** Run one SQL statement (SAVEPOINT, RELEASE, ...) on `handle`. */
TgStatus tg_store_sqlite_exec(void *handle, const char *sql);

/** Merge the statements of the graph `entities` in `article` (a memory
 * model) into the graph `entities` of `store`: each statement once, one
 * rdfs:label per entity (the least spelling), the others skos:altLabel. */
TgStatus tg_store_merge_entities(librdf_world *world, librdf_model *store,
                                 librdf_node *entities, librdf_model *article);

/* ---- The storage "tg-sqlite" (src/store_sqlite_fast.c) ---- */

/** The name of the storage factory: librdf's sqlite storage (same file,
 * same schema, every write through it) whose pattern lookups run on
 * statements compiled once. */
#define TG_FAST_SQLITE "tg-sqlite"

/** Register TG_FAST_SQLITE on `world` (opened; once per world, a second
 * call does nothing).  Non-zero when librdf's sqlite storage is missing or
 * registering fails. */
int tg_fast_sqlite_register(librdf_world *world);

/** The librdf "sqlite" storage inside `storage`, which must have been made
 * by TG_FAST_SQLITE (borrowed; it lives as long as `storage`). */
librdf_storage *tg_fast_sqlite_inner(librdf_storage *storage);

/* ---- Query answers printed (src/store_answers.c) ---- */

/** The bindings of `results` as an aligned table of Turtle-form terms on
 * `out`; TG_BAD_ALLOC or TG_BAD_STORE on failure (flushing is the
 * caller's). */
TgStatus tg_answers_print_table(librdf_query_results *results, FILE *out);

/** The bindings of `results` as SPARQL 1.1 JSON results on `out`. */
TgStatus tg_answers_print_json(librdf_query_results *results, FILE *out);

/** An ASK answer as a table, CSV or TSV (`fmt`, not JSON) on `out`. */
void tg_answers_print_boolean(bool value, TgResultsFormat fmt, FILE *out);

#endif /* TG_STORE_INTERNAL_H */
