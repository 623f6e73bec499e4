/* telegraph reports, what both views (the HTML page of report.c, the
 * terminal explanation of explain.c) are built on: output in memory with
 * a sticky status, so the many small appends need no checks of their own
 * and the whole is written at the end; the document's mentions and
 * sentences sorted as character-aligned ranges; and for each fact the
 * words its slots stand on, its id and its slots' values.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "report_marks.h"

#include <stdlib.h>
#include <string.h>

/* ---- Output with a sticky status ---- */

void tg_out_n(TgOut *o, const char *s, size_t n) {
  if (!o->st) {
    o->st = tg_buf_append(&o->buf, s, n);
  }
}

void tg_out(TgOut *o, const char *s) { tg_out_n(o, s, strlen(s)); }

void tg_out_size(TgOut *o, size_t n) {
  char num[32];
  snprintf(num, sizeof num, "%zu", n);
  tg_out(o, num);
}

void tg_out_conf(TgOut *o, double c) {
  char num[32];
  snprintf(num, sizeof num, "%.2f", c);
  tg_out(o, num);
}

/* Write the whole of `o` to `out` and flush it. */
TgStatus tg_out_flush(TgOut *o, FILE *out) {
  TgStatus st = o->st;
  if (!st && o->buf.len && fwrite(o->buf.buf, 1, o->buf.len, out) != o->buf.len) {
    st = TG_BAD_WRITE;
  }
  if (!st && (fflush(out) != 0 || ferror(out))) {
    st = TG_BAD_WRITE;
  }
  tg_buf_clear(&o->buf);
  return st;
}

TgStatus tg_report_open(TgReportCtx *c, TgOut *o, const TgDocument *doc, const TgResult *r) {
  tg_buf_init(&o->buf);
  o->st = TG_SUCCESS;
  return tg_report_ctx_init(c, doc, r);
}

TgStatus tg_report_close(TgReportCtx *c, TgOut *o, TgStatus st, FILE *out) {
  tg_report_ctx_clear(c);
  if (st) {
    tg_buf_clear(&o->buf);
    return st;
  }
  return tg_out_flush(o, out);
}

/* ---- Spans, sorted ---- */

