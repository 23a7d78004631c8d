"""The per-patient API: assess, assess_json, Presentation, Assessment, vocabulary, findings()."""

from __future__ import annotations

import json
import pickle
import subprocess
from pathlib import Path
from typing import Any

import pytest

import stenosis
from stenosis import (
    Action,
    Assessment,
    Condition,
    Finding,
    FindingStatus,
    Likelihood,
    Pathway,
    Presentation,
    Urgency,
)

from conftest import CASES, GOLDEN, VIGNETTES, compact, load_vignette

DCM = {
    "age_years": 64,
    "sex": "female",
    "course": "progressive",
    "mjoa": 13,
    "findings": {
        "bilateral_leg_symptoms": "present",
        "gait_difficulty": "present",
        "hoffmann_sign": "present",
        "babinski_sign": "present",
        "hyperreflexia": "present",
    },
}


def test_assess_dict_returns_typed_assessment() -> None:
    a = stenosis.assess(DCM)
    assert isinstance(a, Assessment)
    assert a.top_condition is Condition.CERVICAL_MYELOPATHY
    assert isinstance(a.pathway, Pathway)
    assert a.myelopathy.likelihood is Likelihood.HIGH
    assert a.myelopathy.cook_rule.positive >= 2
    assert 0 <= a.myelopathy.cook_rule.assessed <= 5
    assert len(a.myelopathy.cook_rule.items) == 5
    assert a.severity is not None and a.severity.mjoa == 13
    assert a.severity.severity_class.value == "moderate"
    assert {d.condition for d in a.differential} == set(Condition)
    assert all(isinstance(f, Finding) for d in a.differential for f in d.supporting)
    assert a.recommendations and all(isinstance(r.urgency, Urgency) for r in a.recommendations)
    mri = a.recommendation(Action.CERVICAL_MRI)
    assert a.cervical_mri_urgency == (mri.urgency if mri else None)
    assert a.citations and all(c.id and c.title for c in a.citations)
    assert any(c.url for c in a.citations)
    assert a.engine_version == stenosis.ENGINE_VERSION == stenosis.__version__
    assert a.knowledge_base_version == stenosis.KNOWLEDGE_BASE_VERSION
    assert a.versions == {"engine": a.engine_version, "knowledge_base": a.knowledge_base_version}
    assert a.disclaimer == stenosis.DISCLAIMER and "not a diagnosis" in a.disclaimer
    assert isinstance(a.pathway_rationale, str) and a.pathway_rationale
    assert isinstance(a.next_findings, tuple)
    for n in a.next_findings:
        assert isinstance(n.finding, Finding) and n.impact >= 0 and n.why
        assert isinstance(n.if_present.pathway, Pathway) and isinstance(n.if_absent.top_condition, Condition)
    for p in a.prognosis:
        assert p.id and p.statement
    for r in a.red_flags:
        assert r.message
    for w in a.warnings:
        assert w.message and w.citations is not None


def test_every_attribute_matches_the_contract_json() -> None:
    a = stenosis.assess(DCM)
    d = a.to_dict()
    assert d == json.loads(a.to_json())
    assert [e.condition.value for e in a.differential] == [e["condition"] for e in d["differential"]]
    assert a.pathway.value == d["pathway"]
    assert [r.action.value for r in a.recommendations] == [r["action"] for r in d["recommendations"]]
    assert [r.id.value for r in a.red_flags] == [r["id"] for r in d["red_flags"]]
    assert [w.id.value for w in a.warnings] == [w["id"] for w in d["warnings"]]
    assert [n.finding.value for n in a.next_findings] == [n["finding"] for n in d["next_findings"]]
    assert [c.id for c in a.citations] == [c["id"] for c in d["citations"]]
    assert a.myelopathy.cook_rule.positive == d["myelopathy"]["cook_rule"]["positive"]
    assert a.citation(a.citations[0].id) == a.citations[0]
    assert a.citation("no-such-id") is None


def test_assessment_is_read_only_and_comparable() -> None:
    a = stenosis.assess(DCM)
    with pytest.raises(AttributeError):
        a.pathway = Pathway.EMERGENCY  # type: ignore[misc]
    assert a == stenosis.assess(DCM)
    assert hash(a) == hash(stenosis.assess(DCM))
    assert a != stenosis.assess({})
    r = repr(a)
    assert r.startswith("<Assessment pathway=") and "cervical_myelopathy" in r


