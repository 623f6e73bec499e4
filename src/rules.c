/* telegraph internals: rule files, parsed and compiled with PCRE2 JIT
 * (running the patterns is match.c's).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "rules.h"

#include "needs.h"
#include "patshape.h"

#include <dirent.h>
#include <stdatomic.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  char *name;
  char *value;
} TgDefine;

struct TgRuleSetImpl {
  TgTokProg *tokens; /* every `tokens` pattern */
  TgVec rules;   /* TgRule */
  TgVec defines; /* TgDefine */
  TgVec files;   /* char* names, owned */
  TgNeeds needs; /* what the patterns need (prefilter.h) */
  /* unsigned rule indices, in order: the rules the recognizer runs (entity,
   * date and number classes) and those the relation stage runs (the rest);
   * made again after each parse (tg_ruleset_stage). */
  TgVec stage[2];
};

TgRuleSet *tg_ruleset_new(void) {
  TgRuleSet *rs = (TgRuleSet *)tg_calloc(1, sizeof *rs);
  if (rs && !(rs->tokens = tg_tokprog_new())) {
    tg_free(rs);
    return NULL;
  }
  if (rs) {
    tg_vec_init(&rs->rules, sizeof(TgRule));
    tg_vec_init(&rs->defines, sizeof(TgDefine));
    tg_vec_init(&rs->files, sizeof(char *));
    tg_needs_init(&rs->needs);
    tg_vec_init(&rs->stage[0], sizeof(unsigned));
    tg_vec_init(&rs->stage[1], sizeof(unsigned));
  }
  return rs;
}

static void rule_clear(TgRule *r) {
  tg_free(r->id);
  for (int k = 0; k < TG_PAT_KINDS; ++k) {
    for (size_t i = 0; i < r->patterns[k].len; ++i) {
      TgPattern *pat = (TgPattern *)tg_vec_at(&r->patterns[k], i);
      pcre2_code_free(pat->code);
      pcre2_code_free(pat->tail);
      pcre2_code_free(pat->other);
      pcre2_code_free(pat->at_start);
      tg_free(pat->src);
      tg_free(pat->needs);
    }
    tg_vec_clear(&r->patterns[k]);
  }
  tg_vec_clear(&r->require);
  tg_vec_clear(&r->fill);
}

static int cmp_seconds(const void *a, const void *b) {
  const TgPattern *x = *(const TgPattern *const *)a;
  const TgPattern *y = *(const TgPattern *const *)b;
  return x->seconds < y->seconds ? 1 : (x->seconds > y->seconds ? -1 : 0);
}

/* TELEGRAPH_PROFILE: where the matching time went, costliest first. */
static void print_profile(const TgRuleSet *rs) {
  TgVec all;
  tg_vec_init(&all, sizeof(TgPattern *));
  double total = 0.0;
  for (size_t i = 0; i < rs->rules.len; ++i) {
    const TgRule *r = (const TgRule *)tg_vec_at(&rs->rules, i);
    for (int k = 0; k < TG_PAT_KINDS; ++k) {
      for (size_t j = 0; j < r->patterns[k].len; ++j) {
        TgPattern *pat = (TgPattern *)tg_vec_at(&r->patterns[k], j);
        total += pat->seconds;
        if (tg_vec_push(&all, &pat)) {
          tg_vec_clear(&all);
          return;
        }
      }
    }
  }
  if (all.len) {
    qsort(all.data, all.len, sizeof(TgPattern *), cmp_seconds);
  }
  fprintf(stderr, "telegraph profile: %.3f s in patterns\n", total);
  for (size_t i = 0; i < all.len && i < 25; ++i) {
    const TgPattern *pat = *(TgPattern *const *)tg_vec_at(&all, i);
    fprintf(stderr, "  %7.3f s %5.1f%%  %9lu calls  %s:%u\n", pat->seconds,
            total > 0 ? 100.0 * pat->seconds / total : 0.0, pat->calls, pat->file, pat->line);
  }
  tg_vec_clear(&all);
}

