/* telegraph stage 5, a statistic's slots from around it: the unit of its
 * value (a currency, or the counted noun of a count a few sentences back),
 * the date nearest its value that is neither the day it was said nor
 * another figure's, the date of an earlier statistic it refers to ("at the
 * same date"), and the measure of the statistic a compared value is
 * compared with.  relations.c calls these as it finishes each fact.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "statistics.h"

#include "events.h"
#include "quantity.h"

#include <stdlib.h>
#include <string.h>

/* How far back "in the month" may look for the statistic it refers to. */
#define TG_SAME_DATE_WINDOW 6

/* The unit of a statistic whose value is money or a percentage: its
 * currency, even where a rule took a counted word after it ("moved 2.43
 * trillion shillings through mobile money platforms"). */
TgStatus tg_stat_derive_unit(TgResult *r, TgFactRec *f) {
  const char *unit = NULL;
  for (size_t i = 0; i < f->slots.len && !unit; ++i) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&f->slots, i);
    if (s->prop == TG_PROP_VALUE && s->mention >= 0) {
      unit = tg_mention_at(r, (size_t)s->mention)->unit;
    }
  }
  if (!unit) {
    return TG_SUCCESS;
  }
  for (size_t i = 0; i < f->slots.len; ++i) {
    TgSlot *s = (TgSlot *)tg_vec_at(&f->slots, i);
    if (s->prop == TG_PROP_UNIT) {
      s->literal = unit;
      return TG_SUCCESS;
    }
  }
  TgSlot u = {TG_PROP_UNIT, -1, -1, unit, NULL};
  return tg_fact_add_slot(f, &u);
}

/* `fill unit`: a count told with no counted noun ("Lagos (3.9 million),
 * Abuja (2.2 million)") counts what the latest count statistic of this or
 * the previous `window` sentences counted ("9.64 million passengers").  Money
 * and percentages have their own unit and are never the source. */
TgStatus tg_stat_inherit_unit(TgResult *r, size_t si, size_t window, TgFactRec *f) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&f->slots, i);
    if (s->prop == TG_PROP_VALUE && s->mention >= 0) {
      const char *own = tg_mention_at(r, (size_t)s->mention)->unit;
      if (own && *own) {
        return TG_SUCCESS;
      }
    }
  }
  for (size_t i = r->facts.len; i-- > 0;) {
    const TgFactRec *g = (const TgFactRec *)tg_vec_at(&r->facts, i);
    if (g->pub.sentence + window < si) {
      break;
    }
    if (g->pub.cls != TG_CLASS_STATISTIC) {
      continue;
    }
    for (size_t k = 0; k < g->slots.len; ++k) {
      const TgSlot *u = (const TgSlot *)tg_vec_at(&g->slots, k);
      if (u->prop == TG_PROP_UNIT && u->literal && u->literal[0] >= 'a' &&
          u->literal[0] <= 'z' && strcmp(u->literal, TG_UNIT_PERCENT) != 0) {
        TgSlot copy = {TG_PROP_UNIT, -1, -1, u->literal, NULL};
        return tg_fact_add_slot(f, &copy);
      }
    }
  }
  return TG_SUCCESS;
}

/* The mention of a statistic's value (or, with none, of its change), or -1. */
long tg_stat_value_anchor(const TgFactRec *f) {
  long change = -1;
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&f->slots, i);
    if (s->mention < 0) {
      continue;
    }
    if (s->prop == TG_PROP_VALUE) {
      return s->mention;
    }
    if (s->prop == TG_PROP_CHANGE_PERCENT && change < 0) {
      change = s->mention;
    }
  }
  return change;
}

/* A dateline's date or the day something was said: when the figure
 * was reported, not when it held. */
static bool stated_date(TgResult *r, const char *text, const TgMention *m) {
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  return tg_said_date(r, text, m) || tg_dateline_date(r, text, sent.end, m);
}

/* Bytes between two spans that do not overlap (0 when they touch). */
static size_t gap_between(const TgSpan *x, const TgSpan *y) {
  return x->end <= y->begin ? y->begin - x->end : x->begin >= y->end ? x->begin - y->end : 0;
}

/* Is the date `d`, told after the value `v`, another figure's?  A clause
 * break (a comma) and a figure between them give it to that figure ("reached KSh
 * 176.3 billion, and policies numbered 4.82 million at the end of
 * December" dates only the second); a list without a comma shares it
 * ("9.2 million and 5.7 million tonnes in 2025"). */
static bool date_of_other(TgResult *r, const char *text, const TgAbstract *a, const TgSpan *d,
                          const TgSpan *v) {
  if (d->begin < v->end) {
    return false; /* a date told first may date every figure after it */
  }
  const size_t lo = v->end;
  const size_t hi = d->begin;
  if (hi <= lo || !memchr(text + lo, ',', hi - lo)) {
    return false;
  }
  for (size_t mi = a->first; mi < a->last; ++mi) {
    const TgMention *m = tg_mention_at(r, mi);
    if ((m->cls == TG_CLASS_NUMBER || m->cls == TG_CLASS_MONEY || m->cls == TG_CLASS_PERCENT) &&
        m->span.begin >= lo && m->span.end <= hi) {
      return true;
    }
  }
  return false;
}

