/* telegraph: normalisation of date expressions.
 *
 * A span is split into tokens (on blanks and commas; a non-numeric token is
 * further split on hyphens, so "end-2024" and "mid-February" become two
 * tokens) and read by a small recursive-descent parser:
 *
 *   date     := [preposition] [[article] anchor [genitive]] core
 *   core     := relative-day
 *             | [article] relative (period | month | weekday)
 *             | iso
 *             | weekday [explicit]
 *             | explicit
 *   explicit := month [day] [year] | month year
 *             | [article] day [genitive] month [year] | year
 *
 * Every word class comes from the lexicon.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "temporal.h"

#include <stdbool.h>
#include <string.h>

/* Maximum number of tokens in one expression; longer spans fail. */
#define TG_DATE_MAX_TOKENS 32

/* Period values in the lexicon (see ontology/lexicon.tsv). */
#define TG_PERIOD_YEAR 1
#define TG_PERIOD_MONTH 2

/* How far to search for a year in which a day like "February 29" exists. */
#define TG_DATE_YEAR_SEARCH 8

#define TG_YEAR_MIN 1
#define TG_YEAR_MAX 9999

/* ---- calendar arithmetic ---- */

static bool
tg_is_leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
tg_days_in_month(int y, int m)
{
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) {
    return 0;
  }
  return (m == 2 && tg_is_leap(y)) ? 29 : dim[m - 1];
}

/* The most days month `m` has in any year. */
static int
tg_max_days_in_month(int m)
{
  return m == 2 ? 29 : tg_days_in_month(2001, m);
}

