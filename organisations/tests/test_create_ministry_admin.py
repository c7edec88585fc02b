"""`manage.py create_ministry_admin EMAIL` on a fresh install: the ministry's
organisation is created, the printed one-time link is a normal invitation, and
the invitee chooses a password and then must set up two-factor authentication."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from organisations.models import Invitation, Membership, Organisation
from tests.support.world import totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "Bardzo-Dlugie-Haslo-2026"


def invite(email: str) -> str:
    """What the command prints; returns the link's path."""
    out = io.StringIO()
    call_command("create_ministry_admin", email, stdout=out)
    links = re.findall(r"^(https?://\S+)$", out.getvalue(), re.MULTILINE)
    assert len(links) == 1, out.getvalue()
    assert links[0].startswith(settings.PORTAL_BASE_URL.rstrip("/") + "/")
    return links[0].removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))


def test_on_an_empty_database_the_link_leads_to_an_account_with_totp(
    client: Client,
) -> None:
    # given a fresh install: no organisation, no account
    assert not Organisation.objects.exists()
    # when the command is run
    path = invite("Anna.Admin@gov.pl")
    # then the ministry exists, with a pending invitation for its admin role
    ministry = Organisation.objects.get()
    assert ministry.kind == Organisation.Kind.MINISTRY
    assert ministry.name == "Ministerstwo Funduszy i Polityki Regionalnej"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "anna.admin@gov.pl",
        Membership.Role.COORDINATOR,
        None,
    )
    # and the command is audited (and the invitation, as every invitation is)
    event = AuditEvent.objects.get(action=AuditEvent.Action.MINISTRY_ADMIN_INVITED)
    assert event.details == {"ministry_created": True, "withdrawn": 0}
    assert event.subject_email == "anna.admin@gov.pl"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_SENT)
    assert mail.outbox == []  # the link is printed, not e-mailed
    # when the invitee opens the link and chooses a password
    assert client.get(path).status_code == 200
    accepted = client.post(
        path,
        {"full_name": "Anna Admin", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert accepted.status_code == 302
    # then they are a ministry admin, sent to set up two-factor authentication
    sent = client.get(reverse("portal:dashboard"))
    assert sent["Location"] == reverse("mfa_activate_totp")
    setup = client.get(sent["Location"])
    assert setup.status_code == 200
    assert 'name="code"' in setup.text
    secret = client.session["mfa.totp.secret"]
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done["Location"] == reverse("mfa_view_recovery_codes")
    # and with it, the ministry admin's pages open
    assert client.get(reverse("audit:log")).status_code == 200
    assert client.get(reverse("organisations:teryt_import")).status_code == 200


def test_running_it_again_voids_the_first_link(client: Client) -> None:
    first = invite("anna.admin@gov.pl")
    second = invite("anna.admin@gov.pl")
    assert first != second
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert Organisation.objects.count() == 1
    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.MINISTRY_ADMIN_INVITED
    ).first()
    assert event is not None
    assert event.details == {"ministry_created": False, "withdrawn": 1}


def test_an_existing_ministry_is_used(client: Client) -> None:
    ministry = Organisation.objects.create(
        name="Ministerstwo", slug="ministerstwo", kind=Organisation.Kind.MINISTRY
    )
    invite("drugi.admin@gov.pl")
    assert Invitation.objects.get().organisation == ministry
    assert Organisation.objects.count() == 1


def test_an_admin_already_in_the_ministry_or_a_bad_address_is_refused(
    client: Client,
) -> None:
    path = invite("anna.admin@gov.pl")
    client.post(
        path,
        {"full_name": "Anna Admin", "password": PASSWORD, "password_again": PASSWORD},
    )
    with pytest.raises(CommandError, match="już należy do organizacji"):
        call_command("create_ministry_admin", "anna.admin@gov.pl", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("create_ministry_admin", "nie-adres", stdout=io.StringIO())
