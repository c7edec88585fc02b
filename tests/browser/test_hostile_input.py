"""The hostile-input crawler: every form of the portal, as every role, filled with
values meant to break out of where they are shown.

What it attacks: each GET page of the permission matrix (tests/test_permission_matrix.py
and each app's tests/matrix.py) that answers 200 to a role is opened as that role in
Chromium, and each form in its <main> with something to fill is filled — text with
script tags, event handlers, attribute breaks, `javascript:` links, SQL- and
template-looking text, broken Unicode, NUL, 100 kB, spreadsheet formulas; e-mail
fields with a quoted `<svg/onload>`; uploads with `<img onerror>` file names; the
rich-text editor typed into and, separately, posted raw HTML — and sent with the
browser's own checks off. Last, every document is moved along its review workflow,
each step sent with a hostile comment by the role it is offered to (after every other
form: a step moves the document away from its draft pages; see
tests/support/hostile_steps.py). Then every page is opened as every role, the e-mails
sent are read from the outbox, every document version's print HTML is rendered, and
the exports are parsed.

It fails on: script execution (`window.__pwned`) or a dialog, a CSP violation, any
5xx, a payload marker found raw in served HTML or an e-mail's HTML, a spreadsheet cell
starting with = + - @. Pages and forms come from the matrix, so a new URL there is
crawled; the crawl also fails when a page shows a role a form it did not fill, or a
POST URL of the matrix got no hostile values and is not in NOT_SENT (with a reason).

Sampled (default): one payload per field, rotated so the whole set is used.
The full set, every form once per payload:

    PIM_HOSTILE_FULL=1 TEST_DATABASE_NAME=test_crawler \\
        .venv/bin/python scripts/stack.py test tests/browser/test_hostile_input.py
"""

import time
from typing import Any

import pytest
from django.core import mail

from documents.models import DocumentVersion, Transition
from documents.workflow import STEPS
from pdfs.rendering import print_html
from tests.support.hostile import (
    FULL,
    PAYLOADS,
    Counter,
    crawl_plan,
    fillable_forms,
    formula_cells,
    mail_problems,
    raw_payloads,
    url_name,
)
from tests.support.hostile_browser import SKIPPED_ACTIONS, Findings, Tab, crawl_forms
from tests.support.hostile_steps import crawl_steps
from tests.support.world import ROLES, World
from tests.test_permission_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# POST endpoints no crawled form sends hostile text to, and why.
NOT_SENT = SKIPPED_ACTIONS | {
    "documents:section_autosave": "the editor's background save of the same text "
    "the section form sends",
    "documents:consultation": "a button, no field",
    "partnerships:join_decide": "buttons (accept, decline), no field",
    "documents:comment_state": "buttons (resolve, reopen), no field",
    "documents:record_delete": "a button, no field",
    "documents:restore": "a button, no field",
    "documents:start": "choices only (network, kind, city), no text",
    "meetings:registration": "a button, no field",
    "pdfs:make": "a button, no field",
    "pdfs:retry": "a button, no field",
    "pdfs:bundle_create": "a button, no field",
    "organisations:invitation_withdraw": "a button, no field",
    "organisations:reactivate": "a button, no field (for a deactivated one only)",
    "recruitment:call_copy": "a choice of edition, no text",
    "recruitment:reopen": "a date, no text",
}


