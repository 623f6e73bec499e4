/* telegraph internals: the name chunker (see chunker.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "chunker.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Longest parenthesised name inside a chunk, in tokens. */
#define TG_PAREN_MAX 8

enum { K_STARTER, K_NONSTART, K_MONTH, K_WEEKDAY, K_ROLE, K_DESIGNATOR, K_ORGHEAD, K_ORGFIRST, K_ORGCUE, K_CONNECTOR, K_ADJSUFFIX, K_CURRENCY, K_ABBREV, K_DEMONYM, N_KINDS };
static const char *const kind_names[N_KINDS] = {"starter", "nonstart", "month", "weekday", "role", "designator", "orghead", "orgfirst", "orgcue", "connector", "adjsuffix", "currency", "abbrev", "demonym"};

/* Tokens of a window whose lexicon kinds are remembered (past these, a
 * kind is looked up each time it is asked). */
#define TG_CHUNK_MEMO 256

/* What the lexicon holds of one token: every kind it is a word of (one
 * lookup, tg_lexicon_kinds_of), and the designator's value once asked. */
typedef struct {
  uint64_t kinds;
  bool known;
  bool designator_known;
  signed char designator;
} KindMemo;

typedef struct {
  const TgLexicon *lex;
  const TgGazetteer *gaz;
  const char *text;
  const TgToken *t;
  size_t n;
  int kinds[N_KINDS]; /* lexicon kind indices */
  KindMemo *memo;     /* memo[k] for tokens k < nmemo */
  size_t nmemo;
  TgGazHit *hits;     /* gazetteer names by token (tg_gazetteer_match_kept) */
} Ctx;

/* The lexicon kind indices of kind_names (a fixed table in lexicon.c),
 * looked up once a process. */
static int kind_index[N_KINDS];
static pthread_once_t kind_index_once = PTHREAD_ONCE_INIT;

static void find_kind_indices(void) {
  for (int k = 0; k < N_KINDS; ++k) {
    kind_index[k] = tg_lexicon_kind(kind_names[k]);
  }
}

static bool lookup_kind(const Ctx *c, size_t k, int kind, long long *v) {
  long long dummy = 0;
  const TgToken *t = &c->t[k];
  return c->lex && tg_lexicon_find_kind(c->lex, c->kinds[kind], c->text + t->span.begin,
                                        t->span.end - t->span.begin, v ? v : &dummy);
}

/* Is token k a word of lexicon kind `kind` (its value in *v)?  A token's
 * kinds are looked up once a window. */
static inline bool is_kind(const Ctx *c, size_t k, int kind, long long *v) {
  if (k >= c->n || !c->lex || c->kinds[kind] < 0) {
    return false;
  }
  if (k >= c->nmemo || (v && kind != K_DESIGNATOR)) {
    return lookup_kind(c, k, kind, v);
  }
  KindMemo *m = &c->memo[k];
  if (!m->known) {
    const TgToken *t = &c->t[k];
    m->kinds = tg_lexicon_kinds_of(c->lex, c->text + t->span.begin, t->span.end - t->span.begin);
    m->known = true;
  }
  if (!((m->kinds >> c->kinds[kind]) & 1)) {
    return false;
  }
  if (v) {
    if (!m->designator_known) {
      long long value = 0;
      lookup_kind(c, k, kind, &value);
      m->designator = (signed char)value;
      m->designator_known = true;
    }
    *v = m->designator;
  }
  return true;
}

/* Is token k the word w?  Compared byte by byte, so that most words part
 * at their first byte (no strlen). */
static bool word_is(const Ctx *c, size_t k, const char *w) {
  if (k >= c->n) {
    return false;
  }
  const TgToken *t = &c->t[k];
  const char *s = c->text + t->span.begin;
  const size_t len = t->span.end - t->span.begin;
  for (size_t i = 0; i < len; ++i) {
    if (s[i] != w[i] || w[i] == '\0') {
      return false;
    }
  }
  return w[len] == '\0';
}

