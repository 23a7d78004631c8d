"""Baselines a data scientist would write, for the frame benchmarks (benches/python/bench_frame.py).

Issue 11 compares the engine with "a per-row pure-Python rule function and a vectorised
pandas/numpy implementation of the headline". Two pairs of baselines live here:

**The full headline** (the issue's comparison): :func:`headline_row` (one patient, a dict in the
engine's JSON shape) and :func:`headline_vectorised` (a whole pandas DataFrame, boolean masks and
numpy, no per-row Python) compute every column of ``stenosis.assess_frame``'s summary frame:

- ``top_condition``: the first condition of the ranked differential (each condition's likelihood
  table, then the ranking: emergencies, likelihood, a defining finding, whether it explains upper
  motor neuron signs, vocabulary order on ties);
- ``myelopathy_likelihood``: the myelopathy table (Cook rule-in, upper motor neuron signs, the
  clinical picture, the cervical MRI, the Cook rule-out, the lower motor neuron pattern);
- ``cook_positive``, ``cook_assessed``: the Cook et al. 2010 rule count;
- ``pathway``: the emergency pathway with a red flag, otherwise the first matching row;
- ``cervical_mri_urgency``: the cervical MRI urgency (none once imaged or without an indication,
  none when a whole-spine MRI covers it);
- ``red_flags``, ``warnings``: every red flag and warning.

They take the vocabulary (the ids and their order) from the engine's enums, and nothing else: the
rules are written straight from the rule tables (crates/stenosis-core/src/rules/*.rs), restricted
to what the benchmark cohort can express: age, sex, course, mJOA and the first 41 findings of the
vocabulary (``leg_weakness`` to ``arm_hyperreflexia``). Rules that read anything else are constant
on it and are left out: the symptom duration (never given: nothing is "recent", a GIRFT criterion
is always "possibly new", the chronic cauda equina rows never fire), the ankle-brachial index,
and the findings outside the 41 (limb-specific reflexes, Tromner, the hand signs but intrinsic
atrophy, knee reflexes, leg tone, foot drop, sensory level, sexual dysfunction, anal tone, the
vascular, cancer, infection and mimic findings, thoracic and brain imaging). So the conditions
that need them (metastatic compression, abscess, motor neuron disease, nutritional myelopathy,
hereditary spastic paraplegia, hydrocephalus) stay low, and the red flags and warnings that need
them (malignant compression, infection, limb ischaemia, non-compressible ABI, deterioration after
decompression) are never raised. Given a presentation outside that scope they can disagree with
the engine; :func:`check_agreement` proves they agree with it on every row of the cohort.

The vectorised baseline returns one boolean column per red flag (``red_flag.<id>``) and per
warning (``warning.<id>``) it can raise, rather than list columns (building a list per row would
be per-row Python); :func:`check_agreement` compares them with the engine's lists.

**The first four columns** (kept for continuity with the earlier figures):
:func:`cook_flags_row` and :func:`cook_flags_vectorised` compute the Cook counts, the
``rapidly_progressive_deficit`` red flag and the ``incomplete_neurological_exam`` warning only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import stenosis

# ---- The vocabulary the headline speaks (the engine's ids, in vocabulary order) ------------------


def _ids(vocabulary: Any) -> tuple[str, ...]:
    return tuple(str(v.value) for v in vocabulary)


CONDITIONS = _ids(stenosis.Condition)
LIKELIHOODS = _ids(stenosis.Likelihood)
LOW, MODERATE, HIGH = (LIKELIHOODS.index(x) for x in ("low", "moderate", "high"))
PATHWAYS = _ids(stenosis.Pathway)
URGENCIES = _ids(stenosis.Urgency)
# The red flags and warnings the cohort can raise, in vocabulary order.
RED_FLAGS = ("cauda_equina_suspected", "rapidly_progressive_deficit", "guillain_barre_suspected")
WARNINGS = (
    "lumbar_misattribution_risk",
    "incomplete_neurological_exam",
    "false_localizing_sciatica",
    "tandem_stenosis_possible",
    "delayed_diagnosis_risk",
    "cervical_imaging_overlooked",
    "absent_signs_do_not_exclude",
    "nonmyelopathic_compression",
    "umn_signs_without_compression",
    "mimic_features_present",
    "lesion_may_be_below_neck",
    "lower_motor_neuron_pattern",
)
# Conditions whose lesion can produce upper motor neuron signs (a ranking tie-break).
CORD_CONDITIONS = frozenset(
    {
        "cervical_myelopathy",
        "thoracic_myelopathy",
        "motor_neuron_disease",
        "nutritional_myelopathy",
        "demyelinating_disease",
        "hereditary_spastic_paraplegia",
        "spinal_dural_av_fistula",
        "malignant_spinal_cord_compression",
        "spinal_epidural_abscess",
    }
)
MIMICS = (
    "motor_neuron_disease",
    "nutritional_myelopathy",
    "demyelinating_disease",
    "hereditary_spastic_paraplegia",
    "normal_pressure_hydrocephalus",
    "spinal_dural_av_fistula",
)

# ---- Finding groups (restricted to the cohort's 41 findings) ---------------------------------------

COOK_SIGNS = frozenset({"gait_deviation", "hoffmann_sign", "inverted_supinator_sign", "babinski_sign"})
COOK_AGE_OVER = 45
LSS_AGE_OVER = 65
MJOA_DEFICIT_MAX = 14
LEG_WEAKNESS = frozenset({"leg_weakness", "leg_weakness_on_exam"})
LEG_SYMPTOMS = frozenset(
    {
        "leg_weakness",
        "bilateral_leg_symptoms",
        "gait_difficulty",
        "leg_numbness",
        "leg_stiffness",
        "sciatica_like_pain",
        "walking_leg_pain",
        "falls",
        "leg_weakness_on_exam",
        "gait_deviation",
    }
)
LEG_MOTOR = frozenset(
    {"gait_difficulty", "leg_weakness", "leg_weakness_on_exam", "bilateral_leg_symptoms", "leg_stiffness", "falls"}
)
LEG_MOTOR_NOT_BILATERAL = LEG_MOTOR - {"bilateral_leg_symptoms"}
# Upper motor neuron signs; brisk reflexes count once however many limbs.
UMN_SIGNS = frozenset(
    {"hyperreflexia", "hoffmann_sign", "babinski_sign", "ankle_clonus", "inverted_supinator_sign", "arm_hyperreflexia"}
)
UMN_SIGNS_V1 = frozenset({"hyperreflexia", "hoffmann_sign", "babinski_sign", "ankle_clonus", "inverted_supinator_sign"})
BRISK_REFLEXES = frozenset({"hyperreflexia", "arm_hyperreflexia"})
UMN_NOT_BRISK = UMN_SIGNS - BRISK_REFLEXES
LEG_UMN = frozenset({"hyperreflexia", "babinski_sign", "ankle_clonus"})
ARM_UMN = frozenset({"arm_hyperreflexia", "hoffmann_sign", "inverted_supinator_sign"})
HAND_SIGNS = frozenset({"hand_intrinsic_atrophy"})
ARM_FINDINGS = ARM_UMN | HAND_SIGNS | {"arm_weakness", "hand_clumsiness", "hand_numbness"}
ARM_SYMPTOMS = frozenset({"hand_clumsiness", "hand_numbness", "arm_weakness"})
ROOT_PICTURE = frozenset({"sciatica_like_pain", "straight_leg_raise"})
PAIN = frozenset({"significant_back_pain", "sciatica_like_pain", "walking_leg_pain"})
SPHINCTER = frozenset({"bladder_dysfunction", "bowel_dysfunction"})
LUMBAR_STENOSIS = frozenset({"known_lumbar_stenosis", "lumbar_stenosis_on_imaging"})
NEURO_DEFICIT = (
    LEG_WEAKNESS
    | LEG_UMN
    | ARM_UMN
    | {
        "saddle_anesthesia",
        "urinary_retention",
        "bladder_dysfunction",
        "bowel_dysfunction",
        "gait_deviation",
        "gait_difficulty",
        "falls",
        "leg_numbness",
        "hand_numbness",
        "hand_clumsiness",
        "arm_weakness",
        "leg_stiffness",
    }
)
MYELOPATHIC_PICTURE = UMN_SIGNS | {
    "gait_deviation",
    "hand_intrinsic_atrophy",
    "hand_clumsiness",
    "leg_stiffness",
    "worse_with_neck_extension",
    "lhermitte_sign",
}
NONSPECIFIC_PICTURE = frozenset(
    {
        "bilateral_leg_symptoms",
        "leg_weakness",
        "leg_weakness_on_exam",
        "gait_difficulty",
        "falls",
        "romberg_sign",
        "bladder_dysfunction",
        "bowel_dysfunction",
    }
)
NOT_RADICULAR_ONLY = frozenset({"gait_deviation", "hand_clumsiness", "hand_numbness", "arm_weakness"})
GAIT = frozenset({"gait_difficulty", "gait_deviation", "falls"})
DEMYELINATION_PICTURE = (
    LEG_UMN
    | ARM_UMN
    | LEG_WEAKNESS
    | {"lhermitte_sign", "leg_numbness", "hand_numbness", "gait_deviation", "leg_stiffness"}
)
DEFICIT = LEG_WEAKNESS | UMN_SIGNS | {
    "gait_difficulty",
    "gait_deviation",
    "falls",
    "leg_stiffness",
    "hand_clumsiness",
    "bladder_dysfunction",
    "bowel_dysfunction",
}
CES_AGAINST_GBS = frozenset({"urinary_retention", "bowel_dysfunction", "saddle_anesthesia"})


def _check_ids() -> None:
    """The ids written here exist in the engine's vocabulary (the red flags and warnings in its
    order), so a renamed or reordered id fails at import rather than as a disagreement."""
    findings = set(_ids(stenosis.Finding))
    groups = [v for v in globals().values() if isinstance(v, frozenset)]
    unknown = set().union(*groups) - findings - set(CONDITIONS)
    assert not unknown, f"not in the vocabulary: {sorted(unknown)}"
    for mine, theirs in ((RED_FLAGS, _ids(stenosis.RedFlag)), (WARNINGS, _ids(stenosis.Warning))):
        assert mine == tuple(x for x in theirs if x in mine), f"not in vocabulary order: {mine}"
    assert set(MIMICS) <= set(CONDITIONS) and (LOW, MODERATE, HIGH) == (0, 1, 2)


_check_ids()

# Cervical imaging states.
NOT_IMAGED, COMPRESSION, NO_COMPRESSION, SIGNAL_ONLY = 0, 1, 2, 3


def _lower(level: int) -> int:
    return MODERATE if level == HIGH else LOW


# ---- The full headline, one patient -------------------------------------------------------------


def headline_row(p: dict[str, Any]) -> dict[str, Any]:
    """The summary headline of one patient in the engine's JSON shape (``age_years``, ``sex``,
    ``course``, ``mjoa``, ``findings``: id -> "present"/"absent"), as a dict of the summary
    frame's columns (``red_flags`` and ``warnings`` as lists in vocabulary order)."""
    findings: dict[str, str] = p.get("findings") or {}
    present = {f for f, s in findings.items() if s == "present"}
    absent = {f for f, s in findings.items() if s == "absent"}
    known = present | absent
    age = p.get("age_years")
    course = p.get("course")
    mjoa = p.get("mjoa")
    worsening = course in ("progressive", "rapidly_progressive")
    rapid = course == "rapidly_progressive"
    untimed = course is None  # and the symptom duration, never given

    def has(f: str) -> bool:
        return f in present

    def any_of(group: frozenset[str]) -> bool:
        return not present.isdisjoint(group)

    # Facts.
    cook_positive = len(present & COOK_SIGNS)
    cook_assessed = len(known & COOK_SIGNS)
    if age is not None:
        cook_assessed += 1
        cook_positive += age > COOK_AGE_OVER
    if has("cervical_cord_compression_on_mri"):
        imaging = COMPRESSION
    elif has("cervical_cord_signal_change_on_mri"):
        imaging = SIGNAL_ONLY if "cervical_cord_compression_on_mri" in absent else COMPRESSION
    elif "cervical_cord_compression_on_mri" in absent:
        imaging = NO_COMPRESSION
    else:
        imaging = NOT_IMAGED
    any_umn = any_of(UMN_SIGNS)
    umn_count = len(present & UMN_NOT_BRISK) + any_of(BRISK_REFLEXES)
    legs = any_of(LEG_SYMPTOMS)
    weak = any_of(LEG_WEAKNESS)
    pain = any_of(PAIN)
    cord_pattern = any_of(LEG_UMN)
    lss_known = any_of(LUMBAR_STENOSIS)
    walking, flexion = has("walking_leg_pain"), has("relief_with_sitting_or_flexion")
    bilateral, sciatica = has("bilateral_leg_symptoms"), has("sciatica_like_pain")
    stocking, ankle = has("stocking_glove_sensory_loss"), has("reduced_ankle_reflexes")
    umn_exam_done = ("hyperreflexia" in known or ankle) and "babinski_sign" in known
    arms_normal = not any_of(ARM_FINDINGS) and ("arm_hyperreflexia" in absent or "hoffmann_sign" in absent)
    lmn = (
        weak
        and ankle
        and (bilateral or any_of(ROOT_PICTURE))
        and not has("diabetes")
        and not stocking
        and "babinski_sign" in absent
        and "hyperreflexia" in absent
        and not has("ankle_clonus")
    )

    # The differential.
    lss = LOW
    if walking and flexion:
        lss = HIGH
    if walking != flexion:
        lss = max(lss, MODERATE)
    if lss_known:
        lss = HIGH if (walking or flexion) else max(lss, MODERATE)
    if bilateral and age is not None and age > LSS_AGE_OVER and (walking or sciatica or has("significant_back_pain")):
        lss = max(lss, MODERATE)
    if sciatica or has("straight_leg_raise"):
        lss = max(lss, MODERATE)
    if "walking_leg_pain" in absent:
        lss = _lower(lss)
    if has("relief_with_standing_still"):
        lss = _lower(lss)
    if lmn and lss_known:
        lss = HIGH

    root_explanation = sciatica or has("saddle_anesthesia") or has("urinary_retention") or lss_known
    pn = LOW
    if stocking and ankle:
        pn = HIGH
    elif stocking or (ankle and not root_explanation):
        pn = MODERATE
    if has("diabetes") and (has("leg_numbness") or has("hand_numbness") or bilateral):
        pn = max(pn, MODERATE)
    if "stocking_glove_sensory_loss" in absent and "reduced_ankle_reflexes" in absent:
        pn = LOW

    vascular_claudication = walking and has("relief_with_standing_still")
    pulses = has("reduced_foot_pulses")
    pad = LOW
    if vascular_claudication:
        pad = HIGH
    elif pulses:
        pad = MODERATE
    if "reduced_foot_pulses" in absent:
        pad = _lower(pad)

    sphincter = any_of(SPHINCTER)
    girft_sphincter = sphincter and ((rapid and not cord_pattern) or pain)
    claudicant = walking and (flexion or lss_known)
    numbness = has("leg_numbness") and (worsening or untimed) and (untimed or not (stocking or claudicant))
    neuropathy = has("diabetes") or stocking
    girft_bilateral = pain and bilateral and (weak or (ankle and not neuropathy) or numbness)
    ces = LOW
    if has("saddle_anesthesia") or has("urinary_retention"):
        ces = HIGH
    if (girft_sphincter or girft_bilateral) and not cord_pattern:
        ces = HIGH
    if (girft_sphincter or girft_bilateral) and cord_pattern:
        ces = max(ces, MODERATE)
    if (rapid and lmn and bilateral) or (sciatica and bilateral):
        ces = max(ces, MODERATE)

    thoracic = LOW
    if cord_pattern and arms_normal:
        thoracic = HIGH if umn_count >= 2 else MODERATE

    gbs_picture = weak and (bilateral or has("arm_weakness")) and ankle and not cord_pattern
    gbs_against = any_of(CES_AGAINST_GBS)
    gbs = LOW
    if untimed and gbs_picture and not gbs_against:
        gbs = MODERATE
    if rapid and gbs_picture and not gbs_against:
        gbs = HIGH if (has("arm_weakness") or not lss_known) else max(gbs, MODERATE)

    demyelinating = MODERATE if course == "relapsing" and any_of(DEMYELINATION_PICTURE) else LOW
    sdavf_picture = worsening and (any_of(GAIT) or cord_pattern) and has("bladder_dysfunction") and has("leg_numbness")
    cervical_mri_clear = imaging in (NO_COMPRESSION, SIGNAL_ONLY)
    # A man (or sex unknown) unless arm cord signs put the lesion in the neck and the neck is not clear.
    arm_cord_signs = any_of(ARM_UMN | HAND_SIGNS)
    sdavf_man = p.get("sex") != "female" and (not arm_cord_signs or cervical_mri_clear)
    sdavf = MODERATE if sdavf_picture and (sdavf_man or cervical_mri_clear) else LOW
    mimic = demyelinating >= MODERATE or sdavf >= MODERATE

    ces_explains = ces == HIGH and not any_umn and (has("significant_back_pain") or sciatica or umn_exam_done)
    clear_alternative = lss == HIGH or pn == HIGH or pad == HIGH or ces_explains or gbs == HIGH
    below_neck = cord_pattern and arms_normal

    # The myelopathy likelihood.
    lmn_away = lmn and umn_exam_done and not any_of(ARM_UMN | HAND_SIGNS)
    radicular_only = (
        any_of(ROOT_PICTURE)
        and not any_of(UMN_SIGNS | HAND_SIGNS)
        and not any_of(NOT_RADICULAR_ONLY)
        and not has("cervical_cord_compression_on_mri")
    )
    worsening_motor = (
        worsening
        and (weak or (not clear_alternative and any_of(LEG_MOTOR_NOT_BILATERAL)))
        and not lmn_away
        and not radicular_only
    )
    mjoa_deficit = mjoa is not None and mjoa <= MJOA_DEFICIT_MAX
    clinical = (
        any_of(MYELOPATHIC_PICTURE)
        or (has("hand_numbness") and not stocking)
        or (not clear_alternative and any_of(NONSPECIFIC_PICTURE))
    )
    leg_motor = any_of(LEG_MOTOR)
    m = LOW
    if cook_positive >= 3 or umn_count >= 2:
        m = HIGH
    if (
        umn_count == 1
        or has("gait_deviation")
        or (has("hand_clumsiness") and leg_motor)
        or (has("hand_numbness") and (leg_motor or has("leg_numbness")) and not stocking)
        or (has("hand_intrinsic_atrophy") and leg_motor)
        or has("leg_stiffness")
        or (has("worse_with_neck_extension") and legs)
        or worsening_motor
        or mjoa_deficit
        or (has("bladder_dysfunction") and legs)
        or (bilateral and not clear_alternative)
        or (weak and "significant_back_pain" in absent and not clear_alternative)
    ):
        m = max(m, MODERATE)
    if imaging == COMPRESSION:
        if clinical:
            m = HIGH
        elif (legs and not clear_alternative) or (
            any_of(NONSPECIFIC_PICTURE) and clear_alternative and not umn_exam_done
        ):
            m = max(m, MODERATE)
    elif imaging == SIGNAL_ONLY:
        m = max(m, MODERATE)
    elif imaging == NO_COMPRESSION:
        m = min(m, MODERATE) if (any_umn or has("gait_deviation") or has("worse_with_neck_extension")) else LOW
    if imaging == NOT_IMAGED and cook_assessed == 5 and cook_positive == 0 and not any_umn:
        m = _lower(m)
    if lmn and not any_of(ARM_UMN | HAND_SIGNS | ARM_SYMPTOMS):
        m = _lower(m)
    dcm = imaging == COMPRESSION and clinical

    # Red flags.
    neuro_deficit = any_of(NEURO_DEFICIT)
    ces_flag = ces == HIGH or (ces == MODERATE and (girft_sphincter or girft_bilateral))
    rapid_flag = rapid and neuro_deficit
    gbs_flag = gbs == HIGH
    red_flags = [f for f, on in zip(RED_FLAGS, (ces_flag, rapid_flag, gbs_flag)) if on]

    # The pathway.
    moderate_or_severe = mjoa_deficit
    indicated = not lmn_away and (
        (bilateral and not clear_alternative)
        or worsening_motor
        or mjoa_deficit
        or any_umn
        or has("gait_deviation")
        or (has("bladder_dysfunction") and legs)
        or m >= MODERATE
    )
    if red_flags:
        pathway = "emergency"
    elif dcm:
        pathway = "surgical_evaluation" if (moderate_or_severe or worsening or mjoa is None) else "conservative"
    elif imaging == COMPRESSION:
        pathway = "further_workup" if (not umn_exam_done or (legs and not clear_alternative)) else "conservative"
    elif imaging == SIGNAL_ONLY:
        pathway = "further_workup"
    elif m >= MODERATE or (below_neck and imaging == NOT_IMAGED):
        pathway = "further_workup"
    elif imaging == NO_COMPRESSION:
        pathway = "further_workup" if worsening_motor else "no_cervical_concern" if umn_exam_done else "further_workup"
    elif not umn_exam_done or indicated:
        pathway = "further_workup"
    else:
        pathway = "no_cervical_concern"

    # The cervical MRI (a whole-spine MRI for suspected cauda equina covers it).
    cervical_mri = None
    if imaging == NOT_IMAGED and indicated:
        emergency = (rapid and neuro_deficit) or (bool(red_flags) and m >= MODERATE)
        cord_signs = any_of(UMN_SIGNS | HAND_SIGNS) or has("gait_deviation")
        radicular_motor = any_of(ROOT_PICTURE) and weak and worsening and not cord_pattern
        capped = emergency and (ces_flag or (lmn and rapid) or radicular_motor) and not cord_signs
        if emergency and not capped:
            cervical_mri = "emergency"
        elif capped or worsening or m == HIGH or moderate_or_severe:
            cervical_mri = "urgent"
        else:
            cervical_mri = "routine"
    whole_spine = ces_flag and ("lumbar_stenosis_on_imaging" in absent or cord_pattern)
    cervical_imaging_recommended = cervical_mri is not None or whole_spine
    if whole_spine:
        cervical_mri = None

    # Warnings.
    lumbar_findings = lss_known or (walking and flexion)
    cervical_signs = any_umn or has("gait_deviation") or dcm
    compression = imaging == COMPRESSION
    exam_complete = (
        umn_exam_done
        and ("hoffmann_sign" in known or "arm_hyperreflexia" in known)
        and "ankle_clonus" in known
    )
    not_imaged = imaging == NOT_IMAGED
    warnings = [
        w
        for w, on in zip(
            WARNINGS,
            (
                (lumbar_findings or lss >= MODERATE)
                and (cervical_signs or (m >= MODERATE and not clear_alternative)),
                legs and not exam_complete,
                sciatica and (cervical_signs or compression),
                lumbar_findings and (cervical_signs or compression or any_of(HAND_SIGNS)),
                worsening and (any_of(DEFICIT) or m >= MODERATE) and not_imaged and cervical_imaging_recommended,
                bilateral
                and worsening
                and not_imaged
                and lss < HIGH
                and not clear_alternative
                and cervical_imaging_recommended,
                UMN_SIGNS_V1 <= known and not any_umn and m >= MODERATE and not (compression and not dcm),
                compression and not dcm and umn_exam_done,
                cervical_mri_clear and (any_umn or has("gait_deviation")),
                mimic,
                below_neck and (legs or any_umn),
                lmn,
            ),
        )
        if on
    ]

    # The top of the differential: emergencies, likelihood, a defining finding, whether it
    # explains upper motor neuron signs; the earliest in vocabulary order on ties.
    levels = dict.fromkeys(CONDITIONS, LOW)
    levels.update(
        cervical_myelopathy=m,
        lumbar_spinal_stenosis=lss,
        peripheral_neuropathy=pn,
        peripheral_arterial_disease=pad,
        cauda_equina_syndrome=ces,
        thoracic_myelopathy=thoracic,
        demyelinating_disease=demyelinating,
        spinal_dural_av_fistula=sdavf,
        guillain_barre_syndrome=gbs,
    )
    cord_likely = m == HIGH and any_umn

    def rank(c: str) -> tuple[bool, int, bool, bool]:
        level = levels[c]
        emergency = level == HIGH and (
            c == "guillain_barre_syndrome" or (c == "cauda_equina_syndrome" and not cord_likely)
        )
        defining = dcm if c == "cervical_myelopathy" else (c in MIMICS and level == HIGH)
        return (emergency, level, defining, any_umn and c in CORD_CONDITIONS)

    top = max(CONDITIONS, key=rank)  # max keeps the first of equals

    return {
        "top_condition": top,
        "myelopathy_likelihood": LIKELIHOODS[m],
        "cook_positive": cook_positive,
        "cook_assessed": cook_assessed,
        "pathway": pathway,
        "cervical_mri_urgency": cervical_mri,
        "red_flags": red_flags,
        "warnings": warnings,
    }


