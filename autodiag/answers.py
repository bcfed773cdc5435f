"""Answers files: the only thing that leaves the app.

A small JSON envelope (DESIGN.md, "Answers file")::

    {"schema": "autodiag/answers", "schema_version": 1, "rubric_id": "...",
     "rubric_version": "...", "created": "2026-11-24T10:00:00+00:00",
     "answers": {"tr_reglamento": "si"}, "notes": {...}, "label": "..."}

Reading validates everything and fails with one `AnswersFileError` whose message is the
content's Spanish text for that problem. A file made with another version of the same
rubric still opens through the migration chain of ``migraciones.yaml`` (`autodiag.migrate`):
surviving answers come back, answers of renamed or split questions are carried to their
equivalents, and `LoadedAnswers.notices` say which questions are new, carried or removed.
A newer schema version is refused, and so is an answer a question does not admit ("En
elaboración" where the question is not about a document being drafted).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from .model import Rubric

SCHEMA = "autodiag/answers"
SCHEMA_VERSION = 1
MAX_BYTES = 256 * 1024
MAX_NOTE_CHARS = 2000
MAX_LABEL_CHARS = 200


class AnswersFileError(ValueError):
    """A refused answers file. `code` is a stable slug; `message` is for people (Spanish)."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass
class AnswersFile:
    rubric_id: str
    rubric_version: str
    answers: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    label: str = ""
    created: str = ""

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
        return doc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_bytes(self) -> bytes:
        return self.to_json().encode("utf-8")


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
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_answers(rubric: Rubric, answers: Mapping[str, str] | None = None, notes: Mapping[str, str] | None = None,
                label: str = "") -> AnswersFile:
    """An answers file for `rubric`, keeping only answered questions and non-blank notes."""
    return AnswersFile(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        answers={k: v for k, v in (answers or {}).items() if v},
        notes={k: v.strip() for k, v in (notes or {}).items() if v and v.strip()},
        label=label.strip(),
        created=now_iso(),
    )


def suggested_filename(kind: str = "respuestas", ext: str = "json") -> str:
    """A download name such as ``autodiagnostico-respuestas-20261124-1005.json``."""
    return f"autodiagnostico-{kind}-{datetime.now().strftime('%Y%m%d-%H%M')}.{ext}"


def read_answers_file(path: str | os.PathLike[str], rubric: Rubric) -> LoadedAnswers:
    """Read and validate an answers file from disk (the size is checked before reading)."""
    path = Path(path)
    fail = _Fail(rubric)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail("muy_grande", tamano=size // 1024, maximo=MAX_BYTES // 1024)
        data = path.read_bytes()
    except OSError:
        raise fail("no_legible", ruta=path.name) from None
    return read_answers(data, rubric)


def read_answers(data: bytes | str, rubric: Rubric) -> LoadedAnswers:
    """Validate the bytes of an answers file against `rubric`; raise `AnswersFileError` if refused."""
    fail = _Fail(rubric)
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_BYTES:
        raise fail("muy_grande", tamano=len(raw) // 1024, maximo=MAX_BYTES // 1024)
    if not raw.strip():
        raise fail("vacio")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("codificacion") from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise fail("demasiado_anidado") from None
    except json.JSONDecodeError as exc:
        raise fail("no_json", detalle=f"línea {exc.lineno}, columna {exc.colno}") from None
    if not isinstance(doc, dict):
        raise fail("no_objeto")
    if doc.get("schema") != SCHEMA:
        raise fail("esquema")
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise fail("version_esquema", version=_short(version))
    if version > SCHEMA_VERSION:
        raise fail("version_futura", version=version, conocida=SCHEMA_VERSION)
    rubric_id = _string(doc, "rubric_id", fail)
    if rubric_id != rubric.id:
        raise fail("otra_rubrica", rubrica=_short(rubric_id), esperada=rubric.id)
    rubric_version = _string(doc, "rubric_version", fail)
    created = _string(doc, "created", fail)
    try:
        datetime.fromisoformat(created)
    except ValueError:
        raise fail("campo_invalido", campo="created", detalle="no es una fecha ISO 8601") from None
    answers = _string_map(doc, "answers", fail, required=True)
    notes = _string_map(doc, "notes", fail, required=False)
    label = doc.get("label", "")
    if not isinstance(label, str):
        raise fail("campo_invalido", campo="label", detalle="se esperaba un texto")
    if len(label) > MAX_LABEL_CHARS:
        raise fail("texto_muy_largo", campo="label", largo=len(label), maximo=MAX_LABEL_CHARS)
    for qid, note in notes.items():
        if len(note) > MAX_NOTE_CHARS:
            raise fail("texto_muy_largo", campo=f"notes.{_short(qid)}", largo=len(note), maximo=MAX_NOTE_CHARS)

    same_version = rubric_version == rubric.version
    if same_version:
        unknown = sorted({qid for qid in (*answers, *notes) if not rubric.has_question(qid)})
        if unknown:
            raise fail("pregunta_desconocida", ids=_id_list(unknown))
        _check_options(answers, rubric, fail)
        return LoadedAnswers(AnswersFile(
            rubric_id=rubric_id,
            rubric_version=rubric.version,
            answers={q.id: answers[q.id] for q in rubric.questions if q.id in answers},
            notes={q.id: notes[q.id] for q in rubric.questions if q.id in notes},
            label=label,
            created=created,
        ), from_version=rubric_version)

    from .migrate import migrate

    migrated = migrate(rubric, rubric_version, answers, notes)
    for qid, option in migrated.answers.items():
        if not rubric.has_option(option):
            raise fail("opcion_desconocida", pregunta=_short(qid), opcion=_short(option))
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


def _check_options(answers: Mapping[str, str], rubric: Rubric, fail: _Fail) -> None:
    """Refuse an answer that is not on the scale, or that its question does not admit."""
    for qid, option in answers.items():
        if not rubric.has_option(option):
            raise fail("opcion_desconocida", pregunta=_short(qid), opcion=_short(option))
        if not rubric.admits(qid, option):
            raise fail("opcion_no_admitida", pregunta=_short(qid), opcion=_short(option))


class _Fail:
    """Builds `AnswersFileError`s from the content's message texts."""

    def __init__(self, rubric: Rubric):
        self.texts = rubric.texts

    def __call__(self, code: str, **values: Any) -> AnswersFileError:
        return AnswersFileError(code, self.texts.get(f"errores_archivo.{code}", **values))


def _string(doc: Mapping[str, Any], key: str, fail: _Fail) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail("campo_invalido", campo=key, detalle="falta o no es un texto")
    return value


def _string_map(doc: Mapping[str, Any], key: str, fail: _Fail, *, required: bool) -> dict[str, str]:
    if key not in doc and not required:
        return {}
    value = doc.get(key)
    if not isinstance(value, dict):
        raise fail("campo_invalido", campo=key, detalle="se esperaba un objeto {pregunta: valor}")
    for k, v in value.items():
        if not isinstance(v, str):
            raise fail("campo_invalido", campo=f"{key}.{_short(k)}", detalle="se esperaba un texto")
    return value


def _short(value: Any, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _id_list(ids: list[str] | tuple[str, ...], limit: int = 8) -> str:
    shown = ", ".join(_short(i) for i in ids[:limit])
    return shown + (f" y {len(ids) - limit} más" if len(ids) > limit else "")
