"""The HTML the app shows: Jinja templates of autodiag/templates/app/ (autoescaping), the style
sheet autodiag/static/app.css and the page's scripts in autodiag/static/*.js.

Texts come from content; nothing the user typed or the content says becomes markup. The results
fragments import the macros the HTML report uses (templates/macros.html.j2).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from ..markup import environment, static_text


@dataclass(frozen=True)
class DownloadLink:
    """One `<a download href="data:…">` link: the file travels inside the URL."""

    kind: str
    filename: str
    mime: str
    label: str
    data: str
    """The file, base64-encoded."""


def render(name: str, **values: Any) -> str:
    """Render the fragment ``templates/app/<name>.html.j2`` with autoescaping."""
    return environment().get_template(f"app/{name}.html.j2").render(**values)


def style_html() -> str:
    """The app's style sheet as a `<style>` block."""
    from markupsafe import Markup

    return render("style", css=Markup(static_text("app.css")))


def script(name: str, argument: Any) -> str:
    """The script ``static/<name>.js`` (a function expression) called with `argument` as JSON.

    The JSON cannot close a `<script>` element: ``</`` is written ``<\\/``."""
    payload = json.dumps(argument, ensure_ascii=False).replace("</", "<\\/")
    return f"({static_text(name + '.js').strip().rstrip(';')})({payload});\n"


def data_link(kind: str, filename: str, mime: str, data: bytes, label: str) -> DownloadLink:
    """One download link for the ``downloads`` template."""
    return DownloadLink(kind, filename, mime, label, base64.b64encode(data).decode("ascii"))
