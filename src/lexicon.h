/* telegraph: the word list used to normalise dates and quantities
 * (internal header).
 *
 * A lexicon maps (kind, word) pairs to a value.  It is loaded from a
 * TAB-separated data file (ontology/lexicon.tsv) whose format is described
 * at the top of that file; every language word the normalisers know lives
 * there, none in the C code.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_SRC_LEXICON_H
#define TELEGRAPH_SRC_LEXICON_H

#include "telegraph/error.h"
#include "telegraph/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif


/** Longest word (in bytes, after case folding and space collapsing). */
#define TG_LEXICON_WORD_MAX 63

/** Most words a single lexicon entry may have ("pounds sterling" has 2). */
#define TG_LEXICON_PHRASE_MAX 4

/** Opaque lexicon. */
typedef struct TgLexiconImpl TgLexicon;

/** Create an empty lexicon; NULL if out of memory.
 * The caller owns the result and releases it with tg_lexicon_free(). */
TgLexicon *tg_lexicon_new(void);

/** Free `lex` and everything it owns.  tg_lexicon_free(NULL) does nothing. */
void tg_lexicon_free(TgLexicon *lex);

/** Add the entries of the file at `path` to `lex`.
 *
 * Every problem is reported through `err` (which may be NULL) as
 * FILE:LINE:COL and a message: unknown kind, missing or extra field, bad
 * value, word too long, duplicate word with a different value.  All lines
 * are checked, so several errors may be reported for one call.
 *
 * Returns TG_SUCCESS, TG_BAD_ARG (NULL `lex` or `path`), TG_BAD_READ (cannot
 * open or read), TG_BAD_SYNTAX (at least one malformed line), or
 * TG_BAD_ALLOC.  On failure `lex` stays valid (it may be freed or used) but
 * holds an unspecified subset of the file's entries.  `path` is borrowed. */
TgStatus tg_lexicon_load(TgLexicon *lex, const char *path, TgErrorFn err,
                         void *err_data);

/** Look up `word` (`len` bytes, not necessarily NUL-terminated) in `kind`.
 *
 * Matching ignores ASCII case, leading and trailing blanks, and treats runs
 * of blanks as one space.  On a hit stores the entry's value in `*value`
 * (0 for string-valued kinds such as "currency"; `value` may be NULL) and
 * returns true.  Returns false for unknown kinds, unknown words, or NULL
 * arguments. */
bool tg_lexicon_find(const TgLexicon *lex, const char *kind, const char *word,
                     size_t len, long long *value);

/** Look up a string-valued entry (kind "currency": ISO 4217 code).
 * Returns the value, owned by `lex` and valid until it is freed, or NULL if
 * there is no such entry or the kind is not string-valued. */
const char *tg_lexicon_find_str(const TgLexicon *lex, const char *kind,
                                const char *word, size_t len);

/** The index of a kind, for the *_kind functions below (-1 if unknown):
 * look it up once, not per word. */
int tg_lexicon_kind(const char *kind);

/** The index of kind `name` for a file that asks for kinds by literal
 * name: `names` is the file's static array of those literals and `cache`
 * ([n], zero-initialised, static) keeps each one's index once looked up.
 * A name given as one of the literals is found by its address; any other
 * by tg_lexicon_kind.  Safe from several threads. */
int tg_lexicon_kind_cached(const char *const *names, atomic_int *cache, size_t n,
                           const char *name);

/** False if no entry of `kind` starts with the byte c (ASCII case folded):
 * a cheap test before a lookup. */
bool tg_lexicon_may_start(const TgLexicon *lex, int kind, char c);

/** tg_lexicon_find by kind index. */
bool tg_lexicon_find_kind(const TgLexicon *lex, int kind, const char *word, size_t len,
                          long long *value);

/** Every kind that holds `word` (normalised as tg_lexicon_find does), in
 * one lookup: bit k set when tg_lexicon_find_kind(lex, k, word, len, ...)
 * would find it.  0 for NULL arguments or a word in no kind. */
uint64_t tg_lexicon_kinds_of(const TgLexicon *lex, const char *word, size_t len);

/** True if `kind` (len bytes) is a kind a lexicon file may use. */
bool tg_lexicon_kind_known(const char *kind, size_t len);

/** Number of entries in `lex` (0 for NULL). */
size_t tg_lexicon_size(const TgLexicon *lex);

/** A piece of text, as produced by the date and quantity tokenisers. */
typedef struct {
  const char *text; /**< Borrowed, not NUL-terminated */
  size_t len;       /**< Length in bytes */
} TgLexToken;

/** Longest match of an entry of `kind` against the first tokens of `toks`
 * (at most TG_LEXICON_PHRASE_MAX of them, joined by single spaces).
 *
 * Returns the number of tokens matched (0 if none).  On a match stores the
 * value in `*value` and the string value (or NULL) in `*str`; both
 * pointers may be NULL.  `*str` is owned by `lex`. */
size_t tg_lexicon_match(const TgLexicon *lex, const char *kind,
                        const TgLexToken *toks, size_t ntoks,
                        long long *value, const char **str);

/** tg_lexicon_match by kind index. */
size_t tg_lexicon_match_kind(const TgLexicon *lex, int kind, const TgLexToken *toks,
                             size_t ntoks, long long *value, const char **str);

/** Test hook: make the `n`+1-th allocation done by `lex` from now on (and
 * every later one) fail, as if malloc returned NULL; a negative `n`
 * disables the hook.  Per-lexicon, so no global state is involved. */
void tg_lexicon_set_alloc_fail_after(TgLexicon *lex, long n);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_SRC_LEXICON_H */
