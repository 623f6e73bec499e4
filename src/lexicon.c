/* telegraph: the word list used to normalise dates and quantities.
 *
 * Entries live in a growable array; an open-addressing hash table (linear
 * probing, power-of-two size, load factor <= 1/2) indexes them by
 * (kind, normalised word).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "lexicon.h"

#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How the value field of a kind is read. */
typedef enum {
  TG_LEXV_INT,  /* decimal integer within [min, max] */
  TG_LEXV_POW10, /* power of ten within [min, max] */
  TG_LEXV_CODE  /* three upper-case ASCII letters */
} TgLexValueType;

typedef struct {
  const char *name;
  size_t nlen; /* strlen(name) */
  TgLexValueType type;
  long long min;
  long long max;
} TgLexKind;

/* The kinds a lexicon file may use.  These are identifiers of the data
 * format, not language words. */
static const TgLexKind tg_lex_kinds[] = {
  {"month", 5, TG_LEXV_INT, 1, 12},
  {"weekday", 7, TG_LEXV_INT, 1, 7},
  {"number", 6, TG_LEXV_INT, 0, 1000000000LL},
  {"ordinal", 7, TG_LEXV_INT, 1, 31},
  {"ordinal-suffix", 14, TG_LEXV_INT, 0, 0},
  {"scale", 5, TG_LEXV_POW10, 10, 1000000000000000000LL},
  {"currency", 8, TG_LEXV_CODE, 0, 0},
  {"localcurrency", 13, TG_LEXV_CODE, 0, 0},
  {"percent", 7, TG_LEXV_INT, 0, 0},
  {"approx", 6, TG_LEXV_INT, -1, 1},
  {"relative", 8, TG_LEXV_INT, -1, 1},
  {"relative-day", 12, TG_LEXV_INT, -366, 366},
  {"period", 6, TG_LEXV_INT, 1, 4},
  {"anchor", 6, TG_LEXV_INT, -1, 1},
  {"preposition", 11, TG_LEXV_INT, 0, 0},
  {"article", 7, TG_LEXV_INT, 0, 0},
  {"genitive", 8, TG_LEXV_INT, 0, 0},
  {"conjunction", 11, TG_LEXV_INT, 0, 0},
  {"indefinite", 10, TG_LEXV_INT, 1, 1},
  /* used by other modules: the sentence splitter and the recognizer */
  {"abbrev", 6, TG_LEXV_INT, 1, 2},
  {"future", 6, TG_LEXV_INT, 1, 1},
  {"starter", 7, TG_LEXV_INT, 1, 1},
  /* used by the name chunker */
  {"designator", 10, TG_LEXV_INT, 1, 3},
  {"orghead", 7, TG_LEXV_INT, 1, 1},
  {"orgfirst", 8, TG_LEXV_INT, 1, 1},
  {"orgcue", 6, TG_LEXV_INT, 1, 1},
  {"role", 4, TG_LEXV_INT, 1, 1},
  {"connector", 9, TG_LEXV_INT, 1, 1},
  {"nonstart", 8, TG_LEXV_INT, 1, 1},
  {"adjsuffix", 9, TG_LEXV_INT, 1, 1},
  {"demonym", 7, TG_LEXV_INT, 1, 1},
  /* used by the resolver */
  {"orgtail", 7, TG_LEXV_INT, 1, 1},
  {"basis", 5, TG_LEXV_INT, 1, 3},
};

#define TG_LEX_NKINDS (sizeof tg_lex_kinds / sizeof tg_lex_kinds[0])
_Static_assert(TG_LEX_NKINDS < 63, "tg_lexicon_kinds_of answers in 63 bits");

typedef struct {
  unsigned kind;
  unsigned line; /* where it was defined, for duplicate messages */
  long long value;
  char code[4];
  size_t wlen;
  char word[TG_LEXICON_WORD_MAX + 1];
  uint64_t kinds; /* in a word's first entry: bit k, an entry of kind k has the word */
} TgLexEntry;

