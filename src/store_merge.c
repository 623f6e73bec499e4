/* telegraph: the store's entities graph, merged one article at a time, and
 * the sqlite storage's tuning.
 *
 * Each entity is described once, in the graph <base>entities: its types,
 * links and labels from every article loaded.  Its rdfs:label is the least
 * of the labels articles gave it, in code-point order (UTF-8 byte order);
 * every other spelling is a skos:altLabel.  The least of a set does not
 * depend on the order its members arrive in, so the store is the same
 * whatever order, shards or machines the articles were loaded from.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "store_internal.h"

#include <sqlite3.h>
#include <string.h>

#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"

/* ---- The sqlite storage's connection ---- */

/* librdf 1.0.17's sqlite storage keeps its connection second in its
 * instance, after the storage; the Debian build is that version.  The
 * handle is trusted only when librdf says it is that version and sqlite
 * names the store's file for it. */
typedef struct {
  librdf_storage *storage;
  sqlite3 *db;
} SqliteInstance;

void *tg_store_sqlite_handle(librdf_storage *storage, const char *name) {
  if (strcmp(librdf_version_string, "1.0.17") != 0) {
    return NULL;
  }
  SqliteInstance *inst = (SqliteInstance *)librdf_storage_get_instance(storage);
  if (!inst || inst->storage != storage || !inst->db) {
    return NULL;
  }
  const char *file = sqlite3_db_filename(inst->db, "main");
  const size_t n = strlen(name);
  const size_t f = file ? strlen(file) : 0;
  const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
  if (!file || f < strlen(base) || strcmp(file + f - strlen(base), base) != 0 || n == 0) {
    return NULL;
  }
  return inst->db;
}

/* The indexes librdf's lookups need and does not make: a node's id by its
 * text (every literal and blank node added or matched), a statement by
 * subject, predicate and object (librdf looks each one up before adding
 * it; its own index covers the subject only, so without these sqlite
 * picks the object index and scans every rdf:type statement), a graph's
 * statements (replacing it), statements by object and by predicate
 * (SPARQL patterns with a bound object, or only the predicate). */
static const char *const tuning[] = {
    "CREATE INDEX IF NOT EXISTS tg_literal_text ON literals (text)",
    "CREATE INDEX IF NOT EXISTS tg_spo ON triples (subjectUri, predicateUri, objectUri)",
    "CREATE INDEX IF NOT EXISTS tg_spl ON triples (subjectUri, predicateUri, objectLiteral)",
    "CREATE INDEX IF NOT EXISTS tg_blank ON blanks (blank)",
    "CREATE INDEX IF NOT EXISTS tg_context ON triples (contextUri)",
    "CREATE INDEX IF NOT EXISTS tg_object_uri ON triples (objectUri, predicateUri)",
    "CREATE INDEX IF NOT EXISTS tg_object_literal ON triples (objectLiteral)",
    "CREATE INDEX IF NOT EXISTS tg_predicate ON triples (predicateUri)",
};

