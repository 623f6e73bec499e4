/* telegraph: unit tests for the recognizer's windows (src/recognizer.c):
 * a sentence longer than the window gives the mentions, entities and facts
 * of reading it whole, wherever the window edges fall.
 *
 * Needs TELEGRAPH_DATA = ontology/ and TG_SOURCE_ROOT = the source tree.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "pipeline.h"
#include "telegraph/telegraph.h"

#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TgExtractor *ex;

static void load(void)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  ex = tg_extractor_new(NULL, NULL);
  ck_assert_ptr_nonnull(ex);
  ck_assert_int_eq(tg_extractor_load_dir(ex, data), TG_SUCCESS);
  /* Sentences of kilobytes cost many match steps, more without the JIT
   * (under valgrind): the budget is not what is tested here. */
  tg_extractor_set_budget(ex, 4000000000ul);
}

static void unload(void)
{
  tg_recognize_window((size_t)1 << 16, 256, 256);
  tg_extractor_free(ex);
  ex = NULL;
}

static void put(TgBuf *b, const char *s)
{
  ck_assert_int_eq(tg_buf_append(b, s, strlen(s)), TG_SUCCESS);
}

/* Every mention (span, class, value, unit, source, entity), entity and
 * fact of `r`, one a line. */
static char *dump(const TgResult *r)
{
  TgBuf b;
  tg_buf_init(&b);
  char line[2048];
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    snprintf(line, sizeof line, "mention %zu %zu %s %s %s %s %ld %u\n", m->span.begin,
             m->span.end, tg_class_name(m->cls), m->value ? m->value : "-",
             m->unit ? m->unit : "-", m->source, m->entity, m->flags);
    put(&b, line);
  }
  for (size_t i = 0; i < tg_result_n_entities(r); ++i) {
    const TgEntity *e = tg_result_entity(r, i);
    snprintf(line, sizeof line, "entity %s %s %.300s\n", tg_class_name(e->cls), e->slug,
             e->label);
    put(&b, line);
  }
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    const TgFact *f = tg_result_fact(r, i);
    snprintf(line, sizeof line, "fact %s %s %zu %zu %zu\n", tg_class_name(f->cls), f->rule,
             f->span.begin, f->span.end, f->n_slots);
    put(&b, line);
  }
  put(&b, "");
  return b.buf;
}

static size_t count_lines(const char *s, const char *prefix)
{
  size_t n = 0;
  for (const char *p = s; *p; p = strchr(p, '\n') + 1) {
    n += strncmp(p, prefix, strlen(prefix)) == 0;
  }
  return n;
}

/* The bodies of the sample articles, two at a time made one long
 * sentence (their sentence ends and line breaks become commas and
 * spaces). */
static char *samples_as_long_sentences(void)
{
  const char *root = getenv("TG_SOURCE_ROOT");
  ck_assert_msg(root != NULL, "TG_SOURCE_ROOT is not set");
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/samples", root);
  DIR *d = opendir(dir);
  ck_assert_ptr_nonnull(d);
  TgBuf b;
  tg_buf_init(&b);
  put(&b, "Notes\n\n");
  struct dirent *de;
  size_t files = 0;
  while ((de = readdir(d)) != NULL) {
    const size_t n = strlen(de->d_name);
    if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0) {
      continue;
    }
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *text = calloc(1, 1 << 20);
    ck_assert_ptr_nonnull(text);
    const size_t len = fread(text, 1, (1 << 20) - 1, f);
    fclose(f);
    const char *body = strstr(text, "\n\n");
    for (const char *p = body ? body + 2 : text; p < text + len; ++p) {
      char c = *p;
      if ((c == '.' || c == '?' || c == '!') && (p[1] == ' ' || p[1] == '\n' || !p[1])) {
        c = ',';
      } else if (c == '\n') {
        c = ' ';
      }
      ck_assert_int_eq(tg_buf_putc(&b, c), TG_SUCCESS);
    }
    put(&b, ++files % 2 ? " " : ".\n\n");
    free(text);
  }
  closedir(d);
  return b.buf;
}

