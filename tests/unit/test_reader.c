/* telegraph: unit tests for the reader (src/reader.c, TgDocument).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef _POSIX_C_SOURCE
#  define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir, unlink */
#endif

#include "telegraph/document.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- error collection ---- */

#define MAX_ERRORS 4

typedef struct {
  unsigned count;
  unsigned line[MAX_ERRORS];
  unsigned col[MAX_ERRORS];
  char msg[MAX_ERRORS][200];
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

static TgStatus doc_from(const char *text, size_t len, const char *date, Errors *e,
                         TgDocument **out)
{
  return tg_document_new(text, len, "doc-1", "input.txt", date, collect, e, out);
}

/* ---- The dateline layout ---- */

START_TEST(test_dateline)
{
  static const char text[] = " date 2025-02-28 China approves 13 firms: MIIT\n\nThe Ministry said.\n";
  Errors e = {0};
  TgDocument *doc = NULL;
  ck_assert_int_eq(doc_from(text, sizeof text - 1, NULL, &e, &doc), TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_ptr_nonnull(doc);
  ck_assert_str_eq(tg_document_id(doc), "doc-1");
  ck_assert_str_eq(tg_document_source(doc), "input.txt");
  ck_assert_str_eq(tg_document_title(doc), "China approves 13 firms: MIIT");
  ck_assert_str_eq(tg_document_date(doc), "2025-02-28");
  ck_assert_uint_eq(tg_document_length(doc), sizeof text - 1);
  ck_assert_str_eq(tg_document_text(doc), text);
  ck_assert_uint_eq(tg_document_body_offset(doc), 48);
  ck_assert_int_eq(strncmp(tg_document_text(doc) + 48, "The Ministry", 12), 0);
  ck_assert_uint_eq(tg_document_line_of(doc, 0), 1);
  ck_assert_uint_eq(tg_document_line_of(doc, 47), 2);
  ck_assert_uint_eq(tg_document_line_of(doc, 48), 3);
  tg_document_free(doc);
}
END_TEST

/* The date argument does not override a dateline. */
START_TEST(test_dateline_wins_over_argument)
{
  static const char text[] = " date 2024-12-31 Headline  \n\n\nBody.";
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from(text, sizeof text - 1, "2025-01-01", &e, &doc), TG_SUCCESS);
  ck_assert_str_eq(tg_document_date(doc), "2024-12-31");
  ck_assert_str_eq(tg_document_title(doc), "Headline");
  ck_assert_uint_eq(tg_document_body_offset(doc), 30);
  ck_assert_str_eq(tg_document_text(doc) + 30, "Body.");
  tg_document_free(doc);
}
END_TEST

START_TEST(test_plain_without_date)
{
  static const char text[] = "Beijing, Feb 28 -- The ministry said on Friday.\n";
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from(text, sizeof text - 1, NULL, &e, &doc), TG_SUCCESS);
  ck_assert_ptr_null(tg_document_title(doc));
  ck_assert_ptr_null(tg_document_date(doc));
  ck_assert_uint_eq(tg_document_body_offset(doc), 0);
  ck_assert_str_eq(tg_document_text(doc), text);
  ck_assert_uint_eq(tg_document_length(doc), sizeof text - 1);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_plain_with_date)
{
  static const char text[] = "The ministry said on Friday.";
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from(text, sizeof text - 1, "2025-02-28", &e, &doc), TG_SUCCESS);
  ck_assert_ptr_null(tg_document_title(doc));
  ck_assert_str_eq(tg_document_date(doc), "2025-02-28");
  ck_assert_uint_eq(tg_document_body_offset(doc), 0);
  tg_document_free(doc);
}
END_TEST

static const char *const bad_dates[] = {"2025-02-30", "2025-13-01", "28-02-2025", "2025-2-28",
                                        "2025-02", "", "yesterday", "2025-02-28x"};
#define N_BAD_DATES (sizeof bad_dates / sizeof bad_dates[0])

