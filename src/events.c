/* telegraph stage 5b, events: the approvals of a document assembled from
 * its sentences.
 *
 * The relation rules read one sentence at a time, so one granting act told
 * in pieces ("Indonesia has cleared nine providers ..."; "The go-ahead came
 * from the Ministry ..."; "The licensees are A, B and C", ten sentences
 * on) comes out as several readings.  This step, run once per document
 * after the rules and before the mapper:
 *
 *   1. gives each fragment (an `attach` reading with no approval within the
 *      rules' window) to the nearest approval before it, else after it;
 *      in an article with none, the fragments make one approval, kept
 *      when they name its granting body;
 *   2. merges approval readings of one event: compatible granting bodies,
 *      shared recipients or count (or one of them the headline), and no
 *      conflicting region, service, date or count (a dateline's date or
 *      the day the news was said conflicts with none: the grant's own
 *      date replaces it);
 *   3. drops a recipient that is the parent of another recipient ("A, a
 *      unit of B": B is named, not granted), a partner or owner named
 *      beside it ("with B", "owned by B"), the company announcing the news
 *      ("..., distributor B said"), or the granting body itself;
 *   4. finds the granting body of an approval whose agent was a country or
 *      a description ("Turkey's telecoms watchdog"): the regulator the
 *      article names nearest to it, else a government body; an approval
 *      of an article that names none keeps no granting body, with a lower
 *      confidence;
 *   5. drops statistics that restate an amount ("(about 3.9 billion U.S.
 *      dollars)") or count incidentally ("the top five operators");
 *   6. replaces a date read from a dateline ("NEW DELHI, June 6 (PTI) -")
 *      with the sentence's next date, and the day something was said
 *      ("said on Thursday") with the grant's own date when the sentence
 *      gives one ("received a licence ... on June 3"), or with none when
 *      it puts the grant at a time with no calendar form ("last week");
 *   7. drops a headline decision or statistic that the body retells;
 *   8. dates an undated approval by a cabinet or council with the date of
 *      a decision the same body took a few sentences before (one meeting).
 *
 * Before all that, an approval's date that starts or ends a state ("since
 * 2021") or is a deadline is dropped (the dates of facts are chosen in
 * factdates.c) and a headline's short names become the body's entities
 * they abbreviate (headline.c); the context of mentions is read by
 * context.c.
 *
 * Each approval is compared with at most TG_EVENT_WINDOW earlier ones and
 * the granting-body search walks the mentions once, so the step is linear
 * in the article.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "events.h"

#include <stdio.h>
#include <string.h>

/* Slots one assembled approval takes at most (each new one is checked
 * against those it has, so this bounds the work on hostile text). */
#define TG_EVENT_MAX_SLOTS 256
/* Confidence factors: granting body found elsewhere in the article; none. */
#define TG_FOUND_AGENT_FACTOR 0.85
#define TG_NO_AGENT_FACTOR 0.7

static bool is_multi(TgProperty prop) {
  return prop == TG_PROP_GRANTED_TO || prop == TG_PROP_FOR_SERVICE ||
         prop == TG_PROP_IN_REGION || prop == TG_PROP_ADOPTS;
}

static size_t count_prop(TgFactRec *f, TgProperty prop) {
  size_t n = 0;
  for (size_t i = 0; i < f->slots.len; ++i) {
    n += slot_at(f, i)->prop == prop;
  }
  return n;
}

static bool has_value(TgFactRec *f, const TgSlot *s) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot *t = slot_at(f, i);
    if (t->prop != s->prop) {
      continue;
    }
    if (s->entity >= 0 ? t->entity == s->entity
                       : (t->literal && s->literal && strcmp(t->literal, s->literal) == 0)) {
      return true;
    }
  }
  return false;
}

/* Do two readings share a value of `prop`? */
static bool share(TgFactRec *a, TgFactRec *b, TgProperty prop) {
  for (size_t i = 0; i < b->slots.len; ++i) {
    if (slot_at(b, i)->prop == prop && has_value(a, slot_at(b, i))) {
      return true;
    }
  }
  return false;
}

/* Both name a value of `prop` and none is shared. */
static bool disjoint(TgFactRec *a, TgFactRec *b, TgProperty prop) {
  return count_prop(a, prop) && count_prop(b, prop) && !share(a, b, prop);
}

