from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from networks.models import Network, NetworkMembership
from networks.services import expert_assign, network_membership_start, pilot_import
from networks.tests.factories import (
    EditionFactory,
    NetworkFactory,
    NetworkMembershipFactory,
)
from organisations.tests.factories import OrganisationFactory
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for

pytestmark = pytest.mark.django_db


def test_network_list_shows_the_three_pilot_networks(client: Client) -> None:
    pilot_import()
    response = client.get(reverse("networks:list"))
    assert response.status_code == 200
    for name in ("Rewitalizacja", "Mobilność miejska", "Jakość powietrza"):
        assert name in response.text


def test_network_list_filters_by_edition(client: Client) -> None:
    # given
    pilot_import()
    other = NetworkFactory.create(name_pl="Zielone miasto")
    # when
    response = client.get(reverse("networks:list"), {"edition": other.edition.pk})
    # then
    assert "Zielone miasto" in response.text
    assert "Rewitalizacja" not in response.text


def test_network_detail_shows_members_voivodeships_and_lead_history(
    client: Client,
) -> None:
    pilot_import()
    response = client.get(reverse("networks:detail", args=["jakosc-powietrza"]))
    assert response.status_code == 200
    assert "Stowarzyszenie Białostockiego Obszaru Funkcjonalnego" in response.text
    assert "Nowy Sącz" in response.text
    assert "dawny lider" in response.text  # "former lead", in Polish by default
    assert "podlaskie" in response.text


def test_network_detail_in_english_uses_the_english_name(client: Client) -> None:
    pilot_import()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("networks:detail", args=["jakosc-powietrza"]))
    assert "<h1>Air quality</h1>" in response.text
    assert "former lead" in response.text


def test_unknown_network_answers_a_friendly_404(client: Client) -> None:
    response = client.get(reverse("networks:detail", args=["nie-ma-takiej"]))
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.text
    assert reverse("networks:list") in response.text


def _networks(count: int) -> None:
    edition = EditionFactory()
    for network in NetworkFactory.create_batch(count, edition=edition):
        NetworkMembershipFactory(network=network, role=NetworkMembership.Role.LEAD)
        NetworkMembershipFactory.create_batch(3, network=network)


def test_network_list_queries_do_not_grow_with_networks(client: Client) -> None:
    url = reverse("networks:list")
    _networks(3)
    few = queries_for(client, url, cached=False)
    assert few <= PAGE_QUERY_BUDGET
    _networks(40)
    assert queries_for(client, url, cached=False) == few
    # and once cached, the list reads nothing
    assert queries_for(client, url) == 0


def test_network_detail_queries_do_not_grow_with_members(client: Client) -> None:
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, role=NetworkMembership.Role.LEAD)
    NetworkMembershipFactory.create_batch(10, network=network)
    url = reverse("networks:detail", args=[network.slug])
    few = queries_for(client, url, cached=False)
    assert few <= PAGE_QUERY_BUDGET
    NetworkMembershipFactory.create_batch(190, network=network)
    assert queries_for(client, url, cached=False) == few
    # and once its public part is cached, only the network itself is read
    assert queries_for(client, url) == 1


def test_public_network_pages_show_a_change_at_once_despite_the_cache(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given a network whose public pages were seen, so cached
    network = NetworkFactory.create(status=Network.Status.ACTIVE)
    NetworkMembershipFactory(network=network, role=NetworkMembership.Role.LEAD)
    detail = reverse("networks:detail", args=[network.slug])
    listing = reverse("networks:list")
    client.get(detail)
    client.get(listing)
    newcomer = OrganisationFactory.create(name="Nowe Miasto nad Pilicą")
    expert = UserFactory.create(full_name="Ekspertka Nowa")
    assert newcomer.name not in client.get(detail).text

    # when the network gains a member and an expert (each change committed)
    with django_capture_on_commit_callbacks(execute=True):
        network_membership_start(
            network=network,
            organisation=newcomer,
            role=NetworkMembership.Role.PARTNER,
            valid_from=network.starts_on,
        )
    with django_capture_on_commit_callbacks(execute=True):
        expert_assign(network=network, user=expert, valid_from=network.starts_on)

    # then both pages show it on the next visit
    page = client.get(detail).text
    assert newcomer.name in page
    assert expert.full_name in page
    assert f"<td>{2}</td>" in client.get(listing).text  # members of the network
