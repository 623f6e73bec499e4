/* telegraph: a persistent store of articles' graphs, queried with SPARQL.
 *
 * A TgStore is a librdf model over a librdf storage module with contexts:
 * "sqlite" (the embedded default, one file) or "postgresql" (a database
 * server).  Each article is kept in its own named graph, the one telegraph
 * writes in N-Quads (tg_graph_iri: "<base>graph/<id>"), so loading an
 * article again replaces it instead of adding a second copy.
 *
 * Ownership: every argument is borrowed for the duration of the call;
 * tg_store_open() gives a new store that the caller frees with
 * tg_store_free().  Output goes to a borrowed stdio stream, never closed.
 * A store is not thread-safe: use one from one thread at a time.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_STORE_H
#define TELEGRAPH_STORE_H

#include "telegraph/attributes.h"
#include "telegraph/document.h"
#include "telegraph/error.h"
#include "telegraph/result.h"
#include "telegraph/status.h"
#include "telegraph/writer.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How tg_store_query() prints SELECT and ASK answers.
 *
 * TG_RESULTS_TABLE: an aligned text table, one "| a | b |" line per row
 *   under a header of variable names and a "|---|" rule; terms in Turtle
 *   form (<iri> or prefix:name for telegraph's prefixes, "text"@lang,
 *   "lex"^^xsd:type, bare integers and booleans, _:blank), unbound cells
 *   empty; widths counted in code points.  ASK gives one column "boolean".
 * TG_RESULTS_CSV: SPARQL 1.1 CSV (RFC 4180, CRLF), rasqal's writer.
 * TG_RESULTS_TSV: SPARQL 1.1 TSV, rasqal's writer.
 * TG_RESULTS_JSON: SPARQL 1.1 JSON results (rasqal's writer for ASK; telegraph's
 *   for SELECT, since rasqal 0.9.33 writes unbound variables as "unbound").
 * CSV and TSV define no boolean form; for ASK telegraph prints the header
 * "boolean" (CSV) or "?boolean" (TSV) and a line "true" or "false".
 * A SELECT without rows prints nothing but "{ head: { vars: [] } ...}" in
 * JSON and an empty header line in CSV and TSV: rasqal 0.9.33 names the
 * variables only once there is a row.
 * CONSTRUCT answers are graphs: N-Triples for CSV and TSV, Turtle
 * otherwise. */
typedef enum {
  TG_RESULTS_TABLE = 0,
  TG_RESULTS_CSV,
  TG_RESULTS_TSV,
  TG_RESULTS_JSON
} TgResultsFormat;

typedef struct TgStoreImpl TgStore;

/** The results format named `name` ("table", "csv", "tsv", "json"); TG_BAD_ARG
 * if unknown. */
TG_API TG_NODISCARD TgStatus tg_results_format_from_name(const char *name,
                                                         TgResultsFormat *out);

/** Open (or create) a store.
 *
 * `type` is "sqlite" (NULL means "sqlite") or "postgresql".  For "sqlite"
 * `name` is the database file, created with its tables when missing, and
 * `options` may add librdf sqlite options (e.g. "synchronous='off'") or be
 * NULL.  For "postgresql" `name` is the model name inside the database and
 * `options` the librdf connection options, e.g. "host='127.0.0.1',
 * port='5432',database='kg',user='tg',password=''" (librdf requires a
 * password option, empty for trust authentication; `database` defaults to
 * `name`); the tables and the model are created on first use.  Contexts
 * are always on.  Diagnostics (librdf's and the SPARQL parser's) go to
 * `err` with `err_data` (NULL `err` drops them) for the life of the store.
 * Errors: TG_BAD_ARG for an unknown type or a missing name, TG_BAD_STORE if
 * librdf cannot open the storage.  On success `*out` is a new store: free
 * it with tg_store_free(). */
TG_API TG_NODISCARD TgStatus tg_store_open(const char *type, const char *name,
                                           const char *options, TgErrorFn err,
                                           void *err_data, TgStore **out);

/** Free `s`, closing the storage.  NULL is allowed. */
TG_API void tg_store_free(TgStore *s);

/** Replace the named graph of `doc` with the graph of `doc` and `result`
 * (as tg_writer_write() maps it, with `base`, NULL for the default, and
 * `prov`).  The graph is built in memory first, then the old graph is
 * removed and the new one added inside one storage transaction: the
 * article is stored whole or not at all, and loading it again leaves one
 * copy.  A storage that cannot start a transaction is not written at all
 * (TG_BAD_STORE).  Errors: TG_BAD_ALLOC, TG_BAD_RDF (mapping),
 * TG_BAD_STORE (the storage failed; the transaction was rolled back). */
TG_API TG_NODISCARD TgStatus tg_store_load(TgStore *s, const TgDocument *doc,
                                           const TgResult *result, const char *base,
                                           TgProvenance prov);

/** Commit the articles tg_store_load() has loaded since the last commit.
 * On sqlite, loads are committed in batches of 64 articles (each article
 * still whole or not at all, under a savepoint of its own); tg_store_free()
 * flushes too but cannot say it failed.  Other storages commit each
 * article at once and this does nothing.  Errors: TG_BAD_STORE (the batch
 * was rolled back: its articles keep their previous graphs). */
TG_API TG_NODISCARD TgStatus tg_store_flush(TgStore *s);

/** True while loaded articles wait, uncommitted, in an open batch (until
 * the batch fills or tg_store_flush() commits it). */
TG_API bool tg_store_pending(const TgStore *s);

/** Run the SPARQL 1.0 query `sparql` (rasqal) over the union of all graphs
 * (GRAPH patterns see the named graphs) and print the answer to `out` in
 * `fmt`.  SELECT, ASK and CONSTRUCT are supported.  A triple stored in two
 * graphs matches twice, as in SPARQL stores without a union default graph;
 * use DISTINCT where that matters.  Errors: TG_BAD_ARG for a query rasqal
 * rejects (its message through `err`), TG_BAD_STORE if execution fails,
 * TG_BAD_WRITE if `out` reports an error. */
TG_API TG_NODISCARD TgStatus tg_store_query(TgStore *s, const char *sparql,
                                            TgResultsFormat fmt, FILE *out);

/** Write every statement of the store to `out` in `format`.  N-Quads keeps
 * the named graphs; the triple formats merge them, without duplicates. */
TG_API TG_NODISCARD TgStatus tg_store_export(TgStore *s, TgFormat format, FILE *out);

/** Number of statements (quads) in the store; 0 if the storage cannot say. */
TG_API size_t tg_store_size(TgStore *s);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_STORE_H */
