/* telegraph fuzzing: a strict line checker for N-Triples output.
 *
 * nt_check_line() accepts exactly one triple of the RDF 1.1 N-Triples
 * grammar: IRIREF | BLANK_NODE_LABEL, IRIREF, IRIREF | BLANK_NODE_LABEL |
 * literal, " ." (spaces or tabs between terms).  IRIs must be absolute and
 * may hold no control character, space, < > " { } | ^ ` or backslash,
 * except that a backslash may start a \uXXXX or \UXXXXXXXX escape whose
 * code point is itself allowed (raptor writes non-ASCII IRIs that way).
 * Literals may only use the N-Triples escapes (\t \b \n \r \f \" \' \\
 * \uXXXX \UXXXXXXXX) and hold no raw " \ LF or CR.  The line must be valid
 * UTF-8.  Returns NULL when the line is fine, else what is wrong.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_NT_CHECK_H
#define TG_NT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static int nt_hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A \u or \U escape at s[*i] (the backslash); sets *cp. */
static bool nt_uchar(const char *s, size_t n, size_t *i, uint32_t *cp) {
  if (*i + 1 >= n) return false;
  size_t digits = s[*i + 1] == 'u' ? 4 : s[*i + 1] == 'U' ? 8 : 0;
  if (!digits || *i + 2 + digits > n) return false;
  uint32_t v = 0;
  for (size_t k = 0; k < digits; ++k) {
    int h = nt_hex(s[*i + 2 + k]);
    if (h < 0) return false;
    v = v * 16 + (uint32_t)h;
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
  *i += 2 + digits;
  *cp = v;
  return true;
}

/* Length of the valid UTF-8 sequence at s[i], 0 if invalid. */
static size_t nt_utf8(const unsigned char *s, size_t n, size_t i) {
  const unsigned char c = s[i];
  size_t len;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

static bool nt_iri_cp_ok(uint32_t cp) {
  return cp > 0x20 && cp != 0x7F && !(cp < 0x80 && strchr("<>\"{}|^`\\", (int)cp));
}

static const char *nt_iri(const char *s, size_t n, size_t *i) {
  if (s[*i] != '<') return "expected '<'";
  size_t j = *i + 1;
  size_t start = j;
  bool colon = false;
  while (j < n && s[j] != '>') {
    const unsigned char c = (unsigned char)s[j];
    if (c == '\\') {
      uint32_t cp;
      if (!nt_uchar(s, n, &j, &cp)) return "bad escape in IRI";
      if (!nt_iri_cp_ok(cp)) return "escaped forbidden character in IRI";
      continue;
    }
    if (c >= 0x80) {
      size_t k = nt_utf8((const unsigned char *)s, n, j);
      if (!k) return "invalid UTF-8 in IRI";
      j += k;
      continue;
    }
    if (!nt_iri_cp_ok(c)) return "forbidden character in IRI";
    if (c == ':' && j > start) colon = true;
    ++j;
  }
  if (j >= n) return "unterminated IRI";
  if (!colon) return "IRI is not absolute";
  /* scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
  for (size_t k = start; s[k] != ':'; ++k) {
    const char c = s[k];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!(alpha || (k > start && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
      return "bad IRI scheme";
    }
  }
  *i = j + 1;
  return NULL;
}

static const char *nt_bnode(const char *s, size_t n, size_t *i) {
  if (*i + 2 >= n || s[*i] != '_' || s[*i + 1] != ':') return "expected a blank node";
  size_t j = *i + 2;
  size_t start = j;
  while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                   (s[j] >= '0' && s[j] <= '9') || s[j] == '_' || s[j] == '-' ||
                   (s[j] == '.' && j + 1 < n && s[j + 1] != ' ' && s[j + 1] != '\t'))) {
    ++j;
  }
  if (j == start || s[start] == '-' ) return "empty or bad blank node label";
  *i = j;
  return NULL;
}

static const char *nt_literal(const char *s, size_t n, size_t *i) {
  size_t j = *i + 1;
  while (j < n && s[j] != '"') {
    const unsigned char c = (unsigned char)s[j];
    if (c == '\\') {
      if (j + 1 >= n) return "dangling backslash in literal";
      if (strchr("tbnrf\"'\\", s[j + 1]) && s[j + 1]) {
        j += 2;
        continue;
      }
      uint32_t cp;
      if (!nt_uchar(s, n, &j, &cp)) return "bad escape in literal";
      continue;
    }
    if (c == '\n' || c == '\r') return "raw line end in literal";
    if (c >= 0x80) {
      size_t k = nt_utf8((const unsigned char *)s, n, j);
      if (!k) return "invalid UTF-8 in literal";
      j += k;
      continue;
    }
    ++j;
  }
  if (j >= n) return "unterminated literal";
  j++;
  if (j < n && s[j] == '@') {
    size_t k = ++j;
    while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
    if (j == k) return "empty language tag";
    while (j < n && s[j] == '-') {
      k = ++j;
      while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                       (s[j] >= '0' && s[j] <= '9'))) ++j;
      if (j == k) return "bad language tag";
    }
  } else if (j + 1 < n && s[j] == '^' && s[j + 1] == '^') {
    j += 2;
    const char *e = nt_iri(s, n, &j);
    if (e) return e;
  }
  *i = j;
  return NULL;
}

static size_t nt_ws(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

/* Check one line s[0..n) (without its LF). */
static const char *nt_check_line(const char *s, size_t n) {
  size_t i = nt_ws(s, n, 0);
  const char *e;
  if (i >= n) return "empty line";
  e = s[i] == '<' ? nt_iri(s, n, &i) : nt_bnode(s, n, &i);
  if (e) return e;
  size_t j = nt_ws(s, n, i);
  if (j == i) return "no space after subject";
  i = j;
  if (i >= n || s[i] != '<') return "predicate is not an IRI";
  if ((e = nt_iri(s, n, &i))) return e;
  j = nt_ws(s, n, i);
  if (j == i) return "no space after predicate";
  i = j;
  if (i >= n) return "missing object";
  e = s[i] == '<' ? nt_iri(s, n, &i) : s[i] == '"' ? nt_literal(s, n, &i) : nt_bnode(s, n, &i);
  if (e) return e;
  i = nt_ws(s, n, i);
  if (i >= n || s[i] != '.') return "missing final '.'";
  i = nt_ws(s, n, i + 1);
  if (i != n) return "text after the final '.'";
  return NULL;
}

/* Check a whole N-Triples document; returns the 1-based bad line or 0. */
static size_t nt_check(const char *s, size_t n, const char **why) {
  size_t line = 0;
  size_t i = 0;
  while (i < n) {
    ++line;
    const char *nl = memchr(s + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - s) : n;
    if (!nl) {
      *why = "last line has no line end";
      return line;
    }
    if ((*why = nt_check_line(s + i, end - i))) {
      return line;
    }
    i = end + 1;
  }
  return 0;
}

#endif /* TG_NT_CHECK_H */
