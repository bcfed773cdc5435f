"""The diagnosis report: a standalone, print-ready HTML page and a PDF.

Both are built from one view (`report_view`) of the rubric, the diagnosis and the answers.
HTML comes from a Jinja2 template with autoescaping, so nothing the user typed (notes,
label) becomes markup. The PDF is written with fpdf2 (pure Python, no system libraries,
available from PyPI and conda-forge) using the DejaVu Sans font that matplotlib ships,
so every Spanish character prints.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .answers import AnswersFile
from .model import Rubric
from .scoring import Diagnosis

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Comparison:
    """Change per component between an earlier diagnosis and the current one."""

    component: str
    name: str
    before_score: float
    after_score: float
    before_level: str
    after_level: str

    @property
    def change(self) -> float:
        return self.after_score - self.before_score


def compare(rubric: Rubric, before: Diagnosis, after: Diagnosis) -> list[Comparison]:
    return [
        Comparison(c.id, c.name, before[c.id].score, after[c.id].score,
                   rubric.tier(before[c.id].level).name, rubric.tier(after[c.id].level).name)
        for c in rubric.components
    ]


def report_view(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
                previous: Diagnosis | None = None, chart: bool = True) -> dict[str, Any]:
    """Everything a report shows, as plain data (texts already chosen from content)."""
    t = rubric.texts
    options = {o.id: o.label for o in rubric.scale}
    components = []
    for result in diagnosis:
        comp = rubric.component(result.component)
        groups = [
            {
                "title": t.get(f"resultados.grupos.{group}"),
                "items": [
                    {"text": r.text, "addition": r.addition, "tier": rubric.tier(r.tier).name,
                     "field": rubric.field(r.component, r.field).name}
                    for r in recs
                ],
            }
            for group, recs in result.recommendations.groups()
        ]
        components.append({
            "id": comp.id,
            "name": comp.name,
            "level": rubric.tier(result.level).name,
            "level_description": rubric.tier(result.level).description,
            "risk": rubric.risk(result.risk).name,
            "risk_color": rubric.risk(result.risk).color,
            "score": round(result.score),
            "irregular": result.irregular,
            "unmet_minimums": [rubric.question(qid).text for qid in result.unmet_minimums],
            "coverage": [{"tier": tier.name, "percent": round(100 * result.coverage[tier.id])} for tier in rubric.tiers],
            "fields": [{"name": f.name, "score": round(f.score), "answered": f.answered, "total": f.total,
                        "unknown": f.unknown} for f in result.fields],
            "groups": groups,
            "answers": [{"text": q.text, "answer": options.get(answers.answers.get(q.id, ""), t.get("reporte.sin_respuesta")),
                         "note": answers.notes.get(q.id, ""), "fundamento": q.fundamento}
                        for q in rubric.questions_of(comp.id)],
        })
    view: dict[str, Any] = {
        "t": t,
        "title": t.get("reporte.titulo"),
        "generated": t.get("reporte.generado", fecha=datetime.now().strftime("%d/%m/%Y %H:%M"),
                           rubrica=rubric.title, version=rubric.version),
        "label": t.get("reporte.etiqueta", etiqueta=answers.label) if answers.label else "",
        "not_an_evaluation": t.get("presentacion.que_no_es"),
        "incomplete": t.get("resultados.incompleto", n=len(diagnosis.unanswered)) if diagnosis.unanswered else "",
        "components": components,
        "considerations_title": t.get("consideraciones.titulo"),
        "considerations": t.list("consideraciones.puntos"),
        "comparison": compare(rubric, previous, diagnosis) if previous else [],
        "has_addition": any(r.addition for r in diagnosis_recommendations(diagnosis)),
        "chart_png": b"",
    }
    if chart:
        from .chart import chart_png

        view["chart_png"] = chart_png(rubric, diagnosis, dpi=110)
    return view


def diagnosis_recommendations(diagnosis: Diagnosis):
    for result in diagnosis:
        yield from result.recommendations


def report_html(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
                previous: Diagnosis | None = None) -> str:
    """A standalone HTML report (chart inlined), ready to print."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    view = report_view(rubric, diagnosis, answers, previous=previous)
    view["chart_src"] = "data:image/png;base64," + base64.b64encode(view["chart_png"]).decode("ascii")
    return env.get_template("report.html.j2").render(**view)


def report_pdf(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *,
               previous: Diagnosis | None = None) -> bytes:
    """The same report as a PDF document (bytes)."""
    from .pdf import render_pdf

    return render_pdf(report_view(rubric, diagnosis, answers, previous=previous))


def write_report(path: str | Path, rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile) -> Path:
    """Write the report to `path`; the format follows its suffix (.html or .pdf)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        path.write_text(report_html(rubric, diagnosis, answers), encoding="utf-8")
    elif suffix == ".pdf":
        path.write_bytes(report_pdf(rubric, diagnosis, answers))
    else:
        raise ValueError(f"formato de reporte desconocido «{path.suffix}» (use .html o .pdf)")
    return path


def results_csv(rubric: Rubric, diagnosis: Diagnosis) -> str:
    """The results as CSV: one row per component, then one per field (UTF-8, comma-separated)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["componente", "campo", "nivel", "riesgo", "puntaje", "respondidas", "total", "por_confirmar",
                     "perfil_irregular"])
    for c in diagnosis:
        writer.writerow([c.component, "", c.level, c.risk, round(c.score, 1), c.answered, c.total, len(c.unknown),
                         c.irregular])
    for c in diagnosis:
        for f in c.fields:
            writer.writerow([c.component, f.field, "", "", round(f.score, 1), f.answered, f.total, f.unknown, ""])
    return out.getvalue()
