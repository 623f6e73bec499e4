/* telegraph: web pages and RSS/Atom feeds as input.
 *
 * libxml2's HTML parser reads pages (and the HTML inside feed items), its
 * XML parser reads feeds.  From the tree we take the article's text as
 * paragraphs and its metadata, and make the same document a text article
 * in the dateline layout would give (" date YYYY-MM-DD Headline", blank
 * line, paragraphs), so a page and its text give the same facts.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "markup.h"

#include "temporal.h"
#include "util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- Detection ---- */

static bool has_suffix_ci(const char *s, const char *suffix) {
  const size_t n = strlen(s);
  const size_t k = strlen(suffix);
  return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

TgMarkupKind tg_markup_kind_of_path(const char *path) {
  if (has_suffix_ci(path, ".html") || has_suffix_ci(path, ".htm")) {
    return TG_MARKUP_HTML;
  }
  if (has_suffix_ci(path, ".xml") || has_suffix_ci(path, ".rss") ||
      has_suffix_ci(path, ".atom")) {
    return TG_MARKUP_FEED;
  }
  return TG_MARKUP_NONE;
}

static bool starts_ci(const char *s, const char *end, const char *word) {
  const size_t k = strlen(word);
  return (size_t)(end - s) >= k && strncasecmp(s, word, k) == 0;
}

/* Skip `open` ... `close` at *p if it starts there. */
static bool skip_over(const char **p, const char *end, const char *open, const char *close) {
  if (!starts_ci(*p, end, open)) {
    return false;
  }
  const size_t k = strlen(close);
  for (const char *q = *p + strlen(open); q + k <= end; ++q) {
    if (memcmp(q, close, k) == 0) {
      *p = q + k;
      return true;
    }
  }
  *p = end;
  return true;
}

TgMarkupKind tg_markup_sniff(const char *text, size_t len) {
  const char *p = text;
  const char *end = text + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
    p += 3;
  }
  for (;;) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
      ++p;
    }
    if (!skip_over(&p, end, "<?xml", "?>") && !skip_over(&p, end, "<!--", "-->")) {
      break;
    }
  }
  static const char *const pages[] = {"<html", "<!doctype html"};
  static const char *const feeds[] = {"<rss", "<feed"};
  for (size_t i = 0; i < 2; ++i) {
    const size_t k = strlen(pages[i]);
    if (starts_ci(p, end, pages[i]) && (p + k == end || strchr(" \t\r\n>", p[k]))) {
      return TG_MARKUP_HTML;
    }
    const size_t f = strlen(feeds[i]);
    if (starts_ci(p, end, feeds[i]) && (p + f == end || strchr(" \t\r\n>", p[f]))) {
      return TG_MARKUP_FEED;
    }
  }
  return TG_MARKUP_NONE;
}

/* ---- Parser errors ---- */

typedef struct {
  const char *name;
  TgErrorFn err;
  void *err_data;
  unsigned line; /* added to the parser's lines (HTML inside a feed item) */
  bool html;
  bool failed;
} Errors;

/* The HTML parser's recoveries that cannot move or swallow text: elements
 * it does not know (HTML5's article, nav, time...), end tags that close
 * nothing or the wrong element, misplaced <html>/<body>, a bare '&'. */
static bool harmless(const xmlError *e) {
  switch (e->code) {
  case XML_HTML_UNKNOWN_TAG:
  case XML_HTML_STRUCURE_ERROR:
  case XML_ERR_TAG_NAME_MISMATCH:
  case XML_ERR_ENTITYREF_SEMICOL_MISSING:
  case XML_ERR_NAME_REQUIRED: return true;
  default: return false;
  }
}

static void on_xml_error(void *data, xmlErrorPtr e) {
  Errors *x = (Errors *)data;
  if (x->failed || e->level < XML_ERR_ERROR || (x->html && harmless(e))) {
    return;
  }
  x->failed = true;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed markup");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
    msg[--n] = '\0';
  }
  const unsigned line = x->line + (e->line > 0 ? (unsigned)e->line - (x->line ? 1u : 0u) : 0u);
  const unsigned col = x->line ? 0u : (e->int2 > 0 ? (unsigned)e->int2 : 1u);
  tg_report(x->err, x->err_data, TG_BAD_SYNTAX, x->name, line ? line : 1u, col,
            "%s %s; skipped", x->html ? "malformed HTML:" : "malformed XML:", msg);
}

