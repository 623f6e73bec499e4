/* telegraph internals: the event step (events.c) and its reading of the
 * context of a mention (context.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_EVENTS_H
#define TG_EVENTS_H

#include "pipeline.h"

#include <stdbool.h>

/* ---- Shared by the event step's files (events.c, factdates.c) ---- */

/* How many earlier approvals (or dated decisions) a reading is compared
 * with. */
#define TG_EVENT_WINDOW 12

static inline TgFactRec *fact_at(TgResult *r, size_t i) {
  return (TgFactRec *)tg_vec_at(&r->facts, i);
}

static inline TgSlot *slot_at(TgFactRec *f, size_t i) {
  return (TgSlot *)tg_vec_at(&f->slots, i);
}

/* The first slot of `f` for `prop`, or NULL. */
static inline const TgSlot *first_slot(TgFactRec *f, TgProperty prop) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    if (slot_at(f, i)->prop == prop) {
      return slot_at(f, i);
    }
  }
  return NULL;
}

/** Dates of facts (factdates.c): approvals' dates that start or end a
 * state or are deadlines are dropped, before readings are merged. */
void tg_drop_state_dates(TgResult *r, const char *text, size_t len);

/** A dateline's date or the day something was said gives way to the
 * sentence's own date (or none) in fact `f`; a decision's date after the
 * article's gives way to another of its sentence (the day it was said) or
 * to none. */
TgStatus tg_fix_dateline_dates(TgResult *r, const char *text, size_t len, TgFactRec *f);

/** Two readings of one decision (same body, same policy) are one: the
 * later's date replaces the earlier's (factdates.c). */
TgStatus tg_merge_decisions(TgResult *r);

/** An undated approval by a cabinet or council takes the date of a
 * decision it took a few sentences before. */
TgStatus tg_inherit_meeting_dates(TgResult *r);

/** Mention `mi` (a recipient) follows words that make it someone other
 * than a grantee: "a unit of", "owned by", "with", "partner", "rivals". */
bool tg_named_as_other(TgResult *r, const char *text, long mi);

/** Mention `mi` is a parent naming its unit ("B's Chinese joint venture"). */
bool tg_parent_of_unit(TgResult *r, const char *text, size_t len, long mi);

/** Mention `mi` is the company announcing the news ("B said"). */
bool tg_announcer(TgResult *r, const char *text, size_t len, long mi);

/** Place mention `mi` is where a firm is based or works ("with depots
 * in"), the country of an agent ("the UK communications regulator") or a
 * dateline: no region. */
bool tg_place_not_region(TgResult *r, const char *text, size_t len, long mi);

/** Date mention `m` is a dateline's date ("NEW DELHI, June 6 (PTI) -"). */
bool tg_dateline_date(TgResult *r, const char *text, size_t len, const TgMention *m);

/** Date mention `m` is the day something was said ("said on Thursday"). */
bool tg_said_date(TgResult *r, const char *text, const TgMention *m);
/** Date mention `m` is after the article's date, at its precision ("next month"). */
bool tg_after_article(const TgResult *r, const TgMention *m);

/** Date mention `m` starts or ends a state or is a deadline, not the day
 * of an act: "in place since 2021", "valid until 2030", "ahead of 2026
 * deadline". */
bool tg_state_date(TgResult *r, const char *text, size_t len, const TgMention *m);

/** Sentence `si` places its act at a time with no calendar form ("last
 * week", "days ago", "recently"). */
bool tg_vague_time(TgResult *r, const char *text, size_t si);

/** Amount mention `m` (index `mi`) restates the amount just before it in
 * parentheses ("(about 3.9 billion U.S. dollars)"). */
bool tg_conversion(TgResult *r, const char *text, const TgMention *m, size_t mi);

/** Headline entities that name a body entity in short ("Airtel" for
 * "Bharti Airtel Limited") become that entity (headline.c). */
TgStatus tg_fold_headline_entities(TgResult *r);

/** Period totals and comparison dates (periods.c): a year after "the
 * first six months of" becomes that year's sixth month; a date after
 * "the same period" or a "by" date after the article's date is claimed,
 * so that no rule fills it in as a fact's date. */
TgStatus tg_read_periods(const TgLexicon *lex, TgResult *r, const char *text, bool *claimed);

/** The last month ("2025-06") of a period total that sentence `si` names
 * with no year ("in the first half", "from January to March",
 * "January-June"), in the year that puts it before the article's month,
 * and the words that name it (*phrase: "the first half", "from January to
 * March"); `*out` is NULL when there is none or the article has no month
 * (periods.c). */
TgStatus tg_sentence_period(const TgLexicon *lex, TgResult *r, const char *text, size_t si,
                            const char **out, TgSpan *phrase);

#endif /* TG_EVENTS_H */
