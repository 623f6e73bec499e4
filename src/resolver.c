/* telegraph stage 4, the resolver: mentions become entities.
 *
 * - a gazetteer mention resolves to its canonical entry;
 * - other names are merged by slug ("Acme Co" and "ACME Co" are one);
 * - an acronym in parentheses after a name ("... Technology (MIIT)") becomes
 *   an alias, and its later occurrences mentions of the same entity;
 * - coreference rules (ids "coref.*": "the ministry", "the country") point
 *   to the latest entity of their class, preferring one whose name holds
 *   the head word;
 * - a company's short form ("Kinabalu Digital", "Huaxin Life") is the
 *   company whose full name in the same article is the short form followed
 *   by legal forms and head words ("Kinabalu Digital Berhad", "Huaxin Life
 *   Insurance Co., Ltd.");
 * - a company whose name starts with another company's name in the same
 *   article is its subsidiary ("Deutsche Telekom (China) ... Co" of
 *   "Deutsche Telekom").
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "pipeline.h"

#include <stdlib.h>
#include <string.h>


static long find_entity(TgResult *r, const char *slug, long gaz) {
  for (size_t i = 0; i < r->entities.len; ++i) {
    const TgEntityRec *e = tg_entity_rec(r, i);
    if ((gaz >= 0 && e->gaz == gaz) || strcmp(e->pub.slug, slug) == 0) {
      return (long)i;
    }
  }
  return -1;
}

/* The entity for a name of class `cls`, from the gazetteer entry `gaz` or
 * from the surface form; created if new. */
static TgStatus entity_for(const TgPipeline *p, TgResult *r, TgClass cls, long gaz,
                           const char *surface, size_t len, long *out) {
  const TgGazEntry *g = gaz >= 0 ? tg_gazetteer_entry(p->gazetteer, (size_t)gaz) : NULL;
  const char *label = g ? g->name : surface;
  const size_t label_len = g ? strlen(g->name) : len;
  if (g) {
    cls = g->cls;
  }
  TgBuf slug;
  tg_buf_init(&slug);
  TgStatus st = g ? tg_buf_puts(&slug, g->slug) : tg_buf_puts(&slug, tg_class_path(cls));
  const size_t prefix = slug.len;
  if (!st && !g) {
    st = tg_slugify(label, label_len, &slug);
  }
  if (!st && slug.len == prefix && !g) {
    /* Nothing sluggable (only punctuation): use a hash of the name. */
    st = tg_buf_printf(&slug, "h%016llx", (unsigned long long)tg_hash(label, label_len));
  }
  if (st) {
    tg_buf_clear(&slug);
    return st;
  }
  long idx = find_entity(r, slug.buf, gaz);
  if (idx < 0) {
    TgEntityRec e;
    memset(&e, 0, sizeof e);
    e.pub.cls = cls;
    e.pub.parent = -1;
    e.gaz = gaz;
    e.pub.label = tg_result_intern(r, label, label_len);
    e.pub.slug = tg_result_intern(r, slug.buf, slug.len);
    e.key = e.pub.slug;
    tg_vec_init(&e.aliases, sizeof(const char *));
    if (g) {
      e.pub.wikidata = g->wikidata;
      e.pub.geonames = g->geonames;
      e.pub.dbpedia = g->dbpedia;
      e.pub.country = g->cls == TG_CLASS_PLACE && !g->within;
    }
    if (!e.pub.label || !e.pub.slug || tg_vec_push(&r->entities, &e)) {
      tg_buf_clear(&slug);
      return TG_BAD_ALLOC;
    }
    idx = (long)r->entities.len - 1;
  }
  tg_buf_clear(&slug);
  *out = idx;
  if (len) {
    return tg_entity_add_alias(r, tg_entity_rec(r, (size_t)idx), surface, len);
  }
  return TG_SUCCESS;
}

/* An acronym: 2 to 12 characters, capitals, digits, '&', '-' and '.',
 * at least two capitals. */
