"""One typed view of a diagnosis: everything the results screen and the reports show.

`build_view(rubric, diagnosis, answers, previous=...)` gathers, once, what the app's results,
the HTML report, the PDF and the CSV print: per component the level, the risk light, the score,
the fields, the recommendations by group and the answers with their notes; the comparison with
an earlier diagnosis; the considerations; and every label the renderers need, already chosen
from the content's texts. The renderers (`autodiag.report`, `autodiag.app.results`) only lay it
out, so the four outputs cannot disagree.

All classes are frozen dataclasses of plain values (text, numbers, tuples), so a view can also
travel as JSON (`as_json`), which is how the PDF's Typst template receives it.

Text the user typed (notes, label) is made well-formed Unicode here (`autodiag.typed_text.well_formed`): a lone
surrogate, which no UTF-8 file can hold, becomes U+FFFD instead of breaking a renderer.

Growing it: the action plan joined `DiagnosisView` as one more field with a default (`plan`), and so
did its follow-up (`followup`, `autodiag.followup_view`: per action, whether the practices that
triggered it are now in place); renderers that do not show a part are unaffected.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from . import clock
from .answers import AnswersFile
from .model import Rubric, Texts
from .plan import Action, estado_label, plazo_label, prioridad_label
from .scoring import ComponentResult, Diagnosis
from .typed_text import well_formed

if TYPE_CHECKING:  # pragma: no cover
    from .followup_view import FollowUpView


@dataclass(frozen=True)
class Labels:
    """The headings and fixed phrases of the results and reports (texts of content/textos.yaml)."""

    results_title: str
    by_component: str
    level: str
    risk: str
    score: str
    by_field: str
    field: str
    answered: str
    unknown: str
    irregular: str
    unmet_minimums: str
    recommendations: str
    no_recommendations: str
    editorial_addition: str
    comparison: str
    comparison_note: str
    before: str
    after: str
    change: str
    answers: str
    question: str
    answer: str
    note: str
    fundamento: str
    footer: str
    chart_title: str
    chart_axis: str
    chart_description: str
    page: str
    """``Página {n} de {total}``: the PDF's page numbers."""
    csv: CsvLabels | None = None
    """The CSV's Spanish headers and words."""

    @classmethod
    def from_texts(cls, t: Texts) -> Labels:
        return cls(
            results_title=t.get("resultados.titulo"), by_component=t.get("app.por_componente"),
            level=t.get("resultados.nivel"), risk=t.get("resultados.riesgo"), score=t.get("resultados.puntaje"),
            by_field=t.get("resultados.por_campo"), field=t.get("resultados.campo"),
            answered=t.get("resultados.preguntas_respondidas"), unknown=t.get("resultados.por_confirmar"),
            irregular=t.get("resultados.perfil_irregular"),
            unmet_minimums=t.get("resultados.minimos_incumplidos"), recommendations=t.get("resultados.recomendaciones"),
            no_recommendations=t.get("resultados.sin_recomendaciones"),
            editorial_addition=t.get("resultados.complemento_editorial"),
            comparison=t.get("reporte.comparacion"), comparison_note=t.get("app.comparacion_nota"),
            before=t.get("reporte.anterior"), after=t.get("reporte.actual"), change=t.get("reporte.cambio"),
            answers=t.get("reporte.respuestas"), question=t.get("reporte.pregunta"),
            answer=t.get("reporte.respuesta"), note=t.get("reporte.nota"), fundamento=t.get("interfaz.fundamento"),
            footer=t.get("reporte.pie"), chart_title=t.get("resultados.grafica_titulo"),
            chart_axis=t.get("resultados.grafica_eje"), chart_description=t.get("app.grafica_descripcion"),
            page=t.get("interfaz.pagina"), csv=CsvLabels.from_texts(t),
        )


CSV_COLUMNS = ("tipo", "componente", "campo", "nivel", "riesgo", "puntaje", "respondidas", "total", "por_confirmar",
               "perfil_irregular", "grupo", "numero", "texto", "respuesta", "nota", "recomendacion", "area", "plazo",
               "prioridad", "indicador", "estado", "seguimiento", "practicas_faltantes")
