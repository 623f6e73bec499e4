/* telegraph internals: the shape of a pattern, for faster searches with
 * the same matches (see patshape.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_PATSHAPE_H
#define TG_PATSHAPE_H

#include "util.h"

#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/** The sources tg_split_continuation compiles: "(?:A|...)C" appended to
 * `other` and "(?:\\GB)C" to `at_start`; false if not of that form. */
bool tg_split_sources(const char *s, size_t n, TgBuf *other, TgBuf *at_start);

#endif /* TG_PATSHAPE_H */
