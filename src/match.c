/* telegraph internals: running the compiled patterns (rules.h): match
 * steps and the document budget, first-use preparing (JIT code, a tail,
 * a list split), and the searches that use them and the prefilter's lead
 * places.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "rules.h"

#include "patshape.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

TgStatus tg_matcher_init(TgMatcher *m, unsigned long budget) {
  memset(m, 0, sizeof *m);
  m->budget = budget;
  m->md = pcre2_match_data_create(64, NULL);
  m->md2 = pcre2_match_data_create(64, NULL);
  m->mc = pcre2_match_context_create(NULL);
  m->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
  if (!m->md || !m->md2 || !m->mc || !m->stack) {
    tg_matcher_clear(m);
    return TG_BAD_ALLOC;
  }
  m->profile = getenv("TELEGRAPH_PROFILE") != NULL;
  pcre2_set_depth_limit(m->mc, 10000);
  pcre2_jit_stack_assign(m->mc, NULL, m->stack);
  return TG_SUCCESS;
}

void tg_matcher_clear(TgMatcher *m) {
  pcre2_match_data_free(m->md);
  pcre2_match_data_free(m->md2);
  m->md2 = NULL;
  pcre2_match_context_free(m->mc);
  pcre2_jit_stack_free(m->stack);
  m->md = NULL;
  m->mc = NULL;
  m->stack = NULL;
}

/* Match steps.  PCRE2's match limit holds for each start position of a
 * call, so a call of n = len - start positions spends at most n times it.
 * A call runs with a limit of TG_STEPS_FIRST, and again with eight times
 * the limit while it hits it, up to TG_STEPS_PER_CALL.  It is charged
 * every limit it hit, plus n steps if it ended under the first limit, or n
 * times the last limit it hit (the steps some position needed) if it
 * ended under a larger one.  A rerun that could cost more than the budget
 * left is not made: the budget is spent (TG_BAD_LIMIT).  So a pattern that
 * backtracks at every position of a long subject spends the budget in
 * bounded time, while ordinary patterns cost about a step a byte. */
#define TG_STEPS_FIRST 256ul
#define TG_STEPS_PER_CALL 2000000ul

/* Take `n` steps from the budget; false if it had fewer (it is then 0). */
static bool charge(TgMatcher *m, unsigned long n) {
  const bool ok = n <= m->budget;
  n = ok ? n : m->budget;
  m->budget -= n;
  m->spent += n;
  return ok;
}

/* n * k, saturating. */
static unsigned long times(unsigned long n, unsigned long k) {
  return k && n > ULONG_MAX / k ? ULONG_MAX : n * k;
}

bool tg_screen_may_match(const TgScreen *sc, const TgPattern *p) {
  return tg_screen_holds(sc, p->needs, p->n_needs);
}

TgStatus tg_match_skipped(TgMatcher *m, const TgPattern *p) {
  if (m->budget == 0) {
    return TG_BAD_LIMIT;
  }
  --m->budget;
  if (m->profile) {
    ++((TgPattern *)p)->calls; /* profiling counters only */
  }
  return TG_FAILURE;
}

TgStatus tg_match_when(TgMatcher *m, const TgScreen *sc, const TgPattern *p,
                       const char *subject, size_t len, size_t start) {
  if (!tg_screen_may_match(sc, p)) {
    return tg_match_skipped(m, p);
  }
  if (!p->when_exact || (p->when_folds && sc->wide)) {
    return tg_match(m, p, subject, len, start);
  }
  if (m->budget == 0) {
    return TG_BAD_LIMIT;
  }
  if (m->profile) {
    ++((TgPattern *)p)->calls; /* profiling counters only */
  }
  /* Charged as tg_match charges a call that ends within its first steps. */
  const unsigned long positions = len > start ? (unsigned long)(len - start) : 1;
  if (!charge(m, positions)) {
    return TG_BAD_LIMIT;
  }
  return TG_SUCCESS;
}

/* Patterns are prepared under one of these locks, chosen by the pattern's
 * address: two workers compile different patterns at once, and a worker
 * that wants a pattern another is compiling waits for it. */
#define TG_PREPARE_LOCK4                                                                  \
  PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,        \
      PTHREAD_MUTEX_INITIALIZER
static pthread_mutex_t prepare_locks[16] = {TG_PREPARE_LOCK4, TG_PREPARE_LOCK4, TG_PREPARE_LOCK4,
                                            TG_PREPARE_LOCK4};

static pthread_mutex_t *prepare_lock(const TgPattern *p) {
  const uintptr_t a = (uintptr_t)p / sizeof *p;
  return &prepare_locks[(a ^ (a >> 4)) % (sizeof prepare_locks / sizeof prepare_locks[0])];
}

