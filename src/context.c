/* telegraph, the event step's reading of context: what the words around
 * a mention say about its role (a parent in apposition, the announcer, a
 * firm's base, a dateline, a conversion in parentheses).  Each predicate
 * looks at a bounded stretch of text next to one mention.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "events.h"

#include <stdint.h>
#include <string.h>

/* A word of a cue list and its length (no strlen a lookup). */
typedef struct {
  const char *s;
  size_t n;
} Word;
#define W(lit) {lit, sizeof lit - 1}

/* Words that make the next name someone other than a grantee: an owner or
 * parent in apposition ("a unit of B", "owned by B"), a partner, a rival.
 * `strong` cues may have a few words between them and the name ("backed by
 * Chennai investment firm B"); the others must come right before it. */
static const Word other_strong[] = {
    W("unit of"), W("subsidiary of"), W("arm of"), W("division of"), W("affiliate of"),
    W("venture of"), W("owned by"), W("backed by"), W("controlled by"), W("led by"), W("parent"),
    W("partner"), W("partners"), W("rival"), W("rivals"), W("competitor"), W("competitors"),
    {NULL, 0}};
static const Word other_near[] = {
    W("with"), W("partnership with"), W("alongside"), W("part of"), {NULL, 0}};

static bool ends_with_cue(const char *w, size_t n, const Word *cues) {
  for (size_t k = 0; cues[k].s; ++k) {
    const size_t cn = cues[k].n;
    if (n >= cn && w[n - cn] == cues[k].s[0] && memcmp(w + n - cn, cues[k].s, cn) == 0 &&
        (n == cn || w[n - cn - 1] == ' ' || w[n - cn - 1] == '-')) {
      return true;
    }
  }
  return false;
}

/* "along with B", "together with B" add a grantee. */
static bool cue_before(const char *w, size_t n) {
  static const Word joint[] = {W("along with"), W("together with"), {NULL, 0}};
  return !ends_with_cue(w, n, joint) &&
         (ends_with_cue(w, n, other_near) || ends_with_cue(w, n, other_strong));
}

/* Drop the last word of w[0..n) (and the spaces before it); its first
 * character in the original text is reported through `first`. */
static size_t drop_word(const char *w, size_t n, char *first) {
  size_t e = n;
  while (e && w[e - 1] != ' ') --e;
  *first = w[e];
  while (e && w[e - 1] == ' ') --e;
  return e;
}

/* Is text[0..n) only " and " or " & " (no comma: after "A, a unit of B,
 * and C" C is a grantee again)? */
static bool list_glue(const char *t, size_t n) {
  size_t i = 0;
  while (i < n && t[i] == ' ') ++i;
  if (i + 3 <= n && memcmp(t + i, "and", 3) == 0) {
    i += 3;
  } else if (i < n && t[i] == '&') {
    ++i;
  }
  while (i < n && t[i] == ' ') ++i;
  return n > 0 && i == n && n <= 7;
}

/* Is text[0..n) one to three lower-case words, nothing else ("a unit of
 * Dutch satellite operator B": B is the one described)? */
static bool role_words(const char *t, size_t n) {
  int words = 0;
  bool in_word = false;
  for (size_t i = 0; i < n; ++i) {
    const char c = t[i];
    if (c == ' ') {
      in_word = false;
    } else if ((c >= 'a' && c <= 'z') || (c == '-' && in_word)) {
      words += !in_word;
      in_word = true;
    } else {
      return false;
    }
  }
  return words >= 1 && words <= 3;
}

/* Is text[0..n) "and" followed by words that describe the next name, a
 * demonym first perhaps ("a joint venture of A and Dutch port group B")? */
static bool glue_then_role(const char *t, size_t n) {
  size_t i = 0;
  while (i < n && t[i] == ' ') ++i;
  if (!(i + 4 <= n && memcmp(t + i, "and ", 4) == 0)) {
    return false;
  }
  i += 4;
  while (i < n && t[i] == ' ') ++i;
  if (i < n && t[i] >= 'A' && t[i] <= 'Z') {
    /* One capitalised word (a demonym), then lower-case words. */
    while (i < n && t[i] != ' ') ++i;
  }
  return i < n && role_words(t + i, n - i);
}

