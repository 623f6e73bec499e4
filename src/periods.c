/* telegraph, period totals and comparison dates: what the words before a
 * date say about the time a figure covers.  "in the first six months of
 * 2025" totals January to June, so the figure holds for 2025-06 (the gold
 * convention: a period total is dated by its last month); "over the same
 * period last year" names the basis of a change, not the figure's date;
 * "by 2030", after the article's date, is a target.  Each test reads at
 * most a few words before one date mention.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "events.h"
#include "lexicon.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TG_PERIOD_WORDS 5
#define TG_PERIOD_BYTES 48

typedef struct {
  char buf[TG_PERIOD_BYTES + 1];
  const char *w[TG_PERIOD_WORDS]; /* the last words, w[0] nearest the date */
  size_t n;
} Before;

/* The last few words before byte `at` of its sentence, lower-cased. */
static void words_before(const char *text, size_t from, size_t at, Before *b) {
  const size_t start = at > from + TG_PERIOD_BYTES ? at - TG_PERIOD_BYTES : from;
  size_t len = 0;
  for (size_t i = start; i < at; ++i) {
    const unsigned char c = (unsigned char)text[i];
    b->buf[len++] = isspace(c) ? ' ' : (char)tolower(c);
  }
  b->buf[len] = '\0';
  b->n = 0;
  size_t e = len;
  while (b->n < TG_PERIOD_WORDS) {
    while (e && b->buf[e - 1] == ' ') b->buf[--e] = '\0';
    if (!e) {
      break;
    }
    size_t s = e;
    while (s && b->buf[s - 1] != ' ') --s;
    /* A word cut by the window's start is not a word. */
    if (s == 0 && start > from && !isspace((unsigned char)text[start - 1])) {
      break;
    }
    b->w[b->n++] = b->buf + s;
    e = s;
  }
}

static bool is(const Before *b, size_t k, const char *word) {
  return k < b->n && strcmp(b->w[k], word) == 0;
}

/* The count of months in "first six months of", "first 6 months of". */
static int month_count(const TgLexicon *lex, const char *w) {
  long long v = 0;
  if (isdigit((unsigned char)w[0])) {
    char *end = NULL;
    v = strtoll(w, &end, 10);
    return *end ? 0 : (int)v;
  }
  return tg_lexicon_find(lex, "number", w, strlen(w), &v) ? (int)v : 0;
}

/* The last month of the period named before a year ("first half of",
 * "first eleven months of", "second half of"), or 0. */
static int period_end(const TgLexicon *lex, const Before *b) {
  if (!is(b, 0, "of")) {
    return 0;
  }
  if (is(b, 1, "half")) {
    return is(b, 2, "first") ? 6 : is(b, 2, "second") ? 12 : 0;
  }
  if (is(b, 1, "months") && b->n > 3 && (is(b, 3, "first") || is(b, 3, "opening"))) {
    const int n = month_count(lex, b->w[2]);
    return n >= 2 && n <= 11 ? n : 0;
  }
  return 0;
}

/* "(over) the same period last year", "the corresponding month of 2024". */
static bool comparison(const Before *b) {
  size_t k = is(b, 0, "of") ? 1 : 0;
  return (is(b, k, "period") || is(b, k, "month") || is(b, k, "quarter")) &&
         (is(b, k + 1, "same") || is(b, k + 1, "corresponding"));
}

/* The date value `v` ("2030", "2025-07") starts after the article's date. */
static bool after_ref(const TgDate *ref, const char *v) {
  if (ref->precision == TG_PREC_NONE || strlen(v) < 4) {
    return false;
  }
  const int y = (int)strtol(v, NULL, 10);
  if (y != ref->year) {
    return y > ref->year;
  }
  return strlen(v) >= 7 && ref->precision >= TG_PREC_MONTH &&
         (int)strtol(v + 5, NULL, 10) > ref->month;
}

TgStatus tg_read_periods(const TgLexicon *lex, TgResult *r, const char *text, bool *claimed) {
  for (size_t mi = 0; mi < r->mentions.len; ++mi) {
    TgMention *m = tg_mention_at(r, mi);
    if (m->cls != TG_CLASS_DATE || !m->value) {
      continue;
    }
    const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
    Before b;
    words_before(text, sent.begin, m->span.begin, &b);
    const int month = strlen(m->value) == 4 ? period_end(lex, &b) : 0;
    if (month) {
      char buf[16];
      const int n = snprintf(buf, sizeof buf, "%.4s-%02d", m->value, month);
      if (!(m->value = tg_result_intern(r, buf, (size_t)n))) {
        return TG_BAD_ALLOC;
      }
      m->datatype = "gYearMonth";
    }
    /* A comparison's basis or a target is no fact's date: claimed, so no
     * rule fills it in. */
    if (comparison(&b) || (is(&b, 0, "by") && after_ref(&r->ref, m->value))) {
      claimed[mi] = true;
    }
  }
  return TG_SUCCESS;
}

/* ---- periods with no year: "in the first half", "from January to March" ---- */

#define TG_PERIOD_MAX_TOKENS 96

typedef struct {
  size_t begin, end; /* the word's bytes in the text */
} Word;

/* The words (runs of ASCII letters and digits) of sentence `sent`, at most
 * TG_PERIOD_MAX_TOKENS of them. */
static size_t split_words(const char *text, TgSpan sent, Word *w) {
  size_t n = 0;
  for (size_t i = sent.begin; i < sent.end && n < TG_PERIOD_MAX_TOKENS;) {
    if (!isalnum((unsigned char)text[i])) {
      ++i;
      continue;
    }
    const size_t b = i;
    while (i < sent.end && isalnum((unsigned char)text[i])) ++i;
    w[n].begin = b;
    w[n].end = i;
    ++n;
  }
  return n;
}

