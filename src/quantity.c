/* telegraph: normalisation of quantity expressions.
 *
 * The span is cut into tokens: blanks separate tokens; inside a token a
 * run of digits (with its sign, separators and decimal point) is split
 * from letters and symbols around it ("US$1.2bn" -> "US$" "1.2" "bn"), and
 * words are split at hyphens ("twenty-five" -> "twenty" "-five").
 *
 * Values are held as little-endian decimal digit arrays with a count of
 * fractional digits, so "1.2 billion" is exactly 1200000000.  Scales are
 * powers of ten (the lexicon enforces it), so multiplying is shifting.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "quantity.h"

#include <stdbool.h>
#include <string.h>

#define TG_QTY_MAX_TOKENS 32

/* Working capacity of a decimal; anything that needs more is far beyond
 * TG_QUANTITY_DIGITS_MAX anyway and yields TG_BAD_LIMIT. */
#define TG_DEC_CAP 160

/* Scale values below this multiply the preceding number word only
 * ("two hundred"); larger ones close a group ("two thousand"). */
#define TG_SMALL_SCALE_LIMIT 1000

/* ---- exact decimals ---- */

typedef struct {
  unsigned char d[TG_DEC_CAP]; /* d[0] is the least significant digit */
  int n;                       /* digits in use */
  int frac;                    /* how many of them are after the point */
} TgDec;

static void
tg_dec_zero(TgDec *a)
{
  a->n = 0;
  a->frac = 0;
}

static bool
tg_dec_is_zero(const TgDec *a)
{
  for (int i = 0; i < a->n; ++i) {
    if (a->d[i]) {
      return false;
    }
  }
  return true;
}

static void
tg_dec_trim(TgDec *a)
{
  int drop = 0;
  while (drop < a->frac && drop < a->n && a->d[drop] == 0) {
    ++drop;
  }
  if (drop) {
    memmove(a->d, a->d + drop, (size_t)(a->n - drop));
    a->n -= drop;
    a->frac -= drop;
  }
  while (a->n > a->frac && a->d[a->n - 1] == 0) {
    --a->n;
  }
}

static void
tg_dec_from_ll(TgDec *a, long long v)
{
  tg_dec_zero(a);
  unsigned long long u = v < 0 ? 0u : (unsigned long long)v;
  while (u) {
    a->d[a->n++] = (unsigned char)(u % 10);
    u /= 10;
  }
}

/* a *= 10^k */
static TgStatus
tg_dec_shift(TgDec *a, int k)
{
  if (a->frac >= k) {
    a->frac -= k;
    return TG_SUCCESS;
  }
  const int s = k - a->frac;
  if (a->n + s > TG_DEC_CAP) {
    return TG_BAD_LIMIT;
  }
  memmove(a->d + s, a->d, (size_t)a->n);
  memset(a->d, 0, (size_t)s);
  a->n += s;
  a->frac = 0;
  tg_dec_trim(a);
  return TG_SUCCESS;
}

/* Raise the number of fractional digits of `a` to `f` (f >= a->frac). */
static TgStatus
tg_dec_align(TgDec *a, int f)
{
  const int s = f - a->frac;
  if (s <= 0) {
    return TG_SUCCESS;
  }
  if (a->n + s > TG_DEC_CAP) {
    return TG_BAD_LIMIT;
  }
  memmove(a->d + s, a->d, (size_t)a->n);
  memset(a->d, 0, (size_t)s);
  a->n += s;
  a->frac = f;
  return TG_SUCCESS;
}

