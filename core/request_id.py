"""One id per request, on every log line the request writes and on the Celery tasks
it schedules, so an operator can follow one click from the proxy's access log to
the worker that sent its e-mail.

The id comes from the reverse proxy (`X-Request-ID`) when it is well formed, or is
made here; the response carries it back. Only the id and the signed-in person's
numeric id go into the log records: never a name, an e-mail or a resident's data.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextlib import suppress
from contextvars import ContextVar, Token
from typing import Any

from celery import Task
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# The names of the Celery message headers that carry the ids to the worker.
TASK_REQUEST_ID = "pim_request_id"
TASK_USER_ID = "pim_user_id"
# What a proxy's id may look like (nginx's $request_id is 32 hex digits, a UUID is
# 36 characters): anything longer or with other characters is hostile, or a
# mistake, and is replaced with an id of our own rather than written to the logs.
_VALID = re.compile(r"[A-Za-z0-9._-]{8,128}")

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
user_id_var: ContextVar[int | None] = ContextVar("user_id", default=None)


def valid_request_id(value: object) -> str | None:
    """The id as given when it is safe to log and to send back, else None."""
    if isinstance(value, str) and _VALID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return request_id_var.get()


def current_user_id() -> int | None:
    return user_id_var.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` and `user_id` (None outside a request or a task) to every
    record, for the formatters to show."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        return True


class RequestIdMiddleware:
    """First in the middleware list: every line logged while the request is served
    carries its id, and the answer (redirects and errors too) names it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = valid_request_id(request.headers.get(HEADER))
        request_id = given or new_request_id()
        # Not reset on the way out: Django logs a refused or failed answer after
        # the middleware has returned. `request_finished` clears them.
        request_id_var.set(request_id)
        user_id_var.set(None)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response

    def process_view(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse | None:
        # By now the session and authentication middleware have run: the person's
        # id (only the number) joins the records from here on.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id_var.set(user.pk)
        return None


@receiver(request_finished)
def _forget_ids(**kwargs: Any) -> None:
    request_id_var.set(None)
    user_id_var.set(None)


# Celery: a task sent while a request is served carries the request's ids in its
# message headers, and the worker restores them around the task.


@before_task_publish.connect
def _add_ids_to_task(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    if headers is None:
        return
    request_id = request_id_var.get()
    if request_id is not None:
        headers.setdefault(TASK_REQUEST_ID, request_id)
        headers.setdefault(TASK_USER_ID, user_id_var.get())


# What task_prerun set, per task id, for task_postrun to put back.
_tokens: dict[str, tuple[Token[str | None], Token[int | None]]] = {}


@task_prerun.connect
def _restore_ids(
    task_id: str | None = None, task: Task[Any, Any] | None = None, **kwargs: Any
) -> None:
    if task_id is None or task is None:
        return
    carried = valid_request_id(getattr(task.request, TASK_REQUEST_ID, None))
    user_id = getattr(task.request, TASK_USER_ID, None)
    if carried is None:
        # A task run in-process (eager, or the fallback when the broker is down)
        # keeps the ids of the request it runs in; a periodic one has none.
        carried, user_id = request_id_var.get(), user_id_var.get()
    _tokens[task_id] = (
        request_id_var.set(carried),
        user_id_var.set(user_id if isinstance(user_id, int) else None),
    )


@task_postrun.connect
def _clear_ids(task_id: str | None = None, **kwargs: Any) -> None:
    tokens = _tokens.pop(task_id, None) if task_id is not None else None
    if tokens is not None:
        request_token, user_token = tokens
        # A task that ended in another context than it began has nothing to undo.
        with suppress(ValueError):
            user_id_var.reset(user_token)
            request_id_var.reset(request_token)
