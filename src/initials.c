/* telegraph internals: short forms by initials (see initials.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "initials.h"

#include <string.h>

/* Words a full name is read in, and the longest short form built. */
#define TG_INIT_WORDS 12
#define TG_INIT_FORM 256

typedef struct {
  size_t n;
  TgSpan w[TG_INIT_WORDS];
} Words;

/* The space-separated words of text[s), trailing ',' and '.' kept. */
static bool split_words(const char *text, TgSpan s, Words *ws) {
  ws->n = 0;
  size_t i = s.begin;
  while (i < s.end) {
    while (i < s.end && text[i] == ' ') {
      ++i;
    }
    const size_t b = i;
    while (i < s.end && text[i] != ' ') {
      ++i;
    }
    if (i > b) {
      if (ws->n == TG_INIT_WORDS) {
        return false;
      }
      ws->w[ws->n++] = (TgSpan){b, i};
    }
  }
  return ws->n > 0;
}

static bool word_eq(const char *text, TgSpan w, const char *s) {
  return strlen(s) == w.end - w.begin && memcmp(text + w.begin, s, w.end - w.begin) == 0;
}

/* A legal form, "," or "." after it left out ("Limited", "Ltd.", "Co.,"). */
static bool legal_form(const TgLexicon *lex, const char *text, TgSpan w) {
  size_t len = w.end - w.begin;
  while (len && (text[w.begin + len - 1] == ',' || text[w.begin + len - 1] == '.')) {
    --len;
  }
  long long v = 0;
  return len && tg_lexicon_find(lex, "designator", text + w.begin, len, &v);
}

/* Append the initials of words [from, to) to buf; false if one of them is
 * neither capitalised nor a connector ("of", "and", "&", "for"). */
static bool initials(const char *text, const Words *ws, size_t from, size_t to, char *buf,
                     size_t *n) {
  size_t got = 0;
  for (size_t k = from; k < to; ++k) {
    const TgSpan w = ws->w[k];
    if (word_eq(text, w, "of") || word_eq(text, w, "and") || word_eq(text, w, "&") ||
        word_eq(text, w, "for")) {
      continue;
    }
    for (size_t i = w.begin; i < w.end; ++i) {
      const char c = text[i];
      const bool start = i == w.begin || text[i - 1] == '-';
      if (start && !(c >= 'A' && c <= 'Z')) {
        return false;
      }
      if (start) {
        if (*n + 1 >= TG_INIT_FORM) {
          return false;
        }
        buf[(*n)++] = c;
        ++got;
      }
    }
  }
  return got >= 2;
}

/* The short form of a full name: its first `keep` words, then the
 * initials of the words up to `upto`.  Its length, or 0. */
static size_t form_of(const char *text, const Words *ws, size_t keep, size_t upto, char *buf) {
  const size_t b = ws->w[0].begin;
  const size_t e = ws->w[keep - 1].end;
  if (e - b + 1 >= TG_INIT_FORM) {
    return 0;
  }
  memcpy(buf, text + b, e - b);
  size_t n = e - b;
  buf[n++] = ' ';
  return initials(text, ws, keep, upto, buf, &n) ? n : 0;
}

typedef struct {
  uint64_t hash;
  long name;  /* index + 1 of the full name; -1 when two disagree */
  size_t keep, upto;
} Slot;

typedef struct {
  Slot *slots;
  size_t cap;
} Forms;

static Slot *slot_for(const Forms *f, uint64_t h) {
  size_t i = (size_t)h & (f->cap - 1);
  while (f->slots[i].name && f->slots[i].hash != h) {
    i = (i + 1) & (f->cap - 1);
  }
  return &f->slots[i];
}

/* The number of words of a name that are no legal form at its end. */
static size_t without_legal_forms(const TgLexicon *lex, const char *text, const Words *ws) {
  size_t upto = ws->n;
  while (upto > 1 && legal_form(lex, text, ws->w[upto - 1])) {
    --upto;
  }
  return upto;
}

