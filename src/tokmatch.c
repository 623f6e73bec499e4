/* telegraph internals: token patterns (see tokmatch.h).
 *
 * Patterns are parsed into a small tree, the tree is compiled into
 * instructions (ELEM, SPLIT, JMP, SAVE, assertions, MATCH: the Thompson
 * construction), and a pass runs every pattern's threads together over the
 * tokens.  Threads that reach the same instruction at the same token are
 * merged, keeping the earliest start, so a pass costs O(tokens x
 * instructions) however the patterns are written.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "tokprog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_names[] = {
    "LOWER", "CAP", "UPPER", "ABBREV", "NUMBER", "ALNUM", "CJK", "CURRENCY",
    "OPEN", "CLOSE", "POSSESSIVE", "PUNCT"};
static const char *const shape_names[N_SHAPES] = {"YEAR",    "DAYNUM",   "NUM",    "GROUP3",
                                                  "ISODATE", "NUMSCALE", "CURNUM", "NUMWORDS"};

TgTokProg *tg_tokprog_new(void) {
  TgTokProg *p = (TgTokProg *)tg_calloc(1, sizeof *p);
  if (p) {
    tg_vec_init(&p->elems, sizeof(Elem));
    tg_vec_init(&p->members, sizeof(unsigned));
    tg_vec_init(&p->insts, sizeof(Inst));
    tg_vec_init(&p->pats, sizeof(Pat));
    tg_vec_init(&p->macros, sizeof(Macro));
    tg_vec_init(&p->firsts, sizeof(unsigned));
    tg_vec_init(&p->pat_of, sizeof(unsigned));
    p->max_len = 1;
    p->k_number = tg_lexicon_kind("number");
    p->k_scale = tg_lexicon_kind("scale");
    p->k_currency = tg_lexicon_kind("currency");
    p->k_suffix = tg_lexicon_kind("ordinal-suffix");
    if (pthread_mutex_init(&p->pool_lock, NULL) != 0) {
      tg_free(p);
      return NULL;
    }
  }
  return p;
}

void tg_tokprog_free(TgTokProg *p) {
  if (!p) {
    return;
  }
  tg_tokscratch_drain(p);
  pthread_mutex_destroy(&p->pool_lock);
  for (size_t i = 0; i < p->elems.len; ++i) {
    Elem *e = (Elem *)tg_vec_at(&p->elems, i);
    tg_free(e->text);
    tg_free(e->words);
    tg_free(e->rest);
  }
  for (size_t i = 0; i < p->macros.len; ++i) {
    Macro *m = (Macro *)tg_vec_at(&p->macros, i);
    tg_free(m->name);
    tg_free(m->body);
  }
  tg_vec_clear(&p->elems);
  tg_vec_clear(&p->members);
  tg_vec_clear(&p->insts);
  tg_vec_clear(&p->pats);
  tg_vec_clear(&p->macros);
  tg_vec_clear(&p->firsts);
  tg_vec_clear(&p->pat_of);
  tg_free(p);
}

size_t tg_tokprog_size(const TgTokProg *p) { return p->pats.len; }

/* ---- Parsing into a tree ---- */

enum { N_ELEM, N_SEQ, N_ALT, N_QUEST, N_STAR, N_PLUS, N_CAP, N_NOTA, N_NOTB, N_BEHIND };

typedef struct {
  unsigned char type;
  unsigned arg;   /* element (N_ELEM, N_NOTA, N_NOTB, N_BEHIND) */
  long child;     /* first child, or -1 */
  long next;      /* next sibling, or -1 */
} Node;

typedef struct {
  TgTokProg *p;
  TgVec *nodes;
  const char *s;
  size_t len;
  size_t i;
  size_t base; /* offset of s in the text the user wrote (0 inside macros) */
  const char *msg;
  size_t err;
  int depth;
  unsigned captures;
} Parser;

static TgStatus fail(Parser *ps, const char *msg) {
  if (!ps->msg) {
    ps->msg = msg;
    ps->err = ps->base + ps->i;
  }
  return TG_BAD_SYNTAX;
}

