/* telegraph: unit tests for the writer (src/writer.c).
 *
 * Needs TELEGRAPH_DATA = ontology/ (to extract a tiny article).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/telegraph.h"
#include "src/outstream.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Format names ---- */

static const struct {
  const char *name;
  TgFormat format;
} format_names[] = {
    {"turtle", TG_FORMAT_TURTLE}, {"ttl", TG_FORMAT_TURTLE},  {"ntriples", TG_FORMAT_NTRIPLES},
    {"nt", TG_FORMAT_NTRIPLES},   {"nquads", TG_FORMAT_NQUADS}, {"nq", TG_FORMAT_NQUADS},
    {"rdfxml", TG_FORMAT_RDFXML}, {"xml", TG_FORMAT_RDFXML},  {"dot", TG_FORMAT_DOT},
};
#define N_FORMATS (sizeof format_names / sizeof format_names[0])

START_TEST(test_format_names)
{
  TgFormat f = (TgFormat)-1;
  ck_assert_int_eq(tg_format_from_name(format_names[_i].name, &f), TG_SUCCESS);
  ck_assert_int_eq(f, format_names[_i].format);
}
END_TEST

static const char *const bad_format_names[] = {"", "json", "n-triples", "turtle ", "rdf", "nt\n"};
#define N_BAD_FORMATS (sizeof bad_format_names / sizeof bad_format_names[0])

START_TEST(test_format_unknown)
{
  TgFormat f = TG_FORMAT_DOT;
  ck_assert_int_eq(tg_format_from_name(bad_format_names[_i], &f), TG_BAD_ARG);
  ck_assert_int_eq(f, TG_FORMAT_DOT); /* untouched */
}
END_TEST

/* ---- Writing a tiny result ---- */

static TgExtractor *ex;
static TgDocument *doc;
static TgResult *res;

static void setup(void)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  ex = tg_extractor_new(NULL, NULL);
  ck_assert_int_eq(tg_extractor_load_dir(ex, data), TG_SUCCESS);
  static const char text[] = " date 2025-02-28 Beijing news\n\nThe Ministry of Commerce granted "
                             "licences to China Mobile in Beijing.\n";
  ck_assert_int_eq(tg_document_new(text, sizeof text - 1, "tiny-1", NULL, NULL, NULL, NULL, &doc),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_extractor_run(ex, doc, &res), TG_SUCCESS);
}

static void teardown(void)
{
  tg_result_free(res);
  tg_document_free(doc);
  tg_extractor_free(ex);
}

/* Write with `format` to a tmpfile and return its contents (malloc'd). */
static char *write_all(TgFormat format, TgProvenance prov, const char *base)
{
  FILE *f = tmpfile();
  ck_assert_ptr_nonnull(f);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(format, prov, base, f, NULL, NULL, &w), TG_SUCCESS);
  ck_assert_int_eq(tg_writer_write(w, doc, res), TG_SUCCESS);
  ck_assert_int_eq(tg_writer_finish(w), TG_SUCCESS);
  tg_writer_free(w);
  const long size = ftell(f);
  ck_assert_int_gt(size, 0);
  rewind(f);
  char *buf = (char *)malloc((size_t)size + 1);
  ck_assert_ptr_nonnull(buf);
  ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
  buf[size] = '\0';
  fclose(f);
  return buf;
}