/* a += b (both non-negative) */
static TgStatus
tg_dec_add(TgDec *a, const TgDec *b)
{
  TgDec bb = *b;
  const int f = a->frac > bb.frac ? a->frac : bb.frac;
  TgStatus st = tg_dec_align(a, f);
  if (st == TG_SUCCESS) {
    st = tg_dec_align(&bb, f);
  }
  if (st != TG_SUCCESS) {
    return st;
  }
  const int n = a->n > bb.n ? a->n : bb.n;
  int carry = 0;
  for (int i = 0; i < n; ++i) {
    const int s = (i < a->n ? a->d[i] : 0) + (i < bb.n ? bb.d[i] : 0) + carry;
    a->d[i] = (unsigned char)(s % 10);
    carry = s / 10;
  }
  a->n = n;
  if (carry) {
    if (a->n >= TG_DEC_CAP) {
      return TG_BAD_LIMIT;
    }
    a->d[a->n++] = (unsigned char)carry;
  }
  tg_dec_trim(a);
  return TG_SUCCESS;
}

/* Canonical xsd:decimal text of (neg ? -a : a) into buf[size]. */
static TgStatus
tg_dec_format(TgDec *a, bool neg, char *buf, size_t size)
{
  tg_dec_trim(a);
  if (a->n > TG_QUANTITY_DIGITS_MAX) {
    return TG_BAD_LIMIT;
  }
  /* sign + "0" + "." + digits + NUL */
  if ((size_t)a->n + 4 > size) {
    return TG_BAD_LIMIT;
  }
  size_t o = 0;
  if (neg && !tg_dec_is_zero(a)) {
    buf[o++] = '-';
  }
  if (a->n <= a->frac) {
    buf[o++] = '0';
  } else {
    for (int i = a->n - 1; i >= a->frac; --i) {
      buf[o++] = (char)('0' + a->d[i]);
    }
  }
  if (a->frac > 0) {
    buf[o++] = '.';
    for (int i = a->frac - 1; i >= 0; --i) {
      buf[o++] = (char)('0' + (i < a->n ? a->d[i] : 0));
    }
  }
  buf[o] = '\0';
  return TG_SUCCESS;
}

/* Number of zeros of a power of ten (the lexicon guarantees the form). */
static int
tg_log10(long long s)
{
  int k = 0;
  while (s >= 10) {
    s /= 10;
    ++k;
  }
  return k;
}

/* ---- tokens ---- */

typedef struct {
  const TgLexicon *lex;
  TgLexToken tok[TG_QTY_MAX_TOKENS];
  bool numeric[TG_QTY_MAX_TOKENS];
  bool hyphen[TG_QTY_MAX_TOKENS]; /* joined to the previous by '-' */
  size_t n;
  size_t i;
} TgQtyParser;

static bool
tg_q_digit(char c)
{
  return c >= '0' && c <= '9';
}

/* Length of a thin / no-break space at s[0..left), else 0. */
static size_t
tg_q_wide_space(const char *s, size_t left)
{
  const unsigned char *u = (const unsigned char *)s;
  if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
    return 2; /* U+00A0 */
  }
  if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
      (u[2] == 0x89 || u[2] == 0xAF)) {
    return 3; /* U+2009, U+202F */
  }
  return 0;
}

static bool
tg_q_ascii_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

static size_t
tg_q_blank(const char *s, size_t left)
{
  return tg_q_ascii_blank(s[0]) ? 1 : tg_q_wide_space(s, left);
}

/* Separator inside a number: ',' or a thin / no-break space, if a digit
 * follows.  Returns its length or 0. */
static size_t
tg_q_group_sep(const char *s, size_t left)
{
  size_t k = s[0] == ',' ? 1 : tg_q_wide_space(s, left);
  return (k && k < left && tg_q_digit(s[k])) ? k : 0;
}

static bool
tg_q_push(TgQtyParser *p, const char *s, size_t len, bool numeric,
          bool hyphen)
{
  if (len == 0) {
    return true;
  }
  if (p->n >= TG_QTY_MAX_TOKENS) {
    return false;
  }
  p->tok[p->n].text = s;
  p->tok[p->n].len = len;
  p->numeric[p->n] = numeric;
  p->hyphen[p->n] = hyphen;
  ++p->n;
  return true;
}

