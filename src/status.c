/* telegraph: status strings and the library version.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/telegraph.h"

#include "tg_config.h"

const char *tg_strerror(TgStatus st) {
  switch (st) {
  case TG_SUCCESS: return "success";
  case TG_FAILURE: return "nothing found";
  case TG_BAD_ALLOC: return "out of memory";
  case TG_BAD_ARG: return "invalid argument";
  case TG_BAD_READ: return "cannot read input";
  case TG_BAD_WRITE: return "cannot write output";
  case TG_BAD_TEXT: return "invalid text";
  case TG_BAD_SYNTAX: return "invalid syntax";
  case TG_BAD_PATTERN: return "invalid regular expression";
  case TG_BAD_DATE: return "invalid date";
  case TG_BAD_LIMIT: return "resource limit exceeded";
  case TG_BAD_RDF: return "RDF library error";
  case TG_BAD_STORE: return "store error";
  }
  return "unknown status";
}

const char *tg_version(void) { return TG_VERSION; }
