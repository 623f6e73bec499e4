/* telegraph internals: the stream raptor serializes into.
 *
 * raptor's own file-handle iostream writes byte by byte through a locked
 * fputc().  A TgOutStream is a raptor iostream whose bytes go into a plain
 * buffer: either one the caller names for an article (a batch job's
 * output, so the bytes are written once, not copied again) or its own,
 * which goes to a stdio stream in 64 KB blocks.  A named buffer may have a
 * spill: past a size, its bytes so far are handed to a function that
 * writes them out and empties it (a batch streams a huge article so).
 *
 * Copyright 2026 The telegraph authors. SPDX-License-Identifier: MIT */

#ifndef TG_OUTSTREAM_H
#define TG_OUTSTREAM_H

#include "telegraph/document.h"
#include "telegraph/result.h"
#include "telegraph/status.h"
#include "telegraph/writer.h"
#include "util.h"

#include <raptor2.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct TgOutStreamImpl TgOutStream;

/** Write buf's bytes out and empty it (buf->len = 0); false on an error. */
typedef bool (*TgSpillFn)(void *data, TgBuf *buf);

/** Where a named buffer's bytes go past `at` bytes (no spill: fn NULL). */
typedef struct {
  size_t at;
  TgSpillFn fn;
  void *data;
} TgSpill;

/** A stream writing to `file` (borrowed; may be NULL when every article
 * names a buffer).  Free with tg_outstream_free(). */
TgStatus tg_outstream_new(raptor_world *world, FILE *file, TgOutStream **out);

/** Free `os` and its iostream (NULL is allowed).  Unwritten bytes of its
 * own buffer are dropped: call tg_outstream_flush() first. */
void tg_outstream_free(TgOutStream *os);

/** The raptor iostream (owned by `os`) to start serializers on. */
raptor_iostream *tg_outstream_iostream(TgOutStream *os);

/** A new iostream into `os`, for a caller that frees it (librdf's
 * serialize_model_to_iostream() does); it must not outlive `os`. */
raptor_iostream *tg_outstream_new_iostream(TgOutStream *os);

/** From now on append to `dst` (borrowed), spilled as `spill` says (NULL:
 * never), instead of the stream's own buffer; NULL `dst` goes back to the
 * own buffer and its file. */
void tg_outstream_target(TgOutStream *os, TgBuf *dst, const TgSpill *spill);

/** Write the own buffer to the file; TG_BAD_WRITE if that, or an append
 * or a spill since the last call, failed. */
TgStatus tg_outstream_flush(TgOutStream *os);

/** As tg_writer_write(), but the article's bytes are appended to `dst`
 * (borrowed; spilled as `spill` says, NULL: never) rather than written to
 * the writer's stream: a batch worker hands `dst` to the thread that
 * writes articles out in order. */
TgStatus tg_writer_write_buffer(TgWriter *w, const TgDocument *doc, const TgResult *result,
                                TgBuf *dst, const TgSpill *spill);

#endif /* TG_OUTSTREAM_H */
