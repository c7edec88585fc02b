from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from core.tasks import echo
from core.testing.worker import celery_worker


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
def test_healthz_reports_the_worker_alive(worker: None, client: Client) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "worker": "ok",
    }
