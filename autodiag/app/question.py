"""One question of the questionnaire: its text as the label of the answer options, help
that can be opened, and an optional note with its character count. `make_question` is the
factory the steps use.

Keyboard route (WCAG 2.1.1, 2.4.3): the options are one radio group (``static/a11y.js`` gives
them a shared name and the question as the group's name), so a question is one Tab stop and the
arrow keys choose. The help and the note open together, by the question's «Ayuda y nota» button
(a pointer's or a screen reader's; not a Tab stop) or by the step's «Mostrar la ayuda y la nota
de cada pregunta» (one Tab stop per step, `open_all`); a note with text is always shown. So
answering takes one Tab per question, and the help and notes are one Tab away.
"""

from __future__ import annotations

import ipywidgets as w

from ..answers import MAX_NOTE_CHARS
from ..model import Question, Rubric
from ..typed_text import well_formed
from .boundary import Boundary
from .html import render
from .limits import CharacterCount
from .state import AppState, Change, Event


class QuestionView:
    """The controls of one question, kept in step with the state in both directions."""

    def __init__(self, rubric: Rubric, question: Question, state: AppState, boundary: Boundary):
        t = rubric.texts
        self.question = question
        self._rubric = rubric
        self._state = state
        qid = question.id
        self._number = w.HTML(render("question_number", label=t.get("app.pregunta_numero", n=state.number(qid))))
        self.options = w.RadioButtons(
            options=[(option.label, option.id) for option in rubric.options_for(question)],
            value=state.answers.get(qid),
            description=question.text,
            tooltip=question.text,
            orientation="horizontal",
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.options.add_class("autodiag-options")
        self.help_toggle = w.ToggleButton(value=False, description=t.get("app.ayuda"), icon="question-circle",
                                          tooltip=t.get("app.ayuda_titulo"), tabbable=False)
        self.help_toggle.add_class("autodiag-help-toggle")
        self.help = w.HTML(layout=w.Layout(display="none"))
        self.help.add_class("autodiag-help")
        self.note = w.Textarea(value=well_formed(state.notes.get(qid, "")), description=t.get("app.nota"),
                               placeholder=t.get("app.nota_placeholder"), rows=2, continuous_update=False,
                               layout=w.Layout(width="100%"), style={"description_width": "initial"})
        self.note.add_class("autodiag-note")
        self.counter = CharacterCount(t, MAX_NOTE_CHARS)
        self.counter.show(self.note.value)
        self._all_open = False
        """The step shows the help and note of every question (`open_all`)."""
        self.root = w.VBox([self._number, self.options, self.help_toggle, self.help, self.note, self.counter.root],
                           layout=w.Layout(width="100%"))
        for css in ("autodiag-question", f"autodiag-q-{qid}"):
            self.root.add_class(css)
        self._mark()
        self._show_details()

        self.options.observe(boundary.guard(self._on_option), names="value")
        self.note.observe(boundary.guard(self._on_note), names="value")
        self.help_toggle.observe(boundary.guard(self._on_help), names="value")
        self._unobserve = state.observe(self._on_state)

    def _on_option(self, change) -> None:
        self._state.set_answer(self.question.id, change.new)

    def _on_note(self, change) -> None:
        qid = self.question.id
        fits = self.counter.show(change.new)
        if change.new == well_formed(self._state.notes.get(qid, "")):
            return  # the box shows the note as the page can (a lone surrogate as U+FFFD): nothing typed
        if fits and self._state.set_note(qid, change.new) and change.new != well_formed(change.new):
            self.note.value = well_formed(change.new)

    def _on_help(self, change) -> None:
        self._show_details()

    def open_all(self, on: bool) -> None:
        """Show (or stop showing) the help and the note whatever the question's own button says."""
        self._all_open = on
        self._show_details()

    def _show_details(self) -> None:
        """The help when opened; the note when opened or when it holds text (nothing typed is hidden)."""
        opened = self.help_toggle.value or self._all_open
        if opened and not self.help.value:
            self.help.value = render("help", t=self._rubric.texts, question=self.question)
        self.help.layout.display = "" if opened else "none"
        self.help_toggle.layout.display = "none" if self._all_open else ""
        shown = "" if opened or self.note.value.strip() else "none"
        self.note.layout.display = shown
        self.counter.root.layout.display = shown

    def _on_state(self, change: Change) -> None:
        if change.kind == Event.RESTORE or change.question == self.question.id:
            self.refresh()

    def refresh(self) -> None:
        """Show what the state holds (after an upload, or a change made elsewhere)."""
        qid = self.question.id
        self.options.value = self._state.answers.get(qid)
        self.note.value = well_formed(self._state.notes.get(qid, ""))
        self.counter.show(self.note.value)
        self._mark()
        self._show_details()

    def _mark(self) -> None:
        answered = self.question.id in self._state.answers
        self.root.remove_class("autodiag-answered" if not answered else "autodiag-unanswered")
        self.root.add_class("autodiag-answered" if answered else "autodiag-unanswered")

    def close(self) -> None:
        self._unobserve()
        self.counter.close()
        self.root.close()


def make_question(rubric: Rubric, question: Question, state: AppState, boundary: Boundary) -> QuestionView:
    return QuestionView(rubric, question, state, boundary)
