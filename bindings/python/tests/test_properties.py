"""Hypothesis properties: no crash on arbitrary input; round trips; frame row i = assess(row i)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stenosis
from stenosis import Finding, InvalidPresentation, Presentation

FIELDS = list(stenosis._stenosis.PRESENTATION_FIELDS)
FINDING_IDS = [f.value for f in Finding]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["present", "absent", "unknown", "male", "female", "progressive", "stable"]),
)
keys = st.one_of(st.sampled_from(FIELDS + FINDING_IDS), st.text(max_size=12))
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(keys, children, max_size=4)),
    max_leaves=12,
)
arbitrary = st.one_of(st.dictionaries(keys, values, max_size=8), values, st.dictionaries(st.integers(), scalars))

valid = st.fixed_dictionaries(
    {},
    optional={
        "age_years": st.integers(0, 120),
        "sex": st.sampled_from([s.value for s in stenosis.Sex]),
        "course": st.sampled_from([c.value for c in stenosis.Course]),
        "symptom_duration_months": st.floats(0, 1200),
        "mjoa": st.integers(0, 18),
        "ankle_brachial_index": st.floats(0, 3),
        "findings": st.dictionaries(st.sampled_from(FINDING_IDS), st.sampled_from(["present", "absent"])),
    },
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(arbitrary)
def test_no_crash_on_arbitrary_input(data: Any) -> None:
    try:
        a = stenosis.assess(data)
    except InvalidPresentation as e:
        assert e.kind and str(e)
    else:
        assert a.to_json() == stenosis.assess_json(json.dumps(data))


@SETTINGS
@given(st.text(max_size=60))
def test_no_crash_on_arbitrary_json_text(text: str) -> None:
    try:
        stenosis.assess_json(text)
    except InvalidPresentation:
        pass


@SETTINGS
@given(valid)
def test_dict_round_trip(data: dict[str, Any]) -> None:
    p = Presentation.from_dict(data)
    d = p.to_dict()
    assert Presentation.from_dict(d) == p
    assert d.get("findings", {}) == data.get("findings", {})
    for k in FIELDS:
        if k != "findings":
            assert d.get(k) == data.get(k)
    a = stenosis.assess(data)
    assert a.to_dict() == json.loads(a.to_json())
    assert a.to_json() == stenosis.assess(p).to_json() == stenosis.assess_json(json.dumps(data))


@settings(max_examples=25, deadline=None)
@given(st.lists(valid, min_size=1, max_size=30))
def test_frame_row_equals_assess_of_row(rows: list[dict[str, Any]]) -> None:
    import polars as pl

    flat = []
    for r in rows:
        row = {k: v for k, v in r.items() if k != "findings"}
        row.update(r.get("findings", {}))
        flat.append(row)
    columns = sorted({k for r in flat for k in r} | {"age_years"})
    df = pl.DataFrame({c: [r.get(c) for r in flat] for c in columns}, strict=False)
    out = stenosis.assess_frame(df)
    assert out.height == len(rows)
    for i, r in enumerate(rows):
        a = stenosis.assess(r)
        got = out.row(i, named=True)
        mri = a.cervical_mri_urgency
        assert got["error"] is None
        assert got["top_condition"] == (a.top_condition.value if a.top_condition else None)
        assert got["myelopathy_likelihood"] == a.myelopathy.likelihood.value
        assert got["cook_positive"] == a.myelopathy.cook_rule.positive
        assert got["cook_assessed"] == a.myelopathy.cook_rule.assessed
        assert got["pathway"] == a.pathway.value
        assert got["cervical_mri_urgency"] == (mri.value if mri else None)
        assert got["red_flags"] == [x.id.value for x in a.red_flags]
        assert got["warnings"] == [x.id.value for x in a.warnings]
