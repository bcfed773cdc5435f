"""The action plan: recommendations a team adapts, owns and follows up (issue 14).

An `Action` is one line of the plan, saved in the answers file under ``"plan"`` (from
``schema_version`` 2). It starts from a recommendation's words (``recommendation`` keeps the
original linked) or is the person's own (``recommendation`` is None). Plazo, prioridad and
estado are enums; their Spanish labels live in ``content/textos.yaml`` (``plan.*``).

`parse_plan` validates the ``"plan"`` value of a file and reports every problem through the
callback it is given (the answers reader's), with key paths such as ``plan[2].plazo``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from .model import Rubric, Texts

MAX_ACTIONS = 50
"""Most actions a plan may hold (the answers file's size budget counts them)."""
MAX_ID_CHARS = 40
MAX_TEXT_CHARS = 500
"""Longest action text (characters)."""
MAX_AREA_CHARS = 120
MAX_INDICATOR_CHARS = 300
MAX_PLAN_NOTE_CHARS = 500

_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


class Plazo(Enum):
    """Term: corto ≤ 6 months, mediano ≤ 18, largo beyond."""

    CORTO = "corto"
    MEDIANO = "mediano"
    LARGO = "largo"


class Prioridad(Enum):
    ALTA = "alta"
    MEDIA = "media"
    BAJA = "baja"


class Estado(Enum):
    PENDIENTE = "pendiente"
    EN_CURSO = "en_curso"
    CUMPLIDA = "cumplida"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _normal(text: str) -> str:
    """`text` with surrogate pairs joined (what is written is what is read back)."""
    if not _LONE_SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@dataclass(frozen=True)
class Action:
    """One action of the plan."""

    id: str
    text: str
    recommendation: str | None = None
    """The recommendation it starts from (its id), or None for the person's own action."""
    component: str = ""
    tier: str = ""
    area: str = ""
    """Área responsable."""
    plazo: Plazo = Plazo.MEDIANO
    prioridad: Prioridad = Prioridad.MEDIA
    indicador: str = ""
    """Indicator or evidence of completion."""
    estado: Estado = Estado.PENDIENTE
    nota: str = ""

    def __post_init__(self) -> None:
        for name in _TEXTS:
            object.__setattr__(self, name, _normal(getattr(self, name)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "recommendation": self.recommendation,
            "component": self.component, "tier": self.tier, "area": self.area,
            "plazo": self.plazo.value, "prioridad": self.prioridad.value, "indicador": self.indicador,
            "estado": self.estado.value, "nota": self.nota,
        }

    def same_action(self, other: Action) -> bool:
        """True if both say the same (everything but the id)."""
        return {**self.to_dict(), "id": ""} == {**other.to_dict(), "id": ""}


_TEXTS = ("text", "area", "indicador", "nota")
_LIMITS = {"id": MAX_ID_CHARS, "text": MAX_TEXT_CHARS, "component": MAX_ID_CHARS, "tier": MAX_ID_CHARS,
           "area": MAX_AREA_CHARS, "indicador": MAX_INDICATOR_CHARS, "nota": MAX_PLAN_NOTE_CHARS}
_ENUMS: dict[str, type[Enum]] = {"plazo": Plazo, "prioridad": Prioridad, "estado": Estado}
KEYS = tuple(f.name for f in fields(Action))

Report = Callable[..., None]
"""``report(slug, key_path, **values)``: records one problem (the answers reader's ``_Problems.add``)."""


def action_from_recommendation(rubric: Rubric, recommendation_id: str, action_id: str) -> Action:
    """A new action starting from a recommendation's words (the original stays linked)."""
    rec = next(r for r in rubric.recommendations if r.id == recommendation_id)
    return Action(id=action_id, text=rec.full_text[:MAX_TEXT_CHARS], recommendation=rec.id,
                  component=rec.component, tier=rec.tier)


def parse_plan(value: Any, rubric: Rubric, report: Report, *, check_recommendations: bool = True
               ) -> tuple[Action, ...]:
    """The actions of a file's ``"plan"`` value; every problem goes to `report` (nothing raised).

    With `check_recommendations` false (a file of another rubric version), a recommendation,
    component or tier id this rubric no longer has is dropped (the action's text stays): an old
    file is never refused for being old."""
    if not isinstance(value, list):
        report("campo_invalido", "plan", campo="plan", detalle="se esperaba una lista de acciones")
        return ()
    if len(value) > MAX_ACTIONS:
        report("plan_muy_largo", "plan", n=len(value), maximo=MAX_ACTIONS)
        return ()
    known_recs = {r.id for r in rubric.recommendations}
    known_components = {c.id for c in rubric.components}
    known_tiers = {t.id for t in rubric.tiers}
    actions: list[Action] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        where = f"plan[{i}]"
        if not isinstance(item, dict):
            report("campo_invalido", where, campo=where, detalle="se esperaba un objeto (una acción)")
            continue
        ok = True
        unknown = sorted(str(k) for k in item if k not in KEYS)
        if unknown:
            report("campo_invalido", where, campo=where, detalle="claves desconocidas: " + ", ".join(unknown)[:80])
            ok = False
        values: dict[str, Any] = {}
        for key, limit in _LIMITS.items():
            raw = item.get(key, "")
            at = f"{where}.{key}"
            if not isinstance(raw, str):
                report("campo_invalido", at, campo=at, detalle="se esperaba un texto")
                ok = False
            elif len(raw) > limit:
                report("texto_muy_largo", at, campo=at, largo=len(raw), maximo=limit)
                ok = False
            else:
                values[key] = raw
        if ok and (not values["id"] or not _ID.match(values["id"])):
            report("campo_invalido", f"{where}.id", campo=f"{where}.id",
                    detalle="falta o tiene caracteres no permitidos (letras, cifras, _ . -)")
            ok = False
        elif ok and values["id"] in seen:
            report("plan_id_repetido", f"{where}.id", id=values["id"])
            ok = False
        elif ok:
            seen.add(values["id"])
        if ok and not values["text"].strip():
            report("campo_invalido", f"{where}.text", campo=f"{where}.text", detalle="la acción no tiene texto")
            ok = False
        for key, known in (("component", known_components), ("tier", known_tiers)):
            if values.get(key) and values[key] not in known:
                if check_recommendations:
                    report("plan_valor_invalido", f"{where}.{key}", campo=key, valor=values[key][:40],
                           validos=", ".join(sorted(known)))
                    ok = False
                else:  # a file of another rubric version: the id is dropped, the action stays
                    values[key] = ""
        rec = item.get("recommendation")
        if rec is not None and not isinstance(rec, str):
            report("campo_invalido", f"{where}.recommendation", campo=f"{where}.recommendation",
                   detalle="se esperaba el id de una recomendación o null")
            ok = False
        elif isinstance(rec, str) and rec not in known_recs:
            if check_recommendations:
                report("plan_recomendacion_desconocida", f"{where}.recommendation", id=rec[:40])
                ok = False
            else:
                rec = None
        enums: dict[str, Enum] = {}
        for key, kind in _ENUMS.items():
            at = f"{where}.{key}"
            raw = item.get(key)
            try:
                enums[key] = kind(raw)
            except ValueError:
                shown = raw[:40] if isinstance(raw, str) else type(raw).__name__
                report("plan_valor_invalido", at, campo=key, valor=shown, validos=", ".join(m.value for m in kind))
                ok = False
        if ok:
            actions.append(Action(recommendation=rec or None, **values, **enums))  # type: ignore[arg-type]
    return tuple(actions)


def next_action_id(plan: Iterable[Action]) -> str:
    """An id no action of `plan` has (``a1``, ``a2``, …): what a new action should take."""
    taken = {a.id for a in plan}
    n = 1
    while f"a{n}" in taken:
        n += 1
    return f"a{n}"


def repeated_ids(plan: Iterable[Action]) -> tuple[str, ...]:
    """The ids held by more than one action (a plan with any cannot be written)."""
    seen: set[str] = set()
    repeated: list[str] = []
    for a in plan:
        if a.id in seen and a.id not in repeated:
            repeated.append(a.id)
        seen.add(a.id)
    return tuple(repeated)


def join_plans(plans: Iterable[Iterable[Action]]) -> tuple[Action, ...]:
    """The actions of every plan, in order; identical actions once; a repeated id renamed."""
    joined: list[Action] = []
    ids: set[str] = set()
    for plan in plans:
        for action in plan:
            if any(action.same_action(a) for a in joined):
                continue
            new_id, n = action.id, 2
            while new_id in ids:
                new_id, n = f"{action.id[:MAX_ID_CHARS - 4]}-{n}", n + 1
            ids.add(new_id)
            joined.append(Action(**{**_fields(action), "id": new_id}))
    return tuple(joined)


def _fields(action: Action) -> dict[str, Any]:
    return {name: getattr(action, name) for name in KEYS}


def plazo_label(texts: Texts, plazo: Plazo) -> str:
    return texts.get(f"plan.plazos.{plazo.value}")


def prioridad_label(texts: Texts, prioridad: Prioridad) -> str:
    return texts.get(f"plan.prioridades.{prioridad.value}")


def estado_label(texts: Texts, estado: Estado) -> str:
    return texts.get(f"plan.estados.{estado.value}")
