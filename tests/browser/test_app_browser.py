"""The app as an official uses it: Voilà serving the notebook, Chromium driving it.

Each test reads like a user story: open the page, wait for what should appear, act, expect.
Selectors are the app's stable CSS classes (`autodiag-…`) and the answer options' labels.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage, kernel_id, kernel_pid, known_profile
from .server import REPO, Server

pytestmark = pytest.mark.browser


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def test_page_shows_no_source_code(app):
    app.open()
    html = app.page.content()
    assert "from autodiag.app import" not in html, "sources must be stripped"
    assert "show()" not in html, "sources must be stripped"
    assert "Traceback" not in html
    intro = json.loads((REPO / "notebooks/autodiagnostico.ipynb").read_text(encoding="utf-8"))["cells"][0]
    assert intro["cell_type"] == "markdown"
    assert "".join(intro["source"]).splitlines()[-1][:40] not in html, "voila.json hides the notebook's notes"
    expect(app.page.locator(".autodiag-welcome")).to_contain_text(app.rubric.texts.get("presentacion.titulo"))


def test_official_completes_a_diagnosis_downloads_and_resumes(app, rubric, screenshots):
    profile = known_profile(rubric)
    expected = autodiag.score(rubric, profile)
    assert expected["transparencia"].level == "avanzado" and expected["transparencia"].risk == "bajo"
    assert expected["participacion"].level == "basico" and expected["participacion"].risk == "alto"

    app.open()
    app.screenshot(screenshots, "bienvenida")
    app.start()
    app.answer_all(profile)
    app.go("transparencia")
    app.screenshot(screenshots, "cuestionario")

    app.go("resultados")  # complete: straight to the results, no warning
    for result in expected:
        row = app.page.locator(f".autodiag-summary-{result.component}")
        expect(row).to_have_attribute("data-level", result.level)
        expect(row).to_have_attribute("data-risk", result.risk)
        expect(row.locator(".autodiag-level")).to_have_text(rubric.tier(result.level).name)
        expect(row.locator(".autodiag-risk")).to_have_text(rubric.risk(result.risk).name)
        expect(row.locator(".autodiag-score")).to_have_text(str(round(result.score)))
    expect(app.page.locator(".autodiag-chart")).to_be_visible()
    expect(app.page.locator(".autodiag-results-body .autodiag-considerations")).to_contain_text(
        rubric.texts.get("consideraciones.titulo"))
    app.screenshot(screenshots, "resultados")

    name, data = app.download("respuestas")
    assert name.endswith(".json")
    saved = json.loads(data)
    assert saved["answers"] == profile
    assert autodiag.read_answers(data, rubric).answers.answers == profile

    name, data = app.download("html")
    assert name.endswith(".html")
    report = data.decode("utf-8")
    for component in rubric.components:
        assert component.name in report
    assert rubric.texts.get("consideraciones.titulo") in report
    name, data = app.download("pdf")
    assert data.startswith(b"%PDF")

    app.page.reload()
    expect(app.page.locator(".autodiag-start")).to_be_visible()
    app.start()
    app.expect_progress(0)
    app.upload("resume", "respuestas.json", json.dumps(saved).encode("utf-8"))
    expect(app.page.locator(".autodiag-message")).to_contain_text(rubric.texts.get("app.cargado", n=len(profile)))
    app.expect_progress(len(profile))
    app.expect_answers(profile)

    broken = b'{"schema": "autodiag/answers", "schema_version": 1, '
    with pytest.raises(autodiag.AnswersFileError) as refused:
        autodiag.read_answers(broken, rubric)
    app.upload("resume", "roto.json", broken)
    message = app.page.locator(".autodiag-message [role=alert]")
    expect(message).to_contain_text(refused.value.message)
    expect(message).to_contain_text("Sus respuestas no cambiaron")
    app.expect_progress(len(profile))
    app.expect_answers(profile)


def test_incomplete_questionnaire_warns_and_lists_what_is_missing(app, rubric):
    app.open()
    app.start()
    first = rubric.questions[0]
    app.option(first.id, "si").check()
    app.expect_progress(1)
    app.go("resultados")
    warning = app.page.locator(".autodiag-incomplete")
    expect(warning).to_be_visible()
    expect(warning.locator("li[data-question]")).to_have_count(len(rubric.questions) - 1)
    app.page.locator(".autodiag-see-anyway").click()
    expect(app.page.locator(".autodiag-summary-transparencia")).to_be_visible()
    expect(app.page.locator(".autodiag-summary-html")).to_contain_text(
        rubric.texts.get("resultados.incompleto", n=len(rubric.questions) - 1))


def test_phone_width_screenshots(app, rubric, screenshots):
    app.page.set_viewport_size({"width": 400, "height": 900})
    app.open()
    app.screenshot(screenshots, "bienvenida")
    app.start()
    assert app.page.evaluate("() => document.querySelector('.autodiag-app').scrollWidth") <= 400, "nothing wider"
    app.screenshot(screenshots, "cuestionario")
    profile = known_profile(rubric)
    app.upload("resume", "respuestas.json", autodiag.new_answers(rubric, profile).to_bytes())
    app.expect_progress(len(profile))
    app.go("resultados")
    expect(app.page.locator(".autodiag-summary-participacion")).to_have_attribute("data-risk", "alto")
    app.screenshot(screenshots, "resultados")


PRIVATE_NOTE = "nota privada 7f3a"
PRIVATE_LABEL = "etiqueta privada 9c1b"


def snapshot(server: Server) -> dict[str, tuple[int, int]]:
    """Every file the server could write (the repository, its HOME and TMPDIR) → (size, mtime)."""
    skip = {".git", "__pycache__", "screenshots"}
    files = {}
    for root in (REPO, server.home, server.tmp):
        for path in root.rglob("*"):
            if not skip.intersection(path.relative_to(root).parts) and path.is_file():
                stat = path.stat()
                files[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return files


def pool_connection_files(server: Server) -> set[str]:
    """The connection files (and IPC sockets, voila.json's transport) of the kernels still running:
    Voilà's preheated pool, waiting for the next pages."""
    files = set()
    for connection in server.kernel_connection_files().values():
        files.add(str(connection))
        files.update(str(path) for path in connection.parent.glob(f"{connection.stem}-ipc-*"))
    return files


def test_a_whole_session_leaves_no_file_on_the_server(app, rubric, voila_server):
    before = snapshot(voila_server)
    profile = known_profile(rubric)
    app.open()
    app.start()
    app.option(rubric.questions[0].id, "no").check()
    note = app.note(rubric.questions[0].id)
    note.fill(PRIVATE_NOTE)
    note.press("Tab")
    label = app.page.locator(".autodiag-label-input input")
    label.fill(PRIVATE_LABEL)
    label.press("Tab")
    app.page.wait_for_function(  # the link is rebuilt in the kernel; wait until it carries the label
        "label => atob(document.querySelector('.autodiag-download-respuestas').href.split(',')[1]).includes(label)",
        arg=PRIVATE_LABEL)
    app.upload("compare", "anterior.json", autodiag.new_answers(rubric, profile).to_bytes())
    expect(app.page.locator(".autodiag-message [role=status]")).to_be_visible()
    _, saved = app.download("respuestas")
    assert PRIVATE_NOTE in saved.decode("utf-8") and PRIVATE_LABEL in saved.decode("utf-8")
    app.upload("resume", "respuestas.json", autodiag.new_answers(rubric, profile).to_bytes())
    app.page.locator(".autodiag-resume-replace").click()  # the page has an answer: it asks first
    app.expect_progress(len(profile))
    app.go("resultados")
    expect(app.page.locator(".autodiag-comparison")).to_be_visible()
    app.download("respuestas")
    app.download("pdf")
    app.download("csv")
    session_kernel = kernel_pid(voila_server, kernel_id(app.page))  # the page's own kernel (raises if none)
    app.page.close()  # the server reclaims the kernel of a closed page (culling, see conftest)
    voila_server.wait_for_kernel_end(session_kernel)
    after = snapshot(voila_server)
    # kernels started meanwhile to refill the preheated pool are not the session's: only their connection files
    new = set(after) - set(before) - pool_connection_files(voila_server)
    assert not new, f"the session wrote files on the server: {sorted(new)}"
    changed = [path for path, stamp in after.items() if before.get(path) != stamp]
    for path in changed:  # e.g. IPython's history of the notebook's code: never an answer
        data = Path(path).read_bytes()
        assert PRIVATE_NOTE.encode() not in data and PRIVATE_LABEL.encode() not in data, path


def test_keyboard_alone_reaches_and_answers_a_question(app, rubric):
    app.page.set_viewport_size({"width": 400, "height": 900})
    app.open()
    app.page.keyboard.press("Tab")
    expect(app.page.locator(".autodiag-start")).to_be_focused()
    app.page.keyboard.press("Enter")
    first = app.page.locator(f".autodiag-q-{rubric.questions[0].id}")
    expect(first).to_be_visible()
    for _ in range(20):  # Tab through the navigation to the first question's options
        app.page.keyboard.press("Tab")
        if first.locator("input[type=radio]:focus").count():
            break
    app.page.keyboard.press("Space")
    expect(app.option(rubric.questions[0].id, "si")).to_be_checked()
    app.page.keyboard.press("ArrowRight")
    expect(app.option(rubric.questions[0].id, "parcial")).to_be_checked()
    app.expect_progress(1)

    app.page.locator(".autodiag-step-transparencia .autodiag-next").focus()
    app.page.keyboard.press("Enter")
    expect(app.page.locator(".autodiag-step-participacion h2")).to_be_in_viewport()  # the new step from its top