"""Keys of ``csv.columnas`` in textos.yaml: the CSV's columns for people, in order."""
CSV_KINDS = ("etiqueta", "componente", "campo", "recomendacion", "respuesta", "accion", "seguimiento")
"""Keys of ``csv.tipos``: the kinds of row of the CSV."""


@dataclass(frozen=True)
class CsvLabels:
    headers: tuple[str, ...]
    """One per `CSV_COLUMNS`."""
    kinds: tuple[tuple[str, str], ...]
    """(kind id, its Spanish name), one per `CSV_KINDS`."""
    yes: str
    no: str

    @classmethod
    def from_texts(cls, t: Texts) -> CsvLabels:
        return cls(tuple(t.get(f"csv.columnas.{key}") for key in CSV_COLUMNS),
                   tuple((kind, t.get(f"csv.tipos.{kind}")) for kind in CSV_KINDS),
                   t.get("csv.valor_si"), t.get("csv.valor_no"))

    def kind(self, kind_id: str) -> str:
        return dict(self.kinds)[kind_id]


@dataclass(frozen=True)
class TierCoverage:
    tier_id: str
    tier: str
    percent: int
    """Coverage of the tier's practices, 0–100."""


@dataclass(frozen=True)
class FieldView:
    id: str
    name: str
    score: int
    """0–100, rounded as shown."""
    answered: int
    total: int
    unknown: int


@dataclass(frozen=True)
class RecommendationView:
    id: str
    text: str
    """The seed's words, verbatim."""
    addition: str
    """An editorial completion in square brackets, or empty."""
    tier_id: str
    tier: str
    field_id: str
    field: str


@dataclass(frozen=True)
class RecommendationGroup:
    id: str
    """``prioritarias``, ``pendientes`` or ``siguientes`` (keys of ``resultados.grupos``)."""
    title: str
    items: tuple[RecommendationView, ...]


@dataclass(frozen=True)
class AnswerView:
    question_id: str
    number: int
    """The question's position in the whole questionnaire, from 1."""
    text: str
    option_id: str
    """The chosen option's id, or empty when unanswered."""
    answer: str
    """The chosen option's label, or the content's «sin respuesta»."""
    note: str
    fundamento: str
    """The legal basis of a legal-minimum question, or empty."""


@dataclass(frozen=True)
class ComponentView:
    id: str
    name: str
    short_name: str
    level_id: str
    level: str
    level_description: str
    risk_id: str
    risk: str
    risk_color: str
    score: int
    """0–100, rounded as every output shows it."""
    exact_score: float
    irregular: bool
    unmet_minimums: tuple[str, ...]
    """The texts of the legal minimums not met (they keep the component at the lowest level)."""
    answered: int
    total: int
    unknown: int
    coverage: tuple[TierCoverage, ...]
    fields: tuple[FieldView, ...]
    groups: tuple[RecommendationGroup, ...]
    answers: tuple[AnswerView, ...]

    @property
    def has_addition(self) -> bool:
        return any(r.addition for g in self.groups for r in g.items)

    @property
    def recommendations(self) -> tuple[RecommendationView, ...]:
        return tuple(r for g in self.groups for r in g.items)


@dataclass(frozen=True)
class ActionView:
    """One action of the plan as every output shows it (labels in Spanish)."""

    id: str
    text: str
    recommendation_id: str
    """The recommendation it starts from, or empty for the person's own action."""
    origin: str
    """The recommendation id, or ``Acción propia``."""
    component_id: str
    component: str
    tier_id: str
    tier: str
    area: str
    plazo_id: str
    plazo: str
    prioridad_id: str
    prioridad: str
    indicador: str
    estado_id: str
    estado: str
    nota: str


PLAN_COLUMNS = ("id", "accion", "recomendacion", "componente", "nivel", "area", "plazo", "prioridad", "indicador",
                "estado", "nota")
"""Keys of ``plan.columnas`` in textos.yaml, in the order the plan's tables show them."""


