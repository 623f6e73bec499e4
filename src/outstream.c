/* telegraph: a raptor iostream into a buffer (see outstream.h).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#include "outstream.h"

#include <stdint.h>
#include <string.h>

/* The own buffer goes to the file once it holds this much. */
#define TG_OUT_BLOCK ((size_t)1 << 16)

struct TgOutStreamImpl {
  raptor_world *world; /* borrowed */
  raptor_iostream *io;
  FILE *file; /* borrowed */
  TgBuf own;
  TgBuf *dst;    /* where bytes go: &own or the caller's */
  TgSpill spill; /* when dst is written out and emptied */
  char *cur;     /* the next byte of dst; dst->len is behind it until sync() */
  char *end;     /* where the fast path stops: dst's room, or the spill size */
  bool failed;   /* an append, a write or a spill failed since the last flush */
};

/* Bring dst->len up to cur (and keep the buffer NUL-terminated). */
static void sync(TgOutStream *os) {
  if (os->cur) {
    os->dst->len = (size_t)(os->cur - os->dst->buf);
    os->dst->buf[os->dst->len] = '\0';
  }
}

/* Point cur and end at dst's free room (one byte kept for the NUL), up to
 * the spill size. */
static void reopen(TgOutStream *os) {
  TgBuf *b = os->dst;
  if (!b->buf || b->cap <= b->len + 1) {
    os->cur = os->end = NULL;
    return;
  }
  os->cur = b->buf + b->len;
  size_t room = b->cap - b->len - 1;
  if (os->spill.fn && b->len < os->spill.at && room > os->spill.at - b->len) {
    room = os->spill.at - b->len;
  }
  os->end = os->cur + room;
}

static bool write_own(void *data, TgBuf *buf) {
  TgOutStream *os = (TgOutStream *)data;
  const bool ok = !buf->len || !os->file || fwrite(buf->buf, 1, buf->len, os->file) == buf->len;
  buf->len = 0;
  return ok;
}

static int put_bytes(void *data, const void *ptr, size_t size, size_t nmemb) {
  TgOutStream *os = (TgOutStream *)data;
  sync(os);
  int rc = (int)nmemb;
  if (tg_buf_append(os->dst, (const char *)ptr, size * nmemb)) {
    os->failed = true;
    rc = 0;
  } else if (os->spill.fn && os->dst->len >= os->spill.at &&
             !os->spill.fn(os->spill.data, os->dst)) {
    os->failed = true;
    rc = 0;
  }
  reopen(os);
  return rc;
}

static int put_byte(void *data, const int byte) {
  TgOutStream *os = (TgOutStream *)data;
  if (os->cur < os->end) {
    *os->cur++ = (char)byte; /* the common case: room, no call */
    return 0;
  }
  const char c = (char)byte;
  return put_bytes(data, &c, 1, 1) == 1 ? 0 : 1;
}

static const raptor_iostream_handler handler = {
    2, NULL, NULL, put_byte, put_bytes, NULL, NULL, NULL};

/* Back to the own buffer, written to the file in blocks. */
static void target_own(TgOutStream *os) {
  os->dst = &os->own;
  os->spill.at = TG_OUT_BLOCK;
  os->spill.fn = write_own;
  os->spill.data = os;
}

TgStatus tg_outstream_new(raptor_world *world, FILE *file, TgOutStream **out) {
  *out = NULL;
  TgOutStream *os = (TgOutStream *)tg_calloc(1, sizeof *os);
  if (!os) {
    return TG_BAD_ALLOC;
  }
  tg_buf_init(&os->own);
  target_own(os);
  os->file = file;
  os->world = world;
  os->io = raptor_new_iostream_from_handler(world, os, &handler);
  if (!os->io) {
    tg_free(os);
    return TG_BAD_ALLOC;
  }
  *out = os;
  return TG_SUCCESS;
}

void tg_outstream_free(TgOutStream *os) {
  if (!os) {
    return;
  }
  raptor_free_iostream(os->io);
  tg_buf_clear(&os->own);
  tg_free(os);
}

raptor_iostream *tg_outstream_iostream(TgOutStream *os) { return os->io; }

raptor_iostream *tg_outstream_new_iostream(TgOutStream *os) {
  return raptor_new_iostream_from_handler(os->world, os, &handler);
}

void tg_outstream_target(TgOutStream *os, TgBuf *dst, const TgSpill *spill) {
  sync(os);
  if (!dst) {
    target_own(os);
  } else {
    os->dst = dst;
    os->spill = spill ? *spill : (TgSpill){SIZE_MAX, NULL, NULL};
  }
  reopen(os);
}

TgStatus tg_outstream_flush(TgOutStream *os) {
  sync(os);
  if (os->dst == &os->own && !write_own(os, &os->own)) {
    os->failed = true;
  }
  reopen(os);
  const bool failed = os->failed;
  os->failed = false;
  return failed ? TG_BAD_WRITE : TG_SUCCESS;
}
