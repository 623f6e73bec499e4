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

#include "initials.h"
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>


/* An open-addressing hash table of indices: each slot holds an index + 1
 * and its key's hash; `same` says whether index v holds the key. */
typedef struct {
  size_t *slot;
  uint64_t *hash;
  size_t cap;
  size_t len;
} Table;

typedef bool (*SameFn)(const void *ctx, size_t v, const void *key);

static void table_clear(Table *t) {
  tg_free(t->slot);
  tg_free(t->hash);
  memset(t, 0, sizeof *t);
}

static long table_find(const Table *t, uint64_t h, SameFn same, const void *ctx,
                       const void *key) {
  for (size_t j = t->cap ? (size_t)h & (t->cap - 1) : 0; t->cap && t->slot[j];
       j = (j + 1) & (t->cap - 1)) {
    if (t->hash[j] == h && same(ctx, t->slot[j] - 1, key)) {
      return (long)(t->slot[j] - 1);
    }
  }
  return -1;
}

static void table_put(Table *t, uint64_t h, size_t v) {
  size_t j = (size_t)h & (t->cap - 1);
  while (t->slot[j]) {
    j = (j + 1) & (t->cap - 1);
  }
  t->slot[j] = v + 1;
  t->hash[j] = h;
  ++t->len;
}

/* Add index v under hash h (the caller checked the key is new). */
static TgStatus table_add(Table *t, uint64_t h, size_t v) {
  if ((t->len + 1) * 2 > t->cap) {
    Table g = {NULL, NULL, t->cap ? t->cap * 2 : 64, 0};
    g.slot = (size_t *)tg_calloc(g.cap, sizeof(size_t));
    g.hash = (uint64_t *)tg_calloc(g.cap, sizeof(uint64_t));
    if (!g.slot || !g.hash) {
      table_clear(&g);
      return TG_BAD_ALLOC;
    }
    for (size_t j = 0; j < t->cap; ++j) {
      if (t->slot[j]) {
        table_put(&g, t->hash[j], t->slot[j] - 1);
      }
    }
    table_clear(t);
    *t = g;
  }
  table_put(t, h, v);
  return TG_SUCCESS;
}

/* FNV-1a, one byte at a time (the same as tg_hash). */
#define HASH_INIT 14695981039346656037ull
static uint64_t hash_step(uint64_t h, char c) { return (h ^ (unsigned char)c) * 1099511628211ull; }

/* The entities of the result by slug and by gazetteer entry, brought up to
 * date with r->entities before every look-up. */
typedef struct {
  Table by_slug;
  Table by_gaz;
  size_t indexed;
  TgBuf slug; /* entity_for's scratch, kept from one name to the next */
} EntityIndex;

static bool same_slug(const void *ctx, size_t v, const void *key) {
  return strcmp(tg_entity_rec((TgResult *)ctx, v)->pub.slug, (const char *)key) == 0;
}

static bool same_gaz(const void *ctx, size_t v, const void *key) {
  return tg_entity_rec((TgResult *)ctx, v)->gaz == *(const long *)key;
}

static uint64_t gaz_hash(long gaz) { return tg_hash((const char *)&gaz, sizeof gaz); }

/* The first entity with gazetteer entry `gaz` or slug `slug`, or -1. */
static TgStatus find_entity(TgResult *r, EntityIndex *ix, const char *slug, long gaz,
                            long *out) {
  for (; ix->indexed < r->entities.len; ++ix->indexed) {
    const TgEntityRec *e = tg_entity_rec(r, ix->indexed);
    const uint64_t hs = tg_hash(e->pub.slug, strlen(e->pub.slug));
    if (table_find(&ix->by_slug, hs, same_slug, r, e->pub.slug) < 0 &&
        table_add(&ix->by_slug, hs, ix->indexed)) {
      return TG_BAD_ALLOC;
    }
    if (e->gaz >= 0 && table_find(&ix->by_gaz, gaz_hash(e->gaz), same_gaz, r, &e->gaz) < 0 &&
        table_add(&ix->by_gaz, gaz_hash(e->gaz), ix->indexed)) {
      return TG_BAD_ALLOC;
    }
  }
  const long by_gaz = gaz >= 0 ? table_find(&ix->by_gaz, gaz_hash(gaz), same_gaz, r, &gaz) : -1;
  const long by_slug = table_find(&ix->by_slug, tg_hash(slug, strlen(slug)), same_slug, r, slug);
  *out = by_gaz < 0 || (by_slug >= 0 && by_slug < by_gaz) ? by_slug : by_gaz;
  return TG_SUCCESS;
}

