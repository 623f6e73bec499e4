/* telegraph: <telegraph/telegraph.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/telegraph.h"
#include "telegraph/telegraph.h"

int tg_header_telegraph_ok(void);
int tg_header_telegraph_ok(void) { return 1; }
const char *tg_header_telegraph_use(void);
const char *tg_header_telegraph_use(void) { return tg_version(); }
