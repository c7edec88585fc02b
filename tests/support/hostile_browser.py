"""The Chromium side of the hostile-input crawler (tests/browser/test_hostile_input.py):
a signed-in tab per role that reports script execution, dialogs, CSP violations,
5xx answers and raw payloads in what it is served; and the form filler.

The payloads and the checks of served text are in tests/support/hostile.py.
"""

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tests.support.browser import log_in
from tests.support.hostile import (
    E_MAILS,
    ESCAPED,
    FILE_NAME,
    FULL,
    LINKS,
    PAYLOADS,
    SHORT,
    Counter,
    fillable_forms,
    formula_cells,
    future,
    payload_for,
    raw_payloads,
    url_name,
)
from tests.support.world import World

# Listens before any script of the page runs; the bindings are exposed per context.
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp(`${event.violatedDirective} ${event.blockedURI} ${event.sample || ""}`);
});
"""

# The fields of a form a person fills: [index in form.elements, kind, facts].
DESCRIBE = """
(form) => Array.from(form.elements).map((element, index) => ({
  index,
  tag: element.tagName.toLowerCase(),
  type: (element.getAttribute("type") || element.type || "").toLowerCase(),
  name: element.name || "",
  id: element.id || "",
  min: element.getAttribute("min") || "",
  max: element.getAttribute("max") || "",
  maxlength: element.maxLength > 0 ? element.maxLength : 0,
  accept: element.getAttribute("accept") || "",
  rich: element.hasAttribute("data-rich-editor"),
  usable: !element.disabled && !element.readOnly && !!element.name,
  options: element.tagName === "SELECT"
    ? Array.from(element.options).filter((o) => o.value && !o.disabled)
      .map((o) => o.value)
    : [],
}))
"""

# Sets the values Python chose ({index: value}) as typing would, then turns off the
# browser's own checks: the server is the one that must refuse.
APPLY = """
(form, values) => {
  form.noValidate = true;
  for (const [index, value] of Object.entries(values)) {
    const element = form.elements[Number(index)];
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = true;
    } else if (element.tagName === "SELECT") {
      for (const option of element.options) option.selected = option.value === value;
    } else {
      element.value = value;
    }
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
}
"""

SUBMIT = "button[type=submit], button:not([type]), input[type=submit]"
TEXT_TYPES = ("text", "search", "tel", "textarea", "")
FILES = {  # the smallest files each kind of upload accepts
    "pdf": (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"),
    "png": (
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        ),
        "image/png",
    ),
    "csv": (
        b"name,kind,organisation,sector,role,email,phone,joined_on,consent\n",
        "text/csv",
    ),
}


@dataclass
class Findings:
    """Everything the crawl saw go wrong, and what it covered."""

    problems: list[str] = field(default_factory=list)
    forms: dict[str, set[str]] = field(default_factory=dict)  # role: page names
    actions: set[str] = field(default_factory=set)  # url names forms were sent to
    sent: set[tuple[str, str]] = field(default_factory=set)  # (page, action)
    escaped: set[str] = field(default_factory=set)  # markers seen, escaped
    pages: dict[str, int] = field(default_factory=dict)  # role: pages visited

    def add(self, role: str, where: str, what: str) -> None:
        self.problems.append(f"[{role}] {where}: {what}")


class Tab:
    """A browser tab of one role, watched for everything the crawl fails on."""

    def __init__(self, browser: Any, base_url: str, role: str, found: Findings):
        self.role = role
        self.found = found
        self.context = browser.new_context(base_url=base_url, locale="pl-PL")
        self.context.set_default_timeout(15_000)
        self.context.expose_function("__pwned", self._pwned)
        self.context.expose_function("__csp", self._csp)
        self.context.add_init_script(WATCH_CSP)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("response", self._response)
        self.served: list[Any] = []

    def log_in(self, world: World) -> None:
        if self.role != "anonymous":
            user = world.user(self.role)
            log_in(self.page, user.email, world.totp_secrets.get(self.role))
        self.check_served()

    def _pwned(self, marker: object) -> None:
        self.found.add(self.role, self.page.url, f"script ran: __pwned({marker})")

    def _csp(self, violation: str) -> None:
        self.found.add(self.role, self.page.url, f"CSP violation: {violation}")

    def _dialog(self, dialog: Any) -> None:
        self.found.add(self.role, self.page.url, f"dialog: {dialog.message}")
        dialog.dismiss()

    def _response(self, response: Any) -> None:
        if response.status >= 500:
            request = response.request
            self.found.add(
                self.role, f"{request.method} {response.url}", str(response.status)
            )
        self.served.append(response)

    def check_served(self) -> None:
        """Reads the HTML answers since the last check for raw payloads."""
        served, self.served = self.served, []
        for response in served:
            kind = response.headers.get("content-type", "")
            if response.status >= 300 or "text/html" not in kind:
                continue
            try:
                text = response.text()
            except Exception:  # noqa: S112 (a body Chromium no longer holds)
                continue
            self.read(response.url, text)

    def read(self, url: str, html: str) -> None:
        for hit in raw_payloads(html):
            self.found.add(self.role, url, f"raw payload: {hit!r}")
        self.found.escaped.update(ESCAPED.findall(html))

    def visit(self, url: str) -> str:
        """Opens a page (or fetches a download), checks what it served and returns
        the page's HTML ("" for anything but a page answering 200)."""
        self.found.pages[self.role] = self.found.pages.get(self.role, 0) + 1
        try:
            response = self.page.goto(url)
        except Exception as error:
            if "Download is starting" not in str(error):
                raise
            self.download(url)
            return ""
        self.check_served()
        if response is None or response.status != 200 or moved(url, self.page.url):
            return ""
        return str(self.page.content())

    def fetch(self, url: str) -> str:
        """Reads a page (or a download) without rendering it, and checks it; returns
        the page's HTML ("" for anything but a page answering 200)."""
        self.found.pages[self.role] = self.found.pages.get(self.role, 0) + 1
        response = self.context.request.get(url)
        kind = response.headers.get("content-type", "")
        if "text/html" not in kind:
            self.download(url, response)
            return ""
        if response.status >= 500:
            self.found.add(self.role, url, f"answered {response.status}")
        text = response.text()
        self.read(url, text)
        return (
            str(text) if response.status == 200 and not moved(url, response.url) else ""
        )

    def download(self, url: str, response: Any = None) -> int:
        response = response or self.context.request.get(url)
        kind = response.headers.get("content-type", "")
        if response.status >= 500:
            self.found.add(self.role, url, f"download answered {response.status}")
        if "csv" in kind or "spreadsheetml" in kind:
            for cell in formula_cells(response.body(), kind):
                self.found.add(self.role, url, f"formula cell: {cell!r}")
        return int(response.status)

    def close(self) -> None:
        self.context.close()


