/* telegraph: a SPARQL query's answers as the store prints them.  Variable
 * bindings become an aligned table of Turtle-form terms (telegraph's
 * prefixes, bare integers and booleans, one line a cell) or SPARQL 1.1
 * JSON results, written row by row; an ASK answer becomes a one-cell
 * table, CSV or TSV.  Running the query, graph answers and CSV/TSV
 * bindings (rasqal's own writers) stay in store.c.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/store.h"

#include "mapper.h"
#include "store_internal.h"
#include "util.h"

#include <redland.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define NS_XSD "http://www.w3.org/2001/XMLSchema#"

TgStatus tg_results_format_from_name(const char *name, TgResultsFormat *out) {
  static const struct {
    const char *name;
    TgResultsFormat fmt;
  } names[] = {{"table", TG_RESULTS_TABLE},
               {"csv", TG_RESULTS_CSV},
               {"tsv", TG_RESULTS_TSV},
               {"json", TG_RESULTS_JSON}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
    if (strcmp(name, names[i].name) == 0) {
      *out = names[i].fmt;
      return TG_SUCCESS;
    }
  }
  return TG_BAD_ARG;
}

/* A term in Turtle form for the table: prefixed names for telegraph's
 * prefixes, bare integers and booleans, escapes that keep one line. */
static TgStatus iri_term(const char *iri, TgBuf *b) {
  for (size_t i = 0; i < tg_n_namespaces; ++i) {
    const size_t n = strlen(tg_namespaces[i].uri);
    if (strncmp(iri, tg_namespaces[i].uri, n) != 0 || !iri[n]) {
      continue;
    }
    const char *local = iri + n;
    bool ok = local[0] != '-' && local[0] != '.';
    for (const char *p = local; ok && *p; ++p) {
      ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '_' || *p == '-';
    }
    if (ok) {
      return tg_buf_printf(b, "%s:%s", tg_namespaces[i].prefix, local);
    }
  }
  return tg_buf_printf(b, "<%s>", iri);
}

static bool all_digits(const char *s) {
  if (*s == '-' || *s == '+') {
    ++s;
  }
  if (!*s) {
    return false;
  }
  for (; *s; ++s) {
    if (*s < '0' || *s > '9') {
      return false;
    }
  }
  return true;
}

static TgStatus node_term(librdf_node *node, TgBuf *b) {
  if (!node) {
    return TG_SUCCESS; /* unbound */
  }
  if (librdf_node_is_resource(node)) {
    return iri_term((const char *)librdf_uri_as_string(librdf_node_get_uri(node)), b);
  }
  if (librdf_node_is_blank(node)) {
    return tg_buf_printf(b, "_:%s", (const char *)librdf_node_get_blank_identifier(node));
  }
  const char *lex = (const char *)librdf_node_get_literal_value(node);
  const char *lang = librdf_node_get_literal_value_language(node);
  librdf_uri *dt_uri = librdf_node_get_literal_value_datatype_uri(node);
  const char *dt = dt_uri ? (const char *)librdf_uri_as_string(dt_uri) : NULL;
  if (!lex) {
    lex = "";
  }
  if (dt && ((strcmp(dt, NS_XSD "integer") == 0 && all_digits(lex)) ||
             (strcmp(dt, NS_XSD "boolean") == 0 &&
              (strcmp(lex, "true") == 0 || strcmp(lex, "false") == 0)))) {
    return tg_buf_puts(b, lex);
  }
  TgStatus st;
  TRY(st, tg_buf_putc(b, '"'));
  for (const unsigned char *p = (const unsigned char *)lex; *p; ++p) {
    switch (*p) {
    case '"': st = tg_buf_puts(b, "\\\""); break;
    case '\\': st = tg_buf_puts(b, "\\\\"); break;
    case '\n': st = tg_buf_puts(b, "\\n"); break;
    case '\r': st = tg_buf_puts(b, "\\r"); break;
    case '\t': st = tg_buf_puts(b, "\\t"); break;
    default:
      st = *p < 0x20 || *p == 0x7f ? tg_buf_printf(b, "\\u%04X", *p) : tg_buf_putc(b, (char)*p);
    }
    if (st) {
      return st;
    }
  }
  TRY(st, tg_buf_putc(b, '"'));
  if (lang && *lang) {
    return tg_buf_printf(b, "@%s", lang);
  }
  if (dt && strcmp(dt, NS_XSD "string") != 0) {
    TRY(st, tg_buf_puts(b, "^^"));
    return iri_term(dt, b);
  }
  return TG_SUCCESS;
}

/* Cells of the table, row-major, each a string the table owns. */
typedef struct {
  TgVec cells; /* char * */
  size_t n_cols;
} Table;

static void table_clear(Table *t) {
  for (size_t i = 0; i < t->cells.len; ++i) {
    tg_free(*(char **)tg_vec_at(&t->cells, i));
  }
  tg_vec_clear(&t->cells);
}

static TgStatus table_push(Table *t, TgBuf *cell) {
  char *copy = tg_strndup(cell->buf ? cell->buf : "", cell->len);
  if (!copy) {
    return TG_BAD_ALLOC;
  }
  TgStatus st = tg_vec_push(&t->cells, &copy);
  if (st) {
    tg_free(copy);
  }
  return st;
}

static void print_padded(FILE *out, const char *cell, size_t width) {
  const size_t n = tg_utf8_count(cell, strlen(cell));
  fprintf(out, "| %s", cell);
  for (size_t i = n; i < width + 1; ++i) {
    fputc(' ', out);
  }
}

