/* telegraph: the inputs of a batch, walked in order (see inputs.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "inputs.h"

#include "markup.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static TgStatus failure(TgInputs *in, const char *path, const char *msg) {
  return in->sink.failure(in->sink.data, path, 0, 0, msg, TG_BAD_READ);
}

static TgStatus note(TgInputs *in, const char *path, const char *msg) {
  return in->sink.note(in->sink.data, path, msg);
}

static size_t dir_hash(TgDirId id, size_t cap) {
  const uint64_t h = ((uint64_t)id.dev * 0x9E3779B97F4A7C15ull) ^ (uint64_t)id.ino;
  return (size_t)(h * 0xBF58476D1CE4E5B9ull >> 7) & (cap - 1);
}

/* Add the directory of `sb`; false if it was there already (or no memory,
 * which *st says). */
static bool dirset_add(TgDirSet *set, const struct stat *sb, TgStatus *st) {
  const TgDirId id = {sb->st_dev, sb->st_ino};
  if ((set->len + 1) * 2 > set->cap) {
    TgDirSet g = {NULL, NULL, set->cap ? set->cap * 2 : 64, 0};
    g.slot = (TgDirId *)tg_calloc(g.cap, sizeof(TgDirId));
    g.used = (bool *)tg_calloc(g.cap, sizeof(bool));
    if (!g.slot || !g.used) {
      tg_free(g.slot);
      tg_free(g.used);
      *st = TG_BAD_ALLOC;
      return false;
    }
    for (size_t i = 0; i < set->cap; ++i) {
      if (set->used[i]) {
        size_t j = dir_hash(set->slot[i], g.cap);
        while (g.used[j]) {
          j = (j + 1) & (g.cap - 1);
        }
        g.slot[j] = set->slot[i];
        g.used[j] = true;
        ++g.len;
      }
    }
    tg_free(set->slot);
    tg_free(set->used);
    *set = g;
  }
  size_t j = dir_hash(id, set->cap);
  for (; set->used[j]; j = (j + 1) & (set->cap - 1)) {
    if (set->slot[j].dev == id.dev && set->slot[j].ino == id.ino) {
      return false;
    }
  }
  set->slot[j] = id;
  set->used[j] = true;
  ++set->len;
  return true;
}

static void dirset_clear(TgDirSet *set) {
  tg_free(set->slot);
  tg_free(set->used);
  memset(set, 0, sizeof *set);
}

static const char *file_kind(mode_t mode) {
  return S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ? "a character device"
       : S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ? "a socket" : "not a regular file";
}

static bool has_suffix(const char *s, const char *suffix) {
  const size_t n = strlen(s);
  const size_t k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_jsonl(const TgInputs *in, const char *path) {
  return in->jsonl || has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson");
}

static TgStatus submit_jsonl(TgInputs *in, const char *path) {
  const bool is_stdin = strcmp(path, "-") == 0;
  FILE *fp = is_stdin ? stdin : fopen(path, "rb");
  const char *name = is_stdin ? "<stdin>" : path;
  if (!fp) {
    return failure(in, name, strerror(errno));
  }
  char *source = tg_strdup(name);
  if (!source || tg_vec_push(&in->sources, &source)) {
    tg_free(source);
    if (!is_stdin) {
      fclose(fp);
    }
    return TG_BAD_ALLOC;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  unsigned lineno = 0;
  TgStatus st = TG_SUCCESS;
  while (!st && (n = getline(&line, &cap, fp)) >= 0) {
    ++lineno;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
      --len;
    }
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t')) {
      ++k;
    }
    if (k == len) {
      in->sink.blank(in->sink.data, (size_t)n);
      continue; /* blank lines separate nothing */
    }
    st = in->sink.json_line(in->sink.data, source, lineno, line, len, (size_t)n);
  }
  if (!st && ferror(fp)) {
    st = failure(in, name, strerror(errno));
  }
  free(line);
  if (!is_stdin) {
    fclose(fp);
  }
  return st;
}

/* Web pages, feeds and standard input (markup.c): the articles come read;
 * each problem is a failed input in its place. */
static void markup_diag(void *data, const char *file, unsigned line, unsigned col,
                        const char *msg) {
  TgInputs *in = (TgInputs *)data;
  (void)in->sink.failure(in->sink.data, file, line, col, msg, TG_BAD_SYNTAX);
}

static TgStatus markup_article(void *data, TgDocument *doc) {
  TgInputs *in = (TgInputs *)data;
  return in->sink.document(in->sink.data, doc);
}

static TgStatus submit_path(TgInputs *in, const char *path);

static int name_order(const struct dirent **x, const struct dirent **y) {
  return strcmp((*x)->d_name, (*y)->d_name);
}

