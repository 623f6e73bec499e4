/* telegraph: IRI terms made once and shared (see terms.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "terms.h"

#include "util.h"

#include <string.h>

void tg_terms_init(TgTerms *t) { memset(t, 0, sizeof *t); }

static void drop_nodes(TgTerms *t) {
  for (size_t i = 0; t->len && i < t->cap; ++i) {
    if (t->slots[i].node) {
      raptor_free_term(t->slots[i].node);
      t->slots[i].node = NULL;
      --t->len;
    }
  }
}

void tg_terms_clear(TgTerms *t) {
  drop_nodes(t);
  tg_free(t->slots);
  tg_terms_init(t);
}

void tg_terms_reset(TgTerms *t, size_t keep) {
  if (t->cap > keep) {
    tg_terms_clear(t);
  } else {
    drop_nodes(t);
  }
}

/* Eight bytes at a time (IRIs share long prefixes, and the byte-wise
 * tg_hash() was a fifth of the lookups). */
uint64_t tg_terms_hash(const char *s, size_t len) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  memcpy(&w, s + i, len - i);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

static bool same_iri(raptor_term *n, const char *iri, size_t len) {
  size_t nlen = 0;
  const unsigned char *s = raptor_uri_as_counted_string(n->value.uri, &nlen);
  return nlen == len && memcmp(s, iri, len) == 0;
}

/* Double an open-addressing table of `size`-byte slots (`first` slots at
 * first), moving every used slot to its home (and on past used ones);
 * false when out of memory, the table unchanged. */
static bool regrow(void **slots, size_t *cap, size_t size, size_t first,
                   bool (*used)(const void *slot), size_t (*home)(const void *slot)) {
  const size_t n = *cap ? *cap * 2 : first;
  char *to = (char *)tg_calloc(n, size);
  if (!to) {
    return false;
  }
  const char *from = (const char *)*slots;
  for (size_t i = 0; i < *cap; ++i) {
    const void *slot = from + i * size;
    if (used(slot)) {
      size_t j = home(slot) & (n - 1);
      while (used(to + j * size)) {
        j = (j + 1) & (n - 1);
      }
      memcpy(to + j * size, slot, size);
    }
  }
  tg_free(*slots);
  *slots = to;
  *cap = n;
  return true;
}

static bool term_used(const void *slot) {
  return ((const TgTermSlot *)slot)->node != NULL;
}

static size_t term_home(const void *slot) {
  return (size_t)((const TgTermSlot *)slot)->hash;
}

/* Double the table; false when out of memory. */
static bool grow(TgTerms *t) {
  return regrow((void **)&t->slots, &t->cap, sizeof *t->slots, 256, term_used, term_home);
}

raptor_term *tg_terms_peek(TgTerms *t, raptor_world *world, const char *iri, size_t len) {
  if ((t->len + 1) * 2 > t->cap && !grow(t)) {
    return NULL;
  }
  const uint64_t h = tg_terms_hash(iri, len);
  size_t j = (size_t)h & (t->cap - 1);
  for (; t->slots[j].node; j = (j + 1) & (t->cap - 1)) {
    if (t->slots[j].hash == h && same_iri(t->slots[j].node, iri, len)) {
      return t->slots[j].node;
    }
  }
  raptor_term *n = raptor_new_term_from_counted_uri_string(world, (const unsigned char *)iri, len);
  if (n) {
    t->slots[j].hash = h;
    t->slots[j].node = n;
    ++t->len;
  }
  return n;
}

