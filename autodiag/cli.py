"""The command line: ``python -m autodiag validate|score|report|merge|batch|app``.

A thin shell over the package. Exit codes: 0 success, 1 invalid content (``validate``),
2 bad input (missing or refused file, wrong argument, a place that cannot be written), with
one line on stderr per problem and never a traceback; 3 an unexpected failure (a bug: one
line too). Output files are written whole or not at all: a report or CSV is rendered in
memory, written to a temporary file beside the target and renamed over it, so a failure
never leaves a 0-byte or half-written file behind.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from .answers import AnswersFile, AnswersFileError, read_answers_file
from .errors import AutodiagError, Problem, printable
from .load import CONTENT_ENV, ContentError, load_rubric, validate_content
from .model import Rubric

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
REPORT_SUFFIXES = (".html", ".htm", ".pdf", ".csv", ".xlsx")


class BadInput(AutodiagError):
    """Input the command refuses (a wrong argument, a file or folder it cannot use)."""

    @classmethod
    def say(cls, message: str, code: str = "entrada-invalida", file: str = "") -> BadInput:
        return cls(Problem(printable(file), "", message, code))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        raise BadInput.say(f"{message} (vea «python -m autodiag --help»)", "argumento-invalido")


def _parser() -> argparse.ArgumentParser:
    help_content = f"carpeta de contenido (rúbrica adaptada); por omisión ${CONTENT_ENV} o la que trae el paquete"
    # --content is accepted before or after the command; after it, it must not reset the value given before.
    common = _Parser(add_help=False)
    common.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS, help=help_content)
    parser = _Parser(prog="python -m autodiag", description="Autodiagnóstico de Gobierno Abierto Municipal: "
                                                            "validar contenido, calificar, reportar.")
    parser.add_argument("--content", metavar="DIR", default=None, help=help_content)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("validate", parents=[common], help="valida una carpeta de contenido")
    p.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")

    p = sub.add_parser("score", parents=[common], help="califica un archivo de respuestas")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--format", choices=("json", "csv", "text"), default="text")

    p = sub.add_parser("report", parents=[common], help="genera el reporte HTML, PDF, CSV o el libro de Excel")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("-o", "--output", required=True, metavar="FILE.{html,pdf,csv,xlsx}")
    p.add_argument("--anterior", metavar="ANTERIOR.json", default=None,
                   help="archivo de respuestas de un diagnóstico anterior: comparación y seguimiento de su plan")
    p.add_argument("--zona-horaria", metavar="ZONA", default=None,
                   help="zona horaria de la fecha del reporte (p. ej. America/Tijuana); por omisión, la del "
                        "contenido (reporte.zona_horaria)")

    p = sub.add_parser("merge", parents=[common], help="combina los archivos de respuestas de varias áreas")
    p.add_argument("files", nargs="+", metavar="ARCHIVO.json")
    p.add_argument("-o", "--output", required=True, metavar="EQUIPO.json")
    p.add_argument("--gana", type=int, metavar="N", default=None,
                   help="en un conflicto, prevalece la respuesta del archivo N (1 = el primero)")

    p = sub.add_parser("batch", parents=[common], help="califica una carpeta de archivos de respuestas (CSV)")
    p.add_argument("folder", metavar="CARPETA")
    p.add_argument("-o", "--output", metavar="FILE.csv", help="por omisión, la salida estándar")

    p = sub.add_parser("app", parents=[common], help="sirve la herramienta con Voilà (abre el navegador)",
                       description="Sirve la herramienta con Voilà. Otras opciones de Voilà van después de «--», "
                                   "p. ej. «python -m autodiag app -- --Voila.ip=0.0.0.0».")
    p.add_argument("--port", type=int, default=8866, help="puerto (por omisión 8866)")
    p.add_argument("--no-browser", action="store_true", help="no abrir el navegador")
    p.add_argument("--notebook", metavar="CUADERNO.ipynb", help="otro cuaderno (por omisión, la herramienta)")
    p.add_argument("voila_args", nargs="*", metavar="-- OPCIONES_DE_VOILA")
    return parser


def _rubric(args: argparse.Namespace) -> Rubric:
    try:
        return load_rubric(args.content)
    except ContentError as exc:
        n, folder = len(exc.report.problems), printable(exc.report.folder)
        raise BadInput.say(f"el contenido en {folder} tiene {n} problema(s); revíselo con "
                           f"«python -m autodiag validate {folder}»", "contenido-invalido") from None


def _read(path: str, rubric: Rubric) -> AnswersFile:
    target = Path(path)
    if target.exists() and not target.is_file():  # a folder, a FIFO, a device: never opened
        raise BadInput.say(f"{printable(path)} no es un archivo común", "archivo-faltante")
    if not target.is_file():
        raise BadInput.say(f"no existe el archivo {printable(path)}", "archivo-faltante")
    try:
        loaded = read_answers_file(path, rubric)
    except AnswersFileError as exc:  # name the file as the user gave it
        raise AnswersFileError(dataclasses.replace(p, file=printable(path)) for p in exc.problems) from None
    for notice in loaded.notices:
        print(f"aviso: {notice}", file=sys.stderr)
    return loaded.answers


def _output(path: str, suffixes: Sequence[str]) -> Path:
    """Check an output path before any work is done: the right suffix, a folder that exists, not a folder."""
    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise BadInput.say(f"la salida debe terminar en {', '.join(suffixes)}, no «{printable(out.name)}»",
                           "formato-desconocido")
    if out.is_dir():
        raise BadInput.say(f"{printable(path)} es una carpeta; indique un archivo", "salida-invalida")
    if not out.parent.is_dir():
        raise BadInput.say(f"no existe la carpeta {printable(str(out.parent))}", "salida-invalida")
    return out


def write_whole(out: Path, data: bytes) -> None:
    """Write `data` to `out` whole or not at all (a temporary file beside it, then renamed)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise BadInput.say(f"no se puede escribir en {printable(str(out.parent))} ({exc.strerror})",
                           "salida-invalida") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BadInput.say(f"no se puede escribir {printable(str(out))} ({exc.strerror})", "salida-invalida") from None