/* Queue every regular *.txt below `dir`, entering each directory once;
 * `*found` counts them.  What is skipped is named in a warning. */
static TgStatus submit_dir(TgInputs *in, const char *dir, size_t *found_below) {
  struct stat dsb;
  TgStatus st = TG_SUCCESS;
  if (stat(dir, &dsb) == 0 && !dirset_add(&in->dirs, &dsb, &st)) {
    return st ? st : note(in, dir, "skipped: a directory already read (a symbolic-link loop "
                                         "or a second link to it)");
  }
  struct dirent **names = NULL;
  const int n = scandir(dir, &names, NULL, name_order);
  if (n < 0) {
    return failure(in, dir, strerror(errno));
  }
  size_t found = 0;
  for (int i = 0; i < n; ++i) {
    const char *name = names[i]->d_name;
    if (!st && name[0] != '.') {
      TgBuf p;
      tg_buf_init(&p);
      if (tg_buf_printf(&p, "%s/%s", dir, name)) {
        st = TG_BAD_ALLOC;
      } else {
        struct stat sb;
        const bool known = stat(p.buf, &sb) == 0;
        if (known && S_ISDIR(sb.st_mode)) {
          st = submit_dir(in, p.buf, &found);
        } else if (has_suffix(name, ".txt") && known && !S_ISREG(sb.st_mode)) {
          TgBuf msg;
          tg_buf_init(&msg);
          st = tg_buf_printf(&msg, "skipped: %s, not a regular file", file_kind(sb.st_mode));
          st = st ? st : note(in, p.buf, msg.buf);
          tg_buf_clear(&msg);
        } else if (has_suffix(name, ".txt")) {
          st = submit_path(in, p.buf);
          ++found;
        }
      }
      tg_buf_clear(&p);
    }
    free(names[i]);
  }
  free(names);
  *found_below += found;
  return st;
}

static TgStatus submit_path(TgInputs *in, const char *path) {
  struct stat sb;
  const bool is_stdin = strcmp(path, "-") == 0;
  if (!is_stdin && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    size_t found = 0;
    TgStatus st = submit_dir(in, path, &found);
    if (!st && !found) {
      st = failure(in, path, "is a directory with no *.txt article in it");
    }
    return st;
  }
  if (is_jsonl(in, path)) {
    return submit_jsonl(in, path);
  }
  bool taken = false;
  const TgStatus mst = tg_markup_input(path, in->date, markup_diag, in, markup_article, in,
                                       &taken);
  if (taken) {
    return mst == TG_FAILURE ? TG_SUCCESS : mst; /* TG_FAILURE: reported, in the order */
  }
  const size_t bytes = (!is_stdin && stat(path, &sb) == 0) ? (size_t)sb.st_size : 0;
  return in->sink.file(in->sink.data, path, bytes);
}

/* Bytes of the regular files below `path`, each directory entered once. */
static size_t total_size(const char *path, TgDirSet *seen) {
  struct stat sb;
  TgStatus st = TG_SUCCESS;
  if (strcmp(path, "-") == 0 || stat(path, &sb) != 0) {
    return 0;
  }
  if (!S_ISDIR(sb.st_mode)) {
    return S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
  }
  if (!dirset_add(seen, &sb, &st)) {
    return 0;
  }
  size_t total = 0;
  DIR *d = opendir(path);
  if (!d) {
    return 0;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') {
      continue;
    }
    TgBuf p;
    tg_buf_init(&p);
    if (!tg_buf_printf(&p, "%s/%s", path, e->d_name)) {
      total += total_size(p.buf, seen);
    }
    tg_buf_clear(&p);
  }
  closedir(d);
  return total;
}

void tg_inputs_init(TgInputs *in, bool jsonl, const char *date, const TgInputSink *sink) {
  memset(in, 0, sizeof *in);
  in->jsonl = jsonl;
  in->date = date;
  in->sink = *sink;
  tg_vec_init(&in->sources, sizeof(char *));
}

TgStatus tg_inputs_submit(TgInputs *in, const char *path) {
  return submit_path(in, path);
}

size_t tg_inputs_total_size(const char *const *paths, size_t n) {
  TgDirSet seen = {NULL, NULL, 0, 0};
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    total += total_size(paths[i], &seen);
  }
  dirset_clear(&seen);
  return total;
}

void tg_inputs_clear(TgInputs *in) {
  for (size_t i = 0; i < in->sources.len; ++i) {
    tg_free(*(char **)tg_vec_at(&in->sources, i));
  }
  tg_vec_clear(&in->sources);
  dirset_clear(&in->dirs);
}