static size_t ptr_slot(const void *key) {
  return (size_t)(((uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull) >> 58); /* 64 slots */
}

raptor_term *tg_ptrcache_get(const TgPtrCache *c, const void *key) {
  for (size_t i = ptr_slot(key), k = 0; k < TG_PTRCACHE_SLOTS && c->key[i];
       ++k, i = (i + 1) % TG_PTRCACHE_SLOTS) {
    if (c->key[i] == key) {
      return c->node[i];
    }
  }
  return NULL;
}

void tg_ptrcache_put(TgPtrCache *c, const void *key, raptor_term *node) {
  if (!node) {
    return;
  }
  for (size_t i = ptr_slot(key), k = 0; k < TG_PTRCACHE_SLOTS; ++k, i = (i + 1) % TG_PTRCACHE_SLOTS) {
    if (!c->key[i] || c->key[i] == key) {
      c->key[i] = key;
      c->node[i] = node;
      return;
    }
  }
}

static size_t key_home(uint64_t key) {
  return (size_t)(key * 0x9E3779B97F4A7C15ull >> 20);
}

static bool key_used(const void *slot) {
  return *(const uint64_t *)slot != 0;
}

static size_t key_slot_home(const void *slot) {
  return key_home(*(const uint64_t *)slot);
}

/* Double the set (1024 slots at first); false when out of memory. */
static bool keyset_grow(TgKeySet *s) {
  return regrow((void **)&s->keys, &s->cap, sizeof *s->keys, 1024, key_used, key_slot_home);
}

bool tg_keyset_seen(TgKeySet *s, uint64_t key) {
  key |= 1u; /* 0 marks an empty slot; addresses are aligned */
  if ((s->len + 1) * 2 > s->cap && !keyset_grow(s)) {
    return false;
  }
  size_t j = key_home(key) & (s->cap - 1);
  for (; s->keys[j]; j = (j + 1) & (s->cap - 1)) {
    if (s->keys[j] == key) {
      return true;
    }
  }
  s->keys[j] = key;
  ++s->len;
  return false;
}

void tg_keyset_clear(TgKeySet *s) {
  tg_free(s->keys);
  memset(s, 0, sizeof *s);
}

void tg_keyset_reset(TgKeySet *s, size_t keep) {
  if (s->cap > keep) {
    tg_keyset_clear(s);
  } else if (s->len) {
    memset(s->keys, 0, s->cap * sizeof *s->keys);
    s->len = 0;
  }
}

/* Room for `more` bytes of keys; false when out of memory. */
static bool keys_room(TgTripleSet *set, size_t more) {
  return tg_buf_reserve(&set->keys, more) == TG_SUCCESS;
}

static void put_bytes(TgTripleSet *set, const void *p, size_t n) {
  if (n) {
    memcpy(set->keys.buf + set->keys.len, p, n);
    set->keys.len += n;
  }
}

static void put_size(TgTripleSet *set, size_t n) {
  put_bytes(set, &n, sizeof n);
}

static void put_ptr(TgTripleSet *set, const void *p) {
  put_bytes(set, &p, sizeof p);
}

/* Append a term's key: its kind, then its address (an IRI), or its text,
 * language and datatype (a literal), or its id (a blank node). */
static bool put_term(TgTripleSet *set, const raptor_term *n) {
  const unsigned char kind = (unsigned char)n->type;
  if (n->type == RAPTOR_TERM_TYPE_LITERAL) {
    const raptor_term_literal_value *v = &n->value.literal;
    const size_t lang = v->language ? v->language_len : 0;
    if (!keys_room(set, 1 + 2 * sizeof(size_t) + v->string_len + lang + sizeof(void *))) {
      return false;
    }
    put_bytes(set, &kind, 1);
    put_size(set, v->string_len);
    put_bytes(set, v->string, v->string_len);
    put_size(set, lang);
    put_bytes(set, v->language, lang);
    put_ptr(set, v->datatype); /* a table term's URI: its address */
    return true;
  }
  if (n->type == RAPTOR_TERM_TYPE_BLANK) {
    const raptor_term_blank_value *b = &n->value.blank;
    if (!keys_room(set, 1 + sizeof(size_t) + b->string_len)) {
      return false;
    }
    put_bytes(set, &kind, 1);
    put_size(set, b->string_len);
    put_bytes(set, b->string, b->string_len);
    return true;
  }
  if (!keys_room(set, 1 + sizeof(void *))) {
    return false;
  }
  put_bytes(set, &kind, 1);
  put_ptr(set, n); /* one term per IRI (the tables): its address is its id */
  return true;
}

/* The key starting at `off` ends where the next begins: its length was
 * written before it. */
static size_t key_len_at(const TgTripleSet *set, size_t off) {
  size_t n;
  memcpy(&n, set->keys.buf + off - sizeof n, sizeof n);
  return n;
}

static bool triple_used(const void *slot) {
  return ((const TgTripleSlot *)slot)->hash != 0;
}

static size_t triple_home(const void *slot) {
  return (size_t)(((const TgTripleSlot *)slot)->hash >> 20);
}

/* Double the slots (1024 at first); false when out of memory. */
static bool tripleset_grow(TgTripleSet *set) {
  return regrow((void **)&set->slots, &set->cap, sizeof *set->slots, 1024, triple_used,
                triple_home);
}

bool tg_tripleset_seen(TgTripleSet *set, const raptor_term *s, const raptor_term *p,
                       const raptor_term *o) {
  if ((set->len + 1) * 2 > set->cap && !tripleset_grow(set)) {
    return false;
  }
  /* The key goes after a room for its length; it is kept only if new. */
  const size_t start = set->keys.len;
  if (!keys_room(set, sizeof(size_t))) {
    return false;
  }
  set->keys.len += sizeof(size_t);
  const size_t off = set->keys.len;
  if (!put_term(set, s) || !put_term(set, p) || !put_term(set, o)) {
    set->keys.len = start;
    return false;
  }
  const size_t len = set->keys.len - off;
  memcpy(set->keys.buf + start, &len, sizeof len);
  const uint64_t hash = tg_terms_hash(set->keys.buf + off, len) | 1u; /* 0 marks an empty slot */
  size_t j = (size_t)(hash >> 20) & (set->cap - 1);
  for (; set->slots[j].hash; j = (j + 1) & (set->cap - 1)) {
    const TgTripleSlot *t = &set->slots[j];
    if (t->hash == hash && key_len_at(set, t->off) == len &&
        memcmp(set->keys.buf + t->off, set->keys.buf + off, len) == 0) {
      set->keys.len = start;
      return true;
    }
  }
  set->slots[j].hash = hash;
  set->slots[j].off = off;
  ++set->len;
  return false;
}

void tg_tripleset_clear(TgTripleSet *set) {
  tg_free(set->slots);
  tg_buf_clear(&set->keys);
  memset(set, 0, sizeof *set);
}

void tg_tripleset_reset(TgTripleSet *set, size_t keep) {
  if (set->cap > keep) {
    tg_tripleset_clear(set);
  } else if (set->len) {
    memset(set->slots, 0, set->cap * sizeof *set->slots);
    set->len = 0;
    set->keys.len = 0;
  }
}
