/* telegraph stage 2, the segmenter: sentences and tokens with byte offsets.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "segmenter.h"

#include <pthread.h>
#include <string.h>

bool tg_word_at_any(const char *text, size_t end, size_t i, size_t *len) {
  uint32_t cp = 0;
  size_t n = tg_utf8_decode((const unsigned char *)text + i, end - i, &cp);
  if (n == 0) {
    *len = 1;
    return false;
  }
  *len = n;
  /* A currency sign is a token of its own: "€5" is "€" and "5". */
  if ((cp >= 0xA2 && cp <= 0xA5) || (cp >= 0x20A0 && cp <= 0x20CF)) {
    return false;
  }
  return tg_is_word_cp(cp);
}

static bool is_upper_at(const char *text, size_t end, size_t i) {
  const unsigned char c = (unsigned char)text[i];
  if (c < 0x80) {
    return c >= 'A' && c <= 'Z';
  }
  uint32_t cp = 0;
  if (!tg_utf8_decode((const unsigned char *)text + i, end - i, &cp)) {
    return false;
  }
  return tg_cp_is_upper(cp) || (cp >= 0x4E00 && cp <= 0x9FFF); /* CJK starts a name */
}

/* Characters that can close a sentence after its terminator: quotes and
 * brackets (ASCII and the common Unicode ones). */
static size_t closer_len(const char *s, size_t end, size_t i) {
  const unsigned char c = (unsigned char)s[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') {
    return 1;
  }
  if (i + 3 <= end && (memcmp(s + i, "\xE2\x80\x9D", 3) == 0 ||
                       memcmp(s + i, "\xE2\x80\x99", 3) == 0)) {
    return 3;
  }
  return 0;
}

static bool is_space_at(const char *s, size_t end, size_t i, size_t *len) {
  const unsigned char c = (unsigned char)s[i];
  *len = 1;
  if (c == ' ' || c == '\t' || c == '\n') {
    return true;
  }
  if (c == 0xC2 && i + 2 <= end && (unsigned char)s[i + 1] == 0xA0) {
    *len = 2;
    return true;
  }
  return false;
}

/* The word ending right before text[dot] (letters, digits and inner dots). */
static size_t word_before(const char *text, size_t begin, size_t dot) {
  size_t i = dot;
  while (i > begin) {
    const unsigned char c = (unsigned char)text[i - 1];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '.' || c >= 0x80) {
      --i;
    } else {
      break;
    }
  }
  return i;
}

/* The lexicon kinds the splitter asks, looked up once a process. */
static int kind_abbrev = -1;
static int kind_starter = -1;
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

static void find_kinds(void) {
  kind_abbrev = tg_lexicon_kind("abbrev");
  kind_starter = tg_lexicon_kind("starter");
}

static long abbrev_kind(const TgLexicon *lex, const char *w, size_t len) {
  long long v = 0;
  if (len == 0) {
    return 0;
  }
  /* A single capital letter is an initial ("J. Smith"). */
  if (len == 1 && w[0] >= 'A' && w[0] <= 'Z') {
    return 1;
  }
  /* Letters with inner dots ("U.S", "P.R") are abbreviations that may end
   * a sentence. */
  if (memchr(w, '.', len)) {
    return 2;
  }
  pthread_once(&kinds_once, find_kinds);
  if (lex && tg_lexicon_find_kind(lex, kind_abbrev, w, len, &v)) {
    return (long)v;
  }
  return 0;
}

/* After "X." with X an abbreviation of kind 2 ("Inc.", "U.S."), a sentence
 * ends only when the next word is one that starts sentences (lexicon kind
 * "starter": "The", "It", "Meanwhile"), as in "... Inc. The company said";
 * not before a name ("P.R. China grew", "U.S. Federal Communications"). */
static bool looks_like_new_sentence(const TgLexicon *lex, const char *text, size_t end,
                                    size_t next) {
  size_t i = next;
  size_t n = 0;
  while (i < end && tg_word_at(text, end, i, &n)) {
    i += n;
  }
  long long v = 0;
  pthread_once(&kinds_once, find_kinds);
  return lex && i > next && tg_lexicon_find_kind(lex, kind_starter, text + next, i - next, &v);
}

