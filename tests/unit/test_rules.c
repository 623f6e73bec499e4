/* telegraph: unit tests for rule files (src/rules.c): parsing, defines,
 * diagnostics, and matching under limits.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "needs.h"
#include "patshape.h"
#include "rules.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* The shipped rule files (TELEGRAPH_DATA/rules), loaded; their
 * diagnostics into `e`. */
static TgRuleSet *load_shipped(Errors *e)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  char path[1024];
  snprintf(path, sizeof path, "%s/rules", data);
  TgRuleSet *rs = tg_ruleset_new();
  ck_assert_ptr_nonnull(rs);
  ck_assert_int_eq(tg_ruleset_load(rs, path, collect, e), TG_SUCCESS);
  return rs;
}

static TgStatus parse(TgRuleSet *rs, const char *text, Errors *e)
{
  return tg_ruleset_parse(rs, "mem.rules", text, strlen(text), collect, e);
}

/* Does pattern `p` match `subject`? (TG_SUCCESS / TG_FAILURE) */
static TgStatus try_match(const TgPattern *p, const char *subject)
{
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 100), TG_SUCCESS);
  const TgStatus st = tg_match(&m, p, subject, strlen(subject), 0);
  tg_matcher_clear(&m);
  return st;
}

static const TgPattern *pattern(const TgRule *r, TgPatKind kind, size_t i)
{
  ck_assert_uint_gt(r->patterns[kind].len, i);
  return (const TgPattern *)tg_vec_at(&r->patterns[kind], i);
}

/* ---- Good rule text ---- */

static const char good[] =
    "# A comment\n"
    "define WORD = [a-z]+\n"
    "define TWO = ${WORD}\\s+${WORD}\n"
    "\n"
    "rule entity.acme\n"
    "  class Company\n"
    "  pattern (?<name>Acme\\s+${WORD})\n"
    "\n"
    "rule approval.test\n"
    "  class Approval\n"
    "  attach Approval\n"
    "  confidence 0.75\n"
    "  # comments may be indented too\n"
    "  when granted\n"
    "  pattern (?<grantedBy><REG>)\\s+(?<trigger>granted)\\s+(?<grantedTo>.*)\n"
    "  pattern (?<grantedBy><GOV>)\\s+approved\\s+(?<grantedTo>.*)\n"
    "  also (?<recipientCount><NUM>)\\s+firms\n"
    "  reject \\bnot\\b\n"
    "  require grantedBy\n"
    "  require grantedTo|recipientCount\n"
    "  fill inRegion\n"
    "  fill date\n"
    "\t\n"
    "rule value.x\n"
    "\tclass Quantity\n"
    "\tpattern ${TWO}   \r\n";

START_TEST(test_parse_good)
{
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs, good, &e), TG_SUCCESS);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_eq(tg_ruleset_size(rs), 3);

  const TgRule *r = tg_ruleset_rule(rs, 0);
  ck_assert_str_eq(r->id, "entity.acme");
  ck_assert_int_eq(r->cls, TG_CLASS_COMPANY);
  ck_assert_int_eq(r->attach, TG_CLASS_NONE);
  ck_assert_double_eq(r->confidence, 0.8); /* the default */
  ck_assert_str_eq(r->file, "mem.rules");
  ck_assert_uint_eq(r->line, 5);
  ck_assert_uint_eq(r->patterns[TG_PAT_MAIN].len, 1);
  ck_assert_uint_eq(pattern(r, TG_PAT_MAIN, 0)->line, 7);
  /* ${WORD} expanded; entity rules are case-sensitive. */
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "the Acme widgets"), TG_SUCCESS);
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "the acme widgets"), TG_FAILURE);
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "Acme 42"), TG_FAILURE);

  r = tg_ruleset_rule(rs, 1);
  ck_assert_str_eq(r->id, "approval.test");
  ck_assert_int_eq(r->cls, TG_CLASS_APPROVAL);
  ck_assert_int_eq(r->attach, TG_CLASS_APPROVAL);
  ck_assert_double_eq(r->confidence, 0.75);
  ck_assert_uint_eq(r->line, 9);
  ck_assert_uint_eq(r->patterns[TG_PAT_MAIN].len, 2);
  ck_assert_uint_eq(r->patterns[TG_PAT_ALSO].len, 1);
  ck_assert_uint_eq(r->patterns[TG_PAT_WHEN].len, 1);
  ck_assert_uint_eq(r->patterns[TG_PAT_REJECT].len, 1);
  ck_assert_uint_eq(pattern(r, TG_PAT_MAIN, 1)->line, 16);
  ck_assert_uint_eq(pattern(r, TG_PAT_REJECT, 0)->line, 18);
  ck_assert_uint_eq(r->require.len, 2);
  ck_assert_uint_eq(*(const unsigned *)tg_vec_at(&r->require, 0), 1u << TG_PROP_GRANTED_BY);
  ck_assert_uint_eq(*(const unsigned *)tg_vec_at(&r->require, 1),
                    (1u << TG_PROP_GRANTED_TO) | (1u << TG_PROP_RECIPIENT_COUNT));
  ck_assert_uint_eq(r->fill.len, 2);
  ck_assert_int_eq(*(const TgProperty *)tg_vec_at(&r->fill, 0), TG_PROP_IN_REGION);
  ck_assert_int_eq(*(const TgProperty *)tg_vec_at(&r->fill, 1), TG_PROP_DATE);
  /* Fact rules are case-insensitive. */
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "<reg> GRANTED x"), TG_SUCCESS);
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_REJECT, 0), "did NOT"), TG_SUCCESS);

  r = tg_ruleset_rule(rs, 2);
  ck_assert_str_eq(r->id, "value.x");
  ck_assert_int_eq(r->cls, TG_CLASS_NUMBER); /* Quantity */
  ck_assert_uint_eq(r->line, 24);
  /* A define is one atom: ${TWO} is two words, nothing else. */
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "ab cd"), TG_SUCCESS);
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "abcd"), TG_FAILURE);
  tg_ruleset_free(rs);
}
END_TEST

/* A define wraps its body in a group: "${ALT}x" is (?:a|b)x, not a|bx. */
START_TEST(test_define_is_atom)
{
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs,
                         "define ALT = a|b\n"
                         "define ALT2 = ${ALT}\n"
                         "rule r\n"
                         "  class Company\n"
                         "  pattern ^${ALT2}x$\n",
                         &e),
                   TG_SUCCESS);
  const TgPattern *p = pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0);
  ck_assert_int_eq(try_match(p, "ax"), TG_SUCCESS);
  ck_assert_int_eq(try_match(p, "bx"), TG_SUCCESS);
  ck_assert_int_eq(try_match(p, "a"), TG_FAILURE);
  ck_assert_int_eq(try_match(p, "b"), TG_FAILURE);
  tg_ruleset_free(rs);
}
END_TEST

