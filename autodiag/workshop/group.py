"""The trainer's analysis of a group: a batch of participants' answers files, described per component.

`group_summary` counts participants per level (or risk band), `participant_matrix` lays out
their scores, `weakest_fields` finds where most fall short, `top_recommendations` what most
were told, and `compare_groups` sets two groups (or two dates) side by side. The group's action
plans (the ``plan`` of each answers file): `top_plan_recommendations` (the recommendations most
often chosen for a plan), `plazo_spread` (the spread of plazos) and `plan_completion` (the share of
actions completed at follow-up), from `plan_frame`. Refused files (`BatchItem.ok` false) are always
left out. pandas is imported when a function needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import frames
from ..batch import BatchItem
from ..errors import AutodiagError
from ..model import Rubric

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _valid(items: Iterable[BatchItem]) -> list[BatchItem]:
    return [item for item in items if item.ok]


def group_summary(items: Iterable[BatchItem], rubric: Rubric, by: str = "nivel") -> pd.DataFrame:
    """How many participants are at each level (or risk band), per component. Refused files are left out."""
    return frames.distribution(frames.batch_frame(_valid(items)), rubric, by)


def participant_matrix(items: Iterable[BatchItem], rubric: Rubric, value: str = "puntaje") -> pd.DataFrame:
    """Participants (rows, by file name) × components (columns): score, or the level's rank with ``value="nivel"``."""
    table = frames.batch_frame(_valid(items))
    if value == "nivel":
        table["nivel"] = table["nivel"].map({t.id: t.rank for t in rubric.tiers})
    elif value != "puntaje":
        raise AutodiagError.one("argumento-invalido", f"value debe ser 'puntaje' o 'nivel', no {value!r}", path="value")
    matrix = table.pivot(index="archivo", columns="componente", values=value)
    return matrix.reindex(columns=frames.component_ids(rubric))


def weakest_fields(items: Iterable[BatchItem], rubric: Rubric, top: int = 5,
                   theta: float | None = None) -> pd.DataFrame:
    """The fields where most participants fall short (field score below θ·100), weakest first.

    Columns: ``componente``, ``campo``, ``nombre_campo``, ``por_debajo`` (participants
    short of θ), ``participantes``, ``proporcion`` and ``puntaje_medio``.
    """
    theta = rubric.thresholds.level if theta is None else theta
    table = frames.batch_fields_frame(_valid(items))
    table = table.assign(por_debajo=table["puntaje"] < 100 * theta)
    summary = (table.groupby(["componente", "campo", "nombre_campo"], sort=False)
               .agg(por_debajo=("por_debajo", "sum"), participantes=("archivo", "nunique"),
                    puntaje_medio=("puntaje", "mean"))
               .reset_index())
    summary["por_debajo"] = summary["por_debajo"].astype(int)
    summary["proporcion"] = (summary["por_debajo"] / summary["participantes"]).round(3)
    summary["puntaje_medio"] = summary["puntaje_medio"].round(1)
    summary = summary.sort_values(["proporcion", "puntaje_medio"], ascending=[False, True], kind="stable")
    columns = ["componente", "campo", "nombre_campo", "por_debajo", "participantes", "proporcion", "puntaje_medio"]
    return summary[columns].head(top).reset_index(drop=True)


def top_recommendations(items: Iterable[BatchItem], rubric: Rubric, top: int = 10) -> pd.DataFrame:
    """The recommendations made to most participants, in any group, with how often they were a priority.

    Columns: ``recomendacion``, ``componente``, ``nivel``, ``participantes`` (how many got
    it), ``proporcion``, ``prioritaria`` (how many got it among their priorities) and
    ``texto``. Ties keep the rubric's order.
    """
    import pandas as pd

    valid = _valid(items)
    got = dict.fromkeys((r.id for r in rubric.recommendations), 0)
    priority = dict(got)
    for diagnosis in (item.diagnosis for item in valid if item.diagnosis is not None):
        for c in diagnosis:
            for rec in c.recommendations:
                got[rec.id] += 1
            for rec in c.recommendations.priority:
                priority[rec.id] += 1
    rows = [{"recomendacion": r.id, "componente": r.component, "nivel": r.tier, "participantes": got[r.id],
             "proporcion": round(got[r.id] / len(valid), 3) if valid else 0.0, "prioritaria": priority[r.id],
             "texto": r.full_text}
            for r in rubric.recommendations]
    table = pd.DataFrame(rows).sort_values(["participantes", "prioritaria"], ascending=False, kind="stable")
    return table.head(top).reset_index(drop=True)


def compare_groups(items_a: Iterable[BatchItem], items_b: Iterable[BatchItem], rubric: Rubric,
                   names: tuple[str, str] = ("A", "B")) -> pd.DataFrame:
    """Two groups (or two dates) side by side, per component.

    Columns, for each group name: ``participantes_<g>``, ``puntaje_medio_<g>`` and
    ``<lowest tier id>_cubierto_<g>`` (share of participants above the lowest level, e.g.
    ``basico_cubierto_A``: the tier id is the content's); then
    ``diferencia`` = mean score of the second group minus the first.
    """
    import pandas as pd

    lowest = frames.tier_ids(rubric)[0]
    columns = {}
    for name, items in zip(names, (items_a, items_b)):
        table = frames.batch_frame(_valid(items))
        grouped = table.groupby("componente")
        columns[f"participantes_{name}"] = grouped["archivo"].nunique()
        columns[f"puntaje_medio_{name}"] = grouped["puntaje"].mean().round(1)
        columns[f"{lowest}_cubierto_{name}"] = grouped["nivel"].apply(lambda s: (s != lowest).mean()).round(3)
    result = pd.DataFrame(columns).reindex(frames.component_ids(rubric))
    result.index.name = "componente"
    result["diferencia"] = (result[f"puntaje_medio_{names[1]}"] - result[f"puntaje_medio_{names[0]}"]).round(1)
    return result