# ---- The full headline, the whole frame at once -------------------------------------------------


class _Findings:
    """The finding columns of a frame as numpy masks: ``P(f)`` present, ``A(f)`` absent, ``K(f)``
    recorded; a finding without a column is never recorded."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.n = len(df)
        self._present: dict[str, np.ndarray] = {}
        self._known: dict[str, np.ndarray] = {}
        none = np.zeros(self.n, dtype=bool)
        for f in df.columns:
            col = df[f]
            if col.dtype == "boolean" or col.dtype == bool:
                self._present[str(f)] = col.fillna(False).to_numpy(dtype=bool)
                self._known[str(f)] = col.notna().to_numpy()
        self._none = none

    def P(self, f: str) -> np.ndarray:
        return self._present.get(f, self._none)

    def K(self, f: str) -> np.ndarray:
        return self._known.get(f, self._none)

    def A(self, f: str) -> np.ndarray:
        absent: np.ndarray = self.K(f) & ~self.P(f)
        return absent

    def any(self, group: frozenset[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for f in group:
            if f in self._present:
                out |= self._present[f]
        return out

    def count(self, group: frozenset[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.int8)
        for f in group:
            if f in self._present:
                out += self._present[f]
        return out


def _lower_v(level: np.ndarray, when: np.ndarray) -> np.ndarray:
    """One step down where ``when`` holds (high to moderate, moderate to low)."""
    return np.where(when, np.maximum(level - 1, 0), level).astype(np.int8)


def _raise_v(level: np.ndarray, when: np.ndarray, to: int) -> np.ndarray:
    return np.where(when, np.maximum(level, to), level).astype(np.int8)


def _categorical(codes: np.ndarray, ids: tuple[str, ...]) -> Any:
    """Codes (-1 for none) as a pandas categorical of the ids."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int8), categories=pd.Index(ids))


