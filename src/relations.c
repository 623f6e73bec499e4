/* telegraph stage 5, the relation rules: facts from abstracted sentences.
 *
 * Each sentence is rewritten with a typed placeholder for every mention
 * ("<REG> on <DATE> announced that it has granted approvals to <NUM>
 * operators in <LOC>, <LOC> and <LOC>"; abstract.c), and fact rules match
 * PCRE2 patterns over that text.  A named group fills the property of its name
 * with every mention of a fitting class inside it, so one group takes a
 * whole list; `also` patterns add slots, `fill` takes the remaining
 * mentions of the sentence, `reject` vetoes hedged or negated wording
 * before the trigger, `attach` adds to the last fact of a class in the
 * previous few sentences.  What a statistic takes from around it (its
 * unit, its date, a compared value's measure) is statistics.c's.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "abstract.h"
#include "events.h"
#include "pipeline.h"
#include "statistics.h"

#include <stdio.h>
#include <string.h>

/* How many sentences back an `attach` rule may reach. */
#define TG_ATTACH_WINDOW 4
/* Bytes of text before a trigger that `reject` patterns see. */
#define TG_REJECT_WINDOW 64
/* Confidence factor for a fact with a slot filled by coreference. */
#define TG_COREF_FACTOR 0.85

/* tg_match behind the prefilter. */
static TgStatus match(TgMatcher *m, const TgAbstract *a, const TgPattern *pat, size_t len,
                      size_t start) {
  if (!tg_screen_may_match(&a->screen, pat)) {
    return tg_match_skipped(m, pat);
  }
  return tg_match(m, pat, a->abs.buf, len, start);
}

/* Which mention classes a property takes (bit set of TgClass); 0 for a
 * literal property whose value is the matched text. */
static unsigned accepts(TgProperty prop) {
#define B(c) (1u << (c))
  switch (prop) {
  case TG_PROP_GRANTED_BY:
  case TG_PROP_DECIDED_BY: return B(TG_CLASS_REGULATOR) | B(TG_CLASS_GOVERNMENT_BODY);
  case TG_PROP_GRANTED_TO:
  case TG_PROP_PARENT:
  case TG_PROP_CHILD: return B(TG_CLASS_COMPANY);
  case TG_PROP_RECIPIENT_COUNT: return B(TG_CLASS_NUMBER);
  case TG_PROP_FOR_SERVICE: return B(TG_CLASS_SERVICE);
  case TG_PROP_IN_REGION: return B(TG_CLASS_PLACE);
  case TG_PROP_DATE:
  case TG_PROP_AS_OF: return B(TG_CLASS_DATE);
  case TG_PROP_VALUE: return B(TG_CLASS_NUMBER) | B(TG_CLASS_MONEY) | B(TG_CLASS_PERCENT);
  case TG_PROP_CHANGE_PERCENT: return B(TG_CLASS_PERCENT);
  case TG_PROP_ADOPTS: return B(TG_CLASS_POLICY);
  case TG_PROP_REPORTED_BY: return B(TG_CLASS_NEWS_AGENCY);
  case TG_PROP_PERSON: return B(TG_CLASS_PERSON);
  case TG_PROP_AFFILIATION:
    return B(TG_CLASS_REGULATOR) | B(TG_CLASS_GOVERNMENT_BODY) | B(TG_CLASS_COMPANY) |
           B(TG_CLASS_NEWS_AGENCY);
  default: return 0;
  }
#undef B
}

static bool multi_valued(TgProperty prop) {
  return prop == TG_PROP_GRANTED_TO || prop == TG_PROP_FOR_SERVICE ||
         prop == TG_PROP_IN_REGION || prop == TG_PROP_ADOPTS;
}


typedef struct {
  const TgRule *rule;
  TgFactRec fact;
  bool coref;
  bool claim_conflict;
  unsigned group_props; /* properties filled from named groups */
  TgSpan trigger; /* in abs; end 0 when none */
  long agent_lo, agent_hi; /* mentions of the `agent` group, or -1 */
} Build;