static bool single_differs(TgFactRec *a, TgFactRec *b, TgProperty prop) {
  const TgSlot *x = first_slot(a, prop);
  const TgSlot *y = first_slot(b, prop);
  if (!x || !y) {
    return false;
  }
  if (x->entity >= 0 || y->entity >= 0) {
    return x->entity != y->entity;
  }
  return !x->literal || !y->literal || strcmp(x->literal, y->literal) != 0;
}

/* The count of one equals the number of recipients the other names. */
static bool count_fits(TgFactRec *a, TgFactRec *b) {
  const TgSlot *c = first_slot(a, TG_PROP_RECIPIENT_COUNT);
  const size_t n = count_prop(b, TG_PROP_GRANTED_TO);
  if (!c || !c->literal || n == 0 || first_slot(b, TG_PROP_RECIPIENT_COUNT)) {
    return false;
  }
  char buf[24];
  snprintf(buf, sizeof buf, "%zu", n);
  return strcmp(buf, c->literal) == 0;
}

/* Is the fact's date only the day the news was published or told (a
 * dateline's, "said on Wednesday"), not the day of the grant itself? */
static bool weak_date(TgResult *r, const char *text, size_t len, TgFactRec *f) {
  const TgSlot *d = first_slot(f, TG_PROP_DATE);
  if (!d || d->mention < 0) {
    return false;
  }
  const TgMention *m = tg_mention_at(r, (size_t)d->mention);
  return tg_dateline_date(r, text, len, m) || tg_said_date(r, text, m);
}

/* Two dates conflict unless one of them is weak: "Brazil's health
 * regulator has approved X" (dated by the dateline) and "Approval was
 * given to X on Monday" are one grant. */
static bool conflict(TgResult *r, const char *text, size_t len, TgFactRec *a, TgFactRec *b) {
  const bool dates = single_differs(a, b, TG_PROP_DATE) && !weak_date(r, text, len, a) &&
                     !weak_date(r, text, len, b);
  return single_differs(a, b, TG_PROP_GRANTED_BY) || dates ||
         single_differs(a, b, TG_PROP_RECIPIENT_COUNT) || disjoint(a, b, TG_PROP_IN_REGION) ||
         disjoint(a, b, TG_PROP_FOR_SERVICE);
}

/* When a's date is weak and b's is not, b's date is the grant's. */
static void take_firm_date(TgResult *r, const char *text, size_t len, TgFactRec *a, TgFactRec *b) {
  TgSlot *d = (TgSlot *)first_slot(a, TG_PROP_DATE);
  const TgSlot *e = first_slot(b, TG_PROP_DATE);
  if (d && e && weak_date(r, text, len, a) && !weak_date(r, text, len, b)) {
    *d = *e;
  }
}

static bool one_event(TgResult *r, const char *text, size_t len, TgFactRec *a, TgFactRec *b) {
  if (conflict(r, text, len, a, b)) {
    return false;
  }
  /* A headline adds a count or a country to the body's event; when both
   * name recipients, they must share one. */
  const bool headline = r->headline && (a->pub.sentence == 0 || b->pub.sentence == 0) &&
                        !(first_slot(a, TG_PROP_GRANTED_TO) && first_slot(b, TG_PROP_GRANTED_TO));
  /* An announcement without recipients ("it had issued rural 4G
   * licences") takes the recipients the next reading names. */
  const bool shell = !first_slot(a, TG_PROP_GRANTED_TO) && !first_slot(a, TG_PROP_RECIPIENT_COUNT);
  return headline || shell || share(a, b, TG_PROP_GRANTED_TO) ||
         (first_slot(a, TG_PROP_RECIPIENT_COUNT) && first_slot(b, TG_PROP_RECIPIENT_COUNT)) ||
         count_fits(a, b) || count_fits(b, a);
}

/* Does an agent's text hold a lower-case word ("telecoms watchdog"), not
 * only a name ("China")? */
static bool describes(const char *agent) {
  for (size_t i = 0; agent[i]; ++i) {
    if ((i == 0 || agent[i - 1] == ' ') && agent[i] >= 'a' && agent[i] <= 'z') {
      return true;
    }
  }
  return false;
}

/* Add b's slots to a: every new value of a list property, a single value
 * only where a has none. */
