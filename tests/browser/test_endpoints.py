"""The Voilà server exposes nothing but the app: plain HTTP requests against the real server.

Served as the README says (`python -m autodiag app`: the repository's voila.json and template): the
page and the front end's static files answer; the notebook source, the
content files, the Jupyter REST APIs (contents, kernels listing, sessions, terminals,
kernelspecs), Jupyter's pages (tree, lab, notebooks) and any other file do not; no error page
shows a traceback; and a kernel's websocket runs no code sent by the browser.
"""

from __future__ import annotations

import asyncio
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest
import yaml
from helpers import CONTENT

pytestmark = pytest.mark.browser

# What must never reach a browser: the notebook's code or JSON, the rubric's raw YAML, Python errors.
LEAKS = ("from autodiag", "autodiag.app", "show()", '"cell_type"', '"nbformat"', "\ncomponentes:\n",
         "\ntransparencia:\n", "\npresentacion:\n", "Traceback", 'File "/', "site-packages",
         "Exception:")

FORBIDDEN = [
    "/api", "/api/status", "/api/me", "/api/contents", "/api/contents/notebooks/autodiagnostico.ipynb",
    "/api/contents/content/preguntas.yaml", "/api/terminals", "/api/sessions", "/api/kernels", "/api/kernelspecs",
    "/api/kernelspecs/python3", "/api/config/notebook", "/api/nbconvert",
    "/tree", "/lab", "/notebooks/autodiagnostico.ipynb", "/edit/content/preguntas.yaml",
    "/view/notebooks/autodiagnostico.ipynb", "/nbconvert/html/notebooks/autodiagnostico.ipynb",
    "/files/notebooks/autodiagnostico.ipynb", "/files/content/preguntas.yaml",
    "/voila/tree", "/voila/tree/notebooks", "/voila/render/notebooks/autodiagnostico.ipynb",
    "/voila/render/notebooks/taller.ipynb", "/voila/render/no-existe.ipynb", "/voila/api/contents",
    "/voila/files/notebooks/autodiagnostico.ipynb", "/voila/files/content/preguntas.yaml",
    "/voila/files/content/textos.yaml", "/voila/files/voila.json", "/voila/files/README.md",
    "/voila/files/..%2fvoila.json", "/voila/files/%2e%2e/etc/passwd", "/voila/static/%2e%2e/app.py",
    "/voila/static/..%2f..%2fapp.py", "/voila/api/themes/..%2f..%2f..%2fetc/passwd",
    "/voila/labextensions/..%2f..%2f..%2fvoila%2ftemplates%2flab%2findex.html.j2",
    "/autodiagnostico.ipynb", "/notebooks/autodiagnostico.ipynb?download=1", "/voila.json", "/login",
    "/api/kernels/00000000-0000-0000-0000-000000000000", "/no-existe",
]


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, body as text) of one request; redirects are followed, as a browser would."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def leaks(body: str) -> list[str]:
    return [marker for marker in LEAKS if marker in body]


def long_texts(node):
    """The long strings of a YAML document (question texts, help texts)."""
    if isinstance(node, str) and len(node) > 40:
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from long_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from long_texts(value)