def headline_vectorised(df: pd.DataFrame) -> pd.DataFrame:
    """The summary headline of every row of a pandas DataFrame (``age_years``, ``sex``,
    ``course``, ``mjoa`` and finding columns of pandas ``boolean`` with nulls): categorical
    columns for the ids, int columns for the Cook counts, and one boolean column per red flag
    (``red_flag.<id>``) and warning (``warning.<id>``)."""
    x = _Findings(df)
    n = x.n
    P, A, K = x.P, x.A, x.K
    age = df["age_years"].to_numpy(dtype="float64", na_value=np.nan)
    age_known = ~np.isnan(age)
    course = df["course"] if "course" in df else pd.Series(None, index=df.index, dtype=object)

    def course_is(value: str) -> np.ndarray:
        return course.eq(value).to_numpy(dtype=bool, na_value=False)

    rapid = course_is("rapidly_progressive")
    worsening = rapid | course_is("progressive")
    untimed = course.isna().to_numpy()
    not_female = df["sex"].ne("female").to_numpy(dtype=bool, na_value=True) if "sex" in df else np.ones(n, dtype=bool)
    mjoa = df["mjoa"].to_numpy(dtype="float64", na_value=np.nan) if "mjoa" in df else np.full(n, np.nan)
    mjoa_known = ~np.isnan(mjoa)

    # Facts.
    cook_positive = x.count(COOK_SIGNS) + (age_known & (age > COOK_AGE_OVER))
    cook_assessed = np.zeros(n, dtype=np.int8) + age_known
    for f in COOK_SIGNS:
        cook_assessed += K(f)
    ccc, signal = P("cervical_cord_compression_on_mri"), P("cervical_cord_signal_change_on_mri")
    ccc_absent = A("cervical_cord_compression_on_mri")
    imaging = np.select(
        [ccc, signal & ccc_absent, signal, ccc_absent],
        [COMPRESSION, SIGNAL_ONLY, COMPRESSION, NO_COMPRESSION],
        NOT_IMAGED,
    )
    compression = imaging == COMPRESSION
    not_imaged = imaging == NOT_IMAGED
    no_compression = imaging == NO_COMPRESSION
    signal_only = imaging == SIGNAL_ONLY
    any_umn = x.any(UMN_SIGNS)
    umn_count = x.count(UMN_NOT_BRISK) + x.any(BRISK_REFLEXES)
    legs = x.any(LEG_SYMPTOMS)
    weak = x.any(LEG_WEAKNESS)
    pain = x.any(PAIN)
    cord_pattern = x.any(LEG_UMN)
    lss_known = x.any(LUMBAR_STENOSIS)
    walking, flexion = P("walking_leg_pain"), P("relief_with_sitting_or_flexion")
    bilateral, sciatica = P("bilateral_leg_symptoms"), P("sciatica_like_pain")
    stocking, ankle = P("stocking_glove_sensory_loss"), P("reduced_ankle_reflexes")
    diabetes, gait_deviation = P("diabetes"), P("gait_deviation")
    umn_exam_done = (K("hyperreflexia") | ankle) & K("babinski_sign")
    arms_normal = ~x.any(ARM_FINDINGS) & (A("arm_hyperreflexia") | A("hoffmann_sign"))
    lmn = (
        weak
        & ankle
        & (bilateral | x.any(ROOT_PICTURE))
        & ~diabetes
        & ~stocking
        & A("babinski_sign")
        & A("hyperreflexia")
        & ~P("ankle_clonus")
    )

    # The differential.
    zero = np.zeros(n, dtype=np.int8)
    lss = np.where(walking & flexion, HIGH, np.where(walking != flexion, MODERATE, LOW)).astype(np.int8)
    lss = np.where(lss_known, np.where(walking | flexion, HIGH, np.maximum(lss, MODERATE)), lss).astype(np.int8)
    over_65 = age_known & (age > LSS_AGE_OVER)
    lss = _raise_v(lss, bilateral & over_65 & (walking | sciatica | P("significant_back_pain")), MODERATE)
    lss = _raise_v(lss, sciatica | P("straight_leg_raise"), MODERATE)
    lss = _lower_v(lss, A("walking_leg_pain"))
    lss = _lower_v(lss, P("relief_with_standing_still"))
    lss = np.where(lmn & lss_known, HIGH, lss).astype(np.int8)

    root_explanation = sciatica | P("saddle_anesthesia") | P("urinary_retention") | lss_known
    pn = np.where(stocking & ankle, HIGH, np.where(stocking | (ankle & ~root_explanation), MODERATE, LOW)).astype(
        np.int8
    )
    pn = _raise_v(pn, diabetes & (P("leg_numbness") | P("hand_numbness") | bilateral), MODERATE)
    pn = np.where(A("stocking_glove_sensory_loss") & A("reduced_ankle_reflexes"), LOW, pn).astype(np.int8)

    pad = np.where(
        walking & P("relief_with_standing_still"), HIGH, np.where(P("reduced_foot_pulses"), MODERATE, LOW)
    ).astype(np.int8)
    pad = _lower_v(pad, A("reduced_foot_pulses"))

    girft_sphincter = x.any(SPHINCTER) & ((rapid & ~cord_pattern) | pain)
    claudicant = walking & (flexion | lss_known)
    numbness = P("leg_numbness") & (worsening | untimed) & (untimed | ~(stocking | claudicant))
    girft_bilateral = pain & bilateral & (weak | (ankle & ~(diabetes | stocking)) | numbness)
    girft = girft_sphincter | girft_bilateral
    ces = np.select(
        [P("saddle_anesthesia") | P("urinary_retention") | (girft & ~cord_pattern), girft & cord_pattern],
        [HIGH, MODERATE],
        LOW,
    ).astype(np.int8)
    ces = _raise_v(ces, (rapid & lmn & bilateral) | (sciatica & bilateral), MODERATE)

    thoracic = np.where(cord_pattern & arms_normal, np.where(umn_count >= 2, HIGH, MODERATE), LOW).astype(np.int8)

    gbs_picture = weak & (bilateral | P("arm_weakness")) & ankle & ~cord_pattern & ~x.any(CES_AGAINST_GBS)
    gbs = np.select(
        [rapid & gbs_picture & (P("arm_weakness") | ~lss_known), (rapid | untimed) & gbs_picture],
        [HIGH, MODERATE],
        LOW,
    ).astype(np.int8)

    demyelinating = np.where(course_is("relapsing") & x.any(DEMYELINATION_PICTURE), MODERATE, LOW).astype(np.int8)
    sdavf_picture = (
        worsening & (x.any(GAIT) | cord_pattern) & P("bladder_dysfunction") & P("leg_numbness")
    )
    cervical_mri_clear = no_compression | signal_only
    arm_cord_signs = x.any(ARM_UMN | HAND_SIGNS)
    sdavf_man = not_female & (~arm_cord_signs | cervical_mri_clear)
    sdavf = np.where(sdavf_picture & (sdavf_man | cervical_mri_clear), MODERATE, LOW).astype(np.int8)
    mimic = (demyelinating >= MODERATE) | (sdavf >= MODERATE)

    ces_explains = (ces == HIGH) & ~any_umn & (P("significant_back_pain") | sciatica | umn_exam_done)
    clear_alternative = (lss == HIGH) | (pn == HIGH) | (pad == HIGH) | ces_explains | (gbs == HIGH)
    below_neck = cord_pattern & arms_normal

    # The myelopathy likelihood.
    lmn_away = lmn & umn_exam_done & ~x.any(ARM_UMN | HAND_SIGNS)
    radicular_only = (
        x.any(ROOT_PICTURE) & ~x.any(UMN_SIGNS | HAND_SIGNS) & ~x.any(NOT_RADICULAR_ONLY) & ~ccc
    )
    worsening_motor = (
        worsening
        & (weak | (~clear_alternative & x.any(LEG_MOTOR_NOT_BILATERAL)))
        & ~lmn_away
        & ~radicular_only
    )
    mjoa_deficit = mjoa_known & (mjoa <= MJOA_DEFICIT_MAX)
    nonspecific = x.any(NONSPECIFIC_PICTURE)
    clinical = (
        x.any(MYELOPATHIC_PICTURE) | (P("hand_numbness") & ~stocking) | (~clear_alternative & nonspecific)
    )
    leg_motor = x.any(LEG_MOTOR)
    moderate_picture = (
        (umn_count == 1)
        | gait_deviation
        | (P("hand_clumsiness") & leg_motor)
        | (P("hand_numbness") & (leg_motor | P("leg_numbness")) & ~stocking)
        | (P("hand_intrinsic_atrophy") & leg_motor)
        | P("leg_stiffness")
        | (P("worse_with_neck_extension") & legs)
        | worsening_motor
        | mjoa_deficit
        | (P("bladder_dysfunction") & legs)
        | (bilateral & ~clear_alternative)
        | (weak & A("significant_back_pain") & ~clear_alternative)
    )
    m = np.select([(cook_positive >= 3) | (umn_count >= 2), moderate_picture], [HIGH, MODERATE], LOW).astype(np.int8)
    compression_moderate = ((legs & ~clear_alternative) | (nonspecific & clear_alternative & ~umn_exam_done))
    m = np.where(compression & clinical, HIGH, m).astype(np.int8)
    m = _raise_v(m, (compression & ~clinical & compression_moderate) | signal_only, MODERATE)
    dynamic = any_umn | gait_deviation | P("worse_with_neck_extension")
    m = np.where(no_compression, np.where(dynamic, np.minimum(m, MODERATE), LOW), m).astype(np.int8)
    m = _lower_v(m, not_imaged & (cook_assessed == 5) & (cook_positive == 0) & ~any_umn)
    m = _lower_v(m, lmn & ~x.any(ARM_UMN | HAND_SIGNS | ARM_SYMPTOMS))
    dcm = compression & clinical

    # Red flags.
    neuro_deficit = x.any(NEURO_DEFICIT)
    ces_flag = (ces == HIGH) | ((ces == MODERATE) & girft)
    rapid_flag = rapid & neuro_deficit
    gbs_flag = gbs == HIGH
    red_flag = ces_flag | rapid_flag | gbs_flag

    # The pathway (first match).
    indicated = ~lmn_away & (
        (bilateral & ~clear_alternative)
        | worsening_motor
        | mjoa_deficit
        | any_umn
        | gait_deviation
        | (P("bladder_dysfunction") & legs)
        | (m >= MODERATE)
    )
    E, S, C, W, N = (
        PATHWAYS.index(x)
        for x in ("emergency", "surgical_evaluation", "conservative", "further_workup", "no_cervical_concern")
    )
    pathway = np.select(
        [
            red_flag,
            dcm & (mjoa_deficit | worsening | ~mjoa_known),
            dcm,
            compression & (~umn_exam_done | (legs & ~clear_alternative)),
            compression,
            signal_only,
            (m >= MODERATE) | (below_neck & not_imaged),
            no_compression & worsening_motor,
            no_compression & umn_exam_done,
            ~umn_exam_done | indicated,
        ],
        [E, S, C, W, C, W, W, W, N, W],
        N,
    )

    # The cervical MRI (a whole-spine MRI for suspected cauda equina covers it).
    emergency = (rapid & neuro_deficit) | (red_flag & (m >= MODERATE))
    cord_signs = x.any(UMN_SIGNS | HAND_SIGNS) | gait_deviation
    radicular_motor = x.any(ROOT_PICTURE) & weak & worsening & ~cord_pattern
    capped = emergency & (ces_flag | (lmn & rapid) | radicular_motor) & ~cord_signs
    mri_wanted = not_imaged & indicated
    mri = np.select(
        [~mri_wanted, emergency & ~capped, capped | worsening | (m == HIGH) | mjoa_deficit],
        [-1, URGENCIES.index("emergency"), URGENCIES.index("urgent")],
        URGENCIES.index("routine"),
    )
    whole_spine = ces_flag & (A("lumbar_stenosis_on_imaging") | cord_pattern)
    cervical_imaging_recommended = mri_wanted | whole_spine
    mri = np.where(whole_spine, -1, mri)

    # Warnings.
    lumbar_findings = lss_known | (walking & flexion)
    cervical_signs = any_umn | gait_deviation | dcm
    exam_complete = umn_exam_done & (K("hoffmann_sign") | K("arm_hyperreflexia")) & K("ankle_clonus")
    all_v1_known = np.ones(n, dtype=bool)
    for f in UMN_SIGNS_V1:
        all_v1_known &= K(f)
    warnings = (
        (lumbar_findings | (lss >= MODERATE)) & (cervical_signs | ((m >= MODERATE) & ~clear_alternative)),
        legs & ~exam_complete,
        sciatica & (cervical_signs | compression),
        lumbar_findings & (cervical_signs | compression | x.any(HAND_SIGNS)),
        worsening & (x.any(DEFICIT) | (m >= MODERATE)) & not_imaged & cervical_imaging_recommended,
        bilateral & worsening & not_imaged & (lss < HIGH) & ~clear_alternative & cervical_imaging_recommended,
        all_v1_known & ~any_umn & (m >= MODERATE) & ~(compression & ~dcm),
        compression & ~dcm & umn_exam_done,
        cervical_mri_clear & (any_umn | gait_deviation),
        mimic,
        below_neck & (legs | any_umn),
        lmn,
    )

    # The top of the differential: a key per condition (emergency, likelihood, defining finding,
    # explains upper motor neuron signs) packed into one int; argmax keeps the first of equals.
    cord_likely = (m == HIGH) & any_umn
    levels = {
        "cervical_myelopathy": m,
        "lumbar_spinal_stenosis": lss,
        "peripheral_neuropathy": pn,
        "peripheral_arterial_disease": pad,
        "cauda_equina_syndrome": ces,
        "thoracic_myelopathy": thoracic,
        "demyelinating_disease": demyelinating,
        "spinal_dural_av_fistula": sdavf,
        "guillain_barre_syndrome": gbs,
    }
    keys = np.zeros((len(CONDITIONS), n), dtype=np.int8)
    for i, c in enumerate(CONDITIONS):
        level = levels.get(c, zero)
        if c == "cauda_equina_syndrome":
            emergency_rank = (level == HIGH) & ~cord_likely
        elif c == "guillain_barre_syndrome":
            emergency_rank = level == HIGH
        else:
            emergency_rank = np.zeros(n, dtype=bool)
        if c == "cervical_myelopathy":
            defining = dcm
        elif c in MIMICS:
            defining = level == HIGH
        else:
            defining = np.zeros(n, dtype=bool)
        explains = any_umn if c in CORD_CONDITIONS else np.zeros(n, dtype=bool)
        keys[i] = emergency_rank * 16 + level * 4 + defining * 2 + explains
    top = keys.argmax(axis=0)

    out: dict[str, Any] = {
        "top_condition": _categorical(top, CONDITIONS),
        "myelopathy_likelihood": _categorical(m, LIKELIHOODS),
        "cook_positive": cook_positive,
        "cook_assessed": cook_assessed,
        "pathway": _categorical(pathway, PATHWAYS),
        "cervical_mri_urgency": _categorical(mri, URGENCIES),
    }
    for name, on in zip(RED_FLAGS, (ces_flag, rapid_flag, gbs_flag)):
        out[f"red_flag.{name}"] = on
    for name, on in zip(WARNINGS, warnings):
        out[f"warning.{name}"] = on
    return pd.DataFrame(out, index=df.index)


