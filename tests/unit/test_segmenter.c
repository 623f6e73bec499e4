/* telegraph: unit tests for the segmenter (src/segmenter.c): sentences
 * and tokens with exact byte offsets.
 *
 * Needs TG_LEXICON = path of ontology/lexicon.tsv (abbreviations).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "segmenter.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TgLexicon *lex;

static void load_lexicon(void)
{
  const char *path = getenv("TG_LEXICON");
  ck_assert_msg(path != NULL, "TG_LEXICON is not set");
  lex = tg_lexicon_new();
  ck_assert_ptr_nonnull(lex);
  ck_assert_int_eq(tg_lexicon_load(lex, path, NULL, NULL), TG_SUCCESS);
}

static void free_lexicon(void)
{
  tg_lexicon_free(lex);
  lex = NULL;
}

/* ---- Sentences ---- */

#define MAX_SPANS 8

typedef struct {
  const char *name;
  const char *text;
  size_t n;
  TgSpan spans[MAX_SPANS];
} SentCase;

static const SentCase sent_cases[] = {
    {"company designators",
     "Huawei Technologies Co., Ltd. won a licence. Apple Inc. The company said.",
     3, {{0, 44}, {45, 55}, {56, 73}}},
    {"co and ltd mid-sentence", "Acme Co. Ltd. won. Then it left.", 2, {{0, 18}, {19, 32}}},
    {"corp before a name", "Acme Corp. Chief Executive John spoke. Acme Corp. said so.", 2,
     {{0, 38}, {39, 58}}},
    {"ltd then sentence", "Acme Ltd. The firm left. Big Inc. and small.", 3,
     {{0, 9}, {10, 24}, {25, 44}}},
    {"u.s. inside and at the end", "The U.S. regulator agreed. It is in the U.S. The firm left.", 3,
     {{0, 26}, {27, 44}, {45, 59}}},
    {"titles and months", "He met Dr. Smith. Later he left. Mr. Wang met on Feb. 28 in Beijing.", 3,
     {{0, 17}, {18, 32}, {33, 68}}},
    {"no. before a number", "The plan (No. 2) passed. Ok.", 2, {{0, 24}, {25, 28}}},
    {"see no.", "See No. 5 rule. Done.", 2, {{0, 15}, {16, 21}}},
    {"initial", "J. Smith spoke. Done.", 2, {{0, 15}, {16, 21}}},
    {"decimals", "Revenue hit $1.2 billion. It was 3.5%. Version 2.0.1 shipped.", 3,
     {{0, 25}, {26, 38}, {39, 61}}},
    {"decimal percent", "It rose 1.5 percent. It fell.", 2, {{0, 20}, {21, 29}}},
    {"straight quote after period", "He said \"yes.\" Then left.", 2, {{0, 14}, {15, 25}}},
    {"single quote after period", "She said 'yes.' It ended.", 2, {{0, 15}, {16, 25}}},
    {"curly quote after period", "He said \xE2\x80\x9Cit is done.\xE2\x80\x9D Then it ended.", 2,
     {{0, 25}, {26, 40}}},
    {"curly single quotes",
     "It\xE2\x80\x99s done. \xE2\x80\x98Yes,\xE2\x80\x99 he said.", 2, {{0, 12}, {13, 32}}},
    {"question and exclamation", "Is it? Yes! Done.", 3, {{0, 6}, {7, 11}, {12, 17}}},
    {"lowercase after period", "The fee is 5 p.m. daily. ok then.", 1, {{0, 33}}},
    {"blank lines and bullets",
     "First line\n\nSecond para.\n- bullet one\n- bullet two\n\xE2\x80\xA2 third\n* fourth", 6,
     {{0, 10}, {12, 24}, {25, 37}, {38, 50}, {51, 60}, {61, 69}}},
    {"wrapped line", "A line\nwrapped here. Next one.", 2, {{0, 20}, {21, 30}}},
    {"spaces trimmed", "  One.   Two.  \n\n  Three  ", 3, {{2, 6}, {9, 13}, {19, 24}}},
    {"no terminator", "No full stop", 1, {{0, 12}}},
    {"cjk full stop", "\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82\xE5\x8C\x97\xE4\xBA\xAC\xE3\x80\x82", 2,
     {{0, 9}, {9, 18}}},
    {"empty", "", 0, {{0, 0}}},
    /* No space after the period: still two sentences. */
    {"run together", "Trials in Gdansk, the regulator said on May 9.Separately, Baltic "
     "Tower signed.", 2, {{0, 46}, {46, 78}}},
    {"no split after an initial", "See No.Five and J.Smith here.", 1, {{0, 29}}},
    /* "P.R. China" is a name: no sentence ends inside it. */
    {"p.r. china", "Trade with P.R. China grew. It rose.", 2, {{0, 27}, {28, 36}}},
};
#define N_SENT (sizeof sent_cases / sizeof sent_cases[0])