static void enter_forms(const TgLexicon *lex, const char *text, const TgSpan *names, Forms *f,
                        size_t j) {
  Words ws;
  char buf[TG_INIT_FORM];
  if (!split_words(text, names[j], &ws) || ws.n < 3) {
    return;
  }
  const size_t bare = without_legal_forms(lex, text, &ws);
  for (size_t pass = 0; pass < 2; ++pass) {
    const size_t upto = pass ? ws.n : bare;
    if (pass && upto == bare) {
      break;
    }
    for (size_t keep = 1; keep + 2 <= upto; ++keep) {
      const size_t n = form_of(text, &ws, keep, upto, buf);
      if (!n) {
        continue;
      }
      const uint64_t h = tg_hash(buf, n) | 1;
      Slot *s = slot_for(f, h);
      if (!s->name) {
        *s = (Slot){h, (long)j + 1, keep, upto};
      } else if (s->name > 0) {
        const TgSpan a = names[s->name - 1];
        const TgSpan b = names[j];
        if (a.end - a.begin != b.end - b.begin ||
            memcmp(text + a.begin, text + b.begin, a.end - a.begin) != 0) {
          s->name = -1; /* two full names give it */
        }
      }
    }
  }
}

/* The full name whose short form name i is, or -1. */
static long look_up(const char *text, const TgSpan *names, const Forms *f, size_t i) {
  const TgSpan s = names[i];
  size_t last = s.end;
  while (last > s.begin && text[last - 1] != ' ') {
    --last;
  }
  if (last <= s.begin) {
    return -1; /* one word */
  }
  for (size_t k = last; k < s.end; ++k) {
    if (!(text[k] >= 'A' && text[k] <= 'Z')) {
      return -1; /* "PSB": capitals only */
    }
  }
  if (s.end - last < 2 || s.end - s.begin >= TG_INIT_FORM) {
    return -1;
  }
  const Slot *slot = slot_for(f, tg_hash(text + s.begin, s.end - s.begin) | 1);
  if (slot->name <= 0 || (size_t)(slot->name - 1) == i) {
    return -1;
  }
  /* Check the text, not only its hash. */
  Words ws;
  char buf[TG_INIT_FORM];
  const size_t j = (size_t)(slot->name - 1);
  if (!split_words(text, names[j], &ws)) {
    return -1;
  }
  const size_t n = form_of(text, &ws, slot->keep, slot->upto, buf);
  return (n == s.end - s.begin && memcmp(buf, text + s.begin, n) == 0) ? (long)j : -1;
}

/* Could name i be a short form: two words or more, the last of capitals
 * only (look_up's first tests)? */
static bool may_be_short(const char *text, TgSpan s) {
  if (s.end - s.begin >= TG_INIT_FORM) {
    return false;
  }
  size_t last = s.end;
  while (last > s.begin && text[last - 1] != ' ') {
    --last;
  }
  if (last <= s.begin || s.end - last < 2) {
    return false;
  }
  for (size_t k = last; k < s.end; ++k) {
    if (!(text[k] >= 'A' && text[k] <= 'Z')) {
      return false;
    }
  }
  return true;
}

/* The most forms enter_forms makes of name j: two passes of at most
 * words - 2 each. */
static size_t forms_at_most(const char *text, TgSpan s) {
  Words ws;
  return split_words(text, s, &ws) && ws.n >= 3 ? 2 * (ws.n - 2) : 0;
}

TgStatus tg_initials_resolve(const TgLexicon *lex, const char *text, const TgSpan *names,
                             const bool *use, size_t n, long *full) {
  if (!lex || n < 2) {
    return TG_SUCCESS;
  }
  bool any_short = false;
  for (size_t i = 0; i < n && !any_short; ++i) {
    any_short = use[i] && full[i] < 0 && may_be_short(text, names[i]);
  }
  if (!any_short) {
    return TG_SUCCESS; /* nothing to look up */
  }
  /* The table is sized by the forms the names can make (at most half
   * full), not by the names: most names make none. */
  size_t forms = 0;
  for (size_t j = 0; j < n; ++j) {
    forms += use[j] ? forms_at_most(text, names[j]) : 0;
  }
  if (forms == 0) {
    return TG_SUCCESS;
  }
  Forms f = {NULL, 16};
  while (f.cap < 2 * forms) {
    f.cap *= 2;
  }
  if (!(f.slots = (Slot *)tg_calloc(f.cap, sizeof(Slot)))) {
    return TG_BAD_ALLOC;
  }
  for (size_t j = 0; j < n; ++j) {
    if (use[j]) {
      enter_forms(lex, text, names, &f, j);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (use[i] && full[i] < 0) {
      full[i] = look_up(text, names, &f, i);
    }
  }
  tg_free(f.slots);
  return TG_SUCCESS;
}