START_TEST(test_plain_bad_date)
{
  TgDocument *doc = (TgDocument *)&doc; /* must be reset to NULL */
  Errors e = {0};
  ck_assert_int_eq(doc_from("Text.", 5, bad_dates[_i], &e, &doc), TG_BAD_DATE);
  ck_assert_ptr_null(doc);
  ck_assert_uint_eq(e.count, 1);
}
END_TEST

START_TEST(test_empty_text)
{
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from("", 0, NULL, &e, &doc), TG_SUCCESS);
  ck_assert_uint_eq(tg_document_length(doc), 0);
  ck_assert_str_eq(tg_document_text(doc), "");
  ck_assert_ptr_null(tg_document_date(doc));
  tg_document_free(doc);
}
END_TEST

START_TEST(test_bad_args)
{
  TgDocument *doc = NULL;
  ck_assert_int_eq(tg_document_new(NULL, 0, "id", NULL, NULL, NULL, NULL, &doc), TG_BAD_ARG);
  ck_assert_ptr_null(doc);
  ck_assert_int_eq(tg_document_new("x", 1, NULL, NULL, NULL, NULL, NULL, &doc), TG_BAD_ARG);
  ck_assert_int_eq(tg_document_new("x", 1, "", NULL, NULL, NULL, NULL, &doc), TG_BAD_ARG);
  ck_assert_ptr_null(doc);
  /* source may be NULL */
  ck_assert_int_eq(tg_document_new("x", 1, "id", NULL, NULL, NULL, NULL, &doc), TG_SUCCESS);
  ck_assert_ptr_null(tg_document_source(doc));
  tg_document_free(doc);
}
END_TEST

/* ---- Normalisation ---- */

typedef struct {
  const char *name;
  const char *in;
  size_t in_len;
  const char *out;
} NormCase;

static const NormCase norm_cases[] = {
    {"bom", "\xEF\xBB\xBFHello", 8, "Hello"},
    {"bom only", "\xEF\xBB\xBF", 3, ""},
    {"crlf", "a\r\nb\r\n", 6, "a\nb\n"},
    {"lone cr", "a\rb\rc", 5, "a\nb\nc"},
    {"mixed", "a\r\n\r\nb\rc\n", 9, "a\n\nb\nc\n"},
    {"cr cr lf", "a\r\r\nb", 5, "a\n\nb"},
    {"bom and crlf", "\xEF\xBB\xBFx\r\ny", 7, "x\ny"},
    {"bom in the middle kept", "a\xEF\xBB\xBF" "b", 5, "a\xEF\xBB\xBF" "b"},
    {"utf-8 kept", "Xi\xE2\x80\x99" "an \xE4\xB8\xAD", 11, "Xi\xE2\x80\x99" "an \xE4\xB8\xAD"},
};
#define N_NORM (sizeof norm_cases / sizeof norm_cases[0])

START_TEST(test_normalise)
{
  const NormCase *c = &norm_cases[_i];
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from(c->in, c->in_len, NULL, &e, &doc), TG_SUCCESS);
  ck_assert_msg(strcmp(tg_document_text(doc), c->out) == 0, "%s: got '%s'", c->name,
                tg_document_text(doc));
  ck_assert_uint_eq(tg_document_length(doc), strlen(c->out));
  tg_document_free(doc);
}
END_TEST

/* A BOM and CR LF before a dateline: the dateline is still found. */
START_TEST(test_bom_crlf_dateline)
{
  static const char text[] = "\xEF\xBB\xBF date 2025-02-28 Title\r\n\r\nBody.\r\n";
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from(text, sizeof text - 1, NULL, &e, &doc), TG_SUCCESS);
  ck_assert_str_eq(tg_document_text(doc), " date 2025-02-28 Title\n\nBody.\n");
  ck_assert_str_eq(tg_document_title(doc), "Title");
  ck_assert_str_eq(tg_document_date(doc), "2025-02-28");
  ck_assert_uint_eq(tg_document_body_offset(doc), 24);
  tg_document_free(doc);
}
END_TEST

/* ---- Broken text: exact line and column ---- */