static void has_line(const char *out, const char *line)
{
  const size_t n = strlen(line);
  for (const char *p = out; (p = strstr(p, line)) != NULL; p += n) {
    if ((p == out || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0')) {
      return;
    }
  }
  ck_abort_msg("no line '%s' in the output (%zu bytes)", line, strlen(out));
}

static void has_text(const char *out, const char *text)
{
  ck_assert_msg(strstr(out, text) != NULL, "no '%s' in the output", text);
}

#define ID "https://w3id.org/telegraph/id/"
#define TG "https://w3id.org/telegraph/ontology#"
#define RDF_TYPE "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#define XSD "http://www.w3.org/2001/XMLSchema#"

START_TEST(test_ntriples)
{
  char *out = write_all(TG_FORMAT_NTRIPLES, TG_PROVENANCE_FACTS, NULL);
  has_line(out, "<" ID "doc/tiny-1> <http://purl.org/dc/terms/date> \"2025-02-28\"^^<" XSD "date> .");
  has_line(out, "<" ID "doc/tiny-1> " RDF_TYPE " <" TG "Document> .");
  has_line(out, "<" ID "doc/tiny-1> <http://purl.org/dc/terms/title> \"Beijing news\"@en .");
  has_line(out, "<" ID "doc/tiny-1> <" TG "referenceDate> \"2025-02-28\"^^<" XSD "date> .");
  has_line(out, "<" ID "doc/tiny-1> <" TG "mentions> <" ID "org/china-mobile> .");
  has_line(out, "<" ID "org/china-mobile> " RDF_TYPE " <" TG "Company> .");
  has_line(out, "<" ID "org/china-mobile> <http://www.w3.org/2000/01/rdf-schema#label> "
                "\"China Mobile\"@en .");
  has_line(out, "<" ID "org/china-mobile> <http://www.w3.org/2002/07/owl#sameAs> "
                "<http://www.wikidata.org/entity/Q741618> .");
  has_line(out, "<" ID "place/beijing> <http://www.w3.org/2002/07/owl#sameAs> "
                "<https://sws.geonames.org/1816670/> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> " RDF_TYPE " <" TG "Approval> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "grantedBy> <" ID "org/ministry-of-commerce> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "grantedTo> <" ID "org/china-mobile> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "inRegion> <" ID "place/beijing> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <http://www.w3.org/ns/prov#wasDerivedFrom> <" ID
                "doc/tiny-1> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "rule> \"approval.active\"^^<" XSD "string> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "confidence> \"0.90\"^^<" XSD "decimal> .");
  /* The sentence: code points 31..100 of the text. */
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "sentence> <" ID "doc/tiny-1#char=31,100> .");
  free(out);
}
END_TEST

START_TEST(test_ntriples_no_provenance_and_base)
{
  char *out = write_all(TG_FORMAT_NTRIPLES, TG_PROVENANCE_NONE, "http://example.org/kg/");
  has_line(out, "<http://example.org/kg/doc/tiny-1> <http://purl.org/dc/terms/date> "
                "\"2025-02-28\"^^<" XSD "date> .");
  has_line(out, "<http://example.org/kg/doc/tiny-1#approval-1> <" TG "grantedTo> "
                "<http://example.org/kg/org/china-mobile> .");
  ck_assert_ptr_null(strstr(out, "w3id.org/telegraph/id/"));
  ck_assert_ptr_null(strstr(out, TG "rule>"));
  ck_assert_ptr_null(strstr(out, TG "referenceDate>"));
  ck_assert_ptr_null(strstr(out, "nif-core#"));
  free(out);
}
END_TEST

START_TEST(test_nquads)
{
  char *out = write_all(TG_FORMAT_NQUADS, TG_PROVENANCE_FACTS, NULL);
  has_line(out, "<" ID "doc/tiny-1> <http://purl.org/dc/terms/date> \"2025-02-28\"^^<" XSD
                "date> <" ID "graph/tiny-1> .");
  has_line(out, "<" ID "doc/tiny-1#approval-1> <" TG "grantedTo> <" ID "org/china-mobile> <" ID
                "graph/tiny-1> .");
  free(out);
}
END_TEST

START_TEST(test_turtle)
{
  char *out = write_all(TG_FORMAT_TURTLE, TG_PROVENANCE_FACTS, NULL);
  has_line(out, "@prefix tg: <" TG "> .");
  has_line(out, "@prefix dcterms: <http://purl.org/dc/terms/> .");
  has_text(out, "dcterms:date \"2025-02-28\"^^xsd:date");
  has_text(out, "a tg:Approval");
  /* Minted IRIs shortened by a prefix per kind under the base. */
  has_line(out, "@prefix org: <" ID "org/> .");
  has_text(out, "tg:grantedTo org:china-mobile");
  has_text(out, "rdfs:label \"China Mobile\"@en");
  free(out);
}
END_TEST

