/* telegraph stage 3, the recognizers' choice: of the candidate mentions
 * of a sentence (gazetteer names, chunks, token and PCRE2 pattern matches,
 * found in recognizer.c) the longest that do not overlap are kept; across
 * the document a unit named in full elsewhere keeps only its gazetteer
 * company, a loose chunk whose text is a name typed once takes that type
 * (one sense per document), and the kept candidates become the result's
 * mentions.  Loose chunks in a place's slot ("licensed X to operate in
 * Techiman") or listed with places after "in" ("in Windhoek, Walvis Bay and
 * Oshakati") are places whatever their form.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "selection.h"

#include <stdlib.h>
#include <string.h>

static int cmp_cand_priority(const void *a, const void *b) {
  const TgCand *x = (const TgCand *)a;
  const TgCand *y = (const TgCand *)b;
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
  const TgCand *x = (const TgCand *)a;
  const TgCand *y = (const TgCand *)b;
  return x->span.begin < y->span.begin ? -1 : (x->span.begin > y->span.begin);
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
TgStatus tg_select_sentence(TgVec *cands, TgSpan sentence, unsigned char *taken, TgVec *kept,
                            TgVec *loose, size_t loose_from) {
  if (cands->len > 1) {
    qsort(cands->data, cands->len, sizeof(TgCand), cmp_cand_priority);
  }
  memset(taken, 0, (sentence.end - sentence.begin) / 8 + 1);
  size_t n = 0;
  for (size_t i = 0; i < cands->len; ++i) {
    TgCand *c = (TgCand *)tg_vec_at(cands, i);
    if (overlaps(taken, c->span, sentence.begin)) {
      continue;
    }
    take(taken, c->span.begin - sentence.begin, c->span.end - sentence.begin);
    *(TgCand *)tg_vec_at(cands, n++) = *c;
  }
  if (n > 1) {
    qsort(cands->data, n, sizeof(TgCand), cmp_mention_pos);
  }
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < n; ++i) {
    st = tg_vec_push(kept, tg_vec_at(cands, i));
  }
  size_t w = loose_from;
  for (size_t i = loose_from; i < loose->len; ++i) {
    const TgCand *c = (const TgCand *)tg_vec_at(loose, i);
    if (!overlaps(taken, c->span, sentence.begin)) {
      *(TgCand *)tg_vec_at(loose, w++) = *c;
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
    const TgCand *c = (const TgCand *)tg_vec_at(kept, ix->slots[h] - 1);
    const size_t len = c->span.end - c->span.begin;
    if (len == s.end - s.begin && memcmp(ix->text + c->span.begin, ix->text + s.begin, len) == 0) {
      return h;
    }
    h = (h + 1) & (ix->cap - 1);
  }
  return h;
}

static bool names_entity(const TgCand *c) {
  return tg_class_is_entity(c->cls) && c->cls != TG_CLASS_SERVICE &&
         strncmp(c->source, "coref.", 6) != 0;
}

/* ---- Members of a list of places share its type ---- */

/* Does the name ending at `e` end its noun phrase: no lower-case noun goes
 * on after it ("in Ka-band frequencies" names a band, not a place), only
 * punctuation, the sentence end, a function word or an adverb ("in Salalah
 * and Taqah first")? */
static bool ends_noun_phrase(const char *text, size_t e) {
  size_t i = e;
  while (text[i] == ' ') ++i;
  if (!(text[i] >= 'a' && text[i] <= 'z')) {
    return true;
  }
  static const char *const words[] = {"and",   "or",    "from",  "by",     "on",    "until",
                                      "for",   "with",  "under", "after",  "before", "as",
                                      "at",    "in",    "to",    "which",  "where", "while",
                                      "within", "over", "through", "starting", "but", "since",
                                      "first", "only",  "next",  "alone",  "too",   "also",
                                      "respectively", "initially", "now", "later", "this", "last",
                                      "when",  "each",  "so",    "if",     "that",  "is", "are",
                                      "was",   "were",  "will",  "would",  "have",  "has", "had"};
  size_t j = i;
  while (text[j] >= 'a' && text[j] <= 'z') ++j;
  for (size_t k = 0; k < sizeof words / sizeof words[0]; ++k) {
    if (strlen(words[k]) == j - i && memcmp(text + i, words[k], j - i) == 0) {
      return true;
    }
  }
  return false;
}