static void skip_space(Parser *ps) {
  while (ps->i < ps->len && (ps->s[ps->i] == ' ' || ps->s[ps->i] == '\t')) {
    ++ps->i;
  }
}

static TgStatus new_node(Parser *ps, unsigned char type, unsigned arg, long child, long *out) {
  Node n = {type, arg, child, -1};
  *out = (long)ps->nodes->len;
  return tg_vec_push(ps->nodes, &n);
}

static Node *node(Parser *ps, long i) { return (Node *)tg_vec_at(ps->nodes, (size_t)i); }

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
static TgStatus add_elem(TgTokProg *p, const Elem *e0, unsigned *idx) {
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
    TgStatus st = tg_tokprog_index_set(p, &copy);
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

static bool ident_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-';
}

static size_t ident(Parser *ps) {
  size_t n = 0;
  while (ps->i + n < ps->len && ident_char(ps->s[ps->i + n])) {
    ++n;
  }
  return n;
}

static int find_name(const char *const *names, size_t count, const char *s, size_t len) {
  for (size_t k = 0; k < count; ++k) {
    if (strlen(names[k]) == len && memcmp(names[k], s, len) == 0) {
      return (int)k;
    }
  }
  return -1;
}

static TgStatus parse_alt(Parser *ps, long *out);

/* A quoted word, [kind], <Class>, a class or shape name: one element. */
static TgStatus parse_simple(Parser *ps, Elem *e) {
  const char c = ps->s[ps->i];
  if (c == '"' || c == '\'') {
    const size_t b = ++ps->i;
    while (ps->i < ps->len && ps->s[ps->i] != c) {
      ++ps->i;
    }
    if (ps->i >= ps->len || ps->i == b) {
      return fail(ps, "expected a word and its closing quote");
    }
    e->kind = E_LIT;
    e->exact = c == '\'';
    e->len = ps->i - b;
    if (e->len > 1 && ps->s[ps->i - 1] == '*') {
      e->prefix = true; /* "grant*" */
      --e->len;
    }
    ++ps->i;
    return (e->text = tg_strndup(ps->s + b, e->len)) ? TG_SUCCESS : TG_BAD_ALLOC;
  }
  if (c == '[') {
    ++ps->i;
    const size_t n = ident(ps);
    if (!n || ps->i + n >= ps->len || ps->s[ps->i + n] != ']') {
      return fail(ps, "expected '[kind]' with a lexicon kind");
    }
    if (!tg_lexicon_kind_known(ps->s + ps->i, n)) {
      return fail(ps, "unknown lexicon kind");
    }
    e->kind = E_LEX;
    e->len = n;
    e->text = tg_strndup(ps->s + ps->i, n);
    e->val = e->text ? (unsigned)tg_lexicon_kind(e->text) : 0;
    ps->i += n + 1;
    if (ps->p->max_len < TG_LEXICON_PHRASE_MAX + 1) {
      ps->p->max_len = TG_LEXICON_PHRASE_MAX + 1; /* a phrase, or a word and its period */
    }
    return e->text ? TG_SUCCESS : TG_BAD_ALLOC;
  }
  if (c == '<') {
    ++ps->i;
    const size_t n = ident(ps);
    const TgClass cls = n ? tg_class_from_name(ps->s + ps->i, n) : TG_CLASS_NONE;
    if (!tg_class_is_entity(cls) || ps->i + n >= ps->len || ps->s[ps->i + n] != '>') {
      return fail(ps, "expected '<Class>' with an entity class");
    }
    e->kind = E_GAZ;
    e->val = (unsigned)cls;
    ps->i += n + 1;
    ps->p->max_len = 16; /* TG_GAZ_MAX_TOKENS */
    return TG_SUCCESS;
  }
  const size_t n = ident(ps);
  if (!n) {
    return fail(ps, "expected a token: \"word\", [kind], <Class>, a CLASS, $MACRO or (...)");
  }
  const char *w = ps->s + ps->i;
  int k;
  if (n == 3 && memcmp(w, "ANY", 3) == 0) {
    e->kind = E_ANY;
  } else if (n == 4 && memcmp(w, "WORD", 4) == 0) {
    e->kind = E_WORD;
  } else if ((k = find_name(class_names, sizeof class_names / sizeof class_names[0], w, n)) >=
             0) {
    e->kind = E_CLASS;
    e->val = (unsigned)k;
  } else if ((k = find_name(shape_names, N_SHAPES, w, n)) >= 0) {
    e->kind = E_SHAPE;
    e->val = (unsigned)k;
  } else {
    return fail(ps, "unknown token class");
  }
  ps->i += n;
  return TG_SUCCESS;
}

