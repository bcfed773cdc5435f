"""Issue 12, "Things lost": the label edited on the results screen keeps the reports on offer,
with the new label (the browser tests: tests/browser/test_nothing_lost.py)."""

from __future__ import annotations

import base64
import re

import autodiag
from autodiag.app import App
from autodiag.app.questionnaire import RESULTS


def answer_all(app: App, option: str) -> None:
    for component in app.rubric.components:
        app.go(component.id)
        for question in app.step(component.id).questions:
            question.options.value = option


def data_url(html: str, kind: str) -> bytes:
    match = re.search(rf'autodiag-download-{kind}"\s+download="[^"]+"\s+href="data:[^;]+;base64,([^"]+)"', html)
    assert match, f"no {kind} download link in {html[:200]!r}"
    return base64.b64decode(match.group(1))


def test_editing_the_label_on_the_results_refreshes_the_reports(app, rubric):
    answer_all(app, "parcial")
    app.nav.buttons[RESULTS].click()
    assert "autodiag-download-html" in app.files.report_links.value
    app.files.label.value = "Taller de marzo"
    links = app.files.report_links.value
    for kind in ("html", "pdf", "csv"):
        assert f"autodiag-download-{kind}" in links, f"the {kind} link stays after the label is edited"
    assert "Taller de marzo" in data_url(links, "html").decode("utf-8")
    assert data_url(links, "pdf").startswith(b"%PDF")
    saved = autodiag.read_answers(data_url(app.files.answers_link.value, "respuestas"), rubric)
    assert saved.answers.label == "Taller de marzo"
    app.files.label.value = ""
    html = data_url(app.files.report_links.value, "html").decode("utf-8")
    assert "Taller de marzo" not in html


def test_an_answer_changed_after_the_results_still_withdraws_the_reports(app):
    answer_all(app, "parcial")
    app.nav.buttons[RESULTS].click()
    app.files.label.value = "antes"
    app.go("transparencia")
    app.step("transparencia").questions[0].options.value = "si"
    assert "autodiag-download-html" not in app.files.report_links.value, "stale reports are withdrawn"
    app.files.label.value = "después"
    assert "autodiag-download-html" not in app.files.report_links.value, "a label does not bring stale ones back"

