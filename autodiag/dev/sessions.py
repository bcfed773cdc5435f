"""Many officials at once: concurrent browser sessions driven with Playwright's async API.

Shared by tests/browser/test_load.py and benchmarks/load.py (10, 30, 50). Each
`Session` is one browser context (its own cookies and page, as a separate official would be)
answering its own `profile`: it opens the app, answers every question by clicking the option's
label, shows the results, downloads the answers file and the HTML report, and checks that
everything it sees is its own (`Session.diagnose` raises on the first difference).
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import autodiag

from .server import CHROMIUM, CHROMIUM_ARGS, Server

# Per component, how likely each answer is (si, parcial, no, nose): from a practice well in place to
# one barely started, so that sessions differ in levels and risks, not only in single answers.
LEANINGS = ((0.85, 0.1, 0.05, 0.0), (0.6, 0.25, 0.1, 0.05), (0.35, 0.3, 0.25, 0.1), (0.15, 0.25, 0.5, 0.1),
            (0.05, 0.1, 0.75, 0.1))

# Lines of the server's log that say a kernel died or was restarted (jupyter_client's restarter).
KERNEL_TROUBLE = re.compile(r"Restarter|restarting kernel|restarted|died|Traceback", re.IGNORECASE)


def seeded_profile(rubric: autodiag.Rubric, seed: int) -> dict[str, str]:
    """A complete answer profile drawn from `seed`: each component leans its own way."""
    rng = random.Random(seed)
    options = [o.id for o in rubric.scale if not o.drafting]  # offered on every question
    leaning = {c.id: rng.choice(LEANINGS) for c in rubric.components}
    return {q.id: rng.choices(options, weights=leaning[q.component])[0] for q in rubric.questions}


def distinct_profiles(rubric: autodiag.Rubric, count: int, seed: int = 2026) -> list[dict[str, str]]:
    """`count` different profiles, each from its own seed (`seed`, `seed + 1`, …)."""
    profiles: list[dict[str, str]] = []
    candidate = seed
    while len(profiles) < count:
        profile = seeded_profile(rubric, candidate)
        if profile not in profiles:
            profiles.append(profile)
        candidate += 1
    return profiles


@dataclass
class Session:
    """One official's browser context answering `profile`; times in seconds from `opened`."""

    index: int
    context: Any  # playwright.async_api.BrowserContext (Playwright is a test extra: not imported at module level)
    url: str
    rubric: autodiag.Rubric
    profile: dict[str, str]
    page: Any = None  # its playwright.async_api.Page, once open
    kernel: str = ""
    timeout: float = 120_000  # ms, for every wait: many sessions share two cores
    times: dict[str, float] = field(default_factory=dict)
    opened: float = 0.0

    def _mark(self, name: str) -> None:
        self.times[name] = time.monotonic() - self.opened

    async def open(self) -> None:
        """Open the app and start: until the first question is visible."""
        from playwright.async_api import expect

        self.page = await self.context.new_page()
        self.opened = time.monotonic()
        await self.page.goto(self.url)
        await expect(self.page.locator(".autodiag-start")).to_be_visible(timeout=self.timeout)
        self._mark("start_button")
        self.kernel = json.loads(await self.page.locator("#jupyter-config-data").text_content())["kernelId"]
        await self.page.locator(".autodiag-start").click()
        await expect(self.page.locator(f".autodiag-q-{self.rubric.questions[0].id}")).to_be_visible(
            timeout=self.timeout)
        self._mark("first_question")

    async def answer_all(self) -> None:
        """Every question of the profile, by clicking its option's label, step by step."""
        from playwright.async_api import expect

        labels = {o.id: o.label for o in self.rubric.scale}
        for component in self.rubric.components:
            await self.page.locator(f".autodiag-nav-{component.id}").click()
            await expect(self.page.locator(f".autodiag-step-{component.id}")).to_be_visible(timeout=self.timeout)
            for question in self.rubric.questions_of(component.id):
                option = self.page.locator(f".autodiag-q-{question.id}").get_by_label(
                    labels[self.profile[question.id]], exact=True)
                await option.check()
        text = self.rubric.texts.get("app.avance_texto", respondidas=len(self.profile),
                                     total=len(self.rubric.questions))
        await expect(self.page.locator(".autodiag-progress-text")).to_have_text(text, timeout=self.timeout)  # all in
        self._mark("answered")

    async def expect_own_results(self) -> None:
        """The results on screen are those `autodiag.score` gives for this session's profile."""
        from playwright.async_api import expect

        await self.page.locator(".autodiag-nav-resultados").click()
        for result in autodiag.score(self.rubric, self.profile):
            shown = self.page.locator(f".autodiag-result-{result.component}")
            await expect(shown).to_have_attribute("data-level", result.level, timeout=self.timeout)
            await expect(shown).to_have_attribute("data-risk", result.risk, timeout=self.timeout)
            await expect(shown.locator(".autodiag-score")).to_have_text(str(round(result.score)), timeout=self.timeout)
        self._mark("results")

    async def download(self, kind: str) -> bytes:
        async with self.page.expect_download() as info:
            await self.page.locator(f".autodiag-download-{kind}").click()
        download = await info.value
        return Path(await download.path()).read_bytes()

    async def expect_own_files(self) -> None:
        """The answers file holds exactly this profile; the HTML report shows this profile's results."""
        saved = json.loads(await self.download("respuestas"))
        if saved["answers"] != self.profile:
            crossed = {q: v for q, v in saved["answers"].items() if self.profile.get(q) != v}
            raise AssertionError(f"session {self.index}: the answers file differs from its profile in {crossed}")
        report = (await self.download("html")).decode("utf-8")
        for result in autodiag.score(self.rubric, self.profile):
            # the summary row of the component: its data attributes and its score cell
            row = re.search(rf'<tr\b([^>]*\bid="resumen-{result.component}"[^>]*)>(.*?)</tr>', report, re.DOTALL)
            expected = (f'data-level="{result.level}"', f'data-risk="{result.risk}"', f">{round(result.score)}</td>")
            found = (row.group(1) + row.group(2)) if row else ""
            if not row or not all(part in found for part in expected):
                raise AssertionError(f"session {self.index}: the report's {result.component} row is not "
                                     f"{expected}: {found or 'missing'}")
        self._mark("downloads")

    async def diagnose(self) -> None:
        """The whole story after `open`: answer, see the results, download and check the files."""
        await self.answer_all()
        await self.expect_own_results()
        await self.expect_own_files()


async def new_contexts(browser: Any, count: int, timeout_ms: float) -> list[Any]:
    contexts = await asyncio.gather(*(browser.new_context(viewport={"width": 1280, "height": 900},
                                                          accept_downloads=True, locale="es-MX")
                                      for _ in range(count)))
    for context in contexts:
        context.set_default_timeout(timeout_ms)
    return contexts


async def launch(playwright: Any) -> Any:
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def kernel_pids_by_id(server: Server) -> dict[str, int]:
    """Kernel id → process id, for every kernel the server started (from its connection file's name)."""
    found = {}
    for pid, connection in server.kernel_connection_files().items():
        if connection.name.startswith("kernel-") and connection.suffix == ".json":
            found[connection.stem[len("kernel-"):]] = pid
    return found


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def rss_kib(pid: int) -> int:
    """Resident memory of a process (VmRSS, KiB), 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def kernel_trouble(server: Server, start: int = 0) -> list[str]:
    """Lines of the server's log (from byte `start`) saying a kernel died or restarted."""
    text = server.log.read_bytes()[start:].decode("utf-8", errors="replace")
    return [line for line in text.splitlines() if KERNEL_TROUBLE.search(line)]
