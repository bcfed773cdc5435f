"""A real Voilà server on a free loopback port, isolated, and stopped with all its kernels.

One helper for the browser tests (`conftest.voila_server`, `test_late_state`), the load test and
benchmark (`sessions.py`, benchmarks/load.py) and the app benchmark (benchmarks/app.py).

`serve()` runs the app as the README does, ``python -m autodiag app`` (the guarded Voilà with
autodiag.serve.VOILA_SETTINGS and the repository's Voilà template; see autodiag/serve.py), or with `launcher=False` plain
``python -m voila`` from `cwd` (the benchmark's one-button floor), on 127.0.0.1 with its own
empty HOME and TMPDIR under `base`, so a test can list every place a
session could write. Before starting, it warms what any first Python/Jupyter run caches under
HOME (bytecode, matplotlib's font list, the notebook-signing key, IPython's profile), so that
what a session writes is all that appears there. On leaving, the server gets SIGTERM (SIGKILL
for its process group if it lingers) and every kernel it started is killed.
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/autodiagnostico.ipynb"
CHROMIUM = os.environ.get("AUTODIAG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_TIMEOUT = 120  # seconds: a first start on a cold or loaded machine can be slow

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

    def kernel_connection_files(self) -> dict[int, Path]:
        """Process id → connection file, for every kernel of this server still running."""
        files = {pid: connection_file(pid) for pid in self.kernel_pids()}
        return {pid: path for pid, path in files.items() if path is not None}

    def wait_for_kernel_end(self, pid: int, timeout: float = 60) -> None:
        """Until the kernel has exited and the server has removed its connection file."""
        connection = connection_file(pid)
        assert connection is not None, f"process {pid} is not a running kernel"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not Path(f"/proc/{pid}").exists() and not connection.exists():
                return
            time.sleep(0.1)  # polling a condition, bounded by the deadline
        raise AssertionError(f"kernel {pid} still there {timeout}s after its page closed")


def connection_file(pid: int) -> Path | None:
    """The connection file a kernel process was started with (its ``-f`` argument), or None."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return None
    return Path(argv[argv.index("-f") + 1]) if "-f" in argv else None


def children(pid: int) -> list[int]:
    """Process ids whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(home: Path, tmp: Path) -> dict[str, str]:
    """This environment with HOME and TMPDIR moved to `home` and `tmp` (user-installed packages kept)."""
    env = dict(os.environ)
    env.update(HOME=str(home), TMPDIR=str(tmp), PYTHONUSERBASE=site.getuserbase())
    for key in ("JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
                "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env.pop(key, None)
    return env


def wait_until_listening(server: Server, timeout: float = STARTUP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Voilà exited early:\n{server.log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(server.url + "voila/static/voila.js", timeout=2):
                return
        except OSError:
            time.sleep(0.2)  # polling a condition, bounded by the deadline
    raise RuntimeError(f"Voilà did not answer within {timeout}s:\n{server.log.read_text(errors='replace')}")


@contextmanager
def serve(base: Path, *, notebook: str = NOTEBOOK, extra_args: Sequence[str] = (), cwd: Path = REPO,
          launcher: bool = True, warm_up: bool = True) -> Iterator[Server]:
    """Voilà serving `notebook` (relative to `cwd`) on a free loopback port; see the module's text."""
    home, tmp = base / "home", base / "tmp"
    home.mkdir(parents=True, exist_ok=True)
    tmp.mkdir(parents=True, exist_ok=True)
    env = server_env(home, tmp)
    if warm_up:
        subprocess.run([sys.executable, "-c", WARM_UP.format(notebook=NOTEBOOK)], cwd=REPO, env=env, check=True,
                       capture_output=True, timeout=300)
    port = free_port()
    log = base / "voila.log"
    if launcher:  # autodiag's launcher execs Voilà: the process stays the server's
        command = [sys.executable, "-m", "autodiag", "app", "--notebook", str(cwd / notebook), "--no-browser",
                   f"--port={port}", "--", "--Voila.ip=127.0.0.1", *extra_args]
    else:
        command = [sys.executable, "-m", "voila", notebook, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                   *extra_args]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}/", process, home, tmp, log)
    try:
        wait_until_listening(server)
        yield server
    finally:
        stop(server)


def stop(server: Server) -> None:
    """SIGTERM to the server (SIGKILL to its group after 30 s), then SIGKILL to every kernel it started."""
    kernels = server.kernel_pids()
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
    for pid in kernels:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
