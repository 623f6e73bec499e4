/* telegraph: unit tests for the shared helpers (src/util.c).
 *
 * Needs a build with TG_TESTING defined (for the allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TG_TESTING
#  error "test_util needs TG_TESTING (allocation hook)"
#endif

/* ---- TgVec ---- */

START_TEST(test_vec_growth)
{
  TgVec v;
  tg_vec_init(&v, sizeof(int));
  ck_assert_ptr_null(v.data);
  ck_assert_uint_eq(v.len, 0);
  ck_assert_uint_eq(v.cap, 0);
  ck_assert_uint_eq(v.size, sizeof(int));
  /* Capacity doubles from 8: 8, 16, 32, 64, 128. */
  static const struct {
    int after;
    size_t cap;
  } steps[] = {{1, 8}, {8, 8}, {9, 16}, {16, 16}, {17, 32}, {33, 64}, {65, 128}, {100, 128}};
  int pushed = 0;
  for (size_t s = 0; s < sizeof steps / sizeof steps[0]; ++s) {
    while (pushed < steps[s].after) {
      const int x = pushed * 3 + 1;
      ck_assert_int_eq(tg_vec_push(&v, &x), TG_SUCCESS);
      ++pushed;
    }
    ck_assert_uint_eq(v.len, (size_t)pushed);
    ck_assert_uint_eq(v.cap, steps[s].cap);
  }
  for (int i = 0; i < pushed; ++i) {
    ck_assert_int_eq(*(int *)tg_vec_at(&v, (size_t)i), i * 3 + 1);
  }
  tg_vec_clear(&v);
  ck_assert_ptr_null(v.data);
  ck_assert_uint_eq(v.len, 0);
  ck_assert_uint_eq(v.cap, 0);
  /* Usable again after clear. */
  const int y = 42;
  ck_assert_int_eq(tg_vec_push(&v, &y), TG_SUCCESS);
  ck_assert_int_eq(*(int *)tg_vec_at(&v, 0), 42);
  tg_vec_clear(&v);
}
END_TEST

START_TEST(test_vec_large_elements)
{
  typedef struct {
    char bytes[37];
  } Odd;
  TgVec v;
  tg_vec_init(&v, sizeof(Odd));
  for (int i = 0; i < 50; ++i) {
    Odd o;
    memset(o.bytes, 'a' + (i % 26), sizeof o.bytes);
    ck_assert_int_eq(tg_vec_push(&v, &o), TG_SUCCESS);
  }
  ck_assert_uint_eq(v.len, 50);
  for (int i = 0; i < 50; ++i) {
    const Odd *o = (const Odd *)tg_vec_at(&v, (size_t)i);
    ck_assert_int_eq(o->bytes[0], 'a' + (i % 26));
    ck_assert_int_eq(o->bytes[36], 'a' + (i % 26));
  }
  tg_vec_clear(&v);
}
END_TEST

/* ---- TgBuf ---- */

