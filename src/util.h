/* telegraph internals: small helpers shared by every stage.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_UTIL_H
#define TG_UTIL_H

#include "telegraph/error.h"
#include "telegraph/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** Propagate a failing status: TRY(st, expr). */
#define TRY(st, expr)            \
  do {                           \
    if (((st) = (expr)) != TG_SUCCESS) { \
      return (st);               \
    }                            \
  } while (0)

/** Allocation wrappers: every allocation of the library goes through these,
 * so tests can inject failures (tg_alloc_fail_after()). */
void *tg_malloc(size_t size);
void *tg_calloc(size_t n, size_t size);
void *tg_realloc(void *ptr, size_t size);
void tg_free(void *ptr);
/** Copy of `len` bytes of `s` plus a NUL, or NULL on allocation failure. */
char *tg_strndup(const char *s, size_t len);
char *tg_strdup(const char *s);
/** Test hook: make the n-th next allocation (0-based) and all after it
 * fail; a negative n turns injection off.  Not thread-safe; tests only. */
void tg_alloc_fail_after(long n);

/** Report `fmt` through `fn` (if set) at file:line:col and return `st`. */
TgStatus tg_report(TgErrorFn fn, void *data, TgStatus st, const char *file,
                   unsigned line, unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/** A growable array of fixed-size elements. */
typedef struct {
  void *data;
  size_t len;
  size_t cap;
  size_t size; /**< Element size */
} TgVec;

void tg_vec_init(TgVec *v, size_t elem_size);
void tg_vec_clear(TgVec *v);
/** tg_vec_push when the array is full: grow it, then append. */
TgStatus tg_vec_push_grow(TgVec *v, const void *elem);
/** Append one element (copied from `elem`); TG_BAD_ALLOC on failure.
 * Inline while the array has room (most calls). */
static inline TgStatus tg_vec_push(TgVec *v, const void *elem) {
  if (v->len < v->cap) {
    memcpy((char *)v->data + v->len * v->size, elem, v->size);
    ++v->len;
    return TG_SUCCESS;
  }
  return tg_vec_push_grow(v, elem);
}
/** Pointer to element `i`. */
static inline void *tg_vec_at(const TgVec *v, size_t i) {
  return (char *)v->data + i * v->size;
}

/** A growable NUL-terminated string. */
typedef struct {
  char *buf;
  size_t len;
  size_t cap;
} TgBuf;

void tg_buf_init(TgBuf *b);
void tg_buf_clear(TgBuf *b);
/** Room for `extra` more bytes (and the NUL) without another allocation. */
TgStatus tg_buf_reserve(TgBuf *b, size_t extra);
TgStatus tg_buf_append(TgBuf *b, const char *s, size_t len);
TgStatus tg_buf_puts(TgBuf *b, const char *s);
/** Append one byte: inline while the buffer has room (most calls), else
 * through tg_buf_append. */
static inline TgStatus tg_buf_putc(TgBuf *b, char c) {
  if (b->len + 2 <= b->cap) {
    b->buf[b->len++] = c;
    b->buf[b->len] = '\0';
    return TG_SUCCESS;
  }
  return tg_buf_append(b, &c, 1);
}
TgStatus tg_buf_printf(TgBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** Decode one UTF-8 code point at s[0..len); returns its length in bytes
 * (1..4) and the code point in *cp, or 0 if the bytes are not valid UTF-8
 * (overlong, surrogate, out of range, truncated). */
size_t tg_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/** Number of code points in the valid UTF-8 s[0..len). */
size_t tg_utf8_count(const char *s, size_t len);

/** True for code points telegraph treats as letters or digits in words. */
bool tg_is_word_cp(uint32_t cp);

/** Is code point `cp` a capital letter (Latin, Greek, Cyrillic)? */
bool tg_cp_is_upper(uint32_t cp);

/** Check that a data file's text is UTF-8 without NUL bytes; report the
 * first fault as FILE:LINE:COL through `fn` and return TG_BAD_TEXT. */
TgStatus tg_check_text(const char *text, size_t len, const char *file, TgErrorFn fn,
                       void *data);

/** ASCII lower case of each byte value (other bytes map to themselves):
 * a table, for the loops that fold every byte of a sentence or a word. */
extern const unsigned char tg_ascii_lower[256];

/** 64-bit FNV-1a of `len` bytes. */
uint64_t tg_hash(const char *s, size_t len);

/** Write the slug of `name` into `out`: lowercase ASCII letters and digits,
 * '&' as "and", '+' as "plus", other ASCII runs as one '-', non-ASCII
 * letters kept as UTF-8, no leading or trailing '-'. */
TgStatus tg_slugify(const char *name, size_t len, TgBuf *out);

#endif /* TG_UTIL_H */
