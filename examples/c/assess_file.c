/*
 * Assesses a Presentation read from a JSON file with the JSON API and prints the Assessment JSON.
 * Usage: assess_file PRESENTATION.json
 * Build: cc -std=c99 assess_file.c $(pkg-config --cflags --libs stenosis)
 */
#include <stdio.h>
#include <stdlib.h>

#include "stenosis.h"

int main(int argc, char **argv) {
  FILE *f;
  char *input = NULL;
  size_t len = 0, cap = 0, n;
  char *output = NULL;
  StenosisError *error = NULL;
  StenosisStatus status;

  if (argc != 2) {
    fprintf(stderr, "usage: %s PRESENTATION.json\n", argv[0]);
    return 2;
  }
  f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  do {
    if (len == cap) {
      char *bigger = realloc(input, cap = cap ? cap * 2 : 4096);
      if (bigger == NULL) {
        free(input);
        fclose(f);
        return 2;
      }
      input = bigger;
    }
    n = fread(input + len, 1, cap - len, f);
    len += n;
  } while (n > 0);
  fclose(f);

  /* The input need not be NUL-terminated: pass its length. */
  status = stenosis_assess_json(input, len, &output, &error);
  free(input);
  if (status != STENOSIS_OK) {
    const char *field = stenosis_error_field(error);
    fprintf(stderr, "stenosis: status %u: %s%s%s\n", (unsigned)status, stenosis_error_message(error),
            field ? " [field: " : "", field ? field : "");
    if (field) fputs("]\n", stderr);
    stenosis_error_free(error);
    return 1;
  }
  printf("%s\n", output);
  stenosis_string_free(output);
  return 0;
}
