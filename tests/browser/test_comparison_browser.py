"""The comparison with an earlier, incomplete diagnosis, as an official meets it in Chromium: the
earlier file's date (in the browser's time zone), label and incompleteness are shown where the
page goes, components it left unanswered are not compared, and «Quitar comparación» removes it.
The upload buttons read their description (no «(0)») and the progress bar has a real tooltip."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import expect

import autodiag
from autodiag.answers import AnswersFile

from .app_page import AppPage
from .conftest import UI_TIMEOUT

pytestmark = pytest.mark.browser

ZONE = "America/Bogota"  # not the content's default, nor the server's (UTC)


@pytest.fixture
def app(browser, voila_server, rubric):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="es-MX",
                                  timezone_id=ZONE)
    context.set_default_timeout(UI_TIMEOUT)
    yield AppPage(context.new_page(), voila_server, rubric)
    context.close()


def test_comparing_with_an_incomplete_earlier_file_then_removing_it(app, rubric, screenshots):
    page = app.page
    app.open()
    buttons = {kind: page.locator(f".autodiag-upload-{kind}") for kind in ("resume", "compare")}
    expect(buttons["resume"]).to_have_text(rubric.texts.get("app.subir_respuestas"))
    expect(buttons["compare"]).to_have_text(rubric.texts.get("app.subir_anterior"))

    app.start()
    titles = page.locator(".autodiag-progress-bar, .autodiag-progress-bar *").evaluate_all(
        "els => els.filter(e => e.hasAttribute('title')).map(e => e.getAttribute('title'))")
    assert titles and "null" not in titles and rubric.texts.get("app.avance") in titles, titles
    now = {q.id: "si" for q in rubric.questions}
    app.upload("resume", "actual.json", autodiag.new_answers(rubric, now).to_bytes())
    expect(page.locator(".autodiag-summary")).to_be_visible()  # complete: the results
    expect(buttons["resume"]).to_have_text(rubric.texts.get("app.subir_respuestas")), "still no count after a file"

    first = rubric.components[0]
    answered = {q.id: "parcial" for q in rubric.questions_of(first.id)}
    doc = autodiag.new_answers(rubric, answered, label="Ejercicio de marzo")
    earlier = AnswersFile(doc.rubric_id, doc.rubric_version, doc.answers, doc.notes, doc.label,
                          "2026-03-02T18:30:00+00:00")
    app.upload("compare", "anterior.json", earlier.to_bytes())

    region = page.locator(".autodiag-comparison-region")
    message = region.locator(".autodiag-comparison-message [role=status]")
    expect(message).to_have_text(rubric.texts.get("app.anterior_cargado_aqui", n=len(answered)))
    expect(message).to_be_in_viewport()  # the page went to the comparison, and its message is there
    expect(page.locator(".autodiag-comparison-title")).to_be_focused()
    expect(page.locator(".autodiag-files .autodiag-message [role=status]")).to_have_count(0)
    incomplete = region.locator(".autodiag-earlier-incomplete")
    expect(incomplete).to_contain_text("02/03/2026 a las 13:30")  # 18:30 UTC in Bogotá
    expect(incomplete).to_contain_text(f"zona horaria {ZONE}")
    expect(incomplete).to_contain_text("Ejercicio de marzo")
    expect(incomplete).to_contain_text(rubric.texts.get("reporte.anterior_incompleto", respondidas=len(answered),
                                                        total=len(rubric.questions), minimo=80))
    expect(region.locator(f'tr[data-component="{first.id}"] .autodiag-change')).to_have_text("+50")
    for component in rubric.components[1:]:
        row = region.locator(f'tr[data-component="{component.id}"]')
        expect(row).to_have_attribute("data-compared", "no")
        expect(row.locator(".autodiag-change")).to_have_text(rubric.texts.get("reporte.sin_cambio"))
    app.screenshot(screenshots, "comparacion")

    _, html = app.download("html")
    report = html.decode("utf-8")
    assert "autodiag-earlier-incomplete" in report and f"(zona horaria {ZONE})" in report
    generated = re.search(r'<p class="meta">([^<]+)</p>', report)
    assert generated and f"zona horaria {ZONE}" in generated.group(1), "the report's date in the browser's zone"

    page.locator(".autodiag-comparison-remove").click()
    expect(region.locator(".autodiag-comparison-message [role=status]")).to_have_text(
        rubric.texts.get("app.comparacion_quitada"))
    expect(region.locator(".autodiag-comparison")).to_have_count(0)
    expect(page.locator(".autodiag-comparison-remove")).to_be_hidden()
    link = page.locator(".autodiag-download-html")
    expect(link).to_have_count(1)
    data = base64.b64decode(link.get_attribute("href").split(",", 1)[1]).decode("utf-8")
    assert rubric.texts.get("reporte.comparacion") not in data, "the reports no longer compare"
