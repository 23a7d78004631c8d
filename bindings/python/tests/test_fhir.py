"""stenosis.from_fhir: a FHIR R4 Bundle to a Presentation, with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stenosis
from stenosis import Finding, FindingStatus

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "fhir"


def test_cauda_equina_bundle_gives_a_critical_card() -> None:
    bundle = json.loads((EXAMPLES / "cauda-equina.json").read_text())
    read = stenosis.from_fhir(bundle, as_of="2026-12-01")
    p = read.presentation
    assert p.finding(Finding.URINARY_RETENTION) == FindingStatus.PRESENT
    assert p.finding(Finding.SADDLE_ANESTHESIA) == FindingStatus.PRESENT
    assert p.age_years == 58
    rows = {r["field"]: r["resource"] for r in read.provenance["fields"]}
    assert rows["findings.urinary_retention"] == "Condition/ces-retention"
    assert stenosis.cds_hooks(p)["cards"][0]["indicator"] == "critical"


def test_site_map_and_unused_codes() -> None:
    text = (EXAMPLES / "myelopathy-site-codes.json").read_text()
    site = (EXAMPLES / "site-codes.toml").read_text()
    read = stenosis.from_fhir(text, as_of="2026-12-01", site_map=site, site_map_format="toml")
    assert read.presentation.finding(Finding.HOFFMANN_SIGN) == FindingStatus.PRESENT
    assert read.presentation.mjoa == 14
    assert any("85354-9" in u["reason"] for u in read.provenance["unused"])
    plain = stenosis.from_fhir(text, as_of="2026-12-01")
    assert plain.presentation.finding(Finding.HOFFMANN_SIGN) == FindingStatus.UNKNOWN


@pytest.mark.parametrize(
    ("bundle", "kwargs", "field"),
    [
        ("{", {}, "bundle"),
        ({"resourceType": "Patient"}, {}, "resourceType"),
        ({"resourceType": "Bundle", "entry": {}}, {}, "entry"),
        ({"resourceType": "Bundle"}, {"as_of": "1 Dec 2026"}, "as_of"),
        ({"resourceType": "Bundle"}, {"site_map": '{"codes": [{"system": "urn:x", "code": "1"}]}'}, "codes[0].finding"),
    ],
)
def test_bad_input_names_the_field(bundle: object, kwargs: dict[str, str], field: str) -> None:
    with pytest.raises(stenosis.InvalidPresentation) as e:
        stenosis.from_fhir(bundle, **kwargs)  # type: ignore[arg-type]
    assert e.value.field == field
