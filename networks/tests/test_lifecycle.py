"""The ministry's changes to a network's life (networks/services.py, workflow.py)."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from core.errors import DomainError
from networks.models import Network, NetworkMembership
from networks.permissions import can_lead, can_view_workspace
from networks.selectors import current_member_organisations
from networks.services import (
    network_lead_hand_over,
    network_member_add,
    network_membership_end,
    network_status_change,
)
from networks.tests.factories import NetworkFactory
from organisations.models import Membership, Organisation
from organisations.services import membership_grant
from organisations.tests.factories import OrganisationFactory
from tests.support.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # Django caches permissions per instance


@pytest.fixture
def active(world: World) -> Network:
    """Rewitalizacja, still running (the pilot's networks are closed)."""
    Network.objects.filter(pk=world.network.pk).update(
        status=Network.Status.ACTIVE, ends_on=TODAY() + datetime.timedelta(days=900)
    )
    world.network.refresh_from_db()
    return world.network


def current(network: Network, organisation: Organisation) -> NetworkMembership:
    return NetworkMembership.objects.get(
        network=network, organisation=organisation, valid_to=None
    )


def test_a_planned_network_is_activated_from_its_first_day_and_audited(
    world: World,
) -> None:
    # given
    network = NetworkFactory.create(
        status=Network.Status.PLANNED,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
    )
    day = TODAY() - datetime.timedelta(days=3)
    # when
    network_status_change(
        network=network,
        status=Network.Status.ACTIVE,
        on=day,
        actor=world.user("ministry_admin"),
        ip_address="10.0.0.1",
    )
    # then
    network.refresh_from_db()
    assert (network.status, network.starts_on) == (Network.Status.ACTIVE, day)
    event = AuditEvent.objects.get(action=AuditEvent.Action.NETWORK_STATUS_CHANGED)
    assert event.network == network
    assert event.details == {"status": "active", "was": "planned", "on": str(day)}


def test_an_active_network_closes_with_its_last_day_and_never_reopens(
    world: World, active: Network
) -> None:
    # when
    day = TODAY()
    network_status_change(
        network=active,
        status=Network.Status.CLOSED,
        on=day,
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    # then
    active.refresh_from_db()
    assert (active.status, active.ends_on) == (Network.Status.CLOSED, day)
    for target in Network.Status.values:
        with pytest.raises(DomainError):
            network_status_change(
                network=active,
                status=target,
                on=day,
                actor=world.user("ministry_admin"),
                ip_address=None,
            )


def test_a_planned_network_cannot_skip_to_closed(world: World) -> None:
    network = NetworkFactory.create(status=Network.Status.PLANNED)
    with pytest.raises(DomainError):
        network_status_change(
            network=network,
            status=Network.Status.CLOSED,
            on=TODAY(),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    network.refresh_from_db()
    assert network.status == Network.Status.PLANNED


def test_activation_refuses_a_future_day(world: World) -> None:
    network = NetworkFactory.create(
        status=Network.Status.PLANNED, ends_on=TODAY() + datetime.timedelta(days=900)
    )
    with pytest.raises(DomainError, match="przyszłości"):
        network_status_change(
            network=network,
            status=Network.Status.ACTIVE,
            on=TODAY() + datetime.timedelta(days=1),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )


def test_closing_refuses_a_last_day_before_the_first(world: World) -> None:
    network = NetworkFactory.create(starts_on=TODAY() - datetime.timedelta(days=1))
    with pytest.raises(DomainError):
        network_status_change(
            network=network,
            status=Network.Status.CLOSED,
            on=TODAY() - datetime.timedelta(days=2),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )


@pytest.mark.parametrize("role", ["ministry_staff", "lead_coordinator", "expert"])
def test_only_the_ministry_admin_changes_a_network(
    world: World, active: Network, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        network_status_change(
            network=active,
            status=Network.Status.CLOSED,
            on=TODAY(),
            actor=world.user(role),
            ip_address=None,
        )
    with pytest.raises(PermissionDenied):
        network_membership_end(
            membership=current(active, world.partner_city),
            on=TODAY(),
            actor=world.user(role),
            ip_address=None,
        )


def test_handing_the_lead_over_keeps_history_and_moves_the_lead_rights(
    world: World, active: Network, django_capture_on_commit_callbacks: Any
) -> None:
    # given Katowice leads, Gdynia is a partner
    katowice, gdynia = world.lead_city, world.partner_city
    day = TODAY()
    # when the lead passes to Gdynia today
    with django_capture_on_commit_callbacks(execute=True):
        lead = network_lead_hand_over(
            network=active,
            organisation=gdynia,
            on=day,
            actor=world.user("ministry_admin"),
            ip_address="10.0.0.1",
        )
    # then both old rows end yesterday and the new ones start today
    rows = NetworkMembership.objects.filter(
        network=active, organisation__in=[katowice, gdynia]
    ).order_by("organisation__name", "valid_from")
    assert [
        (row.organisation.name, row.role, row.valid_from == day, row.valid_to)
        for row in rows
    ] == [
        ("Gdynia", "partner", False, day - datetime.timedelta(days=1)),
        ("Gdynia", "lead", True, None),
        ("Katowice", "lead", False, day - datetime.timedelta(days=1)),
        ("Katowice", "partner", True, None),
    ]
    assert lead == current(active, gdynia)
    # and the lead's rights moved; both cities still see the workspace
    assert can_lead(fresh(world.user("city_coordinator")), active)
    assert not can_lead(fresh(world.user("lead_coordinator")), active)
    assert can_view_workspace(fresh(world.user("lead_coordinator")), active)
    assert can_view_workspace(fresh(world.user("city_officer")), active)
    # and it is audited
    event = AuditEvent.objects.get(action=AuditEvent.Action.NETWORK_LEAD_HANDED_OVER)
    assert (event.organisation, event.network) == (gdynia, active)
    assert event.details["previous_lead"] == "Katowice"
    # and both cities' coordinators are told, in Polish, after the commit
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == [
        "city_coordinator@example.pl",
        "lead_coordinator@example.pl",
    ]
    assert "Gdynia" in message.subject
    assert "jest miastem liderem" in message.body
    assert "Katowice" in message.body


def test_the_lead_goes_only_to_a_current_polish_partner(
    world: World, active: Network
) -> None:
    # given a foreign partner city and an observer
    vilnius = OrganisationFactory.create(name="Wilno", country="LT", voivodeship="")
    observer = OrganisationFactory.create(name="Obserwator")
    admin = world.user("ministry_admin")
    network_member_add(
        network=active,
        organisation=vilnius,
        role="partner",
        on=TODAY(),
        actor=admin,
        ip_address=None,
    )
    network_member_add(
        network=active,
        organisation=observer,
        role="observer",
        on=TODAY(),
        actor=admin,
        ip_address=None,
    )
    outsider = OrganisationFactory.create()
    for city in (vilnius, observer, outsider, world.lead_city):
        with pytest.raises(DomainError):
            network_lead_hand_over(
                network=active,
                organisation=city,
                on=TODAY(),
                actor=admin,
                ip_address=None,
            )
    assert current(active, world.lead_city).role == "lead"


def test_a_hand_over_before_the_present_roles_began_is_refused(
    world: World, active: Network
) -> None:
    with pytest.raises(DomainError):
        network_lead_hand_over(
            network=active,
            organisation=world.partner_city,
            on=active.starts_on,
            actor=world.user("ministry_admin"),
            ip_address=None,
        )


def test_ending_a_membership_keeps_its_row_and_takes_the_workspace_away(
    world: World, active: Network
) -> None:
    # given Gdynia's people see the workspace
    assert can_view_workspace(fresh(world.user("city_officer")), active)
    membership = current(active, world.partner_city)
    # when its membership ends today
    network_membership_end(
        membership=membership,
        on=TODAY(),
        actor=world.user("ministry_admin"),
        ip_address="10.0.0.1",
    )
    # then the row is kept with its last day and the workspace is gone
    membership.refresh_from_db()
    assert membership.valid_to == TODAY()
    assert not can_view_workspace(fresh(world.user("city_officer")), active)
    assert not can_view_workspace(fresh(world.user("city_coordinator")), active)
    event = AuditEvent.objects.get(action=AuditEvent.Action.NETWORK_MEMBERSHIP_ENDED)
    assert (event.organisation, event.details["role"]) == (
        world.partner_city,
        "partner",
    )


def test_the_lead_city_is_not_ended_before_it_hands_the_lead_over(
    world: World, active: Network
) -> None:
    with pytest.raises(DomainError, match="przekazaniu przywództwa"):
        network_membership_end(
            membership=current(active, world.lead_city),
            on=TODAY(),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    assert current(active, world.lead_city).valid_to is None


def test_a_closed_networks_members_do_not_change(world: World) -> None:
    # given Rewitalizacja as the pilot left it: closed
    assert world.network.status == Network.Status.CLOSED
    with pytest.raises(DomainError):
        network_membership_end(
            membership=current(world.network, world.partner_city),
            on=TODAY(),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    with pytest.raises(DomainError):
        network_member_add(
            network=world.network,
            organisation=OrganisationFactory.create(),
            role="partner",
            on=world.network.starts_on,
            actor=world.user("ministry_admin"),
            ip_address=None,
        )


def test_an_observer_sees_the_workspace_but_writes_no_mid(
    world: World, active: Network
) -> None:
    # given an organisation with a coordinator
    newcomer = OrganisationFactory.create(name="Nowe Miasto")
    person = User.objects.create_user(email="nowy@example.pl", password="x")
    membership_grant(
        user=person, organisation=newcomer, role=Membership.Role.COORDINATOR
    )
    # when it joins as an observer
    row = network_member_add(
        network=active,
        organisation=newcomer,
        role="observer",
        on=TODAY(),
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    # then
    assert row.role == NetworkMembership.Role.OBSERVER
    assert can_view_workspace(fresh(person), active)
    assert not can_lead(fresh(person), active)
    assert newcomer not in current_member_organisations(network_id=active.pk)
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED, organisation=newcomer
    )
    assert event.details["role"] == "observer"


@pytest.mark.parametrize(
    "change",
    [
        {"is_active": False},
        {"kind": Organisation.Kind.MINISTRY},
    ],
)
def test_only_active_member_organisations_join(
    world: World, active: Network, change: dict[str, Any]
) -> None:
    organisation = OrganisationFactory.create(**change)
    with pytest.raises(DomainError):
        network_member_add(
            network=active,
            organisation=organisation,
            role="partner",
            on=TODAY(),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )


def test_a_current_member_is_not_added_twice_nor_as_lead(
    world: World, active: Network
) -> None:
    admin = world.user("ministry_admin")
    with pytest.raises(DomainError):
        network_member_add(
            network=active,
            organisation=world.partner_city,
            role="partner",
            on=TODAY(),
            actor=admin,
            ip_address=None,
        )
    with pytest.raises(DomainError):
        network_member_add(
            network=active,
            organisation=OrganisationFactory.create(),
            role="lead",
            on=TODAY(),
            actor=admin,
            ip_address=None,
        )


def test_a_former_member_may_join_again_after_its_last_day(
    world: World, active: Network
) -> None:
    admin = world.user("ministry_admin")
    ended = network_membership_end(
        membership=current(active, world.partner_city),
        on=TODAY() - datetime.timedelta(days=2),
        actor=admin,
        ip_address=None,
    )
    with pytest.raises(DomainError):  # overlapping its old membership
        network_member_add(
            network=active,
            organisation=world.partner_city,
            role="partner",
            on=ended.valid_to,  # type: ignore[arg-type]
            actor=admin,
            ip_address=None,
        )
    again = network_member_add(
        network=active,
        organisation=world.partner_city,
        role="observer",
        on=TODAY(),
        actor=admin,
        ip_address=None,
    )
    assert (
        NetworkMembership.objects.filter(
            network=active, organisation=world.partner_city
        ).count()
        == 2
    )
    assert again.is_current


def test_the_hand_over_e_mail_is_sent_when_a_typed_name_has_a_line_break(
    world: World, active: Network, django_capture_on_commit_callbacks: Any
) -> None:
    # given a network named from a theme typed with a line break in it
    Network.objects.filter(pk=active.pk).update(name_pl="Rewitalizacja\nmiast")
    active.refresh_from_db()
    # when the lead passes to Gdynia
    with django_capture_on_commit_callbacks(execute=True):
        network_lead_hand_over(
            network=active,
            organisation=world.partner_city,
            on=TODAY(),
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    # then the coordinators are told, under a subject of one line
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Rewitalizacja miast: Gdynia")
