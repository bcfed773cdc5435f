"""What an official does on the page, in the app's words: the `AppPage` driver and known profiles.

Shared by the browser tests (test_app_browser, test_kernel_death). Selectors are the app's
stable CSS classes (`autodiag-…`) and the answer options' labels.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from .server import Server
from .sessions import kernel_pids_by_id

MIXED = ("si", "parcial", "no", "nose", "si", "si", "parcial")


def known_profile(rubric) -> dict[str, str]:
    """transparencia all «Sí», participacion all «No», the rest a fixed mix."""
    profile = {}
    for i, q in enumerate(rubric.questions):
        if q.component == "transparencia":
            profile[q.id] = "si"
        elif q.component == "participacion":
            profile[q.id] = "no"
        else:
            profile[q.id] = MIXED[i % len(MIXED)]
    return profile


class AppPage:
    """What an official does on the page, in the app's words."""

    def __init__(self, page: Page, server: Server, rubric):
        self.page = page
        self.server = server
        self.rubric = rubric
        self.labels = {o.id: o.label for o in rubric.scale}

    def open(self) -> None:
        try:
            self.page.goto(self.server.url)
            expect(self.page.locator(".autodiag-start")).to_be_visible()
        except (AssertionError, PlaywrightError) as error:  # say what the server was doing
            raise AssertionError(f"the app did not open: {str(error).splitlines()[0]}\n"
                                 f"{self.server_log_tail()}") from error

    def server_log_tail(self) -> str:
        log = self.server.log.read_text(errors="replace").splitlines()
        return "last lines of the server's log:\n" + "\n".join(log[-25:])

    def start(self) -> None:
        self.page.locator(".autodiag-start").click()
        expect(self.page.locator(f".autodiag-q-{self.rubric.questions[0].id}")).to_be_visible()

    def go(self, screen: str) -> None:
        self.page.locator(f".autodiag-nav-{screen}").click()
        if screen != "resultados":
            expect(self.page.locator(f".autodiag-step-{screen}")).to_be_visible()

    def option(self, question_id: str, option_id: str):
        return self.page.locator(f".autodiag-q-{question_id}").get_by_label(self.labels[option_id], exact=True)

    def number(self, question_id: str) -> int:
        """The question's number in the whole questionnaire (as the page shows it)."""
        return [q.id for q in self.rubric.questions].index(question_id) + 1

    def note(self, question_id: str):
        """The note box of a question, opened by its «Ayuda y nota» button if it is closed."""
        question = self.page.locator(f".autodiag-q-{question_id}")
        box = question.locator(".autodiag-note textarea")
        if not box.is_visible():
            question.locator(".autodiag-help-toggle").click()
        expect(box).to_be_visible()
        return box

    def answer_all(self, profile: dict[str, str]) -> None:
        for component in self.rubric.components:
            self.go(component.id)
            for q in self.rubric.questions_of(component.id):
                self.option(q.id, profile[q.id]).check()
        self.expect_progress(len(profile))

    def expect_progress(self, answered: int) -> None:
        text = self.rubric.texts.get("app.avance_texto", respondidas=answered, total=len(self.rubric.questions))
        expect(self.page.locator(".autodiag-progress-text")).to_have_text(text)

    def expect_answers(self, profile: dict[str, str]) -> None:
        for component in self.rubric.components:
            self.go(component.id)
            for q in self.rubric.questions_of(component.id):
                expect(self.option(q.id, profile[q.id])).to_be_checked()

    def upload(self, kind: str, name: str, content: bytes) -> None:
        with self.page.expect_file_chooser() as chooser:
            self.page.locator(f".autodiag-upload-{kind}").click()
        chooser.value.set_files(files=[{"name": name, "mimeType": "application/json", "buffer": content}])

    def download(self, kind: str) -> tuple[str, bytes]:
        link = self.page.locator(f".autodiag-download-{kind}")
        try:
            with self.page.expect_download() as info:
                link.click()
            download = info.value
        except PlaywrightError as error:  # say what the page and the server were doing
            shown = [(item.get_attribute("download"), item.is_visible()) for item in link.all()]
            busy = self.page.locator("[aria-busy=true]").count()
            raise AssertionError(f"no download of {kind}: {str(error).splitlines()[0]}\n"
                                 f"links (file, visible): {shown}; parts marked busy: {busy}\n"
                                 f"{self.server_log_tail()}") from error
        return download.suggested_filename, Path(download.path()).read_bytes()

    def screenshot(self, folder: Path, name: str) -> None:
        """The whole app, however long, at the current width."""
        width = self.page.viewport_size["width"]
        height = self.page.evaluate(
            "() => Math.max(document.querySelector('#rendered_cells')?.scrollHeight || 0, document.body.scrollHeight)")
        self.page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
        self.page.screenshot(path=str(folder / f"{name}-{width}.png"))
        self.page.set_viewport_size({"width": width, "height": 900})


def kernel_id(page: Page) -> str:
    """The id of the kernel Voilà started for this page (in the page's Jupyter config)."""
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def kernel_pid(server: Server, kernel: str) -> int:
    """The process of kernel `kernel` among the server's children."""
    pids = kernel_pids_by_id(server)
    assert kernel in pids, f"no process for kernel {kernel} among {pids}"
    return pids[kernel]
