"""A real Voilà server on a free loopback port and a real Chromium driven by Playwright.

The server (`server.serve`) runs from the repository root (so `voila.json` there is read)
with its own empty HOME and TMPDIR, so the privacy test can list every place it could write.
One server per test module; the browser is Debian's Chromium (`playwright install` cannot
download).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .server import CHROMIUM, CHROMIUM_ARGS, REPO, Server, serve

# Notebooks served by tests (tests/browser/notebooks) are fixtures, not nbval tests.
collect_ignore_glob = ["notebooks/*.ipynb"]

SCREENSHOTS = REPO / "screenshots"
# A closed page's kernel is shut down by the page (test_page_close); one whose page went without
# a word (a context closed without beforeunload, as the tests do) is culled, after an hour in
# autodiag.serve.VOILA_SETTINGS and within seconds here, so the privacy test can wait for its
# session's kernel to end (a kernel whose page was sent but has not connected is kept 120 s of inactivity:
# autodiag.server_guard.PoolSafeKernelManager).
SERVER_ARGS = ["--MappingKernelManager.cull_idle_timeout=15", "--MappingKernelManager.cull_interval=1",
               # the time of each line of the server's log, shown when a test fails
               "--Voila.log_format=%(asctime)s [%(name)s]%(highlevel)s %(message)s", "--Voila.log_datefmt=%H:%M:%S"]
UI_TIMEOUT = 180_000  # ms: the first kernel of a page starts and runs the notebook, on a busy 2-core machine too


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory) -> Server:
    with serve(tmp_path_factory.mktemp("voila"), extra_args=SERVER_ARGS) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():  # never skipped: scripts/test installs it
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (bash scripts/test does)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT)  # expectations wait as long as actions do (a loaded machine)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="es-MX")
    context.set_default_timeout(UI_TIMEOUT)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
