"""Rendered page parts cached in Redis, and the versions they are keyed by.

A part is cached under everything its HTML depends on: the data it shows — either
that data itself, already read for the page, or the current *version* of it — and,
when it differs from person to person, what the person looking may do. A service
that changes versioned data moves the version on once its transaction commits, so
the next visit renders the part again and nothing stale is ever served. Every new
version comes from the clock, so a version is never one that an older part was
cached under, even when Redis has lost the key in between.
"""

import functools
import hashlib
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")

# A part that shows data some change made outside the services (in the admin, in a
# person's own account settings) may show is kept this long at most.
PARTS_TTL = 300  # seconds


def versions(*keys: str) -> tuple[int, ...]:
    """The current version of each key, in one round trip to Redis."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        for key in missing:
            cache.add(key, now, timeout=None)
        found.update(cache.get_many(missing))
        # Redis not answering: versions of this moment, under which nothing is kept
        for key in missing:
            found.setdefault(key, now)
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


def fingerprint(*seen_as: object) -> str:
    """A short digest of everything a part's HTML depends on (`seen_as`: versions,
    or the data itself as read for the page, what the person may do…), the release
    and the language: the key to cache the part under."""
    digest = hashlib.blake2b(
        repr((release(), translation.get_language(), *seen_as)).encode(),
        digest_size=16,
    )
    return digest.hexdigest()


def cached(
    *,
    seen_as: tuple[object, ...],
    ttl: int,
    compute: Callable[[], T],
    still_current: Callable[[T], bool] | None = None,
) -> T:
    """`compute()`, kept `ttl` seconds under `seen_as` (everything it depends on
    besides the release and the language, which are added here). `still_current`:
    whether a kept value may still be served, for what expires with time."""
    key = "parts:" + fingerprint(*seen_as)
    found: T | None = cache.get(key)
    if found is None or (still_current is not None and not still_current(found)):
        found = compute()
        cache.set(key, found, ttl)
    return found


def _mark(name: str) -> str:
    # Stands in the cached HTML for what differs on every visit. It is derived from
    # the secret key, so no text a user writes can contain it.
    return salted_hmac("core.cached_parts", name).hexdigest()[:32]


def cached_html(
    request: HttpRequest,
    *,
    seen_as: tuple[object, ...],
    ttl: int,
    render: Callable[[Mapping[str, str]], str],
    per_visit: Mapping[str, str] | None = None,
) -> SafeString:
    """The HTML that `render` makes (with our templates), cached for `ttl` seconds
    under `seen_as` — everything it depends on besides the release and the language,
    which are added here — so two visits share a copy only when they would be shown
    the same HTML.

    `render` is given stand-ins to write for what differs on every visit: the CSRF
    token (`"csrf_token"`, for the template context) and each name of `per_visit`.
    On the way out they are replaced by this visit's token and `per_visit`'s HTML."""
    per_visit = per_visit or {}
    marks = {name: _mark(name) for name in ("csrf_token", *per_visit)}
    html = cached(seen_as=seen_as, ttl=ttl, compute=lambda: render(marks))
    html = html.replace(marks["csrf_token"], get_token(request))
    for name, value in per_visit.items():
        html = html.replace(marks[name], value)
    return mark_safe(html)  # noqa: S308 - rendered by our templates
