"""autodiag.server_guard: its rules without a server, and the stack internals it leans on.

The second half fails loudly, naming what changed, if a Voilà, jupyter_server or tornado release
moves or renames anything the guard uses (then the guard, not the app, must be adapted).
"""

from __future__ import annotations

import asyncio
import inspect
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest

from autodiag import server_guard as g
from autodiag.serve import SHARE, TEMPLATE
from helpers import fake_kernel, recorded_shutdowns

KERNEL = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
OTHER = "11111111-2222-3333-4444-555555555555"


def cookies(value: str | None) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    if value is not None:
        jar[g.COOKIE] = value
    return jar


@pytest.fixture
def guard() -> g.Guard:
    return g.Guard("/", g.STANDALONE_ROUTES, keyed=True, max_kernels=2, running=lambda: [KERNEL, OTHER])


@pytest.mark.parametrize("method, path", [
    ("GET", "/"), ("HEAD", "/"), ("GET", "/voila/static/voila.js"), ("GET", "/voila/static/2772.voila.js"),
    ("GET", "/voila/templates/autodiag/static/index.css"),
    ("GET", "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/remoteEntry.c8c9eed2.js"),
])
def test_what_the_page_loads_passes(guard, method, path):
    assert guard.allows(method, path, cookies(None))


@pytest.mark.parametrize("method, path", [
    ("POST", "/"), ("GET", "/api/kernels"), ("GET", "/api/sessions"), ("GET", "/api/contents"),
    ("GET", "/api/terminals"), ("GET", "/api/kernelspecs"), ("GET", "/api/config/notebook"), ("GET", "/api/nbconvert"),
    ("GET", "/logout"), ("GET", "/login"), ("GET", "/tree"), ("GET", "/voila/static/../app.py"),
    ("GET", "/voila/static/.hidden"), ("GET", "/voila/templates/autodiag/static/../conf.json"),
    ("GET", "/voila/templates/autodiag/conf.json"), ("GET", "/voila/static/%2e%2e/app.py"),
    ("GET", "/voila/query/" + KERNEL), ("GET", "/voila/files/voila.json"), ("DELETE", "/api/kernels/" + KERNEL),
    ("POST", f"/api/kernels/{KERNEL}/restart"), ("GET", "/voila/api/themes/x.css"), ("GET", "//voila/static/voila.js"),
])
def test_anything_else_is_refused(guard, method, path):
    assert not guard.allows(method, path, cookies(guard.keys.key(KERNEL)))


@pytest.mark.parametrize("method, path", [
    ("GET", f"/api/kernels/{KERNEL}"), ("GET", f"/api/kernels/{KERNEL}/channels"),
    ("POST", f"/voila/api/shutdown/{KERNEL}"),
])
def test_a_kernel_answers_only_its_page_key(guard, method, path):
    assert guard.allows(method, path, cookies(guard.keys.key(KERNEL)))
    assert not guard.allows(method, path, cookies(None))
    assert not guard.allows(method, path, cookies(guard.keys.key(OTHER))), "another page's key"
    assert not guard.allows(method, path, cookies("0" * 64)), "a made-up key"
    assert not guard.allows(method, path, cookies(g.PageKeys().key(KERNEL))), "a key of another server"


def test_the_base_url_prefixes_every_route():
    guard = g.Guard("/autodiag/", g.STANDALONE_ROUTES, keyed=True)
    assert guard.allows("GET", "/autodiag/", cookies(None))
    assert guard.allows("GET", "/autodiag/voila/static/voila.js", cookies(None))
    assert not guard.allows("GET", "/voila/static/voila.js", cookies(None))


def test_the_deploy_server_passes_the_app_and_the_hub_login_and_nothing_else():
    guard = g.Guard("/user/x/", g.EXTENSION_ROUTES, keyed=False)
    assert guard.allows("GET", "/user/x/voila/render/notebooks/autodiagnostico.ipynb", cookies(None))
    assert guard.allows("GET", "/user/x/oauth_callback", cookies(None))
    assert guard.allows("GET", f"/user/x/api/kernels/{KERNEL}/channels", cookies(None))  # the hub's login guards it
    for path in ("api/contents", "api/sessions", "api/terminals", "api/kernels", "lab", "tree", "terminals/1",
                 "voila/render/notebooks/taller.ipynb", "files/content/preguntas.yaml", "api/kernelspecs"):
        assert not guard.allows("GET", "/user/x/" + path, cookies(None)), path
    assert not guard.allows("DELETE", f"/user/x/api/kernels/{KERNEL}", cookies(None))


def test_pages_beyond_the_cap_wait_until_a_kernel_goes():
    running = [KERNEL]
    guard = g.Guard("/", g.STANDALONE_ROUTES, keyed=True, max_kernels=2, running=lambda: running)
    assert guard.admit() and guard.admit()
    assert not guard.admit(), "two pages being served: the third is refused"
    guard.bind(KERNEL)
    guard.release()  # the second page ended without a kernel
    assert guard.admit()
    guard.bind(OTHER)
    running.append(OTHER)
    assert not guard.admit(), "two pages hold kernels"
    running.remove(KERNEL)  # culled, or its page closed
    assert guard.admit()


