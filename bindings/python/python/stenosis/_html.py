"""The Jupyter card of an Assessment (``Assessment._repr_html_``).

Order follows what a clinician must see first: red flags, the pathway, the cervical question,
the differential with likelihood bars, what to do (with urgency), pitfalls, what to examine next,
then the references (linked where a DOI or PMID is known) and the disclaimer. Every string from
the engine is HTML-escaped; the card uses inline styles only (notebooks strip <style> blocks in
some viewers).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._assessment import Assessment

_LIKELIHOOD_WIDTH = {"low": 25, "moderate": 60, "high": 100}
_LIKELIHOOD_COLOR = {"low": "#9bb7d4", "moderate": "#e0a03a", "high": "#c0392b"}
_URGENCY_COLOR = {"routine": "#5b7f95", "urgent": "#d35400", "emergency": "#c0392b"}
_PATHWAY_COLOR = {
    "emergency": "#c0392b",
    "surgical_evaluation": "#d35400",
    "further_workup": "#b7950b",
    "conservative": "#2e86c1",
    "no_cervical_concern": "#1e8449",
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _label(id_: str) -> str:
    return id_.replace("_", " ")


def _badge(text: str, color: str) -> str:
    return (
        f'<span style="display:inline-block;padding:1px 8px;border-radius:10px;background:{color};'
        f'color:#fff;font-size:0.85em;font-weight:600">{_e(text)}</span>'
    )


def _cites(ids: tuple[str, ...], a: Assessment) -> str:
    if not ids:
        return ""
    parts = []
    for cid in ids:
        c = a.citation(cid)
        if c is not None and c.url:
            parts.append(f'<a href="{_e(c.url)}" target="_blank" rel="noopener">{_e(cid)}</a>')
        else:
            parts.append(_e(cid))
    return f' <span style="color:#777;font-size:0.8em">[{", ".join(parts)}]</span>'


def render_card(a: Assessment) -> str:
    """The HTML card of an assessment."""
    h: list[str] = [
        '<div class="stenosis-card" style="font-family:system-ui,sans-serif;border:1px solid #ccc;'
        'border-radius:8px;padding:12px 16px;max-width:860px;line-height:1.4">'
    ]
    h.append('<div style="font-size:1.15em;font-weight:700;margin-bottom:6px">stenosis assessment</div>')

    for r in a.red_flags:
        h.append(
            '<div class="stenosis-red-flag" style="background:#fdecea;border-left:5px solid #c0392b;'
            'padding:6px 10px;margin:6px 0">'
            f"<b>RED FLAG: {_e(_label(r.id.value))}</b><br>{_e(r.message)}{_cites(r.citations, a)}</div>"
        )

    pathway = a.pathway.value
    h.append(
        '<div style="margin:8px 0"><b>Pathway</b> '
        f"{_badge(_label(pathway), _PATHWAY_COLOR.get(pathway, '#555'))}"
        f'<div style="color:#333;margin-top:3px">{_e(a.pathway_rationale)}</div></div>'
    )

    m = a.myelopathy
    cook = m.cook_rule
    post = ""
    if m.post_test is not None:
        post = (
            f"; post-test probability {m.post_test.probability:.0%} "
            f"(pre-test {m.post_test.pre_test_probability:.0%}, LR {m.post_test.likelihood_ratio:g})"
        )
    h.append(
        f'<div style="margin:8px 0"><b>Cervical myelopathy</b>: {_e(m.likelihood.value)} likelihood; '
        f"Cook rule {cook.positive} of 5 positive ({cook.assessed} assessed){_e(post)}"
    )
    if a.severity is not None:
        h.append(f"; mJOA {a.severity.mjoa} ({_e(a.severity.severity_class.value)})")
    h.append("</div>")

    h.append('<div style="margin:8px 0"><b>Differential</b><table style="border-collapse:collapse;width:100%">')
    for d in a.differential:
        lk = d.likelihood.value
        bar = (
            f'<div style="background:#eee;width:160px;height:10px;border-radius:5px">'
            f'<div class="stenosis-bar" style="background:{_LIKELIHOOD_COLOR.get(lk, "#999")};'
            f'width:{_LIKELIHOOD_WIDTH.get(lk, 0)}%;height:10px;border-radius:5px"></div></div>'
        )
        support = ", ".join(_label(f.value) for f in d.supporting) or "none"
        h.append(
            f'<tr><td style="padding:2px 8px 2px 0;white-space:nowrap">{_e(_label(d.condition.value))}</td>'
            f'<td style="padding:2px 8px">{bar}</td><td style="padding:2px 8px">{_e(lk)}</td>'
            f'<td style="padding:2px 8px;color:#555;font-size:0.85em">supporting: {_e(support)}</td></tr>'
        )
    h.append("</table></div>")

    if a.recommendations:
        h.append('<div style="margin:8px 0"><b>Recommendations</b><ul style="margin:4px 0">')
        for rec in a.recommendations:
            u = rec.urgency.value
            h.append(
                f"<li>{_badge(u, _URGENCY_COLOR.get(u, '#555'))} <b>{_e(_label(rec.action.value))}</b>: "
                f"{_e(rec.rationale)}{_cites(rec.citations, a)}</li>"
            )
        h.append("</ul></div>")

    if a.warnings:
        h.append('<div style="margin:8px 0"><b>Warnings</b><ul style="margin:4px 0">')
        for w in a.warnings:
            h.append(f"<li><b>{_e(_label(w.id.value))}</b>: {_e(w.message)}{_cites(w.citations, a)}</li>")
        h.append("</ul></div>")

    if a.next_findings:
        h.append('<div style="margin:8px 0"><b>Examine next</b><ol style="margin:4px 0">')
        for n in a.next_findings[:5]:
            h.append(f"<li><b>{_e(_label(n.finding.value))}</b>: {_e(n.why)}</li>")
        h.append("</ol></div>")

    if a.citations:
        h.append('<details style="margin:8px 0"><summary><b>References</b></summary><ol style="font-size:0.85em">')
        for c in a.citations:
            title = _e(c.title)
            if c.url:
                title = f'<a href="{_e(c.url)}" target="_blank" rel="noopener">{title}</a>'
            h.append(f"<li>[{_e(c.id)}] {_e(c.authors)}. {title}. <i>{_e(c.source)}</i> {c.year}.</li>")
        h.append("</ol></details>")

    h.append(
        f'<div style="color:#666;font-size:0.8em;margin-top:8px">{_e(a.disclaimer)}<br>'
        f"engine {_e(a.engine_version)}, knowledge base {_e(a.knowledge_base_version)}</div>"
    )
    h.append("</div>")
    return "".join(h)
