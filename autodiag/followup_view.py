"""The follow-up of a plan as the reports show it: a part of the one `autodiag.view.DiagnosisView`.

`build_followup` runs `autodiag.followup.follow_up` on the plan of the answers file (a team that
resumed its file and updated it), or else on the plan of the earlier diagnosis it is compared with,
and lays out, per action, its estado and the Spanish sentence of where its practices stand, with the
practices still missing (number, text, current answer). Every text comes from ``content/textos.yaml``
(``seguimiento``). The HTML report, the PDF, the CSV and the workbook's "Plan" sheet render it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import AnswersFile
from .followup import ActionFollowUp, Status, follow_up, summarize
from .model import Rubric
from .plan import Action, estado_label
from .typed_text import well_formed

FOLLOWUP_COLUMNS = ("id", "accion", "estado", "seguimiento")
"""Keys of ``seguimiento.columnas``, in the order the follow-up's tables show them."""


@dataclass(frozen=True)
class PracticeView:
    """A trigger practice not yet in place."""

    question_id: str
    number: int
    """The question's position in the questionnaire, from 1."""
    text: str
    answer: str
    """The current answer's label, or «Sin responder»."""


@dataclass(frozen=True)
class FollowUpRow:
    action_id: str
    text: str
    recommendation_id: str
    """The recommendation it starts from, or empty for the person's own action."""
    origin: str
    """The recommendation id, or ``Acción propia``."""
    estado_id: str
    estado: str
    status_id: str
    """``en_marcha``, ``faltan`` or ``sin_practica`` (`autodiag.followup.Status`)."""
    status: str
    """The Spanish sentence: «Prácticas ya en marcha», «Aún faltan: 12, 15», «Sin práctica asociada»."""
    missing: tuple[PracticeView, ...]


@dataclass(frozen=True)
class FollowUpView:
    title: str
    intro: str
    headers: tuple[str, ...]
    """Spanish headers, one per `FOLLOWUP_COLUMNS`."""
    rows: tuple[FollowUpRow, ...]
    summary: str
    """«N de M acciones con sus prácticas en marcha; K marcadas como cumplidas.»"""
    of_previous: bool
    """True when the plan followed is the earlier diagnosis's (this file has none)."""

    def status_of(self, action_id: str) -> str:
        """The follow-up sentence of an action, or empty (the workbook's "Seguimiento" column)."""
        return next((r.status for r in self.rows if r.action_id == action_id), "")


def build_followup(rubric: Rubric, answers: AnswersFile, previous_plan: tuple[Action, ...] = ()
                   ) -> FollowUpView | None:
    """The follow-up of `answers`' plan (else of `previous_plan`) against `answers`; None with no plan."""
    plan, of_previous = (answers.plan, False) if answers.plan else (tuple(previous_plan), True)
    if not plan:
        return None
    t = rubric.texts
    items = follow_up(rubric, plan, answers.answers)
    s = summarize(items)
    return FollowUpView(
        title=t.get("seguimiento.titulo"),
        intro=t.get("seguimiento.intro_anterior" if of_previous else "seguimiento.intro"),
        headers=tuple(t.get(f"seguimiento.columnas.{key}") for key in FOLLOWUP_COLUMNS),
        rows=tuple(_row(rubric, answers, item) for item in items),
        summary=t.get("seguimiento.resumen", en_marcha=s.in_place, acciones=s.actions, cumplidas=s.completed),
        of_previous=of_previous,
    )


def _row(rubric: Rubric, answers: AnswersFile, item: ActionFollowUp) -> FollowUpRow:
    t = rubric.texts
    numbers = {q.id: i for i, q in enumerate(rubric.questions, start=1)}
    options = {o.id: o.label for o in rubric.scale}
    a = item.action
    if item.status is Status.FALTAN:
        status = t.get("seguimiento.estados.faltan", preguntas=", ".join(str(numbers[q]) for q in item.missing))
    else:
        status = t.get(f"seguimiento.estados.{item.status.value}")
    return FollowUpRow(
        action_id=a.id, text=well_formed(a.text), recommendation_id=a.recommendation or "",
        origin=a.recommendation or t.get("plan.propia"),
        estado_id=a.estado.value, estado=estado_label(t, a.estado), status_id=item.status.value, status=status,
        missing=tuple(PracticeView(q, numbers[q], rubric.question(q).text,
                                   options.get(answers.answers.get(q, ""), t.get("reporte.sin_respuesta")))
                      for q in item.missing),
    )
