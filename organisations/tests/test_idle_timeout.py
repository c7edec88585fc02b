"""Signed-in sessions end after a time without activity: 30 minutes for ministry
roles, 8 hours for everyone else (SESSION_IDLE_MINUTES_MINISTRY, SESSION_IDLE_MINUTES).
The last activity is the stamp kept in the session; the tests move it back."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from organisations.middleware import LAST_ACTIVITY_KEY
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _idle_for(world: World, role: str, minutes: int) -> Client:
    client = Client()
    client.force_login(world.user(role))
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - minutes * 60
    session.save()
    return client


def test_a_ministry_session_idle_for_over_30_minutes_is_signed_out(
    world: World,
) -> None:
    # given a ministry admin idle for 31 minutes
    client = _idle_for(world, "ministry_admin", 31)
    # when they open their portal page
    response = client.get(reverse("portal:dashboard"))
    # then they are signed out and sent to the login page, which tells them why
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"])
    assert "Wylogowano Cię po 30 minutach bezczynności" in login_page.text


def test_a_city_officer_idle_for_31_minutes_stays_signed_in(world: World) -> None:
    client = _idle_for(world, "city_officer", 31)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert "_auth_user_id" in client.session


def test_a_city_officer_idle_for_8_hours_and_a_minute_is_signed_out(
    world: World,
) -> None:
    client = _idle_for(world, "city_officer", 8 * 60 + 1)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_activity_moves_the_stamp_and_the_cookie_expiry_at_most_once_a_minute(
    world: World, settings, django_assert_num_queries
) -> None:
    # given an officer active 5 minutes ago
    client = _idle_for(world, "city_officer", 5)
    # when they open a page
    client.get(reverse("portal:dashboard"))
    # then the stamp is now, and the cookie lasts the idle limit from now
    stamp = client.session[LAST_ACTIVITY_KEY]
    assert abs(stamp - time.time()) < 5
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_MINUTES * 60
    assert client.cookies["sessionid"]["max-age"] == settings.SESSION_IDLE_MINUTES * 60
    # when they open another page within the minute, the session is not written
    client.get(reverse("portal:dashboard"))
    assert client.session[LAST_ACTIVITY_KEY] == stamp
    assert "sessionid" not in client.get(reverse("portal:dashboard")).cookies


PASSIVE = {"X-Portal-Passive": "1"}  # what the pages' polling elements send


def test_background_polling_does_not_keep_a_ministry_session_alive(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a ministry admin whose last real request was 29 minutes ago
    client = _idle_for(world, "ministry_admin", 29)
    stamp = client.session[LAST_ACTIVITY_KEY]
    # when an open editor tab polls in the background
    assert client.get(reverse("portal:dashboard"), headers=PASSIVE).status_code == 200
    # then the poll is not activity: the stamp stays
    assert client.session[LAST_ACTIVITY_KEY] == stamp
    # and two minutes later (31 after the last real request) their next click signs
    # them out
    later = time.time() + 2 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_poll_after_the_idle_limit_signs_the_person_out(world: World) -> None:
    client = _idle_for(world, "ministry_admin", 31)
    response = client.get(reverse("portal:dashboard"), headers=PASSIVE)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