/* Can the date `m` date the statistic whose value (or change) is mention
 * `anchor`, and at what distance?  News puts the date after the figure
 * ("reached X at the end of June"); a date before it must be twice as
 * near to win, so its gap counts double. */
bool tg_stat_date_gap(TgResult *r, const char *text, const TgAbstract *a, const TgMention *m,
                      long anchor, size_t *gap) {
  const TgSpan *v = &tg_mention_at(r, (size_t)anchor)->span;
  if (stated_date(r, text, m) || date_of_other(r, text, a, &m->span, v)) {
    return false;
  }
  *gap = gap_between(&m->span, v) * (m->span.end <= v->begin ? 2 : 1);
  return true;
}

/* Sentence `si` dates its figure by reference to an earlier one: "at the
 * same date", "by then", "at the end of the month". */
static bool refers_to_date(TgResult *r, const char *text, size_t si) {
  static const char *const cues[] = {"at the same date", "on the same date", "by the same date",
                                     "at the same time", "by then",          "by that date",
                                     "in the month",     "the month's",      "that month",
                                     "of that total",    "in the period",    "the period's",
                                     "end of the month", "end of that month", "the same month",
                                     NULL};
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, si);
  for (size_t k = 0; cues[k]; ++k) {
    const size_t n = strlen(cues[k]);
    for (size_t i = sent.begin; i + n <= sent.end; ++i) {
      if (memcmp(text + i, cues[k], n) == 0 && (i == sent.begin || text[i - 1] == ' ')) {
        return true;
      }
    }
  }
  return false;
}

/* A statistic dated "at the same date" or "in the month" takes the date
 * of the latest dated statistic before it, a few sentences back at most. */
TgStatus tg_stat_same_date(TgResult *r, const char *text, size_t si, TgFactRec *f) {
  if (!refers_to_date(r, text, si)) {
    return TG_SUCCESS;
  }
  for (size_t i = r->facts.len; i-- > 0;) {
    const TgFactRec *g = (const TgFactRec *)tg_vec_at(&r->facts, i);
    if (g->pub.sentence + TG_SAME_DATE_WINDOW < si) {
      break;
    }
    if (g->pub.cls != TG_CLASS_STATISTIC) {
      continue;
    }
    for (size_t k = 0; k < g->slots.len; ++k) {
      const TgSlot *s = (const TgSlot *)tg_vec_at(&g->slots, k);
      if (s->prop == TG_PROP_AS_OF) {
        TgSlot copy = *s;
        return tg_fact_add_slot(f, &copy);
      }
    }
  }
  return TG_SUCCESS;
}

/* A statistic's measure slot and where its value stands. */
typedef struct {
  long at;
  const TgSlot *measure;
} Measured;

static int measured_cmp(const void *x, const void *y) {
  const long a = ((const Measured *)x)->at, b = ((const Measured *)y)->at;
  return (a > b) - (a < b);
}

static const TgSlot *measure_slot(const TgFactRec *f) {
  for (size_t k = 0; k < f->slots.len; ++k) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&f->slots, k);
    if (s->prop == TG_PROP_MEASURE) {
      return s;
    }
  }
  return NULL;
}

/* A value given for comparison ("up from 980 million a year earlier")
 * measures what the statistic it is compared with measures: a statistic
 * of sentence facts [from, end) left without a measure takes the measure
 * slot (the same words as evidence) of the measured statistic whose value
 * comes nearest before its own, else of the first after.  The measured
 * ones are sorted by value once, so a sentence of many costs n log n. */
TgStatus tg_stat_compared_measures(TgResult *r, size_t from) {
  const size_t n = r->facts.len - from;
  if (n == 0) {
    return TG_SUCCESS;
  }
  Measured *m = (Measured *)tg_calloc(n, sizeof *m);
  if (!m) {
    return TG_BAD_ALLOC;
  }
  size_t k = 0;
  bool wanted = false;
  for (size_t i = from; i < r->facts.len; ++i) {
    const TgFactRec *g = (const TgFactRec *)tg_vec_at(&r->facts, i);
    const long at = tg_stat_value_anchor(g);
    const TgSlot *s = g->pub.cls == TG_CLASS_STATISTIC && at >= 0 ? measure_slot(g) : NULL;
    if (s) {
      m[k++] = (Measured){at, s};
    } else if (g->pub.cls == TG_CLASS_STATISTIC && at >= 0) {
      wanted = true;
    }
  }
  if (k > 1) {
    qsort(m, k, sizeof *m, measured_cmp);
  }
  TgStatus st = TG_SUCCESS;
  for (size_t i = from; wanted && k && !st && i < r->facts.len; ++i) {
    TgFactRec *f = (TgFactRec *)tg_vec_at(&r->facts, i);
    const long at = tg_stat_value_anchor(f);
    if (f->pub.cls != TG_CLASS_STATISTIC || at < 0 || measure_slot(f)) {
      continue;
    }
    size_t lo = 0, hi = k; /* first measured value at or after `at` */
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (m[mid].at < at) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    TgSlot copy = *m[lo ? lo - 1 : 0].measure;
    st = tg_fact_add_slot(f, &copy);
  }
  tg_free(m);
  return st;
}
