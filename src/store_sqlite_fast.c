/* telegraph: the librdf storage "tg-sqlite", librdf's own sqlite storage
 * with pattern lookups on prepared statements.
 *
 * librdf's sqlite storage writes, compiles and runs fresh SQL for every
 * triple pattern it is asked for (and one more statement for each node of
 * the pattern, to find its row id): 50-60 us of CPU a lookup, nearly all
 * of it in sqlite's parser, and rasqal asks for one lookup per triple
 * pattern and row.  "tg-sqlite" wraps a "sqlite" storage on the same file
 * and schema: every write, transaction, context listing and export goes to
 * it unchanged, through librdf's public storage API, and only
 * find_statements, find_statements_in_context and contains_statement are
 * answered here, with one SQL statement per pattern shape (which of
 * subject, predicate, object and graph are bound, and to what kind of
 * node), compiled once (src/store_sqlite_find.c).  Patterns librdf's
 * sqlite storage cannot hold (a literal subject, a graph that is no IRI)
 * go to it as they are.  This file is the storage module: the wrapping,
 * the lookups handed to the finder, and the pass-throughs.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "store_internal.h"
#include "store_sqlite_find.h"

#include <rdf_storage_module.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

typedef struct {
  librdf_storage *inner; /* librdf's "sqlite" storage on the same file */
  char *name;            /* the file */
  TgFinder finder;       /* the lookups; finder.db: the inner storage's connection while open */
} Fast;

static Fast *fast_of(librdf_storage *storage) {
  return (Fast *)librdf_storage_get_instance(storage);
}

static librdf_stream *fast_find(librdf_storage *storage, librdf_statement *pattern,
                                librdf_node *c) {
  return tg_finder_find(&fast_of(storage)->finder, storage, pattern, c);
}

/* ---- The storage's methods ---- */

static int fast_init(librdf_storage *storage, const char *name, librdf_hash *options) {
  Fast *f = (Fast *)tg_calloc(1, sizeof *f);
  if (!f) {
    librdf_free_hash(options);
    return 1;
  }
  librdf_storage_set_instance(storage, f);
  f->name = tg_strdup(name ? name : "");
  f->finder.name = f->name;
  f->inner = librdf_new_storage_with_options(librdf_storage_get_world(storage), "sqlite", name,
                                             options);
  librdf_free_hash(options);
  return !f->name || !f->inner;
}

static void fast_terminate(librdf_storage *storage) {
  Fast *f = fast_of(storage);
  if (!f) {
    return;
  }
  tg_finder_drop(&f->finder);
  if (f->inner) {
    librdf_free_storage(f->inner);
  }
  tg_free(f->name);
  tg_free(f);
}

static int fast_open(librdf_storage *storage, librdf_model *model) {
  Fast *f = fast_of(storage);
  const int rc = librdf_storage_open(f->inner, model);
  sqlite3 *db = rc ? NULL : (sqlite3 *)tg_store_sqlite_handle(f->inner, f->name);
  f->finder.db = db;
  if (db) {
    /* Lookups read pages through a memory map of the file (up to 1 GiB),
     * not a pread and a copy into the page cache each. */
    (void)sqlite3_exec(db, "PRAGMA mmap_size=1073741824", NULL, NULL, NULL);
  }
  return rc;
}

static int fast_close(librdf_storage *storage) {
  Fast *f = fast_of(storage);
  tg_finder_drop(&f->finder);
  f->finder.db = NULL;
  return librdf_storage_close(f->inner);
}

static librdf_stream *find_statements(librdf_storage *storage, librdf_statement *pattern) {
  librdf_stream *stream = fast_find(storage, pattern, NULL);
  return stream ? stream : librdf_storage_find_statements(fast_of(storage)->inner, pattern);
}

static librdf_stream *find_in_context(librdf_storage *storage, librdf_statement *pattern,
                                      librdf_node *context) {
  librdf_stream *stream = fast_find(storage, pattern, context);
  return stream ? stream
                : librdf_storage_find_statements_in_context(fast_of(storage)->inner, pattern,
                                                            context);
}

/* rasqal's lookups come here (librdf_model_find_statements_with_options,
 * no options). */
static librdf_stream *find_with_options(librdf_storage *storage, librdf_statement *pattern,
                                        librdf_node *context, librdf_hash *options) {
  librdf_stream *stream = options ? NULL : fast_find(storage, pattern, context);
  return stream ? stream
                : librdf_storage_find_statements_with_options(fast_of(storage)->inner, pattern,
                                                              context, options);
}

static int contains_statement(librdf_storage *storage, librdf_statement *statement) {
  librdf_stream *stream = fast_find(storage, statement, NULL);
  if (!stream) {
    return librdf_storage_contains_statement(fast_of(storage)->inner, statement);
  }
  const int found = !librdf_stream_end(stream);
  librdf_free_stream(stream);
  return found;
}

/* Everything else is the inner storage's. */
#define INNER (fast_of(storage)->inner)

