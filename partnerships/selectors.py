import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Attendance, Meeting
from meetings.permissions import can_see_announcement
from partnerships.models import (
    JoinRequest,
    LocalPartnership,
    ParticipationActivity,
    PartnershipMember,
    Sector,
)


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    by_sector: list[int]  # in the order of Sector
    total: int


@dataclass(frozen=True)
class MembersAt:
    day: datetime.date
    by_sector: list[int]  # in the order of Sector
    total: int


@dataclass(frozen=True)
class Summary:
    """The LP's participation record: feeds section 8 of the city's MID."""

    sectors: Sequence[tuple[str, object]]  # (value, translated label)
    members_by_sector: list[int]
    members_total: int
    meetings: list[MeetingRow]
    activities: list[ParticipationActivity]
    members_over_time: list[MembersAt]  # at the end of each quarter, and today


def partnership_summary(
    partnership: LocalPartnership, *, viewer: User | AnonymousUser | None = None
) -> Summary:
    """Counts only (no personal data), in four queries whatever the size. A meeting
    the viewer may not see (`meetings.permissions.can_see_announcement`, as its
    own page decides) is counted under a stand-in carrying its date alone: no
    template can show its title. No viewer: as the public sees it."""
    viewer = viewer if viewer is not None else AnonymousUser()
    sectors = list(Sector.choices)
    member_counts = dict(
        partnership.members.filter(left_on__isnull=True)
        .values_list("sector")
        .annotate(count=Count("id"))
        .values_list("sector", "count")
    )
    meetings = list(
        Meeting.objects.filter(
            kind=Meeting.Kind.LOCAL_PARTNERSHIP,
            host_id=partnership.organisation_id,
            network_id=partnership.network_id,
        )
        .select_related("host")  # who may see it is decided by its host
        .order_by("starts_at")
    )
    counts: dict[tuple[int, str], int] = {
        (meeting_id, sector): count
        for meeting_id, sector, count in Attendance.objects.filter(meeting__in=meetings)
        .values_list("meeting_id", "sector")
        .annotate(count=Count("id"))
        .values_list("meeting_id", "sector", "count")
    }
    rows = []
    for meeting in meetings:
        by_sector = [counts.get((meeting.pk, value), 0) for value, _label in sectors]
        unknown = counts.get((meeting.pk, ""), 0)
        shown = meeting if can_see_announcement(viewer, meeting) else _stand_in(meeting)
        rows.append(MeetingRow(shown, by_sector, sum(by_sector) + unknown))
    return Summary(
        members_over_time=_members_over_time(partnership, [v for v, _l in sectors]),
        sectors=sectors,
        members_by_sector=[member_counts.get(value, 0) for value, _label in sectors],
        members_total=sum(member_counts.values()),
        meetings=rows,
        activities=list(partnership.activities.all()),
    )


def _stand_in(meeting: Meeting) -> Meeting:
    """An unsaved meeting with the date of one the viewer may not see, and no
    title, place or link of it."""
    return Meeting(
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        title=str(_("Local Partnership meeting (not public)")),
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
