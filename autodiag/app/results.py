"""The results screen: a warning first if answers are missing, then per component the level,
the risk light and the score, results per field, the chart, the recommendations by group, a
comparison with an earlier diagnosis, and the considerations. No global grade.

What it shows is one `autodiag.view.DiagnosisView`, built once per drawing and laid out with the
macros the HTML report uses; the same view (and chart) then goes to the downloads, so the app,
the HTML, the PDF and the CSV show the same results.

Neither pandas nor matplotlib is imported: the chart is an SVG drawn from a template
(`autodiag.chart`), inline in the page with its text alternative. The downloads (HTML, PDF, CSV)
are built by `prepare_reports()` once the results are on screen: the PDF takes a moment, and the
official should not wait for it to read the results. Typst (the PDF) is loaded in the background
(`warm_up()`) once the official reaches the last step or the answers are complete, so the first
report does not wait for it (`autodiag.pdf.warm_up`: a process of its own, ready to compile).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import ipywidgets as w

from ..model import Rubric
from ..view import DiagnosisView, build_view
from .boundary import Boundary
from .comparison import ComparisonView
from .html import render
from .questionnaire import unanswered_html
from .state import AppState, Change, Event

log = logging.getLogger(__name__)

ReportsHandler = Callable[[DiagnosisView, str], None]
"""Called with the view drawn and its chart (SVG)."""


class ResultsView:
    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary, *, on_back: Callable[[], None],
                 on_rendered: ReportsHandler):
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
        self.see_anyway.on_click(boundary.guard(lambda _: self._see_anyway()))
        self.on_see_anyway: Callable[[], None] = lambda: None
        """Called as «Ver resultados de todos modos» is pressed (the app moves the focus to the results)."""
        self.back.on_click(boundary.guard(lambda _: on_back()))
        buttons = w.HBox([self.back, self.see_anyway])
        buttons.add_class("autodiag-wrap")
        # the actions before the (long) list of missing questions, reachable on a phone
        self.incomplete = w.VBox([self.warning, buttons, self.warning_list], layout=w.Layout(width="100%"))
        self.incomplete.add_class("autodiag-incomplete")

        self.summary = w.HTML()
        self.summary.add_class("autodiag-summary-html")
        self.chart = w.HTML(layout=w.Layout(width="100%", max_width="720px"))
        self.chart.add_class("autodiag-chart")
        self.chart_note = w.HTML(render("paragraph", text=t.get("app.grafica_descripcion")))
        self.comparison = ComparisonView(rubric, state, boundary)
        self.followup = w.HTML()  # the follow-up of the plan (autodiag.followup), or nothing
        self.followup.add_class("autodiag-followup-html")
        self.details = w.HTML()
        self.details.add_class("autodiag-details")
        self.considerations = w.HTML()
        self.results = w.VBox([self.summary, self.chart, self.chart_note, self.comparison.root, self.followup,
                               self.details,
                               self.considerations], layout=w.Layout(width="100%"))
        self.results.add_class("autodiag-results-body")

        self.root = w.VBox([], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-results")
        self.view: DiagnosisView | None = None
        self._chart_svg = ""
        self._reports_due = False
        self._warmed = False
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
        """Build the view of the current answers and draw it."""
        from ..chart import chart_svg

        state = self._state
        view = build_view(self._rubric, state.diagnosis(), state.answers_file(), previous=state.previous_diagnosis(),
                          previous_file=state.previous, zone=state.time_zone)
        self._chart_svg = chart_svg(view)
        self.summary.value = render("results", view=view)
        self.chart.value = self._chart_svg
        self.comparison.show(view)
        self.followup.value = render("followup", view=view)
        self.details.value = render("details", view=view)
        self.considerations.value = render("considerations", view=view)
        self.root.children = (self.results,)
        self.view = view
        self._reports_due = True

    def prepare_reports(self) -> None:
        """Build the downloads of the results just drawn (call it once they are on screen)."""
        if self._reports_due and self.view is not None:
            self._reports_due = False
            self._on_rendered(self.view, self._chart_svg)

    def _see_anyway(self) -> None:
        self.on_see_anyway()
        self._render_and_prepare()

    def _render_and_prepare(self) -> None:
        self.render()
        self.prepare_reports()

    def redraw_comparison(self) -> None:
        """After an earlier diagnosis was chosen or removed with the results on screen: the results
        redrawn and the page brought to the comparison, where its message is."""
        if self.root.children != (self.results,):  # the incomplete warning is on screen: as it was
            self.show()
            return
        self._render_and_prepare()
        self.comparison.reveal()

    def warm_up(self) -> None:
        """Start the PDF's process ahead (once): Typst loaded while the official answers."""
        if not self._warmed:
            self._warmed = True
            try:
                from ..pdf import warm_up

                warm_up()
            except Exception:  # the report will say so if it fails again; the questionnaire goes on
                log.exception("starting the PDF's process ahead of the results failed")

    def _on_state(self, change: Change) -> None:
        if change.kind in (Event.ANSWER, Event.RESTORE) and not self._state.unanswered():
            self.warm_up()

    def close(self) -> None:
        self._unobserve()
        self.comparison.close()
        self.root.close()

