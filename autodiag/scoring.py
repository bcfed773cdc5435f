"""Score a set of answers against the rubric, exactly as DESIGN.md describes.

- tier coverage ``C[t]``: weighted mean of the answer values of the tier's questions (0–1);
- component score: weighted mean over all its questions, 0–100;
- level: ``avanzado`` if basic and intermediate tiers are covered (``C ≥ θ``), ``intermedio`` if
  the basic tier is, else ``basico``;
- risk: the band of the score between the content's cut points;
- an irregular profile (a higher tier covered while a lower one is not) is flagged.

"No sé" scores its value (0) and is listed apart as *por confirmar*; an unanswered question
also scores 0 and is listed as unanswered, so an incomplete questionnaire is never silently
treated as complete. Every constant comes from the rubric (content), and `theta` and
`risk_cuts` may be overridden for sensitivity studies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import AutodiagError, Problem
from .model import Question, Rubric
from .recommend import RecommendationSet, select_recommendations


class AnswersError(AutodiagError):
    """Answers that name unknown questions or options (one problem for each)."""


@dataclass(frozen=True)
class FieldResult:
    component: str
    field: str
    name: str
    score: float
    """0–100, weighted like the component score."""
    answered: int
    total: int
    unknown: int


@dataclass(frozen=True)
class ComponentResult:
    component: str
    name: str
    level: str
    risk: str
    score: float
    """0–100."""
    coverage: Mapping[str, float]
    """Tier id → coverage 0–1."""
    irregular: bool
    fields: tuple[FieldResult, ...]
    answered: int
    total: int
    unknown: tuple[str, ...]
    """Questions answered "No sé" (por confirmar)."""
    unanswered: tuple[str, ...]
    recommendations: RecommendationSet


@dataclass(frozen=True)
class Diagnosis:
    rubric_id: str
    rubric_version: str
    components: Mapping[str, ComponentResult]
    """Component id → result, in the rubric's order."""
    theta: float
    risk_cuts: tuple[float, ...]

    def __getitem__(self, component_id: str) -> ComponentResult:
        return self.components[component_id]

    def __iter__(self) -> Iterator[ComponentResult]:
        return iter(self.components.values())

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(q for c in self for q in c.unanswered)

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(q for c in self for q in c.unknown)

    @property
    def complete(self) -> bool:
        return not self.unanswered

    def summary(self) -> dict[str, Any]:
        """The public JSON shape of `python -m autodiag score --format json`."""
        return {
            "rubric_id": self.rubric_id,
            "rubric_version": self.rubric_version,
            "complete": self.complete,
            "components": {
                c.component: {
                    "level": c.level,
                    "risk": c.risk,
                    "score": round(c.score, 1),
                    "irregular": c.irregular,
                    "answered": c.answered,
                    "total": c.total,
                    "unknown": len(c.unknown),
                    "recommendations": {
                        group: [r.id for r in recs] for group, recs in c.recommendations.groups()
                    },
                }
                for c in self
            },
        }


def answer_values(rubric: Rubric, answers: Mapping[str, str | None]) -> dict[str, float | None]:
    """Question id → answer value (None when unanswered). Unknown ids raise `AnswersError`."""
    problems = [Problem("", f"answers.{qid}", f"pregunta desconocida «{qid}»", "pregunta-desconocida")
                for qid in sorted(answers) if not rubric.has_question(qid)]
    problems += [Problem("", f"answers.{qid}", f"opción desconocida {opt!r}", "opcion-desconocida")
                 for qid, opt in sorted(answers.items())
                 if opt is not None and rubric.has_question(qid) and not rubric.has_option(opt)]
    if problems:
        raise AnswersError(problems)
    values: dict[str, float | None] = {}
    for q in rubric.questions:
        option = answers.get(q.id)
        values[q.id] = rubric.option(option).value if option is not None else None
    return values


def _mean(questions: Sequence[Question], values: Mapping[str, float | None]) -> float:
    total = sum(q.weight for q in questions)
    if not total:
        return 0.0
    return sum(q.weight * (values[q.id] or 0.0) for q in questions) / total


def level_for(coverage: Mapping[str, float], tier_ids: Sequence[str], theta: float) -> str:
    """The highest tier whose lower tiers are all covered (coverage ≥ θ)."""
    level = tier_ids[0]
    for lower, tier in zip(tier_ids, tier_ids[1:]):
        if coverage[lower] >= theta:
            level = tier
        else:
            break
    return level


def risk_for(score: float, risk_ids: Sequence[str], cuts: Sequence[float]) -> str:
    """The risk band of a 0–100 score: below the first cut → the first (worst) band."""
    for risk_id, cut in zip(risk_ids, cuts):
        if score < cut:
            return risk_id
    return risk_ids[len(cuts)]


def is_irregular(coverage: Mapping[str, float], tier_ids: Sequence[str], theta: float) -> bool:
    """True when some tier is covered while a lower one is not."""
    covered = [coverage[t] >= theta for t in tier_ids]
    return any(covered[j] and not covered[i] for i in range(len(covered)) for j in range(i + 1, len(covered)))


def score(rubric: Rubric, answers: Mapping[str, str | None] | Any, *, theta: float | None = None,
          risk_cuts: Sequence[float] | None = None) -> Diagnosis:
    """Diagnose `answers` (``{question_id: option_id}`` or an `AnswersFile`) against `rubric`."""
    if not isinstance(answers, Mapping):
        answers = answers.answers
    theta = rubric.thresholds.level if theta is None else theta
    cuts = tuple(rubric.thresholds.risk_cuts if risk_cuts is None else risk_cuts)
    values = answer_values(rubric, answers)
    not_sure = {qid for qid, option in answers.items() if option is not None and rubric.option(option).unknown}
    tier_ids = [t.id for t in rubric.tiers]
    risk_ids = [r.id for r in rubric.risks]
    results: dict[str, ComponentResult] = {}
    for component in rubric.components:
        questions = rubric.questions_of(component.id)
        coverage = {t: _mean([q for q in questions if q.tier == t], values) for t in tier_ids}
        component_score = 100 * _mean(questions, values)
        level = level_for(coverage, tier_ids, theta)
        fields = tuple(
            FieldResult(
                component=component.id,
                field=f.id,
                name=f.name,
                score=100 * _mean(in_field, values),
                answered=sum(values[q.id] is not None for q in in_field),
                total=len(in_field),
                unknown=sum(q.id in not_sure for q in in_field),
            )
            for f in component.fields
            if (in_field := [q for q in questions if q.field == f.id])
        )
        results[component.id] = ComponentResult(
            component=component.id,
            name=component.name,
            level=level,
            risk=risk_for(component_score, risk_ids, cuts),
            score=component_score,
            coverage=coverage,
            irregular=is_irregular(coverage, tier_ids, theta),
            fields=fields,
            answered=sum(values[q.id] is not None for q in questions),
            total=len(questions),
            unknown=tuple(q.id for q in questions if q.id in not_sure),
            unanswered=tuple(q.id for q in questions if values[q.id] is None),
            recommendations=select_recommendations(rubric, component.id, values, level),
        )
    return Diagnosis(rubric.id, rubric.version, results, theta, cuts)
