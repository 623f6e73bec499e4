/* telegraph internals: the pass of a token program over a sentence (see
 * tokmatch.h).
 *
 * A Pike VM: threads (an instruction, the token their match started at,
 * the mention's bounds) wait in a ring of lists, one per token ahead, since
 * an element may consume several tokens (a lexicon phrase, a gazetteer
 * name).  At each token the waiting threads, earliest start first, and a
 * new thread for each pattern whose first element matches there are
 * followed through the instructions that consume nothing; two threads at
 * one instruction and token are one (the earlier start wins, which is what
 * leftmost-longest needs).  An element is tested once per token, whatever
 * the number of threads asking.  A pattern's best match becomes final when
 * no live thread of it started as early.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "tokplan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const TgTokProg *p;
  const TgTokInput *in;
  TgTokScratch *s;
  TgVec *out;
  unsigned stamp; /* of the token being run (stamp_of(pos)) */
  uint32_t cls_bit; /* its class's bit (past the last token: one no element has) */
  const char *word;  /* its text (past the last token: one byte no element starts) */
  size_t word_len;
} Vm;

static bool same_folded(const Elem *word, const char *w, size_t len) {
  if (word->len != len) {
    return false;
  }
  for (size_t i = 0; i < len; ++i) {
    if (tg_tok_fold(word->text[i]) != tg_tok_fold(w[i])) {
      return false;
    }
  }
  return true;
}

/* Do the word->len bytes at w spell word, ASCII case ignored? */
static bool starts_folded(const Elem *word, const char *w) {
  for (size_t i = 0; i < word->len; ++i) {
    if (tg_tok_fold(word->text[i]) != tg_tok_fold(w[i])) {
      return false;
    }
  }
  return true;
}

/* tg_vec_push for threads, without the call on the common path. */
static inline TgStatus push_thread(TgVec *v, const Thread *t) {
  if (v->len < v->cap) {
    ((Thread *)v->data)[v->len++] = *t;
    return TG_SUCCESS;
  }
  return tg_vec_push(v, t);
}

static unsigned stamp_of(const Vm *vm, size_t pos) { return vm->s->base + (unsigned)pos + 1; }

/* The first bytes of number and scale words in the lexicon (a number in
 * words starts with one: tokelem.c, number_words). */
static void number_starts(Vm *vm) {
  TgTokScratch *s = vm->s;
  memset(s->number_first, 0, sizeof s->number_first);
  for (unsigned b = 1; vm->in->lex && b < 256; ++b) {
    if (tg_lexicon_may_start(vm->in->lex, vm->p->k_number, (char)b) ||
        tg_lexicon_may_start(vm->in->lex, vm->p->k_scale, (char)b)) {
      s->number_first[b >> 5] |= 1u << (b & 31);
    }
  }
}

/* False when shape e cannot fit the word w[0..len) by a look at its
 * first bytes: a number in words starts as a number word does; a currency
 * glued to a number ("GBP275") has a digit among its first five bytes. */
static bool shape_may_be(const TgTokScratch *s, const Elem *e, const char *w, size_t len) {
  if (e->val == S_NUMWORDS) {
    const unsigned char b = (unsigned char)w[0];
    return (s->number_first[b >> 5] >> (b & 31)) & 1;
  }
  if (e->val == S_CURNUM) {
    for (size_t k = 1; k < len && k <= 4; ++k) {
      if (w[k] >= '0' && w[k] <= '9') {
        return true;
      }
    }
    return false;
  }
  return true;
}

/* Shape element ei (plain: not glued, no '^') at token pos, through the
 * memo of recent words. */
