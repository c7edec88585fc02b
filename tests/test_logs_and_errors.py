"""What an operator reads: JSON log lines in which a request and the task it
scheduled share one request id, through a real broker and a real worker."""

import io
import json
import logging
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from core.logs import JsonLines
from core.request_id import HEADER, RequestIdFilter
from organisations.models import Invitation
from pim_portal.settings.base import log_format
from tests.support.worker import celery_worker, worker_environment
from tests.support.world import World


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The web process's log, as production writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def invite(client: Client, world: World, request_id: str) -> None:
    client.force_login(world.user("city_coordinator"))
    url = reverse("organisations:invite", args=[world.partner_city.slug])
    response = client.post(
        url,
        {"email": "nowy.urzednik@example.pl", "role": "officer"},
        headers={HEADER: request_id},
    )
    assert response.status_code == 302
    assert response[HEADER] == request_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_a_request_and_the_task_it_scheduled_log_the_same_request_id(
    world: World, client: Client, json_log: io.StringIO
) -> None:
    # given a real worker writing JSON lines to a file
    with (
        tempfile.NamedTemporaryFile(prefix="pim-worker-log-") as output,
        celery_worker(
            env={
                **worker_environment(),
                "DJANGO_LOG_FORMAT": "json",
                "DJANGO_LOG_LEVEL": "INFO",
            },
            output=output,
        ),
    ):
        # when a coordinator invites an officer through the proxy (a request id)
        invite(client, world, "nginx-4f1d2c3b5a697887")
        # then the request's line names the task it handed to the broker
        [handed] = [
            line
            for line in json_lines(json_log.getvalue())
            if "handed to the broker" in line["message"]
        ]
        assert handed["request_id"] == "nginx-4f1d2c3b5a697887"
        coordinator = world.user("city_coordinator").pk
        assert handed["user_id"] == coordinator
        task_id = handed["message"].split("[")[1].split("]")[0]
        # and the worker's line about that task carries the same ids
        done = wait_for_line(Path(output.name), f"[{task_id}] succeeded")
    assert done["request_id"] == "nginx-4f1d2c3b5a697887"
    assert done["user_id"] == coordinator
    assert done["logger"] == "celery.app.trace"
    assert done["level"] == "INFO"
    assert done["time"].endswith("+00:00")
    assert Invitation.objects.filter(email="nowy.urzednik@example.pl").exists()


def wait_for_line(path: Path, text: str, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in json_lines(path.read_text(errors="replace")):
            if text in line["message"]:
                return line
        time.sleep(0.2)
    raise AssertionError(f"no worker line with {text!r}:\n{path.read_text()}")


def test_log_format_is_json_or_text_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DJANGO_LOG_FORMAT", raising=False)
    assert log_format(default="json") == "json"
    monkeypatch.setenv("DJANGO_LOG_FORMAT", "text")
    assert log_format(default="json") == "text"
    monkeypatch.setenv("DJANGO_LOG_FORMAT", "xml")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_LOG_FORMAT"):
        log_format(default="json")