START_TEST(test_rdfxml)
{
  char *out = write_all(TG_FORMAT_RDFXML, TG_PROVENANCE_FACTS, NULL);
  has_text(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
  has_line(out, "    <dcterms:date rdf:datatype=\"" XSD "date\">2025-02-28</dcterms:date>");
  has_line(out, "  <tg:Approval rdf:about=\"" ID "doc/tiny-1#approval-1\">");
  has_line(out, "    <tg:grantedTo rdf:resource=\"" ID "org/china-mobile\"/>");
  free(out);
}
END_TEST

START_TEST(test_dot)
{
  char *out = write_all(TG_FORMAT_DOT, TG_PROVENANCE_FACTS, NULL);
  has_text(out, "digraph");
  has_line(out, "\t\"Rid:doc/tiny-1\" -> \"L2025-02-28|Datatype: xsd:date\" [ label=\"dcterms:date\" ];");
  has_line(out, "\t\"Rid:doc/tiny-1#approval-1\" -> \"Rid:org/china-mobile\" [ label=\"tg:grantedTo\" ];");
  free(out);
}
END_TEST

/* Full provenance adds a NIF string for every entity mention. */
START_TEST(test_full_provenance)
{
  char *out = write_all(TG_FORMAT_NTRIPLES, TG_PROVENANCE_FULL, NULL);
  has_line(out, "<" ID "doc/tiny-1#char=76,88> <http://www.w3.org/2005/11/its/rdf#taIdentRef> <" ID
                "org/china-mobile> .");
  has_line(out, "<" ID "doc/tiny-1#char=76,88> <http://persistence.uni-leipzig.org/nlp2rdf/"
                "ontologies/nif-core#anchorOf> \"China Mobile\"^^<" XSD "string> .");
  free(out);
}
END_TEST

/* The default level carries what checks a fact (rule, confidence, its
 * sentence with offsets and words); each slot's words as tg:evidence come
 * with full only. */
START_TEST(test_evidence_only_full)
{
  char *facts = write_all(TG_FORMAT_NTRIPLES, TG_PROVENANCE_FACTS, NULL);
  ck_assert_ptr_null(strstr(facts, "<" TG "evidence>"));
  has_line(facts, "<" ID "doc/tiny-1#char=31,100> <http://persistence.uni-leipzig.org/nlp2rdf/"
                  "ontologies/nif-core#beginIndex> \"31\"^^<" XSD "nonNegativeInteger> .");
  char *full = write_all(TG_FORMAT_NTRIPLES, TG_PROVENANCE_FULL, NULL);
  has_line(full, "<" ID "doc/tiny-1#approval-1> <" TG "evidence> <" ID "doc/tiny-1#char=76,88> .");
  free(facts);
  free(full);
}
END_TEST

/* ---- The buffer a batch worker writes into ---- */

/* `n` copies of the article through tg_writer_write() to a tmpfile (the
 * writer's own buffer, written in 64 KB blocks); malloc'd, size in *len. */
static char *stream_copies(TgFormat format, int n, size_t *len)
{
  FILE *f = tmpfile();
  ck_assert_ptr_nonnull(f);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(format, TG_PROVENANCE_FULL, NULL, f, NULL, NULL, &w), TG_SUCCESS);
  for (int i = 0; i < n; ++i) {
    ck_assert_int_eq(tg_writer_write(w, doc, res), TG_SUCCESS);
  }
  ck_assert_int_eq(tg_writer_finish(w), TG_SUCCESS);
  tg_writer_free(w);
  const long size = ftell(f);
  ck_assert_int_gt(size, 0);
  rewind(f);
  char *file = (char *)malloc((size_t)size + 1);
  ck_assert_ptr_nonnull(file);
  ck_assert_uint_eq(fread(file, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  *len = (size_t)size;
  return file;
}

/* The same `n` copies through tg_writer_write_buffer() appending to one
 * buffer must be byte for byte what the stream path wrote. */
static void same_both_ways(TgFormat format, int n)
{
  size_t size = 0;
  char *file = stream_copies(format, n, &size);
  TgBuf buf;
  tg_buf_init(&buf);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(format, TG_PROVENANCE_FULL, NULL, NULL, NULL, NULL, &w),
                   TG_SUCCESS);
  for (int i = 0; i < n; ++i) {
    ck_assert_int_eq(tg_writer_write_buffer(w, doc, res, &buf, NULL), TG_SUCCESS);
  }
  tg_writer_free(w);
  ck_assert_uint_eq(buf.len, size);
  ck_assert_int_eq(buf.buf[buf.len], '\0');
  ck_assert(memcmp(buf.buf, file, size) == 0);
  tg_buf_clear(&buf);
  free(file);
}

START_TEST(test_buffer_ntriples)
{
  same_both_ways(TG_FORMAT_NTRIPLES, 1);
  same_both_ways(TG_FORMAT_NTRIPLES, 60); /* past several 64 KB blocks */
}
END_TEST

START_TEST(test_buffer_turtle)
{
  same_both_ways(TG_FORMAT_TURTLE, 1);
  same_both_ways(TG_FORMAT_TURTLE, 60);
}
END_TEST

/* The mapper keeps terms and tables from one article to the next: an
 * article written after another must come out byte for byte as it does
 * from a fresh writer. */
static void same_after_another(TgFormat format)
{
  static const char text[] = " date 2025-03-01 Lagos news\n\nThe Nigerian Communications "
                             "Commission said subscriptions rose 4.2 percent to 220 million "
                             "in January. It granted a licence to MTN Nigeria in Lagos.\n";
  TgDocument *other = NULL;
  TgResult *ores = NULL;
  ck_assert_int_eq(tg_document_new(text, sizeof text - 1, "other-1", NULL, NULL, NULL, NULL,
                                   &other),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_extractor_run(ex, other, &ores), TG_SUCCESS);
  TgBuf fresh, after;
  tg_buf_init(&fresh);
  tg_buf_init(&after);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(format, TG_PROVENANCE_FULL, NULL, NULL, NULL, NULL, &w),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_writer_write_buffer(w, doc, res, &fresh, NULL), TG_SUCCESS);
  tg_writer_free(w);
  ck_assert_int_eq(tg_writer_new(format, TG_PROVENANCE_FULL, NULL, NULL, NULL, NULL, &w),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_writer_write_buffer(w, other, ores, &after, NULL), TG_SUCCESS);
  const size_t first = after.len;
  ck_assert_uint_gt(first, 0);
  ck_assert_int_eq(tg_writer_write_buffer(w, doc, res, &after, NULL), TG_SUCCESS);
  tg_writer_free(w);
  ck_assert_uint_gt(fresh.len, 0);
  ck_assert_uint_eq(after.len - first, fresh.len);
  ck_assert(memcmp(after.buf + first, fresh.buf, fresh.len) == 0);
  tg_buf_clear(&fresh);
  tg_buf_clear(&after);
  tg_result_free(ores);
  tg_document_free(other);
}

