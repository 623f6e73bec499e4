/* telegraph internals: token patterns, the elements: building one (the
 * token classes and first bytes it can match, a set's table of words) and
 * what one matches at a token: words, lexicon kinds, gazetteer names,
 * token classes and shapes (see tokmatch.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "tokprog.h"

#include <stdint.h>
#include <string.h>

/* ---- Building elements ---- */

static TgStatus index_set(const TgTokProg *p, Elem *e);

#define CLS(c) (1u << (c))
#define ALL_CLASSES (CLS(TG_TOK_PUNCT + 1) - 1)
#define WORD_CLASSES                                                                    \
  (CLS(TG_TOK_LOWER) | CLS(TG_TOK_CAP) | CLS(TG_TOK_UPPER) | CLS(TG_TOK_ABBREV) |       \
   CLS(TG_TOK_NUMBER) | CLS(TG_TOK_ALNUM) | CLS(TG_TOK_CJK))

/* The token classes an element can match (a cheap test before the real
 * one); sets and sequences take any. */
/* A word token's class follows from its first byte: one that starts with
 * an ASCII letter is LOWER, CAP, UPPER, ABBREV or CJK, one that starts
 * with a digit NUMBER, ALNUM or CJK (segmenter.c, word_class); lower-case
 * first letters make LOWER (or CJK), upper-case ones the others; any other
 * ASCII byte starts no word. */
#define LETTER_CLASSES                                                                  \
  (CLS(TG_TOK_LOWER) | CLS(TG_TOK_CAP) | CLS(TG_TOK_UPPER) | CLS(TG_TOK_ABBREV) |       \
   CLS(TG_TOK_CJK))
static unsigned word_classes(const Elem *e) {
  const unsigned char b = (unsigned char)e->text[0];
  if (e->prefix) {
    return WORD_CLASSES; /* "grant*" also matches a part after a hyphen */
  }
  if (b >= '0' && b <= '9') {
    return CLS(TG_TOK_NUMBER) | CLS(TG_TOK_ALNUM) | CLS(TG_TOK_CJK);
  }
  const bool lower = b >= 'a' && b <= 'z';
  const bool upper = b >= 'A' && b <= 'Z';
  if (b < 0x80 && !lower && !upper) {
    return ALL_CLASSES & ~WORD_CLASSES; /* "$", ",", "'s": no word starts so */
  }
  if (!lower && !upper) {
    return ALL_CLASSES;
  }
  if (!e->exact) {
    return LETTER_CLASSES;
  }
  return lower ? CLS(TG_TOK_LOWER) | CLS(TG_TOK_CJK) : LETTER_CLASSES & ~CLS(TG_TOK_LOWER);
}

static unsigned elem_classes(const TgTokProg *p, const Elem *e) {
  unsigned m = ALL_CLASSES;
  if (e->kind == E_LIT && e->len) {
    m = word_classes(e);
  } else if (e->kind == E_SET || e->kind == E_SEQ) {
    /* a set: its members' together; a sequence: its first member's */
    const unsigned n = e->kind == E_SET ? e->count : (e->count ? 1 : 0);
    m = n ? 0 : ALL_CLASSES;
    for (unsigned k = 0; k < n; ++k) {
      const unsigned mi = *(const unsigned *)tg_vec_at(&p->members, e->val + k);
      m |= ((const Elem *)tg_vec_at(&p->elems, mi))->classes;
    }
  } else if (e->kind == E_CLASS) {
    m = CLS(e->val);
  } else if (e->kind == E_WORD) {
    m = WORD_CLASSES;
  } else if (e->kind == E_SHAPE) {
    switch (e->val) {
    case S_YEAR: case S_NUM: case S_GROUP3: case S_ISODATE: m = CLS(TG_TOK_NUMBER); break;
    case S_DAYNUM: case S_NUMSCALE: m = CLS(TG_TOK_NUMBER) | CLS(TG_TOK_ALNUM); break;
    case S_CURNUM: m = CLS(TG_TOK_CAP) | CLS(TG_TOK_UPPER); break;
    default: m = CLS(TG_TOK_LOWER) | CLS(TG_TOK_CAP) | CLS(TG_TOK_UPPER); break;
    }
  }
  if (e->upper) {
    m &= CLS(TG_TOK_CAP) | CLS(TG_TOK_UPPER) | CLS(TG_TOK_ABBREV) | CLS(TG_TOK_CJK);
  }
  return m;
}

static void first_set(Elem *e, unsigned char b) { e->first[b >> 5] |= 1u << (b & 31); }

/* The first bytes of the tokens an element can match: a word's first
 * letter in either case (unless exact), a set's members' together, a
 * sequence's first member's; any byte for the rest (a class or a shape
 * matches any token of its kind).  A prefix ("grant*") also matches a part
 * after a hyphen: in_parts. */
