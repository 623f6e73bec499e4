/* telegraph internals: the literal text a pattern needs.
 *
 * A walk over a pattern's source (macros expanded) that finds a set of
 * strings of which every match contains at least one: a literal run of a
 * sequence that is not quantified away, or the union over the branches of a
 * mandatory group (a positive look-ahead's strings are in the subject after
 * the start offset rather than in the match).  The relation stage skips a pattern whose strings are all
 * absent from a sentence, which saves a PCRE2 call that could not match.
 *
 * Sound by construction: every doubt (negative and backward lookarounds,
 * conditionals, optional parts, escapes, character classes, non-ASCII
 * letters) makes a part need nothing, and "nothing" is always true.  Strings are compared in ASCII
 * lower case; 'k' and 's' fold to non-ASCII letters under Unicode caseless
 * matching (KELVIN SIGN, LONG S), so strings holding them are marked and
 * the caller treats them as present in any sentence with non-ASCII bytes.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "needs.h"

#include <ctype.h>
#include <string.h>

/* Strings of two bytes are kept ("vs", "to"): the screen finds them in its
 * one pass by an index of byte pairs. */
enum { NEED_MIN_LEN = 2, NEED_MAX_STRINGS = 200 };

typedef struct {
  const char *s;
  size_t n;
  size_t i;
  bool bad; /* out of memory or a construct the walk does not know */
} Src;

/* A set of strings, NUL-separated in `buf`, one of which the match holds;
 * `known` false means none. */
typedef struct {
  TgBuf buf;
  size_t count;
  size_t minlen;
  bool known;
} Need;

static void need_init(Need *n) {
  tg_buf_init(&n->buf);
  n->count = 0;
  n->minlen = 0;
  n->known = false;
}

static void need_forget(Need *n) {
  tg_buf_clear(&n->buf);
  need_init(n);
}

/* Keep the stronger of `best` and `cand` in `best` (longer shortest
 * string, then fewer strings); `cand` is consumed. */
static void need_keep_better(Need *best, Need *cand) {
  const bool better = cand->known && cand->minlen >= NEED_MIN_LEN &&
                      (!best->known || cand->minlen > best->minlen ||
                       (cand->minlen == best->minlen && cand->count < best->count));
  if (better) {
    tg_buf_clear(&best->buf);
    *best = *cand;
    need_init(cand);
  } else {
    need_forget(cand);
  }
}

static void need_of_run(Src *src, Need *out, const TgBuf *run) {
  need_init(out);
  if (run->len < NEED_MIN_LEN) {
    return;
  }
  if (tg_buf_append(&out->buf, run->buf, run->len) || tg_buf_putc(&out->buf, '\0')) {
    src->bad = true;
    need_forget(out);
    return;
  }
  out->count = 1;
  out->minlen = run->len;
  out->known = true;
}

static bool at(const Src *s, char c) { return s->i < s->n && s->s[s->i] == c; }

/* Skip to just past the next `close` (names, braces of escapes). */
static void skip_past(Src *s, char close) {
  while (s->i < s->n && s->s[s->i] != close) {
    ++s->i;
  }
  if (s->i < s->n) {
    ++s->i;
  } else {
    s->bad = true;
  }
}

/* After a backslash: step over the whole escape. */
static void skip_escape(Src *s) {
  if (s->i >= s->n) {
    s->bad = true;
    return;
  }
  const char c = s->s[s->i++];
  if (c == 'Q') {
    s->bad = true; /* quoted literal text: not followed here */
  } else if ((c == 'k' || c == 'g') && s->i < s->n) {
    const char o = s->s[s->i];
    if (o == '<' || o == '{' || o == '\'') {
      ++s->i;
      skip_past(s, o == '<' ? '>' : o == '{' ? '}' : '\'');
    } else {
      while (s->i < s->n && (isdigit((unsigned char)s->s[s->i]) || s->s[s->i] == '-' ||
                             s->s[s->i] == '+')) {
        ++s->i;
      }
    }
  } else if (at(s, '{')) {
    skip_past(s, '}'); /* \x{..} \p{..} \N{..} \o{..} */
  } else if (c == 'x') {
    for (int k = 0; k < 2 && s->i < s->n && isxdigit((unsigned char)s->s[s->i]); ++k) {
      ++s->i;
    }
  } else if (c == 'c' || c == 'p' || c == 'P') {
    ++s->i;
  } else if (isdigit((unsigned char)c)) {
    while (s->i < s->n && isdigit((unsigned char)s->s[s->i])) {
      ++s->i;
    }
  }
}

