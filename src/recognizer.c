/* telegraph stage 3, the recognizers: gazetteer names, entity patterns,
 * dates and quantities become typed mentions.  This file finds the
 * candidates of each sentence (gazetteer names, chunks, token and PCRE2
 * pattern matches, a long sentence read a window at a time); which of
 * them are kept, and how they become mentions, is selection.c's.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "chunker.h"
#include "pipeline.h"
#include "quantity.h"
#include "segmenter.h"
#include "selection.h"

#include <stdlib.h>
#include <string.h>

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
                         TgCand *c) {
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

/* A name from a pattern must begin and end where tokens do ("T-Systems P"
 * of "T-Systems P.R. China", "Gulf Co" of "Gulf Co-operation" are cut), and
 * a company name does not start with a job title ("CEO of Vodacom Group"). */
static bool name_fits_tokens(const TgPipeline *p, const char *text, TgSpan sentence,
                             const unsigned char *edges, const TgCand *c) {
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
 * lacks is not run (and costs the budget the same); one with lead strings
 * is tried where they stand (tg_match_screened). */
static TgStatus screened_match(TgMatcher *m, const TgScreen *sc, const TgPattern *pat,
                               const char *text, TgSpan sentence, size_t at) {
  if (pat->has_lead) {
    return tg_match_screened(m, sc, pat, text, sentence.end, at);
  }
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
        TgCand c = {name, rule->cls, -1, rule->id, NULL, NULL, NULL, si, k, -1, 0};
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
    TgCand c = {span, rule->cls, -1, rule->id, NULL, NULL, NULL, si, m->id, -1, 0};
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
    TgCand c = {{t[i].span.begin, head[k - i].span.end}, g->cls, h, "gazetteer",
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
    TgCand c = {part[k].span, TG_CLASS_PLACE, h[k], "gazetteer", NULL, NULL, NULL, si, 0, -1, 0};
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
                                     TgGazHit *hits, size_t core, size_t si, size_t *at,
                                     TgVec *cands) {
  TgStatus st;
  const TgToken *t = (const TgToken *)tokens->data;
  size_t i = *at;
  size_t dash = 0; /* the first token from i on that holds a hyphen, once dash >= i */
  for (; i < core; ++i) {
    size_t n = 0;
    long e = tg_gazetteer_match_kept(p->gazetteer, text, t, tokens->len, i, &n, hits);
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
    TgCand c = {{t[i].span.begin, t[i + n - 1].span.end}, g->cls, e, "gazetteer",
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
    TgCand c = {ch->span, ch->cls, legal ? ch->brand : -1, ch->source, NULL, NULL, NULL, si,
              (size_t)-1, legal ? -1 : ch->brand, legal ? 0 : ch->brand_end};
    st = tg_vec_push(ch->cls ? cands : loose, &c);
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
  TgVec cands;   /* TgCand: the sentence's candidates, gazetteer names first */
  TgVec by_chunk, by_token; /* TgCand: its chunk and token-pattern candidates */
  TgVec tokens, chunks, matches; /* of the window being read */
  TgVec kept, loose;
  unsigned char *taken; /* bits: bytes of the sentence kept candidates cover */
  unsigned char *edges; /* two bits a byte: token edges of the sentence */
  size_t cap; /* the sentence length they have room for */
  TgTokScratch *scratch; /* NULL when the rules have no token patterns */
  unsigned char *applies; /* per rule: its when-tokens filters hold */
  TgScreen screen;        /* the prefilter of the PCRE2 entity rules */
  TgGazHit *hits;         /* gazetteer names by token of the window read */
  size_t hits_cap;
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

/* Room in w->hits for a window of n tokens, none looked up yet. */
static TgStatus hits_room(Work *w, size_t n) {
  if (n > w->hits_cap) {
    tg_free(w->hits);
    w->hits = (TgGazHit *)tg_malloc(n * sizeof *w->hits);
    w->hits_cap = w->hits ? n : 0;
    if (!w->hits) {
      return TG_BAD_ALLOC;
    }
  }
  if (n) {
    memset(w->hits, 0, n * sizeof *w->hits);
  }
  return TG_SUCCESS;
}

/* Read one window from sc->from: tokens, chunks and token matches, grown
 * until they fit.  Sets *core (the end of its own tokens) and *last. */
static TgStatus read_fitting(const TgPipeline *p, const char *text, TgSpan sentence,
                             const Window *win, Work *w, const Scan *sc, size_t *core,
                             size_t *chunk_next, bool *last) {
  for (size_t bytes = win->bytes;; bytes = bytes > SIZE_MAX / 2 ? SIZE_MAX : bytes * 2) {
    TgStatus st = read_window(text, sentence, sc->from, bytes, &w->tokens, last);
    const size_t n = w->tokens.len;
    if (st || (st = hits_room(w, n))) {
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
                              n, sc->chunk_at, *core, &w->chunks, chunk_next, w->hits)) ||
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
    if (st || (st = gazetteer_candidates(p, text, &w->tokens, w->hits, core, si, &sc.gaz_at,
                                         &w->cands)) ||
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
  return tg_select_sentence(&w->cands, sentence, w->taken, &w->kept, &w->loose, loose_from);
}

TgStatus tg_recognize(const TgPipeline *p, const TgDocument *doc, TgResult *r, TgMatcher *m) {
  const char *text = tg_document_text(doc);
  Work w;
  memset(&w, 0, sizeof w);
  TgVec *cand_lists[] = {&w.cands, &w.by_chunk, &w.by_token, &w.kept, &w.loose};
  for (size_t i = 0; i < sizeof cand_lists / sizeof cand_lists[0]; ++i) {
    tg_vec_init(cand_lists[i], sizeof(TgCand));
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
    tg_select_units_named_in_full(text, &w.kept);
  }
  if (!st && !(st = tg_select_one_sense(text, &w.kept, &w.loose))) {
    st = tg_emit_mentions(r, text, &w.kept);
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
  tg_free(w.hits);
  return st;
}
