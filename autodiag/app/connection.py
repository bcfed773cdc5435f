"""When the session's kernel is lost: a notice in the page, and the answers file still at hand.

Everything an official has answered lives in the kernel of their page. If that kernel dies
(killed, out of memory) Jupyter's server restarts it empty and Voilà's page shows nothing: the
questions stay on screen but no longer answer. If the server goes away, or culls the kernel
of a page left idle too long, the page likewise stops working without a word.

The page's own download link (`files.py`) is a ``data:`` URL carrying the answers file, so it
works without any kernel. This module adds a small script to the page that watches the
kernel connection of Voilà's widget manager and, when the kernel is restarted, dies, or the
connection is given up, puts a notice at the top of the page (``.autodiag-connection-lost``,
``role=alert``) with the texts of ``app.conexion_perdida*``, a copy of the answers link as it
was at that moment, and a button that reloads the page; the stale questionnaire beneath is
dimmed and made inert so no answer goes into the void. The official then reloads and uploads
the file with «Retomar desde un archivo».

The script is an ``application/javascript`` output of an `Output` widget (set as the widget's
outputs, so it needs no running kernel to be built and can be tested without a browser).
"""

from __future__ import annotations

import json

import ipywidgets as w

from ..model import Rubric

# Kernel states of @jupyterlab/services' KernelConnection meaning the session's kernel is gone:
# "restarting"/"autorestarting" (the server replaced a dead kernel by an empty one), "dead".
WATCH = """
(function (texts) {
  if (window.autodiagConnectionWatch) { return; }
  window.autodiagConnectionWatch = true;
  var LOST = ["restarting", "autorestarting", "dead"];

  function notice() {
    if (document.querySelector(".autodiag-connection-lost")) { return; }
    var box = document.createElement("div");
    box.className = "autodiag-connection-lost";
    box.setAttribute("role", "alert");
    box.style.cssText = "position: sticky; top: 0; z-index: 1000; max-width: 60rem; margin: 0 auto 12px;" +
      "padding: 10px 14px; background: #fdecea; border-left: 6px solid #b3261e; color: #1f1f1f;" +
      "font-size: 15px; line-height: 1.45; box-shadow: 0 2px 6px rgba(0,0,0,.2);";
    var title = document.createElement("h2");
    title.textContent = texts.title;
    title.style.cssText = "margin: 0 0 6px; font-size: 1.2em;";
    var body = document.createElement("p");
    body.textContent = texts.body;
    body.style.margin = "0 0 8px";
    box.appendChild(title);
    box.appendChild(body);
    var link = document.querySelector(".autodiag-app .autodiag-download-respuestas");
    if (link) {
      var copy = link.cloneNode(true);
      copy.style.cssText = "display: inline-block; margin: 4px 8px 4px 0; padding: 6px 12px; border: 1px solid #0d47a1;" +
        "border-radius: 4px; background: #fff; color: #0d47a1; font-weight: 600;";
      box.appendChild(copy);
    }
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "autodiag-reload";
    reload.textContent = texts.reload;
    reload.style.cssText = "margin: 4px 0; padding: 6px 12px; min-height: 36px;";
    reload.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(reload);
    document.body.insertBefore(box, document.body.firstChild);
    var quiet = document.createElement("style");  // ipywidgets marks every cut-off widget with a broken link
    quiet.textContent = ".autodiag-app .jupyter-widgets-disconnected::before { content: none !important; }";
    document.head.appendChild(quiet);
    document.querySelectorAll(".autodiag-app").forEach(function (app) {
      app.inert = true;
      app.style.opacity = "0.45";
    });
    window.scrollTo(0, 0);
    (box.querySelector("a") || reload).focus();
  }

  function watch() {
    var app = window.jupyterapp;
    var kernel = app && app.widgetManager && app.widgetManager.kernel;
    if (!kernel) { return false; }
    kernel.statusChanged.connect(function (_, status) {
      if (LOST.indexOf(status) >= 0) { notice(); }
    });
    kernel.connectionStatusChanged.connect(function (_, status) {
      // a disposed connection is the page unloading (Voilà disposes it on beforeunload)
      if (status === "disconnected" && !kernel.isDisposed) { notice(); }
    });
    if (LOST.indexOf(kernel.status) >= 0) { notice(); }
    return true;
  }

  if (!watch()) {
    var timer = setInterval(function () { if (watch()) { clearInterval(timer); } }, 250);
  }
})(%s);
"""


class ConnectionNotice:
    """An invisible `Output` holding the watching script; `root` goes anywhere in the app."""

    def __init__(self, rubric: Rubric):
        t = rubric.texts
        texts = {
            "title": t.get("app.conexion_perdida_titulo"),
            "body": t.get("app.conexion_perdida", descargar=t.get("app.descargar_respuestas"),
                          retomar=t.get("app.subir_respuestas")),
            "reload": t.get("app.conexion_recargar"),
        }
        self.script = WATCH % json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
        self.root = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
        self.root.add_class("autodiag-connection-watch")
        self.root.outputs = ({"output_type": "display_data", "metadata": {},
                              "data": {"application/javascript": self.script}},)

    def close(self) -> None:
        self.root.close()
