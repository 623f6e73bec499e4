/* telegraph internals: token patterns (see tokmatch.h): the program, and
 * compiling a pattern's tree (tokparse.c parses it) into instructions
 * (ELEM, SPLIT, JMP, SAVE, assertions, MATCH: the Thompson construction).
 * A pass (tokvm.c, with the tables of tokplan.c) runs every pattern's
 * threads together over the tokens.  Threads that reach the same
 * instruction at the same token are merged, keeping the earliest start, so
 * a pass costs O(tokens x instructions) however the patterns are written.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "tokprog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

TgTokProg *tg_tokprog_new(void) {
  TgTokProg *p = (TgTokProg *)tg_calloc(1, sizeof *p);
  if (p) {
    tg_vec_init(&p->elems, sizeof(Elem));
    tg_vec_init(&p->members, sizeof(unsigned));
    tg_vec_init(&p->insts, sizeof(Inst));
    tg_vec_init(&p->pats, sizeof(Pat));
    tg_vec_init(&p->macros, sizeof(Macro));
    tg_vec_init(&p->firsts, sizeof(unsigned));
    tg_vec_init(&p->pat_of, sizeof(unsigned));
    p->max_len = 1;
    p->k_number = tg_lexicon_kind("number");
    p->k_scale = tg_lexicon_kind("scale");
    p->k_currency = tg_lexicon_kind("currency");
    p->k_suffix = tg_lexicon_kind("ordinal-suffix");
    if (pthread_mutex_init(&p->pool_lock, NULL) != 0) {
      tg_free(p);
      return NULL;
    }
  }
  return p;
}

void tg_tokprog_free(TgTokProg *p) {
  if (!p) {
    return;
  }
  tg_tokscratch_drain(p);
  pthread_mutex_destroy(&p->pool_lock);
  for (size_t i = 0; i < p->elems.len; ++i) {
    Elem *e = (Elem *)tg_vec_at(&p->elems, i);
    tg_free(e->text);
    tg_free(e->words);
    tg_free(e->rest);
  }
  for (size_t i = 0; i < p->macros.len; ++i) {
    Macro *m = (Macro *)tg_vec_at(&p->macros, i);
    tg_free(m->name);
    tg_free(m->body);
  }
  tg_vec_clear(&p->elems);
  tg_vec_clear(&p->members);
  tg_vec_clear(&p->insts);
  tg_vec_clear(&p->pats);
  tg_vec_clear(&p->macros);
  tg_vec_clear(&p->firsts);
  tg_vec_clear(&p->pat_of);
  tg_free(p);
}

size_t tg_tokprog_size(const TgTokProg *p) { return p->pats.len; }

/* ---- Compiling the tree ---- */

static TgStatus emit(TgTokProg *p, unsigned char op, unsigned arg, unsigned *pc) {
  Inst in = {op, arg, 0, 0};
  *pc = (unsigned)p->insts.len;
  in.x = *pc + 1;
  return tg_vec_push(&p->insts, &in);
}

static Inst *inst(TgTokProg *p, unsigned pc) { return (Inst *)tg_vec_at(&p->insts, pc); }

/* The single-token element of an alternative ("word", CLASS), or -1. */
static long single_token(const TgTokProg *p, const TgVec *nodes, long n) {
  const Node *nd = (const Node *)tg_vec_at(nodes, (size_t)n);
  if (nd->type == N_SEQ) {
    if (nd->child < 0 || ((const Node *)tg_vec_at(nodes, (size_t)nd->child))->next >= 0) {
      return -1;
    }
    nd = (const Node *)tg_vec_at(nodes, (size_t)nd->child);
  }
  if (nd->type != N_ELEM) {
    return -1;
  }
  const Elem *e = (const Elem *)tg_vec_at(&p->elems, nd->arg);
  const bool one = e->kind == E_LIT || e->kind == E_CLASS || e->kind == E_SHAPE ||
                   e->kind == E_ANY || e->kind == E_WORD;
  return one ? (long)nd->arg : -1;
}

/* ("a" | "b" | CAP ...) of single tokens is one element, a set: one
 * instruction instead of a SPLIT per word.  TG_FAILURE if the alternative
 * is not of that kind. */
static TgStatus word_set(TgTokProg *p, const TgVec *nodes, const Node *alt, unsigned *idx) {
  size_t n = 0;
  for (long c = alt->child; c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    if (single_token(p, nodes, c) < 0) {
      return TG_FAILURE;
    }
    ++n;
  }
  Elem set;
  memset(&set, 0, sizeof set);
  set.kind = E_SET;
  set.count = (unsigned)n;
  set.val = (unsigned)p->members.len;
  TgStatus st = TG_SUCCESS;
  for (long c = alt->child; !st && c >= 0;
       c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    const unsigned m = (unsigned)single_token(p, nodes, c);
    st = tg_vec_push(&p->members, &m);
  }
  return st ? st : tg_tok_add_elem(p, &set, idx);
}

