/* The official's time zone, for the dates of the reports: the browser's IANA zone name
   (Intl) typed into the app's hidden box (`box`, a CSS selector), once the box is on the page.
   Called by autodiag.app.timezone with {box}. */
function (config) {
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (error) { return; }
  if (!zone) { return; }
  function send() {
    var box = document.querySelector(".autodiag-app " + config.box);
    if (!box) { return false; }
    if (box.value !== zone) {
      box.value = zone;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
    return true;
  }
  if (send()) { return; }
  var observer = new MutationObserver(function () { if (send()) { observer.disconnect(); } });
  observer.observe(document.body, { childList: true, subtree: true });
}
