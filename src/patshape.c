/* telegraph internals: the shape of a pattern, for searching it faster
 * with the same matches.
 *
 * Three rewrites, found at rule load from a pattern's source (macros
 * expanded), each sound by construction and refused at the first doubt:
 *
 * - a tail: a run of the pattern's last top-level items (entering groups
 *   that are matched exactly once and have one branch) that starts with a
 *   few bytes.  Every match holds a match of it, so a subject the tail does
 *   not match from a start is not searched in full; PCRE2 finds the tail
 *   by skipping to those bytes.
 * - a start hint: a pattern that starts where a look-ahead class of
 *   properties holds ("(?=[\\p{Lu}\\d])") gets in front a look-ahead of the
 *   bytes that class can start with, which PCRE2 can skip to (it cannot
 *   from a class of properties).
 * - a list split: "(?:A|\\GB)C" runs as "(?:A)C" and "(?:\\GB)C", so that A's
 *   first bytes are skipped to and B is tried only where the call starts.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "patshape.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ---- A tail every match holds ---- */

/* The top-level items of the pattern s[0..n): their start offsets in
 * starts[0..count), count returned; 0 when splitting the pattern into a head
 * and a tail (see TgPattern.tail) is not sound: a top-level '|', or
 * anything that makes the tail's matching depend on the head (back
 * references, subroutine calls, conditionals, options, \G, verbs,
 * quoting, comments). */
static size_t top_items(const char *s, size_t n, size_t *starts, size_t cap) {
  int depth = 0;
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    const bool quant = c == '*' || c == '+' || c == '?' ||
                       (c == '{' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9');
    if (depth == 0 && !quant && c != ')' && c != '|') {
      if (count == cap) {
        return 0;
      }
      starts[count++] = i;
    }
    if (c == '\\') {
      const char d = i + 1 < n ? s[i + 1] : '\0';
      if (d == 'G' || d == 'k' || d == 'g' || d == 'Q' || (d >= '0' && d <= '9')) {
        return 0;
      }
      ++i;
    } else if (c == '[') {
      size_t j = i + 1;
      j += j < n && s[j] == '^';
      j += j < n && s[j] == ']';
      while (j < n && s[j] != ']') {
        j += s[j] == '\\' ? 2 : 1;
      }
      i = j;
    } else if (c == '{' && quant) {
      while (i + 1 < n && s[i] != '}') {
        ++i;
      }
    } else if (c == '(') {
      const char d = i + 1 < n ? s[i + 1] : '\0';
      const char e = i + 2 < n ? s[i + 2] : '\0';
      if (d == '*' || (d == '?' && !(e == ':' || e == '=' || e == '!' || e == '>' ||
                                     e == '<' || e == '\''))) {
        return 0; /* verbs, recursion, conditionals, options, comments, branch reset */
      }
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) {
        return 0;
      }
    } else if (c == '|' && depth == 0) {
      return 0;
    }
  }
  return depth == 0 ? count : 0;
}

static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Could a tail starting at s[i] start with few characters: a word, a
 * placeholder code, a comma, semicolon or colon (", the ... unit of",
 * ", chief executive"), \b before one, a group of them? */
static bool wordy_start(const char *s, size_t n, size_t i) {
  for (;;) {
    if (i >= n) {
      return false;
    }
    if (is_letter(s[i]) || s[i] == '<' || s[i] == ',' || s[i] == ';' || s[i] == ':') {
      return true;
    }
    if (i + 1 < n && s[i] == '\\' && s[i + 1] == 'b') {
      i += 2;
    } else if (i + 2 < n && s[i] == '(' && s[i + 1] == '?' && s[i + 2] == ':') {
      i += 3;
    } else if (i + 2 < n && s[i] == '(' && s[i + 1] == '?' && s[i + 2] == '<' &&
               i + 3 < n && is_letter(s[i + 3])) {
      const char *close = memchr(s + i, '>', n - i);
      if (!close) {
        return false;
      }
      i = (size_t)(close - s) + 1;
    } else {
      return false;
    }
  }
}

/* Does a match of `code` start with one of few bytes (not a blank)? */
static bool few_first_bytes(const pcre2_code *code) {
  uint32_t type = 0;
  pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type);
  if (type == 1) {
    return true;
  }
  const uint8_t *bits = NULL;
  if (type != 0 || pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) != 0 || !bits) {
    return false;
  }
  unsigned count = 0;
  for (unsigned b = 0; b < 256; ++b) {
    count += (bits[b / 8] >> (b % 8)) & 1;
  }
  return count <= 48 && !((bits[' ' / 8] >> (' ' % 8)) & 1);
}

/* ---- A start hint ---- */

