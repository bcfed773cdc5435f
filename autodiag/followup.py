"""Following up a plan: are the practices that triggered each action now in place? (issue 14, item 2)

A team resumes its answers file months later (or compares a new diagnosis with an earlier file
that holds a plan) and updates the answers. For each action of the plan, `follow_up` looks up the
recommendation it starts from, takes that recommendation's trigger questions in the rubric
(`Recommendation.triggers`, the same ones that made it appear; `autodiag.recommend`) and reads the
current answers:

- ``en_marcha``: every trigger practice is now at the top of the scale (the recommendation would no
  longer be triggered);
- ``faltan``: some are not yet (unanswered, "No sé", partial or not in place): they are listed;
- ``sin_practica``: the person's own action, or one whose recommendation this rubric no longer has.

The action's own ``estado`` (pendiente, en curso, cumplida) is the team's word and is kept beside
it; the follow-up never changes it. The Spanish sentences are in ``content/textos.yaml``
(``seguimiento``); `autodiag.view` turns the result into the reports' `FollowUpView`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from .model import Rubric
from .plan import Action, Estado


class Status(Enum):
    """Where an action's practices stand now."""

    EN_MARCHA = "en_marcha"
    FALTAN = "faltan"
    SIN_PRACTICA = "sin_practica"


@dataclass(frozen=True)
class ActionFollowUp:
    """One action and the state of the practices that triggered it."""

    action: Action
    status: Status
    practices: tuple[str, ...]
    """The trigger questions of the action's recommendation (question ids, rubric order)."""
    missing: tuple[str, ...]
    """Those not yet in place (a subset of `practices`)."""


def follow_up(rubric: Rubric, plan: Iterable[Action], answers: Mapping[str, str]) -> tuple[ActionFollowUp, ...]:
    """Per action of `plan`, whether its trigger practices are in place in `answers` ({question: option})."""
    top = rubric.top_option.value
    recommendations = {r.id: r for r in rubric.recommendations}
    order = {q.id: i for i, q in enumerate(rubric.questions)}
    result: list[ActionFollowUp] = []
    for action in plan:
        rec = recommendations.get(action.recommendation or "")
        practices = tuple(sorted((q for q in rec.triggers if q in order), key=order.__getitem__)) if rec else ()
        if not practices:
            result.append(ActionFollowUp(action, Status.SIN_PRACTICA, (), ()))
            continue
        missing = tuple(q for q in practices if not _in_place(rubric, answers.get(q), top))
        result.append(ActionFollowUp(action, Status.FALTAN if missing else Status.EN_MARCHA, practices, missing))
    return tuple(result)


def _in_place(rubric: Rubric, option: str | None, top: float) -> bool:
    return option is not None and rubric.has_option(option) and rubric.option(option).value >= top


@dataclass(frozen=True)
class Summary:
    """Counts over a follow-up: actions, practices in place, actions the team marked cumplida."""

    actions: int
    in_place: int
    missing: int
    no_practice: int
    completed: int
    """Actions whose estado is ``cumplida``."""


def summarize(items: Iterable[ActionFollowUp]) -> Summary:
    items = tuple(items)
    return Summary(
        actions=len(items),
        in_place=sum(i.status is Status.EN_MARCHA for i in items),
        missing=sum(i.status is Status.FALTAN for i in items),
        no_practice=sum(i.status is Status.SIN_PRACTICA for i in items),
        completed=sum(i.action.estado is Estado.CUMPLIDA for i in items),
    )
