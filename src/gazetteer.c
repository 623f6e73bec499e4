/* telegraph internals: gazetteers, names looked up token by token.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "gazetteer.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* Longest name, in tokens, that a gazetteer line may hold. */
#define TG_GAZ_MAX_TOKENS 16

/* Bits of the first-token filter (a power of two). */
#define TG_GAZ_FIRST_BITS 65536

/* Slot.entry of a fallback key that two entries share. */
#define TG_GAZ_AMBIGUOUS (-2)

typedef struct {
  char *key;     /* normalised token sequence */
  size_t len;    /* its length */
  long entry;    /* index into entries, or -1 for the prefix of a longer name */
} Slot;

struct TgGazetteerImpl {
  TgVec entries; /* TgGazEntry */
  Slot *table;   /* open addressing; key NULL = empty */
  size_t cap;
  size_t used;
  size_t max_tokens;
  TgVec files;   /* char*, owned */
  /* A bit for each (hashed) first token a key may start with, folded (see
   * first_fold_hash): a lookup whose first token has no bit set finds
   * nothing and stops before building any key. */
  uint64_t first[TG_GAZ_FIRST_BITS / 64];
};

TgGazetteer *tg_gazetteer_new(void) {
  TgGazetteer *g = (TgGazetteer *)tg_calloc(1, sizeof *g);
  if (g) {
    tg_vec_init(&g->entries, sizeof(TgGazEntry));
    tg_vec_init(&g->files, sizeof(char *));
  }
  return g;
}

void tg_gazetteer_free(TgGazetteer *g) {
  if (!g) {
    return;
  }
  for (size_t i = 0; i < g->entries.len; ++i) {
    TgGazEntry *e = (TgGazEntry *)tg_vec_at(&g->entries, i);
    tg_free(e->name);
    tg_free(e->wikidata);
    tg_free(e->geonames);
    tg_free(e->dbpedia);
    tg_free(e->within);
    tg_free(e->slug);
  }
  for (size_t i = 0; i < g->cap; ++i) {
    tg_free(g->table[i].key);
  }
  for (size_t i = 0; i < g->files.len; ++i) {
    tg_free(*(char **)tg_vec_at(&g->files, i));
  }
  tg_free(g->table);
  tg_vec_clear(&g->entries);
  tg_vec_clear(&g->files);
  tg_free(g);
}

size_t tg_gazetteer_size(const TgGazetteer *g) { return g->entries.len; }

const TgGazEntry *tg_gazetteer_entry(const TgGazetteer *g, size_t i) {
  return (const TgGazEntry *)tg_vec_at(&g->entries, i);
}

/* Append the key form of one token: the curly apostrophe as ', and ASCII
 * folded to lower case when `fold`; a leading '\1' marks folded keys so
 * the two kinds never collide. */
static TgStatus key_token(TgBuf *key, const char *s, size_t len, bool fold) {
  for (size_t i = 0; i < len; ++i) {
    if (i + 3 <= len && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
      if (tg_buf_putc(key, '\'')) {
        return TG_BAD_ALLOC;
      }
      i += 2;
      continue;
    }
    char c = s[i];
    if (fold && c >= 'A' && c <= 'Z') {
      c = (char)(c + 32);
    }
    if (tg_buf_putc(key, c)) {
      return TG_BAD_ALLOC;
    }
  }
  return TG_SUCCESS;
}

/* find_slot with the key's hash (key_hash) already known. */
static inline Slot *find_slot_h(const TgGazetteer *g, const char *key, size_t len, uint64_t h) {
  if (!g->cap) {
    return NULL;
  }
  size_t i = (size_t)h & (g->cap - 1);
  while (g->table[i].key) {
    if (g->table[i].len == len && memcmp(g->table[i].key, key, len) == 0) {
      return &g->table[i];
    }
    i = (i + 1) & (g->cap - 1);
  }
  return &g->table[i];
}