static bool has_prop(const TgFactRec *f, TgProperty prop) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    if (((const TgSlot *)tg_vec_at(&f->slots, i))->prop == prop) {
      return true;
    }
  }
  return false;
}

static bool uses_mention(const TgFactRec *f, long mention, long entity) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&f->slots, i);
    if (s->mention == mention || (entity >= 0 && s->entity == entity)) {
      return true;
    }
  }
  return false;
}

/* Add mention `mi` as `prop` to the fact being built. */
static TgStatus add_mention(TgResult *r, const bool *claimed, Build *b, TgProperty prop,
                            bool negate, size_t mi) {
  const TgMention *m = tg_mention_at(r, mi);
  if (!(accepts(prop) & (1u << m->cls))) {
    return TG_SUCCESS;
  }
  if (!multi_valued(prop) && has_prop(&b->fact, prop)) {
    return TG_SUCCESS;
  }
  if (uses_mention(&b->fact, (long)mi, tg_class_is_entity(m->cls) ? m->entity : -1)) {
    return TG_SUCCESS;
  }
  TgSlot slot = {prop, -1, (long)mi, NULL, NULL};
  if (tg_class_is_entity(m->cls)) {
    slot.entity = m->entity;
    if (m->flags & TG_MENTION_COREF) {
      b->coref = true;
    }
  } else {
    /* A number or a change belongs to one fact. */
    if (claimed[mi] && (prop == TG_PROP_VALUE || prop == TG_PROP_RECIPIENT_COUNT ||
                        prop == TG_PROP_CHANGE_PERCENT)) {
      b->claim_conflict = true;
      return TG_SUCCESS;
    }
    slot.literal = m->value;
    slot.datatype = m->datatype;
    if (prop == TG_PROP_RECIPIENT_COUNT) {
      if (strchr(m->value, '.') || m->value[0] == '-' || strcmp(m->value, "0") == 0) {
        return TG_SUCCESS;
      }
      slot.datatype = "integer";
    }
    if (negate && m->value[0] != '-') {
      char buf[80];
      snprintf(buf, sizeof buf, "-%s", m->value);
      if (!(slot.literal = tg_result_intern(r, buf, strlen(buf)))) {
        return TG_BAD_ALLOC;
      }
    }
  }
  return tg_fact_add_slot(&b->fact, &slot);
}

/* Text of abs[b, e) mapped back to the article, trimmed. */
static TgStatus literal_of(TgResult *r, const char *text, const TgAbstract *a, size_t b,
                           size_t e, bool lower, const char **out) {
  *out = NULL;
  while (b < e && a->abs.buf[b] == ' ') ++b;
  while (e > b && strchr(" ,;:", a->abs.buf[e - 1])) --e;
  if (e <= b) {
    return TG_SUCCESS;
  }
  const size_t tb = tg_abs_text_at(a, b);
  size_t te = tg_abs_text_at(a, e - 1);
  const long owner = tg_abs_owner(a, e - 1);
  if (owner >= 0) {
    te = tg_mention_at(r, (size_t)owner)->span.end;
  } else {
    size_t n = 1;
    uint32_t cp;
    if ((unsigned char)text[te] >= 0x80) {
      n = tg_utf8_decode((const unsigned char *)text + te, 4, &cp);
      n = n ? n : 1;
    }
    te += n;
  }
  TgBuf buf;
  tg_buf_init(&buf);
  for (size_t i = tb; i < te; ++i) {
    char c = text[i] == '\n' ? ' ' : text[i];
    if (lower && c >= 'A' && c <= 'Z') {
      c = (char)(c + 32);
    }
    if (tg_buf_putc(&buf, c)) {
      tg_buf_clear(&buf);
      return TG_BAD_ALLOC;
    }
  }
  *out = tg_result_intern(r, buf.buf, buf.len);
  tg_buf_clear(&buf);
  return *out ? TG_SUCCESS : TG_BAD_ALLOC;
}