@dataclass(frozen=True)
class PlanView:
    title: str
    headers: tuple[str, ...]
    """Spanish headers, one per `PLAN_COLUMNS`."""
    actions: tuple[ActionView, ...]

    @staticmethod
    def row(a: ActionView) -> tuple[str, ...]:
        """The cells of an action, in the order of `headers`."""
        return (a.id, a.text, a.origin, a.component, a.tier, a.area, a.plazo, a.prioridad, a.indicador, a.estado,
                a.nota)


@dataclass(frozen=True)
class ComparisonRow:
    """Change of one component between an earlier diagnosis and the current one."""

    component: str
    name: str
    before_score: int
    after_score: int
    before_level: str
    after_level: str
    before_answered: int = 0
    before_total: int = 0
    compared: bool = True
    """False when the earlier file answered too few of the component's questions to compare it
    (``umbrales.comparacion_respondidas``): its cells say so and no change is shown."""
    before_text: str = ""
    """The «Anterior» cell: ``44 · Básico``, with ``(15 de 18 respondidas)`` when the earlier file
    answered part of the component, or «Sin datos suficientes…»."""
    after_text: str = ""
    change_text: str = ""
    """``+16``, ``0``, ``-3``, or «No se compara»."""

    @property
    def change(self) -> int:
        return self.after_score - self.before_score


@dataclass(frozen=True)
class EarlierView:
    """What the comparison says of the earlier file: its date, its label and its completeness."""

    created: str
    """Its date in the official's zone, or empty when the file has none."""
    label: str
    answered: int
    total: int
    complete: bool
    lines: tuple[str, ...]
    """The sentences shown above the comparison: date, label (if any), completeness."""


@dataclass(frozen=True)
class ChartBar:
    """One component's bar of the results chart."""

    component_id: str
    name: str
    """The component's short name."""
    value: str
    """What the bar says beside its name (``resultados.grafica_valor``: score and level)."""
    score: float
    """The exact score, 0–100: the bar's length."""
    color: str
    """The colour of the component's risk (content)."""
    alt: str
    """The bar in words (``resultados.grafica_componente``: score, level and risk)."""


@dataclass(frozen=True)
class ChartView:
    """Everything the results chart says (`autodiag.chart` only lays it out)."""

    title: str
    axis: str
    alt: str
    """The chart's text alternative: its title and every bar in words."""
    bars: tuple[ChartBar, ...]
    cuts: tuple[float, ...]
    """The risk cut points (0–100), drawn as dashed lines."""
    cut_color: str


@dataclass(frozen=True)
class DiagnosisView:
    rubric_id: str
    rubric_version: str
    title: str
    generated: str
    label: str
    """The answers file's label as typed, or empty."""
    label_line: str
    """``Etiqueta del archivo: …``, or empty."""
    not_an_evaluation: str
    incomplete: str
    """The warning of an incomplete questionnaire, or empty."""
    components: tuple[ComponentView, ...]
    comparison: tuple[ComparisonRow, ...]
    considerations_title: str
    considerations: tuple[str, ...]
    risk_cuts: tuple[float, ...]
    labels: Labels
    chart: ChartView | None = None
    """What the results chart shows and says (`autodiag.chart`)."""
    plan: PlanView | None = None
    """The action plan, or None when the answers file has none."""
    followup: FollowUpView | None = None
    """The follow-up of a plan (this file's, else the earlier diagnosis's), or None (`autodiag.followup`)."""
    earlier: EarlierView | None = None
    """The earlier file of the comparison (date, label, completeness), when the comparison has one."""

    @property
    def has_addition(self) -> bool:
        return any(c.has_addition for c in self.components)

    def component(self, component_id: str) -> ComponentView:
        return next(c for c in self.components if c.id == component_id)

    def as_dict(self) -> dict:
        """Plain data (for JSON): the fields and the derived flags the templates read."""
        data = dataclasses.asdict(self)
        data["has_addition"] = self.has_addition
        for component, plain in zip(self.components, data["components"]):
            plain["has_addition"] = component.has_addition
        for row, plain in zip(self.comparison, data["comparison"]):
            plain["change"] = row.change
        return data

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


