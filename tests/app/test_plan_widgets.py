"""«Mi plan de acción» in the app (issue 14, item 1), at the widget level: adding recommendations
(once), an own action, editing every field, removing, the limits, and the plan's round trip through
the downloaded answers file (the browser tests: tests/browser/test_plan_browser.py)."""

from __future__ import annotations

import base64
import html
import io
import re
from datetime import UTC, datetime

import pytest

import autodiag
from autodiag.app import App
from autodiag.app.limits import limits_script
from autodiag.app.questionnaire import RESULTS
from autodiag.plan import MAX_ACTIONS, MAX_AREA_CHARS, MAX_TEXT_CHARS, Action, Estado, Plazo, Prioridad


def upload(widget, content: bytes, name: str = "respuestas.json") -> None:
    widget.value = ({"name": name, "type": "application/json", "size": len(content),
                     "content": memoryview(content), "last_modified": datetime(2025, 1, 1, tzinfo=UTC)},)


def data_url(fragment: str, kind: str) -> bytes:
    match = re.search(rf'autodiag-download-{kind}"\s+download="[^"]+"\s+href="data:[^;]+;base64,([^"]+)"', fragment)
    assert match, f"no {kind} download link in {fragment[:200]!r}"
    return base64.b64decode(match.group(1))


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def profile(rubric) -> dict[str, str]:
    """Every question answered, with gaps in every component (so each has recommendations)."""
    cycle = ("si", "parcial", "no", "nose")
    return {q.id: cycle[i % len(cycle)] for i, q in enumerate(rubric.questions)}


def at_results(app: App, rubric, plan: tuple[Action, ...] = ()) -> None:
    """The app showing the results of a resumed file (every question answered)."""
    upload(app.files.resume, autodiag.new_answers(rubric, profile(rubric), plan=plan).to_bytes())
    assert app.screen == RESULTS, "a complete file lands on the results"


def saved(app: App, rubric) -> autodiag.LoadedAnswers:
    return autodiag.read_answers(data_url(app.files.answers_link.value, "respuestas"), rubric)


def test_the_plan_appears_with_the_results_and_every_recommendation_shown_can_be_added(app, rubric):
    assert app.plan.root.layout.display == "none", "no plan before the results"
    at_results(app, rubric)
    assert app.plan.root.layout.display == ""
    assert app.results.view is not None
    shown = {r.id for c in app.results.view.components for r in c.recommendations}
    assert shown, "the profile leaves recommendations"
    offered = {row.id for c in app.plan._lists.values() for row in app.plan._rows.values()
               if row.root in c.children}
    assert offered == shown, "each recommendation shown has its «Agregar al plan»"
    assert all(row.button.description == rubric.texts.get("mi_plan.agregar") for row in app.plan._rows.values())
    considerations = text_of(app.plan.considerations.value)
    assert rubric.texts.get("consideraciones.titulo") in considerations, "the considerations stand beside the plan"
    assert rubric.texts.list("consideraciones.puntos")[0].split()[0] in considerations
    assert rubric.texts.get("mi_plan.privacidad").split(":")[0] in text_of(app.plan.root.children[1].value)


def test_a_recommendation_is_added_with_its_words_and_only_once(app, rubric):
    at_results(app, rubric)
    rec_id = next(iter(app.plan._rows))
    rec = next(r for r in rubric.recommendations if r.id == rec_id)
    row = app.plan._rows[rec_id]
    row.button.click()
    (action,) = app.state.plan
    assert (action.text, action.recommendation, action.component, action.tier) == (
        rec.full_text, rec.id, rec.component, rec.tier)
    assert row.button.description == rubric.texts.get("mi_plan.en_el_plan") and row.button.disabled
    app.plan.add_recommendation(rec_id)  # a second click that got through
    assert len(app.state.plan) == 1, "never added twice"
    card = app.plan.cards[action.id]
    assert card.fields["text"].box.value == rec.full_text, "the text starts from the recommendation's words"
    assert "component" not in card.choices, "a recommendation's component and tier are fixed"
    assert rec.id in text_of(card.header.value)


