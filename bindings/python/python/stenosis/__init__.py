"""stenosis: can this patient's leg symptoms come from cervical spinal cord compression?

Decision support for clinicians, not a diagnosis. Assess one patient::

    import stenosis
    a = stenosis.assess({"age_years": 64, "findings": {"hoffmann_sign": "present"}})
    a.pathway, a.myelopathy.likelihood, a.recommendations

or a whole cohort (``stenosis.assess_frame(df)`` for pandas or polars). The engine is the Rust
crate ``stenosis-core``; this package is a thin layer over its native module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import _stenosis
from ._assessment import (
    Assessment,
    Citation,
    CookItem,
    CookRule,
    DifferentialEntry,
    Myelopathy,
    NextFinding,
    Outcome,
    PostTestProbability,
    PrognosisNote,
    RedFlagAlert,
    Recommendation,
    Severity,
    WarningAlert,
)
from ._assessment import _CLINICIAN, _NEW, _SET_AUDIENCE, _SET_NATIVE
from ._errors import InternalError, InvalidPresentation, StenosisError
from ._frame import RESULT_COLUMNS, STANDARD_COLUMNS, assess_arrow, assess_frame
from ._html import Card, check_audience
from ._stenosis import Presentation
from ._vocabulary import (
    Action,
    Condition,
    Course,
    Detail,
    EvidenceQuality,
    Finding,
    FindingGroup,
    FindingStatus,
    Likelihood,
    Pathway,
    RedFlag,
    SeverityClass,
    Sex,
    Strength,
    Urgency,
    Warning,
)

__version__: str = _stenosis.ENGINE_VERSION
#: The engine version (the Rust crates' version).
ENGINE_VERSION: str = _stenosis.ENGINE_VERSION
#: The knowledge-base version: changes whenever a rule, threshold or citation changes.
KNOWLEDGE_BASE_VERSION: str = _stenosis.KNOWLEDGE_BASE_VERSION
#: The disclaimer every assessment carries.
DISCLAIMER: str = _stenosis.DISCLAIMER

__all__ = [
    "DISCLAIMER",
    "ENGINE_VERSION",
    "KNOWLEDGE_BASE_VERSION",
    "RESULT_COLUMNS",
    "STANDARD_COLUMNS",
    "Action",
    "Assessment",
    "Card",
    "Citation",
    "Condition",
    "CookItem",
    "CookRule",
    "Course",
    "Detail",
    "DifferentialEntry",
    "EvidenceQuality",
    "Finding",
    "FindingGroup",
    "FindingInfo",
    "FindingStatus",
    "InternalError",
    "InvalidPresentation",
    "Likelihood",
    "Myelopathy",
    "NextFinding",
    "Outcome",
    "Pathway",
    "PostTestProbability",
    "Presentation",
    "PrognosisNote",
    "RedFlag",
    "RedFlagAlert",
    "Recommendation",
    "Severity",
    "SeverityClass",
    "Sex",
    "StenosisError",
    "Strength",
    "Urgency",
    "Warning",
    "WarningAlert",
    "__version__",
    "assess",
    "assess_arrow",
    "assess_frame",
    "assess_json",
    "cds_hooks",
    "FhirPresentation",
    "from_fhir",
    "assess_many",
    "assess_many_json",
    "findings",
    "references",
]

PresentationLike = Presentation | Mapping[str, Any]


def assess(presentation: PresentationLike, *, audience: str = "clinician") -> Assessment:
    """Assesses one presentation: a :class:`Presentation` or a dict in the JSON shape of the
    specification. Raises :class:`InvalidPresentation` (naming the field) for bad input.

    ``audience`` (``"clinician"``, the default, or ``"patient"``) is who the assessment's card
    and text (``_repr_html_``, ``to_html()``, ``to_text()``) speak to: the patient view is in
    plain words, without ids or likelihood ratios."""
    # Kept in Rust; its `presentation` is the Presentation given, or a frozen copy of the dict
    # (the card shows what was assessed even if the dict changes later). The body of
    # `_assessment._from_native`, inlined: this is the one-patient path.
    obj = _NEW(Assessment)
    _SET_NATIVE(obj, _assess_native(presentation))
    if audience is not _CLINICIAN:  # the default is not stored (see `Assessment.audience`)
        _SET_AUDIENCE(obj, check_audience(audience))
    return obj


_assess_native = _stenosis.assess_native


def cds_hooks(presentation: PresentationLike) -> dict[str, Any]:
    """The HL7 CDS Hooks 2.0 response for a presentation: ``{"cards": [...]}``, one critical card
    per red flag, then the assessment card. No suggestions or system actions (no orders placed)."""
    result: dict[str, Any] = json.loads(_stenosis.cds_hooks_json(presentation))
    return result


@dataclass(frozen=True)
class FhirPresentation:
    """What :func:`from_fhir` read: the :class:`Presentation` and its provenance (for each field
    the resource that set it and the rule; every resource or code not used, with the reason)."""

    presentation: Presentation
    provenance: dict[str, Any]


def from_fhir(
    bundle: Mapping[str, Any] | str,
    *,
    as_of: str | None = None,
    site_map: str | None = None,
    site_map_format: str = "json",
) -> FhirPresentation:
    """Reads a FHIR R4 Bundle (a dict, or JSON text) into a :class:`Presentation`, with the
    built-in verified SNOMED CT / ICD-10-CM / LOINC codes plus an optional site map (the text of a
    JSON or TOML site map file). Ages are computed at ``as_of`` (``"YYYY-MM-DD"``; default today,
    UTC). No resource means unknown, never absent. Raises :class:`InvalidPresentation` naming the
    field for input that is not a Bundle."""
    text = bundle if isinstance(bundle, str) else json.dumps(bundle)
    out = json.loads(_stenosis.fhir_to_json(text, as_of, site_map, site_map_format))
    return FhirPresentation(Presentation.from_dict(out["presentation"]), out["provenance"])


def assess_json(text: str | bytes, *, detail: str = "full") -> str:
    """Assesses a Presentation given as JSON text (``str``, or UTF-8 ``bytes``); returns its JSON
    at the ``detail`` level: ``"full"`` (the default), the contract JSON, byte-identical to the
    core's ``Assessment::to_json()``; ``"standard"`` (everything but ``next_findings``, with
    ``citations`` as ids into :func:`references`); ``"summary"`` (the headline, computed without
    explanations). Invalid UTF-8 is an :class:`InvalidPresentation` (a ``ValueError``) like every
    other refusal; so is a ``detail`` other than those three (naming ``detail``)."""
    return _stenosis.assess_json(text, detail)


def references() -> list[dict[str, Any]]:
    """The reference registry: every source the knowledge base cites, in registry order, each a
    dict exactly as a full assessment's ``citations`` gives it (``id``, ``authors``, ``title``,
    ``source``, ``year``, ``pmid``, ``doi``, ``url``). The ``citations`` of a ``"standard"``
    assessment are ids into it."""
    result: list[dict[str, Any]] = json.loads(_stenosis.references_json())
    return result


def assess_many_json(
    presentations: Iterable[PresentationLike], *, detail: str = "full", threads: int | None = None
) -> list[str | InvalidPresentation]:
    """Assesses many presentations (dicts or :class:`Presentation`), in order, into their JSON at
    the ``detail`` level (as :func:`assess_json`). A bad item does not stop the batch: its place
    holds the :class:`InvalidPresentation` (returned, not raised). The engine runs with the GIL
    released on ``threads`` threads (default: every core)."""
    rows = list(presentations)
    return _with_record_ids(rows, _stenosis.assess_many_to_json(rows, threads, detail))


def _with_record_ids(rows: list[Any], results: list[Any]) -> list[Any]:
    """Gives each refused item of a batch its record id (when it had a valid one), so that a
    refusal can be joined back by id as the CLI's error records are."""
    for row, item in zip(rows, results, strict=True):
        if isinstance(item, InvalidPresentation) and isinstance(row, Mapping):
            value = row.get("id")
            if isinstance(value, str):
                try:
                    item.id = _stenosis.Presentation(id=value).id  # the core's rule for ids
                except InvalidPresentation:
                    pass
    return results


