/* Nothing typed is lost, and no one leaves with answers not yet downloaded. Called by
   autodiag.app.unsaved with {link, container, boxes, edits, wait_ms}:
   - a note or the label is sent to the kernel when its box loses focus, and the kernel then
     rebuilds the answers link; a click on that link (`link`) while text typed has not yet come
     back in the link waits for the new link (at most `wait_ms`) and downloads that one;
   - a press on the link whose link is replaced before the button is released still downloads;
   - the same for the text boxes of the action plan (`plan_box`: the action's id and field are in
     the classes of its card and field, `autodiag-action-ID` and `autodiag-plan-field-KEY`);
   - any edit (`edits`: answers, notes, label, the plan, a resumed file; `clicks`: the plan's
     add and remove buttons) since the last download makes
     leaving the page (Back, closing the tab, reload) ask first. The autodiag Voilà template
     registers the `beforeunload` guard before Voilà's own handler (which shuts the kernel down),
     and reads `window.autodiagUnsaved()`; without that template this script registers it. */
function (config) {
  if (window.autodiagUnsavedWatch) { return; }
  window.autodiagUnsavedWatch = true;
  var touched = [];      // the text boxes typed in
  var unsaved = false;   // edits since the last download of the answers
  var waiting = null;    // what to do once the link is rebuilt
  var pressed = null;    // the link under a mouse button still down

  function inApp(node) { return node && node.closest && node.closest(".autodiag-app"); }
  function freshLink() { return document.querySelector(".autodiag-app " + config.link); }

  window.autodiagUnsaved = function () { return unsaved; };

  function linkFile() {
    var link = freshLink();
    try {
      var bytes = Uint8Array.from(atob(link.href.split(",")[1]), function (c) { return c.charCodeAt(0); });
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) { return null; }
  }
  function same(a, b) { return (a || "").trim().normalize("NFC") === (b || "").trim().normalize("NFC"); }
  function questionOf(box) {
    var owner = box.closest(".autodiag-question");
    var name = owner && Array.from(owner.classList).find(function (c) { return c.indexOf("autodiag-q-") === 0; });
    return name ? name.slice("autodiag-q-".length) : null;
  }
  function suffix(node, prefix) {
    var name = node && Array.from(node.classList).find(function (c) { return c.indexOf(prefix) === 0; });
    return name ? name.slice(prefix.length) : null;
  }
  function planHolds(box, file) {  // the file's action holds what the plan's box shows
    var id = suffix(box.closest(".autodiag-plan-action"), "autodiag-action-");
    var key = suffix(box.closest(".autodiag-plan-field"), "autodiag-plan-field-");
    var action = (file.plan || []).find(function (a) { return a.id === id; });
    return !action || !key || same(box.value, action[key]);
  }
  function holdsTyped() {  // the link's file holds what every box typed in shows
    var file = linkFile();
    if (!file) { return true; }
    return touched.every(function (box) {
      if (!document.contains(box)) { return true; }
      if (box.matches(config.label)) { return same(box.value, file.label); }
      if (box.matches(config.plan_box)) { return planHolds(box, file); }
      var question = questionOf(box);
      return !question || same(box.value, (file.notes || {})[question]);
    });
  }

  document.addEventListener("input", function (event) {
    if (inApp(event.target) && event.target.matches(config.boxes)) {
      unsaved = true;
      if (touched.indexOf(event.target) < 0) { touched.push(event.target); }
    }
  }, true);
  document.addEventListener("change", function (event) {
    if (inApp(event.target) && event.target.matches(config.edits)) { unsaved = true; }
  }, true);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(config.clicks);
    if (inApp(button) && !button.disabled) { unsaved = true; }
  }, true);

  new MutationObserver(function (mutations) {
    var rebuilt = mutations.some(function (m) {
      return m.target.closest && m.target.closest(config.container);
    });
    if (rebuilt && waiting && holdsTyped()) { var then = waiting; waiting = null; then(); }
  }).observe(document.body, { childList: true, subtree: true });

  function downloadFresh() {
    var link = freshLink();
    if (link) { link.click(); }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(config.link);
    if (!link) { return; }
    // the copy in the notice of a lost connection (connection.js) holds the file as it was: saved
    if (!inApp(link) || (!waiting && holdsTyped())) { unsaved = false; return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    if (waiting) { return; }
    var timer = setTimeout(function () { waiting = null; touched = []; downloadFresh(); }, config.wait_ms);
    waiting = function () { clearTimeout(timer); downloadFresh(); };
  }, true);

  document.addEventListener("mousedown", function (event) {
    var link = event.target.closest && event.target.closest(config.link);
    pressed = link && inApp(link) ? link : null;
  }, true);
  document.addEventListener("mouseup", function (event) {
    var link = pressed;
    pressed = null;
    // the link was rebuilt between press and release: the browser sends no click, so send it
    if (link && !document.contains(link) && event.target.closest && event.target.closest(config.container)) {
      setTimeout(downloadFresh, 0);
    }
  }, true);

  if (!window.autodiagLeaveGuard) {
    window.autodiagLeaveGuard = true;
    window.addEventListener("beforeunload", function (event) {
      if (unsaved) { event.preventDefault(); event.returnValue = ""; }
    });
  }
}