static bool
tg_date_valid(const TgDate *d)
{
  if (d->year < TG_YEAR_MIN || d->year > TG_YEAR_MAX) {
    return false;
  }
  switch (d->precision) {
  case TG_PREC_YEAR:
    return true;
  case TG_PREC_MONTH:
    return d->month >= 1 && d->month <= 12;
  case TG_PREC_DAY:
    return d->month >= 1 && d->month <= 12 && d->day >= 1 &&
           d->day <= tg_days_in_month(d->year, d->month);
  case TG_PREC_NONE:
  default:
    return false;
  }
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
tg_days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
tg_civil_from_days(long z, TgDate *out)
{
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  out->year = (int)(yoe + era * 400 + (m <= 2));
  out->month = (int)m;
  out->day = (int)d;
  out->precision = TG_PREC_DAY;
}

static int
tg_weekday_of_days(long days)
{
  /* 1970-01-01 was a Thursday (4). */
  const long r = ((days % 7) + 7) % 7;
  return (int)((r + 3) % 7) + 1;
}

int
tg_date_weekday(const TgDate *d)
{
  if (!d || d->precision != TG_PREC_DAY || !tg_date_valid(d)) {
    return 0;
  }
  return tg_weekday_of_days(tg_days_from_civil(d->year, d->month, d->day));
}

/* `ref` + `delta` days; TG_FAILURE if out of range. */
static TgStatus
tg_date_add_days(const TgDate *ref, long delta, TgDate *out)
{
  TgDate d;
  tg_civil_from_days(tg_days_from_civil(ref->year, ref->month, ref->day) + delta,
                     &d);
  if (!tg_date_valid(&d)) {
    return TG_FAILURE;
  }
  *out = d;
  return TG_SUCCESS;
}

static TgStatus
tg_date_make(int y, int m, int d, TgPrecision prec, TgDate *out)
{
  TgDate r = {y, prec >= TG_PREC_MONTH ? m : 0, prec >= TG_PREC_DAY ? d : 0,
              prec};
  if (r.year < TG_YEAR_MIN || r.year > TG_YEAR_MAX) {
    return TG_FAILURE;
  }
  if (!tg_date_valid(&r)) {
    return TG_BAD_DATE;
  }
  *out = r;
  return TG_SUCCESS;
}

/* Compare (y, m, d) with a DAY-precision `ref`. */
static int
tg_cmp_ymd(int y, int m, int d, const TgDate *ref)
{
  if (y != ref->year) {
    return y < ref->year ? -1 : 1;
  }
  if (m != ref->month) {
    return m < ref->month ? -1 : 1;
  }
  if (d != ref->day) {
    return d < ref->day ? -1 : 1;
  }
  return 0;
}

/* ---- ISO 8601 ---- */

static bool
tg_digits(const char *s, size_t n, int *out)
{
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

TgStatus
tg_date_parse_iso(const char *s, size_t len, TgDate *out)
{
  int y = 0;
  int m = 0;
  int d = 0;

  if (!s || !out) {
    return TG_BAD_ARG;
  }
  if (len != 4 && len != 7 && len != 10) {
    return TG_FAILURE;
  }
  if (!tg_digits(s, 4, &y)) {
    return TG_FAILURE;
  }
  if (len >= 7 && (s[4] != '-' || !tg_digits(s + 5, 2, &m))) {
    return TG_FAILURE;
  }
  if (len == 10 && (s[7] != '-' || !tg_digits(s + 8, 2, &d))) {
    return TG_FAILURE;
  }
  /* A "month" outside 01..12 is not a month at all: such strings are
   * usually ranges ("2024-25"), so they are not dates rather than bad ones. */
  if (len >= 7 && (m < 1 || m > 12)) {
    return TG_FAILURE;
  }
  if (y < TG_YEAR_MIN) {
    return TG_BAD_DATE;
  }
  const TgPrecision prec =
      len == 4 ? TG_PREC_YEAR : (len == 7 ? TG_PREC_MONTH : TG_PREC_DAY);
  return tg_date_make(y, m, d, prec, out);
}

/* The lexicon kinds this file asks by name, each index looked up once a
 * process (tg_lexicon_kind_cached). */
static const char *const KIND_NAMES[] = {"ordinal",      "month",    "genitive",    "period",
                                         "weekday",      "article",  "relative-day", "relative",
                                         "preposition", "anchor",   "ordinal-suffix"};
static atomic_int kind_cache[sizeof KIND_NAMES / sizeof KIND_NAMES[0]];

static int
kind_of(const char *name)
{
  return tg_lexicon_kind_cached(KIND_NAMES, kind_cache, sizeof KIND_NAMES / sizeof KIND_NAMES[0],
                                name);
}

/* ---- formatting ---- */

int
tg_date_format(const TgDate *d, char *buf, size_t size)
{
  if (!d || !tg_date_valid(d)) {
    if (buf && size) {
      buf[0] = '\0';
    }
    return -1;
  }
  /* A valid date's fields fit their widths (year 1-9999, month 1-12, day
   * 1-31): written digit by digit, as "%04d-%02d-%02d" would. */
  char tmp[16];
  int n = 4;
  tmp[0] = (char)('0' + d->year / 1000);
  tmp[1] = (char)('0' + d->year / 100 % 10);
  tmp[2] = (char)('0' + d->year / 10 % 10);
  tmp[3] = (char)('0' + d->year % 10);
  if (d->precision != TG_PREC_YEAR) {
    tmp[n++] = '-';
    tmp[n++] = (char)('0' + d->month / 10);
    tmp[n++] = (char)('0' + d->month % 10);
  }
  if (d->precision != TG_PREC_YEAR && d->precision != TG_PREC_MONTH) {
    tmp[n++] = '-';
    tmp[n++] = (char)('0' + d->day / 10);
    tmp[n++] = (char)('0' + d->day % 10);
  }
  tmp[n] = '\0';
  if (buf && size) {
    const size_t copy = (size_t)n < size ? (size_t)n : size - 1;
    memcpy(buf, tmp, copy);
    buf[copy] = '\0';
  }
  return n;
}

const char *
tg_date_xsd_type(const TgDate *d)
{
  if (!d) {
    return NULL;
  }
  switch (d->precision) {
  case TG_PREC_YEAR:
    return "gYear";
  case TG_PREC_MONTH:
    return "gYearMonth";
  case TG_PREC_DAY:
    return "date";
  case TG_PREC_NONE:
  default:
    return NULL;
  }
}

/* ---- tokenising ---- */

typedef struct {
  const TgLexicon *lex;
  TgLexToken tok[TG_DATE_MAX_TOKENS];
  size_t n;
  size_t i;
  const TgDate *ref; /* NULL when unknown */
  bool future;
} TgDateParser;

/* Length of the separator at s[0..left) or 0: ASCII blank, comma, or a
 * UTF-8 no-break space (U+00A0, U+202F) or thin space (U+2009). */
static size_t
tg_date_sep(const char *s, size_t left)
{
  const unsigned char c = (unsigned char)s[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
      c == '\v' || c == ',') {
    return 1;
  }
  if (c == 0xC2 && left >= 2 && (unsigned char)s[1] == 0xA0) {
    return 2;
  }
  if (c == 0xE2 && left >= 3 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x89)) {
    return 3;
  }
  return 0;
}

static bool
tg_is_digit(char c)
{
  return c >= '0' && c <= '9';
}

static bool
tg_date_push(TgDateParser *p, const char *s, size_t len)
{
  if (len == 0) {
    return true;
  }
  if (p->n >= TG_DATE_MAX_TOKENS) {
    return false;
  }
  p->tok[p->n].text = s;
  p->tok[p->n].len = len;
  ++p->n;
  return true;
}

static bool
tg_date_tokenise(TgDateParser *p, const char *s, size_t len)
{
  /* Trailing punctuation of the sentence is not part of the date. */
  while (len > 0 && (tg_date_sep(s + len - 1, 1) || s[len - 1] == ';' ||
                     s[len - 1] == ':')) {
    --len;
  }
  if (len > 0 && s[len - 1] == '.') {
    --len;
  }

  size_t i = 0;
  while (i < len) {
    size_t sep = tg_date_sep(s + i, len - i);
    if (sep) {
      i += sep;
      continue;
    }
    const size_t start = i;
    while (i < len && !tg_date_sep(s + i, len - i)) {
      ++i;
    }
    const char *w = s + start;
    const size_t wl = i - start;
    if (tg_is_digit(w[0]) || !memchr(w, '-', wl) ||
        tg_lexicon_find_kind(p->lex, kind_of("ordinal"), w, wl, NULL)) {
      if (!tg_date_push(p, w, wl)) {
        return false;
      }
      continue;
    }
    size_t a = 0;
    for (size_t b = 0; b <= wl; ++b) {
      if (b == wl || w[b] == '-') {
        if (!tg_date_push(p, w + a, b - a)) {
          return false;
        }
        a = b + 1;
      }
    }
  }
  return p->n > 0;
}

/* ---- token classes ---- */

static bool
tg_date_match(TgDateParser *p, const char *kind, long long *value)
{
  long long v = 0;
  const size_t k =
      tg_lexicon_match_kind(p->lex, kind_of(kind), p->tok + p->i, p->n - p->i, &v, NULL);
  if (k == 0) {
    return false;
  }
  p->i += k;
  if (value) {
    *value = v;
  }
  return true;
}

static bool
tg_date_at_end(const TgDateParser *p)
{
  return p->i >= p->n;
}

/* A four-digit year at the current token. */
static bool
tg_date_year(TgDateParser *p, int *year)
{
  if (tg_date_at_end(p)) {
    return false;
  }
  const TgLexToken *t = &p->tok[p->i];
  int y = 0;
  if (t->len != 4 || !tg_digits(t->text, 4, &y) || y < TG_YEAR_MIN) {
    return false;
  }
  *year = y;
  ++p->i;
  return true;
}

/* A day of the month at the current token: one or two digits, optionally
 * with an ordinal suffix ("28", "28th"), or an ordinal word.  The value may
 * be out of range (0, 45): the caller reports TG_BAD_DATE. */
static bool
tg_date_day(TgDateParser *p, int *day)
{
  if (tg_date_at_end(p)) {
    return false;
  }
  const TgLexToken *t = &p->tok[p->i];
  size_t nd = 0;
  while (nd < t->len && tg_is_digit(t->text[nd])) {
    ++nd;
  }
  if (nd == 1 || nd == 2) {
    int d = 0;
    tg_digits(t->text, nd, &d);
    if (nd == t->len || tg_lexicon_find_kind(p->lex, kind_of("ordinal-suffix"), t->text + nd,
                                        t->len - nd, NULL)) {
      *day = d;
      ++p->i;
      return true;
    }
    return false;
  }
  if (nd > 0) {
    return false;
  }
  long long v = 0;
  if (tg_date_match(p, "ordinal", &v)) {
    *day = (int)v;
    return true;
  }
  return false;
}

static bool
tg_ref_at_least(const TgDateParser *p, TgPrecision prec)
{
  return p->ref && p->ref->precision >= prec;
}

/* ---- resolution against the reference date ---- */

/* A month without a year: the nearest one not after (past) or not before
 * (future) the reference month. */
static TgStatus
tg_resolve_month(const TgDateParser *p, int m, TgDate *out)
{
  if (!tg_ref_at_least(p, TG_PREC_MONTH)) {
    return TG_FAILURE;
  }
  const TgDate *ref = p->ref;
  int y;
  if (p->future) {
    y = m >= ref->month ? ref->year : ref->year + 1;
  } else {
    y = m <= ref->month ? ref->year : ref->year - 1;
  }
  return tg_date_make(y, m, 0, TG_PREC_MONTH, out);
}

/* A month and day without a year. */
static TgStatus
tg_resolve_month_day(const TgDateParser *p, int m, int d, TgDate *out)
{
  if (d < 1 || d > tg_max_days_in_month(m)) {
    return TG_BAD_DATE;
  }
  if (!tg_ref_at_least(p, TG_PREC_DAY)) {
    return TG_FAILURE;
  }
  const int step = p->future ? 1 : -1;
  for (int k = 0; k <= TG_DATE_YEAR_SEARCH; ++k) {
    const int y = p->ref->year + step * k;
    if (y < TG_YEAR_MIN || y > TG_YEAR_MAX) {
      break;
    }
    if (d > tg_days_in_month(y, m)) {
      continue;
    }
    const int c = tg_cmp_ymd(y, m, d, p->ref);
    if ((p->future && c >= 0) || (!p->future && c <= 0)) {
      return tg_date_make(y, m, d, TG_PREC_DAY, out);
    }
  }
  return TG_FAILURE;
}

/* A weekday relative to the reference day.  `rel` < 0: strictly before,
 * > 0 strictly after, 0: on or before (past) / on or after (future). */
static TgStatus
tg_resolve_weekday(const TgDateParser *p, int w, int rel, TgDate *out)
{
  if (!tg_ref_at_least(p, TG_PREC_DAY)) {
    return TG_FAILURE;
  }
  const int rw = tg_date_weekday(p->ref);
  const bool forward = rel > 0 || (rel == 0 && p->future);
  long delta;
  if (forward) {
    delta = (w - rw + 7) % 7;
    if (delta == 0 && rel != 0) {
      delta = 7;
    }
  } else {
    delta = -(long)((rw - w + 7) % 7);
    if (delta == 0 && rel != 0) {
      delta = -7;
    }
  }
  return tg_date_add_days(p->ref, delta, out);
}

/* explicit := month [day] [year] | [article] day [genitive] month [year]
 *           | year */
static TgStatus
tg_parse_explicit(TgDateParser *p, bool had_article, TgDate *out)
{
  long long mv = 0;
  int d = 0;
  int y = 0;

  if (!had_article && tg_date_match(p, "month", &mv)) {
    const int m = (int)mv;
    if (tg_date_year(p, &y)) {
      return tg_date_make(y, m, 0, TG_PREC_MONTH, out);
    }
    if (tg_date_day(p, &d)) {
      if (d < 1 || d > tg_max_days_in_month(m)) {
        return TG_BAD_DATE;
      }
      if (tg_date_year(p, &y)) {
        return tg_date_make(y, m, d, TG_PREC_DAY, out);
      }
      return tg_resolve_month_day(p, m, d, out);
    }
    return tg_resolve_month(p, m, out);
  }

  if (tg_date_day(p, &d)) {
    tg_date_match(p, "genitive", NULL);
    if (!tg_date_match(p, "month", &mv)) {
      return TG_FAILURE;
    }
    const int m = (int)mv;
    if (d < 1 || d > tg_max_days_in_month(m)) {
      return TG_BAD_DATE;
    }
    if (tg_date_year(p, &y)) {
      return tg_date_make(y, m, d, TG_PREC_DAY, out);
    }
    return tg_resolve_month_day(p, m, d, out);
  }

  if (!had_article && tg_date_year(p, &y)) {
    return tg_date_make(y, 0, 0, TG_PREC_YEAR, out);
  }
  return TG_FAILURE;
}

/* relative (period | month | weekday), the relative word already read. */
static TgStatus
tg_parse_relative(TgDateParser *p, int rel, TgDate *out)
{
  long long v = 0;

  if (tg_date_match(p, "period", &v)) {
    if (v == TG_PERIOD_YEAR) {
      if (!tg_ref_at_least(p, TG_PREC_YEAR)) {
        return TG_FAILURE;
      }
      return tg_date_make(p->ref->year + rel, 0, 0, TG_PREC_YEAR, out);
    }
    if (v == TG_PERIOD_MONTH) {
      if (!tg_ref_at_least(p, TG_PREC_MONTH)) {
        return TG_FAILURE;
      }
      const long total = (long)p->ref->year * 12 + (p->ref->month - 1) + rel;
      return tg_date_make((int)(total / 12), (int)(total % 12) + 1, 0,
                          TG_PREC_MONTH, out);
    }
    return TG_FAILURE; /* weeks and days have no calendar form here */
  }

  if (tg_date_match(p, "month", &v)) {
    const int m = (int)v;
    if (!tg_ref_at_least(p, TG_PREC_MONTH)) {
      return TG_FAILURE;
    }
    const TgDate *ref = p->ref;
    int y = ref->year;
    if (rel < 0) {
      y = m < ref->month ? ref->year : ref->year - 1;
    } else if (rel > 0) {
      y = m > ref->month ? ref->year : ref->year + 1;
    }
    return tg_date_make(y, m, 0, TG_PREC_MONTH, out);
  }

  if (tg_date_match(p, "weekday", &v)) {
    return tg_resolve_weekday(p, (int)v, rel, out);
  }
  return TG_FAILURE;
}

static TgStatus
tg_parse_core(TgDateParser *p, TgDate *out)
{
  long long v = 0;

  if (tg_date_at_end(p)) {
    return TG_FAILURE;
  }
  const bool had_article = tg_date_match(p, "article", NULL);

  if (!had_article && tg_date_match(p, "relative-day", &v)) {
    if (!tg_ref_at_least(p, TG_PREC_DAY)) {
      return TG_FAILURE;
    }
    return tg_date_add_days(p->ref, (long)v, out);
  }

  if (tg_date_match(p, "relative", &v)) {
    return tg_parse_relative(p, (int)v, out);
  }

  if (tg_date_at_end(p)) {
    return TG_FAILURE;
  }
  const TgLexToken *t = &p->tok[p->i];
  if (tg_is_digit(t->text[0]) && memchr(t->text, '-', t->len)) {
    if (had_article) {
      return TG_FAILURE;
    }
    ++p->i;
    return tg_date_parse_iso(t->text, t->len, out);
  }

  if (!had_article && tg_date_match(p, "weekday", &v)) {
    const int w = (int)v;
    if (tg_date_at_end(p)) {
      return tg_resolve_weekday(p, w, 0, out);
    }
    /* "Friday, February 28, 2025": the date decides, the weekday checks. */
    TgDate d;
    const bool art = tg_date_match(p, "article", NULL);
    const TgStatus st = tg_parse_explicit(p, art, &d);
    if (st != TG_SUCCESS) {
      return st;
    }
    if (d.precision != TG_PREC_DAY) {
      return TG_FAILURE;
    }
    if (tg_date_weekday(&d) != w) {
      return TG_BAD_DATE;
    }
    *out = d;
    return TG_SUCCESS;
  }

  return tg_parse_explicit(p, had_article, out);
}

TgStatus
tg_date_resolve(const TgLexicon *lex, const char *expr, size_t len,
                const TgDate *ref, int tense, TgDate *out)
{
  if (!lex || !expr || !out) {
    return TG_BAD_ARG;
  }
  if (ref && ref->precision != TG_PREC_NONE && !tg_date_valid(ref)) {
    return TG_BAD_ARG;
  }

  TgDateParser p;
  memset(&p, 0, sizeof p);
  p.lex = lex;
  p.ref = (ref && ref->precision != TG_PREC_NONE) ? ref : NULL;
  p.future = tense > 0;
  if (!tg_date_tokenise(&p, expr, len)) {
    return TG_FAILURE;
  }

  tg_date_match(&p, "preposition", NULL);

  bool anchored = false;
  const size_t save = p.i;
  tg_date_match(&p, "article", NULL);
  if (tg_date_match(&p, "anchor", NULL)) {
    anchored = true;
    tg_date_match(&p, "genitive", NULL);
  } else {
    p.i = save;
  }

  TgDate d;
  const TgStatus st = tg_parse_core(&p, &d);
  if (st != TG_SUCCESS) {
    return st;
  }
  if (!tg_date_at_end(&p)) {
    return TG_FAILURE;
  }
  if (anchored && d.precision == TG_PREC_DAY) {
    return TG_FAILURE;
  }
  *out = d;
  return TG_SUCCESS;
}
