"""No burst of plain GETs can hold the server's memory: a cap on kernels and a short life for unclaimed ones.

Every ``GET /`` gives a page a kernel (≈ 60 MiB). A page that never runs its scripts (a crawler,
a loop of requests) never connects to it. Here 20 plain GETs hit the real server at once with a
cap of 8 pages: 8 get the page, 12 get the Spanish 503 page (never a crash); the 8 unclaimed
kernels are shut down after the shipped grace (`PoolSafeKernelManager.unconnected_grace`, 120 s,
checked every 10 s), and the server gives back the memory it used for them (`freed_memory`).
Then a second, identical burst: a server that kept a little of every burst would be taken down
by a loop of them, so the memory of the server and its kernels (RSS from /proc) after the second
burst is back within 24 MiB of where the first left it. The figures are printed
(``pytest -s``) for the README.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from autodiag.server_guard import UNCONNECTED_GRACE

from .server import Server, serve

pytestmark = pytest.mark.browser

CAP = 8
BURST = 20
POOL = 2  # VOILA_SETTINGS' default_pool_size
CULL_INTERVAL = 10  # VOILA_SETTINGS' cull_interval
MIB = 1024 * 1024


def rss(pid: int) -> int:
    """Resident memory of one process, in bytes (0 if it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = [line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")]
    return int(found[0]) * 1024 if found else 0  # a process that has exited (a zombie) has none


def memory(server: Server) -> int:
    return rss(server.process.pid) + sum(rss(pid) for pid in server.kernel_pids())


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def settle(server: Server, kernels: int, timeout: float) -> float:
    """Seconds until the server has exactly `kernels` kernels, idle (their memory steady)."""
    start = time.monotonic()
    previous = -1
    while time.monotonic() - start < timeout:
        now = memory(server)
        if len(server.kernel_pids()) == kernels and abs(now - previous) < 2 * MIB:
            return time.monotonic() - start
        previous = now
        time.sleep(2)  # polling a condition, bounded by the deadline
    raise AssertionError(f"{len(server.kernel_pids())} kernels after {timeout} s, expected {kernels}:\n"
                         f"{server.log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def capped_server(tmp_path_factory) -> Server:
    with serve(tmp_path_factory.mktemp("limits"), extra_args=[f"--AutodiagVoila.max_kernels={CAP}"]) as server:
        yield server


def burst(server: Server) -> tuple[list[int], int, int]:
    """20 GETs at once: (their statuses, sorted; the kernels and the memory at the peak), checked as it goes."""
    with ThreadPoolExecutor(BURST) as pool:
        answers = list(pool.map(lambda _: get(server.url), range(BURST)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * CAP + [503] * (BURST - CAP), statuses
    busy = next(body for status, body in answers if status == 503)
    assert "El servidor está ocupado, intente en unos minutos" in busy and '<html lang="es">' in busy
    assert "Traceback" not in busy and "http" not in busy.replace('name="viewport"', "")
    peak_kernels = len(server.kernel_pids())
    assert peak_kernels <= CAP + POOL, f"{peak_kernels} kernels for a cap of {CAP} pages and a pool of {POOL}"
    assert server.process.poll() is None, "the server is still up"
    return statuses, peak_kernels, memory(server)


def test_bursts_of_plain_gets_are_capped_and_leave_no_memory_behind(capped_server):
    server = capped_server
    grace = UNCONNECTED_GRACE + 2 * CULL_INTERVAL
    settle(server, POOL, 300)
    before = memory(server)

    statuses, peak_kernels, peak = burst(server)
    back_in = settle(server, POOL, grace + 120)
    after_first = memory(server)
    print(f"\nGET burst: {BURST} GETs, cap {CAP}: {statuses.count(200)} pages, {statuses.count(503)} × 503; "
          f"kernels {POOL} → {peak_kernels} → {len(server.kernel_pids())} in {back_in:.0f} s "
          f"(grace {UNCONNECTED_GRACE} s); memory of server + kernels {before / MIB:.0f} MiB → "
          f"{peak / MIB:.0f} MiB → {after_first / MIB:.0f} MiB")
    assert after_first <= before + 64 * MIB, \
        f"memory {after_first / MIB:.0f} MiB after the burst, {before / MIB:.0f} MiB before: more than a kernel's worth"

    _, _, peak = burst(server)
    settle(server, POOL, grace + 120)
    after_second = memory(server)
    print(f"a second burst: {after_first / MIB:.0f} MiB → {peak / MIB:.0f} MiB → {after_second / MIB:.0f} MiB")
    assert after_second <= after_first + 24 * MIB, \
        f"memory {after_second / MIB:.0f} MiB after a second burst, {after_first / MIB:.0f} MiB after the first: " \
        "every burst leaves memory behind"

    status, body = get(server.url)
    assert status == 200 and "jupyter-config-data" in body, "with the unclaimed kernels gone, a page is served again"


@pytest.mark.parametrize("mib", [20])
def test_a_websocket_message_over_the_limit_never_reaches_the_kernel_and_the_page_goes_on(
        page, voila_server, rubric, mib):
    """The page itself refuses a file over the answers-file cap before sending it
    (tests/browser/test_limits_and_errors.py); the server does not rely on that. A 20 MB message
    sent on the page's own kernel websocket (with the page key the browser holds) is cut by tornado
    at the server's limit (`MAX_MESSAGE_BYTES`): the socket is closed, the kernel never holds the
    bytes, and the page goes on recording answers."""
    from autodiag.server_guard import MAX_MESSAGE_BYTES

    from .app_page import AppPage, kernel_id, kernel_pid

    assert mib * MIB > MAX_MESSAGE_BYTES
    app = AppPage(page, voila_server, rubric)
    app.open()
    app.start()
    app.option(rubric.questions[0].id, "si").check()
    app.expect_progress(1)
    kernel = kernel_id(page)
    pid = kernel_pid(voila_server, kernel)
    before = rss(pid)
    closed = page.evaluate("""async ([kernel, size]) => {
        const url = new URL(`api/kernels/${kernel}/channels`, document.baseURI);
        url.protocol = url.protocol.replace("http", "ws");
        const socket = new WebSocket(url);
        await new Promise((ok, fail) => { socket.onopen = ok; socket.onerror = fail; });
        const done = new Promise((ok) => { socket.onclose = (event) => ok(event.code); });
        socket.send("x".repeat(size));
        return await done;
    }""", [kernel, mib * MIB])
    assert closed in (1006, 1009), f"the server closed the oversized message's socket (code {closed})"
    app.option(rubric.questions[1].id, "si").check()
    app.expect_progress(2)  # the page's own connection still works: its answers still count
    assert rss(pid) < before + mib * MIB // 2, "the kernel never received the message"
