"""Every URL of the portal × every role: the status each one must answer.

A new URL pattern without an entry here fails `test_every_url_pattern_has_an_entry`:
extend MATRIX with the roles' expectations (and, for private objects, one case for
the user's own organisation and one for another's, which must answer 404 exactly
like a missing object).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.testing.urls import url_names
from core.testing.world import ROLES, World


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    expect: dict[str, int]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def to(name: str, *args: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=args)


MATRIX: dict[str, list[Case]] = {
    "core:home": [Case(to("core:home"), everyone(200))],
    "core:dashboard": [Case(to("core:dashboard"), signed_in(200))],
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
    "account_reauthenticate": [Case(to("account_reauthenticate"), signed_in(200))],
    "account_email": [Case(to("account_email"), signed_in(200))],
    "account_email_verification_sent": [
        Case(to("account_email_verification_sent"), everyone(200))
    ],
    "account_change_password": [Case(to("account_change_password"), signed_in(200))],
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
    # No Celery worker runs in this test: the portal is honestly "degraded".
    "healthz": [Case(to("healthz"), everyone(503))],
}


def test_every_url_pattern_has_an_entry() -> None:
    assert set(url_names()) == set(MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_declared_answer(name: str, world: World) -> None:
    answers = {}
    for case in MATRIX[name]:
        url = case.url(world)
        for role in ROLES:
            client = Client()
            user = world.users[role]
            if user is not None:
                client.force_login(user)
            response = getattr(client, case.method)(url, case.data)
            answers[(url, role)] = (response.status_code, case.expect[role])
    wrong = {key: got for key, got in answers.items() if got[0] != got[1]}
    assert not wrong, f"(got, expected) per (url, role): {wrong}"
