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
  counters();
  toggles();
})();
