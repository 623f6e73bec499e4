/* telegraph stage 3, the recognizers: gazetteer names, entity patterns,
 * dates and quantities become typed mentions.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "pipeline.h"
#include "quantity.h"
#include "segmenter.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  TgSpan span;
  TgClass cls;
  long gaz;           /* gazetteer entry or -1 */
  const char *source; /* rule id or "gazetteer" */
  const char *value;  /* interned normalised value */
  const char *datatype;
  const char *unit;
  size_t sentence;
  size_t rank; /* rule order; gazetteer names rank first */
} Cand;

static int cmp_cand_priority(const void *a, const void *b) {
  const Cand *x = (const Cand *)a;
  const Cand *y = (const Cand *)b;
  const size_t lx = x->span.end - x->span.begin;
  const size_t ly = y->span.end - y->span.begin;
  if (lx != ly) {
    return lx > ly ? -1 : 1;
  }
  if ((x->gaz >= 0) != (y->gaz >= 0)) {
    return x->gaz >= 0 ? -1 : 1;
  }
  if (x->rank != y->rank) {
    return x->rank < y->rank ? -1 : 1;
  }
  return x->span.begin < y->span.begin ? -1 : (x->span.begin > y->span.begin);
}

static int cmp_mention_pos(const void *a, const void *b) {
  const Cand *x = (const Cand *)a;
  const Cand *y = (const Cand *)b;
  return x->span.begin < y->span.begin ? -1 : (x->span.begin > y->span.begin);
}

/* Trim spaces and trailing commas, semicolons and colons from a span. */
static TgSpan trim_span(const char *text, TgSpan s) {
  while (s.begin < s.end && (text[s.begin] == ' ' || text[s.begin] == '\n')) {
    ++s.begin;
  }
  while (s.end > s.begin && strchr(" \n,;:", text[s.end - 1])) {
    --s.end;
  }
  return s;
}

/* Future tense near a date: a lexicon "future" word in the words before it. */
static int tense_before(const TgLexicon *lex, const char *text, TgSpan sentence, size_t at) {
  size_t from = at > sentence.begin + 60 ? at - 60 : sentence.begin;
  size_t i = from;
  while (i < at) {
    size_t n = 0;
    if (tg_word_at(text, at, i, &n)) {
      size_t j = i;
      while (j < at && tg_word_at(text, at, j, &n)) {
        j += n;
      }
      long long v = 0;
      if (tg_lexicon_find(lex, "future", text + i, j - i, &v)) {
        return 1;
      }
      i = j;
    } else {
      i += n;
    }
  }
  return -1;
}

static TgStatus value_of(const TgPipeline *p, TgResult *r, const char *text, TgSpan sentence,
                         Cand *c) {
  const size_t len = c->span.end - c->span.begin;
  if (c->cls == TG_CLASS_DATE) {
    TgDate d;
    const int tense = tense_before(p->lexicon, text, sentence, c->span.begin);
    TgStatus st = tg_date_resolve(p->lexicon, text + c->span.begin, len, &r->ref, tense, &d);
    if (st == TG_BAD_ALLOC) {
      return st;
    }
    if (st != TG_SUCCESS) {
      return TG_FAILURE;
    }
    char buf[16];
    const int n = tg_date_format(&d, buf, sizeof buf);
    if (n <= 0 || !(c->value = tg_result_intern(r, buf, (size_t)n))) {
      return n <= 0 ? TG_FAILURE : TG_BAD_ALLOC;
    }
    c->datatype = tg_date_xsd_type(&d);
    return TG_SUCCESS;
  }
  if (c->cls == TG_CLASS_NUMBER) {
    TgQuantity q;
    TgStatus st = tg_quantity_parse(p->lexicon, text + c->span.begin, len, &q);
    if (st == TG_BAD_ALLOC) {
      return st;
    }
    if (st != TG_SUCCESS) {
      return TG_FAILURE;
    }
    if (!(c->value = tg_result_intern(r, q.value, strlen(q.value)))) {
      return TG_BAD_ALLOC;
    }
    c->datatype = "decimal";
    if (strcmp(q.unit, TG_UNIT_PERCENT) == 0) {
      c->cls = TG_CLASS_PERCENT;
    } else if (q.unit[0]) {
      c->cls = TG_CLASS_MONEY;
    }
    if (q.unit[0] && !(c->unit = tg_result_intern(r, q.unit, strlen(q.unit)))) {
      return TG_BAD_ALLOC;
    }
  }
  return TG_SUCCESS;
}

