/* telegraph reports, the terminal explanation (--explain): each fact of a
 * document on a line of its own, its slots and rule, and under it the
 * sentence it came from with the slots' words marked (ANSI colours by
 * class, or [[brackets]]).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/report.h"

#include "report_marks.h"

#include <string.h>

static const char *ansi_color(TgClass cls) {
  switch (cls) {
  case TG_CLASS_REGULATOR: return "\033[1;31m";
  case TG_CLASS_GOVERNMENT_BODY: return "\033[1;33m";
  case TG_CLASS_COMPANY: return "\033[1;34m";
  case TG_CLASS_NEWS_AGENCY: return "\033[1;35m";
  case TG_CLASS_PERSON: return "\033[1;33m";
  case TG_CLASS_PLACE: return "\033[1;32m";
  case TG_CLASS_POLICY: return "\033[1;33m";
  case TG_CLASS_SERVICE: return "\033[1;36m";
  case TG_CLASS_DATE:
  case TG_CLASS_NUMBER:
  case TG_CLASS_MONEY:
  case TG_CLASS_PERCENT: return "\033[1;36m";
  default: return "\033[1m";
  }
}

#define ANSI_RESET "\033[0m"

/* s[0..n) on one line: line breaks and tabs as spaces. */
static void put_line_n(TgOut *o, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
      tg_out_n(o, s + run, i - run);
      tg_out(o, " ");
      run = i + 1;
    }
  }
  tg_out_n(o, s + run, n - run);
}

static TgStatus explain_fact(TgOut *o, TgReportCtx *c, size_t i, bool color) {
  TgStatus st = TG_SUCCESS;
  const TgFact *f = tg_result_fact(c->r, i);
  char id[64];
  tg_report_fact_id(c->r, i, id, sizeof id);
  TRY(st, tg_report_fact_marks(c, f));
  tg_out(o, color ? "\033[1m" : "");
  tg_out(o, id);
  tg_out(o, color ? ANSI_RESET " " : " ");
  for (size_t k = 0; k < f->n_slots; ++k) {
    const TgSlot *s = &f->slots[k];
    const char *v = tg_report_slot_value(c->r, s);
    tg_out(o, " ");
    tg_out(o, tg_property_name(s->prop));
    tg_out(o, "=");
    if (color) {
      tg_out(o, ansi_color(tg_report_slot_class(c->r, s)));
    }
    put_line_n(o, v, strlen(v));
    tg_out(o, color ? ANSI_RESET : "");
  }
  tg_out(o, "  [");
  tg_out(o, f->rule ? f->rule : "?");
  tg_out(o, " ");
  tg_out_conf(o, f->confidence);
  tg_out(o, "]\n    ");
  const TgMarkRange sent = tg_report_sentence_range(c, f->sentence);
  size_t pos = sent.b;
  for (size_t k = 0; k < c->marks.len; ++k) {
    const TgMarkRange *m = (const TgMarkRange *)tg_vec_at(&c->marks, k);
    put_line_n(o, c->text + pos, m->b - pos);
    tg_out(o, color ? ansi_color(m->cls) : "[[");
    put_line_n(o, c->text + m->b, m->e - m->b);
    tg_out(o, color ? ANSI_RESET : "]]");
    pos = m->e;
  }
  put_line_n(o, c->text + pos, sent.e - pos);
  tg_out(o, "\n");
  return o->st;
}

TgStatus tg_report_explain(const TgDocument *doc, const TgResult *result, FILE *out,
                           bool color) {
  TgReportCtx c;
  TgOut o;
  TgStatus st = tg_report_open(&c, &o, doc, result);
  if (st) {
    return st;
  }
  if (tg_result_n_facts(result) == 0) {
    tg_out(&o, "(no facts)\n");
  }
  for (size_t i = 0; !st && i < tg_result_n_facts(result); ++i) {
    if (i) {
      tg_out(&o, "\n");
    }
    st = explain_fact(&o, &c, i, color);
  }
  return tg_report_close(&c, &o, st, out);
}
