"""The rubric, a diagnosis and a batch of answers files as pandas DataFrames.

For the research and workshop notebooks: every table they show comes from here. pandas is
imported by this module only (``import autodiag`` never loads it). Column names are short
Spanish ids (``componente``, ``nivel``, ``puntaje``); values are the content's ids, and the
component and tier columns are ordered categoricals in the rubric's order, so that grouping
and sorting follow the rubric rather than the alphabet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from .batch import BatchItem
from .errors import AutodiagError
from .model import Rubric
from .scoring import Diagnosis

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

QUESTION_COLUMNS = ["pregunta", "componente", "campo", "nombre_campo", "nivel", "peso", "minimo_legal", "elaboracion",
                    "texto", "fundamento"]
RECOMMENDATION_COLUMNS = ["recomendacion", "componente", "campo", "nombre_campo", "nivel", "preguntas",
                          "n_preguntas", "texto"]
TRIGGER_COLUMNS = ["recomendacion", "pregunta", "componente", "nivel_recomendacion", "nivel_pregunta",
                   "campo_recomendacion", "campo_pregunta"]
VALIDATION_COLUMNS = ["archivo", "estado", "mensaje", "etiqueta", "version_rubrica", "respondidas", "por_confirmar",
                      "avisos"]
FIELD_COLUMNS = ["componente", "campo", "nombre_campo", "puntaje", "respondidas", "total", "por_confirmar"]

VALID = "válido"
REFUSED = "rechazado"


def _pd():
    import pandas as pd

    return pd


def component_ids(rubric: Rubric) -> list[str]:
    return [c.id for c in rubric.components]


def tier_ids(rubric: Rubric) -> list[str]:
    return [t.id for t in rubric.tiers]


def risk_ids(rubric: Rubric) -> list[str]:
    return [r.id for r in rubric.risks]


def categorize(frame: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """Make the component, tier and risk columns ordered categoricals in the rubric's order."""
    pd = _pd()
    orders = {"componente": component_ids(rubric), "riesgo": risk_ids(rubric)}
    for column in frame.columns:
        if column in orders:
            categories = orders[column]
        elif column == "nivel" or column.startswith("nivel_"):
            categories = tier_ids(rubric)
        else:
            continue
        frame[column] = pd.Categorical(frame[column], categories=categories, ordered=True)
    return frame


# --- the rubric ---------------------------------------------------------------------------

def questions_frame(rubric: Rubric) -> pd.DataFrame:
    """One row per question, in the rubric's order, with its legal basis and whether it is a legal
    minimum (``minimo_legal``) or admits "En elaboración" (``elaboracion``)."""
    rows = [
        {"pregunta": q.id, "componente": q.component, "campo": q.field,
         "nombre_campo": rubric.field(q.component, q.field).name, "nivel": q.tier, "peso": q.weight,
         "minimo_legal": q.legal_minimum, "elaboracion": q.admits_drafting, "texto": q.text,
         "fundamento": q.fundamento}
        for q in rubric.questions
    ]
    return categorize(_pd().DataFrame(rows, columns=QUESTION_COLUMNS), rubric)


def recommendations_frame(rubric: Rubric) -> pd.DataFrame:
    """One row per recommendation, in the seed's order, with the questions that trigger it."""
    rows = [
        {"recomendacion": r.id, "componente": r.component, "campo": r.field,
         "nombre_campo": rubric.field(r.component, r.field).name, "nivel": r.tier,
         "preguntas": ", ".join(r.triggers), "n_preguntas": len(r.triggers), "texto": r.full_text}
        for r in rubric.recommendations
    ]
    return categorize(_pd().DataFrame(rows, columns=RECOMMENDATION_COLUMNS), rubric)


def triggers_frame(rubric: Rubric) -> pd.DataFrame:
    """The long table recommendation × question: one row per trigger."""
    rows = [
        {"recomendacion": r.id, "pregunta": qid, "componente": r.component,
         "nivel_recomendacion": r.tier, "nivel_pregunta": rubric.question(qid).tier,
         "campo_recomendacion": r.field, "campo_pregunta": rubric.question(qid).field}
        for r in rubric.recommendations
        for qid in r.triggers
    ]
    return categorize(_pd().DataFrame(rows, columns=TRIGGER_COLUMNS), rubric)


def coverage_matrix(rubric: Rubric, by: Literal["tier", "field"] = "tier",
                    of: Literal["preguntas", "recomendaciones"] = "preguntas") -> pd.DataFrame:
    """How many questions (or recommendations) the rubric has in each cell.

    - ``by="tier"``: rows are components, columns tiers;
    - ``by="field"``: rows are (component, field) pairs, columns tiers — the per-field
      detail of the same matrix (fields belong to one component each).

    Empty cells are 0, so a gap in the rubric shows as a 0 in the matrix.
    """
    pd = _pd()
    if of == "preguntas":
        items = [(q.component, q.field, q.tier) for q in rubric.questions]
    elif of == "recomendaciones":
        items = [(r.component, r.field, r.tier) for r in rubric.recommendations]
    else:
        raise AutodiagError.one("argumento-invalido", f"of debe ser 'preguntas' o 'recomendaciones', no {of!r}",
                                path="of")
    tiers = tier_ids(rubric)
    if by == "tier":
        index = pd.Index(component_ids(rubric), name="componente")
        keys: list[str | tuple[str, str]] = [c for c, _, _ in items]
    elif by == "field":
        index = pd.MultiIndex.from_tuples([(c.id, f.id) for c in rubric.components for f in c.fields],
                                          names=["componente", "campo"])
        keys = [(c, f) for c, f, _ in items]
    else:
        raise AutodiagError.one("argumento-invalido", f"by debe ser 'tier' o 'field', no {by!r}", path="by")
    matrix = pd.DataFrame(0, index=index, columns=pd.Index(tiers, name="nivel"))
    for key, (_, _, tier) in zip(keys, items):
        matrix.loc[key, tier] += 1
    return matrix


