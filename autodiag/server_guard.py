"""The public server's guard: everything that leans on Voilà, jupyter_server and tornado internals.

``python -m autodiag app`` runs `AutodiagVoila` (``python -m autodiag.server_guard``), Voilà's own
application with four additions, all in this one module so that a change in the stack breaks
here and in tests/test_server_guard.py, nowhere else:

1. **A closed surface.** A `Gate` placed before every other route answers 404 to any request that
   is not one the app's page makes (`STANDALONE_ROUTES`): the page, Voilà's static files, and its
   own kernel. The kernel's routes (``api/kernels/ID``, its websocket, Voilà's shutdown on page
   close) answer only a browser that holds that kernel's *page key*: an HttpOnly, SameSite=Strict
   cookie, an HMAC of the kernel id under a per-process secret, set by `PageHandler` on the page
   that started the kernel and scoped to that kernel's paths. No kernel, session, contents,
   terminal, kernelspec, config or nbconvert API answers anyone else, whatever cookie or
   ``_xsrf`` they send.
2. **No banners, Spanish error pages.** `Hardening` (a tornado output transform) drops the
   ``Server`` header, adds ``nosniff`` and ``no-referrer``, and replaces every error body (404,
   403, 500, 503 …, from any handler) with the ``error.html`` page of the ``autodiag`` Voilà
   template: Spanish, no third-party request. The page config carries no Voilà version.
3. **Bounded resources.** At most ``max_kernels`` pages hold a kernel at once; beyond that the page
   answers 503 («el servidor está ocupado…»). `PoolSafeKernelManager` shuts down a kernel whose
   page, once sent, has not connected within ``unconnected_grace`` seconds. HTTP bodies and websocket messages
   are capped (``max_body_bytes``, ``max_message_bytes``) by tornado before any byte reaches a kernel.
4. **A jupyter_server extension** (`_load_jupyter_server_extension`) applies 1 and 2 to the
   single-user server of the Docker / Zero-to-JupyterHub deploy, where the hub's login already
   ties the pod to one visitor (deploy/zero-to-jupyterhub/jupyter_server_config.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import httputil, web
from tornado.routing import Matcher, Rule
from traitlets import Integer, default
from traitlets.config import Config
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler

from . import freed_memory
from .answers import MAX_BYTES

COOKIE = "autodiag_pagina"
GUARD_SETTING = "autodiag_guard"
KERNEL_ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# A file below a static folder: segments of plain characters, none starting with a dot (no "..").
SAFE_FILE = r"[A-Za-z0-9_@-][A-Za-z0-9_.@-]*(?:/[A-Za-z0-9_@-][A-Za-z0-9_.@-]*)*"
PAGE_KERNEL = re.compile(r'"kernelId":\s*"(' + KERNEL_ID + r')"')

MIB = 1024 * 1024
SESSION_MIB = 160  # one official's kernel after the results and reports (README, benchmarks/app.py)
RESERVED_MIB = 1024  # the server, the kernel pool and the system
UNCONNECTED_GRACE = 120  # s: a page whose HTML has arrived connects within seconds, even on a crowded server
MAX_MESSAGE_BYTES = MAX_BYTES + MIB  # one websocket message: the largest answers file the app reads, and its envelope
MAX_BODY_BYTES = 64 * 1024  # one HTTP body: the page sends only the close-page beacon
# The kernels talk over Unix sockets (serve.py: transport "ipc"), whose path may hold 103 bytes on
# macOS (107 on Linux); Voilà puts them in a new folder of the temporary folder. A long TMPDIR
# (macOS's /var/folders/…, a CI's work folder) would leave no kernel able to start.
SOCKET_PATH_MAX = 103
SOCKET_NAME = len("/voila_12345678/kernel-" + "0" * 36 + "-ipc-4")


def connection_root(temporary: str | None = None, fallback: str = "/tmp") -> str:
    """The folder for the kernels' connection folders: the temporary folder, or `fallback` if its path is too long."""
    found = temporary or tempfile.gettempdir()
    if len(os.fsencode(found)) + SOCKET_NAME > SOCKET_PATH_MAX and os.path.isdir(fallback):
        return fallback
    return found


