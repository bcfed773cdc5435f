"""The rubric as typed, immutable data.

Nothing here reads files or computes scores: `autodiag.load` builds these objects from
`content/`, `autodiag.scoring` computes with them. Attribute names are English (the
public contract); the values (names, texts) are the content's Spanish.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any


@dataclass(frozen=True)
class AnswerOption:
    """One option of the answer scale, e.g. ``si`` = 1.0."""

    id: str
    label: str
    value: float
    unknown: bool = False
    """True for "No sé": scored like its value but counted apart as *por confirmar*."""


@dataclass(frozen=True)
class Tier:
    """A level of development (`basico`, `intermedio`, `avanzado`)."""

    id: str
    name: str
    description: str
    rank: int


@dataclass(frozen=True)
class RiskBand:
    """One colour of the risk traffic light."""

    id: str
    name: str
    color: str
    description: str


@dataclass(frozen=True)
class Field:
    """A specific area (campo) inside a component."""

    id: str
    name: str
    component: str


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    short_name: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Question:
    id: str
    component: str
    field: str
    tier: str
    text: str
    help: str
    evidence: str
    weight: float = 1.0


@dataclass(frozen=True)
class Recommendation:
    id: str
    component: str
    field: str
    tier: str
    text: str
    triggers: tuple[str, ...]
    """Question ids whose shortfall (any answer other than the top of the scale) triggers it."""
    addition: str = ""
    """An editorial completion in square brackets, shown after the seed's verbatim text."""

    @property
    def full_text(self) -> str:
        return f"{self.text} {self.addition}".strip()


@dataclass(frozen=True)
class Thresholds:
    level: float
    """θ: a tier counts as covered when its coverage is at least this."""
    risk_cuts: tuple[float, ...]
    """Increasing score cut points; below the first → the first (worst) risk band."""


class Texts:
    """The UI texts of `textos.yaml`, read by dotted key: ``texts.get("resultados.nivel")``."""

    def __init__(self, data: Mapping[str, Any]):
        self._data = data

    def raw(self, key: str) -> Any:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(key)
            node = node[part]
        return node

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except KeyError:
            return False
        return True

    def get(self, key: str, **values: Any) -> str:
        """The text at `key`, with its ``{placeholders}`` filled from `values`."""
        text = self.raw(key)
        if not isinstance(text, str):
            raise KeyError(key)
        return text.format(**values) if values else text

    def list(self, key: str) -> list[str]:
        items = self.raw(key)
        return [str(item) for item in items]

    @staticmethod
    def placeholders(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Rubric:
    id: str
    version: str
    title: str
    scale: tuple[AnswerOption, ...]
    tiers: tuple[Tier, ...]
    risks: tuple[RiskBand, ...]
    thresholds: Thresholds
    components: tuple[Component, ...]
    questions: tuple[Question, ...]
    recommendations: tuple[Recommendation, ...]
    texts: Texts
    _index: dict[str, Any] = dataclass_field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update(
            questions={q.id: q for q in self.questions},
            components={c.id: c for c in self.components},
            options={o.id: o for o in self.scale},
            tiers={t.id: t for t in self.tiers},
            risks={r.id: r for r in self.risks},
        )

    def question(self, question_id: str) -> Question:
        return self._index["questions"][question_id]

    def component(self, component_id: str) -> Component:
        return self._index["components"][component_id]

    def option(self, option_id: str) -> AnswerOption:
        return self._index["options"][option_id]

    def tier(self, tier_id: str) -> Tier:
        return self._index["tiers"][tier_id]

    def risk(self, risk_id: str) -> RiskBand:
        return self._index["risks"][risk_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._index["questions"]

    def has_option(self, option_id: str) -> bool:
        return option_id in self._index["options"]

    def questions_of(self, component_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.component == component_id)

    def recommendations_of(self, component_id: str) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if r.component == component_id)

    def field(self, component_id: str, field_id: str) -> Field:
        for f in self.component(component_id).fields:
            if f.id == field_id:
                return f
        raise KeyError(f"{component_id}.{field_id}")

    @property
    def top_option(self) -> AnswerOption:
        """The option that fully meets a practice (``si``)."""
        return max(self.scale, key=lambda o: o.value)
