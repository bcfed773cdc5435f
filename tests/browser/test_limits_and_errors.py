"""In the page: the note box stops at the answers reader's limit and counts down; a 20 MB upload is
refused at once and never sent; a failing report renderer shows the Spanish message and no
eternal «Preparando los reportes…» (issues 11 and 13)."""

from __future__ import annotations

import base64
import json

import pytest
from playwright.sync_api import expect

from autodiag.answers import MAX_BYTES, MAX_LABEL_CHARS, MAX_NOTE_CHARS

from .app_page import AppPage
from .conftest import SERVER_ARGS
from .server import serve

pytestmark = pytest.mark.browser

BROKEN_PDF = "tests/browser/notebooks/reporte_roto.ipynb"


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def answers_in_link(app: AppPage) -> dict:
    href = app.page.locator(".autodiag-download-respuestas").first.get_attribute("href")
    return json.loads(base64.b64decode(href.split(",", 1)[1]))


def test_the_note_stops_at_the_limit_and_counts_down(app, rubric):
    t = rubric.texts
    question = rubric.questions[0].id
    app.open()
    app.start()
    note = app.note(question)
    counter = app.page.locator(f".autodiag-q-{question} .autodiag-counter")
    expect(counter).to_have_text(t.get("interfaz.caracteres_restantes", n=MAX_NOTE_CHARS))
    note.fill("ab")
    expect(counter).to_have_text(t.get("interfaz.caracteres_restantes", n=MAX_NOTE_CHARS - 2)), "counts while typing"
    note.fill("😀" * 10 + "x" * (MAX_NOTE_CHARS + 50))  # pasted past the limit
    assert app.page.evaluate("(el) => Array.from(el.value).length", note.element_handle()) == MAX_NOTE_CHARS
    expect(counter).to_have_text(t.get("interfaz.caracteres_restantes", n=0))
    note.press("Tab")
    app.page.wait_for_function(
        "(q) => (JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(document.querySelector("
        "'.autodiag-download-respuestas').href.split(',')[1]), c => c.charCodeAt(0)))).notes || {})[q]", arg=question)
    saved = answers_in_link(app)["notes"][question]
    assert saved == "😀" * 10 + "x" * (MAX_NOTE_CHARS - 10), "the file holds the text as the box shows it"

    label = app.page.locator(".autodiag-label-input input")
    label.fill("e" * (MAX_LABEL_CHARS + 20))
    assert len(label.input_value()) == MAX_LABEL_CHARS


def test_a_20_mb_upload_is_refused_at_once_and_never_sent(app, rubric):
    sent: list[int] = []
    app.page.on("websocket", lambda socket: socket.on(
        "framesent", lambda payload: sent.append(len(payload))))
    app.open()
    app.start()
    app.option(rubric.questions[0].id, "si").check()
    app.expect_progress(1)
    size = 20 * 1024 * 1024
    app.upload("resume", "enorme.json", b" " * size)
    message = app.page.locator(".autodiag-files .autodiag-message")
    expect(message).to_contain_text(rubric.texts.get(
        "app.archivo_rechazado", mensaje=rubric.texts.get("errores_archivo.muy_grande", tamano=size // 1024,
                                                           maximo=MAX_BYTES // 1024)))
    expect(message.locator('[role="alert"]')).to_have_count(1)
    assert max(sent, default=0) < 1024 * 1024, "the file never went to the kernel"
    app.expect_progress(1)
    expect(app.option(rubric.questions[0].id, "si")).to_be_checked()


@pytest.fixture(scope="module")
def broken_pdf_server(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("roto"), notebook=BROKEN_PDF, extra_args=SERVER_ARGS) as server:
        yield server


def test_a_failing_renderer_shows_the_message_and_no_spinner(page, broken_pdf_server, rubric, screenshots):
    t = rubric.texts
    app = AppPage(page, broken_pdf_server, rubric)
    app.open()
    app.start()
    app.go("resultados")
    page.locator(".autodiag-see-anyway").click()
    expect(page.locator(".autodiag-summary")).to_be_visible()
    boundary = page.locator(".autodiag-error-boundary")
    expect(boundary).to_contain_text(t.get("app.error_inesperado"))
    expect(boundary.locator('[role="alert"]')).to_have_count(1)
    downloads = page.locator(".autodiag-report-downloads")
    expect(downloads).to_contain_text(t.get("app.reportes_pendientes"))
    expect(downloads).not_to_contain_text(t.get("app.reportes_preparando"))
    assert "Traceback" not in page.content() and "RuntimeError" not in page.content()
    expect(boundary).to_be_in_viewport()  # the message stays in sight however far down the official is
    page.screenshot(path=str(screenshots / "error-inesperado-1280.png"))
