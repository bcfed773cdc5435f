"""The results screen: a warning first when answers are missing, then per component the level,
the risk light and the score, results per field, the chart, the recommendations by group, a
comparison with an earlier diagnosis, and the considerations. No global grade.

pandas and matplotlib are imported here only when results are drawn. The downloads (HTML, PDF,
CSV) are built by `prepare_reports()` once the results are on screen: the PDF alone takes about
a second, and the official should not wait for it to read the results. matplotlib is loaded in
the background (`warm_up()`) once the official reaches the last step or the answers are complete,
so the first chart does not pay for the import either.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

import ipywidgets as w

from ..model import Rubric
from ..scoring import Diagnosis
from .html import render
from .questionnaire import unanswered_html
from .state import AppState, Change

log = logging.getLogger(__name__)


class ResultsView:
    def __init__(self, rubric: Rubric, state: AppState, *, on_back: Callable[[], None],
                 on_rendered: Callable[[Diagnosis], None]):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        self._on_rendered = on_rendered
        self.warning = w.HTML()
        self.warning_list = w.HTML()
        self.see_anyway = w.Button(description=t.get("app.ver_de_todos_modos"), button_style="warning",
                                   tooltip=t.get("app.ver_de_todos_modos"), icon="bar-chart")
        self.see_anyway.add_class("autodiag-see-anyway")
        self.back = w.Button(description=t.get("app.volver_cuestionario"), tooltip=t.get("app.volver_cuestionario"),
                             icon="arrow-left")
        self.back.add_class("autodiag-back-to-questions")
        self.see_anyway.on_click(lambda _: self._render_and_prepare())
        self.back.on_click(lambda _: on_back())
        buttons = w.HBox([self.back, self.see_anyway])
        buttons.add_class("autodiag-wrap")
        self.incomplete = w.VBox([self.warning, self.warning_list, buttons], layout=w.Layout(width="100%"))
        self.incomplete.add_class("autodiag-incomplete")

        self.summary = w.HTML()
        self.summary.add_class("autodiag-summary-html")
        self.chart = w.Image(format="png", layout=w.Layout(width="100%", max_width="720px", height="auto"))
        self.chart.add_class("autodiag-chart")
        self.chart_note = w.HTML(render("paragraph", text=t.get("app.grafica_descripcion")))
        self.comparison = w.HTML()
        self.comparison.add_class("autodiag-comparison-html")
        self.details = w.HTML()
        self.details.add_class("autodiag-details")
        self.considerations = w.HTML(render("considerations", t=t))
        self.results = w.VBox([self.summary, self.chart, self.chart_note, self.comparison, self.details,
                               self.considerations], layout=w.Layout(width="100%"))
        self.results.add_class("autodiag-results-body")

        self.root = w.VBox([], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-results")
        self.diagnosis: Diagnosis | None = None
        self._reports_due = False
        self._warming: threading.Thread | None = None
        self._unobserve = state.observe(self._on_state)

    def show(self) -> None:
        """Warn first if the questionnaire is incomplete; otherwise draw the results."""
        missing = self._state.unanswered()
        if missing:
            t = self._rubric.texts
            self.warning.value = render("incomplete", t=t, text=t.get("app.incompleto_texto", n=len(missing),
                                                                       total=self._state.total))
            self.warning_list.value = unanswered_html(self._rubric, self._state)
            self.root.children = (self.incomplete,)
        else:
            self.render()

    def render(self) -> None:
        from ..chart import chart_png
        from ..report import compare

        rubric, t = self._rubric, self._rubric.texts
        diagnosis = self._state.diagnosis()
        previous = self._state.previous_diagnosis()
        components = [_component_view(rubric, result) for result in diagnosis]
        incomplete = t.get("resultados.incompleto", n=len(diagnosis.unanswered)) if diagnosis.unanswered else ""
        self.summary.value = render("results", t=t, components=components, incomplete=incomplete)
        self.chart.value = chart_png(rubric, diagnosis, dpi=110)
        self.comparison.value = (render("comparison", t=t, rows=compare(rubric, previous, diagnosis))
                                 if previous else "")
        self.details.value = render("details", t=t, components=components)
        self.root.children = (self.results,)
        self.diagnosis = diagnosis
        self._reports_due = True

    def prepare_reports(self) -> None:
        """Build the downloads of the results just drawn (call it once they are on screen)."""
        if self._reports_due and self.diagnosis is not None:
            self._reports_due = False
            self._on_rendered(self.diagnosis)

    def _render_and_prepare(self) -> None:
        self.render()
        self.prepare_reports()

    def warm_up(self) -> None:
        """Load matplotlib and its fonts in the background (once), so the first chart is quick."""
        if self._warming is None:
            self._warming = threading.Thread(target=_load_chart_libraries, name="autodiag-warm-up", daemon=True)
            self._warming.start()

    def _on_state(self, change: Change) -> None:
        if change.kind in ("answer", "restore") and not self._state.unanswered():
            self.warm_up()

    def close(self) -> None:
        self._unobserve()
        self.root.close()


def _load_chart_libraries() -> None:
    try:
        import io

        from matplotlib.figure import Figure

        figure = Figure(figsize=(1, 1))
        figure.add_subplot().set_title("0")
        figure.savefig(io.BytesIO(), format="png")
    except Exception:  # noqa: BLE001 - only a head start: the chart is drawn (or fails) later anyway
        log.exception("loading matplotlib ahead of the results failed")


def _component_view(rubric: Rubric, result) -> dict:
    level, risk = rubric.tier(result.level), rubric.risk(result.risk)
    groups = [
        {"id": group, "title": rubric.texts.get(f"resultados.grupos.{group}"),
         "recs": [{"text": r.text, "addition": r.addition, "tier": rubric.tier(r.tier).name,
                    "field": rubric.field(r.component, r.field).name} for r in recs]}
        for group, recs in result.recommendations.groups()
    ]
    return {
        "id": result.component, "name": result.name, "level_id": level.id, "level": level.name,
        "level_description": level.description, "risk_id": risk.id, "risk": risk.name, "risk_color": risk.color,
        "score": round(result.score), "irregular": result.irregular,
        "unmet_minimums": [rubric.question(qid).text for qid in result.unmet_minimums],
        "fields": [{"name": f.name, "score": round(f.score), "answered": f.answered, "total": f.total,
                    "unknown": f.unknown} for f in result.fields],
        "groups": groups, "has_addition": any(r.addition for r in result.recommendations),
    }
