"""The session's state: every answer, note and label the official has entered, and the action
plan, in one object.

The views read from and write to one `AppState`; nothing else holds answers, so the state can
be turned into an answers file (`answers_file()`) at any moment. Changes are announced to the
listeners registered with `observe` as a `Change` (what changed, and for which question).
Scoring is the package's: `diagnosis()` calls `autodiag.score`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ..answers import MAX_LABEL_CHARS, MAX_NOTE_CHARS, AnswersFile, new_answers
from ..model import Question, Rubric
from ..plan import MAX_ACTIONS, Action
from ..scoring import Diagnosis, score


class Event(StrEnum):
    """What changed in the state."""

    ANSWER = "answer"
    NOTE = "note"
    LABEL = "label"
    RESTORE = "restore"
    """A whole answers file replaced everything."""
    PREVIOUS = "previous"
    """An earlier diagnosis to compare with was chosen."""
    PLAN = "plan"
    """An action of the plan was added, changed or removed (`Change.question` holds its id)."""


EDITS = frozenset({Event.ANSWER, Event.NOTE, Event.LABEL, Event.RESTORE, Event.PLAN})
"""Events that change the answers file."""


@dataclass(frozen=True)
class Change:
    kind: Event
    question: str | None = None


Listener = Callable[[Change], None]


class AppState:
    def __init__(self, rubric: Rubric):
        self.rubric = rubric
        self.answers: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.label = ""
        self.plan: tuple[Action, ...] = ()
        """The action plan, in the order it is shown (`autodiag.app.plan_view` edits it)."""
        self.previous: AnswersFile | None = None
        """An earlier diagnosis's answers, uploaded to compare with."""
        self.previous_notices: tuple[str, ...] = ()
        self.time_zone = ""
        """The official's time zone as the browser reports it (`autodiag.app.timezone`), or empty."""
        self._listeners: list[Listener] = []
        self._numbers = {q.id: i for i, q in enumerate(rubric.questions, start=1)}

    # -- listeners -------------------------------------------------------------------------
    def observe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every change; returns a function that unregisters it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- edits -----------------------------------------------------------------------------
    def set_answer(self, question_id: str, option_id: str | None) -> None:
        if self.answers.get(question_id) == option_id:
            return
        if option_id is None:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = option_id
        self._announce(Change(Event.ANSWER, question_id))

    def set_note(self, question_id: str, text: str) -> bool:
        """Keep `text` (spaces around it dropped, as the answers file does) as the question's note.

        A text longer than the answers file allows (`MAX_NOTE_CHARS`) is refused: False, nothing changed."""
        text = _as_filed(text)
        if len(text) > MAX_NOTE_CHARS:
            return False
        if self.notes.get(question_id, "") != text:
            if text:
                self.notes[question_id] = text
            else:
                self.notes.pop(question_id, None)
            self._announce(Change(Event.NOTE, question_id))
        return True

    def set_label(self, text: str) -> bool:
        """Like `set_note`, for the file's label (`MAX_LABEL_CHARS`)."""
        text = _as_filed(text)
        if len(text) > MAX_LABEL_CHARS:
            return False
        if text != self.label:
            self.label = text
            self._announce(Change(Event.LABEL))
        return True

    def restore(self, answers_file: AnswersFile) -> None:
        """Replace everything with the contents of a (validated) answers file."""
        self.answers = dict(answers_file.answers)
        self.notes = dict(answers_file.notes)
        self.label = answers_file.label
        self.plan = tuple(answers_file.plan)
        self._announce(Change(Event.RESTORE))

    def set_plan(self, plan: tuple[Action, ...], action_id: str | None = None) -> bool:
        """Replace the plan (`action_id`: the action added, changed or removed). A plan longer than
        `MAX_ACTIONS` or with repeated ids (the answers file could not hold it) is refused: False."""
        plan = tuple(plan)
        if len(plan) > MAX_ACTIONS or len({a.id for a in plan}) != len(plan):
            return False
        if plan != self.plan:
            self.plan = plan
            self._announce(Change(Event.PLAN, action_id))
        return True

    def set_previous(self, answers_file: AnswersFile | None, notices: tuple[str, ...] = ()) -> None:
        """Compare with `answers_file` (None: no comparison); `notices`: what reading it said (an older rubric…)."""
        self.previous = answers_file
        self.previous_notices = tuple(notices) if answers_file is not None else ()
        self._announce(Change(Event.PREVIOUS))

    # -- reading ---------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.rubric.questions)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.rubric.questions if q.id in self.answers)

    def number(self, question_id: str) -> int:
        """The question's position in the whole questionnaire, from 1."""
        return self._numbers[question_id]

    def questions(self, component_id: str | None = None) -> tuple[Question, ...]:
        return self.rubric.questions_of(component_id) if component_id else self.rubric.questions

    def unanswered(self, component_id: str | None = None) -> tuple[Question, ...]:
        return tuple(q for q in self.questions(component_id) if q.id not in self.answers)

    def answers_file(self) -> AnswersFile:
        return new_answers(self.rubric, self.answers, self.notes, self.label, self.plan)

    def diagnosis(self) -> Diagnosis:
        return score(self.rubric, self.answers)

    def previous_diagnosis(self) -> Diagnosis | None:
        return score(self.rubric, self.previous.answers) if self.previous else None


def _as_filed(text: str) -> str:
    """`text` as the answers file keeps it: spaces around it dropped, surrogate pairs joined."""
    return AnswersFile("", "", label=text.strip()).label