def test_the_default_cap_comes_from_the_machines_memory(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:        4194304 kB\nMemFree: 1 kB\n")  # 4 GiB
    assert g.default_max_kernels(meminfo) == (4096 - 1024) // 160 == 19
    meminfo.write_text("MemTotal:        1048576 kB\n")
    assert g.default_max_kernels(meminfo) == 2
    assert g.default_max_kernels(tmp_path / "no-existe") == 20


def test_the_error_page_is_spanish_and_requests_nothing():
    from jinja2 import Environment, FileSystemLoader

    render = g.error_renderer(Environment(loader=FileSystemLoader(str(SHARE / "voila" / "templates" / TEMPLATE)),
                                          autoescape=True))
    busy = render(503).decode()
    assert "El servidor está ocupado, intente en unos minutos" in busy and '<html lang="es">' in busy
    for status in (403, 404, 405, 413, 500, 502, 503):
        page = render(status).decode()
        assert f"Código {status}" in page
        assert "http" not in page.replace('name="viewport"', ""), "no request to any other site"
        assert "<script" not in page and "Voil" not in page and "Jupyter" not in page


def test_the_page_config_names_no_version():
    assert g.page_config_without_version({"appVersion": "0.5.13", "baseUrl": "/"}) == {"baseUrl": "/"}


async def expect_the_whole_grace(manager, kernel, gone: list[str]) -> None:
    """From now on, `kernel` (id "k") is kept 120 s of inactivity for its page to connect, then shut down."""
    from jupyter_server._tz import utcnow

    await manager.cull_kernels()
    assert gone == [], "the grace starts now: the page has all of it to connect"
    kernel.last_activity = utcnow() - timedelta(seconds=121)
    await manager.cull_kernels()
    assert gone == ["k"], "a page that never connected: shut down after the grace"


def test_a_kernel_whose_page_never_connected_goes_after_the_grace_whatever_the_idle_timeout():
    from jupyter_server._tz import utcnow

    manager = g.PoolSafeKernelManager(cull_idle_timeout=3600, unconnected_grace=120)
    gone = recorded_shutdowns(manager)
    kernel = fake_kernel(utcnow() - timedelta(hours=1))
    manager._kernels["k"] = kernel
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert gone == [], "just taken from the pool: a fresh clock"
    kernel.last_activity = utcnow() - timedelta(seconds=100)
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert gone == [], "a page still loading has 120 s"
    kernel.last_activity = utcnow() - timedelta(seconds=121)
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert gone == ["k"], "a page that never came: shut down after the grace, not after the hour"


def test_a_kernel_that_waited_long_in_voilas_pool_gets_the_whole_grace_once_a_page_takes_it(tmp_path):
    """Found in CI on a slow machine: a pool kernel seen while its notebook still ran, then waiting
    more than the grace in the pool, was shut down the moment a page took it ("Kernel died")."""
    from jupyter_server._tz import utcnow
    from traitlets.config import Configurable
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    class Parent(Configurable):
        root_dir = str(tmp_path)  # no notebooks: the test fills the pool by hand
        notebook_path = None

    manager_class = voila_kernel_manager_factory(g.PoolSafeKernelManager, preheat_kernel=True, default_pool_size=1)

    async def scenario():
        manager = manager_class(parent=Parent(), cull_idle_timeout=3600, unconnected_grace=120)
        gone = recorded_shutdowns(manager)
        kernel = fake_kernel(utcnow(), state="busy")
        manager._kernels["k"] = kernel
        preheating = asyncio.get_running_loop().create_future()
        manager._pools["autodiagnostico.ipynb"] = [preheating]
        await manager.cull_kernels()  # its notebook still running: Voilà cannot tell it is a pool kernel
        preheating.set_result({"kernel_id": "k"})
        kernel.last_activity = utcnow() - timedelta(minutes=30)  # then half an hour waiting in the pool
        await manager.cull_kernels()
        assert gone == [], "a kernel waiting in the pool is never culled"
        manager._pools["autodiagnostico.ipynb"].pop(0)  # a page takes it
        await expect_the_whole_grace(manager, kernel, gone)

    asyncio.run(scenario())


def test_a_page_still_being_sent_keeps_its_kernel_however_long_it_takes_then_gets_the_whole_grace():
    """Found in CI on a slow machine: a page whose notebook was still running more than 120 s after
    it took its kernel lost it ("Kernel died"), though its browser could not have connected yet."""
    from jupyter_server._tz import utcnow

    async def scenario():
        manager = g.PoolSafeKernelManager(cull_idle_timeout=3600, unconnected_grace=120)
        gone = recorded_shutdowns(manager)
        kernel = fake_kernel(utcnow(), state="busy")
        manager._kernels["k"] = kernel
        await manager.cull_kernels()  # seen before the page knew its kernel: the clock starts
        manager.page_sending("k")
        kernel.last_activity = utcnow() - timedelta(minutes=10)  # a notebook stuck for ten minutes
        await manager.cull_kernels()
        assert gone == [], "its page is still being sent: the browser cannot connect yet"
        manager.page_sent("k")
        await expect_the_whole_grace(manager, kernel, gone)

    asyncio.run(scenario())


def test_kernel_sockets_live_in_a_folder_short_enough_for_unix_socket_paths(tmp_path):
    assert g.connection_root("/tmp") == "/tmp"
    macos = "/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T"  # 48 bytes: a socket path of 113
    assert g.connection_root(macos) == "/tmp"
    socket = "/voila_ylpr966m/kernel-3434d967-480c-40ed-94c6-f469b863de9e-ipc-4"
    assert len(g.connection_root(macos) + socket) <= g.SOCKET_PATH_MAX
    assert g.connection_root(macos, fallback=str(tmp_path / "missing")) == macos, "no fallback folder: as before"
    assert g.AutodiagVoila().connection_dir_root == g.connection_root()


def test_a_connected_page_is_culled_only_by_the_idle_timeout():
    from jupyter_server._tz import utcnow

    manager = g.PoolSafeKernelManager(cull_idle_timeout=3600, unconnected_grace=120)
    gone = recorded_shutdowns(manager)
    manager._kernels["k"] = fake_kernel(utcnow())
    manager._kernel_connections["k"] = 1
    asyncio.run(manager.cull_kernel_if_idle("k"))
    manager._kernel_connections["k"] = 0  # the page went without a word
    manager._kernels["k"].last_activity = utcnow() - timedelta(minutes=30)
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert gone == [], "idle half an hour: kept (cull_idle_timeout is an hour)"
    manager._kernels["k"].last_activity = utcnow() - timedelta(minutes=61)
    asyncio.run(manager.cull_kernel_if_idle("k"))
    assert gone == ["k"]


# ----- the internals the guard uses: fail here, by name, when the stack changes -----

def test_jupyter_server_kernel_manager_internals():
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    manager = AsyncMappingKernelManager()
    assert isinstance(manager._kernels, dict), "AsyncMappingKernelManager._kernels (id → kernel) is gone"
    assert isinstance(manager._kernel_connections, dict), "AsyncMappingKernelManager._kernel_connections is gone"
    assert inspect.iscoroutinefunction(AsyncMappingKernelManager.cull_kernel_if_idle)
    assert list(inspect.signature(AsyncMappingKernelManager.cull_kernel_if_idle).parameters) == ["self", "kernel_id"]
    assert "cull_idle_timeout" in AsyncMappingKernelManager.class_trait_names()
    from jupyter_server._tz import utcnow  # noqa: F401  (the clock kernels' last_activity is kept in)


def test_voila_internals():
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.utils import get_page_config

    assert "init_handlers" in vars(Voila) and "start" in vars(Voila), "Voila.init_handlers/start moved"
    assert "TornadoVoilaHandler" in inspect.getsource(Voila.init_handlers), "the page handler changed"
    assert "self.app = tornado.web.Application" in inspect.getsource(Voila.start)
    assert inspect.getsource(Voila.start).index("self.app =") < inspect.getsource(Voila.start).index("init_handlers")
    assert "self.app.listen(port, self.ip)" in inspect.getsource(Voila.listen), "how Voilà listens changed"
    assert inspect.isasyncgenfunction(TornadoVoilaHandler.get_generator)
    assert isinstance(RequestInfoSocketHandler._cache, dict)
    import voila.voila_kernel_manager as pool

    assert "self._pools" in inspect.getsource(pool), "Voilà's kernel pools (_pools: name → futures) changed"
    assert "page_config_hook" in VoilaConfiguration.class_trait_names()
    assert "multi_kernel_manager_class" in VoilaConfiguration.class_trait_names()
    page_config = get_page_config(base_url="/", settings={}, log=None, voila_configuration=VoilaConfiguration())
    assert "appVersion" in page_config, "the page config no longer names Voilà's version: drop the hook"
    assert "config_file_paths" in Voila.class_trait_names()


def test_tornado_internals():
    from tornado import web
    from tornado.routing import Rule

    app = web.Application([])
    assert isinstance(app.default_router.rules, list) and callable(app.default_router.process_rule)
    app.default_router.rules.insert(0, app.default_router.process_rule(Rule(g._Refused(g.Guard("/", (), keyed=False)),
                                                                           g.RefusedHandler)))
    assert "max_body_size" in inspect.signature(web.Application.listen).parameters or \
        "kwargs" in inspect.signature(web.Application.listen).parameters
    assert "samesite" in inspect.signature(web.RequestHandler.set_cookie).parameters
    assert "websocket_max_message_size" in inspect.getsource(__import__("tornado.websocket").websocket)
    assert hasattr(web.OutputTransform, "transform_first_chunk") and callable(web.Application.add_transform)
