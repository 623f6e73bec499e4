/* telegraph: the persistent store, a librdf model over a storage module
 * (sqlite or postgresql) with one named graph per article, queried with
 * rasqal through librdf_query (the answers printed by store_answers.c).
 *
 * Loading maps the article into an in-memory model first (as the writer
 * does), then replaces the article's context inside a storage transaction.
 * The detour through memory matters: the mapper skips a triple the model
 * already holds, and in the store that would be a triple of another
 * article's graph, lost when that article is reloaded.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/store.h"

#include "mapper.h"
#include "store_internal.h"
#include "util.h"

#include <redland.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct TgStoreImpl {
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;
  TgErrorFn err;
  void *err_data;
  char *type;
  const char *factory; /* the librdf storage factory: type, or TG_FAST_SQLITE */
  unsigned n_errors; /* librdf errors since the last reset */
  bool quiet;        /* keep errors in `held` instead of reporting them */
  TgBuf held;        /* errors held while quiet, one a line */
  bool transactions; /* the storage's transactions work (see tg_store_load) */
  void *db;          /* librdf's sqlite connection when it can be used, or NULL */
  unsigned batch;    /* articles loaded in the open batch transaction */
  bool in_batch;     /* a batch transaction is open */
};

/* Articles per transaction on sqlite: one commit (a journal sync) per
 * batch, not per article; each article inside has its own savepoint. */
#define TG_STORE_BATCH 64
/* How long a load waits for another process's transaction, in ms. */
#define TG_STORE_BUSY_MS 60000

/* librdf, raptor and rasqal report through this.  Errors are counted and
 * reported (or held while opening quietly); warnings, such as rasqal's
 * "variable bound but unused", are dropped. */
static int log_handler(void *data, librdf_log_message *msg) {
  TgStore *s = (TgStore *)data;
  if (librdf_log_message_level(msg) < LIBRDF_LOG_ERROR) {
    return 1;
  }
  ++s->n_errors;
  const char *text = librdf_log_message_message(msg);
  if (!text) {
    text = "unknown error";
  }
  if (s->quiet) {
    (void)(tg_buf_puts(&s->held, text) || tg_buf_putc(&s->held, '\n'));
    return 1;
  }
  if (librdf_log_message_facility(msg) == LIBRDF_FROM_QUERY) {
    raptor_locator *loc = librdf_log_message_locator(msg);
    int line = loc ? raptor_locator_line(loc) : -1;
    int col = loc ? raptor_locator_column(loc) : -1;
    tg_report(s->err, s->err_data, TG_BAD_ARG, NULL, line > 0 ? (unsigned)line : 0,
              col > 0 ? (unsigned)col : 0, "SPARQL: %s", text);
  } else {
    tg_report(s->err, s->err_data, TG_BAD_STORE, NULL, 0, 0, "%s store: %s", s->type, text);
  }
  return 1;
}

/* "contexts='yes'" plus the caller's options, plus database='name' for
 * postgresql when the caller gave none. */
static TgStatus build_options(const char *type, const char *name, const char *options,
                              TgBuf *b) {
  TgStatus st;
  TRY(st, tg_buf_puts(b, "contexts='yes'"));
  if (options && *options) {
    TRY(st, tg_buf_putc(b, ','));
    TRY(st, tg_buf_puts(b, options));
  }
  if (strcmp(type, "postgresql") == 0 && !(options && (strstr(options, "database=") ||
                                                       strstr(options, "dbname=")))) {
    if (strchr(name, '\'')) {
      return TG_BAD_ARG;
    }
    TRY(st, tg_buf_printf(b, ",database='%s'", name));
  }
  /* librdf 1.0.17's sqlite storage creates the file but not its tables
   * unless told the store is new. */
  if (strcmp(type, "sqlite") == 0 && access(name, F_OK) != 0) {
    TRY(st, tg_buf_puts(b, ",new='yes'"));
  }
  return TG_SUCCESS;
}

/* Whether sqlite stores use the storage TG_FAST_SQLITE (prepared lookups):
 * yes unless TELEGRAPH_SQLITE_LOOKUPS=librdf asks for librdf's own, or the
 * librdf is not the 1.0.17 whose sqlite connection telegraph can reach. */
static bool fast_lookups(void) {
  const char *v = getenv("TELEGRAPH_SQLITE_LOOKUPS");
  return strcmp(librdf_version_string, "1.0.17") == 0 && !(v && strcmp(v, "librdf") == 0);
}