# ---- Agreement with the engine --------------------------------------------------------------------

# The engine's summary columns other than the lists (and `error`), from the engine itself.
SCALAR_COLUMNS = tuple(
    c for c in stenosis._stenosis.frame_columns("summary") if c not in ("red_flags", "warnings", "error")
)


def _id_sets(values: pd.Series) -> dict[str, np.ndarray]:
    """A list column (the engine's Arrow lists, or Python lists) as one boolean mask per id."""
    n = len(values)
    out: dict[str, np.ndarray] = {}
    if isinstance(values.dtype, pd.ArrowDtype):
        import pyarrow as pa
        import pyarrow.compute as pc

        lists = pa.chunked_array(values.array._pa_array).combine_chunks()  # noqa: SLF001
        flat = pc.list_flatten(lists).to_numpy(zero_copy_only=False)
        parents = pc.list_parent_indices(lists).to_numpy()
        for v in np.unique(flat):
            mask = np.zeros(n, dtype=bool)
            mask[parents[flat == v]] = True
            out[str(v)] = mask
        return out
    for i, items in enumerate(values):
        for v in items:
            out.setdefault(v, np.zeros(n, dtype=bool))[i] = True
    return out


def _baseline_sets(baseline: pd.DataFrame, column: str, prefix: str) -> dict[str, np.ndarray]:
    if column in baseline:
        return _id_sets(baseline[column])
    names = [str(k) for k in baseline.columns]
    return {k[len(prefix) :]: baseline[k].to_numpy(dtype=bool) for k in names if k.startswith(prefix)}


