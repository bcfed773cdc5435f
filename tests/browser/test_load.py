"""Ten officials at once, each with their own answers: nobody sees anyone else's, nothing dies.

Bounded: 10 browser contexts (opened together) in one Chromium against one Voilà server on
loopback, each answering a different seeded profile by clicking every option, then showing the
results and downloading the answers file and the HTML report (`autodiag.dev.sessions` checks
each against `autodiag.score` of its own profile). benchmarks/load.py runs the same sessions
with 50 officials and prints the figures.

Marked ``load``: `scripts/test` (the README's test command, what `.ci/run` calls) runs it on its
own, after every other test, so that its ten kernels and browser contexts do not compete with
the rest of the suite for the machine. Its limits are generous on purpose (they bound a hang, they
do not measure speed): on a busy 2-core machine shared with other work, one session's wait has
taken more than 120 s, so every wait may take `TIMEOUT_MS` (5 min) and the whole run `DEADLINE`
(15 min). Speed is the benchmark's business, never an assert here.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from .conftest import UI_TIMEOUT
from .server import serve
from .sessions import Session, alive, distinct_profiles, kernel_pids_by_id, kernel_trouble, launch, new_contexts

pytestmark = [pytest.mark.browser, pytest.mark.load]

SESSIONS = 10
DEADLINE = 900  # seconds for the whole run, opening to the last download: bounds a hang, measures nothing
TIMEOUT_MS = max(UI_TIMEOUT, 300_000)  # one wait on a page with 10 kernels sharing 2 busy cores
# Kernels of closed pages are culled after a minute (those of pages sent but not yet connected are kept
# 120 s of inactivity: autodiag.server_guard.PoolSafeKernelManager).
CULL_ARGS = ["--MappingKernelManager.cull_idle_timeout=60", "--MappingKernelManager.cull_interval=10"]


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("voila"), extra_args=CULL_ARGS) as server:
        yield server


async def run(url: str, rubric, profiles: list[dict[str, str]], server):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            contexts = await new_contexts(browser, len(profiles), TIMEOUT_MS)
            sessions = [Session(i, context, url, rubric, profile, timeout=TIMEOUT_MS)
                        for i, (context, profile) in enumerate(zip(contexts, profiles))]
            await asyncio.gather(*(s.open() for s in sessions))
            pids = kernel_pids_by_id(server)
            kernels = {s.index: pids.get(s.kernel) for s in sessions}
            await asyncio.gather(*(s.diagnose() for s in sessions))
            still = {i: pid is not None and alive(pid) for i, pid in kernels.items()}
            for context in contexts:
                await context.close()
            return sessions, kernels, still
        finally:
            await browser.close()


def test_concurrent_sessions_each_get_their_own_results(voila_server, rubric):
    profiles = distinct_profiles(rubric, SESSIONS)
    assert len({tuple(sorted(p.items())) for p in profiles}) == SESSIONS, "every session answers differently"
    log_start = voila_server.log.stat().st_size
    started = time.monotonic()

    sessions, kernels, still = asyncio.run(asyncio.wait_for(
        run(voila_server.url, rubric, profiles, voila_server), timeout=DEADLINE))

    elapsed = time.monotonic() - started
    assert len({s.kernel for s in sessions}) == SESSIONS, "every page has its own kernel"
    assert all(kernels.values()), f"a page's kernel process was not found: {kernels}"
    assert all(still.values()), f"kernels died during the run: {[i for i, ok in still.items() if not ok]}"
    assert voila_server.process.poll() is None, "the Voilà server is still running"
    assert not kernel_trouble(voila_server, log_start), "\n".join(kernel_trouble(voila_server, log_start))
    assert all("downloads" in s.times for s in sessions)
    slowest = max(s.times["downloads"] for s in sessions)
    print(f"\n{SESSIONS} sessions in {elapsed:.1f} s; first question after "
          f"{max(s.times['first_question'] for s in sessions):.1f} s at most; slowest session {slowest:.1f} s")
