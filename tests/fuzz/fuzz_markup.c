/* libFuzzer target: web pages and feeds, tg_markup_parse() on arbitrary
 * bytes as a page and as a feed, then the first bytes sniffed.
 *
 * Every article handed over must be a well-formed document (NUL-terminated
 * text of its stated length, a body offset inside it, an id); a failure must
 * come with a message (fuzz_err checks it) and a status of the contract.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"

#include "src/markup.h"
#include "telegraph/document.h"
#include "telegraph/status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static TgStatus take(void *data, TgDocument *doc) {
  size_t *count = (size_t *)data;
  const char *t = tg_document_text(doc);
  const size_t n = tg_document_length(doc);
  if (!t || t[n] != '\0' || strlen(t) != n || tg_document_body_offset(doc) > n ||
      !*tg_document_id(doc) || !tg_document_language(doc)) {
    abort();
  }
  ++*count;
  tg_document_free(doc);
  return TG_SUCCESS;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  static const TgMarkupKind kinds[] = {TG_MARKUP_HTML, TG_MARKUP_FEED};
  for (size_t k = 0; k < 2; ++k) {
    size_t count = 0;
    const TgStatus st = tg_markup_parse(text, size, kinds[k], "fuzz.html", NULL, fuzz_err, NULL,
                                        take, &count);
    if (st != TG_SUCCESS && st != TG_FAILURE && st != TG_BAD_ALLOC && st != TG_BAD_LIMIT) {
      abort();
    }
  }
  const TgMarkupKind kind = tg_markup_sniff(text, size);
  if (kind != TG_MARKUP_NONE && kind != TG_MARKUP_HTML && kind != TG_MARKUP_FEED) {
    abort();
  }
  return 0;
}
