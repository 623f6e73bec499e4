/* telegraph stage 5b, events: the dates of facts.  Which date mention
 * dates a fact, once its readings are assembled (events.c): not a date
 * that starts or ends a state ("in place since 2021") or is a deadline;
 * not a dateline's date or the day something was said when the sentence
 * gives the act's own date; none for a grant said on a day but placed
 * "last week"; the meeting's date for an undated approval by a cabinet
 * that decided something there.  Each step is linear (or n log n in the
 * dated decisions) in the article.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "events.h"

#include <stdlib.h>
#include <string.h>

/* Does date mention `m` say when something takes effect or must be done
 * ("takes effect in July", "from January 2027", "effective June 1", "by
 * 2030"), rather than when it was decided? */
static bool effect_date(TgResult *r, const char *text, const TgMention *m) {
  static const char *const cues[] = {"effect ", "force ", "effective ", "from ", "starting ",
                                     "until ", "by ", "before ", NULL};
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  size_t b = m->span.begin;
  while (b > sent.begin && text[b - 1] == ' ') {
    --b;
  }
  /* past a preposition of the date: "effect in July", "force on 1 May" */
  static const char *const preps[] = {" in", " on", " at", NULL};
  for (size_t k = 0; preps[k]; ++k) {
    const size_t n = strlen(preps[k]);
    if (b >= sent.begin + n && memcmp(text + b - n, preps[k], n) == 0) {
      b -= n;
      break;
    }
  }
  for (size_t k = 0; cues[k]; ++k) {
    const size_t n = strlen(cues[k]);
    if (b + 1 >= sent.begin + n && memcmp(text + b + 1 - n, cues[k], n) == 0 &&
        (b + 1 - n == sent.begin || text[b - n] == ' ')) {
      return true;
    }
  }
  return false;
}

/* The value of date slot `s`, or NULL. */
static const char *date_value(TgResult *r, const TgSlot *s) {
  if (s->prop != TG_PROP_DATE) {
    return NULL;
  }
  return s->literal ? s->literal
         : s->mention >= 0 ? tg_mention_at(r, (size_t)s->mention)->value
                           : NULL;
}

/* True if date value `v` ("2027-06") is after the article's date
 * `ref` ("2026-03-20") at v's own precision. */
static bool after_article(const char *v, const char *ref) {
  const size_t n = strlen(v);
  return ref[0] && strlen(ref) >= n && strncmp(v, ref, n) > 0;
}

/* May date mention `n` date a decision? */
static bool decision_date_ok(TgResult *r, const char *text, const TgMention *n,
                             const char *ref) {
  return n->cls == TG_CLASS_DATE && n->value && !after_article(n->value, ref) &&
         !effect_date(r, text, n);
}

/* A decision taken is not dated after the article, nor by when it takes
 * effect: such a date ("banks must follow it from June 2027") gives way to
 * another date of its sentence that may date it, preferring the day it
 * was said ("..., the central bank said on Thursday"), or to none. */
static void fix_decision_dates(TgResult *r, const char *text, TgFactRec *f, const char *ref) {
  for (size_t k = 0; k < f->slots.len; ++k) {
    TgSlot *s = slot_at(f, k);
    const char *v = date_value(r, s);
    if (!v || (!after_article(v, ref) &&
               !(s->mention >= 0 && effect_date(r, text, tg_mention_at(r, (size_t)s->mention))))) {
      continue;
    }
    const size_t si = s->mention >= 0 ? tg_mention_at(r, (size_t)s->mention)->sentence
                                      : f->pub.sentence;
    long best = -1;
    /* Mentions are in sentence order: find the sentence's first by bisection. */
    size_t lo = 0;
    size_t hi = r->mentions.len;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (tg_mention_at(r, mid)->sentence < si) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (size_t m = lo; m < r->mentions.len; ++m) {
      const TgMention *n = tg_mention_at(r, m);
      if (n->sentence > si) {
        break;
      }
      if (decision_date_ok(r, text, n, ref) && (best < 0 || tg_said_date(r, text, n))) {
        best = (long)m;
      }
    }
    if (best >= 0) {
      const TgMention *n = tg_mention_at(r, (size_t)best);
      s->mention = best;
      s->literal = n->value;
      s->datatype = n->datatype;
    } else {
      *s = *slot_at(f, f->slots.len - 1);
      --f->slots.len;
      --k;
    }
  }
}

/* An approval's date that starts or ends a state ("a moratorium in
 * place since 2021") or is a deadline ("ahead of 2026 deadline") is not the
 * day of the grant: dropped before readings are merged, so it keeps no two
 * readings of one grant apart. */