/* Parse with `x` collecting the first real error; NULL when there was one. */
static xmlDocPtr parse(const char *buf, size_t len, bool html, Errors *x) {
  x->html = html;
  x->failed = false;
  xmlSetStructuredErrorFunc(x, on_xml_error);
  xmlDocPtr doc;
  if (html) {
    /* Without a declared charset, libxml2 would guess Latin-1. */
    const size_t head = len < 2048 ? len : 2048;
    bool declared = false;
    for (size_t i = 0; i + 8 <= head && !declared; ++i) {
      declared = strncasecmp(buf + i, "charset=", 8) == 0;
    }
    doc = htmlReadMemory(buf, (int)len, x->name, declared ? NULL : "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOWARNING | HTML_PARSE_NOERROR);
  } else {
    doc = xmlReadMemory(buf, (int)len, x->name, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  }
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (!doc && !x->failed) {
    tg_report(x->err, x->err_data, TG_BAD_SYNTAX, x->name, x->line ? x->line : 1u, 0,
              "no %s document in it; skipped", html ? "HTML" : "XML");
    x->failed = true;
  }
  if (x->failed) {
    xmlFreeDoc(doc);
    return NULL;
  }
  return doc;
}

/* ---- Text ---- */

/* Paragraphs with collapsed blanks: blocks are separated by blank lines. */
typedef struct {
  TgBuf out;
  bool space;
  bool para;
  TgStatus st;
} Text;

static void text_put(Text *t, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p && !t->st; ++p) {
    const bool nbsp = p[0] == 0xC2 && p[1] == 0xA0;
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || nbsp) {
      t->space = true;
      p += nbsp;
      continue;
    }
    if (t->out.len && t->para) {
      t->st = tg_buf_puts(&t->out, "\n\n");
    } else if (t->out.len && t->space) {
      t->st = tg_buf_putc(&t->out, ' ');
    }
    t->para = t->space = false;
    if (!t->st) {
      t->st = tg_buf_putc(&t->out, (char)*p);
    }
  }
}

static bool named(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool named_any(const xmlNode *n, const char *const *names) {
  for (; *names; ++names) {
    if (named(n, *names)) {
      return true;
    }
  }
  return false;
}

static const char *const SKIPPED[] = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "figure",
    "figcaption", "form", "button", "select", "textarea", "iframe", "object", "svg", "canvas",
    "menu", "head", "title", NULL};
static const char *const BLOCKS[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "br", "hr", "tr", "table", "section", "article", "main", "body",
    "address", "center", NULL};

static bool hidden(const xmlNode *n) {
  xmlChar *aria = xmlGetProp(n, (const xmlChar *)"aria-hidden");
  const bool h = xmlHasProp(n, (const xmlChar *)"hidden") != NULL ||
                 (aria && strcmp((const char *)aria, "true") == 0);
  xmlFree(aria);
  return h;
}

/* Depth-first over `n`'s children (iterative: no recursion on nesting). */
static void text_of(Text *t, const xmlNode *root) {
  const xmlNode *n = root->children;
  while (n && n != root && !t->st) {
    const bool skip = n->type == XML_ELEMENT_NODE && (named_any(n, SKIPPED) || hidden(n));
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      text_put(t, (const char *)n->content);
    } else if (n->type == XML_ELEMENT_NODE && named_any(n, BLOCKS)) {
      t->para = true;
    }
    if (n->children && !skip && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n && n != root && named_any(n, BLOCKS)) {
        t->para = true;
      }
    }
    if (n && n != root) {
      n = n->next;
    }
  }
}

/* The first element named `name` at or below `n`, depth first. */
static const xmlNode *find(const xmlNode *n, const char *name) {
  for (; n; n = n->next) {
    if (named(n, name)) {
      return n;
    }
    const xmlNode *c = n->type == XML_ELEMENT_NODE ? find(n->children, name) : NULL;
    if (c) {
      return c;
    }
  }
  return NULL;
}

