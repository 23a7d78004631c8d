"""Every kind of bad input raises InvalidPresentation with the right field; nothing crashes."""

from __future__ import annotations

import math
from typing import Any

import pytest

import stenosis
from stenosis import InternalError, InvalidPresentation, Presentation, StenosisError

CASES: list[tuple[str, Any, str | None, str]] = [
    ("age out of range", {"age_years": 121}, "age_years", "out_of_range"),
    ("negative age", {"age_years": -1}, "age_years", "out_of_range"),
    ("huge int", {"age_years": 10**40}, "age_years", "out_of_range"),
    ("fractional age", {"age_years": 61.5}, "age_years", "out_of_range"),
    ("age is a string", {"age_years": "61"}, "age_years", "wrong_type"),
    ("age is a bool", {"age_years": True}, "age_years", "wrong_type"),
    ("NaN age", {"age_years": math.nan}, "age_years", "not_a_number"),
    ("infinite duration", {"symptom_duration_months": math.inf}, "symptom_duration_months", "not_a_number"),
    ("duration too long", {"symptom_duration_months": 1201}, "symptom_duration_months", "out_of_range"),
    ("mJOA 19", {"mjoa": 19}, "mjoa", "out_of_range"),
    ("ABI 3.5", {"ankle_brachial_index": 3.5}, "ankle_brachial_index", "out_of_range"),
    ("ABI is a list", {"ankle_brachial_index": [1]}, "ankle_brachial_index", "wrong_type"),
    ("unknown sex", {"sex": "f"}, "sex", "invalid_value"),
    ("unknown course", {"course": "worse"}, "course", "invalid_value"),
    ("unknown field", {"agee_years": 3}, "agee_years", "unknown_field"),
    ("unknown finding", {"findings": {"babinsky_sign": "present"}}, "findings.babinsky_sign", "unknown_finding"),
    ("bad status", {"findings": {"babinski_sign": "yes"}}, "findings.babinski_sign", "invalid_value"),
    ("status is a number", {"findings": {"babinski_sign": 1}}, "findings.babinski_sign", "wrong_type"),
    ("findings is a list", {"findings": ["babinski_sign"]}, "findings", "wrong_type"),
    ("object value", {"age_years": object()}, "age_years", "wrong_type"),
    ("non-string key", {1: 2}, None, "wrong_type"),
    ("not a dict", ["age_years"], None, "not_an_object"),
    ("None", None, None, "not_an_object"),
]


@pytest.mark.parametrize(("name", "data", "field", "kind"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_names_the_field(name: str, data: Any, field: str | None, kind: str) -> None:
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess(data)
    e = info.value
    assert e.field == field, str(e)
    assert e.kind == kind, str(e)
    assert isinstance(e, ValueError) and isinstance(e, StenosisError)
    if field is not None:
        assert str(e).startswith(field), str(e)
    # The same through the keyword constructor and from_dict.
    if isinstance(data, dict) and all(isinstance(k, str) and not k.startswith("agee") for k in data):
        with pytest.raises(InvalidPresentation) as again:
            Presentation(**data)
        assert again.value.field == field
    with pytest.raises(InvalidPresentation):
        Presentation.from_dict(data)


def test_unknown_finding_suggests_the_closest() -> None:
    with pytest.raises(InvalidPresentation, match='did you mean "babinski_sign"'):
        Presentation(findings={"babinsky_sign": "present"})


def test_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Presentation(agee_years=3)  # type: ignore[call-arg]


def test_assess_json_errors() -> None:
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_json('{"age_years": 150}')
    assert info.value.field == "age_years" and "line 1" in str(info.value)
    for text in ["", "{", "[]", "null", '{"a": 1} x', "\x00"]:
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_json(text)
        assert info.value.field in (None, "a")
    with pytest.raises(TypeError):
        stenosis.assess_json(123)  # type: ignore[arg-type]
    # UTF-8 bytes are accepted like text (issue 12).
    assert stenosis.assess_json(b"{}") == stenosis.assess_json("{}")


def test_messages_never_echo_free_text() -> None:
    secret = "Jane Doe, MRN 12345"
    for data in [{"sex": secret}, {"findings": {secret: "present"}}, {secret: 1}, {"findings": {"falls": secret}}]:
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess(data)
        assert secret not in str(info.value)


def test_deep_and_self_referencing_input_does_not_crash() -> None:
    d: dict[str, Any] = {}
    d["findings"] = d
    with pytest.raises(InvalidPresentation):
        stenosis.assess(d)
    deep: Any = "present"
    for _ in range(10_000):
        deep = {"x": deep}
    with pytest.raises(InvalidPresentation):
        stenosis.assess({"findings": deep})


def test_panic_becomes_internal_error() -> None:
    from stenosis import _stenosis

    with pytest.raises(InternalError, match="internal error"):
        _stenosis._panic_for_tests()
    assert issubclass(InternalError, Exception) and issubclass(InternalError, StenosisError)
    assert not issubclass(InternalError, ValueError)


def test_keywords_follow_the_core_field_table() -> None:
    # Every field of the core's table is a keyword (the stub's signature is generated from it).
    assert Presentation(id="r-1", mjoa=None) == Presentation.from_dict({"id": "r-1"})
    # The repr shows the given fields in the table's order, as keywords that rebuild it.
    p = Presentation(id="r-1", mjoa=12, symptom_duration_months=2, findings={"babinski_sign": True})
    assert repr(p) == "Presentation(symptom_duration_months=2.0, mjoa=12, findings={'babinski_sign': 'present'}, id='r-1')"
    with pytest.raises(InvalidPresentation) as info:
        Presentation(course="relapsing ", age_years=200)
    assert info.value.field == "age_years"
