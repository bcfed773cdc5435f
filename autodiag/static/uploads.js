/* The upload buttons read as their description: ipywidgets' FileUpload writes «Descripción (0)»,
   the count of files it holds (always 0 here: the app empties it after reading a file). The
   count is taken off each time the widget rewrites its text. Called by autodiag.app.files with
   {buttons} (a CSS selector). */
function (config) {
  if (window.autodiagUploadLabels) { return; }
  window.autodiagUploadLabels = true;
  var count = / \(\d+\)$/;
  function tidy() {
    document.querySelectorAll(config.buttons).forEach(function (button) {
      button.childNodes.forEach(function (node) {
        if (node.nodeType === 3 && count.test(node.data)) { node.data = node.data.replace(count, ""); }
      });
    });
  }
  tidy();
  new MutationObserver(tidy).observe(document.body, { childList: true, subtree: true, characterData: true });
}