/* Is word w the lower-case word s (n bytes), ignoring case?  Called as
 * word_is(text, w, "literal"). */
static bool word_is_n(const char *text, const Word *w, const char *s, size_t n) {
  if (w->end - w->begin != n) {
    return false;
  }
  for (size_t i = 0; i < n; ++i) {
    if (tolower((unsigned char)text[w->begin + i]) != s[i]) {
      return false;
    }
  }
  return true;
}
#define word_is(text, w, lit) word_is_n(text, w, lit, sizeof(lit) - 1)

/* A capitalised month name ("March"), as 1..12, or 0. */
static int month_of(const TgLexicon *lex, const char *text, const Word *w) {
  long long v = 0;
  if (!isupper((unsigned char)text[w->begin]) || w->end - w->begin < 3 ||
      !tg_lexicon_find(lex, "month", text + w->begin, w->end - w->begin, &v)) {
    return 0;
  }
  return (int)v;
}

static bool is_year(const char *text, const Word *w) {
  if (w->end - w->begin != 4) {
    return false;
  }
  for (size_t i = w->begin; i < w->end; ++i) {
    if (!isdigit((unsigned char)text[i])) {
      return false;
    }
  }
  return true;
}

/* Words i and i+1 are joined by a hyphen or an en dash ("January-June"). */
static bool dashed(const char *text, const Word *w, size_t i) {
  const size_t gap = w[i + 1].begin - w[i].end;
  const char *g = text + w[i].end;
  return (gap == 1 && g[0] == '-') || (gap == 3 && memcmp(g, "\xE2\x80\x93", 3) == 0);
}

/* Words w[k..k+2] are "of the year" (the current year, said without its
 * number). */
static bool of_the_year(const char *text, const Word *w, size_t n, size_t k) {
  return k + 2 < n && word_is(text, &w[k], "of") && word_is(text, &w[k + 1], "the") &&
         word_is(text, &w[k + 2], "year");
}

/* The last month of a yearless period total in words w[i..], or 0:
 * "the first half", "the first eight months" (no "of" after, or "of the
 * year"), "from
 * January to March", "between January and June", "January-June" (no year
 * after).  *last is the phrase's last word. */
static int yearless_end(const TgLexicon *lex, const char *text, const Word *w, size_t n,
                        size_t i, size_t *last_word) {
  if (i + 2 < n && word_is(text, &w[i], "the") && word_is(text, &w[i + 1], "first")) {
    if (word_is(text, &w[i + 2], "half")) {
      if (of_the_year(text, w, n, i + 3)) {
        *last_word = i + 5;
        return 6;
      }
      *last_word = i + 2;
      return i + 3 < n && word_is(text, &w[i + 3], "of") ? 0 : 6;
    }
    if (i + 3 < n && word_is(text, &w[i + 3], "months") &&
        (!(i + 4 < n && word_is(text, &w[i + 4], "of")) || of_the_year(text, w, n, i + 4))) {
      char buf[16];
      const size_t len = w[i + 2].end - w[i + 2].begin;
      if (len >= sizeof buf) {
        return 0;
      }
      for (size_t k = 0; k < len; ++k) {
        buf[k] = (char)tolower((unsigned char)text[w[i + 2].begin + k]);
      }
      buf[len] = '\0';
      const int m = month_count(lex, buf);
      *last_word = of_the_year(text, w, n, i + 4) ? i + 6 : i + 3;
      return m >= 2 && m <= 11 ? m : 0;
    }
    return 0;
  }
  int first = 0, last = 0;
  size_t after = 0;
  if (i + 3 < n && (word_is(text, &w[i], "from") || word_is(text, &w[i], "between")) &&
      (word_is(text, &w[i + 2], "to") || word_is(text, &w[i + 2], "and") ||
       word_is(text, &w[i + 2], "through"))) {
    first = month_of(lex, text, &w[i + 1]);
    last = month_of(lex, text, &w[i + 3]);
    after = i + 4;
  } else if (i + 1 < n && dashed(text, w, i)) {
    first = month_of(lex, text, &w[i]);
    last = month_of(lex, text, &w[i + 1]);
    after = i + 2;
  }
  *last_word = after ? after - 1 : i;
  if (!first || last <= first || (after < n && is_year(text, &w[after]))) {
    return 0;
  }
  return last;
}

TgStatus tg_sentence_period(const TgLexicon *lex, TgResult *r, const char *text, size_t si,
                            const char **out, TgSpan *phrase) {
  *out = NULL;
  if (r->ref.precision < TG_PREC_MONTH) {
    return TG_SUCCESS;
  }
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, si);
  Word w[TG_PERIOD_MAX_TOKENS];
  const size_t n = split_words(text, sent, w);
  for (size_t i = 0; i < n; ++i) {
    /* A phrase starts with "the", "from" or "between", or is two dashed
     * words: other words are passed over at their first letter. */
    const int c = tolower((unsigned char)text[w[i].begin]);
    if (c != 't' && c != 'f' && c != 'b' && !(i + 1 < n && dashed(text, w, i))) {
      continue;
    }
    size_t last_word = i;
    const int month = yearless_end(lex, text, w, n, i, &last_word);
    if (month) {
      phrase->begin = w[i].begin;
      phrase->end = w[last_word].end;
      /* The period has ended by the article's date: this year's when its
       * last month is before the article's month, else last year's. */
      const int year = month < r->ref.month ? r->ref.year : r->ref.year - 1;
      char buf[16];
      const int len = snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      *out = tg_result_intern(r, buf, (size_t)len);
      return *out ? TG_SUCCESS : TG_BAD_ALLOC;
    }
  }
  return TG_SUCCESS;
}
