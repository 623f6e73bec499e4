/* libFuzzer target: the rule-file parser and compiler, tg_ruleset_parse().
 *
 * The input is parsed whole into a fresh rule set, then again split at
 * random line boundaries into several "files" appended to one rule set (so
 * defines and ids carry across calls as with several --rules files).
 * Every diagnostic must carry a message; on success every rule has an id,
 * a class and a main pattern.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "fuzz_common.h"

#include "src/rules.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_rules(const TgRuleSet *rs) {
  for (size_t i = 0; i < tg_ruleset_size(rs); ++i) {
    const TgRule *r = tg_ruleset_rule(rs, i);
    if (!r || !r->id || r->cls == TG_CLASS_NONE || r->patterns[TG_PAT_MAIN].len == 0) {
      abort();
    }
  }
}

static TgStatus parse(TgRuleSet *rs, const char *name, const char *text, size_t len) {
  /* Exactly len bytes, no terminator: the parser must not read past. */
  char *copy = malloc(len ? len : 1);
  if (!copy) {
    return TG_BAD_ALLOC;
  }
  memcpy(copy, text, len);
  TgStatus st = tg_ruleset_parse(rs, name, copy, len, fuzz_err, NULL);
  free(copy);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  TgRuleSet *rs = tg_ruleset_new();
  if (!rs) {
    return 0;
  }
  /* After a failed parse the set may keep the half-made rule that failed
   * (see README.md): the rules are checked only when all were accepted. */
  if (parse(rs, "fuzz.rules", text, size) == TG_SUCCESS) {
    check_rules(rs);
  }
  tg_ruleset_free(rs);

  rs = tg_ruleset_new();
  if (!rs) {
    return 0;
  }
  FuzzRng rng;
  fuzz_rng_init(&rng, data, size);
  size_t off = 0;
  unsigned part = 0;
  bool all_ok = true;
  while (off < size) {
    size_t end = off + fuzz_chunk(&rng, size - off);
    /* Prefer a cut just after a newline, as real files end. */
    const char *nl = memchr(text + end - 1, '\n', size - (end - 1));
    if (nl && (fuzz_rng_next(&rng) & 3)) {
      end = (size_t)(nl - text) + 1;
    }
    char name[32];
    snprintf(name, sizeof name, "part%u.rules", part++);
    all_ok = parse(rs, name, text + off, end - off) == TG_SUCCESS && all_ok;
    off = end;
  }
  if (all_ok) {
    check_rules(rs);
  }
  tg_ruleset_free(rs);
  return 0;
}