static TgStatus absorb(TgFactRec *a, TgFactRec *b, bool headline) {
  /* A headline's place names are often attributive ("Japan route rights"):
   * only its count, agent and recipients join the body's event. */
  const bool from_headline = headline && b->pub.sentence == 0 && a->pub.sentence > 0;
  const bool into_headline = headline && a->pub.sentence == 0 && b->pub.sentence > 0;
  if (into_headline) {
    size_t out = 0;
    for (size_t i = 0; i < a->slots.len; ++i) {
      if (slot_at(a, i)->prop != TG_PROP_IN_REGION) {
        *slot_at(a, out++) = *slot_at(a, i);
      }
    }
    a->slots.len = out;
  }
  for (size_t i = 0; i < b->slots.len; ++i) {
    const TgSlot *s = slot_at(b, i);
    if (is_multi(s->prop) ? has_value(a, s) : first_slot(a, s->prop) != NULL) {
      continue;
    }
    if ((from_headline && s->prop == TG_PROP_IN_REGION) || a->slots.len >= TG_EVENT_MAX_SLOTS) {
      continue;
    }
    TgStatus st = tg_fact_add_slot(a, s);
    if (st) {
      return st;
    }
  }
  if (b->pub.confidence > a->pub.confidence) {
    a->pub.confidence = b->pub.confidence;
  }
  /* A description ("China's customs authority") says more about the
   * granting body than a bare country ("China clears ..."). */
  if (b->agent_text && (!a->agent_text || !describes(a->agent_text))) {
    a->agent_text = b->agent_text;
  }
  a->agentless = a->agentless && !first_slot(a, TG_PROP_GRANTED_BY);
  /* The reading from the body names the event; the headline only adds. */
  if (a->pub.sentence == 0 && b->pub.sentence > 0) {
    a->pub.sentence = b->pub.sentence;
    a->pub.span = b->pub.span;
    a->pub.rule = b->pub.rule;
  }
  tg_vec_clear(&b->slots);
  b->pub.cls = TG_CLASS_NONE; /* removed when the facts are compacted */
  return TG_SUCCESS;
}

static bool live_approval(TgFactRec *f) {
  return f->pub.cls == TG_CLASS_APPROVAL && !f->fragment;
}

/* 1. Fragments go to the nearest approval before them, else after. */
static TgStatus place_fragments(TgResult *r) {
  /* next[i]: the first approval after fact i, found in one backward pass. */
  long *next = (long *)tg_calloc(r->facts.len + 1, sizeof *next);
  if (!next) {
    return TG_BAD_ALLOC;
  }
  next[r->facts.len] = -1;
  for (size_t i = r->facts.len; i-- > 0;) {
    next[i] = live_approval(fact_at(r, i)) ? (long)i : next[i + 1];
  }
  TgStatus st = TG_SUCCESS;
  long last = -1;
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    if (live_approval(f)) {
      last = (long)i;
      continue;
    }
    if (!(f->pub.cls == TG_CLASS_APPROVAL && f->fragment)) {
      continue;
    }
    const long to = last >= 0 ? last : next[i + 1];
    if (to < 0) {
      /* No approval in the article: the fragments tell one between them
       * ("The regulator granted the licences on Tuesday.  A and B were
       * among the winners."): the first stands for the event. */
      f->fragment = false;
      last = (long)i;
      continue;
    }
    st = absorb(fact_at(r, (size_t)to), f, r->headline);
  }
  /* An event told only in fragments must name its granting body itself. */
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    if (f->pub.cls == TG_CLASS_APPROVAL && (long)i == last && next[0] < 0 &&
        !first_slot(f, TG_PROP_GRANTED_BY)) {
      tg_vec_clear(&f->slots);
      f->pub.cls = TG_CLASS_NONE;
    }
  }
  tg_free(next);
  return st;
}

/* 2. Readings of one event merged into the earliest of them.  `live` holds
 * the approvals still standing, in order, so each reading looks back over
 * at most TG_EVENT_WINDOW of them however many were absorbed before. */
