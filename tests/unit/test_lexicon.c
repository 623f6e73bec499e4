/* telegraph: unit tests for the lexicon (src/lexicon.c).
 *
 * Needs TG_LEXICON = path of ontology/lexicon.tsv, and a build with
 * TG_TESTING defined (for the allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef _POSIX_C_SOURCE
#  define _POSIX_C_SOURCE 200809L /* mkstemp, close, unlink */
#endif

#include "lexicon.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TG_TESTING
#  error "test_lexicon needs TG_TESTING (allocation hook)"
#endif

/* ---- error collection ---- */

#define MAX_ERRORS 8

typedef struct {
  unsigned count;
  unsigned line[MAX_ERRORS];
  unsigned col[MAX_ERRORS];
  char msg[MAX_ERRORS][200];
  char file[MAX_ERRORS][256];
} Errors;

static void
collect(void *data, const char *file, unsigned line, unsigned col,
        const char *msg)
{
  Errors *e = (Errors *)data;
  if (e->count < MAX_ERRORS) {
    e->line[e->count] = line;
    e->col[e->count] = col;
    snprintf(e->msg[e->count], sizeof e->msg[0], "%s", msg);
    snprintf(e->file[e->count], sizeof e->file[0], "%s", file);
  }
  ++e->count;
}

/* Write `text` to a new temporary file; returns its path (static buffer
 * owned by the caller's stack via `path`). */
static void
write_temp(char *path, size_t size, const char *text)
{
  const char *dir = getenv("TMPDIR");
  snprintf(path, size, "%s/tg_lexicon_XXXXXX", dir && *dir ? dir : "/tmp");
  const int fd = mkstemp(path);
  ck_assert_msg(fd >= 0, "cannot create a temporary file");
  FILE *f = fdopen(fd, "w");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq((int)fwrite(text, 1, strlen(text), f), (int)strlen(text));
  ck_assert_int_eq(fclose(f), 0);
}

static const char *
lexicon_path(void)
{
  const char *path = getenv("TG_LEXICON");
  ck_assert_msg(path != NULL, "TG_LEXICON is not set");
  return path;
}

/* ---- the real file ---- */

START_TEST(test_load_real)
{
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  Errors e = {0};
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), collect, &e),
                   TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_gt(tg_lexicon_size(lex), 200);
  tg_lexicon_free(lex);
}
END_TEST

typedef struct {
  const char *kind;
  const char *word;
  bool found;
  long long value;
} FindCase;

static const FindCase find_cases[] = {
  {"month", "february", true, 2},
  {"month", "FEBRUARY", true, 2},
  {"month", "Feb.", true, 2},
  {"month", "sept", true, 9},
  {"month", "sept.", true, 9},
  {"month", "  december ", true, 12},
  {"month", "febr", false, 0},
  {"weekday", "Friday", true, 5},
  {"weekday", "sun", true, 7},
  {"number", "thirteen", true, 13},
  {"number", "ninety", true, 90},
  {"number", "hundred", false, 0},
  {"ordinal", "thirty-first", true, 31},
  {"ordinal", "twentieth", true, 20},
  {"scale", "hundred", true, 100},
  {"scale", "BN", true, 1000000000LL},
  {"scale", "trillion", true, 1000000000000LL},
  {"scale", "lakh", true, 100000},
  {"scale", "crore", true, 10000000},
  {"scale", "m", false, 0},
  {"percent", "per cent", true, 0},
  {"percent", "Per\t  Cent", true, 0},
  {"percent", "%", true, 0},
  {"approx", "more than", true, 1},
  {"approx", "nearly", true, -1},
  {"approx", "about", true, 0},
  {"relative", "last", true, -1},
  {"relative", "coming", true, 1},
  {"relative-day", "yesterday", true, -1},
  {"relative-day", "tomorrow", true, 1},
  {"period", "month", true, 2},
  {"anchor", "mid", true, 0},
  {"preposition", "as of", true, 0},
  {"currency", "dollars", true, 0},
  {"abbrev", "Mr", true, 1},
  {"abbrev", "Inc", true, 2},
  {"future", "will", true, 1},
  {"nosuchkind", "february", false, 0},
  {"month", "", false, 0},
  {"month", "   ", false, 0},
};