def _validate(args: argparse.Namespace) -> int:
    report = validate_content(args.content_dir or args.content)
    print(report)
    return EXIT_OK if report.valid else EXIT_INVALID


def _score(args: argparse.Namespace) -> int:
    from .scoring import score

    rubric = _rubric(args)
    diagnosis = score(rubric, _read(args.answers, rubric))
    if args.format == "json":
        print(json.dumps(diagnosis.summary(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        from .report import results_csv

        sys.stdout.write(results_csv(rubric, diagnosis))
    else:
        t = rubric.texts
        for c in diagnosis:
            print(f"{rubric.component(c.component).name}: {t.get('resultados.nivel')} {rubric.tier(c.level).name}"
                  f" · {t.get('resultados.riesgo')} {rubric.risk(c.risk).name}"
                  f" · {t.get('resultados.puntaje')} {c.score:.0f}")
            if c.unmet_minimums:
                print(f"  {' '.join(t.get('resultados.minimos_incumplidos').split())}: {', '.join(c.unmet_minimums)}")
        if diagnosis.unanswered:
            print(t.get("resultados.incompleto", n=len(diagnosis.unanswered)))
    return EXIT_OK


def _render_report(out: Path, rubric: Rubric, answers: AnswersFile, previous: AnswersFile | None = None,
                   zone: str | None = None) -> bytes:
    """The report's bytes, in the format of `out`'s suffix (rendered in a private folder, then read);
    with `previous`, compared with that earlier diagnosis and following up its plan; dates in `zone`."""
    from .report import write_report
    from .scoring import score

    diagnosis = score(rubric, answers)
    before = score(rubric, previous.answers) if previous is not None else None
    with tempfile.TemporaryDirectory(prefix="autodiag-") as private:
        rendered = write_report(Path(private) / f"reporte{out.suffix.lower()}", rubric, diagnosis, answers,
                                previous=before, previous_file=previous, zone=zone)
        return Path(rendered).read_bytes()


def _report(args: argparse.Namespace) -> int:
    from .clock import zone

    out = _output(args.output, REPORT_SUFFIXES)
    if args.zona_horaria is not None and zone(args.zona_horaria) is None:
        raise BadInput.say(f"zona horaria desconocida «{printable(args.zona_horaria)}» (use un nombre como "
                           "America/Mexico_City)", "argumento-invalido")
    rubric = _rubric(args)
    answers = _read(args.answers, rubric)
    previous = _read(args.anterior, rubric) if args.anterior else None
    write_whole(out, _render_report(out, rubric, answers, previous, args.zona_horaria))
    print(printable(str(out)))
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from .merge import Source, merge_answers, source_name

    out = _output(args.output, (".json",))
    rubric = _rubric(args)
    t = rubric.texts
    if len(args.files) < 2:
        raise BadInput.say(t.get("combinar.un_archivo"), "combinar-un-archivo")
    if args.gana is not None and not 1 <= args.gana <= len(args.files):
        raise BadInput.say(t.get("combinar.gana_invalido", n=len(args.files)), "argumento-invalido")
    problems: list[Problem] = []
    sources: list[Source] = []
    for path in args.files:  # every file is read: all their problems are told at once
        try:
            answers = _read(path, rubric)
        except AutodiagError as exc:
            problems += exc.problems
            continue
        sources.append(Source(source_name(answers, Path(path).name), answers))
    if problems:
        raise BadInput(problems)
    winner = args.gana - 1 if args.gana is not None else None
    try:
        merged = merge_answers(rubric, sources, winner=winner)
    except AutodiagError as exc:
        raise BadInput(dataclasses.replace(p, file=printable(args.output)) for p in exc.problems) from None
    write_whole(out, merged.to_bytes())
    print(printable(str(out)))
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from .batch import batch_csv, score_folder

    if not Path(args.folder).is_dir():
        raise BadInput.say(f"no existe la carpeta {printable(args.folder)}", "carpeta-faltante")
    out = _output(args.output, (".csv",)) if args.output else None
    rubric = _rubric(args)
    try:
        items = score_folder(args.folder, rubric)
    except OSError as exc:
        raise BadInput.say(f"no se puede leer la carpeta {printable(args.folder)} ({exc.strerror})",
                           "carpeta-faltante") from None
    text = batch_csv(items, rubric)
    if out is not None:
        write_whole(out, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    for item in items:
        if not item.ok:
            print(f"{printable(item.name)}: {item.error}", file=sys.stderr)
    scored = sum(i.ok for i in items)
    skipped = sum(i.skipped for i in items)
    print(f"{scored} archivo(s) calificado(s), {len(items) - scored - skipped} rechazado(s), "
          f"{skipped} omitido(s)", file=sys.stderr)
    return EXIT_OK


def _app(args: argparse.Namespace) -> int:
    from .resources import app_notebook
    from .serve import exec_voila

    _rubric(args)  # refuse broken content here, with one line, rather than in every page
    notebook = Path(args.notebook) if args.notebook else app_notebook()
    if not notebook.is_file():
        raise BadInput.say(f"no existe el cuaderno {printable(str(notebook))}", "archivo-faltante")
    if not 0 < args.port < 65536:
        raise BadInput.say(f"el puerto {args.port} no es válido (1–65535)", "argumento-invalido")
    options = [f"--port={args.port}", *(["--no-browser"] if args.no_browser else []), *args.voila_args]
    exec_voila(notebook, options, args.content)
    return EXIT_OK  # not reached: exec_voila replaces this process


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate, "score": _score, "report": _report, "merge": _merge, "batch": _batch,
    "app": _app}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except AutodiagError as exc:
        for line in exc.lines():
            print(f"autodiag: error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the system refused a file or folder: bad input, in one line
        where = f" {printable(str(exc.filename))}" if exc.filename else ""
        print(f"autodiag: error: no se pudo usar{where}: {exc.strerror or exc} [entrada-invalida]", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug still ends in one line, never a traceback
        print(f"autodiag: error inesperado ({type(exc).__name__}): {printable(str(exc))[:300]}", file=sys.stderr)
        return EXIT_BUG
