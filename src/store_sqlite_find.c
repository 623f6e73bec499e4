/* telegraph: triple-pattern lookups on librdf's sqlite tables for the
 * storage "tg-sqlite" (see store_sqlite_find.h and store_sqlite_fast.c).
 *
 * One SQL statement per pattern shape (which of subject, predicate, object
 * and graph are bound, and to what kind of node), compiled once and reset
 * and re-bound for each lookup.  The nodes' ids are found inside that
 * statement (a sub-select on the indexed text), so a lookup is one
 * sqlite3_step loop.  The answers are librdf's: the same tables, the same
 * matching rules (a literal matches on text, language and datatype, a
 * missing language or datatype only a literal without one), the same graph
 * in each returned statement's context.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "store_sqlite_find.h"

#include "util.h"

#include <stdbool.h>
#include <string.h>

/* ---- Pattern shapes ---- */

/* How a pattern binds each position: subject none/IRI/blank, predicate
 * none/IRI, object none/IRI/blank/literal/typed literal, graph none/IRI. */
enum { S_ANY, S_URI, S_BLANK, S_KINDS };
enum { P_ANY, P_URI, P_KINDS };
enum { O_ANY, O_URI, O_BLANK, O_PLAIN, O_TYPED, O_KINDS };
enum { C_ANY, C_URI, C_KINDS };
#define N_SHAPES (S_KINDS * P_KINDS * O_KINDS * C_KINDS)
_Static_assert(N_SHAPES == TG_FIND_SHAPES, "TG_FIND_SHAPES is the number of shapes");

/* Parameters of every statement: ?1 subject, ?2 predicate, ?3 object
 * text, ?4 object language, ?5 object datatype, ?6 graph. */
enum { ARG_S = 1, ARG_P, ARG_O, ARG_LANG, ARG_TYPE, ARG_C };

/* The shape of (s, p, o) in graph c (each may be NULL), or -1 when librdf's
 * sqlite storage is to answer it. */
static int shape_of(librdf_node *s, librdf_node *p, librdf_node *o, librdf_node *c) {
  int sk = S_ANY, pk = P_ANY, ok = O_ANY, ck = C_ANY;
  if (s) {
    sk = librdf_node_is_resource(s) ? S_URI : librdf_node_is_blank(s) ? S_BLANK : -1;
  }
  if (p) {
    pk = librdf_node_is_resource(p) ? P_URI : -1;
  }
  if (o) {
    ok = librdf_node_is_resource(o)  ? O_URI
         : librdf_node_is_blank(o)   ? O_BLANK
         : !librdf_node_is_literal(o) ? -1
         : librdf_node_get_literal_value_datatype_uri(o) ? O_TYPED
                                                         : O_PLAIN;
  }
  if (c) {
    ck = librdf_node_is_resource(c) ? C_URI : -1;
  }
  if (sk < 0 || pk < 0 || ok < 0 || ck < 0) {
    return -1;
  }
  return ((sk * P_KINDS + pk) * O_KINDS + ok) * C_KINDS + ck;
}

/* ---- SQL ---- */

/* The columns of a row: 0-1 subject IRI and blank, 2 predicate, 3-4 object
 * IRI and blank, 5-7 literal text, language and datatype IRI, 8 the graph's
 * row id.  A position the pattern binds reads NULL and joins nothing (its
 * node is the pattern's); the graph's IRI is read only when asked for. */
static const char *const s_cols[2] = {"S.uri, SB.blank", "NULL, NULL"};
static const char *const p_cols[2] = {"P.uri", "NULL"};
static const char *const o_cols[2] = {"O.uri, OB.blank, L.text, L.language, D.uri",
                                      "NULL, NULL, NULL, NULL, NULL"};
static const char s_joins[] = " LEFT JOIN uris AS S ON S.id = T.subjectUri"
                              " LEFT JOIN blanks AS SB ON SB.id = T.subjectBlank";
static const char p_joins[] = " LEFT JOIN uris AS P ON P.id = T.predicateUri";
static const char o_joins[] = " LEFT JOIN uris AS O ON O.id = T.objectUri"
                              " LEFT JOIN blanks AS OB ON OB.id = T.objectBlank"
                              " LEFT JOIN literals AS L ON L.id = T.objectLiteral"
                              " LEFT JOIN uris AS D ON D.id = L.datatype";

/* The condition of each bound position; a node the store does not hold has
 * no id, so its sub-select is NULL and matches nothing. */
