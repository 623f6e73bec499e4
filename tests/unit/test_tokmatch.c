/* telegraph: unit tests for token patterns (src/tokmatch.c, tokparse.c,
 * tokelem.c, tokplan.c, tokvm.c):
 * the syntax, its errors, and what one pass over a sentence's tokens
 * matches.  Needs TG_LEXICON = ontology/lexicon.tsv.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "lexicon.h"
#include "segmenter.h"
#include "tokmatch.h"

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
  ck_assert_int_eq(tg_lexicon_load(lex, path, NULL, NULL), TG_SUCCESS);
}

static void free_lexicon(void)
{
  tg_lexicon_free(lex);
  lex = NULL;
}

/* Compile `defs` (NAME = BODY, NULL-terminated) and `pats`, run them over
 * `text` and write the matches as "id:text|id:text|..." into out. */
static void run(const char *const *defs, const char *const *pats, const char *text, char *out,
                size_t cap)
{
  TgTokProg *p = tg_tokprog_new();
  ck_assert_ptr_nonnull(p);
  size_t col = 0;
  const char *msg = NULL;
  for (size_t i = 0; defs && defs[i]; ++i) {
    const char *eq = strstr(defs[i], " = ");
    ck_assert_int_eq(tg_tokprog_define(p, defs[i], (size_t)(eq - defs[i]), eq + 3,
                                       strlen(eq + 3), &col, &msg),
                     TG_SUCCESS);
  }
  for (unsigned i = 0; pats[i]; ++i) {
    ck_assert_msg(tg_tokprog_add(p, i, pats[i], strlen(pats[i]), &col, &msg) == TG_SUCCESS,
                  "'%s': %s at %zu", pats[i], msg ? msg : "", col);
  }
  TgVec toks;
  tg_vec_init(&toks, sizeof(TgToken));
  TgSpan all = {0, strlen(text)};
  ck_assert_int_eq(tg_tokenize(text, all, &toks), TG_SUCCESS);
  TgTokScratch *s = tg_tokscratch_new(p);
  ck_assert_ptr_nonnull(s);
  TgVec m;
  tg_vec_init(&m, sizeof(TgTokMatch));
  const TgToken *t = (const TgToken *)toks.data;
  TgTokInput in = {lex, NULL, text, t, toks.len};
  /* Twice with one scratch: a second pass must not see the first. */
  ck_assert_int_eq(tg_tokprog_run(p, s, &in, &m), TG_SUCCESS);
  m.len = 0;
  ck_assert_int_eq(tg_tokprog_run(p, s, &in, &m), TG_SUCCESS);
  out[0] = '\0';
  for (size_t i = 0; i < m.len; ++i) {
    const TgTokMatch *x = (const TgTokMatch *)tg_vec_at(&m, i);
    const size_t b = t[x->begin].span.begin;
    const size_t e = t[x->end - 1].span.end;
    const size_t used = strlen(out);
    snprintf(out + used, cap - used, "%s%u:%.*s", i ? "|" : "", x->id, (int)(e - b), text + b);
  }
  tg_vec_clear(&m);
  tg_vec_clear(&toks);
  tg_tokscratch_free(s);
  tg_tokprog_free(p);
}

typedef struct {
  const char *name;
  const char *defs[3];
  const char *pats[5];
  const char *text;
  const char *want;
} Case;

