"""The rendered parts of the public network pages (the list of networks, a
network's members, lead history and experts), cached in Redis.

They are the same for every visitor in a language — nothing in them depends on who
asks — so they cannot leak anything across users. A cached part is keyed by the
current *version* of the networks' public data, which `public_pages_changed` moves
on whenever a service changes a network, its members or its experts; a part is kept
at most `PUBLIC_PAGES_TTL` seconds in any case.
"""

from core.cached_parts import move_on, release, versions

PUBLIC_PAGES_TTL = 300  # seconds
_VERSION_KEY = "networks:public-pages-version"


def public_parts() -> dict[str, str | int]:
    """What a template's `{% cache public_ttl "…" public_version … %}` needs."""
    version = f"{versions(_VERSION_KEY)[0]}-{release()}"
    return {"public_version": version, "public_ttl": PUBLIC_PAGES_TTL}


def public_pages_changed() -> None:
    """The networks' public data changed: once the transaction commits, every cached
    part is stale."""
    move_on(_VERSION_KEY)