/* Push a word segment, split at hyphens between letters. */
static bool
tg_q_push_word(TgQtyParser *p, const char *s, size_t len)
{
  size_t a = 0;
  bool hyphen = false;
  for (size_t b = 0; b < len; ++b) {
    if (s[b] == '-' && b > a && b + 1 < len) {
      if (!tg_q_push(p, s + a, b - a, false, hyphen)) {
        return false;
      }
      a = b + 1;
      hyphen = true;
    }
  }
  return tg_q_push(p, s + a, len - a, false, hyphen);
}

static bool
tg_q_tokenise(TgQtyParser *p, const char *s, size_t len)
{
  while (len > 0 && (tg_q_ascii_blank(s[len - 1]) || s[len - 1] == ',' ||
                     s[len - 1] == ';' || s[len - 1] == ':')) {
    --len;
  }
  if (len > 0 && s[len - 1] == '.') {
    --len;
  }

  size_t i = 0;
  while (i < len) {
    const size_t blank = tg_q_blank(s + i, len - i);
    if (blank) {
      i += blank;
      continue;
    }
    /* One blank-delimited chunk, cut into numeric and word segments. */
    bool chunk_start = true;
    while (i < len && !tg_q_blank(s + i, len - i)) {
      const char c = s[i];
      const bool lead = chunk_start && (c == '-' || c == '+' || c == '.') &&
                        i + 1 < len && tg_q_digit(s[i + 1]);
      if (tg_q_digit(c) || lead) {
        const size_t start = i++;
        for (;;) {
          if (i >= len) {
            break;
          }
          if (tg_q_digit(s[i])) {
            ++i;
          } else if (s[i] == '.' && i + 1 < len && tg_q_digit(s[i + 1])) {
            ++i;
          } else {
            const size_t k = tg_q_group_sep(s + i, len - i);
            if (!k) {
              break;
            }
            i += k;
          }
        }
        if (!tg_q_push(p, s + start, i - start, true, false)) {
          return false;
        }
      } else {
        const size_t start = i;
        while (i < len && !tg_q_blank(s + i, len - i) && !tg_q_digit(s[i])) {
          ++i;
        }
        if (!tg_q_push_word(p, s + start, i - start)) {
          return false;
        }
      }
      chunk_start = false;
    }
  }
  return p->n > 0;
}

/* Read a numeric token into `a`; `*neg` receives the sign. */
static TgStatus
tg_q_number(const TgLexToken *t, TgDec *a, bool *neg)
{
  const char *s = t->text;
  const size_t len = t->len;
  size_t i = 0;
  unsigned char digits[TG_DEC_CAP];
  int nd = 0;
  int frac = 0;

  *neg = false;
  if (s[0] == '-' || s[0] == '+') {
    *neg = s[0] == '-';
    ++i;
  }
  /* Integer part: plain digits, groups of three after a separator
   * ("1,150,000"), or the Indian grouping: one or two digits, groups of
   * two, then three ("1,50,023", "72,45,310"). */
  size_t group = 0;
  size_t first = 0; /* digits before the first separator; 0 if none yet */
  bool pairs = false; /* a group of two after the first */
  bool triples = false; /* a group of three after the first */
  while (i < len) {
    if (tg_q_digit(s[i])) {
      if (nd >= TG_DEC_CAP) {
        return TG_BAD_LIMIT;
      }
      digits[nd++] = (unsigned char)(s[i] - '0');
      ++group;
      ++i;
      continue;
    }
    const size_t k = tg_q_group_sep(s + i, len - i);
    if (!k) {
      break;
    }
    if (!first) {
      if (group < 1 || group > 3) {
        return TG_FAILURE;
      }
      first = group;
    } else if (group == 2 && !triples) {
      pairs = true;
    } else if (group == 3 && !pairs) {
      triples = true;
    } else {
      return TG_FAILURE;
    }
    group = 0;
    i += k;
  }
  if (first && (group != 3 || (pairs && first > 2))) {
    return TG_FAILURE;
  }
  if (i < len && s[i] == '.') {
    ++i;
    if (i >= len) {
      return TG_FAILURE;
    }
    while (i < len && tg_q_digit(s[i])) {
      if (nd >= TG_DEC_CAP) {
        return TG_BAD_LIMIT;
      }
      digits[nd++] = (unsigned char)(s[i] - '0');
      ++frac;
      ++i;
    }
  }
  if (i != len || nd == 0) {
    return TG_FAILURE;
  }
  a->n = nd;
  a->frac = frac;
  for (int j = 0; j < nd; ++j) {
    a->d[j] = digits[nd - 1 - j];
  }
  tg_dec_trim(a);
  return TG_SUCCESS;
}

