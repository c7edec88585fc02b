"""The state of the portal's moving parts, for /healthz and the operators."""

from django.core.cache import cache
from django.db import connection

from pim_portal.celery import app as celery_app


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "down"; the reason goes to the log
        return "down"
    return "ok"


def redis_state() -> str:
    try:
        cache.set("healthz", "ok", timeout=5)
        return "ok" if cache.get("healthz") == "ok" else "down"
    except Exception:
        return "down"


def worker_state(timeout: float = 1.0) -> str:
    try:
        replies = celery_app.control.ping(timeout=timeout)
    except Exception:
        return "down"
    return "ok" if replies else "down"
