"""Issue 12, "Things lost": the label edited on the results screen keeps the reports on offer,
with the new label; resuming over answers asks first and lands on the first unanswered question
(the browser tests: tests/browser/test_nothing_lost.py)."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

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



def upload(widget, content: bytes, name: str = "respuestas.json") -> None:
    widget.value = ({"name": name, "type": "application/json", "size": len(content),
                     "content": memoryview(content), "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)


def half_file(rubric) -> tuple[dict[str, str], bytes]:
    """A file answering the first half of the questionnaire «No», with a label."""
    half = {q.id: "no" for q in rubric.questions[: len(rubric.questions) // 2]}
    return half, autodiag.new_answers(rubric, half, {}, "del archivo").to_bytes()


def test_resuming_over_answers_asks_first_and_cancel_keeps_them(app, rubric):
    answer_all(app, "si")
    mine = dict(app.state.answers)
    _, content = half_file(rubric)
    upload(app.files.resume, content, "junio.json")
    assert app.state.answers == mine, "nothing replaced before the official says so"
    assert app.files.confirm.layout.display == ""
    shown = text_of(app.files.confirm_text.value)
    assert str(len(mine)) in shown and "junio.json" in shown
    assert app.files.replace.description == rubric.texts.get("app.reemplazar")
    app.files.cancel.click()
    assert app.state.answers == mine
    assert app.files.confirm.layout.display == "none"
    assert text_of(rubric.texts.get("app.reemplazo_cancelado")) in text_of(app.files.message.value)


def test_replace_resumes_and_lands_on_the_first_unanswered_question(app, rubric):
    answer_all(app, "si")
    half, content = half_file(rubric)
    upload(app.files.resume, content)
    app.files.replace.click()
    assert app.state.answers == half and app.state.label == "del archivo"
    first_missing = next(q for q in rubric.questions if q.id not in half)
    assert first_missing.component != rubric.components[0].id, "else landing on component 1 would pass"
    assert app.screen == first_missing.component
    assert app.files.confirm.layout.display == "none"


def test_resuming_on_an_empty_page_asks_nothing(app, rubric):
    app.welcome.start.click()
    half, content = half_file(rubric)
    upload(app.files.resume, content)
    assert app.state.answers == half
    assert app.files.confirm.layout.display == "none"
    assert app.screen == next(q for q in rubric.questions if q.id not in half).component


def test_resume_and_compare_look_different(app):
    resume, compare = app.files.resume, app.files.previous
    assert resume.description != compare.description
    assert "autodiag-upload-resume" in resume._dom_classes and "autodiag-upload-compare" in compare._dom_classes
    from autodiag.markup import static_text
    css = static_text("app.css")
    assert ".autodiag-upload-resume {" in css and ".autodiag-upload-compare {" in css


def text_of(html: str) -> str:
    import html as html_lib
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
