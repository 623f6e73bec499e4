/* telegraph stage 7, the writer: each document's graph (built by the
 * mapper) is written by a librdf serializer, one model per document, so
 * memory stays flat across a batch.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/writer.h"

#include "mapper.h"
#include "outstream.h"
#include "pipeline.h"
#include "turtle.h"

#include <redland.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct TgWriterImpl {
  TgFormat format;
  TgProvenance prov;
  char *base;
  FILE *stream;
  TgErrorFn err;
  void *err_data;
  librdf_world *world;      /* RDF/XML and dot only: the formats that need a model */
  raptor_world *raptor;     /* librdf's too, made here to set its flags */
  TgMapper *mapper;         /* Turtle and the line formats: kept between articles */
  TgOutStream *out;         /* what every serializer writes to */
  raptor_serializer *lines; /* N-Triples and N-Quads: statements stream out */
  bool failed;
};

TgStatus tg_format_from_name(const char *name, TgFormat *out) {
  static const struct {
    const char *name;
    TgFormat format;
  } names[] = {{"turtle", TG_FORMAT_TURTLE},     {"ttl", TG_FORMAT_TURTLE},
               {"ntriples", TG_FORMAT_NTRIPLES}, {"nt", TG_FORMAT_NTRIPLES},
               {"nquads", TG_FORMAT_NQUADS},     {"nq", TG_FORMAT_NQUADS},
               {"rdfxml", TG_FORMAT_RDFXML},     {"xml", TG_FORMAT_RDFXML},
               {"dot", TG_FORMAT_DOT}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
    if (strcmp(name, names[i].name) == 0) {
      *out = names[i].format;
      return TG_SUCCESS;
    }
  }
  return TG_BAD_ARG;
}

static const char *serializer_name(TgFormat f) {
  switch (f) {
  case TG_FORMAT_TURTLE: return "turtle";
  case TG_FORMAT_NTRIPLES: return "ntriples";
  case TG_FORMAT_NQUADS: return "nquads";
  case TG_FORMAT_RDFXML: return "rdfxml-abbrev";
  case TG_FORMAT_DOT: return "dot";
  }
  return "turtle";
}

/* librdf and raptor report through this; a message marks the writer failed. */
static int log_handler(void *data, librdf_log_message *msg) {
  TgWriter *w = (TgWriter *)data;
  if (librdf_log_message_level(msg) >= LIBRDF_LOG_ERROR) {
    w->failed = true;
    tg_report(w->err, w->err_data, TG_BAD_RDF, NULL, 0, 0, "librdf: %s",
              librdf_log_message_message(msg));
  }
  return 1;
}

/* raptor's own messages, should librdf leave the raptor world it was
 * given with raptor's default handler: the same rule as log_handler. */
static void raptor_log(void *data, raptor_log_message *msg) {
  TgWriter *w = (TgWriter *)data;
  if (msg->level >= RAPTOR_LOG_LEVEL_ERROR) {
    w->failed = true;
    tg_report(w->err, w->err_data, TG_BAD_RDF, NULL, 0, 0, "raptor: %s", msg->text);
  }
}

