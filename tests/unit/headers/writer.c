/* telegraph: <telegraph/writer.h> must compile on its own (and twice).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/writer.h"
#include "telegraph/writer.h"

int tg_header_writer_ok(void);
int tg_header_writer_ok(void) { return 1; }
int tg_header_writer_use(FILE *f);
int tg_header_writer_use(FILE *f) { (void)f; return (int)sizeof(&tg_writer_new) + (int)TG_FORMAT_DOT; }
