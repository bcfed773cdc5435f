"""Choose a component's recommendations from its answers and its level.

A recommendation is *triggered* when any of its trigger questions falls short of the top of
the answer scale (partially met, not met, "No sé" or unanswered). The triggered ones are
grouped by their tier relative to the component's level:

- ``prioritarias``: the component's current tier;
- ``pendientes``: lower tiers still unmet;
- ``siguientes``: the next tier up ("siguientes pasos").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .model import Recommendation, Rubric

GROUPS = ("prioritarias", "pendientes", "siguientes")


@dataclass(frozen=True)
class RecommendationSet:
    priority: tuple[Recommendation, ...]
    pending: tuple[Recommendation, ...]
    next: tuple[Recommendation, ...]

    def groups(self) -> Iterator[tuple[str, tuple[Recommendation, ...]]]:
        """(group id, recommendations) in display order; group ids are keys of `resultados.grupos`."""
        yield from zip(GROUPS, (self.priority, self.pending, self.next))

    def __iter__(self) -> Iterator[Recommendation]:
        for _, recs in self.groups():
            yield from recs

    def __len__(self) -> int:
        return len(self.priority) + len(self.pending) + len(self.next)


def is_triggered(rec: Recommendation, values: Mapping[str, float | None], top: float) -> bool:
    return any((values.get(qid) or 0.0) < top for qid in rec.triggers)


def select_recommendations(rubric: Rubric, component_id: str, values: Mapping[str, float | None],
                           level: str) -> RecommendationSet:
    top = rubric.top_option.value
    rank = rubric.tier(level).rank
    triggered = [r for r in rubric.recommendations_of(component_id) if is_triggered(r, values, top)]
    return RecommendationSet(
        priority=tuple(r for r in triggered if rubric.tier(r.tier).rank == rank),
        pending=tuple(r for r in triggered if rubric.tier(r.tier).rank < rank),
        next=tuple(r for r in triggered if rubric.tier(r.tier).rank == rank + 1),
    )
