import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.testing.queries import queries_for
from core.testing.world import World
from organisations.models import Membership
from organisations.services import membership_grant

pytestmark = pytest.mark.django_db


def add_people(world: World, count: int) -> None:
    for user in UserFactory.create_batch(count):
        membership_grant(
            user=user, organisation=world.partner_city, role=Membership.Role.OFFICER
        )


@pytest.mark.parametrize("role", ["city_coordinator", "ministry_admin", "city_officer"])
def test_people_page_queries_do_not_grow_with_people(
    world: World, client: Client, role: str
) -> None:
    client.force_login(world.user(role))
    url = reverse("organisations:people", args=[world.partner_city.slug])
    add_people(world, 10)
    few = queries_for(client, url)
    add_people(world, 190)
    assert queries_for(client, url) == few


def test_coordinator_sees_actions_and_officer_only_the_list(
    world: World, client: Client
) -> None:
    url = reverse("organisations:people", args=[world.partner_city.slug])
    client.force_login(world.user("city_coordinator"))
    coordinator_view = client.get(url).text
    client.force_login(world.user("city_officer"))
    officer_view = client.get(url).text
    assert "Zmień rolę" in coordinator_view
    assert "Zmień rolę" not in officer_view
    assert "city_officer@example.pl" in officer_view


def test_coordinator_may_invite_only_officers(world: World, client: Client) -> None:
    client.force_login(world.user("city_coordinator"))
    url = reverse("organisations:invite", args=[world.partner_city.slug])
    response = client.post(url, {"email": "szef@example.pl", "role": "coordinator"})
    assert response.status_code == 200
    assert 'id="id_role_errors"' in response.text
    assert 'value="szef@example.pl"' in response.text


def test_invite_form_shows_a_clear_error_for_a_bad_address(
    world: World, client: Client
) -> None:
    client.force_login(world.user("city_coordinator"))
    url = reverse("organisations:invite", args=[world.partner_city.slug])
    response = client.post(url, {"email": "to-nie-adres", "role": "officer"})
    assert response.status_code == 200
    assert 'id="id_email_errors"' in response.text
    assert 'value="to-nie-adres"' in response.text


def test_ministry_admin_may_invite_a_coordinator(world: World, client: Client) -> None:
    client.force_login(world.user("ministry_admin"))
    url = reverse("organisations:invite", args=[world.lead_city.slug])
    response = client.post(url, {"email": "szef@example.pl", "role": "coordinator"})
    assert response.status_code == 302
