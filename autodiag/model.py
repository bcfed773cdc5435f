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
    drafting: bool = False
    """True for "En elaboración": offered only on questions that admit it (`Question.admits_drafting`)."""


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
    fundamento: str = ""
    """Legal basis or source: "Ley …, art. N", a standard, or "Buena práctica …"."""
    legal_minimum: bool = False
    """A legal obligation of every municipality: while unmet, the component stays at the lowest level."""
    admits_drafting: bool = False
    """The question checks a document or mechanism that can be "en elaboración" (offers that option)."""


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
class RiskRange:
    """The risk bands a level allows: the score's band is clamped between `worst` and `best`."""

    worst: str
    best: str


@dataclass(frozen=True)
class Thresholds:
    level: float
    """θ: a tier counts as covered when its coverage is at least this."""
    risk_cuts: tuple[float, ...]
    """Increasing score cut points; below the first → the first (worst) risk band."""
    legal_minimum_from: str = "si"
    """Option id: a legal minimum is met by this answer or any of higher value (never by "No sé")."""
    risk_by_level: Mapping[str, RiskRange] = dataclass_field(default_factory=dict)
    """Tier id → the risk bands allowed at that level (empty: the score's band as is)."""
    risk_unmet_minimum: str = ""
    """The risk band while a legal minimum is unmet (empty: no override)."""
    comparison_answered: float = 1.0
    """A component of an earlier diagnosis is compared only when at least this share of its questions
    was answered in the earlier file (``umbrales.comparacion_respondidas``; absent: all of them)."""


@dataclass(frozen=True)
class MigrationStep:
    """One step of ``migraciones.yaml``: how answers of rubric `from_version` carry to `to_version`.

    An old question id listed in `equivalences` carries its answer (and note) to each new id
    listed; any other id passes unchanged (it is dropped at the end if the current rubric no
    longer has it). `new` optionally lists the questions that `to_version` adds.
    """

    from_version: str
    to_version: str
    equivalences: Mapping[str, tuple[str, ...]]
    new: tuple[str, ...] = ()


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
    migrations: tuple[MigrationStep, ...] = ()
    """Steps of ``migraciones.yaml`` carrying answers files of earlier versions to this one."""
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

    def options_for(self, question: Question | str) -> tuple[AnswerOption, ...]:
        """The options offered on `question`: "En elaboración" only where the question admits it."""
        q = self.question(question) if isinstance(question, str) else question
        return tuple(o for o in self.scale if q.admits_drafting or not o.drafting)

    def admits(self, question: Question | str, option_id: str) -> bool:
        """True when `option_id` is an option offered on `question`."""
        return any(o.id == option_id for o in self.options_for(question))

    def legal_minimums_of(self, component_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions_of(component_id) if q.legal_minimum)

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
