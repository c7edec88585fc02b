"""Login, two-factor authentication and throttling (allauth)."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from tests.support.world import World, totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "haslo-testowe-2026"


def log_in(client: Client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_ministry_admin_cannot_finish_login_without_the_totp_code(
    world: World, client: Client
) -> None:
    # when the password is right
    response = log_in(client, "ministry_admin@example.pl")
    # then the second step is asked for, and nobody is logged in yet
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("audit:log")).status_code == 302
    # when a wrong code is given
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    # when the right code is given
    code = totp_code(world.totp_secrets["ministry_admin"])
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("audit:log")).status_code == 200


def test_a_replayed_totp_code_is_refused(world: World) -> None:
    code = totp_code(world.totp_secrets["ministry_admin"])
    first = Client()
    log_in(first, "ministry_admin@example.pl")
    first.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" in first.session
    # when someone replays the same code in another session
    second = Client()
    log_in(second, "ministry_admin@example.pl")
    response = second.post(reverse("mfa_authenticate"), {"code": code})
    # then
    assert response.status_code == 200
    assert "_auth_user_id" not in second.session


def test_ministry_account_without_totp_must_set_it_up_first(
    world: World, client: Client
) -> None:
    # given a ministry admin whose authenticator was removed
    admin = world.user("ministry_admin")
    Authenticator.objects.filter(user=admin).delete()
    client.force_login(admin)
    # when they open any portal page
    response = client.get(reverse("audit:log"))
    # then they are sent to the two-factor setup
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_city_officer_logs_in_with_password_only(world: World, client: Client) -> None:
    response = log_in(client, "city_officer@example.pl")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_repeated_wrong_passwords_throttle_the_account_with_a_clear_message(
    world: World, client: Client
) -> None:
    for _attempt in range(5):
        log_in(client, "city_officer@example.pl", "zle-haslo")
    # the right password no longer helps for now
    response = log_in(client, "city_officer@example.pl")
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Zbyt wiele" in response.text
