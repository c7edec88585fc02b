"""Requests to join through an LP's public page: throttled per visitor's IP, at most
LP_JOIN_PENDING_MAX waiting for an answer per LP, and deleted once declined or
unanswered for longer than the retention period."""

import datetime
import inspect
import logging
from typing import Any

import pytest
import redis
from allauth.core.internal import ratelimit
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from partnerships.clauses import current_clause
from partnerships.models import JoinRequest, Sector
from partnerships.services import join_request_decide
from partnerships.tasks import purge_join_requests
from partnerships.tests.builders import gdynia_partnership, join_request
from tests.support.world import World

pytestmark = pytest.mark.django_db


def ask_to_join(client: Client, url: str, ip: str, number: int) -> int:
    response = client.post(
        url,
        {
            "name": f"Osoba Numer{number}",
            "email": f"osoba{number}@example.pl",
            "sector": Sector.RESIDENT,
            "consent": "on",
            "clause": str(current_clause().pk),  # the version the form showed
        },
        REMOTE_ADDR=ip,
    )
    return response.status_code


def test_a_sixth_request_within_the_hour_from_one_ip_is_refused(
    world: World, client: Client
) -> None:
    url = reverse("partnerships:public", args=[gdynia_partnership(world).pk])
    # given five requests sent from one address
    assert [ask_to_join(client, url, "10.0.0.7", n) for n in range(5)] == [302] * 5
    # when a sixth comes from it
    status = ask_to_join(client, url, "10.0.0.7", 5)
    # then it is refused and not stored; another address is still heard
    assert status == 429
    assert JoinRequest.objects.count() == 5
    assert ask_to_join(client, url, "10.0.0.8", 6) == 302


def test_many_addresses_fill_only_the_lps_waiting_requests_which_declining_frees(
    world: World, client: Client, settings: Any
) -> None:
    settings.LP_JOIN_PENDING_MAX = 3
    coordinator = world.user("city_coordinator")
    partnership = gdynia_partnership(world)
    url = reverse("partnerships:public", args=[partnership.pk])
    # given an answered request, which does not count
    join_request_decide(
        join_request=join_request(world), accept=False, actor=coordinator
    )
    # when requests come from many addresses, one each
    statuses = [ask_to_join(client, url, f"10.0.1.{n}", n) for n in range(3)]
    fourth = client.post(
        url,
        {
            "name": "Ktoś",
            "email": "ktos@example.pl",
            "sector": Sector.RESIDENT,
            "consent": "on",
            "clause": str(current_clause().pk),
        },
        REMOTE_ADDR="10.0.1.3",
    )
    # then the LP takes as many as may wait for an answer, and tells the fourth
    # visitor it cannot take more now
    assert statuses == [302] * 3
    assert fourth.status_code == 429
    assert "nie może teraz przyjąć więcej zgłoszeń" in fourth.text
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 3
    # when the coordinator declines one as spam, then the form takes one again
    spam = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).first()
    assert spam is not None
    join_request_decide(join_request=spam, accept=False, actor=coordinator)
    assert ask_to_join(client, url, "10.0.1.11", 11) == 302


def test_allauths_internal_rate_limiter_is_where_the_throttle_expects_it() -> None:
    # partnerships.throttle uses allauth's internal module, as the public one
    # counts only allauth's own actions: an upgrade that moves it fails here.
    parameters = inspect.signature(ratelimit.consume).parameters
    assert {"app", "action", "config", "key"} <= set(parameters)


class BrokenCache:
    def __getattr__(self, name: str) -> Any:
        def fail(*args: object, **kwargs: object) -> None:
            raise redis.ConnectionError("Redis is away")

        return fail


def test_a_cache_failure_lets_the_request_through_and_is_logged(
    world: World,
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(ratelimit, "cache", BrokenCache())
    url = reverse("partnerships:public", args=[gdynia_partnership(world).pk])
    with caplog.at_level(logging.WARNING, logger="partnerships.throttle"):
        assert ask_to_join(client, url, "10.0.0.9", 1) == 302
    assert JoinRequest.objects.count() == 1
    assert "LP join throttle unavailable" in caplog.text


def _age(request: JoinRequest, days: int) -> None:
    then = timezone.now() - datetime.timedelta(days=days)
    JoinRequest.objects.filter(pk=request.pk).update(submitted_at=then)
    if request.decided_at:
        JoinRequest.objects.filter(pk=request.pk).update(decided_at=then)


def test_declined_and_unanswered_requests_go_after_the_retention_period(
    world: World, settings: Any
) -> None:
    settings.JOIN_REQUEST_RETENTION_DAYS = 90
    coordinator = world.user("city_coordinator")
    # given old requests: declined, never answered, accepted; and recent ones
    old_declined, old_pending, old_accepted, new_declined, new_pending = (
        join_request(world) for _ in range(5)
    )
    for decided, accept in ((old_declined, False), (new_declined, False)):
        join_request_decide(join_request=decided, accept=accept, actor=coordinator)
    join_request_decide(join_request=old_accepted, accept=True, actor=coordinator)
    for old in (old_declined, old_pending, old_accepted):
        old.refresh_from_db()
        _age(old, 91)
    # when the daily task runs
    deleted = purge_join_requests()
    # then only the old declined and unanswered ones are gone
    assert deleted == 2
    assert set(JoinRequest.objects.values_list("pk", flat=True)) == {
        old_accepted.pk,
        new_declined.pk,
        new_pending.pk,
    }
    # and the audit event says how many, and nothing about whom
    event = AuditEvent.objects.get(action=AuditEvent.Action.LP_JOIN_REQUESTS_PURGED)
    assert event.details == {
        "local_partnership": gdynia_partnership(world).pk,
        "deleted": 2,
    }
    assert event.subject is None
    assert event.subject_email == ""
    assert event.actor is None
    # and a second run finds nothing more
    assert purge_join_requests() == 0
