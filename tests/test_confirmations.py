"""Every one-click step that cannot be taken back asks first, the project's one
way (templates/_confirm.html): the form that acts sits inside the question, and
no other form on the page posts there."""

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.world import World

pytestmark = pytest.mark.django_db

PAGES: dict[str, tuple[str, Callable[[World], str], Callable[[World], str]]] = {
    # step: (who, the page that offers it, where it posts)
    "end an expert's assignment": (
        "ministry_admin",
        lambda world: reverse("networks:experts", args=[world.network.slug]),
        lambda world: reverse(
            "networks:expert_end", args=[world.network.slug, world.expert.pk]
        ),
    ),
    "deactivate an organisation": (
        "ministry_admin",
        lambda world: world.partner_city.get_absolute_url(),
        lambda world: reverse(
            "organisations:deactivate", args=[world.partner_city.slug]
        ),
    ),
    "withdraw an invitation": (
        "city_coordinator",
        lambda world: reverse("organisations:people", args=[world.partner_city.slug]),
        lambda world: reverse(
            "organisations:invitation_withdraw",
            args=[world.partner_city.slug, world.invitation.pk],
        ),
    ),
}


@pytest.mark.parametrize("step", PAGES)
def test_an_irreversible_step_asks_first(world: World, step: str) -> None:
    role, page_url, action_url = PAGES[step]
    client = Client()
    client.force_login(world.user(role))
    # when the person opens the page that offers the step
    response = client.get(page_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    # then the one form that takes it is inside a question that says what happens
    action = f'action="{action_url(world)}"'
    questions = re.findall(r'<details class="confirm">(.*?)</details>', page, re.S)
    asking = [q for q in questions if action in q]
    assert len(asking) == 1
    assert re.search(r"<p>[^<]{40,}</p>", asking[0])  # the question, in words
    assert page.count(action) == 1