/* A marked key's hash from its text's tg_hash (FNV-1a) and its mark:
 * the mark mixed in last, so one hash of the folded text serves both
 * marks (match_keys). */
static inline uint64_t mark_mix(uint64_t h, unsigned char mark) {
  return (h ^ mark) * 1099511628211ull;
}

/* The table's hash of a key: tg_hash, or for a key marked '\1' or '\2'
 * (a folded form) mark_mix of its text's. */
static uint64_t key_hash(const char *key, size_t len) {
  if (len && (key[0] == '\1' || key[0] == '\2')) {
    return mark_mix(tg_hash(key + 1, len - 1), (unsigned char)key[0]);
  }
  return tg_hash(key, len);
}

static Slot *find_slot(const TgGazetteer *g, const char *key, size_t len) {
  if (!g->cap) {
    return NULL;
  }
  size_t i = (size_t)key_hash(key, len) & (g->cap - 1);
  while (g->table[i].key) {
    if (g->table[i].len == len && memcmp(g->table[i].key, key, len) == 0) {
      return &g->table[i];
    }
    i = (i + 1) & (g->cap - 1);
  }
  return &g->table[i];
}

/* FNV-1a of s[0..len) with ASCII capitals and the Latin-1 capitals of
 * two-byte UTF-8 (0xC3 0x80-0x9E but 0x97) folded to lower case and the
 * curly apostrophe read as ': the same for a token's text and its exact,
 * folded and title-cased key forms. */
static inline uint32_t first_fold_hash(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; ++i) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      c = (unsigned char)tg_ascii_lower[c]; /* the common case: one test */
    } else if (c == 0xE2 && i + 3 <= len && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
      c = '\'';
      i += 2;
    } else if (c == 0xC3 && i + 1 < len) {
      h = (h ^ c) * 16777619u;
      c = (unsigned char)s[++i];
      if (c >= 0x80 && c <= 0x9E && c != 0x97) {
        c = (unsigned char)(c + 0x20);
      }
    }
    h = (h ^ c) * 16777619u;
  }
  return h & (TG_GAZ_FIRST_BITS - 1);
}

/* May a key start with s[0..len) (up to its first space)? */
static inline bool first_may(const TgGazetteer *g, const char *s, size_t len) {
  size_t e = 0;
  while (e < len && s[e] != ' ') ++e;
  const uint32_t b = first_fold_hash(s, e);
  return (g->first[b >> 6] >> (b & 63)) & 1;
}