def test_every_field_of_an_action_is_edited_and_the_original_stays_linked(app, rubric):
    at_results(app, rubric)
    rec_id = next(iter(app.plan._rows))
    app.plan.add_recommendation(rec_id)
    card = app.plan.cards["a1"]
    card.fields["text"].box.value = "  Aprobar el reglamento en la sesión de Cabildo de marzo  "
    card.fields["area"].box.value = "Unidad de Transparencia"
    card.fields["indicador"].box.value = "Reglamento publicado en la Gaceta Municipal"
    card.fields["nota"].box.value = "Revisar con la Sindicatura"
    card.choices["plazo"].value = "corto"
    card.choices["prioridad"].value = "alta"
    card.choices["estado"].value = "en_curso"
    (action,) = app.state.plan
    assert action == Action(id="a1", text="Aprobar el reglamento en la sesión de Cabildo de marzo",
                            recommendation=rec_id, component=action.component, tier=action.tier,
                            area="Unidad de Transparencia", plazo=Plazo.CORTO, prioridad=Prioridad.ALTA,
                            indicador="Reglamento publicado en la Gaceta Municipal", estado=Estado.EN_CURSO,
                            nota="Revisar con la Sindicatura")
    assert saved(app, rubric).answers.plan == app.state.plan, "the answers link follows every edit"


def test_an_empty_action_text_is_refused_and_the_previous_one_kept(app, rubric):
    at_results(app, rubric)
    app.plan.add_recommendation(next(iter(app.plan._rows)))
    card = app.plan.cards["a1"]
    before = app.state.plan[0].text
    card.fields["text"].box.value = "   "
    assert app.state.plan[0].text == before
    assert rubric.texts.get("mi_plan.texto_vacio") in text_of(card.fields["text"].problem.value)
    assert saved(app, rubric).answers.plan[0].text == before, "the file never holds an action without text"


def test_an_own_action_needs_a_text_and_takes_a_chosen_component_and_tier(app, rubric):
    at_results(app, rubric)
    app.plan.add_own.click()
    assert app.state.plan == ()
    assert rubric.texts.get("mi_plan.propia_vacia") in text_of(app.plan.new_text.problem.value)
    app.plan.new_text.box.value = "Publicar el calendario de sesiones de Cabildo"
    app.plan.add_own.click()
    (action,) = app.state.plan
    assert (action.text, action.recommendation, action.component, action.tier) == (
        "Publicar el calendario de sesiones de Cabildo", None, "", "")
    assert app.plan.new_text.box.value == "", "the box is ready for the next one"
    card = app.plan.cards[action.id]
    assert rubric.texts.get("plan.propia") in text_of(card.header.value)
    card.choices["component"].value = "participacion"
    card.choices["tier"].value = "intermedio"
    assert (app.state.plan[0].component, app.state.plan[0].tier) == ("participacion", "intermedio")


def test_removing_an_action_gives_the_recommendation_its_button_back(app, rubric):
    at_results(app, rubric)
    first, second = list(app.plan._rows)[:2]
    app.plan.add_recommendation(first)
    app.plan.add_recommendation(second)
    assert [c.action_id for c in app.plan.cards.values()] == ["a1", "a2"]
    app.plan.cards["a1"].remove.click()
    assert [a.recommendation for a in app.state.plan] == [second]
    assert list(app.plan.cards) == ["a2"] and len(app.plan.actions.children) == 1
    assert not app.plan._rows[first].button.disabled
    assert app.plan._rows[first].button.description == rubric.texts.get("mi_plan.agregar")
    assert rubric.texts.get("mi_plan.accion", n=1) in text_of(app.plan.cards["a2"].header.value), "renumbered"
    app.plan.add_recommendation(first)
    assert [a.id for a in app.state.plan] == ["a2", "a1"], "a new action takes a free id"


def test_text_over_its_limit_is_not_kept_and_the_count_says_by_how_much(app, rubric):
    t = rubric.texts
    at_results(app, rubric)
    app.plan.add_recommendation(next(iter(app.plan._rows)))
    area = app.plan.cards["a1"].fields["area"]
    area.box.value = "Contraloría"
    area.box.value = "x" * (MAX_AREA_CHARS + 3)
    assert text_of(area.counter.root.value) == t.get("interfaz.caracteres_de_mas", n=3, maximo=MAX_AREA_CHARS)
    assert app.state.plan[0].area == "Contraloría", "the last text that fits is kept"
    area.box.value = "😀" * MAX_AREA_CHARS  # characters, as the reader counts them
    assert app.state.plan[0].area == "😀" * MAX_AREA_CHARS
    text = app.plan.cards["a1"].fields["text"]
    text.box.value = "y" * (MAX_TEXT_CHARS + 1)
    assert app.state.plan[0].text != "y" * (MAX_TEXT_CHARS + 1)
    assert saved(app, rubric).answers.plan == app.state.plan


