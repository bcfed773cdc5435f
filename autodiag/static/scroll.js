/* Bring the app's new screen into view (the browser keeps the old scroll position). */
function () {
  var app = document.querySelector(".autodiag-app");
  if (app) { app.scrollIntoView({ block: "start" }); }
}