static int range_cmp(const void *a, const void *b) {
  const TgMarkRange *x = (const TgMarkRange *)a;
  const TgMarkRange *y = (const TgMarkRange *)b;
  if (x->b != y->b) {
    return x->b < y->b ? -1 : 1;
  }
  if (x->e != y->e) {
    return x->e > y->e ? -1 : 1; /* longer first */
  }
  return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* A byte offset moved back (floor) or forward (ceil) to a character start. */
static size_t char_floor(const char *t, size_t len, size_t off) {
  off = off > len ? len : off;
  while (off > 0 && off < len && ((unsigned char)t[off] & 0xC0) == 0x80) {
    --off;
  }
  return off;
}

size_t tg_char_ceil(const char *t, size_t len, size_t off) {
  off = off > len ? len : off;
  while (off < len && ((unsigned char)t[off] & 0xC0) == 0x80) {
    ++off;
  }
  return off;
}

void tg_report_ctx_clear(TgReportCtx *c) {
  tg_free(c->ments);
  tg_free(c->sents);
  tg_vec_clear(&c->marks);
  tg_vec_clear(&c->used);
}

TgStatus tg_report_ctx_init(TgReportCtx *c, const TgDocument *doc, const TgResult *r) {
  memset(c, 0, sizeof *c);
  c->doc = doc;
  c->r = r;
  c->text = tg_document_text(doc);
  c->len = tg_document_length(doc);
  tg_vec_init(&c->marks, sizeof(TgMarkRange));
  tg_vec_init(&c->used, sizeof(size_t));
  c->n_ments = tg_result_n_mentions(r);
  c->n_sents = tg_result_n_sentences(r);
  c->ments = (TgMarkRange *)tg_malloc((c->n_ments ? c->n_ments : 1) * sizeof(TgMarkRange));
  c->sents = (TgMarkRange *)tg_malloc((c->n_sents ? c->n_sents : 1) * sizeof(TgMarkRange));
  if (!c->ments || !c->sents) {
    tg_report_ctx_clear(c);
    return TG_BAD_ALLOC;
  }
  for (size_t i = 0; i < c->n_ments; ++i) {
    const TgMention *m = tg_result_mention(r, i);
    const size_t b = char_floor(c->text, c->len, m->span.begin);
    const size_t e = tg_char_ceil(c->text, c->len, m->span.end);
    c->ments[i] = (TgMarkRange){b, e < b ? b : e, i, m->cls};
  }
  for (size_t i = 0; i < c->n_sents; ++i) {
    const TgSpan s = tg_result_sentence(r, i);
    const size_t b = char_floor(c->text, c->len, s.begin);
    const size_t e = tg_char_ceil(c->text, c->len, s.end);
    c->sents[i] = (TgMarkRange){b, e < b ? b : e, i, TG_CLASS_NONE};
  }
  qsort(c->ments, c->n_ments, sizeof(TgMarkRange), range_cmp);
  qsort(c->sents, c->n_sents, sizeof(TgMarkRange), range_cmp);
  return TG_SUCCESS;
}

/* The sentence `i` of the result, as a character-aligned range. */
TgMarkRange tg_report_sentence_range(const TgReportCtx *c, size_t i) {
  for (size_t k = 0; k < c->n_sents; ++k) {
    if (c->sents[k].idx == i) {
      return c->sents[k];
    }
  }
  return (TgMarkRange){0, 0, i, TG_CLASS_NONE};
}

/* The mention `i` of the result, as a character-aligned range. */
static TgMarkRange mention_range(const TgReportCtx *c, size_t i) {
  for (size_t k = 0; k < c->n_ments; ++k) {
    if (c->ments[k].idx == i) {
      return c->ments[k];
    }
  }
  return (TgMarkRange){0, 0, i, TG_CLASS_NONE};
}

static bool used_has(const TgVec *v, size_t m) {
  for (size_t i = 0; i < v->len; ++i) {
    if (*(const size_t *)tg_vec_at(v, i) == m) {
      return true;
    }
  }
  return false;
}

/* The mentions a slot stands on: its supporting mention, or else the
 * mentions of its entity in the fact's sentence. */
static TgStatus slot_mentions(TgReportCtx *c, const TgFact *f, const TgSlot *s) {
  TgStatus st = TG_SUCCESS;
  if (s->mention >= 0 && (size_t)s->mention < c->n_ments) {
    const size_t m = (size_t)s->mention;
    return used_has(&c->used, m) ? TG_SUCCESS : tg_vec_push(&c->used, &m);
  }
  if (s->entity < 0) {
    return TG_SUCCESS;
  }
  for (size_t m = 0; m < c->n_ments; ++m) {
    const TgMention *mt = tg_result_mention(c->r, m);
    if (mt->entity == s->entity && mt->sentence == f->sentence && !used_has(&c->used, m)) {
      TRY(st, tg_vec_push(&c->used, &m));
    }
  }
  return TG_SUCCESS;
}

/* Fill c->used with the mentions of fact `f` and c->marks with the ranges
 * of its slots' words inside its sentence (mentions, and literals found
 * verbatim in the sentence), sorted and not overlapping. */
TgStatus tg_report_fact_marks(TgReportCtx *c, const TgFact *f) {
  TgStatus st = TG_SUCCESS;
  c->used.len = 0;
  c->marks.len = 0;
  const TgMarkRange sent = tg_report_sentence_range(c, f->sentence);
  for (size_t k = 0; k < f->n_slots; ++k) {
    TRY(st, slot_mentions(c, f, &f->slots[k]));
  }
  for (size_t i = 0; i < c->used.len; ++i) {
    const TgMarkRange m = mention_range(c, *(const size_t *)tg_vec_at(&c->used, i));
    if (m.b >= sent.b && m.e <= sent.e && m.e > m.b) {
      TRY(st, tg_vec_push(&c->marks, &m));
    }
  }
  for (size_t k = 0; k < f->n_slots; ++k) {
    const TgSlot *s = &f->slots[k];
    if (s->mention >= 0 || s->entity >= 0 || !s->literal || !*s->literal) {
      continue;
    }
    const size_t n = strlen(s->literal);
    for (size_t p = sent.b; p + n <= sent.e; ++p) {
      if (memcmp(c->text + p, s->literal, n) == 0) {
        const TgMarkRange lit = {p, p + n, (size_t)-1, TG_CLASS_NONE};
        TRY(st, tg_vec_push(&c->marks, &lit));
        break;
      }
    }
  }
  qsort(c->marks.data, c->marks.len, sizeof(TgMarkRange), range_cmp);
  /* Drop ranges overlapping an earlier one. */
  size_t kept = 0;
  size_t end = 0;
  for (size_t i = 0; i < c->marks.len; ++i) {
    const TgMarkRange *m = (const TgMarkRange *)tg_vec_at(&c->marks, i);
    if (kept == 0 || m->b >= end) {
      *(TgMarkRange *)tg_vec_at(&c->marks, kept++) = *m;
      end = m->e;
    }
  }
  c->marks.len = kept;
  return TG_SUCCESS;
}

/* The id of fact `i`: the lower-cased class and its number among the facts
 * of its class ("approval-1"), as the writer numbers events. */
void tg_report_fact_id(const TgResult *r, size_t i, char *out, size_t size) {
  const TgClass cls = tg_result_fact(r, i)->cls;
  unsigned n = 0;
  for (size_t k = 0; k <= i; ++k) {
    n += tg_result_fact(r, k)->cls == cls;
  }
  const char *name = tg_class_name(cls);
  size_t j = 0;
  for (; name[j] && j + 1 < size; ++j) {
    out[j] = (char)(name[j] >= 'A' && name[j] <= 'Z' ? name[j] - 'A' + 'a' : name[j]);
  }
  if (j == 0 && size > 5) {
    memcpy(out, "fact", 4);
    j = 4;
  }
  snprintf(out + j, size - j, "-%u", n);
}

const char *tg_report_slot_value(const TgResult *r, const TgSlot *s) {
  if (s->entity >= 0 && (size_t)s->entity < tg_result_n_entities(r)) {
    return tg_result_entity(r, (size_t)s->entity)->label;
  }
  return s->literal ? s->literal : "";
}

TgClass tg_report_slot_class(const TgResult *r, const TgSlot *s) {
  if (s->entity >= 0 && (size_t)s->entity < tg_result_n_entities(r)) {
    return tg_result_entity(r, (size_t)s->entity)->cls;
  }
  if (s->mention >= 0 && (size_t)s->mention < tg_result_n_mentions(r)) {
    return tg_result_mention(r, (size_t)s->mention)->cls;
  }
  return TG_CLASS_NONE;
}
