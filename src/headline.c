/* telegraph, the event step's headline names: a headline names in short
 * what the body names in full ("Telecom department awards spectrum to
 * Airtel" above "Bharti Airtel Limited"; "Kopano Digital Bank gets full
 * licence" above "Kopano Digital Bank Limited").  An entity mentioned only
 * in the headline whose words are a run of the words of one body entity of
 * its class becomes that entity; its form is kept as an alias.
 *
 * Only the first TG_HEADLINE_NAMES headline entities are weighed, each
 * against every entity once, so the cost is linear in the article.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "events.h"

#include <string.h>

#define TG_HEADLINE_NAMES 16

static bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (unsigned char)c >= 0x80;
}

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* Is `shortname` a run of whole words of `full` (case-insensitive)? */
static bool word_run(const char *shortname, const char *full) {
  const size_t n = strlen(shortname);
  const size_t m = strlen(full);
  if (n == 0 || n >= m) {
    return false;
  }
  for (size_t i = 0; i + n <= m; ++i) {
    if (i > 0 && word_char(full[i - 1])) {
      continue;
    }
    size_t k = 0;
    while (k < n && lower(full[i + k]) == lower(shortname[k])) ++k;
    if (k == n && (i + n == m || !word_char(full[i + n]))) {
      return true;
    }
  }
  return false;
}

/* Is `shortname` (two to four letters) the initials of the first words of
 * `full`, case aside ("Vi" for "Vodafone Idea Limited", "BPCL" for
 * "Bharat Petroleum Corporation Limited")? */
static bool initials_of(const char *shortname, const char *full) {
  const size_t n = strlen(shortname);
  if (n < 2 || n > 4) {
    return false;
  }
  size_t i = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = shortname[k];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
    while (full[i] == ' ') ++i;
    if (!full[i] || lower(full[i]) != lower(c)) {
      return false;
    }
    while (full[i] && full[i] != ' ') ++i;
  }
  return true;
}

/* The one body entity of class `cls` whose name holds `shortname` as a run
 * of words (or begins with words it is the initials of); -1 if none or
 * more than one. */
static long body_entity(TgResult *r, const bool *body, size_t self, TgClass cls,
                        const char *shortname) {
  long found = -1;
  for (size_t e = 0; e < r->entities.len; ++e) {
    const TgEntityRec *x = tg_entity_rec(r, e);
    if (e == self || !body[e] || x->pub.cls != cls ||
        !(word_run(shortname, x->pub.label) || initials_of(shortname, x->pub.label))) {
      continue;
    }
    if (found >= 0) {
      return -1;
    }
    found = (long)e;
  }
  return found;
}

/* Entity indices after the removal of the folded ones: remap[e] is e's new
 * index, or its target's for a folded entity. */
static void renumber(TgResult *r, long *remap) {
  for (size_t i = 0; i < r->mentions.len; ++i) {
    TgMention *m = tg_mention_at(r, i);
    if (m->entity >= 0) {
      m->entity = remap[m->entity];
    }
  }
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *f = (TgFactRec *)tg_vec_at(&r->facts, i);
    for (size_t k = 0; k < f->slots.len; ++k) {
      TgSlot *s = (TgSlot *)tg_vec_at(&f->slots, k);
      if (s->entity >= 0) {
        s->entity = remap[s->entity];
      }
    }
  }
  for (size_t e = 0; e < r->entities.len; ++e) {
    TgEntityRec *x = tg_entity_rec(r, e);
    if (x->pub.parent >= 0) {
      x->pub.parent = remap[x->pub.parent];
    }
  }
}

TgStatus tg_fold_headline_entities(TgResult *r) {
  const size_t n = r->entities.len;
  if (!r->headline || n == 0) {
    return TG_SUCCESS;
  }
  bool *body = (bool *)tg_calloc(n, sizeof *body);
  long *target = (long *)tg_calloc(n, sizeof *target);
  if (!body || !target) {
    tg_free(body);
    tg_free(target);
    return TG_BAD_ALLOC;
  }
  for (size_t i = 0; i < r->mentions.len; ++i) {
    const TgMention *m = tg_mention_at(r, i);
    if (m->entity >= 0 && m->sentence > 0) {
      body[m->entity] = true;
    }
  }
  TgStatus st = TG_SUCCESS;
  size_t weighed = 0;
  bool any = false;
  for (size_t e = 0; e < n; ++e) {
    target[e] = -1;
    if (body[e] || weighed >= TG_HEADLINE_NAMES) {
      continue;
    }
    ++weighed;
    TgEntityRec *x = tg_entity_rec(r, e);
    target[e] = body_entity(r, body, e, x->pub.cls, x->pub.label);
    if (target[e] >= 0) {
      any = true;
      st = tg_entity_add_alias(r, tg_entity_rec(r, (size_t)target[e]), x->pub.label,
                               strlen(x->pub.label));
      for (size_t k = 0; !st && k < x->aliases.len; ++k) {
        const char *a = *(const char **)tg_vec_at(&x->aliases, k);
        st = tg_entity_add_alias(r, tg_entity_rec(r, (size_t)target[e]), a, strlen(a));
      }
    }
  }
  if (!st && any) {
    /* New indices: kept entities in order; a folded one maps to its
     * target's new index (targets are body entities, never folded). */
    long *remap = (long *)tg_calloc(n, sizeof *remap);
    if (!remap) {
      st = TG_BAD_ALLOC;
    } else {
      long next = 0;
      for (size_t e = 0; e < n; ++e) {
        remap[e] = target[e] >= 0 ? -1 : next++;
      }
      for (size_t e = 0; e < n; ++e) {
        if (target[e] >= 0) {
          remap[e] = remap[target[e]];
        }
      }
      renumber(r, remap);
      size_t out = 0;
      for (size_t e = 0; e < n; ++e) {
        TgEntityRec *x = tg_entity_rec(r, e);
        if (target[e] >= 0) {
          tg_vec_clear(&x->aliases);
          continue;
        }
        *tg_entity_rec(r, out++) = *x;
      }
      r->entities.len = out;
      tg_free(remap);
    }
  }
  tg_free(body);
  tg_free(target);
  return st;
}