void tg_ruleset_free(TgRuleSet *rs) {
  if (!rs) {
    return;
  }
  if (getenv("TELEGRAPH_PROFILE")) {
    print_profile(rs);
  }
  for (size_t i = 0; i < rs->rules.len; ++i) {
    rule_clear((TgRule *)tg_vec_at(&rs->rules, i));
  }
  for (size_t i = 0; i < rs->defines.len; ++i) {
    TgDefine *d = (TgDefine *)tg_vec_at(&rs->defines, i);
    tg_free(d->name);
    tg_free(d->value);
  }
  for (size_t i = 0; i < rs->files.len; ++i) {
    tg_free(*(char **)tg_vec_at(&rs->files, i));
  }
  tg_vec_clear(&rs->rules);
  tg_vec_clear(&rs->defines);
  tg_vec_clear(&rs->files);
  tg_needs_clear(&rs->needs);
  tg_vec_clear(&rs->stage[0]);
  tg_vec_clear(&rs->stage[1]);
  tg_tokprog_free(rs->tokens);
  tg_free(rs);
}

size_t tg_ruleset_size(const TgRuleSet *rs) { return rs->rules.len; }

size_t tg_ruleset_n_needs(const TgRuleSet *rs) { return rs->needs.strs.len; }

const char *tg_ruleset_need(const TgRuleSet *rs, size_t id, bool *folds) {
  const TgNeedStr *n = (const TgNeedStr *)tg_vec_at(&rs->needs.strs, id);
  *folds = n->folds;
  return n->s;
}

const TgTokProg *tg_ruleset_tokens(const TgRuleSet *rs) { return rs->tokens; }

const TgRule *tg_ruleset_rule(const TgRuleSet *rs, size_t i) {
  return (const TgRule *)tg_vec_at(&rs->rules, i);
}

/* Parsing state for one file. */
typedef struct {
  TgRuleSet *rs;
  const char *file;
  TgErrorFn err;
  void *err_data;
  TgRule *rule; /* the rule being read, or NULL */
} Parser;

static const TgDefine *find_define(const TgRuleSet *rs, const char *name, size_t len) {
  for (size_t i = 0; i < rs->defines.len; ++i) {
    const TgDefine *d = (const TgDefine *)tg_vec_at(&rs->defines, i);
    if (strlen(d->name) == len && memcmp(d->name, name, len) == 0) {
      return d;
    }
  }
  return NULL;
}

/* Expand ${NAME} references in value[0..len) into out. */
static TgStatus expand(Parser *p, unsigned line, unsigned col, const char *value, size_t len,
                       TgBuf *out) {
  for (size_t i = 0; i < len; ++i) {
    if (value[i] == '$' && i + 1 < len && value[i + 1] == '{') {
      size_t j = i + 2;
      while (j < len && value[j] != '}') {
        ++j;
      }
      if (j == len) {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line,
                         col + (unsigned)i, "unterminated ${ reference");
      }
      const TgDefine *d = find_define(p->rs, value + i + 2, j - i - 2);
      if (!d) {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line,
                         col + (unsigned)i, "undefined name '%.*s'", (int)(j - i - 2),
                         value + i + 2);
      }
      if (tg_buf_puts(out, d->value)) {
        return TG_BAD_ALLOC;
      }
      i = j;
    } else if (tg_buf_putc(out, value[i])) {
      return TG_BAD_ALLOC;
    }
  }
  if (!out->buf && tg_buf_append(out, "", 0)) {
    return TG_BAD_ALLOC;
  }
  return TG_SUCCESS;
}

/* Is a named group allowed in a rule of class `cls`? */
static bool group_allowed(TgClass cls, const char *name) {
  if (strcmp(name, "trigger") == 0) {
    return true;
  }
  if (strcmp(name, "agent") == 0) {
    return cls == TG_CLASS_APPROVAL || cls == TG_CLASS_DECISION;
  }
  if (tg_class_is_entity(cls) || cls == TG_CLASS_DATE || cls == TG_CLASS_NUMBER) {
    return strcmp(name, "name") == 0;
  }
  return tg_property_from_name(name, strlen(name)) != TG_PROP_NONE ||
         strcmp(name, "changeDown") == 0;
}

/* A byte that stands for itself in a pattern, outside a class, whatever
 * its neighbours (no metacharacter, escape or option). */
static bool plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '<' || c == '>' || c == '_' || c == ' ' || c == ',' || c == '-';
}

/* Is src[0..n) literal words and nothing else, "<REG>|<GOV>"?  Such a
 * pattern matches exactly where one of them stands in some case: ASCII
 * letters fold to ASCII letters, and to a non-ASCII one only for 'k' and
 * 's' (tg_need_folds). */
static bool literal_words(const char *src, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; ++i) {
    if (src[i] == '|') {
      if (run == 0) {
        return false; /* an empty alternative matches anywhere */
      }
      run = 0;
    } else if (plain_char(src[i])) {
      ++run;
    } else {
      return false;
    }
  }
  return run > 0;
}