/* Defines carry over between files of one rule set. */
START_TEST(test_defines_across_files)
{
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(tg_ruleset_parse(rs, "00.rules", "define X = xy\n", 14, collect, &e),
                   TG_SUCCESS);
  static const char second[] = "rule r\n  class Place\n  pattern ${X}\n";
  ck_assert_int_eq(tg_ruleset_parse(rs, "10.rules", second, sizeof second - 1, collect, &e),
                   TG_SUCCESS);
  const TgRule *r = tg_ruleset_rule(rs, 0);
  ck_assert_str_eq(r->file, "10.rules");
  ck_assert_int_eq(try_match(pattern(r, TG_PAT_MAIN, 0), "xy"), TG_SUCCESS);
  tg_ruleset_free(rs);
}
END_TEST

/* ---- Errors with exact line and column ---- */

typedef struct {
  const char *name;
  const char *text;
  TgStatus st;
  unsigned line;
  unsigned col;
  const char *msg_part;
} BadCase;

static const BadCase bad_cases[] = {
    {"unknown attribute", "rule r\n  class Company\n  colour red\n", TG_BAD_SYNTAX, 3, 3,
     "unknown rule attribute 'colour'"},
    {"unknown attribute, tab", "rule r\n\tclass Company\n\tpatern x\n", TG_BAD_SYNTAX, 3, 2,
     "unknown rule attribute 'patern'"},
    {"undefined name", "rule r\n  class Company\n  pattern a${X}b\n", TG_BAD_SYNTAX, 3, 12,
     "undefined name 'X'"},
    {"undefined name in define", "define A = x\ndefine B = [${A}${NOPE}]\n", TG_BAD_SYNTAX, 2,
     17, "undefined name 'NOPE'"},
    {"unterminated reference", "rule r\n  class Company\n  pattern ab${X\n", TG_BAD_SYNTAX, 3,
     13, "unterminated"},
    {"bad regex", "rule r\n  class Company\n  pattern a(b\n", TG_BAD_PATTERN, 3, 14,
     "bad pattern"},
    {"bad regex with expansion", "define W = x\nrule r\n  class Company\n  pattern ${W}[\n",
     TG_BAD_PATTERN, 4, 11, "of the expanded pattern"},
    {"group is not a property", "rule r\n  class Approval\n  pattern (?<grantee>x)\n",
     TG_BAD_SYNTAX, 3, 11, "group name 'grantee' is not a property of class Approval"},
    {"entity rule group", "rule r\n  class Company\n  pattern (?<grantedTo>x)\n", TG_BAD_SYNTAX,
     3, 11, "group name 'grantedTo' is not a property of class Company"},
    {"class after pattern", "rule r\n  pattern x\n  class Company\n", TG_BAD_SYNTAX, 2, 11,
     "'class' must come before patterns"},
    {"class missing", "rule r\n  confidence 0.5\n", TG_BAD_SYNTAX, 1, 1,
     "rule 'r' needs a class and at least one pattern"},
    {"pattern missing", "rule r\n  class Company\nrule s\n  class Place\n  pattern x\n",
     TG_BAD_SYNTAX, 1, 1, "rule 'r' needs a class"},
    {"unknown class", "rule r\n  class Firm\n", TG_BAD_SYNTAX, 2, 9, "unknown class 'Firm'"},
    {"money is not a rule class", "rule r\n  class Money\n", TG_BAD_SYNTAX, 2, 9,
     "unknown class 'Money'"},
    {"class twice", "rule r\n  class Company\n  class Place\n", TG_BAD_SYNTAX, 3, 9,
     "class given twice"},
    {"confidence above 1", "rule r\n  class Company\n  confidence 1.5\n", TG_BAD_SYNTAX, 3, 14,
     "confidence must be a number in [0, 1]"},
    {"confidence negative", "rule r\n  class Company\n  confidence -0.1\n", TG_BAD_SYNTAX, 3,
     14, "confidence"},
    {"confidence not a number", "rule r\n  class Company\n  confidence high\n", TG_BAD_SYNTAX,
     3, 14, "confidence"},
    {"confidence trailing junk", "rule r\n  class Company\n  confidence 0.5x\n", TG_BAD_SYNTAX,
     3, 14, "confidence"},
    {"confidence nan", "rule r\n  class Company\n  confidence nan\n", TG_BAD_SYNTAX, 3, 14,
     "confidence"},
    {"indented line outside a rule", "# x\n  class Company\n", TG_BAD_SYNTAX, 2, 3,
     "indented line outside a rule"},
    {"indented after define", "define A = x\n  pattern y\n", TG_BAD_SYNTAX, 2, 3,
     "indented line outside a rule"},
    {"unknown keyword", "rules r\n", TG_BAD_SYNTAX, 1, 1, "expected 'define' or 'rule'"},
    {"bad rule id", "rule Bad.Id\n", TG_BAD_SYNTAX, 1, 6, "rule ids use"},
    {"missing rule id", "rule\n", TG_BAD_SYNTAX, 1, 5, "expected a rule id"},
    {"attribute without value", "rule r\n  class\n", TG_BAD_SYNTAX, 2, 8, "'class' needs a value"},
    {"define lower case", "define x = y\n", TG_BAD_SYNTAX, 1, 8, "expected 'define NAME = PATTERN'"},
    {"define twice", "define X = a\ndefine X = b\n", TG_BAD_SYNTAX, 2, 8, "'X' is already defined"},
    {"unknown property", "rule r\n  class Approval\n  pattern x\n  require grantedBy|nope\n",
     TG_BAD_SYNTAX, 4, 21, "unknown property 'nope'"},
    {"fill takes one", "rule r\n  class Approval\n  pattern x\n  fill inRegion|date\n",
     TG_BAD_SYNTAX, 4, 16, "expected one property"},
};
#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

START_TEST(test_bad_rules)
{
  const BadCase *c = &bad_cases[_i];
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  const TgStatus st = parse(rs, c->text, &e);
  ck_assert_msg(st == c->st, "%s: status %d, want %d (%s)", c->name, (int)st, (int)c->st,
                e.count ? e.msg[0] : "no message");
  ck_assert_msg(e.count == 1, "%s: %u errors", c->name, e.count);
  ck_assert_str_eq(e.file[0], "mem.rules");
  ck_assert_msg(e.line[0] == c->line && e.col[0] == c->col,
                "%s: mem.rules:%u:%u, want %u:%u (%s)", c->name, e.line[0], e.col[0], c->line,
                c->col, e.msg[0]);
  ck_assert_msg(strstr(e.msg[0], c->msg_part) != NULL, "%s: message '%s' lacks '%s'", c->name,
                e.msg[0], c->msg_part);
  tg_ruleset_free(rs);
}
END_TEST