static void elem_first(const TgTokProg *p, Elem *e) {
  memset(e->first, 0, sizeof e->first);
  e->in_parts = e->kind == E_LIT && e->prefix;
  if (e->kind == E_LIT && e->len) {
    const unsigned char b = (unsigned char)e->text[0];
    first_set(e, b);
    if (!e->exact && b >= 'a' && b <= 'z') {
      first_set(e, (unsigned char)(b - 32));
    } else if (!e->exact && b >= 'A' && b <= 'Z') {
      first_set(e, (unsigned char)(b + 32));
    }
    return;
  }
  if (e->kind == E_SET || e->kind == E_SEQ) {
    const unsigned n = e->kind == E_SET ? e->count : (e->count ? 1 : 0);
    for (unsigned k = 0; k < n; ++k) {
      const unsigned mi = *(const unsigned *)tg_vec_at(&p->members, e->val + k);
      const Elem *m = (const Elem *)tg_vec_at(&p->elems, mi);
      for (size_t w = 0; w < 8; ++w) {
        e->first[w] |= m->first[w];
      }
      e->in_parts = e->in_parts || m->in_parts;
    }
    return;
  }
  memset(e->first, 0xff, sizeof e->first);
}

/* Add an element, or find the same one (a macro used by many patterns
 * yields one element, tested once per token). */
TgStatus tg_tok_add_elem(TgTokProg *p, const Elem *e0, unsigned *idx) {
  Elem copy = *e0;
  copy.classes = elem_classes(p, e0);
  elem_first(p, &copy);
  const Elem *e = &copy;
  if (e->kind != E_SET && e->kind != E_SEQ) {
    for (size_t k = 0; k < p->elems.len; ++k) {
      Elem *o = (Elem *)tg_vec_at(&p->elems, k);
      if (o->kind == e->kind && o->glued == e->glued && o->upper == e->upper &&
          o->exact == e->exact && o->prefix == e->prefix && o->val == e->val &&
          o->len == e->len &&
          (!e->len || memcmp(o->text, e->text, e->len) == 0)) {
        *idx = (unsigned)k;
        tg_free(copy.text);
        return TG_SUCCESS;
      }
    }
  }
  if (e->kind == E_SET || e->kind == E_SEQ) {
    /* the same members in the same order (a set written in many patterns:
     * one first element, tested once, starting all of them) */
    const unsigned *mine = (const unsigned *)tg_vec_at(&p->members, e->val);
    for (size_t k = 0; k < p->elems.len; ++k) {
      const Elem *o = (const Elem *)tg_vec_at(&p->elems, k);
      if (o->kind == e->kind && o->glued == e->glued && o->upper == e->upper &&
          o->count == e->count && o->val != e->val &&
          memcmp(tg_vec_at(&p->members, o->val), mine, e->count * sizeof(unsigned)) == 0) {
        *idx = (unsigned)k;
        return TG_SUCCESS;
      }
    }
  }
  if (copy.kind == E_SET) {
    TgStatus st = index_set(p, &copy);
    if (st) {
      return st;
    }
  }
  *idx = (unsigned)p->elems.len;
  TgStatus st = tg_vec_push(&p->elems, e);
  if (st) {
    tg_free(copy.words);
    tg_free(copy.rest);
  }
  return st;
}

/* ---- Sets ---- */

static const Elem *member(const TgTokProg *p, const Elem *set, unsigned k) {
  return (const Elem *)tg_vec_at(&p->elems, *(const unsigned *)tg_vec_at(&p->members, set->val + k));
}

static bool plain_word(const Elem *m) { return m->kind == E_LIT && !m->prefix && m->len; }

static TgStatus index_set(const TgTokProg *p, Elem *e) {
  unsigned n_words = 0;
  e->words = NULL;
  e->rest = NULL;
  e->words_cap = 0;
  e->words_max = 0;
  e->n_rest = 0;
  for (unsigned k = 0; k < e->count; ++k) {
    n_words += plain_word(member(p, e, k));
  }
  if (n_words) {
    e->words_cap = 4;
    while (e->words_cap < 2 * n_words) {
      e->words_cap *= 2;
    }
    e->words = (uint32_t *)tg_calloc(e->words_cap, sizeof(uint32_t));
  }
  e->rest = (uint32_t *)tg_calloc(e->count - n_words + 1, sizeof(uint32_t));
  if ((n_words && !e->words) || !e->rest) {
    tg_free(e->words);
    tg_free(e->rest);
    e->words = e->rest = NULL;
    return TG_BAD_ALLOC;
  }
  for (unsigned k = 0; k < e->count; ++k) {
    const Elem *m = member(p, e, k);
    if (!plain_word(m)) {
      e->rest[e->n_rest++] = k;
      continue;
    }
    size_t h = tg_tok_word_hash(m->text, m->len) & (e->words_cap - 1);
    while (e->words[h]) {
      h = (h + 1) & (e->words_cap - 1);
    }
    e->words[h] = k + 1;
    e->words_max = m->len > e->words_max ? m->len : e->words_max;
  }
  return TG_SUCCESS;
}

