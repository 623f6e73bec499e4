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
  for (int k = 0; k < TG_NEEDS_INDEXES; ++k) {
    tg_vec_init(&t->index[k].short_ids, sizeof(unsigned));
    tg_vec_init(&t->index[k].fold_ids, sizeof(unsigned));
  }
}

static void index_clear(TgNeedIndex *x) {
  tg_free(x->tri_start);
  tg_free(x->tri);
  tg_free(x->pair_start);
  tg_free(x->pair);
  tg_free(x->lead);
  x->lead = NULL;
  x->tri_start = NULL;
  x->tri = NULL;
  x->pair_start = NULL;
  x->pair = NULL;
  x->short_ids.len = 0;
  x->fold_ids.len = 0;
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
  for (int k = 0; k < TG_NEEDS_INDEXES; ++k) {
    index_clear(&t->index[k]);
    tg_vec_clear(&t->index[k].short_ids);
    tg_vec_clear(&t->index[k].fold_ids);
  }
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

/* Is `id` one of ids[0..n)? */
static bool holds_id(const unsigned *ids, unsigned n, unsigned id) {
  for (unsigned k = 0; k < n; ++k) {
    if (ids[k] == id) {
      return true;
    }
  }
  return false;
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
        st = str_id(t, lit, &ids[n_ids]);
        n_ids += !st && !holds_id(ids, n_ids, ids[n_ids]); /* a set lists a string once */
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

TgStatus tg_needs_add_lead(TgNeeds *t, const char *src, size_t len, unsigned *set, bool *found) {
  *found = false;
  TgBuf lits;
  tg_buf_init(&lits);
  size_t count = 0;
  TgStatus st = tg_needs_lead(src, len, &lits, &count);
  unsigned *ids = !st && count > 1 ? (unsigned *)tg_calloc(count, sizeof(unsigned)) : NULL;
  if (!st && count > 1 && !ids) {
    st = TG_BAD_ALLOC;
  }
  if (ids) {
    const char *lit = lits.buf;
    unsigned n_ids = 0;
    for (size_t i = 0; !st && i + 1 < count; ++i) {
      st = str_id(t, lit, &ids[n_ids]);
      n_ids += !st && !holds_id(ids, n_ids, ids[n_ids]);
      lit += strlen(lit) + 1;
    }
    st = st ? st : set_id(t, ids, n_ids, set);
    *found = !st;
  }
  tg_free(ids);
  tg_buf_clear(&lits);
  return st;
}

/* Buckets of the index of first three bytes, and of the two-byte strings. */
#define TG_TRI_BITS 12u
#define TG_TRI_BUCKETS (1u << TG_TRI_BITS)
#define TG_PAIR_BITS 8u
#define TG_PAIR_BUCKETS (1u << TG_PAIR_BITS)
/* Keys of the table of first two bytes. */
#define TG_LEAD_KEYS (1u << 16)


/* ASCII lower case of c. */
static unsigned fold_ascii(unsigned c) { return tg_ascii_lower[c & 0xffu]; }

/* The bucket of three bytes, `key` as TgNeedTri.key. */
static unsigned tri_hash(uint32_t key) { return (key * 2654435761u) >> (32u - TG_TRI_BITS); }

static uint32_t tri_key(const char *s) {
  return (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8 |
         (uint32_t)(unsigned char)s[2] << 16;
}

/* The bucket of two bytes, `key` as TgNeedTri.key. */
static unsigned pair_hash(uint32_t key) { return (key * 2654435761u) >> (32u - TG_PAIR_BITS); }

static uint32_t pair_key(const char *s) {
  return (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8;
}

/* A bucketed table of entries: for each string of t that `want` picks,
 * its key in bucket hash(key); *start_out has buckets + 1 offsets. */
typedef struct {
  unsigned bits;
  size_t len; /* the strings' length: 3 for "three or more", 2 */
} TableKind;

static bool table_wants(const TableKind *k, const TgNeedStr *ns) {
  return k->len == 3 ? ns->len >= 3 : ns->len == k->len;
}

static uint32_t table_key(const TableKind *k, const char *s) {
  return k->len == 3 ? tri_key(s) : pair_key(s);
}

static unsigned table_hash(const TableKind *k, uint32_t key) {
  return k->len == 3 ? tri_hash(key) : pair_hash(key);
}

/* Is string `id` one of those the index holds (bit `bit` of its uses)? */
static bool used(const unsigned char *uses, unsigned bit, size_t id) {
  return !(bit && uses && !(uses[id] & bit));
}

static TgStatus table_make(const TableKind *k, const TgNeeds *t, const unsigned char *uses,
                           unsigned bit, unsigned **start_out, TgNeedTri **tab_out) {
  const unsigned buckets = 1u << k->bits;
  const size_t n = t->strs.len;
  unsigned *start = (unsigned *)tg_calloc(buckets + 1, sizeof(unsigned));
  TgNeedTri *tab = (TgNeedTri *)tg_calloc(n + 1, sizeof(TgNeedTri));
  unsigned *fill = (unsigned *)tg_calloc(buckets, sizeof(unsigned));
  TgStatus st = start && tab && fill ? TG_SUCCESS : TG_BAD_ALLOC;
  /* Count a bucket's strings at its end, sum, then fill. */
  for (size_t id = 0; !st && id < n; ++id) {
    const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(&t->strs, id);
    if (used(uses, bit, id) && table_wants(k, ns)) {
      ++start[table_hash(k, table_key(k, ns->s)) + 1];
    }
  }
  for (unsigned h = 0; !st && h < buckets; ++h) {
    start[h + 1] += start[h];
  }
  for (size_t id = 0; !st && id < n; ++id) {
    const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(&t->strs, id);
    if (used(uses, bit, id) && table_wants(k, ns)) {
      const uint32_t key = table_key(k, ns->s);
      const unsigned h = table_hash(k, key);
      tab[start[h] + fill[h]++] = (TgNeedTri){key, (unsigned)id};
    }
  }
  tg_free(fill);
  if (st) {
    tg_free(start);
    tg_free(tab);
    start = NULL;
    tab = NULL;
  }
  *start_out = start;
  *tab_out = tab;
  return st;
}

/* The index's table of first two bytes (TgNeedIndex.lead). */
static TgStatus lead_make(TgNeedIndex *x, const TgNeeds *t, const unsigned char *uses,
                          unsigned bit) {
  x->lead = (unsigned char *)tg_calloc(TG_LEAD_KEYS, 1);
  if (!x->lead) {
    return TG_BAD_ALLOC;
  }
  for (size_t id = 0; id < t->strs.len; ++id) {
    const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(&t->strs, id);
    if (used(uses, bit, id) && ns->len >= 2) {
      x->lead[pair_key(ns->s)] |= ns->len == 2 ? 1u : 2u;
    }
  }
  return TG_SUCCESS;
}

/* Index into x the strings of t whose uses have bit `bit` (all if uses
 * is NULL or bit is 0). */
static TgStatus index_make(TgNeedIndex *x, const TgNeeds *t, const unsigned char *uses,
                           unsigned bit) {
  index_clear(x);
  static const TableKind TRI = {TG_TRI_BITS, 3};
  static const TableKind PAIR = {TG_PAIR_BITS, 2};
  TgStatus st = table_make(&TRI, t, uses, bit, &x->tri_start, &x->tri);
  st = st ? st : table_make(&PAIR, t, uses, bit, &x->pair_start, &x->pair);
  st = st ? st : lead_make(x, t, uses, bit);
  for (size_t id = 0; !st && id < t->strs.len; ++id) {
    const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(&t->strs, id);
    const unsigned u = (unsigned)id;
    if (used(uses, bit, id) && ((ns->folds && tg_vec_push(&x->fold_ids, &u)) ||
                                (ns->len < 2 && tg_vec_push(&x->short_ids, &u)))) {
      st = TG_BAD_ALLOC;
    }
  }
  if (st) {
    index_clear(x);
  }
  return st;
}

TgStatus tg_needs_index(TgNeeds *t, const unsigned char *uses) {
  t->indexed = 0;
  for (int k = 0; k < TG_NEEDS_INDEXES; ++k) {
    /* TG_NEEDS_ALL: every string; the stages: bits 1 and 2. */
    const TgStatus st = index_make(&t->index[k], t, uses, k == TG_NEEDS_ALL ? 0u : 1u << (k - 1));
    if (st) {
      return st;
    }
  }
  t->indexed = t->strs.len;
  return TG_SUCCESS;
}

TgStatus tg_screen_init_needs(TgScreen *sc, const TgNeeds *needs, int which) {
  sc->needs = needs;
  sc->index = &needs->index[which >= 0 && which < TG_NEEDS_INDEXES ? which : TG_NEEDS_ALL];
  sc->subject = NULL;
  sc->len = 0;
  sc->wide = false;
  sc->seen = NULL;
  sc->set_seen = NULL;
  if (needs->indexed != needs->strs.len) {
    return TG_FAILURE; /* tg_needs_index was not called since the last string */
  }
  sc->seen = (unsigned char *)tg_calloc(needs->strs.len + needs->sets.len + 1, 1);
  sc->set_seen = sc->seen ? sc->seen + needs->strs.len : NULL;
  return sc->seen ? TG_SUCCESS : TG_BAD_ALLOC;
}

void tg_screen_clear(TgScreen *sc) {
  tg_free(sc->seen);
  sc->seen = NULL;
  sc->set_seen = NULL;
}

/* Do the k bytes at s equal lit (lower case) in any ASCII case? */
static bool same_folded(const char *s, const char *lit, size_t k) {
  for (size_t i = 0; i < k; ++i) {
    if (fold_ascii((unsigned char)s[i]) != (unsigned char)lit[i]) {
      return false;
    }
  }
  return true;
}

/* Where hay[0..n) first holds lit[0..k) (in lower case) in any ASCII
 * case, or n: each case of its first letter is looked for with memchr,
 * the nearer first. */
static size_t find_folded(const char *hay, size_t n, const char *lit, size_t k) {
  if (k == 0 || n < k) {
    return k == 0 ? 0 : n;
  }
  const char *last = hay + (n - k); /* the last place it may start */
  const char lo = lit[0];
  const char up = lo >= 'a' && lo <= 'z' ? (char)(lo - ('a' - 'A')) : lo;
  const char *a = (const char *)memchr(hay, lo, (size_t)(last - hay) + 1);
  const char *b = up != lo ? (const char *)memchr(hay, up, (size_t)(last - hay) + 1) : NULL;
  while (a || b) {
    const char *p = !b || (a && a < b) ? a : b;
    if (same_folded(p + 1, lit + 1, k - 1)) {
      return (size_t)(p - hay);
    }
    const char *from = p + 1;
    const size_t left = from <= last ? (size_t)(last - from) + 1 : 0;
    if (p == a) {
      a = left ? (const char *)memchr(from, lo, left) : NULL;
    } else {
      b = left ? (const char *)memchr(from, up, left) : NULL;
    }
  }
  return n;
}

/* Does hay[0..n) hold lit[0..k) (in lower case) in any ASCII case? */
static bool contains(const char *hay, size_t n, const char *lit, size_t k) {
  return k == 0 || find_folded(hay, n, lit, k) < n;
}

/* Mark in sc->seen the two-byte strings equal to `key` (two bytes in lower
 * case, first in the low byte). */
static void mark_pair(TgScreen *sc, const TgNeedIndex *x, uint32_t key) {
  const unsigned h = pair_hash(key);
  const unsigned end = x->pair_start[h + 1];
  for (unsigned e = x->pair_start[h]; e < end; ++e) {
    if (x->pair[e].key == key) {
      sc->seen[x->pair[e].id] = 1;
    }
  }
}

/* Mark in sc->seen the strings of three bytes or more that start with
 * the three bytes `key` (in lower case, first in the low byte) at s[i - 2]. */
static inline void mark_tri(TgScreen *sc, const unsigned char *s, size_t n, size_t i, uint32_t key) {
  const TgNeedIndex *x = sc->index;
  const unsigned h = tri_hash(key);
  const unsigned end = x->tri_start[h + 1];
  for (unsigned e = x->tri_start[h]; e < end; ++e) {
    const TgNeedTri *tr = &x->tri[e];
    if (tr->key != key || sc->seen[tr->id]) {
      continue;
    }
    const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(&sc->needs->strs, tr->id);
    if (i - 2 + ns->len <= n && same_folded((const char *)s + i + 1, ns->s + 3, ns->len - 3)) {
      sc->seen[tr->id] = 1;
    }
  }
}

/* Mark in sc->seen every needed string of two bytes or more that the
 * subject holds: at each place, the table of first two bytes says whether
 * a two-byte string ends there (looked up) and whether a longer one may
 * start two bytes back (those whose first three bytes are there, in lower
 * case, are compared in full).  Returns the bytes or'ed (bit 7 for a
 * non-ASCII one). */
static unsigned find_strings(TgScreen *sc, const unsigned char *s, size_t n) {
  const TgNeedIndex *x = sc->index;
  unsigned any = n ? s[0] : 0;
  if (n < 2 || !x->lead) {
    return any;
  }
  const unsigned char *lead = x->lead;
  uint32_t pkey = fold_ascii(s[0]) << 8; /* (s[i - 2], s[i - 1]), as pair keys */
  unsigned before = 0; /* lead of the two bytes before s[i] */
  for (size_t i = 1; i < n; ++i) {
    const unsigned c = s[i];
    any |= c;
    const uint32_t low = fold_ascii(c);
    if (before & 2u) {
      mark_tri(sc, s, n, i, pkey | low << 16);
    }
    pkey = pkey >> 8 | low << 8;
    before = lead[pkey];
    if (before & 1u) {
      mark_pair(sc, x, pkey);
    }
  }
  return any;
}

TgStatus tg_screen_set(TgScreen *sc, const char *s, size_t n) {
  const TgNeeds *t = sc->needs;
  sc->subject = s;
  sc->len = n;
  memset(sc->seen, 0, t->strs.len + t->sets.len);
  sc->wide = (find_strings(sc, (const unsigned char *)s, n) & 0x80) != 0;
  const TgNeedIndex *x = sc->index;
  for (size_t k = 0; k < x->short_ids.len; ++k) {
    const unsigned id = *(const unsigned *)tg_vec_at(&x->short_ids, k);
    const TgNeedStr *ns = (const TgNeedStr *)tg_vec_at(&t->strs, id);
    sc->seen[id] = contains(s, n, ns->s, ns->len);
  }
  if (sc->wide) {
    /* Caseless matching may find these as non-ASCII letters. */
    for (size_t k = 0; k < x->fold_ids.len; ++k) {
      sc->seen[*(const unsigned *)tg_vec_at(&x->fold_ids, k)] = 1;
    }
  }
  return TG_SUCCESS;
}

/* Does the subject hold a string of set `set`? */
static bool set_present(const TgScreen *sc, unsigned set) {
  const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&sc->needs->sets, set);
  const unsigned *ids = (const unsigned *)tg_vec_at(&sc->needs->set_ids, ns->first);
  for (unsigned k = 0; k < ns->n; ++k) {
    if (sc->seen[ids[k]]) {
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

bool tg_screen_next_lead(const TgScreen *sc, unsigned set, size_t from, size_t *pos) {
  const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&sc->needs->sets, set);
  const unsigned *ids = (const unsigned *)tg_vec_at(&sc->needs->set_ids, ns->first);
  size_t best = sc->len;
  for (unsigned k = 0; k < ns->n && from < sc->len; ++k) {
    if (!sc->seen[ids[k]]) {
      continue; /* not in the subject at all */
    }
    const TgNeedStr *str = (const TgNeedStr *)tg_vec_at(&sc->needs->strs, ids[k]);
    const size_t end = best + str->len < sc->len ? best + str->len : sc->len;
    const size_t at = find_folded(sc->subject + from, end - from, str->s, str->len);
    if (from + at < best) {
      best = from + at;
    }
  }
  *pos = best;
  return best < sc->len;
}

bool tg_screen_lead_folds(const TgScreen *sc, unsigned set) {
  if (!sc->wide) {
    return false;
  }
  const TgNeedSet *ns = (const TgNeedSet *)tg_vec_at(&sc->needs->sets, set);
  const unsigned *ids = (const unsigned *)tg_vec_at(&sc->needs->set_ids, ns->first);
  for (unsigned k = 0; k < ns->n; ++k) {
    if (((const TgNeedStr *)tg_vec_at(&sc->needs->strs, ids[k]))->folds) {
      return true;
    }
  }
  return false;
}
