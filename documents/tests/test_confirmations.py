"""Steps that cannot be taken back ask first (templates/_confirm.html): accepting
and publishing a document open a question under their button; the button that
acts is inside it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import Document, State
from documents.tests.builders import network_sheet
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _panel(world: World, role: str, document: Document) -> str:
    client = Client()
    client.force_login(world.user(role))
    page = client.get(document.get_absolute_url()).content.decode()
    return page[page.index('id="workflow-heading"') : page.index("</section>")]


def _confirmation(panel: str, label: str) -> str:
    """The question that opens under the step's button (closed until pressed)."""
    found = re.search(
        rf'<details class="confirm">\s*<summary class="button secondary">{label}'
        r"</summary>(.*?)</details>",
        panel,
        re.S,
    )
    assert found, label
    return found[1]


@pytest.mark.parametrize(
    ("state", "step", "label", "question", "confirm"),
    [
        (State.APPROVED, "accept", "Przyjmij", "tylko zwrot", "Tak, przyjmij"),
        (State.ACCEPTED, "publish", "Opublikuj", "nie można cofnąć", "Tak, opublikuj"),
    ],
)
def test_accepting_and_publishing_ask_for_a_confirmation_first(
    world: World, state: str, step: str, label: str, question: str, confirm: str
) -> None:
    # given the Sheet where the ministry takes the step
    sheet = network_sheet(world, state)
    # when the ministry opens it
    panel = _panel(world, "ministry_admin", sheet)
    # then the step's button only opens a question that says what will happen
    inside = _confirmation(panel, label)
    assert question in inside
    # and the one button that takes the step is inside the question
    url = reverse("documents:step", args=[sheet.pk, step])
    assert panel.count(f'formaction="{url}"') == 1
    assert re.search(rf'formaction="{url}">{confirm}</button>', inside)


def test_a_step_that_can_be_taken_back_needs_no_confirmation(world: World) -> None:
    # given the Sheet in review: approving it can be returned by the ministry
    sheet = network_sheet(world, State.IN_REVIEW)
    panel = _panel(world, "expert", sheet)
    # then the expert's buttons act at once
    assert '<details class="confirm">' not in panel
    url = reverse("documents:step", args=[sheet.pk, "approve"])
    assert f'formaction="{url}"' in panel