/* ---- Matching elements ---- */

static bool digits(const char *s, size_t len) {
  if (!len) {
    return false;
  }
  for (size_t i = 0; i < len; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  return true;
}

/* Digits with at most one decimal part: "12", "1.5". */
static bool plain_number(const char *s, size_t len) {
  const char *dot = (const char *)memchr(s, '.', len);
  if (!dot) {
    return digits(s, len);
  }
  return digits(s, (size_t)(dot - s)) && digits(dot + 1, len - (size_t)(dot - s) - 1);
}

static bool lex_has(const TgTokInput *in, int kind, const char *s, size_t len) {
  long long v = 0;
  return in->lex && tg_lexicon_find_kind(in->lex, kind, s, len, &v);
}

/* Length of the number at the start of s ("5", "1.25"). */
static size_t number_prefix(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && s[i] >= '0' && s[i] <= '9') {
    ++i;
  }
  if (i && i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
    ++i;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
  }
  return i;
}

/* "twenty-five": number words joined by hyphens ("hundred" counts, not
 * "million": a scale of 1000 or more is no number alone). */
static bool number_words(const TgTokProg *p, const TgTokInput *in, const char *s, size_t len) {
  if (!len || !in->lex || !(tg_lexicon_may_start(in->lex, p->k_number, s[0]) ||
                            tg_lexicon_may_start(in->lex, p->k_scale, s[0]))) {
    return false; /* no number word starts so */
  }
  size_t b = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i == len || s[i] == '-') {
      long long v = 0;
      const bool small_scale =
          in->lex && tg_lexicon_find_kind(in->lex, p->k_scale, s + b, i - b, &v) &&
          v < 1000; /* "hundred" */
      if (i == b || !(lex_has(in, p->k_number, s + b, i - b) || small_scale)) {
        return false;
      }
      b = i + 1;
    }
  }
  return true;
}

