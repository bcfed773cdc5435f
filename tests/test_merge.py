"""`python -m autodiag merge` and the `.xlsx` workbook of `report`, as whole processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import autodiag
from autodiag.plan import Action, Estado, Plazo, action_from_recommendation
from helpers import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "AUTODIAG_CONTENT"}
    return subprocess.run([sys.executable, "-m", "autodiag", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120)


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()


@pytest.fixture()
def files(rubric, tmp_path):
    q = [x.id for x in rubric.questions]
    a = autodiag.new_answers(rubric, {q[0]: "si", q[1]: "no"}, {q[0]: "Falta publicarlo"}, "Contraloría",
                             plan=(action_from_recommendation(rubric, rubric.recommendations[0].id, "a1"),))
    b = autodiag.new_answers(rubric, {q[2]: "parcial"}, {q[0]: "Lo vimos en sesión"}, "Transparencia",
                             plan=(Action(id="a1", text="Acción propia de transparencia", plazo=Plazo.CORTO),
                                   action_from_recommendation(rubric, rubric.recommendations[0].id, "a9")))
    c = autodiag.new_answers(rubric, {q[1]: "si", q[3]: "no"}, label="Planeación")
    paths = []
    for name, f in (("a", a), ("b", b), ("c", c)):
        path = tmp_path / f"{name}.json"
        path.write_bytes(f.to_bytes())
        paths.append(str(path))
    return q, paths


def test_files_of_different_questions_join_with_notes_labelled_and_plans_joined(rubric, files, tmp_path):
    q, (a, b, _) = files
    out = tmp_path / "equipo.json"
    result = run("merge", a, b, "-o", str(out))
    assert result.returncode == 0, result.stderr
    merged = autodiag.read_answers_file(out, rubric).answers
    assert merged.answers == {q[0]: "si", q[1]: "no", q[2]: "parcial"}
    assert merged.notes[q[0]] == "[Contraloría] Falta publicarlo\n\n[Transparencia] Lo vimos en sesión"
    assert [(x.id, x.text) for x in merged.plan] == [
        ("a1", rubric.recommendations[0].full_text), ("a1-2", "Acción propia de transparencia")]


def test_conflicts_are_refused_one_line_each_and_nothing_written(files, tmp_path):
    q, (a, b, c) = files
    out = tmp_path / "equipo.json"
    lines = errors(run("merge", a, b, c, "-o", str(out)))
    assert len(lines) == 1
    assert f"answers.{q[1]}" in lines[0] and "Contraloría: no" in lines[0] and "Planeación: si" in lines[0]
    assert lines[0].endswith("[combinar-conflicto]")
    assert not out.exists()


def test_gana_names_the_file_that_wins(rubric, files, tmp_path):
    q, (a, b, c) = files
    for winner, option in (("1", "no"), ("3", "si")):
        out = tmp_path / f"gana{winner}.json"
        result = run("merge", a, b, c, "-o", str(out), "--gana", winner)
        assert result.returncode == 0, result.stderr
        merged = autodiag.read_answers_file(out, rubric).answers
        assert merged.answers[q[1]] == option and merged.answers[q[3]] == "no"


def test_bad_inputs_exit_2_with_one_line_per_problem(rubric, files, tmp_path):
    _, (a, b, _) = files
    out = tmp_path / "x.json"
    assert errors(run("merge", a, "-o", str(out)))[0].endswith("[combinar-un-archivo]")
    broken = tmp_path / "roto.json"
    broken.write_text("{", encoding="utf-8")
    lines = errors(run("merge", a, str(broken), str(tmp_path / "falta.json"), "-o", str(out)))
    assert [line.rsplit("[", 1)[1] for line in lines] == ["no-json]", "archivo-faltante]"]
    assert errors(run("merge", a, b, "-o", str(tmp_path / "no" / "x.json")))[0].endswith("[salida-invalida]")
    assert errors(run("merge", a, b, "-o", str(out), "--gana", "3"))[0].endswith("[argumento-invalido]")
    other = json.loads(Path(a).read_text(encoding="utf-8"))
    other["rubric_id"] = "otra"
    (tmp_path / "otra.json").write_text(json.dumps(other), encoding="utf-8")
    assert errors(run("merge", a, str(tmp_path / "otra.json"), "-o", str(out)))[0].endswith("[otra-rubrica]")
    assert not out.exists()


def test_the_workbook_has_the_plan_and_the_diagnosis(rubric, tmp_path):
    plan = (action_from_recommendation(rubric, rubric.recommendations[0].id, "a1"),
            Action(id="a2", text='=HYPERLINK("http://x","y")', area="+Tesorería", estado=Estado.CUMPLIDA))
    answers = autodiag.new_answers(rubric, {q.id: "no" for q in rubric.questions}, label="=1+1", plan=plan)
    src = tmp_path / "a.json"
    src.write_bytes(answers.to_bytes())
    out = tmp_path / "plan.xlsx"
    result = run("report", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["Plan", "Diagnóstico"]
    ws = wb["Plan"]
    headers = [c.value for c in ws[1]]
    assert headers == ["Núm.", "Acción", "Recomendación de origen", "Componente", "Nivel", "Área responsable",
                       "Plazo", "Prioridad", "Indicador o evidencia de cumplimiento", "Estado", "Nota", "Seguimiento"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 40
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=ws.max_row)]
    assert rows[0][:3] == ["a1", rubric.recommendations[0].full_text, rubric.recommendations[0].id]
    assert rows[0][6] == "Mediano plazo (hasta 18 meses)" and rows[0][9] == "Pendiente"
    assert rows[1][1] == '=HYPERLINK("http://x","y")' and ws["B3"].data_type == "s"  # text, never a formula
    assert rows[1][2] == "Acción propia" and rows[1][5] == "+Tesorería" and rows[1][9] == "Cumplida"
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(lists) == {"G", "H", "J"}
    assert all(dv.type == "list" for dv in ws.data_validations.dataValidation)
    assert "Corto plazo (hasta 6 meses)" in lists["G"] and "Alta" in lists["H"] and "En curso" in lists["J"]
    ds = wb["Diagnóstico"]
    assert [c.value for c in ds[1]] == ["Componente", "Nivel de desarrollo", "Riesgo", "Puntaje (0–100)",
                                        "Mínimos legales sin cumplir"]
    assert ds.freeze_panes == "A2"
    body = [[c.value for c in r] for r in ds.iter_rows(min_row=2)]
    assert [r[0] for r in body] == [c.name for c in rubric.components]
    assert all(r[1] == rubric.tier("basico").name and r[3] == 0 for r in body)
    assert any(r[4] for r in body)  # every answer "no": some legal minimums are unmet


def test_the_workbook_of_a_file_without_plan_still_offers_the_drop_downs(rubric, tmp_path):
    src = tmp_path / "a.json"
    src.write_bytes(autodiag.new_answers(rubric, {"tr_reglamento": "si"}).to_bytes())
    out = tmp_path / "vacio.xlsx"
    assert run("report", str(src), "-o", str(out)).returncode == 0
    ws = load_workbook(out)["Plan"]
    assert ws.max_row == 1 and len(ws.data_validations.dataValidation) == 3
