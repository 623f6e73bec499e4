/* telegraph: unit tests for quantity normalisation (src/quantity.c).
 *
 * Needs TG_LEXICON = path of ontology/lexicon.tsv.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "lexicon.h"
#include "quantity.h"

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

typedef struct {
  const char *expr;
  TgStatus status;
  const char *value;
  const char *unit;
  int approx;
} QtyCase;

#define THIN "\xE2\x80\x89"   /* U+2009 THIN SPACE */
#define NNBSP "\xE2\x80\xAF"  /* U+202F NARROW NO-BREAK SPACE */
#define NBSP "\xC2\xA0"       /* U+00A0 NO-BREAK SPACE */

/* 60 and 61 significant digits */
#define D60 "123456789012345678901234567890123456789012345678901234567891"
#define D61 D60 "1"
#define D48 "999999999999999999999999999999999999999999999999"

static const QtyCase qty_cases[] = {
  /* plain numbers */
  {"2,400", TG_SUCCESS, "2400", "", 0},
  {"13", TG_SUCCESS, "13", "", 0},
  {"12.5", TG_SUCCESS, "12.5", "", 0},
  {"0.50", TG_SUCCESS, "0.5", "", 0},
  {"0", TG_SUCCESS, "0", "", 0},
  {"-0", TG_SUCCESS, "0", "", 0},
  {"-0.00", TG_SUCCESS, "0", "", 0},
  {"007", TG_SUCCESS, "7", "", 0},
  {".5", TG_SUCCESS, "0.5", "", 0},
  {"+3", TG_SUCCESS, "3", "", 0},
  {"100.000", TG_SUCCESS, "100", "", 0},
  {"1,234,567.891", TG_SUCCESS, "1234567.891", "", 0},
  {"1" THIN "000" THIN "000", TG_SUCCESS, "1000000", "", 0},
  {"3" NNBSP "500", TG_SUCCESS, "3500", "", 0},
  {"3" NBSP "500", TG_SUCCESS, "3500", "", 0},
  {"2,400.", TG_SUCCESS, "2400", "", 0},
  {"  2,400 ,", TG_SUCCESS, "2400", "", 0},
  {D60, TG_SUCCESS, D60, "", 0},
  {"0." D60, TG_SUCCESS, "0." D60, "", 0},
  /* number words */
  {"thirteen", TG_SUCCESS, "13", "", 0},
  {"twenty-five", TG_SUCCESS, "25", "", 0},
  {"Twenty-Five", TG_SUCCESS, "25", "", 0},
  {"twenty five", TG_SUCCESS, "25", "", 0},
  {"ninety-nine", TG_SUCCESS, "99", "", 0},
  {"zero", TG_SUCCESS, "0", "", 0},
  {"one hundred and twenty", TG_SUCCESS, "120", "", 0},
  {"a hundred", TG_SUCCESS, "100", "", 0},
  {"two thousand four hundred", TG_SUCCESS, "2400", "", 0},
  {"a million", TG_SUCCESS, "1000000", "", 0},
  {"one million two hundred thousand", TG_SUCCESS, "1200000", "", 0},
  {"two thousand million", TG_SUCCESS, "2000000000", "", 0},
  {"one hundred thousand", TG_SUCCESS, "100000", "", 0},
  {"twenty-five million", TG_SUCCESS, "25000000", "", 0},
  {"three thousand and five", TG_SUCCESS, "3005", "", 0},
  {"nineteen hundred", TG_SUCCESS, "1900", "", 0},
  /* scales after digits */
  {"1.2 billion", TG_SUCCESS, "1200000000", "", 0},
  {"3.75 million", TG_SUCCESS, "3750000", "", 0},
  {"1.2BN", TG_SUCCESS, "1200000000", "", 0},
  {"0.001 billion", TG_SUCCESS, "1000000", "", 0},
  {"1.23456789 thousand", TG_SUCCESS, "1234.56789", "", 0},
  {"5 lakh", TG_SUCCESS, "500000", "", 0},
  {"2.5 lakh crore", TG_SUCCESS, "2500000000000", "", 0},
  {"three thousand crore", TG_SUCCESS, "30000000000", "", 0},
  {"4 mln", TG_SUCCESS, "4000000", "", 0},
  {"7tn", TG_SUCCESS, "7000000000000", "", 0},
  {D48 " trillion", TG_SUCCESS, D48 "000000000000", "", 0},
  /* currencies */
  {"Rs 3,000 crore", TG_SUCCESS, "30000000000", "INR", 0},
  {"Rs.500", TG_SUCCESS, "500", "INR", 0},
  /* the Indian grouping: one or two digits, pairs, then three */
  {"Rs 1,50,023 crore", TG_SUCCESS, "1500230000000", "INR", 0},
  {"72,45,310", TG_SUCCESS, "7245310", "", 0},
  {"12,34,56,789", TG_SUCCESS, "123456789", "", 0},
  {"7,42,318.5", TG_SUCCESS, "742318.5", "", 0},
  {"\xE2\x82\xB9" "500 crore", TG_SUCCESS, "5000000000", "INR", 0},
  {"$50 million", TG_SUCCESS, "50000000", "USD", 0},
  {"US$1.2bn", TG_SUCCESS, "1200000000", "USD", 0},
  {"US$ 1.2 bn", TG_SUCCESS, "1200000000", "USD", 0},
  {"USD 5 million", TG_SUCCESS, "5000000", "USD", 0},
  {"5 million USD", TG_SUCCESS, "5000000", "USD", 0},
  {"10 US dollars", TG_SUCCESS, "10", "USD", 0},
  {"10 Hong Kong dollars", TG_SUCCESS, "10", "HKD", 0},
  {"$5 dollars", TG_SUCCESS, "5", "USD", 0},
  {"1.2 billion yuan", TG_SUCCESS, "1200000000", "CNY", 0},
  {"150 million euros", TG_SUCCESS, "150000000", "EUR", 0},
  {"\xE2\x82\xAC" "150", TG_SUCCESS, "150", "EUR", 0},
  {"\xC2\xA3" "2.5bn", TG_SUCCESS, "2500000000", "GBP", 0},
  {"\xE2\x82\xA6" "2 trillion", TG_SUCCESS, "2000000000000", "NGN", 0},
  {"HK$10", TG_SUCCESS, "10", "HKD", 0},
  {"S$1.5 million", TG_SUCCESS, "1500000", "SGD", 0},
  {"a billion dollars", TG_SUCCESS, "1000000000", "USD", 0},
  {"twenty million naira", TG_SUCCESS, "20000000", "NGN", 0},
  /* percentages */
  {"30 percent", TG_SUCCESS, "30", "percent", 0},
  {"30%", TG_SUCCESS, "30", "percent", 0},
  {"30 %", TG_SUCCESS, "30", "percent", 0},
  {"30 per cent", TG_SUCCESS, "30", "percent", 0},
  {"30 per  cent", TG_SUCCESS, "30", "percent", 0},
  {"-5%", TG_SUCCESS, "-5", "percent", 0},
  {"-0.25 pct.", TG_SUCCESS, "-0.25", "percent", 0},
  {"thirty percent", TG_SUCCESS, "30", "percent", 0},
  {"Twenty-Five Percent", TG_SUCCESS, "25", "percent", 0},
  /* approximations */
  {"more than 2,400", TG_SUCCESS, "2400", "", 1},
  {"nearly 300", TG_SUCCESS, "300", "", -1},
  {"about 40", TG_SUCCESS, "40", "", 0},
  {"up to 1,000", TG_SUCCESS, "1000", "", -1},
  {"at least three", TG_SUCCESS, "3", "", 1},
  {"More Than $50 million", TG_SUCCESS, "50000000", "USD", 1},
  {"almost 30 per cent", TG_SUCCESS, "30", "percent", -1},
  {"less than a million", TG_SUCCESS, "1000000", "", -1},
  /* not quantities */
  {"", TG_FAILURE, NULL, NULL, 0},
  {"  ", TG_FAILURE, NULL, NULL, 0},
  {"foo", TG_FAILURE, NULL, NULL, 0},
  {"13 firms", TG_FAILURE, NULL, NULL, 0},
  /* groups that are neither western nor Indian */
  {"123,45,678", TG_FAILURE, NULL, NULL, 0},
  {"1,234,56,789", TG_FAILURE, NULL, NULL, 0},
  {"1,50,23", TG_FAILURE, NULL, NULL, 0},
  {"1,5,023", TG_FAILURE, NULL, NULL, 0},
  {"$", TG_FAILURE, NULL, NULL, 0},
  {"million", TG_FAILURE, NULL, NULL, 0},
  {"hundred", TG_FAILURE, NULL, NULL, 0},
  {"a", TG_FAILURE, NULL, NULL, 0},
  {"and", TG_FAILURE, NULL, NULL, 0},
  {"more than", TG_FAILURE, NULL, NULL, 0},
  {"one hundred and", TG_FAILURE, NULL, NULL, 0},
  {"five twenty", TG_FAILURE, NULL, NULL, 0},
  {"twenty twenty", TG_FAILURE, NULL, NULL, 0},
  {"five-twenty", TG_FAILURE, NULL, NULL, 0},
  {"twenty-fifty", TG_FAILURE, NULL, NULL, 0},
  {"hundred hundred", TG_FAILURE, NULL, NULL, 0},
  {"one million million", TG_FAILURE, NULL, NULL, 0},
  {"5 five", TG_FAILURE, NULL, NULL, 0},
  {"a a million", TG_FAILURE, NULL, NULL, 0},
  {"1,2", TG_FAILURE, NULL, NULL, 0},
  {"12,34", TG_FAILURE, NULL, NULL, 0},
  {"1,2345", TG_FAILURE, NULL, NULL, 0},
  {"1234,567", TG_FAILURE, NULL, NULL, 0},
  {"1,234,56", TG_FAILURE, NULL, NULL, 0},
  {"1.2.3", TG_FAILURE, NULL, NULL, 0},
  {"1,234.5,6", TG_FAILURE, NULL, NULL, 0},
  {"30, 40", TG_FAILURE, NULL, NULL, 0},
  {"$5 euros", TG_FAILURE, NULL, NULL, 0},
  {"$5%", TG_FAILURE, NULL, NULL, 0},
  {"5 percent dollars", TG_FAILURE, NULL, NULL, 0},
  {"5 million m", TG_FAILURE, NULL, NULL, 0},
  {"\xC2\xA5" "5", TG_FAILURE, NULL, NULL, 0},
  {"R5", TG_SUCCESS, "5", "ZAR", 0},
  {"N25 million", TG_SUCCESS, "25000000", "NGN", 0},
  {"Tk 10 lakh", TG_SUCCESS, "1000000", "BDT", 0},
  /* ratios are shares in percent, exact to two decimals */
  {"one in five", TG_SUCCESS, "20", "percent", 0},
  {"1 in 8", TG_SUCCESS, "12.5", "percent", 0},
  {"roughly one in ten", TG_SUCCESS, "10", "percent", 0},
  {"one in three", TG_FAILURE, NULL, NULL, 0},
  {"one in 2025", TG_FAILURE, NULL, NULL, 0},
  {"five in one", TG_FAILURE, NULL, NULL, 0},
  {"$1 in 5", TG_FAILURE, NULL, NULL, 0},
  /* currencies and scales of world news */
  {"\xE2\x82\xAC" "310m", TG_SUCCESS, "310000000", "EUR", 0},
  {"$45M", TG_SUCCESS, "45000000", "USD", 0},
  {"US$1,250m", TG_SUCCESS, "1250000000", "USD", 0},
  {"Rs1,200cr", TG_SUCCESS, "12000000000", "INR", 0},
  {"Dh2.4 billion", TG_SUCCESS, "2400000000", "AED", 0},
  {"QR1.1 billion", TG_SUCCESS, "1100000000", "QAR", 0},
  {"NT$45 billion", TG_SUCCESS, "45000000000", "TWD", 0},
  {"\xE2\x82\xA9" "3 trillion", TG_SUCCESS, "3000000000000", "KRW", 0},
  {"14.2 billion Egyptian pounds", TG_SUCCESS, "14200000000", "EGP", 0},
  {"3.6 billion birr", TG_SUCCESS, "3600000000", "ETB", 0},
  {"310m euros", TG_SUCCESS, "310000000", "EUR", 0},
  {"310m", TG_FAILURE, NULL, NULL, 0},
  {"\xE2\x82\xAC" "5G", TG_FAILURE, NULL, NULL, 0},
  {"Rp 14.6 trillion", TG_SUCCESS, "14600000000000", "IDR", 0},
  {"GH\xC2\xA2" "4.86 billion", TG_SUCCESS, "4860000000", "GHS", 0},
  {"5 percentage points", TG_FAILURE, NULL, NULL, 0},
  {"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 "
   "28 29 30 31 32 33", TG_FAILURE, NULL, NULL, 0},
  /* too many digits */
  {D61, TG_BAD_LIMIT, NULL, NULL, 0},
  {"0.0" D60, TG_BAD_LIMIT, NULL, NULL, 0},
  {"9" D48 " trillion", TG_BAD_LIMIT, NULL, NULL, 0},
  {D60 D60 D60, TG_BAD_LIMIT, NULL, NULL, 0},
  {"1 trillion trillion", TG_FAILURE, NULL, NULL, 0},
};