static size_t shape_at(Vm *vm, unsigned ei, const Elem *e, size_t pos) {
  TgTokScratch *s = vm->s;
  const TgToken *t = &vm->in->toks[pos];
  const char *w = vm->in->text + t->span.begin;
  const size_t len = t->span.end - t->span.begin;
  if (len > TG_SHAPE_WORD || ei >= UINT16_MAX) {
    return tg_tok_elem_len(vm->p, vm->in, e, pos);
  }
  if (s->shape_lex != vm->in->lex) {
    memset(s->shapes, 0, TG_SHAPE_MEMO * sizeof(ShapeMemo));
    s->shape_lex = vm->in->lex;
    number_starts(vm);
  }
  if (!shape_may_be(s, e, w, len)) {
    return 0;
  }
  size_t h = 2166136261u ^ ei;
  for (size_t i = 0; i < len; ++i) {
    h = (h ^ (unsigned char)w[i]) * 16777619u;
  }
  ShapeMemo *m = &s->shapes[(h ^ (h >> 15)) & (TG_SHAPE_MEMO - 1)];
  if (m->elem != ei + 1 || m->len != len || memcmp(m->text, w, len) != 0) {
    m->elem = (uint16_t)(ei + 1);
    m->len = (unsigned char)len;
    memcpy(m->text, w, len);
    m->matched = (unsigned char)tg_tok_elem_len(vm->p, vm->in, e, pos);
  }
  return m->matched;
}

/* Element `ei` at token pos, not yet tested there. */
static size_t elem_test(Vm *vm, unsigned ei, size_t pos) {
  TgTokScratch *s = vm->s;
  const Elem *e = tg_tok_elem(vm->p, ei);
  s->memo_at[ei] = vm->stamp;
  const TgToken *t = pos < vm->in->n ? &vm->in->toks[pos] : NULL;
  if (t && (!((e->classes >> t->cls) & 1) ||
            !tg_tok_elem_may_match(e, vm->in->text + t->span.begin,
                                   t->span.end - t->span.begin))) {
    s->memo_len[ei] = 0;
  } else if (t && e->kind == E_SHAPE && !e->glued && !e->upper) {
    s->memo_len[ei] = (unsigned char)shape_at(vm, ei, e, pos);
  } else {
    s->memo_len[ei] = (unsigned char)tg_tok_elem_len(vm->p, vm->in, e, pos);
  }
  return s->memo_len[ei];
}

/* Element `ei` at token pos, tested once per token. */
static inline size_t elem_at(Vm *vm, unsigned ei, size_t pos) {
  const TgTokScratch *s = vm->s;
  return s->memo_at[ei] == vm->stamp ? s->memo_len[ei] : elem_test(vm, ei, pos);
}

/* Queue `t` to arrive at token `pos`, merged with a thread at the same
 * instruction (the earlier start wins). */
static TgStatus arrive(Vm *vm, size_t pos, const Thread *t) {
  TgTokScratch *s = vm->s;
  const size_t slot = pos % s->ring;
  const size_t k = slot * s->n_insts + t->pc;
  TgVec *list = &s->lists[slot];
  const unsigned st = stamp_of(vm, pos);
  if (s->seen[k] == st) {
    Thread *old = (Thread *)tg_vec_at(list, s->where[k]);
    if (t->start < old->start) {
      *old = *t;
    }
    return TG_SUCCESS;
  }
  s->seen[k] = st;
  s->where[k] = list->len;
  return push_thread(list, t);
}

static unsigned pattern_of(const Vm *vm, unsigned pc) { return vm->s->pat_of[pc]; }

/* Pattern pi's best match of this pass (a pass clears only what it uses). */
static Best *best_of(TgTokScratch *s, unsigned pi) {
  Best *b = &s->best[pi];
  if (b->run != s->run) {
    memset(b, 0, sizeof *b);
    b->run = s->run;
  }
  return b;
}

/* Note pattern pi as pending, keeping the list ascending (it is short). */
static TgStatus add_pending(TgTokScratch *s, unsigned pi) {
  TgStatus st = tg_vec_push(&s->pending, &pi);
  unsigned *l = (unsigned *)s->pending.data;
  for (size_t j = s->pending.len - 1; !st && j > 0 && l[j - 1] > l[j]; --j) {
    const unsigned x = l[j];
    l[j] = l[j - 1];
    l[j - 1] = x;
  }
  return st;
}

