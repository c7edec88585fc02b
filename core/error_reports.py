"""Error reports to Sentry (or a server speaking its protocol), when the operator
sets SENTRY_DSN: unhandled errors of the web processes and of the Celery workers,
each with the request id of its log lines and the person's numeric id, and nothing
more about anyone: no names, e-mail addresses, cookies, request bodies, query
strings or local variables (they may hold residents' data)."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.types import Event, Hint

from core.request_id import current_request_id, current_user_id


def start_error_reports(*, dsn: str, environment: str, release: str | None) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # What the SDK may collect by itself (send_default_pii=False's successor,
        # which warns that it is deprecated): no user's details, cookies, request
        # bodies, query strings, local variables or SQL parameters.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "stack_frame_variables": False,
            "database_query_data": False,
        },
        max_request_body_size="never",
        # Errors only: no performance tracing, no profiling.
        traces_sample_rate=None,
        before_send=_only_ids,
    )


def _only_ids(event: Event, hint: Hint) -> Event:
    """Tags the event with the request id (to find its log lines) and the person's
    id, and drops what may name someone (a search term in the query string)."""
    request_id = current_request_id()
    if request_id is not None:
        event.setdefault("tags", {})["request_id"] = request_id
    user_id = current_user_id()
    event["user"] = {"id": str(user_id)} if user_id is not None else {}
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("query_string", None)
        request.pop("cookies", None)
        request.pop("data", None)
    return event
