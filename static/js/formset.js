/* PIM Portal — "Add a point": one more row of a Django formset, without inline script.

   Markup: [data-formset="<prefix>"] holds the formset's management form, the rows in
   [data-formset-rows], a <template data-formset-empty> with the empty row (its
   names and ids carry __prefix__, its number __number__) and a button
   [data-formset-add], hidden until this script runs (without it the page offers
   one empty row each time it is shown). The new row's first field takes the focus,
   its legend saying which point it is. */
(function () {
  "use strict";

  function setUp(container) {
    const prefix = container.getAttribute("data-formset");
    const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    const most = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    const template = container.querySelector("template[data-formset-empty]");
    const rows = container.querySelector("[data-formset-rows]");
    const button = container.querySelector("[data-formset-add]");
    if (!total || !template || !rows || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      const index = parseInt(total.value, 10) || 0;
      if (most && index >= parseInt(most.value, 10)) {
        button.disabled = true;
        return;
      }
      // The template holds the server's own markup (no one's text): its
      // placeholders are the only thing changed.
      const holder = document.createElement("div");
      holder.innerHTML = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      const row = holder.firstElementChild;
      if (!row) {
        return;
      }
      rows.appendChild(row);
      total.value = String(index + 1);
      const first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  document.querySelectorAll("[data-formset]").forEach(setUp);
})();
