import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from networks.models import Network, NetworkMembership
from networks.permissions import (
    can_assign_experts,
    can_lead,
    can_review,
    can_view_workspace,
    network_membership_grants_sync,
)
from networks.services import expert_assign, expert_unassign
from tests.support.world import World

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # Django caches permissions per instance


def test_member_cities_see_their_network_workspace_and_nobody_else(
    world: World,
) -> None:
    network = world.network
    assert can_view_workspace(world.user("city_officer"), network)
    assert can_view_workspace(world.user("lead_coordinator"), network)
    assert can_view_workspace(world.user("expert"), network)
    assert can_view_workspace(world.user("ministry_staff"), network)
    air = Network.objects.get(slug="jakosc-powietrza")
    assert not can_view_workspace(world.user("city_officer"), air)
    assert not can_view_workspace(world.user("expert"), air)


def test_only_the_current_lead_coordinator_acts_as_lead(world: World) -> None:
    assert can_lead(world.user("lead_coordinator"), world.network)
    assert not can_lead(world.user("city_coordinator"), world.network)
    assert not can_lead(world.user("city_officer"), world.network)


def test_lead_change_moves_the_lead_rights_and_keeps_history(world: World) -> None:
    # given Katowice hands the lead to Gdynia
    katowice = NetworkMembership.objects.get(
        network=world.network, organisation=world.lead_city, valid_to=None
    )
    gdynia = NetworkMembership.objects.get(
        network=world.network, organisation=world.partner_city, valid_to=None
    )
    change = datetime.date(2018, 9, 1)
    for membership in (katowice, gdynia):
        membership.valid_to = change - datetime.timedelta(days=1)
        membership.save(update_fields=["valid_to"])
        network_membership_grants_sync(membership)
    for organisation, role in (
        (world.lead_city, NetworkMembership.Role.PARTNER),
        (world.partner_city, NetworkMembership.Role.LEAD),
    ):
        network_membership_grants_sync(
            NetworkMembership.objects.create(
                network=world.network,
                organisation=organisation,
                role=role,
                valid_from=change,
            )
        )
    # then
    assert can_lead(fresh(world.user("city_coordinator")), world.network)
    assert not can_lead(fresh(world.user("lead_coordinator")), world.network)
    assert can_view_workspace(fresh(world.user("lead_coordinator")), world.network)
    assert NetworkMembership.objects.filter(network=world.network).count() == 14


def test_expert_assignment_grants_review_and_is_audited(world: World) -> None:
    # given
    new_expert = world.user("city_officer")
    air = Network.objects.get(slug="jakosc-powietrza")
    # when
    assignment = expert_assign(
        network=air,
        user=new_expert,
        valid_from=air.starts_on,
        actor=world.user("ministry_admin"),
        ip_address="10.0.0.1",
    )
    # then
    assert can_review(fresh(new_expert), air)
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.EXPERT_ASSIGNED, network=air
    )
    assert event.actor == world.user("ministry_admin")
    assert event.subject == new_expert
    # and when it ends, the rights go with it
    expert_unassign(
        expert=assignment, actor=world.user("ministry_admin"), ip_address=None
    )
    assert not can_review(fresh(new_expert), air)


def test_only_ministry_admin_assigns_experts(world: World, client) -> None:
    assert can_assign_experts(world.user("ministry_admin"), world.network)
    for role in ("ministry_staff", "lead_coordinator", "expert", "city_coordinator"):
        assert not can_assign_experts(world.user(role), world.network)
    client.force_login(world.user("ministry_admin"))
    response = client.post(
        reverse("networks:experts", args=["rewitalizacja"]),
        {"email": "nie-ma-konta@example.pl"},
    )
    assert response.status_code == 200
    assert "nie-ma-konta@example.pl" in response.text  # kept in the form
    assert 'aria-invalid="true"' in response.text