/* "Shenzhen-based": a word whose part after its last hyphen is an
 * adjective suffix. */
static bool hyphen_adjective(const Ctx *c, size_t k) {
  const TgToken *t = &c->t[k];
  const char *s = c->text + t->span.begin;
  size_t len = t->span.end - t->span.begin;
  size_t h = len;
  while (h > 0 && s[h - 1] != '-') {
    --h;
  }
  long long v = 0;
  return h > 0 && c->lex && tg_lexicon_find_kind(c->lex, c->kinds[K_ADJSUFFIX], s + h, len - h, &v);
}

static bool name_token(const Ctx *c, size_t k) {
  if (k >= c->n || !c->t[k].word) {
    return false;
  }
  const unsigned char cls = c->t[k].cls;
  if (!(cls == TG_TOK_CAP || cls == TG_TOK_UPPER || cls == TG_TOK_ABBREV ||
        cls == TG_TOK_ALNUM)) {
    return false;
  }
  return !hyphen_adjective(c, k) && !is_kind(c, k, K_CURRENCY, NULL);
}

static bool calendar_word(const Ctx *c, size_t k) {
  return is_kind(c, k, K_MONTH, NULL) || is_kind(c, k, K_WEEKDAY, NULL);
}

/* "A/S": a legal form written as two words joined by a slash with no
 * space (three tokens from k); its token count, or 0. */
static size_t slash_form(const Ctx *c, size_t k) {
  if (k + 2 >= c->n || !c->t[k].word || !c->t[k].upper || !word_is(c, k + 1, "/") ||
      !c->t[k + 2].word || c->t[k].span.end != c->t[k + 1].span.begin ||
      c->t[k + 1].span.end != c->t[k + 2].span.begin) {
    return 0;
  }
  long long v = 0;
  const size_t b = c->t[k].span.begin;
  return c->lex && tg_lexicon_find_kind(c->lex, c->kinds[K_DESIGNATOR], c->text + b,
                                        c->t[k + 2].span.end - b, &v)
             ? 3
             : 0;
}

/* A legal form at token k: capitalised, or of a kind written in any case. */
static bool designator(const Ctx *c, size_t k) {
  long long v = 0;
  if (slash_form(c, k)) {
    return true;
  }
  if (k >= c->n || !c->t[k].word || !is_kind(c, k, K_DESIGNATOR, &v)) {
    return false;
  }
  return v == 3 || c->t[k].upper;
}

static bool name_start(const Ctx *c, size_t k) {
  return name_token(c, k) && !is_kind(c, k, K_STARTER, NULL) &&
         !is_kind(c, k, K_NONSTART, NULL) && !calendar_word(c, k) &&
         !is_kind(c, k, K_ROLE, NULL) && !designator(c, k);
}

static bool possessive_after(const Ctx *c, size_t k) {
  return k + 1 < c->n && c->t[k + 1].cls == TG_TOK_POSSESSIVE;
}

/* "(U.S.A.)", "(Shanghai)": name tokens in parentheses from token k; the
 * index after ")" or 0. */
static size_t paren_name(const Ctx *c, size_t k) {
  if (k >= c->n || c->t[k].cls != TG_TOK_OPEN || !name_token(c, k + 1)) {
    return 0;
  }
  for (size_t j = k + 2; j < c->n && j <= k + TG_PAREN_MAX; ++j) {
    const unsigned char cls = c->t[j].cls;
    if (cls == TG_TOK_CLOSE) {
      return j + 1;
    }
    if (!c->t[j].word && cls != TG_TOK_POSSESSIVE) {
      return 0; /* words only: "(Kingston upon Hull)", "(Cox's Bazar)" */
    }
  }
  return 0;
}

/* "(DoT)", "(MIIT)": an acronym defined in parentheses (one token with a
 * capital after its first letter), which ends the name before it. */