/* Fill slots from the named groups of the last match of `pat`. */
static TgStatus take_groups(TgResult *r, const char *text, const TgAbstract *a,
                            const bool *claimed, const TgPattern *pat, pcre2_match_data *md,
                            Build *b) {
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
  uint32_t count = 0;
  uint32_t size = 0;
  PCRE2_SPTR table = NULL;
  pcre2_pattern_info(pat->code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(pat->code, PCRE2_INFO_NAMEENTRYSIZE, &size);
  pcre2_pattern_info(pat->code, PCRE2_INFO_NAMETABLE, &table);
  TgStatus st;
  for (uint32_t i = 0; i < count; ++i) {
    const unsigned char *e = table + i * size;
    const unsigned n = (unsigned)(e[0] << 8 | e[1]);
    const char *name = (const char *)e + 2;
    if (ov[2 * n] == PCRE2_UNSET) {
      continue;
    }
    const size_t gb = ov[2 * n];
    const size_t ge = ov[2 * n + 1];
    if (strcmp(name, "trigger") == 0) {
      b->trigger.begin = gb;
      b->trigger.end = ge;
      continue;
    }
    if (strcmp(name, "agent") == 0) {
      if ((st = literal_of(r, text, a, gb, ge, false, &b->fact.agent_text))) {
        return st;
      }
      /* A country or a description as the agent: no slot, and `fill`
       * does not take it ("Indonesia has cleared ..." is no region). */
      for (size_t pi = gb < ge ? tg_abs_piece_index(a, gb) : a->map.len; pi < a->map.len;
           pi = tg_abs_piece_next(a, pi, ge)) {
        const long owner = ((const TgPiece *)tg_vec_at(&a->map, pi))->owner;
        if (owner >= 0) {
          b->agent_lo = b->agent_lo < 0 ? owner : b->agent_lo;
          b->agent_hi = owner;
        }
      }
      continue;
    }
    const bool negate = strcmp(name, "changeDown") == 0;
    const TgProperty prop =
        negate ? TG_PROP_CHANGE_PERCENT : tg_property_from_name(name, strlen(name));
    if (accepts(prop) == 0) {
      if (has_prop(&b->fact, prop)) {
        continue;
      }
      const char *lit = NULL;
      const bool lower = prop == TG_PROP_UNIT || prop == TG_PROP_CHANGE_BASIS;
      if ((st = literal_of(r, text, a, gb, ge, lower, &lit))) {
        return st;
      }
      if (lit) {
        TgSlot slot = {prop, -1, -1, lit, NULL};
        if ((st = tg_fact_add_slot(&b->fact, &slot))) {
          return st;
        }
      }
      continue;
    }
    b->group_props |= 1u << prop;
    long last = -1;
    for (size_t pi = gb < ge ? tg_abs_piece_index(a, gb) : a->map.len; pi < a->map.len;
         pi = tg_abs_piece_next(a, pi, ge)) {
      const long owner = ((const TgPiece *)tg_vec_at(&a->map, pi))->owner;
      if (owner < 0 || owner == last) {
        continue;
      }
      last = owner;
      if ((st = add_mention(r, claimed, b, prop, negate, (size_t)owner))) {
        return st;
      }
    }
  }
  return TG_SUCCESS;
}

static bool any_match(TgMatcher *m, const TgVec *pats, const TgAbstract *a, size_t begin,
                      size_t end, TgStatus *st) {
  for (size_t i = 0; i < pats->len; ++i) {
    *st = match(m, a, (const TgPattern *)tg_vec_at(pats, i), end, begin);
    if (*st == TG_SUCCESS) {
      return true;
    }
    if (*st != TG_FAILURE) {
      return false;
    }
  }
  *st = TG_SUCCESS;
  return false;
}

static bool requirements_met(const TgRule *rule, const TgFactRec *f) {
  for (size_t i = 0; i < rule->require.len; ++i) {
    const unsigned bits = *(const unsigned *)tg_vec_at(&rule->require, i);
    bool ok = false;
    for (size_t k = 0; k < f->slots.len && !ok; ++k) {
      ok = (bits >> ((const TgSlot *)tg_vec_at(&f->slots, k))->prop) & 1u;
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

static TgFactRec *attach_target(TgResult *r, TgClass cls, size_t si) {
  /* Facts are in sentence order: stop at the first one out of reach. */
  for (size_t i = r->facts.len; i-- > 0;) {
    TgFactRec *f = (TgFactRec *)tg_vec_at(&r->facts, i);
    if (f->pub.sentence + TG_ATTACH_WINDOW < si) {
      break;
    }
    if (f->pub.cls == cls) {
      return f;
    }
  }
  return NULL;
}


/* Finish a candidate fact: fill, check, store (or merge for attach). */
static TgStatus commit(TgResult *r, const char *text, const TgAbstract *a, bool *claimed,
                       size_t si, size_t match_b, size_t match_e, Build *b, bool *made) {
  const TgRule *rule = b->rule;
  TgStatus st;
  *made = false;
  /* A yearless period total in the sentence ("from January to March")
   * dates its statistics, before any month inside it ("November" of
   * "November-December") could. */
  if (rule->cls == TG_CLASS_STATISTIC && !has_prop(&b->fact, TG_PROP_AS_OF) && a->period) {
    TgSlot slot = {TG_PROP_AS_OF, -1, a->period_mention, a->period, "gYearMonth"};
    if ((st = tg_fact_add_slot(&b->fact, &slot))) {
      return st;
    }
  }
  for (size_t k = 0; k < rule->fill.len; ++k) {
    const TgProperty prop = *(const TgProperty *)tg_vec_at(&rule->fill, k);
    if (prop == TG_PROP_UNIT) {
      if (!has_prop(&b->fact, TG_PROP_UNIT) &&
          (st = tg_stat_inherit_unit(r, si, TG_ATTACH_WINDOW, &b->fact))) {
        return st;
      }
      continue;
    }
    const long anchor = prop == TG_PROP_AS_OF ? tg_stat_value_anchor(&b->fact) : -1;
    long best = -1;
    size_t best_gap = 0;
    for (size_t mi = a->first; mi < a->last; ++mi) {
      const TgMention *m = tg_mention_at(r, mi);
      if ((m->flags & (TG_MENTION_DEFINITION | TG_MENTION_PERIOD)) ||
          (prop == TG_PROP_IN_REGION && (m->flags & TG_MENTION_POSSESSIVE)) ||
          (b->agent_lo >= 0 && (long)mi >= b->agent_lo && (long)mi <= b->agent_hi) ||
          (!tg_class_is_entity(m->cls) && claimed[mi]) ||
          (prop == TG_PROP_DATE && m->cls == TG_CLASS_DATE && tg_after_article(r, m))) {
        continue;
      }
      if (anchor >= 0) {
        /* A statistic's date is the one nearest its value ("stood at
         * 31.6 trillion yuan at the end of 2024", not "since 2023"). */
        size_t gap = 0;
        if (m->cls == TG_CLASS_DATE && tg_stat_date_gap(r, text, a, m, anchor, &gap) &&
            (best < 0 || gap < best_gap)) {
          best = (long)mi;
          best_gap = gap;
        }
        continue;
      }
      if ((st = add_mention(r, claimed, b, prop, false, mi))) {
        return st;
      }
    }
    if (best >= 0 && (st = add_mention(r, claimed, b, prop, false, (size_t)best))) {
      return st;
    }
  }
  if (rule->cls == TG_CLASS_STATISTIC && !has_prop(&b->fact, TG_PROP_AS_OF) &&
      (st = tg_stat_same_date(r, text, si, &b->fact))) {
    return st;
  }
  if (b->claim_conflict && rule->cls == TG_CLASS_STATISTIC &&
      !has_prop(&b->fact, TG_PROP_VALUE) && !has_prop(&b->fact, TG_PROP_CHANGE_PERCENT)) {
    return TG_SUCCESS;
  }
  if ((st = tg_stat_derive_unit(r, &b->fact))) {
    return st;
  }
  TgFactRec *target = rule->attach ? attach_target(r, rule->attach, si) : NULL;
  /* An approval's part with no approval nearby is kept as a fragment for
   * the event step, which reads the whole article. */
  const bool fragment = rule->attach && !target && rule->attach == TG_CLASS_APPROVAL &&
                        rule->cls == TG_CLASS_APPROVAL;
  if (rule->attach && !target && !fragment) {
    return TG_SUCCESS;
  }
  if (!target && !requirements_met(rule, &b->fact)) {
    return TG_SUCCESS;
  }
  /* Claim the values the fact uses. */
  for (size_t i = 0; i < b->fact.slots.len; ++i) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&b->fact.slots, i);
    if (s->mention >= 0 && !tg_class_is_entity(tg_mention_at(r, (size_t)s->mention)->cls) &&
        tg_mention_at(r, (size_t)s->mention)->cls != TG_CLASS_DATE) {
      claimed[s->mention] = true;
    }
  }
  if (target) {
    for (size_t i = 0; i < b->fact.slots.len; ++i) {
      const TgSlot *s = (const TgSlot *)tg_vec_at(&b->fact.slots, i);
      if (!multi_valued(s->prop) && has_prop(target, s->prop)) {
        /* A value the attaching rule names explicitly ("approved on April
         * 10") is more specific than one the first sentence implied. */
        if (!(b->group_props & (1u << s->prop))) {
          continue;
        }
        for (size_t k = 0; k < target->slots.len; ++k) {
          TgSlot *t = (TgSlot *)tg_vec_at(&target->slots, k);
          if (t->prop == s->prop) {
            *t = *s;
          }
        }
        continue;
      }
      if ((st = tg_fact_add_slot(target, s))) {
        return st;
      }
    }
    target->pub.confidence = target->pub.confidence < rule->confidence
                                 ? target->pub.confidence
                                 : rule->confidence;
    tg_vec_clear(&b->fact.slots);
    *made = true;
    return TG_SUCCESS;
  }
  TgFactRec *f = &b->fact;
  f->fragment = fragment;
  f->agentless = (rule->cls == TG_CLASS_APPROVAL && !has_prop(f, TG_PROP_GRANTED_BY)) ||
                  (rule->cls == TG_CLASS_DECISION && !has_prop(f, TG_PROP_DECIDED_BY));
  f->pub.cls = rule->cls;
  f->pub.rule = rule->id;
  f->pub.confidence = rule->confidence * (b->coref ? TG_COREF_FACTOR : 1.0);
  f->pub.sentence = si;
  f->pub.span.begin = tg_abs_text_at(a, match_b);
  f->pub.span.end = match_e > match_b ? tg_abs_text_at(a, match_e - 1) + 1 : f->pub.span.begin;
  {
    const long owner = match_e > match_b ? tg_abs_owner(a, match_e - 1) : -1;
    if (owner >= 0) {
      f->pub.span.end = tg_mention_at(r, (size_t)owner)->span.end;
    }
  }
  if ((st = tg_vec_push(&r->facts, f))) {
    return st;
  }
  /* The stored copy owns the slots now. */
  memset(&b->fact.slots, 0, sizeof b->fact.slots);
  TgFactRec *stored = (TgFactRec *)tg_vec_at(&r->facts, r->facts.len - 1);
  stored->pub.slots = (const TgSlot *)stored->slots.data;
  stored->pub.n_slots = stored->slots.len;
  if (rule->cls == TG_CLASS_SUBSIDIARY) {
    long parent = -1;
    long child = -1;
    for (size_t i = 0; i < stored->slots.len; ++i) {
      const TgSlot *s = (const TgSlot *)tg_vec_at(&stored->slots, i);
      parent = s->prop == TG_PROP_PARENT ? s->entity : parent;
      child = s->prop == TG_PROP_CHILD ? s->entity : child;
    }
    if (parent >= 0 && child >= 0 && parent != child) {
      tg_entity_rec(r, (size_t)child)->pub.parent = parent;
    }
  }
  *made = true;
  return TG_SUCCESS;
}

static TgStatus run_rule(TgResult *r, const char *text, const TgAbstract *a, bool *claimed,
                         TgMatcher *m, const TgRule *rule, size_t si, bool *made_any) {
  TgStatus st;
  const size_t len = a->abs.len;
  for (size_t w = 0; w < rule->patterns[TG_PAT_WHEN].len; ++w) {
    st = tg_match_when(m, &a->screen, (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_WHEN], w),
                       a->abs.buf, len, 0);
    if (st == TG_FAILURE) {
      return TG_SUCCESS;
    }
    if (st) {
      return st;
    }
  }
  for (size_t j = 0; j < rule->patterns[TG_PAT_MAIN].len; ++j) {
    const TgPattern *pat = (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_MAIN], j);
    size_t at = 0;
    while (at < len) {
      st = match(m, a, pat, len, at);
      if (st == TG_FAILURE) {
        break;
      }
      if (st) {
        return st;
      }
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
      const size_t mb = ov[0];
      const size_t me = ov[1];
      at = me > at ? me : at + 1;
      Build b;
      memset(&b, 0, sizeof b);
      b.rule = rule;
      b.agent_lo = b.agent_hi = -1;
      tg_vec_init(&b.fact.slots, sizeof(TgSlot));
      if ((st = take_groups(r, text, a, claimed, pat, m->md, &b))) {
        tg_vec_clear(&b.fact.slots);
        return st;
      }
      /* Hedged or negated wording just before the trigger vetoes it. */
      /* The window ends at the trigger and reaches back 64 bytes, not past
       * the start of the match, unless the match starts with its trigger
       * ("reach 350,000 units" after "the board expects output to"). */
      const size_t wend = b.trigger.end ? b.trigger.end : me;
      const size_t wbeg =
          !b.trigger.end ? mb
          : b.trigger.begin > mb + TG_REJECT_WINDOW ? b.trigger.begin - TG_REJECT_WINDOW
          : b.trigger.begin > mb                   ? mb
          : b.trigger.begin > TG_REJECT_WINDOW     ? b.trigger.begin - TG_REJECT_WINDOW
                                                   : 0;
      if (any_match(m, &rule->patterns[TG_PAT_REJECT], a, wbeg, wend, &st) || st) {
        tg_vec_clear(&b.fact.slots);
        if (st) {
          return st;
        }
        continue;
      }
      for (size_t k = 0; k < rule->patterns[TG_PAT_ALSO].len; ++k) {
        const TgPattern *also = (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_ALSO], k);
        size_t from = 0;
        while (from < len) {
          st = match(m, a, also, len, from);
          if (st == TG_FAILURE) {
            break;
          }
          if (st || (st = take_groups(r, text, a, claimed, also, m->md, &b))) {
            tg_vec_clear(&b.fact.slots);
            return st;
          }
          PCRE2_SIZE *ov2 = pcre2_get_ovector_pointer(m->md);
          from = ov2[1] > from ? ov2[1] : from + 1;
        }
      }
      bool made = false;
      st = commit(r, text, a, claimed, si, mb, me, &b, &made);
      tg_vec_clear(&b.fact.slots);
      if (st) {
        return st;
      }
      *made_any = *made_any || made;
    }
    if (*made_any) {
      break; /* the first pattern of a rule that yields a fact wins */
    }
  }
  return TG_SUCCESS;
}

