"""The PDF report: a `DiagnosisView` laid out by Typst (the `typst` package, a self-contained
compiler in one wheel; no system library).

The layout is the template `autodiag/templates/report.typ`; the view reaches it as JSON through
``sys.inputs``, never pasted into markup, so nothing the user typed is read as Typst. Typst
breaks long table rows across pages, numbers the pages and hyphenates Spanish. The font is the
DejaVu Sans that matplotlib ships (system fonts are ignored), so the PDF is the same on Binder,
a laptop or a server.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

from .view import DiagnosisView


@lru_cache(maxsize=1)
def _template() -> bytes:
    return resources.files("autodiag").joinpath("templates", "report.typ").read_bytes()


@lru_cache(maxsize=1)
def _font_dir() -> str:
    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf")


def render_pdf(view: DiagnosisView, chart_svg: str | None = None) -> bytes:
    """The report of `view` as PDF bytes; `chart_svg` is drawn if not given."""
    import typst

    if chart_svg is None:
        from .chart import chart_svg as draw

        chart_svg = draw(view)
    # the stubs tie the source's type (bytes: the template's text) to the font paths' (a folder name)
    pdf: bytes = typst.compile(_template(), output=None, format="pdf",  # type: ignore[call-overload]
                               font_paths=[_font_dir()], ignore_system_fonts=True,
                               sys_inputs={"view": view.as_json(), "chart": chart_svg})
    return pdf
