"""A kernel that answers the widget front end late still gets a working app on screen (issue 6).

On a crowded server (a workshop of 50 on two cores) a session's kernel can answer the page's
request for the widgets' state after the 4 s the front end waits for it (the ``jupyter.widget.control``
comm of ipywidgets 8; jupyter-widgets/ipywidgets#3633). The front end then asks widget by widget
(``request_state`` on each widget's comm). This checks that the app survives that path: the page
shows the app, and it answers. The kernel is made late on purpose:
tests/browser/notebooks/estado_tardio.ipynb delays ipywidgets' answer by 6 s, then calls `show()`
as the app's notebook does.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .app_page import AppPage
from .conftest import SERVER_ARGS
from .server import serve

pytestmark = pytest.mark.browser

LATE_NOTEBOOK = "tests/browser/notebooks/estado_tardio.ipynb"


@pytest.fixture(scope="module")
def late_server(tmp_path_factory):
    # preheat off: a pool kernel runs the notebook before any page asks, and its answer would be the same
    with serve(tmp_path_factory.mktemp("late"), notebook=LATE_NOTEBOOK,
               extra_args=[*SERVER_ARGS, "--VoilaConfiguration.preheat_kernel=False"]) as server:
        yield server


def test_late_widget_state_still_shows_a_working_app(page, late_server, rubric):
    asked_one_by_one: list[str] = []  # the front end's fallback: a request_state per widget

    def watch(socket) -> None:
        def sent(payload) -> None:
            text = payload if isinstance(payload, str) else payload.decode("utf-8", errors="replace")
            if '"request_state"' in text:
                asked_one_by_one.append(text)
        socket.on("framesent", sent)

    page.on("websocket", watch)
    app = AppPage(page, late_server, rubric)
    app.open()
    app.start()
    assert asked_one_by_one, "the kernel answered in time: this test did not exercise the late path"
    first, other = rubric.components[0], rubric.components[1]
    question = rubric.questions_of(first.id)[0]
    app.option(question.id, "si").check()
    app.expect_progress(1)
    app.go(other.id)
    app.go(first.id)
    expect(app.option(question.id, "si")).to_be_checked()
