/* raptor's own ceiling for telegraph's triples: how fast raptor's
 * serializers write statements that are already built.
 *
 *   raptor_ceiling FILE.nt [REPEAT [MODE]]
 *
 * parses FILE.nt (telegraph's N-Triples, articles in order) once into
 * memory with raptor's parser, then times, in CPU seconds of this process,
 * serializing every statement to /dev/null:
 *   ntriples-stdio  one N-Triples serializer on raptor's file-handle
 *                   iostream over an unlocked stdio stream
 *   ntriples-buffer the same through telegraph's buffer iostream
 *   turtle-stdio / turtle-buffer
 *                   a fresh Turtle serializer per article (an article
 *                   starts at each "<doc> rdf:type tg:Document"), with
 *                   telegraph's prefixes, as telegraph writes Turtle
 * and prints one JSON object: {"triples": N, "articles": A,
 * "ntriples-stdio": seconds, ...}, each the best of REPEAT runs (3).
 * MODE (one of the keys) runs that mode alone: under callgrind, its
 * instruction count is then the serializer's work and the parse's.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "src/mapper.h"
#include "src/outstream.h"

#include <raptor2.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  raptor_statement **st;
  size_t len;
  size_t cap;
  size_t *starts; /* index of each article's first statement */
  size_t n_articles;
  size_t starts_cap;
  raptor_uri *type;
  raptor_uri *document;
} Triples;

static void *grow(void *p, size_t *cap, size_t size) {
  *cap = *cap ? *cap * 2 : 4096;
  void *q = realloc(p, *cap * size);
  if (!q) {
    fprintf(stderr, "raptor_ceiling: out of memory\n");
    exit(1);
  }
  return q;
}

static bool starts_article(const Triples *t, const raptor_statement *s) {
  return s->predicate->type == RAPTOR_TERM_TYPE_URI && s->object->type == RAPTOR_TERM_TYPE_URI &&
         raptor_uri_equals(s->predicate->value.uri, t->type) &&
         raptor_uri_equals(s->object->value.uri, t->document);
}

