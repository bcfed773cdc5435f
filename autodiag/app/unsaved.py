"""Nothing typed is lost and no one leaves with answers not downloaded: the page's script
``autodiag/static/unsaved.js`` (see its header), an invisible output of the app.

A note or the label reaches the kernel when its box loses focus; the answers link is rebuilt
then. Clicking the link right after typing would download the link as it was: the script holds
such a click until the rebuilt link arrives and downloads that one. It also remembers whether
anything was edited since the last download, and leaving the page then asks first.
"""

from __future__ import annotations

from .html import script

PLAN_BOXES = ".autodiag-plan-action textarea, .autodiag-plan-action input"
"""The text boxes of the plan's actions (autodiag.app.plan_view)."""
WAIT_MS = 4000
"""The longest a click on the answers link waits for the link to hold the text just typed."""


def unsaved_script() -> str:
    """The script with the app's selectors."""
    return script("unsaved", {
        "link": ".autodiag-download-respuestas",
        "container": ".autodiag-answers-download",
        "label": ".autodiag-label-input input",
        "note": ".autodiag-note textarea",
        "boxes": f".autodiag-note textarea, .autodiag-label-input input, {PLAN_BOXES}",
        "plan_box": PLAN_BOXES,
        "edits": ".autodiag-question input, .autodiag-question textarea, .autodiag-label-input input, "
                 f"{PLAN_BOXES}, .autodiag-plan-action select",
        "clicks": ".autodiag-plan-add, .autodiag-plan-add-own, .autodiag-plan-remove",
        "wait_ms": WAIT_MS,
    })