def read_buffer_bytes(max_message_bytes: int, max_body_bytes: int) -> int:
    """A connection's read buffer: twice the largest message or body it may carry."""
    return 2 * max(max_message_bytes, max_body_bytes)


def default_max_kernels(meminfo: Path = Path("/proc/meminfo")) -> int:
    """Pages that fit in this machine's memory: (total − 1 GiB) / 160 MiB, at least 2."""
    try:
        total_kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return 20
    return max(2, (total_kib // 1024 - RESERVED_MIB) // SESSION_MIB)


@dataclass(frozen=True)
class Route:
    """A request the page makes: methods, a path pattern below the base URL, and whether it is a kernel's."""

    methods: frozenset[str]
    pattern: re.Pattern[str]
    keyed: bool = False  # the path names a kernel (group "kernel"): the page key must match


def _route(methods: str, pattern: str, keyed: bool = False) -> Route:
    return Route(frozenset(methods.split()), re.compile(pattern), keyed)


# `python -m autodiag app`: the page is the base URL itself (Voilà serving one notebook).
STANDALONE_ROUTES = (
    _route("GET HEAD", r""),
    _route("GET HEAD", r"voila/static/" + SAFE_FILE),
    _route("GET HEAD", r"voila/templates/[A-Za-z0-9_-]+/static/" + SAFE_FILE),
    _route("GET HEAD", r"voila/labextensions/" + SAFE_FILE),
    _route("GET", r"api/kernels/(?P<kernel>" + KERNEL_ID + r")", keyed=True),
    _route("GET", r"api/kernels/(?P<kernel>" + KERNEL_ID + r")/channels", keyed=True),
    _route("POST", r"voila/api/shutdown/(?P<kernel>" + KERNEL_ID + r")", keyed=True),
)

# The single-user server of the deploy (Voilà as a jupyter_server extension, behind JupyterHub):
# the app at voila/render/, the hub's OAuth return and the server's root (a redirect to the app).
EXTENSION_ROUTES = (
    _route("GET HEAD", r""),
    _route("GET HEAD", r"voila/render/notebooks/autodiagnostico\.ipynb"),
    _route("GET HEAD", r"voila/static/" + SAFE_FILE),
    _route("GET HEAD", r"voila/templates/[A-Za-z0-9_-]+/static/" + SAFE_FILE),
    _route("GET HEAD", r"voila/labextensions/" + SAFE_FILE),
    _route("GET", r"api/kernels/" + KERNEL_ID),
    _route("GET", r"api/kernels/" + KERNEL_ID + r"/channels"),
    _route("POST", r"voila/api/shutdown/" + KERNEL_ID),
    _route("GET", r"oauth_callback"),
)


class PageKeys:
    """The page key of a kernel: HMAC-SHA256 of its id under a secret of this server process."""

    def __init__(self, secret: bytes | None = None):
        self._secret = secret or secrets.token_bytes(32)

    def key(self, kernel_id: str) -> str:
        return hmac.new(self._secret, kernel_id.encode(), hashlib.sha256).hexdigest()

    def opens(self, kernel_id: str, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(self.key(kernel_id), value)


class Guard:
    """Which requests pass, which kernels belong to a page, and how many pages may hold one."""

    def __init__(self, base_url: str, routes: Iterable[Route], *, keyed: bool, max_kernels: int = 0,
                 running: Callable[[], Iterable[str]] = tuple, keys: PageKeys | None = None):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.routes = tuple(routes)
        self.keyed = keyed
        self.max_kernels = max_kernels
        self.running = running
        self.keys = keys or PageKeys()
        self._pages: set[str] = set()  # kernels started for a page (not the pool's)
        self._admitted = 0  # pages let in whose kernel is not known yet

    def allows(self, method: str, path: str, cookies: Mapping[str, Any]) -> bool:
        if not path.startswith(self.base_url):
            return False
        rest = path[len(self.base_url):]
        for route in self.routes:
            found = route.pattern.fullmatch(rest)
            if found and method in route.methods:
                if route.keyed and self.keyed:
                    morsel = cookies.get(COOKIE)
                    return self.keys.opens(found["kernel"], morsel.value if morsel is not None else None)
                return True
        return False

    def page_kernels(self) -> int:
        self._pages &= set(self.running())
        return len(self._pages)

    def admit(self) -> bool:
        """Let one more page in if fewer than `max_kernels` pages hold (or are getting) a kernel."""
        if self.max_kernels and self.page_kernels() + self._admitted >= self.max_kernels:
            return False
        self._admitted += 1
        return True

    def bind(self, kernel_id: str) -> None:
        self._pages.add(kernel_id)
        self._admitted -= 1

    def release(self) -> None:
        """An admitted page that ended without a kernel."""
        self._admitted -= 1


class _Refused(Matcher):
    def __init__(self, guard: Guard):
        self.guard = guard

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return None if self.guard.allows(request.method or "", request.path, request.cookies) else {}


class RefusedHandler(web.RequestHandler):
    """404 for every method: the body is the Spanish error page (`Hardening`)."""

    def prepare(self) -> None:
        raise web.HTTPError(404)

    def check_xsrf_cookie(self) -> None:  # refused anyway, with 404 rather than 403
        pass


def error_renderer(env: Environment | Callable[[], Environment]) -> Callable[[int], bytes]:
    """status → the ``error.html`` page of the Voilà template; `env` may be given later (a callable)."""

    def render(status: int) -> bytes:
        found = env if isinstance(env, Environment) else env()
        return found.get_template("error.html").render(status_code=status).encode("utf-8")

    return render


def hardening(render: Callable[[int], bytes]) -> type[web.OutputTransform]:
    """The output transform that removes banners and gives every error the Spanish page."""

    class Hardening(web.OutputTransform):
        def transform_first_chunk(self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes,
                                  finishing: bool) -> tuple[int, httputil.HTTPHeaders, bytes]:
            if "Server" in headers:
                del headers["Server"]
            headers["X-Content-Type-Options"] = "nosniff"
            headers["Referrer-Policy"] = "no-referrer"
            if status_code >= 400 and finishing:
                chunk = render(status_code)
                headers["Content-Type"] = "text/html; charset=UTF-8"
                headers["Content-Length"] = str(len(chunk))
                headers["Cache-Control"] = "no-store"
                for name in ("Content-Encoding", "Etag", "Last-Modified"):
                    if name in headers:
                        del headers[name]
            return status_code, headers, chunk

    return Hardening


def install(app: web.Application, guard: Guard, env: Environment | Callable[[], Environment]) -> None:
    """Put the gate before every route of `app`, and the hardening transform on every response."""
    router = app.default_router
    router.rules.insert(0, router.process_rule(Rule(_Refused(guard), RefusedHandler)))
    app.add_transform(hardening(error_renderer(env)))
    app.settings[GUARD_SETTING] = guard


def page_config_without_version(page_config: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Voilà's ``page_config_hook``: the page does not tell which Voilà serves it."""
    page_config.pop("appVersion", None)
    return page_config


class PoolSafeKernelManager(AsyncMappingKernelManager):
    """Culls the kernels of pages that never connected, and never the kernel of a page in use.

    With preheated kernels (``VoilaConfiguration.preheat_kernel``) a kernel waits idle in the pool
    until a page takes it; Voilà keeps pool kernels from being culled once their notebook has run
    (while it still runs, Voilà cannot tell them apart, and they reach this culler). A page's
    browser can connect only once the whole page has arrived, and the page is sent as its notebook
    runs, however long that takes on a loaded machine: while `PageHandler` is still sending it
    (`page_sending` … `page_sent`) its kernel is never culled. Once the page is sent, the kernel's
    idle clock starts afresh (the first time the culler sees it after that; every pass also forgets
    the kernels found waiting in the pool, however long they waited), and the page has
    `unconnected_grace` seconds of the kernel's inactivity to connect its websocket: a page whose
    HTML has arrived connects within seconds; a plain GET that never runs the page's scripts (a
    crawler, a burst of requests) does not, and its kernel is shut down. A kernel whose page
    connected is culled only as ``cull_idle_timeout`` and ``cull_connected`` say.

    A pass that follows a page sent or a kernel shut down gives the memory they held back to the
    system (`freed_memory.give_back`): bursts of pages leave no lasting mark on the server.
    """

    unconnected_grace = Integer(UNCONNECTED_GRACE, config=True,
                                help="Idle seconds before a kernel whose page never connected is shut down.")

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._seen_outside_pool: set[str] = set()
        self._connected: set[str] = set()
        self._sending: set[str] = set()
        self._freed_since_last_pass = False

    def page_sending(self, kernel_id: str) -> None:
        """A page that runs on `kernel_id` is being built and sent: its browser cannot connect yet."""
        self._sending.add(kernel_id)

    def page_sent(self, kernel_id: str) -> None:
        """The page of `kernel_id` has been sent (or its request ended): its grace starts at the next pass."""
        self._sending.discard(kernel_id)
        self._seen_outside_pool.discard(kernel_id)
        self._freed_since_last_pass = True

    async def cull_kernels(self) -> None:
        self._seen_outside_pool -= self._waiting_in_pool()
        await super().cull_kernels()
        if self._freed_since_last_pass:
            self._freed_since_last_pass = False
            await asyncio.to_thread(freed_memory.give_back)  # tens of ms at most, off the event loop

    def _waiting_in_pool(self) -> set[str]:
        """Kernels whose preheated notebook has run and that no page has taken yet (Voilà's pools)."""
        waiting = set()
        for pool in getattr(self, "_pools", {}).values():
            for item in pool:
                if item.done() and not item.cancelled() and item.exception() is None:
                    waiting.add(item.result().get("kernel_id"))
        return waiting

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        # Voilà's pool manager returns early for a kernel waiting in the pool; a pool kernel whose
        # notebook is still running, or a page's kernel, reaches here
        kernel = self._kernels.get(kernel_id)
        if kernel is None or kernel_id in self._sending:
            return None
        if self._kernel_connections.get(kernel_id, 0):
            self._connected.add(kernel_id)
        if kernel_id not in self._seen_outside_pool:
            self._seen_outside_pool.add(kernel_id)
            if kernel_id not in self._connected:
                kernel.last_activity = utcnow()
                return None
        if kernel_id not in self._connected:
            if utcnow() - kernel.last_activity >= timedelta(seconds=self.unconnected_grace):
                self.log.info("Kernel %s shut down: its page did not connect within %s s", kernel_id,
                              self.unconnected_grace)
                await self.shutdown_kernel(kernel_id)
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self._seen_outside_pool.discard(kernel_id)
        self._connected.discard(kernel_id)
        self._sending.discard(kernel_id)
        self._freed_since_last_pass = True
        _forget_request_info(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)


def _forget_request_info(kernel_id: str) -> None:
    """Voilà caches each page's request for its kernel and never drops it (a small leak per page)."""
    RequestInfoSocketHandler._cache.pop(kernel_id, None)


# ----- `python -m autodiag app`: Voilà's application, guarded -----


class PageHandler(TornadoVoilaHandler):
    """The app's page: admitted under the kernel cap, and handing its browser the kernel's page key."""

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        guard: Guard = self.settings[GUARD_SETTING]
        if not guard.admit():
            self.log.warning("Page refused: %s pages hold a kernel (max_kernels)", guard.max_kernels)
            raise web.HTTPError(503)
        kernels: PoolSafeKernelManager = self.kernel_manager
        kernel_id = None
        pending = ""  # the page up to its kernel id: the key must go out with the headers
        try:
            async for html in self.get_generator(path=path):
                if kernel_id is None:
                    pending += html
                    if not (found := PAGE_KERNEL.search(pending)):
                        continue
                    kernel_id = found[1]
                    guard.bind(kernel_id)
                    kernels.page_sending(kernel_id)
                    self._hand_key(guard, kernel_id)
                    html = pending
                self.write(html)
                self.flush()
            if kernel_id is None:
                self.write(pending)
        finally:
            if kernel_id is None:
                guard.release()
            else:
                kernels.page_sent(kernel_id)

    def _hand_key(self, guard: Guard, kernel_id: str) -> None:
        secure = self.request.protocol == "https" or self.request.headers.get("X-Forwarded-Proto") == "https"
        for path in (f"{self.base_url}api/kernels/{kernel_id}", f"{self.base_url}voila/api/shutdown/{kernel_id}"):
            # one cookie name on two paths (set_cookie would keep only the last of a name)
            self.add_header("Set-Cookie", f"{COOKIE}={guard.keys.key(kernel_id)}; Path={path}; HttpOnly; "
                                          f"SameSite=Strict{'; Secure' if secure else ''}")


class AutodiagVoila(Voila):
    """Voilà serving one notebook behind the guard (see the module's text)."""

    max_kernels = Integer(0, config=True, help="Pages holding a kernel at once (0: from the machine's memory).")
    max_message_bytes = Integer(MAX_MESSAGE_BYTES, config=True, help="Largest websocket message, in bytes.")
    max_body_bytes = Integer(MAX_BODY_BYTES, config=True, help="Largest HTTP request body, in bytes.")

    @default("connection_dir_root")
    def _connection_root(self) -> str:
        return connection_root()

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        if self.voila_configuration.page_config_hook is None:
            self.voila_configuration.page_config_hook = page_config_without_version

    def init_handlers(self) -> list:
        handlers = [(pattern, PageHandler if handler is TornadoVoilaHandler else handler, *rest)
                    for pattern, handler, *rest in super().init_handlers()]
        guard = Guard(self.base_url, STANDALONE_ROUTES, keyed=True,
                      max_kernels=self.max_kernels or default_max_kernels(),
                      running=self.kernel_manager.list_kernel_ids)
        install(self.app, guard, self.app.settings["voila_jinja2_env"])
        self.app.settings["websocket_max_message_size"] = self.max_message_bytes
        # max_buffer_size bounds every connection's read buffer, websockets too: room for one largest message
        self.app.listen = partial(self.app.listen, max_body_size=self.max_body_bytes,
                                  max_buffer_size=read_buffer_bytes(self.max_message_bytes, self.max_body_bytes))
        self.log.info("autodiag guard: at most %s pages with a kernel", guard.max_kernels)
        return handlers


def main(settings: Mapping[str, Any] | None = None) -> None:
    """``python -m autodiag.server_guard NOTEBOOK [options]``: `AutodiagVoila` with the app's settings."""
    from .serve import VOILA_SETTINGS

    AutodiagVoila.launch_instance(config=Config(dict(settings or VOILA_SETTINGS)))


# ----- the deploy's single-user server: a jupyter_server extension -----

def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "autodiag.server_guard"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Close the single-user server to everything but the app (Voilà's extension is loaded after this one)."""
    app = serverapp.web_app
    guard = Guard(app.settings.get("base_url", "/"), EXTENSION_ROUTES, keyed=False)
    install(app, guard, lambda: app.settings["voila_jinja2_env"])
    serverapp.log.info("autodiag guard: only the app is served")


if __name__ == "__main__":
    main()
