"""`autodiag.frames`: the rubric, a diagnosis and a batch as DataFrames with fixed columns."""

from __future__ import annotations

from pathlib import Path

import pytest

import autodiag
from autodiag import frames
from autodiag.batch import score_folder
from helpers import all_answers


def test_questions_frame_has_one_row_per_question_in_rubric_order(rubric):
    table = frames.questions_frame(rubric)
    assert list(table.columns) == ["pregunta", "componente", "campo", "nombre_campo", "nivel", "peso",
                                   "minimo_legal", "elaboracion", "texto", "fundamento"]
    assert len(table) == len(rubric.questions)
    assert list(table["minimo_legal"]) == [q.legal_minimum for q in rubric.questions]
    assert list(table["fundamento"]) == [q.fundamento for q in rubric.questions]
    assert list(table["pregunta"]) == [q.id for q in rubric.questions]


def test_component_and_tier_columns_follow_the_rubric_order_not_the_alphabet(rubric):
    table = frames.questions_frame(rubric)
    assert list(table["componente"].cat.categories) == [c.id for c in rubric.components]
    assert list(table["nivel"].cat.categories) == ["basico", "intermedio", "avanzado"]
    assert table["nivel"].cat.ordered, "tiers are ranked"


def test_questions_per_component_counts_every_question(rubric):
    counts = frames.questions_frame(rubric)["componente"].value_counts(sort=False)
    assert counts.to_dict() == {c.id: len(rubric.questions_of(c.id)) for c in rubric.components}


def test_recommendations_frame_lists_the_57_with_their_triggers(rubric):
    table = frames.recommendations_frame(rubric)
    assert len(table) == 57
    assert list(table.columns) == ["recomendacion", "componente", "campo", "nombre_campo", "nivel", "preguntas",
                                   "n_preguntas", "texto"]
    first = rubric.recommendations[0]
    row = table.iloc[0]
    assert row["recomendacion"] == first.id
    assert row["preguntas"] == ", ".join(first.triggers)
    assert row["n_preguntas"] == len(first.triggers)


def test_triggers_frame_has_one_row_per_recommendation_question_pair(rubric):
    table = frames.triggers_frame(rubric)
    pairs = {(r.id, q) for r in rubric.recommendations for q in r.triggers}
    assert len(table) == len(pairs)
    assert set(zip(table["recomendacion"], table["pregunta"])) == pairs
    one = table.iloc[0]
    assert one["nivel_pregunta"] == rubric.question(one["pregunta"]).tier


def test_coverage_by_tier_is_components_by_tiers_and_counts_every_question(rubric):
    matrix = frames.coverage_matrix(rubric, by="tier")
    assert list(matrix.index) == [c.id for c in rubric.components]
    assert list(matrix.columns) == ["basico", "intermedio", "avanzado"]
    assert matrix.to_numpy().sum() == len(rubric.questions)
    assert (matrix > 0).all().all(), "content rule: every component has questions in every tier"
    assert matrix.loc["transparencia", "basico"] == sum(
        q.component == "transparencia" and q.tier == "basico" for q in rubric.questions)


def test_coverage_by_field_has_a_row_per_field_and_keeps_empty_cells_as_zero(rubric):
    matrix = frames.coverage_matrix(rubric, by="field")
    assert list(matrix.index) == [(c.id, f.id) for c in rubric.components for f in c.fields]
    assert matrix.to_numpy().sum() == len(rubric.questions)
    assert (matrix == 0).any().any(), "not every field has every tier; gaps show as 0"


def test_coverage_of_recommendations_counts_the_57(rubric):
    assert frames.coverage_matrix(rubric, of="recomendaciones").to_numpy().sum() == 57
    assert frames.coverage_matrix(rubric, by="field", of="recomendaciones").to_numpy().sum() == 57