def build_view(rubric: Rubric, diagnosis: Diagnosis, answers: AnswersFile, *, previous: Diagnosis | None = None,
               previous_file: AnswersFile | None = None, generated: datetime | None = None,
               zone: str | None = None, previous_plan: tuple[Action, ...] = ()) -> DiagnosisView:
    """The view of `diagnosis` (of `answers`), compared with `previous` if given (the diagnosis of
    `previous_file`, whose date and label the comparison then shows).

    The follow-up reads the plan of `answers`, or else `previous_plan` (default: `previous_file`'s).
    Dates are in the time zone `zone` (the official's; see `autodiag.clock`), by default the
    content's; `generated` (default: now) is converted to it."""
    if not previous_plan and previous_file is not None:
        previous_plan = previous_file.plan
    t = rubric.texts
    label = well_formed(answers.label)
    where = clock.resolve(zone, t)
    moment = generated.astimezone(where) if generated and generated.tzinfo else generated or datetime.now(where)
    when = clock.describe(t, moment)
    components = tuple(_component(rubric, result, answers) for result in diagnosis)
    return DiagnosisView(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        title=t.get("reporte.titulo"),
        generated=t.get("reporte.generado", fecha=when, rubrica=rubric.title, version=rubric.version),
        label=label,
        label_line=t.get("reporte.etiqueta", etiqueta=label) if label else "",
        not_an_evaluation=t.get("presentacion.que_no_es"),
        incomplete=t.get("resultados.incompleto", n=len(diagnosis.unanswered)) if diagnosis.unanswered else "",
        components=components,
        comparison=_comparison(rubric, previous, diagnosis) if previous is not None else (),
        considerations_title=t.get("consideraciones.titulo"),
        considerations=tuple(t.list("consideraciones.puntos")),
        risk_cuts=tuple(diagnosis.risk_cuts),
        labels=Labels.from_texts(t),
        chart=_chart(t, components, diagnosis.risk_cuts),
        plan=_plan(rubric, answers.plan) if answers.plan else None,
        followup=followup_view(rubric, answers, previous_plan),
        earlier=_earlier(rubric, previous, previous_file, where) if previous is not None else None,
    )


def followup_view(rubric: Rubric, answers: AnswersFile, previous_plan: tuple[Action, ...]) -> FollowUpView | None:
    from .followup_view import build_followup

    return build_followup(rubric, answers, previous_plan)


def _chart(t: Texts, components: tuple[ComponentView, ...], cuts: tuple[float, ...]) -> ChartView:
    bars = tuple(ChartBar(
        component_id=c.id, name=c.short_name, value=t.get("resultados.grafica_valor", puntaje=c.score, nivel=c.level),
        score=c.exact_score, color=c.risk_color,
        alt=t.get("resultados.grafica_componente", nombre=c.name, puntaje=c.score, nivel=c.level, riesgo=c.risk))
        for c in components)
    title = t.get("resultados.grafica_titulo")
    return ChartView(title=title, axis=t.get("resultados.grafica_eje"),
                     alt=t.get("resultados.grafica_alternativa", titulo=title,
                               componentes=" ".join(bar.alt for bar in bars)),
                     bars=bars, cuts=tuple(float(cut) for cut in cuts), cut_color=t.get("graficas.colores.referencia"))


def _plan(rubric: Rubric, plan: tuple[Action, ...]) -> PlanView:
    t = rubric.texts
    components = {c.id: c.name for c in rubric.components}
    tiers = {x.id: x.name for x in rubric.tiers}
    return PlanView(
        title=t.get("plan.titulo"),
        headers=tuple(t.get(f"plan.columnas.{key}") for key in PLAN_COLUMNS),
        actions=tuple(ActionView(
            id=a.id, text=well_formed(a.text), recommendation_id=a.recommendation or "",
            origin=a.recommendation or t.get("plan.propia"), component_id=a.component,
            component=components.get(a.component, ""), tier_id=a.tier, tier=tiers.get(a.tier, ""),
            area=well_formed(a.area), plazo_id=a.plazo.value, plazo=plazo_label(t, a.plazo),
            prioridad_id=a.prioridad.value, prioridad=prioridad_label(t, a.prioridad),
            indicador=well_formed(a.indicador), estado_id=a.estado.value, estado=estado_label(t, a.estado),
            nota=well_formed(a.nota)) for a in plan),
    )


