"""The server goes away while an official answers: the page says so within seconds, keeps the
answers file at hand, and takes no click it cannot record (issue 13).

The test starts its own server and stops it (the module's shared server stays for the others).
The page's script (autodiag/static/connection.js) waits a few seconds of lost connection (a blip)
before the notice.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .app_page import AppPage
from .conftest import SERVER_ARGS
from .server import serve, stop

pytestmark = pytest.mark.browser


def test_a_stopped_server_is_noticed_and_the_answers_stay_at_hand(page, rubric, tmp_path_factory, screenshots):
    t = rubric.texts
    first = rubric.components[0]
    questions = rubric.questions_of(first.id)
    given = {q.id: option for q, option in zip(questions[:3], ("si", "parcial", "no"))}
    with serve(tmp_path_factory.mktemp("gone"), extra_args=SERVER_ARGS) as server:
        app = AppPage(page, server, rubric)
        app.open()
        app.start()
        for question_id, option in given.items():
            app.option(question_id, option).check()
        app.expect_progress(len(given))
        page.wait_for_function(  # the link is rebuilt in the kernel; wait until it carries the third answer
            "(n) => Object.keys(JSON.parse(atob(document.querySelector('.autodiag-download-respuestas')"
            ".href.split(',')[1])).answers).length === n", arg=len(given))
        expect(page.locator(".autodiag-connection-lost")).to_have_count(0)

        stop(server)

        notice = page.locator(".autodiag-connection-lost")
        expect(notice).to_be_visible()
        expect(notice).to_have_attribute("role", "alert")
        expect(notice).to_contain_text(t.get("app.conexion_perdida_titulo"))
        expect(notice).to_contain_text(t.get("interfaz.servidor_ausente"))
        assert page.evaluate("() => document.querySelector('.autodiag-app').inert"), "no click goes into the void"
        untouched = app.option(questions[4].id, "si")
        box = untouched.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(untouched).not_to_be_checked()
        page.screenshot(path=str(screenshots / "servidor-perdido-1280.png"))

        with page.expect_download() as info:
            notice.locator(".autodiag-download-respuestas").click()
        saved = json.loads(info.value.path().read_bytes())
        assert saved["answers"] == given, "the notice's link holds every answer given before the loss"