/* The real rule files compile without a diagnostic. */
START_TEST(test_real_rules)
{
  Errors e = {0};
  TgRuleSet *rs = load_shipped(&e);
  ck_assert_uint_eq(e.count, 0);
  ck_assert_uint_gt(tg_ruleset_size(rs), 20);
  /* Files load in name order: the first rule is the first of 10-entities. */
  ck_assert_str_eq(tg_ruleset_rule(rs, 0)->id, "entity.company.recipient-list");
  tg_ruleset_free(rs);
}
END_TEST

START_TEST(test_load_missing)
{
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(tg_ruleset_load(rs, "/nonexistent/x.rules", collect, &e), TG_BAD_READ);
  ck_assert_uint_eq(e.count, 1);
  ck_assert_str_eq(e.file[0], "/nonexistent/x.rules");
  tg_ruleset_free(rs);
}
END_TEST

START_TEST(test_free_null)
{
  tg_ruleset_free(NULL);
}
END_TEST

/* ---- Matching under limits ---- */

static TgRuleSet *one_pattern(const char *pat)
{
  char text[512];
  snprintf(text, sizeof text, "rule r\n  class Company\n  pattern %s\n", pat);
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs, text, &e), TG_SUCCESS);
  return rs;
}

START_TEST(test_catastrophic_backtracking)
{
  TgRuleSet *rs = one_pattern("(a+)+$");
  const TgPattern *p = pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0);
  char subject[64];
  memset(subject, 'a', 40);
  subject[40] = 'b';
  subject[41] = '\0';
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 100000000), TG_SUCCESS);
  const clock_t t0 = clock();
  const TgStatus st = tg_match(&m, p, subject, 41, 0);
  const double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  ck_assert_int_eq(st, TG_BAD_LIMIT);
  ck_assert_msg(secs < 10.0, "the match took %.1f s", secs);
  /* A call over its own limit of 2,000,000 steps a position spends the
   * whole budget: the article is skipped. */
  ck_assert_uint_eq(m.budget, 0);
  ck_assert_uint_eq(m.spent, 100000000);
  /* The matcher stays usable with a new budget. */
  m.budget = 1000;
  ck_assert_int_eq(tg_match(&m, p, "aaa", 3, 0), TG_SUCCESS);
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m.md);
  ck_assert_uint_eq(ov[0], 0);
  ck_assert_uint_eq(ov[1], 3);
  tg_matcher_clear(&m);
  tg_ruleset_free(rs);
}
END_TEST

START_TEST(test_budget)
{
  /* Cheap calls are charged a step a start position: 4 + 1 + 1. */
  TgRuleSet *rs = one_pattern("b+");
  const TgPattern *p = pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0);
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 6), TG_SUCCESS);
  ck_assert_int_eq(tg_match(&m, p, "abba", 4, 0), TG_SUCCESS);
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m.md);
  ck_assert_uint_eq(ov[0], 1);
  ck_assert_uint_eq(ov[1], 3);
  ck_assert_int_eq(tg_match(&m, p, "abba", 4, 3), TG_FAILURE);
  ck_assert_int_eq(tg_match(&m, p, "b", 1, 0), TG_SUCCESS);
  ck_assert_uint_eq(m.budget, 0);
  ck_assert_uint_eq(m.spent, 6);
  /* Once the budget is spent, every call is over it, match or not. */
  ck_assert_int_eq(tg_match(&m, p, "b", 1, 0), TG_BAD_LIMIT);
  ck_assert_int_eq(tg_match(&m, p, "x", 1, 0), TG_BAD_LIMIT);
  ck_assert_uint_eq(m.budget, 0);
  tg_matcher_clear(&m);
  tg_ruleset_free(rs);

  /* A pattern that backtracks within the limit of one call is charged its
   * steps, not one call: a few calls spend a budget that thousands of
   * cheap calls do not. */
  rs = one_pattern("(a|aa)*[!?]");
  p = pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0);
  char subject[40];
  memset(subject, 'a', 24);
  subject[24] = '\0';
  ck_assert_int_eq(tg_matcher_init(&m, 20000000), TG_SUCCESS);
  TgStatus st = TG_FAILURE;
  unsigned calls = 0;
  while (st == TG_FAILURE && calls < 1000) {
    st = tg_match(&m, p, subject, 24, 0);
    ++calls;
  }
  ck_assert_int_eq(st, TG_BAD_LIMIT);
  ck_assert_uint_lt(calls, 200);
  ck_assert_uint_eq(m.budget, 0);
  tg_matcher_clear(&m);
  tg_ruleset_free(rs);
}
END_TEST

START_TEST(test_matcher_clear_twice)
{
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 1), TG_SUCCESS);
  tg_matcher_clear(&m);
  ck_assert_ptr_null(m.md);
  tg_matcher_clear(&m);
}
END_TEST


/* ---- The prefilter: strings a pattern needs (src/needs.c) ---- */

/* The needs of `src` as "a|b;c;" (sets ended by ';'), or "" for none. */
static void needs_text(const char *src, char *out, size_t cap)
{
  TgBuf b;
  tg_buf_init(&b);
  size_t count = 0;
  ck_assert_int_eq(tg_needs_of(src, strlen(src), &b, &count), TG_SUCCESS);
  size_t o = 0;
  out[0] = '\0';
  const char *lit = b.buf;
  bool first = true;
  for (size_t i = 0; i < count; ++i) {
    const size_t n = strlen(lit);
    o += (size_t)snprintf(out + o, cap - o, "%s%s", n ? (first ? "" : "|") : ";", lit);
    first = n == 0;
    lit += n + 1;
  }
  tg_buf_clear(&b);
}

static const struct {
  const char *pattern;
  const char *needs;
} NEEDS[] = {
    {"<REG>\\s+(?:granted|Approved)\\s+(?<value><NUM>)", "<reg>;granted|approved;<num>;"},
    {"(?:foo)?bar\\b", "bar;"},
    {"abcd?", "abc;"},
    {"(?:granted|\\w+)\\s+<ORG>", "<org>;"},
    {"(?!<NUM>)x\\s+yyy", "yyy;"},
    {"(?<=<LOC>)\\s+zzz", "zzz;"},
    {"[<NUM>]+zzz", "zzz;"},
    {"(?:<PCT>){0,2}\\s+<NUM>", "<num>;"},
    {"(?:<PCT>)+\\s+<NUM>", "<pct>;<num>;"},
    {"\\k<name>zzz", "zzz;"},
    {"(?x) a b c d", ""},
    {"a|<NUM>", ""},
    {"(?i)gr(?:ant|own)ed", "gr;ant|own;ed;"},
    {"(?i)b(?:a|ow)e", ""},
    {"<NUM>\\s+(?:from|vs\\.?|as\\s+against)\\s+<NUM>", "<num>;from|vs|against;<num>;"},
    {"x(?=[^;]*?\\b(?:by|to)\\s+<ORG>)", "by|to;<org>;"},
    {"x(?=abc)?yy", "yy;"},
    {"(?:\\s+abc){1,3}\\s+(?:def){2}(?:ghi){0,2}(?:jkl){,2}x(?:mno){1x}", "abc;def;"},
    {"(?:abc){1}(?:def){1,}", "abc;def;"},
    {"x(?!abc)yy", "yy;"},
    {"(?<!abc)yy", "yy;"},
    {"caf\xc3\xa9s", "caf;"},
};