/* The text of `n`, blanks collapsed; NULL when there is none. */
static char *plain_text(const xmlNode *n, TgStatus *st) {
  Text t = {{NULL, 0, 0}, false, false, TG_SUCCESS};
  tg_buf_init(&t.out);
  if (n && n->type == XML_ELEMENT_NODE) {
    for (const xmlNode *c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        text_put(&t, (const char *)c->content);
      } else if (c->type == XML_ELEMENT_NODE) {
        xmlChar *s = xmlNodeGetContent(c);
        text_put(&t, s ? (const char *)s : "");
        xmlFree(s);
      }
    }
  }
  if (t.st || !t.out.len) {
    *st = t.st ? t.st : *st;
    tg_buf_clear(&t.out);
    return NULL;
  }
  return t.out.buf;
}

/* ---- Metadata ---- */

typedef struct {
  char *title;
  char *url;
  char date[11];
} Meta;

static void meta_clear(Meta *m) {
  tg_free(m->title);
  tg_free(m->url);
}

/* "YYYY-MM-DD" from the start of an ISO 8601 date or date-time. */
static bool iso_day(const char *s, char out[11]) {
  TgDate d;
  if (!s || strlen(s) < 10 || (s[10] && s[10] != 'T' && s[10] != ' ') ||
      tg_date_parse_iso(s, 10, &d) != TG_SUCCESS || d.precision != TG_PREC_DAY) {
    return false;
  }
  memcpy(out, s, 10);
  out[10] = '\0';
  return true;
}

/* "Fri, 28 Feb 2025 09:00:00 +0800" (RFC 822, RSS): the stated day. */
static bool rfc822_day(const char *s, char out[11]) {
  static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (!s) {
    return false;
  }
  const char *comma = strchr(s, ',');
  const char *p = comma ? comma + 1 : s;
  unsigned day = 0;
  char mon[4] = {0};
  unsigned year = 0;
  if (sscanf(p, " %2u %3s %4u", &day, mon, &year) != 3) {
    return false;
  }
  for (unsigned m = 0; m < 12; ++m) {
    if (strcasecmp(mon, months[m]) == 0) {
      char iso[16];
      snprintf(iso, sizeof iso, "%04u-%02u-%02u", year, m + 1, day);
      return iso_day(iso, out);
    }
  }
  return false;
}

static bool attr_is(const xmlNode *n, const char *attr, const char *value) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
  const bool is = v && strcasecmp((const char *)v, value) == 0;
  xmlFree(v);
  return is;
}

static char *attr_copy(const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
  char *c = v ? tg_strdup((const char *)v) : NULL;
  xmlFree(v);
  return c;
}

/* <meta property=...>, <link rel=canonical>, the first <time datetime>. */
static void page_meta(const xmlNode *n, Meta *m, char **og_title, char **og_url) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (named(n, "meta")) {
      xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
      const char *c = (const char *)content;
      if (c && (attr_is(n, "property", "article:published_time") ||
                attr_is(n, "name", "article:published_time")) && !m->date[0]) {
        iso_day(c, m->date);
      } else if (c && attr_is(n, "property", "og:title") && !*og_title) {
        *og_title = tg_strdup(c);
      } else if (c && attr_is(n, "property", "og:url") && !*og_url) {
        *og_url = tg_strdup(c);
      }
      xmlFree(content);
    } else if (named(n, "link") && attr_is(n, "rel", "canonical") && !m->url) {
      m->url = attr_copy(n, "href");
    } else if (named(n, "time") && !m->date[0]) {
      xmlChar *dt = xmlGetProp(n, (const xmlChar *)"datetime");
      iso_day((const char *)dt, m->date);
      xmlFree(dt);
    }
    page_meta(n->children, m, og_title, og_url);
  }
}

/* ---- Articles ---- */

