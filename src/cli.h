/* telegraph's command-line tool, shared by its files: exit codes, the
 * error sink, standard output closed with its write errors reported, an
 * output file written beside its target and renamed over it
 * (telegraph.c), and the store commands (cli_store.c).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_CLI_H
#define TG_CLI_H

#include "telegraph/store.h"
#include "telegraph/telegraph.h"

#include <stdbool.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

typedef struct {
  bool quiet;
} TgCliDiag;

/* The TgErrorFn of the tool (data: a TgCliDiag): "telegraph: FILE:LINE:COL:
 * message" on stderr; warnings dropped under -q. */
void tg_cli_print_error(void *data, const char *file, unsigned line, unsigned col,
                        const char *msg);

/* Close stdout: EXIT_ERROR, reported, if a write to it failed (a closed
 * pipe is no error), else EXIT_OK. */
int tg_cli_close_stdout(void);

/* The reason a write failed: strerror of `saved`, or of errno when 0. */
const char *tg_cli_write_reason(int saved);

/* A temporary file beside `output` to rename over it; *tmp its name (free
 * it); NULL, reported, on failure. */
FILE *tg_cli_open_beside(const char *output, char **tmp);

/* telegraph load: each article replaces its graph in the store. */
typedef struct {
  TgStore *store;
  const char *base;
  TgProvenance prov;
  const char *path; /* the sqlite file */
  int lock_fd;      /* the sqlite file opened for flock(), or -1 */
} TgCliStoreSink;

/* The batch sink of telegraph load (data: a TgCliStoreSink). */
TgStatus tg_cli_store_sink(void *data, const TgDocument *doc, const TgResult *result);

/* telegraph query and telegraph export: an exit code. */
int tg_cli_run_query(const char *type, const char *path, const char *options, const char *file,
                     const char *sparql, TgResultsFormat results, TgCliDiag *diag);
int tg_cli_run_export(const char *type, const char *path, const char *options, TgFormat format,
                      const char *output, TgCliDiag *diag);

#endif