static const Case cases[] = {
    {"a word, any case", {NULL}, {"\"licence\""}, "Licence and licence", "0:Licence|0:licence"},
    {"a word, exact case", {NULL}, {"'May'"}, "May may MAY", "0:May"},
    {"leftmost longest, then after it", {NULL}, {"NUMBER+"}, "1 2 3 x 4", "0:1 2 3|0:4"},
    {"optional and repeated", {NULL}, {"\"the\"? CAP+ \"Ltd\""},
     "the Zuma Fibre Ltd and Okapi Ltd", "0:the Zuma Fibre Ltd|0:Okapi Ltd"},
    {"alternatives", {NULL}, {"(\"up\" \"to\" | \"over\") NUM"}, "up to 5, over 7, under 9",
     "0:up to 5|0:over 7"},
    {"the mention in braces", {NULL}, {"\"in\" {YEAR}"}, "in 2025 and 2026", "0:2025"},
    {"lexicon kind, a phrase", {NULL}, {"NUM [percent]"}, "5 per cent and 6 pct",
     "0:5 per cent|0:6 pct"},
    {"lexicon word with its period", {NULL}, {"^[month] DAYNUM"}, "on Jan. 5 and may 6",
     "0:Jan. 5"},
    {"glued tokens", {NULL}, {"NUM (~\",\" ~GROUP3)*"}, "1,150 and 2, 300", "0:1,150|0:2|0:300"},
    {"not before", {NULL}, {"NUM !\"%\""}, "5% and 6 firms", "0:6"},
    {"not after, glued", {NULL}, {"<!~CURRENCY NUM"}, "$5 and 6", "0:6"},
    {"assertion over a sequence", {NULL}, {"{YEAR} !(~\",\" ~NUMBER)"}, "2025,000 and 2025, then",
     "0:2025"},
    {"macros", {"AMT = NUM (~\",\" ~GROUP3)*", "CUR = \"$\" | \"US\" ~\"$\"", NULL},
     {"$CUR $AMT"}, "US$1,200 or $5", "0:US$1,200|0:$5"},
    {"shapes", {NULL}, {"ISODATE", "CURNUM", "NUMSCALE", "NUMWORDS \"percent\""},
     "2025-05-09 GBP275 5bn twenty-five percent",
     "0:2025-05-09|1:GBP275|2:5bn|3:twenty-five percent"},
    {"every pattern in one pass", {NULL}, {"DAYNUM ^[month]", "NUM"}, "on 9 May 5 firms",
     "1:9|0:9 May|1:5"},
    {"upper-case start", {NULL}, {"^WORD+"}, "the Zuma Fibre said", "0:Zuma Fibre"},
    {"exact words that fold alike", {NULL}, {"('the' | 'The') {CAP}"}, "The Zuma and the Okapi",
     "0:Zuma|0:Okapi"},
    {"a set of words and prefixes", {NULL}, {"(\"grant*\" | \"issued\") NUM"},
     "re-granted 5, issued 6, issues 7", "0:re-granted 5|0:issued 6"},
    {"after", {NULL}, {"<=(^ANY | NUMBER | 'of') 'Authority*'"},
     "the Authority, Power Authority, 3 Authority, Office of Authority's, (Authority",
     "0:Authority|0:Authority|0:Authority"},
    {"after, glued", {NULL}, {"<=~(^ANY | POSSESSIVE) \",\" (\"a\" | \"an\")"},
     "Volta Pay, a unit; Musk's, an heir; Volta Pay , a unit; the firm, a unit", "0:, a|0:, an"},
    {"a set after the first token: any case, prefixes after a hyphen, signs", {NULL},
     {"NUM (\"euro\" | 'Yen' | \"\xe2\x82\xac\" | \"bill*\")"},
     "5 EURO, 6 yen, 7 Yen, 8 \xe2\x82\xac, 9 multi-billion, 10 Billions, 11 pills",
     "0:5 EURO|0:7 Yen|0:8 \xe2\x82\xac|0:9 multi-billion|0:10 Billions"},
    {"a set of classes and ANY after the first token", {NULL}, {"'Mr' (^ANY | NUMBER) (UPPER | ANY)"},
     "Mr Smith said, Mr smith said, Mr 5 G", "0:Mr Smith said|0:Mr 5 G"},
    /* Sets are looked up by a hash of their words (src/tokelem.c): exact
     * words keep their case, and classes and prefixes still count. */
    {"a large set: words by hash, exact case, a class, a prefix", {NULL},
     {"'Mr' ('the' | 'The' | \"alpha\" | \"beta\" | \"gamma\" | \"delta\" | \"epsilon\" | "
      "\"zeta\" | \"eta\" | \"theta\" | \"iota\" | \"kappa\" | NUMBER | \"lamb*\")"},
     "Mr THE, Mr The, Mr the, Mr KAPPA, Mr 7, Mr lambda, Mr self-lambent, Mr mu, Mr thetas",
     "0:Mr The|0:Mr the|0:Mr KAPPA|0:Mr 7|0:Mr lambda|0:Mr self-lambent"},
    /* The walks through SPLIT, JMP and SAVE are planned once (src/tokplan.c):
     * mentions, optional parts, assertions in the middle and at the start. */
    {"planned walks: a mention in an optional part, an assertion after it", {NULL},
     {"\"x\" ({\"y\"} | \"w\")? !\"q\" \"z\""}, "x y z x w z x z x y q z",
     "0:y|0:x w z|0:x z"},
    {"planned walks: a look-behind or a word first", {NULL}, {"(<=\"q\" | \"r\") \"s\""},
     "q s r s t s", "0:s|0:r s"},
    /* A word's token classes are told by its first byte (src/tokmatch.c):
     * every class a token spelling it can have must still match. */
    {"words match tokens of every class they can be", {NULL},
     {"'Mr' (\"the\" | 'U.S.' | \"5g\" | \"2025\" | \"a\xe8\x82\xa1\" | 'iPhone')",
      "\"iphone\" NUM"},
     "Mr THE, Mr The, Mr the, Mr U.S., Mr 5G, Mr 2025, Mr A\xe8\x82\xa1, Mr iPhone, Mr IPhone 7",
     "0:Mr THE|0:Mr The|0:Mr the|0:Mr U.S.|0:Mr 5G|0:Mr 2025|0:Mr A\xe8\x82\xa1|0:Mr iPhone|1:IPhone 7"},
    /* One set written in two patterns is one element: matching it starts both. */
    {"a set shared by two patterns starts both", {NULL},
     {"('the' | 'The') {\"a\"}", "('the' | 'The') {\"b\"}"}, "the a The b THE a the c",
     "0:a|1:b"},
    /* A thread is dropped early when the next token cannot go on with it
     * (src/tokvm.c), but not while it holds back its pattern's match:
     * pattern 1's "a" is final only when "a b c" has failed, after
     * pattern 0's "b". */
    {"a match waits for a longer try that fails at the next token", {NULL},
     {"\"b\"", "\"a\" | \"a\" \"b\" \"c\""}, "a b x", "0:b|1:a"},
};
#define N_CASES (sizeof cases / sizeof cases[0])