static void first_set(TgGazetteer *g, const char *s, size_t len) {
  const uint32_t b = first_fold_hash(s, len);
  g->first[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* Note the first token of a key put in the table: with its mark byte
 * ('\1', '\2') and without. */
static void note_first(TgGazetteer *g, const char *key, size_t len) {
  size_t e = 0;
  while (e < len && key[e] != ' ') ++e;
  first_set(g, key, e);
  if (e && (key[0] == '\1' || key[0] == '\2')) {
    first_set(g, key + 1, e - 1);
  }
}

static TgStatus grow(TgGazetteer *g) {
  size_t cap = g->cap ? g->cap * 2 : 1024;
  Slot *table = (Slot *)tg_calloc(cap, sizeof(Slot));
  if (!table) {
    return TG_BAD_ALLOC;
  }
  Slot *old = g->table;
  size_t old_cap = g->cap;
  g->table = table;
  g->cap = cap;
  for (size_t i = 0; i < old_cap; ++i) {
    if (old[i].key) {
      *find_slot(g, old[i].key, old[i].len) = old[i];
    }
  }
  tg_free(old);
  return TG_SUCCESS;
}

/* The key of a name: its tokens joined by one space.  Folded keys start
 * with `mark`: '\1' for Service names (always matched folded), '\2' for
 * the case-insensitive fallback of every other name. */
static TgStatus name_key(const char *name, size_t len, char mark, TgBuf *key, size_t *ntok) {
  const bool fold = mark != 0;
  TgVec toks;
  tg_vec_init(&toks, sizeof(TgToken));
  TgSpan span = {0, len};
  TgStatus st = tg_tokenize(name, span, &toks);
  if (fold && !st) {
    st = tg_buf_putc(key, mark);
  }
  for (size_t i = 0; !st && i < toks.len; ++i) {
    const TgToken *t = (const TgToken *)tg_vec_at(&toks, i);
    if (i > 0) {
      st = tg_buf_putc(key, ' ');
    }
    if (!st) {
      st = key_token(key, name + t->span.begin, t->span.end - t->span.begin, fold);
    }
  }
  *ntok = toks.len;
  tg_vec_clear(&toks);
  return st;
}

static TgStatus mark_prefixes(TgGazetteer *g, const char *key_buf, size_t len);
static TgStatus add_fallback_key(TgGazetteer *g, const char *name, size_t len, long entry);

static TgStatus add_key(TgGazetteer *g, const char *name, size_t len, long entry,
                        const char *file, unsigned line, unsigned col, TgErrorFn err,
                        void *err_data) {
  const TgGazEntry *e = (const TgGazEntry *)tg_vec_at(&g->entries, (size_t)entry);
  TgBuf key;
  tg_buf_init(&key);
  size_t ntok = 0;
  TgStatus st = name_key(name, len, e->cls == TG_CLASS_SERVICE ? '\1' : 0, &key, &ntok);
  if (st) {
    tg_buf_clear(&key);
    return st;
  }
  if (ntok == 0 || ntok > TG_GAZ_MAX_TOKENS) {
    tg_buf_clear(&key);
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, col,
                     ntok ? "name has more than 16 tokens" : "empty name");
  }
  if ((g->used + 1) * 2 > g->cap && (st = grow(g))) {
    tg_buf_clear(&key);
    return st;
  }
  Slot *slot = find_slot(g, key.buf, key.len);
  if (slot->key && slot->entry < 0) {
    /* Was only the prefix of a longer name: now a name itself. */
    tg_buf_clear(&key);
    slot->entry = entry;
    if (ntok > g->max_tokens) {
      g->max_tokens = ntok;
    }
    return e->cls == TG_CLASS_SERVICE ? TG_SUCCESS : add_fallback_key(g, name, len, entry);
  }
  if (slot->key) {
    tg_buf_clear(&key);
    if (slot->entry == entry) {
      return TG_SUCCESS;
    }
    const TgGazEntry *other = (const TgGazEntry *)tg_vec_at(&g->entries, (size_t)slot->entry);
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, col,
                     "'%.*s' already names '%s' (%s:%u)", (int)len, name, other->name,
                     other->file, other->line);
  }
  slot->key = key.buf;
  slot->len = key.len;
  slot->entry = entry;
  ++g->used;
  note_first(g, key.buf, key.len);
  if (ntok > g->max_tokens) {
    g->max_tokens = ntok;
  }
  if ((st = mark_prefixes(g, key.buf, key.len))) {
    return st;
  }
  return e->cls == TG_CLASS_SERVICE ? TG_SUCCESS : add_fallback_key(g, name, len, entry);
}

/* One token with no lower-case letter: an acronym ("MIIT", "WHO"), which
 * folded would be a word. */
static bool acronym(const char *name, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    if ((name[i] >= 'a' && name[i] <= 'z') || name[i] == ' ' || (unsigned char)name[i] >= 0x80) {
      return false;
    }
  }
  return true;
}

/* The case-insensitive fallback key of a name ("Mobifone" finds
 * "MobiFone"): a name that two entries share folded finds neither, and an
 * acronym has none. */
