"""Carry the answers of an earlier rubric version to the current one (``migraciones.yaml``).

A chain of small version-keyed steps, outside the UI (STYLE.md §5). Each step of
``content/migraciones.yaml`` maps the question ids of its ``desde`` version to those of its
``hacia`` version:

- an old id listed in ``equivalencias`` carries its answer and note to every new id listed
  (a renamed question, or one split in two);
- any other id passes unchanged, so a question that kept its id keeps its answer and note;
- at the end, ids the current rubric does not have are *removed*; questions the steps
  declare as ``nuevas`` (or, when a step does not declare them, every question the file
  leaves unanswered) are *new*.

When two old answers land on one new question, the lower one (by the scale's value) is kept:
a migration never claims more than the person answered. A version with no chain to the
current one (an old draft, say) is carried unchanged: ids that still exist keep their answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import MigrationStep, Rubric


@dataclass(frozen=True)
class Migrated:
    """Answers and notes of an older file, as questions of the current rubric."""

    answers: dict[str, str]
    notes: dict[str, str]
    new: tuple[str, ...]
    """Questions of the current rubric the file could not answer (new since its version)."""
    removed: tuple[str, ...]
    """Question ids of the file that no longer exist and carried to no current question."""
    carried: tuple[str, ...]
    """Current questions answered through an equivalence (a renamed or split question)."""
    steps: tuple[MigrationStep, ...]


def chain(rubric: Rubric, version: str) -> tuple[MigrationStep, ...] | None:
    """The steps from `version` to the rubric's version, or None if there is no such chain."""
    by_source = {step.from_version: step for step in rubric.migrations}
    steps: list[MigrationStep] = []
    at = version
    while at != rubric.version:
        step = by_source.get(at)
        if step is None or step in steps:
            return None
        steps.append(step)
        at = step.to_version
    return tuple(steps)


def migrate(rubric: Rubric, version: str, answers: Mapping[str, str],
            notes: Mapping[str, str] | None = None) -> Migrated:
    """Carry `answers` and `notes` of a file of rubric `version` to `rubric` (see the module)."""
    notes = notes or {}
    steps = chain(rubric, version) or ()
    value = {o.id: o.value for o in rubric.scale}
    current_a, current_n = dict(answers), dict(notes)
    origin = {qid: qid for qid in (*answers, *notes)}
    via_equivalence: set[str] = set()
    for step in steps:
        next_a: dict[str, str] = {}
        next_n: dict[str, str] = {}
        next_origin: dict[str, str] = {}
        next_via: set[str] = set()
        for qid, first in origin.items():
            mapped = qid in step.equivalences
            for target in step.equivalences.get(qid, (qid,)):
                if qid in current_a:
                    option = current_a[qid]
                    held = next_a.get(target)
                    if held is None or value.get(option, 1.0) < value.get(held, 1.0):
                        next_a[target] = option
                if qid in current_n:
                    next_n[target] = f"{next_n[target]} / {current_n[qid]}" if target in next_n else current_n[qid]
                next_origin.setdefault(target, first)
                if mapped or qid in via_equivalence:
                    next_via.add(target)
        current_a, current_n, origin, via_equivalence = next_a, next_n, next_origin, next_via
    kept_a = {q.id: current_a[q.id] for q in rubric.questions if q.id in current_a}
    kept_n = {q.id: current_n[q.id] for q in rubric.questions if q.id in current_n}
    survivors = {first for qid, first in origin.items() if rubric.has_question(qid)}
    removed = tuple(qid for qid in answers if qid not in survivors)
    if steps and all(step.new for step in steps):
        declared = {qid for step in steps for qid in step.new}
        new = tuple(q.id for q in rubric.questions if q.id in declared and q.id not in kept_a)
    else:
        new = tuple(q.id for q in rubric.questions if q.id not in kept_a)
    carried = tuple(q.id for q in rubric.questions if q.id in via_equivalence and q.id in kept_a)
    return Migrated(kept_a, kept_n, new, removed, carried, steps)
