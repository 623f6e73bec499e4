/* telegraph: <telegraph/report.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/report.h"
#include "telegraph/report.h"

int tg_header_report_ok(void);
int tg_header_report_ok(void) { return 1; }
int tg_header_report_use(void);
int tg_header_report_use(void) { return (int)sizeof(&tg_report_html); }
