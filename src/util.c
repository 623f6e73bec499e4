/* telegraph internals: small helpers shared by every stage.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Allocation failure injection, for tests.  -1 means off. */
static long tg_fail_countdown = -1;

void tg_alloc_fail_after(long n) { tg_fail_countdown = n; }

static bool tg_alloc_should_fail(void) {
  if (tg_fail_countdown < 0) {
    return false;
  }
  if (tg_fail_countdown == 0) {
    return true;
  }
  --tg_fail_countdown;
  return false;
}

void *tg_malloc(size_t size) {
  return tg_alloc_should_fail() ? NULL : malloc(size ? size : 1);
}

void *tg_calloc(size_t n, size_t size) {
  return tg_alloc_should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *tg_realloc(void *ptr, size_t size) {
  return tg_alloc_should_fail() ? NULL : realloc(ptr, size ? size : 1);
}

void tg_free(void *ptr) { free(ptr); }

char *tg_strndup(const char *s, size_t len) {
  char *copy = (char *)tg_malloc(len + 1);
  if (copy) {
    memcpy(copy, s, len);
    copy[len] = '\0';
  }
  return copy;
}

char *tg_strdup(const char *s) { return tg_strndup(s, strlen(s)); }

TgStatus tg_report(TgErrorFn fn, void *data, TgStatus st, const char *file,
                   unsigned line, unsigned col, const char *fmt, ...) {
  if (fn) {
    char msg[1024];
    va_list args;
    va_start(args, fmt);
    vsnprintf(msg, sizeof msg, fmt, args);
    va_end(args);
    fn(data, file, line, col, msg);
  }
  return st;
}

void tg_vec_init(TgVec *v, size_t elem_size) {
  v->data = NULL;
  v->len = v->cap = 0;
  v->size = elem_size;
}

void tg_vec_clear(TgVec *v) {
  tg_free(v->data);
  v->data = NULL;
  v->len = v->cap = 0;
}

TgStatus tg_vec_push_grow(TgVec *v, const void *elem) {
  if (v->len == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 8;
    void *data = tg_realloc(v->data, cap * v->size);
    if (!data) {
      return TG_BAD_ALLOC;
    }
    v->data = data;
    v->cap = cap;
  }
  memcpy((char *)v->data + v->len * v->size, elem, v->size);
  ++v->len;
  return TG_SUCCESS;
}

void tg_buf_init(TgBuf *b) {
  b->buf = NULL;
  b->len = b->cap = 0;
}

void tg_buf_clear(TgBuf *b) {
  tg_free(b->buf);
  tg_buf_init(b);
}

TgStatus tg_buf_reserve(TgBuf *b, size_t extra) {
  if (b->len + extra + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
      cap *= 2;
    }
    char *buf = (char *)tg_realloc(b->buf, cap);
    if (!buf) {
      return TG_BAD_ALLOC;
    }
    b->buf = buf;
    b->cap = cap;
  }
  return TG_SUCCESS;
}

TgStatus tg_buf_append(TgBuf *b, const char *s, size_t len) {
  if (tg_buf_reserve(b, len)) {
    return TG_BAD_ALLOC;
  }
  if (len) {
    memcpy(b->buf + b->len, s, len);
  }
  b->len += len;
  b->buf[b->len] = '\0';
  return TG_SUCCESS;
}

TgStatus tg_buf_puts(TgBuf *b, const char *s) { return tg_buf_append(b, s, strlen(s)); }

TgStatus tg_buf_printf(TgBuf *b, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  int n = vsnprintf(NULL, 0, fmt, args);
  va_end(args);
  if (n < 0 || tg_buf_reserve(b, (size_t)n)) {
    return TG_BAD_ALLOC;
  }
  va_start(args, fmt);
  vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, args);
  va_end(args);
  b->len += (size_t)n;
  return TG_SUCCESS;
}

size_t tg_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  if (len == 0) {
    return 0;
  }
  const unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n;
  uint32_t v;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, v = c & 0x1Fu, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, v = c & 0x0Fu, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, v = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (len < n) {
    return 0;
  }
  for (size_t i = 1; i < n; ++i) {
    if ((s[i] & 0xC0) != 0x80) {
      return 0;
    }
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    return 0;
  }
  *cp = v;
  return n;
}

size_t tg_utf8_count(const char *s, size_t len) {
  /* Eight bytes at a step: a continuation byte is 10xxxxxx, so its top
   * bit is set and the next is clear. */
  size_t cont = 0;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    const uint64_t c = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; /* a 1 a byte */
    cont += (size_t)((c * 0x0101010101010101ull) >> 56);
  }
  for (; i < len; ++i) {
    cont += ((unsigned char)s[i] & 0xC0) == 0x80;
  }
  return len - cont;
}

/* Capitals of the Latin, Greek and Cyrillic blocks news names use: Latin-1,
 * Latin Extended-A and -B where capital and small letter alternate (the
 * alternation changes parity at U+0138 and U+0178), Latin Extended
 * Additional (Vietnamese "Đ", Yoruba "Ọ"), Greek and Cyrillic. */