/* The glue between two members of a list: ", ", " and ", ", and " (one
 * space each); *last set when it is an "and". */
static bool list_glue_between(const char *text, size_t from, size_t to, bool *last) {
  const size_t n = to - from;
  const char *g = text + from;
  *last = (n == 5 && memcmp(g, " and ", 5) == 0) || (n == 6 && memcmp(g, ", and ", 6) == 0);
  return *last || (n == 2 && memcmp(g, ", ", 2) == 0);
}

/* A lower-case word of where before a list ("in", "across", "covering"):
 * the bytes before `at` end with one and a space. */
static bool where_word_before(const char *text, size_t floor, size_t at) {
  static const char *const words[] = {" in ", " across ", " throughout ", " covering ",
                                      " serving ", " covers ", " cover ", " spans ",
                                      " span ", " spanning ", " limited to ", " restricted to "};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; ++i) {
    const size_t n = strlen(words[i]);
    if (at >= floor + n && memcmp(text + at - n, words[i], n) == 0) {
      return true;
    }
  }
  return false;
}

typedef struct {
  TgSpan span;
  long kept;  /* index into kept, or -1 */
  long loose; /* index into loose, or -1 */
} ListItem;

/* Does `after` open a possessive ("'s", "’s")? */
static bool possessive_at(const char *after) {
  return strncmp(after, "'s", 2) == 0 || strncmp(after, "\xE2\x80\x99s", 4) == 0;
}

/* Type the loose members of one list as places: the list follows a word of
 * where, ends on "and", holds at least one place and nothing typed other
 * than places.  Each newly typed member is marked in `placed`. */
static void place_list(const char *text, const TgVec *kept, const ListItem *it, size_t n,
                       bool ends_on_and, unsigned char *placed) {
  size_t places = 0;
  size_t loose = 0;
  for (size_t i = 0; i < n; ++i) {
    if (it[i].kept >= 0) {
      const TgCand *c = (const TgCand *)tg_vec_at(kept, (size_t)it[i].kept);
      if (c->cls != TG_CLASS_PLACE) {
        return;
      }
      ++places;
    } else {
      ++loose;
    }
  }
  if (!places || !loose || !ends_on_and || !where_word_before(text, 0, it[0].span.begin) ||
      possessive_at(text + it[n - 1].span.end) ||
      !ends_noun_phrase(text, it[n - 1].span.end)) {
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (it[i].loose >= 0) {
      placed[it[i].loose] = 1;
    }
  }
}

/* Does the clause before `at` (back to a comma, a semicolon or a period,
 * at most 64 bytes) end with "to VERB ... in ", VERB a verb of what a
 * grant lets a firm do where ("to operate in", "to serve customers in",
 * "to sell fibre broadband in"), and not "shares in" or "a stake in"? */
static bool allowed_in_before(const char *text, size_t at) {
  if (at < 4 || memcmp(text + at - 4, " in ", 4) != 0) {
    return false;
  }
  static const char *const holdings[] = {"shares in ", "stake in ", "stakes in ", "interest in ",
                                         "investment in ", "holding in ", "holdings in "};
  for (size_t k = 0; k < sizeof holdings / sizeof holdings[0]; ++k) {
    const size_t n = strlen(holdings[k]);
    if (at >= n + 1 && memcmp(text + at - n, holdings[k], n) == 0 && text[at - n - 1] == ' ') {
      return false;
    }
  }
  size_t from = at - 3;
  while (from > 0 && at - from < 64 && text[from - 1] != ',' && text[from - 1] != ';' &&
         text[from - 1] != '.') {
    --from;
  }
  static const char *const verbs[] = {
      " to operate ", " to serve ", " to offer ",   " to provide ", " to sell ",  " to run ",
      " to launch ",  " to open ",  " to build ",   " to mine ",    " to explore ", " to drill ",
      " to fly ",     " to broadcast ", " to distribute ", " to supply ", " to deploy ",
      " to lend ",    " to market "};
  for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; ++k) {
    const size_t n = strlen(verbs[k]);
    for (size_t i = from; i + n <= at; ++i) {
      if (memcmp(text + i, verbs[k], n) == 0) {
        return true;
      }
    }
  }
  return false;
}

