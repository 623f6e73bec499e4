/* telegraph: where diagnostics go.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_ERROR_H
#define TELEGRAPH_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

#ifndef TG_ERROR_FN_DEFINED
#  define TG_ERROR_FN_DEFINED
/** A diagnostic sink.
 *
 * `file` may be NULL (no file known); `line` and `col` are 1-based, 0 when
 * unknown.  All strings are borrowed for the duration of the call only. */
typedef void (*TgErrorFn)(void *data, const char *file, unsigned line,
                          unsigned col, const char *msg);
#endif

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_ERROR_H */