START_TEST(test_after_another)
{
  same_after_another(TG_FORMAT_NTRIPLES);
  same_after_another(TG_FORMAT_NQUADS);
  same_after_another(TG_FORMAT_TURTLE);
}
END_TEST

/* A spill (a batch streaming a long article) collects the bytes here. */
typedef struct {
  TgBuf out;
  size_t calls;
  size_t at;
  bool fail;
} Spilled;

static bool collect(void *data, TgBuf *buf)
{
  Spilled *sp = (Spilled *)data;
  ck_assert_uint_ge(buf->len, sp->at); /* spilled once past the size, not before */
  ++sp->calls;
  if (sp->fail) {
    return false;
  }
  ck_assert_int_eq(tg_buf_append(&sp->out, buf->buf, buf->len), TG_SUCCESS);
  buf->len = 0;
  return true;
}

/* What is spilled, then what is left in the buffer, is the stream's
 * output byte for byte, in order. */
static void same_spilled(TgFormat format, int n)
{
  size_t size = 0;
  char *file = stream_copies(format, n, &size);
  Spilled sp = {{NULL, 0, 0}, 0, 4096, false};
  const TgSpill spill = {sp.at, collect, &sp};
  TgBuf buf;
  tg_buf_init(&buf);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(format, TG_PROVENANCE_FULL, NULL, NULL, NULL, NULL, &w),
                   TG_SUCCESS);
  for (int i = 0; i < n; ++i) {
    ck_assert_int_eq(tg_writer_write_buffer(w, doc, res, &buf, &spill), TG_SUCCESS);
  }
  tg_writer_free(w);
  ck_assert_uint_ge(sp.calls, size / (2 * sp.at)); /* it did spill, often */
  ck_assert_uint_lt(buf.len, sp.at + 4096);        /* and kept little */
  ck_assert_uint_eq(sp.out.len + buf.len, size);
  ck_assert(memcmp(sp.out.buf, file, sp.out.len) == 0);
  ck_assert(memcmp(buf.buf, file + sp.out.len, buf.len) == 0);
  tg_buf_clear(&sp.out);
  tg_buf_clear(&buf);
  free(file);
}

