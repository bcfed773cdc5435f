/* What ipywidgets' markup lacks for keyboard and screen-reader users (WCAG 2.1 AA), added to the
   page's widgets as they appear (a MutationObserver):
   - the options of one question (`.autodiag-options`) share a radio `name`, so the question is
     one Tab stop and the arrow keys choose (native radio behaviour; the arrow's click reaches the
     widget as a mouse click does), and their box is a `radiogroup` named by the question's number
     and text (the options keep their own names: «Sí», «No»…);
   - toggle buttons say whether they are pressed (`aria-pressed`), the navigation's current button
     is `aria-current`;
   - landmarks: the page's cells are the `main` region (when the page has none), the navigation
     bar a named `navigation`, the files panel a `region` named by its heading;
   - each «Agregar al plan» button (they share one visible name) is described by the text of the
     recommendation it adds (`aria-describedby`); «Quitar del plan» and «Deshacer» move the focus
     to what replaces them;
   - a button of a list of unanswered questions (`.autodiag-goto`, templates/app/unanswered) shows
     that question's step (by its navigation button) and puts the focus on its options; scroll.js
     takes `window.autodiagGoto` when the step arrives. */
function (texts) {
  if (window.autodiagA11y) { return; }
  window.autodiagA11y = true;
  var counter = 0;

  function id(element, prefix) {
    if (!element.id) { counter += 1; element.id = prefix + "-" + counter; }
    return element.id;
  }

  function questionId(element) {
    var question = element.closest(".autodiag-question");
    if (!question) { return ""; }
    var match = /(?:^|\s)autodiag-q-(\S+)/.exec(question.className);
    return match ? match[1] : "";
  }

  function radios() {
    document.querySelectorAll(".autodiag-options").forEach(function (widget) {
      var box = widget.querySelector(".widget-radio-box");
      if (!box) { return; }
      var inputs = box.querySelectorAll("input[type=radio]");
      var name = widget.dataset.autodiagName;
      if (!name) {
        counter += 1;
        name = "autodiag-" + (questionId(widget) || "opciones") + "-" + counter;
        widget.dataset.autodiagName = name;
      }
      inputs.forEach(function (input) { if (input.name !== name) { input.name = name; } });
      if (box.getAttribute("role") !== "radiogroup") {
        var names = [];
        var question = widget.closest(".autodiag-question");
        var number = question && question.querySelector(".autodiag-qnum");
        if (number) { names.push(id(number, "autodiag-qnum")); }
        var label = widget.querySelector(":scope > .widget-label");
        if (label && label.textContent.trim()) { names.push(id(label, "autodiag-qtext")); }
        box.setAttribute("role", "radiogroup");
        if (names.length) { box.setAttribute("aria-labelledby", names.join(" ")); }
      }
    });
  }

  function states() {
    document.querySelectorAll(".autodiag-app .widget-toggle-button").forEach(function (button) {
      var pressed = button.classList.contains("mod-active") ? "true" : "false";
      if (button.getAttribute("aria-pressed") !== pressed) { button.setAttribute("aria-pressed", pressed); }
    });
    document.querySelectorAll(".autodiag-nav .jupyter-button").forEach(function (button) {
      var current = button.classList.contains("mod-info");
      if (current && button.getAttribute("aria-current") !== "page") { button.setAttribute("aria-current", "page"); }
      if (!current && button.hasAttribute("aria-current")) { button.removeAttribute("aria-current"); }
    });
  }

  function landmarks() {
    if (!document.querySelector("main, [role=main]")) {
      var host = document.getElementById("rendered_cells") || document.querySelector(".autodiag-app");
      if (host) { host.setAttribute("role", "main"); }
    }
    var nav = document.querySelector(".autodiag-nav");
    if (nav && nav.getAttribute("role") !== "navigation") {
      nav.setAttribute("role", "navigation");
      nav.setAttribute("aria-label", texts.nav);
    }
    var files = document.querySelector(".autodiag-files");
    var heading = files && files.querySelector("h2");
    if (heading && files.getAttribute("role") !== "region") {
      files.setAttribute("role", "region");
      files.setAttribute("aria-labelledby", id(heading, "autodiag-files-title"));
    }
  }

  function described() {  // every «Agregar al plan» is described by the recommendation it adds
    document.querySelectorAll(".autodiag-plan-rec").forEach(function (row) {
      var text = row.querySelector(".autodiag-plan-rec-text");
      var button = row.querySelector("button");
      if (!text || !button) { return; }
      var ref = id(text, "autodiag-plan-rec");
      if (button.getAttribute("aria-describedby") !== ref) { button.setAttribute("aria-describedby", ref); }
    });
  }

  var due = false;
  function sweep() {
    due = false;
    radios();
    states();
    landmarks();
    described();
  }
  function soon() {
    if (!due) { due = true; setTimeout(sweep, 0); }
  }
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true, attributes: true,
                                                       attributeFilter: ["class"] });
  sweep();

  // «Quitar del plan» removes the focused card: the focus goes to «Deshacer»; «Deshacer» hides
  // itself: the focus goes to the plan's count of actions (the card comes back above it)
  function focusWhenShown(selector) {
    var deadline = Date.now() + 10000;
    (function attempt() {
      var element = document.querySelector(selector);
      if (!element || !element.getClientRects().length) {
        if (Date.now() < deadline) { setTimeout(attempt, 50); }
        return;
      }
      if (!element.hasAttribute("tabindex") && !/^(BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName)) {
        element.setAttribute("tabindex", "-1");
      }
      element.focus();
    })();
  }
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest(".autodiag-plan-remove")) {
      focusWhenShown(".autodiag-plan-undo-button");
    } else if (target && target.closest(".autodiag-plan-undo-button")) {
      focusWhenShown(".autodiag-plan-count");
    }
  });

  function focusQuestion(question) {
    var option = question.querySelector("input[type=radio]:checked") || question.querySelector("input[type=radio]");
    if (option) { option.focus(); }
    question.scrollIntoView({ block: "center" });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".autodiag-goto") : null;
    if (!button) { return; }
    var selector = ".autodiag-main .autodiag-q-" + button.dataset.question;
    var shown = document.querySelector(selector);
    if (shown && shown.getClientRects().length) { focusQuestion(shown); return; }
    window.autodiagGoto = { selector: selector, step: button.dataset.component, until: Date.now() + 120000 };
    var nav = document.querySelector(".autodiag-nav-" + button.dataset.component);
    if (nav) { nav.click(); }
  });
}
