"""Figures for the research and workshop notebooks (matplotlib, imported lazily).

Every function returns a figure and draws nothing on screen by itself: no pyplot, so no
global state and no figure shown twice. The figures know how to show themselves in
Jupyter and Voilà (`_repr_png_`), so a cell that ends with a call to one of these
functions displays the chart. Everything the charts say and their colours are the
content's: component short names, tier and risk names and colours, and the ``graficas``
section of textos.yaml (titles, axes, legends, ``graficas.colores``).
"""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from . import frames
from .batch import BatchItem
from .model import Rubric
from .workshop import group

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure



def _t(rubric: Rubric, key: str, **values: Any) -> str:
    return rubric.texts.get(f"graficas.{key}", **values)


def _color(rubric: Rubric, key: str) -> str:
    return rubric.texts.get(f"graficas.colores.{key}")


def level_colors(rubric: Rubric) -> list[str]:
    """One colour per tier, lowest to highest (``graficas.colores.niveles``: stages, not a traffic light)."""
    return rubric.texts.list("graficas.colores.niveles")[: len(rubric.tiers)]


@functools.cache
def _figure_class() -> type:
    from matplotlib.figure import Figure

    class NotebookFigure(Figure):
        """A pyplot-free figure that Jupyter and Voilà display as a PNG."""

        def _repr_png_(self) -> bytes:
            return figure_png(self)

    return NotebookFigure


def _figure(**kwargs: Any) -> Figure:
    return _figure_class()(layout="constrained", dpi=100, **kwargs)


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _short_names(rubric: Rubric, ids: Iterable[str], wrap: int = 0) -> list[str]:
    names = [rubric.component(cid).short_name for cid in ids]
    return [textwrap.fill(name, wrap) for name in names] if wrap else names


def _heatmap(fig: Figure, matrix: pd.DataFrame, row_labels: Sequence[str], col_labels: Sequence[str],
             cmap: str, vmin: float, vmax: float, fmt: str, bar_label: str, rubric: Rubric) -> Any:
    ax = fig.add_subplot()
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_xticks(range(len(col_labels)), col_labels, rotation=30, ha="left", rotation_mode="anchor")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.tick_params(top=True, bottom=False, labeltop=True, labelbottom=False)
    for (i, j), v in _cells(values):
        r, g, b, _ = image.cmap(image.norm(float(v)))  # type: ignore[arg-type]  # a scalar is fine at run time
        dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
        ax.text(j, i, format(v, fmt), ha="center", va="center", fontsize=8,
                color=_color(rubric, "texto_sobre_oscuro" if dark else "texto_sobre_claro"))
    fig.colorbar(image, ax=ax, label=bar_label, shrink=0.8)
    return ax


def _cells(values: Any) -> list[tuple[tuple[int, int], float]]:
    import numpy as np

    return [((i, j), values[i, j]) for i, j in np.ndindex(values.shape) if not np.isnan(values[i, j])]


# --- the rubric ---------------------------------------------------------------------------

def coverage_heatmap(rubric: Rubric, by: Literal["tier", "field"] = "tier",
                     of: Literal["preguntas", "recomendaciones"] = "preguntas") -> Figure:
    """How many questions (or recommendations) each component — or each field — has per tier."""
    matrix = frames.coverage_matrix(rubric, by=by, of=of)
    if by == "tier":
        rows = _short_names(rubric, matrix.index)
        fig = _figure(figsize=(6, 3.2))
    else:
        rows = [f"{rubric.component(c).short_name} · {rubric.field(c, f).name}" for c, f in matrix.index]
        fig = _figure(figsize=(8, 0.32 * len(rows) + 1.2))
    cols = [rubric.tier(t).name for t in matrix.columns]
    ax = _heatmap(fig, matrix, rows, cols, _color(rubric, "mapa_cobertura"), 0, max(1, matrix.to_numpy().max()),
                  ".0f", _t(rubric, "numero_de", que=of), rubric)
    where = _t(rubric, "por_componente_y_nivel" if by == "tier" else "por_campo_y_nivel")
    ax.set_title(_t(rubric, "numero_por", que=of, donde=where), fontsize=11)
    return fig


# --- distributions ------------------------------------------------------------------------

