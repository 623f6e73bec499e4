/* telegraph internals, what both report views need (report_marks.c):
 * output built in memory with a sticky status, and a document's mentions
 * and sentences sorted, with the words each fact's slots stand on.
 *
 * A TgReportCtx borrows the document and the result it is made from and
 * owns its arrays (tg_report_ctx_clear frees them); a TgOut owns its buffer
 * until tg_out_flush writes and frees it.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_REPORT_MARKS_H
#define TG_REPORT_MARKS_H

#include "telegraph/document.h"
#include "telegraph/result.h"
#include "util.h"

#include <stdio.h>

/* Output: every append is a no-op once `st` is set. */
typedef struct {
  TgBuf buf;
  TgStatus st;
} TgOut;

/* Append s[0..n), a string, a size, a confidence ("0.85"). */
void tg_out_n(TgOut *o, const char *s, size_t n);
void tg_out(TgOut *o, const char *s);
void tg_out_size(TgOut *o, size_t n);
void tg_out_conf(TgOut *o, double c);

/* Write the whole of `o` to `out`, flush it and free the buffer. */
TgStatus tg_out_flush(TgOut *o, FILE *out);

/* A span of the text: bytes [b, e), the index of what it spans, a class. */
typedef struct {
  size_t b;
  size_t e;
  size_t idx;
  TgClass cls;
} TgMarkRange;

/* A byte offset moved forward to a character start (at most len). */
size_t tg_char_ceil(const char *t, size_t len, size_t off);

/* What both views need: the text and the sorted mentions and sentences. */
typedef struct {
  const TgDocument *doc;
  const TgResult *r;
  const char *text;
  size_t len;
  TgMarkRange *ments;
  size_t n_ments;
  TgMarkRange *sents;
  size_t n_sents;
  TgVec marks; /* TgMarkRange: the words of the slots of the fact at hand */
  TgVec used;  /* size_t: the mentions of the fact at hand */
} TgReportCtx;

TgStatus tg_report_ctx_init(TgReportCtx *c, const TgDocument *doc, const TgResult *r);
void tg_report_ctx_clear(TgReportCtx *c);

/* A view's start: an empty output and the context (nothing to free when
 * this fails).  Its end: the context freed, then the output written to
 * `out` unless `st` failed (then dropped, and `st` returned). */
TgStatus tg_report_open(TgReportCtx *c, TgOut *o, const TgDocument *doc, const TgResult *r);
TgStatus tg_report_close(TgReportCtx *c, TgOut *o, TgStatus st, FILE *out);

/* The sentence `i` of the result, as a character-aligned range. */
TgMarkRange tg_report_sentence_range(const TgReportCtx *c, size_t i);

/* c->used and c->marks for fact `f` (the marks sorted, not overlapping). */
TgStatus tg_report_fact_marks(TgReportCtx *c, const TgFact *f);

/* The id of fact `i` ("approval-1") into out[0..size). */
void tg_report_fact_id(const TgResult *r, size_t i, char *out, size_t size);

/* A slot's value as text (its entity's name or its literal) and its class. */
const char *tg_report_slot_value(const TgResult *r, const TgSlot *s);
TgClass tg_report_slot_class(const TgResult *r, const TgSlot *s);

#endif