static int size(librdf_storage *storage) { return librdf_storage_size(INNER); }
static int add_statement(librdf_storage *storage, librdf_statement *st) {
  return librdf_storage_add_statement(INNER, st);
}
static int add_statements(librdf_storage *storage, librdf_stream *stream) {
  return librdf_storage_add_statements(INNER, stream);
}
static int remove_statement(librdf_storage *storage, librdf_statement *st) {
  return librdf_storage_remove_statement(INNER, st);
}
static int has_arc_in(librdf_storage *storage, librdf_node *node, librdf_node *property) {
  return librdf_storage_has_arc_in(INNER, node, property);
}
static int has_arc_out(librdf_storage *storage, librdf_node *node, librdf_node *property) {
  return librdf_storage_has_arc_out(INNER, node, property);
}
static librdf_stream *serialise(librdf_storage *storage) {
  return librdf_storage_serialise(INNER);
}
static librdf_iterator *get_arcs_in(librdf_storage *storage, librdf_node *node) {
  return librdf_storage_get_arcs_in(INNER, node);
}
static librdf_iterator *get_arcs_out(librdf_storage *storage, librdf_node *node) {
  return librdf_storage_get_arcs_out(INNER, node);
}
static int context_add_statement(librdf_storage *storage, librdf_node *context,
                                 librdf_statement *st) {
  return librdf_storage_context_add_statement(INNER, context, st);
}
static int context_remove_statement(librdf_storage *storage, librdf_node *context,
                                    librdf_statement *st) {
  return librdf_storage_context_remove_statement(INNER, context, st);
}
static librdf_stream *context_serialise(librdf_storage *storage, librdf_node *context) {
  return librdf_storage_context_as_stream(INNER, context);
}
static int sync_storage(librdf_storage *storage) { return librdf_storage_sync(INNER); }
static int context_add_statements(librdf_storage *storage, librdf_node *context,
                                  librdf_stream *stream) {
  return librdf_storage_context_add_statements(INNER, context, stream);
}
static int context_remove_statements(librdf_storage *storage, librdf_node *context) {
  return librdf_storage_context_remove_statements(INNER, context);
}
static librdf_iterator *get_contexts(librdf_storage *storage) {
  return librdf_storage_get_contexts(INNER);
}
static librdf_node *get_feature(librdf_storage *storage, librdf_uri *feature) {
  return librdf_storage_get_feature(INNER, feature);
}
static int set_feature(librdf_storage *storage, librdf_uri *feature, librdf_node *value) {
  return librdf_storage_set_feature(INNER, feature, value);
}
static int transaction_start(librdf_storage *storage) {
  return librdf_storage_transaction_start(INNER);
}
static int transaction_start_with_handle(librdf_storage *storage, void *handle) {
  return librdf_storage_transaction_start_with_handle(INNER, handle);
}
static int transaction_commit(librdf_storage *storage) {
  return librdf_storage_transaction_commit(INNER);
}
static int transaction_rollback(librdf_storage *storage) {
  return librdf_storage_transaction_rollback(INNER);
}
static void *transaction_get_handle(librdf_storage *storage) {
  return librdf_storage_transaction_get_handle(INNER);
}

static void fast_factory(librdf_storage_factory *factory) {
  factory->version = LIBRDF_STORAGE_INTERFACE_VERSION;
  factory->init = fast_init;
  factory->terminate = fast_terminate;
  factory->open = fast_open;
  factory->close = fast_close;
  factory->size = size;
  factory->add_statement = add_statement;
  factory->add_statements = add_statements;
  factory->remove_statement = remove_statement;
  factory->contains_statement = contains_statement;
  factory->has_arc_in = has_arc_in;
  factory->has_arc_out = has_arc_out;
  factory->serialise = serialise;
  factory->find_statements = find_statements;
  factory->find_statements_with_options = find_with_options;
  /* No find_sources, find_arcs, find_targets: librdf then answers a
   * pattern with one free part, and get_sources and the like, through
   * find_statements. */
  factory->get_arcs_in = get_arcs_in;
  factory->get_arcs_out = get_arcs_out;
  factory->context_add_statement = context_add_statement;
  factory->context_remove_statement = context_remove_statement;
  factory->context_serialise = context_serialise;
  factory->sync = sync_storage;
  factory->context_add_statements = context_add_statements;
  factory->context_remove_statements = context_remove_statements;
  factory->find_statements_in_context = find_in_context;
  factory->get_contexts = get_contexts;
  factory->get_feature = get_feature;
  factory->set_feature = set_feature;
  factory->transaction_start = transaction_start;
  factory->transaction_start_with_handle = transaction_start_with_handle;
  factory->transaction_commit = transaction_commit;
  factory->transaction_rollback = transaction_rollback;
  factory->transaction_get_handle = transaction_get_handle;
}

/* ---- Registration ---- */

/* Whether `world` has a storage factory called `name`. */
static bool has_factory(librdf_world *world, const char *name) {
  const char *n = NULL;
  for (unsigned i = 0; librdf_storage_enumerate(world, i, &n, NULL) == 0; ++i) {
    if (n && strcmp(n, name) == 0) {
      return true;
    }
  }
  return false;
}

int tg_fast_sqlite_register(librdf_world *world) {
  if (has_factory(world, TG_FAST_SQLITE)) {
    return 0;
  }
  if (!has_factory(world, "sqlite")) {
    return 1;
  }
  return librdf_storage_register_factory(world, TG_FAST_SQLITE,
                                         "librdf's sqlite storage, prepared lookups",
                                         fast_factory);
}

librdf_storage *tg_fast_sqlite_inner(librdf_storage *storage) {
  Fast *f = storage ? fast_of(storage) : NULL;
  return f ? f->inner : NULL;
}
