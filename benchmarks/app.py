"""Benchmark of the app in a real browser: first screen, Siguiente, results, downloads and kernel memory.

Usage:  python3 benchmarks/app.py [--runs 5]

Serves notebooks/autodiagnostico.ipynb as the README does (``python -m autodiag app``: the
repository's voila.json and Voilà template) on a free 127.0.0.1 port, and next to it a one-cell
notebook that displays a single ipywidgets.Button (the floor of the stack, generated into a
temporary folder and served with Voilà's defaults),
then drives Debian's headless Chromium with Playwright. Every run opens the page in a new
browser context (an empty cache, like an official's first visit). Prints medians and min–max;
figures, never asserts. Two rounds: kernels started on request (preheat off) and Voilà's
preheated kernel pool (preheat on, as voila.json sets it). Targets (issue 6): first question
≤ 1.15 × floor without preheat; preheated, welcome text ≤ 0.5 s and first question no later
than the floor without preheat; results ≤ 0.5 s after the last answer; kernel ≤ 120 MB at the
first question. Issue 12: «Siguiente» → the next step's first question ≤ 0.3 s (median of every
click of every run), «Resultados» → all four downloads ready ≤ 1.5 s, and the kernel ≤ 120 MiB
after the results and their reports.

Times are taken in the page (performance.now(), origin = the navigation's start; polled every
animation frame) except the results, timed from the click to what is awaited. A click on
«Siguiente» is made by the page itself (`element.click()`, timed from just before it), so no
Playwright round trip is counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autodiag.dev.server import CHROMIUM, CHROMIUM_ARGS, NOTEBOOK, Server, serve  # noqa: E402
from autodiag.dev.sessions import kernel_pids_by_id, rss_kib  # noqa: E402

TIMEOUT = 90_000  # ms
THINK_TIME = 3  # s an official spends on the last question before answering it
STEP_TIME = 3  # s spent on a step before «Siguiente» (an official spends minutes answering it)
POOL_SIZE = json.loads((REPO / "voila.json").read_text(encoding="utf-8"))["VoilaConfiguration"].get(
    "default_pool_size", 1)  # the preheated round uses the repository's pool, for the floor too

FLOOR_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "boton", "metadata": {}, "outputs": [],
               "source": "import ipywidgets\nipywidgets.Button(description='Botón')"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}

# Resolves with performance.now() at the first animation frame where `selector` is visible.
VISIBLE_AT = """selector => {
  const el = document.querySelector(selector);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' ? performance.now() : false;
}"""
TEXT_VISIBLE_AT = """text => {
  for (const el of document.querySelectorAll('h1')) {
    if (el.textContent.includes(text) && el.getBoundingClientRect().height > 0) return performance.now();
  }
  return false;
}"""
NAVIGATION = """() => { const n = performance.getEntriesByType('navigation')[0];
  return {response: n.responseStart, dom: n.domContentLoadedEventEnd}; }"""
# Levels and risk of every component, the chart drawn (an inline SVG, or an image decoded), and the
# recommendations shown.
RESULTS_SHOWN = """ids => {
  const ok = ids.every(id => { const r = document.querySelector('.autodiag-summary-' + id);
                               return r && r.dataset.level && r.getBoundingClientRect().height > 0; });
  const img = document.querySelector('.autodiag-chart img, img.autodiag-chart');
  const recs = document.querySelector('.autodiag-details .autodiag-recs li');
  const svg = document.querySelector('.autodiag-chart svg');
  const chart = svg ? svg.getBoundingClientRect().height > 0 : img && img.complete && img.naturalWidth > 0;
  return ok && chart && recs ? performance.now() : false;
}"""
# Every download link present: the answers file and the three reports.
DOWNLOADS_READY = """kinds => kinds.every(k => document.querySelector('.autodiag-app .autodiag-download-' + k))
  ? performance.now() : false"""
# Click «Siguiente» of the step on screen from the page itself; resolves with performance.now() just before.
CLICK_NEXT = """selector => {
  const b = document.querySelector(selector); const t = performance.now(); b.click(); return t; }"""


# -- servers -------------------------------------------------------------------------------------
def kernel_pid(server: Server, kernel_id: str) -> int | None:
    """The kernel process of `kernel_id` among the server's children."""
    return kernel_pids_by_id(server).get(kernel_id)


def rss_mib(pid: int) -> float:
    return rss_kib(pid) / 1024


