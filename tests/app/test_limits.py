"""The note and label boxes keep to the answers reader's limits with a visible count, and any
text they accept comes back whole through the downloaded answers file (issue 13)."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autodiag
from autodiag.answers import MAX_LABEL_CHARS, MAX_NOTE_CHARS
from autodiag.app import App, build_app
from autodiag.typed_text import well_formed


def answers_file(app: App) -> bytes:
    match = re.search(r'href="data:application/json;base64,([^"]+)"', app.files.answers_link.value)
    return base64.b64decode(match.group(1))


def counter_text(widget) -> str:
    return re.sub(r"<[^>]+>", "", widget.value).strip()


def upload(widget, content: bytes) -> None:
    widget.value = ({"name": "r.json", "type": "application/json", "size": len(content),
                     "content": memoryview(content), "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)


def test_a_note_at_the_limit_is_kept_and_counted(app, rubric):
    t = rubric.texts
    question = app.step(rubric.components[0].id).questions[0]
    assert counter_text(question.counter.root) == t.get("interfaz.caracteres_restantes", n=MAX_NOTE_CHARS)
    question.note.value = "a" * (MAX_NOTE_CHARS - 1)
    assert counter_text(question.counter.root) == t.get("interfaz.caracteres_restantes_uno")
    question.note.value = "😀" * MAX_NOTE_CHARS  # characters, as the reader counts them (not UTF-16 units)
    assert counter_text(question.counter.root) == t.get("interfaz.caracteres_restantes", n=0)
    assert app.state.notes[question.question.id] == "😀" * MAX_NOTE_CHARS
    assert autodiag.read_answers(answers_file(app), rubric).answers.notes == app.state.notes


def test_a_note_over_the_limit_is_not_kept_and_the_count_says_by_how_much(app, rubric):
    t = rubric.texts
    question = app.step(rubric.components[0].id).questions[0]
    question.note.value = "acta 12"
    before = answers_file(app)
    question.note.value = "x" * (MAX_NOTE_CHARS + 5)
    assert counter_text(question.counter.root) == t.get("interfaz.caracteres_de_mas", n=5, maximo=MAX_NOTE_CHARS)
    assert "autodiag-counter-over" in question.counter.root.value
    assert app.state.notes[question.question.id] == "acta 12", "the last text that fits is kept"
    assert answers_file(app) == before, "the file to download never holds what it could not read back"
    assert question.note.value == "x" * (MAX_NOTE_CHARS + 5), "the official's text stays in the box to shorten"
    question.note.value = "x" * MAX_NOTE_CHARS
    assert app.state.notes[question.question.id] == "x" * MAX_NOTE_CHARS
    assert "autodiag-counter-over" not in question.counter.root.value


def test_the_label_keeps_to_its_limit(app, rubric):
    t = rubric.texts
    app.files.label.value = "e" * (MAX_LABEL_CHARS + 1)
    assert app.state.label == ""
    assert counter_text(app.files.label_counter.root) == t.get("interfaz.caracteres_de_mas", n=1,
                                                               maximo=MAX_LABEL_CHARS)
    app.files.label.value = "e" * MAX_LABEL_CHARS
    assert app.state.label == "e" * MAX_LABEL_CHARS
    assert autodiag.read_answers(answers_file(app), rubric).answers.label == app.state.label


# Text the widgets may be given: any Unicode (emoji, non-BMP, right-to-left, controls) and lone
# surrogates (a browser's JSON can carry them; so can an uploaded file).
ODD = st.sampled_from(["😀", "👩🏽‍💻", "𝔘", "\ud800", "\udfff", "\u202e", "\x00", "\n", "\r\n", "=", "<b>", " "])
texts = st.lists(st.one_of(ODD, st.text(max_size=20)), max_size=10).map("".join)


@pytest.fixture(scope="module")
def two_apps():
    first, second = build_app(), build_app()
    yield first, second
    first.close()
    second.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(texts, min_size=1, max_size=4), label=texts, long=st.booleans())
def test_what_the_boxes_accept_comes_back_through_the_answers_file(rubric, two_apps, notes, label, long):
    if long:  # at the limit
        notes = [((n or "x") * MAX_NOTE_CHARS)[:MAX_NOTE_CHARS] for n in notes]
        label = ((label or "y") * MAX_LABEL_CHARS)[:MAX_LABEL_CHARS]
    first, second = two_apps
    for app in two_apps:
        app.state.restore(autodiag.new_answers(rubric))
    questions = [q for c in rubric.components[:2] for q in first.step(c.id).questions]
    for question, note in zip(questions, notes):
        question.options.value = "parcial"
        question.note.value = note
    first.files.label.value = label
    for widget in [*(q.note for q in questions), first.files.label]:
        widget.value.encode("utf-8")  # what a box shows can always be sent to the page

    upload(second.files.resume, answers_file(first))
    assert 'role="status"' in second.files.message.value, f"refused: {second.files.message.value}"
    assert (second.state.answers, second.state.notes, second.state.label) == \
        (first.state.answers, first.state.notes, first.state.label), "download → upload → identical state"
    again = autodiag.read_answers(answers_file(second), rubric).answers
    assert (again.notes, again.label) == (first.state.notes, first.state.label), "and again"
    shown = {q.question.id: q.note.value for c in rubric.components[:2] for q in second.step(c.id).questions}
    for qid, note in first.state.notes.items():
        assert shown[qid] == well_formed(note), "the box shows the note (a lone surrogate as U+FFFD)"


@pytest.mark.parametrize("size", [25 * 1024 * 1024])
def test_an_oversized_upload_is_refused_with_one_message(app, rubric, size):
    app.state.set_answer(rubric.questions[0].id, "si")
    upload(app.files.resume, b" " * size)
    assert 'role="alert"' in app.files.message.value
    assert app.state.answers == {rubric.questions[0].id: "si"}
