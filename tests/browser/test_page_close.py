"""Closing the page ends its kernel, and with it the official's answers on the server (issue 6).

Voilà's front end asks the server to shut the page's kernel down when the page is closed, but its
request carries the `_xsrf` cookie that Voilà's page never sets, so it was refused and the kernel
lived until culled (an hour in voila.json). The autodiag template sets the cookie. Here culling is
an hour away, so only that request can end the kernel.
"""

from __future__ import annotations

import pytest

from .app_page import AppPage, kernel_id, kernel_pid
from .server import serve

pytestmark = pytest.mark.browser

NO_CULLING = ["--MappingKernelManager.cull_idle_timeout=3600", "--MappingKernelManager.cull_interval=300"]


@pytest.fixture(scope="module")
def uncull_server(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("close"), extra_args=NO_CULLING) as server:
        yield server


def test_closing_the_page_shuts_its_kernel_down(context, uncull_server, rubric):
    page = context.new_page()
    app = AppPage(page, uncull_server, rubric)
    app.open()
    app.start()
    app.option(rubric.questions[0].id, "si").check()
    app.expect_progress(1)
    app.download("respuestas")  # downloaded: leaving asks nothing (test_nothing_lost)
    pid = kernel_pid(uncull_server, kernel_id(page))
    page.close(run_before_unload=True)
    uncull_server.wait_for_kernel_end(pid, timeout=30)
    assert "_xsrf' argument missing" not in uncull_server.log.read_text(errors="replace")


def test_leaving_after_being_asked_shuts_the_kernel_down(context, uncull_server, rubric):
    """Answers not downloaded: the page asks first, and its guard holds Voilà's shutdown back (so
    staying keeps the kernel); leaving anyway ends the kernel from the page's `pagehide`."""
    page = context.new_page()
    app = AppPage(page, uncull_server, rubric)
    app.open()
    app.start()
    app.option(rubric.questions[0].id, "si").check()
    app.expect_progress(1)
    pid = kernel_pid(uncull_server, kernel_id(page))
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.goto("about:blank")  # Back, a link, a reload: the page is left by navigation
    uncull_server.wait_for_kernel_end(pid, timeout=30)
    assert asked == ["beforeunload"]
