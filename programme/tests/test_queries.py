"""The programme's lists cost the same number of queries whatever their length."""

import pytest
from django.test import Client
from django.urls import reverse

from programme.tests.factories import faq_question, news_item
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("programme:news", "anonymous"),
        ("programme:faq", "anonymous"),
        ("programme:news_rss", "anonymous"),
        ("programme:news_atom", "anonymous"),
        ("programme:manage", "ministry_admin"),
    ],
)
def test_a_list_costs_the_same_queries_with_three_items_or_thirty(
    world: World, name: str, role: str
) -> None:
    # given a client of the role, and three news items and questions
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    url = reverse(name)
    for number in range(3):
        news_item(world, title=f"Wiadomość {number}")
        faq_question(world, title=f"Pytanie {number}")
    few = queries_for(client, url)

    # when there are thirty of each, and drafts the public does not see
    for number in range(3, 30):
        news_item(world, title=f"Wiadomość {number}")
        faq_question(world, title=f"Pytanie {number}")
        news_item(world, title=f"Szkic {number}", publish=False)

    # then the page costs the same, within the portal's budget
    assert queries_for(client, url) == few
    assert few <= PAGE_QUERY_BUDGET