static TgStatus add_fallback_key(TgGazetteer *g, const char *name, size_t len, long entry) {
  if (acronym(name, len)) {
    return TG_SUCCESS;
  }
  TgBuf key;
  tg_buf_init(&key);
  size_t ntok = 0;
  TgStatus st = name_key(name, len, '\2', &key, &ntok);
  if (!st && (g->used + 1) * 2 > g->cap) {
    st = grow(g);
  }
  if (st) {
    tg_buf_clear(&key);
    return st;
  }
  Slot *slot = find_slot(g, key.buf, key.len);
  if (slot->key) {
    tg_buf_clear(&key);
    if (slot->entry != entry) {
      slot->entry = slot->entry == -1 ? entry : TG_GAZ_AMBIGUOUS;
    }
    return TG_SUCCESS;
  }
  slot->key = key.buf;
  slot->len = key.len;
  slot->entry = entry;
  ++g->used;
  note_first(g, key.buf, key.len);
  return mark_prefixes(g, key.buf, key.len);
}

/* Mark every shorter token prefix of key[0..len), so a lookup stops as soon
 * as no name can continue. */
static TgStatus mark_prefixes(TgGazetteer *g, const char *key_buf, size_t len) {
  TgStatus st;
  for (size_t k = len; k-- > 1;) {
    if (key_buf[k] != ' ') {
      continue;
    }
    if ((g->used + 1) * 2 > g->cap && (st = grow(g))) {
      return st;
    }
    const char *full = key_buf; /* owned by the table now */
    Slot *pre = find_slot(g, full, k);
    if (pre->key) {
      continue;
    }
    if (!(pre->key = tg_strndup(full, k))) {
      return TG_BAD_ALLOC;
    }
    pre->len = k;
    pre->entry = -1;
    note_first(g, pre->key, k);
    ++g->used;
  }
  return TG_SUCCESS;
}

const char *tg_class_path(TgClass cls) {
  switch (cls) {
  case TG_CLASS_PLACE: return "place/";
  case TG_CLASS_PERSON: return "person/";
  case TG_CLASS_POLICY: return "policy/";
  case TG_CLASS_SERVICE: return "service/";
  default: return "org/";
  }
}

/* Give entry `idx` its IRI path, unique in the gazetteer: two different
 * entries whose names slug alike ("AT&T", "AT and T") are told apart by
 * their Wikidata id, else by a hash of the name, so neither depends on the
 * order of loading. */
static TgStatus assign_slug(TgGazetteer *g, long idx) {
  TgGazEntry *e = (TgGazEntry *)tg_vec_at(&g->entries, (size_t)idx);
  TgBuf slug;
  tg_buf_init(&slug);
  TgStatus st = tg_buf_putc(&slug, '\2');
  if (!st) st = tg_buf_puts(&slug, tg_class_path(e->cls));
  const size_t prefix = slug.len;
  if (!st) st = tg_slugify(e->name, strlen(e->name), &slug);
  if (!st && slug.len == prefix) {
    st = tg_buf_printf(&slug, "h%016llx", (unsigned long long)tg_hash(e->name, strlen(e->name)));
  }
  if (st) {
    tg_buf_clear(&slug);
    return st;
  }
  if ((g->used + 1) * 2 > g->cap && (st = grow(g))) {
    tg_buf_clear(&slug);
    return st;
  }
  Slot *slot = find_slot(g, slug.buf, slug.len);
  if (slot->key) {
    if (e->wikidata) {
      st = tg_buf_printf(&slug, "-%s", e->wikidata);
    } else {
      st = tg_buf_printf(&slug, "-%08llx",
                         (unsigned long long)(tg_hash(e->name, strlen(e->name)) & 0xffffffffu));
    }
    slot = st ? NULL : find_slot(g, slug.buf, slug.len);
    if (slot && slot->key) {
      tg_buf_clear(&slug);
      return TG_BAD_SYNTAX;
    }
  }
  if (st || !(e->slug = tg_strdup(slug.buf + 1))) {
    tg_buf_clear(&slug);
    return st ? st : TG_BAD_ALLOC;
  }
  slot->key = slug.buf; /* the table owns it now */
  slot->len = slug.len;
  note_first(g, slug.buf, slug.len);
  slot->entry = idx;
  ++g->used;
  return TG_SUCCESS;
}

/* True if s[0..len) are ASCII digits (the fields are not NUL-terminated). */
static bool all_digits(const char *s, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  return true;
}

