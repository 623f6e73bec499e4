/* telegraph: <telegraph/result.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/result.h"
#include "telegraph/result.h"

int tg_header_result_ok(void);
int tg_header_result_ok(void) { return 1; }
size_t tg_header_result_use(void);
size_t tg_header_result_use(void) { TgSpan s = {0, 1}; return s.end + (size_t)TG_N_PROPS + sizeof(TgFact); }
