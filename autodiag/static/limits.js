/* Limits the page keeps before anything reaches the kernel. Called by autodiag.app.limits with
   {boxes: [{selector, limit, counter}], left, left_one, over, uploads, max_bytes, too_big}:
   - each text box matching a selector stops at `limit` characters (code points, as the answers
     reader counts them), and the counter below it counts down while the official types;
   - a file chosen in an upload over `max_bytes` (or several files whose sizes add up to more) is
     refused at once, with the `too_big` message in the files panel, and never sent to the kernel. */
function (config) {
  if (window.autodiagLimits) { return; }
  window.autodiagLimits = true;

  function chars(text) { return Array.from(text).length; }

  function sentence(left, limit) {
    if (left < 0) { return config.over.replace("{n}", String(-left)).replace("{maximo}", String(limit)); }
    if (left === 1) { return config.left_one; }
    return config.left.replace("{n}", String(left));
  }

  function enforce(box, limit, counterSelector) {
    var value = box.value;
    if (chars(value) > limit) {  // typed or pasted past the limit: keep the first `limit` characters
      box.value = Array.from(value).slice(0, limit).join("");
    }
    var holder = box.closest(counterSelector.split(" ")[0]);
    var counter = holder && holder.querySelector(counterSelector.split(" ").slice(1).join(" "));
    if (counter) {
      var left = limit - chars(box.value.trim());
      counter.textContent = sentence(left, limit);
    }
  }

  function arm(root) {
    config.boxes.forEach(function (spec) {
      root.querySelectorAll(spec.selector).forEach(function (box) {
        if (box.dataset.autodiagLimit) { return; }
        box.dataset.autodiagLimit = String(spec.limit);
        box.addEventListener("input", function () { enforce(box, spec.limit, spec.counter); });
      });
    });
  }

  arm(document);
  new MutationObserver(function () { arm(document); }).observe(document.body, { childList: true, subtree: true });

  // Uploads. The upload widget (ipywidgets' FileUpload) reads the chosen file from a file input kept
  // outside the page, which it opens with input.click() when its button is clicked, and sends every
  // byte to the kernel. So the page opens its own file input instead, checks the size there, and hands
  // the widget's input only a file that fits.
  var uploadButton = null;
  document.addEventListener("click", function (event) {
    uploadButton = (event.target.closest && event.target.closest(config.uploads)) || null;
  }, true);
  var openChooser = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (this.type !== "file" || !uploadButton) { return openChooser.call(this); }
    var widgetInput = this;
    uploadButton = null;
    var own = document.createElement("input");
    own.type = "file";
    own.accept = widgetInput.accept;
    own.multiple = widgetInput.multiple;
    own.addEventListener("change", function () {
      var files = Array.from(own.files || []);
      if (!files.length) { return; }
      var big = files.filter(function (file) { return file.size > config.max_bytes; })[0];
      var total = files.reduce(function (sum, file) { return sum + file.size; }, 0);
      if (!big && total > config.max_bytes) { big = { size: total }; }  // several files: their sum
      if (big) { refuse(big); return; }
      widgetInput.files = own.files;
      widgetInput.dispatchEvent(new Event("change"));
    });
    return openChooser.call(own);
  };

  function refuse(file) {
    var message = document.querySelector(".autodiag-files .autodiag-message");
    if (!message) { return; }
    var target = message.querySelector(".widget-html-content") || message;
    var box = document.createElement("div");
    box.className = "autodiag-error autodiag-too-big";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = config.too_big.replace("{tamano}", String(Math.floor(file.size / 1024)));
    box.appendChild(p);
    target.replaceChildren(box);
  }
}
