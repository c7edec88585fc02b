"""/healthz (liveness, public, checks nothing) and /healthz/ready (readiness, the
operators' only, kept a few seconds)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from portal import health
from tests.support.worker import private_redis

pytestmark = pytest.mark.django_db

TOKEN = "operators-token-for-tests-0123456789"
OUTSIDE = "203.0.113.7"


@pytest.fixture(autouse=True)
def _no_kept_readiness(settings: Any) -> Iterator[None]:
    settings.HEALTH_TOKEN = TOKEN
    health.forget_readiness()
    yield
    health.forget_readiness()


def _ready(client: Client, *, token: str | None = None, remote: str = OUTSIDE) -> Any:
    """/healthz/ready asked from `remote` (default: not this machine)."""
    headers = {} if token is None else {"X-Health-Token": token}
    return client.get(reverse("healthz_ready"), headers=headers, REMOTE_ADDR=remote)


def _fail(*args: object, **kwargs: object) -> str:
    raise AssertionError("the public liveness check must not check anything")


def test_liveness_answers_200_to_anyone_without_reading_the_database_or_redis(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    # given every check of a part would fail the test if it ran
    for name in ("database_state", "cache_state", "broker_state", "worker_state"):
        monkeypatch.setattr(health, name, _fail)
    # when an anonymous visitor asks, from anywhere
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"), REMOTE_ADDR=OUTSIDE)
    # then the process answers that it is up, and nothing more
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("token", [None, "a-guess", ""])
def test_readiness_is_missing_for_a_visitor_without_the_token(
    client: Client, token: str | None
) -> None:
    response = _ready(client, token=token)
    assert response.status_code == 404
    assert "worker" not in response.text


@pytest.mark.parametrize(
    "proxied",
    [
        {"X-Forwarded-For": "203.0.113.7"},
        {"Forwarded": "for=203.0.113.7;proto=https"},
        {"X-Real-IP": "203.0.113.7"},
    ],
    ids=["X-Forwarded-For", "Forwarded", "X-Real-IP"],
)
def test_readiness_is_missing_for_a_request_a_proxy_on_this_machine_passed_on(
    client: Client, proxied: dict[str, str]
) -> None:
    # given a request from the loopback address that a proxy forwarded
    response = client.get(
        reverse("healthz_ready"), headers=proxied, REMOTE_ADDR="127.0.0.1"
    )
    # then it is not taken for the container's own healthcheck
    assert response.status_code == 404


def test_readiness_is_missing_to_everyone_when_no_token_is_configured(
    client: Client, settings: Any
) -> None:
    settings.HEALTH_TOKEN = ""
    response = _ready(client, token="")
    assert response.status_code == 404


def test_readiness_with_the_token_reports_each_part_and_503_without_a_worker(
    client: Client,
) -> None:
    # given no Celery worker runs (none is started in this test)
    # when an operator asks with the token
    response = _ready(client, token=TOKEN)
    # then every part is reported and the portal is not ready
    assert response.status_code == 503
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "worker": "down",
    }
    assert "no-cache" in response["Cache-Control"]


def test_readiness_from_inside_the_container_needs_no_token(client: Client) -> None:
    response = _ready(client, remote="127.0.0.1")
    assert response.status_code == 503
    assert response.json()["worker"] == "down"


def test_readiness_polled_often_checks_the_parts_once_per_few_seconds(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the worker ping is counted
    pings: list[float] = []

    def ping(timeout: float = 1.0) -> str:
        pings.append(timeout)
        return "down"

    monkeypatch.setattr(health, "worker_state", ping)
    # when an operator polls twenty times in a row
    answers = {_ready(client, token=TOKEN).status_code for _ in range(20)}
    # then the workers were pinged once, and every answer is the kept one
    assert len(pings) == 1
    assert answers == {503}


def test_readiness_checks_again_once_the_kept_result_is_old(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings: list[float] = []

    def ping(timeout: float = 1.0) -> str:
        pings.append(timeout)
        return "down"

    monkeypatch.setattr(health, "worker_state", ping)
    _ready(client, token=TOKEN)
    # when the kept result is older than READINESS_TTL
    monkeypatch.setattr(health, "READINESS_TTL", 0.0)
    _ready(client, token=TOKEN)
    # then the parts were checked again
    assert len(pings) == 2


def test_readiness_reports_a_broker_that_does_not_answer(client: Client) -> None:
    # given the broker's Redis went away (the cache's still answers)
    with private_redis() as broker:
        broker.stop()
        # when an operator asks
        response = _ready(client, token=TOKEN)
    # then the broker is reported down, the cache up
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["cache"] == "ok"