/* ---- the number grammar ---- */

typedef enum {
  TG_QS_START,
  TG_QS_INDEF,   /* "a" */
  TG_QS_UNIT,    /* a number word that cannot take a unit after it */
  TG_QS_TENS,    /* "twenty": may be followed by "-five" */
  TG_QS_NUMERIC, /* digits */
  TG_QS_SMALL,   /* after "hundred" */
  TG_QS_BIG,     /* after "thousand", "million", ... */
  TG_QS_CONJ     /* after "and" */
} TgQtyState;

typedef struct {
  TgDec total;
  TgDec current;
  long long last_big;
  TgQtyState state;
} TgQtyAcc;

static TgStatus
tg_q_scale(TgQtyAcc *acc, long long s)
{
  const int k = tg_log10(s);
  TgStatus st;

  if (s < TG_SMALL_SCALE_LIMIT) {
    if (acc->state != TG_QS_UNIT && acc->state != TG_QS_TENS &&
        acc->state != TG_QS_INDEF && acc->state != TG_QS_NUMERIC) {
      return TG_FAILURE;
    }
    st = tg_dec_shift(&acc->current, k);
    acc->state = TG_QS_SMALL;
    return st;
  }
  if (acc->state == TG_QS_START || acc->state == TG_QS_CONJ) {
    return TG_FAILURE;
  }
  if (acc->state == TG_QS_BIG && (!tg_dec_is_zero(&acc->current) ||
                                  s <= acc->last_big)) {
    return TG_FAILURE;
  }
  if (s > acc->last_big) {
    /* "two thousand million", "3,000 crore": everything so far scales. */
    st = tg_dec_add(&acc->total, &acc->current);
    if (st == TG_SUCCESS) {
      st = tg_dec_shift(&acc->total, k);
    }
    acc->last_big = s;
  } else {
    st = tg_dec_shift(&acc->current, k);
    if (st == TG_SUCCESS) {
      st = tg_dec_add(&acc->total, &acc->current);
    }
  }
  tg_dec_zero(&acc->current);
  acc->state = TG_QS_BIG;
  return st;
}

/* The lexicon kinds this file asks by name, each index looked up once a
 * process (tg_lexicon_kind_cached). */
static const char *const KIND_NAMES[] = {"number", "scale",    "indefinite", "conjunction",
                                         "approx", "currency", "percent"};
static atomic_int kind_cache[sizeof KIND_NAMES / sizeof KIND_NAMES[0]];

static int
kind_of(const char *name)
{
  return tg_lexicon_kind_cached(KIND_NAMES, kind_cache, sizeof KIND_NAMES / sizeof KIND_NAMES[0],
                                name);
}

