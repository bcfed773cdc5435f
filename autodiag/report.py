"""The diagnosis reports: a standalone, print-ready HTML page, a PDF and a CSV.

All three render one `autodiag.view.DiagnosisView` (built once by `build_view`), as does the app's
results screen, so they cannot disagree:

- HTML: the Jinja template ``templates/report.html.j2`` (autoescaping: nothing the user typed
  becomes markup), with the macros it shares with the app (``templates/macros.html.j2``), the
  style sheet ``static/report.css`` and the chart inline (SVG, `autodiag.chart`);
- PDF: `autodiag.pdf` (Typst);
- CSV: one row per component, field, recommendation, answer and action of the plan, for people
  first (Spanish headers, names and words: «Básico», «Sí») and then, for analysts, the same rows'
  ids under fixed column names (`ID_COLUMNS`); every text cell made safe for spreadsheets
  (`autodiag.csv_safe`).

`report_html`, `report_pdf` and `write_report` take the rubric, the diagnosis and the answers
(the command line's entry points) and build the view; `render_html`, `render_pdf` and
`render_csv` take a view already built (the app).
"""

from __future__ import annotations

from pathlib import Path

from .answers import AnswersFile
from .csv_safe import rows_csv
from .errors import AutodiagError
from .markup import environment, static_text
from .model import Rubric
from .plan import Action
from .scoring import Diagnosis
from .view import CSV_COLUMNS, DiagnosisView, build_view

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
ID_COLUMNS = ("tipo", "componente", "campo", "nivel", "riesgo", "puntaje", "respondidas", "total", "por_confirmar",
              "perfil_irregular", "grupo", "id", "respuesta", "recomendacion", "plazo", "prioridad", "estado",
              "seguimiento", "practicas_faltantes")
