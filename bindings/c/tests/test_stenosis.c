/*
 * The C test suite of libstenosis: every entry point, every status (with message and field),
 * byte-identical JSON for every vignette, and concurrent use from many threads.
 *
 * Usage: test_stenosis VIGNETTE_DIR [THREADS] [ROUNDS]
 *   VIGNETTE_DIR holds index.txt, NAME.input.json and NAME.expected.json (written by
 *   `cargo run -p stenosis-ffi --example expected_json -- VIGNETTE_DIR
 *   tests/vignettes=tests/golden/vignettes examples/cases=tests/golden/cases`: the recorded
 *   golden outputs of every vignette and example case).
 * Ends with "N passed, N failed" and exits non-zero on any failure.
 *
 * Built with -DSTENOSIS_FAULT_INJECTION against a library built with the `fault-injection`
 * feature, so that STENOSIS_INTERNAL (a caught panic) is tested too.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stenosis.h"

static int passed = 0;
static int failed = 0;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static void record(int ok, const char *what, const char *file, int line) {
  pthread_mutex_lock(&count_lock);
  if (ok) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
  }
  pthread_mutex_unlock(&count_lock);
}

#define CHECK(cond) record((cond) ? 1 : 0, #cond, __FILE__, __LINE__)

static int streq(const char *a, const char *b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }
static int contains(const char *hay, const char *needle) { return hay != NULL && strstr(hay, needle) != NULL; }

/* A pointer value that the library never returns, to prove out-parameters are (re)written. */
static char sentinel_byte;
#define SENTINEL ((void *)&sentinel_byte)

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = malloc((size_t)n + 1);
  if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    fclose(f);
    return NULL;
  }
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

/*
 * Runs stenosis_assess_json on a string and checks the failure: status, field (NULL for none),
 * a substring of the message, *output set to NULL.
 */
static void expect_json_error(const char *input, size_t len, StenosisStatus status, const char *field,
                              const char *message_part, int line) {
  char *out = SENTINEL;
  StenosisError *err = NULL;
  StenosisStatus st = stenosis_assess_json(input, len, &out, &err);
  char what[160];
  snprintf(what, sizeof what, "expect_json_error (line %d): status %u, want %u", line, (unsigned)st, (unsigned)status);
  record(st == status, what, __FILE__, line);
  record(out == NULL, "output is NULL on failure", __FILE__, line);
  record(err != NULL, "error object returned", __FILE__, line);
  if (err != NULL) {
    const char *f = stenosis_error_field(err);
    const char *m = stenosis_error_message(err);
    record(stenosis_error_status(err) == status, "stenosis_error_status matches", __FILE__, line);
    if (field == NULL) {
      record(f == NULL, "no field", __FILE__, line);
    } else {
      snprintf(what, sizeof what, "field %.60s, want %.60s", f ? f : "(null)", field);
      record(streq(f, field), what, __FILE__, line);
    }
    snprintf(what, sizeof what, "message contains \"%s\": %.100s", message_part, m ? m : "(null)");
    record(contains(m, message_part), what, __FILE__, line);
    record(m != NULL && strlen(m) < 600, "message is short (never echoes input)", __FILE__, line);
  }
  stenosis_error_free(err);
  if (out != SENTINEL) stenosis_string_free(out);
}

#define EXPECT_JSON_ERROR(s, status, field, part) expect_json_error((s), strlen(s), (status), (field), (part), __LINE__)

static void test_version(void) {
  const char *v = stenosis_version();
  CHECK(v != NULL);
  CHECK(v != NULL && strlen(v) >= 5 && strchr(v, '.') != NULL);
  CHECK(stenosis_version() == v); /* static */
}

static void test_ids(void) {
  CHECK(streq(stenosis_finding_id(STENOSIS_FINDING_BABINSKI_SIGN), "babinski_sign"));
  CHECK(stenosis_finding_id(STENOSIS_FINDING_COUNT) == NULL);
  CHECK(streq(stenosis_finding_status_id(STENOSIS_FINDING_STATUS_ABSENT), "absent"));
  CHECK(streq(stenosis_sex_id(STENOSIS_SEX_FEMALE), "female"));
  CHECK(streq(stenosis_course_id(STENOSIS_COURSE_RAPIDLY_PROGRESSIVE), "rapidly_progressive"));
  CHECK(streq(stenosis_condition_id(STENOSIS_CONDITION_CERVICAL_MYELOPATHY), "cervical_myelopathy"));
  CHECK(streq(stenosis_likelihood_id(STENOSIS_LIKELIHOOD_HIGH), "high"));
  CHECK(streq(stenosis_severity_class_id(STENOSIS_SEVERITY_CLASS_SEVERE), "severe"));
  CHECK(streq(stenosis_pathway_id(STENOSIS_PATHWAY_SURGICAL_EVALUATION), "surgical_evaluation"));
  CHECK(streq(stenosis_action_id(STENOSIS_ACTION_CERVICAL_MRI), "cervical_mri"));
  CHECK(streq(stenosis_urgency_id(STENOSIS_URGENCY_EMERGENCY), "emergency"));
  CHECK(streq(stenosis_red_flag_id(STENOSIS_RED_FLAG_CAUDA_EQUINA_SUSPECTED), "cauda_equina_suspected"));
  CHECK(streq(stenosis_warning_id(STENOSIS_WARNING_NONCOMPRESSIBLE_ABI), "noncompressible_abi"));
  CHECK(stenosis_warning_id(0xFFFFFFFFu) == NULL);
  /* Every vocabulary has its generated id function (the C README's promise). */
  CHECK(streq(stenosis_finding_group_id(STENOSIS_FINDING_GROUP_IMAGING), "imaging"));
  CHECK(stenosis_finding_group_id(STENOSIS_FINDING_GROUP_COUNT) == NULL);
  CHECK(streq(stenosis_strength_id(STENOSIS_STRENGTH_WEAK), "weak"));
  CHECK(streq(stenosis_evidence_quality_id(STENOSIS_EVIDENCE_QUALITY_VERY_LOW), "very_low"));
  CHECK(stenosis_evidence_quality_id(STENOSIS_EVIDENCE_QUALITY_COUNT) == NULL);
  CHECK(streq(stenosis_detail_id(STENOSIS_DETAIL_STANDARD), "standard"));
  CHECK(stenosis_detail_id(STENOSIS_DETAIL_COUNT) == NULL);
  /* The version macros agree with the library. */
  {
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", STENOSIS_VERSION_MAJOR, STENOSIS_VERSION_MINOR, STENOSIS_VERSION_PATCH);
    CHECK(strncmp(stenosis_version(), v, strlen(v)) == 0);
    CHECK(STENOSIS_VERSION_NUMBER == STENOSIS_VERSION_MAJOR * 10000 + STENOSIS_VERSION_MINOR * 100 + STENOSIS_VERSION_PATCH);
  }
  CHECK(stenosis_pathway_id(STENOSIS_PATHWAY_EMERGENCY) == stenosis_pathway_id(STENOSIS_PATHWAY_EMERGENCY));
}

