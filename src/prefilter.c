/* telegraph internals: the prefilter in front of PCRE2 (prefilter.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "prefilter.h"

#include "needs.h"

#include <string.h>

void tg_needs_init(TgNeeds *t) {
  memset(t, 0, sizeof *t);
  tg_vec_init(&t->strs, sizeof(TgNeedStr));
  tg_vec_init(&t->sets, sizeof(TgNeedSet));
  tg_vec_init(&t->set_ids, sizeof(unsigned));
}

void tg_needs_clear(TgNeeds *t) {
  for (size_t i = 0; i < t->strs.len; ++i) {
    tg_free(((TgNeedStr *)tg_vec_at(&t->strs, i))->s);
  }
  tg_vec_clear(&t->strs);
  tg_free(t->str_slots);
  tg_vec_clear(&t->sets);
  tg_vec_clear(&t->set_ids);
  tg_free(t->set_slots);
  memset(t, 0, sizeof *t);
}

/* The slot of needed string lit[0..k) in the index: its id + 1, or 0
 * where it would go. */
static unsigned *str_slot(const TgNeeds *t, const char *lit, size_t k) {
  size_t i = (size_t)tg_hash(lit, k) & (t->str_cap - 1);
  for (;; i = (i + 1) & (t->str_cap - 1)) {
    const unsigned id = t->str_slots[i];
    if (id == 0) {
      return &t->str_slots[i];
    }
    const TgNeedStr *n = (const TgNeedStr *)tg_vec_at(&t->strs, id - 1);
    if (n->len == k && memcmp(n->s, lit, k) == 0) {
      return &t->str_slots[i];
    }
  }
}

/* Make room in the index for one more string (kept at most half full). */
static TgStatus str_room(TgNeeds *t) {
  if (2 * (t->strs.len + 1) <= t->str_cap) {
    return TG_SUCCESS;
  }
  const size_t cap = t->str_cap ? 2 * t->str_cap : 256;
  unsigned *slots = (unsigned *)tg_calloc(cap, sizeof(unsigned));
  if (!slots) {
    return TG_BAD_ALLOC;
  }
  tg_free(t->str_slots);
  t->str_slots = slots;
  t->str_cap = cap;
  for (size_t id = 0; id < t->strs.len; ++id) {
    const TgNeedStr *n = (const TgNeedStr *)tg_vec_at(&t->strs, id);
    *str_slot(t, n->s, n->len) = (unsigned)id + 1;
  }
  return TG_SUCCESS;
}

/* The id of needed string `lit`, added to the set's table if new (ids in
 * order of first appearance). */
static TgStatus str_id(TgNeeds *t, const char *lit, unsigned *id) {
  if (str_room(t)) {
    return TG_BAD_ALLOC;
  }
  const size_t k = strlen(lit);
  unsigned *slot = str_slot(t, lit, k);
  if (*slot) {
    *id = *slot - 1;
    return TG_SUCCESS;
  }
  TgNeedStr n = {tg_strdup(lit), k, tg_need_folds(lit)};
  if (!n.s || tg_vec_push(&t->strs, &n)) {
    tg_free(n.s);
    return TG_BAD_ALLOC;
  }
  *id = (unsigned)(t->strs.len - 1);
  *slot = *id + 1;
  return TG_SUCCESS;
}

/* The slot of the set of string ids ids[0..n) in the set index: its id + 1,
 * or 0 where it would go. */
static unsigned *set_slot(const TgNeeds *t, const unsigned *ids, unsigned n) {
  size_t i = (size_t)tg_hash((const char *)ids, n * sizeof *ids) & (t->set_cap - 1);
  for (;; i = (i + 1) & (t->set_cap - 1)) {
    const unsigned id = t->set_slots[i];
    if (id == 0) {
      return &t->set_slots[i];
    }
    const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&t->sets, id - 1);
    if (ns->n == n &&
        memcmp(tg_vec_at(&t->set_ids, ns->first), ids, n * sizeof *ids) == 0) {
      return &t->set_slots[i];
    }
  }
}

