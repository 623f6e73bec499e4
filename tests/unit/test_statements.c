/* telegraph: unit tests for the statement plumbing (src/statements.c) and
 * the statement set (TgKeySet, src/terms.c).
 *
 * Needs a build with TG_TESTING defined (for the allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "statements.h"

#include <check.h>
#include <redland.h>
#include <stdlib.h>
#include <string.h>

#ifndef TG_TESTING
#  error "test_statements needs TG_TESTING (allocation hook)"
#endif

static raptor_world *new_raptor(void) {
  raptor_world *w = raptor_new_world();
  ck_assert_ptr_nonnull(w);
  ck_assert_int_eq(raptor_world_open(w), 0);
  return w;
}

/* A started serializer of `syntax` writing into *out. */
static raptor_serializer *start(raptor_world *w, const char *syntax, void **out, size_t *len) {
  raptor_serializer *ser = raptor_new_serializer(w, syntax);
  ck_assert_ptr_nonnull(ser);
  raptor_uri *base = raptor_new_uri(w, (const unsigned char *)"http://e/");
  ck_assert_int_eq(raptor_serializer_start_to_string(ser, base, out, len), 0);
  raptor_free_uri(base);
  return ser;
}

/* End the serializer and return what it wrote (free with raptor_free_memory). */
static char *finish(raptor_serializer *ser, void **out) {
  ck_assert_int_eq(raptor_serializer_serialize_end(ser), 0);
  raptor_free_serializer(ser);
  return (char *)*out;
}

START_TEST(test_one_term_per_iri)
{
  raptor_world *w = new_raptor();
  TgStatements s;
  tg_statements_init(&s, w);
  raptor_term *a = tg_statements_iri(&s, "http://e/", "a");
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_eq(tg_statements_iri(&s, "http://e/a", NULL), a);
  ck_assert_ptr_ne(tg_statements_iri(&s, "http://e/", "b"), a);
  /* The vocabulary is its own table; a known IRI is its vocabulary term. */
  raptor_term *v = tg_statements_vocab(&s, "http://e/", "a");
  ck_assert_ptr_nonnull(v);
  ck_assert_ptr_ne(v, a);
  static const char known[] = "http://e/a";
  ck_assert_ptr_eq(tg_statements_known(&s, known), v);
  ck_assert_ptr_eq(tg_statements_known(&s, known), v);
  /* A document's terms go with it; the vocabulary stays. */
  ck_assert_uint_eq(s.terms.len, 2);
  tg_statements_end(&s);
  ck_assert_uint_eq(s.terms.len, 0);
  ck_assert_ptr_eq(tg_statements_vocab(&s, "http://e/a", NULL), v);
  ck_assert_str_eq((const char *)raptor_uri_as_string(v->value.uri), "http://e/a");
  tg_statements_clear(&s);
  raptor_free_world(w);
}
END_TEST

/* Each statement once a document, literals told apart by language and
 * datatype; a new document starts with none seen. */