START_TEST(test_needs_of)
{
  char got[256];
  needs_text(NEEDS[_i].pattern, got, sizeof got);
  ck_assert_msg(strcmp(got, NEEDS[_i].needs) == 0, "%s: needs \"%s\", want \"%s\"",
                NEEDS[_i].pattern, got, NEEDS[_i].needs);
}
END_TEST

/* Subjects in the form the relation stage sees, and raw ones. */
static const char *const SUBJECTS[] = {
    "<REG> on <DATE> announced that it has granted approvals to <NUM> operators in <LOC>",
    "<ORG> said revenue rose 12 percent to <MONEY> in <DATE>",
    "Users of mobile payment services grew <PCT> on the year to <NUM> users",
    "The number of 5G users reached <NUM>",
    "<REG> approved the merger of <ORG> and <ORG>",
    "The Ministry of Industry granted licences to Acme Ltd and Beta Co., Ltd.",
    "Se\xc3\xb1or K\xe2\x84\xaaLVIN ROSE 5 percent to 10 unit\xc5\xbf",
    "<ORG> shares fell <PCT>",
    /* Two-byte needs ("vs", "to", "up") and look-aheads' needs. */
    "Subscribers rose to <NUM> in <DATE> vs <NUM> a year earlier",
    "Acme Telecom and Beta Networks have been granted licences by <REG>",
    "<PCT> of adults have a bank account, up from <PCT> in <DATE>",
    "Zeta Mobile has secured a licence to operate in <LOC>",
};

/* Every pattern of the shipped rules: where the prefilter says it cannot
 * match, PCRE2 agrees. */
START_TEST(test_screen_sound)
{
  Errors e = {0};
  TgRuleSet *rs = load_shipped(&e);
  ck_assert_uint_gt(tg_ruleset_n_needs(rs), 10);
  TgScreen sc;
  ck_assert_int_eq(tg_screen_init(&sc, rs), TG_SUCCESS);
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 10000000), TG_SUCCESS);
  unsigned skipped = 0;
  unsigned matched = 0;
  for (size_t si = 0; si < sizeof SUBJECTS / sizeof SUBJECTS[0]; ++si) {
    const char *subj = SUBJECTS[si];
    ck_assert_int_eq(tg_screen_set(&sc, subj, strlen(subj)), TG_SUCCESS);
    for (size_t k = 0; k < tg_ruleset_size(rs); ++k) {
      const TgRule *r = tg_ruleset_rule(rs, k);
      for (int kind = 0; kind < TG_PAT_KINDS; ++kind) {
        for (size_t j = 0; j < r->patterns[kind].len; ++j) {
          const TgPattern *p = pattern(r, (TgPatKind)kind, j);
          const TgStatus st = tg_match(&m, p, subj, strlen(subj), 0);
          ck_assert(st == TG_SUCCESS || st == TG_FAILURE);
          matched += st == TG_SUCCESS;
          if (!tg_screen_may_match(&sc, p)) {
            ++skipped;
            ck_assert_msg(st == TG_FAILURE, "%s:%u matches \"%s\" but was screened out",
                          p->file, p->line, subj);
          }
        }
      }
    }
  }
  ck_assert_uint_gt(skipped, 100);
  ck_assert_uint_gt(matched, 10);
  tg_matcher_clear(&m);
  tg_screen_clear(&sc);
  tg_ruleset_free(rs);
}
END_TEST

/* A stage's screen looks for that stage's strings only, and answers as
 * the screen of every string does for each pattern of the stage. */
START_TEST(test_screen_stage)
{
  Errors e = {0};
  TgRuleSet *rs = load_shipped(&e);
  TgScreen all, stage[2];
  ck_assert_int_eq(tg_screen_init(&all, rs), TG_SUCCESS);
  ck_assert_int_eq(tg_screen_init_stage(&stage[0], rs, false), TG_SUCCESS);
  ck_assert_int_eq(tg_screen_init_stage(&stage[1], rs, true), TG_SUCCESS);
  unsigned checked[2] = {0, 0};
  unsigned passed = 0;
  for (size_t si = 0; si < sizeof SUBJECTS / sizeof SUBJECTS[0]; ++si) {
    const char *subj = SUBJECTS[si];
    ck_assert_int_eq(tg_screen_set(&all, subj, strlen(subj)), TG_SUCCESS);
    for (int facts = 0; facts < 2; ++facts) {
      ck_assert_int_eq(tg_screen_set(&stage[facts], subj, strlen(subj)), TG_SUCCESS);
      size_t n = 0;
      const unsigned *ix = tg_ruleset_stage(rs, facts, &n);
      for (size_t i = 0; i < n; ++i) {
        const TgRule *r = tg_ruleset_rule(rs, ix[i]);
        for (int kind = 0; kind < TG_PAT_KINDS; ++kind) {
          for (size_t j = 0; j < r->patterns[kind].len; ++j) {
            const TgPattern *p = pattern(r, (TgPatKind)kind, j);
            const bool want = tg_screen_may_match(&all, p);
            ck_assert_msg(tg_screen_may_match(&stage[facts], p) == want,
                          "%s:%u on \"%s\": the stage's screen differs", p->file, p->line, subj);
            checked[facts] += p->n_needs > 0;
            passed += want && p->n_needs > 0;
          }
        }
      }
    }
  }
  ck_assert_uint_gt(checked[0], 20);
  ck_assert_uint_gt(checked[1], 100);
  ck_assert_uint_gt(passed, 10);
  tg_screen_clear(&all);
  tg_screen_clear(&stage[0]);
  tg_screen_clear(&stage[1]);
  tg_ruleset_free(rs);
}
END_TEST

/* Does hay hold lit (lower case) in any ASCII case?  The plain answer. */
static bool plain_holds(const char *hay, const char *lit)
{
  const size_t n = strlen(hay);
  const size_t k = strlen(lit);
  for (size_t i = 0; i + k <= n; ++i) {
    size_t j = 0;
    while (j < k && (hay[i + j] >= 'A' && hay[i + j] <= 'Z' ? hay[i + j] + 32 : hay[i + j]) == lit[j]) {
      ++j;
    }
    if (j == k) {
      return true;
    }
  }
  return false;
}

/* The screen marks a needed string present exactly where a plain search
 * finds it (or it folds and the subject is not ASCII), at the subject's
 * start, its end, and across it: the table of first two bytes skips
 * nothing it should look at. */