/* A serializer of the writer's format with telegraph's prefixes. */
static TgStatus new_serializer(TgWriter *w, librdf_serializer **out) {
  librdf_serializer *ser = librdf_new_serializer(w->world, serializer_name(w->format), NULL, NULL);
  if (!ser) {
    return tg_report(w->err, w->err_data, TG_BAD_RDF, NULL, 0, 0, "no librdf serializer '%s'",
                     serializer_name(w->format));
  }
  /* (raptor2 2.0.15's dot serializer never frees its namespace stack: a
   * bounded loss of a few KB, suppressed in tests/lsan.supp.) */
  for (size_t i = 0; i < tg_n_namespaces; ++i) {
    librdf_uri *uri = librdf_new_uri(w->world, (const unsigned char *)tg_namespaces[i].uri);
    if (!uri) {
      librdf_free_serializer(ser);
      return TG_BAD_ALLOC;
    }
    librdf_serializer_set_namespace(ser, uri, tg_namespaces[i].prefix);
    librdf_free_uri(uri);
  }
  /* The base, and in Turtle a prefix per kind of minted IRI, so entities
   * read org:anatel, place:beijing, doc:miit-2025-02-28. */
  static const char *const kinds[] = {"", "doc", "org", "place", "person", "policy", "service"};
  const size_t n_kinds = w->format == TG_FORMAT_TURTLE ? sizeof kinds / sizeof kinds[0] : 1;
  TgBuf iri;
  tg_buf_init(&iri);
  for (size_t i = 0; i < n_kinds; ++i) {
    iri.len = 0;
    librdf_uri *uri = NULL;
    if (tg_buf_printf(&iri, "%s%s%s", w->base, kinds[i], *kinds[i] ? "/" : "") ||
        !(uri = librdf_new_uri(w->world, (const unsigned char *)iri.buf))) {
      tg_buf_clear(&iri);
      librdf_free_serializer(ser);
      return TG_BAD_ALLOC;
    }
    librdf_serializer_set_namespace(ser, uri, *kinds[i] ? kinds[i] : "id");
    librdf_free_uri(uri);
  }
  tg_buf_clear(&iri);
  *out = ser;
  return TG_SUCCESS;
}

TgStatus tg_writer_new(TgFormat format, TgProvenance prov, const char *base, FILE *stream,
                       TgErrorFn err, void *err_data, TgWriter **out) {
  *out = NULL;
  TgWriter *w = (TgWriter *)tg_calloc(1, sizeof *w);
  if (!w) {
    return TG_BAD_ALLOC;
  }
  w->format = format;
  w->prov = prov;
  w->stream = stream;
  w->err = err;
  w->err_data = err_data;
  w->base = tg_strdup(base ? base : TG_DEFAULT_BASE);
  /* No URI interning: the mapper's term table (terms.h) already shares
   * each IRI of a document, and raptor's interning tree cost some 15% of
   * writing N-Triples. */
  w->raptor = raptor_new_world();
  if (!w->base || !w->raptor) {
    tg_writer_free(w);
    return TG_BAD_ALLOC;
  }
  raptor_world_set_flag(w->raptor, RAPTOR_WORLD_FLAG_URI_INTERNING, 0);
  raptor_world_set_log_handler(w->raptor, w, raptor_log);
  const bool model = format == TG_FORMAT_RDFXML || format == TG_FORMAT_DOT;
  if (model) {
    /* Only these need librdf (a model and its serializers): opening a
     * librdf world costs more than a small article's graph. */
    if (!(w->world = librdf_new_world())) {
      tg_writer_free(w);
      return TG_BAD_ALLOC;
    }
    librdf_world_set_logger(w->world, w, log_handler);
    librdf_world_set_raptor(w->world, w->raptor);
    librdf_world_open(w->world);
  } else if (raptor_world_open(w->raptor)) {
    tg_writer_free(w);
    return TG_BAD_ALLOC;
  }
  TgStatus st = model ? TG_SUCCESS : tg_mapper_new(w->raptor, w->base, prov, &w->mapper);
  st = st ? st : tg_outstream_new(w->raptor, stream, &w->out);
  if (st) {
    tg_writer_free(w);
    return st;
  }
  if (format == TG_FORMAT_NTRIPLES || format == TG_FORMAT_NQUADS) {
    /* The line formats need no model: raptor writes each statement as the
     * mapper makes it. */
    w->lines = raptor_new_serializer(w->raptor,
                                     format == TG_FORMAT_NQUADS ? "nquads" : "ntriples");
    if (!w->lines ||
        raptor_serializer_start_to_iostream(w->lines, NULL, tg_outstream_iostream(w->out))) {
      tg_writer_free(w);
      return tg_report(err, err_data, TG_BAD_RDF, NULL, 0, 0, "no raptor serializer '%s'",
                       serializer_name(format));
    }
  } else if (!model) {
    /* Fail now, not at the first article, if raptor lacks Turtle. */
    raptor_serializer *probe = raptor_new_serializer(w->raptor, "turtle");
    if (!probe) {
      tg_writer_free(w);
      return tg_report(err, err_data, TG_BAD_RDF, NULL, 0, 0, "no raptor serializer 'turtle'");
    }
    raptor_free_serializer(probe);
  } else {
    /* Fail now, not at the first article, if librdf lacks the format. */
    librdf_serializer *probe = NULL;
    if ((st = new_serializer(w, &probe))) {
      tg_writer_free(w);
      return st;
    }
    librdf_free_serializer(probe);
  }
  *out = w;
  return TG_SUCCESS;
}

