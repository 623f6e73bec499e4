/* telegraph: unit tests for gazetteers (src/gazetteer.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "gazetteer.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- error collection ---- */

#define MAX_ERRORS 4

typedef struct {
  unsigned count;
  unsigned line[MAX_ERRORS];
  unsigned col[MAX_ERRORS];
  char msg[MAX_ERRORS][300];
  char file[MAX_ERRORS][256];
} Errors;

static void collect(void *data, const char *file, unsigned line, unsigned col, const char *msg)
{
  Errors *e = (Errors *)data;
  if (e->count < MAX_ERRORS) {
    e->line[e->count] = line;
    e->col[e->count] = col;
    snprintf(e->msg[e->count], sizeof e->msg[0], "%s", msg);
    snprintf(e->file[e->count], sizeof e->file[0], "%s", file ? file : "(null)");
  }
  ++e->count;
}

static const char good_tsv[] =
    "# name\ttype\taliases\twikidata\tgeonames\tdbpedia\twithin\n"
    "\n"
    "China\tPlace\tPRC|People's Republic of China\tQ148\t1814991\tChina\t\n"
    "Beijing\tPlace\t\tQ956\t1816670\tBeijing\tChina\n"
    "China Mobile\tCompany\tCMCC|China Mobile Communications Group\tQ741618\t\tChina_Mobile\n"
    "Ministry of Industry and Information Technology\tRegulator\tMIIT\tQ1002010\n"
    "People's Bank of China\tRegulator\tPBOC\n"
    "Xi\xE2\x80\x99" "an Telecom\tCompany\n"
    "internet access services\tService\tinternet access|ISP services\n"
    "AT&T\tCompany\tAT&T Inc.\n"
    "   # an indented comment\n"
    "United States\tPlace\tU.S.|US\tQ30\r\n"
    "MobiFone\tCompany\n";

static TgGazetteer *gaz;