RAW_CONTENT = next(long_texts(yaml.safe_load((CONTENT / "preguntas.yaml").read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def page_html(voila_server) -> str:
    status, body = request(voila_server.url)
    assert status == 200
    return body


@pytest.fixture(scope="module")
def kernel_id(page_html) -> str:
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                page_html, re.DOTALL).group(1))["kernelId"]


def test_the_app_page_carries_no_source(page_html):
    assert not leaks(page_html), f"the page shows {leaks(page_html)}: sources must be stripped"
    assert "Esta libreta muestra" not in page_html, "voila.json hides the notebook's notes"


@pytest.mark.parametrize("path", FORBIDDEN)
def test_nothing_else_is_served(voila_server, path):
    status, body = request(voila_server.url.rstrip("/") + path)
    assert status in (403, 404, 405), f"{path} answered {status}: only the app may be served"
    assert not leaks(body), f"{path} shows {leaks(body)}"
    assert RAW_CONTENT not in body, f"{path} shows the content's raw text"


# Refused with a server error (Jupyter's logout page and Voilà's template-files handler fail to
# render their own error pages: tornado's bare "500" page, the traceback only in the server log).
ERRORS = ["/logout", "/voila/templates/", "/voila/templates/lab/", "/voila/templates/lab/index.html.j2",
          "/voila/templates/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/voila/static/",
          "/voila/api/shutdown/00000000-0000-0000-0000-000000000000"]


@pytest.mark.parametrize("path", ERRORS)
def test_error_pages_show_no_traceback(voila_server, path):
    status, body = request(voila_server.url.rstrip("/") + path)
    assert status >= 400, f"{path} answered {status}"
    assert not leaks(body), f"{path} shows {leaks(body)}"
    assert RAW_CONTENT not in body


def test_the_front_end_still_gets_what_it_needs(voila_server, kernel_id):
    status, body = request(voila_server.url + "voila/static/voila.js")
    assert status == 200 and "_JUPYTERLAB" in body
    status, body = request(voila_server.url + f"api/kernels/{kernel_id}")  # the page asks for its own kernel
    assert status == 200 and json.loads(body)["id"] == kernel_id


@pytest.mark.parametrize("method, path", [
    ("POST", "/api/kernels"), ("POST", "/api/kernels/{kernel}/restart"), ("POST", "/api/kernels/{kernel}/interrupt"),
    ("POST", "/api/sessions"), ("POST", "/api/terminals"), ("POST", "/api/contents/notebooks"),
    ("PUT", "/api/contents/notebooks/nuevo.ipynb"), ("DELETE", "/api/contents/notebooks/autodiagnostico.ipynb"),
    ("POST", "/api/shutdown"), ("DELETE", "/api/kernels/{kernel}"),
])
def test_no_write_or_control_request_is_accepted(voila_server, kernel_id, method, path):
    url = voila_server.url.rstrip("/") + path.format(kernel=kernel_id)
    status, body = request(url, method, body=b"{}", headers={"Content-Type": "application/json"})
    assert status in (403, 404, 405), f"{method} {path} answered {status}"
    assert not leaks(body)
    status, _ = request(voila_server.url + f"api/kernels/{kernel_id}")
    assert status == 200, "the page's kernel is still there"


def test_a_kernel_runs_no_code_sent_from_the_browser(voila_server, kernel_id):
    """Voilà's websocket passes only comm and info messages: an execute_request is dropped.

    The execute_request is sent first and a kernel_info_request after it on the same shell
    channel; the kernel answers in order, so a reply to the info request with no execute reply
    (nor output) before it proves the code never reached the kernel.
    """
    from tornado.websocket import websocket_connect

    def message(msg_type: str, content: dict) -> str:
        return json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                                      "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                           "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
                           "channel": "shell"})

    async def exchange() -> list[str]:
        url = voila_server.url.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels"
        socket = await websocket_connect(url)
        seen = []
        try:
            socket.write_message(message("execute_request", {
                "code": "print('ejecutado-desde-fuera')", "silent": False, "store_history": False,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}))
            socket.write_message(message("kernel_info_request", {}))
            while "kernel_info_reply" not in seen:
                raw = await asyncio.wait_for(socket.read_message(), timeout=30)
                assert raw is not None, "the server closed the websocket"
                msg = json.loads(raw)
                seen.append(msg["msg_type"])
                assert "ejecutado-desde-fuera" not in raw, "the kernel ran code sent by the browser"
        finally:
            socket.close()
        return seen

    seen = asyncio.run(exchange())
    assert "execute_reply" not in seen and "execute_input" not in seen and "stream" not in seen, seen