typedef struct {
  const char *name;
  const char *in;
  size_t len;
  unsigned line;
  unsigned col;
} BadCase;

static const BadCase bad_cases[] = {
    {"ff first", "\xFF", 1, 1, 1},
    {"ff after ascii", "abc\xFF", 4, 1, 4},
    {"line 2", "ab\ncd\xFF" "e", 7, 2, 3},
    {"col counts code points", "\xC3\xA9\xE4\xB8\xAD\xFF", 6, 1, 3},
    {"after crlf", "a\r\nb\xC3", 5, 2, 2},
    {"after lone cr", "a\rb\rcd\x80", 7, 3, 3},
    {"bom not counted", "\xEF\xBB\xBF" "ab\xC0\xAF", 7, 1, 3},
    {"overlong", "x\n\ny\xE0\x80\xAF", 7, 3, 2},
    {"surrogate", "\xED\xA0\x80", 3, 1, 1},
    {"above max", "ok \xF4\x90\x80\x80", 7, 1, 4},
    {"truncated at end", "abc\xE4\xB8", 5, 1, 4},
    {"stray continuation", "a\xBF" "b", 3, 1, 2},
    {"nul first", "\0abc", 4, 1, 1},
    {"nul", "abc\0def", 7, 1, 4},
    {"nul line 3", "a\nb\n\xC3\xA9x\0", 8, 3, 3},
    {"bad in dateline title", " date 2025-02-28 T\xFF\n\nBody", 25, 1, 19},
};
#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

START_TEST(test_bad_text)
{
  const BadCase *c = &bad_cases[_i];
  TgDocument *doc = (TgDocument *)&doc;
  Errors e = {0};
  ck_assert_int_eq(doc_from(c->in, c->len, NULL, &e, &doc), TG_BAD_TEXT);
  ck_assert_ptr_null(doc);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], "input.txt");
  ck_assert_msg(e.line[0] == c->line && e.col[0] == c->col, "%s: %u:%u, want %u:%u (%s)",
                c->name, e.line[0], e.col[0], c->line, c->col, e.msg[0]);
}
END_TEST

/* Without an error callback the status is the same. */
START_TEST(test_bad_text_no_callback)
{
  TgDocument *doc = NULL;
  ck_assert_int_eq(tg_document_new("a\xFF", 2, "id", NULL, NULL, NULL, NULL, &doc), TG_BAD_TEXT);
  ck_assert_ptr_null(doc);
}
END_TEST

typedef struct {
  const char *in;
  unsigned col;
} BadDateline;

static const BadDateline bad_datelines[] = {
    {" date 2025-02-30 Headline\n\nBody.", 7},
    {" date 2025-13-01 Headline\n\nBody.", 7},
    {" date 2025-2-28 Headline\n\nBody.", 7},
    {" date 20250228 Headline\n\nBody.", 7},
    {" date   2025-00-10 Headline\n\nBody.", 9},
    {"date 2023-02-29 Headline\n\nBody.", 6},
};
#define N_BAD_DATELINE (sizeof bad_datelines / sizeof bad_datelines[0])

START_TEST(test_bad_dateline)
{
  const BadDateline *c = &bad_datelines[_i];
  TgDocument *doc = (TgDocument *)&doc;
  Errors e = {0};
  ck_assert_int_eq(doc_from(c->in, strlen(c->in), "2025-01-01", &e, &doc), TG_BAD_DATE);
  ck_assert_ptr_null(doc);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], "input.txt");
  ck_assert_uint_eq(e.line[0], 1);
  ck_assert_uint_eq(e.col[0], c->col);
}
END_TEST

/* A leap day is a valid dateline date. */
START_TEST(test_leap_day_dateline)
{
  static const char text[] = " date 2024-02-29 Leap\n\nBody.";
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(doc_from(text, sizeof text - 1, NULL, &e, &doc), TG_SUCCESS);
  ck_assert_str_eq(tg_document_date(doc), "2024-02-29");
  tg_document_free(doc);
}
END_TEST

