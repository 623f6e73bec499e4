/* telegraph: unit tests for the persistent store (src/store.c) on an
 * sqlite store in a temporary directory, loaded with the real extractor's
 * results for two small in-memory articles.
 *
 * Needs TELEGRAPH_DATA = ontology/ and a build with TG_TESTING defined
 * (allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/store.h"
#include "telegraph/telegraph.h"
#include "util.h"

#include <check.h>
#include <redland.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TG_TESTING
#  error "test_store needs TG_TESTING (allocation hook)"
#endif

#define TG "PREFIX tg: <https://w3id.org/telegraph/ontology#>\n"
#define RDFS "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
#define ID "https://w3id.org/telegraph/id/"

static const char alpha_text[] =
    " date 2025-03-10 Licences\n\nThe Ministry of Commerce on March 3, 2025 granted licences "
    "to China Mobile and China Unicom in Beijing and Shanghai.\n";
static const char beta_text[] =
    " date 2025-03-12 Licence\n\nChina Mobile has been granted a licence by the NFRA.\n";

/* Quads of each article alone (--provenance none), counted from the
 * writer's N-Quads in the fixture. */
static size_t alpha_quads, beta_quads;

static TgExtractor *ex;
static TgDocument *alpha, *beta;
static TgResult *alpha_res, *beta_res;
static char dir[] = "/tmp/tg-store-XXXXXX";
static char path[64];
static TgStore *store;

static char messages[4096];

static void keep_diag(void *data, const char *file, unsigned line, unsigned col, const char *msg)
{
  (void)data;
  (void)file;
  (void)line;
  (void)col;
  const size_t len = strlen(messages);
  snprintf(messages + len, sizeof messages - len, "%s\n", msg);
}

/* Everything `fn` writes to a stream, as a malloc'd string. */
static char *capture_query(const char *sparql, TgResultsFormat fmt, TgStatus *st)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(f);
  *st = tg_store_query(store, sparql, fmt, f);
  fclose(f);
  return buf;
}

static char *query_ok(const char *sparql, TgResultsFormat fmt)
{
  TgStatus st;
  char *out = capture_query(sparql, fmt, &st);
  ck_assert_msg(st == TG_SUCCESS, "query failed (%s): %s", tg_strerror(st), messages);
  return out;
}

static char *export_all(TgFormat format)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(tg_store_export(store, format, f), TG_SUCCESS);
  fclose(f);
  return buf;
}

static size_t count_lines(const char *s)
{
  size_t n = 0;
  for (; *s; ++s) {
    n += *s == '\n';
  }
  return n;
}

static int compare_lines(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of `s` sorted, joined again (N-Quads come in storage order);
 * frees `s`. */
static char *sorted_lines(char *s)
{
  char *copy = strdup(s);
  size_t n = count_lines(s);
  char **lines = calloc(n + 1, sizeof *lines);
  size_t i = 0;
  for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
    lines[i++] = l;
  }
  qsort(lines, i, sizeof *lines, compare_lines);
  char *out = calloc(strlen(s) + 2, 1);
  for (size_t j = 0; j < i; ++j) {
    strcat(out, lines[j]);
    strcat(out, "\n");
  }
  free(lines);
  free(copy);
  free(s);
  return out;
}

/* The writer's N-Quads of one article (--provenance none); a malloc'd string. */
static char *writer_nquads(const TgDocument *doc, const TgResult *res)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(TG_FORMAT_NQUADS, TG_PROVENANCE_NONE, NULL, f, NULL, NULL, &w),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_writer_write(w, doc, res), TG_SUCCESS);
  ck_assert_int_eq(tg_writer_finish(w), TG_SUCCESS);
  tg_writer_free(w);
  fclose(f);
  return buf;
}

static size_t writer_quads(const TgDocument *doc, const TgResult *res)
{
  char *buf = writer_nquads(doc, res);
  const size_t n = count_lines(buf);
  free(buf);
  return n;
}

