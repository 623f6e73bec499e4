/* telegraph internals: web pages and RSS/Atom feeds as input (libxml2).
 *
 * A page gives one article: its text (headline, dateline, paragraphs, with
 * navigation, scripts, styles, figures, headers, footers and asides left
 * out), its date (meta article:published_time, else the first <time
 * datetime>), its title and its canonical URL (link rel=canonical, else
 * og:url).  A feed gives one article per RSS item or Atom entry, with the
 * item's link as its URL.  Markup the parser cannot read cleanly is
 * reported as FILE:LINE:COL and the page (or the item) is skipped.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_MARKUP_H
#define TG_MARKUP_H

#include "telegraph/document.h"
#include "telegraph/error.h"
#include "telegraph/status.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { TG_MARKUP_NONE = 0, TG_MARKUP_HTML, TG_MARKUP_FEED } TgMarkupKind;

/** The kind a file name says: .html/.htm are pages; .xml/.rss/.atom feeds. */
TgMarkupKind tg_markup_kind_of_path(const char *path);

/** The kind the first bytes say: "<html", "<!doctype html" (a page),
 * "<rss", "<feed" (a feed), after a BOM, blanks, an XML declaration and
 * comments; any case. */
TgMarkupKind tg_markup_sniff(const char *text, size_t len);

/** Receives each article (taking ownership). */
typedef TgStatus (*TgArticleFn)(void *data, TgDocument *doc);

/** Parse `len` bytes of `kind` read from `name` into articles, each handed
 * to `each`; `date` (or NULL) dates the ones that state no date.  Problems
 * go to `err`; the result is TG_SUCCESS, TG_FAILURE when something was
 * skipped, or what `each` returned. */
TgStatus tg_markup_parse(const char *buf, size_t len, TgMarkupKind kind, const char *name,
                         const char *date, TgErrorFn err, void *err_data, TgArticleFn each,
                         void *each_data);

/** The batch's hook.  If `path` ("-" for standard input) is a page or a
 * feed by its name or its first bytes, read and parse it and set *taken.
 * Standard input is always taken: read whole, it is a page, a feed or one
 * plain-text article.  Otherwise nothing is read and *taken is false. */
TgStatus tg_markup_input(const char *path, const char *date, TgErrorFn err, void *err_data,
                         TgArticleFn each, void *each_data, bool *taken);

/* reader.c, for this module: a document from bytes read from `path` ("-"
 * for standard input: the id is then a hash of the text), and setters. */
TgStatus tg_document_from_bytes(const char *path, const char *buf, size_t len, const char *id,
                                const char *date, TgErrorFn err, void *err_data,
                                TgDocument **out);
TgStatus tg_document_set_title(TgDocument *doc, const char *title);
TgStatus tg_document_set_url(TgDocument *doc, const char *url);

#endif /* TG_MARKUP_H */