static bool is_acronym(const char *s, size_t len) {
  size_t caps = 0;
  if (len < 2 || len > 12) {
    return false;
  }
  for (size_t i = 0; i < len; ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      ++caps;
    } else if (!((c >= '0' && c <= '9') || c == '&' || c == '-' || c == '.' ||
                 (c >= 'a' && c <= 'z' && i > 0))) {
      return false;
    }
  }
  return caps >= 2;
}

static bool word_boundary(const char *text, size_t len, size_t b, size_t e) {
  size_t n;
  if (b > 0) {
    size_t k = b - 1;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80) {
      --k;
    }
    if (tg_word_at(text, len, k, &n)) {
      return false;
    }
  }
  return e >= len || !tg_word_at(text, len, e, &n);
}

static int cmp_mentions(const void *a, const void *b) {
  const TgMention *x = (const TgMention *)a;
  const TgMention *y = (const TgMention *)b;
  return x->span.begin < y->span.begin ? -1 : (x->span.begin > y->span.begin);
}

static long sentence_of(const TgResult *r, size_t at) {
  for (size_t i = 0; i < r->sentences.len; ++i) {
    const TgSpan *s = (const TgSpan *)tg_vec_at(&r->sentences, i);
    if (at >= s->begin && at < s->end) {
      return (long)i;
    }
  }
  return -1;
}

static bool covered(const TgResult *r, size_t b, size_t e) {
  for (size_t i = 0; i < r->mentions.len; ++i) {
    const TgMention *m = (const TgMention *)tg_vec_at(&r->mentions, i);
    if (b < m->span.end && m->span.begin < e) {
      return true;
    }
  }
  return false;
}

/* "Name (ACR)": make ACR an alias of Name's entity and find its later uses. */
static TgStatus acronyms(TgResult *r, const char *text, size_t len) {
  const size_t n = r->mentions.len;
  for (size_t i = 0; i < n; ++i) {
    TgMention m = *tg_mention_at(r, i);
    if (m.entity < 0 || (m.flags & TG_MENTION_COREF)) {
      continue;
    }
    size_t a = m.span.end;
    if (text[a] == ' ') {
      ++a;
    }
    if (text[a] != '(') {
      continue;
    }
    size_t b = a + 1;
    while (b < len && b < a + 14 && text[b] != ')' && text[b] != '\n') {
      ++b;
    }
    if (text[b] != ')' || !is_acronym(text + a + 1, b - a - 1)) {
      continue;
    }
    TgEntityRec *e = tg_entity_rec(r, (size_t)m.entity);
    const char *acr = text + a + 1;
    const size_t acr_len = b - a - 1;
    /* The parenthesis itself: an existing mention of the same entity, or a
     * new definition mention. */
    if (i + 1 < n && tg_mention_at(r, i + 1)->span.begin == a + 1) {
      TgMention *next = tg_mention_at(r, i + 1);
      if (next->entity != m.entity) {
        continue; /* "Siemens (Shenzhen)": not an acronym of the name */
      }
      next->flags |= TG_MENTION_DEFINITION;
    } else {
      if (covered(r, a + 1, b)) {
        continue;
      }
      TgMention def = m;
      def.span.begin = a + 1;
      def.span.end = b;
      def.flags = TG_MENTION_DEFINITION;
      def.source = "acronym";
      if (tg_vec_push(&r->mentions, &def)) {
        return TG_BAD_ALLOC;
      }
    }
    if (tg_entity_add_alias(r, e, acr, acr_len)) {
      return TG_BAD_ALLOC;
    }
    /* Later whole-word uses of the acronym. */
    for (const char *hit = text + b; (hit = strstr(hit, "")) && hit < text + len;) {
      const char *found = NULL;
      for (const char *s = hit; s + acr_len <= text + len; ++s) {
        if (memcmp(s, acr, acr_len) == 0) {
          found = s;
          break;
        }
      }
      if (!found) {
        break;
      }
      const size_t fb = (size_t)(found - text);
      const size_t fe = fb + acr_len;
      hit = found + acr_len;
      if (!word_boundary(text, len, fb, fe) || covered(r, fb, fe)) {
        continue;
      }
      const long si = sentence_of(r, fb);
      if (si < 0) {
        continue;
      }
      TgMention use = m;
      use.span.begin = fb;
      use.span.end = fe;
      use.flags = 0;
      use.sentence = (size_t)si;
      use.source = "acronym";
      if (strncmp(text + fe, "'s", 2) == 0 || strncmp(text + fe, "\xE2\x80\x99s", 4) == 0) {
        use.flags |= TG_MENTION_POSSESSIVE;
      }
      if (tg_vec_push(&r->mentions, &use)) {
        return TG_BAD_ALLOC;
      }
    }
  }
  if (r->mentions.len > n) {
    qsort(r->mentions.data, r->mentions.len, sizeof(TgMention), cmp_mentions);
  }
  return TG_SUCCESS;
}

