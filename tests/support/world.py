"""A realistic portal for tests: the pilot networks and one person per role."""

import datetime
import importlib
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.apps import apps as django_apps
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from meetings.models import Meeting
from meetings.services import AgendaDraft, MeetingDraft, meeting_create
from networks.models import Network, NetworkExpert
from networks.services import expert_assign, pilot_import
from organisations.models import (
    INVITATION_VALIDITY,
    Invitation,
    Membership,
    Organisation,
)
from organisations.services import invitation_token_hash, membership_grant

ROLES = (
    "anonymous",
    "ministry_admin",
    "ministry_staff",
    "lead_coordinator",
    "city_coordinator",
    "city_officer",
    "expert",
)


@dataclass(frozen=True)
class World:
    users: dict[str, User | None]
    ministry: Organisation
    lead_city: Organisation  # Katowice, lead of Rewitalizacja
    partner_city: Organisation  # Gdynia, partner in Rewitalizacja
    network: Network  # Rewitalizacja
    totp_secrets: dict[str, str]  # the ministry roles have two-factor authentication
    invitation: Invitation  # pending, to Gdynia
    invitation_token: str
    expert: NetworkExpert  # the expert's assignment to Rewitalizacja
    meetings: dict[str, Meeting]  # see build_world

    def user(self, role: str) -> User:
        user = self.users[role]
        if user is None:
            raise ValueError(f"{role} has no account")
        return user


def install_rows() -> None:
    """The rows a fresh install has from its migrations (the programme pages of
    programme/0003), again: a live-server test empties every table when it ends,
    those rows included, and the tests after it must find what an install has."""
    seed = importlib.import_module("programme.migrations.0003_seed_pages").seed
    seed(django_apps, None)  # adds only what is missing


def build_world() -> World:
    install_rows()
    pilot_import()
    ministry = Organisation.objects.create(
        name="Ministerstwo", slug="ministerstwo", kind=Organisation.Kind.MINISTRY
    )
    katowice = Organisation.objects.get(slug="katowice")
    gdynia = Organisation.objects.get(slug="gdynia")
    network = Network.objects.get(slug="rewitalizacja")
    users: dict[str, User | None] = {"anonymous": None}
    totp_secrets: dict[str, str] = {}
    grants = {
        "ministry_admin": (ministry, Membership.Role.COORDINATOR),
        "ministry_staff": (ministry, Membership.Role.OFFICER),
        "lead_coordinator": (katowice, Membership.Role.COORDINATOR),
        "city_coordinator": (gdynia, Membership.Role.COORDINATOR),
        "city_officer": (gdynia, Membership.Role.OFFICER),
    }
    for role, (organisation, membership_role) in grants.items():
        user = UserFactory.create(email=f"{role}@example.pl")
        membership_grant(user=user, organisation=organisation, role=membership_role)
        users[role] = user
        if organisation.is_ministry:
            totp_secrets[role] = generate_totp_secret()
            TOTP.activate(user, totp_secrets[role])
    expert = UserFactory.create(email="expert@example.pl")
    assignment = expert_assign(
        network=network, user=expert, valid_from=network.starts_on
    )
    users["expert"] = expert
    gdynia_coordinator = users["city_coordinator"]
    assert gdynia_coordinator is not None
    # Built directly with a known token: the service keeps the token only in the
    # e-mail it sends.
    token = "zaproszenie-testowe-gdynia"
    invitation = Invitation.objects.create(
        organisation=gdynia,
        email="nowa.osoba@example.pl",
        role=Membership.Role.OFFICER,
        token_hash=invitation_token_hash(token),
        invited_by=gdynia_coordinator,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    meetings = _meetings(users, gdynia, network)
    return World(
        users=users,
        ministry=ministry,
        lead_city=katowice,
        partner_city=gdynia,
        network=network,
        totp_secrets=totp_secrets,
        invitation=invitation,
        invitation_token=token,
        expert=assignment,
        meetings=meetings,
    )


def _meetings(
    users: dict[str, User | None], gdynia: Organisation, network: Network
) -> dict[str, Meeting]:
    """network: Rewitalizacja's, hosted by Gdynia; local: Gdynia's Local Partnership;
    air / air_public: Jakość powietrza's (a network none of the roles is in),
    private and with a public announcement; all a month ahead."""
    organiser = users["lead_coordinator"]
    assert organiser is not None
    air = Network.objects.get(slug="jakosc-powietrza")
    start = timezone.now() + datetime.timedelta(days=30)

    def meeting(kind: str, on: Network, host: Organisation, public: bool) -> Meeting:
        return meeting_create(
            kind=kind,
            edition_id=on.edition_id,
            network_id=on.pk,
            draft=MeetingDraft(
                # in words, as a person would title it (never a code: see
                # tests/test_raw_code_scan.py)
                title=f"{'Otwarte spotkanie' if public else 'Narada'} "
                f"{kind_words[kind]} {on.name_pl}",
                description="",
                host_id=host.pk,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=3),
                mode=Meeting.Mode.IN_PERSON,
                place="Urząd Miasta",
                online_link="",
                is_public=public,
                registration_limit=None,
                registration_deadline=None,
                agenda=(AgendaDraft("Powitanie", 15),),
            ),
            actor=organiser,
        )

    air_host = Organisation.objects.get(slug="torun")
    kind_words: dict[str, str] = {
        Meeting.Kind.NETWORK: "sieci",
        Meeting.Kind.LOCAL_PARTNERSHIP: "Lokalnego Partnerstwa",
    }
    return {
        "network": meeting(Meeting.Kind.NETWORK, network, gdynia, False),
        "local": meeting(Meeting.Kind.LOCAL_PARTNERSHIP, network, gdynia, False),
        "air": meeting(Meeting.Kind.NETWORK, air, air_host, False),
        "air_public": meeting(Meeting.Kind.NETWORK, air, air_host, True),
    }


def totp_code(secret: str) -> str:
    """The code an authenticator app would show right now."""
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))
