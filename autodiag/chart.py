"""The matplotlib chart of the five components (imported only when a chart is asked for)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .model import Rubric
from .scoring import Diagnosis

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


def component_chart(rubric: Rubric, diagnosis: Diagnosis) -> "Figure":
    """Horizontal bars of each component's score (0–100), coloured by its risk band."""
    from matplotlib.figure import Figure  # no pyplot: no global state, safe in a server

    results = list(diagnosis)
    names = [rubric.component(r.component).short_name for r in results]
    colors = [rubric.risk(r.risk).color for r in results]
    fig = Figure(figsize=(7, 3.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    y = range(len(results))[::-1]
    ax.barh(list(y), [r.score for r in results], color=colors, height=0.6)
    ax.set_yticks(list(y), names)
    ax.set_xlim(0, 100)
    for cut in diagnosis.risk_cuts:
        ax.axvline(cut, color="#777777", linewidth=0.8, linestyle="--")
    for yi, r in zip(y, results):
        ax.text(min(r.score + 1.5, 88), yi, f"{r.score:.0f} · {rubric.tier(r.level).name}", va="center", fontsize=9)
    ax.set_xlabel(rubric.texts.get("resultados.grafica_eje"))
    ax.set_title(rubric.texts.get("resultados.grafica_titulo"), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def chart_png(rubric: Rubric, diagnosis: Diagnosis, dpi: int = 100) -> bytes:
    """The component chart as PNG bytes."""
    buffer = io.BytesIO()
    component_chart(rubric, diagnosis).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
