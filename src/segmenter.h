/* telegraph stage 2, the segmenter: sentences and tokens with byte offsets.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_SEGMENTER_H
#define TG_SEGMENTER_H

#include "lexicon.h"
#include "telegraph/result.h"
#include "util.h"

#include <stdbool.h>

/** The class of a token, from its shape. */
typedef enum {
  TG_TOK_LOWER,    /**< a word starting lower-case: "said", "e-money" */
  TG_TOK_CAP,      /**< a capitalised word: "Ministry", "MobiFone", "T-Systems" */
  TG_TOK_UPPER,    /**< two or more letters, all capitals: "HSBC", "AT&T" */
  TG_TOK_ABBREV,   /**< letters with periods, the last one included: "U.S.A.", "J.P." */
  TG_TOK_NUMBER,   /**< digits with inner periods: "2025", "1.5" */
  TG_TOK_ALNUM,    /**< starts with a digit and holds a letter: "5G", "3.5GHz" */
  TG_TOK_CJK,      /**< holds a CJK ideograph */
  TG_TOK_CURRENCY, /**< a currency sign: $ € £ ¥ ₹ ₦ */
  TG_TOK_OPEN,     /**< ( [ */
  TG_TOK_CLOSE,    /**< ) ] */
  TG_TOK_POSSESSIVE, /**< 's (straight or curly apostrophe) */
  TG_TOK_PUNCT     /**< any other character */
} TgTokClass;

/** A token: a word (letters and digits, with inner - ' ’ &, and inner
 * periods in numbers, dotted abbreviations and lower-case "gov.uk"), a
 * possessive "'s" (so "People's" is "People" and "'s", and "China's" holds
 * the name "China"), or one punctuation character (of any byte length).
 * A dotted abbreviation ("P.R.", "U.S.A.", "S.p.A.") keeps its final
 * period; "9.Separately" is three tokens. */
typedef struct {
  TgSpan span;
  bool word;
  bool upper; /**< Starts with an upper-case letter */
  unsigned char cls; /**< TgTokClass */
} TgToken;

/** Split text[begin..end) into sentences, appending TgSpan items to
 * `sentences`.  Abbreviations come from the lexicon (kind "abbrev": value
 * 1 never ends a sentence, 2 ends one only before a word of kind
 * "starter").  A dateline at the start of a paragraph ("DHAKA, May 22
 * (BSS) -") is a sentence of its own.  `lex` may be NULL. */
TgStatus tg_segment(const char *text, size_t begin, size_t end, const TgLexicon *lex,
                    TgVec *sentences);

/** Append the tokens of text[span) to `tokens` (TgToken items). */
TgStatus tg_tokenize(const char *text, TgSpan span, TgVec *tokens);

/** True if the code point at text[i] (decoded into *len bytes) is a letter
 * or digit (not a currency sign); *len is set to the code point's length. */
bool tg_word_at_any(const char *text, size_t end, size_t i, size_t *len);
/** tg_word_at_any, with an ASCII byte (most of the text: a letter or a
 * digit is a word character) decided inline. */
static inline bool tg_word_at(const char *text, size_t end, size_t i, size_t *len) {
  const unsigned char c = i < end ? (unsigned char)text[i] : 0x80;
  if (c < 0x80) {
    *len = 1;
    return (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u;
  }
  return tg_word_at_any(text, end, i, len);
}

#endif /* TG_SEGMENTER_H */
