"""The matplotlib chart of the five components, drawn from a `DiagnosisView`.

Imported only when a chart is asked for (matplotlib is heavy). The app and the HTML report show
it as PNG; the PDF embeds it as SVG (vector, sharp when printed).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .view import DiagnosisView

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


def component_chart(view: DiagnosisView) -> Figure:
    """Horizontal bars of each component's score (0–100), coloured by its risk band."""
    from matplotlib.figure import Figure  # no pyplot: no global state, safe in a server

    components = view.components
    fig = Figure(figsize=(7, 3.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    y = list(range(len(components)))[::-1]
    ax.barh(y, [c.exact_score for c in components], color=[c.risk_color for c in components], height=0.6)
    ax.set_yticks(y, [c.short_name for c in components])
    ax.set_xlim(0, 100)
    for cut in view.risk_cuts:
        ax.axvline(cut, color="#777777", linewidth=0.8, linestyle="--")
    for yi, c in zip(y, components):
        ax.text(min(c.exact_score + 1.5, 88), yi, f"{c.score} · {c.level}", va="center", fontsize=9)
    ax.set_xlabel(view.labels.chart_axis)
    ax.set_title(view.labels.chart_title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def chart_png(view: DiagnosisView, dpi: int = 110) -> bytes:
    """The component chart as PNG bytes."""
    buffer = io.BytesIO()
    component_chart(view).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def chart_svg(view: DiagnosisView) -> str:
    """The component chart as an SVG document (text drawn as paths: no font needed to show it)."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "autodiag"}):
        component_chart(view).savefig(buffer, format="svg")
    return buffer.getvalue()
