"""The deploy's single-user server (Docker / Zero to JupyterHub) serves the app and nothing else.

Jupyter's server runs with deploy/zero-to-jupyterhub/jupyter_server_config.py as the image does
(Voilà and autodiag.server_guard as server extensions), here without the hub: in the deploy the
hub's login also stands in front of every request. The app opens and answers in Chromium; the
Jupyter APIs and pages a plain Jupyter server exposes answer 404 with the Spanish page; the page's
kernel runs no code sent from outside; no response names the server software.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

from autodiag.serve import SHARE

from .server import REPO, Server, free_port, server_env, stop, wait_until_listening

pytestmark = pytest.mark.browser

CONFIG = REPO / "deploy" / "zero-to-jupyterhub" / "jupyter_server_config.py"
APP = "voila/render/notebooks/autodiagnostico.ipynb"
FAKE_XSRF = {"Cookie": "_xsrf=inventado", "X-XSRFToken": "inventado"}


@pytest.fixture(scope="module")
def deploy_server(tmp_path_factory) -> Server:
    base = tmp_path_factory.mktemp("deploy")
    home, tmp = base / "home", base / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = server_env(home, tmp)
    env["JUPYTER_PATH"] = str(SHARE)  # the image installs the template into <prefix>/share/jupyter
    port = free_port()
    log = base / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter_server", f"--config={CONFIG}", f"--ServerApp.root_dir={REPO}",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.open_browser=False",
             "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.allow_root=True"],
            cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}/", process, home, tmp, log)
    try:
        wait_until_listening(server)
        yield server
    finally:
        stop(server)


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def app_kernel(deploy_server) -> str:
    status, headers, body = request(deploy_server.url + APP)
    assert status == 200, body[:500]
    assert "Server" not in headers and "appVersion" not in body and "0.5." not in body
    assert '"cell_type"' not in body and "from autodiag" not in body, "sources stripped"
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                body, re.DOTALL).group(1))["kernelId"]


@pytest.mark.parametrize("method, path", [
    ("GET", "api/contents"), ("GET", "api/contents/content/preguntas.yaml"), ("GET", "api/sessions"),
    ("POST", "api/sessions"), ("GET", "api/terminals"), ("POST", "api/terminals"), ("GET", "api/kernelspecs"),
    ("GET", "api/kernels"), ("POST", "api/kernels"), ("DELETE", "api/kernels/{kernel}"),
    ("POST", "api/kernels/{kernel}/restart"), ("GET", "api/config/notebook"), ("GET", "api/nbconvert"),
    ("GET", "tree"), ("GET", "lab"), ("GET", "files/content/preguntas.yaml"),
    ("GET", "notebooks/autodiagnostico.ipynb"),
    ("GET", "nbconvert/html/notebooks/autodiagnostico.ipynb"), ("GET", "voila/render/notebooks/taller.ipynb"),
    ("GET", "voila/tree"), ("GET", "voila/api/contents"), ("GET", "logout"), ("GET", "login"),
    ("GET", "voila/templates/autodiag/static/../conf.json"), ("GET", "api/shutdown"), ("POST", "api/shutdown"),
    ("GET", "api/events"), ("GET", "kernelspecs/python3/logo-64x64.png"),
])
def test_only_the_app_answers(deploy_server, app_kernel, method, path):
    url = deploy_server.url + path.format(kernel=app_kernel)
    status, headers, body = request(url, method, body=None if method == "GET" else b"{}", headers=FAKE_XSRF)
    assert status == 404, f"{method} /{path} answered {status}"
    assert '<html lang="es">' in body and "Server" not in headers
    assert request(deploy_server.url + f"api/kernels/{app_kernel}")[0] == 200, "the page's kernel is still there"


def test_the_kernel_runs_no_code_sent_from_outside(deploy_server, app_kernel):
    from tornado.websocket import websocket_connect

    def message(msg_type: str, content: dict) -> str:
        return json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                                      "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                           "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
                           "channel": "shell"})

    async def exchange() -> list[str]:
        ws_url = deploy_server.url.replace("http", "ws", 1)
        socket = await websocket_connect(ws_url + f"api/kernels/{app_kernel}/channels")
        seen = []
        try:
            socket.write_message(message("execute_request", {
                "code": "print('ejecutado-desde-fuera')", "silent": False, "store_history": False,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}))
            socket.write_message(message("kernel_info_request", {}))
            while "kernel_info_reply" not in seen:
                raw = await asyncio.wait_for(socket.read_message(), timeout=60)
                assert raw is not None, "the server closed the websocket"
                seen.append(json.loads(raw)["msg_type"])
                assert "ejecutado-desde-fuera" not in raw
        finally:
            socket.close()
        return seen

    seen = asyncio.run(exchange())
    assert "execute_reply" not in seen and "stream" not in seen, seen


def test_the_app_opens_and_answers_in_a_browser(deploy_server, page, rubric):
    page.goto(deploy_server.url)  # the server's root opens the app (default_url)
    page.locator(".autodiag-start").click()
    first = rubric.questions[0]
    expect(page.locator(f".autodiag-q-{first.id}")).to_be_visible()