/* ---- Extending an entry loaded before (a user's gazetteer) ---- */

/* Add each '|'-separated alias of the cell (column `col`) as a key of
 * entry `idx`. */
static TgStatus add_aliases(TgGazetteer *g, const char *cell, size_t len, size_t col, long idx,
                            const char *file, unsigned line, TgErrorFn err, void *err_data) {
  TgStatus st = TG_SUCCESS;
  for (size_t a = 0; !st && a < len;) {
    size_t b = a;
    while (b < len && cell[b] != '|') {
      ++b;
    }
    if (b > a) {
      st = add_key(g, cell + a, b - a, idx, file, line, (unsigned)(col + a), err, err_data);
    }
    a = b + 1;
  }
  return st;
}

/* The entry whose canonical name is exactly name[0..len) and whose type is
 * `cls`, loaded from another file than `file`; -1 when there is none. */
static TgStatus existing_entry(const TgGazetteer *g, const char *name, size_t len, TgClass cls,
                               const char *file, long *out) {
  *out = -1;
  TgBuf key;
  tg_buf_init(&key);
  size_t ntok = 0;
  TgStatus st = name_key(name, len, cls == TG_CLASS_SERVICE, &key, &ntok);
  const Slot *slot = st ? NULL : find_slot(g, key.buf, key.len);
  tg_buf_clear(&key);
  if (slot && slot->key && slot->entry >= 0) {
    const TgGazEntry *e = (const TgGazEntry *)tg_vec_at(&g->entries, (size_t)slot->entry);
    if (e->cls == cls && strcmp(e->file, file) != 0 && strlen(e->name) == len &&
        memcmp(e->name, name, len) == 0) {
      *out = slot->entry;
    }
  }
  return st;
}

/* Fill an empty id (or `within`) cell of `*have`; an id that differs from
 * the one already there is an error. */
static TgStatus merge_cell(char **have, const char *cell, size_t len, const char *what,
                           const TgGazEntry *e, const char *file, unsigned line, unsigned col,
                           TgErrorFn err, void *err_data) {
  if (!len || (*have && strlen(*have) == len && memcmp(*have, cell, len) == 0)) {
    return TG_SUCCESS;
  }
  if (*have) {
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, col,
                     "'%s' already has %s '%s' (%s:%u)", e->name, what, *have, e->file,
                     e->line);
  }
  return (*have = tg_strndup(cell, len)) ? TG_SUCCESS : TG_BAD_ALLOC;
}

/* A row naming an entity of the same type loaded from another file adds
 * its aliases, ids and `within` to that entity. */
static TgStatus extend_entry(TgGazetteer *g, long idx, const char *const *field,
                             const size_t *flen, const size_t *fcol, const char *file,
                             unsigned line, TgErrorFn err, void *err_data) {
  TgGazEntry *e = (TgGazEntry *)tg_vec_at(&g->entries, (size_t)idx);
  static const char *const what[] = {"wikidata id", "geonames id", "dbpedia title", "within"};
  char **cells[] = {&e->wikidata, &e->geonames, &e->dbpedia, &e->within};
  TgStatus st = TG_SUCCESS;
  for (size_t k = 0; !st && k < 4; ++k) {
    st = merge_cell(cells[k], field[3 + k], flen[3 + k], what[k], e, file, line,
                    (unsigned)fcol[3 + k], err, err_data);
  }
  return st ? st : add_aliases(g, field[2], flen[2], fcol[2], idx, file, line, err, err_data);
}

