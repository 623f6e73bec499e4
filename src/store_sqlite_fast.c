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
 * node), compiled once and reset and re-bound for each lookup.  The nodes'
 * ids are found inside that statement (a sub-select on the indexed text),
 * so a lookup is one sqlite3_step loop.
 *
 * The answers are librdf's: the same tables, the same matching rules (a
 * literal matches on text, language and datatype, a missing language or
 * datatype only a literal without one), the same graph in each returned
 * statement's context.  Patterns librdf's sqlite storage cannot hold (a
 * literal subject, a graph that is no IRI) go to it as they are.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "store_internal.h"

#include <rdf_storage_module.h>
#include <sqlite3.h>
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
/* Idle compiled statements kept per shape: rasqal nests one open lookup
 * per triple pattern, so a few of one shape can be in use at once. */
#define POOL 8

/* Parameters of every statement: ?1 subject, ?2 predicate, ?3 object
 * text, ?4 object language, ?5 object datatype, ?6 graph. */
enum { ARG_S = 1, ARG_P, ARG_O, ARG_LANG, ARG_TYPE, ARG_C };

typedef struct {
  sqlite3_stmt *idle[POOL];
  unsigned n_idle;
} Shape;

typedef struct {
  librdf_storage *inner; /* librdf's "sqlite" storage on the same file */
  char *name;            /* the file */
  sqlite3 *db;           /* the inner storage's connection while open, or NULL */
  sqlite3_stmt *uri_by_id; /* a graph's IRI from its row id, compiled when first needed */
  Shape shapes[N_SHAPES];
} Fast;

static Fast *fast_of(librdf_storage *storage) {
  return (Fast *)librdf_storage_get_instance(storage);
}

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
static sqlite3_stmt *take_stmt(librdf_storage *storage, Fast *f, int k) {
  Shape *sh = &f->shapes[k];
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
static void give_stmt(Fast *f, int k, sqlite3_stmt *stmt) {
  Shape *sh = &f->shapes[k];
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (f->db && sh->n_idle < POOL) {
    sh->idle[sh->n_idle++] = stmt;
  } else {
    sqlite3_finalize(stmt);
  }
}

/* Finalize every idle statement (before the connection closes). */
static void drop_stmts(Fast *f) {
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
static librdf_node *graph_node(librdf_storage *storage, sqlite3_int64 id) {
  Fast *f = fast_of(storage);
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
    g = librdf_new_node_from_uri_string(librdf_storage_get_world(storage), col(f->uri_by_id, 0));
  }
  sqlite3_reset(f->uri_by_id);
  return g;
}

/* ---- The lookup stream ---- */

typedef struct {
  librdf_storage *storage; /* referenced while the stream lives */
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
  Fast *f = fast_of(fs->storage);
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
    fs->context = fs->graph ? copy_node(fs->graph) : graph_node(fs->storage, fs->context_id);
  }
  return fs->context;
}

static void find_free(void *data) {
  Find *fs = (Find *)data;
  if (fs->stmt) {
    give_stmt(fast_of(fs->storage), fs->shape, fs->stmt);
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

/* A stream of the statements matching `pattern` (NULL parts free) in graph
 * `c` (NULL: every graph), or NULL when librdf's storage is to answer. */
static librdf_stream *fast_find(librdf_storage *storage, librdf_statement *pattern,
                                librdf_node *c) {
  Fast *f = fast_of(storage);
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

/* ---- The storage's methods ---- */

static int fast_init(librdf_storage *storage, const char *name, librdf_hash *options) {
  Fast *f = (Fast *)tg_calloc(1, sizeof *f);
  if (!f) {
    librdf_free_hash(options);
    return 1;
  }
  librdf_storage_set_instance(storage, f);
  f->name = tg_strdup(name ? name : "");
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
  drop_stmts(f);
  if (f->inner) {
    librdf_free_storage(f->inner);
  }
  tg_free(f->name);
  tg_free(f);
}

static int fast_open(librdf_storage *storage, librdf_model *model) {
  Fast *f = fast_of(storage);
  const int rc = librdf_storage_open(f->inner, model);
  f->db = rc ? NULL : (sqlite3 *)tg_store_sqlite_handle(f->inner, f->name);
  if (f->db) {
    /* Lookups read pages through a memory map of the file (up to 1 GiB),
     * not a pread and a copy into the page cache each. */
    (void)sqlite3_exec(f->db, "PRAGMA mmap_size=1073741824", NULL, NULL, NULL);
  }
  return rc;
}

static int fast_close(librdf_storage *storage) {
  Fast *f = fast_of(storage);
  drop_stmts(f);
  f->db = NULL;
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