def pss_mib(pid: int) -> float:
    """Proportional set size (shared pages divided among the processes sharing them), MiB."""
    try:
        for row in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if row.startswith("Pss:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


@contextmanager
def voila(base: Path, cwd: Path, notebook: str, extra: list[str], pool: int, launcher: bool) -> Iterator[Server]:
    """Voilà on 127.0.0.1 (autodiag.dev.server); with a pool, once the pool is filled."""
    with serve(base, notebook=notebook, extra_args=extra, cwd=cwd, launcher=launcher) as server:
        wait_for_pool(server, pool)
        yield server


def wait_for_pool(server: Server, pool: int, timeout: float = 120) -> None:
    """Until the server's pool is full again and its kernels sit idle (their CPU time stops growing)."""
    if not pool:
        return
    deadline = time.monotonic() + timeout
    last, steady = None, 0
    while time.monotonic() < deadline:
        text = server.log.read_text(errors="replace")
        filled = text.count("is filled with") > text.count("Using pre-heated kernel")
        cpu = 0
        for pid in server.kernel_pids():
            try:
                cpu += sum(int(v) for v in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
            except OSError:
                continue
        steady = steady + 1 if filled and cpu == last else 0
        if steady >= 5:
            return
        last = cpu
        time.sleep(0.2)  # polling a condition, bounded by the deadline
    raise RuntimeError(f"the kernel pool was not ready within {timeout}s:\n{server.log.read_text(errors='replace')}")


# -- measurements --------------------------------------------------------------------------------
def at(page, script: str, arg) -> float:
    """performance.now() (ms since the navigation started) when `script(arg)` first holds."""
    return page.wait_for_function(script, arg=arg, polling="raf").json_value()


def measure_floor(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        button = at(page, VISIBLE_AT, ".widget-button")
        nav = page.evaluate(NAVIGATION)
        return {"button": button, "dom": nav["dom"], "response": nav["response"]}
    finally:
        context.close()


def measure_app(browser, server: Server, rubric, answers_file: bytes,
                results: bool) -> dict[str, float]:
    first = rubric.questions[0]
    last = rubric.questions[-1]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        page.goto(server.url, wait_until="commit")
        figures = {"welcome": at(page, TEXT_VISIBLE_AT, rubric.texts.get("presentacion.titulo")),
                   "start": at(page, VISIBLE_AT, ".autodiag-start")}
        page.locator(".autodiag-start").click()
        figures["first_question"] = at(page, VISIBLE_AT, f".autodiag-q-{first.id}")
        nav = page.evaluate(NAVIGATION)
        figures.update(dom=nav["dom"], response=nav["response"])
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        pid = kernel_pid(server, config["kernelId"])
        figures["rss_first"] = rss_mib(pid) if pid else float("nan")
        if results:
            # «Siguiente» from each step to the next one's first question
            nexts = []
            for here, there in zip(rubric.components, rubric.components[1:]):
                time.sleep(STEP_TIME)
                target = rubric.questions_of(there.id)[0]
                t0 = page.evaluate(CLICK_NEXT, f".autodiag-step-{here.id} .autodiag-next")
                nexts.append(at(page, VISIBLE_AT, f".autodiag-q-{target.id}") - t0)
            figures["next"] = nexts
            # everything but the last question from a file, then the last answer by a click
            with page.expect_file_chooser() as chooser:
                page.locator(".autodiag-upload-resume").click()
            chooser.value.set_files(files=[{"name": "r.json", "mimeType": "application/json",
                                            "buffer": answers_file}])
            total = len(rubric.questions)
            progress = rubric.texts.get("app.avance_texto", respondidas=total - 1, total=total)
            page.wait_for_function("t => document.querySelector('.autodiag-progress-text')?.textContent === t",
                                   arg=progress)
            page.locator(f".autodiag-nav-{last.component}").click()
            page.locator(f".autodiag-q-{last.id}").wait_for()
            time.sleep(THINK_TIME)  # the official reads the last question before answering it
            option = rubric.scale[0].label
            page.locator(f".autodiag-q-{last.id}").get_by_label(option, exact=True).check()
            page.wait_for_function("t => document.querySelector('.autodiag-progress-text')?.textContent === t",
                                   arg=rubric.texts.get("app.avance_texto", respondidas=total, total=total))
            t0 = page.evaluate("() => performance.now()")
            page.locator(".autodiag-nav-resultados").click()
            figures["results"] = at(page, RESULTS_SHOWN, [c.id for c in rubric.components]) - t0
            figures["reports"] = at(page, DOWNLOADS_READY, ["respuestas", "html", "pdf", "csv"]) - t0
            time.sleep(1)  # what the kernel holds once the results are drawn and the reports built
            figures["rss_results"] = rss_mib(pid) if pid else float("nan")
            figures["pss_results"] = pss_mib(pid) if pid else float("nan")
        return figures
    finally:
        context.close()


def line(name: str, values: list[float], unit: str = "s", target: str = "") -> str:
    values = sorted(values)
    scale, fmt = (0.001, "{:.2f}") if unit == "s" else (1, "{:.1f}")
    med, lo, hi = (fmt.format(v * scale) for v in (statistics.median(values), values[0], values[-1]))
    text = f"  {name:<58} median {med:>6} {unit}   min–max {lo}–{hi} {unit}   (n={len(values)})"
    return text + (f"   target {target}" if target else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM} (set AUTODIAG_CHROMIUM)")

    from playwright.sync_api import sync_playwright

    import autodiag

    rubric = autodiag.load_rubric()
    last = rubric.questions[-1]
    answers_file = autodiag.new_answers(
        rubric, {q.id: "parcial" for q in rubric.questions if q.id != last.id}).to_bytes()
    voila_version = subprocess.run([sys.executable, "-m", "voila", "--version"], capture_output=True,
                                   text=True).stdout.strip()
    chromium_version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"autodiag {autodiag.__version__}, Voilà {voila_version}, {chromium_version}, {os.cpu_count()} CPUs, "
          f"{args.runs} runs each, a new browser context per run")
    print("Measured: ms from opening the URL (navigation start) to")
    print("  floor        — the one-button notebook's button visible;")
    print("  welcome      — the app's welcome title (presentacion.titulo) visible;")
    print("  start        — the welcome's start button (.autodiag-start) visible;")
    print("  first question — after clicking the start button as soon as it shows, the first question "
          f"(.autodiag-q-{rubric.questions[0].id}) visible;")
    print("  results      — all answers but the last from a file, the last step opened, the last question "
          f"answered {THINK_TIME} s later (reading time), then from the click on «Resultados» to every component's "
          "level and risk, the chart drawn and the recommendations shown;")
    print(f"  Siguiente    — {STEP_TIME} s after a step shows, from the click on its «Siguiente» to the next step's "
          "first question visible (every click: 4 per run);")
    print("  downloads    — from the same click on «Resultados» to all four links present: answers file, HTML, PDF, "
          "CSV;")
    print("  kernel RSS   — VmRSS of the session's kernel process (found by the page's kernel id); PSS the same "
          "process's proportional set size (smaps_rollup), 1 s after the downloads are ready.")

    rounds = [("preheat off (kernel started when the page is requested)",
               ["--VoilaConfiguration.preheat_kernel=False"], 0),
              (f"preheat on (as voila.json: a pool of {POOL_SIZE} preheated kernels; the floor gets the same)",
               ["--VoilaConfiguration.preheat_kernel=True", f"--VoilaConfiguration.default_pool_size={POOL_SIZE}"],
               POOL_SIZE)]
    floor_off: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        tmp = Path(tmp)
        (tmp / "boton.ipynb").write_text(json.dumps(FLOOR_NOTEBOOK), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for title, extra, pool in rounds:
                print(f"\n{title}")
                with voila(tmp / f"floor-{pool}", tmp, "boton.ipynb", extra, pool, launcher=False) as floor, \
                        voila(tmp / f"app-{pool}", REPO, NOTEBOOK, extra, pool, launcher=True) as app:
                    # a first visit of each, not counted: bytecode and OS caches as on a server in use
                    measure_floor(browser, floor.url)
                    measure_app(browser, app, rubric, answers_file, results=False)
                    runs_floor, runs_app = [], []
                    for _ in range(args.runs):
                        wait_for_pool(floor, pool)
                        runs_floor.append(measure_floor(browser, floor.url))
                        wait_for_pool(app, pool)
                        runs_app.append(measure_app(browser, app, rubric, answers_file, results=True))
                floor_button = [r["button"] for r in runs_floor]
                if not pool:
                    floor_off = floor_button
                print(line("floor: one-button notebook, button visible", floor_button))
                print(line("floor: DOMContentLoaded", [r["dom"] for r in runs_floor]))
                print(line("app: first byte of the page", [r["response"] for r in runs_app]))
                print(line("app: DOMContentLoaded", [r["dom"] for r in runs_app]))
                print(line("app: welcome text visible", [r["welcome"] for r in runs_app],
                           target="≤ 0.50 s" if pool else ""))
                print(line("app: start button visible", [r["start"] for r in runs_app]))
                first = [r["first_question"] for r in runs_app]
                print(line("app: first question visible", first,
                           target=f"≤ {statistics.median(floor_off) / 1000:.2f} s (floor, preheat off)" if pool
                           else f"≤ {1.15 * statistics.median(floor_button) / 1000:.2f} s (1.15 × floor)"))
                ratio = statistics.median(first) / statistics.median(floor_button)
                print(f"  {'ratio app first question / floor button (medians)':<58} {ratio:.2f}"
                      + ("" if pool else "   target ≤ 1.15"))
                if pool:
                    ratio = statistics.median(first) / statistics.median(floor_off)
                    print(f"  {'ratio to the floor without preheat (medians)':<58} {ratio:.2f}   target ≤ 1.00")
                print(line("app: results after the last answer", [r["results"] for r in runs_app],
                           target="≤ 0.50 s"))
                print(line("app: Siguiente → next step's first question", [t for r in runs_app for t in r["next"]],
                           target="≤ 0.30 s"))
                print(line("app: Resultados → all downloads ready", [r["reports"] for r in runs_app],
                           target="≤ 1.50 s"))
                print(line("kernel RSS at the first question", [r["rss_first"] for r in runs_app], "MiB",
                           target="≤ 120 MB (114.4 MiB)"))
                print(line("kernel RSS after the results and reports", [r["rss_results"] for r in runs_app], "MiB",
                           target="≤ 120 MiB"))
                print(line("kernel PSS after the results and reports", [r["pss_results"] for r in runs_app], "MiB"))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