/* ---- Files ---- */

static char tmpdir[256];

static void make_tmpdir(void)
{
  const char *dir = getenv("TMPDIR");
  snprintf(tmpdir, sizeof tmpdir, "%s/tg_reader_XXXXXX", dir && *dir ? dir : "/tmp");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void write_file(const char *path, const char *text, size_t len)
{
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(text, 1, len, f), len);
  ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_read_file)
{
  make_tmpdir();
  char path[512];
  snprintf(path, sizeof path, "%s/miit-2025-02-28.txt", tmpdir);
  static const char text[] = " date 2025-02-28 Title\r\n\r\nBody text.\r\n";
  write_file(path, text, sizeof text - 1);
  TgDocument *doc = NULL;
  Errors e = {0};
  ck_assert_int_eq(tg_document_read(path, NULL, collect, &e, &doc), TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_str_eq(tg_document_id(doc), "miit-2025-02-28");
  ck_assert_str_eq(tg_document_source(doc), path);
  ck_assert_str_eq(tg_document_title(doc), "Title");
  ck_assert_str_eq(tg_document_date(doc), "2025-02-28");
  ck_assert_str_eq(tg_document_text(doc), " date 2025-02-28 Title\n\nBody text.\n");
  ck_assert_uint_eq(tg_document_body_offset(doc), 24);
  tg_document_free(doc);
  unlink(path);

  /* Only the last extension goes; a file without one keeps its name. */
  snprintf(path, sizeof path, "%s/a.b.txt", tmpdir);
  write_file(path, "x", 1);
  ck_assert_int_eq(tg_document_read(path, "2025-01-02", collect, &e, &doc), TG_SUCCESS);
  ck_assert_str_eq(tg_document_id(doc), "a.b");
  ck_assert_str_eq(tg_document_date(doc), "2025-01-02");
  tg_document_free(doc);
  unlink(path);
  snprintf(path, sizeof path, "%s/noext", tmpdir);
  write_file(path, "", 0);
  ck_assert_int_eq(tg_document_read(path, NULL, collect, &e, &doc), TG_SUCCESS);
  ck_assert_str_eq(tg_document_id(doc), "noext");
  ck_assert_uint_eq(tg_document_length(doc), 0);
  tg_document_free(doc);
  unlink(path);
  ck_assert_uint_eq(e.count, 0);
  rmdir(tmpdir);
}
END_TEST

START_TEST(test_read_bad_text_file)
{
  make_tmpdir();
  char path[512];
  snprintf(path, sizeof path, "%s/bad.txt", tmpdir);
  write_file(path, "one\r\ntwo \xFF", 10);
  TgDocument *doc = (TgDocument *)&doc;
  Errors e = {0};
  ck_assert_int_eq(tg_document_read(path, NULL, collect, &e, &doc), TG_BAD_TEXT);
  ck_assert_ptr_null(doc);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], path);
  ck_assert_uint_eq(e.line[0], 2);
  ck_assert_uint_eq(e.col[0], 5);
  unlink(path);
  rmdir(tmpdir);
}
END_TEST

START_TEST(test_read_directory)
{
  make_tmpdir();
  TgDocument *doc = (TgDocument *)&doc;
  Errors e = {0};
  ck_assert_int_eq(tg_document_read(tmpdir, NULL, collect, &e, &doc), TG_BAD_READ);
  ck_assert_ptr_null(doc);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], tmpdir);
  ck_assert_uint_eq(e.line[0], 0);
  ck_assert_uint_eq(e.col[0], 0);
  rmdir(tmpdir);
}
END_TEST

START_TEST(test_read_missing)
{
  make_tmpdir();
  char path[512];
  snprintf(path, sizeof path, "%s/missing.txt", tmpdir);
  TgDocument *doc = (TgDocument *)&doc;
  Errors e = {0};
  ck_assert_int_eq(tg_document_read(path, NULL, collect, &e, &doc), TG_BAD_READ);
  ck_assert_ptr_null(doc);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], path);
  ck_assert_str_eq(e.msg[0], "No such file or directory");
  rmdir(tmpdir);
}
END_TEST