static TgStatus compile_alt(TgTokProg *p, const TgVec *nodes, const Node *nd);

static TgStatus compile(TgTokProg *p, const TgVec *nodes, long n) {
  const Node *nd = (const Node *)tg_vec_at(nodes, (size_t)n);
  TgStatus st = TG_SUCCESS;
  unsigned pc = 0;
  unsigned split = 0;
  switch (nd->type) {
  case N_ELEM: return emit(p, I_ELEM, nd->arg, &pc);
  case N_NOTA: return emit(p, I_NOT_AHEAD, nd->arg, &pc);
  case N_NOTB: return emit(p, I_NOT_BEHIND, nd->arg, &pc);
  case N_BEHIND: return emit(p, I_BEHIND, nd->arg, &pc);
  case N_SEQ:
    for (long c = nd->child; !st && c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
      st = compile(p, nodes, c);
    }
    return st;
  case N_CAP:
    if ((st = emit(p, I_SAVE_B, 0, &pc)) || (st = compile(p, nodes, nd->child))) {
      return st;
    }
    return emit(p, I_SAVE_E, 0, &pc);
  case N_QUEST:
  case N_STAR:
    /* L0: SPLIT L1, L2; L1: child; [JMP L0]; L2: */
    if ((st = emit(p, I_SPLIT, 0, &split)) || (st = compile(p, nodes, nd->child))) {
      return st;
    }
    if (nd->type == N_STAR && (st = emit(p, I_JMP, 0, &pc))) {
      return st;
    }
    if (nd->type == N_STAR) {
      inst(p, pc)->x = split;
    }
    inst(p, split)->y = (unsigned)p->insts.len;
    return TG_SUCCESS;
  case N_PLUS: {
    /* L1: child; SPLIT L1, L2; L2: */
    const unsigned top = (unsigned)p->insts.len;
    if ((st = compile(p, nodes, nd->child)) || (st = emit(p, I_SPLIT, 0, &split))) {
      return st;
    }
    inst(p, split)->x = top;
    inst(p, split)->y = split + 1;
    return TG_SUCCESS;
  }
  default: /* N_ALT */
    return compile_alt(p, nodes, nd);
  }
}

/* An alternative: SPLIT a, (SPLIT b, c), each branch jumping to the end;
 * its single-token branches ("yuan" | "euro" | ...) are one set branch. */
static TgStatus compile_alt(TgTokProg *p, const TgVec *nodes, const Node *nd) {
  unsigned set = 0;
  TgStatus st = word_set(p, nodes, nd, &set);
  unsigned pc = 0;
  if (st != TG_FAILURE) {
    return st ? st : emit(p, I_ELEM, set, &pc);
  }
  /* Branches: the set of single tokens (-1) if there are two or more,
   * then every other child. */
  TgVec branches;
  TgVec jumps;
  tg_vec_init(&branches, sizeof(long));
  tg_vec_init(&jumps, sizeof(unsigned));
  Elem group;
  memset(&group, 0, sizeof group);
  group.kind = E_SET;
  size_t singles = 0;
  st = TG_SUCCESS;
  for (long c = nd->child; c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    singles += single_token(p, nodes, c) >= 0;
  }
  if (singles >= 2) {
    const long mark = -1;
    group.val = (unsigned)p->members.len;
    for (long c = nd->child; !st && c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
      const long m = single_token(p, nodes, c);
      if (m >= 0) {
        const unsigned mu = (unsigned)m;
        st = tg_vec_push(&p->members, &mu);
        ++group.count;
      }
    }
    if (!st) {
      st = tg_vec_push(&branches, &mark);
    }
  }
  for (long c = nd->child; !st && c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    if (singles < 2 || single_token(p, nodes, c) < 0) {
      st = tg_vec_push(&branches, &c);
    }
  }
  if (!st && singles >= 2) {
    st = tg_tok_add_elem(p, &group, &set);
  }
  for (size_t k = 0; !st && k < branches.len; ++k) {
    const bool last = k + 1 == branches.len;
    const long b = *(const long *)tg_vec_at(&branches, k);
    unsigned split = 0;
    if (!last && (st = emit(p, I_SPLIT, 0, &split))) {
      break;
    }
    if ((st = b < 0 ? emit(p, I_ELEM, set, &pc) : compile(p, nodes, b))) {
      break;
    }
    if (!last) {
      if ((st = emit(p, I_JMP, 0, &pc)) || (st = tg_vec_push(&jumps, &pc))) {
        break;
      }
      inst(p, split)->y = (unsigned)p->insts.len;
    }
  }
  for (size_t k = 0; !st && k < jumps.len; ++k) {
    inst(p, *(unsigned *)tg_vec_at(&jumps, k))->x = (unsigned)p->insts.len;
  }
  tg_vec_clear(&branches);
  tg_vec_clear(&jumps);
  return st;
}