static TgStatus accept(Vm *vm, const Thread *t, size_t pos) {
  const unsigned pi = pattern_of(vm, t->pc);
  Best *b = best_of(vm->s, pi);
  if (pos == t->start || t->start < b->resume) {
    return TG_SUCCESS;
  }
  if (!b->pending || t->start < b->start || (t->start == b->start && pos > b->end)) {
    if (!b->pending) {
      TgStatus st = add_pending(vm->s, pi);
      if (st) {
        return st;
      }
    }
    b->pending = true;
    b->start = t->start;
    b->end = pos;
    b->cb = t->cb;
    b->ce = t->ce;
  }
  return TG_SUCCESS;
}

/* Does element e match the token before `pos`?  In a look-behind, '~'
 * means that token touches the one at `pos` ("$5": "$" glued to "5"). */
static bool behind(const Vm *vm, const Elem *e, size_t pos) {
  const TgTokInput *in = vm->in;
  if (pos == 0) {
    return false;
  }
  if (e->kind == E_SET) {
    for (unsigned k = 0; k < e->count; ++k) {
      const unsigned mi = *(const unsigned *)tg_vec_at(&vm->p->members, e->val + k);
      if (behind(vm, tg_tok_elem(vm->p, mi), pos)) {
        return true;
      }
    }
    return false;
  }
  if (e->glued && (pos >= in->n || in->toks[pos - 1].span.end != in->toks[pos].span.begin)) {
    return false;
  }
  Elem plain = *e;
  plain.glued = false;
  return tg_tok_elem_len(vm->p, in, &plain, pos - 1) == 1;
}

/* Follow the instructions that consume no token from `t0` at token pos:
 * the walk of t0's instruction, planned (tokplan.c), in its order; an
 * instruction already reached at this token (by this thread or an earlier
 * one) is skipped, and a passing assertion goes on with its own walk in
 * place, as the depth-first walk it stands for would. */
static TgStatus assertion(Vm *vm, Thread *t, size_t pos);

static inline TgStatus closure(Vm *vm, const Thread *t0, size_t pos) {
  TgTokScratch *s = vm->s;
  const unsigned stamp = vm->stamp;
  const Eps *e = s->eps + s->eps_from[t0->pc];
  const Eps *end = s->eps + s->eps_from[t0->pc + 1];
  TgStatus st = TG_SUCCESS;
  for (; !st && e < end; ++e) {
    const uint32_t pc = e->pc;
    /* An element that fails here would fail any thread that reaches it:
     * it need not be marked as reached. */
    if (!(e->classes & vm->cls_bit) ||
        (e->elem && (!tg_tok_elem_may_match(e->elem, vm->word, vm->word_len) ||
                     !elem_at(vm, s->arg[pc], pos)))) {
      continue;
    }
    if (s->visit[pc] == stamp) {
      continue;
    }
    s->visit[pc] = stamp;
    Thread t = *t0;
    t.pc = pc;
    if (e->saves & EPS_SAVE_B) {
      t.cb = (uint32_t)pos;
    }
    if (e->saves & EPS_SAVE_E) {
      t.ce = (uint32_t)pos;
    }
    switch (s->op[pc]) {
    case I_ELEM: st = push_thread(&s->step, &t); break;
    case I_MATCH: st = accept(vm, &t, pos); break;
    default: st = assertion(vm, &t, pos); break;
    }
  }
  return st;
}

/* Assertion t->pc at token pos: if it holds, the walk goes on from it. */
static TgStatus assertion(Vm *vm, Thread *t, size_t pos) {
  const TgTokScratch *s = vm->s;
  const uint32_t pc = t->pc;
  bool on = false;
  switch (s->op[pc]) {
  case I_NOT_AHEAD: on = !elem_at(vm, s->arg[pc], pos); break;
  case I_BEHIND: on = behind(vm, tg_tok_elem(vm->p, s->arg[pc]), pos); break;
  default: on = !behind(vm, tg_tok_elem(vm->p, s->arg[pc]), pos); break; /* I_NOT_BEHIND */
  }
  if (!on) {
    return TG_SUCCESS;
  }
  t->pc = s->next_pc[pc];
  return closure(vm, t, pos);
}