START_TEST(test_free_null)
{
  tg_document_free(NULL);
}
END_TEST

/* ---- Language: the script most letters are written in ---- */

static const struct {
  const char *text;
  const char *lang;
  const char *name;
} lang_cases[] = {
    {" date 2025-03-01 MIIT approves 13 firms\n\nThe ministry approved 13 firms.\n", "en", NULL},
    {"", "en", NULL},
    {"2025 -- 13 / 40 %", "en", NULL},
    {"Telef\xC3\xB3nica e S\xC3\xA3o Paulo", "en", NULL},
    {" date 2025-03-01 \xE5\xB7\xA5\xE4\xB8\x9A\xE5\x92\x8C\xE4\xBF\xA1\xE6\x81\xAF\xE5\x8C\x96"
     "\xE9\x83\xA8 MIIT 5G\n\n\xE6\x89\xB9\xE5\x87\x86 13 \xE5\xAE\xB6\n", "zh", "Chinese"},
    {"\xD0\x9C\xD0\xB8\xD0\xBD\xD1\x86\xD0\xB8\xD1\x84\xD1\x80\xD1\x8B MTS", "ru", "Russian"},
    {"\xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xA7\xD8\xAA\xD8\xB5\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAA", "ar", "Arabic"},
    /* kana among Han: Japanese */
    {"\xE7\xB7\x8F\xE5\x8B\x99\xE7\x9C\x81\xE3\x81\xAF\xE8\xA8\xB1\xE5\x8F\xAF\xE3\x81\x97\xE3\x81\x9F", "ja", "Japanese"},
    {"\xEA\xB3\xBC\xED\x95\x99\xEA\xB8\xB0\xEC\x88\xA0 KT", "ko", "Korean"},
};
#define N_LANG (sizeof lang_cases / sizeof lang_cases[0])

START_TEST(test_language)
{
  TgDocument *doc = NULL;
  ck_assert_int_eq(tg_document_new(lang_cases[_i].text, strlen(lang_cases[_i].text), "l", NULL,
                                   NULL, NULL, NULL, &doc),
                   TG_SUCCESS);
  ck_assert_str_eq(tg_document_language(doc), lang_cases[_i].lang);
  if (lang_cases[_i].name) {
    ck_assert_str_eq(tg_document_language_name(doc), lang_cases[_i].name);
  } else {
    ck_assert_ptr_null(tg_document_language_name(doc));
  }
  tg_document_free(doc);
}
END_TEST

static Suite *reader_suite(void)
{
  Suite *s = suite_create("reader");

  TCase *tc = tcase_create("layout");
  tcase_add_test(tc, test_dateline);
  tcase_add_test(tc, test_dateline_wins_over_argument);
  tcase_add_test(tc, test_plain_without_date);
  tcase_add_test(tc, test_plain_with_date);
  tcase_add_loop_test(tc, test_plain_bad_date, 0, (int)N_BAD_DATES);
  tcase_add_test(tc, test_empty_text);
  tcase_add_test(tc, test_bad_args);
  tcase_add_loop_test(tc, test_bad_dateline, 0, (int)N_BAD_DATELINE);
  tcase_add_test(tc, test_leap_day_dateline);
  suite_add_tcase(s, tc);

  tc = tcase_create("text");
  tcase_add_loop_test(tc, test_normalise, 0, (int)N_NORM);
  tcase_add_test(tc, test_bom_crlf_dateline);
  tcase_add_loop_test(tc, test_bad_text, 0, (int)N_BAD);
  tcase_add_test(tc, test_bad_text_no_callback);
  tcase_add_loop_test(tc, test_language, 0, (int)N_LANG);
  suite_add_tcase(s, tc);

  tc = tcase_create("files");
  tcase_add_test(tc, test_read_file);
  tcase_add_test(tc, test_read_bad_text_file);
  tcase_add_test(tc, test_read_directory);
  tcase_add_test(tc, test_read_missing);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(reader_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
