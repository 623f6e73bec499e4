/* telegraph internals: Turtle output of several articles.
 *
 * Each article's Turtle is a complete document that starts with the same
 * @prefix lines; a batch writes them once, before the first article.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_TURTLE_H
#define TG_TURTLE_H

#include <stddef.h>

/** Length of the @prefix lines (and the blank line after them) that start
 * `buf`, as telegraph's writer makes them: 0 if it has none. */
size_t tg_turtle_prefix_length(const char *buf, size_t len);

#endif /* TG_TURTLE_H */