/* Does the text before mention `mi` (back to the previous organisation or
 * the sentence start, at most 60 bytes) make it someone other than a
 * grantee?  Place names and adjectives between the cue and the name are
 * skipped ("a unit of Mumbai-based B", "with Swiss partner B"). */
/* Is the word right before `b` a noun for a product ("its biosimilar
 * Adalora", "the drug Glivora"): the name is the product's, not a
 * grantee's? */
static bool product_before(const char *text, size_t floor, size_t b) {
  static const Word nouns[] = {W("drug"),      W("biosimilar"), W("vaccine"), W("medicine"),
                               W("treatment"), W("therapy"),    W("device"),  W("brand"),
                               W("generic"),   {NULL, 0}};
  size_t e = b;
  while (e > floor && text[e - 1] == ' ') --e;
  size_t w = e;
  while (w > floor && text[w - 1] >= 'a' && text[w - 1] <= 'z') --w;
  for (size_t k = 0; nouns[k].s; ++k) {
    const size_t n = nouns[k].n;
    if (e - w == n && memcmp(text + w, nouns[k].s, n) == 0) {
      return true;
    }
  }
  return false;
}

bool tg_named_as_other(TgResult *r, const char *text, long mi) {
  if (mi <= 0) {
    return false;
  }
  const TgMention *m = tg_mention_at(r, (size_t)mi);
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  if (product_before(text, sent.begin, m->span.begin)) {
    return true;
  }
  size_t from = sent.begin;
  long prev = -1;
  for (size_t k = (size_t)mi; k-- > 0;) {
    const TgMention *p = tg_mention_at(r, k);
    if (p->sentence != m->sentence || p->span.end <= sent.begin) {
      break;
    }
    if (p->cls != TG_CLASS_PLACE && p->span.end <= m->span.begin) {
      from = p->span.end;
      prev = p->cls == TG_CLASS_COMPANY ? (long)k : -1;
      break;
    }
  }
  /* The second name of a pair shares its role ("a joint venture of A and
   * B"), and so does a name the words after another describe ("a unit of
   * Dutch satellite operator B", the demonym read as a name). */
  if (prev >= 0 && (list_glue(text + from, m->span.begin - from) ||
                    role_words(text + from, m->span.begin - from) ||
                    glue_then_role(text + from, m->span.begin - from))) {
    return tg_named_as_other(r, text, prev);
  }
  if (m->span.begin - from > 60) {
    from = m->span.begin - 60;
  }
  /* Lower case, punctuation as spaces; `orig` keeps the case. */
  char w[64];
  char orig[64];
  size_t n = 0;
  for (size_t i = from; i < m->span.begin && n + 1 < sizeof w; ++i) {
    const char c = text[i];
    const bool punct = c == ',' || c == '\n' || c == '(' || c == ')' || c == ';' || c == ':';
    orig[n] = punct ? ' ' : c;
    w[n++] = punct ? ' ' : (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  while (n && w[n - 1] == ' ') --n;
  /* Skip capitalised or hyphenated words and articles right before it. */
  for (;;) {
    size_t e = n;
    while (e && w[e - 1] != ' ') --e;
    if (e == n) {
      break;
    }
    const bool article = (n - e == 1 && w[e] == 'a') || (n - e == 3 && !memcmp(w + e, "the", 3)) ||
                         (n - e == 3 && !memcmp(w + e, "its", 3)) ||
                         (n - e == 5 && !memcmp(w + e, "their", 5));
    const bool cap = orig[e] >= 'A' && orig[e] <= 'Z';
    if (!(article || cap || memchr(w + e, '-', n - e))) {
      break;
    }
    if (cue_before(w, n)) {
      return true;
    }
    char first;
    n = drop_word(w, n, &first);
  }
  if (cue_before(w, n)) {
    return true;
  }
  /* Up to three role words between a strong cue and the name ("backed by
   * Chennai investment firm"). */
  for (int k = 0; k < 3 && n; ++k) {
    char first;
    n = drop_word(w, n, &first);
    if (ends_with_cue(w, n, other_strong)) {
      return true;
    }
  }
  return false;
}

/* Is mention `mi` a parent naming its unit ("Kestrel Pay's Chinese joint
 * venture", "HSBC's local unit", "Kestrel Pay venture")?  The grant is the
 * unit's. */
bool tg_parent_of_unit(TgResult *r, const char *text, size_t len, long mi) {
  static const Word units[] = {
      W("unit"), W("units"), W("joint venture"), W("venture"), W("subsidiary"), W("subsidiaries"),
      W("arm"), W("affiliate"), W("division"), W("branch"), {NULL, 0}};
  if (mi < 0) {
    return false;
  }
  size_t i = tg_mention_at(r, (size_t)mi)->span.end;
  size_t quote = 0;
  if (i < len && text[i] == '\'') {
    quote = 1;
  } else if (i + 3 <= len && memcmp(text + i, "\xE2\x80\x99", 3) == 0) {
    quote = 3; /* ’ */
  }
  /* "B's Chinese joint venture", or "B venture" in a headline. */
  i += quote;
  if (quote && i < len && text[i] == 's') {
    ++i;
  }
  /* Up to two describing words ("Chinese", "local", "new"). */
  for (int words = 0; words <= 2 && i < len; ++words) {
    while (i < len && text[i] == ' ') ++i;
    for (size_t k = 0; units[k].s; ++k) {
      const size_t n = units[k].n;
      if (i + n <= len && text[i] == units[k].s[0] && memcmp(text + i, units[k].s, n) == 0 &&
          (i + n == len || !((text[i + n] | 32) >= 'a' && (text[i + n] | 32) <= 'z'))) {
        return true;
      }
    }
    while (i < len && ((text[i] | 32) >= 'a' && (text[i] | 32) <= 'z')) ++i;
  }
  return false;
}

/* Is mention `mi` the company announcing the news ("..., distributor
 * Tupã Distribuição SA said on Wednesday")? */
bool tg_announcer(TgResult *r, const char *text, size_t len, long mi) {
  static const Word verbs[] = {
      W("said"), W("says"), W("announced"), W("told"), W("confirmed"), W("stated"), {NULL, 0}};
  if (mi < 0) {
    return false;
  }
  /* The announcer follows the news after a comma (", distributor B
   * said"); a subject that said it had received something is the grantee. */
  const TgMention *m = tg_mention_at(r, (size_t)mi);
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  bool after_comma = false;
  for (size_t b = m->span.begin; b > sent.begin && m->span.begin - b < 40; --b) {
    if (text[b - 1] == ',') {
      after_comma = true;
      break;
    }
  }
  if (!after_comma) {
    return false;
  }
  size_t i = m->span.end;
  while (i < len && (text[i] == ' ' || text[i] == ',')) ++i;
  for (size_t k = 0; verbs[k].s; ++k) {
    const size_t n = verbs[k].n;
    if (i + n <= len && text[i] == verbs[k].s[0] && memcmp(text + i, verbs[k].s, n) == 0 &&
        (i + n == len || !((text[i + n] | 32) >= 'a' && (text[i + n] | 32) <= 'z'))) {
      return true;
    }
  }
  return false;
}

/* The start of the list of names that the place at `begin` ends or
 * stands in ("the Western Cape and Gauteng", "Karachi, Gwadar and
 * Turbat"): back over capitalised words, commas, "and" and "the", at most
 * a few dozen bytes, never before `floor`. */
static size_t list_start(const char *text, size_t floor, size_t begin) {
  size_t b = begin;
  for (int words = 0; words < 12 && b > floor; ++words) {
    size_t i = b;
    while (i > floor && (text[i - 1] == ' ' || text[i - 1] == ',')) --i;
    size_t j = i;
    while (j > floor && text[j - 1] != ' ' && text[j - 1] != ',') --j;
    const size_t n = i - j;
    const bool cap = n > 0 && text[j] >= 'A' && text[j] <= 'Z';
    const bool joiner = (n == 3 && memcmp(text + j, "and", 3) == 0) ||
                        (n == 3 && memcmp(text + j, "the", 3) == 0);
    if (!(cap || joiner)) {
      break;
    }
    b = j;
  }
  return b;
}

/* Does a phrase that says where a firm works or plans to, not where a
 * grant applies, end right before the list at `b` ("a trucking firm with
 * depots in the Western Cape", "a carrier that plans to fly between
 * Karachi and ...", "after proving flights between A and B", "moved their
 * headquarters from Gibraltar")?  What a
 * licence allows ("to open branches in A", "to fly between A and B") is
 * the grant's region and has no cue here. */
static bool firm_place_cue(const char *text, size_t floor, size_t b) {
  static const Word cues[] = {
      W("with depots in "), W("with offices in "), W("with branches in "), W("with plants in "),
      W("with mines in "), W("with factories in "), W("with outlets in "), W("with stores in "),
      W("with operations in "), W("with a presence in "), W("with warehouses in "),
      W("flights between "), W("plans to fly between "), W("plans to fly to "),
      W("plans to expand into "), W("expand into "), W("expand to "), W("expanding into "),
      W("expansion into "), W("based in "), W("headquartered in "), W("registered in "),
      W("headquarters from "), W("headquarters to "), W("relocated from "), W("relocated to "),
      W("moved from "), {NULL, 0}};
  for (size_t k = 0; cues[k].s; ++k) {
    const size_t n = cues[k].n;
    if (b >= floor + n && text[b - n] == cues[k].s[0] && memcmp(text + b - n, cues[k].s, n) == 0) {
      return true;
    }
  }
  return false;
}

/* Does the clause before `b` (back to a comma or a semicolon, at most 80
 * bytes) hold one of `cues` at a word start?  One pass over its word
 * starts; at each, only the cues that begin with the byte there are
 * compared. */
static bool clause_has(const char *text, size_t floor, size_t b, const Word *cues) {
  const size_t lim = b - floor > 80 ? b - 80 : floor;
  size_t from = b;
  while (from > lim && text[from - 1] != ',' && text[from - 1] != ';') {
    --from;
  }
  uint64_t first[4] = {0, 0, 0, 0};
  for (size_t k = 0; cues[k].s; ++k) {
    const unsigned char c = (unsigned char)cues[k].s[0];
    first[c >> 6] |= (uint64_t)1 << (c & 63);
  }
  for (size_t i = from; i < b; ++i) {
    const unsigned char c = (unsigned char)text[i];
    if ((i != from && text[i - 1] != ' ') || !((first[c >> 6] >> (c & 63)) & 1)) {
      continue;
    }
    for (size_t k = 0; cues[k].s; ++k) {
      const size_t n = cues[k].n;
      if (cues[k].s[0] == text[i] && i + n <= b && memcmp(text + i, cues[k].s, n) == 0) {
        return true;
      }
    }
  }
  return false;
}

/* Does the clause before the list at `b` (back to a comma, at most 80
 * bytes) describe a body's remit, not a grant ("the federal body that
 * oversees gambling in the United Arab Emirates"), or tell a firm's own
 * plan ("..., which plans to open a casino resort in Lapu-Lapu City by
 * 2029")?  Neither is a region of the grant.  One list, one pass. */
static bool remit_or_plan_cue(const char *text, size_t floor, size_t b) {
  static const Word cues[] = {
      /* a remit */
      W("oversees "), W("regulates "), W("supervises "), W("polices "), W("responsible for "),
      /* a plan */
      W("which plans to "), W("that plans to "), W("which intends to "), W("that intends to "),
      W("which aims to "),  W("which hopes to "), W("which expects to "), W("and plans to "),
      W("also plans to "),  W("it plans to "),    {NULL, 0}};
  return clause_has(text, floor, b, cues);
}

/* Does an appositive that says what a name is end with "in" right before
 * the list at `b` (", a private institution in Nakuru", ", a lender in
 * Lagos")?  Where the recipient is, not where the grant applies. */
static bool apposed_base_cue(const char *text, size_t floor, size_t b) {
  size_t i = b;
  while (i > floor && text[i - 1] == ' ') --i;
  if (!(i >= floor + 2 && memcmp(text + i - 2, "in", 2) == 0 &&
        (i == floor + 2 || text[i - 3] == ' '))) {
    return false;
  }
  i -= 2;
  for (int words = 0; words < 5 && i > floor; ++words) {
    while (i > floor && text[i - 1] == ' ') --i;
    size_t j = i;
    while (j > floor && ((text[j - 1] >= 'a' && text[j - 1] <= 'z') || text[j - 1] == '-')) --j;
    if (j == i) {
      return false;
    }
    const bool article = (i - j == 1 && text[j] == 'a') || (i - j == 2 && !memcmp(text + j, "an", 2));
    if (article && words > 0) {
      size_t k = j;
      while (k > floor && text[k - 1] == ' ') --k;
      return k > floor && text[k - 1] == ',';
    }
    i = j;
  }
  return false;
}

/* Does the place at [b, e) stand attributively in an appositive that says
 * what a name is (", a Kumasi fintech,", ", a Nairobi start-up that ..."):
 * ", a" or ", an" before it, lower-case words after it up to a comma, a
 * relative word or the sentence end?  Where the recipient is, not where
 * the grant applies. */
static bool apposed_attributive(const char *text, size_t floor, size_t b, size_t e,
                                size_t end) {
  if (!((b >= floor + 4 && memcmp(text + b - 4, ", a ", 4) == 0) ||
        (b >= floor + 5 && memcmp(text + b - 5, ", an ", 5) == 0))) {
    return false;
  }
  size_t i = e;
  int words = 0;
  for (; words < 5 && i < end && text[i] == ' '; ++words) {
    size_t j = i + 1;
    while (j < end && ((text[j] >= 'a' && text[j] <= 'z') || text[j] == '-')) ++j;
    if (j == i + 1) {
      return false;
    }
    i = j;
  }
  return words > 0 && (i >= end || text[i] == ',' || text[i] == '.' || text[i] == ';');
}

/* Is the place mention `mi` where a firm is based ("the London-based
 * lender", "based in Abu Dhabi"), where it works ("with depots in the
 * Western Cape"), the country of an agent ("the UK communications
 * regulator") or a dateline ("LONDON, Nov 3 -")? */
bool tg_place_not_region(TgResult *r, const char *text, size_t len, long mi) {
  if (mi < 0) {
    return false;
  }
  const TgMention *m = tg_mention_at(r, (size_t)mi);
  {
    const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
    const size_t b = list_start(text, sent.begin, m->span.begin);
    if (firm_place_cue(text, sent.begin, b) || remit_or_plan_cue(text, sent.begin, b) ||
        apposed_base_cue(text, sent.begin, b) ||
        apposed_attributive(text, sent.begin, m->span.begin, m->span.end, sent.end)) {
      return true;
    }
  }
  const size_t e = m->span.end;
  static const Word after[] = {
      W("-based"), W("-headquartered"), W("-registered"), W(" -based"), {NULL, 0}};
  for (size_t k = 0; after[k].s; ++k) {
    const size_t n = after[k].n;
    if (e + n <= len && text[e] == after[k].s[0] && memcmp(text + e, after[k].s, n) == 0) {
      return true;
    }
  }
  static const Word before[] = {
      W("based in "), W("headquartered in "), W("registered in "), W("outside "), W("beyond "),
      W("except "), W("excluding "), {NULL, 0}};
  for (size_t k = 0; before[k].s; ++k) {
    const size_t n = before[k].n;
    if (m->span.begin >= n && text[m->span.begin - n] == before[k].s[0] &&
        memcmp(text + m->span.begin - n, before[k].s, n) == 0) {
      return true;
    }
  }
  /* A place naming an agent's country: "the UK communications regulator
   * said", "the Kenyan telecoms authority". */
  {
    size_t i = e;
    for (int words = 0; words < 4 && i < len; ++words) {
      while (i < len && text[i] == ' ') ++i;
      size_t j = i;
      while (j < len && ((text[j] | 32) >= 'a' && (text[j] | 32) <= 'z')) ++j;
      static const Word heads[] = {
          W("regulator"), W("watchdog"), W("ministry"), W("authority"), W("commission"),
          W("government"), W("cabinet"), W("supervisor"), W("group"), W("company"), W("firm"),
          W("lender"), W("carrier"), W("insurer"), W("bank"), W("start"), W("startup"),
          W("producer"), W("maker"), W("operator"), W("developer"), W("fintech"),
          W("airline"), W("miner"), W("explorer"), W("utility"), W("platform"), {NULL, 0}};
      for (size_t k = 0; heads[k].s; ++k) {
        const size_t n = heads[k].n;
        if (j - i == n && memcmp(text + i, heads[k].s, n) == 0) {
          return true;
        }
      }
      /* "the Montreal drugmaker", "a Seoul chipmaker" */
      if (j - i > 5 && memcmp(text + j - 5, "maker", 5) == 0) {
        return true;
      }
      if (j == i || (text[i] >= 'A' && text[i] <= 'Z')) {
        break;
      }
      i = j;
    }
  }
  /* A dateline: the place at the start of the sentence, then a colon
   * ("New Delhi: ..."), or in capitals, then a comma. */
  {
    const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
    if (m->span.begin == sent.begin && e < len && text[e] == ':') {
      return true;
    }
  }
  size_t caps = 0;
  for (size_t i = m->span.begin; i < e; ++i) {
    const unsigned char c = (unsigned char)text[i];
    if (c >= 'a' && c <= 'z') {
      return false;
    }
    caps += (c >= 'A' && c <= 'Z');
  }
  return caps >= 4 && e < len && text[e] == ',';
}

/* Is date mention `m` the date of a dateline ("NEW DELHI, June 6 (PTI)
 * -"): the place in capitals before it, a bracket or dash after it? */
bool tg_dateline_date(TgResult *r, const char *text, size_t len, const TgMention *m) {
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  size_t caps = 0;
  for (size_t i = sent.begin; i < m->span.begin; ++i) {
    const unsigned char c = (unsigned char)text[i];
    if (c >= 'a' && c <= 'z') {
      return false;
    }
    caps += c >= 'A' && c <= 'Z';
  }
  size_t i = m->span.end;
  while (i < len && text[i] == ' ') ++i;
  return caps >= 3 && i < len &&
         (text[i] == '(' || text[i] == '-' || text[i] == ':' || (unsigned char)text[i] == 0xE2);
}

/* "98.6 trillion dong (about 3.9 billion U.S. dollars)": the amount in
 * parentheses right after another amount restates it. */
bool tg_conversion(TgResult *r, const char *text, const TgMention *m, size_t mi) {
  if (mi == 0) {
    return false;
  }
  const TgMention *prev = tg_mention_at(r, mi - 1);
  if (prev->cls != TG_CLASS_MONEY || prev->span.end > m->span.begin) {
    return false;
  }
  size_t i = prev->span.end;
  while (i < m->span.begin && text[i] == ' ') ++i;
  if (i >= m->span.begin || text[i] != '(') {
    return false;
  }
  /* At most one word between the parenthesis and the amount ("about"). */
  size_t words = 0;
  for (++i; i < m->span.begin; ++i) {
    words += text[i] == ' ' && text[i - 1] != ' ' && text[i - 1] != '(';
  }
  return words <= 1;
}

/* Is date mention `m` the day something was said ("..., the ministry said
 * on Thursday", "announced on Monday")? */
bool tg_said_date(TgResult *r, const char *text, const TgMention *m) {
  static const Word cues[] = {
      W("said on"), W("said"), W("says"), W("announced on"), W("announced"), W("told reporters on"),
      W("statement on"), W("confirmed on"), W("reported on"), {NULL, 0}};
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  size_t e = m->span.begin;
  while (e > sent.begin && text[e - 1] == ' ') --e;
  for (size_t k = 0; cues[k].s; ++k) {
    const size_t n = cues[k].n;
    if (e >= sent.begin + n && text[e - n] == cues[k].s[0] &&
        memcmp(text + e - n, cues[k].s, n) == 0 &&
        (e == sent.begin + n || text[e - n - 1] == ' ')) {
      return true;
    }
  }
  return false;
}

/* Is date mention `m` no day of an act: the start or end of a state ("in
 * place since 2021", "since its rulebooks took effect in 2023", "valid
 * until 2030") or a deadline ("ahead of 2026 deadline")?  A cue within
 * the few words before it, with no comma or semicolon between, or the word
 * "deadline" right after it. */
bool tg_state_date(TgResult *r, const char *text, size_t len, const TgMention *m) {
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, m->sentence);
  size_t e = m->span.end;
  while (e < len && e < sent.end && text[e] == ' ') ++e;
  if (e + 8 <= len && memcmp(text + e, "deadline", 8) == 0) {
    return true;
  }
  static const Word cues[] = {W("since "), W("until "), W("ahead of "), {NULL, 0}};
  const size_t floor = m->span.begin > sent.begin + 48 ? m->span.begin - 48 : sent.begin;
  for (size_t i = m->span.begin; i > floor; --i) {
    const char c = text[i - 1];
    if (c == ',' || c == ';') {
      return false;
    }
    if (c != ' ') {
      continue; /* every cue ends with a space */
    }
    for (size_t k = 0; cues[k].s; ++k) {
      const size_t n = cues[k].n;
      if (i >= floor + n && text[i - n] == cues[k].s[0] &&
          memcmp(text + i - n, cues[k].s, n) == 0 &&
          (i - n == sent.begin || text[i - n - 1] == ' ' || text[i - n - 1] == '(')) {
        return true;
      }
    }
  }
  return false;
}

/* Does sentence `si` place its act at a time with no calendar form ("last
 * week", "days ago", "recently"), so that the day it was said is not the
 * day of the act? */
bool tg_vague_time(TgResult *r, const char *text, size_t si) {
  static const Word cues[] = {
      W("last week"), W("this week"), W("earlier this week"), W("last weekend"), W("days ago"),
      W("weeks ago"), W("recently"), W("a week ago"), {NULL, 0}};
  const TgSpan sent = *(const TgSpan *)tg_vec_at(&r->sentences, si);
  for (size_t k = 0; cues[k].s; ++k) {
    const size_t n = cues[k].n;
    for (size_t i = sent.begin; i + n <= sent.end; ++i) {
      if (text[i] == cues[k].s[0] && memcmp(text + i, cues[k].s, n) == 0 &&
          (i == sent.begin || text[i - 1] == ' ') &&
          (i + n == sent.end || !((text[i + n] | 32) >= 'a' && (text[i + n] | 32) <= 'z'))) {
        return true;
      }
    }
  }
  return false;
}

/* Is date mention m later than the article's date, at m's precision?  A
 * grant or decision that has happened is not dated "next month" or "from
 * September 1". */
/* Read a decimal integer at *s as sscanf's %d does (blanks, a sign,
 * digits); false, *s unmoved, when there is none. */
static bool scan_int(const char **s, int *out) {
  const char *p = *s;
  while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
  const bool neg = *p == '-';
  p += *p == '-' || *p == '+';
  if (!(*p >= '0' && *p <= '9')) {
    return false;
  }
  long v = 0;
  for (; *p >= '0' && *p <= '9'; ++p) {
    v = v < 100000000 ? v * 10 + (*p - '0') : v;
  }
  *out = (int)(neg ? -v : v);
  *s = p;
  return true;
}

/* sscanf(value, "%d-%d-%d", y, mo, d): how many were read. */
static int scan_date(const char *value, int *y, int *mo, int *d) {
  const char *p = value;
  if (!scan_int(&p, y)) return 0;
  if (*p != '-') return 1;
  ++p;
  if (!scan_int(&p, mo)) return 1;
  if (*p != '-') return 2;
  ++p;
  return scan_int(&p, d) ? 3 : 2;
}

bool tg_after_article(const TgResult *r, const TgMention *m) {
  int y = 0, mo = 0, d = 0;
  if (!m->value || r->ref.year == 0 || scan_date(m->value, &y, &mo, &d) < 1) {
    return false;
  }
  if (y != r->ref.year || mo == 0 || r->ref.month == 0) {
    return y > r->ref.year;
  }
  if (mo != r->ref.month || d == 0 || r->ref.day == 0) {
    return mo > r->ref.month;
  }
  return d > r->ref.day;
}
