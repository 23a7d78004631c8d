"""The bad-input catalog (tests/bad-input/) through Python: every case refused by `assess_json`
(the exact bytes) and `Presentation.from_json` (when the bytes are UTF-8) with its kind and field."""

from __future__ import annotations

from pathlib import Path

import pytest

import stenosis
from stenosis import InvalidPresentation, Presentation

CATALOG = Path(__file__).resolve().parents[3] / "tests" / "bad-input"
FREE_TEXT = ("Smith", "DOB", "Jones", "fall in May", "aaaaaaaaaa")


def _cases() -> list[tuple[str, bytes, str, str | None, str | None]]:
    out = []
    for line in (CATALOG / "catalog.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, field, says = line.split("\t")
        data = (CATALOG / "cases" / f"{name}.in").read_bytes()
        out.append((name, data, kind, None if field == "-" else field, None if says == "-" else says))
    return out


CASES = _cases()


def test_catalog_has_at_least_80_kinds() -> None:
    assert len(CASES) >= 80


def _check(e: InvalidPresentation, kind: str, field: str | None, says: str | None) -> None:
    message = str(e)
    assert isinstance(e, ValueError)
    assert e.kind == kind
    assert e.field == field
    if field is not None:
        assert field in message
    if says is not None:
        assert says in message
    assert len(message) <= 300
    assert not any(w in message for w in FREE_TEXT)


@pytest.mark.parametrize(("name", "data", "kind", "field", "says"), CASES, ids=[c[0] for c in CASES])
def test_catalog_case_is_refused_with_kind_and_field(
    name: str, data: bytes, kind: str, field: str | None, says: str | None
) -> None:
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_json(data)
    _check(info.value, kind, field, says)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    with pytest.raises(InvalidPresentation) as info:
        Presentation.from_json(text)
    _check(info.value, kind, field, says)
