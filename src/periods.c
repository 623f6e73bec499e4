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
