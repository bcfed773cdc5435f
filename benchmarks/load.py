"""Benchmark of a workshop: 10, 30 and 50 officials opening the app at once on one server.

Usage:  python3 benchmarks/load.py [--sessions 10 30 50] [--diagnose 50] [--cull-timeout SECONDS]

For each count, a fresh server on loopback started as the README does (`python -m autodiag app`:
autodiag.serve.VOILA_SETTINGS, so preheated kernels if they are set) and one headless Chromium with
that many browser contexts opened together. Prints, per count:
  - time from opening the URL until the first question is visible: median and max per session,
    and the total until every session shows it; failures (sessions that never did);
  - CPU seconds spent meanwhile by the server and its kernels, and by the browser (which here
    shares the server's cores; an official's browser runs on their own machine);
  - resident memory (sum of VmRSS) of the Voilà server and all its kernels before, with the
    sessions open, and some seconds after the pages close; median RSS of one session's kernel;
  - for the `--diagnose` count, every session then answers its own seeded profile (62 clicks),
    shows the results and downloads its answers file and HTML report, each checked against
    `autodiag.score` of its own profile (autodiag.dev.sessions, as tests/browser/test_load.py);
  - whether any kernel died or was restarted (the server's log) and the server stayed up.
Idle kernels are culled: the app's timeout is printed; here a short one (60 s, or
`--cull-timeout`) is passed on the command line so that memory can be seen to return after the
pages close. A kernel whose page has not connected yet is shut down after 120 s of its
inactivity (autodiag.server_guard.PoolSafeKernelManager.unconnected_grace); the page cap
(AutodiagVoila.max_kernels, from the machine's memory) is printed.
Figures, not asserts. Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autodiag.dev.server import serve  # noqa: E402
from autodiag.dev.sessions import (  # noqa: E402
    Session,
    alive,
    distinct_profiles,
    kernel_pids_by_id,
    kernel_trouble,
    launch,
    new_contexts,
    rss_kib,
)
from autodiag.serve import VOILA_SETTINGS  # noqa: E402
from autodiag.server_guard import default_max_kernels  # noqa: E402


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def seconds(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"median {statistics.median(values):5.1f} s   max {max(values):5.1f} s"


def why(error: BaseException) -> str:
    """The first line of an error, and the locator it waited for."""
    lines = str(error).splitlines() or [type(error).__name__]
    waited = next((line.strip() for line in lines if "waiting for" in line), "")
    return f"{lines[0]} {waited}".strip()


def total_rss(server) -> tuple[int, int, int]:
    """(VmRSS of the server and all its kernels, of the server alone (KiB), number of kernels)."""
    kernels = server.kernel_pids()
    own = rss_kib(server.process.pid)
    return own + sum(rss_kib(pid) for pid in kernels), own, len(kernels)


def memory(figures: tuple[int, int, int]) -> str:
    total, own, kernels = figures
    return f"{mib(total)} (server {mib(own)} + {kernels} kernels)"


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def browser_pids() -> list[int]:
    """Every Chromium process on the machine (the benchmark's browser is the only one)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().startswith("chrom"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def cpu_use(server) -> dict[str, float]:
    """CPU seconds used so far by the server, its kernels, and the browser."""
    return {"server": cpu_seconds(server.process.pid),
            "kernels": sum(cpu_seconds(pid) for pid in server.kernel_pids()),
            "browser": sum(cpu_seconds(pid) for pid in browser_pids())}


def wait_for(condition, timeout: float, step: float = 0.5) -> float | None:
    """Poll `condition()` until true; seconds it took, or None at the deadline."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(step)  # polling a condition, bounded by the deadline
    return None


async def drive(server, rubric, count: int, diagnose: bool, timeout_ms: float) -> dict:
    from playwright.async_api import async_playwright

    figures: dict = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            contexts = await new_contexts(browser, count, timeout_ms)
            profiles = distinct_profiles(rubric, count)
            sessions = [Session(i, c, server.url, rubric, p, timeout=timeout_ms)
                        for i, (c, p) in enumerate(zip(contexts, profiles))]
            started, cpu_before = time.monotonic(), cpu_use(server)
            opened = await asyncio.gather(*(s.open() for s in sessions), return_exceptions=True)
            figures["open_total"] = time.monotonic() - started
            cpu_after = cpu_use(server)
            figures["open_cpu"] = {part: cpu_after[part] - cpu_before[part] for part in cpu_after}
            figures["open_failures"] = [f"{s.index}: {why(r)}" for s, r in zip(sessions, opened)
                                        if isinstance(r, BaseException)]
            failed = [s for s, r in zip(sessions, opened) if isinstance(r, BaseException) and s.page]
            figures["failures"] = len(failed) + sum(1 for s in sessions if not s.page)
            if failed:  # what the first failed page shows
                shot = Path(tempfile.gettempdir()) / f"autodiag-load-{count}-failed.png"
                await failed[0].page.screenshot(path=str(shot))
                text = " ".join((await failed[0].page.locator("body").inner_text()).split())[:200]
                figures["open_failures"].append(f"session {failed[0].index} shows «{text}» ({shot})")
            ok = [s for s, r in zip(sessions, opened) if not isinstance(r, BaseException)]
            figures["first_question"] = [s.times["first_question"] for s in ok]
            figures["start_button"] = [s.times["start_button"] for s in ok]
            pids = kernel_pids_by_id(server)
            session_pids = [pids[s.kernel] for s in ok if s.kernel in pids]
            figures["session_kernels"] = session_pids
            figures["rss_open"] = total_rss(server)
            figures["kernel_rss_open"] = [rss_kib(pid) for pid in session_pids]
            if diagnose:
                started = time.monotonic()
                done = await asyncio.gather(*(s.diagnose() for s in ok), return_exceptions=True)
                figures["diagnose_total"] = time.monotonic() - started
                figures["diagnose_failures"] = [f"{s.index}: {why(r)}" for s, r in zip(ok, done)
                                                if isinstance(r, BaseException)]
                figures["correct"] = sum(1 for r in done if not isinstance(r, BaseException))
                figures["diagnose_times"] = [s.times["downloads"] - s.times["first_question"] for s in ok
                                             if "downloads" in s.times]
                figures["rss_results"] = total_rss(server)
                figures["kernel_rss_results"] = [rss_kib(pid) for pid in session_pids]
            figures["kernels_alive"] = sum(1 for pid in session_pids if alive(pid))
            for context in contexts:
                await context.close()
        finally:
            await browser.close()
    return figures


def round_of(count: int, args, rubric) -> None:
    cull_timeout = args.cull_timeout
    cull = [f"--MappingKernelManager.cull_idle_timeout={cull_timeout}",
            f"--MappingKernelManager.cull_interval={args.cull_interval}"]
    with tempfile.TemporaryDirectory(prefix="autodiag-load-") as base, serve(Path(base), extra_args=cull) as server:
        voila_config = VOILA_SETTINGS["VoilaConfiguration"]
        if voila_config.get("preheat_kernel") and voila_config.get("default_pool_size", 1):  # pool kernels ready
            wait_for(lambda: "is filled with" in server.log.read_text(errors="replace"), 300)
        rss_before = total_rss(server)
        log_start = server.log.stat().st_size
        figures = asyncio.run(drive(server, rubric, count, count == args.diagnose, args.timeout * 1000))
        trouble = kernel_trouble(server, log_start)
        if trouble or figures["open_failures"] or figures.get("diagnose_failures"):
            kept = Path(tempfile.gettempdir()) / f"autodiag-load-{count}.log"
            kept.write_bytes(server.log.read_bytes())
        server_up = server.process.poll() is None
        closed = time.monotonic()
        gone = wait_for(lambda: not any(alive(pid) for pid in figures["session_kernels"]),
                        cull_timeout + 2 * args.cull_interval + 60)
        rss_after = total_rss(server)
        after = f"{gone:.0f} s" if gone is not None else f"not within {time.monotonic() - closed:.0f} s"

    failures = figures["failures"] + len(figures.get("diagnose_failures", []))
    print(f"\n== {count} concurrent sessions ==")
    print(f"  start button visible          {seconds(figures['start_button'])}")
    print(f"  first question visible        {seconds(figures['first_question'])}   "
          f"all {count}: {figures['open_total']:.1f} s")
    print(f"  failures                      {failures}" +
          "".join(f"\n      {line}" for line in figures["open_failures"] + figures.get("diagnose_failures", [])))
    cpu = figures["open_cpu"]
    print(f"  CPU to open them (seconds)    server {cpu['server']:.0f} + kernels {cpu['kernels']:.0f} = "
          f"{cpu['server'] + cpu['kernels']:.0f} ({(cpu['server'] + cpu['kernels']) / count:.1f} per session); "
          f"the browser {cpu['browser']:.0f} ({cpu['browser'] / count:.1f} per session)")
    print(f"  memory (VmRSS) before         {memory(rss_before)}")
    print(f"  memory with the sessions open {memory(figures['rss_open'])}")
    kernels = figures["kernel_rss_open"]
    if kernels:
        print(f"  one session's kernel (RSS)    median {mib(statistics.median(kernels))}   "
              f"min–max {mib(min(kernels))}–{mib(max(kernels))}   at the first question")
    if "correct" in figures:
        print(f"  answer 62 + results + files   {seconds(figures['diagnose_times'])}   "
              f"all {count}: {figures['diagnose_total']:.1f} s")
        print(f"  correctness                   {figures['correct']}/{count} sessions saw their own results, "
              f"answers file and report")
        results = figures["kernel_rss_results"]
        print(f"  memory after the results      {memory(figures['rss_results'])}")
        print(f"  one session's kernel (RSS)    median {mib(statistics.median(results))}   "
              f"max {mib(max(results))}   after the results")
    if trouble or failures:
        print(f"  server log kept in {kept}; its lines on kernel trouble:" +
              "".join(f"\n      {line[:160]}" for line in dict.fromkeys(trouble)))
    print(f"  kernel trouble in the log     {len(trouble)} lines   session kernels alive at the end "
          f"{figures['kernels_alive']}/{len(figures['session_kernels'])}   server up: {'yes' if server_up else 'NO'}")
    print(f"  after the pages closed        session kernels culled {after} after closing "
          f"(cull_idle_timeout={cull_timeout} s)")
    print(f"  memory then                   {memory(rss_after)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30, 50])
    parser.add_argument("--diagnose", type=int, default=50,
                        help="the session count whose sessions also answer, see results and download (default 50)")
    parser.add_argument("--cull-timeout", type=int, default=60,
                        help="idle seconds before the kernel of a closed page is culled (default 60)")
    parser.add_argument("--cull-interval", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=600, help="seconds for any one wait in a page")
    args = parser.parse_args()

    import autodiag

    rubric = autodiag.load_rubric()
    config = VOILA_SETTINGS
    culling = config.get("MappingKernelManager", {})
    voila_config = config.get("VoilaConfiguration", {})
    import platform

    import voila

    print(f"autodiag {autodiag.__version__}, Voilà {voila.__version__}, Python {platform.python_version()}, "
          f"{len(rubric.questions)} questions; loopback, headless Chromium")
    print(f"autodiag.serve.VOILA_SETTINGS: page cap {default_max_kernels()}; "
          f"preheat_kernel={voila_config.get('preheat_kernel', False)} "
          f"pool={voila_config.get('default_pool_size', 0)}; culls idle kernels after "
          f"{culling.get('cull_idle_timeout', 0)} s (checked every {culling.get('cull_interval', 300)} s, "
          f"cull_connected={culling.get('cull_connected', False)})")
    print(f"this run: --MappingKernelManager.cull_idle_timeout={args.cull_timeout} "
          f"--MappingKernelManager.cull_interval={args.cull_interval} (short, to see memory return)")
    for count in args.sessions:
        round_of(count, args, rubric)


if __name__ == "__main__":
    main()