static TgStatus parse_row(TgGazetteer *g, const char *file, unsigned line, const char *s,
                          size_t len, TgErrorFn err, void *err_data) {
  const char *field[7];
  size_t flen[7];
  size_t fcol[7];
  size_t nf = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i == len || s[i] == '\t') {
      if (nf == 7) {
        return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, (unsigned)start + 1,
                         "too many fields (expected 7: name, type, aliases, wikidata, "
                         "geonames, dbpedia, within)");
      }
      field[nf] = s + start;
      flen[nf] = i - start;
      fcol[nf] = start + 1;
      ++nf;
      start = i + 1;
    }
  }
  while (nf < 7) { /* trailing empty fields may be omitted */
    field[nf] = s + len;
    flen[nf] = 0;
    fcol[nf] = len + 1;
    ++nf;
  }
  if (flen[0] == 0) {
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, 1, "empty name");
  }
  TgClass cls = tg_class_from_name(field[1], flen[1]);
  if (!tg_class_is_entity(cls)) {
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, (unsigned)fcol[1],
                     "unknown type '%.*s' (expected Regulator, GovernmentBody, Company, "
                     "NewsAgency, Person, Place, Policy or Service)",
                     (int)flen[1], field[1]);
  }
  if (flen[3] && (field[3][0] != 'Q' || flen[3] < 2 || !all_digits(field[3] + 1, flen[3] - 1))) {
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, (unsigned)fcol[3],
                     "wikidata id must look like Q123");
  }
  if (flen[4] && !all_digits(field[4], flen[4])) {
    return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, (unsigned)fcol[4],
                     "geonames id must be a number");
  }
  for (size_t i = 0; i < flen[5]; ++i) {
    const unsigned char c = (unsigned char)field[5][i];
    if (c <= ' ' || strchr("<>\"{}|^`\\", c)) {
      return tg_report(err, err_data, TG_BAD_SYNTAX, file, line, (unsigned)(fcol[5] + i),
                       "dbpedia title may not contain spaces or <>\"{}|^`\\");
    }
  }
  long prev = -1;
  TgStatus st = existing_entry(g, field[0], flen[0], cls, file, &prev);
  if (st || prev >= 0) {
    return st ? st : extend_entry(g, prev, field, flen, fcol, file, line, err, err_data);
  }
  TgGazEntry e;
  memset(&e, 0, sizeof e);
  e.cls = cls;
  e.file = (char *)file;
  e.line = line;
  e.name = tg_strndup(field[0], flen[0]);
  e.wikidata = flen[3] ? tg_strndup(field[3], flen[3]) : NULL;
  e.geonames = flen[4] ? tg_strndup(field[4], flen[4]) : NULL;
  e.dbpedia = flen[5] ? tg_strndup(field[5], flen[5]) : NULL;
  e.within = flen[6] ? tg_strndup(field[6], flen[6]) : NULL;
  if (!e.name || (flen[3] && !e.wikidata) || (flen[4] && !e.geonames) ||
      (flen[5] && !e.dbpedia) || (flen[6] && !e.within) || tg_vec_push(&g->entries, &e)) {
    tg_free(e.name);
    tg_free(e.wikidata);
    tg_free(e.geonames);
    tg_free(e.dbpedia);
    tg_free(e.within);
    return TG_BAD_ALLOC;
  }
  const long idx = (long)g->entries.len - 1;
  /* The IRI first: an entry is never left without one, even when a name
   * below is refused. */
  st = assign_slug(g, idx);
  if (st) {
    TgGazEntry *bad = (TgGazEntry *)tg_vec_at(&g->entries, (size_t)idx);
    tg_free(bad->name);
    tg_free(bad->wikidata);
    tg_free(bad->geonames);
    tg_free(bad->dbpedia);
    tg_free(bad->within);
    --g->entries.len;
    return st == TG_BAD_SYNTAX ? tg_report(err, err_data, st, file, line, 1,
                                           "cannot give '%.*s' an IRI of its own",
                                           (int)flen[0], field[0])
                               : st;
  }
  st = add_key(g, field[0], flen[0], idx, file, line, 1, err, err_data);
  return st ? st : add_aliases(g, field[2], flen[2], fcol[2], idx, file, line, err, err_data);
}

