"""The rendered parts of the public network pages (the list of networks, a
network's members, lead history and experts), cached in Redis.

They are the same for every visitor in a language — nothing in them depends on who
asks — so they cannot leak anything across users. A cached part is keyed by the
current *version* of the networks' public data, which `public_pages_changed` moves
on whenever a service changes a network, its members or its experts; a part is kept
at most `PUBLIC_PAGES_TTL` seconds in any case.
"""

import contextlib
import time

from django.core.cache import cache
from django.db import transaction

PUBLIC_PAGES_TTL = 300  # seconds
_VERSION_KEY = "networks:public-pages-version"


def _version() -> int:
    """The version the cached parts are keyed by (a new one if Redis lost it, so
    no part cached before can be served again)."""
    version = cache.get(_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(_VERSION_KEY, version, timeout=None)
        version = cache.get(_VERSION_KEY, version)
    return int(version)


def public_parts() -> dict[str, int]:
    """What a template's `{% cache public_ttl "…" public_version … %}` needs."""
    return {"public_version": _version(), "public_ttl": PUBLIC_PAGES_TTL}


def public_pages_changed() -> None:
    """The networks' public data changed: once the transaction commits, every cached
    part is stale."""

    def move_on() -> None:
        # Not in Redis: the next read starts a new version anyway.
        with contextlib.suppress(ValueError):
            cache.incr(_VERSION_KEY)

    transaction.on_commit(move_on)
