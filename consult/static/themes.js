// Analysis progress without a page reload; the page refreshes itself without this file.
(function () {
  "use strict";
  var box = document.getElementById("analyse-voortgang");
  if (!box || box.getAttribute("data-active") !== "ja" || !window.fetch) { return; }
  var meta = document.querySelector('meta[http-equiv="refresh"]');
  if (meta) { meta.parentNode.removeChild(meta); }
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        box.querySelector("progress").value = data.progress;
        box.querySelector("[data-run-percent]").textContent = data.progress;
        box.querySelector("[data-run-status]").textContent = data.status;
        var stage = box.querySelector("[data-run-stage]");
        if (stage) { stage.textContent = data.stage; }
        if (data.active) { setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
