"""Parts of pages kept in Redis as text, and the one way they go stale: generations.

A part is kept under everything its text depends on (`seen_as`): the data it shows —
either that data itself, as already read for the page, or the current *generation*
of it — and, when it differs from person to person, what the person looking may do.
The app that owns the data names its generation and starts a new one from its
services once their change commits (`new_generation`), so the next visit renders the
part again and nothing stale is ever served. A generation comes from the clock, so
it is never one that an older part was kept under, even when Redis lost the key in
between.

Only text is kept (HTML, or a number written out), never pickled objects: a copy
made by another release of the code cannot be misread, and the release itself is in
every key (`release`). Redis not answering is a miss (core.redis_cache): the part is
rendered afresh and the page still answers.
"""

import functools
import hashlib
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

# A part that shows data some change made outside the services (in the admin, in a
# person's own account settings) may show is kept this long at most.
PARTS_TTL = 300  # seconds

# What a release is made of: the project's code, its templates, its compiled
# translations and its static files, whose hashed names a kept part may carry (not
# the virtualenv, the data under var/ or the tests).
_RELEASE_SUFFIXES = (".py", ".html", ".mo", ".css", ".js", ".svg")
_NOT_RELEASED = {"var", "tests", "node_modules"}


def generations(*names: str) -> tuple[int, ...]:
    """The current generation of each named piece of data, in one round trip."""
    keys = [f"generation:{name}" for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        for key in missing:
            cache.add(key, now, timeout=None)
        found.update(cache.get_many(missing))
        # Redis not answering: generations of this moment, under which nothing is kept
        for key in missing:
            found.setdefault(key, now)
    return tuple(int(found[key]) for key in keys)


def new_generation(*names: str) -> None:
    """The named data changed: once the transaction commits, every part kept under
    their current generations is stale. (Redis being down then is logged by the
    cache, not raised: the change itself is saved.)"""

    def start() -> None:
        now = time.time_ns()
        cache.set_many({f"generation:{name}": now for name in names}, timeout=None)

    transaction.on_commit(start, robust=True)


@functools.cache
def release() -> str:
    """A fingerprint of the code that renders kept parts — the Python code, the
    templates, the compiled translations and the static files — so that a new
    release never serves a part kept by the one before it."""
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    roots = [
        path
        for path in base.iterdir()
        if path.is_dir()
        and path.name not in _NOT_RELEASED
        and not path.name.startswith(".")
    ]
    for root in sorted(roots):
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(base)
            if path.suffix in _RELEASE_SUFFIXES and "tests" not in relative.parts:
                digest.update(str(relative).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*seen_as: object) -> str:
    """A short digest of everything a part depends on (`seen_as`: generations, or
    the data itself as read for the page, what the person may do…), the release and
    the language: the key to keep the part under."""
    digest = hashlib.blake2b(
        repr((release(), translation.get_language(), *seen_as)).encode(),
        digest_size=16,
    )
    return digest.hexdigest()


def cached_text(
    *, seen_as: tuple[object, ...], compute: Callable[[], str], ttl: int = PARTS_TTL
) -> str:
    """`compute()`, kept `ttl` seconds under `seen_as` (everything it depends on
    besides the release and the language, which are added here)."""
    key = "parts:" + fingerprint(*seen_as)
    found = cache.get(key)
    if isinstance(found, str):
        return found
    text = compute()
    if not isinstance(text, str):  # never a pickled object (see the module's note)
        raise TypeError(f"a kept part is text, not {type(text).__name__}")
    cache.set(key, text, ttl)
    return text


def cached_count(*, seen_as: tuple[object, ...], count: Callable[[], int]) -> int:
    """A number (how many rows a list finds), kept as text like any part."""
    return int(cached_text(seen_as=seen_as, compute=lambda: str(count())))


def _mark(name: str) -> str:
    # Stands in the kept HTML for what differs on every visit. It is derived from
    # the secret key, so no text a user writes can contain it.
    return salted_hmac("core.page_cache", name).hexdigest()[:32]


def cached_html(
    request: HttpRequest,
    *,
    seen_as: tuple[object, ...],
    render: Callable[[Mapping[str, str]], str],
    per_visit: Mapping[str, str] | None = None,
    ttl: int = PARTS_TTL,
) -> SafeString:
    """The HTML that `render` makes (with our templates), kept for `ttl` seconds
    under `seen_as`, so two visits share a copy only when they would be shown the
    same HTML.

    `render` is given stand-ins to write for what differs on every visit: the CSRF
    token (`"csrf_token"`, for the template context) and each name of `per_visit`.
    On the way out they are replaced by this visit's token and `per_visit`'s HTML."""
    per_visit = per_visit or {}
    marks = {name: _mark(name) for name in ("csrf_token", *per_visit)}
    html = cached_text(seen_as=seen_as, ttl=ttl, compute=lambda: render(marks))
    html = html.replace(marks["csrf_token"], get_token(request))
    for name, value in per_visit.items():
        html = html.replace(marks[name], value)
    return mark_safe(html)  # noqa: S308 - rendered by our templates
