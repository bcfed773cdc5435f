/* A visible busy state while the kernel works on what the official just did. Called by
   autodiag.app.busy with {text, css, delay_ms, arm_ms, longest_ms, triggers, changes}:
   - a click on one of the app's buttons (`triggers`), or a change in one of its fields whose
     change makes the kernel work (`changes`: a file chosen to upload, the label, which renews
     the reports), waits for the message it sends to the kernel (the first one sent within
     `arm_ms`); if the kernel has not finished with that message `delay_ms` later, the app root
     gets the class `autodiag-busy` and aria-busy="true", and a polite live region (a small
     notice at the top of the window) says `text` («Cargando…»);
   - it ends when the kernel reports itself idle after that message (every update the message
     caused has then reached the page) and the page has drawn them: also when the callback
     failed (the error boundary answers, and the kernel goes idle all the same);
   - it never sticks: it also ends when the kernel or the connection is lost (connection.js
     takes over), when nothing is sent within `arm_ms`, and after `longest_ms` in any case. */
function (config) {
  if (window.autodiagBusyWatch) { return; }
  window.autodiagBusyWatch = true;

  var style = document.createElement("style");
  style.className = "autodiag-busy-style";
  style.textContent = config.css;
  document.head.appendChild(style);
  var notice = document.createElement("div");  // the live region exists before it speaks
  notice.className = "autodiag-busy-status";
  notice.setAttribute("role", "status");
  notice.setAttribute("aria-live", "polite");
  document.body.appendChild(notice);

  var armed = [];      // deadlines of actions whose message has not been sent yet
  var waiting = {};    // ids of the messages sent for those actions, still being handled
  var count = 0;       // how many of them
  var showTimer = null;
  var longest = null;

  function roots() { return document.querySelectorAll(".autodiag-app"); }
  function show() {
    showTimer = null;
    if (!count && !armed.length) { return; }
    roots().forEach(function (app) { app.classList.add("autodiag-busy"); app.setAttribute("aria-busy", "true"); });
    notice.classList.add("autodiag-busy-on");
    notice.textContent = config.text;
  }
  function clear() {
    armed = []; waiting = {}; count = 0;
    if (showTimer) { clearTimeout(showTimer); showTimer = null; }
    if (longest) { clearTimeout(longest); longest = null; }
    roots().forEach(function (app) { app.classList.remove("autodiag-busy"); app.removeAttribute("aria-busy"); });
    notice.classList.remove("autodiag-busy-on");
    notice.textContent = "";
  }
  window.autodiagBusyClear = clear;
  function settle() {  // after the page has drawn what the kernel sent
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      if (!count && !armed.length) { clear(); }
    }); });
  }
  function start() {
    armed.push(Date.now() + config.arm_ms);
    if (!showTimer && !notice.classList.contains("autodiag-busy-on")) {
      showTimer = setTimeout(show, config.delay_ms);
    }
    if (longest) { clearTimeout(longest); }
    longest = setTimeout(clear, config.longest_ms);
    setTimeout(function () {  // nothing was sent for it: forget it
      var now = Date.now();
      armed = armed.filter(function (deadline) { return deadline > now; });
      if (!count && !armed.length) { settle(); }
    }, config.arm_ms + 10);
  }

  function inApp(node) { return node && node.closest && node.closest(".autodiag-app"); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(config.triggers);
    if (button && inApp(button) && !button.disabled && !inApp(button).inert) { start(); }
  }, true);
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!inApp(field) || !field.matches || !field.matches(config.changes)) { return; }
    if (field.type === "file" && !(field.files && field.files.length)) { return; }
    start();
  }, true);

  var LOST = ["restarting", "autorestarting", "dead"];
  function watch() {
    var app = window.jupyterapp;
    var kernel = app && app.widgetManager && app.widgetManager.kernel;
    if (!kernel) { return false; }
    kernel.anyMessage.connect(function (_, args) {
      var msg = args.msg;
      if (args.direction !== "send" || msg.header.msg_type !== "comm_msg" || !armed.length) { return; }
      armed.shift();
      waiting[msg.header.msg_id] = true;
      count += 1;
    });
    kernel.iopubMessage.connect(function (_, msg) {
      if (msg.header.msg_type !== "status" || msg.content.execution_state !== "idle") { return; }
      var id = msg.parent_header && msg.parent_header.msg_id;
      if (id && waiting[id]) {
        delete waiting[id];
        count -= 1;
        if (!count && !armed.length) { settle(); }
      }
    });
    kernel.statusChanged.connect(function (_, status) { if (LOST.indexOf(status) >= 0) { clear(); } });
    kernel.connectionStatusChanged.connect(function (_, status) { if (status !== "connected") { clear(); } });
    return true;
  }
  if (!watch()) {
    var timer = setInterval(function () { if (watch()) { clearInterval(timer); } }, 250);
  }
}
