/* telegraph: <telegraph/attributes.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/attributes.h"
#include "telegraph/attributes.h"

int tg_header_attributes_ok(void);
int tg_header_attributes_ok(void) { return 1; }
TG_API TG_CONST_FUNC int tg_header_attributes_use(void);
TG_API TG_CONST_FUNC int tg_header_attributes_use(void) { return 2; }