static int cmp_start(const void *a, const void *b) {
  const Thread *x = (const Thread *)a;
  const Thread *y = (const Thread *)b;
  return x->start < y->start ? -1 : (x->start > y->start);
}

/* A short list by start, keeping the order of equal starts (as the merge
 * sort behind qsort does), without its call. */
static void sort_short(TgVec *list) {
  Thread *t = (Thread *)list->data;
  for (size_t i = 1; i < list->len; ++i) {
    const Thread x = t[i];
    size_t j = i;
    while (j > 0 && t[j - 1].start > x.start) {
      t[j] = t[j - 1];
      --j;
    }
    t[j] = x;
  }
}

static bool alive_before(const Vm *vm, unsigned pi, size_t start) {
  const TgTokScratch *s = vm->s;
  for (size_t k = 0; k < s->ring; ++k) {
    const TgVec *l = &s->lists[k];
    for (size_t j = 0; j < l->len; ++j) {
      const Thread *t = (const Thread *)tg_vec_at(l, j);
      if (t->start <= start && pattern_of(vm, t->pc) == pi) {
        return true;
      }
    }
  }
  return false;
}

/* A match no live thread can still better is final. */
static TgStatus commit(Vm *vm, bool all) {
  TgTokScratch *s = vm->s;
  unsigned *pend = (unsigned *)s->pending.data;
  size_t kept = 0;
  for (size_t q = 0; q < s->pending.len; ++q) {
    const unsigned pi = pend[q];
    Best *b = &s->best[pi];
    if (!all && alive_before(vm, pi, b->start)) {
      pend[kept++] = pi;
      continue;
    }
    const Pat *pt = (const Pat *)tg_vec_at(&vm->p->pats, pi);
    TgTokMatch m = {pt->id, b->start, b->end};
    if (b->cb != NO_POS && b->ce != NO_POS && b->ce > b->cb) {
      m.begin = b->cb;
      m.end = b->ce;
    }
    b->pending = false;
    b->resume = b->end;
    TgStatus st = tg_vec_push(vm->out, &m);
    if (st) {
      for (size_t r = q + 1; r < s->pending.len; ++r) {
        pend[kept++] = pend[r];
      }
      s->pending.len = kept;
      return st;
    }
    /* Threads of this pattern that started inside the match are dead. */
    for (size_t k = 0; k < s->ring; ++k) {
      TgVec *l = &s->lists[k];
      for (size_t j = 0; j < l->len; ++j) {
        Thread *t = (Thread *)tg_vec_at(l, j);
        if (t->start < b->resume && pattern_of(vm, t->pc) == pi) {
          t->start = NO_POS; /* skipped when its token comes */
        }
      }
    }
  }
  s->pending.len = kept;
  return TG_SUCCESS;
}

/* Start the patterns whose first element is e, if it matches at pos. */
static TgStatus start_patterns(Vm *vm, unsigned e, size_t pos) {
  TgTokScratch *s = vm->s;
  const unsigned stamp = stamp_of(vm, pos);
  TgStatus st = TG_SUCCESS;
  for (size_t k = s->pat_from[e]; !st && k < s->pat_from[e + 1]; ++k) {
    const unsigned pi = s->pat_list[k];
    if (s->tried[pi] != stamp) {
      s->tried[pi] = stamp;
      st = tg_vec_push(&s->starts, &pi);
    }
  }
  return st;
}

static TgStatus start_element(Vm *vm, unsigned e, size_t pos) {
  return elem_at(vm, e, pos) ? start_patterns(vm, e, pos) : TG_SUCCESS;
}

/* A word of first element e: when the word matches, so does e (a set of
 * single tokens), which saves testing its other words. */