def moved(asked: str, answered: str) -> bool:
    """Whether the answer came from elsewhere (a redirect, e.g. to the login)."""
    return urlsplit(asked).path != urlsplit(answered).path


@dataclass
class Field:
    index: int
    tag: str
    type: str
    name: str
    id: str
    min: str
    max: str
    maxlength: int
    accept: str
    rich: bool
    usable: bool
    options: list[str]


def fields_of(form: Any) -> list[Field]:
    return [Field(**facts) for facts in form.evaluate(DESCRIBE)]


def fillable(fields: list[Field]) -> list[Field]:
    return [
        one
        for one in fields
        if one.usable and one.type not in ("hidden", "submit", "button", "password")
    ]


def text_for(one: Field, marker: int, payload: str | None) -> str:
    """A hostile text: the round's payload in the full crawl, else the rotated one."""
    text = payload_for(marker)[1] if payload is None else PAYLOADS[payload](marker)
    if one.maxlength and len(text) > one.maxlength and "A" * 1000 not in text:
        text = SHORT(marker)[: one.maxlength]
    return text


def date_for(one: Field, days: int) -> str:
    if one.min:
        return one.min
    day = future(days + (1 if "end" in one.name or "close" in one.name else 0))
    return day.isoformat()


def value_for(one: Field, marker: int, payload: str | None) -> str:
    """A value the form should accept, hostile wherever text is free."""
    if one.type == "email":
        return E_MAILS[marker % len(E_MAILS)](marker)
    if one.type == "url":
        return LINKS[marker % len(LINKS)](marker)
    if one.type == "number":
        return one.min or ("1" if not one.max or float(one.max) >= 1 else one.max)
    if one.type == "date":
        return date_for(one, 30)
    if one.type == "datetime-local":
        hour = "12:00" if "end" in one.name else "10:00"
        return f"{date_for(one, 30)}T{hour}"
    if one.type == "time":
        return "10:00"
    if one.tag == "select":
        return one.options[0] if one.options else ""
    return text_for(one, marker, payload)