/* Is lit[0..k) (ASCII lower case) one of the words of src[0..n), a
 * literal_words pattern, in some case? */
static bool is_word_of(const char *src, size_t n, const char *lit, size_t k) {
  size_t i = 0;
  while (i <= n) {
    size_t j = i;
    while (j < n && src[j] != '|') {
      ++j;
    }
    bool same = j - i == k;
    for (size_t x = 0; same && x < k; ++x) {
      const char c = src[i + x];
      same = (c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c) == lit[x];
    }
    if (same) {
      return true;
    }
    i = j + 1;
  }
  return false;
}

/* For a `when` pattern: set pat->when_exact if it is caseless literal words whose
 * one set of needed strings are some of those words (then the set is
 * there exactly when one of them is, and so a match), and when_folds if a
 * string of it folds. */
static void when_shape(const TgNeeds *needs, const char *src, size_t n, TgPattern *pat) {
  if (!(pat->opts & PCRE2_CASELESS) || pat->n_needs != 1 || !literal_words(src, n)) {
    return;
  }
  const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&needs->sets, pat->needs[0]);
  const unsigned *ids = (const unsigned *)tg_vec_at(&needs->set_ids, ns->first);
  bool folds = false;
  for (unsigned k = 0; k < ns->n; ++k) {
    const TgNeedStr *str = (const TgNeedStr *)tg_vec_at(&needs->strs, ids[k]);
    if (!is_word_of(src, n, str->s, str->len)) {
      return;
    }
    folds = folds || str->folds;
  }
  pat->when_exact = true;
  pat->when_folds = folds;
}

/* Does s[0..n) hold "\\G" (anywhere: a class too, to be safe)? */
static bool holds_g(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; ++i) {
    if (s[i] == '\\' && s[i + 1] == 'G') {
      return true;
    }
  }
  return false;
}

/* The lead set of the pattern source s[0..n) (of its "(?:A|...)C" half
 * when it is split, TgPattern.other) into *lead, *found set if there is
 * one; *whole set if it is the whole pattern's (then also a need).  None
 * for a pattern that holds \\G otherwise. */
static TgStatus find_lead(TgNeeds *needs, const char *s, size_t n, unsigned *lead, bool *found,
                          bool *whole) {
  TgBuf other, at_start;
  tg_buf_init(&other);
  tg_buf_init(&at_start);
  const bool split = tg_split_sources(s, n, &other, &at_start);
  TgStatus st = TG_SUCCESS;
  *found = false;
  *whole = !split;
  if (split || !holds_g(s, n)) {
    st = tg_needs_add_lead(needs, split ? other.buf : s, split ? other.len : n, lead, found);
  }
  tg_buf_clear(&other);
  tg_buf_clear(&at_start);
  return st;
}

/* Add set `set` to pat's needs, once. */
static TgStatus add_need(TgPattern *pat, unsigned set) {
  for (unsigned k = 0; k < pat->n_needs; ++k) {
    if (pat->needs[k] == set) {
      return TG_SUCCESS;
    }
  }
  unsigned *more = (unsigned *)tg_realloc(pat->needs, (pat->n_needs + 1) * sizeof *more);
  if (!more) {
    return TG_BAD_ALLOC;
  }
  more[pat->n_needs++] = set;
  pat->needs = more;
  return TG_SUCCESS;
}

