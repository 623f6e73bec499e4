/* telegraph: unit tests for the extractor (src/extractor.c and the stages
 * behind it) on small in-memory articles with the real data directory.
 *
 * Needs TELEGRAPH_DATA = ontology/, TG_SOURCE_ROOT = the source tree, and
 * a build with TG_TESTING defined (allocation-failure hook).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/telegraph.h"
#include "util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TG_TESTING
#  error "test_extractor needs TG_TESTING (allocation hook)"
#endif

static TgExtractor *ex;
static unsigned n_diagnostics;

static void count_diag(void *data, const char *file, unsigned line, unsigned col, const char *msg)
{
  (void)data;
  ++n_diagnostics;
  fprintf(stderr, "%s:%u:%u: %s\n", file ? file : "-", line, col, msg);
}

static void load(void)
{
  const char *data = getenv("TELEGRAPH_DATA");
  ck_assert_msg(data != NULL, "TELEGRAPH_DATA is not set");
  n_diagnostics = 0;
  ex = tg_extractor_new(count_diag, NULL);
  ck_assert_ptr_nonnull(ex);
  ck_assert_int_eq(tg_extractor_load_dir(ex, data), TG_SUCCESS);
  ck_assert_uint_eq(n_diagnostics, 0);
}

static void unload(void)
{
  tg_extractor_free(ex);
  ex = NULL;
}

/* Run on `text` with article date `date`; the caller frees both. */
static TgResult *run(const char *text, const char *date, TgDocument **doc)
{
  ck_assert_int_eq(tg_document_new(text, strlen(text), "t", NULL, date, NULL, NULL, doc),
                   TG_SUCCESS);
  TgResult *r = NULL;
  ck_assert_int_eq(tg_extractor_run(ex, *doc, &r), TG_SUCCESS);
  ck_assert_ptr_nonnull(r);
  return r;
}

/* ---- Queries on a result ---- */

static long entity_named(const TgResult *r, const char *label)
{
  for (size_t i = 0; i < tg_result_n_entities(r); ++i) {
    if (strcmp(tg_result_entity(r, i)->label, label) == 0) {
      return (long)i;
    }
  }
  return -1;
}

static const TgEntity *must_entity(const TgResult *r, const char *label, TgClass cls,
                                   const char *slug)
{
  const long i = entity_named(r, label);
  ck_assert_msg(i >= 0, "no entity '%s'", label);
  const TgEntity *e = tg_result_entity(r, (size_t)i);
  ck_assert_msg(e->cls == cls, "'%s' is a %s, want %s", label, tg_class_name(e->cls),
                tg_class_name(cls));
  ck_assert_str_eq(e->slug, slug);
  return e;
}

static bool has_alias(const TgEntity *e, const char *alias)
{
  for (size_t i = 0; i < e->n_aliases; ++i) {
    if (strcmp(e->aliases[i], alias) == 0) {
      return true;
    }
  }
  return false;
}

static size_t count_facts(const TgResult *r, TgClass cls)
{
  size_t n = 0;
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    n += tg_result_fact(r, i)->cls == cls;
  }
  return n;
}

static const TgFact *first_fact(const TgResult *r, TgClass cls)
{
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    if (tg_result_fact(r, i)->cls == cls) {
      return tg_result_fact(r, i);
    }
  }
  ck_assert_msg(0, "no %s fact", tg_class_name(cls));
  return NULL;
}

static size_t count_slots(const TgFact *f, TgProperty prop)
{
  size_t n = 0;
  for (size_t i = 0; i < f->n_slots; ++i) {
    n += f->slots[i].prop == prop;
  }
  return n;
}

/* Is there a slot `prop` filled by the entity labelled `label`? */
static bool slot_entity(const TgResult *r, const TgFact *f, TgProperty prop, const char *label)
{
  for (size_t i = 0; i < f->n_slots; ++i) {
    const TgSlot *s = &f->slots[i];
    if (s->prop == prop && s->entity >= 0 &&
        strcmp(tg_result_entity(r, (size_t)s->entity)->label, label) == 0) {
      return true;
    }
  }
  return false;
}

/* The literal of the (single) slot `prop`, with its datatype. */
static void slot_literal(const TgFact *f, TgProperty prop, const char *value, const char *datatype)
{
  ck_assert_msg(count_slots(f, prop) == 1, "%zu %s slots", count_slots(f, prop),
                tg_property_name(prop));
  for (size_t i = 0; i < f->n_slots; ++i) {
    const TgSlot *s = &f->slots[i];
    if (s->prop == prop) {
      ck_assert_int_eq(s->entity, -1);
      ck_assert_ptr_nonnull(s->literal);
      ck_assert_msg(strcmp(s->literal, value) == 0, "%s is '%s', want '%s'",
                    tg_property_name(prop), s->literal, value);
      if (datatype) {
        ck_assert_ptr_nonnull(s->datatype);
        ck_assert_str_eq(s->datatype, datatype);
      } else {
        ck_assert_ptr_null(s->datatype);
      }
    }
  }
}

#define ASSERT_SLOT(r, f, prop, label) \
  ck_assert_msg(slot_entity((r), (f), (prop), (label)), "no %s slot '%s'", \
                tg_property_name(prop), (label))

/* ---- Approvals ---- */