START_TEST(test_sentences)
{
  const SentCase *c = &sent_cases[_i];
  TgVec v;
  tg_vec_init(&v, sizeof(TgSpan));
  ck_assert_int_eq(tg_segment(c->text, 0, strlen(c->text), lex, &v), TG_SUCCESS);
  char got[512] = "";
  for (size_t i = 0; i < v.len; ++i) {
    const TgSpan *s = (const TgSpan *)tg_vec_at(&v, i);
    const size_t used = strlen(got);
    snprintf(got + used, sizeof got - used, " [%zu,%zu)", s->begin, s->end);
  }
  ck_assert_msg(v.len == c->n, "%s: %zu sentences:%s", c->name, v.len, got);
  for (size_t i = 0; i < c->n; ++i) {
    const TgSpan *s = (const TgSpan *)tg_vec_at(&v, i);
    ck_assert_msg(s->begin == c->spans[i].begin && s->end == c->spans[i].end,
                  "%s: sentence %zu is [%zu,%zu), want [%zu,%zu); all:%s", c->name, i, s->begin,
                  s->end, c->spans[i].begin, c->spans[i].end, got);
  }
  tg_vec_clear(&v);
}
END_TEST

/* Segmenting a sub-range: offsets stay absolute. */
START_TEST(test_sentences_range)
{
  const char *text = " date 2025-02-28 T\n\nOne. Two.";
  TgVec v;
  tg_vec_init(&v, sizeof(TgSpan));
  ck_assert_int_eq(tg_segment(text, 20, strlen(text), lex, &v), TG_SUCCESS);
  ck_assert_uint_eq(v.len, 2);
  ck_assert_uint_eq(((TgSpan *)tg_vec_at(&v, 0))->begin, 20);
  ck_assert_uint_eq(((TgSpan *)tg_vec_at(&v, 0))->end, 24);
  ck_assert_uint_eq(((TgSpan *)tg_vec_at(&v, 1))->begin, 25);
  ck_assert_uint_eq(((TgSpan *)tg_vec_at(&v, 1))->end, 29);
  tg_vec_clear(&v);
}
END_TEST

/* Without a lexicon, "Dr." ends a sentence; with it, it does not. */
START_TEST(test_sentences_need_lexicon)
{
  const char *text = "He met Dr. Smith today.";
  TgVec v;
  tg_vec_init(&v, sizeof(TgSpan));
  ck_assert_int_eq(tg_segment(text, 0, strlen(text), NULL, &v), TG_SUCCESS);
  ck_assert_uint_eq(v.len, 2);
  v.len = 0;
  ck_assert_int_eq(tg_segment(text, 0, strlen(text), lex, &v), TG_SUCCESS);
  ck_assert_uint_eq(v.len, 1);
  tg_vec_clear(&v);
}
END_TEST

/* ---- Tokens ---- */

#define MAX_TOKS 12

