"""Audit events about LP members (residents) hold ids, never their personal data,
and neither the network's "Recent activity" nor the ministry's audit log shows a
resident's name or e-mail — not even from a row written before this rule."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from partnerships.models import PartnershipMember
from partnerships.services import member_account_give
from partnerships.tests.builders import add_members
from tests.support.world import World

pytestmark = pytest.mark.django_db


def resident_with_account(world: World, capture: Any) -> tuple[PartnershipMember, User]:
    member = add_members(world, 1)[0]
    with capture(execute=True):
        user = member_account_give(member=member, actor=world.user("city_coordinator"))
    return member, user


def old_style_event(world: World, user: User) -> None:
    """A row as the portal wrote them before: the resident as the subject, with
    their e-mail (the table is append-only, so such rows stay)."""
    AuditEvent.objects.create(
        actor=world.user("city_coordinator"),
        action=AuditEvent.Action.LP_ACCOUNT_GIVEN,
        organisation=world.partner_city,
        network=world.network,
        subject=user,
        subject_email=user.email,
    )


def test_giving_an_account_records_the_members_id_not_their_data(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    member, user = resident_with_account(world, django_capture_on_commit_callbacks)
    event = AuditEvent.objects.get(action=AuditEvent.Action.LP_ACCOUNT_GIVEN)
    assert event.details == {"lp_member": member.pk, "account": user.pk}
    assert event.subject is None
    assert event.subject_email == ""


def test_recent_activity_shows_an_lp_member_never_their_name(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given a resident given an account, and an older row naming them
    member, user = resident_with_account(world, django_capture_on_commit_callbacks)
    old_style_event(world, user)
    # when the network's expert (or any member city) reads the workspace
    client.force_login(world.user("expert"))
    page = client.get(reverse("portal:workspace", args=[world.network.slug])).text
    # then the events are there, naming "an LP member" only
    with translation.override("pl"):
        given, someone = _("account given to an LP member"), _("an LP member")
    assert page.count(f"{given} — {someone}") == 2
    assert member.name not in page
    assert member.email not in page


def test_the_audit_log_hides_a_residents_email_even_in_older_rows(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    _member, user = resident_with_account(world, django_capture_on_commit_callbacks)
    old_style_event(world, user)
    client.force_login(world.user("ministry_admin"))
    page = client.get(reverse("audit:log")).text
    assert user.email not in page
    # nor can the log be searched by it
    found = client.get(reverse("audit:log"), {"subject": user.email}).text
    with translation.override("pl"):
        assert _("No events match these filters.") in found