/* A document from the paragraphs in `body` and `m`, handed to `each`. */
static TgStatus make_article(const char *name, const char *id, const char *body, const Meta *m,
                             const char *date, TgErrorFn err, void *err_data, TgArticleFn each,
                             void *each_data) {
  TgBuf text;
  tg_buf_init(&text);
  TgStatus st = TG_SUCCESS;
  if (m->date[0]) {
    st = tg_buf_printf(&text, " date %s %s\n\n", m->date, m->title ? m->title : "");
  }
  if (!st) {
    st = tg_buf_puts(&text, body);
  }
  if (!st) {
    st = tg_buf_putc(&text, '\n');
  }
  TgDocument *doc = NULL;
  if (!st) {
    const bool is_stdin = strcmp(name, "<stdin>") == 0;
    st = tg_document_from_bytes(is_stdin ? "-" : name, text.buf, text.len, id, date, err, err_data, &doc);
  }
  if (!st && m->title && !m->date[0]) {
    st = tg_document_set_title(doc, m->title);
  }
  if (!st && m->url) {
    st = tg_document_set_url(doc, m->url);
  }
  tg_buf_clear(&text);
  if (st) {
    tg_document_free(doc);
    return st;
  }
  return each(each_data, doc);
}

/* The article's text below `root`, or an error naming `line`. */
static char *article_text(const xmlNode *root, Errors *x, unsigned line, TgStatus *st) {
  Text t = {{NULL, 0, 0}, false, false, TG_SUCCESS};
  tg_buf_init(&t.out);
  if (root) {
    text_of(&t, root);
  }
  if (t.st || !t.out.len) {
    *st = t.st ? t.st
               : tg_report(x->err, x->err_data, TG_FAILURE, x->name, line ? line : 1u, 0,
                           "no article text found; skipped");
    tg_buf_clear(&t.out);
    return NULL;
  }
  return t.out.buf;
}

static TgStatus read_page(const char *buf, size_t len, const char *name, const char *date,
                          Errors *x, TgArticleFn each, void *each_data) {
  xmlDocPtr doc = parse(buf, len, true, x);
  if (!doc) {
    return TG_FAILURE;
  }
  const xmlNode *top = xmlDocGetRootElement(doc);
  const xmlNode *root = find(top, "article");
  root = root ? root : find(top, "main");
  root = root ? root : find(top, "body");
  Meta m = {NULL, NULL, {0}};
  char *og_title = NULL;
  char *og_url = NULL;
  page_meta(top, &m, &og_title, &og_url);
  TgStatus st = TG_SUCCESS;
  m.title = plain_text(find(root ? root : top, "h1"), &st);
  if (!m.title) {
    m.title = og_title ? og_title : plain_text(find(top, "title"), &st);
    og_title = m.title == og_title ? NULL : og_title;
  }
  if (!m.url) {
    m.url = og_url;
    og_url = NULL;
  }
  char *body = st ? NULL : article_text(root, x, 0, &st);
  if (body) {
    st = make_article(name, NULL, body, &m, date, x->err, x->err_data, each, each_data);
  }
  tg_free(body);
  tg_free(og_title);
  tg_free(og_url);
  meta_clear(&m);
  xmlFreeDoc(doc);
  return st;
}

/* The child element of `item` named `name` (local name, any namespace). */
static const xmlNode *child(const xmlNode *item, const char *name) {
  for (const xmlNode *c = item->children; c; c = c->next) {
    if (named(c, name)) {
      return c;
    }
  }
  return NULL;
}

/* An item's HTML (escaped in RSS and in Atom type="html") as text. */
static char *item_html_text(const char *html, Errors *x, unsigned line, TgStatus *st) {
  Errors sub = *x;
  sub.line = line;
  xmlDocPtr d = parse(html, strlen(html), true, &sub);
  if (!d) {
    *st = TG_FAILURE;
    return NULL;
  }
  const xmlNode *top = xmlDocGetRootElement(d);
  const xmlNode *body = find(top, "body");
  char *text = article_text(body ? body : top, &sub, line, st);
  xmlFreeDoc(d);
  return text;
}

