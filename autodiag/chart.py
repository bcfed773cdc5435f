"""The results chart: one horizontal bar per component (its score, 0–100, in its risk's colour),
drawn as SVG from the template ``templates/chart.svg.j2``. No matplotlib: the app, the HTML
report and the PDF (Typst embeds SVG) all show this one drawing, built in about a millisecond.

Everything the chart says comes from the view's `ChartView` (texts and colours of content/); this
module only places it. The drawing has no ``viewBox``: bars and ticks are placed in percent of the
width and the text keeps its size, so the labels stay readable on a phone (400 px) as on a page.
It is an image with a text alternative (``role="img"``, ``<title>`` and ``<desc>``: every
component's score, level and risk, in words).
"""

from __future__ import annotations

from dataclasses import dataclass

from .markup import environment
from .view import ChartView, DiagnosisView

FONT_SIZE = 14
"""px: the names, values and ticks (the title is 1 px larger)."""
TITLE_Y = 18
TOP = 34
"""Where the first row starts, below the title."""
ROW = 44
"""Height of one component's row: its name and value, then its bar."""
BAR_OFFSET = 20
"""From a row's top to its bar's top (the name's baseline is at 15)."""
BAR_HEIGHT = 16
TICKS = (0, 20, 40, 60, 80, 100)
PRINT_WIDTH = 640
"""px: the drawing's width in the PDF (Typst needs a size; it scales the drawing to the page)."""


@dataclass(frozen=True)
class Row:
    name: str
    value: str
    color: str
    percent: str
    """The bar's length, in percent of the width."""
    text_y: int
    bar_y: int


@dataclass(frozen=True)
class Tick:
    x: str
    """Percent of the width."""
    label: str
    anchor: str


@dataclass(frozen=True)
class Layout:
    chart: ChartView
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    cuts: tuple[str, ...]
    """Percent of the width: a dashed mark across each bar."""
    bars_bottom: int
    tick_y: int
    axis_y: int
    height: int


def _percent(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.2f}%"


def layout(chart: ChartView) -> Layout:
    """Where each part of `chart` goes."""
    rows = tuple(Row(bar.name, bar.value, bar.color, _percent(bar.score), TOP + i * ROW + 15,
                     TOP + i * ROW + BAR_OFFSET) for i, bar in enumerate(chart.bars))
    bottom = TOP + len(rows) * ROW
    ticks = tuple(Tick(_percent(t), str(t), "start" if t == TICKS[0] else "end" if t == TICKS[-1] else "middle")
                  for t in TICKS)
    return Layout(chart=chart, rows=rows, ticks=ticks, cuts=tuple(_percent(c) for c in chart.cuts),
                  bars_bottom=bottom, tick_y=bottom + 16, axis_y=bottom + 36,
                  height=bottom + 44)


def chart_svg(view: DiagnosisView, *, print_size: bool = False, id_prefix: str = "autodiag-chart") -> str:
    """The chart of `view` as an SVG element (inline in HTML) or, with `print_size`, a document for
    Typst (a fixed width and the PDF's font). `id_prefix`: the ids of its title and description,
    unique in the page that shows it."""
    if view.chart is None:
        return ""
    return environment().get_template("chart.svg.j2").render(
        c=layout(view.chart), id=id_prefix, font_size=FONT_SIZE, title_y=TITLE_Y, bar_height=BAR_HEIGHT,
        width=str(PRINT_WIDTH) if print_size else "100%", font="DejaVu Sans" if print_size else "",
        document=print_size)