def test_the_page_keeps_the_plan_boxes_to_their_limits(rubric):
    script = limits_script(rubric.texts, "")
    for key, limit in (("text", MAX_TEXT_CHARS), ("area", MAX_AREA_CHARS)):
        assert f'"selector": ".autodiag-plan-field-{key} ' in script and f'"limit": {limit}' in script


def test_a_removed_action_comes_back_with_undo_where_it_was_with_all_that_was_typed(app, rubric):
    at_results(app, rubric)
    first, second, third = list(app.plan._rows)[:3]
    for rec_id in (first, second, third):
        app.plan.add_recommendation(rec_id)
    assert app.plan.undo_box.layout.display == "none", "nothing removed: nothing to undo"
    card = app.plan.cards["a2"]
    card.fields["area"].box.value = "Contraloría Municipal"
    card.fields["nota"].box.value = "Acordado con Planeación"
    card.choices["estado"].value = "en_curso"
    typed = app.state.plan[1]
    card.remove.click()
    assert [a.id for a in app.state.plan] == ["a1", "a3"]
    assert app.plan.undo_box.layout.display == ""
    shown = text_of(app.plan.removed_text.value)
    assert shown.startswith("Se quitó del plan la acción «") and typed.text[:40] in shown
    assert saved(app, rubric).answers.plan == app.state.plan, "the file follows the removal"
    app.plan.undo.click()
    assert app.state.plan[1] == typed, "back in its place, with its área, nota and estado"
    assert [a.id for a in app.state.plan] == ["a1", "a2", "a3"]
    assert app.plan.undo_box.layout.display == "none"
    assert saved(app, rubric).answers.plan == app.state.plan


def test_undo_gives_a_new_id_if_its_own_was_taken_and_is_withdrawn_when_it_no_longer_applies(app, rubric):
    at_results(app, rubric)
    first, second = list(app.plan._rows)[:2]
    app.plan.add_recommendation(first)
    app.plan.cards["a1"].remove.click()
    app.plan.add_recommendation(second)  # takes the free id a1
    app.plan.undo.click()
    assert [(a.id, a.recommendation) for a in app.state.plan] == [("a2", first), ("a1", second)]
    app.plan.cards["a2"].remove.click()
    app.plan.add_recommendation(first)  # added again by hand: nothing left to put back
    assert app.plan.undo_box.layout.display == "none"
    app.plan.cards["a1"].remove.click()
    assert app.plan.undo_box.layout.display == ""
    upload(app.files.resume, autodiag.new_answers(rubric, profile(rubric)).to_bytes())
    app.files.replace.click()  # resuming over answers asks first
    assert app.plan.undo_box.layout.display == "none", "another file's plan: the removed action was of the old one"


def test_a_full_plan_offers_no_more_additions(app, rubric):
    plan = tuple(Action(id=f"p{i}", text=f"Acción {i}") for i in range(MAX_ACTIONS - 1))
    at_results(app, rubric, plan)
    assert len(app.plan.cards) == MAX_ACTIONS - 1
    app.plan.new_text.box.value = "La última"
    app.plan.add_own.click()
    assert len(app.state.plan) == MAX_ACTIONS
    assert app.plan.add_own.disabled
    assert all(row.button.disabled for row in app.plan._rows.values())
    assert rubric.texts.get("mi_plan.lleno", maximo=MAX_ACTIONS) in text_of(app.plan.count.value)
    assert not app.state.set_plan((*app.state.plan, Action(id="extra", text="una más")))
    app.plan.add_recommendation(next(iter(app.plan._rows)))
    assert len(app.state.plan) == MAX_ACTIONS


