"""The app: one state, the screen regions, and which screen is shown.

Screens are ``inicio`` (welcome), one per component id, and ``resultados`` (the results, with
«Mi plan de acción» below them once they are drawn: `plan_view.PlanSection`). The first step is
built with the app, so the first screen appears fast and «Comenzar» only shows it. Once a step is
on screen, the kernel builds the next step, if not yet built, and puts it in the page hidden
(`_build_next`): «Siguiente» then only switches which screen is displayed. A screen once shown
stays in the page, hidden. Every
callback runs inside one error boundary (`boundary.Boundary`): a failure shows the content's
Spanish message and leaves no region half-done.
"""

from __future__ import annotations

import logging
from typing import Protocol

import ipywidgets as w

from ..model import Rubric
from ..view import DiagnosisView
from .boundary import Boundary
from .busy import busy_script
from .connection import ConnectionNotice, script_output
from .files import FilesView
from .html import script, style_html
from .limits import limits_script
from .merge_view import MergeView
from .plan_view import PlanSection
from .questionnaire import RESULTS, WELCOME, NavigationBar, ProgressView, StepView
from .results import ResultsView
from .state import AppState, Change, Event
from .unsaved import unsaved_script
from .welcome import WelcomeView

log = logging.getLogger(__name__)

RESULTS_HEADING: dict[str, str | bool] = {"focus": ".autodiag-main .autodiag-results-body h1", "question": False}
INCOMPLETE_HEADING: dict[str, str | bool] = {"focus": ".autodiag-main .autodiag-incomplete h2", "question": False}


class Region(Protocol):
    """A region of the screen: it owns its widgets and undoes what it registered on `close`."""

    def close(self) -> None: ...


