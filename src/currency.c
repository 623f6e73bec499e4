/* telegraph: money in a currency word that several countries share.
 *
 * "96.4 billion rupees" in a Pakistani story is PKR, "2.86 trillion
 * pesos" in a Philippine one is PHP and "Sh85 million" in a Ugandan one
 * is UGX.  The lexicon's `localcurrency` kind lists, for "COUNTRY WORD",
 * the currency the word names there ("pakistan rupees" PKR); the country
 * of the article is the one its places name most often (a city counts
 * for its country, ties go to the earliest).  A currency word whose
 * lexicon code is XXX ("pesos") names no currency until the
 * country does: with none, the amount is read as a plain count, as before.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "currency.h"

#include <string.h>

/* Distinct countries counted; an article naming more is decided among its
 * first ones. */
#define TG_CUR_COUNTRIES 16
/* Longest "COUNTRY WORD" key looked up. */
#define TG_CUR_KEY 96

typedef struct {
  const char *name;
  size_t count;
} TgCountryCount;

/* The country a place mention names: itself, or the place containing it. */
static const char *mention_country(const TgPipeline *p, TgResult *r, const TgMention *m) {
  if (m->cls != TG_CLASS_PLACE || m->entity < 0 || (m->flags & TG_MENTION_COREF)) {
    return NULL;
  }
  const TgEntityRec *e = tg_entity_rec(r, (size_t)m->entity);
  if (e->gaz < 0) {
    return NULL;
  }
  const TgGazEntry *g = tg_gazetteer_entry(p->gazetteer, (size_t)e->gaz);
  return g->within ? g->within : g->name;
}

/* The country the article's places name most often, or NULL. */
static const char *article_country(const TgPipeline *p, TgResult *r) {
  TgCountryCount seen[TG_CUR_COUNTRIES];
  size_t n = 0;
  const size_t nm = r->mentions.len;
  for (size_t i = 0; i < nm; ++i) {
    const char *c = mention_country(p, r, tg_mention_at(r, i));
    if (!c) {
      continue;
    }
    size_t j = 0;
    while (j < n && strcmp(seen[j].name, c) != 0) {
      ++j;
    }
    if (j < n) {
      ++seen[j].count;
    } else if (n < TG_CUR_COUNTRIES) {
      seen[n].name = c;
      seen[n++].count = 1;
    }
  }
  const char *best = NULL;
  size_t most = 0;
  for (size_t j = 0; j < n; ++j) {
    if (seen[j].count > most) {
      best = seen[j].name;
      most = seen[j].count;
    }
  }
  return best;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Look up "COUNTRY WORD" (`w`, `wlen` bytes); NULL if not listed. */
static const char *local_code(const TgPipeline *p, const char *country, const char *w,
                              size_t wlen) {
  char key[TG_CUR_KEY];
  const size_t clen = strlen(country);
  if (wlen == 0 || clen + 1 + wlen >= sizeof key) {
    return NULL;
  }
  memcpy(key, country, clen);
  key[clen] = ' ';
  memcpy(key + clen + 1, w, wlen);
  return tg_lexicon_find_str(p->lexicon, "localcurrency", key, clen + 1 + wlen);
}

/* The currency written before the amount: the letters right before its
 * first digit ("Rs", "Sh" of "Sh85", "Rs." without the period). */
static const char *leading(const TgPipeline *p, const char *country, const char *s, size_t len) {
  size_t d = 0;
  while (d < len && !is_digit(s[d])) {
    ++d;
  }
  size_t e = d;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.')) {
    --e;
  }
  size_t b = e;
  while (b > 0 && is_letter(s[b - 1])) {
    --b;
  }
  return d < len ? local_code(p, country, s + b, e - b) : NULL;
}

/* Where the currency written after the amount starts: after its last
 * digit and the scale words ("2.86 trillion pesos": at "pesos"). */
static size_t trailing_start(const TgPipeline *p, const char *s, size_t len) {
  size_t b = len;
  while (b > 0 && !is_digit(s[b - 1])) {
    --b;
  }
  for (;;) {
    size_t w = b;
    while (w < len && s[w] == ' ') {
      ++w;
    }
    size_t e = w;
    while (e < len && is_letter(s[e])) {
      ++e;
    }
    if (e == w || !tg_lexicon_find(p->lexicon, "scale", s + w, e - w, NULL)) {
      return b;
    }
    b = e;
  }
}

static const char *trailing(const TgPipeline *p, const char *country, const char *s, size_t len) {
  size_t b = trailing_start(p, s, len);
  while (b < len && s[b] == ' ') {
    ++b;
  }
  size_t e = len;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '.')) {
    --e;
  }
  return local_code(p, country, s + b, e - b);
}

TgStatus tg_local_currency(const TgPipeline *p, const char *text, TgResult *r) {
  const char *country = NULL;
  bool looked = false;
  const size_t nm = r->mentions.len;
  for (size_t i = 0; i < nm; ++i) {
    TgMention *m = tg_mention_at(r, i);
    if (m->cls != TG_CLASS_MONEY || !m->unit) {
      continue;
    }
    if (!looked) {
      country = article_country(p, r);
      looked = true;
    }
    const char *s = text + m->span.begin;
    const size_t len = m->span.end - m->span.begin;
    const char *code = NULL;
    if (country && !(code = leading(p, country, s, len))) {
      code = trailing(p, country, s, len);
    }
    if (code) {
      if (!(m->unit = tg_result_intern(r, code, strlen(code)))) {
        return TG_BAD_ALLOC;
      }
    } else if (strcmp(m->unit, TG_UNIT_NO_CURRENCY) == 0) {
      /* No country names it: a count, the currency word its unit. */
      m->cls = TG_CLASS_NUMBER;
      m->unit = NULL;
      m->span.end = m->span.begin + trailing_start(p, s, len);
    }
  }
  return TG_SUCCESS;
}
