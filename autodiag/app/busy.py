"""A visible busy state for anything the kernel takes a while to answer: the page's script
``autodiag/static/busy.js`` (see its header) and its style sheet ``autodiag/static/busy.css``,
an invisible output of the app (`connection.script_output`).

A click on one of the app's buttons (Siguiente, Anterior, the navigation, Resultados, …), a file
chosen to upload or a new label (which renews the reports) sends one message to the kernel. If
the kernel has not finished with it after `DELAY_MS`, the app is marked busy (``aria-busy``, a
progress cursor) and a notice at the top of the window, a polite live region, says the content's
``app.cargando`` («Cargando…»). It ends when the kernel reports it is done with that message
(after the updates it sent: also when the callback failed and the error boundary answered), or
when the kernel or the connection is lost, and after `LONGEST_MS` whatever happens: it never
sticks.
"""

from __future__ import annotations

from ..markup import static_text
from ..model import Texts
from .html import script

DELAY_MS = 200
"""A quicker answer shows no busy state (no flicker); anything over 0.3 s shows it."""
ARM_MS = 1500
"""How long after the click its message may take to be sent (a file is read first)."""
LONGEST_MS = 60_000
"""The busy state ends after this long, whatever happens."""


def busy_script(texts: Texts) -> str:
    """The script, with the content's text and the app's selectors."""
    return script("busy", {
        "text": texts.get("app.cargando"),
        "css": static_text("busy.css"),
        "delay_ms": DELAY_MS,
        "arm_ms": ARM_MS,
        "longest_ms": LONGEST_MS,
        "triggers": "button",
        "changes": "input[type=file], .autodiag-label-input input",
    })
