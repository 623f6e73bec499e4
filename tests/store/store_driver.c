/* telegraph store test driver: load articles into a persistent store, query
 * it, export it.  A stand-in for the planned `telegraph load/query/export`
 * subcommands, with the same shape so the scripts can switch to them:
 *
 *   store_driver [OPTION]... NAME load FILE...
 *   store_driver [OPTION]... NAME query QUERY_FILE   (or -e SPARQL)
 *   store_driver [OPTION]... NAME export
 *   store_driver [OPTION]... NAME size
 *
 * Options may also follow NAME or the command.
 *   --type TYPE        sqlite (default) or postgresql
 *   --options OPTS     librdf storage options
 *   --data DIR         data directory (default $TELEGRAPH_DATA)
 *   --results FMT      table (default), csv, tsv, json
 *   --format FMT       export format (default nquads)
 *   --provenance LVL   none, facts (default), full
 *   --date YYYY-MM-DD  article date for input without a dateline
 *
 * Timings go to standard error.  Exit status: 0 success, 1 error, 2 usage.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/store.h"
#include "telegraph/telegraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void print_diag(void *data, const char *file, unsigned line, unsigned col, const char *msg)
{
  (void)data;
  if (file) {
    fprintf(stderr, "store_driver: %s:%u:%u: %s\n", file, line, col, msg);
  } else if (line) {
    fprintf(stderr, "store_driver: %u:%u: %s\n", line, col, msg);
  } else {
    fprintf(stderr, "store_driver: %s\n", msg);
  }
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
  fputs("usage: store_driver [--type T] [--options O] [--data D] [--results F] [--format F]\n"
        "                    [--provenance L] [--date D] NAME (load FILE...|query FILE|"
        "query -e SPARQL|export|size)\n",
        stderr);
  return 2;
}

static char *read_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *bigger = realloc(buf, cap *= 2);
      if (!bigger) {
        free(buf);
        buf = NULL;
      }
      buf = bigger;
    }
  }
  fclose(f);
  if (buf) {
    buf[len] = '\0';
  }
  return buf;
}

static int load(TgStore *store, const char *data, const char *date, TgProvenance prov,
                int n, char **files)
{
  TgExtractor *ex = tg_extractor_new(print_diag, NULL);
  if (!ex || tg_extractor_load_dir(ex, data)) {
    tg_extractor_free(ex);
    return 1;
  }
  int rc = 0;
  const double t0 = now();
  for (int i = 0; i < n; ++i) {
    TgDocument *doc = NULL;
    TgResult *res = NULL;
    TgStatus st = tg_document_read(files[i], date, print_diag, NULL, &doc);
    if (!st) {
      st = tg_extractor_run(ex, doc, &res);
    }
    if (!st) {
      st = tg_store_load(store, doc, res, NULL, prov);
    }
    if (st) {
      fprintf(stderr, "store_driver: %s: %s\n", files[i], tg_strerror(st));
      rc = 1;
    }
    tg_result_free(res);
    tg_document_free(doc);
  }
  fprintf(stderr, "store_driver: loaded %d articles, %zu statements in %.3f s\n", n,
          tg_store_size(store), now() - t0);
  tg_extractor_free(ex);
  return rc;
}

int main(int argc, char **argv)
{
  const char *type = "sqlite", *options = NULL, *data = getenv("TELEGRAPH_DATA");
  const char *date = NULL;
  TgResultsFormat results = TG_RESULTS_TABLE;
  TgFormat format = TG_FORMAT_NQUADS;
  TgProvenance prov = TG_PROVENANCE_FACTS;
  /* Options may stand anywhere; the other words are kept in order. */
  char **words = calloc((size_t)argc + 1, sizeof *words);
  int n_words = 0;
  if (!words) {
    return 1;
  }
  for (int i = 1; i < argc; ++i) {
    if (strncmp(argv[i], "--", 2) != 0) {
      words[n_words++] = argv[i];
      continue;
    }
    const char *opt = argv[i++];
    if (i >= argc) {
      return usage();
    }
    const char *val = argv[i];
    if (strcmp(opt, "--type") == 0) {
      type = val;
    } else if (strcmp(opt, "--options") == 0) {
      options = val;
    } else if (strcmp(opt, "--data") == 0) {
      data = val;
    } else if (strcmp(opt, "--date") == 0) {
      date = val;
    } else if (strcmp(opt, "--results") == 0) {
      if (tg_results_format_from_name(val, &results)) {
        return usage();
      }
    } else if (strcmp(opt, "--format") == 0) {
      if (tg_format_from_name(val, &format)) {
        return usage();
      }
    } else if (strcmp(opt, "--provenance") == 0) {
      if (strcmp(val, "none") == 0) {
        prov = TG_PROVENANCE_NONE;
      } else if (strcmp(val, "facts") == 0) {
        prov = TG_PROVENANCE_FACTS;
      } else if (strcmp(val, "full") == 0) {
        prov = TG_PROVENANCE_FULL;
      } else {
        return usage();
      }
    } else {
      return usage();
    }
  }
  if (n_words < 2) {
    return usage();
  }
  const char *name = words[0], *cmd = words[1];
  char **args = words + 2;
  const int n_args = n_words - 2;

  TgStore *store = NULL;
  const double t0 = now();
  if (tg_store_open(type, name, options, print_diag, NULL, &store)) {
    return 1;
  }
  fprintf(stderr, "store_driver: opened %s store in %.3f s\n", type, now() - t0);
  int rc = 0;
  if (strcmp(cmd, "load") == 0) {
    if (!data) {
      fputs("store_driver: no data directory (--data or TELEGRAPH_DATA)\n", stderr);
      rc = 2;
    } else {
      rc = load(store, data, date, prov, n_args, args);
    }
  } else if (strcmp(cmd, "query") == 0 && (n_args == 1 || n_args == 2)) {
    char *text = NULL;
    if (n_args == 2 && strcmp(args[0], "-e") == 0) {
      text = strdup(args[1]);
    } else if (n_args == 1) {
      text = read_file(args[0]);
      if (!text) {
        fprintf(stderr, "store_driver: cannot read %s\n", args[0]);
      }
    }
    if (!text) {
      rc = n_args == 1 ? 1 : usage();
    } else {
      const double t1 = now();
      TgStatus st = tg_store_query(store, text, results, stdout);
      fprintf(stderr, "store_driver: query in %.3f s\n", now() - t1);
      if (st) {
        fprintf(stderr, "store_driver: query: %s\n", tg_strerror(st));
        rc = 1;
      }
      free(text);
    }
  } else if (strcmp(cmd, "export") == 0 && n_args == 0) {
    TgStatus st = tg_store_export(store, format, stdout);
    if (st) {
      fprintf(stderr, "store_driver: export: %s\n", tg_strerror(st));
      rc = 1;
    }
  } else if (strcmp(cmd, "size") == 0 && n_args == 0) {
    printf("%zu\n", tg_store_size(store));
  } else {
    rc = usage();
  }
  tg_store_free(store);
  free(words);
  if (fclose(stdout) != 0) {
    fputs("store_driver: write error\n", stderr);
    rc = 1;
  }
  return rc;
}