static bool contains_word_ci(const char *label, const char *w, size_t wlen) {
  const size_t n = strlen(label);
  for (size_t i = 0; i + wlen <= n; ++i) {
    size_t k = 0;
    while (k < wlen) {
      char a = label[i + k];
      char b = w[k];
      if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
      if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
      if (a != b) break;
      ++k;
    }
    if (k == wlen) {
      return true;
    }
  }
  return false;
}

/* The latest entity of `cls` mentioned before mention `at`, preferring one
 * whose label holds the head word (the last word of the anaphor). */
static long antecedent(const TgResult *r, const char *text, size_t at, const TgMention *ana) {
  size_t hb = ana->span.end;
  while (hb > ana->span.begin && text[hb - 1] != ' ') {
    --hb;
  }
  long fallback = -1;
  for (size_t i = at; i-- > 0;) {
    const TgMention *m = (const TgMention *)tg_vec_at(&r->mentions, i);
    if (m->entity < 0 || m->cls != ana->cls) {
      continue;
    }
    const TgEntityRec *e = (const TgEntityRec *)tg_vec_at(&r->entities, (size_t)m->entity);
    if (ana->cls == TG_CLASS_PLACE) {
      if (e->pub.country) {
        return m->entity;
      }
      continue;
    }
    if (contains_word_ci(e->pub.label, text + hb, ana->span.end - hb)) {
      return m->entity;
    }
    if (fallback < 0) {
      fallback = m->entity;
    }
  }
  return fallback;
}

/* The country containing the latest place mentioned before `at`. */
static TgStatus containing_country(const TgPipeline *p, TgResult *r, size_t at, long *out) {
  *out = -1;
  for (size_t i = at; i-- > 0;) {
    const TgMention *m = tg_mention_at(r, i);
    const long gaz = *(const long *)tg_vec_at(&r->mention_gaz, i);
    if (m->cls != TG_CLASS_PLACE || gaz < 0) {
      continue;
    }
    const TgGazEntry *g = tg_gazetteer_entry(p->gazetteer, (size_t)gaz);
    if (!g->within) {
      continue;
    }
    const long c = tg_gazetteer_find(p->gazetteer, g->within);
    if (c < 0) {
      continue;
    }
    return entity_for(p, r, TG_CLASS_PLACE, c, "", 0, out);
  }
  return TG_SUCCESS;
}


/* ---- Short forms of a company's full name ---- */

/* Most legal forms and head words stripped from one full name. */
#define TG_SHORT_MAX_STRIP 6

/* A legal form or company head word, with its trailing "," or "."
 * ("Co.,", "Ltd.", "Insurance", "Berhad"). */