def _as_objects(s: pd.Series) -> np.ndarray:
    """Ids as strings, counts as ints, missing as None."""
    values = s.astype("object").to_numpy()
    return np.array([None if v is None or v is pd.NA or v != v else v for v in values], dtype=object)


def disagreements(baseline: pd.DataFrame, engine: pd.DataFrame, limit: int = 5) -> list[str]:
    """Where a full-headline baseline (the frame of :func:`headline_vectorised`, or a frame of
    :func:`headline_row` dicts) differs from the engine's summary frame of the same rows: for each
    column that differs, how many rows, then the first ``limit`` rows with both values."""
    assert len(baseline) == len(engine), f"{len(baseline)} baseline rows, {len(engine)} engine rows"
    ok = engine["error"].isna().to_numpy()
    assert ok.all(), f"the engine rejected {int((~ok).sum())} rows"
    index = engine.index
    problems: list[str] = []
    for col in SCALAR_COLUMNS:
        want = _as_objects(engine[col])
        got = _as_objects(baseline[col])
        bad = np.flatnonzero(want != got)
        if len(bad):
            rows = ", ".join(f"row {index[i]}: baseline {got[i]!r}, engine {want[i]!r}" for i in bad[:limit])
            problems.append(f"{col}: {len(bad)} rows differ ({rows})")
    for column, prefix in (("red_flags", "red_flag."), ("warnings", "warning.")):
        want_sets = _id_sets(engine[column])
        got_sets = _baseline_sets(baseline, column, prefix)
        none = np.zeros(len(engine), dtype=bool)
        for item in sorted(set(want_sets) | set(got_sets)):
            want, got = want_sets.get(item, none), got_sets.get(item, none)
            bad = np.flatnonzero(want != got)
            if len(bad):
                rows = ", ".join(
                    f"row {index[i]}: baseline {'raises' if got[i] else 'does not raise'} it, "
                    f"engine {'raises' if want[i] else 'does not'}"
                    for i in bad[:limit]
                )
                problems.append(f"{column} {item}: {len(bad)} rows differ ({rows})")
    return problems