static TgStatus merge_events(TgResult *r, const char *text, size_t len) {
  size_t *live = (size_t *)tg_calloc(r->facts.len + 1, sizeof *live);
  if (!live) {
    return TG_BAD_ALLOC;
  }
  size_t n_live = 0;
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *b = fact_at(r, i);
    if (!live_approval(b)) {
      continue;
    }
    bool absorbed = false;
    for (size_t k = n_live, seen = 0; k-- > 0 && seen < TG_EVENT_WINDOW; ++seen) {
      TgFactRec *a = fact_at(r, live[k]);
      if (one_event(r, text, len, a, b)) {
        take_firm_date(r, text, len, a, b);
        st = absorb(a, b, r->headline);
        absorbed = true;
        break;
      }
    }
    if (!absorbed) {
      live[n_live++] = i;
    }
  }
  tg_free(live);
  return st;
}

/* 3. Recipients that name someone else: a parent of another recipient, a
 * partner or owner named beside it, the granting body. */
static void prune_recipients(TgResult *r, const char *text, size_t len, TgFactRec *f) {
  const TgSlot *by = first_slot(f, TG_PROP_GRANTED_BY);
  const long granter = by ? by->entity : -1;
  size_t out = 0;
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot s = *slot_at(f, i);
    bool drop = false;
    if (s.prop == TG_PROP_GRANTED_TO && s.entity >= 0) {
      drop = s.entity == granter || tg_named_as_other(r, text, s.mention) ||
             tg_announcer(r, text, len, s.mention) || tg_parent_of_unit(r, text, len, s.mention);
      for (size_t k = 0; k < f->slots.len && !drop; ++k) {
        const TgSlot *t = slot_at(f, k);
        drop = t->prop == TG_PROP_GRANTED_TO && t->entity >= 0 && t->entity != s.entity &&
               tg_entity_rec(r, (size_t)t->entity)->pub.parent == s.entity;
      }
    }
    if (!drop) {
      *slot_at(f, out++) = s;
    }
  }
  f->slots.len = out;
}

/* Is entity `e` also named in a body sentence that gave `f` a slot (the
 * headline's "Takoradi" again in "a new bulk terminal at Takoradi")?  One
 * pass over the mentions, the slots looked at only for mentions of `e`. */
static bool named_in_body(TgResult *r, TgFactRec *f, long e) {
  for (size_t k = 0; k < r->mentions.len; ++k) {
    const TgMention *m = tg_mention_at(r, k);
    if (m->entity != e || m->sentence == 0 || m->cls != TG_CLASS_PLACE) {
      continue;
    }
    for (size_t i = 0; i < f->slots.len; ++i) {
      const long mi = slot_at(f, i)->mention;
      if (mi >= 0 && tg_mention_at(r, (size_t)mi)->sentence == m->sentence) {
        return true;
      }
    }
  }
  return false;
}

static void prune_regions(TgResult *r, const char *text, size_t len, TgFactRec *f) {
  /* A headline's places are often attributive ("Japan route rights"): in
   * an approval the body tells too, only the body's count. */
  bool body = false;
  for (size_t i = 0; i < f->slots.len && r->headline; ++i) {
    const long mi = slot_at(f, i)->mention;
    body = body || (mi >= 0 && tg_mention_at(r, (size_t)mi)->sentence > 0);
  }
  size_t out = 0;
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot s = *slot_at(f, i);
    const bool headline_place = body && s.mention >= 0 && s.prop == TG_PROP_IN_REGION &&
                                tg_mention_at(r, (size_t)s.mention)->sentence == 0 &&
                                !named_in_body(r, f, s.entity);
    if (!(s.prop == TG_PROP_IN_REGION &&
          (headline_place || tg_place_not_region(r, text, len, s.mention)))) {
      *slot_at(f, out++) = s;
    }
  }
  f->slots.len = out;
}

/* The next ASCII word of `s` from *i: *i moves to its first letter, and
 * the end is returned (*i itself at the end of `s`). */
static size_t next_word(const char *s, size_t *i) {
  while (s[*i] && !((s[*i] | 32) >= 'a' && (s[*i] | 32) <= 'z')) ++*i;
  size_t j = *i;
  while ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') ++j;
  return j;
}

/* Does a word of the description (4+ letters, not a generic head) occur
 * in the entity's label?  Words are compared without case.  "customs authority" fits "General Administration
 * of Customs of China", "central bank" fits "People's Bank of China". */
