"""The rules of rubric 2.0 that `validate` enforces, on broken copies of the tiny rubric.

Each test breaks one rule and asserts the slug and key path of the problem (not the prose).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validation import edit, problems

import autodiag
from autodiag.load import validate_content


def questions(d, component="transparencia"):
    return d[component]["preguntas"]


def test_the_tiny_rubric_is_valid(mini_copy):
    assert validate_content(mini_copy).valid, str(validate_content(mini_copy))


def test_a_component_with_fewer_than_four_basic_questions(mini_copy):
    edit(mini_copy, "preguntas.yaml", lambda d: questions(d)[3].update(nivel="intermedio"))
    assert ("preguntas.yaml", "transparencia", "pocas-basicas") in problems(mini_copy)


def test_every_question_needs_its_fundamento(mini_copy):
    def drop(d):
        del questions(d)[2]["fundamento"]
        questions(d, "innovacion")[0]["fundamento"] = "  "
    edit(mini_copy, "preguntas.yaml", drop)
    found = problems(mini_copy)
    assert ("preguntas.yaml", "transparencia.preguntas[2].fundamento", "campo-faltante") in found
    assert ("preguntas.yaml", "innovacion.preguntas[0].fundamento", "texto-vacio") in found


def test_a_legal_minimum_must_be_basic_and_rest_on_a_law(mini_copy):
    def bad(d):
        questions(d)[4]["minimo_legal"] = True  # i1, intermedio
        questions(d)[0]["fundamento"] = "Buena práctica de gobierno abierto"
    edit(mini_copy, "preguntas.yaml", bad)
    found = problems(mini_copy)
    assert ("preguntas.yaml", "transparencia.preguntas[4].minimo_legal", "minimo-no-basico") in found
    assert ("preguntas.yaml", "transparencia.preguntas[0].fundamento", "minimo-sin-ley") in found


def test_flags_must_be_true_or_false(mini_copy):
    edit(mini_copy, "preguntas.yaml", lambda d: questions(d)[1].update(elaboracion="sí", minimo_legal=1))
    found = problems(mini_copy)
    assert ("preguntas.yaml", "transparencia.preguntas[1].elaboracion", "tipo-invalido") in found
    assert ("preguntas.yaml", "transparencia.preguntas[1].minimo_legal", "tipo-invalido") in found


def test_drafting_questions_need_the_drafting_option_and_it_must_be_worth_less_than_partial(mini_copy):
    edit(mini_copy, "rubrica.yaml", lambda d: d["escala"].pop(2))
    assert ("preguntas.yaml", "transparencia.preguntas[1].elaboracion", "elaboracion-sin-opcion") in problems(mini_copy)
    edit(mini_copy, "rubrica.yaml", lambda d: d["escala"].insert(2, {"id": "elaboracion", "etiqueta": "En elaboración",
                                                                     "valor": 0.5}))
    assert ("rubrica.yaml", "escala[2].valor", "escala-invalida") in problems(mini_copy)


def test_a_recommendation_triggered_by_a_higher_tier_question(mini_copy):
    def bad(d):
        d["transparencia"]["recomendaciones"][1]["preguntas"] = ["transparencia_a1"]  # only higher
        d["participacion"]["recomendaciones"][0]["preguntas"] = ["participacion_b1", "participacion_i1"]  # mixed
    edit(mini_copy, "recomendaciones.yaml", bad)
    found = problems(mini_copy)
    assert ("recomendaciones.yaml", "transparencia.recomendaciones[1].preguntas[0]",
            "disparador-de-nivel-superior") in found
    assert ("recomendaciones.yaml", "participacion.recomendaciones[0].preguntas[1]",
            "disparador-de-nivel-superior") in found
    assert not any(p.endswith("recomendaciones[0].preguntas[0]") and c == "disparador-de-nivel-superior"
                   for _, p, c in found), "a trigger of the recommendation's own tier is fine"


@pytest.mark.parametrize("ranges, tier", [
    ({"basico": ["alto", "bajo"], "intermedio": ["medio", "bajo"], "avanzado": ["medio", "bajo"]}, "basico"),
    ({"basico": ["alto", "medio"], "intermedio": ["alto", "bajo"], "avanzado": ["medio", "bajo"]}, "intermedio"),
    ({"basico": ["alto", "medio"], "intermedio": ["bajo", "bajo"], "avanzado": ["medio", "bajo"]}, "avanzado"),
    ({"basico": ["medio", "alto"], "intermedio": ["medio", "bajo"], "avanzado": ["medio", "bajo"]}, "basico"),
])
def test_risk_ranges_that_could_contradict_the_level_are_refused(mini_copy, ranges, tier):
    edit(mini_copy, "rubrica.yaml", lambda d: d["umbrales"].update(riesgo_por_nivel=ranges))
    assert ("rubrica.yaml", f"umbrales.riesgo_por_nivel.{tier}", "riesgo-incoherente") in problems(mini_copy)


def test_missing_risk_range_unmet_band_and_minimum_option(mini_copy):
    def bad(d):
        del d["umbrales"]["riesgo_por_nivel"]["avanzado"]
        d["umbrales"]["riesgo_minimo_incumplido"] = "bajo"
        d["umbrales"]["minimo_legal_desde"] = "nose"
    edit(mini_copy, "rubrica.yaml", bad)
    found = problems(mini_copy)
    assert ("rubrica.yaml", "umbrales.riesgo_por_nivel.avanzado", "campo-faltante") in found
    assert ("rubrica.yaml", "umbrales.riesgo_minimo_incumplido", "riesgo-incoherente") in found
    assert ("rubrica.yaml", "umbrales.minimo_legal_desde", "umbral-invalido") in found


@pytest.mark.parametrize("value", [0, 1.5, "mucho"])
def test_the_comparison_share_is_a_number_in_0_1(mini_copy, value):
    edit(mini_copy, "rubrica.yaml", lambda d: d["umbrales"].update(comparacion_respondidas=value))
    slug = "tipo-invalido" if isinstance(value, str) else "umbral-invalido"
    assert ("rubrica.yaml", "umbrales.comparacion_respondidas", slug) in problems(mini_copy)


def test_without_a_comparison_share_a_component_is_compared_only_when_complete(mini_copy):
    assert autodiag.load_rubric(mini_copy).thresholds.comparison_answered == 1.0
    edit(mini_copy, "rubrica.yaml", lambda d: d["umbrales"].update(comparacion_respondidas=0.5))
    assert autodiag.load_rubric(mini_copy).thresholds.comparison_answered == 0.5


def test_migration_steps_must_name_known_questions_and_form_a_chain(mini_copy):
    def bad(d):
        d["pasos"][0]["equivalencias"]["transparencia_viejo"] = ["transparencia_b3", "no_existe"]
        d["pasos"][0]["nuevas"].append("tampoco_existe")
        d["pasos"].append({"desde": "-1", "hacia": "0.5", "equivalencias": {}})
        d["pasos"].append({"desde": "0.0", "hacia": "0.1"})
    edit(mini_copy, "migraciones.yaml", bad)
    found = problems(mini_copy)
    assert ("migraciones.yaml", "pasos[0].equivalencias.transparencia_viejo[1]", "referencia-desconocida") in found
    assert any(f == "migraciones.yaml" and p.startswith("pasos[0].nuevas[") and c == "referencia-desconocida"
               for f, p, c in found)
    assert ("migraciones.yaml", "pasos[1].hacia", "cadena-rota") in found
    assert ("migraciones.yaml", "pasos[2].desde", "id-duplicado") in found


def test_a_loop_of_migration_steps_is_refused(mini_copy):
    def loop(d):
        d["pasos"] = [{"desde": "a", "hacia": "b"}, {"desde": "b", "hacia": "a"}]
    edit(mini_copy, "migraciones.yaml", loop)
    assert ("migraciones.yaml", "pasos[0].hacia", "cadena-rota") in problems(mini_copy)


def test_no_migrations_file_is_fine(mini_copy: Path):
    (mini_copy / "migraciones.yaml").unlink()
    assert autodiag.load_rubric(mini_copy).migrations == ()


def test_all_the_new_rules_are_reported_at_once(mini_copy):
    edit(mini_copy, "preguntas.yaml", lambda d: (questions(d)[3].update(nivel="intermedio"),
                                                 questions(d, "innovacion")[4].update(minimo_legal=True)))
    edit(mini_copy, "rubrica.yaml", lambda d: d["umbrales"].update(riesgo_minimo_incumplido="verde"))
    with pytest.raises(autodiag.ContentError) as err:
        autodiag.load_rubric(mini_copy)
    codes = {p.code for p in err.value.report.problems}
    assert {"pocas-basicas", "minimo-no-basico", "referencia-desconocida"} <= codes