/* '~' and '^' then a simple atom. */
static TgStatus parse_prefixed(Parser *ps, Elem *e) {
  memset(e, 0, sizeof *e);
  while (ps->i < ps->len && (ps->s[ps->i] == '~' || ps->s[ps->i] == '^')) {
    if (ps->s[ps->i++] == '~') {
      e->glued = true;
    } else {
      e->upper = true;
    }
  }
  if (ps->i >= ps->len) {
    return fail(ps, "expected a token after '~' or '^'");
  }
  return parse_simple(ps, e);
}

/* Append members[0..n) to the program's member list as one run. */
static TgStatus add_members(TgTokProg *p, const unsigned *m, size_t n, unsigned *first) {
  *first = (unsigned)p->members.len;
  TgStatus st = TG_SUCCESS;
  for (size_t k = 0; !st && k < n; ++k) {
    st = tg_vec_push(&p->members, &m[k]);
  }
  return st;
}

#define TG_SET_MAX 32

/* The operand of an assertion: one token, or "(a b | c | ...)":
 * alternatives of short token sequences. */
static TgStatus parse_set(Parser *ps, unsigned *idx) {
  Elem e;
  TgStatus st;
  size_t pre = ps->i;
  while (pre < ps->len && (ps->s[pre] == '~' || ps->s[pre] == '^')) {
    ++pre;
  }
  if (pre >= ps->len || ps->s[pre] != '(') {
    return (st = parse_prefixed(ps, &e)) ? st : add_elem(ps->p, &e, idx);
  }
  /* "~(a | b)": the marks apply to the first token of each alternative */
  bool glued = false;
  bool upper = false;
  for (; ps->i < pre; ++ps->i) {
    glued = glued || ps->s[ps->i] == '~';
    upper = upper || ps->s[ps->i] == '^';
  }
  ++ps->i;
  unsigned alts[TG_SET_MAX];
  size_t n_alts = 0;
  for (;;) {
    unsigned seq[TG_SET_MAX];
    size_t n_seq = 0;
    for (;;) {
      skip_space(ps);
      if (ps->i >= ps->len) {
        return fail(ps, "unclosed '('");
      }
      if (ps->s[ps->i] == '|' || ps->s[ps->i] == ')') {
        break;
      }
      if (n_seq == TG_SET_MAX) {
        return fail(ps, "assertion too long");
      }
      if ((st = parse_prefixed(ps, &e)) || (st = add_elem(ps->p, &e, &seq[n_seq++]))) {
        return st;
      }
    }
    if (!n_seq || n_alts == TG_SET_MAX) {
      return fail(ps, n_seq ? "assertion too long" : "empty alternative in an assertion");
    }
    Elem *head = (Elem *)tg_vec_at(&ps->p->elems, seq[0]);
    head->glued = head->glued || glued;
    head->upper = head->upper || upper;
    if (n_seq == 1) {
      alts[n_alts++] = seq[0];
    } else {
      Elem q;
      memset(&q, 0, sizeof q);
      q.kind = E_SEQ;
      q.count = (unsigned)n_seq;
      if ((st = add_members(ps->p, seq, n_seq, &q.val)) ||
          (st = add_elem(ps->p, &q, &alts[n_alts++]))) {
        return st;
      }
    }
    if (ps->s[ps->i++] == ')') {
      break;
    }
  }
  memset(&e, 0, sizeof e);
  e.kind = E_SET;
  e.count = (unsigned)n_alts;
  return (st = add_members(ps->p, alts, n_alts, &e.val)) ? st : add_elem(ps->p, &e, idx);
}