#define N_QTY (sizeof qty_cases / sizeof qty_cases[0])

START_TEST(test_parse)
{
  const QtyCase *c = &qty_cases[_i];
  TgQuantity q;
  memset(&q, 0x5a, sizeof q);
  const TgStatus st = tg_quantity_parse(lex, c->expr, strlen(c->expr), &q);
  ck_assert_msg(st == c->status, "case %d \"%s\": status %d, expected %d",
                (int)_i, c->expr, (int)st, (int)c->status);
  if (c->status == TG_SUCCESS) {
    ck_assert_msg(strcmp(q.value, c->value) == 0,
                  "case %d \"%s\": value %s, expected %s", (int)_i, c->expr,
                  q.value, c->value);
    ck_assert_msg(strcmp(q.unit, c->unit) == 0,
                  "case %d \"%s\": unit \"%s\", expected \"%s\"", (int)_i,
                  c->expr, q.unit, c->unit);
    ck_assert_msg(q.approx == c->approx,
                  "case %d \"%s\": approx %d, expected %d", (int)_i, c->expr,
                  q.approx, c->approx);
  } else {
    ck_assert_msg(q.approx == 0x5a5a5a5a && (unsigned char)q.value[0] == 0x5a,
                  "case %d: output written on failure", (int)_i);
  }
}
END_TEST