def assess_many(
    presentations: Iterable[PresentationLike], *, threads: int | None = None
) -> list[Assessment | InvalidPresentation]:
    """Assesses many presentations (dicts or :class:`Presentation`), in order. A bad item does not
    stop the batch: its place holds the :class:`InvalidPresentation` (returned, not raised). The
    engine runs with the GIL released on ``threads`` threads (default: every core). For large
    cohorts :func:`assess_frame` is much faster."""
    out: list[Assessment | InvalidPresentation] = []
    rows = list(presentations)
    for row, item in zip(rows, _with_record_ids(rows, _stenosis.assess_many_to_json(rows, threads)), strict=True):
        out.append(Assessment._from_json(item, row) if isinstance(item, str) else item)
    return out


@dataclass(frozen=True, slots=True)
class FindingInfo:
    """One finding of the vocabulary: its definition, group and SNOMED CT code where verified."""

    finding: Finding
    label: str
    definition: str
    group: FindingGroup
    snomed_code: str | None
    snomed_display: str | None


def findings() -> list[FindingInfo]:
    """Every finding id with its definition, group and SNOMED CT code (where verified)."""
    return [
        FindingInfo(Finding(id_), label, definition, FindingGroup(group), code, display)
        for id_, label, definition, group, code, display in _stenosis.finding_table()
    ]
