"""Changing the login e-mail or the password: only the person, re-authenticated,
and never silently (issue #16: an account must not be taken over from a signed-in
session or through an address someone typed in and never confirmed)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.support.world import World, totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "haslo-testowe-2026"
NEW_ADDRESS = "nowy.adres@example.pl"


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add_address(client: Client, email: str = NEW_ADDRESS):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_email"), {"email": email, "action_add": ""})


def _confirmation_path(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    link = re.search(r"https?://\S+", str(message.body))
    assert link is not None
    return "/" + link.group(0).split("/", 3)[3]


def test_a_signed_in_session_cannot_add_a_login_address_without_the_password(
    world: World,
) -> None:
    # given a city officer's signed-in session (someone else may be at the keyboard)
    officer = world.user("city_officer")
    client = _signed_in(officer)
    # when it adds an address on the e-mail page
    response = _add_address(client)
    # then the password is asked for first, and nothing was added
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email=NEW_ADDRESS).exists()
    # when a wrong password is given
    client.post(reverse("account_reauthenticate"), {"password": "zle-haslo-2026"})
    assert not EmailAddress.objects.filter(email=NEW_ADDRESS).exists()
    # when the right one is given, the change it asked for goes on
    client.post(
        f"{reverse('account_reauthenticate')}?next={reverse('account_email')}",
        {"password": PASSWORD},
    )
    assert EmailAddress.objects.filter(user=officer, email=NEW_ADDRESS).exists()


def test_a_person_with_an_authenticator_confirms_an_address_change_with_its_code(
    world: World,
) -> None:
    # given a ministry admin's signed-in session (they have TOTP)
    admin = world.user("ministry_admin")
    client = _signed_in(admin)
    # when it adds an address, the authenticator's code is asked for
    response = _add_address(client)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    # (the password page is not offered to them)
    assert client.get(reverse("account_reauthenticate"))["Location"].startswith(
        reverse("mfa_reauthenticate")
    )
    # and the password alone does not do
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    _add_address(client)
    assert not EmailAddress.objects.filter(email=NEW_ADDRESS).exists()
    # when the code is given, the address can be added
    code = totp_code(world.totp_secrets["ministry_admin"])
    client.post(reverse("mfa_reauthenticate"), {"code": code})
    _add_address(client)
    assert EmailAddress.objects.filter(user=admin, email=NEW_ADDRESS).exists()


def test_a_new_address_becomes_the_login_only_once_confirmed_and_the_old_one_is_told(
    world: World,
) -> None:
    # given a re-authenticated officer who adds a new address
    officer = world.user("city_officer")
    client = _signed_in(officer)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    _add_address(client)
    # when they try to make it their login before confirming it
    client.post(reverse("account_email"), {"email": NEW_ADDRESS, "action_primary": ""})
    # then the login stays the old one, and nobody signs in with the new one
    officer.refresh_from_db()
    assert officer.email == "city_officer@example.pl"
    stranger = Client()
    stranger.post(
        reverse("account_login"), {"login": NEW_ADDRESS, "password": PASSWORD}
    )
    assert "_auth_user_id" not in stranger.session
    assert not EmailAddress.objects.get(email=NEW_ADDRESS).verified
    # when the link mailed to the new address is followed
    response = client.post(_confirmation_path(NEW_ADDRESS))
    # then it is the login, the old one is gone, and the old one was told (in Polish)
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.email == NEW_ADDRESS
    assert list(EmailAddress.objects.filter(user=officer).values_list("email")) == [
        (NEW_ADDRESS,)
    ]
    notice = next(m for m in mail.outbox if m.to == ["city_officer@example.pl"])
    assert NEW_ADDRESS in notice.body
    assert "zmieni" in notice.body.lower()


def test_changing_the_password_asks_to_re_authenticate_and_tells_the_address(
    world: World,
) -> None:
    # given a city officer's signed-in session
    officer = world.user("city_officer")
    client = _signed_in(officer)
    new = {
        "oldpassword": PASSWORD,
        "password1": "Nowe-Haslo-Gdynia-2026",
        "password2": "Nowe-Haslo-Gdynia-2026",
    }
    # when it opens or posts the password change at once
    opened = client.get(reverse("account_change_password"))
    posted = client.post(reverse("account_change_password"), new)
    # then the password is asked for first, and the password stays
    assert opened.status_code == posted.status_code == 302
    assert posted["Location"].startswith(reverse("account_reauthenticate"))
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
    # when the person re-authenticates and changes it
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("account_change_password")).status_code == 200
    response = client.post(reverse("account_change_password"), new)
    # then it is changed and their address is told
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Nowe-Haslo-Gdynia-2026")
    assert [m.to for m in mail.outbox] == [["city_officer@example.pl"]]
    assert "hasło" in mail.outbox[0].body.lower()


def test_a_password_of_eleven_characters_is_refused_in_polish(world: World) -> None:
    # given the invitation page of a new officer
    url = reverse("organisations:invitation_accept", args=[world.invitation_token])
    # when they choose an 11-character password
    response = Client().post(
        url,
        {
            "full_name": "Nowa Osoba",
            "password": "Gdynia-2026",
            "password_again": "Gdynia-2026",
        },
    )
    # then it is refused with a Polish message, and no account is made
    assert response.status_code == 200
    assert "Musi zawierać co najmniej 12 znaków" in response.text
    assert not User.objects.filter(email=world.invitation.email).exists()


def test_a_password_reset_goes_only_to_a_confirmed_address(world: World) -> None:
    # given an officer whose account holds an address someone typed in and never
    # confirmed (possible while verification was off)
    officer = world.user("city_officer")
    EmailAddress.objects.create(user=officer, email="napastnik@example.pl")
    # when a reset is asked for that address
    Client().post(reverse("account_reset_password"), {"email": "napastnik@example.pl"})
    # then no link to the officer's account goes there
    assert all("/konto/password/reset/key/" not in m.body for m in mail.outbox)
    # while a reset for the confirmed login address still works
    Client().post(
        reverse("account_reset_password"), {"email": "city_officer@example.pl"}
    )
    assert "/konto/password/reset/key/" in mail.outbox[-1].body
