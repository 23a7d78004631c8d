"""The Assessment: typed, read-only records parsed from the contract JSON.

One patient's assessment stays in Rust (``_stenosis.NativeAssessment``): the headline attributes
(``pathway``, ``top_condition``, ``cervical_mri_urgency``, ``id``, ``pathway_rationale``, the
versions) are read from it directly as vocabulary enums, without any JSON. The records
(differential, recommendations, alerts, next findings, citations) are frozen dataclasses whose
enum-valued fields are the generated vocabulary enums, built on first access from the contract
JSON (byte-identical to the core's ``Assessment::to_json()``), which is written once, when first
needed. ``Assessment.to_json()`` returns that text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ._stenosis import DISCLAIMER, ENGINE_VERSION, KNOWLEDGE_BASE_VERSION
from ._vocabulary import (
    Action,
    Condition,
    EvidenceQuality,
    Finding,
    FindingStatus,
    Likelihood,
    Pathway,
    RedFlag,
    SeverityClass,
    Strength,
    Urgency,
    Warning,
)

if TYPE_CHECKING:
    from ._html import Card
    from ._stenosis import NativeAssessment, Presentation

_E = TypeVar("_E", bound=Enum)


def _member(cls: type[_E], value: str) -> _E:
    """The enum member with this value (a dictionary look-up, not the enum's constructor)."""
    member = cls._value2member_map_.get(value)
    return cast(_E, member) if member is not None else cls(value)


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
    #: The guideline's strength of recommendation, or None where the source gives no grade.
    strength: Strength | None = None
    #: The guideline's quality of evidence, or None where the source gives no grade.
    evidence_quality: EvidenceQuality | None = None


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


def _native_findings(ids: tuple[str, ...]) -> tuple[Finding, ...]:
    return tuple(_member(Finding, i) for i in ids)


def _native_outcome(row: tuple[str, str, str, str | None, tuple[str, ...]]) -> Outcome:
    pathway, likelihood, top, mri, flags = row
    return Outcome(
        _member(Pathway, pathway),
        _member(Likelihood, likelihood),
        _member(Condition, top),
        _member(Urgency, mri) if mri is not None else None,
        tuple(_member(RedFlag, r) for r in flags),
    )


def _native_myelopathy(
    row: tuple[
        str,
        tuple[int, int, tuple[tuple[str, str], ...]],
        tuple[float, str, float, str, float, tuple[str, ...]] | None,
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
        tuple[str, ...],
    ],
) -> Myelopathy:
    likelihood, (positive, assessed, items), post, supporting, opposing, reasons, citations = row
    return Myelopathy(
        _member(Likelihood, likelihood),
        CookRule(positive, assessed, tuple(CookItem(i, _member(FindingStatus, st)) for i, st in items)),
        PostTestProbability(*post) if post is not None else None,
        _native_findings(supporting),
        _native_findings(opposing),
        reasons,
        citations,
    )


class Assessment:
    """The engine's assessment of one presentation. Read-only; build it with
    :func:`stenosis.assess`. ``to_json()`` is the contract JSON, byte-identical on every binding.

    The headline attributes are read natively; the typed records are built from the JSON on first
    access and cached, so that assessing many patients and reading only a few attributes stays
    cheap."""

    __slots__ = ("_json", "_native", "_raw", "_parts", "_presentation", "_audience")

    # Set when built: `_native` (from `assess()`, with `_audience` unless it is the default), or
    # `_native` (None), `_json`, `_presentation` and `_audience` (from JSON). `_json`, `_raw` and
    # `_parts` are otherwise set on first use, so that `assess(d).pathway` sets one slot only.
    _json: str
    _native: NativeAssessment | None
    _raw: dict[str, Any]
    _parts: dict[str, Any]
    _presentation: Presentation | Mapping[str, Any]
    _audience: str

    def __init__(self) -> None:
        raise TypeError("Assessment is built by stenosis.assess(), not directly")

    @classmethod
    def _from_json(
        cls, text: str, presentation: Presentation | Mapping[str, Any], audience: str = "clinician"
    ) -> Assessment:
        obj = object.__new__(cls)
        object.__setattr__(obj, "_json", text)
        object.__setattr__(obj, "_native", None)
        object.__setattr__(obj, "_presentation", presentation)
        object.__setattr__(obj, "_audience", audience)
        return obj

    @classmethod
    def _from_native(cls, native: NativeAssessment, audience: str = "clinician") -> Assessment:
        return _from_native(native, audience)

    def _text(self) -> str:
        try:
            return self._json
        except AttributeError:
            pass
        native = self._native
        text = native.to_json() if native is not None else ""
        _SET_JSON(self, text)
        return text

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Assessment is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Assessment is read-only: cannot delete {name!r}")

    def _data(self) -> dict[str, Any]:
        try:
            return self._raw
        except AttributeError:
            pass
        raw: dict[str, Any] = json.loads(self._text())
        _SET_RAW(self, raw)
        return raw

    def _part(
        self,
        key: str,
        build: Callable[[dict[str, Any]], Any],
        native_build: Callable[[NativeAssessment], Any] | None = None,
    ) -> Any:
        try:
            parts = self._parts
        except AttributeError:
            parts = {}
            _SET_PARTS(self, parts)
        if key not in parts:
            # Natively (rows of ids and text, no JSON) when the assessment is held in Rust.
            native = self._native
            if native is not None and native_build is not None:
                parts[key] = native_build(native)
            else:
                parts[key] = build(self._data())
        return parts[key]

    @property
    def differential(self) -> tuple[DifferentialEntry, ...]:
        """Every condition, most likely first."""
        result: tuple[DifferentialEntry, ...] = self._part(
            "differential",
            lambda d: tuple(DifferentialEntry._from(e) for e in d["differential"]),
            lambda n: tuple(
                DifferentialEntry(
                    _member(Condition, c), _member(Likelihood, lk), _native_findings(sup), _native_findings(opp), rs, cs
                )
                for c, lk, sup, opp, rs, cs in n.differential_rows()
            ),
        )
        return result

    @property
    def myelopathy(self) -> Myelopathy:
        """The cervical question: likelihood, Cook rule count, post-test probability."""
        result: Myelopathy = self._part(
            "myelopathy", lambda d: Myelopathy._from(d["myelopathy"]), lambda n: _native_myelopathy(n.myelopathy_row())
        )
        return result

    @property
    def severity(self) -> Severity | None:
        """mJOA severity, or ``None`` when no mJOA was given (or it is 18: no deficit)."""

        def build(d: dict[str, Any]) -> Severity | None:
            sev = d.get("severity")
            if sev is None:
                return None
            return Severity(int(sev["mjoa"]), SeverityClass(sev["class"]), _strs(sev["citations"]))

        def native_build(n: NativeAssessment) -> Severity | None:
            row = n.severity_row()
            return None if row is None else Severity(row[0], _member(SeverityClass, row[1]), row[2])

        result: Severity | None = self._part("severity", build, native_build)
        return result

    @property
    def pathway(self) -> Pathway:
        """Where the case sits on the management pathway."""
        native = self._native
        if native is not None:
            return native.pathway_member
        result: Pathway = self._part("pathway", lambda d: Pathway(d["pathway"]))
        return result

    @property
    def pathway_rationale(self) -> str:
        """Why that pathway."""
        native = self._native
        if native is not None:
            return native.pathway_rationale
        return str(self._data().get("pathway_rationale", ""))

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """What to do next, most urgent first."""
        result: tuple[Recommendation, ...] = self._part(
            "recommendations",
            lambda d: tuple(
                Recommendation(
                    Action(r["action"]),
                    Urgency(r["urgency"]),
                    r["rationale"],
                    _strs(r["citations"]),
                    Strength(r["strength"]) if r.get("strength") is not None else None,
                    EvidenceQuality(r["evidence_quality"]) if r.get("evidence_quality") is not None else None,
                )
                for r in d["recommendations"]
            ),
            lambda n: tuple(
                Recommendation(
                    _member(Action, a),
                    _member(Urgency, u),
                    why,
                    cs,
                    _member(Strength, st) if st is not None else None,
                    _member(EvidenceQuality, q) if q is not None else None,
                )
                for a, u, why, cs, st, q in n.recommendation_rows()
            ),
        )
        return result

    @property
    def red_flags(self) -> tuple[RedFlagAlert, ...]:
        """Red flags: act today."""
        result: tuple[RedFlagAlert, ...] = self._part(
            "red_flags",
            lambda d: tuple(RedFlagAlert(RedFlag(r["id"]), r["message"], _strs(r["citations"])) for r in d["red_flags"]),
            lambda n: tuple(RedFlagAlert(_member(RedFlag, i), m, cs) for i, m, cs in n.red_flag_rows()),
        )
        return result

    @property
    def warnings(self) -> tuple[WarningAlert, ...]:
        """The clinical pitfalls that apply."""
        result: tuple[WarningAlert, ...] = self._part(
            "warnings",
            lambda d: tuple(WarningAlert(Warning(w["id"]), w["message"], _strs(w["citations"])) for w in d["warnings"]),
            lambda n: tuple(WarningAlert(_member(Warning, i), m, cs) for i, m, cs in n.warning_rows()),
        )
        return result

    @property
    def next_findings(self) -> tuple[NextFinding, ...]:
        """Findings not yet assessed that would most change this assessment, best first."""
        result: tuple[NextFinding, ...] = self._part(
            "next_findings",
            lambda d: tuple(
                NextFinding(
                    Finding(n["finding"]),
                    int(n["impact"]),
                    n["why"],
                    Outcome._from(n["if_present"]),
                    Outcome._from(n["if_absent"]),
                )
                for n in d.get("next_findings", [])
            ),
            lambda n: tuple(
                NextFinding(_member(Finding, f), impact, why, _native_outcome(yes), _native_outcome(no))
                for f, impact, why, yes, no in n.next_finding_rows()
            ),
        )
        return result

    @property
    def prognosis(self) -> tuple[PrognosisNote, ...]:
        """Prognosis figures that apply, with sources."""
        result: tuple[PrognosisNote, ...] = self._part(
            "prognosis",
            lambda d: tuple(PrognosisNote(p["id"], p["statement"], _strs(p["citations"])) for p in d.get("prognosis", [])),
            lambda n: tuple(PrognosisNote(i, st, cs) for i, st, cs in n.prognosis_rows()),
        )
        return result

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The full reference of every citation id used."""
        result: tuple[Citation, ...] = self._part(
            "citations",
            lambda d: tuple(
                Citation(
                    c["id"], c["authors"], c["title"], c["source"], int(c["year"]), c.get("pmid"), c.get("doi"), c.get("url")
                )
                for c in d["citations"]
            ),
            lambda n: tuple(Citation(*row) for row in n.citation_rows()),
        )
        return result

    @property
    def id(self) -> str | None:
        """The presentation's record id, echoed (None when none was given)."""
        native = self._native
        if native is not None:
            return native.id
        v = self._data().get("id")
        return None if v is None else str(v)

    @property
    def engine_version(self) -> str:
        """The engine version."""
        return str(self._part("engine_version", lambda d: d["engine_version"], lambda n: ENGINE_VERSION))

    @property
    def knowledge_base_version(self) -> str:
        """The knowledge-base version."""
        return str(
            self._part("knowledge_base_version", lambda d: d["knowledge_base_version"], lambda n: KNOWLEDGE_BASE_VERSION)
        )

    @property
    def disclaimer(self) -> str:
        """Decision support for clinicians, not a diagnosis."""
        return str(self._part("disclaimer", lambda d: d["disclaimer"], lambda n: DISCLAIMER))

    # -- conveniences -------------------------------------------------------------------------

    @property
    def top_condition(self) -> Condition | None:
        """The first condition of the differential."""
        native = self._native
        if native is not None:
            return native.top_condition_member
        return self.differential[0].condition if self.differential else None

    @property
    def versions(self) -> dict[str, str]:
        """``{"engine": …, "knowledge_base": …}``."""
        return {"engine": self.engine_version, "knowledge_base": self.knowledge_base_version}

    @property
    def cervical_mri_urgency(self) -> Urgency | None:
        """How soon a cervical MRI is recommended, or ``None`` when it is not."""
        native = self._native
        if native is not None:
            return native.cervical_mri_urgency_member
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

    def to_json(self, detail: str = "full") -> str:
        """The JSON (compact) at a detail level: ``"full"`` (the default), the contract JSON,
        byte-identical to the core's ``Assessment::to_json()``; ``"standard"`` (no
        ``next_findings``, ``citations`` as ids into :func:`stenosis.references`) or
        ``"summary"`` (the headline), written by the core. Any other value raises
        :class:`InvalidPresentation` naming ``detail``."""
        if detail == "full":
            return self._text()
        native = self._native
        if native is not None:
            return native.to_json_detail(detail)
        from . import _stenosis

        return _stenosis.assess_to_json(self._presentation, detail)

    def to_dict(self) -> dict[str, Any]:
        """The contract JSON as plain Python data (``json.loads(self.to_json())``), a fresh copy."""
        result: dict[str, Any] = json.loads(self._text())
        return result

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return self._text() == other._text()

    def __hash__(self) -> int:
        return hash(self._text())

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

    # -- what a person sees (rendered by the Rust renderers) -----------------------------------

    @property
    def presentation(self) -> Presentation | Mapping[str, Any]:
        """The presentation this assessment was made from, as it was given."""
        native = self._native
        if native is not None:
            return native.presentation
        return self._presentation

    @property
    def audience(self) -> str:
        """Who the card and text are for by default: ``"clinician"`` or ``"patient"``."""
        try:
            return self._audience
        except AttributeError:
            return _CLINICIAN

    def to_html(
        self, *, audience: str | None = None, standalone: bool = False, show_presentation: bool = False
    ) -> str:
        """The HTML card (or, with ``standalone=True``, a whole page that fetches nothing) for
        ``audience`` (default: :attr:`audience`); ``show_presentation`` adds the presentation
        it was given."""
        from ._html import render

        fmt = "page" if standalone else "card"
        return render(self, fmt, audience=audience, show_presentation=show_presentation)

    def to_text(self, *, audience: str | None = None, width: int = 80) -> str:
        """The text report (as ``stenosis assess`` prints it), or the patient view, wrapped to
        ``width`` columns."""
        from ._html import render

        return render(self, "text", audience=audience, width=width)

    def card(self, *, audience: str | None = None, show_presentation: bool = False) -> Card:
        """A card for a notebook cell; ``show_presentation=True`` shows the presentation too."""
        from ._html import Card

        return Card(self.to_html(audience=audience, show_presentation=show_presentation))

    def _repr_html_(self) -> str:
        from ._html import render_card

        return render_card(self)


def _from_native(native: NativeAssessment, audience: str = "clinician") -> Assessment:
    """The Assessment of one patient held in Rust; ``stenosis.assess`` inlines this body."""
    obj = _NEW(Assessment)
    # The slots' own descriptors: no attribute look-up by name (this is on every assess()).
    _SET_NATIVE(obj, native)
    if audience is not _CLINICIAN:  # the default is not stored (see `Assessment.audience`)
        _SET_AUDIENCE(obj, audience)
    return obj


_CLINICIAN = "clinician"
_NEW: Callable[[type[Assessment]], Assessment] = object.__new__
# The slot descriptors' setters (the class forbids setting attributes the ordinary way).
_SET_JSON: Callable[[Assessment, Any], None] = Assessment.__dict__["_json"].__set__
_SET_NATIVE: Callable[[Assessment, Any], None] = Assessment.__dict__["_native"].__set__
_SET_RAW: Callable[[Assessment, Any], None] = Assessment.__dict__["_raw"].__set__
_SET_PARTS: Callable[[Assessment, Any], None] = Assessment.__dict__["_parts"].__set__
_SET_PRESENTATION: Callable[[Assessment, Any], None] = Assessment.__dict__["_presentation"].__set__
_SET_AUDIENCE: Callable[[Assessment, Any], None] = Assessment.__dict__["_audience"].__set__
