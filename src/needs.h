/* telegraph internals: the literal text a pattern needs (see needs.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_NEEDS_H
#define TG_NEEDS_H

#include "telegraph/status.h"
#include "util.h"

#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Append to `out` sets of NUL-terminated strings (ASCII lower case), each
 * set ended by an empty string: every match of the pattern source `src`
 * contains a string of each set.  `*count` is how many strings and ends
 * were appended, 0 when the walk finds no set. */
TgStatus tg_needs_of(const char *src, size_t n, TgBuf *out, size_t *count);

/** True if `lit` holds a letter that caseless matching folds to a
 * non-ASCII character ('k', 's'): present in any non-ASCII sentence. */
bool tg_need_folds(const char *lit);

/** A tail of the pattern source s[0..n) that every match contains (the
 * longest run of its last top-level items that PCRE2 can find by a few
 * first bytes), compiled with `opts`; NULL when there is none or splitting
 * is not sound (see TgPattern.tail in rules.h). */
pcre2_code *tg_pattern_tail(const char *s, size_t n, uint32_t opts);

/** When every match of the pattern source s[0..n) starts where a
 * look-ahead class holds ("(?<![\p{L}])(?<name>(?=[\p{Lu}\d])..."), append to
 * `out` a look-ahead of the bytes that class can start with, ASCII ones
 * listed and all others as one range, "(?=[\x{30}...\x{80}-\x{10ffff}])":
 * put in front of the pattern it changes no match, and PCRE2 skips to
 * those bytes (it cannot from a class of properties).  False if not so. */
bool tg_start_hint(const char *s, size_t n, TgBuf *out);

/** For a pattern source "(?:A|...|\\GB)C" (\\G opening its first group's last
 * branch, and nowhere else; no groups captured before C; nothing tying parts
 * together), compile "(?:A|...)C" into *other and "(?:\\GB)C" into *at_start
 * (see TgPattern.other in rules.h); false, both NULL, if not of that form. */
bool tg_split_continuation(const char *s, size_t n, uint32_t opts, pcre2_code **other,
                           pcre2_code **at_start);

#endif /* TG_NEEDS_H */
