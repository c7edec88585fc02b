"""Django's Redis cache, with one Redis client per connection pool.

Django's `RedisCacheClient` builds a new `redis.Redis` for every cache call, and
each one sets up its table of about 170 response callbacks: a page that reads the
session and three cached parts pays for that five times. A `redis.Redis` is safe
to share (each command takes a connection from the pool), so one per pool is kept.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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


class PortalRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
