"""The Voilà server exposes nothing but the app: plain HTTP requests against the real server.

Served as the README says (`python -m autodiag app`, started here from a folder outside the
repository: its settings do not depend on the current folder): the page and the front end's static
files answer; the notebook source, the content files, the Jupyter REST APIs (contents, kernels,
sessions, terminals, kernelspecs, config, nbconvert), Jupyter's pages (tree, lab, notebooks, login,
logout) and any other file answer 404 with the Spanish error page; a kernel's routes (its model,
its websocket, Voilà's shutdown) answer only the browser holding that kernel's page key, whatever
``_xsrf`` cookie and header anyone else makes up; no response names the server software; and a
kernel's websocket runs no code sent by the browser.
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

from .server import NOTEBOOK, REPO, Server, serve

pytestmark = pytest.mark.browser
KEY_COOKIE = "autodiag_pagina"
FAKE_XSRF = {"Cookie": "_xsrf=inventado", "X-XSRFToken": "inventado"}


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory) -> Server:
    """The app served from an empty folder outside the repository."""
    elsewhere = tmp_path_factory.mktemp("otra_carpeta")
    with serve(tmp_path_factory.mktemp("voila"), notebook=str(REPO / NOTEBOOK), cwd=elsewhere) as server:
        yield server

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
    "/logout", "/api/sessions/00000000-0000-0000-0000-000000000000", "/api/terminals/1", "/terminals/1",
    "/api/kernelspecs/python3/logo-64x64.png", "/kernelspecs/python3/logo-64x64.png", "/api/config/voila",
    "/api/nbconvert/html", "/voila/query/00000000-0000-0000-0000-000000000000", "/voila/api/themes/",
    "/voila/api/themes/@jupyterlab/theme-light-extension/index.css", "/static/favicon.ico", "/api/events",
    "/api/me", "/api/status", "/voila/templates/autodiag/static/../conf.json",
    "/voila/templates/autodiag/static/../index.html.j2", "/voila/templates/autodiag/static/%2e%2e/conf.json",
    "/voila/templates/autodiag/conf.json", "/voila/static/../app.py", "/voila/labextensions/../voila/app.py",
]


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


def head(url: str) -> dict[str, str]:
    """The headers of a GET (any status)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return dict(response.headers)
    except urllib.error.HTTPError as error:
        return dict(error.headers)


def kernel_of(html: str) -> str:
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                html, re.DOTALL).group(1))["kernelId"]


PAGES: dict[str, str] = {}  # kernel id → the page key that came with it


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, body as text) of one request; redirects are followed, as a browser would."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            text = response.read().decode("utf-8", errors="replace")
            keys = [c.split(";")[0].split("=", 1)[1] for c in response.headers.get_all("Set-Cookie") or []
                    if c.startswith(KEY_COOKIE + "=")]
            if keys and "jupyter-config-data" in text:
                PAGES[kernel_of(text)] = keys[0]
            return response.status, text
    except urllib.error.HTTPError as error:
        try:
            return error.code, error.read().decode("utf-8", errors="replace")
        except ConnectionError:  # the server answered and closed the connection (a body too large)
            return error.code, ""
    except (ConnectionError, urllib.error.URLError):  # closed without an answer
        return None, ""


@pytest.fixture(scope="module")
def page_html(voila_server) -> str:
    status, body = request(voila_server.url)
    assert status == 200
    return body


@pytest.fixture(scope="module")
def kernel_id(page_html) -> str:
    return kernel_of(page_html)


@pytest.fixture(scope="module")
def page_key(kernel_id) -> str:
    return PAGES[kernel_id]


def test_the_app_page_carries_no_source(page_html):
    assert not leaks(page_html), f"the page shows {leaks(page_html)}: sources must be stripped"
    assert "Esta libreta muestra" not in page_html, "voila.json hides the notebook's notes"


@pytest.mark.parametrize("path", FORBIDDEN)
def test_nothing_else_is_served(voila_server, path):
    status, body = request(voila_server.url.rstrip("/") + path)
    assert status in (403, 404, 405), f"{path} answered {status}: only the app may be served"
    assert not leaks(body), f"{path} shows {leaks(body)}"
    assert RAW_CONTENT not in body, f"{path} shows the content's raw text"