static TgStatus parse_macro(Parser *ps, long *out) {
  const size_t at = ps->i;
  ++ps->i;
  const size_t n = ident(ps);
  for (size_t k = 0; k < ps->p->macros.len; ++k) {
    const Macro *m = (const Macro *)tg_vec_at(&ps->p->macros, k);
    if (strlen(m->name) == n && memcmp(m->name, ps->s + ps->i, n) == 0) {
      if (ps->depth > 16) {
        return fail(ps, "macros nested too deep");
      }
      Parser sub = {ps->p, ps->nodes, m->body, m->len, 0, 0, NULL, 0, ps->depth + 1, 0};
      TgStatus st = parse_alt(&sub, out);
      ps->captures += sub.captures;
      if (st == TG_BAD_SYNTAX || (!st && sub.i < sub.len)) {
        return fail(ps, "the macro does not parse");
      }
      ps->i += n;
      return st;
    }
  }
  ps->i = at;
  return fail(ps, "undefined $MACRO");
}

static TgStatus parse_atom(Parser *ps, long *out, bool *quantifiable) {
  *quantifiable = true;
  const char c = ps->s[ps->i];
  TgStatus st;
  if (c == '(' || c == '{') {
    ++ps->i;
    long inner = -1;
    if ((st = parse_alt(ps, &inner))) {
      return st;
    }
    skip_space(ps);
    if (ps->i >= ps->len || ps->s[ps->i] != (c == '(' ? ')' : '}')) {
      return fail(ps, c == '(' ? "expected ')'" : "expected '}'");
    }
    ++ps->i;
    if (c == '(') {
      *out = inner;
      return TG_SUCCESS;
    }
    if (++ps->captures > 1) {
      return fail(ps, "only one {...} mention per pattern");
    }
    return new_node(ps, N_CAP, 0, inner, out);
  }
  if (c == '$') {
    return parse_macro(ps, out);
  }
  const char c1 = ps->i + 1 < ps->len ? ps->s[ps->i + 1] : '\0';
  if (c == '!' || (c == '<' && (c1 == '!' || c1 == '='))) {
    /* !X: the next token is not X; <!X: the one before is not; <=X: it is */
    const unsigned char type = c == '!' ? N_NOTA : (c1 == '!' ? N_NOTB : N_BEHIND);
    ps->i += c == '!' ? 1 : 2;
    unsigned idx = 0;
    *quantifiable = false;
    return (st = parse_set(ps, &idx)) ? st : new_node(ps, type, idx, -1, out);
  }
  Elem e;
  unsigned idx = 0;
  if ((st = parse_prefixed(ps, &e)) || (st = add_elem(ps->p, &e, &idx))) {
    tg_free(e.text);
    return st;
  }
  return new_node(ps, N_ELEM, idx, -1, out);
}

static TgStatus parse_item(Parser *ps, long *out) {
  bool quantifiable = true;
  TgStatus st = parse_atom(ps, out, &quantifiable);
  if (st || ps->i >= ps->len) {
    return st;
  }
  const char q = ps->s[ps->i];
  if (q != '?' && q != '*' && q != '+') {
    return TG_SUCCESS;
  }
  if (!quantifiable) {
    return fail(ps, "an assertion cannot repeat");
  }
  ++ps->i;
  return new_node(ps, q == '?' ? N_QUEST : (q == '*' ? N_STAR : N_PLUS), 0, *out, out);
}

/* Link `item` after `*last` (or as the first child of `list`). */
static void append(Parser *ps, long list, long *last, long item) {
  if (*last < 0) {
    node(ps, list)->child = item;
  } else {
    node(ps, *last)->next = item;
  }
  *last = item;
}

static TgStatus parse_seq(Parser *ps, long *out) {
  TgStatus st = new_node(ps, N_SEQ, 0, -1, out);
  long last = -1;
  while (!st) {
    skip_space(ps);
    if (ps->i >= ps->len || strchr(")}|", ps->s[ps->i])) {
      break;
    }
    long item = -1;
    if (!(st = parse_item(ps, &item))) {
      append(ps, *out, &last, item);
    }
  }
  return st;
}

