"""A typed tour of the stenosis Python API (checked with `mypy --strict`).

Run: python examples/python/typed_usage.py
"""

from __future__ import annotations

import stenosis
from stenosis import Action, Assessment, Condition, Finding, InvalidPresentation, Pathway, Presentation, Urgency


def describe(a: Assessment) -> str:
    top: Condition | None = a.top_condition
    mri: Urgency | None = a.cervical_mri_urgency
    flags = ", ".join(r.id.value for r in a.red_flags) or "none"
    return (
        f"pathway={a.pathway.value} top={top.value if top else '-'} "
        f"myelopathy={a.myelopathy.likelihood.value} cook={a.myelopathy.cook_rule.positive}/5 "
        f"cervical MRI={mri.value if mri else 'not recommended'} red flags={flags}"
    )


def main() -> None:
    p = Presentation(
        age_years=64,
        sex="female",
        course="progressive",
        mjoa=13,
        findings={Finding.BILATERAL_LEG_SYMPTOMS: "present", Finding.HOFFMANN_SIGN: "present", "babinski_sign": True},
    )
    a = stenosis.assess(p)
    print(describe(a))
    if a.pathway is Pathway.SURGICAL_EVALUATION or a.recommendation(Action.SPINE_SURGERY_REFERRAL):
        print("refer for surgical evaluation")
    for rec in a.recommendations:
        print(f"  {rec.urgency.value:>9}  {rec.action.value}")
    for n in a.next_findings[:3]:
        print(f"  examine next: {n.finding.value} (impact {n.impact})")
    for c in a.citations[:3]:
        print(f"  [{c.id}] {c.title} {c.url or ''}")

    json_text: str = stenosis.assess_json(p.to_json())
    assert json_text == a.to_json()

    try:
        stenosis.assess({"age_years": 150})
    except InvalidPresentation as e:
        field: str | None = e.field
        print(f"refused: {field}: {e}")

    results = stenosis.assess_many([{"age_years": 70}, {"mjoa": 40}])
    for r in results:
        print(describe(r) if isinstance(r, Assessment) else f"error in {r.field}")

    for info in stenosis.findings()[:3]:
        print(info.finding.value, info.group.value, info.snomed_code)


if __name__ == "__main__":
    main()