static void load_good(void)
{
  gaz = tg_gazetteer_new();
  ck_assert_ptr_nonnull(gaz);
  Errors e = {0};
  ck_assert_int_eq(tg_gazetteer_parse(gaz, "good.tsv", good_tsv, sizeof good_tsv - 1, collect, &e),
                   TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
}

static void free_good(void)
{
  tg_gazetteer_free(gaz);
  gaz = NULL;
}

START_TEST(test_entries)
{
  ck_assert_uint_eq(tg_gazetteer_size(gaz), 10);
  const long china = tg_gazetteer_find(gaz, "China");
  ck_assert_int_eq(china, 0);
  const TgGazEntry *e = tg_gazetteer_entry(gaz, (size_t)china);
  ck_assert_str_eq(e->name, "China");
  ck_assert_int_eq(e->cls, TG_CLASS_PLACE);
  ck_assert_str_eq(e->wikidata, "Q148");
  ck_assert_str_eq(e->geonames, "1814991");
  ck_assert_str_eq(e->dbpedia, "China");
  ck_assert_ptr_null(e->within);
  ck_assert_str_eq(e->file, "good.tsv");
  ck_assert_uint_eq(e->line, 3);

  e = tg_gazetteer_entry(gaz, (size_t)tg_gazetteer_find(gaz, "Beijing"));
  ck_assert_str_eq(e->within, "China");
  ck_assert_uint_eq(e->line, 4);

  e = tg_gazetteer_entry(gaz, (size_t)tg_gazetteer_find(gaz, "Ministry of Industry and Information Technology"));
  ck_assert_int_eq(e->cls, TG_CLASS_REGULATOR);
  ck_assert_str_eq(e->wikidata, "Q1002010");
  ck_assert_ptr_null(e->geonames);
  ck_assert_ptr_null(e->dbpedia);
  ck_assert_ptr_null(e->within);

  e = tg_gazetteer_entry(gaz, (size_t)tg_gazetteer_find(gaz, "United States"));
  ck_assert_str_eq(e->wikidata, "Q30"); /* CR of CR LF is not part of the field */
  ck_assert_uint_eq(e->line, 12);

  ck_assert_int_eq(tg_gazetteer_find(gaz, "china"), -1);
  ck_assert_int_eq(tg_gazetteer_find(gaz, "MIIT"), -1); /* aliases are not names */
  ck_assert_int_eq(tg_gazetteer_find(gaz, "Nowhere"), -1);
}
END_TEST

/* Match at token `start` of `text`: the canonical name and tokens used. */
typedef struct {
  const char *text;
  size_t start;
  const char *want; /* canonical name, or NULL for no match */
  size_t n_tokens;
} MatchCase;

static const MatchCase match_cases[] = {
    {"China Mobile said", 0, "China Mobile", 2},
    {"China said", 0, "China", 1},
    {"in China.", 1, "China", 1},
    {"China Mobile Communications Group said", 0, "China Mobile", 4},
    {"CMCC said", 0, "China Mobile", 1},
    {"the MIIT said", 1, "Ministry of Industry and Information Technology", 1},
    {"The Ministry of Industry and Information Technology (MIIT)", 1,
     "Ministry of Industry and Information Technology", 6},
    {"People's Republic of China", 0, "China", 5},
    {"PRC", 0, "China", 1},
    /* Names are case-sensitive. */
    {"china mobile said", 0, NULL, 0},
    /* An all-capitals run, as in a dateline, matches the title-case name. */
    {"CHINA said", 0, "China", 1},
    {"Chinese said", 0, NULL, 0},
    {"Miit said", 0, NULL, 0},
    /* As a fallback, a name-like text in another case finds the name. */
    {"Mobifone said", 0, "MobiFone", 1},
    {"MOBIFONE said", 0, "MobiFone", 1},
    {"Peoples bank of China", 0, NULL, 0},
    {"mobifone said", 0, NULL, 0},
    {"Pboc said", 0, NULL, 0}, /* an acronym keeps its case */
    /* Services are not. */
    {"Internet Access Services", 0, "internet access services", 3},
    {"INTERNET ACCESS", 0, "internet access services", 2},
    {"isp Services", 0, "internet access services", 2},
    /* The curly apostrophe equals the straight one, both ways. */
    {"People\xE2\x80\x99s Bank of China", 0, "People's Bank of China", 5},
    {"People's Bank of China", 0, "People's Bank of China", 5},
    {"Xi'an Telecom", 0, "Xi\xE2\x80\x99" "an Telecom", 2},
    {"Xi\xE2\x80\x99" "an Telecom", 0, "Xi\xE2\x80\x99" "an Telecom", 2},
    {"People\xE2\x80\x99s Republic of China", 0, "China", 5},
    /* Punctuation inside names. */
    {"AT&T said", 0, "AT&T", 1},
    {"AT&T Inc. said", 0, "AT&T", 3},
    {"the U.S. market", 1, "United States", 1},
    {"Orchid Data (U.S.) Inc.", 3, "United States", 1},
    {"the US market", 1, "United States", 1},
    /* A name does not start on punctuation or in the middle. */
    {"(China)", 0, NULL, 0},
    {"Mobile said", 0, NULL, 0},
    {"Chinas", 0, NULL, 0},
};
#define N_MATCH (sizeof match_cases / sizeof match_cases[0])

START_TEST(test_match)
{
  const MatchCase *c = &match_cases[_i];
  TgVec toks;
  tg_vec_init(&toks, sizeof(TgToken));
  TgSpan all = {0, strlen(c->text)};
  ck_assert_int_eq(tg_tokenize(c->text, all, &toks), TG_SUCCESS);
  ck_assert_uint_gt(toks.len, c->start);
  size_t n = 99;
  const long e = tg_gazetteer_match(gaz, c->text, (const TgToken *)toks.data, toks.len,
                                    c->start, &n);
  if (!c->want) {
    ck_assert_msg(e == -1, "'%s': matched '%s'", c->text,
                  e >= 0 ? tg_gazetteer_entry(gaz, (size_t)e)->name : "");
  } else {
    ck_assert_msg(e >= 0, "'%s': no match, want '%s'", c->text, c->want);
    ck_assert_str_eq(tg_gazetteer_entry(gaz, (size_t)e)->name, c->want);
    ck_assert_uint_eq(n, c->n_tokens);
  }
  tg_vec_clear(&toks);
}
END_TEST

/* The kept lookup answers as tg_gazetteer_match at every token, the first
 * time and again from what it kept; a kept answer is not looked up anew. */
START_TEST(test_match_kept)
{
  const MatchCase *c = &match_cases[_i];
  TgVec toks;
  tg_vec_init(&toks, sizeof(TgToken));
  TgSpan all = {0, strlen(c->text)};
  ck_assert_int_eq(tg_tokenize(c->text, all, &toks), TG_SUCCESS);
  const TgToken *t = (const TgToken *)toks.data;
  TgGazHit *hits = (TgGazHit *)calloc(toks.len, sizeof *hits);
  ck_assert_ptr_nonnull(hits);
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < toks.len; ++i) {
      size_t want_n = 77;
      size_t got_n = 77;
      const long want = tg_gazetteer_match(gaz, c->text, t, toks.len, i, &want_n);
      const long got = tg_gazetteer_match_kept(gaz, c->text, t, toks.len, i, &got_n, hits);
      ck_assert_int_eq(got, want);
      ck_assert_uint_eq(got_n, want_n);
      ck_assert(hits[i].known);
    }
  }
  hits[0].entry = 1;
  hits[0].n_tokens = 9;
  size_t n = 0;
  ck_assert_int_eq(tg_gazetteer_match_kept(gaz, c->text, t, toks.len, 0, &n, hits), 1);
  ck_assert_uint_eq(n, 9);
  free(hits);
  tg_vec_clear(&toks);
}
END_TEST

