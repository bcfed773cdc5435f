/* Bring the app's new screen into view (the browser keeps the old scroll position) and move the
   keyboard focus to it (WCAG 2.4.3): `target.focus` is the selector of the new screen's heading,
   or of a question (`target.question`), whose chosen option (or first) gets the focus. The new
   screen reaches the page a moment later: wait until it is shown. A question picked in a list of
   unanswered ones (a11y.js sets window.autodiagGoto) is focused instead of its step's heading. A newer
   screen's call ends the wait of an older one. */
function (target) {
  var app = document.querySelector(".autodiag-app");
  if (app) { app.scrollIntoView({ block: "start" }); }
  if (!target || !target.focus) { return; }
  var selector = target.focus, question = target.question;
  var wanted = window.autodiagGoto;
  if (wanted && wanted.until > Date.now() && wanted.step === target.step) {
    selector = wanted.selector;
    question = true;
    window.autodiagGoto = null;
  }
  var deadline = Date.now() + 120000;
  var turn = (window.autodiagFocusTurn || 0) + 1;
  window.autodiagFocusTurn = turn;
  (function attempt() {
    if (window.autodiagFocusTurn !== turn) { return; }
    var element = document.querySelector(selector);
    if (!element || !element.getClientRects().length) {
      if (Date.now() < deadline) { setTimeout(attempt, 50); }
      return;
    }
    if (question) {
      var option = element.querySelector("input[type=radio]:checked") || element.querySelector("input[type=radio]");
      if (option) { option.focus(); }
      element.scrollIntoView({ block: "center" });
    } else {
      if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
      element.focus();
    }
  })();
}
