/* Running GraphViz `dot` (see graphviz.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_GRAPHVIZ_H
#define TG_GRAPHVIZ_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* The absolute path of `dot` on PATH, into `path`; false when missing
 * (or when `*st` is set because memory ran out). */
bool tg_graphviz_find_dot(TgBuf *path, TgStatus *st);

/* Run `dot_path` on the DOT text, its SVG into `svg`, within
 * TELEGRAPH_DOT_TIMEOUT seconds (30 by default; then it is killed).
 * TG_FAILURE, with the reason in `why`, when it cannot run, fails or
 * takes too long. */
TgStatus tg_graphviz_svg(const char *dot_path, const char *dot, size_t dot_len, TgBuf *svg,
                         char *why, size_t why_size);

#endif
