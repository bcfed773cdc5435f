"""«Mi plan de acción» in a real page (issue 14, items 1 and 6): an official resumes a diagnosis,
adds two recommendations and an action of her own to the plan, sets plazo, prioridad and estado,
downloads the workbook (opened here with openpyxl) and the answers file, and sees the same plan come
back in a new page from that file. Also: reachable with the keyboard, nothing wider than a phone.

The waits are the page's own (selectors, the links' contents): never a sleep or a timed assert.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from playwright.sync_api import expect

import autodiag
from autodiag.view import PLAN_COLUMNS

from .app_page import AppPage, known_profile

pytestmark = pytest.mark.browser

LINK_HOLDS = ("([selector, text]) => { const a = document.querySelector(selector);"
              " return !!a && new TextDecoder().decode(Uint8Array.from(atob(a.href.split(',')[1]),"
              " c => c.charCodeAt(0))).includes(text); }")
OWN = "Publicar el calendario de sesiones de Cabildo abierto"
AREA = "Dirección de Planeación"


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def at_results(app: AppPage, rubric) -> None:
    """Open the page and resume a complete diagnosis: it lands on the results, the plan below them."""
    app.open()
    app.upload("resume", "respuestas.json", autodiag.new_answers(rubric, known_profile(rubric)).to_bytes())
    expect(app.page.locator(".autodiag-summary-participacion")).to_have_attribute("data-risk", "alto")
    expect(app.page.locator(".autodiag-plan")).to_be_visible()


def recommendations(rubric) -> tuple[str, str]:
    """The first recommendation the known profile shows in participacion and in rendicion_cuentas."""
    diagnosis = autodiag.score(rubric, known_profile(rubric))
    first = next(iter(diagnosis["participacion"].recommendations)).id
    second = next(iter(diagnosis["rendicion_cuentas"].recommendations)).id
    return first, second


def add(app: AppPage, component: str, rec_id: str) -> None:
    toggle = app.page.locator(f".autodiag-plan-toggle-{component}")
    listing = app.page.locator(f".autodiag-plan-recs-{component}")
    if not listing.is_visible():
        toggle.click()
    button = app.page.locator(f".autodiag-plan-add-{rec_id}")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text(app.rubric.texts.get("mi_plan.en_el_plan"))
    expect(button).to_be_disabled()


def choose(app: AppPage, action: str, key: str, label: str) -> None:
    app.page.locator(f".autodiag-action-{action} .autodiag-plan-{key} select").select_option(label=label)


def plan_screenshot(app: AppPage, folder) -> None:
    """The plan section, whole, at the current width (the page made as tall as the app first)."""
    width = app.page.viewport_size["width"]
    height = app.page.evaluate(
        "() => Math.max(document.querySelector('#rendered_cells')?.scrollHeight || 0, document.body.scrollHeight)")
    app.page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    box = app.page.locator(".autodiag-plan").bounding_box()
    app.page.screenshot(path=str(folder / f"plan-{width}.png"), clip=box, full_page=True)
    app.page.set_viewport_size({"width": width, "height": 900})


def test_an_official_builds_a_plan_downloads_it_and_finds_it_again(app, rubric, context, voila_server, screenshots):
    from openpyxl import load_workbook

    t = rubric.texts
    first, second = recommendations(rubric)
    at_results(app, rubric)
    expect(app.page.locator(".autodiag-plan-considerations")).to_contain_text(t.get("consideraciones.titulo"))
    expect(app.page.locator(".autodiag-plan")).to_contain_text(t.get("mi_plan.privacidad"))

    add(app, "participacion", first)
    expect(app.page.locator(".autodiag-action-a1")).to_be_visible()
    add(app, "rendicion_cuentas", second)
    expect(app.page.locator(".autodiag-action-a2")).to_be_visible()
    app.page.locator(".autodiag-plan-new textarea").fill(OWN)
    app.page.locator(".autodiag-plan-add-own").click()
    own = app.page.locator(".autodiag-action-a3")
    expect(own).to_be_visible()
    expect(own).to_contain_text(t.get("plan.propia"))
    expect(app.page.locator(".autodiag-plan-count")).to_contain_text(t.get("mi_plan.conteo", n=3, maximo=50))

    choose(app, "a1", "plazo", t.get("plan.plazos.corto"))
    choose(app, "a1", "prioridad", t.get("plan.prioridades.alta"))
    choose(app, "a2", "estado", t.get("plan.estados.en_curso"))
    choose(app, "a3", "component", rubric.component("participacion").name)
    choose(app, "a3", "plazo", t.get("plan.plazos.largo"))
    choose(app, "a3", "estado", t.get("plan.estados.cumplida"))
    area = app.page.locator(".autodiag-action-a1 .autodiag-plan-field-area input")
    area.fill(AREA)
    area.press("Tab")
    # every edit above reached the kernel once the reports (rebuilt after each edit, in order) hold the last
    app.page.wait_for_function(LINK_HOLDS, arg=[".autodiag-download-html", AREA])
    for component in ("participacion", "rendicion_cuentas"):  # the lists folded, for the picture
        app.page.locator(f".autodiag-plan-toggle-{component}").click()
        expect(app.page.locator(f".autodiag-plan-recs-{component}")).to_be_hidden()
    plan_screenshot(app, screenshots)

    # the workbook
    _, data = app.download("xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [t.get("plan.hoja_plan"), t.get("plan.hoja_diagnostico")]
    sheet = book[t.get("plan.hoja_plan")]
    assert [c.value for c in sheet[1]] == [*(t.get(f"plan.columnas.{key}") for key in PLAN_COLUMNS),
                                           t.get("seguimiento.columnas.seguimiento")], "Spanish headers"
    assert sheet.freeze_panes == "A2"
    lists = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in sheet.data_validations.dataValidation}
    column = {key: chr(ord("A") + PLAN_COLUMNS.index(key)) for key in ("plazo", "prioridad", "estado")}
    assert set(lists) == set(column.values()), "drop-downs for plazo, prioridad and estado"
    assert t.get("plan.plazos.corto") in lists[column["plazo"]]
    assert t.get("plan.estados.cumplida") in lists[column["estado"]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=4)]
    col = {key: i for i, key in enumerate(PLAN_COLUMNS)}
    assert [r[col["id"]] for r in rows] == ["a1", "a2", "a3"]
    assert [r[col["recomendacion"]] for r in rows] == [first, second, t.get("plan.propia")]
    assert rows[0][col["area"]] == AREA
    assert (rows[0][col["plazo"]], rows[0][col["prioridad"]]) == (t.get("plan.plazos.corto"),
                                                                  t.get("plan.prioridades.alta"))
    assert rows[1][col["estado"]] == t.get("plan.estados.en_curso")
    assert (rows[2][col["accion"]], rows[2][col["componente"]], rows[2][col["estado"]]) == (
        OWN, rubric.component("participacion").name, t.get("plan.estados.cumplida"))
    assert sheet.cell(row=5, column=1).value is None, "three actions, three rows"
    diagnosis = book[t.get("plan.hoja_diagnostico")]
    assert [r[0].value for r in diagnosis.iter_rows(min_row=2)] == [c.name for c in rubric.components]

    # the answers file carries the plan
    _, data = app.download("respuestas")
    saved = json.loads(data)
    assert saved["schema_version"] == 2
    plan = saved["plan"]
    assert [(a["id"], a["recommendation"]) for a in plan] == [("a1", first), ("a2", second), ("a3", None)]
    assert (plan[0]["plazo"], plan[0]["prioridad"], plan[0]["area"]) == ("corto", "alta", AREA)
    assert plan[1]["estado"] == "en_curso"
    assert (plan[2]["text"], plan[2]["component"], plan[2]["plazo"], plan[2]["estado"]) == (
        OWN, "participacion", "largo", "cumplida")

    # a new page, the file uploaded: the same plan
    again = AppPage(context.new_page(), voila_server, rubric)
    again.open()
    again.upload("resume", "respuestas.json", data)
    for action in ("a1", "a2", "a3"):
        expect(again.page.locator(f".autodiag-action-{action}")).to_be_visible()
    expect(again.page.locator(".autodiag-action-a1 .autodiag-plan-field-area input")).to_have_value(AREA)
    expect(again.page.locator(".autodiag-action-a1 .autodiag-plan-plazo select")).to_have_value(
        again.page.locator(".autodiag-action-a1 .autodiag-plan-plazo option", has_text=t.get("plan.plazos.corto"))
        .get_attribute("value"))
    expect(again.page.locator(".autodiag-action-a3 .autodiag-plan-field-text textarea")).to_have_value(OWN)
    again.page.locator(".autodiag-plan-toggle-participacion").click()
    expect(again.page.locator(f".autodiag-plan-add-{first}")).to_have_text(t.get("mi_plan.en_el_plan"))
    _, data_again = again.download("respuestas")
    assert json.loads(data_again)["plan"] == plan, "the plan went round the file unchanged"


def test_the_plan_works_by_keyboard_at_phone_width_and_is_never_lost(app, rubric, screenshots):
    first, _ = recommendations(rubric)
    app.page.set_viewport_size({"width": 400, "height": 900})
    at_results(app, rubric)
    app.download("respuestas")  # saved: leaving now would ask nothing
    toggle = app.page.locator(".autodiag-plan-toggle-participacion")
    toggle.focus()
    app.page.keyboard.press("Enter")
    button = app.page.locator(f".autodiag-plan-add-{first}")
    expect(button).to_be_visible()
    # every «Agregar al plan» has the same visible name: a screen reader also hears which recommendation
    text = next(r.text for r in rubric.recommendations if r.id == first)
    expect(button).to_have_accessible_description(re.compile(re.escape(text[:60])))
    button.focus()
    app.page.keyboard.press("Enter")
    expect(app.page.locator(".autodiag-action-a1")).to_be_visible()
    width = app.page.evaluate("() => document.querySelector('.autodiag-plan').scrollWidth")
    assert width <= 400, f"the plan is {width} px wide at a phone's width"
    plan_screenshot(app, screenshots)
    with app.page.expect_event("dialog") as asked:  # only the plan changed since the download
        app.page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()  # she stays, types the área and downloads at once: the file holds it
    app.page.locator(".autodiag-action-a1 .autodiag-plan-field-area input").fill("Contraloría Municipal")
    _, data = app.download("respuestas")
    assert json.loads(data)["plan"][0]["area"] == "Contraloría Municipal"
    # a slip of the keyboard: «Quitar del plan»; the focus is on «Deshacer», which brings the action back as it was
    remove = app.page.locator(".autodiag-action-a1 .autodiag-plan-remove")
    remove.focus()
    app.page.keyboard.press("Enter")
    expect(app.page.locator(".autodiag-action-a1")).to_have_count(0)
    undo = app.page.locator(".autodiag-plan-undo-button")
    expect(undo).to_be_focused()
    expect(app.page.locator(".autodiag-plan-undo")).to_contain_text("Se quitó del plan la acción")
    app.page.locator(".autodiag-plan-undo").screenshot(path=str(screenshots / "plan-deshacer-400.png"))
    app.page.keyboard.press("Enter")
    area = app.page.locator(".autodiag-action-a1 .autodiag-plan-field-area input")
    expect(area).to_have_value("Contraloría Municipal")
    expect(app.page.locator(".autodiag-plan-count")).to_be_focused()
    expect(undo).to_be_hidden()