TgStatus tg_gazetteer_parse(TgGazetteer *g, const char *name, const char *text, size_t len,
                            TgErrorFn err, void *err_data) {
  char *file = tg_strdup(name);
  if (!file || tg_vec_push(&g->files, &file)) {
    tg_free(file);
    return TG_BAD_ALLOC;
  }
  TgStatus bad = tg_check_text(text, len, file, err, err_data);
  if (bad) {
    return bad;
  }
  unsigned line = 1;
  size_t start = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i == len || text[i] == '\n') {
      size_t e = i;
      if (e > start && text[e - 1] == '\r') {
        --e;
      }
      size_t k = start;
      while (k < e && text[k] == ' ') {
        ++k;
      }
      if (k < e && text[k] != '#') {
        for (size_t c = start; c < e; ++c) {
          if ((unsigned char)text[c] < 0x20 && text[c] != '\t') {
            return tg_report(err, err_data, TG_BAD_SYNTAX, file, line,
                             (unsigned)(c - start + 1), "control character in field");
          }
        }
        TgStatus st = parse_row(g, file, line, text + start, e - start, err, err_data);
        if (st) {
          return st;
        }
      }
      ++line;
      start = i + 1;
    }
  }
  return TG_SUCCESS;
}

TgStatus tg_gazetteer_load(TgGazetteer *g, const char *path, TgErrorFn err, void *err_data) {
  FILE *in = fopen(path, "rb");
  if (!in) {
    return tg_report(err, err_data, TG_BAD_READ, path, 0, 0, "%s", strerror(errno));
  }
  TgBuf buf;
  tg_buf_init(&buf);
  char chunk[16384];
  size_t n;
  TgStatus st = TG_SUCCESS;
  while (!st && (n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    st = tg_buf_append(&buf, chunk, n);
  }
  if (!st && ferror(in)) {
    st = tg_report(err, err_data, TG_BAD_READ, path, 0, 0, "read error");
  }
  fclose(in);
  if (!st) {
    st = tg_gazetteer_parse(g, path, buf.buf ? buf.buf : "", buf.len, err, err_data);
  }
  tg_buf_clear(&buf);
  return st;
}

long tg_gazetteer_find(const TgGazetteer *g, const char *name) {
  for (size_t i = 0; i < g->entries.len; ++i) {
    if (strcmp(((const TgGazEntry *)tg_vec_at(&g->entries, i))->name, name) == 0) {
      return (long)i;
    }
  }
  return -1;
}

/* True if s[0..len) has letters and all of them are ASCII capitals. */
static bool all_caps(const char *s, size_t len) {
  bool letter = false;
  for (size_t i = 0; i < len; ++i) {
    if (s[i] >= 'a' && s[i] <= 'z') {
      return false;
    }
    letter = letter || (s[i] >= 'A' && s[i] <= 'Z');
  }
  return letter;
}

/* "NEW DELHI" -> "New Delhi", "SÃO PAULO" -> "São Paulo" (ASCII and the
 * Latin-1 capitals, whose lower case is 0x20 above them in the second UTF-8
 * byte; out has room for len bytes). */
static void title_case(const char *s, size_t len, char *out) {
  bool start = true;
  for (size_t i = 0; i < len; ++i) {
    const unsigned char c = (unsigned char)s[i];
    out[i] = (!start && c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
    if (c == 0xC3 && i + 1 < len) {
      const unsigned char d = (unsigned char)s[i + 1];
      const bool cap = d >= 0x80 && d <= 0x9E && d != 0x97; /* not U+00D7 'x' */
      out[i + 1] = (char)((!start && cap) ? d + 0x20 : d);
      ++i;
      start = false;
      continue;
    }
    start = !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80);
  }
}

/* Look up tokens[i..i+n) in both the exact and the folded key spaces. */
size_t tg_gazetteer_max_tokens(const TgGazetteer *g) { return g->max_tokens; }

/* tg_gazetteer_match past its first-token test (apart, so that the
 * common early answer sets up no key buffers). */
static long __attribute__((noinline))
match_keys(const TgGazetteer *g, const char *text, const TgToken *tokens, size_t n, size_t i,
           size_t *n_tokens) {
  long best = -1;
  char exact[512];
  char folded[512];
  size_t el = 0;
  size_t fl = 0;
  folded[fl++] = '\1';
  /* tg_hash (FNV-1a) of the keys so far, kept as they grow: exact, and the
   * folded text after its mark (key_hash mixes the mark in last). */
  const uint64_t prime = 1099511628211ull;
  uint64_t he = 14695981039346656037ull;
  uint64_t hf = he;
  for (size_t k = i; k < n && k - i < g->max_tokens; ++k) {
    const TgToken *t = &tokens[k];
    const char *s = text + t->span.begin;
    const size_t len = t->span.end - t->span.begin;
    if (el + len + 2 >= sizeof exact) {
      break;
    }
    if (k > i) {
      exact[el++] = ' ';
      folded[fl++] = ' ';
      he = (he ^ ' ') * prime;
      hf = (hf ^ ' ') * prime;
    }
    for (size_t c = 0; c < len; ++c) {
      char e = s[c];
      if (e == '\xE2' && c + 3 <= len && memcmp(s + c, "\xE2\x80\x99", 3) == 0) {
        e = '\'';
        c += 2;
      }
      const unsigned char f = tg_ascii_lower[(unsigned char)e];
      exact[el++] = e;
      folded[fl++] = (char)f;
      he = (he ^ (unsigned char)e) * prime;
      hf = (hf ^ f) * prime;
    }
    const Slot *hit = find_slot_h(g, exact, el, he);
    bool more = hit->key != NULL;
    if (!hit->key || hit->entry < 0) {
      const Slot *f = find_slot_h(g, folded, fl, mark_mix(hf, 1));
      more = more || f->key != NULL;
      if (f->key && f->entry >= 0) {
        hit = f;
      }
    }
    if ((!hit->key || hit->entry < 0) && all_caps(exact, el)) {
      /* "NEW DELHI" in a dateline: try "New Delhi". */
      char titled[512];
      title_case(exact, el, titled);
      const Slot *tt = find_slot(g, titled, el);
      more = more || tt->key != NULL;
      if (tt->key && tt->entry >= 0) {
        hit = tt;
      }
    }
    if ((!hit->key || hit->entry < 0) && tokens[i].upper && (t->upper || !t->word)) {
      /* "Mobifone" for "MobiFone", "AliPay" for "Alipay": the name's case
       * folded, when the text looks like a name. */
      folded[0] = '\2';
      const Slot *ci = find_slot_h(g, folded, fl, mark_mix(hf, 2));
      folded[0] = '\1';
      more = more || ci->key != NULL;
      if (ci->key && ci->entry >= 0) {
        hit = ci;
      }
    }
    if (hit->key && hit->entry >= 0) {
      best = hit->entry;
      *n_tokens = k - i + 1;
    }
    if (!more) {
      break; /* no name starts with these tokens */
    }
  }
  return best;
}

long tg_gazetteer_match(const TgGazetteer *g, const char *text, const TgToken *tokens,
                        size_t n, size_t i, size_t *n_tokens) {
  if (!g->cap || !tokens[i].word ||
      !first_may(g, text + tokens[i].span.begin, tokens[i].span.end - tokens[i].span.begin)) {
    return -1; /* no key in any form starts with this token */
  }
  return match_keys(g, text, tokens, n, i, n_tokens);
}

long tg_gazetteer_match_kept(const TgGazetteer *g, const char *text, const TgToken *tokens,
                             size_t n, size_t i, size_t *n_tokens, TgGazHit *hits) {
  if (!hits) {
    return tg_gazetteer_match(g, text, tokens, n, i, n_tokens);
  }
  TgGazHit *h = &hits[i];
  if (!h->known) {
    size_t k = 0;
    h->entry = tg_gazetteer_match(g, text, tokens, n, i, &k);
    h->n_tokens = (unsigned)k;
    h->known = true;
  }
  if (h->entry >= 0) {
    *n_tokens = h->n_tokens;
  }
  return h->entry;
}
