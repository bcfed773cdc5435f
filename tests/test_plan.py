"""The action plan in the answers file (schema_version 2): round trip, migration of v1 files, refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

import autodiag
from autodiag.answers import SCHEMA_VERSION, AnswersFileError, read_answers
from autodiag.plan import (
    MAX_ACTIONS,
    MAX_TEXT_CHARS,
    Action,
    Estado,
    Plazo,
    Prioridad,
    action_from_recommendation,
    join_plans,
)


def _plan(rubric):
    rec = rubric.recommendations[0]
    first = action_from_recommendation(rubric, rec.id, "a1")
    adapted = Action(id="a2", text="Publicar el reglamento 🏛️ en el portal", recommendation=rubric.recommendations[1].id,
                     component=rubric.recommendations[1].component, tier=rubric.recommendations[1].tier,
                     area="Unidad de Transparencia", plazo=Plazo.CORTO, prioridad=Prioridad.ALTA,
                     indicador="Reglamento publicado", estado=Estado.EN_CURSO, nota="\ud800 revisar")
    own = Action(id="propia-1", text="Capacitar a los enlaces", plazo=Plazo.LARGO, estado=Estado.CUMPLIDA)
    return first, adapted, own


def test_a_plan_round_trips_through_the_answers_file(rubric):
    plan = _plan(rubric)
    written = autodiag.new_answers(rubric, {"tr_reglamento": "si"}, plan=plan)
    doc = json.loads(written.to_bytes())
    assert doc["schema_version"] == SCHEMA_VERSION == 2
    assert [a["id"] for a in doc["plan"]] == ["a1", "a2", "propia-1"]
    assert doc["plan"][2]["recommendation"] is None
    back = read_answers(written.to_bytes(), rubric).answers
    assert back == written
    assert back.plan[0].text == rubric.recommendations[0].full_text
    assert back.plan[0].recommendation == rubric.recommendations[0].id


def test_a_file_without_plan_writes_no_plan_key(rubric):
    assert "plan" not in autodiag.new_answers(rubric, {"tr_reglamento": "si"}).to_dict()


def test_a_version_1_file_opens_with_an_empty_plan(rubric):
    doc = {"schema": "autodiag/answers", "schema_version": 1, "rubric_id": rubric.id,
           "rubric_version": rubric.version, "created": "2026-01-01T00:00:00+00:00",
           "answers": {"tr_reglamento": "no"}, "notes": {"tr_reglamento": "x"}}
    loaded = read_answers(json.dumps(doc), rubric).answers
    assert loaded.plan == ()
    assert loaded.answers == {"tr_reglamento": "no"}
    # written again, it is a version-2 file that reads back the same
    assert read_answers(loaded.to_bytes(), rubric).answers == loaded


def _refused(rubric, plan) -> list[tuple[str, str]]:
    doc = autodiag.new_answers(rubric, {"tr_reglamento": "si"}).to_dict()
    doc["plan"] = plan
    with pytest.raises(AnswersFileError) as err:
        read_answers(json.dumps(doc), rubric)
    for p in err.value.problems:
        assert "Traceback" not in p.message and p.message
    return [(p.path, p.code) for p in err.value.problems]


def test_every_problem_of_a_plan_is_told_at_once_with_its_key_path(rubric):
    good = _plan(rubric)[2].to_dict()
    plan = [
        {**good, "id": "a1", "plazo": "pronto"},
        {**good, "id": "a1"},
        {**good, "id": "a3", "prioridad": 3, "estado": "hecha"},
        {**good, "id": "a4", "text": "x" * (MAX_TEXT_CHARS + 1)},
        {**good, "id": "a5", "recommendation": "no_existe"},
        {**good, "id": "a6", "component": "otro"},
        "no es una acción",
        {**good, "id": "a8", "extra": 1},
        {**good, "id": "a9", "nota": 5},
    ]
    assert _refused(rubric, plan) == [
        ("plan[0].plazo", "plan-valor-invalido"),
        ("plan[1].id", "plan-id-repetido"),
        ("plan[2].prioridad", "plan-valor-invalido"),
        ("plan[2].estado", "plan-valor-invalido"),
        ("plan[3].text", "texto-muy-largo"),
        ("plan[4].recommendation", "plan-recomendacion-desconocida"),
        ("plan[5].component", "plan-valor-invalido"),
        ("plan[6]", "campo-invalido"),
        ("plan[7]", "campo-invalido"),
        ("plan[8].nota", "campo-invalido"),
    ]


def test_a_plan_that_is_not_a_list_or_too_long_is_refused(rubric):
    assert _refused(rubric, {"a": 1}) == [("plan", "campo-invalido")]
    good = _plan(rubric)[2].to_dict()
    assert _refused(rubric, [{**good, "id": f"a{i}"} for i in range(MAX_ACTIONS + 1)]) == [
        ("plan", "plan-muy-largo")]


def test_the_messages_are_spanish_from_the_content(rubric):
    good = _plan(rubric)[2].to_dict()
    doc = autodiag.new_answers(rubric, {}).to_dict()
    doc["plan"] = [{**good, "plazo": "pronto"}]
    with pytest.raises(AnswersFileError) as err:
        read_answers(json.dumps(doc), rubric)
    assert "«pronto» no es válido" in err.value.message and "corto, mediano, largo" in err.value.message


def test_joined_plans_keep_identical_actions_once_and_rename_repeated_ids(rubric):
    first, adapted, own = _plan(rubric)
    other = Action(id="a1", text="Otra acción distinta")
    joined = join_plans([(first, adapted), (Action(**{**first.to_dict(), "plazo": first.plazo,
                                                       "prioridad": first.prioridad, "estado": first.estado}), other,
                                            own)])
    assert [a.id for a in joined] == ["a1", "a2", "a1-2", "propia-1"]
    assert joined[2].text == "Otra acción distinta"


def test_the_report_shows_the_plan_in_html_csv(rubric, tmp_path):
    from autodiag.report import report_csv, report_html
    from autodiag.scoring import score

    answers = autodiag.new_answers(rubric, {"tr_reglamento": "si"}, plan=_plan(rubric))
    diagnosis = score(rubric, answers)
    html = report_html(rubric, diagnosis, answers)
    assert html.count('data-action="') == 3 and "Plan de acción" in html and "Acción propia" in html
    rows = [r for r in csv.DictReader(io.StringIO(report_csv(rubric, diagnosis, answers))) if r["tipo"] == "accion"]
    assert len(rows) == 3
    assert (rows[2]["id"], rows[2]["Texto"], rows[2]["Recomendación de origen"]) == (
        "propia-1", "Capacitar a los enlaces", "Acción propia")
    assert (rows[2]["plazo"], rows[2]["prioridad"], rows[2]["recomendacion"], rows[2]["estado"]) == (
        "largo", "media", "", "cumplida")
    assert (rows[2]["Plazo"], rows[2]["Estado"]) == ("Largo plazo (más de 18 meses)", "Cumplida")
    empty = autodiag.new_answers(rubric, {"tr_reglamento": "si"})
    assert "autodiag-plan" not in report_html(rubric, score(rubric, empty), empty)


def test_the_pdf_has_a_plan_section_only_with_a_plan(rubric):
    from test_report import pdf_text

    from autodiag.report import report_pdf
    from autodiag.scoring import score

    answers = autodiag.new_answers(rubric, {"tr_reglamento": "si"}, plan=_plan(rubric))
    _, text = pdf_text(report_pdf(rubric, score(rubric, answers), answers))
    flat = " ".join(text.split())
    assert "Plan de acción" in flat and "Capacitar a los enlaces" in flat and "Unidad de Transparencia" in flat
    empty = autodiag.new_answers(rubric, {"tr_reglamento": "si"})
    _, text = pdf_text(report_pdf(rubric, score(rubric, empty), empty))
    assert "Capacitar" not in text and "Recomendación de origen" not in " ".join(text.split())


def test_a_plan_of_an_older_rubric_version_opens_with_the_ids_it_no_longer_has_dropped(rubric):
    from helpers import FIXTURES

    doc = json.loads((FIXTURES / "answers" / "rubrica-1.0" / "completo-con-notas.json").read_text(encoding="utf-8"))
    assert doc["rubric_version"] != rubric.version
    kept = rubric.recommendations[0]
    doc["schema_version"] = 2
    doc["plan"] = [
        {"id": "a1", "text": "De una recomendación retirada", "recommendation": "retirada_r99",
         "component": "componente_retirado", "tier": "basico", "plazo": "corto", "prioridad": "alta",
         "estado": "en_curso"},
        {"id": "a2", "text": kept.text, "recommendation": kept.id, "component": kept.component, "tier": kept.tier,
         "plazo": "largo", "prioridad": "baja", "estado": "cumplida"},
    ]
    loaded = read_answers(json.dumps(doc), rubric).answers
    assert [(a.id, a.recommendation, a.component, a.tier) for a in loaded.plan] == [
        ("a1", None, "", "basico"), ("a2", kept.id, kept.component, kept.tier)]
    assert read_answers(loaded.to_bytes(), rubric).answers == loaded


def test_a_plan_with_repeated_ids_is_never_written(rubric):
    from autodiag.plan import next_action_id

    own = _plan(rubric)[2]
    with pytest.raises(ValueError):
        autodiag.new_answers(rubric, {}, plan=(own, own))
    assert next_action_id(_plan(rubric)) == "a3"