# --- one diagnosis ------------------------------------------------------------------------

def diagnosis_frame(diagnosis: Diagnosis) -> pd.DataFrame:
    """One row per component: level, risk, score, tier coverages, irregularity, counts."""
    rows = []
    for c in diagnosis:
        row = {"componente": c.component, "nombre": c.name, "nivel": c.level, "riesgo": c.risk,
               "puntaje": round(c.score, 1)}
        row.update({f"cobertura_{tier}": round(value, 3) for tier, value in c.coverage.items()})
        row.update(irregular=c.irregular, respondidas=c.answered, total=c.total,
                   por_confirmar=len(c.unknown), sin_responder=len(c.unanswered),
                   recomendaciones=len(c.recommendations))
        rows.append(row)
    return _pd().DataFrame(rows).set_index("componente")


def fields_frame(diagnosis: Diagnosis) -> pd.DataFrame:
    """One row per (component, field) with the field's score and answer counts."""
    rows = [
        {"componente": f.component, "campo": f.field, "nombre_campo": f.name, "puntaje": round(f.score, 1),
         "respondidas": f.answered, "total": f.total, "por_confirmar": f.unknown}
        for c in diagnosis
        for f in c.fields
    ]
    return _pd().DataFrame(rows, columns=FIELD_COLUMNS)


# --- a batch of answers files -------------------------------------------------------------

def batch_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    """One row per valid file × component. Refused files are not here: see `refused_frame`."""
    rows = []
    for item in items:
        if item.diagnosis is None:  # refused (not `item.ok`: this narrows the type for mypy)
            continue
        label = item.answers.label if item.answers is not None else ""
        for c in item.diagnosis:
            row = {"archivo": item.name, "etiqueta": label, "componente": c.component, "nivel": c.level,
                   "riesgo": c.risk, "puntaje": round(c.score, 1), "irregular": c.irregular,
                   "respondidas": c.answered, "total": c.total, "por_confirmar": len(c.unknown)}
            row.update({f"cobertura_{tier}": round(value, 3) for tier, value in c.coverage.items()})
            rows.append(row)
    columns = ["archivo", "etiqueta", "componente", "nivel", "riesgo", "puntaje", "irregular", "respondidas",
               "total", "por_confirmar"]
    return _pd().DataFrame(rows, columns=columns + [k for k in (rows[0] if rows else {}) if k not in columns])


def refused_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    """The files that could not be read, with the reason (one Spanish sentence each)."""
    rows = [{"archivo": item.name, "mensaje": item.error} for item in items if not item.ok]
    return _pd().DataFrame(rows, columns=["archivo", "mensaje"])


def validation_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    """The validation report of a batch: every file, valid or refused, and why.

    ``version_rubrica`` is the rubric version each file was made with; ``avisos`` says, for a
    file of an earlier version, which questions are new (unanswered), carried or removed.
    """
    rows = []
    for item in items:
        d = item.diagnosis
        if d is not None:
            rows.append({"archivo": item.name, "estado": VALID, "mensaje": "",
                         "etiqueta": item.answers.label if item.answers is not None else "",
                         "version_rubrica": item.version,
                         "respondidas": sum(c.answered for c in d), "por_confirmar": len(d.unknown),
                         "avisos": " ".join(item.notices)})
        else:
            rows.append({"archivo": item.name, "estado": REFUSED, "mensaje": item.error, "etiqueta": "",
                         "version_rubrica": "", "respondidas": None, "por_confirmar": None, "avisos": ""})
    frame = _pd().DataFrame(rows, columns=VALIDATION_COLUMNS)
    frame["respondidas"] = frame["respondidas"].astype("Int64")
    frame["por_confirmar"] = frame["por_confirmar"].astype("Int64")
    return frame


def batch_fields_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    """One row per valid file × field: the field scores of every participant."""
    pd = _pd()
    frames = []
    for item in items:
        if item.diagnosis is not None:
            frame = fields_frame(item.diagnosis)
            frame.insert(0, "archivo", item.name)
            frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["archivo", *FIELD_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def distribution(frame: pd.DataFrame, rubric: Rubric, by: str = "nivel") -> pd.DataFrame:
    """Counts per component (rows) and level or risk (columns) of a simulation or batch frame."""
    import pandas as pd

    categories = {"nivel": tier_ids(rubric), "riesgo": risk_ids(rubric)}
    if by not in categories:
        raise AutodiagError.one("argumento-invalido", f"by debe ser 'nivel' o 'riesgo', no {by!r}", path="by")
    table = pd.crosstab(pd.Categorical(frame["componente"], categories=component_ids(rubric)),
                        pd.Categorical(frame[by], categories=categories[by]), dropna=False)
    table.index.name, table.columns.name = "componente", by
    return table.astype(int)
