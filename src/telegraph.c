/* telegraph: the command-line tool.  Parses options, wires the library's
 * reader, extractor and writer (the store commands: cli_store.c), and
 * maps statuses to exit codes:
 *
 *   0  success
 *   1  an input, data-file, processing or output error
 *   2  a usage error (unknown option, bad value, missing argument)
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#define _POSIX_C_SOURCE 200809L

#include "cli.h"
#include "telegraph/batch.h"
#include "telegraph/report.h"
#include "telegraph/store.h"
#include "telegraph/telegraph.h"

#include "tg_config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Messages starting "warning: " are warnings, which -q silences. */
void tg_cli_print_error(void *data, const char *file, unsigned line, unsigned col,
                        const char *msg) {
  const TgCliDiag *diag = (const TgCliDiag *)data;
  if (diag && diag->quiet && strncmp(msg, "warning: ", 9) == 0) {
    return;
  }
  if (file && line) {
    fprintf(stderr, "telegraph: %s:%u:%u: %s\n", file, line, col ? col : 1u, msg);
  } else if (file) {
    fprintf(stderr, "telegraph: %s: %s\n", file, msg);
  } else {
    fprintf(stderr, "telegraph: %s\n", msg);
  }
}

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "telegraph: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'telegraph --help' for more information.\n");
  return EXIT_USAGE;
}

static void print_help(void) {
  printf("Usage: telegraph [OPTION]... [INPUT]...\n"
         "       telegraph load --store PATH [OPTION]... [INPUT]...\n"
         "       telegraph query --store PATH [--results FORMAT] SPARQL\n"
         "       telegraph export --store PATH [-f FORMAT] [-o FILE]\n"
         "Read news articles and write the knowledge graph found in them as RDF.\n"
         "An INPUT is a file (one article), a directory (every *.txt below it), a\n"
         "JSON Lines file (*.jsonl, *.ndjson: one article a line, with \"text\" and\n"
         "optional \"id\", \"url\", \"date\", \"title\"), a web page (*.html, *.htm,\n"
         "or text starting <html or <!doctype html), an RSS or Atom feed (*.xml,\n"
         "*.rss, *.atom, or text starting <rss or <feed: one article an item), or '-'\n"
         "for standard input (the default).\n\n"
         "  -f, --format FORMAT     turtle (default), ntriples, nquads, rdfxml, dot,\n"
         "                          html (a page a person can check, one article), or\n"
         "                          none (extract only, write nothing)\n"
         "      --explain           print the facts as text, each with its sentence\n"
         "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
         "  -j, --jobs N            extract on N worker threads (default 1); output stays\n"
         "                          in input order\n"
         "      --jsonl             read the inputs (and standard input) as JSON Lines\n"
         "      --base IRI          base of minted IRIs (default https://w3id.org/telegraph/id/)\n"
         "      --date YYYY-MM-DD   article date for input without a dateline\n"
         "      --provenance LEVEL  none, facts (default) or full\n"
         "      --data DIR          data directory (lexicon, gazetteers, rules)\n"
         "      --rules PATH        add a rule file or a directory of *.rules files\n"
         "      --gazetteer FILE    add a gazetteer file: new entities, or aliases and ids\n"
         "                          for shipped ones (ontology/gazetteer/README.md)\n"
         "  -q, --quiet             print no warnings and no progress line\n"
         "  -h, --help              print this help and exit\n"
         "      --version           print the version and exit\n"
         "\nStore commands (load replaces each article's named graph, whole or not at all):\n"
         "      --store PATH        the store: a sqlite file (created when missing) or,\n"
         "                          with --store-type postgresql, a database name\n"
         "      --store-type TYPE   sqlite (default) or postgresql\n"
         "      --store-options S   librdf storage options, e.g. \"host='127.0.0.1',port='5432',\n"
         "                          user='me',password=''\"\n"
         "      --results FORMAT    query answers as table (default), csv, tsv or json\n"
         "      --query-file FILE   read the query from FILE instead of the argument\n\n"
         "Exit status: 0 success; 1 an input, processing or output error (with several\n"
         "articles, the ones that failed are reported and skipped, the others are\n"
         "written); 2 usage error.\n");
}

