/* libFuzzer target: the reader, tg_document_new() on arbitrary bytes.
 *
 * Each input is read whole, without and with an article date, and then as
 * a series of documents made from consecutive chunks of random sizes (so a
 * chunk boundary falls inside multi-byte sequences, CR LF pairs, the BOM
 * and the dateline).  Every accepted document is checked against the
 * contract of document.h.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"

#include "telegraph/document.h"
#include "telegraph/status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(const char *text, size_t len, const char *date) {
  TgDocument *doc = NULL;
  TgStatus st = tg_document_new(text, len, "fuzz", "fuzz.txt", date, fuzz_err, NULL, &doc);
  if (st != TG_SUCCESS) {
    if (doc) {
      abort(); /* no document on failure */
    }
    if (st != TG_BAD_TEXT && st != TG_BAD_DATE && st != TG_BAD_ALLOC) {
      abort();
    }
    return;
  }
  const char *t = tg_document_text(doc);
  const size_t n = tg_document_length(doc);
  if (!t || t[n] != '\0' || strlen(t) != n || n > len) {
    abort();
  }
  if (memchr(t, '\r', n)) {
    abort(); /* CR and CR LF become LF */
  }
  if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 && len >= 3 &&
      memcmp(text, "\xEF\xBB\xBF", 3) != 0) {
    abort();
  }
  if (tg_document_body_offset(doc) > n) {
    abort();
  }
  if (strcmp(tg_document_id(doc), "fuzz") != 0) {
    abort();
  }
  const char *d = tg_document_date(doc);
  if (d && strlen(d) != 10) {
    abort();
  }
  const char *title = tg_document_title(doc);
  if (title) {
    (void)strlen(title);
  }
  for (size_t off = 0; off <= n; off += 1 + n / 7) {
    if (tg_document_line_of(doc, off) == 0) {
      abort();
    }
  }
  (void)tg_document_line_of(doc, n);
  tg_document_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  check(text, size, NULL);
  check(text, size, "2025-02-28");
  /* A date taken from the input itself (often invalid). */
  if (size >= 10) {
    char date[11];
    memcpy(date, text, 10);
    date[10] = '\0';
    TgDocument *doc = NULL;
    if (tg_document_new("", 0, "probe", NULL, date, NULL, NULL, &doc) == TG_SUCCESS) {
      tg_document_free(doc);
    }
  }
  FuzzRng rng;
  fuzz_rng_init(&rng, data, size);
  size_t off = 0;
  while (off < size) {
    const size_t n = fuzz_chunk(&rng, size - off);
    /* A copy of exactly n bytes, so ASan sees any read past the chunk. */
    char *chunk = malloc(n ? n : 1);
    if (!chunk) {
      return 0;
    }
    memcpy(chunk, text + off, n);
    check(chunk, n, (fuzz_rng_next(&rng) & 1) ? "2024-02-29" : NULL);
    free(chunk);
    off += n;
  }
  return 0;
}