/* Make room in the set index for one more set (kept at most half full). */
static TgStatus set_room(TgNeeds *t) {
  if (2 * (t->sets.len + 1) <= t->set_cap) {
    return TG_SUCCESS;
  }
  const size_t cap = t->set_cap ? 2 * t->set_cap : 256;
  unsigned *slots = (unsigned *)tg_calloc(cap, sizeof(unsigned));
  if (!slots) {
    return TG_BAD_ALLOC;
  }
  tg_free(t->set_slots);
  t->set_slots = slots;
  t->set_cap = cap;
  for (size_t id = 0; id < t->sets.len; ++id) {
    const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&t->sets, id);
    *set_slot(t, (const unsigned *)tg_vec_at(&t->set_ids, ns->first), ns->n) = (unsigned)id + 1;
  }
  return TG_SUCCESS;
}

/* The id of the set of string ids ids[0..n), added if new. */
static TgStatus set_id(TgNeeds *t, const unsigned *ids, unsigned n, unsigned *id) {
  if (set_room(t)) {
    return TG_BAD_ALLOC;
  }
  unsigned *slot = set_slot(t, ids, n);
  if (*slot) {
    *id = *slot - 1;
    return TG_SUCCESS;
  }
  TgNeedSet ns = {(unsigned)t->set_ids.len, n};
  for (unsigned k = 0; k < n; ++k) {
    if (tg_vec_push(&t->set_ids, &ids[k])) {
      return TG_BAD_ALLOC;
    }
  }
  if (tg_vec_push(&t->sets, &ns)) {
    return TG_BAD_ALLOC;
  }
  *id = (unsigned)(t->sets.len - 1);
  *slot = *id + 1;
  return TG_SUCCESS;
}

TgStatus tg_needs_add(TgNeeds *t, const char *src, size_t len, unsigned **sets,
                      unsigned *n_sets) {
  *sets = NULL;
  *n_sets = 0;
  TgBuf lits;
  tg_buf_init(&lits);
  size_t count = 0;
  TgStatus st = tg_needs_of(src, len, &lits, &count);
  unsigned *ids = NULL;
  if (!st && count > 0) {
    ids = (unsigned *)tg_calloc(count, sizeof(unsigned));
    *sets = (unsigned *)tg_calloc(count, sizeof(unsigned));
    st = ids && *sets ? TG_SUCCESS : TG_BAD_ALLOC;
    const char *lit = lits.buf;
    unsigned n_ids = 0;
    unsigned n = 0;
    for (size_t i = 0; !st && i < count; ++i) {
      if (*lit) {
        st = str_id(t, lit, &ids[n_ids++]);
      } else {
        st = set_id(t, ids, n_ids, &(*sets)[n++]);
        n_ids = 0;
      }
      lit += strlen(lit) + 1;
    }
    *n_sets = st ? 0 : n;
  }
  if (st) {
    tg_free(*sets);
    *sets = NULL;
  }
  tg_free(ids);
  tg_buf_clear(&lits);
  return st;
}

TgStatus tg_screen_init_needs(TgScreen *sc, const TgNeeds *needs) {
  sc->needs = needs;
  sc->subject = NULL;
  sc->len = 0;
  sc->wide = false;
  sc->seen = (unsigned char *)tg_calloc(needs->strs.len + needs->sets.len + 1, 1);
  sc->set_seen = sc->seen ? sc->seen + needs->strs.len : NULL;
  return sc->seen ? TG_SUCCESS : TG_BAD_ALLOC;
}

void tg_screen_clear(TgScreen *sc) {
  tg_free(sc->seen);
  sc->seen = NULL;
  sc->set_seen = NULL;
}

/* Hash of a byte pair, into 4096 bits. */
static unsigned pair_hash(unsigned a, unsigned b) { return ((a * 67u) ^ (b * 5u)) & 4095u; }