/* Where the list of capitalised names that goes on after `e` (", B and
 * C") ends: the end of `e`'s name when none follows. */
static size_t list_run_end(const char *text, size_t e) {
  for (int items = 0; items < 16; ++items) {
    size_t i = e;
    if (strncmp(text + i, ", and ", 6) == 0) {
      i += 6;
    } else if (strncmp(text + i, " and ", 5) == 0) {
      i += 5;
    } else if (strncmp(text + i, ", ", 2) == 0) {
      i += 2;
    } else {
      return e;
    }
    if (!(text[i] >= 'A' && text[i] <= 'Z')) {
      return e;
    }
    while (text[i] >= 'A' && text[i] <= 'Z') {
      while (text[i] && text[i] != ' ' && text[i] != ',' && text[i] != '.' && text[i] != ';') ++i;
      if (!(text[i] == ' ' && text[i + 1] >= 'A' && text[i + 1] <= 'Z')) {
        break;
      }
      ++i;
    }
    e = i;
  }
  return e;
}

/* Does `s` hold a digit ("Q3", "H2 2027": no place)? */
static bool has_digit(const char *text, TgSpan s) {
  for (size_t i = s.begin; i < s.end; ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      return true;
    }
  }
  return false;
}

/* Move the loose chunks that `is_place` accepts (by their index in
 * `loose`) into `kept` as places found by `source`, keep the others in
 * order, and sort `kept` again if it grew. */
static TgStatus promote_places(const char *text, TgVec *kept, TgVec *loose,
                               bool (*is_place)(const char *text, const TgCand *c, size_t i,
                                                const void *data),
                               const void *data, const char *source) {
  TgStatus st = TG_SUCCESS;
  size_t w = 0;
  const size_t n_kept = kept->len;
  for (size_t i = 0; !st && i < loose->len; ++i) {
    TgCand c = *(const TgCand *)tg_vec_at(loose, i);
    if (is_place(text, &c, i, data)) {
      c.cls = TG_CLASS_PLACE;
      c.gaz = -1;
      c.source = source;
      st = tg_vec_push(kept, &c);
    } else {
      *(TgCand *)tg_vec_at(loose, w++) = c;
    }
  }
  if (!st) {
    loose->len = w;
  }
  if (!st && kept->len > n_kept) {
    qsort(kept->data, kept->len, sizeof(TgCand), cmp_mention_pos);
  }
  return st;
}

/* Is the loose chunk `c` where a grant lets a firm work ("licensed X to
 * operate in Techiman")?  The slot names a place whatever the name's
 * form; not before a possessive. */
static bool in_place_slot(const char *text, const TgCand *c, size_t i, const void *data) {
  (void)i;
  (void)data;
  return !has_digit(text, c->span) && allowed_in_before(text, c->span.begin) &&
         ends_noun_phrase(text, list_run_end(text, c->span.end)) &&
         !possessive_at(text + c->span.end);
}

/* Loose chunks in a place slot become places. */
static TgStatus type_place_slots(const char *text, TgVec *kept, TgVec *loose) {
  return promote_places(text, kept, loose, in_place_slot, NULL, "chunk.place-slot");
}

/* Is the loose chunk `i` marked in `data` (an array of flags)? */
static bool marked(const char *text, const TgCand *c, size_t i, const void *data) {
  (void)text;
  (void)c;
  return ((const unsigned char *)data)[i] != 0;
}

/* Loose chunks listed with gazetteer places after a word of where ("5G
 * services in Windhoek, Walvis Bay and Oshakati") are places too: walk the
 * kept mentions and the loose chunks in text order, cut them into lists
 * joined by list glue, and give each list's loose members the place type
 * (then one sense per document types their other mentions).  Lists are
 * capped at 16 members; longer runs are read as several. */