/* "on May 9.Separately, Baltic ...": a period with no space after it ends
 * a sentence when a digit or a lower-case letter comes before it and a
 * capitalised word (a capital, then a lower-case letter) after it, unless
 * the word before is an abbreviation that never ends one ("No.5" has a
 * digit after it anyway). */
static bool run_together(const TgLexicon *lex, const char *text, size_t begin, size_t end,
                         size_t dot, size_t next) {
  if (dot == begin || next + 1 >= end) {
    return false;
  }
  const char before = text[dot - 1];
  if (!((before >= '0' && before <= '9') || (before >= 'a' && before <= 'z'))) {
    return false;
  }
  if (!(text[next] >= 'A' && text[next] <= 'Z' && text[next + 1] >= 'a' &&
        text[next + 1] <= 'z')) {
    return false;
  }
  const size_t w = word_before(text, begin, dot);
  return abbrev_kind(lex, text + w, dot - w) != 1 && !memchr(text + w, '.', dot - w);
}

static TgStatus push_sentence(TgVec *out, const char *text, size_t b, size_t e) {
  size_t n = 0;
  while (b < e && is_space_at(text, e, b, &n)) {
    b += n;
  }
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) {
    --e;
  }
  if (e > b) {
    TgSpan s = {b, e};
    return tg_vec_push(out, &s);
  }
  return TG_SUCCESS;
}

static bool is_bullet_line(const char *text, size_t end, size_t i) {
  while (i < end && (text[i] == ' ' || text[i] == '\t')) {
    ++i;
  }
  if (i + 1 < end && (text[i] == '-' || text[i] == '*') && text[i + 1] == ' ') {
    return true;
  }
  return i + 3 <= end && memcmp(text + i, "\xE2\x80\xA2", 3) == 0; /* • */
}

/* Length of a dateline prefix at text[i] ("BEIJING -", "DHAKA, May 22
 * (BSS) -", "LAGOS (Reuters) —"): capitals, an optional date after a
 * comma, an optional parenthesis, a dash and a space; 0 if there is none. */
static size_t dateline_prefix(const char *text, size_t end, size_t i) {
  const size_t from = i;
  size_t caps = 0;
  while (i < end && ((text[i] >= 'A' && text[i] <= 'Z') || strchr(" .'-", text[i]))) {
    caps += text[i] >= 'A' && text[i] <= 'Z';
    ++i;
    if (i + 1 < end && text[i] == '-' && text[i + 1] == ' ') {
      break; /* the dash of "BEIJING - " */
    }
  }
  if (caps < 2 || i - from > 48) {
    return 0;
  }
  if (i < end && text[i] == ',') { /* ", May 22" */
    ++i;
    while (i < end && (text[i] == ' ' || (text[i] >= 'A' && text[i] <= 'Z') ||
                       (text[i] >= 'a' && text[i] <= 'z') || text[i] == '.' ||
                       (text[i] >= '0' && text[i] <= '9') || text[i] == ',')) {
      ++i;
    }
  }
  while (i < end && text[i] == ' ') {
    ++i;
  }
  if (i < end && text[i] == '(') {
    size_t j = i + 1;
    while (j < end && j < i + 48 && text[j] != ')' && text[j] != '\n') {
      ++j;
    }
    if (j >= end || text[j] != ')') {
      return 0;
    }
    i = j + 1;
    while (i < end && text[i] == ' ') {
      ++i;
    }
  }
  size_t dash = 0;
  if (i + 1 < end && text[i] == '-' && text[i + 1] == '-') {
    dash = 2;
  } else if (i < end && text[i] == '-') {
    dash = 1;
  } else if (i + 3 <= end && (memcmp(text + i, "\xE2\x80\x93", 3) == 0 ||
                              memcmp(text + i, "\xE2\x80\x94", 3) == 0)) {
    dash = 3;
  }
  if (!dash || i + dash >= end || text[i + dash] != ' ') {
    return 0;
  }
  return i + dash - from;
}

