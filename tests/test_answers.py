"""Answers files: round trip, the hostile corpus in fixtures/answers/, and older rubric versions."""

from __future__ import annotations

import json

import pytest

import autodiag
from autodiag.answers import MAX_BYTES, SCHEMA, SCHEMA_VERSION, read_answers
from helpers import FIXTURES, all_answers

ANSWERS = FIXTURES / "answers"

# Each refused fixture, the slug it is refused with, and a word its Spanish message must hold.
REFUSED = [
    ("vacio.json", "vacio", "vacío"),
    ("solo-espacios.json", "vacio", "vacío"),
    ("truncado.json", "no-json", "JSON"),
    ("no-json.json", "no-json", "JSON"),
    ("lista.json", "no-objeto", "objeto"),
    ("binario.json", "codificacion", "UTF-8"),
    ("latin1.json", "codificacion", "UTF-8"),
    ("utf16.json", "codificacion", "UTF-8"),
    ("sin-schema.json", "esquema", "schema"),
    ("otro-schema.json", "esquema", "schema"),
    ("version-futura.json", "version-futura", "más reciente"),
    ("version-texto.json", "version-esquema", "versión"),
    ("otra-rubrica.json", "otra-rubrica", "rubrica-de-otro-estado"),
    ("pregunta-desconocida.json", "pregunta-desconocida", "xx_inventada"),
    ("opcion-desconocida.json", "opcion-desconocida", "quizas"),
    ("respuestas-no-objeto.json", "campo-invalido", "answers"),
    ("respuesta-no-texto.json", "campo-invalido", "answers.pc_foros"),
    ("fecha-invalida.json", "campo-invalido", "created"),
    ("sin-fecha.json", "campo-invalido", "created"),
    ("nota-no-texto.json", "campo-invalido", "notes.pc_foros"),
    ("etiqueta-larga.json", "texto-muy-largo", "label"),
]


@pytest.mark.parametrize("name, code, word", REFUSED, ids=[r[0] for r in REFUSED])
def test_each_hostile_file_is_refused_with_one_clear_spanish_message(rubric, name, code, word):
    with pytest.raises(autodiag.AnswersFileError) as err:
        autodiag.read_answers_file(ANSWERS / name, rubric)
    assert err.value.code == code
    assert word in err.value.message
    assert "\n" not in err.value.message and "Traceback" not in err.value.message


def test_a_huge_file_is_refused_before_parsing(rubric, tmp_path):
    huge = tmp_path / "enorme.json"
    huge.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(autodiag.AnswersFileError) as err:
        autodiag.read_answers_file(huge, rubric)
    assert err.value.code == "muy-grande" and "KB" in err.value.message


def test_deep_nesting_is_refused_without_a_recursion_crash(rubric):
    with pytest.raises(autodiag.AnswersFileError) as err:
        read_answers(b"[" * 200_000, rubric)
    assert err.value.code in {"demasiado-anidado", "no-json"}


def test_a_valid_file_opens_with_its_answers(rubric):
    loaded = autodiag.read_answers_file(ANSWERS / "valido.json", rubric)
    assert loaded.answers.answers == {"tr_unidad_transparencia": "si", "tr_reglamento": "parcial",
                                      "pc_foros": "no", "in_agenda_digital": "nose"}
    assert loaded.notices == ()


def test_round_trip_keeps_answers_notes_and_label(rubric):
    answers = all_answers(rubric, "parcial")
    written = autodiag.new_answers(rubric, answers, {"tr_reglamento": "Falta publicarlo «pronto» ✓"}, "Taller 2026")
    doc = json.loads(written.to_bytes())
    assert (doc["schema"], doc["schema_version"], doc["rubric_id"]) == (SCHEMA, SCHEMA_VERSION, rubric.id)
    back = read_answers(written.to_bytes(), rubric).answers
    assert back.answers == answers
    assert back.notes == {"tr_reglamento": "Falta publicarlo «pronto» ✓"}
    assert back.label == "Taller 2026"


def test_the_file_holds_no_identifying_keys(rubric):
    doc = json.loads(autodiag.new_answers(rubric, {"tr_reglamento": "si"}).to_bytes())
    assert set(doc) <= {"schema", "schema_version", "rubric_id", "rubric_version", "created", "answers", "notes", "label"}


def test_a_file_from_an_earlier_rubric_version_opens_with_what_survives(rubric):
    loaded = autodiag.read_answers_file(ANSWERS / "version-anterior-de-la-rubrica.json", rubric)
    assert "tr_pregunta_retirada" not in loaded.answers.answers
    assert loaded.answers.answers["tr_reglamento"] == "parcial"
    assert loaded.removed_questions == ("tr_pregunta_retirada",)
    assert len(loaded.new_questions) == len(rubric.questions) - 4
    assert loaded.answers.rubric_version == rubric.version
    assert any("0.9" in n for n in loaded.notices)
    assert any("tr_pregunta_retirada" in n for n in loaded.notices)


def test_markup_in_notes_and_label_is_kept_as_plain_text(rubric):
    loaded = autodiag.read_answers_file(ANSWERS / "html-en-notas-y-etiqueta.json", rubric)
    assert loaded.answers.notes["tr_reglamento"].startswith("<script>")