/* ---- Period phrases: the words a yearless period's date comes from ---- */

/* The mentions of `r` with `add` (sorted by position) merged in, each
 * after the mentions that start where it does; the gazetteer entries
 * follow (-1 for an added one). */
static TgStatus merge_mentions(TgResult *r, const TgVec *add) {
  TgVec ms;
  TgVec gaz;
  tg_vec_init(&ms, sizeof(TgMention));
  tg_vec_init(&gaz, sizeof(long));
  const bool with_gaz = r->mention_gaz.len == r->mentions.len;
  const long none = -1;
  TgStatus st = TG_SUCCESS;
  size_t j = 0;
  for (size_t i = 0; !st && (i < r->mentions.len || j < add->len);) {
    const TgMention *next = i < r->mentions.len ? tg_mention_at(r, i) : NULL;
    const TgMention *extra = j < add->len ? (const TgMention *)tg_vec_at(add, j) : NULL;
    if (extra && (!next || extra->span.begin < next->span.begin)) {
      st = tg_vec_push(&ms, extra);
      if (!st && with_gaz) {
        st = tg_vec_push(&gaz, &none);
      }
      ++j;
    } else {
      st = tg_vec_push(&ms, next);
      if (!st && with_gaz) {
        st = tg_vec_push(&gaz, tg_vec_at(&r->mention_gaz, i));
      }
      ++i;
    }
  }
  if (st) {
    tg_vec_clear(&ms);
    tg_vec_clear(&gaz);
    return st;
  }
  tg_vec_clear(&r->mentions);
  r->mentions = ms;
  if (with_gaz) {
    tg_vec_clear(&r->mention_gaz);
    r->mention_gaz = gaz;
  }
  return TG_SUCCESS;
}

