/* telegraph internals: rule files, parsed and compiled with PCRE2 JIT.
 *
 * One format serves two stages: entity rules (class Regulator, Company,
 * Place, Date, Quantity, ...) run over raw sentence text in the recognizer;
 * fact rules (class Approval, Statistic, Decision, Report, Subsidiary,
 * Role) run over the abstracted sentence in the relation stage.  The format
 * is documented in ontology/rules/README.md.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_RULES_H
#define TG_RULES_H

#include "telegraph/error.h"
#include "telegraph/result.h"
#include "telegraph/status.h"
#include "prefilter.h"
#include "tokmatch.h"
#include "util.h"

#include <pcre2.h>
#include <stdatomic.h>
#include <stdint.h>

/** A compiled pattern and where it came from (for diagnostics). */
typedef struct {
  pcre2_code *code;
  char *file; /* borrowed from the rule set's file list */
  unsigned line;
  /* With TELEGRAPH_PROFILE set (one worker), time spent and calls; printed
   * to stderr, costliest first, when the rule set is freed. */
  double seconds;
  unsigned long calls;
  /* Ids of sets of needed strings (the rule set's, shared by patterns):
   * every match contains a string of each set; n_needs 0 when none is
   * known (needs.c). */
  unsigned *needs;
  unsigned n_needs;
  /* Made when the pattern is first run (tg_pattern_prepare), not at load:
   * a run calls few of the patterns (the prefilter passes over the rest),
   * and deriving and JIT-compiling every one at load was most of the
   * start-up.  `ready` is set, with release order, once the fields below
   * are final; until then they are not read. */
  _Atomic bool ready;
  char *src;      /* the expanded source, until ready */
  size_t src_len;
  uint32_t opts;  /* its compile options */
  bool want_jit;  /* JIT allowed (TELEGRAPH_NO_JIT unset) */
  bool want_tail; /* a main or `also` pattern: look for a tail */
  bool jit;       /* `code` is JIT-compiled: tg_match calls pcre2_jit_match directly */
  /* A run of the pattern's last top-level items that starts with few
   * bytes (trigger words, a placeholder code, a comma), when the pattern is one
   * branch: every match of the pattern holds a match of this tail, so a
   * subject the tail does not match is passed over after one search that
   * PCRE2 makes by skipping to those bytes.  NULL if none. */
  pcre2_code *tail;
  bool tail_jit;
  /* A pattern "(?:A|\\GB)C" that goes on a list where the last match ended
   * is run as "(?:A)C", which PCRE2 finds by A's first bytes, and "(?:\\GB)C"
   * anchored where the call starts: the same first match (A is preferred
   * at the start, B matches only there), the same groups (none in A or B).
   * NULL if not of that form, or without JIT. */
  pcre2_code *other, *at_start;
  /* A `when` pattern of literal words, "<REG>|<GOV>", whose one set of
   * needed strings are some of those words: the prefilter's answer is the
   * pattern's (tg_match_when), unless a string of the set folds
   * (`when_folds`, tg_need_folds) and the subject is not ASCII. */
  bool when_exact;
  bool when_folds;
  /* Lead strings: when every match of the pattern (or of `other`, for a
   * split one) starts where a string of set `lead` stands, a screened
   * call (tg_match_screened) tries the code at each place the screen saw
   * one, in order, each try held to its place by an offset limit (the
   * code is compiled with PCRE2_USE_OFFSET_LIMIT), instead of a search
   * that tries every place: the first match is the search's.  JIT only. */
  bool has_lead;
  unsigned lead;
  bool use_lead; /* made with `ready`: JIT code that finds no start by one byte */
} TgPattern;

/** Derive p's tail and split and JIT-compile them and its code, once (the
 * first call of tg_match does it; thread-safe).  Returns p. */
const TgPattern *tg_pattern_prepare(const TgPattern *p);

/** Which part of a rule a line defines. */
typedef enum { TG_PAT_MAIN, TG_PAT_ALSO, TG_PAT_WHEN, TG_PAT_REJECT, TG_PAT_KINDS } TgPatKind;

typedef struct {
  char *id;
  TgClass cls;
  TgClass attach;      /**< Merge into the last fact of this class, or NONE */
  double confidence;
  TgVec patterns[TG_PAT_KINDS]; /**< TgPattern each */
  TgVec require;       /**< unsigned bit sets of TgProperty: one must be filled */
  TgVec fill;          /**< TgProperty */
  unsigned n_tokens;   /**< Token patterns (in the rule set's program, id = rule index) */
  unsigned n_when_tokens; /**< Token filters (id = rule index | TG_TOKEN_FILTER) */
  const char *file;
  unsigned line;
} TgRule;

typedef struct TgRuleSetImpl TgRuleSet;