/* The elements a match of `pt` can start with (through SPLIT, JMP, SAVE
 * and assertions); nullable when MATCH is reachable without one. */
static TgStatus first_elements(TgTokProg *p, Pat *pt) {
  const size_t n = p->insts.len - pt->start;
  unsigned char *seen = (unsigned char *)tg_calloc(n ? n : 1, 1);
  unsigned *stack = (unsigned *)tg_malloc((2 * n + 1) * sizeof(unsigned));
  TgStatus st = seen && stack ? TG_SUCCESS : TG_BAD_ALLOC;
  size_t top = 0;
  if (!st) {
    stack[top++] = pt->start;
  }
  while (!st && top) {
    const unsigned pc = stack[--top];
    if (seen[pc - pt->start]) {
      continue;
    }
    seen[pc - pt->start] = 1;
    const Inst *in = inst(p, pc);
    if (in->op == I_ELEM) {
      bool dup = false;
      for (unsigned k = 0; k < pt->n_first && !dup; ++k) {
        dup = *(const unsigned *)tg_vec_at(&p->firsts, pt->first + k) == in->arg;
      }
      if (!dup) {
        st = tg_vec_push(&p->firsts, &in->arg);
        pt->n_first += !st;
      }
    } else if (in->op == I_MATCH) {
      pt->nullable = true;
    } else {
      stack[top++] = in->x;
      if (in->op == I_SPLIT) {
        stack[top++] = in->y;
      }
    }
  }
  tg_free(seen);
  tg_free(stack);
  return st;
}

TgStatus tg_tokprog_define(TgTokProg *p, const char *name, size_t nlen, const char *body,
                           size_t blen, size_t *col, const char **msg) {
  for (size_t k = 0; k < p->macros.len; ++k) {
    const Macro *m = (const Macro *)tg_vec_at(&p->macros, k);
    if (strlen(m->name) == nlen && memcmp(m->name, name, nlen) == 0) {
      *col = 0;
      *msg = "this $MACRO is already defined";
      return TG_BAD_SYNTAX;
    }
  }
  TgVec nodes;
  tg_vec_init(&nodes, sizeof(Node));
  long root = -1;
  tg_tokscratch_drain(p); /* parsing may add elements */
  TgStatus st = tg_tok_parse(p, body, blen, &nodes, &root, col, msg);
  tg_vec_clear(&nodes);
  if (st) {
    return st;
  }
  Macro m = {tg_strndup(name, nlen), tg_strndup(body, blen), blen};
  if (!m.name || !m.body || tg_vec_push(&p->macros, &m)) {
    tg_free(m.name);
    tg_free(m.body);
    return TG_BAD_ALLOC;
  }
  return TG_SUCCESS;
}

TgStatus tg_tokprog_add(TgTokProg *p, unsigned id, const char *pat, size_t len, size_t *col,
                        const char **msg) {
  TgVec nodes;
  tg_vec_init(&nodes, sizeof(Node));
  long root = -1;
  const size_t first = p->insts.len;
  tg_tokscratch_drain(p); /* their tables are of the program before this pattern */
  TgStatus st = tg_tok_parse(p, pat, len, &nodes, &root, col, msg);
  unsigned pc = 0;
  const size_t n_firsts = p->firsts.len;
  if (!st && !(st = compile(p, &nodes, root)) &&
      !(st = emit(p, I_MATCH, (unsigned)p->pats.len, &pc))) {
    Pat pt = {id, (unsigned)first, (unsigned)p->firsts.len, 0, false};
    if (!(st = first_elements(p, &pt))) {
      st = tg_vec_push(&p->pats, &pt);
    }
    const unsigned pi = (unsigned)p->pats.len - 1;
    while (!st && p->pat_of.len < p->insts.len) {
      st = tg_vec_push(&p->pat_of, &pi);
    }
  }
  if (st) {
    p->insts.len = first;
    p->firsts.len = n_firsts;
    p->pat_of.len = first;
  }
  tg_vec_clear(&nodes);
  return st;
}
