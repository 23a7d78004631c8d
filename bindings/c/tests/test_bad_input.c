/*
 * The bad-input catalog (tests/bad-input/) through the C ABI: for every case, both
 * stenosis_assess_json and stenosis_presentation_from_json refuse the exact bytes with the status
 * of its kind, no output, and an error whose field is the catalog's and whose message names it,
 * stays under 300 bytes and never repeats free text. Run by scripts/test-c.sh (normally, under
 * valgrind and with ASan+UBSan).
 *
 * Usage: test_bad_input CATALOG_DIR      (prints "N passed, N failed")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stenosis.h"

static int passed, failed, problems;

static void fail(const char *name, const char *what, const char *detail) {
  problems++;
  fprintf(stderr, "FAIL %s: %s%s%s\n", name, what, detail ? ": " : "", detail ? detail : "");
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
      *len = (size_t)n;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  fclose(f);
  return buf;
}

/* The statuses a kind may come back as. */
static int status_fits(const char *kind, StenosisStatus s) {
  if (strcmp(kind, "invalid_utf8") == 0) return s == STENOSIS_INVALID_UTF8;
  if (strcmp(kind, "malformed_json") == 0) return s == STENOSIS_INVALID_JSON;
  return s == STENOSIS_INVALID_PRESENTATION;
}

static const char *const FREE_TEXT[] = {"Smith", "DOB", "Jones", "fall in May", "aaaaaaaaaa"};

static void check_one(const char *name, const char *what, StenosisStatus status, StenosisError *error,
                      const char *kind, const char *field, const char *says) {
  const char *message, *got_field;
  size_t i;
  if (status == STENOSIS_OK) {
    fail(name, what, "accepted");
    return;
  }
  if (!error) {
    fail(name, what, "no error object");
    return;
  }
  if (!status_fits(kind, status) || stenosis_error_status(error) != status) fail(name, what, "status");
  message = stenosis_error_message(error);
  got_field = stenosis_error_field(error);
  if (!message || !*message) {
    fail(name, what, "empty message");
  } else {
    if (strlen(message) > 300) fail(name, what, "message longer than 300 bytes");
    if (strcmp(says, "-") != 0 && !strstr(message, says)) fail(name, what, "message lacks the catalog's phrase");
    for (i = 0; i < sizeof FREE_TEXT / sizeof *FREE_TEXT; i++) {
      if (strstr(message, FREE_TEXT[i])) fail(name, what, "message repeats free text");
    }
  }
  if (strcmp(field, "-") == 0) {
    if (got_field) fail(name, what, "a field where none applies");
  } else if (!got_field || strcmp(got_field, field) != 0) {
    fail(name, what, got_field ? got_field : "no field");
  } else if (message && !strstr(message, field)) {
    fail(name, what, "message does not name the field");
  }
  stenosis_error_free(error);
}

/* One check: the case through one entry point. */
static void check_error(const char *name, const char *api, StenosisStatus status, StenosisError *error,
                        const char *kind, const char *field, const char *says) {
  int before = problems;
  check_one(name, api, status, error, kind, field, says);
  if (problems == before) {
    passed++;
  } else {
    failed++;
  }
}

int main(int argc, char **argv) {
  char path[4096], line[8192];
  FILE *catalog;
  int cases = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s CATALOG_DIR\n", argv[0]);
    return 2;
  }
  snprintf(path, sizeof path, "%s/catalog.tsv", argv[1]);
  catalog = fopen(path, "r");
  if (!catalog) {
    perror(path);
    return 2;
  }
  while (fgets(line, sizeof line, catalog)) {
    char *name, *kind, *field, *says, *bytes, *output = NULL;
    size_t len = 0;
    StenosisError *error = NULL;
    StenosisPresentation *p = NULL;
    StenosisStatus status;
    if (line[0] == '#' || line[0] == '\n') continue;
    line[strcspn(line, "\r\n")] = '\0';
    name = strtok(line, "\t");
    kind = strtok(NULL, "\t");
    field = strtok(NULL, "\t");
    says = strtok(NULL, "\t");
    if (!name || !kind || !field || !says) {
      fail(line, "catalog line", "needs 4 columns");
      failed++;
      continue;
    }
    snprintf(path, sizeof path, "%s/cases/%s.in", argv[1], name);
    bytes = read_file(path, &len);
    if (!bytes) {
      fail(name, "cannot read", path);
      failed++;
      continue;
    }
    cases++;
    status = stenosis_assess_json(bytes, len, &output, &error);
    if (output) {
      fail(name, "stenosis_assess_json", "output on failure");
      failed++;
      stenosis_string_free(output);
    }
    check_error(name, "stenosis_assess_json", status, error, kind, field, says);
    error = NULL;
    status = stenosis_presentation_from_json(bytes, len, &p, &error);
    if (p) {
      fail(name, "stenosis_presentation_from_json", "a Presentation on failure");
      failed++;
      stenosis_presentation_free(p);
    }
    check_error(name, "stenosis_presentation_from_json", status, error, kind, field, says);
    free(bytes);
  }
  fclose(catalog);
  if (cases < 80) {
    fail("catalog", "fewer than 80 cases", NULL);
    failed++;
  }
  printf("bad-input catalog: %d cases, 2 entry points each\n%d passed, %d failed\n", cases, passed, failed);
  return failed ? 1 : 0;
}