TgRuleSet *tg_ruleset_new(void);
void tg_ruleset_free(TgRuleSet *rs);

/** Parse and compile the rule file at `path` (or every *.rules file in the
 * directory, in name order), appending its rules.  Errors name FILE:LINE:COL. */
TgStatus tg_ruleset_load(TgRuleSet *rs, const char *path, TgErrorFn err, void *err_data);

/** Parse rules from memory (`name` is used in diagnostics). */
TgStatus tg_ruleset_parse(TgRuleSet *rs, const char *name, const char *text, size_t len,
                          TgErrorFn err, void *err_data);

size_t tg_ruleset_size(const TgRuleSet *rs);
/** Marks the id of a `when-tokens` filter in the token program. */
#define TG_TOKEN_FILTER 0x80000000u

/** Every `tokens` and `when-tokens` pattern of the set in one program; a
 * match's id is the index of its rule, with TG_TOKEN_FILTER for a filter. */
const TgTokProg *tg_ruleset_tokens(const TgRuleSet *rs);
const TgRule *tg_ruleset_rule(const TgRuleSet *rs, size_t i);
/** The indices of the rules one stage runs, in order (*n of them): the
 * recognizer's (entity, date and number classes) or, with `facts`, the
 * relation stage's (every other class). */
const unsigned *tg_ruleset_stage(const TgRuleSet *rs, bool facts, size_t *n);

/** The distinct needed strings of every pattern (TgPattern.needs): how
 * many, and one by id (ASCII lower case; `*folds` as tg_need_folds). */
size_t tg_ruleset_n_needs(const TgRuleSet *rs);
const char *tg_ruleset_need(const TgRuleSet *rs, size_t id, bool *folds);

/** Per-run matching state: match data, a JIT stack, limits, a budget. */
typedef struct {
  pcre2_match_data *md;
  pcre2_match_data *md2; /**< a second result, for patterns run in two parts */
  pcre2_match_context *mc;
  pcre2_jit_stack *stack;
  unsigned long budget; /**< Match steps left in this document (see tg_match) */
  unsigned long spent;  /**< Match steps charged so far */
  bool profile;         /**< TELEGRAPH_PROFILE: count time per pattern */
} TgMatcher;

TgStatus tg_matcher_init(TgMatcher *m, unsigned long budget);
void tg_matcher_clear(TgMatcher *m);

/** Run `p` on subject[0..len) from `start`.  TG_SUCCESS with the ovector
 * in m->md on a match, TG_FAILURE on none, TG_BAD_LIMIT when a limit or
 * the budget is exhausted. */
TgStatus tg_match(TgMatcher *m, const TgPattern *p, const char *subject, size_t len,
                  size_t start);

/** The prefilter (prefilter.h) over one subject, for this rule set's
 * patterns. */
TgStatus tg_screen_init(TgScreen *sc, const TgRuleSet *rs);
/** The same for one stage's patterns only (tg_ruleset_stage): it looks
 * for their strings alone, and a pattern of the other stage must not be
 * screened with it. */
TgStatus tg_screen_init_stage(TgScreen *sc, const TgRuleSet *rs, bool facts);
/** False if `p` cannot match the subject: a set of its needed strings has
 * none there. */
bool tg_screen_may_match(const TgScreen *sc, const TgPattern *p);

/** Does `p`, a `when` pattern, match the screen's subject (subject[start
 * .. len), the bytes `sc` was set to)?  TG_SUCCESS, TG_FAILURE or
 * TG_BAD_LIMIT, as tg_match behind tg_screen_may_match, charged alike; a
 * pattern of literal words (TgPattern.lits) is answered by the prefilter
 * pattern of literal words (TgPattern.when_exact) is answered by the
 * prefilter, charged as a call that ends within its first steps, the
 * ovector left as it was. */
TgStatus tg_match_when(TgMatcher *m, const TgScreen *sc, const TgPattern *p,
                       const char *subject, size_t len, size_t start);

/** tg_match behind the prefilter `sc` (set to subject[b..len) for some b
 * at most `start`): a call that cannot match is skipped
 * (tg_match_skipped), one with lead strings (TgPattern.lead) tries only
 * the places they stand.  The same answer and charge as tg_match. */
TgStatus tg_match_screened(TgMatcher *m, const TgScreen *sc, const TgPattern *p,
                           const char *subject, size_t len, size_t start);

/** A call of `p` that a prefilter proved cannot match: one step of the
 * budget (a tg_match call costs the steps PCRE2 took), TG_FAILURE
 * (TG_BAD_LIMIT with no budget left). */
TgStatus tg_match_skipped(TgMatcher *m, const TgPattern *p);

#endif /* TG_RULES_H */
