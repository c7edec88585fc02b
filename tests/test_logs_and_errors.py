"""What an operator reads: JSON log lines in which a request and the task it
scheduled share one request id, through a real broker and a real worker; and error
reports that reach a Sentry server without anybody's name or address."""

import gzip
import http.server
import io
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import brotli
import pytest
import sentry_sdk
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from core.error_reports import start_error_reports
from core.request_id import HEADER
from organisations.models import Invitation
from pim_portal.settings.base import log_format
from tests.support.worker import celery_worker, worker_environment
from tests.support.world import World


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


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


class FakeSentry(http.server.BaseHTTPRequestHandler):
    """Takes the SDK's envelopes, as a Sentry server would."""

    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def fake_sentry() -> Iterator[str]:
    """A DSN pointing at a local fake Sentry server; the SDK is switched off after."""
    FakeSentry.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://public-key@127.0.0.1:{server.server_address[1]}/1"
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)  # reports off again
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
@pytest.mark.urls("tests.failing_urls")
def test_an_error_reaches_sentry_with_the_request_id_and_no_name_or_address(
    world: World, fake_sentry: str
) -> None:
    # given error reports switched on, and a signed-in coordinator with a name
    start_error_reports(dsn=fake_sentry, environment="staging", release="2026.12.1")
    coordinator = world.user("city_coordinator")
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    # when a page fails for them (a search term naming a resident in the address)
    response = client.get(
        "/awaria/?q=Janina+Mieszkanka",
        headers={HEADER: "nginx-5e6f7a8b9c0d1e2f"},
        data=None,
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)
    # then the report reached the server: the error, where it happened, the
    # request id, the environment and the release
    reports = b"".join(FakeSentry.received).decode()
    assert "the page failed on purpose" in reports
    events = [
        json.loads(line)
        for line in reports.splitlines()
        if '"exception"' in line and line.startswith("{")
    ]
    assert events
    event = events[0]
    assert event["tags"]["request_id"] == "nginx-5e6f7a8b9c0d1e2f"
    assert event["environment"] == "staging"
    assert event["release"] == "2026.12.1"
    assert event["user"] == {"id": str(coordinator.pk)}
    # and nothing in it names anybody
    assert coordinator.email not in reports
    assert coordinator.full_name not in reports
    assert "Janina" not in reports
    assert "sessionid" not in reports


@pytest.mark.django_db
def test_without_sentry_dsn_no_report_is_sent() -> None:
    # given the settings the tests run with (no SENTRY_DSN)
    # then the SDK has no client that could send anything
    assert not sentry_sdk.get_client().is_active()