/* An empty gazetteer matches nothing. */
START_TEST(test_empty)
{
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  ck_assert_int_eq(tg_gazetteer_parse(g, "empty.tsv", "", 0, collect, &e), TG_SUCCESS);
  ck_assert_int_eq(tg_gazetteer_parse(g, "comments.tsv", "# x\n\n", 5, collect, &e), TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_eq(tg_gazetteer_size(g), 0);
  TgToken t = {{0, 5}, true, true, TG_TOK_CAP};
  size_t n = 0;
  ck_assert_int_eq(tg_gazetteer_match(g, "China", &t, 1, 0, &n), -1);
  tg_gazetteer_free(g);
}
END_TEST

/* A later file may not reuse a name of an earlier one; the message names
 * the first definition. */
START_TEST(test_clash_across_files)
{
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  static const char a[] = "Acme\tCompany\tACM\n";
  ck_assert_int_eq(tg_gazetteer_parse(g, "a.tsv", a, sizeof a - 1, collect, &e), TG_SUCCESS);
  static const char b[] = "# b\nAcme Group\tCompany\tACM\n";
  ck_assert_int_eq(tg_gazetteer_parse(g, "b.tsv", b, sizeof b - 1, collect, &e), TG_BAD_SYNTAX);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], "b.tsv");
  ck_assert_uint_eq(e.line[0], 2);
  ck_assert_uint_eq(e.col[0], 20);
  ck_assert_str_eq(e.msg[0], "'ACM' already names 'Acme' (a.tsv:1)");
  tg_gazetteer_free(g);
}
END_TEST

/* The same name twice for one entity is harmless; a Service and a
 * non-Service may share a spelling (separate key spaces). */
