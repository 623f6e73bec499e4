/* telegraph: <telegraph/error.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/error.h"
#include "telegraph/error.h"

int tg_header_error_ok(void);
int tg_header_error_ok(void) { return 1; }
TgErrorFn tg_header_error_use(void);
TgErrorFn tg_header_error_use(void) { return (TgErrorFn)0; }