static TgStatus add_pattern(Parser *p, TgPatKind kind, unsigned line, unsigned col,
                            const char *value, size_t len) {
  TgRule *r = p->rule;
  if (r->cls == TG_CLASS_NONE) {
    return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                     "'class' must come before patterns");
  }
  TgBuf src;
  tg_buf_init(&src);
  TgStatus st = expand(p, line, col, value, len, &src);
  if (st) {
    tg_buf_clear(&src);
    return st;
  }
  uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES;
  const bool fact_rule = !(tg_class_is_entity(r->cls) || r->cls == TG_CLASS_DATE ||
                           r->cls == TG_CLASS_NUMBER);
  if (fact_rule || kind == TG_PAT_REJECT || kind == TG_PAT_WHEN) {
    opts |= PCRE2_CASELESS;
  }
  /* JIT is an accelerator: if it is unavailable the interpreter still runs.
   * TELEGRAPH_NO_JIT=1 turns it off, for memory checkers that cannot follow
   * JIT code.  The JIT code is made on first use (tg_pattern_prepare). */
  const char *no_jit = getenv("TELEGRAPH_NO_JIT");
  const bool jit = !no_jit || !*no_jit || strcmp(no_jit, "0") == 0;
  bool has_lead = false;
  bool lead_whole = false;
  unsigned lead = 0;
  /* Lead strings for the recognizer's patterns only: over abstracted
   * sentences the relation patterns' leads (trigger verbs, placeholder
   * codes) stand in so many places that finding them and trying each cost
   * more than PCRE2's own search (measured: 3 M more on the bench slice). */
  if (jit && !fact_rule && (kind == TG_PAT_MAIN || kind == TG_PAT_ALSO) &&
      (st = find_lead(&p->rs->needs, src.buf, src.len, &lead, &has_lead, &lead_whole))) {
    tg_buf_clear(&src);
    return st;
  }
  if (has_lead) {
    opts |= PCRE2_USE_OFFSET_LIMIT; /* the tries at lead places (TgPattern.lead) */
  }
  int errcode = 0;
  PCRE2_SIZE erroff = 0;
  pcre2_code *code =
      pcre2_compile((PCRE2_SPTR)src.buf, src.len, opts, &errcode, &erroff, NULL);
  if (!code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(errcode, msg, sizeof msg);
    const bool expanded = src.len != len || memcmp(src.buf, value, len) != 0;
    tg_buf_clear(&src);
    return tg_report(p->err, p->err_data, TG_BAD_PATTERN, p->file, line,
                     expanded ? col : col + (unsigned)erroff, "%s%s (at offset %zu%s)",
                     "bad pattern: ", (const char *)msg, (size_t)erroff,
                     expanded ? " of the expanded pattern" : "");
  }
  /* A start hint in front, when the pattern starts where a class of
   * properties holds: the same matches, found from fewer positions. */
  TgBuf hinted;
  tg_buf_init(&hinted);
  if (tg_start_hint(src.buf, src.len, &hinted) && !tg_buf_append(&hinted, src.buf, src.len)) {
    pcre2_code *h =
        pcre2_compile((PCRE2_SPTR)hinted.buf, hinted.len, opts, &errcode, &erroff, NULL);
    if (h) {
      pcre2_code_free(code);
      code = h;
    }
  }
  tg_buf_clear(&hinted);
  /* Check the named groups. */
  uint32_t count = 0;
  uint32_t entry_size = 0;
  PCRE2_SPTR table = NULL;
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  for (uint32_t i = 0; i < count; ++i) {
    const char *name = (const char *)table + i * entry_size + 2;
    if (!group_allowed(r->cls, name)) {
      /* `name` points into the code: report before freeing it. */
      TgStatus bad = tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                              "group name '%s' is not a property of class %s", name,
                              tg_class_name(r->cls));
      pcre2_code_free(code);
      tg_buf_clear(&src);
      return bad;
    }
  }
  TgPattern pat = {code, (char *)p->file, line, 0.0, 0, NULL, 0, false, NULL, src.len, opts,
                   jit, kind == TG_PAT_MAIN || kind == TG_PAT_ALSO, false, NULL, false, NULL, NULL,
                   false, false, has_lead, lead, false};
  pat.src = (char *)tg_malloc(src.len + 1);
  if (!pat.src) {
    pcre2_code_free(code);
    tg_buf_clear(&src);
    return TG_BAD_ALLOC;
  }
  memcpy(pat.src, src.buf, src.len);
  pat.src[src.len] = '\0';
  st = tg_needs_add(&p->rs->needs, src.buf, src.len, &pat.needs, &pat.n_needs);
  if (!st && kind == TG_PAT_WHEN) {
    when_shape(&p->rs->needs, src.buf, src.len, &pat);
  }
  if (!st && has_lead && lead_whole) {
    st = add_need(&pat, lead); /* every match holds a lead string */
  }
  tg_buf_clear(&src);
  if (st || tg_vec_push(&r->patterns[kind], &pat)) {
    pcre2_code_free(code);
    pcre2_code_free(pat.tail);
    pcre2_code_free(pat.other);
    pcre2_code_free(pat.at_start);
    tg_free(pat.src);
    tg_free(pat.needs);
    return st ? st : TG_BAD_ALLOC;
  }
  return TG_SUCCESS;
}

