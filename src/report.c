/* telegraph reports for people: the HTML page of one document's result,
 * every fact next to the words it came from (the terminal explanation is
 * explain.c's; what both views are built on, report_marks.c's).
 *
 * The page is built in memory (a TgOut with a sticky status, so the many
 * small appends need no checks of their own) and written at the end.
 * The graph picture is the writer's GraphViz DOT text run through
 * `dot -Tsvg` (graphviz.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/report.h"

#include "graphviz.h"
#include "report_marks.h"
#include "telegraph/writer.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TG_NOTE_NO_DOT "Graph picture unavailable: GraphViz 'dot' is not installed"

/* Escape s[0..n) for HTML text (attr: also quotes).  C0 controls other
 * than tab and line ends are not allowed in HTML: they become U+FFFD. */
static void put_esc_n(TgOut *o, const char *s, size_t n, bool attr) {
  size_t run = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = (unsigned char)s[i];
    const char *rep = NULL;
    switch (c) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = attr ? "&quot;" : NULL; break;
    case '\'': rep = attr ? "&#39;" : NULL; break;
    default:
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        rep = "\xEF\xBF\xBD";
      }
      break;
    }
    if (rep) {
      tg_out_n(o, s + run, i - run);
      tg_out(o, rep);
      run = i + 1;
    }
  }
  tg_out_n(o, s + run, n - run);
}

static void put_text(TgOut *o, const char *s) { put_esc_n(o, s, strlen(s), false); }
static void put_attr(TgOut *o, const char *s) { put_esc_n(o, s, strlen(s), true); }

/* ---- The HTML page ---- */

