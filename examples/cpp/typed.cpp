// Builds a Presentation with the C++ wrapper, assesses it and prints the pathway and the
// recommendations.
#include <iostream>
#include <limits>

#include "stenosis.hpp"

int main() {
  try {
    std::cout << "stenosis " << stenosis::version() << "\n";
    stenosis::Presentation p;
    p.set_age_years(64)
        .set_course(STENOSIS_COURSE_PROGRESSIVE)
        .set_finding(STENOSIS_FINDING_BILATERAL_LEG_SYMPTOMS, STENOSIS_FINDING_STATUS_PRESENT)
        .set_finding(STENOSIS_FINDING_GAIT_DIFFICULTY, STENOSIS_FINDING_STATUS_PRESENT)
        .set_finding(STENOSIS_FINDING_HOFFMANN_SIGN, STENOSIS_FINDING_STATUS_PRESENT)
        .set_finding(STENOSIS_FINDING_BABINSKI_SIGN, STENOSIS_FINDING_STATUS_PRESENT);
    try {
      p.set_ankle_brachial_index(std::numeric_limits<double>::quiet_NaN());
    } catch (const stenosis::Error &e) {
      std::cout << "set_ankle_brachial_index(NaN): status " << e.status() << ", field "
                << e.field().value_or("none") << ": " << e.what() << "\n";
    }
    const stenosis::Assessment a = p.assess();
    const StenosisSummary s = a.summary();
    std::cout << "pathway: " << stenosis::id(static_cast<StenosisPathway>(s.pathway)) << "\n  "
              << s.pathway_rationale << "\n";
    std::cout << "recommendations:\n";
    for (const StenosisRecommendation &r : a.recommendations()) {
      std::cout << "  - " << stenosis::id(static_cast<StenosisAction>(r.action)) << " ("
                << stenosis::id(static_cast<StenosisUrgency>(r.urgency)) << "): " << r.rationale << "\n";
    }
  } catch (const stenosis::Error &e) {
    std::cerr << "stenosis: status " << e.status() << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