static const char *const s_cond[S_KINDS] = {
    NULL,
    "T.subjectUri = (SELECT id FROM uris WHERE uri = ?1)",
    "T.subjectBlank = (SELECT id FROM blanks WHERE blank = ?1)",
};
static const char *const p_cond[P_KINDS] = {
    NULL,
    "T.predicateUri = (SELECT id FROM uris WHERE uri = ?2)",
};
static const char *const o_cond[O_KINDS] = {
    NULL,
    "T.objectUri = (SELECT id FROM uris WHERE uri = ?3)",
    "T.objectBlank = (SELECT id FROM blanks WHERE blank = ?3)",
    "T.objectLiteral = (SELECT id FROM literals WHERE text = ?3 AND language IS ?4"
    " AND datatype IS NULL)",
    "T.objectLiteral = (SELECT id FROM literals WHERE text = ?3 AND language IS ?4"
    " AND datatype = (SELECT id FROM uris WHERE uri = ?5))",
};
static const char *const c_cond[C_KINDS] = {
    NULL,
    "T.contextUri = (SELECT id FROM uris WHERE uri = ?6)",
};

/* Append `cond` (if any) to the SQL in `b` with WHERE or AND. */
static TgStatus add_cond(TgBuf *b, const char *cond, bool *first) {
  if (!cond) {
    return TG_SUCCESS;
  }
  TgStatus st;
  TRY(st, tg_buf_puts(b, *first ? " WHERE " : " AND "));
  *first = false;
  return tg_buf_puts(b, cond);
}

/* The SQL of shape `k`, in `b`. */
static TgStatus shape_sql(int k, TgBuf *b) {
  const int ck = k % C_KINDS;
  const int ok = (k / C_KINDS) % O_KINDS;
  const int pk = (k / (C_KINDS * O_KINDS)) % P_KINDS;
  const int sk = k / (C_KINDS * O_KINDS * P_KINDS);
  bool first = true;
  TgStatus st;
  TRY(st, tg_buf_printf(b, "SELECT %s, %s, %s, T.contextUri FROM triples AS T%s%s%s",
                        s_cols[sk != S_ANY], p_cols[pk != P_ANY], o_cols[ok != O_ANY],
                        sk == S_ANY ? s_joins : "", pk == P_ANY ? p_joins : "",
                        ok == O_ANY ? o_joins : ""));
  TRY(st, add_cond(b, s_cond[sk], &first));
  TRY(st, add_cond(b, p_cond[pk], &first));
  TRY(st, add_cond(b, o_cond[ok], &first));
  return add_cond(b, c_cond[ck], &first);
}

/* A compiled statement of shape `k`, idle one reused, or NULL (logged). */
static sqlite3_stmt *take_stmt(librdf_storage *storage, TgFinder *f, int k) {
  TgFindShape *sh = &f->shapes[k];
  if (sh->n_idle > 0) {
    return sh->idle[--sh->n_idle];
  }
  TgBuf sql;
  tg_buf_init(&sql);
  sqlite3_stmt *stmt = NULL;
  if (shape_sql(k, &sql) == TG_SUCCESS &&
      sqlite3_prepare_v2(f->db, sql.buf, (int)sql.len, &stmt, NULL) != SQLITE_OK) {
    librdf_log(librdf_storage_get_world(storage), 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL,
               "SQLite database %s: cannot compile a lookup: %s", f->name, sqlite3_errmsg(f->db));
    stmt = NULL;
  }
  tg_buf_clear(&sql);
  return stmt;
}

/* Hand `stmt` of shape `k` back for the next lookup (or finalize it). */
static void give_stmt(TgFinder *f, int k, sqlite3_stmt *stmt) {
  TgFindShape *sh = &f->shapes[k];
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (f->db && sh->n_idle < TG_FIND_POOL) {
    sh->idle[sh->n_idle++] = stmt;
  } else {
    sqlite3_finalize(stmt);
  }
}

void tg_finder_drop(TgFinder *f) {
  if (f->uri_by_id) {
    sqlite3_finalize(f->uri_by_id);
    f->uri_by_id = NULL;
  }
  for (int k = 0; k < N_SHAPES; ++k) {
    while (f->shapes[k].n_idle > 0) {
      sqlite3_finalize(f->shapes[k].idle[--f->shapes[k].n_idle]);
    }
  }
}

static int bind_text(sqlite3_stmt *stmt, int arg, const unsigned char *text, size_t len) {
  return sqlite3_bind_text(stmt, arg, (const char *)text, (int)len, SQLITE_TRANSIENT);
}

static int bind_uri(sqlite3_stmt *stmt, int arg, librdf_uri *uri) {
  size_t len = 0;
  const unsigned char *s = librdf_uri_as_counted_string(uri, &len);
  return bind_text(stmt, arg, s, len);
}