/* Open the storage and model; 0 on success. */
static int open_storage(TgStore *s, const char *name, const char *opts) {
  s->storage = librdf_new_storage(s->world, s->factory, name, opts);
  if (!s->storage) {
    return 1;
  }
  s->model = librdf_new_model(s->world, s->storage, NULL);
  if (!s->model) {
    librdf_free_storage(s->storage);
    s->storage = NULL;
    return 1;
  }
  return 0;
}

/* sqlite: the busy timeout and the indexes, on librdf's own connection
 * (without it, loads run one transaction per article and no indexes). */
static TgStatus tune_sqlite(TgStore *s, const char *name) {
  librdf_storage *lite = s->factory == s->type ? s->storage : tg_fast_sqlite_inner(s->storage);
  s->db = tg_store_sqlite_handle(lite, name);
  if (!s->db) {
    return TG_SUCCESS;
  }
  TgBuf why;
  tg_buf_init(&why);
  TgStatus st = tg_store_sqlite_tune(s->db, TG_STORE_BUSY_MS, &why);
  if (st) {
    tg_report(s->err, s->err_data, st, NULL, 0, 0, "sqlite store '%s': cannot index: %s", name,
              why.buf ? why.buf : "unknown error");
  }
  tg_buf_clear(&why);
  return st;
}

TgStatus tg_store_open(const char *type, const char *name, const char *options, TgErrorFn err,
                       void *err_data, TgStore **out) {
  *out = NULL;
  if (!type) {
    type = "sqlite";
  }
  if (strcmp(type, "sqlite") != 0 && strcmp(type, "postgresql") != 0) {
    return tg_report(err, err_data, TG_BAD_ARG, NULL, 0, 0,
                     "unknown store type '%s' (sqlite or postgresql)", type);
  }
  if (!name || !*name) {
    return tg_report(err, err_data, TG_BAD_ARG, NULL, 0, 0, "the %s store needs a name", type);
  }
  TgStore *s = (TgStore *)tg_calloc(1, sizeof *s);
  if (!s) {
    return TG_BAD_ALLOC;
  }
  s->err = err;
  s->err_data = err_data;
  tg_buf_init(&s->held);
  s->type = tg_strdup(type);
  s->world = librdf_new_world();
  if (!s->type || !s->world) {
    tg_store_free(s);
    return TG_BAD_ALLOC;
  }
  librdf_world_set_logger(s->world, s, log_handler);
  librdf_world_open(s->world);
  s->factory = s->type;
  if (strcmp(type, "sqlite") == 0 && fast_lookups() && tg_fast_sqlite_register(s->world) == 0) {
    s->factory = TG_FAST_SQLITE;
  }

  TgBuf opts;
  tg_buf_init(&opts);
  TgStatus st = build_options(type, name, options, &opts);
  if (st) {
    tg_buf_clear(&opts);
    tg_store_free(s);
    return st == TG_BAD_ARG ? tg_report(err, err_data, TG_BAD_ARG, NULL, 0, 0,
                                        "bad postgresql model name '%s'", name)
                            : st;
  }
  const bool pg = strcmp(type, "postgresql") == 0;
  /* librdf's postgresql storage opens an existing model only, and its
   * new='yes' empties the model: try without, and create the tables and
   * the model only when they are missing. */
  s->quiet = pg;
  int rc = open_storage(s, name, opts.buf);
  s->quiet = false;
  if (rc && pg && s->held.buf &&
      (strstr(s->held.buf, "Models table") || strstr(s->held.buf, "failed to find model"))) {
    s->n_errors = 0;
    opts.len = 0;
    st = build_options(type, name, options, &opts);
    if (!st) {
      st = tg_buf_puts(&opts, ",new='yes'");
    }
    rc = st ? 1 : open_storage(s, name, opts.buf);
  } else if (rc && s->held.buf) {
    tg_report(err, err_data, TG_BAD_STORE, NULL, 0, 0, "%s store: %s", type, s->held.buf);
  }
  tg_buf_clear(&opts);
  if (rc) {
    if (!s->n_errors) {
      tg_report(err, err_data, TG_BAD_STORE, NULL, 0, 0,
                "cannot open the %s store '%s' (is librdf-storage-%s installed?)", type, name,
                type);
    }
    tg_store_free(s);
    return st ? st : TG_BAD_STORE;
  }
  tg_buf_clear(&s->held);
  const bool lite = strcmp(type, "sqlite") == 0;
  s->transactions = lite;
  if (lite && (st = tune_sqlite(s, name))) {
    tg_store_free(s);
    return st;
  }
  *out = s;
  return TG_SUCCESS;
}

bool tg_store_pending(const TgStore *s) { return s && s->in_batch; }