static bool acronym_paren(const Ctx *c, size_t open, size_t after) {
  if (after != open + 3) {
    return false;
  }
  const TgToken *t = &c->t[open + 1];
  for (size_t i = t->span.begin + 1; i < t->span.end; ++i) {
    if (c->text[i] >= 'A' && c->text[i] <= 'Z') {
      return true;
    }
  }
  return false;
}

/* A period right after an abbreviated legal form: "Ltd.", "Co.". */
static bool abbrev_period(const Ctx *c, size_t k) {
  return k < c->n && k > 0 && word_is(c, k, ".") &&
         c->t[k].span.begin == c->t[k - 1].span.end && is_kind(c, k - 1, K_ABBREV, NULL);
}

/* The period of "S." at token k: right after a one-letter capital word. */
static bool letter_period(const Ctx *c, size_t k) {
  if (k == 0 || k >= c->n || !word_is(c, k, ".") ||
      c->t[k].span.begin != c->t[k - 1].span.end) {
    return false;
  }
  const TgToken *t = &c->t[k - 1];
  const char ch = c->text[t->span.begin];
  return t->word && t->span.end == t->span.begin + 1 && ch >= 'A' && ch <= 'Z';
}

/* "S.A. de C.V.", "S. de R.L.", "GmbH & Co. KG": "de" or "&" at token k
 * joining a legal form (or, for "de", a dotted letter) to the legal form
 * after it, so that both belong to one name. */
static bool legal_join(const Ctx *c, size_t k) {
  if (k == 0 || !designator(c, k + 1)) {
    return false;
  }
  if (word_is(c, k, "&")) {
    return designator(c, k - 1);
  }
  return word_is(c, k, "de") && (designator(c, k - 1) || c->t[k - 1].cls == TG_TOK_ABBREV ||
                                 abbrev_period(c, k - 1) || letter_period(c, k - 1));
}

/* Append the initials of token k (its first letter and each capital after
 * a hyphen: "Inter-Bank" gives "IB") to buf; false when full. */
static bool token_initials(const Ctx *c, size_t k, char *buf, size_t *n, size_t cap) {
  const TgToken *t = &c->t[k];
  for (size_t p = t->span.begin; p < t->span.end; ++p) {
    const char ch = c->text[p];
    if ((p == t->span.begin || c->text[p - 1] == '-') && ch >= 'A' && ch <= 'Z') {
      if (*n >= cap) {
        return false;
      }
      buf[(*n)++] = ch;
    }
  }
  return true;
}

/* "(GhIPSS)" at token open: an acronym whose capitals are the initials of
 * the name tokens [i, open), "and" and connectors left out. */
static bool acronym_spells(const Ctx *c, size_t i, size_t open) {
  if (open + 2 >= c->n || c->t[open + 2].cls != TG_TOK_CLOSE || !c->t[open + 1].word ||
      open - i > 12) {
    return false;
  }
  char want[16];
  size_t n = 0;
  for (size_t k = i; k < open; ++k) {
    if (word_is(c, k, "and") || is_kind(c, k, K_CONNECTOR, NULL)) {
      continue;
    }
    if (!name_token(c, k) || !token_initials(c, k, want, &n, sizeof want)) {
      return false;
    }
  }
  const TgToken *a = &c->t[open + 1];
  size_t m = 0;
  for (size_t p = a->span.begin; p < a->span.end; ++p) {
    const char ch = c->text[p];
    if (ch >= 'A' && ch <= 'Z' && (m >= n || want[m++] != ch)) {
      return false;
    }
  }
  return n >= 3 && m == n;
}

/* "AXA Tianping Property and Casualty Insurance Co., Ltd.": "and" at token
 * e joins one company when two or more words (not a whole gazetteer name)
 * come before it and a legal form ends what follows; "Zentra and Kovalo
 * Ltd" is two companies. */
