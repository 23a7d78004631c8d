"""The headline attributes read natively (without JSON) agree with the contract JSON."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import stenosis
from stenosis import Action, Condition, Pathway, Presentation, Urgency, _stenosis
from stenosis._assessment import Assessment

from conftest import CASES, VIGNETTES, load_vignette


@pytest.mark.parametrize("path", VIGNETTES + CASES, ids=lambda p: p.stem)
def test_native_headline_equals_the_json(path: Path) -> None:
    v = load_vignette(path)
    data = v.get("presentation", v)
    a = stenosis.assess(data)
    d = a.to_dict()
    assert a.pathway is Pathway(d["pathway"])
    assert a.pathway_rationale == d["pathway_rationale"]
    assert a.top_condition is Condition(d["differential"][0]["condition"])
    assert a.id == d.get("id")
    mri = next((r["urgency"] for r in d["recommendations"] if r["action"] == "cervical_mri"), None)
    assert a.cervical_mri_urgency is (Urgency(mri) if mri is not None else None)
    assert a.recommendation(Action.CERVICAL_MRI) == next(
        (r for r in a.recommendations if r.action is Action.CERVICAL_MRI), None
    )
    native = _stenosis.assess_native(data)
    assert native.myelopathy_likelihood == d["myelopathy"]["likelihood"]
    assert (native.cook_positive, native.cook_assessed) == (
        d["myelopathy"]["cook_rule"]["positive"],
        d["myelopathy"]["cook_rule"]["assessed"],
    )
    assert native.severity_class == (d["severity"]["class"] if d["severity"] is not None else None)
    assert native.red_flag_ids == tuple(r["id"] for r in d["red_flags"])
    assert native.warning_ids == tuple(w["id"] for w in d["warnings"])
    assert native.to_json() == a.to_json() == _stenosis.assess_to_json(data)
    # The same from JSON text, from a Presentation, and after a pickle round trip.
    p = Presentation.from_dict(data)
    assert stenosis.assess(p) == a
    assert stenosis.assess(pickle.loads(pickle.dumps(p))).pathway is a.pathway


def test_native_assessment_keeps_the_presentation_given() -> None:
    p = Presentation(age_years=70, findings={"hoffmann_sign": "present"})
    assert stenosis.assess(p).presentation is p
    data = {"age_years": 70, "findings": {"hoffmann_sign": "present"}}
    a = stenosis.assess(data)
    data["age_years"] = 20  # the assessment keeps what was assessed
    assert a.presentation == p
    with pytest.raises(stenosis.InvalidPresentation) as e:
        stenosis.assess({"age_years": 700})
    assert e.value.field == "age_years"


RECORDS = (
    "differential", "myelopathy", "severity", "pathway", "pathway_rationale", "recommendations", "red_flags",
    "warnings", "next_findings", "prognosis", "citations", "id", "engine_version", "knowledge_base_version",
    "disclaimer", "top_condition", "cervical_mri_urgency",
)


@pytest.mark.parametrize("path", VIGNETTES + CASES, ids=lambda p: p.stem)
def test_native_records_equal_the_records_parsed_from_the_json(path: Path) -> None:
    v = load_vignette(path)
    data = v.get("presentation", v)
    native = stenosis.assess(data)  # records built from native rows, no JSON
    parsed = Assessment._from_json(_stenosis.assess_to_json(data), native.presentation)
    for name in RECORDS:
        assert getattr(native, name) == getattr(parsed, name), name
    assert native == parsed
    n = _stenosis.assess_native(data)
    standard = json.loads(n.to_json_detail("standard"))
    full = json.loads(n.to_json())
    assert standard["citations"] == [c["id"] for c in full["citations"]]
    with pytest.raises(ValueError):
        n.to_json_detail("everything")
