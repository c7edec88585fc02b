/* PIM Portal — a small, dependency-free, accessible rich-text editor.

   Progressive enhancement of every <textarea data-rich-editor>: the textarea (which
   holds HTML) keeps working without JavaScript. With JavaScript it is hidden and
   a toolbar (WAI-ARIA toolbar pattern, roving tabindex) plus an editable area
   (role="textbox", aria-multiline) are inserted before it; every edit is copied
   back to the textarea, which stays the form field the server receives.

   Optional attribute on the textarea:
     data-editor-labels  JSON of translated labels (English fallbacks below).
   The editor adds, for its own bookkeeping:
     data-rich-editor-for="<textarea id>" on the wrapper <div class="rich-editor">.

   Keyboard: Tab reaches the toolbar (one stop), Left/Right/Home/End move among its
   buttons, Enter/Space run a command and return to the text, Escape returns to the
   text without a command, Tab leaves the toolbar for the text; Alt+F10 in the text
   goes to the toolbar. In a table, Tab moves to the next cell and Shift+Tab to the
   previous one; Tab from the last cell leaves the editor, and Escape or Ctrl+M lets
   the next Tab leave from any cell (no keyboard trap, WCAG 2.1.2). Dialogs: Enter in
   a field confirms, Escape cancels; focus and the selection go back to the text
   afterwards. A link made with nothing selected asks for its text (else the
   address is the text). */