static bool and_inside(const Ctx *c, size_t i, size_t e) {
  if (!word_is(c, e, "and") || e - i < 2 || !name_start(c, e + 1) ||
      is_kind(c, e - 1, K_ORGHEAD, NULL) || designator(c, e - 1)) {
    return false; /* "Tanjung Cloud Services and Meridian ... Pte Ltd": two */
  }
  size_t len = 0;
  if (c->gaz && tg_gazetteer_match_kept(c->gaz, c->text, c->t, c->n, i, &len, c->hits) >= 0 &&
      i + len == e) {
    return false;
  }
  /* A short look ahead, no recursion: linear in the sentence. */
  for (size_t k = e + 1; k < c->n && k <= e + 12; ++k) {
    if (designator(c, k)) {
      return true;
    }
    if (c->t[k].cls == TG_TOK_OPEN && acronym_spells(c, i, k)) {
      return true; /* "Ghana Interbank Payment and Settlement Systems (GhIPSS)" */
    }
    if (!name_token(c, k) && !is_kind(c, k, K_CONNECTOR, NULL) &&
        c->t[k].cls != TG_TOK_OPEN && c->t[k].cls != TG_TOK_CLOSE) {
      return false;
    }
  }
  return false;
}

/* A month or weekday inside a name ("Bijoy Sat Communications") when more
 * name follows; at a name's end it is a date ("Huawei Monday"). */
static bool inner_token(const Ctx *c, size_t e) {
  if (!name_token(c, e) || is_kind(c, e, K_ROLE, NULL)) {
    return false;
  }
  return !calendar_word(c, e) || (name_token(c, e + 1) && !calendar_word(c, e + 1));
}

/* The end of the chunk that starts at token i. */
static size_t chunk_end(const Ctx *c, size_t i) {
  size_t e = i + 1;
  while (e < c->n && !possessive_after(c, e - 1)) {
    size_t p = 0;
    if ((p = slash_form(c, e)) != 0) {
      e += p; /* "Varde Mineral A/S" */
    } else if (inner_token(c, e) || (designator(c, e) && !c->t[e].upper)) {
      ++e; /* a legal form in lower case ends it: "Pellow Pharma plc" */
    } else if (and_inside(c, i, e) || legal_join(c, e)) {
      e += 2;
    } else if ((p = paren_name(c, e)) != 0 && (!acronym_paren(c, e, p) || designator(c, p))) {
      e = p;
    } else if (is_kind(c, e, K_CONNECTOR, NULL) && name_start(c, e + 1)) {
      e += 2;
    } else if (abbrev_period(c, e) || (word_is(c, e, ",") && designator(c, e + 1)) ||
               (letter_period(c, e) && legal_join(c, e + 1))) {
      ++e; /* "Co., Ltd." */
    } else {
      break;
    }
  }
  return e;
}

/* The end of the legal forms starting at token d ("Co., Ltd."). */
static size_t designators_end(const Ctx *c, size_t d, size_t e) {
  size_t r = d;
  while (r < e) {
    if (slash_form(c, r)) {
      r += slash_form(c, r);
    } else if (designator(c, r) || abbrev_period(c, r)) {
      ++r;
    } else if ((word_is(c, r, ",") || legal_join(c, r) || c->t[r].cls == TG_TOK_CLOSE) &&
               r + 1 < e && designator(c, r + 1)) {
      r += 2; /* "Co., Ltd.", "S.A. de C.V.", "(Pty) Ltd" */
    } else {
      break;
    }
  }
  if (r < c->n && r == e && abbrev_period(c, r)) {
    ++r; /* "Ltd." at the end of a sentence */
  }
  return r;
}

/* The first legal form in tokens (i, e), or 0. */
static size_t first_designator(const Ctx *c, size_t i, size_t e) {
  for (size_t k = i + 1; k < e; ++k) {
    if (designator(c, k)) {
      return k;
    }
  }
  return 0;
}

static TgStatus push(TgVec *out, const Ctx *c, size_t b, size_t e, TgClass cls,
                     const char *source) {
  TgChunk ch = {{c->t[b].span.begin, c->t[e - 1].span.end}, cls, source, -1, 0};
  return tg_vec_push(out, &ch);
}

