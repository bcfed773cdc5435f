"""Answers files of an earlier rubric version, carried by the chain of `migraciones.yaml`.

On the tiny rubric (version 0.1), whose migration step from 0.0 splits `<c>_viejo` into b3 and
b4, renames `<c>_renombrada` to a1, and declares b2 and i1 new.
"""

from __future__ import annotations

import json

import pytest

import autodiag
from autodiag.migrate import chain, migrate

C = "transparencia"


def old_file(version: str = "0.0", answers: dict[str, str] | None = None, notes: dict[str, str] | None = None) -> str:
    return json.dumps({"schema": "autodiag/answers", "schema_version": 1, "rubric_id": "mini-prueba",
                       "rubric_version": version, "created": "2026-01-01T10:00:00+00:00",
                       "answers": answers or {}, "notes": notes or {}})


def test_the_chain_goes_from_an_old_version_to_the_current_one(mini):
    assert [(s.from_version, s.to_version) for s in chain(mini, "0.0")] == [("0.0", "0.1")]
    assert chain(mini, "0.1") == ()
    assert chain(mini, "0.9") is None


def test_a_split_question_carries_its_answer_and_note_to_each_new_question(mini):
    loaded = autodiag.read_answers(old_file(answers={f"{C}_b1": "si", f"{C}_viejo": "parcial", f"{C}_renombrada": "si",
                                                     f"{C}_borrada": "no"},
                                            notes={f"{C}_viejo": "falta el acta", f"{C}_borrada": "ya no"}), mini)
    assert loaded.answers.answers == {f"{C}_b1": "si", f"{C}_b3": "parcial", f"{C}_b4": "parcial", f"{C}_a1": "si"}
    assert loaded.answers.notes == {f"{C}_b3": "falta el acta", f"{C}_b4": "falta el acta"}
    assert loaded.answers.rubric_version == "0.1"
    assert loaded.carried_questions == (f"{C}_b3", f"{C}_b4", f"{C}_a1")
    assert loaded.removed_questions == (f"{C}_borrada",)
    assert loaded.new_questions == tuple(f"{c.id}_{k}" for c in mini.components for k in ("b2", "i1"))


def test_the_person_is_told_what_is_new_carried_and_removed(mini):
    loaded = autodiag.read_answers(old_file(answers={f"{C}_viejo": "si", f"{C}_borrada": "no"}), mini)
    text = " ".join(loaded.notices)
    assert "0.0" in text and "0.1" in text
    assert f"{C}_b2" in text, "new questions named"
    assert f"{C}_b3" in text, "carried questions named"
    assert f"{C}_borrada" in text, "removed questions named"
    assert len(loaded.notices) == 4


def test_two_old_answers_on_one_new_question_keep_the_lower(mini):
    migrated = migrate(mini, "0.0", {f"{C}_renombrada": "si", f"{C}_a1": "parcial"})
    assert migrated.answers[f"{C}_a1"] == "parcial"
    migrated = migrate(mini, "0.0", {f"{C}_renombrada": "no", f"{C}_a1": "si"})
    assert migrated.answers[f"{C}_a1"] == "no"


def test_a_version_without_a_chain_keeps_what_still_exists(mini):
    loaded = autodiag.read_answers(old_file("0.9", {f"{C}_b1": "si", f"{C}_viejo": "si"}), mini)
    assert loaded.answers.answers == {f"{C}_b1": "si"}
    assert loaded.removed_questions == (f"{C}_viejo",)
    assert len(loaded.new_questions) == len(mini.questions) - 1


def test_drafting_on_a_question_that_does_not_admit_it_is_refused_in_a_current_file(mini):
    with pytest.raises(autodiag.AnswersFileError) as err:
        autodiag.read_answers(old_file("0.1", {f"{C}_b3": "elaboracion"}), mini)
    assert err.value.code == "opcion-no-admitida"
    assert f"{C}_b3" in err.value.message and "En elaboración" in err.value.message
    ok = autodiag.read_answers(old_file("0.1", {f"{C}_b2": "elaboracion"}), mini)
    assert ok.answers.answers == {f"{C}_b2": "elaboracion"}


def test_an_old_answer_the_new_question_does_not_admit_is_dropped_with_a_notice(mini):
    loaded = autodiag.read_answers(old_file(answers={f"{C}_viejo": "elaboracion", f"{C}_b1": "si"}), mini)
    assert loaded.answers.answers == {f"{C}_b1": "si"}
    assert any(f"{C}_b3" in n and "ya no admite" in n for n in loaded.notices)


def test_an_unknown_option_in_an_old_file_is_still_refused(mini):
    with pytest.raises(autodiag.AnswersFileError) as err:
        autodiag.read_answers(old_file(answers={f"{C}_viejo": "quizas"}), mini)
    assert err.value.code == "opcion-desconocida"


def test_a_migrated_file_round_trips_as_a_file_of_the_current_version(mini):
    loaded = autodiag.read_answers(old_file(answers={f"{C}_viejo": "parcial"}, notes={f"{C}_viejo": "n"}), mini)
    again = autodiag.read_answers(loaded.answers.to_bytes(), mini)
    assert again.answers.answers == loaded.answers.answers and again.notices == ()


def test_notes_joined_by_a_migration_stay_within_the_cap_and_read_back(mini):
    from autodiag.answers import MAX_NOTE_CHARS

    long = "x" * (MAX_NOTE_CHARS - 10)
    loaded = autodiag.read_answers(old_file(answers={f"{C}_renombrada": "si", f"{C}_a1": "no"},
                                            notes={f"{C}_renombrada": long, f"{C}_a1": long}), mini)
    note = loaded.answers.notes[f"{C}_a1"]
    assert len(note) == MAX_NOTE_CHARS and note.endswith("…")
    assert autodiag.read_answers(loaded.answers.to_bytes(), mini).answers.notes == loaded.answers.notes
