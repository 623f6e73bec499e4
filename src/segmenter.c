/* telegraph stage 2, the segmenter: sentences and tokens with byte offsets.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "segmenter.h"

#include <string.h>

bool tg_word_at(const char *text, size_t end, size_t i, size_t *len) {
  uint32_t cp = 0;
  size_t n = tg_utf8_decode((const unsigned char *)text + i, end - i, &cp);
  if (n == 0) {
    *len = 1;
    return false;
  }
  *len = n;
  return tg_is_word_cp(cp);
}

static bool is_upper_at(const char *text, size_t end, size_t i) {
  const unsigned char c = (unsigned char)text[i];
  if (c < 0x80) {
    return c >= 'A' && c <= 'Z';
  }
  uint32_t cp = 0;
  if (!tg_utf8_decode((const unsigned char *)text + i, end - i, &cp)) {
    return false;
  }
  /* Latin-1 and Latin Extended-A capitals; CJK counts as a name start. */
  return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
         (cp >= 0x100 && cp <= 0x17F && (cp % 2) == 0) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Characters that can close a sentence after its terminator: quotes and
 * brackets (ASCII and the common Unicode ones). */
static size_t closer_len(const char *s, size_t end, size_t i) {
  const unsigned char c = (unsigned char)s[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') {
    return 1;
  }
  if (i + 3 <= end && (memcmp(s + i, "\xE2\x80\x9D", 3) == 0 ||
                       memcmp(s + i, "\xE2\x80\x99", 3) == 0)) {
    return 3;
  }
  return 0;
}

static bool is_space_at(const char *s, size_t end, size_t i, size_t *len) {
  const unsigned char c = (unsigned char)s[i];
  *len = 1;
  if (c == ' ' || c == '\t' || c == '\n') {
    return true;
  }
  if (i + 2 <= end && memcmp(s + i, "\xC2\xA0", 2) == 0) {
    *len = 2;
    return true;
  }
  return false;
}

/* The word ending right before text[dot] (letters, digits and inner dots). */
static size_t word_before(const char *text, size_t begin, size_t dot) {
  size_t i = dot;
  while (i > begin) {
    const unsigned char c = (unsigned char)text[i - 1];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '.' || c >= 0x80) {
      --i;
    } else {
      break;
    }
  }
  return i;
}

static long abbrev_kind(const TgLexicon *lex, const char *w, size_t len) {
  long long v = 0;
  if (len == 0) {
    return 0;
  }
  /* A single capital letter is an initial ("J. Smith"). */
  if (len == 1 && w[0] >= 'A' && w[0] <= 'Z') {
    return 1;
  }
  /* Letters with inner dots ("U.S", "P.R") are abbreviations that may end
   * a sentence. */
  if (memchr(w, '.', len)) {
    return 2;
  }
  if (lex && tg_lexicon_find(lex, "abbrev", w, len, &v)) {
    return (long)v;
  }
  return 0;
}

/* After "X." with X an abbreviation of kind 2 ("Inc.", "U.S."), a sentence
 * ends only when the next word is one that starts sentences (lexicon kind
 * "starter": "The", "It", "Meanwhile"), as in "... Inc. The company said";
 * not before a name ("P.R. China grew", "U.S. Federal Communications"). */
static bool looks_like_new_sentence(const TgLexicon *lex, const char *text, size_t end,
                                    size_t next) {
  size_t i = next;
  size_t n = 0;
  while (i < end && tg_word_at(text, end, i, &n)) {
    i += n;
  }
  long long v = 0;
  return lex && i > next && tg_lexicon_find(lex, "starter", text + next, i - next, &v);
}

static TgStatus push_sentence(TgVec *out, const char *text, size_t b, size_t e) {
  size_t n = 0;
  while (b < e && is_space_at(text, e, b, &n)) {
    b += n;
  }
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) {
    --e;
  }
  if (e > b) {
    TgSpan s = {b, e};
    return tg_vec_push(out, &s);
  }
  return TG_SUCCESS;
}