/* The fields tg_pattern_prepare makes, for p not yet ready. */
static void prepare(TgPattern *p) {
  if (p->want_tail) {
    p->tail = tg_pattern_tail(p->src, p->src_len, p->opts);
    p->tail_jit = p->tail && p->want_jit && pcre2_jit_compile(p->tail, PCRE2_JIT_COMPLETE) == 0;
  }
  p->jit = p->want_jit && pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0;
  if (p->jit && tg_split_continuation(p->src, p->src_len, p->opts, &p->other, &p->at_start) &&
      (pcre2_jit_compile(p->other, PCRE2_JIT_COMPLETE) ||
       pcre2_jit_compile(p->at_start, PCRE2_JIT_COMPLETE))) {
    pcre2_code_free(p->other); /* only worth it with JIT */
    pcre2_code_free(p->at_start);
    p->other = p->at_start = NULL;
  }
  /* Where PCRE2 finds a start by one byte (memchr), tries at each lead
   * place would cost more than its search. */
  const pcre2_code *searched = p->other ? p->other : p->code;
  uint32_t first = 0;
  p->use_lead = p->jit && p->has_lead &&
                pcre2_pattern_info(searched, PCRE2_INFO_FIRSTCODETYPE, &first) == 0 && first != 1;
  tg_free(p->src);
  p->src = NULL;
}

const TgPattern *tg_pattern_prepare(const TgPattern *p) {
  TgPattern *mp = (TgPattern *)p;
  if (!atomic_load_explicit(&mp->ready, memory_order_acquire)) {
    pthread_mutex_t *lock = prepare_lock(mp);
    pthread_mutex_lock(lock);
    if (!atomic_load_explicit(&mp->ready, memory_order_relaxed)) {
      prepare(mp);
      atomic_store_explicit(&mp->ready, true, memory_order_release);
    }
    pthread_mutex_unlock(lock);
  }
  return p;
}

/* False if the pattern's tail (TgPattern.tail) has no match from `start`:
 * then neither has the pattern.  A tail that runs out of steps says "may". */
static bool tail_may_match(TgMatcher *m, const TgPattern *p, const char *subject, size_t len,
                           size_t start) {
  pcre2_set_match_limit(m->mc, (uint32_t)TG_STEPS_PER_CALL);
  const int rc =
      p->tail_jit
          ? pcre2_jit_match(p->tail, (PCRE2_SPTR)subject, len, start, 0, m->md, m->mc)
          : pcre2_match(p->tail, (PCRE2_SPTR)subject, len, start, PCRE2_NO_UTF_CHECK, m->md,
                        m->mc);
  return rc != PCRE2_ERROR_NOMATCH;
}

/* More places than this to try, and one search from the first is made. */
#define TG_LEAD_TRIES 12

/* Can the screen's lead places stand for a search of p over subject[start
 * .. len)?  The screen must be set to a part of the subject that ends at
 * `len` and starts at or before `start`, and a caseless match must not
 * see a lead string where ASCII case alone does not. */
static bool leads_usable(const TgPattern *p, const TgScreen *sc, const char *subject, size_t len,
                         size_t start) {
  return sc && p->use_lead && sc->subject >= subject &&
         (size_t)(sc->subject - subject) <= start &&
         (size_t)(sc->subject - subject) + sc->len == len &&
         !((p->opts & PCRE2_CASELESS) && tg_screen_lead_folds(sc, p->lead));
}

/* A search of `code` (p's code or its `other` half) from `start`, made at
 * each place from `start` on where a lead string stands, in order, with
 * an offset limit that keeps each try at its place (the code is compiled
 * with PCRE2_USE_OFFSET_LIMIT): the first match is the search's, as every
 * match starts at such a place. */
static int search_leads(TgMatcher *m, const TgPattern *p, const pcre2_code *code,
                        const TgScreen *sc, const char *subject, size_t len, size_t start) {
  const size_t base = (size_t)(sc->subject - subject);
  size_t pos = 0;
  size_t from = start - base;
  int rc = PCRE2_ERROR_NOMATCH;
  for (unsigned tries = 0; tg_screen_next_lead(sc, p->lead, from, &pos); ++tries) {
    /* Past a few tries, one search from here finds the same first match. */
    pcre2_set_offset_limit(m->mc, tries == TG_LEAD_TRIES ? PCRE2_UNSET : base + pos);
    rc = pcre2_jit_match(code, (PCRE2_SPTR)subject, len, base + pos, 0, m->md, m->mc);
    if (rc != PCRE2_ERROR_NOMATCH || tries == TG_LEAD_TRIES) {
      break;
    }
    from = pos + 1;
  }
  pcre2_set_offset_limit(m->mc, PCRE2_UNSET);
  return rc;
}

