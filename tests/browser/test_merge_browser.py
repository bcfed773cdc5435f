"""«Combinar archivos del equipo» in a real Chromium against a real Voilà server.

The story: an official has answered one question on the page; two areas send their answers files,
which disagree with each other (and one with the page) on some questions. The official uploads both
at once, sees each conflict with every file's answer, chooses, applies, and downloads the joined
answers file.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage

pytestmark = pytest.mark.browser


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def team_files(rubric) -> list[dict]:
    q = [x.id for x in rubric.questions]
    a = autodiag.new_answers(rubric, {q[0]: "no", q[1]: "no", q[4]: "si"}, {q[4]: "Acta de cabildo 12/2026"},
                             "Contraloría")
    b = autodiag.new_answers(rubric, {q[1]: "parcial", q[5]: "no"}, {q[5]: "Pendiente de publicar"},
                             "Transparencia")
    return [{"name": "contraloria.json", "mimeType": "application/json", "buffer": a.to_bytes()},
            {"name": "transparencia.json", "mimeType": "application/json", "buffer": b.to_bytes()}]


def test_official_merges_the_teams_files_choosing_each_conflict(app, rubric, screenshots):
    q = [x.id for x in rubric.questions]
    app.open()
    app.start()
    app.option(q[0], "si").check()
    app.expect_progress(1)

    with app.page.expect_file_chooser() as chooser:
        app.page.locator(".autodiag-upload-merge").click()
    chooser.value.set_files(files=team_files(rubric))

    conflicts = app.page.locator(".autodiag-merge-conflict")
    expect(conflicts).to_have_count(2)  # q[0]: the page vs Contraloría; q[1]: Contraloría vs Transparencia
    first, second = conflicts.nth(0), conflicts.nth(1)
    expect(first).to_contain_text(f"Pregunta 1: {rubric.questions[0].text}")
    expect(second).to_contain_text(f"Pregunta 2: {rubric.questions[1].text}")
    expect(second.get_by_label("Contraloría: No", exact=True)).to_be_visible()
    expect(second.get_by_label("Transparencia: Parcialmente", exact=True)).to_be_visible()
    app.expect_progress(1)  # nothing joined before «Aplicar»
    app.page.locator(".autodiag-merge").screenshot(path=str(screenshots / "combinar-conflictos-1280.png"))

    app.page.locator(".autodiag-merge-always", has_text="Transparencia").click()
    expect(second.get_by_label("Transparencia: Parcialmente", exact=True)).to_be_checked()
    first.get_by_label("Esta página: Sí", exact=True).check()
    expect(first.get_by_label("Esta página: Sí", exact=True)).to_be_checked()
    app.page.locator(".autodiag-merge-apply").click()

    expect(app.page.locator(".autodiag-message [role=status]")).to_contain_text("Se combinaron 2 archivo(s)")
    expect(conflicts).to_have_count(0)
    app.expect_progress(4)  # q[0], q[1], q[4], q[5]
    _, data = app.download("respuestas")
    saved = autodiag.read_answers(data, rubric).answers
    assert saved.answers == {q[0]: "si", q[1]: "parcial", q[4]: "si", q[5]: "no"}
    assert saved.notes == {q[4]: "[Contraloría] Acta de cabildo 12/2026", q[5]: "[Transparencia] Pendiente de publicar"}
    assert saved.label == "Contraloría + Transparencia"
    assert json.loads(data)["schema"] == "autodiag/answers"


def test_a_refused_file_leaves_the_page_as_it_was(app, rubric):
    q = [x.id for x in rubric.questions]
    app.open()
    app.start()
    app.option(q[0], "si").check()
    app.expect_progress(1)
    files = team_files(rubric)
    files[1] = {**files[1], "name": "roto.json", "buffer": files[1]["buffer"][:40]}
    with app.page.expect_file_chooser() as chooser:
        app.page.locator(".autodiag-upload-merge").click()
    chooser.value.set_files(files=files)
    expect(app.page.locator(".autodiag-message [role=alert]")).to_contain_text("«roto.json»")
    expect(app.page.locator(".autodiag-merge-conflict")).to_have_count(0)
    app.expect_progress(1)
    expect(app.option(q[0], "si")).to_be_checked()


def test_files_over_the_cap_together_are_refused_in_the_page_and_never_sent(app, rubric):
    from autodiag.answers import MAX_BYTES

    sent: list[int] = []
    app.page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(len(payload))))
    app.open()
    app.start()
    app.option(rubric.questions[0].id, "si").check()
    app.expect_progress(1)
    half = MAX_BYTES // 2 + 1024  # each file fits; together they do not
    with app.page.expect_file_chooser() as chooser:
        app.page.locator(".autodiag-upload-merge").click()
    chooser.value.set_files(files=[{"name": n, "mimeType": "application/json", "buffer": b" " * half}
                                   for n in ("a.json", "b.json")])
    message = app.page.locator(".autodiag-files .autodiag-message")
    expect(message).to_contain_text(rubric.texts.get("errores_archivo.muy_grande", tamano=2 * half // 1024,
                                                     maximo=MAX_BYTES // 1024))
    assert max(sent, default=0) < 1024 * 1024, "the files never went to the kernel"
    app.expect_progress(1)
    expect(app.option(rubric.questions[0].id, "si")).to_be_checked()