static TgStatus parse_props(Parser *p, unsigned line, unsigned col, const char *value,
                            size_t len, unsigned *bits, TgProperty *single) {
  *bits = 0;
  size_t i = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && value[j] != '|') {
      ++j;
    }
    TgProperty prop = tg_property_from_name(value + i, j - i);
    if (prop == TG_PROP_NONE) {
      return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col + (unsigned)i,
                       "unknown property '%.*s'", (int)(j - i), value + i);
    }
    *bits |= 1u << prop;
    if (single) {
      *single = prop;
      if (j < len) {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line,
                         col + (unsigned)j, "expected one property");
      }
    }
    i = j + 1;
  }
  return TG_SUCCESS;
}

static TgStatus finish_rule(Parser *p) {
  TgRule *r = p->rule;
  if (!r) {
    return TG_SUCCESS;
  }
  p->rule = NULL;
  if (r->cls == TG_CLASS_NONE || (r->patterns[TG_PAT_MAIN].len == 0 && r->n_tokens == 0)) {
    return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, r->line, 1,
                     "rule '%s' needs a class and at least one pattern", r->id);
  }
  return TG_SUCCESS;
}

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* "let NAME = TOKEN-PATTERN": a token macro, used as $NAME. */
static TgStatus parse_let(Parser *p, unsigned line, unsigned col, const char *value, size_t vlen) {
  size_t n = 0;
  while (n < vlen && (value[n] == '_' || (value[n] >= 'A' && value[n] <= 'Z') ||
                      (n > 0 && value[n] >= '0' && value[n] <= '9'))) {
    ++n;
  }
  size_t v = n;
  while (v < vlen && is_space(value[v])) {
    ++v;
  }
  if (n == 0 || v >= vlen || value[v] != '=') {
    return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col + (unsigned)v,
                     "expected 'let NAME = TOKEN-PATTERN' (NAME in capitals)");
  }
  ++v;
  while (v < vlen && is_space(value[v])) {
    ++v;
  }
  size_t at = 0;
  const char *msg = NULL;
  const TgStatus st =
      tg_tokprog_define(p->rs->tokens, value, n, value + v, vlen - v, &at, &msg);
  if (st == TG_BAD_SYNTAX) {
    return tg_report(p->err, p->err_data, st, p->file, line, col + (unsigned)(v + at), "%s", msg);
  }
  return st;
}

