import datetime

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from core.errors import DomainError
from organisations.models import Invitation, Membership
from organisations.permissions import can_manage_people, can_view_people
from organisations.services import (
    invitation_accept,
    invitation_revoke,
    invitation_send,
    membership_change_role,
    membership_set_active,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _invite(world: World, email: str = "nowy.urzednik@example.pl") -> Invitation:
    return invitation_send(
        organisation=world.partner_city,
        email=email,
        full_name="Nowy Urzędnik",
        role=Membership.Role.OFFICER,
        actor=world.user("city_coordinator"),
        ip_address="10.1.2.3",
    )


def _link_from_last_email() -> str:
    return next(
        line.strip() for line in mail.outbox[-1].body.splitlines() if "http" in line
    )


def test_invitation_sends_an_email_whose_link_lets_the_officer_in(
    world: World, client: Client, django_capture_on_commit_callbacks
) -> None:
    # given a coordinator invites an officer of their own city
    with django_capture_on_commit_callbacks(execute=True):
        _invite(world)
    link = _link_from_last_email()
    # when the officer opens the link and chooses a password
    path = link.split("8000", 1)[1]
    response = client.post(
        path,
        {
            "full_name": "Nowy Urzędnik",
            "password": "Rewitalizacja-2026!",
            "password_again": "Rewitalizacja-2026!",
        },
    )
    # then they are logged in, see their city's people page, and nothing of another
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nowy.urzednik@example.pl"]
    people = client.get(reverse("organisations:people", args=["gdynia"]))
    other = client.get(reverse("organisations:people", args=["katowice"]))
    assert people.status_code == 200
    assert "nowy.urzednik@example.pl" in people.text
    assert other.status_code == 404


def test_accepted_invitation_cannot_be_used_again(world: World) -> None:
    invitation = _invite(world)
    invitation_accept(
        invitation=invitation,
        user=None,
        full_name="A",
        password="Rewitalizacja-2026!",
        ip_address=None,
    )
    with pytest.raises(DomainError):
        invitation_accept(
            invitation=invitation,
            user=None,
            full_name="B",
            password="Rewitalizacja-2026!",
            ip_address=None,
        )
    assert User.objects.filter(email="nowy.urzednik@example.pl").count() == 1


def test_expired_invitation_is_refused(world: World, client: Client) -> None:
    world.invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    world.invitation.save(update_fields=["expires_at"])
    url = reverse("organisations:invitation_accept", args=[world.invitation_token])
    response = client.post(
        url,
        {"full_name": "X", "password": "Rewitalizacja-2026!", "password_again": "x"},
    )
    assert response.status_code == 410
    assert not User.objects.filter(email=world.invitation.email).exists()


def test_revoked_invitation_link_stops_working(world: World, client: Client) -> None:
    invitation_revoke(
        invitation=world.invitation,
        actor=world.user("city_coordinator"),
        ip_address=None,
    )
    url = reverse("organisations:invitation_accept", args=[world.invitation_token])
    assert client.get(url).status_code == 410


def test_accept_form_keeps_what_was_typed_and_shows_errors(
    world: World, client: Client
) -> None:
    url = reverse("organisations:invitation_accept", args=[world.invitation_token])
    response = client.post(
        url,
        {"full_name": "Jan Nowak", "password": "abc", "password_again": "abd"},
    )
    assert response.status_code == 200
    assert 'value="Jan Nowak"' in response.text
    assert 'id="id_password_again_errors"' in response.text
    assert not User.objects.filter(email=world.invitation.email).exists()


def test_a_new_invitation_to_the_same_address_replaces_the_pending_one(
    world: World,
) -> None:
    first = _invite(world)
    second = _invite(world)
    first.refresh_from_db()
    assert first.status == Invitation.Status.REVOKED
    assert second.status == Invitation.Status.PENDING


def test_inviting_a_current_member_is_refused(world: World) -> None:
    with pytest.raises(DomainError):
        _invite(world, email="city_officer@example.pl")


def test_person_can_belong_to_several_organisations(world: World) -> None:
    officer = world.user("city_officer")
    invitation = invitation_send(
        organisation=world.lead_city,
        email=officer.email,
        full_name="",
        role=Membership.Role.OFFICER,
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    invitation_accept(invitation=invitation, user=officer, ip_address=None)
    assert can_view_people(officer, world.partner_city)
    assert can_view_people(officer, world.lead_city)


def test_role_change_grants_what_the_new_role_implies(world: World) -> None:
    # given
    officer = Membership.objects.get(
        user=world.user("city_officer"), organisation=world.partner_city
    )
    assert not can_manage_people(world.user("city_officer"), world.partner_city)
    # when
    membership_change_role(
        membership=officer,
        role=Membership.Role.COORDINATOR,
        expected_role=Membership.Role.OFFICER,
        actor=world.user("city_coordinator"),
        ip_address=None,
    )
    # then
    user = User.objects.get(pk=world.user("city_officer").pk)  # fresh perm cache
    assert can_manage_people(user, world.partner_city)


def test_stale_role_change_is_refused_and_overwrites_nothing(world: World) -> None:
    officer = Membership.objects.get(
        user=world.user("city_officer"), organisation=world.partner_city
    )
    membership_change_role(
        membership=officer,
        role=Membership.Role.COORDINATOR,
        expected_role=Membership.Role.OFFICER,
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    with pytest.raises(DomainError, match="międzyczasie"):
        membership_change_role(
            membership=officer,
            role=Membership.Role.OFFICER,
            expected_role=Membership.Role.OFFICER,  # what the coordinator saw
            actor=world.user("city_coordinator"),
            ip_address=None,
        )
    officer.refresh_from_db()
    assert officer.role == Membership.Role.COORDINATOR


def test_deactivated_officer_loses_access_at_once(world: World, client: Client) -> None:
    officer = Membership.objects.get(
        user=world.user("city_officer"), organisation=world.partner_city
    )
    membership_set_active(
        membership=officer,
        active=False,
        actor=world.user("city_coordinator"),
        ip_address=None,
    )
    client.force_login(world.user("city_officer"))
    assert (
        client.get(reverse("organisations:people", args=["gdynia"])).status_code == 404
    )


def test_nobody_deactivates_or_re_roles_themselves(world: World) -> None:
    own = Membership.objects.get(
        user=world.user("city_coordinator"), organisation=world.partner_city
    )
    with pytest.raises(DomainError):
        membership_set_active(
            membership=own,
            active=False,
            actor=world.user("city_coordinator"),
            ip_address=None,
        )
    with pytest.raises(DomainError):
        membership_change_role(
            membership=own,
            role=Membership.Role.OFFICER,
            expected_role=Membership.Role.COORDINATOR,
            actor=world.user("city_coordinator"),
            ip_address=None,
        )


def test_audit_log_records_invite_accept_role_change_and_deactivation(
    world: World,
) -> None:
    # given
    invitation = _invite(world)
    user = invitation_accept(
        invitation=invitation,
        user=None,
        full_name="Nowy",
        password="Rewitalizacja-2026!",
        ip_address="10.9.9.9",
    )
    membership = Membership.objects.get(user=user)
    coordinator = world.user("city_coordinator")
    membership_change_role(
        membership=membership,
        role=Membership.Role.COORDINATOR,
        expected_role=Membership.Role.OFFICER,
        actor=coordinator,
        ip_address="10.1.2.3",
    )
    membership_set_active(
        membership=membership, active=False, actor=coordinator, ip_address="10.1.2.3"
    )
    # then
    events = list(
        AuditEvent.objects.filter(subject_email="nowy.urzednik@example.pl")
        .order_by("id")
        .values_list("action", "actor__email", "ip_address")
    )
    assert events == [
        ("invitation_sent", coordinator.email, "10.1.2.3"),
        ("invitation_accepted", "nowy.urzednik@example.pl", "10.9.9.9"),
        ("role_changed", coordinator.email, "10.1.2.3"),
        ("membership_deactivated", coordinator.email, "10.1.2.3"),
    ]


def test_audit_events_cannot_be_changed_or_deleted(world: World) -> None:
    _invite(world)
    event = AuditEvent.objects.latest("id")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(ip_address="1.1.1.1")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
