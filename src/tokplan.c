/* telegraph internals: token patterns, the plan of a pass (see
 * tokplan.h): the tables built from a fixed program for its passes, kept
 * in scratches that go back to the program's pool.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "tokplan.h"

#include <stdlib.h>
#include <string.h>

static void add_lit(TgTokScratch *s, const Elem *word, unsigned e) {
  size_t h = tg_tok_fold_hash(word->text, word->len) & (s->lit_cap - 1);
  while (s->lits[h].elem) {
    h = (h + 1) & (s->lit_cap - 1); /* 'the' and 'The' are two hits */
  }
  s->lits[h].word = word;
  s->lits[h].elem = e + 1;
  s->lit_max = word->len > s->lit_max ? word->len : s->lit_max;
}

static TgStatus add_prefix(TgTokScratch *s, const Elem *word, unsigned e) {
  unsigned *head = word->len >= 2 ? &s->pre2_head[tg_tok_pre2_slot(word->text[0], word->text[1])]
                                  : &s->pre_head[(unsigned char)tg_tok_fold(word->text[0])];
  Hit h = {word, e + 1, *head};
  *head = (unsigned)s->pre.len + 1;
  return tg_vec_push(&s->pre, &h);
}

/* Index first element e under its words; false if it has another kind of
 * member (then it is tested at every token). */
static TgStatus index_first(TgTokScratch *s, const TgTokProg *p, unsigned e, bool *indexed) {
  const Elem *el = tg_tok_elem(p, e);
  const Elem *one[1] = {el};
  const size_t n = el->kind == E_SET ? el->count : 1;
  *indexed = false;
  for (size_t k = 0; k < n; ++k) {
    const Elem *m = el->kind == E_SET
                        ? tg_tok_elem(p, *(const unsigned *)tg_vec_at(&p->members, el->val + k))
                        : one[0];
    if (m->kind != E_LIT) {
      return TG_SUCCESS;
    }
  }
  for (size_t k = 0; k < n; ++k) {
    const Elem *m = el->kind == E_SET
                        ? tg_tok_elem(p, *(const unsigned *)tg_vec_at(&p->members, el->val + k))
                        : one[0];
    if (m->prefix) {
      TgStatus st = add_prefix(s, m, e);
      if (st) {
        return st;
      }
    } else {
      add_lit(s, m, e);
    }
  }
  *indexed = true;
  return TG_SUCCESS;
}

/* Words in the first elements, to size the word table. */
static size_t count_words(const TgTokProg *p) {
  size_t n = 0;
  for (size_t k = 0; k < p->firsts.len; ++k) {
    const Elem *el = tg_tok_elem(p, *(const unsigned *)tg_vec_at(&p->firsts, k));
    n += el->kind == E_SET ? el->count : 1;
  }
  return n;
}

/* Index the first elements of every pattern (see TgTokScratchImpl). */
static TgStatus build_dispatch(TgTokScratch *s, const TgTokProg *p) {
  const size_t ne = p->elems.len;
  s->pat_from = (size_t *)tg_calloc(ne + 2, sizeof(size_t));
  s->pat_list = (unsigned *)tg_calloc(p->firsts.len + 1, sizeof(unsigned));
  s->tried = (unsigned *)tg_calloc(p->pats.len + 1, sizeof(unsigned));
  s->lit_cap = 16;
  while (s->lit_cap < 2 * count_words(p) + 2) {
    s->lit_cap *= 2;
  }
  s->lits = (Hit *)tg_calloc(s->lit_cap, sizeof(Hit));
  if (!s->pat_from || !s->pat_list || !s->tried || !s->lits) {
    return TG_BAD_ALLOC;
  }
  /* Count, then place, the patterns of each first element. */
  for (size_t pi = 0; pi < p->pats.len; ++pi) {
    const Pat *pt = (const Pat *)tg_vec_at(&p->pats, pi);
    for (unsigned k = 0; k < pt->n_first; ++k) {
      ++s->pat_from[*(const unsigned *)tg_vec_at(&p->firsts, pt->first + k) + 1];
    }
  }
  for (size_t e = 0; e < ne; ++e) {
    s->pat_from[e + 1] += s->pat_from[e];
  }
  size_t *fill = (size_t *)tg_malloc((ne + 1) * sizeof(size_t));
  if (!fill) {
    return TG_BAD_ALLOC;
  }
  memcpy(fill, s->pat_from, (ne + 1) * sizeof(size_t));
  TgStatus st = TG_SUCCESS;
  for (unsigned pi = 0; !st && pi < p->pats.len; ++pi) {
    const Pat *pt = (const Pat *)tg_vec_at(&p->pats, pi);
    if (pt->nullable) {
      st = tg_vec_push(&s->always, &pi);
    }
    for (unsigned k = 0; k < pt->n_first; ++k) {
      const unsigned e = *(const unsigned *)tg_vec_at(&p->firsts, pt->first + k);
      s->pat_list[fill[e]++] = pi;
    }
  }
  tg_free(fill);
  for (unsigned e = 0; !st && e < ne; ++e) {
    bool indexed = false;
    if (s->pat_from[e + 1] != s->pat_from[e] && !(st = index_first(s, p, e, &indexed)) &&
        !indexed) {
      st = tg_vec_push(&s->others, &e);
      for (unsigned c = 0; !st && c < TG_N_CLASSES; ++c) {
        if ((tg_tok_elem(p, e)->classes >> c) & 1) {
          st = tg_vec_push(&s->by_class[c], &e);
        }
      }
    }
  }
  return st;
}