static TgStatus parse_line(Parser *p, unsigned line, const char *s, size_t len) {
  while (len && (is_space(s[len - 1]) || s[len - 1] == '\r')) {
    --len;
  }
  size_t i = 0;
  while (i < len && is_space(s[i])) {
    ++i;
  }
  if (i == len || s[i] == '#') {
    return TG_SUCCESS;
  }
  const bool indented = i > 0;
  size_t kw = i;
  while (i < len && !is_space(s[i])) {
    ++i;
  }
  const size_t kw_len = i - kw;
  while (i < len && is_space(s[i])) {
    ++i;
  }
  const char *value = s + i;
  const size_t vlen = len - i;
  const unsigned col = (unsigned)i + 1;
#define KW(word) (kw_len == sizeof(word) - 1 && memcmp(s + kw, word, kw_len) == 0)
  if (!indented) {
    TgStatus st = finish_rule(p);
    if (st) {
      return st;
    }
    if (KW("define")) {
      size_t n = 0;
      while (n < vlen && (value[n] == '_' || (value[n] >= 'A' && value[n] <= 'Z') ||
                          (n > 0 && value[n] >= '0' && value[n] <= '9'))) {
        ++n;
      }
      size_t eq = n;
      while (eq < vlen && is_space(value[eq])) {
        ++eq;
      }
      if (n == 0 || eq >= vlen || value[eq] != '=') {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col + (unsigned)eq,
                         "expected 'define NAME = PATTERN' (NAME in capitals)");
      }
      if (find_define(p->rs, value, n)) {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                         "'%.*s' is already defined", (int)n, value);
      }
      size_t v = eq + 1;
      while (v < vlen && is_space(value[v])) {
        ++v;
      }
      TgBuf body;
      tg_buf_init(&body);
      /* Wrap in a non-capturing group so a macro is one atom. */
      if (tg_buf_puts(&body, "(?:")) {
        return TG_BAD_ALLOC;
      }
      if ((st = expand(p, line, col + (unsigned)v, value + v, vlen - v, &body)) ||
          (st = tg_buf_putc(&body, ')'))) {
        tg_buf_clear(&body);
        return st;
      }
      TgDefine d = {tg_strndup(value, n), body.buf};
      if (!d.name || tg_vec_push(&p->rs->defines, &d)) {
        tg_free(d.name);
        tg_buf_clear(&body);
        return TG_BAD_ALLOC;
      }
      return TG_SUCCESS;
    }
    if (KW("let")) {
      return parse_let(p, line, col, value, vlen);
    }
    if (KW("rule")) {
      if (vlen == 0) {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                         "expected a rule id");
      }
      for (size_t k = 0; k < vlen; ++k) {
        const char c = value[k];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_')) {
          return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col + (unsigned)k,
                           "rule ids use a-z, 0-9, '.', '-' and '_'");
        }
      }
      TgRule r;
      memset(&r, 0, sizeof r);
      r.confidence = 0.8;
      r.file = p->file;
      r.line = line;
      for (int k = 0; k < TG_PAT_KINDS; ++k) {
        tg_vec_init(&r.patterns[k], sizeof(TgPattern));
      }
      tg_vec_init(&r.require, sizeof(unsigned));
      tg_vec_init(&r.fill, sizeof(TgProperty));
      if (!(r.id = tg_strndup(value, vlen)) || tg_vec_push(&p->rs->rules, &r)) {
        tg_free(r.id);
        return TG_BAD_ALLOC;
      }
      p->rule = (TgRule *)tg_vec_at(&p->rs->rules, p->rs->rules.len - 1);
      return TG_SUCCESS;
    }
    return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, (unsigned)kw + 1,
                     "expected 'define' or 'rule' (or 'let'; rule attributes are indented)");
  }
  TgRule *r = p->rule;
  if (!r) {
    return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, (unsigned)kw + 1,
                     "indented line outside a rule");
  }
  if (vlen == 0) {
    return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                     "'%.*s' needs a value", (int)kw_len, s + kw);
  }
  if (KW("class") || KW("attach")) {
    TgClass cls = tg_class_from_name(value, vlen);
    if (vlen == 8 && memcmp(value, "Quantity", 8) == 0) {
      cls = TG_CLASS_NUMBER;
    }
    if (cls == TG_CLASS_NONE || cls == TG_CLASS_MONEY || cls == TG_CLASS_PERCENT) {
      return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                       "unknown class '%.*s'", (int)vlen, value);
    }
    if (KW("class")) {
      if (r->cls != TG_CLASS_NONE) {
        return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                         "class given twice");
      }
      r->cls = cls;
    } else {
      r->attach = cls;
    }
    return TG_SUCCESS;
  }
  if (KW("confidence")) {
    char buf[32];
    char *end = NULL;
    if (vlen >= sizeof buf) {
      return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                       "confidence must be a number in [0, 1]");
    }
    memcpy(buf, value, vlen);
    buf[vlen] = '\0';
    double c = strtod(buf, &end);
    if (end == buf || *end || !(c >= 0.0 && c <= 1.0)) {
      return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                       "confidence must be a number in [0, 1]");
    }
    r->confidence = c;
    return TG_SUCCESS;
  }
  if (KW("pattern")) {
    return add_pattern(p, TG_PAT_MAIN, line, col, value, vlen);
  }
  if (KW("also")) {
    return add_pattern(p, TG_PAT_ALSO, line, col, value, vlen);
  }
  if (KW("tokens") || KW("when-tokens")) {
    if (!tg_class_is_entity(r->cls) && r->cls != TG_CLASS_DATE && r->cls != TG_CLASS_NUMBER) {
      return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, col,
                       "token patterns are for entity and value rules (give the class first)");
    }
    const bool filter = KW("when-tokens");
    size_t at = 0;
    const char *msg = NULL;
    const unsigned id = (unsigned)(p->rs->rules.len - 1) | (filter ? TG_TOKEN_FILTER : 0);
    const TgStatus st = tg_tokprog_add(p->rs->tokens, id, value, vlen, &at, &msg);
    if (st == TG_BAD_SYNTAX) {
      return tg_report(p->err, p->err_data, st, p->file, line, col + (unsigned)at, "%s", msg);
    }
    if (filter) {
      r->n_when_tokens += !st;
    } else {
      r->n_tokens += !st;
    }
    return st;
  }
  if (KW("when")) {
    return add_pattern(p, TG_PAT_WHEN, line, col, value, vlen);
  }
  if (KW("reject")) {
    return add_pattern(p, TG_PAT_REJECT, line, col, value, vlen);
  }
  if (KW("require") || KW("fill")) {
    unsigned bits = 0;
    TgProperty single = TG_PROP_NONE;
    const bool fill = KW("fill");
    TgStatus st = parse_props(p, line, col, value, vlen, &bits, fill ? &single : NULL);
    if (st) {
      return st;
    }
    return fill ? tg_vec_push(&r->fill, &single) : tg_vec_push(&r->require, &bits);
  }
  return tg_report(p->err, p->err_data, TG_BAD_SYNTAX, p->file, line, (unsigned)kw + 1,
                   "unknown rule attribute '%.*s'", (int)kw_len, s + kw);