static bool company_tail_word(const TgLexicon *lex, const char *s, size_t len) {
  long long v = 0;
  for (int pass = 0; pass < 3 && len; ++pass) {
    if (tg_lexicon_find(lex, "designator", s, len, &v) ||
        tg_lexicon_find(lex, "orghead", s, len, &v)) {
      return true;
    }
    if (s[len - 1] != ',' && s[len - 1] != '.') {
      break;
    }
    --len;
  }
  return false;
}

typedef struct {
  const char *text;
  size_t cap;
  long *slot; /* mention index + 1 of a full name; -1 when two disagree */
  TgSpan *stem;
  TgSpan *full; /* the full name of the slot's first mention */
} StemTable;

static size_t stem_slot(const StemTable *t, size_t b, size_t len) {
  size_t h = (size_t)tg_hash(t->text + b, len) & (t->cap - 1);
  while (t->slot[h] && !(t->stem[h].end - t->stem[h].begin == len &&
                         memcmp(t->text + t->stem[h].begin, t->text + b, len) == 0)) {
    h = (h + 1) & (t->cap - 1);
  }
  return h;
}

static bool same_text(const char *text, TgSpan a, TgSpan b) {
  return a.end - a.begin == b.end - b.begin &&
         memcmp(text + a.begin, text + b.begin, a.end - a.begin) == 0;
}

/* The full name entered at slot h. */
static TgSpan full_span(const StemTable *t, size_t h) {
  return t->full[h];
}

static bool short_candidate(const TgResult *r, size_t i) {
  const TgMention *m = (const TgMention *)tg_vec_at(&r->mentions, i);
  return m->cls == TG_CLASS_COMPANY && strncmp(m->source, "coref.", 6) != 0 &&
         *(const long *)tg_vec_at(&r->mention_gaz, i) < 0;
}

/* Enter the stems of the full name of mention i: the name without its last
 * one, two, ... legal forms and head words. */
static void add_stems(const TgPipeline *p, StemTable *t, const TgMention *m, size_t i) {
  size_t e = m->span.end;
  for (int k = 0; k < TG_SHORT_MAX_STRIP; ++k) {
    size_t sp = e;
    while (sp > m->span.begin && t->text[sp - 1] != ' ') {
      --sp;
    }
    if (sp <= m->span.begin || !company_tail_word(p->lexicon, t->text + sp, e - sp)) {
      return;
    }
    e = sp - 1;
    while (e > m->span.begin && (t->text[e - 1] == ',' || t->text[e - 1] == ' ')) {
      --e;
    }
    if (e <= m->span.begin) {
      return;
    }
    const size_t h = stem_slot(t, m->span.begin, e - m->span.begin);
    if (!t->slot[h]) {
      t->slot[h] = (long)i + 1;
      t->stem[h] = (TgSpan){m->span.begin, e};
      t->full[h] = m->span;
    } else if (t->slot[h] > 0 && !same_text(t->text, full_span(t, h), m->span)) {
      t->slot[h] = -1; /* two full names share it: "Huaxin Life" is neither */
    }
  }
}

/* For each company mention that is a short form of a full name in the
 * article, the index of that full name's mention in `full` (else -1). */
