"""What makes the first screen and the results quick (issue 6), checked without a browser:
the welcome as plain HTML, the first step built ahead, reports built after the results, the
PDF's process started ahead of the results, neither pandas nor matplotlib nor Typst in the
session's kernel, and the preheated kernels kept from the culler."""

from __future__ import annotations

import asyncio
import html
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from autodiag.app import App, build_app, welcome_html
from autodiag.app.questionnaire import RESULTS, WELCOME
from autodiag.app.welcome import STATIC_CLASS
from helpers import fake_kernel, loaded_after, recorded_shutdowns

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def static_app(rubric) -> App:
    view = build_app(static_welcome=True)
    assert isinstance(view, App)
    yield view
    view.close()


def test_welcome_html_holds_every_welcome_text(rubric):
    page = html.unescape(welcome_html(rubric))
    for key in ("titulo", "que_es", "componentes", "que_no_es", "privacidad", "duracion", "como_responder"):
        assert rubric.texts.get(f"presentacion.{key}") in page, key
    assert "<script" not in page, "plain HTML: nothing to run"
    assert f'class="{STATIC_CLASS} autodiag-welcome"' in page


def test_static_welcome_is_hidden_on_other_screens_and_back(static_app, rubric):
    assert static_app.welcome.root.children == (static_app.welcome.start,), "the text is the static block"
    assert static_app.welcome.hider.value == ""
    static_app.welcome.start.click()
    assert f".{STATIC_CLASS}" in static_app.welcome.hider.value and "display: none" in static_app.welcome.hider.value
    static_app.go(WELCOME)
    assert static_app.welcome.hider.value == "", "the welcome text comes back with the welcome"


def test_without_static_welcome_the_view_shows_the_text(rubric):
    app = build_app()
    assert rubric.texts.get("presentacion.titulo") in app.welcome._intro.value
    app.welcome.start.click()
    assert app.welcome.hider.value == "", "no static block to hide"
    app.close()


def test_first_step_is_built_with_the_app(static_app, rubric):
    assert rubric.components[0].id in static_app.steps, "the start button only has to show it"
    assert static_app.main.children == (static_app.welcome.root,)


def test_results_are_drawn_before_the_reports_are_built(static_app, rubric):
    for q in rubric.questions:
        static_app.state.set_answer(q.id, "si")
    static_app.results.render()
    assert static_app.results.summary.value and static_app.results.chart.value.startswith("<svg")
    assert "autodiag-download-pdf" not in static_app.files.report_links.value, "reports come after"
    static_app.results.prepare_reports()
    assert "autodiag-download-pdf" in static_app.files.report_links.value
    static_app.results.prepare_reports()  # once per drawing: nothing rebuilt
    static_app.go(RESULTS)
    assert "autodiag-download-pdf" in static_app.files.report_links.value


def test_see_anyway_builds_the_reports_too(static_app, rubric):
    static_app.state.set_answer(rubric.questions[0].id, "si")
    static_app.go(RESULTS)
    assert "autodiag-download-pdf" not in static_app.files.report_links.value
    static_app.results.see_anyway.click()
    assert "autodiag-download-pdf" in static_app.files.report_links.value


def test_the_pdf_process_is_started_ahead_of_the_results_not_at_the_start():
    code = ("from autodiag import pdf; from autodiag.app import build_app; app = build_app(static_welcome=True); "
            "app.welcome.start.click(); first = pdf._waiting is not None; "
            "app.go(app.screens[-2]); ahead = pdf._waiting; "
            "print(first, ahead is not None and ahead.poll() is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"], out


def test_results_and_reports_load_neither_pandas_nor_matplotlib_nor_typst():
    """The session's kernel stays small: the chart is SVG from a template, the PDF compiles in a
    process of its own."""
    code = ("from autodiag.app import build_app; app = build_app(static_welcome=True); "
            "app.welcome.start.click(); [app.state.set_answer(q.id, 'parcial') for q in app.rubric.questions]; "
            "app.go('resultados'); assert 'autodiag-download-pdf' in app.files.report_links.value; "
            "app.files.label.value = 'otra etiqueta'; assert 'autodiag-download-pdf' in app.files.report_links.value")
    assert loaded_after(code, ("pandas", "matplotlib", "numpy", "PIL", "typst")) == []


def test_the_app_preheats_kernels_with_the_pool_safe_manager():
    from autodiag.serve import VOILA_SETTINGS

    config = VOILA_SETTINGS["VoilaConfiguration"]
    assert config["preheat_kernel"] is True and config["default_pool_size"] >= 1
    transport = VOILA_SETTINGS["KernelManager"]["transport"]
    assert transport == "ipc", "no TCP ports to collide when pool kernels start alongside pages"
    module, name = config["multi_kernel_manager_class"].rsplit(".", 1)
    __import__(module)
    assert getattr(sys.modules[module], name).__name__ == "PoolSafeKernelManager"


def test_a_kernel_just_taken_from_the_pool_gets_a_fresh_idle_clock():
    from jupyter_server._tz import utcnow

    from autodiag.server_guard import PoolSafeKernelManager

    manager = PoolSafeKernelManager(cull_idle_timeout=4)
    culled = recorded_shutdowns(manager)
    long_ago = utcnow() - timedelta(hours=2)
    kernel = fake_kernel(long_ago)
    manager._kernels["k"] = kernel
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert culled == [] and kernel.last_activity > long_ago, "first seen outside the pool: not culled"
    kernel.last_activity = long_ago
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert culled == ["k"], "afterwards idle kernels without a page are culled as before"


def test_a_kernel_whose_page_never_connected_is_kept_until_the_grace_ends():
    from jupyter_server._tz import utcnow

    from autodiag.server_guard import PoolSafeKernelManager

    manager = PoolSafeKernelManager(cull_idle_timeout=4, unconnected_grace=900)
    culled = recorded_shutdowns(manager)
    kernel = fake_kernel(utcnow())
    manager._kernels["k"] = kernel
    asyncio.run(manager.cull_kernel_if_idle("k"))  # first seen
    kernel.last_activity = utcnow() - timedelta(minutes=10)  # its page still loading, 10 minutes on
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert culled == [], "a page still loading keeps its kernel"
    manager._kernel_connections["k"] = 1  # the page connects…
    asyncio.run(manager.cull_kernel_if_idle("k"))
    manager._kernel_connections["k"] = 0  # …and is closed
    kernel.last_activity = utcnow() - timedelta(seconds=5)
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert culled == ["k"], "a page come and gone: culled after cull_idle_timeout"
    manager._kernels["never"] = fake_kernel(utcnow())
    asyncio.run(manager.cull_kernel_if_idle("never"))
    manager._kernels["never"].last_activity = utcnow() - timedelta(seconds=901)
    asyncio.run(manager.cull_kernel_if_idle("never"))
    assert culled == ["k", "never"], "a page that never came: culled after the grace"
