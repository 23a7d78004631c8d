"""What a person sees of an Assessment: the notebook card, the standalone HTML page, the text
report and the patient view.

Every one is rendered by the Rust renderers (crate ``stenosis-render``), the same template the
command line's ``assess --html`` uses: Python builds no HTML and turns no id into words itself.
The card carries its own light and dark colours (``prefers-color-scheme`` and JupyterLab's dark
themes) and says "No red flags" explicitly when there are none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _stenosis

if TYPE_CHECKING:
    from ._assessment import Assessment

#: The audiences a rendering can be for.
AUDIENCES = ("clinician", "patient")


def check_audience(audience: str) -> str:
    """Returns ``audience`` if it is ``"clinician"`` or ``"patient"``; raises ``ValueError``."""
    if audience not in AUDIENCES:
        raise ValueError(f'audience: expected "clinician" or "patient", got {audience!r}')
    return audience


def render(
    a: Assessment,
    fmt: str,
    *,
    audience: str | None = None,
    width: int = 80,
    show_presentation: bool = False,
) -> str:
    """Renders ``a`` as ``fmt`` (``"card"``, ``"page"`` or ``"text"``) for ``audience`` (the
    assessment's own audience when ``None``)."""
    aud = check_audience(audience if audience is not None else a.audience)
    return _stenosis.render(a.presentation, fmt, aud, width, show_presentation)


def render_card(a: Assessment) -> str:
    """The HTML card of an assessment (``Assessment._repr_html_``)."""
    return render(a, "card")


class Card:
    """An HTML card that notebooks display (``_repr_html_``); ``str()`` gives its HTML."""

    __slots__ = ("_html",)

    def __init__(self, html: str) -> None:
        self._html = html

    def _repr_html_(self) -> str:
        return self._html

    def __str__(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return f"<stenosis card, {len(self._html)} characters of HTML>"