START_TEST(test_approval_active)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The Ministry of Commerce on March 3, 2025 granted licences to China Mobile "
                    "and China Unicom in Beijing and Shanghai.",
                    "2025-03-10", &doc);
  must_entity(r, "Ministry of Commerce", TG_CLASS_REGULATOR, "org/ministry-of-commerce");
  must_entity(r, "China Mobile", TG_CLASS_COMPANY, "org/china-mobile");
  must_entity(r, "China Unicom", TG_CLASS_COMPANY, "org/china-unicom");
  must_entity(r, "Beijing", TG_CLASS_PLACE, "place/beijing");
  must_entity(r, "Shanghai", TG_CLASS_PLACE, "place/shanghai");
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 1);
  const TgFact *f = first_fact(r, TG_CLASS_APPROVAL);
  ck_assert_str_eq(f->rule, "approval.active");
  ck_assert_double_eq_tol(f->confidence, 0.9, 1e-9);
  ck_assert_uint_eq(f->sentence, 0);
  ck_assert_uint_eq(count_slots(f, TG_PROP_GRANTED_BY), 1);
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_BY, "Ministry of Commerce");
  ck_assert_uint_eq(count_slots(f, TG_PROP_GRANTED_TO), 2);
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_TO, "China Mobile");
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_TO, "China Unicom");
  ck_assert_uint_eq(count_slots(f, TG_PROP_IN_REGION), 2);
  ASSERT_SLOT(r, f, TG_PROP_IN_REGION, "Beijing");
  ASSERT_SLOT(r, f, TG_PROP_IN_REGION, "Shanghai");
  slot_literal(f, TG_PROP_DATE, "2025-03-03", "date");
  ck_assert_uint_eq(count_slots(f, TG_PROP_RECIPIENT_COUNT), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_approval_count)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The Ministry of Commerce granted approvals to 13 foreign-funded operators "
                    "in Beijing.",
                    "2025-03-10", &doc);
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 1);
  const TgFact *f = first_fact(r, TG_CLASS_APPROVAL);
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_BY, "Ministry of Commerce");
  slot_literal(f, TG_PROP_RECIPIENT_COUNT, "13", "integer");
  ck_assert_uint_eq(count_slots(f, TG_PROP_GRANTED_TO), 0);
  ASSERT_SLOT(r, f, TG_PROP_IN_REGION, "Beijing");
  /* The count is the approval's, not a statistic. */
  ck_assert_uint_eq(count_facts(r, TG_CLASS_STATISTIC), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_approval_passive)
{
  TgDocument *doc = NULL;
  TgResult *r = run("China Mobile has been granted a licence by the NFRA.", NULL, &doc);
  const TgEntity *nfra = must_entity(r, "National Financial Regulatory Administration",
                                     TG_CLASS_REGULATOR,
                                     "org/national-financial-regulatory-administration");
  ck_assert(has_alias(nfra, "NFRA"));
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 1);
  const TgFact *f = first_fact(r, TG_CLASS_APPROVAL);
  ck_assert_str_eq(f->rule, "approval.passive");
  ck_assert_double_eq_tol(f->confidence, 0.85, 1e-9);
  ck_assert_uint_eq(count_slots(f, TG_PROP_GRANTED_BY), 1);
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_BY, "National Financial Regulatory Administration");
  ck_assert_uint_eq(count_slots(f, TG_PROP_GRANTED_TO), 1);
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_TO, "China Mobile");
  ck_assert_uint_eq(count_slots(f, TG_PROP_DATE), 0); /* no article date, no date */
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* Hedged, planned or negated wording is no approval. */
static const char *const hedged[] = {
    "The National Financial Regulatory Administration (NFRA) is expected to approve licences "
    "for China Mobile.",
    "The NFRA will not grant licences to China Mobile.",
    "The NFRA plans to grant a licence to China Unicom next year.",
    "The NFRA refused to grant a licence to China Mobile.",
    "The NFRA may approve China Mobile's application.",
};
#define N_HEDGED (sizeof hedged / sizeof hedged[0])

START_TEST(test_approval_hedged)
{
  TgDocument *doc = NULL;
  TgResult *r = run(hedged[_i], "2025-03-10", &doc);
  ck_assert_msg(count_facts(r, TG_CLASS_APPROVAL) == 0, "'%s' gave an approval", hedged[_i]);
  /* The names are still found. */
  ck_assert_int_ge(entity_named(r, "National Financial Regulatory Administration"), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- Resolution ---- */

START_TEST(test_acronym)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The Zorvian Telecom Authority (ZTA) on Monday granted a licence to China "
                    "Mobile. The ZTA later granted a permit to China Unicom.",
                    "2025-03-10", &doc);
  const TgEntity *zta = must_entity(r, "Zorvian Telecom Authority", TG_CLASS_REGULATOR,
                                    "org/zorvian-telecom-authority");
  ck_assert_uint_eq(zta->n_aliases, 1);
  ck_assert_str_eq(zta->aliases[0], "ZTA");
  ck_assert_int_eq(entity_named(r, "ZTA"), -1);
  const long zi = entity_named(r, "Zorvian Telecom Authority");
  /* One definition mention, one later use, both of the same entity. */
  size_t defs = 0;
  size_t uses = 0;
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    const char *text = tg_document_text(doc);
    if (m->span.end - m->span.begin == 3 && memcmp(text + m->span.begin, "ZTA", 3) == 0) {
      ck_assert_int_eq(m->entity, zi);
      ck_assert_int_eq(m->cls, TG_CLASS_REGULATOR);
      ck_assert_str_eq(m->source, "acronym");
      if (m->flags & TG_MENTION_DEFINITION) {
        ++defs;
        ck_assert_uint_eq(m->span.begin, 31);
        ck_assert_uint_eq(m->sentence, 0);
      } else {
        ++uses;
        ck_assert_uint_eq(m->span.begin, 85);
        ck_assert_uint_eq(m->sentence, 1);
      }
    }
  }
  ck_assert_uint_eq(defs, 1);
  ck_assert_uint_eq(uses, 1);
  /* The reused acronym grants the second approval. */
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 2);
  const TgFact *second = tg_result_fact(r, 1);
  ck_assert_int_eq(second->cls, TG_CLASS_APPROVAL);
  ck_assert_uint_eq(second->sentence, 1);
  ASSERT_SLOT(r, second, TG_PROP_GRANTED_BY, "Zorvian Telecom Authority");
  ASSERT_SLOT(r, second, TG_PROP_GRANTED_TO, "China Unicom");
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_coreference)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The Ministry of Commerce said it would publish data. The ministry granted "
                    "licences to China Unicom on March 3, 2025.",
                    "2025-03-10", &doc);
  const long moc = entity_named(r, "Ministry of Commerce");
  ck_assert_int_ge(moc, 0);
  ck_assert_int_eq(entity_named(r, "ministry"), -1);
  bool coref = false;
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    if (m->flags & TG_MENTION_COREF) {
      coref = true;
      ck_assert_int_eq(m->entity, moc);
      ck_assert_uint_eq(m->span.begin, 57);
      ck_assert_uint_eq(m->span.end, 65);
      ck_assert_uint_eq(m->sentence, 1);
    }
  }
  ck_assert(coref);
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 1);
  const TgFact *f = first_fact(r, TG_CLASS_APPROVAL);
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_BY, "Ministry of Commerce");
  ASSERT_SLOT(r, f, TG_PROP_GRANTED_TO, "China Unicom");
  slot_literal(f, TG_PROP_DATE, "2025-03-03", "date");
  /* A slot filled by coreference lowers the confidence (0.9 x 0.85). */
  ck_assert_double_eq_tol(f->confidence, 0.765, 1e-9);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* "the ministry" with nothing before it names nobody. */
START_TEST(test_coreference_without_antecedent)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The ministry granted licences to China Unicom.", NULL, &doc);
  ck_assert_int_eq(entity_named(r, "ministry"), -1);
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 0);
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    ck_assert(!(tg_result_mention(r, i)->flags & TG_MENTION_COREF));
  }
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- Statistics and decisions ---- */