/* Lines of `s` that contain `needle`. */
static size_t count_containing(const char *s, const char *needle)
{
  size_t n = 0;
  for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle)) {
    ++n;
  }
  return n;
}

static void article(const char *text, const char *id, TgDocument **doc, TgResult **res)
{
  ck_assert_int_eq(tg_document_new(text, strlen(text), id, NULL, NULL, NULL, NULL, doc),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_extractor_run(ex, *doc, res), TG_SUCCESS);
}

static void load(TgDocument *doc, TgResult *res)
{
  ck_assert_int_eq(tg_store_load(store, doc, res, NULL, TG_PROVENANCE_NONE), TG_SUCCESS);
}

/* Per test: a new store with both articles. */
static void setup(void)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  ex = tg_extractor_new(NULL, NULL);
  ck_assert_int_eq(tg_extractor_load_dir(ex, data), TG_SUCCESS);
  article(alpha_text, "alpha", &alpha, &alpha_res);
  article(beta_text, "beta", &beta, &beta_res);
  alpha_quads = writer_quads(alpha, alpha_res);
  beta_quads = writer_quads(beta, beta_res);
  strcpy(dir, "/tmp/tg-store-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/kg.db", dir);
  messages[0] = '\0';
  ck_assert_int_eq(tg_store_open("sqlite", path, NULL, keep_diag, NULL, &store), TG_SUCCESS);
  load(alpha, alpha_res);
  load(beta, beta_res);
  ck_assert_int_eq(tg_store_flush(store), TG_SUCCESS);
}

static void teardown(void)
{
  tg_store_free(store);
  store = NULL;
  unlink(path);
  char journal[80];
  snprintf(journal, sizeof journal, "%s-journal", path);
  unlink(journal);
  rmdir(dir);
  tg_result_free(alpha_res);
  tg_result_free(beta_res);
  tg_document_free(alpha);
  tg_document_free(beta);
  tg_extractor_free(ex);
}

/* ---- Loading ---- */

START_TEST(test_load_counts)
{
  ck_assert_uint_gt(alpha_quads, 20);
  ck_assert_uint_gt(beta_quads, 10);
  /* China Mobile and the NFRA are in both articles: their descriptions
   * are stored once, so the store holds the set union of the quads. */
  char *a = writer_nquads(alpha, alpha_res);
  char *b = writer_nquads(beta, beta_res);
  char *both = calloc(strlen(a) + strlen(b) + 1, 1);
  strcat(strcat(both, a), b);
  char *sorted = sorted_lines(both);
  size_t distinct = 0;
  for (char *save = NULL, *prev = NULL, *l = strtok_r(sorted, "\n", &save); l;
       prev = l, l = strtok_r(NULL, "\n", &save)) {
    distinct += !prev || strcmp(prev, l) != 0;
  }
  ck_assert_uint_lt(distinct, alpha_quads + beta_quads);
  ck_assert_uint_eq(tg_store_size(store), distinct);
  free(sorted);
  free(a);
  free(b);
}
END_TEST

START_TEST(test_reload_replaces)
{
  char *before = sorted_lines(export_all(TG_FORMAT_NQUADS));
  const size_t n = tg_store_size(store);
  load(alpha, alpha_res);
  load(alpha, alpha_res);
  load(beta, beta_res);
  ck_assert_uint_eq(tg_store_size(store), n);
  char *after = sorted_lines(export_all(TG_FORMAT_NQUADS));
  ck_assert_str_eq(after, before);
  /* China Mobile is in both articles; its description is in the
   * entities graph, once, and beta still mentions it. */
  char *out = query_ok(RDFS TG "ASK { GRAPH <" ID "entities> { <" ID "org/china-mobile> "
                            "rdfs:label \"China Mobile\"@en } GRAPH <" ID "graph/beta> "
                            "{ ?d tg:mentions <" ID "org/china-mobile> } }",
                       TG_RESULTS_CSV);
  ck_assert_str_eq(out, "boolean\r\ntrue\r\n");
  free(out);
  free(before);
  free(after);
}
END_TEST

