"""An LP member's erasure reaches every app that keeps their data: the seat and
join requests (partnerships), attendance lists (meetings), the account and its
sign-ins (accounts, allauth), comments on the city's MID (documents)."""

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from documents.services import comment_add, consultation_set
from documents.tests.builders import gdynia_mid, section
from meetings.selectors import participation_record
from meetings.services import attendance_add_person
from meetings.tests.builders import lp_meeting
from partnerships.models import PartnershipMember, Sector
from partnerships.services import (
    join_request_decide,
    member_account_give,
    member_consent_withdraw,
    member_erase,
)
from partnerships.tests.builders import gdynia_partnership, join_request
from tests.support.world import World

pytestmark = pytest.mark.django_db

TEXT_TYPES = ("character varying", "character", "text", "json", "jsonb")


def rows_holding(*needles: str) -> list[tuple[str, str]]:
    """Every (table, column) of the whole database with a text or JSON value
    containing one of the needles: every column of every table PostgreSQL holds
    (information_schema), framework and third-party tables included."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN %s "
            "ORDER BY table_name, column_name",
            [TEXT_TYPES],
        )
        columns = cursor.fetchall()
    found = []
    for table, column in columns:
        with connection.cursor() as cursor:
            for needle in needles:
                cursor.execute(
                    f'SELECT 1 FROM "{table}" '  # noqa: S608 - names from the catalogue
                    f'WHERE "{column}"::text ILIKE %s LIMIT 1',
                    [f"%{needle}%"],
                )
                if cursor.fetchone():
                    found.append((table, column))
                    break
    return found


@pytest.mark.parametrize("erase", ["erasure", "consent withdrawn"])
def test_erasure_leaves_no_trace_of_the_person_and_keeps_the_counts(
    world: World, erase: str, django_capture_on_commit_callbacks: Any
) -> None:
    # given a resident who joined by request, attended a meeting and is a member
    request = join_request(world)
    member = join_request_decide(
        join_request=request, accept=True, actor=world.user("city_coordinator")
    )
    assert member is not None
    PartnershipMember.objects.filter(pk=member.pk).update(phone="+48 600 777 888")
    meeting = lp_meeting(world)
    member.refresh_from_db()
    attendance_add_person(
        meeting=meeting,
        name="",
        organisation_name="",
        sector="",
        member=member,
        actor=world.user("city_officer"),
    )
    # and a namesake who is not a member came to the same meeting
    attendance_add_person(
        meeting=meeting,
        name="Zofia Sąsiedzka",
        organisation_name="Rada Osiedla",
        sector=Sector.RESIDENT,
        actor=world.user("city_officer"),
    )
    # and she was given an account, signed in (with an authenticator app) and
    # commented on the city's MID during its consultation
    mid = gdynia_mid(world)
    with django_capture_on_commit_callbacks(execute=True):
        resident = member_account_give(
            member=member, actor=world.user("city_coordinator")
        )
    consultation_set(document=mid, is_open=True, actor=world.user("city_coordinator"))
    comment = comment_add(
        section=section(mid, "challenge"), body="Więcej zieleni!", actor=resident
    )
    Authenticator.objects.create(user=resident, type=Authenticator.Type.TOTP, data={})
    signed_in = Client()
    signed_in.force_login(resident)
    partnership = gdynia_partnership(world)
    before = participation_record(partnership, viewer=AnonymousUser())
    needles = ("zofia@example.pl", "600 777 888", "Stowarzyszenie Sąsiedzi")
    assert rows_holding("Zofia Sąsiedzka", *needles)
    # when
    member.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        if erase == "erasure":
            member_erase(member=member, actor=world.user("city_coordinator"))
        else:
            member_consent_withdraw(member=member, actor=world.user("city_officer"))
    # then nothing of hers is left in any column of any table, and the namesake's
    # row is untouched
    assert rows_holding(*needles) == []
    assert rows_holding("Zofia Sąsiedzka") == [("meetings_attendance", "name")]
    assert meeting.attendance.filter(organisation_name="Rada Osiedla").exists()
    # and her account is closed for good: no sign-in, no session, no second factor
    resident.refresh_from_db()
    assert not resident.is_active
    assert not resident.has_usable_password()
    assert resident.email.endswith("@erased.invalid")
    assert not EmailAddress.objects.filter(user=resident).exists()
    assert not Authenticator.objects.filter(user=resident).exists()
    assert str(resident.pk) not in [
        session.get_decoded().get(SESSION_KEY) for session in Session.objects.all()
    ]
    assert signed_in.get(reverse("portal:dashboard")).status_code == 302
    # and her comment stays, signed "an LP member (data erased)"
    comment.refresh_from_db()
    assert comment.author.get_full_name() == str(_("An LP member (data erased)"))
    # and the audit trail names her by id only
    events = AuditEvent.objects.filter(
        action__in=[
            AuditEvent.Action.LP_ACCOUNT_GIVEN,
            AuditEvent.Action.LP_MEMBER_ERASED,
        ]
    )
    assert [event.details["lp_member"] for event in events] == [member.pk] * 2
    assert all(event.subject is None for event in events)
    after = participation_record(partnership, viewer=AnonymousUser())
    assert [row.by_sector for row in after.meetings] == [
        row.by_sector for row in before.meetings
    ]
    assert after.members_by_sector == before.members_by_sector
    assert after.members_total == before.members_total
