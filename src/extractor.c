/* telegraph: the extractor wires the stages together.
 *
 *   reader -> segmenter (title line, then body) -> recognizers -> resolver
 *   -> relation rules -> events (approvals assembled across the article)
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/extractor.h"

#include "currency.h"
#include "pipeline.h"
#include "segmenter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* TELEGRAPH_PROFILE: seconds by stage, printed when the extractor is
 * freed (meaningful with one worker, like the pattern profile). */
enum { STAGE_SEGMENT, STAGE_RECOGNIZE, STAGE_RESOLVE, STAGE_RELATE, STAGE_EVENTS, N_STAGES };
static const char *const stage_names[N_STAGES] = {"segment", "recognize", "resolve", "relate", "events"};
static double stage_seconds[N_STAGES];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_stages(void) {
  double total = 0;
  for (int i = 0; i < N_STAGES; ++i) {
    total += stage_seconds[i];
  }
  fprintf(stderr, "telegraph profile: %.3f s in extraction stages\n", total);
  for (int i = 0; i < N_STAGES; ++i) {
    fprintf(stderr, "  %8.3f s %5.1f%%  %s\n", stage_seconds[i],
            total > 0 ? 100 * stage_seconds[i] / total : 0.0, stage_names[i]);
  }
}

/* PCRE2 match steps allowed per document by default (see tg_match): a
 * base plus a number per byte of text.  Real articles are charged some
 * 150 steps a byte; hostile text that makes patterns backtrack runs out
 * after a bounded time, and the article is reported and skipped. */
#define TG_BUDGET_BASE 10000000ul
#define TG_BUDGET_PER_BYTE 4000ul
/* ... and at most this many, some 13 MB of ordinary news text (about 20 s):
 * a bigger single article is reported and skipped. */
#define TG_BUDGET_MAX 2000000000ul

/* The default budget of a document of `len` bytes. */
static unsigned long default_budget(size_t len) {
  const unsigned long room = (TG_BUDGET_MAX - TG_BUDGET_BASE) / TG_BUDGET_PER_BYTE;
  return TG_BUDGET_BASE + (len < room ? (unsigned long)len : room) * TG_BUDGET_PER_BYTE;
}

struct TgExtractorImpl {
  TgPipeline p;
  TgErrorFn err;
  void *err_data;
  unsigned long budget; /* match steps per document; 0: default_budget() */
  bool profile;
};

TgExtractor *tg_extractor_new(TgErrorFn err, void *err_data) {
  TgExtractor *ex = (TgExtractor *)tg_calloc(1, sizeof *ex);
  if (!ex) {
    return NULL;
  }
  ex->err = err;
  ex->err_data = err_data;
  ex->budget = 0;
  ex->profile = getenv("TELEGRAPH_PROFILE") != NULL;
  ex->p.lexicon = tg_lexicon_new();
  ex->p.gazetteer = tg_gazetteer_new();
  ex->p.rules = tg_ruleset_new();
  if (!ex->p.lexicon || !ex->p.gazetteer || !ex->p.rules) {
    tg_extractor_free(ex);
    return NULL;
  }
  return ex;
}

void tg_extractor_free(TgExtractor *ex) {
  if (ex) {
    if (ex->profile) {
      print_stages();
    }
    tg_lexicon_free(ex->p.lexicon);
    tg_gazetteer_free(ex->p.gazetteer);
    tg_ruleset_free(ex->p.rules);
    tg_free(ex);
  }
}

void tg_extractor_set_budget(TgExtractor *ex, unsigned long steps) {
  ex->budget = steps;
}

TgStatus tg_extractor_add_gazetteer(TgExtractor *ex, const char *path) {
  return tg_gazetteer_load(ex->p.gazetteer, path, ex->err, ex->err_data);
}

TgStatus tg_extractor_add_rules(TgExtractor *ex, const char *path) {
  return tg_ruleset_load(ex->p.rules, path, ex->err, ex->err_data);
}

TgStatus tg_for_each_file(const char *dir, const char *ext,
                          TgStatus (*fn)(void *ctx, const char *path), void *ctx,
                          TgErrorFn err, void *err_data);

static TgStatus add_gazetteer_file(void *ctx, const char *path) {
  return tg_extractor_add_gazetteer((TgExtractor *)ctx, path);
}

TgStatus tg_extractor_load_dir(TgExtractor *ex, const char *dir) {
  TgBuf path;
  tg_buf_init(&path);
  TgStatus st = tg_buf_printf(&path, "%s/lexicon.tsv", dir);
  if (!st) {
    st = tg_lexicon_load(ex->p.lexicon, path.buf, ex->err, ex->err_data);
  }
  path.len = 0;
  if (!st && !(st = tg_buf_printf(&path, "%s/gazetteer", dir))) {
    st = tg_for_each_file(path.buf, ".tsv", add_gazetteer_file, ex, ex->err, ex->err_data);
  }
  path.len = 0;
  if (!st && !(st = tg_buf_printf(&path, "%s/rules", dir))) {
    st = tg_extractor_add_rules(ex, path.buf);
  }
  tg_buf_clear(&path);
  return st;
}

/* tg:changeBasis is a controlled value: the lexicon's "basis" words name
 * a concept ("year-on-year", "from a year earlier": tg:YearOnYear), kept
 * as the slot's datatype; a slot with other words is dropped rather than
 * written as free text. */
