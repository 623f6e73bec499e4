/* telegraph: <telegraph/store.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/store.h"
#include "telegraph/store.h"

int tg_header_store_ok(void);
int tg_header_store_ok(void) { return 1; }
int tg_header_store_use(void);
int tg_header_store_use(void) { return (int)sizeof(&tg_store_open) + (int)TG_RESULTS_JSON; }
