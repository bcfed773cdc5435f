"""Answers files: the only thing that leaves the app.

A small JSON envelope (DESIGN.md, "Answers file")::

    {"schema": "autodiag/answers", "schema_version": 1, "rubric_id": "...",
     "rubric_version": "...", "created": "2026-11-24T10:00:00+00:00",
     "answers": {"tr_reglamento": "si"}, "notes": {...}, "label": "..."}

Reading validates everything and, when it refuses a file, raises one `AnswersFileError`
listing every problem found (each with its key path, a slug and the content's Spanish
text). A file made with another version of the same rubric still opens through the
migration chain of ``migraciones.yaml`` (`autodiag.migrate`): surviving answers come back,
answers of renamed or split questions are carried to their equivalents, and
`LoadedAnswers.notices` say which questions are new, carried or removed. A newer schema
version is refused, and so is an answer a question does not admit ("En elaboración" where
the question is not about a document being drafted).

A file this module writes is always one it reads back, whatever text it holds: lone
surrogates (which UTF-8 cannot carry) are written as JSON ``\\uXXXX`` escapes, and the
limits fit the size cap (see `MAX_BYTES`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import AutodiagError, Problem
from .model import Rubric
from .plan import Action, parse_plan, repeated_ids

SCHEMA = "autodiag/answers"
SCHEMA_VERSION = 2
"""2 adds the optional ``"plan"`` (the action plan, `autodiag.plan`); a file of version 1 opens with an empty plan."""
MAX_NOTE_CHARS = 2000
"""Longest note (characters, i.e. code points) per question."""
MAX_LABEL_CHARS = 200
"""Longest label (characters)."""
MAX_QUESTIONS = 100
"""The size budget is made for rubrics of up to this many questions."""
WORST_BYTES_PER_CHAR = 6
"""A character written as a JSON escape (``\\ud800``, ``\\u0000``) takes 6 bytes; UTF-8 at most 4."""
MAX_BYTES = 2 * 1024 * 1024
"""Size cap of an answers file. The longest note on each of `MAX_QUESTIONS` questions plus the
longest label, every character at its worst encoding, takes about 1.2 MB, and the longest plan
(`autodiag.plan.MAX_ACTIONS` actions, every text at its limit) about 0.45 MB: 2 MiB leaves room for
ids, answers and the envelope (tests/test_answers.py checks the sum)."""
MAX_DIGITS = 100
"""Longest number (in digits) a file may hold; no valid file has one longer than a few."""


class AnswersFileError(AutodiagError):
    """A refused answers file: every problem found, each with a key path and a slug."""


@dataclass
class AnswersFile:
    rubric_id: str
    rubric_version: str
    answers: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    label: str = ""
    created: str = ""
    plan: tuple[Action, ...] = ()

    def __post_init__(self) -> None:
        # Two lone surrogates that form a pair would read back as one character: join them now,
        # so that what is written is exactly what is read back.
        self.notes = {k: _normal(v) for k, v in self.notes.items()}
        self.label = _normal(self.label)
        self.plan = tuple(self.plan)
        if repeated_ids(self.plan):  # such a file would be refused on reading: never write one
            raise ValueError(f"action ids repeated in the plan: {', '.join(repeated_ids(self.plan))}")

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "rubric_id": self.rubric_id,
            "rubric_version": self.rubric_version,
            "created": self.created or now_iso(),
            "answers": dict(self.answers),
        }
        if self.notes:
            doc["notes"] = dict(self.notes)
        if self.label:
            doc["label"] = self.label
        if self.plan:
            doc["plan"] = [a.to_dict() for a in self.plan]
        return doc

    def to_json(self) -> str:
        """The file's text; lone surrogates are written as ``\\uXXXX`` escapes, so it is always UTF-8."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

    def to_bytes(self) -> bytes:
        return self.to_json().encode("utf-8")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _normal(text: str) -> str:
    """`text` with surrogate pairs joined into the character they stand for (lone ones kept)."""
    if not _LONE_SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@dataclass(frozen=True)