typedef struct {
  const char *name;
  const char *text;
  size_t n;
  const char *toks[MAX_TOKS]; /* the text of each token */
  unsigned words;             /* bit i: token i is a word */
  unsigned upper;             /* bit i: token i starts upper-case */
} TokCase;

static const TokCase tok_cases[] = {
    /* A possessive 's is a token of its own, so "China's" holds "China". */
    {"possessive name", "People's Bank", 3, {"People", "'s", "Bank"}, 0x5, 0x5},
    {"curly possessive", "China\xE2\x80\x99s market", 3, {"China", "\xE2\x80\x99s", "market"},
     0x5, 0x1},
    {"hyphen", "Lin-gang zone", 2, {"Lin-gang", "zone"}, 0x3, 0x1},
    {"ampersand", "AT&T said", 2, {"AT&T", "said"}, 0x3, 0x1},
    {"inner dots", "the U.S. market", 3, {"the", "U.S.", "market"}, 0x7, 0x2},
    {"dotted abbreviations", "T-Systems P.R. China Ltd.", 5,
     {"T-Systems", "P.R.", "China", "Ltd", "."}, 0xF, 0xF},
    {"abbreviation in parentheses", "(U.S.A.) Inc.", 5, {"(", "U.S.A.", ")", "Inc", "."},
     0xA, 0xA},
    {"dotted abbreviation with a diacritic", "Haberle\xC5\x9Fme A.\xC5\x9E. and \xC5\x81\xC3\xB3" "d\xC5\xBA", 4,
     {"Haberle\xC5\x9Fme", "A.\xC5\x9E.", "and", "\xC5\x81\xC3\xB3" "d\xC5\xBA"}, 0xF, 0xB},
    {"run-together sentences", "May 9.Separately", 4, {"May", "9", ".", "Separately"}, 0xB,
     0x9},
    {"decimal and domain", "1.5 gov.uk", 2, {"1.5", "gov.uk"}, 0x3, 0x0},
    {"curly apostrophe", "Xi\xE2\x80\x99" "an city", 2, {"Xi\xE2\x80\x99" "an", "city"}, 0x3, 0x1},
    {"trailing joiners split", "rock- and 'roll' ", 6, {"rock", "-", "and", "'", "roll", "'"},
     0x15, 0x0},
    {"numbers", "$1.2 billion, 30%", 6, {"$", "1.2", "billion", ",", "30", "%"}, 0x16, 0x0},
    {"accented capital", "\xC3\x89tat fran\xC3\xA7" "ais", 2,
     {"\xC3\x89tat", "fran\xC3\xA7" "ais"}, 0x3, 0x1},
    {"cjk", "\xE4\xB8\xAD\xE5\x9B\xBD Mobile", 2, {"\xE4\xB8\xAD\xE5\x9B\xBD", "Mobile"}, 0x3,
     0x3},
    {"nbsp is a space", "A\xC2\xA0" "B", 2, {"A", "B"}, 0x3, 0x3},
    {"parentheses", "(China) Co", 4, {"(", "China", ")", "Co"}, 0xA, 0xA},
    /* One punctuation character is one token, whatever its length. */
    {"curly quotes", "\xE2\x80\x9Cyes\xE2\x80\x9D", 3,
     {"\xE2\x80\x9C", "yes", "\xE2\x80\x9D"}, 0x2, 0x0},
    {"bullet", "\xE2\x80\xA2 item", 2, {"\xE2\x80\xA2", "item"}, 0x2, 0x0},
    {"em dash", "a\xE2\x80\x94" "b", 3, {"a", "\xE2\x80\x94", "b"}, 0x5, 0x0},
};
#define N_TOK (sizeof tok_cases / sizeof tok_cases[0])