/* One RSS item or Atom entry. */
static TgStatus read_item(const xmlNode *item, size_t index, const char *stem, const char *name,
                          const char *date, Errors *x, TgArticleFn each, void *each_data) {
  const unsigned line = (unsigned)xmlGetLineNo(item);
  const bool atom = named(item, "entry");
  Meta m = {NULL, NULL, {0}};
  TgStatus st = TG_SUCCESS;
  const xmlNode *title = child(item, "title");
  m.title = plain_text(title, &st);
  if (m.title && atom && attr_is(title, "type", "html")) {
    char *decoded = item_html_text(m.title, x, line, &st);
    tg_free(m.title);
    m.title = decoded;
  }
  const xmlNode *when = atom ? child(item, "published") : child(item, "pubDate");
  when = when ? when : child(item, atom ? "updated" : "date");
  xmlChar *w = when ? xmlNodeGetContent(when) : NULL;
  if (w && !iso_day((const char *)w, m.date)) {
    rfc822_day((const char *)w, m.date);
  }
  xmlFree(w);
  for (const xmlNode *c = item->children; atom && c && !m.url; c = c->next) {
    if (named(c, "link") && (!xmlHasProp(c, (const xmlChar *)"rel") ||
                             attr_is(c, "rel", "alternate"))) {
      m.url = attr_copy(c, "href");
    }
  }
  if (!atom && child(item, "link")) {
    xmlChar *u = xmlNodeGetContent(child(item, "link"));
    m.url = u ? tg_strdup((const char *)u) : NULL;
    xmlFree(u);
  }
  const xmlNode *content = child(item, atom ? "content" : "encoded");
  content = content ? content : child(item, atom ? "summary" : "description");
  char *body = NULL;
  if (!content) {
    st = tg_report(x->err, x->err_data, TG_FAILURE, name, line, 0,
                   "feed item without content; skipped");
  } else if (atom && attr_is(content, "type", "xhtml")) {
    body = article_text(content, x, line, &st);
  } else if (atom && !attr_is(content, "type", "html")) {
    body = plain_text(content, &st);
  } else {
    xmlChar *html = xmlNodeGetContent(content);
    body = item_html_text(html ? (const char *)html : "", x, line, &st);
    xmlFree(html);
  }
  if (body) {
    char id[64];
    snprintf(id, sizeof id, "%.40s-%zu", stem, index);
    st = make_article(name, id, body, &m, date, x->err, x->err_data, each, each_data);
  } else if (!st) {
    st = tg_report(x->err, x->err_data, TG_FAILURE, name, line, 0,
                   "no article text found; skipped");
  }
  tg_free(body);
  meta_clear(&m);
  return st;
}

static TgStatus read_feed(const char *buf, size_t len, const char *name, const char *date,
                          Errors *x, TgArticleFn each, void *each_data) {
  xmlDocPtr doc = parse(buf, len, false, x);
  if (!doc) {
    return TG_FAILURE;
  }
  const xmlNode *top = xmlDocGetRootElement(doc);
  /* RSS 2.0 items sit in <channel>; Atom entries and RSS 1.0 (<rdf:RDF>)
   * items under the root. */
  const xmlNode *items = top && named(top, "rss") ? child(top, "channel") : top;
  if (!top || !(named(top, "rss") || named(top, "feed") || named(top, "RDF")) || !items) {
    xmlFreeDoc(doc);
    return tg_report(x->err, x->err_data, TG_FAILURE, name, top ? (unsigned)xmlGetLineNo(top) : 1u,
                     0, "not an RSS or Atom feed (the root is <%s>); skipped",
                     top ? (const char *)top->name : "");
  }
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  const char *dot = strrchr(base, '.');
  char stem[48];
  snprintf(stem, sizeof stem, "%.*s", (int)((dot && dot != base) ? (size_t)(dot - base)
                                                                  : strlen(base)), base);
  if (strcmp(name, "<stdin>") == 0) {
    snprintf(stem, sizeof stem, "stdin-%016llx", (unsigned long long)tg_hash(buf, len));
  }
  TgStatus st = TG_SUCCESS;
  size_t index = 0;
  for (const xmlNode *c = items->children; c && (st == TG_SUCCESS || st == TG_FAILURE);
       c = c->next) {
    if (named(c, "item") || named(c, "entry")) {
      const TgStatus ist = read_item(c, ++index, stem, name, date, x, each, each_data);
      st = ist ? ist : st;
    }
  }
  if (!index && !st) {
    st = tg_report(x->err, x->err_data, TG_FAILURE, name, 1, 0, "feed without items");
  }
  xmlFreeDoc(doc);
  return st;
}