#undef KW
}

/* Which stage runs a rule of class `cls`: 0 the recognizer, 1 relations. */
static int stage_of(TgClass cls) {
  return tg_class_is_entity(cls) || cls == TG_CLASS_DATE || cls == TG_CLASS_NUMBER ? 0 : 1;
}

/* The stage lists (TgRuleSetImpl.stage) of every rule so far. */
static TgStatus make_stages(TgRuleSet *rs) {
  rs->stage[0].len = rs->stage[1].len = 0;
  for (unsigned k = 0; k < rs->rules.len; ++k) {
    const TgRule *r = (const TgRule *)tg_vec_at(&rs->rules, k);
    if (tg_vec_push(&rs->stage[stage_of(r->cls)], &k)) {
      return TG_BAD_ALLOC;
    }
  }
  return TG_SUCCESS;
}

/* Index the needed strings for screens: all, and each stage's (the
 * strings of the sets its patterns need). */
static TgStatus index_needs(TgRuleSet *rs) {
  TgNeeds *t = &rs->needs;
  unsigned char *uses = (unsigned char *)tg_calloc(t->strs.len + 1, 1);
  if (!uses) {
    return TG_BAD_ALLOC;
  }
  for (size_t i = 0; i < rs->rules.len; ++i) {
    const TgRule *r = (const TgRule *)tg_vec_at(&rs->rules, i);
    const unsigned char bit = (unsigned char)(1u << stage_of(r->cls));
    for (int k = 0; k < TG_PAT_KINDS; ++k) {
      for (size_t j = 0; j < r->patterns[k].len; ++j) {
        const TgPattern *pat = (const TgPattern *)tg_vec_at(&r->patterns[k], j);
        for (unsigned q = 0; q <= pat->n_needs; ++q) {
          if (q == pat->n_needs && !pat->has_lead) {
            break; /* the lead set last: a split pattern's is not a need */
          }
          const unsigned set = q < pat->n_needs ? pat->needs[q] : pat->lead;
          const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&t->sets, set);
          const unsigned *ids = (const unsigned *)tg_vec_at(&t->set_ids, ns->first);
          for (unsigned m = 0; m < ns->n; ++m) {
            uses[ids[m]] |= bit;
          }
        }
      }
    }
  }
  const TgStatus st = tg_needs_index(t, uses);
  tg_free(uses);
  return st;
}

const unsigned *tg_ruleset_stage(const TgRuleSet *rs, bool facts, size_t *n) {
  *n = rs->stage[facts].len;
  return (const unsigned *)rs->stage[facts].data;
}

static TgStatus parse_text(TgRuleSet *rs, const char *name, const char *text, size_t len,
                           TgErrorFn err, void *err_data);

/* Parse, then list the stages and, with `index`, index the needed
 * strings (a directory is indexed once, after its last file). */
static TgStatus parse_and_list(TgRuleSet *rs, const char *name, const char *text, size_t len,
                               TgErrorFn err, void *err_data, bool index) {
  const TgStatus st = parse_text(rs, name, text, len, err, err_data);
  TgStatus made = make_stages(rs);
  if (!made && index) {
    made = index_needs(rs);
  }
  return st ? st : made;
}

TgStatus tg_ruleset_parse(TgRuleSet *rs, const char *name, const char *text, size_t len,
                          TgErrorFn err, void *err_data) {
  return parse_and_list(rs, name, text, len, err, err_data, true);
}

static TgStatus parse_text(TgRuleSet *rs, const char *name, const char *text, size_t len,
                           TgErrorFn err, void *err_data) {
  char *file = tg_strdup(name);
  if (!file || tg_vec_push(&rs->files, &file)) {
    tg_free(file);
    return TG_BAD_ALLOC;
  }
  TgStatus bad = tg_check_text(text, len, file, err, err_data);
  if (bad) {
    return bad;
  }
  Parser p = {rs, file, err, err_data, NULL};
  unsigned line = 1;
  size_t start = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i == len || text[i] == '\n') {
      if (i == len && i == start) {
        break;
      }
      TgStatus st = parse_line(&p, line, text + start, i - start);
      if (st) {
        return st;
      }
      ++line;
      start = i + 1;
    }
  }
  return finish_rule(&p);
}