static const char *const page_style[] = {
    ":root{--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--bg:#f3f5f7}\n",
    "*{box-sizing:border-box}\n",
    "body{margin:0;background:var(--bg);color:var(--ink);"
    "font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',"
    "'Liberation Sans',sans-serif}\n",
    "header{background:#fff;border-bottom:1px solid var(--line);padding:22px 32px 18px}\n",
    "h1{font-size:25px;line-height:1.3;margin:0 0 6px;font-weight:650}\n",
    ".meta{margin:0;color:var(--muted);font-size:14px}\n",
    ".meta b{color:var(--ink);font-weight:600}\n",
    "main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.1fr);gap:22px;"
    "padding:22px 32px 32px;max-width:1600px}\n",
    "section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px}\n",
    "section>h2{font-size:12px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);"
    "margin:0 0 12px;font-weight:650}\n",
    "#graph{grid-column:1/-1}\n",
    "@media (max-width:900px){main{grid-template-columns:minmax(0,1fr)}}\n",
    ".article{white-space:pre-wrap;font-family:Georgia,'Noto Serif','Noto Serif CJK SC',"
    "'DejaVu Serif',serif;font-size:16px;line-height:1.75;margin:0}\n",
    ".m{border-radius:3px;padding:1px 1px;border-bottom:2px solid}\n",
    ".s.hl{background:#fff3b0;box-shadow:0 0 0 3px #fff3b0;border-radius:2px}\n",
    ".m.hl{outline:2px solid #1f2328;outline-offset:1px;font-weight:650}\n",
    ".legend{display:flex;flex-wrap:wrap;gap:6px 8px;margin:0 0 14px;padding:0;list-style:none;"
    "font-size:12px}\n",
    ".legend li{padding:1px 7px;border-radius:3px;border-bottom:2px solid}\n",
    ".facts{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:12px}\n",
    ".fact{border:1px solid var(--line);border-left:5px solid #8c959f;border-radius:6px;"
    "padding:10px 14px 12px;cursor:pointer;outline:none}\n",
    ".fact:hover,.fact:focus{border-color:#0969da;border-left-width:5px}\n",
    ".fact.on{box-shadow:0 0 0 3px #0969da40}\n",
    ".head{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;margin-bottom:6px}\n",
    ".badge{font-size:12px;font-weight:650;color:#fff;border-radius:10px;padding:1px 9px;"
    "background:#6e7781}\n",
    ".fid{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-weight:650;font-size:14px}\n",
    ".prov{margin-left:auto;font-size:12px;color:var(--muted)}\n",
    ".rule{font-family:ui-monospace,'DejaVu Sans Mono',monospace}\n",
    ".conf{display:inline-block;min-width:34px;text-align:right;font-weight:650;color:var(--ink)}\n",
    ".bar{display:inline-block;width:46px;height:6px;border-radius:3px;background:#e6e9ec;"
    "vertical-align:middle;margin-left:6px;overflow:hidden}\n",
    ".bar i{display:block;height:100%;background:#2da44e}\n",
    ".slots{border-collapse:collapse;width:100%;margin:2px 0 8px}\n",
    ".slots th{text-align:left;vertical-align:top;white-space:nowrap;width:1%;padding:3px 14px 3px 0;"
    "font:13px/1.6 ui-monospace,'DejaVu Sans Mono',monospace;color:var(--muted)}\n",
    ".slots td{padding:2px 0}\n",
    ".chip{display:inline-block;margin:1px 5px 1px 0;padding:0 6px;border-radius:3px;"
    "border-bottom:2px solid}\n",
    ".lit{display:inline-block;margin:1px 5px 1px 0;padding:0 6px;border-radius:3px;"
    "background:#f1f3f5;font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:13px}\n",
    ".quote{margin:0;padding:2px 0 2px 12px;border-left:3px solid var(--line);color:#424a53;"
    "font-size:14px;line-height:1.6}\n",
    ".quote mark{background:none;color:var(--ink);font-weight:650;border-bottom-width:2px;"
    "border-bottom-style:solid;padding:0 1px}\n",
    ".quote mark.c-None{border-color:#8c959f}\n",
    ".none{color:var(--muted);font-style:italic}\n",
    ".svg{overflow:auto;max-height:1400px;border:1px solid var(--line);border-radius:6px;"
    "background:#fcfcfd}\n",
    ".svg svg{display:block;margin:0 auto;max-width:none}\n",
    ".svg:not(.full) svg{width:100%;height:auto}\n",
    ".zoom{float:right;margin:-30px 0 0;font:inherit;font-size:12px;padding:2px 10px;"
    "border:1px solid var(--line);border-radius:6px;background:#f6f8fa;cursor:pointer}\n",
    ".note{margin:0;padding:10px 14px;border-radius:6px;background:#fff8c5;"
    "border:1px solid #d4a72c66;color:#633c01}\n",
    "footer{padding:0 32px 24px;color:var(--muted);font-size:12px}\n",
    /* A colour per class: background and underline. */
    ".c-Regulator{background:#fde2e1;border-color:#cf222e}\n",
    ".c-GovernmentBody{background:#efe7df;border-color:#8a5a3c}\n",
    ".c-Company{background:#ddeafe;border-color:#0969da}\n",
    ".c-NewsAgency{background:#ece6fd;border-color:#8250df}\n",
    ".c-Person{background:#fff1c2;border-color:#bf8700}\n",
    ".c-Place{background:#daf5e0;border-color:#1a7f37}\n",
    ".c-Policy{background:#ffe6cf;border-color:#d1650a}\n",
    ".c-Service{background:#d3f4f7;border-color:#0b8a9e}\n",
    ".c-Date{background:#e3e6fc;border-color:#4b52c9}\n",
    ".c-Number{background:#eceff2;border-color:#57606a}\n",
    ".c-Money{background:#e9f7cc;border-color:#5c8a00}\n",
    ".c-Percent{background:#fde3f1;border-color:#bf3989}\n",
    ".quote mark[class]{background:none}\n",
    ".fact.Approval{border-left-color:#1a7f37}.Approval .badge{background:#1a7f37}\n",
    ".fact.Statistic{border-left-color:#0969da}.Statistic .badge{background:#0969da}\n",
    ".fact.Decision{border-left-color:#8250df}.Decision .badge{background:#8250df}\n",
    ".fact.Report{border-left-color:#6e7781}.Report .badge{background:#6e7781}\n",
    ".fact.Subsidiary{border-left-color:#9a6700}.Subsidiary .badge{background:#9a6700}\n",
    ".fact.Role{border-left-color:#bf3989}.Role .badge{background:#bf3989}\n"};