#define N_FIND (sizeof find_cases / sizeof find_cases[0])

START_TEST(test_find)
{
  const FindCase *c = &find_cases[_i];
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL),
                   TG_SUCCESS);
  long long v = -99;
  const bool found =
      tg_lexicon_find(lex, c->kind, c->word, strlen(c->word), &v);
  ck_assert_msg(found == c->found, "%s '%s': found %d", c->kind, c->word,
                (int)found);
  if (c->found) {
    ck_assert_msg(v == c->value, "%s '%s': value %lld, expected %lld",
                  c->kind, c->word, v, c->value);
  } else {
    ck_assert(v == -99);
  }
  tg_lexicon_free(lex);
}
END_TEST

typedef struct {
  const char *word;
  const char *code; /* NULL: not found */
} CurrencyCase;

static const CurrencyCase currency_cases[] = {
  {"yuan", "CNY"},     {"RMB", "CNY"},         {"renminbi", "CNY"},
  {"US$", "USD"},      {"$", "USD"},           {"dollars", "USD"},
  {"US dollars", "USD"}, {"euros", "EUR"},     {"\xE2\x82\xAC", "EUR"},
  {"pounds", "GBP"},   {"\xC2\xA3", "GBP"},    {"rupees", "INR"},
  {"Rs", "INR"},       {"Rs.", "INR"},         {"\xE2\x82\xB9", "INR"},
  {"naira", "NGN"},    {"\xE2\x82\xA6", "NGN"}, {"rand", "ZAR"},
  {"dong", "VND"},     {"taka", "BDT"},        {"yen", "JPY"},
  {"won", "KRW"},      {"reais", "BRL"},       {"HK$", "HKD"},
  {"S$", "SGD"},       {"A$", "AUD"},          {"C$", "CAD"},
  {"R", "ZAR"},        {"\xC2\xA5", NULL},     {"bucks", NULL},
};

#define N_CURRENCY (sizeof currency_cases / sizeof currency_cases[0])

START_TEST(test_find_currency)
{
  const CurrencyCase *c = &currency_cases[_i];
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL),
                   TG_SUCCESS);
  const char *code =
      tg_lexicon_find_str(lex, "currency", c->word, strlen(c->word));
  if (c->code) {
    ck_assert_ptr_nonnull(code);
    ck_assert_str_eq(code, c->code);
  } else {
    ck_assert_ptr_null(code);
  }
  tg_lexicon_free(lex);
}
END_TEST

START_TEST(test_find_misc)
{
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL),
                   TG_SUCCESS);
  long long v = 0;

  /* only `len` bytes are looked at */
  ck_assert(tg_lexicon_find(lex, "month", "februaryXYZ", 8, &v));
  ck_assert_int_eq(v, 2);
  ck_assert(!tg_lexicon_find(lex, "month", "februaryXYZ", 9, &v));
  /* value pointer is optional */
  ck_assert(tg_lexicon_find(lex, "month", "may", 3, NULL));
  /* integer kinds have no string value */
  ck_assert_ptr_null(tg_lexicon_find_str(lex, "month", "may", 3));
  /* NULL arguments */
  ck_assert(!tg_lexicon_find(NULL, "month", "may", 3, &v));
  ck_assert(!tg_lexicon_find(lex, NULL, "may", 3, &v));
  ck_assert(!tg_lexicon_find(lex, "month", NULL, 3, &v));
  ck_assert_ptr_null(tg_lexicon_find_str(NULL, "currency", "$", 1));
  /* too long to be a word */
  char longword[200];
  memset(longword, 'a', sizeof longword);
  ck_assert(!tg_lexicon_find(lex, "month", longword, sizeof longword, &v));
  ck_assert_uint_eq(tg_lexicon_size(NULL), 0);
  tg_lexicon_free(lex);
}
END_TEST