def check_agreement(baseline: pd.DataFrame, engine: pd.DataFrame) -> None:
    """Raises AssertionError, naming each column that differs and its first rows with both values,
    unless a full-headline baseline equals the engine's summary frame on every row."""
    problems = disagreements(baseline, engine)
    assert not problems, "the baseline disagrees with the engine:\n  " + "\n  ".join(problems)


# ---- The first four columns (continuity with the earlier figures) ---------------------------------

# The examination is complete when each group has an item recorded (present or absent); the leg
# reflexes also count as recorded when reduced knee or ankle reflexes are recorded present.
_BRISK_LEG_REFLEXES = ("hyperreflexia", "leg_hyperreflexia")
_REDUCED_LEG_REFLEXES = ("reduced_knee_reflexes", "reduced_ankle_reflexes")
_EXAM_GROUPS = (("babinski_sign",), ("hoffmann_sign", "tromner_sign", "arm_hyperreflexia"), ("ankle_clonus",))


def _exam_complete_row(findings: dict[str, str]) -> bool:
    def known(f: str) -> bool:
        return findings.get(f, "unknown") != "unknown"

    reflexes = any(known(f) for f in _BRISK_LEG_REFLEXES) or any(
        findings.get(f) == "present" for f in _REDUCED_LEG_REFLEXES
    )
    return reflexes and all(any(known(f) for f in group) for group in _EXAM_GROUPS)


