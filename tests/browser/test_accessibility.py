"""WCAG 2.1 AA on every screen: axe-core (the `axe-playwright-python` package) on the welcome, a
step, the list of unanswered questions, the incomplete warning, the results and the comparison,
at a desktop width and at a phone's (400 px), with a screenshot of each screen at each width in
screenshots/. No serious or critical violation; the moderate and minor ones left are printed (the
README names them). At 400 px the navigation is one row, no option wraps alone, and the incomplete
warning's actions come before its list, whose questions are buttons that go to the question.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import autodiag

from .app_page import AppPage
from .server import REPO

pytestmark = pytest.mark.browser

EARLIER = REPO / "tests/fixtures/answers/rubrica-1.0/completo-con-notas.json"
"""An earlier diagnosis (a file of rubric 1.0) to compare with."""
BLOCKING = ("serious", "critical")


@pytest.fixture
def app(page, voila_server, rubric) -> AppPage:
    return AppPage(page, voila_server, rubric)


def axe_check(app: AppPage, screen: str, found: dict, exclude: tuple[str, ...] = ()) -> None:
    """Run axe on the page as it is; fail on a serious or critical violation; keep the rest in `found`."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(app.page, context=context)
    blocking = []
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]]
        if violation["impact"] in BLOCKING:
            blocking.append(f'{violation["id"]} ({violation["impact"]}): {violation["help"]} {targets[:5]}')
        else:
            found.setdefault(screen, []).append(f'{violation["id"]} ({violation["impact"]}, {len(targets)})')
    assert not blocking, f"axe on the {screen}:\n" + "\n".join(blocking)
    found.setdefault(screen, [])


@pytest.mark.parametrize("width", [1280, 400])
def test_every_screen_passes_axe(app, rubric, screenshots, width):
    found: dict[str, list[str]] = {}
    app.page.set_viewport_size({"width": width, "height": 900})
    app.open()
    axe_check(app, "bienvenida", found)
    app.screenshot(screenshots, "a11y-bienvenida")

    app.start()
    step = app.page.locator(".autodiag-step-transparencia")
    expect(step.locator("[role=radiogroup]")).to_have_count(len(rubric.questions_of("transparencia")))
    first = rubric.questions[0]
    group = app.page.locator(f".autodiag-q-{first.id} [role=radiogroup]")
    expect(group).to_have_accessible_name(f"{rubric.texts.get('app.pregunta_numero', n=1)} {first.text}")
    app.option(first.id, "si").check()
    app.expect_progress(1)
    axe_check(app, "paso", found)
    app.screenshot(screenshots, "a11y-paso")
    app.page.locator(".autodiag-step-transparencia .autodiag-details-toggle").click()  # the help and notes open
    expect(app.page.locator(f".autodiag-q-{first.id} .autodiag-help")).to_be_visible()
    axe_check(app, "paso con ayuda", found)
    app.screenshot(screenshots, "a11y-paso-ayuda")

    app.page.locator(".autodiag-unanswered-toggle").click()
    expect(app.page.locator(".autodiag-unanswered-panel .autodiag-goto").first).to_be_visible()
    axe_check(app, "preguntas sin responder", found)
    app.screenshot(screenshots, "a11y-pendientes")
    app.page.locator(".autodiag-unanswered-toggle").click()

    app.go("resultados")
    warning = app.page.locator(".autodiag-incomplete")
    expect(warning.locator("h2")).to_be_focused()
    axe_check(app, "aviso de cuestionario incompleto", found)
    app.screenshot(screenshots, "a11y-incompleto")
    actions = warning.locator(".autodiag-see-anyway").bounding_box()
    listed = warning.locator(".autodiag-goto").first.bounding_box()
    assert actions["y"] < listed["y"], "the actions come before the list of missing questions"
    assert actions["y"] + actions["height"] <= 900, "the actions are on the first screen"

    profile = {q.id: "parcial" for q in rubric.questions}
    app.upload("resume", "respuestas.json", autodiag.new_answers(rubric, profile).to_bytes())
    app.page.locator(".autodiag-resume-replace").click()  # the page has an answer: it asks first
    app.expect_progress(len(profile))
    app.go("resultados")
    expect(app.page.locator(".autodiag-results-body h1")).to_be_focused()
    expect(app.page.locator(".autodiag-download-pdf")).to_be_visible()
    axe_check(app, "resultados", found)
    chart = app.page.locator(".autodiag-chart svg[role=img]")
    alternative = chart.locator("desc").text_content() or ""
    for component in rubric.components:  # the chart in words: each component's name and level
        assert component.name in alternative or component.short_name in alternative, alternative
    app.screenshot(screenshots, "a11y-resultados")

    app.upload("compare", EARLIER.name, EARLIER.read_bytes())
    expect(app.page.locator(".autodiag-comparison")).to_be_visible()
    axe_check(app, "comparación", found)
    app.screenshot(screenshots, "a11y-comparacion")
    print(f"\naxe at {width} px, moderate and minor left:", found)


