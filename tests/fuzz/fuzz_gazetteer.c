/* libFuzzer target: the gazetteer parser, tg_gazetteer_parse().
 *
 * The input is parsed whole into a fresh gazetteer, then split at random
 * points into several "files" loaded into one gazetteer (duplicate names
 * across files).  Every entry must have a name, an entity class and a
 * unique slug under its class path, and be found by name; then the input's
 * text is tokenized and looked up with tg_gazetteer_match().
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"

#include "src/gazetteer.h"
#include "src/segmenter.h"
#include "src/util.h"
#include "telegraph/document.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_entries(const TgGazetteer *g) {
  const size_t n = tg_gazetteer_size(g);
  for (size_t i = 0; i < n; ++i) {
    const TgGazEntry *e = tg_gazetteer_entry(g, i);
    if (!e || !e->name || !*e->name || !tg_class_is_entity(e->cls) || !e->slug) {
      abort();
    }
    const char *path = tg_class_path(e->cls);
    if (strncmp(e->slug, path, strlen(path)) != 0 || strlen(e->slug) == strlen(path)) {
      abort();
    }
    for (const char *p = e->slug; *p; ++p) {
      const unsigned char c = (unsigned char)*p;
      if (c <= ' ' || strchr("<>\"{}|^`\\", c)) {
        abort(); /* a slug goes into an IRI */
      }
    }
    if (tg_gazetteer_find(g, e->name) < 0) {
      abort();
    }
  }
  if (n < 200) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        if (strcmp(tg_gazetteer_entry(g, i)->slug, tg_gazetteer_entry(g, j)->slug) == 0) {
          abort();
        }
      }
    }
  }
}

static void lookup(const TgGazetteer *g, const char *text, size_t len) {
  TgDocument *doc = NULL;
  if (tg_document_new(text, len, "fuzz", NULL, NULL, NULL, NULL, &doc) != TG_SUCCESS) {
    return;
  }
  const char *t = tg_document_text(doc);
  TgSpan all = {0, tg_document_length(doc)};
  TgVec tokens;
  tg_vec_init(&tokens, sizeof(TgToken));
  if (tg_tokenize(t, all, &tokens) == TG_SUCCESS) {
    const TgToken *toks = tokens.data;
    for (size_t i = 0; i < tokens.len; ++i) {
      size_t k = 0;
      long e = tg_gazetteer_match(g, t, toks, tokens.len, i, &k);
      if (e >= 0 && ((size_t)e >= tg_gazetteer_size(g) || k == 0 || i + k > tokens.len)) {
        abort();
      }
    }
  }
  tg_vec_clear(&tokens);
  tg_document_free(doc);
}

/* Set TG_FUZZ_NUL_TERMINATED=1 to put a NUL after the copy (len is not
 * changed), to fuzz on past the known read-past-the-end bug of
 * tg_gazetteer_parse() (strspn on an unterminated last field; see
 * regressions/fuzz_gazetteer/).  By default the copy is exactly len bytes. */
static bool nul_terminated = false;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *v = getenv("TG_FUZZ_NUL_TERMINATED");
  nul_terminated = v && *v == '1';
  return 0;
}

static TgStatus parse(TgGazetteer *g, const char *name, const char *text, size_t len) {
  char *copy = malloc(len + 1);
  if (!copy) {
    return TG_BAD_ALLOC;
  }
  memcpy(copy, text, len);
  copy[len] = '\0';
  if (!nul_terminated) {
    char *exact = realloc(copy, len ? len : 1);
    if (!exact) {
      free(copy);
      return TG_BAD_ALLOC;
    }
    copy = exact;
  }
  TgStatus st = tg_gazetteer_parse(g, name, copy, len, fuzz_err, NULL);
  free(copy);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  TgGazetteer *g = tg_gazetteer_new();
  if (!g) {
    return 0;
  }
  /* After a failed parse the gazetteer may hold the half-made entry of the
   * bad row (no slug; see README.md, "Findings"): check the entries only
   * when every row was accepted, look names up in any case. */
  if (parse(g, "fuzz.tsv", text, size) == TG_SUCCESS) {
    check_entries(g);
  }
  lookup(g, text, size);
  tg_gazetteer_free(g);

  g = tg_gazetteer_new();
  if (!g) {
    return 0;
  }
  FuzzRng rng;
  fuzz_rng_init(&rng, data, size);
  size_t off = 0;
  unsigned part = 0;
  bool all_ok = true;
  while (off < size) {
    size_t end = off + fuzz_chunk(&rng, size - off);
    const char *nl = memchr(text + end - 1, '\n', size - (end - 1));
    if (nl && (fuzz_rng_next(&rng) & 3)) {
      end = (size_t)(nl - text) + 1;
    }
    char name[32];
    snprintf(name, sizeof name, "part%u.tsv", part++);
    all_ok = parse(g, name, text + off, end - off) == TG_SUCCESS && all_ok;
    off = end;
  }
  if (all_ok) {
    check_entries(g);
  }
  tg_gazetteer_free(g);
  return 0;
}