/* A JIT search of `code` from `start`, by the lead hits when they serve. */
static int jit_search(TgMatcher *m, const TgPattern *p, const pcre2_code *code,
                      const TgScreen *sc, const char *subject, size_t len, size_t start) {
  if (leads_usable(p, sc, subject, len, start)) {
    return search_leads(m, p, code, sc, subject, len, start);
  }
  return pcre2_jit_match(code, (PCRE2_SPTR)subject, len, start, 0, m->md, m->mc);
}

/* One search of p from `start`, the match (if any) in m->md; `sc` the
 * screen of the subject, or NULL. */
static int search(TgMatcher *m, const TgPattern *p, const TgScreen *sc, const char *subject,
                  size_t len, size_t start) {
  if (!p->jit) {
    return pcre2_match(p->code, (PCRE2_SPTR)subject, len, start, PCRE2_NO_UTF_CHECK, m->md,
                       m->mc);
  }
  if (!p->other) {
    /* The same answer: pcre2_match would check its arguments, then run the
     * JIT code. */
    return jit_search(m, p, p->code, sc, subject, len, start);
  }
  /* "(?:A|\GB)C": A's match wins if it starts at `start`; else B's there;
   * else A's later one (TgPattern.other). */
  const int ra = jit_search(m, p, p->other, sc, subject, len, start);
  if (ra < 0 && ra != PCRE2_ERROR_NOMATCH) {
    return ra;
  }
  if (ra >= 0 && pcre2_get_ovector_pointer(m->md)[0] == start) {
    return ra;
  }
  const int rb = pcre2_jit_match(p->at_start, (PCRE2_SPTR)subject, len, start, 0, m->md2, m->mc);
  if (rb >= 0 || ra == PCRE2_ERROR_NOMATCH || rb != PCRE2_ERROR_NOMATCH) {
    pcre2_match_data *t = m->md; /* B's answer is the one */
    m->md = m->md2;
    m->md2 = t;
    return rb;
  }
  return ra;
}

static TgStatus match_in(TgMatcher *m, const TgPattern *p, const TgScreen *sc,
                         const char *subject, size_t len, size_t start);

TgStatus tg_match(TgMatcher *m, const TgPattern *p, const char *subject, size_t len,
                  size_t start) {
  return match_in(m, p, NULL, subject, len, start);
}

TgStatus tg_match_screened(TgMatcher *m, const TgScreen *sc, const TgPattern *p,
                           const char *subject, size_t len, size_t start) {
  if (!tg_screen_may_match(sc, p)) {
    return tg_match_skipped(m, p);
  }
  return match_in(m, p, sc, subject, len, start);
}

/* tg_match, with the screen `sc` of the subject (or NULL). */
static TgStatus match_in(TgMatcher *m, const TgPattern *p, const TgScreen *sc,
                         const char *subject, size_t len, size_t start) {
  if (m->budget == 0) {
    return TG_BAD_LIMIT;
  }
  struct timespec t0;
  if (m->profile) {
    clock_gettime(CLOCK_MONOTONIC, &t0);
  }
  tg_pattern_prepare(p);
  const unsigned long positions = len > start ? (unsigned long)(len - start) : 1;
  unsigned long limit = TG_STEPS_FIRST;
  int rc = PCRE2_ERROR_NOMATCH;
  bool within = true;
  const bool skip = p->tail && !tail_may_match(m, p, subject, len, start);
  if (skip) {
    within = charge(m, positions); /* as a call that fails within its first steps */
  }
  while (!skip) {
    pcre2_set_match_limit(m->mc, (uint32_t)limit);
    rc = search(m, p, sc, subject, len, start);
    if (rc != PCRE2_ERROR_MATCHLIMIT) {
      within = charge(m, limit == TG_STEPS_FIRST ? positions : times(positions, limit / 8));
      break;
    }
    const unsigned long next = limit * 8 > TG_STEPS_PER_CALL ? TG_STEPS_PER_CALL : limit * 8;
    if (!charge(m, limit) || limit == TG_STEPS_PER_CALL || times(positions, limit) > m->budget) {
      within = false;
      m->spent += m->budget;
      m->budget = 0;
      break;
    }
    limit = next;
  }
  if (m->profile) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    TgPattern *mp = (TgPattern *)p; /* profiling counters only */
    mp->seconds += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    ++mp->calls;
  }
  if (!within) {
    return TG_BAD_LIMIT;
  }
  if (rc >= 0) {
    return TG_SUCCESS;
  }
  if (rc == PCRE2_ERROR_NOMATCH) {
    return TG_FAILURE;
  }
  return TG_BAD_LIMIT;
}