def _component(rubric: Rubric, result: ComponentResult, answers: AnswersFile) -> ComponentView:
    t = rubric.texts
    level, risk, component = rubric.tier(result.level), rubric.risk(result.risk), rubric.component(result.component)
    options = {o.id: o.label for o in rubric.scale}
    numbers = {q.id: i for i, q in enumerate(rubric.questions, start=1)}
    groups = tuple(
        RecommendationGroup(group, t.get(f"resultados.grupos.{group}"), tuple(
            RecommendationView(r.id, r.text, r.addition, r.tier, rubric.tier(r.tier).name, r.field,
                               rubric.field(r.component, r.field).name)
            for r in recs))
        for group, recs in result.recommendations.groups()
    )
    return ComponentView(
        id=component.id, name=component.name, short_name=component.short_name,
        level_id=level.id, level=level.name, level_description=level.description,
        risk_id=risk.id, risk=risk.name, risk_color=risk.color,
        score=round(result.score), exact_score=result.score, irregular=result.irregular,
        unmet_minimums=tuple(rubric.question(qid).text for qid in result.unmet_minimums),
        answered=result.answered, total=result.total, unknown=len(result.unknown),
        coverage=tuple(TierCoverage(tier.id, tier.name, round(100 * result.coverage[tier.id]))
                       for tier in rubric.tiers),
        fields=tuple(FieldView(f.field, f.name, round(f.score), f.answered, f.total, f.unknown) for f in result.fields),
        groups=groups,
        answers=tuple(
            AnswerView(q.id, numbers[q.id], q.text, answers.answers.get(q.id, ""),
                       options.get(answers.answers.get(q.id, ""), t.get("reporte.sin_respuesta")),
                       well_formed(answers.notes.get(q.id, "")), getattr(q, "fundamento", "") or "")
            for q in rubric.questions_of(component.id)),
    )


def _comparison(rubric: Rubric, before: Diagnosis, after: Diagnosis) -> tuple[ComparisonRow, ...]:
    """One row per component; one the earlier file answered too little of is not compared."""
    t = rubric.texts
    rows = []
    for c in rubric.components:
        old, new = before[c.id], after[c.id]
        old_score, new_score = round(old.score), round(new.score)
        old_level, new_level = rubric.tier(old.level).name, rubric.tier(new.level).name
        compared = old.total > 0 and old.answered >= rubric.thresholds.comparison_answered * old.total
        counts = {"respondidas": old.answered, "total": old.total}
        if not compared:
            before_text, change_text = t.get("reporte.no_comparable", **counts), t.get("reporte.sin_cambio")
        else:
            before_text = f"{old_score} · {old_level}"
            if old.answered < old.total:
                before_text += f" ({t.get('reporte.comparado_parcial', **counts)})"
            change_text = f"{new_score - old_score:+d}" if new_score != old_score else "0"
        rows.append(ComparisonRow(c.id, c.name, old_score, new_score, old_level, new_level, old.answered, old.total,
                                  compared, before_text, f"{new_score} · {new_level}", change_text))
    return tuple(rows)


def _earlier(rubric: Rubric, before: Diagnosis, file: AnswersFile | None, where: tzinfo) -> EarlierView:
    """What the comparison says of the earlier file (its date and label only when the file is given)."""
    t = rubric.texts
    answered = sum(c.answered for c in before)
    total = sum(c.total for c in before)
    moment = clock.from_iso(file.created, where) if file is not None and file.created else None
    created = clock.describe(t, moment) if moment is not None else ""
    label = well_formed(file.label) if file is not None else ""
    lines = [] if file is None else [
        t.get("reporte.anterior_fecha", fecha=created) if created else t.get("reporte.anterior_sin_fecha")]
    if label:
        lines.append(t.get("reporte.anterior_etiqueta", etiqueta=label))
    complete = answered >= total
    lines.append(t.get("reporte.anterior_completo", total=total) if complete else t.get(
        "reporte.anterior_incompleto", respondidas=answered, total=total,
        minimo=round(100 * rubric.thresholds.comparison_answered)))
    return EarlierView(created, label, answered, total, complete, tuple(lines))
