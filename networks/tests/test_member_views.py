"""A network's members page and the public page's members and history."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from networks.models import Network, NetworkMembership
from networks.services import network_member_add
from networks.tests.factories import NetworkFactory, NetworkMembershipFactory
from organisations.models import Voivodeship
from organisations.tests.factories import OrganisationFactory
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(world: World) -> Network:
    Network.objects.filter(pk=world.network.pk).update(
        status=Network.Status.ACTIVE,
        ends_on=timezone.localdate() + datetime.timedelta(days=900),
    )
    world.network.refresh_from_db()
    return world.network


def members_page(client: Client, world: World, role: str) -> str:
    client.force_login(world.user(role))
    response = client.get(reverse("networks:members", args=[world.network.slug]))
    assert response.status_code == 200
    return response.text


def test_the_ministry_admin_is_offered_every_change_of_an_active_network(
    client: Client, world: World, active: Network
) -> None:
    page = members_page(client, world, "ministry_admin")
    assert "Zamknij sieć" in page
    assert "Przekaż przywództwo" in page
    assert "Dodaj do sieci" in page
    assert "Zakończ członkostwo" in page
    # and instead of ending the lead, why not
    assert "dopiero po przekazaniu przywództwa" in page


def test_ministry_staff_see_the_page_and_why_nothing_is_offered(
    client: Client, world: World, active: Network
) -> None:
    page = members_page(client, world, "ministry_staff")
    assert "Katowice" in page
    assert "zmieniają tylko administratorzy biura programu" in page
    for offered in ("Zamknij sieć", "Przekaż przywództwo", "Dodaj do sieci"):
        assert offered not in page


def test_a_closed_network_offers_no_change_and_says_why(
    client: Client, world: World
) -> None:
    page = members_page(client, world, "ministry_admin")
    assert "Sieć jest zamknięta" in page
    for offered in ("Zamknij sieć", "Aktywuj sieć", "Dodaj do sieci"):
        assert offered not in page


def test_ministry_staff_cannot_post_a_change(
    client: Client, world: World, active: Network
) -> None:
    client.force_login(world.user("ministry_staff"))
    response = client.post(
        reverse("networks:status", args=[active.slug]),
        {"status": "closed", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 404
    active.refresh_from_db()
    assert active.status == Network.Status.ACTIVE


def test_the_admin_adds_a_foreign_observer_through_the_page(
    client: Client, world: World, active: Network
) -> None:
    # given
    vilnius = OrganisationFactory.create(name="Wilno", country="LT", voivodeship="")
    client.force_login(world.user("ministry_admin"))
    # when
    response = client.post(
        reverse("networks:member_add", args=[active.slug]),
        {
            "organisation": vilnius.pk,
            "role": "observer",
            "date": timezone.localdate().isoformat(),
        },
    )
    # then
    assert response.status_code == 302
    assert NetworkMembership.objects.get(
        network=active, organisation=vilnius, valid_to=None
    ).role == ("observer")
    # and the public page lists it as an observer, with its country
    public = client.get(active.get_absolute_url()).text
    assert "Wilno" in public
    assert "obserwator" in public
    assert "Litwa" in public


def test_a_refused_change_comes_back_as_a_message(
    client: Client, world: World, active: Network
) -> None:
    client.force_login(world.user("ministry_admin"))
    lead = NetworkMembership.objects.get(
        network=active, organisation=world.lead_city, valid_to=None
    )
    response = client.post(
        reverse("networks:member_end", args=[active.slug, lead.pk]),
        {"date": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "dopiero po przekazaniu przywództwa" in response.text
    lead.refresh_from_db()
    assert lead.valid_to is None


def test_a_form_with_a_wrong_date_comes_back_with_its_error(
    client: Client, world: World, active: Network
) -> None:
    client.force_login(world.user("ministry_admin"))
    response = client.post(
        reverse("networks:lead_handover", args=[active.slug]),
        {"organisation": world.partner_city.pk, "date": "jutro"},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text


def test_the_public_page_shows_the_history_of_members_and_leads(
    client: Client, world: World, active: Network
) -> None:
    # given Gdynia left the network
    membership = NetworkMembership.objects.get(
        network=active, organisation=world.partner_city, valid_to=None
    )
    client.force_login(world.user("ministry_admin"))
    client.post(
        reverse("networks:member_end", args=[active.slug, membership.pk]),
        {"date": timezone.localdate().isoformat()},
    )
    client.logout()
    # when anyone looks
    page = client.get(active.get_absolute_url()).text
    # then the history names Gdynia with its dates, the current table does not
    history = page[page.index('id="history-heading"') :]
    current = page[page.index('id="current-members"') : page.index("history-heading")]
    assert "Gdynia" in history
    assert timezone.localdate().strftime("%Y-%m-%d") in history
    assert "Gdynia" not in current


def test_members_page_queries_do_not_grow_with_members(
    client: Client, world: World
) -> None:
    network = NetworkFactory.create(
        ends_on=timezone.localdate() + datetime.timedelta(days=900)
    )
    NetworkMembershipFactory(network=network, role=NetworkMembership.Role.LEAD)
    NetworkMembershipFactory.create_batch(5, network=network)
    client.force_login(world.user("ministry_admin"))
    url = reverse("networks:members", args=[network.slug])
    few = queries_for(client, url, cached=False)
    assert few <= PAGE_QUERY_BUDGET
    NetworkMembershipFactory.create_batch(40, network=network)
    for _ in range(5):
        network_member_add(
            network=network,
            organisation=OrganisationFactory.create(),
            role="observer",
            on=timezone.localdate(),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    assert queries_for(client, url, cached=False) == few


def test_organisations_to_add_are_grouped_by_voivodeship_then_country(
    client: Client, world: World, active: Network
) -> None:
    # given cities in two voivodeships and one abroad, none a member yet
    OrganisationFactory.create(name="Wilno", country="LT", voivodeship="")
    OrganisationFactory.create(name="Sopot", voivodeship=Voivodeship.POMORSKIE)
    OrganisationFactory.create(name="Brzeg", voivodeship=Voivodeship.OPOLSKIE)
    # when the ministry admin opens the members page
    page = members_page(client, world, "ministry_admin")
    # then the list to add from is in a group per voivodeship, in the
    # voivodeships' order, and the foreign city under its country after them
    field = page[page.index('id="add_organisation"') :]
    field = field[: field.index("</select>")]
    opolskie = field.index('<optgroup label="opolskie">')
    pomorskie = field.index('<optgroup label="pomorskie">')
    abroad = field.index('<optgroup label="Litwa">')
    assert opolskie < field.index("Brzeg") < pomorskie < field.index("Sopot") < abroad
    assert abroad < field.index("Wilno")