TgStatus tg_store_flush(TgStore *s) {
  if (!s->in_batch) {
    return TG_SUCCESS;
  }
  s->in_batch = false;
  const unsigned n = s->batch;
  s->batch = 0;
  if (librdf_model_transaction_commit(s->model)) {
    librdf_model_transaction_rollback(s->model);
    return tg_report(s->err, s->err_data, TG_BAD_STORE, NULL, 0, 0,
                     "%s store: committing the last %u article%s failed; their previous "
                     "graphs are kept",
                     s->type, n, n == 1 ? "" : "s");
  }
  return TG_SUCCESS;
}

void tg_store_free(TgStore *s) {
  if (!s) {
    return;
  }
  if (s->model) {
    if (tg_store_flush(s)) {
      /* reported through the error callback */
    }
    librdf_free_model(s->model);
  }
  if (s->storage) {
    librdf_free_storage(s->storage);
  }
  if (s->world) {
    librdf_free_world(s->world);
  }
  tg_buf_clear(&s->held);
  tg_free(s->type);
  tg_free(s);
}

size_t tg_store_size(TgStore *s) {
  const int n = librdf_model_size(s->model);
  return n > 0 ? (size_t)n : 0;
}

/* ---- Loading ---- */

/* A new in-memory model (hashes); contexts when `contexts`. */
static librdf_model *memory_model(librdf_world *world, bool contexts) {
  librdf_storage *storage =
      librdf_new_storage(world, "hashes", NULL,
                         contexts ? "hash-type='memory',contexts='yes'" : "hash-type='memory'");
  if (!storage) {
    return NULL;
  }
  librdf_model *model = librdf_new_model(world, storage, NULL);
  /* The model holds a reference to its storage. */
  librdf_free_storage(storage);
  return model;
}

/* Remove `context` from the store and add every statement of `graph` to it;
 * runs inside the caller's transaction.  `graph` is a memory model without
 * contexts (a saved graph) or, with `entities`, the mapper's model with
 * the article's graph and the entities graph. */
static TgStatus replace_context(TgStore *s, librdf_node *context, librdf_model *graph,
                                librdf_node *entities) {
  if (librdf_model_context_remove_statements(s->model, context)) {
    return TG_BAD_STORE;
  }
  librdf_stream *stream = entities ? librdf_model_context_as_stream(graph, context)
                                   : librdf_model_as_stream(graph);
  if (!stream) {
    return TG_BAD_ALLOC;
  }
  TgStatus st = TG_SUCCESS;
  for (; !st && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *statement = librdf_stream_get_object(stream);
    if (!statement || librdf_model_context_add_statement(s->model, context, statement)) {
      st = TG_BAD_STORE;
    }
  }
  librdf_free_stream(stream);
  if (!st && entities) {
    st = tg_store_merge_entities(s->world, s->model, entities, graph);
  }
  return st ? st : (s->n_errors ? TG_BAD_STORE : TG_SUCCESS);
}

/* Copy the statements of `context` in the store into a new memory model. */
static librdf_model *save_context(TgStore *s, librdf_node *context) {
  librdf_model *saved = memory_model(s->world, false);
  librdf_stream *stream = saved ? librdf_model_context_as_stream(s->model, context) : NULL;
  if (!stream) {
    if (saved) {
      librdf_free_model(saved);
    }
    return NULL;
  }
  int rc = 0;
  for (; !rc && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *statement = librdf_stream_get_object(stream);
    rc = !statement || librdf_model_add_statement(saved, statement);
  }
  librdf_free_stream(stream);
  if (rc) {
    librdf_free_model(saved);
    return NULL;
  }
  return saved;
}

/* Replace without a transaction: keep the old graph in memory, replace,
 * and on failure put the old graph back. */
static TgStatus replace_untransacted(TgStore *s, librdf_node *context, librdf_model *graph,
                                     librdf_node *entities, const TgDocument *doc) {
  librdf_model *saved = save_context(s, context);
  if (!saved) {
    return TG_BAD_STORE;
  }
  TgStatus st = replace_context(s, context, graph, entities);
  if (st) {
    s->n_errors = 0;
    if (replace_context(s, context, saved, NULL)) {
      tg_report(s->err, s->err_data, TG_BAD_STORE, NULL, 0, 0,
                "%s store: restoring the previous graph of '%s' failed too", s->type,
                tg_document_id(doc));
    }
  }
  librdf_free_model(saved);
  return st;
}

