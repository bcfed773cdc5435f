"""The welcome arrives as plain HTML (not a widget), written into the page the server sends, goes
away with the questionnaire and comes back with the welcome; the page asks nothing of any other
site; the results show before their downloads are ready (issue 6)."""

from __future__ import annotations

import html
import urllib.request

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage, known_profile

pytestmark = pytest.mark.browser


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def test_welcome_text_is_plain_html_hidden_while_answering(app, rubric):
    app.open()
    welcome = app.page.locator(".autodiag-static-welcome")
    expect(welcome).to_contain_text(rubric.texts.get("presentacion.privacidad"))
    assert not welcome.locator("xpath=ancestor::*[contains(@class, 'widget-html')]").count(), "not a widget"
    app.start()
    expect(welcome).to_be_hidden()
    app.page.locator(f".autodiag-step-{rubric.components[0].id} .autodiag-back").click()
    expect(welcome).to_be_visible()
    expect(app.page.locator(".autodiag-start")).to_be_visible()


def test_the_page_the_server_sends_already_holds_the_welcome(voila_server, rubric):
    with urllib.request.urlopen(voila_server.url, timeout=120) as response:  # no script runs here
        page = response.read().decode("utf-8")
    assert 'class="autodiag-static-output"' in page  # written by the autodiag template, not by the front end
    for key in ("presentacion.titulo", "presentacion.privacidad"):
        assert html.escape(rubric.texts.get(key), quote=False) in page
    assert "cdn.jsdelivr.net" not in page


def test_the_page_asks_no_other_site_and_says_nothing_in_english(page, voila_server, rubric):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    AppPage(page, voila_server, rubric).open()
    expect(page.locator("#loading_text")).to_be_hidden()  # Voilà's «Running autodiagnostico...»
    own = ("data:", "blob:", voila_server.url, voila_server.url.replace("http", "ws", 1))
    assert requested and all(url.startswith(own) for url in requested), [u for u in requested if not u.startswith(own)]


def test_results_come_first_then_the_report_downloads(app, rubric):
    app.open()
    app.start()
    profile = known_profile(rubric)
    app.upload("resume", "respuestas.json", autodiag.new_answers(rubric, profile).to_bytes())
    app.expect_progress(len(profile))
    app.go("resultados")
    expect(app.page.locator(".autodiag-summary-participacion")).to_have_attribute("data-risk", "alto")
    expect(app.page.locator(".autodiag-download-pdf")).to_be_visible()
    expect(app.page.locator(".autodiag-report-downloads")).not_to_contain_text(
        rubric.texts.get("app.reportes_preparando"))
