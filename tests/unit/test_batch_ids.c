/* telegraph: unit tests for a batch's article ids (src/batch_ids.c).
 *
 * Needs a build with TG_TESTING defined (for the allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "batch_ids.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TG_TESTING
#  error "test_batch_ids needs TG_TESTING (allocation hook)"
#endif

static bool add(TgBatchIds *ids, const char *id, const char *name, bool shared, unsigned line,
                const char **first, unsigned *first_line) {
  TgStatus st = TG_SUCCESS;
  const bool fresh = tg_batch_ids_add(ids, id, name, shared, line, first, first_line, &st);
  ck_assert_int_eq(st, TG_SUCCESS);
  return fresh;
}

/* Many ids over several table sizes and name blocks: every one is new once,
 * and a second article with any of them names the first one's place. */
START_TEST(test_ids_many)
{
  enum { N = 50000 };
  TgBatchIds ids;
  tg_batch_ids_init(&ids);
  static const char source[] = "feed.jsonl";
  char id[32];
  char path[64];
  const char *first = NULL;
  unsigned line = 0;
  for (unsigned i = 0; i < N; ++i) {
    snprintf(id, sizeof id, "article-%u", i);
    if (i % 2) {
      ck_assert(add(&ids, id, source, true, i + 1, &first, &line));
    } else {
      snprintf(path, sizeof path, "news/%03u/article-%u.txt", i / 1000, i);
      ck_assert(add(&ids, id, path, false, 0, &first, &line));
    }
  }
  ck_assert_uint_eq(ids.len, N);
  /* Paths of ~25 bytes: well over one 64 KiB block of names. */
  ck_assert_uint_gt(ids.blocks.len, 5);
  for (unsigned i = 0; i < N; i += 997) {
    snprintf(id, sizeof id, "article-%u", i);
    ck_assert(!add(&ids, id, "again.jsonl", true, 7, &first, &line));
    if (i % 2) {
      ck_assert_str_eq(first, source);
      ck_assert_uint_eq(line, i + 1);
    } else {
      snprintf(path, sizeof path, "news/%03u/article-%u.txt", i / 1000, i);
      ck_assert_str_eq(first, path);
      ck_assert_uint_eq(line, 0);
    }
  }
  ck_assert_uint_eq(ids.len, N);
  tg_batch_ids_clear(&ids);
}
END_TEST

/* A shared name is stored once while it repeats; a name between two runs
 * of it, or another shared name, is stored again. */
START_TEST(test_ids_shared_name)
{
  TgBatchIds ids;
  tg_batch_ids_init(&ids);
  const char *first = NULL;
  unsigned line = 0;
  char a[] = "a.jsonl";
  char b[] = "b.jsonl";
  ck_assert(add(&ids, "x1", a, true, 1, &first, &line));
  ck_assert(add(&ids, "x2", a, true, 2, &first, &line));
  const size_t once = ids.block_used;
  ck_assert_uint_eq(once, sizeof a);
  ck_assert(add(&ids, "x3", b, true, 1, &first, &line));
  ck_assert(add(&ids, "x4", a, true, 3, &first, &line));
  ck_assert_uint_eq(ids.block_used, 2 * sizeof a + sizeof b);
  /* Names are copied: the caller's buffer may change after the call. */
  strcpy(a, "z.jsonl");
  ck_assert(!add(&ids, "x2", b, true, 9, &first, &line));
  ck_assert_str_eq(first, "a.jsonl");
  ck_assert_uint_eq(line, 2);
  tg_batch_ids_clear(&ids);
}
END_TEST

/* A name longer than a block gets a block of its own, and names after it
 * open a new one. */
START_TEST(test_ids_long_name)
{
  TgBatchIds ids;
  tg_batch_ids_init(&ids);
  const size_t n = 70000;
  char *name = malloc(n + 1);
  ck_assert_ptr_nonnull(name);
  memset(name, 'd', n);
  name[n] = '\0';
  const char *first = NULL;
  unsigned line = 0;
  ck_assert(add(&ids, "short", "s.txt", false, 0, &first, &line));
  ck_assert(add(&ids, "long", name, false, 0, &first, &line));
  ck_assert(add(&ids, "after", "t.txt", false, 0, &first, &line));
  ck_assert_uint_eq(ids.blocks.len, 3);
  ck_assert(!add(&ids, "long", "u.txt", false, 0, &first, &line));
  ck_assert_str_eq(first, name);
  ck_assert(!add(&ids, "after", "u.txt", false, 0, &first, &line));
  ck_assert_str_eq(first, "t.txt");
  ck_assert(!add(&ids, "short", "u.txt", false, 0, &first, &line));
  ck_assert_str_eq(first, "s.txt");
  free(name);
  tg_batch_ids_clear(&ids);
}
END_TEST

/* Out of memory: the call fails with TG_BAD_ALLOC and records nothing; the
 * set stays usable. */
START_TEST(test_ids_no_memory)
{
  TgBatchIds ids;
  tg_batch_ids_init(&ids);
  const char *first = NULL;
  unsigned line = 0;
  TgStatus st = TG_SUCCESS;
  tg_alloc_fail_after(0);
  ck_assert(!tg_batch_ids_add(&ids, "x", "f.txt", false, 0, &first, &line, &st));
  tg_alloc_fail_after(-1);
  ck_assert_int_eq(st, TG_BAD_ALLOC);
  ck_assert_uint_eq(ids.len, 0);
  ck_assert(add(&ids, "x", "f.txt", false, 0, &first, &line));
  /* The table exists now: a failure storing the name leaves no id. */
  st = TG_SUCCESS;
  tg_alloc_fail_after(0);
  char big[TG_BATCH_IDS_BLOCK + 2];
  memset(big, 'n', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  ck_assert(!tg_batch_ids_add(&ids, "y", big, false, 0, &first, &line, &st));
  tg_alloc_fail_after(-1);
  ck_assert_int_eq(st, TG_BAD_ALLOC);
  ck_assert_uint_eq(ids.len, 1);
  ck_assert(add(&ids, "y", "g.txt", false, 0, &first, &line));
  tg_batch_ids_clear(&ids);
}
END_TEST

static Suite *batch_ids_suite(void)
{
  Suite *s = suite_create("batch_ids");
  TCase *tc = tcase_create("ids");
  tcase_add_test(tc, test_ids_many);
  tcase_add_test(tc, test_ids_shared_name);
  tcase_add_test(tc, test_ids_long_name);
  tcase_add_test(tc, test_ids_no_memory);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(batch_ids_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
