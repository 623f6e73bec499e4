/* telegraph stage 5, the abstracted sentence: each sentence rewritten
 * for the relation rules with a typed placeholder for every mention, its
 * own bytes kept ('<', '>', tab, newline and typographic quotes, dashes
 * and no-break spaces made plain), a period phrase's words left as they
 * are, and a definition in brackets folded into the name it defines.  The
 * map back to the text is a few pieces a mention, so it grows with the
 * sentence.  The rules and the facts are relations.c's.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "abstract.h"

#include <string.h>

static const char *code_of(TgClass cls) {
  switch (cls) {
  case TG_CLASS_REGULATOR: return "<REG>";
  case TG_CLASS_GOVERNMENT_BODY: return "<GOV>";
  case TG_CLASS_COMPANY: return "<ORG>";
  case TG_CLASS_NEWS_AGENCY: return "<AGENCY>";
  case TG_CLASS_PERSON: return "<PER>";
  case TG_CLASS_PLACE: return "<LOC>";
  case TG_CLASS_POLICY: return "<POLICY>";
  case TG_CLASS_SERVICE: return "<SERVICE>";
  case TG_CLASS_DATE: return "<DATE>";
  case TG_CLASS_NUMBER: return "<NUM>";
  case TG_CLASS_MONEY: return "<MONEY>";
  case TG_CLASS_PERCENT: return "<PCT>";
  default: return "<X>";
  }
}

static TgStatus abs_put(TgAbstract *a, const char *s, size_t n, size_t at, long owner) {
  const TgPiece *last = a->map.len ? (const TgPiece *)tg_vec_at(&a->map, a->map.len - 1) : NULL;
  const bool extends = last && owner < 0 && last->owner < 0 &&
                       last->text + (a->abs.len - last->abs) == at;
  const TgPiece piece = {a->abs.len, at, owner};
  if ((!extends && tg_vec_push(&a->map, &piece)) || tg_buf_append(&a->abs, s, n)) {
    return TG_BAD_ALLOC;
  }
  return TG_SUCCESS;
}

/* Cut the abstracted sentence back to its first `len` bytes. */
static void abs_truncate(TgAbstract *a, size_t len) {
  while (a->map.len && ((const TgPiece *)tg_vec_at(&a->map, a->map.len - 1))->abs >= len) {
    --a->map.len;
  }
  a->abs.len = len;
  a->abs.buf[len] = '\0';
}

