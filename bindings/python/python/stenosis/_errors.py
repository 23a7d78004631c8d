"""The exceptions of `stenosis` (raised by the native module too)."""

from __future__ import annotations

__all__ = ["StenosisError", "InvalidPresentation", "InternalError"]


class StenosisError(Exception):
    """Base class of every error `stenosis` raises."""


class InvalidPresentation(StenosisError, ValueError):
    """The input was refused. ``field`` names the field at fault (``"age_years"``,
    ``"findings.babinski_sign"``, …) or is ``None`` when the input as a whole is wrong;
    ``kind`` is a stable id (``"out_of_range"``, ``"unknown_finding"``, ``"wrong_type"``, …);
    the message names the field and the reason."""

    field: str | None
    kind: str
    #: In a batch (:func:`stenosis.assess_many`, :func:`stenosis.assess_many_json`): the refused
    #: item's record ``id`` when it had a valid one (as the CLI's error records), else None. It
    #: says where the error was found, not what it is: equality and hashing leave it out.
    id: str | None

    def __init__(
        self, message: str, field: str | None = None, kind: str = "invalid_value", id: str | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.kind = kind
        self.id = id

    @property
    def message(self) -> str:
        """The message (the same as ``str(error)``)."""
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[type[InvalidPresentation], tuple[str, str | None, str, str | None]]:
        return (type(self), (self.message, self.field, self.kind, self.id))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InvalidPresentation):
            return NotImplemented
        return (self.message, self.field, self.kind) == (other.message, other.field, other.kind)

    def __hash__(self) -> int:
        return hash((self.message, self.field, self.kind))


class InternalError(StenosisError):
    """A bug in the engine was caught (a Rust panic). The interpreter keeps running; please
    report the message."""