struct TgLexiconImpl {
  TgLexEntry *entries;
  size_t count;
  size_t cap;
  uint32_t *slots; /* 0 = empty, otherwise entry index + 1 */
  size_t nslots;   /* power of two, or 0 */
  uint32_t *wslots; /* by word alone: 0 = empty, else its first entry's index + 1 */
  size_t nwslots;   /* power of two, or 0 */
  size_t nwords;    /* distinct words */
  long fail_after; /* test hook: allocations left before failing; < 0 off */
  unsigned char words[TG_LEX_NKINDS]; /* most words in an entry of each kind */
  uint64_t first[TG_LEX_NKINDS][4];   /* the first bytes (folded) of its entries */
  uint64_t lens[TG_LEX_NKINDS];       /* bit n: an entry of n bytes (63 for longer) */
};

/* ---- allocation (with the test hook) ---- */

static void *
tg_lex_realloc(TgLexicon *lex, void *ptr, size_t size)
{
  if (lex->fail_after == 0) {
    return NULL;
  }
  if (lex->fail_after > 0) {
    --lex->fail_after;
  }
  return realloc(ptr, size);
}

void
tg_lexicon_set_alloc_fail_after(TgLexicon *lex, long n)
{
  if (lex) {
    lex->fail_after = n < 0 ? -1 : n;
  }
}

/* ---- words ---- */

static int
tg_lex_is_blank(char c)
{
  /* ' ', '\t', '\n', '\v', '\f', '\r' as bits of one word */
  const unsigned char b = (unsigned char)c;
  return b <= ' ' && ((UINT64_C(0x100003E00) >> b) & 1u);
}


static char
tg_lex_lower(char c)
{
  return (char)tg_ascii_lower[(unsigned char)c];
}

/* Fold ASCII case, trim blanks and collapse blank runs into one space.
 * Returns false if the result is empty or longer than TG_LEXICON_WORD_MAX. */
static bool
tg_lex_normalise(const char *in, size_t len, char *out, size_t *outlen)
{
  size_t n = 0;
  bool pending_space = false;

  for (size_t i = 0; i < len; ++i) {
    if (tg_lex_is_blank(in[i])) {
      pending_space = n > 0;
      continue;
    }
    if (pending_space) {
      if (n >= TG_LEXICON_WORD_MAX) {
        return false;
      }
      out[n++] = ' ';
      pending_space = false;
    }
    if (n >= TG_LEXICON_WORD_MAX) {
      return false;
    }
    out[n++] = tg_lex_lower(in[i]);
  }
  out[n] = '\0';
  *outlen = n;
  return n > 0;
}

static uint32_t
tg_lex_hash(unsigned kind, const char *word, size_t len)
{
  uint32_t h = 2166136261u;
  h = (h ^ (uint32_t)kind) * 16777619u;
  for (size_t i = 0; i < len; ++i) {
    h = (h ^ (unsigned char)word[i]) * 16777619u;
  }
  return h;
}

/* Kinds by the length of their name (indices into tg_lex_kinds, -1 ends),
 * to find a name in one or two comparisons; built from tg_lex_kinds once a
 * process.  A kind that does not fit here is still found by the scan
 * after it. */
#define TG_LEX_NAME_LENS 16
#define TG_LEX_PER_LEN 8
static signed char tg_lex_by_len[TG_LEX_NAME_LENS][TG_LEX_PER_LEN];
static pthread_once_t tg_lex_by_len_once = PTHREAD_ONCE_INIT;

static void
tg_lex_index_kinds(void)
{
  memset(tg_lex_by_len, -1, sizeof tg_lex_by_len);
  for (size_t k = 0; k < TG_LEX_NKINDS; ++k) {
    const size_t len = tg_lex_kinds[k].nlen;
    if (len >= TG_LEX_NAME_LENS) {
      continue;
    }
    signed char *row = tg_lex_by_len[len];
    for (size_t j = 0; j + 1 < TG_LEX_PER_LEN; ++j) { /* the last stays -1 */
      if (row[j] < 0) {
        row[j] = (signed char)k;
        break;
      }
    }
  }
}