/* The index of the piece holding abs[j]. */
size_t tg_abs_piece_index(const TgAbstract *a, size_t j) {
  size_t lo = 0;
  size_t hi = a->map.len;
  while (lo < hi) { /* the first piece beginning after j */
    const size_t mid = lo + (hi - lo) / 2;
    if (((const TgPiece *)tg_vec_at(&a->map, mid))->abs <= j) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo ? lo - 1 : 0;
}

/* The piece holding abs[j]. */
static const TgPiece *piece_at(const TgAbstract *a, size_t j) {
  return (const TgPiece *)tg_vec_at(&a->map, tg_abs_piece_index(a, j));
}

/* Walking the owners of abs[b..e): the pieces that hold its bytes, in
 * order (what tg_abs_owner gives byte by byte, a piece's run of bytes
 * taken once).  The first is tg_abs_piece_index(a, b) (none when b >= e);
 * tg_abs_piece_next gives the one after i, or a->map.len past the last. */
size_t tg_abs_piece_next(const TgAbstract *a, size_t i, size_t e) {
  for (++i; i < a->map.len; ++i) {
    const TgPiece *p = (const TgPiece *)tg_vec_at(&a->map, i);
    if (p->abs >= e) {
      break;
    }
    const bool empty =
        i + 1 < a->map.len && ((const TgPiece *)tg_vec_at(&a->map, i + 1))->abs == p->abs;
    if (!empty) {
      return i;
    }
  }
  return a->map.len;
}

/* The text offset abs[j] comes from. */
size_t tg_abs_text_at(const TgAbstract *a, size_t j) {
  const TgPiece *p = piece_at(a, j);
  return p->owner < 0 ? p->text + (j - p->abs) : p->text;
}

/* The mention abs[j] stands for, or -1. */
long tg_abs_owner(const TgAbstract *a, size_t j) { return piece_at(a, j)->owner; }

/* An ASCII byte the abstracted sentence keeps as it is ('<', '>', tab and
 * newline are replaced). */
static bool plain_byte(unsigned char c) {
  return c < 0x80 && c != '<' && c != '>' && c != '\n' && c != '\t';
}

/* Build the abstracted form of sentence `si`. */
TgStatus tg_abstract_sentence(TgResult *r, const char *text, size_t si, size_t *mention_cursor,
                              TgAbstract *a) {
  const TgSpan s = *(const TgSpan *)tg_vec_at(&r->sentences, si);
  a->abs.len = 0;
  a->map.len = 0;
  while (*mention_cursor < r->mentions.len &&
         tg_mention_at(r, *mention_cursor)->span.begin < s.begin) {
    ++*mention_cursor;
  }
  a->first = *mention_cursor;
  a->period = NULL;
  a->period_mention = -1;
  size_t mi = a->first;
  long prev = -1;
  size_t i = s.begin;
  TgStatus st;
  while (i < s.end) {
    /* A period phrase is no placeholder: its words stay. */
    while (mi < r->mentions.len && (tg_mention_at(r, mi)->flags & TG_MENTION_PERIOD) &&
           tg_mention_at(r, mi)->span.begin <= i) {
      a->period = a->period ? a->period : tg_mention_at(r, mi)->value;
      a->period_mention = a->period_mention >= 0 ? a->period_mention : (long)mi;
      ++mi;
    }
    if (mi < r->mentions.len && tg_mention_at(r, mi)->span.begin == i) {
      const TgMention *m = tg_mention_at(r, mi);
      const TgMention *pm = prev >= 0 ? tg_mention_at(r, (size_t)prev) : NULL;
      if (pm && m->entity >= 0 && pm->entity == m->entity && a->abs.len >= 2 && a->abs.buf[a->abs.len - 1] == '(' &&
          ((m->flags & TG_MENTION_DEFINITION) || (m->span.end < s.end && text[m->span.end] == ')'))) {
        /* "<REG> (MIIT)": fold the definition into the name; so too a name
         * of the same entity in brackets that is not written as a defined
         * acronym ("the National Health Surveillance Agency (Anvisa)"). */
        size_t keep = a->abs.len;
        while (keep && a->abs.buf[keep - 1] != '>') {
          --keep;
        }
        abs_truncate(a, keep);
        i = m->span.end;
        if (i < s.end && text[i] == ')') {
          ++i;
        }
        ++mi;
        continue;
      }
      const char *code = code_of(m->cls);
      if ((st = abs_put(a, code, strlen(code), i, (long)mi))) {
        return st;
      }
      prev = (long)mi;
      i = m->span.end;
      ++mi;
      continue;
    }
    const unsigned char c = (unsigned char)text[i];
    if (plain_byte(c)) {
      /* A run of bytes copied as they are, up to the next mention (or the
       * sentence's end): one piece, as byte by byte. */
      size_t stop = s.end;
      if (mi < r->mentions.len && tg_mention_at(r, mi)->span.begin > i &&
          tg_mention_at(r, mi)->span.begin < stop) {
        stop = tg_mention_at(r, mi)->span.begin;
      }
      size_t j = i + 1;
      while (j < stop && plain_byte((unsigned char)text[j])) {
        ++j;
      }
      if ((st = abs_put(a, text + i, j - i, i, -1))) {
        return st;
      }
      i = j;
      continue;
    }
    const char *rep = NULL;
    size_t n = 1;
    if (c == '<') rep = "[";
    else if (c == '>') rep = "]";
    else if (c == '\n' || c == '\t') rep = " ";
    else if (c >= 0x80) {
      uint32_t cp = 0;
      n = tg_utf8_decode((const unsigned char *)text + i, s.end - i, &cp);
      if (n == 0) {
        n = 1;
      }
      if (cp == 0x2018 || cp == 0x2019) rep = "'";
      else if (cp == 0x201C || cp == 0x201D) rep = "\"";
      else if (cp == 0x2013 || cp == 0x2014) rep = "-";
      else if (cp == 0xA0) rep = " ";
    }
    if ((st = rep ? abs_put(a, rep, 1, i, -1) : abs_put(a, text + i, n, i, -1))) {
      return st;
    }
    i += n;
  }
  while (mi < r->mentions.len && tg_mention_at(r, mi)->span.begin < s.end) {
    if ((tg_mention_at(r, mi)->flags & TG_MENTION_PERIOD) && a->period_mention < 0) {
      a->period = tg_mention_at(r, mi)->value; /* inside a mention that ends the sentence */
      a->period_mention = (long)mi;
    }
    ++mi;
  }
  a->last = mi;
  if (!a->abs.buf && tg_buf_append(&a->abs, "", 0)) {
    return TG_BAD_ALLOC;
  }
  return TG_SUCCESS;
}