/* After '[': step over the class, POSIX names and escapes included. */
static void skip_class(Src *s) {
  if (at(s, '^')) {
    ++s->i;
  }
  if (at(s, ']')) {
    ++s->i;
  }
  while (s->i < s->n && s->s[s->i] != ']') {
    if (s->s[s->i] == '\\') {
      ++s->i;
      skip_escape(s);
    } else if (s->s[s->i] == '[' && s->i + 1 < s->n && s->s[s->i + 1] == ':') {
      s->i += 2;
      while (s->i + 1 < s->n && !(s->s[s->i] == ':' && s->s[s->i + 1] == ']')) {
        ++s->i;
      }
      s->i += 2;
    } else {
      ++s->i;
    }
  }
  if (s->i < s->n) {
    ++s->i;
  } else {
    s->bad = true;
  }
}

/* Is the brace at the cursor a quantifier {n}, {n,} or {n,m} with n at
 * least 1?  Any other brace form counts as allowing zero. */
static bool at_least_once(const Src *s) {
  size_t j = s->i + 1;
  unsigned long low = 0;
  size_t digits = 0;
  for (; j < s->n && isdigit((unsigned char)s->s[j]) && digits < 6; ++j, ++digits) {
    low = low * 10 + (unsigned long)(s->s[j] - '0');
  }
  if (digits == 0 || digits == 6 || low == 0 || j >= s->n) {
    return false;
  }
  if (s->s[j] == ',') {
    for (++j; j < s->n && isdigit((unsigned char)s->s[j]); ++j) {
    }
  }
  return j < s->n && s->s[j] == '}';
}

/* Step over a quantifier at the cursor, if any; true if it allows zero
 * repetitions (or might: a brace form other than {n}, {n,} and {n,m} with
 * n at least 1 counts as optional). */
static bool skip_quantifier(Src *s, bool *quantified) {
  *quantified = false;
  if (s->i >= s->n) {
    return false;
  }
  const char c = s->s[s->i];
  bool optional = false;
  if (c == '?' || c == '*') {
    optional = true;
    ++s->i;
  } else if (c == '+') {
    ++s->i;
  } else if (c == '{') {
    optional = !at_least_once(s);
    skip_past(s, '}');
  } else {
    return false;
  }
  *quantified = true;
  if (at(s, '?') || at(s, '+')) {
    ++s->i; /* lazy or possessive */
  }
  return optional;
}

/* A conjunction: every set of `sets` (Need each) holds a string of the match. */
typedef struct {
  TgVec sets;
} Conj;

static void conj_init(Conj *c) { tg_vec_init(&c->sets, sizeof(Need)); }

static void conj_clear(Conj *c) {
  for (size_t i = 0; i < c->sets.len; ++i) {
    need_forget((Need *)tg_vec_at(&c->sets, i));
  }
  tg_vec_clear(&c->sets);
}

/* Move `n` into `c` if it is a useful set; `n` is consumed either way. */
static void conj_add(Src *s, Conj *c, Need *n) {
  if (n->known && n->minlen >= NEED_MIN_LEN && n->count <= NEED_MAX_STRINGS) {
    if (tg_vec_push(&c->sets, n)) {
      s->bad = true;
      need_forget(n);
    }
    need_init(n);
  } else {
    need_forget(n);
  }
}

/* Move every set of `from` into `to`; `from` is emptied. */
static void conj_take(Src *s, Conj *to, Conj *from) {
  for (size_t i = 0; i < from->sets.len; ++i) {
    conj_add(s, to, (Need *)tg_vec_at(&from->sets, i));
  }
  tg_vec_clear(&from->sets);
}