void tg_drop_state_dates(TgResult *r, const char *text, size_t len) {
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    if (f->pub.cls != TG_CLASS_APPROVAL) {
      continue;
    }
    size_t out = 0;
    for (size_t k = 0; k < f->slots.len; ++k) {
      const TgSlot s = *slot_at(f, k);
      if (!(s.prop == TG_PROP_DATE && s.mention >= 0 &&
            tg_state_date(r, text, len, tg_mention_at(r, (size_t)s.mention)))) {
        *slot_at(f, out++) = s;
      }
    }
    f->slots.len = out;
  }
}

/* The article's own year and nothing more ("the third bank licensed in the
 * city this year"): it says less than the day it was said. */
static bool bare_year(const TgResult *r, const TgMention *m) {
  return m->value && strlen(m->value) == 4 && r->ref.year > 0 && atoi(m->value) == r->ref.year;
}

/* The first date of sentence `si` that is neither a dateline's, nor the day
 * something was said, nor after the article ("from September 1"), nor the
 * article's bare year, or -1. */
static long grant_date(TgResult *r, const char *text, size_t len, size_t si) {
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, si);
  /* Mentions are in text order: find the sentence's first by bisection. */
  size_t lo = 0;
  size_t hi = r->mentions.len;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (tg_mention_at(r, mid)->span.begin < sent.begin) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (size_t k = lo; k < r->mentions.len; ++k) {
    const TgMention *n = tg_mention_at(r, k);
    if (n->span.begin >= sent.end) {
      break;
    }
    if (n->cls == TG_CLASS_DATE && !tg_said_date(r, text, n) &&
        !tg_dateline_date(r, text, len, n) && !tg_after_article(r, n) && !bare_year(r, n)) {
      return (long)k;
    }
  }
  return -1;
}

/* A date taken from a dateline is the day of the report, not of the fact:
 * use the sentence's next date ("..., the ministry said on Thursday"), or
 * for a statistic none. */
TgStatus tg_fix_dateline_dates(TgResult *r, const char *text, size_t len, TgFactRec *f) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    TgSlot *s = slot_at(f, i);
    if (!(s->prop == TG_PROP_DATE || s->prop == TG_PROP_AS_OF) || s->mention < 0) {
      continue;
    }
    const TgMention *m = tg_mention_at(r, (size_t)s->mention);
    if (s->prop == TG_PROP_DATE && tg_said_date(r, text, m)) {
      /* "... said on Thursday it had received a licence ... on June 3":
       * the grant's own date, if the sentence gives one. */
      const long own = grant_date(r, text, len, m->sentence);
      if (own >= 0) {
        const TgMention *n = tg_mention_at(r, (size_t)own);
        s->mention = own;
        s->literal = n->value;
        s->datatype = n->datatype;
      } else if (f->pub.cls == TG_CLASS_APPROVAL && tg_vague_time(r, text, m->sentence)) {
        /* "said on Tuesday that it had licensed A last week": no day. */
        *s = *slot_at(f, f->slots.len - 1);
        --f->slots.len;
        --i;
      }
      continue;
    }
    if (!tg_dateline_date(r, text, len, m)) {
      continue;
    }
    long next = -1;
    for (size_t k = (size_t)s->mention + 1; k < r->mentions.len && next < 0; ++k) {
      const TgMention *n = tg_mention_at(r, k);
      if (n->sentence != m->sentence) {
        break;
      }
      next = n->cls == TG_CLASS_DATE && !tg_after_article(r, n) ? (long)k : -1;
    }
    if (next >= 0) {
      const TgMention *n = tg_mention_at(r, (size_t)next);
      s->mention = next;
      s->literal = n->value;
      s->datatype = n->datatype;
    } else if (f->pub.cls == TG_CLASS_STATISTIC) {
      *s = *slot_at(f, f->slots.len - 1);
      --f->slots.len;
      --i;
    }
  }
  if (f->pub.cls == TG_CLASS_DECISION) {
    char ref[16] = "";
    if (r->ref.precision != TG_PREC_NONE && tg_date_format(&r->ref, ref, sizeof ref) <= 0) {
      ref[0] = '\0';
    }
    fix_decision_dates(r, text, f, ref);
  }
  return TG_SUCCESS;
}

/* A dated decision: its sentence and fact index (tg_inherit_meeting_dates). */
typedef struct {
  size_t sentence;
  size_t fact;
} DatedDecision;