static bool is_bullet_line(const char *text, size_t end, size_t i) {
  while (i < end && (text[i] == ' ' || text[i] == '\t')) {
    ++i;
  }
  if (i + 1 < end && (text[i] == '-' || text[i] == '*') && text[i + 1] == ' ') {
    return true;
  }
  return i + 3 <= end && memcmp(text + i, "\xE2\x80\xA2", 3) == 0; /* • */
}

/* Length of a dateline prefix at text[i] ("BEIJING -", "DHAKA, May 22
 * (BSS) -", "LAGOS (Reuters) —"): capitals, an optional date after a
 * comma, an optional parenthesis, a dash and a space; 0 if there is none. */
static size_t dateline_prefix(const char *text, size_t end, size_t i) {
  const size_t from = i;
  size_t caps = 0;
  while (i < end && ((text[i] >= 'A' && text[i] <= 'Z') || strchr(" .'-", text[i]))) {
    caps += text[i] >= 'A' && text[i] <= 'Z';
    ++i;
    if (i + 1 < end && text[i] == '-' && text[i + 1] == ' ') {
      break; /* the dash of "BEIJING - " */
    }
  }
  if (caps < 2 || i - from > 48) {
    return 0;
  }
  if (i < end && text[i] == ',') { /* ", May 22" */
    ++i;
    while (i < end && (text[i] == ' ' || (text[i] >= 'A' && text[i] <= 'Z') ||
                       (text[i] >= 'a' && text[i] <= 'z') || text[i] == '.' ||
                       (text[i] >= '0' && text[i] <= '9') || text[i] == ',')) {
      ++i;
    }
  }
  while (i < end && text[i] == ' ') {
    ++i;
  }
  if (i < end && text[i] == '(') {
    size_t j = i + 1;
    while (j < end && j < i + 48 && text[j] != ')' && text[j] != '\n') {
      ++j;
    }
    if (j >= end || text[j] != ')') {
      return 0;
    }
    i = j + 1;
    while (i < end && text[i] == ' ') {
      ++i;
    }
  }
  size_t dash = 0;
  if (i + 1 < end && text[i] == '-' && text[i + 1] == '-') {
    dash = 2;
  } else if (i < end && text[i] == '-') {
    dash = 1;
  } else if (i + 3 <= end && (memcmp(text + i, "\xE2\x80\x93", 3) == 0 ||
                              memcmp(text + i, "\xE2\x80\x94", 3) == 0)) {
    dash = 3;
  }
  if (!dash || i + dash >= end || text[i + dash] != ' ') {
    return 0;
  }
  return i + dash - from;
}