/* ---- Where instructions lead without consuming a token ---- */

static bool stops_walk(unsigned char op) {
  return op == I_ELEM || op == I_MATCH || op == I_NOT_AHEAD || op == I_BEHIND ||
         op == I_NOT_BEHIND;
}

/* Append to `out` the instructions that stop a walk from pc, as the pass
 * once followed them (depth first, a SPLIT's x branch before its y, each
 * instruction once): `mark` holds `stamp` for what this walk saw. */
static TgStatus walk_from(const TgTokScratch *s, const TgTokProg *p, unsigned pc, unsigned *mark,
                          unsigned stamp, TgVec *stack, TgVec *out) {
  stack->len = 0;
  Eps top = {pc, 0, 0, NULL};
  TgStatus st = tg_vec_push(stack, &top);
  while (!st && stack->len) {
    Eps t = ((const Eps *)stack->data)[--stack->len];
    while (!st && mark[t.pc] != stamp) {
      mark[t.pc] = stamp;
      const unsigned char op = s->op[t.pc];
      if (stops_walk(op)) {
        t.elem = op == I_ELEM ? tg_tok_elem(p, s->arg[t.pc]) : NULL;
        t.classes = t.elem ? t.elem->classes : UINT32_MAX;
        st = tg_vec_push(out, &t);
        break;
      }
      if (op == I_SPLIT) {
        Eps y = {s->arg[t.pc], t.saves, 0, NULL};
        st = tg_vec_push(stack, &y);
      } else if (op == I_SAVE_B) {
        t.saves |= EPS_SAVE_B;
      } else if (op == I_SAVE_E) {
        t.saves |= EPS_SAVE_E;
      }
      t.pc = s->next_pc[t.pc];
    }
  }
  return st;
}

/* The next token's test after ELEM instruction pc: the union of the cheap
 * tests of the elements its walk meets, if it meets nothing else. */
static void successor_test(TgTokScratch *s, const TgTokProg *p, unsigned pc) {
  Succ *u = &s->succ[pc];
  const unsigned to = s->next_pc[pc];
  memset(u, 0, sizeof *u);
  u->filter = true;
  for (uint32_t k = s->eps_from[to]; k < s->eps_from[to + 1]; ++k) {
    const unsigned q = s->eps[k].pc;
    if (s->op[q] != I_ELEM) {
      u->filter = false;
      return;
    }
    const Elem *e = tg_tok_elem(p, s->arg[q]);
    u->classes |= e->classes;
    u->in_parts = u->in_parts || e->in_parts;
    for (size_t w = 0; w < 8; ++w) {
      u->first[w] |= e->first[w];
    }
  }
}

TgStatus tg_tokplan_closures(TgTokScratch *s, const TgTokProg *p) {
  const size_t n = p->insts.len;
  s->op = (unsigned char *)tg_calloc(n + 1, 1);
  s->arg = (uint32_t *)tg_calloc(n + 1, sizeof(uint32_t));
  s->next_pc = (uint32_t *)tg_calloc(n + 1, sizeof(uint32_t));
  s->pat_of = (uint32_t *)tg_calloc(n + 1, sizeof(uint32_t));
  s->eps_from = (uint32_t *)tg_calloc(n + 2, sizeof(uint32_t));
  s->succ = (Succ *)tg_calloc(n + 1, sizeof(Succ));
  unsigned *mark = (unsigned *)tg_calloc(n + 1, sizeof(unsigned));
  TgVec stack;
  TgVec all;
  tg_vec_init(&stack, sizeof(Eps));
  tg_vec_init(&all, sizeof(Eps));
  if (!s->op || !s->arg || !s->next_pc || !s->pat_of || !s->eps_from || !s->succ || !mark) {
    tg_free(mark);
    return TG_BAD_ALLOC; /* the scratch frees the rest */
  }
  TgStatus st = TG_SUCCESS;
  for (size_t pc = 0; !st && pc < n; ++pc) {
    const Inst *in = tg_tok_inst(p, (unsigned)pc);
    s->op[pc] = in->op;
    /* SPLIT's other branch in arg: it has no element */
    s->arg[pc] = in->op == I_SPLIT ? in->y : in->arg;
    s->next_pc[pc] = in->x;
    s->pat_of[pc] = *(const unsigned *)tg_vec_at(&p->pat_of, pc);
  }
  for (size_t pc = 0; !st && pc < n; ++pc) {
    s->eps_from[pc] = (uint32_t)all.len;
    st = walk_from(s, p, (unsigned)pc, mark, (unsigned)pc + 1, &stack, &all);
  }
  s->eps_from[n] = (uint32_t)all.len;
  s->eps_from[n + 1] = (uint32_t)all.len;
  tg_vec_clear(&stack);
  tg_free(mark);
  if (st) {
    tg_vec_clear(&all);
    return st;
  }
  s->eps = (Eps *)all.data; /* owned by the scratch from here */
  if (!s->eps && !(s->eps = (Eps *)tg_calloc(1, sizeof(Eps)))) {
    return TG_BAD_ALLOC;
  }
  for (size_t pc = 0; pc < n; ++pc) {
    if (s->op[pc] == I_ELEM) {
      successor_test(s, p, (unsigned)pc);
    }
  }
  return TG_SUCCESS;
}

