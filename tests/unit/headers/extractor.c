/* telegraph: <telegraph/extractor.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/extractor.h"
#include "telegraph/extractor.h"

int tg_header_extractor_ok(void);
int tg_header_extractor_ok(void) { return 1; }
int tg_header_extractor_use(void);
int tg_header_extractor_use(void) { return (int)sizeof(&tg_extractor_run); }