/* Read the number (digits or words) and its scale words. */
static TgStatus
tg_q_parse_number(TgQtyParser *p, TgDec *out, bool *neg)
{
  TgQtyAcc acc;
  tg_dec_zero(&acc.total);
  tg_dec_zero(&acc.current);
  acc.last_big = 0;
  acc.state = TG_QS_START;
  *neg = false;

  if (p->i < p->n && p->numeric[p->i]) {
    const TgStatus st = tg_q_number(&p->tok[p->i], &acc.current, neg);
    if (st != TG_SUCCESS) {
      return st;
    }
    ++p->i;
    acc.state = TG_QS_NUMERIC;
  }

  while (p->i < p->n && !p->numeric[p->i]) {
    const TgLexToken *t = &p->tok[p->i];
    const bool hyphen = p->hyphen[p->i];
    long long v = 0;

    if (hyphen) {
      /* Only "twenty-five": a unit glued to a tens word. */
      if (acc.state != TG_QS_TENS ||
          !tg_lexicon_find_kind(p->lex, kind_of("number"), t->text, t->len, &v) || v < 1 ||
          v > 9) {
        return TG_FAILURE;
      }
      TgDec d;
      tg_dec_from_ll(&d, v);
      const TgStatus st = tg_dec_add(&acc.current, &d);
      if (st != TG_SUCCESS) {
        return st;
      }
      acc.state = TG_QS_UNIT;
      ++p->i;
      continue;
    }
    if (tg_lexicon_find_kind(p->lex, kind_of("scale"), t->text, t->len, &v)) {
      const TgStatus st = tg_q_scale(&acc, v);
      if (st != TG_SUCCESS) {
        return st;
      }
      ++p->i;
      continue;
    }
    if (acc.state == TG_QS_NUMERIC) {
      break; /* digits take only scale words */
    }
    if (tg_lexicon_find_kind(p->lex, kind_of("number"), t->text, t->len, &v)) {
      const bool after_tens = acc.state == TG_QS_TENS && v >= 1 && v <= 9;
      if (!after_tens && acc.state != TG_QS_START &&
          acc.state != TG_QS_SMALL && acc.state != TG_QS_BIG &&
          acc.state != TG_QS_CONJ) {
        return TG_FAILURE; /* "five twenty" */
      }
      TgDec d;
      tg_dec_from_ll(&d, v);
      const TgStatus st = tg_dec_add(&acc.current, &d);
      if (st != TG_SUCCESS) {
        return st;
      }
      acc.state = (!after_tens && v >= 20 && v < 100 && v % 10 == 0)
                      ? TG_QS_TENS
                      : TG_QS_UNIT;
      ++p->i;
      continue;
    }
    if (acc.state == TG_QS_START &&
        tg_lexicon_find_kind(p->lex, kind_of("indefinite"), t->text, t->len, &v)) {
      tg_dec_from_ll(&acc.current, v);
      acc.state = TG_QS_INDEF;
      ++p->i;
      continue;
    }
    if ((acc.state == TG_QS_SMALL || acc.state == TG_QS_BIG) &&
        p->i + 1 < p->n &&
        tg_lexicon_find_kind(p->lex, kind_of("conjunction"), t->text, t->len, NULL)) {
      acc.state = TG_QS_CONJ;
      ++p->i;
      continue;
    }
    break;
  }

  if (acc.state == TG_QS_START || acc.state == TG_QS_INDEF ||
      acc.state == TG_QS_CONJ) {
    return TG_FAILURE;
  }
  const TgStatus st = tg_dec_add(&acc.total, &acc.current);
  if (st != TG_SUCCESS) {
    return st;
  }
  *out = acc.total;
  return TG_SUCCESS;
}

/* A whole number of at most six digits as a long long, or -1. */
static long long
tg_dec_small_int(const TgDec *a)
{
  if (a->frac != 0 || a->n > 6) {
    return -1;
  }
  long long v = 0;
  for (int j = a->n; j-- > 0;) {
    v = v * 10 + a->d[j];
  }
  return v;
}

/* A ratio "one in five" (after its first number, at "in"): the share in
 * percent, exact to two decimals ("one in eight" 12.5; "one in three"
 * fails, as no decimal states it). */
