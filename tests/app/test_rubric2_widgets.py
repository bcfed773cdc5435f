"""The app on the tiny rubric: "En elaboración" only where the question admits it, the
fundamento and the legal-minimum notice in the help, unmet legal minimums in the results."""

from __future__ import annotations

import pytest
from traitlets import TraitError

import autodiag
from autodiag.app import App, build_app
from autodiag.app.questionnaire import RESULTS


@pytest.fixture
def mini_app(mini_dir) -> App:
    view = build_app(mini_dir)
    assert isinstance(view, App)
    yield view
    view.close()


def question(app: App, qid: str):
    component = qid.rsplit("_", 1)[0]
    return next(q for q in app.step(component).questions if q.question.id == qid)


def test_drafting_is_offered_only_on_questions_that_admit_it(mini_app):
    mini_app.welcome.start.click()
    drafting = question(mini_app, "transparencia_b2")
    plain = question(mini_app, "transparencia_b3")
    assert [value for _, value in drafting.options.options] == ["si", "parcial", "elaboracion", "no", "nose"]
    assert "En elaboración" in [label for label, _ in drafting.options.options]
    assert [value for _, value in plain.options.options] == ["si", "parcial", "no", "nose"]
    drafting.options.value = "elaboracion"
    assert mini_app.state.answers["transparencia_b2"] == "elaboracion"
    with pytest.raises(TraitError):
        plain.options.value = "elaboracion"
    assert "transparencia_b3" not in mini_app.state.answers


def test_the_help_shows_the_fundamento_and_whether_it_is_a_legal_minimum(mini_app):
    mini_app.welcome.start.click()
    minimum, other = question(mini_app, "transparencia_b1"), question(mini_app, "transparencia_b3")
    minimum.help_toggle.value = other.help_toggle.value = True
    assert "Fundamento" in minimum.help.value and "Ley de prueba, art. 1" in minimum.help.value
    assert "Obligación legal de todo municipio" in minimum.help.value
    assert "Buena práctica (prueba)." in other.help.value
    assert "Obligación legal" not in other.help.value


def test_results_name_the_unmet_legal_minimums(mini_app, mini):
    mini_app.welcome.start.click()
    for q in mini.questions:
        mini_app.state.set_answer(q.id, "no" if q.id == "transparencia_b1" else "si")
    mini_app.nav.buttons[RESULTS].click()
    html = mini_app.results.details.value
    assert "Obligaciones legales sin cumplir" in html
    assert "¿Obligación legal básica 1 de Transparencia?" in html
    assert html.count("Obligaciones legales sin cumplir") == 1, "only the component with the unmet minimum"


def test_a_real_1_0_file_uploaded_to_the_app_comes_back_with_the_changes_told(app, rubric):
    from test_hostile_uploads import text_of, upload
    from test_migration_1_0 import COMPLETE

    app.welcome.start.click()
    upload(app.files.resume, COMPLETE.read_bytes(), COMPLETE.name)
    expected = autodiag.read_answers_file(COMPLETE, rubric)
    assert app.state.answers == expected.answers.answers and app.state.notes == expected.answers.notes
    shown = text_of(app.files.message.value)
    assert "1.0" in shown and rubric.version in shown
    for notice in expected.notices:
        assert text_of(notice) in shown
    first = app.step("transparencia").questions[0]
    assert first.options.value == expected.answers.answers.get(first.question.id)
