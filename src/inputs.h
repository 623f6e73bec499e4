/* telegraph internals: the inputs of a batch, walked in order.
 *
 * A batch names files, directories, JSON Lines files, web pages and feeds,
 * or standard input.  The walk turns them into the articles to read, in
 * the order the batch writes them: a directory's *.txt in name order (each
 * directory entered once, however many links lead to it), a JSON Lines
 * file's lines, a page's or a feed's articles parsed by markup.c.  What
 * cannot be read, and what is skipped, goes to the sink in its place too,
 * so that every problem is named where it stands in the output.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_INPUTS_H
#define TG_INPUTS_H

#include "telegraph/telegraph.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Where the articles go, in input order.  Each call but `blank` returns
 * the batch's status: nonzero stops the walk. */
typedef struct {
  /** A plain-text article to read whole from `path` ("-": standard input). */
  TgStatus (*file)(void *data, const char *path, size_t bytes);
  /** One JSON line of `source` (a name the walk keeps until
   * tg_inputs_clear); `bytes` counts its line end. */
  TgStatus (*json_line)(void *data, const char *source, unsigned lineno, const char *line,
                        size_t len, size_t bytes);
  /** An article of a page or a feed, read (the sink owns it). */
  TgStatus (*document)(void *data, TgDocument *doc);
  /** An input that failed, with its place and the status it carries
   * (TG_BAD_READ, TG_BAD_SYNTAX). */
  TgStatus (*failure)(void *data, const char *file, unsigned line, unsigned col, const char *msg,
                      TgStatus why);
  /** An input skipped with a warning (not an article). */
  TgStatus (*note)(void *data, const char *path, const char *msg);
  /** Bytes of blank JSON lines, read but no article. */
  void (*blank)(void *data, size_t bytes);
  void *data;
} TgInputSink;

/* The directories a walk has entered, by device and inode. */
typedef struct {
  dev_t dev;
  ino_t ino;
} TgDirId;

typedef struct {
  TgDirId *slot;
  bool *used;
  size_t cap;
  size_t len;
} TgDirSet;

typedef struct {
  bool jsonl;       /* every input not a directory is JSON Lines */
  const char *date; /* the date for articles that carry none (pages, feeds) */
  TgInputSink sink;
  TgDirSet dirs;   /* the directories entered */
  TgVec sources;   /* char*: names of the JSON Lines files read */
} TgInputs;

void tg_inputs_init(TgInputs *in, bool jsonl, const char *date, const TgInputSink *sink);

/** Walk one input (a path, or "-" for standard input) into the sink. */
TgStatus tg_inputs_submit(TgInputs *in, const char *path);

/** Bytes of the regular files the inputs name, each directory counted
 * once (for progress). */
size_t tg_inputs_total_size(const char *const *paths, size_t n);

void tg_inputs_clear(TgInputs *in);

#endif /* TG_INPUTS_H */