/* Index of the ']' that closes the class opening at s[i] ('['), or n. */
static size_t class_close(const char *s, size_t n, size_t i) {
  size_t j = i + 1;
  j += j < n && s[j] == '^';
  j += j < n && s[j] == ']';
  while (j < n && s[j] != ']') {
    j += s[j] == '\\' ? 2 : 1;
  }
  return j < n ? j : n;
}

/* Offset just past the group opening at s[i] ('('), or 0 if unbalanced;
 * *branch set if a '|' is directly inside it. */
static size_t group_close(const char *s, size_t n, size_t i, bool *branch) {
  int depth = 0;
  *branch = false;
  for (; i < n; ++i) {
    const char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      i = class_close(s, n, i);
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1;
    } else if (c == '|' && depth == 1) {
      *branch = true;
    }
  }
  return 0;
}

/* Is s[from, n) one branch: no '|' outside its groups, every group closed? */
static bool one_branch(const char *s, size_t n, size_t from) {
  bool inner = false;
  for (size_t i = from; i < n; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '[') {
      i = class_close(s, n, i);
    } else if (s[i] == '(') {
      const size_t e = group_close(s, n, i, &inner);
      if (!e) {
        return false;
      }
      i = e - 1;
    } else if (s[i] == '|') {
      return false;
    }
  }
  return true;
}

static bool quantifier_at(const char *s, size_t n, size_t i) {
  return i < n && (s[i] == '*' || s[i] == '+' || s[i] == '?' || s[i] == '{');
}

/* Mark in ascii[] the ASCII characters the lookahead class s[b..e) (its
 * inside) can match, *wide if it can match others; false if it holds an
 * item not understood here. */
static bool class_bytes(const char *s, size_t b, size_t e, bool *ascii, bool *wide) {
  static const struct {
    const char *item;
    const char *ranges; /* pairs of first and last characters */
  } props[] = {{"\\p{Lu}", "AZ"}, {"\\p{Ll}", "az"}, {"\\p{L}", "AZaz"}, {"\\p{N}", "09"},
               {"\\p{Nd}", "09"}, {"\\d", "09"},   {"\\w", "AZaz09__"}};
  if (b < e && s[b] == '^') {
    return false;
  }
  for (size_t i = b; i < e;) {
    size_t k = 0;
    for (; k < sizeof props / sizeof props[0]; ++k) {
      const size_t l = strlen(props[k].item);
      if (i + l <= e && memcmp(s + i, props[k].item, l) == 0) {
        for (const char *r = props[k].ranges; *r; r += 2) {
          for (int c = r[0]; c <= r[1]; ++c) {
            ascii[c] = true;
          }
        }
        *wide = true;
        i += l;
        break;
      }
    }
    if (k < sizeof props / sizeof props[0]) {
      continue;
    }
    const unsigned char c = (unsigned char)s[i];
    if (!isalnum(c)) {
      return false;
    }
    if (i + 2 < e && s[i + 1] == '-' && isalnum((unsigned char)s[i + 2]) && s[i + 2] >= s[i]) {
      for (int x = c; x <= (unsigned char)s[i + 2]; ++x) {
        ascii[x] = true;
      }
      i += 3;
    } else {
      ascii[c] = true;
      ++i;
    }
  }
  return true;
}

bool tg_start_hint(const char *s, size_t n, TgBuf *out) {
  if (!one_branch(s, n, 0)) {
    return false;
  }
  bool branch = false;
  size_t i = 0;
  for (;;) {
    if (i + 3 < n && s[i] == '(' && s[i + 1] == '?' &&
        (s[i + 2] == '!' || (s[i + 2] == '<' && (s[i + 3] == '=' || s[i + 3] == '!')))) {
      const size_t e = group_close(s, n, i, &branch); /* a look-around: consumes nothing */
      if (!e || quantifier_at(s, n, e)) {
        return false;
      }
      i = e;
    } else if (i + 3 < n && s[i] == '(' && s[i + 1] == '?' && s[i + 2] == '=' && s[i + 3] == '[') {
      const size_t close = class_close(s, n, i + 3);
      bool ascii[128] = {false};
      bool wide = false;
      if (close + 1 >= n || s[close + 1] != ')' ||
          !class_bytes(s, i + 4, close, ascii, &wide)) {
        return false;
      }
      char hex[16];
      TgStatus st = tg_buf_append(out, "(?=[", 4);
      for (int c = 0; !st && c < 128; ++c) {
        if (ascii[c]) {
          snprintf(hex, sizeof hex, "\\x{%x}", c);
          st = tg_buf_append(out, hex, strlen(hex));
        }
      }
      if (!st && wide) {
        st = tg_buf_append(out, "\\x{80}-\\x{10ffff}", 17);
      }
      return !st && !tg_buf_append(out, "])", 2);
    } else if (i + 2 < n && s[i] == '(' && s[i + 1] == '?' &&
               (s[i + 2] == ':' || (s[i + 2] == '<' && i + 3 < n && isalpha((unsigned char)s[i + 3])))) {
      const size_t e = group_close(s, n, i, &branch); /* enter a group of one branch */
      if (!e || branch || quantifier_at(s, n, e)) {
        return false;
      }
      if (s[i + 2] == ':') {
        i += 3;
      } else {
        const char *gt = (const char *)memchr(s + i, '>', e - i);
        if (!gt) {
          return false;
        }
        i = (size_t)(gt - s) + 1;
      }
    } else {
      return false;
    }
  }
}

