/* telegraph stage 1, the reader: bytes to a TgDocument.
 *
 * Validates UTF-8, normalises line ends, recognises the dateline layout
 * (" date YYYY-MM-DD Headline", blank line, body).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/document.h"

#include "markup.h"
#include "temporal.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct TgDocumentImpl {
  char *id;
  char *url;
  char *source;
  char *title;
  char date[11];
  bool has_date;
  char *text;
  size_t len;
  size_t body;
  const char *lang; /* static */
};

/* Copy `in` to a new buffer without BOM and with LF line ends, checking
 * UTF-8 and NUL bytes; report the first problem with its line and column. */
static TgStatus normalise(const char *in, size_t len, const char *source,
                          TgErrorFn err, void *err_data, char **out, size_t *out_len) {
  size_t i = 0;
  if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
    i = 3;
  }
  char *text = (char *)tg_malloc(len - i + 1);
  if (!text) {
    return TG_BAD_ALLOC;
  }
  size_t n = 0;
  unsigned line = 1;
  unsigned col = 1;
  while (i < len) {
    /* A run of printable ASCII (most of a text) is copied as it is. */
    size_t j = i;
    while (j < len && (unsigned char)in[j] >= 0x20 && (unsigned char)in[j] < 0x7F) {
      ++j;
    }
    if (j > i) {
      memcpy(text + n, in + i, j - i);
      n += j - i;
      col += (unsigned)(j - i);
      i = j;
      continue;
    }
    const unsigned char c = (unsigned char)in[i];
    if (c == '\r') {
      text[n++] = '\n';
      i += (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
      ++line, col = 1;
      continue;
    }
    if (c == '\0') {
      tg_free(text);
      return tg_report(err, err_data, TG_BAD_TEXT, source, line, col,
                       "NUL byte in text");
    }
    if (c < 0x80) {
      /* Control characters other than tab and line ends become spaces:
       * no RDF syntax (RDF/XML least of all) can carry them. */
      text[n++] = ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) ? ' ' : (char)c;
      ++i;
      if (c == '\n') {
        ++line, col = 1;
      } else {
        ++col;
      }
      continue;
    }
    uint32_t cp = 0;
    size_t k = tg_utf8_decode((const unsigned char *)in + i, len - i, &cp);
    if (k == 0) {
      tg_free(text);
      return tg_report(err, err_data, TG_BAD_TEXT, source, line, col,
                       "invalid UTF-8 (byte 0x%02X)", c);
    }
    if (cp >= 0x80 && cp <= 0x9F) {
      text[n++] = ' '; /* C1 controls, likewise */
    } else if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
      memcpy(text + n, "\xEF\xBF\xBD", 3); /* noncharacters: U+FFFD */
      n += 3;
    } else {
      memcpy(text + n, in + i, k);
      n += k;
    }
    i += k, ++col;
  }
  text[n] = '\0';
  *out = text;
  *out_len = n;
  return TG_SUCCESS;
}

/* ---- Language: the script most letters are written in ---- */

typedef struct {
  uint32_t from, to;
  unsigned script;
} ScriptRange;

/* Unicode blocks of the scripts telegraph names (letters only). */
static const ScriptRange SCRIPT_RANGES[] = {
    {0x0041, 0x005A, 0},   {0x0061, 0x007A, 0},   {0x00C0, 0x024F, 0},   {0x1E00, 0x1EFF, 0},
    {0x4E00, 0x9FFF, 1},   {0x3400, 0x4DBF, 1},   {0xF900, 0xFAFF, 1},   {0x20000, 0x2FFFF, 1},
    {0x3040, 0x30FF, 2},   {0xAC00, 0xD7AF, 3},   {0x1100, 0x11FF, 3},   {0x3130, 0x318F, 3},
    {0x0400, 0x052F, 4},   {0x0600, 0x06FF, 5},   {0x0750, 0x077F, 5},   {0xFB50, 0xFDFF, 5},
    {0xFE70, 0xFEFF, 5},   {0x0370, 0x03FF, 6},   {0x0590, 0x05FF, 7},   {0x0900, 0x097F, 8},
    {0x0E00, 0x0E7F, 9}};
static const char *const SCRIPT_LANG[] = {"en", "zh", "ja", "ko", "ru", "ar", "el", "he", "hi", "th"};
static const char *const SCRIPT_NAME[] = {NULL,     "Chinese", "Japanese", "Korean", "Russian",
                                          "Arabic", "Greek",   "Hebrew",   "Hindi",  "Thai"};