START_TEST(test_tokens)
{
  const TokCase *c = &tok_cases[_i];
  TgVec v;
  tg_vec_init(&v, sizeof(TgToken));
  TgSpan all = {0, strlen(c->text)};
  ck_assert_int_eq(tg_tokenize(c->text, all, &v), TG_SUCCESS);
  char got[512] = "";
  for (size_t i = 0; i < v.len; ++i) {
    const TgToken *t = (const TgToken *)tg_vec_at(&v, i);
    const size_t used = strlen(got);
    snprintf(got + used, sizeof got - used, " [%zu,%zu)", t->span.begin, t->span.end);
  }
  ck_assert_msg(v.len == c->n, "%s: %zu tokens:%s", c->name, v.len, got);
  size_t at = 0;
  for (size_t i = 0; i < c->n; ++i) {
    const TgToken *t = (const TgToken *)tg_vec_at(&v, i);
    const char *want = c->toks[i];
    const char *where = strstr(c->text + at, want);
    ck_assert_ptr_nonnull(where);
    const size_t b = (size_t)(where - c->text);
    ck_assert_msg(t->span.begin == b && t->span.end == b + strlen(want),
                  "%s: token %zu is [%zu,%zu), want [%zu,%zu) '%s'", c->name, i, t->span.begin,
                  t->span.end, b, b + strlen(want), want);
    ck_assert_msg(t->word == (((c->words >> i) & 1u) != 0), "%s: token %zu word flag", c->name,
                  i);
    ck_assert_msg(t->upper == (((c->upper >> i) & 1u) != 0), "%s: token %zu upper flag",
                  c->name, i);
    at = b + strlen(want);
  }
  tg_vec_clear(&v);
}
END_TEST

/* Tokenizing a span of a larger text keeps absolute offsets and stops at
 * the span's end even inside a word. */
START_TEST(test_tokens_span)
{
  const char *text = "xx Deutsche Telekom yy";
  TgVec v;
  tg_vec_init(&v, sizeof(TgToken));
  TgSpan s = {3, 15};
  ck_assert_int_eq(tg_tokenize(text, s, &v), TG_SUCCESS);
  ck_assert_uint_eq(v.len, 2);
  const TgToken *t = (const TgToken *)v.data;
  ck_assert_uint_eq(t[0].span.begin, 3);
  ck_assert_uint_eq(t[0].span.end, 11);
  ck_assert_uint_eq(t[1].span.begin, 12);
  ck_assert_uint_eq(t[1].span.end, 15);
  tg_vec_clear(&v);
}
END_TEST

START_TEST(test_word_at)
{
  size_t n = 0;
  ck_assert(tg_word_at("a", 1, 0, &n));
  ck_assert_uint_eq(n, 1);
  ck_assert(tg_word_at("\xC3\xA9", 2, 0, &n));
  ck_assert_uint_eq(n, 2);
  ck_assert(!tg_word_at("\xE2\x80\x99", 3, 0, &n));
  ck_assert_uint_eq(n, 3);
  ck_assert(!tg_word_at("\xFF", 1, 0, &n));
  ck_assert_uint_eq(n, 1);
  ck_assert(!tg_word_at(" ", 1, 0, &n));
}
END_TEST

static Suite *segmenter_suite(void)
{
  Suite *s = suite_create("segmenter");

  TCase *tc = tcase_create("sentences");
  tcase_add_checked_fixture(tc, load_lexicon, free_lexicon);
  tcase_add_loop_test(tc, test_sentences, 0, (int)N_SENT);
  tcase_add_test(tc, test_sentences_range);
  tcase_add_test(tc, test_sentences_need_lexicon);
  suite_add_tcase(s, tc);

  tc = tcase_create("tokens");
  tcase_add_loop_test(tc, test_tokens, 0, (int)N_TOK);
  tcase_add_test(tc, test_tokens_span);
  tcase_add_test(tc, test_word_at);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  if (!getenv("TG_LEXICON")) {
    fprintf(stderr, "test_segmenter: set TG_LEXICON to the path of ontology/lexicon.tsv\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(segmenter_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
