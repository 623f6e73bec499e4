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

/* A hash of a term's value, for telling statements apart. */
static uint64_t term_hash(const raptor_term *n, uint64_t h) {
  if (n->type == RAPTOR_TERM_TYPE_URI) {
    /* One term per IRI (the tables): its address is its id. */
    return (h ^ (uint64_t)(uintptr_t)n) * 0x9E3779B97F4A7C15ull + 1;
  }
  if (n->type == RAPTOR_TERM_TYPE_LITERAL) {
    const raptor_term_literal_value *v = &n->value.literal;
    if (v->language) {
      h ^= tg_hash((const char *)v->language, v->language_len) * 31u;
    }
    if (v->datatype) {
      /* The datatype is a table term's URI: its address. */
      h ^= (uint64_t)(uintptr_t)v->datatype * 131u;
    }
    h = (h ^ tg_terms_hash((const char *)v->string, v->string_len)) * 1099511628211ull;
  }
  return h * 0x9E3779B97F4A7C15ull + 1;
}

bool tg_tripleset_seen(TgKeySet *set, const raptor_term *s, const raptor_term *p,
                       const raptor_term *o) {
  return tg_keyset_seen(set, term_hash(o, term_hash(p, term_hash(s, 0))));
}