START_TEST(test_reload_changed_article)
{
  /* The same id with other text: the old graph is gone, not merged. */
  TgDocument *doc = NULL;
  TgResult *res = NULL;
  article(" date 2025-03-12 Licence\n\nChina Unicom has been granted a licence by the NFRA.\n",
          "beta", &doc, &res);
  load(doc, res);
  char *out = query_ok(TG RDFS "SELECT ?who WHERE { GRAPH <" ID "graph/beta> "
                                "{ ?a tg:grantedTo ?c } ?c rdfs:label ?who }",
                       TG_RESULTS_CSV);
  ck_assert_str_eq(out, "who\r\nChina Unicom\r\n");
  free(out);
  /* beta's graph is exactly the new article's. */
  char *mine = writer_nquads(doc, res);
  char *all = export_all(TG_FORMAT_NQUADS);
  ck_assert_uint_eq(count_containing(all, "<" ID "graph/beta> .\n"),
                    count_containing(mine, "<" ID "graph/beta> .\n"));
  free(mine);
  free(all);
  tg_result_free(res);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_persists)
{
  const size_t n = tg_store_size(store);
  tg_store_free(store);
  ck_assert_int_eq(tg_store_open(NULL, path, NULL, keep_diag, NULL, &store), TG_SUCCESS);
  ck_assert_uint_eq(tg_store_size(store), n);
}
END_TEST

/* A load that fails before the transaction leaves the store as it was. */
START_TEST(test_load_alloc_failure)
{
  char *before = sorted_lines(export_all(TG_FORMAT_NQUADS));
  TgDocument *doc = NULL;
  TgResult *res = NULL;
  article(" date 2025-03-12 Licence\n\nChina Unicom has been granted a licence by the NFRA.\n",
          "beta", &doc, &res);
  TgStatus st = TG_BAD_ALLOC;
  long n = 0;
  for (; st != TG_SUCCESS && n < 10000; ++n) {
    tg_alloc_fail_after(n);
    st = tg_store_load(store, doc, res, NULL, TG_PROVENANCE_NONE);
    tg_alloc_fail_after(-1);
    if (st != TG_SUCCESS) {
      ck_assert_int_eq(st, TG_BAD_ALLOC);
      char *now = sorted_lines(export_all(TG_FORMAT_NQUADS));
      ck_assert_str_eq(now, before);
      free(now);
    }
  }
  ck_assert_int_eq(st, TG_SUCCESS);
  ck_assert_int_gt(n, 1);
  tg_result_free(res);
  tg_document_free(doc);
  free(before);
}
END_TEST

/* A load whose commit fails (the file may not grow: RLIMIT_FSIZE) is rolled
 * back: reopened, the store holds exactly what it held before.  Check runs
 * each test in its own process, so the limit stays in this one. */
START_TEST(test_load_rolled_back)
{
  char *before = sorted_lines(export_all(TG_FORMAT_NQUADS));
  const size_t n = tg_store_size(store);
  TgDocument *doc = NULL;
  TgResult *res = NULL;
  article(" date 2025-03-14 Licences\n\nThe Ministry of Industry and Information Technology "
          "granted licences to Huawei, ZTE, China Telecom, China Broadnet and China Tower in "
          "Guangdong, Hainan, Shenzhen and Tianjin.\n",
          "gamma", &doc, &res);
  struct stat sb;
  ck_assert_int_eq(stat(path, &sb), 0);
  signal(SIGXFSZ, SIG_IGN);
  struct rlimit lim = {(rlim_t)sb.st_size, (rlim_t)sb.st_size};
  ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
  messages[0] = '\0';
  /* sqlite may write the article's pages when it adds it or only when the
   * batch is committed: the failure shows at one of the two. */
  TgStatus st = tg_store_load(store, doc, res, NULL, TG_PROVENANCE_FULL);
  if (st == TG_SUCCESS) {
    st = tg_store_flush(store);
    ck_assert_ptr_nonnull(strstr(messages, "their previous graphs are kept"));
  } else {
    ck_assert_ptr_nonnull(strstr(messages, "loading 'gamma' failed; its previous graph is kept"));
  }
  ck_assert_int_eq(st, TG_BAD_STORE);
  tg_store_free(store);
  ck_assert_int_eq(tg_store_open("sqlite", path, NULL, keep_diag, NULL, &store), TG_SUCCESS);
  ck_assert_uint_eq(tg_store_size(store), n);
  char *after = sorted_lines(export_all(TG_FORMAT_NQUADS));
  ck_assert_str_eq(after, before);
  free(before);
  free(after);
  tg_result_free(res);
  tg_document_free(doc);
}
END_TEST

