/* telegraph: reports for people, every fact next to the words it came from.
 *
 * Two views of one document's result: a self-contained HTML5 page (the
 * article with every mention highlighted by class, the facts with their
 * slots, rules, confidences and sentences, and a picture of the graph) and
 * a plain-text explanation for a terminal (one fact a line, then its
 * sentence with the words of its slots marked).
 *
 * Ownership: `doc`, `result`, `base` and `out` are borrowed for the call;
 * nothing is retained and `out` is neither closed nor rewound.  Both
 * functions build their whole output in memory first, write it to `out`
 * and flush it, so a failure leaves at most a partial page on `out`.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TELEGRAPH_REPORT_H
#define TELEGRAPH_REPORT_H

#include "telegraph/attributes.h"
#include "telegraph/document.h"
#include "telegraph/result.h"
#include "telegraph/status.h"

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Write an HTML5 report of `doc` and `result` (made from `doc`) to `out`.
 *
 * The page is one file with inline CSS and JavaScript and no external
 * resource; all text from the article and the result is HTML-escaped.  It
 * holds the headline and date; the article text with each mention in a
 * `<span class="m c-CLASS" id="mN">` (N is the mention's index in
 * `result`) and each sentence in a `<span class="s" data-s="N">`; a legend
 * of the classes; every fact (`<li class="fact" id="approval-1"
 * data-sentence="N" data-mentions="mA mB ...">`, ids numbered per class in
 * text order as the writer numbers events) with its class, slots, rule id,
 * confidence and sentence, where hovering, focusing or clicking a fact
 * highlights its sentence and the words of its slots in the text; and the
 * graph as inline SVG.  The graph is the writer's GraphViz output
 * (TG_FORMAT_DOT, TG_PROVENANCE_NONE, IRIs minted under `base`, NULL for
 * the default) converted by running `dot -Tsvg` from PATH on a temporary
 * file; when `dot` is missing or fails, the page says so instead
 * ("Graph picture unavailable: ...") and the rest of the page is complete.
 *
 * Returns TG_SUCCESS, TG_BAD_ALLOC when memory runs out, TG_BAD_WRITE when
 * `out` reports an error. */
TG_API TG_NODISCARD TgStatus
tg_report_html(const TgDocument *doc, const TgResult *result, const char *base, FILE *out);

/** Write the facts of `result` (made from `doc`) to `out` as plain text.
 *
 * One fact a line, "approval-1  grantedBy=Ministry of ... date=2025-02-28
 * [approval.active 0.90]" (the id, two spaces, the slots as name=value
 * separated by one space with entity labels or literal values, two spaces,
 * the rule id and the confidence in brackets), then the fact's sentence on
 * one line indented by four spaces (line breaks read as spaces), with the
 * words of its slots between "[[" and "]]", or, when `color` is true,
 * in ANSI bold and a colour per class (and the id in bold).  A blank line
 * separates facts; a result without facts gives the line "(no facts)".
 *
 * Returns TG_SUCCESS, TG_BAD_ALLOC or TG_BAD_WRITE as tg_report_html(). */
TG_API TG_NODISCARD TgStatus
tg_report_explain(const TgDocument *doc, const TgResult *result, FILE *out, bool color);

#ifdef __cplusplus
}
#endif

#endif /* TELEGRAPH_REPORT_H */