def cook_flags_row(p: dict[str, Any]) -> dict[str, Any]:
    """Four columns of one patient: the Cook counts, the ``rapidly_progressive_deficit`` red flag
    and the ``incomplete_neurological_exam`` warning."""
    findings = p.get("findings", {})
    positive = 0
    assessed = 0
    for sign in sorted(COOK_SIGNS):
        status = findings.get(sign, "unknown")
        if status == "present":
            positive += 1
            assessed += 1
        elif status == "absent":
            assessed += 1
    age = p.get("age_years")
    if age is not None:
        assessed += 1
        positive += age > COOK_AGE_OVER
    legs = any(findings.get(f) == "present" for f in LEG_SYMPTOMS)
    return {
        "cook_positive": positive,
        "cook_assessed": assessed,
        "rapid": p.get("course") == "rapidly_progressive"
        and any(findings.get(f) == "present" for f in NEURO_DEFICIT),
        "incomplete_exam": legs and not _exam_complete_row(findings),
    }


def cook_flags_vectorised(df: pd.DataFrame) -> pd.DataFrame:
    """The four columns of :func:`cook_flags_row` over a whole frame with numpy."""
    n = len(df)
    positive = np.zeros(n, dtype=np.int8)
    assessed = np.zeros(n, dtype=np.int8)
    for sign in COOK_SIGNS:
        if sign not in df:
            continue
        col = df[sign].array
        recorded = ~np.asarray(col.isna())
        values = np.asarray(col.fillna(False), dtype=bool)
        positive += values & recorded
        assessed += recorded
    age = df["age_years"].to_numpy(dtype="float64", na_value=np.nan)
    age_known = ~np.isnan(age)
    assessed += age_known
    positive += age_known & (age > COOK_AGE_OVER)

    def known(f: str) -> Any:
        return ~np.asarray(df[f].array.isna()) if f in df else np.zeros(n, dtype=bool)

    def present(f: str) -> Any:
        return np.asarray(df[f].array.fillna(False), dtype=bool) if f in df else np.zeros(n, dtype=bool)

    deficit = np.zeros(n, dtype=bool)
    for f in NEURO_DEFICIT:
        deficit |= present(f)
    rapid = (df["course"] == "rapidly_progressive").fillna(False).to_numpy(dtype=bool) & deficit
    legs = np.zeros(n, dtype=bool)
    for f in LEG_SYMPTOMS:
        legs |= present(f)
    complete = np.zeros(n, dtype=bool)
    for f in _BRISK_LEG_REFLEXES:
        complete |= known(f)
    for f in _REDUCED_LEG_REFLEXES:
        complete |= present(f)
    for group in _EXAM_GROUPS:
        any_known = np.zeros(n, dtype=bool)
        for f in group:
            any_known |= known(f)
        complete &= any_known
    return pd.DataFrame(
        {
            "cook_positive": positive,
            "cook_assessed": assessed,
            "rapid": rapid,
            "incomplete_exam": legs & ~complete,
        }
    )


def check_cook_flags_agreement(baseline: pd.DataFrame, engine: pd.DataFrame) -> None:
    """Raises AssertionError unless the four-column baseline's columns equal the engine's on every
    row (the engine's ``cook_*`` columns, ``rapidly_progressive_deficit`` in its ``red_flags`` and
    ``incomplete_neurological_exam`` in its ``warnings``)."""
    ok = engine["error"].isna().to_numpy()
    assert ok.all(), "the benchmark cohort has no bad rows"
    for col in ("cook_positive", "cook_assessed"):
        want = engine[col].to_numpy(dtype="int64")
        got = baseline[col].to_numpy(dtype="int64")
        assert (want == got).all(), f"{col}: the baseline disagrees with the engine"
    none = np.zeros(len(engine), dtype=bool)
    for column, item, name in (
        ("red_flags", "rapidly_progressive_deficit", "rapid"),
        ("warnings", "incomplete_neurological_exam", "incomplete_exam"),
    ):
        got = _id_sets(engine[column]).get(item, none)
        assert (got == baseline[name].to_numpy(dtype=bool)).all(), f"{name}: the baseline disagrees with the engine"
