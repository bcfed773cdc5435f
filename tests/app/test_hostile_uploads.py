"""Hostile answers files uploaded to the app (no browser): refused with one Spanish message,
nothing the official entered is lost; markup in notes and label stays text.

The corpus is tests/fixtures/answers/ (each refused file and its slug in test_answers.REFUSED),
plus a file over the size cap and one nested too deep. Uploads set the `FileUpload`'s value as
ipywidgets' own tests do.
"""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import UTC, datetime

import ipywidgets as w
import pytest
from test_answers import ANSWERS, REFUSED

import autodiag
from autodiag.answers import MAX_BYTES
from autodiag.app import App
from autodiag.app.questionnaire import RESULTS

HOSTILE = ANSWERS / "html-en-notas-y-etiqueta.json"
CASES = [(name, (ANSWERS / name).read_bytes()) for name, _, _ in REFUSED] + [
    ("enorme.json", b" " * (MAX_BYTES + 1)),
    ("anidado.json", b"[" * 200_000),
]
KINDS = ["resume", "compare"]


def upload(widget: w.FileUpload, content: bytes, name: str) -> None:
    widget.value = ({"name": name, "type": "application/json", "size": len(content),
                     "content": memoryview(content),
                     "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)


def upload_widget(app: App, kind: str) -> w.FileUpload:
    return app.files.resume if kind == "resume" else app.files.previous


def text_of(fragment: str) -> str:
    """What a browser shows of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def answers_link(app: App) -> bytes:
    match = re.search(r'href="data:application/json;base64,([^"]+)"', app.files.answers_link.value)
    return base64.b64decode(match.group(1))


def html_values(widget: w.Widget):
    """Every HTML fragment shown in the widget tree under `widget`."""
    if isinstance(widget, w.HTML):
        yield widget.value
    for child in getattr(widget, "children", ()):
        yield from html_values(child)


def fill_in(app: App, rubric) -> dict:
    """An official midway: answers in two components, two notes, a label, an earlier diagnosis."""
    app.welcome.start.click()
    first, second = rubric.components[0].id, rubric.components[1].id
    for question, option in zip(app.step(first).questions[:3], ("si", "parcial", "nose")):
        question.options.value = option
    app.go(second)
    app.step(second).questions[0].options.value = "no"
    app.step(first).questions[0].note.value = "acta de cabildo 12/2025"
    app.step(second).questions[0].note.value = "pendiente"
    app.files.label.value = "ejercicio de marzo"
    upload(app.files.previous, autodiag.new_answers(rubric, {q.id: "no" for q in rubric.questions}).to_bytes(),
           "anterior.json")
    return {
        "answers": dict(app.state.answers), "notes": dict(app.state.notes), "label": app.state.label,
        "previous": app.state.previous,
        "widgets": {q.question.id: (q.options.value, q.note.value)
                    for step in app.steps.values() for q in step.questions},
        "link": answers_link(app),
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name, content", CASES, ids=[c[0] for c in CASES])
def test_a_refused_file_shows_one_spanish_message_and_keeps_everything(app, rubric, kind, name, content):
    with pytest.raises(autodiag.AnswersFileError) as refused:
        autodiag.read_answers(content, rubric)
    before = fill_in(app, rubric)
    app.files.show_message("")  # only what this upload says

    upload(upload_widget(app, kind), content, name)

    shown = app.files.message.value
    assert shown.count('role="alert"') == 1 and shown.count("<p>") == 1, f"one message, not {shown!r}"
    assert text_of(shown) == rubric.texts.get("app.archivo_rechazado", mensaje=refused.value.message)
    assert "Traceback" not in shown and "Error" not in text_of(shown)
    assert app.state.answers == before["answers"], "no answer lost"
    assert app.state.notes == before["notes"], "no note lost"
    assert app.state.label == before["label"] and app.files.label.value == before["label"]
    assert app.state.previous is before["previous"], "the earlier diagnosis stays"
    assert {q.question.id: (q.options.value, q.note.value)
            for step in app.steps.values() for q in step.questions} == before["widgets"]
    assert answers_link(app) == before["link"], "the answers file to download is unchanged"
    assert upload_widget(app, kind).value == (), "cleared, so another file can be chosen"


def test_markup_in_notes_and_label_is_shown_as_text_never_as_markup(app, rubric):
    loaded = autodiag.read_answers_file(HOSTILE, rubric).answers
    script_note = next(iter(loaded.notes.values()))
    assert "<script>" in script_note and "<img" in loaded.label

    upload(app.files.resume, HOSTILE.read_bytes(), HOSTILE.name)
    assert 'role="status"' in app.files.message.value, "the file is accepted"
    assert app.state.notes == dict(loaded.notes) and app.state.label == loaded.label
    assert app.files.label.value == loaded.label, "the label box holds the text as typed"
    noted = next(iter(loaded.notes))
    question = next(q for q in app.step(rubric.question(noted).component).questions if q.question.id == noted)
    assert question.note.value == script_note, "the note box holds the text as typed (a textarea shows text)"
    assert json.loads(answers_link(app))["notes"] == dict(loaded.notes)

    upload(app.files.previous, HOSTILE.read_bytes(), HOSTILE.name)
    app.go(RESULTS)
    app.results.see_anyway.click()  # the file answers 4 questions: the results of an incomplete questionnaire
    shown = list(html_values(app.root))
    assert shown, "the results are on screen"
    for fragment in shown:
        assert "<script>alert" not in fragment and "<img src=x" not in fragment and "<b>negritas" not in fragment, \
            f"user text became markup: {fragment[:200]!r}"
    for fragment in re.findall(r'href="data:text/html;base64,([^"]+)"', app.files.report_links.value):
        report = base64.b64decode(fragment).decode("utf-8")
        assert "<script>alert" not in report and "<img src=x" not in report, "the HTML report escapes user text"
        assert "&lt;script&gt;" in report or "&lt;img" in report, "the user's text is in the report, escaped"