/* Replace the article inside one transaction of its own. */
static TgStatus replace_transacted(TgStore *s, librdf_node *context, librdf_model *graph,
                                   librdf_node *entities, const TgDocument *doc) {
  if (librdf_model_transaction_start(s->model)) {
    return tg_report(s->err, s->err_data, TG_BAD_STORE, NULL, 0, 0,
                     "%s store: cannot start a transaction; '%s' not loaded", s->type,
                     tg_document_id(doc));
  }
  TgStatus st = replace_context(s, context, graph, entities);
  if (!st && librdf_model_transaction_commit(s->model)) {
    st = TG_BAD_STORE;
  }
  if (st) {
    librdf_model_transaction_rollback(s->model);
    tg_report(s->err, s->err_data, st, NULL, 0, 0,
              "%s store: loading '%s' failed; its previous graph is kept", s->type,
              tg_document_id(doc));
  }
  return st;
}

/* Replace the article inside the open batch transaction (started if
 * none), under a savepoint: a failed article is undone alone. */
static TgStatus replace_batched(TgStore *s, librdf_node *context, librdf_model *graph,
                                librdf_node *entities, const TgDocument *doc) {
  if (!s->in_batch) {
    if (librdf_model_transaction_start(s->model)) {
      return tg_report(s->err, s->err_data, TG_BAD_STORE, NULL, 0, 0,
                       "%s store: cannot start a transaction; '%s' not loaded", s->type,
                       tg_document_id(doc));
    }
    s->in_batch = true;
    s->batch = 0;
  }
  TgStatus st = tg_store_sqlite_exec(s->db, "SAVEPOINT tg_article");
  if (!st) {
    st = replace_context(s, context, graph, entities);
    if (st) {
      (void)tg_store_sqlite_exec(s->db, "ROLLBACK TO tg_article");
    }
    (void)tg_store_sqlite_exec(s->db, "RELEASE tg_article");
  }
  if (st) {
    return tg_report(s->err, s->err_data, st, NULL, 0, 0,
                     "%s store: loading '%s' failed; its previous graph is kept", s->type,
                     tg_document_id(doc));
  }
  if (++s->batch >= TG_STORE_BATCH) {
    return tg_store_flush(s);
  }
  return TG_SUCCESS;
}

TgStatus tg_store_load(TgStore *s, const TgDocument *doc, const TgResult *result,
                       const char *base, TgProvenance prov) {
  if (!base) {
    base = TG_DEFAULT_BASE;
  }
  s->n_errors = 0;
  char *iri = tg_graph_iri(base, doc);
  char *eiri = iri ? tg_entities_iri(base) : NULL;
  librdf_node *context =
      eiri ? librdf_new_node_from_uri_string(s->world, (const unsigned char *)iri) : NULL;
  librdf_node *entities =
      context ? librdf_new_node_from_uri_string(s->world, (const unsigned char *)eiri) : NULL;
  librdf_model *graph = entities ? memory_model(s->world, true) : NULL;
  TgStatus st = graph ? TG_SUCCESS : TG_BAD_ALLOC;
  if (!st) {
    st = tg_map_document(s->world, graph, context, base, prov, doc, result);
  }
  if (!st && !s->transactions) {
    st = replace_untransacted(s, context, graph, entities, doc);
    if (st) {
      tg_report(s->err, s->err_data, st, NULL, 0, 0,
                "%s store: loading '%s' failed; its previous graph was put back", s->type,
                tg_document_id(doc));
    }
  } else if (!st) {
    st = s->db ? replace_batched(s, context, graph, entities, doc)
               : replace_transacted(s, context, graph, entities, doc);
  }
  if (graph) {
    librdf_free_model(graph);
  }
  if (entities) {
    librdf_free_node(entities);
  }
  if (context) {
    librdf_free_node(context);
  }
  tg_free(eiri);
  tg_free(iri);
  return st;
}

/* ---- Serializing ---- */

static librdf_serializer *new_serializer(TgStore *s, const char *name) {
  librdf_serializer *ser = librdf_new_serializer(s->world, name, NULL, NULL);
  if (!ser) {
    return NULL;
  }
  for (size_t i = 0; i < tg_n_namespaces; ++i) {
    librdf_uri *uri = librdf_new_uri(s->world, (const unsigned char *)tg_namespaces[i].uri);
    if (!uri) {
      librdf_free_serializer(ser);
      return NULL;
    }
    librdf_serializer_set_namespace(ser, uri, tg_namespaces[i].prefix);
    librdf_free_uri(uri);
  }
  return ser;
}

static const char *serializer_name(TgFormat f) {
  switch (f) {
  case TG_FORMAT_TURTLE: return "turtle";
  case TG_FORMAT_NTRIPLES: return "ntriples";
  case TG_FORMAT_NQUADS: return "nquads";
  case TG_FORMAT_RDFXML: return "rdfxml-abbrev";
  case TG_FORMAT_DOT: return "dot";
  }
  return "turtle";
}