enum { N_SCRIPTS = 10 };

/* Kana marks Japanese even where Han characters outnumber it. */
static const char *detect_language(const char *text, size_t len) {
  size_t count[N_SCRIPTS] = {0};
  size_t ascii_letters = 0; /* Latin, counted apart in a register */
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) { /* ASCII: a letter is Latin (the first two ranges) */
      for (; c < 0x80; c = (unsigned char)text[i]) {
        ascii_letters += (unsigned)((c | 0x20) - 'a') < 26u;
        if (++i == len) {
          break;
        }
      }
      continue;
    }
    uint32_t cp = 0;
    const size_t k = tg_utf8_decode((const unsigned char *)text + i, len - i, &cp);
    i += k ? k : 1;
    for (size_t r = 0; r < sizeof SCRIPT_RANGES / sizeof *SCRIPT_RANGES; ++r) {
      if (cp >= SCRIPT_RANGES[r].from && cp <= SCRIPT_RANGES[r].to) {
        ++count[SCRIPT_RANGES[r].script];
        break;
      }
    }
  }
  count[0] += ascii_letters;
  if (count[2] * 10 > count[1] && count[2] > count[0]) {
    return SCRIPT_LANG[2];
  }
  unsigned best = 0;
  for (unsigned s = 1; s < N_SCRIPTS; ++s) {
    if (count[s] > count[best]) {
      best = s;
    }
  }
  return SCRIPT_LANG[best];
}

/* Recognise " date YYYY-MM-DD Headline\n\n" at the start of doc->text. */
static TgStatus parse_dateline(TgDocument *doc, TgErrorFn err, void *err_data) {
  const char *t = doc->text;
  size_t i = 0;
  while (t[i] == ' ' || t[i] == '\t') {
    ++i;
  }
  if (strncmp(t + i, "date ", 5) != 0) {
    return TG_FAILURE;
  }
  i += 5;
  while (t[i] == ' ') {
    ++i;
  }
  const size_t date_at = i;
  size_t j = i;
  while ((t[j] >= '0' && t[j] <= '9') || t[j] == '-') {
    ++j;
  }
  TgDate date;
  if (j - i != 10 || tg_date_parse_iso(t + i, 10, &date) != TG_SUCCESS ||
      date.precision != TG_PREC_DAY) {
    return tg_report(err, err_data, TG_BAD_DATE, doc->source, 1,
                     (unsigned)tg_utf8_count(t, date_at) + 1,
                     "dateline date is not a valid YYYY-MM-DD date");
  }
  memcpy(doc->date, t + i, 10);
  doc->date[10] = '\0';
  doc->has_date = true;
  i = j;
  while (t[i] == ' ' || t[i] == '\t') {
    ++i;
  }
  size_t end = i;
  while (t[end] && t[end] != '\n') {
    ++end;
  }
  size_t title_end = end;
  while (title_end > i && (t[title_end - 1] == ' ' || t[title_end - 1] == '\t')) {
    --title_end;
  }
  if (title_end > i) {
    doc->title = tg_strndup(t + i, title_end - i);
    if (!doc->title) {
      return TG_BAD_ALLOC;
    }
  }
  /* The body starts after the dateline and any blank lines. */
  size_t body = end;
  while (t[body] == '\n' || t[body] == ' ' || t[body] == '\t') {
    ++body;
  }
  doc->body = body;
  return TG_SUCCESS;
}

TgStatus tg_document_new(const char *text, size_t len, const char *id, const char *source,
                         const char *date, TgErrorFn err, void *err_data, TgDocument **out) {
  *out = NULL;
  if (!text || !id || !*id) {
    return TG_BAD_ARG;
  }
  TgDocument *doc = (TgDocument *)tg_calloc(1, sizeof *doc);
  if (!doc) {
    return TG_BAD_ALLOC;
  }
  TgStatus st = TG_BAD_ALLOC;
  if (!(doc->id = tg_strdup(id)) || (source && !(doc->source = tg_strdup(source)))) {
    goto fail;
  }
  if ((st = normalise(text, len, source, err, err_data, &doc->text, &doc->len))) {
    goto fail;
  }
  st = parse_dateline(doc, err, err_data);
  if (st == TG_FAILURE) {
    st = TG_SUCCESS;
    if (date) {
      TgDate d;
      if (strlen(date) != 10 || tg_date_parse_iso(date, 10, &d) != TG_SUCCESS ||
          d.precision != TG_PREC_DAY) {
        st = tg_report(err, err_data, TG_BAD_DATE, NULL, 0, 0,
                       "invalid date '%s' (expected YYYY-MM-DD)", date);
        goto fail;
      }
      memcpy(doc->date, date, 11);
      doc->has_date = true;
    }
  }
  if (st) {
    goto fail;
  }
  doc->lang = detect_language(doc->text, doc->len);
  *out = doc;
  return TG_SUCCESS;
fail:
  tg_document_free(doc);
  return st;
}

