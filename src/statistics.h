/* telegraph internals, a statistic's slots from around it (statistics.c):
 * its unit, its date and its measure when the rule's match did not give
 * them.  Each takes the result under construction and writes only the
 * fact it is given (or, for tg_stat_compared_measures, the facts of one
 * sentence); slot literals are borrowed from the result's mentions or
 * other facts.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_STATISTICS_H
#define TG_STATISTICS_H

#include "abstract.h"
#include "pipeline.h"

/* The unit of a statistic whose value is money or a percentage: its
 * currency, set or added as the fact's unit slot. */
TgStatus tg_stat_derive_unit(TgResult *r, TgFactRec *f);

/* `fill unit`: a count with no counted noun of its own takes the unit of
 * the latest count statistic of sentence `si` or the `window` before it. */
TgStatus tg_stat_inherit_unit(TgResult *r, size_t si, size_t window, TgFactRec *f);

/* The mention of a statistic's value (or, with none, of its change), or -1. */
long tg_stat_value_anchor(const TgFactRec *f);

/* Whether the date mention `m` (of the abstracted sentence `a`) may date the
 * statistic whose value is mention `anchor` (>= 0); if so *gap is its
 * weighted distance, the smallest winning. */
bool tg_stat_date_gap(TgResult *r, const char *text, const TgAbstract *a, const TgMention *m,
                      long anchor, size_t *gap);

/* A statistic of sentence `si` dated by reference ("at the same date", "in
 * the month") takes the asOf slot of the latest dated statistic a few
 * sentences back. */
TgStatus tg_stat_same_date(TgResult *r, const char *text, size_t si, TgFactRec *f);

/* The statistics of facts [from, end) without a measure take the measure
 * of the measured statistic whose value is nearest before theirs (else the
 * first after). */
TgStatus tg_stat_compared_measures(TgResult *r, size_t from);

#endif
