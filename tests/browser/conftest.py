"""A real Voilà server on a free loopback port and a real Chromium driven by Playwright.

The server runs from the repository root (so `voila.json` there is read) with its own
empty HOME and TMPDIR, so the privacy test can list every place it could write. One server
per test module; the browser is Debian's Chromium (`playwright install` cannot download).
"""

from __future__ import annotations

import os
import signal
import site
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/autodiagnostico.ipynb"
SCREENSHOTS = REPO / "screenshots"
CHROMIUM = os.environ.get("AUTODIAG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# voila.json culls the kernels of closed pages after an hour (Voilà's own shutdown beacon is
# refused for want of an _xsrf cookie, voila-dashboards/voila#1458); the test server does it
# within seconds so the privacy test can wait for its session's kernel to end.
# 15 s, not less: a kernel whose page is slow to connect (a loaded machine) counts as idle, and a
# shorter timeout culls it under the page ("Kernel died while waiting for execute reply").
CULL_ARGS = ["--MappingKernelManager.cull_idle_timeout=15", "--MappingKernelManager.cull_interval=1"]
STARTUP_TIMEOUT = 90  # seconds: a first start on a cold machine can be slow
UI_TIMEOUT = 60_000  # ms: the first kernel of a page starts and runs the notebook

# Warms what any first Python/Jupyter run caches under HOME (bytecode, matplotlib's font list,
# the notebook-signing key, IPython's profile), so that the privacy test sees only what a
# session itself writes.
WARM_UP = """
import subprocess, sys
import nbformat
from nbclient import NotebookClient
from nbformat.sign import NotebookNotary
import autodiag
from autodiag.app import build_app

subprocess.run([sys.executable, "-m", "IPython", "--quick", "-c", "pass"], check=True)
subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list"], check=True)
NotebookNotary().secret
app = build_app()
for q in app.rubric.questions:
    app.state.set_answer(q.id, "si")
app.go("resultados")
NotebookClient(nbformat.read({notebook!r}, as_version=4), kernel_name="python3").execute()
"""


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    home: Path
    tmp: Path
    log: Path

    def kernel_pids(self) -> list[int]:
        """The kernels this server started (its child processes)."""
        return children(self.process.pid)

    def wait_for_kernel_end(self, pid: int, timeout: float = 60) -> None:
        """Until the kernel has exited and the server has removed its connection file."""
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        connection = Path(argv[argv.index("-f") + 1])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not Path(f"/proc/{pid}").exists() and not connection.exists():
                return
            time.sleep(0.1)  # polling a condition, bounded by the deadline
        raise AssertionError(f"kernel {pid} still there {timeout}s after its page closed")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(home: Path, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=str(home), TMPDIR=str(tmp), PYTHONUSERBASE=site.getuserbase())
    for key in ("JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
                "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env.pop(key, None)
    return env


def wait_until_listening(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Voilà exited early:\n{server.log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(server.url + "voila/static/voila.js", timeout=2):
                return
        except OSError:
            time.sleep(0.2)  # polling a condition, bounded by the deadline
    raise RuntimeError(f"Voilà did not answer within {STARTUP_TIMEOUT}s:\n{server.log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory) -> Server:
    base = tmp_path_factory.mktemp("voila")
    home, tmp = base / "home", base / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = server_env(home, tmp)
    subprocess.run([sys.executable, "-c", WARM_UP.format(notebook=NOTEBOOK)], cwd=REPO, env=env, check=True,
                   capture_output=True, timeout=STARTUP_TIMEOUT)
    port = free_port()
    log = base / "voila.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
             *CULL_ARGS],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}/", process, home, tmp, log)
    try:
        wait_until_listening(server)
        yield server
    finally:
        kernels = server.kernel_pids()
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in kernels:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():  # never skipped: scripts/test installs it
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (bash scripts/test does)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT)  # expectations wait as long as actions do (a loaded machine)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="es-MX")
    context.set_default_timeout(UI_TIMEOUT)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
