/* telegraph: every public header compiles on its own.
 *
 * The real check is at build time: headers/NAME.c includes only
 * <telegraph/NAME.h> (twice, for the include guard) and is compiled as a
 * separate translation unit of this test, so a header that needs another
 * include first breaks the build.  At run time the stubs are linked and
 * called, and a few facts of the API are checked.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/telegraph.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tg_header_attributes_ok(void);
int tg_header_document_ok(void);
int tg_header_error_ok(void);
int tg_header_extractor_ok(void);
int tg_header_result_ok(void);
int tg_header_status_ok(void);
int tg_header_telegraph_ok(void);
int tg_header_writer_ok(void);
int tg_header_batch_ok(void);
int tg_header_store_ok(void);
int tg_header_report_ok(void);

typedef int (*OkFn)(void);
static const struct {
  const char *name;
  OkFn ok;
} headers[] = {
    {"attributes.h", tg_header_attributes_ok}, {"document.h", tg_header_document_ok},
    {"error.h", tg_header_error_ok},           {"extractor.h", tg_header_extractor_ok},
    {"result.h", tg_header_result_ok},         {"status.h", tg_header_status_ok},
    {"telegraph.h", tg_header_telegraph_ok},   {"writer.h", tg_header_writer_ok},
    {"batch.h", tg_header_batch_ok},           {"store.h", tg_header_store_ok},
    {"report.h", tg_header_report_ok},
};
#define N_HEADERS (sizeof headers / sizeof headers[0])

START_TEST(test_header_alone)
{
  ck_assert_msg(headers[_i].ok() == 1, "%s", headers[_i].name);
}
END_TEST

START_TEST(test_status_names)
{
  ck_assert_int_eq(TG_SUCCESS, 0);
  for (int st = TG_SUCCESS; st <= TG_BAD_STORE; ++st) {
    const char *s = tg_strerror((TgStatus)st);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_gt(strlen(s), 0);
  }
  ck_assert_ptr_nonnull(tg_strerror((TgStatus)999));
}
END_TEST

START_TEST(test_version)
{
  ck_assert_str_eq(tg_version(), "0.1.0");
}
END_TEST

START_TEST(test_class_and_property_names)
{
  for (int c = 1; c < TG_N_CLASSES; ++c) {
    const char *name = tg_class_name((TgClass)c);
    ck_assert_uint_gt(strlen(name), 0);
    ck_assert_int_eq(tg_class_from_name(name, strlen(name)), c);
  }
  for (int p = 1; p < TG_N_PROPS; ++p) {
    const char *name = tg_property_name((TgProperty)p);
    ck_assert_uint_gt(strlen(name), 0);
    ck_assert_int_eq(tg_property_from_name(name, strlen(name)), p);
  }
  ck_assert_str_eq(tg_class_name(TG_CLASS_GOVERNMENT_BODY), "GovernmentBody");
  ck_assert_str_eq(tg_property_name(TG_PROP_RECIPIENT_COUNT), "recipientCount");
  ck_assert_str_eq(tg_class_name(TG_CLASS_NONE), "");
  ck_assert_str_eq(tg_class_name(TG_N_CLASSES), "");
  ck_assert_int_eq(tg_class_from_name("Regulators", 10), TG_CLASS_NONE);
  ck_assert_int_eq(tg_class_from_name("Regulators", 9), TG_CLASS_REGULATOR);
  ck_assert_int_eq(tg_property_from_name("", 0), TG_PROP_NONE);
  ck_assert(tg_class_is_entity(TG_CLASS_REGULATOR));
  ck_assert(tg_class_is_entity(TG_CLASS_SERVICE));
  ck_assert(!tg_class_is_entity(TG_CLASS_DATE));
  ck_assert(!tg_class_is_entity(TG_CLASS_NONE));
  ck_assert(!tg_class_is_entity(TG_CLASS_APPROVAL));
}
END_TEST

static Suite *headers_suite(void)
{
  Suite *s = suite_create("headers");
  TCase *tc = tcase_create("headers");
  tcase_add_loop_test(tc, test_header_alone, 0, (int)N_HEADERS);
  tcase_add_test(tc, test_status_names);
  tcase_add_test(tc, test_version);
  tcase_add_test(tc, test_class_and_property_names);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  SRunner *sr = srunner_create(headers_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
