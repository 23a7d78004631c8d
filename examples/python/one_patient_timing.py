"""One patient from Python, timed side by side in one run: the typed attribute read natively
(``assess(d).pathway``) against the way it was read before (the contract JSON written in Rust,
then parsed in Python). Run after ``maturin develop --release``:

    .venv/bin/python examples/python/one_patient_timing.py
"""

from __future__ import annotations

import timeit
from collections.abc import Callable
from typing import Any

import stenosis
from stenosis import Presentation, _stenosis
from stenosis._assessment import Assessment

TYPICAL: dict[str, Any] = {
    "age_years": 64,
    "sex": "female",
    "course": "progressive",
    "symptom_duration_months": 8,
    "findings": {
        "bilateral_leg_symptoms": "present",
        "gait_difficulty": "present",
        "leg_numbness": "present",
        "hand_clumsiness": "present",
        "significant_back_pain": "absent",
        "walking_leg_pain": "absent",
        "hyperreflexia": "present",
        "hoffmann_sign": "present",
        "babinski_sign": "absent",
        "ankle_clonus": "absent",
        "gait_deviation": "present",
        "diabetes": "absent",
        "known_lumbar_stenosis": "present",
    },
}


def through_json(data: dict[str, Any]) -> stenosis.Pathway:
    """The attribute as it was read before: the JSON written in Rust, parsed in Python."""
    text = _stenosis.assess_to_json(data)
    return Assessment._from_json(text, Presentation.from_dict(data)).pathway


def best_us(f: Callable[[], object], number: int) -> float:
    """The best of 7 rounds, in microseconds per call."""
    return min(timeit.repeat(f, number=number, repeat=7)) / number * 1e6


def main() -> None:
    p = Presentation.from_dict(TYPICAL)
    assert through_json(TYPICAL) is stenosis.assess(TYPICAL).pathway
    rows = [
        ("before: dict -> JSON -> parsed -> .pathway", lambda: through_json(TYPICAL), 300),
        ("after:  dict -> assess(d).pathway", lambda: stenosis.assess(TYPICAL).pathway, 3000),
        ("after:  Presentation -> assess(p).pathway", lambda: stenosis.assess(p).pathway, 3000),
        ("        Presentation.from_dict(d)", lambda: Presentation.from_dict(TYPICAL), 3000),
        ("after:  dict -> assess(d).recommendations", lambda: stenosis.assess(TYPICAL).recommendations, 300),
        ("after:  dict -> assess(d).to_json()", lambda: stenosis.assess(TYPICAL).to_json(), 300),
    ]
    for name, f, n in rows:
        print(f"{name:<45} {best_us(f, n):9.2f} us")


if __name__ == "__main__":
    main()
