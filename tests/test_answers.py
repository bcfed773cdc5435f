"""Answers files: round trip, the hostile corpus in fixtures/answers/, and older rubric versions."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autodiag
from autodiag.answers import (
    MAX_BYTES,
    MAX_LABEL_CHARS,
    MAX_NOTE_CHARS,
    MAX_QUESTIONS,
    SCHEMA,
    SCHEMA_VERSION,
    AnswersFile,
    read_answers,
)
from autodiag.plan import (
    MAX_ACTIONS,
    MAX_AREA_CHARS,
    MAX_ID_CHARS,
    MAX_INDICATOR_CHARS,
    MAX_PLAN_NOTE_CHARS,
    MAX_TEXT_CHARS,
    Action,
    Estado,
    Plazo,
    Prioridad,
)
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
    # Python refuses to read an integer of more than 4,300 digits: one message, not a traceback.
    ("version-enorme.json", "numero-enorme", "cifras"),
    ("numero-enorme-en-respuestas.json", "numero-enorme", "cifras"),
    ("flotante-enorme.json", "numero-enorme", "cifras"),
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
    assert set(doc) <= {"schema", "schema_version", "rubric_id", "rubric_version", "created", "answers", "notes",
                        "label"}


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


def test_every_problem_of_a_file_is_reported_at_once_with_its_key_path(rubric):
    with pytest.raises(autodiag.AnswersFileError) as err:
        autodiag.read_answers_file(ANSWERS / "varios-problemas.json", rubric)
    found = {(p.path, p.code) for p in err.value.problems}
    assert found == {("created", "campo-invalido"), ("answers.pc_foros", "campo-invalido"),
                     ("label", "texto-muy-largo"), ("answers", "pregunta-desconocida"),
                     ("answers.tr_reglamento", "opcion-desconocida")}
    assert {p.file for p in err.value.problems} == {"varios-problemas.json"}
    assert "\n" not in err.value.message and "quizas" in err.value.message and "xx_inventada" in err.value.message


def test_odd_text_in_a_valid_file_opens_and_is_written_back_identically(rubric):
    loaded = autodiag.read_answers_file(ANSWERS / "texto-raro-valido.json", rubric).answers
    assert loaded.label.startswith("\ud800x 🙂 𝔸")
    assert "\x00" in loaded.notes["tr_reglamento"] and "\udfff" in loaded.notes["tr_reglamento"]
    again = read_answers(loaded.to_bytes(), rubric).answers
    assert again == loaded


@pytest.mark.parametrize("text", ["\ud800x", "x\udfff", "\udc00\ud800", "🙂 emoji", "𝔸 fuera del BMP", "\x00\x1f\u2028",
                                  '"\\/', "\ud83d\ude00"])
def test_to_bytes_is_utf8_json_for_any_text(rubric, text):
    written = autodiag.new_answers(rubric, {"tr_reglamento": "si"}, {"tr_reglamento": text}, text)
    data = written.to_bytes()
    json.loads(data.decode("utf-8"))  # strict UTF-8: no surrogate went out raw
    back = read_answers(data, rubric).answers
    assert (back.notes, back.label) == (written.notes, written.label)


def test_the_longest_texts_everywhere_at_worst_case_encoding_fit_under_the_cap(rubric):
    """Every note at its limit on each of MAX_QUESTIONS questions, plus the longest label, each character of
    the kind that takes most bytes (a lone surrogate or a control character: a 6-byte ``\\uXXXX`` escape)."""
    assert len(rubric.questions) <= MAX_QUESTIONS, "the size budget is made for this many questions"
    ids = [f"q{i:03d}_" + "x" * 36 for i in range(MAX_QUESTIONS)]
    for worst in ("\ud800", "\x00", "\U0001d538"):
        plan = tuple(Action(id=f"{i:03d}" + "x" * (MAX_ID_CHARS - 3), text=worst * MAX_TEXT_CHARS,
                            recommendation="r" * MAX_ID_CHARS, component="c" * MAX_ID_CHARS, tier="t" * MAX_ID_CHARS,
                            area=worst * MAX_AREA_CHARS, plazo=Plazo.MEDIANO, prioridad=Prioridad.MEDIA,
                            indicador=worst * MAX_INDICATOR_CHARS, estado=Estado.EN_CURSO,
                            nota=worst * MAX_PLAN_NOTE_CHARS) for i in range(MAX_ACTIONS))
        file = AnswersFile("r" * 40, "v" * 20, answers=dict.fromkeys(ids, "parcial"),
                           notes=dict.fromkeys(ids, worst * MAX_NOTE_CHARS), label=worst * MAX_LABEL_CHARS,
                           created="2026-11-20T10:00:00+00:00", plan=plan)
        assert len(file.to_bytes()) < MAX_BYTES, f"{worst!r}: {len(file.to_bytes())} bytes"
    # and the real rubric: such a file is read back
    file = autodiag.new_answers(rubric, {q.id: "parcial" for q in rubric.questions},
                                {q.id: "\ud800" * MAX_NOTE_CHARS for q in rubric.questions}, "\x01" * MAX_LABEL_CHARS)
    assert read_answers(file.to_bytes(), rubric).answers == file


def _sessions(rubric):
    ids = [q.id for q in rubric.questions]
    # any option the question offers (the app shows nothing else)
    answers = st.lists(st.sampled_from(ids), unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({qid: st.sampled_from([o.id for o in rubric.options_for(qid)])
                                              for qid in chosen}))
    # any character the widgets accept, lone surrogates (hypothesis leaves them out by default) and emoji included
    char = st.one_of(st.characters(codec=None, exclude_categories=()),
                     st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), st.sampled_from("🙂🏛️𝔸\x00\"\\"))
    text = st.text(char, max_size=80)
    action = st.builds(
        lambda own, rec, body, area, plazo, prioridad, indicador, estado, nota: Action(
            id="", text=body if body.strip() else "x" + body, recommendation=None if own else rec.id,
            component="" if own else rec.component, tier="" if own else rec.tier, area=area, plazo=plazo,
            prioridad=prioridad, indicador=indicador, estado=estado, nota=nota),
        st.booleans(), st.sampled_from(rubric.recommendations), text, text, st.sampled_from(Plazo),
        st.sampled_from(Prioridad), text, st.sampled_from(Estado), text)
    plans = st.lists(action, max_size=5).map(
        lambda actions: tuple(Action(**{**{k: getattr(a, k) for k in a.to_dict()}, "id": f"a{i}"})
                              for i, a in enumerate(actions, start=1)))
    return st.builds(
        lambda answers, notes, label, plan: autodiag.new_answers(rubric, answers, notes, label, plan=plan),
        answers,
        st.dictionaries(st.sampled_from(ids), text),
        st.text(char, max_size=MAX_LABEL_CHARS),
        plans,
    )


def test_any_session_round_trips_through_the_file(rubric):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_sessions(rubric))
    def round_trip(written):
        back = read_answers(written.to_bytes(), rubric).answers
        assert back == written

    round_trip()
