"""Real answers files of rubric 1.0 (tests/fixtures/answers/rubrica-1.0/) open with the current rubric.

Expectations come from the migration data (`content/migraciones.yaml`), not from a copy of it:
a question that kept its id keeps its answer and note, a split or renamed one carries them to
each equivalent, the rest is reported as removed, and the person is told what is new.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import autodiag
from autodiag.migrate import chain
from helpers import FIXTURES

OLD = FIXTURES / "answers" / "rubrica-1.0"
FILES = sorted(OLD.glob("*.json"))
COMPLETE = OLD / "completo-con-notas.json"


def raw(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_fixtures_are_real_files_of_rubric_1_0():
    assert len(FILES) >= 5
    assert {raw(p)["rubric_version"] for p in FILES} == {"1.0"}
    assert len(raw(COMPLETE)["answers"]) == 62, "every question of rubric 1.0"


def test_there_is_a_chain_from_1_0_to_the_current_version(rubric):
    steps = chain(rubric, "1.0")
    assert steps, "migraciones.yaml must carry 1.0 files to the current version"
    assert steps[0].from_version == "1.0" and steps[-1].to_version == rubric.version


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_1_0_file_opens_with_what_kept_its_meaning(rubric, path):
    doc = raw(path)
    (step,) = chain(rubric, "1.0")  # one step today; the expectations below read it
    loaded = autodiag.read_answers_file(path, rubric)
    got = loaded.answers
    assert got.rubric_version == rubric.version
    assert all(rubric.has_question(q) and rubric.admits(q, o) for q, o in got.answers.items())
    for qid, option in doc["answers"].items():
        if qid in step.equivalences:
            assert all(got.answers[new] == option for new in step.equivalences[qid]), f"{qid} carried"
        elif rubric.has_question(qid):
            assert got.answers[qid] == option, f"{qid} kept its id and its answer"
        else:
            assert qid in loaded.removed_questions
    for qid, note in doc.get("notes", {}).items():
        for new in step.equivalences.get(qid, (qid,)):
            if rubric.has_question(new):
                assert got.notes[new] == note
    assert got.label == doc.get("label", "") and got.created == doc["created"]
    assert set(loaded.new_questions) <= set(step.new)
    assert not set(loaded.new_questions) & set(got.answers)
    text = " ".join(loaded.notices)
    assert "1.0" in text and rubric.version in text
    if loaded.new_questions:
        assert loaded.new_questions[0] in text
    if loaded.removed_questions:
        assert loaded.removed_questions[0] in text


def test_a_complete_1_0_file_leaves_exactly_the_new_questions_unanswered(rubric):
    (step,) = chain(rubric, "1.0")
    loaded = autodiag.read_answers_file(COMPLETE, rubric)
    answered, new = set(loaded.answers.answers), set(loaded.new_questions)
    assert not answered & new
    assert answered | new == {q.id for q in rubric.questions}, "nuevas lists every question 1.0 could not answer"
    assert new == set(step.new)
    assert set(loaded.carried_questions) == {n for news in step.equivalences.values() for n in news}


def test_the_documented_split_of_tr_obligaciones_pnt(rubric):
    loaded = autodiag.read_answers_file(COMPLETE, rubric)
    old = raw(COMPLETE)
    for new in ("tr_obligaciones_completas", "tr_obligaciones_a_tiempo"):
        assert loaded.answers.answers[new] == old["answers"]["tr_obligaciones_pnt"]
        assert loaded.answers.notes[new] == old["notes"]["tr_obligaciones_pnt"]


def test_a_migrated_file_is_scored_and_written_back_as_a_current_file(rubric):
    loaded = autodiag.read_answers_file(COMPLETE, rubric)
    diagnosis = autodiag.score(rubric, loaded.answers)
    assert not diagnosis.complete and set(diagnosis.unanswered) == set(loaded.new_questions)
    again = autodiag.read_answers(loaded.answers.to_bytes(), rubric)
    assert again.notices == () and again.answers.answers == loaded.answers.answers


@pytest.mark.parametrize("path", FILES[:2], ids=[p.name for p in FILES[:2]])
def test_the_cli_scores_a_1_0_file_and_tells_what_changed(path):
    result = subprocess.run([sys.executable, "-m", "autodiag", "score", str(path), "--format", "json"],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "aviso:" in result.stderr and "1.0" in result.stderr and "Traceback" not in result.stderr
    summary = json.loads(result.stdout)
    assert summary["rubric_version"] == autodiag.load_rubric().version
    assert all("legal_minimums_unmet" in c for c in summary["components"].values())
