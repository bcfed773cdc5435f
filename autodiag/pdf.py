"""The PDF report: a `DiagnosisView` laid out by Typst (the `typst` package, a self-contained
compiler in one wheel; no system library).

The layout is the template `autodiag/templates/report.typ`; the view reaches it as JSON through
``sys.inputs``, never pasted into markup, so nothing the user typed is read as Typst. Typst
breaks long table rows across pages, numbers the pages and hyphenates Spanish. The font is the
DejaVu Sans that matplotlib ships (system fonts are ignored), so the PDF is the same on Binder,
a laptop or a server.

Typst compiles in a short-lived process of its own (`autodiag.typst_worker`), not in the caller:
loaded, it holds ≈ 30 MiB, and each compilation keeps ≈ 20 MiB cached that it never gives back,
which in the app would stay in the session's kernel for as long as the official keeps the page
open. The process gets the template and the inputs on stdin (the font folder as an argument),
returns the PDF on stdout (nothing is written to disk) and exits, giving all of it back. `warm_up()` starts one
ahead (the app does when the official reaches the last step), so the first report does not wait
for Python and Typst to load.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import subprocess
import sys
import threading
from functools import lru_cache
from importlib import resources

from .view import DiagnosisView

TIMEOUT = 120
"""Seconds a compilation may take before its process is stopped (a typical report: well under 1 s)."""


class PdfError(RuntimeError):
    """Typst could not compile the report (its message is the compiler's, for the log)."""


@lru_cache(maxsize=1)
def _template() -> bytes:
    return resources.files("autodiag").joinpath("templates", "report.typ").read_bytes()


@lru_cache(maxsize=1)
def _font_dir() -> str:
    """matplotlib's font folder, found without importing matplotlib (heavy, and not needed here)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise PdfError("matplotlib (which carries the PDF's font, DejaVu Sans) is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "mpl-data", "fonts", "ttf")


def render_pdf(view: DiagnosisView, chart_svg: str | None = None) -> bytes:
    """The report of `view` as PDF bytes; `chart_svg` is drawn if not given (print size)."""
    if chart_svg is None:
        from .chart import chart_svg as draw

        chart_svg = draw(view, print_size=True)
    request = json.dumps({"source": _template().decode("utf-8"),
                          "inputs": {"view": view.as_json(), "chart": chart_svg}}).encode("utf-8")
    worker = _take_worker() or _start_worker(warm=False)
    try:
        pdf, error = worker.communicate(request, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        raise PdfError(f"Typst did not finish within {TIMEOUT} s") from None
    if worker.returncode != 0 or not pdf.startswith(b"%PDF"):
        raise PdfError(error.decode("utf-8", "replace").strip() or f"the Typst process ended with {worker.returncode}")
    return pdf


def warm_up() -> None:
    """Start the process of the next report now (Python and Typst loaded, fonts read), so that
    report does not wait for them. At most one waits at a time; it ends with this process."""
    with _lock:
        global _waiting
        if _waiting is None or _waiting.poll() is not None:
            _waiting = _start_worker(warm=True)


_lock = threading.Lock()
_waiting: subprocess.Popen[bytes] | None = None
"""A process started by `warm_up` and not used yet."""


def _take_worker() -> subprocess.Popen[bytes] | None:
    global _waiting
    with _lock:
        worker, _waiting = _waiting, None
    return worker if worker is not None and worker.poll() is None else None


@lru_cache(maxsize=1)
def _worker_command() -> tuple[str, ...]:
    """``python -S -P typst_worker.py SITE FONTS``: no site initialisation (a faster start, no
    ``.pth`` files), so the folder that holds the `typst` package is passed to it."""
    spec = importlib.util.find_spec("typst")
    if spec is None or not spec.submodule_search_locations:
        raise PdfError("the typst package is not installed")
    site = os.path.dirname(list(spec.submodule_search_locations)[0])
    worker = resources.files("autodiag").joinpath("typst_worker.py")
    return (sys.executable, "-S", "-P", str(worker), site, _font_dir())


def _start_worker(*, warm: bool) -> subprocess.Popen[bytes]:
    command = [*_worker_command(), *(["--warm"] if warm else [])]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@atexit.register
def _discard_waiting() -> None:
    worker = _take_worker()
    if worker is not None:
        worker.kill()
        worker.communicate()