TgStatus tg_markup_parse(const char *buf, size_t len, TgMarkupKind kind, const char *name,
                         const char *date, TgErrorFn err, void *err_data, TgArticleFn each,
                         void *each_data) {
  if (len > 0x7FFFFFFF) {
    return tg_report(err, err_data, TG_BAD_LIMIT, name, 0, 0, "too large for the parser");
  }
  if (tg_check_text(buf, len, name, err, err_data)) {
    return TG_FAILURE; /* libxml2 would decode broken UTF-8 as something */
  }
  Errors x = {name, err, err_data, 0, false, false};
  return kind == TG_MARKUP_HTML ? read_page(buf, len, name, date, &x, each, each_data)
                                : read_feed(buf, len, name, date, &x, each, each_data);
}

/* ---- Input ---- */

static TgStatus slurp(FILE *in, TgBuf *buf) {
  char chunk[65536];
  size_t n;
  TgStatus st = TG_SUCCESS;
  while (!st && (n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    st = tg_buf_append(buf, chunk, n);
  }
  return !st && ferror(in) ? TG_BAD_READ : st;
}

/* What the caller's `each` returned, kept apart from what was reported. */
typedef struct {
  TgArticleFn each;
  void *data;
  TgStatus st;
} Each;

static TgStatus each_kept(void *data, TgDocument *doc) {
  Each *e = (Each *)data;
  e->st = e->each(e->data, doc);
  return e->st;
}

TgStatus tg_markup_input(const char *path, const char *date, TgErrorFn err, void *err_data,
                         TgArticleFn each, void *each_data, bool *taken) {
  const bool is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  *taken = false;
  TgMarkupKind kind = is_stdin ? TG_MARKUP_NONE : tg_markup_kind_of_path(path);
  FILE *in = is_stdin ? stdin : fopen(path, "rb");
  struct stat sb;
  memset(&sb, 0, sizeof sb);
  if (!in || (!is_stdin && (fstat(fileno(in), &sb) != 0 || S_ISDIR(sb.st_mode)))) {
    if (in) {
      fclose(in);
    }
    return TG_SUCCESS; /* the plain reader reports it */
  }
  /* Standard input, pipes and devices cannot be read twice: read whole. */
  const bool whole = is_stdin || !S_ISREG(sb.st_mode);
  if (!whole && !kind) {
    char head[1024];
    const size_t n = fread(head, 1, sizeof head, in);
    kind = tg_markup_sniff(head, n);
    rewind(in);
  }
  if (!whole && !kind) {
    fclose(in);
    return TG_SUCCESS;
  }
  *taken = true;
  Each kept = {each, each_data, TG_SUCCESS};
  TgBuf buf;
  tg_buf_init(&buf);
  TgStatus st = slurp(in, &buf);
  if (st == TG_BAD_READ) {
    st = tg_report(err, err_data, TG_BAD_READ, name, 0, 0, "%s", strerror(errno));
  }
  if (!is_stdin) {
    fclose(in);
  }
  const char *text = buf.buf ? buf.buf : "";
  if (!st && whole && !kind) {
    kind = tg_markup_sniff(text, buf.len);
  }
  if (!st && !kind) {
    TgDocument *doc = NULL;
    st = tg_document_from_bytes(path, text, buf.len, NULL, date, err, err_data, &doc);
    st = st ? st : each_kept(&kept, doc);
  } else if (!st) {
    st = tg_markup_parse(text, buf.len, kind, name, date, err, err_data, each_kept, &kept);
  }
  tg_buf_clear(&buf);
  /* The caller's own failures stop the batch; the rest were reported. */
  return kept.st ? kept.st : st == TG_BAD_ALLOC ? st : st ? TG_FAILURE : TG_SUCCESS;
}