static bool fits_description(const char *desc, const char *label) {
  static const char *const generic[] = {"authority", "ministry", "commission", "regulator",
                                        "watchdog", "central", "country", "national",
                                        "state", "said", "that", "agency", NULL};
  for (size_t i = 0, j; desc && (j = next_word(desc, &i)) > i; i = j) {
    char w[32];
    const size_t n = j - i;
    /* Capitalised words are names ("Turkey's"), not the description. */
    bool skip = n < 4 || n >= sizeof w || (desc[i] >= 'A' && desc[i] <= 'Z');
    if (!skip) {
      for (size_t k = 0; k < n; ++k) w[k] = (char)(desc[i + k] | 32);
      w[n] = '\0';
      /* "telecoms" stands for a telecommunications body. */
      if (n > 5 && w[n - 1] == 's') w[n - 1] = '\0';
      for (size_t g = 0; generic[g] && !skip; ++g) skip = strcmp(w, generic[g]) == 0;
    }
    if (!skip) {
      const size_t wn = strlen(w);
      for (size_t k = 0; label[k]; ++k) {
        size_t q = 0;
        while (q < wn && label[k + q] && (label[k + q] | 32) == w[q]) ++q;
        if (q == wn) return true;
      }
    }
  }
  return false;
}

/* Do the `n` bytes at `s` spell `lower` (lower-case ASCII), in any case? */
static bool ascii_is(const char *s, const char *lower, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (!s[i] || tg_ascii_lower[(unsigned char)s[i]] != (unsigned char)lower[i]) {
      return false;
    }
  }
  return true;
}

/* Is the word s[0..n) one of `words` (lower-case, NULL-ended), in any case? */
static bool word_in(const char *s, size_t n, const char *const *words) {
  for (size_t k = 0; words[k]; ++k) {
    if (n == strlen(words[k]) && ascii_is(s, words[k], n)) {
      return true;
    }
  }
  return false;
}

/* What a description says of the body it stands for. */
typedef enum {
  DESC_ANY,          /* no ministry ("the regulator", "Turkey's telecoms watchdog") */
  DESC_MINISTRY,     /* a ministry or department, no portfolio ("the ministry") */
  DESC_PORTFOLIO     /* a ministry with its portfolio ("the health ministry") */
} DescKind;

/* A ministry is named for its portfolio ("Ministry of Health"), so "the
 * health ministry" is a ministry or department whose name fits "health",
 * not the capital-market authority or the mines ministry of the next
 * paragraph; "the ministry" is any ministry or department. */
static DescKind describe(const char *desc) {
  static const char *const kinds[] = {"ministry", "ministries", "department", "departments", NULL};
  static const char *const plain[] = {"the", "its", "their", "state", "federal", "national",
                                      "said", "that", "country", "central", NULL};
  bool ministry = false;
  bool portfolio = false;
  static const char *const articles[] = {"the", "its", NULL};
  for (size_t i = 0, j; desc && (j = next_word(desc, &i)) > i; i = j) {
    const size_t n = j - i;
    /* Capitalised words are names ("Kenya's"): they say no portfolio;
     * so do words of one or two letters (the "s" of "Kenya's"). */
    if (n < 3 || (desc[i] >= 'A' && desc[i] <= 'Z' && !word_in(desc + i, n, articles))) {
      continue;
    }
    if (word_in(desc + i, n, kinds)) {
      ministry = true;
    } else if (!word_in(desc + i, n, plain)) {
      portfolio = true;
    }
  }
  return !ministry ? DESC_ANY : portfolio ? DESC_PORTFOLIO : DESC_MINISTRY;
}

/* Is the body's name one of a ministry or a department? */
static bool is_ministry(const char *label) {
  for (size_t i = 0; label[i]; ++i) {
    if ((i == 0 || label[i - 1] == ' ') &&
        (ascii_is(label + i, "minist", 6) || ascii_is(label + i, "department", 10))) {
      return true;
    }
  }
  return false;
}

/* A mention of a regulator (k 0) or government body (k 1). */
typedef struct {
  size_t sentence;
  long entity;
  long mention;
  int k;
} AgentMention;

static TgStatus collect_agents(TgResult *r, TgVec *out) {
  for (size_t i = 0; i < r->mentions.len; ++i) {
    const TgMention *m = tg_mention_at(r, i);
    const int k = m->cls == TG_CLASS_REGULATOR ? 0 : m->cls == TG_CLASS_GOVERNMENT_BODY ? 1 : -1;
    if (k >= 0 && m->entity >= 0) {
      AgentMention a = {m->sentence, m->entity, (long)i, k};
      if (tg_vec_push(out, &a)) {
        return TG_BAD_ALLOC;
      }
    }
  }
  return TG_SUCCESS;
}