def distribution_chart(table: pd.DataFrame, rubric: Rubric, title: str = "") -> Figure:
    """Stacked horizontal bars of a level (or risk) distribution, as `analysis.distribution` returns it."""
    by = table.columns.name or "nivel"
    if by == "riesgo":
        names = [rubric.risk(r).name for r in table.columns]
        colors = [rubric.risk(r).color for r in table.columns]
        legend = _t(rubric, "leyenda_riesgo")
    else:
        names = [rubric.tier(t).name for t in table.columns]
        colors = level_colors(rubric)[: len(names)]
        legend = _t(rubric, "leyenda_nivel")
    darkest = level_colors(rubric)[-1]
    fig = _figure(figsize=(7.5, 3.2))
    ax = fig.add_subplot()
    rows = _short_names(rubric, table.index)[::-1]
    data = table.iloc[::-1]
    left = [0] * len(rows)
    for column, name, color in zip(table.columns, names, colors):
        values = list(data[column])
        bars = ax.barh(rows, values, left=left, color=color, label=name, height=0.6)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center", fontsize=8,
                     color=_color(rubric, "texto_sobre_oscuro" if color == darkest or by == "riesgo"
                                  else "texto_sobre_claro"))
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel(_t(rubric, "eje_perfiles"))
    ax.legend(title=legend, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title(title or _t(rubric, "distribucion_riesgo" if by == "riesgo" else "distribucion_nivel"), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --- sensitivity --------------------------------------------------------------------------

def sensitivity_curves(curve: pd.DataFrame, rubric: Rubric) -> Figure:
    """Share of profiles at each level as θ moves, one panel per component (`analysis.level_curve`)."""
    components = frames.component_ids(rubric)
    fig = _figure(figsize=(11, 2.8))
    axes = fig.subplots(1, len(components), sharey=True)
    for ax, cid in zip(axes, components):
        part = curve[curve["componente"] == cid]
        for tier, color in zip(frames.tier_ids(rubric), level_colors(rubric)):
            line = part[part["nivel"] == tier]
            ax.plot(line["theta"], line["proporcion"], color=color, marker="o", markersize=3,
                    label=rubric.tier(tier).name)
        ax.axvline(rubric.thresholds.level, color=_color(rubric, "referencia"), linestyle="--", linewidth=0.8)
        ax.set_title(rubric.component(cid).short_name, fontsize=10)
        ax.set_xlabel(_t(rubric, "eje_theta"))
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_ylabel(_t(rubric, "eje_proporcion"))
    axes[-1].legend(title=_t(rubric, "leyenda_nivel_corta"), fontsize=8, frameon=False, loc="upper left",
                    bbox_to_anchor=(1.02, 1))
    fig.suptitle(_t(rubric, "sensibilidad", theta=f"{rubric.thresholds.level:g}"), fontsize=11)
    return fig


def changes_chart(table: pd.DataFrame, rubric: Rubric, title: str = "") -> Figure:
    """Grouped bars: profiles that change, per component, for each row of a sensitivity table.

    Rows where nothing changes (the base θ or cut points themselves) are left out.
    """
    components = frames.component_ids(rubric)
    table = table[(table[components] != 0).any(axis=1)]  # the base row changes nothing
    fig = _figure(figsize=(8, 3.2))
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(table.index))
    for k, (label, row) in enumerate(table.iterrows()):
        xs = [i + k * width for i in range(len(components))]
        name = (_t(rubric, "theta_igual", theta=f"{label:g}") if isinstance(label, float)
                else _t(rubric, "cortes", cortes=label))
        ax.bar(xs, [row[c] for c in components], width=width, label=name)
    ax.set_xticks([i + width * (len(table.index) - 1) / 2 for i in range(len(components))],
                  _short_names(rubric, components, wrap=14))
    ax.set_ylabel(_t(rubric, "eje_cambian"))
    ax.legend(frameon=False)
    ax.set_title(title or _t(rubric, "cambios"), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --- groups of participants ---------------------------------------------------------------

def participant_heatmap(items: Iterable[BatchItem], rubric: Rubric) -> Figure:
    """Participants (rows) × components (columns), coloured by score 0–100."""
    matrix = group.participant_matrix(items, rubric)
    fig = _figure(figsize=(7, 0.24 * len(matrix.index) + 1.6))
    ax = _heatmap(fig, matrix, list(matrix.index), _short_names(rubric, matrix.columns),
                  _color(rubric, "mapa_puntaje"), 0, 100, ".0f", _t(rubric, "eje_puntaje"), rubric)
    ax.set_title(_t(rubric, "participantes"), fontsize=11)
    ax.tick_params(axis="y", labelsize=7)
    return fig


def weakest_fields_chart(table: pd.DataFrame, rubric: Rubric) -> Figure:
    """Horizontal bars of the share of participants below θ in each field (`workshop.weakest_fields`)."""
    fig = _figure(figsize=(9, 0.4 * len(table.index) + 1.3))
    ax = fig.add_subplot()
    labels = [f"{rubric.component(c).short_name} · {n}" for c, n in zip(table["componente"], table["nombre_campo"])]
    bars = ax.barh(labels[::-1], list(table["proporcion"] * 100)[::-1], color=_color(rubric, "campos_debiles"),
                   height=0.6)
    ax.bar_label(bars, fmt="%.0f %%", fontsize=8, padding=2)
    ax.set_xlim(0, 110)
    ax.set_xlabel(_t(rubric, "eje_debajo"))
    fig.suptitle(_t(rubric, "campos_debiles"), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def compare_chart(items_a: Iterable[BatchItem], items_b: Iterable[BatchItem], rubric: Rubric,
                  names: tuple[str, str] = ("A", "B")) -> Figure:
    """Mean score per component of two groups, side by side, with the risk cut points."""
    table = group.compare_groups(items_a, items_b, rubric, names)
    components = list(table.index)
    fig = _figure(figsize=(8, 3.2))
    ax = fig.add_subplot()
    for k, (name, color) in enumerate(zip(names, rubric.texts.list("graficas.colores.grupos"))):
        xs = [i + (k - 0.5) * 0.38 for i in range(len(components))]
        bars = ax.bar(xs, table[f"puntaje_medio_{name}"], width=0.38, color=color, label=name)
        ax.bar_label(bars, fmt="%.0f", fontsize=8)
    for cut in rubric.thresholds.risk_cuts:
        ax.axhline(cut, color=_color(rubric, "referencia"), linestyle="--", linewidth=0.8)
    ax.set_xticks(range(len(components)), _short_names(rubric, components, wrap=14))
    ax.set_ylim(0, 100)
    ax.set_ylabel(_t(rubric, "eje_puntaje_medio"))
    ax.legend(title=_t(rubric, "leyenda_grupo"), frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(_t(rubric, "comparacion"), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
