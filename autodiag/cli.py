"""The command line: ``python -m autodiag validate|score|report|batch|app``.

A thin shell over the package. Exit codes: 0 success, 1 invalid content (``validate``),
2 bad input (missing or refused file, wrong argument), each with one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from .answers import AnswersFileError, read_answers_file
from .load import CONTENT_ENV, ContentError, load_rubric, validate_content
from .model import Rubric

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Input the command refuses; its message is printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        raise BadInput(f"{message} (vea «python -m autodiag --help»)")


def _parser() -> argparse.ArgumentParser:
    help_content = f"carpeta de contenido (rúbrica adaptada); por omisión ${CONTENT_ENV} o content/"
    # --content is accepted before or after the command; after it, it must not reset the value given before.
    common = _Parser(add_help=False)
    common.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS, help=help_content)
    parser = _Parser(prog="python -m autodiag",
                     description="Autodiagnóstico de Gobierno Abierto Municipal: validar contenido, calificar, reportar.")
    parser.add_argument("--content", metavar="DIR", default=None, help=help_content)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("validate", parents=[common], help="valida una carpeta de contenido")
    p.add_argument("content_dir", nargs="?", metavar="CONTENT_DIR")

    p = sub.add_parser("score", parents=[common], help="califica un archivo de respuestas")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--format", choices=("json", "csv", "text"), default="text")

    p = sub.add_parser("report", parents=[common], help="genera el reporte HTML o PDF")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("-o", "--output", required=True, metavar="FILE.{html,pdf}")

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
        n = len(exc.report.problems)
        raise BadInput(f"el contenido en {exc.report.folder} tiene {n} problema(s); "
                       f"revíselo con «python -m autodiag validate {exc.report.folder}»") from None


def _read(path: str, rubric: Rubric):
    if not Path(path).is_file():
        raise BadInput(f"no existe el archivo {path}")
    try:
        loaded = read_answers_file(path, rubric)
    except AnswersFileError as exc:
        raise BadInput(f"{path}: {exc.message}") from None
    for notice in loaded.notices:
        print(f"aviso: {notice}", file=sys.stderr)
    return loaded.answers


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
                  f" · {t.get('resultados.riesgo')} {rubric.risk(c.risk).name} · {t.get('resultados.puntaje')} {c.score:.0f}")
            if c.unmet_minimums:
                print(f"  {' '.join(t.get('resultados.minimos_incumplidos').split())}: {', '.join(c.unmet_minimums)}")
        if diagnosis.unanswered:
            print(t.get("resultados.incompleto", n=len(diagnosis.unanswered)))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from .report import write_report
    from .scoring import score

    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        raise BadInput(f"el reporte debe terminar en .html o .pdf, no «{out.name}»")
    if not out.parent.is_dir():
        raise BadInput(f"no existe la carpeta {out.parent}")
    rubric = _rubric(args)
    answers = _read(args.answers, rubric)
    write_report(out, rubric, score(rubric, answers), answers)
    print(out)
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from .batch import batch_csv, score_folder

    if not Path(args.folder).is_dir():
        raise BadInput(f"no existe la carpeta {args.folder}")
    rubric = _rubric(args)
    items = score_folder(args.folder, rubric)
    text = batch_csv(items, rubric)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    bad = [i for i in items if not i.ok]
    for item in bad:
        print(f"{item.name}: {item.error}", file=sys.stderr)
    print(f"{len(items) - len(bad)} archivo(s) calificado(s), {len(bad)} rechazado(s)", file=sys.stderr)
    return EXIT_OK


def _app(args: argparse.Namespace) -> int:
    from .serve import APP_NOTEBOOK, exec_voila

    _rubric(args)  # refuse broken content here, with one line, rather than in every page
    notebook = Path(args.notebook) if args.notebook else APP_NOTEBOOK
    if not notebook.is_file():
        raise BadInput(f"no existe el cuaderno {notebook}")
    if not 0 < args.port < 65536:
        raise BadInput(f"el puerto {args.port} no es válido (1–65535)")
    options = [f"--port={args.port}", *(["--no-browser"] if args.no_browser else []), *args.voila_args]
    exec_voila(notebook, options, args.content)
    return EXIT_OK  # not reached: exec_voila replaces this process


COMMANDS = {"validate": _validate, "score": _score, "report": _report, "batch": _batch, "app": _app}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except BadInput as exc:
        print(f"autodiag: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