static TgStatus parse_alt(Parser *ps, long *out) {
  long first = -1;
  TgStatus st = parse_seq(ps, &first);
  if (st || ps->i >= ps->len || ps->s[ps->i] != '|') {
    *out = first;
    return st;
  }
  if ((st = new_node(ps, N_ALT, 0, -1, out))) {
    return st;
  }
  long last = -1;
  append(ps, *out, &last, first);
  while (ps->i < ps->len && ps->s[ps->i] == '|') {
    ++ps->i;
    long seq = -1;
    if ((st = parse_seq(ps, &seq))) {
      return st;
    }
    append(ps, *out, &last, seq);
  }
  return TG_SUCCESS;
}

/* ---- Compiling the tree ---- */

static TgStatus emit(TgTokProg *p, unsigned char op, unsigned arg, unsigned *pc) {
  Inst in = {op, arg, 0, 0};
  *pc = (unsigned)p->insts.len;
  in.x = *pc + 1;
  return tg_vec_push(&p->insts, &in);
}

static Inst *inst(TgTokProg *p, unsigned pc) { return (Inst *)tg_vec_at(&p->insts, pc); }

/* The single-token element of an alternative ("word", CLASS), or -1. */
static long single_token(const TgTokProg *p, const TgVec *nodes, long n) {
  const Node *nd = (const Node *)tg_vec_at(nodes, (size_t)n);
  if (nd->type == N_SEQ) {
    if (nd->child < 0 || ((const Node *)tg_vec_at(nodes, (size_t)nd->child))->next >= 0) {
      return -1;
    }
    nd = (const Node *)tg_vec_at(nodes, (size_t)nd->child);
  }
  if (nd->type != N_ELEM) {
    return -1;
  }
  const Elem *e = (const Elem *)tg_vec_at(&p->elems, nd->arg);
  const bool one = e->kind == E_LIT || e->kind == E_CLASS || e->kind == E_SHAPE ||
                   e->kind == E_ANY || e->kind == E_WORD;
  return one ? (long)nd->arg : -1;
}

/* ("a" | "b" | CAP ...) of single tokens is one element, a set: one
 * instruction instead of a SPLIT per word.  TG_FAILURE if the alternative
 * is not of that kind. */
static TgStatus word_set(TgTokProg *p, const TgVec *nodes, const Node *alt, unsigned *idx) {
  size_t n = 0;
  for (long c = alt->child; c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    if (single_token(p, nodes, c) < 0) {
      return TG_FAILURE;
    }
    ++n;
  }
  Elem set;
  memset(&set, 0, sizeof set);
  set.kind = E_SET;
  set.count = (unsigned)n;
  set.val = (unsigned)p->members.len;
  TgStatus st = TG_SUCCESS;
  for (long c = alt->child; !st && c >= 0;
       c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    const unsigned m = (unsigned)single_token(p, nodes, c);
    st = tg_vec_push(&p->members, &m);
  }
  return st ? st : add_elem(p, &set, idx);
}

static TgStatus compile_alt(TgTokProg *p, const TgVec *nodes, const Node *nd);

static TgStatus compile(TgTokProg *p, const TgVec *nodes, long n) {
  const Node *nd = (const Node *)tg_vec_at(nodes, (size_t)n);
  TgStatus st = TG_SUCCESS;
  unsigned pc = 0;
  unsigned split = 0;
  switch (nd->type) {
  case N_ELEM: return emit(p, I_ELEM, nd->arg, &pc);
  case N_NOTA: return emit(p, I_NOT_AHEAD, nd->arg, &pc);
  case N_NOTB: return emit(p, I_NOT_BEHIND, nd->arg, &pc);
  case N_BEHIND: return emit(p, I_BEHIND, nd->arg, &pc);
  case N_SEQ:
    for (long c = nd->child; !st && c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
      st = compile(p, nodes, c);
    }
    return st;
  case N_CAP:
    if ((st = emit(p, I_SAVE_B, 0, &pc)) || (st = compile(p, nodes, nd->child))) {
      return st;
    }
    return emit(p, I_SAVE_E, 0, &pc);
  case N_QUEST:
  case N_STAR:
    /* L0: SPLIT L1, L2; L1: child; [JMP L0]; L2: */
    if ((st = emit(p, I_SPLIT, 0, &split)) || (st = compile(p, nodes, nd->child))) {
      return st;
    }
    if (nd->type == N_STAR && (st = emit(p, I_JMP, 0, &pc))) {
      return st;
    }
    if (nd->type == N_STAR) {
      inst(p, pc)->x = split;
    }
    inst(p, split)->y = (unsigned)p->insts.len;
    return TG_SUCCESS;
  case N_PLUS: {
    /* L1: child; SPLIT L1, L2; L2: */
    const unsigned top = (unsigned)p->insts.len;
    if ((st = compile(p, nodes, nd->child)) || (st = emit(p, I_SPLIT, 0, &split))) {
      return st;
    }
    inst(p, split)->x = top;
    inst(p, split)->y = split + 1;
    return TG_SUCCESS;
  }
  default: /* N_ALT */
    return compile_alt(p, nodes, nd);
  }
}