static TgStatus start_by_word(Vm *vm, const Hit *hit, size_t pos, bool folded_equal) {
  const unsigned e = hit->elem - 1;
  TgTokScratch *s = vm->s;
  const unsigned stamp = stamp_of(vm, pos);
  if (s->memo_at[e] == stamp) {
    return s->memo_len[e] ? start_patterns(vm, e, pos) : TG_SUCCESS;
  }
  const Elem *w = hit->word;
  /* A plain word the token (a prefix: the token or a part after a hyphen)
   * already spells, ASCII case ignored, matches. */
  const bool sure = folded_equal && !w->exact && !w->glued && !w->upper;
  if (!sure && !tg_tok_elem_len(vm->p, vm->in, w, pos)) {
    return TG_SUCCESS;
  }
  s->memo_at[e] = stamp;
  s->memo_len[e] = 1;
  return start_patterns(vm, e, pos);
}

/* The prefix words ("grant*") that the part of the token w[0..len)
 * starting at k starts with. */
static TgStatus start_by_prefix(Vm *vm, const char *w, size_t len, size_t k, size_t pos) {
  const TgTokScratch *s = vm->s;
  const Hit *pre = (const Hit *)s->pre.data;
  TgStatus st = TG_SUCCESS;
  for (unsigned h = s->pre_head[(unsigned char)tg_tok_fold(w[k])]; !st && h; h = pre[h - 1].next) {
    st = start_by_word(vm, &pre[h - 1], pos, true);
  }
  for (unsigned h = k + 1 < len ? s->pre2_head[tg_tok_pre2_slot(w[k], w[k + 1])] : 0; !st && h;
       h = pre[h - 1].next) {
    const Hit *hit = &pre[h - 1];
    if (k + hit->word->len <= len && starts_folded(hit->word, w + k)) {
      st = start_by_word(vm, hit, pos, true);
    }
  }
  return st;
}

/* The patterns whose first element matches at token pos. */
static TgStatus collect_starts(Vm *vm, size_t pos) {
  TgTokScratch *s = vm->s;
  s->starts.len = 0;
  const unsigned stamp = stamp_of(vm, pos);
  TgStatus st = TG_SUCCESS;
  for (size_t k = 0; !st && k < s->always.len; ++k) {
    const unsigned pi = *(const unsigned *)tg_vec_at(&s->always, k);
    s->tried[pi] = stamp;
    st = tg_vec_push(&s->starts, &pi);
  }
  const TgToken *t = &vm->in->toks[pos];
  const size_t len = t->span.end - t->span.begin;
  const char *w = vm->in->text + t->span.begin;
  if (len <= s->lit_max) {
    for (size_t h = tg_tok_fold_hash(w, len) & (s->lit_cap - 1); !st && s->lits[h].elem;
         h = (h + 1) & (s->lit_cap - 1)) {
      if (same_folded(s->lits[h].word, w, len)) {
        st = start_by_word(vm, &s->lits[h], pos, true);
      }
    }
  }
  /* "grant*": by the first bytes of the token and of each part after a hyphen */
  for (size_t k = 0; !st && k < len;) {
    st = start_by_prefix(vm, w, len, k, pos);
    const char *dash = (const char *)memchr(w + k, '-', len - k);
    k = dash ? (size_t)(dash - w) + 1 : len;
  }
  /* The others, of those that a token of this class can match at all. */
  const TgVec *oth = t->cls < TG_N_CLASSES ? &s->by_class[t->cls] : &s->others;
  for (size_t k = 0; !st && k < oth->len; ++k) {
    st = start_element(vm, *(const unsigned *)tg_vec_at(oth, k), pos);
  }
  return st;
}

/* May thread t, past its ELEM instruction with one token, live on at token
 * q?  Not when the next token fails every element it can meet there (the
 * plan's successor test) and dropping it now changes nothing: it holds
 * back no pending match of its pattern (a thread that starts no later than
 * the match keeps it from being final until the thread dies). */
