/* telegraph: the article ids of a batch (see batch_ids.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "batch_ids.h"

#include <string.h>

/* Names are packed into blocks of TG_BATCH_IDS_BLOCK bytes; a place is the block's
 * index times the block size plus the offset, so 2^16 blocks (4 GiB of
 * names) at most.  A name longer than a block gets a block of its own. */
#define TG_ID_BLOCKS 65536u

void tg_batch_ids_init(TgBatchIds *ids) {
  memset(ids, 0, sizeof *ids);
  tg_vec_init(&ids->blocks, sizeof(char *));
}

void tg_batch_ids_clear(TgBatchIds *ids) {
  for (size_t i = 0; i < ids->blocks.len; ++i) {
    tg_free(*(char **)tg_vec_at(&ids->blocks, i));
  }
  tg_vec_clear(&ids->blocks);
  tg_free(ids->hash);
  tg_free(ids->place);
  tg_batch_ids_init(ids);
}

static const char *name_at(const TgBatchIds *ids, uint32_t at) {
  const char *block = *(char *const *)tg_vec_at(&ids->blocks, at / TG_BATCH_IDS_BLOCK);
  return block + at % TG_BATCH_IDS_BLOCK;
}

/* A new block of `size` bytes, last in the list; false on failure. */
static bool add_block(TgBatchIds *ids, size_t size) {
  char *block = ids->blocks.len < TG_ID_BLOCKS ? (char *)tg_malloc(size) : NULL;
  if (!block || tg_vec_push(&ids->blocks, &block)) {
    tg_free(block);
    return false;
  }
  ids->block_used = 0;
  return true;
}

/* Copy `name` into the blocks; its place in *at.  False on failure. */
static bool store_name(TgBatchIds *ids, const char *name, uint32_t *at) {
  const size_t n = strlen(name) + 1;
  if (n > TG_BATCH_IDS_BLOCK) {
    if (!add_block(ids, n)) {
      return false;
    }
    ids->block_used = TG_BATCH_IDS_BLOCK; /* full: the next name opens a block */
  } else if ((!ids->blocks.len || ids->block_used + n > TG_BATCH_IDS_BLOCK) &&
             !add_block(ids, TG_BATCH_IDS_BLOCK)) {
    return false;
  }
  const size_t block = ids->blocks.len - 1;
  const size_t offset = n > TG_BATCH_IDS_BLOCK ? 0 : ids->block_used;
  memcpy(*(char **)tg_vec_at(&ids->blocks, block) + offset, name, n);
  if (n <= TG_BATCH_IDS_BLOCK) {
    ids->block_used += n;
  }
  *at = (uint32_t)(block * TG_BATCH_IDS_BLOCK + offset);
  return true;
}

static size_t slot_of(const uint64_t *hash, size_t cap, uint64_t h) {
  size_t j = (size_t)h & (cap - 1);
  while (hash[j] && hash[j] != h) {
    j = (j + 1) & (cap - 1);
  }
  return j;
}

/* Double the table (or make the first one) when it is three quarters
 * full.  False on failure. */
static bool make_room(TgBatchIds *ids) {
  if ((ids->len + 1) * 4 <= ids->cap * 3) {
    return true;
  }
  const size_t cap = ids->cap ? ids->cap * 2 : 1024;
  uint64_t *hash = (uint64_t *)tg_calloc(cap, sizeof *hash);
  TgIdPlace *place = (TgIdPlace *)tg_malloc(cap * sizeof *place);
  if (!hash || !place) {
    tg_free(hash);
    tg_free(place);
    return false;
  }
  for (size_t i = 0; i < ids->cap; ++i) {
    if (ids->hash[i]) {
      const size_t j = slot_of(hash, cap, ids->hash[i]);
      hash[j] = ids->hash[i];
      place[j] = ids->place[i];
    }
  }
  tg_free(ids->hash);
  tg_free(ids->place);
  ids->hash = hash;
  ids->place = place;
  ids->cap = cap;
  return true;
}

/* The place of `name`, stored now unless it is the shared name stored
 * last.  False on failure. */
static bool place_name(TgBatchIds *ids, const char *name, bool shared, uint32_t *at) {
  if (shared && name == ids->shared) {
    *at = ids->shared_at;
    return true;
  }
  if (!store_name(ids, name, at)) {
    return false;
  }
  if (shared) {
    ids->shared = name;
    ids->shared_at = *at;
  }
  return true;
}

/* A 64-bit hash stands for the id (its low bit set, so never 0): a batch
 * would need some 10^9 articles to see a false duplicate with odds of one
 * in 20, and that one is refused with an error, not merged. */
bool tg_batch_ids_add(TgBatchIds *ids, const char *id, const char *name, bool shared,
                      unsigned line, const char **first_name, unsigned *first_line,
                      TgStatus *st) {
  const uint64_t h = tg_hash(id, strlen(id)) | 1u;
  if (!make_room(ids)) {
    *st = TG_BAD_ALLOC;
    return false;
  }
  const size_t j = slot_of(ids->hash, ids->cap, h);
  if (ids->hash[j]) {
    *first_name = name_at(ids, ids->place[j].name);
    *first_line = ids->place[j].line;
    return false;
  }
  uint32_t at = 0;
  if (!place_name(ids, name, shared, &at)) {
    *st = TG_BAD_ALLOC;
    return false;
  }
  ids->hash[j] = h;
  ids->place[j] = (TgIdPlace){(uint32_t)line, at};
  ++ids->len;
  return true;
}
