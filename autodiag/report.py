"""The diagnosis reports: a standalone, print-ready HTML page, a PDF and a CSV.

All three render one `autodiag.view.DiagnosisView` (built once by `build_view`), as does the app's
results screen, so they cannot disagree:

- HTML: the Jinja template ``templates/report.html.j2`` (autoescaping: nothing the user typed
  becomes markup), with the macros it shares with the app (``templates/macros.html.j2``), the
  style sheet ``static/report.css`` and the chart inline (SVG, `autodiag.chart`);
- PDF: `autodiag.pdf` (Typst);
- CSV: one row per component, field, recommendation and answer, every text cell made safe for
  spreadsheets (`autodiag.csv_safe`).

`report_html`, `report_pdf` and `write_report` take the rubric, the diagnosis and the answers
(the command line's entry points) and build the view; `render_html`, `render_pdf` and
`render_csv` take a view already built (the app).
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from .answers import AnswersFile
from .csv_safe import rows_csv
from .errors import AutodiagError
from .model import Rubric
from .scoring import Diagnosis
from .view import DiagnosisView, build_view

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
CSV_HEADER = ("tipo", "componente", "campo", "nivel", "riesgo", "puntaje", "respondidas", "total", "por_confirmar",
              "perfil_irregular", "grupo", "id", "texto", "respuesta", "nota", "recomendacion", "area", "plazo",
              "prioridad", "indicador", "estado")
"""Columns of the report CSV. `tipo` is ``componente``, ``campo``, ``recomendacion``, ``respuesta``,
``etiqueta`` or ``accion`` (one action of the plan: its component and tier ids, id, text, note and
the last six columns); a row fills the columns that apply to its kind."""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The package's Jinja environment (templates/), autoescaping, shared with the app."""
    return jinja2.Environment(loader=jinja2.PackageLoader("autodiag", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def static_text(name: str) -> str:
    """A file of autodiag/static (CSS, JavaScript) as text."""
    return resources.files("autodiag").joinpath("static", name).read_text(encoding="utf-8")


def render_html(view: DiagnosisView, chart_svg: str | None = None) -> str:
    """The standalone HTML report of `view`, its chart inline (`chart_svg`, drawn if not given)."""
    from markupsafe import Markup

    if chart_svg is None:
        from .chart import chart_svg as draw

        chart_svg = draw(view)
    return environment().get_template("report.html.j2").render(view=view, chart=Markup(chart_svg),
                                                               css=Markup(static_text("report.css")))


def render_csv(view: DiagnosisView, *, answers: bool = True) -> str:
    """The results of `view` as CSV (UTF-8, comma-separated, formula-safe); `answers`: with a row per
    question (its answer and note)."""
    rows: list[list[object]] = []
    if view.label:
        rows.append(["etiqueta", "", "", "", "", "", "", "", "", "", "", "", view.label, "", ""])
    for c in view.components:
        rows.append(["componente", c.id, "", c.level_id, c.risk_id, c.score, c.answered, c.total, c.unknown,
                     c.irregular, "", "", c.name, "", ""])
    for c in view.components:
        for f in c.fields:
            rows.append(["campo", c.id, f.id, "", "", f.score, f.answered, f.total, f.unknown, "", "", "", f.name, "",
                         ""])
    for c in view.components:
        for g in c.groups:
            for r in g.items:
                text = f"{r.text} {r.addition}".strip()
                rows.append(["recomendacion", c.id, r.field_id, r.tier_id, "", "", "", "", "", "", g.id, r.id, text,
                             "", ""])
    for c in view.components if answers else ():
        for a in c.answers:
            rows.append(["respuesta", c.id, "", "", "", "", "", "", "", "", "", a.question_id, a.text, a.option_id,
                         a.note])
    for x in view.plan.actions if view.plan else ():
        rows.append(["accion", x.component_id, "", x.tier_id, "", "", "", "", "", "", "", x.id, x.text, "", x.nota,
                     x.recommendation_id, x.area, x.plazo_id, x.prioridad_id, x.indicador, x.estado_id])
    return rows_csv(CSV_HEADER, [row + [""] * (len(CSV_HEADER) - len(row)) for row in rows])


def render_pdf(view: DiagnosisView, chart_svg: str | None = None) -> bytes:
    """The PDF report of `view` (see `autodiag.pdf`)."""
    from .pdf import render_pdf as typeset

    return typeset(view, chart_svg)


def report_html(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
                previous: Diagnosis | None = None) -> str:
    """A standalone HTML report (chart inlined), ready to print."""
    return render_html(build_view(rubric, diagnosis, answers, previous=previous))


def report_pdf(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
               previous: Diagnosis | None = None) -> bytes:
    """The same report as a PDF document (bytes)."""
    return render_pdf(build_view(rubric, diagnosis, answers, previous=previous))


def report_csv(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
               previous: Diagnosis | None = None) -> str:
    """The same results as CSV text."""
    return render_csv(build_view(rubric, diagnosis, answers, previous=previous))


def report_format(path: str | Path) -> str | None:
    """``html``, ``pdf``, ``csv`` or ``xlsx`` after the suffix of `path`, or None if it names no report format."""
    return FORMATS.get(Path(path).suffix.lower())


def write_report(path: str | Path, rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
                 previous: Diagnosis | None = None) -> Path:
    """Write the report to `path`; the format follows its suffix (.html, .pdf, .csv or .xlsx).

    The file is written only once the report is complete (never a half-written file).
    A suffix of no report format raises `AutodiagError` (slug ``formato-desconocido``; the command
    line checks it first)."""
    path = Path(path)
    kind = report_format(path)
    if kind is None:
        raise AutodiagError.one("formato-desconocido", f"formato de reporte desconocido «{path.suffix}» "
                                "(use .html, .pdf, .csv o .xlsx)", file=path.name)
    view = build_view(rubric, diagnosis, answers, previous=previous)
    if kind == "xlsx":
        from .workbook import render_xlsx

        data = render_xlsx(view, rubric.texts)
    else:
        data = (render_html(view).encode("utf-8") if kind == "html" else render_pdf(view) if kind == "pdf"
                else render_csv(view).encode("utf-8"))
    path.write_bytes(data)
    return path


def results_csv(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile | None = None) -> str:
    """The results of `diagnosis` as CSV (`render_csv`); without `answers`, no row per answer."""
    from .answers import new_answers

    return render_csv(build_view(rubric, diagnosis, answers or new_answers(rubric)), answers=answers is not None)
