"""Score a folder of answers files at once: bad files are listed, never fatal.

Every ``*.json`` entry of the folder gets a row: scored (``ok``), refused with its reason
(``error``), or skipped without being opened (``omitido``: a folder, a special file such as
a FIFO or a device, a dangling link). The CSV is formula-safe (`autodiag.csv_safe`) and its
file names are escaped, so neither a label nor a file name can run or forge anything.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .answers import AnswersFile, read_answers_file
from .csv_safe import SafeDictWriter
from .errors import AutodiagError, printable
from .model import Rubric
from .scoring import Diagnosis, score

OK, ERROR, SKIPPED = "ok", "error", "omitido"


@dataclass(frozen=True)
class BatchItem:
    """One file of a batch: its diagnosis, or why it was refused or skipped."""

    name: str
    answers: AnswersFile | None = None
    diagnosis: Diagnosis | None = None
    error: str = ""
    notices: tuple[str, ...] = ()
    skipped: bool = False
    version: str = ""
    """The rubric version the file was made with (an older one is carried to the current rubric)."""

    @property
    def ok(self) -> bool:
        return self.diagnosis is not None

    @property
    def state(self) -> str:
        return OK if self.ok else SKIPPED if self.skipped else ERROR


def answer_files(folder: str | Path) -> list[Path]:
    """The ``*.json`` entries of `folder` (files, links, anything so named), sorted by name; not recursive."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".json")


def _not_a_file(path: Path) -> str:
    """Why `path` is not opened ("" if it is a regular file, or a link to one)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "enlace roto: apunta a un archivo que no existe" if path.is_symlink() else "ya no existe"
    except OSError as exc:
        return f"no se puede consultar ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "es una carpeta"
    if not stat.S_ISREG(mode):
        return "no es un archivo común (FIFO, dispositivo o socket)"
    return ""


def score_file(path: Path, rubric: Rubric) -> BatchItem:
    """One file's item; never raises."""
    reason = _not_a_file(path)
    if reason:
        return BatchItem(path.name, error=f"omitido: {reason}", skipped=True)
    try:
        loaded = read_answers_file(path, rubric)
        return BatchItem(path.name, loaded.answers, score(rubric, loaded.answers), notices=loaded.notices,
                         version=loaded.from_version)
    except AutodiagError as exc:
        return BatchItem(path.name, error=exc.message)
    except Exception as exc:  # noqa: BLE001 - one bad file must never abort the folder
        return BatchItem(path.name, error=f"error inesperado al leer el archivo ({type(exc).__name__})")


def score_files(paths: Iterable[str | Path], rubric: Rubric) -> list[BatchItem]:
    return [score_file(Path(p), rubric) for p in paths]


def score_folder(folder: str | Path, rubric: Rubric) -> list[BatchItem]:
    """Validate and score every answers file of `folder`."""
    return score_files(answer_files(folder), rubric)


def batch_columns(rubric: Rubric) -> list[str]:
    columns = ["archivo", "estado", "error", "etiqueta", "completo", "respondidas", "por_confirmar"]
    for c in rubric.components:
        columns += [f"{c.id}_nivel", f"{c.id}_riesgo", f"{c.id}_puntaje"]
    return columns


def batch_rows(items: Iterable[BatchItem], rubric: Rubric) -> list[dict[str, object]]:
    """One flat row per file (a refused or skipped file keeps its name and its reason)."""
    rows = []
    for item in items:
        row: dict[str, object] = dict.fromkeys(batch_columns(rubric), "")
        row.update(archivo=printable(item.name), estado=item.state, error=item.error)
        if item.diagnosis is not None and item.answers is not None:
            d = item.diagnosis
            row.update(etiqueta=item.answers.label, completo=d.complete,
                       respondidas=sum(c.answered for c in d), por_confirmar=len(d.unknown))
            for c in d:
                row.update({f"{c.component}_nivel": c.level, f"{c.component}_riesgo": c.risk,
                            f"{c.component}_puntaje": round(c.score, 1)})
        rows.append(row)
    return rows


def batch_csv(items: Iterable[BatchItem], rubric: Rubric) -> str:
    """The batch as formula-safe CSV text."""
    import io

    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=batch_columns(rubric))
    writer.writeheader()
    writer.writerows(batch_rows(items, rubric))
    return out.getvalue()