/* A gazetteer company at i that the chunk [i, e) continues: its unit.
 * Sets the company's entry and token count. */
static bool company_unit(const Ctx *c, size_t i, size_t e, long *g, size_t *len) {
  *len = 0;
  *g = c->gaz ? tg_gazetteer_match_kept(c->gaz, c->text, c->t, c->n, i, len, c->hits) : -1;
  return *g >= 0 && tg_gazetteer_entry(c->gaz, (size_t)*g)->cls == TG_CLASS_COMPANY &&
         i + *len < e && !is_kind(c, i + *len, K_CONNECTOR, NULL);
}

/* "said", "told": a verb of speech at token k, which a person's name
 * precedes. */
static bool speech_verb(const Ctx *c, size_t k) {
  static const char *const verbs[] = {"said", "says", "told", "added", "noted", "stated"};
  for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; ++v) {
    if (word_is(c, k, verbs[v])) {
      return true;
    }
  }
  return false;
}

/* A lower-case noun at token k that describes a company ("rival",
 * "unit", "applicant"). */
static bool org_cue(const Ctx *c, size_t k) {
  return k < c->n && c->t[k].cls == TG_TOK_LOWER && is_kind(c, k, K_ORGCUE, NULL);
}

/* "X, a start-up backed by", "X, a unit of": an appositive after the chunk
 * ending at e whose noun describes a company; the noun ends the phrase or
 * a word that continues a description follows it, so "X, a company
 * director" is no company. */
static bool org_appositive(const Ctx *c, size_t e) {
  if (!word_is(c, e, ",") || !(word_is(c, e + 1, "a") || word_is(c, e + 1, "an"))) {
    return false;
  }
  static const char *const follow[] = {"of", "that", "which", "backed", "owned", "based",
                                       "founded", "run", "led", "controlled", "with", "in"};
  for (size_t k = e + 2; k <= e + 3 && k < c->n; ++k) {
    if (!org_cue(c, k)) {
      continue;
    }
    if (k + 1 >= c->n || !c->t[k + 1].word) {
      return true;
    }
    for (size_t f = 0; f < sizeof follow / sizeof follow[0]; ++f) {
      if (word_is(c, k + 1, follow[f])) {
        return true;
      }
    }
    return false;
  }
  return false;
}

/* A company cue before the chunk at i: "rival X", "a unit of X", and
 * "Another applicant, X," (the name set off by commas). */
static bool org_cue_before(const Ctx *c, size_t i, size_t e) {
  if (org_cue(c, e) || (e < c->n && hyphen_adjective(c, e)) || possessive_after(c, e - 1)) {
    return false; /* "of Spanish operator X", "of Hong Kong-listed X", "of Elon Musk's X" */
  }
  if (i >= 1 && org_cue(c, i - 1)) {
    return true;
  }
  if (i >= 2 && word_is(c, i - 1, "of") && org_cue(c, i - 2) && !word_is(c, i - 2, "group") &&
      !word_is(c, i - 2, "groups")) {
    return true;
  }
  if (i >= 2 && word_is(c, i - 1, "and")) {
    /* "rivals A and B": the cue before A covers B */
    size_t j = i - 1;
    while (j > 0 && i - j <= TG_PAREN_MAX && name_token(c, j - 1)) {
      --j;
    }
    if (j < i - 1 && j >= 1 && org_cue(c, j - 1)) {
      return true;
    }
    if (j < i - 1 && j >= 2 && word_is(c, j - 1, ",") && org_cue(c, j - 2)) {
      return true; /* "Two other applicants, A and B" */
    }
  }
  return i >= 2 && word_is(c, i - 1, ",") && org_cue(c, i - 2) && word_is(c, e, ",");
}

/* A gazetteer company that the tokens [i, d) name exactly, d the first
 * legal form after it (not a group word: "Vodacom Group" is not
 * "Vodacom"). */