/* Find the group named `name` in the last match; false if unset. */
static bool named_group(const pcre2_code *code, pcre2_match_data *md, const char *name,
                        TgSpan *out) {
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
  uint32_t count = 0;
  uint32_t size = 0;
  PCRE2_SPTR table = NULL;
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  for (uint32_t i = 0; i < count; ++i) {
    const unsigned char *e = table + i * size;
    const unsigned n = (unsigned)(e[0] << 8 | e[1]);
    if (strcmp((const char *)e + 2, name) == 0 && ov[2 * n] != PCRE2_UNSET) {
      out->begin = ov[2 * n];
      out->end = ov[2 * n + 1];
      return true;
    }
  }
  return false;
}

static TgStatus rule_candidates(const TgPipeline *p, TgResult *r, TgMatcher *m,
                                const char *text, TgSpan sentence, size_t si, TgVec *cands) {
  TgStatus st;
  for (size_t k = 0; k < tg_ruleset_size(p->rules); ++k) {
    const TgRule *rule = tg_ruleset_rule(p->rules, k);
    if (!(tg_class_is_entity(rule->cls) || rule->cls == TG_CLASS_DATE ||
          rule->cls == TG_CLASS_NUMBER)) {
      continue;
    }
    bool applies = true;
    for (size_t w = 0; applies && w < rule->patterns[TG_PAT_WHEN].len; ++w) {
      st = tg_match(m, (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_WHEN], w), text,
                    sentence.end, sentence.begin);
      if (st != TG_SUCCESS && st != TG_FAILURE) {
        return st;
      }
      applies = st == TG_SUCCESS;
    }
    if (!applies) {
      continue;
    }
    for (size_t j = 0; j < rule->patterns[TG_PAT_MAIN].len; ++j) {
      const TgPattern *pat = (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_MAIN], j);
      size_t at = sentence.begin;
      while (at < sentence.end) {
        st = tg_match(m, pat, text, sentence.end, at);
        if (st == TG_FAILURE) {
          break;
        }
        if (st) {
          return st;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        TgSpan whole = {ov[0], ov[1]};
        TgSpan name = whole;
        named_group(pat->code, m->md, "name", &name);
        at = whole.end > at ? whole.end : at + 1;
        name = trim_span(text, name);
        if (name.end <= name.begin) {
          continue;
        }
        Cand c = {name, rule->cls, -1, rule->id, NULL, NULL, NULL, si, k};
        st = value_of(p, r, text, sentence, &c);
        if (st == TG_FAILURE) {
          continue;
        }
        if (st || (st = tg_vec_push(cands, &c))) {
          return st;
        }
      }
    }
  }
  return TG_SUCCESS;
}

/* The tokens of a window of the sentence (a long sentence is read in
 * windows of about TOKEN_WINDOW bytes, cut at spaces, so its tokens are not
 * all held at once): the first `*usable` may start a name, the rest are
 * the look-ahead and start the next window. */
#define TOKEN_WINDOW ((size_t)1 << 16)

static TgStatus token_window(const TgPipeline *p, const char *text, TgSpan sentence,
                             size_t from, TgVec *tokens, size_t *usable, size_t *to_out) {
  const size_t ahead = tg_gazetteer_max_tokens(p->gazetteer);
  for (size_t width = TOKEN_WINDOW;; width *= 2) {
    size_t to = sentence.end - from > width ? from + width : sentence.end;
    while (to < sentence.end && text[to] != ' ' && text[to] != '\n') {
      ++to;
    }
    tokens->len = 0;
    const TgSpan window = {from, to};
    const TgStatus st = tg_tokenize(text, window, tokens);
    if (st || to == sentence.end || tokens->len > ahead) {
      *to_out = to;
      *usable = to == sentence.end ? tokens->len : tokens->len - ahead;
      return st;
    }
  }
}