START_TEST(test_lines_each_statement_once)
{
  raptor_world *w = new_raptor();
  TgStatements s;
  tg_statements_init(&s, w);
  void *out = NULL;
  size_t len = 0;
  raptor_serializer *ser = start(w, "ntriples", &out, &len);
  tg_statements_to_serializer(&s, ser, false, NULL);
  raptor_term *sub = tg_statements_iri(&s, "http://e/s", NULL);
  raptor_term *p = tg_statements_vocab(&s, "http://e/p", NULL);
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "x", "en"));
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "x", "en"));
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "x", "fr"));
  tg_statements_add(&s, sub, p, tg_statements_typed(&s, "x", 1, "string"));
  tg_statements_add(&s, sub, p, tg_statements_typed(&s, "xy", 1, "string"));
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "x", NULL));
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "x", ""));
  tg_statements_add(&s, sub, p, sub);
  tg_statements_add(&s, sub, p, sub);
  ck_assert_int_eq(s.status, TG_SUCCESS);
  tg_statements_end(&s);
  char *text = finish(ser, &out);
  ck_assert_str_eq(text, "<http://e/s> <http://e/p> \"x\"@en .\n"
                         "<http://e/s> <http://e/p> \"x\"@fr .\n"
                         "<http://e/s> <http://e/p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
                         "<http://e/s> <http://e/p> \"x\" .\n"
                         "<http://e/s> <http://e/p> <http://e/s> .\n");
  raptor_free_memory(text);

  ser = start(w, "ntriples", &out, &len);
  tg_statements_to_serializer(&s, ser, false, NULL);
  sub = tg_statements_iri(&s, "http://e/s", NULL);
  tg_statements_add(&s, sub, p, sub);
  tg_statements_end(&s);
  text = finish(ser, &out);
  ck_assert_str_eq(text, "<http://e/s> <http://e/p> <http://e/s> .\n");
  raptor_free_memory(text);
  tg_statements_clear(&s);
  raptor_free_world(w);
}
END_TEST

/* N-Quads statements carry the graph set at the start or later. */
START_TEST(test_quads_graph)
{
  raptor_world *w = new_raptor();
  TgStatements s;
  tg_statements_init(&s, w);
  void *out = NULL;
  size_t len = 0;
  raptor_serializer *ser = start(w, "nquads", &out, &len);
  raptor_term *g = tg_statements_vocab(&s, "http://e/g", NULL);
  raptor_term *h = tg_statements_vocab(&s, "http://e/h", NULL);
  tg_statements_to_serializer(&s, ser, false, g);
  raptor_term *sub = tg_statements_iri(&s, "http://e/s", NULL);
  tg_statements_add(&s, sub, h, sub);
  s.graph = h;
  tg_statements_add(&s, sub, g, sub);
  tg_statements_end(&s);
  char *text = finish(ser, &out);
  ck_assert_str_eq(text, "<http://e/s> <http://e/h> <http://e/s> <http://e/g> .\n"
                         "<http://e/s> <http://e/g> <http://e/s> <http://e/h> .\n");
  raptor_free_memory(text);
  tg_statements_clear(&s);
  raptor_free_world(w);
}
END_TEST

/* Turtle writes at the end what it was given: each literal must be its
 * own copy, not the scratch literal that the next one overwrites. */
START_TEST(test_turtle_keeps_literals)
{
  raptor_world *w = new_raptor();
  TgStatements s;
  tg_statements_init(&s, w);
  void *out = NULL;
  size_t len = 0;
  raptor_serializer *ser = start(w, "turtle", &out, &len);
  tg_statements_to_serializer(&s, ser, true, NULL);
  raptor_term *sub = tg_statements_iri(&s, "http://e/s", NULL);
  raptor_term *p = tg_statements_vocab(&s, "http://e/p", NULL);
  char word[8];
  strcpy(word, "first");
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, word, NULL));
  strcpy(word, "second");
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, word, NULL));
  strcpy(word, "zzzzzz");
  ck_assert_int_eq(s.status, TG_SUCCESS);
  tg_statements_end(&s);
  char *text = finish(ser, &out);
  ck_assert_ptr_nonnull(strstr(text, "\"first\""));
  ck_assert_ptr_nonnull(strstr(text, "\"second\""));
  ck_assert_ptr_null(strstr(text, "zzz"));
  raptor_free_memory(text);
  tg_statements_clear(&s);
  raptor_free_world(w);
}
END_TEST

