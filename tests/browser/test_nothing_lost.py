"""Issue 12, "Things lost", in a real page: text typed and downloaded at once is in the file; the
label edited on the results keeps the report links (refreshed); leaving with answers not yet
downloaded asks first, and staying keeps the session working."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage

pytestmark = pytest.mark.browser

LINK_HOLDS = ("([selector, text]) => { const a = document.querySelector(selector);"
              " return !!a && new TextDecoder().decode(Uint8Array.from(atob(a.href.split(',')[1]),"
              " c => c.charCodeAt(0))).includes(text); }")


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def test_a_label_and_a_note_typed_and_downloaded_at_once_are_in_the_file(app, rubric):
    question = rubric.questions[0]
    app.open()
    app.start()
    app.option(question.id, "si").check()
    app.expect_progress(1)
    app.note(question.id).fill("Falta el acta de cabildo")
    app.page.locator(".autodiag-label-input input").fill("Revisión de junio")
    _, data = app.download("respuestas")  # at once: no Tab, no wait
    saved = json.loads(data)
    assert saved["label"] == "Revisión de junio"
    assert saved["notes"] == {question.id: "Falta el acta de cabildo"}
    assert saved["answers"] == {question.id: "si"}


def test_editing_the_label_on_the_results_keeps_the_report_links(app, rubric):
    app.open()
    app.start()
    app.answer_all({q.id: "parcial" for q in rubric.questions})
    app.go("resultados")
    expect(app.page.locator(".autodiag-download-html")).to_be_visible()
    app.page.evaluate("""() => {  // record whether the HTML link ever leaves the page
        window.reportLinkGone = false;
        new MutationObserver(() => {
            if (!document.querySelector('.autodiag-download-html')) { window.reportLinkGone = true; }
        }).observe(document.body, {childList: true, subtree: true});
    }""")
    label = app.page.locator(".autodiag-label-input input")
    label.fill("Taller de marzo")
    label.press("Tab")
    app.page.wait_for_function(LINK_HOLDS, arg=[".autodiag-download-html", "Taller de marzo"])
    for kind in ("html", "pdf", "csv"):
        expect(app.page.locator(f".autodiag-download-{kind}")).to_be_visible()
    assert app.page.evaluate("window.reportLinkGone") is False, "the report links were removed meanwhile"
    _, data = app.download("html")
    assert "Taller de marzo" in data.decode("utf-8")


def test_leaving_with_answers_not_downloaded_asks_first(app, rubric):
    first, second = rubric.questions[0].id, rubric.questions[1].id
    app.open()
    app.start()
    app.option(first, "si").check()
    app.expect_progress(1)
    with app.page.expect_event("dialog") as asked:
        app.page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()  # the official stays: the page and its kernel go on
    assert not app.page.is_closed()
    app.option(second, "no").check()
    app.expect_progress(2)

    _, data = app.download("respuestas")
    assert json.loads(data)["answers"] == {first: "si", second: "no"}
    dialogs: list[str] = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    app.page.close(run_before_unload=True)  # downloaded and unchanged since: leaves without a word
    app.page.wait_for_event("close")
    assert dialogs == []


def test_leaving_before_answering_asks_nothing(context, voila_server, rubric):
    app = AppPage(context.new_page(), voila_server, rubric)
    app.open()
    app.start()
    dialogs: list[str] = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    app.page.close(run_before_unload=True)
    app.page.wait_for_event("close")
    assert dialogs == []




def test_resuming_over_answers_asks_and_lands_on_the_first_unanswered_question(app, rubric):
    half = {q.id: "no" for q in rubric.questions[: len(rubric.questions) // 2]}
    first_missing = next(q for q in rubric.questions if q.id not in half)
    assert first_missing.component != rubric.components[0].id
    app.open()
    app.start()
    resume, compare = app.page.locator(".autodiag-upload-resume"), app.page.locator(".autodiag-upload-compare")
    style = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderStyle]"
    assert resume.evaluate(style) != compare.evaluate(style), "«Retomar» and «Comparar» look different"
    mine = {q.id: "si" for q in rubric.questions_of(rubric.components[0].id)}
    for qid in mine:
        app.option(qid, "si").check()
    app.expect_progress(len(mine))

    content = autodiag.new_answers(rubric, half).to_bytes()
    app.upload("resume", "junio.json", content)
    question = app.page.locator(".autodiag-resume-confirm")
    expect(question).to_be_visible()
    expect(question).to_contain_text("junio.json")
    expect(question).to_contain_text(str(len(mine)))
    app.page.locator(".autodiag-resume-cancel").click()
    expect(question).to_be_hidden()
    app.expect_progress(len(mine))  # nothing replaced

    app.upload("resume", "junio.json", content)
    app.page.locator(".autodiag-resume-replace").click()
    app.expect_progress(len(half))
    expect(app.page.locator(f".autodiag-step-{first_missing.component}")).to_be_visible()
    expect(app.page.locator(f".autodiag-q-{first_missing.id}")).to_be_visible()


def test_the_page_speaks_spanish_and_has_a_real_title(app, rubric):
    app.open()
    assert app.page.locator("html").get_attribute("lang") == "es"
    assert app.page.title() == rubric.title
