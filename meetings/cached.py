"""What the meetings pages keep in Redis, and the version of the meetings it is
keyed by: the meetings services move it on (`meetings_changed`) once a meeting is
scheduled or changed. The workspace's meetings are kept by networks.page_parts
under the same version."""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page
from django.db.models import QuerySet

from core.cached_parts import PARTS_TTL, cached, fingerprint, move_on, versions
from meetings.models import Meeting

_MEETINGS = "meetings:meetings-version"


def meetings_version() -> int:
    return versions(_MEETINGS)[0]


def meetings_changed() -> None:
    """A meeting was scheduled or changed."""
    move_on(_MEETINGS)


def meetings_count(queryset: QuerySet[Meeting]) -> int:
    """How many meetings the query finds, kept under the query itself (its SQL and
    parameters: who looks, which filters, and the moment when the filter depends on
    it) until a meeting is scheduled or changed."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a query that can find nothing (e.g. bad filters)
        return 0
    return cached(
        seen_as=("meetings:count", sql, params, meetings_version()),
        ttl=PARTS_TTL,
        compute=queryset.count,
    )


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