static bool legal_form_of(const Ctx *c, size_t i, size_t d, long *g, size_t *len) {
  long long v = 0;
  *len = 0;
  *g = c->gaz ? tg_gazetteer_match_kept(c->gaz, c->text, c->t, c->n, i, len, c->hits) : -1;
  return *g >= 0 && i + *len == d && is_kind(c, d, K_DESIGNATOR, &v) && v != 2 &&
         tg_gazetteer_entry(c->gaz, (size_t)*g)->cls == TG_CLASS_COMPANY;
}

/* "made by X", "manufactured by X": a maker before the chunk at i. */
static bool made_by(const Ctx *c, size_t i) {
  static const char *const verbs[] = {"made", "manufactured", "produced", "developed"};
  if (i < 2 || !word_is(c, i - 1, "by")) {
    return false;
  }
  for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; ++v) {
    if (word_is(c, i - 2, verbs[v])) {
      return true;
    }
  }
  return false;
}

/* "an application from X", "a separate bid by X", "a third application,
 * from X": who asks a regulator for something is a company.  Not plurals
 * ("two other applications, from Oyo and Kaduna" come from states), nor a
 * name cut before a calendar word ("Himal Sat" is no "Himal"). */
static bool applicant_before(const Ctx *c, size_t i, size_t e) {
  static const char *const nouns[] = {"application", "request", "bid", "proposal", "tender"};
  if (i < 2 || !(word_is(c, i - 1, "from") || word_is(c, i - 1, "by")) ||
      (name_token(c, e) && calendar_word(c, e))) {
    return false;
  }
  size_t k = i - 2;
  if (word_is(c, k, ",") && k > 0) {
    --k;
  }
  for (size_t v = 0; v < sizeof nouns / sizeof nouns[0]; ++v) {
    if (word_is(c, k, nouns[v])) {
      return true;
    }
  }
  return false;
}

/* "Lagos-based X", "Nairobi-listed X": a place-based adjective right before
 * the chunk at i (not "-born", "-led": people and coalitions). */
static bool based_before(const Ctx *c, size_t i) {
  static const char *const suffixes[] = {"-based", "-listed", "-headquartered", "-registered"};
  if (i < 1 || !c->t[i - 1].word) {
    return false;
  }
  const TgToken *t = &c->t[i - 1];
  const size_t len = t->span.end - t->span.begin;
  for (size_t v = 0; v < sizeof suffixes / sizeof suffixes[0]; ++v) {
    const size_t n = strlen(suffixes[v]);
    if (len > n && memcmp(c->text + t->span.end - n, suffixes[v], n) == 0) {
      return true;
    }
  }
  return false;
}

/* The class the context gives the chunk [i, e), or NONE. */
static TgClass context_class(const Ctx *c, size_t i, size_t e) {
  if (i >= 2 && word_is(c, i - 1, "of") && is_kind(c, i - 2, K_ROLE, NULL) &&
      !speech_verb(c, e)) {
    return TG_CLASS_COMPANY; /* "CEO of X", not "Minister of Transport Ana Ruiz said" */
  }
  if (word_is(c, e, "shares")) {
    return TG_CLASS_COMPANY; /* "X shares" */
  }
  if (made_by(c, i) || applicant_before(c, i, e) || based_before(c, i)) {
    return TG_CLASS_COMPANY; /* "a monitor made by X", "an application from X" */
  }
  if (org_cue_before(c, i, e) || org_appositive(c, e) ||
      (i >= 1 && e < c->n && word_is(c, i - 1, "the") && c->t[e].cls == TG_TOK_LOWER &&
       (word_is(c, e, "group") || word_is(c, e, "consortium")))) {
    return TG_CLASS_COMPANY; /* "rival X", "X, a start-up", "the X group" */
  }
  if (i >= 1 && word_is(c, i - 1, "regulator")) {
    return TG_CLASS_REGULATOR; /* "regulator X" */
  }
  if (word_is(c, e, "and") && name_start(c, e + 1)) {
    const size_t e2 = chunk_end(c, e + 1);
    if (first_designator(c, e + 1, e2)) {
      return TG_CLASS_COMPANY; /* "A and B Ltd": two companies */
    }
  }
  return TG_CLASS_NONE;
}

