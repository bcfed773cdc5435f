"""The app's results and its three downloads show one view: same levels, risks, scores and
recommendations; and a failing renderer never leaves the page half-done (the error boundary)."""

from __future__ import annotations

import base64
import csv
import io
import re

from pypdf import PdfReader

import autodiag
import autodiag.report
from autodiag.app import App
from autodiag.app.questionnaire import RESULTS
from autodiag.app.state import Event


def answer_profile(app: App, profile: dict[str, str]) -> None:
    app.welcome.start.click()
    for component in app.rubric.components:
        app.go(component.id)
        for question in app.step(component.id).questions:
            question.options.value = profile[question.question.id]


def download(app: App, kind: str) -> bytes:
    match = re.search(rf'autodiag-download-{kind}"\s+download="[^"]+"\s+href="data:[^;]+;base64,([^"]+)"',
                      app.files.report_links.value)
    assert match, f"no {kind} link"
    return base64.b64decode(match.group(1))


def summary_rows(html: str) -> dict[str, tuple[str, str, str]]:
    rows = re.findall(r'data-component="(\w+)" data-level="(\w+)" data-risk="(\w+)">.*?'
                      r'<td class="autodiag-score">(\d+)</td>', html, re.DOTALL)
    return {c: (level, risk, score) for c, level, risk, score in rows}


def test_app_html_pdf_and_csv_show_the_same_results(app, rubric):
    profile = {q.id: ("si", "parcial", "no", "nose", "si", "si")[i % 6] for i, q in enumerate(rubric.questions)}
    answer_profile(app, profile)
    app.nav.buttons[RESULTS].click()
    diagnosis = autodiag.score(rubric, profile)
    expected = {c.component: (c.level, c.risk, str(round(c.score))) for c in diagnosis}
    recommendations = [r.id for c in diagnosis for r in c.recommendations]
    assert app.results.view is not None and app.results.view.components[0].id == rubric.components[0].id

    shown = app.results.summary.value
    assert summary_rows(shown) == expected, "the app's summary"
    assert re.findall(r'data-recommendation="([^"]+)"', app.results.details.value) == recommendations

    html = download(app, "html").decode("utf-8")
    assert summary_rows(html) == expected, "the HTML report's summary"
    assert re.findall(r'data-recommendation="([^"]+)"', html) == recommendations

    rows = list(csv.DictReader(io.StringIO(download(app, "csv").decode("utf-8"))))
    assert {r["componente"]: (r["nivel"], r["riesgo"], r["puntaje"]) for r in rows if r["tipo"] == "componente"} \
        == expected, "the CSV"
    assert [r["id"] for r in rows if r["tipo"] == "recomendacion"] == recommendations

    reader = PdfReader(io.BytesIO(download(app, "pdf")))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).replace("\u200b", "").split())
    for c in app.results.view.components:
        assert f"{c.name} {c.level} {c.risk} {c.score}" in text, f"the PDF's summary row of {c.id}"
        for r in c.recommendations:
            assert " ".join(r.text.split()[:6]) in text


def test_a_failing_renderer_shows_the_message_and_leaves_no_spinner(app, rubric, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the PDF engine broke")

    monkeypatch.setattr(autodiag.report, "render_pdf", broken)
    answer_profile(app, {q.id: "si" for q in rubric.questions})
    app.nav.buttons[RESULTS].click()

    t = rubric.texts
    assert t.get("app.error_inesperado") in app.boundary.root.value
    assert 'role="alert"' in app.boundary.root.value
    assert t.get("app.reportes_preparando") not in app.files.report_links.value, "no eternal spinner"
    assert t.get("app.reportes_pendientes") in app.files.report_links.value
    assert app.results.root.children == (app.results.results,), "the results themselves are on screen"
    assert "the PDF engine broke" in caplog.text, "the details go to the log"
    assert "RuntimeError" not in app.boundary.root.value and "Traceback" not in app.boundary.root.value

    monkeypatch.undo()
    app.nav.buttons["transparencia"].click()
    assert app.boundary.root.value == "", "the next action clears the message"
    app.nav.buttons[RESULTS].click()
    assert "autodiag-download-pdf" in app.files.report_links.value


def test_a_failing_listener_inside_a_click_shows_one_message(app, rubric, monkeypatch):
    app.welcome.start.click()

    def broken(change):
        raise ValueError("a region broke")

    app.state.observe(broken)
    question = app.step(rubric.components[0].id).questions[0]
    question.options.value = "si"
    assert app.state.answers == {question.question.id: "si"}, "the state took the answer before the listener"
    assert app.boundary.failures == 1
    assert app.boundary.root.value.count('role="alert"') == 1


def test_state_changes_are_events_not_strings(app, rubric):
    seen = []
    app.state.observe(lambda change: seen.append(change.kind))
    app.state.set_answer(rubric.questions[0].id, "si")
    app.state.set_note(rubric.questions[0].id, "x")
    app.state.set_label("y")
    assert seen == [Event.ANSWER, Event.NOTE, Event.LABEL]
    assert all(isinstance(kind, Event) for kind in seen)