static void normalise_bases(const TgExtractor *ex, TgResult *r) {
  static const char *const concepts[] = {NULL, "YearOnYear", "MonthOnMonth", "QuarterOnQuarter"};
  for (size_t i = 0; i < r->facts.len; ++i) {
    TgFactRec *f = (TgFactRec *)tg_vec_at(&r->facts, i);
    size_t kept = 0;
    for (size_t k = 0; k < f->slots.len; ++k) {
      TgSlot s = *(TgSlot *)tg_vec_at(&f->slots, k);
      long long v = 0;
      if (s.prop == TG_PROP_CHANGE_BASIS && s.literal) {
        if (!tg_lexicon_find(ex->p.lexicon, "basis", s.literal, strlen(s.literal), &v) ||
            v < 1 || v > 3) {
          continue;
        }
        s.datatype = concepts[v]; /* the words stay, for the reports */
      }
      *(TgSlot *)tg_vec_at(&f->slots, kept++) = s;
    }
    f->slots.len = kept;
    f->pub.slots = (const TgSlot *)f->slots.data;
    f->pub.n_slots = kept;
  }
}

/* Column (in code points, from 1) of byte `at` of the document's input. */
static unsigned column_of(const TgDocument *doc, size_t at) {
  const char *text = tg_document_text(doc);
  size_t from = at;
  while (from && text[from - 1] != '\n') {
    --from;
  }
  return (unsigned)tg_utf8_count(text + from, at - from) + 1;
}

/* Warnings about what the article could not give: a language the rules do
 * not read, relative dates without an article date. */
static void warn(const TgExtractor *ex, const TgDocument *doc, const TgResult *r) {
  const char *src = tg_document_source(doc) ? tg_document_source(doc) : tg_document_id(doc);
  const char *name = tg_document_language_name(doc);
  if (name) {
    tg_report(ex->err, ex->err_data, TG_SUCCESS, src, 0, 0,
              "warning: the article is in %s (%s); the rules read English, so facts may be "
              "missing", name, tg_document_language(doc));
  }
  if (r->n_undated) {
    const char *text = tg_document_text(doc);
    const int len = (int)(r->undated.end - r->undated.begin);
    tg_report(ex->err, ex->err_data, TG_SUCCESS, src,
              tg_document_line_of(doc, r->undated.begin), column_of(doc, r->undated.begin),
              "warning: '%.*s' is a relative date and the article has no date: left out "
              "(%zu in all; give --date YYYY-MM-DD)", len, text + r->undated.begin,
              r->n_undated);
  }
}

/* The title line is part of the article: when it sits in the text before
 * the body (a dateline file), it is sentence 0. */
static TgStatus segment_headline(const TgDocument *doc, const TgLexicon *lex, TgResult *r) {
  const char *title = tg_document_title(doc);
  const char *text = tg_document_text(doc);
  const size_t body = tg_document_body_offset(doc);
  const size_t n = title ? strlen(title) : 0;
  if (n == 0 || n > body) {
    return TG_SUCCESS;
  }
  for (size_t at = 0; at + n <= body; ++at) {
    if (text[at] == '\n') {
      break;
    }
    if (memcmp(text + at, title, n) == 0) {
      const size_t before = r->sentences.len;
      TgStatus st = tg_segment(text, at, at + n, lex, &r->sentences);
      if (st) {
        return st;
      }
      /* A title that splits into sentences is read as they are; only a
       * one-sentence title is marked as the headline. */
      r->headline = before == 0 && r->sentences.len == 1;
      return TG_SUCCESS;
    }
  }
  return TG_SUCCESS;
}

TgStatus tg_extractor_run(const TgExtractor *ex, const TgDocument *doc, TgResult **out) {
  *out = NULL;
  TgResult *r = tg_result_new();
  if (!r) {
    return TG_BAD_ALLOC;
  }
  const char *date = tg_document_date(doc);
  memset(&r->ref, 0, sizeof r->ref);
  if (date && tg_date_parse_iso(date, strlen(date), &r->ref) != TG_SUCCESS) {
    memset(&r->ref, 0, sizeof r->ref);
  }
  TgMatcher m;
  TgStatus st = tg_matcher_init(
      &m, ex->budget ? ex->budget : default_budget(tg_document_length(doc)));
  if (st) {
    tg_result_free(r);
    return st;
  }
  const char *text = tg_document_text(doc);
  double t[N_STAGES + 1] = {0};
  int done = 0;
  t[0] = ex->profile ? now() : 0;
  for (; !st && done < N_STAGES; ++done) {
    switch (done) {
    case STAGE_SEGMENT:
      if (!(st = segment_headline(doc, ex->p.lexicon, r))) {
        st = tg_segment(text, tg_document_body_offset(doc), tg_document_length(doc),
                        ex->p.lexicon, &r->sentences);
      }
      break;
    case STAGE_RECOGNIZE: st = tg_recognize(&ex->p, doc, r, &m); break;
    case STAGE_RESOLVE:
      if (!(st = tg_resolve(&ex->p, doc, r))) {
        st = tg_local_currency(&ex->p, text, r);
      }
      break;
    case STAGE_RELATE: st = tg_relate(&ex->p, doc, r, &m); break;
    default: st = tg_assemble_events(r, text, tg_document_length(doc)); break;
    }
    if (ex->profile) {
      t[done + 1] = now();
      stage_seconds[done] += t[done + 1] - t[done];
    }
  }
  tg_matcher_clear(&m);
  if (st) {
    tg_result_free(r);
    return st;
  }
  normalise_bases(ex, r);
  warn(ex, doc, r);
  *out = r;
  return TG_SUCCESS;
}
