"""`python -m autodiag` as a user runs it: a whole process, its exit code, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import autodiag
from autodiag.answers import MAX_BYTES
from helpers import FIXTURES, REPO, all_answers

ANSWERS = FIXTURES / "answers"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "AUTODIAG_CONTENT"}
    full_env = {**inherited, **(env or {})}
    return subprocess.run([sys.executable, "-m", "autodiag", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=120)


def write_answers(rubric, path: Path, answers: dict[str, str], **kw) -> Path:
    path.write_bytes(autodiag.new_answers(rubric, answers, **kw).to_bytes())
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("option, level, risk", [("si", "avanzado", "bajo"), ("no", "basico", "alto")])
def test_score_json_gives_the_extremes_for_every_component(rubric, tmp_path, option, level, risk):
    path = write_answers(rubric, tmp_path / "a.json", all_answers(rubric, option))
    result = run("score", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["rubric_version"] == rubric.version
    assert {(c["level"], c["risk"]) for c in out["components"].values()} == {(level, risk)}
    assert set(out["components"]) == {"transparencia", "participacion", "rendicion_cuentas", "marco_politicas",
                                      "innovacion"}


def test_score_a_mixed_profile_in_all_three_formats(rubric, tmp_path):
    answers = {q.id: ("si" if q.component == "transparencia" or q.tier == "basico" else "no") for q in rubric.questions}
    path = write_answers(rubric, tmp_path / "mixto.json", answers)
    out = json.loads(run("score", str(path), "--format", "json").stdout)["components"]
    assert (out["transparencia"]["level"], out["transparencia"]["risk"]) == ("avanzado", "bajo")
    assert out["participacion"]["level"] == "intermedio"
    rows = list(csv.DictReader(io.StringIO(run("score", str(path), "--format", "csv").stdout)))
    assert [r["componente"] for r in rows[:5]] == list(out)
    text = run("score", str(path)).stdout
    assert "Transparencia y Acceso a la Información Pública: Nivel de desarrollo Avanzado" in text


def test_an_incomplete_file_is_scored_and_says_so(rubric):
    result = run("score", str(ANSWERS / "valido.json"))
    assert result.returncode == 0
    assert f"{len(rubric.questions) - 4} preguntas sin" in " ".join(result.stdout.split())


@pytest.mark.parametrize("name", ["no-json.json", "binario.json", "version-futura.json", "opcion-desconocida.json",
                                  "otra-rubrica.json", "latin1.json", "vacio.json"])
def test_bad_answers_files_exit_2_with_one_line(name):
    line = assert_one_line_error(run("score", str(ANSWERS / name), "--format", "json"))
    assert name in line


def test_a_huge_file_exits_2(tmp_path):
    huge = tmp_path / "enorme.json"
    huge.write_bytes(b"{" + b" " * MAX_BYTES + b"}")
    assert "KB" in assert_one_line_error(run("score", str(huge)))


@pytest.mark.parametrize("args, word", [
    (["score", "no-existe.json"], "no existe"),
    (["score", str(ANSWERS / "valido.json"), "--format", "xml"], "xml"),
    (["sumar"], "sumar"),
    ([], "command"),
    (["report", str(ANSWERS / "valido.json"), "-o", "reporte.docx"], ".docx"),
    (["batch", "no-hay-carpeta"], "no existe"),
    (["app", "--notebook", "no-existe.ipynb"], "no existe"),
    (["app", "--port", "70000"], "puerto"),
    (["app", "--port", "ocho"], "ocho"),
])
def test_wrong_arguments_exit_2_with_one_line(args, word):
    assert word in assert_one_line_error(run(*args))


def test_a_file_of_an_earlier_rubric_version_is_scored_with_a_notice():
    result = run("score", str(ANSWERS / "version-anterior-de-la-rubrica.json"), "--format", "json")
    assert result.returncode == 0
    assert "aviso:" in result.stderr and "0.9" in result.stderr
    json.loads(result.stdout)


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_report_writes_the_file(rubric, tmp_path, suffix):
    out = tmp_path / f"reporte{suffix}"
    result = run("report", str(ANSWERS / "valido.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") if suffix == ".pdf" else b"</html>" in data


def test_batch_scores_a_folder_and_lists_bad_files_without_failing(rubric, tmp_path):
    folder = tmp_path / "grupo"
    folder.mkdir()
    write_answers(rubric, folder / "p1.json", all_answers(rubric, "si"))
    write_answers(rubric, folder / "p2.json", all_answers(rubric, "no"))
    (folder / "roto.json").write_text("{", encoding="utf-8")
    out = tmp_path / "grupo.csv"
    result = run("batch", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = {r["archivo"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["p1.json"]["transparencia_nivel"] == "avanzado"
    assert rows["p2.json"]["innovacion_riesgo"] == "alto"
    assert rows["roto.json"]["estado"] == "error" and rows["roto.json"]["error"]
    assert "roto.json" in result.stderr and "2 archivo(s) calificado(s), 1 rechazado(s)" in result.stderr


def test_an_adapted_rubric_runs_the_same_way_by_option_or_environment(mini, mini_dir, tmp_path):
    path = write_answers(mini, tmp_path / "mini.json", all_answers(mini, "si"))
    for result in (run("--content", str(mini_dir), "score", str(path), "--format", "json"),
                   run("score", str(path), "--format", "json", "--content", str(mini_dir)),
                   run("score", str(path), "--format", "json", env={"AUTODIAG_CONTENT": str(mini_dir)})):
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["rubric_version"] == "0.1"
    # The default rubric refuses a file of the adapted one, in one line.
    assert "mini-prueba" in assert_one_line_error(run("score", str(path)))


@pytest.mark.parametrize("command", [["score", str(ANSWERS / "valido.json")], ["app", "--no-browser"]])
def test_a_broken_content_folder_is_one_line(content_copy, command):
    (content_copy / "preguntas.yaml").write_text("transparencia: [", encoding="utf-8")
    line = assert_one_line_error(run("--content", str(content_copy), *command))
    assert "validate" in line


# --- hostile input (issue 13): one line per problem, exit 2, nothing half-written --------------------


def test_a_file_with_several_problems_gets_one_line_for_each():
    result = run("score", str(ANSWERS / "varios-problemas.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5, lines
    assert all(line.startswith("autodiag: error: ") and "varios-problemas.json: " in line for line in lines)
    assert [line.rsplit("[", 1)[1] for line in lines] == [
        "campo-invalido]", "campo-invalido]", "texto-muy-largo]", "pregunta-desconocida]", "opcion-desconocida]"]


@pytest.mark.parametrize("command", ["score", "report"])
@pytest.mark.parametrize("name", ["version-enorme.json", "numero-enorme-en-respuestas.json", "flotante-enorme.json"])
def test_huge_numbers_are_one_line_not_a_traceback(tmp_path, command, name):
    extra = ["-o", str(tmp_path / "r.html")] if command == "report" else []
    line = assert_one_line_error(run(command, str(ANSWERS / name), *extra))
    assert "[numero-enorme]" in line
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".csv"])
def test_report_of_a_file_with_lone_surrogates_emoji_and_controls_is_written(tmp_path, suffix):
    out = tmp_path / f"r{suffix}"
    result = run("report", str(ANSWERS / "texto-raro-valido.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name], "no temporary file left beside the report"


def test_report_dates_are_in_the_zone_asked_for_or_the_contents(tmp_path, rubric):
    out = tmp_path / "r.html"
    assert run("report", str(ANSWERS / "valido.json"), "-o", str(out), "--zona-horaria", "America/Tijuana") \
        .returncode == 0
    assert "(zona horaria America/Tijuana)" in out.read_text(encoding="utf-8")
    assert run("report", str(ANSWERS / "valido.json"), "-o", str(out)).returncode == 0
    assert f"(zona horaria {rubric.texts.get('reporte.zona_horaria')})" in out.read_text(encoding="utf-8")
    line = assert_one_line_error(run("report", str(ANSWERS / "valido.json"), "-o", str(tmp_path / "x.pdf"),
                                     "--zona-horaria", "Marte/Olympus"))
    assert "zona horaria desconocida" in line and not (tmp_path / "x.pdf").exists()


def _dir_target(tmp_path: Path) -> str:
    (tmp_path / "carpeta.html").mkdir()
    return str(tmp_path / "carpeta.html")


@pytest.mark.parametrize("target", ["carpeta", "/proc/x.html", "/sys/x.pdf", "no-hay/x.csv"])
def test_report_to_a_place_that_cannot_be_written_is_one_line_and_leaves_nothing(tmp_path, target):
    out = _dir_target(tmp_path) if target == "carpeta" else target if target.startswith("/") else str(tmp_path / target)
    before = sorted(tmp_path.rglob("*"))
    line = assert_one_line_error(run("report", str(ANSWERS / "valido.json"), "-o", out))
    assert "[salida-invalida]" in line
    assert sorted(tmp_path.rglob("*")) == before, "nothing written, not even an empty file"
    if target.startswith("/"):
        assert not Path(target).exists()


def test_batch_output_to_a_folder_is_one_line(tmp_path):
    (tmp_path / "grupo").mkdir()
    (tmp_path / "salida.csv").mkdir()
    line = assert_one_line_error(run("batch", str(tmp_path / "grupo"), "-o", str(tmp_path / "salida.csv")))
    assert "carpeta" in line


def test_batch_survives_every_hostile_file_and_lists_what_it_skipped(rubric, tmp_path):
    folder = tmp_path / "grupo"
    folder.mkdir()
    write_answers(rubric, folder / "p1.json", all_answers(rubric, "si"))
    for name in ("version-enorme.json", "varios-problemas.json", "binario.json", "texto-raro-valido.json",
                 "etiqueta-formula.json"):
        (folder / name).write_bytes((ANSWERS / name).read_bytes())
    forged = "x.json\n2 archivo(s) calificado(s), 0 rechazado(s), 0 omitido(s)\ny.json"
    (folder / forged).write_text("{", encoding="utf-8")
    (folder / "=HYPERLINK(1).json").write_bytes((ANSWERS / "valido.json").read_bytes())
    (folder / "carpeta.json").mkdir()
    os.mkfifo(folder / "fifo.json")
    (folder / "roto-enlace.json").symlink_to(folder / "no-existe.json")
    (folder / "enlace.json").symlink_to(folder / "p1.json")
    out = tmp_path / "grupo.csv"
    result = run("batch", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "5 archivo(s) calificado(s), 4 rechazado(s), 3 omitido(s)", lines
    assert len(lines) == 4 + 3 + 1, "one line per refused or skipped file, and the summary: no forged line"
    assert any(line.startswith("x.json\\n2 archivo(s)") for line in lines), "the newline is shown escaped"
    rows = {r["archivo"]: r for r in csv.DictReader(out.open(encoding="utf-8", newline=""))}
    assert {rows[n]["estado"] for n in ("carpeta.json", "fifo.json", "roto-enlace.json")} == {"omitido"}
    assert "enlace roto" in rows["roto-enlace.json"]["error"]
    assert rows["enlace.json"]["estado"] == "ok"
    assert rows["version-enorme.json"]["estado"] == "error"
    assert rows["etiqueta-formula.json"]["etiqueta"].startswith("'="), "a formula in a label is neutralised"
    assert "'=HYPERLINK(1).json" in rows, "a formula in a file name is neutralised"
    assert rows["texto-raro-valido.json"]["estado"] == "ok"
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == [], "no temporary file left"


def test_a_folder_or_a_fifo_given_as_answers_file_is_one_line(tmp_path):
    os.mkfifo(tmp_path / "fifo.json")
    for target in (tmp_path, tmp_path / "fifo.json"):
        line = assert_one_line_error(run("score", str(target)))
        assert "no es un archivo común" in line and "[archivo-faltante]" in line


def test_text_and_json_name_the_unmet_legal_minimums(rubric, tmp_path):
    minimum = next(q for q in rubric.questions if q.legal_minimum)
    path = write_answers(rubric, tmp_path / "sin-minimo.json", {**all_answers(rubric, "si"), minimum.id: "no"})
    text = run("score", str(path)).stdout
    assert "sin cumplir" in text and minimum.id in text
    summary = json.loads(run("score", str(path), "--format", "json").stdout)
    component = summary["components"][minimum.component]
    assert component["legal_minimums_unmet"] == [minimum.id]
    assert (component["level"], component["risk"]) == ("basico", "alto")
    assert all(c["legal_minimums_unmet"] == [] for cid, c in summary["components"].items() if cid != minimum.component)