static void keep(void *data, raptor_statement *s) {
  Triples *t = (Triples *)data;
  if (t->len == t->cap) {
    t->st = (raptor_statement **)grow(t->st, &t->cap, sizeof *t->st);
  }
  if (starts_article(t, s) || t->n_articles == 0) {
    if (t->n_articles == t->starts_cap) {
      t->starts = (size_t *)grow(t->starts, &t->starts_cap, sizeof *t->starts);
    }
    t->starts[t->n_articles++] = t->len;
  }
  t->st[t->len++] = raptor_statement_copy(s);
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static raptor_serializer *new_serializer(raptor_world *world, const char *name) {
  raptor_serializer *ser = raptor_new_serializer(world, name);
  if (!ser) {
    fprintf(stderr, "raptor_ceiling: no serializer %s\n", name);
    exit(1);
  }
  if (strcmp(name, "turtle") == 0) {
    /* telegraph's prefixes (writer.c): the vocabularies, the base as id:
     * and one a kind of minted IRI. */
    static const char *const kinds[] = {"", "doc", "org", "place", "person", "policy", "service"};
    const size_t n_kinds = sizeof kinds / sizeof kinds[0];
    for (size_t i = 0; i < tg_n_namespaces + n_kinds; ++i) {
      char iri[256];
      const char *prefix = NULL;
      if (i < tg_n_namespaces) {
        snprintf(iri, sizeof iri, "%s", tg_namespaces[i].uri);
        prefix = tg_namespaces[i].prefix;
      } else {
        const char *kind = kinds[i - tg_n_namespaces];
        snprintf(iri, sizeof iri, "%s%s%s", TG_DEFAULT_BASE, kind, *kind ? "/" : "");
        prefix = *kind ? kind : "id";
      }
      raptor_uri *u = raptor_new_uri(world, (const unsigned char *)iri);
      (void)raptor_serializer_set_namespace(ser, u, (const unsigned char *)prefix);
      raptor_free_uri(u);
    }
  }
  return ser;
}

/* Serialize statements [from, to) with a new serializer of `name`. */
static void run_range(raptor_world *world, const char *name, raptor_iostream *io,
                      const Triples *t, size_t from, size_t to) {
  raptor_serializer *ser = new_serializer(world, name);
  raptor_serializer_start_to_iostream(ser, NULL, io);
  for (size_t i = from; i < to; ++i) {
    raptor_serializer_serialize_statement(ser, t->st[i]);
  }
  raptor_serializer_serialize_end(ser);
  raptor_free_serializer(ser);
}

/* One timed pass: N-Triples as one stream, Turtle one serializer an
 * article; `buffer` picks telegraph's iostream over raptor's stdio one. */
static double run(raptor_world *world, const char *name, bool buffer, FILE *sink,
                  const Triples *t) {
  TgOutStream *os = NULL;
  raptor_iostream *io = NULL;
  const double t0 = cpu_now();
  if (buffer) {
    if (tg_outstream_new(world, sink, &os)) {
      exit(1);
    }
    io = tg_outstream_iostream(os);
  } else {
    io = raptor_new_iostream_to_file_handle(world, sink);
  }
  if (strcmp(name, "ntriples") == 0) {
    run_range(world, name, io, t, 0, t->len);
  } else {
    for (size_t a = 0; a < t->n_articles; ++a) {
      const size_t end = a + 1 < t->n_articles ? t->starts[a + 1] : t->len;
      run_range(world, name, io, t, t->starts[a], end);
      if (os) {
        (void)tg_outstream_flush(os);
      }
    }
  }
  if (os) {
    (void)tg_outstream_flush(os);
    tg_outstream_free(os);
  } else {
    raptor_free_iostream(io);
  }
  fflush(sink);
  return cpu_now() - t0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: raptor_ceiling FILE.nt [REPEAT [MODE]]\n");
    return 2;
  }
  const int repeat = argc > 2 ? atoi(argv[2]) : 3;
  raptor_world *world = raptor_new_world();
  Triples t;
  memset(&t, 0, sizeof t);
  t.type = raptor_new_uri(world, (const unsigned char *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  t.document = raptor_new_uri(world, (const unsigned char *)TG_NS "Document");
  raptor_parser *p = raptor_new_parser(world, "ntriples");
  raptor_parser_set_statement_handler(p, &t, keep);
  FILE *in = fopen(argv[1], "rb");
  raptor_uri *base = raptor_new_uri(world, (const unsigned char *)"file:///input");
  if (!in || raptor_parser_parse_file_stream(p, in, argv[1], base)) {
    fprintf(stderr, "raptor_ceiling: cannot parse %s\n", argv[1]);
    return 1;
  }
  fclose(in);
  FILE *sink = fopen("/dev/null", "wb");
  if (!sink) {
    return 1;
  }
  __fsetlocking(sink, FSETLOCKING_BYCALLER); /* a private stream */
  static const struct {
    const char *key;
    const char *name;
    bool buffer;
  } modes[] = {{"ntriples-stdio", "ntriples", false},
               {"ntriples-buffer", "ntriples", true},
               {"turtle-stdio", "turtle", false},
               {"turtle-buffer", "turtle", true}};
  printf("{\"triples\": %zu, \"articles\": %zu", t.len, t.n_articles);
  for (size_t m = 0; m < sizeof modes / sizeof modes[0]; ++m) {
    if (argc > 3 && strcmp(argv[3], modes[m].key) != 0) {
      continue;
    }
    double best = 1e30;
    for (int r = 0; r < repeat; ++r) {
      const double s = run(world, modes[m].name, modes[m].buffer, sink, &t);
      best = s < best ? s : best;
    }
    printf(", \"%s\": %.4f", modes[m].key, best);
  }
  printf("}\n");
  fclose(sink);
  for (size_t i = 0; i < t.len; ++i) {
    raptor_free_statement(t.st[i]);
  }
  free(t.st);
  free(t.starts);
  raptor_free_uri(base);
  raptor_free_uri(t.type);
  raptor_free_uri(t.document);
  raptor_free_parser(p);
  raptor_free_world(world);
  return 0;
}