/* Print the first row of `t` as header, a rule, then the other rows. */
static void table_print(const Table *t, FILE *out) {
  const size_t cols = t->n_cols;
  const size_t rows = cols ? t->cells.len / cols : 0;
  size_t *width = (size_t *)tg_calloc(cols ? cols : 1, sizeof *width);
  if (!width) {
    return;
  }
  for (size_t i = 0; i < t->cells.len; ++i) {
    const char *cell = *(char **)tg_vec_at(&t->cells, i);
    const size_t n = tg_utf8_count(cell, strlen(cell));
    if (n > width[i % cols]) {
      width[i % cols] = n;
    }
  }
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) {
      print_padded(out, *(char **)tg_vec_at(&t->cells, r * cols + c), width[c]);
    }
    fputs("|\n", out);
    if (r == 0) {
      for (size_t c = 0; c < cols; ++c) {
        fputc('|', out);
        for (size_t i = 0; i < width[c] + 2; ++i) {
          fputc('-', out);
        }
      }
      fputs("|\n", out);
    }
  }
  tg_free(width);
}

TgStatus tg_answers_print_table(librdf_query_results *results, FILE *out) {
  Table t;
  tg_vec_init(&t.cells, sizeof(char *));
  const int count = librdf_query_results_get_bindings_count(results);
  t.n_cols = count > 0 ? (size_t)count : 0;
  TgBuf cell;
  tg_buf_init(&cell);
  TgStatus st = TG_SUCCESS;
  for (size_t c = 0; !st && c < t.n_cols; ++c) {
    cell.len = 0;
    st = tg_buf_puts(&cell, librdf_query_results_get_binding_name(results, (int)c));
    st = st ? st : table_push(&t, &cell);
  }
  for (; !st && !librdf_query_results_finished(results); librdf_query_results_next(results)) {
    for (size_t c = 0; !st && c < t.n_cols; ++c) {
      librdf_node *node = librdf_query_results_get_binding_value(results, (int)c);
      cell.len = 0;
      st = node_term(node, &cell);
      st = st ? st : table_push(&t, &cell);
      if (node) {
        librdf_free_node(node);
      }
    }
  }
  if (!st && t.n_cols) {
    table_print(&t, out);
  }
  tg_buf_clear(&cell);
  table_clear(&t);
  return st;
}

/* A JSON string: quotes, backslashes and control characters escaped,
 * other UTF-8 kept. */
static void json_string(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; ++p) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (*p < 0x20) {
        fprintf(out, "\\u%04x", *p);
      } else {
        fputc(*p, out);
      }
    }
  }
  fputc('"', out);
}

/* SPARQL 1.1 JSON results for bindings.  rasqal 0.9.33's writer prints an
 * unbound variable as {"type": "unbound", "value": null}, which the format
 * forbids (unbound variables are left out), so telegraph writes it. */
TgStatus tg_answers_print_json(librdf_query_results *results, FILE *out) {
  const int count = librdf_query_results_get_bindings_count(results);
  fputs("{\n  \"head\": { \"vars\": [", out);
  for (int c = 0; c < count; ++c) {
    fputs(c ? ", " : " ", out);
    json_string(out, librdf_query_results_get_binding_name(results, c));
  }
  fputs(count ? " ] },\n  \"results\": { \"bindings\": [" : "] },\n  \"results\": { \"bindings\": [",
        out);
  bool first_row = true;
  for (; !librdf_query_results_finished(results); librdf_query_results_next(results)) {
    fputs(first_row ? "\n    {" : ",\n    {", out);
    first_row = false;
    bool first = true;
    for (int c = 0; c < count; ++c) {
      librdf_node *node = librdf_query_results_get_binding_value(results, c);
      if (!node) {
        continue;
      }
      fputs(first ? " " : ", ", out);
      first = false;
      json_string(out, librdf_query_results_get_binding_name(results, c));
      if (librdf_node_is_resource(node)) {
        fputs(": { \"type\": \"uri\", \"value\": ", out);
        json_string(out, (const char *)librdf_uri_as_string(librdf_node_get_uri(node)));
      } else if (librdf_node_is_blank(node)) {
        fputs(": { \"type\": \"bnode\", \"value\": ", out);
        json_string(out, (const char *)librdf_node_get_blank_identifier(node));
      } else {
        const char *lex = (const char *)librdf_node_get_literal_value(node);
        const char *lang = librdf_node_get_literal_value_language(node);
        librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(node);
        fputs(": { \"type\": \"literal\", \"value\": ", out);
        json_string(out, lex ? lex : "");
        if (lang && *lang) {
          fputs(", \"xml:lang\": ", out);
          json_string(out, lang);
        } else if (dt) {
          fputs(", \"datatype\": ", out);
          json_string(out, (const char *)librdf_uri_as_string(dt));
        }
      }
      fputs(" }", out);
      librdf_free_node(node);
    }
    fputs(first ? "}" : " }", out);
  }
  fputs(first_row ? "] }\n}\n" : "\n  ] }\n}\n", out);
  return TG_SUCCESS;
}

void tg_answers_print_boolean(bool value, TgResultsFormat fmt, FILE *out) {
  const char *v = value ? "true" : "false";
  switch (fmt) {
  case TG_RESULTS_CSV: fprintf(out, "boolean\r\n%s\r\n", v); break;
  case TG_RESULTS_TSV: fprintf(out, "?boolean\n%s\n", v); break;
  default:
    fprintf(out, "| boolean |\n|---------|\n| %-7s |\n", v);
    break;
  }
}