START_TEST(test_screen_marks_plain)
{
  Errors e = {0};
  TgRuleSet *rs = load_shipped(&e);
  TgScreen sc;
  ck_assert_int_eq(tg_screen_init(&sc, rs), TG_SUCCESS);
  const TgVec *strs = &sc.needs->strs;
  char subj[256];
  unsigned present = 0;
  for (size_t si = 0; si < sizeof SUBJECTS / sizeof SUBJECTS[0] + strs->len; ++si) {
    if (si < sizeof SUBJECTS / sizeof SUBJECTS[0]) {
      snprintf(subj, sizeof subj, "%s", SUBJECTS[si]);
    } else {
      /* Each needed string alone, then upper-cased inside other text. */
      const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(strs, si - sizeof SUBJECTS / sizeof SUBJECTS[0]);
      const int w = snprintf(subj, sizeof subj, si % 2 ? "%s" : "x%sy", ns->s);
      for (int i = 0; si % 4 == 0 && i < w; ++i) {
        subj[i] = subj[i] >= 'a' && subj[i] <= 'z' ? (char)(subj[i] - 32) : subj[i];
      }
    }
    ck_assert_int_eq(tg_screen_set(&sc, subj, strlen(subj)), TG_SUCCESS);
    for (size_t id = 0; id < strs->len; ++id) {
      const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(strs, id);
      const bool want = plain_holds(subj, ns->s) || (ns->folds && sc.wide);
      ck_assert_msg(sc.seen[id] == want, "\"%s\" in \"%s\": screen %d, plain %d", ns->s, subj,
                    sc.seen[id], want);
      present += want;
    }
  }
  ck_assert_uint_gt(present, strs->len);
  tg_screen_clear(&sc);
  tg_ruleset_free(rs);
}
END_TEST

/* Subjects for the tail search: some where a trigger has its tail, some
 * where the trigger words are there without it. */
static const char *const TAIL_SUBJECTS[] = {
    "<ORG> has been granted a licence by <REG> to operate in <LOC>",
    "<REG> granted <ORG> and <ORG> licences on <DATE>; <ORG> was approved by <GOV>",
    "Mobile money accounts reached <NUM> in <DATE>, up <PCT>",
    "The number of subscribers rose to <NUM> from <NUM> a year earlier",
    "Subscribers reached a record while revenue rose sharply",
    "<ORG> received a payment licence from the central bank <REG>",
    "<GOV> approved the <POLICY> on <DATE>",
    "Deposits totalled <MONEY>, the regulator said",
    "it was approved; it was granted; nothing else",
    "Vice Minister Li Wei said the Ministry of Commerce approved it, according to <REG>",
    "<ORG> chief executive Jane Doe told reporters that <ORG> shares rose <PCT>",
    "The China Securities Regulatory Commission of the State Council said on Monday",
    "officials in Guangdong Province and the Hainan Free Trade Port, Xinhua News Agency reported",
    "the Foreign Investment Law and the National Broadband Plan 2025 were adopted",
    "it granted licences to Zuma Fibre Networks, Okapi Broadband and Delta Crest on Monday",
    "Approvals were issued to Acme; Beta Systems, and Gamma Labs were named",
    "said Jane Doe, the group's chief executive, and Li Wei, a senior analyst at Acme",
    "Okapi Broadband, a wholly-owned unit of Delta Crest, and Zuma Fibre, its subsidiary",
    "Zuma Fibre Networks Ltd, a mobile operator based in Lagos; Beta: a lender",
    "Jane Doe said the unit of Acme, chief executive Li Wei, was not a carrier",
};

/* Every shipped pattern with a tail (rules.h, TgPattern.tail), main or
 * also: tg_match
 * finds what PCRE2 finds with the whole pattern, from every start. */
START_TEST(test_tail_sound)
{
  Errors e = {0};
  TgRuleSet *rs = load_shipped(&e);
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 100000000), TG_SUCCESS);
  pcre2_match_data *md = pcre2_match_data_create(64, NULL);
  unsigned tails = 0;
  unsigned split = 0; /* patterns run as "(?:A)C" and "(?:\\GB)C" */
  unsigned cut = 0; /* calls the tail alone answered */
  unsigned found = 0;
  for (size_t k = 0; k < tg_ruleset_size(rs); ++k) {
    const TgRule *r = tg_ruleset_rule(rs, k);
    for (size_t j = 0; j < r->patterns[TG_PAT_MAIN].len + r->patterns[TG_PAT_ALSO].len; ++j) {
      const size_t n_main = r->patterns[TG_PAT_MAIN].len;
      const TgPattern *p = tg_pattern_prepare(
          j < n_main ? pattern(r, TG_PAT_MAIN, j) : pattern(r, TG_PAT_ALSO, j - n_main));
      if (!p->tail && !p->other) {
        continue;
      }
      tails += p->tail != NULL;
      split += p->other != NULL;
      for (size_t si = 0; si < sizeof TAIL_SUBJECTS / sizeof TAIL_SUBJECTS[0]; ++si) {
        const char *subj = TAIL_SUBJECTS[si];
        const size_t len = strlen(subj);
        for (size_t at = 0; at < len; at += 7) {
          const int rc = pcre2_match(p->code, (PCRE2_SPTR)subj, len, at, 0, md, NULL);
          PCRE2_SIZE want[2] = {0, 0};
          if (rc >= 0) {
            memcpy(want, pcre2_get_ovector_pointer(md), sizeof want);
          }
          const int trc = p->tail ? pcre2_match(p->tail, (PCRE2_SPTR)subj, len, at, 0, md, NULL) : 1;
          cut += trc == PCRE2_ERROR_NOMATCH;
          ck_assert_msg(rc == PCRE2_ERROR_NOMATCH || trc >= 0,
                        "%s:%u matches \"%s\" from %zu but its tail does not", p->file,
                        p->line, subj, at);
          const TgStatus st = tg_match(&m, p, subj, len, at);
          ck_assert_int_eq(st, rc >= 0 ? TG_SUCCESS : TG_FAILURE);
          if (rc >= 0) { /* the same match */
            const PCRE2_SIZE *got = pcre2_get_ovector_pointer(m.md);
            ck_assert_msg(got[0] == want[0] && got[1] == want[1], "%s:%u on \"%s\" from %zu: %zu-%zu, want %zu-%zu",
                          p->file, p->line, subj, at, (size_t)got[0], (size_t)got[1], (size_t)want[0], (size_t)want[1]);
          }
          found += st == TG_SUCCESS;
        }
      }
    }
  }
  ck_assert_uint_gt(tails, 20);
  /* Splits are made only for JIT code (TELEGRAPH_NO_JIT=1 turns it off). */
  const char *no_jit = getenv("TELEGRAPH_NO_JIT");
  if (!no_jit || !*no_jit || strcmp(no_jit, "0") == 0) {
    ck_assert_uint_gt(split, 0);
  } else {
    ck_assert_uint_eq(split, 0);
  }
  ck_assert_uint_gt(cut, 100);
  ck_assert_uint_gt(found, 10);
  pcre2_match_data_free(md);
  tg_matcher_clear(&m);
  tg_ruleset_free(rs);
}
END_TEST

