/* telegraph: unit tests for the storage "tg-sqlite" (src/store_sqlite_fast.c
 * and src/store_sqlite_find.c), whose lookups must answer as librdf's own
 * sqlite storage does.
 *
 * A store is written with librdf's "sqlite" storage, then opened twice, with
 * "sqlite" and with "tg-sqlite": every pattern made from its statements
 * (each part bound or free, in every graph or in one), and patterns of nodes
 * the store does not hold, must give the same statements from both.  Then
 * lookups nested deeper than the pool of compiled statements, the graph of
 * each returned statement, contains, the one-free-part helpers librdf builds
 * on find_statements, and writes through "tg-sqlite".
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "store_internal.h"

#include <check.h>
#include <redland.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EX "http://example.org/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

static char dir[] = "/tmp/tg-fast-XXXXXX";
static char path[64];
static librdf_world *world;
static unsigned n_errors;

static int count_errors(void *data, librdf_log_message *msg) {
  (void)data;
  if (librdf_log_message_level(msg) >= LIBRDF_LOG_ERROR) {
    ++n_errors;
    fprintf(stderr, "librdf: %s\n", librdf_log_message_message(msg));
  }
  return 1;
}

static librdf_node *uri(const char *local) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s%s", strncmp(local, "http", 4) == 0 ? "" : EX, local);
  return librdf_new_node_from_uri_string(world, (const unsigned char *)buf);
}

static librdf_node *blank(const char *id) {
  return librdf_new_node_from_blank_identifier(world, (const unsigned char *)id);
}

static librdf_node *literal(const char *text, const char *lang, const char *type) {
  librdf_uri *dt = type ? librdf_new_uri(world, (const unsigned char *)type) : NULL;
  librdf_node *n = librdf_new_node_from_typed_literal(world, (const unsigned char *)text, lang, dt);
  if (dt) {
    librdf_free_uri(dt);
  }
  return n;
}

/* The statements of the fixture, each in graph g1 or g2. */
#define N_FIXTURE 11
static librdf_statement *fixture[N_FIXTURE];
static const char *fixture_graph[N_FIXTURE];

static librdf_statement *triple(librdf_node *s, const char *p, librdf_node *o) {
  return librdf_new_statement_from_nodes(world, s, p ? uri(p) : NULL, o);
}

static void make_fixture(void) {
  const char *rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  int i = 0;
  fixture_graph[i] = "g1", fixture[i++] = triple(uri("a"), rdf_type, uri("Approval"));
  fixture_graph[i] = "g1", fixture[i++] = triple(uri("a"), "grantedTo", uri("c1"));
  fixture_graph[i] = "g1", fixture[i++] = triple(uri("a"), "grantedTo", uri("c2"));
  fixture_graph[i] = "g1", fixture[i++] = triple(uri("a"), "label", literal("it's", NULL, NULL));
  fixture_graph[i] = "g1", fixture[i++] = triple(uri("a"), "label", literal("it's", "en", NULL));
  fixture_graph[i] = "g2", fixture[i++] = triple(uri("a"), "count", literal("3", NULL, XSD "integer"));
  fixture_graph[i] = "g2", fixture[i++] = triple(uri("b"), "count", literal("3", NULL, NULL));
  fixture_graph[i] = "g2", fixture[i++] = triple(blank("x1"), "grantedTo", uri("c1"));
  fixture_graph[i] = "g2", fixture[i++] = triple(uri("b"), "agent", blank("x1"));
  fixture_graph[i] = "g2", fixture[i++] = triple(uri("b"), rdf_type, uri("Approval"));
  fixture_graph[i] = "g1", fixture[i++] = triple(uri("c1"), "label", literal("C1", "en", NULL));
  ck_assert_int_eq(i, N_FIXTURE);
}

static librdf_model *open_model(const char *factory, librdf_storage **storage) {
  *storage = librdf_new_storage(world, factory, path, "contexts='yes'");
  ck_assert_ptr_nonnull(*storage);
  librdf_model *m = librdf_new_model(world, *storage, NULL);
  ck_assert_ptr_nonnull(m);
  return m;
}