/* Two spellings of one entity (one IRI): whichever article comes first,
 * the store ends the same, with the least spelling as rdfs:label and the
 * other as skos:altLabel. */
static const char zenith1[] =
    " date 2025-03-12 Licence\n\nZenith Data Networks Co has been granted a licence by the NFRA.\n";
static const char zenith2[] =
    " date 2025-03-13 Licence\n\nZENITH Data Networks Co has been granted a licence by the NFRA.\n";

static char *load_in_order(const char *first, const char *second)
{
  TgDocument *d1 = NULL, *d2 = NULL;
  TgResult *r1 = NULL, *r2 = NULL;
  article(first, first == zenith1 ? "z1" : "z2", &d1, &r1);
  article(second, second == zenith1 ? "z1" : "z2", &d2, &r2);
  tg_store_free(store);
  unlink(path);
  ck_assert_int_eq(tg_store_open("sqlite", path, NULL, keep_diag, NULL, &store), TG_SUCCESS);
  load(d1, r1);
  load(d2, r2);
  load(d1, r1);
  ck_assert_int_eq(tg_store_flush(store), TG_SUCCESS);
  tg_result_free(r1);
  tg_result_free(r2);
  tg_document_free(d1);
  tg_document_free(d2);
  return sorted_lines(export_all(TG_FORMAT_NQUADS));
}

START_TEST(test_label_merge_order)
{
  char *a = load_in_order(zenith1, zenith2);
  char *b = load_in_order(zenith2, zenith1);
  ck_assert_str_eq(a, b);
  char *out = query_ok(RDFS "SELECT ?l WHERE { <" ID "org/zenith-data-networks-co> rdfs:label ?l }",
                       TG_RESULTS_CSV);
  ck_assert_str_eq(out, "l\r\nZENITH Data Networks Co\r\n");
  free(out);
  out = query_ok("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                 "SELECT ?l WHERE { <" ID "org/zenith-data-networks-co> skos:altLabel ?l }",
                 TG_RESULTS_CSV);
  ck_assert_str_eq(out, "l\r\nZenith Data Networks Co\r\n");
  free(out);
  free(a);
  free(b);
}
END_TEST

/* ---- Queries ---- */

START_TEST(test_select_table)
{
  char *out = query_ok(TG RDFS "SELECT ?g ?recipient WHERE { GRAPH ?g { ?a a tg:Approval ; "
                                "tg:grantedTo ?c } ?c rdfs:label ?recipient } "
                                "ORDER BY ?g ?recipient",
                       TG_RESULTS_TABLE);
  ck_assert_str_eq(out, "| g                                           | recipient         |\n"
                        "|---------------------------------------------|-------------------|\n"
                        "| <" ID "graph/alpha> | \"China Mobile\"@en |\n"
                        "| <" ID "graph/alpha> | \"China Unicom\"@en |\n"
                        "| <" ID "graph/beta>  | \"China Mobile\"@en |\n");
  free(out);
}
END_TEST