/* Lead strings (needs.h, tg_needs_lead): what every match starts with. */
static const struct {
  const char *pattern;
  const char *lead; /* as needs_text writes a set; "" for none */
} LEADS[] = {
    {"\\b(?:granted|Gave)\\s+\\w+", "granted|gave;"},
    {"(?<![\\p{L}])(?<name>abc|def)x", "abc|def;"},
    {"(?=x)(?!y)\\babc", "abc;"},
    {"<REG>\\s+x", "<reg>;"},
    {"abcd?e", "abc;"},
    {"(?:(?:abc|def)|ghi\\d)", "abc|def|ghi;"},
    {"\\b(?:to|including)\\s+x", "to|including;"}, /* two bytes will do */
    {"(?:ab|c)d", ""},        /* a one-byte lead */
    {"(?:abc)?def", ""},      /* an optional group */
    {"(?:abc|def)+x", ""},    /* a repeated one */
    {"abc|\\w+", ""},         /* a branch with no literal first */
    {"(?i)abc", ""},          /* options */
    {"\\Gabc", ""},           /* an escape first, \\G too */
    {"[ab]cde", ""},
};

START_TEST(test_needs_lead)
{
  TgBuf b;
  tg_buf_init(&b);
  size_t count = 0;
  const char *pat = LEADS[_i].pattern;
  ck_assert_int_eq(tg_needs_lead(pat, strlen(pat), &b, &count), TG_SUCCESS);
  char got[256] = "";
  size_t o = 0;
  const char *lit = b.buf;
  bool first = true;
  for (size_t i = 0; i < count; ++i) {
    const size_t n = strlen(lit);
    o += (size_t)snprintf(got + o, sizeof got - o, "%s%s", n ? (first ? "" : "|") : ";", lit);
    first = n == 0;
    lit += n + 1;
  }
  ck_assert_msg(strcmp(got, LEADS[_i].lead) == 0, "%s: lead \"%s\", want \"%s\"", pat, got,
                LEADS[_i].lead);
  tg_buf_clear(&b);
}
END_TEST

/* Every shipped pattern that searches by its lead strings
 * (TgPattern.use_lead): a screened call finds what PCRE2's own search
 * finds, from every start, with the screen set to the subject or to a
 * part of it that ends with it. */
START_TEST(test_lead_sound)
{
  Errors e = {0};
  TgRuleSet *rs = load_shipped(&e);
  TgMatcher m;
  ck_assert_int_eq(tg_matcher_init(&m, 100000000), TG_SUCCESS);
  pcre2_match_data *md = pcre2_match_data_create(64, NULL);
  TgScreen sc;
  ck_assert_int_eq(tg_screen_init_stage(&sc, rs, false), TG_SUCCESS);
  static const char *const extra[] = {
      "The regulator granted Acme Telecom a licence and approved Beta Networks' application",
      "Regulators licensed Zuma Fibre, Okapi Broadband and Delta Crest to operate, it said",
      "it gave Acme a nod; it issued permits for Beta Ltd and approved Gamma's request",
      "\xc3\x89lan Mobile was approved; the authority cleared \xc3\x89lan Mobile's bid",
  };
  unsigned leads = 0;
  unsigned found = 0;
  for (size_t k = 0; k < tg_ruleset_size(rs); ++k) {
    const TgRule *r = tg_ruleset_rule(rs, k);
    for (size_t j = 0; j < r->patterns[TG_PAT_MAIN].len + r->patterns[TG_PAT_ALSO].len; ++j) {
      const size_t n_main = r->patterns[TG_PAT_MAIN].len;
      const TgPattern *p = tg_pattern_prepare(
          j < n_main ? pattern(r, TG_PAT_MAIN, j) : pattern(r, TG_PAT_ALSO, j - n_main));
      if (!p->use_lead) {
        continue;
      }
      ++leads;
      const size_t n_subj = sizeof TAIL_SUBJECTS / sizeof TAIL_SUBJECTS[0];
      for (size_t si = 0; si < n_subj + sizeof extra / sizeof extra[0]; ++si) {
        const char *subj = si < n_subj ? TAIL_SUBJECTS[si] : extra[si - n_subj];
        const size_t len = strlen(subj);
        for (size_t base = 0; base < 8 && base < len; base += 5) {
          ck_assert_int_eq(tg_screen_set(&sc, subj + base, len - base), TG_SUCCESS);
          for (size_t at = base; at < len; at += 3) {
            const int rc = pcre2_match(p->code, (PCRE2_SPTR)subj, len, at, 0, md, NULL);
            const TgStatus st = tg_match_screened(&m, &sc, p, subj, len, at);
            ck_assert_msg(st == (rc >= 0 ? TG_SUCCESS : TG_FAILURE), "%s:%u on \"%s\" from %zu: %d",
                          p->file, p->line, subj, at, (int)st);
            if (rc >= 0) {
              const PCRE2_SIZE *want = pcre2_get_ovector_pointer(md);
              const PCRE2_SIZE *got = pcre2_get_ovector_pointer(m.md);
              ck_assert_msg(got[0] == want[0] && got[1] == want[1],
                            "%s:%u on \"%s\" from %zu: %zu-%zu, want %zu-%zu", p->file, p->line,
                            subj, at, (size_t)got[0], (size_t)got[1], (size_t)want[0],
                            (size_t)want[1]);
              ++found;
            }
          }
        }
      }
    }
  }
  const char *no_jit = getenv("TELEGRAPH_NO_JIT");
  if (!no_jit || !*no_jit || strcmp(no_jit, "0") == 0) {
    ck_assert_uint_gt(leads, 5); /* leads are made for JIT code only */
    ck_assert_uint_gt(found, 10);
  } else {
    ck_assert_uint_eq(leads, 0);
  }
  tg_screen_clear(&sc);
  pcre2_match_data_free(md);
  tg_matcher_clear(&m);
  tg_ruleset_free(rs);
}
END_TEST

/* Which patterns get a tail: one branch, a later top-level item that
 * starts with a word or a placeholder code, and nothing that ties the tail
 * to the head. */