/* ---- The tail's items, through groups ---- */

#define TG_TAIL_ITEMS 256

typedef struct {
  size_t b, e;
} Span;

/* Length of the quantifier at s[i] (0 if none), with its ? or + after. */
static size_t quantifier_len(const char *s, size_t n, size_t i) {
  size_t j = i;
  if (j < n && (s[j] == '*' || s[j] == '+' || s[j] == '?')) {
    ++j;
  } else if (j + 1 < n && s[j] == '{' && isdigit((unsigned char)s[j + 1])) {
    while (j < n && s[j] != '}') {
      ++j;
    }
    j += j < n;
  } else {
    return 0;
  }
  if (j < n && (s[j] == '?' || s[j] == '+')) {
    ++j;
  }
  return j - i;
}

/* Length of the escape at s[i] ('\\'): "\\b", "\\p{Lu}", "\\x{41}", "\\pL". */
static size_t escape_len(const char *s, size_t n, size_t i) {
  if (i + 1 >= n) {
    return 1;
  }
  const char c = s[i + 1];
  if ((c == 'p' || c == 'P' || c == 'x' || c == 'o') && i + 2 < n && s[i + 2] == '{') {
    const char *close = (const char *)memchr(s + i, '}', n - i);
    return close ? (size_t)(close - (s + i)) + 1 : n - i;
  }
  if ((c == 'p' || c == 'P') && i + 2 < n) {
    return 3;
  }
  return 2;
}

/* The items of s[b..e) into spans, entering each group that is entered
 * exactly once (no quantifier) and has one branch: "A(?<n>BC)D" is A, B, C,
 * D, so that a tail may start inside a named group.  False if too many. */
static bool flat_items(const char *s, size_t b, size_t e, Span *spans, size_t cap,
                       size_t *count) {
  for (size_t i = b; i < e;) {
    size_t j = i + 1;
    if (isalnum((unsigned char)s[i])) {
      /* A word is one item (its last letter apart if a quantifier follows). */
      while (j < e && isalnum((unsigned char)s[j])) {
        ++j;
      }
      j -= j - i > 1 && quantifier_len(s, e, j) ? 1 : 0;
    } else if (s[i] == '\\') {
      j = i + escape_len(s, e, i);
    } else if (s[i] == '[') {
      j = class_close(s, e, i) + 1;
    } else if (s[i] == '(') {
      bool branch = false;
      j = group_close(s, e, i, &branch);
      if (!j) {
        return false;
      }
      const bool named = i + 3 < e && s[i + 1] == '?' && s[i + 2] == '<' &&
                         isalpha((unsigned char)s[i + 3]);
      const bool plain = i + 2 < e && s[i + 1] == '?' && s[i + 2] == ':';
      if ((named || plain) && !branch && !quantifier_len(s, e, j)) {
        const size_t open = plain ? i + 3 : (size_t)((const char *)memchr(s + i, '>', j - i) - s) + 1;
        if (!flat_items(s, open, j - 1, spans, cap, count)) {
          return false;
        }
        i = j;
        continue;
      }
    }
    j = j > e ? e : j;
    j += quantifier_len(s, e, j);
    if (*count == cap) {
      return false;
    }
    spans[(*count)++] = (Span){i, j};
    i = j;
  }
  return true;
}

pcre2_code *tg_pattern_tail(const char *s, size_t n, uint32_t opts) {
  size_t top[TG_TAIL_ITEMS];
  Span spans[TG_TAIL_ITEMS];
  size_t count = 0;
  if (!top_items(s, n, top, TG_TAIL_ITEMS) || !flat_items(s, 0, n, spans, TG_TAIL_ITEMS, &count)) {
    return NULL;
  }
  TgBuf text;
  tg_buf_init(&text);
  pcre2_code *found = NULL;
  for (size_t k = 1; !found && k < count; ++k) {
    if (!wordy_start(s, n, spans[k].b)) {
      continue;
    }
    text.len = 0;
    bool ok = true;
    for (size_t m = k; ok && m < count; ++m) {
      ok = !tg_buf_append(&text, s + spans[m].b, spans[m].e - spans[m].b);
    }
    int errcode = 0;
    PCRE2_SIZE erroff = 0;
    pcre2_code *tail =
        ok ? pcre2_compile((PCRE2_SPTR)text.buf, text.len, opts, &errcode, &erroff, NULL) : NULL;
    if (tail && few_first_bytes(tail)) {
      found = tail;
    } else {
      pcre2_code_free(tail);
    }
  }
  tg_buf_clear(&text);
  return found;
}

