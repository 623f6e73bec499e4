/* telegraph: batch conversion on worker threads, output in input order.
 *
 * The calling thread walks the inputs (inputs.c) and makes each article a
 * job (a file, one line of JSON Lines, a page's or a feed's article, or a
 * failure or warning in its place), at most a few per worker in flight; workers
 * read, extract and serialize each job into a buffer of its own (each with
 * its own librdf world); the calling thread writes the buffers, replays the
 * diagnostics, and calls the sink, strictly in input order.
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "telegraph/batch.h"

#include "batch_ids.h"
#include "inputs.h"
#include "outstream.h"
#include "turtle.h"
#include "util.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Jobs in flight per worker: enough to keep workers busy, few enough to
 * keep memory flat. */
#define TG_JOBS_PER_WORKER 4

typedef struct {
  char *file;
  unsigned line;
  unsigned col;
  char *msg;
} Diag;

typedef struct Job {
  /* Input: a path to read whole, or a JSON line. */
  char *path;
  char *line;
  size_t len;
  unsigned lineno;
  const char *source; /* for JSON lines: the file name (owned by the batch) */
  size_t bytes;
  /* Output. */
  TgDocument *doc;
  TgResult *result;
  TgBuf out;
  TgVec diags; /* Diag */
  TgStatus st;
  bool done;
  bool taken;
  bool note; /* carries only a warning (a skipped file): not an article */
  size_t seq;    /* place in the input order */
  bool streamed; /* part of `out` was written straight to the output */
  char *id;  /* the article's id, once read */
  struct Job *next; /* work queue */
} Job;

typedef struct Batch Batch;

typedef struct {
  Batch *b;
  pthread_t thread;
  TgWriter *writer;
  Job *job;         /* the job being serialized */
  double write_cpu; /* TELEGRAPH_PROFILE_WRITER: CPU seconds in serialize() */
} Worker;

struct Batch {
  const TgExtractor *ex;
  const TgBatchOptions *opt;
  TgErrorFn err;
  void *err_data;
  pthread_mutex_t lock;
  pthread_cond_t work;  /* a job was queued, or the batch ends */
  pthread_cond_t ready; /* a job finished */
  Job *queue_head;
  Job *queue_tail;
  bool closing;
  /* In-flight jobs in input order. */
  Job **ring;
  size_t cap;
  size_t head; /* next to emit */
  size_t count;
  TgVec spares;  /* TgBuf: written jobs' output buffers, for the next jobs */
  bool write_profile; /* TELEGRAPH_PROFILE_WRITER is set */
  TgInputs inputs; /* the walk over the inputs */
  TgBatchIds ids; /* the article ids emitted */
  TgBatchStats *stats;
  TgStatus fatal;
  bool sink_failed; /* the sink (a store) failed: later articles are named, not loaded */
  size_t next_seq;     /* jobs enqueued */
  size_t emitted_seq;  /* jobs emitted, in order */
  pthread_cond_t emitted_cond; /* emitted_seq grew */
  size_t emitted;
  /* Progress. */
  size_t total_bytes;
  struct timespec start;
  struct timespec last_draw;
};

/* ---- Diagnostics, kept per job and replayed in order ---- */

static void job_diag(void *data, const char *file, unsigned line, unsigned col,
                     const char *msg) {
  Job *job = (Job *)data;
  Diag d = {file ? tg_strdup(file) : NULL, line, col, tg_strdup(msg)};
  if (!d.msg || (file && !d.file) || tg_vec_push(&job->diags, &d)) {
    tg_free(d.file);
    tg_free(d.msg);
  }
}

static void job_free(Job *job) {
  if (!job) {
    return;
  }
  for (size_t i = 0; i < job->diags.len; ++i) {
    Diag *d = (Diag *)tg_vec_at(&job->diags, i);
    tg_free(d->file);
    tg_free(d->msg);
  }
  tg_vec_clear(&job->diags);
  tg_buf_clear(&job->out);
  tg_result_free(job->result);
  tg_document_free(job->doc);
  tg_free(job->path);
  tg_free(job->line);
  tg_free(job->id);
  tg_free(job);
}