static bool may_go_on(const Vm *vm, const Thread *t, size_t q) {
  const TgTokScratch *s = vm->s;
  const Succ *u = &s->succ[t->pc];
  if (!u->filter) {
    return true;
  }
  if (q < vm->in->n) {
    const TgToken *tok = &vm->in->toks[q];
    const unsigned char b = (unsigned char)vm->in->text[tok->span.begin];
    if (((u->classes >> tok->cls) & 1) &&
        (((u->first[b >> 5] >> (b & 31)) & 1) ||
         (u->in_parts &&
          memchr(vm->in->text + tok->span.begin, '-', tok->span.end - tok->span.begin)))) {
      return true;
    }
  }
  const Best *b = &s->best[s->pat_of[t->pc]];
  return b->run == s->run && b->pending && t->start <= b->start;
}

static TgStatus run_position(Vm *vm, size_t pos) {
  TgTokScratch *s = vm->s;
  vm->stamp = stamp_of(vm, pos);
  vm->cls_bit = 1u << 31;
  vm->word = "";
  vm->word_len = 1;
  if (pos < vm->in->n) {
    const TgToken *t = &vm->in->toks[pos];
    vm->cls_bit = 1u << t->cls;
    vm->word = vm->in->text + t->span.begin;
    vm->word_len = t->span.end - t->span.begin;
  }
  TgStatus st = TG_SUCCESS;
  TgVec *list = &s->lists[pos % s->ring];
  if (list->len > 16) {
    qsort(list->data, list->len, sizeof(Thread), cmp_start);
  } else {
    sort_short(list);
  }
  s->step.len = 0;
  s->starts.len = 0;
  for (size_t k = 0; !st && k < list->len; ++k) {
    const Thread t = *(const Thread *)tg_vec_at(list, k);
    if (t.start != NO_POS) {
      st = closure(vm, &t, pos);
    }
  }
  if (!st && pos < vm->in->n) {
    st = collect_starts(vm, pos);
  }
  for (size_t k = 0; !st && k < s->starts.len; ++k) {
    const unsigned pi = *(const unsigned *)tg_vec_at(&s->starts, k);
    const Pat *pt = (const Pat *)tg_vec_at(&vm->p->pats, pi);
    if (pos >= best_of(s, pi)->resume) {
      Thread t = {pt->start, (uint32_t)pos, NO_POS, NO_POS};
      st = closure(vm, &t, pos);
    }
  }
  list->len = 0;
  const Thread *step = (const Thread *)s->step.data;
  for (size_t k = 0; !st && k < s->step.len; ++k) {
    Thread t = step[k];
    const size_t n = elem_at(vm, s->arg[t.pc], pos);
    if (n && (n > 1 || may_go_on(vm, &t, pos + 1))) {
      t.pc = s->next_pc[t.pc];
      st = arrive(vm, pos + n, &t);
    }
  }
  return st ? st : commit(vm, pos >= vm->in->n);
}

TgStatus tg_tokprog_run(const TgTokProg *p, TgTokScratch *s, const TgTokInput *in, TgVec *out) {
  if (!p->pats.len || !in->n) {
    return TG_SUCCESS;
  }
  if (s->base > UINT32_MAX / 2 || in->n > UINT32_MAX / 4) {
    /* Stamps would wrap: start them again. */
    memset(s->seen, 0, s->ring * s->n_insts * sizeof(unsigned));
    memset(s->visit, 0, s->n_insts * sizeof(unsigned));
    memset(s->memo_at, 0, p->elems.len * sizeof(unsigned));
    memset(s->tried, 0, p->pats.len * sizeof(unsigned));
    s->base = 0;
  }
  if (++s->run == 0) { /* wrapped: clear them all once */
    memset(s->best, 0, p->pats.len * sizeof(Best));
    s->run = 1;
  }
  s->pending.len = 0;
  for (size_t k = 0; k < s->ring; ++k) {
    s->lists[k].len = 0;
  }
  Vm vm = {p, in, s, out, 0, 0, "", 1};
  TgStatus st = TG_SUCCESS;
  for (size_t pos = 0; !st && pos <= in->n; ++pos) {
    st = run_position(&vm, pos);
  }
  s->base += (unsigned)in->n + 2;
  return st;
}

