/* telegraph internals: the prefilter in front of PCRE2.
 *
 * At rule load, needs.c finds for each pattern sets of literal strings of
 * which every match holds one; the strings and the sets are stored once
 * for the rule set (many patterns share them: one macro's trigger words).
 * Per subject, a screen finds every needed string there in one pass, in
 * any ASCII case (no copy of the subject), by an index of the strings'
 * first three bytes (and one of the two-byte strings), and answers "is one of this set there" once per set,
 * lazily.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_PREFILTER_H
#define TG_PREFILTER_H

#include "telegraph/status.h"
#include "util.h"

#include <stdbool.h>
#include <stdint.h>

/** A needed string, ASCII lower case; `folds` as tg_need_folds. */
typedef struct {
  char *s;
  size_t len;
  bool folds;
} TgNeedStr;

/** A set of needed strings: ids set_ids[first .. first + n). */
typedef struct {
  unsigned first;
  unsigned n;
} TgNeedSet;

/** A needed string by its first three bytes (TgNeeds.tri). */
typedef struct {
  uint32_t key; /**< the bytes, first in the low byte */
  unsigned id;
} TgNeedTri;

/** An index of some needed strings by their first three bytes: those
 * whose hash is h are tri[tri_start[h] .. tri_start[h + 1]); the strings
 * of two bytes likewise by both in `pair`. */
typedef struct {
  unsigned *tri_start;
  TgNeedTri *tri;
  unsigned *pair_start; /**< its two-byte strings by hash, as tri_start */
  TgNeedTri *pair;      /**< key: the two bytes, first in the low byte */
  unsigned char *lead;  /**< by two bytes (as `pair`'s key): bit 1 a two-byte
                             string is they, bit 2 a longer string starts so */
  TgVec short_ids;      /**< unsigned: its strings of one byte */
  TgVec fold_ids;       /**< unsigned: its strings that fold (TgNeedStr.folds) */
} TgNeedIndex;

/** Which strings an index holds: all, or those a stage's patterns need. */
enum { TG_NEEDS_ALL, TG_NEEDS_RECOGNIZER, TG_NEEDS_RELATIONS, TG_NEEDS_INDEXES };

/** The distinct needed strings and sets of a rule set's patterns. */
typedef struct {
  TgVec strs;           /**< TgNeedStr, by id */
  unsigned *str_slots;  /**< open-addressed index of `strs`: id + 1, 0 empty */
  size_t str_cap;       /**< slots, a power of two, at most half full */
  TgVec sets;           /**< TgNeedSet, by id */
  TgVec set_ids;        /**< unsigned: the string ids of every set */
  unsigned *set_slots;  /**< open-addressed index of `sets` */
  size_t set_cap;
  TgNeedIndex index[TG_NEEDS_INDEXES]; /**< made by tg_needs_index */
  size_t indexed;       /**< strings indexed: strs.len when current */
} TgNeeds;

void tg_needs_init(TgNeeds *t);
void tg_needs_clear(TgNeeds *t);

/** The needed sets of the pattern source src[0..len) (macros expanded), as
 * set ids in *sets (tg_calloc'ed, *n_sets of them; NULL and 0 when nothing
 * is known), strings and sets added to `t` if new, ids in order of first
 * appearance. */
TgStatus tg_needs_add(TgNeeds *t, const char *src, size_t len, unsigned **sets,
                      unsigned *n_sets);

/** The set of strings one of which starts every match of the pattern
 * source src[0..len) (tg_needs_lead), added to `t` as tg_needs_add adds
 * sets: *found false when there is none.  Its strings must be indexed
 * for the screens that answer tg_screen_next_lead for it. */
TgStatus tg_needs_add_lead(TgNeeds *t, const char *src, size_t len, unsigned *set, bool *found);

/** Index the strings added so far, for screens (after the last
 * tg_needs_add; a screen of needs added to since is refused).  uses[id]
 * (bit 1 the recognizer, bit 2 relations) says which stage's patterns
 * need string id; NULL: both. */
TgStatus tg_needs_index(TgNeeds *t, const unsigned char *uses);

/** The prefilter over one subject (which must outlive the screening). */
typedef struct {
  const TgNeeds *needs;
  const TgNeedIndex *index; /**< the strings looked for (others stay absent) */
  const char *subject; /**< borrowed */
  size_t len;
  bool wide;           /**< it holds non-ASCII bytes */
  unsigned char *seen; /**< per needed string: 1 present (or taken as
                            present: it folds and the subject is wide) */
  unsigned char *set_seen; /**< per set: 0 not looked up, 1 absent, 2
                                present; in `seen`'s block */
} TgScreen;

/** A screen that looks for the strings of index `which` (TG_NEEDS_*). */
TgStatus tg_screen_init_needs(TgScreen *sc, const TgNeeds *needs, int which);
void tg_screen_clear(TgScreen *sc);
/** Screen the subject s[0..n) from now on. */
TgStatus tg_screen_set(TgScreen *sc, const char *s, size_t n);
/** The first place at or after `from` (from the subject's start) where a
 * string of set `set` stands, in any ASCII case, into *pos; false if
 * none.  Only the strings the screen saw are looked for.  In a subject
 * with non-ASCII bytes a string that folds (tg_need_folds) may stand
 * where caseless matching alone sees it: see tg_screen_lead_folds. */
bool tg_screen_next_lead(const TgScreen *sc, unsigned set, size_t from, size_t *pos);
/** True if the subject is not ASCII and a string of `set` folds. */
bool tg_screen_lead_folds(const TgScreen *sc, unsigned set);

/** False if a set of sets[0..n) has no string in the subject. */
bool tg_screen_holds(const TgScreen *sc, const unsigned *sets, unsigned n);

#endif /* TG_PREFILTER_H */