/* ---- Workers ---- */

/* An article's output past this size is written out as it is made, once
 * every earlier article is out, so that a huge article's graph is not
 * held in memory whole. */
#define STREAM_AT ((size_t)8 << 20)

/* Write the job's output so far straight to the batch output, after every
 * earlier job is emitted (the calling thread then waits for this job, so
 * the output is this worker's alone).  False on a write error or when the
 * batch has failed. */
static bool stream_out(Batch *b, Job *job) {
  pthread_mutex_lock(&b->lock);
  while (b->emitted_seq < job->seq && !b->fatal) {
    pthread_cond_wait(&b->emitted_cond, &b->lock);
  }
  const bool go = !b->fatal;
  pthread_mutex_unlock(&b->lock);
  if (!go) {
    return false;
  }
  if (fwrite(job->out.buf, 1, job->out.len, b->opt->out) != job->out.len) {
    b->stats->write_errno = errno;
    return false;
  }
  job->streamed = true;
  job->out.len = 0;
  return true;
}

/* The spill of a job's buffer past STREAM_AT (outstream.h). */
static bool job_spill(void *data, TgBuf *buf) {
  Worker *w = (Worker *)data;
  (void)buf; /* &w->job->out */
  return stream_out(w->b, w->job);
}

static double thread_cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* raptor writes the article straight into the job's buffer (one copy
 * only), which the emitting thread writes out once, in input order; past
 * STREAM_AT, for the formats that allow it, to the output itself. */
static TgStatus serialize(Worker *w, Job *job) {
  const TgFormat f = w->b->opt->format;
  const bool streams = w->b->opt->out && (f == TG_FORMAT_NTRIPLES || f == TG_FORMAT_NQUADS ||
                                          f == TG_FORMAT_TURTLE);
  const TgSpill spill = {STREAM_AT, job_spill, w};
  const bool profile = w->b->write_profile;
  const double t0 = profile ? thread_cpu() : 0.0;
  w->job = job;
  job->out.len = 0;
  const TgStatus st = tg_writer_write_buffer(w->writer, job->doc, job->result, &job->out,
                                             streams ? &spill : NULL);
  w->job = NULL;
  if (profile) {
    w->write_cpu += thread_cpu() - t0;
  }
  return st;
}

static void run_job(Worker *w, Job *job) {
  Batch *b = w->b;
  const TgBatchOptions *opt = b->opt;
  TgStatus st = TG_SUCCESS;
  if (job->doc) {
    /* Read already: an article of a web page or a feed. */
  } else if (job->path) {
    st = tg_document_read(job->path, opt->date, job_diag, job, &job->doc);
  } else {
    st = tg_jsonl_document(job->line, job->len, job->source, job->lineno, opt->date, job_diag,
                           job, &job->doc);
  }
  if (!st && !(job->id = tg_strdup(tg_document_id(job->doc)))) {
    st = TG_BAD_ALLOC;
  }
  if (!st) {
    /* The extractor reports through its own sink; errors of a run (a
     * pattern budget) come back as a status we describe here. */
    st = tg_extractor_run(b->ex, job->doc, &job->result);
    if (st) {
      const char *src = tg_document_source(job->doc);
      job_diag(job, src, job->lineno, 0,
               st == TG_BAD_LIMIT ? "regular-expression budget exceeded; article skipped"
                                  : tg_strerror(st));
    }
  }
  if (!st && opt->write && !opt->sink) {
    st = serialize(w, job);
    if (st) {
      job_diag(job, NULL, 0, 0, "cannot serialize the article");
    }
  }
  if (!st && !opt->sink) {
    /* Written: drop the extraction now, keep only the text. */
    tg_result_free(job->result);
    tg_document_free(job->doc);
    job->result = NULL;
    job->doc = NULL;
  }
  job->st = st;
}

