"""The questionnaire's regions: the step of one component, the navigation between steps,
and the progress with what is still unanswered."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..model import Component, Rubric
from .boundary import Boundary
from .html import render
from .question import QuestionView, make_question
from .state import AppState, Change, Event

WELCOME = "inicio"
RESULTS = "resultados"


class StepView:
    """One component's questions, with back/next."""

    def __init__(self, rubric: Rubric, component: Component, state: AppState, boundary: Boundary, *, position: int,
                 on_back: Callable[[], None], on_next: Callable[[], None], last: bool):
        t = rubric.texts
        self.component = component
        self._rubric = rubric
        self._state = state
        header = w.HTML(render("step_header", component=component,
                               step=t.get("app.paso", n=position, total=len(rubric.components))))
        self.counter = w.HTML()
        self.counter.add_class("autodiag-step-counter")
        self.questions: list[QuestionView] = [make_question(rubric, q, state, boundary)
                                              for q in rubric.questions_of(component.id)]
        # one Tab stop that opens the help and note of every question (each question's own button is not one)
        self.details = w.ToggleButton(value=False, description=t.get("app.ayuda_todas"),
                                      tooltip=t.get("app.ayuda_todas"), icon="question-circle")
        self.details.add_class("autodiag-details-toggle")
        self.details.observe(boundary.guard(self._on_details), names="value")
        self.back = w.Button(description=t.get("app.anterior"), tooltip=t.get("app.anterior"), icon="arrow-left")
        self.back.add_class("autodiag-back")
        next_text = t.get("app.ver_resultados" if last else "app.siguiente")
        self.next = w.Button(description=next_text, tooltip=next_text, icon="arrow-right", button_style="primary")
        self.next.add_class("autodiag-next")
        self.back.on_click(boundary.guard(lambda _: on_back()))
        self.next.on_click(boundary.guard(lambda _: on_next()))
        nav = w.HBox([self.back, self.next])
        nav.add_class("autodiag-wrap")
        nav.add_class("autodiag-step-nav")
        self.root = w.VBox([header, self.counter, self.details, *(q.root for q in self.questions), nav],
                           layout=w.Layout(width="100%"))
        for css in ("autodiag-step", f"autodiag-step-{component.id}"):
            self.root.add_class(css)
        self._update()
        self._unobserve = state.observe(self._on_state)

    def _on_details(self, change) -> None:
        for question in self.questions:
            question.open_all(change.new)

    def _on_state(self, change: Change) -> None:
        if change.kind in (Event.ANSWER, Event.RESTORE):
            self._update()

    def _update(self) -> None:
        questions = self._state.questions(self.component.id)
        missing = len(self._state.unanswered(self.component.id))
        self.counter.value = render("progress", text=self._rubric.texts.get(
            "app.avance_componente", respondidas=len(questions) - missing, total=len(questions)))

    def close(self) -> None:
        self._unobserve()
        for question in self.questions:
            question.close()
        self.root.close()


class NavigationBar:
    """Buttons to move freely between the welcome, each component and the results."""

    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary, on_select: Callable[[str], None]):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        home = w.Button(description=t.get("app.inicio"), tooltip=t.get("app.inicio"), icon="home")
        self.buttons: dict[str, w.Button] = {WELCOME: home}
        for component in rubric.components:
            self.buttons[component.id] = w.Button(tooltip=component.name)
        self.buttons[RESULTS] = w.Button(description=t.get("app.resultados"), tooltip=t.get("app.resultados"),
                                         icon="bar-chart")
        for screen, button in self.buttons.items():
            button.add_class("autodiag-nav-button")
            button.add_class(f"autodiag-nav-{screen}")
            button.on_click(boundary.guard(lambda _, screen=screen: on_select(screen)))
        self.root = w.HBox(list(self.buttons.values()), layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-nav")
        self.root.add_class("autodiag-wrap")
        self._update_counts()
        self._unobserve = state.observe(self._on_state)

    def _on_state(self, change: Change) -> None:
        if change.kind in (Event.ANSWER, Event.RESTORE):
            self._update_counts()

    def _update_counts(self) -> None:
        t = self._rubric.texts
        for component in self._rubric.components:
            questions = self._state.questions(component.id)
            missing = len(self._state.unanswered(component.id))
            self.buttons[component.id].description = t.get(
                "app.boton_componente", nombre=component.short_name, respondidas=len(questions) - missing,
                total=len(questions))

    def select(self, screen: str) -> None:
        for name, button in self.buttons.items():
            button.button_style = "info" if name == screen else ""

    def close(self) -> None:
        self._unobserve()
        self.root.close()


class ProgressView:
    """A progress bar of answered questions and, on request, the list of what is unanswered."""

    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        self.bar = w.IntProgress(value=0, min=0, max=state.total, description=t.get("app.avance"),
                                 tooltip=t.get("app.avance"),
                                 layout=w.Layout(width="100%", max_width="32rem"),
                                 style={"description_width": "initial"})
        self.bar.add_class("autodiag-progress-bar")
        self.text = w.HTML()
        self.text.add_class("autodiag-progress-text")
        self.toggle = w.ToggleButton(value=False, description=t.get("app.ver_pendientes"),
                                     tooltip=t.get("app.ver_pendientes"), icon="list")
        self.toggle.add_class("autodiag-unanswered-toggle")
        self.panel = w.HTML(layout=w.Layout(display="none"))
        self.panel.add_class("autodiag-unanswered-panel")
        row = w.HBox([self.bar, self.text, self.toggle], layout=w.Layout(width="100%", align_items="center"))
        row.add_class("autodiag-wrap")
        row.add_class("autodiag-progress")
        self.root = w.VBox([row, self.panel], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-progress-region")
        self.toggle.observe(boundary.guard(lambda change: self._update()), names="value")
        self._update()
        self._unobserve = state.observe(self._on_state)

    def _on_state(self, change: Change) -> None:
        if change.kind in (Event.ANSWER, Event.RESTORE):
            self._update()

    def _update(self) -> None:
        state = self._state
        self.bar.value = state.answered
        self.text.value = render("progress", text=self._rubric.texts.get(
            "app.avance_texto", respondidas=state.answered, total=state.total))
        self.panel.layout.display = "" if self.toggle.value else "none"
        if self.toggle.value:
            self.panel.value = unanswered_html(self._rubric, state)

    def close(self) -> None:
        self._unobserve()
        self.root.close()


def unanswered_html(rubric: Rubric, state: AppState) -> str:
    """The unanswered questions, grouped by component with a count per component; each is a button
    that shows its step and puts the focus on it (``static/a11y.js``)."""
    t = rubric.texts
    groups = []
    for component in rubric.components:
        missing = state.unanswered(component.id)
        if missing:
            groups.append({
                "title": t.get("app.pendientes_componente", nombre=component.name, n=len(missing)),
                "component": component.id,
                "questions": [{"id": q.id, "text": q.text, "label": t.get("app.pregunta_numero", n=state.number(q.id))}
                              for q in missing],
            })
    return render("unanswered", t=t, groups=groups)