static const char *CASE =
    "{\"age_years\": 61, \"course\": \"progressive\", \"findings\": {\"sciatica_like_pain\": \"present\","
    " \"leg_weakness_on_exam\": \"present\", \"hyperreflexia\": \"present\", \"hoffmann_sign\": \"present\","
    " \"known_lumbar_stenosis\": \"present\"}}";

static void test_json_ok(void) {
  char *out = SENTINEL;
  StenosisError *err = NULL;
  char buf[1024];
  char *out2 = NULL;
  StenosisStatus st = stenosis_assess_json(CASE, strlen(CASE), &out, &err);
  CHECK(st == STENOSIS_OK);
  CHECK(err == NULL);
  CHECK(out != NULL && out != SENTINEL);
  CHECK(contains(out, "\"pathway\":\"further_workup\""));
  CHECK(contains(out, "false_localizing_sciatica"));
  CHECK(out != NULL && out[0] == '{');
  /* Input need not be NUL-terminated: trailing bytes past input_len are ignored. */
  memcpy(buf, CASE, strlen(CASE));
  memcpy(buf + strlen(CASE), "garbage}}}", 10);
  st = stenosis_assess_json(buf, strlen(CASE), &out2, NULL);
  CHECK(st == STENOSIS_OK);
  CHECK(streq(out, out2));
  /* error may be NULL on success and on failure. */
  stenosis_string_free(out2);
  out2 = SENTINEL;
  CHECK(stenosis_assess_json("{", 1, &out2, NULL) == STENOSIS_INVALID_JSON);
  CHECK(out2 == NULL);
  if (out != SENTINEL) stenosis_string_free(out);
}

