"""The self-assessment app (ipywidgets), served by Voilà from notebooks/autodiagnostico.ipynb.

    from autodiag.app import show
    show()                 # the rubric of content/ or $AUTODIAG_CONTENT

`show()` first displays the welcome text as plain HTML (`welcome_html`), which the page shows
without waiting for the widgets, then the app, whose start button follows it.
`build_app()` returns the `App` (its `.root` is the widget to display) or, when the content
cannot be read, a `MessageView` with one Spanish message and no traceback. Modules, one per
region of the screen: `welcome`, `question` (the factory of one question), `questionnaire`
(steps, navigation, progress), `results`, `plan_view` («Mi plan de acción»), `files` (downloads and
uploads), `state` (the one object holding the answers and the plan) and `controller` (the `App` that
wires them).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .controller import App
from .welcome import STATIC_METADATA, welcome_html

__all__ = ["App", "MessageView", "build_app", "show", "welcome_html"]

log = logging.getLogger(__name__)

# Last resort when even the content's texts cannot be read.
_FALLBACK = {
    "app.error_contenido": "La herramienta no puede abrirse porque su contenido tiene problemas. "
                           "Quien administra el sitio puede revisarlo con «python -m autodiag validate».",
    "app.error_inesperado": "Ocurrió un problema inesperado al abrir la herramienta. Recargue la página.",
}


class MessageView:
    """One message instead of the app (broken content, unexpected failure)."""

    def __init__(self, text: str):
        import ipywidgets as w

        from .html import render, style_html

        body = w.HTML(render("message", text=text, notices=[], error=True))
        body.add_class("autodiag-message")
        self.root = w.VBox([w.HTML(style_html()), body], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-app")
        self.root.add_class("autodiag-fatal")
        self.text = text


def build_app(content: str | os.PathLike[str] | None = None, *, static_welcome: bool = False) -> App | MessageView:
    """The app for the rubric in `content` (default: ``$AUTODIAG_CONTENT`` or content/).

    `static_welcome`: the welcome text is shown apart, as `welcome_html()`; the app adds only its
    start button and hides that text on the other screens."""
    from ..load import ContentError, load_rubric

    try:
        rubric = load_rubric(content)
    except ContentError as error:
        log.error("%s", error.report)
        return MessageView(_text(content, "app.error_contenido", n=len(error.report.problems)))
    try:
        return App(rubric, static_welcome=static_welcome)
    except Exception:
        log.exception("autodiag app failed to start")
        return MessageView(_text(content, "app.error_inesperado"))


def show(content: str | os.PathLike[str] | None = None) -> App | MessageView:
    """Display the welcome text as plain HTML, then the app (the notebook's one call)."""
    from IPython.display import HTML, display

    view = build_app(content, static_welcome=True)
    if isinstance(view, App):
        display(HTML(welcome_html(view.rubric)), metadata=STATIC_METADATA)
    display(view.root)
    return view


def _text(content, key: str, **values) -> str:
    """A message from the content's texts if they can be read, else the repository's, else built in."""
    import yaml

    from ..load import DEFAULT_CONTENT, content_dir
    from ..model import Texts

    for folder in (content_dir(content), DEFAULT_CONTENT):
        try:
            data = yaml.safe_load((Path(folder) / "textos.yaml").read_text(encoding="utf-8"))
            return Texts(data).get(key, **values)
        except Exception:  # noqa: BLE001 - a broken texts file: try the next source
            log.warning("autodiag: the texts of %s cannot be read", folder)
    return _FALLBACK[key]
