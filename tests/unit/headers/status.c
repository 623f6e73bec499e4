/* telegraph: <telegraph/status.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/status.h"
#include "telegraph/status.h"

int tg_header_status_ok(void);
int tg_header_status_ok(void) { return 1; }
int tg_header_status_use(void);
int tg_header_status_use(void) { return (int)TG_BAD_STORE + (tg_strerror(TG_SUCCESS) != 0); }
