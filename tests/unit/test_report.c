/* telegraph: unit tests for the reports (src/report.c): the HTML page and
 * the terminal explanation of small in-memory articles run through the
 * real extractor and data directory.
 *
 * Needs TELEGRAPH_DATA = ontology/ and a build with TG_TESTING defined
 * (allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/report.h"
#include "telegraph/telegraph.h"
#include "util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TG_TESTING
#  error "test_report needs TG_TESTING (allocation hook)"
#endif

static TgExtractor *ex;

static void print_diag(void *data, const char *file, unsigned line, unsigned col,
                       const char *msg)
{
  (void)data;
  fprintf(stderr, "%s:%u:%u: %s\n", file ? file : "-", line, col, msg);
}

static void load(void)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  ex = tg_extractor_new(print_diag, NULL);
  ck_assert_ptr_nonnull(ex);
  ck_assert_int_eq(tg_extractor_load_dir(ex, data), TG_SUCCESS);
}

static void unload(void)
{
  tg_extractor_free(ex);
  ex = NULL;
}

/* Run on `text`; the caller frees both. */
static TgResult *run(const char *text, const char *date, TgDocument **doc)
{
  ck_assert_int_eq(tg_document_new(text, strlen(text), "t", NULL, date, NULL, NULL, doc),
                   TG_SUCCESS);
  TgResult *r = NULL;
  ck_assert_int_eq(tg_extractor_run(ex, *doc, &r), TG_SUCCESS);
  ck_assert_ptr_nonnull(r);
  return r;
}

/* The HTML report (or explanation) of doc and r as a string; free(). */
static char *html_of(const TgDocument *doc, const TgResult *r)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(tg_report_html(doc, r, NULL, f), TG_SUCCESS);
  ck_assert_int_eq(fclose(f), 0);
  ck_assert_uint_eq(strlen(buf), len);
  return buf;
}

static char *explain_of(const TgDocument *doc, const TgResult *r, bool color)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(tg_report_explain(doc, r, f, color), TG_SUCCESS);
  ck_assert_int_eq(fclose(f), 0);
  return buf;
}

static size_t count(const char *hay, const char *needle)
{
  size_t n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
    ++n;
  }
  return n;
}

#define ASSERT_HAS(hay, needle) \
  ck_assert_msg(strstr((hay), (needle)) != NULL, "missing: %s", (needle))
#define ASSERT_LACKS(hay, needle) \
  ck_assert_msg(strstr((hay), (needle)) == NULL, "unexpected: %s", (needle))

/* Run `fn` with PATH pointing nowhere, so `dot` is not found. */
static char *saved_path;

static void hide_dot(void)
{
  const char *p = getenv("PATH");
  saved_path = p ? strdup(p) : NULL;
  ck_assert_int_eq(setenv("PATH", "/nonexistent-telegraph-test", 1), 0);
}

static void restore_path(void)
{
  if (saved_path) {
    ck_assert_int_eq(setenv("PATH", saved_path, 1), 0);
  } else {
    unsetenv("PATH");
  }
  free(saved_path);
  saved_path = NULL;
}

static bool have_dot(void)
{
  const char *path = getenv("PATH");
  char *copy = strdup(path ? path : "");
  bool found = false;
  for (char *dir = strtok(copy, ":"); dir && !found; dir = strtok(NULL, ":")) {
    char full[4096];
    snprintf(full, sizeof full, "%s/dot", dir);
    found = access(full, X_OK) == 0;
  }
  free(copy);
  return found;
}

static const char *const seed =
    " date 2025-02-28 China approves 13 foreign-invested telecom firms: MIIT\n"
    "\n"
    "The Ministry of Industry and Information Technology (MIIT) on Friday announced that it has "
    "granted pilot approvals for value-added services for 13 foreign-funded telecom operators in "
    "Beijing, Shanghai, Hainan, and Shenzhen, Xinhua News Agency reported.\n"
    "\n"
    "The newly registered companies, including Deutsche Telekom (China) Communication Technology "
    "Co, and Siemens Digital Technology (Shenzhen) Co, will offer a range of services such as "
    "internet access and information services, said the report.\n"
    "\n"
    "China saw the establishment of 2,400 new foreign-invested enterprises in the "
    "telecommunication sector, as of the end of February 2025, marking a 30 percent "
    "year-on-year increase, according to the report.\n"
    "\n"
    "An action plan to stabilize foreign investment in 2025 was approved by a State Council "
    "executive meeting on February 20.\n";