START_TEST(test_no_clash)
{
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  static const char text[] = "Acme\tCompany\tAcme|ACME\n"
                             "payments\tService\tPayments\n"
                             "Payments\tCompany\n";
  ck_assert_int_eq(tg_gazetteer_parse(g, "x.tsv", text, sizeof text - 1, collect, &e),
                   TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_eq(tg_gazetteer_size(g), 3);
  tg_gazetteer_free(g);
}
END_TEST

/* A later file's row with an earlier entry's canonical name and type
 * extends it: aliases, ids and `within` are added, the IRI stays. */
START_TEST(test_extend_across_files)
{
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  static const char a[] = "Acme\tCompany\tACM\t\t\tAcme_Corp\n"
                          "Ruritania\tPlace\n";
  ck_assert_int_eq(tg_gazetteer_parse(g, "a.tsv", a, sizeof a - 1, collect, &e), TG_SUCCESS);
  static const char b[] = "Acme\tCompany\tAcme Corp|ACM\tQ42\t\tAcme_Corp\n"
                          "Zenda\tPlace\t\t\t\t\tRuritania\n";
  ck_assert_int_eq(tg_gazetteer_parse(g, "b.tsv", b, sizeof b - 1, collect, &e), TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_eq(tg_gazetteer_size(g), 3);
  const TgGazEntry *acme = tg_gazetteer_entry(g, 0);
  ck_assert_str_eq(acme->wikidata, "Q42");
  ck_assert_str_eq(acme->dbpedia, "Acme_Corp");
  ck_assert_str_eq(acme->slug, "org/acme");
  ck_assert_str_eq(acme->file, "a.tsv");
  TgVec toks;
  tg_vec_init(&toks, sizeof(TgToken));
  static const char text[] = "Acme Corp";
  TgSpan all = {0, sizeof text - 1};
  ck_assert_int_eq(tg_tokenize(text, all, &toks), TG_SUCCESS);
  size_t n = 0;
  ck_assert_int_eq(tg_gazetteer_match(g, text, (const TgToken *)toks.data, toks.len, 0, &n), 0);
  ck_assert_uint_eq(n, 2);
  tg_vec_clear(&toks);
  tg_gazetteer_free(g);
}
END_TEST

/* Extending never overrides: another id, another type, or the same file. */
START_TEST(test_extend_conflicts)
{
  static const char a[] = "Acme\tCompany\t\tQ1\n";
  static const struct {
    const char *text;
    const char *name;
    unsigned col;
    const char *msg;
  } cases[] = {
      {"Acme\tCompany\t\tQ2\n", "b.tsv", 15, "'Acme' already has wikidata id 'Q1' (a.tsv:1)"},
      {"Acme\tRegulator\t\tQ1\n", "b.tsv", 1, "'Acme' already names 'Acme' (a.tsv:1)"},
      {"Acme\tCompany\tACM\n", "a.tsv", 1, "'Acme' already names 'Acme' (a.tsv:1)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    TgGazetteer *g = tg_gazetteer_new();
    Errors e = {0};
    ck_assert_int_eq(tg_gazetteer_parse(g, "a.tsv", a, sizeof a - 1, collect, &e), TG_SUCCESS);
    ck_assert_int_eq(tg_gazetteer_parse(g, cases[i].name, cases[i].text, strlen(cases[i].text),
                                        collect, &e),
                     TG_BAD_SYNTAX);
    ck_assert_uint_eq(e.count, 1);
    ck_assert_uint_eq(e.col[0], cases[i].col);
    ck_assert_str_eq(e.msg[0], cases[i].msg);
    ck_assert_str_eq(tg_gazetteer_entry(g, 0)->wikidata, "Q1");
    tg_gazetteer_free(g);
  }
}
END_TEST

/* ---- Malformed rows: exact FILE:LINE:COL ---- */

typedef struct {
  const char *name;
  const char *text;
  unsigned line;
  unsigned col;
  const char *msg_part;
} BadCase;

static const BadCase bad_cases[] = {
    {"unknown type", "# h\nAcme\tFirm\n", 2, 6, "unknown type 'Firm'"},
    {"value class as type", "Acme\tDate\n", 1, 6, "unknown type 'Date'"},
    {"empty type", "Acme\t\tACM\n", 1, 6, "unknown type ''"},
    {"bad qid letter", "Acme\tCompany\t\tP123\n", 1, 15, "wikidata id must look like Q123"},
    {"bad qid digits", "Acme\tCompany\tA|B\tQ12a\n", 1, 18, "wikidata id must look like Q123"},
    {"bare Q", "Acme\tCompany\t\tQ\n", 1, 15, "wikidata id must look like Q123"},
    {"geonames not numeric", "Beijing\tPlace\t\tQ956\t18166x70\n", 1, 21,
     "geonames id must be a number"},
    {"geonames negative", "Beijing\tPlace\t\t\t-1\n", 1, 17, "geonames id must be a number"},
    {"dbpedia with space", "Acme\tCompany\t\t\t\tAcme Corp\n", 1, 21, "dbpedia title"},
    {"alias clash", "Acme\tCompany\tAC\nAcme Two\tCompany\tX|AC\n", 2, 20,
     "'AC' already names 'Acme' (bad.tsv:1)"},
    {"name clashes with alias", "Acme\tCompany\tAC\nAC\tRegulator\n", 2, 1,
     "'AC' already names 'Acme'"},
    /* The column of the first extra field. */
    {"too many fields", "Acme\tCompany\t\t\t\t\t\tx\n", 1, 19, "too many fields"},
    {"too many fields, long extra", "A\tPlace\t\t\t\t\t\textra\n", 1, 14, "too many fields"},
    {"control character", "Acme\tCompany\tA\x01" "B\n", 1, 15, "control character"},
    {"control character line 3", "\n# c\nAc\x1bme\tCompany\n", 3, 3, "control character"},
    {"empty name", "\tCompany\n", 1, 1, "empty name"},
};
#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

START_TEST(test_bad_rows)
{
  const BadCase *c = &bad_cases[_i];
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  ck_assert_int_eq(tg_gazetteer_parse(g, "bad.tsv", c->text, strlen(c->text), collect, &e),
                   TG_BAD_SYNTAX);
  ck_assert_msg(e.count == 1, "%s: %u errors", c->name, e.count);
  ck_assert_str_eq(e.file[0], "bad.tsv");
  ck_assert_msg(e.line[0] == c->line && e.col[0] == c->col, "%s: bad.tsv:%u:%u, want %u:%u (%s)",
                c->name, e.line[0], e.col[0], c->line, c->col, e.msg[0]);
  if (c->msg_part) {
    ck_assert_msg(strstr(e.msg[0], c->msg_part) != NULL, "%s: message '%s' lacks '%s'", c->name,
                  e.msg[0], c->msg_part);
  }
  tg_gazetteer_free(g);
}
END_TEST

/* The real files load without a diagnostic. */
START_TEST(test_real_files)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  static const char *const files[] = {"companies", "media", "places", "regulators", "services"};
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; ++i) {
    char path[1024];
    snprintf(path, sizeof path, "%s/gazetteer/%s.tsv", data, files[i]);
    ck_assert_int_eq(tg_gazetteer_load(g, path, collect, &e), TG_SUCCESS);
  }
  ck_assert_uint_eq(e.count, 0);
  ck_assert_int_ge(tg_gazetteer_find(g, "Ministry of Industry and Information Technology"), 0);
  ck_assert_int_ge(tg_gazetteer_find(g, "Xinhua News Agency"), 0);
  tg_gazetteer_free(g);
}
END_TEST

/* Every name of the shipped files, written as it is, is found at its own
 * tokens: the first-token filter in front of the lookup turns none away. */
START_TEST(test_real_names_found)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  static const char *const files[] = {"companies", "media",    "places",
                                      "places-world", "regulators", "services"};
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; ++i) {
    char path[1024];
    snprintf(path, sizeof path, "%s/gazetteer/%s.tsv", data, files[i]);
    ck_assert_int_eq(tg_gazetteer_load(g, path, collect, &e), TG_SUCCESS);
  }
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_gt(tg_gazetteer_size(g), 1000);
  TgVec toks;
  tg_vec_init(&toks, sizeof(TgToken));
  for (size_t i = 0; i < tg_gazetteer_size(g); ++i) {
    const char *name = tg_gazetteer_entry(g, i)->name;
    toks.len = 0;
    ck_assert_int_eq(tg_tokenize(name, (TgSpan){0, strlen(name)}, &toks), TG_SUCCESS);
    const TgToken *t = (const TgToken *)toks.data;
    if (!toks.len || !t[0].word) {
      continue; /* a name that starts on punctuation is never looked up */
    }
    size_t n = 0;
    const long hit = tg_gazetteer_match(g, name, t, toks.len, 0, &n);
    ck_assert_msg(hit >= 0, "'%s' not found", name);
    ck_assert_msg(strcasecmp(tg_gazetteer_entry(g, (size_t)hit)->name, name) == 0,
                  "'%s' found as '%s'", name, tg_gazetteer_entry(g, (size_t)hit)->name);
    ck_assert_uint_eq(n, toks.len);
  }
  tg_vec_clear(&toks);
  tg_gazetteer_free(g);
}
END_TEST