static TgStatus load_file(TgRuleSet *rs, const char *path, TgErrorFn err, void *err_data,
                          bool index) {
  FILE *in = fopen(path, "rb");
  if (!in) {
    return tg_report(err, err_data, TG_BAD_READ, path, 0, 0, "%s", strerror(errno));
  }
  TgBuf buf;
  tg_buf_init(&buf);
  char chunk[16384];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    if (tg_buf_append(&buf, chunk, n)) {
      fclose(in);
      tg_buf_clear(&buf);
      return TG_BAD_ALLOC;
    }
  }
  const bool bad = ferror(in);
  fclose(in);
  TgStatus st = bad ? tg_report(err, err_data, TG_BAD_READ, path, 0, 0, "read error")
                    : parse_and_list(rs, path, buf.buf ? buf.buf : "", buf.len, err, err_data,
                                     index);
  tg_buf_clear(&buf);
  return st;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Call `fn` on every regular file in `dir` whose name ends in `ext`, in
 * name order. */
TgStatus tg_for_each_file(const char *dir, const char *ext,
                          TgStatus (*fn)(void *ctx, const char *path), void *ctx,
                          TgErrorFn err, void *err_data);

TgStatus tg_for_each_file(const char *dir, const char *ext,
                          TgStatus (*fn)(void *ctx, const char *path), void *ctx,
                          TgErrorFn err, void *err_data) {
  DIR *d = opendir(dir);
  if (!d) {
    return tg_report(err, err_data, TG_BAD_READ, dir, 0, 0, "%s", strerror(errno));
  }
  TgVec names;
  tg_vec_init(&names, sizeof(char *));
  TgStatus st = TG_SUCCESS;
  const size_t ext_len = strlen(ext);
  struct dirent *e;
  while (!st && (e = readdir(d)) != NULL) {
    const size_t n = strlen(e->d_name);
    if (e->d_name[0] == '.' || n <= ext_len || strcmp(e->d_name + n - ext_len, ext) != 0) {
      continue;
    }
    char *path = (char *)tg_malloc(strlen(dir) + n + 2);
    if (!path) {
      st = TG_BAD_ALLOC;
      break;
    }
    sprintf(path, "%s/%s", dir, e->d_name);
    if (tg_vec_push(&names, &path)) {
      tg_free(path);
      st = TG_BAD_ALLOC;
    }
  }
  closedir(d);
  if (names.len) {
    qsort(names.data, names.len, sizeof(char *), cmp_names);
  }
  for (size_t i = 0; i < names.len; ++i) {
    char *path = *(char **)tg_vec_at(&names, i);
    if (!st) {
      st = fn(ctx, path);
    }
    tg_free(path);
  }
  tg_vec_clear(&names);
  return st;
}

typedef struct {
  TgRuleSet *rs;
  TgErrorFn err;
  void *err_data;
} LoadCtx;

static TgStatus load_one(void *ctx, const char *path) {
  LoadCtx *c = (LoadCtx *)ctx;
  return load_file(c->rs, path, c->err, c->err_data, false);
}

TgStatus tg_ruleset_load(TgRuleSet *rs, const char *path, TgErrorFn err, void *err_data) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    return tg_report(err, err_data, TG_BAD_READ, path, 0, 0, "%s", strerror(errno));
  }
  if (S_ISDIR(sb.st_mode)) {
    LoadCtx ctx = {rs, err, err_data};
    const TgStatus st = tg_for_each_file(path, ".rules", load_one, &ctx, err, err_data);
    return st ? st : index_needs(rs);
  }
  return load_file(rs, path, err, err_data, true);
}

TgStatus tg_screen_init(TgScreen *sc, const TgRuleSet *rs) {
  return tg_screen_init_needs(sc, &rs->needs, TG_NEEDS_ALL);
}

TgStatus tg_screen_init_stage(TgScreen *sc, const TgRuleSet *rs, bool facts) {
  return tg_screen_init_needs(sc, &rs->needs, facts ? TG_NEEDS_RELATIONS : TG_NEEDS_RECOGNIZER);
}