START_TEST(test_match)
{
  const Case *c = &cases[_i];
  char got[512];
  run(c->defs, c->pats, c->text, got, sizeof got);
  ck_assert_msg(strcmp(got, c->want) == 0, "%s: got '%s', want '%s'", c->name, got, c->want);
}
END_TEST

typedef struct {
  const char *pat;
  size_t col;
  const char *msg; /* a prefix */
} Bad;

static const Bad bad[] = {
    {"\"open", 5, "expected a word"},
    {"[nokind]", 1, "unknown lexicon kind"},
    {"<Nowhere>", 1, "expected '<Class>'"},
    {"NUM BOGUS", 4, "unknown token class"},
    {"(NUM", 4, "expected ')'"},
    {"{NUM} {NUM}", 11, "only one {...}"},
    {"!NUM+", 4, "an assertion cannot repeat"},
    {"<=NUM* CAP", 5, "an assertion cannot repeat"},
    {"<=(NUM", 6, "unclosed '('"},
    {"$NOPE", 0, "undefined $MACRO"},
    {"NUM )", 4, "unexpected character"},
};
#define N_BAD (sizeof bad / sizeof bad[0])

START_TEST(test_errors)
{
  const Bad *b = &bad[_i];
  TgTokProg *p = tg_tokprog_new();
  size_t col = 0;
  const char *msg = NULL;
  ck_assert_int_eq(tg_tokprog_add(p, 0, b->pat, strlen(b->pat), &col, &msg), TG_BAD_SYNTAX);
  ck_assert_ptr_nonnull(msg);
  ck_assert_msg(strncmp(msg, b->msg, strlen(b->msg)) == 0, "'%s': %s", b->pat, msg);
  ck_assert_msg(col == b->col, "'%s': column %zu, want %zu", b->pat, col, b->col);
  ck_assert_uint_eq(tg_tokprog_size(p), 0);
  /* A failed pattern leaves the program usable. */
  ck_assert_int_eq(tg_tokprog_add(p, 1, "NUM", 3, &col, &msg), TG_SUCCESS);
  ck_assert_uint_eq(tg_tokprog_size(p), 1);
  ck_assert_int_eq(tg_tokprog_define(p, "X", 1, "NUM", 3, &col, &msg), TG_SUCCESS);
  ck_assert_int_eq(tg_tokprog_define(p, "X", 1, "NUM", 3, &col, &msg), TG_BAD_SYNTAX);
  tg_tokprog_free(p);
}
END_TEST

/* A long sentence of tokens that keep many threads alive finishes, with
 * the matches it should have (linear in the tokens, not exponential). */
START_TEST(test_long_sentence)
{
  static char text[200001];
  size_t n = 0;
  while (n + 2 < sizeof text - 1) {
    text[n++] = '7';
    text[n++] = ' ';
  }
  text[n] = '\0';
  const char *pats[] = {"(NUMBER | NUM)* NUMBER* \"x\"", "NUM NUM", NULL};
  static char got[300000];
  run(NULL, pats, text, got, sizeof got);
  ck_assert(strncmp(got, "1:7 7|1:7 7", 11) == 0);
  ck_assert(strstr(got, "0:") == NULL);
}
END_TEST

START_TEST(test_free_null)
{
  tg_tokprog_free(NULL);
  tg_tokscratch_free(NULL);
}
END_TEST

static Suite *tokmatch_suite(void)
{
  Suite *s = suite_create("tokmatch");
  TCase *tc = tcase_create("match");
  tcase_add_unchecked_fixture(tc, load_lexicon, free_lexicon);
  tcase_add_loop_test(tc, test_match, 0, (int)N_CASES);
  tcase_add_loop_test(tc, test_errors, 0, (int)N_BAD);
  tcase_add_test(tc, test_long_sentence);
  tcase_add_test(tc, test_free_null);
  tcase_set_timeout(tc, 60);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(tokmatch_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
