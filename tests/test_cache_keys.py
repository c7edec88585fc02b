"""The public lists' cached parts are keyed by validated filters only, so what a
visitor adds to the address cannot fill the Redis that also holds the sessions:
the network list and the meetings calendar (core.listing.filters_key)."""

import random
import string
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from networks.models import Network
from networks.tests.factories import NetworkFactory
from tests.support.world import World

pytestmark = pytest.mark.django_db

LISTS = {
    "networks:list": ["edition", "status", "page"],
    "meetings:calendar": ["edition", "network", "kind", "city", "when", "page"],
}


def _cache_keys() -> int:
    """The keys in the test's cache database, counted by Redis itself."""
    raw: Any = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    return int(raw.dbsize())


def _junk(rng: random.Random, known: list[str]) -> dict[str, str]:
    def text() -> str:
        alphabet = string.ascii_letters + string.digits + "ąęż -%&="
        return "".join(rng.choices(alphabet, k=rng.randint(1, 24)))

    query = {text(): text() for _ in range(rng.randint(1, 3))}
    query[rng.choice(known)] = rng.choice([text(), str(rng.randint(0, 10**9))])
    return query


def test_a_thousand_requests_with_junk_parameters_add_few_cache_keys(
    client: Client, world: World
) -> None:
    # given both lists seen once, so what they always cache is there
    for name in LISTS:
        client.get(reverse(name))
    before = _cache_keys()
    # when a visitor sends 1 000 requests with random parameters, known or not
    rng = random.Random(16)  # noqa: S311 - a repeatable test, not a secret
    for index in range(1000):
        name = list(LISTS)[index % 2]
        response = client.get(reverse(name), _junk(rng, LISTS[name]))
        assert response.status_code == 200
    # then the cache holds only a handful of keys more
    assert _cache_keys() - before <= 10


def test_the_network_list_cached_under_a_filter_shows_only_what_it_finds(
    client: Client, world: World
) -> None:
    # given a planned and an active network besides the pilot's
    NetworkFactory.create(name_pl="Zielone miasto", status=Network.Status.PLANNED)
    NetworkFactory.create(name_pl="Błękitna sieć", status=Network.Status.ACTIVE)
    url = reverse("networks:list")
    # when the list is filtered twice (the second answer comes from the cache),
    # then by the other status, and with a parameter it does not know
    planned = [client.get(url, {"status": "planned"}).text for _ in range(2)]
    active = client.get(url, {"status": "active"}).text
    junk = client.get(url, {"status": "planned", "utm": "x"}).text
    # then each shows its own networks
    for page in (*planned, junk):
        assert "Zielone miasto" in page
        assert "Błękitna sieć" not in page
        assert "Rewitalizacja" not in page
    assert "Błękitna sieć" in active
    assert "Zielone miasto" not in active


def test_the_calendar_filter_form_cached_under_a_filter_shows_the_chosen_kind(
    client: Client, world: World
) -> None:
    url = reverse("meetings:calendar")
    first = client.get(url, {"kind": "network"}).text
    again = client.get(url, {"kind": "network", "junk": "1"}).text
    other = client.get(url, {"kind": "joint"}).text
    assert '<option value="network" selected>' in first
    assert '<option value="network" selected>' in again
    assert '<option value="joint" selected>' in other
    assert '<option value="network" selected>' not in other


def test_the_calendar_shows_a_typed_city_without_caching_it(
    client: Client, world: World
) -> None:
    url = reverse("meetings:calendar")
    client.get(url)
    before = _cache_keys()
    page = client.get(url, {"city": "Gdyn"}).text
    assert 'value="Gdyn"' in page
    # the form with the typed text and its count are not kept (the table is kept
    # under its rows, which the data bound)
    after = _cache_keys()
    assert after - before <= 1


def test_anonymous_requests_for_upcoming_or_past_meetings_add_few_cache_keys(
    client: Client, world: World
) -> None:
    # given the calendar's upcoming and past meetings seen once
    url = reverse("meetings:calendar")
    for when in ("upcoming", "past"):
        client.get(url, {"when": when})
    before = _cache_keys()
    # when anonymous visitors ask for them twenty times more
    for index in range(20):
        when = ("upcoming", "past")[index % 2]
        assert client.get(url, {"when": when}).status_code == 200
    # then the counts are not cached again for each request's moment (at most a
    # new minute's count for each, should the minute turn during the test)
    assert _cache_keys() - before <= 2
