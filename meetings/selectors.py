from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import AgendaItem, Attendance, Meeting, Registration
from meetings.permissions import can_see_announcement
from partnerships.models import LocalPartnership, PartnershipMember
from partnerships.selectors import Summary, partnership_summary


def meetings_for_listing(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Calendar rows: meeting, edition, network and host in one query."""
    # No count of registrations here (nothing shows it): grouping every
    # registration would keep the page's ORDER BY and LIMIT from walking an index.
    # The long texts (description, minutes) are not shown in the list.
    return queryset.select_related("edition", "network", "host").defer(
        "description", "minutes"
    )


def meeting_page(meeting: Meeting) -> Meeting:
    """A meeting with everything its page shows, in a fixed number of queries."""
    return (
        Meeting.objects.select_related(
            "edition", "network", "host", "created_by", "minutes_approved_by"
        )
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position")),
            Prefetch(
                "registrations",
                queryset=Registration.objects.select_related("user").order_by(
                    "created_at"
                ),
            ),
            "attendance",
            "attachments",
        )
        .get(pk=meeting.pk)
    )


def meetings_for_feed(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return queryset.prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position"))
    ).order_by("starts_at")


def lp_members_for(meeting: Meeting) -> QuerySet[PartnershipMember]:
    """The current members of the host city's Local Partnership in the meeting's
    network (for LP meetings; none otherwise)."""
    if meeting.kind != Meeting.Kind.LOCAL_PARTNERSHIP or meeting.network_id is None:
        return PartnershipMember.objects.none()
    return PartnershipMember.objects.filter(
        partnership__organisation_id=meeting.host_id,
        partnership__network_id=meeting.network_id,
        left_on__isnull=True,
        erased_at__isnull=True,
    ).order_by("name")


def meetings_attended_by(member: PartnershipMember) -> list[dict[str, str]]:
    """The meetings an LP member attended, for their data export (the right of
    access): found by the link to the member, never by name."""
    return [
        {
            "meeting": row.meeting.title,
            "date": row.meeting.starts_at.date().isoformat(),
        }
        for row in Attendance.objects.filter(member=member).select_related("meeting")
    ]


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    by_sector: list[int]  # in the order of partnerships.models.Sector
    unknown: int  # walk-ins whose sector was not given
    total: int  # everyone present: the sectors and the unknown


@dataclass(frozen=True)
class ParticipationRecord(Summary):
    """An LP's participation record: its members (partnerships' Summary) and the
    attendance of its meetings by sector; it feeds section 8 of the city's MID."""

    meetings: list[MeetingRow]


def participation_record(
    partnership: LocalPartnership, *, viewer: User | AnonymousUser
) -> ParticipationRecord:
    """Counts only (no personal data), in five queries whatever the size. A
    meeting the viewer may not see (`can_see_announcement`, as its own page
    decides) is counted under a stand-in carrying its date alone: no template can
    show its title."""
    members = partnership_summary(partnership)
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
    sectors = [value for value, _label in members.sectors]
    rows = []
    for meeting in meetings:
        by_sector = [counts.get((meeting.pk, sector), 0) for sector in sectors]
        unknown = counts.get((meeting.pk, ""), 0)
        shown = meeting if can_see_announcement(viewer, meeting) else _stand_in(meeting)
        rows.append(MeetingRow(shown, by_sector, unknown, sum(by_sector) + unknown))
    return ParticipationRecord(
        sectors=members.sectors,
        members_by_sector=members.members_by_sector,
        members_total=members.members_total,
        activities=members.activities,
        members_over_time=members.members_over_time,
        meetings=rows,
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


# The generation of the meetings (core.page_cache): the meetings' services start a
# new one whenever a meeting is scheduled or changed.
MEETINGS = "meetings:meetings"