static bool shape(const TgTokProg *p, const TgTokInput *in, unsigned sh, const char *s,
                  size_t len) {
  size_t k = 0;
  switch (sh) {
  case S_YEAR:
    return len == 4 && digits(s, 4) && ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0'));
  case S_DAYNUM: { /* 1-31, "01"-"09", with an optional "st", "th" */
    while (k < len && k < 2 && s[k] >= '0' && s[k] <= '9') {
      ++k;
    }
    const int v = k == 0 ? 0 : (k == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0'));
    if (v < 1 || v > 31 || (k == 1 && s[0] == '0')) {
      return false;
    }
    return k == len || lex_has(in, p->k_suffix, s + k, len - k);
  }
  case S_NUM: return plain_number(s, len);
  case S_GROUP3: return number_prefix(s, len) == len && len >= 3 && digits(s, 3) && (len == 3 || s[3] == '.');
  case S_ISODATE:
    return len == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
           digits(s + 8, 2);
  case S_NUMSCALE:
    k = number_prefix(s, len);
    return k && k < len && lex_has(in, p->k_scale, s + k, len - k);
  case S_CURNUM: /* "GBP275", "ZAR808.8", "N5bn", "R5": a currency glued to a number */
    while (k < len && k < 4 && !(s[k] >= '0' && s[k] <= '9')) {
      ++k;
    }
    if (!k || k == len || !(s[k] >= '0' && s[k] <= '9') || !(s[0] >= 'A' && s[0] <= 'Z') ||
        !lex_has(in, p->k_currency, s, k)) {
      return false;
    }
    {
      const size_t m = number_prefix(s + k, len - k);
      return m && (k + m == len || lex_has(in, p->k_scale, s + k + m, len - k - m));
    }
  default: return number_words(p, in, s, len);
  }
}

static char fold_byte(char c) { return (char)((c >= 'A' && c <= 'Z') ? c + 32 : c); }

static bool upper_start(const TgToken *t) { return t->upper; }

/* Do the e->len bytes at s spell e's word (ASCII case ignored unless exact)? */
static bool same_word(const Elem *e, const char *s) {
  if (e->exact) {
    return memcmp(s, e->text, e->len) == 0;
  }
  for (size_t k = 0; k < e->len; ++k) {
    char a = s[k];
    char b = e->text[k];
    a = (char)((a >= 'A' && a <= 'Z') ? a + 32 : a);
    b = (char)((b >= 'A' && b <= 'Z') ? b + 32 : b);
    if (a != b) {
      return false;
    }
  }
  return true;
}

/* Set e at token i: what its first matching member, in order, matches.
 * Its plain words are found by the token's folded text; only the other
 * members before the first word that matches are tried one by one. */
static size_t set_len(const TgTokProg *p, const TgTokInput *in, const Elem *e, size_t i) {
  const TgToken *t = &in->toks[i];
  const char *s = in->text + t->span.begin;
  const size_t len = t->span.end - t->span.begin;
  unsigned word = UINT32_MAX; /* the first plain word that matches */
  if (e->words_cap && len <= e->words_max) {
    for (size_t h = tg_tok_word_hash(s, len) & (e->words_cap - 1); e->words[h];
         h = (h + 1) & (e->words_cap - 1)) {
      const unsigned k = e->words[h] - 1;
      if (k < word && tg_tok_elem_len(p, in, member(p, e, k), i)) {
        word = k;
      }
    }
  }
  int hyphen = -1; /* does the token hold a hyphen? (-1: not looked yet) */
  for (unsigned r = 0; r < e->n_rest && e->rest[r] < word; ++r) {
    const Elem *m = member(p, e, e->rest[r]);
    if ((m->kind == E_CLASS || m->kind == E_ANY) && !m->glued) {
      /* a class or ANY, ^ANY: decided here, without the call */
      if ((m->kind == E_ANY || t->cls == m->val) && (!m->upper || upper_start(t))) {
        return 1;
      }
      continue;
    }
    if (m->kind == E_LIT && m->prefix && fold_byte(m->text[0]) != fold_byte(s[0])) {
      if (hyphen < 0) {
        hyphen = memchr(s, '-', len) != NULL;
      }
      if (!hyphen) {
        continue; /* a prefix of another first letter, and no part after a hyphen */
      }
    }
    const size_t n = tg_tok_elem_len(p, in, m, i);
    if (n) {
      return n;
    }
  }
  return word != UINT32_MAX ? 1 : 0;
}

/* Tokens matched by element e at token i (0: no match). */
size_t tg_tok_elem_len(const TgTokProg *p, const TgTokInput *in, const Elem *e, size_t i) {
  if (i >= in->n) {
    return 0;
  }
  const TgToken *t = &in->toks[i];
  if (e->glued && (i == 0 || in->toks[i - 1].span.end != t->span.begin)) {
    return 0;
  }
  if (e->upper && !upper_start(t)) {
    return 0;
  }
  const char *s = in->text + t->span.begin;
  const size_t len = t->span.end - t->span.begin;
  switch (e->kind) {
  case E_ANY: return 1;
  case E_WORD: return t->word ? 1 : 0;
  case E_CLASS: return t->cls == e->val ? 1 : 0;
  case E_SHAPE: return shape(p, in, e->val, s, len) ? 1 : 0;
  case E_LIT:
    if (!e->prefix) {
      return len == e->len && same_word(e, s) ? 1 : 0;
    }
    /* "grant*": the token, or a part of it after a hyphen, starts with it */
    for (size_t k = 0; k + e->len <= len; ++k) {
      if ((k == 0 || s[k - 1] == '-') && same_word(e, s + k)) {
        return 1;
      }
    }
    return 0;
  case E_LEX: {
    if (!in->lex || !len || !tg_lexicon_may_start(in->lex, (int)e->val, s[0])) {
      return 0; /* no entry of the kind starts so */
    }
    /* A word written with its period ("Jan.", "Rs.") first. */
    if (i + 1 < in->n && in->toks[i + 1].span.begin == t->span.end &&
        in->text[t->span.end] == '.' && in->toks[i + 1].span.end == t->span.end + 1 &&
        lex_has(in, (int)e->val, s, len + 1)) {
      return 2;
    }
    TgLexToken lt[TG_LEXICON_PHRASE_MAX];
    size_t m = 0;
    for (; m < TG_LEXICON_PHRASE_MAX && i + m < in->n; ++m) {
      const TgToken *u = &in->toks[i + m];
      lt[m].text = in->text + u->span.begin;
      lt[m].len = u->span.end - u->span.begin;
    }
    return tg_lexicon_match_kind(in->lex, (int)e->val, lt, m, NULL, NULL);
  }
  case E_GAZ: {
    size_t n = 0;
    const long g = in->gaz ? tg_gazetteer_match(in->gaz, in->text, in->toks, in->n, i, &n) : -1;
    return g >= 0 && (unsigned)tg_gazetteer_entry(in->gaz, (size_t)g)->cls == e->val ? n : 0;
  }
  case E_SEQ: {
    size_t at = i;
    for (unsigned k = 0; k < e->count; ++k) {
      const unsigned mi = *(const unsigned *)tg_vec_at(&p->members, e->val + k);
      const size_t n = tg_tok_elem_len(p, in, (const Elem *)tg_vec_at(&p->elems, mi), at);
      if (!n) {
        return 0;
      }
      at += n;
    }
    return at - i;
  }
  default: return set_len(p, in, e, i);
  }
}