static TgStatus type_chunk(const Ctx *c, size_t i, size_t e, size_t *next, TgVec *out) {
  *next = e;
  const size_t d = first_designator(c, i, e);
  if (d) {
    *next = designators_end(c, d, e);
    long g = -1;
    size_t len = 0;
    if (legal_form_of(c, i, d, &g, &len)) {
      /* "Bharti Airtel Limited": the gazetteer company with its legal form */
      TgChunk ch = {{c->t[i].span.begin, c->t[*next - 1].span.end}, TG_CLASS_COMPANY,
                    "chunk.legal-form", g, c->t[i + len - 1].span.end};
      return tg_vec_push(out, &ch);
    }
    return push(out, c, i, *next, TG_CLASS_COMPANY, "chunk.designator");
  }
  long brand = -1;
  size_t brand_len = 0;
  if (company_unit(c, i, e, &brand, &brand_len)) {
    TgChunk ch = {{c->t[i].span.begin, c->t[e - 1].span.end}, TG_CLASS_COMPANY, "chunk.unit",
                  brand, c->t[i + brand_len - 1].span.end};
    return tg_vec_push(out, &ch);
  }
  size_t last = e - 1;
  if (c->t[last].cls == TG_TOK_CLOSE) {
    while (last > i && c->t[last].cls != TG_TOK_OPEN) {
      --last;
    }
    last = last > i ? last - 1 : e - 1;
  }
  bool of = false;
  for (size_t k = i; k < last; ++k) {
    of = of || word_is(c, k, "of");
  }
  if (last > i && !of && is_kind(c, last, K_ORGHEAD, NULL)) {
    return push(out, c, i, e, TG_CLASS_COMPANY, "chunk.head");
  }
  if (e - i >= 2 && is_kind(c, i, K_ORGFIRST, NULL)) {
    return push(out, c, i, e, TG_CLASS_COMPANY, "chunk.head"); /* "Banco Cumbres" */
  }
  /* "Indian shares", "a unit of Turkish payments group X": a demonym alone
   * is an adjective, whatever the context says. */
  const TgClass cls =
      (e - i == 1 && is_kind(c, i, K_DEMONYM, NULL)) ? TG_CLASS_NONE : context_class(c, i, e);
  return push(out, c, i, e, cls, cls ? "chunk.context" : "chunk");
}

TgStatus tg_chunk_window(const TgLexicon *lex, const TgGazetteer *gaz, const char *text,
                         const TgToken *toks, size_t n, size_t from, size_t upto, TgVec *out,
                         size_t *next_out, TgGazHit *hits) {
  KindMemo memo[TG_CHUNK_MEMO];
  Ctx c = {lex, gaz, text, toks, n, {0}, memo, n < TG_CHUNK_MEMO ? n : TG_CHUNK_MEMO, hits};
  memset(memo, 0, c.nmemo * sizeof memo[0]);
  pthread_once(&kind_index_once, find_kind_indices);
  memcpy(c.kinds, kind_index, sizeof c.kinds);
  size_t i = from;
  while (i < upto) {
    if (!name_start(&c, i)) {
      ++i;
      continue;
    }
    size_t next = i + 1;
    TgStatus st = type_chunk(&c, i, chunk_end(&c, i), &next, out);
    if (st) {
      return st;
    }
    i = next;
  }
  *next_out = i;
  return TG_SUCCESS;
}

TgStatus tg_chunk_names(const TgLexicon *lex, const TgGazetteer *gaz, const char *text,
                        const TgToken *toks, size_t n, TgVec *out) {
  size_t next = 0;
  return tg_chunk_window(lex, gaz, text, toks, n, 0, n, out, &next, NULL);
}
