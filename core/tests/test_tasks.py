"""schedule(): background work after commit, and a broker outage that never
undoes a saved change nor ends the request in an error."""

import logging
from typing import Any

import pytest
from kombu.exceptions import OperationalError

from core import tasks

pytestmark = pytest.mark.django_db


def _broker_down(*args: Any, **kwargs: Any) -> None:
    raise OperationalError("Error 111 connecting to 127.0.0.1:1. Refused.")


def test_nothing_is_handed_over_before_the_transaction_commits(
    django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a broker that records what it is handed
    handed: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        tasks.echo, "apply_async", lambda args, **options: handed.append(args)
    )
    # when a service schedules a task
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tasks.schedule(tasks.echo, "hello")
        # then nothing is sent inside the transaction
        assert handed == []
    # and exactly the arguments are sent once it commits
    assert len(callbacks) == 1
    assert handed == [("hello",)]


def test_with_the_broker_down_the_task_runs_in_the_request(
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given a broker that refuses every message
    ran: list[str] = []
    monkeypatch.setattr(tasks.echo, "apply_async", _broker_down)
    monkeypatch.setattr(tasks.echo, "run", lambda value: ran.append(value))
    # when a task is scheduled and the transaction commits
    with (
        caplog.at_level(logging.WARNING, logger="core.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.schedule(tasks.echo, "secret-token")
    # then it ran here, and the outage is logged without the task's arguments
    assert ran == ["secret-token"]
    assert "core.tasks.echo waits for the broker" in caplog.text
    assert "secret-token" not in caplog.text


def test_with_the_broker_and_the_mail_server_down_the_failure_is_only_logged(
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given a broker that refuses every message, and a task that fails here too
    def mail_server_down(value: str) -> None:
        raise ConnectionRefusedError("SMTP refused")

    monkeypatch.setattr(tasks.echo, "apply_async", _broker_down)
    monkeypatch.setattr(tasks.echo, "run", mail_server_down)
    # when a task is scheduled and the transaction commits
    with (
        caplog.at_level(logging.WARNING, logger="core.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.schedule(tasks.echo, "hello")
    # then no error reaches the caller, and the failure is logged
    assert "core.tasks.echo failed without the broker" in caplog.text
