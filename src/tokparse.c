/* telegraph internals: token patterns, parsing a pattern into a tree of
 * nodes (see tokprog.h; the syntax is documented in
 * ontology/rules/README.md, "Token patterns").  Its elements are added to
 * the program as they are read (tokelem.c).
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
    return (st = parse_prefixed(ps, &e)) ? st : tg_tok_add_elem(ps->p, &e, idx);
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
      if ((st = parse_prefixed(ps, &e)) || (st = tg_tok_add_elem(ps->p, &e, &seq[n_seq++]))) {
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
          (st = tg_tok_add_elem(ps->p, &q, &alts[n_alts++]))) {
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
  return (st = add_members(ps->p, alts, n_alts, &e.val)) ? st : tg_tok_add_elem(ps->p, &e, idx);
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
  if ((st = parse_prefixed(ps, &e)) || (st = tg_tok_add_elem(ps->p, &e, &idx))) {
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

TgStatus tg_tok_parse(TgTokProg *p, const char *s, size_t len, TgVec *nodes, long *root,
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