/* How many agent mentions on each side of a sentence are weighed. */
#define TG_AGENT_REACH 64

/* The regulator (else government body) mentioned in the sentence nearest
 * to `si`, a later sentence winning a tie ("The go-ahead came from ..."),
 * one whose name fits the description `desc` first; NULL if the article
 * names none.  `agents` is in text order: a binary search finds `si`, and
 * at most TG_AGENT_REACH mentions each side are weighed. */
static const AgentMention *nearest_agent(TgResult *r, const TgVec *agents, size_t si,
                                         const char *desc, bool gov_first) {
  size_t lo = 0;
  size_t hi = agents->len;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (((const AgentMention *)tg_vec_at(agents, mid))->sentence < si) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const size_t from = lo > TG_AGENT_REACH ? lo - TG_AGENT_REACH : 0;
  const size_t to = lo + TG_AGENT_REACH < agents->len ? lo + TG_AGENT_REACH : agents->len;
  const AgentMention *best[2] = {NULL, NULL};
  size_t dist[2] = {0, 0};
  bool fit[2] = {false, false};
  const DescKind kind = describe(desc);
  for (size_t i = from; i < to; ++i) {
    const AgentMention *m = (const AgentMention *)tg_vec_at(agents, i);
    const int k = m->k;
    const char *label = tg_entity_rec(r, (size_t)m->entity)->pub.label;
    if (kind != DESC_ANY && !is_ministry(label)) {
      continue;
    }
    const bool f = desc && fits_description(desc, label);
    if (kind == DESC_PORTFOLIO && !f) {
      continue;
    }
    if (fit[k] && !f) {
      continue;
    }
    if (f && !fit[k]) {
      best[k] = NULL;
      fit[k] = true;
    }
    const size_t d = m->sentence > si ? m->sentence - si : si - m->sentence;
    if (!best[k] || d < dist[k] || (d == dist[k] && m->sentence > si)) {
      best[k] = m;
      dist[k] = d;
    }
  }
  if (gov_first) {
    /* A decision by a country ("Vietnam issued Decree 57"): the body whose
     * name fits first, then the government, then a regulator. */
    if (fit[0] != fit[1]) {
      return fit[0] ? best[0] : best[1];
    }
    return best[1] ? best[1] : best[0];
  }
  return best[0] ? best[0] : best[1];
}

/* An agent described with no country or name ("the ministry", "its
 * regulator"). */
static bool described_only(const char *agent) {
  return agent && (strncmp(agent, "the ", 4) == 0 || strncmp(agent, "The ", 4) == 0 ||
                   strncmp(agent, "its ", 4) == 0 || strncmp(agent, "Its ", 4) == 0);
}

/* A deciding body for a decision whose agent was a country or a person
 * ("Vietnam on Monday issued Decree 57", "Trade Minister X signed
 * Regulation No. 18"): the government or ministry the article names, one
 * whose name fits the agent's words first; none named, no decision. */
static TgStatus decision_agent(TgResult *r, const TgVec *agents, TgFactRec *f) {
  if (f->pub.cls != TG_CLASS_DECISION || !f->agentless ||
      first_slot(f, TG_PROP_DECIDED_BY)) {
    return TG_SUCCESS;
  }
  /* The agent's words lower-cased, so that its name and role fit too
   * ("Vietnam", "Energy Minister"): fits_description skips capitals. */
  char desc[128];
  size_t n = 0;
  for (const char *c = f->agent_text; c && *c && n + 1 < sizeof desc; ++c) {
    desc[n++] = (*c >= 'A' && *c <= 'Z') ? (char)(*c | 32) : *c;
  }
  desc[n] = '\0';
  /* A pronoun ("It also published ...") stands for the body named in the
   * sentence just before (a regulator first), or for another (a company's
   * "It also published ..."): none then.  A country stands for its
   * government. */
  const bool pronoun = strcmp(desc, "it") == 0;
  const AgentMention *agent = NULL;
  if (pronoun && f->pub.sentence > 0) {
    /* `agents` is in text order: find the sentence before by bisection. */
    const size_t before = f->pub.sentence - 1;
    size_t lo = 0, hi = agents->len;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (((const AgentMention *)tg_vec_at(agents, mid))->sentence < before) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (size_t i = lo; i < agents->len; ++i) {
      const AgentMention *m = (const AgentMention *)tg_vec_at(agents, i);
      if (m->sentence != before) {
        break;
      }
      if (!agent || m->k <= agent->k) {
        agent = m;
      }
    }
  } else if (!pronoun) {
    agent = nearest_agent(r, agents, f->pub.sentence, n ? desc : NULL, true);
  }
  if (!agent) {
    tg_vec_clear(&f->slots);
    f->pub.cls = TG_CLASS_NONE;
    return TG_SUCCESS;
  }
  TgSlot s = {TG_PROP_DECIDED_BY, agent->entity, agent->mention, NULL, NULL};
  f->pub.confidence *= TG_FOUND_AGENT_FACTOR;
  return tg_fact_add_slot(f, &s);
}