class LoadedAnswers:
    answers: AnswersFile
    new_questions: tuple[str, ...] = ()
    """Questions of this rubric that the file (of another rubric version) could not answer."""
    removed_questions: tuple[str, ...] = ()
    """Questions answered in the file that this rubric version no longer has (dropped)."""
    carried_questions: tuple[str, ...] = ()
    """Questions of this version answered from an equivalent question of the file's version."""
    notices: tuple[str, ...] = ()
    """Spanish sentences telling the user what changed; empty for a file of this version."""
    from_version: str = ""
    """The rubric version the file was made with (`answers.rubric_version` is this rubric's)."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_answers(rubric: Rubric, answers: Mapping[str, str] | None = None, notes: Mapping[str, str] | None = None,
                label: str = "", plan: tuple[Action, ...] = ()) -> AnswersFile:
    """An answers file for `rubric`, keeping only answered questions and non-blank notes."""
    return AnswersFile(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        answers={k: v for k, v in (answers or {}).items() if v},
        notes={k: v.strip() for k, v in (notes or {}).items() if v and v.strip()},
        label=label.strip(),
        created=now_iso(),
        plan=tuple(plan),
    )


def suggested_filename(kind: str = "respuestas", ext: str = "json") -> str:
    """A download name such as ``autodiagnostico-respuestas-20261124-1005.json``."""
    return f"autodiagnostico-{kind}-{datetime.now().strftime('%Y%m%d-%H%M')}.{ext}"


def read_answers_file(path: str | os.PathLike[str], rubric: Rubric) -> LoadedAnswers:
    """Read and validate an answers file from disk (the size is checked before reading)."""
    path = Path(path)
    fail = _Problems(rubric, path.name)
    try:
        if not path.is_file():
            fail.add("no_legible", "", ruta=path.name)
            raise fail.error()
        size = path.stat().st_size
        if size > MAX_BYTES:
            fail.add("muy_grande", "", tamano=size // 1024, maximo=MAX_BYTES // 1024)
            raise fail.error()
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file that grows while read is still capped
    except OSError:
        fail.add("no_legible", "", ruta=path.name)
        raise fail.error() from None
    return read_answers(data, rubric, name=path.name)


def read_answers(data: bytes | str, rubric: Rubric, *, name: str = "") -> LoadedAnswers:
    """Validate the bytes of an answers file against `rubric`.

    Raise one `AnswersFileError` listing every problem (`name`, the file's name, goes into each).
    """
    fail = _Problems(rubric, name)
    doc = _parse(data, fail)
    if fail.problems:
        raise fail.error()
    if doc.get("schema") != SCHEMA:
        fail.add("esquema", "schema")
        raise fail.error()  # not a file of this tool: its other keys mean nothing
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        fail.add("version_esquema", "schema_version", version=_short(version))
    elif version > SCHEMA_VERSION:
        fail.add("version_futura", "schema_version", version=version, conocida=SCHEMA_VERSION)
        raise fail.error()  # a newer format: the rest cannot be judged by this program
    rubric_id = _string(doc, "rubric_id", fail)
    if rubric_id and rubric_id != rubric.id:
        fail.add("otra_rubrica", "rubric_id", rubrica=_short(rubric_id), esperada=rubric.id)
        raise fail.error()  # another rubric: its question ids mean nothing here
    rubric_version = _string(doc, "rubric_version", fail)
    created = _string(doc, "created", fail)
    if created:
        try:
            datetime.fromisoformat(created)
        except ValueError:
            fail.add("campo_invalido", "created", campo="created", detalle="no es una fecha ISO 8601")
    answers = _string_map(doc, "answers", fail, required=True)
    notes = _string_map(doc, "notes", fail, required=False)
    label = doc.get("label", "")
    if not isinstance(label, str):
        fail.add("campo_invalido", "label", campo="label", detalle="se esperaba un texto")
        label = ""
    elif len(label) > MAX_LABEL_CHARS:
        fail.add("texto_muy_largo", "label", campo="label", largo=len(label), maximo=MAX_LABEL_CHARS)
    for qid, note in notes.items():
        if len(note) > MAX_NOTE_CHARS:
            where = f"notes.{_short(qid)}"
            fail.add("texto_muy_largo", where, campo=where, largo=len(note), maximo=MAX_NOTE_CHARS)

    same_version = rubric_version == rubric.version
    plan = parse_plan(doc["plan"], rubric, fail.add, check_recommendations=same_version) if "plan" in doc else ()
    if same_version:
        unknown = sorted({qid for qid in (*answers, *notes) if not rubric.has_question(qid)})
        if unknown:
            fail.add("pregunta_desconocida", "answers", ids=_id_list(unknown))
        _check_options(answers, rubric, fail)
    else:
        for qid, option in answers.items():
            if not rubric.has_option(option):
                fail.add("opcion_desconocida", f"answers.{_short(qid)}", pregunta=_short(qid), opcion=_short(option))
    if fail.problems:
        raise fail.error()
    if same_version:
        return LoadedAnswers(AnswersFile(
            rubric_id=rubric_id,
            rubric_version=rubric.version,
            answers={q.id: answers[q.id] for q in rubric.questions if q.id in answers},
            notes={q.id: notes[q.id] for q in rubric.questions if q.id in notes},
            label=label,
            created=created,
            plan=plan,
        ), from_version=rubric_version)

    from .migrate import migrate

    migrated = migrate(rubric, rubric_version, answers, notes)
    refused = tuple(qid for qid, option in migrated.answers.items() if not rubric.admits(qid, option))
    kept = AnswersFile(
        rubric_id=rubric_id,
        rubric_version=rubric.version,
        answers={qid: option for qid, option in migrated.answers.items() if qid not in refused},
        # Notes joined by the migration stay within the cap, so the file the app writes reads back.
        notes={qid: note if len(note) <= MAX_NOTE_CHARS else note[: MAX_NOTE_CHARS - 1] + "…"
               for qid, note in migrated.notes.items()},
        label=label,
        created=created,
        plan=plan,
    )
    texts = rubric.texts
    notices = [texts.get("avisos_archivo.otra_version", anterior=_short(rubric_version), actual=rubric.version,
                         recuperadas=len(kept.answers))]
    if migrated.new:
        notices.append(texts.get("avisos_archivo.preguntas_nuevas", ids=_id_list(migrated.new)))
    if migrated.carried:
        notices.append(texts.get("avisos_archivo.preguntas_trasladadas", ids=_id_list(migrated.carried)))
    if migrated.removed:
        notices.append(texts.get("avisos_archivo.preguntas_retiradas", ids=_id_list(migrated.removed)))
    if refused:
        notices.append(texts.get("avisos_archivo.respuestas_no_admitidas", ids=_id_list(refused)))
    return LoadedAnswers(kept, new_questions=migrated.new, removed_questions=migrated.removed,
                         carried_questions=migrated.carried, notices=tuple(notices), from_version=rubric_version)


def _check_options(answers: Mapping[str, str], rubric: Rubric, fail: _Problems) -> None:
    """Record every answer that is not on the scale, or that its question does not admit."""
    for qid, option in answers.items():
        where = f"answers.{_short(qid)}"
        if not rubric.has_question(qid):
            continue
        if not rubric.has_option(option):
            fail.add("opcion_desconocida", where, pregunta=_short(qid), opcion=_short(option))
        elif not rubric.admits(qid, option):
            fail.add("opcion_no_admitida", where, pregunta=_short(qid), opcion=_short(option))


class _HugeNumber(ValueError):
    """A number longer than `MAX_DIGITS` digits (Python refuses to read past 4,300)."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _HugeNumber(text)
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_DIGITS:
        raise _HugeNumber(text)
    return float(text)


def _parse(data: bytes | str, fail: _Problems) -> dict[str, Any]:
    """The JSON object of the file, or {} with the problem recorded."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    raw = bytes(data)
    if len(raw) > MAX_BYTES:
        fail.add("muy_grande", "", tamano=len(raw) // 1024, maximo=MAX_BYTES // 1024)
        return {}
    if not raw.strip():
        fail.add("vacio", "")
        return {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail.add("codificacion", "")
        return {}
    try:
        doc = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_float)
    except RecursionError:
        fail.add("demasiado_anidado", "")
        return {}
    except _HugeNumber:
        fail.add("numero_enorme", "", maximo=MAX_DIGITS)
        return {}
    except json.JSONDecodeError as exc:
        fail.add("no_json", "", detalle=f"línea {exc.lineno}, columna {exc.colno}")
        return {}
    if not isinstance(doc, dict):
        fail.add("no_objeto", "")
        return {}
    return doc


class _Problems:
    """Collects the problems of one file, each with the content's Spanish text for its slug."""

    def __init__(self, rubric: Rubric, name: str):
        self.texts = rubric.texts
        self.name = name
        self.problems: list[Problem] = []

    def add(self, key: str, path: str, **values: Any) -> None:
        """Record problem `key` (a key of ``errores_archivo`` in textos.yaml) at key path `path`."""
        message = self.texts.get(f"errores_archivo.{key}", **values)
        self.problems.append(Problem(self.name, path, message, key.replace("_", "-")))

    def error(self) -> AnswersFileError:
        return AnswersFileError(self.problems)


def _string(doc: Mapping[str, Any], key: str, fail: _Problems) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value.strip():
        fail.add("campo_invalido", key, campo=key, detalle="falta o no es un texto")
        return ""
    return value


def _string_map(doc: Mapping[str, Any], key: str, fail: _Problems, *, required: bool) -> dict[str, str]:
    if key not in doc and not required:
        return {}
    value = doc.get(key)
    if not isinstance(value, dict):
        fail.add("campo_invalido", key, campo=key, detalle="se esperaba un objeto {pregunta: valor}")
        return {}
    good: dict[str, str] = {}
    for k, v in value.items():
        if isinstance(v, str):
            good[k] = v
        else:
            where = f"{key}.{_short(k)}"
            fail.add("campo_invalido", where, campo=where, detalle="se esperaba un texto")
    return good


def _short(value: Any, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _id_list(ids: list[str] | tuple[str, ...], limit: int = 8) -> str:
    shown = ", ".join(_short(i) for i in ids[:limit])
    return shown + (f" y {len(ids) - limit} más" if len(ids) > limit else "")
