/* Bring a region of the app into view and move the focus to its heading (or to the region), so
   what just changed there is what the official sees and a screen reader reads. Called by
   autodiag.app.comparison with {region, focus} (CSS selectors). */
function (config) {
  var region = document.querySelector(".autodiag-app " + config.region);
  if (!region) { return; }
  var heading = region.querySelector(config.focus);
  var target = heading || region;
  if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
  region.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}