# Paths that used to end in a bare "500" (Jupyter's logout page and Voilà's template-files handler
# failed to render their own error pages) or a bare tornado page.
ERRORS = ["/logout", "/voila/templates/", "/voila/templates/lab/", "/voila/templates/lab/index.html.j2",
          "/voila/templates/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/voila/static/", "/voila/static/no-existe.js",
          "/voila/templates/autodiag/static/../../../../../../etc/passwd",
          "/voila/api/shutdown/00000000-0000-0000-0000-000000000000"]


@pytest.mark.parametrize("path", ERRORS)
def test_error_pages_are_spanish_and_quiet(voila_server, path):
    status, body = request(voila_server.url.rstrip("/") + path)
    assert status in (403, 404), f"{path} answered {status}"
    assert not leaks(body), f"{path} shows {leaks(body)}"
    assert RAW_CONTENT not in body
    assert '<html lang="es">' in body and ("no existe" in body or "no permitido" in body), body[:300]
    assert "http" not in body.replace('name="viewport"', ""), "an error page requests nothing from anywhere"
    assert "Voil" not in body and "Tornado" not in body and "Jupyter" not in body


def test_no_response_names_the_server_software(voila_server, page_html):
    for path in ("", "voila/static/voila.js", "no-existe", "api/kernels", "logout"):
        headers = head(voila_server.url + path)
        assert "Server" not in headers, f"/{path} says Server: {headers.get('Server')}"
        assert headers.get("X-Content-Type-Options") == "nosniff"
    assert "0.5." not in page_html and "appVersion" not in page_html, "the page does not name Voilà's version"
    assert "cdn.jsdelivr" not in page_html and "font-awesome" not in page_html


def test_the_page_gets_its_kernel_with_its_key_and_nobody_else_does(voila_server, page_key, kernel_id):
    status, body = request(voila_server.url + "voila/static/voila.js")
    assert status == 200 and "_JUPYTERLAB" in body
    mine = {"Cookie": f"{KEY_COOKIE}={page_key}"}
    status, body = request(voila_server.url + f"api/kernels/{kernel_id}", headers=mine)  # as the page does
    assert status == 200 and json.loads(body)["id"] == kernel_id
    status, body = request(voila_server.url + f"api/kernels/{kernel_id}")
    assert status == 404 and kernel_id not in body, "without the page's key the kernel does not exist"
    status, _ = request(voila_server.url + f"api/kernels/{kernel_id}", headers={**FAKE_XSRF})
    assert status == 404
    forged = {"Cookie": f"{KEY_COOKIE}={'0' * 64}; _xsrf=inventado", "X-XSRFToken": "inventado"}
    assert request(voila_server.url + f"api/kernels/{kernel_id}", headers=forged)[0] == 404
    other = request(voila_server.url)[1]  # a second page: its key does not open the first page's kernel
    other_key = PAGES[kernel_of(other)]
    assert request(voila_server.url + f"api/kernels/{kernel_id}",
                   headers={"Cookie": f"{KEY_COOKIE}={other_key}"})[0] == 404


CONTROL = [
    ("POST", "/api/kernels"), ("POST", "/api/kernels/{kernel}/restart"), ("POST", "/api/kernels/{kernel}/interrupt"),
    ("POST", "/api/sessions"), ("POST", "/api/terminals"), ("POST", "/api/contents/notebooks"),
    ("PUT", "/api/contents/notebooks/nuevo.ipynb"), ("DELETE", "/api/contents/notebooks/autodiagnostico.ipynb"),
    ("POST", "/api/shutdown"), ("DELETE", "/api/kernels/{kernel}"), ("PATCH", "/api/sessions/{kernel}"),
    ("POST", "/voila/execution/{kernel}"), ("POST", "/api/kernels/{kernel}/channels"),
    ("PATCH", "/api/kernels/{kernel}"), ("PUT", "/voila/api/shutdown/{kernel}"),
]
# The page's own two requests, refused to anyone without its key (with it: the test above, test_page_close).
OWN = [("GET", "/api/kernels/{kernel}"), ("POST", "/voila/api/shutdown/{kernel}")]


