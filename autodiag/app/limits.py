"""Text boxes that keep to the answers file's limits, with a visible character count.

The answers reader refuses a note longer than `MAX_NOTE_CHARS` or a label longer than
`MAX_LABEL_CHARS` (autodiag.answers: the one place these numbers live), so the boxes where they are
typed keep to the same limits: in the page, the script ``static/limits.js`` stops the text at the
limit and counts down while the official types (like GOV.UK's character count); in the kernel,
`AppState` refuses a longer text and `CharacterCount` says by how much it is over. Counts are in
characters (Unicode code points), as Python's ``len`` and the reader count them.

A text box shows text as well-formed Unicode (`well_formed`): a file may carry a lone surrogate
(kept as it is in the answers, since the file round-trips it) but the page's messages cannot.
"""

from __future__ import annotations

import ipywidgets as w

from ..answers import MAX_LABEL_CHARS, MAX_NOTE_CHARS
from ..model import Texts
from .html import render

LIMITS = {"note": MAX_NOTE_CHARS, "label": MAX_LABEL_CHARS}
"""Limit of each kind of box (the script in the page receives these)."""


def count_text(texts: Texts, length: int, limit: int) -> tuple[str, bool]:
    """The counter's sentence for a text of `length` characters, and whether it is over `limit`."""
    left = limit - length
    if left < 0:
        return texts.get("interfaz.caracteres_de_mas", n=-left, maximo=limit), True
    if left == 1:
        return texts.get("interfaz.caracteres_restantes_uno"), False
    return texts.get("interfaz.caracteres_restantes", n=left), False


class CharacterCount:
    """The count below a text box (``.autodiag-counter``), for a text limited to `limit` characters."""

    def __init__(self, texts: Texts, limit: int):
        self._texts = texts
        self.limit = limit
        self.root = w.HTML()
        self.root.add_class("autodiag-counter")
        self.root.add_class(f"autodiag-counter-{limit}")
        self.show("")

    def show(self, text: str) -> bool:
        """Count `text` (spaces around it are not kept, so not counted); True if it fits."""
        sentence, over = count_text(self._texts, len(text.strip()), self.limit)
        self.root.value = render("counter", text=sentence, over=over)
        return not over

    def close(self) -> None:
        self.root.close()


def plan_boxes() -> list[dict[str, object]]:
    """The plan's text boxes (autodiag.app.plan_view), each with the limit of `autodiag.plan`."""
    from ..plan import MAX_AREA_CHARS, MAX_INDICATOR_CHARS, MAX_PLAN_NOTE_CHARS, MAX_TEXT_CHARS

    return [{"selector": f".autodiag-plan-field-{key} {tag}", "limit": limit,
             "counter": f".autodiag-plan-field-{key} .autodiag-counter .autodiag-counter-text"}
            for key, tag, limit in (("text", "textarea", MAX_TEXT_CHARS), ("area", "input", MAX_AREA_CHARS),
                                    ("indicador", "textarea", MAX_INDICATOR_CHARS),
                                    ("nota", "textarea", MAX_PLAN_NOTE_CHARS))]


def limits_script(texts: Texts, too_big: str) -> str:
    """The page's script (``static/limits.js``) with the limits, texts and selectors it applies."""
    from ..answers import MAX_BYTES
    from .html import script

    return script("limits", {
        "boxes": [
            {"selector": ".autodiag-note textarea", "limit": MAX_NOTE_CHARS,
             "counter": ".autodiag-question .autodiag-counter .autodiag-counter-text"},
            {"selector": ".autodiag-label-input input", "limit": MAX_LABEL_CHARS,
             "counter": ".autodiag-files .autodiag-counter .autodiag-counter-text"},
            *plan_boxes(),
        ],
        "left": texts.raw("interfaz.caracteres_restantes"),
        "left_one": texts.get("interfaz.caracteres_restantes_uno"),
        "over": texts.raw("interfaz.caracteres_de_mas"),
        "uploads": ".autodiag-upload-resume, .autodiag-upload-compare, .autodiag-upload-merge",
        "max_bytes": MAX_BYTES,
        "too_big": too_big,
    })
