/* telegraph internals: short forms that abbreviate a company name's last
 * words to their initials ("Sahel PSB" for "Sahel Payment Service Bank
 * Limited").
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_INITIALS_H
#define TG_INITIALS_H

#include "lexicon.h"
#include "util.h"

#include <telegraph/result.h>

#include <stdbool.h>
#include <stddef.h>

/* For each name i with use[i] whose full[i] is still -1 and that is some
 * first words of another name j (with use[j]) followed by the initials of
 * j's remaining capitalised words, legal forms at its end left out or not
 * ("Sahel PSB", "Kano TG"), set full[i] = j.  A short form that two
 * different full names give is neither's.  Linear in the names. */
TgStatus tg_initials_resolve(const TgLexicon *lex, const char *text, const TgSpan *names,
                             const bool *use, size_t n, long *full);

#endif
