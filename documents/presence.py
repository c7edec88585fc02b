"""Who has a section's editor open right now ("also editing now"). Advisory only:
the revision check in the services is what keeps texts from being overwritten."""

import time

from django.core.cache import cache

from accounts.models import User

# An editor page reports every PRESENCE_POLL seconds; a person who has not been
# heard from for PRESENCE_TTL seconds has left.
PRESENCE_POLL = 15
PRESENCE_TTL = 40


def _key(section_id: int) -> str:
    return f"documents:presence:{section_id}"


def presence_touch(*, section_id: int, user: User) -> list[str]:
    """Notes that `user` has the section open; returns the names of the others."""
    now = time.time()
    present: dict[int, tuple[str, float]] = cache.get(_key(section_id)) or {}
    present = {
        pk: (name, seen)
        for pk, (name, seen) in present.items()
        if now - seen < PRESENCE_TTL
    }
    present[user.pk] = (user.get_full_name() or user.email, now)
    cache.set(_key(section_id), present, PRESENCE_TTL)
    return sorted(name for pk, (name, _seen) in present.items() if pk != user.pk)