START_TEST(test_match)
{
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL),
                   TG_SUCCESS);
  const TgLexToken toks[] = {
    {"more", 4}, {"than", 4}, {"5", 1}, {"Hong", 4}, {"Kong", 4},
    {"dollars", 7},
  };
  long long v = 0;
  const char *str = "x";
  ck_assert_uint_eq(tg_lexicon_match(lex, "approx", toks, 6, &v, &str), 2);
  ck_assert_int_eq(v, 1);
  ck_assert_ptr_null(str);
  ck_assert_uint_eq(tg_lexicon_match(lex, "approx", toks, 1, &v, NULL), 0);
  ck_assert_uint_eq(tg_lexicon_match(lex, "currency", toks + 3, 3, NULL, &str),
                    3);
  ck_assert_str_eq(str, "HKD");
  /* longest match wins over "dollars" alone */
  ck_assert_uint_eq(tg_lexicon_match(lex, "currency", toks + 5, 1, NULL, &str),
                    1);
  ck_assert_str_eq(str, "USD");
  ck_assert_uint_eq(tg_lexicon_match(lex, "currency", toks + 2, 4, NULL, &str),
                    0);
  ck_assert_uint_eq(tg_lexicon_match(lex, "nosuchkind", toks, 6, NULL, NULL),
                    0);
  ck_assert_uint_eq(tg_lexicon_match(lex, "approx", toks, 0, NULL, NULL), 0);
  ck_assert_uint_eq(tg_lexicon_match(NULL, "approx", toks, 6, NULL, NULL), 0);
  tg_lexicon_free(lex);
}
END_TEST

START_TEST(test_free_null)
{
  tg_lexicon_free(NULL);
  tg_lexicon_set_alloc_fail_after(NULL, 3);
}
END_TEST

START_TEST(test_load_args)
{
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(NULL, lexicon_path(), NULL, NULL),
                   TG_BAD_ARG);
  ck_assert_int_eq(tg_lexicon_load(lex, NULL, NULL, NULL), TG_BAD_ARG);

  Errors e = {0};
  ck_assert_int_eq(
      tg_lexicon_load(lex, "/nonexistent/dir/lexicon.tsv", collect, &e),
      TG_BAD_READ);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_uint_eq(e.line[0], 0);
  ck_assert_str_eq(e.file[0], "/nonexistent/dir/lexicon.tsv");
  ck_assert_ptr_nonnull(strstr(e.msg[0], "cannot open"));
  /* NULL callback: still the status */
  ck_assert_int_eq(
      tg_lexicon_load(lex, "/nonexistent/dir/lexicon.tsv", NULL, NULL),
      TG_BAD_READ);
  tg_lexicon_free(lex);
}
END_TEST

/* ---- malformed files ---- */

typedef struct {
  const char *text;
  TgStatus status;
  unsigned line; /* of the first error */
  unsigned col;
  const char *msg_part;
  unsigned nerrors;
} BadFileCase;