static const struct {
  const char *pattern;
  bool tail;
} TAILS[] = {
    {"(?<grantedTo>[^;]*?)\\b(?:was|were)\\s+(?<trigger>granted)\\s+by\\s+(?<grantedBy><REG>)", true},
    {"<ORG>\\s+(?:(?<trigger>granted))", true},                /* a group of a group */
    {"\\w+(?:\\s+\\w+\\s+(?:granted|won))\\s+\\w+", true},          /* from inside a group */
    {"\\w+(?:\\s+\\w+\\s+(?:granted|won))?\\s+\\w+", false},        /* not if it may be skipped */
    {"<ORG>\\s+(?<trigger>won)|(?<trigger>granted)", false},  /* two branches */
    {"(?<trigger>granted)\\s+\\w+", false},                    /* no word after the first item */
    {"\\w+\\s+(?<trigger>\\w+)", false},                       /* nor a trigger word */
    {"(<ORG>)\\s+(?<trigger>granted)\\s+\\1", false},         /* a back reference */
    {"<ORG>\\s+(?<trigger>granted)\\G", false},                 /* \\G */
    {"(?i)<ORG>\\s+(?<trigger>granted)", false},                /* options set in the head */
    {"\\w+,\\s+\\w+", true},                                    /* from a comma */
    {"\\w+;\\s*\\w+", true},                                    /* a semicolon */
    {"\\w+,?\\s+\\w+", false},                                  /* not an optional one */
    {"\\w+[,;]\\s+\\w+", false},                                /* nor a class */
};

/* Start hints (needs.h, tg_start_hint): the look-ahead put in front. */
static const struct {
  const char *pattern;
  const char *hint; /* NULL: none */
} HINTS[] = {
    {"(?<![\\p{L}\\p{N}])(?<name>(?:(?=[\\p{Lu}\\d])(?!Mon)\\p{Lu}\\w+))",
     "(?=[\\x{30}\\x{31}\\x{32}\\x{33}\\x{34}\\x{35}\\x{36}\\x{37}\\x{38}\\x{39}\\x{41}\\x{42}\\x{43}\\x{44}"
     "\\x{45}\\x{46}\\x{47}\\x{48}\\x{49}\\x{4a}\\x{4b}\\x{4c}\\x{4d}\\x{4e}\\x{4f}\\x{50}\\x{51}\\x{52}"
     "\\x{53}\\x{54}\\x{55}\\x{56}\\x{57}\\x{58}\\x{59}\\x{5a}\\x{80}-\\x{10ffff}])"},
    {"(?=[ab])x", "(?=[\\x{61}\\x{62}])"},
    {"(?=[ab])x|y", NULL},             /* two branches */
    {"(?:(?=[ab])x|y)", NULL},         /* two branches inside */
    {"(?:(?=[ab])x)?", NULL},          /* the group may match nothing */
    {"\\b(?=[ab])x", NULL},            /* something else first */
    {"(?=[^ab])x", NULL},              /* a negated class */
    {"(?=[\\s])x", NULL},              /* an item not understood */
};

START_TEST(test_start_hint)
{
  TgBuf out;
  tg_buf_init(&out);
  const char *pat = HINTS[_i].pattern;
  const bool got = tg_start_hint(pat, strlen(pat), &out);
  ck_assert_msg(got == (HINTS[_i].hint != NULL), "%s: hint %d", pat, got);
  if (got) {
    ck_assert_msg(out.len == strlen(HINTS[_i].hint) && memcmp(out.buf, HINTS[_i].hint, out.len) == 0,
                  "%s: hint %.*s, want %s", pat, (int)out.len, out.buf, HINTS[_i].hint);
  }
  tg_buf_clear(&out);
}
END_TEST

/* A hinted pattern finds what it found without the hint, non-ASCII starts
 * included. */
START_TEST(test_start_hint_match)
{
  TgRuleSet *rs = one_pattern("(?<![\\p{L}\\p{N}])(?<name>(?:(?=[\\p{Lu}\\d])\\p{Lu}\\p{Ll}+))");
  const TgPattern *p = pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0);
  ck_assert_int_eq(try_match(p, "the \xc3\x89lan fund"), TG_SUCCESS);
  ck_assert_int_eq(try_match(p, "a Zeta"), TG_SUCCESS);
  ck_assert_int_eq(try_match(p, "\xc3\xa9lan zeta 5x"), TG_FAILURE);
  ck_assert_int_eq(try_match(p, "aZeta"), TG_FAILURE);
  tg_ruleset_free(rs);
}
END_TEST

/* Which patterns run as "(?:A)C" and "(?:\\GB)C" (TgPattern.other). */
static const struct {
  const char *pattern;
  bool split;
} SPLITS[] = {
    {"(?:\\bto\\s+|\\G,\\s*)(?<grantedTo>\\w+)", true},
    {"(?:\\G,\\s*|\\bto\\s+)(?<grantedTo>\\w+)", false},          /* \\G not last */
    {"(?:(?<grantedTo>\\w)|\\G,)x", false},                     /* a group before C */
    {"(?:\\bto\\s+|\\G,\\s*)(?<grantedTo>\\w+)\\G", false},      /* \\G again */
    {"(?:\\bto\\s+|\\G,\\s*)(?<grantedTo>\\w+)|x", false},       /* two branches */
};

START_TEST(test_continuation_split)
{
  char text[512];
  snprintf(text, sizeof text, "rule r\n  class Approval\n  pattern %s\n", SPLITS[_i].pattern);
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs, text, &e), TG_SUCCESS);
  const TgPattern *p = tg_pattern_prepare(pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0));
  if (getenv("TELEGRAPH_NO_JIT") == NULL) {
    ck_assert_msg((p->other != NULL) == SPLITS[_i].split, "%s: split %d", SPLITS[_i].pattern,
                  p->other != NULL);
  }
  if (SPLITS[_i].split) { /* the list goes on where the last match ended */
    const char *subj = "granted to Acme, Beta, Gamma and more";
    TgMatcher m;
    ck_assert_int_eq(tg_matcher_init(&m, 100000), TG_SUCCESS);
    size_t at = 0;
    unsigned n = 0;
    while (tg_match(&m, p, subj, strlen(subj), at) == TG_SUCCESS) {
      at = pcre2_get_ovector_pointer(m.md)[1];
      ++n;
    }
    ck_assert_uint_eq(n, 3); /* Acme, Beta, Gamma: "and" is not in the list's \\G branch */
    tg_matcher_clear(&m);
  }
  tg_ruleset_free(rs);
}
END_TEST

START_TEST(test_tail_split)
{
  char text[512];
  snprintf(text, sizeof text, "rule r\n  class Approval\n  pattern %s\n", TAILS[_i].pattern);
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs, text, &e), TG_SUCCESS);
  const TgPattern *p = tg_pattern_prepare(pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0));
  ck_assert_msg((p->tail != NULL) == TAILS[_i].tail, "%s: tail %d, want %d", TAILS[_i].pattern,
                p->tail != NULL, TAILS[_i].tail);
  tg_ruleset_free(rs);
}
END_TEST

