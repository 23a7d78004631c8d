// Tests of the header-only C++17 wrapper (stenosis.hpp): exceptions carry status, message and
// field; no error object leaks on any throwing path; RAII frees everything. Run normally, under
// valgrind and with ASan+UBSan by scripts/test-c.sh. Ends with "N passed, N failed".
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

#include "stenosis.hpp"

static int passed = 0, failed = 0;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (cond) {                                                       \
      ++passed;                                                       \
    } else {                                                          \
      ++failed;                                                       \
      std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

template <typename F>
static void expect_error(F f, StenosisStatus status, const char *field, const char *needle) {
  try {
    f();
    CHECK(!"an exception was expected");
  } catch (const stenosis::Error &e) {
    CHECK(e.status() == status);
    if (field) {
      CHECK(e.field().has_value() && *e.field() == field);
    } else {
      CHECK(!e.field().has_value());
    }
    CHECK(std::strstr(e.what(), needle) != nullptr);
  }
}

int main() {
  // Failing calls that return through detail::check with an out-parameter error object.
  for (int i = 0; i < 200; ++i) {
    expect_error([] { stenosis::Presentation::from_json(R"({"mjoa": 99})"); }, STENOSIS_INVALID_PRESENTATION, "mjoa",
                 "0 to 18");
    expect_error([] { stenosis::Presentation::from_json(R"({"findings": {"babinsky_sign": "present"}})"); },
                 STENOSIS_INVALID_PRESENTATION, "findings.babinsky_sign", "babinski_sign");
    expect_error([] { stenosis::Presentation::from_json("{\"age_years\": 61"); }, STENOSIS_INVALID_JSON, nullptr,
                 "malformed JSON");
    expect_error([] { stenosis::Presentation().set_ankle_brachial_index(9.0); }, STENOSIS_INVALID_PRESENTATION,
                 "ankle_brachial_index", "0 to 3");
    expect_error([] { stenosis::Presentation().set_ankle_brachial_index(std::numeric_limits<double>::quiet_NaN()); },
                 STENOSIS_INVALID_PRESENTATION, "ankle_brachial_index", "NaN");
    expect_error([] { stenosis::assess_json(std::string("\xff{}")); }, STENOSIS_INVALID_UTF8, nullptr, "UTF-8");
  }

  // The happy path through the typed API and RAII.
  stenosis::Presentation p = stenosis::Presentation::from_json(
      R"({"age_years": 64, "course": "progressive", "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "gait_deviation": "present"}})");
  stenosis::Assessment a = p.assess();
  CHECK(a.pathway() == STENOSIS_PATHWAY_FURTHER_WORKUP);
  const auto recs = a.recommendations();
  CHECK(!recs.empty());
  CHECK(recs.front().urgency == STENOSIS_URGENCY_URGENT || recs.front().urgency == STENOSIS_URGENCY_EMERGENCY);
  CHECK(a.differential().size() == STENOSIS_CONDITION_COUNT);
  // No guideline grade on these recommendations (no established DCM): the NONE values, "" as ids.
  for (const StenosisRecommendation &r : recs) {
    CHECK(r.strength == STENOSIS_STRENGTH_NONE && r.evidence_quality == STENOSIS_EVIDENCE_QUALITY_NONE);
    CHECK(stenosis::id(static_cast<StenosisStrength>(r.strength)).empty());
  }
  // Moderate DCM with compression: AO Spine/CSRS 'we recommend surgery', strong, moderate quality.
  {
    stenosis::Assessment m = stenosis::Presentation::from_json(
        R"({"age_years": 67, "course": "progressive", "mjoa": 13, "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "hyperreflexia": "present", "gait_deviation": "present", "cervical_cord_compression_on_mri": "present"}})")
        .assess();
    bool graded = false;
    for (const StenosisRecommendation &r : m.recommendations()) {
      if (r.action == STENOSIS_ACTION_SPINE_SURGERY_REFERRAL) {
        graded = stenosis::id(static_cast<StenosisStrength>(r.strength)) == "strong" &&
                 stenosis::id(static_cast<StenosisEvidenceQuality>(r.evidence_quality)) == "moderate";
      }
    }
    CHECK(graded);
  }
  CHECK(a.to_json() == stenosis::assess_json(R"({"age_years": 64, "course": "progressive", "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "gait_deviation": "present"}})"));
  CHECK(a.to_cds_hooks_json().rfind("{\"cards\":[", 0) == 0);
  {
    const char *in = R"({"age_years": 64, "course": "progressive", "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "gait_deviation": "present"}})";
    CHECK(a.to_json(STENOSIS_DETAIL_FULL) == a.to_json());
    CHECK(a.to_json(STENOSIS_DETAIL_STANDARD) == stenosis::assess_json(in, STENOSIS_DETAIL_STANDARD));
    CHECK(a.to_json(STENOSIS_DETAIL_SUMMARY).find("\"next_findings\"") == std::string::npos);
    CHECK(stenosis::references_json().rfind("[{\"id\":", 0) == 0);
    bool threw = false;
    try {
      stenosis::assess_json(in, static_cast<StenosisDetail>(7));
    } catch (const stenosis::Error &e) {
      threw = e.status() == STENOSIS_INVALID_ARGUMENT && std::string(e.what()).find("detail") != std::string::npos;
    }
    CHECK(threw);
  }
  {
    // The record id: set, echoed, refused naming the field, cleared.
    stenosis::Presentation p;
    p.set_age_years(70).set_id("r-9");
    CHECK(p.assess().id() == std::optional<std::string>("r-9"));
    CHECK(p.assess().to_json(STENOSIS_DETAIL_SUMMARY).rfind("{\"id\":\"r-9\",", 0) == 0);
    expect_error([&] { p.set_id("two words"); }, STENOSIS_INVALID_PRESENTATION, "id", "letter");
    CHECK(p.assess().id() == std::optional<std::string>("r-9"));  // unchanged by the refusal
    CHECK(!p.clear_id().assess().id().has_value());
  }
  stenosis::Assessment moved = std::move(a);
  CHECK(moved.myelopathy().cook_positive == 4);

  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