static char *run_dump(const char *text, size_t *longest)
{
  TgDocument *doc = NULL;
  ck_assert_int_eq(
      tg_document_new(text, strlen(text), "window", NULL, "2025-06-30", NULL, NULL, &doc),
      TG_SUCCESS);
  TgResult *r = NULL;
  ck_assert_int_eq(tg_extractor_run(ex, doc, &r), TG_SUCCESS);
  *longest = 0;
  for (size_t i = 0; i < tg_result_n_sentences(r); ++i) {
    const TgSpan s = tg_result_sentence(r, i);
    *longest = s.end - s.begin > *longest ? s.end - s.begin : *longest;
  }
  char *out = dump(r);
  tg_result_free(r);
  tg_document_free(doc);
  return out;
}

/* First differing line of two dumps, for the failure message. */
static void assert_same(const char *whole, const char *windowed, size_t bytes)
{
  const char *a = whole;
  const char *b = windowed;
  while (*a && *a == *b) {
    ++a;
    ++b;
  }
  if (!*a && !*b) {
    return;
  }
  while (a > whole && a[-1] != '\n') {
    --a;
    --b;
  }
  ck_abort_msg("windows of %zu bytes: whole gives '%.120s', windowed '%.120s'", bytes, a, b);
}

START_TEST(test_long_sentence_same_as_whole)
{
  char *text = samples_as_long_sentences();
  size_t longest = 0;
  tg_recognize_window(SIZE_MAX, 256, 256);
  char *whole = run_dump(text, &longest);
  /* Non-vacuous: sentences of kilobytes, with many names. */
  ck_assert_uint_gt(longest, 3000);
  ck_assert_uint_gt(count_lines(whole, "mention "), 1000);
  ck_assert_uint_gt(count_lines(whole, "entity "), 200);
  ck_assert_uint_gt(count_lines(whole, "fact "), 20);
  /* Small windows in many sizes, so their edges fall inside names, dates
   * and amounts all over the sentence; the least context the recognizer
   * allows. */
  static const size_t sizes[] = {1, 97, 400, 1021, 1500, 2900, 4096};
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; ++k) {
    tg_recognize_window(sizes[k], 0, 0);
    size_t again = 0;
    char *windowed = run_dump(text, &again);
    ck_assert_uint_eq(again, longest);
    assert_same(whole, windowed, sizes[k]);
    free(windowed);
  }
  free(whole);
  free(text);
}
END_TEST

/* A name cut by a window edge is still read whole: with windows of a few
 * tokens past the context, every edge falls in the middle of some
 * "Ministry of Industry and Information Technology", and some in a name
 * longer than the window. */
START_TEST(test_name_across_the_edge)
{
  TgBuf b;
  tg_buf_init(&b);
  put(&b, "Headline\n\n");
  for (int i = 0; i < 60; ++i) {
    put(&b, i % 3 ? "the Ministry of Industry and Information Technology granted "
                  : "licences worth 3.5 billion yuan on March 3, 2025, to Acme Telecom Co., Ltd. and ");
    if (i % 25 == 7) {
      /* A name of 80 tokens: longer than a window's look-ahead, so the
       * window holding its start is read again, longer. */
      for (int k = 0; k < 79; ++k) {
        put(&b, k % 2 ? "Northern " : "Harbour ");
      }
      put(&b, "Holdings Ltd and ");
    }
  }
  put(&b, "others\n");
  size_t longest = 0;
  tg_recognize_window(SIZE_MAX, 256, 256);
  char *whole = run_dump(b.buf, &longest);
  ck_assert_uint_gt(longest, 5000);
  ck_assert_uint_ge(count_lines(whole, "mention "), 60);
  ck_assert_ptr_nonnull(strstr(whole, "org/harbour-northern-harbour"));
  for (size_t bytes = 1; bytes < 600; bytes += 53) {
    tg_recognize_window(bytes, 0, 0);
    size_t again = 0;
    char *windowed = run_dump(b.buf, &again);
    assert_same(whole, windowed, bytes);
    free(windowed);
  }
  free(whole);
  tg_buf_clear(&b);
}
END_TEST

static Suite *window_suite(void)
{
  Suite *s = suite_create("window");
  TCase *tc = tcase_create("window");
  tcase_add_checked_fixture(tc, load, unload);
  tcase_add_test(tc, test_long_sentence_same_as_whole);
  tcase_add_test(tc, test_name_across_the_edge);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(window_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