static void test_null_pointers(void) {
  char *out = SENTINEL;
  StenosisError *err = NULL;
  StenosisPresentation *p = NULL;
  StenosisAssessment *a = NULL;
  StenosisSummary summary;
  uint32_t code = 0;

  /* JSON API. */
  CHECK(stenosis_assess_json(NULL, 0, &out, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(contains(stenosis_error_message(err), "input must not be NULL"));
  CHECK(stenosis_error_field(err) == NULL);
  CHECK(stenosis_error_status(err) == STENOSIS_INVALID_ARGUMENT);
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_assess_json(CASE, strlen(CASE), NULL, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(contains(stenosis_error_message(err), "output must not be NULL"));
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_assess_json(NULL, 5, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assess_json(CASE, (size_t)-1, &out, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(contains(stenosis_error_message(err), "input_len is too large"));
  stenosis_error_free(err);
  err = NULL;

  /* Error accessors and every free function accept NULL. */
  CHECK(stenosis_error_message(NULL) == NULL);
  CHECK(stenosis_error_field(NULL) == NULL);
  CHECK(stenosis_error_status(NULL) == STENOSIS_INVALID_ARGUMENT);
  stenosis_error_free(NULL);
  stenosis_string_free(NULL);
  stenosis_presentation_free(NULL);
  stenosis_assessment_free(NULL);
  CHECK(1);

  /* Typed API. */
  CHECK(stenosis_presentation_new(NULL, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(contains(stenosis_error_message(err), "out must not be NULL"));
  stenosis_error_free(err);
  err = NULL;
  p = SENTINEL;
  CHECK(stenosis_presentation_from_json(NULL, 0, &p, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(p == NULL);
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_presentation_from_json(CASE, strlen(CASE), NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_set_age_years(NULL, 50, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(contains(stenosis_error_message(err), "presentation must not be NULL"));
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_presentation_set_sex(NULL, STENOSIS_SEX_MALE, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_set_course(NULL, STENOSIS_COURSE_STABLE, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_set_symptom_duration_months(NULL, 3.0, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_set_mjoa(NULL, 15, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_set_ankle_brachial_index(NULL, 1.0, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_set_finding(NULL, STENOSIS_FINDING_BABINSKI_SIGN, STENOSIS_FINDING_STATUS_PRESENT,
                                          NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_presentation_clear(NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  out = SENTINEL;
  CHECK(stenosis_presentation_to_json(NULL, &out, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL);
  a = SENTINEL;
  CHECK(stenosis_assess(NULL, &a, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(a == NULL);
  CHECK(contains(stenosis_error_message(err), "presentation must not be NULL"));
  stenosis_error_free(err);
  err = NULL;

  CHECK(stenosis_presentation_new(&p, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_to_json(p, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assess(p, NULL, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(contains(stenosis_error_message(err), "out must not be NULL"));
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_assess(p, &a, NULL) == STENOSIS_OK);

  /* Assessment accessors. */
  out = SENTINEL;
  CHECK(stenosis_assessment_to_json(NULL, &out, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(stenosis_assessment_to_json(a, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  out = SENTINEL;
  CHECK(stenosis_assessment_to_cds_hooks_json(NULL, &out, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(stenosis_assessment_to_cds_hooks_json(a, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_to_cds_hooks_json(a, &out, NULL) == STENOSIS_OK);
  CHECK(out != NULL && strncmp(out, "{\"cards\":[{\"summary\":", strlen("{\"cards\":[{\"summary\":")) == 0);
  CHECK(contains(out, "\"indicator\":") && !contains(out, "null"));
  stenosis_string_free(out);
  out = NULL;
  /* What a person sees: the report, the HTML page and the patient view. */
  out = SENTINEL;
  CHECK(stenosis_assessment_render(NULL, STENOSIS_RENDER_FORMAT_TEXT, STENOSIS_AUDIENCE_CLINICIAN, 80, &out, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(stenosis_assessment_render(a, 7, STENOSIS_AUDIENCE_CLINICIAN, 80, &out, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL && contains(stenosis_error_message(err), "format"));
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_assessment_render(a, STENOSIS_RENDER_FORMAT_TEXT, 9, 80, &out, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_render(a, STENOSIS_RENDER_FORMAT_TEXT, STENOSIS_AUDIENCE_CLINICIAN, 80, &out, NULL) == STENOSIS_OK);
  CHECK(out != NULL && contains(out, "Pathway") && contains(out, "not a diagnosis"));
  stenosis_string_free(out);
  CHECK(stenosis_assessment_render(a, STENOSIS_RENDER_FORMAT_TEXT, STENOSIS_AUDIENCE_PATIENT, 0, &out, NULL) == STENOSIS_OK);
  CHECK(out != NULL && contains(out, "WHEN TO GET HELP AT ONCE") && !contains(out, "_"));
  stenosis_string_free(out);
  CHECK(stenosis_assessment_render(a, STENOSIS_RENDER_FORMAT_HTML, STENOSIS_AUDIENCE_CLINICIAN, 0, &out, NULL) == STENOSIS_OK);
  CHECK(out != NULL && strncmp(out, "<!DOCTYPE html>", 15) == 0 && contains(out, "default-src 'none'"));
  stenosis_string_free(out);
  out = NULL;
  CHECK(stenosis_assessment_pathway(NULL, &code, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(contains(stenosis_error_message(err), "assessment must not be NULL"));
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_assessment_pathway(a, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_summary(NULL, &summary, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_summary(a, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_severity(a, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_myelopathy(a, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_differential(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_recommendation(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_red_flag(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_warning(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_next_finding(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_prognosis(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  CHECK(stenosis_assessment_citation(a, 0, NULL, NULL) == STENOSIS_INVALID_ARGUMENT);
  {
    StenosisDifferentialEntry d;
    CHECK(stenosis_assessment_differential(NULL, 0, &d, NULL) == STENOSIS_INVALID_ARGUMENT);
  }
  stenosis_assessment_free(a);
  stenosis_presentation_free(p);
}

static void test_bad_json(void) {
  static const char bad_utf8[] = "{\"findings\": {\"babinski_sign\": \"pr\xff\xfe sent\"}}";
  static const char lone_cont[] = "\x80";
  EXPECT_JSON_ERROR(bad_utf8, STENOSIS_INVALID_UTF8, NULL, "UTF-8");
  EXPECT_JSON_ERROR(lone_cont, STENOSIS_INVALID_UTF8, NULL, "offset 0");
  EXPECT_JSON_ERROR("{age_years: 61}", STENOSIS_INVALID_JSON, NULL, "line 1");
  EXPECT_JSON_ERROR("{\"age_years\": 61", STENOSIS_INVALID_JSON, NULL, "line 1");             /* truncated */
  EXPECT_JSON_ERROR("{\"findings\": {\"babinski_sign\": \"pre", STENOSIS_INVALID_JSON, NULL, ""); /* truncated */
  EXPECT_JSON_ERROR("", STENOSIS_INVALID_JSON, NULL, "");                                       /* empty */
  EXPECT_JSON_ERROR("   \n ", STENOSIS_INVALID_JSON, NULL, "");                                 /* blank */
  EXPECT_JSON_ERROR("{} {}", STENOSIS_INVALID_JSON, NULL, "");                                  /* trailing */
  EXPECT_JSON_ERROR("{\"age_years\": NaN}", STENOSIS_INVALID_JSON, NULL, "");                   /* NaN literal */
  expect_json_error("{\"age_years\": 61}\0", 18, STENOSIS_INVALID_JSON, NULL, "", __LINE__);   /* embedded NUL */
}

static void test_bad_presentation(void) {
  EXPECT_JSON_ERROR("{\"findings\": {\"babinsky_sign\": \"present\"}}", STENOSIS_INVALID_PRESENTATION,
                    "findings.babinsky_sign", "babinski_sign");
  EXPECT_JSON_ERROR("{\"findings\": {\"babinski_sign\": \"yes\"}}", STENOSIS_INVALID_PRESENTATION,
                    "findings.babinski_sign", "present");
  EXPECT_JSON_ERROR("{\"age_years\": 150}", STENOSIS_INVALID_PRESENTATION, "age_years", "0 to 120");
  EXPECT_JSON_ERROR("{\"age_years\": -1}", STENOSIS_INVALID_PRESENTATION, "age_years", "out of range");
  EXPECT_JSON_ERROR("{\"mjoa\": 19}", STENOSIS_INVALID_PRESENTATION, "mjoa", "0 to 18");
  EXPECT_JSON_ERROR("{\"mjoa\": 12.5}", STENOSIS_INVALID_PRESENTATION, "mjoa", "whole number");
  EXPECT_JSON_ERROR("{\"ankle_brachial_index\": 3.5}", STENOSIS_INVALID_PRESENTATION, "ankle_brachial_index",
                    "out of range");
  EXPECT_JSON_ERROR("{\"ankle_brachial_index\": -0.1}", STENOSIS_INVALID_PRESENTATION, "ankle_brachial_index",
                    "out of range");
  EXPECT_JSON_ERROR("{\"symptom_duration_months\": 1e400}", STENOSIS_INVALID_PRESENTATION, "symptom_duration_months",
                    "out of range"); /* issue 12: a number too large to represent names its field */
  EXPECT_JSON_ERROR("{\"age_years\": \"sixty\"}", STENOSIS_INVALID_PRESENTATION, "age_years", "age_years");
  EXPECT_JSON_ERROR("{\"findings\": [\"babinski_sign\"]}", STENOSIS_INVALID_PRESENTATION, "findings", "findings");
  EXPECT_JSON_ERROR("{\"sex\": \"unknown-sex\"}", STENOSIS_INVALID_PRESENTATION, "sex", "female");
  EXPECT_JSON_ERROR("{\"age\": 61}", STENOSIS_INVALID_PRESENTATION, "age", "age_years");
  EXPECT_JSON_ERROR("{\"age_years\": 61, \"age_years\": 62}", STENOSIS_INVALID_PRESENTATION, "age_years", "");
  EXPECT_JSON_ERROR("[1, 2, 3]", STENOSIS_INVALID_PRESENTATION, NULL, "object");
}

static void test_large_inputs(void) {
  const size_t big = 10u * 1024u * 1024u;
  char *buf = malloc(big + 64);
  char *out = SENTINEL;
  char *small = NULL;
  StenosisError *err = NULL;
  size_t i;
  if (buf == NULL) {
    CHECK(!"malloc 10 MB");
    return;
  }
  /* 10 MB of whitespace around a valid Presentation: accepted, same result as without. */
  memset(buf, ' ', big);
  memcpy(buf + big - strlen(CASE), CASE, strlen(CASE));
  CHECK(stenosis_assess_json(buf, big, &out, &err) == STENOSIS_OK);
  CHECK(stenosis_assess_json(CASE, strlen(CASE), &small, NULL) == STENOSIS_OK);
  CHECK(streq(out, small));
  stenosis_string_free(out);
  stenosis_string_free(small);
  /* 10 MB of nested arrays: refused without exhausting the stack. */
  memset(buf, '[', big);
  expect_json_error(buf, big, STENOSIS_INVALID_JSON, NULL, "", __LINE__);
  /* A 10 MB string in a known field: refused, and the message does not echo it. */
  memcpy(buf, "{\"sex\": \"", 9);
  for (i = 9; i < big - 2; i++) buf[i] = 'x';
  memcpy(buf + big - 2, "\"}", 2);
  expect_json_error(buf, big, STENOSIS_INVALID_PRESENTATION, "sex", "sex", __LINE__);
  /* A 10 MB unknown key: refused, not echoed. */
  buf[0] = '{';
  buf[1] = '"';
  for (i = 2; i < big - 5; i++) buf[i] = 'k';
  memcpy(buf + big - 5, "\": 1}", 5);
  expect_json_error(buf, big, STENOSIS_INVALID_PRESENTATION, "presentation", "unknown field", __LINE__);
  free(buf);
}

static void expect_status(StenosisStatus st, StenosisError *err, StenosisStatus want, const char *field,
                          const char *part, int line) {
  char what[200];
  snprintf(what, sizeof what, "status %u, want %u; message %.120s", (unsigned)st, (unsigned)want,
           err ? stenosis_error_message(err) : "(no error)");
  record(st == want, what, __FILE__, line);
  record(err != NULL && stenosis_error_status(err) == want, "error status", __FILE__, line);
  if (field == NULL) {
    record(stenosis_error_field(err) == NULL, "no field", __FILE__, line);
  } else {
    snprintf(what, sizeof what, "field %.60s, want %.60s", err && stenosis_error_field(err) ? stenosis_error_field(err) : "(null)", field);
    record(streq(stenosis_error_field(err), field), what, __FILE__, line);
  }
  snprintf(what, sizeof what, "message contains %.100s", part);
  record(contains(stenosis_error_message(err), part), what, __FILE__, line);
  stenosis_error_free(err);
}

#define EXPECT(call, want, field, part)                                                                                \
  do {                                                                                                                 \
    StenosisError *e_ = NULL;                                                                                          \
    StenosisStatus s_ = (call);                                                                                        \
    expect_status(s_, e_, (want), (field), (part), __LINE__);                                                         \
  } while (0)

static void test_typed_errors(void) {
  StenosisPresentation *p = NULL;
  char *before = NULL;
  char *after = NULL;
  CHECK(stenosis_presentation_new(&p, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_age_years(p, 70, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_to_json(p, &before, NULL) == STENOSIS_OK);
  EXPECT(stenosis_presentation_set_age_years(p, 121, &e_), STENOSIS_INVALID_PRESENTATION, "age_years", "0 to 120");
  EXPECT(stenosis_presentation_set_age_years(p, -5, &e_), STENOSIS_INVALID_PRESENTATION, "age_years", "out of range");
  EXPECT(stenosis_presentation_set_mjoa(p, 19, &e_), STENOSIS_INVALID_PRESENTATION, "mjoa", "0 to 18");
  EXPECT(stenosis_presentation_set_ankle_brachial_index(p, NAN, &e_), STENOSIS_INVALID_PRESENTATION,
         "ankle_brachial_index", "NaN");
  EXPECT(stenosis_presentation_set_ankle_brachial_index(p, INFINITY, &e_), STENOSIS_INVALID_PRESENTATION,
         "ankle_brachial_index", "infinity");
  EXPECT(stenosis_presentation_set_ankle_brachial_index(p, 3.01, &e_), STENOSIS_INVALID_PRESENTATION,
         "ankle_brachial_index", "out of range");
  EXPECT(stenosis_presentation_set_symptom_duration_months(p, NAN, &e_), STENOSIS_INVALID_PRESENTATION,
         "symptom_duration_months", "NaN");
  EXPECT(stenosis_presentation_set_symptom_duration_months(p, -1.0, &e_), STENOSIS_INVALID_PRESENTATION,
         "symptom_duration_months", "out of range");
  EXPECT(stenosis_presentation_set_finding(p, STENOSIS_FINDING_COUNT, STENOSIS_FINDING_STATUS_PRESENT, &e_),
         STENOSIS_INVALID_ARGUMENT, NULL, "finding");
  EXPECT(stenosis_presentation_set_finding(p, 0xFFFFFFFFu, STENOSIS_FINDING_STATUS_PRESENT, &e_),
         STENOSIS_INVALID_ARGUMENT, NULL, "finding");
  EXPECT(stenosis_presentation_set_finding(p, STENOSIS_FINDING_BABINSKI_SIGN, 3, &e_), STENOSIS_INVALID_ARGUMENT,
         NULL, "status");
  EXPECT(stenosis_presentation_set_sex(p, STENOSIS_SEX_COUNT, &e_), STENOSIS_INVALID_ARGUMENT, NULL, "sex");
  EXPECT(stenosis_presentation_set_course(p, 77, &e_), STENOSIS_INVALID_ARGUMENT, NULL, "course");
  EXPECT(stenosis_presentation_set_id(p, "two words", 9, &e_), STENOSIS_INVALID_PRESENTATION, "id", "letter");
  EXPECT(stenosis_presentation_set_id(p, "", 0, &e_), STENOSIS_INVALID_PRESENTATION, "id", "1 to 64");
  EXPECT(stenosis_presentation_set_id(p, "r\xff", 2, &e_), STENOSIS_INVALID_UTF8, "id", "UTF-8");
  EXPECT(stenosis_presentation_set_id(NULL, "r-1", 3, &e_), STENOSIS_INVALID_ARGUMENT, NULL, "presentation");
  EXPECT(stenosis_presentation_set_id(p, NULL, 3, &e_), STENOSIS_INVALID_ARGUMENT, NULL, "id");
  /* A refused value leaves the Presentation unchanged. */
  CHECK(stenosis_presentation_to_json(p, &after, NULL) == STENOSIS_OK);
  CHECK(streq(before, after));
  stenosis_string_free(before);
  stenosis_string_free(after);
  stenosis_presentation_free(p);
}

/* The record id through the typed API: set (length-delimited, not NUL-terminated), echoed by the
 * Assessment and in its JSON at every detail level, cleared by NULL. */
static void test_record_id(void) {
  StenosisPresentation *p = NULL;
  StenosisAssessment *a = NULL;
  const char *id = SENTINEL;
  char *json = NULL;
  CHECK(stenosis_presentation_new(&p, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_age_years(p, 70, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_id(p, "mrn:000123-a-and-more", 12, NULL) == STENOSIS_OK);
  CHECK(stenosis_assess(p, &a, NULL) == STENOSIS_OK);
  CHECK(stenosis_assessment_id(a, &id, NULL) == STENOSIS_OK);
  CHECK(streq(id, "mrn:000123-a"));
  CHECK(stenosis_assessment_to_json(a, &json, NULL) == STENOSIS_OK);
  CHECK(json != NULL && strncmp(json, "{\"id\":\"mrn:000123-a\",", 21) == 0);
  stenosis_string_free(json);
  CHECK(stenosis_assessment_to_json_detail(a, STENOSIS_DETAIL_SUMMARY, &json, NULL) == STENOSIS_OK);
  CHECK(json != NULL && strncmp(json, "{\"id\":\"mrn:000123-a\",", 21) == 0);
  stenosis_string_free(json);
  EXPECT(stenosis_assessment_id(a, NULL, &e_), STENOSIS_INVALID_ARGUMENT, NULL, "out");
  stenosis_assessment_free(a);
  /* NULL clears it: no id in the Assessment. */
  CHECK(stenosis_presentation_set_id(p, NULL, 0, NULL) == STENOSIS_OK);
  CHECK(stenosis_assess(p, &a, NULL) == STENOSIS_OK);
  id = SENTINEL;
  CHECK(stenosis_assessment_id(a, &id, NULL) == STENOSIS_OK);
  CHECK(id == NULL);
  stenosis_assessment_free(a);
  stenosis_presentation_free(p);
}

static void test_internal(void) {
#if defined(STENOSIS_FAULT_INJECTION)
  char *out = NULL;
  EXPECT(stenosis_fault_injection_panic(&e_), STENOSIS_INTERNAL, NULL, "panic");
  CHECK(stenosis_fault_injection_panic(NULL) == STENOSIS_INTERNAL);
  /* The library is still usable after a caught panic. */
  CHECK(stenosis_assess_json(CASE, strlen(CASE), &out, NULL) == STENOSIS_OK);
  stenosis_string_free(out);
#elif defined(STENOSIS_RELEASE_LIBRARY)
  /* The shipped library has no fault-injection entry point; the debug run covers this case. */
  fprintf(stderr, "note: release library: STENOSIS_INTERNAL is tested by the fault-injection build\n");
#else
  CHECK(!"built without STENOSIS_FAULT_INJECTION: STENOSIS_INTERNAL untested");
#endif
}

/* Reads every list of an Assessment through the typed accessors; returns 1 when consistent. */
static int walk_assessment(const StenosisAssessment *a) {
  StenosisSummary s;
  StenosisMyelopathy m;
  StenosisSeverity sev;
  uint32_t pathway = 99;
  size_t i, j;
  int ok = 1;
  StenosisError *err = NULL;
  if (stenosis_assessment_summary(a, &s, NULL) != STENOSIS_OK) return 0;
  ok &= stenosis_assessment_pathway(a, &pathway, NULL) == STENOSIS_OK && pathway == s.pathway;
  ok &= pathway < STENOSIS_PATHWAY_COUNT && s.top_condition < STENOSIS_CONDITION_COUNT;
  ok &= stenosis_assessment_severity(a, &sev, NULL) == STENOSIS_OK && sev.known == s.severity.known;
  ok &= !sev.known || (sev.mjoa <= 18 && sev.severity_class < STENOSIS_SEVERITY_CLASS_COUNT);
  ok &= s.pathway_rationale != NULL && s.engine_version != NULL && s.disclaimer != NULL;
  ok &= s.knowledge_base_version != NULL && s.differential_len == STENOSIS_CONDITION_COUNT;
  ok &= stenosis_assessment_myelopathy(a, &m, NULL) == STENOSIS_OK;
  ok &= m.likelihood < STENOSIS_LIKELIHOOD_COUNT && m.cook_items_len == 5 && m.cook_positive <= m.cook_assessed;
  for (i = 0; i < m.cook_items_len; i++) ok &= m.cook_items[i].item != NULL && m.cook_items[i].status < 3;
  for (i = 0; i < m.supporting_len; i++) ok &= m.supporting[i] < STENOSIS_FINDING_COUNT;
  for (i = 0; i < m.reasons_len; i++) ok &= m.reasons[i] != NULL;
  ok &= !m.has_post_test || (m.post_test_probability > 0.0 && m.post_test_rule != NULL);
  for (i = 0; i < s.differential_len; i++) {
    StenosisDifferentialEntry d;
    ok &= stenosis_assessment_differential(a, i, &d, NULL) == STENOSIS_OK;
    ok &= d.condition < STENOSIS_CONDITION_COUNT && d.likelihood < STENOSIS_LIKELIHOOD_COUNT;
    if (i == 0) ok &= d.condition == s.top_condition;
    for (j = 0; j < d.supporting_len; j++) ok &= d.supporting[j] < STENOSIS_FINDING_COUNT;
    for (j = 0; j < d.opposing_len; j++) ok &= d.opposing[j] < STENOSIS_FINDING_COUNT;
    for (j = 0; j < d.reasons_len; j++) ok &= d.reasons[j] != NULL && d.reasons[j][0] != '\0';
    for (j = 0; j < d.citations_len; j++) ok &= d.citations[j] != NULL;
  }
  for (i = 0; i < s.recommendations_len; i++) {
    StenosisRecommendation r;
    ok &= stenosis_assessment_recommendation(a, i, &r, NULL) == STENOSIS_OK;
    ok &= r.action < STENOSIS_ACTION_COUNT && r.urgency < STENOSIS_URGENCY_COUNT && r.rationale != NULL;
    /* A grade is a vocabulary code or the NONE value, and strength and quality come together. */
    ok &= r.strength < STENOSIS_STRENGTH_COUNT || r.strength == STENOSIS_STRENGTH_NONE;
    ok &= r.evidence_quality < STENOSIS_EVIDENCE_QUALITY_COUNT || r.evidence_quality == STENOSIS_EVIDENCE_QUALITY_NONE;
    ok &= (r.strength == STENOSIS_STRENGTH_NONE) == (r.evidence_quality == STENOSIS_EVIDENCE_QUALITY_NONE);
    for (j = 0; j < r.citations_len; j++) ok &= r.citations[j] != NULL;
  }
  for (i = 0; i < s.red_flags_len; i++) {
    StenosisAlert r;
    ok &= stenosis_assessment_red_flag(a, i, &r, NULL) == STENOSIS_OK && r.id < STENOSIS_RED_FLAG_COUNT;
    ok &= r.message != NULL;
  }
  for (i = 0; i < s.warnings_len; i++) {
    StenosisAlert w;
    ok &= stenosis_assessment_warning(a, i, &w, NULL) == STENOSIS_OK && w.id < STENOSIS_WARNING_COUNT;
    ok &= w.message != NULL;
  }
  for (i = 0; i < s.next_findings_len; i++) {
    StenosisNextFinding n;
    ok &= stenosis_assessment_next_finding(a, i, &n, NULL) == STENOSIS_OK && n.finding < STENOSIS_FINDING_COUNT;
    ok &= n.why != NULL && n.if_present.pathway < STENOSIS_PATHWAY_COUNT && n.if_absent.pathway < STENOSIS_PATHWAY_COUNT;
    for (j = 0; j < n.if_present.red_flags_len; j++) ok &= n.if_present.red_flags[j] < STENOSIS_RED_FLAG_COUNT;
  }
  for (i = 0; i < s.prognosis_len; i++) {
    StenosisPrognosis p;
    ok &= stenosis_assessment_prognosis(a, i, &p, NULL) == STENOSIS_OK && p.id != NULL && p.statement != NULL;
  }
  for (i = 0; i < s.citations_len; i++) {
    StenosisCitation c;
    ok &= stenosis_assessment_citation(a, i, &c, NULL) == STENOSIS_OK && c.id != NULL && c.title != NULL;
    ok &= c.year > 1900 && c.authors != NULL && c.source != NULL;
  }
  /* One past the end of each list. */
  {
    StenosisDifferentialEntry d;
    StenosisRecommendation r;
    StenosisAlert al;
    StenosisNextFinding n;
    StenosisPrognosis p;
    StenosisCitation c;
    ok &= stenosis_assessment_differential(a, s.differential_len, &d, &err) == STENOSIS_INDEX_OUT_OF_RANGE;
    ok &= stenosis_error_status(err) == STENOSIS_INDEX_OUT_OF_RANGE && contains(stenosis_error_message(err), "differential");
    stenosis_error_free(err);
    ok &= stenosis_assessment_recommendation(a, s.recommendations_len, &r, NULL) == STENOSIS_INDEX_OUT_OF_RANGE;
    ok &= stenosis_assessment_red_flag(a, s.red_flags_len, &al, NULL) == STENOSIS_INDEX_OUT_OF_RANGE;
    ok &= stenosis_assessment_warning(a, s.warnings_len, &al, NULL) == STENOSIS_INDEX_OUT_OF_RANGE;
    ok &= stenosis_assessment_next_finding(a, s.next_findings_len, &n, NULL) == STENOSIS_INDEX_OUT_OF_RANGE;
    ok &= stenosis_assessment_prognosis(a, s.prognosis_len, &p, NULL) == STENOSIS_INDEX_OUT_OF_RANGE;
    ok &= stenosis_assessment_citation(a, (size_t)-1, &c, NULL) == STENOSIS_INDEX_OUT_OF_RANGE;
  }
  return ok;
}

/* Moderate DCM with compression (vignette 142): AO Spine/CSRS 2017 'we recommend surgery',
 * strong, moderate-quality evidence; an ungraded recommendation carries the NONE values. */
static const char *MODERATE_DCM =
    "{\"age_years\": 67, \"course\": \"progressive\", \"mjoa\": 13, \"findings\": {\"hand_clumsiness\": \"present\","
    " \"gait_deviation\": \"present\", \"hyperreflexia\": \"present\", \"hoffmann_sign\": \"present\","
    " \"babinski_sign\": \"present\", \"cervical_cord_compression_on_mri\": \"present\"}}";

static void test_recommendation_grades(void) {
  StenosisPresentation *p = NULL;
  StenosisAssessment *a = NULL;
  StenosisSummary s;
  StenosisRecommendation r;
  char *json = NULL;
  size_t i;
  int graded = 0, ungraded = 0;
  CHECK(stenosis_presentation_from_json(MODERATE_DCM, strlen(MODERATE_DCM), &p, NULL) == STENOSIS_OK);
  CHECK(stenosis_assess(p, &a, NULL) == STENOSIS_OK);
  CHECK(stenosis_assessment_summary(a, &s, NULL) == STENOSIS_OK);
  CHECK(s.pathway == STENOSIS_PATHWAY_SURGICAL_EVALUATION);
  for (i = 0; i < s.recommendations_len; i++) {
    CHECK(stenosis_assessment_recommendation(a, i, &r, NULL) == STENOSIS_OK);
    if (r.action == STENOSIS_ACTION_SPINE_SURGERY_REFERRAL) {
      graded = r.strength == STENOSIS_STRENGTH_STRONG && r.evidence_quality == STENOSIS_EVIDENCE_QUALITY_MODERATE;
      CHECK(streq(stenosis_strength_id(r.strength), "strong"));
      CHECK(streq(stenosis_evidence_quality_id(r.evidence_quality), "moderate"));
    } else if (r.strength == STENOSIS_STRENGTH_NONE) {
      ungraded += r.evidence_quality == STENOSIS_EVIDENCE_QUALITY_NONE;
      CHECK(stenosis_strength_id(r.strength) == NULL);
    }
  }
  CHECK(graded);
  CHECK(ungraded > 0);
  /* The JSON says the same: one strong/moderate grade, nulls elsewhere. */
  CHECK(stenosis_assessment_to_json(a, &json, NULL) == STENOSIS_OK);
  CHECK(contains(json, "\"strength\":\"strong\",\"evidence_quality\":\"moderate\""));
  CHECK(contains(json, "\"strength\":null,\"evidence_quality\":null"));
  stenosis_string_free(json);
  stenosis_assessment_free(a);
  stenosis_presentation_free(p);
}

static void test_typed_api(void) {
  StenosisPresentation *p = NULL;
  StenosisAssessment *a = NULL;
  StenosisError *err = NULL;
  char *pjson = NULL;
  char *ajson = NULL;
  char *viajson = NULL;
  StenosisSummary s;
  StenosisSeverity sev;
  StenosisRecommendation r;
  size_t i;
  int cervical_mri = 0;
  CHECK(stenosis_presentation_new(&p, &err) == STENOSIS_OK);
  CHECK(err == NULL);
  CHECK(stenosis_presentation_set_age_years(p, 64, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_sex(p, STENOSIS_SEX_FEMALE, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_course(p, STENOSIS_COURSE_PROGRESSIVE, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_symptom_duration_months(p, 7.5, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_mjoa(p, 13, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_ankle_brachial_index(p, 1.05, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_BILATERAL_LEG_SYMPTOMS, STENOSIS_FINDING_STATUS_PRESENT,
                                          NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_GAIT_DIFFICULTY, STENOSIS_FINDING_STATUS_PRESENT, NULL) ==
        STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_HOFFMANN_SIGN, STENOSIS_FINDING_STATUS_PRESENT, NULL) ==
        STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_BABINSKI_SIGN, STENOSIS_FINDING_STATUS_PRESENT, NULL) ==
        STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_DIABETES, STENOSIS_FINDING_STATUS_ABSENT, NULL) ==
        STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_SMOKER, STENOSIS_FINDING_STATUS_PRESENT, NULL) ==
        STENOSIS_OK);
  CHECK(stenosis_presentation_set_finding(p, STENOSIS_FINDING_SMOKER, STENOSIS_FINDING_STATUS_UNKNOWN, NULL) ==
        STENOSIS_OK);
  CHECK(stenosis_presentation_to_json(p, &pjson, NULL) == STENOSIS_OK);
  CHECK(contains(pjson, "\"age_years\":64"));
  CHECK(contains(pjson, "\"babinski_sign\":\"present\""));
  CHECK(contains(pjson, "\"diabetes\":\"absent\""));
  CHECK(!contains(pjson, "smoker"));
  CHECK(stenosis_assess(p, &a, &err) == STENOSIS_OK);
  CHECK(err == NULL);
  /* The Assessment does not borrow the Presentation. */
  stenosis_presentation_free(p);
  CHECK(stenosis_assessment_to_json(a, &ajson, NULL) == STENOSIS_OK);
  CHECK(stenosis_assess_json(pjson, strlen(pjson), &viajson, NULL) == STENOSIS_OK);
  CHECK(streq(ajson, viajson)); /* typed and JSON APIs agree byte for byte */
  CHECK(stenosis_assessment_summary(a, &s, NULL) == STENOSIS_OK);
  CHECK(s.pathway == STENOSIS_PATHWAY_FURTHER_WORKUP);
  CHECK(s.top_condition == STENOSIS_CONDITION_CERVICAL_MYELOPATHY);
  CHECK(stenosis_assessment_severity(a, &sev, NULL) == STENOSIS_OK);
  CHECK(sev.known && sev.mjoa == 13 && sev.severity_class == STENOSIS_SEVERITY_CLASS_MODERATE);
  for (i = 0; i < s.recommendations_len; i++) {
    CHECK(stenosis_assessment_recommendation(a, i, &r, NULL) == STENOSIS_OK);
    if (r.action == STENOSIS_ACTION_CERVICAL_MRI) cervical_mri = r.urgency == STENOSIS_URGENCY_URGENT;
  }
  CHECK(cervical_mri);
  CHECK(walk_assessment(a));
  CHECK(streq(s.engine_version, stenosis_version()));
  stenosis_string_free(pjson);
  stenosis_string_free(ajson);
  stenosis_string_free(viajson);
  stenosis_assessment_free(a);

  /* from_json + clear. */
  p = NULL;
  CHECK(stenosis_presentation_from_json(CASE, strlen(CASE), &p, NULL) == STENOSIS_OK);
  CHECK(stenosis_presentation_clear(p, NULL) == STENOSIS_OK);
  pjson = NULL;
  CHECK(stenosis_presentation_to_json(p, &pjson, NULL) == STENOSIS_OK);
  CHECK(streq(pjson, "{\"findings\":{}}") || streq(pjson, "{}"));
  stenosis_string_free(pjson);
  stenosis_presentation_free(p);
  p = SENTINEL;
  err = NULL;
  CHECK(stenosis_presentation_from_json("{\"mjoa\": 40}", 12, &p, &err) == STENOSIS_INVALID_PRESENTATION);
  CHECK(p == NULL);
  CHECK(streq(stenosis_error_field(err), "mjoa"));
  stenosis_error_free(err);
}

/* ---- Vignettes: byte-identical JSON, and the same through many threads. ---- */

#define MAX_VIGNETTES 256

typedef struct {
  char name[128];
  char *input;
  size_t input_len;
  char *expected;
} Vignette;

static Vignette vignettes[MAX_VIGNETTES];
static size_t vignette_count = 0;

static int load_vignettes(const char *dir) {
  char path[1024];
  char line[128];
  FILE *index;
  snprintf(path, sizeof path, "%s/index.txt", dir);
  index = fopen(path, "r");
  if (index == NULL) return 0;
  while (vignette_count < MAX_VIGNETTES && fgets(line, sizeof line, index) != NULL) {
    Vignette *v = &vignettes[vignette_count];
    size_t n = strcspn(line, "\r\n"), len = 0;
    line[n] = '\0';
    if (n == 0) continue;
    memcpy(v->name, line, n + 1);
    snprintf(path, sizeof path, "%s/%s.input.json", dir, line);
    v->input = read_file(path, &v->input_len);
    snprintf(path, sizeof path, "%s/%s.expected.json", dir, line);
    v->expected = read_file(path, &len);
    if (v->input == NULL || v->expected == NULL) {
      fclose(index);
      return 0;
    }
    vignette_count++;
  }
  fclose(index);
  return vignette_count > 0;
}

/* Assesses one vignette through both APIs; returns 1 when both outputs equal the expected JSON. */
static int assess_vignette(const Vignette *v) {
  char *out = NULL;
  char *typed = NULL;
  StenosisPresentation *p = NULL;
  StenosisAssessment *a = NULL;
  int ok = stenosis_assess_json(v->input, v->input_len, &out, NULL) == STENOSIS_OK && streq(out, v->expected);
  ok &= stenosis_presentation_from_json(v->input, v->input_len, &p, NULL) == STENOSIS_OK;
  ok &= stenosis_assess(p, &a, NULL) == STENOSIS_OK;
  ok &= stenosis_assessment_to_json(a, &typed, NULL) == STENOSIS_OK && streq(typed, v->expected);
  stenosis_string_free(out);
  stenosis_string_free(typed);
  stenosis_assessment_free(a);
  stenosis_presentation_free(p);
  return ok;
}

static void test_vignettes(void) {
  size_t i;
  for (i = 0; i < vignette_count; i++) {
    char what[200];
    StenosisAssessment *a = NULL;
    StenosisPresentation *p = NULL;
    snprintf(what, sizeof what, "vignette %.100s: JSON byte-identical to the core's (both APIs)", vignettes[i].name);
    record(assess_vignette(&vignettes[i]), what, __FILE__, __LINE__);
    snprintf(what, sizeof what, "vignette %.100s: typed accessors consistent", vignettes[i].name);
    record(stenosis_presentation_from_json(vignettes[i].input, vignettes[i].input_len, &p, NULL) == STENOSIS_OK &&
               stenosis_assess(p, &a, NULL) == STENOSIS_OK && walk_assessment(a),
           what, __FILE__, __LINE__);
    stenosis_assessment_free(a);
    stenosis_presentation_free(p);
  }
}

typedef struct {
  int rounds;
  const StenosisAssessment *shared;
  const char *shared_json;
  int mismatches;
} Worker;

static void *worker_main(void *arg) {
  Worker *w = arg;
  int r;
  size_t i;
  for (r = 0; r < w->rounds; r++) {
    for (i = 0; i < vignette_count; i++) {
      /* Start each thread at a different vignette so that different work overlaps. */
      const Vignette *v = &vignettes[(i + (size_t)r * 7u + (size_t)(w - (Worker *)0) % 13u) % vignette_count];
      char *json = NULL;
      StenosisError *err = NULL;
      if (!assess_vignette(v)) w->mismatches++;
      /* Errors from many threads at once: each call gets its own error object. */
      if (stenosis_assess_json("{\"mjoa\": 99}", 12, &json, &err) != STENOSIS_INVALID_PRESENTATION ||
          !streq(stenosis_error_field(err), "mjoa"))
        w->mismatches++;
      stenosis_error_free(err);
      /* One Assessment shared read-only by every thread. */
      if (stenosis_assessment_to_json(w->shared, &json, NULL) != STENOSIS_OK || !streq(json, w->shared_json) ||
          !walk_assessment(w->shared))
        w->mismatches++;
      stenosis_string_free(json);
    }
  }
  return NULL;
}

static void test_threads(int threads, int rounds) {
  pthread_t tid[64];
  Worker workers[64];
  StenosisPresentation *p = NULL;
  StenosisAssessment *shared = NULL;
  char *shared_json = NULL;
  int t, started = 0, mismatches = 0;
  char what[160];
  if (threads > 64) threads = 64;
  CHECK(stenosis_presentation_from_json(vignettes[0].input, vignettes[0].input_len, &p, NULL) == STENOSIS_OK);
  CHECK(stenosis_assess(p, &shared, NULL) == STENOSIS_OK);
  CHECK(stenosis_assessment_to_json(shared, &shared_json, NULL) == STENOSIS_OK);
  for (t = 0; t < threads; t++) {
    workers[t].rounds = rounds;
    workers[t].shared = shared;
    workers[t].shared_json = shared_json;
    workers[t].mismatches = 0;
    if (pthread_create(&tid[t], NULL, worker_main, &workers[t]) == 0) started++;
  }
  CHECK(started == threads);
  for (t = 0; t < started; t++) {
    pthread_join(tid[t], NULL);
    mismatches += workers[t].mismatches;
  }
  snprintf(what, sizeof what, "%d threads x %d rounds x %u vignettes: results identical to one thread (%d mismatches)",
           threads, rounds, (unsigned)vignette_count, mismatches);
  record(mismatches == 0, what, __FILE__, __LINE__);
  stenosis_string_free(shared_json);
  stenosis_assessment_free(shared);
  stenosis_presentation_free(p);
}

/* FHIR R4 in: the cauda equina patient of the issue (Condition 267064002, Observation 449813001). */
static void test_fhir(void) {
  static const char bundle[] =
      "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
      "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p\", \"birthDate\": \"1968-04-12\"}},"
      "{\"resource\": {\"resourceType\": \"Condition\", \"id\": \"c\", \"code\": {\"coding\": "
      "[{\"system\": \"http://snomed.info/sct\", \"code\": \"267064002\"}]}}},"
      "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"o\", \"status\": \"final\", \"code\": {\"coding\": "
      "[{\"system\": \"http://snomed.info/sct\", \"code\": \"449813001\"}]}}},"
      "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"x\", \"status\": \"final\", \"code\": {\"coding\": "
      "[{\"system\": \"http://loinc.org\", \"code\": \"85354-9\"}]}}}]}";
  char *out = NULL;
  StenosisError *err = NULL;
  CHECK(stenosis_fhir_bundle_to_json(bundle, strlen(bundle), "2026-12-01", &out, &err) == STENOSIS_OK);
  CHECK(contains(out, "\"urinary_retention\":\"present\""));
  CHECK(contains(out, "\"saddle_anesthesia\":\"present\""));
  CHECK(contains(out, "\"age_years\":58"));
  CHECK(contains(out, "85354-9")); /* the unknown code is reported, never guessed */
  stenosis_string_free(out);
  out = NULL;
  CHECK(stenosis_assess_fhir_json(bundle, strlen(bundle), NULL, &out, &err) == STENOSIS_OK);
  CHECK(contains(out, "cauda_equina_suspected"));
  stenosis_string_free(out);

  out = SENTINEL;
  CHECK(stenosis_fhir_bundle_to_json("{\"resourceType\": \"Patient\"}", 27, NULL, &out, &err) ==
        STENOSIS_INVALID_PRESENTATION);
  CHECK(out == NULL);
  CHECK(err != NULL && streq(stenosis_error_field(err), "resourceType"));
  stenosis_error_free(err);
  err = NULL;
  out = SENTINEL;
  CHECK(stenosis_assess_fhir_json("{", 1, NULL, &out, &err) == STENOSIS_INVALID_JSON);
  CHECK(out == NULL);
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_fhir_bundle_to_json(bundle, strlen(bundle), "1 Dec 2026", &out, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(err != NULL && streq(stenosis_error_field(err), "as_of"));
  stenosis_error_free(err);
  err = NULL;
  CHECK(stenosis_fhir_bundle_to_json(NULL, 0, NULL, &out, &err) == STENOSIS_INVALID_ARGUMENT);
  stenosis_error_free(err);
}

/* Detail levels and the reference registry: the core's writers, the same bytes as the CLI's. */
static void test_detail_and_references(void) {
  char *full = NULL, *again = NULL, *standard = NULL, *summary = NULL, *out = SENTINEL;
  StenosisError *err = NULL;
  const char *refs = stenosis_references_json();
  CHECK(refs != NULL && refs[0] == '[');
  CHECK(stenosis_references_json() == refs); /* static */
  CHECK(contains(refs, "\"id\":\"fehlings2017_guideline\""));

  CHECK(stenosis_assess_json(CASE, strlen(CASE), &full, NULL) == STENOSIS_OK);
  CHECK(stenosis_assess_json_detail(CASE, strlen(CASE), STENOSIS_DETAIL_FULL, &again, NULL) == STENOSIS_OK);
  CHECK(full != NULL && again != NULL && streq(full, again));
  CHECK(stenosis_assess_json_detail(CASE, strlen(CASE), STENOSIS_DETAIL_STANDARD, &standard, NULL) == STENOSIS_OK);
  CHECK(standard != NULL && !contains(standard, "\"next_findings\"") && contains(standard, "\"citations\":[\""));
  CHECK(full != NULL && contains(full, "\"next_findings\""));
  CHECK(stenosis_assess_json_detail(CASE, strlen(CASE), STENOSIS_DETAIL_SUMMARY, &summary, NULL) == STENOSIS_OK);
  CHECK(summary != NULL && contains(summary, "\"pathway\":\"further_workup\"") && !contains(summary, "differential"));

  /* A detail code out of range names the parameter; output is NULL. */
  CHECK(stenosis_assess_json_detail(CASE, strlen(CASE), 3, &out, &err) == STENOSIS_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(contains(stenosis_error_message(err), "detail must be a StenosisDetail value"));
  stenosis_error_free(err);
  err = NULL;
  /* Bad input is refused as by stenosis_assess_json, naming the field. */
  out = SENTINEL;
  CHECK(stenosis_assess_json_detail("{\"mjoa\": 19}", 13, STENOSIS_DETAIL_SUMMARY, &out, &err) ==
        STENOSIS_INVALID_PRESENTATION);
  CHECK(out == NULL);
  CHECK(streq(stenosis_error_field(err), "mjoa"));
  stenosis_error_free(err);
  err = NULL;

  /* The typed API: the same bytes from an Assessment handle. */
  {
    StenosisPresentation *p = NULL;
    StenosisAssessment *a = NULL;
    char *s2 = NULL;
    CHECK(stenosis_presentation_from_json(CASE, strlen(CASE), &p, NULL) == STENOSIS_OK);
    CHECK(stenosis_assess(p, &a, NULL) == STENOSIS_OK);
    CHECK(stenosis_assessment_to_json_detail(a, STENOSIS_DETAIL_STANDARD, &s2, NULL) == STENOSIS_OK);
    CHECK(s2 != NULL && standard != NULL && streq(s2, standard));
    stenosis_string_free(s2);
    s2 = SENTINEL;
    CHECK(stenosis_assessment_to_json_detail(a, 99, &s2, &err) == STENOSIS_INVALID_ARGUMENT);
    CHECK(s2 == NULL && contains(stenosis_error_message(err), "detail"));
    stenosis_error_free(err);
    err = NULL;
    CHECK(stenosis_assessment_to_json_detail(NULL, STENOSIS_DETAIL_FULL, &s2, NULL) == STENOSIS_INVALID_ARGUMENT);
    stenosis_assessment_free(a);
    stenosis_presentation_free(p);
  }
  stenosis_string_free(full);
  stenosis_string_free(again);
  stenosis_string_free(standard);
  stenosis_string_free(summary);
}

int main(int argc, char **argv) {
  int threads = argc > 2 ? atoi(argv[2]) : 8;
  int rounds = argc > 3 ? atoi(argv[3]) : 4;
  size_t i;
  if (argc < 2) {
    fprintf(stderr, "usage: %s VIGNETTE_DIR [THREADS] [ROUNDS]\n", argv[0]);
    return 2;
  }
  test_version();
  test_ids();
  test_json_ok();
  test_null_pointers();
  test_bad_json();
  test_bad_presentation();
  test_large_inputs();
  test_typed_errors();
  test_typed_api();
  test_record_id();
  test_recommendation_grades();
  test_internal();
  test_fhir();
  test_detail_and_references();
  CHECK(load_vignettes(argv[1]));
  if (vignette_count > 0) {
    test_vignettes();
    test_threads(threads, rounds);
  }
  for (i = 0; i < vignette_count; i++) {
    free(vignettes[i].input);
    free(vignettes[i].expected);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