/* Bind node `n` (resource, blank or literal) at parameter `arg`. */
static int bind_node(sqlite3_stmt *stmt, int arg, librdf_node *n) {
  if (!n) {
    return SQLITE_OK;
  }
  if (librdf_node_is_resource(n)) {
    return bind_uri(stmt, arg, librdf_node_get_uri(n));
  }
  if (librdf_node_is_blank(n)) {
    const unsigned char *id = librdf_node_get_blank_identifier(n);
    return bind_text(stmt, arg, id, strlen((const char *)id));
  }
  size_t len = 0;
  const unsigned char *text = librdf_node_get_literal_value_as_counted_string(n, &len);
  int rc = bind_text(stmt, arg, text, len);
  const char *lang = librdf_node_get_literal_value_language(n);
  if (rc == SQLITE_OK && lang) {
    rc = bind_text(stmt, ARG_LANG, (const unsigned char *)lang, strlen(lang));
  }
  librdf_uri *type = librdf_node_get_literal_value_datatype_uri(n);
  if (rc == SQLITE_OK && type) {
    rc = bind_uri(stmt, ARG_TYPE, type);
  }
  return rc;
}

static int bind_pattern(sqlite3_stmt *stmt, librdf_node *s, librdf_node *p, librdf_node *o,
                        librdf_node *c) {
  int rc = bind_node(stmt, ARG_S, s);
  if (rc == SQLITE_OK) {
    rc = bind_node(stmt, ARG_P, p);
  }
  if (rc == SQLITE_OK) {
    rc = bind_node(stmt, ARG_O, o);
  }
  if (rc == SQLITE_OK) {
    rc = bind_node(stmt, ARG_C, c);
  }
  return rc;
}

/* ---- Rows to statements ---- */

static void free_node(librdf_node *n) {
  if (n) {
    librdf_free_node(n);
  }
}

static const unsigned char *col(sqlite3_stmt *stmt, int i) { return sqlite3_column_text(stmt, i); }

/* A new reference to `n`, or NULL for NULL. */
static librdf_node *copy_node(librdf_node *n) { return n ? librdf_new_node_from_node(n) : NULL; }

/* The IRI node of column `uri`, else the blank node of column `blank`, or
 * NULL. */
static librdf_node *resource_or_blank(librdf_world *w, sqlite3_stmt *stmt, int uri, int blank) {
  if (col(stmt, uri)) {
    return librdf_new_node_from_uri_string(w, col(stmt, uri));
  }
  if (col(stmt, blank)) {
    return librdf_new_node_from_blank_identifier(w, col(stmt, blank));
  }
  return NULL;
}

/* The object of the row: IRI, blank node or literal (text, language,
 * datatype IRI in columns 5, 6, 7). */
static librdf_node *row_object(librdf_world *w, sqlite3_stmt *stmt) {
  librdf_node *o = resource_or_blank(w, stmt, 3, 4);
  if (o || !col(stmt, 5)) {
    return o;
  }
  librdf_uri *type = col(stmt, 7) ? librdf_new_uri(w, col(stmt, 7)) : NULL;
  if (col(stmt, 7) && !type) {
    return NULL;
  }
  o = librdf_new_node_from_typed_literal(w, col(stmt, 5), (const char *)col(stmt, 6), type);
  if (type) {
    librdf_free_uri(type);
  }
  return o;
}

/* Fill `st` (cleared) from the current row, the parts the pattern bound
 * (`bound`, each may be NULL) taken from it; false on allocation failure. */
static bool row_statement(librdf_world *w, sqlite3_stmt *stmt, librdf_node *const bound[3],
                          librdf_statement *st) {
  librdf_node *s = bound[0] ? copy_node(bound[0]) : resource_or_blank(w, stmt, 0, 1);
  librdf_node *p = bound[1]   ? copy_node(bound[1])
                   : col(stmt, 2) ? librdf_new_node_from_uri_string(w, col(stmt, 2))
                                  : NULL;
  librdf_node *o = bound[2] ? copy_node(bound[2]) : row_object(w, stmt);
  if (!s || !p || !o) {
    free_node(s);
    free_node(p);
    free_node(o);
    return false;
  }
  librdf_statement_clear(st);
  librdf_statement_set_subject(st, s);
  librdf_statement_set_predicate(st, p);
  librdf_statement_set_object(st, o);
  return true;
}

/* The IRI node of the graph with row id `id`, or NULL. */
static librdf_node *graph_node(TgFinder *f, librdf_world *w, sqlite3_int64 id) {
  if (!f->db) {
    return NULL;
  }
  if (!f->uri_by_id &&
      sqlite3_prepare_v2(f->db, "SELECT uri FROM uris WHERE id = ?1", -1, &f->uri_by_id, NULL) !=
          SQLITE_OK) {
    f->uri_by_id = NULL;
    return NULL;
  }
  librdf_node *g = NULL;
  sqlite3_bind_int64(f->uri_by_id, 1, id);
  if (sqlite3_step(f->uri_by_id) == SQLITE_ROW && col(f->uri_by_id, 0)) {
    g = librdf_new_node_from_uri_string(w, col(f->uri_by_id, 0));
  }
  sqlite3_reset(f->uri_by_id);
  return g;
}