/* ---- A list continued with \G ---- */

/* Anything in s[0..n) that ties one part of a pattern to another: back
 * references, subroutine calls, conditionals, verbs, quoting, options. */
static bool has_ties(const char *s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\\') {
      const char d = i + 1 < n ? s[i + 1] : '\0';
      if (d == 'k' || d == 'g' || d == 'Q' || d == 'K' || (d >= '1' && d <= '9')) {
        return true;
      }
      ++i;
    } else if (s[i] == '[') {
      i = class_close(s, n, i);
    } else if (s[i] == '(' && i + 2 < n) {
      const char d = s[i + 1];
      const char e = s[i + 2];
      if (d == '*' || (d == '?' && !(e == ':' || e == '=' || e == '!' || e == '>' || e == '<' ||
                                     e == '\''))) {
        return true;
      }
    }
  }
  return false;
}

/* \G outside classes in s[b..e). */
static size_t count_g(const char *s, size_t b, size_t e) {
  size_t count = 0;
  for (size_t i = b; i < e; ++i) {
    if (s[i] == '\\') {
      count += i + 1 < e && s[i + 1] == 'G';
      ++i;
    } else if (s[i] == '[') {
      i = class_close(s, e, i);
    }
  }
  return count;
}

/* A capturing group in s[b..e)? */
static bool has_capture(const char *s, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '[') {
      i = class_close(s, e, i);
    } else if (s[i] == '(' &&
               (i + 1 >= e || s[i + 1] != '?' ||
                (i + 3 < e && s[i + 2] == '<' && isalpha((unsigned char)s[i + 3])) ||
                (i + 2 < e && (s[i + 2] == '\'' || s[i + 2] == 'P')))) {
      return true;
    }
  }
  return false;
}

/* The two sources of a split (tg_split_continuation): "(?:A|...)C" into
 * `a` and "(?:\\GB)C" into `b`; false if not of that form. */
bool tg_split_sources(const char *s, size_t n, TgBuf *a, TgBuf *b) {
  bool branch = false;
  if (n < 4 || memcmp(s, "(?:", 3) != 0 || has_ties(s, n) || count_g(s, 0, n) != 1) {
    return false;
  }
  const size_t g = group_close(s, n, 0, &branch);
  if (!g || !branch || quantifier_at(s, n, g) || has_capture(s, 0, g)) {
    return false;
  }
  if (!one_branch(s, n, g)) { /* one branch after the group */
    return false;
  }
  /* The last branch of the group: where its '|' is. */
  size_t last = 0;
  int depth = 0;
  for (size_t i = 3; i + 1 < g; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '[') {
      i = class_close(s, g, i);
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')') {
      --depth;
    } else if (s[i] == '|' && depth == 0) {
      last = i;
    }
  }
  if (!last || g - last < 3 || s[last + 1] != '\\' || s[last + 2] != 'G') {
    return false; /* \G must open the last branch */
  }
  return !tg_buf_append(a, s, last) && !tg_buf_append(a, s + g - 1, n - g + 1) &&
         !tg_buf_append(b, "(?:", 3) && !tg_buf_append(b, s + last + 1, n - last - 1);
}

bool tg_split_continuation(const char *s, size_t n, uint32_t opts, pcre2_code **other,
                           pcre2_code **at_start) {
  *other = *at_start = NULL;
  TgBuf a, b;
  tg_buf_init(&a);
  tg_buf_init(&b);
  const bool built = tg_split_sources(s, n, &a, &b);
  int errcode = 0;
  PCRE2_SIZE erroff = 0;
  if (built) {
    *other = pcre2_compile((PCRE2_SPTR)a.buf, a.len, opts, &errcode, &erroff, NULL);
    *at_start = pcre2_compile((PCRE2_SPTR)b.buf, b.len, opts, &errcode, &erroff, NULL);
  }
  tg_buf_clear(&a);
  tg_buf_clear(&b);
  if (!*other || !*at_start) {
    pcre2_code_free(*other);
    pcre2_code_free(*at_start);
    *other = *at_start = NULL;
    return false;
  }
  return true;
}
