"""A plain dict of plain values is read straight into a Presentation; anything else (here a dict
subclass) is written out as JSON and parsed by the core. Both paths must give the same
Presentation, or the same refusal (kind, field and message), for every input."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stenosis
from stenosis import Finding, InvalidPresentation, Presentation

FIELDS = list(stenosis._stenosis.PRESENTATION_FIELDS)
FINDING_IDS = [f.value for f in Finding]


class Other(dict[str, Any]):
    """A dict subclass: always read through the JSON text."""


def outcome(data: Any) -> tuple[Any, ...]:
    try:
        p = Presentation.from_dict(data)
    except InvalidPresentation as e:
        return ("refused", e.kind, e.field, str(e))
    return ("ok", p.to_json(), p)


def both_paths(data: dict[str, Any]) -> None:
    plain = outcome(data)
    general = outcome(Other(data))
    assert plain == general
    if plain[0] == "ok":
        assert stenosis.assess(data).to_json() == stenosis.assess(Other(data)).to_json()


statuses = st.one_of(
    st.sampled_from(["present", "absent", "unknown", "Present", "", "yes"]),
    st.booleans(),
    st.none(),
    st.integers(-2, 2),
    st.floats(allow_nan=True),
    st.lists(st.none(), max_size=1),
)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.integers(-1, 130),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(0, 1300),
    st.sampled_from([0.0, -0.0, 64.0, 64.5, 18.0, 1200.0, 3.0, 3.0000000000000004, 1e-320]),
    st.text(max_size=8),
    st.sampled_from(["male", "female", "stable", "progressive", "rapidly_progressive", "rec-1", "x" * 65]),
    st.dictionaries(st.sampled_from(FINDING_IDS), statuses, max_size=2),
    st.lists(st.integers(), max_size=1),
)
findings = st.one_of(
    st.dictionaries(st.one_of(st.sampled_from(FINDING_IDS), st.sampled_from(["babinsky_sign", ""])), statuses),
    st.dictionaries(st.sampled_from(FINDING_IDS), st.sampled_from(["present", "absent"]), max_size=45),
    values,
)
shaped = st.fixed_dictionaries(
    {},
    optional={**{f: values for f in FIELDS if f != "findings"}, "findings": findings, "age": values, "": values},
)

valid = st.fixed_dictionaries(
    {},
    optional={
        "age_years": st.one_of(st.integers(0, 120), st.integers(0, 120).map(float), st.none()),
        "sex": st.sampled_from([*(s.value for s in stenosis.Sex), None]),
        "course": st.sampled_from([*(c.value for c in stenosis.Course), None]),
        "symptom_duration_months": st.one_of(st.floats(0, 1200), st.integers(0, 1200), st.none()),
        "mjoa": st.one_of(st.integers(0, 18), st.integers(0, 18).map(float), st.none()),
        "ankle_brachial_index": st.one_of(st.floats(0, 3), st.integers(0, 3), st.none()),
        "id": st.one_of(st.from_regex(r"[A-Za-z0-9._:-]{1,64}", fullmatch=True), st.none()),
        "findings": st.dictionaries(
            st.sampled_from(FINDING_IDS), st.sampled_from(["present", "absent", "unknown", True, False, None])
        ),
    },
)

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(shaped)
def test_a_plain_dict_and_a_dict_subclass_give_the_same_presentation_or_refusal(data: dict[str, Any]) -> None:
    both_paths(data)


@SETTINGS
@given(valid)
def test_every_valid_value_type_gives_the_same_presentation_on_both_paths(data: dict[str, Any]) -> None:
    assert outcome(data)[0] == "ok"
    both_paths(data)
    assert Presentation(**data) == Presentation.from_dict(data)


def test_the_plain_path_reads_every_value_type_it_takes() -> None:
    data = {
        "age_years": 64.0,
        "sex": "female",
        "course": None,
        "symptom_duration_months": 8,
        "mjoa": 13,
        "ankle_brachial_index": 0.95,
        "id": "rec-7",
        "findings": {"hoffmann_sign": True, "babinski_sign": False, "gait_difficulty": None, "leg_numbness": "present"},
    }
    both_paths(data)
    p = Presentation.from_dict(data)
    assert (p.age_years, p.mjoa, p.symptom_duration_months, p.course) == (64, 13, 8.0, None)
    assert p.to_dict()["findings"] == {"hoffmann_sign": "present", "babinski_sign": "absent", "leg_numbness": "present"}


def test_keys_and_values_that_are_not_plain_take_the_general_path() -> None:
    class Key(str):
        pass

    class Number(int):
        pass

    class Text(str):
        pass

    for data in (
        {Key("age_years"): 64},
        {"age_years": Number(64)},
        {"sex": Text("male")},
        {"findings": Other({"hoffmann_sign": "present"})},
        {"findings": {Key("hoffmann_sign"): Text("present")}},
        {"findings": {"hoffmann_sign": "present"}, "mjoa": True},
    ):
        both_paths(data)
    assert Presentation.from_dict({Key("age_years"): Number(64)}).age_years == 64
    assert Presentation.from_dict({"findings": {Key("hoffmann_sign"): Text("present")}}).finding(
        "hoffmann_sign"
    ) is stenosis.FindingStatus.PRESENT
