"""The card, page, text and patient view come from the Rust renderers (one template)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import textstat

import stenosis

CAUDA: dict[str, Any] = {
    "age_years": 52,
    "findings": {"saddle_anesthesia": "present", "urinary_retention": "present", "sciatica_like_pain": "present"},
}
DCM: dict[str, Any] = {
    "age_years": 64,
    "course": "progressive",
    "mjoa": 13,
    "findings": {"hoffmann_sign": "present", "babinski_sign": "present", "gait_deviation": "present",
                 "bilateral_leg_symptoms": "present", "significant_back_pain": "absent"},
}


ROOT = Path(__file__).resolve().parents[3]
ALL_CASES = sorted(
    [*ROOT.glob("tests/vignettes/*.json"), *ROOT.glob("tests/vignettes-v2/cases/*.json"), *ROOT.glob("examples/cases/*.json")]
)


def _presentation(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    p: dict[str, Any] = data.get("presentation", data)
    return p


def _ids() -> set[str]:
    ids: set[str] = set()
    for enum in (stenosis.Finding, stenosis.Condition, stenosis.Action, stenosis.Pathway, stenosis.RedFlag,
                 stenosis.Warning):
        ids.update(m.value for m in enum if "_" in m.value)
    return ids


def _visible_text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return html


def test_card_is_the_rust_template_and_dark_safe() -> None:
    a = stenosis.assess(DCM)
    html = a._repr_html_()
    assert html == a.to_html()
    assert "prefers-color-scheme: dark" in html and 'data-jp-theme-light="false"' in html
    # The container carries its own colours inline (readable even if <style> is stripped).
    assert 'class="stn stenosis-card" style="background:#ffffff;color:#1a1a1a"' in html
    assert "No red flags on the findings given." in html
    assert "Because:" in html
    # "Against:" lists the findings read by the rules that lowered a likelihood.
    lowered = stenosis.assess({"findings": {"sciatica_like_pain": "present", "walking_leg_pain": "absent"}})
    assert "Against:" in lowered.to_html()
    assert "stn-presentation" not in html
    assert "stn-presentation" in a.to_html(show_presentation=True)
    assert "The presentation assessed" in str(a.card(show_presentation=True))


def test_no_id_is_shown_to_a_person() -> None:
    for case in (CAUDA, DCM, {}):
        a = stenosis.assess(case)
        shown = _visible_text(a.to_html(show_presentation=True)) + a.to_text() + a.to_text(audience="patient")
        leaked = [i for i in _ids() if re.search(rf"\b{i}\b", shown)]
        assert not leaked, leaked


def test_page_is_standalone() -> None:
    page = stenosis.assess(CAUDA).to_html(standalone=True)
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page
    assert not re.search(r"\ssrc=|<link|<script|@import|url\(", page)


def test_text_fits_the_width_and_repeats_the_red_flag() -> None:
    t = stenosis.assess(CAUDA).to_text(width=80)
    assert all(len(line) <= 80 for line in t.splitlines())
    assert t.splitlines()[1].startswith("RED FLAG")
    assert t.splitlines()[-1].startswith("RED FLAG")


@pytest.mark.parametrize("case", [CAUDA, DCM, {}, {"findings": {"walking_leg_pain": "present",
                                                                 "relief_with_sitting_or_flexion": "present"}}])
def test_patient_view_is_plain(case: dict[str, Any]) -> None:
    a = stenosis.assess(case, audience="patient")
    t = a.to_text()
    assert t == a.to_text(audience="patient")
    assert "This is not a diagnosis." in t
    assert "When to get help at once".upper() in t
    assert "What happens next".upper() in t
    assert not re.search(r"likelihood ratio|\bLR\b|%|\[\d", t)
    grade = textstat.flesch_kincaid_grade(t)
    assert grade <= 8, (grade, t)
    assert "Your leg symptoms" in a._repr_html_()


def test_patient_view_says_get_help_today_for_a_red_flag() -> None:
    t = stenosis.assess(CAUDA, audience="patient").to_text()
    assert t.index("GET HELP TODAY") < t.index("WHAT MAY BE GOING ON")


def test_bad_audience_is_refused() -> None:
    with pytest.raises(ValueError, match="audience"):
        stenosis.assess(DCM, audience="doctor")
    with pytest.raises(ValueError, match="audience"):
        stenosis.assess(DCM).to_text(audience="nurse")


def test_every_case_patient_view_reads_at_grade_8_and_shows_no_id() -> None:
    """Over every vignette and example: the patient view's Flesch-Kincaid grade is 8 or below,
    and neither view shows an id (with an underscore) to a person."""
    assert len(ALL_CASES) > 100
    ids = _ids()
    worst = 0.0
    for path in ALL_CASES:
        a = stenosis.assess(_presentation(path), audience="patient")
        t = a.to_text()
        worst = max(worst, textstat.flesch_kincaid_grade(t))
        shown = t + a.to_text(audience="clinician") + _visible_text(a.to_html(audience="clinician"))
        leaked = [i for i in ids if re.search(rf"\b{i}\b", shown)]
        assert not leaked, (path.name, leaked)
    assert worst <= 8, worst
