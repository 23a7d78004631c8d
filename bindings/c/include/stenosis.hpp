/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file stenosis.hpp
 * Header-only C++17 wrapper over stenosis.h: RAII handles and exceptions.
 *
 * - stenosis::Error (a std::runtime_error) carries the StenosisStatus and, when one applies, the
 *   Presentation field at fault. Every failing call throws it; nothing leaks on any path.
 * - stenosis::Presentation (movable, not copyable) is a builder: use one per thread.
 * - stenosis::Assessment (movable) is immutable: share a const reference across threads freely.
 *   Values it returns (C structs and const char *) point into it and live as long as it does.
 */
#ifndef STENOSIS_HPP
#define STENOSIS_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stenosis.h"

namespace stenosis {

/** A failed call: the status, the message and the field at fault (if any). */
class Error : public std::runtime_error {
 public:
  Error(StenosisStatus status, const std::string &message, std::optional<std::string> field)
      : std::runtime_error(message), status_(status), field_(std::move(field)) {}
  /** Why the call failed. */
  StenosisStatus status() const noexcept { return status_; }
  /** The Presentation field at fault (for example "age_years"), or std::nullopt. */
  const std::optional<std::string> &field() const noexcept { return field_; }

 private:
  StenosisStatus status_;
  std::optional<std::string> field_;
};

namespace detail {

struct ErrorFree {
  void operator()(StenosisError *e) const noexcept { stenosis_error_free(e); }
};
struct StringFree {
  void operator()(char *s) const noexcept { stenosis_string_free(s); }
};
struct PresentationFree {
  void operator()(StenosisPresentation *p) const noexcept { stenosis_presentation_free(p); }
};
struct AssessmentFree {
  void operator()(StenosisAssessment *a) const noexcept { stenosis_assessment_free(a); }
};

/** Throws stenosis::Error when status is not STENOSIS_OK; always frees the error object.
 *  `raw` is taken by reference so that it is read after the C call has written it (the order in
 *  which function arguments are evaluated is unspecified). */
inline void check(StenosisStatus status, StenosisError *&raw) {
  std::unique_ptr<StenosisError, ErrorFree> err(raw);
  raw = nullptr;
  if (status == STENOSIS_OK) return;
  const char *message = err ? stenosis_error_message(err.get()) : nullptr;
  const char *field = err ? stenosis_error_field(err.get()) : nullptr;
  throw Error(status, message ? message : "stenosis: call failed",
              field ? std::optional<std::string>(field) : std::nullopt);
}

/** Takes ownership of a library string and copies it into a std::string. */
inline std::string take(char *raw) {
  std::unique_ptr<char, StringFree> s(raw);
  return s ? std::string(s.get()) : std::string();
}

}  // namespace detail

/** The library version. */
inline std::string version() { return stenosis_version(); }

/**
 * The string id of a vocabulary value, as used in the JSON ("emergency", "cervical_mri", ...);
 * empty for an unknown code. Struct fields hold codes as uint32_t: cast them to the enum, for
 * example stenosis::id(static_cast<StenosisAction>(r.action)).
 */
inline std::string id(StenosisFinding v) { const char *s = stenosis_finding_id(v); return s ? s : ""; }
inline std::string id(StenosisFindingStatus v) { const char *s = stenosis_finding_status_id(v); return s ? s : ""; }
inline std::string id(StenosisSex v) { const char *s = stenosis_sex_id(v); return s ? s : ""; }
inline std::string id(StenosisCourse v) { const char *s = stenosis_course_id(v); return s ? s : ""; }
inline std::string id(StenosisCondition v) { const char *s = stenosis_condition_id(v); return s ? s : ""; }
inline std::string id(StenosisLikelihood v) { const char *s = stenosis_likelihood_id(v); return s ? s : ""; }
inline std::string id(StenosisSeverityClass v) { const char *s = stenosis_severity_class_id(v); return s ? s : ""; }
inline std::string id(StenosisPathway v) { const char *s = stenosis_pathway_id(v); return s ? s : ""; }
inline std::string id(StenosisAction v) { const char *s = stenosis_action_id(v); return s ? s : ""; }
inline std::string id(StenosisUrgency v) { const char *s = stenosis_urgency_id(v); return s ? s : ""; }
inline std::string id(StenosisRedFlag v) { const char *s = stenosis_red_flag_id(v); return s ? s : ""; }
inline std::string id(StenosisWarning v) { const char *s = stenosis_warning_id(v); return s ? s : ""; }
/** "" for STENOSIS_STRENGTH_NONE (no grade). */
inline std::string id(StenosisStrength v) { const char *s = stenosis_strength_id(v); return s ? s : ""; }
/** "" for STENOSIS_EVIDENCE_QUALITY_NONE (no grade). */
inline std::string id(StenosisEvidenceQuality v) { const char *s = stenosis_evidence_quality_id(v); return s ? s : ""; }

/** Assesses a Presentation given as JSON; returns the Assessment JSON. Throws stenosis::Error. */
inline std::string assess_json(std::string_view input) {
  char *out = nullptr;
  StenosisError *err = nullptr;
  StenosisStatus st = stenosis_assess_json(input.data(), input.size(), &out, &err);
  detail::check(st, err);
  return detail::take(out);
}

/** Assesses a Presentation given as JSON; returns its JSON at a detail level
 *  (STENOSIS_DETAIL_FULL is assess_json's). Throws stenosis::Error. */
inline std::string assess_json(std::string_view input, StenosisDetail level) {
  char *out = nullptr;
  StenosisError *err = nullptr;
  StenosisStatus st = stenosis_assess_json_detail(input.data(), input.size(), level, &out, &err);
  detail::check(st, err);
  return detail::take(out);
}

/** The reference registry as JSON (the ids of a standard Assessment's citations point into it). */
inline std::string references_json() { return stenosis_references_json(); }

/** An immutable Assessment. Safe to read from many threads at once. */
class Assessment {
 public:
  /** Takes ownership of a handle from stenosis_assess. */
  explicit Assessment(StenosisAssessment *raw) noexcept : a_(raw) {}