START_TEST(test_select_terms)
{
  /* Prefixed names, typed literals, integers, unbound cells, code points. */
  char *out = query_ok(TG "SELECT ?a ?d ?n ?x WHERE { ?a a tg:Approval ; tg:date ?d . "
                          "OPTIONAL { ?a tg:recipientCount ?n } BIND(\"Zürich\" AS ?x) } "
                          "ORDER BY ?d",
                       TG_RESULTS_TABLE);
  ck_assert_str_eq(out, "| a                                                    | d                      | n | x        |\n"
                        "|------------------------------------------------------|------------------------|---|----------|\n"
                        "| <" ID "doc/alpha#approval-1> | \"2025-03-03\"^^xsd:date |   | \"Zürich\" |\n");
  free(out);
}
END_TEST

START_TEST(test_select_distinct_labels)
{
  /* An entity of two articles is described once: one label, one row. */
  char *out = query_ok(RDFS "SELECT ?l WHERE { <" ID "org/china-mobile> rdfs:label ?l }",
                       TG_RESULTS_CSV);
  ck_assert_str_eq(out, "l\r\nChina Mobile\r\n");
  free(out);
  out = query_ok(RDFS "SELECT DISTINCT ?l WHERE { <" ID "org/china-mobile> rdfs:label ?l }",
                 TG_RESULTS_CSV);
  ck_assert_str_eq(out, "l\r\nChina Mobile\r\n");
  free(out);
}
END_TEST

#define TINY RDFS "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(?l = \"China Unicom\"@en) }"

START_TEST(test_format_table)
{
  char *out = query_ok(TINY, TG_RESULTS_TABLE);
  ck_assert_str_eq(out, "| s                                                | l                 |\n"
                        "|--------------------------------------------------|-------------------|\n"
                        "| <" ID "org/china-unicom> | \"China Unicom\"@en |\n");
  free(out);
}
END_TEST

START_TEST(test_format_csv)
{
  char *out = query_ok(TINY, TG_RESULTS_CSV);
  ck_assert_str_eq(out, "s,l\r\n" ID "org/china-unicom,China Unicom\r\n");
  free(out);
}
END_TEST

START_TEST(test_format_tsv)
{
  char *out = query_ok(TINY, TG_RESULTS_TSV);
  ck_assert_str_eq(out, "?s\t?l\n<" ID "org/china-unicom>\t\"China Unicom\"@en\n");
  free(out);
}
END_TEST

START_TEST(test_format_json)
{
  char *out = query_ok(TINY, TG_RESULTS_JSON);
  ck_assert_str_eq(out, "{\n"
                        "  \"head\": { \"vars\": [ \"s\", \"l\" ] },\n"
                        "  \"results\": { \"bindings\": [\n"
                        "    { \"s\": { \"type\": \"uri\", \"value\": \"" ID "org/china-unicom\" }, "
                        "\"l\": { \"type\": \"literal\", \"value\": \"China Unicom\", "
                        "\"xml:lang\": \"en\" } }\n"
                        "  ] }\n"
                        "}\n");
  free(out);
  /* Unbound variables are left out; strings are escaped. */
  out = query_ok("SELECT ?x ?y WHERE { BIND(\"a\\\"b\\\\c\\nd\" AS ?y) }", TG_RESULTS_JSON);
  ck_assert_str_eq(out, "{\n"
                        "  \"head\": { \"vars\": [ \"x\", \"y\" ] },\n"
                        "  \"results\": { \"bindings\": [\n"
                        "    { \"y\": { \"type\": \"literal\", \"value\": \"a\\\"b\\\\c\\nd\" } }\n"
                        "  ] }\n"
                        "}\n");
  free(out);
}
END_TEST