static const BadFileCase bad_files[] = {
  {"month\tjanuary\t1\nmnth\tfoo\t1\n", TG_BAD_SYNTAX, 2, 1, "unknown kind",
   1},
  {"Month\tjanuary\t1\n", TG_BAD_SYNTAX, 1, 1, "unknown kind", 1},
  {"month\tjanuary\n", TG_BAD_SYNTAX, 1, 14, "missing field", 1},
  {"month\n", TG_BAD_SYNTAX, 1, 6, "missing field", 1},
  {"month\t\t1\n", TG_BAD_SYNTAX, 1, 7, "missing field", 1},
  {"month\t   \t1\n", TG_BAD_SYNTAX, 1, 7, "missing field", 1},
  {"month\tjanuary\t\n", TG_BAD_SYNTAX, 1, 15, "missing field", 1},
  {"month\tjanuary\tx\n", TG_BAD_SYNTAX, 1, 15, "bad value", 1},
  {"month\tjanuary\t1x\n", TG_BAD_SYNTAX, 1, 15, "bad value", 1},
  {"month\tjanuary\t13\n", TG_BAD_SYNTAX, 1, 15, "bad value", 1},
  {"weekday\tfoo\t0\n", TG_BAD_SYNTAX, 1, 13, "bad value", 1},
  {"approx\tfoo\t2\n", TG_BAD_SYNTAX, 1, 12, "bad value", 1},
  {"number\tgazillion\t99999999999999999999999\n", TG_BAD_SYNTAX, 1, 18,
   "bad value", 1},
  {"currency\tdollar\tusd\n", TG_BAD_SYNTAX, 1, 17, "bad value", 1},
  {"currency\tdollar\tUSDX\n", TG_BAD_SYNTAX, 1, 17, "bad value", 1},
  {"scale\tfoo\t300\n", TG_BAD_SYNTAX, 1, 11, "power of ten", 1},
  {"scale\tfoo\t1\n", TG_BAD_SYNTAX, 1, 11, "bad value", 1},
  {"month\tjanuary\t1\textra\n", TG_BAD_SYNTAX, 1, 16, "extra field", 1},
  {"month\tjanuary\t1\nmonth\tJanuary\t2\n", TG_BAD_SYNTAX, 2, 7, "duplicate",
   1},
  {"currency\tbuck\tUSD\ncurrency\tBUCK\tCAD\n", TG_BAD_SYNTAX, 2, 10,
   "duplicate", 1},
  {"# comment\n\n   \n  # indented comment\nmonth\tjan\t1\r\nweekday\tmon\t8\n",
   TG_BAD_SYNTAX, 6, 13, "bad value", 1},
  {"month\t"
   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   "\t1\n",
   TG_BAD_SYNTAX, 1, 7, "too long", 1},
  {"mnth\tx\t1\nmonth\tx\nmonth\tjanuary\t99\n", TG_BAD_SYNTAX, 1, 1,
   "unknown kind", 3},
};

#define N_BAD (sizeof bad_files / sizeof bad_files[0])

START_TEST(test_bad_file)
{
  const BadFileCase *c = &bad_files[_i];
  char path[512];
  write_temp(path, sizeof path, c->text);

  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  Errors e = {0};
  const TgStatus st = tg_lexicon_load(lex, path, collect, &e);
  unlink(path);
  ck_assert_msg(st == c->status, "case %d: status %d", (int)_i, (int)st);
  ck_assert_msg(e.count == c->nerrors, "case %d: %u errors, expected %u",
                (int)_i, e.count, c->nerrors);
  ck_assert_str_eq(e.file[0], path);
  ck_assert_msg(e.line[0] == c->line && e.col[0] == c->col,
                "case %d: reported %u:%u (%s), expected %u:%u", (int)_i,
                e.line[0], e.col[0], e.msg[0], c->line, c->col);
  ck_assert_msg(strstr(e.msg[0], c->msg_part) != NULL,
                "case %d: message \"%s\" lacks \"%s\"", (int)_i, e.msg[0],
                c->msg_part);
  tg_lexicon_free(lex);
}
END_TEST

typedef struct {
  const char *text;
  size_t entries;
} GoodFileCase;

static const GoodFileCase good_files[] = {
  {"", 0},
  {"# only a comment\n", 0},
  {"month\tjan\t1", 1},                               /* no final newline */
  {"month\tjan\t1\r\n", 1},                           /* CRLF */
  {"month\tjanuary\t1\nmonth\tJANUARY\t1\n", 1},      /* same value again */
  {"month\tmay\t5\nweekday\tmay\t5\n", 2},            /* same word, 2 kinds */
  {"percent\tper   cent\t0\n", 1},                    /* blanks collapse */
  {"month\tjan\t1  \n", 1},                           /* trailing spaces */
  {"relative-day\tfortnight ago\t-14\n", 1},
  {"month\tjan\t+1\n", 1},
};

