/* telegraph: what the extractor found in one document.
 *
 * A TgResult is produced by tg_extractor_run() and read by the writer, the
 * explainer and tests.  Everything it returns (structs, strings, arrays) is
 * borrowed from the result and lives until tg_result_free().  Offsets are
 * byte offsets into tg_document_text() of the document it was made from.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_RESULT_H
#define TELEGRAPH_RESULT_H

#include "telegraph/attributes.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a mention, entity or fact is.  Entity classes map to tg: classes
 * of the ontology; value classes are literals; fact classes are events. */
typedef enum {
  TG_CLASS_NONE = 0,
  /* Entities */
  TG_CLASS_REGULATOR,
  TG_CLASS_GOVERNMENT_BODY,
  TG_CLASS_COMPANY,
  TG_CLASS_NEWS_AGENCY,
  TG_CLASS_PERSON,
  TG_CLASS_PLACE,
  TG_CLASS_POLICY,
  TG_CLASS_SERVICE,
  /* Values */
  TG_CLASS_DATE,
  TG_CLASS_NUMBER,
  TG_CLASS_MONEY,
  TG_CLASS_PERCENT,
  /* Facts */
  TG_CLASS_APPROVAL,
  TG_CLASS_STATISTIC,
  TG_CLASS_DECISION,
  TG_CLASS_REPORT,     /**< A news agency the document cites */
  TG_CLASS_SUBSIDIARY, /**< A company named as a unit of another */
  TG_CLASS_ROLE,       /**< A person's job title and organisation */
  TG_N_CLASSES
} TgClass;

/** Roles a slot of a fact fills; most are tg: properties. */
typedef enum {
  TG_PROP_NONE = 0,
  TG_PROP_GRANTED_BY,
  TG_PROP_GRANTED_TO,
  TG_PROP_RECIPIENT_COUNT,
  TG_PROP_FOR_SERVICE,
  TG_PROP_IN_REGION,
  TG_PROP_DATE,
  TG_PROP_MEASURE,
  TG_PROP_VALUE,
  TG_PROP_UNIT,
  TG_PROP_AS_OF,
  TG_PROP_CHANGE_PERCENT,
  TG_PROP_CHANGE_BASIS,
  TG_PROP_DECIDED_BY,
  TG_PROP_ADOPTS,
  TG_PROP_REPORTED_BY,
  TG_PROP_PARENT,
  TG_PROP_CHILD,
  TG_PROP_PERSON,
  TG_PROP_JOB_TITLE,
  TG_PROP_AFFILIATION,
  TG_N_PROPS
} TgProperty;

/** A half-open byte range [begin, end) of the document text. */
typedef struct {
  size_t begin;
  size_t end;
} TgSpan;

/** Mention flags. */
enum {
  TG_MENTION_COREF = 1u << 0,      /**< Resolved by coreference ("the ministry") */
  TG_MENTION_DEFINITION = 1u << 1, /**< An acronym defined in parentheses */
  TG_MENTION_POSSESSIVE = 1u << 2, /**< Followed by 's */
  /** A yearless period phrase ("from January to March", "in the first
   * half") that dates the statistics read with it: class NONE, `value` the
   * period's last month ("2025-03", datatype gYearMonth).  No rule reads
   * it; it may overlap the dates inside it.  Their asOf slots point to it. */
  TG_MENTION_PERIOD = 1u << 3
};

typedef struct {
  TgSpan span;      /**< The words in the text */
  TgClass cls;      /**< Entity or value class */
  long entity;      /**< Index of the entity it refers to, or -1 for values */
  const char *value; /**< Normalised value for values ("2025-02-28", "2400"), else NULL */
  const char *datatype; /**< XSD local name of `value` ("date", "decimal"), else NULL */
  const char *unit; /**< Unit of a quantity ("percent", "CNY"), else NULL */
  unsigned flags;   /**< TG_MENTION_* */
  size_t sentence;  /**< Index of its sentence */
  const char *source; /**< What recognised it: "gazetteer", a rule id, "acronym", "coref" */
} TgMention;

typedef struct {
  TgClass cls;       /**< An entity class */
  const char *label; /**< Canonical name */
  const char *slug;  /**< IRI path under the base, e.g. "org/state-council" */
  const char *const *aliases; /**< Other surface forms seen */
  size_t n_aliases;
  const char *wikidata; /**< "Q956", or NULL */
  const char *geonames; /**< "1816670", or NULL */
  const char *dbpedia;  /**< "Beijing", or NULL */
  long parent;          /**< Parent organisation entity, or -1 */
  bool country;         /**< A place that is a country */
} TgEntity;

typedef struct {
  TgProperty prop;
  long entity;         /**< Entity filling it, or -1 */
  long mention;        /**< Mention supporting it, or -1 */
  const char *literal; /**< Literal value when not an entity */
  const char *datatype; /**< XSD local name of the literal, NULL for a plain string; for
                         changeBasis the tg:ChangeBasis concept its words name
                         ("YearOnYear", "MonthOnMonth", "QuarterOnQuarter") */
} TgSlot;

typedef struct {
  TgClass cls;         /**< A fact class */
  const char *rule;    /**< Id of the rule that produced it */
  double confidence;   /**< In [0, 1] */
  size_t sentence;     /**< Index of the sentence it came from */
  TgSpan span;         /**< The words the rule matched */
  const TgSlot *slots;
  size_t n_slots;
} TgFact;

typedef struct TgResultImpl TgResult;

/** Free `result`.  NULL is allowed. */
TG_API void tg_result_free(TgResult *result);

TG_API TG_PURE_FUNC size_t tg_result_n_sentences(const TgResult *r);
TG_API TG_PURE_FUNC TgSpan tg_result_sentence(const TgResult *r, size_t i);
TG_API TG_PURE_FUNC size_t tg_result_n_mentions(const TgResult *r);
TG_API TG_PURE_FUNC const TgMention *tg_result_mention(const TgResult *r, size_t i);
TG_API TG_PURE_FUNC size_t tg_result_n_entities(const TgResult *r);
TG_API TG_PURE_FUNC const TgEntity *tg_result_entity(const TgResult *r, size_t i);
TG_API TG_PURE_FUNC size_t tg_result_n_facts(const TgResult *r);
TG_API TG_PURE_FUNC const TgFact *tg_result_fact(const TgResult *r, size_t i);

/** The ontology name of a class ("Regulator", "Approval"), never NULL. */
TG_API TG_CONST_FUNC const char *tg_class_name(TgClass cls);
/** The class named `name` (length `len`), or TG_CLASS_NONE. */
TG_API TgClass tg_class_from_name(const char *name, size_t len);
/** The name of a property as rule files and tg: use it ("grantedBy"). */
TG_API TG_CONST_FUNC const char *tg_property_name(TgProperty prop);
/** The property named `name` (length `len`), or TG_PROP_NONE. */
TG_API TgProperty tg_property_from_name(const char *name, size_t len);
/** True if `cls` is an entity class (Regulator .. Service). */
TG_API TG_CONST_FUNC bool tg_class_is_entity(TgClass cls);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_RESULT_H */
