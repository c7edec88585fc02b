"""What the meetings pages keep in Redis, and the version of the meetings it is
keyed by: the meetings services move it on (`meetings_changed`) once a meeting is
scheduled or changed. The workspace's meetings are kept by networks.page_parts
under the same version."""

import datetime
from collections.abc import Hashable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page
from django.db.models import QuerySet

from accounts.models import User
from core.cached_parts import PARTS_TTL, cached, fingerprint, move_on, versions
from meetings.models import Meeting

_MEETINGS = "meetings:meetings-version"


def meetings_version() -> int:
    return versions(_MEETINGS)[0]


def meetings_changed() -> None:
    """A meeting was scheduled or changed."""
    move_on(_MEETINGS)


def meetings_count(
    queryset: QuerySet[Meeting],
    *,
    filter_key: str,
    audience: Hashable,
    moment: datetime.datetime | None,
) -> int:
    """How many meetings the query finds, kept until a meeting is scheduled or
    changed under what the query stands for, never its SQL (whose parameters hold
    the moment of the request, so each request would write a new key): the
    validated filters (core.listing.filters_key), who is looking (`audience_of`)
    and, for a filter that depends on the clock, the minute it is computed for."""
    return cached(
        seen_as=("meetings:count", filter_key, audience, moment, meetings_version()),
        ttl=PARTS_TTL,
        compute=queryset.count,
    )


def audience_of(user: User | AnonymousUser, visible: QuerySet[Meeting]) -> Hashable:
    """Whom a count is computed for: the public, or the person and the networks
    and organisations whose meetings they see (the parameters of `visible`, which
    hold no clock), so a count follows a change of their memberships at once."""
    if not user.is_authenticated:
        return "public"
    try:
        _, params = visible.query.sql_with_params()
    except EmptyResultSet:  # sees no meeting at all
        params = ()
    return ("user", user.pk, tuple(str(param) for param in params))


def calendar_table_key(page: Page) -> str:
    """The calendar table is cached under what its rows show, as read for the page
    (and the count in its caption): it is never stale."""
    return fingerprint(
        page.paginator.count,
        [
            (
                meeting.pk,
                meeting.title,
                meeting.starts_at,
                meeting.kind,
                meeting.mode,
                meeting.network.name if meeting.network else None,
                meeting.edition.name,
                meeting.host.name,
            )
            for meeting in page.object_list
        ],
    )
