from django.db.models import Prefetch, QuerySet

from meetings.models import AgendaItem, Meeting, Registration
from partnerships.models import PartnershipMember


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