/* ASCII lower case of c. */
static unsigned fold_ascii(unsigned c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

TgStatus tg_screen_set(TgScreen *sc, const char *s, size_t n) {
  sc->subject = s;
  sc->len = n;
  memset(sc->pairs, 0, sizeof sc->pairs);
  unsigned prev = n ? fold_ascii((unsigned char)s[0]) : 0;
  unsigned any = prev; /* the bytes or'ed: bit 7 for a non-ASCII one */
  for (size_t i = 1; i < n; ++i) {
    const unsigned c = fold_ascii((unsigned char)s[i]);
    any |= c;
    const unsigned h = pair_hash(prev, c);
    sc->pairs[h >> 6] |= UINT64_C(1) << (h & 63);
    prev = c;
  }
  sc->wide = (any & 0x80) != 0;
  memset(sc->seen, 0, sc->needs->strs.len + sc->needs->sets.len);
  return TG_SUCCESS;
}

/* Is every byte pair of lit[0..k) among the subject's? */
static bool pairs_present(const TgScreen *sc, const char *lit, size_t k) {
  for (size_t i = 1; i < k; ++i) {
    const unsigned h = pair_hash((unsigned char)lit[i - 1], (unsigned char)lit[i]);
    if (!(sc->pairs[h >> 6] & (UINT64_C(1) << (h & 63)))) {
      return false;
    }
  }
  return true;
}

/* Does hay[0..n) hold lit[0..k) (in lower case) in any ASCII case?  Each
 * case of its first letter is looked for with memchr, the nearer first. */
static bool contains(const char *hay, size_t n, const char *lit, size_t k) {
  if (k == 0 || n < k) {
    return k == 0;
  }
  const char *last = hay + (n - k); /* the last place it may start */
  const char lo = lit[0];
  const char up = lo >= 'a' && lo <= 'z' ? (char)(lo - ('a' - 'A')) : lo;
  const char *a = (const char *)memchr(hay, lo, (size_t)(last - hay) + 1);
  const char *b = up != lo ? (const char *)memchr(hay, up, (size_t)(last - hay) + 1) : NULL;
  while (a || b) {
    const char *p = !b || (a && a < b) ? a : b;
    size_t i = 1;
    while (i < k && fold_ascii((unsigned char)p[i]) == (unsigned char)lit[i]) {
      ++i;
    }
    if (i == k) {
      return true;
    }
    const char *from = p + 1;
    const size_t left = from <= last ? (size_t)(last - from) + 1 : 0;
    if (p == a) {
      a = left ? (const char *)memchr(from, lo, left) : NULL;
    } else {
      b = left ? (const char *)memchr(from, up, left) : NULL;
    }
  }
  return false;
}

/* Does the subject hold a string of set `set`?  Its strings in order, each
 * looked up once a subject, up to the first one there. */
static bool set_present(const TgScreen *sc, unsigned set) {
  const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&sc->needs->sets, set);
  const unsigned *ids = (const unsigned *)tg_vec_at(&sc->needs->set_ids, ns->first);
  for (unsigned k = 0; k < ns->n; ++k) {
    const unsigned id = ids[k];
    if (!sc->seen[id]) {
      const TgNeedStr *need = (const TgNeedStr *)tg_vec_at(&sc->needs->strs, id);
      const bool in = (need->folds && sc->wide) ||
                      (pairs_present(sc, need->s, need->len) &&
                       contains(sc->subject, sc->len, need->s, need->len));
      sc->seen[id] = in ? 2 : 1;
    }
    if (sc->seen[id] == 2) {
      return true;
    }
  }
  return false;
}

bool tg_screen_holds(const TgScreen *sc, const unsigned *sets, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    const unsigned set = sets[i];
    if (!sc->set_seen[set]) {
      sc->set_seen[set] = set_present(sc, set) ? 2 : 1;
    }
    if (sc->set_seen[set] == 1) {
      return false;
    }
  }
  return true;
}