/* The data directory: --data, $TELEGRAPH_DATA, the source tree, the
 * installed copy. */
static const char *data_dir(const char *opt) {
  struct stat sb;
  if (opt) {
    return opt;
  }
  const char *env = getenv("TELEGRAPH_DATA");
  if (env && *env) {
    return env;
  }
  if (stat(TG_SOURCE_DATADIR "/lexicon.tsv", &sb) == 0) {
    return TG_SOURCE_DATADIR;
  }
  return TG_DATADIR;
}

/* True if `s` is UTF-8: no stray, overlong or truncated sequence, no
 * surrogate, nothing past U+10FFFF. */
static bool is_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    const unsigned c = *p;
    const int n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
    if (n < 0) {
      return false;
    }
    unsigned cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    for (int k = 1; k <= n; ++k) {
      if ((p[k] & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    p += n + 1;
  }
  return true;
}

static bool valid_base(const char *iri) {
  if (!is_utf8(iri)) {
    return false;
  }
  const char *colon = strchr(iri, ':');
  if (!colon || colon == iri) {
    return false;
  }
  for (const char *p = iri; *p; ++p) {
    const unsigned char c = (unsigned char)*p;
    if (c <= ' ' || strchr("<>\"{}|^`\\", c)) {
      return false;
    }
  }
  for (const char *p = iri; p < colon; ++p) {
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
          (p > iri && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')))) {
      return false;
    }
  }
  return true;
}

/* The reason a write failed: the errno saved when it happened, or the
 * current one. */
const char *tg_cli_write_reason(int saved) {
  const int e = saved ? saved : errno;
  return e ? strerror(e) : "write error";
}

/* True if standard output is a pipe nobody reads any more (`| head` has
 * exited): like rapper and serdi, telegraph then stops quietly. */
static bool stdout_reader_gone(void) {
  struct stat sb;
  struct pollfd p = {STDOUT_FILENO, 0, 0};
  return fstat(STDOUT_FILENO, &sb) == 0 && S_ISFIFO(sb.st_mode) && poll(&p, 1, 0) == 1 &&
         (p.revents & POLLERR);
}

/* Close standard output, reporting a write error (a full disk) instead of
 * losing it, one that happened earlier too; a closed pipe is not an error. */
int tg_cli_close_stdout(void) {
  const bool failed_before = ferror(stdout);
  const int saved = errno;
  const bool gone = stdout_reader_gone();
  if ((fclose(stdout) != 0 || failed_before) && !gone) {
    fprintf(stderr, "telegraph: <stdout>: cannot write output: %s\n",
            tg_cli_write_reason(failed_before ? saved : 0));
    return EXIT_ERROR;
  }
  return EXIT_OK;
}

/* Where --format html and --explain write. */
typedef struct {
  FILE *out;
  const char *base;
  bool html;
  bool color;
  size_t n;
  char *page; /* html: the one article's page, written when the batch ends */
  size_t page_len;
} ReportSink;

static TgStatus report_sink(void *data, const TgDocument *doc, const TgResult *result) {
  ReportSink *r = (ReportSink *)data;
  if (r->html) {
    /* One page holds one article: a second one (a directory, JSON Lines or
     * a feed of several) is a usage error and nothing is written. */
    if (r->n++) {
      fprintf(stderr, "telegraph: format html takes one article; the input holds several (use "
                      "turtle, ntriples or nquads, or one article per run)\n");
      return TG_BAD_ARG;
    }
    FILE *mem = open_memstream(&r->page, &r->page_len);
    if (!mem) {
      return TG_BAD_ALLOC;
    }
    const TgStatus st = tg_report_html(doc, result, r->base, mem);
    return fclose(mem) != 0 && !st ? TG_BAD_ALLOC : st;
  }
  if (r->n++ && fputc('\n', r->out) == EOF) {
    return TG_BAD_WRITE;
  }
  if (fprintf(r->out, "== %s%s%s\n", tg_document_id(doc), tg_document_title(doc) ? ": " : "",
              tg_document_title(doc) ? tg_document_title(doc) : "") < 0) {
    return TG_BAD_WRITE;
  }
  return tg_report_explain(doc, result, r->out, r->color);
}

/* Open a temporary file beside `output`, to be renamed over it, with the
 * mode a new file would get (mkstemp makes it private); NULL, with a
 * message, on failure.  *tmp receives its name (free it). */
FILE *tg_cli_open_beside(const char *output, char **tmp) {
  *tmp = malloc(strlen(output) + 16);
  int fd = -1;
  if (*tmp) {
    sprintf(*tmp, "%s.tmp.XXXXXX", output);
    fd = mkstemp(*tmp);
  }
  FILE *f = NULL;
  if (fd >= 0) {
    const mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    f = fdopen(fd, "w");
  }
  if (!f) {
    fprintf(stderr, "telegraph: %s: %s\n", output, strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(*tmp);
    }
    free(*tmp);
    *tmp = NULL;
  }
  return f;
}

/* The temporary output file, removed on a fatal signal. */
static char *tmp_path = NULL;

static void on_signal(int sig) {
  if (tmp_path) {
    unlink(tmp_path);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

int main(int argc, char **argv) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"jobs", required_argument, NULL, 'j'},
      {"jsonl", no_argument, NULL, 'J'},
      {"explain", no_argument, NULL, 'E'},
      {"store", required_argument, NULL, 'S'},
      {"store-type", required_argument, NULL, 'T'},
      {"store-options", required_argument, NULL, 'O'},
      {"results", required_argument, NULL, 'r'},
      {"query-file", required_argument, NULL, 'Q'},
      {"base", required_argument, NULL, 'B'},
      {"date", required_argument, NULL, 'D'},
      {"provenance", required_argument, NULL, 'P'},
      {"data", required_argument, NULL, 'd'},
      {"rules", required_argument, NULL, 'R'},
      {"gazetteer", required_argument, NULL, 'G'},
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {NULL, 0, NULL, 0}};
  TgBatchOptions bo;
  memset(&bo, 0, sizeof bo);
  bo.format = TG_FORMAT_TURTLE;
  bo.write = true;
  bo.prov = TG_PROVENANCE_FACTS;
  bo.jobs = 1;
  const char *output = NULL;
  const char *data = NULL;
  const char *extra_rules[64];
  const char *extra_gaz[64];
  size_t n_rules = 0;
  size_t n_gaz = 0;
  TgCliDiag diag = {false};
  ReportSink report = {NULL, NULL, false, false, 0, NULL, 0};
  bool html = false;
  bool explain = false;
  const char *store_path = NULL;
  const char *store_type = NULL;
  const char *store_options = NULL;
  const char *query_file = NULL;
  TgResultsFormat results = TG_RESULTS_TABLE;
  bool format_given = false;
  bool output_direct = false;
  /* A command word first: load, query, export. */
  const char *command = NULL;
  if (argc > 1 && (strcmp(argv[1], "load") == 0 || strcmp(argv[1], "query") == 0 ||
                   strcmp(argv[1], "export") == 0)) {
    command = argv[1];
    argv[1] = argv[0];
    ++argv;
    --argc;
  }
  int c;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:o:j:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      format_given = true;
      html = strcmp(optarg, "html") == 0;
      if (strcmp(optarg, "none") == 0) {
        bo.write = false;
      } else if (html) {
        bo.write = true;
      } else if (tg_format_from_name(optarg, &bo.format)) {
        return usage_error("unknown format '%s' (turtle, ntriples, nquads, rdfxml, dot, html, "
                           "none)", optarg);
      } else {
        bo.write = true;
      }
      break;
    case 'o': output = optarg; break;
    case 'j': {
      char *end = NULL;
      const long n = strtol(optarg, &end, 10);
      if (!*optarg || *end || n < 1 || n > 256) {
        return usage_error("invalid --jobs '%s' (a number from 1 to 256)", optarg);
      }
      bo.jobs = (unsigned)n;
      break;
    }
    case 'J': bo.jsonl = true; break;
    case 'E': explain = true; break;
    case 'S': store_path = optarg; break;
    case 'T':
      if (strcmp(optarg, "sqlite") != 0 && strcmp(optarg, "postgresql") != 0) {
        return usage_error("unknown --store-type '%s' (sqlite, postgresql)", optarg);
      }
      store_type = optarg;
      break;
    case 'O': store_options = optarg; break;
    case 'r':
      if (tg_results_format_from_name(optarg, &results)) {
        return usage_error("unknown --results '%s' (table, csv, tsv, json)", optarg);
      }
      break;
    case 'Q': query_file = optarg; break;
    case 'B':
      if (!is_utf8(optarg)) {
        return usage_error("invalid --base IRI: %s", "not valid UTF-8");
      }
      if (!valid_base(optarg)) {
        return usage_error("invalid --base IRI '%s'", optarg);
      }
      bo.base = optarg;
      break;
    case 'D': {
      TgDocument *probe = NULL;
      if (tg_document_new("", 0, "probe", NULL, optarg, NULL, NULL, &probe) != TG_SUCCESS) {
        return usage_error("invalid --date '%s' (expected YYYY-MM-DD)", optarg);
      }
      tg_document_free(probe);
      bo.date = optarg;
      break;
    }
    case 'P':
      if (strcmp(optarg, "none") == 0) {
        bo.prov = TG_PROVENANCE_NONE;
      } else if (strcmp(optarg, "facts") == 0) {
        bo.prov = TG_PROVENANCE_FACTS;
      } else if (strcmp(optarg, "full") == 0) {
        bo.prov = TG_PROVENANCE_FULL;
      } else {
        return usage_error("unknown --provenance '%s' (none, facts, full)", optarg);
      }
      break;
    case 'd': data = optarg; break;
    case 'R':
      if (n_rules == 64) {
        return usage_error("too many --rules options%s", "");
      }
      extra_rules[n_rules++] = optarg;
      break;
    case 'G':
      if (n_gaz == 64) {
        return usage_error("too many --gazetteer options%s", "");
      }
      extra_gaz[n_gaz++] = optarg;
      break;
    case 'q': diag.quiet = true; break;
    case 'h': print_help(); return tg_cli_close_stdout();
    case 'V':
      printf("telegraph %s\n", tg_version());
      return tg_cli_close_stdout();
    case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
    default: return usage_error("unknown option '%s'", argv[optind - 1]);
    }
  }
  const int n_inputs = argc - optind;
  if (command && !store_path) {
    return usage_error("'%s' needs --store PATH", command);
  }
  if (!command && (store_path || store_type || store_options || query_file)) {
    return usage_error("%s", "--store and its options go with load, query or export");
  }
  if (command && strcmp(command, "query") == 0) {
    if ((query_file != NULL) == (n_inputs == 1) || n_inputs > 1) {
      return usage_error("%s", "query takes one SPARQL query (or --query-file FILE)");
    }
    return tg_cli_run_query(store_type, store_path, store_options, query_file,
                            query_file ? NULL : argv[optind], results, &diag);
  }
  if (command && strcmp(command, "export") == 0) {
    if (n_inputs) {
      return usage_error("export takes no input ('%s')", argv[optind]);
    }
    if (html || !bo.write) {
      return usage_error("export writes turtle, ntriples, nquads, rdfxml or dot, not '%s'",
                         html ? "html" : "none");
    }
    return tg_cli_run_export(store_type, store_path, store_options,
                             format_given ? bo.format : TG_FORMAT_NQUADS, output, &diag);
  }
  if (bo.write && !explain && (html || bo.format == TG_FORMAT_RDFXML ||
                               bo.format == TG_FORMAT_DOT) && n_inputs > 1) {
    return usage_error("format %s takes one article at a time",
                       html ? "html" : bo.format == TG_FORMAT_DOT ? "dot" : "rdfxml");
  }
  if (output) {
    /* Refuse early when the output directory is missing. */
    char *dir = strdup(output);
    if (!dir) {
      return EXIT_ERROR;
    }
    char *slash = strrchr(dir, '/');
    struct stat sb;
    const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
    if (stat(d, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
      fprintf(stderr, "telegraph: %s: output directory does not exist\n", output);
      free(dir);
      return EXIT_ERROR;
    }
    free(dir);
  }

  TgExtractor *ex = tg_extractor_new(tg_cli_print_error, &diag);
  if (!ex) {
    fprintf(stderr, "telegraph: out of memory\n");
    return EXIT_ERROR;
  }
  TgStatus st = tg_extractor_load_dir(ex, data_dir(data));
  for (size_t i = 0; !st && i < n_gaz; ++i) {
    st = tg_extractor_add_gazetteer(ex, extra_gaz[i]);
  }
  for (size_t i = 0; !st && i < n_rules; ++i) {
    st = tg_extractor_add_rules(ex, extra_rules[i]);
  }
  if (st) {
    tg_extractor_free(ex);
    return EXIT_ERROR;
  }

  if (command) { /* load */
    TgStore *store = NULL;
    if (tg_store_open(store_type, store_path, store_options, tg_cli_print_error, &diag, &store)) {
      tg_extractor_free(ex);
      return EXIT_ERROR;
    }
    const bool sqlite = !store_type || strcmp(store_type, "sqlite") == 0;
    TgCliStoreSink sink = {store, bo.base, bo.prov, store_path,
                      sqlite ? open(store_path, O_RDONLY | O_CLOEXEC) : -1};
    bo.sink = tg_cli_store_sink;
    bo.sink_data = &sink;
    bo.sink_what = "the store";
    bo.progress = !diag.quiet && isatty(STDERR_FILENO);
    TgBatchStats stats;
    st = tg_batch_run(ex, &bo, (const char *const *)argv + optind, (size_t)n_inputs,
                      tg_cli_print_error, &diag, &stats);
    const TgStatus committed = tg_store_flush(store); /* the last batch of articles */
    if (sink.lock_fd >= 0) {
      flock(sink.lock_fd, LOCK_UN);
    }
    st = st ? st : committed;
    if (!diag.quiet) {
        fprintf(stderr, "telegraph: loaded %zu article%s into %s (%zu statements)", stats.articles,
              stats.articles == 1 ? "" : "s", store_path, tg_store_size(store));
    }
    if (stats.failed) {
      fprintf(stderr, "%s%zu article%s failed or not loaded, named above\n",
              diag.quiet ? "telegraph: " : "; ", stats.failed, stats.failed == 1 ? "" : "s");
    } else if (!diag.quiet) {
      fputc('\n', stderr);
    }
    tg_store_free(store);
    if (sink.lock_fd >= 0) {
      close(sink.lock_fd);
    }
    tg_extractor_free(ex);
    return st == TG_SUCCESS ? EXIT_OK : EXIT_ERROR;
  }

  /* Articles stream out as they are extracted; with -o into a temporary
   * file that replaces FILE only at the end, and only if an article made
   * it through. */
  int rc = EXIT_OK;
  FILE *out = stdout;
  struct stat out_sb;
  char *resolved = NULL;
  if (output && lstat(output, &out_sb) == 0 && S_ISLNK(out_sb.st_mode) &&
      (resolved = realpath(output, NULL)) != NULL) {
    output = resolved; /* write through a symbolic link, not over it */
  }
  if (output && bo.write && stat(output, &out_sb) == 0 && !S_ISREG(out_sb.st_mode)) {
    /* A device or a pipe (-o /dev/null): write to it; renaming a file over
     * it would replace the device. */
    if (!(out = fopen(output, "w"))) {
      fprintf(stderr, "telegraph: %s: %s\n", output, strerror(errno));
      tg_extractor_free(ex);
      return EXIT_ERROR;
    }
    output_direct = true;
  } else if (output && bo.write) {
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    if (!(out = tg_cli_open_beside(output, &tmp_path))) {
      tg_extractor_free(ex);
      free(resolved);
      return EXIT_ERROR;
    }
  }
  signal(SIGPIPE, SIG_IGN);
  bo.out = out;
  if (html || explain) {
    /* People's views: the batch hands each article over in order. */
    report.out = out;
    report.base = bo.base;
    report.html = !explain;
    report.color = explain && out == stdout && isatty(STDOUT_FILENO);
    bo.sink = report_sink;
    bo.sink_data = &report;
  }
  bo.progress = !diag.quiet && isatty(STDERR_FILENO);
  TgBatchStats stats;
  st = tg_batch_run(ex, &bo, (const char *const *)argv + optind, (size_t)n_inputs,
                    tg_cli_print_error, &diag, &stats);
  if (st != TG_SUCCESS) {
    rc = EXIT_ERROR; /* TG_FAILURE: some articles were skipped and reported */
  }
  if (html && !explain && st == TG_BAD_ARG) {
    rc = EXIT_USAGE; /* several articles for one page: nothing written */
  } else if (report.page && (st == TG_SUCCESS || st == TG_FAILURE) &&
             fwrite(report.page, 1, report.page_len, out) != report.page_len) {
    stats.write_errno = errno;
    st = TG_BAD_WRITE;
  }
  free(report.page);
  errno = 0;
  if (out == stdout && stdout_reader_gone()) {
    fclose(stdout);
    rc = rc == EXIT_USAGE || stats.failed ? rc : EXIT_OK; /* the reader has what it wanted */
  } else if (out == stdout) {
    if (fflush(stdout) != 0 || ferror(stdout) || st == TG_BAD_WRITE) {
      fprintf(stderr, "telegraph: <stdout>: cannot write output: %s\n",
              tg_cli_write_reason(errno ? errno : stats.write_errno));
      rc = EXIT_ERROR;
    }
    if (fclose(stdout) != 0 && rc == EXIT_OK) {
      fprintf(stderr, "telegraph: <stdout>: cannot write output: %s\n", strerror(errno));
      rc = EXIT_ERROR;
    }
  } else if (out && output_direct) {
    if (fclose(out) != 0 || (st != TG_SUCCESS && st != TG_FAILURE)) {
      fprintf(stderr, "telegraph: %s: cannot write output: %s\n", output,
              tg_cli_write_reason(errno ? errno : stats.write_errno));
      rc = EXIT_ERROR;
    }
  } else if (out) {
    bool failed = st != TG_SUCCESS && st != TG_FAILURE;
    failed = fflush(out) != 0 || fsync(fileno(out)) != 0 || failed;
    failed = fclose(out) != 0 || failed;
    if (failed || stats.articles == 0) {
      if (failed && st != TG_BAD_ARG) {
        fprintf(stderr, "telegraph: %s: cannot write output: %s\n", output,
                errno ? strerror(errno) : stats.write_errno ? strerror(stats.write_errno)
                                                            : tg_strerror(st));
      }
      unlink(tmp_path);
      rc = rc == EXIT_USAGE ? rc : EXIT_ERROR;
    } else if (rename(tmp_path, output) != 0) {
      fprintf(stderr, "telegraph: %s: cannot write output: %s\n", output, strerror(errno));
      unlink(tmp_path);
      rc = EXIT_ERROR;
    }
  }
  free(tmp_path);
  tmp_path = NULL;
  free(resolved);
  tg_extractor_free(ex);
  return rc;
}