/* Hover or focus shows a fact's sentence and slot words in the text; a
 * click pins it (and scrolls the text to it), a second click unpins; a
 * link to "#approval-1" pins that fact.  The graph fits the width until
 * its button shows it at full size. */
static const char *const page_script =
    "(function(){\n"
    "var pinned=null;\n"
    "function mark(f,on){\n"
    "  var s=document.querySelectorAll('.s[data-s=\"'+f.dataset.sentence+'\"]');\n"
    "  for(var i=0;i<s.length;i++)s[i].classList.toggle('hl',on);\n"
    "  (f.dataset.mentions||'').split(' ').forEach(function(id){\n"
    "    var m=id&&document.getElementById(id);if(m)m.classList.toggle('hl',on);});\n"
    "}\n"
    "document.querySelectorAll('.fact').forEach(function(f){\n"
    "  f.addEventListener('mouseenter',function(){if(!pinned)mark(f,true);});\n"
    "  f.addEventListener('mouseleave',function(){if(!pinned)mark(f,false);});\n"
    "  f.addEventListener('focus',function(){if(!pinned)mark(f,true);});\n"
    "  f.addEventListener('blur',function(){if(!pinned)mark(f,false);});\n"
    "  f.addEventListener('click',function(){\n"
    "    var was=pinned;\n"
    "    if(was){mark(was,false);was.classList.remove('on');pinned=null;}\n"
    "    if(was===f)return;\n"
    "    pinned=f;f.classList.add('on');mark(f,true);\n"
    "    var s=document.querySelector('.s[data-s=\"'+f.dataset.sentence+'\"]');\n"
    "    if(s)s.scrollIntoView({block:'center',behavior:'smooth'});\n"
    "  });\n"
    "  f.addEventListener('keydown',function(e){\n"
    "    if(e.key==='Enter'||e.key===' '){e.preventDefault();f.click();}});\n"
    "});\n"
    "var z=document.querySelector('.zoom'),g=document.querySelector('.svg');\n"
    "if(z&&g)z.addEventListener('click',function(){\n"
    "  z.textContent=g.classList.toggle('full')?'Fit to width':'Show at full size';});\n"
    "var t=location.hash&&document.getElementById(location.hash.slice(1));\n"
    "if(t&&t.classList.contains('fact'))t.click();\n"
    "})();\n";

static const TgClass legend_classes[] = {
    TG_CLASS_REGULATOR, TG_CLASS_GOVERNMENT_BODY, TG_CLASS_COMPANY, TG_CLASS_NEWS_AGENCY,
    TG_CLASS_PERSON,    TG_CLASS_PLACE,           TG_CLASS_POLICY,  TG_CLASS_SERVICE,
    TG_CLASS_DATE,      TG_CLASS_NUMBER,          TG_CLASS_MONEY,   TG_CLASS_PERCENT};

static const char *css_class(TgClass cls) {
  const char *name = tg_class_name(cls);
  return *name ? name : "None";
}

/* One mention as a span: class, id, and a tooltip with what it refers to. */
static void put_mention(TgOut *o, const TgReportCtx *c, const TgMarkRange *m) {
  const TgMention *mt = tg_result_mention(c->r, m->idx);
  tg_out(o, "<span class=\"m c-");
  tg_out(o, css_class(mt->cls));
  tg_out(o, "\" id=\"m");
  tg_out_size(o, m->idx);
  tg_out(o, "\" title=\"");
  put_attr(o, tg_class_name(mt->cls));
  if (mt->entity >= 0 && (size_t)mt->entity < tg_result_n_entities(c->r)) {
    tg_out(o, ": ");
    put_attr(o, tg_result_entity(c->r, (size_t)mt->entity)->label);
  } else if (mt->value) {
    tg_out(o, ": ");
    put_attr(o, mt->value);
    if (mt->unit) {
      tg_out(o, " ");
      put_attr(o, mt->unit);
    }
  }
  tg_out(o, "\">");
  put_esc_n(o, c->text + m->b, m->e - m->b, false);
  tg_out(o, "</span>");
}

