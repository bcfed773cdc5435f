"""The app's widgets without a browser: set values, click buttons, read what is shown."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime

import pytest
from markupsafe import escape

import autodiag
from autodiag.app import App, MessageView, build_app
from autodiag.app.questionnaire import RESULTS, WELCOME
from helpers import loaded_after


def answer_all(app: App, option: str) -> None:
    for component in app.rubric.components:
        app.go(component.id)
        for question in app.step(component.id).questions:
            question.options.value = option


def data_url(html: str, kind: str) -> bytes:
    match = re.search(rf'autodiag-download-{kind}"\s+download="[^"]+"\s+href="data:[^;]+;base64,([^"]+)"', html)
    assert match, f"no {kind} download link in {html[:200]!r}"
    return base64.b64decode(match.group(1))


def upload(widget, content: bytes, name: str = "respuestas.json") -> None:
    widget.value = ({"name": name, "type": "application/json", "size": len(content),
                     "content": memoryview(content),
                     "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)


def test_starts_on_the_welcome_screen(app):
    assert app.screen == WELCOME
    assert app.main.children == (app.welcome.root,)
    app.welcome.start.click()
    assert app.screen == app.rubric.components[0].id


def test_answering_sets_the_state(app, rubric):
    app.welcome.start.click()
    question = app.step("transparencia").questions[0]
    question.options.value = "parcial"
    question.note.value = "acta en la Gaceta"
    assert app.state.answers == {question.question.id: "parcial"}
    assert app.state.notes == {question.question.id: "acta en la Gaceta"}
    assert "autodiag-answered" in question.root._dom_classes


def test_moving_between_steps_keeps_answers(app):
    app.welcome.start.click()
    first = app.step("transparencia").questions[0]
    first.options.value = "si"
    app.step("transparencia").next.click()
    assert app.screen == "participacion"
    app.nav.buttons["innovacion"].click()
    app.nav.buttons["transparencia"].click()
    assert app.screen == "transparencia"
    assert first.options.value == "si"
    assert app.state.answers[first.question.id] == "si"
    app.step("transparencia").back.click()
    assert app.screen == WELCOME


def test_progress_counts_answered_questions(app, rubric):
    app.welcome.start.click()
    for question in app.step("transparencia").questions[:3]:
        question.options.value = "no"
    total = len(rubric.questions)
    assert app.progress.bar.value == 3 and app.progress.bar.max == total
    assert f"3 de {total}" in app.progress.text.value
    n = len(rubric.questions_of("transparencia"))
    assert app.nav.buttons["transparencia"].description.endswith(f"3/{n}")
    assert f"3 de {n}" in app.step("transparencia").counter.value


def test_unanswered_list_names_every_missing_question(app, rubric):
    app.welcome.start.click()
    answered = app.step("transparencia").questions[0]
    answered.options.value = "si"
    app.progress.toggle.value = True
    shown = re.findall(r'<li data-question="([^"]+)"', app.progress.panel.value)
    assert shown == [q.id for q in rubric.questions if q.id != answered.question.id]
    missing_tr = len(rubric.questions_of("transparencia")) - 1
    assert f"{missing_tr} sin responder" in app.progress.panel.value


def test_incomplete_questionnaire_warns_before_results(app, rubric):
    app.welcome.start.click()
    app.step("transparencia").questions[0].options.value = "si"
    app.nav.buttons[RESULTS].click()
    assert app.results.root.children == (app.results.incomplete,), "warned first"
    assert f"{len(rubric.questions) - 1} de {len(rubric.questions)}" in app.results.warning.value
    assert len(re.findall(r"<li data-question=", app.results.warning_list.value)) == len(rubric.questions) - 1
    app.results.back.click()
    assert app.screen == "transparencia"
    app.nav.buttons[RESULTS].click()
    app.results.see_anyway.click()
    assert app.results.root.children == (app.results.results,)
    assert "sin\nresponder" in app.results.summary.value or "sin responder" in app.results.summary.value


@pytest.mark.parametrize("option, level, risk", [("si", "avanzado", "bajo"), ("no", "basico", "alto")])
def test_results_show_level_and_risk_of_every_component(app, rubric, option, level, risk):
    answer_all(app, option)
    app.nav.buttons[RESULTS].click()
    assert app.results.root.children == (app.results.results,), "complete: no warning"
    html = app.results.summary.value + app.results.details.value
    for component in rubric.components:
        row = re.search(rf'data-component="{component.id}" data-level="(\w+)" data-risk="(\w+)"', html)
        assert row and row.groups() == (level, risk)
        assert component.name in html
    assert rubric.risk(risk).color in html and f">{rubric.risk(risk).name}<" in html, "a badge with its name"
    chart = app.results.chart.value
    assert chart.startswith("<svg") and 'role="img"' in chart, "the chart, inline, with its text alternative"
    diagnosis = app.state.diagnosis()
    for component in rubric.components:  # the text alternative states each component's score, level and risk
        said = rubric.texts.get("resultados.grafica_componente", nombre=component.name,
                                puntaje=round(diagnosis[component.id].score), nivel=rubric.tier(level).name,
                                riesgo=rubric.risk(risk).name)
        assert escape(said) in chart, said
    assert rubric.texts.get("consideraciones.titulo") in app.results.considerations.value
    for group in ("prioritarias", "pendientes", "siguientes"):
        assert rubric.texts.get(f"resultados.grupos.{group}") in app.results.details.value


def test_download_link_holds_the_answers_file(app, rubric):
    app.welcome.start.click()
    app.step("transparencia").questions[0].options.value = "nose"
    app.step("transparencia").questions[1].note.value = "pendiente de confirmar"
    app.files.label.value = "taller"
    loaded = autodiag.read_answers(data_url(app.files.answers_link.value, "respuestas"), rubric)
    assert loaded.answers.answers == app.state.answers
    assert loaded.answers.notes == app.state.notes
    assert loaded.answers.label == "taller"


def test_report_links_appear_with_results(app, rubric):
    assert "autodiag-download-html" not in app.files.report_links.value
    answer_all(app, "parcial")
    app.nav.buttons[RESULTS].click()
    report = data_url(app.files.report_links.value, "html").decode("utf-8")
    assert all(c.name in report for c in rubric.components)
    assert data_url(app.files.report_links.value, "pdf").startswith(b"%PDF")
    assert data_url(app.files.report_links.value, "csv").decode("utf-8").startswith("Tipo de renglón,Componente,")
    app.go("transparencia")
    app.step("transparencia").questions[0].options.value = "si"
    assert "autodiag-download-html" not in app.files.report_links.value, "stale reports are withdrawn"


def test_upload_restores_every_answer(app, rubric):
    profile = {q.id: ("si", "parcial", "no", "nose")[i % 4] for i, q in enumerate(rubric.questions)}
    notes = {rubric.questions[0].id: "nota"}
    app.welcome.start.click()
    upload(app.files.resume, autodiag.new_answers(rubric, profile, notes, "anterior").to_bytes())
    assert app.state.answers == profile and app.state.notes == notes
    assert app.files.label.value == "anterior"
    for component in rubric.components:
        for question in app.step(component.id).questions:
            assert question.options.value == profile[question.question.id]
    assert app.step("transparencia").questions[0].note.value == "nota"
    assert app.progress.bar.value == len(rubric.questions)
    assert "autodiag-ok" in app.files.message.value
    assert app.files.resume.value == (), "cleared, so the same file can be chosen again"


def test_broken_upload_shows_one_message_and_keeps_answers(app, rubric):
    app.welcome.start.click()
    question = app.step("transparencia").questions[0]
    question.options.value = "si"
    upload(app.files.resume, b"{esto no es json")
    with pytest.raises(autodiag.AnswersFileError) as refused:
        autodiag.read_answers(b"{esto no es json", rubric)
    assert refused.value.message in app.files.message.value.replace("&#34;", '"')
    assert 'role="alert"' in app.files.message.value
    assert app.state.answers == {question.question.id: "si"}
    assert question.options.value == "si"


def test_file_of_another_rubric_version_shows_notices(app, rubric):
    doc = json.loads(autodiag.new_answers(rubric, {rubric.questions[0].id: "si"}).to_bytes())
    doc["rubric_version"] = "0.9"
    upload(app.files.resume, json.dumps(doc).encode())
    assert app.state.answers == {rubric.questions[0].id: "si"}
    assert "0.9" in app.files.message.value


def test_earlier_diagnosis_is_compared(app, rubric):
    answer_all(app, "si")
    upload(app.files.previous, autodiag.new_answers(rubric, {q.id: "no" for q in rubric.questions}).to_bytes())
    assert app.state.answers == {q.id: "si" for q in rubric.questions}, "comparing does not touch the answers"
    app.nav.buttons[RESULTS].click()
    html = app.results.comparison.html.value
    assert rubric.texts.get("reporte.comparacion") in html
    assert html.count('class="autodiag-change">+100<') == len(rubric.components)


def test_broken_content_shows_one_spanish_message(content_copy):
    (content_copy / "preguntas.yaml").write_text("transparencia: [", encoding="utf-8")
    view = build_app(content_copy)
    assert isinstance(view, MessageView)
    assert "python -m autodiag validate" in view.text and "Traceback" not in view.text


def test_adapted_rubric_is_read_from_the_environment(content_copy, monkeypatch):
    path = content_copy / "textos.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "comenzar: Comenzar el autodiagnóstico", "comenzar: Empezar ahora"), encoding="utf-8")
    monkeypatch.setenv("AUTODIAG_CONTENT", str(content_copy))
    view = build_app()
    assert view.welcome.start.description == "Empezar ahora"
    view.close()


def test_every_text_the_app_reads_is_in_the_content(rubric):
    from pathlib import Path

    package = Path(autodiag.__file__).parent
    sources = [*package.joinpath("app").glob("*.py"), package / "view.py"]
    source = "".join(p.read_text(encoding="utf-8") for p in sources)
    used = set(re.findall(r'(?:get|raw)\("([a-z_]+\.[a-z_.]+)"', source))
    assert {"app.comenzar", "interfaz.caracteres_restantes", "resultados.nivel"} <= used
    assert all(rubric.texts.has(key) for key in used), sorted(k for k in used if not rubric.texts.has(k))


def test_first_screen_does_not_import_heavy_libraries():
    code = "from autodiag.app import build_app; app = build_app(); app.welcome.start.click()"
    assert loaded_after(code, ("pandas", "matplotlib", "typst")) == []
