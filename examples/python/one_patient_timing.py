"""One patient from Python, timed side by side in one run: the typed attribute read natively
(``assess(d).pathway``) against the way it was read before (the contract JSON written in Rust,
then parsed in Python), for the typical patient and for a cohort of dicts shaped like the ones
``benches/python/bench_frame.py`` times (age, sex, course, an mJOA for one in five, and about 22
of the first 41 findings given; a different dict on every call). Run after
``maturin develop --release``:

    .venv/bin/python examples/python/one_patient_timing.py [--cohort N]

Instruction counts: ``--only PATH --calls N`` makes N calls of one path and nothing else (PATH is
``assess``, ``from_dict`` or ``presentation``, on the typical dict or, with ``--cohort N``, on the
cohort); run it under callgrind with N calls and with 0, and divide the difference by N:

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python examples/python/one_patient_timing.py --only assess --cohort 2000 --calls 2000
"""

from __future__ import annotations

import argparse
import random
import timeit
from collections.abc import Callable
from itertools import cycle, islice
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


def cohort(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """Dicts in the shape of bench_frame.py's cohort (same fields, same per-finding frequencies:
    finding i present with probability 0.02 + 0.25 * ((7 i) mod 11) / 10, absent with 0.4, else
    not given). The finding ids come from the engine, as there (not interned literals)."""
    rng = random.Random(seed)
    ids = [row[0] for row in _stenosis.finding_table()][:41]
    out = []
    for _ in range(n):
        d: dict[str, Any] = {
            "age_years": rng.randrange(25, 92),
            "sex": rng.choice(["female", "male"]),
            "course": rng.choices(["stable", "progressive", "rapidly_progressive"], [0.7, 0.29, 0.01])[0],
        }
        if rng.random() >= 0.8:
            d["mjoa"] = rng.randrange(8, 19)
        findings = {}
        for i, f in enumerate(ids):
            p = 0.02 + 0.25 * ((i * 7) % 11) / 10
            u = rng.random()
            if u < p + 0.4:
                findings[f] = "present" if u < p else "absent"
        d["findings"] = findings
        out.append(d)
    return out


def through_json(data: dict[str, Any]) -> stenosis.Pathway:
    """The attribute as it was read before: the JSON written in Rust, parsed in Python."""
    text = _stenosis.assess_to_json(data)
    return Assessment._from_json(text, Presentation.from_dict(data)).pathway


def best_us(f: Callable[[], object], number: int, per: int = 1) -> float:
    """The best of 7 rounds, in microseconds per call (``per`` calls in one ``f()``)."""
    return min(timeit.repeat(f, number=number, repeat=7)) / number / per * 1e6


def only(path: str, calls: int, cohort_size: int) -> None:
    """``calls`` calls of one path, on the typical dict or on the cohort's dicts in turn (the
    same work before the calls whatever their number)."""
    dicts = cohort(cohort_size) if cohort_size else [TYPICAL]
    if path == "from_dict":
        _ = [Presentation.from_dict(d) for d in islice(cycle(dicts), calls)]
    elif path == "presentation":
        given = [Presentation.from_dict(d) for d in dicts]
        _ = [stenosis.assess(p).pathway for p in islice(cycle(given), calls)]
    else:
        _ = [stenosis.assess(d).pathway for d in islice(cycle(dicts), calls)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cohort", type=int, help="dicts in the cohort loop (default 20,000; with --only: none)")
    ap.add_argument("--only", choices=["assess", "from_dict", "presentation"], help="one path, untimed")
    ap.add_argument("--calls", type=int, default=2000, help="calls of the --only path")
    args = ap.parse_args()
    if args.only is not None:
        only(args.only, args.calls, args.cohort or 0)
        return
    p = Presentation.from_dict(TYPICAL)
    assert through_json(TYPICAL) is stenosis.assess(TYPICAL).pathway
    dicts = cohort(args.cohort or 20_000)
    n = len(dicts)
    assess = stenosis.assess
    for d in dicts[:200]:
        assert through_json(d) is assess(d).pathway
    # Where a cohort's figure differs from the typical one: the dict's size (a cohort dict with the
    # mean number of findings, 22, the same every call), memory (20,000 copies of it), and a
    # different patient every call (the cohort itself).
    d22 = min(dicts, key=lambda d: abs(len(d["findings"]) - 22))
    copies = [dict(d22, findings=dict(d22["findings"])) for _ in range(n)]
    rows = [
        ("before: dict -> JSON -> parsed -> .pathway", lambda: through_json(TYPICAL), 300, 1),
        ("after:  dict -> assess(d).pathway", lambda: assess(TYPICAL).pathway, 20000, 1),
        ("after:  Presentation -> assess(p).pathway", lambda: assess(p).pathway, 20000, 1),
        ("        Presentation.from_dict(d)", lambda: Presentation.from_dict(TYPICAL), 20000, 1),
        ("after:  dict -> assess(d).recommendations", lambda: assess(TYPICAL).recommendations, 300, 1),
        ("after:  dict -> assess(d).to_json()", lambda: assess(TYPICAL).to_json(), 300, 1),
        ("cohort-shaped dict (22 findings) -> .pathway, same", lambda: assess(d22).pathway, 20000, 1),
        (f"  {n} copies of it: [assess(d).pathway ...]", lambda: [assess(d).pathway for d in copies], 1, n),
        (f"cohort: [assess(d).pathway for d in {n} dicts]", lambda: [assess(d).pathway for d in dicts], 1, n),
        ("cohort:  Presentation.from_dict(d), each", lambda: [Presentation.from_dict(d) for d in dicts], 1, n),
    ]
    for name, f, number, per in rows:
        print(f"{name:<52} {best_us(f, number, per):9.2f} us")


if __name__ == "__main__":
    main()
