// A page that follows work in the background refreshes itself: without this file a meta
// refresh does it; with it, the meta refresh goes (screen readers and axe object to it,
// WCAG 2.2.1) and the page reloads itself, while "Vernieuwen" stays for doing it by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-refresh-seconds]");
  if (!box) { return; }
  var meta = document.querySelector('meta[http-equiv="refresh"]');
  if (meta) { meta.parentNode.removeChild(meta); }
  var seconds = parseInt(box.getAttribute("data-refresh-seconds"), 10) || 3;
  setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