"""The CSV's columns for analysts, after those for people (whose Spanish headers are the content's
``csv.columnas``, `autodiag.view.CSV_COLUMNS`): fixed names, ids and numbers, never translated.
`tipo` is ``etiqueta``, ``componente``, ``campo``, ``recomendacion``, ``respuesta``, ``accion`` or
``seguimiento`` (the follow-up of one action: ``seguimiento`` = ``en_marcha|faltan|sin_practica`` and
``practicas_faltantes`` the ids of the practices still missing, separated by spaces);
`id` is the recommendation's, question's or action's id; `respuesta` the answer's option id;
`perfil_irregular` is ``si`` or ``no``. Free texts (names, questions, notes) appear once, in the
columns for people. A row fills the columns that apply to its kind."""
CSV_HEADER = CSV_COLUMNS + ID_COLUMNS
"""Keys of every column, in order (the header row shows the content's Spanish names for the first ones)."""


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
    question (its answer and note). Columns: `CSV_HEADER` (see `ID_COLUMNS`)."""
    labels = view.labels.csv
    assert labels is not None, "a view built by build_view carries the CSV's labels"
    rows: list[dict[str, object]] = []

    def row(kind: str, people: dict[str, object], ids: dict[str, object]) -> None:
        rows.append({"tipo": labels.kind(kind), **people, "id:tipo": kind, **{f"id:{k}": v for k, v in ids.items()}})

    if view.label:
        row("etiqueta", {"texto": view.label}, {})
    for c in view.components:
        counts = {"puntaje": c.score, "respondidas": c.answered, "total": c.total, "por_confirmar": c.unknown}
        row("componente", {"componente": c.name, "nivel": c.level, "riesgo": c.risk, **counts,
                           "perfil_irregular": labels.yes if c.irregular else labels.no},
            {"componente": c.id, "nivel": c.level_id, "riesgo": c.risk_id, **counts,
             "perfil_irregular": "si" if c.irregular else "no"})
    for c in view.components:
        for f in c.fields:
            counts = {"puntaje": f.score, "respondidas": f.answered, "total": f.total, "por_confirmar": f.unknown}
            row("campo", {"componente": c.name, "campo": f.name, **counts},
                {"componente": c.id, "campo": f.id, **counts})
    for c in view.components:
        for g in c.groups:
            for r in g.items:
                row("recomendacion", {"componente": c.name, "campo": r.field, "nivel": r.tier, "grupo": g.title,
                                      "texto": f"{r.text} {r.addition}".strip()},
                    {"componente": c.id, "campo": r.field_id, "nivel": r.tier_id, "grupo": g.id, "id": r.id})
    for c in view.components if answers else ():
        for a in c.answers:
            row("respuesta", {"componente": c.name, "numero": a.number, "texto": a.text, "respuesta": a.answer,
                              "nota": a.note},
                {"componente": c.id, "id": a.question_id, "respuesta": a.option_id})
    for x in view.plan.actions if view.plan else ():
        row("accion", {"componente": x.component, "nivel": x.tier, "numero": x.id, "texto": x.text, "nota": x.nota,
                       "recomendacion": x.origin, "area": x.area, "plazo": x.plazo, "prioridad": x.prioridad,
                       "indicador": x.indicador, "estado": x.estado},
            {"componente": x.component_id, "nivel": x.tier_id, "id": x.id, "recomendacion": x.recommendation_id,
             "plazo": x.plazo_id, "prioridad": x.prioridad_id, "estado": x.estado_id})
    for fu in view.followup.rows if view.followup else ():
        row("seguimiento", {"numero": fu.action_id, "texto": fu.text, "recomendacion": fu.origin,
                            "estado": fu.estado, "seguimiento": fu.status,
                            "practicas_faltantes": ", ".join(str(p.number) for p in fu.missing)},
            {"id": fu.action_id, "recomendacion": fu.recommendation_id, "estado": fu.estado_id,
             "seguimiento": fu.status_id, "practicas_faltantes": " ".join(p.question_id for p in fu.missing)})
    keys = CSV_COLUMNS + tuple(f"id:{k}" for k in ID_COLUMNS)
    return rows_csv(labels.headers + ID_COLUMNS, [[r.get(k, "") for k in keys] for r in rows])


def render_pdf(view: DiagnosisView, chart_svg: str | None = None) -> bytes:
    """The PDF report of `view` (see `autodiag.pdf`)."""
    from .pdf import render_pdf as typeset

    return typeset(view, chart_svg)


def report_html(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
                previous: Diagnosis | None = None,
                previous_plan: tuple[Action, ...] = ()) -> str:
    """A standalone HTML report (chart inlined), ready to print."""
    return render_html(build_view(rubric, diagnosis, answers, previous=previous, previous_plan=previous_plan))


def report_pdf(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
               previous: Diagnosis | None = None,
               previous_plan: tuple[Action, ...] = ()) -> bytes:
    """The same report as a PDF document (bytes)."""
    return render_pdf(build_view(rubric, diagnosis, answers, previous=previous, previous_plan=previous_plan))


def report_csv(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
               previous: Diagnosis | None = None,
               previous_plan: tuple[Action, ...] = ()) -> str:
    """The same results as CSV text."""
    return render_csv(build_view(rubric, diagnosis, answers, previous=previous, previous_plan=previous_plan))


def report_format(path: str | Path) -> str | None:
    """``html``, ``pdf``, ``csv`` or ``xlsx`` after the suffix of `path`, or None if it names no report format."""
    return FORMATS.get(Path(path).suffix.lower())


def write_report(path: str | Path, rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
                 previous: Diagnosis | None = None, previous_file: AnswersFile | None = None,
                 previous_plan: tuple[Action, ...] = (), zone: str | None = None) -> Path:
    """Write the report to `path`; the format follows its suffix (.html, .pdf, .csv or .xlsx). Its date
    is in the time zone `zone` (default: the content's ``reporte.zona_horaria``; see `autodiag.clock`);
    `previous_file` (the earlier answers file) and `previous_plan`: see `autodiag.view.build_view`.

    The file is written only once the report is complete (never a half-written file).
    A suffix of no report format raises `AutodiagError` (slug ``formato-desconocido``; the command
    line checks it first)."""
    path = Path(path)
    kind = report_format(path)
    if kind is None:
        raise AutodiagError.one("formato-desconocido", f"formato de reporte desconocido «{path.suffix}» "
                                "(use .html, .pdf, .csv o .xlsx)", file=path.name)
    view = build_view(rubric, diagnosis, answers, previous=previous, previous_file=previous_file,
                      previous_plan=previous_plan, zone=zone)
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
