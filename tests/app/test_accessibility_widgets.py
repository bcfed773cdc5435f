"""The widgets' side of the keyboard route (the browser side: tests/browser/test_keyboard.py and
test_accessibility.py): a question's own help button is no Tab stop, its help and note open
together, from it or from the step's one toggle; a note with text is never hidden; the lists of
unanswered questions are buttons that name their question and step; the incomplete warning's
actions come before its list; the page's accessibility script is part of the app."""

from __future__ import annotations

import re

from autodiag.app.questionnaire import RESULTS

SHOWN, HIDDEN = "", "none"


def test_help_and_note_open_together_and_the_help_button_is_no_tab_stop(app):
    app.welcome.start.click()
    question = app.step("transparencia").questions[0]
    assert question.help_toggle.tabbable is False
    assert (question.help.layout.display, question.note.layout.display) == (HIDDEN, HIDDEN)
    question.help_toggle.value = True
    assert (question.help.layout.display, question.note.layout.display) == (SHOWN, SHOWN)
    assert question.question.help[:40] in question.help.value
    assert question.counter.root.layout.display == SHOWN
    question.help_toggle.value = False
    assert (question.help.layout.display, question.note.layout.display) == (HIDDEN, HIDDEN)


def test_a_note_with_text_is_always_shown(app):
    app.welcome.start.click()
    question = app.step("transparencia").questions[1]
    question.help_toggle.value = True
    question.note.value = "acta 12"
    question.help_toggle.value = False
    assert question.help.layout.display == HIDDEN
    assert question.note.layout.display == SHOWN, "a note with text stays in view"
    other = app.step("participacion").questions[0]
    app.state.set_note(other.question.id, "pendiente")
    assert other.note.layout.display == SHOWN


def test_the_step_toggle_opens_every_help_and_note_of_its_step(app):
    app.welcome.start.click()
    step = app.step("transparencia")
    assert step.root.children.index(step.details) < step.root.children.index(step.questions[0].root)
    step.details.value = True
    for question in step.questions:
        assert (question.help.layout.display, question.note.layout.display) == (SHOWN, SHOWN)
        assert question.help_toggle.layout.display == HIDDEN, "the question's own button is not needed then"
    assert all(q.note.layout.display == HIDDEN for q in app.step("participacion").questions), "one step only"
    step.details.value = False
    assert all(q.note.layout.display == HIDDEN and q.help_toggle.layout.display == SHOWN for q in step.questions)


def test_unanswered_questions_are_buttons_to_their_question(app, rubric):
    app.welcome.start.click()
    app.progress.toggle.value = True
    buttons = re.findall(r'<button type="button" class="autodiag-goto"\s+data-question="([^"]+)" '
                         r'data-component="([^"]+)">', app.progress.panel.value)
    assert buttons == [(q.id, q.component) for q in rubric.questions]


def test_the_incomplete_warning_puts_its_actions_before_the_list(app):
    app.welcome.start.click()
    app.nav.buttons[RESULTS].click()
    children = app.results.incomplete.children
    assert children[0] is app.results.warning
    assert app.results.see_anyway in children[1].children and app.results.back in children[1].children
    assert children[2] is app.results.warning_list, "the long list comes after the actions"


def test_the_accessibility_script_is_in_the_app(app, rubric):
    assert app.a11y in app.root.children
    code = app.a11y.outputs[0]["data"]["application/javascript"]
    assert "radiogroup" in code and rubric.texts.get("app.navegacion") in code
