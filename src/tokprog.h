/* telegraph internals: token patterns, the compiled program shared by the
 * compiler (tokmatch.c) and the pass (tokvm.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_TOKPROG_H
#define TG_TOKPROG_H

#include "tokmatch.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Elements match one token, or several for a lexicon phrase or a
 * gazetteer name. */
enum { E_LIT, E_LEX, E_CLASS, E_SHAPE, E_GAZ, E_ANY, E_WORD, E_SET, E_SEQ };

/* Shapes: token forms of numbers and dates. */
enum { S_YEAR, S_DAYNUM, S_NUM, S_GROUP3, S_ISODATE, S_NUMSCALE, S_CURNUM, S_NUMWORDS, N_SHAPES };

typedef struct {
  unsigned char kind;
  bool glued;     /* ~: no space before the token */
  bool upper;     /* ^: starts with an upper-case letter */
  bool exact;     /* 'word': case-sensitive */
  bool prefix;    /* "grant*": the token starts with the word */
  unsigned classes; /* bit per TgTokClass: the tokens it can match at all */
  uint32_t first[8]; /* bit per byte: the first bytes of the tokens it can match at all */
  bool in_parts;  /* it may also match a part after a hyphen ("re-granted"), whatever its first byte */
  unsigned val;   /* class, shape or gazetteer class; E_SET: first member */
  unsigned count; /* E_SET: members */
  char *text;     /* E_LIT: the word; E_LEX: the lexicon kind */
  size_t len;
  /* E_SET: its plain words (members that are E_LIT, not prefixes) by
   * folded text, open addressing, member position + 1 (0: empty), and the
   * positions of the other members, ascending (tokelem.c, index_set). */
  uint32_t *words;
  unsigned words_cap; /* a power of two, or 0: no words */
  size_t words_max;   /* the longest word */
  uint32_t *rest;
  unsigned n_rest;
} Elem;

enum { I_ELEM, I_SPLIT, I_JMP, I_SAVE_B, I_SAVE_E, I_NOT_AHEAD, I_NOT_BEHIND, I_BEHIND, I_MATCH };

typedef struct {
  unsigned char op;
  unsigned arg; /* element, or pattern index for MATCH */
  unsigned x;   /* next */
  unsigned y;   /* SPLIT: the other branch */
} Inst;

typedef struct {
  unsigned id;
  unsigned start;   /* first instruction */
  unsigned first;   /* its possible first elements: firsts[first..first+n_first) */
  unsigned n_first;
  bool nullable;    /* no first element: tried at every token */
} Pat;

typedef struct {
  char *name;
  char *body;
  size_t len;
} Macro;

struct TgTokProgImpl {
  TgVec elems;   /* Elem */
  TgVec members; /* unsigned: element indices of E_SET */
  TgVec insts;   /* Inst */
  TgVec pats;    /* Pat */
  TgVec macros;  /* Macro */
  TgVec firsts;  /* unsigned: element indices (see Pat) */
  TgVec pat_of;  /* unsigned per instruction: its pattern */
  unsigned max_len; /* longest element match, in tokens */
  int k_number, k_scale, k_currency, k_suffix; /* lexicon kinds the shapes read */
  /* Scratches given back (tg_tokscratch_free), for the next article to take
   * without building its tables again; emptied when the program changes. */
  pthread_mutex_t pool_lock;
  TgTokScratch *pool;
};

/** Folded FNV-1a hash of w[0..len) (ASCII case ignored). */
static inline size_t tg_tok_word_hash(const char *w, size_t len) {
  size_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i) {
    const unsigned char c = (unsigned char)w[i];
    h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
  }
  return h;
}

/* A parsed pattern: a tree of nodes (tokparse.c), compiled by tokmatch.c. */
enum { N_ELEM, N_SEQ, N_ALT, N_QUEST, N_STAR, N_PLUS, N_CAP, N_NOTA, N_NOTB, N_BEHIND };

typedef struct {
  unsigned char type;
  unsigned arg;   /* element (N_ELEM, N_NOTA, N_NOTB, N_BEHIND) */
  long child;     /* first child, or -1 */
  long next;      /* next sibling, or -1 */
} Node;

/** Parse pattern s[0..len) into `nodes` (Node), its root in *root, adding
 * its elements to p; on a syntax error TG_BAD_SYNTAX with *col and *msg. */
TgStatus tg_tok_parse(TgTokProg *p, const char *s, size_t len, TgVec *nodes, long *root,
                      size_t *col, const char **msg);

/** Add element e0 (its classes and first bytes worked out here), or find
 * the same one: a macro used by many patterns, a set written in many,
 * yields one element, tested once per token (tokelem.c). */
TgStatus tg_tok_add_elem(TgTokProg *p, const Elem *e0, unsigned *idx);

/** Free the scratches in the pool (the program changed, or is freed). */
void tg_tokscratch_drain(TgTokProg *p);


/** Tokens element `e` matches at token i of `in` (0: no match). */
size_t tg_tok_elem_len(const TgTokProg *p, const TgTokInput *in, const Elem *e, size_t i);

static inline const Elem *tg_tok_elem(const TgTokProg *p, unsigned i) {
  return (const Elem *)tg_vec_at(&p->elems, i);
}
/** May element `e` match a token whose text starts with byte `b`? */
static inline bool tg_tok_elem_may_start(const Elem *e, unsigned char b) {
  return (e->first[b >> 5] >> (b & 31)) & 1u;
}

/** May element `e` match the token s[0..len)? (A cheap test: false only
 * when it cannot.) */
static inline bool tg_tok_elem_may_match(const Elem *e, const char *s, size_t len) {
  return tg_tok_elem_may_start(e, (unsigned char)s[0]) || (e->in_parts && memchr(s, '-', len));
}
static inline const Inst *tg_tok_inst(const TgTokProg *p, unsigned pc) {
  return (const Inst *)tg_vec_at(&p->insts, pc);
}

#endif /* TG_TOKPROG_H */