@pytest.mark.parametrize("kwargs", [{"by": "campo"}, {"of": "respuestas"}])
def test_coverage_matrix_refuses_an_unknown_axis(rubric, kwargs):
    with pytest.raises(ValueError):
        frames.coverage_matrix(rubric, **kwargs)


def test_diagnosis_frame_of_all_yes_is_avanzado_and_100_everywhere(rubric):
    table = frames.diagnosis_frame(autodiag.score(rubric, all_answers(rubric, "si")))
    assert list(table.index) == [c.id for c in rubric.components]
    assert set(table["nivel"]) == {"avanzado"}
    assert set(table["riesgo"]) == {"bajo"}
    assert set(table["puntaje"]) == {100.0}
    assert {"cobertura_basico", "cobertura_intermedio", "cobertura_avanzado", "irregular",
            "por_confirmar", "sin_responder"} <= set(table.columns)


def test_diagnosis_frame_counts_unknown_and_unanswered(rubric):
    answers = all_answers(rubric, "si")
    answers[rubric.questions_of("innovacion")[0].id] = "nose"
    del answers[rubric.questions_of("transparencia")[0].id]
    table = frames.diagnosis_frame(autodiag.score(rubric, answers))
    assert table.loc["innovacion", "por_confirmar"] == 1
    assert table.loc["transparencia", "sin_responder"] == 1


def test_fields_frame_has_a_row_per_field_with_questions(rubric):
    table = frames.fields_frame(autodiag.score(rubric, all_answers(rubric, "no")))
    with_questions = {(q.component, q.field) for q in rubric.questions}
    assert list(table.columns) == frames.FIELD_COLUMNS
    assert set(zip(table["componente"], table["campo"])) == with_questions
    assert len(table) == len(with_questions)
    assert set(table["puntaje"]) == {0.0}


@pytest.fixture
def folder(tmp_path: Path, rubric) -> Path:
    """Two valid answers files (all "si", all "no") and one that is not JSON."""
    yes = autodiag.new_answers(rubric, all_answers(rubric, "si"), label="uno")
    (tmp_path / "a-si.json").write_bytes(yes.to_bytes())
    (tmp_path / "b-no.json").write_bytes(autodiag.new_answers(rubric, all_answers(rubric, "no")).to_bytes())
    (tmp_path / "c-roto.json").write_text("{no es json", encoding="utf-8")
    return tmp_path


def test_batch_frame_has_a_row_per_valid_file_and_component(folder, rubric):
    table = frames.batch_frame(score_folder(folder, rubric))
    assert len(table) == 2 * 5
    assert set(table["archivo"]) == {"a-si.json", "b-no.json"}, "the broken file is not among the results"
    assert set(table.loc[table["archivo"] == "a-si.json", "nivel"]) == {"avanzado"}
    assert set(table.loc[table["archivo"] == "b-no.json", "nivel"]) == {"basico"}
    assert {"etiqueta", "componente", "riesgo", "puntaje", "irregular", "cobertura_basico"} <= set(table.columns)


def test_refused_files_are_listed_apart_with_their_reason(folder, rubric):
    refused = frames.refused_frame(score_folder(folder, rubric))
    assert list(refused["archivo"]) == ["c-roto.json"]
    assert "JSON" in refused.iloc[0]["mensaje"]


def test_validation_frame_lists_every_file_with_its_state(folder, rubric):
    table = frames.validation_frame(score_folder(folder, rubric))
    assert list(table["archivo"]) == ["a-si.json", "b-no.json", "c-roto.json"]
    assert list(table["estado"]) == [frames.VALID, frames.VALID, frames.REFUSED]
    assert table.iloc[0]["respondidas"] == len(rubric.questions)
    assert table.iloc[0]["etiqueta"] == "uno"


def test_batch_frames_of_an_empty_batch_are_empty_with_their_columns():
    assert len(frames.batch_frame([])) == 0
    assert list(frames.refused_frame([]).columns) == ["archivo", "mensaje"]
    assert list(frames.validation_frame([]).columns) == frames.VALIDATION_COLUMNS
