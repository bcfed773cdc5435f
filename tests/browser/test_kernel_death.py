"""The kernel of an official's page dies mid-questionnaire: they are told, and keep their answers.

Jupyter's server restarts a dead kernel empty and Voilà's page says nothing, so the app's own
script (autodiag/app/connection.py) shows a Spanish notice with a copy of the answers link
(a data: URL, usable without any kernel); the official downloads the file, reloads, and
resumes from it.
"""

from __future__ import annotations

import json
import os
import signal

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage, kernel_id, kernel_pid, known_profile
from .server import serve

pytestmark = pytest.mark.browser


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def test_killed_kernel_shows_a_notice_and_the_answers_come_back(app, rubric, voila_server, screenshots):
    t = rubric.texts
    profile = known_profile(rubric)
    first = rubric.components[0].id
    given = {q.id: profile[q.id] for q in rubric.questions_of(first)}
    note_question = rubric.questions[0].id

    app.open()
    app.start()
    for question_id, option in given.items():
        app.option(question_id, option).check()
    note = app.note(note_question)
    note.fill("acta en la Gaceta <b>5</b>")
    note.press("Tab")
    app.expect_progress(len(given))
    app.page.wait_for_function(  # the link is rebuilt in the kernel; wait until it carries the note
        "() => atob(document.querySelector('.autodiag-download-respuestas').href.split(',')[1]).includes('Gaceta')")
    expect(app.page.locator(".autodiag-connection-lost")).to_have_count(0)

    pid = kernel_pid(voila_server, kernel_id(app.page))
    os.kill(pid, signal.SIGKILL)

    notice = app.page.locator(".autodiag-connection-lost")
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text(t.get("app.conexion_perdida_titulo"))
    expect(notice).to_contain_text(t.get("app.conexion_perdida", descargar=t.get("app.descargar_respuestas"),
                                         retomar=t.get("app.subir_respuestas")))
    assert app.page.evaluate("() => document.querySelector('.autodiag-app').inert"), \
        "the stale questionnaire cannot take answers that would go nowhere"
    app.page.screenshot(path=str(screenshots / "conexion-perdida-1280.png"))

    with app.page.expect_download() as info:
        notice.locator(".autodiag-download-respuestas").click()
    saved = info.value.path().read_bytes()
    assert info.value.suggested_filename.endswith(".json")
    assert json.loads(saved)["answers"] == given, "the notice's link holds every answer given before the loss"
    assert json.loads(saved)["notes"] == {note_question: "acta en la Gaceta <b>5</b>"}

    notice.locator(".autodiag-reload").click()
    expect(app.page.locator(".autodiag-start")).to_be_visible()
    expect(app.page.locator(".autodiag-connection-lost")).to_have_count(0)
    app.start()
    app.expect_progress(0)
    app.upload("resume", "respuestas.json", saved)
    expect(app.page.locator(".autodiag-message")).to_contain_text(t.get("app.cargado", n=len(given)))
    app.expect_progress(len(given))
    app.go(first)
    for question_id, option in given.items():
        expect(app.option(question_id, option)).to_be_checked()
    expect(note).to_have_value("acta en la Gaceta <b>5</b>")
    assert autodiag.read_answers(saved, rubric).answers.answers == given


DYING_NOTEBOOK = "tests/browser/notebooks/kernel_muere.ipynb"


@pytest.mark.parametrize("preheat", ["True", "False"])
def test_a_kernel_dying_while_the_page_is_built_is_told_in_spanish_only(page, tmp_path, preheat):
    """Voilà's own words for a dead kernel are English ("An exception occurred at the server…").

    pytest's long temporary folder also shows that kernels start whatever TMPDIR's length."""
    with serve(tmp_path, notebook=DYING_NOTEBOOK, warm_up=False,
               extra_args=[f"--VoilaConfiguration.preheat_kernel={preheat}"]) as server:
        page.goto(server.url)
        message = page.get_by_role("alert")
        expect(message).to_contain_text("La herramienta no pudo abrirse. Recargue la página", timeout=120_000)
        assert "exception" not in page.locator("body").inner_text().lower()
        assert "server" not in message.inner_text().lower()
