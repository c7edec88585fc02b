"""The last round of the hostile-input crawler (tests/browser/test_hostile_input.py):
the review steps of every document, each sent from the document's page with a hostile
comment, as the role the page offers the step to.

A step moves its document along the workflow (documents/workflow.py), away from the
draft pages the crawl fills first; so the steps are sent after every other form and
before every page is read again, where the comments come back: in the review
history, in the e-mails about the step and on the refused form.

The road: at each state, a step not taken yet in this round, in the table's order
(the steps of the one who answers for the document counted apart for each role that
answers for one: the lead's coordinator on the Sheet, the city's on a MID), else the
step forward to publication. A document stops when it is published again, or when
none of the roles may move it (Toruń's MID, whose coordinator is none of them). A
comment the form refuses (NUL, 100 kB) leaves the document where it was: the next
try carries the next payload. A document is submitted only with its required
sections filled in: the role that submits fills in any the crawl left empty.
"""

from urllib.parse import urlsplit

from django.urls import reverse

from documents import permissions
from documents.models import Document, State
from documents.tests.builders import complete
from documents.workflow import STEPS, Actor, Step, steps_from
from tests.support.hostile import Counter
from tests.support.hostile_browser import REVEAL, Tab, fill
from tests.support.world import World

FORWARD = {
    State.DRAFT: "submit",
    State.CHANGES_REQUESTED: "submit",
    State.IN_REVIEW: "approve",
    State.APPROVED: "accept",
    State.ACCEPTED: "publish",
    State.PUBLISHED: "amend",
}
# A bound on the tries per document (refused ones included), not a target: the
# longest road (from published, through every step, back to published) is 12 steps.
MOST_TRIES = 16


def crawl_steps(
    world: World, tabs: dict[str, Tab], counter: Counter
) -> list[tuple[int, str, str]]:
    """Moves every document along its workflow, each step with a hostile comment;
    returns the steps taken (document, step, role), for the report."""
    taken: set[tuple[str, str]] = set()  # see sent_as
    road: list[tuple[int, str, str]] = []
    last = ""  # the role that sent the last step (its tab shows the page it led to)
    for document in Document.objects.order_by("pk"):
        moves = 0
        for _ in range(MOST_TRIES):
            if moves and document.state == State.PUBLISHED:
                break
            choice = next_step(world, document, list(tabs), taken)
            if choice is None:
                break
            step, role = choice
            # The crawl's text may have left a required section empty (a payload
            # the sanitiser drops whole): the one who submits fills it in first.
            filled = step.needs_required_sections and complete(
                document, world.user(role)
            )
            moved = send_step(
                tabs[role], document, step, counter, fresh=filled or role != last
            )
            last = role
            if moved:
                taken.add(sent_as(step, role))
                road.append((document.pk, step.name, role))
                moves += 1
    return road


def next_step(
    world: World, document: Document, roles: list[str], taken: set[tuple[str, str]]
) -> tuple[Step, str] | None:
    """The step to take next and the role to take it, if any."""
    offered = {
        step.name: who
        for step in steps_from(document.state)
        if (
            who := [
                role
                for role in roles
                if role != "anonymous"
                and permissions.can_take(world.user(role), step, document)
            ]
        )
    }
    new = (
        (name, role)
        for name, who in offered.items()
        for role in who
        if sent_as(STEPS[name], role) not in taken
    )
    name, role = next(new, (FORWARD[State(document.state)], ""))
    if name not in offered:
        return None
    return STEPS[name], role or offered[name][0]


def sent_as(step: Step, role: str) -> tuple[str, str]:
    """What counts as the same step sent again: the responsible's steps by the same
    role, the others by anyone."""
    return step.name, role if step.actor == Actor.RESPONSIBLE else ""


def send_step(
    tab: Tab, document: Document, step: Step, counter: Counter, *, fresh: bool
) -> bool:
    """Sends the step's form from the document's page, its comment hostile; whether
    the document moved. (The page is opened unless the tab already shows it, as the
    last step it sent led there and no one has moved the document since.)"""
    url = document.get_absolute_url()
    if fresh or urlsplit(tab.page.url).path != url:
        tab.visit(url)
    action = reverse("documents:step", args=[document.pk, step.name])
    # The review panel is one form: one comment, a button per step (formaction).
    pressed = f"button[formaction='{action}']"
    button = tab.page.locator(f"main form {pressed}")
    if not button.count():
        tab.found.add(tab.role, url, f"step {step.name!r} it may take not offered")
        return False
    form = tab.page.locator("main form", has=tab.page.locator(pressed))
    form.evaluate(REVEAL)
    fill(tab, form, counter, None)
    with tab.page.expect_navigation(wait_until="domcontentloaded"):
        button.evaluate("(button) => button.form.requestSubmit(button)")
    tab.check_served()
    tab.found.sent.add(("documents:detail", "documents:step"))
    tab.found.forms.setdefault(tab.role, set()).add("documents:detail")
    tab.found.actions.add("documents:step")
    before = document.state
    document.refresh_from_db()
    return document.state != before