/* Into a librdf model: statements own their nodes, duplicates added once. */
START_TEST(test_model_each_statement_once)
{
  librdf_world *world = librdf_new_world();
  ck_assert_ptr_nonnull(world);
  librdf_world_open(world);
  librdf_storage *storage = librdf_new_storage(world, "memory", NULL, NULL);
  ck_assert_ptr_nonnull(storage);
  librdf_model *model = librdf_new_model(world, storage, NULL);
  ck_assert_ptr_nonnull(model);
  TgStatements s;
  tg_statements_init(&s, librdf_world_get_raptor(world));
  tg_statements_to_model(&s, world, model, NULL);
  raptor_term *sub = tg_statements_iri(&s, "http://e/s", NULL);
  raptor_term *p = tg_statements_vocab(&s, "http://e/p", NULL);
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "one", NULL));
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "one", NULL));
  tg_statements_add(&s, sub, p, tg_statements_plain(&s, "two", "en"));
  tg_statements_end(&s);
  tg_statements_clear(&s);
  ck_assert_int_eq(s.status, TG_SUCCESS);
  ck_assert_int_eq(librdf_model_size(model), 2);
  librdf_node *two = librdf_new_node_from_literal(world, (const unsigned char *)"two", "en", 0);
  librdf_node *ns = librdf_new_node_from_uri_string(world, (const unsigned char *)"http://e/s");
  librdf_node *np = librdf_new_node_from_uri_string(world, (const unsigned char *)"http://e/p");
  librdf_statement *st = librdf_new_statement_from_nodes(world, ns, np, two);
  ck_assert_int_ne(librdf_model_contains_statement(model, st), 0);
  librdf_free_statement(st);
  librdf_free_model(model);
  librdf_free_storage(storage);
  librdf_free_world(world);
}
END_TEST

/* A missing term is an allocation failure, and the document adds nothing more. */
START_TEST(test_null_term_stops_document)
{
  raptor_world *w = new_raptor();
  TgStatements s;
  tg_statements_init(&s, w);
  void *out = NULL;
  size_t len = 0;
  raptor_serializer *ser = start(w, "ntriples", &out, &len);
  tg_statements_to_serializer(&s, ser, false, NULL);
  raptor_term *sub = tg_statements_iri(&s, "http://e/s", NULL);
  ck_assert_ptr_null(tg_statements_plain(&s, NULL, "en"));
  tg_statements_add(&s, sub, sub, tg_statements_plain(&s, NULL, "en"));
  ck_assert_int_eq(s.status, TG_BAD_ALLOC);
  tg_statements_add(&s, sub, sub, sub);
  tg_statements_end(&s);
  char *text = finish(ser, &out);
  ck_assert_str_eq(text, "");
  raptor_free_memory(text);
  /* The next document starts clean; an allocation failure on the way is
   * the same missing term. */
  ser = start(w, "ntriples", &out, &len);
  tg_statements_to_serializer(&s, ser, false, NULL);
  ck_assert_int_eq(s.status, TG_SUCCESS);
  tg_alloc_fail_after(0);
  raptor_term *fresh = tg_statements_iri(&s, "http://e/a-new-iri-long-enough-to-grow-the-buffer/"
                                             "0123456789012345678901234567890123456789", NULL);
  tg_alloc_fail_after(-1);
  ck_assert_ptr_null(fresh);
  tg_statements_add(&s, sub, sub, fresh);
  ck_assert_int_eq(s.status, TG_BAD_ALLOC);
  tg_statements_end(&s);
  text = finish(ser, &out);
  ck_assert_str_eq(text, "");
  raptor_free_memory(text);
  tg_statements_clear(&s);
  raptor_free_world(w);
}
END_TEST

/* A triple set with its world and term table, and one IRI term `a`. */
typedef struct {
  raptor_world *w;
  TgTerms t;
  TgTripleSet set;
  raptor_term *a;
} SetCase;

static void set_case_open(SetCase *c) {
  c->w = new_raptor();
  tg_terms_init(&c->t);
  memset(&c->set, 0, sizeof c->set);
  c->a = tg_terms_peek(&c->t, c->w, "http://e/a", 10);
}

static void set_case_close(SetCase *c) {
  tg_tripleset_clear(&c->set);
  tg_terms_clear(&c->t);
  raptor_free_world(c->w);
}