static TgStatus short_forms(const TgPipeline *p, const TgResult *r, const char *text,
                            long *full) {
  const size_t n = r->mentions.len;
  StemTable t = {text, 16, NULL, NULL, NULL};
  while (t.cap < n * TG_SHORT_MAX_STRIP * 2) {
    t.cap *= 2;
  }
  t.slot = (long *)tg_calloc(t.cap, sizeof(long));
  t.stem = (TgSpan *)tg_calloc(t.cap, sizeof(TgSpan));
  t.full = (TgSpan *)tg_calloc(t.cap, sizeof(TgSpan));
  if (!t.slot || !t.stem || !t.full) {
    tg_free(t.slot);
    tg_free(t.stem);
    tg_free(t.full);
    return TG_BAD_ALLOC;
  }
  for (size_t i = 0; i < n; ++i) {
    if (short_candidate(r, i)) {
      add_stems(p, &t, (const TgMention *)tg_vec_at(&r->mentions, i), i);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    full[i] = -1;
    const TgMention *m = (const TgMention *)tg_vec_at(&r->mentions, i);
    if (short_candidate(r, i)) {
      const size_t h = stem_slot(&t, m->span.begin, m->span.end - m->span.begin);
      full[i] = t.slot[h] > 0 ? t.slot[h] - 1 : -1;
    }
  }
  tg_free(t.slot);
  tg_free(t.stem);
  tg_free(t.full);
  return TG_SUCCESS;
}

TgStatus tg_resolve(const TgPipeline *p, const TgDocument *doc, TgResult *r) {
  const char *text = tg_document_text(doc);
  const size_t len = tg_document_length(doc);
  TgStatus st;
  long *full = (long *)tg_calloc(r->mentions.len + 1, sizeof(long));
  if (!full || (st = short_forms(p, r, text, full))) {
    tg_free(full);
    return TG_BAD_ALLOC;
  }
  /* Names first, in text order; anaphors after, against what precedes. */
  for (size_t i = 0; i < r->mentions.len; ++i) {
    TgMention *m = tg_mention_at(r, i);
    if (!tg_class_is_entity(m->cls) || strncmp(m->source, "coref.", 6) == 0) {
      continue;
    }
    const long gaz = *(const long *)tg_vec_at(&r->mention_gaz, i);
    long e = -1;
    const TgMention *named = full[i] >= 0 ? tg_mention_at(r, (size_t)full[i]) : m;
    if ((st = entity_for(p, r, m->cls, gaz, text + named->span.begin,
                         named->span.end - named->span.begin, &e)) ||
        (named != m && (st = tg_entity_add_alias(r, tg_entity_rec(r, (size_t)e),
                                                 text + m->span.begin,
                                                 m->span.end - m->span.begin)))) {
      tg_free(full);
      return st;
    }
    m->entity = e;
    m->cls = tg_entity_rec(r, (size_t)e)->pub.cls;
  }
  tg_free(full);
  size_t kept = 0;
  for (size_t i = 0; i < r->mentions.len; ++i) {
    TgMention *m = tg_mention_at(r, i);
    if (tg_class_is_entity(m->cls) && strncmp(m->source, "coref.", 6) == 0) {
      long e = antecedent(r, text, i, m);
      if (e < 0 && m->cls == TG_CLASS_PLACE && (st = containing_country(p, r, i, &e))) {
        return st;
      }
      if (e < 0) {
        continue; /* no antecedent: drop the anaphor */
      }
      m->entity = e;
      m->flags |= TG_MENTION_COREF;
    }
    *(long *)tg_vec_at(&r->mention_gaz, kept) = *(long *)tg_vec_at(&r->mention_gaz, i);
    *tg_mention_at(r, kept++) = *m;
  }
  r->mentions.len = kept;
  r->mention_gaz.len = kept;
  if ((st = acronyms(r, text, len))) {
    return st;
  }
  /* Subsidiaries named after their parent. */
  for (size_t i = 0; i < r->entities.len; ++i) {
    TgEntityRec *child = tg_entity_rec(r, i);
    if (child->pub.cls != TG_CLASS_COMPANY || child->gaz >= 0) {
      continue;
    }
    const size_t cl = strlen(child->pub.label);
    size_t best = 0;
    for (size_t j = 0; j < r->entities.len; ++j) {
      const TgEntityRec *parent = tg_entity_rec(r, j);
      const size_t pl = strlen(parent->pub.label);
      if (j == i || parent->pub.cls != TG_CLASS_COMPANY || pl >= cl || pl <= best ||
          strncmp(child->pub.label, parent->pub.label, pl) != 0 || child->pub.label[pl] != ' ') {
        continue;
      }
      child->pub.parent = (long)j;
      best = pl;
    }
  }
  return TG_SUCCESS;
}
