/* telegraph: unit tests for date normalisation (src/temporal.c).
 *
 * Needs TG_LEXICON = path of ontology/lexicon.tsv.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "lexicon.h"
#include "temporal.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TgLexicon *lex;

static void
setup(void)
{
  const char *path = getenv("TG_LEXICON");
  ck_assert_msg(path != NULL, "TG_LEXICON is not set");
  lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, path, NULL, NULL), TG_SUCCESS);
}

static void
teardown(void)
{
  tg_lexicon_free(lex);
  lex = NULL;
}

static TgDate
iso(const char *s)
{
  TgDate d = {0, 0, 0, TG_PREC_NONE};
  if (s) {
    ck_assert_int_eq(tg_date_parse_iso(s, strlen(s), &d), TG_SUCCESS);
  }
  return d;
}

/* ---- tg_date_resolve, table-driven ---- */

typedef struct {
  const char *expr;
  const char *ref; /* NULL: unknown */
  int tense;
  TgStatus status;
  const char *expect; /* formatted result when status == TG_SUCCESS */
} ResolveCase;

#define FRI "2025-02-28" /* the sample article's date, a Friday */
#define PAST (-1)
#define FUT 1

static const ResolveCase resolve_cases[] = {
  /* absolute dates */
  {"February 28, 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"Feb. 28, 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"28 February 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"28 Feb 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"Sept. 1, 2024", FRI, PAST, TG_SUCCESS, "2024-09-01"},
  {"Dec 31 2024", FRI, PAST, TG_SUCCESS, "2024-12-31"},
  {"February 2025", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"Feb 2025", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"2025", FRI, PAST, TG_SUCCESS, "2025"},
  {"2025-02-28", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"2025-02", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"in 2025", FRI, PAST, TG_SUCCESS, "2025"},
  {"since 2020", FRI, PAST, TG_SUCCESS, "2020"},
  {"from March 2024", FRI, PAST, TG_SUCCESS, "2024-03"},
  {"as of February 28, 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"  FEBRUARY   28 ,  2025  ", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"on february 28, 2025.", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"February 29, 2024", FRI, PAST, TG_SUCCESS, "2024-02-29"},
  {"February 28, 2025", NULL, PAST, TG_SUCCESS, "2025-02-28"},
  {"2025", NULL, PAST, TG_SUCCESS, "2025"},
  /* ordinals */
  {"1st March 2025", FRI, PAST, TG_SUCCESS, "2025-03-01"},
  {"March 1st, 2025", FRI, PAST, TG_SUCCESS, "2025-03-01"},
  {"the 1st of March", FRI, PAST, TG_SUCCESS, "2024-03-01"},
  {"the first of March 2025", FRI, PAST, TG_SUCCESS, "2025-03-01"},
  {"February twenty-eighth, 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"the 31st of December", "2025-01-10", PAST, TG_SUCCESS, "2024-12-31"},
  /* month and day without a year */
  {"February 28", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"February 28", FRI, FUT, TG_SUCCESS, "2025-02-28"},
  {"March 1", FRI, PAST, TG_SUCCESS, "2024-03-01"},
  {"March 1", FRI, FUT, TG_SUCCESS, "2025-03-01"},
  {"February 27", FRI, FUT, TG_SUCCESS, "2026-02-27"},
  {"February 27", FRI, PAST, TG_SUCCESS, "2025-02-27"},
  {"February 29", FRI, PAST, TG_SUCCESS, "2024-02-29"},
  {"February 29", "2025-03-01", FUT, TG_SUCCESS, "2028-02-29"},
  {"February 29", "2101-03-01", PAST, TG_SUCCESS, "2096-02-29"},
  /* month without a year */
  {"February", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"March", FRI, PAST, TG_SUCCESS, "2024-03"},
  {"March", FRI, FUT, TG_SUCCESS, "2025-03"},
  {"January", FRI, FUT, TG_SUCCESS, "2026-01"},
  {"in February", FRI, FUT, TG_SUCCESS, "2025-02"},
  {"December", "2025-01-10", PAST, TG_SUCCESS, "2024-12"},
  /* weekdays (the reference is a Friday) */
  {"Friday", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"on Friday", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"on Friday.", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"Friday", FRI, FUT, TG_SUCCESS, "2025-02-28"},
  {"fri.", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"Thursday", FRI, PAST, TG_SUCCESS, "2025-02-27"},
  {"Thursday", FRI, FUT, TG_SUCCESS, "2025-03-06"},
  {"Saturday", FRI, PAST, TG_SUCCESS, "2025-02-22"},
  {"Saturday", FRI, FUT, TG_SUCCESS, "2025-03-01"},
  {"last Friday", FRI, PAST, TG_SUCCESS, "2025-02-21"},
  {"next Friday", FRI, FUT, TG_SUCCESS, "2025-03-07"},
  {"next Monday", FRI, FUT, TG_SUCCESS, "2025-03-03"},
  {"last Monday", FRI, PAST, TG_SUCCESS, "2025-02-24"},
  {"last Saturday", FRI, PAST, TG_SUCCESS, "2025-02-22"},
  {"Friday, February 28, 2025", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"on Friday, Feb 28", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"Monday", "2025-01-01", PAST, TG_SUCCESS, "2024-12-30"},
  /* relative days */
  {"yesterday", FRI, PAST, TG_SUCCESS, "2025-02-27"},
  {"today", FRI, PAST, TG_SUCCESS, "2025-02-28"},
  {"tomorrow", FRI, FUT, TG_SUCCESS, "2025-03-01"},
  {"until tomorrow", "2024-12-31", FUT, TG_SUCCESS, "2025-01-01"},
  {"yesterday", "2024-03-01", PAST, TG_SUCCESS, "2024-02-29"},
  /* relative months and years */
  {"last month", FRI, PAST, TG_SUCCESS, "2025-01"},
  {"this month", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"next month", FRI, FUT, TG_SUCCESS, "2025-03"},
  {"the previous month", FRI, PAST, TG_SUCCESS, "2025-01"},
  {"last year", FRI, PAST, TG_SUCCESS, "2024"},
  {"this year", FRI, PAST, TG_SUCCESS, "2025"},
  {"next year", FRI, FUT, TG_SUCCESS, "2026"},
  {"the coming year", FRI, FUT, TG_SUCCESS, "2026"},
  {"next month", "2024-12-31", FUT, TG_SUCCESS, "2025-01"},
  {"last month", "2025-01-10", PAST, TG_SUCCESS, "2024-12"},
  {"last year", "2025", PAST, TG_SUCCESS, "2024"},
  {"last month", "2025-02", PAST, TG_SUCCESS, "2025-01"},
  /* relative month names */
  {"last October", FRI, PAST, TG_SUCCESS, "2024-10"},
  {"last October", "2025-10-15", PAST, TG_SUCCESS, "2024-10"},
  {"last October", "2025-11-01", PAST, TG_SUCCESS, "2025-10"},
  {"last December", "2025-01-10", PAST, TG_SUCCESS, "2024-12"},
  {"next January", "2024-12-31", FUT, TG_SUCCESS, "2025-01"},
  {"next December", "2024-12-31", FUT, TG_SUCCESS, "2025-12"},
  {"this October", FRI, PAST, TG_SUCCESS, "2025-10"},
  /* parts of periods: the period itself */
  {"the end of February 2025", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"as of the end of February 2025", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"the end of 2024", FRI, PAST, TG_SUCCESS, "2024"},
  {"end-2024", FRI, PAST, TG_SUCCESS, "2024"},
  {"by end-2024", FRI, PAST, TG_SUCCESS, "2024"},
  {"the beginning of 2025", FRI, PAST, TG_SUCCESS, "2025"},
  {"mid-2025", FRI, PAST, TG_SUCCESS, "2025"},
  {"Mid-February", FRI, PAST, TG_SUCCESS, "2025-02"},
  {"early March", FRI, PAST, TG_SUCCESS, "2024-03"},
  {"by the end of next year", FRI, FUT, TG_SUCCESS, "2026"},
  {"the end of last month", FRI, PAST, TG_SUCCESS, "2025-01"},
  /* not understood: never guessed */
  {"", FRI, PAST, TG_FAILURE, NULL},
  {"   ,  ", FRI, PAST, TG_FAILURE, NULL},
  {"the first quarter of 2025", FRI, PAST, TG_FAILURE, NULL},
  {"Q1 2025", FRI, PAST, TG_FAILURE, NULL},
  {"last week", FRI, PAST, TG_FAILURE, NULL},
  {"next day", FRI, PAST, TG_FAILURE, NULL},
  {"the end of the year", FRI, PAST, TG_FAILURE, NULL},
  {"the end of February 28, 2025", FRI, PAST, TG_FAILURE, NULL},
  {"the 2025", FRI, PAST, TG_FAILURE, NULL},
  {"the Friday", FRI, PAST, TG_FAILURE, NULL},
  {"2024-25", FRI, PAST, TG_FAILURE, NULL},
  {"28/02/2025", FRI, PAST, TG_FAILURE, NULL},
  {"February 28, 2025 and", FRI, PAST, TG_FAILURE, NULL},
  {"two years ago", FRI, PAST, TG_FAILURE, NULL},
  {"0000", FRI, PAST, TG_FAILURE, NULL},
  {"202", FRI, PAST, TG_FAILURE, NULL},
  {"on", FRI, PAST, TG_FAILURE, NULL},
  {"the end of", FRI, PAST, TG_FAILURE, NULL},
  {"last", FRI, PAST, TG_FAILURE, NULL},
  {"28 of 2025", FRI, PAST, TG_FAILURE, NULL},
  {"a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g", FRI,
   PAST, TG_FAILURE, NULL},
  /* relative expressions without a usable reference */
  {"last month", NULL, PAST, TG_FAILURE, NULL},
  {"Friday", NULL, PAST, TG_FAILURE, NULL},
  {"February 28", NULL, PAST, TG_FAILURE, NULL},
  {"February", NULL, PAST, TG_FAILURE, NULL},
  {"yesterday", NULL, PAST, TG_FAILURE, NULL},
  {"this year", NULL, PAST, TG_FAILURE, NULL},
  {"last month", "2025", PAST, TG_FAILURE, NULL},
  {"February 28", "2025-02", PAST, TG_FAILURE, NULL},
  {"yesterday", "2025-02", PAST, TG_FAILURE, NULL},
  {"tomorrow", "9999-12-31", FUT, TG_FAILURE, NULL},
  /* impossible dates */
  {"February 30, 2025", FRI, PAST, TG_BAD_DATE, NULL},
  {"February 29, 2025", FRI, PAST, TG_BAD_DATE, NULL},
  {"31 April 2025", FRI, PAST, TG_BAD_DATE, NULL},
  {"February 30", FRI, PAST, TG_BAD_DATE, NULL},
  {"February 0, 2025", FRI, PAST, TG_BAD_DATE, NULL},
  {"February 32, 2025", FRI, PAST, TG_BAD_DATE, NULL},
  {"2025-02-29", FRI, PAST, TG_BAD_DATE, NULL},
  {"Thursday, February 28, 2025", FRI, PAST, TG_BAD_DATE, NULL},
};

#define N_RESOLVE (sizeof resolve_cases / sizeof resolve_cases[0])

START_TEST(test_resolve)
{
  const ResolveCase *c = &resolve_cases[_i];
  const TgDate ref = iso(c->ref);
  TgDate out = {-7, -7, -7, TG_PREC_NONE};
  const TgStatus st =
      tg_date_resolve(lex, c->expr, strlen(c->expr), &ref, c->tense, &out);
  ck_assert_msg(st == c->status, "case %d \"%s\" (ref %s, tense %d): status %d, "
                "expected %d", (int)_i, c->expr, c->ref ? c->ref : "none",
                c->tense, (int)st, (int)c->status);
  if (c->status == TG_SUCCESS) {
    char buf[32];
    ck_assert_int_gt(tg_date_format(&out, buf, sizeof buf), 0);
    ck_assert_msg(strcmp(buf, c->expect) == 0,
                  "case %d \"%s\" (ref %s): got %s, expected %s", (int)_i,
                  c->expr, c->ref ? c->ref : "none", buf, c->expect);
  } else {
    ck_assert_msg(out.year == -7 && out.month == -7 && out.day == -7,
                  "case %d: output written on failure", (int)_i);
  }
}
END_TEST

/* The span is not NUL-terminated: only `len` bytes count. */
START_TEST(test_resolve_length)
{
  const TgDate ref = iso(FRI);
  TgDate out;
  const char *s = "February 2025-12-31";
  ck_assert_int_eq(tg_date_resolve(lex, s, 8, &ref, PAST, &out), TG_SUCCESS);
  ck_assert_int_eq(out.precision, TG_PREC_MONTH);
  ck_assert_int_eq(out.year, 2025);
  ck_assert_int_eq(out.month, 2);
  ck_assert_int_eq(out.day, 0);
  ck_assert_int_eq(tg_date_resolve(lex, s, 0, &ref, PAST, &out), TG_FAILURE);
}
END_TEST

START_TEST(test_resolve_null_ref)
{
  TgDate out;
  ck_assert_int_eq(tg_date_resolve(lex, "2025", 4, NULL, PAST, &out),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_date_resolve(lex, "today", 5, NULL, PAST, &out),
                   TG_FAILURE);
}
END_TEST

START_TEST(test_resolve_bad_args)
{
  const TgDate ref = iso(FRI);
  TgDate out;
  ck_assert_int_eq(tg_date_resolve(NULL, "2025", 4, &ref, PAST, &out),
                   TG_BAD_ARG);
  ck_assert_int_eq(tg_date_resolve(lex, NULL, 0, &ref, PAST, &out),
                   TG_BAD_ARG);
  ck_assert_int_eq(tg_date_resolve(lex, "2025", 4, &ref, PAST, NULL),
                   TG_BAD_ARG);
  const TgDate bad = {2025, 2, 30, TG_PREC_DAY};
  ck_assert_int_eq(tg_date_resolve(lex, "2025", 4, &bad, PAST, &out),
                   TG_BAD_ARG);
}
END_TEST

/* An empty lexicon knows no words: only digits can be read. */
START_TEST(test_resolve_empty_lexicon)
{
  TgLexicon *empty = tg_lexicon_new();
  ck_assert_ptr_nonnull(empty);
  const TgDate ref = iso(FRI);
  TgDate out;
  ck_assert_int_eq(tg_date_resolve(empty, "2025-02-28", 10, &ref, PAST, &out),
                   TG_SUCCESS);
  ck_assert_int_eq(tg_date_resolve(empty, "February", 8, &ref, PAST, &out),
                   TG_FAILURE);
  tg_lexicon_free(empty);
}
END_TEST

/* ---- tg_date_parse_iso ---- */

typedef struct {
  const char *s;
  TgStatus status;
  int y, m, d;
  TgPrecision prec;
} IsoCase;

static const IsoCase iso_cases[] = {
  {"2025-02-28", TG_SUCCESS, 2025, 2, 28, TG_PREC_DAY},
  {"2024-02-29", TG_SUCCESS, 2024, 2, 29, TG_PREC_DAY},
  {"2000-02-29", TG_SUCCESS, 2000, 2, 29, TG_PREC_DAY},
  {"0001-01-01", TG_SUCCESS, 1, 1, 1, TG_PREC_DAY},
  {"9999-12-31", TG_SUCCESS, 9999, 12, 31, TG_PREC_DAY},
  {"2025-02", TG_SUCCESS, 2025, 2, 0, TG_PREC_MONTH},
  {"2025", TG_SUCCESS, 2025, 0, 0, TG_PREC_YEAR},
  {"2023-02-29", TG_BAD_DATE, 0, 0, 0, TG_PREC_NONE},
  {"1900-02-29", TG_BAD_DATE, 0, 0, 0, TG_PREC_NONE},
  {"2025-04-31", TG_BAD_DATE, 0, 0, 0, TG_PREC_NONE},
  {"2025-02-00", TG_BAD_DATE, 0, 0, 0, TG_PREC_NONE},
  {"0000", TG_BAD_DATE, 0, 0, 0, TG_PREC_NONE},
  {"0000-01-01", TG_BAD_DATE, 0, 0, 0, TG_PREC_NONE},
  {"2025-13", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"2025-00-10", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"2025-1-01", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"20250228", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"2025-02-28T00", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {" 2025", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"2025/02/28", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"-025", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
  {"abcd", TG_FAILURE, 0, 0, 0, TG_PREC_NONE},
};

#define N_ISO (sizeof iso_cases / sizeof iso_cases[0])

START_TEST(test_parse_iso)
{
  const IsoCase *c = &iso_cases[_i];
  TgDate d = {0, 0, 0, TG_PREC_NONE};
  const TgStatus st = tg_date_parse_iso(c->s, strlen(c->s), &d);
  ck_assert_msg(st == c->status, "\"%s\": status %d, expected %d", c->s,
                (int)st, (int)c->status);
  if (st == TG_SUCCESS) {
    ck_assert_int_eq(d.year, c->y);
    ck_assert_int_eq(d.month, c->m);
    ck_assert_int_eq(d.day, c->d);
    ck_assert_int_eq(d.precision, c->prec);
  }
}
END_TEST

START_TEST(test_parse_iso_args)
{
  TgDate d;
  ck_assert_int_eq(tg_date_parse_iso(NULL, 4, &d), TG_BAD_ARG);
  ck_assert_int_eq(tg_date_parse_iso("2025", 4, NULL), TG_BAD_ARG);
  /* length, not NUL, ends the text */
  ck_assert_int_eq(tg_date_parse_iso("2025-02-28", 7, &d), TG_SUCCESS);
  ck_assert_int_eq(d.precision, TG_PREC_MONTH);
}
END_TEST

/* ---- weekday, format, xsd type ---- */

typedef struct {
  const char *date;
  int weekday;
} WeekdayCase;

static const WeekdayCase weekday_cases[] = {
  {"2025-02-28", 5}, {"1970-01-01", 4}, {"2000-01-01", 6},
  {"2024-02-29", 4}, {"0001-01-01", 1}, {"9999-12-31", 5},
  {"2025-03-02", 7}, {"2025-03-03", 1}, {"1969-12-31", 3},
};

#define N_WEEKDAY (sizeof weekday_cases / sizeof weekday_cases[0])

START_TEST(test_weekday)
{
  const TgDate d = iso(weekday_cases[_i].date);
  ck_assert_int_eq(tg_date_weekday(&d), weekday_cases[_i].weekday);
}
END_TEST

START_TEST(test_weekday_not_a_day)
{
  const TgDate m = {2025, 2, 0, TG_PREC_MONTH};
  const TgDate bad = {2025, 2, 30, TG_PREC_DAY};
  ck_assert_int_eq(tg_date_weekday(&m), 0);
  ck_assert_int_eq(tg_date_weekday(&bad), 0);
  ck_assert_int_eq(tg_date_weekday(NULL), 0);
}
END_TEST

START_TEST(test_format)
{
  char buf[32];
  const TgDate y = {2025, 0, 0, TG_PREC_YEAR};
  const TgDate m = {2025, 2, 0, TG_PREC_MONTH};
  const TgDate d = {2025, 2, 28, TG_PREC_DAY};
  const TgDate early = {33, 1, 5, TG_PREC_DAY};
  const TgDate none = {0, 0, 0, TG_PREC_NONE};
  const TgDate bad = {2025, 2, 29, TG_PREC_DAY};

  ck_assert_int_eq(tg_date_format(&y, buf, sizeof buf), 4);
  ck_assert_str_eq(buf, "2025");
  ck_assert_str_eq(tg_date_xsd_type(&y), "gYear");
  ck_assert_int_eq(tg_date_format(&m, buf, sizeof buf), 7);
  ck_assert_str_eq(buf, "2025-02");
  ck_assert_str_eq(tg_date_xsd_type(&m), "gYearMonth");
  ck_assert_int_eq(tg_date_format(&d, buf, sizeof buf), 10);
  ck_assert_str_eq(buf, "2025-02-28");
  ck_assert_str_eq(tg_date_xsd_type(&d), "date");
  ck_assert_int_eq(tg_date_format(&early, buf, sizeof buf), 10);
  ck_assert_str_eq(buf, "0033-01-05");

  /* truncation, like snprintf */
  ck_assert_int_eq(tg_date_format(&d, buf, 5), 10);
  ck_assert_str_eq(buf, "2025");
  ck_assert_int_eq(tg_date_format(&d, NULL, 0), 10);

  ck_assert_int_eq(tg_date_format(&none, buf, sizeof buf), -1);
  ck_assert_str_eq(buf, "");
  ck_assert_int_eq(tg_date_format(&bad, buf, sizeof buf), -1);
  ck_assert_int_eq(tg_date_format(NULL, buf, sizeof buf), -1);
  ck_assert_ptr_null(tg_date_xsd_type(&none));
  ck_assert_ptr_null(tg_date_xsd_type(NULL));
}
END_TEST

static Suite *
temporal_suite(void)
{
  Suite *s = suite_create("temporal");

  TCase *tc = tcase_create("resolve");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_loop_test(tc, test_resolve, 0, (int)N_RESOLVE);
  tcase_add_test(tc, test_resolve_length);
  tcase_add_test(tc, test_resolve_null_ref);
  tcase_add_test(tc, test_resolve_bad_args);
  tcase_add_test(tc, test_resolve_empty_lexicon);
  suite_add_tcase(s, tc);

  tc = tcase_create("iso");
  tcase_add_loop_test(tc, test_parse_iso, 0, (int)N_ISO);
  tcase_add_test(tc, test_parse_iso_args);
  tcase_add_loop_test(tc, test_weekday, 0, (int)N_WEEKDAY);
  tcase_add_test(tc, test_weekday_not_a_day);
  tcase_add_test(tc, test_format);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  if (!getenv("TG_LEXICON")) {
    fprintf(stderr, "test_temporal: set TG_LEXICON to the path of "
                    "ontology/lexicon.tsv\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(temporal_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
