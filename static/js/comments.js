// Comments on a passage: text selected in a section is copied into that section's
// "passage you comment on" field (which can also be typed or pasted into).
(function () {
  "use strict";
  function copySelection(event) {
    var body = event.target.closest && event.target.closest("[data-section-body]");
    if (!body) return;
    var text = String(window.getSelection() || "").trim();
    if (!text) return;
    var section = body.closest(".doc-section");
    var field = section && section.querySelector("textarea[data-quote]");
    if (field) field.value = text.slice(0, 500);
  }
  document.addEventListener("mouseup", copySelection);
  document.addEventListener("keyup", copySelection);
})();
