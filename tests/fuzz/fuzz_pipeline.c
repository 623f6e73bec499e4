/* libFuzzer target: the whole pipeline on arbitrary text.
 *
 * LLVMFuzzerInitialize loads one TgExtractor from $TELEGRAPH_DATA (or the
 * compiled-in ontology/ directory).  Each input becomes a document (with or
 * without an article date; sometimes also split into two more documents at
 * a random point), is run through tg_extractor_run(), and written with
 * tg_writer_write() as N-Triples to an open_memstream() buffer at a
 * provenance level picked from the input.  Every output line must be a
 * strictly valid N-Triples triple (nt_check.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"
#include "nt_check.h"

#include "telegraph/telegraph.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TG_FUZZ_DATADIR
#  define TG_FUZZ_DATADIR "ontology"
#endif

static TgExtractor *extractor = NULL;

static void init_err(void *data, const char *file, unsigned line, unsigned col,
                     const char *msg) {
  (void)data;
  fprintf(stderr, "fuzz_pipeline: %s:%u:%u: %s\n", file ? file : "-", line, col, msg);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *dir = getenv("TELEGRAPH_DATA");
  if (!dir || !*dir) {
    dir = TG_FUZZ_DATADIR;
  }
  extractor = tg_extractor_new(init_err, NULL);
  if (!extractor || tg_extractor_load_dir(extractor, dir) != TG_SUCCESS) {
    fprintf(stderr, "fuzz_pipeline: cannot load the data directory %s\n", dir);
    abort();
  }
  return 0;
}

typedef struct {
  TgDocument *doc;
  TgResult *result;
} Item;

static void make(Item *it, const char *text, size_t len, const char *id, const char *date) {
  it->doc = NULL;
  it->result = NULL;
  char *copy = malloc(len ? len : 1);
  if (!copy) {
    return;
  }
  memcpy(copy, text, len);
  TgStatus st = tg_document_new(copy, len, id, "fuzz.txt", date, NULL, NULL, &it->doc);
  free(copy);
  if (st != TG_SUCCESS) {
    it->doc = NULL;
    return;
  }
  st = tg_extractor_run(extractor, it->doc, &it->result);
  if (st != TG_SUCCESS) {
    if (st != TG_BAD_LIMIT && st != TG_BAD_ALLOC) {
      fprintf(stderr, "fuzz_pipeline: tg_extractor_run: %s\n", tg_strerror(st));
      abort();
    }
    tg_document_free(it->doc);
    it->doc = NULL;
    it->result = NULL;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  FuzzRng rng;
  fuzz_rng_init(&rng, data, size);
  const uint64_t pick = fuzz_rng_next(&rng);
  const char *date = (pick & 1) ? "2025-02-28" : NULL;
  const TgProvenance prov = (TgProvenance)((pick >> 1) % 3);

  Item items[3];
  size_t n_items = 0;
  make(&items[n_items++], text, size, "fuzz", date);
  if (((pick >> 4) & 3) == 0 && size > 1) {
    size_t cut = fuzz_chunk(&rng, size - 1);
    make(&items[n_items++], text, cut, "fuzz-a", date);
    make(&items[n_items++], text + cut, size - cut, "fuzz-b", date);
  }

  char *buf = NULL;
  size_t buf_len = 0;
  FILE *mem = open_memstream(&buf, &buf_len);
  if (!mem) {
    abort();
  }
  TgWriter *w = NULL;
  TgStatus st = tg_writer_new(TG_FORMAT_NTRIPLES, prov, NULL, mem, fuzz_err, NULL, &w);
  if (st != TG_SUCCESS) {
    abort();
  }
  bool wrote = false;
  for (size_t i = 0; i < n_items; ++i) {
    if (items[i].doc) {
      st = tg_writer_write(w, items[i].doc, items[i].result);
      if (st != TG_SUCCESS) {
        fprintf(stderr, "fuzz_pipeline: tg_writer_write: %s\n", tg_strerror(st));
        abort();
      }
      wrote = true;
    }
  }
  st = tg_writer_finish(w);
  if (st != TG_SUCCESS) {
    fprintf(stderr, "fuzz_pipeline: tg_writer_finish: %s\n", tg_strerror(st));
    abort();
  }
  tg_writer_free(w);
  if (fclose(mem) != 0) {
    abort();
  }
  const char *why = NULL;
  const size_t bad = nt_check(buf, buf_len, &why);
  if (bad) {
    const char *s = buf;
    for (size_t l = 1; l < bad; ++l) {
      s = strchr(s, '\n') + 1;
    }
    const char *e = strchr(s, '\n');
    fprintf(stderr, "fuzz_pipeline: output line %zu is not N-Triples (%s):\n%.*s\n", bad, why,
            (int)(e ? e - s : (long)strlen(s)), s);
    abort();
  }
  if (wrote && buf_len == 0) {
    abort(); /* a written document has at least its own triples */
  }
  free(buf);
  for (size_t i = 0; i < n_items; ++i) {
    tg_result_free(items[i].result);
    tg_document_free(items[i].doc);
  }
  return 0;
}