static int
tg_lex_kind_index(const char *name, size_t len)
{
  if (!len) {
    return -1;
  }
  if (len < TG_LEX_NAME_LENS) {
    pthread_once(&tg_lex_by_len_once, tg_lex_index_kinds);
    for (const signed char *k = tg_lex_by_len[len]; *k >= 0; ++k) {
      if (tg_lex_kinds[*k].name[0] == name[0] && memcmp(tg_lex_kinds[*k].name, name, len) == 0) {
        return *k;
      }
    }
  }
  for (size_t k = 0; k < TG_LEX_NKINDS; ++k) {
    const TgLexKind *kk = &tg_lex_kinds[k];
    if (kk->nlen == len && kk->name[0] == name[0] && memcmp(kk->name, name, len) == 0) {
      return (int)k;
    }
  }
  return -1;
}

/* Find a normalised word whose tg_lex_hash is h; the entry or NULL. */
static const TgLexEntry *
tg_lex_lookup_h(const TgLexicon *lex, unsigned kind, const char *word,
                size_t len, uint32_t h)
{
  if (lex->nslots == 0) {
    return NULL;
  }
  const size_t mask = lex->nslots - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const uint32_t slot = lex->slots[i];
    if (slot == 0) {
      return NULL;
    }
    const TgLexEntry *e = &lex->entries[slot - 1];
    if (e->kind == kind && e->wlen == len && memcmp(e->word, word, len) == 0) {
      return e;
    }
  }
}

/* Find a normalised word; returns the entry or NULL. */
static const TgLexEntry *
tg_lex_lookup(const TgLexicon *lex, unsigned kind, const char *word,
              size_t len)
{
  return tg_lex_lookup_h(lex, kind, word, len, tg_lex_hash(kind, word, len));
}

/* The first entry of a normalised word (of any kind), or NULL. */
static TgLexEntry *
tg_lex_word_lookup(const TgLexicon *lex, const char *word, size_t len, uint32_t h)
{
  if (lex->nwslots == 0) {
    return NULL;
  }
  const size_t mask = lex->nwslots - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const uint32_t slot = lex->wslots[i];
    if (slot == 0) {
      return NULL;
    }
    TgLexEntry *e = &lex->entries[slot - 1];
    if (e->wlen == len && memcmp(e->word, word, len) == 0) {
      return e;
    }
  }
}

static void
tg_lex_word_place(uint32_t *slots, size_t nslots, const TgLexEntry *e, uint32_t index)
{
  const size_t mask = nslots - 1;
  size_t i = tg_lex_hash(TG_LEX_NKINDS, e->word, e->wlen) & mask;
  while (slots[i] != 0) {
    i = (i + 1) & mask;
  }
  slots[i] = index + 1;
}

/* Room in the word index for one more word. */
static TgStatus
tg_lex_word_room(TgLexicon *lex)
{
  if ((lex->nwords + 1) * 2 <= lex->nwslots) {
    return TG_SUCCESS;
  }
  const size_t nslots = lex->nwslots ? lex->nwslots * 2 : 128;
  uint32_t *slots = (uint32_t *)tg_lex_realloc(lex, NULL, nslots * sizeof *slots);
  if (!slots) {
    return TG_BAD_ALLOC;
  }
  memset(slots, 0, nslots * sizeof *slots);
  for (size_t i = 0; i < lex->count; ++i) {
    if (lex->entries[i].kinds) { /* a word's first entry */
      tg_lex_word_place(slots, nslots, &lex->entries[i], (uint32_t)i);
    }
  }
  free(lex->wslots);
  lex->wslots = slots;
  lex->nwslots = nslots;
  return TG_SUCCESS;
}

static void
tg_lex_place(uint32_t *slots, size_t nslots, const TgLexEntry *e,
             uint32_t index)
{
  const size_t mask = nslots - 1;
  size_t i = tg_lex_hash(e->kind, e->word, e->wlen) & mask;
  while (slots[i] != 0) {
    i = (i + 1) & mask;
  }
  slots[i] = index + 1;
}