static void setup(void) {
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/kg.db", dir);
  world = librdf_new_world();
  librdf_world_set_logger(world, NULL, count_errors);
  librdf_world_open(world);
  ck_assert_int_eq(tg_fast_sqlite_register(world), 0);
  ck_assert_int_eq(tg_fast_sqlite_register(world), 0); /* again: nothing */
  make_fixture();
  librdf_storage *st = librdf_new_storage(world, "sqlite", path, "new='yes',contexts='yes'");
  ck_assert_ptr_nonnull(st);
  librdf_model *m = librdf_new_model(world, st, NULL);
  for (int i = 0; i < N_FIXTURE; ++i) {
    librdf_node *g = uri(fixture_graph[i]);
    ck_assert_int_eq(librdf_model_context_add_statement(m, g, fixture[i]), 0);
    librdf_free_node(g);
  }
  librdf_free_model(m);
  librdf_free_storage(st);
  n_errors = 0;
}

static void teardown(void) {
  for (int i = 0; i < N_FIXTURE; ++i) {
    librdf_free_statement(fixture[i]);
  }
  librdf_free_world(world);
  unlink(path);
  rmdir(dir);
  strcpy(dir, "/tmp/tg-fast-XXXXXX");
}

/* Node `n` in N-Triples, appended to `out` (of `size` bytes). */
static void put_node(char *out, size_t size, librdf_node *n) {
  const size_t len = strlen(out);
  if (librdf_node_is_resource(n)) {
    snprintf(out + len, size - len, "<%s> ", librdf_uri_as_string(librdf_node_get_uri(n)));
  } else if (librdf_node_is_blank(n)) {
    snprintf(out + len, size - len, "_:%s ", librdf_node_get_blank_identifier(n));
  } else {
    const char *lang = librdf_node_get_literal_value_language(n);
    librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
    snprintf(out + len, size - len, "\"%s\"%s%s%s%s%s ", librdf_node_get_literal_value(n),
             lang ? "@" : "", lang ? lang : "", dt ? "^^<" : "",
             dt ? (const char *)librdf_uri_as_string(dt) : "", dt ? ">" : "");
  }
}

/* The statements of `stream` (freed), one a line, sorted, each with its
 * graph when `graphs`. */
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *drain(librdf_stream *stream, bool graphs) {
  ck_assert_ptr_nonnull(stream);
  char *lines[64];
  size_t n = 0, len = 1;
  for (; !librdf_stream_end(stream); librdf_stream_next(stream)) {
    ck_assert_uint_lt(n, 64);
    librdf_statement *st = librdf_stream_get_object(stream);
    librdf_node *g = librdf_stream_get_context2(stream);
    lines[n] = calloc(1, 1024);
    put_node(lines[n], 1024, librdf_statement_get_subject(st));
    put_node(lines[n], 1024, librdf_statement_get_predicate(st));
    put_node(lines[n], 1024, librdf_statement_get_object(st));
    if (graphs && g) {
      put_node(lines[n], 1024, g);
    }
    len += strlen(lines[n]) + 1;
    ++n;
  }
  librdf_free_stream(stream);
  qsort(lines, n, sizeof lines[0], cmp_str);
  char *out = malloc(len);
  out[0] = '\0';
  for (size_t i = 0; i < n; ++i) {
    strcat(strcat(out, lines[i]), "\n");
    free(lines[i]);
  }
  return out;
}

/* The pattern of fixture statement `i` with the parts in `mask` (bit 0
 * subject, 1 predicate, 2 object) bound. */
static librdf_statement *pattern_of(int i, unsigned mask) {
  librdf_statement *f = fixture[i];
  return librdf_new_statement_from_nodes(
      world, mask & 1 ? librdf_new_node_from_node(librdf_statement_get_subject(f)) : NULL,
      mask & 2 ? librdf_new_node_from_node(librdf_statement_get_predicate(f)) : NULL,
      mask & 4 ? librdf_new_node_from_node(librdf_statement_get_object(f)) : NULL);
}

/* Both models answer `pattern` (in graph `g` if not NULL) alike; the
 * number of statements found. */
static int same_answer(librdf_model *ref, librdf_model *fast, librdf_statement *pattern,
                       librdf_node *g) {
  char *a = drain(g ? librdf_model_find_statements_in_context(ref, pattern, g)
                    : librdf_model_find_statements(ref, pattern),
                  false);
  char *b = drain(g ? librdf_model_find_statements_in_context(fast, pattern, g)
                    : librdf_model_find_statements(fast, pattern),
                  false);
  ck_assert_msg(strcmp(a, b) == 0, "sqlite:\n%stg-sqlite:\n%s", a, b);
  int n = 0;
  for (const char *p = a; *p; ++p) {
    n += *p == '\n';
  }
  free(a);
  free(b);
  return n;
}

