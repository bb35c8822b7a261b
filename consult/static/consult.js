// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  function counters() {
    document.querySelectorAll("[data-counter-for]").forEach(function (out) {
      var field = document.getElementById(out.getAttribute("data-counter-for"));
      if (!field) { return; }
      var max = parseInt(field.dataset.max || "0", 10);
      if (!max) { return; }
      var timer = null;
      function update() {
        var left = max - field.value.length;
        out.textContent = left >= 0
          ? "U kunt nog " + left + " tekens typen."
          : "U heeft " + (-left) + " tekens te veel.";
      }
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(update, 400);  // screen readers: announce after a pause
      });
      update();
    });
  }
  function toggles() {
    document.querySelectorAll("[data-show-when]").forEach(function (block) {
      var box = document.getElementById(block.getAttribute("data-show-when"));
      if (!box) { return; }
      function sync() { block.hidden = !box.checked; }
      box.addEventListener("change", sync);
      sync();
    });
  }
  // A double click sends a form twice. The server keeps the first and shows the same receipt
  // again; this only spares the second request. After a pause the button works again, for a
  // participant whose connection dropped. The Back button brings the page back ready to use.
  function submitOnce() {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      var buttons = form.querySelectorAll("button[type=submit]");
      var sent = false;
      var timer = null;
      function ready(state) {
        sent = !state;
        buttons.forEach(function (button) {
          if (state) { button.removeAttribute("aria-disabled"); }
          else { button.setAttribute("aria-disabled", "true"); }
        });
      }
      form.addEventListener("submit", function (event) {
        if (sent) { event.preventDefault(); return; }
        ready(false);
        timer = setTimeout(function () { ready(true); }, 5000);
      });
      window.addEventListener("pageshow", function (event) {
        if (event.persisted) { clearTimeout(timer); ready(true); }
      });
    });
  }
  counters();
  toggles();
  submitOnce();
})();