/* An alternative: SPLIT a, (SPLIT b, c), each branch jumping to the end;
 * its single-token branches ("yuan" | "euro" | ...) are one set branch. */
static TgStatus compile_alt(TgTokProg *p, const TgVec *nodes, const Node *nd) {
  unsigned set = 0;
  TgStatus st = word_set(p, nodes, nd, &set);
  unsigned pc = 0;
  if (st != TG_FAILURE) {
    return st ? st : emit(p, I_ELEM, set, &pc);
  }
  /* Branches: the set of single tokens (-1) if there are two or more,
   * then every other child. */
  TgVec branches;
  TgVec jumps;
  tg_vec_init(&branches, sizeof(long));
  tg_vec_init(&jumps, sizeof(unsigned));
  Elem group;
  memset(&group, 0, sizeof group);
  group.kind = E_SET;
  size_t singles = 0;
  st = TG_SUCCESS;
  for (long c = nd->child; c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    singles += single_token(p, nodes, c) >= 0;
  }
  if (singles >= 2) {
    const long mark = -1;
    group.val = (unsigned)p->members.len;
    for (long c = nd->child; !st && c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
      const long m = single_token(p, nodes, c);
      if (m >= 0) {
        const unsigned mu = (unsigned)m;
        st = tg_vec_push(&p->members, &mu);
        ++group.count;
      }
    }
    if (!st) {
      st = tg_vec_push(&branches, &mark);
    }
  }
  for (long c = nd->child; !st && c >= 0; c = ((const Node *)tg_vec_at(nodes, (size_t)c))->next) {
    if (singles < 2 || single_token(p, nodes, c) < 0) {
      st = tg_vec_push(&branches, &c);
    }
  }
  if (!st && singles >= 2) {
    st = add_elem(p, &group, &set);
  }
  for (size_t k = 0; !st && k < branches.len; ++k) {
    const bool last = k + 1 == branches.len;
    const long b = *(const long *)tg_vec_at(&branches, k);
    unsigned split = 0;
    if (!last && (st = emit(p, I_SPLIT, 0, &split))) {
      break;
    }
    if ((st = b < 0 ? emit(p, I_ELEM, set, &pc) : compile(p, nodes, b))) {
      break;
    }
    if (!last) {
      if ((st = emit(p, I_JMP, 0, &pc)) || (st = tg_vec_push(&jumps, &pc))) {
        break;
      }
      inst(p, split)->y = (unsigned)p->insts.len;
    }
  }
  for (size_t k = 0; !st && k < jumps.len; ++k) {
    inst(p, *(unsigned *)tg_vec_at(&jumps, k))->x = (unsigned)p->insts.len;
  }
  tg_vec_clear(&branches);
  tg_vec_clear(&jumps);
  return st;
}

/* The elements a match of `pt` can start with (through SPLIT, JMP, SAVE
 * and assertions); nullable when MATCH is reachable without one. */
