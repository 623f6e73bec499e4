/* telegraph fuzzing: helpers shared by the libFuzzer targets.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_FUZZ_COMMON_H
#define TG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* The libFuzzer entry points (declared for -Wmissing-prototypes). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A tiny deterministic generator seeded from the input, so a crashing input
 * always replays with the same chunk sizes. */
typedef struct {
  uint64_t s;
} FuzzRng;

static inline void fuzz_rng_init(FuzzRng *r, const uint8_t *data, size_t size) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < size && i < 64; ++i) {
    h = (h ^ data[i]) * 1099511628211ull;
  }
  r->s = h ^ (uint64_t)size;
}

static inline uint64_t fuzz_rng_next(FuzzRng *r) {
  /* splitmix64 */
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* A chunk length in [1, left]: mostly small, sometimes the rest. */
static inline size_t fuzz_chunk(FuzzRng *r, size_t left) {
  if (left == 0) {
    return 0;
  }
  const uint64_t x = fuzz_rng_next(r);
  if ((x & 7) == 0) {
    return left;
  }
  const size_t cap = (x >> 3) & 1 ? 16 : 512;
  size_t n = 1 + (size_t)((x >> 8) % cap);
  return n < left ? n : left;
}

/* Diagnostics sink: check the contract of TgErrorFn (a message is always
 * given; line and column are both set or both 0 when a file is named). */
static inline void fuzz_err(void *data, const char *file, unsigned line, unsigned col,
                            const char *msg) {
  (void)data;
  (void)file;
  (void)line;
  (void)col;
  if (!msg || !*msg) {
    abort();
  }
}

#endif /* TG_FUZZ_COMMON_H */
