"""The Assessment: typed, read-only records parsed from the contract JSON.

The engine's answer crosses from Rust as the contract JSON (byte-identical to the core's
``Assessment::to_json()``); this module turns it into frozen dataclasses whose enum-valued fields
are the generated vocabulary enums. ``Assessment.to_json()`` returns the original text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ._vocabulary import (
    Action,
    Condition,
    Finding,
    FindingStatus,
    Likelihood,
    Pathway,
    RedFlag,
    SeverityClass,
    Urgency,
    Warning,
)

__all__ = [
    "Assessment",
    "Citation",
    "CookItem",
    "CookRule",
    "DifferentialEntry",
    "Myelopathy",
    "NextFinding",
    "Outcome",
    "PostTestProbability",
    "PrognosisNote",
    "RedFlagAlert",
    "Recommendation",
    "Severity",
    "WarningAlert",
]


def _findings(ids: list[str]) -> tuple[Finding, ...]:
    return tuple(Finding(i) for i in ids)


def _strs(items: list[str]) -> tuple[str, ...]:
    return tuple(str(i) for i in items)


@dataclass(frozen=True, slots=True)
class DifferentialEntry:
    """One condition on the differential."""

    condition: Condition
    likelihood: Likelihood
    supporting: tuple[Finding, ...]
    opposing: tuple[Finding, ...]
    reasons: tuple[str, ...]
    citations: tuple[str, ...]

    @classmethod
    def _from(cls, d: dict[str, Any]) -> DifferentialEntry:
        return cls(
            Condition(d["condition"]),
            Likelihood(d["likelihood"]),
            _findings(d["supporting"]),
            _findings(d["opposing"]),
            _strs(d.get("reasons", [])),
            _strs(d["citations"]),
        )


@dataclass(frozen=True, slots=True)
class CookItem:
    """One item of the Cook clinical prediction rule."""

    item: str
    status: FindingStatus


@dataclass(frozen=True, slots=True)
class CookRule:
    """The Cook et al. 2010 rule: items positive and assessed, out of 5."""

    positive: int
    assessed: int
    items: tuple[CookItem, ...]

    @classmethod
    def _from(cls, d: dict[str, Any]) -> CookRule:
        items = tuple(CookItem(i["item"], FindingStatus(i["status"])) for i in d.get("items", []))
        return cls(int(d["positive"]), int(d["assessed"]), items)


@dataclass(frozen=True, slots=True)
class PostTestProbability:
    """A post-test probability from a verified likelihood ratio."""

    pre_test_probability: float
    pre_test_basis: str
    likelihood_ratio: float
    rule: str
    probability: float
    citations: tuple[str, ...]

    @classmethod
    def _from(cls, d: dict[str, Any]) -> PostTestProbability:
        return cls(
            float(d["pre_test_probability"]),
            d["pre_test_basis"],
            float(d["likelihood_ratio"]),
            d["rule"],
            float(d["probability"]),
            _strs(d["citations"]),
        )


@dataclass(frozen=True, slots=True)
class Myelopathy:
    """The cervical question itself."""

    likelihood: Likelihood
    cook_rule: CookRule
    post_test: PostTestProbability | None
    supporting: tuple[Finding, ...]
    opposing: tuple[Finding, ...]
    reasons: tuple[str, ...]
    citations: tuple[str, ...]

    @classmethod
    def _from(cls, d: dict[str, Any]) -> Myelopathy:
        pt = d.get("post_test")
        return cls(
            Likelihood(d["likelihood"]),
            CookRule._from(d["cook_rule"]),
            PostTestProbability._from(pt) if pt is not None else None,
            _findings(d["supporting"]),
            _findings(d["opposing"]),
            _strs(d.get("reasons", [])),
            _strs(d["citations"]),
        )


@dataclass(frozen=True, slots=True)
class Severity:
    """mJOA severity (``severity_class`` is the JSON field ``class``)."""

    mjoa: int
    severity_class: SeverityClass
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommended action and how soon."""

    action: Action
    urgency: Urgency
    rationale: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RedFlagAlert:
    """A red flag raised: act today."""

    id: RedFlag
    message: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WarningAlert:
    """A clinical pitfall that applies."""

    id: Warning
    message: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the assessment would become with one more finding known."""

    pathway: Pathway
    myelopathy_likelihood: Likelihood
    top_condition: Condition
    cervical_mri: Urgency | None
    red_flags: tuple[RedFlag, ...]

    @classmethod
    def _from(cls, d: dict[str, Any]) -> Outcome:
        mri = d.get("cervical_mri")
        return cls(
            Pathway(d["pathway"]),
            Likelihood(d["myelopathy_likelihood"]),
            Condition(d["top_condition"]),
            Urgency(mri) if mri is not None else None,
            tuple(RedFlag(r) for r in d["red_flags"]),
        )


@dataclass(frozen=True, slots=True)
class NextFinding:
    """A finding not yet assessed, with how much knowing it would change the assessment."""

    finding: Finding
    impact: int
    why: str
    if_present: Outcome
    if_absent: Outcome


@dataclass(frozen=True, slots=True)
class PrognosisNote:
    """A prognosis figure with its source."""

    id: str
    statement: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    """A full reference. ``url`` links the DOI or PubMed record where one is known."""

    id: str
    authors: str
    title: str
    source: str
    year: int
    pmid: str | None
    doi: str | None
    url: str | None


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Assessment:
    """The engine's assessment of one presentation. Read-only; build it with
    :func:`stenosis.assess`. ``to_json()`` is the contract JSON, byte-identical on every binding."""

    differential: tuple[DifferentialEntry, ...]
    myelopathy: Myelopathy
    severity: Severity | None
    pathway: Pathway
    pathway_rationale: str
    recommendations: tuple[Recommendation, ...]
    red_flags: tuple[RedFlagAlert, ...]
    warnings: tuple[WarningAlert, ...]
    next_findings: tuple[NextFinding, ...]
    prognosis: tuple[PrognosisNote, ...]
    citations: tuple[Citation, ...]
    engine_version: str
    knowledge_base_version: str
    disclaimer: str
    _json: str = field(repr=False, compare=False)

    @classmethod
    def _from_json(cls, text: str) -> Assessment:
        d: dict[str, Any] = json.loads(text)
        sev = d.get("severity")
        return cls(
            differential=tuple(DifferentialEntry._from(e) for e in d["differential"]),
            myelopathy=Myelopathy._from(d["myelopathy"]),
            severity=(
                Severity(int(sev["mjoa"]), SeverityClass(sev["class"]), _strs(sev["citations"]))
                if sev is not None
                else None
            ),
            pathway=Pathway(d["pathway"]),
            pathway_rationale=d.get("pathway_rationale", ""),
            recommendations=tuple(
                Recommendation(Action(r["action"]), Urgency(r["urgency"]), r["rationale"], _strs(r["citations"]))
                for r in d["recommendations"]
            ),
            red_flags=tuple(RedFlagAlert(RedFlag(r["id"]), r["message"], _strs(r["citations"])) for r in d["red_flags"]),
            warnings=tuple(WarningAlert(Warning(w["id"]), w["message"], _strs(w["citations"])) for w in d["warnings"]),
            next_findings=tuple(
                NextFinding(
                    Finding(n["finding"]),
                    int(n["impact"]),
                    n["why"],
                    Outcome._from(n["if_present"]),
                    Outcome._from(n["if_absent"]),
                )
                for n in d.get("next_findings", [])
            ),
            prognosis=tuple(
                PrognosisNote(p["id"], p["statement"], _strs(p["citations"])) for p in d.get("prognosis", [])
            ),
            citations=tuple(
                Citation(
                    c["id"], c["authors"], c["title"], c["source"], int(c["year"]), c.get("pmid"), c.get("doi"), c.get("url")
                )
                for c in d["citations"]
            ),
            engine_version=d["engine_version"],
            knowledge_base_version=d["knowledge_base_version"],
            disclaimer=d["disclaimer"],
            _json=text,
        )

    # -- conveniences -------------------------------------------------------------------------

    @property
    def top_condition(self) -> Condition | None:
        """The first condition of the differential."""
        return self.differential[0].condition if self.differential else None

    @property
    def versions(self) -> dict[str, str]:
        """``{"engine": …, "knowledge_base": …}``."""
        return {"engine": self.engine_version, "knowledge_base": self.knowledge_base_version}

    @property
    def cervical_mri_urgency(self) -> Urgency | None:
        """How soon a cervical MRI is recommended, or ``None`` when it is not."""
        r = self.recommendation(Action.CERVICAL_MRI)
        return r.urgency if r is not None else None

    def recommendation(self, action: Action | str) -> Recommendation | None:
        """The recommendation for one action, if made."""
        a = Action(action)
        return next((r for r in self.recommendations if r.action is a), None)

    def citation(self, citation_id: str) -> Citation | None:
        """The full reference for one citation id."""
        return next((c for c in self.citations if c.id == citation_id), None)

    # -- output -------------------------------------------------------------------------------

    def to_json(self) -> str:
        """The contract JSON (compact), byte-identical to the core's ``Assessment::to_json()``."""
        return self._json

    def to_dict(self) -> dict[str, Any]:
        """The contract JSON as plain Python data (``json.loads(self.to_json())``)."""
        result: dict[str, Any] = json.loads(self._json)
        return result

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return self._json == other._json

    def __hash__(self) -> int:
        return hash(self._json)

    def __repr__(self) -> str:
        top = self.top_condition.value if self.top_condition is not None else None
        cook = self.myelopathy.cook_rule
        mri = self.cervical_mri_urgency
        return (
            f"<Assessment pathway={self.pathway.value} top_condition={top} "
            f"myelopathy={self.myelopathy.likelihood.value} cook={cook.positive}/{cook.assessed} "
            f"cervical_mri={mri.value if mri is not None else None} "
            f"red_flags={[r.id.value for r in self.red_flags]} warnings={[w.id.value for w in self.warnings]}>"
        )

    def _repr_html_(self) -> str:
        from ._html import render_card

        return render_card(self)
