"""When the session's kernel or the server is lost: a notice in the page, and the answers file still at hand.

Everything an official has answered lives in the kernel of their page. If that kernel dies
(killed, out of memory) Jupyter's server restarts it empty and Voilà's page shows nothing: the
questions stay on screen but no longer answer. If the server goes away (stopped, network cut),
the page's socket closes and the page retries quietly for minutes, while radios still look
checked.

The page's own download link (`files.py`) is a ``data:`` URL carrying the answers file, so it
works without any kernel. The script ``autodiag/static/connection.js`` watches the kernel
connection of Voilà's widget manager and, when the kernel is restarted or dies, or the
connection to the server has been down for `GRACE_SECONDS`, puts a notice at the top of the page
(``.autodiag-connection-lost``, ``role=alert``) with the texts of ``app.conexion_perdida*`` (and
``interfaz.servidor_ausente`` when the server does not answer), a copy of the answers link as it
was at that moment, and a button that reloads the page; the stale questionnaire beneath is
dimmed and made inert so no click pretends to be recorded. If the server answers again with the
same kernel, the notice goes and the page works again. Otherwise the official downloads the file,
reloads and uploads it with «Retomar desde un archivo».

The script is an ``application/javascript`` output of an `Output` widget (set as the widget's
outputs, so it needs no running kernel to be built and can be tested without a browser).
"""

from __future__ import annotations

import ipywidgets as w

from ..model import Rubric
from .html import script

GRACE_SECONDS = 3
"""How long the connection to the server may be down (a blip) before the page says so."""


def script_output(code: str, css_class: str) -> w.Output:
    """An invisible `Output` widget whose one output is the script `code`."""
    root = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
    root.add_class(css_class)
    root.outputs = ({"output_type": "display_data", "metadata": {}, "data": {"application/javascript": code}},)
    return root


class ConnectionNotice:
    """An invisible `Output` holding the watching script; `root` goes anywhere in the app."""

    def __init__(self, rubric: Rubric):
        t = rubric.texts
        self.texts = {
            "title": t.get("app.conexion_perdida_titulo"),
            "body": t.get("app.conexion_perdida", descargar=t.get("app.descargar_respuestas"),
                          retomar=t.get("app.subir_respuestas")),
            "reload": t.get("app.conexion_recargar"),
            "server": t.get("interfaz.servidor_ausente"),
            "grace_ms": GRACE_SECONDS * 1000,
        }
        self.script = script("connection", self.texts)
        self.root = script_output(self.script, "autodiag-connection-watch")

    def close(self) -> None:
        self.root.close()
