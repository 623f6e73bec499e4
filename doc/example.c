/* Extract the facts of one article and print them as Turtle. */
#include <telegraph/telegraph.h>

#include <stdio.h>
#include <string.h>

static void print_error(void *data, const char *file, unsigned line, unsigned col,
                        const char *msg) {
  (void)data;
  fprintf(stderr, "example: %s:%u:%u: %s\n", file ? file : "-", line, col, msg);
}

int main(int argc, char **argv) {
  const char *data = argc > 1 ? argv[1] : "/usr/local/share/telegraph";
  const char *text = " date 2025-02-28 MIIT approves China Unicom\n\n"
                     "The Ministry of Industry and Information Technology (MIIT) "
                     "granted China Unicom a licence for 5G services in Beijing.\n";
  TgExtractor *ex = tg_extractor_new(print_error, NULL);
  TgDocument *doc = NULL;
  TgResult *result = NULL;
  TgWriter *writer = NULL;
  TgStatus st = ex ? tg_extractor_load_dir(ex, data) : TG_BAD_ALLOC;
  if (!st) {
    st = tg_document_new(text, strlen(text), "example", NULL, NULL, print_error,
                         NULL, &doc);
  }
  if (!st) {
    st = tg_extractor_run(ex, doc, &result);
  }
  if (!st) {
    st = tg_writer_new(TG_FORMAT_TURTLE, TG_PROVENANCE_NONE, NULL, stdout, print_error,
                       NULL, &writer);
  }
  if (!st) {
    st = tg_writer_write(writer, doc, result);
  }
  if (!st) {
    st = tg_writer_finish(writer);
  }
  if (st) {
    fprintf(stderr, "example: %s\n", tg_strerror(st));
  } else {
    fprintf(stderr, "example: %zu facts\n", tg_result_n_facts(result));
  }
  tg_writer_free(writer);
  tg_result_free(result);
  tg_document_free(doc);
  tg_extractor_free(ex);
  return st ? 1 : 0;
}