/* The strongest set of `c`, moved into `out` (unknown if `c` is empty). */
static void conj_best(Conj *c, Need *out) {
  need_init(out);
  for (size_t i = 0; i < c->sets.len; ++i) {
    need_keep_better(out, (Need *)tg_vec_at(&c->sets, i));
  }
  tg_vec_clear(&c->sets);
}

static void flush_run_into(Src *s, TgBuf *run, Conj *out) {
  Need cand;
  need_of_run(s, &cand, run);
  conj_add(s, out, &cand);
  run->len = 0;
}

static void parse_alt(Src *s, Conj *out);

/* After '(': the group's needs in `out` (none for assertions, calls,
 * conditionals, comments and verbs); the cursor ends past ')'. */
static void parse_group(Src *s, Conj *out) {
  bool keep = true;
  conj_init(out);
  if (at(s, '*')) {
    keep = false; /* (*VERB) and (*alpha_assertion:...) */
  } else if (at(s, '?')) {
    ++s->i;
    const char c = s->i < s->n ? s->s[s->i] : '\0';
    if (c == '#') {
      skip_past(s, ')');
      return;
    }
    if (c == ':' || c == '|' || c == '>') {
      ++s->i;
    } else if (c == '=') {
      /* A positive look-ahead: what it needs is in the subject at or after
       * the start offset, which the screen has seen (a look-behind may look
       * before the screened text, so it is not kept). */
      ++s->i;
    } else if (c == '!' || c == '(' || c == 'C') {
      keep = false;
    } else if (c == '<' && s->i + 1 < s->n && (s->s[s->i + 1] == '=' || s->s[s->i + 1] == '!')) {
      keep = false;
    } else if (c == '<' || c == '\'') {
      ++s->i;
      skip_past(s, c == '<' ? '>' : '\'');
    } else if (c == 'P' && s->i + 1 < s->n && s->s[s->i + 1] == '<') {
      s->i += 2;
      skip_past(s, '>');
    } else {
      /* Option settings "(?i)", "(?-i:" or calls "(?R)", "(?&name)",
       * "(?P=name)", "(?+1)". */
      size_t j = s->i;
      while (j < s->n && (isalpha((unsigned char)s->s[j]) || s->s[j] == '-' || s->s[j] == '^')) {
        ++j;
      }
      if (j < s->n && s->s[j] == ':' && j > s->i) {
        s->i = j + 1;
      } else {
        skip_past(s, ')');
        return;
      }
    }
  }
  Conj inner;
  parse_alt(s, &inner);
  if (!at(s, ')')) {
    s->bad = true;
    conj_clear(&inner);
    return;
  }
  ++s->i;
  if (keep) {
    conj_take(s, out, &inner);
  }
  conj_clear(&inner);
}

/* One branch: items until '|', ')' or the end; its needs in `out`. */
static void parse_seq(Src *s, Conj *out) {
  TgBuf run;
  tg_buf_init(&run);
  conj_init(out);
  while (!s->bad && s->i < s->n && s->s[s->i] != '|' && s->s[s->i] != ')') {
    const unsigned char c = (unsigned char)s->s[s->i];
    bool quantified = false;
    if (c == '(') {
      flush_run_into(s, &run, out);
      ++s->i;
      Conj g;
      parse_group(s, &g);
      if (!skip_quantifier(s, &quantified)) {
        conj_take(s, out, &g);
      }
      conj_clear(&g);
    } else if (c == '?' || c == '*' || c == '+' || c == '{') {
      /* A quantifier after a literal takes its last character. */
      if (run.len > 0) {
        --run.len;
      }
      flush_run_into(s, &run, out);
      (void)skip_quantifier(s, &quantified);
    } else if (c == '\\' || c == '[' || c == '.' || c == '^' || c == '$' || c >= 0x80) {
      flush_run_into(s, &run, out);
      ++s->i;
      if (c == '\\') {
        skip_escape(s);
      } else if (c == '[') {
        skip_class(s);
      }
    } else {
      if (tg_buf_putc(&run, (char)tolower(c))) {
        s->bad = true;
      }
      ++s->i;
    }
  }
  flush_run_into(s, &run, out);
  tg_buf_clear(&run);
}