/* A literal term of `len` bytes (owned by the caller). */
static raptor_term *lit(raptor_world *w, const char *text, size_t len, raptor_uri *dt,
                        const char *lang) {
  return raptor_new_term_from_counted_literal(w, (const unsigned char *)text, len, dt,
                                              (const unsigned char *)lang,
                                              lang ? (unsigned char)strlen(lang) : 0);
}

START_TEST(test_tripleset)
{
  SetCase c;
  set_case_open(&c);
  raptor_world *w = c.w;
  TgTripleSet *set = &c.set;
  raptor_term *a = c.a;
  raptor_term *b = tg_terms_peek(&c.t, w, "http://e/b", 10);
  ck_assert(!tg_tripleset_seen(set, a, b, a));
  ck_assert(tg_tripleset_seen(set, a, b, a));
  ck_assert(!tg_tripleset_seen(set, a, a, b)); /* order matters */
  ck_assert(!tg_tripleset_seen(set, b, a, a));
  ck_assert_uint_eq(set->len, 3);
  /* Past its first 1024 slots the set grows and still knows every one. */
  char iri[32];
  raptor_term *many[2000];
  for (int i = 0; i < 2000; ++i) {
    const int n = snprintf(iri, sizeof iri, "http://e/n%d", i);
    many[i] = tg_terms_peek(&c.t, w, iri, (size_t)n);
    ck_assert(!tg_tripleset_seen(set, many[i], a, b));
  }
  ck_assert_uint_gt(set->cap, 1024);
  for (int i = 0; i < 2000; ++i) {
    ck_assert(tg_tripleset_seen(set, many[i], a, b));
  }
  /* Reset keeps the memory below the limit, frees it above. */
  const size_t cap = set->cap;
  tg_tripleset_reset(set, cap);
  ck_assert_uint_eq(set->len, 0);
  ck_assert_uint_eq(set->cap, cap);
  ck_assert(!tg_tripleset_seen(set, a, b, a));
  tg_tripleset_reset(set, cap - 1);
  ck_assert_uint_eq(set->cap, 0);
  ck_assert_ptr_null(set->keys.buf);
  ck_assert(!tg_tripleset_seen(set, a, b, a));
  set_case_close(&c);
}
END_TEST

/* Literals are told apart by text, language and datatype. */
START_TEST(test_tripleset_literals)
{
  SetCase c;
  set_case_open(&c);
  raptor_world *w = c.w;
  TgTripleSet *set = &c.set;
  raptor_term *a = c.a;
  raptor_term *dt = tg_terms_peek(&c.t, w, "http://e/dt", 11);
  raptor_term *en = lit(w, "x", 1, NULL, "en");
  raptor_term *fr = lit(w, "x", 1, NULL, "fr");
  raptor_term *typed = lit(w, "x", 1, dt->value.uri, NULL);
  raptor_term *plain = lit(w, "x", 1, NULL, NULL);
  raptor_term *other = lit(w, "y", 1, NULL, NULL);
  raptor_term *again = lit(w, "x", 1, NULL, "en");
  ck_assert(!tg_tripleset_seen(set, a, a, en));
  ck_assert(!tg_tripleset_seen(set, a, a, fr));
  ck_assert(!tg_tripleset_seen(set, a, a, typed));
  ck_assert(!tg_tripleset_seen(set, a, a, plain));
  ck_assert(!tg_tripleset_seen(set, a, a, other));
  ck_assert(tg_tripleset_seen(set, a, a, again)); /* another term, the same literal */
  ck_assert_uint_eq(set->len, 5);
  raptor_term *terms[] = {en, fr, typed, plain, other, again};
  for (size_t i = 0; i < sizeof terms / sizeof *terms; ++i) {
    raptor_free_term(terms[i]);
  }
  set_case_close(&c);
}
END_TEST