@pytest.mark.parametrize("method, path, cookies", [
    *[(method, path, cookies) for method, path in CONTROL + OWN for cookies in ("ninguna", "_xsrf inventado")],
    *[(method, path, "la llave de la página y _xsrf inventado") for method, path in CONTROL],
])
def test_no_write_or_control_request_is_accepted(voila_server, kernel_id, page_key, method, path, cookies):
    url = voila_server.url.rstrip("/") + path.format(kernel=kernel_id)
    headers = {"Content-Type": "application/json"}
    if cookies != "ninguna":
        headers.update(FAKE_XSRF)
    if cookies.startswith("la llave"):
        headers["Cookie"] += f"; {KEY_COOKIE}={page_key}"
    status, body = request(url, method, body=b"{}" if method != "GET" else None, headers=headers)
    assert status in (403, 404, 405), f"{method} {path} with {cookies} answered {status}"
    assert not leaks(body)
    status, _ = request(voila_server.url + f"api/kernels/{kernel_id}", headers={"Cookie": f"{KEY_COOKIE}={page_key}"})
    assert status == 200, "the page's kernel is still there"


def test_the_websocket_opens_only_with_the_page_key(voila_server, kernel_id, page_key):
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    url = voila_server.url.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels"

    async def attempt(headers):
        try:
            socket = await websocket_connect(HTTPRequest(url, headers=headers))
        except HTTPClientError as error:
            return error.code
        socket.close()
        return 101

    assert asyncio.run(attempt({})) == 404
    assert asyncio.run(attempt(FAKE_XSRF)) == 404
    assert asyncio.run(attempt({"Cookie": f"{KEY_COOKIE}={'a' * 64}"})) == 404
    assert asyncio.run(attempt({"Cookie": f"{KEY_COOKIE}={page_key}"})) == 101


@pytest.mark.parametrize("mib", [4, 20])  # over the 3 MiB limit (answers-file cap + 1 MiB; tornado: 10 MiB)
def test_a_websocket_message_over_the_limit_never_reaches_the_kernel(voila_server, kernel_id, page_key, mib):
    """A message over 3 MiB (a large upload) closes the connection at once (tornado: 1009, message too big).

    The server closes and drops the connection while the client is still writing, so the client
    may see the close frame (1009) or only the closed connection.
    """
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import WebSocketClosedError, websocket_connect

    url = voila_server.url.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels"

    async def send_big():
        socket = await websocket_connect(HTTPRequest(url, headers={"Cookie": f"{KEY_COOKIE}={page_key}"}),
                                         max_message_size=64 * 1024 * 1024)
        try:
            await socket.write_message(b"\0" * (mib * 1024 * 1024), binary=True)
        except WebSocketClosedError:  # closed while the message was still going out
            pass
        while await asyncio.wait_for(socket.read_message(), timeout=60) is not None:
            pass
        return socket.close_code, socket.close_reason

    code, reason = asyncio.run(send_big())
    assert code in (1009, None), (code, reason)
    status, _ = request(voila_server.url + f"api/kernels/{kernel_id}", headers={"Cookie": f"{KEY_COOKIE}={page_key}"})
    assert status == 200, "the kernel is untouched"


def test_a_large_request_body_is_refused_before_it_is_read(voila_server):
    """1 MiB posted to a page's own shutdown, with its key: refused by size (the kernel lives on)."""
    other = kernel_of(request(voila_server.url)[1])
    mine = {"Cookie": f"{KEY_COOKIE}={PAGES[other]}; _xsrf=inventado", "X-XSRFToken": "inventado"}
    status, _ = request(voila_server.url + f"voila/api/shutdown/{other}", "POST", body=b"x" * (1024 * 1024),
                        headers=mine)
    assert status != 204 and (status is None or status >= 400), status
    assert request(voila_server.url + f"api/kernels/{other}", headers={"Cookie": f"{KEY_COOKIE}={PAGES[other]}"})[0] \
        == 200
    status, _ = request(voila_server.url + f"voila/api/shutdown/{other}", "POST", body=b"_xsrf=inventado",
                        headers={**mine, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 204, "a small request of the page's own is accepted: the size, not the key, refused the first"


def test_a_kernel_runs_no_code_sent_from_the_browser(voila_server, kernel_id, page_key):
    """Voilà's websocket passes only comm and info messages: an execute_request is dropped.

    The execute_request is sent first and a kernel_info_request after it on the same shell
    channel; the kernel answers in order, so a reply to the info request with no execute reply
    (nor output) before it proves the code never reached the kernel.
    """
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    def message(msg_type: str, content: dict) -> str:
        return json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                                      "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                           "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
                           "channel": "shell"})

    async def exchange() -> list[str]:
        url = voila_server.url.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels"
        socket = await websocket_connect(HTTPRequest(url, headers={"Cookie": f"{KEY_COOKIE}={page_key}"}))
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