/* The text [start, end) with each sentence in <span class="s" data-s="N">
 * and each mention starting inside it in its span.  A sentence boundary
 * inside a mention waits for the mention's end, so the tags nest. */
static void put_marked_text(TgOut *o, const TgReportCtx *c, size_t start, size_t end) {
  size_t mi = 0;
  size_t si = 0;
  while (mi < c->n_ments && c->ments[mi].b < start) {
    ++mi;
  }
  while (si < c->n_sents && c->sents[si].e <= start) {
    ++si;
  }
  size_t pos = start;
  bool in_s = false;
  while (pos < end || in_s) {
    if (in_s && (c->sents[si].e <= pos || pos >= end)) {
      tg_out(o, "</span>");
      in_s = false;
      ++si;
      continue;
    }
    if (pos >= end) {
      break;
    }
    if (!in_s && si < c->n_sents && c->sents[si].b <= pos) {
      if (c->sents[si].e <= pos) {
        ++si;
        continue;
      }
      tg_out(o, "<span class=\"s\" data-s=\"");
      tg_out_size(o, c->sents[si].idx);
      tg_out(o, "\">");
      in_s = true;
      continue;
    }
    while (mi < c->n_ments && (c->ments[mi].b < pos || c->ments[mi].e > end)) {
      ++mi; /* overlapping an earlier mention, or past this part of the text */
    }
    if (mi < c->n_ments && c->ments[mi].b == pos) {
      put_mention(o, c, &c->ments[mi]);
      pos = c->ments[mi].e;
      ++mi;
      continue;
    }
    size_t next = end;
    if (mi < c->n_ments && c->ments[mi].b < next) {
      next = c->ments[mi].b;
    }
    if (in_s && c->sents[si].e < next) {
      next = c->sents[si].e;
    } else if (!in_s && si < c->n_sents && c->sents[si].b < next) {
      next = c->sents[si].b;
    }
    put_esc_n(o, c->text + pos, next - pos, false);
    pos = next;
  }
}

/* The headline's range in the text: the dateline after the date. */
static bool title_range(const TgReportCtx *c, size_t *b, size_t *e) {
  const char *title = tg_document_title(c->doc);
  const size_t body = tg_document_body_offset(c->doc);
  if (!title || !*title) {
    return false;
  }
  const size_t n = strlen(title);
  const char *nl = memchr(c->text, '\n', body < c->len ? body : c->len);
  size_t line_end = nl ? (size_t)(nl - c->text) : (body < c->len ? body : c->len);
  while (line_end > 0 && (c->text[line_end - 1] == ' ' || c->text[line_end - 1] == '\t')) {
    --line_end;
  }
  if (line_end < n || memcmp(c->text + line_end - n, title, n) != 0) {
    return false;
  }
  *b = line_end - n;
  *e = line_end;
  return true;
}

static void put_slot_value(TgOut *o, const TgResult *r, const TgSlot *s) {
  if (s->entity >= 0 && (size_t)s->entity < tg_result_n_entities(r)) {
    const TgEntity *e = tg_result_entity(r, (size_t)s->entity);
    tg_out(o, "<span class=\"chip c-");
    tg_out(o, css_class(e->cls));
    tg_out(o, "\" title=\"");
    put_attr(o, tg_class_name(e->cls));
    tg_out(o, " ");
    put_attr(o, e->slug);
    tg_out(o, "\">");
    put_text(o, e->label);
    tg_out(o, "</span>");
    return;
  }
  tg_out(o, "<span class=\"lit\"");
  if (s->datatype) {
    tg_out(o, " title=\"xsd:");
    put_attr(o, s->datatype);
    tg_out(o, "\"");
  }
  tg_out(o, ">");
  put_text(o, s->literal ? s->literal : "");
  tg_out(o, "</span>");
}