def test_assess_json_is_byte_identical() -> None:
    text = json.dumps(DCM)
    out = stenosis.assess_json(text)
    assert out == stenosis.assess(DCM).to_json()
    assert out == stenosis.assess(Presentation.from_json(text)).to_json()
    assert out == stenosis.assess(Presentation(**DCM)).to_json()  # type: ignore[arg-type]


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.stem)
def test_vignette_same_json_as_core(path: Path, stenosis_cli: str | None, tmp_path: Path) -> None:
    v = load_vignette(path)
    pres = v["presentation"]
    text = json.dumps(pres)
    via_json = stenosis.assess_json(text)
    via_dict = stenosis.assess(pres)
    assert via_dict.to_json() == via_json
    assert stenosis.assess(Presentation.from_dict(pres)).to_json() == via_json
    if stenosis_cli is None:
        pytest.skip("the stenosis CLI is not built; scripts/test-python.sh builds it")
    f = tmp_path / "p.json"
    f.write_text(text)
    cli = subprocess.run([stenosis_cli, "assess", "--json", str(f)], capture_output=True, text=True, check=True)
    assert cli.stdout == via_json + "\n"


@pytest.mark.parametrize("path", VIGNETTES + CASES, ids=lambda p: p.stem)
def test_output_equals_golden_bytes(path: Path) -> None:
    """The module's JSON equals the recorded golden output (tests/golden.rs) byte for byte."""
    data = load_vignette(path)
    vignette = path.parent.name == "vignettes"
    pres = data["presentation"] if vignette else data
    golden = GOLDEN / ("vignettes" if vignette else "cases") / f"{path.stem}.json"
    want = compact(golden.read_text(encoding="utf-8"))
    assert stenosis.assess_json(json.dumps(pres)) == want
    assert stenosis.assess(pres).to_json() == want


def _one_of(expected: Any, got: Any) -> bool:
    return got in expected if isinstance(expected, list) else got == expected


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.stem)
def test_vignette_expectations(path: Path) -> None:
    v = load_vignette(path)
    a = stenosis.assess(v["presentation"])
    e = v["expect"]
    if "top_condition" in e:
        assert _one_of(e["top_condition"], a.top_condition.value if a.top_condition else None)
    if "pathway" in e:
        assert _one_of(e["pathway"], a.pathway.value)
    if "cervical_mri" in e:
        mri = a.cervical_mri_urgency
        assert _one_of(e["cervical_mri"], mri.value if mri else None)
    if "red_flags" in e:
        assert sorted(r.id.value for r in a.red_flags) == sorted(e["red_flags"])
    warnings = {w.id.value for w in a.warnings}
    assert set(e.get("warnings_include", [])) <= warnings
    assert not set(e.get("warnings_exclude", [])) & warnings
    if "severity_class" in e:
        got = a.severity.severity_class.value if a.severity else None
        assert _one_of(e["severity_class"], got)
    if "myelopathy_likelihood" in e:
        assert _one_of(e["myelopathy_likelihood"], a.myelopathy.likelihood.value)


def test_presentation_keyword_construction_and_attributes() -> None:
    p = Presentation(
        age_years=70,
        sex=stenosis.Sex.MALE,
        course="stable",
        symptom_duration_months=6.5,
        mjoa=15,
        ankle_brachial_index=1.1,
        findings={Finding.BABINSKI_SIGN: "present", "hoffmann_sign": True, "falls": False, "neck_pain": None},
    )
    assert p.age_years == 70 and p.mjoa == 15
    assert p.sex is stenosis.Sex.MALE and p.course is stenosis.Course.STABLE
    assert p.symptom_duration_months == 6.5 and p.ankle_brachial_index == 1.1
    assert p.findings == {
        Finding.BABINSKI_SIGN: FindingStatus.PRESENT,
        Finding.HOFFMANN_SIGN: FindingStatus.PRESENT,
        Finding.FALLS: FindingStatus.ABSENT,
    }
    assert p.finding("neck_pain") is FindingStatus.UNKNOWN
    assert p.finding(Finding.FALLS) is FindingStatus.ABSENT
    d = p.to_dict()
    assert d["findings"] == {"hoffmann_sign": "present", "babinski_sign": "present", "falls": "absent"}
    assert Presentation.from_dict(d) == p and Presentation.from_json(p.to_json()) == p
    assert hash(Presentation.from_dict(d)) == hash(p)
    assert p != Presentation() and p != "x"
    assert repr(Presentation(age_years=3)) == "Presentation(age_years=3)"
    assert "babinski_sign" in repr(p)
    with pytest.raises(AttributeError):
        p.age_years = 3  # type: ignore[misc]
    e = Presentation()
    assert e.age_years is None and e.sex is None and e.course is None and e.findings == {}
    assert e.symptom_duration_months is None and e.mjoa is None and e.ankle_brachial_index is None


