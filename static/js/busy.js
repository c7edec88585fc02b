/*
 * A form is sent once: from its first submission until the answer arrives, its
 * submit buttons are disabled and say they are busy (aria-busy, styled in
 * portal.css), so a double click or a second press cannot send it again.
 *
 * - A plain form (a page load follows): the buttons are disabled right after the
 *   browser has taken the form's data, so the pressed button's name and value
 *   still go with it; a second submit event before that is cancelled. Coming
 *   back to the page from the history shows the buttons usable again.
 * - An htmx request from a form or a button: the buttons are disabled while it
 *   runs and usable again when it ends (the answer may also replace them).
 *   htmx's own request indicator (the `htmx-request` class) marks the form too.
 *   Requests that poll or save in the background (no form, no button) are left
 *   alone.
 *
 * Loaded on every page by base.html; no inline script (the CSP allows none).
 */
(function () {
  "use strict";

  var SUBMITTERS = 'button:not([type]), button[type="submit"], input[type="submit"]';

  function submitters(form) {
    var own = Array.prototype.slice.call(form.querySelectorAll(SUBMITTERS));
    if (form.id) {
      // Buttons elsewhere on the page that belong to the form (form="…").
      var outside = document.querySelectorAll('[form="' + CSS.escape(form.id) + '"]');
      Array.prototype.forEach.call(outside, function (button) {
        if (button.matches(SUBMITTERS) && own.indexOf(button) < 0) {
          own.push(button);
        }
      });
    }
    return own;
  }

  function setBusy(holder, buttons, busy) {
    if (busy) {
      holder.setAttribute("aria-busy", "true");
    } else {
      holder.removeAttribute("aria-busy");
    }
    buttons.forEach(function (button) {
      if (busy) {
        if (!button.disabled) {
          button.disabled = true;
          button.setAttribute("data-busy", "");
          button.setAttribute("aria-busy", "true");
        }
      } else if (button.hasAttribute("data-busy")) {
        button.disabled = false;
        button.removeAttribute("data-busy");
        button.removeAttribute("aria-busy");
      }
    });
  }

  function isHtmx(form) {
    return form.matches("[hx-post], [hx-put], [hx-patch], [hx-delete], [hx-get]");
  }

  // Plain forms. Listening on the document in the bubbling phase: whoever
  // cancels the submission on the way (a check, htmx for its own forms) has
  // done so by now.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || isHtmx(form)) {
      return;
    }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") {
      return; // a search or a filter: sending it again changes nothing
    }
    if (form.hasAttribute("data-submitted")) {
      event.preventDefault(); // the second click: the first is on its way
      return;
    }
    if (event.defaultPrevented) {
      return;
    }
    form.setAttribute("data-submitted", "");
    // After this event the browser reads the form's data; a button disabled now
    // would be left out of it, the pressed one with its name and value.
    window.setTimeout(function () {
      setBusy(form, submitters(form), true);
    }, 0);
  });

  // Back from the history (the page kept in memory): usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    Array.prototype.forEach.call(
      document.querySelectorAll("form[data-submitted]"),
      function (form) {
        form.removeAttribute("data-submitted");
        setBusy(form, submitters(form), false);
      }
    );
  });

  // htmx forms and buttons.
  function requester(elt) {
    if (elt instanceof HTMLFormElement) {
      return { holder: elt, buttons: submitters(elt) };
    }
    if (elt.matches && elt.matches(SUBMITTERS)) {
      return { holder: elt, buttons: [elt] };
    }
    return null; // polling, autosave: nothing a person pressed
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var found = requester(event.detail.elt);
    if (found) {
      setBusy(found.holder, found.buttons, true);
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var found = requester(event.detail.elt);
    if (found) {
      setBusy(found.holder, found.buttons, false);
    }
  });
})();