void tg_writer_free(TgWriter *w) {
  if (!w) {
    return;
  }
  if (w->lines) {
    raptor_serializer_serialize_end(w->lines);
    raptor_free_serializer(w->lines);
    (void)tg_outstream_flush(w->out);
  }
  tg_outstream_free(w->out);
  tg_mapper_free(w->mapper);
  if (w->world) {
    librdf_free_world(w->world);
  }
  if (w->raptor) {
    raptor_free_world(w->raptor);
  }
  tg_free(w->base);
  tg_free(w);
}

/* DOT quoted strings longer than this are cut (GraphViz rejects record
 * labels of some 16 KB, and a picture has no use for a whole article). */
#define DOT_MAX_STRING 512

/* Write the DOT quoted string body s[0..n) (raptor's escapes kept) as
 * GraphViz accepts it in a record label: '<' and '>' escaped, and a body
 * over DOT_MAX_STRING bytes cut at a character boundary before its last
 * field ("|Datatype: ..."), marked with the bytes left out and a hash of
 * the whole, so that different literals stay different nodes. */
static void dot_string(const char *s, size_t n, raptor_iostream *out) {
  size_t field = n; /* the last unescaped '|' */
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '|') {
      field = i;
    }
  }
  size_t keep = field;
  if (n > DOT_MAX_STRING) {
    keep = DOT_MAX_STRING < field ? DOT_MAX_STRING : field;
  }
  size_t i = 0;
  for (; i < keep; ++i) {
    const unsigned char c = (unsigned char)s[i];
    if (c == '\\' && i + 1 < n) {
      if (i + 1 >= keep) {
        break; /* an escape is not cut in two */
      }
      raptor_iostream_write_byte('\\', out);
      raptor_iostream_write_byte(s[++i], out);
    } else if (c == '<' || c == '>') {
      raptor_iostream_write_byte('\\', out);
      raptor_iostream_write_byte(c, out);
    } else if (keep < field && i + 4 > keep && (c & 0xC0) != 0x80 && c >= 0xC0 &&
               i + (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : 2u) > keep) {
      break; /* nor a character */
    } else {
      raptor_iostream_write_byte(c, out);
    }
  }
  if (keep < field) {
    char mark[64];
    const int ml = snprintf(mark, sizeof mark, "... (%zu bytes more, #%08llx)", field - i,
                            (unsigned long long)(tg_hash(s, n) & 0xffffffffu));
    raptor_iostream_counted_string_write(mark, (size_t)ml, out);
  }
  for (i = field; i < n; ++i) {
    if (s[i] == '<' || s[i] == '>') {
      raptor_iostream_write_byte('\\', out);
    }
    raptor_iostream_write_byte(s[i], out);
  }
}

/* Copy the DOT text of raptor's serializer, making every quoted string
 * safe (dot_string). */