START_TEST(test_ask)
{
  static const char yes[] = TG "ASK { ?a a tg:Approval }";
  static const char no[] = TG "ASK { ?a a tg:Statistic }";
  static const struct {
    TgResultsFormat fmt;
    const char *yes, *no;
  } cases[] = {
      {TG_RESULTS_TABLE, "| boolean |\n|---------|\n| true    |\n",
       "| boolean |\n|---------|\n| false   |\n"},
      {TG_RESULTS_CSV, "boolean\r\ntrue\r\n", "boolean\r\nfalse\r\n"},
      {TG_RESULTS_TSV, "?boolean\ntrue\n", "?boolean\nfalse\n"},
      {TG_RESULTS_JSON, "{\n  \"head\": {\n  },\n  \"boolean\" : true\n}\n",
       "{\n  \"head\": {\n  },\n  \"boolean\" : false\n}\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    char *out = query_ok(yes, cases[i].fmt);
    ck_assert_str_eq(out, cases[i].yes);
    free(out);
    out = query_ok(no, cases[i].fmt);
    ck_assert_str_eq(out, cases[i].no);
    free(out);
  }
}
END_TEST

#define CONSTRUCT_GRANTS                                                                       \
  TG "CONSTRUCT { ?c tg:grantedBy ?r } WHERE { ?a tg:grantedTo ?c ; tg:grantedBy ?r . "        \
     "FILTER(?c = <" ID "org/china-unicom>) }"

START_TEST(test_construct)
{
  char *out = query_ok(CONSTRUCT_GRANTS, TG_RESULTS_TABLE);
  ck_assert_ptr_nonnull(strstr(out, "@prefix tg: <https://w3id.org/telegraph/ontology#> .\n"));
  ck_assert_ptr_nonnull(strstr(out, "\n<" ID "org/china-unicom>\n    tg:grantedBy <" ID
                                    "org/ministry-of-commerce> .\n"));
  free(out);
  out = query_ok(CONSTRUCT_GRANTS, TG_RESULTS_CSV);
  ck_assert_str_eq(out, "<" ID "org/china-unicom> <https://w3id.org/telegraph/ontology#grantedBy> <" ID
                        "org/ministry-of-commerce> .\n");
  free(out);
}
END_TEST

START_TEST(test_bad_query)
{
  static const char *const bad[] = {"SELECT ?x WHERE { ?x ?y }", "SELEKT * WHERE {}",
                                    "PREFIX tg: <x> SELECT ?x WHERE { ?x nope:p ?y }"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    messages[0] = '\0';
    TgStatus st;
    char *out = capture_query(bad[i], TG_RESULTS_TABLE, &st);
    ck_assert_int_eq(st, TG_BAD_ARG);
    ck_assert_msg(strncmp(messages, "SPARQL: ", 8) == 0, "message: '%s'", messages);
    ck_assert_str_eq(out, "");
    free(out);
  }
}
END_TEST

/* ---- Export ---- */

/* Statements a librdf parser reads from `text` (quads counted one by one). */
static size_t parse_count(const char *text, const char *syntax)
{
  librdf_world *world = librdf_new_world();
  librdf_world_open(world);
  librdf_parser *parser = librdf_new_parser(world, syntax, NULL, NULL);
  librdf_uri *base = librdf_new_uri(world, (const unsigned char *)"http://example.org/");
  librdf_stream *stream =
      librdf_parser_parse_string_as_stream(parser, (const unsigned char *)text, base);
  ck_assert_ptr_nonnull(stream);
  size_t n = 0;
  for (; !librdf_stream_end(stream); librdf_stream_next(stream)) {
    ++n;
  }
  librdf_free_stream(stream);
  librdf_free_uri(base);
  librdf_free_parser(parser);
  librdf_free_world(world);
  return n;
}

START_TEST(test_export_nquads)
{
  char *out = export_all(TG_FORMAT_NQUADS);
  ck_assert_uint_eq(count_lines(out), tg_store_size(store));
  ck_assert_uint_eq(parse_count(out, "nquads"), tg_store_size(store));
  ck_assert_ptr_nonnull(strstr(out, "> <" ID "graph/alpha> .\n"));
  ck_assert_ptr_nonnull(strstr(out, "> <" ID "graph/beta> .\n"));
  free(out);
}
END_TEST

START_TEST(test_export_triples)
{
  /* No triple is in two graphs (entities are described once), so the
   * merged triples are as many as the quads. */
  char *out = export_all(TG_FORMAT_NTRIPLES);
  const size_t n = count_lines(out);
  ck_assert_uint_eq(n, tg_store_size(store));
  ck_assert_uint_eq(parse_count(out, "ntriples"), n);
  free(out);
  out = export_all(TG_FORMAT_TURTLE);
  ck_assert_uint_eq(parse_count(out, "turtle"), n);
  free(out);
}
END_TEST

/* ---- API ---- */

START_TEST(test_open_errors)
{
  TgStore *s = (TgStore *)&s;
  messages[0] = '\0';
  ck_assert_int_eq(tg_store_open("oracle", "x", NULL, keep_diag, NULL, &s), TG_BAD_ARG);
  ck_assert_ptr_null(s);
  ck_assert_str_eq(messages, "unknown store type 'oracle' (sqlite or postgresql)\n");
  ck_assert_int_eq(tg_store_open("sqlite", NULL, NULL, NULL, NULL, &s), TG_BAD_ARG);
  ck_assert_int_eq(tg_store_open("sqlite", "", NULL, NULL, NULL, &s), TG_BAD_ARG);
  messages[0] = '\0';
  ck_assert_int_eq(tg_store_open("sqlite", "/nonexistent/dir/kg.db", NULL, keep_diag, NULL, &s),
                   TG_BAD_STORE);
  ck_assert_ptr_null(s);
  ck_assert_msg(messages[0] != '\0', "no message");
}
END_TEST

START_TEST(test_format_names)
{
  TgResultsFormat f = TG_RESULTS_TABLE;
  ck_assert_int_eq(tg_results_format_from_name("csv", &f), TG_SUCCESS);
  ck_assert_int_eq(f, TG_RESULTS_CSV);
  ck_assert_int_eq(tg_results_format_from_name("tsv", &f), TG_SUCCESS);
  ck_assert_int_eq(f, TG_RESULTS_TSV);
  ck_assert_int_eq(tg_results_format_from_name("json", &f), TG_SUCCESS);
  ck_assert_int_eq(f, TG_RESULTS_JSON);
  ck_assert_int_eq(tg_results_format_from_name("table", &f), TG_SUCCESS);
  ck_assert_int_eq(f, TG_RESULTS_TABLE);
  ck_assert_int_eq(tg_results_format_from_name("xml", &f), TG_BAD_ARG);
  ck_assert_int_eq(tg_results_format_from_name("", &f), TG_BAD_ARG);
}
END_TEST

START_TEST(test_free_null)
{
  tg_store_free(NULL);
}
END_TEST

static Suite *store_suite(void)
{
  Suite *s = suite_create("store");
  TCase *tc = tcase_create("sqlite");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_load_counts);
  tcase_add_test(tc, test_reload_replaces);
  tcase_add_test(tc, test_reload_changed_article);
  tcase_add_test(tc, test_persists);
  tcase_add_test(tc, test_load_alloc_failure);
  tcase_add_test(tc, test_load_rolled_back);
  tcase_add_test(tc, test_label_merge_order);
  tcase_add_test(tc, test_select_table);
  tcase_add_test(tc, test_select_terms);
  tcase_add_test(tc, test_select_distinct_labels);
  tcase_add_test(tc, test_format_table);
  tcase_add_test(tc, test_format_csv);
  tcase_add_test(tc, test_format_tsv);
  tcase_add_test(tc, test_format_json);
  tcase_add_test(tc, test_ask);
  tcase_add_test(tc, test_construct);
  tcase_add_test(tc, test_bad_query);
  tcase_add_test(tc, test_export_nquads);
  tcase_add_test(tc, test_export_triples);
  suite_add_tcase(s, tc);

  tc = tcase_create("api");
  tcase_add_test(tc, test_open_errors);
  tcase_add_test(tc, test_format_names);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  if (!getenv("TELEGRAPH_DATA")) {
    fprintf(stderr, "test_store: set TELEGRAPH_DATA\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(store_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
