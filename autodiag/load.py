"""Read `content/` into a `Rubric`, checking everything and reporting every problem at once.

Each problem names its file and key path, e.g.::

    preguntas.yaml: transparencia.preguntas[4].peso: se esperaba un número, no 'alto' [tipo-invalido]

`validate_content(path)` returns a report; `load_rubric(path)` returns the rubric or raises
`ContentError` carrying the same report.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from . import resources
from .errors import AutodiagError, Problem
from .model import (
    AnswerOption,
    Component,
    Field,
    MigrationStep,
    Question,
    Recommendation,
    RiskBand,
    RiskRange,
    Rubric,
    Texts,
    Thresholds,
    Tier,
)

CONTENT_ENV = "AUTODIAG_CONTENT"
"""Environment variable naming an adapted content folder."""

DEFAULT_CONTENT = resources.content_dir()
"""The content the package carries (the repository's content/ in a checkout)."""

FILES = ("rubrica.yaml", "componentes.yaml", "preguntas.yaml", "recomendaciones.yaml", "textos.yaml")
MIGRATIONS_FILE = "migraciones.yaml"
"""Optional: the steps that carry answers files of earlier rubric versions to this one."""
COMPONENT_IDS = ("transparencia", "participacion", "rendicion_cuentas", "marco_politicas", "innovacion")
TIER_IDS = ("basico", "intermedio", "avanzado")
SCALE_IDS = ("si", "parcial", "no", "nose")
DRAFTING_ID = "elaboracion"
"""The optional option "En elaboración", offered only on questions with ``elaboracion: true``."""
MIN_BASIC_QUESTIONS = 4
"""Fewer basic questions and one answer flips a component's level (a rule of the tool, not of one rubric)."""
GOOD_PRACTICE = "buena práctica"
"""How a `fundamento` that rests on no law starts; a legal minimum cannot rest on it."""
MAX_FILE_BYTES = 2_000_000

TEXTS_FILE = "textos.yaml"
"""An adapted textos.yaml is checked against the default one (the content the package carries):
every text of the default must be there, of the same kind (a text or a list of texts), and may
use only the {placeholders} the default's text uses, which are the ones the code fills in."""


@dataclass
class ValidationReport:
    folder: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.valid:
            return f"{self.folder}: contenido válido"
        lines = [f"{self.folder}: {len(self.problems)} problema(s)"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class ContentError(AutodiagError):
    """The content folder has problems; `report` lists every one (as do `problems`)."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__(report.problems or [Problem(report.folder, "", "contenido inválido", "contenido-invalido")])

    def __str__(self) -> str:
        return str(self.report)


def content_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The content folder to use: `path`, else `$AUTODIAG_CONTENT`, else the one the package carries."""
    if path is not None:
        return Path(path)
    env = os.environ.get(CONTENT_ENV)
    return Path(env) if env else DEFAULT_CONTENT


def load_rubric(path: str | os.PathLike[str] | None = None) -> Rubric:
    """Read and validate a content folder; raise `ContentError` listing every problem."""
    rubric, report = _build(content_dir(path))
    if rubric is None or not report.valid:
        raise ContentError(report)
    return rubric


def validate_content(path: str | os.PathLike[str] | None = None) -> ValidationReport:
    """Check a content folder and report every problem (never raises for bad content)."""
    return _build(content_dir(path))[1]


# --- reading -------------------------------------------------------------------------


class _Checker:
    """Collects problems while reading raw YAML data into typed values."""

    def __init__(self, report: ValidationReport):
        self.report = report

    def add(self, file: str, path: str, message: str, code: str) -> None:
        self.report.problems.append(Problem(file, path, message, code))

    def mapping(self, node: Any, file: str, path: str) -> Mapping[str, Any] | None:
        if isinstance(node, Mapping):
            return node
        self.add(file, path, f"se esperaba un mapeo (llave: valor), no {_show(node)}", "tipo-invalido")
        return None

    def sequence(self, node: Any, file: str, path: str) -> list[Any]:
        if isinstance(node, list):
            return node
        self.add(file, path, f"se esperaba una lista, no {_show(node)}", "tipo-invalido")
        return []

    def items(self, node: Any, file: str, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """(item path, mapping) for each mapping of the list at `path`; anything else is reported."""
        for i, item in enumerate(self.sequence(node, file, path)):
            item_path = f"{path}[{i}]"
            mapping = self.mapping(item, file, item_path)
            if mapping is not None:
                yield item_path, mapping

    def text(self, node: Mapping[str, Any], key: str, file: str, path: str, *, required: bool = True) -> str:
        full = _join(path, key)
        if key not in node or node[key] is None:
            if required:
                self.add(file, full, "falta este campo", "campo-faltante")
            return ""
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(file, full, f"se esperaba un texto, no {_show(value)}", "tipo-invalido")
            return ""
        value = str(value).strip()
        if required and not value:
            self.add(file, full, "el texto está vacío", "texto-vacio")
        return value

    def ident(self, node: Mapping[str, Any], key: str, file: str, path: str) -> str:
        full = _join(path, key)
        value = node.get(key)
        if isinstance(value, bool):
            self.add(file, full, f"{value!r} se leyó como sí/no de YAML; escriba el id entre comillas", "tipo-invalido")
            return ""
        if not isinstance(value, str) or not value.strip():
            missing = value is None
            self.add(file, full, "falta el id o no es un texto" if missing else f"se esperaba un id, no {_show(value)}",
                     "campo-faltante" if missing else "tipo-invalido")
            return ""
        return value.strip()

    def number(self, node: Mapping[str, Any], key: str, file: str, path: str,
               default: float | None = None) -> float | None:
        full = _join(path, key)
        if key not in node:
            if default is None:
                self.add(file, full, "falta este campo", "campo-faltante")
            return default
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(file, full, f"se esperaba un número, no {_show(value)}", "tipo-invalido")
            return None
        return float(value)

    def flag(self, node: Mapping[str, Any], key: str, file: str, path: str) -> bool:
        """An optional ``true``/``false`` (absent: false)."""
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.add(file, _join(path, key), f"se esperaba true o false, no {_show(value)}", "tipo-invalido")
            return False
        return value

    def unique(self, items: Iterable[tuple[str, str, str]], what: str) -> None:
        """Report repeated ids; `items` are (id, file, path) in reading order."""
        seen: dict[str, str] = {}
        for ident, file, path in items:
            if not ident:
                continue
            if ident in seen:
                self.add(file, path, f"{what} repetido «{ident}» (ya definido en {seen[ident]})", "id-duplicado")
            else:
                seen[ident] = f"{file}: {path}"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _read_yaml(folder: Path, name: str, check: _Checker) -> Any:
    path = folder / name
    if not path.is_file():
        check.add(name, "", f"no existe el archivo en {folder}", "archivo-faltante")
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        check.add(name, "", f"el archivo pesa más de {MAX_FILE_BYTES // 1_000_000} MB", "archivo-muy-grande")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        check.add(name, "", f"no está en UTF-8 (byte {exc.start})", "codificacion")
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"línea {mark.line + 1}, columna {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        check.add(name, where, f"YAML inválido: {problem}", "yaml-invalido")
        return None


def _build(folder: Path) -> tuple[Rubric | None, ValidationReport]:
    report = ValidationReport(str(folder))
    check = _Checker(report)
    if not folder.is_dir():
        check.add(str(folder), "", "no existe la carpeta de contenido", "carpeta-faltante")
        return None, report
    raw = {name: _read_yaml(folder, name, check) for name in FILES}
    if any(value is None for value in raw.values()):
        return None, report

    head = _read_head(raw["rubrica.yaml"], check)
    components = _read_components(raw["componentes.yaml"], check)
    tiers = head["tiers"]
    questions = _read_questions(raw["preguntas.yaml"], components, tiers, head["scale"], check)
    recommendations = _read_recommendations(raw["recomendaciones.yaml"], components, tiers, questions, check)
    texts = _read_texts(raw["textos.yaml"], check)
    _check_coverage(components, tiers, questions, recommendations, check)
    migrations: tuple[MigrationStep, ...] = ()
    if (folder / MIGRATIONS_FILE).is_file():
        data = _read_yaml(folder, MIGRATIONS_FILE, check)
        if data is not None:
            migrations = _read_migrations(data, head["version"], questions, check)
    if not report.valid:
        return None, report
    rubric = Rubric(
        id=head["id"],
        version=head["version"],
        title=head["title"],
        scale=head["scale"],
        tiers=tuple(tiers),
        risks=head["risks"],
        thresholds=head["thresholds"],
        components=tuple(components),
        questions=tuple(questions),
        recommendations=tuple(recommendations),
        texts=texts,
        migrations=migrations,
    )
    return rubric, report


def _read_head(data: Any, check: _Checker) -> dict[str, Any]:
    file = "rubrica.yaml"
    node = check.mapping(data, file, "") or {}
    head: dict[str, Any] = {
        "id": check.ident(node, "id", file, ""),
        "version": check.text(node, "version", file, ""),
        "title": check.text(node, "titulo", file, ""),
    }

    scale: list[AnswerOption] = []
    for path, item in check.items(node.get("escala"), file, "escala"):
        value = check.number(item, "valor", file, path)
        if value is not None and not 0 <= value <= 1:
            check.add(file, f"{path}.valor", f"el valor debe estar entre 0 y 1, no {value:g}", "fuera-de-rango")
        unknown = item.get("por_confirmar", False)
        if not isinstance(unknown, bool):
            check.add(file, f"{path}.por_confirmar", "se esperaba true o false", "tipo-invalido")
        option_id = check.ident(item, "id", file, path)
        scale.append(AnswerOption(option_id, check.text(item, "etiqueta", file, path),
                                  value or 0.0, unknown is True, option_id == DRAFTING_ID))
    check.unique(((o.id, file, f"escala[{i}].id") for i, o in enumerate(scale)), "id de opción")
    ids = sorted(o.id for o in scale if o.id != DRAFTING_ID)
    if scale and ids != sorted(SCALE_IDS):
        check.add(file, "escala", f"la escala debe tener las opciones {', '.join(SCALE_IDS)} (y, si se quiere, "
                  f"{DRAFTING_ID}); tiene {', '.join(o.id for o in scale) or 'ninguna'}", "escala-invalida")
    values = {o.id: o.value for o in scale}
    if (DRAFTING_ID in values and "parcial" in values
            and not values.get("no", 0.0) <= values[DRAFTING_ID] < values["parcial"]):
        i = [o.id for o in scale].index(DRAFTING_ID)
        check.add(file, f"escala[{i}].valor", "«en elaboración» debe valer menos que «parcial» y no menos que «no»",
                  "escala-invalida")
    head["scale"] = tuple(scale)

    tiers: list[Tier] = []
    for path, item in check.items(node.get("niveles"), file, "niveles"):
        tiers.append(Tier(check.ident(item, "id", file, path), check.text(item, "nombre", file, path),
                          check.text(item, "descripcion", file, path), len(tiers)))
    if [t.id for t in tiers] != list(TIER_IDS):
        check.add(file, "niveles", f"los niveles deben ser, en orden, {', '.join(TIER_IDS)}", "niveles-invalidos")
    head["tiers"] = tiers

    risks: list[RiskBand] = []
    for path, item in check.items(node.get("riesgos"), file, "riesgos"):
        risks.append(RiskBand(check.ident(item, "id", file, path), check.text(item, "nombre", file, path),
                              check.text(item, "color", file, path), check.text(item, "descripcion", file, path)))
    check.unique(((r.id, file, f"riesgos[{i}].id") for i, r in enumerate(risks)), "id de riesgo")
    if len(risks) < 2:
        check.add(file, "riesgos", "se necesitan al menos dos niveles de riesgo", "riesgos-invalidos")
    head["risks"] = tuple(risks)

    limits = check.mapping(node.get("umbrales"), file, "umbrales") or {}
    theta = check.number(limits, "nivel", file, "umbrales")
    if theta is not None and not 0 < theta <= 1:
        check.add(file, "umbrales.nivel", f"θ debe estar entre 0 (excluido) y 1, no {theta:g}", "umbral-invalido")
    cuts_raw = check.sequence(limits.get("riesgo"), file, "umbrales.riesgo")
    cuts: list[float] = []
    for i, cut in enumerate(cuts_raw):
        if isinstance(cut, bool) or not isinstance(cut, (int, float)):
            check.add(file, f"umbrales.riesgo[{i}]", f"se esperaba un número, no {_show(cut)}", "tipo-invalido")
        elif not 0 < cut <= 100:
            check.add(file, f"umbrales.riesgo[{i}]", f"el punto de corte debe estar entre 0 y 100, no {cut:g}",
                      "umbral-invalido")
        else:
            cuts.append(float(cut))
    if cuts and any(b <= a for a, b in zip(cuts, cuts[1:])):
        check.add(file, "umbrales.riesgo", "los puntos de corte deben ser crecientes", "umbral-invalido")
    if risks and cuts_raw and len(cuts_raw) != len(risks) - 1:
        check.add(file, "umbrales.riesgo", f"con {len(risks)} niveles de riesgo se esperan {len(risks) - 1} "
                  f"puntos de corte, no {len(cuts_raw)}", "umbral-invalido")
    compared = check.number(limits, "comparacion_respondidas", file, "umbrales", default=1.0)
    if compared is not None and not 0 < compared <= 1:
        check.add(file, "umbrales.comparacion_respondidas", f"debe estar entre 0 (excluido) y 1, no {compared:g}",
                  "umbral-invalido")
    head["thresholds"] = Thresholds(theta or 0.0, tuple(cuts), _read_minimum_from(limits, scale, check),
                                    _read_risk_by_level(limits, tiers, risks, check),
                                    _read_unmet_band(limits, tiers, risks, check), compared or 1.0)
    return head


def _read_minimum_from(limits: Mapping[str, Any], scale: list[AnswerOption], check: _Checker) -> str:
    """``umbrales.minimo_legal_desde``: the lowest answer that meets a legal minimum."""
    file, path = "rubrica.yaml", "umbrales.minimo_legal_desde"
    option = check.ident(limits, "minimo_legal_desde", file, "umbrales")
    by_id = {o.id: o for o in scale}
    if option and option not in by_id:
        check.add(file, path, f"opción desconocida «{option}»", "referencia-desconocida")
    elif option and (by_id[option].unknown or by_id[option].value <= 0):
        check.add(file, path, f"«{option}» no puede cumplir un mínimo legal (vale 0 o es «No sé»)", "umbral-invalido")
    return option


def _read_risk_by_level(limits: Mapping[str, Any], tiers: list[Tier], risks: list[RiskBand],
                        check: _Checker) -> dict[str, RiskRange]:
    """``umbrales.riesgo_por_nivel``: per tier, ``[peor, mejor]`` risk bands allowed at that level.

    Refused unless the risk light can never contradict the level: the lowest level never
    allows the best band, the higher levels never the worst, and the ranges rise with the level.
    """
    file, key = "rubrica.yaml", "riesgo_por_nivel"
    node = check.mapping(limits.get(key), file, f"umbrales.{key}") or {}
    order = [r.id for r in risks]
    ranges: dict[str, RiskRange] = {}
    for t in tiers:
        path = f"umbrales.{key}.{t.id}"
        pair = node.get(t.id)
        if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(b, str) for b in pair):
            check.add(file, path, "falta, o no es una lista [peor, mejor] de niveles de riesgo"
                      if pair is None else f"se esperaba [peor, mejor], no {_show(pair)}",
                      "campo-faltante" if pair is None else "tipo-invalido")
            continue
        unknown = [b for b in pair if b not in order]
        if unknown:
            check.add(file, path, f"nivel de riesgo desconocido «{unknown[0]}»", "referencia-desconocida")
            continue
        worst, best = pair
        if order.index(worst) > order.index(best):
            check.add(file, path, f"«{worst}» es mejor que «{best}»: va primero el peor", "riesgo-incoherente")
            continue
        ranges[t.id] = RiskRange(worst, best)
    for extra in sorted(set(node) - {t.id for t in tiers}):
        check.add(file, f"umbrales.{key}.{extra}", f"nivel desconocido «{extra}»", "referencia-desconocida")
    if len(ranges) != len(tiers) or len(order) < 2:
        return ranges
    lowest, *higher = tiers
    if ranges[lowest.id].best == order[-1]:
        check.add(file, f"umbrales.{key}.{lowest.id}", f"con el nivel {lowest.id} (prácticas básicas sin cubrir) "
                  f"el riesgo no puede ser «{order[-1]}»", "riesgo-incoherente")
    for t in higher:
        if ranges[t.id].worst == order[0]:
            check.add(file, f"umbrales.{key}.{t.id}", f"con el nivel {t.id} (prácticas básicas cubiertas) "
                      f"el riesgo no puede ser «{order[0]}»", "riesgo-incoherente")
    for low, high in pairwise(tiers):
        a, b = ranges[low.id], ranges[high.id]
        if order.index(b.worst) < order.index(a.worst) or order.index(b.best) < order.index(a.best):
            check.add(file, f"umbrales.{key}.{high.id}", f"un nivel más alto no puede permitir un riesgo peor "
                      f"que {low.id}", "riesgo-incoherente")
    return ranges


def _read_unmet_band(limits: Mapping[str, Any], tiers: list[Tier], risks: list[RiskBand], check: _Checker) -> str:
    """``umbrales.riesgo_minimo_incumplido``: the risk band while a legal minimum is unmet."""
    file, path = "rubrica.yaml", "umbrales.riesgo_minimo_incumplido"
    band = check.ident(limits, "riesgo_minimo_incumplido", file, "umbrales")
    order = [r.id for r in risks]
    if band and band not in order:
        check.add(file, path, f"nivel de riesgo desconocido «{band}»", "referencia-desconocida")
    elif band and band == order[-1]:
        check.add(file, path, f"con un mínimo legal sin cumplir el riesgo no puede ser «{band}»", "riesgo-incoherente")
    return band


def _read_components(data: Any, check: _Checker) -> list[Component]:
    file = "componentes.yaml"
    node = check.mapping(data, file, "") or {}
    components: list[Component] = []
    field_ids: list[tuple[str, str, str]] = []
    for path, item in check.items(node.get("componentes"), file, "componentes"):
        cid = check.ident(item, "id", file, path)
        fields: list[Field] = []
        for fpath, f in check.items(item.get("campos"), file, f"{path}.campos"):
            fields.append(Field(check.ident(f, "id", file, fpath), check.text(f, "nombre", file, fpath), cid))
            field_ids.append((f"{cid}.{fields[-1].id}", file, f"{fpath}.id"))
        if not fields:
            check.add(file, f"{path}.campos", "el componente no tiene campos", "sin-campos")
        components.append(Component(cid, check.text(item, "nombre", file, path),
                                    check.text(item, "nombre_corto", file, path),
                                    check.text(item, "descripcion", file, path), tuple(fields)))
    check.unique(((c.id, file, f"componentes[{i}].id") for i, c in enumerate(components)), "id de componente")
    check.unique(field_ids, "id de campo")
    found = [c.id for c in components]
    if found and sorted(found) != sorted(COMPONENT_IDS):
        check.add(file, "componentes", f"los componentes deben ser {', '.join(COMPONENT_IDS)}; hay {', '.join(found)}",
                  "componentes-invalidos")
    return components


def _grouped(data: Any, key: str, file: str, components: list[Component], check: _Checker):
    """Yield (component, item, path) from `{component_id: {key: [items]}}`."""
    node = check.mapping(data, file, "") or {}
    by_id = {c.id: c for c in components}
    for cid, group in node.items():
        if cid not in by_id:
            check.add(file, str(cid), f"componente desconocido «{cid}»", "referencia-desconocida")
            continue
        group = check.mapping(group, file, str(cid))
        if group is None:
            continue
        for path, item in check.items(group.get(key), file, f"{cid}.{key}"):
            yield by_id[cid], item, path


def _field_and_tier(component: Component, item: Mapping[str, Any], tiers: list[Tier], file: str, path: str,
                    check: _Checker) -> tuple[str, str]:
    field_id = check.ident(item, "campo", file, path)
    if field_id and field_id not in {f.id for f in component.fields}:
        check.add(file, f"{path}.campo", f"campo desconocido «{field_id}» en el componente {component.id}",
                  "referencia-desconocida")
    tier = check.ident(item, "nivel", file, path)
    if tier and tier not in {t.id for t in tiers}:
        check.add(file, f"{path}.nivel", f"nivel desconocido «{tier}» (se espera {', '.join(TIER_IDS)})",
                  "referencia-desconocida")
    return field_id, tier


def _read_questions(data: Any, components: list[Component], tiers: list[Tier], scale: tuple[AnswerOption, ...],
                    check: _Checker) -> list[Question]:
    file = "preguntas.yaml"
    questions: list[Question] = []
    where: list[tuple[str, str, str]] = []
    for component, item, path in _grouped(data, "preguntas", file, components, check):
        field_id, tier = _field_and_tier(component, item, tiers, file, path, check)
        weight = check.number(item, "peso", file, path, default=1.0)
        if weight is not None and weight <= 0:
            check.add(file, f"{path}.peso", f"el peso debe ser mayor que 0, no {weight:g}", "fuera-de-rango")
        q = Question(
            id=check.ident(item, "id", file, path),
            component=component.id,
            field=field_id,
            tier=tier,
            text=check.text(item, "texto", file, path),
            help=check.text(item, "ayuda", file, path),
            evidence=check.text(item, "evidencia", file, path),
            weight=weight or 1.0,
            fundamento=check.text(item, "fundamento", file, path),
            legal_minimum=check.flag(item, "minimo_legal", file, path),
            admits_drafting=check.flag(item, "elaboracion", file, path),
        )
        lowest = tiers[0].id if tiers else ""
        if q.legal_minimum and tier and lowest and tier != lowest:
            check.add(file, f"{path}.minimo_legal", f"un mínimo legal debe ser de nivel {lowest}, no {tier}",
                      "minimo-no-basico")
        if q.legal_minimum and q.fundamento.casefold().startswith(GOOD_PRACTICE):
            check.add(file, f"{path}.fundamento", "un mínimo legal necesita su fundamento legal (ley y artículo), "
                      "no una buena práctica", "minimo-sin-ley")
        if q.admits_drafting and not any(o.drafting for o in scale):
            check.add(file, f"{path}.elaboracion", f"la escala de rubrica.yaml no tiene la opción «{DRAFTING_ID}»",
                      "elaboracion-sin-opcion")
        questions.append(q)
        where.append((q.id, file, f"{path}.id"))
    check.unique(where, "id de pregunta")
    # Keep the rubric's order: components as in componentes.yaml, questions as written.
    order = {c.id: i for i, c in enumerate(components)}
    return sorted(questions, key=lambda q: order[q.component])


def _read_recommendations(data: Any, components: list[Component], tiers: list[Tier], questions: list[Question],
                          check: _Checker) -> list[Recommendation]:
    file = "recomendaciones.yaml"
    by_id = {q.id: q for q in questions}
    recs: list[Recommendation] = []
    where: list[tuple[str, str, str]] = []
    for component, item, path in _grouped(data, "recomendaciones", file, components, check):
        field_id, tier = _field_and_tier(component, item, tiers, file, path, check)
        triggers: list[str] = []
        raw = item.get("preguntas")
        if raw is None or raw == []:
            check.add(file, f"{path}.preguntas", "la recomendación no tiene preguntas que la activen", "sin-disparador")
        for j, qid in enumerate(check.sequence(raw, file, f"{path}.preguntas") if raw is not None else []):
            qpath = f"{path}.preguntas[{j}]"
            if not isinstance(qid, str) or qid not in by_id:
                check.add(file, qpath, f"pregunta desconocida «{qid}»", "referencia-desconocida")
            elif by_id[qid].component != component.id:
                check.add(file, qpath, f"la pregunta «{qid}» es del componente {by_id[qid].component}, "
                          f"no de {component.id}", "referencia-cruzada")
            else:
                triggers.append(qid)
        ranks = {t.id: t.rank for t in tiers}
        for j, qid in enumerate(raw if isinstance(raw, list) else []):
            if qid in triggers and tier in ranks and ranks.get(by_id[qid].tier, -1) > ranks[tier]:
                check.add(file, f"{path}.preguntas[{j}]", f"una recomendación de nivel {tier} no puede activarse con "
                          f"«{qid}», de nivel {by_id[qid].tier} (DESIGN.md: su nivel o uno inferior)",
                          "disparador-de-nivel-superior")
        addition = check.text(item, "complemento", file, path, required=False)
        if addition and not (addition.startswith("[") and addition.endswith("]")):
            check.add(file, f"{path}.complemento", "el complemento editorial debe ir entre corchetes [ ]",
                      "complemento-invalido")
        r = Recommendation(check.ident(item, "id", file, path), component.id, field_id, tier,
                           check.text(item, "texto", file, path), tuple(triggers), addition)
        recs.append(r)
        where.append((r.id, file, f"{path}.id"))
    check.unique(where, "id de recomendación")
    order = {c.id: i for i, c in enumerate(components)}
    return sorted(recs, key=lambda r: order[r.component])


def _read_migrations(data: Any, version: str, questions: list[Question], check: _Checker) -> tuple[MigrationStep, ...]:
    """``migraciones.yaml``: a chain of version-keyed steps that ends at this rubric's `version`.

    Every step's ``hacia`` is this version or the ``desde`` of another step (no loops, one step
    per ``desde``); the ids a step into this version names (``equivalencias`` targets,
    ``nuevas``) are questions of this rubric.
    """
    file = MIGRATIONS_FILE
    node = check.mapping(data, file, "") or {}
    current = {q.id for q in questions}
    steps: list[MigrationStep] = []
    paths: list[str] = []
    for path, item in check.items(node.get("pasos", []), file, "pasos"):
        source, target = check.text(item, "desde", file, path), check.text(item, "hacia", file, path)
        if source and source == target:
            check.add(file, f"{path}.hacia", "un paso debe ir a otra versión", "cadena-rota")
        equivalences: dict[str, tuple[str, ...]] = {}
        mapping = check.mapping(item.get("equivalencias", {}), file, f"{path}.equivalencias") or {}
        for old, new in mapping.items():
            epath = f"{path}.equivalencias.{old}"
            if not isinstance(old, str) or not isinstance(new, list) or not all(isinstance(n, str) for n in new):
                check.add(file, epath, f"se esperaba una lista de ids de preguntas, no {_show(new)}", "tipo-invalido")
                continue
            equivalences[old] = tuple(new)
            for j, qid in enumerate(new):
                if target == version and qid not in current:
                    check.add(file, f"{epath}[{j}]", f"pregunta desconocida «{qid}» en la versión {version}",
                              "referencia-desconocida")
        added: list[str] = []
        for j, qid in enumerate(check.sequence(item.get("nuevas", []), file, f"{path}.nuevas")):
            if not isinstance(qid, str) or (target == version and qid not in current):
                check.add(file, f"{path}.nuevas[{j}]", f"pregunta desconocida «{qid}» en la versión {version}",
                          "referencia-desconocida")
            else:
                added.append(qid)
        steps.append(MigrationStep(source, target, equivalences, tuple(added)))
        paths.append(path)
    check.unique(((st.from_version, file, f"{p}.desde") for st, p in zip(steps, paths)), "paso desde la versión")
    sources = {st.from_version for st in steps}
    for st, p in zip(steps, paths):
        if st.to_version and st.to_version != version and st.to_version not in sources:
            check.add(file, f"{p}.hacia", f"la versión {st.to_version} no es la de la rúbrica ({version}) ni tiene "
                      "un paso que salga de ella", "cadena-rota")
    following = {st.from_version: st.to_version for st in steps}
    for st, p in zip(steps, paths):
        seen, at = {st.from_version}, st.to_version
        while at in following and at != version:
            if at in seen:
                check.add(file, f"{p}.hacia", f"la cadena de pasos desde {st.from_version} vuelve a {at}",
                          "cadena-rota")
                break
            seen.add(at)
            at = following[at]
    return tuple(steps)


def _read_texts(data: Any, check: _Checker) -> Texts:
    file = TEXTS_FILE
    texts = Texts(check.mapping(data, file, "") or {})
    try:
        reference = reference_texts()
    except (OSError, yaml.YAMLError) as exc:  # a broken installation: say so, do not pass everything
        check.add(file, "", f"no se pudo leer el textos.yaml de referencia del paquete ({exc})", "referencia-faltante")
        reference = {}
    for key, default in reference.items():
        _check_text(texts, key, default, check)
    if texts.has("consideraciones.puntos"):
        points = texts.raw("consideraciones.puntos")
        if not isinstance(points, list) or not points or not all(isinstance(p, str) and p.strip() for p in points):
            check.add(file, "consideraciones.puntos", "se esperaba una lista de textos no vacía", "tipo-invalido")
    else:
        check.add(file, "consideraciones.puntos", "falta este texto", "texto-faltante")
    return texts


@functools.cache
def reference_texts() -> dict[str, str | list[Any]]:
    """Every text of the default textos.yaml (the package's content) by dotted key: a text or a list."""
    path = resources.content_dir() / TEXTS_FILE
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    leaves: dict[str, str | list[Any]] = {}

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                walk(value, f"{prefix}.{key}" if prefix else str(key))
        elif isinstance(node, (str, list)):
            leaves[prefix] = node

    walk(data, "")
    return leaves


def _check_text(texts: Texts, key: str, reference: str | list[Any], check: _Checker) -> None:
    """Report a text missing or of another kind than the default's, or one using {placeholders} the code
    does not fill in (those of the default's text)."""
    file = TEXTS_FILE
    kind = str if isinstance(reference, str) else list
    if not texts.has(key) or not isinstance(texts.raw(key), kind):
        check.add(file, key, "falta este texto" if kind is str else "falta esta lista de textos", "texto-faltante")
        return
    if kind is list:
        return
    try:
        found = Texts.placeholders(texts.raw(key))
    except ValueError as exc:
        check.add(file, key, f"llaves {{}} mal formadas: {exc}", "texto-invalido")
        return
    allowed = Texts.placeholders(reference) if isinstance(reference, str) else set()
    if found - allowed:
        check.add(file, key, f"usa {{{', '.join(sorted(found - allowed))}}}, que no se conoce aquí; "
                  f"se permiten: {', '.join(sorted(allowed)) or 'ninguna'}", "texto-invalido")


def _check_coverage(components: list[Component], tiers: list[Tier], questions: list[Question],
                    recommendations: list[Recommendation], check: _Checker) -> None:
    triggered = {qid for r in recommendations for qid in r.triggers}
    for c in components:
        mine = [q for q in questions if q.component == c.id]
        for t in tiers:
            if not any(q.tier == t.id for q in mine):
                check.add("preguntas.yaml", c.id, f"el componente no tiene preguntas de nivel {t.id}",
                          "nivel-sin-preguntas")
        basic = sum(q.tier == tiers[0].id for q in mine) if tiers else 0
        if 0 < basic < MIN_BASIC_QUESTIONS:
            check.add("preguntas.yaml", c.id, f"el componente tiene {basic} pregunta(s) de nivel {tiers[0].id}; se "
                      f"necesitan al menos {MIN_BASIC_QUESTIONS} para que una sola respuesta no cambie el nivel",
                      "pocas-basicas")
        used = {q.field for q in mine}
        for f in c.fields:
            if f.id not in used:
                check.add("componentes.yaml", f"{c.id}.campos.{f.id}", "ninguna pregunta usa este campo",
                          "campo-sin-preguntas")
    for c in components:
        for i, q in enumerate(q for q in questions if q.component == c.id):
            if q.id and q.id not in triggered:
                check.add("preguntas.yaml", f"{c.id}.preguntas[{i}]",
                          f"ninguna recomendación se activa con la pregunta «{q.id}»", "pregunta-sin-recomendacion")


def __getattr__(name: str) -> Any:
    # REQUIRED_TEXTS, the hand-kept list of text keys this module once had, is now derived from the
    # default textos.yaml: {key: placeholders} of every text the package carries.
    if name == "REQUIRED_TEXTS":
        return {key: Texts.placeholders(value) if isinstance(value, str) else set()
                for key, value in reference_texts().items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