static void dot_write(const char *dot, size_t len, raptor_iostream *out) {
  size_t i = 0;
  while (i < len) {
    if (dot[i] != '"') {
      raptor_iostream_write_byte(dot[i++], out);
      continue;
    }
    size_t e = i + 1;
    while (e < len && dot[e] != '"') {
      e += dot[e] == '\\' ? 2 : 1;
    }
    e = e < len ? e : len;
    raptor_iostream_write_byte('"', out);
    dot_string(dot + i + 1, e - i - 1, out);
    if (e < len) {
      raptor_iostream_write_byte('"', out);
    }
    i = e + 1;
  }
}

/* Serialize the model as DOT into a string, then through dot_write. */
static int serialize_dot(TgWriter *w, librdf_serializer *ser, librdf_model *model) {
  void *buf = NULL;
  size_t len = 0;
  /* librdf frees the iostream it is given, which finishes the string. */
  raptor_iostream *ms = raptor_new_iostream_to_string(w->raptor, &buf, &len, malloc);
  if (!ms) {
    return 1;
  }
  const int rc = librdf_serializer_serialize_model_to_iostream(ser, NULL, model, ms);
  if (!rc && buf) {
    dot_write((const char *)buf, len, tg_outstream_iostream(w->out));
  }
  free(buf);
  return rc || !buf;
}

/* Declare telegraph's prefixes on a raptor serializer: the vocabularies,
 * the base as id:, and in Turtle a prefix per kind of minted IRI, so that
 * entities read org:anatel, place:beijing, doc:miit-2025-02-28. */
static TgStatus raptor_prefixes(TgWriter *w, raptor_serializer *ser) {
  static const char *const kinds[] = {"", "doc", "org", "place", "person", "policy", "service"};
  TgBuf iri;
  tg_buf_init(&iri);
  TgStatus st = TG_SUCCESS;
  const size_t n = tg_n_namespaces + sizeof kinds / sizeof kinds[0];
  for (size_t i = 0; !st && i < n; ++i) {
    const char *prefix = NULL;
    iri.len = 0;
    if (i < tg_n_namespaces) {
      prefix = tg_namespaces[i].prefix;
      st = tg_buf_puts(&iri, tg_namespaces[i].uri);
    } else {
      const char *kind = kinds[i - tg_n_namespaces];
      prefix = *kind ? kind : "id";
      st = tg_buf_printf(&iri, "%s%s%s", w->base, kind, *kind ? "/" : "");
    }
    raptor_uri *uri = st ? NULL : raptor_new_uri(w->raptor, (const unsigned char *)iri.buf);
    if (!uri) {
      st = TG_BAD_ALLOC;
      break;
    }
    /* (raptor declares rdf: itself and refuses it again: not an error.) */
    (void)raptor_serializer_set_namespace(ser, uri, (const unsigned char *)prefix);
    raptor_free_uri(uri);
  }
  tg_buf_clear(&iri);
  return st;
}

/* Turtle: raptor's serializer takes each statement as the mapper makes it
 * and orders them itself, so no librdf model is built and indexed first.
 * A fresh serializer per article: raptor's Turtle serializer keeps what it
 * wrote and would print it again. */
static TgStatus write_turtle(TgWriter *w, const TgDocument *doc, const TgResult *result) {
  raptor_serializer *ser = raptor_new_serializer(w->raptor, "turtle");
  if (!ser) {
    return TG_BAD_ALLOC;
  }
  TgStatus st = raptor_prefixes(w, ser);
  w->failed = false;
  if (!st && raptor_serializer_start_to_iostream(ser, NULL, tg_outstream_iostream(w->out))) {
    st = TG_BAD_WRITE;
  }
  if (!st) {
    st = tg_mapper_stream(w->mapper, ser, true, NULL, doc, result);
    if (raptor_serializer_serialize_end(ser) && !st) {
      st = TG_BAD_WRITE;
    }
  }
  raptor_free_serializer(ser);
  if (!st && w->failed) {
    st = TG_BAD_WRITE;
  }
  return st == TG_BAD_RDF ? TG_BAD_WRITE : st;
}