START_TEST(test_statistic)
{
  TgDocument *doc = NULL;
  TgResult *r = run("China had 4.5 million 5G base stations as of the end of February 2025, up 20 "
                    "percent year-on-year.",
                    "2025-03-10", &doc);
  ck_assert_uint_eq(count_facts(r, TG_CLASS_STATISTIC), 1);
  const TgFact *f = first_fact(r, TG_CLASS_STATISTIC);
  ck_assert_str_eq(f->rule, "statistic.count");
  slot_literal(f, TG_PROP_VALUE, "4500000", "decimal");
  slot_literal(f, TG_PROP_UNIT, "base stations", NULL);
  slot_literal(f, TG_PROP_MEASURE, "5G base stations", NULL);
  slot_literal(f, TG_PROP_AS_OF, "2025-02", "gYearMonth");
  slot_literal(f, TG_PROP_CHANGE_PERCENT, "20", "decimal");
  slot_literal(f, TG_PROP_CHANGE_BASIS, "year-on-year", "YearOnYear");
  ck_assert_uint_eq(count_slots(f, TG_PROP_IN_REGION), 1);
  ASSERT_SLOT(r, f, TG_PROP_IN_REGION, "China");
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_statistic_fall)
{
  TgDocument *doc = NULL;
  TgResult *r = run("China had 300 million broadband users in 2024, down 5 percent year-on-year.",
                    "2025-03-10", &doc);
  ck_assert_uint_eq(count_facts(r, TG_CLASS_STATISTIC), 1);
  const TgFact *f = first_fact(r, TG_CLASS_STATISTIC);
  slot_literal(f, TG_PROP_VALUE, "300000000", "decimal");
  slot_literal(f, TG_PROP_UNIT, "users", NULL);
  slot_literal(f, TG_PROP_CHANGE_PERCENT, "-5", "decimal");
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_decision)
{
  TgDocument *doc = NULL;
  TgResult *r = run("On March 5, 2025, the State Council approved an action plan to boost "
                    "consumption.",
                    "2025-03-10", &doc);
  must_entity(r, "State Council", TG_CLASS_GOVERNMENT_BODY, "org/state-council");
  must_entity(r, "action plan to boost consumption", TG_CLASS_POLICY,
              "policy/action-plan-to-boost-consumption");
  ck_assert_uint_eq(count_facts(r, TG_CLASS_DECISION), 1);
  const TgFact *f = first_fact(r, TG_CLASS_DECISION);
  ck_assert_str_eq(f->rule, "decision.active");
  ck_assert_uint_eq(count_slots(f, TG_PROP_DECIDED_BY), 1);
  ASSERT_SLOT(r, f, TG_PROP_DECIDED_BY, "State Council");
  ck_assert_uint_eq(count_slots(f, TG_PROP_ADOPTS), 1);
  ASSERT_SLOT(r, f, TG_PROP_ADOPTS, "action plan to boost consumption");
  slot_literal(f, TG_PROP_DATE, "2025-03-05", "date");
  /* Approving a plan is a decision, not an approval of a company. */
  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A date after the plan's name is the decision's date, not part of the
 * name. */
START_TEST(test_decision_trailing_date)
{
  TgDocument *doc = NULL;
  TgResult *r = run("The State Council approved an action plan to boost consumption on March 5, "
                    "2025.",
                    "2025-03-10", &doc);
  ck_assert_uint_eq(count_facts(r, TG_CLASS_DECISION), 1);
  const TgFact *f = first_fact(r, TG_CLASS_DECISION);
  ASSERT_SLOT(r, f, TG_PROP_DECIDED_BY, "State Council");
  ASSERT_SLOT(r, f, TG_PROP_ADOPTS, "action plan to boost consumption");
  slot_literal(f, TG_PROP_DATE, "2025-03-05", "date");
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- Deterministic slugs ---- */

START_TEST(test_slugs_deterministic)
{
  static const char *const texts[] = {
      "Zorvia Satcom Co has been granted a licence by the NFRA.",
      "Earlier, the NFRA fined a bank. Zorvia Satcom Co said on Monday it was pleased.",
  };
  const char *slug[2][2] = {{NULL, NULL}, {NULL, NULL}};
  TgDocument *doc[2];
  TgResult *res[2];
  for (int k = 0; k < 2; ++k) {
    res[k] = run(texts[k], "2025-03-10", &doc[k]);
    const long z = entity_named(res[k], "Zorvia Satcom Co");
    const long n = entity_named(res[k], "National Financial Regulatory Administration");
    ck_assert_int_ge(z, 0);
    ck_assert_int_ge(n, 0);
    slug[k][0] = tg_result_entity(res[k], (size_t)z)->slug;
    slug[k][1] = tg_result_entity(res[k], (size_t)n)->slug;
  }
  ck_assert_str_eq(slug[0][0], "org/zorvia-satcom-co");
  ck_assert_str_eq(slug[1][0], "org/zorvia-satcom-co");
  ck_assert_str_eq(slug[0][1], slug[1][1]);
  /* The same document twice gives the same entities in the same order. */
  TgResult *again = NULL;
  ck_assert_int_eq(tg_extractor_run(ex, doc[0], &again), TG_SUCCESS);
  ck_assert_uint_eq(tg_result_n_entities(again), tg_result_n_entities(res[0]));
  for (size_t i = 0; i < tg_result_n_entities(again); ++i) {
    ck_assert_str_eq(tg_result_entity(again, i)->slug, tg_result_entity(res[0], i)->slug);
    ck_assert_str_eq(tg_result_entity(again, i)->label, tg_result_entity(res[0], i)->label);
  }
  tg_result_free(again);
  for (int k = 0; k < 2; ++k) {
    tg_result_free(res[k]);
    tg_document_free(doc[k]);
  }
}
END_TEST

/* Two spellings of one name that differ only in case merge. */
START_TEST(test_slug_merges_spellings)
{
  TgDocument *doc = NULL;
  TgResult *r = run("Zorvia Satcom Co has been granted a licence by the NFRA. ZORVIA SATCOM Co "
                    "said it was pleased.",
                    NULL, &doc);
  size_t n = 0;
  for (size_t i = 0; i < tg_result_n_entities(r); ++i) {
    n += strcmp(tg_result_entity(r, i)->slug, "org/zorvia-satcom-co") == 0;
  }
  ck_assert_uint_eq(n, 1);
  const TgEntity *e = must_entity(r, "Zorvia Satcom Co", TG_CLASS_COMPANY, "org/zorvia-satcom-co");
  ck_assert(has_alias(e, "ZORVIA SATCOM Co"));
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- The seed article ---- */

START_TEST(test_seed_article)
{
  const char *root = getenv("TG_SOURCE_ROOT");
  ck_assert_msg(root != NULL, "TG_SOURCE_ROOT is not set");
  char path[1024];
  snprintf(path, sizeof path, "%s/samples/miit-2025-02-28.txt", root);
  TgDocument *doc = NULL;
  ck_assert_int_eq(tg_document_read(path, NULL, NULL, NULL, &doc), TG_SUCCESS);
  ck_assert_str_eq(tg_document_id(doc), "miit-2025-02-28");
  ck_assert_str_eq(tg_document_date(doc), "2025-02-28");
  TgResult *r = NULL;
  ck_assert_int_eq(tg_extractor_run(ex, doc, &r), TG_SUCCESS);

  const TgEntity *miit = must_entity(r, "Ministry of Industry and Information Technology",
                                     TG_CLASS_REGULATOR,
                                     "org/ministry-of-industry-and-information-technology");
  ck_assert(has_alias(miit, "MIIT"));
  ck_assert_str_eq(miit->wikidata, "Q1002010");
  must_entity(r, "Xinhua News Agency", TG_CLASS_NEWS_AGENCY, "org/xinhua-news-agency");
  must_entity(r, "State Council", TG_CLASS_GOVERNMENT_BODY, "org/state-council");
  must_entity(r, "Beijing", TG_CLASS_PLACE, "place/beijing");
  must_entity(r, "Shanghai", TG_CLASS_PLACE, "place/shanghai");
  must_entity(r, "Hainan", TG_CLASS_PLACE, "place/hainan");
  must_entity(r, "Shenzhen", TG_CLASS_PLACE, "place/shenzhen");
  const TgEntity *china = must_entity(r, "China", TG_CLASS_PLACE, "place/china");
  ck_assert(china->country);
  must_entity(r, "Deutsche Telekom (China) Communication Technology Co", TG_CLASS_COMPANY,
              "org/deutsche-telekom-china-communication-technology-co");
  must_entity(r, "Siemens Digital Technology (Shenzhen) Co", TG_CLASS_COMPANY,
              "org/siemens-digital-technology-shenzhen-co");
  must_entity(r, "action plan to stabilize foreign investment in 2025", TG_CLASS_POLICY,
              "policy/action-plan-to-stabilize-foreign-investment-in-2025");

  ck_assert_uint_eq(count_facts(r, TG_CLASS_APPROVAL), 1);
  const TgFact *a = first_fact(r, TG_CLASS_APPROVAL);
  ck_assert_uint_eq(count_slots(a, TG_PROP_GRANTED_BY), 1);
  ASSERT_SLOT(r, a, TG_PROP_GRANTED_BY, "Ministry of Industry and Information Technology");
  slot_literal(a, TG_PROP_RECIPIENT_COUNT, "13", "integer");
  ck_assert_uint_eq(count_slots(a, TG_PROP_GRANTED_TO), 2);
  ASSERT_SLOT(r, a, TG_PROP_GRANTED_TO, "Deutsche Telekom (China) Communication Technology Co");
  ASSERT_SLOT(r, a, TG_PROP_GRANTED_TO, "Siemens Digital Technology (Shenzhen) Co");
  ck_assert_uint_eq(count_slots(a, TG_PROP_IN_REGION), 4);
  ASSERT_SLOT(r, a, TG_PROP_IN_REGION, "Beijing");
  ASSERT_SLOT(r, a, TG_PROP_IN_REGION, "Shanghai");
  ASSERT_SLOT(r, a, TG_PROP_IN_REGION, "Hainan");
  ASSERT_SLOT(r, a, TG_PROP_IN_REGION, "Shenzhen");
  slot_literal(a, TG_PROP_DATE, "2025-02-28", "date");
  /* Sentence 0 is the headline, which retells the event: the body's
   * first sentence names it. */
  ck_assert_uint_eq(a->sentence, 1);

  ck_assert_uint_eq(count_facts(r, TG_CLASS_STATISTIC), 1);
  const TgFact *s = first_fact(r, TG_CLASS_STATISTIC);
  slot_literal(s, TG_PROP_VALUE, "2400", "decimal");
  slot_literal(s, TG_PROP_UNIT, "enterprises", NULL);
  slot_literal(s, TG_PROP_MEASURE, "new foreign-invested enterprises in the telecommunication sector",
               NULL);
  slot_literal(s, TG_PROP_AS_OF, "2025-02", "gYearMonth");
  slot_literal(s, TG_PROP_CHANGE_PERCENT, "30", "decimal");
  slot_literal(s, TG_PROP_CHANGE_BASIS, "year-on-year", "YearOnYear");
  ASSERT_SLOT(r, s, TG_PROP_IN_REGION, "China");

  ck_assert_uint_eq(count_facts(r, TG_CLASS_DECISION), 1);
  const TgFact *d = first_fact(r, TG_CLASS_DECISION);
  ck_assert_uint_eq(count_slots(d, TG_PROP_DECIDED_BY), 1);
  ASSERT_SLOT(r, d, TG_PROP_DECIDED_BY, "State Council");
  ck_assert_uint_eq(count_slots(d, TG_PROP_ADOPTS), 1);
  ASSERT_SLOT(r, d, TG_PROP_ADOPTS, "action plan to stabilize foreign investment in 2025");
  slot_literal(d, TG_PROP_DATE, "2025-02-20", "date");

  ck_assert_uint_eq(count_facts(r, TG_CLASS_REPORT), 1);
  ASSERT_SLOT(r, first_fact(r, TG_CLASS_REPORT), TG_PROP_REPORTED_BY, "Xinhua News Agency");

  /* Every fact is well formed. */
  for (size_t i = 0; i < tg_result_n_facts(r); ++i) {
    const TgFact *f = tg_result_fact(r, i);
    ck_assert(f->confidence >= 0.0 && f->confidence <= 1.0);
    ck_assert_uint_lt(f->sentence, tg_result_n_sentences(r));
    ck_assert_uint_le(f->span.begin, f->span.end);
    ck_assert_uint_le(f->span.end, tg_document_length(doc));
  }
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* ---- API edges ---- */

START_TEST(test_free_null)
{
  tg_extractor_free(NULL);
  tg_result_free(NULL);
}
END_TEST

START_TEST(test_empty_document)
{
  TgDocument *doc = NULL;
  TgResult *r = run("", NULL, &doc);
  ck_assert_uint_eq(tg_result_n_sentences(r), 0);
  ck_assert_uint_eq(tg_result_n_mentions(r), 0);
  ck_assert_uint_eq(tg_result_n_entities(r), 0);
  ck_assert_uint_eq(tg_result_n_facts(r), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A tiny budget stops the run with TG_BAD_LIMIT; the extractor prints
 * nothing itself (its caller reports, so runs can share threads). */
START_TEST(test_budget)
{
  TgDocument *doc = NULL;
  static const char text[] = "China Mobile has been granted a licence by the NFRA.";
  ck_assert_int_eq(tg_document_new(text, sizeof text - 1, "t", NULL, NULL, NULL, NULL, &doc),
                   TG_SUCCESS);
  tg_extractor_set_budget(ex, 5);
  n_diagnostics = 0;
  TgResult *r = (TgResult *)&r;
  ck_assert_int_eq(tg_extractor_run(ex, doc, &r), TG_BAD_LIMIT);
  ck_assert_ptr_null(r);
  ck_assert_uint_eq(n_diagnostics, 0);
  tg_extractor_set_budget(ex, 0); /* back to the default */
  ck_assert_int_eq(tg_extractor_run(ex, doc, &r), TG_SUCCESS);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

START_TEST(test_load_missing_dir)
{
  n_diagnostics = 0;
  TgExtractor *e = tg_extractor_new(count_diag, NULL);
  ck_assert_int_eq(tg_extractor_load_dir(e, "/nonexistent"), TG_BAD_READ);
  ck_assert_uint_eq(n_diagnostics, 1);
  tg_extractor_free(e);
}
END_TEST

/* ---- Allocation failure: every allocation of a run may fail ---- */

START_TEST(test_alloc_failure)
{
  TgDocument *doc = NULL;
  static const char text[] =
      "The Ministry of Commerce (MOFCOM) on Friday granted licences to China Mobile in Beijing. "
      "The ministry said 2,400 firms rose 30 percent year-on-year.";
  ck_assert_int_eq(tg_document_new(text, sizeof text - 1, "t", NULL, "2025-02-28", NULL, NULL,
                                   &doc),
                   TG_SUCCESS);
  long n = 0;
  for (; n < 100000; ++n) {
    TgResult *r = (TgResult *)&r;
    tg_alloc_fail_after(n);
    const TgStatus st = tg_extractor_run(ex, doc, &r);
    tg_alloc_fail_after(-1);
    ck_assert_msg(st == TG_SUCCESS || st == TG_BAD_ALLOC, "n=%ld: status %d", n, (int)st);
    if (st == TG_SUCCESS) {
      ck_assert_ptr_nonnull(r);
      ck_assert_uint_ge(count_facts(r, TG_CLASS_APPROVAL), 1);
      tg_result_free(r);
      break;
    }
    ck_assert_ptr_null(r);
  }
  ck_assert_msg(n > 10, "the run succeeded after only %ld allocations", n);
  ck_assert_msg(n < 100000, "the run never succeeded");
  tg_document_free(doc);
}
END_TEST

START_TEST(test_alloc_failure_load)
{
  const char *data = getenv("TELEGRAPH_DATA");
  /* Creating and loading fail cleanly too (sampled: loading is long). */
  for (long n = 0; n < 4000; n += (n < 50 ? 1 : 97)) {
    tg_alloc_fail_after(n);
    TgExtractor *e = tg_extractor_new(NULL, NULL);
    TgStatus st = e ? tg_extractor_load_dir(e, data) : TG_BAD_ALLOC;
    tg_alloc_fail_after(-1);
    ck_assert_msg(st == TG_SUCCESS || st == TG_BAD_ALLOC, "n=%ld: status %d", n, (int)st);
    tg_extractor_free(e);
  }
}
END_TEST

/* ---- Names at their token boundaries (the chunker) ---- */

typedef struct {
  const char *name;
  const char *text;
  const char *want[4]; /* "Class:mention text" that must be a mention */
  const char *not[3];  /* mention texts that must not be any mention */
} NameCase;

static const NameCase name_cases[] = {
    {"dotted abbreviation inside a company",
     "The ministry granted a licence to T-Systems P.R. China Ltd. on Monday.",
     {"Company:T-Systems P.R. China Ltd."}, {"T-Systems P", "China Ltd."}},
    {"abbreviation in parentheses", "Orchid Data (U.S.A.) Inc. won the contract.",
     {"Company:Orchid Data (U.S.A.) Inc."}, {NULL}},
    {"initials before a head word", "J.P. Morgan Chase Bank said it welcomed the move.",
     {"Company:J.P. Morgan Chase Bank"}, {"Morgan Chase Bank"}},
    {"initials of a gazetteer name", "Shares of J.P. Morgan rose.", {"Company:J.P. Morgan"},
     {NULL}},
    {"unit of a gazetteer company", "Adyen M\xC3\xA9xico received a permit in March.",
     {"Company:Adyen M\xC3\xA9xico"}, {"Adyen"}},
    {"unit with a parenthesised place",
     "Klarna Servicios (Monterrey) and HSBC Fintech Services (Shanghai) were approved.",
     {"Company:Klarna Servicios (Monterrey)", "Company:HSBC Fintech Services (Shanghai)"},
     {"HSBC", "Shanghai"}},
    {"a unit the article names in full",
     "HSBC China has 31 branches. HSBC Bank (China) Co., Ltd. received a licence.",
     {"Company:HSBC", "Company:HSBC Bank (China) Co., Ltd."}, {"HSBC China"}},
    {"gazetteer name in another case", "Mobifone and AliPay were fined.",
     {"Company:Mobifone", "Company:AliPay"}, {NULL}},
    {"and inside a company name",
     "AXA Tianping Property and Casualty Insurance Co., Ltd. was approved.",
     {"Company:AXA Tianping Property and Casualty Insurance Co., Ltd."},
     {"Casualty Insurance Co., Ltd."}},
    {"legal forms with periods", "Licences went to Arbo Fibre (Kingston upon Hull) Pvt. Ltd. "
     "and Bijoy Sat Communications Ltd on Monday.",
     {"Company:Arbo Fibre (Kingston upon Hull) Pvt. Ltd.", "Company:Bijoy Sat Communications Ltd",
      "Date:Monday"}, {"Arbo Fibre (Kingston upon Hull) Pvt"}},
    {"company head word", "Zuma Fibre Networks and DBS Bank (China) expanded.",
     {"Company:Zuma Fibre Networks", "Company:DBS Bank (China)"}, {NULL}},
    {"two companies joined by and", "Zentra and Kovalo Ltd signed a deal.",
     {"Company:Zentra", "Company:Kovalo Ltd"}, {"Zentra and Kovalo Ltd"}},
    {"a role of a company", "Jane Okafor, CEO of Vodacom Group, said the plan was sound.",
     {"Person:Jane Okafor", "Company:Vodacom Group"}, {"CEO of Vodacom Group"}},
    {"Co-operation is no legal form",
     "Ministers of the Asia-Pacific Economic Co-operation forum met in Beijing.",
     {"Place:Beijing"}, {"Asia-Pacific Economic Co"}},
    {"company by its shares", "Trivexa shares rose 4 percent on Monday.",
     {"Company:Trivexa"}, {NULL}},
    {"one sense per document",
     "Regulators granted licences to Savanna Fibre and Tana Wave. Tana Wave said it would "
     "start in May.",
     {"Company:Tana Wave", "Company:Savanna Fibre"}, {NULL}},
    {"adjective is not a name", "Shenzhen-based Qorvel Ltd won the tender.",
     {"Company:Qorvel Ltd"}, {"Shenzhen-based Qorvel Ltd"}},
    {"foreign legal forms", "Bids came from Pinhal Energia Ltda., Kerian Data Sdn Bhd, "
     "Tasik Digital Berhad and Vindholm Kraft AS.",
     {"Company:Pinhal Energia Ltda.", "Company:Kerian Data Sdn Bhd",
      "Company:Tasik Digital Berhad", "Company:Vindholm Kraft AS"},
     {"Kerian Data", "Sdn Bhd", "Pinhal Energia Ltda"}},
    {"legal form in lower case and with an inner abbreviation",
     "Oakridge Biologics plc and Enugu Power Nig. Ltd were licensed.",
     {"Company:Oakridge Biologics plc", "Company:Enugu Power Nig. Ltd"},
     {"Oakridge Biologics", "Enugu Power Nig"}},
    {"Portuguese and and a dotted legal form with accents",
     "The award went to Vale Verde \xC3\x93leo e G\xC3\xA1s S.A. and Puno Andes S.A.C. last year.",
     {"Company:Vale Verde \xC3\x93leo e G\xC3\xA1s S.A.", "Company:Puno Andes S.A.C."},
     {"G\xC3\xA1s S.A."}},
    {"Spanish head word first",
     "Grupo Industrial Norte\xC3\xB1o agreed to buy Farmacias del Sur from Banco Laguna.",
     {"Company:Grupo Industrial Norte\xC3\xB1o", "Company:Farmacias del Sur",
      "Company:Banco Laguna"}, {NULL}},
    {"a head word before and ends a company",
     "The ministry cleared Selat Cloud Services and Orchard Compute Pte Ltd on Monday.",
     {"Company:Selat Cloud Services", "Company:Orchard Compute Pte Ltd"},
     {"Selat Cloud Services and Orchard Compute Pte Ltd"}},
    {"dateline in capitals with an accented letter",
     "S\xC3\x83O PAULO, May 12 (Reuters) - Brazil's regulator said so.",
     {"Place:S\xC3\x83O PAULO"}, {NULL}},
    {"people after a role of an office and a clause",
     "Deputy Minister of Energy Tomas Ferreira told reporters. Its head of licensing, "
     "Mrs Ngozi Eze, told them. Ali Rahman Tan, who chairs the association, said no.",
     {"Person:Tomas Ferreira", "Person:Ngozi Eze", "Person:Ali Rahman Tan"},
     {"Energy Tomas Ferreira", "Mrs Ngozi Eze"}},
    {"a person after an occupation and a role clause",
     "The airline is backed by Lagos businessman Emeka Obi. The bank's head for risk "
     "supervision, Sari Putri, has said the rules stand.",
     {"Person:Emeka Obi", "Person:Sari Putri"}, {NULL}},
    {"a person between a role and the body that speaks",
     "In a note signed by its spokesman, Tunde Bakare, the agency said the permits stand.",
     {"Person:Tunde Bakare"}, {NULL}},
    {"companies by a describing noun",
     "Despite objections from rivals Dune Relay and Oasis Link, tower company Karst Masts "
     "won. Another applicant, Brightfield Exchange, is waiting.",
     {"Company:Dune Relay", "Company:Oasis Link", "Company:Karst Masts",
      "Company:Brightfield Exchange"}, {NULL}},
    {"a company by its appositive and a unit of a company",
     "Sirocco Air, a start-up backed by investors, is a unit of Tamarind Ventures. "
     "Its parent is the Lumora group.",
     {"Company:Sirocco Air", "Company:Tamarind Ventures", "Company:Lumora"}, {NULL}},
    {"a describing noun after a name is no company",
     "It is a unit of Spanish operator Castell Redes SA and of Hong Kong-listed Pearl Tide "
     "Capital. Industry group estimates rose.",
     {"Company:Castell Redes SA", "Company:Pearl Tide Capital"}, {"Spanish", "Hong", "Industry"}},
    {"company head words", "Quarry Animal Health, Fenland Pet Care, Mistral Partners and "
     "Corvo Medtech filed papers.",
     {"Company:Quarry Animal Health", "Company:Fenland Pet Care", "Company:Mistral Partners",
      "Company:Corvo Medtech"}, {NULL}},
    {"Polish legal form in lower case", "Permits went to Warta Siec sp. z o.o. on Monday.",
     {"Company:Warta Siec sp. z o.o."}, {"Warta Siec"}},
    {"legal forms joined by de and by an ampersand",
     "Concessions went to Red Sur S.A. de C.V., Bajio Enlace S. de R.L. de C.V. and "
     "Nordwind Energie GmbH & Co. KG.",
     {"Company:Red Sur S.A. de C.V.", "Company:Bajio Enlace S. de R.L. de C.V.",
      "Company:Nordwind Energie GmbH & Co. KG"},
     {"Red Sur S.A.", "Nordwind Energie GmbH"}},
    {"legal forms of the Nordic, CIS, Central European and Gulf lists",
     "Dala Finance JSC and Saryarka Credit LLP met Tisza Napenergia Kft. and Moravia "
     "Energo a.s.; Sahil Digital SAOC signed.",
     {"Company:Dala Finance JSC", "Company:Saryarka Credit LLP",
      "Company:Tisza Napenergia Kft.", "Company:Moravia Energo a.s."},
     {"Dala Finance JSC and Saryarka Credit LLP", "Sahil Digital"}},
    {"dotted Malaysian and Indonesian legal forms",
     "Kulai Data Sdn. Bhd. and PT Garuda Nusa Tbk. signed. Oulu Grid Oyj said so.",
     {"Company:Kulai Data Sdn. Bhd.", "Company:PT Garuda Nusa Tbk.", "Company:Oulu Grid Oyj"},
     {"Kulai Data Sdn"}},
    {"a legal form written with a slash",
     "Varde Mineral A/S and Fjord Drilling A/S won; A/B tests ran at 5 km/h.",
     {"Company:Varde Mineral A/S", "Company:Fjord Drilling A/S"},
     {"Varde Mineral A/S and Fjord Drilling A/S", "Varde Mineral A"}},
    {"sector head words of firms, not of a ministry",
     "Tasman Cement and Kivu Breweries bought land from the Ministry of Steel; Eyre "
     "Laboratories signed.",
     {"Company:Tasman Cement", "Company:Kivu Breweries", "Company:Eyre Laboratories"},
     {"Tasman Cement and Kivu Breweries"}},
    {"regions and towns outside the capitals",
     "Mines in Lapland, North Maluku and the Pilbara, a port at Tuas and fibre in Dhofar.",
     {"Place:Lapland", "Place:North Maluku", "Place:Pilbara", "Place:Dhofar"}, {"Maluku"}},
    {"a legal form first and one in parentheses",
     "Bosveld Chrome (Pty) Ltd won a permit, as did PT Sulawesi Baja Mandiri.",
     {"Company:PT Sulawesi Baja Mandiri", "Company:Bosveld Chrome (Pty) Ltd"},
     {"Bosveld Chrome (Pty"}},
    {"attributive places of several words and place pairs",
     "A unit of Hong Kong-listed Qirin Holdings will fly Manila-Osaka and Lagos-Abuja routes.",
     {"Place:Hong Kong", "Place:Manila", "Place:Osaka", "Place:Abuja"},
     {"Hong Kong-listed Qirin Holdings", "Hong"}},
    {"designator-less names after holder words and before receiving",
     "The successful applicants were Solaria, Kiberu Power and Nuru Grid. Siam Orbit and "
     "Chao Lay have secured approval from the regulator.",
     {"Company:Solaria", "Company:Kiberu Power", "Company:Nuru Grid", "Company:Siam Orbit"},
     {"The successful", NULL}},
    {"regions named by their head word",
     "Licences cover the Rift Valley region, the provinces of North Maluku and Central "
     "Sulawesi, and Plateau, Benue and Kogi states.",
     {"Place:Rift Valley", "Place:North Maluku", "Place:Central Sulawesi", "Place:Plateau"},
     {"Rift Valley region", "Kogi states", NULL}},
    {"lower-case cabinets and a company by an indefinite describing noun",
     "The federal cabinet met. Ghana's cabinet agreed. Kestrel Wings, a start-up carrier, "
     "said so; Odisha, the carrier said, is next.",
     {"GovernmentBody:federal cabinet", "GovernmentBody:cabinet", "Company:Kestrel Wings"},
     {"Odisha, the carrier", NULL}},
    {"designator-less names as the object of a grant or the subject of receiving one",
     "The authority has given Brightwave the nod. It approved Kopano's application and "
     "later approved licences for Altamira. Zuma Fibre won a 5G licence; it received one.",
     {"Company:Brightwave", "Company:Kopano", "Company:Altamira", "Company:Zuma Fibre"},
     {"It", "it", NULL}},
    {"a medicine given a marketing authorisation is no company",
     "The agency granted Glivora a marketing authorisation and approved the registration of "
     "Sentra, a sensor.",
     {NULL}, {"Glivora", "Sentra", NULL}},
    {"a demonym alone is no company, whatever its context",
     "Investors bought Indian shares. Zorba Pay Ltd is a unit of Turkish payments group "
     "Marmara Fintech and of Dutch satellite operator Orbitel Global BV.",
     {"Company:Zorba Pay Ltd", "Company:Orbitel Global BV"}, {"Indian", "Turkish", "Dutch"}},
    {"a maker is a company; a verb ends a person's appositive",
     "Anvisa approved a monitor made by Sensorama Dispositivos M\xC3\xA9" "dicos, the agency "
     "said in the official gazette.",
     {"Company:Sensorama Dispositivos M\xC3\xA9" "dicos"}, {NULL}},
    {"names that start with a capital outside Latin-1",
     "The start-up is backed by \xE1\xBB\x8C" "d\xE1\xBB\x8D Capital and \xC5\x81" "ukasz Ventures.",
     {"Company:\xE1\xBB\x8C" "d\xE1\xBB\x8D Capital", "Company:\xC5\x81" "ukasz Ventures"}, {NULL}},
    {"national capitals", "Officials from Lusaka, Kathmandu and Stockholm met in Boston.",
     {"Place:Lusaka", "Place:Kathmandu", "Place:Stockholm", "Place:Boston"}, {NULL}},
    {"who applies is a company; so is a name after a place-based adjective",
     "The board turned down a third application, from Andaman Sky, and a bid by Kerio Flour. "
     "Two other applicants, Elliotdale Data and Tsolo Online, wait. Analysts at Lagos-based "
     "Cowry Research agreed.",
     {"Company:Andaman Sky", "Company:Kerio Flour", "Company:Tsolo Online",
      "Company:Cowry Research"}, {NULL}},
    {"no company from plural applications or a name cut before a calendar word",
     "Two other applications, from Oyo and Kwara, wait. It rejected an application by Himal Sat.",
     {NULL}, {"Oyo", "Himal", NULL}},
    {"statistics offices are government bodies; a start-up and a retailer",
     "The Pakistan Bureau of Statistics said so. So did the Ghana Statistical Service. Start-up "
     "Baobab Air is backed by local retailer Tiendas Misti.",
     {"GovernmentBody:Pakistan Bureau of Statistics", "GovernmentBody:Ghana Statistical Service",
      "Company:Baobab Air", "Company:Tiendas Misti"}, {"Start-up Baobab Air", NULL}},
    {"and inside a name that its acronym spells",
     "Transfers run by Ghana Interbank Payment and Settlement Systems (GhIPSS) rose. Kano Air "
     "and Sokoto Rail Services (KSRS) did not.",
     {"Company:Ghana Interbank Payment and Settlement Systems"},
     {"Settlement Systems", "Kano Air and Sokoto Rail Services", NULL}},
    {"Turkish legal form with a diacritic",
     "The watchdog approved Toros Uydu Haberle\xC5\x9F" "me A.\xC5\x9E.'s request.",
     {"Company:Toros Uydu Haberle\xC5\x9F" "me A.\xC5\x9E."}, {NULL}},
    {"money with the currency before or after",
     "It paid GBP275,112 and ZAR808.8 million, 98.6 trillion dong and Rs 973 crore.",
     {"Money:GBP275,112", "Money:ZAR808.8 million", "Money:98.6 trillion dong",
      "Money:Rs 973 crore"}, {NULL}},
    {"names of any form in a grant's recipient slot",
     "The authority approved Harlow Kestrel to act as a trustee, licensed Marlow Peake and "
     "Tsavo Crest, and said Umoja Reach was cleared by it to lend.",
     {"Company:Harlow Kestrel", "Company:Marlow Peake", "Company:Tsavo Crest",
      "Company:Umoja Reach"}, {NULL}},
    {"a slot holding a medicine, a tariff or a sentence opener",
     "Health Canada approved Nevira to treat migraine. The board approved Solar Tariffs to "
     "apply in May. Startups gained approval from it.",
     {NULL}, {"Nevira", "Solar Tariffs", "Startups"}},
    {"places by their slot and their list",
     "It licensed Keta Pay Ltd to operate in Techiman. The licences allow 5G services in "
     "Windhoek, Walvis Bay and Oshakati but not in Ka-band frequencies.",
     {"Place:Techiman", "Place:Walvis Bay", "Place:Oshakati", "Place:Windhoek"},
     {"Ka-band"}},
};
#define N_NAMES (sizeof name_cases / sizeof name_cases[0])

static size_t count_mentions(const TgResult *r, const char *text, const char *want,
                             const char *cls)
{
  size_t n = 0;
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    const size_t len = m->span.end - m->span.begin;
    if (strlen(want) == len && memcmp(text + m->span.begin, want, len) == 0 &&
        (!cls || strcmp(tg_class_name(m->cls), cls) == 0)) {
      ++n;
    }
  }
  return n;
}

START_TEST(test_names)
{
  const NameCase *c = &name_cases[_i];
  TgDocument *doc = NULL;
  TgResult *r = run(c->text, "2025-05-12", &doc);
  for (size_t k = 0; k < 4 && c->want[k]; ++k) {
    char cls[32];
    const char *colon = strchr(c->want[k], ':');
    snprintf(cls, sizeof cls, "%.*s", (int)(colon - c->want[k]), c->want[k]);
    ck_assert_msg(count_mentions(r, c->text, colon + 1, cls) > 0, "%s: no %s mention '%s'",
                  c->name, cls, colon + 1);
  }
  for (size_t k = 0; k < 3 && c->not[k]; ++k) {
    ck_assert_msg(count_mentions(r, c->text, c->not[k], NULL) == 0, "%s: '%s' is a mention",
                  c->name, c->not[k]);
  }
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A gazetteer company written with its legal form is that company, the
 * full form an alias; a group word makes no such link. */
START_TEST(test_legal_form_of_gazetteer_company)
{
  const char *text = "Spectrum went to Bharti Airtel Limited on Monday. Bharti Airtel paid most.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  const TgEntity *e = must_entity(r, "Bharti Airtel", TG_CLASS_COMPANY, "org/bharti-airtel");
  ck_assert_int_lt(entity_named(r, "Bharti Airtel Limited"), 0);
  bool alias = false;
  for (size_t k = 0; k < e->n_aliases; ++k) {
    alias = alias || strcmp(e->aliases[k], "Bharti Airtel Limited") == 0;
  }
  ck_assert(alias);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A short form is the company whose full name the article gives with
 * legal forms and head words after it; a name both shorten is neither's. */
START_TEST(test_short_form)
{
  const char *text = "Rimba Digital still waits. Rimba Digital Berhad applied in March. "
                     "Norvale Life Insurance Co., Ltd. was refused; Norvale Life said it would "
                     "appeal. Tern Capital Ltd and Tern Capital Sdn Bhd both bid; Tern Capital "
                     "declined to comment.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  ck_assert_int_lt(entity_named(r, "Rimba Digital"), 0);
  ck_assert_int_ge(entity_named(r, "Rimba Digital Berhad"), 0);
  ck_assert_int_lt(entity_named(r, "Norvale Life"), 0);
  ck_assert_int_ge(entity_named(r, "Norvale Life Insurance Co., Ltd."), 0);
  size_t n = 0;
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    const TgMention *m = tg_result_mention(r, i);
    n += m->entity == entity_named(r, "Rimba Digital Berhad");
  }
  ck_assert_uint_eq(n, 2);
  ck_assert_int_ge(entity_named(r, "Tern Capital Ltd"), 0);
  ck_assert_int_ge(entity_named(r, "Tern Capital Sdn Bhd"), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* Legal forms joined by "de" or "&" are stripped together from a short
 * form: "Conecta Bajio" is "Conecta Bajio S. de R.L. de C.V.". */
START_TEST(test_short_form_joined_legal_forms)
{
  const char *text = "Concessions went to Red Sur S.A. de C.V. and Conecta Bajio S. de R.L. de "
                     "C.V. on Monday. Red Sur will start in May; Conecta Bajio later. Nordwind "
                     "Energie GmbH & Co. KG signed, Nordwind Energie said.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  ck_assert_int_lt(entity_named(r, "Red Sur"), 0);
  ck_assert_int_lt(entity_named(r, "Conecta Bajio"), 0);
  ck_assert_int_lt(entity_named(r, "Nordwind Energie"), 0);
  ck_assert_int_ge(entity_named(r, "Red Sur S.A. de C.V."), 0);
  ck_assert_int_ge(entity_named(r, "Conecta Bajio S. de R.L. de C.V."), 0);
  ck_assert_int_ge(entity_named(r, "Nordwind Energie GmbH & Co. KG"), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A body named by its English name, its acronym and its own language's
 * name is one entity under the English name. */
START_TEST(test_english_name_of_body)
{
  const char *text = "Indonesia's Financial Services Authority (OJK) approved the plan. Otoritas "
                     "Jasa Keuangan said more would follow.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  ck_assert_int_lt(entity_named(r, "Otoritas Jasa Keuangan"), 0);
  const long e = entity_named(r, "Financial Services Authority");
  ck_assert_int_ge(e, 0);
  size_t n = 0;
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    n += tg_result_mention(r, i)->entity == e;
  }
  ck_assert_uint_ge(n, 3);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A tail word ("Fund", lexicon kind orgtail) is left out of short forms
 * like a head word. */
START_TEST(test_short_form_tail_word)
{
  const char *text = "The board granted final registration to Ujjwal Asset Managers and Kestrel "
                     "Capital Mutual Fund to launch schemes. Kestrel Capital is backed by Lion "
                     "Gate Partners.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  ck_assert_int_lt(entity_named(r, "Kestrel Capital"), 0);
  ck_assert_int_ge(entity_named(r, "Kestrel Capital Mutual Fund"), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* A short form that abbreviates the last words of a full name to their
 * initials is that company ("Sahel PSB"); one that two full names give is
 * neither's. */
START_TEST(test_initials_short_form)
{
  const char *one = "Sahel PSB gets a licence. Sahel Payment Service Bank Limited obtained a "
                    "permit on Monday.";
  TgDocument *doc = NULL;
  TgResult *r = run(one, "2025-05-12", &doc);
  ck_assert_int_lt(entity_named(r, "Sahel PSB"), 0);
  const long e = entity_named(r, "Sahel Payment Service Bank Limited");
  ck_assert_int_ge(e, 0);
  size_t n = 0;
  for (size_t i = 0; i < tg_result_n_mentions(r); ++i) {
    n += tg_result_mention(r, i)->entity == e;
  }
  ck_assert_uint_eq(n, 2);
  tg_result_free(r);
  tg_document_free(doc);
  const char *two = "Sahel PSB gets a licence. Sahel Payment Service Bank Ltd and Sahel Postal "
                    "Savings Bank Ltd applied.";
  r = run(two, "2025-05-12", &doc);
  ck_assert_int_ge(entity_named(r, "Sahel PSB"), 0);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* One sense per document: the second "Tana Wave", outside any list, is a
 * company because the first one was. */
START_TEST(test_one_sense)
{
  const char *text = "Regulators granted licences to Savanna Fibre and Tana Wave. "
                     "Tana Wave said it would start in May.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  ck_assert_uint_eq(count_mentions(r, text, "Tana Wave", "Company"), 2);
  ck_assert_uint_eq(count_mentions(r, text, "Savanna Fibre", "Company"), 1);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

/* "May 9.Separately": the approval stops at the sentence end. */
START_TEST(test_run_together_sentences)
{
  const char *text = "Poland's UKE granted 5G test permits to Wisla Mobile and Odra Net for "
                     "trials in Gdansk, the regulator said on May 9.Separately, Baltic Tower "
                     "signed a roaming deal.";
  TgDocument *doc = NULL;
  TgResult *r = run(text, "2025-05-12", &doc);
  ck_assert_uint_eq(tg_result_n_sentences(r), 2);
  ck_assert_uint_eq(count_mentions(r, text, "May 9", "Date"), 1);
  tg_result_free(r);
  tg_document_free(doc);
}
END_TEST

static Suite *extractor_suite(void)
{
  Suite *s = suite_create("extractor");

  TCase *tc = tcase_create("facts");
  tcase_add_unchecked_fixture(tc, load, unload);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_approval_active);
  tcase_add_test(tc, test_approval_count);
  tcase_add_test(tc, test_approval_passive);
  tcase_add_loop_test(tc, test_approval_hedged, 0, (int)N_HEDGED);
  tcase_add_test(tc, test_acronym);
  tcase_add_test(tc, test_coreference);
  tcase_add_test(tc, test_coreference_without_antecedent);
  tcase_add_test(tc, test_statistic);
  tcase_add_test(tc, test_statistic_fall);
  tcase_add_test(tc, test_decision);
  tcase_add_test(tc, test_decision_trailing_date);
  tcase_add_test(tc, test_slugs_deterministic);
  tcase_add_test(tc, test_slug_merges_spellings);
  tcase_add_test(tc, test_seed_article);
  tcase_add_test(tc, test_empty_document);
  tcase_add_test(tc, test_budget);
  tcase_add_loop_test(tc, test_names, 0, (int)N_NAMES);
  tcase_add_test(tc, test_one_sense);
  tcase_add_test(tc, test_short_form);
  tcase_add_test(tc, test_short_form_joined_legal_forms);
  tcase_add_test(tc, test_initials_short_form);
  tcase_add_test(tc, test_short_form_tail_word);
  tcase_add_test(tc, test_english_name_of_body);
  tcase_add_test(tc, test_legal_form_of_gazetteer_company);
  tcase_add_test(tc, test_run_together_sentences);
  suite_add_tcase(s, tc);

  tc = tcase_create("api");
  tcase_set_timeout(tc, 600);
  tcase_add_unchecked_fixture(tc, load, unload);
  tcase_add_test(tc, test_free_null);
  tcase_add_test(tc, test_load_missing_dir);
  tcase_add_test(tc, test_alloc_failure);
  tcase_add_test(tc, test_alloc_failure_load);
  suite_add_tcase(s, tc);
  return s;
}

int main(void)
{
  if (!getenv("TELEGRAPH_DATA") || !getenv("TG_SOURCE_ROOT")) {
    fprintf(stderr, "test_extractor: set TELEGRAPH_DATA and TG_SOURCE_ROOT\n");
    return EXIT_FAILURE;
  }
  SRunner *sr = srunner_create(extractor_suite());
  srunner_run_all(sr, CK_NORMAL);
  const int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
