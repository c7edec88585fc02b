"""Django's Redis cache, with one Redis client per connection pool, that treats
Redis not answering as a miss.

Django's `RedisCacheClient` builds a new `redis.Redis` for every cache call, and
each one sets up its table of about 170 response callbacks: a page that reads the
session and three cached parts pays for that five times. A `redis.Redis` is safe
to share (each command takes a connection from the pool), so one per pool is kept.

The cache only ever saves work: a read that fails is a miss, a write that fails is
skipped, and the failure is logged — at most once a minute per process, so an
outage does not flood the log. Pages are then computed from PostgreSQL and
sessions read from it (cached_db); only what needs the broker waits.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django_client: Any = self  # its pool helpers are not in django-stubs
        index = django_client._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = django_client._client(
                connection_pool=django_client._get_connection_pool(write)
            )
        return client


class FailureLog:
    """Logs a failed cache operation at most once every `every` seconds, saying how
    many failed in between without a line of their own."""

    def __init__(self, every: float) -> None:
        self.every = every
        self._lock = threading.Lock()
        self._last: float | None = None
        self._unlogged = 0

    def failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            now = time.monotonic()
            if self._last is not None and now - self._last < self.every:
                self._unlogged += 1
                return
            unlogged, self._unlogged, self._last = self._unlogged, 0, now
        logger.warning(
            "Redis cache %s failed, treated as a miss (%s: %s); "
            "%d more failures since the last warning",
            operation,
            type(error).__name__,
            error,
            unlogged,
        )


FAILURES = FailureLog(every=60)


def _missing(key: Any, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"Key '{key}' not found.")  # as Django says for a missing key


def _tolerant(method: Callable[..., Any], fallback: Callable[..., Any]) -> Any:
    """`method`, answering `fallback(*its arguments)` when Redis fails."""

    def call(self: RedisCache, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            FAILURES.failed(method.__name__, error)
            return fallback(*args, **kwargs)

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


class PortalRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    # What each operation answers when Redis does not: what a cache that lost
    # everything would. `add` says stored, so whoever holds a lock made with it
    # goes on (allauth's rate limiter would otherwise refuse every login).
    get = _tolerant(RedisCache.get, lambda key, default=None, *a, **k: default)
    get_many = _tolerant(RedisCache.get_many, lambda *a, **k: {})
    has_key = _tolerant(RedisCache.has_key, lambda *a, **k: False)
    add = _tolerant(RedisCache.add, lambda *a, **k: True)
    set = _tolerant(RedisCache.set, lambda *a, **k: None)
    set_many = _tolerant(RedisCache.set_many, lambda data, *a, **k: list(data))
    touch = _tolerant(RedisCache.touch, lambda *a, **k: False)
    delete = _tolerant(RedisCache.delete, lambda *a, **k: False)
    delete_many = _tolerant(RedisCache.delete_many, lambda *a, **k: None)
    incr = _tolerant(RedisCache.incr, _missing)
    clear = _tolerant(RedisCache.clear, lambda *a, **k: None)
