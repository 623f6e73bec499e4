/* telegraph: the result of extracting one document, and the names of
 * classes and properties.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "pipeline.h"

#include <string.h>

static const char *const class_names[TG_N_CLASSES] = {
    "",          "Regulator", "GovernmentBody", "Company",  "NewsAgency", "Person",
    "Place",     "Policy",    "Service",        "Date",     "Number",     "Money",
    "Percent",   "Approval",  "Statistic",      "Decision", "Report",     "Subsidiary",
    "Role"};

static const char *const prop_names[TG_N_PROPS] = {
    "",           "grantedBy", "grantedTo",  "recipientCount", "forService",
    "inRegion",   "date",      "measure",    "value",          "unit",
    "asOf",       "changePercent", "changeBasis", "decidedBy", "adopts",
    "reportedBy", "parent",    "child",      "person",         "jobTitle",
    "affiliation"};

const char *tg_class_name(TgClass cls) {
  return (cls > TG_CLASS_NONE && cls < TG_N_CLASSES) ? class_names[cls] : "";
}

TgClass tg_class_from_name(const char *name, size_t len) {
  for (int i = 1; i < TG_N_CLASSES; ++i) {
    if (strlen(class_names[i]) == len && memcmp(class_names[i], name, len) == 0) {
      return (TgClass)i;
    }
  }
  return TG_CLASS_NONE;
}

const char *tg_property_name(TgProperty prop) {
  return (prop > TG_PROP_NONE && prop < TG_N_PROPS) ? prop_names[prop] : "";
}

TgProperty tg_property_from_name(const char *name, size_t len) {
  for (int i = 1; i < TG_N_PROPS; ++i) {
    if (strlen(prop_names[i]) == len && memcmp(prop_names[i], name, len) == 0) {
      return (TgProperty)i;
    }
  }
  return TG_PROP_NONE;
}

bool tg_class_is_entity(TgClass cls) {
  return cls >= TG_CLASS_REGULATOR && cls <= TG_CLASS_SERVICE;
}

TgResult *tg_result_new(void) {
  TgResult *r = (TgResult *)tg_calloc(1, sizeof *r);
  if (r) {
    tg_vec_init(&r->sentences, sizeof(TgSpan));
    tg_vec_init(&r->mentions, sizeof(TgMention));
    tg_vec_init(&r->entities, sizeof(TgEntityRec));
    tg_vec_init(&r->facts, sizeof(TgFactRec));
    tg_vec_init(&r->strings, sizeof(char *));
    tg_vec_init(&r->mention_gaz, sizeof(long));
  }
  return r;
}

void tg_result_free(TgResult *r) {
  if (!r) {
    return;
  }
  for (size_t i = 0; i < r->entities.len; ++i) {
    tg_vec_clear(&tg_entity_rec(r, i)->aliases);
  }
  for (size_t i = 0; i < r->facts.len; ++i) {
    tg_vec_clear(&((TgFactRec *)tg_vec_at(&r->facts, i))->slots);
  }
  for (size_t i = 0; i < r->strings.len; ++i) {
    tg_free(*(char **)tg_vec_at(&r->strings, i));
  }
  tg_vec_clear(&r->sentences);
  tg_vec_clear(&r->mentions);
  tg_vec_clear(&r->entities);
  tg_vec_clear(&r->facts);
  tg_vec_clear(&r->strings);
  tg_vec_clear(&r->mention_gaz);
  tg_free(r);
}

const char *tg_result_intern(TgResult *r, const char *s, size_t len) {
  char *copy = tg_strndup(s, len);
  if (!copy || tg_vec_push(&r->strings, &copy)) {
    tg_free(copy);
    return NULL;
  }
  return copy;
}

TgStatus tg_entity_add_alias(TgResult *r, TgEntityRec *e, const char *s, size_t len) {
  if (strlen(e->pub.label) == len && memcmp(e->pub.label, s, len) == 0) {
    return TG_SUCCESS;
  }
  for (size_t i = 0; i < e->aliases.len; ++i) {
    const char *a = *(const char **)tg_vec_at(&e->aliases, i);
    if (strlen(a) == len && memcmp(a, s, len) == 0) {
      return TG_SUCCESS;
    }
  }
  const char *copy = tg_result_intern(r, s, len);
  if (!copy || tg_vec_push(&e->aliases, &copy)) {
    return TG_BAD_ALLOC;
  }
  e->pub.aliases = (const char *const *)e->aliases.data;
  e->pub.n_aliases = e->aliases.len;
  return TG_SUCCESS;
}

TgStatus tg_fact_add_slot(TgFactRec *f, const TgSlot *slot) {
  for (size_t i = 0; i < f->slots.len; ++i) {
    const TgSlot *s = (const TgSlot *)tg_vec_at(&f->slots, i);
    if (s->prop == slot->prop &&
        ((slot->entity >= 0 && s->entity == slot->entity) ||
         (slot->entity < 0 && s->literal && slot->literal && strcmp(s->literal, slot->literal) == 0))) {
      return TG_SUCCESS;
    }
  }
  if (tg_vec_push(&f->slots, slot)) {
    return TG_BAD_ALLOC;
  }
  f->pub.slots = (const TgSlot *)f->slots.data;
  f->pub.n_slots = f->slots.len;
  return TG_SUCCESS;
}

size_t tg_result_n_sentences(const TgResult *r) { return r->sentences.len; }
TgSpan tg_result_sentence(const TgResult *r, size_t i) {
  return *(const TgSpan *)tg_vec_at(&r->sentences, i);
}
size_t tg_result_n_mentions(const TgResult *r) { return r->mentions.len; }
const TgMention *tg_result_mention(const TgResult *r, size_t i) {
  return (const TgMention *)tg_vec_at(&r->mentions, i);
}
size_t tg_result_n_entities(const TgResult *r) { return r->entities.len; }
const TgEntity *tg_result_entity(const TgResult *r, size_t i) {
  return &((const TgEntityRec *)tg_vec_at(&r->entities, i))->pub;
}
size_t tg_result_n_facts(const TgResult *r) { return r->facts.len; }
const TgFact *tg_result_fact(const TgResult *r, size_t i) {
  return &((const TgFactRec *)tg_vec_at(&r->facts, i))->pub;
}