# --- the group's action plans (issue 14, item 5) -------------------------------------------------

PLAN_COLUMNS = ("archivo", "accion", "recomendacion", "componente", "nivel", "plazo", "prioridad", "estado")
"""Columns of `plan_frame`: one row per action of every valid file's plan."""


def plan_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    """Every action of the participants' plans, one row each (`PLAN_COLUMNS`; ids, not labels)."""
    import pandas as pd

    rows = [(item.name, a.id, a.recommendation or "", a.component, a.tier, a.plazo.value, a.prioridad.value,
             a.estado.value)
            for item in _valid(items) if item.answers is not None for a in item.answers.plan]
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))


def plans_overview(items: Iterable[BatchItem], rubric: Rubric) -> str:
    """One Spanish sentence: how many participants brought a plan, and how many actions in all."""
    valid = _valid(items)
    with_plan = [i for i in valid if i.answers is not None and i.answers.plan]
    return rubric.texts.get("taller.planes_resumen", con_plan=len(with_plan), participantes=len(valid),
                            acciones=sum(len(i.answers.plan) for i in with_plan if i.answers is not None))


def top_plan_recommendations(items: Iterable[BatchItem], rubric: Rubric, top: int = 10) -> pd.DataFrame:
    """The recommendations most often chosen for the participants' plans.

    Columns: ``recomendacion``, ``componente``, ``nivel``, ``en_planes`` (participants whose plan
    has an action starting from it), ``proporcion`` (of the participants with a plan), ``recibida``
    (participants the tool gave it to) and ``texto``. Only recommendations some plan chose; ties keep
    the rubric's order.
    """
    import pandas as pd

    valid = _valid(items)
    chosen = dict.fromkeys((r.id for r in rubric.recommendations), 0)
    got = dict(chosen)
    with_plan = 0
    for item in valid:
        if item.diagnosis is not None:
            for rec in {r.id for c in item.diagnosis for r in c.recommendations}:
                got[rec] += 1
        in_plan = {a.recommendation for a in item.answers.plan if a.recommendation} if item.answers else set()
        with_plan += bool(item.answers and item.answers.plan)
        for rec in in_plan & chosen.keys():
            chosen[rec] += 1
    rows = [{"recomendacion": r.id, "componente": r.component, "nivel": r.tier, "en_planes": chosen[r.id],
             "proporcion": round(chosen[r.id] / with_plan, 3) if with_plan else 0.0, "recibida": got[r.id],
             "texto": r.full_text}
            for r in rubric.recommendations if chosen[r.id]]
    columns = ["recomendacion", "componente", "nivel", "en_planes", "proporcion", "recibida", "texto"]
    table = pd.DataFrame(rows, columns=columns).sort_values("en_planes", ascending=False, kind="stable")
    return table.head(top).reset_index(drop=True)


def plazo_spread(items: Iterable[BatchItem], rubric: Rubric) -> pd.DataFrame:
    """How the plans' actions spread over the plazos: components (rows; own actions under
    ``propia``) × plazo ids (columns: ``corto``, ``mediano``, ``largo``), counts, with a ``total`` row."""
    from ..plan import Plazo

    table = plan_frame(items)
    table["componente"] = table["componente"].where(table["componente"] != "", "propia")
    counts = table.groupby(["componente", "plazo"]).size().unstack(fill_value=0)
    rows = [*frames.component_ids(rubric), "propia"]
    counts = counts.reindex(index=[r for r in rows if r in counts.index or r != "propia"],
                            columns=[p.value for p in Plazo], fill_value=0).astype(int)
    counts.loc["total"] = counts.sum()
    counts.index.name = "componente"
    counts.columns.name = "plazo"
    return counts


def plan_completion(items: Iterable[BatchItem], rubric: Rubric) -> pd.DataFrame:
    """The plans' actions by estado at follow-up: index the estado ids (``pendiente``, ``en_curso``,
    ``cumplida``); columns ``estado`` (its Spanish label), ``acciones`` and ``proporcion`` (of all
    actions; the ``cumplida`` row is the share of actions completed)."""
    import pandas as pd

    from ..plan import Estado, estado_label

    table = plan_frame(items)
    counts = table["estado"].value_counts()
    total = int(counts.sum())
    result = pd.DataFrame(
        {"estado": [estado_label(rubric.texts, e) for e in Estado],
         "acciones": [int(counts.get(e.value, 0)) for e in Estado],
         "proporcion": [round(int(counts.get(e.value, 0)) / total, 3) if total else 0.0 for e in Estado]},
        index=pd.Index([e.value for e in Estado], name="estado_id"))
    return result