bool tg_cp_is_upper(uint32_t cp) {
  if (cp < 0x100) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
  }
  if (cp <= 0x137) {
    return cp % 2 == 0;
  }
  if (cp >= 0x139 && cp <= 0x148) {
    return cp % 2 == 1;
  }
  if (cp >= 0x14A && cp <= 0x177) {
    return cp % 2 == 0;
  }
  if (cp >= 0x178 && cp <= 0x17E) {
    return cp == 0x178 || cp % 2 == 1;
  }
  if ((cp >= 0x1CD && cp <= 0x1DC)) {
    return cp % 2 == 1; /* Ǎ ... Ǜ */
  }
  if ((cp >= 0x1DE && cp <= 0x1EF) || (cp >= 0x1F8 && cp <= 0x233)) {
    return cp % 2 == 0; /* Ǟ ..., Ș, Ț */
  }
  if ((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF)) {
    return cp % 2 == 0;
  }
  if (cp >= 0x391 && cp <= 0x3AB) {
    return cp != 0x3A2;
  }
  return (cp >= 0x400 && cp <= 0x42F) || (cp >= 0x460 && cp <= 0x4FF && cp % 2 == 0);
}

/* The small letter of a capital tg_cp_is_upper accepts (else cp). */
static uint32_t cp_lower(uint32_t cp) {
  if (!tg_cp_is_upper(cp)) {
    return cp;
  }
  if (cp < 0x100 || (cp >= 0x391 && cp <= 0x3AB) || (cp >= 0x410 && cp <= 0x42F)) {
    return cp + 0x20;
  }
  if (cp == 0x130) {
    return 'i'; /* Turkish dotted capital I */
  }
  if (cp == 0x178) {
    return 0xFF;
  }
  if (cp >= 0x400 && cp <= 0x40F) {
    return cp + 0x50;
  }
  return cp + 1; /* the alternating blocks */
}

/* Append the UTF-8 of cp (below U+10000) to out. */
static TgStatus put_cp(TgBuf *out, uint32_t cp) {
  char b[3];
  size_t n = 0;
  if (cp < 0x80) {
    b[n++] = (char)cp;
  } else if (cp < 0x800) {
    b[n++] = (char)(0xC0 | (cp >> 6));
    b[n++] = (char)(0x80 | (cp & 0x3F));
  } else {
    b[n++] = (char)(0xE0 | (cp >> 12));
    b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[n++] = (char)(0x80 | (cp & 0x3F));
  }
  return tg_buf_append(out, b, n) ? TG_BAD_ALLOC : TG_SUCCESS;
}

bool tg_is_word_cp(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  /* C1 controls, punctuation and spaces outside ASCII that news text uses,
   * and noncharacters. */
  if (cp < 0xA0 || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFFF0 && cp <= 0xFFFF) || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFEFF || cp == 0xAB || cp == 0xBB ||
      cp == 0xB7 || cp == 0xA7 || cp == 0xB6) {
    return false;
  }
  return true;
}

TgStatus tg_check_text(const char *text, size_t len, const char *file, TgErrorFn fn,
                       void *data) {
  unsigned line = 1;
  unsigned col = 1;
  for (size_t i = 0; i < len;) {
    const unsigned char c = (unsigned char)text[i];
    uint32_t cp = 0;
    const size_t n = c < 0x80 ? 1 : tg_utf8_decode((const unsigned char *)text + i, len - i, &cp);
    if (c == 0) {
      return tg_report(fn, data, TG_BAD_TEXT, file, line, col, "NUL byte");
    }
    if (n == 0) {
      return tg_report(fn, data, TG_BAD_TEXT, file, line, col, "invalid UTF-8 (byte 0x%02X)", c);
    }
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += n;
  }
  return TG_SUCCESS;
}

uint64_t tg_hash(const char *s, size_t len) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < len; ++i) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

TgStatus tg_slugify(const char *name, size_t len, TgBuf *out) {
  bool dash = false;
  size_t start = out->len;
  for (size_t i = 0; i < len;) {
    const unsigned char c = (unsigned char)name[i];
    const char *word = NULL;
    if (c >= 0x80) {
      uint32_t cp = 0;
      size_t n = tg_utf8_decode((const unsigned char *)name + i, len - i, &cp);
      if (n == 0) {
        return TG_BAD_TEXT;
      }
      if (cp == 0x2019) {
        /* The curly apostrophe joins like the straight one. */
      } else if (tg_is_word_cp(cp)) {
        if (dash && out->len > start && tg_buf_putc(out, '-')) {
          return TG_BAD_ALLOC;
        }
        dash = false;
        const uint32_t lower = cp_lower(cp);
        if (lower != cp ? put_cp(out, lower) != TG_SUCCESS : tg_buf_append(out, name + i, n)) {
          return TG_BAD_ALLOC;
        }
      } else {
        dash = true;
      }
      i += n;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
      if (dash && out->len > start && tg_buf_putc(out, '-')) {
        return TG_BAD_ALLOC;
      }
      dash = false;
      if (tg_buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c))) {
        return TG_BAD_ALLOC;
      }
    } else if (c == '&') {
      word = "and";
    } else if (c == '+') {
      word = "plus";
    } else if (c == '\'') {
      /* "People's" -> "peoples": an apostrophe joins, it does not split. */
    } else {
      dash = true;
    }
    if (word) {
      if (out->len > start && tg_buf_putc(out, '-')) {
        return TG_BAD_ALLOC;
      }
      if (tg_buf_puts(out, word)) {
        return TG_BAD_ALLOC;
      }
      dash = true;
    }
    ++i;
  }
  return TG_SUCCESS;
}

const unsigned char tg_ascii_lower[256] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
  32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
  64, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
  112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 91, 92, 93, 94, 95,
  96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
  112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
  128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
  144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
  160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
  176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
  192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
  208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
  224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
  240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};