/* Append an entry (not yet present) and index it. */
static TgStatus
tg_lex_insert(TgLexicon *lex, const TgLexEntry *entry)
{
  if (lex->count >= UINT32_MAX - 1) {
    return TG_BAD_LIMIT;
  }
  if (lex->count == lex->cap) {
    const size_t cap = lex->cap ? lex->cap * 2 : 64;
    TgLexEntry *entries =
        (TgLexEntry *)tg_lex_realloc(lex, lex->entries, cap * sizeof *entries);
    if (!entries) {
      return TG_BAD_ALLOC;
    }
    lex->entries = entries;
    lex->cap = cap;
  }
  if ((lex->count + 1) * 2 > lex->nslots) {
    const size_t nslots = lex->nslots ? lex->nslots * 2 : 128;
    uint32_t *slots = (uint32_t *)tg_lex_realloc(lex, NULL, nslots * sizeof *slots);
    if (!slots) {
      return TG_BAD_ALLOC;
    }
    memset(slots, 0, nslots * sizeof *slots);
    for (size_t i = 0; i < lex->count; ++i) {
      tg_lex_place(slots, nslots, &lex->entries[i], (uint32_t)i);
    }
    free(lex->slots);
    lex->slots = slots;
    lex->nslots = nslots;
  }
  const uint32_t wh = tg_lex_hash(TG_LEX_NKINDS, entry->word, entry->wlen);
  TgLexEntry *first = tg_lex_word_lookup(lex, entry->word, entry->wlen, wh);
  if (!first && tg_lex_word_room(lex)) {
    return TG_BAD_ALLOC;
  }
  lex->entries[lex->count] = *entry;
  lex->entries[lex->count].kinds = 0;
  tg_lex_place(lex->slots, lex->nslots, &lex->entries[lex->count],
               (uint32_t)lex->count);
  const uint64_t bit = entry->kind < 64 ? (uint64_t)1 << entry->kind : 0;
  if (first) {
    first->kinds |= bit;
  } else {
    lex->entries[lex->count].kinds = bit | ((uint64_t)1 << 63); /* never 0 */
    tg_lex_word_place(lex->wslots, lex->nwslots, &lex->entries[lex->count],
                      (uint32_t)lex->count);
    ++lex->nwords;
  }
  ++lex->count;
  unsigned words = 1;
  for (size_t i = 0; i < entry->wlen; ++i) {
    words += entry->word[i] == ' ';
  }
  if (entry->kind < TG_LEX_NKINDS && words > lex->words[entry->kind]) {
    lex->words[entry->kind] = (unsigned char)(words < 255 ? words : 255);
  }
  if (entry->kind < TG_LEX_NKINDS && entry->wlen) {
    const unsigned char b = (unsigned char)entry->word[0];
    lex->first[entry->kind][b >> 6] |= (uint64_t)1 << (b & 63);
    lex->lens[entry->kind] |= (uint64_t)1 << (entry->wlen < 63 ? entry->wlen : 63);
  }
  return TG_SUCCESS;
}

/* ---- public API ---- */

TgLexicon *
tg_lexicon_new(void)
{
  TgLexicon *lex = (TgLexicon *)calloc(1, sizeof *lex);
  if (lex) {
    lex->fail_after = -1;
  }
  return lex;
}

void
tg_lexicon_free(TgLexicon *lex)
{
  if (lex) {
    free(lex->entries);
    free(lex->slots);
    free(lex->wslots);
    free(lex);
  }
}

size_t
tg_lexicon_size(const TgLexicon *lex)
{
  return lex ? lex->count : 0;
}

static const TgLexEntry *tg_lex_find_k(const TgLexicon *lex, int k, const char *word,
                                       size_t len);
bool tg_lexicon_may_start(const TgLexicon *lex, int kind, char c);

