"""The state of the portal's moving parts, for the operators (/healthz/ready).

Checking them costs a database round trip, two Redis round trips and a Celery
ping that waits up to a second: anonymous visitors must never be able to make the
portal do that (a few requests a second would hold every gunicorn worker), so the
public /healthz checks nothing (portal.views.healthz) and the full check is given
only to the operators (`can_see_readiness`) and kept for a few seconds
(`readiness`)."""

import ipaddress
import threading
import time
from dataclasses import dataclass

import redis
from celery import current_app as celery_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare

# How long one full check is served to every operator's request in this process.
READINESS_TTL = 5.0  # seconds
# The header that carries HEALTH_TOKEN.
TOKEN_HEADER = "X-Health-Token"  # noqa: S105 - a header name, not a secret


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "down"; the reason goes to the log
        return "down"
    return "ok"


def cache_state() -> str:
    """The Redis of the cache (and of the sessions read through it)."""
    try:
        cache.set("healthz", "ok", timeout=5)
        return "ok" if cache.get("healthz") == "ok" else "down"
    except Exception:
        return "down"


def broker_state() -> str:
    """The Redis that holds Celery's queues."""
    try:
        client = redis.Redis.from_url(
            str(celery_app.conf.broker_url), socket_connect_timeout=1, socket_timeout=1
        )
        try:
            return "ok" if client.ping() else "down"
        finally:
            client.close()
    except Exception:
        return "down"


def worker_state(timeout: float = 1.0) -> str:
    try:
        replies = celery_app.control.ping(timeout=timeout)
    except Exception:
        return "down"
    return "ok" if replies else "down"


@dataclass(frozen=True)
class Readiness:
    states: dict[str, str]
    checked_at: float

    @property
    def ready(self) -> bool:
        return all(state == "ok" for state in self.states.values())


_last: Readiness | None = None
_checking = threading.Lock()


def readiness() -> Readiness:
    """Every part's state, checked at most once per READINESS_TTL in this process:
    a request that comes while another one checks is given the last result rather
    than starting a check of its own, so polling cannot pile up."""
    global _last
    last = _last
    if last is not None and time.monotonic() - last.checked_at < READINESS_TTL:
        return last
    if not _checking.acquire(blocking=last is None):
        assert last is not None  # noqa: S101 - only the very first check blocks
        return last
    try:
        fresh = _last
        if fresh is None or time.monotonic() - fresh.checked_at >= READINESS_TTL:
            states = {
                "database": database_state(),
                "cache": cache_state(),
                "broker": broker_state(),
                "worker": worker_state(),
            }
            fresh = _last = Readiness(states, time.monotonic())
        return fresh
    finally:
        _checking.release()


def forget_readiness() -> None:
    """Drops the kept result (tests, which start and stop workers)."""
    global _last
    _last = None


# What a reverse proxy adds to a request it passes on (the de facto header, the
# standard one of RFC 7239, and nginx's usual one).
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


def can_see_readiness(request: HttpRequest) -> bool:
    """The operators: a request carrying HEALTH_TOKEN, or one made on this machine
    (a container's own healthcheck). A request passed on by a proxy carries one of
    PROXY_HEADERS and is never taken as local, even when the proxy runs on the
    same host and so connects from a loopback address."""
    token = settings.HEALTH_TOKEN
    given = request.headers.get(TOKEN_HEADER, "")
    if token and given and constant_time_compare(given, token):
        return True
    if any(header in request.headers for header in PROXY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False