/* Gazetteer names starting at the first `usable` of the `n` tokens. */
static TgStatus window_candidates(const TgPipeline *p, const char *text, const TgToken *t,
                                  size_t n_tokens, size_t usable, size_t si, TgVec *cands) {
  TgStatus st;
  for (size_t i = 0; i < usable; ++i) {
    size_t n = 0;
    long e = tg_gazetteer_match(p->gazetteer, text, t, n_tokens, i, &n);
    if (e < 0 && t[i].word) {
      /* "Shenzhen-based", "US-listed": the name before a hyphen and a
       * lower-case word. */
      const char *w = text + t[i].span.begin;
      const char *dash = memchr(w, '-', t[i].span.end - t[i].span.begin);
      if (dash && dash[1] >= 'a' && dash[1] <= 'z') {
        TgToken head = t[i];
        head.span.end = (size_t)(dash - text);
        size_t m = 0;
        const long h = tg_gazetteer_match(p->gazetteer, text, &head, 1, 0, &m);
        if (h >= 0) {
          const TgGazEntry *g = tg_gazetteer_entry(p->gazetteer, (size_t)h);
          Cand c = {head.span, g->cls, h, "gazetteer", NULL, NULL, NULL, si, 0};
          if ((st = tg_vec_push(cands, &c))) {
            return st;
          }
        }
      }
      continue;
    }
    if (e < 0) {
      continue;
    }
    /* A name must not continue into the next word ("Hainan" of "Hainanese"
     * is excluded by tokenizing; a capitalised continuation like "China
     * Mobile" is a longer name the gazetteer would have matched). */
    const TgGazEntry *g = tg_gazetteer_entry(p->gazetteer, (size_t)e);
    Cand c = {{t[i].span.begin, t[i + n - 1].span.end}, g->cls, e, "gazetteer",
              NULL, NULL, NULL, si, 0};
    if ((st = tg_vec_push(cands, &c))) {
      return st;
    }
  }
  return TG_SUCCESS;
}

static TgStatus gazetteer_candidates(const TgPipeline *p, const char *text, TgSpan sentence,
                                     size_t si, TgVec *tokens, TgVec *cands) {
  TgStatus st = TG_SUCCESS;
  for (size_t from = sentence.begin; !st && from < sentence.end;) {
    size_t usable = 0;
    size_t to = sentence.end;
    if ((st = token_window(p, text, sentence, from, tokens, &usable, &to))) {
      return st;
    }
    const TgToken *t = (const TgToken *)tokens->data;
    from = usable < tokens->len ? t[usable].span.begin : to;
    st = window_candidates(p, text, t, tokens->len, usable, si, cands);
  }
  return st;
}

static bool overlaps(const unsigned char *taken, TgSpan s, size_t base) {
  for (size_t i = s.begin; i < s.end; ++i) {
    if (taken[i - base]) {
      return true;
    }
  }
  return false;
}

TgStatus tg_recognize(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m) {
  const char *text = tg_document_text(doc);
  TgVec cands;
  TgVec tokens;
  tg_vec_init(&cands, sizeof(Cand));
  tg_vec_init(&tokens, sizeof(TgToken));
  unsigned char *taken = NULL;
  TgStatus st = TG_SUCCESS;
  for (size_t si = 0; !st && si < r->sentences.len; ++si) {
    const TgSpan sentence = *(const TgSpan *)tg_vec_at(&r->sentences, si);
    cands.len = 0;
    if ((st = gazetteer_candidates(p, text, sentence, si, &tokens, &cands)) ||
        (st = rule_candidates(p, r, m, text, sentence, si, &cands))) {
      break;
    }
    if (!cands.len) {
      continue;
    }
    /* Longest first, gazetteer before patterns on ties; keep what does not
     * overlap what is already kept. */
    qsort(cands.data, cands.len, sizeof(Cand), cmp_cand_priority);
    tg_free(taken);
    taken = (unsigned char *)tg_calloc(sentence.end - sentence.begin + 1, 1);
    if (!taken) {
      st = TG_BAD_ALLOC;
      break;
    }
    size_t kept = 0;
    for (size_t i = 0; i < cands.len; ++i) {
      Cand *c = (Cand *)tg_vec_at(&cands, i);
      if (overlaps(taken, c->span, sentence.begin)) {
        continue;
      }
      memset(taken + (c->span.begin - sentence.begin), 1, c->span.end - c->span.begin);
      *(Cand *)tg_vec_at(&cands, kept++) = *c;
    }
    qsort(cands.data, kept, sizeof(Cand), cmp_mention_pos);
    for (size_t i = 0; !st && i < kept; ++i) {
      const Cand *c = (const Cand *)tg_vec_at(&cands, i);
      TgMention mt;
      memset(&mt, 0, sizeof mt);
      mt.span = c->span;
      mt.cls = c->cls;
      mt.entity = -1;
      mt.value = c->value;
      mt.datatype = c->datatype;
      mt.unit = c->unit;
      mt.sentence = si;
      mt.source = c->source;
      const char *after = text + c->span.end;
      if (strncmp(after, "'s", 2) == 0 || strncmp(after, "\xE2\x80\x99s", 4) == 0) {
        mt.flags |= TG_MENTION_POSSESSIVE;
      }
      if (!(st = tg_vec_push(&r->mentions, &mt))) {
        st = tg_vec_push(&r->mention_gaz, &c->gaz);
      }
    }
  }
  tg_free(taken);
  tg_vec_clear(&cands);
  tg_vec_clear(&tokens);
  return st;
}