def test_the_plan_goes_round_the_answers_file_into_a_new_page(app, rubric):
    at_results(app, rubric)
    first, second = list(app.plan._rows)[:2]
    app.plan.add_recommendation(first)
    app.plan.add_recommendation(second)
    app.plan.new_text.box.value = "Capacitar a las áreas en datos abiertos «ñ» 😀"
    app.plan.add_own.click()
    card = app.plan.cards["a3"]
    card.choices["component"].value = "innovacion"
    card.fields["nota"].box.value = "Con apoyo del instituto estatal"
    app.plan.cards["a1"].choices["estado"].value = "cumplida"
    file = data_url(app.files.answers_link.value, "respuestas")
    plan = app.state.plan

    other = autodiag.app.build_app()
    try:
        upload(other.files.resume, file)
        assert other.state.plan == plan, "the same plan comes back"
        assert other.screen == RESULTS and other.plan.root.layout.display == ""
        assert [c.action_id for c in other.plan.cards.values()] == ["a1", "a2", "a3"]
        assert other.plan.cards["a3"].choices["component"].value == "innovacion"
        assert other.plan.cards["a1"].choices["estado"].value == "cumplida"
        assert other.plan._rows[first].button.disabled and other.plan._rows[second].button.disabled
        assert data_url(other.files.answers_link.value, "respuestas") != b""
        assert saved(other, rubric).answers.plan == plan
    finally:
        other.close()


def test_the_reports_and_the_workbook_follow_the_plan(app, rubric):
    from openpyxl import load_workbook

    at_results(app, rubric)
    app.plan.add_recommendation(next(iter(app.plan._rows)))
    app.plan.cards["a1"].fields["area"].box.value = "Dirección de Planeación"
    links = app.files.report_links.value
    for kind in ("html", "pdf", "csv", "xlsx"):
        assert f"autodiag-download-{kind}" in links, f"the {kind} link stays while the plan is edited"
    assert "Dirección de Planeación" in data_url(links, "html").decode("utf-8")
    assert "Dirección de Planeación" in data_url(links, "csv").decode("utf-8")
    book = load_workbook(io.BytesIO(data_url(links, "xlsx")))
    assert book.sheetnames == [rubric.texts.get("plan.hoja_plan"), rubric.texts.get("plan.hoja_diagnostico")]
    row = [c.value for c in book[rubric.texts.get("plan.hoja_plan")][2]]
    assert row[0] == "a1" and "Dirección de Planeación" in row
    app.plan.cards["a1"].remove.click()
    assert "Dirección de Planeación" not in data_url(app.files.report_links.value, "html").decode("utf-8")


def test_resuming_over_a_plan_alone_asks_first(app, rubric):
    at_results(app, rubric)
    app.plan.add_recommendation(next(iter(app.plan._rows)))
    app.state.answers.clear()  # a page whose only work is its plan (answers cleared behind the views' back)
    assert app.state.plan and not app.state.answers
    upload(app.files.resume, autodiag.new_answers(rubric, profile(rubric)).to_bytes(), "otro.json")
    assert app.files.confirm.layout.display == "", "a plan is work to lose: the page asks"
    app.files.cancel.click()
    assert len(app.state.plan) == 1


@pytest.mark.parametrize("field", ["text", "area", "indicador", "nota"])
def test_a_file_with_a_lone_surrogate_in_the_plan_still_shows_and_round_trips(app, rubric, field):
    odd = "antes \ud800 después"
    action = Action(**{"id": "a1", "text": "Acción", field: odd})
    at_results(app, rubric, (action,))
    box = app.plan.cards["a1"].fields[field].box
    assert "\ufffd" in box.value, "the box shows what the page can"
    assert app.state.plan == (action,), "showing it changed nothing"
    assert saved(app, rubric).answers.plan == (action,)


def test_a_resumed_file_replaces_the_plan_shown(app, rubric):
    at_results(app, rubric)
    rec_id = next(iter(app.plan._rows))
    app.plan.add_recommendation(rec_id)  # a1, from a recommendation
    own = (Action(id="a1", text="Una acción propia", component="innovacion"),)
    upload(app.files.resume, autodiag.new_answers(rubric, profile(rubric), plan=own).to_bytes())
    app.files.replace.click()
    assert app.state.plan == own
    card = app.plan.cards["a1"]
    assert card.own and card.choices["component"].value == "innovacion", "the card is the file's own action"
    assert card.fields["text"].box.value == "Una acción propia"
    assert not app.plan._rows[rec_id].button.disabled, "its recommendation can be added again"