  /** The underlying handle (still owned by this object). */
  const StenosisAssessment *get() const noexcept { return a_.get(); }

  /** The contract JSON, byte-identical to stenosis::assess_json. */
  std::string to_json() const {
    char *out = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_assessment_to_json(a_.get(), &out, &err), err);
    return detail::take(out);
  }

  /** The JSON at a detail level (STENOSIS_DETAIL_FULL is to_json()'s). */
  std::string to_json(StenosisDetail level) const {
    char *out = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_assessment_to_json_detail(a_.get(), level, &out, &err), err);
    return detail::take(out);
  }

  /** The HL7 CDS Hooks 2.0 response ({"cards": [...]}) for this Assessment. */
  std::string to_cds_hooks_json() const {
    char *out = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_assessment_to_cds_hooks_json(a_.get(), &out, &err), err);
    return detail::take(out);
  }

  /** Pathway, rationale, top condition, severity, versions and list lengths. */
  StenosisSummary summary() const & { return value<StenosisSummary>(stenosis_assessment_summary); }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  StenosisSummary summary() const && = delete;
  /** The record id given in the Presentation, or std::nullopt. */
  std::optional<std::string> id() const {
    const char *out = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_assessment_id(a_.get(), &out, &err), err);
    return out ? std::optional<std::string>(out) : std::nullopt;
  }
  /** The pathway. */
  StenosisPathway pathway() const { return static_cast<StenosisPathway>(summary().pathway); }
  /** mJOA severity (known == false when no mJOA was given). */
  StenosisSeverity severity() const { return value<StenosisSeverity>(stenosis_assessment_severity); }
  /** The cervical question. */
  StenosisMyelopathy myelopathy() const & { return value<StenosisMyelopathy>(stenosis_assessment_myelopathy); }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  StenosisMyelopathy myelopathy() const && = delete;

  /** The differential, most likely first. */
  std::vector<StenosisDifferentialEntry> differential() const & {
    return list<StenosisDifferentialEntry>(summary().differential_len, stenosis_assessment_differential);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisDifferentialEntry> differential() const && = delete;
  /** Recommendations, most urgent first. */
  std::vector<StenosisRecommendation> recommendations() const & {
    return list<StenosisRecommendation>(summary().recommendations_len, stenosis_assessment_recommendation);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisRecommendation> recommendations() const && = delete;
  /** Red flags (id: StenosisRedFlag). */
  std::vector<StenosisAlert> red_flags() const & {
    return list<StenosisAlert>(summary().red_flags_len, stenosis_assessment_red_flag);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisAlert> red_flags() const && = delete;
  /** Warnings (id: StenosisWarning). */
  std::vector<StenosisAlert> warnings() const & {
    return list<StenosisAlert>(summary().warnings_len, stenosis_assessment_warning);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisAlert> warnings() const && = delete;
  /** Next findings, best first. */
  std::vector<StenosisNextFinding> next_findings() const & {
    return list<StenosisNextFinding>(summary().next_findings_len, stenosis_assessment_next_finding);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisNextFinding> next_findings() const && = delete;
  /** Prognosis notes. */
  std::vector<StenosisPrognosis> prognosis() const & {
    return list<StenosisPrognosis>(summary().prognosis_len, stenosis_assessment_prognosis);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisPrognosis> prognosis() const && = delete;
  /** Full references. */
  std::vector<StenosisCitation> citations() const & {
    return list<StenosisCitation>(summary().citations_len, stenosis_assessment_citation);
  }
  /** Deleted: the result borrows from the Assessment, which must outlive it (no temporaries). */
  std::vector<StenosisCitation> citations() const && = delete;

 private:
  template <typename T>
  T value(StenosisStatus (*fn)(const StenosisAssessment *, T *, StenosisError **)) const {
    T out{};
    StenosisError *err = nullptr;
    detail::check(fn(a_.get(), &out, &err), err);
    return out;
  }
  template <typename T>
  std::vector<T> list(size_t n, StenosisStatus (*fn)(const StenosisAssessment *, size_t, T *, StenosisError **)) const {
    std::vector<T> out(n);
    for (size_t i = 0; i < n; ++i) {
      StenosisError *err = nullptr;
      detail::check(fn(a_.get(), i, &out[i], &err), err);
    }
    return out;
  }
  std::unique_ptr<StenosisAssessment, detail::AssessmentFree> a_;
};

/** A Presentation builder. Not thread-safe: use one per thread. Setters return *this. */
class Presentation {
 public:
  /** An empty Presentation. */
  Presentation() {
    StenosisPresentation *raw = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_presentation_new(&raw, &err), err);
    p_.reset(raw);
  }
  /** Parses a Presentation from JSON. Throws stenosis::Error. */
  static Presentation from_json(std::string_view input) {
    StenosisPresentation *raw = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_presentation_from_json(input.data(), input.size(), &raw, &err), err);
    return Presentation(raw);
  }

  /** Age in years (0 to STENOSIS_AGE_YEARS_MAX). */
  Presentation &set_age_years(int64_t v) { return run(stenosis_presentation_set_age_years(p_.get(), v, &e())); }
  /** Sex. */
  Presentation &set_sex(StenosisSex v) { return run(stenosis_presentation_set_sex(p_.get(), v, &e())); }
  /** Course of the leg symptoms. */
  Presentation &set_course(StenosisCourse v) { return run(stenosis_presentation_set_course(p_.get(), v, &e())); }
  /** Symptom duration in months (0 to STENOSIS_SYMPTOM_DURATION_MONTHS_MAX). */
  Presentation &set_symptom_duration_months(double v) {
    return run(stenosis_presentation_set_symptom_duration_months(p_.get(), v, &e()));
  }
  /** mJOA score (0 to STENOSIS_MJOA_MAX). */
  Presentation &set_mjoa(int64_t v) { return run(stenosis_presentation_set_mjoa(p_.get(), v, &e())); }
  /** Ankle-brachial index (0 to STENOSIS_ANKLE_BRACHIAL_INDEX_MAX). */
  Presentation &set_ankle_brachial_index(double v) {
    return run(stenosis_presentation_set_ankle_brachial_index(p_.get(), v, &e()));
  }
  /** One finding. */
  Presentation &set_finding(StenosisFinding f, StenosisFindingStatus s) {
    return run(stenosis_presentation_set_finding(p_.get(), f, s, &e()));
  }
  /** The record id (1 to STENOSIS_ID_MAX_LEN ASCII letters or digits, '.', '_', ':' or '-'),
   *  echoed by the Assessment. */
  Presentation &set_id(std::string_view id) {
    return run(stenosis_presentation_set_id(p_.get(), id.data() ? id.data() : "", id.size(), &e()));
  }
  /** Clears the record id. */
  Presentation &clear_id() { return run(stenosis_presentation_set_id(p_.get(), nullptr, 0, &e())); }
  /** Clears everything. */
  Presentation &clear() { return run(stenosis_presentation_clear(p_.get(), &e())); }

  /** The canonical Presentation JSON. */
  std::string to_json() const {
    char *out = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_presentation_to_json(p_.get(), &out, &err), err);
    return detail::take(out);
  }
  /** Assesses it. The Assessment does not borrow the Presentation. */
  Assessment assess() const {
    StenosisAssessment *raw = nullptr;
    StenosisError *err = nullptr;
    detail::check(stenosis_assess(p_.get(), &raw, &err), err);
    return Assessment(raw);
  }
  /** The underlying handle (still owned by this object). */
  StenosisPresentation *get() noexcept { return p_.get(); }

 private:
  explicit Presentation(StenosisPresentation *raw) noexcept : p_(raw) {}
  StenosisError *&e() noexcept {
    err_ = nullptr;
    return err_;
  }
  Presentation &run(StenosisStatus st) {
    StenosisError *err = err_;
    err_ = nullptr;
    detail::check(st, err);
    return *this;
  }
  std::unique_ptr<StenosisPresentation, detail::PresentationFree> p_;
  StenosisError *err_ = nullptr;
};

}  // namespace stenosis

#endif /* STENOSIS_HPP */
