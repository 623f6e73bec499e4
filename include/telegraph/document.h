/* telegraph: an article read from text (the reader stage).
 *
 * Ownership: a TgDocument owns copies of everything it holds; strings
 * returned by the getters are borrowed and live as long as the document.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_DOCUMENT_H
#define TELEGRAPH_DOCUMENT_H

#include "telegraph/attributes.h"
#include "telegraph/error.h"
#include "telegraph/status.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct TgDocumentImpl TgDocument;

/** Build a document from `len` bytes of UTF-8 `text` (copied).
 *
 * `id` is the stable document id (e.g. the file stem; copied); `source`
 * names the input in diagnostics (copied; may be NULL).  If the text starts
 * with the dateline layout (" date YYYY-MM-DD Headline", a blank line, the
 * body) the date and title come from it; otherwise `date` (ISO YYYY-MM-DD,
 * may be NULL) is the article date and the title is unknown.  A UTF-8 BOM
 * is skipped, CR LF and lone CR become LF.  Broken UTF-8 or NUL bytes give
 * TG_BAD_TEXT with the line and column reported through `err`.
 * On success `*out` is a new document: free it with tg_document_free(). */
TG_API TG_NODISCARD TgStatus
tg_document_new(const char *text, size_t len, const char *id,
                const char *source, const char *date, TgErrorFn err,
                void *err_data, TgDocument **out);

/** Read a whole file (or stdin when `path` is "-") and build a document
 * as tg_document_new() does.  The id is the file name without directory
 * and extension; for stdin, "stdin-" and the 64-bit FNV-1a hash of the
 * text in 16 hex digits. */
TG_API TG_NODISCARD TgStatus
tg_document_read(const char *path, const char *date, TgErrorFn err,
                 void *err_data, TgDocument **out);

/** Build a document from one line of JSON Lines: an object with "text"
 * (required, a string) and optionally "id", "url", "date" (YYYY-MM-DD) and
 * "title" (strings).  Without "id", the id is "<stem of source>-<lineno>".
 * The text is read as tg_document_new() reads it (a dateline in it still
 * counts; "date" and "title" win over it).  `date` is the fallback article
 * date (may be NULL).  A line that does not parse, or a field of the wrong
 * type, is TG_BAD_SYNTAX reported as `source`:`lineno`:COL.  `line` is
 * borrowed; on success `*out` is a new document. */
TG_API TG_NODISCARD TgStatus
tg_jsonl_document(const char *line, size_t len, const char *source, unsigned lineno,
                  const char *date, TgErrorFn err, void *err_data, TgDocument **out);

/** Free `doc` and everything it owns.  NULL is allowed. */
TG_API void tg_document_free(TgDocument *doc);

/** The document id (never NULL). */
TG_API TG_PURE_FUNC const char *tg_document_id(const TgDocument *doc);
/** The headline, or NULL when unknown. */
TG_API TG_PURE_FUNC const char *tg_document_title(const TgDocument *doc);
/** The article date as "YYYY-MM-DD", or NULL when unknown. */
TG_API TG_PURE_FUNC const char *tg_document_date(const TgDocument *doc);
/** The article's URL (from JSON Lines), or NULL. */
TG_API TG_PURE_FUNC const char *tg_document_url(const TgDocument *doc);
/** The language telegraph detected, a BCP 47 tag ("en", "zh", "ru", "ar",
 * ...; never NULL): the script most of the text's letters are written in
 * (Han zh, kana ja, Hangul ko, Cyrillic ru, Arabic ar, Greek el, Hebrew he,
 * Devanagari hi, Thai th); Latin, and text without letters, is "en".  Text
 * literals made from the article carry it. */
TG_API TG_PURE_FUNC const char *tg_document_language(const TgDocument *doc);
/** The language's English name ("Chinese"), or NULL for "en". */
TG_API TG_PURE_FUNC const char *tg_document_language_name(const TgDocument *doc);
/** The input name used in diagnostics, or NULL. */
TG_API TG_PURE_FUNC const char *tg_document_source(const TgDocument *doc);
/** The normalised full text (LF line ends, no BOM), NUL-terminated.  All
 * offsets telegraph reports are into this text. */
TG_API TG_PURE_FUNC const char *tg_document_text(const TgDocument *doc);
/** Length of tg_document_text() in bytes. */
TG_API TG_PURE_FUNC size_t tg_document_length(const TgDocument *doc);
/** Byte offset where the body starts (after the dateline and blank line). */
TG_API TG_PURE_FUNC size_t tg_document_body_offset(const TgDocument *doc);
/** 1-based line number in the original input of byte `offset` of the text
 * (the dateline counts as line 1). */
TG_API unsigned tg_document_line_of(const TgDocument *doc, size_t offset);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_DOCUMENT_H */
