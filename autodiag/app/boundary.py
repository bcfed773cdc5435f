"""One error boundary around every callback of the app.

An exception inside a widget's callback never reaches the official: ipywidgets would print it
to the browser's console, and whatever the callback had started (a "Preparando los reportes…"
note) would stay on screen for ever. Every button handler and widget observer is registered
through `Boundary.guard`, which runs the callback and, if it raises, logs the traceback, lets the
regions put themselves back in a settled state (`on_error` hooks: no spinner left) and shows the
content's Spanish message (``app.error_inesperado``) at the top of the app.

Callbacks nest (a click changes the state, whose listeners redraw regions): only the outermost
guarded call catches, so one failure shows one message. The message is cleared by the next
callback that starts.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from ..model import Texts
from .html import render

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


class Boundary:
    def __init__(self, texts: Texts):
        self._texts = texts
        self._hooks: list[Callable[[], None]] = []
        self._depth = 0
        self.failures = 0
        self.root = w.HTML()
        self.root.add_class("autodiag-error-boundary")

    def guard(self, callback: F) -> F:
        """`callback`, run inside the boundary."""

        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            outermost = self._depth == 0
            if outermost and self.root.value:
                self.root.value = ""
            self._depth += 1
            try:
                return callback(*args, **kwargs)
            except Exception:
                if not outermost:
                    raise
                log.exception("autodiag: a callback failed")
                self.fail()
                return None
            finally:
                self._depth -= 1

        return guarded  # type: ignore[return-value]

    def on_error(self, hook: Callable[[], None]) -> None:
        """Call `hook` after a failure (to withdraw a "being prepared" note, for instance)."""
        self._hooks.append(hook)

    def fail(self) -> None:
        self.failures += 1
        for hook in self._hooks:
            try:
                hook()
            except Exception:
                log.exception("autodiag: an error hook failed")
        self.root.value = render("message", text=self._texts.get("app.error_inesperado"), notices=[], error=True)

    def close(self) -> None:
        self._hooks.clear()
        self.root.close()
