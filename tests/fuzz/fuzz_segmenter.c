/* libFuzzer target: the segmenter, tg_segment() and tg_tokenize() on the
 * valid UTF-8 text of a document made by tg_document_new().
 *
 * The body is segmented whole, then in consecutive ranges of random sizes
 * (moved to code point boundaries), with the lexicon of $TELEGRAPH_DATA
 * (or the compiled-in ontology/) and without one.  Sentences must be
 * non-empty, ordered, inside their range; tokens inside their sentence.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"

#include "src/lexicon.h"
#include "src/segmenter.h"
#include "src/util.h"
#include "telegraph/document.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TG_FUZZ_DATADIR
#  define TG_FUZZ_DATADIR "ontology"
#endif

static TgLexicon *lexicon = NULL;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *dir = getenv("TELEGRAPH_DATA");
  if (!dir || !*dir) {
    dir = TG_FUZZ_DATADIR;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/lexicon.tsv", dir);
  lexicon = tg_lexicon_new();
  if (!lexicon || tg_lexicon_load(lexicon, path, NULL, NULL) != TG_SUCCESS) {
    fprintf(stderr, "fuzz_segmenter: cannot load %s\n", path);
    abort();
  }
  return 0;
}

static void segment(const char *text, size_t begin, size_t end, const TgLexicon *lex) {
  TgVec sentences;
  tg_vec_init(&sentences, sizeof(TgSpan));
  if (tg_segment(text, begin, end, lex, &sentences) != TG_SUCCESS) {
    tg_vec_clear(&sentences);
    return;
  }
  size_t prev_end = begin;
  for (size_t i = 0; i < sentences.len; ++i) {
    const TgSpan *s = tg_vec_at(&sentences, i);
    if (s->begin >= s->end || s->begin < prev_end || s->end > end) {
      abort();
    }
    prev_end = s->end;
    TgVec tokens;
    tg_vec_init(&tokens, sizeof(TgToken));
    if (tg_tokenize(text, *s, &tokens) == TG_SUCCESS) {
      size_t prev = s->begin;
      for (size_t k = 0; k < tokens.len; ++k) {
        const TgToken *t = tg_vec_at(&tokens, k);
        if (t->span.begin >= t->span.end || t->span.begin < prev || t->span.end > s->end) {
          abort();
        }
        prev = t->span.end;
      }
    }
    tg_vec_clear(&tokens);
  }
  tg_vec_clear(&sentences);
}

static size_t to_boundary(const char *text, size_t i, size_t n) {
  while (i < n && ((unsigned char)text[i] & 0xC0) == 0x80) {
    ++i;
  }
  return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TgDocument *doc = NULL;
  if (tg_document_new((const char *)data, size, "fuzz", NULL, NULL, NULL, NULL, &doc) !=
      TG_SUCCESS) {
    return 0;
  }
  const size_t n = tg_document_length(doc);
  /* A copy with no slack, so ASan catches reads past the end. */
  char *text = malloc(n + 1);
  if (!text) {
    tg_document_free(doc);
    return 0;
  }
  memcpy(text, tg_document_text(doc), n + 1);
  const size_t body = tg_document_body_offset(doc);
  segment(text, body, n, lexicon);
  segment(text, 0, n, NULL);
  FuzzRng rng;
  fuzz_rng_init(&rng, data, size);
  size_t off = body;
  while (off < n) {
    size_t end = to_boundary(text, off + fuzz_chunk(&rng, n - off), n);
    segment(text, off, end, (fuzz_rng_next(&rng) & 1) ? lexicon : NULL);
    off = end;
  }
  free(text);
  tg_document_free(doc);
  return 0;
}