/* A fact's sentence with the words of its slots in <mark>. */
static void put_quote(TgOut *o, const TgReportCtx *c, const TgMarkRange *sent) {
  size_t pos = sent->b;
  tg_out(o, "<blockquote class=\"quote\">");
  for (size_t i = 0; i < c->marks.len; ++i) {
    const TgMarkRange *m = (const TgMarkRange *)tg_vec_at(&c->marks, i);
    put_esc_n(o, c->text + pos, m->b - pos, false);
    tg_out(o, "<mark class=\"c-");
    tg_out(o, css_class(m->cls));
    tg_out(o, "\">");
    put_esc_n(o, c->text + m->b, m->e - m->b, false);
    tg_out(o, "</mark>");
    pos = m->e;
  }
  put_esc_n(o, c->text + pos, sent->e - pos, false);
  tg_out(o, "</blockquote>");
}

static TgStatus put_fact(TgOut *o, TgReportCtx *c, size_t i) {
  TgStatus st = TG_SUCCESS;
  const TgFact *f = tg_result_fact(c->r, i);
  char id[64];
  tg_report_fact_id(c->r, i, id, sizeof id);
  TRY(st, tg_report_fact_marks(c, f));
  const TgMarkRange sent = tg_report_sentence_range(c, f->sentence);
  tg_out(o, "<li class=\"fact ");
  tg_out(o, css_class(f->cls));
  tg_out(o, "\" id=\"");
  tg_out(o, id);
  tg_out(o, "\" tabindex=\"0\" data-sentence=\"");
  tg_out_size(o, f->sentence);
  tg_out(o, "\" data-mentions=\"");
  for (size_t k = 0; k < c->used.len; ++k) {
    tg_out(o, k ? " m" : "m");
    tg_out_size(o, *(const size_t *)tg_vec_at(&c->used, k));
  }
  tg_out(o, "\">\n<div class=\"head\"><span class=\"badge\">");
  put_text(o, tg_class_name(f->cls));
  tg_out(o, "</span><span class=\"fid\">");
  tg_out(o, id);
  tg_out(o, "</span><span class=\"prov\">rule <span class=\"rule\">");
  put_text(o, f->rule ? f->rule : "?");
  tg_out(o, "</span> &middot; confidence <span class=\"conf\">");
  tg_out_conf(o, f->confidence);
  tg_out(o, "</span><span class=\"bar\"><i style=\"width:");
  {
    const double c01 = f->confidence < 0 ? 0 : f->confidence > 1 ? 1 : f->confidence;
    tg_out_size(o, (size_t)(c01 * 100.0 + 0.5));
  }
  tg_out(o, "%\"></i></span></span></div>\n<table class=\"slots\">");
  for (size_t k = 0; k < f->n_slots; ++k) {
    bool seen = false;
    for (size_t j = 0; j < k; ++j) {
      seen = seen || f->slots[j].prop == f->slots[k].prop;
    }
    if (seen) {
      continue; /* listed with the first slot of its property */
    }
    tg_out(o, "<tr><th>");
    put_text(o, tg_property_name(f->slots[k].prop));
    tg_out(o, "</th><td>");
    for (size_t j = k; j < f->n_slots; ++j) {
      if (f->slots[j].prop == f->slots[k].prop) {
        put_slot_value(o, c->r, &f->slots[j]);
      }
    }
    tg_out(o, "</td></tr>");
  }
  tg_out(o, "</table>\n");
  put_quote(o, c, &sent);
  tg_out(o, "\n</li>\n");
  return o->st;
}

/* ---- The graph picture ---- */

/* The DOT text of the document's graph from the library's writer, without
 * the namespace legend raptor adds as the graph label. */