def file_for(one: Field, marker: int) -> dict[str, Any]:
    """A small valid file of a kind the field accepts, with a hostile name."""
    wanted = one.accept.lower()
    ext = next((ext for ext in FILES if ext in wanted), "pdf")
    if "spreadsheet" in wanted or ("xlsx" in wanted and ext == "pdf"):
        ext = "csv"
    content, mime = FILES[ext]
    name = FILE_NAME.format(k=marker, ext=ext)
    return {"name": name, "mimeType": mime, "buffer": content}


def fill(tab: Tab, form: Any, counter: Counter, payload: str | None) -> list[str]:
    """Fills every field of the form; returns what went where (for the report)."""
    plain: dict[str, str] = {}
    typed = []
    for one in fillable(fields_of(form)):
        marker = counter.next()
        if one.type == "file":
            upload = form.locator(f"input[type=file][name='{one.name}']")
            upload.set_input_files(file_for(one, marker))
        elif one.rich:
            area = tab.page.locator(
                f"[data-rich-editor-for='{one.id}'] [contenteditable]"
            )
            area.click()
            tab.page.keyboard.insert_text(text_for(one, marker, payload)[:2000])
        elif one.type in ("checkbox", "radio"):
            plain[str(one.index)] = "on"
        else:
            plain[str(one.index)] = value_for(one, marker, payload)
        typed.append(f"{one.name}#{marker}")
    form.evaluate(APPLY, plain)
    return typed


# A form in a closed <details> (a confirmation, a reply) is opened first.
REVEAL = """(form) => {
  for (let at = form.closest("details"); at; at = at.parentElement.closest("details")) {
    at.open = true;
  }
}"""
# As a click on the form's first button would (its name and value sent too).
SEND = '(form) => form.requestSubmit(form.querySelector("' + SUBMIT + '") || undefined)'


def submit(tab: Tab, form: Any) -> None:
    """Sends the form and waits for the answer."""
    if form.get_attribute("hx-post") or form.get_attribute("hx-get"):
        with tab.page.expect_response(lambda answer: answer.request.method == "POST"):
            form.evaluate(SEND)
    else:
        with tab.page.expect_navigation(wait_until="domcontentloaded"):
            form.evaluate(SEND)
    tab.check_served()


def raw_rich_post(tab: Tab, form: Any, counter: Counter) -> None:
    """Posts the form's data with raw HTML in its rich-text fields, as a client
    without the editor could: the server's sanitiser is what must hold."""
    rich = [one for one in fields_of(form) if one.rich and one.usable]
    if not rich:
        return
    data: dict[str, str] = json.loads(
        form.evaluate(
            "(form) => JSON.stringify(Object.fromEntries("
            "Array.from(new FormData(form)).filter(([, v]) => typeof v === 'string')))"
        )
    )
    for one in rich:
        marker = counter.next()
        data[one.name] = (
            f"<p>{PAYLOADS['event handler'](marker)}</p>"
            f'<a href="javascript:window.__pwned({marker})">x</a>'
            f"<svg><script>window.__pwned({marker})</script></svg>"
        )
    action = form.get_attribute("action") or tab.page.url
    response = tab.context.request.post(
        action, form=data, headers={"Referer": tab.page.url}
    )
    if response.status >= 500:
        tab.found.add(
            tab.role, action, f"raw rich-text post answered {response.status}"
        )


