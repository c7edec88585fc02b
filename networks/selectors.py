from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from core.page_cache import fingerprint, generations
from networks.models import Edition, Network, NetworkExpert, NetworkMembership
from networks.workflow import WRITING_ROLES
from organisations.models import Membership, Organisation
from organisations.selectors import (
    COORDINATORS,
    ORGANISATIONS,
    active_coordinators,
    organisations_to_choose,
)

# The generation of the networks, their members and their experts (core.page_cache):
# the networks' services start a new one with every change they make.
NETWORKS = "networks:networks"


def public_pages_key() -> str:
    """What a public network page's kept parts are keyed by (`{% cache … %}`):
    they name the networks and their organisations."""
    return fingerprint(generations(NETWORKS, ORGANISATIONS))


def people_generations() -> tuple[int, ...]:
    """The generations of the networks' people (members, experts) and of who
    coordinates each organisation: what a part naming them is kept under."""
    return generations(NETWORKS, COORDINATORS, ORGANISATIONS)


def started_editions() -> QuerySet[Edition]:
    """The editions that have started, the latest first."""
    return Edition.objects.filter(starts_on__lte=timezone.localdate()).order_by(
        "-starts_on"
    )


def current_edition() -> Edition | None:
    """The edition the portal runs now (the ministry marks it): what the home page
    shows. Without one marked, the edition that started last."""
    return Edition.objects.filter(is_current=True).first() or started_editions().first()


# The order of a network's members wherever they are listed: the lead, the
# partners, then the observers.
ROLES_IN_ORDER = (
    NetworkMembership.Role.LEAD,
    NetworkMembership.Role.PARTNER,
    NetworkMembership.Role.OBSERVER,
)
_ROLE_RANK = Case(
    *(When(role=role, then=rank) for rank, role in enumerate(ROLES_IN_ORDER)),
    default=len(ROLES_IN_ORDER),
)


def current_memberships() -> QuerySet[NetworkMembership]:
    """The networks' current members with their organisations: in each network the
    lead, the partners, then the observers, each by name."""
    return (
        NetworkMembership.objects.filter(valid_to__isnull=True)
        .select_related("organisation")
        .order_by(_ROLE_RANK, "organisation__name", "pk")
    )