/* Caseless matching folds 's' to LONG S and 'k' to KELVIN SIGN: in a
 * sentence with non-ASCII bytes such strings count as present. */
START_TEST(test_screen_folds)
{
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs,
                         "rule r\n  class Approval\n  pattern (?<trigger>approves)\n"
                         "rule q\n  class Approval\n  pattern (?<trigger>granted)\n",
                         &e),
                   TG_SUCCESS);
  const TgPattern *ps = pattern(tg_ruleset_rule(rs, 0), TG_PAT_MAIN, 0);
  const TgPattern *pg = pattern(tg_ruleset_rule(rs, 1), TG_PAT_MAIN, 0);
  TgScreen sc;
  ck_assert_int_eq(tg_screen_init(&sc, rs), TG_SUCCESS);
  const char *ascii = "it approved nothing";
  ck_assert_int_eq(tg_screen_set(&sc, ascii, strlen(ascii)), TG_SUCCESS);
  ck_assert(!tg_screen_may_match(&sc, ps));
  ck_assert(!tg_screen_may_match(&sc, pg));
  const char *longs = "it APPROVE\xc5\xbf all";
  ck_assert_int_eq(tg_screen_set(&sc, longs, strlen(longs)), TG_SUCCESS);
  ck_assert(tg_screen_may_match(&sc, ps));
  ck_assert_int_eq(try_match(ps, longs), TG_SUCCESS);
  ck_assert(!tg_screen_may_match(&sc, pg));
  tg_screen_clear(&sc);
  tg_ruleset_free(rs);
}
END_TEST

/* A `when` of literal words is answered by the prefilter: the same answer
 * and the same charge as PCRE2, on ASCII and non-ASCII subjects (a word
 * with 's' or 'k' goes to PCRE2 there), and other `when` patterns are left
 * to PCRE2. */
START_TEST(test_when_literal)
{
  TgRuleSet *rs = tg_ruleset_new();
  Errors e = {0};
  ck_assert_int_eq(parse(rs,
                         "rule a\n  class Approval\n  when <REG>|<GOV>\n  pattern (?<trigger>x)\n"
                         "rule b\n  class Approval\n  when respectively\n  pattern (?<trigger>x)\n"
                         "rule c\n  class Approval\n  when \\bgrant\n  pattern (?<trigger>x)\n"
                         "rule d\n  class Approval\n  when <NUM>|ab\n  pattern (?<trigger>x)\n"
                         "rule e\n  class Approval\n  when <NUM>|a\n  pattern (?<trigger>x)\n",
                         &e),
                   TG_SUCCESS);
  enum { N_WHEN = 5 };
  const TgPattern *w[N_WHEN];
  for (size_t k = 0; k < N_WHEN; ++k) {
    w[k] = pattern(tg_ruleset_rule(rs, k), TG_PAT_WHEN, 0);
  }
  ck_assert(w[0]->when_exact && !w[0]->when_folds);
  ck_assert(w[1]->when_exact && w[1]->when_folds);
  ck_assert(!w[2]->when_exact); /* not literal */
  ck_assert(w[3]->when_exact); /* two bytes: the screen's pair index */
  ck_assert(!w[4]->when_exact); /* "a" is too short to be needed: no set */
  static const char *const subjects[] = {
      "<REG> approved it",       "the <gov> and <Reg>", "<RE G> <GO V> nothing",
      "RESPECTIVELY, not <ORG>", "re\xc5\xbfpectively", "grant <NUM> ab",
      "",                        "\xc3\xa9 <GOV>",    "respectivel",
      "aB",                      "Ab c",                "a b",
      "xyzAB",                   "b a",                 "a",
  };
  TgScreen sc;
  ck_assert_int_eq(tg_screen_init(&sc, rs), TG_SUCCESS);
  TgMatcher m1, m2;
  ck_assert_int_eq(tg_matcher_init(&m1, 1000000), TG_SUCCESS);
  ck_assert_int_eq(tg_matcher_init(&m2, 1000000), TG_SUCCESS);
  unsigned matched = 0;
  for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; ++i) {
    const char *subj = subjects[i];
    const size_t n = strlen(subj);
    ck_assert_int_eq(tg_screen_set(&sc, subj, n), TG_SUCCESS);
    for (size_t k = 0; k < N_WHEN; ++k) {
      const TgStatus want =
          tg_screen_may_match(&sc, w[k]) ? tg_match(&m1, w[k], subj, n, 0)
                                         : tg_match_skipped(&m1, w[k]);
      const TgStatus got = tg_match_when(&m2, &sc, w[k], subj, n, 0);
      ck_assert_msg(want == got, "rule %zu on \"%s\": %d, PCRE2 %d", k, subj, got, want);
      ck_assert_uint_eq(m1.budget, m2.budget);
      matched += got == TG_SUCCESS;
    }
  }
  ck_assert_uint_ge(matched, 6);
  tg_matcher_clear(&m1);
  tg_matcher_clear(&m2);
  tg_screen_clear(&sc);
  tg_ruleset_free(rs);
}
END_TEST

static Suite *rules_suite(void)
{
  Suite *s = suite_create("rules");

  TCase *tc = tcase_create("parse");
  tcase_add_test(tc, test_parse_good);
  tcase_add_test(tc, test_define_is_atom);
  tcase_add_test(tc, test_defines_across_files);
  tcase_add_loop_test(tc, test_bad_rules, 0, (int)N_BAD);
  tcase_add_test(tc, test_real_rules);
  tcase_add_test(tc, test_load_missing);
  tcase_add_test(tc, test_free_null);
  suite_add_tcase(s, tc);

  tc = tcase_create("match");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_catastrophic_backtracking);
  tcase_add_test(tc, test_budget);
  tcase_add_test(tc, test_matcher_clear_twice);
  suite_add_tcase(s, tc);

  tc = tcase_create("prefilter");
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, test_needs_of, 0, (int)(sizeof NEEDS / sizeof NEEDS[0]));
  tcase_add_test(tc, test_screen_sound);
  tcase_add_test(tc, test_screen_folds);
  tcase_add_test(tc, test_when_literal);
  tcase_add_test(tc, test_screen_stage);
  tcase_add_test(tc, test_screen_marks_plain);
  tcase_add_test(tc, test_tail_sound);
  tcase_add_loop_test(tc, test_needs_lead, 0, (int)(sizeof LEADS / sizeof LEADS[0]));
  tcase_add_test(tc, test_lead_sound);
  tcase_add_loop_test(tc, test_tail_split, 0, (int)(sizeof TAILS / sizeof TAILS[0]));
  tcase_add_loop_test(tc, test_start_hint, 0, (int)(sizeof HINTS / sizeof HINTS[0]));
  tcase_add_test(tc, test_start_hint_match);
  tcase_add_loop_test(tc, test_continuation_split, 0, (int)(sizeof SPLITS / sizeof SPLITS[0]));
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(rules_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
