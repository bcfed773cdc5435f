"""Validation of broken copies of content/: every problem reported at once, with file and key path."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import autodiag
from autodiag.load import validate_content


def edit(folder: Path, name: str, change: Callable[[Any], None]) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(folder: Path) -> set[tuple[str, str, str]]:
    return {(p.file, p.path, p.code) for p in validate_content(folder).problems}


def test_duplicate_question_id(content_copy):
    def dup(d):
        d["transparencia"]["preguntas"][1]["id"] = d["transparencia"]["preguntas"][0]["id"]
    edit(content_copy, "preguntas.yaml", dup)
    assert ("preguntas.yaml", "transparencia.preguntas[1].id", "id-duplicado") in problems(content_copy)


def test_weight_that_is_not_a_number(content_copy):
    edit(content_copy, "preguntas.yaml", lambda d: d["transparencia"]["preguntas"][4].update(peso="alto"))
    report = validate_content(content_copy)
    assert [str(p) for p in report.problems] == [
        "preguntas.yaml: transparencia.preguntas[4].peso: se esperaba un número, no 'alto' [tipo-invalido]"
    ]


def test_unknown_field_and_tier(content_copy):
    edit(content_copy, "preguntas.yaml",
         lambda d: d["participacion"]["preguntas"][2].update(campo="inventado", nivel="experto"))
    found = problems(content_copy)
    assert ("preguntas.yaml", "participacion.preguntas[2].campo", "referencia-desconocida") in found
    assert ("preguntas.yaml", "participacion.preguntas[2].nivel", "referencia-desconocida") in found


def test_a_tier_with_no_questions(content_copy):
    def basic_to_intermediate(d):
        for q in d["innovacion"]["preguntas"]:
            if q["nivel"] == "basico":
                q["nivel"] = "intermedio"
    edit(content_copy, "preguntas.yaml", basic_to_intermediate)
    assert ("preguntas.yaml", "innovacion", "nivel-sin-preguntas") in problems(content_copy)


def test_a_recommendation_without_trigger_and_one_with_an_unknown_question(content_copy):
    def broken(d):
        d["transparencia"]["recomendaciones"][0]["preguntas"] = []
        d["transparencia"]["recomendaciones"][1]["preguntas"] = ["no_existe"]
    edit(content_copy, "recomendaciones.yaml", broken)
    found = problems(content_copy)
    assert ("recomendaciones.yaml", "transparencia.recomendaciones[0].preguntas", "sin-disparador") in found
    assert ("recomendaciones.yaml", "transparencia.recomendaciones[1].preguntas[0]", "referencia-desconocida") in found


def test_a_trigger_from_another_component(content_copy):
    edit(content_copy, "recomendaciones.yaml",
         lambda d: d["innovacion"]["recomendaciones"][0].update(preguntas=["tr_reglamento"]))
    assert ("recomendaciones.yaml", "innovacion.recomendaciones[0].preguntas[0]",
            "referencia-cruzada") in problems(content_copy)


def test_bad_thresholds(content_copy):
    def bad(d):
        d["umbrales"]["nivel"] = 1.5
        d["umbrales"]["riesgo"] = [70, 40]
    edit(content_copy, "rubrica.yaml", bad)
    found = problems(content_copy)
    assert ("rubrica.yaml", "umbrales.nivel", "umbral-invalido") in found
    assert ("rubrica.yaml", "umbrales.riesgo", "umbral-invalido") in found


def test_an_unquoted_no_in_the_scale_is_caught(content_copy, rubric):
    path = content_copy / "rubrica.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('id: "no"', "id: no"), encoding="utf-8")
    found = problems(content_copy)
    position = [o.id for o in rubric.scale].index("no")
    assert ("rubrica.yaml", f"escala[{position}].id", "tipo-invalido") in found


def test_a_missing_text_and_an_unknown_placeholder(content_copy):
    def bad(d):
        del d["presentacion"]["privacidad"]
        d["resultados"]["incompleto"] = "Faltan {cuantas} preguntas."
    edit(content_copy, "textos.yaml", bad)
    found = problems(content_copy)
    assert ("textos.yaml", "presentacion.privacidad", "texto-faltante") in found
    assert ("textos.yaml", "resultados.incompleto", "texto-invalido") in found


def test_yaml_syntax_error_names_the_line(content_copy):
    (content_copy / "componentes.yaml").write_text("componentes:\n  - id: [sin cerrar\n", encoding="utf-8")
    (problem,) = validate_content(content_copy).problems
    assert (problem.file, problem.code) == ("componentes.yaml", "yaml-invalido")
    assert problem.path.startswith("línea")


def test_a_missing_file_and_a_missing_folder(content_copy, tmp_path):
    (content_copy / "textos.yaml").unlink()
    assert ("textos.yaml", "", "archivo-faltante") in problems(content_copy)
    assert validate_content(tmp_path / "nada").problems[0].code == "carpeta-faltante"


def test_every_problem_is_reported_at_once_and_load_raises_with_all_of_them(content_copy):
    edit(content_copy, "preguntas.yaml", lambda d: d["transparencia"]["preguntas"][0].update(peso=-1, nivel="x"))
    edit(content_copy, "rubrica.yaml", lambda d: d["umbrales"].update(nivel=0))
    with pytest.raises(autodiag.ContentError) as err:
        autodiag.load_rubric(content_copy)
    codes = {p.code for p in err.value.report.problems}
    assert {"fuera-de-rango", "referencia-desconocida", "umbral-invalido"} <= codes


def test_cli_validate_exits_0_on_the_real_content_and_1_with_precise_errors(content_copy):
    ok = subprocess.run([sys.executable, "-m", "autodiag", "validate"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    edit(content_copy, "preguntas.yaml", lambda d: d["transparencia"]["preguntas"][4].update(peso="alto"))
    bad = subprocess.run([sys.executable, "-m", "autodiag", "validate", str(content_copy)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "preguntas.yaml: transparencia.preguntas[4].peso: se esperaba un número" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


def test_an_adapted_textos_yaml_is_checked_against_every_text_of_the_default(content_copy):
    """No hand-kept list: any text of the default textos.yaml (here, the workshop's and the charts') is required,
    of the same kind, with only the default's placeholders."""
    def bad(d):
        del d["taller"]["titulo"]
        d["graficas"]["colores"]["niveles"] = "#000000"
        d["taller"]["cargados"] = "{validos} de {total}"
    edit(content_copy, "textos.yaml", bad)
    found = problems(content_copy)
    assert ("textos.yaml", "taller.titulo", "texto-faltante") in found
    assert ("textos.yaml", "graficas.colores.niveles", "texto-faltante") in found
    assert ("textos.yaml", "taller.cargados", "texto-invalido") in found


def test_the_default_texts_are_the_reference():
    from autodiag.load import reference_texts

    reference = reference_texts()
    assert reference["taller.cargados"] == "{validos} archivo(s) válido(s) cargado(s); {rechazados} rechazado(s)."
    assert isinstance(reference["consideraciones.puntos"], list)
    assert len(reference) > 100


def test_a_package_without_its_reference_texts_says_so(content_copy, tmp_path, monkeypatch):
    from autodiag import load, resources

    monkeypatch.setattr(resources, "content_dir", lambda: tmp_path / "no-hay")
    load.reference_texts.cache_clear()
    try:
        found = problems(content_copy)
    finally:
        monkeypatch.undo()
        load.reference_texts.cache_clear()
    assert ("textos.yaml", "", "referencia-faltante") in found
