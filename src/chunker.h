/* telegraph internals: the name chunker, proper-name chunks over tokens
 * typed by evidence.
 *
 * A chunk is a run of name tokens (capitalised words, all-capital words,
 * dotted abbreviations, words starting with a digit) with the connectors
 * between them (lexicon kind "connector": "of", "&", "de") and
 * parenthesised names ("(U.S.A.)", "(Shanghai)").  It never starts on a
 * sentence starter, a month, a weekday, a job title (lexicon kind "role")
 * or a legal form, and it ends before a possessive.  "and" is not a
 * connector: "A and B Ltd" is two chunks.
 *
 * A chunk is typed Company when it ends in a legal form (lexicon kind
 * "designator": "T-Systems P.R. China Ltd."), when it is a gazetteer
 * company followed by more name ("Adyen México", "HSBC Fintech Services
 * (Shanghai)"), when its last word is a company head (lexicon kind
 * "orghead": "J.P. Morgan Chase Bank"), or by its context: after "ROLE of"
 * ("CEO of X"), before "shares", or before "and" and a company with a legal
 * form.  After "regulator" it is a Regulator.  Other chunks are returned
 * untyped (class NONE), for the recognizer's one-sense-per-document pass.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_CHUNKER_H
#define TG_CHUNKER_H

#include "gazetteer.h"
#include "lexicon.h"
#include "segmenter.h"
#include "util.h"

typedef struct {
  TgSpan span;        /**< Byte span in the text */
  TgClass cls;        /**< TG_CLASS_NONE when no evidence typed it */
  const char *source; /**< Static evidence name, e.g. "chunk.designator" */
  long brand;         /**< "chunk.unit", "chunk.legal-form": the gazetteer company it
                           starts with, else -1 */
  size_t brand_end;   /**< where that name ends (byte offset) */
} TgChunk;

/** Append the chunks of one sentence's tokens to `out` (TgChunk items).
 * `lex` and `gaz` may be NULL (no evidence from them). */
TgStatus tg_chunk_names(const TgLexicon *lex, const TgGazetteer *gaz, const char *text,
                        const TgToken *toks, size_t n, TgVec *out);

/** The same over a window of a long sentence's tokens: the chunks starting
 * at tokens [from, upto) of toks[0..n), the tokens around them read as
 * context.  The scan is the one of tg_chunk_names, resumed at `from` (a
 * token where a scan of the whole sentence stood); *next is where it goes
 * on (a chunk begun before `upto` may end after it).  A chunk reaching the
 * window's end may be cut short: the caller gives enough tokens after
 * `upto` (see recognizer.c).  Gazetteer names are looked up through
 * `hits` (tg_gazetteer_match_kept; NULL: each time). */
TgStatus tg_chunk_window(const TgLexicon *lex, const TgGazetteer *gaz, const char *text,
                         const TgToken *toks, size_t n, size_t from, size_t upto, TgVec *out,
                         size_t *next, TgGazHit *hits);

#endif /* TG_CHUNKER_H */
