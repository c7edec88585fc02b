import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from partnerships.models import (
    JoinRequest,
    LocalPartnership,
    ParticipationActivity,
    PartnershipMember,
    Sector,
)


@dataclass(frozen=True)
class MembersAt:
    day: datetime.date
    by_sector: list[int]  # in the order of Sector
    total: int


@dataclass(frozen=True)
class Summary:
    """Who takes part in the LP, in counts: with the attendance of its meetings
    (meetings.selectors.participation_record) it feeds section 8 of the city's
    MID."""

    sectors: Sequence[tuple[str, object]]  # (value, translated label)
    members_by_sector: list[int]
    members_total: int
    activities: list[ParticipationActivity]
    members_over_time: list[MembersAt]  # at the end of each quarter, and today


def partnership_summary(partnership: LocalPartnership) -> Summary:
    """Counts only (no personal data), in three queries whatever the size."""
    sectors = list(Sector.choices)
    member_counts = dict(
        partnership.members.filter(left_on__isnull=True)
        .values_list("sector")
        .annotate(count=Count("id"))
        .values_list("sector", "count")
    )
    return Summary(
        members_over_time=_members_over_time(partnership, [v for v, _l in sectors]),
        sectors=sectors,
        members_by_sector=[member_counts.get(value, 0) for value, _label in sectors],
        members_total=sum(member_counts.values()),
        activities=list(partnership.activities.all()),
    )


def members_of(partnership: LocalPartnership) -> QuerySet[PartnershipMember]:
    return partnership.members.filter(erased_at__isnull=True).order_by(
        "left_on", "name"
    )


def pending_join_requests(partnership: LocalPartnership) -> QuerySet[JoinRequest]:
    return partnership.join_requests.filter(status=JoinRequest.Status.PENDING)


def _quarter_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        last = datetime.date(
            year + month // 12, month % 12 + 1, 1
        ) - datetime.timedelta(days=1)
        if last >= end:
            break
        days.append(last)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return [*days, end]


def _members_over_time(
    partnership: LocalPartnership, sectors: list[str]
) -> list[MembersAt]:
    """How many members each sector had at each quarter's end (one query)."""
    spans = list(
        partnership.members.values_list("sector", "joined_on", "left_on").order_by()
    )
    if not spans:
        return []
    today = timezone.localdate()
    # Bounded: a stray date must not turn the record into thousands of quarters.
    first = max(
        min(joined for _sector, joined, _left in spans),
        today - datetime.timedelta(days=20 * 366),
    )
    if first > today:
        return []
    rows = []
    for day in _quarter_ends(first, today):
        counts = dict.fromkeys(sectors, 0)
        for sector, joined, left in spans:
            if joined <= day and (left is None or left > day) and sector in counts:
                counts[sector] += 1
        by_sector = [counts[sector] for sector in sectors]
        rows.append(MembersAt(day, by_sector, sum(by_sector)))
    return rows