# Each form of the page's <main>: where it is sent, and whether it has a field.
FORMS = """(forms) => forms.map((form) => ({
  action: form.getAttribute("action") || "",
  fields: Array.from(form.elements).some((element) => element.name && !element.disabled
    && !["hidden", "submit", "button", "password"].includes(element.type)),
}))"""


def forms_to_send(tab: Tab, page_name: str, url: str) -> list[tuple[int, str]]:
    """(index, url name it is sent to) of the page's forms the crawl sends: those
    with a field, not excluded; in the sampled crawl one per endpoint and page,
    whoever meets it first (the full crawl sends every form as every role)."""
    chosen: list[tuple[int, tuple[str, str]]] = []
    for index, form in enumerate(tab.page.locator("main form").evaluate_all(FORMS)):
        action = url_name(form["action"] or url)
        key = (page_name, action)
        if not form["fields"] or action in SKIPPED_ACTIONS or action in LAST_ACTIONS:
            continue
        if not FULL and (key in tab.found.sent or key in {k for _, k in chosen}):
            continue
        chosen.append((index, key))
    return [(index, key[1]) for index, key in chosen]


def news_for(tab: Tab, page_name: str, url: str) -> bool:
    """Whether the page, read without rendering it, has a form the sampled crawl
    has not sent yet (Chromium opens only those pages)."""
    return any(
        (page_name, action) not in tab.found.sent
        and action not in SKIPPED_ACTIONS
        and action not in LAST_ACTIONS
        for action in (
            url_name(form.get("action") or url)
            for form in fillable_forms(tab.fetch(url))
        )
    )


def send_form(tab: Tab, index: int, counter: Counter, payload: str | None) -> None:
    """Fills the page's index-th form with hostile values and sends it."""
    forms = tab.page.locator("main form")
    if index >= forms.count():  # gone since an earlier form was sent
        return
    form = forms.nth(index)
    form.evaluate(REVEAL)
    fill(tab, form, counter, payload)
    raw_rich_post(tab, form, counter)
    submit(tab, form)


def crawl_forms(tab: Tab, page_name: str, url: str, counter: Counter) -> None:
    """Sends the page's forms (each from a fresh copy of the page), once, or once
    per payload in the full crawl."""
    rounds: list[str | None] = list(PAYLOADS) if FULL else [None]
    if not FULL and not news_for(tab, page_name, url):
        return
    tab.visit(url)
    fresh = True
    for index, action in forms_to_send(tab, page_name, url):
        for payload in rounds:
            if not fresh:
                tab.visit(url)
            send_form(tab, index, counter, payload)
            fresh = False
        tab.found.sent.add((page_name, action))
        tab.found.forms.setdefault(tab.role, set()).add(page_name)
        tab.found.actions.add(action)


# Forms the crawl does not send, because sending them would end what the crawl
# needs (its sessions, its people, its data) or cannot be sent by a script.
SKIPPED_ACTIONS = {
    "account_logout": "ends the session the crawl uses",
    "set_language": "only a choice of language, no text; changes every later page",
    "account_change_password": "would change the password the crawl logs in with",
    "account_set_password": "would change the password the crawl logs in with",
    "mfa_deactivate_totp": "would remove the ministry's second factor",
    "mfa_activate_totp": "needs a code from a real authenticator app",
    "mfa_reauthenticate": "needs a fresh TOTP code for a second login",
    "account_reauthenticate": "asks for the password again; no stored text",
    "organisations:membership_active": "deactivates a person the crawl signs in as",
    "organisations:membership_role": "changes a role the crawl relies on",
    "organisations:deactivate": "ends the access of the city the crawl signs in for",
    "networks:expert_end": "ends the expert's assignment the crawl relies on",
    "partnerships:member_action": "erases a member's data (irreversible)",
    "partnerships:end": "ends the LP whose join and member forms the crawl sends "
    "(irreversible; a date, no text)",
    "recruitment:application_action": "withdraws the application (irreversible)",
}
# Forms sent in the crawl's last round (tests/support/hostile_steps.py), after every
# other form: they move a document along its workflow, away from the draft pages.
LAST_ACTIONS = {
    "documents:step": "moves the document along its workflow",
}