/* Branches: one branch passes its needs up; several need the union of
 * their strongest sets, and nothing if one branch needs nothing. */
static void parse_alt(Src *s, Conj *out) {
  parse_seq(s, out);
  if (!at(s, '|')) {
    return;
  }
  Need uni;
  conj_best(out, &uni);
  bool all_known = uni.known;
  while (at(s, '|')) {
    ++s->i;
    Conj b;
    parse_seq(s, &b);
    Need best;
    conj_best(&b, &best);
    conj_clear(&b);
    if (!best.known) {
      all_known = false;
    } else if (all_known) {
      if (tg_buf_append(&uni.buf, best.buf.buf, best.buf.len)) {
        s->bad = true;
      }
      uni.count += best.count;
      uni.minlen = best.minlen < uni.minlen ? best.minlen : uni.minlen;
    }
    need_forget(&best);
  }
  if (all_known && !s->bad) {
    conj_add(s, out, &uni);
  } else {
    need_forget(&uni);
  }
}

/* Extended mode gives spaces and '#' other meanings: not followed. */
static bool extended(const char *src, size_t n) {
  for (size_t i = 0; i + 1 < n; ++i) {
    if (src[i] == '(' && src[i + 1] == '?') {
      for (size_t j = i + 2; j < n && (isalpha((unsigned char)src[j]) || src[j] == '-'); ++j) {
        if (src[j] == 'x') {
          return true;
        }
      }
    }
  }
  return false;
}

TgStatus tg_needs_of(const char *src, size_t n, TgBuf *out, size_t *count) {
  *count = 0;
  if (extended(src, n)) {
    return TG_SUCCESS;
  }
  Src s = {src, n, 0, false};
  Conj conj;
  parse_alt(&s, &conj);
  TgStatus st = TG_SUCCESS;
  if (!s.bad && s.i == n) {
    for (size_t i = 0; !st && i < conj.sets.len; ++i) {
      const Need *set = (const Need *)tg_vec_at(&conj.sets, i);
      st = tg_buf_append(out, set->buf.buf, set->buf.len);
      st = st ? st : tg_buf_putc(out, '\0');
      *count += set->count + 1;
    }
  }
  conj_clear(&conj);
  return st;
}

bool tg_need_folds(const char *lit) {
  return strpbrk(lit, "ks") != NULL;
}

/* ---- Lead strings: what every match starts with ---- */

/* Lead strings are two bytes or more ("to" included: measured, trying the
 * places of "to|including|..." beats PCRE2's search), at most
 * LEAD_MAX_STRINGS of them. */
enum { LEAD_MAX_STRINGS = 64 };

/* Step over one item of the source at the cursor without reading it for
 * needs: an escape, a class, a group (to past its ')') or one byte. */
static void skip_item(Src *s) {
  const char c = s->s[s->i++];
  if (c == '\\') {
    skip_escape(s);
  } else if (c == '[') {
    skip_class(s);
  } else if (c == '(') {
    while (!s->bad && s->i < s->n && s->s[s->i] != ')') {
      skip_item(s);
    }
    if (s->i < s->n) {
      ++s->i;
    } else {
      s->bad = true;
    }
  }
}

/* Step to the '|' or ')' that ends the branch at the cursor (or the end). */
static void skip_branch(Src *s) {
  while (!s->bad && s->i < s->n && s->s[s->i] != '|' && s->s[s->i] != ')') {
    skip_item(s);
  }
}

