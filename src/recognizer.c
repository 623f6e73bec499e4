/* telegraph stage 3, the recognizers: gazetteer names, entity patterns,
 * dates and quantities become typed mentions.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "chunker.h"
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
  long brand;  /* "chunk.unit": its gazetteer company, and where that ends */
  size_t brand_end;
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

/* tg_word_at, with ASCII bytes decided here. */
static bool word_byte_at(const char *text, size_t end, size_t i, size_t *n) {
  const unsigned char c = (unsigned char)text[i];
  if (c < 0x80) {
    *n = 1;
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return tg_word_at(text, end, i, n);
}

/* Future tense near a date: a lexicon "future" word in the words before it. */
static int tense_before(const TgLexicon *lex, const char *text, TgSpan sentence, size_t at) {
  size_t from = at > sentence.begin + 60 ? at - 60 : sentence.begin;
  size_t i = from;
  const int future = tg_lexicon_kind("future");
  while (i < at) {
    size_t n = 0;
    if (word_byte_at(text, at, i, &n)) {
      size_t j = i;
      while (j < at && word_byte_at(text, at, j, &n)) {
        j += n;
      }
      long long v = 0;
      if (tg_lexicon_find_kind(lex, future, text + i, j - i, &v)) {
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
      /* Undated article: note a date that any reference day would resolve
       * (it is relative), for the extractor's warning. */
      const TgDate any_day = {2000, 1, 1, TG_PREC_DAY};
      if (r->ref.precision == TG_PREC_NONE &&
          tg_date_resolve(p->lexicon, text + c->span.begin, len, &any_day, tense, &d) ==
              TG_SUCCESS && r->n_undated++ == 0) {
        r->undated = c->span;
      }
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

/* Token edges of the sentence: bit 1 where a token begins, bit 2 where one
 * ends (offsets from the sentence start), two bits a byte. */
enum { EDGE_BEGIN = 1, EDGE_END = 2 };

static unsigned edge_at(const unsigned char *edges, size_t i) {
  return (unsigned)(edges[i >> 2] >> ((i & 3) * 2)) & 3u;
}

static void edge_mark(unsigned char *edges, size_t i, unsigned bits) {
  edges[i >> 2] |= (unsigned char)(bits << ((i & 3) * 2));
}

/* Bytes of the sentence a kept candidate covers: a bit a byte. */
static bool taken_at(const unsigned char *taken, size_t i) {
  return (taken[i >> 3] >> (i & 7)) & 1u;
}

static void take(unsigned char *taken, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    taken[i >> 3] |= (unsigned char)(1u << (i & 7));
  }
}

/* A name from a pattern must begin and end where tokens do ("T-Systems P"
 * of "T-Systems P.R. China", "Gulf Co" of "Gulf Co-operation" are cut), and
 * a company name does not start with a job title ("CEO of Vodacom Group"). */
static bool name_fits_tokens(const TgPipeline *p, const char *text, TgSpan sentence,
                             const unsigned char *edges, const Cand *c) {
  if (!tg_class_is_entity(c->cls) || strncmp(c->source, "coref.", 6) == 0) {
    return true;
  }
  if (!(edge_at(edges, c->span.begin - sentence.begin) & EDGE_BEGIN) ||
      !(edge_at(edges, c->span.end - sentence.begin) & EDGE_END)) {
    return false;
  }
  if (c->cls != TG_CLASS_COMPANY) {
    return true;
  }
  size_t e = c->span.begin;
  while (e < c->span.end &&
         !(edge_at(edges, e - sentence.begin) & EDGE_END && e > c->span.begin)) {
    ++e;
  }
  long long v = 0;
  if (tg_lexicon_find(p->lexicon, "role", text + c->span.begin, e - c->span.begin, &v)) {
    return false;
  }
  /* "A and B Ltd" is two companies (the chunker finds them), but "AXA
   * Tianping Property and Casualty Insurance Co., Ltd." is one. */
  return !(e + 5 < c->span.end && memcmp(text + e, " and ", 5) == 0);
}

/* tg_match behind the prefilter: a pattern that needs text the sentence
 * lacks is not run (and costs the budget the same). */
static TgStatus screened_match(TgMatcher *m, const TgScreen *sc, const TgPattern *pat,
                               const char *text, TgSpan sentence, size_t at) {
  if (!tg_screen_may_match(sc, pat)) {
    return tg_match_skipped(m, pat);
  }
  return tg_match(m, pat, text, sentence.end, at);
}

static TgStatus rule_candidates(const TgPipeline *p, TgResult *r, TgMatcher *m,
                                TgScreen *sc, const char *text, TgSpan sentence, size_t si,
                                const unsigned char *edges, const unsigned char *applies,
                                TgVec *cands) {
  TgStatus st = tg_screen_set(sc, text + sentence.begin, sentence.end - sentence.begin);
  if (st) {
    return st;
  }
  size_t n_rules = 0;
  const unsigned *entity_rules = tg_ruleset_stage(p->rules, false, &n_rules);
  for (size_t ri = 0; ri < n_rules; ++ri) {
    const size_t k = entity_rules[ri];
    const TgRule *rule = tg_ruleset_rule(p->rules, k);
    if (!rule->patterns[TG_PAT_MAIN].len || (rule->n_when_tokens && !applies[k])) {
      continue; /* only token patterns, or a when-tokens filter fails */
    }
    bool ok = true;
    for (size_t w = 0; ok && w < rule->patterns[TG_PAT_WHEN].len; ++w) {
      st = tg_match_when(m, sc, (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_WHEN], w),
                         text, sentence.end, sentence.begin);
      if (st != TG_SUCCESS && st != TG_FAILURE) {
        return st;
      }
      ok = st == TG_SUCCESS;
    }
    if (!ok) {
      continue;
    }
    for (size_t j = 0; j < rule->patterns[TG_PAT_MAIN].len; ++j) {
      const TgPattern *pat = (const TgPattern *)tg_vec_at(&rule->patterns[TG_PAT_MAIN], j);
      size_t at = sentence.begin;
      while (at < sentence.end) {
        st = screened_match(m, sc, pat, text, sentence, at);
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
        Cand c = {name, rule->cls, -1, rule->id, NULL, NULL, NULL, si, k, -1, 0};
        if (!name_fits_tokens(p, text, sentence, edges, &c)) {
          continue;
        }
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

/* Every token pattern of the rule set, in one pass over a window's tokens
 * (into `matches`).  False in *fits when a mention starting among the
 * window's own tokens [from, core) ends in the last `guard` tokens: a
 * longer window could make it longer. */
static TgStatus token_matches(const TgPipeline *p, const char *text, const TgVec *tokens,
                              TgTokScratch *scratch, size_t from, size_t core, size_t guard,
                              TgVec *matches, bool *fits) {
  matches->len = 0;
  if (!scratch) {
    return TG_SUCCESS; /* no token patterns */
  }
  const TgTokInput in = {p->lexicon, p->gazetteer, text, (const TgToken *)tokens->data,
                         tokens->len};
  const TgStatus st = tg_tokprog_run(tg_ruleset_tokens(p->rules), scratch, &in, matches);
  for (size_t i = 0; !st && i < matches->len; ++i) {
    const TgTokMatch *m = (const TgTokMatch *)tg_vec_at(matches, i);
    if (m->begin >= from && m->begin < core && m->end + guard > tokens->len) {
      *fits = false;
    }
  }
  return st;
}

/* The window's token matches that start among its own tokens [from, core):
 * filters that hold set `applies`, mentions become candidates. */
static TgStatus token_candidates(const TgPipeline *p, TgResult *r, const char *text,
                                 TgSpan sentence, size_t si, const TgVec *tokens,
                                 const TgVec *matches, size_t from, size_t core,
                                 unsigned char *applies, TgVec *cands) {
  const TgToken *t = (const TgToken *)tokens->data;
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < matches->len; ++i) {
    const TgTokMatch *m = (const TgTokMatch *)tg_vec_at(matches, i);
    if (m->begin < from || m->begin >= core) {
      continue; /* another window's */
    }
    if (m->id & TG_TOKEN_FILTER) {
      applies[m->id & ~TG_TOKEN_FILTER] = 1; /* a when-tokens filter holds */
      continue;
    }
    const TgRule *rule = tg_ruleset_rule(p->rules, m->id);
    TgSpan span = {t[m->begin].span.begin, t[m->end - 1].span.end};
    Cand c = {span, rule->cls, -1, rule->id, NULL, NULL, NULL, si, m->id, -1, 0};
    st = value_of(p, r, text, sentence, &c);
    if (st == TG_FAILURE) {
      st = TG_SUCCESS;
      continue;
    }
    if (!st) {
      st = tg_vec_push(cands, &c);
    }
  }
  return st;
}

/* Longest name before a hyphen in the words that the attributive token k
 * ends: "Hong Kong-listed", "Shenzhen-based" (a hyphen and a lower-case
 * word). */
#define TG_HYPHEN_NAME_MAX 4
static TgStatus attributive_name(const TgPipeline *p, const char *text, const TgToken *t,
                                 size_t i, size_t n, size_t si, TgVec *cands, size_t *used) {
  *used = 0;
  for (size_t k = i; k < n && k < i + TG_HYPHEN_NAME_MAX && t[k].word; ++k) {
    const char *w = text + t[k].span.begin;
    const char *dash = memchr(w, '-', t[k].span.end - t[k].span.begin);
    if (!dash) {
      continue;
    }
    if (!(dash[1] >= 'a' && dash[1] <= 'z')) {
      return TG_SUCCESS;
    }
    TgToken head[TG_HYPHEN_NAME_MAX];
    memcpy(head, t + i, (k - i + 1) * sizeof *head);
    head[k - i].span.end = (size_t)(dash - text);
    size_t m = 0;
    const long h = tg_gazetteer_match(p->gazetteer, text, head, k - i + 1, 0, &m);
    if (h < 0 || m != k - i + 1) {
      return TG_SUCCESS;
    }
    const TgGazEntry *g = tg_gazetteer_entry(p->gazetteer, (size_t)h);
    Cand c = {{t[i].span.begin, head[k - i].span.end}, g->cls, h, "gazetteer",
              NULL, NULL, NULL, si, 0, -1, 0};
    *used = k - i + 1;
    return tg_vec_push(cands, &c);
  }
  return TG_SUCCESS;
}

/* "Manila-Osaka flights": a token of two places joined by a hyphen gives
 * both (each part must be a place the gazetteer knows). */
static TgStatus place_pair(const TgPipeline *p, const char *text, const TgToken *tok,
                           size_t si, TgVec *cands) {
  const char *w = text + tok->span.begin;
  const char *dash = memchr(w, '-', tok->span.end - tok->span.begin);
  if (!dash || !(dash[1] >= 'A' && dash[1] <= 'Z')) {
    return TG_SUCCESS;
  }
  TgToken part[2] = {*tok, *tok};
  part[0].span.end = (size_t)(dash - text);
  part[1].span.begin = (size_t)(dash - text) + 1;
  long h[2];
  for (int k = 0; k < 2; ++k) {
    size_t m = 0;
    h[k] = tg_gazetteer_match(p->gazetteer, text, &part[k], 1, 0, &m);
    if (h[k] < 0 || tg_gazetteer_entry(p->gazetteer, (size_t)h[k])->cls != TG_CLASS_PLACE) {
      return TG_SUCCESS;
    }
  }
  TgStatus st = TG_SUCCESS;
  for (int k = 0; k < 2 && !st; ++k) {
    Cand c = {part[k].span, TG_CLASS_PLACE, h[k], "gazetteer", NULL, NULL, NULL, si, 0, -1, 0};
    st = tg_vec_push(cands, &c);
  }
  return st;
}

/* The first of tokens t[i..n) whose text holds a hyphen, or n. */
static size_t next_hyphen(const char *text, const TgToken *t, size_t n, size_t i) {
  while (i < n && !memchr(text + t[i].span.begin, '-', t[i].span.end - t[i].span.begin)) {
    ++i;
  }
  return i;
}

/* Gazetteer names starting at the window's tokens from *at up to `core`;
 * *at is left where the scan goes on (a hyphenated name may use tokens
 * past `core`). */
static TgStatus gazetteer_candidates(const TgPipeline *p, const char *text, const TgVec *tokens,
                                     size_t core, size_t si, size_t *at, TgVec *cands) {
  TgStatus st;
  const TgToken *t = (const TgToken *)tokens->data;
  size_t i = *at;
  size_t dash = 0; /* the first token from i on that holds a hyphen, once dash >= i */
  for (; i < core; ++i) {
    size_t n = 0;
    long e = tg_gazetteer_match(p->gazetteer, text, t, tokens->len, i, &n);
    if (e < 0 && t[i].word) {
      /* "Shenzhen-based", "Hong Kong-listed", "Manila-Osaka" */
      if (dash < i || i == *at) {
        dash = next_hyphen(text, t, tokens->len, i);
      }
      if (dash >= i + TG_HYPHEN_NAME_MAX) {
        continue; /* no hyphen in the tokens either would look at */
      }
      size_t used = 0;
      if ((st = attributive_name(p, text, t, i, tokens->len, si, cands, &used)) ||
          (!used && (st = place_pair(p, text, &t[i], si, cands)))) {
        *at = i;
        return st;
      }
      i += used ? used - 1 : 0;
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
              NULL, NULL, NULL, si, 0, -1, 0};
    if ((st = tg_vec_push(cands, &c))) {
      *at = i;
      return st;
    }
  }
  *at = i;
  return TG_SUCCESS;
}

/* Token edges (see EDGE_BEGIN) of the window's own tokens [from, core). */
static void mark_edges(const TgVec *tokens, size_t from, size_t core, TgSpan sentence,
                       unsigned char *edges) {
  for (size_t i = from; i < core; ++i) {
    const TgToken *t = (const TgToken *)tg_vec_at(tokens, i);
    edge_mark(edges, t->span.begin - sentence.begin, EDGE_BEGIN);
    edge_mark(edges, t->span.end - sentence.begin, EDGE_END);
  }
}

/* The window's chunks (from tg_chunk_window): typed ones become candidates
 * (ranked after every rule, so a pattern of the same length wins), untyped
 * ones go to `loose`. */
static TgStatus chunk_candidates(size_t si, const TgVec *chunks, TgVec *cands, TgVec *loose) {
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < chunks->len; ++i) {
    const TgChunk *ch = (const TgChunk *)tg_vec_at(chunks, i);
    /* "Bharti Airtel Limited" is a mention of the gazetteer's Bharti Airtel */
    const bool legal = strcmp(ch->source, "chunk.legal-form") == 0;
    Cand c = {ch->span, ch->cls, legal ? ch->brand : -1, ch->source, NULL, NULL, NULL, si,
              (size_t)-1, legal ? -1 : ch->brand, legal ? 0 : ch->brand_end};
    st = tg_vec_push(ch->cls ? cands : loose, &c);
  }
  return st;
}

static bool overlaps(const unsigned char *taken, TgSpan s, size_t base) {
  for (size_t i = s.begin; i < s.end; ++i) {
    if (taken_at(taken, i - base)) {
      return true;
    }
  }
  return false;
}

/* Keep the best candidates of one sentence that do not overlap (longest
 * first, gazetteer before patterns on ties), appending them to `kept` in
 * text order; drop the loose chunks of the sentence they overlap. */
static TgStatus select_sentence(TgVec *cands, TgSpan sentence, unsigned char *taken,
                                TgVec *kept, TgVec *loose, size_t loose_from) {
  if (cands->len > 1) {
    qsort(cands->data, cands->len, sizeof(Cand), cmp_cand_priority);
  }
  memset(taken, 0, (sentence.end - sentence.begin) / 8 + 1);
  size_t n = 0;
  for (size_t i = 0; i < cands->len; ++i) {
    Cand *c = (Cand *)tg_vec_at(cands, i);
    if (overlaps(taken, c->span, sentence.begin)) {
      continue;
    }
    take(taken, c->span.begin - sentence.begin, c->span.end - sentence.begin);
    *(Cand *)tg_vec_at(cands, n++) = *c;
  }
  if (n > 1) {
    qsort(cands->data, n, sizeof(Cand), cmp_mention_pos);
  }
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < n; ++i) {
    st = tg_vec_push(kept, tg_vec_at(cands, i));
  }
  size_t w = loose_from;
  for (size_t i = loose_from; i < loose->len; ++i) {
    const Cand *c = (const Cand *)tg_vec_at(loose, i);
    if (!overlaps(taken, c->span, sentence.begin)) {
      *(Cand *)tg_vec_at(loose, w++) = *c;
    }
  }
  loose->len = w;
  return st;
}

/* ---- One sense per document: a name typed once keeps its type ---- */

typedef struct {
  const char *text;
  size_t cap;
  size_t *slots; /* index + 1 into kept, 0 = empty */
} NameIndex;

static size_t name_slot(const NameIndex *ix, const TgVec *kept, TgSpan s) {
  size_t h = (size_t)tg_hash(ix->text + s.begin, s.end - s.begin) & (ix->cap - 1);
  while (ix->slots[h]) {
    const Cand *c = (const Cand *)tg_vec_at(kept, ix->slots[h] - 1);
    const size_t len = c->span.end - c->span.begin;
    if (len == s.end - s.begin && memcmp(ix->text + c->span.begin, ix->text + s.begin, len) == 0) {
      return h;
    }
    h = (h + 1) & (ix->cap - 1);
  }
  return h;
}

static bool names_entity(const Cand *c) {
  return tg_class_is_entity(c->cls) && c->cls != TG_CLASS_SERVICE &&
         strncmp(c->source, "coref.", 6) != 0;
}

/* Loose chunks whose text a typed name of the article has become mentions
 * of that class. */
static TgStatus one_sense(const char *text, TgVec *kept, const TgVec *loose) {
  if (!loose->len || !kept->len) {
    return TG_SUCCESS;
  }
  NameIndex ix = {text, 16, NULL};
  while (ix.cap < kept->len * 2) {
    ix.cap *= 2;
  }
  if (!(ix.slots = (size_t *)tg_calloc(ix.cap, sizeof(size_t)))) {
    return TG_BAD_ALLOC;
  }
  const size_t n_kept = kept->len;
  for (size_t i = 0; i < n_kept; ++i) {
    const Cand *c = (const Cand *)tg_vec_at(kept, i);
    const size_t h = name_slot(&ix, kept, c->span);
    if (names_entity(c) && !ix.slots[h]) {
      ix.slots[h] = i + 1;
    }
  }
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < loose->len; ++i) {
    Cand c = *(const Cand *)tg_vec_at(loose, i);
    const size_t h = name_slot(&ix, kept, c.span);
    if (ix.slots[h]) {
      const Cand *typed = (const Cand *)tg_vec_at(kept, ix.slots[h] - 1);
      c.cls = typed->cls;
      c.gaz = typed->gaz;
      c.source = "chunk.one-sense";
      st = tg_vec_push(kept, &c);
    }
  }
  tg_free(ix.slots);
  if (!st && kept->len > n_kept) {
    qsort(kept->data, kept->len, sizeof(Cand), cmp_mention_pos);
  }
  return st;
}

/* The next word (letters and digits) of text[*i..end), or false. */
static bool next_word(const char *text, size_t *i, size_t end, TgSpan *w) {
  size_t n = 0;
  while (*i < end && !tg_word_at(text, end, *i, &n)) {
    *i += n;
  }
  w->begin = *i;
  while (*i < end && tg_word_at(text, end, *i, &n)) {
    *i += n;
  }
  w->end = *i;
  return w->end > w->begin;
}

/* Are the words of `part` in `whole`, in order ("HSBC China" in "HSBC Bank
 * (China) Co., Ltd.")? */
static bool words_within(const char *text, TgSpan part, TgSpan whole) {
  size_t i = part.begin;
  size_t j = whole.begin;
  TgSpan a;
  TgSpan b;
  while (next_word(text, &i, part.end, &a)) {
    bool found = false;
    while (!found && next_word(text, &j, whole.end, &b)) {
      found = b.end - b.begin == a.end - a.begin &&
              memcmp(text + a.begin, text + b.begin, a.end - a.begin) == 0;
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

/* A unit without a legal form ("HSBC China") that the article also names
 * in full ("HSBC Bank (China) Co., Ltd.") is a short form of that name:
 * keep only its gazetteer company, for the resolver to link, rather than a
 * second, unlinked company.  Bounded: the first 64 units against the first
 * 256 company names. */
static void units_named_in_full(const char *text, TgVec *kept) {
  size_t units = 0;
  for (size_t i = 0; i < kept->len && units < 64; ++i) {
    Cand *u = (Cand *)tg_vec_at(kept, i);
    if (strcmp(u->source, "chunk.unit") != 0 || u->brand < 0) {
      continue;
    }
    ++units;
    size_t companies = 0;
    for (size_t k = 0; k < kept->len && companies < 256; ++k) {
      const Cand *c = (const Cand *)tg_vec_at(kept, k);
      if (k == i || c->cls != TG_CLASS_COMPANY || strncmp(c->source, "coref.", 6) == 0) {
        continue;
      }
      ++companies;
      if (c->span.end - c->span.begin > u->span.end - u->span.begin &&
          words_within(text, u->span, c->span)) {
        u->span.end = u->brand_end;
        u->gaz = u->brand;
        u->source = "gazetteer";
        break;
      }
    }
  }
}

static TgStatus emit(TgResult *r, const char *text, const TgVec *kept) {
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < kept->len; ++i) {
    const Cand *c = (const Cand *)tg_vec_at(kept, i);
    TgMention mt;
    memset(&mt, 0, sizeof mt);
    mt.span = c->span;
    mt.cls = c->cls;
    mt.entity = -1;
    mt.value = c->value;
    mt.datatype = c->datatype;
    mt.unit = c->unit;
    mt.sentence = c->sentence;
    mt.source = c->source;
    const char *after = text + c->span.end;
    if (strncmp(after, "'s", 2) == 0 || strncmp(after, "\xE2\x80\x99s", 4) == 0) {
      mt.flags |= TG_MENTION_POSSESSIVE;
    }
    if (!(st = tg_vec_push(&r->mentions, &mt))) {
      st = tg_vec_push(&r->mention_gaz, &c->gaz);
    }
  }
  return st;
}

/* ---- Windows: a long sentence read a part at a time ---- */

/* A sentence is read in windows of about `bytes` bytes, cut at a space, so
 * its tokens, chunks and token matches are never all held at once.  Each
 * window's own tokens (its core) start names; the `context` tokens before
 * them and the `ahead` tokens after are read for what names look at around
 * them (a gazetteer name's length, the chunker's cues, a token pattern's
 * neighbours) and belong to the windows either side.  The gazetteer and
 * chunker scans go on where the last window left them, and a window whose
 * chunk or token match reaches into its last tokens is read again, twice as
 * long: the mentions are those of the sentence read whole, as long as no
 * token pattern match runs on over `ahead` / 2 tokens. */
typedef struct {
  size_t bytes, context, ahead;
} Window;

static Window window = {(size_t)1 << 16, 256, 256};

void tg_recognize_window(size_t bytes, size_t context, size_t ahead) {
  window.bytes = bytes ? bytes : 1;
  window.context = context;
  window.ahead = ahead;
}

/* The window sizes in use: enough tokens either side for the chunker's
 * look around (about a dozen tokens) and the longest gazetteer name. */
static Window window_for(const TgPipeline *p) {
  Window w = window;
  const size_t names = tg_gazetteer_max_tokens(p->gazetteer) + 16;
  w.context = w.context < 16 ? 16 : w.context;
  w.ahead = w.ahead < names ? names : w.ahead;
  return w;
}

typedef struct {
  TgVec cands;   /* Cand: the sentence's candidates, gazetteer names first */
  TgVec by_chunk, by_token; /* Cand: its chunk and token-pattern candidates */
  TgVec tokens, chunks, matches; /* of the window being read */
  TgVec kept, loose;
  unsigned char *taken; /* bits: bytes of the sentence kept candidates cover */
  unsigned char *edges; /* two bits a byte: token edges of the sentence */
  size_t cap; /* the sentence length they have room for */
  TgTokScratch *scratch; /* NULL when the rules have no token patterns */
  unsigned char *applies; /* per rule: its when-tokens filters hold */
  TgScreen screen;        /* the prefilter of the PCRE2 entity rules */
} Work;

static TgStatus sentence_room(Work *w, TgSpan sentence) {
  const size_t len = sentence.end - sentence.begin;
  if (len >= w->cap) {
    tg_free(w->taken);
    tg_free(w->edges);
    w->taken = (unsigned char *)tg_malloc(len / 8 + 1);
    w->edges = (unsigned char *)tg_malloc(len / 4 + 1);
    w->cap = w->taken && w->edges ? len + 1 : 0;
    if (!w->cap) {
      return TG_BAD_ALLOC;
    }
  }
  memset(w->edges, 0, len / 4 + 1);
  return TG_SUCCESS;
}

/* Tokens of the window from byte `from`: `bytes` bytes and on to a space,
 * or to the sentence's end (*last). */
static TgStatus read_window(const char *text, TgSpan sentence, size_t from, size_t bytes,
                            TgVec *tokens, bool *last) {
  size_t to = sentence.end - from > bytes ? from + bytes : sentence.end;
  while (to < sentence.end && text[to] != ' ' && text[to] != '\n') {
    ++to;
  }
  *last = to == sentence.end;
  tokens->len = 0;
  return tg_tokenize(text, (TgSpan){from, to}, tokens);
}

/* Where the scans of a sentence stand: the byte the window's tokens start
 * at, its first own token, and the tokens where the gazetteer and chunker
 * scans go on (indices into the window's tokens). */
typedef struct {
  size_t from, core_from, gaz_at, chunk_at;
} Scan;

/* Read one window from sc->from: tokens, chunks and token matches, grown
 * until they fit.  Sets *core (the end of its own tokens) and *last. */
static TgStatus read_fitting(const TgPipeline *p, const char *text, TgSpan sentence,
                             const Window *win, Work *w, const Scan *sc, size_t *core,
                             size_t *chunk_next, bool *last) {
  for (size_t bytes = win->bytes;; bytes = bytes > SIZE_MAX / 2 ? SIZE_MAX : bytes * 2) {
    TgStatus st = read_window(text, sentence, sc->from, bytes, &w->tokens, last);
    const size_t n = w->tokens.len;
    if (st) {
      return st;
    }
    if (!*last && n <= sc->core_from + win->ahead) {
      continue; /* too few tokens past the last window's */
    }
    *core = *last ? n : n - win->ahead;
    const size_t guard = *last ? 0 : win->ahead / 2;
    bool fits = true;
    w->chunks.len = 0;
    if ((st = tg_chunk_window(p->lexicon, p->gazetteer, text, (const TgToken *)w->tokens.data,
                              n, sc->chunk_at, *core, &w->chunks, chunk_next)) ||
        (st = token_matches(p, text, &w->tokens, w->scratch, sc->core_from, *core, guard,
                            &w->matches, &fits))) {
      return st;
    }
    if (*last || (fits && *chunk_next + guard <= n)) {
      return TG_SUCCESS;
    }
  }
}

/* Candidates from the tokens of sentence `si`, window by window: gazetteer
 * names into w->cands, chunks and token patterns into their own lists (so
 * the candidates come in the order of reading the sentence whole), token
 * edges and when-tokens filters for the PCRE2 rules. */
static TgStatus token_layer(const TgPipeline *p, TgResult *r, const char *text,
                            TgSpan sentence, size_t si, Work *w) {
  const Window win = window_for(p);
  Scan sc = {sentence.begin, 0, 0, 0};
  for (;;) {
    size_t core = 0;
    size_t chunk_next = 0;
    bool last = false;
    TgStatus st = read_fitting(p, text, sentence, &win, w, &sc, &core, &chunk_next, &last);
    if (st || (st = gazetteer_candidates(p, text, &w->tokens, core, si, &sc.gaz_at, &w->cands)) ||
        (st = chunk_candidates(si, &w->chunks, &w->by_chunk, &w->loose)) ||
        (st = token_candidates(p, r, text, sentence, si, &w->tokens, &w->matches, sc.core_from,
                               core, w->applies, &w->by_token))) {
      return st;
    }
    mark_edges(&w->tokens, sc.core_from, core, sentence, w->edges);
    if (last) {
      return TG_SUCCESS;
    }
    /* The next window starts `context` tokens before this one's end. */
    const size_t shift = core > win.context ? core - win.context : 0;
    sc.from = ((const TgToken *)tg_vec_at(&w->tokens, shift))->span.begin;
    sc.core_from = core - shift;
    sc.gaz_at -= shift;
    sc.chunk_at = chunk_next - shift;
  }
}

static TgStatus append_all(TgVec *to, const TgVec *from) {
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < from->len; ++i) {
    st = tg_vec_push(to, tg_vec_at(from, i));
  }
  return st;
}

/* The mentions of sentence `si` into w->kept (and its untyped chunks into
 * w->loose). */
static TgStatus recognize_sentence(const TgPipeline *p, TgResult *r, TgMatcher *m,
                                   const char *text, size_t si, Work *w) {
  const TgSpan sentence = *(const TgSpan *)tg_vec_at(&r->sentences, si);
  const size_t loose_from = w->loose.len;
  w->cands.len = 0;
  w->by_chunk.len = 0;
  w->by_token.len = 0;
  memset(w->applies, 0, tg_ruleset_size(p->rules));
  TgStatus st;
  if ((st = sentence_room(w, sentence)) || (st = token_layer(p, r, text, sentence, si, w)) ||
      (st = append_all(&w->cands, &w->by_chunk)) ||
      (st = append_all(&w->cands, &w->by_token)) ||
      (st = rule_candidates(p, r, m, &w->screen, text, sentence, si, w->edges, w->applies,
                            &w->cands))) {
    return st;
  }
  return select_sentence(&w->cands, sentence, w->taken, &w->kept, &w->loose, loose_from);
}

TgStatus tg_recognize(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m) {
  const char *text = tg_document_text(doc);
  Work w;
  memset(&w, 0, sizeof w);
  TgVec *cand_lists[] = {&w.cands, &w.by_chunk, &w.by_token, &w.kept, &w.loose};
  for (size_t i = 0; i < sizeof cand_lists / sizeof cand_lists[0]; ++i) {
    tg_vec_init(cand_lists[i], sizeof(Cand));
  }
  tg_vec_init(&w.tokens, sizeof(TgToken));
  tg_vec_init(&w.chunks, sizeof(TgChunk));
  tg_vec_init(&w.matches, sizeof(TgTokMatch));
  TgStatus st = TG_SUCCESS;
  const TgTokProg *prog = tg_ruleset_tokens(p->rules);
  if ((tg_tokprog_size(prog) && !(w.scratch = tg_tokscratch_new(prog))) ||
      !(w.applies = (unsigned char *)tg_calloc(tg_ruleset_size(p->rules) + 1, 1))) {
    st = TG_BAD_ALLOC;
  }
  if (!st) {
    st = tg_screen_init_stage(&w.screen, p->rules, false);
  }
  for (size_t si = 0; !st && si < r->sentences.len; ++si) {
    st = recognize_sentence(p, r, m, text, si, &w);
  }
  if (!st) {
    units_named_in_full(text, &w.kept);
  }
  if (!st && !(st = one_sense(text, &w.kept, &w.loose))) {
    st = emit(r, text, &w.kept);
  }
  tg_free(w.taken);
  tg_free(w.edges);
  for (size_t i = 0; i < sizeof cand_lists / sizeof cand_lists[0]; ++i) {
    tg_vec_clear(cand_lists[i]);
  }
  tg_vec_clear(&w.tokens);
  tg_vec_clear(&w.chunks);
  tg_vec_clear(&w.matches);
  tg_tokscratch_free(w.scratch);
  tg_free(w.applies);
  tg_screen_clear(&w.screen);
  return st;
}