static const TgLexEntry *
tg_lex_find_entry(const TgLexicon *lex, const char *kind, const char *word,
                  size_t len)
{
  if (!lex || !kind || !word) {
    return NULL;
  }
  return tg_lex_find_k(lex, tg_lex_kind_index(kind, strlen(kind)), word, len);
}

static const TgLexEntry *
tg_lex_find_k(const TgLexicon *lex, int k, const char *word, size_t len)
{
  if (!lex || !word || k < 0) {
    return NULL;
  }
  size_t i = 0;
  while (i < len && tg_lex_is_blank(word[i])) {
    ++i;
  }
  if (i == len || !tg_lexicon_may_start(lex, k, word[i])) {
    return NULL; /* no entry of this kind starts so */
  }
  char buf[TG_LEXICON_WORD_MAX + 1];
  size_t n = 0;
  if (i == 0 && len <= TG_LEXICON_WORD_MAX) {
    if (!((lex->lens[k] >> (len < 63 ? len : 63)) & 1)) {
      /* No entry of this kind is that long: absent, unless blanks make
       * the normalised word shorter. */
      size_t b = 0;
      while (b < len && !tg_lex_is_blank(word[b])) {
        ++b;
      }
      if (b == len) {
        return NULL;
      }
    }
    /* One word (the common case): fold and hash it in one pass, and stop
     * at the first blank. */
    uint32_t h = (2166136261u ^ (uint32_t)k) * 16777619u;
    for (; n < len && !tg_lex_is_blank(word[n]); ++n) {
      buf[n] = tg_lex_lower(word[n]);
      h = (h ^ (unsigned char)buf[n]) * 16777619u;
    }
    if (n == len) {
      return tg_lex_lookup_h(lex, (unsigned)k, buf, n, h);
    }
    n = 0;
  }
  if (!tg_lex_normalise(word, len, buf, &n)) {
    return NULL;
  }
  return tg_lex_lookup(lex, (unsigned)k, buf, n);
}

bool
tg_lexicon_find(const TgLexicon *lex, const char *kind, const char *word,
                size_t len, long long *value)
{
  const TgLexEntry *e = tg_lex_find_entry(lex, kind, word, len);
  if (!e) {
    return false;
  }
  if (value) {
    *value = e->value;
  }
  return true;
}

const char *
tg_lexicon_find_str(const TgLexicon *lex, const char *kind, const char *word,
                    size_t len)
{
  const TgLexEntry *e = tg_lex_find_entry(lex, kind, word, len);
  return (e && e->code[0]) ? e->code : NULL;
}

int
tg_lexicon_kind(const char *kind)
{
  return kind ? tg_lex_kind_index(kind, strlen(kind)) : -1;
}

/* The cache holds index + 2, so that 0 is "not looked up yet" and -1
 * (unknown) is kept too; two threads that look a name up at once store
 * the same value. */
int
tg_lexicon_kind_cached(const char *const *names, atomic_int *cache, size_t n, const char *name)
{
  for (size_t k = 0; k < n; ++k) {
    if (names[k] == name) {
      int v = atomic_load_explicit(&cache[k], memory_order_relaxed);
      if (!v) {
        v = tg_lexicon_kind(name) + 2;
        atomic_store_explicit(&cache[k], v, memory_order_relaxed);
      }
      return v - 2;
    }
  }
  return tg_lexicon_kind(name);
}

bool
tg_lexicon_may_start(const TgLexicon *lex, int kind, char c)
{
  if (!lex || kind < 0 || (size_t)kind >= TG_LEX_NKINDS) {
    return false;
  }
  const unsigned char b = (unsigned char)tg_lex_lower(c);
  return (lex->first[kind][b >> 6] >> (b & 63)) & 1;
}

bool
tg_lexicon_find_kind(const TgLexicon *lex, int kind, const char *word, size_t len,
                     long long *value)
{
  const TgLexEntry *e = kind >= 0 ? tg_lex_find_k(lex, kind, word, len) : NULL;
  if (e && value) {
    *value = e->value;
  }
  return e != NULL;
}

