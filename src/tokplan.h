/* telegraph internals: token patterns, the plan of a pass: the tables a
 * pass reads that depend on the program alone (which patterns a token may
 * start, where each instruction leads without consuming a token, what the
 * token after an element must look like), built once per scratch, and the
 * scratch's working memory.  Built by tokplan.c, read by the pass in
 * tokvm.c.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_TOKPLAN_H
#define TG_TOKPLAN_H

#include "tokprog.h"

#include <stdint.h>

/* 16 bytes: token positions fit in 32 bits (tg_tokprog_run refuses longer
 * inputs), and threads are copied at every step. */
typedef struct {
  uint32_t pc;
  uint32_t start;
  uint32_t cb; /* mention begin, or NO_POS */
  uint32_t ce;
} Thread;

#define NO_POS UINT32_MAX

typedef struct {
  size_t start;
  size_t end;
  size_t cb;
  size_t ce;
  bool pending;
  size_t resume; /* no match of this pattern starts before this token */
  unsigned run;  /* the pass it was written in (older: as if zero) */
} Best;

/* A first element reached through one of its words. */
typedef struct {
  const Elem *word; /* the word (a literal element) */
  unsigned elem;    /* the first element it belongs to, + 1 (0: empty slot) */
  unsigned next;    /* prefix chains: the next hit + 1 */
} Hit;

/* Where an instruction leads without consuming a token: an instruction
 * that stops the walk (ELEM, MATCH or an assertion) and the mention bounds
 * set on the way there. */
enum { EPS_SAVE_B = 1, EPS_SAVE_E = 2 };
typedef struct {
  uint32_t pc;
  uint32_t saves;   /* EPS_SAVE_B | EPS_SAVE_E */
  uint32_t classes; /* ELEM: bit per token class its element may match; else all */
  const Elem *elem; /* ELEM: its element (for its first bytes); else NULL */
} Eps;

/* What the next token must look like for a thread after an ELEM to live
 * on: the union of the cheap tests of every element it may meet next
 * (valid only when it meets nothing but elements). */
typedef struct {
  bool filter;       /* false: anything may follow (a MATCH, an assertion) */
  bool in_parts;
  unsigned classes;
  uint32_t first[8];
} Succ;

#define TG_PRE2 1024u

/* Shapes ("twenty-five", "GBP275", "5bn") depend on a token's text alone
 * and are tested at every token of their classes: their answers for
 * recent words, by the word's bytes. */
#define TG_SHAPE_MEMO 2048u
#define TG_SHAPE_WORD 22u
typedef struct {
  uint16_t elem; /* element + 1 (0: empty) */
  unsigned char len;
  unsigned char matched;
  char text[TG_SHAPE_WORD];
} ShapeMemo;
#define TG_N_CLASSES ((unsigned)TG_TOK_PUNCT + 1)

struct TgTokScratchImpl {
  TgTokProg *prog;  /* whose pool it goes back to */
  TgTokScratch *next; /* in that pool */
  size_t ring;      /* lists: one per token ahead, up to the longest element */
  size_t n_insts;
  TgVec *lists;     /* Thread: threads arriving at a token */
  unsigned *seen;   /* ring x instructions: stamp of the token they wait for */
  size_t *where;    /* ring x instructions: index in its list */
  unsigned *visit;  /* instructions: stamp of the token being followed */
  unsigned *memo_at; /* elements: stamp of the token tested */
  unsigned char *memo_len;
  Best *best;       /* patterns, read through best_of */
  ShapeMemo *shapes; /* TG_SHAPE_MEMO; valid for shape_lex */
  const TgLexicon *shape_lex;
  uint32_t number_first[8]; /* for shape_lex: bytes that start a number or scale word */
  unsigned run;     /* passes so far: a Best of an older pass is empty */
  TgVec pending;    /* unsigned: patterns with a match not yet final, ascending */
  TgVec step;       /* Thread: at ELEM instructions */
  unsigned base;    /* stamps of this pass are base + token + 1 */
  /* The program's instructions, flat: op, argument, next, pattern. */
  unsigned char *op;
  uint32_t *arg;
  uint32_t *next_pc;
  uint32_t *pat_of;
  /* For each instruction, eps[eps_from[pc] .. eps_from[pc + 1]): where it
   * leads without consuming a token, in the order a depth-first walk
   * (a SPLIT's first branch first) reaches them, each once. */
  uint32_t *eps_from;
  Eps *eps;
  Succ *succ;       /* per instruction (ELEM): the next token's test */
  /* Which patterns may start at a token: first elements that are words,
   * by their folded text (open addressing, element + 1, 0 = empty), the
   * other first elements, and for each first element its patterns. */
  Hit *lits;        /* open addressing: a word of a first element (a word, or
                       one in a set); several elements may share a word */
  size_t lit_cap;
  size_t lit_max;   /* longest such word */
  TgVec others;     /* unsigned: first elements found neither way */
  TgVec by_class[TG_N_CLASSES]; /* unsigned: the others a token of each class may match */
  unsigned pre_head[256]; /* one-letter "x*" words by folded first byte: hit + 1 */
  unsigned pre2_head[TG_PRE2]; /* longer "grant*" words by their first two folded bytes */
  TgVec pre;        /* Hit: their elements, chained by `next` */
  size_t *pat_from; /* elements + 1: offsets into pat_list */
  unsigned *pat_list;
  TgVec always;     /* unsigned: patterns that may match nothing */
  unsigned *tried;  /* patterns: stamp of the token they were started at */
  TgVec starts;     /* unsigned: patterns to start at this token */
};

static inline char tg_tok_fold(char c) { return (char)tg_ascii_lower[(unsigned char)c]; }

static inline size_t tg_tok_fold_hash(const char *w, size_t len) {
  size_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i) {
    h = (h ^ (unsigned char)tg_tok_fold(w[i])) * 16777619u;
  }
  return h;
}

static inline unsigned tg_tok_pre2_slot(char a, char b) {
  return (((unsigned)(unsigned char)tg_tok_fold(a) * 31u) ^
          (unsigned)(unsigned char)tg_tok_fold(b)) &
         (TG_PRE2 - 1);
}

/** Build the eps lists and successor tests of s->prog's instructions
 * (tokplan.c; for the unit tests too). */
TgStatus tg_tokplan_closures(TgTokScratch *s, const TgTokProg *p);

#endif /* TG_TOKPLAN_H */
