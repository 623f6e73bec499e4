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

/* Double the table; false when out of memory. */
static bool grow(TgTerms *t) {
  const size_t cap = t->cap ? t->cap * 2 : 256;
  TgTermSlot *slots = (TgTermSlot *)tg_calloc(cap, sizeof *slots);
  if (!slots) {
    return false;
  }
  for (size_t i = 0; i < t->cap; ++i) {
    if (t->slots[i].node) {
      size_t j = (size_t)t->slots[i].hash & (cap - 1);
      while (slots[j].node) {
        j = (j + 1) & (cap - 1);
      }
      slots[j] = t->slots[i];
    }
  }
  tg_free(t->slots);
  t->slots = slots;
  t->cap = cap;
  return true;
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

/* Double the set (1024 slots at first); false when out of memory. */
static bool keyset_grow(TgKeySet *s) {
  const size_t cap = s->cap ? s->cap * 2 : 1024;
  uint64_t *keys = (uint64_t *)tg_calloc(cap, sizeof *keys);
  if (!keys) {
    return false;
  }
  for (size_t i = 0; i < s->cap; ++i) {
    if (s->keys[i]) {
      size_t j = (size_t)(s->keys[i] * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
      while (keys[j]) {
        j = (j + 1) & (cap - 1);
      }
      keys[j] = s->keys[i];
    }
  }
  tg_free(s->keys);
  s->keys = keys;
  s->cap = cap;
  return true;
}

bool tg_keyset_seen(TgKeySet *s, uint64_t key) {
  key |= 1u; /* 0 marks an empty slot; addresses are aligned */
  if ((s->len + 1) * 2 > s->cap && !keyset_grow(s)) {
    return false;
  }
  size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (s->cap - 1);
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
  if (set->keys_len + more <= set->keys_cap) {
    return true;
  }
  size_t cap = set->keys_cap ? set->keys_cap : 4096;
  while (cap < set->keys_len + more) {
    cap *= 2;
  }
  char *keys = (char *)tg_realloc(set->keys, cap);
  if (!keys) {
    return false;
  }
  set->keys = keys;
  set->keys_cap = cap;
  return true;
}

static void put_bytes(TgTripleSet *set, const void *p, size_t n) {
  if (n) {
    memcpy(set->keys + set->keys_len, p, n);
    set->keys_len += n;
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
  memcpy(&n, set->keys + off - sizeof n, sizeof n);
  return n;
}

/* Double the slots (1024 at first); false when out of memory. */
static bool tripleset_grow(TgTripleSet *set) {
  const size_t cap = set->cap ? set->cap * 2 : 1024;
  TgTripleSlot *slots = (TgTripleSlot *)tg_calloc(cap, sizeof *slots);
  if (!slots) {
    return false;
  }
  for (size_t i = 0; i < set->cap; ++i) {
    if (set->slots[i].hash) {
      size_t j = (size_t)(set->slots[i].hash >> 20) & (cap - 1);
      while (slots[j].hash) {
        j = (j + 1) & (cap - 1);
      }
      slots[j] = set->slots[i];
    }
  }
  tg_free(set->slots);
  set->slots = slots;
  set->cap = cap;
  return true;
}

bool tg_tripleset_seen(TgTripleSet *set, const raptor_term *s, const raptor_term *p,
                       const raptor_term *o) {
  if ((set->len + 1) * 2 > set->cap && !tripleset_grow(set)) {
    return false;
  }
  /* The key goes after a room for its length; it is kept only if new. */
  const size_t start = set->keys_len;
  if (!keys_room(set, sizeof(size_t))) {
    return false;
  }
  set->keys_len += sizeof(size_t);
  const size_t off = set->keys_len;
  if (!put_term(set, s) || !put_term(set, p) || !put_term(set, o)) {
    set->keys_len = start;
    return false;
  }
  const size_t len = set->keys_len - off;
  memcpy(set->keys + start, &len, sizeof len);
  const uint64_t hash = tg_terms_hash(set->keys + off, len) | 1u; /* 0 marks an empty slot */
  size_t j = (size_t)(hash >> 20) & (set->cap - 1);
  for (; set->slots[j].hash; j = (j + 1) & (set->cap - 1)) {
    const TgTripleSlot *t = &set->slots[j];
    if (t->hash == hash && key_len_at(set, t->off) == len &&
        memcmp(set->keys + t->off, set->keys + off, len) == 0) {
      set->keys_len = start;
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
  tg_free(set->keys);
  memset(set, 0, sizeof *set);
}

void tg_tripleset_reset(TgTripleSet *set, size_t keep) {
  if (set->cap > keep) {
    tg_tripleset_clear(set);
  } else if (set->len) {
    memset(set->slots, 0, set->cap * sizeof *set->slots);
    set->len = 0;
    set->keys_len = 0;
  }
}
