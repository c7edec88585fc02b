"""Versions that rendered page parts cached in Redis are keyed by.

A part is cached under the current version of what it shows; a service that changes
that data moves the version on once its transaction commits, so the next visit
renders the part again and nothing stale is ever served. A version Redis has lost
starts again from the clock, never from a number an older part was cached under.
"""

import contextlib
import time

from django.core.cache import cache
from django.db import transaction


def versions(*keys: str) -> tuple[int, ...]:
    """The current version of each key, in one round trip to Redis."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        for key in missing:
            cache.add(key, now, timeout=None)
        found.update(cache.get_many(missing))
    return tuple(int(found[key]) for key in keys)


def move_on(*keys: str) -> None:
    """What the keys stand for changed: once the transaction commits, every part
    cached under their current versions is stale."""

    def bump() -> None:
        for key in keys:
            # Not in Redis: the next read starts a new version anyway.
            with contextlib.suppress(ValueError):
                cache.incr(key)

    transaction.on_commit(bump)
