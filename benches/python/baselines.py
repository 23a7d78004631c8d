"""Baselines a data scientist would write, for the frame benchmarks (benches/python/bench_frame.py).

Both compute the same columns straight from the guideline and the specification rather than from
the engine:

- the Cook et al. 2010 clinical prediction rule count (``cook_positive``, ``cook_assessed``: gait
  deviation, Hoffmann, inverted supinator, Babinski, age over 45);
- the ``rapidly_progressive_deficit`` red flag (a rapidly progressive course with a
  neurological deficit: same-day evaluation);
- the ``incomplete_neurological_exam`` warning (the seed's pitfall: leg symptoms with the upper
  motor neuron examination incomplete, i.e. the leg reflexes, the plantar response, an arm sign
  and ankle clonus not all recorded);

They cover a fraction of what the engine decides (no differential, pathway, recommendations or
the other red flags and warnings), so a ratio against them understates the engine's advantage;
:func:`check_agreement` proves they agree with the engine on every row of the benchmark cohort.

- :func:`headline_row`: a per-row pure-Python rule function over a dict (one patient).
- :func:`headline_vectorised`: the same over a whole pandas DataFrame with numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

COOK_SIGNS = ("gait_deviation", "hoffmann_sign", "inverted_supinator_sign", "babinski_sign")
COOK_AGE_OVER = 45
# A deficit of the kind that makes a rapid course a spinal emergency (weakness, upper motor neuron
# signs in legs or arms, cauda equina signs, sphincter, gait, sensory and hand deficits).
NEURO_DEFICIT = (
    "leg_weakness",
    "leg_weakness_on_exam",
    "hyperreflexia",
    "leg_hyperreflexia",
    "babinski_sign",
    "ankle_clonus",
    "saddle_anesthesia",
    "urinary_retention",
    "reduced_anal_tone",
    "arm_hyperreflexia",
    "hoffmann_sign",
    "tromner_sign",
    "inverted_supinator_sign",
    "foot_drop",
    "truncal_sensory_level",
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
    "vibration_or_position_sense_loss",
)
LEG_SYMPTOMS = (
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
)
# The examination is complete when each group has an item recorded (present or absent); the leg
# reflexes also count as recorded when reduced knee or ankle reflexes are recorded present.
BRISK_LEG_REFLEXES = ("hyperreflexia", "leg_hyperreflexia")
REDUCED_LEG_REFLEXES = ("reduced_knee_reflexes", "reduced_ankle_reflexes")
EXAM_GROUPS = (("babinski_sign",), ("hoffmann_sign", "tromner_sign", "arm_hyperreflexia"), ("ankle_clonus",))


def _exam_complete_row(findings: dict[str, str]) -> bool:
    known = lambda f: findings.get(f, "unknown") != "unknown"  # noqa: E731
    reflexes = any(known(f) for f in BRISK_LEG_REFLEXES) or any(
        findings.get(f) == "present" for f in REDUCED_LEG_REFLEXES
    )
    return reflexes and all(any(known(f) for f in group) for group in EXAM_GROUPS)


def headline_row(p: dict[str, Any]) -> dict[str, Any]:
    """One patient in the engine's JSON shape (``findings``: id -> "present"/"absent")."""
    findings = p.get("findings", {})
    positive = 0
    assessed = 0
    for sign in COOK_SIGNS:
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
        "rapid": p.get("course") == "rapidly_progressive" and any(findings.get(f) == "present" for f in NEURO_DEFICIT),
        "incomplete_exam": legs and not _exam_complete_row(findings),
    }


def headline_vectorised(df: pd.DataFrame) -> pd.DataFrame:
    """The whole cohort at once: boolean finding columns with nulls (pandas ``boolean``)."""
    n = len(df)
    positive = np.zeros(n, dtype=np.int8)
    assessed = np.zeros(n, dtype=np.int8)
    for sign in COOK_SIGNS:
        if sign not in df:
            continue
        col = df[sign].array
        known = ~np.asarray(col.isna())
        values = np.asarray(col.fillna(False), dtype=bool)
        positive += values & known
        assessed += known
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
    for f in BRISK_LEG_REFLEXES:
        complete |= known(f)
    for f in REDUCED_LEG_REFLEXES:
        complete |= present(f)
    for group in EXAM_GROUPS:
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


def check_agreement(baseline: pd.DataFrame, engine: pd.DataFrame) -> None:
    """Raises AssertionError unless the baseline's columns equal the engine's on every row (the
    engine's ``cook_*`` columns, ``rapidly_progressive_deficit`` in its ``red_flags`` and
    ``incomplete_neurological_exam`` in its ``warnings``)."""
    ok = engine["error"].isna().to_numpy()
    assert ok.all(), "the benchmark cohort has no bad rows"
    for col in ("cook_positive", "cook_assessed"):
        want = engine[col].to_numpy(dtype="int64")
        got = baseline[col].to_numpy(dtype="int64")
        assert (want == got).all(), f"{col}: the baseline disagrees with the engine"
    for column, item, name in (
        ("red_flags", "rapidly_progressive_deficit", "rapid"),
        ("warnings", "incomplete_neurological_exam", "incomplete_exam"),
    ):
        lists = engine[column]
        got = np.fromiter((item in list(v) for v in lists), dtype=bool, count=len(lists))
        assert (got == baseline[name].to_numpy(dtype=bool)).all(), f"{name}: the baseline disagrees with the engine"