/* 4. A granting body for approvals whose agent was not named as one. */
static TgStatus find_agents(TgResult *r) {
  TgVec agents;
  tg_vec_init(&agents, sizeof(AgentMention));
  TgStatus st = collect_agents(r, &agents);
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    if (!live_approval(f) || first_slot(f, TG_PROP_GRANTED_BY)) {
      continue;
    }
    const AgentMention *agent = nearest_agent(r, &agents, f->pub.sentence, f->agent_text, false);
    if (!agent && described_only(f->agent_text)) {
      /* "The ministry granted ..." in an article naming no ministry: an
       * agent we cannot name is no fact. */
      tg_vec_clear(&f->slots);
      f->pub.cls = TG_CLASS_NONE;
      continue;
    }
    if (!agent) {
      f->pub.confidence *= TG_NO_AGENT_FACTOR;
      continue;
    }
    /* The mention is the slot's evidence: its sentence becomes one of the
     * fact's sentences. */
    TgSlot s = {TG_PROP_GRANTED_BY, agent->entity, agent->mention, NULL, NULL};
    st = tg_fact_add_slot(f, &s);
    f->pub.confidence *= TG_FOUND_AGENT_FACTOR;
  }
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    st = decision_agent(r, &agents, fact_at(r, i));
  }
  tg_vec_clear(&agents);
  return st;
}

/* The value mention of a statistic, or NULL. */
static const TgMention *value_mention(TgResult *r, TgFactRec *f) {
  const TgSlot *v = first_slot(f, TG_PROP_VALUE);
  return v && v->mention >= 0 ? tg_mention_at(r, (size_t)v->mention) : NULL;
}

/* Money told per physical unit ("a levy of $85 per tonne", "$3,400 an
 * ounce"): a rate or a commodity price, no amount of its own.  Per person
 * or per year it stays ("£1.1 million per patient", "N180 billion a
 * year"). */
static bool per_unit(const char *text, size_t len, const TgMention *m) {
  static const char *const units[] = {"tonne", "ton", "barrel", "ounce", "litre", "liter",
                                      "kilogram", "kilo", "kg", "gallon", "cubic", "megawatt",
                                      "kilowatt", "kwh", "mwh", "gigajoule", "mmbtu", NULL};
  if (m->cls != TG_CLASS_MONEY) {
    return false;
  }
  size_t i = m->span.end;
  while (i < len && text[i] == ' ') ++i;
  size_t j = i;
  while (j < len && text[j] >= 'a' && text[j] <= 'z') ++j;
  const size_t n = j - i;
  if (n == 0 || j >= len || text[j] != ' ') {
    return false;
  }
  if (!((n == 3 && memcmp(text + i, "per", 3) == 0) || (n == 1 && text[i] == 'a') ||
        (n == 2 && memcmp(text + i, "an", 2) == 0))) {
    return false;
  }
  const size_t w = j + 1;
  for (size_t u = 0; units[u]; ++u) {
    const size_t k = strlen(units[u]);
    if (w + k <= len && memcmp(text + w, units[u], k) == 0 &&
        (w + k == len || !(text[w + k] >= 'a' && text[w + k] <= 'z'))) {
      return true;
    }
  }
  return false;
}

/* Statistics that are no facts of their own: a conversion of an amount
 * just given; a rate or price per unit; a small bare count ("the top five
 * operators", "two bands"), a count below ten with no change. */
