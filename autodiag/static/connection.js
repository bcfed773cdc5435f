/* When the page loses its kernel or its server: a notice, and the answers file still at hand.
   Called by autodiag.app.connection with the content's texts:
   {title, body, reload, server, grace_ms}. See that module's text. */
function (texts) {
  if (window.autodiagConnectionWatch) { return; }
  window.autodiagConnectionWatch = true;
  // Kernel states of @jupyterlab/services' KernelConnection meaning the session's kernel is gone:
  // "restarting"/"autorestarting" (the server replaced a dead kernel by an empty one), "dead".
  var LOST = ["restarting", "autorestarting", "dead"];
  var pending = null;  // the timer started when the connection to the server dropped

  function notice(kind) {
    var box = document.querySelector(".autodiag-connection-lost");
    if (box) {
      if (kind === "kernel") { box.setAttribute("data-kind", "kernel"); var s = box.querySelector(".autodiag-server-gone"); if (s) { s.remove(); } }
      return;
    }
    box = document.createElement("div");
    box.className = "autodiag-connection-lost";
    box.setAttribute("role", "alert");
    box.setAttribute("data-kind", kind);
    box.style.cssText = "position: sticky; top: 0; z-index: 1000; max-width: 60rem; margin: 0 auto 12px;" +
      "padding: 10px 14px; background: #fdecea; border-left: 6px solid #b3261e; color: #1f1f1f;" +
      "font-size: 15px; line-height: 1.45; box-shadow: 0 2px 6px rgba(0,0,0,.2);";
    var title = document.createElement("h2");
    title.textContent = texts.title;
    title.style.cssText = "margin: 0 0 6px; font-size: 1.2em;";
    box.appendChild(title);
    if (kind === "server") {
      var gone = document.createElement("p");
      gone.className = "autodiag-server-gone";
      gone.textContent = texts.server;
      gone.style.margin = "0 0 6px";
      box.appendChild(gone);
    }
    var body = document.createElement("p");
    body.textContent = texts.body;
    body.style.margin = "0 0 8px";
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
    quiet.className = "autodiag-connection-quiet";
    quiet.textContent = ".autodiag-app .jupyter-widgets-disconnected::before { content: none !important; }";
    document.head.appendChild(quiet);
    // no click goes into the void: the questionnaire below takes no input until the page is back
    document.querySelectorAll(".autodiag-app").forEach(function (app) {
      app.inert = true;
      app.style.opacity = "0.45";
    });
    window.scrollTo(0, 0);
    (box.querySelector("a") || reload).focus();
  }

  function recovered() {  // the server answers again, with the same kernel: the page works again
    var box = document.querySelector('.autodiag-connection-lost[data-kind="server"]');
    if (!box) { return; }
    box.remove();
    document.querySelectorAll(".autodiag-connection-quiet").forEach(function (s) { s.remove(); });
    document.querySelectorAll(".autodiag-app").forEach(function (app) {
      app.inert = false;
      app.style.opacity = "";
    });
  }

  function watch() {
    var app = window.jupyterapp;
    var kernel = app && app.widgetManager && app.widgetManager.kernel;
    if (!kernel) { return false; }
    kernel.statusChanged.connect(function (_, status) {
      if (LOST.indexOf(status) >= 0) { notice("kernel"); }
    });
    kernel.connectionStatusChanged.connect(function (_, status) {
      if (kernel.isDisposed) { return; }  // the page unloading (Voilà disposes it on beforeunload)
      if (status === "connected") {
        if (pending) { clearTimeout(pending); pending = null; }
        recovered();
      } else if (status === "connecting") {
        // the socket closed and the page is retrying: a few seconds' grace for a blip, then say so
        if (!pending) { pending = setTimeout(function () { pending = null; notice("server"); }, texts.grace_ms); }
      } else if (status === "disconnected") {
        notice("server");
      }
    });
    if (LOST.indexOf(kernel.status) >= 0) { notice("kernel"); }
    return true;
  }

  if (!watch()) {
    var timer = setInterval(function () { if (watch()) { clearInterval(timer); } }, 250);
  }
}
