"""The trainer's analysis of a group: a batch of participants' answers files, described per component.

`group_summary` counts participants per level (or risk band), `participant_matrix` lays out
their scores, `weakest_fields` finds where most fall short, `top_recommendations` what most
were told, and `compare_groups` sets two groups (or two dates) side by side. Refused files
(`BatchItem.ok` false) are always left out. pandas is imported when a function needs it.
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
