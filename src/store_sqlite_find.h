/* telegraph internals: triple-pattern lookups on the tables of librdf's
 * sqlite storage with SQL compiled once per pattern shape
 * (src/store_sqlite_find.c), for the storage "tg-sqlite"
 * (src/store_sqlite_fast.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_STORE_SQLITE_FIND_H
#define TG_STORE_SQLITE_FIND_H

#include <redland.h>
#include <sqlite3.h>

/* The pattern shapes: subject any/IRI/blank, predicate any/IRI, object
 * any/IRI/blank/literal/typed literal, graph any/IRI. */
#define TG_FIND_SHAPES (3 * 2 * 5 * 2)
/* Idle compiled statements kept per shape: rasqal nests one open lookup
 * per triple pattern, so a few of one shape can be in use at once. */
#define TG_FIND_POOL 8

typedef struct {
  sqlite3_stmt *idle[TG_FIND_POOL];
  unsigned n_idle;
} TgFindShape;

/** The compiled lookups of one storage.  Zeroed is empty; set `db` while
 * the connection is open (NULL: no lookups answered) and `name`. */
typedef struct {
  sqlite3 *db;             /* librdf's connection (borrowed), or NULL */
  const char *name;        /* the file, for messages (borrowed) */
  sqlite3_stmt *uri_by_id; /* a graph's IRI from its row id, compiled when first needed */
  TgFindShape shapes[TG_FIND_SHAPES];
} TgFinder;

/** A stream of the statements matching `pattern` (NULL parts free; may be
 * NULL) in graph `c` (NULL: every graph), or NULL when librdf's storage is
 * to answer: no connection, a pattern it alone can hold, or a failure (a
 * lookup that does not compile is logged).  `f` must be the instance data
 * of `storage`, which the stream references while it lives. */
librdf_stream *tg_finder_find(TgFinder *f, librdf_storage *storage, librdf_statement *pattern,
                              librdf_node *c);

/** Finalize every idle compiled statement (before the connection closes;
 * a statement of a stream still open is finalized when it ends). */
void tg_finder_drop(TgFinder *f);

#endif /* TG_STORE_SQLITE_FIND_H */
