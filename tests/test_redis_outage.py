"""Redis stopped in the middle of a run: a signed-in person still loads the main
pages, saves a section and logs in (the cache failing is a miss, the sessions
fall back to PostgreSQL); once Redis is back the pages read the cache again."""

from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from documents.models import Document
from documents.tests.builders import gdynia_mid, section, text
from organisations.models import Invitation
from pim_portal.celery import app
from tests.support.worker import PrivateRedis, private_redis
from tests.support.world import World

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit work runs too

PASSWORD = "haslo-testowe-2026"  # accounts.tests.factories


@pytest.fixture
def redis() -> Iterator[PrivateRedis]:
    """A Redis of the test's own as the cache (database 1) and as the broker
    (database 0), tasks going through it as in production; the test stops it."""
    with private_redis() as redis:
        location = urlunsplit(urlsplit(redis.url)._replace(path="/1"))
        caches = {"default": {**settings.CACHES["default"], "LOCATION": location}}
        eager, app.conf.task_always_eager = app.conf.task_always_eager, False
        try:
            with override_settings(CACHES=caches):
                yield redis
        finally:
            app.conf.task_always_eager = eager


def _signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _pages(world: World, mid: Document) -> dict[str, list[str]]:
    """The main pages, by the role that loads them."""
    everyone = [
        reverse("portal:home"),
        reverse("portal:workspace", args=[world.network.slug]),
        reverse("documents:detail", args=[mid.pk]),
        reverse("meetings:calendar"),
    ]
    return {
        "city_officer": everyone,
        "ministry_staff": [*everyone, reverse("documents:queue")],
    }


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_with_redis_stopped_the_pages_answer_and_a_section_saves(
    world: World, redis: PrivateRedis
) -> None:
    mid = gdynia_mid(world)
    pages = _pages(world, mid)
    clients = {role: _signed_in(world, role) for role in pages}
    # given the pages seen once, so their parts and the sessions are in the cache
    for role, urls in pages.items():
        for url in urls:
            assert clients[role].get(url).status_code == 200, (role, url)
    assert cache.get_many(["no-such-key"]) == {}  # the cache answers

    # when Redis stops
    redis.stop()

    # then every page still answers, for the officer and for the ministry
    for role, urls in pages.items():
        for url in urls:
            assert clients[role].get(url).status_code == 200, (role, url)
    # and the officer saves a section of the MID, and sees it saved
    challenge = section(mid, "challenge")
    response = clients["city_officer"].post(
        reverse("documents:section_edit", args=[mid.pk, challenge.pk]),
        {"body": "<p>Zapisane bez Redisa.</p>", "revision": challenge.revision},
    )
    assert response.status_code == 302
    assert text(section(mid, "challenge")) == "<p>Zapisane bez Redisa.</p>"
    page = clients["city_officer"].get(mid.get_absolute_url())
    assert page.status_code == 200
    assert "Zapisane bez Redisa." in page.content.decode()

    # when Redis is back (empty: it kept nothing)
    redis.start()

    # then a page seen twice is read from the cache the second time
    officer = clients["city_officer"]
    for url in pages["city_officer"]:
        first = _queries(officer, url)
        assert _queries(officer, url) < first, url
    assert (
        "Zapisane bez Redisa." in officer.get(mid.get_absolute_url()).content.decode()
    )


def test_with_redis_stopped_a_person_logs_in_through_the_form(
    world: World, redis: PrivateRedis
) -> None:
    # given the login page seen and Redis then stopped
    client = Client()
    assert client.get(reverse("account_login")).status_code == 200
    redis.stop()
    # when the officer logs in with the form (whose throttle counts in the cache)
    response = client.post(
        reverse("account_login"),
        {"login": "city_officer@example.pl", "password": PASSWORD},
    )
    # then they are signed in, and their session holds without the cache
    assert response.status_code == 302
    assert response["Location"] != reverse("account_login")
    assert client.session["_auth_user_id"] == str(world.user("city_officer").pk)
    assert client.get(reverse("portal:home")).status_code == 200
    workspace = reverse("portal:workspace", args=[world.network.slug])
    assert client.get(workspace).status_code == 200


def test_with_redis_stopped_an_invitation_is_saved_and_its_email_sent(
    world: World, redis: PrivateRedis, mailoutbox: list
) -> None:
    # given a signed-in coordinator, and then the broker's Redis stopped
    coordinator = _signed_in(world, "city_coordinator")
    redis.stop()
    # when they invite an officer
    response = coordinator.post(
        reverse("organisations:invite", args=[world.partner_city.slug]),
        {"email": "nowy@example.pl", "role": "officer"},
    )
    # then the page answers as usual, the invitation is saved and the e-mail is
    # sent from the request, since no worker can be told
    assert response.status_code == 302
    assert world.partner_city.invitations.filter(
        email="nowy@example.pl", status=Invitation.Status.PENDING
    ).exists()
    assert [message.to for message in mailoutbox] == [["nowy@example.pl"]]