/* The entity for a name of class `cls`, from the gazetteer entry `gaz` or
 * from the surface form; created if new. */
static TgStatus entity_for(const TgPipeline *p, TgResult *r, EntityIndex *ix, TgClass cls,
                           long gaz, const char *surface, size_t len, long *out) {
  const TgGazEntry *g = gaz >= 0 ? tg_gazetteer_entry(p->gazetteer, (size_t)gaz) : NULL;
  const char *label = g ? g->name : surface;
  const size_t label_len = g ? strlen(g->name) : len;
  if (g) {
    cls = g->cls;
  }
  TgBuf *slug = &ix->slug;
  slug->len = 0;
  TgStatus st = g ? tg_buf_puts(slug, g->slug) : tg_buf_puts(slug, tg_class_path(cls));
  const size_t prefix = slug->len;
  if (!st && !g) {
    st = tg_slugify(label, label_len, slug);
  }
  if (!st && slug->len == prefix && !g) {
    /* Nothing sluggable (only punctuation): use a hash of the name. */
    st = tg_buf_printf(slug, "h%016llx", (unsigned long long)tg_hash(label, label_len));
  }
  if (st) {
    return st;
  }
  long idx = -1;
  if (find_entity(r, ix, slug->buf, gaz, &idx)) {
    return TG_BAD_ALLOC;
  }
  if (idx < 0) {
    TgEntityRec e;
    memset(&e, 0, sizeof e);
    e.pub.cls = cls;
    e.pub.parent = -1;
    e.gaz = gaz;
    e.pub.label = tg_result_intern(r, label, label_len);
    e.pub.slug = tg_result_intern(r, slug->buf, slug->len);
    e.key = e.pub.slug;
    tg_vec_init(&e.aliases, sizeof(const char *));
    if (g) {
      e.pub.wikidata = g->wikidata;
      e.pub.geonames = g->geonames;
      e.pub.dbpedia = g->dbpedia;
      e.pub.country = g->cls == TG_CLASS_PLACE && !g->within;
    }
    if (!e.pub.label || !e.pub.slug || tg_vec_push(&r->entities, &e)) {
      return TG_BAD_ALLOC;
    }
    idx = (long)r->entities.len - 1;
  }
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

/* The sentence holding byte `at` (sentences are sorted and disjoint), or -1. */
static long sentence_of(const TgResult *r, size_t at) {
  size_t lo = 0;
  size_t hi = r->sentences.len;
  while (lo < hi) { /* the first sentence beginning after `at` */
    const size_t mid = lo + (hi - lo) / 2;
    if (((const TgSpan *)tg_vec_at(&r->sentences, mid))->begin <= at) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const TgSpan *s = lo ? (const TgSpan *)tg_vec_at(&r->sentences, lo - 1) : NULL;
  return s && at < s->end ? (long)(lo - 1) : -1;
}

/* Spans sorted by their beginning, each with the largest end up to it, so
 * that "does anything overlap [b, e)" is one binary search. */
typedef struct {
  TgSpan *span;
  size_t *max_end;
  size_t n;
} Cover;

static int cmp_spans(const void *a, const void *b) {
  const TgSpan *x = (const TgSpan *)a;
  const TgSpan *y = (const TgSpan *)b;
  return x->begin < y->begin ? -1 : (x->begin > y->begin);
}

static TgStatus cover_init(Cover *c, const TgResult *r, size_t from, size_t to) {
  c->n = to - from;
  c->span = (TgSpan *)tg_malloc((c->n + 1) * sizeof(TgSpan));
  c->max_end = (size_t *)tg_malloc((c->n + 1) * sizeof(size_t));
  if (!c->span || !c->max_end) {
    return TG_BAD_ALLOC;
  }
  for (size_t i = from; i < to; ++i) {
    c->span[i - from] = ((const TgMention *)tg_vec_at(&r->mentions, i))->span;
  }
  /* Mentions mostly come in order already; spans that begin alike may
   * stand in any order (covered() looks at whole runs of them). */
  bool sorted = true;
  for (size_t i = 1; i < c->n && sorted; ++i) {
    sorted = c->span[i - 1].begin <= c->span[i].begin;
  }
  if (!sorted) {
    qsort(c->span, c->n, sizeof(TgSpan), cmp_spans);
  }
  for (size_t i = 0; i < c->n; ++i) {
    c->max_end[i] = i && c->max_end[i - 1] > c->span[i].end ? c->max_end[i - 1] : c->span[i].end;
  }
  return TG_SUCCESS;
}

static void cover_clear(Cover *c) {
  tg_free(c->span);
  tg_free(c->max_end);
  memset(c, 0, sizeof *c);
}

static bool covered(const Cover *c, size_t b, size_t e) {
  size_t lo = 0;
  size_t hi = c->n;
  while (lo < hi) { /* the number of spans beginning before e */
    const size_t mid = lo + (hi - lo) / 2;
    if (c->span[mid].begin < e) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 && c->max_end[lo - 1] > b;
}

/* An acronym defined by "Name (ACR)": its uses are looked for after the
 * closing parenthesis `after` and become mentions like Name's. */
typedef struct {
  const char *acr;
  size_t len;
  size_t after;
  TgMention name;
} Acronym;

typedef struct {
  const char *s;
  size_t len;
} Key;

static bool same_acronym(const void *ctx, size_t v, const void *key) {
  const Acronym *a = (const Acronym *)tg_vec_at((const TgVec *)ctx, v);
  const Key *k = (const Key *)key;
  return a->len == k->len && memcmp(a->acr, k->s, k->len) == 0;
}

static bool acronym_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '&' || c == '-' || c == '.';
}

/* The definitions: each "Name (ACR)" mention pair; the first definition of
 * an acronym string owns its later uses. */
static TgStatus acronym_definitions(TgResult *r, const char *text, size_t len, TgVec *defs,
                                    Table *table) {
  const size_t n = r->mentions.len;
  Cover names = {NULL, NULL, 0};
  TgStatus st = cover_init(&names, r, 0, n);
  size_t last_def_end = 0;
  for (size_t i = 0; !st && i < n; ++i) {
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
    const Key key = {text + a + 1, b - a - 1};
    const uint64_t h = tg_hash(key.s, key.len);
    const long known = table_find(table, h, same_acronym, defs, &key);
    /* The parenthesis itself: an existing mention of the same entity, or a
     * new definition mention. */
    if (i + 1 < n && tg_mention_at(r, i + 1)->span.begin == a + 1) {
      TgMention *next = tg_mention_at(r, i + 1);
      if (next->entity != m.entity) {
        continue; /* "Siemens (Shenzhen)": not an acronym of the name */
      }
      next->flags |= TG_MENTION_DEFINITION;
    } else {
      if (known >= 0 || covered(&names, a + 1, b) || last_def_end > a + 1) {
        continue; /* a use of an earlier definition, or inside a name */
      }
      TgMention def = m;
      def.span.begin = a + 1;
      def.span.end = b;
      def.flags = TG_MENTION_DEFINITION;
      def.source = "acronym";
      last_def_end = b;
      if (tg_vec_push(&r->mentions, &def)) {
        st = TG_BAD_ALLOC;
        break;
      }
    }
    if (tg_entity_add_alias(r, tg_entity_rec(r, (size_t)m.entity), key.s, key.len)) {
      st = TG_BAD_ALLOC;
      break;
    }
    const Acronym acr = {key.s, key.len, b, m};
    if (known < 0 && (tg_vec_push(defs, &acr) || table_add(table, h, defs->len - 1))) {
      st = TG_BAD_ALLOC;
    }
  }
  cover_clear(&names);
  return st;
}

/* The earliest-defined acronym with a whole-word use at `fb` not
 * overlapping any mention, or -1; its length in *fe_out.  Bit l of `lens`
 * is set when some definition is l bytes long. */
static long acronym_use_at(const TgVec *defs, const Table *table, const Cover *taken,
                           unsigned lens, const char *text, size_t len, size_t fb,
                           size_t *fe_out) {
  long best = -1;
  uint64_t h = HASH_INIT;
  size_t n;
  for (size_t l = 1; l <= 12 && fb + l <= len && (lens >> l); ++l) {
    h = hash_step(h, text[fb + l - 1]);
    const Key key = {text + fb, l};
    /* (no definition of this length: not looked up) */
    const long k = l >= 2 && ((lens >> l) & 1u) ? table_find(table, h, same_acronym, defs, &key)
                                                : -1;
    if (k < 0 || (best >= 0 && k > best) ||
        ((const Acronym *)tg_vec_at(defs, (size_t)k))->after > fb) {
      continue;
    }
    if ((fb + l < len && tg_word_at(text, len, fb + l, &n)) || covered(taken, fb, fb + l)) {
      continue;
    }
    best = k;
    *fe_out = fb + l;
  }
  return best;
}

/* "Name (ACR)": make ACR an alias of Name's entity and find its later
 * whole-word uses, in one pass over the text. */
static TgStatus acronyms(TgResult *r, const char *text, size_t len) {
  const size_t n = r->mentions.len;
  TgVec defs;
  tg_vec_init(&defs, sizeof(Acronym));
  Table table = {NULL, NULL, 0, 0};
  Cover taken = {NULL, NULL, 0};
  TgStatus st = acronym_definitions(r, text, len, &defs, &table);
  if (!st && defs.len) {
    st = cover_init(&taken, r, 0, r->mentions.len);
  }
  unsigned lens = 0;
  uint64_t first[4] = {0, 0, 0, 0}; /* the definitions' first bytes */
  for (size_t k = 0; k < defs.len; ++k) {
    const Acronym *a = (const Acronym *)tg_vec_at(&defs, k);
    lens |= a->len <= 12 ? 1u << a->len : 0u;
    const unsigned char c = (unsigned char)a->acr[0];
    first[c >> 6] |= (uint64_t)1 << (c & 63);
  }
  size_t last_use_end = 0;
  for (size_t fb = 0; !st && defs.len && fb + 2 <= len; ++fb) {
    const unsigned char c = (unsigned char)text[fb];
    if (!((first[c >> 6] >> (c & 63)) & 1)) {
      continue; /* a use starts as its definition does */
    }
    if (!acronym_start(text[fb]) || fb < last_use_end || !word_boundary(text, len, fb, len)) {
      continue;
    }
    size_t fe = fb;
    const long k = acronym_use_at(&defs, &table, &taken, lens, text, len, fb, &fe);
    const long si = k >= 0 ? sentence_of(r, fb) : -1;
    if (si < 0) {
      continue;
    }
    TgMention use = ((const Acronym *)tg_vec_at(&defs, (size_t)k))->name;
    use.span.begin = fb;
    use.span.end = fe;
    use.flags = 0;
    use.sentence = (size_t)si;
    use.source = "acronym";
    if (strncmp(text + fe, "'s", 2) == 0 || strncmp(text + fe, "\xE2\x80\x99s", 4) == 0) {
      use.flags |= TG_MENTION_POSSESSIVE;
    }
    last_use_end = fe;
    st = tg_vec_push(&r->mentions, &use);
  }
  cover_clear(&taken);
  table_clear(&table);
  tg_vec_clear(&defs);
  if (!st && r->mentions.len > n) {
    qsort(r->mentions.data, r->mentions.len, sizeof(TgMention), cmp_mentions);
  }
  return st;
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
static TgStatus containing_country(const TgPipeline *p, TgResult *r, EntityIndex *ix, size_t at,
                                   long *out) {
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
    return entity_for(p, r, ix, TG_CLASS_PLACE, c, "", 0, out);
  }
  return TG_SUCCESS;
}

static bool same_label(const void *ctx, size_t v, const void *key) {
  const Key *k = (const Key *)key;
  const char *label = tg_entity_rec((TgResult *)ctx, v)->pub.label;
  return strncmp(label, k->s, k->len) == 0 && label[k->len] == '\0';
}

/* Subsidiaries named after their parent: a company whose name is another
 * company's name, a space and more; the longest such parent wins. */
static TgStatus subsidiaries(TgResult *r) {
  Table companies = {NULL, NULL, 0, 0};
  TgStatus st = TG_SUCCESS;
  for (size_t j = 0; !st && j < r->entities.len; ++j) {
    const TgEntityRec *e = tg_entity_rec(r, j);
    const Key key = {e->pub.label, strlen(e->pub.label)};
    const uint64_t h = tg_hash(key.s, key.len);
    if (e->pub.cls == TG_CLASS_COMPANY && table_find(&companies, h, same_label, r, &key) < 0) {
      st = table_add(&companies, h, j);
    }
  }
  for (size_t i = 0; !st && companies.len > 1 && i < r->entities.len; ++i) {
    TgEntityRec *child = tg_entity_rec(r, i);
    if (child->pub.cls != TG_CLASS_COMPANY || child->gaz >= 0) {
      continue;
    }
    uint64_t h = HASH_INIT;
    for (size_t k = 0; child->pub.label[k]; ++k) {
      const Key prefix = {child->pub.label, k};
      const long j = k && child->pub.label[k] == ' '
                         ? table_find(&companies, h, same_label, r, &prefix) : -1;
      if (j >= 0) {
        child->pub.parent = j;
      }
      h = hash_step(h, child->pub.label[k]);
    }
  }
  table_clear(&companies);
  return st;
}


/* ---- Short forms of a company's full name ---- */

/* Most legal forms and head words stripped from one full name. */
#define TG_SHORT_MAX_STRIP 8

/* A legal form, company head word or tail word, with its trailing "," or
 * "." ("Co.,", "Ltd.", "Insurance", "Berhad", "Fund"). */
static uint64_t tail_kinds; /* the bits of those three lexicon kinds */
static pthread_once_t tail_kinds_once = PTHREAD_ONCE_INIT;

static void find_tail_kinds(void) {
  static const char *const names[] = {"designator", "orghead", "orgtail"};
  for (size_t k = 0; k < 3; ++k) {
    const int i = tg_lexicon_kind(names[k]);
    tail_kinds |= i >= 0 ? (uint64_t)1 << i : 0;
  }
}

static bool company_tail_word(const TgLexicon *lex, const char *s, size_t len) {
  pthread_once(&tail_kinds_once, find_tail_kinds);
  for (int pass = 0; pass < 3 && len; ++pass) {
    if (tg_lexicon_kinds_of(lex, s, len) & tail_kinds) { /* one lookup for the three */
      return true;
    }
    if (s[len - 1] != ',' && s[len - 1] != '.') {
      break;
    }
    --len;
  }
  return false;
}

/* "de" of "S.A. de C.V." and "&" of "GmbH & Co. KG": a word joining two
 * legal forms, stripped with them. */
static bool legal_joiner(const char *s, size_t len) {
  return (len == 2 && memcmp(s, "de", 2) == 0) || (len == 1 && s[0] == '&');
}

/* "S." of "S. de R.L.": a capital letter and a period. */
static bool letter_dot(const char *s, size_t len) {
  return len == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.';
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

/* Is name a the first words of the longer name b ("Mavuno Mills" of
 * "Mavuno Mills Ltd")? */
static bool word_prefix(const char *text, TgSpan a, TgSpan b) {
  const size_t n = a.end - a.begin;
  return n < b.end - b.begin && memcmp(text + a.begin, text + b.begin, n) == 0 &&
         (text[b.begin + n] == ' ' || text[b.begin + n] == ',');
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
  bool joined = false;
  for (int k = 0; k < TG_SHORT_MAX_STRIP; ++k) {
    size_t sp = e;
    while (sp > m->span.begin && t->text[sp - 1] != ' ') {
      --sp;
    }
    const bool join = k > 0 && legal_joiner(t->text + sp, e - sp);
    if (sp <= m->span.begin ||
        !(join || company_tail_word(p->lexicon, t->text + sp, e - sp) ||
          (joined && letter_dot(t->text + sp, e - sp)))) {
      return;
    }
    joined = join;
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
      /* "Mavuno Mills" and "Mavuno Mills Ltd" are one name, the longer
       * its full form; two others sharing it make "Huaxin Life" neither's. */
      if (word_prefix(t->text, full_span(t, h), m->span)) {
        t->slot[h] = (long)i + 1;
        t->full[h] = m->span;
      } else if (!word_prefix(t->text, m->span, full_span(t, h))) {
        t->slot[h] = -1;
      }
    }
  }
}

/* "Sahel PSB" for "Sahel Payment Service Bank Limited": short forms by
 * the initials of the last words (initials.h). */
static TgStatus initial_forms(const TgPipeline *p, const TgResult *r, const char *text,
                              long *full) {
  const size_t n = r->mentions.len;
  TgSpan *names = (TgSpan *)tg_malloc((n + 1) * sizeof(TgSpan));
  bool *use = (bool *)tg_calloc(n + 1, sizeof(bool));
  TgStatus st = (names && use) ? TG_SUCCESS : TG_BAD_ALLOC;
  for (size_t i = 0; !st && i < n; ++i) {
    names[i] = ((const TgMention *)tg_vec_at(&r->mentions, i))->span;
    use[i] = short_candidate(r, i);
  }
  if (!st) {
    st = tg_initials_resolve(p->lexicon, text, names, use, n, full);
  }
  tg_free(names);
  tg_free(use);
  return st;
}

/* For each company mention that is a short form of a full name in the
 * article, the index of that full name's mention in `full` (else -1). */
static TgStatus short_forms(const TgPipeline *p, const TgResult *r, const char *text,
                            long *full) {
  const size_t n = r->mentions.len;
  /* Each candidate enters at most TG_SHORT_MAX_STRIP stems: the table is
   * sized by the candidates, not by every mention. */
  size_t candidates = 0;
  for (size_t i = 0; i < n; ++i) {
    candidates += short_candidate(r, i);
  }
  StemTable t = {text, 16, NULL, NULL, NULL};
  while (t.cap < candidates * TG_SHORT_MAX_STRIP * 2) {
    t.cap *= 2;
  }
  /* stem and full are read only where slot is set: no need to clear them */
  t.slot = (long *)tg_calloc(t.cap, sizeof(long));
  t.stem = (TgSpan *)tg_malloc(t.cap * sizeof(TgSpan));
  t.full = (TgSpan *)tg_malloc(t.cap * sizeof(TgSpan));
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
  return initial_forms(p, r, text, full);
}

static TgStatus resolve(const TgPipeline *p, const TgDocument *doc, TgResult *r, EntityIndex *ix) {
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
    if ((st = entity_for(p, r, ix, m->cls, gaz, text + named->span.begin,
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
      if (e < 0 && m->cls == TG_CLASS_PLACE && (st = containing_country(p, r, ix, i, &e))) {
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
  return subsidiaries(r);
}

TgStatus tg_resolve(const TgPipeline *p, const TgDocument *doc, TgResult *r) {
  EntityIndex ix;
  memset(&ix, 0, sizeof ix);
  const TgStatus st = resolve(p, doc, r, &ix);
  table_clear(&ix.by_slug);
  table_clear(&ix.by_gaz);
  tg_buf_clear(&ix.slug);
  return st;
}
