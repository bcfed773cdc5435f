"""Score a folder of answers files at once: bad files are listed, never fatal."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .answers import AnswersFile, AnswersFileError, read_answers_file
from .model import Rubric
from .scoring import Diagnosis, score


@dataclass(frozen=True)
class BatchItem:
    """One file of a batch: its diagnosis, or why it was refused."""

    name: str
    answers: AnswersFile | None = None
    diagnosis: Diagnosis | None = None
    error: str = ""
    notices: tuple[str, ...] = ()
    version: str = ""
    """The rubric version the file was made with (an older one is carried to the current rubric)."""

    @property
    def ok(self) -> bool:
        return self.diagnosis is not None


def answer_files(folder: str | Path) -> list[Path]:
    """The ``*.json`` files of `folder`, sorted by name (not recursive)."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() == ".json")


def score_files(paths: Iterable[str | Path], rubric: Rubric) -> list[BatchItem]:
    items = []
    for path in paths:
        path = Path(path)
        try:
            loaded = read_answers_file(path, rubric)
        except AnswersFileError as exc:
            items.append(BatchItem(path.name, error=exc.message))
            continue
        items.append(BatchItem(path.name, loaded.answers, score(rubric, loaded.answers), notices=loaded.notices,
                               version=loaded.from_version))
    return items


def score_folder(folder: str | Path, rubric: Rubric) -> list[BatchItem]:
    """Validate and score every answers file of `folder`."""
    return score_files(answer_files(folder), rubric)


def batch_columns(rubric: Rubric) -> list[str]:
    columns = ["archivo", "estado", "error", "etiqueta", "completo", "respondidas", "por_confirmar"]
    for c in rubric.components:
        columns += [f"{c.id}_nivel", f"{c.id}_riesgo", f"{c.id}_puntaje"]
    return columns


def batch_rows(items: Iterable[BatchItem], rubric: Rubric) -> list[dict[str, object]]:
    """One flat row per file (a refused file keeps its name and its error)."""
    rows = []
    for item in items:
        row: dict[str, object] = dict.fromkeys(batch_columns(rubric), "")
        row.update(archivo=item.name, estado="ok" if item.ok else "error", error=item.error)
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
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=batch_columns(rubric), lineterminator="\n")
    writer.writeheader()
    writer.writerows(batch_rows(items, rubric))
    return out.getvalue()