(function () {
  "use strict";

  const DEFAULT_LABELS = {
    toolbar: "Formatting",
    paragraph: "Paragraph",
    h2: "Heading 2",
    h3: "Heading 3",
    bold: "Bold",
    italic: "Italic",
    ul: "Bulleted list",
    ol: "Numbered list",
    link: "Link",
    unlink: "Remove link",
    table: "Insert table",
    clear: "Clear formatting",
    url: "Link address",
    link_text: "Text of the link (empty: the address)",
    insert: "Insert",
    cancel: "Cancel",
    rows: "Rows",
    columns: "Columns",
    invalid_url: "Enter an address starting with http://, https:// or mailto:",
    table_keys:
      "In a table, Tab moves to the next cell and Shift+Tab back; press Escape, then Tab, to leave the editor.",
  };

  // Groups of toolbar buttons, in order. `toggle` buttons carry aria-pressed.
  const BUTTON_GROUPS = [
    [
      { key: "paragraph", command: "formatBlock", value: "p" },
      { key: "h2", command: "formatBlock", value: "h2", toggle: true },
      { key: "h3", command: "formatBlock", value: "h3", toggle: true },
    ],
    [
      { key: "bold", command: "bold", toggle: true },
      { key: "italic", command: "italic", toggle: true },
    ],
    [
      { key: "ul", command: "insertUnorderedList", toggle: true },
      { key: "ol", command: "insertOrderedList", toggle: true },
    ],
    [
      { key: "link", dialog: "link" },
      { key: "unlink", command: "unlink" },
      { key: "table", dialog: "table" },
    ],
    [{ key: "clear", command: "removeFormat" }],
  ];

  const SAFE_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;
  const UNSAFE_ELEMENTS =
    "script,style,iframe,frame,frameset,object,embed,link,meta,base,form,input," +
    "button,select,textarea,template,noscript,svg,math";
  const UNSAFE_URL = /^\s*(javascript|vbscript|data):/i;

  const enhanced = new WeakSet(); // textareas already enhanced
  const editors = new WeakMap(); // editable area -> editor
  let counter = 0;
  let documentConfigured = false;

  function parseLabels(textarea) {
    let given = {};
    try {
      given = JSON.parse(textarea.getAttribute("data-editor-labels") || "{}") || {};
    } catch (error) {
      given = {};
    }
    const labels = Object.assign({}, DEFAULT_LABELS);
    Object.keys(given).forEach(function (key) {
      if (typeof given[key] === "string" && given[key].trim()) {
        labels[key] = given[key];
      }
    });
    return labels;
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function uniqueId(base) {
    let id = base;
    while (document.getElementById(id)) {
      counter += 1;
      id = base + "_" + counter;
    }
    return id;
  }

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  // Defence in depth: the server sanitises stored HTML, but the editor must never
  // bring live scripts or event handlers into the page that edits it. A <template>
  // parses inertly (no script runs, no image loads).
  function inertFragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    template.content.querySelectorAll(UNSAFE_ELEMENTS).forEach(function (node) {
      node.remove();
    });
    template.content.querySelectorAll("*").forEach(function (node) {
      Array.from(node.attributes).forEach(function (attribute) {
        const name = attribute.name.toLowerCase();
        if (
          name.startsWith("on") ||
          name === "srcdoc" ||
          name === "contenteditable" ||
          // the server drops it anyway, and the page's CSP forbids style attributes
          name === "style" ||
          (["href", "src", "action", "formaction", "xlink:href"].includes(name) &&
            UNSAFE_URL.test(attribute.value))
        ) {
          node.removeAttribute(attribute.name);
        }
      });
    });
    return document.importNode(template.content, true);
  }

  function configureDocument() {
    if (documentConfigured) {
      return;
    }
    documentConfigured = true;
    try {
      document.execCommand("defaultParagraphSeparator", false, "p");
      document.execCommand("styleWithCSS", false, false);
    } catch (error) {
      /* Not supported: the browser's defaults still work. */
    }
    document.addEventListener("selectionchange", function () {
      const selection = document.getSelection();
      if (!selection || !selection.rangeCount || !selection.anchorNode) {
        return;
      }
      const node = selection.anchorNode;
      const start = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      const area = start && start.closest(".rich-editor-area");
      const editor = area && editors.get(area);
      if (editor) {
        editor.selectionChanged();
      }
    });
  }

  function createEditor(textarea) {
    enhanced.add(textarea);
    configureDocument();

    const labels = parseLabels(textarea);
    if (!textarea.id) {
      textarea.id = uniqueId("rich-editor-" + (counter += 1));
    }
    const baseId = textarea.id;
    const form = textarea.form;
    const readOnly = textarea.disabled || textarea.readOnly;

    // A wrapper left over from an earlier page state (htmx history restore, a
    // cloned form) has no behaviour attached: replace it.
    const previous = textarea.previousElementSibling;
    if (previous && previous.getAttribute("data-rich-editor-for") === baseId) {
      previous.remove();
    }

    const wrapper = element("div", { class: "rich-editor", "data-rich-editor-for": baseId });
    const toolbar = element("div", {
      class: "rich-editor-toolbar",
      role: "toolbar",
      id: uniqueId(baseId + "_toolbar"),
      "aria-label": labels.toolbar,
    });
    const area = element("div", {
      class: "rich-editor-area",
      id: uniqueId(baseId + "_editor"),
      role: "textbox",
      "aria-multiline": "true",
      contenteditable: readOnly ? "false" : "true",
    });
    toolbar.setAttribute("aria-controls", area.id);
    // How to move in a table and leave it: shown while the caret is in one.
    const keysHint = element(
      "p",
      { class: "rich-editor-hint", id: uniqueId(baseId + "_keys"), hidden: "" },
      labels.table_keys
    );

    // The accessible name comes from the field's own <label>.
    const label = textarea.labels && textarea.labels.length ? textarea.labels[0] : null;
    if (label) {
      if (!label.id) {
        label.id = uniqueId(baseId + "_label");
      }
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function (event) {
        if (!area.isConnected) {
          return;
        }
        event.preventDefault();
        focusArea();
      });
    } else if (textarea.getAttribute("aria-labelledby")) {
      area.setAttribute("aria-labelledby", textarea.getAttribute("aria-labelledby"));
    } else if (textarea.getAttribute("aria-label")) {
      area.setAttribute("aria-label", textarea.getAttribute("aria-label"));
    }
    ["aria-describedby", "aria-invalid", "aria-errormessage"].forEach(function (name) {
      if (textarea.hasAttribute(name)) {
        area.setAttribute(name, textarea.getAttribute(name));
      }
    });
    if (textarea.required) {
      // A hidden required field would block submission with an unfocusable error.
      area.setAttribute("aria-required", "true");
      textarea.required = false;
    }
    if (readOnly) {
      area.setAttribute("tabindex", "0");
      area.setAttribute(textarea.disabled ? "aria-disabled" : "aria-readonly", "true");
    }

    area.replaceChildren(inertFragment(textarea.value));
    if (!hasContent()) {
      area.innerHTML = "<p><br></p>";
    }

    let savedRange = null;
    let changedSinceBlur = false;

    // ---- toolbar ---------------------------------------------------------------
    const buttons = [];
    const toggles = {};
    BUTTON_GROUPS.forEach(function (group) {
      const groupNode = element("span", { class: "rich-editor-group" });
      group.forEach(function (definition) {
        const text = labels[definition.key];
        const button = element(
          "button",
          {
            type: "button",
            class: "rich-editor-button rich-editor-button-" + definition.key,
            title: text,
            tabindex: buttons.length === 0 ? "0" : "-1",
            "data-rich-editor-command": definition.key,
          },
          text
        );
        if (definition.toggle) {
          button.setAttribute("aria-pressed", "false");
          toggles[definition.key] = button;
        }
        if (definition.dialog) {
          button.setAttribute("aria-haspopup", "dialog");
        }
        if (readOnly) {
          button.setAttribute("aria-disabled", "true");
        }
        // A mouse click must not move focus (and the selection) out of the text.
        button.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        button.addEventListener("click", function () {
          setRovingButton(button);
          if (!readOnly) {
            activate(definition);
          }
        });
        buttons.push(button);
        groupNode.appendChild(button);
      });
      toolbar.appendChild(groupNode);
    });

    function setRovingButton(current) {
      buttons.forEach(function (button) {
        button.setAttribute("tabindex", button === current ? "0" : "-1");
      });
    }

    toolbar.addEventListener("focusin", function (event) {
      if (buttons.includes(event.target)) {
        setRovingButton(event.target);
      }
    });

    toolbar.addEventListener("keydown", function (event) {
      const index = buttons.indexOf(document.activeElement);
      if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      let next = null;
      if (event.key === "ArrowRight") {
        next = buttons[(index + 1) % buttons.length];
      } else if (event.key === "ArrowLeft") {
        next = buttons[(index - 1 + buttons.length) % buttons.length];
      } else if (event.key === "Home") {
        next = buttons[0];
      } else if (event.key === "End") {
        next = buttons[buttons.length - 1];
      } else if (event.key === "Escape") {
        event.preventDefault();
        focusArea();
        return;
      }
      if (next) {
        event.preventDefault();
        setRovingButton(next);
        next.focus();
      }
    });

    // ---- selection ----------------------------------------------------------------
    function selectionRange() {
      const selection = document.getSelection();
      if (!selection || !selection.rangeCount) {
        return null;
      }
      const range = selection.getRangeAt(0);
      return area.contains(range.commonAncestorContainer) ? range : null;
    }

    function closestInArea(node, selector) {
      const start = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
      const found = start && start.closest(selector);
      return found && found !== area && area.contains(found) ? found : null;
    }

    function caretAtEnd() {
      let node = area;
      while (
        node.lastChild &&
        node.lastChild.nodeType === Node.ELEMENT_NODE &&
        !["BR", "TABLE", "HR", "IMG"].includes(node.lastChild.nodeName)
      ) {
        node = node.lastChild;
      }
      const range = document.createRange();
      if (node.lastChild && node.lastChild.nodeName === "BR") {
        range.setStartBefore(node.lastChild);
        range.collapse(true);
      } else {
        range.selectNodeContents(node);
        range.collapse(false);
      }
      return range;
    }

    /** Focus the text and put back the selection it had before the toolbar or a dialog. */
    function focusArea() {
      area.focus();
      const selection = document.getSelection();
      const range =
        savedRange && area.contains(savedRange.startContainer) && area.contains(savedRange.endContainer)
          ? savedRange
          : caretAtEnd();
      selection.removeAllRanges();
      selection.addRange(range);
      savedRange = range.cloneRange();
    }

    function selectNodeContents(node) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    // ---- state (aria-pressed) ---------------------------------------------------
    function queryState(command) {
      try {
        return document.queryCommandState(command);
      } catch (error) {
        return false;
      }
    }

    function updateState() {
      const range = selectionRange();
      if (!range) {
        return;
      }
      const node = range.startContainer;
      keysHint.hidden = !closestInArea(node, "th,td");
      // Headings and table headers are bold by default: only real <b>/<strong> count there.
      const boldByDefault = closestInArea(node, "h1,h2,h3,h4,h5,h6,th");
      const list = closestInArea(node, "ul,ol");
      const state = {
        bold: !!closestInArea(node, "b,strong") || (!boldByDefault && queryState("bold")),
        italic: !!closestInArea(node, "i,em") || queryState("italic"),
        ul: !!list && list.nodeName === "UL",
        ol: !!list && list.nodeName === "OL",
        h2: !!closestInArea(node, "h2"),
        h3: !!closestInArea(node, "h3"),
      };
      Object.keys(toggles).forEach(function (key) {
        toggles[key].setAttribute("aria-pressed", state[key] ? "true" : "false");
      });
    }

    // ---- sync with the textarea --------------------------------------------------
    function hasContent() {
      return area.textContent.trim() !== "" || !!area.querySelector("table,img,hr,iframe,video");
    }

    function serialize() {
      return hasContent() ? area.innerHTML : "";
    }

    /** Copies the text to the textarea; unless `quiet`, announces it like typing would. */
    function sync(quiet) {
      if (!textarea.isConnected) {
        return false;
      }
      const html = serialize();
      if (textarea.value === html) {
        return false;
      }
      textarea.value = html;
      changedSinceBlur = true;
      if (!quiet) {
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return true;
    }

    function afterCommand() {
      sync(false);
      updateState();
    }

    function exec(command, value) {
      try {
        return document.execCommand(command, false, value === undefined ? null : value);
      } catch (error) {
        return false;
      }
    }

    function activate(definition) {
      if (definition.dialog === "link") {
        openLinkDialog();
        return;
      }
      if (definition.dialog === "table") {
        openTableDialog();
        return;
      }
      focusArea();
      const range = selectionRange();
      if (definition.command === "formatBlock") {
        const active = definition.toggle && range && closestInArea(range.startContainer, definition.value);
        exec("formatBlock", "<" + (active ? "p" : definition.value) + ">");
      } else if (definition.command === "unlink") {
        const link = range && range.collapsed && closestInArea(range.startContainer, "a");
        if (link) {
          selectNodeContents(link);
        }
        exec("unlink");
      } else {
        exec(definition.command);
      }
      afterCommand();
    }

    // ---- dialogs -----------------------------------------------------------------
    function buildDialog(name, title) {
      const dialog = element("dialog", {
        class: "rich-editor-dialog",
        id: uniqueId(baseId + "_" + name + "_dialog"),
      });
      const heading = element(
        "h2",
        { class: "rich-editor-dialog-title", id: uniqueId(baseId + "_" + name + "_title") },
        title
      );
      dialog.setAttribute("aria-labelledby", heading.id);
      dialog.appendChild(heading);
      const body = element("div", { class: "rich-editor-dialog-body" });
      dialog.appendChild(body);
      const actions = element("div", { class: "rich-editor-dialog-actions" });
      const confirm = element(
        "button",
        { type: "button", class: "rich-editor-dialog-button rich-editor-dialog-button-primary" },
        labels.insert
      );
      const cancel = element("button", { type: "button", class: "rich-editor-dialog-button" }, labels.cancel);
      actions.append(confirm, cancel);
      dialog.appendChild(actions);

      cancel.addEventListener("click", function () {
        dialog.close("cancel");
      });
      // Escape (native) and Cancel both end here: back to the text as it was.
      dialog.addEventListener("close", function () {
        if (dialog.returnValue !== "done" && area.isConnected) {
          focusArea();
        }
      });
      // Typing in the dialog's fields is not an edit of the form.
      ["input", "change"].forEach(function (type) {
        dialog.addEventListener(type, function (event) {
          event.stopPropagation();
        });
      });
      return { dialog: dialog, body: body, confirm: confirm };
    }

    function field(parent, id, text, attributes) {
      const wrapperNode = element("div", { class: "rich-editor-field" });
      const fieldLabel = element("label", { for: id, class: "rich-editor-label" }, text);
      const input = element("input", Object.assign({ id: id, class: "rich-editor-input" }, attributes));
      wrapperNode.append(fieldLabel, input);
      parent.appendChild(wrapperNode);
      return input;
    }

    function openDialog(dialog, input) {
      const range = selectionRange();
      if (range) {
        savedRange = range.cloneRange();
      }
      dialog.returnValue = "";
      dialog.showModal();
      input.focus();
      input.select();
    }

    function onEnter(input, action) {
      input.addEventListener("keydown", function (event) {
        // Enter confirms the dialog and must not submit the page's form.
        if (event.key === "Enter" && !event.isComposing) {
          event.preventDefault();
          action();
        }
      });
    }

    // Link
    const linkParts = buildDialog("link", labels.link);
    const linkDialog = linkParts.dialog;
    const urlInput = field(linkParts.body, uniqueId(baseId + "_link_url"), labels.url, {
      type: "url",
      inputmode: "url",
      spellcheck: "false",
      placeholder: "https://",
    });
    const linkTextInput = field(linkParts.body, uniqueId(baseId + "_link_text"), labels.link_text, {
      type: "text",
    });
    const linkTextField = linkTextInput.parentElement;
    const linkError = element("p", {
      class: "rich-editor-error",
      id: uniqueId(baseId + "_link_error"),
      role: "alert",
    });
    linkParts.body.appendChild(linkError);
    urlInput.setAttribute("aria-describedby", linkError.id);

    function showLinkError(message) {
      linkError.textContent = message;
      if (message) {
        urlInput.setAttribute("aria-invalid", "true");
      } else {
        urlInput.removeAttribute("aria-invalid");
      }
    }

    function openLinkDialog() {
      const range = selectionRange() || savedRange;
      const link = range && closestInArea(range.startContainer, "a");
      urlInput.value = link ? link.getAttribute("href") || "" : "";
      // Words selected (or a link under the caret) are the link's text; else ask.
      linkTextInput.value = "";
      linkTextField.hidden = Boolean(link || (range && !range.collapsed));
      showLinkError("");
      openDialog(linkDialog, urlInput);
    }

    function insertLink() {
      const url = urlInput.value.trim();
      if (!SAFE_URL.test(url)) {
        showLinkError(labels.invalid_url);
        urlInput.focus();
        return;
      }
      showLinkError("");
      linkDialog.close("done");
      focusArea();
      const range = selectionRange();
      const link = range && closestInArea(range.startContainer, "a");
      if (range && range.collapsed && link) {
        selectNodeContents(link);
        exec("createLink", url);
      } else if (range && range.collapsed) {
        const text = linkTextInput.value.trim() || url;
        exec("insertHTML", '<a href="' + escapeHtml(url) + '">' + escapeHtml(text) + "</a>");
      } else {
        exec("createLink", url);
      }
      afterCommand();
    }

    linkParts.confirm.addEventListener("click", insertLink);
    onEnter(urlInput, insertLink);
    onEnter(linkTextInput, insertLink);
    urlInput.addEventListener("input", function () {
      if (linkError.textContent) {
        showLinkError("");
      }
    });

    // Table
    const tableParts = buildDialog("table", labels.table);
    const tableDialog = tableParts.dialog;
    const rowsInput = field(tableParts.body, uniqueId(baseId + "_table_rows"), labels.rows + " (1–20)", {
      type: "number",
      min: "1",
      max: "20",
      step: "1",
      value: "3",
      inputmode: "numeric",
    });
    const columnsInput = field(
      tableParts.body,
      uniqueId(baseId + "_table_columns"),
      labels.columns + " (1–10)",
      { type: "number", min: "1", max: "10", step: "1", value: "3", inputmode: "numeric" }
    );

    function openTableDialog() {
      rowsInput.value = "3";
      columnsInput.value = "3";
      openDialog(tableDialog, rowsInput);
    }

    function clampInput(input, min, max) {
      const number = parseInt(input.value, 10);
      return Number.isFinite(number) ? Math.min(max, Math.max(min, number)) : 3;
    }

    function insertTable() {
      const rows = clampInput(rowsInput, 1, 20);
      const columns = clampInput(columnsInput, 1, 10);
      tableDialog.close("done");
      focusArea();
      const before = new Set(area.querySelectorAll("table"));
      const head = "<tr>" + '<th scope="col"><br></th>'.repeat(columns) + "</tr>";
      const bodyRows = ("<tr>" + "<td><br></td>".repeat(columns) + "</tr>").repeat(rows - 1);
      exec(
        "insertHTML",
        "<table><thead>" + head + "</thead><tbody>" + bodyRows + "</tbody></table><p><br></p>"
      );
      const table = Array.from(area.querySelectorAll("table")).find(function (node) {
        return !before.has(node);
      });
      // The paragraph after the table is only needed when nothing follows it.
      const after = table && table.nextElementSibling;
      if (after && after.nodeName === "P" && after.innerHTML === "<br>" && after.nextElementSibling) {
        after.remove();
      }
      const firstCell = table && table.querySelector("th,td");
      if (firstCell) {
        const range = document.createRange();
        range.setStart(firstCell, 0);
        range.collapse(true);
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      afterCommand();
    }

    tableParts.confirm.addEventListener("click", insertTable);
    onEnter(rowsInput, insertTable);
    onEnter(columnsInput, insertTable);

    // ---- editable area events ------------------------------------------------------
    area.addEventListener("input", function (event) {
      // The textarea's own input event (below) is the one the form should see.
      event.stopPropagation();
      sync(false);
      updateState();
    });
    area.addEventListener("blur", function () {
      sync(false);
      if (changedSinceBlur) {
        changedSinceBlur = false;
        textarea.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    area.addEventListener("keyup", updateState);
    area.addEventListener("mouseup", updateState);
    // Tab in a table moves among its cells; Escape or Ctrl+M lets the next Tab
    // leave the editor instead, and Tab from the last cell leaves it anyway.
    let tabLeaves = false;
    function cellAtCaret() {
      const range = selectionRange();
      return range && closestInArea(range.startContainer, "th,td");
    }
    function caretInto(cell) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      range.collapse(false);
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      updateState();
    }
    area.addEventListener("keydown", function (event) {
      if (event.key === "F10" && event.altKey) {
        event.preventDefault();
        const current = buttons.find(function (button) {
          return button.getAttribute("tabindex") === "0";
        });
        (current || buttons[0]).focus();
        return;
      }
      const plain = !event.altKey && !event.metaKey;
      if (event.key === "Escape" || (plain && event.ctrlKey && event.key.toLowerCase() === "m")) {
        if (event.key !== "Escape") {
          event.preventDefault();
        }
        tabLeaves = true;
        return;
      }
      if (event.key !== "Tab" || !plain || event.ctrlKey) {
        if (event.key !== "Shift") {
          tabLeaves = false;
        }
        return;
      }
      if (tabLeaves) {
        tabLeaves = false;
        return;
      }
      const cell = cellAtCaret();
      if (!cell) {
        return;
      }
      const cells = Array.from(cell.closest("table").querySelectorAll("th,td"));
      const next = cells[cells.indexOf(cell) + (event.shiftKey ? -1 : 1)];
      if (next) {
        event.preventDefault();
        caretInto(next);
      }
    });
    area.addEventListener("paste", function (event) {
      if (!event.clipboardData) {
        return;
      }
      // Plain text only: Word's and web pages' markup stays out.
      event.preventDefault();
      const text = event.clipboardData.getData("text/plain");
      if (text) {
        exec("insertText", text);
      }
    });

    // ---- the form ---------------------------------------------------------------------
    if (form) {
      const onSubmit = function () {
        if (!textarea.isConnected) {
          detachForm();
          return;
        }
        sync(true);
      };
      const onFormData = function (event) {
        if (!textarea.isConnected) {
          detachForm();
          return;
        }
        sync(true);
        if (textarea.name && !textarea.disabled && event.formData.has(textarea.name)) {
          event.formData.set(textarea.name, textarea.value);
        }
      };
      const onConfigRequest = function (event) {
        if (!textarea.isConnected) {
          detachForm();
          return;
        }
        sync(true);
        const parameters = event.detail && event.detail.parameters;
        try {
          if (parameters && textarea.name && !textarea.disabled && parameters[textarea.name] !== undefined) {
            parameters[textarea.name] = textarea.value;
          }
        } catch (error) {
          /* Parameters not writable: the textarea already holds the value. */
        }
      };
      const detachForm = function () {
        form.removeEventListener("submit", onSubmit, true);
        form.removeEventListener("formdata", onFormData);
        form.removeEventListener("htmx:configRequest", onConfigRequest);
      };
      form.addEventListener("submit", onSubmit, true);
      form.addEventListener("formdata", onFormData);
      form.addEventListener("htmx:configRequest", onConfigRequest);
    }

    // ---- assemble ---------------------------------------------------------------------
    area.setAttribute(
      "aria-describedby",
      ((area.getAttribute("aria-describedby") || "") + " " + keysHint.id).trim()
    );
    wrapper.append(toolbar, area, keysHint, linkDialog, tableDialog);
    textarea.before(wrapper);
    textarea.hidden = true;

    const editor = {
      selectionChanged: function () {
        const range = selectionRange();
        if (range) {
          savedRange = range.cloneRange();
        }
        updateState();
      },
    };
    editors.set(area, editor);
    return editor;
  }

  function enhance(root) {
    const scope = root && root.querySelectorAll ? root : document;
    const found = Array.from(scope.querySelectorAll("textarea[data-rich-editor]"));
    if (scope.matches && scope.matches("textarea[data-rich-editor]")) {
      found.unshift(scope);
    }
    found.forEach(function (textarea) {
      if (!enhanced.has(textarea)) {
        createEditor(textarea);
      }
    });
  }

  document.addEventListener("htmx:load", function (event) {
    enhance((event.detail && event.detail.elt) || event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }

  window.PimRichEditor = { enhance: enhance };
})();
