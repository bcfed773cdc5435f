"""«Combinar archivos del equipo» without a browser: upload files, choose per conflict, apply or cancel."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import autodiag
from autodiag.answers import MAX_BYTES
from autodiag.plan import Action, Plazo, action_from_recommendation


def upload(widget, *files: tuple[str, bytes]) -> None:
    widget.value = tuple({"name": name, "type": "application/json", "size": len(content),
                          "content": memoryview(content), "last_modified": datetime(2026, 1, 1, tzinfo=UTC)}
                         for name, content in files)


@pytest.fixture()
def q(rubric) -> list[str]:
    return [x.id for x in rubric.questions]


@pytest.fixture()
def team(rubric, q):
    """Two areas' files: they agree on q[0], differ on q[1] and q[2]; each notes q[0]; each has a plan."""
    a = autodiag.new_answers(rubric, {q[0]: "si", q[1]: "no", q[2]: "si", q[5]: "parcial"}, {q[0]: "Falta el acta"},
                             "Contraloría", plan=(action_from_recommendation(rubric, rubric.recommendations[0].id,
                                                                             "a1"),))
    b = autodiag.new_answers(rubric, {q[0]: "si", q[1]: "parcial", q[2]: "no", q[6]: "no"}, {q[0]: "Se vio en sesión"},
                             "Transparencia", plan=(Action(id="a1", text="Acción propia", plazo=Plazo.CORTO),))
    return ("contraloria.json", a.to_bytes()), ("transparencia.json", b.to_bytes())


def test_files_without_conflicts_join_at_once(app, rubric, q):
    app.state.set_answer(q[10], "si")
    app.state.set_note(q[10], "nota de esta página")
    other = autodiag.new_answers(rubric, {q[0]: "no"}, {q[0]: "de planeación"}, "Planeación")
    upload(app.merge.upload, ("planeacion.json", other.to_bytes()))
    assert app.state.answers == {q[0]: "no", q[10]: "si"}
    assert app.state.notes == {q[0]: "[Planeación] de planeación", q[10]: "nota de esta página"}, \
        "the files' notes keep their origin; this page's stay as typed"
    assert app.merge.panel.layout.display == "none"
    assert "Se combinaron 1 archivo(s)" in app.files.message.value


def test_conflicts_are_listed_chosen_and_applied(app, rubric, q, team):
    app.state.set_answer(q[1], "si")  # this page answers q[1] too: a three-way conflict
    before = dict(app.state.answers)
    upload(app.merge.upload, *team)
    assert app.state.answers == before, "nothing changes before «Aplicar»"
    assert app.merge.panel.layout.display == ""
    listed = {c.question_id: c for c in app.merge.choices}
    assert set(listed) == {q[1], q[2]}
    heading = listed[q[1]].radios.description
    assert heading == f"Pregunta 2: {rubric.question(q[1]).text}", "the question labels its radio group"
    labels = [label for label, _ in listed[q[1]].radios.options]
    assert labels == ["Esta página: Sí", "Contraloría: No", "Transparencia: Parcialmente"]
    assert [label for label, _ in listed[q[2]].radios.options] == ["Contraloría: Sí", "Transparencia: No"]
    always = [b.description for b in app.merge.always.children]
    assert always == ["Usar siempre «Esta página»", "Usar siempre «Contraloría»", "Usar siempre «Transparencia»"]

    app.merge.apply.click()  # nothing chosen yet: refused, nothing changes
    assert app.state.answers == before and "Falta elegir la respuesta de 2" in app.files.message.value

    app.merge.always.children[2].click()  # «Usar siempre Transparencia»
    listed = {c.question_id: c for c in app.merge.choices}
    listed[q[2]].radios.value = 1  # …but Contraloría's answer on q[2]
    app.merge.apply.click()
    assert app.state.answers[q[1]] == "parcial" and app.state.answers[q[2]] == "si"
    assert app.state.answers[q[0]] == "si" and app.state.answers[q[5]] == "parcial" and app.state.answers[q[6]] == "no"
    assert app.state.notes[q[0]] == "[Contraloría] Falta el acta\n\n[Transparencia] Se vio en sesión"
    assert app.state.label == "Contraloría + Transparencia"
    merged = app.merge.result
    assert merged is not None and [a.id for a in merged.plan] == ["a1", "a1-2"], "the plans join"
    assert app.merge.panel.layout.display == "none" and app.merge.choices == ()
    downloaded = autodiag.read_answers(app.state.answers_file().to_bytes(), rubric).answers
    assert downloaded.answers == app.state.answers, "the answers file offered holds the merge"


def test_cancel_changes_nothing(app, q, team):
    app.state.set_answer(q[1], "si")
    app.state.set_note(q[1], "mi nota")
    before = (dict(app.state.answers), dict(app.state.notes), app.state.label)
    upload(app.merge.upload, *team)
    app.merge.cancel.click()
    assert (app.state.answers, app.state.notes, app.state.label) == before
    assert app.merge.files == () and app.merge.panel.layout.display == "none"
    assert "No se combinó ningún archivo" in app.files.message.value


def test_a_refused_file_changes_nothing_and_says_which(app, rubric, q, team):
    app.state.set_answer(q[1], "si")
    before = dict(app.state.answers)
    doc = json.loads(team[0][1])
    doc["answers"][q[3]] = "quizas"
    upload(app.merge.upload, team[1], ("roto.json", json.dumps(doc).encode()))
    assert app.state.answers == before and app.merge.files == ()
    message = app.files.message.value
    assert "«roto.json»" in message and "quizas" in message and "Sus respuestas no cambiaron" in message
    assert "autodiag-error" in message


def test_files_over_the_size_cap_together_are_refused(app, q):
    app.state.set_answer(q[1], "si")
    big = b" " * (MAX_BYTES // 2 + 1)
    upload(app.merge.upload, ("a.json", big), ("b.json", big))
    assert app.state.answers == {q[1]: "si"} and app.merge.files == ()
    assert "KB" in app.files.message.value and "autodiag-error" in app.files.message.value


def test_an_answer_given_while_choosing_is_not_lost(app, q, team):
    upload(app.merge.upload, *team)
    app.state.set_answer(q[20], "parcial")  # typed while the conflicts are on screen
    app.merge.prefer(1)
    app.merge.apply.click()
    assert app.state.answers[q[20]] == "parcial" and app.state.answers[q[1]] == "no"


def test_a_second_upload_adds_to_the_pending_files(app, rubric, q, team):
    upload(app.merge.upload, team[0])  # no conflict with an empty page: joined at once
    assert app.state.answers[q[1]] == "no"
    upload(app.merge.upload, team[1])  # now this page (Contraloría's answers) and Transparencia differ
    assert {c.question_id for c in app.merge.choices} == {q[1], q[2]}
    app.merge.prefer(0)
    app.merge.apply.click()
    assert app.state.answers[q[1]] == "no" and app.state.answers[q[6]] == "no"


def test_merge_view_closes_with_the_app(rubric):
    from autodiag.app import App, build_app

    app = build_app()
    assert isinstance(app, App)
    upload_widget = app.merge.upload
    app.close()
    assert upload_widget.comm is None, "the merge control's widgets are closed"