START_TEST(test_parse_length)
{
  TgQuantity q;
  const char *s = "2,400 firms";
  ck_assert_int_eq(tg_quantity_parse(lex, s, 5, &q), TG_SUCCESS);
  ck_assert_str_eq(q.value, "2400");
  ck_assert_int_eq(tg_quantity_parse(lex, s, 1, &q), TG_SUCCESS);
  ck_assert_str_eq(q.value, "2");
  ck_assert_int_eq(tg_quantity_parse(lex, s, 3, &q), TG_FAILURE); /* "2,4" */
  ck_assert_int_eq(tg_quantity_parse(lex, s, 0, &q), TG_FAILURE);
  ck_assert_int_eq(tg_quantity_parse(lex, s, strlen(s), &q), TG_FAILURE);
}
END_TEST

START_TEST(test_parse_bad_args)
{
  TgQuantity q;
  ck_assert_int_eq(tg_quantity_parse(NULL, "5", 1, &q), TG_BAD_ARG);
  ck_assert_int_eq(tg_quantity_parse(lex, NULL, 1, &q), TG_BAD_ARG);
  ck_assert_int_eq(tg_quantity_parse(lex, "5", 1, NULL), TG_BAD_ARG);
}
END_TEST

/* Without words only digits work. */
START_TEST(test_parse_empty_lexicon)
{
  TgLexicon *empty = tg_lexicon_new();
  ck_assert_ptr_nonnull(empty);
  TgQuantity q;
  ck_assert_int_eq(tg_quantity_parse(empty, "1,234.50", 8, &q), TG_SUCCESS);
  ck_assert_str_eq(q.value, "1234.5");
  ck_assert_str_eq(q.unit, "");
  ck_assert_int_eq(tg_quantity_parse(empty, "30%", 3, &q), TG_FAILURE);
  ck_assert_int_eq(tg_quantity_parse(empty, "five", 4, &q), TG_FAILURE);
  tg_lexicon_free(empty);
}
END_TEST

static Suite *
quantity_suite(void)
{
  Suite *s = suite_create("quantity");
  TCase *tc = tcase_create("parse");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_loop_test(tc, test_parse, 0, (int)N_QTY);
  tcase_add_test(tc, test_parse_length);
  tcase_add_test(tc, test_parse_bad_args);
  tcase_add_test(tc, test_parse_empty_lexicon);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  if (!getenv("TG_LEXICON")) {
    fprintf(stderr, "test_quantity: set TG_LEXICON to the path of "
                    "ontology/lexicon.tsv\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(quantity_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
