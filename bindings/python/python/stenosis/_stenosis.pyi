"""Stubs of the native module ``stenosis._stenosis`` (checked with ``mypy.stubtest``)."""

from collections.abc import Iterable, Mapping
from typing import Any, final

from ._errors import InvalidPresentation
from ._vocabulary import Course, Finding, FindingStatus, Sex

__all__ = [
    "ENGINE_VERSION",
    "KNOWLEDGE_BASE_VERSION",
    "DISCLAIMER",
    "PRESENTATION_FIELDS",
    "PRESENTATION_FIELD_KINDS",
    "Presentation",
    "ArrowStream",
    "NativeAssessment",
    "assess_native",
    "assess_to_json",
    "cds_hooks_json",
    "assess_json",
    "fhir_to_json",
    "assess_many_to_json",
    "finding_table",
    "vocabulary_table",
    "assess_arrow",
    "frame_columns",
    "render",
    "_panic_for_tests",
]

ENGINE_VERSION: str
KNOWLEDGE_BASE_VERSION: str
DISCLAIMER: str
PRESENTATION_FIELDS: list[str]
PRESENTATION_FIELD_KINDS: dict[str, str]

@final
class Presentation:
    """What is known about a patient with leg symptoms; validated on construction; immutable."""

    # @generated begin: Presentation.__new__, by `cargo xtask codegen` from the core's field table
    def __new__(
        cls,
        *,
        age_years: int | float | None = None,
        sex: Sex | str | None = None,
        course: Course | str | None = None,
        symptom_duration_months: float | None = None,
        mjoa: int | float | None = None,
        ankle_brachial_index: float | None = None,
        findings: Mapping[Finding | str, FindingStatus | str | bool | None] | None = None,
        id: str | None = None,
    ) -> Presentation: ...
    # @generated end
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Presentation: ...
    @staticmethod
    def from_json(text: str) -> Presentation: ...
    def to_json(self) -> str: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def age_years(self) -> int | None: ...
    @property
    def sex(self) -> Sex | None: ...
    @property
    def course(self) -> Course | None: ...
    @property
    def symptom_duration_months(self) -> float | None: ...
    @property
    def mjoa(self) -> int | None: ...
    @property
    def ankle_brachial_index(self) -> float | None: ...
    @property
    def findings(self) -> dict[Finding, FindingStatus]: ...
    def finding(self, finding: Finding | str) -> FindingStatus: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ArrowStream:
    """An Arrow C stream of results (Arrow PyCapsule interface); consumable once."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

@final
class NativeAssessment:
    """One patient's assessment held in Rust; attributes are vocabulary ids, read without JSON."""

    @property
    def presentation(self) -> Presentation: ...
    @property
    def id(self) -> str | None: ...
    @property
    def pathway(self) -> str: ...
    @property
    def pathway_rationale(self) -> str: ...
    @property
    def top_condition(self) -> str | None: ...
    @property
    def myelopathy_likelihood(self) -> str: ...
    @property
    def cook_positive(self) -> int: ...
    @property
    def cook_assessed(self) -> int: ...
    @property
    def cervical_mri_urgency(self) -> str | None: ...
    @property
    def severity_class(self) -> str | None: ...
    @property
    def red_flag_ids(self) -> tuple[str, ...]: ...
    @property
    def warning_ids(self) -> tuple[str, ...]: ...
    def to_json_detail(self, detail: str) -> str: ...
    def to_json(self) -> str: ...

def assess_native(presentation: Presentation | Mapping[str, Any]) -> NativeAssessment: ...
def assess_to_json(presentation: Presentation | Mapping[str, Any]) -> str: ...
def cds_hooks_json(presentation: Presentation | Mapping[str, Any]) -> str: ...
def render(
    presentation: Presentation | Mapping[str, Any],
    format: str,
    audience: str = "clinician",
    width: int = 80,
    show_presentation: bool = False,
) -> str: ...
def assess_json(text: str | bytes) -> str: ...
def fhir_to_json(
    bundle: str, as_of: str | None = None, site_map: str | None = None, site_map_format: str = "json"
) -> str: ...
def assess_many_to_json(
    rows: Iterable[Presentation | Mapping[str, Any]], threads: int | None = None
) -> list[str | InvalidPresentation]: ...
def finding_table() -> list[tuple[str, str, str, str, str | None, str | None]]: ...
def vocabulary_table(name: str) -> list[tuple[str, str]]: ...
def assess_arrow(
    data: object,
    threads: int | None = None,
    keep: list[str] | None = None,
    detail: str = "summary",
    categorical: bool = True,
) -> ArrowStream: ...
def frame_columns(detail: str = "summary") -> list[str]: ...
def _panic_for_tests() -> None: ...
