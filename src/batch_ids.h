/* telegraph internals: the article ids of a batch, one article an id.
 *
 * Two articles with one id would merge into one node of the graph, so a
 * batch keeps every id it has written and refuses a second article with
 * it, naming where the first one stood.  A batch may hold millions of
 * articles: an id costs 16 bytes of table (a 64-bit hash, the first
 * place's line and name) and its name, which is shared by every line of
 * one JSON Lines file and stored without a heap block of its own.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_BATCH_IDS_H
#define TG_BATCH_IDS_H

#include "telegraph/telegraph.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bytes of a block of names. */
#define TG_BATCH_IDS_BLOCK 65536u

/* Where an id was first seen: its line (0 for a whole file) and its name,
 * as a place in the name blocks. */
typedef struct {
  uint32_t line;
  uint32_t name;
} TgIdPlace;

typedef struct {
  uint64_t *hash;     /* [cap]: an id's hash, 0 for an empty slot */
  TgIdPlace *place;   /* [cap] */
  size_t cap;
  size_t len;
  TgVec blocks;       /* char *: names, NUL-terminated, packed */
  size_t block_used;  /* bytes used of the last block */
  const char *shared; /* the name last stored as shared, and where */
  uint32_t shared_at;
} TgBatchIds;

void tg_batch_ids_init(TgBatchIds *ids);
void tg_batch_ids_clear(TgBatchIds *ids);

/* Record `id`, first seen in `name` (at `line`, 0 for a whole file).  A
 * `shared` name stays the same for many ids (a JSON Lines file): it is
 * stored once while the calls name it in a row.  True if the id is new;
 * false if it was recorded before, with *first_name and *first_line
 * saying where (the name lives until tg_batch_ids_clear), or on failure,
 * with *st set. */
bool tg_batch_ids_add(TgBatchIds *ids, const char *id, const char *name, bool shared,
                      unsigned line, const char **first_name, unsigned *first_line,
                      TgStatus *st);

#endif