START_TEST(test_buf_growth)
{
  TgBuf b;
  tg_buf_init(&b);
  ck_assert_ptr_null(b.buf);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_int_eq(tg_buf_append(&b, "", 0), TG_SUCCESS);
  ck_assert_ptr_nonnull(b.buf);
  ck_assert_str_eq(b.buf, "");
  ck_assert_uint_eq(b.cap, 64);
  ck_assert_int_eq(tg_buf_puts(&b, "hello"), TG_SUCCESS);
  ck_assert_int_eq(tg_buf_putc(&b, ' '), TG_SUCCESS);
  ck_assert_int_eq(tg_buf_printf(&b, "%d-%s", 42, "x"), TG_SUCCESS);
  ck_assert_str_eq(b.buf, "hello 42-x");
  ck_assert_uint_eq(b.len, 10);
  /* Grow past 64, 128, 256 bytes. */
  for (int i = 0; i < 30; ++i) {
    ck_assert_int_eq(tg_buf_puts(&b, "0123456789"), TG_SUCCESS);
  }
  ck_assert_uint_eq(b.len, 310);
  ck_assert_uint_eq(b.cap, 512);
  ck_assert_int_eq(b.buf[310], '\0');
  ck_assert_int_eq(memcmp(b.buf + 300, "0123456789", 10), 0);
  /* A long printf grows in one step. */
  b.len = 0;
  ck_assert_int_eq(tg_buf_printf(&b, "%0600d", 7), TG_SUCCESS);
  ck_assert_uint_eq(b.len, 600);
  ck_assert_uint_eq(strlen(b.buf), 600);
  ck_assert_int_eq(b.buf[599], '7');
  ck_assert_uint_eq(b.cap, 1024);
  tg_buf_clear(&b);
  ck_assert_ptr_null(b.buf);
  ck_assert_uint_eq(b.len, 0);
  ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(test_buf_embedded_nul)
{
  TgBuf b;
  tg_buf_init(&b);
  ck_assert_int_eq(tg_buf_append(&b, "a\0b", 3), TG_SUCCESS);
  ck_assert_uint_eq(b.len, 3);
  ck_assert_int_eq(memcmp(b.buf, "a\0b\0", 4), 0);
  tg_buf_clear(&b);
}
END_TEST

/* ---- UTF-8 ---- */

typedef struct {
  const char *name;
  const char *bytes;
  size_t len;
  size_t want_n;  /* 0: invalid */
  uint32_t want_cp;
} Utf8Case;

static const Utf8Case utf8_cases[] = {
    {"ascii", "A", 1, 1, 0x41},
    {"nul", "\0", 1, 1, 0x00},
    {"del", "\x7F", 1, 1, 0x7F},
    {"2-byte min", "\xC2\x80", 2, 2, 0x80},
    {"e-acute", "\xC3\xA9", 2, 2, 0xE9},
    {"2-byte max", "\xDF\xBF", 2, 2, 0x7FF},
    {"3-byte min", "\xE0\xA0\x80", 3, 3, 0x800},
    {"curly apostrophe", "\xE2\x80\x99", 3, 3, 0x2019},
    {"zhong", "\xE4\xB8\xAD", 3, 3, 0x4E2D},
    {"before surrogates", "\xED\x9F\xBF", 3, 3, 0xD7FF},
    {"after surrogates", "\xEE\x80\x80", 3, 3, 0xE000},
    {"bom", "\xEF\xBB\xBF", 3, 3, 0xFEFF},
    {"3-byte max", "\xEF\xBF\xBF", 3, 3, 0xFFFF},
    {"4-byte min", "\xF0\x90\x80\x80", 4, 4, 0x10000},
    {"emoji", "\xF0\x9F\x98\x80", 4, 4, 0x1F600},
    {"max code point", "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF},
    {"trailing bytes ignored", "\xC3\xA9xyz", 5, 2, 0xE9},
    /* Invalid */
    {"empty", "", 0, 0, 0},
    {"overlong C0", "\xC0\xAF", 2, 0, 0},
    {"overlong C1", "\xC1\xBF", 2, 0, 0},
    {"overlong 3-byte", "\xE0\x80\xAF", 3, 0, 0},
    {"overlong 3-byte max", "\xE0\x9F\xBF", 3, 0, 0},
    {"overlong 4-byte", "\xF0\x80\x80\xAF", 4, 0, 0},
    {"overlong 4-byte max", "\xF0\x8F\xBF\xBF", 4, 0, 0},
    {"high surrogate", "\xED\xA0\x80", 3, 0, 0},
    {"low surrogate", "\xED\xBF\xBF", 3, 0, 0},
    {"above U+10FFFF", "\xF4\x90\x80\x80", 4, 0, 0},
    {"F5 lead", "\xF5\x80\x80\x80", 4, 0, 0},
    {"FF byte", "\xFF", 1, 0, 0},
    {"FE byte", "\xFE", 1, 0, 0},
    {"truncated 2-byte", "\xC3", 1, 0, 0},
    {"truncated 3-byte", "\xE4\xB8", 2, 0, 0},
    {"truncated 4-byte", "\xF0\x9F\x98", 3, 0, 0},
    {"truncated by len", "\xE4\xB8\xAD", 2, 0, 0},
    {"stray continuation", "\x80", 1, 0, 0},
    {"stray continuation BF", "\xBF" "A", 2, 0, 0},
    {"bad second byte", "\xC3\x41", 2, 0, 0},
    {"bad third byte", "\xE4\xB8\x41", 3, 0, 0},
    {"bad fourth byte", "\xF0\x9F\x98\xC0", 4, 0, 0},
};
#define N_UTF8 (sizeof utf8_cases / sizeof utf8_cases[0])

START_TEST(test_utf8_decode)
{
  const Utf8Case *c = &utf8_cases[_i];
  uint32_t cp = 0xDEADBEEF;
  const size_t n = tg_utf8_decode((const unsigned char *)c->bytes, c->len, &cp);
  ck_assert_msg(n == c->want_n, "%s: length %zu, want %zu", c->name, n, c->want_n);
  if (c->want_n) {
    ck_assert_msg(cp == c->want_cp, "%s: U+%04X, want U+%04X", c->name, (unsigned)cp,
                  (unsigned)c->want_cp);
  }
}
END_TEST

START_TEST(test_utf8_count)
{
  ck_assert_uint_eq(tg_utf8_count("", 0), 0);
  ck_assert_uint_eq(tg_utf8_count("abc", 3), 3);
  ck_assert_uint_eq(tg_utf8_count("\xC3\xA9", 2), 1);
  /* a é 中 😀 ’ */
  const char *s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\xE2\x80\x99";
  ck_assert_uint_eq(strlen(s), 13);
  ck_assert_uint_eq(tg_utf8_count(s, 13), 5);
  /* A prefix ending mid-character counts the started character. */
  ck_assert_uint_eq(tg_utf8_count(s, 4), 3);
  ck_assert_uint_eq(tg_utf8_count("Xi\xE2\x80\x99" "an", 7), 5);
}
END_TEST

typedef struct {
  uint32_t cp;
  bool word;
} WordCase;

static const WordCase word_cases[] = {
    {'a', true},    {'Z', true},     {'0', true},     {'9', true},    {' ', false},
    {'-', false},   {'\'', false},   {'&', false},    {'.', false},   {0x00, false},
    {0xA0, false},  {0xAB, false},   {0xBB, false},   {0xE9, true},   {0xC9, true},
    {0x4E2D, true}, {0x2019, false}, {0x201C, false}, {0x2014, false}, {0x3002, false},
    {0xFEFF, false}, {0x0416, true},
};
#define N_WORD (sizeof word_cases / sizeof word_cases[0])

START_TEST(test_is_word_cp)
{
  const WordCase *c = &word_cases[_i];
  ck_assert_msg(tg_is_word_cp(c->cp) == c->word, "U+%04X: want %s", (unsigned)c->cp,
                c->word ? "word" : "not word");
}
END_TEST

/* Capitals and small letters alternate with changing parity in Latin
 * Extended-A: "Ł", "Ž" are odd, "Š" even; Yoruba, Romanian, Greek, Cyrillic. */
static const WordCase upper_cases[] = {
    {'A', true},     {'a', false},    {0xC9, true},    {0xE9, false},   {0xD7, false},
    {0xDF, false},   {0x160, true},   {0x161, false},  {0x141, true},   {0x142, false},
    {0x17D, true},   {0x17E, false},  {0x178, true},   {0x1ECC, true},  {0x1ECD, false},
    {0x218, true},   {0x219, false},  {0x3A3, true},   {0x3C3, false},  {0x414, true},
    {0x434, false},  {0x4E2D, false}, {'5', false},
};
#define N_UPPER (sizeof upper_cases / sizeof upper_cases[0])

START_TEST(test_cp_is_upper)
{
  const WordCase *c = &upper_cases[_i];
  ck_assert_msg(tg_cp_is_upper(c->cp) == c->word, "U+%04X: want %s", (unsigned)c->cp,
                c->word ? "capital" : "no capital");
}
END_TEST

START_TEST(test_hash)
{
  /* 64-bit FNV-1a reference values. */
  ck_assert_uint_eq(tg_hash("", 0), 0xcbf29ce484222325ull);
  ck_assert_uint_eq(tg_hash("a", 1), 0xaf63dc4c8601ec8cull);
  ck_assert_uint_eq(tg_hash("foobar", 6), 0x85944171f73967e8ull);
  ck_assert_uint_eq(tg_hash("foobarXX", 6), 0x85944171f73967e8ull);
}
END_TEST

/* ---- Slugs ---- */

typedef struct {
  const char *name;
  const char *slug;
} SlugCase;

static const SlugCase slug_cases[] = {
    {"Ministry of Industry and Information Technology",
     "ministry-of-industry-and-information-technology"},
    {"AT&T", "at-and-t"},
    {"AT & T", "at-and-t"},
    {"R&D", "r-and-d"},
    {"People's Bank of China", "peoples-bank-of-china"},
    {"Deutsche Telekom (China) Co", "deutsche-telekom-china-co"},
    {"Deutsche Telekom (China) Communication Technology Co",
     "deutsche-telekom-china-communication-technology-co"},
    {"State Council", "state-council"},
    {"Beijing", "beijing"},
    {"Canal+", "canal-plus"},
    {"C++ Group", "c-plus-plus-group"},
    {"1&1", "1-and-1"},
    {"3M", "3m"},
    {"U.S.", "u-s"},
    {"Société Générale", "soci\xC3\xA9t\xC3\xA9-g\xC3\xA9n\xC3\xA9rale"},
    {"Zürich", "z\xC3\xBCrich"},
    /* capitals outside ASCII are lower-cased too */
    {"\xC3\x89TAT \xE1\xBB\x8C" "d\xE1\xBB\x8D A.\xC5\x9E. \xC4\xB0zmir \xC5\x81" "\xC3\xB3" "d\xC5\xBA",
     "\xC3\xA9tat-\xE1\xBB\x8D" "d\xE1\xBB\x8D-a-\xC5\x9F-izmir-\xC5\x82\xC3\xB3" "d\xC5\xBA"},
    {"Telefónica S.A.", "telef\xC3\xB3nica-s-a"},
    {"\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xA7\xBB\xE5\x8A\xA8", "\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xA7\xBB\xE5\x8A\xA8"},
    {"China Mobile (\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xA7\xBB\xE5\x8A\xA8)",
     "china-mobile-\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xA7\xBB\xE5\x8A\xA8"},
    {"  Acme Co.  ", "acme-co"},
    {"(Acme)", "acme"},
    {"--Foo--Bar--", "foo-bar"},
    {"\"Quoted\" Name!", "quoted-name"},
    {"\xE2\x80\x9C" "Curly\xE2\x80\x9D quotes", "curly-quotes"},
    {"A\xC2\xA0" "B", "a-b"},
    {"&Co", "and-co"},
    {"Smith &", "smith-and"},
    {"...", ""},
    {"", ""},
    {"ALL CAPS 2025", "all-caps-2025"},
};
#define N_SLUG (sizeof slug_cases / sizeof slug_cases[0])

START_TEST(test_slugify)
{
  const SlugCase *c = &slug_cases[_i];
  TgBuf b;
  tg_buf_init(&b);
  ck_assert_int_eq(tg_slugify(c->name, strlen(c->name), &b), TG_SUCCESS);
  ck_assert_msg(strcmp(b.buf ? b.buf : "", c->slug) == 0, "slug of '%s' is '%s', want '%s'",
                c->name, b.buf ? b.buf : "", c->slug);
  tg_buf_clear(&b);
}
END_TEST

/* The slug is appended: an existing prefix is kept, and a leading '&'
 * after a prefix does not get a dash from the prefix. */
START_TEST(test_slugify_appends)
{
  TgBuf b;
  tg_buf_init(&b);
  ck_assert_int_eq(tg_buf_puts(&b, "org/"), TG_SUCCESS);
  ck_assert_int_eq(tg_slugify("AT&T", 4, &b), TG_SUCCESS);
  ck_assert_str_eq(b.buf, "org/at-and-t");
  b.len = 0;
  ck_assert_int_eq(tg_buf_puts(&b, "org/"), TG_SUCCESS);
  ck_assert_int_eq(tg_slugify("&Co", 3, &b), TG_SUCCESS);
  ck_assert_str_eq(b.buf, "org/and-co");
  b.len = 0;
  ck_assert_int_eq(tg_buf_puts(&b, "place/"), TG_SUCCESS);
  ck_assert_int_eq(tg_slugify("  -Beijing", 10, &b), TG_SUCCESS);
  ck_assert_str_eq(b.buf, "place/beijing");
  /* Only `len` bytes are read. */
  b.len = 0;
  ck_assert_int_eq(tg_slugify("State Council of X", 13, &b), TG_SUCCESS);
  ck_assert_str_eq(b.buf, "state-council");
  tg_buf_clear(&b);
}
END_TEST

/* A curly apostrophe is an apostrophe: "People’s" slugs as "People's"
 * does (the gazetteer treats the two as equal, so must the slugs). */
START_TEST(test_slugify_curly_apostrophe)
{
  TgBuf a;
  TgBuf b;
  tg_buf_init(&a);
  tg_buf_init(&b);
  const char *curly = "People\xE2\x80\x99s Bank of China";
  ck_assert_int_eq(tg_slugify(curly, strlen(curly), &a), TG_SUCCESS);
  ck_assert_int_eq(tg_slugify("People's Bank of China", 22, &b), TG_SUCCESS);
  ck_assert_str_eq(b.buf, "peoples-bank-of-china");
  ck_assert_str_eq(a.buf, "peoples-bank-of-china");
  tg_buf_clear(&a);
  tg_buf_clear(&b);
}
END_TEST

START_TEST(test_slugify_invalid_utf8)
{
  TgBuf b;
  tg_buf_init(&b);
  ck_assert_int_eq(tg_slugify("Acme \xFF", 6, &b), TG_BAD_TEXT);
  b.len = 0;
  ck_assert_int_eq(tg_slugify("\xC3", 1, &b), TG_BAD_TEXT);
  b.len = 0;
  ck_assert_int_eq(tg_slugify("x\xED\xA0\x80", 4, &b), TG_BAD_TEXT);
  tg_buf_clear(&b);
}
END_TEST

/* ---- Strings and reports ---- */

START_TEST(test_strndup)
{
  char *s = tg_strndup("abcdef", 3);
  ck_assert_str_eq(s, "abc");
  tg_free(s);
  s = tg_strdup("");
  ck_assert_str_eq(s, "");
  tg_free(s);
  s = tg_strndup("a\0b", 3);
  ck_assert_int_eq(memcmp(s, "a\0b\0", 4), 0);
  tg_free(s);
}
END_TEST

typedef struct {
  unsigned calls;
  char file[64];
  unsigned line;
  unsigned col;
  char msg[128];
} Report;

static void collect(void *data, const char *file, unsigned line, unsigned col, const char *msg)
{
  Report *r = (Report *)data;
  ++r->calls;
  snprintf(r->file, sizeof r->file, "%s", file ? file : "(null)");
  r->line = line;
  r->col = col;
  snprintf(r->msg, sizeof r->msg, "%s", msg);
}

START_TEST(test_report)
{
  Report r = {0};
  ck_assert_int_eq(tg_report(collect, &r, TG_BAD_SYNTAX, "x.rules", 3, 7, "bad %s %d", "thing", 5),
                   TG_BAD_SYNTAX);
  ck_assert_uint_eq(r.calls, 1);
  ck_assert_str_eq(r.file, "x.rules");
  ck_assert_uint_eq(r.line, 3);
  ck_assert_uint_eq(r.col, 7);
  ck_assert_str_eq(r.msg, "bad thing 5");
  ck_assert_int_eq(tg_report(collect, &r, TG_BAD_READ, NULL, 0, 0, "x"), TG_BAD_READ);
  ck_assert_str_eq(r.file, "(null)");
  /* No sink: the status still comes back. */
  ck_assert_int_eq(tg_report(NULL, NULL, TG_BAD_DATE, "f", 1, 1, "m"), TG_BAD_DATE);
}
END_TEST

/* ---- Allocation failure injection ---- */

START_TEST(test_alloc_fail_now)
{
  tg_alloc_fail_after(0);
  void *p = tg_malloc(16);
  void *q = tg_calloc(2, 8);
  void *r = tg_realloc(NULL, 8);
  char *s = tg_strdup("abc");
  tg_alloc_fail_after(-1);
  ck_assert_ptr_null(p);
  ck_assert_ptr_null(q);
  ck_assert_ptr_null(r);
  ck_assert_ptr_null(s);
  p = tg_malloc(16);
  ck_assert_ptr_nonnull(p);
  tg_free(p);
}
END_TEST

START_TEST(test_alloc_fail_after_n)
{
  void *ok[3];
  tg_alloc_fail_after(3);
  ok[0] = tg_malloc(1);
  ok[1] = tg_calloc(1, 1);
  ok[2] = tg_malloc(0);
  void *fail1 = tg_malloc(1);
  void *fail2 = tg_malloc(1); /* and every one after */
  tg_alloc_fail_after(-1);
  for (int i = 0; i < 3; ++i) {
    ck_assert_ptr_nonnull(ok[i]);
    tg_free(ok[i]);
  }
  ck_assert_ptr_null(fail1);
  ck_assert_ptr_null(fail2);
}
END_TEST

START_TEST(test_alloc_fail_containers)
{
  TgVec v;
  tg_vec_init(&v, sizeof(int));
  for (int i = 0; i < 8; ++i) {
    ck_assert_int_eq(tg_vec_push(&v, &i), TG_SUCCESS);
  }
  tg_alloc_fail_after(0);
  const int nine = 9;
  const TgStatus st = tg_vec_push(&v, &nine);
  tg_alloc_fail_after(-1);
  ck_assert_int_eq(st, TG_BAD_ALLOC);
  /* The vector is intact. */
  ck_assert_uint_eq(v.len, 8);
  ck_assert_uint_eq(v.cap, 8);
  ck_assert_int_eq(*(int *)tg_vec_at(&v, 7), 7);
  tg_vec_clear(&v);

  TgBuf b;
  tg_buf_init(&b);
  ck_assert_int_eq(tg_buf_puts(&b, "keep"), TG_SUCCESS);
  tg_alloc_fail_after(0);
  char big[100];
  memset(big, 'x', sizeof big);
  const TgStatus s1 = tg_buf_append(&b, big, sizeof big);
  const TgStatus s2 = tg_buf_printf(&b, "%0200d", 1);
  /* No growth needed: no allocation. */
  const TgStatus s3 = tg_buf_putc(&b, '!');
  TgBuf slug;
  tg_buf_init(&slug);
  const TgStatus s4 = tg_slugify("Acme", 4, &slug);
  tg_alloc_fail_after(-1);
  ck_assert_int_eq(s1, TG_BAD_ALLOC);
  ck_assert_int_eq(s2, TG_BAD_ALLOC);
  ck_assert_int_eq(s3, TG_SUCCESS);
  ck_assert_int_eq(s4, TG_BAD_ALLOC);
  ck_assert_str_eq(b.buf, "keep!");
  tg_buf_clear(&b);
  tg_buf_clear(&slug);
}
END_TEST

static Suite *util_suite(void)
{
  Suite *s = suite_create("util");

  TCase *tc = tcase_create("containers");
  tcase_add_test(tc, test_vec_growth);
  tcase_add_test(tc, test_vec_large_elements);
  tcase_add_test(tc, test_buf_growth);
  tcase_add_test(tc, test_buf_embedded_nul);
  tcase_add_test(tc, test_strndup);
  tcase_add_test(tc, test_report);
  suite_add_tcase(s, tc);

  tc = tcase_create("utf8");
  tcase_add_loop_test(tc, test_utf8_decode, 0, (int)N_UTF8);
  tcase_add_test(tc, test_utf8_count);
  tcase_add_loop_test(tc, test_is_word_cp, 0, (int)N_WORD);
  tcase_add_loop_test(tc, test_cp_is_upper, 0, (int)N_UPPER);
  tcase_add_test(tc, test_hash);
  suite_add_tcase(s, tc);

  tc = tcase_create("slug");
  tcase_add_loop_test(tc, test_slugify, 0, (int)N_SLUG);
  tcase_add_test(tc, test_slugify_appends);
  tcase_add_test(tc, test_slugify_curly_apostrophe);
  tcase_add_test(tc, test_slugify_invalid_utf8);
  suite_add_tcase(s, tc);

  tc = tcase_create("alloc");
  tcase_add_test(tc, test_alloc_fail_now);
  tcase_add_test(tc, test_alloc_fail_after_n);
  tcase_add_test(tc, test_alloc_fail_containers);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(util_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
