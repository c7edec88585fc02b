"""The request id: taken from the proxy when well formed, made otherwise, answered
in a header, and written with the person's numeric id on every log line."""

import io
import json
import logging
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core import request_id, tasks
from core.logs import JsonLines, TextLines
from core.request_id import HEADER, RequestIdFilter

pytestmark = pytest.mark.django_db


def lines_of(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_well_formed_request_id_from_the_proxy_is_answered_as_given(
    client: Client,
) -> None:
    # when the proxy names the request
    response = client.get(
        reverse("healthz"), headers={HEADER: "0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f"}
    )
    # then the answer names it the same
    assert response[HEADER] == "0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f"


@pytest.mark.parametrize(
    "given",
    [
        None,
        "",
        "short",
        "x" * 129,
        'abcdefgh"}\n{"level": "CRITICAL"',
        "<script>alert(1)</script>",
        "abcdefgh ijklmnop",
        "zażółćgęśląjaźń12",
    ],
)
def test_a_missing_or_hostile_request_id_is_replaced_with_one_of_our_own(
    client: Client, given: str | None
) -> None:
    # when a request comes with no id, or an id nobody should log
    headers = {} if given is None else {HEADER: given}
    response = client.get(reverse("healthz"), headers=headers)
    # then the portal answers with an id of its own: 32 hexadecimal digits
    answered = response[HEADER]
    assert answered != given
    assert len(answered) == 32
    int(answered, 16)


def test_every_request_gets_a_new_id(client: Client) -> None:
    first = client.get(reverse("healthz"))[HEADER]
    second = client.get(reverse("healthz"))[HEADER]
    assert first != second


def test_a_refused_request_is_logged_with_its_id_and_the_person_s_number_only(
    client: Client, json_log: io.StringIO
) -> None:
    # given a signed-in person
    user = get_user_model().objects.create_user(
        email="anna.nowak@example.pl",
        password="x-long-enough-password",
    )
    client.force_login(user)
    # when they ask for a page that does not exist
    response = client.get(
        "/nie-ma-takiej-strony/", headers={HEADER: "proxy-id-0123456789"}
    )
    # then Django's line about it carries the request's id and the person's id,
    # and not their address
    assert response.status_code == 404
    [line] = [line for line in lines_of(json_log) if line["logger"] == "django.request"]
    assert line["request_id"] == "proxy-id-0123456789"
    assert line["level"] == "WARNING"
    assert "anna.nowak" not in json_log.getvalue()
    # and a line written after the request has neither
    logging.getLogger("pim.test").warning("between requests")
    assert lines_of(json_log)[-1]["request_id"] is None
    assert lines_of(json_log)[-1]["user_id"] is None


def test_a_view_s_line_carries_the_signed_in_person_s_id(
    client: Client, json_log: io.StringIO
) -> None:
    # given a signed-in person
    user = get_user_model().objects.create_user(
        email="jan.kowalski@example.pl",
        password="x-long-enough-password",
    )
    client.force_login(user)
    # when a page of theirs logs while it is served (a 404 raised in a view)
    client.get(reverse("healthz"))  # a page any person may open
    client.get("/organizacje/nie-ma-takiej/", headers={HEADER: "proxy-id-9876543210"})
    # then the lines of that request carry the person's number, not their name
    own = [
        line
        for line in lines_of(json_log)
        if line["request_id"] == "proxy-id-9876543210"
    ]
    assert own
    assert {line["user_id"] for line in own} == {user.pk}
    assert "jan.kowalski" not in json_log.getvalue()


def _record(message: str, exc_info: Any = None) -> logging.LogRecord:
    record = logging.LogRecord(
        "documents.services", logging.ERROR, __file__, 1, message, (), exc_info
    )
    record.created = 1_780_000_000.25
    RequestIdFilter().filter(record)
    return record


def test_a_json_line_holds_time_level_logger_message_ids_and_the_traceback() -> None:
    # given a request being served by person 7
    request_id.request_id_var.set("0f3c9a7e5b2d4c1a")
    request_id.user_id_var.set(7)
    try:
        raise ValueError("the reason")
    except ValueError as error:
        record = _record("could not save", (ValueError, error, error.__traceback__))
    finally:
        request_id.request_id_var.set(None)
        request_id.user_id_var.set(None)
    # when it is written as JSON
    line = JsonLines().format(record)
    # then it is one line, one object, with every field
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["time"] == "2026-05-28T20:26:40.250+00:00"
    assert fields["level"] == "ERROR"
    assert fields["logger"] == "documents.services"
    assert fields["message"] == "could not save"
    assert fields["request_id"] == "0f3c9a7e5b2d4c1a"
    assert fields["user_id"] == 7
    assert "ValueError: the reason" in fields["exception"]


def test_a_text_line_holds_the_same_fields() -> None:
    request_id.request_id_var.set("0f3c9a7e5b2d4c1a")
    request_id.user_id_var.set(7)
    try:
        record = _record("could not save")
    finally:
        request_id.request_id_var.set(None)
        request_id.user_id_var.set(None)
    assert TextLines().format(record) == (
        "2026-05-28T20:26:40.250+00:00 ERROR documents.services "
        "[request_id=0f3c9a7e5b2d4c1a user_id=7] could not save"
    )


class _FakeTask:
    def __init__(self, **headers: Any) -> None:
        self.request = type("Request", (), headers)()


def test_a_task_sent_in_a_request_carries_its_ids_and_the_worker_restores_them() -> (
    None
):
    # given a request of person 7 that sends a task
    request_id.request_id_var.set("0f3c9a7e5b2d4c1a")
    request_id.user_id_var.set(7)
    headers: dict[str, Any] = {}
    try:
        request_id._add_ids_to_task(headers=headers)
    finally:
        request_id.request_id_var.set(None)
        request_id.user_id_var.set(None)
    # then the message carries both ids
    assert headers == {
        request_id.TASK_REQUEST_ID: "0f3c9a7e5b2d4c1a",
        request_id.TASK_USER_ID: 7,
    }
    # and a worker (no request of its own) runs the task under them
    task: Any = _FakeTask(**headers)
    request_id._restore_ids(task_id="t-1", task=task)
    assert request_id.current_request_id() == "0f3c9a7e5b2d4c1a"
    assert request_id.current_user_id() == 7
    # and forgets them when the task ends
    request_id._clear_ids(task_id="t-1")
    assert request_id.current_request_id() is None
    assert request_id.current_user_id() is None


def test_a_hostile_request_id_in_a_task_message_is_not_restored() -> None:
    task: Any = _FakeTask(pim_request_id="x\n" * 100, pim_user_id="anna@example.pl")
    request_id._restore_ids(task_id="t-2", task=task)
    try:
        assert request_id.current_request_id() is None
        assert request_id.current_user_id() is None
    finally:
        request_id._clear_ids(task_id="t-2")


def test_a_task_run_inside_a_request_keeps_the_request_s_ids() -> None:
    # given a request being served (an eager task, or the broker-down fallback)
    request_id.request_id_var.set("0f3c9a7e5b2d4c1a")
    try:
        task: Any = _FakeTask()
        request_id._restore_ids(task_id="t-3", task=task)
        assert request_id.current_request_id() == "0f3c9a7e5b2d4c1a"
        request_id._clear_ids(task_id="t-3")
        # then the request goes on with its id after the task
        assert request_id.current_request_id() == "0f3c9a7e5b2d4c1a"
    finally:
        request_id.request_id_var.set(None)


def test_a_periodic_task_has_no_request_id() -> None:
    headers: dict[str, Any] = {}
    request_id._add_ids_to_task(headers=headers)
    assert headers == {}


def test_a_task_run_in_the_request_logs_under_the_request_s_id(
    json_log: io.StringIO, django_capture_on_commit_callbacks: Any
) -> None:
    # given a request of person 7 being served, and tasks run in-process (eager)
    request_id.request_id_var.set("0f3c9a7e5b2d4c1a")
    request_id.user_id_var.set(7)
    try:
        # when a service schedules a task and its transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            tasks.schedule(tasks.echo, "hello")
    finally:
        request_id.request_id_var.set(None)
        request_id.user_id_var.set(None)
    # then the task's own line carries the request's ids, as does the line that
    # names the task
    lines = lines_of(json_log)
    [done] = [line for line in lines if line["logger"] == "celery.app.trace"]
    [handed] = [line for line in lines if "handed to the broker" in line["message"]]
    assert "succeeded" in done["message"]
    for line in (done, handed):
        assert line["request_id"] == "0f3c9a7e5b2d4c1a"
        assert line["user_id"] == 7