uint64_t
tg_lexicon_kinds_of(const TgLexicon *lex, const char *word, size_t len)
{
  if (!lex || !word) {
    return 0;
  }
  char buf[TG_LEXICON_WORD_MAX + 1];
  size_t n = 0;
  uint32_t h = (2166136261u ^ (uint32_t)TG_LEX_NKINDS) * 16777619u;
  /* One word (the common case): fold and hash it in one pass. */
  for (; n < len && n < TG_LEXICON_WORD_MAX && !tg_lex_is_blank(word[n]); ++n) {
    buf[n] = tg_lex_lower(word[n]);
    h = (h ^ (unsigned char)buf[n]) * 16777619u;
  }
  if (n < len) {
    if (!tg_lex_normalise(word, len, buf, &n)) {
      return 0;
    }
    h = tg_lex_hash(TG_LEX_NKINDS, buf, n);
  } else if (n == 0) {
    return 0;
  }
  const TgLexEntry *e = tg_lex_word_lookup(lex, buf, n, h);
  return e ? e->kinds & ~((uint64_t)1 << 63) : 0;
}

size_t
tg_lexicon_match(const TgLexicon *lex, const char *kind,
                 const TgLexToken *toks, size_t ntoks, long long *value,
                 const char **str)
{
  return tg_lexicon_match_kind(lex, kind ? tg_lex_kind_index(kind, strlen(kind)) : -1, toks,
                               ntoks, value, str);
}

size_t
tg_lexicon_match_kind(const TgLexicon *lex, int k, const TgLexToken *toks, size_t ntoks,
                      long long *value, const char **str)
{
  if (!lex || k < 0 || !toks || !ntoks || !toks[0].len ||
      (!tg_lex_is_blank(toks[0].text[0]) && !tg_lexicon_may_start(lex, k, toks[0].text[0]))) {
    return 0;
  }
  size_t most = ntoks < TG_LEXICON_PHRASE_MAX ? ntoks : TG_LEXICON_PHRASE_MAX;
  if (most > lex->words[k]) {
    most = lex->words[k]; /* no entry of this kind has more words */
  }
  for (size_t n = most; n > 0; --n) {
    /* Join n tokens with single spaces, then normalise. */
    char joined[2 * (TG_LEXICON_WORD_MAX + 1)];
    size_t jl = 0;
    bool fits = true;
    for (size_t t = 0; t < n && fits; ++t) {
      const size_t extra = toks[t].len + (t ? 1 : 0);
      if (jl + extra >= sizeof joined) {
        fits = false;
        break;
      }
      if (t) {
        joined[jl++] = ' ';
      }
      memcpy(joined + jl, toks[t].text, toks[t].len);
      jl += toks[t].len;
    }
    char buf[TG_LEXICON_WORD_MAX + 1];
    size_t bl = 0;
    if (!fits || !tg_lex_normalise(joined, jl, buf, &bl)) {
      continue;
    }
    const TgLexEntry *e = tg_lex_lookup(lex, (unsigned)k, buf, bl);
    if (e) {
      if (value) {
        *value = e->value;
      }
      if (str) {
        *str = e->code[0] ? e->code : NULL;
      }
      return n;
    }
  }
  return 0;
}

/* ---- loading ---- */

typedef struct {
  const char *path;
  TgErrorFn err;
  void *err_data;
  unsigned errors;
} TgLexReport;

static void
tg_lex_error(TgLexReport *rep, unsigned line, unsigned col, const char *msg)
{
  ++rep->errors;
  if (rep->err) {
    rep->err(rep->err_data, rep->path, line, col, msg);
  }
}