/* ---- HTML ---- */

START_TEST(test_html_every_mention_in_span)
{
  TgDocument *doc = NULL;
  TgResult *r = run(seed, NULL, &doc);
  ck_assert_uint_gt(tg_result_n_mentions(r), 15);
  hide_dot();
  char *html = html_of(doc, r);
  restore_path();
  const char *text = tg_document_text(doc);
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    char open[128];
    snprintf(open, sizeof open, "<span class=\"m c-%s\" id=\"m%zu\" title=\"",
             tg_class_name(m->cls), i);
    const char *at = strstr(html, open);
    ck_assert_msg(at != NULL, "mention %zu (%s) has no span", i, tg_class_name(m->cls));
    ck_assert_uint_eq(count(html, open), 1);
    const char *content = strstr(at, "\">");
    ck_assert_ptr_nonnull(content);
    content += 2;
    const size_t n = m->span.end - m->span.begin;
    ck_assert_msg(strncmp(content, text + m->span.begin, n) == 0 &&
                      strncmp(content + n, "</span>", 7) == 0,
                  "mention %zu: span holds '%.40s', want '%.*s'", i, content, (int)n,
                  text + m->span.begin);
  }
  /* Spot checks of classes and tooltips. */
  ASSERT_HAS(html, "title=\"Regulator: Ministry of Industry and Information Technology\">MIIT"
                   "</span>");
  ASSERT_HAS(html, "title=\"Company: Deutsche Telekom (China) Communication Technology Co\">"
                   "Deutsche Telekom (China) Communication Technology Co</span>");
  ASSERT_HAS(html, "<span class=\"m c-Place\" id=\"");
  ASSERT_HAS(html, "title=\"Place: Beijing\">Beijing</span>");
  ASSERT_HAS(html, "title=\"NewsAgency: Xinhua News Agency\">Xinhua News Agency</span>");
  ASSERT_HAS(html, "title=\"GovernmentBody: State Council\">State Council</span>");
  ASSERT_HAS(html, "title=\"Date: 2025-02-20\">February 20</span>");
  /* Every sentence is wrapped, tags balance, and the page is one file. */
  for (size_t i = 0; i < tg_result_n_sentences(r); ++i) {
    char s[64];
    snprintf(s, sizeof s, "<span class=\"s\" data-s=\"%zu\">", i);
    ASSERT_HAS(html, s);
  }
  ck_assert_uint_eq(count(html, "<span"), count(html, "</span>"));
  ck_assert_uint_eq(count(html, "<li"), count(html, "</li>"));
  ck_assert_uint_eq(count(html, "<table"), count(html, "</table>"));
  ck_assert_int_eq(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33), 0);
  ASSERT_HAS(html, "<meta charset=\"utf-8\">");
  ASSERT_LACKS(html, "src=");
  ASSERT_LACKS(html, "<link");
  ASSERT_LACKS(html, "@import");
  /* The headline is sentence 0: its names are marked like the body's. */
  ASSERT_HAS(html, "<h1 id=\"headline\"><span class=\"s\" data-s=\"0\">"
                   "<span class=\"m c-Place\" id=\"m0\" title=\"Place: China\">China</span>"
                   " approves ");
  ASSERT_HAS(html, " foreign-invested telecom firms: ");
  ASSERT_HAS(html, "<time datetime=\"2025-02-28\">2025-02-28</time>");
  for (const char *const *c = (const char *const[]){"Regulator", "GovernmentBody", "Company",
                                                     "NewsAgency", "Person", "Place", "Policy",
                                                     "Service", "Date", "Number", "Money",
                                                     "Percent", NULL};
       *c; ++c) {
    char li[96];
    snprintf(li, sizeof li, "<li class=\"c-%s\">%s</li>", *c, *c);
    ASSERT_HAS(html, li);
  }
  free(html);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_html_facts_listed)
{
  TgDocument *doc = NULL;
  TgResult *r = run(seed, NULL, &doc);
  hide_dot();
  char *html = html_of(doc, r);
  restore_path();
  ck_assert_uint_ge(tg_result_n_facts(r), 3);
  unsigned n[TG_N_CLASSES] = {0};
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    const TgFact *f = tg_result_fact(r, i);
    char id[64];
    char buf[256];
    snprintf(id, sizeof id, "%s-%u", tg_class_name(f->cls), ++n[f->cls]);
    id[0] = (char)(id[0] - 'A' + 'a');
    snprintf(buf, sizeof buf, "<li class=\"fact %s\" id=\"%s\" tabindex=\"0\" data-sentence=\"%zu\"",
             tg_class_name(f->cls), id, f->sentence);
    const char *li = strstr(html, buf);
    ck_assert_msg(li != NULL, "no fact item %s", buf);
    const char *end = strstr(li, "</li>");
    ck_assert_ptr_nonnull(end);
    snprintf(buf, sizeof buf, "<span class=\"rule\">%s</span>", f->rule);
    const char *rule = strstr(li, buf);
    ck_assert_msg(rule && rule < end, "%s lacks its rule %s", id, f->rule);
    snprintf(buf, sizeof buf, "<span class=\"conf\">%.2f</span>", f->confidence);
    const char *conf = strstr(li, buf);
    ck_assert_msg(conf && conf < end, "%s lacks its confidence %s", id, buf);
    for (size_t k = 0; k < f->n_slots; ++k) {
      snprintf(buf, sizeof buf, "<th>%s</th>", tg_property_name(f->slots[k].prop));
      const char *th = strstr(li, buf);
      ck_assert_msg(th && th < end, "%s lacks slot %s", id, buf);
    }
    /* Every mention a fact lists exists. */
    const char *dm = strstr(li, "data-mentions=\"");
    ck_assert_ptr_nonnull(dm);
    for (const char *p = dm + 15; *p != '"';) {
      ck_assert_int_eq(*p, 'm');
      char *stop = NULL;
      const unsigned long m = strtoul(p + 1, &stop, 10);
      ck_assert_uint_lt(m, tg_result_n_mentions(r));
      p = *stop == ' ' ? stop + 1 : stop;
    }
  }
  ck_assert_uint_eq(n[TG_CLASS_APPROVAL], 1);
  ck_assert_uint_eq(n[TG_CLASS_STATISTIC], 1);
  ck_assert_uint_eq(n[TG_CLASS_DECISION], 1);
  ASSERT_HAS(html, "<tr><th>grantedBy</th><td><span class=\"chip c-Regulator\" title=\"Regulator "
                   "org/ministry-of-industry-and-information-technology\">Ministry of Industry "
                   "and Information Technology</span></td></tr>");
  ASSERT_HAS(html, "<tr><th>date</th><td><span class=\"lit\" title=\"xsd:date\">2025-02-20"
                   "</span></td></tr>");
  ASSERT_HAS(html, "<tr><th>value</th><td><span class=\"lit\" title=\"xsd:decimal\">2400"
                   "</span></td></tr>");
  ASSERT_HAS(html, "<mark class=\"c-GovernmentBody\">State Council</mark>");
  /* Without dot, a clear note instead of the picture. */
  ASSERT_HAS(html, "<p class=\"note\">Graph picture unavailable: GraphViz 'dot' is not "
                   "installed</p>");
  ASSERT_LACKS(html, "<svg");
  free(html);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_html_escapes)
{
  TgDocument *doc = NULL;
  TgResult *r = run(" date 2025-03-10 AT&T <wins> \"big\" in Beijing\n\n"
                    "The Ministry of Commerce on Friday granted licences to AT&T <Labs> and "
                    "China Unicom in Beijing. A <script>alert('x')</script> & more.\n",
                    NULL, &doc);
  hide_dot();
  char *html = html_of(doc, r);
  restore_path();
  ASSERT_HAS(html, "<h1 id=\"headline\"><span class=\"s\" data-s=\"0\">"
                   "<span class=\"m c-Company\" id=\"m0\" title=\"Company: AT&amp;T\">AT&amp;T"
                   "</span> &lt;wins&gt; \"big\" in <span class=\"m c-Place\" id=\"m1\" "
                   "title=\"Place: Beijing\">Beijing</span></span></h1>");
  ASSERT_HAS(html, "<title>AT&amp;T &lt;wins&gt; \"big\" in Beijing &ndash; telegraph report"
                   "</title>");
  ASSERT_HAS(html, "&lt;Labs&gt;");
  ASSERT_HAS(html, "title=\"Company: AT&amp;T\">AT&amp;T</span>");
  ASSERT_HAS(html, "A &lt;script&gt;alert('x')&lt;/script&gt; &amp; more.");
  ASSERT_HAS(html, "<span class=\"chip c-Company\" title=\"Company org/at-and-t\">AT&amp;T</span>");
  ASSERT_LACKS(html, "<Labs>");
  ASSERT_LACKS(html, "<wins>");
  ck_assert_uint_eq(count(html, "<script>"), 1); /* only the page's own */
  free(html);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_html_keeps_characters)
{
  static const char *const text =
      " date 2025-03-10 “Café” for 北京: résumé ’s\n\n"
      "The café “Zoë” in 北京 said 工业和信息化部 welcomed it. The Ministry of Commerce on "
      "Friday granted licences to China Mobile in Beijing.\n";
  TgDocument *doc = NULL;
  TgResult *r = run(text, NULL, &doc);
  hide_dot();
  char *html = html_of(doc, r);
  restore_path();
  ASSERT_HAS(html, "“Café” for 北京: résumé ’s");
  ASSERT_HAS(html, "The café “Zoë” in 北京 said 工业和信息化部 welcomed it.");
  ASSERT_HAS(html, "title=\"Company: China Mobile\">China Mobile</span>");
  ASSERT_HAS(html, "title=\"Place: Beijing\">Beijing</span>");
  /* Every mention span starts and ends on character boundaries of the text. */
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    const unsigned char *t = (const unsigned char *)tg_document_text(doc);
    ck_assert((t[m->span.begin] & 0xC0) != 0x80);
    ck_assert((t[m->span.end] & 0xC0) != 0x80);
  }
  char *ex_text = explain_of(doc, r, false);
  ASSERT_HAS(ex_text, "approval-1  grantedBy=Ministry of Commerce grantedTo=China Mobile "
                      "inRegion=Beijing date=2025-03-07  [approval.active 0.90]\n");
  free(ex_text);
  free(html);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_html_graph)
{
  if (!have_dot()) {
    fprintf(stderr, "test_html_graph: GraphViz dot is not on PATH; only the note is checked\n");
  }
  TgDocument *doc = NULL;
  TgResult *r = run(seed, NULL, &doc);
  char *html = html_of(doc, r);
  const char *graph = strstr(html, "<section id=\"graph\">");
  ck_assert_ptr_nonnull(graph);
  if (have_dot()) {
    ASSERT_HAS(graph, "<div class=\"svg\">\n<svg ");
    ASSERT_HAS(graph, "</svg>\n</div>\n</section>");
    ASSERT_HAS(graph, "State Council");
    ASSERT_HAS(graph, "id:doc/t#approval&#45;1");
    ASSERT_LACKS(html, "<?xml");
    ASSERT_LACKS(html, "<!DOCTYPE svg");
    ASSERT_LACKS(html, "Namespaces:"); /* raptor's legend is left out */
    ASSERT_LACKS(html, "Graph picture unavailable");
  } else {
    ASSERT_HAS(graph, "Graph picture unavailable: GraphViz 'dot' is not installed");
  }
  free(html);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_html_no_title_no_facts)
{
  TgDocument *doc = NULL;
  TgResult *r = run("Nothing happened here.\n", NULL, &doc);
  hide_dot();
  char *html = html_of(doc, r);
  restore_path();
  ASSERT_HAS(html, "<h1 id=\"headline\">t</h1>");
  ASSERT_HAS(html, "<time>undated</time>");
  ASSERT_HAS(html, "<p class=\"none\">No facts were found in this article.</p>");
  ASSERT_HAS(html, "<div class=\"article\"><span class=\"s\" data-s=\"0\">Nothing happened "
                   "here.</span>\n</div>");
  char *e = explain_of(doc, r, false);
  ck_assert_str_eq(e, "(no facts)\n");
  free(e);
  free(html);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- Explain ---- */

START_TEST(test_explain_exact)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The Ministry of Commerce on March 3, 2025 granted licences to China Mobile "
                    "and China Unicom in Beijing and Shanghai.\n\n"
                    "An action plan to stabilize foreign investment in 2025 was approved by a "
                    "State Council executive meeting on February 20.\n",
                    "2025-03-10", &doc);
  char *e = explain_of(doc, r, false);
  ck_assert_str_eq(
      e,
      "approval-1  grantedBy=Ministry of Commerce grantedTo=China Mobile grantedTo=China Unicom "
      "inRegion=Beijing inRegion=Shanghai date=2025-03-03  [approval.active 0.90]\n"
      "    The [[Ministry of Commerce]] on [[March 3, 2025]] granted licences to [[China Mobile]] "
      "and [[China Unicom]] in [[Beijing]] and [[Shanghai]].\n"
      "\n"
      "decision-1  adopts=action plan to stabilize foreign investment in 2025 decidedBy=State "
      "Council date=2025-02-20  [decision.passive 0.85]\n"
      "    An [[action plan to stabilize foreign investment in 2025]] was approved by a [[State "
      "Council]] executive meeting on [[February 20]].\n");
  free(e);
  char *c = explain_of(doc, r, true);
  ASSERT_HAS(c, "\033[1mapproval-1\033[0m  grantedBy=\033[1;31mMinistry of Commerce\033[0m ");
  ASSERT_HAS(c, "    The \033[1;31mMinistry of Commerce\033[0m on \033[1;36mMarch 3, 2025\033[0m");
  ASSERT_HAS(c, "  [decision.passive 0.85]\n");
  ASSERT_LACKS(c, "[[");
  free(c);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_explain_literals_and_line_breaks)
{
  TgDocument *doc = NULL;
  TgResult *r = run("China saw the establishment of 2,400 new foreign-invested enterprises in "
                    "the telecommunication sector,\nas of the end of February 2025, marking a 30 "
                    "percent year-on-year increase.\n",
                    "2025-03-10", &doc);
  char *e = explain_of(doc, r, false);
  ck_assert_str_eq(
      e, "statistic-1  measure=new foreign-invested enterprises in the telecommunication sector "
         "unit=enterprises value=2400 changeBasis=year-on-year changePercent=30 asOf=2025-02 "
         "inRegion=China  [statistic.count 0.80]\n"
         "    [[China]] saw the establishment of [[2,400]] [[new foreign-invested enterprises in "
         "the telecommunication sector]], as of [[the end of February 2025]], marking a [[30 "
         "percent]] [[year-on-year]] increase.\n");
  free(e);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- Errors ---- */

START_TEST(test_write_error)
{
  FILE *full = fopen("/dev/full", "w");
  if (!full) {
    return; /* no /dev/full on this system */
  }
  TgDocument *doc = NULL;
  TgResult *r = run(seed, NULL, &doc);
  hide_dot();
  ck_assert_int_eq(tg_report_html(doc, r, NULL, full), TG_BAD_WRITE);
  restore_path();
  clearerr(full);
  ck_assert_int_eq(tg_report_explain(doc, r, full, false), TG_BAD_WRITE);
  fclose(full);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_alloc_failure)
{
  TgDocument *doc = NULL;
  TgResult *r = run(seed, NULL, &doc);
  hide_dot();
  for (int which = 0; which < 2; ++which) {
    TgStatus st = TG_BAD_ALLOC;
    long n = 0;
    for (; st != TG_SUCCESS; ++n) {
      char *buf = NULL;
      size_t len = 0;
      FILE *f = open_memstream(&buf, &len);
      ck_assert_ptr_nonnull(f);
      tg_alloc_fail_after(n);
      st = which ? tg_report_explain(doc, r, f, false) : tg_report_html(doc, r, NULL, f);
      tg_alloc_fail_after(-1);
      fclose(f);
      ck_assert_msg(st == TG_SUCCESS || st == TG_BAD_ALLOC, "failing allocation %ld: %s", n,
                    tg_strerror(st));
      ck_assert_msg(st == TG_SUCCESS || len == 0, "failing allocation %ld wrote %zu bytes", n,
                    len);
      free(buf);
      ck_assert_int_lt(n, 100000);
    }
    ck_assert_int_gt(n, 2);
  }
  restore_path();
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

static Suite *report_suite(void)
{
  Suite *s = suite_create("report");
  TCase *tc = tcase_create("html");
  tcase_add_unchecked_fixture(tc, load, unload);
  tcase_add_test(tc, test_html_every_mention_in_span);
  tcase_add_test(tc, test_html_facts_listed);
  tcase_add_test(tc, test_html_escapes);
  tcase_add_test(tc, test_html_keeps_characters);
  tcase_add_test(tc, test_html_graph);
  tcase_add_test(tc, test_html_no_title_no_facts);
  suite_add_tcase(s, tc);
  tc = tcase_create("explain");
  tcase_add_unchecked_fixture(tc, load, unload);
  tcase_add_test(tc, test_explain_exact);
  tcase_add_test(tc, test_explain_literals_and_line_breaks);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_unchecked_fixture(tc, load, unload);
  tcase_add_test(tc, test_write_error);
  tcase_add_test(tc, test_alloc_failure);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(report_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
