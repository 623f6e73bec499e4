/* telegraph: <telegraph/document.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/document.h"
#include "telegraph/document.h"

int tg_header_document_ok(void);
int tg_header_document_ok(void) { return 1; }
int tg_header_document_use(void);
int tg_header_document_use(void) { return (int)sizeof(&tg_document_new); }