/* Step over zero-width items at the cursor: \b, \B and look-arounds. */
static void skip_zero_width(Src *s) {
  for (;;) {
    if (s->i + 1 < s->n && s->s[s->i] == '\\' && (s->s[s->i + 1] == 'b' || s->s[s->i + 1] == 'B')) {
      s->i += 2;
    } else if (s->i + 2 < s->n && s->s[s->i] == '(' && s->s[s->i + 1] == '?' &&
               (s->s[s->i + 2] == '=' || s->s[s->i + 2] == '!' ||
                (s->s[s->i + 2] == '<' && s->i + 3 < s->n &&
                 (s->s[s->i + 3] == '=' || s->s[s->i + 3] == '!')))) {
      skip_item(s); /* a look-around consumes nothing, whatever it holds */
      if (s->i < s->n && strchr("?*+{", s->s[s->i])) {
        s->bad = true; /* a quantified assertion: not followed */
      }
    } else {
      return;
    }
  }
}

static bool lead_alt(Src *s, TgBuf *out, size_t *count);

/* The lead strings of the sequence at the cursor (its first consuming
 * item: a literal run of two bytes or more, or a group that is matched
 * once); false if not known.  The cursor is left anywhere in the branch. */
static bool lead_seq(Src *s, TgBuf *out, size_t *count) {
  skip_zero_width(s);
  if (s->bad || s->i >= s->n) {
    return false;
  }
  const unsigned char c = (unsigned char)s->s[s->i];
  if (c == '(') {
    size_t j = s->i + 1;
    if (j < s->n && s->s[j] == '?') {
      if (j + 1 < s->n && s->s[j + 1] == ':') {
        j += 2;
      } else if (j + 2 < s->n && s->s[j + 1] == '<' && isalpha((unsigned char)s->s[j + 2])) {
        const char *gt = (const char *)memchr(s->s + j, '>', s->n - j);
        if (!gt) {
          return false;
        }
        j = (size_t)(gt - s->s) + 1;
      } else {
        return false; /* atomic groups, options, calls, conditionals: not followed */
      }
    } else if (j < s->n && s->s[j] == '*') {
      return false;
    }
    /* The group must be matched exactly once: see what follows it. */
    Src probe = *s;
    skip_item(&probe);
    bool quantified = false;
    if (probe.bad || skip_quantifier(&probe, &quantified) || quantified) {
      return false;
    }
    s->i = j;
    return lead_alt(s, out, count);
  }
  size_t k = 0;
  char run[64];
  while (s->i + k < s->n && k < sizeof run) {
    const unsigned char d = (unsigned char)s->s[s->i + k];
    const bool plain = isalnum(d) || d == '<' || d == '>' || d == '_' || d == ' ' ||
                       d == ',' || d == '-' || d == '\'' || d == '"' || d == ':' || d == ';';
    if (!plain) {
      break;
    }
    run[k++] = (char)tolower(d);
  }
  if (s->i + k < s->n && strchr("?*{", s->s[s->i + k])) {
    k = k ? k - 1 : 0; /* the last byte may be left out */
  }
  if (k < NEED_MIN_LEN) {
    return false;
  }
  ++*count;
  return !tg_buf_append(out, run, k) && !tg_buf_putc(out, '\0');
}

/* The lead strings of the branches at the cursor, up to ')' or the end:
 * the union of each branch's; the cursor ends at that ')' or the end. */
static bool lead_alt(Src *s, TgBuf *out, size_t *count) {
  for (;;) {
    Src b = *s;
    if (!lead_seq(&b, out, count) || *count > LEAD_MAX_STRINGS) {
      return false;
    }
    skip_branch(s);
    if (s->bad) {
      return false;
    }
    if (!at(s, '|')) {
      if (at(s, ')')) {
        ++s->i;
      }
      return true;
    }
    ++s->i;
  }
}

TgStatus tg_needs_lead(const char *src, size_t n, TgBuf *out, size_t *count) {
  *count = 0;
  if (extended(src, n)) {
    return TG_SUCCESS;
  }
  const size_t mark = out->len;
  Src s = {src, n, 0, false};
  size_t k = 0;
  if (!lead_alt(&s, out, &k) || s.bad || s.i != n || tg_buf_putc(out, '\0')) {
    out->len = mark;
    return TG_SUCCESS;
  }
  *count = k + 1;
  return TG_SUCCESS;
}