/* A job's output buffer, reused: raptor writes into memory that is
 * already mapped and large enough, instead of growing a new buffer each
 * article.  Both called with the lock held; a buffer past SPARE_MAX (a
 * long article's) is freed, so that the spares stay small. */
#define SPARE_MAX ((size_t)1 << 20)

static void take_spare(Batch *b, TgBuf *out) {
  if (b->spares.len && !out->buf) {
    --b->spares.len;
    *out = *(TgBuf *)tg_vec_at(&b->spares, b->spares.len);
  }
}

static void keep_spare(Batch *b, TgBuf *out) {
  out->len = 0;
  if (!out->buf || out->cap > SPARE_MAX || b->spares.len >= b->cap ||
      tg_vec_push(&b->spares, out)) {
    tg_buf_clear(out);
  }
  tg_buf_init(out);
}

static void *worker_main(void *arg) {
  Worker *w = (Worker *)arg;
  Batch *b = w->b;
  pthread_mutex_lock(&b->lock);
  for (;;) {
    while (!b->queue_head && !b->closing) {
      pthread_cond_wait(&b->work, &b->lock);
    }
    Job *job = b->queue_head;
    if (!job) {
      break;
    }
    b->queue_head = job->next;
    if (!b->queue_head) {
      b->queue_tail = NULL;
    }
    take_spare(b, &job->out);
    pthread_mutex_unlock(&b->lock);
    run_job(w, job);
    pthread_mutex_lock(&b->lock);
    job->done = true;
    pthread_cond_broadcast(&b->ready);
  }
  pthread_mutex_unlock(&b->lock);
  return NULL;
}

/* ---- Article ids: one article an id in a batch ---- */

/* False (with the error reported) when the job's article id was taken by an
 * earlier article of the batch: two articles would merge into one node. */
static bool id_unique(Batch *b, const Job *job) {
  const char *first = NULL;
  unsigned first_line = 0;
  TgStatus st = TG_SUCCESS;
  const char *name = job->source ? job->source : job->path ? job->path : "<stdin>";
  if (tg_batch_ids_add(&b->ids, job->id, name, job->source != NULL, job->lineno, &first,
                       &first_line, &st)) {
    return true;
  }
  if (st) {
    b->fatal = st;
    return false;
  }
  TgBuf msg;
  tg_buf_init(&msg);
  if (first_line ? tg_buf_printf(&msg, "duplicate article id \"%s\", first at %s:%u; "
                                       "article skipped", job->id, first, first_line)
                 : tg_buf_printf(&msg, "duplicate article id \"%s\", first at %s; article "
                                       "skipped", job->id, first)) {
    b->fatal = TG_BAD_ALLOC;
  } else if (b->err) {
    b->err(b->err_data, name, job->lineno, job->lineno ? 1 : 0, msg.buf);
  }
  tg_buf_clear(&msg);
  return false;
}

/* ---- Emitting in order ---- */