/* ---- The lookup stream ---- */

typedef struct {
  librdf_storage *storage; /* referenced while the stream lives */
  TgFinder *finder;        /* the storage's */
  int shape;
  sqlite3_stmt *stmt;
  librdf_node *bound[3];       /* the pattern's subject, predicate, object, or NULL */
  librdf_node *graph;          /* the pattern's graph, or NULL */
  librdf_statement *statement; /* the current one */
  sqlite3_int64 context_id;    /* its graph's row id (0: none) */
  librdf_node *context;        /* its graph, made when first asked for, or NULL */
  bool started;
  bool finished;
} Find;

/* Step to the next row and make it the current statement. */
static void find_step(Find *fs) {
  fs->started = true;
  TgFinder *f = fs->finder;
  librdf_world *w = librdf_storage_get_world(fs->storage);
  const int rc = sqlite3_step(fs->stmt);
  if (rc != SQLITE_ROW) {
    if (rc != SQLITE_DONE) {
      librdf_log(w, 0, LIBRDF_LOG_ERROR, LIBRDF_FROM_STORAGE, NULL,
                 "SQLite database %s: lookup failed: %s", f->name, sqlite3_errmsg(f->db));
    }
    fs->finished = true;
    return;
  }
  if (!row_statement(w, fs->stmt, fs->bound, fs->statement)) {
    fs->finished = true;
    return;
  }
  free_node(fs->context);
  fs->context = NULL;
  fs->context_id = sqlite3_column_int64(fs->stmt, 8);
}

static int find_end(void *data) {
  Find *fs = (Find *)data;
  if (!fs->started) {
    find_step(fs);
  }
  return fs->finished;
}

static int find_next(void *data) {
  Find *fs = (Find *)data;
  if (!fs->finished) {
    find_step(fs);
  }
  return fs->finished;
}

static void *find_get(void *data, int flags) {
  Find *fs = (Find *)data;
  if (fs->finished) {
    return NULL;
  }
  if (flags != LIBRDF_ITERATOR_GET_METHOD_GET_CONTEXT) {
    return fs->statement;
  }
  if (!fs->context && fs->context_id) {
    fs->context = fs->graph ? copy_node(fs->graph)
                             : graph_node(fs->finder, librdf_storage_get_world(fs->storage),
                                          fs->context_id);
  }
  return fs->context;
}

static void find_free(void *data) {
  Find *fs = (Find *)data;
  if (fs->stmt) {
    give_stmt(fs->finder, fs->shape, fs->stmt);
  }
  if (fs->statement) {
    librdf_free_statement(fs->statement);
  }
  for (int i = 0; i < 3; ++i) {
    free_node(fs->bound[i]);
  }
  free_node(fs->graph);
  free_node(fs->context);
  librdf_storage_remove_reference(fs->storage);
  tg_free(fs);
}

librdf_stream *tg_finder_find(TgFinder *f, librdf_storage *storage, librdf_statement *pattern,
                              librdf_node *c) {
  librdf_node *s = pattern ? librdf_statement_get_subject(pattern) : NULL;
  librdf_node *p = pattern ? librdf_statement_get_predicate(pattern) : NULL;
  librdf_node *o = pattern ? librdf_statement_get_object(pattern) : NULL;
  const int k = shape_of(s, p, o, c);
  if (!f->db || k < 0) {
    return NULL;
  }
  Find *fs = (Find *)tg_calloc(1, sizeof *fs);
  if (!fs) {
    return NULL;
  }
  fs->storage = storage;
  fs->finder = f;
  librdf_storage_add_reference(storage);
  fs->shape = k;
  fs->bound[0] = copy_node(s);
  fs->bound[1] = copy_node(p);
  fs->bound[2] = copy_node(o);
  fs->graph = copy_node(c);
  fs->stmt = take_stmt(storage, f, k);
  fs->statement = librdf_new_statement(librdf_storage_get_world(storage));
  if (!fs->stmt || !fs->statement || bind_pattern(fs->stmt, s, p, o, c) != SQLITE_OK) {
    find_free(fs);
    return NULL;
  }
  librdf_stream *stream = librdf_new_stream(librdf_storage_get_world(storage), fs, find_end,
                                            find_next, find_get, find_free);
  if (!stream) {
    find_free(fs);
  }
  return stream;
}
