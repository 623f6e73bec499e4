/* libFuzzer target: the JSON Lines reader, tg_jsonl_document().
 *
 *   TgStatus tg_jsonl_document(const char *line, size_t len, const char *source,
 *                              unsigned lineno, const char *date, TgErrorFn err,
 *                              void *err_data, TgDocument **out);
 *
 * (the brief announced it without `date`; the header declares it with the
 * fallback article date, which this target passes or not, alternately).
 *
 * The input is cut into lines (at LF, as a .jsonl file is read, and also
 * into chunks of random sizes that end inside strings and escapes), each
 * handed to tg_jsonl_document() as an exact-length copy.  Accepted lines
 * must give a document that honours the contract of document.h.  Built
 * only when include/telegraph/document.h declares the function (see
 * meson.build).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"

#include "telegraph/document.h"
#include "telegraph/status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void one(const char *line, size_t len, unsigned lineno) {
  const char *date = (lineno & 1) ? "2025-02-28" : NULL;
  char *copy = malloc(len ? len : 1);
  if (!copy) {
    return;
  }
  memcpy(copy, line, len);
  TgDocument *doc = NULL;
  TgStatus st = tg_jsonl_document(copy, len, "fuzz.jsonl", lineno, date, fuzz_err, NULL, &doc);
  free(copy);
  if (st != TG_SUCCESS) {
    if (doc) {
      abort();
    }
    return;
  }
  if (!doc) {
    abort();
  }
  const char *t = tg_document_text(doc);
  const size_t n = tg_document_length(doc);
  if (!t || t[n] != '\0' || strlen(t) != n || memchr(t, '\r', n)) {
    abort();
  }
  const char *id = tg_document_id(doc);
  if (!id || !*id) {
    abort();
  }
  const char *d = tg_document_date(doc);
  if (d && strlen(d) != 10) {
    abort();
  }
  if (tg_document_body_offset(doc) > n) {
    abort();
  }
  tg_document_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  unsigned lineno = 1;
  size_t off = 0;
  while (off < size) {
    const char *nl = memchr(text + off, '\n', size - off);
    size_t end = nl ? (size_t)(nl - text) : size;
    one(text + off, end - off, lineno++);
    off = nl ? end + 1 : size;
  }
  FuzzRng rng;
  fuzz_rng_init(&rng, data, size);
  off = 0;
  lineno = 1;
  while (off < size) {
    size_t n = fuzz_chunk(&rng, size - off);
    one(text + off, n, lineno++);
    off += n;
  }
  return 0;
}