static TgStatus
tg_q_ratio(TgQtyParser *p, TgDec *value)
{
  const TgLexToken *t = &p->tok[p->i];
  if (t->len != 2 || (t->text[0] | 0x20) != 'i' || (t->text[1] | 0x20) != 'n' ||
      p->i + 1 >= p->n) {
    return TG_FAILURE;
  }
  const size_t at = p->i++;
  TgDec whole;
  bool neg = false;
  const long long a = tg_dec_small_int(value);
  if (tg_q_parse_number(p, &whole, &neg) != TG_SUCCESS || neg) {
    p->i = at;
    return TG_FAILURE;
  }
  const long long b = tg_dec_small_int(&whole);
  if (a < 1 || b < 2 || a >= b || (a * 10000) % b != 0) {
    p->i = at;
    return TG_FAILURE;
  }
  tg_dec_from_ll(value, a * 10000 / b);
  return tg_dec_shift(value, -2);
}

static bool
tg_q_match(TgQtyParser *p, const char *kind, long long *value,
           const char **str)
{
  const size_t k =
      tg_lexicon_match_kind(p->lex, kind_of(kind), p->tok + p->i, p->n - p->i, value, str);
  p->i += k;
  return k > 0;
}

TgStatus
tg_quantity_parse(const TgLexicon *lex, const char *expr, size_t len,
                  TgQuantity *out)
{
  if (!lex || !expr || !out) {
    return TG_BAD_ARG;
  }
  TgQtyParser p;
  memset(&p, 0, sizeof p);
  p.lex = lex;
  if (!tg_q_tokenise(&p, expr, len)) {
    return TG_FAILURE;
  }

  long long approx = 0;
  tg_q_match(&p, "approx", &approx, NULL);

  const char *code = NULL;
  tg_q_match(&p, "currency", NULL, &code);

  TgDec value;
  bool neg = false;
  TgStatus st = tg_q_parse_number(&p, &value, &neg);
  if (st != TG_SUCCESS) {
    return st;
  }

  /* "€310m", "$45M", "310m euros": "m" is million only with money (alone
   * it is as often metres or minutes). */
  if (p.i < p.n && !p.numeric[p.i] && p.tok[p.i].len == 1 &&
      (p.tok[p.i].text[0] == 'm' || p.tok[p.i].text[0] == 'M') && p.i > 0 &&
      p.numeric[p.i - 1] &&
      (code || (p.i + 1 < p.n && tg_lexicon_match_kind(lex, kind_of("currency"), p.tok + p.i + 1,
                                                  p.n - p.i - 1, NULL, NULL) > 0))) {
    ++p.i;
    st = tg_dec_shift(&value, 6);
    if (st != TG_SUCCESS) {
      return st;
    }
  }

  const char *unit = code ? code : "";
  const char *after = NULL;
  if (!code && p.i < p.n && !p.numeric[p.i] && tg_q_ratio(&p, &value) == TG_SUCCESS) {
    unit = TG_UNIT_PERCENT;
  } else if (tg_q_match(&p, "currency", NULL, &after)) {
    if (code && strcmp(code, after) != 0) {
      return TG_FAILURE; /* "$5 euros" */
    }
    unit = after;
  } else if (tg_q_match(&p, "percent", NULL, NULL)) {
    if (code) {
      return TG_FAILURE;
    }
    unit = TG_UNIT_PERCENT;
  }
  if (p.i != p.n) {
    return TG_FAILURE;
  }

  TgQuantity q;
  memset(&q, 0, sizeof q);
  st = tg_dec_format(&value, neg, q.value, sizeof q.value);
  if (st != TG_SUCCESS) {
    return st;
  }
  if (strlen(unit) >= sizeof q.unit) {
    return TG_FAILURE;
  }
  strcpy(q.unit, unit);
  q.approx = (int)approx;
  *out = q;
  return TG_SUCCESS;
}