TgStatus tg_segment(const char *text, size_t begin, size_t end, const TgLexicon *lex,
                    TgVec *sentences) {
  size_t start = begin;
  size_t i = begin;
  TgStatus st;
  bool para_start = true;
  /* The bytes the loop acts on: line ends, terminators, the CJK stop's
   * first byte; runs of others are passed over at once. */
  static const unsigned char acts[256] = {['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1,
                                          [0xE3] = 1};
  while (i < end) {
    if (!para_start) {
      while (i < end && !acts[(unsigned char)text[i]]) {
        ++i;
      }
      if (i >= end) {
        break;
      }
    }
    const char c = text[i];
    if (para_start) {
      para_start = false;
      while (i < end && (text[i] == ' ' || text[i] == '\n')) {
        ++i;
      }
      const size_t n = dateline_prefix(text, end, i);
      if (n) {
        if ((st = push_sentence(sentences, text, i, i + n))) {
          return st;
        }
        i += n;
        start = i;
      }
      continue;
    }
    if (c == '\n') {
      /* A blank line or a bullet ends the sentence. */
      size_t j = i + 1;
      while (j < end && (text[j] == ' ' || text[j] == '\t')) {
        ++j;
      }
      if (j >= end || text[j] == '\n' || is_bullet_line(text, end, i + 1)) {
        if ((st = push_sentence(sentences, text, start, i))) {
          return st;
        }
        start = i + 1;
        para_start = text[j] == '\n';
      }
      ++i;
      continue;
    }
    const bool cjk_stop = (unsigned char)c == 0xE3 && i + 3 <= end &&
                          memcmp(text + i, "\xE3\x80\x82", 3) == 0;
    if (c != '.' && c != '!' && c != '?' && !cjk_stop) {
      ++i;
      continue;
    }
    size_t j = i + (cjk_stop ? 3 : 1);
    while (j < end && (text[j] == '.' || text[j] == '!' || text[j] == '?')) {
      ++j;
    }
    size_t k;
    while (j < end && (k = closer_len(text, end, j)) > 0) {
      j += k;
    }
    size_t sp = 0;
    if (j < end && !cjk_stop && !is_space_at(text, end, j, &sp) &&
        !(c == '.' && run_together(lex, text, begin, end, i, j))) {
      i = j; /* "1.2", "U.S.-based", "example.com" */
      continue;
    }
    size_t next = j;
    while (next < end && is_space_at(text, end, next, &sp)) {
      next += sp;
    }
    if (next >= end) {
      i = j;
      continue;
    }
    const unsigned char nc = (unsigned char)text[next];
    const bool starts = is_upper_at(text, end, next) || (nc >= '0' && nc <= '9') ||
                        nc == '"' || nc == '(' || nc == '\'' || nc >= 0x80;
    if (!starts) {
      i = j;
      continue;
    }
    if (c == '.') {
      const size_t w = word_before(text, begin, i);
      const long kind = abbrev_kind(lex, text + w, i - w);
      if (kind == 1 || (kind == 2 && !looks_like_new_sentence(lex, text, end, next))) {
        i = j;
        continue;
      }
    }
    if ((st = push_sentence(sentences, text, start, j))) {
      return st;
    }
    start = j;
    i = j;
  }
  return push_sentence(sentences, text, start, end);
}

/* Inner characters that join a word: - ' & and the curly apostrophe (a
 * period is decided by dot_joins). */
static size_t joiner_len(const char *text, size_t end, size_t i) {
  const char c = text[i];
  if (c == '-' || c == '\'' || c == '&') {
    return 1;
  }
  if ((unsigned char)c == 0xE2 && i + 3 <= end && memcmp(text + i, "\xE2\x80\x99", 3) == 0) {
    return 3;
  }
  return 0;
}

static bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

/* Length of the run of ASCII letters at text[i]. */
/* The bytes of the letter at text[i]: 1 for an ASCII letter, 2 for a
 * Latin letter with a diacritic ("Ş" in "A.Ş."), else 0. */
static size_t latin_letter_len(const char *text, size_t end, size_t i) {
  const unsigned char c = (unsigned char)text[i];
  if (c < 0x80) {
    return ascii_letter((char)c) ? 1 : 0;
  }
  uint32_t cp = 0;
  const size_t n = (c >= 0xC3 && c <= 0xC9) ? tg_utf8_decode((const unsigned char *)text + i,
                                                              end - i, &cp) : 0;
  return (n == 2 && cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ? 2 : 0;
}

static size_t letters_at(const char *text, size_t end, size_t i) {
  size_t n = 0;
  size_t k = 0;
  while (i + n < end && (k = latin_letter_len(text, end, i + n)) != 0) {
    n += k;
  }
  return n;
}

/* Does the period at text[dot] join the word that began at `seg` (the start
 * of its current period-free segment)?  Between digits ("1.5"), between
 * the one- or two-letter parts of a dotted abbreviation ("P.R", "S.p.A"),
 * and between lower-case letters ("gov.uk"); not in "9.Separately". */
static bool dot_joins(const char *text, size_t seg, size_t dot, size_t end) {
  if (dot == seg || dot + 1 >= end) {
    return false;
  }
  const char before = text[dot - 1];
  const char after = text[dot + 1];
  if (ascii_digit(before) && ascii_digit(after)) {
    return true;
  }
  const size_t left = dot - seg;
  const size_t right = letters_at(text, end, dot + 1);
  if (left <= 2 && letters_at(text, end, seg) == left && right >= 1 && right <= 2 &&
      (dot + 1 + right >= end || text[dot + 1 + right] == '.' ||
       !tg_word_at(text, end, dot + 1 + right, &(size_t){0}))) {
    return true;
  }
  return ascii_lower(before) && ascii_lower(after);
}

/* A word of one- or two-letter parts joined by periods: "U.S", "S.p.A",
 * "A.Ş" (a part is at most two bytes: two ASCII letters or one Latin
 * letter with a diacritic). */
static bool dotted_letters(const char *s, size_t len) {
  size_t part = 0;
  bool dot = false;
  for (size_t i = 0; i < len;) {
    size_t k = 0;
    if (s[i] == '.') {
      if (part == 0) {
        return false;
      }
      dot = true;
      part = 0;
      ++i;
    } else if ((k = latin_letter_len(s, len, i)) != 0 && (part += k) <= 2) {
      i += k;
    } else {
      return false;
    }
  }
  return dot && part > 0;
}

static bool is_cjk_cp(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* The class of the word text[b..e). */
static unsigned char word_class(const char *text, size_t b, size_t e, bool upper) {
  bool letter = false;
  bool lower = false;
  for (size_t i = b; i < e; ++i) {
    const unsigned char c = (unsigned char)text[i];
    if (c >= 0x80) {
      if (c >= 0xE3 && c <= 0xED) {
        uint32_t cp = 0;
        if (tg_utf8_decode((const unsigned char *)text + i, e - i, &cp) && is_cjk_cp(cp)) {
          return TG_TOK_CJK;
        }
      }
      letter = lower = true;
    } else {
      lower = lower || ascii_lower((char)c);
      letter = letter || lower || ascii_letter((char)c);
    }
  }
  if (ascii_digit(text[b])) {
    return letter ? TG_TOK_ALNUM : TG_TOK_NUMBER;
  }
  if (!upper) {
    return TG_TOK_LOWER;
  }
  if (text[e - 1] == '.' && dotted_letters(text + b, e - b - 1)) {
    return TG_TOK_ABBREV;
  }
  return (!lower && e - b >= 2) ? TG_TOK_UPPER : TG_TOK_CAP;
}

static unsigned char punct_class(const char *s, size_t len) {
  static const struct {
    const char *s;
    size_t n;
  } signs[] = {{"$", 1},
               {"\xE2\x82\xAC", 3},
               {"\xC2\xA3", 2},
               {"\xC2\xA5", 2},
               {"\xE2\x82\xB9", 3},
               {"\xE2\x82\xA6", 3},
               {"\xE2\x82\xA9", 3}};
  const unsigned char c = (unsigned char)s[0];
  if (c == '$' || c == 0xE2 || c == 0xC2) { /* the first bytes of the signs */
    for (size_t k = 0; k < sizeof signs / sizeof signs[0]; ++k) {
      if (signs[k].n == len && memcmp(s, signs[k].s, len) == 0) {
        return TG_TOK_CURRENCY;
      }
    }
  }
  if (len == 1 && (s[0] == '(' || s[0] == '[')) {
    return TG_TOK_OPEN;
  }
  if (len == 1 && (s[0] == ')' || s[0] == ']')) {
    return TG_TOK_CLOSE;
  }
  return len >= 2 && s[len - 1] == 's' ? TG_TOK_POSSESSIVE : TG_TOK_PUNCT;
}

/* A possessive 's at text[i] (after an apostrophe of `jl` bytes). */
static bool possessive_at(const char *text, size_t end, size_t i, size_t jl) {
  size_t m = 0;
  return (text[i] == '\'' || jl == 3) && i + jl < end && text[i + jl] == 's' &&
         (i + jl + 1 >= end || !tg_word_at(text, end, i + jl + 1, &m));
}

/* The end of the word starting at text[i]. */
static size_t word_end(const char *text, size_t end, size_t i) {
  size_t n = 0;
  size_t seg = i;
  tg_word_at(text, end, i, &n);
  i += n;
  for (;;) {
    if (i < end && tg_word_at(text, end, i, &n)) {
      i += n;
      continue;
    }
    if (i < end && text[i] == '.' && dot_joins(text, seg, i, end)) {
      seg = ++i;
      continue;
    }
    const size_t jl = i < end ? joiner_len(text, end, i) : 0;
    size_t m = 0;
    if (jl && possessive_at(text, end, i, jl)) {
      break; /* a possessive 's is a token of its own */
    }
    if (jl && i + jl < end && tg_word_at(text, end, i + jl, &m)) {
      i += jl + m;
      seg = i - m;
      continue;
    }
    return i;
  }
  return i;
}

/* A word of ASCII letters and digits at text[i] that nothing joins on
 * (the next byte is no word byte, period, joiner or non-ASCII byte): its
 * end, its class in *cls; 0 when the word needs the general path. */
static size_t plain_word(const char *text, size_t end, size_t i, unsigned char *cls) {
  bool letter = false;
  bool lower = false;
  size_t e = i;
  for (; e < end; ++e) {
    const unsigned char c = (unsigned char)text[e];
    if ((unsigned)(c - 'a') < 26u) {
      letter = lower = true;
    } else if ((unsigned)(c - 'A') < 26u) {
      letter = true;
    } else if ((unsigned)(c - '0') >= 10u) {
      break;
    }
  }
  if (e < end) {
    const unsigned char c = (unsigned char)text[e];
    if (c >= 0x80 || c == '.' || c == '-' || c == '\'' || c == '&') {
      return 0;
    }
  }
  const unsigned char first = (unsigned char)text[i];
  if ((unsigned)(first - '0') < 10u) {
    *cls = letter ? TG_TOK_ALNUM : TG_TOK_NUMBER;
  } else if ((unsigned)(first - 'A') >= 26u) {
    *cls = TG_TOK_LOWER;
  } else {
    *cls = (!lower && e - i >= 2) ? TG_TOK_UPPER : TG_TOK_CAP;
  }
  return e;
}

TgStatus tg_tokenize(const char *text, TgSpan span, TgVec *tokens) {
  size_t i = span.begin;
  const size_t end = span.end;
  TgStatus st;
  while (i < end) {
    size_t n = 0;
    unsigned char cls = 0;
    const size_t pe = text[i] & 0x80 ? 0 : plain_word(text, end, i, &cls);
    if (pe > i) {
      const bool upper = (unsigned)((unsigned char)text[i] - 'A') < 26u;
      TgToken t = {{i, pe}, true, upper, cls};
      if ((st = tg_vec_push(tokens, &t))) {
        return st;
      }
      i = pe;
      continue;
    }
    if (tg_word_at(text, end, i, &n)) {
      const bool upper = is_upper_at(text, end, i);
      size_t e = word_end(text, end, i);
      if (e < end && text[e] == '.' && dotted_letters(text + i, e - i)) {
        ++e; /* the period that closes "U.S." */
      }
      TgToken t = {{i, e}, true, upper, word_class(text, i, e, upper)};
      if ((st = tg_vec_push(tokens, &t))) {
        return st;
      }
      i = e;
      continue;
    }
    size_t sp = 0;
    if (is_space_at(text, end, i, &sp)) {
      i += sp;
      continue;
    }
    size_t len = n; /* one character, however many bytes */
    if ((text[i] == '\'' || (n == 3 && memcmp(text + i, "\xE2\x80\x99", 3) == 0)) &&
        possessive_at(text, end, i, n)) {
      len = n + 1; /* the possessive 's */
    }
    TgToken t = {{i, i + len}, false, false, punct_class(text + i, len)};
    if ((st = tg_vec_push(tokens, &t))) {
      return st;
    }
    i += len;
  }
  return TG_SUCCESS;
}
