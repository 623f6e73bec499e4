/* telegraph internals: the literal text a pattern needs (see needs.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_NEEDS_H
#define TG_NEEDS_H

#include "telegraph/status.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/** Append to `out` sets of NUL-terminated strings (ASCII lower case), each
 * set ended by an empty string: every match of the pattern source `src`
 * contains a string of each set.  `*count` is how many strings and ends
 * were appended, 0 when the walk finds no set. */
TgStatus tg_needs_of(const char *src, size_t n, TgBuf *out, size_t *count);

/** Append to `out` one set of strings as tg_needs_of does (`*count`
 * strings and its end) when every match of `src` starts with one of them
 * (after zero-width items: \b, look-arounds); `*count` 0 when not so. */
TgStatus tg_needs_lead(const char *src, size_t n, TgBuf *out, size_t *count);

/** True if `lit` holds a letter that caseless matching folds to a
 * non-ASCII character ('k', 's'): present in any non-ASCII sentence. */
bool tg_need_folds(const char *lit);

#endif /* TG_NEEDS_H */
