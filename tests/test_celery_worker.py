from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.tasks import echo
from portal import health
from tests.support.worker import celery_worker


@pytest.fixture(scope="module")
def worker() -> Iterator[None]:
    with celery_worker():
        yield


def test_a_task_goes_through_redis_to_a_real_worker_and_back(worker: None) -> None:
    # when
    result = echo.delay("Partnerska Inicjatywa Miast")
    # then
    assert result.get(timeout=30) == "Partnerska Inicjatywa Miast"


@pytest.mark.django_db
def test_readiness_reports_the_worker_alive_to_an_operator(
    worker: None, client: Client, settings: Any
) -> None:
    # given an operator's token, and no result kept from an earlier check
    settings.HEALTH_TOKEN = "operators-token-for-tests-0123456789"
    health.forget_readiness()
    # when they ask from outside the machine
    response = client.get(
        reverse("healthz_ready"),
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_HEALTH_TOKEN="operators-token-for-tests-0123456789",
    )
    health.forget_readiness()
    # then every part is up, the worker too
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "worker": "ok",
    }
