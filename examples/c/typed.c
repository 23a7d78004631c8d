/*
 * Builds a Presentation with the typed API, assesses it and prints the pathway and the
 * recommendations. Build: cc -std=c99 typed.c $(pkg-config --cflags --libs stenosis)
 */
#include <stdio.h>

#include "stenosis.h"

static int fail(StenosisStatus status, StenosisError *error) {
  const char *field = stenosis_error_field(error);
  fprintf(stderr, "stenosis: status %u: %s (field: %s)\n", (unsigned)status, stenosis_error_message(error),
          field ? field : "none");
  stenosis_error_free(error);
  return 1;
}

int main(void) {
  StenosisPresentation *p = NULL;
  StenosisAssessment *a = NULL;
  StenosisError *error = NULL;
  StenosisSummary summary;
  StenosisStatus st;
  size_t i;
  static const uint32_t present[] = {STENOSIS_FINDING_BILATERAL_LEG_SYMPTOMS, STENOSIS_FINDING_GAIT_DIFFICULTY,
                                     STENOSIS_FINDING_HOFFMANN_SIGN, STENOSIS_FINDING_BABINSKI_SIGN};

  printf("stenosis %s\n", stenosis_version());
  if ((st = stenosis_presentation_new(&p, &error)) != STENOSIS_OK) return fail(st, error);
  if ((st = stenosis_presentation_set_age_years(p, 64, &error)) != STENOSIS_OK ||
      (st = stenosis_presentation_set_course(p, STENOSIS_COURSE_PROGRESSIVE, &error)) != STENOSIS_OK) {
    stenosis_presentation_free(p);
    return fail(st, error);
  }
  for (i = 0; i < sizeof present / sizeof present[0]; i++) {
    st = stenosis_presentation_set_finding(p, present[i], STENOSIS_FINDING_STATUS_PRESENT, &error);
    if (st != STENOSIS_OK) {
      stenosis_presentation_free(p);
      return fail(st, error);
    }
  }
  /* A bad value is refused with a status, a message and the field. */
  st = stenosis_presentation_set_mjoa(p, 25, &error);
  printf("set_mjoa(25): status %u, field %s: %s\n", (unsigned)st, stenosis_error_field(error),
         stenosis_error_message(error));
  stenosis_error_free(error);
  error = NULL;

  st = stenosis_assess(p, &a, &error);
  stenosis_presentation_free(p); /* the Assessment does not borrow it */
  if (st != STENOSIS_OK) return fail(st, error);
  if ((st = stenosis_assessment_summary(a, &summary, &error)) != STENOSIS_OK) {
    stenosis_assessment_free(a);
    return fail(st, error);
  }
  printf("pathway: %s\n  %s\n", stenosis_pathway_id(summary.pathway), summary.pathway_rationale);
  printf("top condition: %s\n", stenosis_condition_id(summary.top_condition));
  printf("recommendations:\n");
  for (i = 0; i < summary.recommendations_len; i++) {
    StenosisRecommendation r;
    if (stenosis_assessment_recommendation(a, i, &r, NULL) == STENOSIS_OK) {
      printf("  - %s (%s): %s\n", stenosis_action_id(r.action), stenosis_urgency_id(r.urgency), r.rationale);
    }
  }
  stenosis_assessment_free(a);
  return 0;
}
