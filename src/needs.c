/* telegraph internals: the literal text a pattern needs.
 *
 * A walk over a pattern's source (macros expanded) that finds a set of
 * strings of which every match contains at least one: a literal run of a
 * sequence that is not quantified away, or the union over the branches of a
 * mandatory group.  The relation stage skips a pattern whose strings are all
 * absent from a sentence, which saves a PCRE2 call that could not match.
 *
 * Sound by construction: every doubt (lookarounds, conditionals, optional
 * parts, escapes, character classes, non-ASCII letters) makes a part need
 * nothing, and "nothing" is always true.  Strings are compared in ASCII
 * lower case; 'k' and 's' fold to non-ASCII letters under Unicode caseless
 * matching (KELVIN SIGN, LONG S), so strings holding them are marked and
 * the caller treats them as present in any sentence with non-ASCII bytes.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "needs.h"

#include <ctype.h>
#include <string.h>

enum { NEED_MIN_LEN = 3, NEED_MAX_STRINGS = 48 };

typedef struct {
  const char *s;
  size_t n;
  size_t i;
  bool bad; /* out of memory or a construct the walk does not know */
} Src;

/* A set of strings, NUL-separated in `buf`; `known` false means none. */
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

static void flush_run(Src *src, TgBuf *run, Need *best) {
  Need cand;
  need_of_run(src, &cand, run);
  need_keep_better(best, &cand);
  run->len = 0;
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

/* Step over a quantifier at the cursor, if any; true if it allows zero
 * repetitions (or might: any brace form counts as optional). */
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
    optional = true;
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

static void parse_alt(Src *s, Need *out);

/* After '(': the group's need in `out` (unknown for assertions, calls,
 * conditionals, comments and verbs); the cursor ends past ')'. */
static void parse_group(Src *s, Need *out) {
  bool keep = true;
  need_init(out);
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
    } else if (c == '=' || c == '!' || c == '(' || c == 'C') {
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
  Need inner;
  parse_alt(s, &inner);
  if (!at(s, ')')) {
    s->bad = true;
    need_forget(&inner);
    return;
  }
  ++s->i;
  if (keep) {
    *out = inner;
  } else {
    need_forget(&inner);
  }
}

/* One branch: items until '|', ')' or the end; the best need in `best`. */
static void parse_seq(Src *s, Need *best) {
  TgBuf run;
  tg_buf_init(&run);
  need_init(best);
  while (!s->bad && s->i < s->n && s->s[s->i] != '|' && s->s[s->i] != ')') {
    const unsigned char c = (unsigned char)s->s[s->i];
    bool quantified = false;
    if (c == '(') {
      flush_run(s, &run, best);
      ++s->i;
      Need g;
      parse_group(s, &g);
      if (skip_quantifier(s, &quantified)) {
        need_forget(&g);
      }
      need_keep_better(best, &g);
    } else if (c == '?' || c == '*' || c == '+' || c == '{') {
      /* A quantifier after a literal takes its last character. */
      if (run.len > 0) {
        --run.len;
      }
      flush_run(s, &run, best);
      (void)skip_quantifier(s, &quantified);
    } else if (c == '\\' || c == '[' || c == '.' || c == '^' || c == '$' || c >= 0x80) {
      flush_run(s, &run, best);
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
  flush_run(s, &run, best);
  tg_buf_clear(&run);
}

static void parse_alt(Src *s, Need *out) {
  need_init(out);
  bool first = true;
  bool all_known = true;
  for (;;) {
    Need b;
    parse_seq(s, &b);
    if (!b.known || s->bad) {
      all_known = false;
    }
    if (all_known) {
      if (first) {
        *out = b;
        need_init(&b);
      } else if (tg_buf_append(&out->buf, b.buf.buf, b.buf.len)) {
        s->bad = true;
      } else {
        out->count += b.count;
        out->minlen = b.minlen < out->minlen ? b.minlen : out->minlen;
      }
    }
    need_forget(&b);
    first = false;
    if (!at(s, '|')) {
      break;
    }
    ++s->i;
  }
  if (!all_known || s->bad || out->count > NEED_MAX_STRINGS) {
    need_forget(out);
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
  Need need;
  parse_alt(&s, &need);
  if (!s.bad && s.i == n && need.known) {
    if (tg_buf_append(out, need.buf.buf, need.buf.len)) {
      need_forget(&need);
      return TG_BAD_ALLOC;
    }
    *count = need.count;
  }
  need_forget(&need);
  return TG_SUCCESS;
}

bool tg_need_folds(const char *lit) {
  return strpbrk(lit, "ks") != NULL;
}