/* The file name without directories and without its last extension. */
static char *stem_of(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  size_t len = (dot && dot != base) ? (size_t)(dot - base) : strlen(base);
  return tg_strndup(base, len);
}

TgStatus tg_document_read(const char *path, const char *date, TgErrorFn err, void *err_data,
                          TgDocument **out) {
  *out = NULL;
  const bool is_stdin = strcmp(path, "-") == 0;
  FILE *in = is_stdin ? stdin : fopen(path, "rb");
  const char *name = is_stdin ? "<stdin>" : path;
  if (!in) {
    return tg_report(err, err_data, TG_BAD_READ, name, 0, 0, "%s", strerror(errno));
  }
  struct stat sb;
  if (!is_stdin && fstat(fileno(in), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(in);
    return tg_report(err, err_data, TG_BAD_READ, name, 0, 0, "is a directory");
  }
  TgBuf buf;
  tg_buf_init(&buf);
  char chunk[65536];
  size_t n;
  TgStatus st = TG_SUCCESS;
  while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    if ((st = tg_buf_append(&buf, chunk, n))) {
      break;
    }
  }
  if (!st && ferror(in)) {
    st = tg_report(err, err_data, TG_BAD_READ, name, 0, 0, "%s", strerror(errno));
  }
  if (!is_stdin) {
    fclose(in);
  }
  if (st) {
    tg_buf_clear(&buf);
    return st;
  }
  st = tg_document_from_bytes(path, buf.buf ? buf.buf : "", buf.len, NULL, date, err, err_data,
                              out);
  tg_buf_clear(&buf);
  return st;
}

TgStatus tg_document_from_bytes(const char *path, const char *buf, size_t len, const char *id,
                                const char *date, TgErrorFn err, void *err_data,
                                TgDocument **out) {
  *out = NULL;
  const bool is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  char *made;
  if (id) {
    made = tg_strdup(id);
  } else if (is_stdin) {
    char hex[32];
    snprintf(hex, sizeof hex, "stdin-%016" PRIx64, tg_hash(buf, len));
    made = tg_strdup(hex);
  } else {
    made = stem_of(path);
  }
  if (!made) {
    return TG_BAD_ALLOC;
  }
  TgStatus st;
  if (!*made) {
    st = tg_report(err, err_data, TG_BAD_ARG, name, 0, 0, "cannot derive a document id");
  } else {
    st = tg_document_new(buf, len, made, name, date, err, err_data, out);
  }
  tg_free(made);
  return st;
}

TgStatus tg_document_set_title(TgDocument *doc, const char *title) {
  char *t = tg_strdup(title);
  if (!t) {
    return TG_BAD_ALLOC;
  }
  tg_free(doc->title);
  doc->title = t;
  return TG_SUCCESS;
}

TgStatus tg_document_set_url(TgDocument *doc, const char *url) {
  char *u = tg_strdup(url);
  if (!u) {
    return TG_BAD_ALLOC;
  }
  tg_free(doc->url);
  doc->url = u;
  return TG_SUCCESS;
}

void tg_document_free(TgDocument *doc) {
  if (doc) {
    tg_free(doc->id);
    tg_free(doc->url);
    tg_free(doc->source);
    tg_free(doc->title);
    tg_free(doc->text);
    tg_free(doc);
  }
}

const char *tg_document_id(const TgDocument *doc) { return doc->id; }
const char *tg_document_title(const TgDocument *doc) { return doc->title; }
const char *tg_document_date(const TgDocument *doc) { return doc->has_date ? doc->date : NULL; }
const char *tg_document_source(const TgDocument *doc) { return doc->source; }
const char *tg_document_url(const TgDocument *doc) { return doc->url; }
const char *tg_document_language(const TgDocument *doc) { return doc->lang ? doc->lang : "en"; }

