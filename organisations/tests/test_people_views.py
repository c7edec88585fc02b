from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError

from accounts.tests.factories import UserFactory
from organisations import tasks
from organisations.models import Invitation, Membership
from organisations.services import membership_grant
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

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
    assert few <= PAGE_QUERY_BUDGET
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
    # (the coordinator may give officers no other role: no role control, see
    # test_the_role_control_offers_every_role_the_manager_may_give)
    assert "Dezaktywuj" in coordinator_view
    assert "Dezaktywuj" not in officer_view
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


def test_an_invitation_is_sent_and_mailed_while_the_broker_is_down(
    world: World,
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a coordinator, and a broker that refuses every message
    def broker_down(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Refused.")

    monkeypatch.setattr(tasks.send_invitation_email, "apply_async", broker_down)
    client.force_login(world.user("city_coordinator"))
    url = reverse("organisations:invite", args=[world.partner_city.slug])
    # when they invite an officer
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "nowy@example.pl", "role": "officer"})
    # then the page answers as usual, the invitation is saved and the e-mail left
    assert response.status_code == 302
    assert Invitation.objects.filter(
        organisation=world.partner_city,
        email="nowy@example.pl",
        status=Invitation.Status.PENDING,
    ).exists()
    assert [message.to for message in mail.outbox] == [["nowy@example.pl"]]


def test_coordinator_cannot_promote_an_officer_or_touch_a_coordinator(
    world: World, client: Client
) -> None:
    # given Gdynia's coordinator and a second coordinator appointed by the ministry
    from organisations.services import membership_grant as grant

    other = grant(
        user=world.user("expert"),
        organisation=world.partner_city,
        role=Membership.Role.COORDINATOR,
    )
    officer = Membership.objects.get(
        user=world.user("city_officer"), organisation=world.partner_city
    )
    client.force_login(world.user("city_coordinator"))
    slug = world.partner_city.slug
    # when they try to promote the officer or deactivate the other coordinator
    promote = client.post(
        reverse("organisations:membership_role", args=[slug, officer.pk]),
        {"role": "coordinator", "expected_role": "officer"},
    )
    deactivate = client.post(
        reverse("organisations:membership_active", args=[slug, other.pk]),
        {"active": "0"},
    )
    # then both are refused like missing pages and nothing changed
    assert promote.status_code == deactivate.status_code == 404
    officer.refresh_from_db()
    other.refresh_from_db()
    assert officer.role == Membership.Role.OFFICER
    assert other.is_active


@pytest.mark.parametrize(
    ("role", "offered"),
    [("ministry_admin", ["officer", "coordinator"]), ("city_coordinator", [])],
)
def test_the_role_control_offers_every_role_the_manager_may_give(
    world: World, client: Client, role: str, offered: list[str]
) -> None:
    # given Gdynia's officer, on Gdynia's people page of a manager
    officer = Membership.objects.get(
        user=world.user("city_officer"), organisation=world.partner_city
    )
    client.force_login(world.user(role))
    text = client.get(
        reverse("organisations:people", args=[world.partner_city.slug])
    ).text
    # then the ministry may make the officer a coordinator: both roles are offered
    select = f'<select name="role" id="role-{officer.pk}">'
    if offered:
        options = text[text.index(select) : text.index("</select>", text.index(select))]
        for value in offered:
            assert f'<option value="{value}"' in options
    else:
        # and the city's coordinator, who may give no other role, is offered no
        # control that changes nothing, but told who can
        assert select not in text
        assert "Koordynatora wyznacza tylko biuro programu." in text