static void prune_statistics(TgResult *r, const char *text, size_t len) {
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    const TgMention *m = f->pub.cls == TG_CLASS_STATISTIC ? value_mention(r, f) : NULL;
    if (!m) {
      continue;
    }
    const size_t mi = (size_t)(m - tg_mention_at(r, 0));
    const bool small = m->cls == TG_CLASS_NUMBER && m->value && m->value[0] >= '1' &&
                       m->value[0] <= '9' && m->value[1] == '\0' &&
                       !first_slot(f, TG_PROP_CHANGE_PERCENT);
    if (small || per_unit(text, len, m) || tg_conversion(r, text, m, mi)) {
      tg_vec_clear(&f->slots);
      f->pub.cls = TG_CLASS_NONE;
    }
  }
}

/* A headline retelling a body fact is that fact: a headline decision by
 * a body that the article's body reports deciding, a headline statistic
 * whose value the body gives.  The headline's reading is dropped. */
static void drop_retold_headline(TgResult *r) {
  if (!r->headline) {
    return;
  }
  /* Headline facts come first; a few are weighed (the title is short). */
  for (size_t i = 0; i < r->facts.len && i < 8; ++i) {
    TgFactRec *h = fact_at(r, i);
    if (h->pub.sentence != 0 ||
        (h->pub.cls != TG_CLASS_DECISION && h->pub.cls != TG_CLASS_STATISTIC)) {
      continue;
    }
    const TgProperty key = h->pub.cls == TG_CLASS_DECISION ? TG_PROP_DECIDED_BY : TG_PROP_VALUE;
    const TgSlot *hk = first_slot(h, key);
    bool retold = false;
    for (size_t k = 0; hk && k < r->facts.len && !retold; ++k) {
      TgFactRec *b = fact_at(r, k);
      retold = b != h && b->pub.cls == h->pub.cls && b->pub.sentence > 0 && has_value(b, hk);
    }
    if (retold) {
      tg_vec_clear(&h->slots);
      h->pub.cls = TG_CLASS_NONE;
    }
  }
}

/* Removed facts out, fragments that found no approval out, public views
 * of the slots refreshed. */
static void compact(TgResult *r) {
  size_t out = 0;
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    const bool empty_approval = f->pub.cls == TG_CLASS_APPROVAL &&
                                !first_slot(f, TG_PROP_GRANTED_TO) &&
                                !first_slot(f, TG_PROP_RECIPIENT_COUNT);
    if (f->pub.cls == TG_CLASS_NONE || f->fragment || empty_approval) {
      tg_vec_clear(&f->slots);
      continue;
    }
    f->pub.slots = (const TgSlot *)f->slots.data;
    f->pub.n_slots = f->slots.len;
    *fact_at(r, out++) = *f;
  }
  r->facts.len = out;
}

TgStatus tg_assemble_events(TgResult *r, const char *text, size_t len) {
  tg_drop_state_dates(r, text, len);
  TgStatus st = tg_fold_headline_entities(r);
  if (!st) {
    st = place_fragments(r);
  }
  /* A place that is no region (a dateline's, a firm's base) must not keep
   * two readings of one grant apart. */
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    if (live_approval(fact_at(r, i))) {
      prune_regions(r, text, len, fact_at(r, i));
    }
  }
  if (!st) {
    st = merge_events(r, text, len);
  }
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    if (live_approval(fact_at(r, i))) {
      prune_recipients(r, text, len, fact_at(r, i));
      prune_regions(r, text, len, fact_at(r, i));
    }
  }
  if (!st) {
    st = find_agents(r);
  }
  prune_statistics(r, text, len);
  drop_retold_headline(r);
  for (size_t i = 0; !st && i < r->facts.len; ++i) {
    TgFactRec *f = fact_at(r, i);
    if (f->pub.cls == TG_CLASS_APPROVAL || f->pub.cls == TG_CLASS_STATISTIC ||
        f->pub.cls == TG_CLASS_DECISION) {
      st = tg_fix_dateline_dates(r, text, len, f);
    }
  }
  if (!st) {
    st = tg_merge_decisions(r);
  }
  if (!st) {
    st = tg_inherit_meeting_dates(r);
  }
  compact(r);
  return st;
}