static TgStatus first_elements(TgTokProg *p, Pat *pt) {
  const size_t n = p->insts.len - pt->start;
  unsigned char *seen = (unsigned char *)tg_calloc(n ? n : 1, 1);
  unsigned *stack = (unsigned *)tg_malloc((2 * n + 1) * sizeof(unsigned));
  TgStatus st = seen && stack ? TG_SUCCESS : TG_BAD_ALLOC;
  size_t top = 0;
  if (!st) {
    stack[top++] = pt->start;
  }
  while (!st && top) {
    const unsigned pc = stack[--top];
    if (seen[pc - pt->start]) {
      continue;
    }
    seen[pc - pt->start] = 1;
    const Inst *in = inst(p, pc);
    if (in->op == I_ELEM) {
      bool dup = false;
      for (unsigned k = 0; k < pt->n_first && !dup; ++k) {
        dup = *(const unsigned *)tg_vec_at(&p->firsts, pt->first + k) == in->arg;
      }
      if (!dup) {
        st = tg_vec_push(&p->firsts, &in->arg);
        pt->n_first += !st;
      }
    } else if (in->op == I_MATCH) {
      pt->nullable = true;
    } else {
      stack[top++] = in->x;
      if (in->op == I_SPLIT) {
        stack[top++] = in->y;
      }
    }
  }
  tg_free(seen);
  tg_free(stack);
  return st;
}

static TgStatus parse_all(TgTokProg *p, const char *s, size_t len, TgVec *nodes, long *root,
                          size_t *col, const char **msg) {
  Parser ps = {p, nodes, s, len, 0, 0, NULL, 0, 0, 0};
  TgStatus st = parse_alt(&ps, root);
  if (!st && ps.i < len) {
    st = fail(&ps, "unexpected character");
  }
  if (st == TG_BAD_SYNTAX) {
    *col = ps.err;
    *msg = ps.msg ? ps.msg : "syntax error";
  }
  return st;
}

TgStatus tg_tokprog_define(TgTokProg *p, const char *name, size_t nlen, const char *body,
                           size_t blen, size_t *col, const char **msg) {
  for (size_t k = 0; k < p->macros.len; ++k) {
    const Macro *m = (const Macro *)tg_vec_at(&p->macros, k);
    if (strlen(m->name) == nlen && memcmp(m->name, name, nlen) == 0) {
      *col = 0;
      *msg = "this $MACRO is already defined";
      return TG_BAD_SYNTAX;
    }
  }
  TgVec nodes;
  tg_vec_init(&nodes, sizeof(Node));
  long root = -1;
  tg_tokscratch_drain(p); /* parsing may add elements */
  TgStatus st = parse_all(p, body, blen, &nodes, &root, col, msg);
  tg_vec_clear(&nodes);
  if (st) {
    return st;
  }
  Macro m = {tg_strndup(name, nlen), tg_strndup(body, blen), blen};
  if (!m.name || !m.body || tg_vec_push(&p->macros, &m)) {
    tg_free(m.name);
    tg_free(m.body);
    return TG_BAD_ALLOC;
  }
  return TG_SUCCESS;
}

TgStatus tg_tokprog_add(TgTokProg *p, unsigned id, const char *pat, size_t len, size_t *col,
                        const char **msg) {
  TgVec nodes;
  tg_vec_init(&nodes, sizeof(Node));
  long root = -1;
  const size_t first = p->insts.len;
  tg_tokscratch_drain(p); /* their tables are of the program before this pattern */
  TgStatus st = parse_all(p, pat, len, &nodes, &root, col, msg);
  unsigned pc = 0;
  const size_t n_firsts = p->firsts.len;
  if (!st && !(st = compile(p, &nodes, root)) &&
      !(st = emit(p, I_MATCH, (unsigned)p->pats.len, &pc))) {
    Pat pt = {id, (unsigned)first, (unsigned)p->firsts.len, 0, false};
    if (!(st = first_elements(p, &pt))) {
      st = tg_vec_push(&p->pats, &pt);
    }
    const unsigned pi = (unsigned)p->pats.len - 1;
    while (!st && p->pat_of.len < p->insts.len) {
      st = tg_vec_push(&p->pat_of, &pi);
    }
  }
  if (st) {
    p->insts.len = first;
    p->firsts.len = n_firsts;
    p->pat_of.len = first;
  }
  tg_vec_clear(&nodes);
  return st;
}