TgStatus tg_store_sqlite_tune(void *handle, int busy_ms, TgBuf *why) {
  sqlite3 *db = (sqlite3 *)handle;
  if (sqlite3_busy_timeout(db, busy_ms) != SQLITE_OK) {
    (void)tg_buf_puts(why, sqlite3_errmsg(db));
    return TG_BAD_STORE;
  }
  /* 64 MB of page cache: the indexes of a large store stay in memory. */
  (void)sqlite3_exec(db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
  for (size_t i = 0; i < sizeof tuning / sizeof tuning[0]; ++i) {
    char *msg = NULL;
    if (sqlite3_exec(db, tuning[i], NULL, NULL, &msg) != SQLITE_OK) {
      (void)tg_buf_puts(why, msg ? msg : sqlite3_errmsg(db));
      sqlite3_free(msg);
      return TG_BAD_STORE;
    }
  }
  return TG_SUCCESS;
}

TgStatus tg_store_sqlite_exec(void *handle, const char *sql) {
  return sqlite3_exec((sqlite3 *)handle, sql, NULL, NULL, NULL) == SQLITE_OK ? TG_SUCCESS
                                                                             : TG_BAD_STORE;
}

/* ---- Merging an article's entity descriptions ---- */

static bool is_label(librdf_node *p, const char *ns, const char *local) {
  if (!p || !librdf_node_is_resource(p)) {
    return false;
  }
  const char *u = (const char *)librdf_uri_as_string(librdf_node_get_uri(p));
  const size_t n = strlen(ns);
  return strncmp(u, ns, n) == 0 && strcmp(u + n, local) == 0;
}

/* The first statement (s, p, o) of the entities graph, o NULL for any;
 * a new statement or NULL. */
static librdf_statement *find_in(librdf_world *world, librdf_model *model, librdf_node *entities,
                                 librdf_node *s, librdf_node *p, librdf_node *o, bool *failed) {
  librdf_statement *pattern = librdf_new_statement_from_nodes(
      world, librdf_new_node_from_node(s), librdf_new_node_from_node(p),
      o ? librdf_new_node_from_node(o) : NULL);
  librdf_stream *stream = pattern ? librdf_model_find_statements(model, pattern) : NULL;
  if (pattern) {
    librdf_free_statement(pattern);
  }
  if (!stream) {
    *failed = true;
    return NULL;
  }
  librdf_statement *found = NULL;
  for (; !found && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_node *g = librdf_stream_get_context2(stream);
    librdf_statement *st = librdf_stream_get_object(stream);
    if (st && g && librdf_node_equals(g, entities)) {
      found = librdf_new_statement_from_statement(st);
      *failed = *failed || !found;
    }
  }
  librdf_free_stream(stream);
  return found;
}

/* Add (s, p, o) to the entities graph unless it is there. */
static TgStatus ensure(librdf_world *world, librdf_model *model, librdf_node *entities,
                       librdf_node *s, librdf_node *p, librdf_node *o) {
  bool failed = false;
  librdf_statement *st = find_in(world, model, entities, s, p, o, &failed);
  if (failed) {
    return TG_BAD_STORE;
  }
  if (st) {
    librdf_free_statement(st);
    return TG_SUCCESS;
  }
  st = librdf_new_statement_from_nodes(world, librdf_new_node_from_node(s),
                                       librdf_new_node_from_node(p), librdf_new_node_from_node(o));
  if (!st) {
    return TG_BAD_ALLOC;
  }
  const int rc = librdf_model_context_add_statement(model, entities, st);
  librdf_free_statement(st);
  return rc ? TG_BAD_STORE : TG_SUCCESS;
}

/* Remove (s, p, o) from the entities graph (nothing if absent). */
static TgStatus drop(librdf_world *world, librdf_model *model, librdf_node *entities,
                     librdf_node *s, librdf_node *p, librdf_node *o) {
  bool failed = false;
  librdf_statement *st = find_in(world, model, entities, s, p, o, &failed);
  if (failed || !st) {
    return failed ? TG_BAD_STORE : TG_SUCCESS; /* some storages fail on an absent one */
  }
  librdf_free_statement(st);
  st = librdf_new_statement_from_nodes(world, librdf_new_node_from_node(s),
                                       librdf_new_node_from_node(p), librdf_new_node_from_node(o));
  if (!st) {
    return TG_BAD_ALLOC;
  }
  const int rc = librdf_model_context_remove_statement(model, entities, st);
  librdf_free_statement(st);
  return rc ? TG_BAD_STORE : TG_SUCCESS;
}

static int literal_cmp(librdf_node *a, librdf_node *b) {
  const char *x = (const char *)librdf_node_get_literal_value(a);
  const char *y = (const char *)librdf_node_get_literal_value(b);
  return strcmp(x ? x : "", y ? y : "");
}

/* The article calls `s` `label`: the store's label becomes the least of
 * its label and `label`, the other an altLabel. */
static TgStatus merge_label(librdf_world *world, librdf_model *model, librdf_node *entities,
                            librdf_node *s, librdf_node *label_p, librdf_node *alt_p,
                            librdf_node *label) {
  bool failed = false;
  librdf_statement *old = find_in(world, model, entities, s, label_p, NULL, &failed);
  if (failed) {
    return TG_BAD_STORE;
  }
  TgStatus st = TG_SUCCESS;
  librdf_node *old_label = old ? librdf_statement_get_object(old) : NULL;
  if (!old_label) {
    st = ensure(world, model, entities, s, label_p, label);
    st = st ? st : drop(world, model, entities, s, alt_p, label);
  } else if (librdf_node_equals(old_label, label)) {
    /* the same spelling: nothing changes */
  } else if (literal_cmp(label, old_label) < 0) {
    st = drop(world, model, entities, s, label_p, old_label);
    st = st ? st : ensure(world, model, entities, s, alt_p, old_label);
    st = st ? st : ensure(world, model, entities, s, label_p, label);
    st = st ? st : drop(world, model, entities, s, alt_p, label);
  } else {
    st = ensure(world, model, entities, s, alt_p, label);
  }
  if (old) {
    librdf_free_statement(old);
  }
  return st;
}

/* An alternative spelling: kept unless it is the label. */
static TgStatus merge_alt(librdf_world *world, librdf_model *model, librdf_node *entities,
                          librdf_node *s, librdf_node *label_p, librdf_node *alt_p,
                          librdf_node *alt) {
  bool failed = false;
  librdf_statement *is_label = find_in(world, model, entities, s, label_p, alt, &failed);
  if (failed) {
    return TG_BAD_STORE;
  }
  if (is_label) {
    librdf_free_statement(is_label);
    return TG_SUCCESS;
  }
  return ensure(world, model, entities, s, alt_p, alt);
}

TgStatus tg_store_merge_entities(librdf_world *world, librdf_model *store, librdf_node *entities,
                                 librdf_model *article) {
  librdf_node *label_p =
      librdf_new_node_from_uri_string(world, (const unsigned char *)NS_RDFS "label");
  librdf_node *alt_p =
      librdf_new_node_from_uri_string(world, (const unsigned char *)NS_SKOS "altLabel");
  librdf_stream *stream =
      label_p && alt_p ? librdf_model_context_as_stream(article, entities) : NULL;
  TgStatus st = stream ? TG_SUCCESS : TG_BAD_ALLOC;
  for (; !st && stream && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *s = librdf_stream_get_object(stream);
    if (!s) {
      st = TG_BAD_STORE;
      break;
    }
    librdf_node *subj = librdf_statement_get_subject(s);
    librdf_node *pred = librdf_statement_get_predicate(s);
    librdf_node *obj = librdf_statement_get_object(s);
    if (is_label(pred, NS_RDFS, "label") && librdf_node_is_literal(obj)) {
      st = merge_label(world, store, entities, subj, label_p, alt_p, obj);
    } else if (is_label(pred, NS_SKOS, "altLabel") && librdf_node_is_literal(obj)) {
      st = merge_alt(world, store, entities, subj, label_p, alt_p, obj);
    } else {
      st = ensure(world, store, entities, subj, pred, obj);
    }
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  if (label_p) {
    librdf_free_node(label_p);
  }
  if (alt_p) {
    librdf_free_node(alt_p);
  }
  return st;
}
