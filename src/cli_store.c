/* telegraph's command-line tool, the store commands: load's batch sink
 * (sqlite loads taking turns through an advisory lock on the file),
 * query (the SPARQL from the argument or a file, answers on stdout) and
 * export (the whole store, to stdout or a file replaced only once it is
 * complete).  Options are parsed in telegraph.c.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Seconds a load waits for another telegraph loading into the same sqlite
 * store: TELEGRAPH_BUSY_TIMEOUT, default TG_BUSY_TIMEOUT. */
#define TG_BUSY_TIMEOUT 60.0

static double busy_timeout(void) {
  const char *env = getenv("TELEGRAPH_BUSY_TIMEOUT");
  char *end = NULL;
  const double t = env ? strtod(env, &end) : 0.0;
  return env && end != env && !*end && t >= 0 && t < 1e6 ? t : TG_BUSY_TIMEOUT;
}

/* Concurrent loads into one sqlite store take turns, batch by batch,
 * through an advisory flock() on the database file (independent of
 * sqlite's own POSIX locks, which would otherwise fail at once with
 * "database is locked").  The descriptor stays open until the store is
 * closed: closing a descriptor of the file would drop sqlite's locks. */
static TgStatus store_lock(TgCliStoreSink *s) {
  if (s->lock_fd < 0) {
    return TG_SUCCESS;
  }
  const double limit = busy_timeout();
  for (double waited = 0;; waited += 0.05) {
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB) == 0) {
      return TG_SUCCESS;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      fprintf(stderr, "telegraph: %s: cannot lock the store: %s\n", s->path, strerror(errno));
      return TG_BAD_STORE;
    }
    if (waited >= limit) {
      fprintf(stderr, "telegraph: %s: the store is busy (another load has held it for %g s)\n",
              s->path, limit);
      return TG_BAD_STORE;
    }
    const struct timespec pause = {0, 50 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
}

TgStatus tg_cli_store_sink(void *data, const TgDocument *doc, const TgResult *result) {
  TgCliStoreSink *s = (TgCliStoreSink *)data;
  TgStatus st = store_lock(s);
  if (!st) {
    st = tg_store_load(s->store, doc, result, s->base, s->prov);
  }
  /* The lock is held while a batch is open: the sqlite transaction spans
   * it, and another load waiting on the lock must not wait on that too. */
  if (s->lock_fd >= 0 && !tg_store_pending(s->store)) {
    flock(s->lock_fd, LOCK_UN);
  }
  return st;
}

static char *read_all(const char *path) {
  FILE *in = fopen(path, "rb");
  if (!in) {
    fprintf(stderr, "telegraph: %s: %s\n", path, strerror(errno));
    return NULL;
  }
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  char chunk[8192];
  size_t n;
  while (mem && (n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    fwrite(chunk, 1, n, mem);
  }
  if (mem) {
    fclose(mem);
  }
  fclose(in);
  return buf;
}

int tg_cli_run_query(const char *type, const char *path, const char *options, const char *file,
                     const char *sparql, TgResultsFormat results, TgCliDiag *diag) {
  char *text = file ? read_all(file) : NULL;
  if (file && !text) {
    return EXIT_ERROR;
  }
  struct stat sb;
  if ((!type || strcmp(type, "sqlite") == 0) && stat(path, &sb) != 0) {
    fprintf(stderr, "telegraph: %s: no such store\n", path);
    free(text);
    return EXIT_ERROR;
  }
  TgStore *store = NULL;
  int rc = EXIT_ERROR;
  if (!tg_store_open(type, path, options, tg_cli_print_error, diag, &store)) {
    signal(SIGPIPE, SIG_IGN);
    const TgStatus st = tg_store_query(store, file ? text : sparql, results, stdout);
    rc = st == TG_SUCCESS ? EXIT_OK : EXIT_ERROR;
    if (tg_cli_close_stdout() != EXIT_OK) {
      rc = EXIT_ERROR;
    }
  }
  tg_store_free(store);
  free(text);
  return rc;
}

int tg_cli_run_export(const char *type, const char *path, const char *options, TgFormat format,
                      const char *output, TgCliDiag *diag) {
  struct stat sb;
  if ((!type || strcmp(type, "sqlite") == 0) && stat(path, &sb) != 0) {
    fprintf(stderr, "telegraph: %s: no such store\n", path);
    return EXIT_ERROR;
  }
  TgStore *store = NULL;
  if (tg_store_open(type, path, options, tg_cli_print_error, diag, &store)) {
    return EXIT_ERROR;
  }
  FILE *out = stdout;
  char *tmp = NULL;
  struct stat osb;
  if (output && stat(output, &osb) == 0 && !S_ISREG(osb.st_mode)) {
    /* A device or a pipe: write to it; a rename would replace it. */
    if (!(out = fopen(output, "w"))) {
      fprintf(stderr, "telegraph: %s: %s\n", output, strerror(errno));
      tg_store_free(store);
      return EXIT_ERROR;
    }
    errno = 0;
    TgStatus dst = tg_store_export(store, format, out);
    const int saved = errno;
    tg_store_free(store);
    if (fclose(out) != 0 || dst) {
      fprintf(stderr, "telegraph: %s: cannot write output: %s\n", output,
              tg_cli_write_reason(dst ? saved : 0));
      return EXIT_ERROR;
    }
    return EXIT_OK;
  }
  if (output && !(out = tg_cli_open_beside(output, &tmp))) {
    tg_store_free(store);
    return EXIT_ERROR;
  }
  signal(SIGPIPE, SIG_IGN);
  TgStatus st = tg_store_export(store, format, out);
  tg_store_free(store);
  int rc = st == TG_SUCCESS ? EXIT_OK : EXIT_ERROR;
  if (out == stdout) {
    if (tg_cli_close_stdout() != EXIT_OK) {
      rc = EXIT_ERROR;
    }
  } else {
    const bool failed = fflush(out) != 0 || fsync(fileno(out)) != 0 || rc != EXIT_OK;
    if (fclose(out) != 0 || failed || rename(tmp, output) != 0) {
      fprintf(stderr, "telegraph: %s: cannot write output: %s\n", output,
              errno ? strerror(errno) : tg_strerror(st));
      unlink(tmp);
      rc = EXIT_ERROR;
    }
    free(tmp);
  }
  return rc;
}