def test_presentation_accepts_numpy_scalars_and_mappings() -> None:
    np = pytest.importorskip("numpy")
    p = Presentation.from_dict({"age_years": np.int64(50), "mjoa": np.float64(14.0), "findings": {"falls": np.bool_(True)}})
    assert p.age_years == 50 and p.mjoa == 14 and p.findings == {Finding.FALLS: FindingStatus.PRESENT}

    class M:
        def keys(self) -> list[str]:
            return ["age_years"]

        def __getitem__(self, k: str) -> int:
            return 40

    assert stenosis.assess(M()).to_json() == stenosis.assess({"age_years": 40}).to_json()  # type: ignore[arg-type]


def test_vocabulary_enums_match_the_core() -> None:
    from stenosis import _stenosis

    from stenosis import _vocabulary

    # Every generated enum, each exported by the package and equal to the core's table.
    assert {"Finding", "Pathway", "Detail", "EvidenceQuality"} <= set(_vocabulary.__all__)
    for name in _vocabulary.__all__:
        cls = getattr(stenosis, name)
        assert name in stenosis.__all__
        assert [m.value for m in cls] == [i for i, _ in _stenosis.vocabulary_table(name)], name
        assert all(isinstance(m, str) for m in cls)
    assert Finding("babinski_sign") is Finding.BABINSKI_SIGN
    with pytest.raises(TypeError):
        _stenosis.vocabulary_table("Nope")


def test_findings_table() -> None:
    table = stenosis.findings()
    assert [f.finding for f in table] == list(Finding)
    by_id = {f.finding: f for f in table}
    assert by_id[Finding.SADDLE_ANESTHESIA].snomed_code == "449813001"
    assert by_id[Finding.SADDLE_ANESTHESIA].snomed_display
    assert by_id[Finding.BABINSKI_SIGN].snomed_code is None
    assert by_id[Finding.BABINSKI_SIGN].group is stenosis.FindingGroup.UPPER_MOTOR_NEURON_EXAM
    assert all(f.definition and f.label for f in table)


def test_html_card() -> None:
    a = stenosis.assess({"age_years": 55, "findings": {"saddle_anesthesia": "present", "urinary_retention": "present",
                                                       "leg_weakness": "present"}})
    assert a.red_flags
    html = a._repr_html_()
    assert html.startswith("<style>") and html.rstrip().endswith("</div>")
    # Red flags come before the pathway and the differential.
    assert html.index("RED FLAG") < html.index("Pathway") < html.index("Differential")
    assert "stn-red-flag" in html and "What to do" in html
    assert 'href="https://' in html
    assert "not a diagnosis" in html
    assert "<script" not in html


def test_assess_many_keeps_order_and_bad_items() -> None:
    rows: list[Any] = [DCM, {"age_years": 200}, Presentation(age_years=30), {}, "nonsense"]
    out = stenosis.assess_many(rows, threads=2)
    assert len(out) == 5
    assert isinstance(out[0], Assessment) and out[0] == stenosis.assess(DCM)
    assert isinstance(out[1], stenosis.InvalidPresentation) and out[1].field == "age_years"
    assert isinstance(out[2], Assessment) and isinstance(out[3], Assessment)
    assert isinstance(out[4], stenosis.InvalidPresentation) and out[4].field is None
    assert stenosis.assess_many([]) == []
    assert len(stenosis.assess_many(iter([{}] * 5000))) == 5000


def test_invalid_presentation_pickles() -> None:
    with pytest.raises(stenosis.InvalidPresentation) as info:
        stenosis.assess({"mjoa": 19})
    e = pickle.loads(pickle.dumps(info.value))
    assert e == info.value and e.field == "mjoa" and e.kind == "out_of_range" and e.message == str(e)


def test_cds_hooks_response_follows_the_specification() -> None:
    red_flag = stenosis.cds_hooks({"findings": {"saddle_anesthesia": "present", "leg_weakness": "present"}})
    cards = red_flag["cards"]
    assert cards[0]["indicator"] == "critical"
    assert all(len(c["summary"]) < 140 and c["source"]["label"] for c in cards)
    assert "suggestions" not in json.dumps(red_flag)
    lumbar = {
        "walking_leg_pain": "present",
        "relief_with_sitting_or_flexion": "present",
        "hyperreflexia": "absent",
        "babinski_sign": "absent",
    }
    calm = stenosis.cds_hooks(stenosis.Presentation(age_years=70, findings=lumbar))
    assert [c["indicator"] for c in calm["cards"]] == ["info"]
    with pytest.raises(stenosis.InvalidPresentation) as e:
        stenosis.cds_hooks({"findings": {"babinsky_sign": "present"}})
    assert e.value.field == "findings.babinsky_sign"