class App:
    def __init__(self, rubric: Rubric, *, static_welcome: bool = False):
        """`static_welcome`: the welcome text is already on the page as `welcome_html()` (Voilà)."""
        self.rubric = rubric
        self.state = AppState(rubric)
        self.boundary = Boundary(rubric.texts)
        self.screens = (WELCOME, *(c.id for c in rubric.components), RESULTS)
        self.welcome = WelcomeView(rubric, self.boundary, on_start=lambda: self.go(self.screens[1]),
                                   static_intro=static_welcome)
        self.nav = NavigationBar(rubric, self.state, self.boundary, on_select=self.go)
        self.progress = ProgressView(rubric, self.state, self.boundary)
        self.files = FilesView(rubric, self.state, self.boundary, on_resumed=self.after_resume)
        # «Combinar archivos del equipo», at the end of the files area (autodiag.app.merge_view)
        self.merge = MergeView(rubric, self.state, self.boundary, show_message=self.files.show_message,
                               on_merged=self.after_resume)
        self.files.root.children = (*self.files.root.children, self.merge.root)
        self.plan = PlanSection(rubric, self.state, self.boundary)  # «Mi plan de acción», below the results
        self.results = ResultsView(rubric, self.state, self.boundary, on_back=self.back_to_questions,
                                   on_rendered=self._results_drawn)
        self.results_screen = w.VBox([self.results.root, self.plan.root], layout=w.Layout(width="100%"))
        self.steps: dict[str, StepView] = {}
        self.main = w.VBox([], layout=w.Layout(width="100%"))
        self.main.add_class("autodiag-main")
        self._scroller = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
        self.connection = ConnectionNotice(rubric)  # if the kernel or server is lost: a notice, the answers link kept
        self.limits = script_output(limits_script(rubric.texts, self.files.too_big_message()), "autodiag-limits")
        # a click on the answers link waits for the text just typed; leaving with edits not downloaded asks
        self.unsaved = script_output(unsaved_script(), "autodiag-unsaved")
        # radio groups named by their question, landmarks, pressed states, links to unanswered questions
        self.a11y = script_output(script("a11y", {"nav": rubric.texts.get("app.navegacion")}), "autodiag-a11y")
        self.busy = script_output(busy_script(rubric.texts), "autodiag-busy-watch")  # «Cargando…» while it works
        self.root = w.VBox([w.HTML(style_html()), self.welcome.hider, self.nav.root, self.progress.root,
                            self.boundary.root, self.main, self.files.root, self._scroller, self.connection.root,
                            self.limits, self.unsaved, self.a11y, self.busy], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-app")
        self.screen = ""
        self.boundary.on_error(self._scroll_to_top)  # the message sits at the top of the app: bring it into view
        # «Ver resultados de todos modos» replaces itself with the results: the focus goes to their heading
        self.results.on_see_anyway = lambda: self._scroll_to_top(RESULTS_HEADING)
        self._unobserve = self.state.observe(self._on_state)
        self.go(WELCOME, focus=False)
        self.step(self.screens[1])  # built now, so the start button only has to show it

    def step(self, component_id: str) -> StepView:
        """The step of a component, built on first use."""
        if component_id not in self.steps:
            index = self.screens.index(component_id)
            self.steps[component_id] = StepView(
                self.rubric, self.rubric.component(component_id), self.state, self.boundary, position=index,
                on_back=lambda: self.go(self.screens[index - 1]),
                on_next=lambda: self.go(self.screens[index + 1]),
                last=self.screens[index + 1] == RESULTS)
        return self.steps[component_id]

    def go(self, screen: str, *, focus: bool = True, question: str | None = None) -> None:
        """Show `screen` (``inicio``, a component id or ``resultados``).

        `focus`: the keyboard focus moves to the new screen's heading, or to `question`'s options."""
        if screen == WELCOME:
            content = self.welcome.root
        elif screen == RESULTS:
            self.plan.hide()  # shown again with the results (not under the warning of missing answers)
            self.results.show()
            content = self.results_screen
        else:
            content = self.step(screen).root
        self.screen = screen
        hidden_on_welcome = "none" if screen == WELCOME else ""
        self.progress.root.layout.display = hidden_on_welcome
        self.nav.root.layout.display = hidden_on_welcome
        self.nav.select(screen)
        self.welcome.shown(screen == WELCOME)
        self._display(content)
        self._scroll_to_top(self._heading(screen, question) if focus else None)
        if screen == RESULTS:  # the downloads after the results are on screen (the PDF takes a moment)
            self.results.prepare_reports()
        elif screen == self.screens[-2]:  # the last step: results come next
            self.results.warm_up()
        if screen in self.steps:
            self._build_next(screen)

    def _display(self, content: w.Widget) -> None:
        """`content` alone displayed in the main area; the screens shown before stay in the page,
        hidden, so showing one again creates nothing in the page."""
        if content not in self.main.children:
            self.main.children = (*self.main.children, content)
        for child in self.main.children:
            child.layout.display = None if child is content else "none"

    def _build_next(self, screen: str) -> None:
        """Build the step after `screen` (if it is a step not yet built) and put it in the page
        hidden, so «Siguiente» only switches which step is displayed. Runs after the step on screen
        was sent to the page, within the same message: the official already sees it."""
        following = self.screens[self.screens.index(screen) + 1]
        if following == RESULTS or following in self.steps:
            return
        try:
            step = self.step(following)
            if step.root not in self.main.children:
                step.root.layout.display = "none"
                self.main.children = (*self.main.children, step.root)
        except Exception:  # built again, inside the boundary, when the official goes there
            log.exception("autodiag: building the next step ahead failed")

    def _heading(self, screen: str, question: str | None) -> dict[str, str | bool]:
        """Where the focus goes on `screen`: its heading, or the options of `question`."""
        if question is not None:
            return {"focus": f".autodiag-main .autodiag-q-{question}", "question": True}
        if screen == WELCOME:
            return {"focus": ".autodiag-welcome h1", "question": False}
        if screen == RESULTS:
            return RESULTS_HEADING if self.results.root.children == (self.results.results,) else INCOMPLETE_HEADING
        return {"focus": f".autodiag-main .autodiag-step-{screen} h2", "question": False, "step": screen}

    def _scroll_to_top(self, focus: dict[str, str | bool] | None = None) -> None:
        """Bring the new screen's top into view (the browser keeps the old scroll position) and, with
        `focus` (a selector, and whether it is a question), move the keyboard focus there once shown."""
        from IPython import get_ipython
        from IPython.display import Javascript, display

        if getattr(get_ipython(), "kernel", None) is None:  # no browser to scroll (tests, scripts)
            return
        self._scroller.clear_output()
        with self._scroller:
            display(Javascript(script("scroll", focus)))

    def after_resume(self) -> None:
        """After a file's answers replaced the page's: the first unanswered question's step, or the results."""
        missing = self.state.unanswered()
        target = missing[0].component if missing else RESULTS
        if target != self.screen:
            self.go(target, question=missing[0].id if missing else None)

    def _results_drawn(self, view: DiagnosisView, chart_svg: str) -> None:
        self.plan.show(view)
        self.files.set_reports(view, chart_svg)

    def back_to_questions(self) -> None:
        missing = self.state.unanswered()
        if missing:
            self.go(missing[0].component, question=missing[0].id)
        else:
            self.go(self.screens[-2])

    def _on_state(self, change: Change) -> None:
        # results on screen follow a resumed file, and an earlier diagnosis chosen or removed (redrawn
        # where the comparison is, not from the top)
        if self.screen == RESULTS and change.kind == Event.RESTORE:
            self.go(RESULTS)
        elif self.screen == RESULTS and change.kind == Event.PREVIOUS:
            self.files.show_message("")  # the message is shown with the comparison, where the page goes
            self.results.redraw_comparison()

    def close(self) -> None:
        self._unobserve()
        regions: list[Region] = [self.welcome, self.nav, self.progress, self.merge, self.files, self.results,
                                 self.plan, self.connection, *self.steps.values()]
        for region in regions:
            region.close()
        self.boundary.close()
        self.limits.close()
        self.unsaved.close()
        self.a11y.close()
        self.busy.close()
        self.root.close()