static void scratch_destroy(TgTokScratch *s);

TgTokScratch *tg_tokscratch_new(const TgTokProg *p) {
  /* The pool is the program's only state that runs change: a cache of
   * tables built from the (then fixed) program, behind its own lock. */
  TgTokProg *mp = (TgTokProg *)p;
  pthread_mutex_lock(&mp->pool_lock);
  TgTokScratch *s = mp->pool;
  if (s) {
    mp->pool = s->next;
  }
  pthread_mutex_unlock(&mp->pool_lock);
  if (s) {
    s->next = NULL;
    return s;
  }
  s = (TgTokScratch *)tg_calloc(1, sizeof *s);
  if (!s) {
    return NULL;
  }
  s->prog = mp;
  s->ring = p->max_len + 1;
  s->n_insts = p->insts.len;
  const size_t ni = s->n_insts ? s->n_insts : 1;
  const size_t ne = p->elems.len ? p->elems.len : 1;
  s->lists = (TgVec *)tg_calloc(s->ring, sizeof(TgVec));
  s->seen = (unsigned *)tg_calloc(s->ring * ni, sizeof(unsigned));
  s->where = (size_t *)tg_calloc(s->ring * ni, sizeof(size_t));
  s->visit = (unsigned *)tg_calloc(ni, sizeof(unsigned));
  s->memo_at = (unsigned *)tg_calloc(ne, sizeof(unsigned));
  s->memo_len = (unsigned char *)tg_calloc(ne, 1);
  s->best = (Best *)tg_calloc(p->pats.len ? p->pats.len : 1, sizeof(Best));
  s->shapes = (ShapeMemo *)tg_calloc(TG_SHAPE_MEMO, sizeof(ShapeMemo));
  for (size_t k = 0; s->lists && k < s->ring; ++k) {
    tg_vec_init(&s->lists[k], sizeof(Thread));
  }
  tg_vec_init(&s->step, sizeof(Thread));
  tg_vec_init(&s->others, sizeof(unsigned));
  for (unsigned c = 0; c < TG_N_CLASSES; ++c) {
    tg_vec_init(&s->by_class[c], sizeof(unsigned));
  }
  tg_vec_init(&s->pre, sizeof(Hit));
  tg_vec_init(&s->always, sizeof(unsigned));
  tg_vec_init(&s->starts, sizeof(unsigned));
  tg_vec_init(&s->pending, sizeof(unsigned));
  if (!s->lists || !s->seen || !s->where || !s->visit || !s->memo_at || !s->memo_len ||
      !s->best || !s->shapes || build_dispatch(s, p) || tg_tokplan_closures(s, p)) {
    scratch_destroy(s);
    return NULL;
  }
  return s;
}

void tg_tokscratch_free(TgTokScratch *s) {
  if (!s) {
    return;
  }
  pthread_mutex_lock(&s->prog->pool_lock);
  s->next = s->prog->pool;
  s->prog->pool = s;
  pthread_mutex_unlock(&s->prog->pool_lock);
}

void tg_tokscratch_drain(TgTokProg *p) {
  pthread_mutex_lock(&p->pool_lock);
  TgTokScratch *s = p->pool;
  p->pool = NULL;
  pthread_mutex_unlock(&p->pool_lock);
  while (s) {
    TgTokScratch *next = s->next;
    scratch_destroy(s);
    s = next;
  }
}

static void scratch_destroy(TgTokScratch *s) {
  if (!s) {
    return;
  }
  for (size_t k = 0; s->lists && k < s->ring; ++k) {
    tg_vec_clear(&s->lists[k]);
  }
  tg_vec_clear(&s->step);
  tg_free(s->op);
  tg_free(s->arg);
  tg_free(s->next_pc);
  tg_free(s->pat_of);
  tg_free(s->eps_from);
  tg_free(s->eps);
  tg_free(s->succ);
  tg_free(s->lists);
  tg_free(s->seen);
  tg_free(s->where);
  tg_free(s->visit);
  tg_free(s->memo_at);
  tg_free(s->memo_len);
  tg_free(s->best);
  tg_free(s->shapes);
  tg_free(s->lits);
  tg_free(s->pat_from);
  tg_free(s->pat_list);
  tg_free(s->tried);
  tg_vec_clear(&s->pre);
  tg_vec_clear(&s->others);
  for (unsigned c = 0; c < TG_N_CLASSES; ++c) {
    tg_vec_clear(&s->by_class[c]);
  }
  tg_vec_clear(&s->always);
  tg_vec_clear(&s->starts);
  tg_vec_clear(&s->pending);
  tg_free(s);
}