/* One article into the writer's stream, wherever it points now. */
static TgStatus write_article(TgWriter *w, const TgDocument *doc, const TgResult *result) {
  const bool quads = w->format == TG_FORMAT_NQUADS;
  if (w->lines) {
    raptor_term *context = NULL;
    if (quads) {
      char *g = tg_graph_iri(w->base, doc);
      context = g ? raptor_new_term_from_uri_string(w->raptor, (const unsigned char *)g) : NULL;
      tg_free(g);
      if (!context) {
        return TG_BAD_ALLOC;
      }
    }
    w->failed = false;
    TgStatus st = tg_mapper_stream(w->mapper, w->lines, false, context, doc, result);
    raptor_free_term(context);
    if (!st && (raptor_serializer_flush(w->lines) || w->failed)) {
      st = TG_BAD_WRITE;
    }
    return st == TG_BAD_RDF ? TG_BAD_WRITE : st;
  }
  if (w->format == TG_FORMAT_TURTLE) {
    return write_turtle(w, doc, result);
  }
  /* RDF/XML and dot: the serializers want a model (no graphs). */
  librdf_storage *storage = librdf_new_storage(w->world, "hashes", NULL, "hash-type='memory'");
  librdf_model *model = storage ? librdf_new_model(w->world, storage, NULL) : NULL;
  if (!model) {
    if (storage) {
      librdf_free_storage(storage);
    }
    return TG_BAD_ALLOC;
  }
  TgStatus st = tg_map_document(w->world, model, NULL, w->base, w->prov, doc, result);
  if (!st) {
    w->failed = false;
    /* raptor's RDF/XML and dot serializers keep what they wrote and print
     * it again with the next model: a fresh one per article. */
    librdf_serializer *ser = NULL;
    if (!(st = new_serializer(w, &ser))) {
      int rc = 0;
      if (w->format == TG_FORMAT_DOT) {
        rc = serialize_dot(w, ser, model);
      } else {
        /* librdf frees the iostream it is given: a fresh one each time. */
        raptor_iostream *io = tg_outstream_new_iostream(w->out);
        rc = !io || librdf_serializer_serialize_model_to_iostream(ser, NULL, model, io);
      }
      if (rc || w->failed) {
        st = TG_BAD_WRITE;
      }
      librdf_free_serializer(ser);
    }
  }
  librdf_free_model(model);
  librdf_free_storage(storage);
  return st;
}

TgStatus tg_writer_write(TgWriter *w, const TgDocument *doc, const TgResult *result) {
  const TgStatus st = write_article(w, doc, result);
  const TgStatus wst = tg_outstream_flush(w->out);
  return st ? st : wst;
}

TgStatus tg_writer_write_buffer(TgWriter *w, const TgDocument *doc, const TgResult *result,
                                TgBuf *dst, const TgSpill *spill) {
  tg_outstream_target(w->out, dst, spill);
  const TgStatus st = write_article(w, doc, result);
  tg_outstream_target(w->out, NULL, NULL);
  const TgStatus wst = tg_outstream_flush(w->out);
  return st ? st : wst;
}

TgStatus tg_writer_finish(TgWriter *w) {
  if (tg_outstream_flush(w->out) ||
      (w->stream && (fflush(w->stream) != 0 || ferror(w->stream)))) {
    return TG_BAD_WRITE;
  }
  return TG_SUCCESS;
}

size_t tg_turtle_prefix_length(const char *buf, size_t len) {
  size_t i = 0;
  while (len - i > 8 && memcmp(buf + i, "@prefix ", 8) == 0) {
    const char *nl = memchr(buf + i, '\n', len - i);
    if (!nl) {
      return 0;
    }
    i = (size_t)(nl - buf) + 1;
  }
  return i && i < len && buf[i] == '\n' ? i + 1 : i;
}
