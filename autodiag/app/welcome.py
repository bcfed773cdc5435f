"""The first screen: what the tool is, what it is not, privacy, how long it takes."""

from __future__ import annotations

from typing import Callable

import ipywidgets as w

from ..model import Rubric
from .html import render


class WelcomeView:
    def __init__(self, rubric: Rubric, on_start: Callable[[], None]):
        t = rubric.texts
        self._intro = w.HTML(render("welcome", t=t))
        self._intro.add_class("autodiag-welcome-text")
        self.start = w.Button(description=t.get("app.comenzar"), button_style="primary",
                              tooltip=t.get("app.comenzar"), icon="arrow-right")
        self.start.add_class("autodiag-start")
        self.start.on_click(lambda _: on_start())
        self.root = w.VBox([self._intro, self.start], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-welcome")

    def close(self) -> None:
        self.root.close()