def networks_for_listing() -> QuerySet[Network]:
    """Networks with their edition, theme, current lead (`leads`, a list) and
    number of current members, in two queries."""
    leads = current_memberships().filter(role=NetworkMembership.Role.LEAD)
    return (
        Network.objects.select_related("edition", "theme")
        .prefetch_related(Prefetch("memberships", queryset=leads, to_attr="leads"))
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
    former_members: list[NetworkMembership]  # ended partners' and observers' rows
    experts: list[NetworkExpert]
    observers: list[NetworkMembership] = field(default_factory=list)
    history: list[NetworkMembership] = field(default_factory=list)  # by start

    @property
    def members(self) -> list[NetworkMembership]:
        """The current members: the lead, the partners, then the observers."""
        return [*([self.lead] if self.lead else []), *self.partners, *self.observers]


def _memberships_by_start() -> QuerySet[NetworkMembership]:
    return NetworkMembership.objects.select_related("organisation").order_by(
        "valid_from", "organisation__name"
    )


def _current_experts() -> QuerySet[NetworkExpert]:
    return NetworkExpert.objects.filter(valid_to=None).select_related("user")


def _page_of(network: Network) -> NetworkPage:
    """The page of a network whose `memberships` and `experts` are prefetched."""
    rows = list(network.memberships.all())
    current = [row for row in rows if row.valid_to is None]

    def named(role: str) -> list[NetworkMembership]:
        return sorted(
            (row for row in current if row.role == role),
            key=lambda row: row.organisation.name,
        )

    return NetworkPage(
        network=network,
        lead=next((row for row in current if row.role == row.Role.LEAD), None),
        partners=named(NetworkMembership.Role.PARTNER),
        observers=named(NetworkMembership.Role.OBSERVER),
        lead_history=[row for row in rows if row.role == row.Role.LEAD],
        former_members=[
            row for row in rows if row.valid_to and row.role != row.Role.LEAD
        ],
        history=rows,
        experts=list(network.experts.all()),
    )


def public_network(*, slug: str) -> Network:
    """A network with its edition and theme; 404 for an unknown slug."""
    network = (
        Network.objects.select_related("edition", "theme").filter(slug=slug).first()
    )
    if network is None:
        raise Http404
    return network


def network_public_page(*, network: Network) -> NetworkPage:
    """What anyone may see of a network: members, lead history, experts."""
    prefetch_related_objects(
        [network],
        Prefetch("memberships", queryset=_memberships_by_start()),
        Prefetch("experts", queryset=_current_experts()),
    )
    return _page_of(network)


def current_member_organisations(*, network_id: int) -> QuerySet[Organisation]:
    """The organisations taking full part in the network today (the lead and the
    partners: they write a MID, form a Local Partnership, host and are named in the
    network's documents), by name. Observers only follow the work."""
    members = NetworkMembership.objects.filter(
        network_id=network_id, valid_to__isnull=True, role__in=WRITING_ROLES
    ).values("organisation_id")
    return Organisation.objects.filter(pk__in=members).order_by("name")


def lead_organisation_id(*, network_id: int) -> int | None:
    """The network's lead city today, if it has one."""
    return (
        NetworkMembership.objects.filter(
            network_id=network_id,
            valid_to__isnull=True,
            role=NetworkMembership.Role.LEAD,
        )
        .values_list("organisation_id", flat=True)
        .first()
    )


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


def expert_network_ids(*, user: User) -> set[int]:
    """The networks the person is the current thematic expert of."""
    return set(
        NetworkExpert.objects.filter(user=user, valid_to=None).values_list(
            "network_id", flat=True
        )
    )


@dataclass(frozen=True)
class WorkspaceMembers:
    """The workspace's members and contacts: the same for everyone who sees it."""

    page: NetworkPage
    rows: list[MemberRow]  # the current members, the lead first


def workspace_members(*, network: Network) -> WorkspaceMembers:
    """The network's page (members, lead history, experts) with each current
    member's coordinators, in three queries whatever the number of members."""
    page = network_public_page(network=network)
    current = page.members
    contacts: dict[int, list[Membership]] = {}
    for membership in (
        active_coordinators(organisation_ids=[row.organisation_id for row in current])
        .select_related("user")
        .order_by("user__full_name")
    ):
        contacts.setdefault(membership.organisation_id, []).append(membership)
    return WorkspaceMembers(
        page=page,
        rows=[MemberRow(row, contacts.get(row.organisation_id, [])) for row in current],
    )


def network_activity(*, network: Network) -> list[AuditEvent]:
    """The network's latest audit events, the newest first."""
    return list(
        AuditEvent.objects.filter(network=network)
        .select_related("subject")
        .order_by("-created_at")[:10]
    )


def lead_candidates(*, network: Network) -> QuerySet[Organisation]:
    """The current partner cities that may take over the lead (networks/workflow.py:
    Polish and active), by name."""
    partners = NetworkMembership.objects.filter(
        network=network,
        valid_to__isnull=True,
        role=NetworkMembership.Role.PARTNER,
    ).values("organisation_id")
    return Organisation.objects.filter(
        pk__in=partners, country="PL", is_active=True
    ).order_by("name")


def addable_organisations(*, network: Network) -> QuerySet[Organisation]:
    """The organisations the ministry may add to the network: active, of a kind
    that takes part, not current members; by name."""
    current = NetworkMembership.objects.filter(
        network=network, valid_to__isnull=True
    ).values("organisation_id")
    return organisations_to_choose().exclude(pk__in=current).order_by("name", "pk")