static TgStatus graph_dot(const TgDocument *doc, const TgResult *r, const char *base, char **dot,
                          size_t *len, const char **why) {
  *dot = NULL;
  *len = 0;
  FILE *ms = open_memstream(dot, len);
  if (!ms) {
    return TG_BAD_ALLOC;
  }
  TgWriter *w = NULL;
  TgStatus st = tg_writer_new(TG_FORMAT_DOT, TG_PROVENANCE_NONE, base, ms, NULL, NULL, &w);
  if (!st) {
    st = tg_writer_write(w, doc, r);
  }
  if (!st) {
    st = tg_writer_finish(w);
  }
  tg_writer_free(w);
  if (fclose(ms) != 0 && !st) {
    st = TG_BAD_ALLOC;
  }
  if (st) {
    free(*dot);
    *dot = NULL;
    *why = "the graph could not be written";
    return st == TG_BAD_ALLOC ? TG_BAD_ALLOC : TG_FAILURE;
  }
  char *label = strstr(*dot, "\n\tlabel=\"\\n\\nModel:");
  if (label) {
    char *eol = strchr(label + 1, '\n');
    const size_t tail = eol ? strlen(eol) : 0;
    memmove(label, eol ? eol : "", tail + 1);
    *len = (size_t)(label - *dot) + tail;
  }
  return TG_SUCCESS;
}

/* Write the graph as inline SVG, or the note saying why it is missing. */
static TgStatus put_graph(TgOut *o, const TgDocument *doc, const TgResult *r, const char *base) {
  TgStatus st = TG_SUCCESS;
  TgBuf dot_path;
  TgBuf svg;
  tg_buf_init(&dot_path);
  tg_buf_init(&svg);
  char why[160] = "";
  char *dot = NULL;
  size_t dot_len = 0;
  if (!tg_graphviz_find_dot(&dot_path, &st)) {
    if (!st) {
      snprintf(why, sizeof why, "GraphViz 'dot' is not installed");
    }
    goto done;
  }
  {
    const char *reason = NULL;
    st = graph_dot(doc, r, base, &dot, &dot_len, &reason);
    if (st == TG_FAILURE) {
      snprintf(why, sizeof why, "%s", reason);
      st = TG_SUCCESS;
      goto done;
    }
    if (st) {
      goto done;
    }
  }
  st = tg_graphviz_svg(dot_path.buf, dot, dot_len, &svg, why, sizeof why);
  if (st == TG_FAILURE) {
    st = TG_SUCCESS;
    goto done;
  }
  if (st) {
    goto done;
  }
  {
    const char *start = svg.buf ? strstr(svg.buf, "<svg") : NULL;
    if (!start) {
      snprintf(why, sizeof why, "'dot' wrote no SVG");
      goto done;
    }
    size_t n = svg.len - (size_t)(start - svg.buf);
    while (n > 0 && (start[n - 1] == '\n' || start[n - 1] == ' ')) {
      --n;
    }
    tg_out(o, "<button type=\"button\" class=\"zoom\">Show at full size</button>\n"
           "<div class=\"svg\">\n");
    tg_out_n(o, start, n);
    tg_out(o, "\n</div>\n");
  }
done:
  if (!st && why[0]) {
    tg_out(o, "<p class=\"note\">Graph picture unavailable: ");
    put_text(o, why);
    tg_out(o, "</p>\n");
  }
  free(dot); /* from open_memstream */
  tg_buf_clear(&dot_path);
  tg_buf_clear(&svg);
  return st ? st : o->st;
}