START_TEST(test_every_pattern_as_librdf) {
  librdf_storage *rs, *fs;
  librdf_model *ref = open_model("sqlite", &rs);
  librdf_model *fast = open_model(TG_FAST_SQLITE, &fs);
  int found = 0;
  for (int i = 0; i < N_FIXTURE; ++i) {
    for (unsigned mask = 0; mask < 8; ++mask) {
      librdf_statement *p = pattern_of(i, mask);
      found += same_answer(ref, fast, p, NULL);
      for (int k = 0; k < 2; ++k) {
        librdf_node *g = uri(k ? "g2" : "g1");
        found += same_answer(ref, fast, p, g);
        librdf_free_node(g);
      }
      librdf_free_statement(p);
    }
  }
  /* The patterns did match (every statement at least once per mask). */
  ck_assert_int_gt(found, N_FIXTURE * 8);
  ck_assert_uint_eq(n_errors, 0);
  librdf_free_model(fast);
  librdf_free_storage(fs);
  librdf_free_model(ref);
  librdf_free_storage(rs);
}
END_TEST

START_TEST(test_absent_nodes_match_nothing) {
  librdf_storage *rs, *fs;
  librdf_model *ref = open_model("sqlite", &rs);
  librdf_model *fast = open_model(TG_FAST_SQLITE, &fs);
  librdf_statement *absent[] = {
      /* an IRI, a blank node the store does not hold */
      triple(uri("nobody"), "grantedTo", NULL),
      triple(blank("x2"), "grantedTo", NULL),
      /* held text, another language; held text, no datatype held */
      triple(NULL, "label", literal("it's", "fr", NULL)),
      triple(NULL, "count", literal("3", NULL, XSD "gYear")),
      /* an unknown predicate, an unknown graph below */
      triple(NULL, "nothing", NULL),
  };
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; ++i) {
    ck_assert_int_eq(same_answer(ref, fast, absent[i], NULL), 0);
    librdf_free_statement(absent[i]);
  }
  librdf_node *g3 = uri("g3");
  librdf_statement *any = librdf_new_statement(world);
  ck_assert_int_eq(same_answer(ref, fast, any, g3), 0);
  /* A plain, a language-tagged and a typed literal of one text are three. */
  librdf_statement *plain = triple(NULL, NULL, literal("3", NULL, NULL));
  ck_assert_int_eq(same_answer(ref, fast, plain, NULL), 1);
  librdf_statement *typed = triple(NULL, NULL, literal("3", NULL, XSD "integer"));
  ck_assert_int_eq(same_answer(ref, fast, typed, NULL), 1);
  librdf_free_statement(plain);
  librdf_free_statement(typed);
  librdf_free_statement(any);
  librdf_free_node(g3);
  ck_assert_uint_eq(n_errors, 0);
  librdf_free_model(fast);
  librdf_free_storage(fs);
  librdf_free_model(ref);
  librdf_free_storage(rs);
}
END_TEST

/* Open `depth` lookups of one shape at once (more than the pool keeps) and
 * read them all: each must still give its own statements. */
START_TEST(test_nested_lookups) {
  librdf_storage *fs;
  librdf_model *fast = open_model(TG_FAST_SQLITE, &fs);
  enum { DEPTH = 12 };
  librdf_stream *open[DEPTH];
  for (int d = 0; d < DEPTH; ++d) {
    librdf_statement *p = triple(uri(d % 2 ? "a" : "b"), "grantedTo", NULL);
    open[d] = librdf_model_find_statements(fast, p);
    ck_assert_ptr_nonnull(open[d]);
    librdf_free_statement(p); /* the stream must not need it */
  }
  for (int d = DEPTH - 1; d >= 0; --d) {
    char *got = drain(open[d], false);
    const char *want = d % 2 ? "<" EX "a> <" EX "grantedTo> <" EX "c1> \n"
                               "<" EX "a> <" EX "grantedTo> <" EX "c2> \n"
                             : "";
    ck_assert_str_eq(got, want);
    free(got);
  }
  /* The statements went back to the pool: lookups still work. */
  librdf_statement *p = triple(uri("a"), "grantedTo", NULL);
  char *again = drain(librdf_model_find_statements(fast, p), false);
  ck_assert_ptr_nonnull(strstr(again, "c2"));
  free(again);
  librdf_free_statement(p);
  librdf_free_model(fast);
  librdf_free_storage(fs);
}
END_TEST

