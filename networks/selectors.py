from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from meetings.models import Meeting
from meetings.permissions import visible_meetings
from networks.models import Edition, Network, NetworkExpert, NetworkMembership
from organisations.models import Membership, Organisation


def current_edition() -> Edition | None:
    """The edition that started last (and has started): what the home page shows."""
    return (
        Edition.objects.filter(starts_on__lte=timezone.localdate())
        .order_by("-starts_on")
        .first()
    )


def _current_memberships() -> QuerySet[NetworkMembership]:
    return (
        NetworkMembership.objects.filter(valid_to__isnull=True)
        .select_related("organisation")
        .order_by("-role", "organisation__name")  # "partner" > "lead": lead first
    )


def networks_for_listing() -> QuerySet[Network]:
    """Networks with their edition, theme and current members, in three queries."""
    return (
        Network.objects.select_related("edition", "theme")
        .prefetch_related(
            Prefetch("memberships", queryset=_current_memberships(), to_attr="current")
        )
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__valid_to=None))
        )
        .order_by("-edition__starts_on", "name_pl")
    )


@dataclass(frozen=True)
class NetworkPage:
    network: Network
    lead: NetworkMembership | None
    partners: list[NetworkMembership]
    lead_history: list[NetworkMembership]
    former_members: list[NetworkMembership]
    experts: list[NetworkExpert]


def network_public_page(*, slug: str) -> NetworkPage:
    """What anyone may see of a network: members, lead history, experts."""
    network = (
        Network.objects.select_related("edition", "theme")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related(
                    "organisation"
                ).order_by("valid_from", "organisation__name"),
            ),
            Prefetch(
                "experts",
                queryset=NetworkExpert.objects.filter(valid_to=None).select_related(
                    "user"
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if network is None:
        raise Http404
    rows = list(network.memberships.all())
    current = [row for row in rows if row.valid_to is None]
    return NetworkPage(
        network=network,
        lead=next((row for row in current if row.role == row.Role.LEAD), None),
        partners=sorted(
            (row for row in current if row.role == row.Role.PARTNER),
            key=lambda row: row.organisation.name,
        ),
        lead_history=[row for row in rows if row.role == row.Role.LEAD],
        former_members=[
            row for row in rows if row.valid_to and row.role == row.Role.PARTNER
        ],
        experts=list(network.experts.all()),
    )


def current_member_organisations(*, network_id: int) -> QuerySet[Organisation]:
    """The organisations that are members of the network today, by name."""
    members = NetworkMembership.objects.filter(
        network_id=network_id, valid_to__isnull=True
    ).values("organisation_id")
    return Organisation.objects.filter(pk__in=members).order_by("name")


def networks_of_user(*, user: User) -> QuerySet[Network]:
    """Networks a person works in: through their organisations or as expert."""
    return (
        Network.objects.filter(
            Q(
                memberships__valid_to=None,
                memberships__organisation__memberships__user=user,
                memberships__organisation__memberships__is_active=True,
            )
            | Q(experts__user=user, experts__valid_to=None)
        )
        .select_related("edition")
        .distinct()
        .order_by("-edition__starts_on", "name_pl")
    )


def experts_of_network(*, network: Network) -> QuerySet[NetworkExpert]:
    """Current and past experts of a network, current first."""
    return (
        NetworkExpert.objects.filter(network=network)
        .select_related("user")
        .order_by("valid_to", "-valid_from")
    )


@dataclass(frozen=True)
class MemberRow:
    membership: NetworkMembership
    contacts: list[Membership]  # the organisation's coordinators


@dataclass(frozen=True)
class Workspace:
    page: NetworkPage
    members: list[MemberRow]  # the lead first
    upcoming: list[Meeting]
    recent_meetings: list[Meeting]
    activity: list[AuditEvent]


def network_workspace(*, network: Network, viewer: User) -> Workspace:
    """Everything the network's members see on its workspace, in a fixed number of
    queries whatever the number of members and meetings."""
    page = network_public_page(slug=network.slug)
    current = [row for row in [page.lead, *page.partners] if row]
    member_ids = [row.organisation_id for row in current]
    contacts: dict[int, list[Membership]] = {}
    for membership in (
        Membership.objects.filter(
            organisation_id__in=member_ids,
            is_active=True,
            role=Membership.Role.COORDINATOR,
        )
        .select_related("user")
        .order_by("user__full_name")
    ):
        contacts.setdefault(membership.organisation_id, []).append(membership)
    meetings = (
        visible_meetings(viewer)
        .filter(
            Q(network=network)
            | Q(kind=Meeting.Kind.JOINT, edition_id=network.edition_id)
        )
        .select_related("host")
    )
    return Workspace(
        page=page,
        members=[
            MemberRow(row, contacts.get(row.organisation_id, [])) for row in current
        ],
        upcoming=list(
            meetings.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:10]
        ),
        recent_meetings=list(meetings.order_by("-created_at")[:5]),
        activity=list(
            AuditEvent.objects.filter(network=network)
            .select_related("actor", "subject")
            .order_by("-created_at")[:10]
        ),
    )