static TgStatus finish_output(TgStore *s, FILE *out, int rc) {
  if (rc || s->n_errors) {
    return TG_BAD_WRITE;
  }
  if (fflush(out) != 0 || ferror(out)) {
    return TG_BAD_WRITE;
  }
  return TG_SUCCESS;
}

TgStatus tg_store_export(TgStore *s, TgFormat format, FILE *out) {
  s->n_errors = 0;
  librdf_serializer *ser = new_serializer(s, serializer_name(format));
  if (!ser) {
    return TG_BAD_ALLOC;
  }
  int rc;
  if (format == TG_FORMAT_NQUADS) {
    rc = librdf_serializer_serialize_model_to_file_handle(ser, out, NULL, s->model);
  } else {
    /* A triple in two graphs is one triple here: merge into a model
     * without contexts, which keeps one copy. */
    librdf_model *merged = memory_model(s->world, false);
    librdf_stream *stream = merged ? librdf_model_as_stream(s->model) : NULL;
    rc = !stream;
    for (; !rc && !librdf_stream_end(stream); librdf_stream_next(stream)) {
      librdf_statement *statement = librdf_stream_get_object(stream);
      rc = !statement || librdf_model_add_statement(merged, statement);
    }
    if (stream) {
      librdf_free_stream(stream);
    }
    if (!rc) {
      rc = librdf_serializer_serialize_model_to_file_handle(ser, out, NULL, merged);
    }
    if (merged) {
      librdf_free_model(merged);
    }
  }
  librdf_free_serializer(ser);
  return finish_output(s, out, rc);
}

/* ---- Query answers (printed by store_answers.c) ---- */

static TgStatus print_graph(TgStore *s, librdf_query_results *results, TgResultsFormat fmt,
                            FILE *out) {
  const bool nt = fmt == TG_RESULTS_CSV || fmt == TG_RESULTS_TSV;
  librdf_stream *stream = librdf_query_results_as_stream(results);
  if (!stream) {
    return s->n_errors ? TG_BAD_STORE : TG_BAD_ALLOC;
  }
  librdf_serializer *ser = new_serializer(s, nt ? "ntriples" : "turtle");
  int rc = 1;
  if (ser) {
    rc = librdf_serializer_serialize_stream_to_file_handle(ser, out, NULL, stream);
    librdf_free_serializer(ser);
  }
  librdf_free_stream(stream);
  return ser ? finish_output(s, out, rc) : TG_BAD_ALLOC;
}

TgStatus tg_store_query(TgStore *s, const char *sparql, TgResultsFormat fmt, FILE *out) {
  s->n_errors = 0;
  librdf_query *query =
      librdf_new_query(s->world, "sparql", NULL, (const unsigned char *)sparql, NULL);
  if (!query) {
    if (!s->n_errors) {
      return TG_BAD_ALLOC;
    }
    return TG_BAD_ARG;
  }
  librdf_query_results *results = librdf_query_execute(query, s->model);
  if (!results) {
    librdf_free_query(query);
    return s->n_errors ? TG_BAD_ARG
                       : tg_report(s->err, s->err_data, TG_BAD_STORE, NULL, 0, 0,
                                   "%s store: the query could not be run", s->type);
  }
  TgStatus st = TG_SUCCESS;
  if (librdf_query_results_is_graph(results)) {
    st = print_graph(s, results, fmt, out);
  } else if (librdf_query_results_is_boolean(results)) {
    const int b = librdf_query_results_get_boolean(results);
    if (b < 0) {
      st = TG_BAD_STORE;
    } else if (fmt == TG_RESULTS_JSON) {
      st = finish_output(
          s, out, librdf_query_results_to_file_handle2(results, out, "json", NULL, NULL, NULL));
    } else {
      tg_answers_print_boolean(b > 0, fmt, out);
      st = finish_output(s, out, 0);
    }
  } else if (fmt == TG_RESULTS_TABLE) {
    st = tg_answers_print_table(results, out);
    st = st ? st : finish_output(s, out, 0);
  } else if (fmt == TG_RESULTS_JSON) {
    st = tg_answers_print_json(results, out);
    st = st ? st : finish_output(s, out, 0);
  } else {
    const char *name = fmt == TG_RESULTS_CSV ? "csv" : "tsv";
    st = finish_output(
        s, out, librdf_query_results_to_file_handle2(results, out, name, NULL, NULL, NULL));
  }
  librdf_free_query_results(results);
  librdf_free_query(query);
  return st;
}