/* Read the whole file into a NUL-terminated buffer owned by the caller. */
static TgStatus
tg_lex_slurp(TgLexicon *lex, FILE *in, char **out, size_t *outlen)
{
  size_t cap = 4096;
  size_t len = 0;
  char *buf = (char *)tg_lex_realloc(lex, NULL, cap);
  if (!buf) {
    return TG_BAD_ALLOC;
  }
  for (;;) {
    if (cap - len < 2) {
      char *bigger = (char *)tg_lex_realloc(lex, buf, cap * 2);
      if (!bigger) {
        free(buf);
        return TG_BAD_ALLOC;
      }
      buf = bigger;
      cap *= 2;
    }
    const size_t got = fread(buf + len, 1, cap - len - 1, in);
    len += got;
    if (got == 0) {
      break;
    }
  }
  if (ferror(in)) {
    free(buf);
    return TG_BAD_READ;
  }
  buf[len] = '\0';
  *out = buf;
  *outlen = len;
  return TG_SUCCESS;
}

/* Parse the value field [v, v + vl) for kind `k` into `entry`.
 * Returns NULL on success or a message. */
static const char *
tg_lex_parse_value(const TgLexKind *k, const char *v, size_t vl,
                   TgLexEntry *entry)
{
  if (k->type == TG_LEXV_CODE) {
    if (vl != 3) {
      return "bad value: expected a three-letter upper-case currency code";
    }
    for (size_t i = 0; i < 3; ++i) {
      if (v[i] < 'A' || v[i] > 'Z') {
        return "bad value: expected a three-letter upper-case currency code";
      }
      entry->code[i] = v[i];
    }
    entry->code[3] = '\0';
    entry->value = 0;
    return NULL;
  }

  char num[32];
  if (vl == 0 || vl >= sizeof num) {
    return "bad value: expected an integer";
  }
  memcpy(num, v, vl);
  num[vl] = '\0';
  size_t start = (num[0] == '-' || num[0] == '+') ? 1 : 0;
  if (num[start] == '\0') {
    return "bad value: expected an integer";
  }
  for (size_t i = start; num[i]; ++i) {
    if (num[i] < '0' || num[i] > '9') {
      return "bad value: expected an integer";
    }
  }
  errno = 0;
  const long long x = strtoll(num, NULL, 10);
  if (errno == ERANGE || x < k->min || x > k->max) {
    return "bad value: out of range for this kind";
  }
  if (k->type == TG_LEXV_POW10) {
    long long p = x;
    while (p % 10 == 0) {
      p /= 10;
    }
    if (p != 1) {
      return "bad value: a scale must be a power of ten";
    }
  }
  entry->value = x;
  entry->code[0] = '\0';
  return NULL;
}

/* Handle one line [p, e) (no newline).  Returns TG_SUCCESS or TG_BAD_ALLOC /
 * TG_BAD_LIMIT; syntax errors are counted in `rep`. */