/* A yearless period total ("from January to March") dates the statistics
 * of its sentence (and, "in the same period", of the next few): its words
 * become a mention (TG_MENTION_PERIOD) for their asOf slots to point to,
 * before any fact holds a mention's index. */
static TgStatus period_mentions(const TgPipeline *p, TgResult *r, const char *text) {
  TgVec add;
  tg_vec_init(&add, sizeof(TgMention));
  TgStatus st = TG_SUCCESS;
  for (size_t si = 0; !st && si < r->sentences.len; ++si) {
    const char *period = NULL;
    TgSpan phrase = {0, 0};
    st = tg_sentence_period(p->lexicon, r, text, si, &period, &phrase);
    if (!st && period) {
      TgMention m;
      memset(&m, 0, sizeof m);
      m.span = phrase;
      m.cls = TG_CLASS_NONE;
      m.entity = -1;
      m.value = period;
      m.datatype = "gYearMonth";
      m.flags = TG_MENTION_PERIOD;
      m.sentence = si;
      m.source = "period";
      st = tg_vec_push(&add, &m);
    }
  }
  if (!st && add.len) {
    st = merge_mentions(r, &add);
  }
  tg_vec_clear(&add);
  return st;
}

TgStatus tg_relate(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m) {
  const char *text = tg_document_text(doc);
  TgStatus st = period_mentions(p, r, text);
  if (st) {
    return st;
  }
  TgAbstract a;
  tg_buf_init(&a.abs);
  tg_vec_init(&a.map, sizeof(TgPiece));
  bool *claimed = (bool *)tg_calloc(r->mentions.len + 1, sizeof(bool));
  if (!claimed || tg_screen_init_stage(&a.screen, p->rules, true)) {
    tg_free(claimed);
    tg_buf_clear(&a.abs);
    tg_vec_clear(&a.map);
    return TG_BAD_ALLOC;
  }
  st = tg_read_periods(p->lexicon, r, text, claimed);
  size_t cursor = 0;
  for (size_t si = 0; !st && si < r->sentences.len; ++si) {
    if ((st = tg_abstract_sentence(r, text, si, &cursor, &a)) ||
        (st = tg_screen_set(&a.screen, a.abs.buf, a.abs.len))) {
      break;
    }
    bool done[TG_N_CLASSES] = {false};
    const size_t first_fact = r->facts.len;
    size_t n_rules = 0;
    const unsigned *fact_rules = tg_ruleset_stage(p->rules, true, &n_rules);
    for (size_t ri = 0; !st && ri < n_rules; ++ri) {
      const TgRule *rule = tg_ruleset_rule(p->rules, fact_rules[ri]);
      if (!rule->attach && done[rule->cls]) {
        continue;
      }
      bool made = false;
      st = run_rule(r, text, &a, claimed, m, rule, si, &made);
      /* Two rules reading one approval or decision in a sentence would
       * duplicate it; statistics may be many, kept apart by their values. */
      if (made && !rule->attach &&
          (rule->cls == TG_CLASS_APPROVAL || rule->cls == TG_CLASS_DECISION)) {
        done[rule->cls] = true;
      }
    }
    if (!st) {
      st = tg_stat_compared_measures(r, first_fact);
    }
  }
  tg_free(claimed);
  tg_screen_clear(&a.screen);
  tg_buf_clear(&a.abs);
  tg_vec_clear(&a.map);
  return st;
}
