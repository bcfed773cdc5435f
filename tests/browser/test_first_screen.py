"""The welcome arrives as plain HTML (not a widget), goes away with the questionnaire and comes
back with the welcome; the results show before their downloads are ready (issue 6)."""

from __future__ import annotations

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
