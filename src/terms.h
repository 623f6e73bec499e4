/* telegraph internals: IRI terms made once and shared.
 *
 * The mapper names the same IRIs over and over (every predicate, the
 * document, each entity, each span).  A TgTerms maps an IRI to one raptor
 * term (a librdf node is one) for as long as the table holds it: every
 * later use borrows it, and the term's address identifies the IRI, so
 * statements can be told apart by addresses rather than by their text.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_TERMS_H
#define TG_TERMS_H

#include "util.h"

#include <raptor2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint64_t hash;
  raptor_term *node; /* owned reference */
} TgTermSlot;

typedef struct {
  TgTermSlot *slots;
  size_t cap; /* a power of two, or 0 */
  size_t len;
} TgTerms;

void tg_terms_init(TgTerms *t);

/** Free every node held (the nodes live on while others hold them). */
void tg_terms_clear(TgTerms *t);

/** Drop every node held, as tg_terms_clear(), but keep the table's memory
 * for the next document unless it grew past `keep` slots. */
void tg_terms_reset(TgTerms *t, size_t keep);

/** The one node of the IRI iri[0..len), made on first use and borrowed (it
 * lives until the table is reset or cleared); NULL when out of memory. */
raptor_term *tg_terms_peek(TgTerms *t, raptor_world *world, const char *iri, size_t len);

/** A 64-bit hash of s[0..len), eight bytes at a step. */
uint64_t tg_terms_hash(const char *s, size_t len);

/** A few nodes (borrowed from a TgTerms) found by an address that stands
 * for their IRI while the cache is used: a string literal, or a string
 * that does not change meanwhile.  Zeroed is empty; nothing to free. */
#define TG_PTRCACHE_SLOTS 64
typedef struct {
  const void *key[TG_PTRCACHE_SLOTS];
  raptor_term *node[TG_PTRCACHE_SLOTS];
} TgPtrCache;

/** The node kept for `key`, or NULL. */
raptor_term *tg_ptrcache_get(const TgPtrCache *c, const void *key);

/** Keep `node` for `key` (a full cache, or a NULL node, keeps nothing). */
void tg_ptrcache_put(TgPtrCache *c, const void *key, raptor_term *node);

/** A set of nonzero 64-bit keys (addresses, or the hashes of
 * anything else): true if `key` was added before (false, and the key
 * not kept, when out of memory).  Zeroed is empty. */
typedef struct {
  uint64_t *keys;
  size_t cap; /* a power of two, or 0 */
  size_t len;
} TgKeySet;

bool tg_keyset_seen(TgKeySet *s, uint64_t key);
void tg_keyset_clear(TgKeySet *s);

/** Empty the set, keeping its memory unless it grew past `keep` slots. */
void tg_keyset_reset(TgKeySet *s, size_t keep);

/** A set of statements, each kept whole: two statements are the same only
 * when their terms are, never because their hashes agree.  An IRI term is
 * kept by its address (so every IRI term must come from a TgTerms, and the
 * set must be reset before those terms go), a literal by its text,
 * language and datatype (whose URI, too, must be a TgTerms term's), a
 * blank node by its id.  Zeroed is empty. */
typedef struct {
  uint64_t hash;
  size_t off; /* where the statement's key starts in `keys` */
} TgTripleSlot;

typedef struct {
  TgTripleSlot *slots;
  size_t cap; /* a power of two, or 0 */
  size_t len;
  TgBuf keys; /* the statements' keys, back to back */
} TgTripleSet;

/** True if the statement (s, p, o), all borrowed, was added to `set`
 * before.  False, and nothing kept, when out of memory: a duplicate is
 * kept rather than a statement lost. */
bool tg_tripleset_seen(TgTripleSet *set, const raptor_term *s, const raptor_term *p,
                       const raptor_term *o);
void tg_tripleset_clear(TgTripleSet *set);

/** Empty the set, keeping its memory unless it grew past `keep` slots. */
void tg_tripleset_reset(TgTripleSet *set, size_t keep);

#endif /* TG_TERMS_H */
