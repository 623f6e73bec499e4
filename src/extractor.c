/* telegraph: the extractor wires the stages together.
 *
 *   reader -> segmenter -> recognizers -> resolver -> relation rules
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/extractor.h"

#include "pipeline.h"
#include "segmenter.h"

#include <string.h>
#include <sys/stat.h>

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
};

TgExtractor *tg_extractor_new(TgErrorFn err, void *err_data) {
  TgExtractor *ex = (TgExtractor *)tg_calloc(1, sizeof *ex);
  if (!ex) {
    return NULL;
  }
  ex->err = err;
  ex->err_data = err_data;
  ex->budget = 0;
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
  if (!(st = tg_segment(text, tg_document_body_offset(doc), tg_document_length(doc),
                        ex->p.lexicon, &r->sentences)) &&
      !(st = tg_recognize(&ex->p, doc, r, &m)) && !(st = tg_resolve(&ex->p, doc, r))) {
    st = tg_relate(&ex->p, doc, r, &m);
  }
  tg_matcher_clear(&m);
  if (st) {
    tg_result_free(r);
    return st;
  }
  *out = r;
  return TG_SUCCESS;
}
