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


def test_setting_up_two_factor_right_after_signing_in_asks_no_password_again(
    world: World, client: Client
) -> None:
    # given a ministry admin without an authenticator app, who just signed in
    admin = world.user("ministry_admin")
    Authenticator.objects.filter(user=admin).delete()
    response = log_in(client, "ministry_admin@example.pl")
    assert response["Location"] == reverse("portal:dashboard")
    # when the portal sends them to the set-up
    sent = client.get(reverse("portal:dashboard"))
    assert sent["Location"] == reverse("mfa_activate_totp")
    page = client.get(sent["Location"])
    # then the set-up itself opens: the password is not asked for a second time
    assert page.status_code == 200
    assert 'name="code"' in page.text
    # and the codes it shows have a way on, to My portal
    secret = client.session["mfa.totp.secret"]
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(done["Location"])
    assert codes.status_code == 200
    assert f'href="{reverse("portal:dashboard")}"' in codes.text
    assert f'href="{reverse("mfa_index")}"' in codes.text


def test_setting_up_two_factor_long_after_signing_in_asks_for_the_password(
    world: World, client: Client
) -> None:
    # given a city officer who signed in more than five minutes ago
    log_in(client, "city_officer@example.pl")
    session = client.session
    records = session["account_authentication_methods"]
    records[-1]["at"] -= 301
    session["account_authentication_methods"] = records
    session.save()
    # when they open the set-up, then they confirm it is them first (once)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_changing_the_password_right_after_signing_in_still_asks_for_it(
    world: World, client: Client
) -> None:
    # given a city officer who just signed in
    log_in(client, "city_officer@example.pl")
    # when they open the password change, then the password is asked for
    response = client.get(reverse("account_change_password"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_password_question_is_spelt_right_in_polish(
    world: World, client: Client
) -> None:
    # given a city officer asked to confirm it is them
    client.force_login(world.user("city_officer"))
    # when the reauthentication page opens
    page = client.get(reverse("account_reauthenticate"))
    # then it says "Wprowadź", not allauth's "Wprowadż"
    assert "Wprowadź hasło" in page.text
    assert "Wprowadż" not in page.text