START_TEST(test_buffer_spill)
{
  same_spilled(TG_FORMAT_NTRIPLES, 20);
  same_spilled(TG_FORMAT_TURTLE, 20);
}
END_TEST

/* A spill that fails (a full disk under a streamed article) fails the
 * article. */
START_TEST(test_buffer_spill_fails)
{
  Spilled sp = {{NULL, 0, 0}, 0, 512, true};
  const TgSpill spill = {sp.at, collect, &sp};
  TgBuf buf;
  tg_buf_init(&buf);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(TG_FORMAT_NTRIPLES, TG_PROVENANCE_FULL, NULL, NULL, NULL, NULL,
                                 &w), TG_SUCCESS);
  ck_assert_int_eq(tg_writer_write_buffer(w, doc, res, &buf, &spill), TG_BAD_WRITE);
  ck_assert_uint_ge(sp.calls, 1);
  tg_writer_free(w);
  tg_buf_clear(&buf);
}
END_TEST

/* ---- Write errors ---- */

START_TEST(test_dev_full)
{
  FILE *f = fopen("/dev/full", "w");
  if (!f) {
    return; /* no /dev/full here */
  }
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(TG_FORMAT_NTRIPLES, TG_PROVENANCE_FACTS, NULL, f, NULL, NULL, &w),
                   TG_SUCCESS);
  const TgStatus ws = tg_writer_write(w, doc, res);
  const TgStatus fs = tg_writer_finish(w);
  ck_assert_msg(ws == TG_BAD_WRITE || fs == TG_BAD_WRITE, "write %d, finish %d", (int)ws, (int)fs);
  ck_assert(ws == TG_SUCCESS || ws == TG_BAD_WRITE);
  ck_assert_int_eq(fs, TG_BAD_WRITE);
  tg_writer_free(w);
  fclose(f);
}
END_TEST

/* Unbuffered, the failure shows in tg_writer_write itself. */
START_TEST(test_dev_full_unbuffered)
{
  FILE *f = fopen("/dev/full", "w");
  if (!f) {
    return;
  }
  ck_assert_int_eq(setvbuf(f, NULL, _IONBF, 0), 0);
  TgWriter *w = NULL;
  ck_assert_int_eq(tg_writer_new(TG_FORMAT_TURTLE, TG_PROVENANCE_NONE, NULL, f, NULL, NULL, &w),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_writer_write(w, doc, res), TG_BAD_WRITE);
  ck_assert_int_eq(tg_writer_finish(w), TG_BAD_WRITE);
  tg_writer_free(w);
  fclose(f);
}
END_TEST

START_TEST(test_free_null)
{
  tg_writer_free(NULL);
}
END_TEST

static Suite *writer_suite(void)
{
  Suite *s = suite_create("writer");

  TCase *tc = tcase_create("names");
  tcase_add_loop_test(tc, test_format_names, 0, (int)N_FORMATS);
  tcase_add_loop_test(tc, test_format_unknown, 0, (int)N_BAD_FORMATS);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);

  tc = tcase_create("write");
  tcase_set_timeout(tc, 120);
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_ntriples);
  tcase_add_test(tc, test_ntriples_no_provenance_and_base);
  tcase_add_test(tc, test_nquads);
  tcase_add_test(tc, test_turtle);
  tcase_add_test(tc, test_rdfxml);
  tcase_add_test(tc, test_dot);
  tcase_add_test(tc, test_full_provenance);
  tcase_add_test(tc, test_evidence_only_full);
  tcase_add_test(tc, test_buffer_ntriples);
  tcase_add_test(tc, test_buffer_turtle);
  tcase_add_test(tc, test_after_another);
  tcase_add_test(tc, test_buffer_spill);
  tcase_add_test(tc, test_buffer_spill_fails);
  tcase_add_test(tc, test_dev_full);
  tcase_add_test(tc, test_dev_full_unbuffered);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  if (!getenv("TELEGRAPH_DATA")) {
    fprintf(stderr, "test_writer: set TELEGRAPH_DATA to the ontology/ directory\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(writer_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