START_TEST(test_graphs_contains_and_targets) {
  librdf_storage *fs;
  librdf_model *fast = open_model(TG_FAST_SQLITE, &fs);
  /* Each statement comes with its graph. */
  librdf_statement *p = triple(NULL, "grantedTo", uri("c1"));
  char *got = drain(librdf_model_find_statements(fast, p), true);
  ck_assert_str_eq(got, "<" EX "a> <" EX "grantedTo> <" EX "c1> <" EX "g1> \n"
                        "_:x1 <" EX "grantedTo> <" EX "c1> <" EX "g2> \n");
  free(got);
  librdf_free_statement(p);
  /* contains: librdf's storages say non-zero (-1) for held statements. */
  librdf_storage *rs;
  librdf_model *ref = open_model("sqlite", &rs);
  for (int i = 0; i < N_FIXTURE; ++i) {
    ck_assert_int_ne(librdf_model_contains_statement(fast, fixture[i]), 0);
    ck_assert_int_eq(librdf_model_contains_statement(fast, fixture[i]),
                     librdf_model_contains_statement(ref, fixture[i]));
  }
  librdf_free_model(ref);
  librdf_free_storage(rs);
  librdf_statement *no = triple(uri("b"), "grantedTo", uri("c2"));
  ck_assert_int_eq(librdf_model_contains_statement(fast, no), 0);
  librdf_free_statement(no);
  /* One free part: librdf builds the node iterator on find_statements. */
  librdf_node *a = uri("a"), *to = uri("grantedTo");
  librdf_iterator *it = librdf_model_get_targets(fast, a, to);
  ck_assert_ptr_nonnull(it);
  int targets = 0;
  for (; !librdf_iterator_end(it); librdf_iterator_next(it)) {
    ++targets;
  }
  librdf_free_iterator(it);
  ck_assert_int_eq(targets, 2);
  librdf_free_node(a);
  librdf_free_node(to);
  ck_assert_uint_eq(n_errors, 0);
  librdf_free_model(fast);
  librdf_free_storage(fs);
}
END_TEST

START_TEST(test_writes_go_through) {
  librdf_storage *fs;
  librdf_model *fast = open_model(TG_FAST_SQLITE, &fs);
  ck_assert_int_eq(librdf_model_size(fast), N_FIXTURE);
  librdf_node *g3 = uri("g3");
  librdf_statement *s = triple(uri("d"), "grantedTo", uri("c3"));
  ck_assert_int_eq(librdf_model_transaction_start(fast), 0);
  ck_assert_int_eq(librdf_model_context_add_statement(fast, g3, s), 0);
  ck_assert_int_eq(librdf_model_transaction_commit(fast), 0);
  ck_assert_int_ne(librdf_model_contains_statement(fast, s), 0);
  librdf_statement *any = librdf_new_statement(world);
  char *got = drain(librdf_model_find_statements_in_context(fast, any, g3), true);
  ck_assert_str_eq(got, "<" EX "d> <" EX "grantedTo> <" EX "c3> <" EX "g3> \n");
  free(got);
  ck_assert_int_eq(librdf_model_context_remove_statements(fast, g3), 0);
  ck_assert_int_eq(librdf_model_contains_statement(fast, s), 0);
  ck_assert_int_eq(librdf_model_size(fast), N_FIXTURE);
  librdf_free_statement(any);
  librdf_free_statement(s);
  librdf_free_node(g3);
  ck_assert_uint_eq(n_errors, 0);
  librdf_free_model(fast);
  librdf_free_storage(fs);
}
END_TEST

static Suite *fast_suite(void) {
  Suite *s = suite_create("store_fast");
  TCase *tc = tcase_create("lookups");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_every_pattern_as_librdf);
  tcase_add_test(tc, test_absent_nodes_match_nothing);
  tcase_add_test(tc, test_nested_lookups);
  tcase_add_test(tc, test_graphs_contains_and_targets);
  tcase_add_test(tc, test_writes_go_through);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  SRunner *sr = srunner_create(fast_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