/* One 8-byte step of tg_terms_hash (terms.c), to build a collision. */
static uint64_t hash_step(uint64_t h, uint64_t word) {
  h = (h ^ word) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

/* Two statements whose keys hash alike are still two statements: the
 * set compares the keys themselves.  The second literal is built so that
 * its key's hash equals the first's (checked with tg_terms_hash itself). */
START_TEST(test_tripleset_collision)
{
  SetCase c;
  set_case_open(&c);
  raptor_world *w = c.w;
  TgTripleSet *set = &c.set;
  raptor_term *a = c.a;
  char text[32];
  memcpy(text, "a literal thirty-two bytes long.", 32);
  raptor_term *first = lit(w, text, sizeof text, NULL, NULL);
  ck_assert(!tg_tripleset_seen(set, first, a, a));
  /* The key as the set keeps it, and where the text sits in it. */
  size_t off = 0;
  for (size_t i = 0; i < set->cap; ++i) {
    if (set->slots[i].hash) {
      off = set->slots[i].off;
    }
  }
  size_t len;
  memcpy(&len, set->keys.buf + off - sizeof len, sizeof len);
  char *key = malloc(len);
  char *key2 = malloc(len);
  ck_assert_ptr_nonnull(key);
  ck_assert_ptr_nonnull(key2);
  memcpy(key, set->keys.buf + off, len);
  size_t pos = 0;
  while (pos + sizeof text <= len && memcmp(key + pos, text, sizeof text) != 0) {
    ++pos;
  }
  ck_assert_uint_le(pos + sizeof text, len);
  const size_t word = (pos + 7) / 8; /* the first whole word of the text */
  ck_assert_uint_le(word * 8 + 16, pos + sizeof text);
  /* The hash's state before that word, then a changed word and a
   * compensating next word that bring the state back. */
  uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
  for (size_t i = 0; i < word; ++i) {
    uint64_t wd;
    memcpy(&wd, key + 8 * i, 8);
    h = hash_step(h, wd);
  }
  uint64_t w1, w2;
  memcpy(&w1, key + 8 * word, 8);
  memcpy(&w2, key + 8 * word + 8, 8);
  const uint64_t w1x = w1 ^ 0x0505050505050505ull;
  const uint64_t w2x = w2 ^ hash_step(h, w1) ^ hash_step(h, w1x);
  memcpy(key2, key, len);
  memcpy(key2 + 8 * word, &w1x, 8);
  memcpy(key2 + 8 * word + 8, &w2x, 8);
  ck_assert_uint_eq(tg_terms_hash(key, len), tg_terms_hash(key2, len));
  ck_assert(memcmp(key, key2, len) != 0);
  raptor_term *second = lit(w, key2 + pos, sizeof text, NULL, NULL);
  ck_assert(!tg_tripleset_seen(set, second, a, a));
  ck_assert(tg_tripleset_seen(set, second, a, a));
  ck_assert(tg_tripleset_seen(set, first, a, a));
  ck_assert_uint_eq(set->len, 2);
  free(key);
  free(key2);
  raptor_free_term(first);
  raptor_free_term(second);
  set_case_close(&c);
}
END_TEST

static Suite *statements_suite(void) {
  Suite *s = suite_create("statements");
  TCase *tc = tcase_create("terms");
  tcase_add_test(tc, test_one_term_per_iri);
  suite_add_tcase(s, tc);
  tc = tcase_create("add");
  tcase_add_test(tc, test_lines_each_statement_once);
  tcase_add_test(tc, test_quads_graph);
  tcase_add_test(tc, test_turtle_keeps_literals);
  tcase_add_test(tc, test_model_each_statement_once);
  tcase_add_test(tc, test_null_term_stops_document);
  suite_add_tcase(s, tc);
  tc = tcase_create("tripleset");
  tcase_add_test(tc, test_tripleset);
  tcase_add_test(tc, test_tripleset_literals);
  tcase_add_test(tc, test_tripleset_collision);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  SRunner *sr = srunner_create(statements_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