#define N_GOOD (sizeof good_files / sizeof good_files[0])

START_TEST(test_good_file)
{
  const GoodFileCase *c = &good_files[_i];
  char path[512];
  write_temp(path, sizeof path, c->text);
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  Errors e = {0};
  const TgStatus st = tg_lexicon_load(lex, path, collect, &e);
  unlink(path);
  ck_assert_msg(st == TG_SUCCESS, "case %d: status %d (%u:%u %s)", (int)_i,
                (int)st, e.line[0], e.col[0], e.msg[0]);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_eq(tg_lexicon_size(lex), c->entries);
  tg_lexicon_free(lex);
}
END_TEST

START_TEST(test_good_file_lookup)
{
  char path[512];
  write_temp(path, sizeof path,
             "percent\tper   cent\t0\nmonth\tmay\t5\nweekday\tmay\t5\n");
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, path, NULL, NULL), TG_SUCCESS);
  unlink(path);
  ck_assert(tg_lexicon_find(lex, "percent", "PER CENT", 8, NULL));
  long long v = 0;
  ck_assert(tg_lexicon_find(lex, "weekday", "May", 3, &v));
  ck_assert_int_eq(v, 5);
  tg_lexicon_free(lex);
}
END_TEST

/* A file with a NUL byte is rejected. */
START_TEST(test_binary_file)
{
  char path[512];
  const char *dir = getenv("TMPDIR");
  snprintf(path, sizeof path, "%s/tg_lexicon_XXXXXX",
           dir && *dir ? dir : "/tmp");
  const int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq((int)write(fd, "month\tjan\0\t1\n", 13), 13);
  close(fd);
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  Errors e = {0};
  ck_assert_int_eq(tg_lexicon_load(lex, path, collect, &e), TG_BAD_SYNTAX);
  unlink(path);
  ck_assert_uint_eq(e.count, 1);
  tg_lexicon_free(lex);
}
END_TEST

/* ---- every kind of a word in one lookup ---- */

/* tg_lexicon_kinds_of against asking each kind in turn, for every word of
 * the shipped lexicon and a few spellings of them. */
static void
check_kinds_of(const TgLexicon *lex, const char *word, size_t len)
{
  uint64_t want = 0;
  for (int k = 0; k < 63; ++k) {
    if (tg_lexicon_find_kind(lex, k, word, len, NULL)) {
      want |= (uint64_t)1 << k;
    }
  }
  const uint64_t got = tg_lexicon_kinds_of(lex, word, len);
  ck_assert_msg(got == want, "'%.*s': kinds %llx, one by one %llx", (int)len, word,
                (unsigned long long)got, (unsigned long long)want);
}

START_TEST(test_kinds_of)
{
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL), TG_SUCCESS);
  FILE *in = fopen(lexicon_path(), "r");
  ck_assert_ptr_nonnull(in);
  char line[512];
  unsigned words = 0;
  while (fgets(line, sizeof line, in)) {
    char *tab = strchr(line, '\t');
    if (line[0] == '#' || !tab) {
      continue;
    }
    char *word = tab + 1;
    char *end = strchr(word, '\t');
    const size_t len = end ? (size_t)(end - word) : strcspn(word, "\n");
    check_kinds_of(lex, word, len);
    char upper[128];
    for (size_t i = 0; i < len && i < sizeof upper; ++i) {
      upper[i] = (word[i] >= 'a' && word[i] <= 'z') ? (char)(word[i] - 32) : word[i];
    }
    check_kinds_of(lex, upper, len < sizeof upper ? len : sizeof upper);
    ++words;
  }
  fclose(in);
  ck_assert_uint_gt(words, 200);
  static const char *const extra[] = {"  June ", "may", "MAY", "Ltd", "pounds   sterling",
                                      "no-such-word", "", " ", "x"};
  for (size_t i = 0; i < sizeof extra / sizeof extra[0]; ++i) {
    check_kinds_of(lex, extra[i], strlen(extra[i]));
  }
  /* A word of two kinds has both bits, and only those it has. */
  const uint64_t june = tg_lexicon_kinds_of(lex, "June", 4);
  ck_assert(june & ((uint64_t)1 << tg_lexicon_kind("month")));
  ck_assert(!(june & ((uint64_t)1 << tg_lexicon_kind("weekday"))));
  ck_assert_uint_eq(tg_lexicon_kinds_of(NULL, "June", 4), 0);
  ck_assert_uint_eq(tg_lexicon_kinds_of(lex, "zzzq", 4), 0);
  tg_lexicon_free(lex);
}
END_TEST