static TgStatus
tg_lex_line(TgLexicon *lex, TgLexReport *rep, unsigned lineno, const char *p,
            const char *e)
{
  char msg[160];

  if (e > p && e[-1] == '\r') {
    --e;
  }
  const char *q = p;
  while (q < e && (*q == ' ' || *q == '\t')) {
    ++q;
  }
  if (q == e || *q == '#') {
    return TG_SUCCESS;
  }

  const unsigned endcol = (unsigned)(e - p) + 1;
  const char *tab1 = memchr(p, '\t', (size_t)(e - p));
  const char *kend = tab1 ? tab1 : e;
  const int k = tg_lex_kind_index(p, (size_t)(kend - p));
  if (k < 0) {
    snprintf(msg, sizeof msg, "unknown kind '%.*s'", (int)(kend - p), p);
    tg_lex_error(rep, lineno, 1, msg);
    return TG_SUCCESS;
  }
  if (!tab1) {
    tg_lex_error(rep, lineno, endcol, "missing field: expected TAB and word");
    return TG_SUCCESS;
  }

  const char *w = tab1 + 1;
  const unsigned wcol = (unsigned)(w - p) + 1;
  const char *tab2 = memchr(w, '\t', (size_t)(e - w));
  if (!tab2) {
    tg_lex_error(rep, lineno, endcol, "missing field: expected TAB and value");
    return TG_SUCCESS;
  }

  TgLexEntry entry;
  memset(&entry, 0, sizeof entry);
  entry.kind = (unsigned)k;
  entry.line = lineno;
  if (tab2 == w) {
    tg_lex_error(rep, lineno, wcol, "missing field: empty word");
    return TG_SUCCESS;
  }
  if (!tg_lex_normalise(w, (size_t)(tab2 - w), entry.word, &entry.wlen)) {
    if ((size_t)(tab2 - w) > TG_LEXICON_WORD_MAX) {
      tg_lex_error(rep, lineno, wcol, "bad word: too long");
    } else {
      tg_lex_error(rep, lineno, wcol, "missing field: blank word");
    }
    return TG_SUCCESS;
  }

  const char *v = tab2 + 1;
  const unsigned vcol = (unsigned)(v - p) + 1;
  const char *tab3 = memchr(v, '\t', (size_t)(e - v));
  if (tab3) {
    tg_lex_error(rep, lineno, (unsigned)(tab3 - p) + 1,
                 "extra field: expected exactly three TAB-separated fields");
    return TG_SUCCESS;
  }
  const char *vend = e;
  while (vend > v && (vend[-1] == ' ')) {
    --vend;
  }
  if (vend == v) {
    tg_lex_error(rep, lineno, vcol, "missing field: empty value");
    return TG_SUCCESS;
  }
  const char *bad =
      tg_lex_parse_value(&tg_lex_kinds[k], v, (size_t)(vend - v), &entry);
  if (bad) {
    tg_lex_error(rep, lineno, vcol, bad);
    return TG_SUCCESS;
  }

  const TgLexEntry *old = tg_lex_lookup(lex, entry.kind, entry.word,
                                        entry.wlen);
  if (old) {
    if (old->value != entry.value || strcmp(old->code, entry.code) != 0) {
      snprintf(msg, sizeof msg,
               "duplicate: %s '%s' already defined with a different value "
               "on line %u",
               tg_lex_kinds[k].name, entry.word, old->line);
      tg_lex_error(rep, lineno, wcol, msg);
    }
    return TG_SUCCESS;
  }
  return tg_lex_insert(lex, &entry);
}

TgStatus
tg_lexicon_load(TgLexicon *lex, const char *path, TgErrorFn err,
                void *err_data)
{
  if (!lex || !path) {
    return TG_BAD_ARG;
  }
  TgLexReport rep = {path, err, err_data, 0};

  FILE *in = fopen(path, "rb");
  if (!in) {
    char msg[160];
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    tg_lex_error(&rep, 0, 0, msg);
    return TG_BAD_READ;
  }
  char *text = NULL;
  size_t len = 0;
  TgStatus st = tg_lex_slurp(lex, in, &text, &len);
  fclose(in);
  if (st != TG_SUCCESS) {
    tg_lex_error(&rep, 0, 0,
                 st == TG_BAD_ALLOC ? "out of memory" : "read error");
    return st;
  }
  if (memchr(text, '\0', len)) {
    tg_lex_error(&rep, 0, 0, "binary file: contains a NUL byte");
    free(text);
    return TG_BAD_SYNTAX;
  }

  unsigned lineno = 0;
  const char *p = text;
  const char *end = text + len;
  while (p < end && st == TG_SUCCESS) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (lineno == UINT_MAX) {
      st = TG_BAD_LIMIT;
      break;
    }
    st = tg_lex_line(lex, &rep, ++lineno, p, e);
    p = nl ? nl + 1 : end;
  }
  free(text);
  if (st == TG_BAD_ALLOC) {
    tg_lex_error(&rep, lineno, 0, "out of memory");
    return st;
  }
  if (st != TG_SUCCESS) {
    return st;
  }
  return rep.errors ? TG_BAD_SYNTAX : TG_SUCCESS;
}

bool
tg_lexicon_kind_known(const char *kind, size_t len)
{
  return kind && tg_lex_kind_index(kind, len) >= 0;
}