TgStatus tg_report_html(const TgDocument *doc, const TgResult *result, const char *base,
                        FILE *out) {
  TgReportCtx c;
  TgOut o;
  TgStatus st = tg_report_open(&c, &o, doc, result);
  if (st) {
    return st;
  }
  const char *title = tg_document_title(doc);
  const char *date = tg_document_date(doc);
  size_t tb = 0;
  size_t te = 0;
  const bool title_in_text = title_range(&c, &tb, &te);
  size_t body = tg_document_body_offset(doc);
  body = tg_char_ceil(c.text, c.len, body);
  /* Mentions in the dateline outside the headline: show the dateline too. */
  bool dateline_mentions = false;
  for (size_t i = 0; i < c.n_ments; ++i) {
    if (c.ments[i].b < body && !(title_in_text && c.ments[i].b >= tb && c.ments[i].e <= te)) {
      dateline_mentions = true;
    }
  }

  tg_out(&o, "<!DOCTYPE html>\n<html lang=\"");
  put_attr(&o, tg_document_language(doc));
  tg_out(&o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"telegraph\">\n<title>");
  put_text(&o, title ? title : tg_document_id(doc));
  tg_out(&o, " &ndash; telegraph report</title>\n<style>\n");
  for (size_t i = 0; i < sizeof page_style / sizeof page_style[0]; ++i) {
    tg_out(&o, page_style[i]);
  }
  tg_out(&o, "</style>\n</head>\n<body>\n<header>\n<h1 id=\"headline\">");
  if (title_in_text) {
    put_marked_text(&o, &c, tb, te);
  } else if (title) {
    put_text(&o, title);
  } else {
    put_text(&o, tg_document_id(doc));
  }
  tg_out(&o, "</h1>\n<p class=\"meta\"><time");
  if (date) {
    tg_out(&o, " datetime=\"");
    put_attr(&o, date);
    tg_out(&o, "\"");
  }
  tg_out(&o, ">");
  put_text(&o, date ? date : "undated");
  tg_out(&o, "</time> &middot; document <b>");
  put_text(&o, tg_document_id(doc));
  tg_out(&o, "</b> &middot; <b>");
  tg_out_size(&o, tg_result_n_facts(result));
  tg_out(&o, tg_result_n_facts(result) == 1 ? "</b> fact &middot; <b>" : "</b> facts &middot; <b>");
  tg_out_size(&o, tg_result_n_entities(result));
  tg_out(&o, tg_result_n_entities(result) == 1 ? "</b> entity &middot; <b>"
                                            : "</b> entities &middot; <b>");
  tg_out_size(&o, c.n_ments);
  tg_out(&o, c.n_ments == 1 ? "</b> mention</p>\n</header>\n<main>\n"
                         : "</b> mentions</p>\n</header>\n<main>\n");

  /* Facts. */
  tg_out(&o, "<section id=\"facts\">\n<h2>Facts</h2>\n");
  if (tg_result_n_facts(result) == 0) {
    tg_out(&o, "<p class=\"none\">No facts were found in this article.</p>\n");
  } else {
    tg_out(&o, "<ol class=\"facts\">\n");
    for (size_t i = 0; !st && i < tg_result_n_facts(result); ++i) {
      st = put_fact(&o, &c, i);
    }
    tg_out(&o, "</ol>\n");
  }
  tg_out(&o, "</section>\n");

  /* Article text. */
  tg_out(&o, "<section id=\"text\">\n<h2>Article</h2>\n<ul class=\"legend\">");
  for (size_t i = 0; i < sizeof legend_classes / sizeof legend_classes[0]; ++i) {
    tg_out(&o, "<li class=\"c-");
    tg_out(&o, css_class(legend_classes[i]));
    tg_out(&o, "\">");
    tg_out(&o, tg_class_name(legend_classes[i]));
    tg_out(&o, "</li>");
  }
  tg_out(&o, "</ul>\n<div class=\"article\">");
  put_marked_text(&o, &c, dateline_mentions ? 0 : body, c.len);
  tg_out(&o, "</div>\n</section>\n");

  /* Graph. */
  tg_out(&o, "<section id=\"graph\">\n<h2>Graph</h2>\n");
  if (!st) {
    st = put_graph(&o, doc, result, base);
  }
  tg_out(&o, "</section>\n</main>\n<footer>Made by telegraph from ");
  put_text(&o, tg_document_source(doc) ? tg_document_source(doc) : tg_document_id(doc));
  tg_out(&o, ". Hover over or click a fact to see its words in the article.</footer>\n<script>\n");
  tg_out(&o, page_script);
  tg_out(&o, "</script>\n</body>\n</html>\n");

  return tg_report_close(&c, &o, st, out);
}
