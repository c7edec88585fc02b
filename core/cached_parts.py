"""Versions that rendered page parts cached in Redis are keyed by.

A part is cached under the current version of what it shows; a service that changes
that data moves the version on once its transaction commits, so the next visit
renders the part again and nothing stale is ever served. Every new version comes
from the clock, so a version is never one that an older part was cached under, even
when Redis has lost the key in between.
"""

import functools
import hashlib
import time
from pathlib import Path

from django.conf import settings
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
    cached under their current versions is stale. (Redis being down then is logged,
    not raised: the change itself is saved.)"""

    def bump() -> None:
        cache.set_many(dict.fromkeys(keys, time.time_ns()), timeout=None)

    transaction.on_commit(bump, robust=True)


@functools.cache
def release() -> str:
    """A fingerprint of the code that renders cached parts — the templates and the
    compiled translations — so that a new release never serves HTML cached by the
    one before it."""
    digest = hashlib.blake2b(digest_size=8)
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    roots += sorted(Path(settings.BASE_DIR).glob("*/templates"))
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".html", ".mo"):
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
