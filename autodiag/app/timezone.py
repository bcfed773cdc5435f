"""The official's time zone, from the browser, so the reports print the official's local time.

The server's clock says nothing about where the official is. The page's script
``static/timezone.js`` reads the browser's zone (``Intl.DateTimeFormat().resolvedOptions().timeZone``)
and types it into a hidden text box of this region; the kernel keeps it in the state
(`AppState.time_zone`) if the zone database knows it (`autodiag.clock.zone`), and the results and
reports use it. Until then, or if the browser says nothing usable, the content's default zone
applies (``reporte.zona_horaria``).
"""

from __future__ import annotations

import ipywidgets as w

from .. import clock
from .boundary import Boundary
from .connection import script_output
from .html import script
from .state import AppState

BOX = "autodiag-timezone"


class TimeZoneProbe:
    """A hidden box that the page fills with the browser's time zone; `root` goes anywhere in the app."""

    def __init__(self, state: AppState, boundary: Boundary):
        self._state = state
        self.box = w.Text(value="", continuous_update=True, layout=w.Layout(display="none"))
        self.box.add_class(BOX)
        self.script = script_output(script("timezone", {"box": f".{BOX} input"}), "autodiag-timezone-script")
        self.root = w.VBox([self.box, self.script], layout=w.Layout(height="0px", overflow="hidden"))
        self.box.observe(boundary.guard(self._on_zone), names="value")

    def _on_zone(self, change) -> None:
        name = str(change.new).strip()
        if clock.zone(name) is not None:
            self._state.time_zone = name

    def close(self) -> None:
        self.root.close()