/* ---- allocation failure ---- */

START_TEST(test_alloc_failure)
{
  /* Fail the n-th allocation for every n until loading succeeds: each
   * failure must be reported as TG_BAD_ALLOC and leak nothing. */
  bool succeeded = false;
  unsigned failures = 0;
  for (long n = 0; n < 64 && !succeeded; ++n) {
    TgLexicon *lex = tg_lexicon_new();
    ck_assert_ptr_nonnull(lex);
    tg_lexicon_set_alloc_fail_after(lex, n);
    Errors e = {0};
    const TgStatus st = tg_lexicon_load(lex, lexicon_path(), collect, &e);
    if (st == TG_SUCCESS) {
      succeeded = true;
      ck_assert_uint_gt(tg_lexicon_size(lex), 200);
    } else {
      ck_assert_msg(st == TG_BAD_ALLOC, "n=%ld: status %d", n, (int)st);
      ck_assert_uint_ge(e.count, 1);
      ck_assert_ptr_nonnull(strstr(e.msg[e.count - 1], "out of memory"));
      ++failures;
      /* the lexicon is still usable: lift the limit and load again */
      tg_lexicon_set_alloc_fail_after(lex, -1);
      ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL),
                       TG_SUCCESS);
      long long v = 0;
      ck_assert(tg_lexicon_find(lex, "month", "june", 4, &v));
      ck_assert_int_eq(v, 6);
    }
    tg_lexicon_free(lex);
  }
  ck_assert(succeeded);
  ck_assert_uint_ge(failures, 3); /* file buffer, entries, hash slots */
}
END_TEST

START_TEST(test_alloc_failure_first)
{
  TgLexicon *lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  tg_lexicon_set_alloc_fail_after(lex, 0);
  ck_assert_int_eq(tg_lexicon_load(lex, lexicon_path(), NULL, NULL),
                   TG_BAD_ALLOC);
  ck_assert_uint_eq(tg_lexicon_size(lex), 0);
  tg_lexicon_free(lex);
}
END_TEST

static Suite *
lexicon_suite(void)
{
  Suite *s = suite_create("lexicon");

  TCase *tc = tcase_create("lookup");
  tcase_add_test(tc, test_load_real);
  tcase_add_loop_test(tc, test_find, 0, (int)N_FIND);
  tcase_add_loop_test(tc, test_find_currency, 0, (int)N_CURRENCY);
  tcase_add_test(tc, test_find_misc);
  tcase_add_test(tc, test_match);
  tcase_add_test(tc, test_kinds_of);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);

  tc = tcase_create("load");
  tcase_add_test(tc, test_load_args);
  tcase_add_loop_test(tc, test_bad_file, 0, (int)N_BAD);
  tcase_add_loop_test(tc, test_good_file, 0, (int)N_GOOD);
  tcase_add_test(tc, test_good_file_lookup);
  tcase_add_test(tc, test_binary_file);
  suite_add_tcase(s, tc);

  tc = tcase_create("alloc");
  tcase_add_test(tc, test_alloc_failure);
  tcase_add_test(tc, test_alloc_failure_first);
  suite_add_tcase(s, tc);
  return s;
}

int
main(void)
{
  if (!getenv("TG_LEXICON")) {
    fprintf(stderr, "test_lexicon: set TG_LEXICON to the path of "
                    "ontology/lexicon.tsv\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(lexicon_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