RING = ("() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }")
DARK_BLUE_RING = ["solid", "3px", "rgb(13, 71, 161)"]
"""The focus ring: 3 px of #0d47a1 (8.6:1 on white; a white ring inside it on the blue buttons)."""


def test_phone_layout_keeps_questions_and_actions_in_reach(app, rubric):
    app.page.set_viewport_size({"width": 400, "height": 900})
    app.open()
    app.page.keyboard.press("Tab")
    expect(app.page.locator(".autodiag-start")).to_be_focused()
    assert app.page.evaluate(RING) == DARK_BLUE_RING, "the blue start button shows the focus ring"
    app.page.keyboard.press("Enter")
    expect(app.page.locator(".autodiag-step-transparencia h2")).to_be_focused()
    app.page.keyboard.press("Tab")
    expect(app.page.locator(".autodiag-step-transparencia .autodiag-details-toggle")).to_be_focused()
    assert app.page.evaluate(RING) == DARK_BLUE_RING
    app.page.keyboard.press("Tab")
    expect(app.page.locator(f".autodiag-q-{rubric.questions[0].id} input[type=radio]").first).to_be_focused()
    assert app.page.evaluate(RING) == DARK_BLUE_RING, "a radio shows the focus ring"
    nav = app.page.locator(".autodiag-nav").bounding_box()
    button = app.page.locator(".autodiag-nav-resultados").bounding_box()
    assert nav["height"] < 2 * button["height"] + 20, f"the navigation is one row at 400 px ({nav['height']} px)"
    first = rubric.questions[0]
    no, unknown = (app.page.locator(f".autodiag-q-{first.id} .widget-radio-box label").filter(
        has_text=app.labels[option]).first.bounding_box() for option in ("no", "nose"))
    assert abs(no["y"] - unknown["y"]) < 2, "«No sé» shares its row with «No»"
    assert unknown["height"] < 40, "«No sé» does not break inside"
    note = app.note(first.id)
    fits = note.evaluate("""box => { const text = box.value; box.value = box.placeholder;
        const fits = box.scrollHeight <= box.clientHeight; box.value = text; return fits; }""")
    assert fits, "the note's placeholder is read whole at 400 px"

    app.go("resultados")
    target = rubric.questions_of("participacion")[3]
    link = app.page.locator(f".autodiag-incomplete .autodiag-goto[data-question={target.id}]")
    expect(link).to_have_text(f"{rubric.texts.get('app.pregunta_numero', n=app.number(target.id))}. {target.text}")
    link.press("Enter")  # a missing question goes to its step, the focus on its options
    expect(app.page.locator(f".autodiag-q-{target.id} input[type=radio]").first).to_be_focused()
    expect(app.page.locator(f".autodiag-q-{target.id}")).to_be_in_viewport()

    app.go("resultados")
    app.page.locator(".autodiag-see-anyway").click()  # the button goes: the focus goes to the results' heading
    expect(app.page.locator(".autodiag-main .autodiag-results-body h1")).to_be_focused()
