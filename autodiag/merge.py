"""Joining the answers files of one municipality's areas into one (issue 14, "a diagnosis is teamwork").

The transparency unit, the contraloría and the planning area often answer their own components.
`merge_answers` joins their files (already read and validated against one rubric):

- answers to different questions join; where two files answer the same question differently,
  that is a `Conflict`, refused (`MergeConflictError`, one problem per conflict) unless resolved:
  per question (``choices``, what the app's merge control asks, `autodiag.app.merge_view`) or for
  all by a ``winner`` (the index of the file that wins, the CLI's ``--gana``);
- notes are kept with their origin label (``"[Contraloría] …"``), joined when several files
  note the same question, within `MAX_NOTE_CHARS`;
- plans join, identical actions once (`autodiag.plan.join_plans`).

The Spanish messages are in ``content/textos.yaml`` (``combinar``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .answers import MAX_LABEL_CHARS, MAX_NOTE_CHARS, AnswersFile, now_iso
from .errors import AutodiagError, Problem
from .model import Rubric
from .plan import MAX_ACTIONS, join_plans


class MergeConflictError(AutodiagError):
    """Files that cannot be joined as they are: one problem per conflict (or other refusal)."""


@dataclass(frozen=True)
class Source:
    """One file to join: the name it is known by (its label, or its file name) and its answers."""

    name: str
    answers: AnswersFile
    tag_notes: bool = True
    """Prefix its notes with ``[name]``; False keeps them as typed (the app's own page, merged with files)."""


@dataclass(frozen=True)
class Conflict:
    """A question answered differently: the option each file gave (files that did not answer it left out)."""

    question_id: str
    options: tuple[tuple[str, str], ...]
    """(source name, option id) per file that answered it."""


def conflicts(sources: Sequence[Source]) -> tuple[Conflict, ...]:
    """Every question two or more sources answer differently, in the order of the first file's answers."""
    found: list[Conflict] = []
    order: list[str] = []
    for s in sources:
        order += [q for q in s.answers.answers if q not in order]
    for qid in order:
        given = tuple((s.name, s.answers.answers[qid]) for s in sources if qid in s.answers.answers)
        if len({option for _, option in given}) > 1:
            found.append(Conflict(qid, given))
    return tuple(found)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def merge_answers(rubric: Rubric, sources: Sequence[Source], *, winner: int | None = None,
                  choices: Mapping[str, int] | None = None) -> AnswersFile:
    """One answers file joining `sources` (two or more, of `rubric`); see the module's text.

    `choices` ({question id: index of a source}, 0-based) says per conflicting question whose answer
    is kept (the app asks the person, question by question); `winner` is the index of the source whose
    answer is kept in the other conflicts. Without either, any conflict left raises
    `MergeConflictError` listing every one."""
    t = rubric.texts
    if len(sources) < 2:
        raise MergeConflictError.one("combinar-un-archivo", t.get("combinar.un_archivo"))
    choices = {qid: i for qid, i in (choices or {}).items() if 0 <= i < len(sources)
               and qid in sources[i].answers.answers}
    found = tuple(c for c in conflicts(sources) if c.question_id not in choices)
    if found and winner is None:
        raise MergeConflictError(
            Problem("", f"answers.{c.question_id}",
                    t.get("combinar.conflicto", pregunta=c.question_id,
                          respuestas=", ".join(f"{name}: {option}" for name, option in c.options)),
                    "combinar-conflicto")
            for c in found)
    answers: dict[str, str] = {}
    for s in sources:
        for qid, option in s.answers.answers.items():
            answers.setdefault(qid, option)
    if winner is not None:
        answers.update(sources[winner].answers.answers)
    answers.update({qid: sources[i].answers.answers[qid] for qid, i in choices.items()})
    notes: dict[str, list[str]] = {}
    for s in sources:
        for qid, note in s.answers.notes.items():
            notes.setdefault(qid, []).append(f"[{s.name}] {note}" if s.tag_notes else note)
    plan = join_plans(s.answers.plan for s in sources)
    if len(plan) > MAX_ACTIONS:
        raise MergeConflictError.one("combinar-plan-muy-largo",
                                     t.get("combinar.plan_muy_largo", n=len(plan), maximo=MAX_ACTIONS))
    labels = [s.answers.label for s in sources if s.answers.label]
    return AnswersFile(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        answers={q.id: answers[q.id] for q in rubric.questions if q.id in answers},
        notes={q.id: _clip("\n\n".join(notes[q.id]), MAX_NOTE_CHARS) for q in rubric.questions if q.id in notes},
        label=_clip(" + ".join(labels), MAX_LABEL_CHARS),
        created=now_iso(),
        plan=plan,
    )


def source_name(answers: AnswersFile, file_name: str) -> str:
    """The origin label of a file's notes: its label, else its file name without the suffix."""
    name = answers.label.strip() or file_name.rsplit(".", 1)[0]
    return _clip(" ".join(name.split()), 60)
