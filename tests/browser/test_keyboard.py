"""A whole diagnosis with the keyboard alone: Tab, the arrow keys, Space and Enter, no click and no
script moving the focus. Every question of the rubric is answered (a mix of options), the Tab
presses are counted (at most 2 per question on average), the focus lands on each step's heading
after Comenzar and Siguiente and on the results' heading after «Ver resultados», the help and the
note of a step open from its one toggle, and the results are those of the answers given.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage, known_profile

pytestmark = pytest.mark.browser

MOST_TABS_TO_A_CONTROL = 6
"""A control further than this many Tab presses away fails the test at once (a lost focus)."""


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


class Keyboard:
    """Presses keys on the page and counts the Tab presses."""

    def __init__(self, app: AppPage):
        self.page = app.page
        self.tabs = 0

    def tab_to(self, locator, what: str) -> None:
        """Tab until `locator` has the focus."""
        for _ in range(MOST_TABS_TO_A_CONTROL):
            self.page.keyboard.press("Tab")
            self.tabs += 1
            if locator.evaluate("element => element === document.activeElement"):
                return
        focused = self.page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        raise AssertionError(f"{what}: not reached in {MOST_TABS_TO_A_CONTROL} Tab presses; the focus is on {focused}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)


def test_a_whole_diagnosis_with_the_keyboard_alone(app, rubric):
    profile = known_profile(rubric)
    expected = autodiag.score(rubric, profile)
    keys = Keyboard(app)
    app.open()
    keys.tab_to(app.page.locator(".autodiag-start"), "Comenzar")
    keys.press("Enter")
    last = rubric.components[-1].id
    note_text = "Acta 12 en la Gaceta"
    note_tabs = 0
    for component in rubric.components:
        step = app.page.locator(f".autodiag-main .autodiag-step-{component.id}")
        expect(step.locator("h2")).to_be_focused()  # after Comenzar / Siguiente: the new step's heading
        with_notes = component.id == last
        if with_notes:  # the step's one toggle opens the help and the note of each question
            keys.tab_to(step.locator(".autodiag-details-toggle"), "Mostrar la ayuda y la nota")
            keys.press("Space")
            expect(step.locator(".autodiag-help").first).to_be_visible()
        for i, question in enumerate(rubric.questions_of(component.id)):
            box = app.page.locator(f".autodiag-q-{question.id}")
            options = [o.id for o in rubric.options_for(question)]
            keys.tab_to(box.locator("input[type=radio]").first, f"question {question.id}")
            choice = options.index(profile[question.id])
            if choice == 0:
                keys.press("Space")
            for _ in range(choice):
                keys.press("ArrowRight")
            expect(box.get_by_label(app.labels[profile[question.id]], exact=True)).to_be_checked()
            if with_notes:
                note = box.locator(".autodiag-note textarea")
                before = keys.tabs
                keys.tab_to(note, f"the note of {question.id}")
                note_tabs += keys.tabs - before
                if i == 0:
                    app.page.keyboard.type(note_text)
        keys.tab_to(step.locator(".autodiag-next"), f"Siguiente of {component.id}")
        keys.press("Enter")
    expect(app.page.locator(".autodiag-main .autodiag-results-body h1")).to_be_focused()
    app.expect_progress(len(rubric.questions))
    for result in expected:
        row = app.page.locator(f".autodiag-summary-{result.component}")
        expect(row).to_have_attribute("data-level", result.level)
        expect(row).to_have_attribute("data-risk", result.risk)
        expect(row.locator(".autodiag-score")).to_have_text(str(round(result.score)))
    first_note = rubric.questions_of(last)[0].id
    app.page.wait_for_function(  # the note typed reached the answers file
        "([q, text]) => (JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(document.querySelector("
        "'.autodiag-download-respuestas').href.split(',')[1]), c => c.charCodeAt(0)))).notes || {})[q] === text",
        arg=[first_note, note_text])
    questions = len(rubric.questions)
    print(f"\nTab presses for a whole diagnosis ({questions} questions, the notes of one step opened): "
          f"{keys.tabs} ({keys.tabs / questions:.2f} per question); without the notes' boxes: "
          f"{keys.tabs - note_tabs} ({(keys.tabs - note_tabs) / questions:.2f} per question)")
    assert keys.tabs <= 2 * questions, f"{keys.tabs} Tab presses for {questions} questions"