const char *tg_document_language_name(const TgDocument *doc) {
  for (unsigned s = 1; s < N_SCRIPTS; ++s) {
    if (doc->lang == SCRIPT_LANG[s]) {
      return SCRIPT_NAME[s];
    }
  }
  return NULL;
}
const char *tg_document_text(const TgDocument *doc) { return doc->text; }
size_t tg_document_length(const TgDocument *doc) { return doc->len; }
size_t tg_document_body_offset(const TgDocument *doc) { return doc->body; }

unsigned tg_document_line_of(const TgDocument *doc, size_t offset) {
  unsigned line = 1;
  for (size_t i = 0; i < offset && i < doc->len; ++i) {
    line += doc->text[i] == '\n';
  }
  return line;
}

/* A string member of a JSON object: NULL when absent or null; *bad set when
 * present with another type. */
static const char *member_string(json_t *obj, const char *key, bool *bad) {
  json_t *v = json_object_get(obj, key);
  if (!v || json_is_null(v)) {
    return NULL;
  }
  if (!json_is_string(v)) {
    *bad = true;
    return NULL;
  }
  return json_string_value(v);
}

TgStatus tg_jsonl_document(const char *line, size_t len, const char *source, unsigned lineno,
                           const char *date, TgErrorFn err, void *err_data, TgDocument **out) {
  *out = NULL;
  const char *name = source ? source : "<stdin>";
  json_error_t jerr;
  json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
  if (!obj) {
    return tg_report(err, err_data, TG_BAD_SYNTAX, name, lineno,
                     jerr.column > 0 ? (unsigned)jerr.column : 1u, "invalid JSON: %s",
                     jerr.text);
  }
  TgStatus st = TG_SUCCESS;
  if (!json_is_object(obj)) {
    st = tg_report(err, err_data, TG_BAD_SYNTAX, name, lineno, 1, "expected a JSON object");
    json_decref(obj);
    return st;
  }
  bool bad = false;
  const char *text = member_string(obj, "text", &bad);
  const char *id = member_string(obj, "id", &bad);
  const char *url = member_string(obj, "url", &bad);
  const char *jdate = member_string(obj, "date", &bad);
  const char *title = member_string(obj, "title", &bad);
  if (bad || !text) {
    st = tg_report(err, err_data, TG_BAD_SYNTAX, name, lineno, 1,
                   bad ? "\"id\", \"url\", \"date\", \"title\" and \"text\" must be strings"
                       : "missing \"text\"");
    json_decref(obj);
    return st;
  }
  char *made_id = NULL;
  if (!id || !*id) {
    /* An id from the content, so that any split of a file into shards
     * names each article as a single run does. */
    static const char *const keys[] = {"text", "title", "date", "url"};
    uint64_t h = 0;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; ++k) {
      const json_t *v = json_object_get(obj, keys[k]);
      const uint64_t part = json_is_string(v) ? tg_hash(json_string_value(v), json_string_length(v)) : k;
      h = (h ^ part) * 1099511628211ull;
    }
    TgBuf b;
    tg_buf_init(&b);
    if (tg_buf_printf(&b, "article-%016" PRIx64, h)) {
      json_decref(obj);
      return TG_BAD_ALLOC;
    }
    made_id = b.buf;
    id = made_id;
  }
  TgDocument *doc = NULL;
  TgDate d;
  if (jdate && (strlen(jdate) != 10 || tg_date_parse_iso(jdate, 10, &d) != TG_SUCCESS ||
                d.precision != TG_PREC_DAY)) {
    st = tg_report(err, err_data, TG_BAD_DATE, name, lineno, 1,
                   "\"date\" is not a valid YYYY-MM-DD date");
  }
  if (!st) {
    st = tg_document_new(text, json_string_length(json_object_get(obj, "text")), id, name,
                         jdate ? jdate : date, err, err_data, &doc);
  }
  if (!st && jdate) {
    memcpy(doc->date, jdate, 11);
    doc->has_date = true;
  }
  if (!st && title) {
    tg_free(doc->title);
    doc->title = NULL;
    size_t tlen = 0;
    st = normalise(title, strlen(title), name, err, err_data, &doc->title, &tlen);
    for (size_t k = 0; !st && k < tlen; ++k) {
      if (doc->title[k] == '\n') {
        doc->title[k] = ' ';
      }
    }
  }
  if (!st && url) {
    st = (doc->url = tg_strdup(url)) ? TG_SUCCESS : TG_BAD_ALLOC;
  }
  tg_free(made_id);
  json_decref(obj);
  if (st) {
    tg_document_free(doc);
    return st;
  }
  *out = doc;
  return TG_SUCCESS;
}