static int cmp_by_sentence(const void *a, const void *b) {
  const size_t x = ((const DatedDecision *)a)->sentence;
  const size_t y = ((const DatedDecision *)b)->sentence;
  return (x > y) - (x < y);
}

/* An approval by a cabinet or council with no date of its own takes the
 * date of a decision the same body took in the same or one of the three
 * sentences before ("The federal cabinet on Wednesday approved the X
 * Policy. ... The cabinet further approved a charter licence for A"): one
 * meeting.  The dated decisions are sorted by sentence once; each approval
 * looks at most TG_EVENT_WINDOW of them back from its own sentence. */
TgStatus tg_inherit_meeting_dates(TgResult *r) {
  size_t n = 0;
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *d = fact_at(r, i);
    n += d->pub.cls == TG_CLASS_DECISION && first_slot(d, TG_PROP_DATE) != NULL;
  }
  if (n == 0) {
    return TG_SUCCESS;
  }
  DatedDecision *dec = (DatedDecision *)tg_calloc(n, sizeof *dec);
  if (!dec) {
    return TG_BAD_ALLOC;
  }
  n = 0;
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *d = fact_at(r, i);
    if (d->pub.cls == TG_CLASS_DECISION && first_slot(d, TG_PROP_DATE)) {
      dec[n].sentence = d->pub.sentence;
      dec[n++].fact = i;
    }
  }
  if (n > 1) {
    qsort(dec, n, sizeof *dec, cmp_by_sentence);
  }
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    const TgSlot *by = f->pub.cls == TG_CLASS_APPROVAL ? first_slot(f, TG_PROP_GRANTED_BY) : NULL;
    if (!by || by->entity < 0 || first_slot(f, TG_PROP_DATE) ||
        tg_entity_rec(r, (size_t)by->entity)->pub.cls != TG_CLASS_GOVERNMENT_BODY) {
      continue;
    }
    /* The first decision after the approval's sentence, by bisection. */
    size_t lo = 0;
    size_t hi = n;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (dec[mid].sentence <= f->pub.sentence) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (size_t k = lo, seen = 0; k-- > 0 && seen < TG_EVENT_WINDOW; ++seen) {
      TgFactRec *d = fact_at(r, dec[k].fact);
      if (f->pub.sentence > d->pub.sentence + 3) {
        break;
      }
      const TgSlot *dby = first_slot(d, TG_PROP_DECIDED_BY);
      if (dby && dby->entity == by->entity) {
        TgSlot s = *first_slot(d, TG_PROP_DATE);
        st = tg_fact_add_slot(f, &s);
        break;
      }
    }
  }
  tg_free(dec);
  return st;
}

/* The entity of the first slot of `prop`, or -1. */
static long slot_entity(TgFactRec *f, TgProperty prop) {
  const TgSlot *s = first_slot(f, prop);
  return s ? s->entity : -1;
}

/* Two readings of one decision, the act and a later sentence giving its
 * day ("X has issued the Guidelines on ..." and "The guidelines were
 * approved by the central bank's board on July 2"), are one decision: the
 * later reading's date replaces the earlier's and the later is dropped.
 * Each decision looks back over at most TG_EVENT_WINDOW decisions. */
TgStatus tg_merge_decisions(TgResult *r) {
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    if (f->pub.cls != TG_CLASS_DECISION) {
      continue;
    }
    const long by = slot_entity(f, TG_PROP_DECIDED_BY);
    const long what = slot_entity(f, TG_PROP_ADOPTS);
    size_t looked = 0;
    for (size_t k = i; by >= 0 && what >= 0 && k-- > 0 && looked < TG_EVENT_WINDOW;) {
      TgFactRec *e = fact_at(r, k);
      if (e->pub.cls != TG_CLASS_DECISION) {
        continue;
      }
      ++looked;
      if (slot_entity(e, TG_PROP_DECIDED_BY) != by || slot_entity(e, TG_PROP_ADOPTS) != what) {
        continue;
      }
      const TgSlot *date = first_slot(f, TG_PROP_DATE);
      TgSlot *old = NULL;
      for (size_t j = 0; j < e->slots.len && !old; ++j) {
        old = slot_at(e, j)->prop == TG_PROP_DATE ? slot_at(e, j) : NULL;
      }
      if (date && old) {
        *old = *date;
      } else if (date) {
        const TgSlot copy = *date;
        st = tg_fact_add_slot(e, &copy);
      }
      f->pub.cls = TG_CLASS_NONE;
      break;
    }
  }
  return st;
}
