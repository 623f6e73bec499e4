/* telegraph: compiler attributes and the export macro.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_ATTRIBUTES_H
#define TELEGRAPH_ATTRIBUTES_H

#if defined(TG_INTERNAL) && defined(__GNUC__)
#  define TG_API __attribute__((visibility("default")))
#else
#  define TG_API
#endif

#if defined(__GNUC__)
#  define TG_CONST_FUNC __attribute__((const))
#  define TG_PURE_FUNC __attribute__((pure))
#  define TG_NODISCARD __attribute__((warn_unused_result))
#  define TG_PRINTF(fmt, arg) __attribute__((format(printf, fmt, arg)))
#  define TG_MALLOC_FUNC __attribute__((malloc))
#else
#  define TG_CONST_FUNC
#  define TG_PURE_FUNC
#  define TG_NODISCARD
#  define TG_PRINTF(fmt, arg)
#  define TG_MALLOC_FUNC
#endif

#endif /* TELEGRAPH_ATTRIBUTES_H */
