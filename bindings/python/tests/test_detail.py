"""Detail levels and the reference registry through Python: the core's writers, the same bytes as
the CLI and C; bad detail values refused naming the parameter."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

import stenosis

CASE: dict[str, Any] = {
    "id": "r-7",
    "age_years": 61,
    "course": "progressive",
    "findings": {
        "sciatica_like_pain": "present",
        "leg_weakness_on_exam": "present",
        "hyperreflexia": "present",
        "hoffmann_sign": "present",
        "known_lumbar_stenosis": "present",
    },
}


def test_assess_json_levels() -> None:
    text = json.dumps(CASE)
    full = stenosis.assess_json(text)
    assert stenosis.assess_json(text, detail="full") == full
    assert full == stenosis.assess(CASE).to_json()
    standard = json.loads(stenosis.assess_json(text, detail="standard"))
    want = json.loads(full)
    del want["next_findings"]
    want["citations"] = [c["id"] for c in want["citations"]]
    assert standard == want
    summary = json.loads(stenosis.assess_json(text.encode(), detail="summary"))
    a = stenosis.assess(CASE)
    assert summary["id"] == "r-7"
    assert summary["pathway"] == a.pathway.value
    assert summary["top_condition"] == a.differential[0].condition.value
    assert summary["red_flags"] == [r.id.value for r in a.red_flags]
    assert summary["warnings"] == [w.id.value for w in a.warnings]


def test_assessment_to_json_levels() -> None:
    a = stenosis.assess(CASE)
    text = json.dumps(CASE)
    assert a.to_json() == a.to_json(detail="full") == stenosis.assess_json(text)
    for detail in ("standard", "summary"):
        assert a.to_json(detail) == stenosis.assess_json(text, detail=detail)


def test_assess_many_json_levels_and_bad_rows() -> None:
    rows: list[dict[str, Any]] = [CASE, {"mjoa": 19}, {"age_years": 50}]
    for detail in ("full", "standard", "summary"):
        out = stenosis.assess_many_json(rows, detail=detail, threads=2)
        assert out[0] == stenosis.assess_json(json.dumps(CASE), detail=detail)
        assert isinstance(out[1], stenosis.InvalidPresentation) and out[1].field == "mjoa"
        assert out[2] == stenosis.assess_json('{"age_years": 50}', detail=detail)


@pytest.mark.parametrize("bad", ["", "Full", "fulll", "headline"])
def test_bad_detail_is_refused_naming_the_parameter(bad: str) -> None:
    text = json.dumps(CASE)
    a = stenosis.assess(CASE)
    calls: list[Callable[[], Any]] = [
        lambda: stenosis.assess_json(text, detail=bad),
        lambda: a.to_json(bad),
        lambda: stenosis.assess_many_json([CASE], detail=bad),
    ]
    for call in calls:
        with pytest.raises(stenosis.InvalidPresentation) as e:
            call()
        assert e.value.field == "detail"
        assert e.value.kind == "invalid_value"
        assert "detail" in str(e.value) and "summary" in str(e.value)
    with pytest.raises(TypeError, match="detail"):
        stenosis.assess_json(text, detail=1)  # type: ignore[arg-type]


def test_references_are_the_registry() -> None:
    refs = stenosis.references()
    ids = [r["id"] for r in refs]
    assert len(ids) == len(set(ids)) > 0
    full = stenosis.assess(CASE).to_dict()
    by_id = {r["id"]: r for r in refs}
    # Each citation of a full assessment is the registry's entry, field for field.
    for c in full["citations"]:
        assert by_id[c["id"]] == c
    # Each id a standard assessment cites resolves.
    standard = json.loads(stenosis.assess_json(json.dumps(CASE), detail="standard"))
    assert standard["citations"] and all(i in by_id for i in standard["citations"])


def test_presentation_id_is_read_back() -> None:
    # The record id is a property like every other field, kept through a pickle and from_dict.
    import pickle

    p = stenosis.Presentation.from_dict(CASE)
    assert p.id == "r-7" and stenosis.Presentation(age_years=60).id is None
    assert pickle.loads(pickle.dumps(p)).id == "r-7"
    assert stenosis.Presentation(id="mrn:000123-a").id == "mrn:000123-a"


def test_batch_refusals_carry_the_record_id() -> None:
    # A refused item of a batch carries its record id when it had a valid one (as the CLI's
    # error records), and none when the id itself was at fault or absent.
    import pickle

    rows: list[Any] = [CASE, {"id": "a2", "mjoa": 99}, {"id": "bad id", "age_years": 50}, {"mjoa": 99}]
    for out in (stenosis.assess_many_json(rows, detail="summary"), stenosis.assess_many(rows)):
        assert not isinstance(out[0], stenosis.InvalidPresentation)
        e1, e2, e3 = out[1], out[2], out[3]
        assert isinstance(e1, stenosis.InvalidPresentation) and e1.field == "mjoa" and e1.id == "a2"
        assert isinstance(e2, stenosis.InvalidPresentation) and e2.field == "id" and e2.id is None
        assert isinstance(e3, stenosis.InvalidPresentation) and e3.id is None
        assert pickle.loads(pickle.dumps(e1)).id == "a2"
    with pytest.raises(stenosis.InvalidPresentation) as info:
        stenosis.assess({"id": "a2", "mjoa": 99})
    assert info.value.id is None  # one patient: the caller has the id at hand