static double seconds_since(const struct timespec *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void draw_progress(Batch *b, bool final) {
  if (!b->opt->progress || (!final && seconds_since(&b->last_draw) < 0.2)) {
    return;
  }
  clock_gettime(CLOCK_MONOTONIC, &b->last_draw);
  const double t = seconds_since(&b->start);
  const TgBatchStats *s = b->stats;
  const double mb = (double)s->bytes / 1e6;
  const double rate = t > 0 ? (double)(s->articles + s->failed) / t : 0.0;
  fprintf(stderr, "\r\033[K%zu articles  %.1f MB  %.0f articles/s", s->articles + s->failed,
          mb, rate);
  if (s->failed) {
    fprintf(stderr, "  %zu failed", s->failed);
  }
  if (b->total_bytes && s->bytes && t > 0 && !final) {
    const double left = t * (double)(b->total_bytes - (s->bytes < b->total_bytes ? s->bytes
                                                                                 : b->total_bytes)) /
                        (double)s->bytes;
    fprintf(stderr, "  ETA %d:%02d", (int)left / 60, (int)left % 60);
  }
  if (final) {
    fputc('\n', stderr);
  }
  fflush(stderr);
}

/* Report `msg` at the job's place: its file, and line for JSON Lines. */
static void job_note(Batch *b, const Job *job, const char *msg) {
  if (b->err) {
    b->err(b->err_data, job->source ? job->source : job->path ? job->path : "<stdin>",
           job->lineno, job->lineno ? 1 : 0, msg);
  }
}

static void emit(Batch *b, Job *job) {
  const TgBatchOptions *opt = b->opt;
  for (size_t i = 0; i < job->diags.len; ++i) {
    const Diag *d = (const Diag *)tg_vec_at(&job->diags, i);
    if (b->err) {
      b->err(b->err_data, d->file, d->line, d->col, d->msg);
    }
  }
  b->stats->bytes += job->bytes;
  if (job->note) {
    return;
  }
  if (b->sink_failed) {
    TgBuf msg;
    tg_buf_init(&msg);
    if (!tg_buf_printf(&msg, "not loaded: %s failed at an earlier article", opt->sink_what)) {
      job_note(b, job, msg.buf);
    }
    tg_buf_clear(&msg);
    ++b->stats->failed;
    return;
  }
  if (job->st || b->fatal) {
    b->stats->failed += job->st ? 1 : 0;
    return;
  }
  if (job->id && !id_unique(b, job)) {
    b->stats->failed += b->fatal ? 0 : 1;
    return;
  }
  if (opt->write && !opt->sink && (opt->format == TG_FORMAT_RDFXML ||
                                   opt->format == TG_FORMAT_DOT) && b->emitted == 1) {
    b->fatal = tg_report(b->err, b->err_data, TG_BAD_ARG, NULL, 0, 0,
                         "rdfxml and dot hold one article; use turtle, ntriples or nquads "
                         "for several");
    return;
  }
  if (opt->sink) {
    errno = 0;
    TgStatus st = opt->sink(opt->sink_data, job->doc, job->result);
    if (st) {
      b->stats->write_errno = errno;
      b->fatal = st;
      if (opt->sink_what) {
        /* Every article from here on is named as not loaded (the inputs
         * are still enumerated for that, but not read). */
        b->sink_failed = true;
        TgBuf msg;
        tg_buf_init(&msg);
        if (!tg_buf_printf(&msg, "not loaded: %s failed", opt->sink_what)) {
          job_note(b, job, msg.buf);
        }
        tg_buf_clear(&msg);
        ++b->stats->failed;
      }
      return;
    }
  } else if (opt->write && job->out.len) {
    /* Turtle: the prefixes once, with the first article. */
    const size_t skip = opt->format == TG_FORMAT_TURTLE && b->emitted
                            ? tg_turtle_prefix_length(job->out.buf, job->out.len)
                            : 0;
    if (fwrite(job->out.buf + skip, 1, job->out.len - skip, opt->out) != job->out.len - skip) {
      b->stats->write_errno = errno;
      b->fatal = TG_BAD_WRITE;
      return;
    }
  }
  ++b->emitted;
  ++b->stats->articles;
}

/* Emit every finished job at the head of the ring.  Called with the lock
 * held; releases it while emitting. */
static void emit_ready(Batch *b) {
  while (b->count && b->ring[b->head]->done) {
    Job *job = b->ring[b->head];
    b->head = (b->head + 1) % b->cap;
    --b->count;
    pthread_mutex_unlock(&b->lock);
    emit(b, job);
    TgBuf out = job->out;
    tg_buf_init(&job->out);
    job_free(job);
    draw_progress(b, false);
    pthread_mutex_lock(&b->lock);
    keep_spare(b, &out);
    ++b->emitted_seq;
    pthread_cond_broadcast(&b->emitted_cond);
  }
}

/* Put a job (taking ownership) at the end of the ring, waiting for room;
 * queue it for the workers unless it is already done.  Emits what is
 * ready on the way; returns the batch's fatal status. */
static TgStatus enqueue(Batch *b, Job *job) {
  pthread_mutex_lock(&b->lock);
  while (b->count == b->cap) {
    emit_ready(b);
    if (b->count == b->cap) {
      pthread_cond_wait(&b->ready, &b->lock);
    }
  }
  if (b->sink_failed) {
    job->done = true; /* named as not loaded when its turn comes; not read */
  }
  job->seq = b->next_seq++;
  b->ring[(b->head + b->count) % b->cap] = job;
  ++b->count;
  if (!job->done) {
    job->next = NULL;
    if (b->queue_tail) {
      b->queue_tail->next = job;
    } else {
      b->queue_head = job;
    }
    b->queue_tail = job;
    pthread_cond_signal(&b->work);
  }
  emit_ready(b);
  const TgStatus st = b->sink_failed ? TG_SUCCESS : b->fatal;
  pthread_mutex_unlock(&b->lock);
  return st;
}

static Job *new_job(void) {
  Job *job = (Job *)tg_calloc(1, sizeof *job);
  if (job) {
    tg_buf_init(&job->out);
    tg_vec_init(&job->diags, sizeof(Diag));
  }
  return job;
}

/* ---- The inputs, as jobs (inputs.c walks them) ---- */

static TgStatus batch_file(void *data, const char *path, size_t bytes) {
  Job *job = new_job();
  if (!job || !(job->path = tg_strdup(path))) {
    job_free(job);
    return TG_BAD_ALLOC;
  }
  job->bytes = bytes;
  return enqueue((Batch *)data, job);
}

static TgStatus batch_json_line(void *data, const char *source, unsigned lineno, const char *line,
                                size_t len, size_t bytes) {
  Job *job = new_job();
  if (!job || !(job->line = tg_strndup(line, len))) {
    job_free(job);
    return TG_BAD_ALLOC;
  }
  job->len = len;
  job->lineno = lineno;
  job->source = source;
  job->bytes = bytes;
  return enqueue((Batch *)data, job);
}

static TgStatus batch_document(void *data, TgDocument *doc) {
  Job *job = new_job();
  if (!job) {
    tg_document_free(doc);
    return TG_BAD_ALLOC;
  }
  job->doc = doc;
  return enqueue((Batch *)data, job);
}

/* A job that failed before it could be queued (an unreadable directory, a
 * page that does not parse): it carries its diagnostic to its place in the
 * order. */
static TgStatus batch_failure(void *data, const char *file, unsigned line, unsigned col,
                              const char *msg, TgStatus why) {
  Job *job = new_job();
  if (!job) {
    return TG_BAD_ALLOC;
  }
  job_diag(job, file, line, col, msg);
  job->st = why;
  job->done = true;
  return enqueue((Batch *)data, job);
}

/* A job that only carries a warning (a skipped file) to its place. */
static TgStatus batch_note(void *data, const char *path, const char *msg) {
  Job *job = new_job();
  if (!job) {
    return TG_BAD_ALLOC;
  }
  job_diag(job, path, 0, 0, msg);
  job->note = true;
  job->done = true;
  return enqueue((Batch *)data, job);
}

static void batch_blank(void *data, size_t bytes) {
  ((Batch *)data)->stats->bytes += bytes;
}

/* ---- The batch ---- */

static void workers_stop(Batch *b, Worker *workers, unsigned n) {
  pthread_mutex_lock(&b->lock);
  b->closing = true;
  pthread_cond_broadcast(&b->work);
  pthread_mutex_unlock(&b->lock);
  for (unsigned i = 0; i < n; ++i) {
    if (workers[i].thread) {
      pthread_join(workers[i].thread, NULL);
    }
    tg_writer_free(workers[i].writer);
  }
}

TgStatus tg_batch_run(const TgExtractor *ex, const TgBatchOptions *opt, const char *const *inputs,
                      size_t n_inputs, TgErrorFn err, void *err_data, TgBatchStats *stats) {
  static const char *const stdin_only[] = {"-"};
  if (n_inputs == 0) {
    inputs = stdin_only;
    n_inputs = 1;
  }
  const unsigned jobs = opt->jobs ? opt->jobs : 1;
  memset(stats, 0, sizeof *stats);
  Batch b;
  memset(&b, 0, sizeof b);
  tg_batch_ids_init(&b.ids);
  b.ex = ex;
  b.opt = opt;
  b.err = err;
  b.err_data = err_data;
  b.stats = stats;
  b.cap = (size_t)jobs * TG_JOBS_PER_WORKER;
  const TgInputSink sink = {batch_file, batch_json_line, batch_document, batch_failure,
                            batch_note, batch_blank, &b};
  tg_inputs_init(&b.inputs, opt->jsonl, opt->date, &sink);
  tg_vec_init(&b.spares, sizeof(TgBuf));
  b.write_profile = getenv("TELEGRAPH_PROFILE_WRITER") != NULL;
  b.ring = (Job **)tg_calloc(b.cap, sizeof(Job *));
  Worker *workers = (Worker *)tg_calloc(jobs, sizeof(Worker));
  if (!b.ring || !workers) {
    tg_free(b.ring);
    tg_free(workers);
    return TG_BAD_ALLOC;
  }
  pthread_mutex_init(&b.lock, NULL);
  pthread_cond_init(&b.work, NULL);
  pthread_cond_init(&b.ready, NULL);
  pthread_cond_init(&b.emitted_cond, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b.start);
  b.last_draw = b.start;
  if (opt->progress) {
    b.total_bytes = tg_inputs_total_size(inputs, n_inputs);
  }
  TgStatus st = TG_SUCCESS;
  unsigned started = 0;
  for (unsigned i = 0; !st && i < jobs; ++i) {
    Worker *w = &workers[i];
    w->b = &b;
    if (opt->write && !opt->sink) {
      if ((st = tg_writer_new(opt->format, opt->prov, opt->base, NULL, err, err_data,
                              &w->writer))) {
        break;
      }
    }
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
      w->thread = 0;
      st = TG_BAD_ALLOC;
      break;
    }
    ++started;
  }
  for (size_t i = 0; !st && i < n_inputs; ++i) {
    st = tg_inputs_submit(&b.inputs, inputs[i]);
  }
  /* Drain what is still in flight. */
  pthread_mutex_lock(&b.lock);
  while (b.count) {
    emit_ready(&b);
    if (b.count) {
      pthread_cond_wait(&b.ready, &b.lock);
    }
  }
  pthread_mutex_unlock(&b.lock);
  workers_stop(&b, workers, jobs);
  if (b.write_profile) {
    double cpu = 0.0;
    for (unsigned i = 0; i < jobs; ++i) {
      cpu += workers[i].write_cpu;
    }
    fprintf(stderr, "telegraph: profile: mapping and serializing took %.4f s CPU\n", cpu);
  }
  (void)started;
  draw_progress(&b, true);
  if (!st) {
    st = b.fatal;
  }
  for (size_t i = 0; i < b.spares.len; ++i) {
    tg_buf_clear((TgBuf *)tg_vec_at(&b.spares, i));
  }
  tg_vec_clear(&b.spares);
  tg_inputs_clear(&b.inputs);
  tg_batch_ids_clear(&b.ids);
  pthread_mutex_destroy(&b.lock);
  pthread_cond_destroy(&b.work);
  pthread_cond_destroy(&b.ready);
  pthread_cond_destroy(&b.emitted_cond);
  tg_free(b.ring);
  tg_free(workers);
  if (!st && stats->failed) {
    return TG_FAILURE;
  }
  return st;
}
