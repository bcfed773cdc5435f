"""In the page: anything the kernel takes a while to answer shows a busy state (the app marked
``aria-busy``, a notice «Cargando…» that is a polite live region), and the state never sticks:
it ends when the kernel is done, also after a failure (issue 12). The PDF of the notebook served
here takes 1.5 s and fails the first time (tests/browser/notebooks/reporte_lento.ipynb)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .app_page import AppPage
from .conftest import SERVER_ARGS
from .server import serve

pytestmark = pytest.mark.browser

SLOW_PDF = "tests/browser/notebooks/reporte_lento.ipynb"

# Every change of the busy state, as the page shows it (recorded, so that no state is missed).
RECORD = """() => {
  window.autodiagBusyLog = [];
  const app = document.querySelector('.autodiag-app');
  const notice = document.querySelector('.autodiag-busy-status');
  const record = () => window.autodiagBusyLog.push({
    busy: app.classList.contains('autodiag-busy'), aria: app.getAttribute('aria-busy'),
    shown: notice.classList.contains('autodiag-busy-on') && notice.getBoundingClientRect().height > 0,
    text: notice.textContent});
  new MutationObserver(record).observe(app, {attributes: true, attributeFilter: ['class', 'aria-busy']});
  new MutationObserver(record).observe(notice, {attributes: true, childList: true, characterData: true,
                                                subtree: true});
}"""


@pytest.fixture(scope="module")
def slow_pdf_server(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("lento"), notebook=SLOW_PDF, extra_args=SERVER_ARGS) as server:
        yield server


def expect_settled(page) -> None:
    notice = page.locator(".autodiag-busy-status")
    expect(notice).to_be_hidden()
    expect(notice).to_have_text("")
    expect(page.locator(".autodiag-app.autodiag-busy")).to_have_count(0)
    expect(page.locator(".autodiag-app[aria-busy]")).to_have_count(0)


def test_a_slow_action_shows_the_busy_state_which_ends_after_a_failure_too(page, slow_pdf_server, rubric,
                                                                           screenshots):
    t = rubric.texts
    app = AppPage(page, slow_pdf_server, rubric)
    app.open()
    notice = page.locator(".autodiag-busy-status")
    expect(notice).to_be_attached()
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_have_attribute("aria-live", "polite")
    page.evaluate(RECORD)
    app.start()
    app.go("resultados")
    expect(page.locator(".autodiag-see-anyway")).to_be_visible()

    # the reports fail after 1.5 s: busy meanwhile, then the Spanish message and no busy state left
    page.locator(".autodiag-see-anyway").click()
    expect(notice).to_have_text(t.get("app.cargando"))
    expect(notice).to_be_visible()
    expect(page.locator(".autodiag-app").first).to_have_attribute("aria-busy", "true")
    page.screenshot(path=str(screenshots / "cargando-1280.png"))
    expect(page.locator(".autodiag-error-boundary")).to_contain_text(t.get("app.error_inesperado"))
    expect_settled(page)

    # again: this time the reports are made, and the busy state ends once their links are there
    app.go("resultados")
    page.locator(".autodiag-see-anyway").click()
    expect(notice).to_have_text(t.get("app.cargando"))
    expect(page.locator(".autodiag-download-pdf")).to_be_visible()
    expect_settled(page)
    expect(page.locator(".autodiag-error-boundary")).to_have_text("")

    # a new label renews the reports (another 1.5 s): busy too, until the renewed links are there
    old_pdf = page.locator(".autodiag-download-pdf").get_attribute("href")
    label = page.locator(".autodiag-label-input input")
    label.fill("ejercicio de marzo")
    label.press("Enter")
    expect(notice).to_have_text(t.get("app.cargando"))
    expect(page.locator(".autodiag-download-pdf")).not_to_have_attribute("href", old_pdf)
    expect_settled(page)

    log = page.evaluate("window.autodiagBusyLog")
    shown = [entry for entry in log if entry["shown"]]
    assert shown and all(entry["text"] == t.get("app.cargando") for entry in shown), log
    assert any(entry["busy"] and entry["aria"] == "true" for entry in log), log
    starts = sum(1 for before, after in zip([{"shown": False}, *log], log) if after["shown"] and not before["shown"])
    assert starts >= 3, f"a busy state for each slow action: {log}"
    assert not log[-1]["busy"] and not log[-1]["shown"], log


def test_quick_steps_leave_no_busy_state(page, slow_pdf_server, rubric):
    """Siguiente, Anterior and the navigation, one after another: whatever showed, nothing is left."""
    app = AppPage(page, slow_pdf_server, rubric)
    app.open()
    app.start()
    components = rubric.components
    for here, there in zip(components, components[1:]):
        page.locator(f".autodiag-step-{here.id} .autodiag-next").click()
        expect(page.locator(f".autodiag-step-{there.id}")).to_be_visible()
    page.locator(f".autodiag-step-{components[-1].id} .autodiag-back").click()
    expect(page.locator(f".autodiag-step-{components[-2].id}")).to_be_visible()
    app.go(components[0].id)
    expect_settled(page)