START_TEST(test_load_missing)
{
  TgGazetteer *g = tg_gazetteer_new();
  Errors e = {0};
  ck_assert_int_eq(tg_gazetteer_load(g, "/nonexistent/x.tsv", collect, &e), TG_BAD_READ);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], "/nonexistent/x.tsv");
  ck_assert_uint_eq(e.line[0], 0);
  tg_gazetteer_free(g);
}
END_TEST

START_TEST(test_free_null)
{
  tg_gazetteer_free(NULL);
}
END_TEST

static Suite *gazetteer_suite(void)
{
  Suite *s = suite_create("gazetteer");

  TCase *tc = tcase_create("lookup");
  tcase_add_checked_fixture(tc, load_good, free_good);
  tcase_add_test(tc, test_entries);
  tcase_add_loop_test(tc, test_match, 0, (int)N_MATCH);
  tcase_add_loop_test(tc, test_match_kept, 0, (int)N_MATCH);
  suite_add_tcase(s, tc);

  tc = tcase_create("parse");
  tcase_add_test(tc, test_empty);
  tcase_add_test(tc, test_clash_across_files);
  tcase_add_test(tc, test_no_clash);
  tcase_add_test(tc, test_extend_across_files);
  tcase_add_test(tc, test_extend_conflicts);
  tcase_add_loop_test(tc, test_bad_rows, 0, (int)N_BAD);
  tcase_add_test(tc, test_real_files);
  tcase_add_test(tc, test_real_names_found);
  tcase_add_test(tc, test_load_missing);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(gazetteer_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
