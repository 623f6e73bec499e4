/* telegraph stage 2, the segmenter: sentences and tokens with byte offsets.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_SEGMENTER_H
#define TG_SEGMENTER_H

#include "lexicon.h"
#include "telegraph/result.h"
#include "util.h"

#include <stdbool.h>

/** A token: a word (letters and digits, with inner - ' ’ & .), a
 * possessive "'s" (so "People's" is "People" and "'s", and "China's" holds
 * the name "China"), or one punctuation character (of any byte length). */
typedef struct {
  TgSpan span;
  bool word;
  bool upper; /**< Starts with an upper-case letter */
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
 * or digit; *len is set to the code point's length. */
bool tg_word_at(const char *text, size_t end, size_t i, size_t *len);

#endif /* TG_SEGMENTER_H */
