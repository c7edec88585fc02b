"""Every URL of the portal × every role: the status each one must answer.

A new URL pattern without an entry here fails `test_every_url_pattern_has_an_entry`:
extend MATRIX with the roles' expectations (and, for private objects, one case for
the user's own organisation and one for another's, which must answer 404 exactly
like a missing object). Each request runs in a savepoint that is rolled back, so
roles never see each other's changes; for writes, a denied request (404, or an
anonymous visitor sent to the login page) must leave the database as it was.

The world (tests/support/world.py): Gdynia is the city of `city_coordinator` and
`city_officer`, Katowice that of `lead_coordinator` (lead of Rewitalizacja), and
`expert` is Rewitalizacja's thematic expert.
"""

import importlib
import importlib.util
from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from networks.models import Edition
from organisations.models import Membership
from tests.support.matrix import (
    OUR_APPS,
    Case,
    database_state,
    everyone,
    only,
    post,
    signed_in,
    to,
)
from tests.support.urls import url_names
from tests.support.world import ROLES, World


def gdynia(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.partner_city.slug])


def officer_membership(name: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        membership = Membership.objects.get(
            user=world.user("city_officer"), organisation=world.partner_city
        )
        return reverse(name, args=[world.partner_city.slug, membership.pk])

    return url


PEOPLE_OF_GDYNIA = only(
    {"ministry_admin": 200, "ministry_staff": 200}
    | {"city_coordinator": 200, "city_officer": 200}
)
MANAGE_GDYNIA = {"ministry_admin": 302, "city_coordinator": 302}
MINISTRY_ADMIN_ONLY = only({"ministry_admin": 200})


def overview_of_the_pilot(world: World) -> str:
    """The ministry's overview, the pilot edition marked current unless another is
    (so that the page shows the networks' tables)."""
    if not Edition.objects.filter(is_current=True).exists():
        Edition.objects.filter(pk=world.network.edition_id).update(is_current=True)
    return reverse("portal:overview")


MATRIX: dict[str, list[Case]] = {
    "portal:home": [Case(to("portal:home"), everyone(200))],
    "portal:dashboard": [Case(to("portal:dashboard"), signed_in(200))],
    "portal:overview": [
        Case(
            overview_of_the_pilot, only({"ministry_admin": 200, "ministry_staff": 200})
        )
    ],
    "networks:list": [Case(to("networks:list"), everyone(200))],
    "networks:detail": [
        Case(lambda world: world.network.get_absolute_url(), everyone(200)),
        Case(to("networks:detail", "brak-sieci"), everyone(404)),
    ],
    "organisations:list": [Case(to("organisations:list"), everyone(200))],
    "organisations:detail": [
        Case(lambda world: world.partner_city.get_absolute_url(), everyone(200)),
        Case(to("organisations:detail", "brak-organizacji"), everyone(404)),
    ],
    # allauth: anonymous visitors may log in and reset a password; signed-in people
    # manage their own account. Sign-up is closed (accounts come by invitation).
    "account_login": [Case(to("account_login"), signed_in(302, anonymous=200))],
    "account_logout": [Case(to("account_logout"), signed_in(200))],
    "account_inactive": [Case(to("account_inactive"), everyone(200))],
    "account_signup": [Case(to("account_signup"), signed_in(302, anonymous=200))],
    # Re-authentication is by password, or by the authenticator's code for those
    # who have one (the ministry roles here): they are sent on to that page (302).
    "account_reauthenticate": [
        Case(
            to("account_reauthenticate"),
            signed_in(200) | {"ministry_admin": 302, "ministry_staff": 302},
        )
    ],
    "account_email": [Case(to("account_email"), signed_in(200))],
    "account_email_verification_sent": [
        Case(to("account_email_verification_sent"), everyone(200))
    ],
    # Changing the password asks to re-authenticate first (302), issue #16.
    "account_change_password": [Case(to("account_change_password"), signed_in(302))],
    "account_set_password": [Case(to("account_set_password"), signed_in(302))],
    "account_reset_password": [Case(to("account_reset_password"), everyone(200))],
    "account_confirm_login_code": [
        Case(to("account_confirm_login_code"), everyone(302))
    ],
    "account_confirm_email": [
        Case(to("account_confirm_email", "zly-klucz"), everyone(200))
    ],
    "account_reset_password_from_key_done": [
        Case(to("account_reset_password_from_key_done"), everyone(200))
    ],
    "account_reset_password_from_key": [
        Case(to("account_reset_password_from_key", "1", "zly-klucz"), everyone(200))
    ],
    "account_reset_password_done": [
        Case(to("account_reset_password_done"), everyone(200))
    ],
    "set_language": [
        Case(to("set_language"), everyone(302), "post", {"language": "en"})
    ],
    # The territorial register's import: the ministry admin's (an upload form,
    # nothing for ministry staff to read); a confirmation without a preview
    # imports nothing and goes back to the form.
    "organisations:teryt_import": [
        Case(to("organisations:teryt_import"), MINISTRY_ADMIN_ONLY),
        post(
            to("organisations:teryt_import"),
            only({"ministry_admin": 302}),
            step="confirm",
        ),
    ],
    "organisations:people": [
        Case(gdynia("organisations:people"), PEOPLE_OF_GDYNIA),
        Case(
            lambda world: reverse("organisations:people", args=["katowice"]),
            only(
                {"ministry_admin": 200, "ministry_staff": 200}
                | {"lead_coordinator": 200}
            ),
        ),
        Case(to("organisations:people", "brak-organizacji"), only({})),
    ],
    "organisations:invite": [
        Case(
            gdynia("organisations:invite"),
            only({"ministry_admin": 200, "city_coordinator": 200}),
        ),
        post(
            gdynia("organisations:invite"),
            only(MANAGE_GDYNIA),
            email="zaproszona@example.pl",
            role="officer",
        ),
    ],
    # A coordinator manages officers; making or unmaking coordinators is the
    # ministry admin's (the role "officer" below is a no-op change, allowed).
    "organisations:membership_role": [
        post(
            officer_membership("organisations:membership_role"),
            only({"ministry_admin": 302}),
            role="coordinator",
            expected_role="officer",
        ),
        post(
            officer_membership("organisations:membership_role"),
            only(MANAGE_GDYNIA),
            role="officer",
            expected_role="officer",
        ),
    ],
    "organisations:membership_active": [
        post(
            officer_membership("organisations:membership_active"),
            only(MANAGE_GDYNIA),
            active="0",
        )
    ],
    "organisations:invitation_withdraw": [
        post(
            lambda world: reverse(
                "organisations:invitation_withdraw",
                args=[world.partner_city.slug, world.invitation.pk],
            ),
            only(MANAGE_GDYNIA),
        )
    ],
    # The link in the e-mail is the credential: anyone holding it sees the page
    # (a signed-in person with another address is told to log out first).
    "organisations:invitation_accept": [
        Case(
            lambda world: reverse(
                "organisations:invitation_accept", args=[world.invitation_token]
            ),
            everyone(200),
        ),
        Case(to("organisations:invitation_accept", "zly-token"), everyone(404)),
    ],
    "networks:experts": [
        Case(
            lambda world: reverse("networks:experts", args=["rewitalizacja"]),
            MINISTRY_ADMIN_ONLY,
        ),
        post(
            lambda world: reverse("networks:experts", args=["rewitalizacja"]),
            only({"ministry_admin": 302}),
            email="city_officer@example.pl",
        ),
    ],
    "networks:expert_end": [
        post(
            lambda world: reverse(
                "networks:expert_end", args=["rewitalizacja", world.expert.pk]
            ),
            only({"ministry_admin": 302}),
        )
    ],
    "audit:log": [Case(to("audit:log"), MINISTRY_ADMIN_ONLY)],
    # allauth's two-factor pages: each person manages their own authenticator.
    # Changes need a fresh password (reauthentication: 302); pages about an
    # authenticator the person does not have answer 404; the login step answers
    # only in the middle of a login (else 302).
    "mfa_index": [Case(to("mfa_index"), signed_in(200))],
    "mfa_activate_totp": [Case(to("mfa_activate_totp"), signed_in(302))],
    "mfa_deactivate_totp": [
        Case(
            to("mfa_deactivate_totp"),
            only({"ministry_admin": 302, "ministry_staff": 302}),
        )
    ],
    "mfa_view_recovery_codes": [Case(to("mfa_view_recovery_codes"), only({}))],
    "mfa_generate_recovery_codes": [
        Case(to("mfa_generate_recovery_codes"), signed_in(302))
    ],
    "mfa_download_recovery_codes": [Case(to("mfa_download_recovery_codes"), only({}))],
    "mfa_authenticate": [Case(to("mfa_authenticate"), everyone(302))],
    "mfa_reauthenticate": [
        Case(
            to("mfa_reauthenticate"),
            signed_in(302) | {"ministry_admin": 200, "ministry_staff": 200},
        )
    ],
    # Liveness is public and checks nothing; readiness is the operators' (a token,
    # or the machine itself: the test client's own address is loopback, so the
    # case comes from elsewhere), missing for everyone else.
    "healthz": [Case(to("healthz"), everyone(200))],
    "healthz_ready": [
        Case(
            to("healthz_ready"),
            everyone(404),
            environ={"REMOTE_ADDR": "203.0.113.7"},
        )
    ],
}


# Apps with many URLs keep their entries next to them, in <app>/tests/matrix.py.
for _app in OUR_APPS:
    if importlib.util.find_spec(f"{_app}.tests.matrix"):
        MATRIX.update(importlib.import_module(f"{_app}.tests.matrix").MATRIX)


def test_every_url_pattern_has_an_entry() -> None:
    assert set(url_names()) == set(MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_declared_answer(name: str, world: World) -> None:
    answers = {}
    changed = []
    for case in MATRIX[name]:
        url = case.url(world)
        for role in ROLES:
            client = Client()
            user = world.users[role]
            if user is not None:
                client.force_login(user)
            savepoint = transaction.savepoint()
            before = database_state()
            response = getattr(client, case.method)(url, case.data, **case.environ)
            denied = case.expect[role] == 404 or user is None
            if case.writes and denied and database_state() != before:
                changed.append((url, role))
            transaction.savepoint_rollback(savepoint)
            answers[(url, role)] = (response.status_code, case.expect[role])
    wrong = {key: got for key, got in answers.items() if got[0] != got[1]}
    assert not wrong, f"(got, expected) per (url, role): {wrong}"
    assert not changed, f"denied writes changed the database: {changed}"