TgStatus tg_segment(const char *text, size_t begin, size_t end, const TgLexicon *lex,
                    TgVec *sentences) {
  size_t start = begin;
  size_t i = begin;
  TgStatus st;
  bool para_start = true;
  while (i < end) {
    const char c = text[i];
    if (para_start) {
      para_start = false;
      while (i < end && (text[i] == ' ' || text[i] == '\n')) {
        ++i;
      }
      const size_t n = dateline_prefix(text, end, i);
      if (n) {
        if ((st = push_sentence(sentences, text, i, i + n))) {
          return st;
        }
        i += n;
        start = i;
      }
      continue;
    }
    if (c == '\n') {
      /* A blank line or a bullet ends the sentence. */
      size_t j = i + 1;
      while (j < end && (text[j] == ' ' || text[j] == '\t')) {
        ++j;
      }
      if (j >= end || text[j] == '\n' || is_bullet_line(text, end, i + 1)) {
        if ((st = push_sentence(sentences, text, start, i))) {
          return st;
        }
        start = i + 1;
        para_start = text[j] == '\n';
      }
      ++i;
      continue;
    }
    const bool cjk_stop = i + 3 <= end && memcmp(text + i, "\xE3\x80\x82", 3) == 0;
    if (c != '.' && c != '!' && c != '?' && !cjk_stop) {
      ++i;
      continue;
    }
    size_t j = i + (cjk_stop ? 3 : 1);
    while (j < end && (text[j] == '.' || text[j] == '!' || text[j] == '?')) {
      ++j;
    }
    size_t k;
    while (j < end && (k = closer_len(text, end, j)) > 0) {
      j += k;
    }
    size_t sp = 0;
    if (j < end && !cjk_stop && !is_space_at(text, end, j, &sp)) {
      i = j; /* "1.2", "U.S.-based", "example.com" */
      continue;
    }
    size_t next = j;
    while (next < end && is_space_at(text, end, next, &sp)) {
      next += sp;
    }
    if (next >= end) {
      i = j;
      continue;
    }
    const unsigned char nc = (unsigned char)text[next];
    const bool starts = is_upper_at(text, end, next) || (nc >= '0' && nc <= '9') ||
                        nc == '"' || nc == '(' || nc == '\'' || nc >= 0x80;
    if (!starts) {
      i = j;
      continue;
    }
    if (c == '.') {
      const size_t w = word_before(text, begin, i);
      const long kind = abbrev_kind(lex, text + w, i - w);
      if (kind == 1 || (kind == 2 && !looks_like_new_sentence(lex, text, end, next))) {
        i = j;
        continue;
      }
    }
    if ((st = push_sentence(sentences, text, start, j))) {
      return st;
    }
    start = j;
    i = j;
  }
  return push_sentence(sentences, text, start, end);
}

/* Inner characters that join a word: - ' & . and the curly apostrophe. */
static size_t joiner_len(const char *text, size_t end, size_t i) {
  const char c = text[i];
  if (c == '-' || c == '\'' || c == '&' || c == '.') {
    return 1;
  }
  if (i + 3 <= end && memcmp(text + i, "\xE2\x80\x99", 3) == 0) {
    return 3;
  }
  return 0;
}

TgStatus tg_tokenize(const char *text, TgSpan span, TgVec *tokens) {
  size_t i = span.begin;
  const size_t end = span.end;
  TgStatus st;
  while (i < end) {
    size_t n = 0;
    if (tg_word_at(text, end, i, &n)) {
      TgToken t = {{i, 0}, true, is_upper_at(text, end, i)};
      i += n;
      for (;;) {
        if (i < end && tg_word_at(text, end, i, &n)) {
          i += n;
          continue;
        }
        size_t jl = (i < end) ? joiner_len(text, end, i) : 0;
        size_t m = 0;
        if (jl && (text[i] == '\'' || jl == 3) && i + jl < end && text[i + jl] == 's' &&
            (i + jl + 1 >= end || !tg_word_at(text, end, i + jl + 1, &m))) {
          break; /* a possessive 's is a token of its own */
        }
        if (jl && i + jl < end && tg_word_at(text, end, i + jl, &m)) {
          i += jl + m;
          continue;
        }
        break;
      }
      t.span.end = i;
      if ((st = tg_vec_push(tokens, &t))) {
        return st;
      }
      continue;
    }
    size_t sp = 0;
    if (is_space_at(text, end, i, &sp)) {
      i += sp;
      continue;
    }
    size_t len = n; /* one character, however many bytes */
    size_t k = 0;
    if ((text[i] == '\'' || (n == 3 && memcmp(text + i, "\xE2\x80\x99", 3) == 0)) &&
        i + n < end && text[i + n] == 's' &&
        (i + n + 1 >= end || !tg_word_at(text, end, i + n + 1, &k))) {
      len = n + 1; /* the possessive 's */
    }
    TgToken t = {{i, i + len}, false, false};
    if ((st = tg_vec_push(tokens, &t))) {
      return st;
    }
    i += len;
  }
  return TG_SUCCESS;
}