@pytest.fixture(autouse=True)
def _quick_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs are made from the print HTML (checked below) without WeasyPrint's
    seconds of layout each: what is attacked is the HTML, not the PDF engine."""

    def render(version: DocumentVersion, *, variant: str) -> tuple[bytes, list[str]]:
        print_html(version, draft=variant == "draft")
        return b"%PDF-1.4\n%%EOF\n", []

    monkeypatch.setattr("pdfs.jobs.render", render)


def test_hostile_values_come_back_escaped_everywhere(
    browser: Any, live_server: Any, world: World
) -> None:
    started = time.monotonic()
    plan = crawl_plan(world, MATRIX)
    found = Findings()
    counter = Counter()
    tabs = {role: Tab(browser, live_server.url, role, found) for role in ROLES}
    for tab in tabs.values():
        tab.log_in(world)

    # when every role fills every form it is shown with hostile values
    for target in plan.targets():
        for role in target.roles:
            crawl_forms(tabs[role], target.name, target.url, counter)
    # and, last, every document's review steps with hostile comments
    stepping = time.monotonic()
    road = crawl_steps(world, tabs, counter)
    filled = time.monotonic()
    print(f"\nreview steps: {filled - stepping:.0f} s, {road}")

    # then no page shows them raw to anyone, nor runs them (in Chromium as the
    # first role the page is for, read as the others; in Chromium for all in the
    # full crawl)
    shown: dict[tuple[str, str], set[str]] = {}  # (page, role): form actions
    for target in plan.built:
        for role, tab in tabs.items():
            look = tab.visit if FULL or role == target.roles[0] else tab.fetch
            actions = forms_to_crawl(look(target.url), target.url)
            if actions:
                shown.setdefault((target.name, role if FULL else ""), set()).update(
                    actions
                )
    # nor does any e-mail, print version or export (checked in the visits)
    for number, message in enumerate(mail.outbox):
        for problem in mail_problems(message):
            found.add("mail", f"#{number} to {message.to}: {message.subject}", problem)
    for version in DocumentVersion.objects.all():
        html, _media = print_html(version, draft=True)
        for hit in raw_payloads(html):
            found.add("pdf", f"print HTML of version {version.pk}", repr(hit))
    for tab in tabs.values():
        tab.close()

    print_summary(found, plan.built, started, filled, counter)
    assert not found.problems, "\n".join(found.problems)
    # (and the values were kept: a fifth of the markers typed came back as text)
    assert len(found.escaped) > counter.value / 5
    # and the crawl missed no page with a form, no role, no endpoint of the matrix
    assert not plan.unbuilt, plan.unbuilt
    crawled = {
        (name, role if FULL else "")
        for role, names in found.forms.items()
        for name in names
    }
    missed = {page: actions for page, actions in shown.items() if page not in crawled}
    assert not missed, f"pages with forms the crawl did not send: {missed}"
    posts = {
        name for name, cases in MATRIX.items() for c in cases if c.method == "post"
    }
    assert posts - found.actions - set(NOT_SENT) == set()
    # and every review step was taken, each with a hostile comment kept
    assert {step for _, step, _ in road} == set(STEPS)
    assert Transition.objects.filter(comment__contains="data-pwn").count() == len(road)


def forms_to_crawl(html: str, url: str) -> set[str]:
    """Where the page's forms with a field are sent, but for the excluded URLs."""
    actions = {url_name(form.get("action") or url) for form in fillable_forms(html)}
    return actions - set(NOT_SENT)


def print_summary(
    found: Findings, targets: list[Any], started: float, filled: float, counter: Counter
) -> None:
    took = time.monotonic() - started
    print(f"\nhostile crawl: {took:.0f} s ({filled - started:.0f} s filling forms)")
    print(f"  {len(targets)} pages, {counter.value} fields filled")
    print(f"  {len(found.escaped)} markers shown back escaped, {len(found.sent)} forms")
    for role in ROLES:
        forms = sorted(found.forms.get(role, set()))
        print(f"  {role}: {found.pages.get(role, 0)} visits, forms on {len(forms)}")


def test_every_exclusion_names_a_url_of_the_matrix() -> None:
    """An exclusion outliving its URL would hide a new one of the same name."""
    assert set(NOT_SENT) - set(MATRIX) == set()


def test_the_checks_catch_what_they_look_for() -> None:
    # given a payload shown raw, the same escaped, a formula cell and a form
    raw = PAYLOADS["event handler"](7)
    escaped = raw.replace("<", "&lt;").replace(">", "&gt;")
    page = f'<main><form action="/x/"><input name="q"></form></main><a href="{raw}">'
    # then only the raw one is reported, with the formula cell and the form
    assert raw_payloads(page) and not raw_payloads(escaped)
    assert raw_payloads('<a href=" javascript:alert(1)">')
    assert formula_cells(b'name\n"=HYPERLINK(1)"\n\'=safe\n', "text/csv") == [
        "=HYPERLINK(1)"
    ]
    assert [form["action"] for form in fillable_forms(page)] == ["/x/"]


def test_script_execution_and_dialogs_are_reported(
    browser: Any, live_server: Any, allow_dialogs: None
) -> None:
    # given a watched tab
    found = Findings()
    tab = Tab(browser, live_server.url, "anonymous", found)
    # when a page runs two payloads
    tab.page.set_content(PAYLOADS["event handler"](3) + PAYLOADS["svg script"](4))
    tab.page.wait_for_timeout(300)
    tab.close()
    # then both are reported
    assert any("__pwned(3)" in problem for problem in found.problems)
    assert any("dialog: 4" in problem for problem in found.problems)