static TgStatus type_place_lists(const char *text, TgVec *kept, TgVec *loose) {
  unsigned char *placed = (unsigned char *)tg_calloc(loose->len + 1, 1);
  if (!placed) {
    return TG_BAD_ALLOC;
  }
  ListItem group[16];
  size_t n = 0;
  bool ends_on_and = false;
  size_t k = 0;
  size_t l = 0;
  while (k < kept->len || l < loose->len) {
    ListItem item = {{0, 0}, -1, -1};
    const TgCand *ck = k < kept->len ? (const TgCand *)tg_vec_at(kept, k) : NULL;
    const TgCand *cl = l < loose->len ? (const TgCand *)tg_vec_at(loose, l) : NULL;
    if (ck && (!cl || ck->span.begin <= cl->span.begin)) {
      item.span = ck->span;
      item.kept = (long)k++;
    } else {
      item.span = cl->span;
      item.loose = (long)l++;
    }
    bool last = false;
    if (n && n < 16 && item.span.begin >= group[n - 1].span.end &&
        list_glue_between(text, group[n - 1].span.end, item.span.begin, &last)) {
      group[n++] = item;
      ends_on_and = last;
      continue;
    }
    if (n > 1) {
      place_list(text, kept, group, n, ends_on_and, placed);
    }
    group[0] = item;
    n = 1;
    ends_on_and = false;
  }
  if (n > 1) {
    place_list(text, kept, group, n, ends_on_and, placed);
  }
  const TgStatus st = promote_places(text, kept, loose, marked, placed, "chunk.place-list");
  tg_free(placed);
  return st;
}

/* Loose chunks whose text a typed name of the article has become mentions
 * of that class (after the loose chunks in a place slot and the loose
 * members of place lists became places). */
TgStatus tg_select_one_sense(const char *text, TgVec *kept, TgVec *loose) {
  if (!loose->len || !kept->len) {
    return TG_SUCCESS;
  }
  TgStatus lst = type_place_slots(text, kept, loose);
  if (!lst) {
    lst = type_place_lists(text, kept, loose);
  }
  if (lst) {
    return lst;
  }
  if (!loose->len) {
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
    const TgCand *c = (const TgCand *)tg_vec_at(kept, i);
    const size_t h = name_slot(&ix, kept, c->span);
    if (names_entity(c) && !ix.slots[h]) {
      ix.slots[h] = i + 1;
    }
  }
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < loose->len; ++i) {
    TgCand c = *(const TgCand *)tg_vec_at(loose, i);
    const size_t h = name_slot(&ix, kept, c.span);
    if (ix.slots[h]) {
      const TgCand *typed = (const TgCand *)tg_vec_at(kept, ix.slots[h] - 1);
      c.cls = typed->cls;
      c.gaz = typed->gaz;
      c.source = "chunk.one-sense";
      st = tg_vec_push(kept, &c);
    }
  }
  tg_free(ix.slots);
  if (!st && kept->len > n_kept) {
    qsort(kept->data, kept->len, sizeof(TgCand), cmp_mention_pos);
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
void tg_select_units_named_in_full(const char *text, TgVec *kept) {
  size_t units = 0;
  for (size_t i = 0; i < kept->len && units < 64; ++i) {
    TgCand *u = (TgCand *)tg_vec_at(kept, i);
    if (strcmp(u->source, "chunk.unit") != 0 || u->brand < 0) {
      continue;
    }
    ++units;
    size_t companies = 0;
    for (size_t k = 0; k < kept->len && companies < 256; ++k) {
      const TgCand *c = (const TgCand *)tg_vec_at(kept, k);
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

TgStatus tg_emit_mentions(TgResult *r, const char *text, const TgVec *kept) {
  TgStatus st = TG_SUCCESS;
  for (size_t i = 0; !st && i < kept->len; ++i) {
    const TgCand *c = (const TgCand *)tg_vec_at(kept, i);
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
    if (possessive_at(text + c->span.end)) {
      mt.flags |= TG_MENTION_POSSESSIVE;
    }
    if (!(st = tg_vec_push(&r->mentions, &mt))) {
      st = tg_vec_push(&r->mention_gaz, &c->gaz);
    }
  }
  return st;
}
