/* telegraph: <telegraph/batch.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/batch.h"
#include "telegraph/batch.h"

int tg_header_batch_ok(void);
int tg_header_batch_ok(void) { return 1; }
int tg_header_batch_use(void);
int tg_header_batch_use(void) { return (int)sizeof(&tg_batch_run) + (int)sizeof(TgBatchOptions); }
